"""`--style tf2` across the files of one run: a model class of one module handed the Session
by the program in another (hunkim's ReinforcementZeroToAll, yukezhu's tensorflow-reinforce)::

    # dqn.py                                        # 07_2_dqn_2013_cartpole.py
    class DQN:                                      import dqn
        def __init__(self, session, n_in, n_out):   with tf.Session() as sess:
            self.session = session                      mainDQN = dqn.DQN(sess, 4, 2)
            ...                                         sess.run(tf.global_variables_initializer())
        def predict(self, state):                       ... mainDQN.predict(state) ...
            return self.session.run(self._Qpred, {self._X: state})

migrate/tf2_classes.py converts dqn.py on its own: `__init__` loses its `session` parameter (the
class computes its tensors in tf.functions). The program is converted with it here: the Session
arguments of its calls of the run's classes go, and its Session with them, as tf2_classes does
for a class of the same file (`_program_sessions`: the Session, its initializer run and
`close()`; a Session used otherwise, e.g. `sess.run(mainDQN._Qpred)` of the class's tensors,
raises Fallback).

The two files must end alike, and the run decides them together (`demotions`, a fixed point
in runner.run beside `graph_module_importers`):
- a class converted with its Session parameter removed, made (or its module imported) by a
  file that keeps compat, or called binding that parameter still: the class's module keeps
  compat, its MIG602 naming that file and line (the compat file would call `DQN(sess, ...)`
  with a parameter that is gone, and its module-level `disable_eager_execution()` would turn
  eager off for the class's TF 2 code);
- a program converted without the Session argument of a class that keeps it (its module kept
  compat): the program keeps compat, naming the class's module and its MIG602.
- a module converted with a class that kept a Session handed by a method (`set_session`: the
  method goes), imported by a file that keeps compat: the module keeps compat
  (`handed_method_demotions`; such an importer hands the Session to the method and turns eager off).
A program setting a graph seed keeps compat (and its classes with it): TF 1.x counted the op seeds
of the class's unseeded random ops in the program's graph, which the class's module does not.
The files of a run begin optimistic (every class of `session_class_index` taken as converting),
and the fixed point demotes until both rules hold. Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import contextvars
import json
import os
import re

from migrate.tf2_graph import Fallback

# {module path: {class name: (Session parameter, its index after self)}}: the classes of the
# run's .py files whose constructor keeps a Session parameter it runs (`session_class_index`;
# Settings.session_classes, set by codemods/tf2_style.apply for the file it converts; None for
# each class when the file is a notebook's program); a program reaches them through `visible`
SESSION_CLASSES: contextvars.ContextVar[dict | None] = contextvars.ContextVar("session_classes", default=None)


def constructor_sessions(tree: ast.Module) -> dict[str, tuple[str, int, int]]:
    """{class: (parameter, index after self, line of the class)} of the module's top-level
    classes whose `__init__` binds a parameter to `self.<a>` and whose methods run
    `self.<a>.run(...)`: the Session the object keeps (tf2_classes._session_attribute's shape)."""
    out = {}
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef):
            continue
        init = next((f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
        if init is None or len(init.args.args) < 2:
            continue
        runs = {n.func.value.attr for n in ast.walk(klass) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr == "run" and isinstance(n.func.value, ast.Attribute)
                and isinstance(n.func.value.value, ast.Name) and n.func.value.value.id == "self"}
        params = [a.arg for a in init.args.args[1:]]
        for stmt in ast.walk(init):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute) \
                    and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == "self" \
                    and stmt.targets[0].attr in runs and isinstance(stmt.value, ast.Name) and stmt.value.id in params:
                out[klass.name] = (stmt.value.id, params.index(stmt.value.id), klass.lineno)
                break
    return out


def init_parameters(tree: ast.Module) -> dict[str, list[str]]:
    """{class: its `__init__` parameters after self} of the module's top-level classes."""
    out = {}
    for klass in tree.body:
        if isinstance(klass, ast.ClassDef):
            init = next((f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
            if init is not None:
                out[klass.name] = [a.arg for a in [*init.args.posonlyargs, *init.args.args][1:] + init.args.kwonlyargs]
    return out


def stem(path: str) -> str:
    """The name a module is imported by: the file's stem, a package's for its `__init__.py`."""
    name = os.path.splitext(os.path.basename(path))[0]
    return os.path.basename(os.path.dirname(os.path.abspath(path))) if name == "__init__" else name


def module_dir(path: str) -> str:
    """The directory a module is imported from: its file's, a package's parent for `__init__.py`."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.path.dirname(folder) if os.path.splitext(os.path.basename(path))[0] == "__init__" else folder


def session_class_index(paths: list[str]) -> dict[str, dict[str, tuple[str, int]]]:
    """{module path: {class: (Session parameter, index)}} over the run's .py `paths` (their
    text as given: the compat pass renames no parameter): the modules with such classes, and
    every file whose stem another file of the run has too (with {} when it has none), which
    `visible` needs to tell which of them a program imports."""
    index: dict[str, dict] = {}
    stems: dict[str, list[str]] = {}
    for path in paths:
        if not path.endswith(".py"):
            continue
        stems.setdefault(stem(path), []).append(path)
        try:
            with open(path, "rb") as handle:
                tree = ast.parse(handle.read())
        except (OSError, SyntaxError, ValueError):
            continue
        found = constructor_sessions(tree)
        if found:
            index[path] = {k: (param, i) for k, (param, i, _) in found.items()}
    for shared in (p for ps in stems.values() if len(ps) > 1 for p in ps):
        index.setdefault(shared, {})
    return index


def visible(index: dict, importer: str | None) -> dict[str, tuple[str, dict]]:
    """{module stem: (path, {class: (Session parameter, index)})} of the `index` modules that
    `import <stem>` reaches from the file `importer`: the module beside it (a script's
    directory is the first of sys.path), else the run's one file of that stem (a stem two files
    share, neither beside the importer, reaches none: which one it imports is not known)."""
    by_stem: dict[str, list[str]] = {}
    for path in index:
        by_stem.setdefault(stem(path), []).append(path)
    here = os.path.dirname(os.path.abspath(importer)) if importer else None
    out = {}
    for name, paths in by_stem.items():
        chosen = next((p for p in paths if module_dir(p) == here), None) or (paths[0] if len(paths) == 1 else None)
        if chosen is not None and index[chosen]:
            out[name] = (chosen, index[chosen])
    return out


def _module_names(tree: ast.Module) -> tuple[dict[str, str], dict[str, tuple[str, str]], set[str]]:
    """The imports of a module: ({dotted name bound to a module: its stem},
    {name bound to an imported object: (module stem, object name)}, {stems imported})."""
    modules, objects, imported = {}, {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                last = alias.name.split(".")[-1]
                imported.add(last)
                modules[alias.asname or alias.name] = last  # `import a.b` binds `a`: calls read `a.b.C`
        elif isinstance(node, ast.ImportFrom):
            base = (node.module or "").split(".")[-1] if node.module else ""
            if base:
                imported.add(base)
            for alias in node.names:
                if alias.name == "*":
                    continue
                imported.add(alias.name)  # `from pkg import module`
                modules[alias.asname or alias.name] = alias.name
                if base:
                    objects[alias.asname or alias.name] = (base, alias.name)
    return modules, objects, imported


def class_calls(tree: ast.Module, index: dict, own: str | None = None) -> list[tuple[ast.Call, str, str, str]]:
    """The calls in `tree` of the classes of `index` ({stem: {class: ...}}) of other modules
    than `own`: (call, module stem, class, the callee as written)."""
    from migrate.prescan import dotted_name

    modules, objects, _ = _module_names(tree)
    out = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        written = dotted_name(call.func)
        if written is None:
            continue
        found = None
        if "." in written:
            module, _, name = written.rpartition(".")
            if module in modules:
                found = (modules[module], name)
        elif written in objects:
            found = objects[written]
        if found is not None and found[0] != own and found[1] in index.get(found[0], {}):
            out.append((call, found[0], found[1], written))
    return out


def _bound_argument(call: ast.Call, param: str, index: int):
    """The argument of `call` bound to the parameter (`param`, positional `index`), None when
    none is; False when a starred argument hides it."""
    keyword = next((k for k in call.keywords if k.arg == param), None)
    if keyword is not None:
        return keyword
    if any(isinstance(a, ast.Starred) for a in call.args[:index + 1]) or any(k.arg is None for k in call.keywords):
        return False
    return call.args[index] if index < len(call.args) else None


def handoffs(text: str):
    """`text` (a compat-migrated module) with the Session arguments of its calls of the run's
    Session-keeping classes of other modules (SESSION_CLASSES) removed and its Sessions gone
    with them (tf2_classes' rule for the program's Sessions), and a function taking a Fallback
    of the new text back to `text`; None when it makes no such call. Raises Fallback
    (positioned in `text`) where the hand-off cannot be removed exactly."""
    from migrate.tf2_classes import _merged, _program_sessions, _session_attribute
    from migrate.tf2_graph import INTERACTIVE, SESSION, Converter, _replace_lines
    from migrate.tf2_modelmodules import PATH

    reached = visible(SESSION_CLASSES.get() or {}, PATH.get())
    index = {module: classes for module, (_, classes) in reached.items()}
    if not index:
        return None
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    calls = class_calls(c.tree, index)
    if not calls:
        return None
    sessions = {t.id for n in ast.walk(c.tree) if isinstance(n, ast.Assign) and c.call_name(n.value) in (SESSION, INTERACTIVE)
                for t in n.targets if isinstance(t, ast.Name)}
    sessions |= {i.optional_vars.id for n in ast.walk(c.tree) if isinstance(n, ast.With) for i in n.items
                 if c.call_name(i.context_expr) in (SESSION, INTERACTIVE) and isinstance(i.optional_vars, ast.Name)}
    removed = []
    for call, module, name, written in calls:
        if index[module][name] is None:  # runner._notebook_tf2_style
            raise c.fail(call, f"the Session is handed to `{written}`, a class of the module `{module}` keeping it: "
                         "a notebook is not converted with a class of another file (the run could not keep the "
                         "notebook compat again if the class does not convert)")
        param, position = index[module][name]
        argument = _bound_argument(call, param, position)
        if argument is False or argument is None:
            raise c.fail(call, f"`{written}` (a class of the module `{module}` keeping a Session) made without its "
                         f"Session argument `{param}` written out")
        value = argument.value if isinstance(argument, ast.keyword) else argument
        if not (isinstance(value, ast.Name) and value.id in sessions):
            raise c.fail(value, f"the Session argument of `{written}` (a class of the module `{module}` keeping a "
                         "Session) is not a Session this file makes")
        removed.append(argument)
    _seeded(c, calls, {module: path for module, (path, _) in reached.items()})
    local = [k.name for k in c.tree.body if isinstance(k, ast.ClassDef) and _session_attribute(k) is not None]
    if local:
        raise c.fail(calls[0][0], f"the Session is handed to `{calls[0][3]}` of the module `{calls[0][1]}` and to this "
                     f"file's class `{local[0]}`: converted for one or the other")
    handed = ", ".join(sorted({f"`{w}` of the module `{m}`" for _, m, _, w in calls}))
    new, first = _replace_lines(text, c, _without_arguments(c, calls, removed))
    try:  # the Sessions, now used only by the initializer's run and close(), go (tf2_classes' rule)
        c2 = Converter(new)
        new, second = _replace_lines(new, c2, _merged(c2, _program_sessions(c2, [], [], frozenset(w for _, _, _, w in calls))))
    except Fallback as stop:
        reason = stop.reason
        if " is used otherwise than " in reason:
            reason = (f"{reason.split(' is used otherwise than ')[0]} is handed to {handed} (a class of another "
                      "module of this run, whose objects keep it: that hand-off is converted, with the class) and used "
                      "otherwise here (a run of the class's tensors or of this file's graph), which is not")
        else:
            reason += f" (the Session handed to {handed})"
        raise first(Fallback(stop.construct, stop.line, stop.col, reason)) from None
    except SyntaxError:
        return None
    return new, lambda later: first(second(later))


# what draws random values in a module's text: TF's random ops, initializers (get_variable's and the
# layers' defaults among them), dropout
_RANDOM = re.compile(r"\btf\.[\w.]*(random|initializer|get_variable|layers|dropout|xavier|glorot|truncated_normal)")


def _seeded(c, calls, paths: dict[str, str]) -> None:
    """Fallback at the program's graph seed (`tf.set_random_seed(s)`) when a class it hands its
    Session to draws random values in its module: TF 1.x derived their op seeds from the
    program's graph (its seed and the ops made before them), which the class, converted in its
    own module, does not follow (unseeded programs draw anew at each run in both styles)."""
    from migrate.tf2_graph import SEEDS

    seed = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) in SEEDS), None)
    if seed is None:
        return
    for _, module, _, written in calls:
        try:
            with open(paths[module], encoding="utf-8", errors="replace") as handle:
                drawn = _RANDOM.search(handle.read())
        except OSError:
            continue
        if drawn:
            raise c.fail(seed, f"the program sets a graph seed and hands its Session to `{written}` of "
                         f"{os.path.basename(paths[module])}, which draws random values (`{drawn.group(0)}`): TF 1.x "
                         "derived their op seeds from this program's graph (its seed and the ops made before them), "
                         "which the class converted in its own module does not follow; converted when the program "
                         "sets no seed")


def _without_arguments(c, calls, removed) -> list[tuple[int, int, str]]:
    """Whole-line replacements removing each of `removed` (arguments of `calls`) with its comma
    and the space up to the next argument, over line breaks too (yukezhu's
    `NeuralQLearner(sess,\n optimizer, ...)` -> `NeuralQLearner(optimizer, ...)`). Fallback
    when a comment is in the text removed."""
    spans = []
    for (call, _, _, _), argument in zip(calls, removed):
        siblings = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
        index = siblings.index(argument)
        if index + 1 < len(siblings):
            start, end = c.offset(argument), c.offset(siblings[index + 1])
        elif index > 0:
            start, end = c.end_offset(siblings[index - 1]), c.end_offset(argument)
        else:
            start, end = c.offset(argument), c.end_offset(argument)
        if "#" in c.text[start:end]:
            raise c.fail(argument, "a comment beside the Session argument, which the conversion removes")
        spans.append((start, end))
    lines: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in spans:  # the lines each span touches; spans sharing a line are cut together
        first, last = c.text.count("\n", 0, start) + 1, c.text.count("\n", 0, end) + 1
        for key in list(lines):
            if key[0] <= last and first <= key[1]:
                first, last = min(first, key[0]), max(last, key[1])
                spans_there = lines.pop(key)
                lines.setdefault((first, last), []).extend(spans_there)
        lines.setdefault((first, last), []).append((start, end))
    out = []
    for (first, last), cut in lines.items():
        base = c.starts[first - 1]
        region = "".join(c.lines[first - 1:last])
        for start, end in sorted(cut, reverse=True):
            region = region[:start - base] + region[end - base:]
        out.append((first, last, region))
    return out


def convert(text: str) -> str:
    """tf2_graph.convert of `text` after `handoffs`; a Fallback positioned in `text`."""
    from migrate.tf2_graph import convert as engine

    handed = handoffs(text)
    if handed is None:
        return engine(text)
    try:
        return engine(handed[0])
    except Fallback as later:
        raise handed[1](later) from None


# -- the run's joint decision (runner.run) -------------------------------------------------
_MAGIC = re.compile(r"^\s*[%!]")


def _program_text(path: str, data: bytes | None) -> str | None:
    """A .py file's text, or a notebook's code cells joined (IPython magics blanked)."""
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
    text = data.decode("utf-8", "replace")
    if path.endswith(".ipynb"):
        try:
            cells = [c.get("source", "") for c in json.loads(text).get("cells", []) if c.get("cell_type") == "code"]
            text = "\n".join("".join(s) if isinstance(s, list) else str(s) for s in cells)
        except (ValueError, AttributeError, TypeError):
            return None  # not a notebook's JSON (its own run reports it with the file's name)
        text = "\n".join("" if _MAGIC.match(line) else line for line in text.splitlines())
    return text


def _parsed(text: str | None) -> ast.Module | None:
    try:
        return ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError):
        return None


def _dotted_text(node) -> str | None:
    from migrate.prescan import dotted_name

    return dotted_name(node)


def _calls_by_class(tree, index, own) -> dict[tuple[str, str], list[tuple[ast.Call, str]]]:
    """{(module stem, class): [(call, callee as written)] in source order} of `class_calls`."""
    out: dict[tuple[str, str], list] = {}
    if tree is None:
        return out
    for call, module, name, written in sorted(class_calls(tree, index, own), key=lambda x: (x[0].lineno, x[0].col_offset)):
        out.setdefault((module, name), []).append((call, written))
    return out


TOGETHER = "the two convert together"


def _input_line(given: str | None, final: str | None, finding) -> int:
    """The line, in the text given, of a warning positioned in the file's new text."""
    from migrate.input_positions import map_to_input

    if given is None or final is None:
        return finding.line
    site = type("Site", (), {"kind": "warning", "line": finding.line, "col": finding.col})()
    map_to_input(given, final, [site])
    return site.line


def _own(reason: str) -> str:
    """A file's MIG602 reason as another file's names it: not again when it is itself one of these."""
    return "see its MIG602" if reason.endswith(TOGETHER) else reason


def _at(compat: str | None, pattern: str, nth: int) -> tuple[int, int]:
    """(line, col) of the `nth` (0-based) match of `pattern` in a file's compat text (where its
    MIG602 is positioned: the compat pass keeps class statements and calls of the user's
    names); (1, 1) when not found."""
    if compat is not None:
        found = list(re.finditer(pattern, compat, re.MULTILINE))
        if nth < len(found):
            start = found[nth].start()
            return compat.count("\n", 0, start) + 1, start - (compat.rfind("\n", 0, start) + 1) + 1
    return 1, 1


def demotions(results: list, skipped: list[str], index: dict, known: dict, compat_text=None) -> dict:
    """{path: (line, col, reason)} of the `--style tf2` results (runner.FileResult) that must
    keep compat for a class of `index` (`session_class_index`) handed a Session across files,
    as the module docstring says; `skipped` are the run's files without TensorFlow (read from
    disk: a call in them binds the Session parameter too); `known` paths keep compat already.
    Each MIG602 is positioned in the compat text its file is left with (`compat_text(path)`
    gives it for a converted file: the class statement, the program's call); the other file is
    named with its line in the text given (read from disk: the run writes after deciding)."""
    from migrate.runner import GRAPH_SWITCH

    if not index:
        return {}
    rows = [(r.path, r, r.new_data) for r in results] + [(p, None, None) for p in skipped]
    final, given, converted, kept = {}, {}, {}, {}
    for path, result, data in rows:
        if not path.endswith((".py", ".ipynb")) or result is not None and result.status == "error":
            continue
        given[path] = _program_text(path, None)
        final[path] = _program_text(path, data) if data is not None else given[path]
        findings = result.findings if result is not None else []
        converted[path] = path not in known and any(f.code == "MIG601" for _, f in findings)
        kept[path] = next((f for _, f in findings if f.code == "MIG602"), None)

    def why(path: str) -> tuple[int, str] | None:
        """A file's MIG602 as (line in the text given, reason), or None."""
        finding = kept[path]
        if finding is None:
            return None
        line = _input_line(given[path], final[path], finding) if path.endswith(".py") else finding.line
        return line, _own(finding.message.split("(--style tf2): ", 1)[-1])

    def class_line(path: str, name: str) -> tuple[int, int]:
        """The class statement's place in the compat text its module (`path`) is left with."""
        compat = final[path] if not converted[path] else compat_text(path) if compat_text else None
        return _at(compat, rf"^class\s+{re.escape(name)}\b", 0)
    owners = [p for p in given if p.endswith(".py") and index.get(p)]
    # a class's state ({(module path, class)}): its module converted with the Session parameter gone, or not
    removed: dict[tuple[str, str], bool] = {}
    for path in owners:
        tree = _parsed(final[path])
        params = init_parameters(tree) if tree is not None else {}
        for name, (param, _) in index[path].items():
            removed[path, name] = converted[path] and name in params and param not in params[name]
    out: dict[str, tuple[int, int, str]] = {}
    made: set[tuple[str, str]] = set()  # classes some file of the run makes
    for path in owners:
        tree = _parsed(given[path])
        made |= {(path, n.func.id) for n in ast.walk(tree) if tree is not None and isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id in index[path]} if tree is not None else set()
    for path, text in given.items():
        old, new = _parsed(text), _parsed(final[path])
        if old is None:
            continue
        own = stem(path) if path.endswith(".py") else None
        name_of = os.path.basename(path)
        reached = {module: found for module, found in visible(index, path).items() if found[0] in given}
        classes = {module: found[1] for module, found in reached.items()}
        before, after = _calls_by_class(old, classes, own), _calls_by_class(new, classes, own)
        made |= {(reached[module][0], name) for module, name in before}
        for (module, name), calls in before.items():
            owner = reached[module][0]
            param = classes[module][name][0]
            later = after.get((module, name), [])
            # each call of the converted text without the argument bound to the Session parameter
            dropped = len(later) == len(calls) and all(
                not any(k.arg == param for k in b.keywords) and len(b.args) + len(b.keywords) + 1
                == len(a.args) + len(a.keywords) for (a, _), (b, _) in zip(calls, later))
            call, written = calls[0]
            if removed[owner, name]:
                if converted[path] and dropped or owner in out or owner in known:
                    continue
                reason = why(path)[1] if kept[path] else "it keeps its compat migration"
                if converted[path]:
                    reason = "it converts calling the class with the Session parameter bound"
                out[owner] = (*class_line(owner, name), (
                    f"`{name}` is made with a Session at {name_of}:{call.lineno} (`{written}(...)`), a file of this run "
                    f"that keeps compat ({reason}): converted, the class would have no `{param}` parameter for that call; "
                    + TOGETHER))
            elif converted[path] and any(
                    len(b.args) + len(b.keywords) < len(a.args) + len(a.keywords) for (a, _), (b, _) in zip(calls, later)) \
                    and path.endswith(".py") and path not in out and path not in known:
                told = why(owner)
                where = f"{os.path.basename(owner)}:{told[0]}: {told[1]}" if told else \
                    f"{os.path.basename(owner)} converts keeping it"
                if told and told[1] == _own(TOGETHER):
                    where = f"{os.path.basename(owner)} keeps compat: see its MIG602"
                nth = sum(1 for n in ast.walk(old) if isinstance(n, ast.Call) and (n.lineno, n.col_offset)
                          < (call.lineno, call.col_offset) and _dotted_text(n.func) == written)
                compat = compat_text(path) if compat_text else None
                out[path] = (*_at(compat, rf"(?<![\w.]){re.escape(written)}\s*\(", nth), (
                    f"the Session is handed to `{written}`, the class of {os.path.basename(owner)}, which keeps its "
                    f"Session parameter ({where}): " + TOGETHER))
        # a module whose class converted, imported by a file that stays a graph module: its
        # `disable_eager_execution()` at import turns eager off for the class's TF 2 code
        if converted[path] or final[path] is None or not GRAPH_SWITCH.search(final[path]):
            continue
        for node in ast.walk(old):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or "", *(f"{node.module}.{a.name}" for a in node.names)] if isinstance(node, ast.ImportFrom) \
                else []
            for dotted in names:
                for part in dotted.split("."):
                    owner = reached.get(part, (None,))[0]
                    if owner is None or owner == path or owner in out or owner in known \
                            or not any(removed.get((owner, k)) for k in index[owner]):
                        continue
                    reason = why(path)[1] if kept[path] else "it keeps its compat migration"
                    klass = next(k for k in index[owner] if removed[owner, k])
                    out[owner] = (*class_line(owner, klass), (
                        f"`{part}` is imported at {name_of}:{node.lineno}, a file of this run that keeps compat ({reason}): "
                        f"its `disable_eager_execution()` would turn eager execution off for this module's TF 2 code, "
                        f"and a Session handed to `{klass}` would meet no Session parameter; " + TOGETHER))
    for (owner, name), gone in removed.items():
        # made by no file of the run: by code elsewhere, which hands it a Session (a subclass's
        # `super().__init__(session, ...)` too), and which would meet no Session parameter
        if gone and (owner, name) not in made and owner not in out and owner not in known:
            param = index[owner][name][0]
            out[owner] = (*class_line(owner, name), (
                f"`{name}` keeps the Session its constructor is handed (`{param}`), and no file of this run makes it: "
                f"converted, it would have no `{param}` parameter for the code that makes it elsewhere with a Session; "
                "migrate that code in the same run, and they convert together"))
    return out


def handed_method_demotions(results: list, known: dict, compat_text=None) -> dict:
    """{path: (line, col, reason)} of the modules of the run converted (MIG601) with a model class
    that kept a Session handed by a method (`set_session(self, session)`, tf2_classes: the method
    goes, the class computes in tf.functions), imported by a file of the run that keeps compat
    (its new text turns eager off at import: `GRAPH_SWITCH`). That file's code would call the
    methods gone (the Cookbook's Recommender notebook: `recommender.set_session(sess)` of rbm.py's
    RBM; such a file keeps compat, tf2_graph naming the method handed the Session), and its
    `disable_eager_execution()` would turn eager off for the module's TF 2 code: the module keeps
    compat, its MIG602 at the class naming the import. (A Session handed to the constructor:
    `demotions`.) `known` paths keep compat already."""
    from migrate.runner import GRAPH_SWITCH
    from migrate.tf2_classes import _session_attribute

    index: dict[str, dict] = {}
    files = []
    for result in results:
        path = result.path
        if not path.endswith((".py", ".ipynb")) or result.status == "error":
            continue
        converted = path not in known and any(f.code == "MIG601" for _, f in result.findings)
        files.append((path, result, converted))
        if path.endswith(".py"):
            index.setdefault(path, {})  # (every module, so that `visible` tells apart two of one stem)
            tree = _parsed(_program_text(path, None)) if converted else None  # (only converted modules read here)
            for klass in tree.body if tree is not None else []:
                if isinstance(klass, ast.ClassDef) and _session_attribute(klass) is not None \
                        and klass.name not in constructor_sessions(tree):
                    index[path][klass.name] = klass.lineno
    if not any(index.values()):
        return {}
    out: dict[str, tuple[int, int, str]] = {}
    for path, result, converted in files:
        if converted:
            continue
        given = _program_text(path, None)
        final = _program_text(path, result.new_data) if result.new_data is not None else given
        tree = _parsed(given)
        if tree is None or final is None or not GRAPH_SWITCH.search(final):
            continue
        reached = visible(index, path)
        kept = next((f for _, f in result.findings if f.code == "MIG602"), None)
        reason = _own(kept.message.split("(--style tf2): ", 1)[-1]) if kept else "it keeps its compat migration"
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or "", *(f"{node.module}.{a.name}" for a in node.names)] if isinstance(node, ast.ImportFrom) \
                else []
            for part in (p for dotted in names for p in dotted.split(".")):
                owner, classes = reached.get(part, (None, {}))
                if owner is None or owner == path or owner in out or owner in known:
                    continue
                klass = next(iter(classes))
                compat = compat_text(owner) if compat_text else None
                out[owner] = (*_at(compat, rf"^class\s+{re.escape(klass)}\b", 0), (
                    f"`{part}` is imported at {os.path.basename(path)}:{node.lineno}, a file of this run that keeps "
                    f"compat ({reason}): its `disable_eager_execution()` would turn eager execution off for this "
                    f"module's TF 2 code, and its code would call the TF 1.x methods of `{klass}` the conversion drops "
                    "(the Session handed to a method)"))
    return out
