"""`--style tf2`: a model object whose tensors the program runs (dennybritz's TextCNN, awjuliani's
Q-networks): a class whose `__init__` makes placeholders, variables and tensors as attributes, one
object of it built by the program, which runs its attributes in its own Session::

    class QNetwork(object):
        def __init__(self, n_states, n_actions, learning_rate=0.1):
            self.inputs1 = tf.compat.v1.placeholder(tf.float32, [None, n_states])
            self.W = tf.compat.v1.Variable(tf.random.uniform([n_states, n_actions], 0, 0.01))
            self.Qout = tf.matmul(self.inputs1, self.W)
            self.predict = tf.argmax(self.Qout, 1)
            self.nextQ = tf.compat.v1.placeholder(tf.float32, [None, n_actions])
            self.loss = tf.reduce_sum(tf.square(self.nextQ - self.Qout))
            self.trainer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate=learning_rate)
            self.updateModel = self.trainer.minimize(self.loss)

    mainQN = QNetwork(16, 4)
    ... sess.run(mainQN.predict, feed_dict={mainQN.inputs1: s})
    ... sess.run([mainQN.updateModel, mainQN.W], feed_dict={mainQN.inputs1: s, mainQN.nextQ: q})

rewritten, before the graph engine (migrate/tf2_graph.py) converts the program again, as::

    class QNetwork(tf.Module):
        def __init__(self, n_states, n_actions, learning_rate=0.1): ...   # the arguments kept
        def variable(self, make): ...   # the body's next variable: made once, then reused
        def op_seed(self): ...          # with a graph seed: TF 1.x's count of random ops
        def __call__(self, inputs1, nextQ):
            n_states, n_actions, learning_rate = self.arguments
            self.count = 0
            self.inputs1 = inputs1      # each placeholder: the fed value (None: not fed)
            self.W = self.variable(lambda: tf.Variable(tf.random.uniform(..., seed=self.op_seed())))
            if inputs1 is not None:     # a statement reading a placeholder a call may not be given
                self.Qout = tf.matmul(self.inputs1, self.W)
            ...
            return self

    mainQN_inputs1 = tf.compat.v1.placeholder(tf.float32, [None, 16])   # the call's values read
    mainQN_nextQ = tf.compat.v1.placeholder(tf.float32, [None, 4])
    mainQN_module = QNetwork(16, 4)
    mainQN = mainQN_module(None, None)                        # what every read needs (`mainQN.W`)
    mainQN_fed_inputs1 = mainQN_module(mainQN_inputs1, None)  # `.predict`, `.Qout`
    mainQN_fed_inputs1_nextQ = mainQN_module(mainQN_inputs1, mainQN_nextQ)   # `.loss`
    mainQN_trainer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate=0.1)
    mainQN_updateModel = mainQN_trainer.minimize(mainQN_fed_inputs1_nextQ.loss)
    ... sess.run(mainQN_fed_inputs1.predict, feed_dict={mainQN_inputs1: s})

the same rewrite as a dict builder's (migrate/tf2_builders.py: its `_module_lines`, `_variable_edits`,
`_body_calls`, `_placeholder_text`, `_seed_start`), `cnn.attr` for `ae['key']`. The engine then converts
the placeholders as the program's (the steps' arguments), `mainQN_module` as a container of variables,
each `name = mainQN_module(...)` as a graph statement of the steps whose fetches read it (traced once
with the placeholders' shapes: tf2_builders.builder_step) and the moved `minimize` as the program's.

Why it computes what TF 1.x computed:
- as for a builder: each variable is made once, at the first call, in the order `__init__` made it
  (eagerly, under tf.init_scope); with a graph seed a random op of an initial value gets the op seed
  TF 1.x's graph counted for it; the body reads the placeholders' static shapes.
- each call sets the attributes anew from the fed values (the tensors of the step tracing it) and
  returns the object, so `cnn.loss` read after `cnn = cnn_module(...)` in a step is that step's; two
  calls in one step (an update fed the labels, a fetch not) compute the same values from the same inputs.
- a statement is skipped only when it reads (through names and attributes, `_dependencies`) a
  placeholder the call is not given, which TF 1.x's run did not need either: a run fetching
  `mainQN.predict` never ran `self.loss`. A placeholder read by a statement making variables, or by
  every attribute the program reads, is given at every call (the variables are made whatever the run).
- an update op `__init__` makes with a v1 optimizer builds no random op, so making it after the object
  leaves every op seed as counted; the program's `minimize` is converted as any other (`_updates`).
- `tf.device("<name>")` is TF 2's device of that name; `xw_plus_b(x, w, b)` is v1's own
  `bias_add(matmul(x, w), b)` (tensorflow/python/ops/nn_ops.py); `embedding_lookup` of one variable
  `__init__` makes is TF 2's (v1's 'mod' partitioning only splits a list of tensors);
  `get_variable(name, shape, initializer=...)` is the variable made once from the op v1's
  initializer called with the shape (GET_VARIABLE_INITIALIZERS; v1's default and xavier's
  glorot_uniform draw through the `glorot_uniform` member, its limit from the shape's fans as
  init_ops.VarianceScaling computed it), with the next op seed.
- a random op of the computation (TextCNN's dropout) was one op in TF 1.x, drawing on in every run
  that reached it. It gets `seed=self.fixed_seed(k)`: the op seed TF 1.x counted for it, taken from
  the counter where the first call reaches it and the same at every later call; the object is then
  called once, given every placeholder a read of the program needs, and tf2_graph's eager-step rule
  (`_check_shared_random_ops`, following the object into `__call__` through `object_draws`) runs the
  steps calling it eagerly: eager ops of one seed share one kernel, which draws on from call to
  call as the graph's op did (run test dropout_object.py: training and evaluation interleaved, the
  same digits). The class's own random ops are seeded by one counter, so distinct
  (`same_object_class`).

Kept compat, named (a `Fallback`), besides the builder's reasons (a random op with an op seed; a
TF 1.x graph API other than the ones the engine rewrites (`V1_REWRITTEN`) and those above;
another library's call; a placeholder under `if` / in a loop / not `self.name = placeholder(...)`):
a run not feeding a placeholder the one call of an object drawing random numbers is given;
`get_variable` with a dtype, another initializer or an initializer's seed; a class
with another method, a base class or a decorator; `self` read other than `self.<attribute set
before>`; an attribute named as a member of the written class or of tf.Module; a variable's value
changed in `__init__` (`assign`: run at each call, TF 1.x only when fetched); an object made in
`__init__` (a Keras layer, another class: made again at each call); an optimizer used otherwise than
`self.u = opt.minimize(self.loss)` once; the class used other than by one `name = Class(...)`; the
object used other than `name.<attribute>`; a Saver or `tf.trainable_variables()` in the program
(the object makes its variables at its first call). A class never built in the file, a file with no
Session, or a class making or running a Session itself (migrate/tf2_classes.py's shape) is left to the
engine's own reason (and Momentum on a gathered variable: tf2_graph `_keras_optimizer`).
Measured: tests/e2e/tf2_runs/model_object.py (Adam, written out as V1Adam; the same digits),
q_network_object.py and dropout_object.py (SGD; the same digits); dennybritz's TextCNN class as written
(embedding_lookup, conv loop, dropout, get_variable with xavier, xw_plus_b), trained and evaluated by
train.py's steps inlined with SGD: the same 9 digits as its compat migration (train.py's Adam on the
embedding's sparse gradient converted only since V1Adam writes v1's sparse rule out). Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import re

from migrate.tf2_builders import (
    FIXED,
    MEMBERS,
    METHOD,
    _body_calls,
    _call_arguments,
    _check_effects,
    _check_late_reads,
    _fixed_seed_lines,
    _fresh,
    _module_lines,
    _placeholder_text,
    _seed_start,
    _variable_edits,
)
from migrate.tf2_graph import (
    GET_VARIABLE,
    INTERACTIVE,
    MODULE_ATTRIBUTES,
    PLACEHOLDER,
    SEEDS,
    SESSION,
    SOFTMAX_V1,
    VARIABLES,
    Converter,
    Fallback,
    _bound_inside,
    _is_random_op,
    _replace_lines,
)

# TF 1.x calls a class body may keep: the engine rewrites them wherever they are (`_eager_twins`,
# migrate/tf2_rewrites.py); one it cannot is left and named by tf2_graph.remaining
V1_REWRITTEN = frozenset({SOFTMAX_V1, "tf.compat.v1.div", "tf.compat.v1.floor_div", "tf.compat.v1.nn.softmax",
                          "tf.compat.v1.nn.embedding_lookup"})
# v1 calls of a class body written as the TF 2 ops they ran (tensorflow/python/ops/nn_ops.py `xw_plus_b`:
# matmul then bias_add; framework/ops.py `device` of a device name: TF 2's tf.device of that name)
DEVICE, XW_PLUS_B, EMBEDDING = "tf.compat.v1.device", "tf.compat.v1.nn.xw_plus_b", "tf.compat.v1.nn.embedding_lookup"
# v1 initializers get_variable may take in `__init__`: their parameters in order, and the TF 2 op
# drawing or making the same value (tensorflow/python/ops/init_ops.py: each calls that op with the
# variable's shape; glorot's limit is `GLOROT` below, VarianceScaling(1.0, "fan_avg", "uniform"))
GET_VARIABLE_INITIALIZERS = {
    "tf.compat.v1.glorot_uniform_initializer": (("seed", "dtype"), None),
    "tf.compat.v1.truncated_normal_initializer": (("mean", "stddev", "seed", "dtype"), "tf.random.truncated_normal"),
    "tf.compat.v1.random_normal_initializer": (("mean", "stddev", "seed", "dtype"), "tf.random.normal"),
    "tf.compat.v1.random_uniform_initializer": (("minval", "maxval", "seed", "dtype"), "tf.random.uniform"),
    "tf.compat.v1.constant_initializer": (("value", "dtype", "verify_shape"), "tf.constant"),
    "tf.compat.v1.zeros_initializer": (("dtype",), "tf.zeros"),
    "tf.compat.v1.ones_initializer": (("dtype",), "tf.ones"),
}
DEFAULTS = {"tf.random.truncated_normal": ("0.0", "1.0"), "tf.random.normal": ("0.0", "1.0"),
            "tf.random.uniform": ("0", "1.0")}
GLOROT = "glorot_uniform"  # the member drawing v1's glorot_uniform_initializer's values
# methods changing a variable's value: an op TF 1.x ran only when fetched, the object's call runs it
STATE_METHODS = frozenset({"assign", "assign_add", "assign_sub", "scatter_update", "scatter_add", "scatter_sub",
                           "scatter_nd_update", "scatter_nd_add", "scatter_nd_sub", "load"})
# the engine's reason for a step's placeholder a run does not feed (`_convert`)
NOT_FED = re.compile(r"placeholder `(\w+)` is needed by this fetch but not fed")


def model_object(text: str, stop: Fallback):
    """(new text, a function mapping a Fallback of the new text back to `text`) when `stop` is at
    `name.attr` of an object built once by `name = Class(...)`, `Class` a class of the file whose
    `__init__` makes placeholders as attributes, or inside such a class; None for another shape
    (the engine's Fallback stands). Raises Fallback (positioned in `text`) naming what keeps an
    object of this shape compat."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    found = _object_site(c, stop)
    if found is None:
        return None
    return _rewrite(c, *found)


def _makes_placeholders(c: Converter, cls: ast.ClassDef) -> ast.FunctionDef | None:
    """The class's `__init__` when it makes a placeholder as an attribute (`self.x = placeholder(...)`)."""
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or not init.args.args:
        return None
    me = init.args.args[0].arg
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and c.call_name(node.value) == PLACEHOLDER and any(
                isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == me for t in node.targets):
            return init
    return None


def _object_site(c: Converter, stop: Fallback):
    """(the statement `holder = Class(...)`, holder's name, the class, its `__init__`) for an
    attribute `holder.attr` read by the construct at the Fallback's position (or by the value of
    the name there: tf2_graph._hoist_loss's `train_loss = m.loss + ...`), else for the class the
    position is inside; None when neither."""
    at = [n for n in ast.walk(c.tree) if isinstance(n, ast.expr) and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)]
    for n in list(at):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            bound = [s for s in ast.walk(c.tree) if isinstance(s, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == n.id for t in s.targets)]
            if len(bound) == 1:
                at.append(bound[0].value)
    site = cls = holder = None
    for node in (a for n in at for a in ast.walk(n)):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        holder = node.value.id
        bound = [s for s in ast.walk(c.tree) if isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For,
                                                                  ast.With, ast.FunctionDef))
                 and any(isinstance(n, ast.Name) and n.id == holder and not isinstance(n.ctx, ast.Load)
                         for n in ast.walk(s) if not isinstance(s, ast.FunctionDef) or n in ast.walk(s.args))]
        site = bound[0] if len(bound) == 1 and isinstance(bound[0], ast.Assign) and len(bound[0].targets) == 1 \
            and isinstance(bound[0].targets[0], ast.Name) and isinstance(bound[0].value, ast.Call) \
            and isinstance(bound[0].value.func, ast.Name) else None
        cls = c.local_classes.get(site.value.func.id) if site is not None else None
        if cls is not None and _makes_placeholders(c, cls) is not None:
            break
        site = cls = holder = None
    if cls is None:  # a construct inside the class (its random op under the graph seed): its one instantiation
        cls = next((k for k in c.local_classes.values() if k.lineno <= stop.line <= k.end_lineno), None)
        sites = [s for s in ast.walk(c.tree) if cls is not None and isinstance(s, ast.Assign) and len(s.targets) == 1
                 and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Call)
                 and isinstance(s.value.func, ast.Name) and s.value.func.id == cls.name]
        site = sites[0] if sites else None  # (more than one: `_rewrite` names it)
        holder = site.targets[0].id if site is not None else None
    init = _makes_placeholders(c, cls) if cls is not None else None
    if init is None or site is None or _runs_a_session(c, cls) or not any(
            isinstance(n, ast.Call) and c.call_name(n) in (SESSION, INTERACTIVE) for n in ast.walk(c.tree)):
        return None  # (never built or run here: the engine says the placeholders have no Session; a class
        # running its graph itself: migrate/tf2_classes.py's shape, or the engine's reason about its Sessions)
    return site, holder, cls, init


def _runs_a_session(c: Converter, cls: ast.ClassDef) -> bool:
    """Does the class make or run a Session itself: a Session made in it, a method with a
    `sess` / `session` parameter, or `.run(...)` / `.eval(...)` called in it?"""
    for node in ast.walk(cls):
        if isinstance(node, ast.Call) and (c.call_name(node) in (SESSION, INTERACTIVE) or isinstance(node.func, ast.Attribute)
                                           and node.func.attr in ("run", "eval")):
            return True
        if isinstance(node, ast.arg) and node.arg in ("sess", "session"):
            return True
    return False


def _rewrite(c: Converter, site: ast.Assign, holder: str, cls: ast.ClassDef, init: ast.FunctionDef):
    name = cls.name

    def fail(node, why: str, construct: str | None = None) -> Fallback:
        return c.fail(node, f"the model class `{name}` (placeholders, variables and tensors made as attributes in "
                      "`__init__`, run by the program): " + why, construct)

    # the class: a docstring and `__init__`, nothing else
    if cls.decorator_list or cls.keywords or any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases):
        raise fail(cls, "decorated, or a subclass (its base's members are not converted)", name)
    for member in cls.body:
        if member is init or isinstance(member, ast.Expr) and isinstance(member.value, ast.Constant) \
                and isinstance(member.value.value, str) and member is cls.body[0]:
            continue
        what = f"the method `{member.name}`" if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            else "a class attribute or statement"
        raise fail(member, f"{what} besides `__init__` (the object written for it computes its tensors in one call; "
                   "a method building more graph or running the Session is not converted)",
                   getattr(member, "name", None))
    arguments = init.args
    if init.decorator_list or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        raise fail(init, "its `__init__` decorated or with *args, **kwargs or keyword-only parameters", "__init__")
    me = arguments.args[0].arg
    if me != "self":
        raise fail(init, f"its `__init__`'s first parameter named `{me}`, not `self`", me)
    params = [a.arg for a in arguments.args[1:]]
    defaults = dict(zip(params[len(params) - len(arguments.defaults):], arguments.defaults))
    body = init.body
    docstring = body[0] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str) else None
    statements = body[1:] if docstring is not None else list(body)
    if not statements:
        return None
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(init):
        if node is init:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global, ast.Nonlocal,
                             ast.Yield, ast.YieldFrom, ast.Lambda, ast.Await, ast.Return)):
            raise fail(node, "a nested function, class, lambda, global, yield or return in its `__init__`")
    # the attributes `__init__` sets, and every use of `self`: `self.<one of them>`, set before it is read
    attributes = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Name) and node.id == me and node is not arguments.args[0]:
            parent = parents.get(id(node))
            if not isinstance(parent, ast.Attribute) or parent.value is not node:
                raise fail(node, f"`{me}` used other than `{me}.<attribute>` in its `__init__` (handed to a function "
                           "or returned: the object written for it is not the one TF 1.x built)", me)
            if not isinstance(parent.ctx, ast.Load):
                attributes.setdefault(parent.attr, parent)
    clash = sorted(set(attributes) & (MEMBERS | MODULE_ATTRIBUTES | {"__call__", FIXED, "fixed_seeds", GLOROT}))
    if clash:
        raise fail(attributes[clash[0]], f"the attribute `{clash[0]}`, which the tf.Module class written for it takes "
                   "as its own", f"{me}.{clash[0]}")
    for node in ast.walk(init):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me \
                and isinstance(node.ctx, ast.Load):
            first = attributes.get(node.attr)
            if first is None or (first.lineno, first.col_offset) > (node.lineno, node.col_offset):
                raise fail(node, f"`{me}.{node.attr}` read in `__init__` before it sets it (a class attribute, a "
                           "method or a base's member)", f"{me}.{node.attr}")
    # the placeholders: `self.x = tf.compat.v1.placeholder(...)`, under nothing but `with` blocks
    local = _bound_inside(init)
    placeholders = []
    for node in ast.walk(init):
        if not (isinstance(node, ast.Call) and c.call_name(node) in (
                PLACEHOLDER, "tf.compat.v1.placeholder_with_default", "tf.compat.v1.sparse_placeholder")):
            continue
        stmt = parents.get(id(node))
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and stmt.value is node and len(stmt.targets) == 1 \
            else None
        if c.call_name(node) != PLACEHOLDER or not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                                                    and target.value.id == me) or _inside_control(stmt, init, parents):
            raise fail(node, f"a placeholder made other than `{me}.name = tf.placeholder(...)` in `__init__` (under "
                       "`if`, in a loop, bound to a local name or an expression; a default or sparse placeholder): the "
                       "object's call takes the placeholders it always makes")
        if sum(isinstance(n, ast.Attribute) and n.attr == target.attr and isinstance(n.value, ast.Name)
               and n.value.id == me and not isinstance(n.ctx, ast.Load) for n in ast.walk(init)) != 1:
            raise fail(stmt, f"the placeholder's attribute `{me}.{target.attr}` is set again in `__init__`")
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and n.id in local and n.id not in params:
                raise fail(stmt, f"the placeholder's shape or dtype reads `{n.id}`, computed in `__init__` (the "
                           "placeholder is made where the object is built)")
        placeholders.append(stmt)
    # every other TF 1.x graph API, random op, state change and effect
    updates = _updates(c, init, me, parents, fail)
    moved = {id(n) for u in updates for stmt in u.statements for n in ast.walk(stmt)}
    twins = _twin_edits(c, init, fail)
    got = _get_variables(c, init, fail)  # [(call, initializer name or None, {param: node})]
    computation: list[ast.Call] = []  # random ops of the computation (dropout): one op seed each, fixed
    moved |= {id(n) for g in got for n in ast.walk(g[0])}  # (written whole: `_get_variable_edits`)
    variables, draws = _body_calls(c, init, fail, V1_REWRITTEN | {DEVICE, XW_PLUS_B, GET_VARIABLE}
                                   | set(GET_VARIABLE_INITIALIZERS), skip=moved, computation=computation)
    drawing = [g for g in got if g[1] is None or GET_VARIABLE_INITIALIZERS[g[1]][1] in DEFAULTS]
    graph_seed = any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for n in ast.walk(c.tree))
    for node in ast.walk(init):
        called = c.call_name(node) or "" if isinstance(node, ast.Call) else ""
        if isinstance(node, ast.Call) and (isinstance(node.func, ast.Name) and node.func.id in c.local_classes
                                           or called.startswith(("tf.keras.", "tf.Module", "tf.layers."))):
            raise fail(node, f"`{c.source(node.func)}` in `__init__`: an object made at each call of the object written "
                       "for the class (each step's trace), where TF 1.x built it once", c.source(node.func))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STATE_METHODS:
            raise fail(node, f"`.{node.func.attr}(...)` in `__init__`: it would run at each call of the object (each "
                       "step), where TF 1.x ran it only when a run fetched it", c.source(node.func))
    _check_effects(c, init, local, docstring, fail, own=me)
    _check_late_reads(c, fail)
    # the one instantiation, and every use of the object: `holder.<attribute>`
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name]
    if site is None or len(uses) != 1 or uses[0] is not site.value.func:
        raise fail(uses[-1] if uses else cls, "built or used more than once (its variables are made once, by its one "
                   "object)", name)
    given = _call_arguments(site.value, params, defaults, fail, name)
    reads = []
    for n in ast.walk(c.tree):
        if isinstance(n, ast.Name) and n.id == holder and n is not site.targets[0]:
            parent = parents.get(id(n))
            if not (isinstance(n.ctx, ast.Load) and isinstance(parent, ast.Attribute) and parent.value is n
                    and isinstance(parent.ctx, ast.Load) and parent.attr in attributes):
                raise fail(n, f"`{holder}`, the object, used other than `{holder}.<attribute>` (an attribute its "
                           "`__init__` sets, read) or bound again", holder)
            reads.append(parent)
    start_seed = _seed_start(c, site, init, fail) if graph_seed and (draws or computation or drawing) else None
    # which placeholders each statement (and each attribute) reads: those read by a statement making
    # variables are passed at every call; the others may be None, the statements reading them skipped
    fed_attrs = [stmt.targets[0].attr for stmt in placeholders]
    moved_statements = {id(stmt) for u in updates for stmt in u.statements}
    unit_needs, attribute_needs = _dependencies(init, me, statements, fed_attrs, moved_statements)
    # (a statement drawing random numbers too: its op seed is counted where the first call reaches it)
    making = {id(v) for v in variables + computation + [g[0] for g in got]}  # (ast.Load() is one object)
    required = set()
    for unit, needs in unit_needs.values():
        if any(id(n) in making for n in ast.walk(unit)):
            required |= needs
    moved_attributes = {u.attr for u in updates} | {u.name[len(me) + 1:] for u in updates if (u.name or "").startswith(me + ".")}
    read_attributes = {read.attr for read in reads if read.attr not in fed_attrs and read.attr not in moved_attributes}
    read_attributes |= {u.loss for u in updates}
    if read_attributes:  # a placeholder every attribute the program reads needs is passed at every call too
        required |= set.intersection(*(set(attribute_needs.get(a, ())) for a in read_attributes))
    optional = [a for a in fed_attrs if a not in required]

    def subset(attr: str) -> tuple[str, ...]:
        return tuple(a for a in optional if a in attribute_needs.get(attr, ()))
    read_sets = {subset(a) for a in read_attributes}
    hoisted = {}  # attribute -> its name in the program (an update op, an optimizer moved out of `__init__`)
    used = set(c.used_names)
    update_lines = []
    for u in updates:
        optimizer_text = _placeholder_text(c, u.statements[0], params, given, defaults, parents, fail,
                                           value=u.optimizer, what="the optimizer")
        if u.name is not None:  # `opt = Optimizer(...)` then `self.update = opt.minimize(self.loss)`
            optimizer_name = _fresh(f"{holder}_{u.name.split('.')[-1]}", used)
            update_lines.append(f"{optimizer_name} = {optimizer_text}")
            if u.name.startswith("self."):
                hoisted[u.name[5:]] = optimizer_name
        else:
            optimizer_name = optimizer_text
        update = _fresh(f"{holder}_{u.attr}", used)
        hoisted[u.attr] = update
        update_lines.append((f"{update} = {optimizer_name}.minimize(", u.loss))
    # placeholders where the object is built: their arguments read the call's values
    fed = {}  # attribute -> (the name where the object is built, the parameter of `__call__`)
    placeholder_lines = []
    for stmt in placeholders:
        attr = stmt.targets[0].attr
        fresh = _fresh(f"{holder}_{attr}", used)
        parameter = attr if attr not in local and attr not in params and attr != me else _fresh(f"fed_{attr}", used | local)
        fed[attr] = (fresh, parameter)
        placeholder_lines.append(f"{fresh} = {_placeholder_text(c, stmt, params, given, defaults, parents, fail)}")
    instance = _fresh(f"{holder}_module", used)
    if computation and len(read_sets) > 1:  # one call of the object, given every placeholder a read needs: each
        # call draws from its own op, TF 1.x drew from one op in every run (a run not feeding them is named)
        required |= set().union(*read_sets)
        optional = [a for a in fed_attrs if a not in required]
        read_sets = {subset(a) for a in read_attributes}
    # one call of the object for each set of optional placeholders the program's reads need
    callers = {}
    for k, needed in enumerate(sorted(read_sets or {()}, key=lambda t: (len(t), t))):
        callers[needed] = holder if k == 0 else _fresh(f"{holder}_fed_{'_'.join(needed)}", used)
    docstring_lines = c.lines[cls.body[0].lineno - 1:cls.body[0].end_lineno] if cls.body[0] is not init else None
    out = _module_lines(c, name, f"{name}.__init__", docstring_lines, params, defaults, start_seed,
                        [p for _, p in fed.values()])
    if docstring is not None:  # `__init__`'s own, kept there
        at = next(i for i, line in enumerate(out) if line.startswith("    def __init__("))
        out[at + 1:at + 1] = c.lines[docstring.lineno - 1:docstring.end_lineno]
    fixed = _fixed_seed_lines(c, out, computation, start_seed)
    # the body: `__init__`'s statements after its docstring, each placeholder the fed value
    edits = _variable_edits(c, variables, draws, start_seed) + twins + _get_variable_edits(c, got, start_seed)
    if any(g[1] is None or g[1].endswith("glorot_uniform_initializer") for g in got):
        at = next(i for i, line in enumerate(out) if line.startswith("    def __call__("))
        seed = "self.op_seed()" if start_seed is not None else "None"
        out[at:at] = [f"    def {GLOROT}(self, shape):\n",
                      '        """v1\'s glorot_uniform_initializer (init_ops.VarianceScaling(1.0, "fan_avg", "uniform")):\n',
                      "        uniform in [-limit, limit], limit = sqrt(3 / max(1, (fan_in + fan_out) / 2)).\"\"\"\n",
                      "        import math\n\n",
                      "        shape = [int(d) for d in shape]\n",
                      "        if len(shape) < 1:\n            fan_in = fan_out = 1\n",
                      "        elif len(shape) == 1:\n            fan_in = fan_out = shape[0]\n",
                      "        elif len(shape) == 2:\n            fan_in, fan_out = shape[0], shape[1]\n",
                      "        else:\n            receptive_field = math.prod(shape[:-2])\n",
                      "            fan_in, fan_out = shape[-2] * receptive_field, shape[-1] * receptive_field\n",
                      "        limit = math.sqrt(3.0 * (1.0 / max(1.0, (fan_in + fan_out) / 2.0)))\n",
                      f"        return {c.alias}.random.uniform(shape, -limit, limit, seed={seed})\n", "\n"]
    edits += fixed
    for stmt in placeholders:
        edits.append((c.offset(stmt.value), c.end_offset(stmt.value), fed[stmt.targets[0].attr][1]))
    guards = _guard_edits(c, unit_needs, set(optional), {id(stmt) for stmt in placeholders} | moved_statements,
                          {a: fed[a][1] for a in fed})
    edits += guards
    for u in updates:  # made in the program instead, after the object's call
        for stmt in u.statements:
            edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno], ""))
            if all(any(other is s for u2 in updates for other in u2.statements) for s in parents[id(stmt)].body):
                indent = c.lines[stmt.lineno - 1][: c.col(stmt)]
                edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.lineno - 1], f"{indent}pass\n"))
    first = statements[0].lineno
    region_start, region_end = c.starts[first - 1], c.starts[init.end_lineno]
    region = c.text[region_start:region_end]
    for s, e, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        region = region[: s - region_start] + new + region[e - region_start:]
    out.append(region if region.endswith("\n") else region + "\n")
    out.append(f"{c.lines[statements[0].lineno - 1][: c.col(statements[0])]}return self\n")
    site_indent = c.lines[site.lineno - 1][: c.col(site)]
    given_text = ", ".join([c.source(a) for a in site.value.args]
                           + [f"{k.arg}={c.source(k.value)}" for k in site.value.keywords])
    split = "".join(f"{site_indent}{line}\n" for line in placeholder_lines)
    split += f"{site_indent}{instance} = {name}({given_text})\n"
    for needed, caller in callers.items():
        arguments = [fed[a][0] if a in required or a in needed else "None" for a in fed]
        split += f"{site_indent}{caller} = {instance}({', '.join(arguments)})\n"
    for line in update_lines:
        split += f"{site_indent}{line}\n" if isinstance(line, str) else \
            f"{site_indent}{line[0]}{callers[subset(line[1])]}.{line[1]})\n"
    replacements = [(cls.lineno, cls.end_lineno, "".join(out)), (site.lineno, site.end_lineno, split)]
    # `holder.x` of a placeholder -> its name where the object is built (a feed key, a graph read)
    line_edits: dict[int, list] = {}
    for read in reads:
        if read.attr in fed or read.attr in hoisted or callers[subset(read.attr)] != holder:
            if read.lineno != read.end_lineno:
                raise fail(read, f"`{c.source(read)}` written over lines", c.source(read))
            new = fed[read.attr][0] if read.attr in fed else hoisted[read.attr] if read.attr in hoisted \
                else f"{callers[subset(read.attr)]}.{read.attr}"
            line_edits.setdefault(read.lineno, []).append((c.col(read), c.end_col(read), new))
    for number, changes in line_edits.items():
        line = c.lines[number - 1]
        for s, e, new in sorted(changes, reverse=True):
            line = line[:s] + new + line[e:]
        replacements.append((number, number, line))
    new_text, back = _replace_lines(c.text, c, replacements)
    names = {fresh: attr for attr, (fresh, _) in fed.items()}

    def mapped(later: Fallback) -> Fallback:
        found = back(later)
        construct = found.construct
        for fresh, attr in names.items():  # as written: `model.input_x`
            construct = re.sub(rf"\b{fresh}\b", f"{holder}.{attr}", construct)
        found = Fallback(construct, found.line, found.col, found.reason)
        reason = found.reason
        for caller in callers.values():
            construct = re.sub(rf"\b{caller}\.", f"{holder}.", construct)
        for fresh, attr in names.items():  # the engine's reason names the placeholder as the program does
            reason = re.sub(rf"`{fresh}`", f"`{holder}.{attr}`", reason)
        found = Fallback(construct, found.line, found.col, reason)
        if later.construct in callers.values() and "is used outside `Session.run`" in later.reason:
            return Fallback(holder, found.line, found.col, (
                f"the model class `{name}`: the object `{holder}` is read outside `Session.run` here; the object written "
                "for the class sets its attributes (tensors and Python values alike) when a step calls it, where TF "
                "1.x's `__init__` set them when the object was built"))
        unfed = NOT_FED.search(later.reason)
        if unfed and unfed.group(1) in names and names[unfed.group(1)] in required:
            why = ("a random op of `__init__`'s computation draws from one op in every run, the object's calls are one "
                   "call given every placeholder a read needs" if computation else "a statement of `__init__` making "
                   "variables reads it: the object written for the class runs those statements at every call, which "
                   "TF 1.x ran once")
            return Fallback(found.construct, found.line, found.col, (
                f"the model class `{name}`: this run does not feed `{holder}.{names[unfed.group(1)]}`, and {why}"))
        return found
    return new_text, mapped


def _twin_edits(c: Converter, init: ast.FunctionDef, fail) -> list[tuple[int, int, str]]:
    """Text edits writing `__init__`'s `tf.compat.v1.device("<name>")` as `tf.device("<name>")`,
    `tf.compat.v1.nn.xw_plus_b(x, w, b[, name])` as `tf.nn.bias_add(tf.matmul(x, w), b)` (v1's own
    two ops; the name only names the graph op) and `embedding_lookup` of one variable `__init__`
    makes (`self.W`) as TF 2's (v1's 'mod' partitioning only splits a list of tensors); a Fallback for
    another form of the first two (another embedding_lookup is left to tf2_rewrites)."""
    edits = []
    for node in ast.walk(init):
        called = c.call_name(node) if isinstance(node, ast.Call) else None
        if called == DEVICE:
            if len(node.args) != 1 or node.keywords or not (isinstance(node.args[0], ast.Constant)
                                                            and isinstance(node.args[0].value, str)):
                raise fail(node, "`tf.device` of other than a device name (v1's takes a function too, TF 2's not)",
                           c.source(node.func))
            edits.append((c.offset(node.func), c.end_offset(node.func), f"{c.alias}.device"))
        elif called == EMBEDDING and _one_variable(c, init, node.args[0] if node.args else None) \
                and len(node.args) == 2 and all(k.arg == "name" for k in node.keywords):
            edits.append((c.offset(node.func), c.end_offset(node.func), f"{c.alias}.nn.embedding_lookup"))
        elif called == XW_PLUS_B:
            values = dict(zip(("x", "weights", "biases", "name"), node.args))
            values.update((k.arg, k.value) for k in node.keywords)
            if set(values) - {"x", "weights", "biases", "name"} or not {"x", "weights", "biases"} <= set(values) \
                    or any(isinstance(a, ast.Starred) for a in node.args) or any(
                        isinstance(n, ast.Call) and (c.call_name(n) in (DEVICE, XW_PLUS_B, *VARIABLES)
                                                     or _is_random_op(c.call_name(n) or ""))
                        for a in values.values() for n in ast.walk(a)):
                raise fail(node, "`xw_plus_b` with arguments other than x, weights, biases, name", c.source(node.func))
            x, w, b = (c.source(values[k]) for k in ("x", "weights", "biases"))
            edits.append((c.offset(node), c.end_offset(node),
                          f"{c.alias}.nn.bias_add({c.alias}.matmul({x}, {w}), {b})"))
    return edits


def _one_variable(c: Converter, init: ast.FunctionDef, node) -> bool:
    """Is `node` a name or `self.name` that `__init__` binds once, to a tf.Variable it makes?"""
    if not isinstance(node, (ast.Name, ast.Attribute)) or isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id == "self"):
        return False
    text = c.source(node)
    stores = [t for t in ast.walk(init) if isinstance(t, (ast.Name, ast.Attribute)) and not isinstance(t.ctx, ast.Load)
              and c.source(t) == text]
    assigns = [s for s in ast.walk(init) if isinstance(s, ast.Assign) and len(s.targets) == 1 and s.targets[0] in stores]
    return len(stores) == 1 and len(assigns) == 1 and c.call_name(assigns[0].value) in VARIABLES


def _get_variables(c: Converter, init: ast.FunctionDef, fail) -> list[tuple]:
    """`__init__`'s `tf.compat.v1.get_variable(name, shape, initializer=...)` calls, each as (call,
    initializer name or None (v1's default: glorot_uniform), {argument: node}); a Fallback for
    another parameter, a dtype, an initializer not in GET_VARIABLE_INITIALIZERS or with a seed."""
    found = []
    for node in ast.walk(init):
        if not (isinstance(node, ast.Call) and c.call_name(node) == GET_VARIABLE):
            continue
        given = dict(zip(("name", "shape", "dtype", "initializer"), node.args))
        given.update((k.arg, k.value) for k in node.keywords)
        if set(given) - {"name", "shape", "initializer", "trainable"} or not {"name", "shape"} <= set(given) \
                or any(isinstance(a, ast.Starred) for a in node.args):
            raise fail(node, "`get_variable` with arguments other than name, shape, initializer, trainable (a dtype, "
                       "a regularizer, a partitioner, ...) in `__init__`", c.source(node.func))
        initializer = given.get("initializer")
        called = c.call_name(initializer) if isinstance(initializer, ast.Call) else None
        if initializer is not None and called not in GET_VARIABLE_INITIALIZERS:
            raise fail(node, "`get_variable` whose initializer is not one of v1's glorot_uniform, truncated_normal, "
                       "random_normal, random_uniform, constant, zeros or ones initializers called here",
                       c.source(node.func))
        if called is not None:
            params = GET_VARIABLE_INITIALIZERS[called][0]
            arguments = dict(zip(params, initializer.args))
            arguments.update((k.arg, k.value) for k in initializer.keywords)
            if set(arguments) - set(params) or any(isinstance(arguments.get(k), ast.AST) and not (
                    isinstance(arguments[k], ast.Constant) and arguments[k].value is None) for k in ("seed", "dtype")) \
                    or any(isinstance(a, ast.Starred) for a in initializer.args):
                raise fail(initializer, "an initializer with a seed, a dtype or other arguments in `__init__`",
                           c.source(initializer.func))
            given.update((f"initializer.{k}", v) for k, v in arguments.items())
        if any(isinstance(n, ast.Call) for n in ast.walk(given["shape"])):
            raise fail(node, "`get_variable` whose shape is computed by a call (it is read twice)", c.source(node.func))
        found.append((node, called, given))
    return found


def _get_variable_edits(c: Converter, got: list[tuple], start_seed: int | None) -> list[tuple[int, int, str]]:
    """Each get_variable call written as the variable made once by the `variable` member, its initial
    value the op v1's initializer called with its shape (with a graph seed: the next op seed)."""
    tf = c.alias
    seed = ", seed=self.op_seed()" if start_seed is not None else ""
    edits = []
    for call, initializer, given in got:
        shape = c.source(given["shape"])
        if initializer is None or initializer.endswith("glorot_uniform_initializer"):
            value = f"self.{GLOROT}({shape})"
        else:
            op = GET_VARIABLE_INITIALIZERS[initializer][1]
            if op in DEFAULTS:
                first, second = ("mean", "stddev") if op != "tf.random.uniform" else ("minval", "maxval")
                a = c.source(given[f"initializer.{first}"]) if f"initializer.{first}" in given else DEFAULTS[op][0]
                b = c.source(given[f"initializer.{second}"]) if f"initializer.{second}" in given else DEFAULTS[op][1]
                value = f"{op.replace('tf.', tf + '.', 1)}({shape}, {a}, {b}{seed})"
            elif op == "tf.constant":
                constant = c.source(given["initializer.value"]) if "initializer.value" in given else "0"
                value = f"{tf}.constant({constant}, shape={shape}, dtype={tf}.float32)"
            else:
                value = f"{op.replace('tf.', tf + '.', 1)}({shape})"
        extra = f", trainable={c.source(given['trainable'])}" if "trainable" in given else ""
        edits.append((c.offset(call), c.end_offset(call),
                      f"self.{METHOD}(lambda: {tf}.Variable({value}, name={c.source(given['name'])}{extra}))"))
    return edits


def _units(body: list[ast.stmt]):
    """The statements of `__init__` a guard may skip: each one, those of `with` blocks inside."""
    for stmt in body:
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _units(stmt.body)
        else:
            yield stmt


def _dependencies(init: ast.FunctionDef, me: str, statements: list[ast.stmt], fed: list[str], skip: set[int]):
    """({id: (statement, the placeholder attributes it reads, through names and attributes set
    before it)}, {attribute: those its last value read}) over `__init__`'s statements in order; a
    compound statement (a loop, `if`, `try`) is one, reading what any part of it reads. A statement
    calling a method of a local name or an attribute (`self.outputs.append(h)`) sets it too."""
    local = _bound_inside(init)
    known: dict[str, frozenset] = {}
    per: dict[int, tuple] = {}

    def key(node) -> str | None:
        if isinstance(node, ast.Name):
            return node.id if node.id != me else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me:
            return f"{me}.{node.attr}"
        return None

    for unit in _units(statements):
        if id(unit) in skip:
            continue
        reads, writes = set(), set()
        for node in ast.walk(unit):
            k = key(node)
            if k is None:
                continue
            if isinstance(node.ctx, ast.Load):
                reads.add(k)
            else:
                writes.add(k)
        for node in ast.walk(unit):  # `x.append(...)`, `self.xs.append(...)`, `d[k] = v`: x, self.xs, d set
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Attribute) and key(node.value.func.value) in local | {None} - {None}:
                writes.add(key(node.value.func.value))
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Attribute) and (key(node.value.func.value) or "").startswith(me + "."):
                writes.add(key(node.value.func.value))
            if isinstance(node, (ast.Subscript, ast.Attribute)) and not isinstance(node.ctx, ast.Load) \
                    and key(node) is None:
                root = node.value
                while isinstance(root, (ast.Subscript, ast.Attribute)) and key(root) is None:
                    root = root.value
                if key(root):
                    writes.add(key(root))
        needs = frozenset().union(*(known.get(k, frozenset()) for k in reads))
        if isinstance(unit, ast.Assign) and len(unit.targets) == 1 and key(unit.targets[0]) \
                and key(unit.targets[0])[len(me) + 1:] in fed and key(unit.targets[0]).startswith(me + "."):
            needs = frozenset({key(unit.targets[0])[len(me) + 1:]})  # a placeholder: the fed value
        per[id(unit)] = (unit, needs)
        for k in writes:
            known[k] = needs
    return per, {k[len(me) + 1:]: v for k, v in known.items() if k.startswith(me + ".")}


def _guard_edits(c: Converter, unit_needs: dict, optional: set[str], unguarded: set[int], parameter: dict):
    """Text edits putting each statement of `__init__` that reads an optional placeholder under
    `if <its parameter> is not None:` (indented 4 more, its string continuation lines as they are)."""
    from migrate.tf2_graph import _string_continuation_lines

    edits = []
    for unit, needs in unit_needs.values():
        wanted = [a for a in sorted(needs) if a in optional]
        if not wanted or id(unit) in unguarded:
            continue
        indent = c.lines[unit.lineno - 1][: c.col(unit)]
        condition = " and ".join(f"{parameter[a]} is not None" for a in wanted)
        strings = _string_continuation_lines(unit)
        edits.append((c.starts[unit.lineno - 1], c.starts[unit.lineno - 1], f"{indent}if {condition}:\n    "))
        for number in range(unit.lineno + 1, unit.end_lineno + 1):
            if number not in strings and c.lines[number - 1].strip():
                edits.append((c.starts[number - 1], c.starts[number - 1], "    "))
    return edits


class _Update:
    """An update op `__init__` makes (`self.attr = optimizer.minimize(self.loss)`): its statements
    (the optimizer's, when bound to `name` first), the optimizer call, the loss attribute."""

    def __init__(self, statements, optimizer, name, attr, loss):
        self.statements, self.optimizer, self.name, self.attr, self.loss = statements, optimizer, name, attr, loss


def _updates(c: Converter, init: ast.FunctionDef, me: str, parents: dict, fail) -> list[_Update]:
    """The update ops `__init__` makes with a v1 optimizer, to be made by the program after the
    object's call (the engine converts `minimize` there): `self.u = Optimizer(...).minimize(self.loss)`
    or `opt = Optimizer(...)` (a name or `self.opt`) and then `self.u = opt.minimize(self.loss)`, each
    in `__init__`'s body or its `with` blocks; a Fallback for another use of an optimizer."""
    def is_optimizer(node) -> bool:
        called = c.call_name(node) or ""
        return called.startswith("tf.compat.v1.train.") and called.endswith("Optimizer")

    def own(node) -> str | None:  # `self.x` -> "x"
        return node.attr if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == me else None

    def why(node, text: str) -> Fallback:
        return fail(node, f"an optimizer made in `__init__` {text}", c.call_name(node).replace("tf.", c.alias + ".", 1)
                    if isinstance(node, ast.Call) and c.call_name(node) else None)

    def minimize_of(stmt, optimizer_node) -> tuple[str, str]:
        """(the update's attribute, the loss attribute) of `self.u = <optimizer>.minimize(self.loss)`."""
        call = stmt.value
        target = stmt.targets[0] if len(stmt.targets) == 1 else None
        if own(target) is None:
            raise why(optimizer_node, "with its update op not bound to an attribute (`self.update = opt.minimize(...)`)")
        loss = call.args[0] if len(call.args) == 1 and not call.keywords else next(
            (k.value for k in call.keywords if k.arg == "loss"), None) if not call.args and len(call.keywords) == 1 else None
        if own(loss) is None:
            raise why(optimizer_node, "minimizing other than one attribute (`minimize(self.loss)`: `var_list`, "
                      "`global_step` and the like are not moved out of the class)")
        if _inside_control(stmt, init, parents):
            raise why(optimizer_node, "under `if`, in a loop or a try (it is made by the program, once, after the object)")
        return own(target), own(loss)

    found = []
    for node in ast.walk(init):
        if not (isinstance(node, ast.Call) and is_optimizer(node)):
            continue
        stmt = parents.get(id(node))
        outer = parents.get(id(stmt))
        if isinstance(stmt, ast.Attribute) and stmt.attr == "minimize" and isinstance(outer, ast.Call) \
                and outer.func is stmt and isinstance(parents.get(id(outer)), ast.Assign):
            assign = parents[id(outer)]
            attr, loss = minimize_of(assign, node)
            found.append(_Update([assign], node, None, attr, loss))
            continue
        if not (isinstance(stmt, ast.Assign) and stmt.value is node and len(stmt.targets) == 1
                and (isinstance(stmt.targets[0], ast.Name) or own(stmt.targets[0]) is not None)):
            raise why(node, "other than `opt = Optimizer(...)` or `self.update = Optimizer(...).minimize(self.loss)`")
        if _inside_control(stmt, init, parents):
            raise why(node, "under `if`, in a loop or a try (it is made by the program, once, after the object)")
        target = stmt.targets[0]
        name = target.id if isinstance(target, ast.Name) else f"{me}.{target.attr}"
        uses = [n for n in ast.walk(init) if isinstance(n, (ast.Name, ast.Attribute)) and c.source(n) == name
                and n is not target]
        use = uses[0] if len(uses) == 1 else None
        call = parents.get(id(parents.get(id(use)))) if use is not None else None
        if not (isinstance(parents.get(id(use)), ast.Attribute) and parents[id(use)].attr == "minimize"
                and isinstance(call, ast.Call) and isinstance(parents.get(id(call)), ast.Assign)
                and parents[id(call)].value is call):
            raise why(node, f"with `{name}` used other than once, in `self.update = {name}.minimize(self.loss)`")
        attr, loss = minimize_of(parents[id(call)], node)
        found.append(_Update([stmt, parents[id(call)]], node, name, attr, loss))
    for u in found:  # nothing of `__init__` reads the update op (the program makes it after the object)
        later = next((n for n in ast.walk(init) if own(n) == u.attr and isinstance(n.ctx, ast.Load)), None)
        if later is not None:
            raise why(u.optimizer, f"with its update op `{me}.{u.attr}` read in `__init__` (the program makes it after "
                      "the object)")
    return found


def _inside_control(stmt: ast.AST, function: ast.FunctionDef, parents: dict) -> bool:
    """Is `stmt` under anything but `with` blocks in `function` (a branch, a loop, a try)?"""
    node = parents.get(id(stmt))
    while node is not None and node is not function:
        if not isinstance(node, (ast.With, ast.AsyncWith)):
            return True
        node = parents.get(id(node))
    return False



def object_draws(c: Converter, name: str) -> list[ast.Call]:
    """The random ops of the computation in `__call__` of the class an object `name` is of (a name
    bound once to `Class(...)`, a class this module wrote: tf2_builders.builder_class): what a step
    calling it draws (tf2_graph `_random_call`); [] for another name."""
    from migrate.tf2_builders import builder_class

    bound = [n.value for n in ast.walk(c.tree) if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == name for t in n.targets)]
    if len(bound) != 1 or not isinstance(bound[0], ast.Call) or not isinstance(bound[0].func, ast.Name) \
            or not builder_class(c, bound[0].func.id):
        return []
    cls = c.local_classes[bound[0].func.id]
    call = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__call__"), None)
    if call is None:
        return []
    made = {id(n) for lam in ast.walk(call) if isinstance(lam, ast.Lambda) for n in ast.walk(lam)}
    return [n for n in ast.walk(call) if isinstance(n, ast.Call) and id(n) not in made
            and _is_random_op(c.call_name(n) or "")]


def same_object_class(c: Converter, a: ast.AST, b: ast.AST) -> bool:
    """Are both random ops in one class this module wrote? Their op seeds are distinct counts of one
    counter (`op_seed`, `fixed_seed`), so their eager kernels are distinct (tf2_graph
    `_check_shared_random_ops`)."""
    from migrate.tf2_builders import builder_class

    for name, cls in c.local_classes.items():
        if cls.lineno <= a.lineno <= cls.end_lineno and cls.lineno <= b.lineno <= cls.end_lineno:
            return builder_class(c, name) and any(isinstance(f, ast.FunctionDef) and f.name == FIXED for f in cls.body)
    return False
