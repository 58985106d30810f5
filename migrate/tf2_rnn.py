"""`--style tf2`, before the graph engine (migrate/tf2_graph.py) runs: TF 1.x's RNN cells
(the compat output's `tf.compat.v1.nn.rnn_cell.BasicLSTMCell / BasicRNNCell / GRUCell /
MultiRNNCell`, what `tf.contrib.rnn.*` and `from tensorflow.contrib import rnn` became) and the
functions running them (`tf.compat.v1.nn.static_rnn`, `dynamic_rnn`,
`static_bidirectional_rnn`) rewritten as TF 2 code computing the same thing::

    cell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
    outputs, states = tf.compat.v1.nn.dynamic_rnn(cell, X, dtype=tf.float32)
->
    cell = BasicLSTMCell(n_hidden, forget_bias=1.0)
    outputs, states = dynamic_rnn(cell, X)

where `BasicLSTMCell` (a tf.Module) and `dynamic_rnn` are written into the file, below its
imports: v1's cell math, op for op (tf_keras 2.21 `src/layers/rnn/legacy_cells.py`, the
classes TF 2.21's `tf.compat.v1.nn.rnn_cell` exports; the loops of TF's `ops/rnn.py`):

- BasicLSTMCell: one kernel [input depth + units, 4 * units] and a zero bias [4 * units],
  `gates = bias_add(matmul(concat([x, h], 1), kernel), bias)` split into i, j, f, o;
  `c' = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)`, `h' = tanh(c') * sigmoid(o)`;
  output h', state the pair LSTMStateTuple(c', h') (v1's namedtuple, written with the helpers:
  `.c` / `.h` reads, its repr, and Session.run's fetched pair of NumPy values as v1's).
  LSTMCell without its options (peepholes, clipping, projections, shards, an initializer) is the
  same math (its products in the other order: the same values).
- BasicRNNCell: kernel [depth + units, units], zero bias, `h' = tanh(bias_add(matmul(concat([x,
  h], 1), kernel), bias))`, output and state h'.
- GRUCell: gates kernel [depth + units, 2 * units] with bias 1.0, r and u =
  sigmoid(...); candidate kernel [depth + units, units], zero bias, `c = tanh(bias_add(
  matmul(concat([x, r * h], 1), ...)))`, `h' = u * h + (1 - u) * c`.
- MultiRNNCell: the cells called in order, each on the previous one's output; state the tuple
  of their states.
- variables made at the cell's first call (`build`, under `tf.init_scope`: made eagerly, once,
  also when the first call is traced in a step), as v1 made them at its build. Their kernels'
  initial draw (measured under TF 2.21 + tf_keras 2.21, TF_USE_LEGACY_KERAS=1, graph mode): v1
  passed no initializer and tf_keras' base layer gave its GlorotUniform, a stateless uniform
  draw seeded from Python's `random` when built (like tf.layers' kernels, migrate/tf2_layers.py);
  the graph seed plays no part and the graph's count of random ops is not advanced (a variable
  made after the cell draws the same under the same graph seed, with or without it). With
  `random.seed` in the file, the cell gets `kernel_initializer=CompatGlorotUniform()` (that
  draw; its seed taken from `random` when the cell object is made, where tf_keras took it at
  the first call: the object is made on the statement running it when v1 made it in another
  place, see `_hoist`); without, Keras 3's GlorotUniform (the same distribution; v1's draw
  differed run to run). Under a graph seed the compat pass sets the root variable scope's initializer
  (MIG117, v1's glorot_uniform_initializer(), which the compat cells take): the statement goes and each
  cell gets `kernel_initializer=V1GlorotUniform(seed=None)` (GRU's candidate too), whose op seed the graph
  engine counts where the cell is made; TF 1.x drew at the cell's run, so nothing drawing may be called
  between the two (`_graph_seeded_cells`), and MultiRNNCell's `[cell for _ in range(n)]` is written out.
- static_rnn(cell, inputs list): the cell called on each input in order (v1's unrolled graph);
  outputs a list, the last state. static_bidirectional_rnn: the forward cell's run, the backward
  cell's on the reversed list, reversed back, `concat([fw, bw], 1)` per step.
- dynamic_rnn(cell, inputs [batch, time, depth]): a loop over the time steps (`tf.range`, a
  while loop in a tf.function, as v1's `while_loop`) writing each output to a TensorArray;
  outputs [batch, time, units] (static time and batch where the input's are, as v1 set them:
  `tf.unstack` of them needs it), the last state.
- `dtype=` (v1's zero initial state's dtype) float32 or an initial state given; `scope=` (names
  only) dropped; `zero_state(batch, dtype)` kept (the helper has it).

A cell made in a function of the file called once while the graph is built (TensorFlow-Examples'
`def RNN(x, weights, biases)`): the cell statement moves above the call (`_hoist`; a module
object made in the step would make new variables each trace and the optimizer would not see
them), its parameters replaced by the call's arguments.

static_rnn's `sequence_length=`: past a sequence's length v1's `_rnn_step` gives zero outputs and
carries the state through (`tf.where` on each step, the same values; v1 skipped the cell's ops once
every sequence had ended, where the TF 2 step computes and discards them).

Not converted (Fallback naming the construct): dynamic_rnn's `sequence_length=` (the same copy
through a while loop, not written here), `time_major=True`, DropoutWrapper (its
keep probability a graph value the cell object would capture, its masks drawn per step with
op seeds), another cell class or rnn function (LSTMCell's peepholes / projections,
bidirectional_dynamic_rnn, raw_rnn, ...), a cell's `reuse=` / initializer / string activation,
the same cell object twice in one MultiRNNCell (v1 refused other input depths).
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast

from migrate.tf2_layers import _keyword_of, dotted, enclosing_statement

CELL_PREFIX = "tf.compat.v1.nn.rnn_cell."
# v1 cell -> (helper class, its parameters in order, those the helper takes)
CELLS = {
    CELL_PREFIX + "BasicLSTMCell": ("BasicLSTMCell", ("num_units", "forget_bias", "state_is_tuple", "activation", "reuse",
                                                      "name", "dtype")),
    # LSTMCell with none of its options (peepholes, clipping, projection, shards, initializer): BasicLSTMCell's
    # math (`sigmoid(f + forget_bias) * c + sigmoid(i) * tanh(j)`, `sigmoid(o) * tanh(c)`: the same products)
    CELL_PREFIX + "LSTMCell": ("BasicLSTMCell", ("num_units", "use_peepholes", "cell_clip", "initializer", "num_proj",
                                                 "proj_clip", "num_unit_shards", "num_proj_shards", "forget_bias",
                                                 "state_is_tuple", "activation", "reuse", "name", "dtype")),
    CELL_PREFIX + "BasicRNNCell": ("BasicRNNCell", ("num_units", "activation", "reuse", "name", "dtype")),
    CELL_PREFIX + "GRUCell": ("GRUCell", ("num_units", "activation", "reuse", "kernel_initializer", "bias_initializer",
                                          "name", "dtype")),
}
MULTI = CELL_PREFIX + "MultiRNNCell"
# the finding of a MultiRNNCell of a list not written in the call (tf2_graph._appended_cells writes an appended one so)
APPENDED_CELLS = "a MultiRNNCell of cells given otherwise than as a list"
RUNNERS = {
    "tf.compat.v1.nn.static_rnn": ("static_rnn", ("cell", "inputs", "initial_state", "dtype", "sequence_length", "scope")),
    "tf.compat.v1.nn.dynamic_rnn": ("dynamic_rnn", ("cell", "inputs", "sequence_length", "initial_state", "dtype",
                                                    "parallel_iterations", "swap_memory", "time_major", "scope")),
    "tf.compat.v1.nn.static_bidirectional_rnn": ("static_bidirectional_rnn", (
        "cell_fw", "cell_bw", "inputs", "initial_state_fw", "initial_state_bw", "dtype", "sequence_length", "scope")),
}
# other rnn functions of TF 1.x, kept compat
OTHER_RUNNERS = ("tf.compat.v1.nn.bidirectional_dynamic_rnn", "tf.compat.v1.nn.raw_rnn", "tf.compat.v1.nn.static_state_saving_rnn",
                 "tf.compat.v1.nn.static_rnn", "tf.contrib")
SEQUENCE_LENGTH = ("`sequence_length=`: v1 zeroes each sequence's outputs past its length and copies its state through "
                   "(Keras masking repeats the previous output instead); not written here")
DROPOUT_WRAPPER = ("DropoutWrapper: its keep probability (a graph value, mostly a placeholder) is captured by the cell "
                   "object, made once before any step in TF 2, and its masks are drawn at each time step with op seeds "
                   "from the graph's count; not written here")
# activations a cell may be given: the same function in TF 2
ACTIVATIONS = frozenset({"tf.tanh", "tf.nn.tanh", "tf.math.tanh", "tf.nn.relu", "tf.sigmoid", "tf.nn.sigmoid",
                         "tf.math.sigmoid", "tf.nn.relu6", "tf.nn.elu", "tf.nn.softsign", "tf.nn.softplus", "tf.identity"})
INITIALIZER = "CompatGlorotUniform"
# attributes of v1's cells the helper classes have, the same values (LSTM's state_size a plain pair)
CELL_ATTRIBUTES = frozenset({"zero_state", "state_size", "output_size", "trainable_variables", "variables"})


def _names_collections_module(tree: ast.Module) -> bool:
    """Whether the name `collections` is free for a module-level `import collections`: the file
    binds it nowhere, or only by importing that module (a function's own `import collections`, as
    the tutorials' inlined read_data_sets has). Any other binding (an assignment, a parameter, a
    def, `import x as collections`, an `except ... as`) would be rebound or would rebind it."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound == "collections" and not (isinstance(node, ast.Import) and alias.asname is None):
                    return False
        elif isinstance(node, ast.Name) and node.id == "collections" and not isinstance(node.ctx, ast.Load) \
                or isinstance(node, ast.arg) and node.arg == "collections" \
                or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == "collections" \
                or isinstance(node, ast.ExceptHandler) and node.name == "collections":
            return False
    return True


def _helpers(tf: str, kinds: set, runners: set, collections: str = "collections") -> str:
    """The text of the helper classes and functions `kinds` (cell classes, "MultiRNNCell") and
    `runners` need, spelled with the file's TensorFlow alias `tf` (and its name of the module
    `collections`, for LSTMStateTuple)."""
    out = []
    build_doc = ('        """Its variables, made once, eagerly (also when first called in a tf.function), as TF 1.x made '
                 'them at the\n        cell\'s first call."""')
    if "BasicLSTMCell" in kinds:
        out.append(f'''# TF 1.x's LSTMStateTuple: an LSTM's state, the pair (c, h) read as `.c` / `.h`
LSTMStateTuple = {collections}.namedtuple("LSTMStateTuple", ("c", "h"))
''')
        out.append(f'''class BasicLSTMCell({tf}.Module):
    """TF 1.x's BasicLSTMCell: one kernel [input depth + units, 4 * units] (gates i, j, f, o), a zero
    bias, `forget_bias` added to the forget gate; the state the pair LSTMStateTuple(c, h)."""

    def __init__(self, num_units, forget_bias=1.0, activation={tf}.tanh, kernel_initializer=None):
        super().__init__()
        self.num_units, self.forget_bias, self.activation = num_units, forget_bias, activation
        self.state_size, self.output_size = LSTMStateTuple(num_units, num_units), num_units
        self.kernel_initializer = kernel_initializer or {tf}.keras.initializers.GlorotUniform()
        self.built = False

    def build(self, input_depth):
{build_doc}
        with {tf}.init_scope():
            self.kernel = {tf}.Variable(self.kernel_initializer([input_depth + self.num_units, 4 * self.num_units]),
                                      name="kernel")
            self.bias = {tf}.Variable({tf}.zeros([4 * self.num_units]), name="bias")
        self.built = True

    def zero_state(self, batch_size, dtype={tf}.float32):
        return LSTMStateTuple({tf}.zeros([batch_size, self.num_units], dtype), {tf}.zeros([batch_size, self.num_units], dtype))

    def __call__(self, inputs, state):
        if not self.built:
            self.build(inputs.shape[-1])
        c, h = state
        gates = {tf}.nn.bias_add({tf}.matmul({tf}.concat([inputs, h], 1), self.kernel), self.bias)
        i, j, f, o = {tf}.split(gates, 4, axis=1)
        new_c = c * {tf}.sigmoid(f + self.forget_bias) + {tf}.sigmoid(i) * self.activation(j)
        new_h = self.activation(new_c) * {tf}.sigmoid(o)
        return new_h, LSTMStateTuple(new_c, new_h)
''')
    if "BasicRNNCell" in kinds:
        out.append(f'''class BasicRNNCell({tf}.Module):
    """TF 1.x's BasicRNNCell: output = state = activation(concat([x, h]) @ kernel + bias), a zero bias."""

    def __init__(self, num_units, activation={tf}.tanh, kernel_initializer=None):
        super().__init__()
        self.num_units, self.activation = num_units, activation
        self.state_size = self.output_size = num_units
        self.kernel_initializer = kernel_initializer or {tf}.keras.initializers.GlorotUniform()
        self.built = False

    def build(self, input_depth):
{build_doc}
        with {tf}.init_scope():
            self.kernel = {tf}.Variable(self.kernel_initializer([input_depth + self.num_units, self.num_units]),
                                      name="kernel")
            self.bias = {tf}.Variable({tf}.zeros([self.num_units]), name="bias")
        self.built = True

    def zero_state(self, batch_size, dtype={tf}.float32):
        return {tf}.zeros([batch_size, self.num_units], dtype)

    def __call__(self, inputs, state):
        if not self.built:
            self.build(inputs.shape[-1])
        output = self.activation({tf}.nn.bias_add({tf}.matmul({tf}.concat([inputs, state], 1), self.kernel), self.bias))
        return output, output
''')
    if "GRUCell" in kinds:
        out.append(f'''class GRUCell({tf}.Module):
    """TF 1.x's GRUCell: gates r, u from a kernel [input depth + units, 2 * units] with bias 1.0, the
    candidate from a kernel [input depth + units, units] on concat([x, r * h]) with a zero bias;
    output = state = u * h + (1 - u) * candidate."""

    def __init__(self, num_units, activation={tf}.tanh, kernel_initializer=None, candidate_initializer=None):
        super().__init__()
        self.num_units, self.activation = num_units, activation
        self.state_size = self.output_size = num_units
        self.kernel_initializer = kernel_initializer or {tf}.keras.initializers.GlorotUniform()
        self.candidate_initializer = candidate_initializer or {tf}.keras.initializers.GlorotUniform()
        self.built = False

    def build(self, input_depth):
{build_doc}
        with {tf}.init_scope():
            depth = input_depth + self.num_units
            self.gate_kernel = {tf}.Variable(self.kernel_initializer([depth, 2 * self.num_units]), name="gates/kernel")
            self.gate_bias = {tf}.Variable({tf}.ones([2 * self.num_units]), name="gates/bias")
            self.candidate_kernel = {tf}.Variable(self.candidate_initializer([depth, self.num_units]),
                                                name="candidate/kernel")
            self.candidate_bias = {tf}.Variable({tf}.zeros([self.num_units]), name="candidate/bias")
        self.built = True

    def zero_state(self, batch_size, dtype={tf}.float32):
        return {tf}.zeros([batch_size, self.num_units], dtype)

    def __call__(self, inputs, state):
        if not self.built:
            self.build(inputs.shape[-1])
        gates = {tf}.nn.bias_add({tf}.matmul({tf}.concat([inputs, state], 1), self.gate_kernel), self.gate_bias)
        r, u = {tf}.split({tf}.sigmoid(gates), 2, axis=1)
        candidate = {tf}.nn.bias_add({tf}.matmul({tf}.concat([inputs, r * state], 1), self.candidate_kernel),
                                   self.candidate_bias)
        new_h = u * state + (1 - u) * self.activation(candidate)
        return new_h, new_h
''')
    if "MultiRNNCell" in kinds:
        out.append(f'''class MultiRNNCell({tf}.Module):
    """TF 1.x's MultiRNNCell: its cells called in order, each on the previous one's output; the state
    the tuple of theirs."""

    def __init__(self, cells):
        super().__init__()
        self.cells = list(cells)
        self.num_units = self.output_size = self.cells[-1].num_units
        self.state_size = tuple(cell.state_size for cell in self.cells)
        self.built = False

    def build(self, input_depth):
        """Its cells' variables, in order (each cell's input depth the previous one's units)."""
        for cell in self.cells:
            if not cell.built:
                cell.build(input_depth)
            input_depth = cell.num_units
        self.built = True

    def zero_state(self, batch_size, dtype={tf}.float32):
        return tuple(cell.zero_state(batch_size, dtype) for cell in self.cells)

    def __call__(self, inputs, state):
        if not self.built:
            self.build(inputs.shape[-1])
        new_states = []
        for cell, cell_state in zip(self.cells, state):
            inputs, new_state = cell(inputs, cell_state)
            new_states.append(new_state)
        return inputs, tuple(new_states)
''')
    if "static_rnn" in runners or "static_bidirectional_rnn" in runners:
        out.append(f'''def static_rnn(cell, inputs, initial_state=None, sequence_length=None):
    """TF 1.x's static_rnn: `cell` called on each tensor of the list `inputs` [batch, depth] in order
    (from its zero state unless given); the list of outputs and the last state. With
    `sequence_length` [batch], past a sequence's length its output is zeros and its state is
    carried through unchanged (v1's `_rnn_step`)."""
    state = cell.zero_state({tf}.shape(inputs[0])[0], inputs[0].dtype) if initial_state is None else initial_state
    outputs = []
    for time, step in enumerate(inputs):
        output, new_state = cell(step, state)
        if sequence_length is not None:
            done = {tf}.expand_dims(time >= sequence_length, 1)
            output = {tf}.where(done, {tf}.zeros_like(output), output)
            new_state = {tf}.nest.map_structure(lambda old, new: {tf}.where(done, old, new), state, new_state)
        state = new_state
        outputs.append(output)
    return outputs, state
''')
    if "static_bidirectional_rnn" in runners:
        out.append(f'''def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None, initial_state_bw=None):
    """TF 1.x's static_bidirectional_rnn: the forward run, the backward cell's run on the reversed list
    (reversed back); per step `concat([forward, backward], 1)`, and the two last states."""
    forward, state_fw = static_rnn(cell_fw, inputs, initial_state_fw)
    backward, state_bw = static_rnn(cell_bw, inputs[::-1], initial_state_bw)
    return [{tf}.concat([fw, bw], 1) for fw, bw in zip(forward, backward[::-1])], state_fw, state_bw
''')
    if "dynamic_rnn" in runners:
        out.append(f'''def dynamic_rnn(cell, inputs, initial_state=None):
    """TF 1.x's dynamic_rnn: `cell` called on each time step of `inputs` [batch, time, depth] (from its
    zero state unless given) in a loop (a while loop in a tf.function); outputs [batch, time, units] and
    the last state."""
    state = cell.zero_state({tf}.shape(inputs)[0], inputs.dtype) if initial_state is None else initial_state
    if not cell.built:
        cell.build(inputs.shape[-1])  # its variables made before the loop
    steps = inputs.shape[1] if inputs.shape[1] is not None else {tf}.shape(inputs)[1]  # static where known
    outputs = {tf}.TensorArray(inputs.dtype, size=steps, element_shape=[inputs.shape[0], cell.output_size])
    for t in {tf}.range(steps):
        output, state = cell(inputs[:, t], state)
        outputs = outputs.write(t, output)
    return {tf}.transpose(outputs.stack(), [1, 0, 2]), state
''')
    return "\n\n".join(out)


def rnn_cells(text: str, depth: int = 0):
    """(new text, a function mapping a Fallback raised on the new text back to `text`), or None
    when `text` has no v1 rnn cell or rnn function. Raises Fallback (positioned in `text`) for
    one of another shape (the module docstring's list). A cell made under a TensorFlow version
    check (MorvanZhou's `if int((tf.__version__).split('.')[1]) < 12 ...: cell = ... else: cell =
    ...`) is read in the branch TF 2 takes (tf2_graph's `_resolve_version_check`)."""
    from migrate.tf2_graph import Fallback, _resolve_version_check

    try:
        return _rnn_cells(text)
    except Fallback as stop:
        resolved = _resolve_version_check(text, stop) if depth < 4 else None
        if resolved is None:
            raise
        try:
            again = rnn_cells(resolved[0], depth + 1)
        except Fallback as later:
            raise resolved[1](later) from None
        if again is None:
            return resolved
        new, back = again
        return new, lambda later: resolved[1](back(later))


def _rnn_cells(text: str):
    from migrate.tf2_graph import Converter, Fallback
    from migrate.tf2_layers import (
        GRAPH_INITIALIZER,
        _drop_legacy_switch,
        _initializer_class,
        fallback_mapper,
    )

    if "rnn" not in text:
        return None
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    tf = c.alias
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and _rnn_name(c.qual(n.func))]
    if not calls:
        return None
    c.no_estimator_helper()
    calls.sort(key=lambda n: (n.lineno, n.col_offset))
    for node in ast.walk(c.tree):  # beside the cells: what the engine would not see as variables or TF 2
        name = dotted(node.func) if isinstance(node, ast.Call) else None
        if name and name.startswith("tf_slim.") and name != "tf_slim.flatten":
            raise c.fail(node, "a tf_slim layer (tf.contrib.layers' after the compat pass): it makes its variables at "
                         "each call, with no TF 2 rewrite here (fully_connected only as `name = ...(...)` where the graph "
                         "is built, its arguments at their defaults)", name)
        if name and name.startswith(f"{c.alias}.contrib."):
            raise c.fail(node, "tf.contrib (removed in TF 2: the compat migration has no spelling for it either)", name)
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    python_seed = any(isinstance(n, ast.Call) and dotted(n.func) == "random.seed" for n in ast.walk(c.tree))
    if python_seed and c.imported_from.get("random") != "random":
        raise c.fail(calls[0], "an rnn cell's kernel drawn from Python's `random` (seeded here), which the file does not "
                     "import as `import random`")
    helper_class = INITIALIZER in c.local_classes
    # the compat pass's root variable scope initializer under a graph seed (MIG117): the cells' kernels drawn with
    # the graph's seed and the op seeds of its count where they were built (the statement goes; `_graph_seeded_cells`)
    scoped = _scope_initializers(c)
    graph_class = GRAPH_INITIALIZER in c.local_classes
    if scoped and GRAPH_INITIALIZER in c.used_names and not graph_class:
        raise c.fail(scoped[0], f"the name `{GRAPH_INITIALIZER}` (the kernel initializer written for v1 cells under a graph "
                     "seed) is taken in the file")
    if python_seed and INITIALIZER in c.used_names and not helper_class:
        raise c.fail(calls[0], f"the name `{INITIALIZER}` (the kernel initializer written for v1 cells) is taken in the file")
    # every name bound to a v1 cell object (a cell, or a MultiRNNCell of cells)
    cells: dict[str, str] = {}
    unrolled: list[tuple[ast.ListComp, int]] = []  # MultiRNNCell's comprehensions written as lists (`_unrolled`)
    kinds: set[str] = set()
    runners: set[str] = set()
    edits = []

    def spelled(node):
        return c.qual(node.func).replace("tf.", tf + ".", 1)

    for call in calls:
        called = c.qual(call.func)
        construct = spelled(call)
        if called in CELLS:
            kind, params = CELLS[called]
            given = _arguments(c, call, params, construct)
            if "num_units" not in given:
                raise c.fail(call, "an rnn cell without its number of units", construct)
            arguments = [c.source(given["num_units"])]
            for param, node in given.items():
                literal = node.value if isinstance(node, ast.Constant) else ...
                if param == "num_units":
                    continue
                if param == "forget_bias":
                    arguments.append(f"forget_bias={c.source(node)}")
                elif param == "activation" and c.qual(node) in ACTIVATIONS:
                    arguments.append(f"activation={c.source(node)}")
                elif (param == "state_is_tuple" and literal is True or param == "use_peepholes" and literal is False
                      or literal is None and param in ("reuse", "activation", "kernel_initializer", "bias_initializer", "cell_clip",
                                                       "initializer", "num_proj", "proj_clip", "num_unit_shards",
                                                       "num_proj_shards")):
                    pass  # v1's default (`activation=None`: tanh, the legacy cells' `activation or tanh`)
                elif param == "name" and isinstance(literal, str):
                    pass  # a variable scope name: labels only
                elif param == "dtype" and (literal is None or c.qual(node) == "tf.float32"):
                    pass
                else:
                    raise c.fail(_keyword_of(call, node), f"`{param}=` of an rnn cell: not written here (only v1's "
                                 "default, a number of units, forget_bias and a TensorFlow activation function)",
                                 f"{param}={c.source(node)}")
            drawn = f"{GRAPH_INITIALIZER}(seed=None)" if scoped else f"{INITIALIZER}()" if python_seed else None
            if drawn:
                arguments.append(f"kernel_initializer={drawn}")
                if kind == "GRUCell":
                    arguments.append(f"candidate_initializer={drawn}")
            kinds.add(kind)
            edits.append((c.offset(call), c.end_offset(call), f"{kind}({', '.join(arguments)})"))
            _bind(c, call, parents, cells, kind)
        elif called == MULTI:
            given = _arguments(c, call, ("cells", "state_is_tuple"), spelled(call))
            tuple_flag = given.get("state_is_tuple")
            if tuple_flag is not None and not (isinstance(tuple_flag, ast.Constant) and tuple_flag.value is True):
                raise c.fail(call, "MultiRNNCell with state_is_tuple other than True (v1's concatenated state)", spelled(call))
            listed = given.get("cells")
            if isinstance(listed, ast.BinOp) or isinstance(listed, ast.List) and len(
                    {c.source(e) for e in listed.elts}) != len(listed.elts) and all(isinstance(e, ast.Name) for e in listed.elts):
                raise c.fail(call, "the same cell object twice in one MultiRNNCell (v1 built it once: its kernel fits one "
                             "input depth, and the layers shared it)", spelled(call))
            if isinstance(listed, ast.List):
                for element in listed.elts:
                    if isinstance(element, ast.Name) and element.id not in cells:
                        raise c.fail(element, "a MultiRNNCell of a value not made by an rnn cell here", element.id)
            elif not isinstance(listed, ast.ListComp):
                raise c.fail(call, f"{APPENDED_CELLS} written in the call (converted: "
                             "`MultiRNNCell([cell_1, cell_2])` or `MultiRNNCell([LSTMCell(n) for _ in range(layers)])`; a list "
                             "built by `cells.append(...)` in a loop is written as such a comprehension)", spelled(call))
            elif scoped:
                unrolled.append(_unrolled(c, listed))
            kinds.add("MultiRNNCell")
            edits.append((c.offset(call.func), c.end_offset(call.func), "MultiRNNCell"))  # the cells' own edits inside
            if tuple_flag is not None:  # v1's default: gone
                keyword = _keyword_of(call, tuple_flag)
                edits.append((c.end_offset(listed), c.end_offset(keyword), ""))
            _bind(c, call, parents, cells, "MultiRNNCell")
        elif called in RUNNERS:
            kind, params = RUNNERS[called]
            construct = spelled(call)
            given = _arguments(c, call, params, construct)
            lengths = given.get("sequence_length")
            if isinstance(lengths, ast.Constant) and lengths.value is None:
                lengths = None
            if lengths is not None and kind != "static_rnn":
                raise c.fail(_keyword_of(call, lengths), SEQUENCE_LENGTH, f"sequence_length={c.source(lengths)}")
            if "time_major" in given and not (isinstance(given["time_major"], ast.Constant) and given["time_major"].value is False):
                raise c.fail(_keyword_of(call, given["time_major"]), "`time_major=` of dynamic_rnn: not written here",
                             f"time_major={c.source(given['time_major'])}")
            for param in ("cell", "cell_fw", "cell_bw"):
                if param in given and not (isinstance(given[param], ast.Name) and given[param].id in cells):
                    raise c.fail(given[param], "an rnn function run on a value not bound here to an rnn cell",
                                 c.source(given[param]))
            states = [p for p in ("initial_state", "initial_state_fw", "initial_state_bw") if p in given]
            dtype = given.get("dtype")
            if dtype is not None and c.qual(dtype) != "tf.float32":
                raise c.fail(_keyword_of(call, dtype), "an rnn function's dtype other than float32 (the helper cells "
                             "compute in float32)", f"dtype={c.source(dtype)}")
            if dtype is None and len(states) < (2 if kind == "static_bidirectional_rnn" else 1):
                raise c.fail(call, "an rnn function with neither dtype nor initial state", construct)
            cell_params = ("cell_fw", "cell_bw", "inputs") if kind == "static_bidirectional_rnn" else ("cell", "inputs")
            arguments = [c.source(given[p]) for p in cell_params] + [f"{p}={c.source(given[p])}" for p in states]
            if lengths is not None:  # v1's copy-through past each length, written in static_rnn
                arguments.append(f"sequence_length={c.source(lengths)}")
            runners.add(kind)
            edits.append((c.offset(call), c.end_offset(call), f"{kind}({', '.join(arguments)})"))
            stmt = parents.get(id(call))
            if not (isinstance(stmt, ast.Assign) and stmt.value is call):
                raise c.fail(call, "an rnn function's result used otherwise than assigned to names", construct)
        else:
            reason = DROPOUT_WRAPPER if called.endswith("DropoutWrapper") else (
                "an rnn cell or function with no TF 2 rewrite here (converted: BasicLSTMCell, BasicRNNCell, GRUCell, "
                "MultiRNNCell, static_rnn, dynamic_rnn, static_bidirectional_rnn)")
            raise c.fail(call, reason, spelled(call))
    for node in ast.walk(c.tree):  # what the program reads of a cell: what the helper classes have
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in cells \
                and node.attr not in CELL_ATTRIBUTES:
            raise c.fail(node, f"`.{node.attr}` of an rnn cell: not one the TF 2 cell has ({', '.join(sorted(CELL_ATTRIBUTES))})",
                         c.source(node))
    # names of the helpers must be free
    written = set(kinds) | set(runners) | ({"static_rnn"} if "static_bidirectional_rnn" in runners else set()) \
        | ({"LSTMStateTuple"} if "BasicLSTMCell" in kinds else set())
    taken = sorted(n for n in written if n in c.used_names)
    if taken:
        raise c.fail(calls[0], f"the name `{taken[0]}` (a TF 2 helper written for v1 rnn cells) is taken in the file",
                     spelled(calls[0]))
    for listed, count in unrolled:  # the element as converted, `count` times
        base, end = c.offset(listed.elt), c.end_offset(listed.elt)
        inside = sorted((e for e in edits if base <= e[0] and e[1] <= end), key=lambda e: (e[0], e[1]), reverse=True)
        element = c.source(listed.elt)
        for start, stop, new in inside:
            element = element[:start - base] + new + element[stop - base:]
        edits = [e for e in edits if e not in inside]
        edits.append((c.offset(listed), c.end_offset(listed), f"[{', '.join([element] * count)}]"))
    if scoped:
        _graph_seeded_cells(c, calls, parents)
        for stmt in scoped:
            edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno] if stmt.end_lineno < len(c.starts) else len(text), ""))
    edits = _hoist(c, calls, parents, cells, edits)
    # LSTMStateTuple's namedtuple: the file's `import collections` (under its name), else one written with the helpers
    collections = next((a.asname or a.name for s in c.tree.body if isinstance(s, ast.Import) for a in s.names
                        if a.name == "collections"), None)
    if collections is None and "BasicLSTMCell" in kinds and not _names_collections_module(c.tree):
        raise c.fail(calls[0], "the name `collections` (imported for the LSTM state's namedtuple written for v1 rnn "
                     "cells) is taken in the file", spelled(calls[0]))
    helper = _helpers(tf, kinds, runners, collections or "collections")
    if collections is None and "BasicLSTMCell" in kinds:
        helper = "import collections\n\n\n" + helper
    if python_seed and not helper_class and not scoped:
        helper = _initializer_class(tf) + helper
    if scoped and not graph_class:
        helper = _initializer_class(tf, GRAPH_INITIALIZER) + helper
    first = min(n.lineno for n in calls)
    top = next(k for k, s in enumerate(c.tree.body) if s.lineno <= first <= s.end_lineno)
    imports = [k for k in range(top) if isinstance(c.tree.body[k], (ast.Import, ast.ImportFrom))]
    if helper_class or graph_class:  # below tf2_layers' initializer classes
        after_index = max(k for k, s in enumerate(c.tree.body) if isinstance(s, ast.ClassDef)
                          and s.name in (INITIALIZER, GRAPH_INITIALIZER)) + 1
    else:
        after_index = imports[-1] + 1 if imports else top
    after = c.tree.body[after_index]
    at = min([after.lineno] + [d.lineno for d in getattr(after, "decorator_list", [])])
    start = c.starts[at - 1]
    block = "\n\n" + helper.rstrip("\n") + "\n" + ("\n\n" if c.lines[at - 1].strip() else "")
    if not imports and not helper_class and not graph_class:
        block = helper.rstrip("\n") + "\n\n\n"
    edits.append((start, start, block))
    out = text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    out = _drop_legacy_switch(out)
    return out, fallback_mapper(text, out)


def _scope_initializers(c) -> list[ast.stmt]:
    """The statements `tf.compat.v1.get_variable_scope().set_initializer(tf.compat.v1.glorot_uniform_initializer())`
    (the compat pass writes one after a graph seed in a file making v1 cells, MIG117), in the module's body; one
    elsewhere raises Fallback."""
    from migrate.tf2_layers import V1_GLOROT

    found = []
    for node in ast.walk(c.tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "set_initializer"):
            continue
        scope, value = node.func.value, node.args[0] if len(node.args) == 1 and not node.keywords else None
        if not (isinstance(scope, ast.Call) and c.qual(scope.func) == "tf.compat.v1.get_variable_scope" and not scope.args
                and isinstance(value, ast.Call) and c.qual(value.func) == V1_GLOROT and not value.args and not value.keywords):
            raise c.fail(node, "a variable scope's initializer set (TF 1.x's variable scopes: not written here)")
        stmt = next((s for s in c.tree.body if isinstance(s, ast.Expr) and s.value is node), None)
        if stmt is None:
            raise c.fail(node, "the root variable scope's initializer set elsewhere than in the module's body (the graph "
                         "seed's draws of v1 cells: followed at the module's top only)")
        found.append(stmt)
    return found


def _graph_seeded_cells(c, calls: list, parents: dict) -> None:
    """Under a graph seed a cell's kernels are drawn where TF 1.x built it, at its first run; the TF 2 cell's
    initializer takes its op seed where the cell is made (the graph engine's count). The same count when nothing
    between the two draws: each cell made by `name = cell(...)` (or in a MultiRNNCell's list) and run once, no
    random op nor function of the program called between the statement making it and the one running it (in a
    function called once, where the cell moves above the call: before the run in that function). Raises Fallback
    otherwise."""
    from migrate.tf2_graph import CONSTANT_INITIALIZERS, GET_VARIABLE, _is_random_op

    def draws(node: ast.Call, called: str) -> bool:
        # a get_variable draws with its initializer, by default the root scope's glorot (a random initializer object
        # draws there, not where made); one given constant values does not
        if called != GET_VARIABLE:
            return _is_random_op(called)
        given = next((k.value for k in node.keywords if k.arg == "initializer"), node.args[2] if len(node.args) > 2 else None)
        return not (isinstance(given, ast.Call) and (c.qual(given.func) or "") in (
            *CONSTANT_INITIALIZERS, "tf.compat.v1.constant_initializer", "tf.constant_initializer"))

    made: dict[str, ast.stmt] = {}
    for call in calls:
        if c.qual(call.func) in CELLS or c.qual(call.func) == MULTI:
            stmt = enclosing_statement(call, parents)
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
            if not isinstance(target, ast.Name):
                if isinstance(parents.get(id(call)), ast.List) and c.qual(getattr(_statement_call(call, parents), "func", None)) == MULTI:
                    continue  # made in the MultiRNNCell's list: its statement's
                raise c.fail(call, GRAPH_CELL + "; a cell made otherwise than `name = cell(...)`")
            made[target.id] = stmt
    runs = [call for call in calls if c.qual(call.func) in RUNNERS]
    run_of: dict[str, ast.Call] = {}
    for run in runs:
        for arg in [*run.args[:2], *(k.value for k in run.keywords if k.arg in ("cell", "cell_fw", "cell_bw"))]:
            if isinstance(arg, ast.Name) and arg.id in made:
                if arg.id in run_of:
                    raise c.fail(run, GRAPH_CELL + f"; the cell `{arg.id}` run twice")
                run_of[arg.id] = run
    # a cell of a MultiRNNCell's list is drawn where the MultiRNNCell is run
    part_of = {e.id: enclosing_statement(call, parents).targets[0].id for call in calls if c.qual(call.func) == MULTI
               and isinstance(enclosing_statement(call, parents), ast.Assign) and isinstance(enclosing_statement(call, parents).targets[0], ast.Name)
               for a in call.args[:1] if isinstance(a, ast.List) for e in a.elts if isinstance(e, ast.Name)}
    for name, stmt in made.items():
        run = run_of.get(part_of.get(name, name))
        if run is None:
            raise c.fail(stmt, GRAPH_CELL + f"; the cell `{name}` not run by an rnn function here")
        body = _body_of(stmt, parents, c)
        run_stmt = enclosing_statement(run, parents)
        if run_stmt not in body:  # at the cell (in a version check's branch, the branch TF 2 takes is tried)
            raise c.fail(stmt, GRAPH_CELL + f"; the cell `{name}` run in another block than the one making it")
        function = parents.get(id(stmt))
        if isinstance(function, ast.FunctionDef):
            # a cell made in a function moves above its call (`_hoist`): the call's arguments and the function's
            # statements before the run follow it
            sites = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                     and n.func.id == function.name]
            between = [*(a for site in sites for a in [*site.args, *(k.value for k in site.keywords)]),
                       *body[:body.index(run_stmt) + 1]]
        else:
            between = body[body.index(stmt) + 1:body.index(run_stmt) + 1]
        for node in (n for part in between if part is not stmt for n in ast.walk(part) if isinstance(n, ast.Call)):
            called = c.qual(node.func) or ""
            method = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in made and node.func.attr == "zero_state"
            if node is run or method or called in CELLS or called == MULTI or called in PURE_CALLS \
                    or called.startswith(("tf.", "numpy.")) and not draws(node, called):
                continue
            raise c.fail(node, GRAPH_CELL + f"; `{c.source(node.func)}` called before the cell's run (random ops there "
                         "take their op seeds first), an order not followed here")


# Python's functions called between a cell and its run: no TensorFlow op built
PURE_CALLS = frozenset({"len", "int", "float", "range", "list", "tuple", "print", "str", "min", "max", "abs", "round"})
GRAPH_CELL = ("a v1 rnn cell's kernel drawn with the graph's seed (get_variable's default glorot_uniform_initializer(), "
              "the root variable scope's initializer the compat pass sets after `set_random_seed`): its op seed is the "
              "graph's count of random ops where the cell was first run")


def _unrolled(c, listed: ast.ListComp) -> tuple[ast.ListComp, int]:
    """MultiRNNCell's `[cell(...) for _ in range(n)]` under a graph seed: v1 built the n cells in order at the run, each
    drawing its kernel with the next op seed of the graph's count; the TF 2 list is written out (n cells, each with
    its initializer, the count followed by the graph engine). Raises Fallback for another comprehension."""
    generator = listed.generators[0] if len(listed.generators) == 1 else None
    bound = {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)} if generator is not None else set()
    count = generator.iter.args[0] if generator is not None and isinstance(generator.iter, ast.Call) \
        and c.qual(generator.iter.func) == "range" and len(generator.iter.args) == 1 and not generator.ifs else None
    if not (isinstance(count, ast.Constant) and isinstance(count.value, int) and 0 < count.value <= 16) \
            or any(isinstance(n, ast.Name) and n.id in bound for n in ast.walk(listed.elt)):
        raise c.fail(listed, GRAPH_CELL + "; a MultiRNNCell's comprehension other than `[cell(...) for _ in range(n)]` "
                     "(n a number)")
    return listed, count.value


def _statement_call(node, parents: dict):
    """The call holding `node` (an element of a call's list argument)."""
    parent = parents.get(id(node))
    return parents.get(id(parent)) if isinstance(parent, ast.List) else None


def _body_of(stmt: ast.stmt, parents: dict, c) -> list:
    parent = parents.get(id(stmt))
    if parent is None or isinstance(parent, ast.Module):
        return c.tree.body
    return next(body for body in (getattr(parent, f, None) for f in ("body", "orelse", "finalbody"))
                if isinstance(body, list) and stmt in body)


def _rnn_name(called: str | None) -> bool:
    return bool(called) and (called.startswith(CELL_PREFIX) or called in RUNNERS or called in OTHER_RUNNERS
                             or called.startswith("tf.compat.v1.nn.") and called.endswith("_rnn"))


def _arguments(c, call: ast.Call, params: tuple, construct: str) -> dict:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords) \
            or len(call.args) > len(params):
        raise c.fail(call, "an rnn cell or function called with *args / **kwargs or more arguments than v1 takes", construct)
    given = dict(zip(params, call.args))
    for keyword in call.keywords:
        if keyword.arg not in params or keyword.arg in given:
            raise c.fail(call, f"an rnn cell or function with the argument `{keyword.arg}`", construct)
        given[keyword.arg] = keyword.value
    return given


def _bind(c, call, parents, cells: dict, kind: str) -> None:
    """Records the name `call` (a cell made) is bound to; a cell made in a list comprehension
    (MultiRNNCell's) or returned by a function of the file needs no name."""
    stmt = parents.get(id(call))
    if isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        cells[stmt.targets[0].id] = kind
        return
    if isinstance(stmt, ast.Return) or isinstance(stmt, ast.ListComp) and stmt.elt is call:
        return
    if isinstance(stmt, ast.Call) and c.qual(stmt.func) in CELLS or stmt is not None and c.qual(getattr(stmt, "func", None)) == MULTI:
        return
    construct = c.qual(call.func).replace("tf.", c.alias + ".", 1)
    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Attribute) for t in stmt.targets):
        raise c.fail(call, f"an rnn cell kept on an object (`{c.source(stmt.targets[0])} = ...`: a class building the "
                     "graph, which is not converted)", construct)
    raise c.fail(call, "an rnn cell made otherwise than `name = cell(...)`, in a list comprehension or returned", construct)


def _hoist(c, calls: list, parents: dict, cells: dict, edits: list) -> list:
    """The edits moving each `name = <cell>(...)` statement made directly in the body of a
    module-level function of the file, called exactly once in a statement of the module's
    body, above that statement (its parameters replaced by the call's arguments: names or
    literals); the function then reads the module's name. Raises Fallback for a cell made in
    another function shape (a method, a function called twice, an argument other than a name
    or a literal). `edits` (start, end, new text) are those made so far: the ones inside a moved
    statement are applied to its moved text; returned with the moves' own."""
    import re

    moved: dict[int, list[str]] = {}  # id(call statement) -> the statements moved above it
    anchors = {}
    for call in calls:
        if c.qual(call.func) not in CELLS and c.qual(call.func) != MULTI:
            continue
        stmt = parents.get(id(call))
        if not isinstance(stmt, ast.Assign) or stmt.value is not call:
            stmt = enclosing_statement(call, parents)
        function = parents.get(id(stmt))
        if function is None or isinstance(function, ast.Module):
            continue
        construct = c.qual(call.func).replace("tf.", c.alias + ".", 1)
        if not isinstance(function, ast.FunctionDef) or not any(function is s for s in c.tree.body) \
                or stmt not in function.body:
            if isinstance(stmt, ast.Return) and isinstance(function, ast.FunctionDef):
                continue  # `def lstm_cell(): return cell(...)`, called where a cell is made
            raise c.fail(call, "an rnn cell made in a block or a nested function: converted where the program builds "
                         "its graph, or directly in a module-level function called once", construct)
        if isinstance(stmt, ast.Return):
            continue
        sites = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == function.name]
        uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == function.name]
        if len(sites) != 1 or len(uses) != 1:
            raise c.fail(call, f"an rnn cell made in `{function.name}`, called more than once or used otherwise (each "
                         "call of v1's made new variables)", construct)
        site = sites[0]
        holder = enclosing_statement(site, parents)
        if holder is None or not any(holder is s for s in c.tree.body):
            raise c.fail(call, f"an rnn cell made in `{function.name}`, called elsewhere than in a statement of the "
                         "module's body", construct)
        params = [a.arg for a in function.args.args]
        if function.args.vararg or function.args.kwarg or function.args.kwonlyargs or any(
                isinstance(a, ast.Starred) for a in site.args) or any(k.arg is None for k in site.keywords):
            raise c.fail(call, f"an rnn cell made in `{function.name}`, a function with *args / **kwargs", construct)
        given = {**dict(zip(params, site.args)), **{k.arg: k.value for k in site.keywords}}
        defaults = dict(zip(params[len(params) - len(function.args.defaults):], function.args.defaults))
        local = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        name = stmt.targets[0].id
        if sum(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ast.walk(function)) != 1 \
                or name in params or any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(c.tree)
                                         if isinstance(n, ast.Name) and not (function.lineno <= n.lineno <= function.end_lineno)):
            raise c.fail(stmt, f"the cell's name `{name}` in `{function.name}` is bound again or used outside it (the "
                         "cell is made once, above the call)", name)
        replaced = []
        for node in ast.walk(stmt.value):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id in params:
                    value = given.get(node.id, defaults.get(node.id))
                    if not isinstance(value, (ast.Name, ast.Constant)):
                        raise c.fail(node, f"an rnn cell made in `{function.name}` from its parameter `{node.id}`, given "
                                     "as other than a name or a literal", node.id)
                    replaced.append((node, c.source(value)))
                elif node.id in local and node.id not in cells:
                    raise c.fail(node, f"an rnn cell made in `{function.name}` from its local `{node.id}` (the cell is "
                                 "made once, above the call)", node.id)
        text = c.source(stmt)
        base, end = c.offset(stmt), c.end_offset(stmt)
        inside = [e for e in edits if base <= e[0] and e[1] <= end]
        edits = [e for e in edits if not (base <= e[0] and e[1] <= end)]
        for start, stop, new in sorted(inside, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start - base] + new + text[stop - base:]
        for param, value in {n.id: v for n, v in replaced}.items():
            text = re.sub(rf"(?<![\w.]){re.escape(param)}\b", value, text)
        first = stmt.lineno  # the comment lines right above the statement (`# Define a lstm cell`) go with it
        while first > function.body[0].lineno and c.lines[first - 2].strip().startswith("#"):
            first -= 1
        comments = "".join(f"{line.strip()}\n" for line in c.lines[first - 1:stmt.lineno - 1])
        moved.setdefault(id(holder), []).append((comments, text))
        anchors[id(holder)] = holder
        last = stmt.end_lineno  # a blank line on both sides: one stays
        if last < len(c.lines) and not c.lines[last].strip() and first >= 2 and not c.lines[first - 2].strip():
            last += 1
        edits.append((c.starts[first - 1], c.starts[last], ""))
    for key, texts in moved.items():
        holder = anchors[key]
        indent = c.lines[holder.lineno - 1][: c.col(holder)]
        edits.append((c.starts[holder.lineno - 1], c.starts[holder.lineno - 1], "".join(
            "".join(f"{indent}{line}\n" for line in comments.splitlines()) + f"{indent}{t}\n" for comments, t in texts)))
    return edits


