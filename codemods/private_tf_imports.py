"""MIG501: private `tensorflow.python.*` imports of public functions -> their public names."""
from __future__ import annotations

import ast
import json
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrate.codemod import DottedNameCodemod, absolute_module, ast_finding, dotted_text, with_aliases

TABLES = Path(__file__).resolve().parent / "tables"
PREFIX = "tensorflow.python."
# Keras owns tensorflow.python.keras (MIG201); nothing else is excluded.
NOT_OURS = ("tensorflow.python.keras",)
# Op and framework modules: a name TF 2.21 no longer defines there (control_flow_ops.cond
# moved to cond.py) falls back to the TF 1.x top-level name of the same spelling.
FALLBACK_MODULES = ("tensorflow.python.ops.", "tensorflow.python.framework.")
# Private modules TF 2 moved (same functions, new place): the import follows them.
# TF 1.x's training/training_ops.py was `from tensorflow.python.training.gen_training_ops import *`.
MOVED_MODULES = {
    "tensorflow.python.training.training_ops": "tensorflow.python.ops.gen_training_ops",
}
# Private functions TF 1.x exported under another name, and TF 2 later deleted under the
# private one: TF 1.15's nest.py exported `is_sequence` as `tf.nest.is_nested` (its body is
# `return is_sequence(seq)`); TF 2.21's nest.py has no `is_sequence` (tflearn imports it).
RENAMED_PRIVATE = {
    "tensorflow.python.util.nest.is_sequence": "nest.is_nested",
}


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    """(private module -> {name: TF 1.x public path}, TF 1.x top-level names), loaded once."""
    private = json.loads((TABLES / "tf_private_names.json").read_text())["modules"]
    renames = json.loads((TABLES / "tf_renames.json").read_text())
    top = set()
    for key in ("same", "v1_only"):
        top.update(p for p in renames[key] if "." not in p)
    for key in ("alias", "equivalent"):
        top.update(p for p in renames[key] if "." not in p)
    return private, frozenset(top)


def public_path(qualified: str) -> str | None:
    """"tensorflow.python.ops.math_ops.reduce_sum" -> "reduce_sum" (the TF 1.x public path
    of that private name), None when it has none."""
    if not qualified.startswith(PREFIX) or qualified.startswith(NOT_OURS):
        return None
    module, _, name = qualified.rpartition(".")
    private, top = tables()
    found = private.get(module, {}).get(name) or RENAMED_PRIVATE.get(qualified)
    if found is None and module.startswith(FALLBACK_MODULES) and name in top and not name.startswith("_"):
        found = name
    return found


class PrivateTfImports(DottedNameCodemod):
    """Uses of TensorFlow's private modules for public functions become the public names;
    the import goes when nothing else uses it. The public path is TF 1.x's (from
    tf_export's metadata, codemods/tables/tf_private_names.json); MIG101/MIG102 then move
    it to TF 2 like any other TF 1.x name.

    Before::

        from tensorflow.python.ops import math_ops, state_ops
        y = math_ops.reduce_sum(x, keep_dims=True)

    After::

        import tensorflow as tf
        y = tf.reduce_sum(x, keep_dims=True)      # then MIG101/102: keepdims=True
    """

    CODE = "MIG501"
    TITLE = "private tensorflow.python.* imports of public functions -> public TensorFlow names"
    WARNINGS = {"MIG511": "a private tensorflow.python name with no public TensorFlow name"}

    @classmethod
    def needed(cls, facts, settings):
        if "tensorflow.python" not in facts.source:
            return False
        return any(
            imp.qualified.startswith(PREFIX) and not imp.qualified.startswith(NOT_OURS) for imp in facts.imports
        )

    @classmethod
    def prescan_findings(cls, facts, settings):
        """The MIG511 warnings of the imports a file keeps, read from the ast, when no use
        has a public name and no import goes or moves (issue 8: an already-migrated file
        keeping private imports is not parsed again); None otherwise."""
        aliases = facts.aliases
        if facts.of_type(ast.Match) or any(
            name in aliases for node in facts.of_type(ast.Global, ast.Nonlocal) for name in node.names
        ):
            return None
        for qualified in facts.names:
            if qualified.startswith(PREFIX):
                parts = qualified.split(".")
                if any(public_path(".".join(parts[:end])) is not None for end in range(3, len(parts) + 1)):
                    return None  # a use that becomes public
        bindings = {
            local: target for local, target in aliases.items()
            if target.startswith(PREFIX) and not target.startswith(NOT_OURS)
        }
        kept = _kept_bindings(facts, bindings)
        warned: set[str] = set()
        found = []
        imports = sorted(facts.of_type(ast.Import, ast.ImportFrom), key=lambda n: (n.lineno, n.col_offset))
        for node in imports:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.name
                    if not name.startswith(PREFIX) or name.startswith(NOT_OURS) or alias.asname is None:
                        continue
                    bound = alias.asname
                    if not facts.uses(name) or bound in kept or bindings.get(bound) != name or not cls._has_public_member(name):
                        if bound in kept and bound not in warned:
                            warned.add(bound)
                            found.append(ast_finding(facts, node, "MIG511", _kept_message(facts, name)))
                    else:
                        return None  # the import goes
                continue
            module = node.module or ""
            if node.level or not module.startswith("tensorflow.python") or module.startswith(NOT_OURS):
                continue
            if [alias.name for alias in node.names] == ["*"]:
                continue
            if module in MOVED_MODULES or any(f"{module}.{alias.name}" in MOVED_MODULES for alias in node.names):
                return None
            for alias in node.names:
                bound = alias.asname or alias.name
                target = f"{module}.{alias.name}"
                if not facts.uses(target):
                    continue
                if bound in kept or bindings.get(bound) != target:
                    if bound in kept and bound not in warned:
                        warned.add(bound)
                        found.append(ast_finding(facts, node, "MIG511", _kept_message(facts, target)))
                elif public_path(target) is None and not cls._has_public_member(target):
                    if bound not in warned:
                        warned.add(bound)
                        found.append(ast_finding(facts, node, "MIG511", _kept_message(facts, target)))
                else:
                    return None  # the name goes from the import
        return found

    def __init__(self, file):
        super().__init__(file)
        facts = file.facts
        # local names bound to private TF modules/names by an import, and which of them
        # have a use that cannot become public (those imports stay)
        self.private_bindings = {
            local: target for local, target in facts.aliases.items()
            if target.startswith(PREFIX) and not target.startswith(NOT_OURS)
        }
        self.kept: set[str] = _kept_bindings(facts, self.private_bindings)
        self._warned: set[str] = set()


    # -- uses ------------------------------------------------------------------
    def claims(self, node: cst.Attribute) -> bool:
        # an outer chain that has a public name wins over its prefixes (`a.b.c` before `a.b`)
        qualified = self.qualname(node)
        return bool(qualified) and public_path(qualified) is not None

    def rewrite_name(self, original_node, updated_node):
        qualified = self.qualname(original_node)
        if not qualified or not qualified.startswith(PREFIX):
            return updated_node
        path = public_path(qualified)
        if path is None:
            return updated_node
        self.changed(original_node, f"{qualified} (private) -> tf.{path}")
        return self.file.tf_attr(path)

    # -- imports -------------------------------------------------------------------
    def leave_ImportFrom(self, original_node, updated_node):
        module = absolute_module(original_node)
        if module is None:
            return updated_node
        if not module.startswith("tensorflow.python") or module.startswith(NOT_OURS):
            return updated_node
        keep = []
        for alias in updated_node.names:
            bound = dotted_text(alias.asname.name) if alias.asname else dotted_text(alias.name)
            target = f"{module}.{dotted_text(alias.name)}"
            used = self.file.facts.uses(target)
            if not used:
                keep.append(alias)  # an unused import is not ours to remove
            elif bound in self.kept or self.private_bindings.get(bound) != target:
                keep.append(alias)
                if used and bound in self.kept and bound not in self._warned:
                    self._warned.add(bound)
                    self.warn(original_node, "MIG511", self._kept_message(target))
            elif public_path(target) is None and not self._has_public_member(target):
                keep.append(alias)
                if bound not in self._warned:
                    self._warned.add(bound)
                    self.warn(original_node, "MIG511", self._kept_message(target))
        if len(keep) == len(updated_node.names):
            return self._follow_moves(original_node, updated_node, module)
        self.changed(original_node, f"private import from {module} removed (uses now public)")
        kept = with_aliases(updated_node, keep)
        return kept if not keep else self._follow_moves(original_node, kept, module)

    def _follow_moves(self, original_node, node: cst.ImportFrom, module: str) -> cst.ImportFrom:
        """`from tensorflow.python.training import training_ops` -> `from tensorflow.python.ops
        import gen_training_ops as training_ops` (and `from <moved module> import x`)."""
        if module in MOVED_MODULES:
            new = MOVED_MODULES[module]
            self.changed(original_node, f"{module} moved to {new} in TF 2")
            return node.with_changes(module=_dotted_node(new))
        names = []
        moved_to = None
        for alias in node.names:
            target = f"{module}.{dotted_text(alias.name)}"
            if target in MOVED_MODULES:
                parent, _, leaf = MOVED_MODULES[target].rpartition(".")
                if moved_to not in (None, parent):
                    return node  # two moves to different parents in one line: leave it
                moved_to = parent
                bound = alias.asname.name if alias.asname else alias.name
                alias = alias.with_changes(name=cst.Name(leaf), asname=cst.AsName(name=cst.Name(dotted_text(bound))))
            elif moved_to is not None or any(f"{module}.{dotted_text(a.name)}" in MOVED_MODULES for a in node.names):
                return node  # a moved and a staying name share the line: leave it
            names.append(alias)
        if moved_to is None:
            return node
        self.changed(original_node, f"{module}: the private module moved to {moved_to} in TF 2")
        return node.with_changes(module=_dotted_node(moved_to), names=names)

    def leave_Import(self, original_node, updated_node):
        keep = []
        for alias in updated_node.names:
            name = dotted_text(alias.name)
            if not name.startswith(PREFIX) or name.startswith(NOT_OURS) or alias.asname is None:
                keep.append(alias)  # `import tensorflow.python.x` binds `tensorflow` itself: keep it
                continue
            bound = dotted_text(alias.asname.name)
            if not self.file.facts.uses(name) or bound in self.kept or self.private_bindings.get(bound) != name or not self._has_public_member(name):
                keep.append(alias)
                if bound in self.kept and bound not in self._warned:
                    self._warned.add(bound)
                    self.warn(original_node, "MIG511", self._kept_message(name))
        if len(keep) == len(updated_node.names):
            return updated_node
        self.changed(original_node, "private tensorflow.python import removed (uses now public)")
        return with_aliases(updated_node, keep)

    @staticmethod
    def _has_public_member(module: str) -> bool:
        private, _ = tables()
        return module in private or module.startswith(FALLBACK_MODULES)

    def _kept_message(self, target: str) -> str:
        return _kept_message(self.file.facts, target)


def _resolvable(qualified: str, target: str) -> bool:
    """Some prefix of `qualified` below the imported target has a public name."""
    parts = qualified.split(".")
    depth = target.count(".") + 1
    for end in range(max(depth, 3), len(parts) + 1):
        if public_path(".".join(parts[:end])) is not None:
            return True
    return False


def _kept_bindings(facts, bindings: dict[str, str]) -> set[str]:
    """Local names bound to private TF modules/names with a use that cannot become public
    (those imports stay)."""
    kept = set()
    for qualified in facts.names:
        for local, target in bindings.items():
            if qualified == target or qualified.startswith(target + "."):
                if not _resolvable(qualified, target):
                    kept.add(local)
    return kept


def _kept_message(facts, target: str) -> str:
    unresolved = sorted(
        q for q in facts.names
        if (q == target or q.startswith(target + ".")) and not _resolvable(q, target)
    )
    names = ", ".join(q[len(target) + 1:] or target.rsplit(".", 1)[-1] for q in unresolved[:4])
    return (
        f"{target} is private TensorFlow API with no public name for {names or 'this use'}: "
        "it may change or vanish in any release; use a public tf.* function instead"
    )


def _dotted_node(dotted: str) -> cst.Attribute | cst.Name:
    parts = dotted.split(".")
    node: cst.Attribute | cst.Name = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node
