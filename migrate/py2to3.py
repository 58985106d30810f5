"""Python 2 source -> Python 3, for files and notebook cells that parse only as Python 2.

TensorFlow 2.21 runs only on Python 3, and much TF1-era code is Python 2 (`print x`,
`except E, e`, `xrange`, `dict.iteritems()`, `unicode`, backticks, `<>`, `0777`). The
syntax work is done by fissix (the maintained successor of lib2to3, the engine of 2to3):
its default fixers, i.e. every fixer 2to3 runs without `-f`, minus `fix_import` (it
decides implicit relative imports by looking for sibling files on disk, and a source
string has no folder; such imports are left as written). The fixers keep Python 2
meaning where it differs: `d.keys()` becomes `list(d.keys())`, `map(f, x)` becomes
`list(map(f, x))`, `print("a", "b")` (a tuple in Python 2) becomes `print(("a", "b"))`.

One rewrite beyond fissix's, exact by Python 2's own rules: `range(a / b)` → `range(a // b)`
(also a `/` reached from a range argument through arithmetic, or through a name bound once in
the scope the argument's name resolves to): Python 2's range refused a float, so a program that
ran divided ints there, which Python 2 floored.

What a fixer cannot know is left to a human, with a warning:
- MIG321: `a / b` (and `/=`) in a Python 2 module without `from __future__ import
  division`, unless an operand is a float literal or a `float(...)` call: Python 2
  floor-divided two ints, Python 3 does not. Write `//` where both are ints.

Only code that fails `ast.parse` (Python 3) and that fissix parses (Python 2 grammar) is
ported; code that parses as neither is left byte for byte (the caller reports the
Python 3 syntax error as before). Imported lazily: files that parse as Python 3 never load
fissix.
"""
from __future__ import annotations

import ast
import difflib
import functools
from dataclasses import dataclass, field

CODE = "MIG302"
TITLE = "Python 2 source -> Python 3 (fissix fixers: print, except, xrange, iteritems, unicode, ...)"
WARNINGS = {"MIG321": "`/` on operands that may both be ints: floor division in Python 2, true division in Python 3"}
# fixers 2to3 runs only on request (style or not exact) and the one that needs the file's folder
SKIPPED_FIXERS = {"fix_buffer", "fix_idioms", "fix_set_literal", "fix_ws_comma", "fix_import"}


@dataclass
class Port:
    code: str  # the Python 3 source
    tree: ast.Module
    changed_lines: list[int] = field(default_factory=list)  # 1-based lines of the input that changed
    true_division: bool = False  # `from __future__ import division` was in force


@functools.lru_cache(maxsize=1)
def _tool():
    from fissix import refactor

    names = [
        name for name in refactor.get_fixers_from_package("fissix.fixes")
        if name.rsplit(".", 1)[-1] not in SKIPPED_FIXERS
    ]
    return refactor.RefactoringTool(names)


def port(text: str, settings=None) -> Port | None:
    """Python 3 source for `text` (which does not parse as Python 3), or None when it does
    not parse as Python 2 either, the port would not parse, or MIG302 is not selected
    (then nothing changes and the caller reports the Python 3 syntax error)."""
    if settings is not None and not settings.enabled(CODE):
        return None
    try:
        from fissix.pgen2.parse import ParseError
        from fissix.pgen2.tokenize import TokenError
    except ImportError:  # fissix missing: behave as before this module existed
        return None
    code = _fissix(text, ParseError, TokenError)
    try:
        module = ast.parse(code) if code is not None else None
    except TabError:
        module = None
    except SyntaxError:
        return None
    if module is None:
        # Python 2 read a tab in indentation as "to the next multiple of 8"; Python 3
        # refuses tabs and spaces mixed. Expand them as Python 2 did and try again.
        expanded = _expand_indentation_tabs(text)
        if expanded is None or expanded == text:
            return None
        code = _fissix(expanded, ParseError, TokenError)
        try:
            module = ast.parse(code) if code is not None else None
        except SyntaxError:
            return None
        if module is None:
            return None
    future_division = "division" in _future_features(text)
    if not future_division:
        code, module = _range_floor_divisions(code, module)
    changed = []
    matcher = difflib.SequenceMatcher(None, text.splitlines(), code.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.extend(range(i1 + 1, max(i2, i1 + 1) + 1))
    return Port(code, module, changed, future_division)


ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def _own_nodes(scope: ast.AST):
    """The nodes of a module or function body, not those of the functions, lambdas and classes
    inside it (their own scopes)."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _functions_defined(node: ast.AST):
    """The function itself, or a class's methods (of its nested classes too): a class body
    encloses no function's names, so their enclosing scope is the class's."""
    if not isinstance(node, ast.ClassDef):
        yield node
        return
    for inner in _own_nodes(node):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from _functions_defined(inner)


def _scope_bindings(module: ast.Module) -> tuple[dict[ast.AST, dict[str, list[ast.AST]]], dict[ast.AST, ast.AST]]:
    """({module or function: {name: the statements or nodes binding it there}}, {function: the
    function or module it is defined in}): an `x = ...` with the one target `x` is the Assign;
    any other binding (a tuple target, `+=`, a loop variable, a parameter, an import, a def, a
    `global` / `nonlocal` declaration) is recorded as such, so it counts."""
    scopes: dict[ast.AST, dict[str, list[ast.AST]]] = {}
    enclosing: dict[ast.AST, ast.AST] = {}
    pending: list[ast.AST] = [module]
    while pending:
        scope = pending.pop()
        names: dict[str, list[ast.AST]] = {}
        if not isinstance(scope, ast.Module):
            for argument in ast.walk(scope.args):
                if isinstance(argument, ast.arg):
                    names.setdefault(argument.arg, []).append(argument)
        for node in _own_nodes(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                names.setdefault(node.targets[0].id, []).append(node)
                continue
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                if not any(isinstance(a, ast.Assign) and a.targets[0] is node for a in names.get(node.id, [])):
                    names.setdefault(node.id, []).append(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.setdefault(node.name, []).append(node)
                for inner in _functions_defined(node):  # their own scopes, enclosed by this one
                    enclosing[inner] = scope
                    pending.append(inner)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    names.setdefault((alias.asname or alias.name).split(".")[0], []).append(node)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                for name in node.names:
                    names.setdefault(name, []).append(node)  # another scope's binding: never followed
        scopes[scope] = names
    return scopes, enclosing


def _range_floor_divisions(code: str, module: ast.Module) -> tuple[str, ast.Module]:
    """`range(a / b)` → `range(a // b)`: Python 2's range refused a float (TypeError), so a
    program that got there divided ints, which Python 2 floored. The same holds for a `/`
    reached from a range argument through arithmetic alone (`range((n / 2) + 1)`: a float
    anywhere in it made the whole a float), and through a name whose one binding in its scope
    is `name = <that arithmetic>` (`steps = n / size` ... `range(steps)`); a `/` under a call
    (`int(n / 2)`) or another operation is not touched (MIG321 warns). Returns the code and
    its tree."""
    sites: list[ast.BinOp] = []
    scopes, enclosing = _scope_bindings(module)

    def walk(node: ast.AST, scope: ast.AST, seen: set) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC):
            if isinstance(node.op, ast.Div) and node not in sites:
                sites.append(node)
            walk(node.left, scope, seen)
            walk(node.right, scope, seen)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            walk(node.operand, scope, seen)
        elif isinstance(node, ast.Name) and node.id not in seen:
            # two steps, `steps = n / size` then `range(steps)`: the name's one binding in the scope it
            # resolves to (its own, else the enclosing functions', else the module's)
            owner = scope
            while node.id not in scopes[owner] and owner in enclosing:
                owner = enclosing[owner]
            bound = scopes[owner].get(node.id, [])
            if len(bound) == 1 and isinstance(bound[0], ast.Assign):
                walk(bound[0].value, owner, seen | {node.id})

    for scope in scopes:
        for node in _own_nodes(scope):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
                    and not node.keywords:
                for argument in node.args:
                    walk(argument, scope, set())
    if not sites:
        return code, module
    lines = code.encode().splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    data = code.encode()
    edits = []
    for node in sites:
        left = starts[node.left.end_lineno - 1] + node.left.end_col_offset
        right = starts[node.right.lineno - 1] + node.right.col_offset
        between = data[left:right]
        slash = between.find(b"/")
        if slash < 0 or b"#" in between[:slash]:
            continue
        edits.append(left + slash)
    for offset in sorted(edits, reverse=True):
        data = data[:offset] + b"/" + data[offset:]
    new = data.decode()
    try:
        return new, ast.parse(new)
    except SyntaxError:  # never: `//` where `/` was
        return code, module


def _fissix(text: str, *errors) -> str | None:
    source = text if text.endswith("\n") else text + "\n"
    try:
        tree = _tool().refactor_string(source, "<python 2 source>")
    except (*errors, IndentationError, SyntaxError):
        return None
    except Exception:  # a fixer crashed on unusual input: never lose the user's code
        return None
    code = str(tree)
    if not text.endswith("\n") and code.endswith("\n"):
        code = code[:-1]
    return code


def _expand_indentation_tabs(text: str) -> str | None:
    """Tabs in the leading whitespace of each line expanded to multiples of 8 columns,
    except on lines inside a multi-line string (their whitespace is data)."""
    import io
    import tokenize

    inside: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if number in inside:
            continue
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        if "\t" in indent:
            lines[number - 1] = indent.expandtabs(8) + body
    return "".join(lines)


def _future_features(text: str) -> set[str]:
    import re

    features: set[str] = set()
    for match in re.finditer(r"^from[ \t]+__future__[ \t]+import[ \t]+\(?([\w \t,]+)", text, re.M):
        features.update(part.strip() for part in match.group(1).split(","))
    return features


def _surely_float(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, float):
        return True
    if isinstance(node, ast.UnaryOp):
        return _surely_float(node.operand)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
        return True
    return False


def division_sites(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, column) (1-based column) of every `/` and `/=` whose operands may both be ints."""
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            if not (_surely_float(node.left) or _surely_float(node.right)):
                sites.append((node.lineno, node.col_offset + 1))
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Div):
            if not _surely_float(node.value):
                sites.append((node.lineno, node.col_offset + 1))
    return sorted(sites)


def findings(ported: Port, final_tree: ast.AST, settings=None) -> list:
    """The MIG302 change (positioned in the input) and the MIG321 warnings (positioned in
    `final_tree`, the module as finally written), as far as `settings` selects them."""
    from migrate.codemod import Finding

    out = [
        Finding(CODE, ported.changed_lines[0] if ported.changed_lines else 1, 1,
                f"Python 2 source ported to Python 3 with fissix ({len(ported.changed_lines)} line(s) changed)",
                "change")
    ]
    if not ported.true_division:
        for line, col in division_sites(final_tree):
            out.append(Finding(
                "MIG321", line, col,
                "`/` was floor division in Python 2 when both operands are ints; it is true "
                "division in Python 3: write `//` if they are ints (a float operand keeps `/`)",
                "warning",
            ))
    return [f for f in out if settings is None or settings.enabled(f.code)]
