"""MIG203: Keras optimizer `lr=` -> `learning_rate=`, `decay=` -> an InverseTimeDecay schedule.

Measured on TF 2.21: Keras 3 rejects `lr=` (ValueError) and silently IGNORES `decay=`
(a UserWarning, no decay at all); tf-keras 2.21 silently IGNORES `lr=` (the optimizer
keeps its default learning rate) and rejects `decay=`.  Both are rewritten for either
target.  Keras 2's decay was `lr / (1 + decay * iterations)`, which is exactly
`InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)` (a test checks the values step
by step against tf-keras's legacy optimizer).  `optimizer.lr` is
`optimizer.learning_rate` (Keras 3 optimizers have no `lr`).
"""
from __future__ import annotations

import ast
import re

import libcst as cst

from migrate.codemod import Codemod

OPTIMIZER_MODULES = (
    "keras.optimizers", "tensorflow.keras.optimizers", "tensorflow.python.keras.optimizers",
    "tf_keras.optimizers", "tensorflow.keras.optimizers.legacy", "keras.optimizers.legacy",
    "tensorflow.compat.v1.keras.optimizers", "tensorflow.compat.v2.keras.optimizers",
)
OPTIMIZERS = {
    "SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam", "Ftrl", "AdamW",
    "Lion", "Optimizer",
}
OLD_KEYWORDS = re.compile(r"\b(?:lr|decay)\s*=")
SCHEDULE = "keras.optimizers.schedules.InverseTimeDecay"  # under tensorflow


def is_keras_optimizer(qualified: str | None) -> bool:
    if not qualified:
        return False
    module, _, name = qualified.rpartition(".")
    return module in OPTIMIZER_MODULES and name in OPTIMIZERS


class KerasOptimizerLr(Codemod):
    """Keras optimizer arguments of Keras 2 -> TF 2.

    Before:
        opt = keras.optimizers.Adam(lr=0.001, decay=1e-6)
        K.set_value(model.optimizer.lr, 0.0001)

    After:
        opt = keras.optimizers.Adam(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=1, decay_rate=1e-6))
        K.set_value(model.optimizer.learning_rate, 0.0001)
    """

    CODE = "MIG203"
    TITLE = "Keras optimizer lr= -> learning_rate=, decay= -> InverseTimeDecay"
    WARNINGS = {"MIG254": "optimizer decay that cannot be rewritten"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if "lr" in facts.attributes and ".optimizer.lr" in facts.source:
            return True
        if OLD_KEYWORDS.search(facts.source) is None:
            return False  # migrated code says learning_rate= (and decay_rate= in schedules)
        if not any(is_keras_optimizer(name) for name in facts.names):
            return False
        # The words may be in a docstring: look for a call that really passes them.
        return any(
            any(k.arg in ("lr", "decay") for k in node.keywords) for node in facts.of_type(ast.Call)
        )

    def leave_Call(self, original_node, updated_node):
        if not is_keras_optimizer(self.qualname(original_node.func)):
            return updated_node
        keywords = {a.keyword.value: a for a in updated_node.args if a.keyword is not None}
        if "lr" not in keywords and "decay" not in keywords:
            return updated_node
        args = list(updated_node.args)
        if "lr" in keywords and "learning_rate" not in keywords:
            args = [
                a.with_changes(keyword=cst.Name("learning_rate")) if a is keywords["lr"] else a for a in args
            ]
            self.changed(original_node, "optimizer `lr=` -> `learning_rate=`")
        if "decay" in keywords:
            args = self._decay(original_node, args, keywords["decay"])
        return updated_node.with_changes(args=args)

    def _decay(self, original_node, args, decay_arg):
        decay_code = cst.Module(body=[]).code_for_node(decay_arg.value)
        if decay_code in ("0", "0.", "0.0"):
            self.changed(original_node, "`decay=0` dropped (no decay)")
            return _without(args, decay_arg)
        rate_arg = next(
            (a for a in args if a.keyword is not None and a.keyword.value == "learning_rate"), None
        )
        positional = [a for a in args if a.keyword is None]
        if rate_arg is None and len(positional) == 1 and not positional[0].star:
            rate_arg = positional[0]
        if rate_arg is None and not positional and not any(a.star for a in args):
            rate_value: cst.BaseExpression | None = None  # the optimizer's default: keep it explicit
            self.warn(
                original_node, "MIG254",
                f"`decay={decay_code}` is ignored by Keras 3 and rejected by tf-keras: pass "
                f"`learning_rate=keras.optimizers.schedules.InverseTimeDecay(<the learning rate>, "
                f"decay_steps=1, decay_rate={decay_code})` (this optimizer used its default rate)",
            )
            return args
        if rate_arg is None or any(a.star for a in args):
            self.warn(
                original_node, "MIG254",
                f"`decay={decay_code}`: pass `learning_rate=keras.optimizers.schedules."
                f"InverseTimeDecay(lr, decay_steps=1, decay_rate={decay_code})` instead (Keras 3 ignores decay)",
            )
            return args
        rate_value = rate_arg.value
        schedule_func = self.file.tf_attr(SCHEDULE)
        if self.file.settings.keras == "2":
            # tf.keras must be tf-keras to mix with its optimizers (after tf_attr: the
            # environment line must go before the TensorFlow import it may add).
            self.file.use_legacy_keras()
        schedule = cst.Call(
            func=schedule_func,
            args=[
                cst.Arg(rate_value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                _keyword("decay_steps", cst.Integer("1"), comma=True),
                _keyword("decay_rate", decay_arg.value),
            ],
        )
        self.changed(original_node, "optimizer `decay=` -> `learning_rate=InverseTimeDecay(...)` (Keras 2's decay formula)")
        new_args = []
        for arg in args:
            if arg is decay_arg:
                continue
            if arg is rate_arg:
                arg = arg.with_changes(
                    keyword=cst.Name("learning_rate"), value=schedule,
                    equal=arg.equal if arg.keyword is not None else _equal(),
                )
            new_args.append(arg)
        return _tidy(new_args, args)

    def leave_Attribute(self, original_node, updated_node):
        # `<...>.optimizer.lr` -> `<...>.optimizer.learning_rate`
        if original_node.attr.value != "lr":
            return updated_node
        value = original_node.value
        receiver = value.attr.value if isinstance(value, cst.Attribute) else value.value if isinstance(value, cst.Name) else ""
        if receiver != "optimizer":
            return updated_node
        self.changed(original_node, "`optimizer.lr` -> `optimizer.learning_rate`")
        return updated_node.with_changes(attr=cst.Name("learning_rate"))


def _keyword(name, value, comma=False):
    return cst.Arg(
        keyword=cst.Name(name), value=value, equal=_equal(),
        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if comma else cst.MaybeSentinel.DEFAULT,
    )


def _equal():
    return cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _without(args, dropped):
    return _tidy([a for a in args if a is not dropped], args)


def _tidy(new_args, old_args):
    """Keep a trailing comma only if the call had one."""
    trailing = bool(old_args) and old_args[-1].comma is not cst.MaybeSentinel.DEFAULT
    if new_args and not trailing:
        new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return new_args
