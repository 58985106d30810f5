"""`--style tf2`: a function of the file called while the graph is built (a helper), where it
uses TF 1.x graph APIs or makes variables (migrate/tf2_graph.py `_check_called_functions`).

1. A helper making no variable whose TF 1.x calls all have an exact TF 2 spelling stays a plain
   function, called in the steps (`exact_helper_call`, tried by the engine for each such call):

   - `tf.compat.v1.name_scope("scope")` -> `tf.name_scope("scope")`; `name_scope(name,
     default_name="squash"[, values])` (ageron's capsnets) -> `tf.name_scope(name or "squash")`:
     v1 used `default_name` when `name` was None (ops.py `name_scope_v1`), `values` only picked the
     graph; `with tf.compat.v1.variable_scope("layer")` with nothing else (sjchoi86's MLP layers):
     `tf.name_scope("layer")`. With no variable and no summary in the helper a scope names ops
     only, which no computation reads (the name TF 1.x made unique, `layer_1`, is not kept).
   - `tf.compat.v1.nn.softmax_cross_entropy_with_logits(labels=, logits=)` (wiseodd's
     `cross_entropy`): the engine's rewrite everywhere in the file (`Converter._eager_twins`:
     TF 2's op with `tf.stop_gradient(labels)`, v1's op let no gradient reach the labels).
   - `tf.compat.v1.div`: rewritten before (migrate/tf2_rewrites.py) when its first argument's
     dtype is known; a div left is named by the file's Fallback (DIV_UNKNOWN), not by this rule.

2. A helper making `tf.Variable`s at each call (MorvanZhou's `add_layer(inputs, in_size,
   out_size, activation_function)`, called once per layer) is rewritten, before the engine
   converts the program again (`helper_modules`), with the machinery of migrate/tf2_builders.py
   (`_module_lines`, `_variable_edits`, `_body_calls`, `_check_effects`, `_check_late_reads`)::

       class AddLayer(tf.Module):
           def __init__(self, op_seeds): ...        # op_seeds only with a graph seed
           def variable(self, make): ...            # the call site's next variable, made once
           def op_seed(self): ...                   # TF 1.x's count of random ops
           def __call__(self, inputs, in_size, out_size, activation_function=None):
               self.count = 0
               Weights = self.variable(lambda: tf.Variable(tf.random.normal([in_size, out_size], seed=self.op_seed())))
               ...
               return outputs

       add_layer_1 = AddLayer(0)
       l1 = add_layer_1(xs, 1, 10, activation_function=tf.nn.relu)
       add_layer_2 = AddLayer(1)
       prediction = add_layer_2(l1, 10, 1, activation_function=None)

   TF 1.x made new variables at every call, once, when the graph was built: here one object per
   call site, its variables made at its first call (each step's trace calls it again and gets the
   same ones back, in order); the step calls the computation. With a graph seed, the object starts
   counting op seeds where TF 1.x's graph had counted when that call ran (`_site_seeds`: the build
   walked as tf2_graph walks it, `Converter._module_events`), so each initial value is drawn with
   the op seed TF 1.x gave it.

3. v1 summaries made in such a helper's body, each by a statement of its own (or under its `with`
   scopes): `tf.summary.histogram('W', W)` -> `self.summary("histogram", 'W', W)`, a member keeping
   the value (read at the call: a variable's value before the step's update) in `self.summaries`,
   reset at each call. The engine (`helper_summaries`, at each call site's statement) adds a summary
   per kept value, tagged as TF 1.x tagged it at that call: the site's name scopes, the body's
   (`with tf.name_scope(layer_name)`, the body's assignments and the site's arguments evaluated),
   the name made unique by `_summary_tag`, in build order for merge_all; its value
   `add_layer_1.summaries[k]`, read in the step after the call. A helper making summaries and no
   variable (dsalaj's `variable_summaries(var, name)`, also called as a statement of its own)
   becomes an object per call site the same way.

4. get_variable's `initializer=f(...)` of a module function of the file returning an initializer
   (`xavier_init(n_in, n_out, uniform=True)`) is written, at each call, as the initializer the body
   returns there (`initializer_functions`, on the engine's Fallback at that initializer or at a random
   op its seed walk could not count after it), the function's lines dropped.

Anything else raises Fallback naming it (a call in a loop or a comprehension: TF 1.x made new
variables at each pass; a summary under a branch, bound to a name, or whose name or scope is not
known at a call; a random op of the computation; a graph value read as a global;
the function used other than `name = f(...)`). Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import copy
import re

from migrate.tf2_builders import (
    MEMBERS,
    _body_calls,
    _check_effects,
    _check_late_reads,
    _fresh,
    _method_body,
    _module_lines,
    _variable_edits,
)
from migrate.tf2_graph import (
    BUILD_ORDER_UNFOLLOWED,
    CALLED_WHILE_BUILDING,
    CONSTANT_INITIALIZERS,
    FAN_INITIALIZERS,
    GET_VARIABLE,
    INITIALIZER_NOT_CONVERTED,
    KERAS_INITIALIZERS,
    PLACEHOLDER,
    RANDOM_INITIALIZERS,
    SEED_UNCOUNTED,
    SEEDS,
    SOFTMAX_V1,
    SUMMARIES,
    VARIABLES,
    Converter,
    Fallback,
    _bound_inside,
    _Events,
    _graph_globals,
    _indent,
    _replace_lines,
)

NAME_SCOPE_V1 = "tf.compat.v1.name_scope"
VARIABLE_SCOPE_V1 = "tf.compat.v1.variable_scope"
DIV_V1 = "tf.compat.v1.div"
# v1 calls a helper's class may hold: rewritten by `_scope_edits`, the engine (softmax) or named (div)
V1_IN_BODY = frozenset({NAME_SCOPE_V1, VARIABLE_SCOPE_V1, SOFTMAX_V1, DIV_V1})
SUMMARY = "tf.compat.v1.summary."
SUMMARY_MEMBER, SUMMARY_VALUES = "summary", "summaries"  # the class's member making a v1 summary, its values


# -- 1. helpers with exact TF 2 spellings -------------------------------------------------------
def exact_helper_call(c: Converter, function: ast.FunctionDef, call: ast.Call) -> bool:
    """Is `call` (a TF 1.x call found in `function`, a helper the graph body calls) one with an
    exact TF 2 spelling in a helper making no variables? A name or variable scope is rewritten
    here (once: the edit is the Converter's); the softmax is the engine's everywhere."""
    if not _makes_no_variables(c, function):
        return False
    called = c.call_name(call)
    if called == DIV_V1:
        return True  # left by tf2_rewrites only when its dtype is unknown: the file's Fallback names it
    if called == SOFTMAX_V1:
        return _softmax_rewritten(call)
    if called in (NAME_SCOPE_V1, VARIABLE_SCOPE_V1):
        item = next((i for n in ast.walk(function) if isinstance(n, ast.With) for i in n.items
                     if i.context_expr is call), None)
        scope = _scope_text(c, call, item)
        if scope is None:
            return False
        done = c.__dict__.setdefault("helper_scopes_done", set())
        if id(call) not in done:
            done.add(id(call))
            c._replace(call, f"{c.tf('tf.name_scope')}({scope})")
            if item.optional_vars is not None:  # `as scope`, never read (`_scope_text` checked)
                c.edits.append((c.end_offset(call), c.end_offset(item.optional_vars), ""))
        return True
    return False


def _makes_no_variables(c: Converter, function: ast.FunctionDef, seen: frozenset = frozenset()) -> bool:
    """No variable, layer or summary made by `function` or by the file's functions it calls."""
    for n in ast.walk(function):
        if not isinstance(n, ast.Call):
            continue
        called = c.call_name(n) or ""
        if called in VARIABLES + (GET_VARIABLE,) or called.startswith(("tf.compat.v1.layers.", SUMMARY, "tf.compat.v1.get_")):
            return False
        if isinstance(n.func, ast.Name) and n.func.id in c.local_functions and n.func.id not in seen | {function.name} \
                and not _makes_no_variables(c, c.local_functions[n.func.id], seen | {function.name}):
            return False
    return True


def _softmax_rewritten(call: ast.Call) -> bool:
    """The form `Converter._eager_twins` rewrites (labels and logits by keyword)."""
    keys = {k.arg for k in call.keywords}
    return not call.args and keys <= {"labels", "logits", "axis", "dim", "name"} and {"labels", "logits"} <= keys


def _scope_text(c: Converter, call: ast.Call, item: ast.withitem | None) -> str | None:
    """The argument of TF 2's name_scope for a v1 name / variable scope of a `with` item; None
    when it is not one of the forms converted."""
    if item is None or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    if item.optional_vars is not None and not (isinstance(item.optional_vars, ast.Name) and not any(
            isinstance(n, ast.Name) and n.id == item.optional_vars.id and isinstance(n.ctx, ast.Load)
            for n in ast.walk(c.tree))):
        return None  # `as scope` read
    if c.call_name(call) == VARIABLE_SCOPE_V1:
        params = ("name_or_scope",)
    else:
        params = ("name", "default_name", "values")
    if len(call.args) > len(params) or any(k.arg not in params for k in call.keywords):
        return None
    given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
    name, default = given.get(params[0]), given.get("default_name")

    def literal(node) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value.strip("/"))
    if literal(name):
        return c.source(name)
    if default is not None and literal(default) and isinstance(name, (ast.Name, ast.Constant)) and (
            not isinstance(name, ast.Constant) or name.value is None):
        return c.source(default) if isinstance(name, ast.Constant) else f"{c.source(name)} or {c.source(default)}"
    return None


# -- 2. helpers making variables ---------------------------------------------------------------
def helper_modules(text: str, stop: Fallback):
    """(new text, a function mapping a Fallback of the new text back to `text`) when `stop` is a
    call of a helper making tf.Variables (CALLED_WHILE_BUILDING); None for another shape (the
    engine's Fallback stands). Raises Fallback (positioned in `text`) naming what keeps a helper
    of this shape compat."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    if stop.reason.endswith(CALLED_WHILE_BUILDING):
        call = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                     and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
        function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef) and call is not None
                         and f.name == call.func.id), None)
    else:  # a construct inside the helper (its random op under the graph seed)
        function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef)
                         and f.lineno < stop.line <= f.end_lineno), None)
        if function is None or not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                        and n.func.id == function.name for n in ast.walk(c.tree)):
            return None
    if function is None or not any(isinstance(n, ast.Call) and c.call_name(n) in VARIABLES + tuple(SUMMARIES)
                                   for n in ast.walk(function)) \
            or any(isinstance(n, ast.Call) and c.call_name(n) == PLACEHOLDER for n in ast.walk(function)):
        # no variable or summary made (another rule's), or a builder of placeholders (tf2_builders'); a helper
        # making summaries and no variable is an object per call site too, keeping the values of its summaries
        return None
    return _rewrite(c, function)


def _rewrite(c: Converter, function: ast.FunctionDef):
    name = function.name

    made = "variables" if _makes_variables(c, function) else "v1 summaries"

    def fail(node, why: str, construct: str | None = None) -> Fallback:
        return c.fail(node, f"the helper `{name}` (making {made} at each call while the graph is built): " + why,
                      construct)

    sites = _sites(c, function, fail)
    if sites is None:
        return None
    class_name, out, seeds = _class_lines(c, function, fail, lambda draws: _site_seeds(c, function, sites, fail, draws))
    used = set(c.used_names) | {class_name}
    replacements = [(function.lineno, function.end_lineno, "".join(out))]
    for k, site in enumerate(sites):
        instance = _fresh(f"{name}_{k + 1}", used)
        indent = _indent(c.lines[site.lineno - 1])
        seed = str(seeds[k]) if seeds is not None else ""
        call = site.value
        start, end = c.offset(site), c.end_offset(site)
        statement = c.text[start:c.offset(call.func)] + instance + c.text[c.end_offset(call.func):end]
        replacements.append((site.lineno, site.end_lineno,
                             f"{indent}{instance} = {class_name}({seed})\n{indent}{statement}\n"))
    return _replace_lines(c.text, c, replacements)


def _class_lines(c: Converter, function: ast.FunctionDef, fail, site_seeds, seeded: bool | None = None):
    """(class name, its lines, the per-site op seeds or None) of the tf.Module written for the
    helper `function` (`_rewrite`'s class; migrate/tf2_libraries.py writes a library's with it):
    `site_seeds(draws)` gives each call site's first op seed when the graph seed is set (`seeded`:
    taken as set or not, else looked for in the file). Raises `fail(...)` for a body not converted."""
    name = function.name
    arguments = function.args
    if function.decorator_list or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        raise fail(function, "decorated or with *args, **kwargs or keyword-only parameters", name)
    body = function.body
    docstring = body[0] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str) else None
    statements = body[1:] if docstring is not None else list(body)
    for node in ast.walk(function):
        if node is not function and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global,
                                                       ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Lambda, ast.Await)):
            raise fail(node, "a nested function, class, lambda, global or yield in its body")
        called = c.call_name(node) if isinstance(node, ast.Call) else None
        if (called or "").startswith(SUMMARY):
            _check_summary(c, function, node, called, fail)
        if called in (NAME_SCOPE_V1, VARIABLE_SCOPE_V1):
            item = next((i for n in ast.walk(function) if isinstance(n, ast.With) for i in n.items
                         if i.context_expr is node), None)
            if _scope_text(c, node, item) is None or called == VARIABLE_SCOPE_V1 and len(node.args) + len(node.keywords) != 1:
                raise fail(node, f"`{called}` other than a `with` of a literal name (or a name with a literal "
                           "default_name): a variable scope's reuse, initializer or custom getter, or a scope object, "
                           "changes what its variables are", called.replace("tf.", c.alias + ".", 1))
        if isinstance(node, ast.Call) and called == SOFTMAX_V1 and not _softmax_rewritten(node):
            raise fail(node, "v1's softmax_cross_entropy_with_logits given other than labels= and logits=",
                       called.replace("tf.", c.alias + ".", 1))
    local = _bound_inside(function)
    clash = sorted(local & (MEMBERS | {SUMMARY_MEMBER, SUMMARY_VALUES}))
    if clash:
        raise fail(function, f"the name `{clash[0]}`, which the class written for it takes", name)
    named, named_edits = _named_initial_values(c, function, statements)
    variables, draws = _body_calls(c, function, fail, v1_calls=V1_IN_BODY | frozenset(SUMMARIES),
                                   skip={id(n) for n in named})
    draws = sorted(draws + named, key=lambda n: (n.lineno, n.col_offset))
    _check_effects(c, function, local, docstring, fail, skip=frozenset(
        id(s) for s in ast.walk(function) if isinstance(s, ast.Expr) and c.call_name(s.value) in SUMMARIES))
    if _makes_variables(c, function):  # (a helper making summaries only makes nothing a read could miss)
        _check_late_reads(c, fail)
    _check_globals(c, function, local, fail)
    graph_seed = seeded if seeded is not None else any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for n in ast.walk(c.tree))
    seeds = site_seeds(draws) if graph_seed and draws else None
    params = [a.arg for a in arguments.args]
    defaults = dict(zip(params[len(params) - len(arguments.defaults):], arguments.defaults))
    used = set(c.used_names)
    class_name = _fresh("".join(part.capitalize() for part in name.split("_")) or "Helper", used)
    call_params = [p + (f"={c.source(defaults[p])}" if p in defaults else "") for p in params]
    docstring_lines = c.lines[docstring.lineno - 1:docstring.end_lineno] if docstring is not None else None
    out = _module_lines(c, class_name, name, docstring_lines, [], {}, 0 if seeds is not None else None, call_params)
    if seeds is not None:  # each call site's object starts from its own count
        init = next(i for i, line in enumerate(out) if line.strip() == "def __init__(self):")
        out[init] = out[init].replace("(self):", "(self, op_seeds):")
        counted = next(i for i, line in enumerate(out) if line.strip().startswith("self.op_seeds = 0"))
        out[counted] = (f"{_indent(out[counted])}self.op_seeds = op_seeds  # TF 1.x's count of random ops built when "
                        f"this call of `{name}` ran\n")
    if docstring_lines is None:
        out[1] = f'    """`{name}`: each call site\'s variables made once, each call its computation."""\n'
    edits = _variable_edits(c, variables, draws, 0 if seeds is not None else None)
    summaries = _summary_edits(c, function)
    edits += _body_scope_edits(c, function) + named_edits + summaries
    if summaries:
        out = _summary_member(out, c.alias)
    out += _method_body(c, function, statements, edits)
    return class_name, out, seeds


def _check_summary(c: Converter, function: ast.FunctionDef, node: ast.Call, called: str, fail) -> None:
    """A v1 summary in a helper's body is converted when made by a statement of its own (not bound),
    in the body or under its `with` scopes: TF 1.x made it once at each call, tagged under the call's
    name scopes (the engine computes the tag at each call site, `helper_summaries`)."""
    spelled = called.replace("tf.", c.alias + ".", 1)
    if called not in SUMMARIES:
        raise fail(node, f"`{called}` in its body: converted in a helper are summary.scalar, histogram, image, "
                   "audio and text made by statements of their own", spelled)
    flat = _flat(function.body)
    if not any(isinstance(s, ast.Expr) and s.value is node for s in flat):
        raise fail(node, f"`{called}` bound to a name, inside an expression, or under a branch, loop or `try` of its "
                   "body: how often TF 1.x made it at a call (and so its tag) is not known before the program runs; "
                   "converted when made by a statement of its own in the body or under its `with` scopes", spelled)
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise fail(node, f"`{called}` given *args or **kwargs", spelled)


def _summary_edits(c: Converter, function: ast.FunctionDef) -> list[tuple[int, int, str]]:
    """Each v1 summary of the body (checked by `_check_summary`) made by the class's `summary`
    member: `tf.summary.histogram('W', W)` -> `self.summary("histogram", 'W', W)` (its value kept
    for the step calling the object; its kind and arguments read by the engine at each call site)."""
    edits = []
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and c.call_name(node) in SUMMARIES:
            kind = SUMMARIES[c.call_name(node)]
            first = (node.args + node.keywords)[:1]
            edits.append((c.offset(node), c.offset(first[0]) if first else c.end_offset(node) - 1,
                          f'self.{SUMMARY_MEMBER}("{kind}"' + (", " if first else "")))
    return sorted(edits)


def _summary_member(out: list[str], alias: str) -> list[str]:
    """The class lines of `_module_lines` with the `summary` member (before `__call__`) and the
    list of the call's summary values reset at each call."""
    at = next(i for i, line in enumerate(out) if line.strip().startswith("def __call__("))
    pad = _indent(out[at])
    member = [f"{pad}def {SUMMARY_MEMBER}(self, kind, name, value, *options, **keywords):\n",
              f'{pad * 2}"""A TF 1.x summary (`tf.summary.<kind>(name, value, ...)`) made at this call: its value kept for\n',
              f"{pad * 2}the step calling the object, which returns it under the tag TF 1.x gave it at this call site.\"\"\"\n",
              f"{pad * 2}# read here: a variable's value before the step's update, as TF 1.x's summary op read it\n",
              f"{pad * 2}self.{SUMMARY_VALUES}.append({alias}.identity(value))\n", "\n"]
    out = out[:at] + member + out[at:]
    count = next(i for i, line in enumerate(out) if line.strip() == "self.count = 0")
    reset = f"{_indent(out[count])}self.{SUMMARY_VALUES} = []  # the values of the summaries made at this call, in order\n"
    return out[:count + 1] + [reset] + out[count + 1:]


def _flat(statements: list[ast.stmt]) -> list[ast.stmt]:
    """The statements in order, each `with` statement followed by its body's (flattened)."""
    flat, stack = [], list(statements)
    while stack:
        stmt = stack.pop(0)
        flat.append(stmt)
        if isinstance(stmt, ast.With):
            stack[:0] = stmt.body
    return flat


def _makes_variables(c: Converter, function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Call) and c.call_name(n) in VARIABLES for n in ast.walk(function))


def _body_scope_edits(c: Converter, function: ast.FunctionDef) -> list[tuple[int, int, str]]:
    """TF 2's name_scope for each v1 name / variable scope of the body (checked by `_rewrite`)."""
    edits = []
    for node in ast.walk(function):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and c.call_name(call) in (NAME_SCOPE_V1, VARIABLE_SCOPE_V1):
                    edits.append((c.offset(call), c.end_offset(call),
                                  f"{c.tf('tf.name_scope')}({_scope_text(c, call, item)})"))
                    if item.optional_vars is not None:
                        edits.append((c.end_offset(call), c.end_offset(item.optional_vars), ""))
    return edits


def _check_globals(c: Converter, function: ast.FunctionDef, local: set[str], fail) -> None:
    """A Fallback for a name the body reads that the program binds to a graph value (a statement
    calling TensorFlow): the steps hand the helper's object its tensors, a global placeholder
    (MorvanZhou's tf17 `keep_prob`) would be read where nothing feeds it."""
    for read, node in _graph_globals(c, function, local):
        raise fail(node, f"reads `{read}`, a graph value of the program, as a global: the steps "
                   "hand the helper its tensors as arguments", read)


def _sites(c: Converter, function: ast.FunctionDef, fail) -> list[ast.Assign | ast.Expr] | None:
    """The statements `target = f(...)` (or `f(...)` of a helper making summaries) calling the helper,
    in source order; None for any other use of its name (not this shape); a Fallback for a call in a
    loop (TF 1.x made new variables at each pass, an object per site makes them once)."""
    name = function.name
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    summaries = any(isinstance(n, ast.Call) and c.call_name(n) in SUMMARIES for n in ast.walk(function))
    sites = []
    for node in ast.walk(c.tree):
        if not (isinstance(node, ast.Name) and node.id == name):
            continue
        call = parents.get(id(node))
        site = parents.get(id(call))
        if not (isinstance(call, ast.Call) and call.func is node and (isinstance(site, ast.Assign) and len(site.targets) == 1
                                                                      or isinstance(site, ast.Expr) and summaries)
                and site.value is call):
            # a call in an expression, or the function handed on: the engine's finding names it (a statement
            # of its own dropping the result: a helper making summaries, `variable_summaries(loss, 'loss')`)
            return None
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            raise fail(call, "called with *args or **kwargs", name)
        up = parents.get(id(site))
        while up is not None:
            if isinstance(up, (ast.For, ast.AsyncFor, ast.While)):
                raise fail(site, "called in a loop: TF 1.x made new variables at each pass, one object per call site "
                           "makes them once", name)
            if up is function or isinstance(up, (ast.ClassDef, ast.Lambda)) or (
                    isinstance(up, ast.FunctionDef) and up.name == name):
                raise fail(site, "called inside itself, a class or a lambda", name)
            up = parents.get(id(up))
        if c.col(site) != len(_indent(c.lines[site.lineno - 1])):
            raise fail(site, "called in a statement sharing its line", name)
        sites.append(site)
    return sorted(sites, key=lambda s: (s.lineno, s.col_offset))


def _site_seeds(c: Converter, function: ast.FunctionDef, sites: list[ast.Assign], fail, draws: list[ast.Call]) -> list[int]:
    """Per call site, the graph's count of random ops that asked for a seed when TF 1.x ran that
    call: the program's build walked as tf2_graph walks it (`_module_events`), from the seed to
    the site's first event; a Fallback when that count is not known (as tf2_builders `_seed_start`)."""
    stand_in = _stand_in(c, function, sites, draws)
    if stand_in is not None:
        c, sites = stand_in
    # the body the build walk starts from: the module's, or the module function's holding the calls
    owner = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef) and f.lineno <= sites[0].lineno <= f.end_lineno),
                 None)
    scope = owner.body if owner is not None else c.tree.body
    c.build_visited = set()
    events = _Events(c.calls_stack)
    c._module_events(scope, events)
    calls = {id(s.value): k for k, s in enumerate(sites)}
    starts: dict[int, int] = {}
    counter, after = 0, False
    for (kind, node, _), stack in zip(events, events.sites):
        at = next((calls[id(s)] for s in stack if id(s) in calls), None)
        if at is None and len(starts) == len(sites):
            break  # every call site's count is known: what the build makes later changes none
        if at is not None and at not in starts:
            if not after:
                raise fail(sites[at], "a random op with no op seed in it, built before the graph seed is set",
                           function.name)
            starts[at] = counter
        if kind == "seed":
            if after:
                raise fail(node, "the graph seed set twice", c.source(node).splitlines()[0])
            after = True
        elif not after:
            continue
        elif kind in ("count", "draw"):
            counter += 1
        elif kind == "unknown" and _known_no_draw(c, function, node, stack, calls, sites):
            continue
        elif kind in ("unknown", "blocked"):
            raise fail(node, "a random op with no op seed in it, built after a call or a block whose count of random ops "
                       "is not known here (TF 1.x's op seed is that count)", c.source(node).splitlines()[0])
    missing = [k for k in range(len(sites)) if k not in starts]
    if missing:
        raise fail(sites[missing[0]], "a call whose place in the graph's build the converter cannot walk "
                   "(its op seeds are TF 1.x's count of random ops there)", function.name)
    return [starts[k] for k in range(len(sites))]


def _known_no_draw(c: Converter, function: ast.FunctionDef, node: ast.AST, stack: tuple, calls: dict,
                   sites: list[ast.Assign]) -> bool:
    """An "unknown" build event inside a call site of the helper whose calls are known to build no
    random op: each is a call of a parameter (`activation_function(x)`) that the site gives None
    (left to a default of None) or a TensorFlow function building none (`tf.nn.relu`), or a call
    tf2_graph knows draws nothing."""
    at = next((calls[id(s)] for s in stack if id(s) in calls), None)
    if at is None:
        return False
    call = sites[at].value
    params = [a.arg for a in function.args.args]
    defaults = dict(zip(params[len(params) - len(function.args.defaults):], function.args.defaults))
    given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call) or c._draws_no_graph_seed(inner, c.call_name(inner)):
            continue
        if not (isinstance(inner.func, ast.Name) and inner.func.id in params):
            return False
        value = given.get(inner.func.id, defaults.get(inner.func.id))
        if isinstance(value, ast.Constant) and value.value is None:
            continue
        called = c.qual(value) if value is not None else None
        if called is None or not called.startswith("tf.") or not c._draws_no_graph_seed(ast.Call(value, [], []), called):
            return False
    return True


def helper_class(c: Converter, name: str) -> ast.ClassDef | None:
    """The class `_rewrite` wrote for a helper making variables (a tf.Module whose `variable`
    member makes them under tf.init_scope, whose `__init__` takes nothing or `op_seeds` and keeps
    it), else None. tf2_builders' classes keep a literal count or the builder's arguments."""
    from migrate.tf2_builders import builder_class

    cls = c.local_classes.get(name)
    if cls is None or not builder_class(c, name):
        return None
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    params = [a.arg for a in init.args.args] if init is not None else []
    if params == ["self"] and not any(isinstance(n, ast.Attribute) and n.attr == "arguments" for n in ast.walk(init)):
        return cls
    if params == ["self", "op_seeds"] and any(
            isinstance(s, ast.Assign) and c.source(s) == "self.op_seeds = op_seeds" for s in init.body):
        return cls
    return None


def helper_draws(c: Converter, name: str) -> int | None:
    """For the build walk (tf2_graph `_call_event`): 0 for a helper's class made (`AddLayer(0)`);
    for a call of a name bound once to an object of one (`add_layer_1(x, 1, 10)`), the random ops
    TF 1.x built at that call: the `self.op_seed()` of its `__call__`, each run once (`_rewrite`
    wrote only bodies whose random ops the build walk counted, none under a block); None else."""
    if helper_class(c, name) is not None:
        return 0
    bound = [s.value for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == name for t in s.targets)]
    if len(bound) != 1 or not isinstance(bound[0], ast.Call) or not isinstance(bound[0].func, ast.Name):
        return None
    cls = helper_class(c, bound[0].func.id)
    if cls is None:
        return None
    method = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__call__"), None)
    seeds = [n for n in ast.walk(method) if isinstance(n, ast.Call) and c.source(n.func) == "self.op_seed"]
    from migrate.tf2_graph import _is_random_op
    draws = [n for n in ast.walk(method) if isinstance(n, ast.Call) and _is_random_op(c.call_name(n) or "")]
    if len(draws) != len(seeds):
        return None  # a random op the class does not count (no graph seed when it was written)
    return len(seeds)


def _named_initial_values(c: Converter, function: ast.FunctionDef, statements: list[ast.stmt]):
    """(the random ops, text edits) of the initial values the body draws into a name first (ageron's
    `init = tf.truncated_normal(...)` then `W = tf.Variable(init, name="kernel")`): the name bound
    once, by a statement of the body itself (or under its `with` scopes), read once, as the first
    argument of a tf.Variable, by the next statement drawing or making a variable, with no name the
    draw reads bound between. The draw becomes `init = lambda: <draw>` and the read `init()`: drawn
    when the variable is made (once, in the same order among the random ops as TF 1.x built them)."""
    from migrate.tf2_graph import _is_random_op

    flat = _flat(statements)
    found, edits = [], []
    for k, stmt in enumerate(flat):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        name = stmt.targets[0].id
        ops = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call) and _is_random_op(c.call_name(n) or "")]
        if not ops:
            continue
        stores = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
        loads = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
        later = next((s for s in flat[k + 1:] if not isinstance(s, ast.With) and any(
            isinstance(n, ast.Call) and (_is_random_op(c.call_name(n) or "") or c.call_name(n) in VARIABLES)
            for n in ast.walk(s))), None)
        variable = next((n for n in ast.walk(later) if isinstance(n, ast.Call) and c.call_name(n) in VARIABLES), None) \
            if later is not None else None
        initial = (variable.args[:1] or [kw.value for kw in variable.keywords if kw.arg == "initial_value"]) \
            if variable is not None else []
        if len(stores) != 1 or len(loads) != 1 or not initial or initial[0] is not loads[0]:
            continue
        read = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
        between = flat[k + 1:flat.index(later)]
        if any(isinstance(n, ast.Name) and n.id in read and not isinstance(n.ctx, ast.Load)
               for s in between for n in ast.walk(s)):
            continue
        found += ops
        edits.append((c.offset(stmt.value), c.offset(stmt.value), "lambda: "))
        edits.append((c.end_offset(loads[0]), c.end_offset(loads[0]), "()"))
    return found, edits


def _stand_in(c: Converter, function: ast.FunctionDef, sites: list[ast.Assign], draws: list[ast.Call]):
    """(a Converter of the program with the helper's body replaced by its random ops, one
    unconditional statement each; the sites in it) when each random op of the body runs once at
    every call: in a statement of the body itself or under its `with` scopes, before any statement
    holding a `return` or `raise`, in no branch, loop or conditional expression. The build walk then
    counts a call as TF 1.x's graph did (a body returning from a branch, `if activation is None:
    return Z`, is otherwise not followed by `_function_events`). None when not so."""
    flat = _flat(function.body)
    ends = [k for k, s in enumerate(flat) if not isinstance(s, ast.With)
            and any(isinstance(n, (ast.Return, ast.Raise)) for n in ast.walk(s))]
    conditional = (ast.If, ast.For, ast.While, ast.Try, ast.IfExp, ast.BoolOp, ast.Lambda, ast.ListComp, ast.SetComp,
                   ast.DictComp, ast.GeneratorExp, ast.AsyncFor)
    for draw in draws:
        home = next((k for k, s in enumerate(flat) if not isinstance(s, ast.With) and any(n is draw for n in ast.walk(s))),
                    None)
        if home is None or ends and home >= ends[0] or any(
                isinstance(n, conditional) and any(m is draw for m in ast.walk(n)) for n in ast.walk(flat[home])):
            return None
    first, last = function.body[0].lineno, function.end_lineno
    indent = _indent(c.lines[first - 1])
    body = [indent + "; ".join(f"{c.alias}.random.normal([1])" for _ in draws) + "\n"]
    body += [indent + "pass\n"] * (last - first)
    text = "".join(c.lines[:first - 1] + body + c.lines[last:])
    try:
        other = Converter(text)
    except (Fallback, SyntaxError):
        return None
    at = {(s.value.lineno, s.value.col_offset): k for k, s in enumerate(sites)}
    found = {at[(n.value.lineno, n.value.col_offset)]: n for n in ast.walk(other.tree) if isinstance(n, ast.Assign)
             and (n.value.lineno, n.value.col_offset) in at}
    if len(found) != len(sites):
        return None
    return other, [found[k] for k in range(len(sites))]


def summarizing_object(c: Converter, name: str) -> ast.ClassDef | None:
    """The class `_rewrite` wrote for a helper making v1 summaries when `name` is bound once to an
    object of it (`add_layer_1 = AddLayer(0)`); None else."""
    if "summarizing_objects" not in c.__dict__:  # (once per Converter: the engine asks at each statement)
        classes = {n.name for n in c.tree.body if isinstance(n, ast.ClassDef) and any(
            isinstance(f, ast.FunctionDef) and f.name == SUMMARY_MEMBER for f in n.body) and helper_class(c, n.name)}
        bound: dict[str, list] = {}
        for s in ast.walk(c.tree):
            if isinstance(s, ast.Assign):
                for t in s.targets:
                    if isinstance(t, ast.Name):
                        bound.setdefault(t.id, []).append(s.value)
        c.summarizing_objects = {
            n: c.local_classes[v[0].func.id] for n, v in bound.items() if len(v) == 1 and isinstance(v[0], ast.Call)
            and isinstance(v[0].func, ast.Name) and v[0].func.id in classes}
    return c.summarizing_objects.get(name)


def helper_summaries(c: Converter, stmt: ast.Assign | ast.Expr, site) -> None:
    """The v1 summaries a call site of a helper's object made (`l1 = add_layer_1(xs, 1, 10, n_layer=1)`,
    its class's `self.summary("histogram", layer_name + '/weights', Weights)`), added to the program
    after the site's tensor statement as TF 1.x added them to the graph at that call, in the order
    its body made them: each tagged by the engine's `_summary_tag` under the name scopes open at the
    site and those the body opened (`with tf.name_scope(layer_name)`), the names and scopes evaluated
    with the site's arguments (`_static_value` of each, the body's own assignments followed); its
    value `add_layer_1.summaries[k]`, read in the step right after the call. A name or scope not
    known before the program runs is a Fallback naming it."""
    call = stmt.value
    cls = summarizing_object(c, call.func.id)
    method = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__call__")
    params = [a.arg for a in method.args.args][1:]
    defaults = dict(zip(params[len(params) - len(method.args.defaults):], method.args.defaults))
    given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
    env = {p: c._static_value(given.get(p, defaults.get(p))) for p in params}
    helper = re.sub(r"_\d+$", "", call.func.id)  # the object `_rewrite` named for the helper's call site
    site_text = c.source(stmt).splitlines()[0][:70].replace(call.func.id + "(", helper + "(", 1)
    where = f"the helper `{helper}` making v1 summaries, called by `{site_text}`"

    def value(node):
        """The str / int / float `node` of the helper's body has at this call (None: not known)."""
        unknown = ast.Name("\0", ast.Load())

        class Bind(ast.NodeTransformer):
            def visit_Name(self, n):
                if n.id not in env:
                    return n
                return unknown if env[n.id] is None else ast.Constant(env[n.id])
        return c._static_value(Bind().visit(copy.deepcopy(node)))

    made = []

    def walk(body: list[ast.stmt]) -> None:
        for s in body:
            if isinstance(s, ast.With) and len(s.items) == 1 and c.call_name(s.items[0].context_expr) == "tf.name_scope" \
                    and len(s.items[0].context_expr.args) == 1 and not s.items[0].context_expr.keywords:
                scope = value(s.items[0].context_expr.args[0])
                if not isinstance(scope, str) or not scope.strip("/"):
                    raise c.fail(stmt, f"{where}: the name scope `{c.source(s.items[0].context_expr.args[0])}` of its body "
                                 "is not a string known before the program runs there (TF 1.x's tags carried it)", helper)
                c.name_scopes.append(scope)
                path = "/".join(part.strip("/") for part in c.name_scopes)
                c.scope_entries.setdefault(path, set()).add((id(stmt), id(s)))
                try:
                    walk(s.body)
                finally:
                    c.name_scopes.pop()
                continue
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and c.source(s.value.func) == f"self.{SUMMARY_MEMBER}":
                try:
                    made.append(_site_summary(c, stmt, s.value, site, value, len(made)))
                except Fallback as stop:  # named as the helper's v1 summary
                    raise c.fail(s.value, f"{where}: {stop.reason}", f"{c.alias}.compat.v1.summary.{s.value.args[0].value}")
                continue
            if any(isinstance(n, ast.Call) and c.source(n.func) == f"self.{SUMMARY_MEMBER}" for n in ast.walk(s)):
                raise c.fail(stmt, f"{where}: a summary made under a branch or loop of its body", helper)
            stores = {n.id for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                env[s.targets[0].id] = value(s.value)
            else:
                env.update(dict.fromkeys(stores))
    walk(method.body)


def _site_summary(c: Converter, stmt: ast.Assign, made: ast.Call, site, value, k: int):
    """The engine's summary definition of the k-th summary a helper's call site made (`made`, the
    class's `self.summary(kind, name, tensor, ...)`), its arguments but the tensor given as the
    constants they are at the site."""
    from migrate.tf2_graph import SUMMARY_PARAMETERS

    kind = made.args[0].value
    spelled = ast.copy_location(ast.Call(ast.parse(f"{c.alias}.compat.v1.summary.{kind}").body[0].value,
                                         made.args[1:], made.keywords), made)
    given = c._summary_arguments(spelled, kind)
    tensor = SUMMARY_PARAMETERS[kind][1]
    for parameter, node in list(given.items()):
        known = value(node) if parameter != tensor else None
        if known is not None:
            given[parameter] = ast.copy_location(ast.Constant(known), node)
    spelled.args, spelled.keywords = [], [ast.keyword(p, n) for p, n in given.items()]
    d = c.summary_definition(stmt, spelled, given, None, set(), f"{stmt.value.func.id}.{SUMMARY_VALUES}[{k}]")
    d.site = site  # the site's statement computes it, in the step fetching it
    c._add(d)
    return d


def initializer_functions(text: str, stop: Fallback):
    """(new text, a function taking a Fallback of it back to `text`) when `stop` is get_variable's
    `initializer=f(...)`, `f` a module function of the file returning an initializer the engine
    converts (terryum's and sjchoi86's `xavier_init(n_inputs, n_outputs, uniform=True)`: `if uniform:
    init_range = tf.sqrt(6.0 / (n_inputs + n_outputs)); return tf.random_uniform_initializer(-init_range,
    init_range)`, else a truncated normal one): each call, all of them such initializers, written as the
    initializer its body returns there (the arguments and the body's names put in, an `if` on a value
    known at the call taken), the function's lines dropped. TF 1.x built the same ops: the body's
    (`tf.sqrt`, no seed asked) then get_variable's random op, which takes the graph's next op seed
    where the call is. None for any other shape (the engine's Fallback stands)."""
    if stop.reason != INITIALIZER_NOT_CONVERTED and SEED_UNCOUNTED not in stop.reason \
            and BUILD_ORDER_UNFOLLOWED not in stop.reason:
        return None
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    functions = {f.name: f for f in c.tree.body if isinstance(f, ast.FunctionDef)}
    initializers = {id(k.value) for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) == GET_VARIABLE
                    for k in n.keywords if k.arg == "initializer"}
    # the function of the initializer the stop names, or (the seed walk's stop, at a random op built after
    # such a get_variable or at the one in its body) the first whose calls are get_variable initializers
    given = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                  and n.func.id in functions and (id(n) in initializers if stop.reason != INITIALIZER_NOT_CONVERTED
                                                  else (n.lineno, c.col(n) + 1) == (stop.line, stop.col))), None)
    if given is None:
        return None
    function = functions[given.func.id]
    if function.decorator_list or function.args.vararg or function.args.kwarg or function.args.posonlyargs \
            or function.args.kwonlyargs:
        return None
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == function.name]
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == function.name]
    if len(uses) != len(calls) or any(id(call) not in initializers for call in calls):
        return None  # read otherwise than as get_variable's initializer (or bound again)
    replacements = []
    for call in calls:
        written = _returned_initializer(c, function, call)
        if written is None:
            return None
        first, last = call.lineno, call.end_lineno
        line, end = c.lines[first - 1], c.lines[last - 1]
        replacements.append((first, last, line[:c.col(call)] + written + end[c.end_col(call):]))
    replacements.append((function.lineno, function.end_lineno, ""))
    if len({line for first, last, _ in replacements for line in range(first, last + 1)}) != sum(
            last - first + 1 for first, last, _ in replacements):
        return None  # two calls on one line
    return _replace_lines(text, c, replacements)


def _returned_initializer(c: Converter, function: ast.FunctionDef, call: ast.Call) -> str | None:
    """The text of the initializer `function`'s body returns at `call` (see initializer_functions),
    None when it is not known there or not one the engine converts."""
    params = [a.arg for a in function.args.args]
    if len(call.args) > len(params) or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg not in params for k in call.keywords):
        return None
    env: dict[str, ast.expr] = dict(zip(params, call.args))
    env.update({k.arg: k.value for k in call.keywords})
    defaults = dict(zip(params[len(params) - len(function.args.defaults):], function.args.defaults))
    for param in params:
        if param not in env:
            if param not in defaults or not isinstance(defaults[param], ast.Constant):
                return None
            env[param] = defaults[param]
    if any(isinstance(n, (ast.Call, ast.NamedExpr, ast.Await, ast.Yield, ast.Lambda)) for a in env.values() for n in ast.walk(a)):
        return None  # an argument computing something would run once per read

    class Bind(ast.NodeTransformer):
        def visit_Name(self, n):
            return copy.deepcopy(env[n.id]) if n.id in env and isinstance(n.ctx, ast.Load) else n

    def returned(body: list[ast.stmt]):
        for s in body:
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
                continue  # a docstring
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                env[s.targets[0].id] = Bind().visit(copy.deepcopy(s.value))
            elif isinstance(s, ast.If):
                test = Bind().visit(copy.deepcopy(s.test))
                if not isinstance(test, ast.Constant):
                    return None
                found = returned(s.body if test.value else s.orelse)
                if found is not None:
                    return found
            elif isinstance(s, ast.Return) and isinstance(s.value, ast.Call):
                return Bind().visit(copy.deepcopy(s.value))
            else:
                return False  # another statement: not followed
        return None

    value = returned(function.body)
    if not isinstance(value, ast.Call) or c.call_name(value) not in (
            *RANDOM_INITIALIZERS, *FAN_INITIALIZERS, *KERAS_INITIALIZERS, *CONSTANT_INITIALIZERS):
        return None
    names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    if names & {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} - set(params):
        return None  # a local the body binds otherwise than by a plain assignment
    return ast.unparse(value)
