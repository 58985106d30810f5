"""MIG109: methods and attributes that only TF 1 objects have -> the TF 2 functions.

TF 2's `tf.data.Dataset` has no `make_one_shot_iterator()`, `make_initializable_iterator()`,
`output_shapes`, `output_types` or `output_classes`; `tf.compat.v1.data` keeps each as a
function that takes any dataset (v1 or v2) and, for the `output_*` ones, any v1 iterator
(TF API docs of tf.compat.v1.data.make_one_shot_iterator / get_output_shapes).  TF 1's
`Estimator.export_savedmodel` was renamed `export_saved_model`, and TF 2.16+ has no
`tf.estimator` at all.
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, dotted_text
from migrate.prescan import Facts, tf_symbol

ITERATOR_METHODS = {
    "make_one_shot_iterator": "compat.v1.data.make_one_shot_iterator",
    "make_initializable_iterator": "compat.v1.data.make_initializable_iterator",
}
OUTPUT_ATTRIBUTES = {
    "output_shapes": "compat.v1.data.get_output_shapes",
    "output_types": "compat.v1.data.get_output_types",
    "output_classes": "compat.v1.data.get_output_classes",
}
NAMES = set(ITERATOR_METHODS) | set(OUTPUT_ATTRIBUTES) | {"export_savedmodel"}


def _uses_tensorflow(facts: Facts) -> bool:
    return any(target.split(".")[0] == "tensorflow" for target in facts.aliases.values())


class _Datasets:
    """Local names bound only to tf.data objects (datasets and their v1 iterators), from
    the file's assignments -- the same file-level reading as MIG214's."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.assigned: dict[str, list[ast.AST]] = {}
        for node in facts.of_type(ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.assigned.setdefault(target.id, []).append(node.value)
        for kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
            for function in facts.of_type(kind):
                for arg in [*function.args.args, *function.args.kwonlyargs, *function.args.posonlyargs]:
                    self.assigned.setdefault(arg.arg, []).append(None)  # a parameter: unknown
        for node in facts.of_type(ast.For, ast.With, ast.comprehension):
            for target in ast.walk(getattr(node, "target", None) or ast.Pass()):
                if isinstance(target, ast.Name):
                    self.assigned.setdefault(target.id, []).append(None)

    def name_is_dataset(self, name: str, visiting: frozenset = frozenset()) -> bool:
        values = self.assigned.get(name)
        if not values or name in visiting:
            return False
        return all(v is not None and self.ast_is_dataset(v, visiting | {name}) for v in values)

    def ast_is_dataset(self, expr: ast.AST, visiting: frozenset) -> bool:
        while True:
            if isinstance(expr, ast.Call):
                if isinstance(expr.func, ast.Attribute) and expr.func.attr in ITERATOR_METHODS:
                    expr = expr.func.value
                    continue
                symbol = self.facts.tf_symbol_of(expr.func)
                if symbol is not None:
                    return symbol.startswith("data.") or symbol in (
                        "compat.v1.data.make_one_shot_iterator", "compat.v1.data.make_initializable_iterator",
                    )
                expr = expr.func
            elif isinstance(expr, ast.Attribute):
                expr = expr.value
            elif isinstance(expr, ast.Name):
                return self.name_is_dataset(expr.id, visiting)
            else:
                return False


class Tf1ObjectMethods(Codemod):
    """Methods of TF 1 objects that TF 2 removed.

    Before::

        it = dataset.make_one_shot_iterator()
        init = ds.make_initializable_iterator()
        shapes = ds.output_shapes            # ds = tf.data.TFRecordDataset(files)

    After::

        it = tf.compat.v1.data.make_one_shot_iterator(dataset)
        init = tf.compat.v1.data.make_initializable_iterator(ds)
        shapes = tf.compat.v1.data.get_output_shapes(ds)

    The iterator methods exist only on TF datasets and the functions take any dataset, so
    they are rewritten whatever the receiver.  `output_shapes` / `output_types` /
    `output_classes` are common attribute names: rewritten where the receiver is known to
    come from tf.data, otherwise reported (MIG191), as is `export_savedmodel` (MIG191).
    """

    CODE = "MIG109"
    TITLE = "TF 1-only Dataset methods and attributes -> tf.compat.v1.data functions"
    WARNINGS = {"MIG191": "a TF 1-only method or attribute on an object of unknown type, or Estimator.export_savedmodel"}

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        return bool(NAMES & facts.attributes) and _uses_tensorflow(facts)

    def __init__(self, file) -> None:
        super().__init__(file)
        self.datasets = _Datasets(file.facts)
        self.call_funcs: set[int] = set()
        self.targets: set[int] = set()  # attributes assigned to / deleted

    def visit_Call(self, node: cst.Call) -> None:
        self.call_funcs.add(id(node.func))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.targets.add(id(node.target))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.targets.add(id(node.target))

    def _is_dataset(self, expr: cst.BaseExpression) -> bool:
        while True:
            if isinstance(expr, cst.Call):
                if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in ITERATOR_METHODS:
                    expr = expr.func.value
                    continue
                qualified = self.qualname(expr.func)
                if qualified is not None:
                    symbol = tf_symbol(qualified) or ""
                    return symbol.startswith("data.") or symbol in (
                        "compat.v1.data.make_one_shot_iterator", "compat.v1.data.make_initializable_iterator",
                    )
                expr = expr.func
            elif isinstance(expr, cst.Attribute):
                expr = expr.value
            elif isinstance(expr, cst.Name):
                return self.datasets.name_is_dataset(expr.value)
            else:
                return False

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        func = original_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        method = func.attr.value
        if method in ITERATOR_METHODS:
            if any(a.star for a in original_node.args) or self.qualname(func) is not None:
                return updated_node  # `tf.compat.v1.data.make_one_shot_iterator(...)` itself
            receiver = updated_node.func.value
            args = [cst.Arg(receiver, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) if original_node.args
                    else cst.Arg(receiver)]
            args += list(updated_node.args)
            self.changed(original_node, f"<dataset>.{method}() -> tf.{ITERATOR_METHODS[method]}(<dataset>)")
            return cst.Call(func=self.file.tf_attr(ITERATOR_METHODS[method]), args=args)
        if method == "export_savedmodel" and self.qualname(func) is None:
            self.warn(
                original_node,
                "MIG191",
                "`export_savedmodel` is TF 1's Estimator method (renamed `export_saved_model`, and "
                "tf.estimator is gone from TF 2.16+): export the model with `tf.saved_model.save` "
                "or Keras `model.export(path)` once the estimator is a Keras model (see MIG181).",
            )
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        name = original_node.attr.value
        if name not in OUTPUT_ATTRIBUTES or id(original_node) in self.targets or id(original_node) in self.call_funcs:
            return updated_node
        if self.qualname(original_node) is not None:
            return updated_node  # a module attribute (`tf.compat.v1.data.output_shapes`?)
        if self._is_dataset(original_node.value):
            self.changed(original_node, f"<dataset>.{name} -> tf.{OUTPUT_ATTRIBUTES[name]}(<dataset>)")
            return cst.Call(func=self.file.tf_attr(OUTPUT_ATTRIBUTES[name]), args=[cst.Arg(updated_node.value)])
        self.warn(
            original_node,
            "MIG191",
            f"`.{name}` exists only on TF 1 datasets and iterators: if `{dotted_text(original_node.value) or 'this object'}` "
            f"is one, write `tf.{OUTPUT_ATTRIBUTES[name]}(...)` (or `.element_spec` on a TF 2 dataset).",
        )
        return updated_node
