"""`--style tf2`: model classes that build their graph in `__init__` and keep the Session the
program hands them (the shape of most object-oriented TF 1.x code: lazyprogrammer's RL and
deep-learning courses, DQN agents)::

    class PolicyModel:
        def __init__(self, D, K, hidden_layer_sizes):
            self.layers = [HiddenLayer(D, K)]                      # variables, made once
            self.X = tf.compat.v1.placeholder(tf.float32, shape=(None, D), name='X')
            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
            cost = tf.reduce_sum(tf.square(Z))
            self.train_op = tf.compat.v1.train.AdamOptimizer(1e-2).minimize(cost)

        def set_session(self, session):
            self.session = session

        def predict(self, X):
            return self.session.run(self.predict_op, feed_dict={self.X: X})

    session = tf.compat.v1.InteractiveSession()
    session.run(tf.compat.v1.global_variables_initializer())
    model.set_session(session)

rewritten, before the graph engine (migrate/tf2_graph.py) looks at the rest of the program, as::

    class PolicyModel:
        def __init__(self, D, K, hidden_layer_sizes):
            self.layers = [HiddenLayer(D, K)]
            optimizer = tf.keras.optimizers.Adam(learning_rate=1e-2, epsilon=1e-08)

            @tf.function(input_signature=[tf.TensorSpec((None, D), tf.float32)])
            def compute_predict_op(X):
                Z = X
                for layer in self.layers:
                    Z = layer.forward(Z)
                predict_op = Z
                return predict_op
            self.compute_predict_op = compute_predict_op
            ...  # train_step: the cost under a GradientTape, the Keras twin's update

        def predict(self, X):
            return self.compute_predict_op(X=X).numpy()

and the Session, its initializer run and the `set_session` calls go.

The graph method is `__init__`, a method `__init__` calls once (`self._build_net()`), or the one
method holding the placeholders that the program calls (`hmm.init_random(V)` -> `self.build(...)`:
each call makes the variables and functions again, as each call added them to TF 1.x's graph).
The Session is the one handed to `set_session(self, session)` (the method goes), to the
constructor (`Model(sess, "m1")`: the parameter and the arguments go) or made in the graph method
(`self.sess = tf.Session()`, with its initializer run), or made and initialized by a method the program
calls once (`_opened_session`; a class keeping its own graph and opening its Session in a `with` block is
written so first, migrate/tf2_owngraph.py). Methods handed the program's one Session at
each call (`predict_one(self, state, sess)`) are first written as a class keeping it
(`_handed_sessions`; measured: tests/e2e/tf2_runs/handed_session_agent.py, the same digits). Plain `variable_scope(name)` /
`name_scope(name)` blocks around the graph are opened (they named ops and variables, which
nothing converted reads: a Saver keeps the file compat); so is a `with
tf.control_dependencies(tf.compat.v1.get_collection(UPDATE_OPS)):` around the training ops when nothing
in the file puts ops in that collection (`_update_ops_block`: v1 read an empty list). A method of the class the graph method
calls as `self._create_network()` (no argument, called once in the file, returning nothing, sharing
no name with it) is inlined: its statements take the call's place, as the same code in the same
order, and the method goes (examples/VAE/vae.ipynb's `_create_network` / `_create_loss_optimizer`).
Before that, a call of a method making variables, placeholders or a training op that takes
arguments or returns a value (`q = self._build_c(self.S, self.a, scope='eval', trainable=True)`,
called once or more) is written in its place as the same code (`_inline_build_calls`: the
arguments bound to the parameters in Python's order, `return` bound to the call's targets, or
the returned locals made the targets where bound; the copy's clashing names renamed), and the
file converted as if so written (measured: tests/e2e/tf2_runs/build_method_arguments.py). So is
each call of a function the graph method defines at its top (MorvanZhou's Double / Dueling DQN
`def build_layers(s, c_names, n_l1, ...)` in `_build_net`, reading no local of the method), its
`self.V = ...`, read nowhere else in the file, the copy's local (`_local_attributes`: each copy its
own, where the object's attribute held the last net's). A name bound again under the branches of an
`if` on Python values (Dueling's `w2` of each scope) gets a name per binding when each read's binding
surely ran (`_rename_generations`). `__init__(..., sess=None)` with `if sess is None: self.sess =
tf.Session(); self.sess.run(init) else: self.sess = sess` (`_optional_session`) goes with the parameter
and the arguments; an object made without it made its own Session, whose values of the graph's
variables were its own: converted when the file makes one object (measured:
tests/e2e/tf2_runs/local_build_function.py, own_session_brain.py, the same digits).

An `if` of the graph method on Python values (`if self.replacement['name'] == 'hard':`, `if
hidden:`: reading no placeholder, tensor or TensorFlow call) chose once what TF 1.x built. Its test
is bound once where the `if` was (`branch_1 = self.replacement['name'] == 'hard'`; an `elif`'s or
a nested `if`'s under its branch, evaluated only where TF 1.x evaluated it), and each statement of
its branches is split as any other (`_Guarded`): what makes something once stays in the graph
method under `if branch_1:` / `else:`, what computes a tensor moves into the functions under the
same test, which they read (a local of the method, never bound again) when traced, so each object
builds the branch its values chose, as its graph did (measured:
tests/e2e/tf2_runs/configured_builders.py, two configurations and a seeded draw in a branch, the
same digits). A placeholder `self.name = placeholder(...)` in a branch (Prioritized Replay DQN's `if
self.prioritized: self.ISWeights = ...`) is a step argument as any; a run not feeding it whose
statements read it only under that branch, or one testing the same text with nothing rebinding what
it reads in between (`_same_guards`), binds it to None in its function: where the branch was taken
TF 1.x raised at that run, as the trace does (measured: tests/e2e/tf2_runs/guarded_placeholder.py,
the same digits). A training op, the Session or a statement other than an assignment, a
`for` loop or such an `if` in a branch, a test reading the graph, and an `if` building graph after
`self._build_net()` in `__init__` are Fallbacks naming them.

Why it computes what TF 1.x computed:
- the graph method's statements that make something once (variables, layer objects, Python
  values, a random initial value bound to a name a `tf.Variable` alone reads) stay where they
  were and run once, in the order TF 1.x ran them; the statements that read a placeholder or
  compute a tensor (`pi = tf.nn.softmax(self.preSoftmaxPi)`: TF 1.x computed it at every run
  from the variable's value then) become the bodies of `tf.function`s defined after the
  method's last graph statement (a later statement may call them: `self.update_target()`), one per distinct (fetches, fed placeholders) of the class's `Session.run` calls, the
  dataflow slice the fetches need in program order (`_slice`; a function reading a name only
  the graph part binds is a Fallback, `_check_reads`). They read the method's locals as the
  graph did when it was built: a local or attribute read there that the method, another method
  or the program changes afterwards is a Fallback (`_check_observers`).
- each function's `input_signature` is its placeholders' dtypes and shapes: fed values are
  converted to the placeholder's dtype as Session.run converted them, and one trace serves
  every batch size, as the one graph did.
- `minimize(cost)` with no var_list trained the graph's trainable variables that have a
  gradient (v1 drops the ones with none, those of other models among them): the tape's
  watched variables whose gradient is not None; the update is the v1 optimizer's Keras twin
  (`keras_optimizers.KERAS_EQUIVALENT`; Adagrad and Adam as v1's own, constant arguments), made
  in the graph method.
- a run's result is NumPy, as Session.run returned (`fetched_values` for lists); a run of
  values the method holds or the setup listed (`self.session.run(q)` of a variable, of the
  assigns a DQN copy made, of `self.params`) is their NumPy values: eagerly they were computed
  where made (the assigns before the run: the same when the variables read and those written
  are distinct, as a copy between two networks' lists is).
- a run of tensors a method builds from its arguments just before it (the TensorFlow 1.x Deep
  Learning Cookbook's autoencoders and RBM: `h = self.encoder(x)`, `r = self.decoder(h)`, `return
  self.session.run(r, feed_dict={self._X: x})`, feeding a placeholder those ops do not read): TF 1.x
  added the ops at each call and ran them at once on the variables' values then. The statements
  move into a `@tf.function` method of the class (`compute_reconstruct(self, x)`, returning the
  fetches) that the run's place calls (`.numpy()`, `fetched_values` for a list); its trace builds
  them as the graph did, from the arguments' dtypes and shapes. Eager code would not be exact:
  TF 2.21's eager sigmoid differs from the graph's in the last bit (measured); the tf.function's is
  the Session's. Only deterministic ops with no state (`EAGER_OPS`: no random op, so no op seed TF
  1.x counted for it under a graph seed; no control flow, assert or print) and the class's methods
  made of `name = <ops>` and a final `return`, reading the arguments, the class's variables and
  values no code but the graph method sets (a trace reads a Python value once); the statements
  right before the run's, whose names nothing else reads; the feed's values names or constants
  (`_built_fetch`; measured: tests/e2e/tf2_runs/method_built_fetches.py, the same digits).
- a gather reading rows of a variable makes its gradient sparse, which v1's Momentum and
  RMSProp apply by their sparse kernels: Fallback; a gather of a computed tensor (a layer's
  output, `tf.gather_nd(params=self.q_eval, ...)`) leaves the variables' gradients dense
  (`_gathers_variable`; measured: tests/e2e/tf2_runs/gathered_q_rmsprop.py).
- v1's RMSPropOptimizer (no Keras twin: Keras' mean square starts at zeros and its epsilon sits
  outside the square root) is `V1RMSProp`, written into the file: its arguments read once where
  the class made it, its slots (mean square ones, momentum zeros) made once per trained variable
  under `tf.init_scope` at the step's first trace, and the step applies the engine's rule written
  out (`Converter._rule_lines`, TF 1.x's ApplyRMSProp; measured: the same digits).
- with no graph seed TF 1.x drew new numbers at every run as the functions do at every call.
  With one (`tf.set_random_seed(1)` at the top of the module, before anything is built), TF 1.x
  gave each random op with no op seed the graph's count of such ops (random_seed.get_seed,
  `_graph_to_seed_dict`): the file gets `op_seed()`, a module counter, and each random op of a
  graph method `seed=op_seed()` where it is built (a variable's initial value, in place) or
  `seed=seed_k` bound by `seed_k = op_seed()` where its statement was (an op of the graph part,
  moved into a tf.function: counted when TF 1.x built it, not at the trace). Two objects and
  several classes count in the order their graph methods run, as the graph did; the seeded op
  in a tf.function draws on from call to call as the graph's op did from run to run (measured:
  tests/e2e/tf2_runs/seeded_q_networks.py, the same digits). Fallbacks: a random op built
  elsewhere (the program, another function), in a loop, lambda or nested function of the graph
  part, two in one graph statement, one that two written functions compute (TF 1.x's one op
  drew on across runs of both), a random initializer (how many seeds it asks is per use), an op
  seed written, the graph seed set twice or after something was built.
- Morvan's RL_brain.py variables: `get_variable(name, shape, initializer=w_initializer,
  collections=c_names)` in the graph method is the tf.Variable it made, made once in the setup:
  the v1 initializer's draw written out (random_normal / random_uniform with number arguments,
  constant, zeros, ones, bound once in the method or written inline; v1's default glorot and
  xavier as the engine draws them from a literal shape's fans), one op seed counted per variable
  as the initializer's __call__ asked; `collections=` puts it in a module dict
  (`add_to_graph_collections`, graph-wide as TF 1.x's collections were) that
  `tf.get_collection('key')` reads (`list(graph_collections.get('key', []))`); the graph keys
  of the list become their values and the initializer objects TF 2's (keyword arguments). A name
  the setup binds again after graph statements read it (the target network's `w1`) gets a name
  per binding (`w1_2`), so that each function reads the variable of its time. The statements of
  `__init__` right after `self._build_net()` that build graph (the collections read back, the
  target copy's `tf.assign` ops) join the end of the graph method, where TF 1.x built them.
- a v1 `name = tf.compat.v1.layers.dense(x, units, ...)` in a method of the class (Morvan's
  policy-gradient and actor-critic agents, hunkim's DQN) is first written as the kernel and bias
  get_variable calls it made and `activation(bias_add(matmul(x, kernel), bias))` (`_class_layers`:
  v1's `core_ops.dense` for a rank-2 input), which the rules above then convert: the random kernel
  drawn with the op seed counted where v1's layer asked for it, before the bias (measured:
  tests/e2e/tf2_runs/class_dense_agents.py, the same digits).
- the graph shown (`if output_graph: tf.summary.FileWriter("logs/", self.sess.graph)`) makes
  the writer alone (`tf.summary.create_file_writer("logs/")`), as the engine writes a
  FileWriter's graph argument (the program's `FileWriter(logdir, sess.graph)` of the Session it
  hands the classes too); `tf.compat.v1.assign(t, e)` of the graph part is `t.assign(e)`
  in the function; `feed = {...}` bound on the statement just before the run is read as
  written in it.

- a read of the graph's variables in the setup (`get_collection(GLOBAL_VARIABLES, scope='target_net')`,
  `trainable_variables(scope=)`, `global_variables(scope=)`, also as minimize's `var_list=`) and a
  name filter over one (`[var for var in t_vars if 'd_' in var.name]`) are the list TF 1.x returned,
  written out (`_collection_entries`, `_name_filter`): the variables made before the read, in creation
  order (v1's collections are lists in that order), whose TF 1.x name the scope matched at its start
  (ops.Graph.get_collection: `re.match(scope, item.name)`), trainable ones for TRAINABLE_VARIABLES.
  The names are v1's: get_variable (a dense's kernel and bias after `_class_layers`) under the
  variable scopes' path (`_scoped`, `_scope_paths`: a literal, or a local bound once to one, as an
  inlined build call's `scope = 'eval'`), a dense layer's name made unique per variable scope
  (`dense`, `dense_1`: v1 opened `variable_scope(None, default_name=name)`), a tf.Variable under the
  name scopes, which TF 1.x made unique (`eval_net_1/x`): only their first part is a known prefix
  (`_scope_matches` says when that decides the match). A training op before a GLOBAL_VARIABLES read
  made slots named `<variable scope>/<variable>/<Optimizer>` (slot_creator) and Adam its beta powers
  under the name scope: when the scope may match one, a Fallback (TF 2's optimizer makes its own,
  other, variables), unless the list's name is read only zipped with lists no longer than its
  variables before the slots (`zip(t_params, e_params)`: zip stopped there; `_zipped_shorter`). The list is this object's: the class must be made once in the file (not in a
  loop or function) and no variable made outside it (v1's collections were the graph's). Measured:
  tests/e2e/tf2_runs/scoped_target_net.py, soft_target_ddpg.py, gan_name_filter.py, the same digits.

Anything else (a Saver, optimizers without a twin, a variable made in the graph part or by a
function it calls, get_collection of a graph key or scope not known from the text, a placeholder or graph attribute read
other than in a run, a run feeding too little, a Session used otherwise) raises `Fallback`
naming it. Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import builtins
import itertools
import re

from migrate.tf2_batchnorm import (
    _collection_binding,
    collection_producer,
    is_update_ops_block,
)
from migrate.tf2_graph import (
    CONSTANT_INITIALIZERS,
    FAN_INITIALIZERS,
    INITIALIZERS,
    INTERACTIVE,
    KERAS_INITIALIZERS,
    NONE_DEFAULTS,
    OWN_RULES,
    PLACEHOLDER,
    RANDOM_INITIALIZERS,
    RANDOM_SEED_ARG,
    SAMPLING_LOSSES,
    SEEDS,
    SESSION,
    SPARSE_EXACT,
    SPARSE_READS,
    STRUCTURED_OPS,
    Converter,
    Fallback,
    _comments,
    _indent,
    _is_random_op,
    _optimizer_table,
    _replace_lines,
    _string_continuation_lines,
    keras_optimizer_text,
    optimizer_arguments,
)
from migrate.tf2_layers import enclosing_statement
from migrate.tf2_owngraph import own_graph_classes
from migrate.tf2_rewrites import bound_arguments

V1_OPTIMIZER = "tf.compat.v1.train."
SCOPES = ("tf.compat.v1.variable_scope", "tf.name_scope", "tf.compat.v1.name_scope")
# method names that change a list, dict or set in place (a value the graph part read when built)
IN_PLACE = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update",
                      "setdefault", "popitem", "add", "discard"})
# TensorFlow calls that make something once rather than compute a tensor at each run
VARIABLE_CALLS = frozenset({"tf.Variable", "tf.compat.v1.Variable", "tf.compat.v1.get_variable"})
GET_VARIABLE = "tf.compat.v1.get_variable"
GET_COLLECTION = "tf.compat.v1.get_collection"
# the graph keys a get_variable's `collections=` list may hold: their values (ops.GraphKeys)
GRAPH_KEYS = {"GLOBAL_VARIABLES": "variables", "TRAINABLE_VARIABLES": "trainable_variables"}
# reads of the graph's variable collections: the call -> the graph key it reads (get_collection: its argument)
COLLECTION_CALLS = {GET_COLLECTION: None, "tf.compat.v1.trainable_variables": "trainable_variables",
                    "tf.compat.v1.global_variables": "variables"}
REGEX_CHARACTERS = frozenset(".^$*+?{}[]\\|()")
# v1 optimizers making no variables of their own (the others: slots per trained variable, Adam beta powers)
SLOTLESS = frozenset({"GradientDescentOptimizer"})
# initializers get_variable may be handed in a class: the v1 object -> TF 2's spelling of it
# (made where it was; its value for a variable is written out by `_ClassRewrite._variable_text`)
CLASS_INITIALIZERS = {"tf.compat.v1.random_normal_initializer": "tf.random_normal_initializer",
                      "tf.compat.v1.random_uniform_initializer": "tf.random_uniform_initializer",
                      "tf.compat.v1.constant_initializer": "tf.constant_initializer",
                      "tf.compat.v1.zeros_initializer": "tf.zeros_initializer",
                      "tf.compat.v1.ones_initializer": "tf.ones_initializer"}
# variable methods that make an op changing the variable (run when fetched in TF 1.x, at once eagerly)
STATE_OPS = frozenset({"assign", "assign_add", "assign_sub", "scatter_update", "scatter_add", "scatter_sub",
                       "scatter_nd_update", "scatter_nd_add", "scatter_nd_sub"})
# TensorFlow ops a method of the class may build on its arguments and the class's variables and run
# at once (`_built_fetch`): deterministic ops with no state, which compute eagerly what the graph's
# computed when run (random ops, variables, control flow, asserts, prints and v1 APIs are not here)
EAGER_OPS = frozenset(f"tf.{name}" for name in (
    "matmul", "add", "add_n", "subtract", "multiply", "divide", "truediv", "realdiv", "negative", "transpose",
    "reshape", "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "sigmoid", "tanh", "exp",
    "square", "sqrt", "pow", "sign", "abs", "shape", "cast", "concat", "stack", "expand_dims", "squeeze", "maximum",
    "minimum", "clip_by_value", "constant", "zeros", "ones", "zeros_like", "ones_like", "fill", "tile", "where",
    "equal", "not_equal", "less", "greater", "argmax", "argmin", "one_hot", "identity", "gather", "norm",
    "tensordot", "einsum", "size", "rank", "slice", "pad", "stop_gradient"))
EAGER_PREFIXES = ("tf.math.", "tf.linalg.", "tf.nn.")
MADE_ONCE = frozenset({"tf.constant", "tf.zeros", "tf.ones", "tf.TensorSpec", "tf.TensorShape", "tf.function",
                       "tf.compat.v1.global_variables_initializer", "tf.compat.v1.placeholder"})
MADE_ONCE_PREFIXES = ("tf.keras.", "tf.compat.v1.train.", "tf.dtypes.", "tf.nn.rnn_cell.")
# the op seeds of a seeded program's random ops (`seed=op_seed()` where TF 1.x built each): written
# above the first converted class, {name} and {count} the file's fresh names
OP_SEED = (
    "{count} = [0]\n"
    "\n"
    "\n"
    "def {name}():\n"
    "    # the op seed TF 1.x's graph gave the next random op built with no op seed under the graph seed:\n"
    "    # the count of such ops built so far (tensorflow/python/framework/random_seed.py get_seed)\n"
    "    {count}[0] += 1\n"
    "    return {count}[0] - 1\n"
)
# v1's RMSPropOptimizer in a converted class (no Keras twin: Keras' RMSprop starts its mean square
# at zeros and takes epsilon outside the square root): its arguments read once where the class made
# it, its slots made once per variable it trains; the step applies the engine's written-out rule
# (tf2_graph.Converter._rule_lines, TF 1.x's ApplyRMSProp) to them. {name} and tf spelled for the file.
V1_RMSPROP = (
    "class {name}:\n"
    "    # TF 1.x's RMSPropOptimizer: hyper-parameters read once, as v1 read them building its update op;\n"
    "    # slots made once per trained variable (mean square: ones, momentum: zeros), as v1 made them\n"
    "    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10):\n"
    "        self.learning_rate, self.decay, self.momentum, self.epsilon = learning_rate, decay, momentum, epsilon\n"
    "        self.made = {{}}\n"
    "\n"
    "    def slots(self, variables):\n"
    "        with tf.init_scope():  # made eagerly, once, when the step is first traced\n"
    "            for v in variables:\n"
    "                if v.ref() not in self.made:\n"
    "                    self.made[v.ref()] = (tf.Variable(tf.ones(v.shape, dtype=v.dtype), trainable=False),\n"
    "                                          tf.Variable(tf.zeros(v.shape, dtype=v.dtype), trainable=False))\n"
    "        return [self.made[v.ref()] for v in variables]\n"
)
# the graph collections get_variable's `collections=` filled (graph-wide in TF 1.x: every object's)
COLLECTIONS = (
    "{table} = {{}}\n"
    "\n"
    "\n"
    "def {name}(variable, keys):\n"
    "    # get_variable(..., collections=keys): TF 1.x's graph collections, a list per key in the order made\n"
    "    for key in keys:\n"
    "        {table}.setdefault(key, []).append(variable)\n"
    "    return variable\n"
)
FETCHED_VALUES = (
    "def fetched_values(fetched):\n"
    "    # what Session.run returned: the fetched tensors as NumPy values (None for an op)\n"
    "    return tf.nest.map_structure(lambda t: None if t is None else t.numpy(), fetched)\n"
)


def _classes_again(rewritten: str, back, layers: bool):
    """`session_classes` of a text a first rewrite made, its `back` (mapping a Fallback of
    `rewritten` to the text before) composed with the second's; a Fallback mapped back."""
    try:
        result = session_classes(rewritten, layers)
    except Fallback as stop:
        raise back(stop) from None
    if result is None:
        return None
    out, second = result
    return out, lambda later: back(second(later))


def session_classes(text: str, layers: bool = True):
    """`text` (a compat-migrated module) with its Session-keeping model classes rewritten as
    above, and a function taking a Fallback of the new text back to `text`; None when no class
    of the module runs a Session it keeps. Raises Fallback (positioned in `text`) for such a
    class that cannot be rewritten exactly; where a v1 layer call is not written out
    (`_class_layers`) and the class has another obstacle, that one is named, as the engine names
    what keeps a file compat whatever its layers. `layers=False`: the layer calls left as they are."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    owned = own_graph_classes(c)  # a graph and a Session `with` block of the class's own: the Session it keeps
    if owned is not None:
        return _classes_again(*owned, layers)
    handed = _handed_sessions(c)  # methods handed the program's Session at each call: classes keeping it
    if handed is not None:
        return _classes_again(*handed, layers)
    classes = [k for k in c.tree.body if isinstance(k, ast.ClassDef) and _session_attribute(k) is not None]
    if not classes:
        return None
    _check_session_reads(c, classes)
    inlined = _inline_build_calls(c, classes)  # a build method's call with arguments or a value: its statements there
    if inlined is not None:
        return _classes_again(*inlined, layers)
    try:
        layered = _class_layers(c, classes) if layers else None  # v1 layer calls as the variables and ops they made
    except Fallback as mine:
        # the classes with each layer call standing for `tf.identity(inputs)` (its lines kept): an obstacle
        # of theirs is one whatever the layers (the layers' own initializers are gone)
        calls = sorted((n for k in classes for n in ast.walk(k) if isinstance(n, ast.Call) and c.call_name(n) in CLASS_LAYERS),
                       key=c.offset, reverse=True)
        neutral = text
        try:
            for call in calls:
                kind = c.call_name(call).rsplit(".", 1)[-1]
                inputs = c.source(_layer_arguments(c, classes[0], call, kind, *CLASS_LAYERS[c.call_name(call)])["inputs"])
                neutral = neutral[:c.offset(call)] + f"{c.alias}.identity({inputs}" + "\n" * (call.end_lineno - call.lineno) \
                    + ")" + neutral[c.end_offset(call):]
            session_classes(neutral, layers=False)
        except Fallback as theirs:
            raise theirs from None  # (the neutral text has no argument of the dense calls but their inputs)
        raise mine from None
    if layered is not None:
        return _classes_again(*layered, layers)
    seeds = [call for call in ast.walk(c.tree) if isinstance(call, ast.Call) and c.call_name(call) in SEEDS]
    op_seed = None
    if seeds:
        _check_seed_placement(c, seeds)
        op_seed = next(n for n in ("op_seed", *(f"op_seed_{k}" for k in range(2, 99))) if n not in c.used_names)
    for call in ast.walk(c.tree):
        name = c.call_name(call) if isinstance(call, ast.Call) else None
        if name in RANDOM_SEED_ARG and c._has_seed(call, name):
            raise c.fail(call, "a random op with an op seed in a program of model classes keeping a Session: "
                         "TF 1.x gave each such op its own generator (two ops of one seed drew the same numbers, "
                         "one op drew on from run to run), eager ops of one seed share one")
    replacements: list[tuple[int, int, str]] = []
    runs_done: list[ast.Call] = []
    removed: list[ast.expr] = []  # the Session arguments of the constructors' calls
    written: dict[str, str] = {}
    table = next(n for n in ("graph_collections", *(f"graph_collections_{k}" for k in range(2, 99))) if n not in c.used_names)
    rewrites = [_ClassRewrite(c, klass, op_seed, table) for klass in classes]
    for rewrite in rewrites:
        rewrite._split()
    if op_seed is not None:
        _check_random_ops(c, rewrites)
    for rewrite in rewrites:
        replacements += rewrite.rewrite(runs_done)
        removed += rewrite.removed_arguments()
        written.update(rewrite.written)
    replacements += _program_sessions(c, classes, removed)
    first = classes[0]
    start = min([d.lineno for d in first.decorator_list] + [first.lineno])
    if op_seed is not None:
        count = next(n for n in (f"{op_seed}s_built", *(f"{op_seed}s_built_{k}" for k in range(2, 99)))
                     if n not in c.used_names)
        replacements.append((start, start - 1, OP_SEED.format(name=op_seed, count=count) + "\n\n"))
    if hasattr(c, "_initial_name"):  # a seeded initializer's value drawn as TF 1.x drew it (`_fan_initializer`)
        replacements.append((start, start - 1, c.initial_value_definition()))
    if any(r.collected for r in rewrites):
        replacements.append((start, start - 1, COLLECTIONS.format(table=table, name=f"add_to_{table}") + "\n\n"))
    rmsprop = next((r.rmsprop for r in rewrites if getattr(r, "rmsprop", None)), None)
    if rmsprop is not None:
        replacements.append((start, start - 1, V1_RMSPROP.format(name=rmsprop).replace("tf.", c.alias + ".") + "\n\n"))
    if any(_needs_fetched_values(r[2]) for r in replacements) and "fetched_values" not in c.used_names:
        replacements.append((start, start - 1, FETCHED_VALUES.replace("tf.", c.alias + ".") + "\n\n"))
    merged = _merged(c, replacements)
    new, back = _replace_lines(text, c, merged)

    def precise(later: Fallback) -> Fallback:
        """A later Fallback in a rewritten region (a method's body) found on its own line there:
        the construct's call or name looked up in the region's original lines."""
        mapped = back(later)
        reason = later.reason
        for name, origin in written.items():  # the user's file has the graph method, not the function written
            reason = reason.replace(f"function `{name}`", f"`{origin}` (the graph part the conversion writes as `{name}`)")
        mapped = Fallback(mapped.construct, mapped.line, mapped.col, reason)
        later = Fallback(later.construct, later.line, later.col, reason)
        region = next(((a, b) for a, b, _ in merged if a == mapped.line and b > a), None)
        key = later.construct.split("(")[0].strip().removesuffix("...")
        key = key.split(" = ")[-1].strip()
        if mapped.col != 1 or region is None or not key:
            return mapped
        found = [(n, c.lines[n - 1].find(key)) for n in range(region[0], region[1] + 1) if key in c.lines[n - 1]]
        if not found:  # several: the first, as the rewrite's own order keeps the method's
            return mapped
        return Fallback(later.construct, found[0][0], found[0][1] + 1, later.reason)
    return new, precise


def _handed_sessions(c: Converter):
    """(new text, a function taking a Fallback of it back to `c`'s text), or None: model classes
    whose methods are handed the program's one Session at each call (adventuresinML's DQN
    `Model.predict_one(self, state, sess)`, `train_batch(self, sess, x, y)`) written as classes
    keeping it, the shape the rewrite above converts::

        def predict_one(self, state, sess):      ->   def predict_one(self, state):
            return sess.run(self._logits, ...)            return self.session.run(self._logits, ...)
                                                      def set_session(self, session):
                                                          self.session = session

    The Session argument of every call goes (`model.predict_one(state, sess)`), and `model.set_session(sess)`
    is written where the Session is bound (`with tf.Session() as sess:`'s first line). A class
    that only relays it (`GameRunner.__init__(self, sess, model, ...)`: `self._sess = sess`, read
    only as such an argument) loses the parameter, the binding and its calls' argument. In the
    class handed it, `self.X = None` in `__init__` before the build method's call binding X first
    (a placeholder declared) goes, and an initializer op the program runs through an attribute
    or a property (`sess.run(model.var_init)`) is the program's own
    `tf.compat.v1.global_variables_initializer()` there (the class is made once: its op
    initialized every variable of the graph, as the program's does). The same runs, each given
    the one Session the program made. None when any of it has another shape (the engine's reason
    then names the Session handed on)."""
    from migrate.tf2_layers import fallback_mapper

    made = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) in (SESSION, INTERACTIVE)]
    if len(made) != 1:
        return None
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    holder = parents.get(id(made[0]))
    if isinstance(holder, ast.withitem) and isinstance(holder.optional_vars, ast.Name):
        session, binding = holder.optional_vars.id, parents[id(holder)]
    elif isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name):
        session, binding = holder.targets[0].id, holder
    else:
        return None
    if sum(isinstance(n, ast.Name) and n.id == session and isinstance(n.ctx, ast.Store) for n in ast.walk(c.tree)) != 1:
        return None
    classes = [k for k in c.tree.body if isinstance(k, ast.ClassDef)]
    defined: dict[str, int] = {}
    for klass in classes:
        for method in klass.body:
            if isinstance(method, ast.FunctionDef):
                defined[method.name] = defined.get(method.name, 0) + 1
    handed: dict[str, tuple[ast.ClassDef, ast.FunctionDef, str, int]] = {}  # method name -> (class, method, param, index)
    passed: dict[str, list[tuple[ast.Call, ast.Name]]] = {}  # method name -> its calls handing its parameter on
    for klass in classes:
        if _session_attribute(klass) is not None:
            continue
        for method in klass.body:
            if not isinstance(method, ast.FunctionDef) or method.args.vararg or method.args.kwarg or defined[method.name] > 1:
                continue
            positional = method.args.args[1:]
            for index, arg in enumerate(positional):
                if index >= len(positional) - len(method.args.defaults):
                    break
                uses = [n for n in ast.walk(method) if isinstance(n, ast.Name) and n.id == arg.arg]
                runs = [n for n in ast.walk(method) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                        and n.func.attr == "run" and isinstance(n.func.value, ast.Name) and n.func.value.id == arg.arg]
                # handed on: an argument of a call of another method (`self.predict_batch(x, sess)`)
                on = [(n, a) for n in ast.walk(method) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                      for a in [*n.args, *(k.value for k in n.keywords)] if isinstance(a, ast.Name) and a.id == arg.arg]
                if (runs or on) and len(uses) == len(runs) + len(on):
                    handed[method.name] = (klass, method, arg.arg, index)
                    passed[method.name] = on
    while True:  # a method handing it on is handed it only when the method it calls is, at that parameter
        wrong = [name for name, on in passed.items() if name in handed and any(
            call.func.attr not in handed or _call_argument(call, *handed[call.func.attr][2:]) is not argument
            for call, argument in on)]
        if not wrong:
            break
        for name in wrong:
            del handed[name]
    if not handed:
        return None
    owners = {id(k): k for k, *_ in handed.values()}
    for klass in owners.values():  # `session` names the Session each keeps
        if any(isinstance(n, ast.Attribute) and n.attr in ("session", "set_session") for n in ast.walk(klass)):
            return None
    edits: list[tuple[int, int, str]] = []  # (start offset, end offset, text)
    relays: dict[str, tuple[ast.ClassDef, ast.FunctionDef, ast.stmt, int]] = {}  # attribute -> its relay

    def session_argument(call, node) -> bool:
        function = _enclosing(call, parents)
        if isinstance(node, ast.Name) and isinstance(function, ast.FunctionDef) \
                and function.name in handed and handed[function.name][1] is function:
            return node.id == handed[function.name][2]  # a handed method's own parameter, handed on
        if isinstance(node, ast.Name):  # the program's Session, not a local or parameter of that name
            return node.id == session and (function is _enclosing(binding, parents) or node.id not in set().union(
                *(_names_bound(s) for s in function.body), (a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg))))
        return _self_attribute(node) and node.attr in relays

    for klass in classes:  # `self._sess = sess` of `__init__(self, sess, ...)`, read only as a handed argument
        init = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), None)
        if init is None or id(klass) in owners:
            continue
        for stmt in init.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0]) \
                    and isinstance(stmt.value, ast.Name):
                params = [a.arg for a in init.args.args[1:]]
                if stmt.value.id in params and params.index(stmt.value.id) < len(params) - len(init.args.defaults) \
                        and sum(isinstance(n, ast.Name) and n.id == stmt.value.id for n in ast.walk(init)) == 1:
                    relays[stmt.targets[0].attr] = (klass, init, stmt, params.index(stmt.value.id))
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr in handed]
    dropped: list[ast.expr] = []
    for call in calls:
        _, method, param, index = handed[call.func.attr]
        argument = _call_argument(call, param, index)
        if argument is None or not session_argument(call, argument):
            return None
        dropped.append(argument)
        edits.append(_argument_span(c, call, argument))
    for attr, (klass, init, stmt, index) in list(relays.items()):
        reads = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.ctx, ast.Load)]
        if not any(r in dropped for r in reads):  # another attribute bound to a parameter
            del relays[attr]
            continue
        if any(r not in dropped for r in reads):
            return None
        made_here = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                     and n.func.id == klass.name]
        if not made_here or any(isinstance(n, ast.Name) and n.id == klass.name and not any(n is m.func for m in made_here)
                                for n in ast.walk(c.tree)):
            return None
        for call in made_here:
            argument = _call_argument(call, init.args.args[index + 1].arg, index)
            if argument is None or not (isinstance(argument, ast.Name) and argument.id == session):
                return None
            edits.append(_argument_span(c, call, argument))
        edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno], ""))
        edits.append(_parameter_span(c, init, index + 1))
    if any(isinstance(n, ast.Name) and n.id == session and isinstance(n.ctx, ast.Load) and n not in dropped
           and not (isinstance(parents.get(id(n)), ast.Call) and any(n is a for a in parents[id(n)].args)
                    and isinstance(parents[id(n)].func, ast.Name) and parents[id(n)].func.id in {k.name for k, *_ in relays.values()})
           and not (isinstance(parents.get(id(n)), ast.Attribute) and parents[id(n)].attr == "run")
           and not any(n is stmt.value for _, _, stmt, _ in relays.values())
           for n in ast.walk(c.tree)):
        return None
    objects: list[str] = []
    for klass in owners.values():
        builds = [n for n in ast.walk(c.tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                  and isinstance(n.value.func, ast.Name) and n.value.func.id == klass.name]
        if len(builds) != 1 or len(builds[0].targets) != 1 or not isinstance(builds[0].targets[0], ast.Name) \
                or not _run_once(c.tree, builds[0]):
            return None
        build = builds[0]
        if build.lineno < binding.lineno:  # made before the Session: handed it where the Session is bound
            objects.append(build.targets[0].id)
        elif isinstance(binding, ast.With) and build.end_lineno > binding.end_lineno:
            return None  # (made after the Session's block: its runs had a closed Session)
        else:  # made after: handed it right after it is made
            at = c.starts[build.end_lineno] if build.end_lineno < len(c.lines) else len(c.text)
            edits.append((at, at, f"{_indent(c.lines[build.lineno - 1])}{build.targets[0].id}.set_session({session})\n"))
        for method in klass.body:
            if isinstance(method, ast.FunctionDef) and method.name in handed:
                param, index = handed[method.name][2:]
                edits += [(c.offset(n), c.end_offset(n), "self.session") for n in ast.walk(method)
                          if isinstance(n, ast.Name) and n.id == param and not any(n is d for d in dropped)]
                edits.append(_parameter_span(c, method, index + 1))
        edits += _declared_none(c, klass)
        initializer = _initializer_run(c, klass, build.targets[0].id, session)
        if initializer is None:
            return None
        edits += initializer
        last = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), klass.body[-1])
        indent = _indent(c.lines[klass.body[0].lineno - 1])
        method = next(m for m in klass.body if isinstance(m, ast.FunctionDef))
        unit = _indent(c.lines[method.body[0].lineno - 1])[len(indent):]
        edits.append((c.starts[last.end_lineno - 1] + len(c.lines[last.end_lineno - 1].rstrip("\n")),) * 2
                     + (f"\n\n{indent}def set_session(self, session):\n{indent}{unit}self.session = session",))
    if isinstance(binding, ast.With):
        first = binding.body[0]
        at = c.starts[first.lineno - 1]
        indent = _indent(c.lines[first.lineno - 1])
    else:
        at = c.starts[binding.end_lineno] if binding.end_lineno < len(c.lines) else len(c.text)
        indent = _indent(c.lines[binding.lineno - 1])
    if objects:
        edits.append((at, at, "".join(f"{indent}{name}.set_session({session})\n" for name in objects)))
    spans = sorted(set(edits), reverse=True)
    if any(a[0] < b[1] and a != b for a, b in itertools.pairwise(spans) if a[0] != a[1] or b[0] != b[1]):
        return None
    new = c.text
    for start, end, text in spans:
        new = new[:start] + text + new[end:]
    return new, fallback_mapper(c.text, new)


def _call_argument(call: ast.Call, param: str, index: int) -> ast.expr | None:
    """The argument a call gives the parameter `param` (the method's `index`-th after self)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    if index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == param), None)


def _argument_span(c: Converter, call: ast.Call, argument: ast.expr) -> tuple[int, int, str]:
    """The text to delete for `argument` of `call` (its separator with it)."""
    from migrate.tf2_layers import _keyword_of

    items = sorted([*call.args, *call.keywords], key=c.offset)
    return (*_removal_span(c, items, items.index(_keyword_of(call, argument))), "")


def _parameter_span(c: Converter, method: ast.FunctionDef, position: int) -> tuple[int, int, str]:
    """The text to delete for the `position`-th positional parameter of `method`."""
    return (*_removal_span(c, method.args.args, position), "")


def _declared_none(c: Converter, klass: ast.ClassDef) -> list[tuple[int, int, str]]:
    """The lines of `self.X = None` in `__init__` before `self._build(...)` (the first call there
    of a method of the class) when that method's first statement reading or binding X binds it, and
    nothing between reads it: the value None was never read (the placeholders declared)."""
    init = next((m for m in klass.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), None)
    if init is None:
        return []
    methods = {m.name: m for m in klass.body if isinstance(m, ast.FunctionDef)}
    build = next((s for s in init.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                  and _self_attribute(s.value.func) and s.value.func.attr in methods), None)
    if build is None:
        return []
    method = methods[build.value.func.attr]
    edits = []
    for stmt in init.body:
        if stmt is build:
            break
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0])
                and isinstance(stmt.value, ast.Constant) and stmt.value.value is None):
            continue
        attr = stmt.targets[0].attr
        between = init.body[init.body.index(stmt) + 1: init.body.index(build)]
        if any(attr in _self_read(s) | _self_bound(s) for s in between):
            continue
        first = next((s for s in method.body if attr in _self_read(s) | _self_bound(s)), None)
        if first is None or not (isinstance(first, ast.Assign) and attr in _self_bound(first) and attr not in _self_read(first)):
            continue
        edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno], ""))
    return edits


def _initializer_run(c: Converter, klass: ast.ClassDef, name: str, session: str):
    """Edits making the program's `session.run(name.X)` of the class's initializer op (bound to
    `self.X`, or returned by the property X) the program's own initializer run; [] when the
    program runs none through the object; None for another use of it."""
    binds = [s for s in ast.walk(klass) if isinstance(s, ast.Assign) and len(s.targets) == 1
             and _self_attribute(s.targets[0]) and c.call_name(s.value) in INITIALIZERS]
    if not binds:
        return []
    if len(binds) > 1:
        return None
    attr = binds[0].targets[0].attr
    properties = [m for m in klass.body if isinstance(m, ast.FunctionDef) and len(m.body) == 1
                  and isinstance(m.body[0], ast.Return) and _self_attribute(m.body[0].value, attr)
                  and any(_dotted(d) == "property" for d in m.decorator_list)]
    names = {attr, *(p.name for p in properties)}
    reads = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr in names and isinstance(n.ctx, ast.Load)]
    outside = [n for n in reads if not any(n is p.body[0].value for p in properties)]
    edits = []
    for read in outside:
        if not (isinstance(read.value, ast.Name) and read.value.id == name):
            return None
        edits.append((c.offset(read), c.end_offset(read), f"{c.alias}.compat.v1.global_variables_initializer()"))
    runs = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "run"
            and isinstance(n.func.value, ast.Name) and n.func.value.id == session and len(n.args) == 1
            and any(n.args[0] is r for r in outside)]
    if len(runs) != len(outside):
        return None
    edits.append((c.starts[binds[0].lineno - 1], c.starts[binds[0].end_lineno], ""))
    for prop in properties:
        first = min([d.lineno for d in prop.decorator_list] + [prop.lineno])
        edits.append((c.starts[first - 1], c.starts[prop.end_lineno], ""))
    return edits


def _check_session_reads(c: Converter, classes: list[ast.ClassDef]) -> None:
    """Raises Fallback where code outside the classes reads the Session one of them keeps
    (`print(model.sess.run(model.w))`): the converted class has no Session to read."""
    attributes = {_session_attribute(k) for k in classes}
    spans = [(k.lineno, k.end_lineno) for k in classes]
    for node in ast.walk(c.tree):
        if isinstance(node, ast.Attribute) and node.attr in attributes \
                and not any(a <= node.lineno <= b for a, b in spans):
            raise c.fail(node, f"the Session a model class keeps (`self.{node.attr}`) read outside the class: "
                         "the converted class has none; read values through a method of the class")


def _check_seed_placement(c: Converter, seeds: list[ast.Call]) -> None:
    """A graph seed the op seeds can be counted from: set once, by a statement of the module body
    that no statement building anything precedes (only imports, definitions and assignments or
    calls of nothing the file defines), so that TF 1.x counted every random op the classes built."""
    why = ("a graph-level seed in a program of model classes keeping a Session, {}: the op seeds TF 1.x gave "
           "their random ops are counted from a seed set once at the top of the module")
    if len(seeds) > 1:
        raise c.fail(seeds[1], why.format("set more than once"))
    seed = seeds[0]
    top = next((s for s in c.tree.body if any(n is seed for n in ast.walk(s))), None)
    if not (isinstance(top, ast.Expr) and top.value is seed):
        raise c.fail(seed, why.format("set inside a block or a function"))
    own = set(c.local_classes) | {f.name for f in c.tree.body if isinstance(f, ast.FunctionDef)}
    for stmt in c.tree.body[:c.tree.body.index(top)]:
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
            continue
        called = {n.func.id for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        if not isinstance(stmt, (ast.Assign, ast.Expr)) or called & own or any(
                isinstance(n, ast.Call) and _is_random_op(c.call_name(n) or "") for n in ast.walk(stmt)):
            raise c.fail(seed, why.format(f"set after line {stmt.lineno}, which may build random ops"))


def _random_calls(c: Converter, node) -> list[ast.Call]:
    """The calls in `node` building a random op or a random initializer with no op seed."""
    out = []
    for call in ast.walk(node):
        name = c.call_name(call) if isinstance(call, ast.Call) else None
        if name is None or not (_is_random_op(name) or name in RANDOM_INITIALIZERS or name in FAN_INITIALIZERS):
            continue
        if name in RANDOM_SEED_ARG and c._has_seed(call, name):
            continue  # an op seed written: the Fallback of `session_classes`
        out.append(call)
    return out


def _check_random_ops(c: Converter, rewrites: list[_ClassRewrite]) -> None:
    """In a seeded program every random op with no op seed is one the converted classes' graph
    methods build, written with the seed `op_seed()` counts where TF 1.x built it; any other is a
    Fallback (its place in TF 1.x's count is not followed)."""
    inside = {id(n) for r in rewrites for s in r.body for n in ast.walk(s)}
    handled = set().union(*(r.handled for r in rewrites))
    for call in _random_calls(c, c.tree):
        if id(call) in handled:
            continue  # an initializer object whose draws the variables' values make (`_variable_text`)
        name = c.call_name(call)
        if id(call) not in inside:
            raise c.fail(call, "a random op with no op seed outside the graph methods of the model classes keeping "
                         "a Session, in a seeded program: the op seed TF 1.x counted for it is not followed there")
        if name not in RANDOM_SEED_ARG:
            raise c.fail(call, f"`{name.replace('tf.', c.alias + '.', 1)}` with no op seed in a seeded program of model "
                         "classes: how many op seeds it asks the graph for is not known here")


def _literal_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def _needs_fetched_values(text: str) -> bool:
    return "fetched_values(" in text


def _merged(c: Converter, replacements):
    """Replacements on whole lines; an insertion before line n is (n, n - 1, text): joined with
    the replacement starting at n (or made one of line n with its own text after it)."""
    inserts = [r for r in replacements if r[1] < r[0]]
    out = [r for r in replacements if r[1] >= r[0]]
    for line, _, new in inserts:
        for i, (first, last, text) in enumerate(out):
            if first == line:
                out[i] = (first, last, new + text)
                break
        else:
            out.append((line, line, new + c.lines[line - 1]))
    return out


def _session_attribute(klass: ast.ClassDef) -> str | None:
    """The attribute a class keeps its Session in: `self.<a>` bound to a parameter of a method
    (`set_session(self, session)`) or to a tf Session made in `__init__`, and run (`self.<a>.run`)."""
    runs = {n.func.value.attr for n in ast.walk(klass) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == "run" and _self_attribute(n.func.value)}
    for method in klass.body:
        if not isinstance(method, ast.FunctionDef):
            continue
        params = {a.arg for a in method.args.args[1:]}
        for stmt in ast.walk(method):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0]) \
                    and stmt.targets[0].attr in runs:
                value = stmt.value
                if isinstance(value, ast.Name) and value.id in params:
                    return stmt.targets[0].attr
                if isinstance(value, ast.Call) and (dotted := _dotted(value.func)) and dotted.endswith(
                        ("compat.v1.Session", "compat.v1.InteractiveSession")):
                    return stmt.targets[0].attr
    return None


def _dotted(node) -> str | None:
    from migrate.prescan import dotted_name

    return dotted_name(node)


def _self_attribute(node, attr: str | None = None) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" and (
        attr is None or node.attr == attr)


def _comprehension_locals(node) -> set[str]:
    """The names a comprehension in `node` binds (`oldp` of `[oldp.assign(p) for p, oldp in ...]`):
    local to it in Python 3, neither read nor bound by the statement."""
    return {t.id for n in ast.walk(node) if isinstance(n, ast.comprehension)
            for t in ast.walk(n.target) if isinstance(t, ast.Name)}


def _names_read(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} \
        - _comprehension_locals(node)


def _names_bound(stmt) -> set[str]:
    if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
        return {stmt.name}  # its own locals are not the method's
    out = set()
    for n in ast.walk(stmt):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            out.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            out.add(n.name)
    return out - _comprehension_locals(stmt)


def _self_read(node) -> set[str]:
    return {n.attr for n in ast.walk(node) if _self_attribute(n) and isinstance(n.ctx, ast.Load)}


def _self_bound(stmt) -> set[str]:
    out = set()
    for n in ast.walk(stmt):
        if _self_attribute(n) and isinstance(n.ctx, ast.Store):
            out.add(n.attr)
    return out


class _BranchTest(ast.Assign):
    """`branch_1 = <test>`: the test of an `if` of the graph method on Python values (a constant, a
    constructor argument, `self.x` set from one), evaluated once where the `if` was, as TF 1.x
    evaluated it once when it built the graph; the statements of its branches read it (`_Guarded`)."""

    def __init__(self, name: str, test: ast.expr, header_end: int, node: ast.If) -> None:
        super().__init__(targets=[ast.Name(name, ast.Store())], value=test, lineno=node.lineno,
                         col_offset=node.col_offset, end_lineno=header_end, end_col_offset=0)
        self.name, self.node = name, node


class _Guarded(ast.If):
    """One statement of a branch of such an `if`: `leaf` run when each (branch name, taken) of
    `guards` holds. Analysed as `if <guards>: leaf` (its reads are the branch names and the leaf's);
    written as the leaf under `if branch_1:` / `else:` headers, consecutive ones under one header."""

    def __init__(self, leaf: ast.stmt, guards: tuple) -> None:
        tests = [ast.Name(n, ast.Load()) if taken else ast.UnaryOp(ast.Not(), ast.Name(n, ast.Load()))
                 for n, taken in guards]
        test = tests[0] if len(tests) == 1 else ast.BoolOp(ast.And(), tests)
        super().__init__(test=test, body=[leaf], orelse=[], lineno=leaf.lineno, col_offset=leaf.col_offset,
                         end_lineno=leaf.end_lineno, end_col_offset=leaf.end_col_offset)
        self.leaf, self.guards = leaf, tuple(guards)


def _guard_headers(open_guards: tuple, guards: tuple, indent: str, unit: str) -> list[str]:
    """The `if` / `else` header lines opening `guards` after a statement under `open_guards` (the
    common prefix stays open; `else:` where the `if` of the same branch name was the last opened)."""
    common = 0
    while common < min(len(open_guards), len(guards)) and open_guards[common] == guards[common]:
        common += 1
    lines = []
    for depth in range(common, len(guards)):
        name, taken = guards[depth]
        pad = indent + unit * depth
        if taken:
            lines.append(f"{pad}if {name}:\n")
        elif depth == common and depth < len(open_guards) and open_guards[depth] == (name, True):
            lines.append(f"{pad}else:\n")
        else:
            lines.append(f"{pad}if not {name}:\n")
    return lines


class _Made:
    """A variable the graph method made (`kind` "variable": its TF 1.x `name`, exact or a known
    prefix, `trainable` True / False / None unknown, `ref` the text naming it), one it made in a way
    whose name is not known ("unknown"), or a training op's slot variables ("slots": the prefixes
    their names begin with)."""

    def __init__(self, kind: str, index: int, **fields) -> None:
        self.kind, self.index = kind, index
        self.node = fields.get("node")
        self.name, self.exact, self.trainable = fields.get("name", ""), fields.get("exact", False), fields.get("trainable")
        self.ref, self.bound_name, self.bound_attr = fields.get("ref"), fields.get("bound_name"), fields.get("bound_attr")
        self.prefixes, self.optimizer = fields.get("prefixes", []), fields.get("optimizer")


def _scope_matches(scope: str | None, name: str, exact: bool) -> bool | None:
    """Whether v1's `re.match(scope, v.name)` held for a variable named `name` (exact), or for every
    name beginning with `name` (not exact): True / False, None when the text does not decide it."""
    if scope is None:
        return True
    if exact:
        return re.match(scope, name) is not None
    if REGEX_CHARACTERS & set(scope):
        return None
    if name.startswith(scope):
        return True
    return None if scope.startswith(name) else False


def _name_test(test: ast.expr, variable: str, name: str | None) -> bool | None:
    """The value of a comprehension's test of `variable.name` for a variable so named (None: not decided)."""
    def is_name(node) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "name" and isinstance(node.value, ast.Name) \
            and node.value.id == variable

    def text(node) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    if isinstance(test, ast.BoolOp):
        values = [_name_test(v, variable, name) for v in test.values]
        if None in values:
            return None
        return all(values) if isinstance(test.op, ast.And) else any(values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        value = _name_test(test.operand, variable, name)
        return None if value is None else not value
    if name is None:
        return None
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.In, ast.NotIn)) and text(left) is not None and is_name(right):
            return (text(left) in name) == isinstance(op, ast.In)
        if isinstance(op, (ast.Eq, ast.NotEq)) and (is_name(left) and text(right) is not None
                                                   or is_name(right) and text(left) is not None):
            return (name == (text(right) if is_name(left) else text(left))) == isinstance(op, ast.Eq)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr in ("startswith", "endswith") \
            and is_name(test.func.value) and len(test.args) == 1 and not test.keywords and text(test.args[0]) is not None:
        return getattr(name, test.func.attr)(text(test.args[0]))
    return None


def _run_once(tree: ast.Module, node: ast.AST) -> bool:
    """`node` is in a statement of the module body (or its `if` / `with` / `try` blocks), not in a
    loop, a function, a class or a comprehension: it runs at most once."""
    def walk(body) -> bool:
        for stmt in body:
            if any(n is node for n in ast.walk(stmt)):
                if isinstance(stmt, (ast.If, ast.With, ast.Try)):
                    inner = [x for x in ast.iter_child_nodes(stmt) if isinstance(x, ast.stmt)]
                    heads = [x for x in ast.iter_child_nodes(stmt) if not isinstance(x, ast.stmt)]
                    if any(n is node for h in heads for n in ast.walk(h)):
                        return not any(isinstance(n, (ast.Lambda, ast.comprehension)) for h in heads for n in ast.walk(h))
                    return walk(inner + [h for x in getattr(stmt, "handlers", []) for h in x.body])
                if isinstance(stmt, (ast.For, ast.While, ast.AsyncFor, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    return False
                return not any(isinstance(n, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
                               and any(m is node for m in ast.walk(n)) for n in ast.walk(stmt))
        return False
    return walk(tree.body)


class _ClassRewrite:
    """One class: its `__init__` split into setup and graph, its runs rewritten."""

    def __init__(self, c: Converter, klass: ast.ClassDef, op_seed: str | None = None, table: str = "") -> None:
        self.c, self.klass = c, klass
        self.op_seed = op_seed  # the counter's name in a seeded program
        self.table = table  # the graph collections' name (`COLLECTIONS`)
        self.collected = False  # a get_variable of the class fills a collection
        self.handled: set[int] = set()  # id(initializer call) whose draws the variables' values make
        self.tail: list[ast.stmt] = []  # statements of `__init__` after `self._build_net()` building graph
        self.seed_spans: dict[int, list[tuple[int, int, str]]] = {}  # line -> (col, col, text) writing op seeds
        self.seed_locals: dict[int, str] = {}  # id(graph statement) -> the local holding its random op's seed
        self.moved: dict[int, int] = {}  # id(graph statement) -> how many written functions compute it
        self.step_statements: dict[str, tuple] = {}  # written function -> ({id: its statements}, {fed: its argument})
        self.update_ops_bindings: set[int] = set()  # id(`update_ops = get_collection(UPDATE_OPS)`) read by a block opened
        self.session = _session_attribute(klass)
        self.optimizer_names: dict[int, str] = {}  # id(v1 optimizer call) -> the Keras optimizer's local name
        self.written: dict[str, str] = {}  # a function written from the graph -> `Class.method` it came from
        self.constructor = next((f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
        if self.constructor is None:
            raise c.fail(klass, f"the model class `{klass.name}` runs a Session it keeps but builds no graph in `__init__`")
        # `def __init__(self, sess, ...): self.sess = sess`: (index among the parameters after self, statement)
        self.session_param: tuple[int, ast.Assign | ast.If] | None = None
        for index, arg in enumerate(self.constructor.args.args[1:]):
            for stmt in self.constructor.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0], self.session) \
                        and isinstance(stmt.value, ast.Name) and stmt.value.id == arg.arg or self._optional_session(stmt, arg.arg):
                    self.session_param = (index, stmt)
        self.init = self.constructor  # the method building the graph: __init__ or one it calls (`self.build(D, M)`)
        self.build_call: ast.stmt | None = None
        if not any(self._placeholder_statement(s) for s in ast.walk(self.constructor)):
            methods = {f.name: f for f in klass.body if isinstance(f, ast.FunctionDef)}
            for stmt in self.constructor.body:
                if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and _self_attribute(stmt.value.func) \
                        and stmt.value.func.attr in methods and any(
                        self._placeholder_statement(s) for s in ast.walk(methods[stmt.value.func.attr])):
                    called = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == stmt.value.func.attr]
                    if len(called) == 1:  # built once, when the object is made
                        self.init, self.build_call = methods[stmt.value.func.attr], stmt
                    break
            else:
                # built by a method the program calls (`hmm.init_random(V)` -> `self.build(...)`): each call
                # makes the variables and the graph again, as each call added them to TF 1.x's graph
                builders = [f for f in methods.values() if f is not self.constructor
                            and any(self._placeholder_statement(s) for s in ast.walk(f))]
                if len(builders) == 1:
                    self.init = builders[0]

    def _flat(self, body: list[ast.stmt], paths: tuple = ((), ())) -> list[ast.stmt]:
        """The statements of the graph method with its plain scope blocks (`with tf.variable_scope(name):`,
        `tf.name_scope(name)`: no reuse, initializer or `as`) opened: in TF 2 they would only name ops
        and variables, which nothing of the converted class reads (a Saver keeps it compat)."""
        self.scope_headers = getattr(self, "scope_headers", set())
        self.scope_of = getattr(self, "scope_of", {})  # id(statement) -> (variable scope path, name scope path)
        var_path, name_path = paths
        out = []
        for stmt in body:
            if isinstance(stmt, ast.With) and all(
                    item.optional_vars is None and isinstance(item.context_expr, ast.Call)
                    and self.c.call_name(item.context_expr) in SCOPES and len(item.context_expr.args) == 1
                    and not item.context_expr.keywords for item in stmt.items):
                self.scope_headers |= set(range(stmt.lineno, stmt.body[0].lineno))
                out += self._flat(stmt.body, _scope_paths(self.c, self.klass, stmt, var_path, name_path))
            elif is_update_ops_block(self.c, stmt):
                self._update_ops_block(stmt)
                self.scope_headers |= set(range(stmt.lineno, stmt.body[0].lineno))
                out += self._flat(stmt.body, paths)
            else:
                self.scope_of[id(stmt)] = (var_path, name_path)
                out.append(stmt)
        return out

    def _update_ops_block(self, stmt: ast.With) -> None:
        """`with tf.control_dependencies(tf.compat.v1.get_collection(UPDATE_OPS)):` around the training ops
        (hwalsuklee's GAN classes, jiamings' WassersteinGAN; also `update_ops = get_collection(...)` above it,
        read there only: that statement goes, `update_ops_bindings`). Opened as a scope block when nothing
        in the file puts ops in the collection (`tf2_batchnorm.collection_producer`): v1 read an empty list
        there, and the train ops depended on nothing. Its statements are training ops `self.name =
        optimizer.minimize(loss)` and the optimizers they use (`optimizer = tf.compat.v1.train.AdamOptimizer(...)`);
        anything else is a Fallback."""
        c = self.c
        producer = collection_producer(c)
        if producer is not None:
            raise self.fail(stmt, f"`with control_dependencies(UPDATE_OPS)` where `{c.source(producer)[:60]}` (line "
                            f"{producer.lineno}) puts update ops in that collection, which TF 1.x ran with the train ops: "
                            "converted when nothing adds to it (no batch normalization, or slim's batch_norm with "
                            "updates_collections=None, updating in place)")
        for inner in stmt.body:
            if not (isinstance(inner, ast.Assign) and len(inner.targets) == 1 and isinstance(inner.value, ast.Call) and (
                    _self_attribute(inner.targets[0]) and isinstance(inner.value.func, ast.Attribute)
                    and inner.value.func.attr == "minimize" or isinstance(inner.targets[0], ast.Name)
                    and (c.call_name(inner.value) or "").startswith(V1_OPTIMIZER))):
                raise self.fail(inner, "a statement under control_dependencies(UPDATE_OPS) other than a training op "
                                "`self.name = optimizer.minimize(loss)` or the optimizer it uses")
        if stmt.body[0].lineno == stmt.lineno:
            raise self.fail(stmt, "a `with control_dependencies(UPDATE_OPS):` whose body shares its line")
        given = stmt.items[0].context_expr.args[0]
        if isinstance(given, ast.Name):
            self.update_ops_bindings.add(id(_collection_binding(c, stmt, given.id)))

    def _graph_shown(self, stmt) -> str | None:
        """`if output_graph: tf.summary.FileWriter("logs/", self.sess.graph)` (Morvan's agents), or the
        FileWriter statement alone: its text with the FileWriter as the engine writes one,
        `tf.summary.create_file_writer(logdir)` (TF 2 code has no graph to show, as the engine's
        FileWriter drops its graph argument); None for anything else."""
        c = self.c
        if isinstance(stmt, _Guarded):
            return None  # a statement of an `if` the conversion splits (a FileWriter there reads the Session: Fallback)
        inner = stmt.body[0] if isinstance(stmt, ast.If) and len(stmt.body) == 1 and not stmt.orelse else stmt
        if not (isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call)
                and c.call_name(inner.value) == "tf.compat.v1.summary.FileWriter"):
            return None
        call = inner.value
        graph = call.args[1] if len(call.args) == 2 and not call.keywords else next(
            (k.value for k in call.keywords if k.arg == "graph"), None) if len(call.args) == 1 and len(call.keywords) == 1 else None
        if graph is None or not (isinstance(graph, ast.Attribute) and graph.attr == "graph"
                                 and _self_attribute(graph.value, self.session)) or (
                isinstance(stmt, ast.If) and _self_read(stmt.test) & {self.session}):
            return None
        first = stmt.lineno
        text = "".join(c.lines[first - 1:stmt.end_lineno])
        base = c.starts[first - 1]
        return text[:c.offset(call) - base] + f"{c.tf('tf.summary.create_file_writer')}({c.source(call.args[0])})" + \
            text[c.end_offset(call) - base:]

    def _constructor_session(self) -> None:
        """The graph built by a method `__init__` calls (`self._build_net()`) and the Session made,
        shown and initialized in `__init__` after it (Morvan's DQN): those statements go
        (`self.constructor_edits`), the FileWriter showing the graph as `_graph_shown` writes it."""
        c = self.c
        self.constructor_edits: list[tuple[ast.stmt, str]] = []
        if self.init is self.constructor:
            return
        for stmt in self.constructor.body:
            shown = self._graph_shown(stmt)
            if shown is not None:
                self.constructor_edits.append((stmt, shown))
            elif self.session_param is not None and stmt is self.session_param[1] and isinstance(stmt, ast.If):
                self.constructor_edits.append((stmt, ""))  # `if sess is None: ... else: self.sess = sess` (`_optional_session`)
            elif isinstance(stmt, ast.Assign) and c.call_name(stmt.value) in (SESSION, INTERACTIVE) and len(stmt.targets) == 1 \
                    and _self_attribute(stmt.targets[0], self.session) and not stmt.value.args and not stmt.value.keywords \
                    or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                    and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "run" \
                    and _self_attribute(stmt.value.func.value, self.session) and len(stmt.value.args) == 1 \
                    and not stmt.value.keywords and c.call_name(stmt.value.args[0]) in INITIALIZERS:
                self.constructor_edits.append((stmt, ""))  # the Session made, its initializer run

    def _opened_session(self) -> None:
        """The Session made and its initializer run by statements of a method the program calls once,
        other than the graph method (`self.session = tf.compat.v1.Session()` then
        `self.session.run(tf.compat.v1.initialize_all_variables())` in `run(self)`, CreatCodeBuild's
        `Network` as tf2_owngraph writes it; or the Session made in `__init__` after the graph method
        and initialized there): those statements go (`self.opened`). TF 1.x's variables started at
        their initial values at that run, the only initializer run of the class, before which no run
        of the Session succeeded (uninitialized variables, or no Session yet): in TF 2 they start there
        when made. An initializer run elsewhere too (initializing again: v1 drew the initial values
        anew) or in a method called more than once keeps the run, whose reason the engine gives."""
        from migrate.tf2_owngraph import _called_once, _made_once

        c = self.c
        self.opened: list[ast.stmt] = []
        if self.session is None:
            return
        made_initializers = {t.id if isinstance(t, ast.Name) else t.attr for s in ast.walk(self.klass)
                             if isinstance(s, ast.Assign) and c.call_name(s.value) in INITIALIZERS
                             for t in s.targets if isinstance(t, ast.Name) or _self_attribute(t)}
        initializer_runs = [n for n in ast.walk(self.klass) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                            and n.func.attr == "run" and _self_attribute(n.func.value, self.session) and len(n.args) == 1
                            and (c.call_name(n.args[0]) in INITIALIZERS or isinstance(n.args[0], ast.Name)
                                 and n.args[0].id in made_initializers or _self_attribute(n.args[0])
                                 and n.args[0].attr in made_initializers)]
        for method in self.klass.body:
            if not isinstance(method, ast.FunctionDef) or method is self.init or method is self.constructor:
                continue
            bound = {}  # `init = tf.compat.v1.global_variables_initializer()` of the method's own body
            for stmt in method.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                        and c.call_name(stmt.value) in INITIALIZERS:
                    bound[stmt.targets[0].id] = stmt
            reads = sorted((n for n in ast.walk(method) if _self_attribute(n, self.session)), key=lambda n: (n.lineno, n.col_offset))
            made = next((s for s in method.body if isinstance(s, ast.Assign) and len(s.targets) == 1 and s.targets[0] is reads[0]
                         and c.call_name(s.value) in (SESSION, INTERACTIVE) and not s.value.args and not s.value.keywords),
                        None) if reads else None
            first_run = reads[1 if made is not None else 0] if len(reads) > (made is not None) else None
            run = next((s for s in method.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                        and isinstance(s.value.func, ast.Attribute) and s.value.func.value is first_run
                        and s.value.func.attr == "run" and len(s.value.args) == 1 and not s.value.keywords), None) \
                if first_run is not None and isinstance(first_run.ctx, ast.Load) else None
            argument = run.value.args[0] if run is not None else None
            named = bound.get(argument.id) if isinstance(argument, ast.Name) else None
            if run is None or not (c.call_name(argument) in INITIALIZERS or named is not None and sum(
                    isinstance(n, ast.Name) and n.id == argument.id for n in ast.walk(method)) == 2):
                continue
            if len(initializer_runs) != 1 or not _made_once(c, self.klass) or not _called_once(c, self.klass, method):
                raise self.fail(run, f"the initializer run in `{method.name}`, where the class's variables may be "
                                "initialized again (another initializer run, or the method called other than once in "
                                "the file): TF 2's variables start at their initial values once, when made")
            sessions = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == self.session
                        and isinstance(n.ctx, ast.Store)]
            if made is not None and len(sessions) != 1:
                raise self.fail(made, f"`self.{self.session}` made in `{method.name}` and elsewhere")
            self.opened += [s for s in (made, named, run) if s is not None]

    def _optional_session(self, stmt, param: str) -> bool:
        """`if sess is None: self.sess = tf.Session(); self.sess.run(<initializer>) else: self.sess = sess`
        (MorvanZhou's Double / Dueling DQN, `sess=None` in `__init__`'s parameters): the class's own
        Session, its variables initialized, or the program's, whose initializer the program runs. In
        TF 2 neither is there and every variable starts at its initial value: the `if` goes, with the
        parameter, as `self.sess = sess` does."""
        c = self.c
        if not (isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Compare) and len(stmt.test.ops) == 1
                and isinstance(stmt.test.ops[0], ast.Is) and isinstance(stmt.test.left, ast.Name) and stmt.test.left.id == param
                and isinstance(stmt.test.comparators[0], ast.Constant) and stmt.test.comparators[0].value is None
                and len(stmt.orelse) == 1 and len(stmt.body) in (1, 2)):
            return False
        made, handed = stmt.body[0], stmt.orelse[0]
        if not (isinstance(made, ast.Assign) and len(made.targets) == 1 and _self_attribute(made.targets[0], self.session)
                and c.call_name(made.value) in (SESSION, INTERACTIVE) and not made.value.args and not made.value.keywords
                and isinstance(handed, ast.Assign) and len(handed.targets) == 1 and _self_attribute(handed.targets[0], self.session)
                and isinstance(handed.value, ast.Name) and handed.value.id == param):
            return False
        run = stmt.body[-1].value if len(stmt.body) == 2 and isinstance(stmt.body[-1], ast.Expr) else None
        return len(stmt.body) == 1 or isinstance(run, ast.Call) and isinstance(run.func, ast.Attribute) \
            and run.func.attr == "run" and _self_attribute(run.func.value, self.session) and len(run.args) == 1 \
            and not run.keywords and c.call_name(run.args[0]) in INITIALIZERS

    def _placeholder_statement(self, stmt) -> bool:
        return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0]) \
            and self.c.call_name(stmt.value) == PLACEHOLDER

    def fail(self, node, why: str) -> Fallback:
        return self.c.fail(node, f"{why} (model class `{self.klass.name}`, keeping its Session in `self.{self.session}`)")

    # -- __init__: setup and graph ---------------------------------------------------
    def _split(self) -> None:
        c = self.c
        self.placeholders: dict[str, ast.Call] = {}  # attribute -> placeholder call
        self.guarded_placeholders: dict[str, tuple] = {}  # attribute -> the guards of the `if` branch making it
        self.graph: list[ast.stmt] = []
        self.setup: list[ast.stmt] = []
        self.dropped: list[ast.stmt] = []
        self.trains: dict[str, tuple[ast.Call, ast.expr, ast.expr | None]] = {}  # attr -> (minimize, optimizer, var_list)
        tainted_names: set[str] = set()
        tainted_attrs: set[str] = set()
        self.graph_attrs: dict[str, ast.stmt] = {}  # attribute bound by a graph statement -> it
        self.shown: list[ast.stmt] = []  # `if output_graph: FileWriter(logdir, self.sess.graph)` (`_graph_shown`)
        self._constructor_session()
        self._opened_session()
        self.tail = self._constructor_tail()
        self.inlined: list[tuple[ast.stmt, ast.FunctionDef]] = []  # (its call, the method) of each method inlined
        self.body = self._flat(self._inline(self.init.body)) + self._flat(self.tail)
        initial = frozenset(self._initial_values(self.body))
        self.branch_names: list[str] = []
        index = 0
        while index < len(self.body):
            stmt = self.body[index]
            index += 1
            if isinstance(stmt, ast.If) and not isinstance(stmt, _Guarded) and self._graph_shown(stmt) is None and (
                    _names_read(stmt) & tainted_names or _self_read(stmt) & tainted_attrs or self._computes(stmt, initial)
                    or any(self._placeholder_statement(s) for s in stmt.body + stmt.orelse)):
                # an `if` on Python values choosing what the graph builds: its test bound once, its branches'
                # statements each under it (`_BranchTest`, `_Guarded`), split into setup and graph as the rest
                if any(stmt is x for t in self.tail for x in ast.walk(t)):
                    raise self.fail(stmt, f"an `if` building graph in `__init__` after `self.{self.build_call.value.func.attr}()`")
                self.body[index - 1:index] = self._expand_if(stmt, (), tainted_names, tainted_attrs)
                index -= 1
                continue
            leaf = stmt.leaf if isinstance(stmt, _Guarded) else stmt
            if isinstance(stmt, _Guarded) and self.session in _self_read(leaf) | _self_bound(leaf):
                raise self.fail(leaf, f"`self.{self.session}` made or used in an `if` of the graph part of `__init__`")
            if isinstance(leaf, ast.If) and not isinstance(leaf, _BranchTest) and isinstance(stmt, _Guarded) and (
                    self._python_test(leaf.test, tainted_names, tainted_attrs) is None):
                self.body[index - 1:index] = self._expand_if(leaf, stmt.guards, tainted_names, tainted_attrs)
                index -= 1
                continue
            if self._placeholder_statement(leaf) and (leaf is stmt or isinstance(stmt, _Guarded)):
                self.placeholders[leaf.targets[0].attr] = leaf.value
                if leaf is not stmt:  # made under an `if` on Python values (Morvan's `if self.prioritized:`)
                    self.guarded_placeholders[leaf.targets[0].attr] = stmt.guards
                tainted_attrs.add(leaf.targets[0].attr)
                self.dropped.append(stmt)
                continue
            if isinstance(stmt, ast.Assign) and c.call_name(stmt.value) in (SESSION, INTERACTIVE) and len(stmt.targets) == 1 \
                    and _self_attribute(stmt.targets[0], self.session) and not stmt.value.args and not stmt.value.keywords:
                self.dropped.append(stmt)  # the class's own Session
                continue
            if id(stmt) in self.update_ops_bindings:
                self.dropped.append(stmt)  # `update_ops = get_collection(UPDATE_OPS)`, read by the block opened
                continue
            if self.session_param is not None and stmt is self.session_param[1]:
                self.dropped.append(stmt)  # the Session handed to the constructor
                continue
            if self._init_run(stmt) or isinstance(stmt, ast.Assign) and c.call_name(stmt.value) in INITIALIZERS:
                self.dropped.append(stmt)  # the initializer and its run: variables start at their values in TF 2
                continue
            if self._graph_shown(stmt) is not None:
                self.shown.append(stmt)  # kept where it was, the FileWriter as TF 2's
                self.setup.append(stmt)
                continue
            reads = _names_read(stmt) & tainted_names or _self_read(stmt) & tainted_attrs or self._computes(stmt, initial)
            if not reads:
                if any(isinstance(n, ast.Call) and c.call_name(n) == PLACEHOLDER for n in ast.walk(stmt)):
                    raise self.fail(stmt, "a placeholder made otherwise than `self.name = tf.compat.v1.placeholder(...)` "
                                    "in `__init__`")
                self.setup.append(stmt)
                continue
            if isinstance(stmt, _Guarded):
                if any(isinstance(n, ast.Attribute) and n.attr == "minimize" for n in ast.walk(leaf)):
                    raise self.fail(leaf, "a training op built in an `if` of the graph part of `__init__`")
                if not isinstance(leaf, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For)):
                    raise self.fail(leaf, "a statement of an `if` of the graph part of `__init__` other than an "
                                    "assignment, a `for` loop or an `if` on Python values")
            minimize = self._minimize(stmt)
            if minimize is not None:
                self.trains[stmt.targets[0].attr] = minimize
                self.graph_attrs[stmt.targets[0].attr] = stmt
                continue
            if isinstance(stmt, ast.FunctionDef) and stmt.decorator_list:
                raise self.fail(stmt, "a decorated function defined in the graph part of `__init__`")
            if isinstance(stmt, ast.With):
                raise self.fail(stmt, "a `with` block around the graph (opened are plain `variable_scope(name)` and "
                                "`name_scope(name)` blocks: no reuse, initializer or `as`)")
            if isinstance(leaf, ast.Expr) and isinstance(leaf.value, ast.Call) and (
                    c.call_name(leaf.value) or "").startswith("tf.compat.v1.summary."):
                raise self.fail(leaf, "a v1 summary op made in the graph part of `__init__` (the model class conversion "
                                "writes no summaries: converted for a program's graph, tf2_graph)")
            if not isinstance(leaf, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.FunctionDef)):
                raise self.fail(stmt, "a statement of the graph part of `__init__` other than an assignment, a `for` "
                                "loop or a function definition")
            if isinstance(leaf, ast.For) and any(not isinstance(s, (ast.Assign, ast.AugAssign)) for s in leaf.body + leaf.orelse):
                raise self.fail(leaf, "a `for` loop of the graph part of `__init__` with statements other than assignments")
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call):
                    self._graph_call(node)
            self.graph.append(stmt)
            tainted_names |= _names_bound(stmt)
            for attr in _self_bound(stmt):
                tainted_attrs.add(attr)
                self.graph_attrs[attr] = stmt
        if not self.placeholders:
            raise self.fail(self.init, "no `self.name = tf.compat.v1.placeholder(...)` in `__init__`: the graph "
                            "the Session runs is not built there")
        if getattr(self, "tail_failure", None) is not None:
            raise self.tail_failure
        self._rename_generations()
        self._variables()
        for node, new in self.renamed.values():  # the names outside what `_variables` rewrote
            spans = self.seed_spans.get(node.lineno, [])
            if not any(a <= node.col_offset < b or a < node.end_col_offset <= b for a, b, _ in spans):
                self.seed_spans.setdefault(node.lineno, []).append((node.col_offset, node.end_col_offset, new))
        if self.op_seed is not None:
            self._seed_random_ops()
        self._assign_methods()
        # a name the graph part reads before binding it must not be one it binds (the functions would
        # read an unbound local): `Z = self.X` before `for layer in self.layers: Z = layer.forward(Z)`
        graph_bound = set().union(*(_names_bound(s) for s in self.graph)) if self.graph else set()
        bound: set[str] = set()
        for stmt in self.graph:
            leaf = stmt.leaf if isinstance(stmt, _Guarded) else stmt
            if isinstance(leaf, ast.For):
                free = _names_read(leaf.iter) | (set().union(*(_names_read(s) for s in leaf.body)) - _names_bound(leaf.target))
            elif isinstance(leaf, ast.FunctionDef):  # what it reads of the method when called
                inner = {n.id for n in ast.walk(leaf) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                free = _names_read(leaf) - inner - {a.arg for a in ast.walk(leaf.args) if isinstance(a, ast.arg)}
            else:
                free = _names_read(leaf.value) if leaf.value is not None else set()
                if isinstance(leaf, ast.AugAssign):
                    free |= _names_read(ast.Name(leaf.target.id, ast.Load())) if isinstance(leaf.target, ast.Name) else set()
            clash = (free - bound) & graph_bound
            if clash:
                raise self.fail(stmt, f"`{min(clash)}` is read by the graph part of `__init__` before it binds it")
            bound |= _names_bound(stmt)

    def _build_method(self, stmt) -> ast.FunctionDef | None:
        """The method of the class `stmt` calls as `self.name()` (an expression statement, no
        arguments) when it builds graph (a placeholder, a tensor computed); else None."""
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and _self_attribute(stmt.value.func)
                and not stmt.value.args and not stmt.value.keywords):
            return None
        method = next((f for f in self.klass.body if isinstance(f, ast.FunctionDef) and f.name == stmt.value.func.attr), None)
        if method is None or method is self.constructor or method is self.init:
            return None
        if not any(self._placeholder_statement(s) or self._computes(s) for s in ast.walk(method) if isinstance(s, ast.stmt)
                   and s is not method):
            return None
        return method

    def _inline(self, body: list[ast.stmt]) -> list[ast.stmt]:
        """`self._create_network()` in the graph method, calling a method of the class that builds
        graph (examples/VAE's `_create_network`, `_create_loss_optimizer`): the method's statements
        in its place, the same code run in the same order, as if written there (`self.inlined`); the
        method goes. It takes no argument but self, returns nothing, is called once in the file, and
        shares no name with the graph method or the other methods inlined (its locals would be the
        graph method's); anything else is a Fallback."""
        c = self.c
        out: list[ast.stmt] = []
        for stmt in body:
            method = self._build_method(stmt)
            if method is None:
                out.append(stmt)
                continue
            name = method.name
            args = method.args
            if args.posonlyargs or len(args.args) != 1 or args.vararg or args.kwarg or args.kwonlyargs or method.decorator_list:
                raise self.fail(stmt, f"`self.{name}()` building graph in `{self.init.name}`: `{name}` takes arguments "
                                "other than self or is decorated (inlined: a method of self alone)")
            if any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)) for n in ast.walk(method)):
                raise self.fail(stmt, f"`self.{name}()` building graph in `{self.init.name}`: `{name}` returns, yields or "
                                "declares global names (inlined: a method of plain statements)")
            if len([n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == name]) != 1:
                raise self.fail(stmt, f"`self.{name}()` building graph in `{self.init.name}`: `{name}` is called or read "
                                "elsewhere too (inlined: a method called once)")
            if self.session in _self_read(method) | _self_bound(method):
                raise self.fail(stmt, f"`self.{name}()` building graph in `{self.init.name}`: `{name}` uses the Session")
            # a local of one read or bound by the other (a global both read is the same name in both)
            def names(f, bound_only):
                return {n.id for n in ast.walk(f) if isinstance(n, ast.Name) and (
                    not bound_only or not isinstance(n.ctx, ast.Load))} | {a.arg for a in ast.walk(f.args) if isinstance(a, ast.arg)}
            others = [self.init, *(m for _, m in self.inlined)]
            shared = set().union(*((names(method, True) & names(f, False)) | (names(method, False) & names(f, True))
                                   for f in others)) - {"self"}
            if shared:
                raise self.fail(stmt, f"`self.{name}()` building graph in `{self.init.name}`: `{min(shared)}` is a name of "
                                f"both (inlined, `{name}`'s names would be `{self.init.name}`'s)")
            statements = method.body[1:] if isinstance(method.body[0], ast.Expr) and isinstance(
                method.body[0].value, ast.Constant) and isinstance(method.body[0].value.value, str) else method.body
            if not statements:
                out.append(stmt)
                continue
            self.inlined.append((stmt, method))
            out += self._inline(statements)
        return out

    def _python_test(self, test: ast.expr, tainted_names: set[str], tainted_attrs: set[str]) -> str | None:
        """None when `test` reads no value of the graph (a placeholder, a tensor bound by the graph part,
        a TensorFlow call): a Python value TF 1.x read once, building one branch; else why not."""
        read = sorted(_names_read(test) & tainted_names) + [f"self.{a}" for a in sorted(_self_read(test) & tainted_attrs)]
        if read:
            return f"`{read[0]}`, a tensor of the graph"
        if self._computes(ast.Expr(test)) or any(isinstance(n, ast.Call) and (self.c.call_name(n) or "").startswith("tf.")
                                                 for n in ast.walk(test)):
            return "a TensorFlow value"
        return None

    def _expand_if(self, node: ast.If, guards: tuple, tainted_names: set[str], tainted_attrs: set[str]) -> list[ast.stmt]:
        """`if test: A else: B` of the graph method as `branch_k = test` (`_BranchTest`, where the `if`
        was) and A's and B's statements under (branch_k, True) and (branch_k, False) (`_Guarded`);
        an `elif` and an `if` nested in a branch likewise, their test bound under the branch's guards
        (evaluated only where TF 1.x evaluated it). The header lines go with the `if`."""
        c = self.c
        why = self._python_test(node.test, tainted_names, tainted_attrs)
        if why is not None:
            raise self.fail(node, f"an `if` of the graph part of `__init__` whose test reads {why} (converted: a test "
                            "of Python values, which TF 1.x read once to build one branch)")
        if node.body[0].lineno <= node.test.end_lineno or node.orelse and not isinstance(node.orelse[0], ast.If) and any(
                c.lines[s.lineno - 1].lstrip().startswith("else") for s in node.orelse):
            raise self.fail(node, "an `if` of the graph part of `__init__` with a branch written on its header's line")
        taken = set(c.used_names) | {n.id for n in ast.walk(self.init) if isinstance(n, ast.Name)} | set(self.branch_names) | {
            n.id for _, m in self.inlined for n in ast.walk(m) if isinstance(n, ast.Name)}
        name = next(f"branch_{k}" for k in range(1, 10 ** 4) if f"branch_{k}" not in taken)
        self.branch_names.append(name)
        test = _BranchTest(name, node.test, node.test.end_lineno, node)
        out: list[ast.stmt] = [_Guarded(test, guards) if guards else test]
        self.scope_headers = getattr(self, "scope_headers", set()) | set(range(node.lineno, node.test.end_lineno + 1))
        for stmt in self._flat(node.body):
            out.append(_Guarded(stmt, guards + ((name, True),)))
        if node.orelse:
            elif_ = len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) and \
                c.lines[node.orelse[0].lineno - 1].lstrip().startswith("elif")
            if not elif_:
                for n in range(node.body[-1].end_lineno + 1, node.orelse[0].lineno):
                    if c.lines[n - 1].lstrip().startswith("else"):
                        self.scope_headers.add(n)
            for stmt in self._flat(node.orelse):
                out.append(_Guarded(stmt, guards + ((name, False),)))
        return out

    def _guarded_text(self, stmts: list[ast.stmt], rename: dict[str, str], indent: str, unit: str,
                      open_guards: tuple = ()) -> tuple[list[str], tuple]:
        """The lines of `stmts` (plain or `_Guarded`) at `indent`, consecutive guarded ones under
        shared headers; returns them and the guards left open after the last."""
        lines: list[str] = []
        for stmt in stmts:
            guards = stmt.guards if isinstance(stmt, _Guarded) else ()
            lines += _guard_headers(open_guards, guards, indent, unit)
            leaf = stmt.leaf if isinstance(stmt, _Guarded) else stmt
            pad = indent + unit * len(guards)
            if isinstance(leaf, _BranchTest):
                lines.append(f"{pad}{leaf.name} = {self.c.source(leaf.value)}\n")
            else:
                lines += self._moved(leaf, rename, pad)
            open_guards = guards
        return lines, open_guards

    def _constructor_tail(self) -> list[ast.stmt]:
        """The statements of `__init__` right after `self._build_net()` that build graph (Morvan's
        `t_params = tf.get_collection('target_net_params')` ... `self.replace_target_op = [tf.assign(t, e)
        ...]`): TF 1.x built them just after the method, so they join its body, at its end."""
        c = self.c
        if self.build_call is None:
            return []
        after = self.constructor.body[self.constructor.body.index(self.build_call) + 1:]
        tail = []
        edited = [e[0] for e in self.constructor_edits]
        for stmt in after:
            if stmt in edited or self.session in _self_read(stmt) | _self_bound(stmt):  # the Session made, shown, run
                break
            flat = self._flat([stmt]) if isinstance(stmt, ast.With) else [stmt]
            if any(isinstance(s, ast.With) for s in flat) or not all(
                    self._computes(s) or any(isinstance(n, ast.Call) and c.call_name(n) in COLLECTION_CALLS
                                             for n in ast.walk(s)) for s in flat):
                break
            tail.append(stmt)
        if not tail:
            return []
        bound = set().union(*(_names_bound(s) for s in tail))
        rest = [s for s in self.constructor.body if s not in tail]
        params = {a.arg for a in ast.walk(self.constructor.args) if isinstance(a, ast.arg)} - {"self"}
        local = set().union(*(_names_bound(s) for s in rest)) | params
        # what keeps the tail where it is: named once the graph method itself converts (`_split`'s end),
        # its own obstacles coming first in the file
        for stmt in tail:
            outside = (_names_read(stmt) - bound) & local
            if outside:
                self.tail_failure = self.fail(stmt, f"`{min(outside)}`, a name of `__init__`, read by graph `__init__` "
                                              f"builds after `self.{self.build_call.value.func.attr}()` (moved into that "
                                              "method)")
                return []
        read_later = set().union(*(_names_read(s) for s in rest)) & bound
        if read_later:
            self.tail_failure = self.fail(tail[0], f"`{min(read_later)}`, bound by the graph `__init__` builds after the "
                                          "graph method, read elsewhere in `__init__`")
            return []
        return tail

    def _variables(self) -> None:
        """get_variable calls of the setup as the tf.Variable they made (`_variable_text`), a
        collection of them as `list(graph_collections[key])`, the graph keys of a `collections=`
        list as their values and the initializer objects as TF 2's."""
        c = self.c
        for stmt in self.setup:
            for call in ast.walk(stmt):
                name = c.call_name(call) if isinstance(call, ast.Call) else None
                if name == GET_VARIABLE:
                    self._span(call, self._variable_text(stmt, call))
                elif name in COLLECTION_CALLS and self._graph_key(call) is not None:
                    self._span(call, self._collection_text(stmt, call))
                elif name == GET_COLLECTION:
                    key = call.args[0] if len(call.args) == 1 and not call.keywords else None
                    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)
                            and key.value not in GRAPH_KEYS.values()):
                        raise self.fail(call, "get_collection of other than one named collection get_variable's "
                                        "`collections=` fills (a graph key, a scope)")
                    self._span(call, f"list({self.table}.get({c.source(key)}, []))")
        for stmt in self.graph:  # a read in a tensor statement (`tf.add_n([... for v in tf.trainable_variables(s)])`)
            for call in ast.walk(stmt.leaf if isinstance(stmt, _Guarded) else stmt):
                if isinstance(call, ast.Call) and c.call_name(call) in COLLECTION_CALLS and self._graph_key(call):
                    self._span(call, self._collection_text(stmt, call))
        for stmt in self.setup:  # `d_vars = [v for v in t_vars if 'd_' in v.name]`: the variables it keeps
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.ListComp):
                kept = self._name_filter(stmt, stmt.value)
                if kept is not None:
                    self._span(stmt.value, f"[{', '.join(e.ref for e in kept)}]")
        # an initializer written inside the get_variable call goes with the call's text
        written_in = {id(n) for s in self.setup for call in ast.walk(s) if isinstance(call, ast.Call)
                      and c.call_name(call) == GET_VARIABLE for n in ast.walk(call) if n is not call}
        for stmt in self.setup:  # after the variables: the initializers they drew with are known
            for call in ast.walk(stmt):
                name = c.call_name(call) if isinstance(call, ast.Call) else None
                if name in CLASS_INITIALIZERS and id(call) in self.handled and id(call) not in written_in:
                    # TF 2's initializer, its arguments by keyword (read as TF 2 code by the compat pass, which
                    # warns on positional ones): made, as the v1 object was, and unused (the values are written)
                    names = RANDOM_INITIALIZERS[name][1] if name in RANDOM_INITIALIZERS else ("value",)
                    given = {**dict(zip(names, call.args)), **{k.arg: k.value for k in call.keywords}}
                    self._span(call, f"{c.tf(CLASS_INITIALIZERS[name])}({', '.join(f'{k}={c.source(v)}' for k, v in given.items())})")
            for node in ast.walk(stmt):
                dotted = _dotted(node) if isinstance(node, ast.Attribute) else None
                if dotted and dotted.startswith("tf.compat.v1.GraphKeys.") and dotted.split(".")[-1] in GRAPH_KEYS:
                    self._span(node, repr(GRAPH_KEYS[dotted.split(".")[-1]]))

    # -- the graph's variable collections read by scope or by name -------------------
    def _graph_key(self, call: ast.Call) -> str | None:
        """"variables" / "trainable_variables" for a read of the graph's variables
        (`get_collection(GraphKeys.GLOBAL_VARIABLES, scope=)`, `tf.trainable_variables(scope=)`), None
        for get_collection of a named collection with no scope (get_variable's `collections=`)."""
        c = self.c
        name = c.call_name(call)
        key = COLLECTION_CALLS[name]
        if key is not None:
            return key
        given = self._collection_arguments(call)
        dotted = c.qual(given.get("key")) or ""
        if dotted.startswith(("tf.compat.v1.GraphKeys.", "tf.GraphKeys.")):
            if dotted.split(".")[-1] not in GRAPH_KEYS:
                raise self.fail(call, f"get_collection of the graph key `{dotted.split('.')[-1]}` (converted: "
                                "GLOBAL_VARIABLES and TRAINABLE_VARIABLES)")
            return GRAPH_KEYS[dotted.split(".")[-1]]
        value = given.get("key").value if isinstance(given.get("key"), ast.Constant) else None
        return value if value in GRAPH_KEYS.values() and "scope" in given else None

    def _collection_arguments(self, call: ast.Call) -> dict[str, ast.expr]:
        params = ("key", "scope") if self.c.call_name(call) == GET_COLLECTION else ("scope",)
        if len(call.args) > len(params) or any(k.arg not in params for k in call.keywords):
            raise self.fail(call, "a read of the graph's variables with arguments other than its key and scope")
        return {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}

    def _collection_text(self, stmt, call: ast.Call) -> str:
        """The list a read of the graph's variables returned, written out (`[e1_kernel, e1_bias]`). A
        GLOBAL_VARIABLES read whose list goes on with an optimizer's slots (Morvan's Random Network
        Distillation: `e_params = get_collection(GLOBAL_VARIABLES, scope='eval_net')` after the RMSProp
        minimize of those variables) is its variables before the slots when the name it is bound to is
        read only zipped with lists no longer than those (`zip(t_params, e_params)`): zip stopped there."""
        entries, cut = self._collection_entries(stmt, call, partial=True)
        if cut is not None and not self._zipped_shorter(stmt, call, len(entries)):
            raise cut
        return f"[{', '.join(e.ref for e in entries)}]"

    def _zipped_shorter(self, stmt, call: ast.Call, length: int) -> bool:
        """`name = <call>` is `stmt`, `name` bound once in the class and read only as an argument of
        `zip(...)` calls, each with another argument, a name bound once to a read of the graph's variables
        whose whole list is known and no longer than `length`."""
        c = self.c
        if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)):
            return False
        name = stmt.targets[0].id
        parents = {id(child): node for node in ast.walk(self.klass) for child in ast.iter_child_nodes(node)}
        reads = [n for n in ast.walk(self.klass) if isinstance(n, ast.Name) and n.id == name]
        if sum(not isinstance(n.ctx, ast.Load) for n in reads) != 1:
            return False
        for read in (n for n in reads if isinstance(n.ctx, ast.Load)):
            zipped = parents.get(id(read))
            if not (isinstance(zipped, ast.Call) and isinstance(zipped.func, ast.Name) and zipped.func.id == "zip"
                    and read in zipped.args and not zipped.keywords):
                return False
            lengths = []
            for other in zipped.args:
                binds = [s for s in self.body if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(
                    s.targets[0], ast.Name) and isinstance(other, ast.Name) and s.targets[0].id == other.id]
                stores = [n for n in ast.walk(self.klass) if isinstance(n, ast.Name) and isinstance(other, ast.Name)
                          and n.id == other.id and not isinstance(n.ctx, ast.Load)]
                if other is read or len(binds) != 1 or len(stores) != 1 or not isinstance(binds[0].value, ast.Call) \
                        or c.call_name(binds[0].value) not in COLLECTION_CALLS or self._graph_key(binds[0].value) is None:
                    continue
                entries, cut = self._collection_entries(binds[0], binds[0].value, partial=True)
                if cut is None:
                    lengths.append(len(entries))
            if not lengths or min(lengths) > length:
                return False
        return True

    def _collection_entries(self, stmt, call: ast.Call, partial: bool = False):
        """The variables `call` (in `stmt` of the graph method) returned in TF 1.x: those made before
        `stmt`, in the order made (v1's collections are lists in creation order), whose TF 1.x name
        the scope's regex matches at its start (ops.Graph.get_collection: `re.match(scope, v.name)`),
        trainable ones alone for TRAINABLE_VARIABLES. Each name is the one TF 1.x gave it: get_variable
        and a layer's variables under the variable scopes' path (`Actor/eval/l1/kernel:0`), a
        tf.Variable under the name scopes (made unique by TF 1.x: only their first part is a known
        prefix). A Fallback where the list is not known from the text: a scope not a string the file
        fixes, a name not known where it decides the match, a variable made otherwise, the class made
        other than once, variables made outside the class, an optimizer's slots the scope may hold."""
        c = self.c
        key = self._graph_key(call)
        scope_node = self._collection_arguments(call).get("scope")
        scope = None if scope_node is None or isinstance(scope_node, ast.Constant) and scope_node.value is None else \
            _scope_value(c, self.klass, scope_node)
        what = f"`{c.source(call)[:60]}`"
        if scope_node is not None and scope is None and not (isinstance(scope_node, ast.Constant) and scope_node.value is None):
            raise self.fail(call, f"{what} reads the graph's variables under a scope that is not a string the file "
                            "fixes (TF 1.x matched it against the variables' names when the graph was built): write "
                            "the list of variables")
        self._check_graph_wide(call, what)
        out = []
        index = self.body.index(stmt)
        for position, entry in enumerate(self._made_variables(index)):
            if entry.kind == "slots":
                if key == "variables":
                    for prefix in entry.prefixes:
                        if _scope_matches(scope, prefix, exact=False) is not False:
                            cut = self.fail(call, f"{what} under scope {scope!r} may hold the slot variables "
                                            f"`{entry.optimizer}` made before it (named `{prefix}...` in TF 1.x), which "
                                            "TF 2's optimizer makes and names otherwise: read TRAINABLE_VARIABLES, or "
                                            "read it before the training op is made (or zip it only with shorter lists)")
                            if partial:  # the list up to the slots, and why it goes on
                                return out, cut
                            raise cut
                continue
            if entry.kind == "unknown":
                raise self.fail(call, f"{what}: a variable made before it by `{c.source(entry.node)[:60]}` (line "
                                f"{entry.node.lineno}), whose TF 1.x name or collections are not known here")
            if key == "trainable_variables" and entry.trainable is False:
                continue
            matched = _scope_matches(scope, entry.name, entry.exact)
            if matched is None:
                raise self.fail(call, f"{what}: whether the scope {scope!r} matches the variable `{entry.ref}` (TF 1.x "
                                f"name `{entry.name}...`, made unique by TF 1.x) is not known here")
            if matched and key == "trainable_variables" and entry.trainable is None:
                raise self.fail(call, f"{what}: whether `{entry.ref}` is trainable is not known here")
            if matched:
                out.append(entry)
            later = self.body[entry.index + 1:index]
            if matched and (entry.bound_name is not None and entry.bound_name not in self.generations and any(
                    entry.bound_name in _names_bound(s) for s in later) or entry.bound_attr is not None and any(
                    entry.bound_attr in _self_bound(s) for s in later)):
                raise self.fail(call, f"{what}: `{entry.ref}`, holding a variable it lists, is bound again before it")
        return (out, None) if partial else out

    def _check_graph_wide(self, call: ast.Call, what: str) -> None:
        """TF 1.x's collections were the graph's: the list is this object's variables when the class
        is made once (one call in the file, not in a loop or function) and nothing else makes variables."""
        c = self.c
        made = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                and n.func.id == self.klass.name]
        if len(made) != 1 or not _run_once(c.tree, made[0]) or self.init is not self.constructor and self.build_call is None:
            raise self.fail(call, f"{what} reads the graph's variables, which held every object's: converted when "
                            f"the file makes `{self.klass.name}` once (not in a loop or function) and its graph is "
                            "built when it is made")
        inside = {id(n) for n in ast.walk(self.klass)}
        other = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and id(n) not in inside
                      and (c.call_name(n) in VARIABLE_CALLS or c.call_name(n) == DENSE)), None)
        if other is not None:
            raise self.fail(call, f"{what} reads the graph's variables, which held those made outside "
                            f"`{self.klass.name}` too (line {other.lineno})")

    def _made_variables(self, end: int) -> list:
        """The variables the graph method made before `self.body[end]`, in order (`_Made`), with the
        slot events of the training ops made there."""
        c = self.c
        out = []
        made_by_call = {k.name for k in c.local_classes.values() if any(
            isinstance(n, ast.Call) and c.call_name(n) in VARIABLE_CALLS for n in ast.walk(k))} | {
            f.name for f in c.tree.body if isinstance(f, ast.FunctionDef) and any(
                isinstance(n, ast.Call) and c.call_name(n) in VARIABLE_CALLS for n in ast.walk(f))}
        trains = {id(m[0]): m for m in self.trains.values()}
        for index, stmt in enumerate(self.body[:end]):
            var_path, name_path = self.scope_of.get(id(stmt), (None, None))
            leaf = stmt.leaf if isinstance(stmt, _Guarded) else stmt
            minimize = next((trains[id(n)] for n in ast.walk(leaf) if id(n) in trains), None)
            if minimize is not None:
                optimizer = (c.call_name(minimize[1]) or "").removeprefix(V1_OPTIMIZER)
                if optimizer not in SLOTLESS:
                    base = "" if var_path is None else "/".join(var_path) + "/" * bool(var_path)
                    # a slot is named `<variable scope>/<its variable's name>/<optimizer>` (slot_creator), Adam's
                    # beta powers `<name scope>/beta1_power` (non-slot variables)
                    # the variables it may train: its var_list when that is a read of the graph's variables, else
                    # the trainable ones made before it (v1 made slots for those with a gradient)
                    var_list = minimize[2]
                    listed = {id(e.node) for e in self._collection_entries(stmt, var_list)} if isinstance(
                        var_list, ast.Call) and c.call_name(var_list) in COLLECTION_CALLS and self._graph_key(var_list) \
                        else None
                    prefixes = [base + (e.name[:-2] + "/" if e.exact else e.name) if var_path is not None else ""
                                for e in out if e.kind == "variable" and (
                                    id(e.node) in listed if listed is not None else
                                    var_list is not None or e.trainable is not False)]
                    if optimizer == "AdamOptimizer":
                        prefixes.append("" if name_path is None else name_path[0] if name_path else "beta")
                    out.append(_Made("slots", index, node=minimize[0], prefixes=prefixes, optimizer=optimizer))
                continue
            calls = [n for n in ast.walk(leaf) if isinstance(n, ast.Call) and (
                c.call_name(n) in VARIABLE_CALLS or isinstance(n.func, ast.Name) and n.func.id in made_by_call)]
            if not calls:
                continue
            target = leaf.targets[0] if isinstance(leaf, ast.Assign) and len(leaf.targets) == 1 else None
            if stmt is not leaf or len(calls) != 1 or leaf.value is not calls[0] or not (
                    isinstance(target, ast.Name) or _self_attribute(target)) or c.call_name(calls[0]) not in VARIABLE_CALLS:
                out.append(_Made("unknown", index, node=calls[0]))
                continue
            out.append(self._made(index, calls[0], target, var_path, name_path))
        return out

    def _made(self, index: int, call: ast.Call, target, var_path, name_path):
        """One variable made by `target = get_variable(...)` / `tf.Variable(...)` (`_made_variables`)."""
        c = self.c
        given = {k.arg: k.value for k in call.keywords}
        if c.call_name(call) == GET_VARIABLE:
            name_node = call.args[0] if call.args else given.get("name")
            name = _scope_value(c, self.klass, name_node) if name_node is not None else None
            if name is None or var_path is None or "collections" in given:
                return _Made("unknown", index, node=call)
            full, exact = "/".join((*var_path, name)) + ":0", True
        else:
            name_node = given.get("name")
            name = "Variable" if name_node is None else _scope_value(c, self.klass, name_node)
            if name is None or len(call.args) > 1 or "collections" in given:
                return _Made("unknown", index, node=call)
            # TF 1.x made a tf.Variable's name scope, and the name, unique (`eval_net_1/x`, `x_1`)
            full, exact = ("" if name_path is None else name_path[0] if name_path else name), False
        flag = given.get("trainable")
        trainable = True if flag is None else flag.value if isinstance(flag, ast.Constant) else _bound_literal(self.klass, flag)
        trainable = trainable if isinstance(trainable, bool) else None  # an inlined `trainable = False` too
        bound_name = target.id if isinstance(target, ast.Name) else None
        ref = self.renamed.get(id(target), (None, bound_name))[1] if bound_name is not None else c.source(target)
        return _Made("variable", index, node=call, name=full, exact=exact, trainable=trainable, ref=ref,
                     bound_name=bound_name, bound_attr=None if bound_name is not None else target.attr)

    def _name_filter(self, stmt, comp: ast.ListComp):
        """`[var for var in t_vars if 'd_' in var.name]` (the GANs' split of `tf.trainable_variables()`),
        over a read of the graph's variables (written there, or a name the graph method binds once to
        one): the variables it kept, from their TF 1.x names (`_collection_entries`); None for another
        comprehension. A condition other than `in` / `not in` / `==` / `startswith` / `endswith` of a
        string and `var.name`, `and`, `or`, `not` is a Fallback."""
        c = self.c
        if len(comp.generators) != 1 or comp.generators[0].is_async or not isinstance(comp.elt, ast.Name) \
                or not isinstance(comp.generators[0].target, ast.Name) or comp.generators[0].target.id != comp.elt.id:
            return None
        source = comp.generators[0].iter
        if isinstance(source, ast.Name):
            binds = [s for s in self.setup if isinstance(s, ast.Assign) and len(s.targets) == 1
                     and isinstance(s.targets[0], ast.Name) and s.targets[0].id == source.id]
            stores = [n for n in ast.walk(self.init) if isinstance(n, ast.Name) and n.id == source.id
                      and not isinstance(n.ctx, ast.Load)]
            if len(binds) != 1 or len(stores) != 1 or self.body.index(binds[0]) > self.body.index(stmt):
                return None
            read, where = binds[0].value, binds[0]
        else:
            read, where = source, stmt
        if not (isinstance(read, ast.Call) and c.call_name(read) in COLLECTION_CALLS and self._graph_key(read) is not None):
            return None
        entries = self._collection_entries(where, read)
        variable = comp.elt.id
        kept = []
        for entry in entries:
            keep = True
            for test in comp.generators[0].ifs:
                value = _name_test(test, variable, entry.name if entry.exact else None)
                if value is None:
                    raise self.fail(test, f"`{c.source(comp)[:60]}` filters the variables by a test of their TF 1.x "
                                    f"names not decided here (`{entry.ref}`: `{entry.name}...`); converted: `in`, `==`, "
                                    "`startswith`, `endswith` of `var.name` and a string")
                keep = keep and value
            if keep:
                kept.append(entry)
        return kept

    def _rename_generations(self) -> None:
        """A name the setup binds again after graph statements read it (Morvan's `w1 = get_variable(...)`
        of the evaluation net, then of the target net): the functions, defined after the graph statements,
        would read the last value where TF 1.x's graph read the value of its time. Each later binding
        gets a name of its own (`w1_2`), and the reads up to the next binding read it
        (`self.renamed`: id(Name) -> (node, new name)); names bound otherwise (a loop, the graph part,
        an augmented assignment) are left as they were (`_check_observers` names them)."""
        self.renamed: dict[int, tuple[ast.Name, str]] = {}
        self.generations: set[str] = set()
        graph_bound = set().union(*(_names_bound(s) for s in self.graph)) if self.graph else set()
        graph_read = set().union(*(_names_read(s) for s in self.graph)) if self.graph else set()
        counts: dict[str, int] = {}
        simple: dict[str, bool] = {}
        for stmt in self.setup:
            leaf = stmt.leaf if isinstance(stmt, _Guarded) else stmt  # (a statement of an `if` on Python values)
            plain = isinstance(leaf, ast.Assign) and all(
                isinstance(t, ast.Name) or isinstance(t, (ast.Tuple, ast.List)) and all(isinstance(e, ast.Name) for e in t.elts)
                for t in leaf.targets)
            for name in _names_bound(leaf):
                counts[name] = counts.get(name, 0) + 1
                simple[name] = simple.get(name, True) and plain
        taken = set(self.c.used_names)
        for name, count in counts.items():
            if count < 2 or not simple[name] or name in graph_bound or name not in graph_read:
                continue
            renamed: dict[int, tuple[ast.Name, str]] = {}
            current, generation, bound_under, certain = name, 0, (), True
            for stmt in self.body:
                guards = stmt.guards if isinstance(stmt, _Guarded) else ()
                for node in ast.walk(stmt):  # its reads see the value before its own binding
                    if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                        renamed[id(node)] = (node, current)
                        # the binding read ran whenever the read runs: under the same branches or fewer (Dueling
                        # DQN's `w2` of each `with` block in `if self.dueling:`, then of the `else:` branch)
                        certain = certain and guards[:len(bound_under)] == bound_under
                if stmt in self.setup and name in _names_bound(stmt):
                    generation += 1
                    bound_under = guards
                    if generation > 1:
                        current = next(f"{name}_{j}" for j in range(generation, 10 ** 4) if f"{name}_{j}" not in taken)
                        taken.add(current)
                    for node in ast.walk(stmt):
                        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                            renamed[id(node)] = (node, current)
            if certain:
                self.generations.add(name)
                self.renamed.update(renamed)
        # drop the no-op entries (the first generation keeps its name)
        self.renamed = {i: (n, new) for i, (n, new) in self.renamed.items() if n.id != new}

    def _source(self, node) -> str:
        """`node`'s text with the names `_rename_generations` renamed."""
        c = self.c
        text, base = c.source(node), c.offset(node)
        spans = sorted(((c.offset(n) - base, c.end_offset(n) - base, self.renamed[id(n)][1]) for n in ast.walk(node)
                        if id(n) in self.renamed), reverse=True)
        for start, end, new in spans:
            text = text[:start] + new + text[end:]
        return text

    def _span(self, node, text: str) -> None:
        """`node`'s text replaced by `text` where `_moved` writes its statement; a node over several
        lines: `text` on its first line, the rest of its lines emptied (and dropped by `_moved`)."""
        if node.lineno == node.end_lineno:
            self.seed_spans.setdefault(node.lineno, []).append((node.col_offset, node.end_col_offset, text))
            return
        lines = self.c.lines
        width = len(lines[node.lineno - 1].rstrip("\r\n").encode("utf-8"))
        self.seed_spans.setdefault(node.lineno, []).append((node.col_offset, width, text))
        for number in range(node.lineno + 1, node.end_lineno):
            self.seed_spans.setdefault(number, []).append((0, len(lines[number - 1].rstrip("\r\n").encode("utf-8")), ""))
        self.seed_spans.setdefault(node.end_lineno, []).append((0, node.end_col_offset, ""))

    def _initializer(self, stmt, node):
        """The initializer call `node` names: itself, or the value bound to a name by the last
        assignment of the graph method before `stmt` (`w_initializer, b_initializer = a, b` too)."""
        c = self.c
        if isinstance(node, ast.Call):
            return node
        if not isinstance(node, ast.Name):
            return None
        found = None
        for other in self.body[:self.body.index(stmt)]:
            if node.id not in _names_bound(other):
                continue
            found = None
            if isinstance(other, ast.Assign) and len(other.targets) == 1:
                target, value = other.targets[0], other.value
                if isinstance(target, ast.Name) and target.id == node.id:
                    found = value
                elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                        and len(target.elts) == len(value.elts):
                    found = next((v for t, v in zip(target.elts, value.elts) if isinstance(t, ast.Name) and t.id == node.id),
                                 None)
        return found if isinstance(found, ast.Call) and c.call_name(found) in CLASS_INITIALIZERS else None

    def _variable_text(self, stmt, call: ast.Call) -> str:
        """`get_variable(name, shape, initializer=init, collections=keys, trainable=t)` -> the tf.Variable
        it made: the value the v1 initializer drew (one op seed asked per variable, as its __call__
        did: `seed=op_seed()` in a seeded program), `add_to_graph_collections(v, keys)` for keys."""
        c = self.c
        params = ("name", "shape", "dtype", "initializer")
        args = dict(zip(params, call.args))
        for keyword in call.keywords:
            if keyword.arg in NONE_DEFAULTS and isinstance(keyword.value, ast.Constant) and keyword.value.value is None:
                continue  # `initializer=None`: v1's default written out
            if keyword.arg not in ("name", "shape", "dtype", "initializer", "trainable", "collections"):
                raise self.fail(keyword.value if keyword.arg else call, f"get_variable(`{keyword.arg}=`) in a model class")
            args[keyword.arg] = keyword.value
        if len(call.args) > len(params) or "name" not in args or "shape" not in args:
            raise self.fail(call, "get_variable without a name and a shape in a model class")
        if "initializer" not in args or isinstance(args["initializer"], ast.Call) \
                and c.call_name(args["initializer"]) in FAN_INITIALIZERS:
            # glorot / variance scaling (v1's default): the engine's uniform or normal draw of the shape's
            # fans (numbers, or v1's arithmetic over Python values written out), one op seed asked per
            # variable as the initializer's __call__ asked
            dtype = self._source(args["dtype"]) if "dtype" in args else None
            if "initializer" in args:
                init = args["initializer"]
                self.handled.add(id(init))
                value = c._fan_initializer(call, init, c.call_name(init), args["shape"], dtype)
            else:
                value = c._glorot_uniform(call, args["shape"], dtype)
            if self.op_seed is not None:
                init = args.get("initializer")
                seed = next((v for k, v in zip(FAN_INITIALIZERS[c.call_name(init)], init.args) if k == "seed"),
                            next((k.value for k in init.keywords if k.arg == "seed"), None)) if init is not None else None
                if seed is not None:
                    given = c.source(seed)
                    raise self.fail(call, f"an initializer with its own op seed (`seed={given}`) in a model class of a "
                                    "program setting a graph seed (`set_random_seed`): TF 1.x drew it from the pair "
                                    f"(graph seed, {given}) and counted its ops among the graph's, from which each random "
                                    "op without a seed took its op seed; the conversion counts op seeds for ops without "
                                    "one only. To convert, drop `seed=` from the initializer (the graph seed still makes "
                                    f"each run draw the same) or the graph seed (op seed {given} alone fixes this draw)")
                if "seed=" in value:
                    raise self.fail(call, "an initializer with a seed, a dtype or arguments other than numbers, in a "
                                    "model class")
                value = value[:-1] + f", seed={self.op_seed}())"
            return self._variable_wrapped(call, args, value)
        init = self._initializer(stmt, args["initializer"])
        if init is not None and (c.call_name(init) in KERAS_INITIALIZERS or _dotted(init.func) == COMPAT_GLOROT) \
                and not init.args and not init.keywords:
            # a Keras initializer (`_class_layers`' default kernel): it asks the graph for no seed
            dtype = self._source(args["dtype"]) if "dtype" in args else c.tf("tf.float32")
            return self._variable_wrapped(call, args, f"{c.source(init)}({self._source(args['shape'])}, dtype={dtype})")
        if init is None:
            raise self.fail(args["initializer"], "a get_variable initializer other than one made in the graph method "
                            f"by {', '.join(sorted(CLASS_INITIALIZERS))}")
        called = c.call_name(init)
        shape = self._source(args["shape"])
        dtype = self._source(args["dtype"]) if "dtype" in args else c.tf("tf.float32")
        given = {**dict(zip(("a", "b", "seed", "dtype"), init.args)), **{k.arg: k.value for k in init.keywords}}
        if "seed" in given or "dtype" in given or None in given or any(
                not _literal_number(v) for v in given.values()):
            raise self.fail(init, "an initializer with a seed, a dtype or arguments other than numbers, in a model class")
        self.handled.add(id(init))
        values = [c.source(v) for v in given.values()]
        if called in RANDOM_INITIALIZERS:
            op, names = RANDOM_INITIALIZERS[called]
            named = dict(zip(names, init.args)) | {k.arg: k.value for k in init.keywords}
            parts = [shape] + [f"{k}={c.source(v)}" for k, v in named.items()] + [f"dtype={dtype}"]
            if self.op_seed is not None:
                parts.append(f"seed={self.op_seed}()")
            value = f"{c.tf(op)}({', '.join(parts)})"
        elif called == "tf.compat.v1.constant_initializer":
            value = f"{c.tf('tf.constant_initializer')}({', '.join(values)})({shape}, dtype={dtype})"
        else:
            value = f"{c.tf(CONSTANT_INITIALIZERS[called])}({shape}, dtype={dtype})"
        return self._variable_wrapped(call, args, value)

    def _variable_wrapped(self, call: ast.Call, args: dict, value: str) -> str:
        """tf.Variable(value, name=, trainable=), put in its collections (`add_to_graph_collections`)."""
        c = self.c
        text = f"{c.tf('tf.Variable')}({value}, name={self._source(args['name'])}"
        if "trainable" in args:
            text += f", trainable={self._source(args['trainable'])}"
        text += ")"
        if "collections" in args:
            self.collected = True
            keys = re.sub(r"\btf\.compat\.v1\.GraphKeys\.(\w+)", lambda m: repr(GRAPH_KEYS.get(m.group(1), m.group(0))),
                          self._source(args["collections"]).replace(f"{c.alias}.", "tf."))
            if "GraphKeys" in keys:
                raise self.fail(args["collections"], "a graph key other than GLOBAL_VARIABLES and TRAINABLE_VARIABLES")
            text = f"add_to_{self.table}({text}, {keys.replace('tf.', c.alias + '.')})"
        return text

    def _assign_methods(self) -> None:
        """`tf.compat.v1.assign(t, e)` of the graph part (Morvan's target-network copy) as the
        variable's method, `t.assign(e)`, which the functions run (the op v1's function made)."""
        c = self.c
        for stmt in self.graph:
            for call in ast.walk(stmt):
                if not (isinstance(call, ast.Call) and c.call_name(call) == "tf.compat.v1.assign" and len(call.args) == 2
                        and not call.keywords and isinstance(call.args[0], (ast.Name, ast.Attribute, ast.Subscript))):
                    continue
                ref, value = call.args
                if not (call.lineno == ref.lineno and ref.end_lineno == value.lineno):
                    continue  # written over several lines: the engine names it
                self.seed_spans.setdefault(call.lineno, []).append((call.col_offset, ref.col_offset, ""))
                self.seed_spans.setdefault(ref.end_lineno, []).append((ref.end_col_offset, value.col_offset, ".assign("))

    def _seed_random_ops(self) -> None:
        """A seeded program: each random op of the graph method gets the op seed TF 1.x's graph
        gave it, the count of random ops built before it (`op_seed()`, called where TF 1.x built
        the op, so that loops, several objects and several classes count as the graph did). An op
        of the setup (a variable's initial value, drawn once) calls it in place; an op of the graph
        part, which moves into a tf.function, takes a seed bound where its statement was
        (`seed_1 = op_seed()`): a trace must not count again (measured: a seeded op in a
        tf.function draws on from call to call as the graph's op did from run to run)."""
        c = self.c
        names = {n.id for n in ast.walk(self.init) if isinstance(n, ast.Name)} | c.used_names
        for stmt in self.setup + self.graph:
            calls = [call for call in _random_calls(c, stmt) if id(call) not in self.handled]
            if not calls:
                continue
            deferred = {id(n) for d in ast.walk(stmt) if isinstance(d, (ast.Lambda, ast.FunctionDef)) for n in ast.walk(d)}
            for call in calls:
                if id(call) in deferred or stmt in self.graph and isinstance(getattr(stmt, "leaf", stmt), (ast.For, ast.FunctionDef)):
                    raise self.fail(call, "a random op with no op seed built in a loop, lambda or function of the graph "
                                    "part in a seeded program: the op seeds TF 1.x counted for its builds are not followed")
            if stmt in self.graph:
                if len(calls) > 1:
                    raise self.fail(calls[1], "two random ops with no op seed in one statement of the graph part in a "
                                    "seeded program (one seed is bound per statement)")
                local = next(f"seed_{k}" for k in range(1, 10 ** 4) if f"seed_{k}" not in names)
                names.add(local)
                self.seed_locals[id(stmt)] = local
                seed_text = local
            else:
                seed_text = f"{self.op_seed}()"
            for call in calls:
                layer = next((n for n in ast.walk(stmt) if isinstance(n, ast.Call) and (c.call_name(n) or "").startswith(
                    "tf.compat.v1.layers.") and any(k.value is call for k in n.keywords)), None)
                if layer is not None and c.call_name(call) not in RANDOM_SEED_ARG:
                    # MIG117's kernel initializer: the layer is what is not converted
                    raise self.fail(layer, f"`{c.call_name(layer).replace('tf.', c.alias + '.', 1)}` in a model class, "
                                    "its kernel drawn with the graph's seed (TF 1.x's default glorot_uniform_initializer(),"
                                    " written by the compat pass under `set_random_seed`): v1 layers other than `name = "
                                    "tf.compat.v1.layers.dense(...)` are not converted in model classes")
                if c.call_name(call) not in RANDOM_SEED_ARG:
                    raise self.fail(call, f"`{c.call_name(call).replace('tf.', c.alias + '.', 1)}` with no op seed in a "
                                    "seeded program of model classes, not a get_variable's initializer here: how many op "
                                    "seeds it asks the graph for is not known")
                keyword = next((k for k in call.keywords if k.arg == "seed"), None)
                index = RANDOM_SEED_ARG[c.call_name(call)]
                if keyword is not None:
                    span = (keyword.value.lineno, keyword.value.col_offset, keyword.value.end_col_offset, seed_text)
                elif len(call.args) > index:  # `seed=None` given by position
                    arg = call.args[index]
                    span = (arg.lineno, arg.col_offset, arg.end_col_offset, seed_text)
                else:
                    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                        raise self.fail(call, "a random op with no op seed and `*args` / `**kwargs`: its seed cannot "
                                        "be written")
                    last = max(call.args + call.keywords, key=lambda n: (n.end_lineno, n.end_col_offset))
                    span = (last.end_lineno, last.end_col_offset, last.end_col_offset, f", seed={seed_text}")
                self.seed_spans.setdefault(span[0], []).append(span[1:])

    def _initial_values(self, body: list[ast.stmt]) -> set[str]:
        """Names of `body` bound once and read only as a tf.Variable's initial value there (`W =
        tf.random_normal(shape) * scale; self.W = tf.Variable(W)`): drawn once, as the initializer ran."""
        c = self.c
        inside: set[int] = set()
        for node in ast.walk(ast.Module(body=body, type_ignores=[])):
            if isinstance(node, ast.Call) and c.call_name(node) in VARIABLE_CALLS:
                inside |= {id(n) for n in ast.walk(node)}
        loads: dict[str, list[bool]] = {}
        stores: dict[str, int] = {}
        for node in ast.walk(ast.Module(body=body, type_ignores=[])):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    loads.setdefault(node.id, []).append(id(node) in inside)
                else:
                    stores[node.id] = stores.get(node.id, 0) + 1
        return {n for n, seen in loads.items() if all(seen) and n in stores}

    def _computes(self, stmt, initial: frozenset = frozenset()) -> bool:
        """The statement computes a tensor (a TensorFlow op other than making a variable, a constant
        or a Keras object, or a method of the file's classes computing one): TF 1.x computed it at
        every run from the variables' values then, so it belongs to the graph part, not to what
        runs once. A class of the file made here that computes a tensor when made is a Fallback."""
        c = self.c
        skipped: set[int] = set()
        if isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) and t.id in initial for t in stmt.targets):
            return False  # an initial value
        for node in ast.walk(stmt):
            if isinstance(node, ast.Assign) and node is not stmt and all(
                    isinstance(t, ast.Name) and t.id in initial for t in node.targets):
                skipped |= {id(n) for n in ast.walk(node)}  # an initial value bound in a branch
            if id(node) in skipped or not isinstance(node, ast.Call):
                continue
            name = c.call_name(node) or ""
            if name in VARIABLE_CALLS:  # its initial value is drawn once, as the initializer ran once
                skipped |= {id(n) for n in ast.walk(node)}
                continue
            if name.startswith("tf.") and name not in MADE_ONCE and name not in COLLECTION_CALLS and name not in CLASS_INITIALIZERS \
                    and not name.startswith(MADE_ONCE_PREFIXES):
                return True
            if isinstance(node.func, ast.Attribute) and node.func.attr in STATE_OPS:
                return True  # `oldp.assign(p)`: an op TF 1.x ran when fetched, not where it was made
            if isinstance(node.func, ast.Name) and node.func.id in c.local_classes:
                made = c.local_classes[node.func.id]
                init = next((f for f in made.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
                if init is not None and any(self._computes(s, frozenset(self._initial_values(init.body))) for s in init.body):
                    raise self.fail(node, f"`{made.name}` computes a tensor when made (TF 1.x computed it at every run)")
            if isinstance(node.func, ast.Attribute) and not name.startswith(("tf.", "np.", "numpy.")) and any(
                    isinstance(f, ast.FunctionDef) and f.name == node.func.attr and f.name != "__init__"
                    and any(self._computes(s) for s in f.body)
                    for k in c.local_classes.values() for f in k.body):
                return True
        return False

    def _init_run(self, stmt) -> bool:
        """`self.<session>.run(tf.compat.v1.global_variables_initializer())` in `__init__`."""
        return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute) \
            and stmt.value.func.attr == "run" and _self_attribute(stmt.value.func.value, self.session) \
            and len(stmt.value.args) == 1 and not stmt.value.keywords and (
                self.c.call_name(stmt.value.args[0]) in INITIALIZERS or isinstance(stmt.value.args[0], ast.Name) and any(
                    isinstance(s, ast.Assign) and self.c.call_name(s.value) in INITIALIZERS and any(
                        isinstance(t, ast.Name) and t.id == stmt.value.args[0].id for t in s.targets)
                    for s in self.body) or self._initializer_attribute(stmt.value.args[0]))

    def _initializer_attribute(self, node) -> bool:
        """`self.init_op`, bound once in the graph method to the initializer op and read only by
        its run there (lazyprogrammer's `self.sess.run(self.init_op)`): it goes with the run."""
        if not _self_attribute(node):
            return False
        binds = [s for s in self.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                 and _self_attribute(s.targets[0], node.attr)]
        reads = [n for n in ast.walk(self.c.tree) if isinstance(n, ast.Attribute) and n.attr == node.attr
                 and isinstance(n.ctx, ast.Load)]
        return len(binds) == 1 and self.c.call_name(binds[0].value) in INITIALIZERS and len(reads) == 1

    def _minimize(self, stmt):
        """(minimize call, optimizer expression, var_list) of `self.a = <optimizer>.minimize(loss)`."""
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _self_attribute(stmt.targets[0])
                and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute)
                and stmt.value.func.attr == "minimize"):
            return None
        call = stmt.value
        optimizer = call.func.value
        if isinstance(optimizer, ast.Name):  # `opt = tf.compat.v1.train.AdamOptimizer(...)` earlier in __init__
            bound = [s for s in self.setup if isinstance(s, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == optimizer.id for t in s.targets)]
            if len(bound) != 1 or not isinstance(bound[0].value, ast.Call):
                raise self.fail(optimizer, f"the optimizer `{optimizer.id}` is not made once in `__init__`")
            self.setup.remove(bound[0])
            self.dropped.append(bound[0])
            optimizer = bound[0].value
        name = self.c.call_name(optimizer) or ""
        short = name.removeprefix(V1_OPTIMIZER)
        if not name.startswith(V1_OPTIMIZER) or short not in _optimizer_table() and short not in OWN_RULES:
            raise self.fail(optimizer, "minimize on an optimizer with no exact Keras twin here (converted: "
                            f"{', '.join(sorted(_optimizer_table()))}; RMSPropOptimizer by v1's rule written out)")
        gathered = next((n for n in ast.walk(self.c.tree) if isinstance(n, ast.Call) and self.c.call_name(n) in SPARSE_READS
                         and _gathers_variable(self.c, n)), None)
        if gathered is not None and short not in SPARSE_EXACT:
            # the engine's rule (tf2_graph `_keras_optimizer`): a gathered variable's gradient is sparse, which
            # v1's Momentum applies with its sparse kernel and the Keras twin otherwise (Adam's and Adagrad's
            # sparse rules are written out: tf2_graph.V1_ADAM, V1_ADAGRAD; RMSProp's by `_rule_lines`)
            raise self.fail(optimizer, f"{short} on a program that gathers rows (`{self.c.source(gathered.func)}`): "
                            f"its gradient is sparse, which v1's {short} applies with its sparse kernel and the Keras "
                            f"optimizer otherwise; converted for {', '.join(SPARSE_EXACT)}")
        loss, var_list = (call.args[0] if call.args else None), None
        for keyword in call.keywords:
            if keyword.arg == "loss":
                loss = keyword.value
            elif keyword.arg == "var_list":
                var_list = keyword.value
            else:
                raise self.fail(call, f"minimize's `{keyword.arg}` is not converted for a model class")
        if loss is None or len(call.args) > 1:
            raise self.fail(call, "minimize's arguments are not converted for a model class")
        return call, optimizer, var_list

    def _graph_call(self, call: ast.Call) -> None:
        c = self.c
        name = c.call_name(call) or ""
        if name.startswith("tf.") and name.endswith(("Variable", "get_variable")):
            raise self.fail(call, f"`{name.replace('tf.', c.alias + '.', 1)}` in the graph part of `__init__` (a variable "
                            "made there: each tf.function would make its own)")
        # a random op (no graph seed in the file, `session_classes`) drew at every run in TF 1.x as it
        # draws at every call of the function
        if name.startswith(("np.random", "numpy.random", "random.")):
            raise self.fail(call, "a NumPy or Python random draw in the graph part of `__init__` (TF 1.x drew it once, "
                            "when the graph was built)")
        if isinstance(call.func, ast.Attribute) and not name.startswith(("tf.", "np.", "numpy.")):
            method = call.func.attr
            owners = [self.klass] if _self_attribute(call.func) or isinstance(call.func.value, ast.Name) and \
                call.func.value.id == "self" else list(c.local_classes.values())  # `self._build_net()`: this class's
            for klass in owners:
                for f in klass.body:
                    if isinstance(f, ast.FunctionDef) and f.name == method and any(
                            isinstance(n, ast.Call) and (c.call_name(n) or "").endswith(("Variable", "get_variable"))
                            for n in ast.walk(f)):
                        raise self.fail(call, f"`{method}` (of `{klass.name}`) makes variables when the graph calls it")

    # -- runs ----------------------------------------------------------------------
    def _runs(self) -> list[tuple[ast.Call, list[str], bool, dict[str, ast.expr]]]:
        """(run call, fetched attributes, a list fetched, {placeholder attribute: value})."""
        out = []
        for method in self.klass.body:
            if not isinstance(method, ast.FunctionDef):
                continue
            for node in ast.walk(method):
                if not _self_attribute(node, self.session) or not isinstance(node.ctx, ast.Load):
                    continue
                if any(node is x for s in self.opened for x in ast.walk(s)):
                    continue  # the Session made and initialized by a method the program calls once (`_opened_session`)
                if method is self.init or method is self.constructor:
                    if any(node is n.value.func.value for n in self.dropped if self._init_run(n)):
                        continue
                    if any(node is x for s in [*self.shown, *(e[0] for e in self.constructor_edits)] for x in ast.walk(s)):
                        continue
                    raise self.fail(node, f"`self.{self.session}` used in `{method.name}` otherwise than to initialize")
                out.append(self._run(method, node))
        if not out:
            raise self.fail(self.klass, "no `Session.run` of the class's graph")
        return out

    def _run(self, method: ast.FunctionDef, node: ast.Attribute):
        parent = next((p for p in ast.walk(method) if isinstance(p, ast.Attribute) and p.value is node), None)
        call = next((p for p in ast.walk(method) if isinstance(p, ast.Call) and p.func is parent), None)
        if parent is None or parent.attr != "run" or call is None:
            raise self.fail(node, f"`self.{self.session}` used otherwise than `self.{self.session}.run(...)`")
        fetches = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "fetches"), None)
        feed = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "feed_dict"), None)
        if len(call.args) > 2 or any(k.arg not in ("fetches", "feed_dict") for k in call.keywords) or fetches is None:
            raise self.fail(call, "Session.run arguments other than fetches and feed_dict")
        setup_attrs = set().union(*(_self_bound(s) for s in self.setup)) if self.setup else set()

        def held_value(e) -> bool:  # a name of the method, or an attribute the setup binds (`self.params`)
            return isinstance(e, ast.Name) or _self_attribute(e) and e.attr in setup_attrs - self.graph_attrs.keys()

        held = [fetches] if held_value(fetches) else fetches.elts if isinstance(fetches, (ast.List, ast.Tuple)) \
            and all(held_value(e) for e in fetches.elts) else []
        holds = feed is None and held and not (self.graph_attrs.keys() | self.placeholders.keys()) & _self_read(method)
        try:
            if self._built_fetch(method, call, fetches, feed):  # tensors the method builds, run in a tf.function
                return call, None, isinstance(fetches, (ast.List, ast.Tuple)), {}
        except Fallback:
            if not holds:
                raise
            # (the values read where made, as below: a DQN copy's assign ops)
        if holds:
            # a run of values the method holds (DQN's copy: `actual = self.session.run(q)` of a variable,
            # `self.session.run(ops)` of the assigns it made): in TF 2 they were computed where made
            return call, None, False, {}
        listed = isinstance(fetches, (ast.List, ast.Tuple))
        elements = fetches.elts if listed else [fetches]
        attrs = []
        for e in elements:
            if not (_self_attribute(e) and e.attr in self.graph_attrs):
                raise self.fail(e, "a fetch that is not a tensor or training op the class's `__init__` builds "
                                "(`self.name`)")
            attrs.append(e.attr)
        feeds: dict[str, ast.expr] = {}
        if isinstance(feed, ast.Name):
            feed = self._feed_bound_above(method, call, feed)
        if feed is not None:
            if not isinstance(feed, ast.Dict):
                raise self.fail(feed, "a feed_dict that is not a dict written in the run or bound to a name by "
                                "the statement just before the run's")
            for key, value in zip(feed.keys, feed.values):
                if not (_self_attribute(key) and key.attr in self.placeholders):
                    raise self.fail(key if key is not None else feed,
                                    "a feed_dict key that is not a placeholder the class's `__init__` makes")
                feeds[key.attr] = value
        return call, attrs, listed, feeds

    def _built_fetch(self, method: ast.FunctionDef, call: ast.Call, fetches: ast.expr, feed: ast.expr | None) -> bool:
        """A run of tensors the method itself builds from its arguments just before running them
        (the Cookbook's autoencoders: `h = self.encoder(x)` / `r = self.decoder(h)` then `return
        self.session.run(r, feed_dict={self._X: x})`): TF 1.x added the ops to the graph at each call
        and ran them once, at once, on the variables' values then. Those statements become a
        `tf.function` method of the class returning the fetches (`_built_functions`), which the
        run's place calls (`self.compute_reconstruct(x).numpy()`): its trace builds them as the
        graph did (the arguments' dtypes and shapes, a trace per new shape) and runs them on the
        variables' values at the call. Not eagerly: eager kernels differ from a graph's in the last
        bit (measured, TF 2.21 on CPU: `tf.math.sigmoid` of the same pre-activations, 1 ulp apart;
        the tf.function's are the Session's). Exact when the statements building them are the
        ones right before the run's statement, at the top of the method and on lines of their own,
        each `name = <expression>` of the allowed ops (`EAGER_OPS`: no random op, so no op seed TF
        1.x counted, no state, no control flow) and of the class's methods doing only that
        (`_eager_method`), reading the method's parameters (not bound before), the names bound
        before them in that run of statements and the class's attributes other than its
        placeholders and graph tensors, set by nothing but the graph method (a trace reads a Python
        value once); the names they bind are read by nothing else; the run is its statement's
        value (nothing runs between); the feed, of the class's placeholders, which those ops do not
        read, to names or constants, goes. False when the fetch is not names such statements bind
        (the caller's Fallback); Fallback naming what breaks one of the rules otherwise."""
        c = self.c
        names = fetches.elts if isinstance(fetches, (ast.List, ast.Tuple)) else [fetches]
        if not names or not all(isinstance(n, ast.Name) for n in names):
            return False
        stmt = next((s for s in method.body if any(n is call for n in ast.walk(s))), None)
        builds = [s for s in ast.walk(method) if isinstance(s, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in {n.id for n in names} for t in s.targets)]
        if stmt is None or not builds or not all(any(isinstance(n, ast.Call) and (
                (c.call_name(n) or "").startswith("tf.") or _self_attribute(n.func)) for n in ast.walk(s.value))
                for s in builds):
            return False  # not tensors the method builds
        what = f"`{method.name}` runs tensors it builds"
        if getattr(stmt, "value", None) is not call or not isinstance(stmt, (ast.Return, ast.Assign, ast.Expr)):
            raise self.fail(call, f"{what} in a statement doing more than the run, or in a block (converted: a "
                            f"statement of the method's body `return self.{self.session}.run(...)`, `value = ...` or "
                            "the run alone)")
        index = method.body.index(stmt)
        chain: list[ast.Assign] = []
        for before in reversed(method.body[:index]):
            if not (isinstance(before, ast.Assign) and all(isinstance(t, ast.Name) for t in before.targets)
                    and any(isinstance(n, ast.Call) for n in ast.walk(before.value))):
                break
            chain.insert(0, before)
        params = [a.arg for a in [*method.args.args[1:], *method.args.kwonlyargs]]
        if method.args.vararg or method.args.kwarg or method.args.posonlyargs:
            raise self.fail(method, f"{what}, and has `*`, `**` or positional-only parameters")
        bound: set[str] = set()
        read: list[str] = []  # the parameters the statements read, in the method's order
        for built in chain:
            for node in ast.walk(built.value):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound | {"self", c.alias}:
                    if node.id not in params or any(node.id in _names_bound(s) for s in method.body[:method.body.index(chain[0])]):
                        raise self.fail(node, f"{what} from `{node.id}`, which is not one of its parameters nor bound by "
                                        "the statements building them right before the run")
                    read.append(node.id)
                if isinstance(node, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)):
                    raise self.fail(node, f"{what} with a lambda, `:=` or `yield` in a statement building them")
                if isinstance(node, ast.Call):
                    self._eager_call(node, what, set())
            self._eager_reads(built.value, what)
            bound |= _names_bound(built)
        missing = [n.id for n in names if n.id not in bound]
        if missing:
            raise self.fail(call, f"{what}, and `{missing[0]}` is not bound by the statements right before the run "
                            "(each `name = <ops>`)")
        reads = [n for n in ast.walk(method) if isinstance(n, ast.Name) and n.id in bound and isinstance(n.ctx, ast.Load)
                 and not any(n is x for s in chain for x in ast.walk(s)) and not any(n is x for x in names)]
        again = sorted(n for s in method.body if s not in chain for n in _names_bound(s) & bound)
        if reads or again:
            raise self.fail(reads[0] if reads else call, f"{what}, and `{reads[0].id if reads else again[0]}` is read or "
                            "bound elsewhere in the method (a graph tensor there)")
        lines = set(range(chain[0].lineno, chain[-1].end_lineno + 1))
        if chain[0].lineno <= method.body[0].lineno and chain[0].lineno == method.lineno or any(
                s not in chain and lines & set(range(s.lineno, s.end_lineno + 1)) for s in method.body):
            raise self.fail(chain[0], f"{what} on lines shared with other statements")
        if feed is not None:
            if isinstance(feed, ast.Name):
                feed = self._feed_bound_above(method, call, feed)
            if not isinstance(feed, ast.Dict) or not all(
                    _self_attribute(k) and k.attr in self.placeholders for k in feed.keys) or not all(
                    isinstance(v, ast.Constant) or isinstance(v, ast.Name) and v.id not in bound for v in feed.values):
                raise self.fail(feed, f"{what} with a feed other than a dict of the class's placeholders to names or "
                                "constants (the feed, which those ops do not read, goes)")
        values = {t.id: s.value for s in chain for t in s.targets}
        self.built_runs = getattr(self, "built_runs", {})
        self.built_runs[id(call)] = {
            "method": method, "chain": chain, "fetches": fetches, "params": [p for p in params if p in read],
            "tensor": isinstance(fetches, ast.Name) and self._tensor_valued(values[fetches.id])}
        return True

    def _built_functions(self, taken: set[str]) -> list[tuple[int, int, str]]:
        """The `tf.function` methods of `_built_fetch`, each written above the method it came from
        (its statements moved, as they were, into it: the same indentation in a sibling method),
        the statements' lines gone from the method, and each run's text (`self.built_runs[...]["text"]`)."""
        c = self.c
        out = []
        for record in getattr(self, "built_runs", {}).values():
            method, chain, fetches = record["method"], record["chain"], record["fetches"]
            name = self._fresh(f"compute_{method.name.lstrip('_')}", taken)
            invoked = f"self.{name}({', '.join(record['params'])})"
            record["text"] = f"{invoked}.numpy()" if record["tensor"] else f"fetched_values({invoked})"
            start = min([d.lineno for d in method.decorator_list] + [method.lineno])
            indent = _indent(c.lines[start - 1])
            body = _indent(c.lines[chain[0].lineno - 1])
            text = (f"{indent}@{c.alias}.function\n"
                    f"{indent}def {name}(self{''.join(', ' + p for p in record['params'])}):\n"
                    + "".join(c.lines[chain[0].lineno - 1:chain[-1].end_lineno])
                    + f"{body}return {c.source(fetches)}\n\n")
            out.append((start, start - 1, text))
            out.append((chain[0].lineno, chain[-1].end_lineno, ""))
        return out

    def _eager_call(self, call: ast.Call, what: str, seen: set[str]) -> None:
        """Fallback unless `call` builds only ops `EAGER_OPS` allows: a TensorFlow op of those, or
        `self.<method>(...)` of a method doing only that (`_eager_method`)."""
        c = self.c
        name = c.call_name(call) or ""
        if name.startswith("tf."):
            short = name.rsplit(".", 1)[-1]
            if (name in EAGER_OPS or name.startswith(EAGER_PREFIXES) and short[:1].islower()
                    and not name.startswith("tf.nn.rnn_cell.")) and not _is_random_op(name) \
                    and name not in SAMPLING_LOSSES and "sampler" not in short and "fractional" not in short:
                return
            raise self.fail(call, f"{what} with `{name.replace('tf.', c.alias + '.', 1)}` (converted: deterministic "
                            "ops with no state, which compute eagerly what the graph's computed when run)")
        if _self_attribute(call.func):
            self._eager_method(call, what, seen)
            return
        raise self.fail(call, f"{what} with a call that is neither a TensorFlow op nor a method of `{self.klass.name}`")

    def _eager_method(self, call: ast.Call, what: str, seen: set[str]) -> None:
        """`self.encoder(x)`: a method of the class whose body is `name = <ops>` statements and a
        final `return <ops>` of its parameters, locals and the class's attributes (no placeholder,
        graph tensor or Session), building only the ops `_eager_call` allows, changing nothing."""
        attr = call.func.attr
        method = next((f for f in self.klass.body if isinstance(f, ast.FunctionDef) and f.name == attr), None)
        if method is None or method is self.init or method is self.constructor or any(m is method for _, m in self.inlined) \
                or method.decorator_list:
            raise self.fail(call, f"{what} with `self.{attr}(...)`, which is not a plain method of `{self.klass.name}`")
        if attr in seen:
            return
        seen.add(attr)
        body = method.body[1:] if method.body and isinstance(method.body[0], ast.Expr) and isinstance(
            method.body[0].value, ast.Constant) and isinstance(method.body[0].value.value, str) else method.body
        args = method.args
        params = {a.arg for a in [*args.posonlyargs, *args.args[1:], *args.kwonlyargs]}
        local: set[str] = set()
        for index, stmt in enumerate(body):
            last = index == len(body) - 1
            if not (isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets) and not last
                    or isinstance(stmt, ast.Return) and stmt.value is not None and last) or args.vararg or args.kwarg:
                raise self.fail(stmt, f"{what} with `self.{attr}(...)`, whose body is other than `name = <ops>` "
                                "statements and a final `return <ops>`")
            for node in ast.walk(stmt.value):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in params | local | {
                        "self", self.c.alias}:
                    raise self.fail(node, f"{what} with `self.{attr}(...)`, which reads `{node.id}`, not one of its "
                                    "parameters or locals")
                if isinstance(node, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)):
                    raise self.fail(node, f"{what} with `self.{attr}(...)`, which has a lambda, `:=` or `yield`")
                if isinstance(node, ast.Call):
                    self._eager_call(node, what, seen)
            self._eager_reads(stmt.value, what)
            if isinstance(stmt, ast.Assign):
                local |= _names_bound(stmt)

    def _eager_reads(self, node: ast.expr, what: str) -> None:
        """Fallback where `node` reads a placeholder, graph tensor or the Session of the class: what
        TF 2 code has not (the variables and Python values it holds it has)."""
        elsewhere = set().union(*(_self_bound(f) | self._mutated(f) for f in self.klass.body if isinstance(f, ast.FunctionDef)
                                  and f is not self.init and f is not self.constructor))
        for n in ast.walk(node):
            if _self_attribute(n) and (n.attr in self.placeholders or n.attr in self.graph_attrs or n.attr == self.session):
                raise self.fail(n, f"{what} from `self.{n.attr}`, a placeholder, tensor or Session of the graph "
                                f"`{self.init.name}` builds")
            if _self_attribute(n) and n.attr in elsewhere:
                raise self.fail(n, f"{what} from `self.{n.attr}`, which a method other than `{self.init.name}` sets "
                                "(the function's trace reads a value once)")
            if _self_attribute(n) and isinstance(n.ctx, ast.Load) and self._set_outside(n.attr):
                raise self.fail(n, f"{what} from `self.{n.attr}`, which code outside `{self.klass.name}` sets or "
                                "changes (the function's trace reads a value once)")

    def _set_outside(self, attr: str) -> bool:
        """`obj.<attr>` bound, augmented, changed in place or its item set outside the class."""
        k = self.klass
        for node in ast.walk(self.c.tree):
            if k.lineno <= getattr(node, "lineno", 0) <= k.end_lineno:
                continue
            changed = node.target if isinstance(node, ast.AugAssign) else node.func.value if isinstance(
                node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in IN_PLACE else \
                node.value if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) else node
            if isinstance(changed, ast.Attribute) and changed.attr == attr and (
                    changed is not node or isinstance(node.ctx, (ast.Store, ast.Del))):
                return True
        return False

    def _tensor_valued(self, value: ast.expr, seen: frozenset = frozenset()) -> bool:
        """An expression whose value is one tensor (not a list of them): arithmetic, an op of
        `EAGER_OPS` returning one, or a method of the class whose `return` is such."""
        if isinstance(value, (ast.BinOp, ast.UnaryOp)):
            return True
        if not isinstance(value, ast.Call):
            return False
        name = self.c.call_name(value) or ""
        if name.startswith("tf."):
            return name not in STRUCTURED_OPS and "moments" not in name and "top_k" not in name
        if _self_attribute(value.func):
            method = next((f for f in self.klass.body if isinstance(f, ast.FunctionDef) and f.name == value.func.attr), None)
            last = method.body[-1] if method is not None else None
            return isinstance(last, ast.Return) and last.value is not None and value.func.attr not in seen \
                and self._tensor_valued(last.value, seen | {value.func.attr})
        return False

    def _feed_bound_above(self, method: ast.FunctionDef, call: ast.Call, name: ast.Name) -> ast.expr:
        """The dict of `feed = {self.X: x, self.Y: y}` on the statement just before the run's
        (`return self.session.run(fetches, feed)`, hunkim's DQN), bound and read there only: the
        run reads it as if written in it (its values are computed with no statement between, the
        run's call first in its statement). The assignment goes with the rewrite of the run
        (`self.feed_statements`); anything else is returned as it was (the caller's Fallback)."""
        parents = {id(child): parent for parent in ast.walk(method) for child in ast.iter_child_nodes(parent)}
        stmt = call
        while not isinstance(stmt, ast.stmt):
            stmt = parents[id(stmt)]
        block = next((getattr(p, field) for p in ast.walk(method) for field in ("body", "orelse", "finalbody")
                      if isinstance(getattr(p, field, None), list) and stmt in getattr(p, field)), None)
        index = block.index(stmt) if block is not None else 0
        above = block[index - 1] if index > 0 else None
        uses = [n for n in ast.walk(method) if isinstance(n, ast.Name) and n.id == name.id]
        if not (isinstance(above, ast.Assign) and len(above.targets) == 1 and isinstance(above.targets[0], ast.Name)
                and above.targets[0].id == name.id and isinstance(above.value, ast.Dict) and len(uses) == 2
                and getattr(stmt, "value", None) is call and above.end_lineno < stmt.lineno):
            return name
        self.feed_statements = getattr(self, "feed_statements", []) + [above]
        return above.value

    # -- the dataflow slice --------------------------------------------------------
    def _slice(self, wanted_attrs: set[str], wanted_names: frozenset = frozenset(), before: ast.stmt | None = None):
        """The graph statements computing the attributes and names wanted (those before `before`
        only: a training op's loss is the value bound where `minimize` was called), in order."""
        needed_names = set(wanted_names)
        needed_attrs = set(wanted_attrs)
        chosen: list[ast.stmt] = []
        order = self.body.index(before) if before is not None else len(self.body)
        for stmt in reversed([s for s in self.graph if self.body.index(s) < order]):
            if _self_bound(stmt) & needed_attrs or _names_bound(stmt) & needed_names:
                chosen.append(stmt)
                if isinstance(stmt, ast.Assign):  # bound here: an earlier value of the name is not needed
                    needed_names -= _names_bound(stmt)
                    needed_attrs -= _self_bound(stmt)
                needed_names |= _names_read(stmt)
                needed_attrs |= _self_read(stmt)
        return list(reversed(chosen))

    def _placeholders_read(self, statements, extra=()) -> list[str]:
        read = set().union(*(_self_read(s) for s in statements)) if statements else set()
        for node in extra:
            read |= _self_read(node)
        return [p for p in self.placeholders if p in read]

    # -- the rewrite ---------------------------------------------------------------
    def rewrite(self, runs_done: list) -> list[tuple[int, int, str]]:
        c = self.c
        runs = self._runs()
        self._check_observers()
        unit = self._unit()
        body_indent = _indent(c.lines[self.init.body[0].lineno - 1])
        local_names = {n.id for n in ast.walk(self.init) if isinstance(n, ast.Name)} | {
            a.arg for a in ast.walk(self.init) if isinstance(a, ast.arg)} | set(self.branch_names) | {
            n.id for _, m in self.inlined for n in ast.walk(m) if isinstance(n, ast.Name)}
        rename = {}
        for attr in [*self.placeholders, *self.graph_attrs]:
            # a parameter starting with a letter: tf.function binds a keyword `_X=` as `arg__X`, which a
            # parameter `_X` does not match (measured, TF 2.21: TypeError at the first call; hunkim's dqn.py)
            name = attr.lstrip("_")
            name = name if name[:1].isalpha() else f"x{name}"
            while name in local_names or name in rename.values():
                name += "_"
            rename[attr] = name
        taken = {f.name for f in self.klass.body if isinstance(f, ast.FunctionDef)} | {
            n.attr for n in ast.walk(self.klass) if _self_attribute(n)} | set(rename.values()) | local_names
        steps: dict[tuple, str] = {}
        functions: list[str] = []
        optimizers: dict[str, str] = {}
        edits: list[tuple[int, int, str]] = []
        for call, attrs, listed, feeds in runs:
            if attrs is None:
                edits.append((call, None))
                continue
            fed = [p for p in self.placeholders if p in feeds]
            key = (tuple(attrs), listed, tuple(fed))
            if key not in steps:
                name = self._fresh("train_step" if any(a in self.trains for a in attrs) else
                                   "compute_" + "_".join(rename[a] for a in attrs), taken)
                steps[key] = name
                self.written[name] = f"{self.klass.name}.{self.init.name}"
                functions.append(self._step(name, attrs, listed, fed, rename, optimizers, taken, body_indent, unit, call))
            edits.append((call, (steps[key], attrs, listed, feeds, rename)))
        functions = self._eager_steps(functions, body_indent, unit)
        traced = self._traced_prints(list(steps.values()), functions)
        runs_done.extend(call for call, *_ in runs)
        built = self._built_functions(taken)  # (before the runs' text: it names the functions)
        out = self._line_edits(edits) + built
        for bound in getattr(self, "feed_statements", []):  # `feed = {...}` now written in the run; its comments stay
            indent = _indent(c.lines[bound.lineno - 1])
            comments = _comments("".join(c.lines[bound.lineno - 1:bound.end_lineno]))
            out.append((bound.lineno, bound.end_lineno, "".join(f"{indent}{comment}\n" for comment in comments)))
        # __init__: setup kept, graph and placeholders dropped, the functions appended
        init_lines = []
        # the functions go after the last graph statement: a later statement of the method may call
        # them (DDPG's `self.update_target()` at the end of `__init__`, a fresh-eyes trial)
        functions_at = 0
        previous_end = self.init.body[0].lineno - 1
        open_guards: tuple = ()  # the `if branch_k:` headers the last statement written is under
        last_graph = max((i for i, s in enumerate(self.body) if s not in self.setup), default=-1)
        entered: list[tuple[ast.stmt, ast.FunctionDef]] = []  # the inlined methods whose lines are being written
        for position, stmt in enumerate(self.body):
            previous_end, comments = self._enter_region(stmt, entered, previous_end)
            init_lines += [body_indent + line.lstrip() for line in comments]
            if any(stmt is t or any(stmt is x for x in ast.walk(t)) for t in self.tail):
                # built after the graph method in `__init__`: at its end now
                if stmt in self.setup:
                    init_lines += self._moved(stmt, {}, body_indent)
                elif id(stmt) in self.seed_locals:
                    init_lines.append(f"{body_indent}{self.seed_locals[id(stmt)]} = {self.op_seed}()\n")
                functions_at = len(init_lines)
                continue
            first, last = self._stmt_lines(stmt)
            gap = [body_indent + c.lines[n - 1].lstrip() if c.lines[n - 1].lstrip().startswith("#") else c.lines[n - 1]
                   for n in range(previous_end + 1, first) if n not in self.scope_headers]
            if stmt in self.setup:
                nested = _indent(c.lines[first - 1]) != body_indent  # in a scope block dropped
                seeded = any(n in self.seed_spans for n in range(first, last + 1))
                if isinstance(stmt, (_Guarded, _BranchTest)):  # under its `if` headers
                    text, open_guards = self._guarded_text([stmt], {}, body_indent, unit, open_guards)
                    init_lines += gap + text
                    previous_end = last
                    continue
                if stmt in self.shown:
                    if nested:
                        raise self.fail(stmt, "a FileWriter showing the graph inside a variable scope block")
                    init_lines += gap + [self._graph_shown(stmt)]
                else:
                    init_lines += gap + (self._moved(stmt, {}, body_indent) if nested or seeded else c.lines[first - 1:last])
            else:
                init_lines += [line for line in gap if line.strip().startswith("#")]
                if id(stmt) in self.seed_locals:  # where TF 1.x built the op: its seed counted there
                    guards = stmt.guards if isinstance(stmt, _Guarded) else ()
                    init_lines += _guard_headers(open_guards, guards, body_indent, unit)
                    init_lines.append(f"{body_indent}{unit * len(guards)}{self.seed_locals[id(stmt)]} = {self.op_seed}()\n")
                functions_at = len(init_lines)
            if position >= last_graph or id(stmt) in self.seed_locals or not isinstance(stmt, (_Guarded, _BranchTest)):
                open_guards = ()  # the functions go after the last graph statement, at the method's indentation
            previous_end = last
        previous_end, comments = self._enter_region(None, entered, previous_end)
        init_lines += [body_indent + line.lstrip() for line in comments]
        previous_end = max(previous_end, self.init.body[-1].end_lineno)
        made = [f"{body_indent}{name} = {text}\n" for name, text in optimizers.items()]
        for function in functions:
            made += ["\n", function]
        if traced:
            made += [(f"{body_indent}# traced here, where TF 1.x built the graph: the prints of its Python code run now, in "
                      "the graph's order\n")] + [f"{body_indent}{name}.get_concrete_function()\n" for name in traced]
        if functions_at < len(init_lines) and made:
            made.append("\n")
        init_lines[functions_at:functions_at] = made
        out.append((self.init.body[0].lineno, previous_end, "".join(init_lines)))
        out += self._drop_set_session()
        for _, method in self.inlined:  # its statements are the graph method's now
            out.append(self._method_lines(method))
        out += self._drop_session_parameter()
        out += [(stmt.lineno, stmt.end_lineno, text) for stmt, text in self.constructor_edits]
        out += [(stmt.lineno, stmt.end_lineno, "") for stmt in self.opened]  # (`_opened_session`)
        if self.tail:  # moved to the end of the graph method
            out.append((self.tail[0].lineno, self.tail[-1].end_lineno, ""))
        return out

    def _traced_prints(self, names: list[str], texts: list[str]) -> list[str]:
        """The written functions to trace where the graph method defines them, in order, when graph
        statements moved into them print (`logits = model(x)` of a `def model(data):` printing
        `data.get_shape()`, CreatCodeBuild's `Network`): TF 1.x printed once, when it built each, in
        the graph's order; a tf.function (one input_signature: one trace) prints when traced. Traced
        right after they are defined, each function's prints come where TF 1.x's came when every
        printing statement is in one function only, the functions' printing statements follow one
        another (one function's before the next's), none runs eagerly, and no statement kept in place
        between the first of them and the functions prints; a training step's optimizer makes no variable
        (GradientDescent: a tf.function making variables at its first trace is traced twice). Otherwise a
        Fallback naming it."""
        printing = [s for s in self.graph if not isinstance(s, ast.FunctionDef) and self._prints(s, set())]
        if not printing:
            return []
        position = {id(s): i for i, s in enumerate(self.body)}
        for stmt in printing:
            if self.moved.get(id(stmt), 0) != 1:
                raise self.fail(stmt, f"a statement of the graph part printing (TF 1.x printed it once, when built) that "
                                f"{'none' if not self.moved.get(id(stmt)) else 'more than one'} of the functions written "
                                "computes: each prints when traced")
        spans = []
        for name, text in zip(names, texts):
            mine = sorted(position[id(s)] for s in printing if id(s) in self.step_statements[name][0])
            if not mine:
                continue
            if f"@{self.c.alias}.function(" not in text:
                raise self.fail(self.body[mine[0]], f"a statement of the graph part printing, computed by `{name}`, "
                                "which runs eagerly (it prints at every call; TF 1.x printed once, when built)")
            short = getattr(self, "step_optimizers", {}).get(name)
            if short is not None and short not in SLOTLESS:
                # (measured, TF 2.21: a tf.function making variables at its first trace is traced again)
                raise self.fail(self.body[mine[0]], f"a statement of the graph part printing, computed by `{name}`, whose "
                                f"{short} makes its variables at the first trace, which TF traces again: it prints twice "
                                "(TF 1.x printed once, when built)")
            spans.append((mine, name))
        spans.sort()
        flat = [i for mine, _ in spans for i in mine]
        if flat != sorted(flat):
            raise self.fail(printing[0], "statements of the graph part printing in an order no trace of the functions "
                            "written follows (TF 1.x printed them once each, when built, in the graph's order)")
        last = max((i for i, s in enumerate(self.body) if s not in self.setup), default=-1)
        for stmt in self.body[flat[0]:last + 1]:
            if stmt in self.setup and self._prints(stmt, set()):
                raise self.fail(stmt, "a statement printing among the graph part's printing statements (TF 1.x ran "
                                "it between them; the functions written print when traced, after it)")
        return [name for _, name in spans]

    def _prints(self, node, seen: set[int]) -> bool:
        """Does running `node` call `print`, directly or through a function of the graph method or the
        module, or a method of the class, that does?"""
        functions = {s.name: s for s in self.body if isinstance(s, ast.FunctionDef)}
        functions.update({f.name: f for f in self.c.tree.body if isinstance(f, ast.FunctionDef) and f.name not in functions})
        methods = {m.name: m for m in self.klass.body if isinstance(m, ast.FunctionDef)}
        walked = node.body if isinstance(node, ast.FunctionDef) else [node]
        for n in (x for s in walked for x in ast.walk(s)):
            if not isinstance(n, ast.Call):
                continue
            if isinstance(n.func, ast.Name) and n.func.id == "print" and "print" not in functions:
                return True
            target = functions.get(n.func.id) if isinstance(n.func, ast.Name) else \
                methods.get(n.func.attr) if _self_attribute(n.func) else None
            if target is not None and id(target) not in seen:
                seen.add(id(target))
                if self._prints(target, seen):
                    return True
        return False

    def _eager_steps(self, functions: list[str], indent: str, unit: str) -> list[str]:
        """A random op of the graph part (dropout) that two written functions compute (a training
        run and an evaluation run of other fetches or feeds): TF 1.x had one op, whose generator
        drew on from run to run across them, while each tf.function would get its own. Those
        functions run eagerly: eager ops of one kind and seed share one kernel of TF's eager
        kernel cache, drawing on from call to call as the graph's op did (tf2_graph's
        `_check_shared_random_ops`; measured: tests/e2e/tf2_runs/class_dropout_runs.py, hunkim's
        lab-11-3 shape, the same digits). The op seeds the classes' counter gives are distinct, and
        a program writing one of its own is kept compat (`session_classes`). Each fed value is cast
        to its placeholder's dtype, as the input_signature converted it."""
        c = self.c
        shared = {sid for sid, n in self.moved.items() if n > 1 and sid in self.seed_locals}
        eager = [name for name, (statements, _) in self.step_statements.items() if shared & statements.keys()]
        if not eager:
            return functions
        out = []
        for text in functions:
            lines = text.splitlines(keepends=True)
            name = next((n for n in eager if lines[1].lstrip().startswith(f"def {n}(")), None)
            if name is None:
                out.append(text)
                continue
            casts = []
            for attr, argument in self.step_statements[name][1].items():
                call = self.placeholders[attr]
                dtype = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "dtype")
                casts.append(f"{indent}{unit}{argument} = {c.alias}.cast({argument}, {c.source(dtype)})\n")
            comment = (f"{indent}# eager, not a tf.function: its random ops draw on from the generators the other runs "
                       f"draw from,\n{indent}# as TF 1.x's one graph op did in every Session.run\n")
            out.append("".join([comment, lines[1], *casts, *lines[2:]]))
        return out

    def _drop_session_parameter(self) -> list[tuple[int, int, str]]:
        """`def __init__(self, sess, name):` -> `def __init__(self, name):`, and `self.sess = sess` gone
        when the graph is built in another method (in __init__ it went with the graph's split)."""
        if self.session_param is None:
            return []
        index, stmt = self.session_param
        c, args = self.c, self.constructor.args
        params = args.args[1:]
        optional = isinstance(stmt, ast.If)  # `sess=None`, the class's own Session when not given (`_optional_session`)
        default = index - (len(params) - len(args.defaults))
        if default >= 0 and not (optional and isinstance(args.defaults[default], ast.Constant)
                                 and args.defaults[default].value is None):
            raise self.fail(params[index], "a Session parameter with a default value")
        if default < 0 and optional:
            raise self.fail(params[index], f"the Session parameter `{params[index].arg}` tested for None with no default")
        uses = [n for n in ast.walk(self.constructor) if isinstance(n, ast.Name) and n.id == params[index].arg]
        if len(uses) != 1 + optional or args.vararg or args.kwarg:
            raise self.fail(params[index], f"the Session parameter `{params[index].arg}` used otherwise than kept")
        out = [_without(c, args.args, index + 1) if default < 0 else _without_default(c, params[index], args.defaults[default])]
        if self.init is not self.constructor and not optional:  # (the optional `if` went with the constructor's edits)
            out.append((stmt.lineno, stmt.end_lineno, ""))
        return out

    def removed_arguments(self) -> list[ast.expr]:
        """The Session arguments of the class's calls in the file (`Model(sess, "m1")`)."""
        if self.session_param is None:
            return []
        index = self.session_param[0]
        name = self.constructor.args.args[1 + index].arg
        out = []
        made = [n for n in ast.walk(self.c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                and n.func.id == self.klass.name]
        for call in made:
            if self.klass.lineno <= call.lineno <= self.klass.end_lineno:
                raise self.fail(call, f"`{self.klass.name}` made inside its own class")
            keyword = next((k for k in call.keywords if k.arg == name), None)
            if keyword is not None:
                out.append(keyword)
            elif index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
                out.append(call.args[index])
            elif isinstance(self.session_param[1], ast.If) and not any(isinstance(a, ast.Starred) for a in call.args) \
                    and all(k.arg is not None for k in call.keywords):
                # not given: the object made its own Session (`_optional_session`), which held values of the
                # graph's variables apart from any other Session's: the same as TF 2's only for the one object
                if len(made) > 1 or not _run_once(self.c.tree, call):
                    raise self.fail(call, f"`{self.klass.name}` made without its Session argument (making its own "
                                    "Session, which held the graph's variables apart from other Sessions) where the "
                                    "file makes more than one object")
                continue
            else:
                raise self.fail(call, f"`{self.klass.name}` made without its Session argument written out")
        return out

    def _stmt_lines(self, stmt) -> tuple[int, int]:
        first = min([d.lineno for d in getattr(stmt, "decorator_list", [])] + [stmt.lineno])
        return first, stmt.end_lineno

    def _unit(self) -> str:
        first = self.klass.body[0]
        return _indent(self.c.lines[first.lineno - 1])[len(_indent(self.c.lines[self.klass.lineno - 1])):] or "    "

    def _fresh(self, base: str, taken: set[str]) -> str:
        name, k = base, 2
        while name in taken or name in self.c.used_names:
            name, k = f"{base}_{k}", k + 1
        taken.add(name)
        return name

    def _moved(self, stmt, rename: dict[str, str], indent: str) -> list[str]:
        """The statement's lines with `self.<attr>` of placeholders and graph attributes as locals,
        re-indented to `indent` (its comment lines above it come along)."""
        c = self.c
        first, last = stmt.lineno, stmt.end_lineno
        lines = [line.rstrip("\r\n") for line in c.lines[first - 1:last]]
        edits: dict[int, list] = {}
        for node in ast.walk(stmt):
            if _self_attribute(node) and node.attr in rename:
                edits.setdefault(node.lineno, []).append((node.col_offset, node.end_col_offset, rename[node.attr]))
        for lineno in range(first, last + 1):  # the op seeds written (`_seed_random_ops`)
            edits.setdefault(lineno, []).extend(self.seed_spans.get(lineno, []))
        emptied = set()
        for lineno, spans in edits.items():
            raw = lines[lineno - first].encode("utf-8")
            for start, end, new in sorted(spans, reverse=True):
                raw = raw[:start] + new.encode("utf-8") + raw[end:]
            if spans and raw.strip() == b"" and lines[lineno - first].strip():
                emptied.add(lineno)  # a node written over several lines, now on its first
            lines[lineno - first] = raw.decode("utf-8")
        own = _indent(c.lines[first - 1])
        strings = _string_continuation_lines(stmt)
        out = []
        for number, line in enumerate(lines, first):
            if number in emptied:
                continue
            if number in strings or not line.strip():
                out.append(line + "\n")
            else:
                out.append(indent + (line[len(own):] if line.startswith(own) else line.lstrip()) + "\n")
        return out

    def _step(self, name, attrs, listed, fed, rename, optimizers, taken, indent, unit, call) -> str:
        c = self.c
        train = [a for a in attrs if a in self.trains]
        if len(train) > 1:
            raise self.fail(call, "several training ops fetched in one run")
        tensors = [a for a in attrs if a not in self.trains]
        lines = [f"{indent}@{c.alias}.function(input_signature=[{', '.join(self._spec(p) for p in fed)}])\n",
                 f"{indent}def {name}({', '.join(rename[p] for p in fed)}):\n"]
        inner = indent + unit
        if train:
            minimize, optimizer, var_list = self.trains[train[0]]
            loss = minimize.args[0] if minimize.args else next(k.value for k in minimize.keywords if k.arg == "loss")
            statements = self._slice(_self_read(loss), frozenset(_names_read(loss)), before=self.graph_attrs[train[0]])
            if tensors:  # fetched beside the training op: computed before the update, as in TF 1.x's run
                statements = sorted({*statements, *self._slice(set(tensors))}, key=self.body.index)
            lines += [f"{inner}{rename[p]} = None  # not fed: made and read in a branch not taken\n"
                      for p in self._check_fed(fed, statements, [loss], call)]
            lines.append(f"{inner}with {c.alias}.GradientTape() as tape:\n")
            lines += self._guarded_text(statements, rename, inner + unit, unit)[0]
            if id(optimizer) not in self.optimizer_names:
                self.optimizer_names[id(optimizer)] = self._fresh("optimizer", taken)
                optimizers[self.optimizer_names[id(optimizer)]] = self._keras(optimizer)
            opt_name = self.optimizer_names[id(optimizer)]
            self.step_optimizers = getattr(self, "step_optimizers", {})
            self.step_optimizers[name] = (c.call_name(optimizer) or "").removeprefix(V1_OPTIMIZER)
            loss_text = self._renamed_source(loss, rename)
            if not isinstance(loss, ast.Name) and not (_self_attribute(loss) and loss.attr in rename):
                # an expression (`minimize(-self.exp_v)`): computed on the tape, or it has no gradient
                loss_name = self._fresh("loss_value", taken | _names_read(loss))
                lines.append(f"{inner}{unit}{loss_name} = {loss_text}\n")
                loss_text = loss_name
            if isinstance(var_list, ast.Call) and c.call_name(var_list) in COLLECTION_CALLS \
                    and self._graph_key(var_list) is not None:  # `var_list=tf.get_collection(TRAINABLE_VARIABLES, "scope")`
                variables = self._collection_text(self.graph_attrs[train[0]], var_list)
            else:
                variables = (f"list({self._renamed_source(var_list, rename)})" if var_list is not None
                             else "tape.watched_variables()")
            lines += [f"{inner}variables = {variables}\n",
                      f"{inner}gradients = tape.gradient({loss_text}, variables)\n"]
            if (c.call_name(optimizer) or "").removeprefix(V1_OPTIMIZER) in OWN_RULES:
                from types import SimpleNamespace
                rule = SimpleNamespace(lr=f"{opt_name}.learning_rate", rule_args={
                    k: f"{opt_name}.{k}" for k in ("decay", "momentum", "epsilon")})
                sparse = any(isinstance(n, ast.Call) and c.call_name(n) in SPARSE_READS and _gathers_variable(c, n)
                             for n in ast.walk(c.tree))
                lines += [f"{inner}{line}\n" for line in c._rule_lines(rule, f"{opt_name}.slots(variables)", "gradients",
                                                                       "variables", sparse)]
            else:
                lines.append(f"{inner}{opt_name}.apply_gradients([(g, v) for g, v in zip(gradients, variables) "
                             "if g is not None])\n")
        else:
            statements = self._slice(set(tensors))
            lines += [f"{inner}{rename[p]} = None  # not fed: made and read in a branch not taken\n"
                      for p in self._check_fed(fed, statements, [], call)]
            lines += self._guarded_text(statements, rename, inner, unit)[0]
        for stmt in statements:
            self.moved[id(stmt)] = self.moved.get(id(stmt), 0) + 1
        self.step_statements[name] = ({id(s): s for s in statements}, {p: rename[p] for p in fed})
        values = ["None" if a in self.trains else rename[a] for a in attrs]
        if listed:
            lines.append(f"{inner}return [{', '.join(values)}]\n")
        elif not train:
            lines.append(f"{inner}return {values[0]}\n")
        lines.append(f"{indent}self.{name} = {name}\n")
        self._check_reads("".join(lines), call)
        return "".join(lines)

    def _check_reads(self, function: str, call: ast.Call) -> None:
        """Every name the written function reads is its own, or one the graph method binds where it
        stays (the setup, its parameters), or the module's: a name only the graph part bound would
        be read unbound (Fallback rather than a program that fails)."""
        import builtins

        # (parsed as a block where written: a docstring's lines keep their own indentation, which
        # textwrap.dedent would count, e.g. tabs in a def's docstring of a file indented with tabs)
        tree = ast.parse("if True:\n" + function if function[:1].isspace() else function)
        own = _names_bound(tree) | {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
        graph_only = set().union(*(_names_bound(s) for s in self.graph)) - set().union(
            *(_names_bound(s) for s in self.setup)) if self.graph else set()
        for name in sorted(_names_read(tree) - own - set(dir(builtins))):
            if name in graph_only:
                raise self.fail(call, f"the function for this run would read `{name}`, which only the graph part "
                                "binds outside what the run computes")

    def _check_fed(self, fed, statements, extra, call) -> list[str]:
        """The placeholders the run's statements read that it does not feed, made in a branch of an `if`
        on Python values and read only under that branch (Morvan's Prioritized Replay DQN: `self.loss`
        reads `self.ISWeights` when `self.prioritized`, and the run of the other branch feeds no
        weights): where the branch was built TF 1.x raised at that run, as the function, whose name
        for the placeholder is None, raises when traced; elsewhere the run is TF 1.x's. Any other
        placeholder not fed: Fallback (TF 1.x raised)."""
        needed = self._placeholders_read(statements, extra)
        missing = [p for p in needed if p not in fed]
        unfed = []
        for p in missing:
            guards = self.guarded_placeholders.get(p)
            readers = [s for s in [*statements, *extra] if p in _self_read(s)]
            if guards is None or any(not isinstance(s, _Guarded) or not self._same_guards(s.guards[:len(guards)], guards)
                                     for s in readers):
                raise self.fail(call, f"a run not feeding `self.{p}`, which its fetches read (TF 1.x raised)")
            unfed.append(p)
        return unfed

    def _same_guards(self, guards: tuple, others: tuple) -> bool:
        """Do two branch paths hold together: the same branches, or branches of `if`s testing the same
        text (`if self.prioritized:` twice) that reads nothing the graph method binds between them?"""
        if len(guards) != len(others):
            return False
        tests = {s.name: s for s in self.body if isinstance(s, _BranchTest)}
        for (name, taken), (other, other_taken) in zip(guards, others):
            if (name, taken) == (other, other_taken):
                continue
            if taken != other_taken or name not in tests or other not in tests:
                return False
            first, second = sorted((tests[name], tests[other]), key=self.body.index)
            if ast.dump(first.value) != ast.dump(second.value):
                return False
            between = self.body[self.body.index(first) + 1:self.body.index(second)]
            if any((_names_bound(s) & _names_read(first.value)) or (_self_bound(s) & _self_read(first.value))
                   for s in between) or any(isinstance(n, ast.Call) for n in ast.walk(first.value)):
                return False
        return True

    def _renamed_source(self, node, rename) -> str:
        text = self.c.source(node)
        base = self.c.offset(node)
        spans = sorted(((self.c.offset(n) - base, self.c.end_offset(n) - base, rename[n.attr]) for n in ast.walk(node)
                        if _self_attribute(n) and n.attr in rename), reverse=True)
        for start, end, new in spans:
            text = text[:start] + new + text[end:]
        return text

    def _spec(self, attr: str) -> str:
        c = self.c
        call = self.placeholders[attr]
        dtype = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dtype"), None)
        shape = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "shape"), None)
        if dtype is None or len(call.args) > 3 or any(k.arg not in ("dtype", "shape", "name") for k in call.keywords):
            raise self.fail(call, "placeholder arguments other than dtype, shape and name")
        shape_text = c.source(shape) if shape is not None else "None"
        return f"{c.alias}.TensorSpec({shape_text}, {c.source(dtype)})"

    def _keras(self, optimizer: ast.Call) -> str:
        c = self.c
        graph_names = set().union(*(_names_bound(s) for s in self.graph)) if self.graph else set()
        read = (_names_read(optimizer) & graph_names) | {f"self.{a}" for a in _self_read(optimizer)
                                                          if a in self.placeholders or a in self.graph_attrs}
        if read:
            raise self.fail(optimizer, f"an optimizer argument reads `{min(read)}`, a placeholder or tensor of the graph "
                            "(fed or computed at each run in TF 1.x)")
        short = (c.call_name(optimizer) or "").removeprefix(V1_OPTIMIZER)
        if short in OWN_RULES:  # v1's rule written out by the step (`V1_RMSPROP`)
            positional, defaults = OWN_RULES[short]
            given = optimizer_arguments(optimizer, positional, self.fail)
            centered = given.pop("centered", None)
            if centered is not None and not (isinstance(centered, ast.Constant) and centered.value is False):
                raise self.fail(centered, f"{short}(centered=...) is not converted (only the plain rule)")
            if "learning_rate" not in given:
                raise self.fail(optimizer, "optimizer arguments not converted")
            if not getattr(self, "rmsprop", None):
                self.rmsprop = next(n for n in ("V1RMSProp", *(f"V1RMSProp{k}" for k in range(2, 99)))
                                    if n not in c.used_names)
            return f"{self.rmsprop}(" + ", ".join(f"{k}={c.source(v)}" for k, v in given.items()
                                                  if k not in ("use_locking", "name")) + ")"
        keras, positional, renames, defaults = _optimizer_table()[short]
        values = {param: c.source(node) for param, node in optimizer_arguments(optimizer, positional, self.fail).items()}
        return keras_optimizer_text(c.tf("tf.keras.optimizers." + keras), values, renames, defaults,
                                    lambda why: self.fail(optimizer, why))

    def _structured(self, attr: str) -> bool:
        """The graph attribute holds a list, tuple or dict of tensors (Session.run returned one of
        NumPy values): a display or comprehension, an op returning several tensors, followed
        through the names it is bound from."""
        stmt = self.graph_attrs[attr]
        value = stmt.value if isinstance(stmt, ast.Assign) else None
        for _ in range(8):
            if isinstance(value, (ast.List, ast.Tuple, ast.Dict, ast.ListComp, ast.DictComp, ast.GeneratorExp)) or \
                    isinstance(value, ast.Call) and self.c.call_name(value) in STRUCTURED_OPS:
                return True
            if not isinstance(value, ast.Name):
                return False
            bound = [s for s in self.graph if isinstance(s, ast.Assign) and value.id in _names_bound(s)
                     and self.body.index(s) < self.body.index(stmt)]
            if not bound:
                return False
            stmt = bound[-1]
            value = stmt.value if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) else None
        return False

    def _line_edits(self, edits) -> list[tuple[int, int, str]]:
        """Each run call replaced in its lines (several runs on one line together)."""
        c = self.c
        by_lines: dict[tuple[int, int], list] = {}
        for call, made in edits:
            if made is None:  # values computed where they were made: what Session.run returned of them
                built = getattr(self, "built_runs", {}).get(id(call))  # (`_built_fetch`)
                by_lines.setdefault((call.lineno, call.end_lineno), []).append(
                    (call, built["text"] if built else f"fetched_values({c.source(call.args[0])})"))
                continue
            name, attrs, listed, feeds, rename = made
            args = ", ".join(f"{rename[p]}={c.source(v)}" for p, v in feeds.items())
            invoked = f"self.{name}({args})"
            if listed:
                text = f"fetched_values({invoked})"
            elif attrs[0] in self.trains:
                text = invoked
            elif self._structured(attrs[0]):
                text = f"fetched_values({invoked})"  # a list of assign ops, tf.split's tensors, ...
            else:
                text = f"{invoked}.numpy()"
            by_lines.setdefault((call.lineno, call.end_lineno), []).append((call, text))
        out = []
        merged: list[list] = []
        for (first, last), items in sorted(by_lines.items()):
            if merged and first <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], last)
                merged[-1][2] += items
            else:
                merged.append([first, last, list(items)])
        for first, last, items in merged:
            text = "".join(c.lines[first - 1:last])
            base = c.starts[first - 1]
            comments = []
            for call, new in sorted(items, key=lambda i: -c.offset(i[0])):
                comments = _comments(c.source(call)) + comments
                text = text[:c.offset(call) - base] + new + text[c.end_offset(call) - base:]
            # the comments inside a run written over several lines (`{self.s: s,  # shape=[None, n_obs]`) stay,
            # above the statement
            indent = _indent(c.lines[first - 1])
            out.append((first, last, "".join(f"{indent}{comment}\n" for comment in comments) + text))
        return out

    # -- who else reads what the graph read or built --------------------------------
    def _check_observers(self) -> None:
        c = self.klass
        graph_reads_attrs = set().union(*(_self_read(s) for s in self.graph)) - set(self.placeholders) - set(self.graph_attrs)
        read_names: set[str] = set()  # what the graph statements before the statement read
        read_attrs: set[str] = set()
        for stmt in self.body:
            if stmt in self.graph:
                read_names |= _names_read(stmt)
                read_attrs |= _self_read(stmt)
            elif stmt in self.setup:
                changed = _names_bound(stmt) & read_names - self.generations
                if changed:
                    raise self.fail(stmt, f"`{min(changed)}`, read by the graph part of `__init__`, is bound again "
                                    "after it (the graph read its value when built)")
                touched = (_self_bound(stmt) | self._mutated(stmt)) & read_attrs & graph_reads_attrs
                if touched:
                    raise self.fail(stmt, f"`self.{min(touched)}`, read by the graph part of `__init__`, changes "
                                    "after it (the graph read its value when built)")
        inlined = [m for _, m in self.inlined]
        for method in c.body:
            if isinstance(method, ast.FunctionDef) and method is not self.init and method not in inlined:
                if method is self.constructor and self.build_call is None and self.init is not self.constructor:
                    continue  # the object is made before the program calls the method building the graph
                after = method.body if method is not self.constructor or self.build_call is None else \
                    [s for s in method.body[method.body.index(self.build_call) + 1:] if s not in self.tail]
                touched = set().union(*((_self_bound(s) | self._mutated(s)) for s in after)) & (
                    graph_reads_attrs | set(self.graph_attrs) | set(self.placeholders))
                if touched:
                    raise self.fail(method, f"`{method.name}` changes `self.{min(touched)}`, which the graph part "
                                    "of `__init__` read or built")
        # outside the class: no attribute of the graph read or set
        watched = set(self.graph_attrs) | set(self.placeholders)
        for node in ast.walk(self.c.tree):
            if isinstance(node, ast.Attribute) and node.attr in watched and not _self_attribute(node) and not (
                    c.lineno <= node.lineno <= c.end_lineno) and not (self.c.qual(node) or "").startswith("tf."):
                # (not TensorFlow's own `tf.compat.v1.train` beside a class's `self.train`: MorvanZhou's name)
                raise self.c.fail(node, f"`.{node.attr}` of a `{c.name}` object read outside the class: a tensor of the "
                                  "graph its `__init__` builds, which TF 2 code has not")
        for stmt in ast.walk(self.c.tree):
            if not isinstance(stmt, ast.stmt) or c.lineno <= stmt.lineno <= c.end_lineno:
                continue
            for node in ast.walk(stmt):
                changed = node.target if isinstance(node, ast.AugAssign) else node.func.value if isinstance(
                    node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in IN_PLACE else \
                    node.value if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) else node
                if isinstance(changed, ast.Attribute) and changed.attr in graph_reads_attrs and not _self_attribute(changed) \
                        and (changed is not node or isinstance(node.ctx, ast.Store)):
                    raise self.c.fail(changed, f"`.{changed.attr}` of a `{c.name}` object changed outside the class, whose "
                                      "graph read it when built")
        # inside the methods, graph attributes and placeholders only in the runs converted
        for method in c.body:
            if isinstance(method, ast.FunctionDef) and method is not self.init and method not in inlined:
                runs = {id(n) for n in ast.walk(method) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                        and n.func.attr == "run" and _self_attribute(n.func.value, self.session)}
                inside = {id(x) for r in ast.walk(method) if id(r) in runs for x in ast.walk(r)} | {
                    id(x) for bound in [*getattr(self, "feed_statements", []), *self.tail] for x in ast.walk(bound)}
                for node in ast.walk(method):
                    if _self_attribute(node) and node.attr in watched and id(node) not in inside:
                        raise self.fail(node, f"`self.{node.attr}` used outside a Session.run (a tensor of the graph, "
                                        "which TF 2 code has not)")

    def _mutated(self, node) -> set[str]:
        out = set()
        for n in ast.walk(node):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in IN_PLACE \
                    and _self_attribute(n.func.value):
                out.add(n.func.value.attr)
            elif isinstance(n, ast.AugAssign) and _self_attribute(n.target):
                out.add(n.target.attr)
            elif isinstance(n, (ast.Assign, ast.AugAssign)):
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                    if isinstance(t, ast.Subscript) and _self_attribute(t.value):
                        out.add(t.value.attr)
        return out

    def _drop_set_session(self) -> list[tuple[int, int, str]]:
        out = []
        for method in self.klass.body:
            if not isinstance(method, ast.FunctionDef) or method is self.init or method is self.constructor:
                continue
            params = [a.arg for a in method.args.args[1:]]
            binds = [s for s in method.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                     and _self_attribute(s.targets[0], self.session) and isinstance(s.value, ast.Name) and s.value.id in params]
            if not binds:
                continue
            if len(method.body) != 1 or len(params) != 1:
                raise self.fail(method, f"`{method.name}` does more than keep the Session (`self.{self.session} = "
                                f"{params[0] if params else '...'}`)")
            out.append(self._method_lines(method))
            self.setter = method.name
        return out

    def _method_lines(self, method: ast.FunctionDef) -> tuple[int, int, str]:
        """The method's lines removed, with the blank lines after it (not after the class's last method)."""
        first, last = self._stmt_lines(method)
        end = last
        while end < len(self.c.lines) and not self.c.lines[end].strip():
            end += 1
        if end >= len(self.c.lines) or end > self.klass.end_lineno:
            end = last  # the class's last method: keep the blank lines after it
        return first, end, ""

    def _enter_region(self, stmt, entered: list, previous_end: int) -> tuple[int, list[str]]:
        """Writing the graph method's statements in order, `stmt` (None: past the last) may lie in
        an inlined method (`_inline`) other than the one written so far: the line to count the next
        gap from, and the comment lines above the call of each method entered (the call's own line
        goes). `entered` is the stack of (call, method) whose lines are being written."""
        c = self.c
        region = None
        if stmt is not None:
            region = next(((call, m) for call, m in self.inlined if m.lineno <= stmt.lineno <= m.end_lineno), None)
        chain = []
        while region is not None:
            chain.append(region)
            call = region[0]
            region = next(((k, m) for k, m in self.inlined if m.lineno <= call.lineno <= m.end_lineno), None)
        comments: list[str] = []
        while entered and entered[-1] not in chain:
            previous_end = entered.pop()[0].end_lineno  # back in the method holding the call
        for call, method in reversed(chain):
            if (call, method) in entered:
                continue
            comments += [c.lines[n - 1] for n in range(previous_end + 1, call.lineno) if c.lines[n - 1].lstrip().startswith("#")]
            first = next(s for s in method.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                                                          and isinstance(s.value.value, str)))
            previous_end = first.lineno - 1
            while previous_end > method.lineno and (not c.lines[previous_end - 1].strip()
                                                    or c.lines[previous_end - 1].lstrip().startswith("#")):
                previous_end -= 1
            entered.append((call, method))
        return previous_end, comments


def _program_sessions(c: Converter, classes: list[ast.ClassDef], removed: list[ast.expr],
                      imported: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """The program's Sessions whose only uses are the initializer's run, handing them to the
    converted classes (`x.set_session(s)`) and `close()`: those statements go; a `with`
    Session block is replaced by its body; `tf.summary.FileWriter(logdir, sess.graph)` as a
    statement of its own is `tf.summary.create_file_writer(logdir)`. A Session used otherwise
    raises Fallback. `imported`: the other modules' converted classes as the program calls them
    (`dqn.DQN`, tf2_crossfile)."""
    setters = {f.name for k in classes for f in k.body if isinstance(f, ast.FunctionDef) and f.name != "__init__"
               and any(isinstance(s, ast.Assign) and _self_attribute(s.targets[0]) for s in f.body) and len(f.body) == 1}
    out: list[tuple[int, int, str]] = []  # the set_session calls
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    inits = {t.id for n in ast.walk(c.tree) if isinstance(n, ast.Assign) and c.call_name(n.value) in INITIALIZERS
             for t in n.targets if isinstance(t, ast.Name)}
    class_lines = [(k.lineno, k.end_lineno) for k in classes]
    for node in ast.walk(c.tree):
        if any(a <= getattr(node, "lineno", 0) <= b for a, b in class_lines):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) \
                and node.value.func.attr in setters:
            out.append((node.lineno, node.end_lineno, ""))
    sessions = []
    for node in ast.walk(c.tree):
        if any(a <= getattr(node, "lineno", 0) <= b for a, b in class_lines):
            continue
        if isinstance(node, ast.Assign) and c.call_name(node.value) in (SESSION, INTERACTIVE) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            sessions.append((node, node.targets[0].id, node.value))
        elif isinstance(node, ast.With):
            for item in node.items:
                if c.call_name(item.context_expr) in (SESSION, INTERACTIVE) and isinstance(item.optional_vars, ast.Name):
                    if len(node.items) != 1:
                        raise c.fail(node, "a Session block with other context managers beside a model class's Session")
                    sessions.append((node, item.optional_vars.id, item.context_expr))
    deleted: set[int] = set()
    shown: dict[int, str] = {}  # line -> its text with a FileWriter showing a Session's graph made alone
    dedents: list[tuple[int, int, str, str, set[int]]] = []
    for start, end, _ in out:
        deleted.update(range(start, end + 1))
    for binding, name, call in sessions:
        if isinstance(parents.get(id(binding)), ast.ClassDef):
            raise c.fail(binding, "a Session made in a class body (a class attribute), beside model classes keeping one")
        if call.args or call.keywords:
            raise c.fail(call, "a Session with arguments handed to a model class (its options are not converted here)")
        scope = _enclosing(binding, parents) or c.tree
        for use in _scope_names(scope, name, class_lines):
            parent = parents.get(id(use))
            call_node = parents.get(id(parent)) if isinstance(parent, ast.Attribute) else parent
            stmt = enclosing_statement(use, parents)
            if isinstance(parent, ast.Attribute) and parent.attr == "run" and isinstance(call_node, ast.Call) \
                    and len(call_node.args) == 1 and not call_node.keywords and (
                    c.call_name(call_node.args[0]) in INITIALIZERS
                    or isinstance(call_node.args[0], ast.Name) and call_node.args[0].id in inits) \
                    and isinstance(stmt, ast.Expr) \
                    or isinstance(parent, ast.Attribute) and parent.attr == "close" and isinstance(stmt, ast.Expr):
                deleted.update(range(stmt.lineno, stmt.end_lineno + 1))  # the initializer's run, `close()`
            elif isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in setters \
                    or any(use is r or getattr(r, "value", None) is use for r in removed):
                pass  # dropped above, or an argument of a converted class's constructor dropped below
            elif isinstance(parent, ast.Attribute) and parent.attr == "graph" and isinstance(call_node, ast.Call) \
                    and c.call_name(call_node) == "tf.compat.v1.summary.FileWriter" and len(call_node.args) == 2 \
                    and call_node.args[1] is parent and not call_node.keywords and isinstance(stmt, ast.Expr) \
                    and stmt.value is call_node and stmt.lineno == stmt.end_lineno:
                # the graph shown (Morvan's `if OUTPUT_GRAPH: tf.summary.FileWriter("logs/", sess.graph)`): the
                # writer alone, as the engine writes a FileWriter's graph argument (TF 2 code has no graph)
                line = c.lines[stmt.lineno - 1]
                raw = line.encode("utf-8")
                shown[stmt.lineno] = (raw[:call_node.col_offset].decode("utf-8")
                                      + f"{c.tf('tf.summary.create_file_writer')}({c.source(call_node.args[0])})"
                                      + raw[call_node.end_col_offset:].decode("utf-8"))
            elif isinstance(parent, ast.Attribute) and parent.attr == "run" and isinstance(call_node, ast.Call) \
                    and call_node.func is parent and _eager_fetch(c, classes, call_node, class_lines):
                # `sess.run(ensemble_accuracy)` of ops on the runs' NumPy results (hunkim's lab-11-5): computed
                # eagerly where they were built, from the values the graph captured there
                fetched = call_node.args[0]
                line = c.lines[call_node.lineno - 1]
                raw = line.encode("utf-8")
                shown[call_node.lineno] = (raw[:call_node.col_offset].decode("utf-8") + f"{fetched.id}.numpy()"
                                           + raw[call_node.end_col_offset:].decode("utf-8"))
            else:
                raise c.fail(use, f"the Session `{name}` is used otherwise than to initialize the variables and hand "
                             "it to the model classes (`set_session`), which are converted")
        if isinstance(binding, ast.With):
            # `tf.global_variables_initializer().run()` (or `init.run()`) in the block, where the Session is
            # the default one (freepsw's Lab7_DQN_2013NIPS): the initializer's run, as `sess.run(init)`
            for stmt in _block_statements(binding.body):
                value = stmt.value if isinstance(stmt, ast.Expr) else None
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "run" \
                        and not value.args and not value.keywords and (
                        c.call_name(value.func.value) in INITIALIZERS
                        or isinstance(value.func.value, ast.Name) and value.func.value.id in inits):
                    deleted.update(range(stmt.lineno, stmt.end_lineno + 1))
            deleted.update(range(binding.lineno, binding.body[0].lineno))
            strings = set().union(*(_string_continuation_lines(s) for s in binding.body))
            dedents.append((binding.body[0].lineno, binding.end_lineno, _indent(c.lines[binding.lineno - 1]),
                            _indent(c.lines[binding.body[0].lineno - 1]), strings))
        else:
            deleted.update(range(binding.lineno, binding.end_lineno + 1))
    for node in ast.walk(c.tree):
        if isinstance(node, ast.Assign) and c.call_name(node.value) in INITIALIZERS and len(node.targets) == 1 \
                and not any(a <= node.lineno <= b for a, b in class_lines):
            deleted.update(range(node.lineno, node.end_lineno + 1))
    changed: dict[int, str] = {number: "" for number in deleted}
    changed.update(shown)
    calls = {id(r): call for call in ast.walk(c.tree) if isinstance(call, ast.Call)
             for r in [*call.args, *call.keywords] if any(r is x for x in removed)}
    for argument in sorted(removed, key=lambda r: (-r.lineno, -r.col_offset)):  # right to left on a line
        call = calls[id(argument)]
        siblings = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
        number, _, text = _without(c, siblings, siblings.index(argument))
        if number in changed:  # a second argument removed on the line: cut from the text already changed
            raise c.fail(argument, "two Session arguments on one line")
        changed[number] = text
    made = {k.name for k in classes} | imported
    for node in ast.walk(c.tree):
        # `with tf.variable_scope('Natural_DQN'): natural_DQN = DoubleDQN(..., sess=sess)` (MorvanZhou's
        # run_Pendulum.py): the scope only named the object's variables, which nothing converted reads
        # (as the class's own scope blocks, opened above) -> `with tf.name_scope('Natural_DQN'):`
        if isinstance(node, ast.With) and len(node.items) == 1 and node.items[0].optional_vars is None \
                and not any(a <= node.lineno <= b for a, b in class_lines) and c._plain_variable_scope(node.items[0]) \
                and node.items[0].context_expr.lineno == node.items[0].context_expr.end_lineno \
                and any(isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute)) and c.source(n.func) in made
                        for inner in node.body for n in ast.walk(inner)):
            context = node.items[0].context_expr
            line = changed.get(context.lineno, c.lines[context.lineno - 1])
            raw = line.encode("utf-8")
            named = context.args[0] if context.args else context.keywords[0].value
            changed[context.lineno] = (raw[:context.col_offset].decode("utf-8") + f"{c.tf('tf.name_scope')}({c.source(named)})"
                                       + raw[context.end_col_offset:].decode("utf-8"))
    for first, last, outer, inner, strings in dedents:
        for number in range(first, last + 1):
            line = changed.get(number, c.lines[number - 1])
            if number not in strings and line.strip() and line.startswith(inner):
                changed[number] = outer + line[len(inner):]
    return [(number, number, text) for number, text in sorted(changed.items())]


def _block_statements(body: list[ast.stmt]):
    """The statements of `body` and of the blocks nested in it (not of a function or class
    defined there, which runs elsewhere)."""
    for stmt in body:
        yield stmt
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody"):
                yield from _block_statements(getattr(stmt, field, []))
            for handler in getattr(stmt, "handlers", []):
                yield from _block_statements(handler.body)


def _removal_span(c: Converter, siblings: list, index: int) -> tuple[int, int]:
    """The offsets of `siblings[index]` (an argument or parameter) with its comma."""
    node = siblings[index]
    if index + 1 < len(siblings):
        return c.offset(node), c.offset(siblings[index + 1])
    if index > 0:
        return c.end_offset(siblings[index - 1]), c.end_offset(node)
    return c.offset(node), c.end_offset(node)


def _without(c: Converter, siblings: list, index: int) -> tuple[int, int, str]:
    """The line holding `siblings[index]` (an argument or parameter) with it and its comma gone;
    Fallback when it and the comma are not on one line."""
    node = siblings[index]
    start, end = _removal_span(c, siblings, index)
    first = c.text.count("\n", 0, start) + 1
    if c.text.count("\n", 0, end) + 1 != first:
        raise c.fail(node, "a Session argument or parameter written over several lines")
    line = c.lines[first - 1]
    base = c.starts[first - 1]
    return first, first, line[:start - base] + line[end - base:]


def _eager_fetch(c: Converter, classes: list[ast.ClassDef], call: ast.Call, class_lines) -> bool:
    """`sess.run(t)` (one line, no feed) of a name the module binds once, at its top level and before
    the run, to TensorFlow ops (not random, no variable, placeholder or TF 1.x API) whose inputs are
    names bound the same way or plain values: names whose bindings call no TensorFlow and, of the
    converted classes' objects, only methods returning their Session's run (NumPy, as converted).
    TF 1.x built those ops on constants holding the values where they were built and ran them; the
    eager ops compute the same there, and the run reads the tensor's value."""
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name) \
            or call.lineno != call.end_lineno:
        return False
    runs_only = {f.name for k in classes for f in k.body if isinstance(f, ast.FunctionDef) and f.name != "__init__"
                 and all(isinstance(r.value, ast.Call) and isinstance(r.value.func, ast.Attribute)
                         and r.value.func.attr == "run" and _self_attribute(r.value.func.value)
                         for r in ast.walk(f) if isinstance(r, ast.Return))
                 and any(isinstance(r, ast.Return) for r in ast.walk(f))}
    methods = {f.name for k in classes for f in k.body if isinstance(f, ast.FunctionDef)}

    def bindings(name: str) -> list[ast.stmt]:
        return [s for s in ast.walk(c.tree) if isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For))
                and any(isinstance(t, ast.Name) and t.id == name for t in ast.walk(
                    ast.Tuple(elts=s.targets, ctx=ast.Store()) if isinstance(s, ast.Assign) else s.target))]

    def loader(name: str) -> bool:
        """A function or class of the file making no tensor (the compat pass's MNIST `read_data_sets`
        and its `MnistDataSet`: NumPy, and TensorFlow's dataset download and dtype only)."""
        owner = c.local_functions.get(name) or c.local_classes.get(name)
        if owner is None or owner in classes:
            return False
        for node in ast.walk(owner):
            called = c.call_name(node) if isinstance(node, ast.Call) else None
            called = "tf." + called.removeprefix("tensorflow.") if called and called.startswith("tensorflow.") else called
            if called and called.startswith("tf.") and not (called.startswith("tf.keras.datasets.")
                                                           or called == "tf.as_dtype"):
                return False
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id != name \
                    and node.func.id in c.local_classes and not loader(node.func.id):
                return False
        return True

    def plain(name: str, seen: frozenset) -> bool:  # a Python value: its bindings call no TensorFlow
        for stmt in bindings(name):
            if any(a <= stmt.lineno <= b for a, b in class_lines):
                return False
            value = stmt.iter if isinstance(stmt, ast.For) else stmt.value
            for node in ast.walk(value) if value is not None else ():
                if isinstance(node, ast.Call):
                    # NumPy, a builtin or a converted class's method returning its run: no tensor made
                    func = node.func
                    root = func
                    while isinstance(root, ast.Attribute):
                        root = root.value
                    module = c.imported_from.get(root.id, "") if isinstance(root, ast.Name) else ""
                    if isinstance(func, ast.Attribute) and func.attr in methods:
                        if func.attr not in runs_only:
                            return False
                    elif not (module.split(".")[0] in ("numpy", "math") or isinstance(func, ast.Name)
                              and (func.id in dir(builtins) and func.id not in c.local_functions or loader(func.id))
                              or isinstance(func, ast.Attribute) and isinstance(root, ast.Name) and not module
                              and root.id not in seen and root.id != name and plain(root.id, seen | {name})):
                        return False  # (a method of a plain value: `rng.rand(20, 64)`, `mnist.train.next_batch(n)`)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in seen \
                        and node.id != name and not (c.imported_from.get(node.id) or node.id in c.local_classes) \
                        and bindings(node.id) and not plain(node.id, seen | {name}):
                    return False
        return True

    def graph(name: str, seen: frozenset) -> bool:  # ops of the module on such values
        bound = bindings(name)
        if len(bound) != 1 or not isinstance(bound[0], ast.Assign) or bound[0] not in c.tree.body \
                or bound[0].lineno >= call.lineno or name in seen:
            return False
        for node in ast.walk(bound[0].value):
            if isinstance(node, ast.Call):
                called = c.call_name(node) or ""
                if not called.startswith("tf.") or called.startswith("tf.compat.") or _is_random_op(called) \
                        or called in VARIABLE_CALLS or called == PLACEHOLDER:
                    return False
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id != c.alias \
                    and not c.imported_from.get(node.id):
                tensor = any(isinstance(n, ast.Call) and (c.call_name(n) or "").startswith("tf.")
                             for s in bindings(node.id) for n in ast.walk(s))
                if not (graph(node.id, seen | {name}) if tensor else plain(node.id, seen | {name})):
                    return False
        return True
    return graph(call.args[0].id, frozenset())


def _without_default(c: Converter, param: ast.arg, default: ast.expr) -> tuple[int, int, str]:
    """The line holding the parameter `param=default` with it and a comma beside it gone (the line
    itself when they are all it holds: a comma ending the line before is a trailing one, which a
    `def` allows); Fallback when they are not on one line."""
    first = param.lineno
    line = c.lines[first - 1]
    base = c.starts[first - 1]
    start, end = c.offset(param), c.end_offset(default)
    before, rest = line[:start - base], line[end - base:]
    if default.end_lineno != first:
        raise c.fail(param, "a Session parameter with a default value written over several lines")
    if not before.strip() and rest.strip() in ("", ","):
        return first, first, ""
    if rest.lstrip().startswith(","):
        return first, first, before + rest.lstrip()[1:].lstrip(" ")
    if before.rstrip().endswith(","):
        return first, first, before.rstrip()[:-1] + rest
    raise c.fail(param, "a Session parameter with a default value and no comma beside it on its line")


def _scope_names(scope, name: str, skipped: list[tuple[int, int]]):
    """The loads of `name` in `scope` that are its binding's: not in the converted classes, nor in
    a nested function or class with a parameter or local of that name."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if any(a <= getattr(node, "lineno", 0) <= b for a, b in skipped) and isinstance(node, ast.stmt):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and (
                name in {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)} or isinstance(node, ast.FunctionDef) and name in {
                    n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}):
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _enclosing(node, parents):
    p = parents.get(id(node))
    while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        p = parents.get(id(p))
    return p


# v1 dense's parameters after `inputs`, in order (tf.compat.v1.layers.dense)
DENSE = "tf.compat.v1.layers.dense"
COMPAT_GLOROT = "CompatGlorotUniform"  # tf2_layers.INITIALIZER: tf_keras' default kernel, seeded by Python's random
DENSE_PARAMS = ("units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "trainable", "name",
                "reuse")
# the other v1 layers a model class's method may call (`_layer_edit`): (parameters after `inputs`, required)
CLASS_LAYERS = {
    DENSE: (DENSE_PARAMS, ("units",)),
    "tf.compat.v1.layers.conv2d": (("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                                    "activation", "use_bias", "kernel_initializer", "bias_initializer",
                                    "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                                    "bias_constraint", "trainable", "name", "reuse"), ("filters", "kernel_size")),
    "tf.compat.v1.layers.max_pooling2d": (("pool_size", "strides", "padding", "data_format", "name"),
                                          ("pool_size", "strides")),
    "tf.compat.v1.layers.dropout": (("rate", "noise_shape", "seed", "training", "name"), ()),
}


def _class_layers(c: Converter, classes: list[ast.ClassDef]):
    """(new text, a function taking a Fallback of it back to `c`'s text), or None: each v1
    `name = tf.compat.v1.layers.dense(inputs, units, ...)` of a Session-keeping class's method
    body (plain `with` blocks opened) written as what v1 built there, two variables and the
    math (Morvan's policy-gradient and actor-critic agents, hunkim's DQN)::

        layer = tf.compat.v1.layers.dense(inputs=self.tf_obs, units=10, activation=tf.nn.tanh,
            kernel_initializer=tf.compat.v1.random_normal_initializer(mean=0, stddev=0.3), name='fc1')
    ->
        fc1_kernel = tf.compat.v1.get_variable('fc1/kernel', [self.n_features, 10],
                                               initializer=tf.compat.v1.random_normal_initializer(mean=0, stddev=0.3))
        fc1_bias = tf.compat.v1.get_variable('fc1/bias', [10], initializer=tf.compat.v1.zeros_initializer())
        layer = tf.nn.tanh(tf.nn.bias_add(tf.matmul(self.tf_obs, fc1_kernel), fc1_bias))

    which the class conversion then reads as any get_variable (made once in the setup, its
    initializer's draw written out, one op seed counted per random kernel where TF 1.x's layer
    asked for it: the kernel before the bias) and a graph statement. TF 1.x's layer (tf_keras'
    legacy Dense, `core_ops.dense`) computed exactly that for rank-2 inputs: `matmul(inputs,
    kernel)`, `bias_add`, the activation. The input's last dimension is the fed placeholder's
    (`self.x = placeholder(tf.float32, [None, n])` of the method, through plain name aliases
    `net = self._X`), an earlier dense's `units`, or the sum of the widths a `tf.concat(..., axis=1)`
    joins (`_derived_shape`: Curiosity's `sa`, through `tf.expand_dims(axis=1)` and `tf.cast`);
    anything else (another rank, dtype or input, regularizers, constraints, `reuse`) raises
    Fallback naming it; `trainable=` goes to both variables. With no
    kernel_initializer the kernel is Keras' GlorotUniform, drawn asking the graph for no seed as
    tf_keras' was; in a file seeding Python's `random` (which tf_keras' GlorotUniform drew its
    stateless seed from, where the layer was built) tf2_layers' `CompatGlorotUniform`, written
    above the first class and made where the layer was (measured: tf2_layers' docstring)."""
    from migrate.tf2_layers import _drop_legacy_switch, fallback_mapper

    calls = [n for k in classes for n in ast.walk(k) if isinstance(n, ast.Call) and c.call_name(n) in CLASS_LAYERS]
    if not calls:
        return None
    python_seed = any(isinstance(n, ast.Call) and _dotted(n.func) == "random.seed" for n in ast.walk(c.tree))
    tf = c.alias
    taken = set(c.used_names)
    counts: dict[tuple, int] = {}  # (variable scope path, layer name) -> layers so named there (`_dense_edit`)
    edits: list[tuple[int, int, str]] = []  # (first line, last line, new lines)
    for klass in classes:
        for method in klass.body:
            if not isinstance(method, ast.FunctionDef):
                continue
            inside = {id(n) for n in ast.walk(method) if isinstance(n, ast.Call) and c.call_name(n) in CLASS_LAYERS}
            if not inside:
                continue
            widths: dict[str, tuple[str, int]] = {}  # name or `self.a` -> (last dimension's source, rank)
            others: dict[str, tuple[str | None, int, str]] = {}  # placeholders of other dtypes or ranks (+ dtype)
            for stmt, var_path, _ in _scoped(c, method, method.body):
                target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
                key = c.source(target) if isinstance(target, (ast.Name, ast.Attribute)) else None
                call = stmt.value if isinstance(stmt, ast.Assign) else None
                if key is not None and isinstance(call, ast.Call) and c.call_name(call) == DENSE:
                    edits.append(_dense_edit(c, klass, stmt, call, key, widths, taken, python_seed, var_path, counts))
                    widths[key] = (c.source(_dense_arguments(c, klass, call)["units"]), 2)
                    continue
                if key is not None and isinstance(call, ast.Call) and c.call_name(call) in CLASS_LAYERS:
                    edits.append(_layer_edit(c, klass, stmt, call, key, widths, taken, var_path, counts))
                    continue
                for node in ast.walk(stmt):
                    if id(node) in inside:
                        construct = c.call_name(node).replace("tf.", tf + ".", 1)
                        raise c.fail(node, f"a v1 {construct.rsplit('.', 1)[-1]} call other than `name = {construct}(...)` "
                                     "in the body of a method "
                                     f"of the model class `{klass.name}` (its variables are made once where that "
                                     "statement is)", construct)
                if key is None:
                    for name in _names_bound(stmt) | {f"self.{a}" for a in _self_bound(stmt)}:
                        widths.pop(name, None)
                        others.pop(name, None)
                    continue
                widths.pop(key, None)
                others.pop(key, None)
                if c.call_name(call) == PLACEHOLDER:
                    shape = call.args[1] if len(call.args) > 1 else next(
                        (k.value for k in call.keywords if k.arg == "shape"), None)
                    dtype = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dtype"), None)
                    if isinstance(shape, (ast.List, ast.Tuple)) and shape.elts and dtype is not None \
                            and c.qual(dtype) == "tf.float32" \
                            and not (isinstance(shape.elts[-1], ast.Constant) and shape.elts[-1].value is None):
                        widths[key] = (c.source(shape.elts[-1]), len(shape.elts))
                    elif isinstance(shape, (ast.List, ast.Tuple)) and len(shape.elts) == 1 and dtype is not None \
                            and c.qual(dtype):
                        others[key] = (None, 1, c.qual(dtype))  # `tfa = placeholder(tf.int32, [None, ])`
                elif isinstance(stmt.value, (ast.Name, ast.Attribute)) and c.source(stmt.value) in widths:
                    widths[key] = widths[c.source(stmt.value)]  # `net = self._X`
                elif isinstance(call, ast.Call) and c.call_name(call) == "tf.reshape" and len(call.args) == 2 \
                        and not call.keywords and isinstance(call.args[1], (ast.List, ast.Tuple)) and call.args[1].elts \
                        and not any(isinstance(e, ast.Starred) for e in call.args[1].elts):
                    last = call.args[1].elts[-1]  # `tf.reshape(self.X, [-1, 28, 28, 1])`: its last dimension written
                    if not (isinstance(last, (ast.Constant, ast.UnaryOp)) and _literal_number(last)
                            and ast.literal_eval(last) < 0):
                        widths[key] = (c.source(last), len(call.args[1].elts))
                elif isinstance(stmt.value, (ast.Name, ast.Attribute)) and c.source(stmt.value) in others:
                    others[key] = others[c.source(stmt.value)]
                elif (derived := _derived_shape(c, stmt.value, widths, others)) is not None:
                    if derived[2] == "tf.float32" and derived[0] is not None and derived[1] == 2:
                        widths[key] = (derived[0], 2)
                    else:
                        others[key] = derived
    if not edits:
        return None
    lines = list(c.lines)
    for first, last, new in sorted(edits, reverse=True):
        lines[first - 1:last] = [new]
    if any(f"{COMPAT_GLOROT}()" in new for _, _, new in edits):
        from migrate.tf2_layers import _initializer_class

        # tf2_layers' CompatGlorotUniform, above the first class and below the imports
        first = min(k.lineno for k in classes)
        imports = [s for s in c.tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) and s.lineno < first]
        at = imports[-1].end_lineno if imports else 0
        lines[at:at] = ["\n\n" + _initializer_class(tf).rstrip("\n") + "\n"]
    new_text = _drop_legacy_switch("".join(lines))
    return new_text, fallback_mapper(c.text, new_text)


def _scope_value(c: Converter, method: ast.AST | None, node: ast.expr) -> str | None:
    """The string a scope's name argument has whenever it runs: a literal, a local the method (or
    class) binds once to one (an inlined call's `name = 'pi'`), or what `Converter._static_value`
    decides for the file; None otherwise (a parameter, a loop variable, a value read at run time)."""
    if isinstance(node, ast.Name) and method is not None and any(
            isinstance(n, ast.Name) and n.id == node.id and not isinstance(n.ctx, ast.Load) for n in ast.walk(method)):
        value = _bound_literal(method, node)
        return value if isinstance(value, str) else None
    value = c._static_value(node)
    return value if isinstance(value, str) else None


def _bound_literal(owner: ast.AST, node: ast.expr):
    """The literal `owner` (a method or class) binds the name `node` to, when it binds it once, by an
    assignment, and has no parameter of that name; else None."""
    if not isinstance(node, ast.Name) or node.id in {a.arg for a in ast.walk(owner) if isinstance(a, ast.arg)}:
        return None
    stores = [n for n in ast.walk(owner) if isinstance(n, ast.Name) and n.id == node.id and not isinstance(n.ctx, ast.Load)]
    binding = [s for s in ast.walk(owner) if isinstance(s, ast.Assign) and len(s.targets) == 1
               and isinstance(s.targets[0], ast.Name) and s.targets[0].id == node.id]
    if len(stores) == 1 and len(binding) == 1 and isinstance(binding[0].value, ast.Constant):
        return binding[0].value.value
    return None


def _scope_paths(c: Converter, method: ast.FunctionDef | None, stmt: ast.With, var_path, name_path):
    """(variable scope path, name scope path) inside a `with` of plain scope blocks (each a tuple of
    names; None where a name is not static): `variable_scope(name)` opens both (the name scope
    possibly made unique by TF 1.x, `eval_net_1`: its name is then a prefix of the real one),
    `name_scope(name)` the name scope alone (get_variable and layers do not read it)."""
    for item in stmt.items:
        call = item.context_expr
        given = call.args[0] if len(call.args) == 1 and not call.keywords else None
        value = _scope_value(c, method, given) if given is not None else None
        value = value if value and "/" not in value.strip("/") and value.strip("/") == value else None
        if c.call_name(call) == "tf.compat.v1.variable_scope":
            var_path = None if var_path is None or value is None or item.optional_vars is not None else var_path + (value,)
        name_path = None if name_path is None or value is None else name_path + (value,)
    return var_path, name_path


def _scoped(c: Converter, method: ast.FunctionDef | None, body: list[ast.stmt], var_path=(), name_path=()):
    """(statement, variable scope path, name scope path) of `body` with its plain scope blocks
    opened (`_opened`), in order."""
    for stmt in body:
        if isinstance(stmt, ast.With) and all(isinstance(i.context_expr, ast.Call) and c.call_name(i.context_expr) in SCOPES
                                              for i in stmt.items):
            yield from _scoped(c, method, stmt.body, *_scope_paths(c, method, stmt, var_path, name_path))
        else:
            yield stmt, var_path, name_path


def _derived_shape(c: Converter, node, widths: dict, others: dict) -> tuple[str | None, int, str] | None:
    """(last dimension's source or None, rank, dtype) of a value computed from the method's known
    ones by `tf.cast(x, tf.float32)`, `tf.expand_dims(x, axis=1)` of a rank-1 value, or
    `tf.concat((a, b), axis=1)` of rank-2 values of one dtype whose widths are known (their sum):
    Curiosity's `sa = tf.concat((s, tf.expand_dims(tf.cast(a, tf.float32), axis=1)), axis=1)`
    feeding a dense layer (`_class_layers`); None for anything else."""
    def axis_of(value) -> int | None:
        return value.value if isinstance(value, ast.Constant) and type(value.value) is int else (
            -value.operand.value if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub)
            and isinstance(value.operand, ast.Constant) and type(value.operand.value) is int else None)

    if isinstance(node, (ast.Name, ast.Attribute)):
        key = c.source(node)
        return (*widths[key], "tf.float32") if key in widths else others.get(key)
    if not isinstance(node, ast.Call):
        return None
    name = c.call_name(node)
    if name == "tf.cast":
        given = bound_arguments(node, ("x", "dtype", "name"))
        inner = None if given is None or "x" not in given or "dtype" not in given else _derived_shape(
            c, given["x"], widths, others)
        return None if inner is None or not c.qual(given["dtype"]) else (inner[0], inner[1], c.qual(given["dtype"]))
    if name == "tf.expand_dims":
        given = bound_arguments(node, ("input", "axis", "name"))
        inner = None if given is None or "input" not in given else _derived_shape(c, given["input"], widths, others)
        if inner is None or inner[1] != 1 or axis_of(given.get("axis")) not in (1, -1):
            return None
        return "1", 2, inner[2]
    if name == "tf.concat":
        given = bound_arguments(node, ("values", "axis", "name"))
        values = given.get("values") if given is not None else None
        if not isinstance(values, (ast.Tuple, ast.List)) or not values.elts or axis_of(given.get("axis")) not in (1, -1):
            return None
        parts = [_derived_shape(c, v, widths, others) for v in values.elts]
        if any(p is None or p[0] is None or p[1] != 2 or p[2] != parts[0][2] for p in parts):
            return None
        return " + ".join(p[0] if re.fullmatch(r"[\w.]+", p[0]) else f"({p[0]})" for p in parts), 2, parts[0][2]
    return None


def _opened(c: Converter, body: list[ast.stmt]) -> list[ast.stmt]:
    """`body` with its `with` blocks of one plain scope each opened (the statements the graph
    method's `_flat` sees)."""
    out = []
    for stmt in body:
        if isinstance(stmt, ast.With) and all(isinstance(i.context_expr, ast.Call) and c.call_name(i.context_expr) in SCOPES
                                              for i in stmt.items):
            out += _opened(c, stmt.body)
        else:
            out.append(stmt)
    return out


def _dense_arguments(c: Converter, klass: ast.ClassDef, call: ast.Call) -> dict[str, ast.expr]:
    """A v1 dense call's arguments by parameter name (`inputs` among them)."""
    return _layer_arguments(c, klass, call, "dense", DENSE_PARAMS, ("units",))


def _layer_arguments(c: Converter, klass: ast.ClassDef, call: ast.Call, kind: str, parameters: tuple,
                     required: tuple) -> dict[str, ast.expr]:
    """A v1 layer call's arguments by parameter name (`inputs` among them)."""
    where = f" in the model class `{klass.name}`"
    construct = f"{c.alias}.compat.v1.layers.{kind}"
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise c.fail(call, f"a v1 {kind} call with *args / **kwargs" + where, construct)
    params = ("inputs", *parameters)
    given = dict(zip(params, call.args))
    for keyword in call.keywords:
        if keyword.arg in given or keyword.arg not in params:
            raise c.fail(call, f"a v1 {kind} call with `{keyword.arg}=` given twice or not {kind}'s" + where, construct)
        given[keyword.arg] = keyword.value
    if len(call.args) > len(params) or "inputs" not in given or any(r not in given for r in required):
        raise c.fail(call, f"a v1 {kind} call without its inputs and {' and '.join(required)}" + where, construct)
    return given


def _pair(node: ast.expr | None, default: tuple[int, int] | None) -> tuple[int, int] | None:
    """A v1 layer's kernel size, pool size or strides written as numbers: an int or a pair."""
    if node is None:
        return default
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool)
                                                                    for v in value):
        return value[0], value[1]
    return None


def _layer_edit(c: Converter, klass: ast.ClassDef, stmt: ast.Assign, call: ast.Call, key: str,
                widths: dict[str, tuple[str, int]], taken: set[str], var_path: tuple | None,
                counts: dict) -> tuple[int, int, str]:
    """The lines replacing `key = tf.compat.v1.layers.conv2d / max_pooling2d / dropout(...)` in a
    model class's method (hunkim's lab-11-4 CNN class), as `_dense_edit` writes dense: what v1's
    layer built there (tf_keras' legacy layers, tensorflow/python/keras/layers):
    - conv2d: a get_variable kernel `[kh, kw, channels, filters]` drawn by the `kernel_initializer`
      given (the compat pass's glorot_uniform_initializer() under a graph seed: one count, where the
      layer was built), a zeros bias, `tf.nn.convolution(inputs, kernel, strides, padding)`,
      `bias_add`, the activation (Conv2D.call); the input's channels read as dense reads its width
      (a placeholder, a `tf.reshape` to a written shape, an earlier layer of the method);
    - max_pooling2d: `tf.nn.max_pool2d(inputs, pool_size, strides, padding)` (Pooling2D.call's op);
    - dropout: the identity with `training` absent or False, `tf.nn.dropout(inputs, rate=r)` with True,
      and with a bool placeholder of the class `tf.nn.dropout(...) if training else tf.identity(...)`
      (v1's smart_cond built a tf.cond: the mask drawn only in runs feeding True; its op seed one count
      where the layer was built, which the class conversion gives it).
    Anything else (data formats, dilations, regularizers, constraints, reuse, trainable, an initializer
    missing, a noise shape or seed) raises Fallback naming it."""
    tf = c.alias
    called = c.call_name(call)
    kind = called.rsplit(".", 1)[-1]
    construct = called.replace("tf.", tf + ".", 1)
    where = f" (model class `{klass.name}`)"
    params, required = CLASS_LAYERS[called]
    given = _layer_arguments(c, klass, call, kind, params, required)
    for param in ("data_format", "dilation_rate", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                  "kernel_constraint", "bias_constraint", "trainable", "reuse", "noise_shape", "seed"):
        value = given.get(param)
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            raise c.fail(value, f"`{param}=` of a v1 {kind} call in a model class: not written here (v1's own "
                         "semantics)" + where, f"{param}={c.source(value)}")
    inputs = given["inputs"]
    source = c.source(inputs)
    width = widths.get(source) if isinstance(inputs, (ast.Name, ast.Attribute)) else None
    indent = _indent(c.lines[stmt.lineno - 1])
    if kind == "dropout":
        training = given.get("training")
        rate = f"rate={c.source(given['rate'])}" if "rate" in given else "rate=0.5"
        if training is None or isinstance(training, ast.Constant) and training.value is False:
            value = f"{tf}.identity({source})"
        elif isinstance(training, ast.Constant) and training.value is True:
            value = f"{tf}.nn.dropout({source}, {rate})"
        elif _self_attribute(training) and _bool_placeholder_attribute(c, klass, training.attr):
            value = f"{tf}.nn.dropout({source}, {rate}) if {c.source(training)} else {tf}.identity({source})"
        else:
            raise c.fail(training, "`training=` of a v1 dropout call in a model class other than True, False or a bool "
                         "placeholder of the class (v1's smart_cond)" + where, f"training={c.source(training)}")
        if width is not None:
            widths[key] = width
        return stmt.lineno, stmt.end_lineno, f"{indent}{key} = {value}\n"
    padding = given.get("padding")
    padding_text = padding.value.upper() if isinstance(padding, ast.Constant) and isinstance(padding.value, str) \
        and padding.value.lower() in ("same", "valid") else "VALID" if padding is None else None
    if padding_text is None:
        raise c.fail(padding, f"`padding=` of a v1 {kind} call other than 'same' or 'valid'" + where,
                     f"padding={c.source(padding)}")
    if width is None or width[1] != 4:
        raise c.fail(inputs, f"the input of a v1 {kind} call in a model class is not a rank-4 value whose channels the "
                     "method writes (a placeholder, a `tf.reshape` to a written shape, an earlier layer's output)" + where,
                     source)
    if kind == "max_pooling2d":
        pool, strides = _pair(given["pool_size"], None), _pair(given["strides"], None)
        if pool is None or strides is None:
            raise c.fail(call, "a v1 max_pooling2d call whose pool size or strides are not numbers" + where, construct)
        widths[key] = width
        return stmt.lineno, stmt.end_lineno, (f"{indent}{key} = {tf}.nn.max_pool2d({source}, ksize={list(pool)}, "
                                              f"strides={list(strides)}, padding={padding_text!r})\n")
    size, strides = _pair(given["kernel_size"], None), _pair(given.get("strides"), (1, 1))
    initializer = given.get("kernel_initializer")
    if size is None or strides is None:
        raise c.fail(call, "a v1 conv2d call whose kernel size or strides are not numbers" + where, construct)
    if initializer is None or isinstance(initializer, ast.Constant) and initializer.value is None:
        raise c.fail(call, "a v1 conv2d call in a model class with tf_keras' default kernel initializer (drawn from "
                     "Python's `random`): not written here" + where, construct)
    use_bias = given.get("use_bias")
    if use_bias is not None and not (isinstance(use_bias, ast.Constant) and isinstance(use_bias.value, bool)):
        raise c.fail(use_bias, "`use_bias=` other than True or False of a v1 conv2d call in a model class" + where,
                     f"use_bias={c.source(use_bias)}")
    name = given.get("name")
    if name is not None and not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        raise c.fail(name, "`name=` other than a string of a v1 conv2d call in a model class" + where,
                     f"name={c.source(name)}")
    base = name.value if name is not None else "conv2d"
    made = counts.get((var_path, base), 0)
    counts[(var_path, base)] = made + 1
    label = f"{base}_{made}" if made else base
    stem = re.sub(r"\W", "_", label.split("/")[-1]) or "conv2d"
    stem = stem if stem[0].isalpha() or stem[0] == "_" else "conv2d_" + stem
    kernel = next(n for n in (f"{stem}_kernel", *(f"{stem}_{k}_kernel" for k in range(2, 10 ** 4))) if n not in taken)
    bias = kernel.removesuffix("_kernel") + "_bias"
    taken |= {kernel, bias}
    filters = c.source(given["filters"])
    shape = f"[{size[0]}, {size[1]}, {width[0]}, {filters}]"
    init = c.source(initializer)
    out = [f"{indent}{kernel} = {tf}.compat.v1.get_variable({label + '/kernel'!r}, {shape}, initializer={init})\n"]
    value = f"{tf}.nn.convolution({source}, {kernel}, strides={list(strides)}, padding={padding_text!r})"
    if use_bias is None or use_bias.value:
        bias_init = c.source(given["bias_initializer"]) if given.get("bias_initializer") is not None else \
            f"{tf}.compat.v1.zeros_initializer()"
        out.append(f"{indent}{bias} = {tf}.compat.v1.get_variable({label + '/bias'!r}, [{filters}], "
                   f"initializer={bias_init})\n")
        value = f"{tf}.nn.bias_add({value}, {bias})"
    value = _activated(c, given.get("activation"), value)
    out.append(f"{indent}{key} = {value}\n")
    widths[key] = (filters, 4)
    return stmt.lineno, stmt.end_lineno, "".join(out)


def _bool_placeholder_attribute(c: Converter, klass: ast.ClassDef, attr: str) -> bool:
    """`self.<attr>` is bound once in the class, to `tf.compat.v1.placeholder(tf.bool, ...)`."""
    stores = [n for n in ast.walk(klass) if isinstance(n, ast.Attribute) and n.attr == attr
              and isinstance(n.ctx, ast.Store) and _self_attribute(n)]
    bound = [s for s in ast.walk(klass) if isinstance(s, ast.Assign) and len(s.targets) == 1
             and _self_attribute(s.targets[0]) and s.targets[0].attr == attr]
    if len(stores) != 1 or len(bound) != 1 or not isinstance(bound[0].value, ast.Call) \
            or c.call_name(bound[0].value) != PLACEHOLDER:
        return False
    value = bound[0].value
    dtype = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "dtype"), None)
    return isinstance(dtype, ast.Attribute) and c.qual(dtype) == "tf.bool"


def _dense_edit(c: Converter, klass: ast.ClassDef, stmt: ast.Assign, call: ast.Call, key: str,
                widths: dict[str, tuple[str, int]], taken: set[str], python_seed: bool, var_path: tuple | None = None,
                counts: dict | None = None) -> tuple[int, int, str]:
    """The lines replacing `key = tf.compat.v1.layers.dense(...)` (`_class_layers`). The layer's name
    is the one TF 1.x gave it: its `name=` or `dense`, made unique within its variable scope
    (`variable_scope(None, default_name=name)`: `dense`, `dense_1`, ... counted per scope path, the
    variable names `tf.get_collection(..., scope=)` filters on) when that scope's path is static."""
    tf = c.alias
    construct = tf + ".compat.v1.layers.dense"
    where = f" (model class `{klass.name}`)"
    given = _dense_arguments(c, klass, call)
    for param in ("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                  "bias_constraint", "reuse"):
        value = given.get(param)
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            raise c.fail(value, f"`{param}=` of a v1 dense call in a model class: not written here (v1's own "
                         "semantics: regularization losses, constraints, variable reuse)" + where, f"{param}={c.source(value)}")
    inputs = given["inputs"]
    width = widths.get(c.source(inputs)) if isinstance(inputs, (ast.Name, ast.Attribute)) else None
    if width is None or width[1] != 2:
        raise c.fail(inputs, "the input of a v1 dense call in a model class is not a rank-2 float32 placeholder of the "
                     "method (its shape written out) or an earlier dense's output: its kernel's shape is not known "
                     "here" + where, c.source(inputs))
    name = given.get("name")
    named = isinstance(name, ast.Constant) and isinstance(name.value, str)
    if var_path is not None and counts is not None and (named or name is None):
        base = name.value if named else "dense"
        made = counts.get((var_path, base), 0)
        counts[(var_path, base)] = made + 1
        label = f"{base}_{made}" if made else base
    elif named:
        label = name.value
    else:  # v1's default names in the graph: dense, dense_1, ...
        unnamed = sum(1 for k in taken if k.startswith("<dense>"))
        taken.add(f"<dense>{unnamed}")
        label = f"dense_{unnamed}" if unnamed else "dense"
    base = re.sub(r"\W", "_", label.split("/")[-1]) or "dense"
    if not (base[0].isalpha() or base[0] == "_"):
        base = "dense_" + base
    kernel = next(n for n in (f"{base}_kernel", *(f"{base}_{k}_kernel" for k in range(2, 10 ** 4))) if n not in taken)
    bias = kernel.removesuffix("_kernel") + "_bias"
    taken |= {kernel, bias}
    units = c.source(given["units"])
    initializer = given.get("kernel_initializer")
    if initializer is None or isinstance(initializer, ast.Constant) and initializer.value is None:
        if python_seed:  # tf_keras' GlorotUniform drew its stateless seed from Python's `random`
            if c.imported_from.get("random") != "random":
                raise c.fail(call, "a v1 dense call with the default kernel initializer, drawn from Python's `random` "
                             "(seeded here), which the file does not import as `import random`" + where, construct)
            if COMPAT_GLOROT in c.used_names:
                raise c.fail(call, f"the name `{COMPAT_GLOROT}` (the kernel initializer written for v1 layers) is taken "
                             "in the file" + where, construct)
            kernel_init = f"{COMPAT_GLOROT}()"
        else:
            kernel_init = f"{tf}.keras.initializers.GlorotUniform()"
    else:
        kernel_init = c.source(initializer)
    bias_init = c.source(given["bias_initializer"]) if given.get("bias_initializer") is not None else \
        f"{tf}.compat.v1.zeros_initializer()"
    use_bias = given.get("use_bias")
    if use_bias is not None and not (isinstance(use_bias, ast.Constant) and isinstance(use_bias.value, bool)):
        raise c.fail(use_bias, "`use_bias=` other than True or False of a v1 dense call in a model class" + where,
                     f"use_bias={c.source(use_bias)}")
    with_bias = use_bias is None or use_bias.value
    indent = _indent(c.lines[stmt.lineno - 1])
    # `trainable=`: v1's layer made both variables with it (left out of the trainable ones when False,
    # which minimize with no var_list then did not train, as the tape does not watch them)
    trainable = given.get("trainable")
    flag = "" if trainable is None or isinstance(trainable, ast.Constant) and trainable.value is True else \
        f", trainable={c.source(trainable)}"
    kernel_line = f"{indent}{kernel} = {tf}.compat.v1.get_variable({label + '/kernel'!r}, [{width[0]}, {units}], "
    out = [kernel_line + f"initializer={kernel_init}{flag})\n"]
    value = f"{tf}.matmul({c.source(inputs)}, {kernel})"
    if with_bias:
        out.append(f"{indent}{bias} = {tf}.compat.v1.get_variable({label + '/bias'!r}, [{units}], "
                   f"initializer={bias_init}{flag})\n")
        value = f"{tf}.nn.bias_add({value}, {bias})"
    value = _activated(c, given.get("activation"), value)
    out.append(f"{indent}{key} = {value}\n")
    # the comment lines inside the call go (the statement is written on one line per part)
    return stmt.lineno, stmt.end_lineno, "".join(out)


def _activated(c: Converter, activation: ast.expr | None, value: str) -> str:
    """`value` (a v1 layer's pre-activation text) with the layer's `activation=` applied, as the layer
    applied it (none for None or no argument)."""
    if activation is None or isinstance(activation, ast.Constant) and activation.value is None:
        return value
    text = c.source(activation)
    return f"{text}({value})" if isinstance(activation, (ast.Name, ast.Attribute)) else f"({text})({value})"


def _literal_default(node) -> bool:
    """A parameter default the same whether evaluated where the method was defined or where its
    call is inlined: a literal (`None`, `-1`, `'eval'`) or a dotted name of a module (`tf.nn.relu`)."""
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    while isinstance(node, ast.Attribute):
        node = node.value
    return False if not isinstance(node, ast.Name) else node.id in ("tf", "np", "numpy", "math")


def _final_return(body: list[ast.stmt]) -> ast.Return | None:
    """The `return value` ending `body` (directly or as the last statement of its last `with`
    block, recursively: nothing runs after it but the blocks' exits), else None."""
    last = body[-1] if body else None
    while isinstance(last, ast.With):
        last = last.body[-1]
    return last if isinstance(last, ast.Return) and last.value is not None else None


def _arguments_bound(method: ast.FunctionDef, call: ast.Call, first: int = 1) -> list[tuple[str, ast.expr | None]] | None:
    """(parameter, the call's argument for it, or None for its default) in the order Python
    evaluates the arguments (positional ones, then keywords as written; defaults last, evaluated
    where the method was defined), or None when the call does not bind exactly (starred,
    unknown or repeated arguments, a missing one, a default that is not a literal or module name)."""
    args = method.args
    params = [a.arg for a in args.args[first:]]  # after `self` (first=1) for a method
    defaults = dict(zip(params[len(params) - len(args.defaults):], args.defaults))
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords) \
            or len(call.args) > len(params):
        return None
    bound: list[tuple[str, ast.expr | None]] = list(zip(params, call.args))
    for keyword in call.keywords:
        if keyword.arg not in params or any(keyword.arg == p for p, _ in bound):
            return None
        bound.append((keyword.arg, keyword.value))
    for param in params:
        if not any(param == p for p, _ in bound):
            if param not in defaults or not _literal_default(defaults[param]):
                return None
            bound.append((param, None))
    return bound


def _inline_build_calls(c: Converter, classes: list[ast.ClassDef]):
    """(new text, a function taking a Fallback of it back to `c`'s text), or None: one call of a
    graph-building method with arguments or a value returned, made in `__init__` of a model class
    keeping a Session (or in a method `__init__` calls as `self.m()`), written in the call's place
    (MorvanZhou's DDPG `q = self._build_c(self.S, self.a, scope='eval', trainable=True)`, golbin's
    `self.Q = self._build_network('main')`, Curiosity's `self.tfs, ... = self._build_nets()`)::

        q = self._build_c(self.S, self.a, scope='eval', trainable=True)
    ->
        s = self.S
        a = self.a
        scope = 'eval'
        trainable = True
        with tf.compat.v1.variable_scope(scope):
            ...                                   # the method's statements, as written
            q = tf.compat.v1.layers.dense(net, 1, trainable=trainable)   # was `return ...`

    The same code run in the same order: the arguments evaluated in Python's order and bound to
    the parameters (a parameter left out takes its default, a literal or a module's name, the
    value the definition gave it), the statements, then the returned value bound to the call's
    targets (`return` is the method's last statement, directly or at the end of its `with`
    blocks, whose exits are then all that ran after it). A name of the method that the caller
    uses too (or an earlier call's inlined statements) is renamed in the copy (`net_2`: a local
    of the method, bound by it and read only there). The method goes with its last call. Called
    once per pass (the caller then applies it again, until no call is left); anything not of
    this shape (the method called elsewhere, decorated, reading the Session, with `*args`, other
    returns, nested functions or multi-line strings, arguments that do not bind exactly) is left
    as it was, for the class conversion to name."""
    from migrate.tf2_layers import fallback_mapper

    for klass in classes:
        methods = {f.name: f for f in klass.body if isinstance(f, ast.FunctionDef)}
        constructor = methods.get("__init__")
        if constructor is None:
            continue
        callers = [constructor] + [methods[s.value.func.attr] for s in _opened(c, constructor.body)
                                   if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and _self_attribute(s.value.func)
                                   and s.value.func.attr in methods and s.value.func.attr != "__init__"]
        session = _session_attribute(klass)
        for caller in callers:
            # functions the graph method defines at its top (MorvanZhou's Double / Dueling DQN `def
            # build_layers(s, c_names, ...)` in `_build_net`, called once per network): inlined as its methods are
            nested = {f.name: f for f in caller.body if isinstance(f, ast.FunctionDef)}
            for stmt in _opened(c, caller.body):
                call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
                if not (isinstance(call, ast.Call) and (isinstance(stmt, ast.Expr) or len(stmt.targets) == 1)):
                    continue
                if _self_attribute(call.func) and call.func.attr in methods:
                    method = methods[call.func.attr]
                elif isinstance(call.func, ast.Name) and call.func.id in nested:
                    method = nested[call.func.id]
                else:
                    continue
                edit = _inlined_call(c, klass, caller, stmt, call, method, session)
                if edit is None:
                    continue
                lines = list(c.lines)
                for first, last, new in sorted(edit, reverse=True):
                    lines[first - 1:last] = [new]
                new_text = "".join(lines)
                return new_text, fallback_mapper(c.text, new_text)
    return None


def _inlined_call(c: Converter, klass: ast.ClassDef, caller: ast.FunctionDef, stmt: ast.stmt, call: ast.Call,
                  method: ast.FunctionDef, session: str | None) -> list[tuple[int, int, str]] | None:
    """The line edits writing `stmt` (a call of `method` in `caller`) as the method's statements
    (`_inline_build_calls`), or None when the call is not of that shape. `method` may be a
    function `caller` defines at its top (`local`: called by its name, no `self` parameter; it
    reads `self` and the module's names as the caller does, and no local of the caller)."""
    args = method.args
    local = any(method is f for f in caller.body)
    skip = 0 if local else 1  # the parameters the call binds: after `self` for a method
    if method is caller or method.name == "__init__" or method.decorator_list or args.posonlyargs or args.vararg \
            or args.kwarg or args.kwonlyargs or not local and (not args.args or args.args[0].arg != "self"):
        return None
    returned = _final_return(method.body)
    if not (len(args.args) > skip or returned is not None):
        return None  # no argument, no value: `_ClassRewrite._inline`'s
    if isinstance(stmt, ast.Assign) and returned is None:
        return None
    if isinstance(stmt, ast.Expr) and returned is None and any(
            isinstance(n, ast.Call) and c.call_name(n) == PLACEHOLDER for n in ast.walk(method)):
        return None  # `self.build(D, K)` holding the placeholders: the graph method itself (`_ClassRewrite`)
    inner = [n for n in ast.walk(method) if n is not method]
    if any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal, ast.FunctionDef,
                          ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) and n is not returned for n in inner):
        return None
    if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.end_lineno > n.lineno for n in inner
           if not (method.body and isinstance(method.body[0], ast.Expr) and n is method.body[0].value)):
        return None  # a string over several lines: re-indenting would change it
    if not any(isinstance(n, ast.Call) and ((c.call_name(n) or "").endswith(("Variable", "get_variable")) or (
            c.call_name(n) or "").startswith("tf.compat.v1.layers.") or c.call_name(n) == PLACEHOLDER
            or isinstance(n.func, ast.Attribute) and n.func.attr == "minimize") for n in inner):
        return None  # makes no variable, placeholder or training op: the class conversion calls it from its functions
    if session is not None and session in _self_read(method) | _self_bound(method):
        return None
    statement_calls = {id(s.value.func) for f in ([caller] if local else klass.body) if isinstance(f, ast.FunctionDef)
                       for s in ast.walk(f) if isinstance(s, (ast.Expr, ast.Assign)) and isinstance(s.value, ast.Call)}
    calls = [u for u in ast.walk(c.tree) if isinstance(u, ast.Name) and u.id == method.name] if local else [
        u for u in ast.walk(c.tree) if isinstance(u, ast.Attribute) and u.attr == method.name]
    if not all(id(u) in statement_calls for u in calls):
        return None  # read otherwise than called as a statement of the class (of the caller: a local function)
    bound = _arguments_bound(method, call, skip)
    if bound is None:
        return None
    # the method's locals (parameters, names it binds) and the names it reads of the module
    params = {a.arg for a in args.args[skip:]}
    stores = {n.id for n in inner if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    comprehension = set().union(*(_comprehension_locals(n) for n in inner)) if inner else set()
    local_names = (params | stores) - {"self"}
    free = {n.id for n in inner if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} - local_names - comprehension - {"self"}
    own_nodes = {id(n) for n in ast.walk(method)} if local else set()  # a local function's: not the caller's names
    caller_nodes = [n for n in ast.walk(caller) if id(n) not in own_nodes]
    caller_names = {n.id for n in caller_nodes if isinstance(n, ast.Name)} | {
        a.arg for a in ast.walk(caller.args) if isinstance(a, ast.arg)}
    caller_bound = {n.id for n in caller_nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} | {
        a.arg for a in ast.walk(caller.args) if isinstance(a, ast.arg)}
    if free & caller_bound:
        return None  # a module name the method reads is a local of the caller (a local function's closure)
    # a local function's parameter given the caller's name of the same spelling (`c_names` for `c_names`)
    # and never bound in it reads that name inlined: the value the call bound to it
    same = {p for p, v in bound if isinstance(v, ast.Name) and v.id == p and p not in stores} if local else set()
    taken = set(c.used_names)
    rename: dict[str, str] = {}
    for name in sorted(local_names - comprehension - same):
        if name in caller_names:
            k = 2
            while f"{name}_{k}" in taken:
                k += 1
            rename[name] = f"{name}_{k}"
            taken.add(rename[name])
    if local_names & comprehension:
        return None
    # the method's lines with the names renamed and `return value` as the binding of the call's targets
    body = method.body[1:] if isinstance(method.body[0], ast.Expr) and isinstance(method.body[0].value, ast.Constant) \
        and isinstance(method.body[0].value.value, str) else method.body
    if not body:
        return None
    first_line = body[0].lineno
    while first_line > method.body[0].lineno and c.lines[first_line - 2].lstrip().startswith("#"):
        first_line -= 1
    last_line = method.end_lineno
    substitute = _returned_locals(c, klass, method, stmt, returned, params, stores, free, inner)
    rename.update(substitute)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for n in inner:
        if isinstance(n, ast.Name) and n.id in rename:
            spans.setdefault(n.lineno, []).append((n.col_offset, n.end_col_offset, rename[n.id]))
    if local:  # its attributes read nowhere else: locals of the copy (`_local_attributes`)
        for n, name in _local_attributes(c, method, inner, taken | caller_names | local_names | free):
            spans.setdefault(n.lineno, []).append((n.col_offset, n.end_col_offset, name))
    if returned is not None and not substitute:
        target = "" if isinstance(stmt, ast.Expr) else _renamed_target(c, stmt.targets[0]) + " = "
        spans.setdefault(returned.lineno, []).append((returned.col_offset, returned.value.col_offset, target))
    lines = [line.rstrip("\r\n") for line in c.lines[first_line - 1:last_line]]
    for lineno, edits in spans.items():
        raw = lines[lineno - first_line].encode("utf-8")
        for start, end, new in sorted(edits, reverse=True):
            raw = raw[:start] + new.encode("utf-8") + raw[end:]
        lines[lineno - first_line] = raw.decode("utf-8")
    if substitute:  # the return goes: its names are the targets already
        lines[returned.lineno - first_line:returned.end_lineno - first_line + 1] = []
    own = _indent(c.lines[body[0].lineno - 1])
    indent = _indent(c.lines[stmt.lineno - 1])
    out = [f"{indent}{rename.get(param, param)} = {c.source(value) if value is not None else c.source(_default(method, param, skip))}\n"
           for param, value in bound
           if not (isinstance(value, ast.Name) and value.id == rename.get(param, param))]
    for line in lines:
        out.append(indent + (line[len(own):] if line.startswith(own) else line.lstrip()) + "\n" if line.strip() else "\n")
    while out and not out[-1].strip():
        out.pop()
    edits = [(stmt.lineno, stmt.end_lineno, "".join(out))]
    if len(calls) == 1:  # its last call: the method goes, with its blank lines after it
        first = min([d.lineno for d in method.decorator_list] + [method.lineno])
        end = method.end_lineno
        while end < len(c.lines) and end < klass.end_lineno and not c.lines[end].strip():
            end += 1
        if end >= klass.end_lineno:
            end = method.end_lineno
        edits.append((first, end, ""))
    return edits


def _local_attributes(c: Converter, function: ast.FunctionDef, inner: list, taken: set[str]) -> list[tuple[ast.Attribute, str]]:
    """(node, local name) of each `self.x` a function local to the graph method binds, when `.x`
    (or the string 'x') appears nowhere else in the file: MorvanZhou's Dueling DQN `self.V = ...`,
    `self.A = ...` in `build_layers`, called for the evaluation and the target net. Each object's
    attribute held the last net's tensor, which only the function's next statements read: in the
    copy written at each call they are that copy's locals (`V`, `V_2`), which the class conversion
    then reads as it reads any local, each copy its own."""
    inside = {id(n) for n in inner}
    stored = sorted({n.attr for n in inner if _self_attribute(n) and isinstance(n.ctx, ast.Store)})
    out = []
    for attr in stored:
        if any(id(n) not in inside and (isinstance(n, ast.Attribute) and n.attr == attr or isinstance(n, ast.Constant)
                                        and n.value == attr) for n in ast.walk(c.tree)):
            continue
        if not all(_self_attribute(n) for n in inner if isinstance(n, ast.Attribute) and n.attr == attr):
            continue
        name, k = attr, 2
        while name in taken:
            name, k = f"{attr}_{k}", k + 1
        taken.add(name)
        out += [(n, name) for n in inner if _self_attribute(n, attr)]
    return out


def _returned_locals(c: Converter, klass: ast.ClassDef, method: ast.FunctionDef, stmt: ast.stmt,
                     returned: ast.Return | None, params: set[str], stores: set[str], free: set[str],
                     inner: list) -> dict[str, str]:
    """{local: the call's target written for it} when `return a, b` returns locals the method binds
    once each, by `a = ...` or `a, c = ...` at its top level or in its `with` blocks, and the call's targets are as
    many names or `self.x` attributes (Curiosity's `tfs = tf.placeholder(...)` returned to
    `self.tfs, ... = self._build_nets()`): each local is the target itself where it is bound, the
    return goes, so the class conversion sees `self.tfs = tf.compat.v1.placeholder(...)`. The
    target is bound earlier than the return bound it: the same, as nothing reads it in between
    (not the method, nor a method of the class it calls; a name target is not one the method
    reads of the module). Else {} (the value is bound to the targets where the return was)."""
    if returned is None or not isinstance(stmt, ast.Assign):
        return {}
    values = returned.value.elts if isinstance(returned.value, ast.Tuple) else [returned.value]
    target = stmt.targets[0]
    targets = target.elts if isinstance(target, ast.Tuple) else [target]
    if len(values) != len(targets) or not all(isinstance(v, ast.Name) and v.id in stores and v.id not in params
                                              for v in values):
        return {}
    if not all(isinstance(t, ast.Name) and t.id not in free or _self_attribute(t) for t in targets):
        return {}
    if len({v.id for v in values}) != len(values) or len({c.source(t) for t in targets}) != len(targets):
        return {}

    def plain(body: list[ast.stmt]) -> list[ast.stmt]:  # the statements run once: top level and `with` blocks
        out = []
        for s in body:
            out += plain(s.body) if isinstance(s, ast.With) else [s]
        return out
    once = plain(method.body)
    block = method.body
    while isinstance(block[-1], ast.With):
        block = block[-1].body
    if len(block) == 1:
        return {}  # the return alone in its block: the block would be left empty
    attrs = {t.attr for t in targets if _self_attribute(t)}
    methods = {f.name: f for f in klass.body if isinstance(f, ast.FunctionDef)}
    called = [methods[n.func.attr] for n in inner if isinstance(n, ast.Call) and _self_attribute(n.func)
              and n.func.attr in methods]
    if attrs & set().union(_self_read(method), _self_bound(method), *(_self_read(f) | _self_bound(f) for f in called)):
        return {}
    for value in values:
        binds = [n for n in inner if isinstance(n, ast.Name) and n.id == value.id and not isinstance(n.ctx, ast.Load)]
        if len(binds) != 1 or not any(isinstance(s, ast.Assign) and len(s.targets) == 1 and (
                s.targets[0] is binds[0] or isinstance(s.targets[0], ast.Tuple) and any(e is binds[0] for e in s.targets[0].elts))
                for s in once):
            return {}
    return {v.id: c.source(t) for v, t in zip(values, targets)}


def _gathers_variable(c: Converter, call: ast.Call) -> bool:
    """Can the gather `call` read rows of a variable (its params, by position or `params=`, a
    name bound to a variable or an attribute: the engine's `_maybe_variable`)? Only then is a
    variable's gradient sparse (v1's IndexedSlices, applied by the optimizer's sparse kernel): a
    gather of a computed tensor (Curiosity's `tf.gather_nd(params=q, ...)` of a dense layer's
    output) sends its gradient through the ops that computed it, dense at the variables
    (tensorflow/python/ops/array_grad.py `_GatherNdGrad`, `_GatherV2Grad`: IndexedSlices or
    scatter_nd of the params' gradient, which the next op's gradient reads as a dense tensor)."""
    params = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "params"), None)
    if _self_attribute(params):  # `self.q`: bound only to values TF ops compute (a dense layer's output, `x @ w + b`)
        binds = [s for s in ast.walk(c.tree) if isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
            t is not None and (_self_attribute(t, params.attr) or isinstance(t, ast.Tuple) and any(
                _self_attribute(e, params.attr) for e in t.elts)) for t in getattr(s, "targets", [getattr(s, "target", None)]))]
        return not binds or not all(
            isinstance(s, ast.Assign) and len(s.targets) == 1 and _self_attribute(s.targets[0], params.attr)
            and (isinstance(s.value, ast.Call) and (c.call_name(s.value) or "").startswith("tf.")
                 or isinstance(s.value, (ast.BinOp, ast.UnaryOp)))
            and not any(isinstance(n, ast.Call) and (c.call_name(n) or "").endswith(("Variable", "get_variable"))
                        for n in ast.walk(s.value)) for s in binds)
    return params is None or c._maybe_variable(params)


def _default(method: ast.FunctionDef, param: str, first: int = 1) -> ast.expr:
    params = [a.arg for a in method.args.args[first:]]
    return dict(zip(params[len(params) - len(method.args.defaults):], method.args.defaults))[param]


def _renamed_target(c: Converter, target: ast.expr) -> str:
    """The call's assignment target as one line (`self.a, self.b` of a target written over lines)."""
    return ast.unparse(target) if target.end_lineno != target.lineno else c.source(target)
