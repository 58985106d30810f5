"""MIG107: `tf.train.*Optimizer` -> `tf.keras.optimizers.*` where provably the same, else tf.compat.v1."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import dotted_name
from migrate.codemods.graph_mode import GraphMode

# v1 optimizer -> (Keras optimizer, v1 positional parameters, v1 keyword -> Keras keyword,
# keywords Keras needs to compute the same update).  Only optimizers whose Keras update
# is the same formula with these arguments (verified by tests/codemods/test_keras_optimizers.py):
# RMSProp starts its accumulator at 1 in v1 and 0 in Keras, Adagrad adds epsilon in
# Keras only, so they stay on tf.compat.v1.
KERAS_EQUIVALENT = {
    "AdamOptimizer": (
        "Adam",
        ("learning_rate", "beta1", "beta2", "epsilon", "use_locking", "name"),
        {"learning_rate": "learning_rate", "beta1": "beta_1", "beta2": "beta_2", "epsilon": "epsilon", "name": "name"},
        {"epsilon": "1e-08"},  # v1's default; Keras' is 1e-07
    ),
    "GradientDescentOptimizer": (
        "SGD",
        ("learning_rate", "use_locking", "name"),
        {"learning_rate": "learning_rate", "name": "name"},
        {},
    ),
    "MomentumOptimizer": (
        "SGD",
        ("learning_rate", "momentum", "use_locking", "name", "use_nesterov"),
        {"learning_rate": "learning_rate", "momentum": "momentum", "use_nesterov": "nesterov", "name": "name"},
        {},
    ),
}
V1_OPTIMIZERS = frozenset({
    "Optimizer", "AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer", "RMSPropOptimizer",
    "AdagradOptimizer", "AdadeltaOptimizer", "AdagradDAOptimizer", "FtrlOptimizer",
    "ProximalAdagradOptimizer", "ProximalGradientDescentOptimizer", "SyncReplicasOptimizer",
})


def _optimizer_name(symbol: str | None) -> str | None:
    if symbol and symbol.startswith("train.") and symbol[len("train."):] in V1_OPTIMIZERS:
        return symbol[len("train."):]
    return None


class KerasOptimizers(Codemod):
    """TF 1.x optimizers: Keras optimizers where the surrounding code stays correct, else
    their tf.compat.v1 name.

    Before::

        opt = tf.train.AdamOptimizer(0.01)          # eager: tape + apply_gradients
        opt.apply_gradients(zip(grads, variables))
        model.compile(optimizer=tf.train.GradientDescentOptimizer(0.1), loss="mse")
        train_op = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)   # v1 graph

    After::

        opt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)
        opt.apply_gradients(zip(grads, variables))
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        train_op = tf.compat.v1.train.MomentumOptimizer(0.1, 0.9).minimize(loss)

    Keras is used only when the optimizer is passed to `compile`, or bound once to a name
    (or `self.<name>`) whose every use is `compile(optimizer=name)`, or whose one use is a
    single `name.apply_gradients(pairs)` call (Keras 3 optimizers only update the variables
    they were built with) in a file that does not build a v1 graph.  `.minimize(loss)`, `compute_gradients`, `global_step=`,
    slots and graph code keep v1 semantics on tf.compat.v1.
    """

    CODE = "MIG107"
    TITLE = "tf.train.*Optimizer -> tf.keras.optimizers (eager / compile, same update) or tf.compat.v1.train"
    WARNINGS = {
        "MIG171": "a v1 optimizer reaches Keras compile/apply_gradients but has no exact Keras equivalent",
    }

    @classmethod
    def needed(cls, facts, settings):
        # Only TF 1.x spellings: a `tf.compat.v1.train.*Optimizer` is already a TF 2 choice.
        if "Optimizer" not in facts.source:
            return False
        return any(
            _optimizer_name(_symbol_of(q)) is not None and not q.startswith("tensorflow.compat.v1.")
            for q in facts.names
        )

    @staticmethod
    def _keras_sites(facts) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """Positions (line, col) of optimizer constructor calls that can become Keras, and
        of those that reach Keras' compile but cannot (warned about)."""
        graph_mode = bool(set(facts.tf_symbols()) & {"disable_eager_execution", "disable_v2_behavior"}) or GraphMode._state(facts)[0]
        if graph_mode:
            # Only the optimizers handed straight to Keras' compile are Keras' business.
            return {pos for pos, _ in _compile_arguments(facts)}, set()
        sites = {pos for pos, _ in _compile_arguments(facts)}
        blocked: set[tuple[int, int]] = set()
        stores: dict[str, int] = {}
        for node in facts.of_type(ast.Name):
            if not isinstance(node.ctx, ast.Load):
                stores[node.id] = stores.get(node.id, 0) + 1
        for node in facts.of_type(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            stores[node.name] = stores.get(node.name, 0) + 1
        for node in facts.of_type(ast.arg):
            stores[node.arg] = stores.get(node.arg, 0) + 1
        attribute_stores: dict[str, int] = {}
        for node in facts.of_type(ast.Attribute):
            if not isinstance(node.ctx, ast.Load):
                attribute_stores[node.attr] = attribute_stores.get(node.attr, 0) + 1
        parents = _parents(facts.tree)
        for node in facts.of_type(ast.Assign):
            if not (len(node.targets) == 1 and isinstance(node.value, ast.Call)
                    and _is_v1_optimizer_call(node.value, facts)):
                continue
            target = node.targets[0]
            if isinstance(target, ast.Name):
                # `opt = tf.train.AdamOptimizer(...)`: the name is bound once in the file.
                if stores.get(target.id) != 1:
                    continue
                uses = [n for n in facts.of_type(ast.Name) if n.id == target.id and isinstance(n.ctx, ast.Load)]
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                # `self.opt = tf.train.AdamOptimizer(...)`: that attribute name is set once in
                # the file and only ever read as `self.opt` (no `other.opt` elsewhere).
                if attribute_stores.get(target.attr) != 1:
                    continue
                uses = [n for n in facts.of_type(ast.Attribute) if n.attr == target.attr and isinstance(n.ctx, ast.Load)]
                if not all(isinstance(n.value, ast.Name) and n.value.id == "self" for n in uses):
                    continue
            else:
                continue
            if _keras_safe_uses(uses, parents):
                sites.add((node.value.lineno, node.value.col_offset))
            elif any(_is_compile_argument(use, parents) for use in uses):
                blocked.add((node.value.lineno, node.value.col_offset))
        return sites, blocked

    def __init__(self, file):
        super().__init__(file)
        self._keras_at, self._blocked_at = self._keras_sites(file.facts)
        self._ast_position: dict[int, tuple[int, int]] = {}
        self._keras_funcs: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if self._position(node) in self._keras_at:
            self._keras_funcs.add(id(node.func))  # decided in leave_Call, with the arguments

    def leave_Call(self, original_node, updated_node):
        if id(original_node.func) not in self._keras_funcs:
            self._check_compile(original_node)
            if self._position(original_node) in self._blocked_at:
                name = _optimizer_name(self.tf_symbol(original_node.func))
                self.warn(
                    original_node, "MIG171",
                    f"tf.train.{name} is passed to Keras compile, which in Keras 3 accepts only Keras "
                    "optimizers, but it is also used in ways a Keras optimizer cannot take over "
                    "(several models, minimize, global_step...): give each compile its own "
                    f"tf.keras.optimizers.{KERAS_EQUIVALENT.get(name, ('<equivalent>',))[0]}(learning_rate=...)",
                )
            return updated_node
        name = _optimizer_name(self.tf_symbol(original_node.func))
        built = self._keras_call(name, updated_node)
        if built is not None:
            self.changed(original_node, f"tf.train.{name} -> tf.keras.optimizers.{KERAS_EQUIVALENT[name][0]} "
                                        "(used only with apply_gradients/compile: same update)")
            return built
        self.warn(
            original_node, "MIG171",
            f"tf.train.{name} is used with Keras compile/apply_gradients, but its arguments (use_locking, "
            f"a tensor or schedule learning rate) have no exact Keras form; Keras 3 accepts only Keras "
            f"optimizers: write tf.keras.optimizers.{KERAS_EQUIVALENT[name][0]}(learning_rate=...)",
        )
        return updated_node.with_changes(func=self._v1(original_node.func))

    def _check_compile(self, call: cst.Call) -> None:
        """`model.compile(optimizer=tf.train.RMSPropOptimizer(...))`: Keras 3 rejects v1 optimizers."""
        if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "compile"):
            return
        values = [a.value for a in call.args if a.keyword is not None and a.keyword.value == "optimizer"]
        if call.args and call.args[0].keyword is None:
            values.append(call.args[0].value)
        for value in values:
            if not isinstance(value, cst.Call):
                continue
            name = _optimizer_name(self.tf_symbol(value.func))
            if name is not None and name not in KERAS_EQUIVALENT:
                self.warn(
                    value, "MIG171",
                    f"Keras 3 compile accepts only Keras optimizers, and tf.train.{name} has no exact one "
                    "(e.g. v1 RMSProp starts its accumulator at 1, Keras at 0): pick the tf.keras.optimizers "
                    "equivalent and check training still converges",
                )

    def leave_Attribute(self, original_node, updated_node):
        if id(original_node) in self._keras_funcs:
            return updated_node
        return self._v1(original_node, updated_node)

    def _v1(self, original, updated=None):
        """`tf.train.XOptimizer` -> `tf.compat.v1.train.XOptimizer` (not yet compat: else as is)."""
        updated = original if updated is None else updated
        name = _optimizer_name(self.tf_symbol(original))
        if name is None or (self.qualname(original) or "").startswith("tensorflow.compat.v1."):
            return updated
        self.changed(original, f"tf.train.{name} -> tf.compat.v1.train.{name} (v1 optimizer semantics kept)")
        return self.file.tf_attr(f"compat.v1.train.{name}")

    def _position(self, call: cst.Call) -> tuple[int, int] | None:
        return self._ast_position.get(id(call))

    def _keras_call(self, name: str, call: cst.Call) -> cst.Call | None:
        keras_name, positional_names, keywords, defaults = KERAS_EQUIVALENT[name]
        if any(a.star for a in call.args):
            return None
        given: dict[str, cst.BaseExpression] = {}
        for index, arg in enumerate(call.args):
            if arg.keyword is None:
                if index >= len(positional_names):
                    return None
                given[positional_names[index]] = arg.value
            else:
                given[arg.keyword.value] = arg.value
        if any(key not in keywords for key in given):
            return None  # use_locking or unknown arguments: keep the v1 optimizer
        rate = given.get("learning_rate")
        if rate is not None and not _plain_value(rate):
            return None  # a tensor or schedule: v1 and Keras treat these differently
        args = []
        for v1_key, keras_key in keywords.items():
            if v1_key in given:
                args.append(_keyword(keras_key, given[v1_key]))
            elif v1_key in defaults:
                args.append(_keyword(keras_key, cst.parse_expression(defaults[v1_key])))
        return cst.Call(func=self.file.tf_attr(f"keras.optimizers.{keras_name}"), args=args)

    # Positions: map libcst Call nodes to ast (line, col) by visiting in source order.
    def visit_Module(self, node: cst.Module) -> None:
        if not (self._keras_at or self._blocked_at):
            return
        positions = self.file.positions_near(node, {line for line, _ in (*self._keras_at, *self._blocked_at)})
        self._ast_position = {
            id(n): (p.start.line, p.start.column)
            for n, p in positions.items()
            if isinstance(n, cst.Call)
        }


def _symbol_of(qualified: str) -> str | None:
    from migrate.prescan import tf_symbol

    return tf_symbol(qualified)


def _is_v1_optimizer_call(call: ast.Call, facts) -> bool:
    dotted = dotted_name(call.func)
    if dotted is None:
        return False
    root, _, rest = dotted.partition(".")
    target = facts.aliases.get(root)
    if target is None:
        return False
    qualified = f"{target}.{rest}" if rest else target
    if qualified.startswith("tensorflow.compat.v1."):
        return False
    return _optimizer_name(_symbol_of(qualified)) in KERAS_EQUIVALENT


def _compile_arguments(facts):
    """(position, call) of v1 optimizer constructors passed directly to `<model>.compile(...)`."""
    for node in facts.of_type(ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "compile":
            candidates = [kw.value for kw in node.keywords if kw.arg == "optimizer"]
            if node.args:
                candidates.append(node.args[0])
            for value in candidates:
                if isinstance(value, ast.Call) and _is_v1_optimizer_call(value, facts):
                    yield (value.lineno, value.col_offset), value


def _keras_safe_uses(uses: list[ast.expr], parents: dict[int, ast.AST]) -> bool:
    """Every use is Keras-compatible, and the variables it updates are one fixed set.

    A Keras 3 optimizer refuses variables it was not built with ("This optimizer can only
    be called for the variables it was originally built with"), where a v1 optimizer takes
    any: so `apply_gradients` must have one call site whose variables do not depend on a
    loop variable (a GAN sharing one optimizer between two models stays on v1).
    """
    if not uses or not all(_keras_compatible_use(use, parents) for use in uses):
        return False
    applies = [use for use in uses if getattr(parents.get(id(use)), "attr", None) == "apply_gradients"]
    if not applies:
        return len(uses) == 1  # one compile: Keras builds the optimizer for that model's variables
    if len(applies) != len(uses) or len(applies) != 1:
        return False
    call = parents[id(parents[id(applies[0])])]
    loop_names = set()
    node = call
    while node is not None:
        if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            loop_names.update(n.id for n in ast.walk(node.target) if isinstance(n, ast.Name))
        node = parents.get(id(node))
    argument_names = {n.id for n in ast.walk(call.args[0]) if isinstance(n, ast.Name)}
    return not (argument_names & loop_names)


def _is_compile_argument(use: ast.expr, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(use))
    if isinstance(parent, ast.keyword) and parent.arg == "optimizer":
        parent = parents.get(id(parent))
    return isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "compile"


def _keras_compatible_use(use: ast.expr, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(use))
    # name.apply_gradients(pairs): one positional argument, no global_step/name.
    if isinstance(parent, ast.Attribute) and parent.attr == "apply_gradients":
        call = parents.get(id(parent))
        return isinstance(call, ast.Call) and call.func is parent and len(call.args) == 1 and not call.keywords
    # model.compile(optimizer=name) / model.compile(name, ...)
    if isinstance(parent, ast.keyword) and parent.arg == "optimizer":
        call = parents.get(id(parent))
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "compile"
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is use:
        return isinstance(parent.func, ast.Attribute) and parent.func.attr == "compile"
    return False


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    out = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


def _plain_value(node: cst.BaseExpression) -> bool:
    """A number, a name, an attribute (FLAGS.lr) or arithmetic of those: not a tensor op."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Name, cst.Attribute)):
        return True
    if isinstance(node, cst.UnaryOperation):
        return _plain_value(node.expression)
    if isinstance(node, cst.BinaryOperation):
        return _plain_value(node.left) and _plain_value(node.right)
    return False


def _keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name), value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
