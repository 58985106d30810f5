"""`--style tf2`, before the graph engine (migrate/tf2_graph.py) runs: the compat output's
v1 layer calls (`tf.compat.v1.layers.dense / conv2d / max_pooling2d / average_pooling2d /
flatten / dropout`, `tf_slim.flatten`, and `tf_slim.fully_connected` read first as the v1 dense it built,
`_slim_dense`), each the value of a `name = ...` statement where the
program builds its graph, rewritten as Keras layers: the layer object made once, on a line of
its own above the statement (where TF 1.x made its variables), and the statement calling it::

    L1 = tf.compat.v1.layers.conv2d(X, 32, [3, 3], activation=tf.nn.relu)
->
    conv2d_1 = tf.keras.layers.Conv2D(32, [3, 3], activation=tf.nn.relu)
    L1 = conv2d_1(X)

The engine then treats `conv2d_1` as a container of variables (its `trainable_variables`,
read after the forward pass: a Keras layer has variables once called) and `L1 = conv2d_1(X)`
as a graph statement of the steps.

What the compat program ran, measured on TF 2.21 with tf_keras 2.21 (TF_USE_LEGACY_KERAS=1,
graph mode, `set_random_seed(3)`), and so what the rewrite keeps:
- dense / conv2d with no `kernel_initializer`: tf_keras' GlorotUniform, drawn with
  `tf.random.stateless_uniform(shape, [s, 0], -limit, limit)`, `s = random.randint(1, 10**9)`
  from Python's `random` when the layer was built (tf_keras' RandomGenerator `_create_seed`);
  the graph seed plays no part and the graph's count of random ops is not advanced (0 seeds
  asked, the same for pooling and flatten). Without `random.seed` in the file that draw differs
  run to run, so Keras 3's default initializer (the same distribution) is written; with it, the
  file gets `CompatGlorotUniform`, a Keras initializer drawing exactly that, its seed taken from
  Python's `random` when the layer object is made (where tf_keras took it).
- dropout with `training` absent or False (also a third positional argument: v1's signature is
  `dropout(inputs, rate, noise_shape, seed, training)`): the identity (`tf.identity`); with
  `training=True`: `tf.nn.dropout(inputs, rate=...)`, one count of the graph's random ops (the
  engine gives it its op seed); with `training=` a graph value (a bool placeholder): TF 1.x's
  `tf.cond` drew the mask only when training, so `tf.nn.dropout(...) if training else
  tf.identity(...)` (autograph's cond in a tf.function; Keras' Dropout wants a Python bool);
  under a graph seed the same where `training` is a bool placeholder (the engine counts the
  branch's op seed, one graph count where the layer was built: `Converter.bool_placeholder`),
  any other graph value a Fallback.
- batch_normalization: a `V1BatchNormalization` (`_batch_norm_class`: v1's fused / non-fused arithmetic written
  into the file), `training` passed at the call; its moving statistics updated by the training step where the
  program made its train op under control_dependencies(UPDATE_OPS) (migrate/tf2_batchnorm.py); in a model
  function only with v1's default training=False (no update op there).

A model function (`_shared_functions`): a module-level `def conv_net(x, n_classes, dropout,
reuse, is_training)` whose layer calls (these and conv2d_transpose) sit under one `with
tf.compat.v1.variable_scope('ConvNet', reuse=reuse):` (or golbin's `as scope` + `if reuse:
scope.reuse_variables()`), called while the graph is built, the first call making the variables
(reuse False / None / absent) and later ones sharing them (reuse=True), or called once: the
function becomes a tf.Module class (`_model_class_edits`) whose `__init__` makes the Keras
layers (their arguments from the parameters they read, the first call's values), whose
`trainable_variables` lists theirs (a tf.Module does not track a Keras 3 layer's, measured) and
whose `__call__` is the body (other parameters kept, the reuse flag gone, the variable scope a
name_scope); the function's name is bound to the one object above its first call, and every
call calls it. `get_collection(TRAINABLE_VARIABLES, scope='ConvNet')` read only as minimize's
var_list becomes the object's `trainable_variables` (`_scope_collections`). Measured side by
side (tests/e2e/tf2_runs/model_reuse.py, gan_reuse.py): the same digits when the loss reads one
call; when it reads two calls of one object (a GAN's discriminator), last-bit differences from
step 2 (the graph's gradients and the tape sum the two calls' contributions differently).

Anything else (a layer call in another function, a loop or any other expression; `reuse`,
regularizers, initializers, constraints, `trainable=False`) raises `Fallback` naming it.
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast
import re

# v1 function -> (Keras 3 class, its parameters after `inputs`, in order)
V1_LAYERS = {
    "tf.compat.v1.layers.dense": ("Dense", (
        "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "trainable", "name", "reuse")),
    "tf.compat.v1.layers.conv2d": ("Conv2D", (
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint", "trainable", "name", "reuse")),
    "tf.compat.v1.layers.conv2d_transpose": ("Conv2DTranspose", (
        "filters", "kernel_size", "strides", "padding", "data_format", "activation", "use_bias",
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint", "trainable", "name", "reuse")),
    "tf.compat.v1.layers.max_pooling2d": ("MaxPooling2D", ("pool_size", "strides", "padding", "data_format", "name")),
    "tf.compat.v1.layers.average_pooling2d": ("AveragePooling2D", ("pool_size", "strides", "padding", "data_format", "name")),
    "tf.compat.v1.layers.flatten": ("Flatten", ("name", "data_format")),
    "tf_slim.flatten": ("Flatten", ("outputs_collections", "scope")),
    "tf.compat.v1.layers.dropout": ("Dropout", ("rate", "noise_shape", "seed", "training", "name")),
}
# v1's layer classes (what tf.layers.Dense is after the compat pass) -> the Keras 3 class
V1_CLASSES = {f"tf.compat.v1.layers.{cls}": cls for cls in ("Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Flatten")}
PLACEHOLDER = "tf.compat.v1.placeholder"
# tf_slim.fully_connected's parameters after `inputs` (tf_slim 1.1 layers/layers.py), and those accepted only at
# their default (`_slim_dense`)
SLIM_DENSE_PARAMETERS = (
    "num_outputs", "activation_fn", "normalizer_fn", "normalizer_params", "weights_initializer", "weights_regularizer",
    "biases_initializer", "biases_regularizer", "reuse", "variables_collections", "outputs_collections", "trainable",
    "scope")
SLIM_DENSE_DEFAULTS = {"normalizer_fn": None, "normalizer_params": None, "weights_regularizer": None,
                       "biases_regularizer": None, "reuse": None, "variables_collections": None,
                       "outputs_collections": None, "trainable": True}
# v1 layers kept compat, and why
NOT_CONVERTED: dict[str, str] = {}
BATCH_NORM = "tf.compat.v1.layers.batch_normalization"
# v1's batch_normalization parameters after `inputs` (tf_keras/src/legacy_tf_layers/normalization.py)
BATCH_NORM_PARAMETERS = (
    "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer", "moving_mean_initializer",
    "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
    "training", "trainable", "name", "reuse", "renorm", "renorm_clipping", "renorm_momentum", "fused",
    "virtual_batch_size", "adjustment")
# passed on to the helper as written; the others only at v1's default
BATCH_NORM_KEPT = ("axis", "momentum", "epsilon", "center", "scale", "fused")
BATCH_NORM_DEFAULTS = {"trainable": True, "reuse": None, "renorm": False, "renorm_clipping": None, "virtual_batch_size": None,
                       "adjustment": None, "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None,
                       "gamma_constraint": None, "beta_initializer": None, "gamma_initializer": None,
                       "moving_mean_initializer": None, "moving_variance_initializer": None}
# the class written into the output for v1's batch_normalization (`_batch_norm_class`)
BATCH_NORM_CLASS = "V1BatchNormalization"
# parameters passed on to the Keras layer as written (same name, same meaning)
KEPT = frozenset({"units", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                  "activation", "use_bias", "pool_size", "name"})
# parameters whose value is accepted only when it is v1's default (what the Keras layer does too)
DEFAULTS = {"trainable": True, "outputs_collections": None, "scope": None, "kernel_initializer": None, "reuse": None}
# the Keras 3 layer classes written here: made once, their variables (if any) the program's
KERAS_LAYERS = frozenset({f"tf.keras.layers.{cls}" for cls, _ in V1_LAYERS.values() if cls != "Dropout"} | {BATCH_NORM_CLASS})
WEIGHTED = frozenset({"tf.keras.layers.Dense", "tf.keras.layers.Conv2D", "tf.keras.layers.Conv2DTranspose", BATCH_NORM_CLASS})
INITIALIZER = "CompatGlorotUniform"
# the compat pass's kernel initializer under a graph seed (codemods/v1_layer_initializers.py, MIG117): v1's
# glorot_uniform_initializer(), written as this class, whose `seed=` the graph engine fills with the op seed
# TF 1.x's graph gave the kernel where the layer was built (tf2_graph's op_seeds)
V1_GLOROT = "tf.compat.v1.glorot_uniform_initializer"
GRAPH_INITIALIZER = "V1GlorotUniform"
TRAINING_GRAPH_VALUE = ("`training=` a graph value under a graph seed: TF 1.x drew the dropout mask in a tf.cond branch "
                        "with an op seed from the graph's count, a conditional draw whose count is not followed here")

MODEL_DROPOUT = ("a dropout in the model function `{}` under a graph seed: TF 1.x built one dropout op per call "
                 "that trains, its op seed from the graph's count at that call; the one op of the object's __call__ "
                 "is not seeded per call here")


def _initializer_class(tf: str, name: str = INITIALIZER) -> str:
    """The kernel initializer class written into the file: `CompatGlorotUniform` (tf_keras' default,
    seeded from Python's `random`) or `V1GlorotUniform` (v1's glorot_uniform_initializer, drawn with the
    op seed the graph engine writes in its `seed=`)."""
    graph = name == GRAPH_INITIALIZER
    doc = ([f"class {name}({tf}.keras.initializers.Initializer):",
            '    """TF 1.x\'s default kernel initializer of tf.layers, glorot_uniform_initializer() (init_ops.VarianceScaling(',
            "    1.0, 'fan_avg', 'uniform')): uniform in [-limit, limit), limit = sqrt(3 / max(1, (fan_in + fan_out) / 2)),",
            "    the stateful draw TF 1.x's graph made with the graph seed and `seed`, the op seed its count gave it.\"\"\"",
            "",
            "    def __init__(self, seed=None):",
            "        self.seed = seed"] if graph else
           [f"class {name}({tf}.keras.initializers.Initializer):",
            '    """The default kernel initializer of TF 1.x\'s tf.layers under TF 2.21 (tf_keras\' GlorotUniform):',
            "    uniform in [-limit, limit), limit = sqrt(3 / max(1, (fan_in + fan_out) / 2)), a stateless",
            "    draw seeded from Python's `random` when the layer is made (tf_keras took it when the",
            '    layer was built in the graph)."""',
            "",
            "    def __init__(self):",
            "        self.seed = random.randint(1, int(1e9))"])
    draw = (f"        return {tf}.random.uniform(shape, -limit, limit, dtype=dtype or {tf}.float32, seed=self.seed)" if graph else
            f"        return {tf}.random.stateless_uniform(shape, [self.seed, 0], -limit, limit, dtype=dtype or {tf}.float32)")
    return "\n".join([
        *doc,
        "",
        "    def __call__(self, shape, dtype=None):",
        "        import math",
        "",
        "        receptive = math.prod(shape[:-2])",
        "        fan_in, fan_out = (shape[-2] * receptive, shape[-1] * receptive) if len(shape) > 1 else (shape[0], shape[0])",
        "        limit = math.sqrt(3.0 * (1.0 / max(1.0, (fan_in + fan_out) / 2.0)))",
        draw,
    ]) + "\n\n\n"


def _batch_norm_class(tf: str) -> str:
    """The class written for v1's `batch_normalization` (`V1BatchNormalization`): TF 1.x's arithmetic, read in
    tf_keras 2.21's BatchNormalization (v1 behaviour, graph mode: layers/normalization/batch_normalization.py)
    and TensorFlow 2.21's nn_impl.py."""
    return "\n".join([
        f"class {BATCH_NORM_CLASS}({tf}.Module):",
        '    """TF 1.x\'s tf.layers.batch_normalization as the compat program ran it (tf_keras\' BatchNormalization,',
        "    v1 behaviour, graph mode). gamma, beta (trainable), moving_mean, moving_variance (not) are made at the",
        "    first call, shape [channels] of the input's `axis`, as ones, zeros, zeros, ones.",
        "",
        "    Training (`training` True, or a bool tensor that is true): a 4-D (5-D) input whose `axis` is 1 or 3",
        "    (1 or 4) goes through the fused kernel FusedBatchNormV3 (normalized with the biased batch variance; the",
        "    variance it returns, used for the moving update, has Bessel's correction n / (n - 1)); any other input",
        "    through tf.nn.moments (biased variance) and tf.nn.batch_normalization. Not training: the same kernel",
        "    with the moving statistics. The moving statistics change only in `update_moving_statistics()`, called",
        "    by the training step when TF 1.x ran this call's update ops (its train op made under",
        "    control_dependencies(UPDATE_OPS)): moving -= (moving - batch) * decay, decay = float32(1 - momentum)",
        '    non-fused, 1 - float32(momentum) fused (tf_keras\' _assign_moving_average, a float32 momentum there)."""',
        "",
        "    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, fused=None, name=None):",
        "        super().__init__(name=name)",
        "        self.axis, self.momentum, self.epsilon = axis, momentum, epsilon",
        "        self.center, self.scale, self.fused = center, scale, fused",
        "        self.built = False",
        "",
        "    def _build(self, shape):",
        "        rank = shape.rank",
        "        channel = self.axis % rank",
        "        fused = self.fused is not False and rank in (4, 5) and self.axis in (-4, -3, -1, 1, 3, 4)",
        "        if fused and rank == 4 and channel not in (1, 3):",
        "            raise ValueError(f'Unsupported axis {self.axis} for the fused batch normalization of a 4-D input')",
        "        formats = {(4, 1): 'NCHW', (4, 3): 'NHWC', (5, 1): 'NCDHW', (5, 4): 'NDHWC'}",
        "        self.data_format = formats.get((rank, channel)) if fused else None",
        "        self.rank, self.channel, size = rank, channel, shape[channel]",
        f"        with {tf}.init_scope():",
        f"            self.gamma = {tf}.Variable({tf}.ones([size]), name='gamma') if self.scale else None",
        f"            self.beta = {tf}.Variable({tf}.zeros([size]), name='beta') if self.center else None",
        f"            self.moving_mean = {tf}.Variable({tf}.zeros([size]), trainable=False, name='moving_mean')",
        f"            self.moving_variance = {tf}.Variable({tf}.ones([size]), trainable=False, name='moving_variance')",
        "        self.built = True",
        "",
        "    def _normalize(self, inputs, training):",
        "        if self.data_format is not None:",
        f"            scale = self.gamma if self.gamma is not None else {tf}.ones(self.moving_mean.shape)",
        f"            offset = self.beta if self.beta is not None else {tf}.zeros(self.moving_mean.shape)",
        f"            outputs, mean, variance, _, _, _ = {tf}.raw_ops.FusedBatchNormV3(",
        f"                x=inputs, scale={tf}.convert_to_tensor(scale), offset={tf}.convert_to_tensor(offset),",
        f"                mean={tf}.convert_to_tensor(self.moving_mean), variance={tf}.convert_to_tensor(self.moving_variance),",
        "                epsilon=self.epsilon, exponential_avg_factor=1.0, data_format=self.data_format, is_training=training)",
        "            return outputs, mean, variance",
        "        if training:",
        f"            mean, variance = {tf}.nn.moments(inputs, [i for i in range(self.rank) if i != self.channel])",
        "        else:",
        f"            mean, variance = {tf}.convert_to_tensor(self.moving_mean), {tf}.convert_to_tensor(self.moving_variance)",
        "        shape = [1] * self.rank",
        "        shape[self.channel] = -1",
        f"        spread = (lambda v: v) if self.channel == self.rank - 1 else (lambda v: v if v is None else {tf}.reshape(v, shape))",
        f"        outputs = {tf}.nn.batch_normalization(inputs, spread(mean), spread(variance), spread(self.beta), spread(self.gamma),",
        "                                            self.epsilon)",
        "        return outputs, mean, variance",
        "",
        "    def __call__(self, inputs, training=False):",
        f"        inputs = {tf}.convert_to_tensor(inputs)",
        "        if not self.built:",
        "            self._build(inputs.shape)",
        "        if isinstance(training, bool):",
        "            outputs, mean, variance = self._normalize(inputs, training)",
        "        else:",
        f"            training = {tf}.cast(training, {tf}.bool)",
        f"            outputs, mean, variance = {tf}.cond(training, lambda: self._normalize(inputs, True),",
        "                                                lambda: self._normalize(inputs, False))",
        "        object.__setattr__(self, '_batch', (mean, variance, training))  # this call's statistics, for the update",
        "        return outputs",
        "",
        "    def update_moving_statistics(self):",
        "        mean, variance, training = self._batch",
        f"        decay = 1.0 - {tf}.constant(self.momentum, {tf}.float32) if self.data_format else {tf}.constant(1.0 - self.momentum, {tf}.float32)",
        "",
        "        def update():",
        "            self.moving_mean.assign_sub((self.moving_mean - mean) * decay)",
        "            self.moving_variance.assign_sub((self.moving_variance - variance) * decay)",
        f"            return {tf}.constant(True)",
        "",
        "        if isinstance(training, bool):",
        "            if training:",
        "                update()",
        "        else:",
        f"            {tf}.cond(training, update, lambda: {tf}.constant(False))",
    ]) + "\n\n\n"


def _batch_norm_edits(c, call: ast.Call, stmt: ast.stmt, construct: str, used: set, model=None):
    """`h = tf.compat.v1.layers.batch_normalization(x, training=t, momentum=0.9)` -> a line above it making
    `batch_normalization_1 = V1BatchNormalization(momentum=0.9)` and the call `batch_normalization_1(x, training=t)`
    (no `training`: v1's default False, inference): ([those two edits], the call's text). In a model function
    (`model` given): ((attribute name, the object's making), `self.batch_normalization_1(x)`). Raises Fallback for
    an argument written only at v1's default."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise c.fail(call, "batch_normalization with *args / **kwargs", construct)
    if not call.args and not any(k.arg == "inputs" for k in call.keywords):
        raise c.fail(call, "batch_normalization with no inputs", construct)
    given = {k.arg: k.value for k in call.keywords}
    if call.args:
        given["inputs"] = call.args[0]
        given.update(zip(BATCH_NORM_PARAMETERS, call.args[1:]))
    if len(call.args) > len(BATCH_NORM_PARAMETERS) + 1 or set(given) - set(BATCH_NORM_PARAMETERS) - {"inputs"}:
        raise c.fail(call, "batch_normalization with arguments it does not take", construct)
    arguments = []
    for param in BATCH_NORM_PARAMETERS:
        if param not in given or param == "training":
            continue
        node = given[param]
        if param in BATCH_NORM_KEPT:
            arguments.append(f"{param}={c.source(node)}")
            continue
        if param == "name" and isinstance(node, ast.Constant) and isinstance(node.value, str):
            continue  # v1's variable names; the Checkpoint keys variables by the Python name
        literal = node.value if isinstance(node, ast.Constant) else ...
        if param in BATCH_NORM_DEFAULTS and literal is not ... and literal == BATCH_NORM_DEFAULTS[param]:
            continue
        raise c.fail(_keyword_of(call, node), f"`{param}=` of batch_normalization: written only at v1's default here "
                     "(initializers, regularizers, constraints, renorm, virtual batches, reuse)", f"{param}={c.source(node)}")
    axis = given.get("axis")
    if axis is not None and not (isinstance(axis, ast.Constant) and type(axis.value) is int
                                 or isinstance(axis, ast.UnaryOp) and isinstance(axis.op, ast.USub)
                                 and isinstance(axis.operand, ast.Constant) and type(axis.operand.value) is int):
        raise c.fail(_keyword_of(call, axis), "batch_normalization over an `axis` that is not one integer literal",
                     f"axis={c.source(axis)}")
    training = given.get("training")
    passed = [c.source(given["inputs"])]
    if training is not None and not (isinstance(training, ast.Constant) and training.value in (False, None)):
        passed.append(f"training={c.source(training)}")
    k = 1
    if model is not None:
        while f"batch_normalization_{k}" in {a for a, _ in model.layers}:
            k += 1
        layer = f"batch_normalization_{k}"
        return (layer, f"{BATCH_NORM_CLASS}({', '.join(arguments)})"), f"self.{layer}({', '.join(passed)})"
    while f"batch_normalization_{k}" in used:
        k += 1
    layer = f"batch_normalization_{k}"
    used.add(layer)
    line = c.lines[stmt.lineno - 1]
    indent = line[: len(line) - len(line.lstrip())]
    start = c.starts[stmt.lineno - 1]
    return [(start, start, f"{indent}{layer} = {BATCH_NORM_CLASS}({', '.join(arguments)})\n"),
            (c.offset(call), c.end_offset(call), f"{layer}({', '.join(passed)})")], f"{layer}({', '.join(passed)})"


def keras_layers(text: str, slim: bool = True):
    """(new text, a function mapping a Fallback raised on the new text back to `text`), or
    None when `text` has no v1 layer call. Raises Fallback (positioned in `text`) for a v1
    layer call of another shape. `slim`: tf_slim's fully_connected read as v1's dense first."""
    from migrate.tf2_graph import Converter, Fallback

    if "layers." not in text and "tf_slim" not in text:
        return None
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    dense = _slim_dense(c) if slim else None
    if dense is not None:  # tf_slim's fully_connected written as v1's dense first
        new, first, lines = dense
        try:
            layered = keras_layers(new)
        except Fallback as later:
            stop = first(later)
            if getattr(later, "said", False):  # a model function's own finding (kernels drawn out of order, globals)
                stop.model = True
                raise stop from None
            if stop.line in lines:  # a fully_connected not made where the graph is built: left to the engine's finding
                return keras_layers(text, slim=False)
            raise stop from None
        return (new, first) if layered is None else (layered[0], lambda later: first(layered[1](later)))
    for node in ast.walk(c.tree):
        if isinstance(node, ast.Call) and c.qual(node.func) in NOT_CONVERTED:
            raise c.fail(node, NOT_CONVERTED[c.qual(node.func)], c.qual(node.func).replace("tf.", c.alias + ".", 1))
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and (c.qual(n.func) in V1_LAYERS or c.qual(n.func) == BATCH_NORM)]
    classes = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.qual(n.func) in V1_CLASSES]
    if not calls and not classes:
        return None
    c.no_estimator_helper()  # an Estimator program: that is its finding
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    sessions = {id(body) for body, stmt in _bodies(c.tree) if any(
        isinstance(n, ast.Call) and c.qual(n.func) in ("tf.compat.v1.Session", "tf.compat.v1.InteractiveSession")
        for n in ast.walk(stmt))}
    graph_seed = any(isinstance(n, ast.Call) and c.qual(n.func) in ("tf.compat.v1.set_random_seed", "tf.random.set_seed")
                     for n in ast.walk(c.tree))
    python_seed = any(isinstance(n, ast.Call) and dotted(n.func) == "random.seed" for n in ast.walk(c.tree))
    first = min(calls + classes, key=lambda n: (n.lineno, n.col_offset))
    if python_seed and c.imported_from.get("random") != "random":
        raise c.fail(first, "a v1 layer's kernel drawn from Python's `random` (seeded here), which the file does not "
                     "import as `import random`")
    if python_seed and INITIALIZER in c.used_names:
        raise c.fail(first, f"the name `{INITIALIZER}` (the kernel initializer written for v1 layers) is taken in the file")
    keras_seed = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call)
                       and (dotted(n.func) or "").endswith("utils.set_random_seed")), None)
    if keras_seed is not None:
        raise c.fail(keras_seed, "the Keras seed set: the compat program's v1 layers draw their kernels from tf_keras' "
                     "seed generator it seeds, which Keras 3 does not share")
    edits = []  # (start, end, new text)
    used = set(c.used_names)
    tf = c.alias
    helper_needed = graph_helper_needed = batch_norm_needed = False
    graph = any(c.qual(n.func) in (PLACEHOLDER, "tf.compat.v1.Session", "tf.compat.v1.InteractiveSession")
                for n in ast.walk(c.tree) if isinstance(n, ast.Call))
    for call in classes:
        # `tf.compat.v1.layers.Dense(256, ...)` made in an eager program (a Keras model's layer):
        # in eager code v1's class is tf_keras' layer, the Keras 3 one computes the same
        construct = c.qual(call.func).replace("tf.", tf + ".", 1)
        if graph:
            raise c.fail(call, "a v1 layer object in a graph program (its calls build graph ops wherever they are): "
                         "converted in eager programs only", construct)
        cls = V1_CLASSES[c.qual(call.func)]
        params = tuple(p for p in V1_LAYERS[next(f for f, (k, _) in V1_LAYERS.items() if k == cls)][1] if p != "reuse")
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            raise c.fail(call, "a v1 layer object made with *args / **kwargs", construct)
        given = {**dict(zip(params, call.args)), **{k.arg: k.value for k in call.keywords}}
        if len(call.args) > len(params) or set(given) - set(params):
            raise c.fail(call, f"a v1 layer object with arguments {cls} is not written for", construct)
        if _graph_kernel(c, given, graph_seed):
            raise _graph_kernel_fail(c, given["kernel_initializer"], "a v1 layer object of an eager program drew it with "
                                     "the eager context's count of op seeds, which is not followed here")
        arguments = _keras_arguments(c, call, cls, params, given)
        if cls in ("Dense", "Conv2D", "Conv2DTranspose") and python_seed:
            arguments.append(f"kernel_initializer={INITIALIZER}()")
            helper_needed = True
        edits.append((c.offset(call), c.end_offset(call), f"{tf}.keras.layers.{cls}({', '.join(arguments)})"))
    shared = _shared_functions(c, calls, parents)
    for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
        called = c.qual(call.func)
        construct = f"{called.replace('tf.', tf + '.', 1)}"
        stmt = parents.get(id(call))
        body = _body_of(stmt, parents, c.tree)
        if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)) or body is None:
            raise c.fail(call, "a v1 layer call other than `name = layer(...)` in the body building the graph: "
                         "converted only there (a Keras layer object made once, called in the steps)", construct)
        owner = _function_of(call, parents)
        model = shared.get(owner.name) if owner is not None else None
        if model is None and id(body) not in sessions and body is not c.tree.body:
            function = next((f for f in ast.walk(c.tree) if isinstance(f, ast.FunctionDef) and f.body is body), None)
            where = f"function `{function.name}`" if function is not None else "a block"
            declared = _declared_names(owner) if owner is not None and owner in c.tree.body else []
            if declared:
                # (said, not left to the engine's finding about the variables tf_slim's layers make)
                first = declared[0]
                stop = c.fail(first, f"the model function `{owner.name}`, whose layers become an object's, declares "
                              f"`{c.source(first)}`: its graph tensors published as module names, for a debugger or other code to run later; the converted model would be an "
                              "object whose __call__ runs in each step's tf.function, publishing that trace's "
                              "symbolic tensors, which nothing can run: converted for model functions declaring no "
                              "global")
                stop.said = True
                raise stop
            raise c.fail(call, f"a v1 layer call in {where} (new variables at each call, or `reuse` by variable "
                         "scope): converted where the program builds its graph", construct)
        if called == BATCH_NORM:
            if BATCH_NORM_CLASS in used:
                raise c.fail(call, f"the name `{BATCH_NORM_CLASS}` (the class written for v1's batch_normalization) is "
                             "taken in the file", construct)
            batch_norm_needed = True
            made, called_text = _batch_norm_edits(c, call, stmt, construct, used, model)
            if model is None:
                edits += made
                continue
            # in a model function: with v1's default training=False (no update op), made in the object's __init__
            if "training=" in called_text:
                stop = c.fail(call, f"batch_normalization with `training` in the model function `{owner.name}`: its "
                              "moving statistics' updates are written for a layer called in the program's own body", construct)
                raise stop  # (not the model's own finding: a construct keeping the file compat anyway is named instead)
            model.layers.append(made)
            edits.append((c.offset(call), c.end_offset(call), called_text))
            continue
        cls, params = V1_LAYERS[called]
        if any(isinstance(a, ast.Starred) for a in call.args):
            raise c.fail(call, "a v1 layer call with *args", construct)
        given = {}
        for keyword in call.keywords:
            if keyword.arg is not None:
                given[keyword.arg] = keyword.value
                continue
            spread = _literal_kwargs(c, keyword.value)  # `**conv1_params`, a dict literal bound once
            if spread is None:
                raise c.fail(call, "a v1 layer call with **kwargs other than a name bound once to a dict literal "
                             "(string keys, values calling nothing)", construct)
            given.update(spread)
        if call.args:
            if "inputs" in given:
                raise c.fail(call, "a v1 layer call with its inputs twice", construct)
            given["inputs"] = call.args[0]
            given.update(zip(params, call.args[1:]))
        if "inputs" not in given or set(given) - set(params) - {"inputs"}:
            raise c.fail(call, f"a v1 layer call with arguments {cls} is not written for", construct)
        inputs = c.source(given["inputs"])
        indent = c.lines[stmt.lineno - 1][: len(c.lines[stmt.lineno - 1]) - len(c.lines[stmt.lineno - 1].lstrip())]
        if cls == "Dropout":
            given.pop("inputs")
            training = given.get("training")
            value = training.value if isinstance(training, ast.Constant) else None if training is None else ...
            if value is ... and graph_seed and (model is not None or not c.bool_placeholder(training)):
                stop = c.fail(_keyword_of(call, training), MODEL_DROPOUT.format(owner.name) if model is not None
                              else TRAINING_GRAPH_VALUE, f"training={c.source(training)}")
                stop.model = model is not None  # the model function's own finding (convert() keeps it)
                raise stop
            parts = [inputs, f"rate={c.source(given['rate'])}" if "rate" in given else "rate=0.5"]
            parts += [f"{p}={c.source(given[p])}" for p in ("noise_shape", "seed") if p in given]
            if value is ...:  # v1's tf.cond: the mask drawn only when training (the step's `if`, autograph's cond)
                new = f"{tf}.nn.dropout({', '.join(parts)}) if {c.source(training)} else {tf}.identity({inputs})"
            elif not value:  # v1's default: the identity (noise_shape, seed unused)
                new = f"{tf}.identity({inputs})"
            else:
                new = f"{tf}.nn.dropout({', '.join(parts)})"
            edits.append((c.offset(call), c.end_offset(call), new))
            continue
        drawn = _graph_kernel(c, given, graph_seed)
        unseeded = not graph_seed and _v1_glorot_kernel(c, given)
        if unseeded:
            # the compat pass's glorot_uniform_initializer() in a part of the program whose graph has no seed
            # (a function building after `reset_default_graph()`): an unseeded draw, Keras' default's distribution
            given.pop("kernel_initializer")
        if drawn and model is not None:
            # made in the object's __init__, where its first call's statement was: the kernels drawn there, in
            # the body's order, the op seeds TF 1.x's count gave them at that call, when nothing else there draws
            _model_draw_order(c, model, calls, given["kernel_initializer"])
        elif drawn:
            _graph_kernel_inputs(c, given["inputs"], given["kernel_initializer"])
        given.pop("inputs")
        arguments = _keras_arguments(c, call, cls, params, {k: v for k, v in given.items() if k != "kernel_initializer"}
                                     if drawn else given)
        if drawn:  # v1's glorot_uniform_initializer(), its op seed written by the graph engine
            if GRAPH_INITIALIZER in c.used_names:
                raise c.fail(call, f"the name `{GRAPH_INITIALIZER}` (the kernel initializer written for v1 layers under a "
                             "graph seed) is taken in the file", construct)
            arguments.append(f"kernel_initializer={GRAPH_INITIALIZER}(seed=None)")
            graph_helper_needed = True
        elif cls in ("Dense", "Conv2D", "Conv2DTranspose") and python_seed and not unseeded:
            arguments.append(f"kernel_initializer={INITIALIZER}()")
            helper_needed = True
        base = {"Dense": "dense", "Conv2D": "conv2d", "Conv2DTranspose": "conv2d_transpose", "MaxPooling2D": "max_pooling2d",
                "AveragePooling2D": "average_pooling2d", "Flatten": "flatten"}[cls]
        if model is not None:  # made once in the model object's __init__, called in its __call__
            for node in given.values():
                inner = sorted({n.id for n in ast.walk(node) if isinstance(n, ast.Name)} & model.local)
                if inner:
                    stop = c.fail(call, f"a v1 layer's argument computed in `{owner.name}` (`{inner[0]}`): the layer is made "
                                 "once, before the function's body runs", construct)
                    stop.model = True
                    raise stop
                model.build += [p for p in model.params if p not in model.build and any(
                    isinstance(n, ast.Name) and n.id == p for n in ast.walk(node))]
            k = 1
            while f"{base}_{k}" in {a for a, _ in model.layers}:
                k += 1
            model.layers.append((f"{base}_{k}", f"{tf}.keras.layers.{cls}({', '.join(arguments)})"))
            edits.append((c.offset(call), c.end_offset(call), f"self.{base}_{k}({inputs})"))
            continue
        k = 1
        while f"{base}_{k}" in used:
            k += 1
        layer = f"{base}_{k}"
        used.add(layer)
        start = c.starts[stmt.lineno - 1]
        line = f"{indent}{layer} = {tf}.keras.layers.{cls}({', '.join(arguments)})\n"
        edits.append((start, start, line))
        edits.append((c.offset(call), c.end_offset(call), f"{layer}({inputs})"))
    for model in shared.values():
        edits += _model_class_edits(c, model, used)
    edits += _scope_collections(c, shared)
    if helper_needed or graph_helper_needed or batch_norm_needed:
        first = min(call.lineno for call in calls + classes)
        top = next(k for k, s in enumerate(c.tree.body) if s.lineno <= first <= s.end_lineno)
        imports = [k for k in range(top) if isinstance(c.tree.body[k], (ast.Import, ast.ImportFrom))]
        after = c.tree.body[imports[-1] + 1] if imports else c.tree.body[top]  # below the imports
        at = min([after.lineno] + [d.lineno for d in getattr(after, "decorator_list", [])])
        start = c.starts[at - 1]
        helper = (_initializer_class(tf) if helper_needed else "") + (
            _initializer_class(tf, GRAPH_INITIALIZER) if graph_helper_needed else "") + (
            _batch_norm_class(tf) if batch_norm_needed else "")
        if imports:  # two blank lines each side, as between top-level definitions
            helper = "\n\n" + helper.rstrip("\n") + "\n" + ("\n\n" if c.lines[at - 1].strip() else "")
        edits.append((start, start, helper))
    out = text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    out = _drop_legacy_switch(out)
    out = _drop_unused_import(out, "tf_slim")
    return out, fallback_mapper(text, out)


def _slim_dense(c):
    """The file's `tf_slim.fully_connected(inputs, num_outputs, ...)` calls (tf.contrib.layers' after the compat
    pass) written as the v1 dense layer TF 1.x ran (tf_slim builds `core_layers.Dense`, v1's tf.layers.Dense, and
    applies `activation_fn`, relu by default, to its output): `tf.compat.v1.layers.dense(inputs, num_outputs,
    activation=..., kernel_initializer=tf.compat.v1.glorot_uniform_initializer())`, the kernel's draw being
    tf_slim's xavier_initializer(): `random_uniform(shape, -limit, limit)`, seed None (an op seed from the graph's
    count), limit = sqrt(3 / n), n = (fan_in + fan_out) / 2, where v1's glorot_uniform_initializer computes
    sqrt(3 * (1 / n)) for the same op: the float32 limits are the same for every fan_in + fan_out up to 4,000,000
    (measured), the bias zeros. (new text, mapper of a later Fallback back to the file, naming fully_connected,
    the calls' lines), or None without such a call. Raises Fallback for an argument not written for."""
    from migrate.tf2_graph import Fallback

    slim = {name for name, module in c.imported_from.items() if module == "tf_slim"} | {"tf_slim"}
    named = [n for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == "fully_connected"
             and dotted(n.value) in slim | {f"{s}.layers" for s in slim}]
    calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and any(n.func is name for name in named)]
    if not named:
        return None
    if len(calls) < len(named):  # `fc = slim.fully_connected`, an argument: the layer made where it is called
        value = next(name for name in named if not any(call.func is name for call in calls))
        raise c.fail(value, "tf_slim's fully_connected read as a value: converted only where called by name",
                     dotted(value))
    tf = c.alias
    dense = f"{tf}.compat.v1.layers.dense"
    edits = []
    for call in calls:
        construct = dotted(call.func)
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            raise c.fail(call, "tf_slim's fully_connected with *args / **kwargs", construct)
        if len(call.args) > len(SLIM_DENSE_PARAMETERS) + 1:
            raise c.fail(call, "tf_slim's fully_connected with more arguments than it takes", construct)
        given = {**dict(zip(("inputs", *SLIM_DENSE_PARAMETERS), call.args)), **{k.arg: k.value for k in call.keywords}}
        if not {"inputs", "num_outputs"} <= set(given) or set(given) - {"inputs", *SLIM_DENSE_PARAMETERS}:
            raise c.fail(call, "tf_slim's fully_connected with arguments it does not take", construct)
        arguments = [c.source(given["inputs"]), c.source(given["num_outputs"])]
        activation = given.get("activation_fn")
        if activation is None:  # absent: tf_slim's default
            arguments.append(f"activation={tf}.nn.relu")
        elif not (isinstance(activation, ast.Constant) and activation.value is None):
            arguments.append(f"activation={c.source(activation)}")
        biases = given.get("biases_initializer")
        if isinstance(biases, ast.Constant) and biases.value is None:
            arguments.append("use_bias=False")
        elif biases is not None and not (isinstance(biases, ast.Call) and c.qual(biases.func) in (
                "tf.compat.v1.zeros_initializer", "tf.zeros_initializer") and not biases.args and not biases.keywords):
            raise c.fail(_keyword_of(call, biases), "`biases_initializer=` of tf_slim's fully_connected other than its "
                         "default zeros: not written for Keras here", f"biases_initializer={c.source(biases)}")
        weights = given.get("weights_initializer")
        if weights is not None and isinstance(weights, ast.Call) and not weights.args and not weights.keywords and (
                c.qual(weights.func) in (V1_GLOROT, "tf_slim.xavier_initializer") or dotted(weights.func) in {
                f"{s}.xavier_initializer" for s in slim} | {f"{s}.layers.xavier_initializer" for s in slim}):
            given.pop("weights_initializer")  # xavier_initializer() (glorot_uniform_initializer() after the compat pass)
        for param, node in given.items():
            if param in ("inputs", "num_outputs", "activation_fn", "biases_initializer", "scope"):
                continue
            literal = node.value if isinstance(node, ast.Constant) else ...
            if literal is not ... and (literal == SLIM_DENSE_DEFAULTS.get(param, ...) or param == "reuse" and literal is False):
                continue
            raise c.fail(_keyword_of(call, node), f"`{param}=` of tf_slim's fully_connected: not written for Keras here "
                         "(only its inputs, num_outputs, activation_fn, biases_initializer None or zeros and scope)",
                         f"{param}={c.source(node)}")
        arguments.append(f"kernel_initializer={tf}.compat.v1.glorot_uniform_initializer()")
        if "scope" in given:
            arguments.append(f"name={c.source(given['scope'])}")
        edits.append((c.offset(call), c.end_offset(call), f"{dense}({', '.join(arguments)})"))
    new = c.text
    for start, end, written in sorted(edits, reverse=True):
        new = new[:start] + written + new[end:]
    back = fallback_mapper(c.text, new)
    spelled = {call.lineno: dotted(call.func) for call in calls}

    def first(later: Fallback) -> Fallback:
        stop = back(later)
        if stop.construct.startswith(dense) and stop.line in spelled:  # the user's call named
            return Fallback(spelled[stop.line] + stop.construct[len(dense):], stop.line, stop.col, stop.reason)
        return stop

    return new, first, set(spelled)


GRAPH_KERNEL = ("a v1 layer's kernel drawn with the graph's seed (TF 1.x's default glorot_uniform_initializer(), written by "
                "the compat pass under `set_random_seed`): its op seed is the graph's count of random ops where the layer "
                "was built")


def _model_draw_order(c, model: Shared, calls: list, initializer: ast.Call) -> None:
    """A graph-seeded kernel (`_graph_kernel`) of a layer of the model function `model`: its Keras layer is made
    in the object's __init__, which the output runs where the function's first call was, just above that
    call's statement; TF 1.x drew the kernels at that call, in the body's order (that of __init__), each with
    the next count of the graph's random ops, which the graph engine writes as it walks __init__. That is the
    order TF 1.x took when nothing else asks for a seed between those draws: no other random op in the body
    (the layers' inputs included), nothing of the first call's statement but the call, no call that may build
    one (the file's own functions, a library's): raises Fallback (the model's own finding) otherwise."""
    from migrate.tf2_graph import _is_random_op

    function = model.function
    site, statement = model.sites[0][0], model.sites[0][1]
    skipped = {id(call.func) for call in calls} | {id(initializer)} | {id(site.func)}
    skipped |= {id(k.value) for call in calls for k in call.keywords if k.arg == "kernel_initializer"}
    plain = {f.name for f in function.body if _plain_callback(c, f)}
    todo = [(node, function.name) for node in function.body if not _plain_callback(c, node)]
    todo.append((statement, None))
    while todo:
        node, where = todo.pop()
        if id(node) in skipped:
            continue
        if node is site:  # the first call: its arguments, evaluated before TF 1.x's draws
            todo += [(child, where) for child in ast.iter_child_nodes(node)]
            continue
        if isinstance(node, ast.Call) and not any(node is call for call in calls):
            called = c.call_name(node)
            if isinstance(node.func, ast.Name) and node.func.id in plain:
                draws = False  # the body's own Python function (a py_func's), which uses no TensorFlow
            else:  # (the engine's test: a random op, a function of the file or a library that may build one)
                draws = called is not None and _is_random_op(called) or not c._draws_no_graph_seed(node, called)
            if draws:
                place = f"in the model function `{function.name}`" if where else \
                    f"in the statement of `{function.name}`'s first call"
                stop = c.fail(node, f"`{c.source(node.func)}` {place} may ask the graph for a seed, between or before "
                              f"the draws of `{function.name}`'s layer kernels under the graph seed (TF 1.x's default "
                              "glorot_uniform_initializer(), each with the next count of the graph's random ops): the "
                              "converted model makes its layers once, in the object's __init__, drawing the kernels "
                              "before the rest of its first call runs, an order that would give other op seeds. The "
                              "compat migration draws them as TF 1.x did")
                stop.model = stop.said = True
                raise stop
        todo += [(child, where) for child in ast.iter_child_nodes(node)]


def _v1_glorot_kernel(c, given: dict) -> bool:
    """The v1 layer's `kernel_initializer` is `tf.compat.v1.glorot_uniform_initializer()` (no arguments): what
    the compat pass writes for TF 1.x's default (MIG117)."""
    node = given.get("kernel_initializer")
    return isinstance(node, ast.Call) and c.qual(node.func) == V1_GLOROT and not node.args and not node.keywords


def _graph_kernel(c, given: dict, graph_seed: bool) -> bool:
    """`_v1_glorot_kernel` in a file (or program part) setting a graph seed: drawn with an op seed of the
    graph's count. Another initializer is `_keras_arguments`' to refuse."""
    return graph_seed and _v1_glorot_kernel(c, given)


def _graph_kernel_fail(c, initializer: ast.Call, why: str):
    """The Fallback for a graph-seeded kernel (`_graph_kernel`) not converted, positioned at its initializer."""
    return c.fail(initializer, f"{GRAPH_KERNEL}; {why}. The compat migration draws it as TF 1.x did")


def _graph_kernel_inputs(c, inputs: ast.expr, initializer: ast.Call) -> None:
    """The kernel is drawn where the Keras layer is made, on the line above the statement; TF 1.x drew it after
    evaluating the call's inputs: an input building a random op, or calling a function of the program (which may),
    would take its op seed before the kernel's. Raises Fallback for such an input."""
    from migrate.tf2_graph import _is_random_op

    for node in ast.walk(inputs):
        if isinstance(node, ast.Call):
            called = c.qual(node.func) or ""
            if not called.startswith("tf.") or _is_random_op(called):
                raise _graph_kernel_fail(c, initializer, f"TF 1.x drew it after computing the layer's inputs, which call "
                                         f"`{c.source(node.func)}` (random ops there take their op seeds first), an order "
                                         "not followed here: to convert, compute the input in a statement of its own")


def _keras_arguments(c, call: ast.Call, cls: str, params: tuple, given: dict) -> list[str]:
    """The Keras layer's arguments for a v1 layer's `given` ones (name -> node): the leading ones
    positional where Keras has them in the same places, the rest by keyword; a parameter Keras
    takes differently, unless it has v1's default value, raises Fallback naming it."""
    arguments = []
    leading = {"Dense": 1, "Conv2D": 2, "Conv2DTranspose": 2, "MaxPooling2D": 2, "AveragePooling2D": 2}.get(cls, 0)
    for index, param in enumerate(params):
        if param not in given:
            continue
        node = given[param]
        if param == "name" and isinstance(node, ast.Constant) and isinstance(node.value, str) and "/" in node.value:
            continue  # v1's variable scope path; Keras refuses `/` in a layer name (measured), which labels only
        if param in KEPT:
            positional = index < leading and all(p in given for p in params[:index])
            arguments.append(c.source(node) if positional else f"{param}={c.source(node)}")
            continue
        literal = node.value if isinstance(node, ast.Constant) else ...
        if param in DEFAULTS and literal is not ... and literal == DEFAULTS[param]:
            continue
        raise c.fail(_keyword_of(call, node), f"`{param}=` of a v1 layer: not written for Keras here (v1's own semantics: "
                     "variable collections, scopes, initializers drawing with the graph's seeds)", f"{param}={c.source(node)}")
    return arguments


def _literal_kwargs(c, node: ast.expr) -> dict | None:
    """The keywords a `**name` passes when `name` is bound once, at module level, to a dict literal
    with string keys and values that call nothing (`{"filters": caps1_n_maps * 8, "activation":
    tf.nn.relu}`), and is never changed or read otherwise (no subscript, no method); else None."""
    if not isinstance(node, ast.Name):
        return None
    bound = c._assignments(node.id)
    if len(bound) != 1 or not isinstance(bound[0], ast.Assign) or not any(bound[0] is s for s in c.tree.body) \
            or not isinstance(bound[0].value, ast.Dict):
        return None
    literal = bound[0].value
    if any(not (isinstance(k, ast.Constant) and isinstance(k.value, str)) for k in literal.keys) or any(
            any(isinstance(n, (ast.Call, ast.Lambda, ast.NamedExpr)) for n in ast.walk(v)) for v in literal.values):
        return None
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    for use in ast.walk(c.tree):
        if isinstance(use, ast.Name) and use.id == node.id and isinstance(use.ctx, ast.Load) \
                and not isinstance(parents.get(id(use)), ast.keyword):
            return None
    return {k.value: v for k, v in zip(literal.keys, literal.values)}


def _keyword_of(call: ast.Call, value: ast.expr) -> ast.AST:
    """The `name=value` keyword of `call` holding `value` (where a finding points), else `value`."""
    return next((k for k in call.keywords if k.value is value), value)


def enclosing_statement(node, parents: dict):
    """The statement holding `node` (itself if it is one), through `parents` (id(node) -> parent);
    None when no statement holds it."""
    while node is not None and not isinstance(node, ast.stmt):
        node = parents.get(id(node))
    return node


def dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _bodies(tree):
    """(body, statement) for every statement list of the module, any depth."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                for stmt in body:
                    yield body, stmt


def _body_of(stmt, parents: dict, tree):
    """The statement list the graph engine reads `stmt` in: its own, or, through `with
    tf.name_scope / tf.device / variable_scope` blocks, the one holding them; None elsewhere."""
    if stmt is None:
        return None
    parent = parents.get(id(stmt))
    while isinstance(parent, ast.With):
        stmt, parent = parent, parents.get(id(parent))
    if parent is None or isinstance(parent, ast.Module):
        return tree.body if any(stmt is s for s in tree.body) else None
    if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt in parent.body:
        return parent.body
    return None


_LEGACY_LINE = re.compile(r'(?m)^[ \t]*os\.environ\.setdefault\("TF_USE_LEGACY_KERAS", "1"\)\n')


def _drop_legacy_switch(text: str) -> str:
    """The compat pass's TF_USE_LEGACY_KERAS line gone when nothing left needs Keras 2
    (`keras_target.keras2_reasons`), with its `import os` when os is read nowhere else."""
    from migrate.keras_target import keras2_reasons

    if not _LEGACY_LINE.search(text) or "compat.v1.layers" in text or "tf_slim." in _code_only(text):
        return text
    rest = _LEGACY_LINE.sub("", text, count=1)
    if keras2_reasons(rest):
        return text
    if not re.search(r"\bos\.", rest):
        rest = re.sub(r"(?m)^import os\n", "", rest, count=1)
    return rest


def _drop_unused_import(text: str, module: str) -> str:
    """`import module` (or `import module as name`, the compat pass's `import tf_slim as slim`) dropped when
    nothing reads it any more."""
    found = re.search(rf"(?m)^import {module}(?: as (\w+))?\n", text)
    name = found and (found.group(1) or module)
    if found and not re.search(rf"\b{name}\.", _code_only(text)):
        return text[:found.start()] + text[found.end():]
    return text


def _code_only(text: str) -> str:
    return "\n".join(line.split("#")[0] for line in text.splitlines())


class Shared:
    """A module-level model function whose v1 layers become one tf.Module object (`_shared_functions`)."""

    def __init__(self, function, scope, reuse, sites, build, call_params):
        self.function, self.scope, self.reuse, self.sites = function, scope, reuse, sites
        self.build, self.call_params = build, call_params
        self.layers: list[tuple[str, str]] = []  # (attribute, Keras layer made in __init__), in TF 1.x's build order


def _shared_functions(c, calls: list, parents: dict) -> dict:
    """The file's model functions, by name: a module-level `def f(x, ..., reuse=False)` whose v1
    layer calls (all of V1_LAYERS, each `name = layer(...)` directly in its body or in its one
    `with tf.compat.v1.variable_scope('Name', reuse=reuse):`) make the variables at the first call,
    later calls passing `reuse=True` sharing them (TF 1.x's reuse by variable scope: the same
    variables, found by their scope path). Each use a call in a statement of one body; the first
    call's reuse False / None / absent (TF 1.x made the variables there), the others True; a
    function called once needs no reuse. Others are not listed (the caller's Fallback for a
    layer call in a function stands)."""
    found = {}
    for function in c.tree.body:
        if not isinstance(function, ast.FunctionDef) or function.decorator_list or function.args.vararg \
                or function.args.kwarg or function.args.kwonlyargs or function.args.posonlyargs:
            continue
        mine = [call for call in calls if _function_of(call, parents) is function]
        if not mine:
            continue
        if any(isinstance(n, ast.Call) and (c.qual(n.func) or "").startswith("tf.compat.v1.layers.")
               and c.qual(n.func) not in V1_LAYERS and c.qual(n.func) != BATCH_NORM for n in ast.walk(function)):
            continue
        callbacks = [n for n in function.body if _plain_callback(c, n)]  # a py_func's Python function
        if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Global, ast.Nonlocal,
                              ast.Yield, ast.YieldFrom)) and n is not function and n not in callbacks
               for n in ast.walk(function)):
            continue
        scopes = [n for n in ast.walk(function) if isinstance(n, ast.Call) and (c.qual(n.func) or "").startswith(
            "tf.compat.v1.variable_scope")]
        if any(c.qual(n.func) in ("tf.compat.v1.get_variable", "tf.compat.v1.Variable", "tf.Variable", PLACEHOLDER)
               for n in ast.walk(function) if isinstance(n, ast.Call)):
            continue
        withs = [s for s in function.body if isinstance(s, ast.With)]
        scope = None
        body = function.body
        if scopes:
            if len(scopes) != 1 or len(withs) != 1 or len(withs[0].items) != 1 or withs[0].items[0].context_expr is not scopes[0] \
                    or c.qual(scopes[0].func) != "tf.compat.v1.variable_scope":
                continue
            scope, body = scopes[0], withs[0].body
            alias = withs[0].items[0].optional_vars  # `as scope` + `if reuse: scope.reuse_variables()` (golbin's GAN2)
            switch = body[0] if alias is not None and body else None
            if alias is not None and not (
                    isinstance(alias, ast.Name) and isinstance(switch, ast.If) and not switch.orelse
                    and isinstance(switch.test, ast.Name) and switch.test.id in [a.arg for a in function.args.args]
                    and len(switch.body) == 1 and isinstance(switch.body[0], ast.Expr)
                    and isinstance(switch.body[0].value, ast.Call) and not switch.body[0].value.args
                    and c.source(switch.body[0].value.func) == f"{alias.id}.reuse_variables"
                    and sum(isinstance(n, ast.Name) and n.id == alias.id for n in ast.walk(function)) == 2
                    and not any(k.arg == "reuse" for k in scopes[0].keywords)):
                continue
            if len(scope.args) != 1 or not (isinstance(scope.args[0], ast.Constant) and isinstance(scope.args[0].value, str)) \
                    or any(k.arg != "reuse" for k in scope.keywords):
                continue
        # each layer call a statement of the body, or of a `with tf.control_dependencies(...):` block in it (the layer's
        # ops run after those; its variables are made outside any control dependency, in TF 1.x as in TF 2)
        held = [*body, *(inner for s in body if _control_dependencies(c, s) for inner in s.body)]
        if any(parents.get(id(call)) not in held for call in mine):
            continue
        returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
        returns = [r for r in returns if not any(r is n for f in callbacks for n in ast.walk(f))]  # (the callback's own)
        if any(r is not function.body[-1] and r is not body[-1] for r in returns):
            continue
        params = [a.arg for a in function.args.args]
        defaults = dict(zip(params[len(params) - len(function.args.defaults):], function.args.defaults))
        reuse = next((k.value for k in scope.keywords if k.arg == "reuse"), None) if scope is not None else None
        switch = switch if scope is not None and alias is not None else None
        if switch is not None:
            reuse = switch.test
        auto = reuse is not None and c.qual(reuse) == "tf.compat.v1.AUTO_REUSE"
        if reuse is not None and not auto and not (isinstance(reuse, ast.Name) and reuse.id in params):
            continue
        reuse_param = reuse.id if isinstance(reuse, ast.Name) and reuse.id in params else None
        if reuse_param and sum(isinstance(n, ast.Name) and n.id == reuse_param for n in ast.walk(function)) != 1:
            continue  # the reuse flag read for something else too
        uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == function.name]
        sites = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == function.name]
        if len(uses) != len(sites) or not sites:
            continue
        sites.sort(key=lambda n: (n.lineno, n.col_offset))
        statements = [_statement_of(site, parents) for site in sites]
        holders = {id(parents.get(id(s))) for s in statements}
        if None in statements or len(holders) != 1 or any(isinstance(n, (ast.FunctionDef, ast.Lambda)) for s in statements
                                                         for n in ast.walk(s) if n is not s):
            continue
        bound = []
        for site in sites:
            given = {}
            if any(isinstance(a, ast.Starred) for a in site.args) or any(k.arg is None for k in site.keywords) \
                    or len(site.args) > len(params):
                break
            given.update(zip(params, site.args))
            given.update({k.arg: k.value for k in site.keywords})
            if set(given) - set(params) or set(params) - set(given) - set(defaults):
                break
            bound.append(given)
        else:
            flags = []
            for given in bound:
                value = given.get(reuse_param, defaults.get(reuse_param)) if reuse_param else None
                flags.append(value.value if isinstance(value, ast.Constant) else ... if value is not None else None)
            if not auto and (flags[0] not in (None, False) or any(f is not True for f in flags[1:])):
                continue  # TF 1.x's variables made at the first call, shared by the later ones (no other order)
            if reuse_param:
                positional = [k for k, site in enumerate(sites) if any(params.index(reuse_param) <= i
                                                                         for i in range(len(site.args)))]
                if any(len(sites[k].args) > params.index(reuse_param) + 1 for k in positional):
                    continue  # a positional argument after the flag
            local = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            free = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} \
                - local - set(params) - {c.alias}
            graph = sorted(name for name in free if _graph_global(c, name, function))
            if graph:  # a placeholder / tensor of the program: a step's argument or local in TF 2, no global
                stop = c.fail(function, f"the model function `{function.name}` reads the program's graph value "
                              f"`{graph[0]}` (in TF 2 a step's argument or local, not a global its object can read)",
                              function.name)
                stop.model = True
                raise stop
            found[function.name] = Shared(function, scope, reuse_param, list(zip(sites, statements, bound)),
                                          [], [p for p in params if p != reuse_param])
            found[function.name].local = local - set(params)
            found[function.name].switch = switch
            found[function.name].params = params
            found[function.name].defaults = defaults
    return found


def _declared_names(function) -> list:
    """The `global` and `nonlocal` statements of `function` (not of a function nested in it)."""
    todo, names = list(function.body), []
    while todo:
        node = todo.pop(0)
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            names.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo += list(ast.iter_child_nodes(node))
    return names


def _plain_callback(c, node) -> bool:
    """`node` is a function defined in a model function's body that uses no TensorFlow (names neither the
    file's TensorFlow nor anything the file imports from it, calls no function of the file nor one imported by
    name) and declares no global: plain Python, such as the
    function a `tf.py_func` runs on NumPy values (remade at each call of the body, in TF 1.x as in the object's
    __call__)."""
    if not isinstance(node, ast.FunctionDef) or node.decorator_list:
        return False
    tensorflow = {c.alias} | {name for name, module in c.imported_from.items() if module.split(".")[0] in (
        "tensorflow", "tf_slim")}
    # (nor calls a function of the file or one imported by name, which may build ops or variables)
    functions = set(c.local_functions) | set(c.local_classes) | set(c.imported_from)
    return not any(isinstance(n, (ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.ClassDef, ast.Lambda))
                   or isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not node
                   or isinstance(n, ast.Name) and n.id in tensorflow
                   or isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions
                   for n in ast.walk(node))


def _control_dependencies(c, stmt) -> bool:
    """`stmt` is `with tf.control_dependencies(...):` (one item, no `as`)."""
    return isinstance(stmt, ast.With) and len(stmt.items) == 1 and stmt.items[0].optional_vars is None \
        and isinstance(stmt.items[0].context_expr, ast.Call) \
        and c.qual(stmt.items[0].context_expr.func) in ("tf.control_dependencies", "tf.compat.v1.control_dependencies")


def _function_of(node, parents: dict):
    while node is not None and not isinstance(node, ast.FunctionDef):
        node = parents.get(id(node))
    return node


def _statement_of(node, parents: dict):
    """The statement holding `node`, when it lies directly in the module's or a function's body."""
    while node is not None and not isinstance(node, ast.stmt):
        node = parents.get(id(node))
    if node is None or not isinstance(parents.get(id(node)), (ast.Module, ast.FunctionDef)):
        return None
    return node


def _model_class_edits(c, model: Shared, used: set) -> list:
    """The edits making `model`'s function a tf.Module class of the same body: `__init__(self,
    <the parameters the layers' arguments read>)` makes its layers (in the order TF 1.x built
    them at the first call), `trainable_variables` lists theirs (a tf.Module does not track a
    Keras 3 layer's variables: measured), `__call__` takes the other parameters but the reuse
    flag and runs the body (the variable scope a `tf.name_scope` of the same name: names only);
    the function's name bound to the one object above its first call, every call passing no
    reuse flag."""
    tf, function = c.alias, model.function
    if model.reuse in model.build or not model.layers:
        stop = c.fail(function, "a model function whose layers' arguments read its reuse flag", function.name)
        stop.model = True
        raise stop
    class_name = "".join(part.capitalize() for part in function.name.split("_")) or "Model"
    while class_name in used:
        class_name += "_"
    used.add(class_name)
    width = len(c.lines[function.lineno - 1]) - len(c.lines[function.lineno - 1].lstrip())
    pad = " " * (width + 4)
    inner = pad + "    "
    defaults = model.defaults

    def signature(names):
        return ", ".join(["self"] + [p + (f"={c.source(defaults[p])}" if p in defaults else "") for p in names])
    header_end = function.body[0].lineno - 1
    while header_end > function.lineno and not c.lines[header_end - 1].split("#")[0].rstrip().endswith(":"):
        header_end -= 1
    out = [f"class {class_name}({tf}.Module):\n",
           (f'{pad}"""`{function.name}`\'s layers, made once (where TF 1.x made their variables: the first call; '
            'later calls\n'),
           f'{pad}reused them by variable scope); the calls run its body."""\n\n',
           f"{pad}def __init__({signature(model.build)}):\n", f"{inner}super().__init__()\n"]
    out += [f"{inner}self.{attribute} = {made}\n" for attribute, made in model.layers]
    out += ["\n", f"{pad}@property\n", f"{pad}def trainable_variables(self):\n",
            f"{inner}return [{', '.join(f'*self.{a}.trainable_variables' for a, made in model.layers if _weighted(made))}]\n",
            "\n", f"{pad}def __call__({signature(model.call_params)}):\n"]
    edits = [(c.starts[function.lineno - 1], c.starts[header_end], "".join(out))]
    strings = set()  # lines not indented: inside a string, or of a layer call's text replaced
    for node in ast.walk(function):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.end_lineno > node.lineno \
                or isinstance(node, ast.Call) and (c.qual(node.func) in V1_LAYERS or c.qual(node.func) == BATCH_NORM):
            strings.update(range(node.lineno + 1, node.end_lineno + 1))
    if model.scope is not None:
        end = c.end_offset(model.scope)
        if model.switch is not None:  # `as scope` and `if reuse: scope.reuse_variables()` go
            end = c.end_offset(next(s for s in function.body if isinstance(s, ast.With)).items[0].optional_vars)
            edits.append((c.starts[model.switch.lineno - 1], c.starts[model.switch.end_lineno], ""))
            strings.update(range(model.switch.lineno, model.switch.end_lineno + 1))  # not indented: gone
        edits.append((c.offset(model.scope), end, f"{tf}.name_scope({c.source(model.scope.args[0])})"))
    for number in range(header_end + 1, function.end_lineno + 1):
        if c.lines[number - 1].strip() and number not in strings:
            edits.append((c.starts[number - 1], c.starts[number - 1], "    "))
    for k, (site, statement, given) in enumerate(model.sites):
        if model.reuse in given:
            node = given[model.reuse]
            keyword = next((kw for kw in site.keywords if kw.value is node), None)
            arguments = list(site.args) + list(site.keywords)
            index = next(i for i, a in enumerate(arguments) if a is node or a is keyword)
            start = c.end_offset(arguments[index - 1]) if index else c.offset(keyword or node)
            end = c.end_offset(keyword or node)
            if not index:
                end = c.offset(arguments[1]) if len(arguments) > 1 else end
            edits.append((start, end, ""))
        for p in model.build:  # the layers made from the first call's arguments: the same at every call
            first = model.sites[0][2].get(p, defaults.get(p))
            if c.source(given.get(p, defaults.get(p))) != c.source(first):
                stop = c.fail(site, f"`{function.name}` called with another `{p}` than at its first call (its layers are "
                             "made from the first call's)", function.name)
                stop.model = True
                raise stop
    site, statement, given = model.sites[0]
    indent = c.lines[statement.lineno - 1][: c.col(statement)]
    arguments = ", ".join(f"{p}={c.source(given[p])}" for p in model.build if p in given)
    edits.append((c.starts[statement.lineno - 1], c.starts[statement.lineno - 1],
                  f"{indent}{function.name} = {class_name}({arguments})\n"))
    return edits


def _weighted(made: str) -> bool:
    """A Keras layer made by `made` (its text) has variables (Dense, Conv2D)."""
    return any(f".keras.layers.{cls}(" in made for cls in ("Dense", "Conv2D", "Conv2DTranspose")) \
        or made.startswith(f"{BATCH_NORM_CLASS}(")


COLLECTION = "tf.compat.v1.get_collection"


def _scope_collections(c, shared: dict) -> list:
    """`gen_vars = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES,
    scope='Generator')` read only as `var_list=gen_vars` of minimize calls, where 'Generator' is
    the variable scope of one model function and no other model's scope starts with it (the
    collection's scope is a prefix match, TF source ops.py `get_collection`): the statement goes
    and each var_list reads the model object's `trainable_variables` (its layers' variables exist
    once it is called: read there, in the step, after the forward pass)."""
    edits = []
    scopes = {m.scope.args[0].value: name for name, m in shared.items() if m.scope is not None}
    for stmt in c.tree.body:
        value = stmt.value if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Name) else None
        if not isinstance(value, ast.Call) or c.qual(value.func) != COLLECTION:
            continue
        given = {**dict(zip(("key", "scope"), value.args)), **{k.arg: k.value for k in value.keywords}}
        scope = given.get("scope")
        if set(given) != {"key", "scope"} or c.qual(given["key"]) != "tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES" \
                or not (isinstance(scope, ast.Constant) and scope.value in scopes) \
                or any(other != scope.value and other.startswith(scope.value) for other in scopes):
            continue
        name = stmt.targets[0].id
        reads = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name and n is not stmt.targets[0]]
        keywords = [k for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr == "minimize" for k in n.keywords if k.arg == "var_list"
                    and isinstance(k.value, ast.Name) and k.value.id == name]
        if len(reads) != len(keywords) or not reads or any(k.lineno < stmt.lineno for k in keywords):
            continue
        edits.append((c.starts[stmt.lineno - 1], c.starts[stmt.end_lineno], ""))
        edits += [(c.offset(k.value), c.end_offset(k.value), f"{scopes[scope.value]}.trainable_variables") for k in keywords]
    return edits


def _graph_global(c, name: str, function) -> bool:
    """Is `name` bound outside `function` by a statement using TensorFlow (a graph value)?"""
    for node in ast.walk(c.tree):
        if node is function or not isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With)):
            continue
        if function.lineno <= node.lineno <= function.end_lineno:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)] + [
            i.optional_vars for i in getattr(node, "items", [])]
        bound = {n.id for t in targets if t is not None for n in ast.walk(t) if isinstance(n, ast.Name)}
        if name in bound and any(isinstance(n, ast.Name) and n.id == c.alias for n in ast.walk(node)):
            return True
    return False


def fallback_mapper(old: str, new: str):
    """A function mapping a Fallback raised on `new` (a pass's rewrite of `old`) back to its
    line in `old` (a line the pass added: the old line it stands before) and its column there
    (the construct's text found on that line, else the line's indentation)."""
    import difflib

    from migrate.tf2_graph import Fallback

    old_lines, new_lines = old.splitlines(), new.splitlines()
    to_old: dict[int, int] = {}  # 1-based new line -> old line
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        for j in range(j1, j2):
            to_old[j + 1] = (i1 + j - j1 + 1) if tag == "equal" else min(i1 + 1, max(len(old_lines), 1))

    def back(later: Fallback) -> Fallback:
        line = to_old.get(later.line, later.line)
        if 0 < later.line <= len(new_lines) and 0 < line <= len(old_lines) and new_lines[later.line - 1] == old_lines[line - 1]:
            return Fallback(later.construct, line, later.col, later.reason)
        here = old_lines[line - 1] if 0 < line <= len(old_lines) else ""
        found = here.find(later.construct.removesuffix("..."))
        return Fallback(later.construct, line, found + 1 if found >= 0 else len(here) - len(here.lstrip()) + 1, later.reason)

    return back
