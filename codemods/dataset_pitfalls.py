"""MIG214: tf.data pitfalls that run without error and compute the wrong thing (warnings)."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts


@dataclass
class Sites:
    # (line, character column) -> message
    repeat_bools: dict[tuple[int, int], str] = field(default_factory=dict)
    static_shapes: dict[tuple[int, int], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.repeat_bools or self.static_shapes)


class _Analysis:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.lines = facts.source.splitlines()
        self.sites = Sites()
        self.assigned: dict[str, list[ast.AST]] = {}
        self.functions: dict[str, list[ast.FunctionDef]] = {}
        for node in facts.walk():
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        for node in facts.of_type(ast.Call):
            if isinstance(node.func, ast.Attribute):
                if node.func.attr == "repeat" and self.is_dataset(node.func.value):
                    self._repeat(node)
                elif node.func.attr == "map" and self.is_dataset(node.func.value):
                    self._map(node)

    def symbol(self, node: ast.AST) -> str | None:
        return self.facts.tf_symbol_of(node)

    def is_dataset(self, expr: ast.AST, visiting: frozenset = frozenset()) -> bool | None:
        """Is `expr` built by tf.data (a method chain on a tf.data call, or a name bound to one)?"""
        while True:
            if isinstance(expr, ast.Call):
                symbol = self.symbol(expr.func)
                if symbol is not None:
                    return symbol.startswith("data.")
                expr = expr.func
            elif isinstance(expr, ast.Attribute):
                if self.symbol(expr) is not None:
                    return self.symbol(expr).startswith("data.")
                expr = expr.value
            elif isinstance(expr, ast.Name):
                if expr.id in visiting:
                    return None  # `ds = ds.batch(4)`: says nothing either way
                values = self.assigned.get(expr.id, [])
                answers = [self.is_dataset(v, visiting | {expr.id}) for v in values]
                return any(answers) and all(a is not False for a in answers)
            else:
                return False

    def position(self, node: ast.AST) -> tuple[int, int]:
        line = self.lines[node.lineno - 1] if node.lineno - 1 < len(self.lines) else ""
        return node.lineno, len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))

    def _repeat(self, call: ast.Call) -> None:
        count = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "count"), None)
        if not (isinstance(count, ast.Constant) and isinstance(count.value, bool)):
            return
        if count.value:
            message = (
                "`repeat(True)` is `repeat(1)`: the data is read once, not repeated. To repeat "
                "forever write `repeat()` (then bound the loop: steps_per_epoch / take(n)); to read "
                "it once remove the call"
            )
        else:
            message = "`repeat(False)` is `repeat(0)`: the dataset is empty. Remove the call (or write `repeat()` to repeat forever)"
        self.sites.repeat_bools[self.position(count)] = message

    def _map(self, call: ast.Call) -> None:
        function = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "map_func"), None)
        bodies: list[tuple[ast.AST, set[str]]] = []
        if isinstance(function, ast.Lambda):
            bodies.append((function.body, _params(function.args)))
        elif isinstance(function, ast.Name) and len(self.functions.get(function.id, [])) == 1:
            definition = self.functions[function.id][0]
            bodies.append((definition, _params(definition.args)))
        for body, params in bodies:
            for node in ast.walk(body):
                shown = _static_dimension(node)
                if shown is None:
                    continue
                tensor, index = shown
                if not (isinstance(tensor, ast.Name) and tensor.id in _names_in(body, params)):
                    continue
                name = tensor.id
                self.sites.static_shapes[self.position(node)] = (
                    f"inside Dataset.map the static shape may be unknown (None): "
                    f"`{ast.unparse(node)}` -> `tf.shape({name})[{ast.unparse(index)}]` "
                    f"(a Tensor: compare it with tf ops, e.g. tf.cond/tf.equal, not Python `if`)"
                )


def _params(args: ast.arguments) -> set[str]:
    return {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}


def _names_in(body: ast.AST, params: set[str]) -> set[str]:
    """Parameters and the names assigned in the mapped function (all values are Tensors there)."""
    names = set(params)
    for node in ast.walk(body):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _static_dimension(node: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """`x.shape[i]`, `x.get_shape()[i]`, `x.shape.as_list()[i]` -> (x, i)."""
    if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
        return None
    base = node.value
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr == "as_list":
        base = base.func.value
    if isinstance(base, ast.Attribute) and base.attr == "shape":
        return base.value, node.slice
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr == "get_shape" and not base.args:
        return base.func.value, node.slice
    return None


def analyse(facts: Facts) -> Sites:
    cached = facts.__dict__.get("_dataset_pitfalls")
    if cached is None:
        cached = facts.__dict__["_dataset_pitfalls"] = _Analysis(facts).sites
    return cached


class DatasetPitfalls(Codemod):
    """tf.data calls that silently compute the wrong thing: warnings with the fix.

    TF1:  ds = tf.data.Dataset.from_tensor_slices(x).repeat(True)       # repeats ONCE
          ds = ds.map(lambda img: tf.reshape(img, [img.shape[0], -1]))  # None inside map
    TF2:  ds = tf.data.Dataset.from_tensor_slices(x).repeat()
          ds = ds.map(lambda img: tf.reshape(img, [tf.shape(img)[0], -1]))

    Nothing is rewritten: `repeat(True)` might have been meant as one pass, and a
    `tf.shape` Tensor cannot replace a Python int everywhere (range, if); MIG224 says where
    and what to write.
    """

    CODE = "MIG214"
    TITLE = "tf.data pitfalls: repeat(True/False), static shapes inside Dataset.map"
    REWRITES = False  # findings only: nothing here can be rewritten safely
    WARNINGS = {"MIG224": "tf.data call that silently computes the wrong thing"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if not any(s.startswith("data.") for s in facts.tf_symbols()):
            return False
        if not ("repeat" in facts.attributes or "map" in facts.attributes):
            return False
        return bool(analyse(facts))

    def visit_Module(self, node: cst.Module) -> None:
        sites = analyse(self.file.facts)
        wanted = {**sites.repeat_bools, **sites.static_shapes}
        positions = self.file.positions_near(node, {line for line, _ in wanted})
        reported = set()
        for cst_node, where in positions.items():
            key = (where.start.line, where.start.column)
            kind_ok = isinstance(cst_node, cst.Name) if key in sites.repeat_bools else isinstance(cst_node, cst.Subscript)
            if key in wanted and key not in reported and kind_ok and key[0] not in self.file.facts.skip_lines:
                reported.add(key)
                self.warn(cst_node, "MIG224", wanted[key])
