"""MIG205: threaded-serving workarounds of Keras 2 that TF 2 (eager) does not need.

Keras 2 on TF 1 built one global graph; a model used from another thread (a web
server's request handler) had to re-enter it: `graph = tf.get_default_graph()` after
loading, `with graph.as_default():` around `predict`/`fit`, and
`model._make_predict_function()` to build the predict function before the threads
start.  In TF 2 the model runs eagerly in whatever thread calls it, `_make_predict_function`
no longer exists (AttributeError), and entering the (empty) default graph in a thread
would make Keras build symbolic tensors there.  So, in a file that does not build a v1
graph itself:

- `with graph.as_default():` (graph saved from `get_default_graph()`) -> its body;
- `model._make_predict_function()` (and `_make_train_function`/`_make_test_function`) -> removed;
- `graph = tf.get_default_graph()` -> removed when the saved graph is used for nothing else,
  otherwise kept and warned about.
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import tf_symbol

PRIVATE_BUILDERS = {"_make_predict_function", "_make_train_function", "_make_test_function"}
# Signs that the file still builds a TF 1 graph (then the graph plumbing is real: keep it).
GRAPH_MODE_SYMBOLS = {
    "placeholder", "Session", "InteractiveSession", "global_variables_initializer",
    "disable_eager_execution", "disable_v2_behavior", "get_variable", "variable_scope",
    "train.Saver", "Graph", "import_graph_def", "graph_util.convert_variables_to_constants",
}


def builds_v1_graph(facts) -> bool:
    """Will this file run with eager execution disabled?  Then the graph plumbing is real.

    The graph_mode codemod (MIG104) decides whether to disable eager execution; this
    must agree with it, or threads would lose the graph they need.  A `tf.Session` that
    only carries options into Keras's `set_session` (removed by MIG204) is not a graph.
    """
    try:
        from migrate.codemods.graph_mode import GraphMode

        if GraphMode._state(facts)[0]:
            return True
    except (ImportError, AttributeError):  # pragma: no cover - the other codemod changed
        pass
    symbols = facts.tf_symbols()
    if "Session" in symbols or "InteractiveSession" in symbols:
        from migrate.codemods.keras_backend_session import session_uses

        uses = session_uses(facts)
        sessions = [
            node for node in facts.of_type(ast.Call)
            if tf_symbol(uses.qualname(node.func) or "") in ("Session", "InteractiveSession")
        ]
        if not all(_only_in_removed_set_session(node, uses) for node in sessions):
            return True
    return any(symbol in symbols for symbol in GRAPH_MODE_SYMBOLS - {"Session", "InteractiveSession"})


def _only_in_removed_set_session(session: ast.Call, uses) -> bool:
    from migrate.codemods.keras_backend_session import backend_member

    parent = uses.parents.get(id(session))
    if isinstance(parent, ast.Assign):  # sess = tf.Session(config=...); set_session(sess)
        name = parent.targets[0]
        if not isinstance(name, ast.Name):
            return False
        loads = uses.loads.get(name.id, [])
        if len(loads) != 1:
            return False
        parent = uses.parents.get(id(loads[0]))
    return (
        isinstance(parent, ast.Call)
        and backend_member(uses.qualname(parent.func)) == "set_session"
        and uses.removable_call(parent, "set_session")
    )


def _is_default_graph_call(node: ast.AST, aliases: dict[str, str]) -> bool:
    if not isinstance(node, ast.Call) or node.args or node.keywords:
        return False
    parts = []
    func = node.func
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or func.id not in aliases:
        return False
    qualified = ".".join([aliases[func.id], *reversed(parts)])
    if tf_symbol(qualified) == "get_default_graph":
        return True
    return _is_keras_get_graph(qualified)


def _is_keras_get_graph(qualified: str) -> bool:
    """`K.get_graph()`: Keras 2's own handle on the default graph."""
    module, _, member = qualified.rpartition(".")
    return member == "get_graph" and "keras" in module and module.endswith("backend")


def _key(node) -> tuple[str, str] | None:
    """("name", x) for `x`, ("attr", x) for `self.x` (ast or LibCST node)."""
    if isinstance(node, ast.Name):
        return ("name", node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return ("attr", node.attr)
    if isinstance(node, cst.Name):
        return ("name", node.value)
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return ("attr", node.attr.value)
    return None


class _GraphVariables:
    """Names (`graph`) and self-attributes (`self.graph`) holding the default graph."""

    def __init__(self, facts) -> None:
        aliases = facts.aliases
        stores: dict[tuple, list[ast.AST]] = {}
        from_default: dict[tuple, bool] = {}
        loads: dict[tuple, int] = {}
        unwrappable: dict[tuple, int] = {}
        for node in facts.walk():
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    key = _key(target)
                    if key is not None:
                        stores.setdefault(key, []).append(node)
                        ok = len(node.targets) == 1 and _is_default_graph_call(node.value, aliases)
                        from_default[key] = from_default.get(key, True) and ok
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.With)):
                targets = [getattr(node, "target", None)] + [
                    item.optional_vars for item in getattr(node, "items", [])
                ]
                for target in targets:
                    key = _key(target) if target is not None else None
                    if key is not None:
                        from_default[key] = False
            elif isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                key = _key(node)
                if key is not None:
                    loads[key] = loads.get(key, 0) + 1
            if isinstance(node, ast.With) and len(node.items) == 1:
                item = node.items[0]
                expr = item.context_expr
                if (
                    item.optional_vars is None and isinstance(expr, ast.Call) and not expr.args
                    and isinstance(expr.func, ast.Attribute) and expr.func.attr == "as_default"
                ):
                    key = _key(expr.func.value)
                    if key is not None:
                        unwrappable[key] = unwrappable.get(key, 0) + 1
        # `with tf.get_default_graph().as_default():`
        self.direct_withs = sum(
            1 for node in facts.of_type(ast.With)
            if len(node.items) == 1 and node.items[0].optional_vars is None
            and isinstance(node.items[0].context_expr, ast.Call)
            and isinstance(node.items[0].context_expr.func, ast.Attribute)
            and node.items[0].context_expr.func.attr == "as_default"
            and _is_default_graph_call(node.items[0].context_expr.func.value, aliases)
        )
        self.graph_keys = {key for key, ok in from_default.items() if ok}
        # Every load of the variable is the `X` of a `with X.as_default():` we unwrap.
        self.removable = {
            key for key in self.graph_keys if loads.get(key, 0) == unwrappable.get(key, 0)
        }


class KerasGraphServing(Codemod):
    """Keras-2 threaded-serving graph plumbing -> plain eager calls.

    Before:
        model = load_model("model.h5")
        model._make_predict_function()
        graph = tf.get_default_graph()

        def handle(x):
            with graph.as_default():
                return model.predict(x)

    After:
        model = load_model("model.h5")

        def handle(x):
            return model.predict(x)
    """

    CODE = "MIG205"
    TITLE = "threaded serving: drop get_default_graph / graph.as_default / _make_predict_function"
    WARNINGS = {"MIG256": "the saved default graph is used for more than re-entering it"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if PRIVATE_BUILDERS & facts.attributes:
            return True
        if "as_default" not in facts.attributes:
            return False
        symbols = facts.tf_symbols()
        if "get_default_graph" not in symbols and not any(name.endswith("backend.get_graph") for name in facts.names):
            return False
        if builds_v1_graph(facts):
            return False  # graph code keeps its graph: nothing to do
        variables = _GraphVariables(facts)
        return bool(variables.graph_keys) or variables.direct_withs > 0

    def __init__(self, file) -> None:
        super().__init__(file)
        self.graph_mode = builds_v1_graph(file.facts)
        self.variables = _GraphVariables(file.facts)
        self.warned: set[tuple] = set()

    # `with graph.as_default():` -> body
    def leave_With(self, original_node, updated_node):
        if self.graph_mode or len(original_node.items) != 1:
            return updated_node
        item = original_node.items[0]
        call = item.item
        if item.asname is not None or not isinstance(call, cst.Call) or call.args:
            return updated_node
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "as_default":
            return updated_node
        receiver = call.func.value
        key = _key(receiver)
        direct = isinstance(receiver, cst.Call) and self._is_default_graph(receiver)
        if not direct and key not in self.variables.graph_keys:
            return updated_node
        if not direct and key not in self.variables.removable:
            self._warn_kept(original_node, key)
            return updated_node
        body = updated_node.body
        if not isinstance(body, cst.IndentedBlock):
            statements = [cst.SimpleStatementLine(body=list(body.body))]
        else:
            statements = list(body.body)
        first = statements[0]
        statements[0] = first.with_changes(leading_lines=[*updated_node.leading_lines, *first.leading_lines])
        self.changed(original_node, "`with graph.as_default():` unwrapped: TF 2 runs the model eagerly in any thread")
        return cst.FlattenSentinel(statements)

    # `graph = tf.get_default_graph()` and `model._make_predict_function()` statements
    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1:
            return updated_node
        statement = original_node.body[0]
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
            func = statement.value.func
            if isinstance(func, cst.Attribute) and func.attr.value in PRIVATE_BUILDERS and not statement.value.args:
                self.changed(original_node, f"`{func.attr.value}()` removed: TF 2 builds the function on first use")
                return cst.RemovalSentinel.REMOVE
            return updated_node
        if self.graph_mode or not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
            return updated_node
        key = _key(statement.targets[0].target)
        if key not in self.variables.graph_keys:
            return updated_node
        if key in self.variables.removable:
            self.changed(original_node, "saved default graph removed: TF 2 needs no graph to re-enter")
            return cst.RemovalSentinel.REMOVE
        self._warn_kept(original_node, key)
        return updated_node

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if isinstance(func, cst.Attribute) and func.attr.value in PRIVATE_BUILDERS:
            # Used as a value (not a statement, which is removed above): cannot just drop it.
            if not self._is_statement_call(original_node):
                self.warn(original_node, "MIG256", f"`{func.attr.value}()` no longer exists in TF 2's Keras; remove this use (the function is built on first call)")
        return updated_node

    def visit_SimpleStatementLine(self, node) -> None:
        if len(node.body) == 1 and isinstance(node.body[0], cst.Expr):
            self._statement_calls = getattr(self, "_statement_calls", set())
            self._statement_calls.add(id(node.body[0].value))

    def _is_statement_call(self, node) -> bool:
        return id(node) in getattr(self, "_statement_calls", set())

    def _is_default_graph(self, call: cst.Call) -> bool:
        if call.args:
            return False
        qualified = self.qualname(call.func) or ""
        return tf_symbol(qualified) == "get_default_graph" or _is_keras_get_graph(qualified)

    def _warn_kept(self, node, key) -> None:
        name = key[1] if key[0] == "name" else f"self.{key[1]}"
        self.warn(
            node, "MIG256",
            f"`{name}` (the saved default graph) is used for more than `with {name}.as_default():`; "
            "in TF 2 Keras models run eagerly in any thread: remove the graph plumbing by hand "
            "(`with` blocks around predict/fit are not needed)",
        )
