"""Cheap facts about a source file, gathered with `ast` before any LibCST work.

The prescan answers two questions fast: which names does this file bind to
TensorFlow / Keras modules (a light import tracker, not scope analysis), and which
qualified names does it use where.  Codemods decide from these facts whether they have
anything to do; a file no codemod needs is never parsed by LibCST.  That is what keeps
`migrate code --check` on an already-migrated tree close to `ast` speed.
"""
from __future__ import annotations

import ast
import re
from collections import deque
from dataclasses import dataclass, field

# Byte prefilter: a file that never mentions either word cannot need a TF migration.
MENTION = re.compile(rb"tensorflow|keras")
SKIP_MARKER = re.compile(r"#\s*migrate:\s*skip\b")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def mentions_tensorflow(data: bytes) -> bool:
    return MENTION.search(data) is not None


@dataclass(frozen=True)
class ImportFact:
    """One imported name: `import a.b as c` -> module="a.b", name=None, bound="c"."""

    module: str
    name: str | None
    bound: str
    line: int
    col: int

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.name}" if self.name else self.module


@dataclass
class Facts:
    source: str
    tree: ast.Module
    # local name -> qualified name it is bound to by an import ("tf" -> "tensorflow")
    aliases: dict[str, str]
    # qualified dotted name of every maximal Name/Attribute chain rooted at an alias
    # -> [(line, col), ...]
    names: dict[str, list[tuple[int, int]]]
    # every attribute identifier used anywhere (`x.fit_generator` -> "fit_generator")
    attributes: set[str]
    imports: list[ImportFact]
    skip_lines: set[int] = field(default_factory=set)
    # every ast node by type (but the expression contexts Load/Store/Del), from the
    # prescan's single walk: codemods' `needed` checks use `of_type` instead of walking
    # the tree again
    by_type: dict[type, list[ast.AST]] = field(default_factory=dict)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line (line breaks as the tokenizer counts them)."""
        lines = self.__dict__.get("_lines")
        if lines is None:
            lines = self.__dict__["_lines"] = _LINE_BREAK.split(self.source)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def line_starts(self) -> list[int]:
        """Offset in `source` where each line starts (index 0: line 1), by `\\n` (callers
        reject sources with a lone `\\r`); a last entry past the final line break when
        the source ends with one. Computed once per Facts."""
        starts = self.__dict__.get("_line_starts")
        if starts is None:
            starts = self.__dict__["_line_starts"] = [0] + [m.end() for m in re.finditer("\n", self.source)]
        return starts

    def of_type(self, *kinds: type) -> list[ast.AST]:
        """All nodes of these ast types, in walk order per type (no second tree walk)."""
        if len(kinds) == 1:
            return self.by_type.get(kinds[0], [])
        return [node for kind in kinds for node in self.by_type.get(kind, [])]

    def walk(self) -> list[ast.AST]:
        """Every node of the tree in `ast.walk(tree)` order (but the expression contexts
        Load/Store/Del, as in `of_type`), walked once per Facts: a
        `needed` check that looks at several node types iterates this list instead of
        walking the tree again (`of_type` when it looks at one type). Do not modify it."""
        nodes = self.__dict__.get("_nodes")
        if nodes is None:
            self._walk_once()
            nodes = self.__dict__["_nodes"]
        return nodes

    def parents(self) -> dict[int, ast.AST]:
        """{id(node): its parent node} for every node but the module. Do not modify it."""
        parents = self.__dict__.get("_parents")
        if parents is None:
            self._walk_once()
            parents = self.__dict__["_parents"]
        return parents

    def _walk_once(self) -> None:
        nodes: list[ast.AST] = []
        parents: dict[int, ast.AST] = {}
        todo = deque([self.tree])
        pop, push, add, AST, table = todo.popleft, todo.append, nodes.append, ast.AST, _FIELDS
        while todo:
            node = pop()
            add(node)
            kind = type(node)
            fields = table.get(kind)
            for name in _fields(kind) if fields is None else fields:
                value = getattr(node, name, None)
                if isinstance(value, AST):
                    push(value)
                    parents[id(value)] = node
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, AST):
                            push(item)
                            parents[id(item)] = node
        self.__dict__["_nodes"] = nodes
        self.__dict__["_parents"] = parents

    def uses(self, *prefixes: str) -> bool:
        """True if some used name equals one of `prefixes` or lies below it."""
        for name in self.names:
            for prefix in prefixes:
                if name == prefix or name.startswith(prefix + "."):
                    return True
        return False

    def used_names(self, *prefixes: str) -> list[str]:
        return [
            name
            for name in self.names
            if any(name == p or name.startswith(p + ".") for p in prefixes)
        ]

    def imports_from(self, *prefixes: str) -> list[ImportFact]:
        return [
            imp
            for imp in self.imports
            if any(imp.module == p or imp.module.startswith(p + ".") for p in prefixes)
        ]

    def tf_symbols(self) -> dict[str, list[tuple[int, int]]]:
        """Used TensorFlow names as v1 API paths: `tf.compat.v1.nn.x` and `tf.nn.x` -> "nn.x".
        Computed once per Facts (most codemods' `needed` asks): do not modify the result."""
        cached = self.__dict__.get("_tf_symbols")
        if cached is not None:
            return cached
        out: dict[str, list[tuple[int, int]]] = {}
        self.__dict__["_tf_symbols"] = out
        for name, where in self.names.items():
            symbol = tf_symbol(name)
            if symbol is not None:
                out.setdefault(symbol, []).extend(where)
        return out

    def tf_symbol_of(self, node: ast.AST) -> str | None:
        """The v1 API path of a TensorFlow name in the ast (`tf.nn.relu` -> "nn.relu")."""
        qualified = qualify(node, self.aliases)
        return tf_symbol(qualified) if qualified else None

    @property
    def tf_package_names(self) -> list[str]:
        """Local names bound to the tensorflow package, the file's spelling first: a name given
        by `import tensorflow as tf` before the `tensorflow` that `import tensorflow.python.platform`
        (or any submodule import) binds too."""
        names = [local for local, target in self.aliases.items() if target == "tensorflow"]
        return sorted(names, key=lambda local: local == "tensorflow")

    @property
    def tf_aliases(self) -> list[str]:
        """Local names bound to the tensorflow package or its compat.v1 module."""
        return [
            local
            for local, target in self.aliases.items()
            if target in ("tensorflow", "tensorflow.compat.v1")
        ]


def tf_symbol(qualified: str) -> str | None:
    """"tensorflow.compat.v1.nn.dropout" / "tensorflow.nn.dropout" -> "nn.dropout"."""
    if qualified.startswith("tensorflow.compat.v1."):
        return qualified[len("tensorflow.compat.v1.") :]
    if qualified.startswith("tensorflow.") and not qualified.startswith(
        ("tensorflow.compat.v2.", "tensorflow.python.")
    ):
        return qualified[len("tensorflow.") :]
    return None


def dotted_name(node: ast.AST) -> str | None:
    """`a.b.c` (ast Name/Attribute chain) -> "a.b.c"; None for anything else."""
    dotted = _dotted(node)
    return dotted[0] if dotted else None


def qualify(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """`tf.nn.relu` with {"tf": "tensorflow"} -> "tensorflow.nn.relu"; None when the chain
    is not names only or its root is not an imported name."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    root, _, rest = dotted.partition(".")
    target = aliases.get(root)
    if target is None:
        return None
    return f"{target}.{rest}" if rest else target


def _dotted(node: ast.AST) -> tuple[str, list[ast.AST]] | None:
    """`a.b.c` -> ("a.b.c", [inner nodes]); None when the chain is not names only."""
    parts = []
    inner = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
        inner.append(node)
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts)), inner


# The child fields of each node type, without `ctx`: the expression contexts (Load, Store,
# Del: one shared instance per kind, under every Name/Attribute/Subscript) are a third of
# a module's nodes and no question the codemods ask is about them.
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    fields = _FIELDS[kind] = tuple(name for name in kind._fields if name != "ctx")
    return fields


def _walk(tree: ast.AST):
    """`ast.walk` (same nodes, same breadth-first order) without the expression contexts
    (`Load`/`Store`/`Del`), and without a generator per node."""
    todo = deque([tree])
    pop, push, AST, table = todo.popleft, todo.append, ast.AST, _FIELDS
    while todo:
        node = pop()
        kind = type(node)
        fields = table.get(kind)
        for name in _fields(kind) if fields is None else fields:
            value = getattr(node, name, None)
            if isinstance(value, AST):
                push(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        push(item)
        yield node


def prescan(source: str, tree: ast.Module | None = None, outer_aliases: dict[str, str] | None = None) -> Facts:
    """Gather facts from `source` (raises SyntaxError when it does not parse).

    `outer_aliases` are names imported elsewhere that this code sees (a notebook's
    other cells); they apply where this code does not bind the name itself.
    """
    if tree is None:
        tree = ast.parse(source)
    imports: list[ImportFact] = []
    bound_by_import: dict[str, set[str]] = {}
    rebound: set[str] = set()
    chains: list[tuple[str, int, int]] = []
    attributes: set[str] = set()
    consumed: set[int] = set()

    by_type: dict[type, list[ast.AST]] = {}
    for node in _walk(tree):
        kind = type(node)
        try:
            by_type[kind].append(node)
        except KeyError:
            by_type[kind] = [node]
        if kind is ast.Attribute:
            attributes.add(node.attr)
            if id(node) in consumed:
                continue
            dotted = _dotted(node)
            if dotted is not None:
                name, inner = dotted
                consumed.update(map(id, inner))
                chains.append((name, node.lineno, node.col_offset))
        elif kind is ast.Name:
            if id(node) in consumed:
                continue
            if type(node.ctx) is ast.Load:
                chains.append((node.id, node.lineno, node.col_offset))
            else:
                rebound.add(node.id)
        elif kind is ast.Import:
            for alias in node.names:
                if alias.asname:
                    fact = ImportFact(alias.name, None, alias.asname, node.lineno, node.col_offset)
                    bound_by_import.setdefault(alias.asname, set()).add(alias.name)
                else:
                    root = alias.name.split(".")[0]
                    fact = ImportFact(alias.name, None, root, node.lineno, node.col_offset)
                    bound_by_import.setdefault(root, set()).add(root)
                imports.append(fact)
        elif kind is ast.ImportFrom:
            if node.level or not node.module:
                continue
            for alias in node.names:
                if alias.name == "*":
                    continue
                bound = alias.asname or alias.name
                imports.append(ImportFact(node.module, alias.name, bound, node.lineno, node.col_offset))
                bound_by_import.setdefault(bound, set()).add(f"{node.module}.{alias.name}")
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                if arg is not None:
                    rebound.add(arg.arg)
            if kind is not ast.Lambda:
                rebound.add(node.name)
        elif kind is ast.ClassDef:
            rebound.add(node.name)
        elif kind is ast.ExceptHandler and node.name:
            rebound.add(node.name)

    # A name bound to two different modules, or rebound by assignment, is ambiguous:
    # leave it alone rather than guess (a variable named `tf` is never touched).
    aliases = {
        local: next(iter(targets))
        for local, targets in bound_by_import.items()
        if len(targets) == 1 and local not in rebound
    }
    for local, target in (outer_aliases or {}).items():
        if local not in bound_by_import and local not in rebound:
            aliases[local] = target
    names: dict[str, list[tuple[int, int]]] = {}
    for dotted, line, col in chains:
        root, _, rest = dotted.partition(".")
        target = aliases.get(root)
        if target is None:
            continue
        qualified = f"{target}.{rest}" if rest else target
        names.setdefault(qualified, []).append((line, col))

    skip_lines: set[int] = set()
    if "migrate:" in source:
        for match in SKIP_MARKER.finditer(source):
            skip_lines.add(source.count("\n", 0, match.start()) + 1)

    return Facts(source, tree, aliases, names, attributes, imports, skip_lines, by_type)
