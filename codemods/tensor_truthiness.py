"""MIG211: truth tests on gradients that are a Tensor or None -> explicit `is None` tests."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from migrate.codemod import Codemod, positions_of
from migrate.prescan import Facts, dotted_name, tf_symbol

# What a name holds, as far as this cheap, per-scope data flow can tell.
OPTIONAL = "optional"  # a Tensor or None (one gradient)
TENSOR = "tensor"  # certainly a Tensor (the result of a TensorFlow op)
GRAD_LIST = "grad_list"  # a list whose items are Tensors or None (tf.gradients)
PAIR_LIST = "pair_list"  # a list of (gradient or None, variable) pairs (compute_gradients)
OTHER = "other"

# TensorFlow functions whose result is certainly one Tensor (v1 API paths).  A truth test
# on it raises in graph code and in tf.function, and tests the value in eager code.
TENSOR_FUNCTIONS = {
    "abs", "add", "add_n", "argmax", "argmin", "cast", "clip_by_norm", "clip_by_value",
    "concat", "constant", "convert_to_tensor", "count_nonzero", "divide", "equal",
    "expand_dims", "fill", "gather", "global_norm", "greater", "greater_equal", "identity",
    "less", "less_equal", "logical_and", "logical_not", "logical_or", "matmul", "maximum",
    "minimum", "multiply", "norm", "not_equal", "ones", "ones_like", "placeholder", "range",
    "reduce_all", "reduce_any", "reduce_max", "reduce_mean", "reduce_min", "reduce_prod",
    "reduce_sum", "reshape", "shape", "size", "sqrt", "square", "squeeze", "stack",
    "subtract", "tile", "transpose", "where", "zeros", "zeros_like", "Variable", "get_variable",
}
TENSOR_NAMESPACES = ("math.", "nn.", "linalg.", "random.")
# Iterating `grads_and_vars` is the documented TF1 idiom (Optimizer.apply_gradients).
PAIR_LIST_NAMES = {"grads_and_vars", "grads_and_vars_list", "gvs"}


@dataclass
class TruthSites:
    """Positions (line, character column) of names whose truth is tested, by kind."""

    optional: set[tuple[int, int]] = field(default_factory=set)
    tensor: set[tuple[int, int]] = field(default_factory=set)
    tensor_calls: set[tuple[int, int]] = field(default_factory=set)  # `if tf.reduce_any(x):`
    optional_items: set[tuple[int, int]] = field(default_factory=set)  # `if grads[0]:`
    # some site is a leaf of an `x if test else y` / comprehension `if` (not only of an
    # if / while / assert statement): the LibCST side then looks inside expressions too
    in_expressions: bool = False

    def __bool__(self) -> bool:
        return bool(self.optional or self.tensor or self.tensor_calls or self.optional_items)


class _Analysis:
    """Per-scope bindings of the names that can hold gradients or Tensors."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.lines = facts.source.splitlines()
        self.sites = TruthSites()
        self.tapes = self._tape_names()

    def tf_name(self, node: ast.AST) -> str | None:
        return self.facts.tf_symbol_of(node)

    def _tape_names(self) -> set[str]:
        tapes: set[str] = set()
        if "GradientTape" not in self.facts.tf_symbols():  # every tf_name() below is a used name
            return tapes
        for node in self.facts.of_type(ast.withitem):
            if isinstance(node.optional_vars, ast.Name):
                if isinstance(node.context_expr, ast.Call) and self.tf_name(node.context_expr.func) == "GradientTape":
                    tapes.add(node.optional_vars.id)
        for node in self.facts.of_type(ast.Assign):
            if isinstance(node.value, ast.Call):
                if self.tf_name(node.value.func) == "GradientTape":
                    tapes.update(t.id for t in node.targets if isinstance(t, ast.Name))
        return tapes

    # -- what an expression holds ----------------------------------------------
    def kind_of(self, expr: ast.AST, scope: dict[str, set[str]]) -> str:
        if isinstance(expr, ast.Name):
            kinds = scope.get(expr.id)
            if kinds is None:
                return PAIR_LIST if expr.id in PAIR_LIST_NAMES else OTHER
            return next(iter(kinds)) if len(kinds) == 1 else OTHER
        if isinstance(expr, ast.Subscript) and not isinstance(expr.slice, ast.Slice):
            return OPTIONAL if self.kind_of(expr.value, scope) == GRAD_LIST else OTHER
        if not isinstance(expr, ast.Call):
            return OTHER
        func = expr.func
        symbol = self.tf_name(func)
        if symbol == "gradients":
            return GRAD_LIST
        if symbol is not None:
            if symbol in TENSOR_FUNCTIONS or symbol.startswith(TENSOR_NAMESPACES):
                return TENSOR
            return OTHER
        if isinstance(func, ast.Attribute):
            if func.attr == "compute_gradients":
                return PAIR_LIST
            if func.attr == "gradient" and isinstance(func.value, ast.Name) and func.value.id in self.tapes:
                return GRAD_LIST if self._many_sources(expr, scope) else OPTIONAL
        if isinstance(func, ast.Name) and func.id == "list" and len(expr.args) == 1:
            return self.kind_of(expr.args[0], scope) if isinstance(expr.args[0], ast.Call) else OTHER
        if isinstance(func, ast.Name) and func.id == "zip" and expr.args:
            # zip(grads, variables) yields (gradient or None, variable) pairs.
            if self.kind_of(expr.args[0], scope) == GRAD_LIST:
                return PAIR_LIST
        return OTHER

    @staticmethod
    def _many_sources(call: ast.Call, scope: dict[str, set[str]]) -> bool:
        """Does `tape.gradient(target, sources)` get a list of sources (and return a list)?"""
        sources = call.args[1] if len(call.args) > 1 else next(
            (k.value for k in call.keywords if k.arg == "sources"), None
        )
        if sources is None or isinstance(sources, (ast.List, ast.Tuple, ast.ListComp, ast.Dict)):
            return True
        if isinstance(sources, ast.Attribute):
            return sources.attr.endswith(("variables", "weights", "params", "vars"))
        if isinstance(sources, ast.Name):
            # One Tensor or Variable bound here gives one gradient; anything else may be a list.
            return scope.get(sources.id) != {TENSOR}
        return True

    def element_kinds(self, iterable: ast.AST, scope) -> tuple[str, ...] | str:
        """Kinds of the items of a `for` target bound by iterating `iterable`."""
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name):
            if iterable.func.id == "zip":
                return tuple(GRAD_LIST_ITEM.get(self.kind_of(a, scope), OTHER) for a in iterable.args)
            if iterable.func.id == "enumerate" and iterable.args:
                return (OTHER, GRAD_LIST_ITEM.get(self.kind_of(iterable.args[0], scope), OTHER))
        kind = self.kind_of(iterable, scope)
        if kind == PAIR_LIST:
            return (OPTIONAL, OTHER)
        if kind == GRAD_LIST:
            return OPTIONAL
        return OTHER

    # -- bindings ---------------------------------------------------------------
    def bind(self, target: ast.AST, kinds, scope: dict[str, set[str]]) -> None:
        if isinstance(target, ast.Name):
            kind = kinds if isinstance(kinds, str) else OTHER
            scope.setdefault(target.id, set()).add(kind)
            self.binding_sites.setdefault(target.id, []).append((target, kind))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, element in enumerate(target.elts):
                if isinstance(kinds, tuple) and len(kinds) == len(target.elts):
                    self.bind(element, kinds[i], scope)
                elif kinds == GRAD_LIST:  # `g1, g2 = tf.gradients(...)`
                    self.bind(element, OPTIONAL, scope)
                else:
                    self.bind(element, OTHER, scope)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, OTHER, scope)

    def collect_scope(self, body_nodes: list[ast.AST], params: list[str]) -> None:
        scope: dict[str, set[str]] = {}
        for name in params:
            scope[name] = {PAIR_LIST if name in PAIR_LIST_NAMES else OTHER}
        inner = list(_scope_nodes(body_nodes))
        self.parents = {id(child): node for node in inner for child in ast.iter_child_nodes(node)}
        # Two passes so that `grads = ...` is known wherever the loop over it appears.
        for _ in range(2):
            self.binding_sites: dict[str, list[tuple[ast.AST, str]]] = {}
            for node in inner:
                self._bind_node(node, scope)
        for node in inner:
            self._tests_in(node, scope)

    def _bind_node(self, node: ast.AST, scope) -> None:
        if isinstance(node, ast.Assign):
            value = node.value
            if isinstance(value, ast.Call) and self.tf_name(value.func) == "clip_by_global_norm":
                # clip_by_global_norm keeps the None entries of its input list.
                kinds = (GRAD_LIST if value.args and self.kind_of(value.args[0], scope) == GRAD_LIST else OTHER, OTHER)
            else:
                kinds = self.kind_of(value, scope)
            for target in node.targets:
                self.bind(target, kinds, scope)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            scope.setdefault(node.target.id, set()).add(OTHER)
        elif isinstance(node, (ast.For, ast.comprehension)):
            self.bind(node.target, self.element_kinds(node.iter, scope), scope)
        elif isinstance(node, (ast.With,)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.bind(item.optional_vars, OTHER, scope)
        elif isinstance(node, ast.NamedExpr):
            self.bind(node.target, self.kind_of(node.value, scope), scope)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                scope.setdefault((alias.asname or alias.name).split(".")[0], set()).add(OTHER)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope.setdefault(node.name, set()).add(OTHER)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.setdefault(node.name, set()).add(OTHER)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                scope.setdefault(name, set()).update({OTHER, OPTIONAL})  # unknowable here

    def _tests_in(self, node: ast.AST, scope) -> None:
        tests = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tests.append(node.test)
        elif isinstance(node, ast.Assert):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        in_expression = not isinstance(node, (ast.If, ast.While, ast.Assert))
        for test in tests:
            for leaf in _truth_leaves(test):
                if self._record(leaf, scope) and in_expression:
                    self.sites.in_expressions = True

    def _loop_kind(self, leaf: ast.Name) -> str:
        """The kind of a name rebound inside the loop that binds it, at a test that comes first.

        `for g, v in gvs:  if g: ...;  g = tf.clip_by_norm(g, 1.0)` - at `if g:` the name
        always holds the loop's item: the later rebinding reaches the test only through the
        next iteration, which binds `g` from the loop again.
        """
        node: ast.AST = leaf
        while id(node) in self.parents:
            node = self.parents[id(node)]
            if isinstance(node, (ast.For, ast.comprehension)) and any(
                isinstance(n, ast.Name) and n.id == leaf.id for n in ast.walk(node.target)
            ):
                loop = node
                break
        else:
            return OTHER
        inside = {id(n) for n in ast.walk(loop)}
        loop_kind = OTHER
        for target, kind in self.binding_sites.get(leaf.id, []):
            if id(target) not in inside:
                continue
            if any(target is n for n in ast.walk(loop.target)):
                loop_kind = kind
            elif (target.lineno, target.col_offset) < (leaf.lineno, leaf.col_offset) or self._shares_inner_loop(target, leaf, loop):
                return OTHER
        return loop_kind

    def _shares_inner_loop(self, target: ast.AST, leaf: ast.AST, loop: ast.AST) -> bool:
        node = target
        while id(node) in self.parents and node is not loop:
            node = self.parents[id(node)]
            if node is not loop and isinstance(node, (ast.For, ast.While, ast.comprehension)):
                if any(n is leaf for n in ast.walk(node)):
                    return True
        return False

    def _record(self, leaf: ast.AST, scope) -> bool:
        """Record the leaf if its truth test is a site; True when it is."""
        if isinstance(leaf, ast.Name):
            kind = self.kind_of(leaf, scope) if leaf.id in scope else OTHER
            if kind == OTHER and len(scope.get(leaf.id, ())) > 1:
                kind = self._loop_kind(leaf)
            if kind == OPTIONAL:
                self.sites.optional.add(self._position(leaf))
                return True
            if kind == TENSOR:
                self.sites.tensor.add(self._position(leaf))
                return True
        elif isinstance(leaf, ast.Call) and self.kind_of(leaf, scope) == TENSOR:
            self.sites.tensor_calls.add(self._position(leaf))
            return True
        elif isinstance(leaf, ast.Subscript) and isinstance(leaf.value, ast.Name) and self.kind_of(leaf, scope) == OPTIONAL:
            self.sites.optional_items.add(self._position(leaf))
            return True
        return False

    def _position(self, node: ast.AST) -> tuple[int, int]:
        # ast columns count UTF-8 bytes; LibCST columns count characters.
        line = self.lines[node.lineno - 1] if node.lineno - 1 < len(self.lines) else ""
        return node.lineno, len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))


GRAD_LIST_ITEM = {GRAD_LIST: OPTIONAL}


def _scope_nodes(body: list[ast.AST]):
    """Every node of one function or module body, not entering nested functions/classes."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _truth_leaves(test: ast.AST):
    """The operands whose truth value a test takes: through `not`, `and`, `or`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from _truth_leaves(test.operand)
    elif isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from _truth_leaves(value)
    else:
        yield test


def analyse(facts: Facts) -> TruthSites:
    cached = facts.__dict__.get("_tensor_truthiness")
    if cached is not None:
        return cached
    analysis = _Analysis(facts)
    analysis.collect_scope(facts.tree.body, [])
    # Scopes are analysed independently (own bindings, parents, binding sites; the sites
    # are sets), so their order does not matter.
    for node in facts.of_type(ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
        args = node.args
        params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a]
        body = node.body if isinstance(node.body, list) else [node.body]
        analysis.collect_scope(body, params)
    for node in facts.of_type(ast.ClassDef):
        analysis.collect_scope(node.body, [])
    facts.__dict__["_tensor_truthiness"] = analysis.sites
    return analysis.sites


def _may_have_sites(facts: Facts) -> bool:
    """Cheap gate before the data flow, from the prescan's facts and nodes only.

    False only where `analyse` finds no site: a site is a truth-tested leaf that is
    (a) a call of a Tensor-returning TF op (scope-independent: checked here), or
    (b) a name bound somewhere by assignment / loop / comprehension / `:=` to a value the
        data flow can call a gradient (only if a gradient source is used at all; see
        `_gradient_names`), or
    (c) a name assigned (`x = ...`, `x := ...`) a Tensor op result, directly or through
        other names so assigned, or
    (d) `name[i]` on a name bound to a gradient list.
    """
    if not facts.tf_aliases:
        return False
    symbols = facts.tf_symbols()
    gradients = (
        "gradients" in symbols
        or "GradientTape" in symbols
        or "compute_gradients" in facts.attributes
        or any(name in facts.source for name in PAIR_LIST_NAMES)
    )
    tensors = any(s in TENSOR_FUNCTIONS or s.startswith(TENSOR_NAMESPACES) for s in symbols)
    if not (gradients or tensors):
        return False
    tested: set[str] = set()  # names whose truth is tested
    tested_items: set[str] = set()  # `name` of a tested `name[i]`
    tests = [node.test for node in facts.of_type(ast.If, ast.While, ast.IfExp, ast.Assert)]
    for comprehension in facts.of_type(ast.comprehension):
        tests.extend(comprehension.ifs)
    aliases = facts.aliases
    for test in tests:
        for leaf in _truth_leaves(test):
            kind = type(leaf)
            if kind is ast.Name:
                tested.add(leaf.id)
            elif kind is ast.Subscript:
                if type(leaf.value) is ast.Name and not isinstance(leaf.slice, ast.Slice):
                    tested_items.add(leaf.value.id)
            elif kind is ast.Call and tensors and _tensor_call(leaf, aliases):
                return True
    if not (tested or tested_items):
        return False
    if gradients:
        bound: set[str] = set()
        for node in facts.of_type(ast.Assign):
            for target in node.targets:
                _target_names(target, bound)
        for node in facts.of_type(ast.For, ast.comprehension, ast.NamedExpr):
            _target_names(node.target, bound)
        if (not bound.isdisjoint(tested) or not bound.isdisjoint(tested_items)) and _gradient_names(
            facts, aliases
        ).intersection(tested | tested_items):
            return True
    if tensors and tested:
        # `name = <Tensor op call>`, `name = <such a name>`: the only bindings of a Tensor.
        assigned: list[tuple[list[str], ast.AST]] = []
        for node in facts.of_type(ast.Assign):
            names = [t.id for t in node.targets if type(t) is ast.Name]
            if names and isinstance(node.value, (ast.Name, ast.Call)):
                assigned.append((names, node.value))
        for node in facts.of_type(ast.NamedExpr):
            if isinstance(node.target, ast.Name) and isinstance(node.value, (ast.Name, ast.Call)):
                assigned.append(([node.target.id], node.value))
        holding: set[str] = set()
        copies = []
        for names, value in assigned:
            if type(value) is ast.Name:
                copies.append((names, value.id))
            elif _tensor_call(value, aliases):
                holding.update(names)
        grown = bool(holding)
        while grown and copies:
            grown = False
            for names, source in copies:
                if source in holding and not holding.issuperset(names):
                    holding.update(names)
                    grown = True
        if not holding.isdisjoint(tested):
            return True
    return False


def _gradient_names(facts: Facts, aliases: dict[str, str]) -> set[str]:
    """Every name the data flow may bind to a gradient, a gradient list or a list of
    (gradient, variable) pairs, in any scope: a flow- and scope-insensitive closure of
    `kind_of` / `element_kinds` / `bind` (a superset of what they find)."""
    bindings: list[tuple[set[str], ast.AST]] = []
    for node in facts.of_type(ast.Assign):
        names: set[str] = set()
        for target in node.targets:
            _target_names(target, names)
        bindings.append((names, node.value))
    for node in facts.of_type(ast.For, ast.comprehension):
        names = set()
        _target_names(node.target, names)
        bindings.append((names, node.iter))
    for node in facts.of_type(ast.NamedExpr):
        names = set()
        _target_names(node.target, names)
        bindings.append((names, node.value))
    bindings = [(names, value) for names, value in bindings if names and isinstance(value, _GRADIENT_EXPRESSIONS)]
    found: set[str] = set()
    grown = True
    while grown:
        grown = False
        for names, value in bindings:
            if not found.issuperset(names) and _gradient_expression(value, found, aliases):
                found.update(names)
                grown = True
    return found


_GRADIENT_EXPRESSIONS = (ast.Name, ast.Subscript, ast.Call)


def _gradient_expression(expr: ast.AST, found: set[str], aliases: dict[str, str]) -> bool:
    """May `kind_of` call this a gradient (list, pairs), or `element_kinds` give a gradient?"""
    kind = type(expr)
    if kind is ast.Name:
        return expr.id in found or expr.id in PAIR_LIST_NAMES
    if kind is ast.Subscript:
        return _gradient_expression(expr.value, found, aliases)
    if kind is not ast.Call:
        return False
    func = expr.func
    if type(func) is ast.Attribute and func.attr in ("compute_gradients", "gradient"):
        return True
    dotted = dotted_name(func)
    if dotted is not None:
        root, _, rest = dotted.partition(".")
        target = aliases.get(root)
        if target is not None:
            symbol = tf_symbol(f"{target}.{rest}" if rest else target)
            if symbol == "gradients":
                return True
            if symbol == "clip_by_global_norm":  # keeps the None entries of its input list
                return bool(expr.args) and _gradient_expression(expr.args[0], found, aliases)
    if type(func) is ast.Name and func.id in ("list", "zip", "enumerate"):
        return any(_gradient_expression(arg, found, aliases) for arg in expr.args)
    return False


def _tensor_call(call: ast.Call, aliases: dict[str, str]) -> bool:
    """Could `kind_of` call this call TENSOR? (a Tensor op, possibly inside `list(...)`)"""
    while True:
        dotted = dotted_name(call.func)
        if dotted is not None:
            root, _, rest = dotted.partition(".")
            target = aliases.get(root)
            if target is not None:
                symbol = tf_symbol(f"{target}.{rest}" if rest else target)
                if symbol is not None:
                    return symbol in TENSOR_FUNCTIONS or symbol.startswith(TENSOR_NAMESPACES)
        func = call.func
        if type(func) is ast.Name and func.id == "list" and len(call.args) == 1 and type(call.args[0]) is ast.Call:
            call = call.args[0]
            continue
        return False


def _target_names(target: ast.AST, out: set[str]) -> None:
    kind = type(target)
    if kind is ast.Name:
        out.add(target.id)
    elif kind is ast.Tuple or kind is ast.List:
        for element in target.elts:
            _target_names(element, out)
    elif kind is ast.Starred:
        _target_names(target.value, out)


class TensorTruthiness(Codemod):
    """Truth tests on values that are a Tensor or None become explicit `is None` tests.

    TF1:  for grad, var in opt.compute_gradients(loss):
              if grad:  ...          # TypeError: Using a `tf.Tensor` as a Python `bool`
    TF2:  for grad, var in opt.compute_gradients(loss):
              if grad is not None:  ...

    Names bound from `tf.gradients`, `tape.gradient`, `opt.compute_gradients`, loops over
    `grads_and_vars` or `zip(grads, ...)` hold a Tensor or None: `if g:` -> `if g is not None:`,
    `if not g:` -> `if g is None:`.  A value that is certainly a Tensor (a tf op result) is
    not guessed at: MIG221 says where and gives the TF2 forms.
    """

    CODE = "MIG211"
    TITLE = "truth test on a gradient (Tensor or None) -> `is not None`"
    WARNINGS = {"MIG221": "truth test on a Tensor: use an explicit comparison or tf.cond"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        return _may_have_sites(facts) and bool(analyse(facts))

    def visit_Module(self, node: cst.Module) -> None:
        self.sites = analyse(self.file.facts)
        self.optional_nodes: set[int] = set()
        self.tensor_nodes: set[int] = set()
        # The leaves of every truth test (what `_test` looks at), found by walking the
        # statements only (expressions too when some site is in a conditional expression
        # or a comprehension); their start positions come from one plain codegen.
        tests: list[cst.BaseExpression] = []
        _statement_tests(node.body, tests)
        if self.sites.in_expressions:
            finder = _ExpressionTests()
            node.visit(finder)
            tests.extend(finder.tests)
        leaves: list[cst.CSTNode] = []
        for test in tests:
            _cst_truth_leaves(test, leaves)
        if not leaves:
            return
        positions = positions_of(node, leaves)
        for cst_node in leaves:
            where = positions.get(id(cst_node))
            if where is None:
                continue
            key = (where[0], where[1] - 1)  # positions_of counts columns from 1, the sites from 0
            if isinstance(cst_node, cst.Subscript):
                if key in self.sites.optional_items:
                    self.optional_nodes.add(id(cst_node))
            elif isinstance(cst_node, cst.Name) and key in self.sites.optional:
                self.optional_nodes.add(id(cst_node))
            elif (isinstance(cst_node, cst.Name) and key in self.sites.tensor) or (
                isinstance(cst_node, cst.Call) and key in self.sites.tensor_calls
            ):
                self.tensor_nodes.add(id(cst_node))

    # Tests whose truth is taken: rewrite their leaves.
    def leave_If(self, original_node, updated_node):
        return updated_node.with_changes(test=self._test(original_node.test, updated_node.test))

    def leave_While(self, original_node, updated_node):
        return updated_node.with_changes(test=self._test(original_node.test, updated_node.test))

    def leave_IfExp(self, original_node, updated_node):
        return updated_node.with_changes(test=self._test(original_node.test, updated_node.test))

    def leave_Assert(self, original_node, updated_node):
        return updated_node.with_changes(test=self._test(original_node.test, updated_node.test))

    def leave_CompIf(self, original_node, updated_node):
        return updated_node.with_changes(test=self._test(original_node.test, updated_node.test))

    def _test(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(original, cst.UnaryOperation) and isinstance(original.operator, cst.Not):
            if isinstance(updated, cst.UnaryOperation) and self._is_optional(original.expression):
                self.changed(original, f"`not {self.file_code(original.expression)}` on a Tensor-or-None -> `is None`")
                return self._compare(original.expression, updated.expression, cst.Is(), updated)
            if isinstance(updated, cst.UnaryOperation):
                return updated.with_changes(expression=self._test(original.expression, updated.expression))
            return updated
        if isinstance(original, cst.BooleanOperation) and isinstance(updated, cst.BooleanOperation):
            return updated.with_changes(
                left=self._test(original.left, updated.left),
                right=self._test(original.right, updated.right),
            )
        if self._is_optional(original):
            self.changed(original, f"`{self.file_code(original)}` on a Tensor-or-None -> `is not None`")
            return self._compare(original, updated, cst.IsNot(), updated)
        if id(original) in self.tensor_nodes:
            shown = self.file_code(original)
            if isinstance(original, cst.Call):
                tests = f"`bool({shown})` in eager code, `tf.cond({shown}, true_fn, false_fn)` in graph code"
            else:
                tests = (
                    f"`bool(tf.reduce_any({shown} != 0))` in eager code, "
                    f"`tf.cond(tf.reduce_any({shown} != 0), true_fn, false_fn)` in graph code"
                )
            self.warn(
                original,
                "MIG221",
                f"`{shown}` is a Tensor: its truth value raises in graph code (TypeError) and tests "
                f"the value in eager code; write what is meant: `{shown} is not None` for presence, "
                f"or a value test: {tests}",
            )
        return updated

    def _is_optional(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, (cst.Name, cst.Subscript)) and id(node) in self.optional_nodes

    @staticmethod
    def _compare(original, updated, operator, whole) -> cst.BaseExpression:
        """`name` -> `name is not None` (or `is None`), keeping the parentheses of `whole`."""
        if not isinstance(updated, (cst.Name, cst.Subscript)):
            return whole
        comparison = cst.Comparison(
            left=updated.with_changes(lpar=[], rpar=[]),
            comparisons=[cst.ComparisonTarget(operator=operator, comparator=cst.Name("None"))],
        )
        return comparison.with_changes(lpar=whole.lpar, rpar=whole.rpar)

    @staticmethod
    def file_code(node: cst.CSTNode) -> str:
        return cst.Module(body=[]).code_for_node(node)


_STATEMENT_BODIES = ("body", "orelse", "handlers", "finalbody", "cases")


def _statement_tests(statements, out: list) -> None:
    """The tests of every if / elif / while / assert statement below these statements."""
    for statement in statements:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                if isinstance(small, cst.Assert):
                    out.append(small.test)
            continue
        if isinstance(statement, (cst.If, cst.While)):
            out.append(statement.test)
        for name in _STATEMENT_BODIES:
            child = getattr(statement, name, None)
            if child is None:
                continue
            if isinstance(child, (list, tuple)):
                _statement_tests(child, out)
            elif isinstance(child, (cst.IndentedBlock, cst.SimpleStatementSuite)):
                _statement_tests([child] if isinstance(child, cst.SimpleStatementSuite) else child.body, out)
            elif isinstance(child, cst.CSTNode):
                _statement_tests([child], out)


class _ExpressionTests(cst.CSTVisitor):
    """The tests of conditional expressions and comprehension `if`s."""

    def __init__(self) -> None:
        super().__init__()
        self.tests: list[cst.BaseExpression] = []

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self.tests.append(node.test)

    def visit_CompIf(self, node: cst.CompIf) -> None:
        self.tests.append(node.test)


def _cst_truth_leaves(test: cst.BaseExpression, out: list) -> None:
    """What `_test` may rewrite or warn about: Names, Calls, Subscripts through not / and / or."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        _cst_truth_leaves(test.expression, out)
    elif isinstance(test, cst.BooleanOperation):
        _cst_truth_leaves(test.left, out)
        _cst_truth_leaves(test.right, out)
    elif isinstance(test, (cst.Name, cst.Call, cst.Subscript)):
        out.append(test)
