"""MIG204: Keras-2 session plumbing (`set_session`, `get_session`, `K.tf`, learning phase).

TF 2 runs eagerly and Keras owns no session: `set_session(tf.Session(config=...))` only
carried the session options, which `session_config` (MIG212) turns into `tf.config`
calls, so the call itself goes.  `get_session()` and `learning_phase()` still exist in
tf-keras (as `tf.compat.v1.keras.backend.*`, under legacy Keras) and nowhere in Keras 3;
with the Keras 3 target they are warned about with the TF 2 form.
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, ast_finding
from migrate.prescan import qualify, tf_symbol

# Modules whose members are the Keras backend (qualified names as the prescan gives them).
BACKEND_MODULES = {
    "keras.backend", "keras.backend.tensorflow_backend", "tensorflow.python.keras.backend",
    "tensorflow.keras.backend", "tensorflow.compat.v1.keras.backend", "tf_keras.backend",
}
SESSION_MEMBERS = {"get_session", "set_session", "learning_phase", "set_learning_phase"}
KERAS2_HOME = "compat.v1.keras.backend"  # under tensorflow; there only with legacy Keras
SESSION_CLASSES = {"Session", "InteractiveSession"}


# Functions of TF 1's control_flow_ops module that Keras 2.2's backend re-exported, all in
# tf.compat.v1 with the same signature.
CONTROL_FLOW_OPS = {"while_loop", "cond", "case", "group", "tuple"}


def backend_member(qualified: str | None) -> str | None:
    """"keras.backend.get_session" -> "get_session"; None when not a backend member."""
    if not qualified:
        return None
    module, _, member = qualified.rpartition(".")
    return member if module in BACKEND_MODULES else None


# -- ast analysis shared with keras_imports (which decides what happens to the imports) ----
class _SessionUses:
    """Which backend session calls in a module can simply be removed."""

    def __init__(self, facts) -> None:
        self.aliases = facts.aliases
        self.parents: dict[int, ast.AST] = facts.parents()  # shared with other codemods: read only
        self.assignments: dict[str, list[ast.AST]] = {}
        self.loads: dict[str, list[ast.Name]] = {}
        for node in facts.of_type(ast.Name):  # the prescan's walk, in ast.walk order
            if isinstance(node.ctx, ast.Load):
                self.loads.setdefault(node.id, []).append(node)
            else:
                self.assignments.setdefault(node.id, []).append(node)

    def qualname(self, node: ast.AST) -> str | None:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.aliases:
            return None
        return ".".join([self.aliases[node.id], *reversed(parts)])

    def is_config_session(self, node: ast.AST) -> bool:
        """`tf.Session(config=...)`, or a name bound once to one and used only here."""
        if isinstance(node, ast.Call):
            symbol = tf_symbol(self.qualname(node.func) or "")
            return symbol in SESSION_CLASSES and not node.args and all(k.arg == "config" for k in node.keywords)
        if isinstance(node, ast.Name):
            stores = self.assignments.get(node.id, [])
            if len(stores) != 1 or len(self.loads.get(node.id, [])) != 1:
                return False
            assign = self.parents.get(id(stores[0]))
            return (
                isinstance(assign, ast.Assign) and len(assign.targets) == 1
                and assign.targets[0] is stores[0] and self.is_config_session(assign.value)
            )
        return False

    def removable_call(self, call: ast.Call, member: str) -> bool:
        """A statement `set_session(<config-only session>)` / `set_learning_phase(0)`."""
        if not isinstance(self.parents.get(id(call)), ast.Expr) or call.keywords or len(call.args) != 1:
            return False
        if member == "set_session":
            return self.is_config_session(call.args[0])
        if member == "set_learning_phase":
            arg = call.args[0]
            return isinstance(arg, ast.Constant) and arg.value in (0, False) and arg.value is not None
        return False

    def all_removable(self, bound: str, member: str) -> bool:
        uses = self.loads.get(bound, [])
        for use in uses:
            call = self.parents.get(id(use))
            if not (isinstance(call, ast.Call) and call.func is use and self.removable_call(call, member)):
                return False
        return True


def session_uses(facts) -> _SessionUses:
    """The analysis of this file, computed once and kept on its facts."""
    found = getattr(facts, "_keras_session_uses", None)
    if found is None:
        found = _SessionUses(facts)
        facts._keras_session_uses = found
    return found


def session_import_home(facts, bound: str, keras: str) -> str | None:
    """Where an imported session name should now come from: "" (every use is removed, drop
    the import), a module (Keras 2 target), or None (no home: keep it and warn)."""
    target = facts.aliases.get(bound, "")
    member = target.rpartition(".")[2]
    if session_uses(facts).all_removable(bound, member):
        return ""
    return "tensorflow." + KERAS2_HOME if keras == "2" else None


class KerasBackendSession(Codemod):
    """Keras-2 session plumbing -> TF 2 (eager, no Keras session).

    Before:
        from keras import backend as K
        K.set_session(tf.Session(config=config))
        K.set_learning_phase(0)
        x = K.tf.ones((2, 2))
        sess = K.get_session()

    After (target Keras 3; `get_session` has no Keras 3 form and is warned about):
        from tensorflow.keras import backend as K
        x = tf.ones((2, 2))
        sess = K.get_session()  # MIG255

    With `--keras 2`, `get_session`/`learning_phase` become
    `tf.compat.v1.keras.backend.get_session()` / `.learning_phase()`.
    """

    CODE = "MIG204"
    TITLE = "Keras-2 session plumbing (set_session, get_session, K.tf, learning phase)"
    WARNINGS = {"MIG255": "Keras-2 session or learning phase with no TF 2 equivalent"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        attributes = facts.attributes
        if "control_flow_ops" in attributes and any(
            name.startswith(f"{module}.control_flow_ops.") for name in facts.names for module in BACKEND_MODULES
        ):
            return True
        if not (SESSION_MEMBERS & attributes or "tf" in attributes or any(
            imp.name in SESSION_MEMBERS for imp in facts.imports
        )):
            return False
        for name in facts.names:
            if backend_member(name) in SESSION_MEMBERS:
                return True
            if any(name == f"{module}.tf" or name.startswith(f"{module}.tf.") for module in BACKEND_MODULES):
                return True
        return False

    @classmethod
    def prescan_findings(cls, facts, settings):
        """MIG255 at each session call (Keras 3 target), or nothing (Keras 2 target, the
        calls already go through tf.compat.v1 or a bare imported name), read from the
        ast; None when something would be rewritten or removed."""
        for name in facts.names:
            for backend in BACKEND_MODULES:
                if name.startswith(backend + ".") and name[len(backend) + 1:].partition(".")[0] in ("tf", "control_flow_ops"):
                    return None  # `K.tf` / `K.control_flow_ops.x` are rewritten
        statements: dict[str, list[ast.Call]] = {}  # member -> its calls that are statements
        for node in facts.of_type(ast.Expr):
            value = node.value
            member = backend_member(qualify(value.func, facts.aliases)) if isinstance(value, ast.Call) else None
            if member in ("set_session", "set_learning_phase"):
                statements.setdefault(member, []).append(value)
        if statements:
            # the traversal removes a statement when every statement of the same text is
            # removable (`_removable_statement`): the same test on the ast, call by call
            uses = session_uses(facts)
            for member, calls in statements.items():
                texts = [ast.unparse(call) for call in calls]
                for text in texts:
                    twins = [call for call, other in zip(calls, texts) if other == text]
                    if all(uses.removable_call(call, member) for call in twins):
                        return None  # a statement that is removed
        found = []
        for node in facts.of_type(ast.Call):
            qualified = qualify(node.func, facts.aliases)
            member = backend_member(qualified)
            if member not in SESSION_MEMBERS:
                continue
            if settings.keras == "2":
                if isinstance(node.func, ast.Attribute) and not qualified.startswith("tensorflow.compat.v1."):
                    return None
                continue
            found.append(ast_finding(facts, node, "MIG255", _KERAS3_ADVICE[member]))
        return found

    def __init__(self, file) -> None:
        super().__init__(file)
        self.removed: set[int] = set()  # ids of statement lines that go, and of their calls

    def visit_SimpleStatementLine(self, node) -> None:
        if len(node.body) != 1 or not isinstance(node.body[0], cst.Expr):
            return
        call = node.body[0].value
        if not isinstance(call, cst.Call):
            return
        member = backend_member(self.qualname(call.func))
        if member in ("set_session", "set_learning_phase") and self._removable_statement(call, member):
            self.removed.update((id(node), id(call)))

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) not in self.removed:
            return updated_node
        call = original_node.body[0].value
        member = backend_member(self.qualname(call.func))
        why = (
            "Keras has no session in TF 2 (the session options become tf.config calls)"
            if member == "set_session"
            else "inference mode is the default outside fit() in TF 2"
        )
        self.changed(original_node, f"`{member}(...)` removed: {why}")
        return cst.RemovalSentinel.REMOVE

    def leave_Call(self, original_node, updated_node):
        if id(original_node) in self.removed:
            return updated_node  # the whole statement goes
        qualified = self.qualname(original_node.func)
        member = backend_member(qualified)
        if member not in SESSION_MEMBERS:
            return updated_node
        if self.file.settings.keras == "2":
            if isinstance(original_node.func, cst.Attribute) and not qualified.startswith("tensorflow.compat.v1."):
                self.changed(original_node, f"`{member}` -> `tf.compat.v1.keras.backend.{member}` (tf-keras)")
                return updated_node.with_changes(func=self.file.tf_attr(f"{KERAS2_HOME}.{member}"))
            return updated_node  # a bare name: keras_imports points its import there
        self.warn(original_node, "MIG255", _KERAS3_ADVICE[member])
        return updated_node

    def leave_Attribute(self, original_node, updated_node):
        member = backend_member(self.qualname(original_node))
        if member == "control_flow_ops":
            return updated_node  # rewritten with its attribute below
        inner = original_node.value
        if (
            isinstance(inner, cst.Attribute) and backend_member(self.qualname(inner)) == "control_flow_ops"
            and original_node.attr.value in CONTROL_FLOW_OPS
        ):
            # Keras 2.2's backend exposed TF's control_flow_ops module (YOLOv3 ports call
            # K.control_flow_ops.while_loop); TF 2 has the v1 functions under tf.compat.v1.
            name = original_node.attr.value
            self.changed(original_node, f"`K.control_flow_ops.{name}` -> `tf.compat.v1.{name}`")
            return self.file.tf_attr(f"compat.v1.{name}")
        if member != "tf":
            return updated_node
        self.changed(original_node, "`K.tf` -> `tf`")
        root = self.file.tf_root()
        return cst.Name(root)

    def _removable_statement(self, call: cst.Call, member: str) -> bool:
        """Find the ast twin of this statement's call (same text, also a statement)."""
        uses = session_uses(self.file.facts)
        text = ast.unparse(ast.parse(cst.Module(body=[]).code_for_node(call), mode="eval").body)
        twins = [
            node for node in self.file.facts.of_type(ast.Call)
            if isinstance(uses.parents.get(id(node)), ast.Expr)
            and backend_member(uses.qualname(node.func)) == member and ast.unparse(node) == text
        ]
        return bool(twins) and all(uses.removable_call(node, member) for node in twins)


_KERAS3_ADVICE = {
    "get_session": (
        "Keras 3 has no session: run eagerly (call the model / evaluate tensors directly, "
        "`.numpy()` instead of `sess.run`), or migrate with `--keras 2` to keep "
        "`tf.compat.v1.keras.backend.get_session()`"
    ),
    "set_session": (
        "Keras 3 has no session: apply the session options with tf.config "
        "(`tf.config.experimental.set_memory_growth`, `tf.config.threading.*`) and remove this call"
    ),
    "learning_phase": (
        "Keras 3 has no global learning phase: pass `training=True/False` when calling the "
        "model or layer (`model(x, training=False)`)"
    ),
    "set_learning_phase": (
        "Keras 3 has no global learning phase: pass `training=True` when calling the model "
        "or layer where training behaviour (dropout, batch statistics) is wanted"
    ),
}
