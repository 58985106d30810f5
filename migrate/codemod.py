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

    def record(self, code: str, node: cst.CSTNode | None, message: str, kind: str) -> None:
        self.findings.append((code, node, message, kind))

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
        for local, target in self.facts.aliases.items():
            if target == "tensorflow":
                return local
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
        for local, target in self.facts.aliases.items():
            if target == qualified and (asname is None or local == asname):
                return local
        if name:
            bound = asname or name
            code = f"from {module} import {name}" + (f" as {asname}" if asname else "")
        else:
            bound = asname or module.split(".")[0]
            code = f"import {module}" + (f" as {asname}" if asname else "")
        self.add_statement(code + "\n", where="top", key=code)
        self.facts.aliases[bound] = qualified if (name or asname) else bound
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
    code inserted after it can use as the TensorFlow root."""
    return isinstance(stmt, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import)
        and any(dotted_text(alias.name).split(".")[0] == "tensorflow" for alias in small.names)
        for small in stmt.body
    )


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
                (i for i, s in enumerate(body) if _imports_module(s, "tensorflow") or _imports_module(s, "keras")),
                None,
            )
        elif item.where == "after_tf_import":
            index = next((i + 1 for i, s in enumerate(body) if _binds_tf_root(s)), None)
            if index is None:
                index = next((i + 1 for i, s in enumerate(body) if _imports_module(s, "tensorflow")), None)
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
        for node_type in {t for names in visit_names + leave_names for t in names}:
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

    # Per-attribute hooks (visit_Call_func ...) are not used by codemods: skip them.
    def on_visit_attribute(self, node, attribute) -> None:
        return None

    def on_leave_attribute(self, original_node, attribute) -> None:
        return None


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
    state = _MarkingCodegenState(module, {id(n) for n in nodes})
    module._codegen(state)
    # each node's start: its own mark, or the mark of the child it hoists its start from
    wanted = {}
    for key in state.marks:
        start = key
        while start in state.hoisted and state.hoisted[start] in state.marks:
            start = state.hoisted[start]
        wanted[key] = state.marks[start]
    result: dict[int, tuple[int, int]] = {}
    line, column, consumed = 1, 0, 0
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
    module = cst.parse_module(source)
    new_module = module.visit(Combined(module, active, rewrite, file))
    findings: list[Finding] = []
    if file.findings:
        positions = positions_of(module, [node for _, node, _, _ in file.findings if node is not None])
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
    return Outcome(new_module.code, findings, required)
