"""Regenerate tf_renames.json and tf_arguments.json from the installed TensorFlow.

A developer script, run by hand with TensorFlow installed (never at run time):

    python codemods/tables/generate_tables.py

It walks the exported API twice -- `tf.compat.v1` (the TF 1.x names) and `tf` (the TF 2
names) -- and matches symbols by object identity.  For every v1 path it records where the
symbol lives in TF 2:

- same:         the identical object at the same path (`nn.relu`)
- alias:        the identical object at another path (`random_normal` -> `random.normal`)
- equivalent:   another object with the same semantics once arguments are converted:
                the v2 function at the same path (`reduce_sum`, whose v1 version also takes
                `keep_dims`), or a documented equivalent curated below (`gfile.Exists` ->
                `io.gfile.exists`); their argument conversions go to tf_arguments.json
- v1_only:      no TF 2 home; the target is `compat.v1.<path>` (`placeholder`)
- modules:      v1 modules whose v2 namesake differs (1) or is missing (0); a bare
                reference keeps `compat.v1`
- same_modules: modules identical in v1 and v2, members included (`raw_ops`)
- class_attrs:  for classes mapped to a different v2 class, the public attributes only the
                v1 class has (`data.Dataset` -> `make_one_shot_iterator`, ...): a file that
                uses one of them keeps the v1 class

Argument conversions are derived from the signatures (inspect.signature of the v1 and the
v2 object) and from the v1 source's `deprecated_argument_lookup("new", new, "old", old)`
calls; hand-curated facts fill the gaps and are marked as such below.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import sys
import types
from pathlib import Path

# tf.compat.v1.layers and tf.compat.v1.nn.rnn_cell only load with Keras 2 (tf-keras).
os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402
from tensorflow.python.util import tf_decorator, tf_export  # noqa: E402

HERE = Path(__file__).resolve().parent
COMMAND = "python codemods/tables/generate_tables.py"

# Subtrees we do not map: Keras is migrated by its own codemods, `compat` holds the
# version namespaces themselves.
SKIP_TOP = {"compat", "keras"}
# TF 2's tf.compat has names of its own (dimension_value, as_bytes, ...).
SKIP_V2 = {"compat.v1", "compat.v2", "keras"}

# Different objects, same meaning -- documented equivalents (TensorFlow API docs; the
# same pairs are in tf_upgrade_v2's manual renames).  Parameters map by position, so
# the generator checks that both signatures have the same length.
CURATED_EQUIVALENTS = {
    "gfile.Copy": "io.gfile.copy",
    "gfile.DeleteRecursively": "io.gfile.rmtree",
    "gfile.Exists": "io.gfile.exists",
    "gfile.Glob": "io.gfile.glob",
    "gfile.IsDirectory": "io.gfile.isdir",
    "gfile.ListDirectory": "io.gfile.listdir",
    "gfile.MakeDirs": "io.gfile.makedirs",
    "gfile.MkDir": "io.gfile.mkdir",
    "gfile.Remove": "io.gfile.remove",
    "gfile.Rename": "io.gfile.rename",
    "gfile.Stat": "io.gfile.stat",
    "gfile.Walk": "io.gfile.walk",  # (top, in_order) -> (top, topdown, onerror)
    "gfile.GFile": "io.gfile.GFile",
    "gfile.Open": "io.gfile.GFile",
    "arg_max": "math.argmax",  # (input, dimension, ...) -> (input, axis, ...)
    "arg_min": "math.argmin",
    "batch_to_space_nd": "batch_to_space",  # TF 2's batch_to_space is the _nd op
    "manip.batch_to_space_nd": "batch_to_space",
    # random.set_seed(seed) is documented as and implemented by set_random_seed(seed)
    "set_random_seed": "random.set_seed",
    "random.set_random_seed": "random.set_seed",
    # numpy_function(func, inp, Tout, stateful, name) calls the same py_func_common
    "py_func": "numpy_function",
    "saved_model.maybe_saved_model_directory": "saved_model.contains_saved_model",
    "saved_model.loader.maybe_saved_model_directory": "saved_model.contains_saved_model",
}
# Curated keyword renames for curated equivalents whose parameters do not map by
# position (multinomial: output_dtype moved from the end to the third place).
CURATED_KEYWORDS = {
    "multinomial": ("random.categorical", {"output_dtype": "dtype"}),
    "random.multinomial": ("random.categorical", {"output_dtype": "dtype"}),
    "random.stateless_multinomial": ("random.stateless_categorical", {"output_dtype": "dtype"}),
    # the v1 `_v2` loss is TF 2's loss (gradients flow into labels); dim -> axis
    "nn.softmax_cross_entropy_with_logits_v2": ("nn.softmax_cross_entropy_with_logits", {}),
    "extract_image_patches": ("image.extract_patches", {}),  # ksizes -> sizes (v1 shim)
    "image.extract_image_patches": ("image.extract_patches", {}),
    "substr": ("strings.substr", {}),
    # quantize_v2 and quantization.quantize both call the QuantizeV2 op (name moved)
    "quantize_v2": ("quantization.quantize", {}),  # (input, pos, len, name, unit) -> (..., unit, name)
    "verify_tensor_all_finite": ("debugging.assert_all_finite", {"t": "x", "msg": "message"}),
    # renamed first parameter, no deprecation shim in the v1 source
    "zeros_like": ("zeros_like", {"tensor": "input"}),
    "ones_like": ("ones_like", {"tensor": "input"}),
}

# v1 casts with a fixed dtype -> tf.cast(x, dtype): an argument TF 2 needs is added.
CURATED_CASTS = {
    "to_float": "float32", "to_double": "float64", "to_int32": "int32", "to_int64": "int64",
    "to_bfloat16": "bfloat16", "to_complex64": "complex64", "to_complex128": "complex128",
}

# Same path, different object, different meaning: keep the v1 object.
KEEP_V1 = {
    "while_loop": "v1 unpacks a single loop variable (return_same_structure=False); v2 does not",
    "cond": "v1 unpacks single-element branch results (strict=False); v2 is always strict",
    "case": "v1 also accepts a dict of predicate -> function; v2 only a list of pairs",
    "where": "v1 selects whole rows for a rank-1 condition; v2 broadcasts (where_v2)",
    "nn.softmax_cross_entropy_with_logits": "v1 stops the gradient into labels, v2 does not",
    "image.resize": "v1 resize_images uses the legacy pixel centers (half_pixel_centers=False)",
    "image.extract_glimpse": "v1 and v2 place glimpse offsets differently",
    "strings.split": "v1 returns a SparseTensor, v2 a RaggedTensor",
    "nn.embedding_lookup": "v1 partition_strategy defaults to 'mod', v2 is always 'div' (sharded params)",
    "nn.embedding_lookup_sparse": "v1 partition_strategy defaults to 'mod', v2 is always 'div'",
    "nn.safe_embedding_lookup_sparse": "v1 partition_strategy defaults to 'mod', v2 is always 'div'",
    "nn.nce_loss": "v1 partition_strategy defaults to 'mod', v2 is always 'div'",
    "nn.sampled_softmax_loss": "v1 partition_strategy defaults to 'mod', v2 is always 'div'",
    "nn.ctc_beam_search_decoder": "v1 merges repeated classes by default (merge_repeated=True); v2 never does",
    "train.Checkpoint": "the v1 Checkpoint saves and restores through a Session in graph mode",
    "variable_creator_scope": "v1 creators receive VariableV1 arguments",
}
# v1 initializers take dtype in the constructor and partition_info on call, and
# tf.compat.v1.get_variable / v1 layers expect them; v2 initializers seed differently.
KEEP_V1_PATTERN = re.compile(r"(^|\.)\w*_initializer$|^initializers\.")
KEEP_V1_PATTERN_REASON = "v1 initializers: dtype in the constructor, partition_info on call, v1 seeding"

# Names removed in TensorFlow 1.0 (still in real TF 0.x-era code) -> their TF 1 name, with
# the pre-1.0 signature (TF 0.12 API docs) and how its parameters map onto the TF 1 one
# (None: no counterpart; a call passing it is reported, not rewritten).  The renames are
# those of TensorFlow 1.0's own tf_upgrade.py (tensorflow/tools/compatibility); the
# signatures are recorded from the 0.12 docs.  From there the TF 1 name moves like any
# other (`tf.scalar_summary` -> `summary.scalar` -> `compat.v1.summary.scalar`).
PRE_1_0 = {
    "sub": ("subtract", ["x", "y", "name"], {}),
    "mul": ("multiply", ["x", "y", "name"], {}),
    "neg": ("negative", ["x", "name"], {}),
    "inv": ("reciprocal", ["x", "name"], {}),
    "listdiff": ("setdiff1d", ["x", "y", "out_idx", "name"], {"out_idx": "index_dtype"}),
    "list_diff": ("setdiff1d", ["x", "y", "out_idx", "name"], {"out_idx": "index_dtype"}),
    "complex_abs": ("abs", ["x", "name"], {}),
    "select": ("where", ["condition", "t", "e", "name"], {"t": "x", "e": "y"}),
    "pack": ("stack", ["values", "axis", "name"], {}),
    "unpack": ("unstack", ["value", "num", "axis", "name"], {}),
    "concat_v2": ("concat", ["values", "axis", "name"], {}),
    "batch_matmul": ("matmul", ["x", "y", "adj_x", "adj_y", "name"],
                     {"x": "a", "y": "b", "adj_x": "adjoint_a", "adj_y": "adjoint_b"}),
    "op_scope": ("name_scope", ["values", "name", "default_name"], {}),
    "scalar_summary": ("summary.scalar", ["tags", "values", "collections", "name"],
                       {"tags": "name", "values": "tensor", "name": None}),
    "histogram_summary": ("summary.histogram", ["tag", "values", "collections", "name"],
                          {"tag": "name", "name": None}),
    "image_summary": ("summary.image", ["tag", "tensor", "max_images", "collections", "name"],
                      {"tag": "name", "max_images": "max_outputs", "name": None}),
    "audio_summary": ("summary.audio", ["tag", "tensor", "sample_rate", "max_outputs", "collections", "name"],
                      {"tag": "name", "name": None}),
    "merge_summary": ("summary.merge", ["inputs", "collections", "name"], {}),
    "merge_all_summaries": ("summary.merge_all", ["key"], {}),
    "train.SummaryWriter": ("summary.FileWriter", ["logdir", "graph", "max_queue", "flush_secs", "graph_def"], {}),
    "image.per_image_whitening": ("image.per_image_standardization", ["image"], {}),
    "all_variables": ("global_variables", [], {}),
    "initialize_all_variables": ("global_variables_initializer", [], {}),
    "initialize_variables": ("variables_initializer", ["var_list", "name"], {}),
    "initialize_local_variables": ("local_variables_initializer", [], {}),
    "initialize_all_tables": ("tables_initializer", ["name"], {}),
    "nn.deconv2d": ("nn.conv2d_transpose", ["value", "filter", "output_shape", "strides", "padding", "name"], {}),
    "nn.rnn": ("nn.static_rnn", ["cell", "inputs", "initial_state", "dtype", "sequence_length", "scope"], {}),
    "nn.bidirectional_rnn": ("nn.static_bidirectional_rnn",
                             ["cell_fw", "cell_bw", "inputs", "initial_state_fw", "initial_state_bw",
                              "dtype", "sequence_length", "scope"], {}),
    "batch_matrix_diag": ("matrix_diag", ["diagonal", "name"], {}),
    "batch_matrix_diag_part": ("matrix_diag_part", ["input", "name"], {}),
    "batch_matrix_band_part": ("matrix_band_part", ["input", "num_lower", "num_upper", "name"], {}),
    "batch_matrix_set_diag": ("matrix_set_diag", ["input", "diagonal", "name"], {}),
    "batch_matrix_transpose": ("matrix_transpose", ["a", "name"], {}),
    "batch_matrix_determinant": ("matrix_determinant", ["input", "name"], {}),
    "batch_matrix_inverse": ("matrix_inverse", ["input", "adjoint", "name"], {}),
    "batch_cholesky": ("cholesky", ["input", "name"], {}),
    "batch_cholesky_solve": ("cholesky_solve", ["chol", "rhs", "name"], {}),
    "batch_matrix_solve": ("matrix_solve", ["matrix", "rhs", "adjoint", "name"], {}),
    "batch_matrix_triangular_solve": ("matrix_triangular_solve", ["matrix", "rhs", "lower", "adjoint", "name"], {}),
    "batch_matrix_solve_ls": ("matrix_solve_ls", ["matrix", "rhs", "l2_regularizer", "fast", "name"], {}),
    "batch_self_adjoint_eigvals": ("self_adjoint_eigvals", ["tensor", "name"], {}),
    "batch_svd": ("svd", ["tensor", "compute_uv", "full_matrices", "name"], {}),
    "batch_fft": ("fft", ["input", "name"], {}),
    "batch_ifft": ("ifft", ["input", "name"], {}),
    "batch_fft2d": ("fft2d", ["input", "name"], {}),
    "batch_ifft2d": ("ifft2d", ["input", "name"], {}),
    "batch_fft3d": ("fft3d", ["input", "name"], {}),
    "batch_ifft3d": ("ifft3d", ["input", "name"], {}),
}


def pre_1_0_entry(old_params, mapping, v1_entry, target_params):
    """The argument entry from a pre-1.0 signature to the final TF 2 (or compat.v1)
    target: pre-1.0 name -> TF 1 name (`mapping`) -> TF 2 name (the TF 1 name's entry)."""
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    names = [p.name for p in target_params if p.kind not in variadic]
    positional = [
        p.name for p in target_params
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    v1_renames = (v1_entry or {}).get("renames", {})

    def final(param):
        if param in mapping and mapping[param] is None:
            return None
        v1_name = mapping.get(param, param)
        return v1_renames.get(v1_name, v1_name)

    keep = 0
    for i, param in enumerate(old_params):
        if i < len(positional) and final(param) == positional[i]:
            keep = i + 1
        else:
            break
    entry: dict = {}
    if keep < len(old_params):
        entry["args"] = list(old_params)
        entry["keep"] = keep
    renames = {p: final(p) for p in old_params if final(p) is not None and final(p) != p}
    if renames:
        entry["renames"] = renames
    v1_only = [p for p in old_params if final(p) is None or final(p) not in names]
    if v1_only:
        entry["v1_only"] = v1_only
    return entry


LOOKUP = re.compile(
    r"deprecated_argument_lookup\(\s*['\"](\w+)['\"]\s*,\s*[\w.]+\s*,\s*['\"](\w+)['\"]"
)


def is_module(obj) -> bool:
    return isinstance(obj, types.ModuleType)


API_MODULE_PREFIXES = ("tensorflow._api.", "tf_keras.api.")


def is_api_module(module) -> bool:
    """Generated API modules, not implementation modules re-exported by them."""
    return getattr(module, "__name__", "").startswith(API_MODULE_PREFIXES)


def walk(root, skip_top=SKIP_TOP, skip_paths=frozenset()):
    """(path, object) for every public name below `root`; modules first-class."""
    out: dict[str, object] = {}
    seen: set[int] = set()

    def visit(module, prefix):
        if id(module) in seen:
            return
        seen.add(id(module))
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            path = prefix + name
            if (not prefix and name in skip_top) or path in skip_paths:
                continue
            try:
                obj = getattr(module, name)
            except Exception:  # a lazily loaded module that cannot load here
                continue
            out[path] = obj
            if is_module(obj) and is_api_module(obj):
                visit(obj, path + ".")

    visit(root, "")
    return out


def is_constant(obj) -> bool:
    return isinstance(obj, (bool, int, float, str, bytes, type(None)))


def signature(obj):
    try:
        target = obj.__init__ if inspect.isclass(obj) else obj
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return None
    params = list(sig.parameters.values())
    if inspect.isclass(obj) and params and params[0].name == "self":
        params = params[1:]
    return params


def deprecated_renames(obj) -> dict[str, str]:
    """old -> new keyword pairs from the v1 source's deprecated_argument_lookup calls."""
    _, inner = tf_decorator.unwrap(obj.__init__ if inspect.isclass(obj) else obj)
    try:
        source = inspect.getsource(inner)
    except (OSError, TypeError):
        return {}
    return {old: new for new, old in LOOKUP.findall(source)}


def argument_entry(v1_obj, v2_obj, curated: dict[str, str] | None = None, by_position=False,
                   added: dict[str, str] | None = None):
    """How a call of the v1 object becomes a call of the v2 object, or None if it cannot.

    Returns {"args": [v1 parameter names], "keep": leading positional count that needs no
    change, "renames": {old: new}, "v1_only": [...], "add": {keyword: tf attribute}},
    keys left out when empty.
    """
    p1, p2 = signature(v1_obj), signature(v2_obj)
    if p1 is None or p2 is None:
        return None
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    v2_names = [p.name for p in p2 if p.kind not in variadic]
    v2_positional = [
        p.name for p in p2
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    if any(p.kind in variadic for p in p1) and not any(p.kind in variadic for p in p2):
        return None
    renames: dict[str, str] = {}
    if by_position:
        if len(p1) != len([p for p in p2 if p.kind not in variadic]) and len(p1) > len(p2):
            return None
        renames = {a.name: b.name for a, b in zip(p1, p2) if a.name != b.name}
    renames.update({old: new for old, new in deprecated_renames(v1_obj).items() if new in v2_names})
    renames.update(curated or {})
    v1_names = [p.name for p in p1 if p.kind not in variadic]
    renames = {old: new for old, new in renames.items() if old in v1_names and old not in v2_names}
    v1_only = [n for n in v1_names if n not in v2_names and n not in renames]
    # Every required v2 parameter must be fed by some v1 parameter.
    fed = {renames.get(n, n) for n in v1_names} | set(added or ())
    for p in p2:
        if p.kind not in variadic and p.default is inspect.Parameter.empty and p.name not in fed:
            return None
    keep = 0
    v1_positional = [
        p.name for p in p1
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    for i, name in enumerate(v1_positional):
        if i < len(v2_positional) and renames.get(name, name) == v2_positional[i]:
            keep = i + 1
        else:
            break
    entry: dict = {}
    if keep < len(v1_positional):
        entry["args"] = v1_positional
        entry["keep"] = keep
    if renames:
        entry["renames"] = renames
    if v1_only:
        entry["v1_only"] = v1_only
    if added:
        entry["add"] = dict(added)
    return entry


def importable_from(module: str, names: list[str]) -> bool:
    """Does `from tensorflow.<module> import <name>` work for all these names?"""
    try:
        imported = importlib.import_module(f"tensorflow.{module}")
    except ImportError:
        return False
    return all(hasattr(imported, name) for name in names)


def same_constants(v1_cls, v2_cls) -> bool:
    """Class-level constants (enum-like holders) present in both must agree."""
    for name in set(dir(v1_cls)) & set(dir(v2_cls)):
        if name.startswith("_"):
            continue
        a, b = getattr(v1_cls, name, None), getattr(v2_cls, name, None)
        if is_constant(a) and is_constant(b) and a != b:
            return False
    return True


def unwrapped_id(obj) -> int:
    return id(tf_decorator.unwrap(obj)[1]) if callable(obj) else id(obj)


def canonical_v2(obj, paths: list[str]) -> str:
    """Prefer the symbol's own canonical TF 2 name, then non-deprecated, shortest."""
    _, inner = tf_decorator.unwrap(obj) if callable(obj) else (None, obj)
    declared = list(tf_export.get_v2_names(inner)) or list(tf_export.get_v2_names(obj))
    raw = getattr(inner, "__dict__", {}).get("_tf_deprecated_api_names", ())
    deprecated = {name for name in raw if isinstance(name, str)} if isinstance(raw, (list, tuple)) else set()
    for name in declared:
        if name in paths and name not in deprecated:
            return name

    def rank(path):
        return (path in deprecated, "experimental" in path, path.count("."), len(path), path)

    return min(paths, key=rank)


def module_identical(path, v1_tree, v2_tree) -> bool:
    members1 = {p for p in v1_tree if p.startswith(path + ".")}
    members2 = {p for p in v2_tree if p.startswith(path + ".")}
    if members1 != members2:
        return False
    return all(
        is_module(v1_tree[p]) and is_module(v2_tree[p]) or v1_tree[p] is v2_tree[p]
        for p in members1
    )


def generate():
    v1_tree = walk(tf.compat.v1)
    v2_tree = walk(tf, skip_top=set(), skip_paths=SKIP_V2)
    v2_by_id: dict[int, list[str]] = {}
    for path, obj in v2_tree.items():
        if not is_module(obj) and not is_constant(obj):
            v2_by_id.setdefault(id(obj), []).append(path)
            v2_by_id.setdefault(unwrapped_id(obj), []).append(path)

    same, alias, equivalent, v1_only = [], {}, {}, []
    modules: dict[str, int] = {}
    same_modules: list[str] = []
    class_attrs: dict[str, list[str]] = {}
    arguments: dict[str, dict] = {}
    keep_v1_reasons: dict[str, str] = {}

    dataset_v1_attrs = sorted(
        n for n in set(dir(tf.compat.v1.data.Dataset)) - set(dir(tf.data.Dataset))
        if not n.startswith("_")
    )
    identical_modules = sorted(
        p for p, o in v1_tree.items()
        if is_module(o) and p in v2_tree and is_module(v2_tree[p]) and module_identical(p, v1_tree, v2_tree)
    )
    # Keep only the outermost identical modules.
    for path in identical_modules:
        if not any(path.startswith(m + ".") for m in same_modules):
            same_modules.append(path)

    def under_same_module(path):
        return any(path.startswith(m + ".") for m in same_modules)

    for path, obj in sorted(v1_tree.items()):
        if under_same_module(path) or path in same_modules:
            continue
        if is_module(obj):
            # 1: TF 2 has a module of that name (with other members); 0: it does not.
            modules[path] = int(path in v2_tree and is_module(v2_tree[path]))
            continue
        v2_obj = v2_tree.get(path)
        if v2_obj is obj and not is_constant(obj):
            same.append(path)
            continue
        if is_constant(obj):
            if path in v2_tree and type(v2_obj) is type(obj) and v2_obj == obj:
                same.append(path)
                continue
            leaf = path.rsplit(".", 1)[-1]
            homes = [
                p for p, o in v2_tree.items()
                if p.rsplit(".", 1)[-1] == leaf and type(o) is type(obj) and o == obj
            ]
            if homes:
                alias[path] = min(homes, key=lambda p: (p.count("."), p))
            else:
                v1_only.append(path)
            continue
        homes = v2_by_id.get(id(obj)) or v2_by_id.get(unwrapped_id(obj))
        if homes:
            target = canonical_v2(obj, sorted(set(homes)))
            if target == path:
                same.append(path)
            else:
                alias[path] = target
            continue
        # A different object: the v2 namesake, a curated equivalent, or nothing.
        reason = KEEP_V1.get(path) or (
            KEEP_V1_PATTERN_REASON if KEEP_V1_PATTERN.search(path) and v2_obj is not None else None
        )
        if reason:
            keep_v1_reasons[path] = reason
            v1_only.append(path)
            continue
        target, curated, by_position, added = None, None, False, None
        if path in CURATED_CASTS:
            target, added = "cast", {"dtype": CURATED_CASTS[path]}
        elif path in CURATED_EQUIVALENTS:
            target, by_position = CURATED_EQUIVALENTS[path], True
        elif path in CURATED_KEYWORDS:
            target, curated = CURATED_KEYWORDS[path]
        elif v2_obj is not None and not is_module(v2_obj) and callable(obj) and callable(v2_obj):
            target = path
        entry = None
        if target is not None and target in v2_tree:
            entry = argument_entry(obj, v2_tree[target], curated, by_position, added)
            both_classes = inspect.isclass(obj) and inspect.isclass(v2_tree[target])
            if entry is None and both_classes and issubclass(obj, v2_tree[target]):
                entry = {}  # an abstract v1 subclass (data.Dataset): used through its methods
            if entry is not None and both_classes and not same_constants(obj, v2_tree[target]):
                keep_v1_reasons[path] = "class constants differ between v1 and v2"
                entry = None
        if entry is None:
            v1_only.append(path)
            continue
        if inspect.isclass(obj) and inspect.isclass(v2_tree[target]):
            extra = sorted(
                n for n in set(dir(obj)) - set(dir(v2_tree[target])) if not n.startswith("_")
            )
            if extra:
                class_attrs[path] = extra
        elif path.startswith("data.") and callable(obj):
            # v1 data functions return v1 datasets (make_one_shot_iterator, ...).
            class_attrs[path] = dataset_v1_attrs
        equivalent[path] = target
        if entry:
            arguments[path] = entry

    # A v1 function exported under several v1 names (`sparse_add` and `sparse.add`) moves
    # wherever its equivalent namesake moved, with the same argument conversion.
    equivalent_by_object = {}
    for path, target in equivalent.items():
        equivalent_by_object.setdefault(unwrapped_id(v1_tree[path]), (path, target))
    for path in list(v1_only):
        if path in keep_v1_reasons or is_constant(v1_tree[path]):
            continue
        found = equivalent_by_object.get(unwrapped_id(v1_tree[path]))
        if found is None:
            continue
        source, target = found
        v1_only.remove(path)
        equivalent[path] = target
        if source in arguments:
            arguments[path] = arguments[source]
        if source in class_attrs:
            class_attrs[path] = class_attrs[source]

    # `from tensorflow.<module> import <name>` fails for a few API modules that a real
    # package shadows (tensorflow.lite, tensorflow.distribute): MIG101 must not write
    # such imports.
    targets = set(same) | set(alias.values()) | set(equivalent.values())
    targets |= {"compat.v1." + p for p in v1_only}
    unimportable = sorted({
        module for module in (t.rpartition(".")[0] for t in targets if "." in t)
        if not importable_from(module, [t.rpartition(".")[2] for t in targets if t.rpartition(".")[0] == module])
    })

    def shape_of(obj):
        """[positional names, keyword names, *args?, **kwargs?] of a callable."""
        try:  # for a class, its constructor as callers see it (no `self`)
            params = list(inspect.signature(obj).parameters.values())
        except (TypeError, ValueError):
            return None
        kinds = inspect.Parameter
        return [
            [p.name for p in params if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)],
            [p.name for p in params if p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)],
            int(any(p.kind == kinds.VAR_POSITIONAL for p in params)),
            int(any(p.kind == kinds.VAR_KEYWORD for p in params)),
        ]

    # Pre-1.0 names: through their TF 1 name to its TF 2 home.
    pre_1_0: dict[str, list[str]] = {}
    for old, (v1_name, old_params, mapping) in PRE_1_0.items():
        if old in v1_tree:  # still a TF 1 name (op_scope in tf.compat.v1): the table has it
            continue
        if v1_name in same:
            target = v1_name
        elif v1_name in alias:
            target = alias[v1_name]
        elif v1_name in equivalent:
            target = equivalent[v1_name]
        else:
            target = "compat.v1." + v1_name
        obj = v1_tree[v1_name] if target.startswith("compat.v1.") else v2_tree[target]
        entry = pre_1_0_entry(
            old_params, mapping, None if target.startswith("compat.v1.") else arguments.get(v1_name),
            signature(obj) or [],
        )
        pre_1_0[old] = [target, v1_name, old_params, mapping]
        if entry:
            arguments[old] = entry

    # v1 names that are also TF 2 names of another object (`where`, `batch_to_space`,
    # `saved_model.load`, `nn.conv2d`): a file showing no other TF 1 name is read as TF 2
    # code there (the tool's own output, already-migrated code), see rename_tf_symbols.
    tf2_namesakes = sorted(
        p for p in v1_tree
        if p not in same and not is_module(v1_tree[p]) and p in v2_tree and not is_module(v2_tree[p])
        and not under_same_module(p)
    )

    # The v1 and v2 call signatures of the shared names: a call that binds only to the
    # v1 signature (`tf.cond(p, a, b, True, "n")`) is TF 1 code whatever the file shows.
    namesake_signatures = {}
    for path in tf2_namesakes:
        if callable(v1_tree[path]) and callable(v2_tree[path]):
            v1_shape, v2_shape = shape_of(v1_tree[path]), shape_of(v2_tree[path])
            if v1_shape is not None and v2_shape is not None and v1_shape != v2_shape:
                namesake_signatures[path] = [v1_shape, v2_shape]

    renames_table = {
        "_generated": {
            "command": COMMAND,
            "tensorflow": tf.__version__,
            "do_not_edit": "generated file; edit generate_tables.py and rerun",
            "layout": "same: v1 path == TF2 path (identical object); alias: v1 path -> TF2 path "
            "(identical object); equivalent: v1 path -> TF2 path (other object, same meaning "
            "after tf_arguments.json); v1_only: target compat.v1.<path>; modules: v1 modules "
            "whose TF2 namesake differs (1) or is missing (0); same_modules: identical modules; class_attrs: "
            "attributes only the v1 class has; keep_v1: why a namesake was not used; "
            "unimportable: modules `from tensorflow.<module> import x` cannot import from; "
            "tf2_namesakes: v1 names that TF 2 also has, for another object; pre_1_0: names "
            "removed in TF 1.0 -> [TF 2 target, TF 1 name, pre-1.0 parameters (TF 0.12 docs), "
            "{pre-1.0 parameter: TF 1 parameter, null: none}]; namesake_signatures: shared name -> "
            "[v1, v2] as [positional names, keyword names, *args, **kwargs]",
        },
        "same": sorted(same),
        "alias": dict(sorted(alias.items())),
        "equivalent": dict(sorted(equivalent.items())),
        "v1_only": sorted(v1_only),
        "modules": dict(sorted(modules.items())),
        "same_modules": sorted(same_modules),
        "class_attrs": dict(sorted(class_attrs.items())),
        "keep_v1": dict(sorted(keep_v1_reasons.items())),
        "unimportable": unimportable,
        "tf2_namesakes": tf2_namesakes,
        "pre_1_0": dict(sorted(pre_1_0.items())),
        "namesake_signatures": namesake_signatures,
    }
    arguments_table = {
        "_generated": {
            "command": COMMAND,
            "tensorflow": tf.__version__,
            "do_not_edit": "generated file; edit generate_tables.py and rerun",
            "layout": "v1 path -> {args: v1 positional parameter names (present when a "
            "positional call must turn into keywords from index `keep` on), keep, renames: "
            "{v1 keyword: TF2 keyword}, v1_only: parameters TF2 lacks (a call using one keeps "
            "compat.v1), add: {keyword: tf attribute} arguments TF2 needs (to_float -> cast)}",
        },
        **dict(sorted(arguments.items())),
    }
    return renames_table, arguments_table


def write(table: dict, name: str) -> None:
    # One entry per line: diffs stay readable, loading stays one json.loads.
    lines = ["{"]
    items = list(table.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}{comma}")
    lines.append("}")
    (HERE / name).write_text("\n".join(lines) + "\n")


def main() -> int:
    renames_table, arguments_table = generate()
    write(renames_table, "tf_renames.json")
    write(arguments_table, "tf_arguments.json")
    counts = {k: len(v) for k, v in renames_table.items() if k != "_generated"}
    print(f"tensorflow {tf.__version__}: {counts}, arguments: {len(arguments_table) - 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
