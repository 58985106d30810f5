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
        if _graph_keras2(facts, settings) and any(is_keras_optimizer(name) and name.rpartition(".")[2] in LEGACY for name in facts.names):
            return True
        if not any(is_keras_optimizer(name) for name in facts.names):
            return False
        if OLD_KEYWORDS.search(facts.source) is None:
            return False  # migrated code says learning_rate= (and decay_rate= in schedules)
        # The words may be in a docstring: look for a call that really passes them.
        return any(
            any(k.arg in ("lr", "decay") for k in node.keywords) for node in facts.of_type(ast.Call)
        )

    def visit_Module(self, node):
        self.graph_keras2 = _graph_keras2(self.file.facts, self.file.settings)

    def leave_Call(self, original_node, updated_node):
        qualified = self.qualname(original_node.func)
        if not is_keras_optimizer(qualified):
            return updated_node
        keywords = {a.keyword.value: a for a in updated_node.args if a.keyword is not None}
        decay = keywords.get("decay")
        decays = decay is not None and _code(decay.value) not in ("0", "0.", "0.0")
        legacy = (
            _keras2_file(self.file.facts, self.file.settings) and qualified.rpartition(".")[2] in LEGACY
            and ".legacy." not in qualified and (self.graph_keras2 or decays)
        )
        if "lr" not in keywords and "decay" not in keywords and not legacy:
            return updated_node
        args = list(updated_node.args)
        if "lr" in keywords and "learning_rate" not in keywords:
            args = [
                a.with_changes(keyword=cst.Name("learning_rate")) if a is keywords["lr"] else a for a in args
            ]
            self.changed(original_node, "optimizer `lr=` -> `learning_rate=`")
        if legacy:
            # tf-keras's legacy optimizers are Keras 2's: `decay=` with Keras 2's formula, an
            # `optimizer.lr` that K.set_value and LR callbacks can set, and get_updates for
            # the v1 training loop (graph mode).
            func = self._legacy_func(original_node.func, updated_node.func, qualified)
            if func is not None:
                self.file.use_legacy_keras()
                why = "keeps `decay=` and a settable `optimizer.lr`" if decays else "the v1 training loop (eager execution disabled) needs get_updates"
                self.changed(original_node, f"Keras 2 optimizer -> tf-keras `optimizers.legacy.{qualified.rpartition('.')[2]}` ({why})")
                return updated_node.with_changes(func=func, args=args)
        if "decay" in keywords:
            if decays and self.file.settings.keras == "3" and _learning_rate_set(self.file.facts):
                self.warn(
                    original_node, "MIG254",
                    f"`decay={_code(decay.value)}` with a learning rate the program also reads or sets "
                    "(optimizer.lr, K.set_value, LearningRateScheduler, ReduceLROnPlateau): a Keras 3 "
                    "schedule cannot be set, and reading it gives the decayed rate. Migrate with --keras 2 "
                    "(tf-keras's legacy optimizers keep Keras 2's decay), or replace the decay by a "
                    "LearningRateScheduler callback that applies lr / (1 + decay * iterations)",
                )
                return updated_node.with_changes(args=args)
            args = self._decay(original_node, args, keywords["decay"])
        return updated_node.with_changes(args=args)

    def _legacy_func(self, original_func, updated_func, qualified):
        """`keras.optimizers.SGD` -> `keras.optimizers.legacy.SGD`; a bare imported `SGD`
        -> `legacy_optimizers.SGD` with `from tf_keras.optimizers import legacy as legacy_optimizers`."""
        name = qualified.rpartition(".")[2]
        if isinstance(updated_func, cst.Attribute) and isinstance(updated_func.value, cst.Attribute) and updated_func.value.attr.value == "optimizers":
            return updated_func.with_changes(value=cst.Attribute(value=updated_func.value, attr=cst.Name("legacy")))
        if isinstance(updated_func, cst.Name):
            bound = self.file.add_import("tf_keras.optimizers", "legacy", asname="legacy_optimizers")
            return cst.Attribute(value=cst.Name(bound), attr=cst.Name(name))
        return None

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


# Optimizers tf-keras 2.21 also has in `optimizers.legacy` (Keras 2's own classes).
LEGACY = {"SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam", "Ftrl"}
# Code that reads or sets an optimizer's learning rate, which a schedule would break.
LR_SETTERS = re.compile(
    r"\.(?:lr|learning_rate)\b(?!\s*=[^=])|\b(?:LearningRateScheduler|ReduceLROnPlateau)\b|set_value\([^)]*\blr\b"
)


def _learning_rate_set(facts) -> bool:
    return LR_SETTERS.search(facts.source) is not None


def _keras2_file(facts, settings) -> bool:
    """The file runs on Keras 2 (tf-keras): the run's target, or the legacy switch an earlier
    pass set for a Keras model this file runs with eager execution off, under a Keras 3 run
    (keras_target's V1_GRAPH_WHY; a fresh run of a Keras codelab with a `tf.keras.optimizers.SGD`
    object failed in fit: tf-keras's v1 training loop calls `get_updates`, which only its
    legacy optimizers have)."""
    return settings.keras == "2" or "TF_USE_LEGACY_KERAS" in facts.source


def _graph_keras2(facts, settings) -> bool:
    """A Keras-2 target file that runs with eager execution disabled (it says so, or
    graph_mode disables it for its graph-era Keras internals)."""
    from migrate.codemods.graph_mode import keras2_graph_internals

    if not _keras2_file(facts, settings):
        return False
    return "disable_eager_execution" in facts.source or "disable_v2_behavior" in facts.source or keras2_graph_internals(facts, settings)


def _code(node) -> str:
    return cst.Module(body=[]).code_for_node(node)


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
