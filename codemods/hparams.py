"""MIG503: `tf.contrib.training.HParams` -> an HParams class written into the module."""
from __future__ import annotations

import libcst as cst

from migrate.codemod import DottedNameCodemod, absolute_module, _bound_names, dotted_text, with_aliases
from migrate.codemods.contrib_eager import add_helpers

NAMES = ("tensorflow.contrib.training.HParams", "tensorflow.contrib.training.python.training.hparam.HParams")

HPARAMS = '''\
class {name}(object):
    """tf.contrib.training.HParams of TF 1.x (removed with tf.contrib in TF 2): named
    hyperparameters whose type is fixed by their first value. `set_hparam`,
    `override_from_dict` and `parse("a=1,b=[1,2]")` cast to that type and raise
    ValueError (wrong type) or KeyError (unknown name) as TF 1.x did."""

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        if hparam_def is not None:
            raise ValueError("HParams from a protocol buffer (hparam_def) is not supported; pass keyword arguments")
        self._hparam_types = {{}}
        self._model_structure = model_structure
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        if getattr(self, name, None) is not None:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    @staticmethod
    def _cast(name, param_type, value):
        import numbers
        if isinstance(value, param_type) or issubclass(param_type, type(None)):
            return value
        wrong = (
            (issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)))
            or issubclass(param_type, bool) != isinstance(value, bool)
            or (issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral))
            or (issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number))
        )
        if wrong:
            raise ValueError("Could not cast hparam '%s' of type '%s' from value %r" % (name, param_type, value))
        return param_type(value)

    def set_hparam(self, name, value):
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError("Must not pass a list for single-valued parameter: %s" % name)
            setattr(self, name, [self._cast(name, param_type, v) for v in value])
        else:
            if is_list:
                raise ValueError("Must pass a list for multi-valued parameter: %s." % name)
            setattr(self, name, self._cast(name, param_type, value))

    def del_hparam(self, name):
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        """Override from "name=value,name=[v1,v2]" (values converted to the existing types)."""
        import re
        pattern = re.compile(r"\\s*([A-Za-z_][\\w.]*)\\s*=\\s*(\\[[^\\]]*\\]|[^,]*)\\s*(?:,|$)")
        position, parsed = 0, {{}}
        values = values.strip()
        while position < len(values):
            match = pattern.match(values, position)
            if not match or match.end() == position:
                raise ValueError("Malformed hyperparameter value: %r" % values[position:])
            name, text = match.group(1), match.group(2).strip()
            if name not in self._hparam_types:
                raise ValueError("Unknown hyperparameter type for %s" % name)
            param_type, is_list = self._hparam_types[name]
            items = [t.strip() for t in text[1:-1].split(",") if t.strip()] if text.startswith("[") else [text]
            converted = [self._parse_one(name, param_type, t) for t in items]
            parsed[name] = converted if is_list else converted[0]
            position = match.end()
        return self.override_from_dict(parsed)

    @staticmethod
    def _parse_one(name, param_type, text):
        if issubclass(param_type, bool):
            if text.lower() in ("true", "1"):
                return True
            if text.lower() in ("false", "0"):
                return False
            raise ValueError("Could not parse %r as a bool for hparam %s" % (text, name))
        if issubclass(param_type, str):
            return text
        return param_type(text)

    def override_from_dict(self, values_dict):
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        import json
        return json.dumps(self.values(), indent=indent, separators=separators, sort_keys=sort_keys)

    def parse_json(self, values_json):
        import json
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        return {{name: getattr(self, name) for name in self._hparam_types}}

    def get(self, key, default=None):
        if key in self._hparam_types:
            return getattr(self, key)
        return default

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        return str(sorted(self.values().items()))

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self.__str__())
'''


class Hparams(DottedNameCodemod):
    """`tf.contrib.training.HParams` (GPT-2, tensor2tensor, seq2seq code) keeps running: an
    HParams class with the TF 1.x behaviour (typed values, `parse`, `override_from_dict`,
    `values`, `to_json`, `add_hparam`, `set_hparam`, `get`) is written into the module.

    Before::

        from tensorflow.contrib.training import HParams
        hparams = HParams(n_vocab=0, n_ctx=1024)
        hparams.override_from_dict(json.load(f))

    After::

        class HParams(object): ...           # written into the module
        hparams = HParams(n_vocab=0, n_ctx=1024)
        hparams.override_from_dict(json.load(f))
    """

    CODE = "MIG503"
    TITLE = "tf.contrib.training.HParams -> an HParams class with TF 1.x behaviour written into the module"
    WARNINGS: dict[str, str] = {}

    @classmethod
    def needed(cls, facts, settings):
        if "HParams" not in facts.source:
            return False
        return any(name in NAMES for name in facts.names) or any(imp.qualified in NAMES for imp in facts.imports)

    def __init__(self, file):
        super().__init__(file)
        self.name: str | None = None

    def _class_name(self) -> str:
        if self.name is None:
            taken = {local for local, target in self.file.facts.aliases.items() if target not in NAMES}
            taken |= _bound_names(self.file.facts)
            self.name = "HParams" if "HParams" not in taken else "ContribHParams"
        return self.name

    def rewrite_name(self, original_node, updated_node):
        if self.qualname(original_node) not in NAMES:
            return updated_node
        self.changed(original_node, "tf.contrib.training.HParams -> HParams class written into this module")
        return cst.Name(self._class_name())

    def leave_ImportFrom(self, original_node, updated_node):
        module = absolute_module(original_node)
        if module is None:
            return updated_node
        keep = [a for a in updated_node.names if f"{module}.{dotted_text(a.name)}" not in NAMES]
        if len(keep) == len(updated_node.names):
            return updated_node
        self.changed(original_node, "import of tf.contrib.training.HParams removed (the class is written into this module)")
        return with_aliases(updated_node, keep)

    def leave_Module(self, original_node, updated_node):
        if self.name is None:
            return updated_node
        return add_helpers(updated_node, [HPARAMS.format(name=self.name)])
