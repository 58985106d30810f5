"""MIG206: the file names Keras 3 insists on (target Keras 3 only; tf-keras keeps Keras 2's).

Measured on Keras 3.15.1:
- `model.save("dir")` raises (a path must end in `.keras`, or `.h5` for legacy HDF5), and
  `save_format=` is rejected;
- `model.save_weights("x.h5")` / `save_weights("ckpt/w")` raise (must end in `.weights.h5`),
  and `save_weights(..., save_format=...)` is a TypeError;
- `load_weights(path, by_name=True)` works only on legacy `.h5`/`.hdf5` files (ValueError on
  `.weights.h5` and `.keras`); `skip_mismatch=` works on all formats.

Literal paths are rewritten, and the same literal given to `load_model` / `load_weights` in
the same file is rewritten with it, so the program still finds what it saved.  Paths
computed at run time are warned about with the suffix to use.

Target tf-keras (Keras 2): TF 1.x wrote HDF5 whatever the file name -- `save_model` in
tensorflow/python/keras/saving/save.py (TF 1.14, 1.15) has
`default_format = 'tf' if tf2.enabled() else 'h5'`, and standalone Keras 2.x wrote only
HDF5 -- while tf-keras 2.x picks SavedModel for a path not ending in `.h5`/`.hdf5`/`.keras`.
So in a file read as TF 1 (or importing standalone `keras`), `model.save(path)` and
`save_model(model, path)` with no `save_format` and a path that does not already name the
format get `save_format="h5"`: the program writes the same HDF5 file TF 1 wrote, which its
own `load_model(path)` (and any TF 1 reader of that file) still reads.
"""
from __future__ import annotations

import ast
import re

import libcst as cst

from migrate.codemod import Codemod, dotted_text
from migrate.prescan import dotted_name

LOAD_MODEL_NAMES = {"load_model"}  # keras.models.load_model / keras.saving.load_model
KERAS_MODULE = re.compile(r"(^|\.)keras(\.|$)|^tf_keras")
MODEL_CONSTRUCTORS = {"Model", "Sequential", "load_model", "model_from_json", "model_from_yaml", "clone_model"}
KERAS_KEYWORDS = {
    "filepath", "by_name", "skip_mismatch", "save_format", "overwrite", "options",
    "include_optimizer", "signatures", "save_traces", "max_shard_size", "zipped",
    "custom_objects", "compile", "safe_mode",  # load_model
}
MODEL_NAME = re.compile(r"(^|_)model$", re.IGNORECASE)
# Losses/metrics given by abbreviation do not survive a Keras 3 HDF5 round trip
# ("Could not deserialize 'keras.metrics.mse'"), measured on 3.15.1.
ABBREVIATED_LOSS = re.compile(r"""(loss|metrics)\s*=\s*[\[\(]?\s*['"](mse|mae|mape|msle)['"]""")


def _suffix_kind(path: str) -> str:
    lower = path.lower()
    if lower.endswith(".weights.h5") or lower.endswith(".weights.json"):
        return "weights"
    if lower.endswith(".keras"):
        return "keras"
    if lower.endswith((".h5", ".hdf5")):
        return "h5"
    return "other"


def _string_value(node) -> str | None:
    if isinstance(node, cst.SimpleString) and "f" not in node.prefix.lower() and "b" not in node.prefix.lower():
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, SyntaxError):
            return None
        return value if isinstance(value, str) else None
    return None


def _with_value(node: cst.SimpleString, value: str) -> cst.SimpleString:
    quote = node.quote
    return node.with_changes(value=f"{node.prefix}{quote}{value}{quote}")


def weights_path(path: str) -> str:
    """"x.h5" -> "x.weights.h5"; "ckpt/w" -> "ckpt/w.weights.h5"."""
    if path.lower().endswith((".h5", ".hdf5")):
        path = path.rsplit(".", 1)[0]
    return path.rstrip("/") + ".weights.h5"


def model_path(path: str) -> str:
    """"saved/model" or "saved/model/" -> "saved/model.keras"."""
    return path.rstrip("/") + ".keras"


class KerasFileNames(Codemod):
    """Keras 2 save / load paths -> the ones Keras 3 accepts.

    Before:
        model.save("exported")
        model.save_weights("weights.h5")
        model.load_weights("weights.h5")
        restored = load_model("exported")

    After:
        model.save("exported.keras")
        model.save_weights("weights.weights.h5")
        model.load_weights("weights.weights.h5")
        restored = load_model("exported.keras")
    """

    CODE = "MIG206"
    TITLE = "Keras 3 file names: save(\"dir\") -> .keras, save_weights(\".h5\") -> .weights.h5"
    WARNINGS = {
        "MIG257": "a save path Keras 3 may refuse (computed at run time) or an HDF5 model that will not reload",
        "MIG258": "load_weights(by_name=True) on a file that is not legacy HDF5",
        "MIG259": "load_model of a model with Lambda layers: Keras 3 refuses their Python code by default",
    }

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if _runs_on_tf_keras(facts, settings):
            return (
                "save" in facts.attributes or any(name.endswith(".save_model") for name in facts.names)
            ) and _hdf5_to_keep(facts)
        if settings.keras != "3":
            return False
        if not ({"save", "save_weights", "load_weights"} & facts.attributes) and not any(
            name.endswith(".load_model") for name in facts.names
        ):
            return False
        if not (any(KERAS_MODULE.search(target) for target in facts.aliases.values()) or any(
            KERAS_MODULE.search(name) for name in facts.names
        )):
            return False
        return _anything_to_do(facts)

    def __init__(self, file) -> None:
        super().__init__(file)
        self.tf_keras = _runs_on_tf_keras(file.facts, file.settings)
        self.models = _model_variables(file.facts)
        # literal path -> new literal, decided from the save calls (ast pass, before rewriting)
        self.model_paths: dict[str, str] = {}
        self.weight_paths: dict[str, str] = {}
        self.loaded_weights_by_name: set[str] = set()
        for call, method, path in _path_calls(file.facts):
            receiver = _ast_receiver_key(call)
            if method == "save" and receiver is not None and self._is_model(receiver) and path is not None:
                if _suffix_kind(path) == "other" and len(call.args) == 1 and not any(k.arg == "filepath" for k in call.keywords):
                    self.model_paths[path] = model_path(path)
            elif method == "save_weights" and path is not None and all(k.arg in KERAS_KEYWORDS for k in call.keywords):
                if _suffix_kind(path) in ("h5", "other"):
                    self.weight_paths[path] = weights_path(path)
        self.abbreviated_loss = ABBREVIATED_LOSS.search(file.facts.source) is not None
        # Paths this program itself saves a model to, and whether it builds Lambda layers.
        self.saved_models = {
            path for call, method, path in _path_calls(file.facts)
            if method == "save" and path is not None and (_ast_receiver_key(call) or "") and self._is_model(_ast_receiver_key(call))
        }
        self.uses_lambda_layers = "Lambda" in file.facts.attributes or any(
            name.endswith(".Lambda") and KERAS_MODULE.search(name) for name in file.facts.names
        ) or any(imp.name == "Lambda" and KERAS_MODULE.search(imp.module) for imp in file.facts.imports)
        # A saved path also used in any other way (tf.saved_model.load, os.path.join, a
        # message) is left alone: renaming it there would be guessing.
        literal_counts: dict[str, int] = {}
        for node in file.facts.of_type(ast.Constant):
            if isinstance(node.value, str):
                literal_counts[node.value] = literal_counts.get(node.value, 0) + 1
        handled: dict[str, int] = {}
        for node in file.facts.of_type(ast.Call):
            method = node.func.attr if isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node.func, ast.Name) else ""
            )
            if method in ("save", "save_weights", "load_weights", *LOAD_MODEL_NAMES):
                arg = next((k.value for k in node.keywords if k.arg == "filepath"), node.args[0] if node.args else None)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    handled[arg.value] = handled.get(arg.value, 0) + 1
        for paths in (self.model_paths, self.weight_paths):
            for path in list(paths):
                if literal_counts.get(path, 0) != handled.get(path, 0):
                    del paths[path]

    def _is_model(self, key: str) -> bool:
        return key in self.models or MODEL_NAME.search(key.rpartition(".")[2]) is not None

    def _is_model_call(self, call: cst.Call, method: str) -> bool:
        """`save` is everybody's method name: only on what is known or named as a model.
        `save_weights`/`load_weights` are Keras's, unless given arguments Keras never took
        (Mask R-CNN's own `load_weights(path, by_name, exclude=...)`)."""
        if any(a.keyword is not None and a.keyword.value not in KERAS_KEYWORDS for a in call.args):
            return False
        if method != "save":
            return True
        if (self.qualname(call.func) or "").startswith("tensorflow.saved_model."):
            return False  # TF's `tf.saved_model.save(obj, export_dir)`, whose module name says "model"
        receiver = _cst_receiver_key(call.func.value)
        return receiver is not None and self._is_model(receiver)

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if self.tf_keras:
            return self._keep_hdf5(original_node, updated_node)
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in ("save", "save_weights", "load_weights"):
                if not self._is_model_call(original_node, method):
                    return updated_node
                return getattr(self, f"_{method}")(original_node, updated_node)
        qualified = self.qualname(func) or ""
        if qualified.rpartition(".")[2] in LOAD_MODEL_NAMES and KERAS_MODULE.search(qualified):
            return self._load_model(original_node, updated_node)
        return updated_node

    def _without_save_format(self, original_node, updated_node, why: str) -> list:
        """The call's arguments, minus `save_format=` (Keras 3 takes no such argument)."""
        args = list(updated_node.args)
        save_format = _keyword(updated_node, "save_format")
        if save_format is not None:
            args = _drop(args, save_format)
            self.changed(original_node, f"`save_format=` dropped: {why}")
        return args

    # -- tf-keras target: keep TF 1's HDF5 ---------------------------------------------------
    def _keep_hdf5(self, original_node, updated_node):
        """`model.save(path)` / `save_model(model, path)` -> `..., save_format="h5"` (see the
        module docstring): only when no `save_format` is given, even positionally."""
        func = original_node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "save":
            if not self._is_model_call(original_node, "save"):
                return updated_node
            path_index, format_index, name = 0, 3, "model.save"
        else:
            qualified = self.qualname(func) or ""
            if not (qualified.endswith(".save_model") and KERAS_MODULE.search(qualified)):
                return updated_node
            path_index, format_index, name = 1, 4, "save_model"
        args = list(updated_node.args)
        if any(a.star for a in args) or _keyword(updated_node, "save_format") is not None:
            return updated_node
        positional = [a for a in args if a.keyword is None]
        if len(positional) > format_index:
            return updated_node
        path_arg = _keyword(updated_node, "filepath") or (positional[path_index] if len(positional) > path_index else None)
        if path_arg is None:
            return updated_node
        path = _string_value(path_arg.value)
        if path is not None and _suffix_kind(path) != "other":
            return updated_node  # .h5/.hdf5 stay HDF5; a .keras file is read back by load_model
        args.append(cst.Arg(keyword=cst.Name("save_format"), value=cst.SimpleString('"h5"'), equal=_equal()))
        self.changed(
            original_node,
            f'{name}(...): save_format="h5" added -- TF 1 wrote HDF5 here, tf-keras would write a SavedModel',
        )
        return updated_node.with_changes(args=_commas(args))

    # -- model.save ------------------------------------------------------------------------
    def _save(self, original_node, updated_node):
        path_arg = _path_arg(updated_node, "filepath")
        if path_arg is None:
            return updated_node
        args = self._without_save_format(original_node, updated_node, "Keras 3 picks the format from the file name")
        path = _string_value(path_arg.value)
        if path is None:
            self.warn(
                original_node, "MIG257",
                "Keras 3 saves a model only to a path ending in `.keras` (or `.h5`); make sure this "
                "path does (a directory path raises ValueError). For a TF SavedModel to serve, use `model.export(path)`",
            )
            return updated_node.with_changes(args=_tidy(args, updated_node.args))
        kind = _suffix_kind(path)
        if kind == "h5" and self.abbreviated_loss:
            self.warn(
                original_node, "MIG257",
                "Keras 3 cannot reload this HDF5 model when the loss or metrics are given as "
                "'mse'/'mae'/'mape'/'msle' (\"Could not deserialize 'keras.metrics.mse'\"): spell the loss out "
                "('mean_squared_error') or save to a `.keras` file",
            )
        if path in self.model_paths:
            new = self.model_paths[path]
            args = [a.with_changes(value=_with_value(a.value, new)) if a is path_arg else a for a in args]
            self.changed(
                original_node,
                f'model.save("{path}") -> "{new}" (Keras 3 refuses a directory; for a TF SavedModel to serve, use model.export)',
            )
        return updated_node.with_changes(args=_tidy(args, updated_node.args))

    def _load_model(self, original_node, updated_node):
        path_arg = _path_arg(updated_node, "filepath")
        path = _string_value(path_arg.value) if path_arg is not None else None
        args = list(updated_node.args)
        if self.uses_lambda_layers and _keyword(updated_node, "safe_mode") is None:
            if path is not None and path in self.saved_models:
                args.append(cst.Arg(keyword=cst.Name("safe_mode"), value=cst.Name("False"), equal=_equal()))
                self.changed(
                    original_node,
                    "`safe_mode=False` added: the program reloads a model it saved itself, and Keras 3 "
                    "refuses the Python code of Lambda layers by default",
                )
            else:
                self.warn(
                    original_node, "MIG259",
                    "Keras 3 refuses to load a model whose Lambda layers hold Python lambdas "
                    "(\"Requested the deserialization of a `Lambda` layer\"): pass `safe_mode=False` "
                    "if you trust the file, or rebuild the model in code and load only its weights",
                )
        if path is not None and path in self.model_paths:
            new = self.model_paths[path]
            self.changed(original_node, f'load_model("{path}") -> "{new}" (saved under that name above)')
            args = [a.with_changes(value=_with_value(a.value, new)) if a is path_arg else a for a in args]
        if args == list(updated_node.args):
            return updated_node
        return updated_node.with_changes(args=_commas(args))

    # -- weights -----------------------------------------------------------------------------
    def _save_weights(self, original_node, updated_node):
        path_arg = _path_arg(updated_node, "filepath")
        if path_arg is None:
            return updated_node
        args = self._without_save_format(original_node, updated_node, "Keras 3 writes `.weights.h5`")
        path = _string_value(path_arg.value)
        if path is None:
            self.warn(
                original_node, "MIG257",
                "Keras 3 saves weights only to a path ending in `.weights.h5` (ValueError otherwise); "
                "make sure this path does, and load it back from the same name",
            )
            return updated_node.with_changes(args=_tidy(args, updated_node.args))
        if path in self.weight_paths:
            new = self.weight_paths[path]
            args = [a.with_changes(value=_with_value(a.value, new)) if a is path_arg else a for a in args]
            self.changed(original_node, f'save_weights("{path}") -> "{new}" (Keras 3 wants .weights.h5)')
        return updated_node.with_changes(args=_tidy(args, updated_node.args))

    def _load_weights(self, original_node, updated_node):
        path_arg = _path_arg(updated_node, "filepath")
        if path_arg is None:
            return updated_node
        path = _string_value(path_arg.value)
        args = list(updated_node.args)
        by_name = _keyword(updated_node, "by_name")
        if path is not None and path in self.weight_paths:
            new = self.weight_paths[path]
            args = [a.with_changes(value=_with_value(a.value, new)) if a is path_arg else a for a in args]
            self.changed(original_node, f'load_weights("{path}") -> "{new}" (saved under that name above)')
            path = new
        if by_name is not None:
            by_name_code = cst.Module(body=[]).code_for_node(by_name.value)
            if by_name_code == "False":
                args = _drop(args, by_name)
                self.changed(original_node, "`by_name=False` dropped (the default)")
            elif path is not None and _suffix_kind(path) in ("weights", "keras"):
                args = _drop(args, by_name)
                self.changed(original_node, "`by_name=True` dropped: this file is written by this program with the same layers")
                self.warn(
                    original_node, "MIG258",
                    f"`by_name=True` only works on legacy HDF5 in Keras 3; `{path}` is loaded by "
                    "structure now (add `skip_mismatch=True` if some layers differ)",
                )
            elif path is None:
                self.warn(
                    original_node, "MIG258",
                    "`by_name=True` only works on legacy `.h5`/`.hdf5` files in Keras 3 (ValueError on "
                    "`.weights.h5`/`.keras`); make sure this path is a Keras 2 HDF5 file",
                )
            elif _suffix_kind(path) == "other":
                self.warn(
                    original_node, "MIG258",
                    f"`{path}` is not an HDF5 file: Keras 3 reads only `.keras`, `.weights.h5` and legacy "
                    "`.h5` (by_name works only on the last); convert the checkpoint to `.weights.h5`",
                )
        return updated_node.with_changes(args=_tidy(args, updated_node.args))


# -- helpers --------------------------------------------------------------------------------
def _runs_on_tf_keras(facts, settings) -> bool:
    """Will the migrated file run on tf-keras: the run targets Keras 2, or this file needs it
    even in a Keras 3 run (MIG104 sets TF_USE_LEGACY_KERAS for Keras models in a TF 1 graph)?"""
    if settings.keras == "2" or "TF_USE_LEGACY_KERAS" in facts.source:
        return True
    from migrate.codemods.graph_mode import GraphMode

    return GraphMode._state(facts)[1]


def _hdf5_by_default(facts) -> bool:
    """Did `save` write HDF5 whatever the path in this file: TF 1 code, or standalone Keras?"""
    from migrate.codemods.rename_tf_symbols import reads_as_tf1

    return any(imp.module == "keras" or imp.module.startswith("keras.") for imp in facts.imports) or reads_as_tf1(facts)


def _hdf5_to_keep(facts) -> bool:
    """Is there a `save(path)` / `save_model(model, path)` with no `save_format` and a path
    not ending in `.h5`/`.hdf5`/`.keras`, in a file where it wrote HDF5?  False on migrated
    code, so `--check` does not parse it."""
    models = None
    found = False
    for node in facts.of_type(ast.Call):  # the prescan's walk, in ast.walk order
        if not isinstance(node.func, (ast.Attribute, ast.Name)):
            continue
        method = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
        if method not in ("save", "save_model") or any(k.arg in ("save_format", None) for k in node.keywords):
            continue
        path_index = 0 if method == "save" else 1
        if len(node.args) > path_index + 3:
            continue
        if method == "save":
            if models is None:
                models = _model_variables(facts)
            receiver = _ast_receiver_key(node)
            if receiver is None or not (receiver in models or MODEL_NAME.search(receiver.rpartition(".")[2])):
                continue
        arg = next((k.value for k in node.keywords if k.arg == "filepath"), None)
        if arg is None and len(node.args) > path_index:
            arg = node.args[path_index]
        if arg is None:
            continue
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _suffix_kind(arg.value) != "other":
            continue
        found = True
        break
    return found and _hdf5_by_default(facts)


def _anything_to_do(facts) -> bool:
    """Is there a save/load call whose path or arguments Keras 3 would refuse (or that
    needs a warning)?  False on migrated code, so `--check` does not parse it."""
    lambdas = "Lambda" in facts.source
    models = None
    for node in facts.of_type(ast.Call):  # the prescan's walk, in ast.walk order
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if method not in ("save", "save_weights", "load_weights", "load_model"):
            continue
        keywords = {k.arg for k in node.keywords}
        if keywords - KERAS_KEYWORDS - {None}:
            continue  # not Keras's method (Mask R-CNN's load_weights(..., exclude=...))
        if method == "load_model":
            if lambdas and "safe_mode" not in keywords:
                return True
            continue
        if method == "load_weights":
            if "by_name" in keywords:
                return True
            continue  # its path changes only with a save_weights, which is seen itself
        if method == "save":
            if models is None:
                models = _model_variables(facts)
            receiver = _ast_receiver_key(node)
            if receiver is None or not (receiver in models or MODEL_NAME.search(receiver.rpartition(".")[2])):
                continue
        if "save_format" in keywords:
            return True
        arg = next((k.value for k in node.keywords if k.arg == "filepath"), node.args[0] if node.args else None)
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            return True
        kind = _suffix_kind(arg.value)
        if method == "save_weights" and kind != "weights":
            return True
        if method == "save" and (kind == "other" or (kind == "h5" and ABBREVIATED_LOSS.search(facts.source))):
            return True
    return False


def _equal():
    return cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _commas(args):
    """A comma after every argument but the last (an appended argument needs one before it)."""
    fixed = []
    for index, arg in enumerate(args):
        if index < len(args) - 1 and arg.comma is cst.MaybeSentinel.DEFAULT:
            arg = arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        fixed.append(arg)
    return fixed


def _path_arg(call: cst.Call, keyword: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0]
    return None


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _drop(args, dropped):
    return [a for a in args if a is not dropped]


def _tidy(new_args, old_args):
    new_args = list(new_args)
    old_args = list(old_args)
    trailing = bool(old_args) and old_args[-1].comma is not cst.MaybeSentinel.DEFAULT
    if new_args and not trailing and len(new_args) < len(old_args):
        new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return new_args


def _cst_receiver_key(node) -> str | None:
    """`model` / `self.model` as a dotted key (None for anything else)."""
    return dotted_text(node) or None


def _ast_receiver_key(call: ast.Call) -> str | None:
    return dotted_name(call.func.value) if isinstance(call.func, ast.Attribute) else None


def _path_calls(facts):
    """(call, method, literal path or None) for every save/save_weights/load_weights call."""
    for node in facts.of_type(ast.Call):
        if isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method in ("save", "save_weights", "load_weights"):
                arg = next((k.value for k in node.keywords if k.arg == "filepath"), node.args[0] if node.args else None)
                path = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                yield node, method, path


def _model_variables(facts) -> set[str]:
    """Variables (`m`, `self.net`) assigned a Keras model: Model(...), Sequential(...), load_model(...)."""
    cached = facts.__dict__.get("_keras_model_variables")
    if cached is not None:
        return set(cached)
    models = set()
    aliases = facts.aliases
    for node in facts.of_type(ast.Assign):
        if isinstance(node.value, ast.Call):
            func = node.value.func
            parts = []
            while isinstance(func, ast.Attribute):
                parts.append(func.attr)
                func = func.value
            if not isinstance(func, ast.Name) or func.id not in aliases:
                continue
            qualified = ".".join([aliases[func.id], *reversed(parts)])
            if qualified.rpartition(".")[2] in MODEL_CONSTRUCTORS and KERAS_MODULE.search(qualified):
                for target in node.targets:
                    key = _ast_receiver_key(ast.Call(func=ast.Attribute(value=target, attr="x"), args=[], keywords=[]))
                    if key:
                        models.add(key)
    facts.__dict__["_keras_model_variables"] = models
    return set(models)
