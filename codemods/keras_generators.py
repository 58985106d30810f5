"""MIG202: `fit_generator` / `evaluate_generator` / `predict_generator` -> `fit` / `evaluate` / `predict`.

TF 2's Keras takes generators and `Sequence`s in `fit` itself.  The generator methods'
positional parameters are not `fit`'s (`fit_generator(gen, 100, 5)` means
steps_per_epoch=100, epochs=5, while `fit(x, 100, 5)` would mean y=100, batch_size=5),
so every argument after the generator is passed by keyword.  `evaluate_generator` and
`predict_generator` printed nothing by default; their TF 2 forms print a progress bar
unless told `verbose=0`, which is added.

Keras 3 (measured on 3.15.1) rejects `workers`, `use_multiprocessing` and
`max_queue_size` in `fit`/`evaluate`/`predict` (TypeError / ValueError): they moved to
the constructor of `keras.utils.PyDataset` (the new `Sequence`).  With the Keras 3 target
they are dropped; a value other than the default gets a warning saying where it goes.
tf-keras (`--keras 2`) still accepts them, so they are kept there.
"""
from __future__ import annotations

import re

import libcst as cst

from migrate.codemod import Codemod, dotted_text

RENAMED = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
# Keras 2 positional parameters after the generator, per method.
POSITIONAL = {
    "fit_generator": (
        "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data", "validation_steps",
        "validation_freq", "class_weight", "max_queue_size", "workers", "use_multiprocessing",
        "shuffle", "initial_epoch",
    ),
    "evaluate_generator": ("steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing", "verbose"),
    "predict_generator": ("steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing", "verbose"),
}
# Arguments Keras 3 moved to PyDataset, with their Keras-2 defaults.
LOADER_ARGUMENTS = {"workers": "1", "use_multiprocessing": "False", "max_queue_size": "10"}
LOADER_KEYWORD = re.compile(r"\b(workers|use_multiprocessing|max_queue_size)\s*=")
TRAINING_METHODS = {"fit", "evaluate", "predict"}


class KerasGenerators(Codemod):
    """Generator training methods -> fit / evaluate / predict.

    Before:
        model.fit_generator(gen, 100, epochs=5, workers=4, use_multiprocessing=True)
        score = model.evaluate_generator(val_gen, steps=10)

    After (target Keras 3; with `--keras 2` workers/use_multiprocessing are kept):
        model.fit(gen, steps_per_epoch=100, epochs=5)  # MIG253: workers go to PyDataset
        score = model.evaluate(val_gen, steps=10, verbose=0)
    """

    CODE = "MIG202"
    TITLE = "fit_generator / evaluate_generator / predict_generator -> fit / evaluate / predict"
    WARNINGS = {"MIG253": "data-loading arguments Keras 3 no longer takes in fit/evaluate/predict"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if RENAMED.keys() & facts.attributes:
            return True
        if "predict" in facts.attributes and _quiet_predicts_needed(facts):
            return True
        if not (
            settings.keras == "3" and bool(TRAINING_METHODS & facts.attributes)
            and LOADER_KEYWORD.search(facts.source) is not None and _mentions_keras(facts)
        ):
            return False
        import ast

        return any(  # a fit/evaluate/predict call really given one of them
            isinstance(node.func, ast.Attribute)
            and node.func.attr in TRAINING_METHODS
            and any(k.arg in LOADER_ARGUMENTS for k in node.keywords)
            for node in facts.of_type(ast.Call)
        )

    def __init__(self, file) -> None:
        super().__init__(file)
        # A class of the user's own that defines these methods is not Keras: leave it.
        self.own_methods = {
            node.name for node in _function_defs(file.facts) if node.name in RENAMED
        }
        self.models = _keras_models(file.facts) if "predict" in file.facts.attributes else set()

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        method = func.attr.value
        if method in RENAMED and method not in self.own_methods:
            return self._rename(original_node, updated_node, method)
        if method == "predict" and _receiver(func.value) in self.models and _lacks_verbose(original_node):
            # Keras 2's predict printed nothing by default; TF 2's prints a progress bar
            # per call (a server would log one per request).
            self.changed(original_node, "`predict(...)` gets `verbose=0`: Keras 2's default, TF 2 prints a progress bar")
            args = list(updated_node.args) + [cst.Arg(
                keyword=cst.Name("verbose"), value=cst.Integer("0"),
                equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
            )]
            return updated_node.with_changes(args=_fix_commas(args, list(updated_node.args)))
        if method in TRAINING_METHODS and self.file.settings.keras == "3":
            if any(a.keyword is not None and a.keyword.value in LOADER_ARGUMENTS for a in original_node.args):
                if _mentions_keras(self.file.facts):
                    args = self._drop_loader_arguments(original_node, list(updated_node.args))
                    return updated_node.with_changes(args=_fix_commas(args, list(updated_node.args)))
        return updated_node

    def _rename(self, original_node, updated_node, method):
        args = list(updated_node.args)
        if any(a.star for a in args[1:]) or (args and args[0].star):
            # *args / **kwargs could carry Keras-2 positions or loader arguments: rename only.
            self.changed(original_node, f"`{method}` -> `{RENAMED[method]}` (check the *args/**kwargs it is given)")
            new_args = args
        else:
            new_args = []
            positions = POSITIONAL[method]
            positional_index = 0
            for arg in args:
                if arg.keyword is None:
                    if positional_index == 0:
                        new_args.append(arg)
                    elif positional_index - 1 < len(positions):
                        name = positions[positional_index - 1]
                        new_args.append(arg.with_changes(
                            keyword=cst.Name(name),
                            equal=cst.AssignEqual(
                                whitespace_before=cst.SimpleWhitespace(""),
                                whitespace_after=cst.SimpleWhitespace(""),
                            ),
                        ))
                    else:
                        new_args.append(arg)
                    positional_index += 1
                elif arg.keyword.value == "generator":
                    new_args.append(arg.with_changes(keyword=cst.Name("x")))
                else:
                    new_args.append(arg)
            if method != "fit_generator" and not any(a.keyword is not None and a.keyword.value == "verbose" for a in new_args):
                new_args.append(cst.Arg(
                    keyword=cst.Name("verbose"), value=cst.Integer("0"),
                    equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
                ))
            self.changed(original_node, f"`{method}` -> `{RENAMED[method]}`")
        if self.file.settings.keras == "3":
            new_args = self._drop_loader_arguments(original_node, new_args)
        elif not self._sequence_data(original_node):
            new_args = self._drop_loader_arguments(original_node, new_args, keras2=True)
        return updated_node.with_changes(
            func=updated_node.func.with_changes(attr=cst.Name(RENAMED[method])),
            args=_fix_commas(new_args, list(updated_node.args)),
        )

    def _sequence_data(self, call: cst.Call) -> bool:
        """The data given to fit_generator is an instance of a `Sequence` subclass defined in
        this file (tf-keras loads those in parallel correctly)."""
        data = call.args[0].value if call.args and call.args[0].keyword is None else None
        if not isinstance(data, cst.Name):
            return False
        classes = self.sequence_classes
        for node in self.file.facts.of_type(__import__("ast").Assign):
            value = node.value
            if (
                any(getattr(t, "id", None) == data.value for t in node.targets)
                and isinstance(value, __import__("ast").Call)
                and getattr(value.func, "id", None) in classes
            ):
                return True
        return False

    @property
    def sequence_classes(self) -> set[str]:
        import ast

        return {
            c.name for c in self.file.facts.of_type(ast.ClassDef)
            if any((getattr(b, "attr", None) or getattr(b, "id", None)) in ("Sequence", "PyDataset") for b in c.bases)
        }

    def _drop_loader_arguments(self, original_node, args: list[cst.Arg], keras2: bool = False) -> list[cst.Arg]:
        if keras2:
            # tf-keras 2.21 over a Python generator (measured): use_multiprocessing=True hangs
            # with every process idle, workers > 1 without it raises "Your generator is NOT
            # thread-safe". Only the defaults (workers=1, no multiprocessing) run.
            given = {
                a.keyword.value: cst.Module(body=[]).code_for_node(a.value)
                for a in args if a.keyword is not None and a.keyword.value in ("workers", "use_multiprocessing")
            }
            if all(value == LOADER_ARGUMENTS[name] for name, value in given.items()):
                return args
            kept = [a for a in args if not (a.keyword is not None and a.keyword.value in ("workers", "use_multiprocessing"))]
            self.changed(original_node, "workers / use_multiprocessing dropped: tf-keras runs a Python generator only with one worker")
            self.warn(
                original_node, "MIG253",
                f"{', '.join(f'{k}={v}' for k, v in given.items())} dropped: on tf-keras 2.21 a Python generator "
                "with use_multiprocessing=True hangs and with workers > 1 raises 'Your generator is NOT "
                "thread-safe'; data now loads in one worker. To load in parallel, make the data a "
                "`keras.utils.Sequence` subclass (then pass workers / use_multiprocessing again) or use tf.data",
            )
            return kept
        kept = []
        moved = []
        for arg in args:
            name = arg.keyword.value if arg.keyword is not None else None
            if name in LOADER_ARGUMENTS:
                value = cst.Module(body=[]).code_for_node(arg.value)
                if value != LOADER_ARGUMENTS[name]:
                    moved.append(f"{name}={value}")
                continue
            kept.append(arg)
        if len(kept) < len(args):
            self.changed(original_node, "workers / use_multiprocessing / max_queue_size dropped (Keras 3 takes them in PyDataset)")
        if moved:
            self.warn(
                original_node, "MIG253",
                f"Keras 3 no longer takes {', '.join(moved)} here (dropped; data now loads in the "
                "training thread). To load in parallel, make the data a `keras.utils.PyDataset` "
                f"subclass whose __init__ calls `super().__init__({', '.join(moved)})`, or use tf.data",
            )
        return kept


def _fix_commas(args: list[cst.Arg], original: list[cst.Arg]) -> list[cst.Arg]:
    """Commas between arguments; the new last argument ends the way the old last one did
    (trailing comma, line break before the closing parenthesis)."""
    if not args:
        return args
    old_last = original[-1]
    fixed = []
    for index, arg in enumerate(args):
        if index < len(args) - 1:
            if arg.comma is cst.MaybeSentinel.DEFAULT or arg is old_last:
                arg = arg.with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                    whitespace_after_arg=cst.SimpleWhitespace(""),
                )
        else:
            arg = arg.with_changes(comma=old_last.comma, whitespace_after_arg=old_last.whitespace_after_arg)
        fixed.append(arg)
    return fixed


def _receiver(node) -> str | None:
    """`model` / `self.model` as a dotted key (None for anything else)."""
    return dotted_text(node) or None


def _lacks_verbose(call: cst.Call) -> bool:
    return not any(a.star == "**" or (a.keyword is not None and a.keyword.value == "verbose") for a in call.args)


def _keras_models(facts) -> set[str]:
    """Variables assigned a Keras model in this file (Model(...), Sequential(...), load_model(...))."""
    from migrate.codemods.keras_file_names import _model_variables

    return _model_variables(facts)


def _quiet_predicts_needed(facts) -> bool:
    import ast

    models = _keras_models(facts)
    if not models:
        return False
    for node in facts.of_type(ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "predict":
            receiver = node.func.value
            parts = []
            while isinstance(receiver, ast.Attribute):
                parts.append(receiver.attr)
                receiver = receiver.value
            if isinstance(receiver, ast.Name) and ".".join([receiver.id, *reversed(parts)]) in models:
                if not any(k.arg in ("verbose", None) for k in node.keywords):
                    return True
    return False


def _mentions_keras(facts) -> bool:
    return any("keras" in target for target in facts.aliases.values())


def _function_defs(facts):
    import ast

    return [node for node in facts.walk() if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
