"""MIG201: standalone Keras 2 imports -> imports that resolve under the target Keras.

Keras 2 code imports from module paths that no longer exist (`keras.engine`,
`keras.layers.merge`, `keras.backend.tensorflow_backend`, `keras_applications`,
`tensorflow.python.keras`), and Keras 3's own `keras.backend` lacks the Keras-2
backend functions (`int_shape`, `switch`, ...) that `tf.keras.backend` still has.
So every Keras import is pointed at one package, the one the run targets:

- target Keras 3: `tensorflow.keras` (Keras 3 with TensorFlow's compatibility shims);
- target Keras 2: `tf_keras` (the tf-keras package, which the result then requires).

Every (module, name) this codemod emits is looked up in `tables/keras_names.json`, a
listing of the public names of both packages as installed (regenerate it with
`python -m migrate.codemods.keras_imports`); a name with no home in the target is left
as it was and warned about, never guessed.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrate.codemod import Codemod, dotted_expr, dotted_text

TABLE_FILE = Path(__file__).parent / "tables" / "keras_names.json"  # packaged with the other tables
TARGET_PACKAGES = {"3": "tensorflow.keras", "2": "tf_keras"}

# Where each Keras-2 module's names live now, as paths relative to the Keras package.
# Modules whose names went to different places are resolved name by name (ENGINE_NAMES).
ENGINE_MODULES = {
    "engine", "engine.topology", "engine.base_layer", "engine.input_layer",
    "engine.input_spec", "engine.training", "engine.network", "engine.sequential",
    "engine.functional", "engine.node",
}
ENGINE_NAMES = {
    "Layer": "layers", "InputSpec": "layers", "Input": "layers", "InputLayer": "layers",
    "Model": "models", "Sequential": "models", "get_source_inputs": "utils",
}
# Keras-2 sub-modules folded into their parent package (`keras.layers.merge.concatenate`
# is `keras.layers.concatenate` now).
FOLDED = {
    f"layers.{sub}": "layers" for sub in (
        "core", "convolutional", "pooling", "recurrent", "merge", "normalization",
        "advanced_activations", "embeddings", "wrappers", "noise", "local",
        "convolutional_recurrent", "cudnn_recurrent", "normalization_v2", "dense_attention",
        "recurrent_v2", "einsum_dense", "multi_head_attention",
    )
} | {
    f"backend.{sub}": "backend" for sub in ("tensorflow_backend", "common", "load_backend")
} | {
    f"utils.{sub}": "utils" for sub in (
        "np_utils", "generic_utils", "data_utils", "vis_utils", "layer_utils", "io_utils",
        "conv_utils", "multi_gpu_utils", "training_utils", "tf_utils", "version_utils",
    )
}
FOLDED_PARENTS = ("layers", "backend", "utils")
RENAMED_MODULES = {"objectives": "losses"}
# Modules holding Keras 2.2's private HDF5 loaders (written out by keras_private_internals).
HDF5_LOADER_MODULE_NAMES = ("saving", "topology", "network")
HDF5_LOADER_RELATIVES = ("engine.saving", "engine.topology", "engine.network")
# Left for other codemods: private HDF5 helpers (keras_private_internals, MIG217).
NOT_OURS = ("engine.saving",)

# Keras-2 names with no home in TF 2.21's Keras, and what to use instead.
GONE = {
    "multi_gpu_model": "build and compile the model inside `tf.distribute.MirroredStrategy().scope()`",
    "CuDNNLSTM": "use `LSTM` (it picks the cuDNN kernel by itself on GPU with the default arguments)",
    "_get_available_gpus": "use `[device.name for device in tf.config.list_logical_devices(\"GPU\")]`",
    "CuDNNGRU": "use `GRU(reset_after=True)` (it picks the cuDNN kernel by itself on GPU)",
}
# Keras-2 session plumbing: rewritten (or removed) by keras_backend_session (MIG204).
SESSION_NAMES = {"get_session", "set_session", "learning_phase", "set_learning_phase"}
# Where the session names still exist: tf.compat.v1.keras.backend under legacy Keras.
SESSION_HOME_KERAS2 = "tensorflow.compat.v1.keras.backend"

OBTAIN_INPUT_SHAPE = "_obtain_input_shape"
OBTAIN_INPUT_SHAPE_CODE = '''
def {name}(input_shape, default_size, min_size, data_format, require_flatten, weights=None):
    """Input shape for a Keras application model: Keras 2's private helper of this name,
    which Keras 3 no longer has (written out by `migrate`)."""
    channels_first = data_format == "channels_first"

    def with_channels(channels, size):
        return (channels, size, size) if channels_first else (size, size, channels)

    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        default_shape = with_channels(input_shape[0] if channels_first else input_shape[-1], default_size)
    else:
        default_shape = with_channels(3, default_size)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError(
                "When setting `include_top=True` and loading `imagenet` weights, "
                "`input_shape` should be " + str(default_shape) + "."
            )
        return default_shape
    if input_shape is not None:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        channels = input_shape[0] if channels_first else input_shape[-1]
        if channels != 3 and weights == "imagenet":
            raise ValueError("The input must have 3 channels; got `input_shape=" + str(input_shape) + "`")
        spatial = input_shape[1:] if channels_first else input_shape[:2]
        if any(size is not None and size < min_size for size in spatial):
            raise ValueError(
                "Input size must be at least " + str(min_size) + "x" + str(min_size)
                + "; got `input_shape=" + str(input_shape) + "`"
            )
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if channels_first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError(
            "If `include_top` is True, you should specify a static `input_shape`. "
            "Got `input_shape=" + str(input_shape) + "`"
        )
    return input_shape
'''


# Keras-2 private helpers of `keras.utils.generic_utils` that layer packages call (keras-bert,
# keras-multi-head) and that tf-keras / Keras 3 keep only privately: written out in the file.
GENERIC_UTILS = "utils.generic_utils"
WRITTEN_OUT = {
    "has_arg": '''
def has_arg(fn, name, accept_all=False):
    """Keras 2's `keras.utils.generic_utils.has_arg` (written out by `migrate`): whether the
    callable `fn` accepts an argument `name` by keyword (with accept_all, also via **kwargs)."""
    import inspect

    parameters = inspect.signature(fn).parameters
    parameter = parameters.get(name)
    if parameter is None:
        return accept_all and any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    return parameter.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
''',
    "object_list_uid": '''
def object_list_uid(object_list):
    """Keras 2's `keras.utils.generic_utils.object_list_uid` (written out by `migrate`): the
    ids of the objects, joined with ", " (one object or a list)."""
    if not isinstance(object_list, list):
        object_list = [object_list]
    return ", ".join(str(abs(id(x))) for x in object_list)
''',
}


@lru_cache(maxsize=1)
def names_table() -> dict[str, dict[str, frozenset[str]]]:
    """{"3" | "2": {relative module: public names}} of the installed target packages."""
    raw = json.loads(TABLE_FILE.read_text())
    return {target: {module: frozenset(names) for module, names in modules.items()} for target, modules in raw.items()}


def relative_module(module: str) -> str | None:
    """Path of a Keras-2 module inside the Keras package: "keras.layers.merge" -> "layers.merge";
    below `tensorflow.keras` only a Keras-2 sub-module the target folded into its parent
    (`tensorflow.keras.layers.core` -> "layers.core"): the rest of `tf.keras` is the target's own."""
    for root, prefix in (("keras", ""), ("tensorflow.python.keras", ""), ("keras_applications", "applications")):
        if module == root:
            return prefix
        if module.startswith(root + "."):
            rest = module[len(root) + 1:]
            return f"{prefix}.{rest}" if prefix else rest
    if module.startswith(TF_KERAS + "."):
        rest = module[len(TF_KERAS) + 1:]
        if folded_module(rest) is not None:
            return rest
    return None


TF_KERAS = "tensorflow.keras"


def folded_module(relative: str) -> str | None:
    """The Keras-2 sub-module (FOLDED) `relative` is or lies below: "utils.np_utils.x" -> "utils.np_utils"."""
    parts = relative.split(".")
    for end in range(2, len(parts) + 1):
        if ".".join(parts[:end]) in FOLDED:
            return ".".join(parts[:end])
    return None


def target_module(relative: str) -> str | None:
    """Where a whole Keras-2 module lives now (None: name by name, or nowhere)."""
    if relative in ENGINE_MODULES or relative.startswith(NOT_OURS):
        return None
    relative = RENAMED_MODULES.get(relative, relative)
    if relative in FOLDED:
        return FOLDED[relative]
    if relative not in names_table()["3"]:
        for parent in FOLDED_PARENTS:  # another Keras-2 sub-module of these packages
            if relative.startswith(parent + "."):
                return parent
    return relative


def locate(relative: str, name: str, keras: str) -> str | None:
    """The target module (relative) that has `name`, or None when it has no home."""
    if relative in ENGINE_MODULES:
        module = ENGINE_NAMES.get(name)
    else:
        module = target_module(relative)
    if module is None:
        return None
    if name in names_table()[keras].get(module, ()):
        return module
    # Keras 2's public modules re-exported the engine's classes (`from keras.models import
    # Input`: keras/models.py imports Input and InputLayer from engine.input_layer); they
    # live where ENGINE_NAMES puts them.
    home = ENGINE_NAMES.get(name)
    return home if home is not None and name in names_table()[keras].get(home, ()) else None


def is_module(relative: str, keras: str) -> bool:
    return relative in names_table()[keras]


def absolute(relative: str, keras: str) -> str:
    package = TARGET_PACKAGES[keras]
    return f"{package}.{relative}" if relative else package


class KerasImports(Codemod):
    """Standalone Keras 2 imports -> the target Keras package.

    Before (Keras 2):
        import keras
        from keras.engine import Layer, InputSpec
        from keras.layers.merge import concatenate
        from keras import backend as K
        from keras.applications.imagenet_utils import _obtain_input_shape

    After (target Keras 3; with `--keras 2` the package is `tf_keras`):
        from tensorflow import keras
        from tensorflow.keras.layers import Layer, InputSpec
        from tensorflow.keras.layers import concatenate
        from tensorflow.keras import backend as K

        def _obtain_input_shape(...):  # written out: Keras 3 has no such helper
            ...
    """

    CODE = "MIG201"
    TITLE = "Keras 2 imports -> imports that resolve under the target Keras"
    WARNINGS = {
        "MIG251": "a Keras 2 name with no home in the target Keras",
        "MIG252": "multi_gpu_model removed: the model now runs on one device",
        "MIG260": "TimeDistributed under Keras 3: wrong shape over a dynamic time axis in a tf.function",
    }

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if facts.imports_from("keras", "tensorflow.python.keras", "keras_applications"):
            return True
        if any(relative_module(name) is not None for name in facts.used_names(TF_KERAS)):
            return True  # `tf.keras.layers.core.Dense`
        if any(relative_module(imp.qualified) is not None for imp in facts.imports_from(TF_KERAS)):
            return True  # `from tensorflow.keras.utils import np_utils`
        if settings.keras == "2" and "TF_USE_LEGACY_KERAS" not in facts.source:
            # tf.keras must be tf-keras too, or the two Kerases would mix in one program.
            return bool(facts.imports_from("tensorflow.keras")) or facts.uses("tensorflow.keras")
        return False

    def __init__(self, file) -> None:
        super().__init__(file)
        self.keras = file.settings.keras
        self.multi_gpu_names: set[str] = set()  # local names bound to multi_gpu_model
        self.in_import = 0  # inside an import statement: its dotted names are not uses
        self.block_depth = 0  # > 0 inside an indented block or a one-line suite
        self.module_imports: set[str] = set()  # imports written at module level so far
        self.keep_duplicates = False
        self.helpers: list[str] = []  # function definitions to write after the imports
        # `import keras.engine as KE` rebound to one module ("") or the package root ("root")
        self.engine_aliases: dict[str, str] = {}
        if self.keras == "2" and (file.facts.imports_from("tensorflow.keras") or file.facts.uses("tensorflow.keras")):
            file.use_legacy_keras()  # tf.keras must be tf-keras too in a Keras 2 run

    # -- import statements ---------------------------------------------------------------
    # `import keras.layers` and `import keras.models` both become `import tf_keras as keras`:
    # at module level the second copy is dropped. Inside blocks (try/except ImportError,
    # functions) every statement is kept, since a block may not be left empty.
    def visit_IndentedBlock(self, node) -> None:
        self.block_depth += 1

    def leave_IndentedBlock(self, original_node, updated_node):
        self.block_depth -= 1
        return updated_node

    def visit_SimpleStatementSuite(self, node) -> None:
        self.block_depth += 1

    def leave_SimpleStatementSuite(self, original_node, updated_node):
        self.block_depth -= 1
        return updated_node

    def visit_Import(self, node) -> None:
        self.in_import += 1

    def leave_Import(self, original_node, updated_node):
        self.in_import -= 1
        return updated_node

    def visit_ImportFrom(self, node) -> None:
        self.in_import += 1

    def leave_ImportFrom(self, original_node, updated_node):
        self.in_import -= 1
        return updated_node

    def leave_Module(self, original_node, updated_node):
        """Write the helper functions after the module's top import block."""
        if not self.helpers:
            return updated_node
        body = list(updated_node.body)
        index = 0
        for position, statement in enumerate(body):
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                break
            if isinstance(statement, cst.SimpleStatementLine) and any(
                isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
            ):
                index = position + 1
        helpers = [
            statement.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
            if isinstance(statement, cst.FunctionDef) else statement
            for statement in (s for code in self.helpers for s in cst.parse_module(code).body)
        ]
        if index < len(body) and not body[index].leading_lines:
            body[index] = body[index].with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        body[index:index] = helpers
        return updated_node.with_changes(body=body)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in original_node.body):
            return updated_node
        new_body: list[cst.BaseSmallStatement] = []
        touched = False
        # a duplicate on a line with a comment is kept: dropping the line would lose it
        self.keep_duplicates = original_node.trailing_whitespace.comment is not None or any(
            line.comment is not None for line in original_node.leading_lines
        )
        for original, updated in zip(original_node.body, updated_node.body):
            if isinstance(original, cst.ImportFrom):
                replacement = self._import_from(original, updated)
            elif isinstance(original, cst.Import):
                replacement = self._import(original, updated)
            else:
                replacement = None
            if replacement is None:
                new_body.append(updated)
            else:
                touched = True
                new_body.extend(replacement)
        if not touched:
            return updated_node
        if not new_body:
            return cst.RemovalSentinel.REMOVE
        # One statement per line: the first keeps the original line's comments.
        lines = [
            cst.SimpleStatementLine(body=[stmt.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
            for stmt in new_body
        ]
        lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        lines[-1] = lines[-1].with_changes(trailing_whitespace=updated_node.trailing_whitespace)
        return cst.FlattenSentinel(lines) if len(lines) > 1 else lines[0]

    def _import_from(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        if original.relative or original.module is None:
            return None
        module = dotted_text(original.module)
        relative = relative_module(module)
        # `from tensorflow.keras.utils import np_utils`: only the folded sub-module moves
        target_own = relative is None and module.startswith(TF_KERAS + ".")
        if target_own:
            relative = module[len(TF_KERAS) + 1:]
            if isinstance(original.names, cst.ImportStar) or not any(
                f"{relative}.{dotted_text(a.name)}" in FOLDED for a in original.names
            ):
                return None
        if relative is None:
            return None
        dropped: set[int] = set()
        if relative in ("engine", *HDF5_LOADER_RELATIVES) and not isinstance(original.names, cst.ImportStar):
            dropped = self._hdf5_loader_imports(original, relative)
            if len(dropped) == len(original.names):
                return []
        if relative.startswith(NOT_OURS):
            if not dropped:
                return None
            kept = [a for a in original.names if id(a) not in dropped]
            return [updated.with_changes(names=[
                a.with_changes(comma=cst.MaybeSentinel.DEFAULT if i == len(kept) - 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                for i, a in enumerate(kept)
            ])]
        if isinstance(original.names, cst.ImportStar):
            target = target_module(relative)
            if target is None or not is_module(target, self.keras):
                self.warn(original, "MIG251", f"`from {module} import *`: no such module in the target Keras; import the names you use explicitly")
                return None
            self._mark_changed(original, module, absolute(target, self.keras))
            return [updated.with_changes(module=dotted_expr(absolute(target, self.keras)))]
        groups: dict[str, list[cst.ImportAlias]] = {}
        leftover: list[cst.ImportAlias] = []
        modules: list[cst.BaseSmallStatement] = []  # folded sub-modules bound to their parent
        for alias in original.names:
            if id(alias) in dropped:
                continue
            name = dotted_text(alias.name)
            bound = alias.asname.name.value if alias.asname else name
            clean = alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)
            sub = f"{relative}.{name}" if relative else name
            if sub in FOLDED and is_module(FOLDED[sub], self.keras):
                # `from keras.utils import np_utils` -> `from tensorflow.keras import utils as
                # np_utils`: the names of np_utils live in utils now (its uses: leave_Attribute)
                modules.append(_bind_module(absolute(FOLDED[sub], self.keras), bound))
                self.changed(alias, f"`{module}.{name}` (a Keras 2 module) -> `{absolute(FOLDED[sub], self.keras)}`")
                continue
            if target_own:
                leftover.append(clean)
                continue
            if name in WRITTEN_OUT and relative == GENERIC_UTILS and bound == name:
                self._write_out(name)
                self.changed(alias, f"`{name}` is private in TF 2's Keras: Keras 2's function written out in this file")
                continue
            if name == OBTAIN_INPUT_SHAPE and relative == "applications.imagenet_utils":
                helper = OBTAIN_INPUT_SHAPE_CODE.format(name=bound).lstrip("\n")
                if helper not in self.helpers:
                    self.helpers.append(helper)
                self.changed(alias, f"`{OBTAIN_INPUT_SHAPE}` is gone from Keras: written out as a function in this file")
                continue
            if name == "multi_gpu_model":
                if _only_called_with_a_model(self.file.facts, bound):
                    self.multi_gpu_names.add(bound)
                    continue  # the calls are replaced (leave_Call)
                self.warn(alias, "MIG252", f"`multi_gpu_model` is gone: {GONE['multi_gpu_model']}")
                leftover.append(clean)
                continue
            if name in SESSION_NAMES:
                from migrate.codemods.keras_backend_session import session_import_home

                home = session_import_home(self.file.facts, bound, self.keras)
                if home == "":
                    self.changed(alias, f"`{name}` import dropped: its calls are removed (no session in TF 2)")
                    continue
                if home is not None:
                    groups.setdefault(home, []).append(clean)
                    continue
                self.warn(alias, "MIG251", f"`{name}` has no home in Keras {self.keras}: there is no Keras session in TF 2; see the MIG255 findings where it is used")
                leftover.append(clean)
                continue
            if name == "TimeDistributed":
                self._warn_time_distributed(alias)
            located = locate(relative, name, self.keras)
            if located is None:
                self.warn(alias, "MIG251", self._gone_message(module, name))
                leftover.append(clean)
                continue
            groups.setdefault(absolute(located, self.keras), []).append(clean)
        out: list[cst.BaseSmallStatement] = []
        for target, aliases in groups.items():
            out.append(cst.ImportFrom(module=dotted_expr(target), names=aliases))
        if leftover:
            out.append(updated.with_changes(names=leftover))
        if len(out) == 1 and leftover and len(leftover) == len(original.names):
            return None  # nothing moved
        out.extend(modules)
        if groups or not modules:
            self._mark_changed(original, module, ", ".join(groups) or "(removed)")
        return out

    def _hdf5_loader_imports(self, original: cst.ImportFrom, relative: str) -> set[int]:
        """ids of the aliases to drop: `from keras.engine import saving` / `from
        keras.engine.saving import load_weights_from_hdf5_group_by_name` used only for the
        HDF5 loader calls, which keras_private_internals (MIG217) replaces with helpers
        written into the file."""
        from migrate.codemods.keras_private_internals import (
            HDF5_LOADERS, hdf5_loader_module_only, hdf5_loader_name_only,
        )

        dropped = set()
        for alias in original.names:
            name = dotted_text(alias.name)
            bound = alias.asname.name.value if alias.asname else name
            if relative == "engine" and name in HDF5_LOADER_MODULE_NAMES and hdf5_loader_module_only(self.file.facts, bound):
                self.changed(alias, f"`from keras.engine import {name}` dropped: its HDF5 loaders are written out in this file")
                dropped.add(id(alias))
            elif relative != "engine" and name in HDF5_LOADERS and bound == name and hdf5_loader_name_only(self.file.facts, bound):
                self.changed(alias, f"`{name}` import dropped: Keras 2.2's loader is written out in this file")
                dropped.add(id(alias))
        return dropped

    def _import(self, original: cst.Import, updated: cst.Import):
        out: list[cst.BaseSmallStatement] = []
        keep: list[cst.ImportAlias] = []
        touched = False
        emitted: set[str] = set()
        for alias in original.names:
            module = dotted_text(alias.name)
            relative = relative_module(module)
            clean = alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)
            if relative is None or relative.startswith(NOT_OURS):
                keep.append(clean)
                continue
            root = module.split(".")[0]
            if alias.asname is None and root != "keras":
                # `import keras_applications.x` / `import tensorflow.python.keras...` bind
                # names we do not rewrite; say so instead.
                self.warn(alias, "MIG251", f"`import {module}`: not available in TF 2.21; import the module from `{TARGET_PACKAGES[self.keras]}` with an `as` name")
                keep.append(clean)
                continue
            if alias.asname is None:
                relative, bound = "", "keras"  # `import keras.layers` binds `keras`
            else:
                bound = alias.asname.name.value
            target = target_module(relative) if relative else ""
            if target is None and relative in ENGINE_MODULES and alias.asname is not None:
                # `import keras.engine as KE` ... `KE.Layer`: every name it is used for has a home.
                target = self._engine_module_target(relative, bound)
            if target is None or not is_module(target, self.keras):
                self.warn(alias, "MIG251", f"`import {module}`: no such module in the target Keras")
                keep.append(clean)
                continue
            touched = True
            statement = _bind_module(absolute(target, self.keras), bound)
            key = cst.Module(body=[]).code_for_node(statement)
            if key not in emitted and not (self.block_depth == 0 and not self.keep_duplicates and key in self.module_imports):
                emitted.add(key)
                out.append(statement)
            if self.block_depth == 0:
                self.module_imports.add(key)
            self.changed(alias, f"`import {module}` -> `{key}`")
        if not touched:
            return None
        if keep:
            out.insert(0, updated.with_changes(names=keep))
        return out

    def _write_out(self, name: str) -> None:
        helper = WRITTEN_OUT[name].lstrip("\n")
        if helper not in self.helpers:
            self.helpers.append(helper)

    def _engine_module_target(self, relative: str, bound: str) -> str | None:
        """Where `import keras.engine as KE` can point when `KE` is only used as `KE.<name>`
        and each name has a home: the one module holding them all (`KE.Layer` stays), or the
        package root (`KE.Layer` and `KE.Model` become `KE.layers.Layer`, `KE.models.Model`)."""
        import ast

        facts = self.file.facts
        if facts.aliases.get(bound) != "keras." + relative:
            return None
        loads = sum(1 for n in facts.of_type(ast.Name) if n.id == bound and isinstance(n.ctx, ast.Load))
        used = [a.attr for a in facts.of_type(ast.Attribute) if isinstance(a.value, ast.Name) and a.value.id == bound]
        if not used and not loads:
            return ""  # never used: any module that imports keeps the program importable
        if not used or len(used) != loads:
            return None  # `KE` passed around or used bare: say so instead (MIG251)
        homes = {locate(relative, name, self.keras) for name in used}
        if None in homes:
            return None
        if len(homes) == 1:
            self.engine_aliases[bound] = ""
            return homes.pop()
        self.engine_aliases[bound] = "root"
        return ""

    def changed(self, node, message: str) -> None:
        super().changed(node, message)
        if self.keras == "2":
            # Standalone keras now means tf_keras; tf.keras must agree.
            self.file.use_legacy_keras()

    def _warn_time_distributed(self, node) -> None:
        if self.keras == "3":
            self.warn(
                node, "MIG260",
                "TimeDistributed on Keras 3 (measured on 3.15.1): inside a tf.function over a dynamic "
                "time axis it silently returns the wrong shape (the batch size taken as the number of "
                "steps); check the output shape, or migrate with `--keras 2` (tf-keras is right)",
            )

    def _mark_changed(self, node, old: str, new: str) -> None:
        self.changed(node, f"`from {old} import ...` -> `{new}`")

    def _gone_message(self, module: str, name: str) -> str:
        if name in GONE:
            return f"`{name}` (from `{module}`) is gone in TF 2.21's Keras: {GONE[name]}"
        return (
            f"`{name}` (from `{module}`) has no home in {TARGET_PACKAGES[self.keras]}; "
            "find its replacement in the Keras migration guide and import it from there"
        )

    # -- attribute chains: keras.engine.Layer, keras.layers.merge.add ----------------------
    def leave_Attribute(self, original_node, updated_node):
        qualified = self.qualname(original_node)
        if qualified is None:
            return updated_node
        module, _, name = qualified.rpartition(".")
        relative = relative_module(module)
        if relative is None or relative.startswith(NOT_OURS):
            return updated_node
        if name == "TimeDistributed" and not self.in_import:
            self._warn_time_distributed(original_node)
        moved = relative in ENGINE_MODULES or relative in FOLDED or relative in RENAMED_MODULES or (
            name in ENGINE_NAMES and locate(relative, name, self.keras) not in (None, target_module(relative))
        )  # an engine class Keras 2 re-exported elsewhere: `keras.models.Input`
        # `tensorflow.keras` has no `saving` attribute (importing the module works): reach
        # the same functions through utils / models.
        via_module_object = self.keras == "3" and relative == "saving"
        if self.in_import or not (moved or via_module_object) or not name:
            return updated_node
        if name == "multi_gpu_model":
            return updated_node  # the call is replaced in leave_Call
        if relative == GENERIC_UTILS and name in WRITTEN_OUT and self.file.facts.aliases.get(name, qualified) == qualified:
            self._write_out(name)
            self.changed(original_node, f"`{qualified}` is private in TF 2's Keras: Keras 2's function written out in this file")
            return cst.Name(name)
        located = locate(relative, name, self.keras)
        if name == "K" and located is None and (relative in ENGINE_MODULES or relative in FOLDED):
            # Keras 2's modules import the backend as K (`from .. import backend as K`):
            # `keras.layers.core.K` is `keras.backend`
            located, name = "", "backend"
        if via_module_object:
            table = names_table()[self.keras]
            located = next((m for m in ("utils", "models") if name in table.get(m, ())), None)
        if located is None:
            if name not in SESSION_NAMES:  # keras_backend_session speaks for those
                self.warn(original_node, "MIG251", self._gone_message(module, name))
            return updated_node
        # Re-root the new path at the local name the chain starts from.
        root = original_node
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Name) and root.value in self.engine_aliases and original_node.value is root:
            if self.engine_aliases[root.value] == "":
                return updated_node  # the alias itself now names the module holding `name`
            self.changed(original_node, f"`{qualified}` -> `{absolute(located, self.keras)}.{name}`")
            return dotted_expr(f"{root.value}.{located}.{name}")
        root_target = self.file.facts.aliases.get(root.value, "")
        if root_target == "tensorflow":
            root_target = TF_KERAS  # `tf.keras.layers.core.Dense`: re-rooted at `tf.keras`
            root = cst.Attribute(value=root, attr=cst.Name("keras"))
        root_relative = "" if root_target == TF_KERAS else relative_module(root_target)
        if root_relative in FOLDED:
            # a name bound to a Keras-2 sub-module (`np_utils`, `core`): its import now binds
            # the module it was folded into (`from tensorflow.keras import utils as np_utils`)
            root_relative = FOLDED[root_relative]
        new_relative = f"{located}.{name}" if located else name
        if root_relative is None or not (root_relative == "" or new_relative.startswith(root_relative + ".")):
            self.warn(original_node, "MIG251", f"`{qualified}` moved to `{absolute(located, self.keras)}.{name}`; import it from there")
            return updated_node
        rest = new_relative[len(root_relative) + 1:] if root_relative else new_relative
        new = dotted_expr(f"{dotted_text(root)}.{rest}")
        if dotted_text(new) == dotted_text(updated_node):
            return updated_node  # `np_utils.to_categorical`: its import carries the move
        self.changed(original_node, f"`{qualified}` -> `{absolute(located, self.keras)}.{name}`")
        return new

    # -- multi_gpu_model(model, gpus=N) -> model ---------------------------------------------
    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        is_multi_gpu = (
            (isinstance(func, cst.Name) and func.value in self.multi_gpu_names)
            or ((self.qualname(func) or "").endswith(".multi_gpu_model") and relative_module(self.qualname(func).rpartition(".")[0]) is not None)
        )
        if not is_multi_gpu:
            return updated_node
        positional = [a for a in updated_node.args if a.keyword is None and a.star == ""]
        model_arg = positional[0].value if positional else next(
            (a.value for a in updated_node.args if a.keyword is not None and a.keyword.value == "model"), None
        )
        if model_arg is None or any(a.star for a in updated_node.args):
            self.warn(original_node, "MIG252", f"`multi_gpu_model` is gone: {GONE['multi_gpu_model']}")
            return updated_node
        self.changed(original_node, "multi_gpu_model(model, ...) -> model")
        self.warn(
            original_node, "MIG252",
            "`multi_gpu_model` is gone: the model now runs unreplicated (same results, one device); "
            f"to train on several GPUs, {GONE['multi_gpu_model']}",
        )
        return model_arg.with_changes(lpar=[], rpar=[]) if isinstance(model_arg, (cst.Name, cst.Attribute)) else model_arg


def _only_called_with_a_model(facts, bound: str) -> bool:
    """Every use of `bound` is a call `bound(model, ...)` (which becomes `model`)."""
    import ast

    from migrate.codemods.keras_backend_session import session_uses

    uses = session_uses(facts)
    for use in uses.loads.get(bound, []):
        call = uses.parents.get(id(use))
        if not (isinstance(call, ast.Call) and call.func is use):
            return False
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return False
        if not call.args and not any(k.arg == "model" for k in call.keywords):
            return False
    return True


def _bind_module(target: str, bound: str) -> cst.BaseSmallStatement:
    """Statement binding `bound` to module `target`: `from a.b import c as bound`."""
    parent, _, last = target.rpartition(".")
    asname = None if last == bound else cst.AsName(name=cst.Name(bound))
    if not parent:
        return cst.Import(names=[cst.ImportAlias(name=cst.Name(last), asname=asname)])
    return cst.ImportFrom(module=dotted_expr(parent), names=[cst.ImportAlias(name=cst.Name(last), asname=asname)])


def regenerate_table() -> dict:
    """List the public names of every public module of both target packages (run with
    the TensorFlow / tf-keras versions the result must run on)."""
    import os
    import subprocess
    import sys

    script = r'''
import importlib, json, sys, types
root = sys.argv[1]
out = {}
def visit(path, depth):
    try:
        mod = importlib.import_module(path)
    except Exception:
        return
    rel = path[len(root) + 1:] if path != root else ""
    names = sorted(n for n in dir(mod) if not n.startswith("_"))
    out[rel] = names
    if depth < 3:
        for name in names:
            if isinstance(getattr(mod, name, None), types.ModuleType) and name != "src":
                visit(path + "." + name, depth + 1)
visit(root, 0)
for extra in ("saving",):
    if extra not in out:
        visit(root + "." + extra, 1)
print(json.dumps(out, sort_keys=True))
'''
    table = {}
    for keras, package in TARGET_PACKAGES.items():
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
        env.pop("TF_USE_LEGACY_KERAS", None)
        if keras == "2":
            env["TF_USE_LEGACY_KERAS"] = "1"
        done = subprocess.run([sys.executable, "-c", script, package], env=env, capture_output=True, text=True, check=True)
        table[keras] = json.loads(done.stdout.strip().splitlines()[-1])
    return table


if __name__ == "__main__":
    TABLE_FILE.write_text(json.dumps(regenerate_table(), sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {TABLE_FILE}")
