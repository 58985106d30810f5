"""The codemod framework: base class, per-file context, and the combined traversal.

A codemod is a LibCST transformer with a rewrite code and a `needed(facts)` test.
All codemods a file needs run in ONE traversal (`Combined`): each node is offered to
every active codemod in registry order, the output of one feeding the next, so the
cost of a file is one parse and one walk however many codemods apply.

Rules for codemod authors (they make the combination safe):
- Match on `original_node` (pristine source, resolvable through the file's aliases);
  build the result from `updated_node` (it may already carry other codemods' work).
- Returning a node of another type (or a sentinel) from `leave_X` ends the chain for
  that node: codemods after you do not see it.
- Record every rewrite with `self.changed(node, message)` and every finding that needs
  a human with `self.warn(node, code, message)`; positions are computed once, lazily.
- Emit TensorFlow names with `self.file.tf_attr("random.normal")`, which uses the
  file's own alias and adds an import when the file has none.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import re
from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
from libcst._nodes.internal import CodegenState

from migrate.prescan import Facts, tf_symbol
from migrate.settings import Settings  # noqa: F401  (re-exported: codemods and tests import it from here)


@dataclass
class Finding:
    code: str
    line: int
    col: int
    message: str
    kind: str  # "change" or "warning"

    def as_dict(self) -> dict:
        return {"code": self.code, "line": self.line, "col": self.col, "message": self.message}


class Codemod(cst.CSTTransformer):
    """Base class. Subclasses set CODE, TITLE, WARNINGS and implement `needed`."""

    CODE: ClassVar[str] = ""  # code of the rewrites this codemod makes, e.g. "MIG101"
    TITLE: ClassVar[str] = ""  # one line for `migrate codes`
    WARNINGS: ClassVar[dict[str, str]] = {}  # code -> one-line title of each warning
    REWRITES: ClassVar[bool] = True  # False: the codemod only reports (CODE is never used)

    def __init__(self, file: "FileContext") -> None:
        super().__init__()
        self.file = file

    @classmethod
    def codes(cls) -> list[str]:
        return [cls.CODE, *cls.WARNINGS]

    @classmethod
    def needed(cls, facts: Facts, settings: Settings) -> bool:
        """Could this codemod change or warn about anything in this file? Must be cheap."""
        raise NotImplementedError

    @classmethod
    def prescan_findings(cls, facts: Facts, settings: Settings) -> list[Finding] | None:
        """The warnings this codemod would report in this file, read from the `ast`, when
        the ast shows it would rewrite nothing; None (the default) when only the LibCST
        traversal can tell. When every codemod a file needs answers here, the file is not
        parsed by LibCST at all (an already-migrated file that keeps warnings, on every
        `--check`), so an answer must be exactly what the traversal reports: same codes,
        messages, lines and columns (`ast_finding` converts the position), in traversal
        order for findings at one position. tests/test_prescan_gates.py compares the two."""
        return None

    @classmethod
    def prescan_edits(cls, facts: Facts, settings: Settings) -> list[tuple[int, int, str, Finding]] | None:
        """When everything this codemod would do in a file is a replacement of source text
        the ast locates exactly (a dotted name renamed, statements inserted after a line),
        those edits: (start, end, new text, the change's Finding), offsets into
        `facts.source` (start == end: an insertion); None (the default) when only the
        LibCST traversal can tell. When every other codemod the file needs gives edits too
        or answers `prescan_findings`, the file is not parsed by LibCST at all, so the
        spliced text must be byte for byte what the traversal's code generation writes, and
        the findings exactly its findings (bench/splice_proof.py compares the two paths on
        real trees). An answer must not depend on another codemod's rewrite of the same
        pass: the edits of several codemods are applied together, to the original text."""
        return None

    # -- helpers -------------------------------------------------------------
    def qualname(self, node: cst.CSTNode) -> str | None:
        return self.file.qualname(node)

    def tf_symbol(self, node: cst.CSTNode) -> str | None:
        """The v1 API path of a TensorFlow name (`tf.compat.v1.nn.x` -> "nn.x")."""
        qualified = self.file.qualname(node)
        return tf_symbol(qualified) if qualified else None

    def changed(self, node: cst.CSTNode, message: str) -> None:
        if self.file.settings.enabled(self.CODE):
            self.file.record(self.CODE, node, message, "change")

    def warn(self, node: cst.CSTNode, code: str, message: str) -> None:
        assert code in self.WARNINGS, f"{type(self).__name__} does not declare {code}"
        if self.file.settings.enabled(code):
            self.file.record(code, node, message, "warning")

    def require(self, package: str) -> None:
        """The migrated code needs this PyPI package (listed in the report)."""
        if self.file.settings.enabled(self.CODE):
            self.file.required.add(package)


class DottedNameCodemod(Codemod):
    """A codemod that rewrites dotted names (`tf.contrib.eager.Variable`, `input_data`):
    `rewrite_name(original_node, updated_node)` is called on the way up for every `Name`
    / `Attribute` that stands for a name of the program, never for the attribute part of
    an `Attribute` (`.Variable` of `tfe.Variable`) nor for a keyword argument's name.

    `claims(node)` is asked on the way down, outermost first, for each `Attribute` not
    inside a claimed one: claiming `a.b.c` means `a.b` and `a` are not offered to
    `rewrite_name` (an outer name with its own replacement wins over its prefixes).
    The default claims nothing, so every prefix is offered too, innermost first.

    Subclasses that define `visit_Attribute` / `visit_Arg` themselves must call these."""

    def __init__(self, file: "FileContext") -> None:
        super().__init__(file)
        self._inner_names: set[int] = set()

    def claims(self, node: cst.Attribute) -> bool:
        return False

    def rewrite_name(self, original_node, updated_node):
        return updated_node

    def visit_Attribute(self, node: cst.Attribute) -> None:
        inner = self._inner_names
        inner.add(id(node.attr))
        if id(node) in inner:
            inner.add(id(node.value))
        elif self.claims(node):
            value = node.value
            while isinstance(value, cst.Attribute):
                inner.add(id(value))
                value = value.value
            inner.add(id(value))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._inner_names.add(id(node.keyword))

    def visit_Import(self, node) -> bool:
        return False  # import statements name modules, not names of the program

    def visit_ImportFrom(self, node) -> bool:
        return False

    def leave_Attribute(self, original_node, updated_node):
        if id(original_node) in self._inner_names:
            return updated_node
        return self.rewrite_name(original_node, updated_node)

    def leave_Name(self, original_node, updated_node):
        if id(original_node) in self._inner_names:
            return updated_node
        return self.rewrite_name(original_node, updated_node)


@dataclass
class PendingStatement:
    code: str  # source of one or more statements
    where: str  # "top" (after docstring/__future__), "before_tf_import", "after_tf_import"
    key: str  # de-duplication key


@dataclass
class FileContext:
    """Everything the codemods running on one file share."""

    facts: Facts
    settings: Settings
    findings: list[tuple[str, cst.CSTNode | None, str, str]] = field(default_factory=list)
    required: set[str] = field(default_factory=set)
    pending: list[PendingStatement] = field(default_factory=list)
    normalize_tf_import: bool = False  # set when `import tensorflow.compat.v1 as tf` becomes `import tensorflow as tf`
    top: int = -1  # index of the module-level statement being traversed (-1: none)
    finding_tops: list[int] = field(default_factory=list)  # `top` of each finding, when recorded
    node_tops: dict[int, int] = field(default_factory=dict)  # id(original node) -> its `top`
    _starts_of: tuple = (None, None)  # (id(module), statement_lines of it), for positions_near

    def positions_near(self, module: cst.Module, lines) -> dict:
        """LibCST's PositionProvider ranges ({node: CodeRange}, same ranges, same order) of
        the nodes of the module-level statements that hold any of `lines` (1-based), for a
        codemod that maps a few ast positions to LibCST nodes. Resolving PositionProvider
        for the whole module costs ten codegens of it; a few statements cost little. The
        whole module's ranges when its statements cannot be lined up with the ast."""
        from libcst.metadata import MetadataWrapper, PositionProvider
        from libcst.metadata.position_provider import PositionProvidingCodegenState

        lines = set(lines)
        if not lines:
            return {}
        key = id(module)
        if self._starts_of[0] != key:
            self._starts_of = (key, statement_lines(module, self.facts.tree, self.facts.source))
        starts = self._starts_of[1]
        if starts is None:
            return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        provider = PositionProvider()
        ends = [*starts[1:], float("inf")]
        for stmt, first, end in zip(module.body, starts, ends):
            if any(first <= line < end for line in lines):
                stmt._codegen(PositionProvidingCodegenState(
                    default_indent=module.default_indent, default_newline=module.default_newline,
                    provider=provider, line=first, column=0,
                ))
        return provider._computed

    def record(self, code: str, node: cst.CSTNode | None, message: str, kind: str) -> None:
        self.findings.append((code, node, message, kind))
        self.finding_tops.append(self.top)

    # -- names ---------------------------------------------------------------
    def qualname(self, node: cst.CSTNode) -> str | None:
        """`tf.nn.relu` -> "tensorflow.nn.relu" through the file's aliases (None otherwise);
        the LibCST twin of prescan.qualify."""
        root, _, rest = dotted_text(node).partition(".")
        target = self.facts.aliases.get(root) if root else None
        if target is None:
            return None
        return f"{target}.{rest}" if rest else target

    def tf_root(self) -> str:
        """The local name that refers to the `tensorflow` package, importing it if needed."""
        if self.facts.tf_package_names:
            return self.facts.tf_package_names[0]
        if self.normalize_tf_import:
            for local, target in self.facts.aliases.items():
                if target == "tensorflow.compat.v1":
                    return local
        taken = set(self.facts.aliases) | _bound_names(self.facts)
        local = "tf" if "tf" not in taken else "tensorflow"
        self.add_statement(
            "import tensorflow as tf\n" if local == "tf" else "import tensorflow\n",
            where="top",
            key="import tensorflow",
        )
        self.facts.aliases[local] = "tensorflow"
        return local

    def tf_attr(self, path: str) -> cst.BaseExpression:
        """Expression for `tensorflow.<path>` written with the file's alias (`tf.random.normal`)."""
        return dotted_expr(f"{self.tf_root()}.{path}")

    def add_statement(self, code: str, where: str = "top", key: str | None = None) -> None:
        key = key or code
        if not any(p.key == key for p in self.pending):
            self.pending.append(PendingStatement(code, where, key))

    def add_import(self, module: str, name: str | None = None, asname: str | None = None) -> str:
        """Ensure `import module [as asname]` / `from module import name [as asname]`; returns the bound name."""
        qualified = f"{module}.{name}" if name else module
        # an existing binding serves only when a module-level import makes it: one inside a
        # `try` / `if` / function may never run (lazyprogrammer's `try: from scipy.misc import
        # imread except: from PIL import Image`: a helper written at the top read `Image` unbound)
        added = self.__dict__.setdefault("_added_imports", set())
        top = {(a.asname or a.name).split(".")[0] for statement in self.facts.tree.body
               if isinstance(statement, (ast.Import, ast.ImportFrom)) for a in statement.names}
        for local, target in self.facts.aliases.items():
            if target == qualified and (asname is None or local == asname) and (local in added or local.split(".")[0] in top):
                return local
        if name:
            bound = asname or name
            code = f"from {module} import {name}" + (f" as {asname}" if asname else "")
        else:
            bound = asname or module.split(".")[0]
            code = f"import {module}" + (f" as {asname}" if asname else "")
        self.add_statement(code + "\n", where="top", key=code)
        self.facts.aliases[bound] = qualified if (name or asname) else bound
        added.add(bound)
        return bound


    def use_legacy_keras(self) -> None:
        """Make the migrated file run on Keras 2 (the tf-keras package): set
        TF_USE_LEGACY_KERAS=1 before TensorFlow is first imported."""
        self.required.add("tf-keras")
        if "TF_USE_LEGACY_KERAS" in self.facts.source:
            return
        tf_lines = [i.line for i in self.facts.imports_from("tensorflow", "keras")]
        os_before = any(
            i.module == "os" and i.name is None and i.bound == "os" and i.line < min(tf_lines, default=0)
            for i in self.facts.imports
        )
        code = 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\n'
        self.add_statement(
            code if os_before else "import os\n" + code,
            where="before_tf_import",
            key="TF_USE_LEGACY_KERAS",
        )


def ast_finding(facts: Facts, node: ast.AST, code: str, message: str, kind: str = "warning") -> Finding:
    """A finding (a warning unless `kind` says "change") at an `ast` node, positioned as
    LibCST positions it: 1-based line, and the 1-based column in characters (`ast` counts
    UTF-8 bytes)."""
    line, offset = node.lineno, node.col_offset
    text = facts.line_text(line)
    if not text.isascii():
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "replace"))
    return Finding(code, line, offset + 1, message, kind)


def dotted_expr(dotted: str) -> cst.BaseExpression:
    parts = dotted.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr


def _bound_names(facts: Facts) -> set[str]:
    names = {n.id for n in facts.of_type(ast.Name) if not isinstance(n.ctx, ast.Load)}
    names.update(n.name for n in facts.of_type(ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
    names.update(a.arg for a in facts.of_type(ast.arg))
    return names


# Statements after which code is "the imports block" of a module.
def _is_import(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body
    )


def _sets_environment(stmt: cst.CSTNode) -> bool:
    """`os.environ[...] = ...` / `os.environ.setdefault(...)`: part of the import prologue
    (it must run before the imports after it)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        target = small.value.func
    elif isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Subscript):
            target = target.value
    else:
        return False
    return dotted_text(target).startswith("os.environ")


def _may_import_tensorflow(stmt: cst.CSTNode) -> bool:
    """A def or class that imports TensorFlow or Keras when called: the MNIST loader MIG504
    writes imports tensorflow.keras.datasets, and the program calls it before its own TF
    import, so a prologue placed just before that import would come too late."""
    modules = ("tensorflow", "keras", "tf_keras")
    if not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    for found in find_all(stmt, lambda node: isinstance(node, cst.SimpleStatementLine)):
        if any(_imports_module(found, m) for m in modules):
            return True
    return False


class _Collect(cst.CSTVisitor):
    def __init__(self, predicate) -> None:
        super().__init__()
        self.predicate = predicate
        self.found: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.predicate(node):
            self.found.append(node)
        return True


def find_all(root: cst.CSTNode, predicate) -> list[cst.CSTNode]:
    """Every node under `root` (itself included) for which `predicate(node)` holds, in
    visit order: what `libcst.matchers.findall` returns for the matcher the predicate
    spells out, without importing `libcst.matchers` (~0.3 s of every cold start)."""
    collect = _Collect(predicate)
    root.visit(collect)
    return collect.found


def _imports_module(stmt: cst.CSTNode, prefix: str) -> bool:
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        if isinstance(small, cst.Import):
            for alias in small.names:
                name = dotted_text(alias.name)
                if name == prefix or name.startswith(prefix + "."):
                    return True
        elif isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
            name = dotted_text(small.module)
            if name == prefix or name.startswith(prefix + "."):
                return True
    return False


def absolute_module(node: cst.ImportFrom) -> str | None:
    """"a.b" of `from a.b import x, y`; None for relative and star imports."""
    if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
        return None
    return dotted_text(node.module)


def with_aliases(node, keep: list):
    """`node` (an Import / ImportFrom) keeping only the aliases in `keep`, the last one
    without its trailing comma; the whole statement goes when none is left."""
    if not keep:
        return cst.RemoveFromParent()
    return node.with_changes(names=[*keep[:-1], keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])


def path_within(qualified: str | None, modules) -> str | None:
    """The part of a qualified name below one of `modules`: ("tensorflow.contrib.eager.metrics.Mean",
    ["tensorflow.contrib.eager"]) -> "metrics.Mean"; "" for a module itself; None outside them."""
    if not qualified:
        return None
    for module in modules:
        if qualified == module:
            return ""
        if qualified.startswith(module + "."):
            return qualified[len(module) + 1:]
    return None


def dotted_text(node: cst.BaseExpression) -> str:
    """`a.b.c` (LibCST Name/Attribute chain) -> "a.b.c"; "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = dotted_text(node.value)
        return f"{inner}.{node.attr.value}" if inner else ""
    return ""


def _is_docstring_or_future(stmt: cst.CSTNode, index: int) -> bool:
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    if index == 0 and isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    return isinstance(small, cst.ImportFrom) and dotted_text(small.module or cst.Name("")) == "__future__"


def _binds_tf_root(stmt: cst.CSTNode) -> bool:
    """`import tensorflow [as x]` / `import tensorflow.compat.v1 as x`: binds a name that
    code inserted after it can use as the TensorFlow root (`import tensorflow.python.platform`
    binds `tensorflow` too, but the root written is the file's `import tensorflow as tf` when it
    has one: Facts.tf_package_names; such an import counts only when no other binds a root)."""
    return isinstance(stmt, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import)
        and any(dotted_text(alias.name) == "tensorflow" or (dotted_text(alias.name).startswith("tensorflow.")
                                                           and alias.asname is not None) for alias in small.names)
        for small in stmt.body
    )


def _imports_tensorflow_within(stmt: cst.CSTNode) -> bool:
    """A module-level compound statement (if/try/with) with an `import tensorflow...` in
    its blocks (not inside a def or class)."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    if isinstance(stmt, cst.SimpleStatementLine):
        return _binds_tf_root(stmt) or _imports_module(stmt, "tensorflow")
    return any(_imports_tensorflow_within(child) for child in stmt.children
               if isinstance(child, (cst.BaseSuite, cst.BaseStatement, cst.ExceptHandler, cst.Else, cst.Finally, cst.If)))


def _split_after_tf_import(stmt: cst.CSTNode) -> list[cst.CSTNode]:
    """`import tensorflow as tf; tf.set_random_seed(0)` -> two lines, the import's and the
    rest (which keeps the line's comment), so set-up inserted after the import runs before
    the rest: disable_eager_execution() after a seed set eagerly leaves the graph unseeded."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return [stmt]
    small = stmt.body
    last = max((i for i, s in enumerate(small) if _imports_module(stmt.with_changes(body=[s]), "tensorflow")),
               default=len(small) - 1)
    if last == len(small) - 1:
        return [stmt]
    head = [*small[:last], small[last].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)]
    return [stmt.with_changes(body=head, trailing_whitespace=cst.TrailingWhitespace()),
            stmt.with_changes(body=small[last + 1:], leading_lines=())]


def insert_statements(module: cst.Module, pending: list[PendingStatement]) -> cst.Module:
    """Place pending statements: new imports at the end of the top import block; the
    prologue (`os.environ[...]`) before the first TensorFlow or Keras import; graph-mode
    set-up right after the statement that binds the TensorFlow root name."""
    body = list(module.body)
    # imports first: a statement placed after the TensorFlow import may need one of them
    for item in sorted(pending, key=lambda p: p.where != "top"):
        statements = list(cst.parse_module(item.code).body)
        index = None
        if item.where == "before_tf_import":
            index = next(
                (i for i, s in enumerate(body) if any(_imports_module(s, m) for m in ("tensorflow", "keras", "tf_keras"))),
                None,
            )
            if index is not None and any(_may_import_tensorflow(s) for s in body[:index]):
                index = None  # a def/class above imports TensorFlow when called: at the top instead
        elif item.where == "after_tf_import":
            index = next((i + 1 for i, s in enumerate(body) if _binds_tf_root(s)), None)
            if index is None:
                index = next((i + 1 for i, s in enumerate(body) if _imports_module(s, "tensorflow")), None)
            if index is None:  # `try: import tensorflow as tf` / `if ...:`: after that statement
                index = next((i + 1 for i, s in enumerate(body) if _imports_tensorflow_within(s)), None)
            if index is not None:
                body[index - 1:index] = _split_after_tf_import(body[index - 1])
        if index is not None and item.where == "before_tf_import" and isinstance(body[index], cst.SimpleStatementLine):
            # the blank lines / comments above the import now go above the prologue
            target = body[index]
            statements[0] = statements[0].with_changes(leading_lines=target.leading_lines)
            body[index] = target.with_changes(leading_lines=())
        if index is None:
            # "top": after the docstring, __future__ imports and the leading import block.
            index = 0
            while index < len(body) and _is_docstring_or_future(body[index], index):
                index += 1
            while index < len(body) and (_is_import(body[index]) or _sets_environment(body[index])):
                index += 1
        body[index:index] = statements
    return module.with_changes(body=body)


# -- the traversal driver -------------------------------------------------------------
# LibCST's own `node.visit(transformer)` rebuilds (and re-validates) every node of the
# module, and calls into every whitespace and punctuation node, even when nothing
# changes; on a file with a few rewrites that is most of the cost. `Combined.walk`
# visits the same nodes in the same order with the same visit/leave calls, but keeps a
# node whose children all came back unchanged (`is`) instead of rebuilding it, and does
# not descend into the token and whitespace nodes no codemod handles. The visiting order
# of each node type's fields is read, once, from LibCST's own `_visit_and_replace_children`
# (all but a handful of node types have the form `return T(field=visit_kind(self,
# "field", self.field, visitor), ...)`); the others fall back to LibCST's traversal.
_REQUIRED, _OPTIONAL, _SENTINEL, _SEQUENCE, _BODY = range(5)
_KINDS = {
    "visit_required": _REQUIRED, "visit_optional": _OPTIONAL, "visit_sentinel": _SENTINEL,
    "visit_sequence": _SEQUENCE, "visit_body_sequence": _BODY,
}
_PLANS: dict[type, tuple[tuple[str, int], ...] | None] = {}

# Nodes that hold only whitespace, comments and punctuation: no statement or expression
# can be below them.
_TOKEN_TYPES = (
    cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.EmptyLine, cst.TrailingWhitespace,
    cst.Newline, cst.Comment, cst.Semicolon, cst.Comma, cst.Dot, cst.Colon, cst.AssignEqual,
    cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.ImportStar, cst.Asynchronous,
    cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp,
)


def _concrete(bases: tuple[type, ...]) -> frozenset[type]:
    found, todo = set(), list(bases)
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return frozenset(found)


_TOKEN_SET = _concrete(_TOKEN_TYPES)  # `type(x) in _TOKEN_SET`: no slow ABC isinstance
_REMOVE = cst.RemovalSentinel.REMOVE
_DEFAULT = cst.MaybeSentinel.DEFAULT


def _plan(cls: type) -> tuple[tuple[str, int], ...] | None:
    """[(field, kind), ...] in LibCST's visiting order, or None (use LibCST's traversal)."""
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    known = _known_plans()
    plan = known[cls.__name__] if cls.__name__ in known and getattr(cst, cls.__name__, None) is cls else derive_plan(cls)
    _PLANS[cls] = plan
    return plan


@functools.lru_cache(maxsize=None)
def _known_plans() -> dict:
    """The plans of migrate/_cst_plans.py when they were derived from this LibCST version
    (reading LibCST's source costs ~2 ms a node type: too much for a cold start)."""
    from libcst._version import __version__

    from migrate import _cst_plans

    return _cst_plans.PLANS if _cst_plans.LIBCST_VERSION == __version__ else {}


_PLANS_HEADER = '''"""Generated by migrate.codemod.plans_module_text(): do not edit.

The visiting plan of every LibCST node type (see codemod.Combined.walk): its fields in the
order LibCST's `_visit_and_replace_children` visits them, each with how it is visited
(0 required, 1 optional, 2 sentinel, 3 sequence, 4 body); None: LibCST's own traversal
is used for that type. Used only when the installed LibCST is LIBCST_VERSION (otherwise
the plans are derived at run time, ~2 ms a node type). Regenerate after a LibCST upgrade:
    python -c "import migrate.codemod as c; c.write_plans_module()"
tests/test_engine.py checks the table against the installed LibCST.
"""
'''


def plans_module_text() -> str:
    from libcst._version import __version__

    rows = []
    for name in sorted(dir(cst)):
        cls = getattr(cst, name)
        if isinstance(cls, type) and issubclass(cls, cst.CSTNode) and "_visit_and_replace_children" in cls.__dict__:
            rows.append(f"    {name!r}: {derive_plan(cls)!r},")
    return _PLANS_HEADER + f"LIBCST_VERSION = {__version__!r}\nPLANS: dict = {{\n" + "\n".join(rows) + "\n}\n"


def write_plans_module() -> None:
    import os

    with open(os.path.join(os.path.dirname(__file__), "_cst_plans.py"), "w") as handle:
        handle.write(plans_module_text())


def derive_plan(cls: type) -> tuple[tuple[str, int], ...] | None:
    """Read a node type's plan from LibCST's `_visit_and_replace_children` source."""
    plan = None
    method = getattr(cls, "_visit_and_replace_children", None)
    try:
        import inspect
        import textwrap

        function = ast.parse(textwrap.dedent(inspect.getsource(method))).body[0]
        body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
        if isinstance(call, ast.Call) and not call.args and isinstance(call.func, ast.Name) and call.func.id == cls.__name__:
            steps = []
            for keyword in call.keywords:
                value = keyword.value
                if ast.unparse(value) == f"self.{keyword.arg}":
                    continue  # a plain value (a string, a flag): not visited
                if not (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                    and value.func.id in _KINDS and len(value.args) == 4
                    and isinstance(value.args[1], ast.Constant) and value.args[1].value == keyword.arg
                    and ast.unparse(value.args[2]) == f"self.{keyword.arg}"
                ):
                    raise ValueError(keyword.arg)
                steps.append((keyword.arg, _KINDS[value.func.id]))
            if {k.arg for k in call.keywords} == set(cls.__dataclass_fields__) - {"__slots__"}:
                plan = tuple(steps)
    except (OSError, TypeError, ValueError, SyntaxError, IndexError, AttributeError):
        plan = None
    return plan



# Codemods run read-only LibCST visitors of their own (`module.visit(Finder())`), and
# LibCST rebuilds every node for those too. While the codemods run, a read-only visitor
# (a `cst.CSTVisitor` without per-attribute hooks) is driven by `_scan` instead: the same
# visit/leave calls in the same order on the same nodes, nothing rebuilt, token nodes
# skipped unless the visitor handles one. Other visitors use LibCST's own traversal.
_LIBCST_VISIT = cst.CSTNode.visit


@functools.lru_cache(maxsize=256)
def _scan_tokens(cls: type) -> frozenset | None:
    """Token types `_scan` may skip for this visitor class; None: use LibCST's visit.
    Read from the class's own methods (below CSTVisitor in its MRO): a `dir()` of a
    visitor class lists ~900 names, and codemods define visitor classes per call."""
    own: set[str] = set()
    for klass in cls.__mro__:
        if klass is cst.CSTVisitor:
            break
        own.update(name for name in vars(klass) if name.startswith(("visit_", "leave_", "on_")))
    if any(name.startswith("on_") for name in own):
        return frozenset()  # generic hooks see every node, tokens included
    if any("_" in name.split("_", 1)[1] for name in own):
        return None  # visit_Call_func-style hooks need on_visit_attribute calls
    handled = {name.split("_", 1)[1] for name in own}
    return frozenset() if any(getattr(cst, name, None) in _TOKEN_SET for name in handled) else _TOKEN_SET


def _scan(node, visitor, tokens) -> None:
    cls = type(node)
    plan = _PLANS[cls] if cls in _PLANS else _plan(cls)
    if plan is None:
        _LIBCST_VISIT(node, visitor)
        return
    if visitor.on_visit(node):
        for name, kind in plan:
            value = getattr(node, name)
            if kind >= _SEQUENCE:
                for child in value:
                    if type(child) not in tokens:
                        _scan(child, visitor, tokens)
            elif value is not None and value is not _DEFAULT and type(value) not in tokens:
                _scan(value, visitor, tokens)
    visitor.on_leave(node)


def _visit(self, visitor):
    if isinstance(visitor, cst.CSTVisitor):
        tokens = _scan_tokens(type(visitor))
        if tokens is not None:
            _scan(self, visitor, tokens)
            return self  # what LibCST returns for a read-only visitor
    return _LIBCST_VISIT(self, visitor)


@contextlib.contextmanager
def _fast_readonly_visits():
    cst.CSTNode.visit = _visit
    try:
        yield
    finally:
        cst.CSTNode.visit = _LIBCST_VISIT


_BODY_FIELDS = ("body", "orelse", "handlers", "finalbody")
_COMPOUND = (
    cst.If, cst.For, cst.While, cst.With, cst.Try, cst.FunctionDef, cst.ClassDef, cst.Match,
)


@functools.lru_cache(maxsize=None)
def _handlers(cls: type, prefix: str) -> dict[str, str]:
    """{"Call": "leave_Call", ...}: the node handlers a codemod class defines itself
    (CSTTransformer's own no-op defaults are not counted)."""
    out = {}
    for name in dir(cls):
        if name.startswith(prefix) and getattr(cls, name) is not getattr(cst.CSTTransformer, name, None):
            node_type = name[len(prefix):]
            if "_" not in node_type:  # visit_Call_func style attribute hooks are not supported
                out[node_type] = name
    return out


class Combined(cst.CSTTransformer):
    """Run several codemods in one traversal, honouring `# migrate: skip` lines.

    Each node is dispatched only to the codemods that define a handler for its type
    (looked up once per node type), so a codemod costs nothing on nodes it ignores.
    """

    def __init__(self, module: cst.Module, codemods: list[Codemod], rewrite: list[bool], file: FileContext):
        super().__init__()
        self.module = module
        self.codemods = codemods
        self.rewrite = rewrite  # False: warnings only, the codemod's tree changes are dropped
        self.file = file
        self.skip_from: list[cst.CSTNode | None] = [None] * len(codemods)
        self.skipping = 0  # how many codemods are inside a subtree they asked to skip
        self.skipped_roots: set[int] = set()
        self.skip_node: cst.CSTNode | None = None
        self.has_markers = bool(file.facts.skip_lines)
        self.visitors: dict[str, list[tuple[int, object]]] = {}
        self.leavers: dict[str, list[tuple[int, object]]] = {}
        visit_names = [_handlers(type(c), "visit_") for c in codemods]
        leave_names = [_handlers(type(c), "leave_") for c in codemods]
        handled = {t for names in visit_names + leave_names for t in names}
        # token/whitespace nodes are skipped unless some codemod handles one of them
        self.skip_tokens = not any(getattr(cst, name, None) in _TOKEN_SET for name in handled)
        for node_type in handled:
            self.visitors[node_type] = [
                (i, getattr(c, visit_names[i][node_type])) for i, c in enumerate(codemods) if node_type in visit_names[i]
            ]
            self.leavers[node_type] = [
                (i, getattr(c, leave_names[i][node_type])) for i, c in enumerate(codemods) if node_type in leave_names[i]
            ]

    # `# migrate: skip` ---------------------------------------------------------
    def _mark_skips(self, node: cst.CSTNode) -> None:
        if isinstance(node, cst.SimpleStatementLine):
            if _has_marker(self.module.code_for_node(node)):
                self.skipped_roots.add(id(node))
        elif isinstance(node, _COMPOUND):
            body = getattr(node, "body", None)
            header_comment = ""
            if isinstance(body, cst.IndentedBlock) and body.header.comment is not None:
                header_comment = body.header.comment.value
            elif isinstance(body, cst.SimpleStatementSuite) and body.trailing_whitespace.comment is not None:
                header_comment = body.trailing_whitespace.comment.value
            header_parts = [
                child for name in type(node).__dataclass_fields__
                if name not in _BODY_FIELDS
                for child in _as_nodes(getattr(node, name))
            ]
            marked = _has_marker(header_comment) or any(
                _has_marker(self.module.code_for_node(child)) for child in header_parts
            )
            if marked:
                if isinstance(body, cst.SimpleStatementSuite):
                    self.skipped_roots.add(id(node))
                else:
                    self.skipped_roots.update(id(child) for child in header_parts)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.skip_node is not None:
            return True
        if self.has_markers:
            self._mark_skips(node)
            if id(node) in self.skipped_roots:
                self.skip_node = node
                return True
        for i, visit in self.visitors.get(type(node).__name__, ()):
            if self.skip_from[i] is None and visit(node) is False:
                self.skip_from[i] = node
                self.skipping += 1
        return True

    def on_leave(self, original_node, updated_node):
        if self.skip_node is not None:
            if self.skip_node is original_node:
                self.skip_node = None
            return updated_node
        result = updated_node
        for i, leave in self.leavers.get(type(original_node).__name__, ()):
            start = self.skip_from[i]
            if start is not None and start is not original_node:
                continue  # inside a subtree this codemod asked to skip
            if not isinstance(result, type(original_node)):
                break
            out = leave(original_node, result)
            if self.rewrite[i]:
                result = out
        if self.skipping:
            for i, start in enumerate(self.skip_from):
                if start is original_node:
                    self.skip_from[i] = None
                    self.skipping -= 1
        if isinstance(original_node, cst.Module) and isinstance(result, cst.Module) and self.file.pending:
            result = insert_statements(result, self.file.pending)
        return result

    # -- the traversal (see the driver notes above) -------------------------------------
    def walk(self, node):
        """Visit `node` like `node.visit(self)`, rebuilding only what changed."""
        cls = type(node)
        plan = _PLANS[cls] if cls in _PLANS else _plan(cls)
        if plan is None:
            return node.visit(self)
        updated = node
        self.file.node_tops[id(node)] = self.file.top
        if self.on_visit(node):
            changes = None
            tokens = _TOKEN_SET if self.skip_tokens else ()
            walk = self.walk
            file = self.file
            for name, kind in plan:
                value = getattr(node, name)
                if kind >= _SEQUENCE:
                    items = None
                    carried: list = []  # the comment lines above a statement removed: above the next one
                    top_level = kind == _BODY and node is self.module
                    for i, child in enumerate(value):
                        if top_level:
                            file.top = i
                        result = child if type(child) in tokens else walk(child)
                        if items is None:
                            if result is child:
                                continue
                            items = list(value[:i])
                        if result is _REMOVE:
                            if kind == _BODY:
                                carried += _comment_lines(child)
                            continue
                        flat = type(result) is cst.FlattenSentinel
                        if kind == _SEQUENCE:
                            if flat:
                                items.extend(result)
                            else:
                                items.append(result)
                        else:  # a body: an emptied statement line is dropped, as LibCST does
                            removable = child._is_removable()
                            for one in (result if flat else (result,)):
                                if removable or not one._is_removable():
                                    if carried and hasattr(one, "leading_lines"):
                                        one = one.with_changes(leading_lines=[*carried, *one.leading_lines])
                                        carried = []
                                    items.append(one)
                                else:
                                    carried += _comment_lines(one)
                    if top_level:
                        file.top = -1
                    if items is None:
                        continue
                    result = tuple(items)
                elif value is None or value is _DEFAULT or type(value) in tokens:
                    continue
                else:
                    result = walk(value)
                    if result is value:
                        continue
                    if type(result) is cst.FlattenSentinel:
                        raise TypeError(f"a {type(value).__name__} cannot be replaced with a sequence here")
                    if result is _REMOVE:
                        if kind == _REQUIRED:
                            raise TypeError(f"a {type(value).__name__} cannot be removed here")
                        result = None if kind == _OPTIONAL else _DEFAULT
                if changes is None:
                    changes = {}
                changes[name] = result
            if changes:
                updated = node.with_changes(**changes)
        result = self.on_leave(node, updated)
        if not isinstance(result, cst.CSTNode) and result is not _REMOVE and type(result) is not cst.FlattenSentinel:
            raise cst.CSTValidationError(f"Expected a node of type CSTNode or a RemovalSentinel, but got a return value of {type(result).__name__}")
        return result

    # Per-attribute hooks (visit_Call_func ...) are not used by codemods: skip them.
    def on_visit_attribute(self, node, attribute) -> None:
        return None

    def on_leave_attribute(self, original_node, attribute) -> None:
        return None


def _comment_lines(statement) -> list:
    """The leading lines of a statement removed by a codemod when a comment is among them
    (`# load mnist data set` above the import MIG5xx drops), else none."""
    lines = list(getattr(statement, "leading_lines", ()))
    return lines if any(line.comment is not None for line in lines) else []


def _as_nodes(value) -> list[cst.CSTNode]:
    if isinstance(value, cst.CSTNode):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, cst.CSTNode)]
    return []


def _has_marker(text: str) -> bool:
    from migrate.prescan import SKIP_MARKER

    return SKIP_MARKER.search(text) is not None


_NEWLINE = re.compile(r"\r\n?|\n")


class _MarkingCodegenState(CodegenState):
    """Plain code generation that notes where the syntactic part of a few chosen nodes
    starts (as an index into the token list). LibCST's PositionProvider computes a range
    for every node of the module, which costs ten times a plain codegen; a finding needs
    the start of a handful."""

    def __init__(self, module: cst.Module, targets: set[int]):
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.targets = targets
        self.marks: dict[int, int] = {}
        self.syntactic: set[int] = set()
        self.hoisted: dict[int, int] = {}  # node -> the child its syntactic start comes from

    def before_codegen(self, node) -> None:
        # whitespace-inclusive start: what nodes without a syntactic position get
        key = id(node)
        if key in self.targets:
            self.marks[key] = len(self.tokens)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        key = id(node)
        if key in self.targets and key not in self.syntactic:
            self.syntactic.add(key)
            self.marks[key] = len(self.tokens)
            if start_node is not None:
                self.hoisted[key] = id(start_node)
                self.targets.add(id(start_node))
        return contextlib.nullcontext()


def positions_of(module: cst.Module, nodes: list[cst.CSTNode]) -> dict[int, tuple[int, int]]:
    """{id(node): (line, column)} (1-based) of the syntactic start of each node."""
    return _positions_in(module, module, nodes, 1)


def _positions_in(module: cst.Module, root: cst.CSTNode, nodes, first_line: int) -> dict[int, tuple[int, int]]:
    """Positions of `nodes` inside `root`, whose code starts at column 0 of `first_line`."""
    state = _MarkingCodegenState(module, {id(n) for n in nodes})
    root._codegen(state)
    # each node's start: its own mark, or the mark of the child it hoists its start from
    wanted = {}
    for key in state.marks:
        start = key
        while start in state.hoisted and state.hoisted[start] in state.marks:
            start = state.hoisted[start]
        wanted[key] = state.marks[start]
    result: dict[int, tuple[int, int]] = {}
    line, column, consumed = first_line, 0, 0
    for key, index in sorted(wanted.items(), key=lambda item: item[1]):
        text = "".join(state.tokens[consumed:index])
        consumed = index
        parts = _NEWLINE.split(text)
        if len(parts) > 1:
            line += len(parts) - 1
            column = len(parts[-1])
        else:
            column += len(text)
        result[key] = (line, column + 1)
    return result


def statement_lines(module: cst.Module, tree: ast.Module, source: str) -> list[int] | None:
    """The line (1-based) where the code of each module-level statement of `module`
    starts (its leading blank and comment lines included), read from the `ast` of the
    same source: a LibCST statement line holds as many `ast` statements as it has small
    statements, a compound statement one. None when the two do not line up or the
    source has line endings `ast` may count differently (a lone `\r`; `\r\n` counts as
    one break for both) (the caller then generates the whole module)."""
    if "\r" in source and source.count("\r") != source.count("\r\n"):
        return None
    starts = []
    index = 0
    statements = tree.body
    for stmt in module.body:
        if index >= len(statements):
            return None
        node = statements[index]
        if isinstance(stmt, cst.SimpleStatementLine):
            index += len(stmt.body)
            first = node.lineno
        else:
            index += 1
            decorators = getattr(node, "decorator_list", None)
            first = min(d.lineno for d in decorators) if decorators else node.lineno
        starts.append(first - len(stmt.leading_lines))
    if index != len(statements) or (starts and starts[0] != len(module.header) + 1):
        return None
    if any(b <= a for a, b in zip(starts, starts[1:])):
        return None
    return starts


class _Spans:
    """The original text of each module-level statement, by `statement_lines`."""

    def __init__(self, module: cst.Module, source: str, starts: list[int]):
        # LibCST reads a source without a final newline as if it had one
        self.trailing = module.has_trailing_newline
        source = source if self.trailing else source + module.default_newline
        self.source = source
        offsets = [0]
        position = source.find("\n")
        while position != -1:
            offsets.append(position + 1)
            position = source.find("\n", position + 1)
        self.offsets = offsets  # offsets[k]: where line k+1 starts
        self.starts = starts
        body_end_line = len(offsets) - len(module.footer)  # 1-based line after the body
        self.ends = starts[1:] + [body_end_line]
        self.index = {id(stmt): i for i, stmt in enumerate(module.body)}

    def text(self, i: int) -> str:
        return self.source[self.offsets[self.starts[i] - 1] : self.offsets[self.ends[i] - 1]]


def _spliced_code(module: cst.Module, new_module: cst.Module, spans: _Spans | None) -> str:
    """`new_module.code`, with every module-level statement the traversal left
    untouched (the same object) copied from the source instead of generated again."""
    if (
        spans is None
        or not module.body
        or new_module.header is not module.header
        or new_module.footer is not module.footer
        or new_module.has_trailing_newline != module.has_trailing_newline
        or new_module.default_newline != module.default_newline
        or new_module.default_indent != module.default_indent
    ):
        return new_module.code
    kept = sum(1 for stmt in new_module.body if id(stmt) in spans.index)
    if kept * 2 < len(module.body):
        return new_module.code  # most statements changed: one codegen of the module is cheaper
    source = spans.source
    parts = [source[: spans.offsets[spans.starts[0] - 1]] if spans.starts else ""]
    for stmt in new_module.body:
        i = spans.index.get(id(stmt))
        if i is not None and module.body[i] is stmt:
            parts.append(spans.text(i))
        else:
            parts.append(new_module.code_for_node(stmt))
    parts.append(source[spans.offsets[len(spans.offsets) - len(module.footer) - 1] :])
    code = "".join(parts)
    if not spans.trailing and code.endswith(new_module.default_newline):
        code = code[: -len(new_module.default_newline)]  # as Module codegen pops it
    return code


def _finding_positions(module, file: "FileContext", spans: _Spans | None) -> dict[int, tuple[int, int]]:
    """Positions of the nodes of the findings: each module-level statement holding one
    is generated on its own (from its first line), not the whole module."""
    nodes = [(node, top) for (_, node, _, _), top in zip(file.findings, file.finding_tops) if node is not None]
    if spans is None:
        return positions_of(module, [node for node, _ in nodes])
    by_top: dict[int, list] = {}
    rest = []
    for node, top in nodes:
        if node is module:
            continue
        if top < 0:  # recorded after the traversal (in leave_Module): where was it visited?
            top = file.node_tops.get(id(node), -1)
        if 0 <= top < len(module.body):
            by_top.setdefault(top, []).append(node)
        else:
            rest.append(node)
    if len(by_top) * 2 > len(module.body):  # findings in most statements: one pass over the module
        return positions_of(module, [node for node, _ in nodes])
    positions: dict[int, tuple[int, int]] = {id(module): (1, 1)}
    for top, group in by_top.items():
        found = _positions_in(module, module.body[top], group, spans.starts[top])
        positions.update(found)
        rest.extend(node for node in group if id(node) not in found)
    if rest:  # recorded while another statement was traversed: look in the whole module
        found = positions_of(module, rest)
        for node in rest:
            if id(node) in found:
                positions[id(node)] = found[id(node)]
    return positions


def _prescan_answers(active: list[Codemod], facts: Facts, settings: Settings) -> list[Finding] | None:
    """The findings of the traversal, when every needed codemod can tell them from the
    prescan (see `Codemod.prescan_findings`); None when LibCST has to run."""
    if facts.skip_lines:
        return None  # `# migrate: skip` lines are honoured by the traversal only
    classes = [type(codemod) for codemod in active]
    if any(cls.prescan_findings.__func__ is Codemod.prescan_findings.__func__ for cls in classes):
        return None
    findings: list[Finding] = []
    for cls in classes:
        found = cls.prescan_findings(facts, settings)
        if found is None:
            return None
        findings.extend(f for f in found if settings.enabled(f.code))
    findings.sort(key=lambda f: (f.line, f.col, f.code))
    return findings


# The text-splice path (`Codemod.prescan_edits`); False forces the LibCST traversal (the
# proof that both write the same bytes: bench/splice_proof.py).
SPLICE = True


def _prescan_splice(active: list[Codemod], facts: Facts, settings: Settings) -> "Outcome | None":
    """The outcome of the traversal, built by splicing into the source the edits of every
    needed codemod that gives them (`prescan_edits`), when each other needed codemod tells
    from the ast that it rewrites nothing there (`prescan_findings`, its warnings kept);
    None when LibCST has to run (some codemod cannot tell, or two edits overlap)."""
    if facts.skip_lines:
        return None
    edits: list = []
    findings: list[Finding] = []
    giving = 0
    for codemod in active:
        cls = type(codemod)
        given = None
        if settings.enabled(cls.CODE) and cls.prescan_edits.__func__ is not Codemod.prescan_edits.__func__:
            given = cls.prescan_edits(facts, settings)
        if given is not None:
            edits.extend(given)
            giving += 1
            continue
        if cls.prescan_findings.__func__ is Codemod.prescan_findings.__func__:
            return None
        found = cls.prescan_findings(facts, settings)
        if found is None:
            return None
        findings.extend(f for f in found if settings.enabled(f.code))
    if not giving:
        return None
    # an insertion (start == end) goes before a replacement that starts at the same offset,
    # as LibCST places new statements before the statement that follows them
    edits = sorted(edits, key=lambda edit: (edit[0], edit[1]))
    source = facts.source
    parts, position = [], 0
    for start, end, text, _ in edits:
        if start < position:
            return None  # overlapping edits: not a plain splice
        parts.append(source[position:start])
        parts.append(text)
        position = end
    parts.append(source[position:])
    findings += [edit[3] for edit in edits]
    findings.sort(key=lambda f: (f.line, f.col, f.code))
    return Outcome("".join(parts), findings, set())


@dataclass
class Outcome:
    code: str  # new source (same as input when nothing changed)
    findings: list[Finding]
    required: set[str]


def run_codemods(source: str, facts: Facts, codemod_classes: list[type[Codemod]], settings: Settings) -> Outcome:
    """Parse once, run every needed codemod in one traversal, return new source and findings."""
    file = FileContext(facts, settings)
    active = []
    rewrite = []
    for cls in codemod_classes:
        may_rewrite = settings.enabled(cls.CODE)
        may_warn = any(settings.enabled(code) for code in cls.WARNINGS)
        if not (may_rewrite or may_warn):
            continue
        if not cls.needed(facts, settings):
            continue
        active.append(cls(file))
        rewrite.append(may_rewrite)
    if not active:
        return Outcome(source, [], set())
    answered = _prescan_answers(active, facts, settings)
    if answered is not None:
        return Outcome(source, answered, set())
    spliced = _prescan_splice(active, facts, settings) if SPLICE else None
    if spliced is not None:
        return spliced
    module = cst.parse_module(source)
    with _fast_readonly_visits():
        new_module = Combined(module, active, rewrite, file).walk(module)
    if new_module is _REMOVE:
        new_module = module.with_changes(body=(), header=(), footer=())
    starts = statement_lines(module, facts.tree, source)
    spans = _Spans(module, source, starts) if starts is not None else None
    findings: list[Finding] = []
    if file.findings:
        positions = _finding_positions(module, file, spans)
        for code, node, message, kind in file.findings:
            line, col = positions.get(id(node), (1, 1))
            findings.append(Finding(code, line, col, message, kind))
        findings.sort(key=lambda f: (f.line, f.col, f.code))
    required = file.required
    # Every rewrite is recorded (see the rules above), so a traversal that recorded none
    # and queued no statement changed nothing: skip generating the code again (the common
    # case of an already-migrated file that is parsed only for its warnings).
    if not file.pending and not any(kind == "change" for _, _, _, kind in file.findings):
        return Outcome(source, findings, required)
    return Outcome(_spliced_code(module, new_module, spans), findings, required)
