"""TensorFlow names a module receives through `from other_module import *`.

`from rivalgan.utils import *` binds every public module-level name of rivalgan/utils.py,
its `import tensorflow as tf` included (rivalgan 0.4's pipeline.py calls `tf.Session()` with
no TensorFlow import of its own). Python's rule: a star import binds the names listed in
the module's `__all__`, else every module-level name not starting with `_`
(https://docs.python.org/3/reference/simple_stmts.html#the-import-statement).

The imported module is found on disk next to the importing file (the same package, or a
parent folder holding the top package), read and parsed with `ast` only — never imported.
Never imports TensorFlow.
"""
from __future__ import annotations

import ast
import os

MAX_PARENTS = 6  # folders walked up from the importing file to find the top package
MAX_DEPTH = 3  # star imports followed through this many modules


def star_imported_aliases(path: str, text: str) -> dict[str, str] | None:
    """{local name: qualified tensorflow/keras name} that `path`'s star imports bind at module
    level, or None when it has none (cheap: a substring test first)."""
    if "import *" not in text and "import*" not in text:
        return None
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    aliases = _from_star_imports(tree, os.path.abspath(path), MAX_DEPTH, set())
    # only the names this file uses: a file that star-imports a module and never touches its
    # `tf` stays a file without TensorFlow
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    aliases = {local: target for local, target in aliases.items() if local in used}
    return aliases or None


def _from_star_imports(tree: ast.Module, path: str, depth: int, seen: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in _module_level(tree):
        if isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["*"]:
            target = _resolve(path, node.module, node.level)
            if target is None or target in seen:
                continue
            seen.add(target)
            found.update(_exported_aliases(target, depth - 1, seen))
    return found


def _module_level(tree: ast.Module):
    """Statements that run at import: the body, and the bodies of top-level if/try blocks."""
    stack = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            blocks = [node.body, node.orelse] + ([h.body for h in node.handlers] + [node.finalbody]
                                                  if isinstance(node, ast.Try) else [])
            for block in reversed(blocks):
                stack.extend(reversed(block))


def _resolve(path: str, module: str | None, level: int) -> str | None:
    """The file of `module` as imported from `path` (absolute: searched from the file's folder
    upwards; relative: from its package)."""
    parts = module.split(".") if module else []
    folder = os.path.dirname(path)
    if level:
        for _ in range(level - 1):
            folder = os.path.dirname(folder)
        candidates = [folder]
    else:
        candidates = []
        for _ in range(MAX_PARENTS):
            candidates.append(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    for base in candidates:
        stem = os.path.join(base, *parts)
        for name in (stem + ".py", os.path.join(stem, "__init__.py")):
            if parts and os.path.isfile(name):
                return os.path.abspath(name)
    return None


def _exported_aliases(path: str, depth: int, seen: set[str]) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return {}
    bound: dict[str, set[str]] = {}
    public: set[str] | None = None
    for node in _module_level(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                bound.setdefault(local, set()).add(alias.name if alias.asname else local)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            for alias in node.names:
                if alias.name != "*":
                    bound.setdefault(alias.asname or alias.name, set()).add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                public = set(ast.literal_eval(node.value))
            except ValueError:
                public = set()  # computed __all__: nothing can be said
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.ClassDef)):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            names = [t.id for t in targets if isinstance(t, ast.Name)] or [getattr(node, "name", None)]
            for name in names:
                if name:
                    bound.setdefault(name, set()).add("")  # rebound by other code: ambiguous
    found = _from_star_imports(tree, path, depth, seen) if depth > 0 else {}
    for local, targets in bound.items():
        if len(targets) != 1 or local.startswith("_"):
            found.pop(local, None)
            continue
        target = next(iter(targets))
        if target in ("tensorflow", "keras") or target.startswith(("tensorflow.", "keras.")):
            found[local] = target
    if public is not None:
        found = {local: target for local, target in found.items() if local in public}
    return found
