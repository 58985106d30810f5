"""`--style tf2`: a sparse placeholder (`tf.compat.v1.sparse_placeholder(dtype=tf.string)`, fed a
`tf.compat.v1.SparseTensorValue(indices, values, dense_shape)`: nfmcclure's address matching)
becomes an argument of the steps that is a `tf.SparseTensor`, as TF 1.x's feed made one:

- every `tf.compat.v1.SparseTensorValue(indices, values, dense_shape)` of the program becomes
  `tf.SparseTensor(indices, values, dense_shape)`: indices and dense_shape converted to int64, as
  Session.run converted them for a sparse placeholder (TF source: session.py feeds a
  SparseTensorValue's three parts to the placeholder's int64 indices / shape tensors), values
  to the tensor of their own type (strings: tf.string; Python floats: float32; ints: int32);
- in a step, a fed sparse placeholder of a numeric dtype gets its values cast to that dtype
  (`tf.SparseTensor(p.indices, tf.cast(p.values, dtype), p.dense_shape)`), as the feed converted
  them; a tf.string one is the value fed.

Converted dtypes: tf.string, tf.float32, tf.int32, tf.int64, tf.bool, where converting Python's
values first to their own tensor type and then casting gives what Session.run's direct conversion
gave; another dtype (float64: Python floats would be rounded to float32 first) is a Fallback.
The placeholder's `shape` is not checked (TF 1.x checked the fed dense_shape against it).
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast

SPARSE_PLACEHOLDER = "tf.compat.v1.sparse_placeholder"
SPARSE_VALUE = "tf.compat.v1.SparseTensorValue"
EXACT_DTYPES = frozenset({"tf.string", "tf.float32", "tf.int32", "tf.int64", "tf.bool"})


def sparse_placeholder(c, stmt: ast.Assign, name: str, call: ast.Call) -> bool:
    """Record `name = tf.compat.v1.sparse_placeholder(dtype, shape=None, name=None)` as a
    placeholder of the program (`Def.sparse`), its statement gone, and the program's
    SparseTensorValue calls written as tf.SparseTensor (once); raise Fallback for another dtype."""
    from migrate.tf2_graph import Def

    dtype = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dtype"), None)
    dtype_text = c.qual(dtype) if dtype is not None else None
    if dtype_text not in EXACT_DTYPES or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        raise c.fail(call, "a sparse placeholder of a dtype other than tf.string, float32, int32, int64, bool (or "
                     "given by *args / **kwargs): Python's values made a tensor of their own type first, then cast, "
                     "would not be what Session.run converted directly")
    d = Def(stmt, "placeholder", [name], dtype=dtype_text)
    d.shape = "None"
    d.sparse = True
    c._add(d)
    c._delete(stmt)
    if not getattr(c, "sparse_values_written", False):
        c.sparse_values_written = True
        for node in ast.walk(c.tree):
            if isinstance(node, ast.Call) and c.call_name(node) == SPARSE_VALUE:
                c._replace(node.func, c.tf("tf.SparseTensor"))
    return True


def sparse_argument(c, placeholder: str) -> str | None:
    """The step's first line for a fed sparse placeholder (its values cast to a numeric dtype),
    "" for a tf.string one; None when `placeholder` is not sparse."""
    d = c.defs[placeholder]
    if not getattr(d, "sparse", False):
        return None
    if d.dtype == "tf.string":
        return ""
    sparse = c.tf("tf.SparseTensor")
    return f"{placeholder} = {sparse}({placeholder}.indices, {c.tf('tf.cast')}({placeholder}.values, {c.tf(d.dtype)}), " \
           f"{placeholder}.dense_shape)"
