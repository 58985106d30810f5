"""`--style tf2`: model classes keeping their own graph and Session as attributes (CreatCodeBuild's
TensorFlow-and-DeepLearning-Tutorial `Network`)::

    class Network:
        def __init__(self, num_hidden):
            self.graph = tf.Graph()
            self.tf_x = None                              # declared: bound first by the graph
        def define_graph(self):
            with self.graph.as_default():
                self.tf_x = tf.compat.v1.placeholder(...)
                ...
        def run(self):
            self.session = tf.compat.v1.Session(graph=self.graph)
            with self.session as session:
                tf.compat.v1.initialize_all_variables().run()
                ... session.run([self.optimizer, self.loss], feed_dict={self.tf_x: x})
                ... self.prediction.eval(feed_dict={self.tf_x: x})

written, before tf2_classes converts the class, as the class keeping its Session that it converts
(`self.session = tf.compat.v1.Session()`, `self.session.run(...)`)::

        def define_graph(self):
            self.tf_x = tf.compat.v1.placeholder(...)
            ...
        def run(self):
            self.session = tf.compat.v1.Session()
            self.session.run(tf.compat.v1.initialize_all_variables())
            ... self.session.run([self.optimizer, self.loss], feed_dict={self.tf_x: x})
            ... self.session.run(self.prediction, feed_dict={self.tf_x: x})

Why it computes what TF 1.x computed:
- the graph (`self.G = tf.Graph()`, no argument, bound once) is read only as the default graph of
  the class's ops (`with self.G.as_default():` alone in its `with`: the header goes, the body is
  dedented), as the graph of its Session (`graph=self.G`) and of its FileWriter (`FileWriter(logdir,
  self.G)`: TF 2's writer shows no graph, as the engine's FileWriter drops the argument): in eager
  TF 2 there is no graph, as `Converter.unwrap_graph` does for a program's `g = tf.Graph()`. A graph
  seed set as the first statement of the (one) block seeded that graph before any of its ops: with
  the class made once and the block run once (its method called once), it is the program's seed,
  set above the class, where tf2_classes counts the op seeds from (nothing else builds random ops:
  tf2_classes' `_check_random_ops`). A seed set anywhere else seeded the default graph, not the
  class's: a Fallback.
- `with self.S as s:` (one item, a statement of its method's own body) made `self.S` the default
  Session (and its graph the default graph) in the block, and closed it at the block's end: the
  Session attribute bound once (`tf.compat.v1.Session()`, given at most the graph) and read only
  there, the method called once in the file (a second call ran a closed Session, or a new one
  initializing the variables again), the block's statements are the method's own, `s.run(...)`
  is `self.S.run(...)`, `x.eval(feed)` and `op.run(feed)` of a tensor attribute or a TensorFlow
  call are `self.S.run(x, feed)` (Tensor.eval and Operation.run call the default Session's run).
  What the block calls (a function of the file, a method of the class, transitively) running
  `.eval()` / `.run()` in the default Session or reading it is a Fallback; so is `s` used otherwise.
- `self.X = None` in `__init__` where the graph method's first statement touching X binds it (the
  placeholders and tensors declared) goes: tf2_classes keeps no tensor attribute, and the None was
  read only where TF 1.x raised (a run before the graph was built).
tf2_classes then converts the class (the Session made and initialized in a method the program calls
once: `_ClassRewrite._opened`). Measured: tests/e2e/tf2_runs/own_graph_network.py, the same digits.
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import itertools

from migrate.tf2_graph import (
    FILE_WRITER,
    GRAPH,
    INTERACTIVE,
    SEEDS,
    SESSION,
    Converter,
    _own_nodes,
    _string_continuation_lines,
)

GET_DEFAULT_SESSION = "tf.compat.v1.get_default_session"


def _self_attribute(node, attr: str | None = None) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" and (
        attr is None or node.attr == attr)


NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _block_nested(node: ast.AST):
    """The defs, lambdas and classes nested in `node`'s own statements."""
    return (n for n in _own_nodes(node) if isinstance(n, NESTED))


class _Edits:
    """Character edits on the text (offsets) and the characters each line loses at its start."""

    def __init__(self, c: Converter) -> None:
        self.c = c
        self.spans: list[tuple[int, int, str]] = []
        self.dedent: dict[int, int] = {}  # line -> characters removed at its start
        self.removed: set[int] = set()  # lines removed whole

    def unwrap(self, stmt: ast.With) -> bool:
        """The `with` header's lines go and its body is dedented; False when the body shares its line."""
        c = self.c
        header_end = stmt.items[-1].context_expr.end_lineno
        if stmt.items[-1].optional_vars is not None:
            header_end = stmt.items[-1].optional_vars.end_lineno
        if stmt.body[0].lineno <= header_end or not c.lines[header_end - 1].rstrip().endswith(":"):
            return False
        self.spans.append((c.starts[stmt.lineno - 1], c.starts[header_end], ""))
        delta = len(_indent(c.lines[stmt.body[0].lineno - 1])) - len(_indent(c.lines[stmt.lineno - 1]))
        skip = set().union(*(_string_continuation_lines(s) for s in stmt.body))
        for line in range(header_end + 1, stmt.end_lineno + 1):
            text = c.lines[line - 1]
            if line not in skip and text.strip() and text[:delta].strip() == "" and len(text) > delta:
                self.dedent[line] = self.dedent.get(line, 0) + delta
        return True

    def remove_lines(self, first: int, last: int) -> None:
        self.removed.update(range(first, last + 1))
        self.spans.append((self.c.starts[first - 1], self.c.starts[last], ""))

    def apply(self) -> str | None:
        c = self.c
        spans = list(self.spans)
        for line, delta in self.dedent.items():
            if line in self.removed:
                continue
            spans.append((c.starts[line - 1], c.starts[line - 1] + delta, ""))
        spans.sort(key=lambda s: (s[0], s[1]))
        for a, b in itertools.pairwise(spans):
            if b[0] < a[1]:
                return None  # overlapping edits: not this shape
        text = c.text
        for start, end, new in reversed(spans):
            text = text[:start] + new + text[end:]
        return text


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def own_graph_classes(c: Converter):
    """(new text, a function taking a Fallback of it back to `c`'s text) with the module's classes
    keeping their own graph (`self.graph = tf.Graph()`) and/or opening the Session they keep in a
    `with self.session as session:` block written as above; None when no class has that shape.
    Raises Fallback (positioned in `c`'s text) for such a class whose graph or Session is used
    otherwise."""
    from migrate.tf2_layers import fallback_mapper

    classes = [k for k in c.tree.body if isinstance(k, ast.ClassDef)]
    edits = _Edits(c)
    changed = False
    for klass in classes:
        graph = _graph_attribute(c, klass)
        opened = _opened_session(c, klass)
        if graph is None and opened is None:
            continue
        if graph is not None:
            _graph_edits(c, klass, graph, edits)
        if opened is not None:
            _session_edits(c, klass, opened, edits)
        changed = True
    if not changed:
        return None
    new = edits.apply()
    if new is None or new == c.text:
        return None
    return new, fallback_mapper(c.text, new)


# -- the graph attribute ---------------------------------------------------------------
def _graph_attribute(c: Converter, klass: ast.ClassDef) -> tuple[str, ast.Assign] | None:
    """(attribute, its binding) of `self.G = tf.Graph()` in a method of the class."""
    for method in klass.body:
        if not isinstance(method, ast.FunctionDef):
            continue
        for stmt in method.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0]) \
                    and c.call_name(stmt.value) == GRAPH:
                return stmt.targets[0].attr, stmt
    return None


def _graph_edits(c: Converter, klass: ast.ClassDef, graph: tuple[str, ast.Assign], edits: _Edits) -> None:
    attr, binding = graph
    call = binding.value
    if call.args or call.keywords:
        raise c.fail(call, "a tf.Graph with arguments")
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    blocks: list[ast.With] = []
    for node in _attribute_reads(c, klass, attr):
        if node is binding.targets[0]:
            continue
        if not _self_attribute(node) or not klass.lineno <= node.lineno <= klass.end_lineno or not isinstance(node.ctx, ast.Load):
            raise _graph_read(c, node, attr, parents)
        parent = parents.get(id(node))
        use = parents.get(id(parent))
        item = parents.get(id(use))
        if isinstance(parent, ast.Attribute) and parent.attr == "as_default" and isinstance(use, ast.Call) \
                and use.func is parent and not use.args and not use.keywords and isinstance(item, ast.withitem) \
                and item.optional_vars is None and len(parents[id(item)].items) == 1:
            block = parents[id(item)]
            if not edits.unwrap(block):
                raise c.fail(block, f"a `with self.{attr}.as_default():` whose body shares its line")
            blocks.append(block)
        elif isinstance(parent, ast.keyword) and parent.arg == "graph" and c.call_name(use) in (SESSION, INTERACTIVE, FILE_WRITER):
            edits.spans.append((*c.keyword_span(use, parent), ""))
        elif isinstance(parent, ast.Call) and c.call_name(parent) == FILE_WRITER and len(parent.args) == 2 \
                and parent.args[1] is node:
            edits.spans.append((c.end_offset(parent.args[0]), c.end_offset(node), ""))  # `FileWriter(logdir, self.G)`
        else:
            raise _graph_read(c, node, attr, parents)
    edits.remove_lines(binding.lineno, binding.end_lineno)
    _seed_edits(c, klass, attr, blocks, edits)
    _declared_none(c, klass, blocks, edits)


def _graph_read(c: Converter, node: ast.Attribute, attr: str, parents: dict):
    statement = node
    while not isinstance(statement, ast.stmt):
        statement = parents[id(statement)]
    return c.fail(node, f"`self.{attr}`, the class's graph, read here (`{c.source(statement).splitlines()[0].strip()[:50]}`): "
                  "in TF 2 there is no graph object (converted where it is only made default around the class's ops "
                  "and given to its Session or FileWriter)")


def _seed_edits(c: Converter, klass: ast.ClassDef, attr: str, blocks: list[ast.With], edits: _Edits) -> None:
    """A graph seed set first in the one `with self.G.as_default():` block, the class made once and the
    block run once: set above the class instead (the program's seed, tf2_classes counting from it)."""
    seeds = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) in SEEDS]
    if not seeds:
        return
    why = f"a graph seed set outside `with self.{attr}.as_default():` (it seeded the default graph, not the class's)"
    first = blocks[0].body[0] if len(blocks) == 1 else None
    seed = seeds[0]
    if not (isinstance(first, ast.Expr) and first.value is seed):
        seed = next((s for s in seeds if not (isinstance(first, ast.Expr) and first.value is s)), seed)
        raise c.fail(seed, why)
    if len(seeds) > 1:
        raise c.fail(seeds[1], why)
    if len(seed.args) != 1 or seed.keywords or not isinstance(seed.args[0], ast.Constant) \
            or not isinstance(seed.args[0].value, int) or isinstance(seed.args[0].value, bool):
        raise c.fail(seed, f"a graph seed of `self.{attr}` other than a whole number written out")
    method = next(m for m in klass.body if isinstance(m, ast.FunctionDef) and m.lineno <= blocks[0].lineno <= m.end_lineno)
    if not any(s is blocks[0] for s in method.body) or not _made_once(c, klass) or not _called_once(c, klass, method):
        raise c.fail(seed, f"a graph seed of `self.{attr}` where the class may make several graphs (made once, its "
                     f"`with self.{attr}.as_default():` run once: its seed is the program's)")
    edits.remove_lines(first.lineno, first.end_lineno)
    start = min([d.lineno for d in klass.decorator_list] + [klass.lineno])
    at = c.starts[start - 1]
    edits.spans.append((at, at, c.source(seed) + "\n\n\n"))


def _declared_none(c: Converter, klass: ast.ClassDef, blocks: list[ast.With], edits: _Edits) -> None:
    """`self.X = None` in `__init__` (before its call of the graph method, if any) where X is bound
    first, in the graph block, by an assignment."""
    init = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), None)
    if init is None or len(blocks) != 1:
        return
    body = blocks[0].body
    holder = next(m for m in klass.body if isinstance(m, ast.FunctionDef) and m.lineno <= blocks[0].lineno <= m.end_lineno)
    for stmt in init.body:
        if any(isinstance(n, ast.Call) and _self_attribute(n.func, holder.name) for n in ast.walk(stmt)):
            break  # (the graph built by `__init__` before: a None after it was the value read)
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0])
                and isinstance(stmt.value, ast.Constant) and stmt.value.value is None):
            continue
        name = stmt.targets[0].attr
        if sum(isinstance(n, ast.Attribute) and n.attr == name for n in ast.walk(init)) != 1:
            continue
        leaf = _first_touching(body, name)
        if isinstance(leaf, ast.Assign) and len(leaf.targets) == 1 and _self_attribute(leaf.targets[0], name) and not any(
                isinstance(n, ast.Attribute) and n.attr == name for n in ast.walk(leaf.value)):
            edits.remove_lines(stmt.lineno, stmt.end_lineno)


def _first_touching(body: list[ast.stmt], name: str):
    """The first statement of `body` reading or binding the attribute `name`, looking into `with` blocks
    whose header does not (`with tf.name_scope('inputs'):` around the placeholders)."""
    for stmt in body:
        if any(isinstance(n, ast.Attribute) and n.attr == name for n in ast.walk(stmt)):
            if isinstance(stmt, ast.With) and not any(isinstance(n, ast.Attribute) and n.attr == name
                                                      for i in stmt.items for n in ast.walk(i)):
                return _first_touching(stmt.body, name)
            return stmt
    return None


# -- the Session opened in a `with` -------------------------------------------------------
def _opened_session(c: Converter, klass: ast.ClassDef):
    """(attribute, its binding, the `with` block, its method) of `with self.S as s:` where `self.S`
    is bound to a Session in a method of the class; None for no such block."""
    for method in klass.body:
        if not isinstance(method, ast.FunctionDef):
            continue
        for node in ast.walk(method):
            if not isinstance(node, ast.With):
                continue
            for item in node.items:
                if not _self_attribute(item.context_expr):
                    continue
                attr = item.context_expr.attr
                binds = [s for s in ast.walk(klass) if isinstance(s, ast.Assign) and len(s.targets) == 1
                         and _self_attribute(s.targets[0], attr) and c.call_name(s.value) in (SESSION, INTERACTIVE)]
                if binds:
                    return attr, binds, node, method
    return None


def _session_edits(c: Converter, klass: ast.ClassDef, opened, edits: _Edits) -> None:
    attr, binds, block, method = opened
    label = f"`with self.{attr}` block"
    if len(binds) > 1:
        raise c.fail(binds[1], f"the Session `self.{attr}` made more than once (its {label} opens one of them)")
    binding = binds[0]
    session = binding.value
    if session.args or any(k.arg != "graph" or not _self_attribute(k.value) for k in session.keywords):
        raise c.fail(session, f"a Session with arguments other than the class's graph (opened in a {label})")
    holder = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.lineno <= binding.lineno <= m.end_lineno), None)
    if holder is None or not any(s is binding for s in holder.body) or holder is method and binding.lineno > block.lineno:
        raise c.fail(binding, f"the Session `self.{attr}` made otherwise than by a statement of a method before its {label}")
    reads = [n for n in _attribute_reads(c, klass, attr) if n is not binding.targets[0]]
    if len(block.items) != 1:
        raise c.fail(block, f"a {label} beside other context managers")
    item = block.items[0]
    other = next((n for n in reads if n is not item.context_expr), None)
    if other is not None:
        raise c.fail(other, f"`self.{attr}` read beside its `with` block (the block closed the Session at its end: "
                     "converted where the Session is used only in it)")
    if not any(s is block for s in method.body):
        raise c.fail(block, f"a {label} inside a loop, a branch or another block of `{method.name}` (converted as a "
                     "statement of the method's own body)")
    name = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else None
    if item.optional_vars is not None and name is None:
        raise c.fail(item.optional_vars, f"the Session of a {label} bound to something other than a name")
    methods = {m.name: m for m in klass.body if isinstance(m, ast.FunctionDef)}
    rewritten: set[int] = set()  # id(call) of the runs written `self.S.run(...)`
    runs_of_session = []
    for node in _own_block(block):
        if isinstance(node, ast.Name) and node.id == name and node is not item.optional_vars:
            parent = _parent_of(block, node)
            call = _parent_of(block, parent) if parent is not None else None
            if not (isinstance(parent, ast.Attribute) and parent.attr == "run" and isinstance(call, ast.Call)
                    and call.func is parent) or not isinstance(node.ctx, ast.Load):
                raise c.fail(node, f"the Session `{name}` of the {label} used otherwise than `{name}.run(...)` "
                             "(converted where the block only runs it)")
            runs_of_session.append(node)
            rewritten.add(id(call))
    uses = [n for n in ast.walk(method) if isinstance(n, ast.Name) and n.id == name and n is not item.optional_vars]
    if name is not None and len(uses) != len(runs_of_session):
        late = next(n for n in uses if n not in runs_of_session)
        raise c.fail(late, f"the Session `{name}` of the {label} read outside it (the block closed it)")
    defaulted = []  # (call, receiver): `x.eval(feed)` / `op.run(feed)` run in the default Session
    for node in _own_block(block):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("eval", "run")):
            continue
        receiver = node.func.value
        if id(node) in rewritten or isinstance(receiver, ast.Name) and receiver.id in ("self", name):
            continue
        if node.func.attr == "run" and not (isinstance(receiver, ast.Call) and (c.call_name(receiver) or "").startswith("tf.")
                                            or _self_attribute(receiver) and receiver.attr not in methods):
            continue  # (another object's run: followed below when it is the file's)
        if len(node.args) > 1 or any(k.arg != "feed_dict" for k in node.keywords) or node.args and node.keywords:
            raise c.fail(node, f"`{c.source(node.func)}(...)` in the {label} with arguments other than a feed_dict")
        defaulted.append((node, receiver))
        rewritten.add(id(node))
    _refuse_reached(c, klass, block, method, name, label, rewritten)
    if not _made_once(c, klass) or not _called_once(c, klass, method):
        raise c.fail(block, f"`{method.name}`, opening the Session `self.{attr}`, called other than once in the file (a "
                     "second call ran a closed Session, or made another initializing the variables again)")
    if not edits.unwrap(block):
        raise c.fail(block, f"a {label} whose body shares its line")
    for node in runs_of_session:
        edits.spans.append((c.offset(node), c.end_offset(node), f"self.{attr}"))
    for call, receiver in defaulted:
        first = call.args[0] if call.args else call.keywords[0] if call.keywords else None
        edits.spans.append((c.offset(receiver), c.offset(receiver), f"self.{attr}.run("))
        tail_start = c.end_offset(receiver)
        if first is None:
            end = c.end_offset(call)
            if "\n" in c.text[tail_start:end]:
                raise c.fail(call, f"`{c.source(call.func)}()` over several lines in the {label}")
            edits.spans.append((tail_start, end, ")"))
        else:
            end = c.offset(first)
            if "\n" in c.text[tail_start:end]:
                raise c.fail(call, f"`{c.source(call.func)}(` over several lines in the {label}")
            edits.spans.append((tail_start, end, ", "))


def _own_block(block: ast.With):
    """The nodes of the block's statements that run where it runs: not the defs, lambdas and
    classes nested in it, nor what is inside them."""
    for stmt in block.body:
        if not isinstance(stmt, NESTED):
            yield stmt
            yield from (n for n in _own_nodes(stmt) if not isinstance(n, NESTED))


def _parent_of(root: ast.AST, node: ast.AST):
    for parent in ast.walk(root):
        for child in ast.iter_child_nodes(parent):
            if child is node:
                return parent
    return None


def _refuse_reached(c: Converter, klass: ast.ClassDef, block: ast.With, method: ast.FunctionDef, name: str | None,
                    label: str, rewritten: set[int]) -> None:
    """A Fallback for what the Session being default reached beyond the block's own runs: a function
    of the file, a method of the class or a def of the block called there (transitively) running
    `.eval()` / `.run()` of no Session or reading the default Session."""
    module = {f.name: f for f in c.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    local = {f.name: f for f in ast.walk(method) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f is not method}
    methods = {m.name: m for m in klass.body if isinstance(m, ast.FunctionDef)}
    pending = [(n, None) for n in _block_nested(block)]  # a def or lambda of the block: it may run in it
    roots = list(_own_block(block))
    seen: set[int] = set()
    for node in roots:
        _reach(c, node, None, module, local, methods, pending, seen, rewritten)
    while pending:
        function, via = pending.pop()
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and (c.call_name(node) or "").endswith("get_default_session"):
                raise c.fail(via or node, f"the default Session is read (`get_default_session()`) in the {label}: "
                             "eager TF 2 has no Session to give")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("eval", "run") \
                    and not any(k.arg == "session" for k in node.keywords) \
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", name)) \
                    and not (node.func.attr == "run" and not (
                        isinstance(node.func.value, ast.Call) and (c.call_name(node.func.value) or "").startswith("tf.")
                        or _self_attribute(node.func.value) and node.func.value.attr not in methods)):
                where = f"`{c.source(via.func)}`, called in the {label}, " if via is not None else f"a function of the {label} "
                raise c.fail(via or node, f"{where}runs `{c.source(node.func)}()` in the default Session (that Session): "
                             "converted where the block runs it by name")
            _reach(c, node, via, module, local, methods, pending, seen, rewritten)


def _reach(c, node, via, module, local, methods, pending, seen, rewritten) -> None:
    if not isinstance(node, ast.Call) or id(node) in rewritten:
        return
    target = None
    if isinstance(node.func, ast.Name):
        target = local.get(node.func.id) or module.get(node.func.id)
    elif _self_attribute(node.func):
        target = methods.get(node.func.attr)
    if target is not None and id(target) not in seen:
        seen.add(id(target))
        pending.append((target, via or node))


def _object_name(c: Converter, klass: ast.ClassDef) -> str | None:
    """The name of the class's one object: `net = Network(...)`, the file's only call of the class, run
    once, the name bound nowhere else and read only as `net.<attribute>` (no alias of the object)."""
    from migrate.tf2_classes import _run_once

    made = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == klass.name]
    named = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == klass.name]
    if len(made) != 1 or len(named) != 1 or not _run_once(c.tree, made[0]):
        return None
    binding = next((s for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and s.value is made[0]), None)
    if binding is None or len(binding.targets) != 1 or not isinstance(binding.targets[0], ast.Name):
        return None
    name = binding.targets[0].id
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(c.tree):
        if isinstance(node, ast.Name) and node.id == name and node is not binding.targets[0]:
            parent = parents.get(id(node))
            if not isinstance(node.ctx, ast.Load) or not (isinstance(parent, ast.Attribute) and parent.value is node):
                return None
    return name


def _made_once(c: Converter, klass: ast.ClassDef) -> bool:
    return _object_name(c, klass) is not None


def _called_once(c: Converter, klass: ast.ClassDef, method: ast.FunctionDef) -> bool:
    """The method is called once in the file, the class made once (`_object_name`): `net.run()` by a
    statement of the module run once, or `self.run()` by one of `__init__`'s own statements."""
    from migrate.tf2_classes import _run_once

    if method.name == "__init__":
        return True
    name = _object_name(c, klass)
    if name is None:
        return False
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == method.name and (
        isinstance(n.value, ast.Name) and n.value.id == name or _self_attribute(n) and klass.lineno <= n.lineno <= klass.end_lineno)]
    if len(calls) != 1:
        return False
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    call = parents.get(id(calls[0]))
    if not (isinstance(call, ast.Call) and call.func is calls[0]):
        return False
    init = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), None)
    if _self_attribute(call.func):
        return init is not None and any(isinstance(s, ast.Expr) and s.value is call for s in init.body)
    return _run_once(c.tree, call)


def _attribute_reads(c: Converter, klass: ast.ClassDef, attr: str) -> list[ast.Attribute]:
    """The attribute `attr` of the class's objects wherever the file may read it: `self.<attr>` in the
    class, `<x>.<attr>` outside it (another class's own `self.<attr>` is its own)."""
    others = [k for k in ast.walk(c.tree) if isinstance(k, ast.ClassDef) and k is not klass]
    out = []
    for node in ast.walk(c.tree):
        if not isinstance(node, ast.Attribute) or node.attr != attr:
            continue
        inside = klass.lineno <= node.lineno <= klass.end_lineno
        if not inside and _self_attribute(node) and any(k.lineno <= node.lineno <= k.end_lineno for k in others):
            continue
        out.append(node)
    return out
