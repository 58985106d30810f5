"""`--style tf2`: a model builder returning its tensors in a dict (pkmital's autoencoders)::

    def autoencoder(dimensions=[784, 512, 256, 64]):
        x = tf.compat.v1.placeholder(tf.float32, [None, dimensions[0]], name='x')
        ...  # variables made in Python loops, the computation from x
        return {'x': x, 'z': z, 'y': y, 'cost': cost}

    ae = autoencoder(dimensions=[784, 256, 64])       # once, in the body running the Session
    ... minimize(ae['cost']) ... sess.run(ae['y'], feed_dict={ae['x']: test})

rewritten, before the graph engine (migrate/tf2_graph.py) converts the program again, as

    class Autoencoder(tf.Module):
        def __init__(self, dimensions=[784, 512, 256, 64]): ...   # the arguments kept
        def variable(self, make): ...   # the body's next variable: made once, then reused
        def __call__(self, x):          # the body on the fed values; returns the same dict

    ae_x = tf.compat.v1.placeholder(tf.float32, [None, 784], name='x')
    autoencoder_1 = Autoencoder(dimensions=[784, 256, 64])
    ae = autoencoder_1(ae_x)
    ... sess.run(ae['y'], feed_dict={ae_x: test})

The engine then converts the placeholders as the program's (the step functions' arguments), the
object as a container of variables (`*autoencoder_1.trainable_variables`, read after the
forward pass) and `ae = autoencoder_1(ae_x)` as a graph statement of each step.

Why it computes what TF 1.x computed:
- each `tf.Variable(init)` of the body becomes `self.variable(lambda: tf.Variable(init))`: the
  first call makes it under `tf.init_scope()` (eagerly, as a Keras 3 layer makes its weights
  inside a tf.function), in the order the body runs, which is the order TF 1.x made them; later
  calls (every step's trace) get the same variables back in that order. The initial value is
  drawn once, as `global_variables_initializer` ran its initializer once.
- with a graph seed, a random op of an initial value with no op seed gets `seed=self.op_seed()`:
  the graph's count of ops that asked for a seed (0, 1, 2, ... from the count where the builder
  was called, `_seed_start`), the op seed TF 1.x gave it (migrate/tf2_graph.py
  `_seed_random_ops`), counted as the body runs, so also in loops.
- the steps calling the object are traced once with the placeholders' shapes as their
  input_signature (`builder_step`), so the body reads the static shapes TF 1.x built with
  (`int(x.get_shape()[1])`, `None` for the batch).
- a random op of the computation with no op seed (08_denoising_autoencoder's `corrupt(x)` mask) was
  one op in TF 1.x, drawing on in every run: it gets `seed=self.fixed_seed(k)`, the op seed counted
  where the first call reaches it and the same at every later call, and the steps calling the
  object run eagerly (tf2_objects `object_draws`), so they draw on from one kernel. A function
  the body calls that only returns TensorFlow ops of its parameters drawing random numbers, of this
  file or of a module of the run it imports (`from libs.utils import corrupt`: its compat text), is
  first written at the call as its returned expression (`_inline_draws`), its random ops the body's.

Measured: tests/e2e/tf2_runs/dict_builder.py (Adam, v1's written out as V1Adam: the compat and tf2
outputs print the same digits) and denoising_builder.py (the mask drawn in every run; the same
digits), pkmital's 07, 08 and 09 autoencoders side by side.

The pieces (`_module_lines`: the class up to `__call__`'s body; `_variable_edits`; `_body_calls`: the
checks of the body's calls; `_check_effects`, `_check_late_reads`, `_call_arguments`,
`_placeholder_text`, `_seed_start`) are shared with migrate/tf2_objects.py, which rewrites a model
class making its tensors as attributes (`cnn.input_x` for `ae['x']`) the same way.

Anything else (a placeholder under `if` or read by the body before the dict, a random op with an
op seed, a TF 1.x graph API outside an initial value, another module's function not inlined, the builder called more than once or its dict used
other than `ae['key']`, Python effects outside the body) raises `Fallback` naming it. Pure: no
TensorFlow import.
"""
from __future__ import annotations

import ast
import copy
import os

from migrate.tf2_graph import (
    MODULE_ATTRIBUTES,
    PLACEHOLDER,
    SAFE_MODULES,
    SEEDS,
    VARIABLES,
    Converter,
    Fallback,
    _bound_inside,
    _Events,
    _indent,
    _is_random_op,
    _replace_lines,
    _string_continuation_lines,
)

# the reasons of tf2_graph that may stand for a dict builder's key or call
FEED_KEY = "a feed_dict key that is not a placeholder"
# tf.Variable's parameters taken as v2's (v1's third positional parameter is `collections`)
VARIABLE_KEYWORDS = frozenset({"initial_value", "trainable", "name", "dtype", "validate_shape", "shape", "constraint"})
# names the class gives its own members (the body must not bind them)
MEMBERS = frozenset({"self", "variable", "op_seed", "made", "count", "op_seeds", "arguments"})
METHOD = "variable"
# the member giving a random op of the computation its op seed (tf2_graph reads it: tf2_objects.object_draws)
FIXED = "fixed_seed"
# what reads the program's variables, or restores them, where TF 1.x had them all before any run
LATE_READS = frozenset({"tf.compat.v1.train.Saver", "tf.compat.v1.trainable_variables", "tf.compat.v1.global_variables",
                        "tf.compat.v1.all_variables", "tf.compat.v1.get_collection", "tf.compat.v1.variables_initializer",
                        "tf.compat.v1.train.Checkpoint", "tf.train.Checkpoint"})  # the member making the body's variables once; marks a builder class (`builder_class`)


def dict_builder(text: str, stop: Fallback):
    """(new text, a function mapping a Fallback of the new text back to `text`) when `stop` is
    at `name['key']` (a feed key, `minimize` or a fetch) and `name` is bound by the one call of
    a dict builder; None for another shape (the engine's Fallback stands). Raises Fallback
    (positioned in `text`) naming what keeps a builder of this shape compat."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    found = _builder_site(c, stop)
    if found is None:
        return None
    inlined = _inline_draws(c, found[2])
    if inlined is not None:  # (the same lines: a Fallback of the new text is positioned in `text`)
        c = Converter(inlined)
        found = _builder_site(c, stop)
        if found is None:
            return None
    site, holder, function = found
    return _rewrite(c, site, holder, function)


def _draw_function(c: Converter, call: ast.Call) -> tuple[ast.expr, list[str], str] | None:
    """(its returned expression, its parameters, its module's TensorFlow alias) of the function a
    builder's body calls by name when it only returns TensorFlow ops of its parameters drawing
    random numbers (pkmital's `corrupt(x)`: `x * cast(random_uniform(shape(x), 0, 2, int32))`),
    defined in this file or in a module of the run the file imports it from (its compat text,
    the module found as Python finds it from the file's folder); None for anything else."""
    from migrate.runner import _compat_text
    from migrate.tf2_modelmodules import CONTEXT

    if not isinstance(call.func, ast.Name):
        return None
    name, tree, alias = call.func.id, c.tree, c.alias
    if name not in c.local_functions:
        context, module = CONTEXT.get(), c.imported_from.get(name)
        if context is None or context[1] is None or module is None or module.split(".")[0] in SAFE_MODULES:
            return None
        path = None  # the module's file in the file's folder, else the nearest folder above (as Python finds it)
        base = os.path.dirname(os.path.abspath(context[1]))
        while path is None and os.path.dirname(base) != base:
            candidate = os.path.join(base, *module.split(".")) + ".py"
            path = candidate if os.path.isfile(candidate) else None
            base = os.path.dirname(base)
        text = _compat_text(path, context[2]) if path is not None else None
        try:
            tree = ast.parse(text) if text is not None else None
        except SyntaxError:
            tree = None
        alias = next((a.asname or a.name for n in (tree.body if tree else []) if isinstance(n, ast.Import)
                      for a in n.names if a.name == "tensorflow"), None)
        if tree is None or alias is None:
            return None
    function = next((f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == name), None)
    if function is None or function.decorator_list or function.args.vararg or function.args.kwarg \
            or function.args.kwonlyargs or function.args.posonlyargs or function.args.defaults:
        return None
    body = function.body[1:] if isinstance(function.body[0], ast.Expr) \
        and isinstance(function.body[0].value, ast.Constant) else function.body
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    params = [a.arg for a in function.args.args]
    expression, draws = body[0].value, 0
    for n in ast.walk(expression):
        if isinstance(n, ast.Name) and n.id not in params and n.id != alias:
            return None  # (a global of its module, a builtin: not read as the program would)
        if isinstance(n, (ast.Lambda, ast.NamedExpr, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return None
        if isinstance(n, ast.Call):
            called = ast.unparse(n.func)
            if not called.startswith(f"{alias}.") or called.startswith(f"{alias}.compat."):
                return None
            draws += _is_random_op("tf." + called[len(alias) + 1:])
    return (expression, params, alias) if draws else None


class _Arguments(ast.NodeTransformer):
    """A function's returned expression of the call's arguments: each parameter the node given."""

    def __init__(self, given: dict):
        self.given = given

    def visit_Name(self, node):
        return self.given.get(node.id, node)


def _inline_draws(c: Converter, function: ast.FunctionDef) -> str | None:
    """The text with each call in the builder's body of a function drawing random numbers
    (`_draw_function`), given names or constants, written as its returned expression of those
    arguments on the call's line: its random ops become the builder's own, drawn in the
    computation with the op seed TF 1.x counted (`_fixed_seed_lines`), as TF 1.x built them
    where the builder called the function. None when there is no such call."""
    edits = []
    for call in ast.walk(function):
        if not isinstance(call, ast.Call) or call.lineno != call.end_lineno:
            continue
        found = _draw_function(c, call)
        if found is None or any(isinstance(a, ast.Starred) for a in call.args) or any(
                not isinstance(v, (ast.Name, ast.Constant)) for v in call.args + [k.value for k in call.keywords]):
            continue
        expression, params, alias = found
        given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
        if len(call.args) > len(params) or set(given) != set(params) or alias != c.alias:
            continue
        edits.append((c.offset(call), c.end_offset(call), f"({ast.unparse(_Arguments(given).visit(copy.deepcopy(expression)))})"))
    if not edits:
        return None
    text = c.text
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _builder_site(c: Converter, stop: Fallback):
    """(the statement `holder = builder(...)`, holder's name, the builder's def) for the name
    subscripted or called at the Fallback's position; None when it is not one."""
    node = next((n for n in ast.walk(c.tree) if isinstance(n, (ast.Subscript, ast.Call))
                 and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        holder = node.value.id
        bound = [s for s in ast.walk(c.tree) if isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For,
                                                                  ast.With, ast.FunctionDef))
                 and any(isinstance(n, ast.Name) and n.id == holder and not isinstance(n.ctx, ast.Load)
                         for n in ast.walk(s) if not isinstance(s, ast.FunctionDef) or n in ast.walk(s.args))]
        site = bound[0] if len(bound) == 1 and isinstance(bound[0], ast.Assign) else None
    elif isinstance(node, ast.Call):
        site = next((s for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and s.value is node), None)
        holder = site.targets[0].id if site is not None and isinstance(site.targets[0], ast.Name) else None
    else:
        site = holder = None
    if site is None:  # a construct inside a builder (its random op under the graph seed): its one call
        function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef)
                         and f.lineno <= stop.line <= f.end_lineno), None)
        sites = [s for s in ast.walk(c.tree) if function is not None and isinstance(s, ast.Assign)
                 and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name) and s.value.func.id == function.name]
        if not sites or not isinstance(sites[0].targets[0], ast.Name):
            return None  # (more than one call: `_rewrite` names it)
        site, holder = sites[0], sites[0].targets[0].id
    if site is None or len(site.targets) != 1 or not isinstance(site.targets[0], ast.Name) \
            or not isinstance(site.value, ast.Call) or not isinstance(site.value.func, ast.Name):
        return None
    function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.name == site.value.func.id), None)
    if function is None:
        return None
    last = function.body[-1]
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Dict) \
            or not any(isinstance(n, ast.Call) and c.call_name(n) == PLACEHOLDER for n in ast.walk(function)):
        return None  # not a builder of placeholders returning a dict
    return site, holder, function


def _rewrite(c: Converter, site: ast.Assign, holder: str, function: ast.FunctionDef):
    name = function.name

    def fail(node, why: str, construct: str | None = None) -> Fallback:
        return c.fail(node, f"the model builder `{name}` (its placeholders, variables and tensors returned in a dict): "
                      + why, construct)

    arguments = function.args
    if function.decorator_list or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        raise fail(function, "decorated or with *args, **kwargs or keyword-only parameters", name)
    params = [a.arg for a in arguments.args]
    defaults = dict(zip(params[len(params) - len(arguments.defaults):], arguments.defaults))
    body = function.body
    docstring = body[0] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str) else None
    statements = body[1:] if docstring is not None else list(body)
    returned = statements[-1].value
    if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in returned.keys) \
            or not all(isinstance(v, ast.Name) for v in returned.values):
        raise fail(returned, "a returned dict other than string keys to the body's names")
    for node in ast.walk(function):
        if node is function:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global, ast.Nonlocal,
                             ast.Yield, ast.YieldFrom, ast.Lambda, ast.Await)):
            raise fail(node, "a nested function, class, lambda, global or yield in its body")
        if isinstance(node, ast.Return) and node is not statements[-1]:
            raise fail(node, "a `return` before the end of its body")
    local = _bound_inside(function)
    clash = sorted(local & MEMBERS)
    if clash:
        raise fail(function, f"the name `{clash[0]}`, which the class written for it takes", name)
    # the placeholders: `p = tf.compat.v1.placeholder(...)` in the body itself, each returned
    placeholders = []
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and c.call_name(node) in (PLACEHOLDER, "tf.compat.v1.placeholder_with_default",
                                                                  "tf.compat.v1.sparse_placeholder"):
            stmt = next((s for s in statements if isinstance(s, ast.Assign) and s.value is node), None)
            if stmt is None or c.call_name(node) != PLACEHOLDER or len(stmt.targets) != 1 \
                    or not isinstance(stmt.targets[0], ast.Name):
                raise fail(node, "a placeholder made other than `name = tf.placeholder(...)` in its body itself (under "
                           "`if`, in a loop or an expression): the step's arguments are the placeholders it always makes")
            placeholders.append(stmt)
    keys = {v.id: k.value for k, v in zip(returned.keys, returned.values)}
    for stmt in placeholders:
        p = stmt.targets[0].id
        if p not in keys:
            raise fail(stmt, f"the placeholder `{p}` is not in the returned dict (it cannot be fed by its key)")
        if p in params or sum(isinstance(n, ast.Name) and n.id == p and not isinstance(n.ctx, ast.Load)
                              for n in ast.walk(function)) != 1:
            raise fail(stmt, f"the placeholder's name `{p}` is bound again in its body")
        for n in ast.walk(stmt.value):
            if isinstance(n, ast.Name) and n.id in local and n.id not in params:
                raise fail(stmt, f"the placeholder's shape or dtype reads `{n.id}`, computed in its body (the "
                           "placeholder is made where the builder is called)")
    # every other TF 1.x graph API, random op and effect
    computation: list[ast.Call] = []  # random ops of the computation (a denoising mask): one op seed each, fixed
    variables, draws = _body_calls(c, function, fail, computation=computation)
    graph_seed = any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for n in ast.walk(c.tree))
    _check_effects(c, function, local, docstring, fail)
    _check_late_reads(c, fail)
    # the one call, and every use of what it returned: `holder['key']`
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name]
    if len(uses) != 1 or uses[0] is not site.value.func:
        raise fail(uses[-1], "called or used more than once (its variables are made once, at its one call)", name)
    call = site.value
    given = _call_arguments(call, params, defaults, fail, name)
    reads = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == holder and n is not site.targets[0]]
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    subscripts = []
    for n in reads:
        parent = parents.get(id(n))
        key = parent.slice if isinstance(parent, ast.Subscript) and parent.value is n else None
        if not (isinstance(n.ctx, ast.Load) and isinstance(key, ast.Constant) and key.value in keys.values()
                and isinstance(parent.ctx, ast.Load)):
            raise fail(n, f"`{holder}`, the dict it returned, used other than `{holder}['<key>']` or bound again",
                       holder)
        subscripts.append(parent)
    # placeholders where the builder is called: their arguments read the call's values
    placeholder_lines = []
    names = {}
    used = set(c.used_names)
    for stmt in placeholders:
        p = stmt.targets[0].id
        fresh = _fresh(f"{holder}_{keys[p]}" if keys[p].isidentifier() else f"{holder}_{p}", used)
        names[p] = fresh
        placeholder_lines.append(f"{fresh} = {_placeholder_text(c, stmt, params, given, defaults, parents, fail)}")
    start_seed = _seed_start(c, site, function, fail) if graph_seed and (draws or computation) else None
    class_name = _fresh("".join(part.capitalize() for part in name.split("_")) or "Builder", used)
    instance = _fresh(f"{name}_1", used)
    docstring_lines = c.lines[docstring.lineno - 1:docstring.end_lineno] if docstring is not None else None
    out = _module_lines(c, class_name, name, docstring_lines, params, defaults, start_seed,
                        [s.targets[0].id for s in placeholders])
    # the body: the statements after the docstring, placeholders gone, variables made once
    edits = _variable_edits(c, variables, draws, start_seed)
    edits += _fixed_seed_lines(c, out, computation, start_seed)
    dropped = set()
    for stmt in placeholders:
        dropped |= set(range(stmt.lineno, stmt.end_lineno + 1))
    out += _method_body(c, function, statements, edits, dropped)
    indent = _indent(c.lines[site.lineno - 1])
    given_text = ", ".join([c.source(a) for a in call.args] + [f"{k.arg}={c.source(k.value)}" for k in call.keywords])
    split = "".join(f"{indent}{line}\n" for line in placeholder_lines)
    split += f"{indent}{instance} = {class_name}({given_text})\n"
    split += f"{indent}{holder} = {instance}({', '.join(names[s.targets[0].id] for s in placeholders)})\n"
    replacements = [(function.lineno, function.end_lineno, "".join(out)), (site.lineno, site.end_lineno, split)]
    # `holder['x']` of a placeholder -> its name where the builder is called (a feed key, a fetch)
    by_key = {keys[p]: fresh for p, fresh in names.items()}
    line_edits: dict[int, list] = {}
    for sub in subscripts:
        if sub.slice.value in by_key:
            if sub.lineno != sub.end_lineno or sub.lineno in range(site.lineno, site.end_lineno + 1):
                raise fail(sub, f"`{c.source(sub)}` written over lines", c.source(sub))
            line_edits.setdefault(sub.lineno, []).append((c.col(sub), c.end_col(sub), by_key[sub.slice.value]))
    for number, changes in line_edits.items():
        line = c.lines[number - 1]
        for s, e, new in sorted(changes, reverse=True):
            line = line[:s] + new + line[e:]
        replacements.append((number, number, line))
    return _replace_lines(c.text, c, replacements)


def _method_body(c: Converter, function: ast.FunctionDef, statements: list[ast.stmt], edits: list[tuple[int, int, str]],
                 dropped: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """The function's body from its first statement in `statements` to its end, `edits` (start,
    end, new text) applied, the lines numbered in `dropped` left out, indented one level more
    (a method of the class written for it); lines inside a string literal stay as they are."""
    first = statements[0].lineno
    region_start, region_end = c.starts[first - 1], c.starts[function.end_lineno]
    region = c.text[region_start:region_end]
    for s, e, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        region = region[: s - region_start] + new + region[e - region_start:]
    strings = set()
    for stmt in statements:
        strings |= _string_continuation_lines(stmt)
    return [line if number in strings or not line.strip() else "    " + line
            for number, line in enumerate(region.splitlines(keepends=True), first) if number not in dropped]


def _module_lines(c: Converter, class_name: str, name: str, docstring_lines, params: list[str], defaults: dict,
                  start_seed: int | None, call_params: list[str], pad: str = "    ") -> list[str]:
    """The lines of the tf.Module class written for the builder `name` (a function, or a class's
    `__init__`), up to the first line of its `__call__` body: `__init__` keeping the builder's
    parameters (`defaults`: their default nodes) in `self.arguments`, the `variable` member
    making the body's variables once in order, `op_seed` counting TF 1.x's op seeds from
    `start_seed` (None: no graph seed, no member), `__call__` taking `call_params` (the fed
    placeholders) and unpacking the arguments; `docstring_lines` (or None) kept as the class's."""
    tf = c.alias
    out = [f"class {class_name}({tf}.Module):\n"]
    if docstring_lines is not None:
        out += docstring_lines
    else:
        out.append(f'{pad}"""`{name}`: its variables made once, each call its tensors from the fed values."""\n')

    def signature(items):
        return ", ".join(["self"] + [p + (f"={c.source(defaults[p])}" if p in defaults else "") for p in items])
    out += ["\n", f"{pad}def __init__({signature(params)}):\n", f"{pad * 2}super().__init__()\n"]
    if params:
        out.append(f"{pad * 2}self.arguments = ({', '.join(params)},)  # read by each call, as the builder's\n")
    out.append(f"{pad * 2}self.made = []  # the variables, in the order TF 1.x made them\n")
    if start_seed is not None:
        out.append(f"{pad * 2}self.op_seeds = {start_seed}  # TF 1.x's count of random ops built when `{name}` ran\n")
    out += ["\n", f"{pad}def {METHOD}(self, make):\n",
            f'{pad * 2}"""The body\'s next variable: made by `make` at the first call (eagerly, once, as TF 1.x\'s\n',
            f"{pad * 2}initializer ran once), the same one at every later call (each step's trace).\"\"\"\n",
            f"{pad * 2}if self.count == len(self.made):\n",
            f"{pad * 3}with {tf}.init_scope():\n", f"{pad * 4}self.made.append(make())\n",
            f"{pad * 2}self.count += 1\n", f"{pad * 2}return self.made[self.count - 1]\n"]
    if start_seed is not None:
        out += ["\n", f"{pad}def op_seed(self):\n",
                f'{pad * 2}"""The op seed TF 1.x\'s graph gave the next random op built: its count of them."""\n',
                f"{pad * 2}self.op_seeds += 1\n", f"{pad * 2}return self.op_seeds - 1\n"]
    out += ["\n", f"{pad}def __call__(self, {', '.join(call_params)}):\n"]
    if params:
        out.append(f"{pad * 2}{', '.join(params)}{',' if len(params) == 1 else ''} = self.arguments\n")
    out.append(f"{pad * 2}self.count = 0\n")
    return out


def _fixed_seed_lines(c: Converter, out: list[str], computation: list[ast.Call], start_seed: int | None) -> list:
    """With a graph seed (`start_seed` not None), the `fixed_seed` member put in the class lines
    `out` (before `__call__`, its dict in `__init__`), and the edits giving each random op of the
    `computation` `, seed=self.fixed_seed(k)` after its last argument. Each was one op in
    TF 1.x, drawing on in every run: its op seed is counted where the first call reaches it and
    is the same at every later call (eager ops of one seed share a kernel, which draws on)."""
    if not computation or start_seed is None:
        return []
    at = next(i for i, line in enumerate(out) if line.startswith("        self.made = []"))
    out.insert(at + 1, "        self.fixed_seeds = {}  # the op seed of each random op of the computation\n")
    at = next(i for i, line in enumerate(out) if line.startswith("    def __call__("))
    out[at:at] = [f"    def {FIXED}(self, k):\n",
                  '        """The op seed TF 1.x\'s graph gave the k-th random op of the computation (one op, built\n',
                  "        once): counted where the first call reaches it, the same at every later call.\"\"\"\n",
                  "        if k not in self.fixed_seeds:\n",
                  "            self.fixed_seeds[k] = self.op_seed()\n",
                  "        return self.fixed_seeds[k]\n", "\n"]
    edits = []
    for k, draw in enumerate(computation):
        last = max(draw.args + draw.keywords, key=lambda n: (n.end_lineno, n.end_col_offset))
        edits.append((c.end_offset(last), c.end_offset(last), f", seed=self.{FIXED}({k})"))
    return edits


def _variable_edits(c: Converter, variables: list[ast.Call], draws: list[ast.Call], start_seed: int | None):
    """(start, end, new) text edits of a builder's body: each tf.Variable made by the `variable`
    member (`self.variable(lambda: tf.Variable(...))`), each random op of an initial value given
    `seed=self.op_seed()` when the graph seed is set (`start_seed` not None)."""
    tf = c.alias
    edits = []
    for v in variables:
        edits.append((c.offset(v), c.offset(v), f"self.{METHOD}(lambda: "))
        edits.append((c.offset(v.func), c.end_offset(v.func), f"{tf}.Variable"))
        edits.append((c.end_offset(v), c.end_offset(v), ")"))
    if start_seed is not None:
        for draw in draws:
            keyword = next((k for k in draw.keywords if k.arg == "seed"), None)
            if keyword is not None:
                edits.append((c.offset(keyword.value), c.end_offset(keyword.value), "self.op_seed()"))
            else:
                last = max(draw.args + draw.keywords, key=lambda n: (n.end_lineno, n.end_col_offset))
                edits.append((c.end_offset(last), c.end_offset(last), ", seed=self.op_seed()"))
    return edits


def _body_calls(c: Converter, function: ast.FunctionDef, fail, v1_calls: frozenset = frozenset(),
                skip: frozenset | set = frozenset(), computation: list | None = None):
    """(the body's tf.Variable calls, its random ops inside their initial values) of a builder's
    `function`; raises `fail(node, why, construct)` for a variable with v1's other parameters, a
    TF 1.x graph API other than the placeholders (and `v1_calls`, which the engine rewrites), a
    random op in the computation or with an op seed, a call of another library or of a function
    of the file that makes variables, draws random numbers or uses TF 1.x graph APIs. Nodes whose
    id is in `skip` (statements moved out of the body) are not looked at. Given a `computation`
    list, a random op of the computation with no op seed is put there instead (a model object's
    dropout: migrate/tf2_objects.py draws it with the op seed TF 1.x counted)."""
    variables, draws = [], []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or id(node) in skip:
            continue
        called = c.call_name(node) or ""
        if called in VARIABLES:
            if len(node.args) > 2 or any(k.arg not in VARIABLE_KEYWORDS for k in node.keywords) \
                    or any(isinstance(a, ast.Starred) for a in node.args):
                raise fail(node, "a tf.Variable with arguments other than initial_value, trainable, name, dtype, "
                           "validate_shape, shape, constraint (v1's third parameter is `collections`)")
            variables.append(node)
        elif called == PLACEHOLDER:
            continue
        elif called.startswith("tf.compat.v1.") and called not in v1_calls:
            raise fail(node, f"`{called}` in its body: a TF 1.x graph API the class written for it does not convert",
                       called.replace("tf.", c.alias + ".", 1))
        elif _is_random_op(called):
            draws.append(node)
        elif _foreign(c, node) is not None:
            module = _foreign(c, node)
            raise fail(node, f"`{c.source(node.func)}` (from {module}), called in its body: whether it makes variables or "
                       "draws random numbers (made or drawn again at each step's trace) is not known from this file",
                       c.source(node.func))
        elif isinstance(node.func, ast.Name) and node.func.id in c.local_functions:
            inner = c.local_functions[node.func.id]
            made = next((c.call_name(n) for n in ast.walk(inner) if isinstance(n, ast.Call) and (
                c.call_name(n) in VARIABLES or _is_random_op(c.call_name(n) or "")
                or (c.call_name(n) or "").startswith("tf.compat.v1."))), None)
            if made is not None:
                raise fail(node, f"`{node.func.id}`, called in its body, makes variables, draws random numbers or uses "
                           f"TF 1.x graph APIs ({made})", node.func.id)
    for draw in list(draws):
        owner = next((v for v in variables if any(n is draw for n in ast.walk(v))), None)
        if any(k.arg == "seed" and not (isinstance(k.value, ast.Constant) and k.value.value is None)
               for k in draw.keywords) or len(draw.args) > 4:
            raise fail(draw, "a random op with an op seed in its body: TF 1.x made one op per build, eager ops of "
                       "one seed share a generator", c.source(draw).splitlines()[0])
        if owner is None and computation is not None:
            draws.remove(draw)
            computation.append(draw)
        elif owner is None:
            raise fail(draw, "a random op in its computation: drawn again in each step calling the object (one "
                       "generator per step function), where TF 1.x drew from one op", c.source(draw).splitlines()[0])
    return variables, draws


def _check_effects(c: Converter, function: ast.FunctionDef, local: set[str], docstring, fail, own: str | None = None,
                   skip: frozenset = frozenset()):
    """A Fallback for a statement of the builder's body with an effect outside it (a call not of a
    method of one of its `local` names, an assignment to another name): it would run at each step's
    trace. `own` (a class's `self`): calls of methods of its attributes (`self.outputs.append(h)`) are the body's.
    Statements whose id is in `skip` are the caller's (a helper's v1 summaries, made by its class)."""
    for stmt in ast.walk(function):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and stmt is not docstring \
                and id(stmt) not in skip:
            func = stmt.value.func
            owner = func.value if isinstance(func, ast.Attribute) else None
            while own is not None and isinstance(owner, ast.Attribute):
                owner = owner.value
            if not (isinstance(owner, ast.Name) and owner.id in local
                    and (owner is func.value or owner.id == own)):
                raise fail(stmt, "a statement with an effect outside its body (it would run at each step's trace)",
                           c.source(stmt).splitlines()[0])
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                base = target
                while isinstance(base, (ast.Attribute, ast.Subscript)):
                    base = base.value
                if isinstance(base, ast.Name) and base.id not in local:
                    raise fail(stmt, f"an assignment to `{base.id}`, not its own (it would run at each step's trace)",
                               c.source(stmt).splitlines()[0])


def _check_late_reads(c: Converter, fail):
    """A Fallback for what reads the program's variables before a step has run (LATE_READS: the
    object written for a builder makes its variables at its first call)."""
    early = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) in LATE_READS), None)
    if early is not None:
        raise fail(early, f"`{c.call_name(early)}` in the program: the object written for the builder makes its "
                   "variables at its first call (the first step), after this reads or restores the program's variables",
                   c.call_name(early).replace("tf.", c.alias + ".", 1))


def _call_arguments(call: ast.Call, params: list[str], defaults: dict, fail, name: str) -> dict:
    """{parameter: the argument node} of the builder's one call; a Fallback for *args, **kwargs,
    an argument it does not take or a parameter with no default left out."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords) \
            or len(call.args) > len(params) or any(k.arg not in params for k in call.keywords):
        raise fail(call, "called with *args, **kwargs or arguments it does not take", name)
    given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
    missing = [p for p in params if p not in given and p not in defaults]
    if missing:
        raise fail(call, f"called without `{missing[0]}`", name)
    return given


def _placeholder_text(c: Converter, stmt: ast.Assign, params: list[str], given: dict, defaults: dict, parents: dict,
                      fail, value: ast.expr | None = None, what: str = "the placeholder") -> str:
    """The placeholder call of `stmt` (in the builder; or `value`, what it is: an optimizer moved
    out of a class) as written where the builder is called: each parameter it reads replaced by
    the call's argument (`given`) or the default; a Fallback when that value is not a literal or a
    plain expression (read again, later, there)."""
    impure = (ast.Call, ast.Lambda, ast.NamedExpr, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
              ast.Await, ast.Yield, ast.YieldFrom)
    value_node = stmt.value if value is None else value
    edits = []
    for n in ast.walk(value_node):
        if isinstance(n, ast.Name) and n.id in params:
            argument = given.get(n.id, defaults.get(n.id))
            if any(isinstance(m, impure) for m in ast.walk(argument)) or (
                    n.id not in given and any(isinstance(m, ast.Name) for m in ast.walk(argument))):
                raise fail(stmt, f"{what} reads the parameter `{n.id}`, whose value at the call is not a "
                           f"literal or a plain expression (it is read again where {what} is made)")
            edits.append(_argument_edit(c, n, argument, parents))
    start, end = c.offset(value_node), c.end_offset(value_node)
    value_text = c.text[start:end]
    for s, e, new in sorted(edits, reverse=True):
        value_text = value_text[: s - start] + new + value_text[e - start:]
    return value_text


def _foreign(c: Converter, call: ast.Call) -> str | None:
    """The module a call's function is imported from, when it is neither TensorFlow nor a library
    building no TensorFlow op (tf2_graph's SAFE_MODULES: numpy, math, ...); else None."""
    head = call.func
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in c.imported_from or head.id == c.alias:
        return None
    module = c.imported_from[head.id]
    top = module.split(".")[0]
    return None if top in SAFE_MODULES or top == "tensorflow" else module


def _argument_edit(c: Converter, name: ast.Name, value: ast.expr, parents: dict) -> tuple[int, int, str]:
    """The edit writing a builder's parameter, read by a placeholder's arguments, as the value
    the call gave it: `dimensions[0]` of `[784, 256, 64]` as `784` (a literal subscripted by a
    constant), else the value's text (parenthesized unless a name, a constant or a display)."""
    parent = parents.get(id(name))
    if isinstance(parent, ast.Subscript) and parent.value is name and isinstance(parent.slice, ast.Constant):
        try:
            element = ast.literal_eval(value)[parent.slice.value]
        except (ValueError, TypeError, KeyError, IndexError, SyntaxError):
            element = ...
        if element is not ... and (element is None or isinstance(element, (int, float, str, bool))):
            return c.offset(parent), c.end_offset(parent), repr(element)
    text = c.source(value)
    plain = isinstance(value, (ast.Name, ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Attribute, ast.Subscript))
    return c.offset(name), c.end_offset(name), text if plain else f"({text})"


def _fresh(base: str, used: set) -> str:
    name, k = base, 1
    while name in used or name in MODULE_ATTRIBUTES:
        k += 1
        name = f"{base}_{k}"
    used.add(name)
    return name


def _seed_start(c: Converter, site: ast.Assign, function: ast.FunctionDef, fail) -> int:
    """The graph's count of random ops that asked for a seed when TF 1.x ran the builder's
    call: the program's build walked as tf2_graph walks it (`_module_events`), from the seed
    to the first event inside the builder; a Fallback when that count is not known."""
    scope = next((body for body in _bodies(c.tree) if site in body), None)
    if scope is None:
        raise fail(site, "called where the converter cannot walk the graph's build order")
    c.build_visited = set()
    events = _Events(c.calls_stack)
    c._module_events(scope, events)
    counter, after = 0, False
    for kind, node, _ in events:
        inside = function.lineno <= getattr(node, "lineno", 0) <= function.end_lineno
        if inside:
            if not after:
                break  # the seed is set after the builder ran: its ops had none
            return counter
        if kind == "seed":
            if after:
                break
            after = True
        elif not after:
            continue
        elif kind in ("count", "draw"):
            counter += 1
        elif kind in ("unknown", "blocked"):
            raise fail(node, "a random op with no op seed in it, built after a call or a block whose count of random ops "
                       "is not known here (TF 1.x's op seed is that count)", c.source(node).splitlines()[0])
    raise fail(site, "a random op with no op seed in it, while the program's graph seed is set once before it cannot be "
               "told (TF 1.x's op seed is the graph's count of random ops)", function.name)


def _bodies(tree: ast.Module):
    stack = [tree.body]
    while stack:
        body = stack.pop()
        yield body
        for stmt in body:
            for field_ in ("body", "orelse", "finalbody"):
                child = getattr(stmt, field_, None)
                if isinstance(child, list) and child and isinstance(child[0], ast.stmt):
                    stack.append(child)


def builder_class(c: Converter, name: str) -> bool:
    """Is `name` a class `dict_builder` wrote (a tf.Module with the `variable` member making
    the body's variables under tf.init_scope)?"""
    cls = c.local_classes.get(name)
    if cls is None or len(cls.bases) != 1 or c.qual(cls.bases[0]) != "tf.Module":
        return False
    method = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == METHOD), None)
    return method is not None and any(isinstance(n, ast.Call) and c.call_name(n) == "tf.init_scope"
                                      for n in ast.walk(method))


def builder_step(c: Converter, statements: list[ast.stmt]) -> bool:
    """Does one of a step's statements call an object of a `dict_builder` class
    (`ae = autoencoder_1(ae_x)`)? Such a step is traced with its placeholders' shapes."""
    for stmt in statements:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                bound = [s.value for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == node.func.id for t in s.targets)]
                if len(bound) == 1 and isinstance(bound[0], ast.Call) and isinstance(bound[0].func, ast.Name) \
                        and builder_class(c, bound[0].func.id):
                    return True
    return False


def feed_key_why(c: Converter, key, near: ast.AST) -> str:
    """Why a feed_dict key (`key`, in a statement at `near`) is no placeholder of the program, as
    a clause after tf2_graph's reason ("" when nothing more is known): an attribute of an object
    whose class builds the graph (awjuliani's `myAgent.state_in`), a name bound nowhere in the file
    (an exercise's blank: chiphuyen's 03_logistic_regression_mnist_starter.py), a parameter of the
    function running the Session (the placeholder made elsewhere and handed in: chiphuyen's
    11_char_rnn_gist.py), a sparse placeholder (nfmcclure's address matching)."""
    if isinstance(key, ast.Attribute):
        return (f": `{c.source(key)}`, an attribute of an object: the graph is built by its class (placeholders, "
                "variables and ops made in a method), which is not converted here (a class of another module, or one "
                "making or running a Session itself)")
    if not isinstance(key, ast.Name):
        return ""
    function = next((f for f in ast.walk(c.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and f.lineno <= near.lineno <= f.end_lineno and key.id in [a.arg for a in ast.walk(f.args)
                                                                                 if isinstance(a, ast.arg)]), None)
    if function is not None:
        return (f": `{key.id}` is a parameter of `{function.name}`, which runs the Session: the placeholder is made in "
                "another function and handed in, where the converter sees one body building and running the graph")
    bound = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == key.id and not isinstance(n.ctx, ast.Load)]
    bound += [a for a in ast.walk(c.tree) if isinstance(a, ast.arg) and a.arg == key.id]
    if not bound and key.id not in c.imported_from:
        return f": `{key.id}` is bound nowhere in the file (TF 1.x would stop with a NameError there too)"
    made = [s for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and any(
        isinstance(n, ast.Name) and n.id == key.id for t in s.targets for n in ast.walk(t))
        and placeholder_function(c, s.value) is not None]
    if made:
        # `X, Y = create_placeholders(64, 64, 3, 6)` (Kulbear's deep-learning-coursera notebooks)
        return (f": `{key.id}` is a placeholder made and returned by {placeholder_maker(c, made[0])}; the steps' "
                "arguments are made from placeholders bound where the graph is built (`X = tf.placeholder(...)` there), "
                "not ones a function returns")
    sparse = [s for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == key.id for t in s.targets) and c.call_name(s.value) == "tf.compat.v1.sparse_placeholder"]
    if sparse:
        return (": a sparse placeholder (fed a SparseTensorValue), not converted: a step's argument is a dense tensor "
                "of the placeholder's dtype here")
    return ""


def placeholder_function(c: Converter, value: ast.AST):
    """The file's function `value` calls when it makes placeholders (`def create_placeholders(n_x,
    n_y)`: `X = tf.placeholder(...)` ... `return X, Y`), else None."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return None
    return next((f for f in c.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == value.func.id
                 and any(isinstance(n, ast.Call) and c.call_name(n) == PLACEHOLDER for n in ast.walk(f))), None)


def placeholder_maker(c: Converter, stmt: ast.stmt) -> str:
    """"the file's function `create_placeholders` (`X, Y = create_placeholders(3, 1)`)": what
    made the placeholders the statement binds (`placeholder_function` of its value)."""
    function = placeholder_function(c, stmt.value)
    return f"the file's function `{function.name}` (`{c.source(stmt)}`)"


def placeholder_call(c: Converter, placeholder: ast.Call) -> str:
    """", made by the file's function `create_placeholders` (`X, Y = create_placeholders(3, 1)`)"
    for a placeholder made in a module-level function called at module level, else ""."""
    sites = [s for s in c.tree.body if isinstance(s, ast.Assign) and placeholder_function(c, s.value) is not None
             and any(n is placeholder for n in ast.walk(placeholder_function(c, s.value)))]
    return f", made by {placeholder_maker(c, sites[0])}" if sites else ""
