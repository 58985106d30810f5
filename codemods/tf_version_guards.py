"""MIG111: a guard that stops the program under TensorFlow 2 — `if tf.__version__.startswith('2'):
exit("Please install Tensorflow 1.x")` — removed, because the migrated file is written for TF 2."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod

# what a guard's body may do: stop the program (a message printed first is part of it)
EXITS = frozenset({"exit", "quit", "sys.exit", "os._exit"})


def tf_aliases(facts) -> set[str]:
    """The local names bound to the tensorflow module itself (`import tensorflow as tf`)."""
    return {name for name, qualified in facts.aliases.items() if qualified == "tensorflow"}


def stops_under_tf2(test: ast.expr, body: list[ast.stmt], aliases: set[str]) -> bool:
    """An `if` whose test reads nothing but TensorFlow's version and is true under TF 2 (any
    2.x release: migrate.tf2_graph._version_test evaluates it for 2.0.0 and the release the
    output targets) and whose body only stops the program: `exit(...)`, `quit()`, `sys.exit(...)`,
    `os._exit(...)` or `raise ...`, a print of the reason before it."""
    from migrate.tf2_graph import _version_test

    if not any(_version_test(test, alias) is True for alias in aliases):
        return False
    *before, last = body
    stops = isinstance(last, ast.Raise) or isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and (
        ast.unparse(last.value.func) in EXITS)
    printed = all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name)
                  and s.value.func.id == "print" for s in before)
    return stops and printed


def asserts_tf1(test: ast.expr, aliases: set[str]) -> bool:
    """An `assert` whose test reads TensorFlow's version alone and is false under TF 2."""
    from migrate.tf2_graph import _version_test

    return any(_version_test(test, alias) is False for alias in aliases)


class TfVersionGuards(Codemod):
    """Programs written for TF 1.x often refuse to run under TF 2: the migrated file runs there,
    so the guard goes. Only a guard whose test reads TensorFlow's version alone, is true
    for every 2.x release, and whose body only stops the program (a print before it), or an
    `assert` of such a test false for every 2.x release (`assert tf.__version__.startswith('1.')`); a test
    reading anything else, an `else` branch, or a body doing more stays (MIG111 changes
    nothing there).

    Before::

        if tf.__version__.startswith('2'):
            exit("Please install Tensorflow 1.x")

    After: the `if` statement is gone (its comments above stay).
    """

    CODE = "MIG111"
    TITLE = "a guard stopping the program under TensorFlow 2 (`if tf.__version__...: exit(...)`) removed"
    WARNINGS: dict[str, str] = {}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if "__version__" not in facts.source and "VERSION" not in facts.source:
            return False
        aliases = tf_aliases(facts)
        return bool(aliases) and (any(not node.orelse and stops_under_tf2(node.test, node.body, aliases)
                                      for node in facts.of_type(ast.If))
                                  or any(asserts_tf1(node.test, aliases) for node in facts.of_type(ast.Assert)))

    def __init__(self, file) -> None:
        super().__init__(file)
        self._aliases = tf_aliases(file.facts)

    def _guard(self, stmt) -> bool:
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assert):
            try:  # `assert tf.__version__.startswith('1.')`: false under every TF 2 release
                parsed = ast.parse(cst.Module([]).code_for_node(stmt.body[0])).body[0]
            except SyntaxError:
                return False
            return isinstance(parsed, ast.Assert) and asserts_tf1(parsed.test, self._aliases)
        if not isinstance(stmt, cst.If) or stmt.orelse is not None:
            return False
        try:
            parsed = ast.parse(cst.Module([]).code_for_node(stmt.with_changes(leading_lines=()))).body[0]
        except SyntaxError:
            return False
        return isinstance(parsed, ast.If) and stops_under_tf2(parsed.test, parsed.body, self._aliases)

    def _without_guards(self, body):
        """The statements with the guards gone; the comments above a guard go to the statement
        after it. None when nothing changes (or a block would be left empty)."""
        if not any(self._guard(stmt) for stmt in body):
            return None
        out, carried = [], []
        for stmt in body:
            if self._guard(stmt):
                self.changed(stmt, "a guard stopping the program under TensorFlow 2 removed: the migrated file is "
                             "written for TF 2")
                if any(line.comment is not None for line in stmt.leading_lines):
                    carried += list(stmt.leading_lines)  # its comments, with the blank lines among them
                continue
            if carried and hasattr(stmt, "leading_lines"):
                stmt = stmt.with_changes(leading_lines=(*carried, *stmt.leading_lines))
                carried = []
            out.append(stmt)
        return out if out else None

    def leave_Module(self, original_node, updated_node):
        body = self._without_guards(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_IndentedBlock(self, original_node, updated_node):
        body = self._without_guards(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)
