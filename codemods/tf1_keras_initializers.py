"""MIG110: TF 1's `tf.keras.initializers` constructors -> Keras 3's.

TF 1.x's `tf.keras.initializers` were TF's v1 initializers (tensorflow/python/keras/
initializers.py and ops/init_ops.py at r1.15): every constructor took a trailing `dtype`
(and `Constant` a `verify_shape`), and `uniform` / `normal` were aliases of
`RandomUniform` / `RandomNormal`.  Keras 3's constructors take neither, so a positional
dtype silently lands on another parameter (`glorot_uniform(seed, dtype)`: the dtype
becomes `input_axes`) or fails, and `uniform` / `normal` do not exist.  The layer passes
the dtype when it calls the initializer, so a float32 dtype is dropped; any other dtype is
reported.
"""
from __future__ import annotations

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts

# TF 1.15 constructor parameters, in order (recorded from the r1.15 sources named above).
_SEEDED = ("seed", "dtype")
TF1_SIGNATURES = {
    "Zeros": ("dtype",), "zeros": ("dtype",), "Ones": ("dtype",), "ones": ("dtype",),
    "Constant": ("value", "dtype", "verify_shape"), "constant": ("value", "dtype", "verify_shape"),
    "RandomUniform": ("minval", "maxval", "seed", "dtype"), "random_uniform": ("minval", "maxval", "seed", "dtype"),
    "uniform": ("minval", "maxval", "seed", "dtype"),
    "RandomNormal": ("mean", "stddev", "seed", "dtype"), "random_normal": ("mean", "stddev", "seed", "dtype"),
    "normal": ("mean", "stddev", "seed", "dtype"),
    "TruncatedNormal": ("mean", "stddev", "seed", "dtype"), "truncated_normal": ("mean", "stddev", "seed", "dtype"),
    "VarianceScaling": ("scale", "mode", "distribution", "seed", "dtype"),
    "Orthogonal": ("gain", "seed", "dtype"), "orthogonal": ("gain", "seed", "dtype"),
    "Identity": ("gain", "dtype"), "identity": ("gain", "dtype"),
    "GlorotUniform": _SEEDED, "glorot_uniform": _SEEDED, "GlorotNormal": _SEEDED, "glorot_normal": _SEEDED,
}
RENAMED = {"uniform": "RandomUniform", "normal": "RandomNormal"}  # TF 1 aliases Keras 3 lacks
DROPPED = ("dtype", "verify_shape")
FLOAT32 = {"tf.float32", "tf.dtypes.float32", "'float32'", '"float32"', "None"}


class Tf1KerasInitializers(Codemod):
    """`tf.keras.initializers` calls written for TF 1, for the Keras 3 target.

    Before::

        init = tf.keras.initializers.glorot_uniform(7, tf.float32)
        bias = tf.keras.initializers.uniform(-0.1, 0.1)
        zero = tf.keras.initializers.Zeros(dtype=tf.float32)

    After::

        init = tf.keras.initializers.glorot_uniform(7)
        bias = tf.keras.initializers.RandomUniform(-0.1, 0.1)
        zero = tf.keras.initializers.Zeros()
    """

    CODE = "MIG110"
    TITLE = "TF 1 tf.keras.initializers constructors (dtype, uniform/normal) -> Keras 3"
    WARNINGS = {"MIG192": "a TF 1 tf.keras initializer given a non-float32 dtype or verify_shape=True"}

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        if settings.keras != "3":
            return False
        return any(
            q.startswith("tensorflow.keras.initializers.") and q.rsplit(".", 1)[1] in TF1_SIGNATURES
            for q in facts.names
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if self.file.settings.keras != "3":
            return updated_node
        qualified = self.qualname(original_node.func)
        if qualified is None or not qualified.startswith("tensorflow.keras.initializers."):
            return updated_node
        name = qualified.rsplit(".", 1)[1]
        params = TF1_SIGNATURES.get(name)
        if params is None or any(a.star for a in original_node.args):
            return updated_node
        args, changed = [], False
        index = 0
        for arg in updated_node.args:
            param = arg.keyword.value if arg.keyword is not None else (params[index] if index < len(params) else None)
            if arg.keyword is None:
                index += 1
            if param in DROPPED:
                value = cst.Module([]).code_for_node(arg.value)
                keep = value in FLOAT32 if param == "dtype" else value in ("False", "None")
                if not keep:
                    self.warn(
                        original_node,
                        "MIG192",
                        f"tf.keras.initializers.{name}(..., {param}={value}): Keras 3 initializers take no "
                        f"`{param}` (the layer passes its dtype when it calls the initializer); pass "
                        "`dtype=` to the layer instead.",
                    )
                    return updated_node
                changed = True
                continue
            args.append(arg)
        func = updated_node.func
        if name in RENAMED and isinstance(func, cst.Attribute) and func.attr.value != RENAMED[name]:
            func = func.with_changes(attr=cst.Name(RENAMED[name]))
            changed = True
        if not changed:
            return updated_node
        if args:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self.changed(original_node, f"tf.keras.initializers.{name}(...): TF 1 constructor -> Keras 3")
        return updated_node.with_changes(func=func, args=args)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        """`initializer=tf.keras.initializers.uniform` (not called): the Keras 3 name."""
        if self.file.settings.keras != "3" or original_node.attr.value not in RENAMED:
            return updated_node
        qualified = self.qualname(original_node)
        if qualified != f"tensorflow.keras.initializers.{original_node.attr.value}":
            return updated_node
        self.changed(original_node, f"tf.keras.initializers.{original_node.attr.value} -> {RENAMED[original_node.attr.value]}")
        return updated_node.with_changes(attr=cst.Name(RENAMED[original_node.attr.value]))
