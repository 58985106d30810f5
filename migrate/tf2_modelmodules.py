"""`--style tf2` across the files of one run: a model class in a module with no Session, whose
tensors the program of another file runs (dennybritz's cnn-text-classification-tf, gaussic's
text-classification-cnn-rnn, LantaoYu's SeqGAN)::

    # text_cnn.py                                   # train.py
    class TextCNN(object):                          from text_cnn import TextCNN
        def __init__(self, n, k):                   cnn = TextCNN(6, 3)
            self.input_x = tf.placeholder(...)      train_op = tf.train.AdamOptimizer(..).minimize(cnn.loss)
            ...                                     with tf.Session() as sess:
            self.loss = tf.reduce_mean(...)             sess.run(tf.global_variables_initializer())
                                                        sess.run([train_op, cnn.loss], {cnn.input_x: x, ...})

Alone, the module keeps compat ("a placeholder with no Session in the file to run it") and so does
the program (its object's class is not its own). Converted together: the model classes the
program imports (`from text_cnn import TextCNN`) are written into the program's compat text right
after that import, and the one-file machinery converts the whole (migrate/tf2_objects.py: the
class becomes a `tf.Module` whose `__call__` takes the fed values, the program's runs become step
functions calling it; migrate/tf2_classes.py for a class running its own Session). The converted
classes are then cut out of the result: each replaces its class statement in the module's text
(whose module switches, `disable_eager_execution()` and the like, go as the engine drops them),
and the program keeps the rest, the import still binding the class. Both files' workers make the
same joint conversion (each reads the other's compat text: runner._compat_text), so they agree.

Why it computes what the one-file conversion computes: the class statement runs where the import
ran, before any statement of the program, with the same module-level names: every name the class
reads (before and after conversion) is bound in the module by an import statement the program
has too (`import tensorflow as tf`, `import numpy as np`), else Fallback naming it. A module made
by several programs of the run converts only when each joint conversion writes the same classes.

The two files end alike (never a class converted while a file making it keeps compat: that file's
compat code would read `cnn.input_x` of a `tf.Module`): when the joint conversion raises Fallback
both keep compat, the side holding the construct with the engine's reason, the other naming that
file, line and reason; afterwards `demotions` (runner.run's fixed point, beside
tf2_crossfile.demotions) keeps compat every file of a pair whose partner did not convert.
A module whose module body is the graph (SullyChen's Autopilot-TensorFlow)::

    # model.py                                      # train.py
    def weight_variable(shape): ...                 import model
    x = tf.placeholder(tf.float32, [None, 6])       loss = tf.reduce_mean(tf.square(model.y_ - model.y))
    W_fc1 = weight_variable([6, 10])                ...
    y = tf.matmul(x, W_fc1)                         sess.run(train_step, {model.x: xs, model.y_: ys})

is converted with each program importing it (`_BodyJoint`): its body statements are written into
the program's compat text after the imports that follow `import model`, between two marker
comments, the program's `model.<name>` reads written `<name>`, and the engine converts the whole.
After it, the statements between the markers (helpers, variables made once, Python values: the
placeholders and tensors moved into the program's steps, which take the fed values as arguments)
are the module's new body, below its imports; the rest is the program, where each read of a name
the new body binds is written `model.<name>` again (a function's own local of that name is not).
It computes what the one-file conversion of the module written into the program computes: the
module's body ran at the import, before the program's statements after it (only imports and
module switches, which it may read), and the program reads its names only as `model.<name>`.
Fallbacks, both files keeping compat and naming each other: another import form (`from model
import x`, a package path with no `as`), `model` read otherwise than `model.<name>` of a name the
body binds, a program binding such a name itself, the body reading a name its module binds
otherwise than by an import, the converted body reading a name the conversion wrote into the
program (an op seed counter of a graph seed the program set before the import), a TF 1.x
construct the engine left (positioned in the file holding it), and a program of the module that
keeps compat for its own reason (every importer of the module is its program).
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import builtins
import contextvars
import os
import re

from migrate.tf2_graph import DROPPED_CALLS, Fallback

# (the run's index (`model_index`), the path of the file converted, the run's Settings), set by
# codemods/tf2_style.apply; None outside a run (a file migrated alone)
CONTEXT: contextvars.ContextVar[tuple | None] = contextvars.ContextVar("model_modules", default=None)
# the path of the file the worker migrates (runner._process_file)
PATH: contextvars.ContextVar[str | None] = contextvars.ContextVar("model_module_path", default=None)
TOGETHER = "the model class and the program running its tensors convert together"
TOGETHER_BODY = "a module whose body builds the graph and the programs running its tensors convert together"
_BUILTINS = frozenset(dir(builtins)) | {"__name__", "__file__", "__doc__"}


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _placeholder_classes(tree: ast.Module) -> dict[str, int]:
    """{class: line} of the module's top-level classes calling `placeholder(...)` (any spelling:
    the text as given; tf2_objects converts `self.<a> = placeholder(...)` in `__init__`) and running
    no Session it keeps (`self.<a>.run(...)`: tf2_classes' shape, tf2_crossfile's across files)."""
    out = {}
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef) or any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "run"
                and isinstance(n.func.value, ast.Attribute) and isinstance(n.func.value.value, ast.Name)
                and n.func.value.value.id == "self" for n in ast.walk(klass)):
            continue  # a class running a Session it keeps: tf2_classes' shape (tf2_crossfile across files)
        for node in ast.walk(klass):
            func = node.func if isinstance(node, ast.Call) else None
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name == "placeholder":  # also in a list or a helper method: the joint conversion says what it refuses
                out[klass.name] = klass.lineno
                break
    return out


def _body_placeholder(tree: ast.Module) -> int | None:
    """The line of the module body's first statement (not a def or class) calling `placeholder(...)`
    (any spelling: the text as given): SullyChen's model.py, whose graph is its module body."""
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue
        for node in ast.walk(stmt):
            func = node.func if isinstance(node, ast.Call) else None
            if (func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else "") \
                    == "placeholder":
                return stmt.lineno
    return None


def _makes_session(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in ("Session", "InteractiveSession")
               or isinstance(n, ast.Name) and n.id in ("Session", "InteractiveSession") for n in ast.walk(tree))


def _parse_file(path: str) -> ast.Module | None:
    try:
        with open(path, "rb") as handle:
            return ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return None


def model_index(paths: list[str]) -> dict:
    """{"modules": {module path: {"classes": {class: line}, "makers": [(program path, line of its
    import)]}}, "programs": {program path: [module path]}} over the run's files `paths`: a module
    is a .py file making no Session with top-level classes making placeholders (`_placeholder_classes`);
    its makers are the run's files importing one of those classes (`from <stem> import C` at any
    depth: line of the statement) or the module (`import <stem>`: a maker the joint conversion
    refuses, named): the module beside the importer, else the run's one file of that stem. Reads
    the files as given."""
    trees = {p: _parse_file(p) for p in paths if p.endswith(".py")}
    stems: dict[str, list[str]] = {}
    for path in trees:
        stems.setdefault(_stem(path), []).append(path)
    modules = {}
    for path, tree in trees.items():
        if tree is None or _makes_session(tree):
            continue
        classes = _placeholder_classes(tree)
        if classes:
            modules[path] = {"classes": classes, "makers": []}
        elif _body_placeholder(tree) is not None:  # its module body is the graph: every importer is a maker
            modules[path] = {"classes": {}, "body": _body_placeholder(tree), "makers": []}
    unique = {_stem(p): p for p in modules if len(stems[_stem(p)]) == 1}
    beside = {(os.path.dirname(os.path.abspath(p)), _stem(p)): p for p in modules}

    def resolved(importer: str, name: str) -> str | None:
        """The module `name` imported by `importer`: the file beside it (a script's directory is
        the first of sys.path), else the run's one file of that stem."""
        return beside.get((os.path.dirname(os.path.abspath(importer)), name)) or unique.get(name)
    programs: dict[str, list[str]] = {}
    for path in paths:
        tree = trees.get(path) if path.endswith(".py") else None
        if path in modules:
            continue
        if tree is None:  # a notebook, or Python 2 (SeqGAN's sequence_gan.py): its imports read from its text
            for module, line in _text_makers(path, resolved, modules):
                if path not in [m for m, _ in modules[module]["makers"]]:
                    modules[module]["makers"].append((path, line))
                    programs.setdefault(path, []).append(module)
            continue
        loads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        attributes = {(n.value.id, n.attr) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                      and isinstance(n.value, ast.Name)}
        for node in ast.walk(tree):
            found = []
            if isinstance(node, ast.ImportFrom) and node.module:
                module = resolved(path, node.module.split(".")[-1])
                # a maker reads a model class it imports (eval.py importing TextCNN and never using it is not)
                if module and ("body" in modules[module] or any(
                        a.name in modules[module]["classes"] and (a.asname or a.name) in loads
                        or a.name == "*" for a in node.names)):
                    found.append(module)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    module = resolved(path, a.name.split(".")[-1])
                    if module and ("body" in modules[module] or any(
                            (a.asname or a.name.split(".")[0], k) in attributes
                            or a.asname is None and "." in a.name and k in {x for _, x in attributes}
                            for k in modules[module]["classes"])):
                        found.append(module)
            for module in found:
                if path not in [m for m, _ in modules[module]["makers"]]:
                    modules[module]["makers"].append((path, node.lineno))
                    programs.setdefault(path, []).append(module)
    return {"modules": {p: m for p, m in modules.items() if m["makers"]}, "programs": programs}


_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w.]+)", re.MULTILINE)
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w, \t]+)", re.MULTILINE)


def _text_makers(path: str, resolved, modules: dict) -> list[tuple[str, int]]:
    """[(model module, line of the import)] of a file that does not parse as Python 3 (a notebook's
    cells joined, a Python 2 program): `from <stem> import C` with `C(` called in its text."""
    from migrate.tf2_crossfile import _program_text

    text = _program_text(path, None)
    out = []
    for found in _FROM_IMPORT.finditer(text or ""):
        module = resolved(path, found.group(1).split(".")[-1])
        if module is None:
            continue
        names = [part.split()[-1] for part in found.group(2).split(",") if part.split()]
        if "body" in modules[module] or any(name in modules[module]["classes"] and re.search(rf"(?<![\w.]){name}\s*\(", text) for name in names):
            out.append((module, text.count("\n", 0, found.start()) + 1))
    for found in _IMPORT.finditer(text or ""):  # `import model`: a module whose body is the graph
        module = resolved(path, found.group(1).split(".")[-1])
        if module is not None and "body" in modules[module]:
            out.append((module, text.count("\n", 0, found.start()) + 1))
    return out


def _free_names(node) -> set[str]:
    """The names `node` (a class statement) reads and does not bind itself (nor builtins)."""
    bound, read = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (read if isinstance(n.ctx, ast.Load) else bound).add(n.id)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not node:
            bound.add(n.name)
        elif isinstance(n, ast.alias):
            bound.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, ast.ExceptHandler) and n.name:
            bound.add(n.name)
    return read - bound - _BUILTINS


def _imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """{name bound: (the import statement binding it alone, dumped; its text)} of the module's
    top-level imports."""
    out = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                single = type(stmt)(**{**{f: getattr(stmt, f) for f in stmt._fields}, "names": [alias]})
                out[(alias.asname or alias.name).split(".")[0]] = (ast.dump(single), ast.unparse(single))
    return out


def _class_lines(klass: ast.ClassDef) -> tuple[int, int]:
    return min([d.lineno for d in klass.decorator_list] + [klass.lineno]), klass.end_lineno


class _Joint:
    """The joint conversion of one program (`program`: its path and compat text) with the model
    classes it imports from the run's modules (`modules`: {path: compat text})."""

    def __init__(self, program: str, text: str, modules: dict[str, str], index: dict) -> None:
        self.program, self.text, self.modules, self.index = program, text, modules, index
        self.blocks: list[tuple[int, int, str, int]] = []  # (first, last) lines in the joint text, module, its first line
        self.names: dict[str, list[str]] = {}  # {module: the model classes written into the program}

    added: set[str]

    def _fail_program(self, node, reason: str) -> Fallback:
        line = getattr(node, "lineno", 1)
        segment = self.text.splitlines()[line - 1].strip() if line <= len(self.text.splitlines()) else ""
        return Fallback(segment[:60] or "import", line, getattr(node, "col_offset", 0) + 1, reason)

    def joint_text(self) -> str:
        """The program's text with the imported model classes written after each import."""
        tree = ast.parse(self.text)
        mine = {k: v[0] for k, v in _imports(tree).items()}
        program_names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} \
            | {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
        self.added = set()
        lines = self.text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        inserts: dict[int, list[str]] = {}
        for module, text in self.modules.items():
            mtree = ast.parse(text)
            classes = self.index["modules"][module]["classes"]
            name = os.path.basename(module)
            stmt = next((s for s in ast.walk(tree) if isinstance(s, (ast.Import, ast.ImportFrom))
                         and (isinstance(s, ast.Import) and any(a.name.split(".")[-1] == _stem(module) for a in s.names)
                              or isinstance(s, ast.ImportFrom) and (s.module or "").split(".")[-1] == _stem(module))), None)
            if stmt is None:
                raise Fallback("import", 1, 1, f"{name}'s model classes are imported in a way not followed")
            if stmt not in tree.body:
                raise self._fail_program(stmt, f"{name} (a module of this run whose model class this program runs) is "
                                         "imported inside a block: converted together, the class is written where "
                                         "the import is, which must be a statement of the module body")
            if isinstance(stmt, ast.Import) or any(a.name == "*" for a in stmt.names):
                raise self._fail_program(stmt, f"{name} is imported as a module or with `*` (its model classes read "
                                         "as attributes or unnamed): converted together, the program names each class "
                                         f"it makes (`from {_stem(module)} import {next(iter(classes))}`)")
            wanted = [a for a in stmt.names if a.name in classes]
            for alias in wanted:
                if alias.asname and alias.asname != alias.name:
                    raise self._fail_program(stmt, f"`{alias.name}` of {name} imported as `{alias.asname}`: converted "
                                             "together, the class is written under its own name")
            theirs = _imports(mtree)
            for alias in wanted:
                klass = next(k for k in mtree.body if isinstance(k, ast.ClassDef) and k.name == alias.name)
                if any(isinstance(s, ast.ClassDef) and s.name == alias.name for s in tree.body):
                    raise self._fail_program(stmt, f"the program defines a class `{alias.name}` too")
                added = []  # the module's imports the program has not: written above the class, removed after
                for free in sorted(_free_names(klass) - {a.name for a in wanted}):  # itself, its companions: written
                    if free in theirs and free not in mine and free not in program_names:
                        added.append(theirs[free][1] + "\n")
                        continue
                    if free not in theirs:
                        raise JointFallback(module, Fallback(f"class {alias.name}", klass.lineno, klass.col_offset + 1, (
                            f"`{alias.name}` reads `{free}`, which {name} binds otherwise than by an import: the class "
                            "is written into the program's text to convert the two together, and the program has not "
                            f"got `{free}`")))
                    if mine.get(free) != theirs[free][0]:
                        raise self._fail_program(stmt, f"`{alias.name}` of {name} reads `{free}`, which this program "
                                                 "does not import as the module does: converted together, the class is "
                                                 "written into the program and reads the program's names")
                first, last = _class_lines(klass)
                added = sorted(set(added))
                block = [*added, "\n", "\n", *text.splitlines(keepends=True)[first - 1:last]]
                if not block[-1].endswith("\n"):
                    block[-1] += "\n"
                inserts.setdefault(stmt.end_lineno, []).append((block, module, first))
                self.added |= set(added)
                self.names.setdefault(module, []).append(alias.name)
        out, line = [], 0
        for number, text_line in enumerate(lines, 1):
            out.append(text_line)
            line += 1
            for block, module, first in inserts.get(number, []):
                start = block.index("\n") + 3  # the class's first line in the block (1-based)
                self.blocks.append((line + start, line + len(block), module, first, len(block)))
                out.extend(block)
                line += len(block)
        return "".join(out)

    def where(self, stop: Fallback) -> tuple[str, Fallback]:
        """(the file, the Fallback positioned there) of a Fallback positioned in the joint text."""
        shift = 0
        for first, last, module, start, size in self.blocks:
            if last - size < stop.line <= last:
                return module, Fallback(stop.construct, max(start, stop.line - first + start), stop.col, stop.reason)
            if stop.line > last:
                shift += size
        return self.program, Fallback(stop.construct, stop.line - shift, stop.col, stop.reason)

    def convert(self) -> tuple[str, dict[str, dict[str, str]]]:
        """(the program's new text, {module: {class: its converted source}}); raises
        `JointFallback` (the file holding the construct and the Fallback positioned there)."""
        from migrate.tf2_libraries import convert as engine

        try:
            joint = self.joint_text()
        except Fallback as stop:
            raise JointFallback(self.program, stop) from None
        try:
            new = engine(joint)
        except Fallback as stop:
            raise JointFallback(*self.where(stop)) from None
        tree = ast.parse(new)
        classes: dict[str, dict[str, str]] = {}
        lines = new.splitlines(keepends=True)
        cut = set()
        for module, names in self.names.items():
            for name in names:
                found = [k for k in tree.body if isinstance(k, ast.ClassDef) and k.name == name]
                if len(found) != 1:
                    raise JointFallback(self.program, self._fail_program(tree, f"the conversion wrote {len(found)} "
                                        f"classes `{name}` where {os.path.basename(module)}'s was (internal)"))
                first, last = _class_lines(found[0])
                mtree = ast.parse(self.modules[module])
                theirs = _imports(mtree)
                later = sorted(n for n in _free_names(found[0]) if n not in theirs and n not in names)
                if later:
                    start = next(k.lineno for k in mtree.body if isinstance(k, ast.ClassDef) and k.name == name)
                    raise JointFallback(module, Fallback(f"class {name}", start, 1, (
                        f"converted, `{name}` reads `{later[0]}`, which the conversion writes into the program "
                        f"({os.path.basename(self.program)}), not into {os.path.basename(module)}")))
                classes.setdefault(module, {})[name] = "".join(lines[first - 1:last])
                while first > 1 and not lines[first - 2].strip():
                    first -= 1
                while first > 1 and lines[first - 2] in self.added:  # the module's imports written above it
                    first -= 1
                cut |= set(range(first, last + 1))
        program = "".join(line for number, line in enumerate(lines, 1) if number not in cut)
        return program, classes


class JointFallback(Exception):
    """A joint conversion's Fallback, positioned in `path` (the program or a model module)."""

    def __init__(self, path: str, stop: Fallback) -> None:
        super().__init__(f"{path}: {stop}")
        self.path, self.stop = path, stop


def _top_bound(statements) -> set[str]:
    """The names module-level `statements` bind (assignment targets, defs, classes, loop and
    with targets; imports too)."""
    out = set()
    for stmt in statements:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
            continue
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in stmt.names}
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                out.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
    return out


def _global_reads(tree: ast.Module, names: set[str]) -> list[ast.Name]:
    """The `Name` loads of `tree` that read the module globals `names`: at module level, and in a
    function (or lambda, comprehension) that binds no local of that name."""
    out = []

    def local(scope) -> set[str]:
        args = scope.args
        bound = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
        bound |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        body = scope.body if isinstance(scope.body, list) else [scope.body]
        declared = {n for s in body for node in ast.walk(s) if isinstance(node, ast.Global) for n in node.names}
        for stmt in body:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    bound.add(node.id)
        return bound - declared

    def visit(node, shadowed: set[str]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    visit(default, shadowed)
            for decorator in getattr(node, "decorator_list", []):
                visit(decorator, shadowed)
            inner = shadowed | local(node)
            for stmt in node.body if isinstance(node.body, list) else [node.body]:
                visit(stmt, inner)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            shadowed = shadowed | {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names and node.id not in shadowed:
            out.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child, shadowed)
    visit(tree, set())
    return out


def _replaced(text: str, edits: list[tuple[int, int, int, int, str]]) -> str:
    """`text` with each (line, col, end line, end col, new text) span replaced (AST positions)."""
    lines = text.splitlines(keepends=True)
    for line, col, end_line, end_col, new in sorted(edits, reverse=True):
        first, last = lines[line - 1], lines[end_line - 1]
        head = first.encode("utf-8")[:col].decode("utf-8")
        tail = last.encode("utf-8")[end_col:].decode("utf-8")
        lines[line - 1:end_line] = [head + new + tail]
    return "".join(lines)


class _BodyJoint:
    """The joint conversion of one program (`program`: its path and compat text) with the model
    module whose module body builds the graph it runs (`module`: its path and compat text), imported
    as `import model` and read as `model.x` (SullyChen's Autopilot-TensorFlow).

    The module's body statements (its imports the program lacks above them, its module switches
    left out) are written into the program's text after that import and the imports (and module
    switches) right after it, between two marker comments, and the program's `model.<name>` reads become `<name>`: the one-file engine converts
    the whole. The result's statements between the markers are the module's converted body (its
    variables, made once, its helpers and Python values; the placeholders and the tensors they
    feed moved into the program's steps, whose arguments the fed values are); the rest is the
    program, where a read of a name the module's part binds is written `model.<name>` again."""

    def __init__(self, program: str, text: str, module: str, mtext: str) -> None:
        self.program, self.text, self.module, self.mtext = program, text, module, mtext
        self.name = os.path.basename(module)
        self.begin = f"# >>> migrate --style tf2: the module body of {self.name}"
        self.end = f"# <<< migrate --style tf2: the module body of {self.name}"

    def _fail_program(self, node, reason: str) -> JointFallback:
        line = getattr(node, "lineno", 1)
        segment = self.text.splitlines()[line - 1].strip() if line <= len(self.text.splitlines()) else ""
        return JointFallback(self.program, Fallback(segment[:60] or "import", line, getattr(node, "col_offset", 0) + 1,
                                                    reason))

    @staticmethod
    def _switches(text: str) -> set[int]:
        """The first lines of the module switches (`disable_eager_execution()`, ...) of `text`."""
        from migrate.tf2_graph import Converter

        try:
            c = Converter(text)
        except (Fallback, SyntaxError):
            return set()
        return {s.lineno for s in c.tree.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                and c.call_name(s.value) in (*DROPPED_CALLS, "tf.compat.v1.disable_eager_execution")}

    def _body(self, mtree: ast.Module) -> list:
        """The module's body statements: not its docstring, imports or module switches."""
        switches = self._switches(self.mtext)
        return [stmt for number, stmt in enumerate(mtree.body)
                if not isinstance(stmt, (ast.Import, ast.ImportFrom)) and stmt.lineno not in switches
                and not (number == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                         and isinstance(stmt.value.value, str))]

    def joint_text(self) -> str:
        tree, mtree = ast.parse(self.text), ast.parse(self.mtext)
        stem = _stem(self.module)
        found = [s for s in ast.walk(tree) if isinstance(s, ast.Import) and any(a.name.split(".")[-1] == stem for a in s.names)
                 or isinstance(s, ast.ImportFrom) and (s.module or "").split(".")[-1] == stem]
        if len(found) != 1 or not isinstance(found[0], ast.Import) or found[0] not in tree.body:
            raise self._fail_program(found[0] if found else tree, (
                f"{self.name} (a module whose body builds the graph this program runs) is imported otherwise than by "
                f"one `import {stem}` statement of the module body: converted together, its body is written where "
                "that import is and its names read as attributes of it"))
        self.stmt = stmt = found[0]
        alias = next(a for a in stmt.names if a.name.split(".")[-1] == stem)
        if "." in alias.name and alias.asname is None:
            raise self._fail_program(stmt, f"{self.name} is imported by its package path (`import {alias.name}`): "
                                     "converted together, it must be read through one name (`import "
                                     f"{alias.name} as {stem}`)")
        self.alias = alias.asname or alias.name
        body = self._body(mtree)
        if not body:
            raise JointFallback(self.module, Fallback("module", 1, 1, "no statement to convert (internal)"))
        self.bound = _top_bound(body)
        named = next((s for s in body for n in ast.walk(s) if isinstance(n, ast.Name) and n.id == "__name__"), None)
        if named is not None:
            raise JointFallback(self.module, Fallback("__name__", named.lineno, named.col_offset + 1, (
                f"the body of {self.name} reads `__name__` (a main block?): written into the program's text to convert "
                "the two together, it would read the program's")))
        theirs, mine = _imports(mtree), {k: v[0] for k, v in _imports(tree).items()}
        program_names = _top_bound(tree.body) | {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} \
            | {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
        edits = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == self.alias:
                parent_ok = False
                for parent in ast.walk(tree):
                    if isinstance(parent, ast.Attribute) and parent.value is node:
                        parent_ok = isinstance(parent.ctx, ast.Load) and parent.attr in self.bound
                        if parent_ok:
                            edits.append((parent.lineno, parent.col_offset, parent.end_lineno, parent.end_col_offset,
                                          parent.attr))
                        break
                if not parent_ok:
                    raise self._fail_program(node, (
                        f"`{self.alias}` (the module {self.name}, whose body builds the graph this program runs) is read "
                        "here otherwise than as `" + self.alias + ".<name>` of a name its body binds: converted together, "
                        "its body is written into the program's text and its names read there"))
        clash = sorted(self.bound & program_names)
        if clash:
            raise self._fail_program(stmt, (
                f"this program has its own `{clash[0]}`, a name the body of {self.name} binds too: converted together, "
                "the module's body is written into the program's text, where the two would be one name"))
        added = []
        for free in sorted(set().union(*(_free_names(s) for s in body)) - self.bound):
            if free not in theirs:
                raise JointFallback(self.module, Fallback(free, body[0].lineno, 1, (
                    f"the body of {self.name} reads `{free}`, which it does not bind (a builtin of another module?)")))
            if free in mine and mine[free] == theirs[free][0]:
                continue
            if free in mine or free in program_names:
                raise self._fail_program(stmt, (
                    f"the body of {self.name} reads `{free}`, which this program does not import as the module does: "
                    "converted together, the module's body is written into the program and reads the program's names"))
            added.append(theirs[free][1] + "\n")
        self.added = added
        mlines = self.mtext.splitlines(keepends=True)
        first = body[0].lineno
        kept = {n for s in body for n in range(s.lineno, s.end_lineno + 1)}
        skipped = {n for s in mtree.body if s not in body for n in range(s.lineno, s.end_lineno + 1)}
        block = ["\n" if n in skipped and n not in kept else mlines[n - 1] for n in range(first, len(mlines) + 1)]
        if block and not block[-1].endswith("\n"):
            block[-1] += "\n"
        program = _replaced(self.text, edits)
        lines = program.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        # after the imports (and module switches) that follow it: the body reads them, as its module's imports did
        end, switches = stmt.end_lineno, self._switches(self.text)
        for later in tree.body[tree.body.index(stmt) + 1:]:
            if not isinstance(later, (ast.Import, ast.ImportFrom)) and later.lineno not in switches:
                break
            end = later.end_lineno
        head = lines[:end]
        self.block_start = len(head) + len(added) + 2  # the module's line `first` in the joint text
        self.first, self.size = first, len(block) + len(added) + 2
        return "".join([*head, *added, self.begin + "\n", *block, self.end + "\n", *lines[end:]])

    def where(self, stop: Fallback) -> tuple[str, Fallback]:
        """(the file, the Fallback positioned there) of a Fallback positioned in the joint text."""
        after = self.block_start - 2 - len(self.added)  # the joint text's last line before the added imports
        if self.block_start <= stop.line < after + self.size:
            return self.module, Fallback(stop.construct, stop.line - self.block_start + self.first, stop.col, stop.reason)
        if stop.line > after:
            return self.program, Fallback(stop.construct, max(after, stop.line - self.size), stop.col, stop.reason)
        return self.program, stop

    def convert(self) -> tuple[str, str]:
        """(the program's new text, the module's new text); raises `JointFallback`."""
        from migrate.tf2_libraries import convert as engine

        joint = self.joint_text()
        try:
            new = engine(joint)
        except Fallback as stop:
            raise JointFallback(*self.where(stop)) from None
        lines = new.splitlines(keepends=True)
        marks = [i for i, line in enumerate(lines) if line.rstrip("\n") in (self.begin, self.end)]
        if len(marks) != 2 or lines[marks[0]].rstrip("\n") != self.begin:
            raise self._fail_program(self.stmt, f"the conversion moved the body of {self.name} (internal)")
        part = "".join(lines[marks[0] + 1:marks[1]])
        rest = lines[:marks[0]]
        for added in reversed(self.added):  # the module's imports written above its body
            if rest and rest[-1] == added:
                rest.pop()
        program = "".join([*rest, *lines[marks[1] + 1:]])
        ptree, mtree = ast.parse(program), ast.parse(part)
        own = _top_bound(mtree.body)
        theirs = _imports(ast.parse(self.mtext))
        later = sorted(set().union(set(), *(_free_names(s) for s in mtree.body)) - own - set(theirs))
        if later:
            raise JointFallback(self.module, Fallback(later[0], self.first, 1, (
                f"converted, the body of {self.name} reads `{later[0]}`, which the conversion writes into the program "
                f"({os.path.basename(self.program)}), not into {self.name}")))
        if own & _top_bound(ptree.body):
            raise self._fail_program(self.stmt, f"the conversion binds `{min(own & _top_bound(ptree.body))}` in "
                                     f"both {os.path.basename(self.program)} and {self.name} (internal)")
        reads = _global_reads(ptree, own)
        program = _replaced(program, [(n.lineno, n.col_offset, n.end_lineno, n.end_col_offset, f"{self.alias}.{n.id}")
                                      for n in reads])
        mlines = self.mtext.splitlines(keepends=True)
        body = self._body(ast.parse(self.mtext))
        header = [line for number, line in enumerate(mlines[:self.first - 1], 1)
                  if not any(s.lineno <= number <= s.end_lineno for s in ast.parse(self.mtext).body
                             if s.lineno < self.first and s not in body and not isinstance(s, (ast.Import, ast.ImportFrom))
                             and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)))]
        imports = ["".join(mlines[s.lineno - 1:s.end_lineno]) for s in ast.parse(self.mtext).body
                   if isinstance(s, (ast.Import, ast.ImportFrom)) and s.lineno > self.first]
        module = "".join([*header, *imports, part.lstrip("\n")])
        from migrate.tf2_graph import leftovers, remaining

        files = [(self.program, self.text), (self.module, self.mtext)]
        for new_text, own in ((program, files), (module, files[::-1])):
            left = remaining(new_text, converted=True)  # a TF 1.x construct the engine left: positioned where a file has it
            if left is not None:  # (a tensor of the module's body is computed in the program's steps)
                found = [(path, f) for path, old in own for f in leftovers(old, evals=True) if f.construct == left.construct]
                path, at = found[0] if found else (own[0][0], left)
                raise JointFallback(path, Fallback(left.construct, at.line if found else 1, at.col if found else 1,
                                                   left.reason))
        return program, module


def _given_line(path: str, compat: str | None, line: int, col: int = 1) -> int:
    """The line, in `path`'s text as given (read from disk), of `line` of its compat text."""
    from migrate.tf2_crossfile import _input_line, _program_text

    finding = type("Found", (), {"line": line, "col": col})()
    return _input_line(_program_text(path, None), compat, finding)


def _compat(path: str, settings) -> str | None:
    """The compat text of a partner file, tab indentation written as spaces as
    codemods/tf2_style writes the worker's own file (jiegzhan's tab-indented train.py); None
    when it cannot be made or mixes tabs and spaces."""
    from migrate.codemods.tf2_style import _tabs_as_spaces
    from migrate.runner import _compat_text

    text = _compat_text(path, settings)
    if text is not None and any(line[:len(line) - len(line.lstrip())].count("\t") for line in text.splitlines()):
        text = _tabs_as_spaces(text)
    return text


def _described(index: dict, module: str) -> str:
    """`the model class `A`, `B` of m.py`, or `the graph the module body of m.py builds`."""
    entry = index["modules"][module]
    if "body" in entry:
        return f"the graph the module body of {os.path.basename(module)} builds"
    return f"the model class {', '.join(f'`{n}`' for n in entry['classes'])} of {os.path.basename(module)}"


def _joint(path: str, text: str, modules: dict[str, str], index: dict):
    """The joint conversion of the program `path` with the model modules it imports: `_BodyJoint`
    for a module whose body is the graph (the one module of the program), else `_Joint`."""
    body = [m for m in modules if "body" in index["modules"][m]]
    if not body:
        return _Joint(path, text, modules, index)
    if len(modules) > 1:
        other = next(m for m in modules if m != body[0])
        line = next((s.lineno for s in ast.parse(text).body if isinstance(s, (ast.Import, ast.ImportFrom))
                     and _stem(other) in ast.unparse(s)), 1)

        class Refused:
            def convert(self):
                raise JointFallback(path, Fallback(f"import {_stem(other)}", line, 1, (
                    f"this program runs the graph the module body of {os.path.basename(body[0])} builds and the model "
                    f"classes of {os.path.basename(other)}: converted together, one such module a program")))
        return Refused()
    return _BodyJoint(path, text, body[0], modules[body[0]])


def _program_side(path: str, text: str, index: dict, settings) -> str:
    modules = {}
    for module in index["programs"][path]:
        compat = _compat(module, settings)
        if compat is None:
            raise Fallback("import", 1, 1, f"{os.path.basename(module)} (the module of a model class this program "
                           "runs) cannot be read or migrated, or its indentation mixes tabs and spaces: " + TOGETHER)
        modules[module] = compat
    joint = _joint(path, text, modules, index)
    try:
        return joint.convert()[0]
    except JointFallback as failed:
        if failed.path == path:
            stop = failed.stop
            if isinstance(joint, _BodyJoint):
                named = f"{joint.name}, whose module body builds the graph this program runs: it keeps compat with it"
            else:
                named = "the model class whose tensors this program runs, " + "; ".join(
                    f"{os.path.basename(m)}:{index['modules'][m]['classes'][k]}'s `{k}`" for m in modules
                    for k in joint.names.get(m, index["modules"][m]["classes"])) + ", which keeps compat with it"
            raise Fallback(stop.construct, stop.line, stop.col, f"{stop.reason} (converted together with {named})") from None
        module = failed.path
        found = [s for s in ast.walk(ast.parse(text)) if isinstance(s, (ast.Import, ast.ImportFrom))
                 and any(n.split(".")[-1] == _stem(module) for n in
                         ([a.name for a in s.names] if isinstance(s, ast.Import) else [s.module or ""]))]
        line = min((s.lineno for s in found), default=1)  # in the compat text, where the MIG602 is positioned
        construct = text.splitlines()[line - 1].strip() if found else f"import {_stem(module)}"
        alone = ""
        try:  # the program's own first construct, converted alone (the class not written in): said too
            from migrate.tf2_libraries import convert as engine

            engine(text)
        except Fallback as own:
            alone = (f"; converted alone, this program keeps compat at line {_given_line(path, text, own.line, own.col)} "
                     f"too (`{own.construct}`: {own.reason})")
        except Exception:  # noqa: BLE001 (only a hint: the finding stands without it)
            alone = ""
        raise Fallback(construct, line, 1, (
            f"{_described(index, module)}, whose tensors this program runs, keeps compat "
            f"({os.path.basename(module)}:{_given_line(module, modules[module], failed.stop.line, failed.stop.col)}: "
            f"`{failed.stop.construct}` cannot be converted: "
            f"{failed.stop.reason}); " + (TOGETHER_BODY if "body" in index["modules"][module] else TOGETHER) + alone)) from None


def _module_side(path: str, text: str, index: dict, settings) -> str:
    from migrate.tf2_graph import Converter

    entry = index["modules"][path]
    first_class = min((k.lineno for k in ast.parse(text).body if isinstance(k, ast.ClassDef) and k.name in entry["classes"]),
                      default=1)  # in the compat text, where the MIG602 is positioned
    body = "body" in entry
    if body:  # its first statement making a placeholder
        first_class = _body_placeholder(ast.parse(text)) or 1
        construct = text.splitlines()[first_class - 1].strip()[:60]
    else:
        construct = f"class {next(iter(entry['classes']))}"
    thing = "module, whose body builds the graph," if body else "model class"
    together = TOGETHER_BODY if body else TOGETHER
    made: dict[str, str] | None = None
    maker_of: dict[str, str] = {}
    for program, line in entry["makers"]:
        name = os.path.basename(program)
        if not program.endswith(".py"):
            raise Fallback(construct, first_class, 1, (
                f"the {thing} is imported by {name}, a notebook: converted together, the "
                f"{'body' if body else 'class'} is written into its program, which a notebook is not converted with; "
                + together))
        compat = _compat(program, settings)
        modules = {}
        for module in index["programs"][program]:
            modules[module] = text if module == path else _compat(module, settings)
            if modules[module] is None:
                raise Fallback(construct, first_class, 1,
                               f"{os.path.basename(module)}, imported with this module by {name}, cannot be migrated")
        if compat is None:
            raise Fallback(construct, first_class, 1,
                           f"{name} (which imports this {thing}) cannot be read or migrated; " + together)
        try:
            _, classes = _joint(program, compat, modules, index).convert()
        except JointFallback as failed:
            if failed.path == path:
                raise Fallback(failed.stop.construct, failed.stop.line, failed.stop.col,
                               f"{failed.stop.reason} (converted together with {name}, which runs its tensors)") from None
            where = os.path.basename(failed.path)
            there = compat if failed.path == program else modules.get(failed.path)
            where += f":{_given_line(failed.path, there, failed.stop.line, failed.stop.col)}"
            also = "" if failed.path == program else \
                f" with {os.path.basename(failed.path)}'s model class, converted with it too, which does not convert"
            raise Fallback(construct, first_class, 1, (
                f"the {thing} is imported at {name}:{line}, whose program runs its tensors and keeps compat{also} "
                f"({where}: `{failed.stop.construct}` cannot be converted: {failed.stop.reason}); "
                + together)) from None
        mine = classes if body else classes.get(path, {})
        if made is not None and mine != made:
            other = next(iter(maker_of.values()))
            raise Fallback(construct if body else f"class {next(iter(mine))}", first_class, 1, (
                f"the {thing} converts one way with {other} and another with {name} (each program's runs, seed "
                f"and feeds shape the {'body' if body else 'class'} written): one module cannot hold both; " + together))
        made = mine
        maker_of.update({k: name for k in (["body"] if body else mine)})
    if body:
        return made
    if not made:
        return text
    tree = ast.parse(text)
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        c = None
    lines = text.splitlines(keepends=True)
    replaced: dict[int, tuple[int, str]] = {}
    for klass in tree.body:
        if isinstance(klass, ast.ClassDef) and klass.name in made:
            first, last = _class_lines(klass)
            replaced[first] = (last, made[klass.name])
        elif c is not None and isinstance(klass, ast.Expr) and isinstance(klass.value, ast.Call) \
                and c.call_name(klass.value) in (*DROPPED_CALLS, "tf.compat.v1.disable_eager_execution"):
            replaced[klass.lineno] = (klass.end_lineno, "")
    out, number = [], 1
    while number <= len(lines):
        if number in replaced:
            last, new = replaced[number]
            out.append(new)
            number = last + 1
        else:
            out.append(lines[number - 1])
            number += 1
    return "".join(out)


def convert(text: str) -> str:
    """The `--style tf2` text of the file the worker converts (tf2_libraries.convert's: the
    engine's through tf2_crossfile, with the run's layer libraries), jointly with its partners
    when it is a model module or a program of `model_index`; a Fallback positioned in `text`."""
    from migrate.tf2_libraries import convert as engine

    context = CONTEXT.get()
    if context is None:
        return engine(text)
    index, path, settings = context
    if path is None or not index:
        return engine(text)
    if path in index["modules"]:
        return _module_side(path, text, index, settings)
    if path in index["programs"]:
        return _program_side(path, text, index, settings)
    return engine(text)


# -- the run's joint decision (runner.run) ---------------------------------------------------
def demotions(results: list, index: dict, known: dict, compat_text) -> dict:
    """{path: (line, col, reason)} of the `--style tf2` results (runner.FileResult) converted
    (MIG601) while a partner of `index` (its model module, or a program making its class) keeps
    compat (`known` paths keep compat already); the MIG602 is positioned in the compat text the
    file is left with (`compat_text(path)`): a module at its first model class, a program at its
    import of the module. The partner is named with its reason."""
    if not index or not index.get("modules"):
        return {}
    state = {}
    for r in results:
        if r.status == "error":
            continue
        converted = r.path not in known and any(f.code == "MIG601" for _, f in r.findings)
        kept = next((f for _, f in r.findings if f.code == "MIG602"), None)
        if kept is not None and r.path.endswith(".py") and r.new_data is not None:
            kept = (_given_line(r.path, r.new_data.decode("utf-8", "replace"), kept.line, kept.col), kept.message)
        elif kept is not None:
            kept = (kept.line, kept.message)
        state[r.path] = (converted, kept)

    def told(path: str) -> str:
        _, kept = state.get(path, (False, None))
        if path in known:
            return f"{os.path.basename(path)}:{known[path][0]}: {known[path][2]}"
        if kept is None:
            return f"{os.path.basename(path)} keeps its compat migration"
        reason = kept[1].split("(--style tf2): ", 1)[-1]
        if TOGETHER in reason or TOGETHER_BODY in reason:
            return f"{os.path.basename(path)} keeps compat: see its MIG602"
        return f"{os.path.basename(path)}:{kept[0]}: {reason}"

    def at(path: str, pattern: str) -> tuple[int, int]:
        text = compat_text(path)
        found = re.search(pattern, text or "", re.MULTILINE)
        if not found:
            return 1, 1
        return text.count("\n", 0, found.start()) + 1, 1

    out: dict[str, tuple[int, int, str]] = {}
    for module, entry in index["modules"].items():
        group = [module, *(p for p, _ in entry["makers"])]
        down = [p for p in group if not state.get(p, (False, None))[0]]
        if not down:
            continue
        for path in group:
            if path in down or path in out or path in known or path not in state:
                continue
            other = down[0] if path == module or down[0] != path else module
            if path == module and "body" in entry:
                line, col = _body_placeholder(ast.parse(compat_text(path) or "")) or 1, 1
                out[path] = (line, col, f"the graph this module body builds is run by {os.path.basename(other)}, whose "
                             f"program keeps compat ({told(other)}); " + TOGETHER_BODY)
            elif path == module:
                name = next(iter(entry["classes"]))
                line, col = at(path, rf"^class\s+{name}\b")
                out[path] = (line, col, f"the model class `{name}` is made by {os.path.basename(other)}, whose program "
                             f"runs its tensors and keeps compat ({told(other)}); " + TOGETHER)
            else:
                line, col = at(path, rf"^\s*(from|import)\s+[\w.]*\b{re.escape(_stem(module))}\b")
                what = "the module body" if "body" in entry else "the model class"
                out[path] = (line, col, f"{what} of {os.path.basename(module)} that this program runs is in "
                             f"a group that keeps compat ({told(other)}); " + (TOGETHER_BODY if "body" in entry else TOGETHER))
    return out
