"""`--style tf2` across the files of one run: a program whose graph is built by calling layer
functions of another module of the run (easy-tensorflow's `main.py` + `ops.py`)::

    # ops.py                                             # main.py
    def weight_variable(name, shape):                    from ops import fc_layer
        initer = tf.truncated_normal_initializer(...)    x = tf.placeholder(...)
        return tf.get_variable('W_' + name, ...,         fc1 = fc_layer(x, h1, 'FC1', use_relu=True)
                               initializer=initer)       ... minimize(loss) ... sess.run(...)
    def fc_layer(x, num_units, name, use_relu=True):
        W = weight_variable(name, shape=[in_dim, num_units])
        ...

Converted together, as migrate/tf2_helpers.py converts a helper of the program's own file:

    # ops.py                                             # main.py
    def weight_variable(name, shape):                    from ops import FcLayer
        return tf.Variable(tf.random.truncated_normal(   fc_layer_1 = FcLayer(0)   # op seeds counted
            shape, stddev=0.01, dtype=tf.float32),       ...
            name='W_' + name)                            def train_step(x, y):
    class FcLayer(tf.Module):                                fc1 = fc_layer_1(x, h1, 'FC1', use_relu=True)
        def __init__(self, op_seeds=None): ...
        def __call__(self, x, num_units, name, use_relu=True):
            W = self.variable(lambda: tf.Variable(tf.random.truncated_normal(..., seed=self.op_seed()), ...))

How (`layer_form`): a library function making variables is written as a same-file helper would
be, from the library's compat text: the calls of the library's other variable-making functions
in its body inlined (their bodies: plain assignments and one `return`), an initializer bound to a
local name and handed once to `get_variable(..., initializer=name)` put in its place, each
`get_variable` the engine's `tf.Variable` of the same initial value (tf2_graph
`Converter._get_variable`: the v1 initializer's op, e.g. `truncated_normal_initializer(stddev)` ->
`tf.random.truncated_normal(shape, stddev=, dtype=)`, the op v1's initializer ran, init_ops.py),
`with variable_scope(name)` (the name only) TF 2's `name_scope(name)` (a name prefix; no
variable is shared, as none is reused).

A program reaching the functions through the module (`import ops` / `import ops as t`, then
`t.fc_layer(...)`: kevin28520's `model.inference`) is first written as a from-importing one
(`_module_calls`: the calls `fc_layer(...)`, the import `from ops import fc_layer` on its line),
`import ops` written again beside the new from-import where the program reads `t` otherwise.
`with variable_scope(name) as scope:` whose object only names ops (`name=scope.name`) is the name
scope and `name` (`_scope_names`); an initializer object read by several get_variables is written
at each (v1 built each value at its call).

The program (`convert`) is converted with those functions pasted in place of its
`from ops import fc_layer`: the engine and tf2_helpers convert them as its own helpers (one object
per call site, made before the steps; with a graph seed, each object counting op seeds from where
TF 1.x's graph had counted when that call ran), and the class written is then taken out again for
`from ops import FcLayer`. The library (`convert` given its compat text) writes the same class in
place of each function a program of the run calls (`__init__(self, op_seeds=None)`: no count, no
op seed, when the program sets no graph seed) and its other variable-making functions as TF 2
functions making one tf.Variable a call (what TF 1.x's made in a graph, made eagerly).

A function of the library making no variable is left a function: a `with variable_scope('<name>'):`
in it (easy-tensorflow's `flatten_layer`) only named its ops, and is TF 2's name scope
(`_name_scopes`); one building no random op (no layer, no Keras) tells the engine, under a graph
seed, that TF 1.x's count of op seeds stood as it was after its call (`draws_no_seed`).

The run decides both files together (`demotions`, beside tf2_crossfile's in runner.run's fixed
point): a library whose function a file of the run calls that keeps compat (a notebook always
does here) keeps compat naming that file and line; a program importing a class of a library that
keeps compat keeps compat naming the library's line and reason. Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import contextvars
import os
import re
from dataclasses import dataclass, field

from migrate.tf2_graph import Fallback
from migrate.tf2_helpers import _flat

TOGETHER = "the two convert together"
MARK = "# (tf2_libraries: the names imported beside the pasted functions)"
# v1 calls making a variable, as TF 1.x code and its compat migration spell them
MAKERS = ("get_variable", "Variable")
# calls of builtins a library function's scope may hold (`_name_scopes`)
BUILTIN_CALLS = frozenset({"int", "float", "len", "range", "list", "tuple", "print", "str", "min", "max", "abs"})


@dataclass
class Library:
    """A module of the run made of functions, some making variables (`library_index`)."""

    path: str
    compat: str | None  # its `--style compat` text (what the worker is handed)
    makers: frozenset = frozenset()  # its functions making variables, themselves or through each other
    callers: dict = field(default_factory=dict)  # {function: [(path, line)]} of the run's other files


# {module stem: Library} of the run (Settings.library_index, set by codemods/tf2_style.apply)
LIBRARIES: contextvars.ContextVar[dict | None] = contextvars.ContextVar("libraries", default=None)


def _makes(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in MAKERS
               for n in ast.walk(function))


def _library_tree(tree: ast.Module) -> dict[str, ast.FunctionDef] | None:
    """{name: function} of a module made of imports, functions, a docstring and constants only,
    with some function making variables; None for any other module (a program)."""
    functions = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef):
            functions[stmt.name] = stmt
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)) or isinstance(stmt, ast.Expr) and isinstance(
                stmt.value, ast.Constant) or isinstance(stmt, ast.Assign) and all(isinstance(n, (
                    ast.Constant, ast.Name, ast.Tuple, ast.List, ast.UnaryOp, ast.USub, ast.Load, ast.Store))
                for n in ast.walk(stmt)):
            continue
        else:
            return None
    return functions if any(_makes(f) for f in functions.values()) else None


def _makers(functions: dict[str, ast.FunctionDef]) -> frozenset:
    """The functions making variables, themselves or through the module's other functions."""
    made = {name for name, f in functions.items() if _makes(f)}
    changed = True
    while changed:
        changed = False
        for name, f in functions.items():
            if name not in made and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in made
                                        for n in ast.walk(f)):
                made.add(name)
                changed = True
    return frozenset(made)


def stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def resolve(path: str, module: str, level: int, index: dict) -> Library | None:
    """The library of `index` ({path: Library}) a file at `path` imports as `module` (`level`
    dots): the module's file next to the file (a script's directory is first on sys.path; a
    relative import counts its dots from there), else in a directory above it (the run's root)."""
    parts = module.split(".") if module else []
    base = os.path.dirname(os.path.abspath(path))
    if level:
        for _ in range(level - 1):
            base = os.path.dirname(base)
        return index.get(os.path.join(base, *parts) + ".py")
    while True:
        found = index.get(os.path.join(base, *parts) + ".py")
        if found is not None or os.path.dirname(base) == base:
            return found
        base = os.path.dirname(base)


def library_index(paths: list[str], compat_text) -> dict[str, Library]:
    """{absolute path: Library} of the run's .py `paths` that are libraries of layer functions
    called by another file of the run (a .py or a notebook, `from <module> import f` then
    `f(...)`, the module found as `resolve` finds it). `compat_text(path)` gives a library's
    compat text."""
    from migrate.tf2_crossfile import _parsed, _program_text

    trees = {}
    for path in paths:
        if path.endswith((".py", ".ipynb")):
            trees[path] = _parsed(_program_text(path, None))
    found: dict[str, Library] = {}
    through_module: set[str] = set()  # libraries a file calls as `module.f(...)`
    followed: set[str] = set()  # libraries a .py file calls, or a notebook imports functions of by name
    for path, tree in trees.items():
        if path.endswith(".py") and tree is not None:
            functions = _library_tree(tree)
            if functions is not None:
                found[os.path.abspath(path)] = Library(path, None, _makers(functions))
    for path, tree in trees.items():
        if tree is None:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):  # `import ops` / `import ops as t`, then `t.f(...)`
                for alias in node.names:
                    library = resolve(path, alias.name, 0, found)
                    bound = alias.asname or (alias.name if "." not in alias.name else None)
                    if library is None or library.path == path or bound is None:
                        continue
                    for call in ast.walk(tree):
                        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                                and isinstance(call.func.value, ast.Name) and call.func.value.id == bound \
                                and call.func.attr in library.makers:
                            library.callers.setdefault(call.func.attr, []).append((path, call.lineno))
                            through_module.add(library.path)
                            if path.endswith(".py"):
                                followed.add(library.path)
                continue
            if not isinstance(node, ast.ImportFrom) or not node.module and not node.level:
                continue
            library = resolve(path, node.module or "", node.level, found)
            if library is None or library.path == path:
                continue
            names = {a.asname or a.name: a.name for a in node.names if a.name in library.makers}
            if any(a.name == "*" for a in node.names):
                names = {name: name for name in library.makers}
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in names:
                    library.callers.setdefault(names[call.func.id], []).append((path, call.lineno))
                    followed.add(library.path)
    from migrate.tf2_graph import remaining

    out = {}
    for key, library in found.items():
        if library.callers and library.path in followed:  # (a notebook's `helper.f(...)` alone: not followed, as before)
            library.compat = compat_text(library.path)
            if library.path in through_module and library.compat is not None and remaining(library.compat) is None:
                # TF 2 already after the compat pass (functions making tf.Variables, sugyan's model.py):
                # left as it is, its callers `t.f(...)` too, as before such calls were followed
                continue
            out[key] = library
    return out


def view(index: dict, path: str) -> dict:
    """The part of `index` (`library_index`) the file at `path` is converted with: {"self": its
    Library or None, "imports": {module as its imports write it: Library}} (LIBRARIES)."""
    if not index or "imports" in index:
        return index
    imports = {}
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        tree = None
    for node in tree.body if tree is not None and path.endswith(".py") else []:
        if isinstance(node, ast.ImportFrom) and (node.module or node.level):
            library = resolve(path, node.module or "", node.level, index)
            if library is not None and library.path != path:
                imports["." * node.level + (node.module or "")] = library
        elif isinstance(node, ast.Import):  # `import ops (as t)`: converted as `from ops import f` (_module_calls)
            for alias in node.names:
                library = resolve(path, alias.name, 0, index)
                if library is not None and library.path != path:
                    imports[alias.name] = library
    return {"self": index.get(os.path.abspath(path)), "imports": imports}


# -- a library function as a helper of the program's own file ------------------------------
def _tf_alias(tree: ast.Module) -> str | None:
    return next((a.asname or a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names
                 if a.name == "tensorflow"), None)


def layer_form(text: str, name: str, inline: bool = True) -> str:
    """The function `name` of the library `text` (its compat text) written as a helper of the
    program's own file would be (the module docstring's rules), at column 0; a Fallback
    (positioned in `text`) for what is not converted."""
    tree = ast.parse(text)
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    function = functions[name]
    lines = text.splitlines(keepends=True)
    source = "".join(lines[function.lineno - 1:function.end_lineno])
    if inline:
        source = _inlined(text, tree, functions, function)
    header = "".join(ast.get_source_segment(text, n) + "\n" for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    return _rewritten(header, source, name)


def _fail(text: str, node, reason: str, construct: str | None = None) -> Fallback:
    construct = construct or (ast.get_source_segment(text, node) or "").splitlines()[0][:60]
    return Fallback(construct, node.lineno, node.col_offset + 1, reason)


def _inlined(text: str, tree, functions: dict, function: ast.FunctionDef) -> str:
    """`function`'s source with each `target = g(...)` of a variable-making function `g` of the
    library replaced by g's body (its parameters the arguments, its `return` the assignment)."""
    makers = _makers(functions)
    lines = text.splitlines(keepends=True)
    replacements = []
    for stmt in _flat(function.body):
        if isinstance(stmt, ast.With) and not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                                  and n.func.id in makers for i in stmt.items for n in ast.walk(i)):
            continue  # its body is looked at statement by statement
        calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id in makers and n.func.id != function.name]
        if not calls:
            continue
        if not (isinstance(stmt, ast.Assign) and stmt.value is calls[0] and len(calls) == 1 and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)):
            raise _fail(text, calls[0], f"`{calls[0].func.id}` (a function of this library making variables) called "
                        f"in `{function.name}` other than as `name = {calls[0].func.id}(...)`", calls[0].func.id)
        call, inner = calls[0], functions[calls[0].func.id]
        body = inner.body[1:] if isinstance(inner.body[0], ast.Expr) and isinstance(inner.body[0].value, ast.Constant) \
            else inner.body
        if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None or not all(
                isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) for s in body[:-1]) \
                or inner.args.vararg or inner.args.kwarg or inner.args.kwonlyargs or inner.args.posonlyargs \
                or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            raise _fail(text, call, f"`{inner.name}`, called in `{function.name}`, is not plain assignments and one "
                        "`return` (inlined into the class written for it)", inner.name)
        params = [a.arg for a in inner.args.args]
        defaults = dict(zip(params[len(params) - len(inner.args.defaults):], inner.args.defaults))
        given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
        if set(given) - set(params) or set(params) - set(given) - set(defaults):
            raise _fail(text, call, f"`{inner.name}` called with arguments its parameters do not take", inner.name)
        outer = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} \
            | {a.arg for a in function.args.args}
        renamed = {}
        for s in body[:-1]:
            local = s.targets[0].id
            renamed[local] = local if local not in outer and local not in params else f"{inner.name}_{local}"
        pieces = []
        for s in body:
            value = s.value
            edits = []
            for n in ast.walk(value):
                if isinstance(n, ast.Name) and n.id in params:
                    arg = given.get(n.id, defaults.get(n.id))
                    reads = sum(1 for m in ast.walk(inner) if isinstance(m, ast.Name) and m.id == n.id)
                    if reads > 1 and any(isinstance(m, ast.Call) for m in ast.walk(arg)):
                        raise _fail(text, call, f"`{inner.name}`'s parameter `{n.id}` read twice, given a call", inner.name)
                    arg_text = ast.get_source_segment(text, arg)
                    if not isinstance(arg, (ast.Name, ast.Constant, ast.List, ast.Tuple, ast.Attribute, ast.Subscript, ast.Call)):
                        arg_text = f"({arg_text})"
                    edits.append((n, arg_text))
                elif isinstance(n, ast.Name) and n.id in renamed:
                    edits.append((n, renamed[n.id]))
                elif isinstance(n, ast.Name) and n.id not in params and n.id in outer and n.id not in renamed:
                    raise _fail(text, call, f"`{inner.name}` reads `{n.id}`, a name `{function.name}` binds", inner.name)
            piece = _segment(text, value, edits)
            target = stmt.targets[0].id if isinstance(s, ast.Return) else renamed[s.targets[0].id]
            pieces.append(f"{target} = {piece}")
        indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
        replacements.append((stmt.lineno, stmt.end_lineno, "".join(f"{indent}{p}\n" for p in pieces)))
    out = lines[function.lineno - 1:function.end_lineno]
    for first, last, new in sorted(replacements, reverse=True):
        out[first - function.lineno:last - function.lineno + 1] = [new]
    return "".join(out)


def _segment(text: str, node: ast.AST, edits: list[tuple[ast.AST, str]]) -> str:
    """`node`'s source with the Name nodes of `edits` replaced, on one line (bracketed lines joined)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line.encode("utf-8")))
    data = text.encode("utf-8")

    def at(lineno, col):
        return starts[lineno - 1] + col
    base = at(node.lineno, node.col_offset)
    piece = data[base:at(node.end_lineno, node.end_col_offset)]
    for n, new in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        s, e = at(n.lineno, n.col_offset) - base, at(n.end_lineno, n.end_col_offset) - base
        piece = piece[:s] + new.encode("utf-8") + piece[e:]
    result = piece.decode("utf-8")
    if "\n" in result:
        result = re.sub(r"\s*\n\s*", " ", result)
        result = result.replace("( ", "(").replace(" )", ")")
    return result


def _rewritten(header: str, source: str, name: str) -> str:
    """`source` (one function at column 0) with its initializers bound to a name put where
    get_variable reads them, its get_variable calls tf.Variables and its `variable_scope(name)`
    name scopes (the module docstring)."""
    from migrate.tf2_graph import GET_VARIABLE, TENSOR_INITIAL_VALUES, Converter

    text = header + source
    c = Converter(text)
    function = next(f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.name == name)
    edits = []
    # an initializer bound to a local name read as get_variable's initializer: put in its place
    for stmt in _flat(function.body):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Call)):
            continue
        local = stmt.targets[0].id
        called = c.call_name(stmt.value) or ""
        if not (called.endswith("_initializer") or called in TENSOR_INITIAL_VALUES):
            continue
        reads = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == local and isinstance(n.ctx, ast.Load)]
        stores = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == local and not isinstance(n.ctx, ast.Load)]
        uses = [k for n in ast.walk(function) if isinstance(n, ast.Call) and c.call_name(n) == GET_VARIABLE
                for k in n.keywords if k.arg == "initializer" and k.value in reads]
        # read by several get_variables (hwalsuklee's `w_init` of six weights): a v1 initializer object
        # built each variable's initial value at its call, a random one a new op (its op seed the graph's
        # count then, or its own `seed`), as the initializer written at each would; not so a tensor
        # (one value, read by every variable it initializes)
        several = called.endswith("_initializer") and len(reads) > 1
        if len(stores) != 1 or len(uses) != len(reads) or not (len(reads) == 1 or several):
            continue
        read = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
        last = max((r.lineno, r.col_offset) for r in reads)
        if any(isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n.id in read
               and (stmt.end_lineno, 0) < (n.lineno, n.col_offset) < last
               for n in ast.walk(function)):
            continue  # a name the initializer reads bound again before get_variable reads it: left (a Fallback)
        for each in reads:
            edits.append((c.offset(each), c.end_offset(each), c.source(stmt.value)))
        edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno], ""))
    new = _apply_edits(text, edits)
    c = Converter(new)
    function = next(f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.name == name)
    edits = []
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and c.call_name(node) == GET_VARIABLE:
            given = {**dict(zip(("name", "shape", "dtype", "initializer"), node.args)), **{k.arg: k.value for k in node.keywords}}
            init = given.get("initializer")
            if "shape" not in given and "dtype" in given and isinstance(init, ast.Call) \
                    and c.call_name(init) in TENSOR_INITIAL_VALUES and set(given) <= {"name", "dtype", "initializer"}:
                # v1 took the tensor as the initial value (its dtype checked compatible with `dtype`)
                value = f"{c.tf('tf.Variable')}({c.source(init)}, name={c.source(given['name'])}, dtype={c.source(given['dtype'])})"
            else:
                value = c._get_variable(node)
            edits.append((c.offset(node), c.end_offset(node), value))
        elif isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and c.call_name(call) == "tf.compat.v1.variable_scope":
                    reuse = next((k for k in call.keywords if k.arg == "reuse"), None)
                    if reuse is not None:
                        given = c.source(reuse.value)
                        raise c.fail(call, f"`reuse={given}` of a variable scope in a library function making "
                                     "variables: v1 gave a call reusing the scope the variables an earlier call of "
                                     "the same scope name made (identity by name), and made none of them new (no "
                                     "initializer op, no op seed counted); converted, each call site makes its own "
                                     "variables. To convert, call one object (a tf.Module or Keras layer made once) "
                                     "at every place sharing the scope, or drop `reuse` where no call shares it")
                    if len(call.args) != 1 or call.keywords:
                        raise c.fail(call, "a variable scope given more than its name (an initializer, a custom "
                                     "getter, a default name), in a library function making variables")
                    if item.optional_vars is not None:
                        edits += _scope_names(c, function, node, item)
                    edits.append((c.offset(call.func), c.end_offset(call.func), c.tf("tf.name_scope")))
    new = _apply_edits(new, edits)
    return new[len(header):]


def _scope_names(c, function: ast.FunctionDef, block: ast.With, item: ast.withitem) -> list[tuple[int, int, str]]:
    """The edits taking `as scope` off `with variable_scope(name) as scope:` and writing `name`
    for each `name=scope.name` of a call in its body (kevin28520's `tf.nn.relu(pre_activation,
    name=scope.name)`): v1's scope name (with the enclosing scopes' prefix) named the op, which
    is all it did there; an op's name changes no value. Raises Fallback (`c.fail`) for the scope
    object read otherwise, or a name argument other than a string or a parameter the function
    never binds again (its value at the `with` is not known to be the one read later)."""
    scope, call = item.optional_vars, item.context_expr
    why = "a variable scope bound with `as` in a library function making variables, its object read other " \
          "than as `name=scope.name` of an op in the block (converted to a name scope, which has no such object)"
    if not isinstance(scope, ast.Name):
        raise c.fail(call, why)
    argument = call.args[0]
    stored = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str) or isinstance(argument, ast.Name)
            and argument.id in {a.arg for a in function.args.args} and argument.id not in stored):
        raise c.fail(call, why)
    inside = {id(n) for stmt in block.body for n in ast.walk(stmt)}
    blocks = [w for w in ast.walk(function) if isinstance(w, ast.With)
              and any(isinstance(i.optional_vars, ast.Name) and i.optional_vars.id == scope.id for i in w.items)]
    covered = [{id(n) for stmt in w.body for n in ast.walk(stmt)} for w in blocks]
    if any(id(w) in inside for w in blocks) or any(
            isinstance(n, ast.Name) and n.id == scope.id and isinstance(n.ctx, ast.Load) and not any(id(n) in ids for ids in covered)
            for n in ast.walk(function)):
        raise c.fail(call, why)  # read outside the blocks binding it, or bound again inside this one
    names = {id(k.value) for n in ast.walk(function) if isinstance(n, ast.Call) for k in n.keywords
             if k.arg == "name" and isinstance(k.value, ast.Attribute) and k.value.attr == "name"
             and isinstance(k.value.value, ast.Name) and k.value.value.id == scope.id}
    edits = []
    for n in ast.walk(function):
        if isinstance(n, ast.Name) and n.id == scope.id and n is not scope and id(n) in inside:
            holder = next((a for a in ast.walk(function) if isinstance(a, ast.Attribute) and a.value is n), None)
            if holder is None or id(holder) not in names:
                raise c.fail(call, why)
            edits.append((c.offset(holder), c.end_offset(holder), c.source(argument)))
    edits.append((c.end_offset(call), c.end_offset(scope), ""))
    return edits


def _apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


# -- the program: the library's functions pasted, converted, taken out again --------------------
def class_name(function: str) -> str:
    """The class tf2_helpers writes for a helper named `function`."""
    return "".join(part.capitalize() for part in function.split("_")) or "Helper"


def convert(text: str) -> str:
    """tf2_crossfile.convert of `text`, with a library of the run (LIBRARIES) converted as the
    module docstring says when `text` is its compat text, or a program importing its layer
    functions converted with them pasted; a Fallback positioned in `text`."""
    from migrate.tf2_crossfile import convert as crossfile

    libraries = LIBRARIES.get()
    if libraries and "imports" in libraries:
        if libraries["self"] is not None and libraries["self"].compat == text:
            from migrate.tf2_graph import remaining

            new = convert_library(text, libraries["self"])
            if remaining(new, converted=True) is not None:  # a TF 1.x construct left: the engine's own reason names it
                return crossfile(text)
            return new
        named, kept, shifts = _module_calls(text, libraries["imports"])
        pasted = _pasted(named, libraries["imports"], kept)
        if pasted is not None:
            return _convert_pasted(text, *pasted, crossfile, shifts)
    return crossfile(text)


def own_layer_functions(text: str, stop: Fallback):
    """(new text, a function taking a Fallback of it back to `text`) when `stop` is a call, while
    the graph is built, of a function of this file making variables through `get_variable` or
    under `variable_scope(name)`, or a construct in its body (easy-tensorflow's notebooks define `weight_variable` /
    `bias_variable` / `fc_layer` in a cell, as its `ops.py` does): each such function written in
    `layer_form`, as a library's is where a program of the run imports it (one called by the
    program with the file's other variable-making functions inlined; the others TF 2 functions
    making one tf.Variable a call). The engine then converts the calls as a same-file helper's
    (migrate/tf2_helpers.py). None when the function is of another shape, or its layer form is
    refused (the engine's Fallback stands)."""
    from migrate.tf2_graph import (
        CALLED_WHILE_BUILDING,
        GET_VARIABLE,
        Converter,
        _replace_lines,
    )

    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    functions = {f.name: f for f in c.tree.body if isinstance(f, ast.FunctionDef)}
    makers = _makers(functions)
    if stop.reason.endswith(CALLED_WHILE_BUILDING):
        called = next((n.func.id for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                       and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    else:  # a construct inside one of them (its initializer's random op under the graph seed)
        called = next((f.name for f in functions.values() if f.lineno < stop.line <= f.end_lineno), None)
    if called not in makers or any(functions[m].decorator_list for m in makers) or not any(
            isinstance(n, ast.Call) and c.call_name(n) in (GET_VARIABLE, "tf.compat.v1.variable_scope")
            for m in makers for n in ast.walk(functions[m])):
        return None
    inside = {id(n) for m in makers for n in ast.walk(functions[m])}
    outside = {n.func.id for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
               and n.func.id in makers and id(n) not in inside}
    try:
        replacements = [(functions[m].lineno, functions[m].end_lineno, _ending(layer_form(text, m, inline=m in outside)))
                        for m in makers]
    except Fallback:
        return None
    return _replace_lines(text, c, replacements)


def _ending(source: str) -> str:
    """`source` ending with its newline (a function's text written in place of its lines)."""
    return source if source.endswith("\n") else source + "\n"


def _module_calls(text: str, libraries: dict) -> tuple[str, dict, dict]:
    """`text` with each `import ops` / `import ops as t` of a library of the run whose layer
    functions it calls as `t.f(...)` written as `from ops import f, ...` (on the import's line)
    and each such call as `f(...)` (kkevin28520's `tools.conv('conv1_1', x, 64)`, udacity's
    `import tensorflow_vgg.vgg16`): the program is then converted as a from-importing one. Also
    ({module: the import statement kept beside the new from-import, "" when `t` is read only in
    those calls}, {line: [(col, characters removed before it)]} to position a Fallback in `text`).
    Raises Fallback where the calls cannot be written so: `t.f` read other than as a call's
    function, `f` a name the program binds or reads itself, several modules in one statement."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text, {}, {}
    lines = text.splitlines(keepends=True)
    kept: dict[str, str] = {}
    shifts: dict[int, list[tuple[int, int]]] = {}
    cuts = []  # (line, col, length) of the `t.` prefixes to remove
    own = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))} | {
        a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)} | {
        (a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names}
    statements = []
    for node in tree.body:
        if not isinstance(node, ast.Import):
            continue
        for alias in node.names:
            library = libraries.get(alias.name)
            bound = alias.asname or (alias.name if "." not in alias.name else None)
            if library is None or bound is None:
                continue
            uses = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                    and n.value.id == bound and n.attr in library.makers]
            if not uses:
                continue
            construct = ast.get_source_segment(text, node) or f"import {alias.name}"
            calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
            for use in uses:
                if id(use) not in calls:
                    raise Fallback(f"{bound}.{use.attr}", use.lineno, use.col_offset + 1,
                                   f"`{bound}.{use.attr}` (a layer function of {os.path.basename(library.path)}, a "
                                   "module of this run) read other than as the function of a call: converted, it "
                                   f"is the tf.Module class `{class_name(use.attr)}`, made once per call site")
                if use.attr in own or class_name(use.attr) in own:
                    raise Fallback(f"{bound}.{use.attr}", use.lineno, use.col_offset + 1,
                                   f"`{bound}.{use.attr}` is converted imported by name (`from {alias.name} import "
                                   f"...`), and this file binds or reads a name `{use.attr}` (or "
                                   f"`{class_name(use.attr)}`) of its own")
            if len(node.names) > 1 or node.end_lineno != node.lineno \
                    or lines[node.lineno - 1][:node.col_offset].strip() \
                    or lines[node.lineno - 1][node.end_col_offset:].strip() not in ("",) \
                    and not lines[node.lineno - 1][node.end_col_offset:].strip().startswith("#"):
                raise Fallback(construct, node.lineno, node.col_offset + 1,
                               f"`{alias.name}` (a library of layer functions of this run, its functions called as "
                               f"`{bound}.f(...)`) imported in a statement of several modules or lines, or sharing its "
                               "line: import it on a line of its own to convert the two together")
            functions = sorted({use.attr for use in uses})
            reads = sum(1 for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == bound)
            kept[alias.name] = construct if reads > len(uses) else ""
            statements.append((node, f"from {alias.name} import {', '.join(functions)}"))
            for use in uses:
                cuts.append((use.lineno, use.col_offset, len(bound) + 1))
    if not statements:
        return text, {}, {}
    for line, col, length in sorted(cuts, reverse=True):
        raw = lines[line - 1].encode("utf-8")
        lines[line - 1] = (raw[:col] + raw[col + length:]).decode("utf-8")
        shifts.setdefault(line, []).append((len(raw[:col].decode("utf-8")), length))
    for node, new in statements:
        raw = lines[node.lineno - 1].encode("utf-8")
        lines[node.lineno - 1] = (raw[:node.col_offset] + new.encode("utf-8") + raw[node.end_col_offset:]).decode("utf-8")
    return "".join(lines), kept, shifts


def library_text(text: str) -> bool:
    """Is `text` the compat text of the library of layer functions being converted (LIBRARIES)?"""
    libraries = LIBRARIES.get()
    return bool(libraries and "imports" in libraries and libraries["self"] is not None
                and libraries["self"].compat == text)


def _pasted(text: str, libraries: dict, kept: dict | None = None):
    """(pasted text, {library stem: [functions]}, the import statements replaced, lines added)
    for a program importing variable-making functions of the run's libraries; None else.
    `kept` ({module: statement}, `_module_calls`): the `import module` statements the new
    from-import of a module is written beside."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    def written(node) -> str:
        return "." * node.level + (node.module or "")
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom) and written(n) in libraries
               and any(a.name in libraries[written(n)].makers or a.name == "*" for a in n.names)]
    if not imports:
        return None
    lines = text.splitlines(keepends=True)
    alias = _tf_alias(tree)
    taken: dict[str, list[str]] = {}
    final: dict[str, tuple[str, list[str]]] = {}  # module -> (as written, the names the new import takes)
    replacements = []
    for node in imports:
        module = written(node)
        library = libraries[module]
        if library.compat is None:
            raise Fallback(f"from {module} import ...", node.lineno, node.col_offset + 1,
                           f"the layer functions of `{module}` (a module of this run) could not be read")
        try:
            lib_tree = ast.parse(library.compat)
        except SyntaxError:
            return None
        if _tf_alias(lib_tree) != alias or alias is None:
            raise Fallback(f"from {module} import ...", node.lineno, node.col_offset + 1,
                           f"`{module}` (a library of layer functions of this run) imports TensorFlow under another "
                           "name than this file: its functions are converted pasted into this file")
        if any(a.asname for a in node.names if a.name in library.makers) or lines[node.lineno - 1][:node.col_offset].strip():
            raise Fallback(f"from {module} import ...", node.lineno, node.col_offset + 1,
                           f"a layer function of `{module}` imported under another name, or in a statement sharing "
                           "its line")
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        star = any(a.name == "*" for a in node.names)
        functions = sorted(library.makers & called) if star else \
            [a.name for a in node.names if a.name in library.makers and a.name in called]
        if not functions:
            continue
        rest = [ast.get_source_segment(text, a) if a.name != "*" else "*" for a in node.names if a.name not in functions]
        pieces = []
        for name in functions:
            try:
                pieces.append(layer_form(library.compat, name))
            except Fallback as stop:
                raise Fallback(stop.construct, node.lineno, node.col_offset + 1,
                               f"`{name}` of {os.path.basename(library.path)} (a layer function this file calls), at "
                               f"its line {stop.line}: {stop.reason}") from None
        _check_reads(library, functions, node)
        head = f"from {module} import {', '.join(rest)}  {MARK}\n" if rest else ""
        replacements.append((node.lineno, node.end_lineno, head + "\n\n" + "\n\n".join(pieces) + "\n\n"))
        taken[module] = functions
        final[module] = (library, star, [(a.name if a.name in functions else None, ast.get_source_segment(text, a))
                                         for a in node.names if a.name != "*"], (kept or {}).get(module, ""))
    if not taken:
        return None
    out = list(lines)
    added = []
    for first, last, new in sorted(replacements, reverse=True):
        out[first - 1:last] = [new]
        added.append((first, last, new.count("\n")))
    return "".join(out), (taken, final), sorted(added)


def _check_reads(library: Library, functions: list[str], node: ast.ImportFrom) -> None:
    """A Fallback for a function reading a global of its library (pasted, it would read the program's)."""
    import builtins

    lib_tree = ast.parse(library.compat)
    modules = {a.asname or a.name.split(".")[0] for n in lib_tree.body if isinstance(n, ast.Import) for a in n.names}
    own = {f.name for f in lib_tree.body if isinstance(f, ast.FunctionDef)}
    for f in lib_tree.body:
        if not (isinstance(f, ast.FunctionDef) and f.name in functions):
            continue
        bound = {n.id for n in ast.walk(f) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        bound |= {a.arg for a in ast.walk(f) if isinstance(a, ast.arg)}
        bound |= {n.name for n in ast.walk(f) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        for n in ast.walk(f):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in bound | modules | set(dir(builtins)) \
                    and n.id not in own:
                raise Fallback(f"from {'.' * node.level}{node.module or ''} import ...", node.lineno, node.col_offset + 1,
                               f"`{f.name}` of {os.path.basename(library.path)} reads `{n.id}`, a name of its module "
                               "(a layer function is converted reading only its arguments and TensorFlow)")


def _convert_pasted(text: str, pasted: str, imported: tuple, added: list, crossfile, shifts: dict | None = None) -> str:
    taken, final = imported
    def back(stop: Fallback) -> Fallback:
        """A Fallback of the pasted text positioned in `text` (`shifts`: the `t.` prefixes `_module_calls` removed)."""
        line = stop.line
        shift = 0
        for first, last, count in added:
            if line < first + shift:
                break
            if line < first + shift + count:
                return Fallback(stop.construct, first, 1, stop.reason)
            shift += count - (last - first + 1)
        col = stop.col
        col += sum(length for at, length in (shifts or {}).get(line - shift, []) if at < col)
        return Fallback(stop.construct, line - shift, col, stop.reason)
    try:
        new = crossfile(pasted)
    except Fallback as stop:
        raise back(stop) from None
    tree = ast.parse(new)
    lines = new.splitlines(keepends=True)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    spans, names, seeds = [], {}, []  # names: function -> the name the program imports for it
    for module, functions in taken.items():
        library = final[module][0]
        for f in functions:
            if class_name(f) in classes and f not in defs:
                node, names[f] = classes[class_name(f)], class_name(f)
            elif f in defs and class_name(f) not in classes and _factory(library.compat, f) and _unseeded(defs[f]) \
                    == _unseeded(ast.parse(layer_form(library.compat, f, inline=False)).body[0]):
                node, names[f] = defs[f], f  # a variable made once where it is called: the library's TF 2 function
            elif f in defs and class_name(f) not in classes and _factory(library.compat, f) \
                    and _literal_seed(defs[f])[0] == ast.dump(ast.parse(layer_form(library.compat, f, inline=False)).body[0]) \
                    and _seeded_factory(layer_form(library.compat, f, inline=False), f) \
                    != layer_form(library.compat, f, inline=False):
                # called once under a graph seed: the engine wrote the op seed into the body; the library's
                # factory takes it as its `seed` parameter, the call passes it
                node, names[f] = defs[f], f
                calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                         and n.func.id == f]
                if len(calls) != 1 or any(isinstance(a, ast.Starred) for a in calls[0].args) \
                        or any(k.arg is None for k in calls[0].keywords):
                    raise Fallback(f, added[0][0], 1, f"`{f}` of {os.path.basename(library.path)} called other than once "
                                   "with its arguments written out, its op seed written into its body")
                seeds.append((calls[0], _literal_seed(defs[f])[1]))
            else:
                raise Fallback(f, added[0][0], 1, f"`{f}` of {os.path.basename(library.path)}, called here, is not "
                               "converted as a helper of this file would be (one object per call site, made once, or a "
                               f"function returning a new tf.Variable): `{f}` used otherwise than `name = {f}(...)` "
                               "while the graph is built")
            spans.append((node.lineno - len(node.decorator_list), node.end_lineno))
    spans += [(k, k) for k, line in enumerate(lines, 1) if line.rstrip().endswith(MARK)]
    for call, seed in seeds:  # `seed=K` given to the call (one line each: the line is edited)
        last = max(call.args + call.keywords, key=lambda n: (n.end_lineno, n.end_col_offset), default=None)
        line = lines[call.end_lineno - 1]
        col = len(line.encode("utf-8")[:call.end_col_offset - 1].decode("utf-8"))
        lines[call.end_lineno - 1] = line[:col] + (", " if last is not None else "") + f"seed={seed}" + line[col:]
    first = min(s for s, _ in spans)
    for s, e in sorted(spans, reverse=True):
        del lines[s - 1:e]
    imports = ""
    for module, (_, star, order, statement) in final.items():
        imports += f"{statement}\n" if statement else ""
        listed = [names[f] if f is not None else written for f, written in order]
        if star:
            imports += f"from {module} import *\n"
            listed = [names[f] for f in taken[module] if names[f] != f]
        imports += f"from {module} import {', '.join(listed)}\n" if listed else ""
    # the blank lines the paste put around the functions go: the import sits as the one it replaces
    before = first - 1
    while before > 0 and not lines[before - 1].strip():
        before -= 1
    after = first - 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    old = text.splitlines(keepends=True)
    line = added[0][0]
    above = next((k for k in range(line - 1, 0, -1) if old[k - 1].strip()), 0)
    below = next((k for k in range(added[0][1] + 1, len(old) + 1) if old[k - 1].strip()), len(old) + 1)
    lines[before:after] = ["\n"] * (line - 1 - above) + [imports] + ["\n"] * (below - added[0][1] - 1)
    return "".join(lines)


# -- the library ----------------------------------------------------------------------------
def convert_library(text: str, library: Library) -> str:
    """The library's compat `text` with each function a file of the run calls written as its
    tf.Module class (`library_class`) and its other variable-making functions as TF 2 functions."""
    from migrate.tf2_graph import DROPPED_CALLS, Converter

    c = Converter(text)
    tree = c.tree
    replacements = []
    for f in tree.body:
        if isinstance(f, ast.Expr) and isinstance(f.value, ast.Call) and c.call_name(f.value) in DROPPED_CALLS:
            replacements.append((f.lineno, f.end_lineno, ""))  # the compat pass's module switches: TF 2 is eager
        if isinstance(f, ast.FunctionDef) and f.name not in library.makers:
            replacements += _name_scopes(c, f)
            continue
        if not isinstance(f, ast.FunctionDef):
            continue
        if f.name in library.callers and not _factory(text, f.name):
            new = library_class(text, f.name)
        elif f.name in library.callers:
            new = _seeded_factory(layer_form(text, f.name, inline=False), f.name)
        else:
            new = layer_form(text, f.name, inline=False)
        start = f.lineno - len(f.decorator_list)
        replacements.append((start, f.end_lineno, _ending(new)))
    lines = text.splitlines(keepends=True)
    for first, last, new in sorted(replacements, reverse=True):
        lines[first - 1:last] = [new]
    return "".join(lines)


def _name_scopes(c, function: ast.FunctionDef) -> list[tuple[int, int, str]]:
    """The library's function making no variable (easy-tensorflow's `flatten_layer`: `with
    tf.variable_scope('Flatten_layer'):` around a reshape) with each `with variable_scope('<name>'):`
    written `with tf.name_scope('<name>'):` (line replacements): with nothing to make or share, the
    variable scope only named the ops. None for a function calling other than TensorFlow's TF 2 ops
    (not its layers or Keras), methods and builtins (a call of another function may make variables
    under the scope), or a scope with other arguments or an `as` name."""
    scopes, tf = [], c.alias
    for node in ast.walk(function):
        if isinstance(node, ast.With):
            for item in node.items:
                if isinstance(item.context_expr, ast.Call) and c.call_name(item.context_expr) == "tf.compat.v1.variable_scope":
                    scope = item.context_expr
                    if item.optional_vars is not None or scope.keywords or len(scope.args) != 1 \
                            or not isinstance(scope.args[0], ast.Constant) or not isinstance(scope.args[0].value, str) \
                            or scope.lineno != scope.end_lineno:
                        return []
                    scopes.append(scope)
        elif isinstance(node, ast.Call):
            called = c.call_name(node) or ""
            if isinstance(node.func, ast.Name) and node.func.id not in BUILTIN_CALLS or called.startswith(
                    ("tf.compat.v1.", "tf.keras", "tf.layers")) and called != "tf.compat.v1.variable_scope":
                return []
    edits = {}
    for scope in sorted(scopes, key=lambda n: (n.lineno, -n.col_offset)):
        line = edits.get(scope.lineno, c.lines[scope.lineno - 1])
        edits[scope.lineno] = line[:c.col(scope.func)] + f"{tf}.name_scope" + line[c.end_col(scope.func):]
    return [(number, number, line) for number, line in edits.items()]


def draws_no_seed(module: str, name: str) -> bool:
    """Is `name` of `module` (as the program imports it, by name or with `*`) a function of a
    library of the run (LIBRARIES) whose compat text calls only TensorFlow ops asking the graph for no seed (no
    random op, layer or Keras: tf2_graph.SEEDED_CALLS), methods and builtins (easy-tensorflow's
    `flatten_layer`, `max_pool`)? TF 1.x's count of random ops stood as it was after its call."""
    from migrate.tf2_graph import SEEDED_CALLS, Converter

    libraries = LIBRARIES.get()
    library = (libraries.get("imports") or {}).get(module) if libraries else None
    if library is None or library.compat is None or name in library.makers:
        return False
    try:
        c = Converter(library.compat)
    except (Fallback, SyntaxError):
        return False
    function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.name == name), None)
    if function is None:
        return False
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        called = c.call_name(node) or ""
        if isinstance(node.func, ast.Name) and node.func.id not in BUILTIN_CALLS or SEEDED_CALLS.search(called) \
                or isinstance(node.func, ast.Attribute) and node.func.attr == "shuffle":
            return False
    return True


def _factory(text: str, name: str) -> bool:
    """Is the TF 2 function form of the library's `name` one the engine calls where it is called,
    a variable made there (tf2_graph `Converter._variable_factory`: every return a tf.Variable)?"""
    from migrate.tf2_graph import Converter

    tree = ast.parse(text)
    header = "".join(ast.get_source_segment(text, n) + "\n" for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    try:
        return Converter(header + "\n\n" + layer_form(text, name, inline=False))._variable_factory(name)
    except (Fallback, SyntaxError):
        return False


def _unseeded(function: ast.FunctionDef) -> str:
    """`ast.dump` of a function without the `seed=None` parameter the engine gives a variable factory
    called several times under a graph seed (tf2_graph `Converter._seed_per_call`) and its `seed=seed`
    keyword: the factory the library writes with that parameter draws as the one without it when
    none is given."""
    function = ast.parse(ast.unparse(function)).body[0]
    arguments = function.args
    if arguments.args and arguments.defaults and isinstance(arguments.defaults[-1], ast.Constant) \
            and arguments.defaults[-1].value is None and arguments.args[-1].arg in ("seed", "op_seed", "seed_"):
        parameter = arguments.args.pop().arg
        arguments.defaults.pop()
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                node.keywords = [k for k in node.keywords if not (k.arg == "seed" and isinstance(k.value, ast.Name)
                                                                   and k.value.id == parameter)]
    return ast.dump(function)


def _literal_seed(function: ast.FunctionDef) -> tuple[str, int | None]:
    """(`ast.dump` of the function without the one `seed=<int>` keyword the engine wrote into a
    random op of a factory called once, that int); (its dump, None) when it has none."""
    function = ast.parse(ast.unparse(function)).body[0]
    found = [(n, k) for n in ast.walk(function) if isinstance(n, ast.Call) for k in n.keywords
             if k.arg == "seed" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, int)]
    if len(found) != 1:
        return ast.dump(function), None
    call, keyword = found[0]
    call.keywords.remove(keyword)
    return ast.dump(function), keyword.value.value


def _seeded_factory(form: str, name: str) -> str:
    """The TF 2 function form of a variable factory with one random op of no op seed, given the
    `seed=None` parameter handed to the op (the engine's `_seed_per_call` shape): a program under a
    graph seed passes each call the op seed TF 1.x counted; a caller passing none draws unseeded."""
    from migrate.tf2_graph import _is_random_op

    tree = ast.parse(form)
    function = tree.body[0]
    draws = [n for n in ast.walk(function) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and _is_random_op(ast.unparse(n.func))]
    names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)} | {a.arg for a in ast.walk(function)
                                                                             if isinstance(a, ast.arg)}
    if len(draws) != 1 or any(k.arg == "seed" for k in draws[0].keywords) or "seed" in names \
            or any(isinstance(a, ast.Starred) for a in draws[0].args) or any(k.arg is None for k in draws[0].keywords) \
            or function.args.vararg or function.args.kwarg or function.args.kwonlyargs or not function.args.args:
        return form
    lines = form.splitlines(keepends=True)

    def at(node, end=True):
        line, col = (node.end_lineno, node.end_col_offset) if end else (node.lineno, node.col_offset)
        return sum(len(x) for x in lines[:line - 1]) + len(lines[line - 1].encode("utf-8")[:col].decode("utf-8"))
    last = max(draws[0].args + draws[0].keywords, key=lambda n: (n.end_lineno, n.end_col_offset))
    edits = [(at(last), ", seed=seed"), (at(function.args.defaults[-1] if function.args.defaults
                                           else function.args.args[-1]), ", seed=None")]
    for position, new in sorted(edits, reverse=True):
        form = form[:position] + new + form[position:]
    return form


def library_class(text: str, name: str) -> str:
    """The tf.Module class written for the library function `name` (tf2_helpers' class for the
    helper it is pasted as, op seeds counted when given: `__init__(self, op_seeds=None)`)."""
    from migrate.tf2_graph import Converter
    from migrate.tf2_helpers import _class_lines

    tree = ast.parse(text)
    header = "".join(ast.get_source_segment(text, n) + "\n" for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    form = layer_form(text, name)
    synthetic = header + "\n\n" + form
    c = Converter(synthetic)
    function = next(f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.name == name)
    offset = function.lineno
    original = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == name)

    def fail(node, why: str, construct: str | None = None) -> Fallback:
        line = original.lineno + getattr(node, "lineno", offset) - offset
        return Fallback(construct or name, line, 1, f"the layer function `{name}` (making variables at each call, "
                        "called by a program of this run): " + why)
    cls, out, seeds = _class_lines(c, function, fail, lambda draws: [0], seeded=True)
    if cls != class_name(name):
        raise fail(function, f"its class would be named `{cls}`, another name of this module being `{class_name(name)}`")
    if seeds is None:  # no random op: no op seed to count
        return "".join(out)
    text_out = "".join(out)
    text_out = text_out.replace("def __init__(self, op_seeds):", "def __init__(self, op_seeds=None):", 1)
    text_out = text_out.replace(
        "self.op_seeds = op_seeds  # TF 1.x's count of random ops built when this call of",
        "self.op_seeds = op_seeds  # None, or TF 1.x's count of random ops built when this call of", 1)
    text_out = text_out.replace(
        "        self.op_seeds += 1\n",
        "        if self.op_seeds is None:  # no graph seed: no op seed, as TF 1.x gave none\n"
        "            return None\n        self.op_seeds += 1\n", 1)
    return text_out


# -- the run's joint decision (runner.run) -------------------------------------------------
def _changed_for_compat(library: Library, result) -> set[str]:
    """The functions of the library that a caller keeping compat would find changed: those
    written as a class (the name is gone), and those whose compat text makes get_variables or
    opens a variable scope (a tf.Variable shares nothing by name: a compat caller's reuse would
    not reach it). A function making tf.Variables that stays one (a variable factory given a
    `seed=None` parameter) makes in a graph what it made before."""
    try:
        tree = ast.parse(library.compat or "")
        new = ast.parse(result.new_data) if result is not None and result.new_data is not None else tree
    except (SyntaxError, ValueError):
        return set(library.callers)
    classes = {n.name for n in new.body if isinstance(n, ast.ClassDef)}
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    changed = set()
    for name in library.callers:
        function = functions.get(name)
        if class_name(name) in classes or function is None or any(
                isinstance(n, ast.Attribute) and n.attr in ("get_variable", "variable_scope") for n in ast.walk(function)):
            changed.add(name)
    return changed


def demotions(results: list, index: dict, known: dict, compat_text=None) -> dict:
    """{path: (line, col, reason)} of the `--style tf2` results (runner.FileResult) that must keep
    compat for a library of `index` (`library_index`) and the files calling its layer functions
    (the module docstring); `known` paths keep compat already. Each MIG602 is positioned in the
    compat text its file is left with; the other file is named with its line in the text given."""
    from migrate.tf2_crossfile import _at, _input_line, _own, _program_text

    if not index:
        return {}
    by_path = {r.path: r for r in results}

    def converted(path: str) -> bool:
        result = by_path.get(path)
        return result is not None and path not in known and result.status != "error" \
            and any(f.code == "MIG601" for _, f in result.findings)

    def library_converted(path: str) -> bool:
        """Converted, or TF 2 already: no MIG602 (a module whose compat text had no TF 1.x left)."""
        result = by_path.get(path)
        return converted(path) or result is not None and path not in known and result.status != "error" \
            and not any(f.code == "MIG602" for _, f in result.findings)

    def why(path: str) -> str:
        result = by_path.get(path)
        if path in known:
            return _own(known[path][2])
        finding = next((f for _, f in result.findings if f.code == "MIG602"), None) if result is not None else None
        if finding is None:
            return "it keeps its compat migration" if result is not None else "it is not migrated with --style tf2"
        return _own(finding.message.split("(--style tf2): ", 1)[-1])

    def where(path: str) -> int:
        result = by_path.get(path)
        finding = next((f for _, f in result.findings if f.code == "MIG602"), None) if result is not None else None
        if finding is None:
            return 1
        if path in known:
            return known[path][0]
        if not path.endswith(".py") or result.new_data is None:
            return finding.line
        return _input_line(_program_text(path, None), _program_text(path, result.new_data), finding)

    out: dict[str, tuple[int, int, str]] = {}
    for library in index.values():
        name_of, module = os.path.basename(library.path), stem(library.path)
        calls = sorted((path, line, f) for f, sites in library.callers.items() for path, line in sites)
        if library_converted(library.path):
            changed = _changed_for_compat(library, by_path.get(library.path))
            bad = next(((p, line, f) for p, line, f in calls if f in changed and (not converted(p) or p.endswith(".ipynb"))),
                       None)
            if bad is not None and library.path not in out:
                path, line, f = bad
                reason = "a notebook is not converted with the layer functions of another file" \
                    if path.endswith(".ipynb") else why(path)
                compat = compat_text(library.path) if compat_text else None
                out[library.path] = (*_at(compat, rf"^def\s+{re.escape(f)}\b", 0), (
                    f"`{f}` is called at {os.path.basename(path)}:{line}, a file of this run that keeps compat "
                    f"({reason}): converted, `{f}` would be the tf.Module class `{class_name(f)}` that file does not "
                    "make; " + TOGETHER))
        else:
            for path, line, f in calls:
                if not converted(path) or path in out or not path.endswith(".py"):
                    continue
                compat = compat_text(path) if compat_text else None
                out[path] = (*_at(compat, rf"^\s*(?:from\s+[\w.]*\b{re.escape(module)}\s+import\b|import\s+[\w.]*\b{re.escape(module)}\b)", 0), (
                    f"`{f}` of {name_of} is converted only with its module (a tf.Module class, or a TF 2 function), "
                    "which keeps compat "
                    f"({name_of}:{where(library.path)}: {why(library.path)}): " + TOGETHER))
    return out
