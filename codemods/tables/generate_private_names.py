"""Regenerate tf_private_names.json from the installed TensorFlow.

A developer script, run by hand with TensorFlow installed (never at run time):

    python codemods/tables/generate_private_names.py

TF 1.x programs often import TensorFlow's private modules for public functions
(`from tensorflow.python.ops import math_ops` ... `math_ops.reduce_sum(x)`). Every public
TensorFlow symbol is registered by `tf_export`, which stores its public paths on the
object itself: `_tf_api_names_v1` (the `tf.compat.v1` / TF 1.x paths) and `_tf_api_names`
(the TF 2 paths); constants such as `dtypes.float32` are listed per module in
`_tf_api_constants_v1` / `_tf_api_constants`. This script imports every
`tensorflow.python.*` module that the `tensorflow` package itself has loaded, and for
each module attribute that carries those facts records

    "tensorflow.python.ops.math_ops": {"reduce_sum": "reduce_sum", ...}

mapping the private name to its TF 1.x public path (the first of `_tf_api_names_v1`;
a private name whose object is TF 2 only, e.g. `math_ops.reduce_sum` which TF 2.21 keeps
as the v2 function next to `reduce_sum_v1`, takes the v1 path of its `<name>_v1` twin,
or of the same path when the v2 function has a v1 namesake). The codemod emits
`tf.<that path>`, and MIG101/MIG102 then take it to its TF 2 name and signature, exactly
as for code written against the public TF 1.x API.

`raw_ops.*` paths (the CamelCase op wrappers of gen_* modules) are left out: TF1 code
calls the snake_case functions. A private name that TF 2.21 no longer defines in that
module (`control_flow_ops.cond` now lives in `cond.py`) is not in this table; the codemod
falls back to the TF 1.x top-level name of the same spelling (see private_tf_imports.py).

Subtrees not mapped: `tensorflow.python.keras` (the Keras codemods own it) and
`tensorflow.python.compat` / `tensorflow.python.util` internals without public names.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402
from tensorflow.python.util import tf_decorator  # noqa: E402

HERE = Path(__file__).resolve().parent
COMMAND = "python codemods/tables/generate_private_names.py"
SKIP = ("tensorflow.python.keras", "tensorflow.python.compiler.tensorrt", "tensorflow.python.tpu")


def _target(obj):
    """The undecorated object: tf_export stores its facts there, under dispatch wrappers."""
    try:
        return tf_decorator.unwrap(obj)[1]
    except Exception:  # noqa: BLE001
        return obj


def _v1_paths(obj) -> tuple[str, ...]:
    obj = _target(obj)
    try:
        names = obj.__dict__.get("_tf_api_names_v1") if hasattr(obj, "__dict__") else None
    except Exception:  # noqa: BLE001 - some C++ objects refuse attribute access
        return ()
    return tuple(names or ())


def _v2_paths(obj) -> tuple[str, ...]:
    obj = _target(obj)
    try:
        names = obj.__dict__.get("_tf_api_names") if hasattr(obj, "__dict__") else None
    except Exception:  # noqa: BLE001
        return ()
    return tuple(names or ())


def _v1_exists(path: str) -> bool:
    target = tf.compat.v1
    for part in path.split("."):
        if not hasattr(target, part):
            return False
        target = getattr(target, part)
    return True


# Private names TF 1.x had that TF 2.21 dropped, with the public name of the same meaning
# (TensorFlow 1.5-1.7 eager API: context.in_eager_mode() is tf.executing_eagerly()).
CURATED = {
    "tensorflow.python.eager.context": {"in_eager_mode": "executing_eagerly"},
}


def _primary(name: str, paths) -> str:
    """The path ending in the private name if there is one (`gfile.GFile`, not `gfile.Open`),
    else the shortest (`reduce_sum`, not `math.reduce_sum`)."""
    return min(paths, key=lambda p: (p.rsplit(".", 1)[-1] != name, p.count("."), len(p)))


def module_table(module) -> dict[str, str]:
    table: dict[str, str] = {}
    constants_v1 = {name: tuple(api) for api, name in getattr(module, "_tf_api_constants_v1", ())}
    for name, value in list(vars(module).items()):
        if name.startswith("_"):
            continue
        v1 = _v1_paths(value)
        if not v1:
            twin = vars(module).get(f"{name}_v1")
            v1 = _v1_paths(twin) if twin is not None and _v2_paths(value) else ()
        if not v1:
            v1 = tuple(p for p in _v2_paths(value) if _v1_exists(p))
        v1 = tuple(p for p in v1 if "__internal__" not in p and not p.startswith("raw_ops."))
        if v1:
            table[name] = _primary(name, v1)
    for name, api in constants_v1.items():
        if api:
            api = tuple(p for p in api if not p.startswith("raw_ops."))
            if api:
                table.setdefault(name, _primary(name, api))
    return table


def main() -> None:
    out: dict[str, dict[str, str]] = {}
    for module_name in sorted(sys.modules):
        if not module_name.startswith("tensorflow.python.") or module_name.startswith(SKIP):
            continue
        module = sys.modules[module_name]
        if module is None:
            continue
        table = module_table(module)
        table.update({k: v for k, v in CURATED.get(module_name, {}).items() if k not in table})
        if table:
            out[module_name] = dict(sorted(table.items()))
    header = {
        "command": COMMAND,
        "tensorflow": tf.__version__,
        "do_not_edit": "generated file; edit generate_private_names.py and rerun",
        "layout": "private module -> {name: TF 1.x public path}, from tf_export's _tf_api_names_v1 / "
                  "_tf_api_names / _tf_api_constants_v1 metadata on the installed TensorFlow",
    }
    text = json.dumps({"_generated": header, "modules": out}, sort_keys=False, separators=(",", ":"))
    (HERE / "tf_private_names.json").write_text(text.replace('},"', '},\n"') + "\n")
    print(f"{len(out)} modules, {sum(map(len, out.values()))} names")


if __name__ == "__main__":
    main()
