"""MIG116: `random.seed(n)` made before `import tensorflow` moved to just after the import, because
TensorFlow 2's import draws from Python's `random` and TensorFlow 1.x's did not."""
from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from migrate.codemod import Codemod


def _python_seed(stmt: ast.stmt) -> bool:
    """`random.seed(...)` as a statement of its own."""
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute) \
        and stmt.value.func.attr == "seed" and isinstance(stmt.value.func.value, ast.Name) \
        and stmt.value.func.value.id == "random"


def _imports_tensorflow(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Import) and any(a.name.split(".")[0] == "tensorflow" for a in stmt.names) \
        or isinstance(stmt, ast.ImportFrom) and (stmt.module or "").split(".")[0] == "tensorflow"


def _environment_call(stmt: ast.stmt) -> bool:
    """`os.environ.setdefault(...)` / `os.environ.update(...)` (the TF_USE_LEGACY_KERAS line MIG104 writes)."""
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
        and ast.unparse(stmt.value.func).startswith("os.environ.")


def seed_move(body: list[ast.stmt]) -> tuple[int, int] | None:
    """(index of the `random.seed(...)` statement, index of the first TensorFlow import) of a
    module body when the seed comes first and may move past everything between: imports,
    assignments and environment settings reading or binding no name the seed reads and using
    nothing of `random`. None otherwise: a draw or anything else between keeps the order."""
    if not any(isinstance(s, ast.Import) and any(a.name == "random" and a.asname is None for a in s.names) for s in body):
        return None
    first = next((i for i, s in enumerate(body) if _imports_tensorflow(s)), None)
    seed = next((i for i, s in enumerate(body[:first or 0]) if _python_seed(s)), None)
    if seed is None:
        return None
    read = {n.id for n in ast.walk(body[seed].value) if isinstance(n, ast.Name)}
    for stmt in body[seed + 1:first]:
        bound = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} | {
            (a.asname or a.name).split(".")[0] for a in getattr(stmt, "names", [])}
        if not (isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assign)) or _environment_call(stmt)) \
                or bound & read or "random" in bound or _python_seed(stmt) \
                or any(isinstance(n, ast.Name) and n.id == "random" for n in ast.walk(stmt)):
            return None
    return seed, first


class PythonRandomSeed(Codemod):
    """Measured under TensorFlow 2.21: `import tensorflow` with Keras 3 (no TF_USE_LEGACY_KERAS)
    imports keras and with it `rich`, whose rich/style.py draws `getrandbits(24)` from Python's
    global `random` at import. TensorFlow 1.x's import drew nothing. A program seeding `random`
    before importing TensorFlow (easy-tensorflow's notebooks) would have every later draw one step
    along the stream: a tf_keras layer's kernel seed, `random.shuffle` of its data. The seed moves
    to just after the TensorFlow import, past imports, assignments and environment settings only
    (anything else between keeps the order). Under tf_keras the import draws nothing and the move
    changes nothing either.

    Before::

        import random
        random.seed(0)
        import numpy as np
        import tensorflow as tf

    After::

        import random
        import numpy as np
        import tensorflow as tf
        random.seed(0)
    """

    CODE = "MIG116"
    TITLE = "`random.seed` before `import tensorflow` moved after it (TF 2's import draws from Python's random)"
    WARNINGS: ClassVar[dict[str, str]] = {}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if "random.seed" not in facts.source or "tensorflow" not in facts.source:
            return False
        return seed_move(facts.tree.body) is not None

    def leave_Module(self, original_node, updated_node):
        try:
            body = ast.parse(updated_node.code).body
        except SyntaxError:
            return updated_node
        move = seed_move(body)
        if move is None or len(body) != len(updated_node.body):
            return updated_node  # a compound line (`a; b`) counts otherwise: nothing moved
        seed, first = move
        statements = list(updated_node.body)
        moved = statements[seed]
        if not isinstance(moved, cst.SimpleStatementLine) or len(moved.body) != 1:
            return updated_node
        text = cst.Module([]).code_for_node(moved.with_changes(leading_lines=()))
        where = next((s for s in original_node.body if cst.Module([]).code_for_node(
            s.with_changes(leading_lines=()) if hasattr(s, "leading_lines") else s) == text), None)
        if where is None:
            return updated_node
        self.changed(where, "`random.seed(...)` moved after `import tensorflow`: TF 2's import draws once from Python's "
                     "random (Keras 3's rich), TF 1.x's did not")
        after = statements[seed + 1]
        if moved.leading_lines and hasattr(after, "leading_lines"):  # its comments stay where they were
            statements[seed + 1] = after.with_changes(leading_lines=(*moved.leading_lines, *after.leading_lines))
        statements.insert(first + 1, moved.with_changes(leading_lines=()))
        del statements[seed]
        return updated_node.with_changes(body=statements)
