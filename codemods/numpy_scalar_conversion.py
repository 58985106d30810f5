"""MIG530: an array's one element read with `a[()]` and converted to a Python number.

`a[()]` is NumPy's idiom for "the scalar of a 0-d array"; on an array with ndim > 0 it
returns the array itself. TF1-era code used it on arrays of any rank and converted the
result with `float()`/`int()`/`complex()` or a numeric `%` conversion (`%d`, `%f`, `%g`,
...): NumPy 1.x converted any array of size 1 (deprecated in 1.25), NumPy 2.x converts only
0-d arrays (measured on NumPy 2.4: `'%f' % np.array([1.5])[()]` raises "TypeError: only
0-dimensional arrays can be converted to Python scalars"). `a.item()` is the element of an
array of size 1 whatever its rank (the number NumPy 1.x converted) and raises, as before,
for other sizes; so `a[()]` -> `a.item()` where the value is converted to a number:

    float(a[()]) / int(a[()]) / complex(a[()])      ->  float(a.item()) / ...
    "rank %d, got %f" % (n, a[()])                  ->  "rank %d, got %f" % (n, a.item())

Formatting with `%s` / `%r` / `%a`, `str()`, f-strings and `.format()` did not convert
(they print the array, `[1.5]`), so they are left alone; so is a `%` whose format is not a
string literal (its conversions are not known) or a mapping (`%(name)f`).

The same conversion of a value that is an ndarray by construction -- a NumPy random draw
given a shape (`np.random.rand(1)`, `np.random.uniform(size=1)`), arithmetic on one, or
`np.searchsorted` / `np.digitize` of one -- becomes `.item()` of it:

    int(np.searchsorted(t, np.random.rand(1) * s))  ->  int(np.searchsorted(t, np.random.rand(1) * s).item())

Source of the NumPy facts: NumPy 1.25 release notes ("Only ndim-0 arrays are treated as
scalars"), NumPy 2.x `ndarray.__float__`.
"""
from __future__ import annotations

import ast
import re

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import qualify

CONVERTERS = ("float", "int", "complex")
# NumPy draws that return an ndarray: given dimensions (positional), or given `size=`
SHAPED_DRAWS = {"random.rand", "random.randn"}
SIZED_DRAWS = {f"random.{name}" for name in (
    "random", "random_sample", "ranf", "sample", "uniform", "normal", "standard_normal", "randint", "choice",
    "binomial", "poisson", "exponential", "beta", "gamma", "laplace", "logistic", "lognormal", "multinomial",
)}
# printf-style conversion spec (Python's "printf-style String Formatting")
SPEC = re.compile(r"%(\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.S)
NUMERIC = set("diouxXeEfFgGc")


def _conversions(fmt: str) -> list[str] | None:
    """The conversion of each operand a printf-style format consumes, in order (`*` width or
    precision: "*"); None for a mapping format (`%(key)f`)."""
    out = []
    for match in SPEC.finditer(fmt):
        key, width, precision, kind = match.groups()
        if kind == "%":
            continue
        if key is not None:
            return None
        out += ["*"] * ((width == "*") + (precision == "*")) + [kind]
    return out


def _scalar_index(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """`a` of `a[()]`, else None."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.Tuple) and not index.value.elements:
            return node.value
    return None


def _ast_scalar_index(node: ast.AST) -> bool:
    """`node` is `a[()]` (the ast form of `_scalar_index`)."""
    return (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple)
            and not node.slice.elts)


def _ast_array_by_construction(node: ast.AST, aliases: dict[str, str]) -> bool:
    """The ast form of `NumpyScalarConversion._array_by_construction`."""
    if isinstance(node, ast.BinOp):
        return _ast_array_by_construction(node.left, aliases) or _ast_array_by_construction(node.right, aliases)
    if isinstance(node, ast.UnaryOp):
        return _ast_array_by_construction(node.operand, aliases)
    if not isinstance(node, ast.Call):
        return False
    name = qualify(node.func, aliases) or ""
    if not name.startswith("numpy."):
        return False
    name = name[len("numpy."):]
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    keywords = {k.arg: k.value for k in node.keywords if k.arg is not None}
    if name in SHAPED_DRAWS:
        return bool(positional)
    if name in SIZED_DRAWS:
        return "size" in keywords
    if name == "searchsorted":
        values = positional[1] if len(positional) > 1 else keywords.get("v")
        return values is not None and _ast_array_by_construction(values, aliases)
    if name == "digitize":
        values = positional[0] if positional else keywords.get("x")
        return values is not None and _ast_array_by_construction(values, aliases)
    return False


def _item(array: cst.BaseExpression) -> cst.Call:
    return cst.Call(func=cst.Attribute(value=array, attr=cst.Name("item")))


class NumpyScalarConversion(Codemod):
    """`a[()]` converted to a number -> `a.item()` (NumPy 2 converts only 0-d arrays).

    Before::

        k = int(rank[()])
        raise ValueError("rank should be integer, got %f" % rank[()])

    After::

        k = int(rank.item())
        raise ValueError("rank should be integer, got %f" % rank.item())
    """

    CODE = "MIG530"
    TITLE = "`a[()]` converted to a number (float()/int()/numeric % format) -> `a.item()`: NumPy 2 converts only 0-d arrays"

    @classmethod
    def needed(cls, facts, settings) -> bool:
        source = facts.source
        if "[()]" in source:
            return True
        return (any(name in source for name in ("rand", "random.", "searchsorted", "digitize"))
                and any(f"{c}(" in source for c in CONVERTERS)
                and any(t == "numpy" or t.startswith("numpy.") for t in facts.aliases.values()))

    @classmethod
    def prescan_findings(cls, facts, settings):
        """Nothing (MIG530 only rewrites) when the ast holds no site the traversal could
        rewrite: no converter call of `a[()]` or of an ndarray by construction, no `%` of a
        string literal with an `a[()]` operand; None (the traversal decides) otherwise.
        Wider than the traversal on purpose (shadowed converters, operand counts): a None
        is only a LibCST parse, an empty answer where the traversal rewrites would lose it."""
        aliases = facts.aliases
        for node in facts.of_type(ast.Call):
            func = node.func
            if (isinstance(func, ast.Name) and func.id in CONVERTERS and len(node.args) == 1
                    and not node.keywords and not isinstance(node.args[0], ast.Starred)):
                value = node.args[0]
                if _ast_scalar_index(value) or _ast_array_by_construction(value, aliases):
                    return None
        for node in facts.of_type(ast.BinOp):
            if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                kinds = _conversions(node.left.value) or []
                right = node.right
                pairs = zip(right.elts, kinds) if isinstance(right, ast.Tuple) else [(right, kinds[:1] and kinds[0])]
                if any(_ast_scalar_index(operand) and kind in NUMERIC for operand, kind in pairs):
                    return None
        return []

    def leave_Call(self, original_node, updated_node):
        func = updated_node.func
        if (isinstance(func, cst.Name) and func.value in CONVERTERS and len(updated_node.args) == 1
                and updated_node.args[0].keyword is None and not updated_node.args[0].star):
            value = updated_node.args[0].value
            array = _scalar_index(value)
            if array is not None and func.value not in self._shadowed():
                self.changed(original_node, f"`{func.value}(a[()])`: NumPy 2 converts only 0-d arrays -> `{func.value}(a.item())`")
                return updated_node.with_changes(args=[updated_node.args[0].with_changes(value=_item(array))])
            if self._array_by_construction(original_node.args[0].value) and func.value not in self._shadowed():
                # char-rnn: int(np.searchsorted(t, np.random.rand(1) * s)) -- an ndarray of
                # size 1, which NumPy 1.x converted and NumPy 2 refuses
                if isinstance(value, (cst.BinaryOperation, cst.UnaryOperation)) and not value.lpar:
                    value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                self.changed(original_node, f"`{func.value}(<NumPy array>)`: NumPy 2 converts only 0-d arrays -> `{func.value}(<array>.item())`")
                return updated_node.with_changes(args=[updated_node.args[0].with_changes(value=_item(value))])
        return updated_node

    def _array_by_construction(self, node: cst.BaseExpression) -> bool:
        """`node` is an ndarray whatever the data: a NumPy random draw given a shape
        (`np.random.rand(1)`, `np.random.uniform(size=1)`), arithmetic on one, or
        `np.searchsorted` / `np.digitize` of one (their result has the shape of the values)."""
        if isinstance(node, cst.BinaryOperation):
            return self._array_by_construction(node.left) or self._array_by_construction(node.right)
        if isinstance(node, cst.UnaryOperation):
            return self._array_by_construction(node.expression)
        if not isinstance(node, cst.Call):
            return False
        name = self.qualname(node.func) or ""
        if not name.startswith("numpy."):
            return False
        name = name[len("numpy."):]
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if name in SHAPED_DRAWS:
            return bool(positional)
        if name in SIZED_DRAWS:
            return "size" in keywords
        if name == "searchsorted":  # searchsorted(a, v): the shape of v
            values = positional[1] if len(positional) > 1 else keywords.get("v")
            return values is not None and self._array_by_construction(values)
        if name == "digitize":  # digitize(x, bins): the shape of x
            values = positional[0] if positional else keywords.get("x")
            return values is not None and self._array_by_construction(values)
        return False

    def leave_BinaryOperation(self, original_node, updated_node):
        if not isinstance(updated_node.operator, cst.Modulo):
            return updated_node
        left = updated_node.left
        if not isinstance(left, (cst.SimpleString, cst.ConcatenatedString)):
            return updated_node
        fmt = left.evaluated_value
        if not isinstance(fmt, str):
            return updated_node  # bytes formats are not rewritten
        kinds = _conversions(fmt)
        if kinds is None:
            return updated_node
        right = updated_node.right
        if isinstance(right, cst.Tuple):
            if len(right.elements) != len(kinds) or any(isinstance(e, cst.StarredElement) for e in right.elements):
                return updated_node
            elements, changed = list(right.elements), False
            for i, (element, kind) in enumerate(zip(elements, kinds)):
                array = _scalar_index(element.value)
                if array is not None and kind in NUMERIC:
                    elements[i] = element.with_changes(value=_item(array))
                    changed = True
            if not changed:
                return updated_node
            self.changed(original_node, "`'%f' % (..., a[()])`: NumPy 2 converts only 0-d arrays -> `a.item()`")
            return updated_node.with_changes(right=right.with_changes(elements=elements))
        array = _scalar_index(right)
        if array is not None and kinds == [kinds[0]] and kinds[0] in NUMERIC:
            self.changed(original_node, "`'%f' % a[()]`: NumPy 2 converts only 0-d arrays -> `a.item()`")
            return updated_node.with_changes(right=_item(array))
        return updated_node

    def _shadowed(self) -> set[str]:
        """Builtin converter names the module rebinds (`float = ...`, `def int(...)`)."""
        bound = getattr(self, "_bound", None)
        if bound is None:
            import ast
            bound = set()
            for node in ast.walk(self.file.facts.tree):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) and node.id in CONVERTERS:
                    bound.add(node.id)
                elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in CONVERTERS:
                    bound.add(node.name)
                elif isinstance(node, ast.alias) and (node.asname or node.name) in CONVERTERS:
                    bound.add(node.asname or node.name)
            self._bound = bound
        return bound
