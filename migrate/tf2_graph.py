"""`migrate code --style tf2`: a TF 1.x graph program (the COMPAT output of a file:
`tf.compat.v1.placeholder`, `tf.compat.v1.Session`, ... spelled one way) rewritten as
eager TensorFlow 2 code, or the first construct that stops it (`Fallback`).

The program shape converted (the one most TF 1.x scripts and tutorials have): in ONE
body (the module, or one function such as `main()`), graph-building statements —
placeholders, variables (`tf.Variable`, `tf.compat.v1.get_variable` with a known
initializer), tensor expressions, a v1 optimizer and `.minimize(loss)`, a `Saver` —
followed by `with tf.compat.v1.Session() as sess:` blocks (or `sess = Session()` ...
`sess.close()`) that run `sess.run(fetches, feed_dict)`. Then:

- each distinct (fetches, fed placeholders) pair of `sess.run` becomes one
  `@tf.function` whose arguments are the fed placeholders and whose body is the
  tensor statements those fetches need (by dataflow, in program order); a fetched
  `minimize` op becomes `tf.GradientTape` + the Keras optimizer with the same update rule
  (`keras_optimizers.KERAS_EQUIVALENT`, the table MIG107 uses); `sess.run(...)`
  becomes a call of it whose result is NumPy, as `Session.run` returned;
- a fed value is cast to its placeholder's dtype inside the function (Session.run
  converted a float64 array fed to a float32 placeholder);
- variables stay where they were created, once; `global_variables_initializer()`
  and `sess.run(init)` disappear in the first Session (a later Session initializing again:
  every variable assigned the value it was made with, kept above the first Session);
- `Saver()` becomes `tf.train.Checkpoint` of the program's variables and optimizers made
  before it (by their Python names; `Saver(var_list)` of the variables listed, also through a
  name bound to the list; `tf.all_variables()` / `global_variables()` as `Saver()`),
  `saver.save(sess, p)` -> `v1_saver_save(saver, p, saver_saved, max_to_keep)` (`V1_SAVE`, written
  into the file: Checkpoint.write of the same prefix, `p-n` with `global_step=n`, then v1's state
  file and deletion of the run's checkpoints beyond max_to_keep; `write_state=False`: `.write(p)`),
  `saver.restore(sess, p)` -> `.read(p)`. In a
  program reading the `checkpoint` state file (`latest_checkpoint`, `get_checkpoint_state`,
  `checkpoint_exists`: `_state_reads`) the reads are TF 2's, of the file v1_saver_save wrote;
- a Session used otherwise than `sess.run`: `value.eval(session=sess)` is that run;
  `v.assign(x).eval()` the eager assign; `sess.close()` ends the Session's statements (a later
  Session converts as a second block), and so does a `with tf.Session()` block after which it is
  not used again (the Deep MNIST tutorial's InteractiveSession, then its deep model's Session: the
  values kept for the block's initializer run are read where the first Session is first used, and a
  variable made after every run of the earlier Sessions is first initialized by the block, at the
  value it is made with, `_one_session_after`); anything else is named (`_session_use`: a class or
  method handed it, another module's function, `sess.graph`, `as_default`).

- a function of the body handed the Session (`def evaluate(rows, sess)` whose only use of
  `sess` is `sess.run`) keeps its place; its runs become calls of the step functions and the
  Session parameter and argument go;
- a learning rate computed in the graph (`exponential_decay` of a global step, rewritten to
  the Keras schedule called on the step) is computed in the step: assigned to the Keras
  SGD / Adam `learning_rate` before the update, or, for MomentumOptimizer, v1's own rule on
  accumulator variables (Keras' SGD scales past gradients by their own step's rate);
- weights drawn with the same op seed each run in their own tf.function (`initial_value`):
  a graph gives every random op its own generator, eager ops with one seed share a kernel;
  a statement drawing random numbers needed by two steps is a Fallback (one generator in
  TF 1.x, one per tf.function in TF 2), and a step drawing them is traced once, with the
  placeholders' shapes as its input_signature (a retrace would restart the generator);
- the program's one graph (`with tf.Graph().as_default():`, alone or beside the Session;
  `g = tf.Graph()` + `with g.as_default():` + `Session(graph=g)`) goes before anything else
  (`Converter.unwrap_graph`, findings mapped back to the text given); anything else reading
  it is a Fallback;
- with a seed set, a random op with no op seed gets `seed=k`, the op seed TF 1.x's graph gave
  it from its count of random ops built (`_seed_random_ops`); one whose count cannot be
  known statically is a Fallback; get_variable's default initializer becomes the uniform
  draw v1's glorot_uniform made, a Keras 3 glorot / he initializer is called eagerly;
- a module building several graphs one after another (`reset_default_graph()` then a new
  graph and Session): each part converted as its own program (`_convert_graphs`);
- Sessions in several module-level functions (`train` saving, `evaluate` restoring), each
  building its own graph: each function converted as its own program, the rest of the
  module shared (`_convert_functions`: when their graphs are the ones TF 1.x built, fresh per
  function or one per process, share no graph object, and a checkpoint one writes and
  another reads keys the same variables by the same names; `save()`, `reset_default_graph()`,
  `reload()` at module level give each call its graph, `_reset_separated`, and a later one
  restoring every variable first draws nothing it reads, `_restored_before_read`);
- one graph built at module level and run by Sessions in several module-level functions or
  `if` / `with` / `try` blocks (`train()` saving, `test()` restoring: `_nested_sessions`): the
  steps written above the first of them, each Session's statements in place; since TF 1.x gave
  each new Session its own values, each Session's start puts the variables where TF 1.x had them
  (the Checkpoint read; an initializer run in a Session that may run after another: the kept
  initial values assigned again, `_reset_variables`), in the order the calls run them
  (`_session_order_of`); a later Session that neither initializes nor restores, an optimizer whose
  slots a later initializer reset, an unseeded initial value drawn again, a seeded random op of
  the steps (its generator restarted per Session), a Session in a loop: Fallbacks naming them;
- `Session(config=ConfigProto(...))` (inline or a name whose fields are set after): each
  field's tf.config call (codemods/session_config.py's table) before the body's first
  statement using TensorFlow; a field without an exact setting is a Fallback naming it.

- `name = tf.compat.v1.layers.dense(inputs, ...)` (conv2d, pooling, flatten, dropout; the
  compat pass's `tf_slim.flatten`) in that body: a Keras layer made once on a line above,
  called in the steps (migrate/tf2_layers.py runs first; its layer objects are variable
  containers here, `KERAS_LAYERS`, read after the forward pass); a model function called with
  `reuse` becomes one tf.Module object there (`_layer_model` finds its class: its `__init__`
  and `__call__` are walked like a function of the file for random ops and seeds).
- a model builder returning its tensors in a dict (`ae['x']`, migrate/tf2_builders.py) and a model
  class making them as attributes in `__init__`, one object run by the program (`cnn.input_x`,
  migrate/tf2_objects.py): a tf.Module whose `__call__` runs the body on the fed values, its
  placeholders made where it is built, called in the steps (`_dict_builder`, `_model_object`,
  tried by `_convert_one` on the Fallback at such a read or inside the builder); a random op of a
  model object's computation makes the steps calling it eager as a program's does (`_object_draws`).
- a function of the file called while the graph is built (migrate/tf2_helpers.py): one making no
  variable whose TF 1.x calls have exact TF 2 spellings (a v1 name scope or a literal variable scope:
  `tf.name_scope`; v1's softmax cross entropy) stays a function called in the steps; one making
  tf.Variables at each call (`add_layer`) becomes a tf.Module per call site, its variables made once
  at its first call (tf2_builders' `variable` / `op_seed` members), with a graph seed counting op
  seeds from where TF 1.x had counted at that call (`_helper_modules`, `_exact_helper_call`,
  `_helper_draws`: the build walk counts an object's random ops where it is called). A function
  making its variables through the file's other functions (easy-tensorflow's `fc_layer` calling
  `weight_variable`) is one too (`_check_called_functions` follows the calls).
- a v1 optimizer other than GradientDescent, Adam, Adagrad and RMSProp (`SPARSE_EXACT`: V1Adam and
  V1Adagrad take v1's sparse rules, RMSProp's written-out rule its sparse kernel) on a program that gathers rows of a variable (`embedding_lookup`, `gather`)
  is a Fallback: v1 applied the sparse gradient with its sparse kernels, the Keras twins otherwise
  (`_keras_optimizer`, measured with Adam and Momentum).
- `apply_gradients(zip(gradient, params))` of `gradient = tf.gradients(loss, params)`: the step's tape
  gradient under that name; of fed placeholders zipped with variables: the update alone
  (`_zipped_pairs`). A training step reducing along some axes (`reduce_mean(x, 1)`) is traced with
  the placeholders' specs (`_literal_signature`): TF's Mean gradient rounds otherwise with concrete shapes.
- v1 batch normalization (tf2_layers' `V1BatchNormalization`): a train op made under
  `with control_dependencies(get_collection(UPDATE_OPS)):` updates the moving statistics of the calls made
  before it in its step (migrate/tf2_batchnorm.py: `update_ops_block`, `update_lines`).
- TF 1.x rnn cells (`tf.compat.v1.nn.rnn_cell.BasicLSTMCell / LSTMCell / BasicRNNCell / GRUCell /
  MultiRNNCell`) run by `static_rnn / dynamic_rnn / static_bidirectional_rnn`: tf.Module cells with
  v1's math written into the file, made once (a cell made in a function called once: above the
  call), called in the steps (migrate/tf2_rnn.py runs after tf2_layers, `_rnn_cells`).

- v1 summaries (`summary.scalar / histogram / image / audio / text`, `merge`, `merge_all(key)`, a
  FileWriter's `add_summary(summary, step)`): the step returns each fetched summary's value by the tag
  TF 1.x wrote (`_summary_tag`: name scopes, `family`, clean_tag, the `_1` of a name in use), and a
  helper writes it with the v2 op of its kind at that step (`_summary_helper_lines`; images scaled by
  v1's kernel rule, `_image_helper_lines`; measured equal pixels, samples, text and tags). A summary
  a helper made at a call while the graph is built is added at that call's statement (`_summarizing_site`,
  migrate/tf2_helpers.py `helper_summaries`), tagged under that call's scopes.

Anything else that touches the graph raises `Fallback` naming the construct, its line and
column (in the text given) and why; the caller keeps the compat output then. Pure: no
TensorFlow import.
"""
from __future__ import annotations

import ast
import builtins
import collections
import contextvars
import itertools
import json
import math
import re
import sys
import textwrap
from dataclasses import dataclass, field

from migrate.prescan import dotted_name
from migrate.tf2_batchnorm import is_update_ops_block, update_lines, update_ops_block
from migrate.tf2_layers import (
    GRAPH_INITIALIZER,
    KERAS_LAYERS,
    WEIGHTED,
    enclosing_statement,
)
from migrate.tf2_layers import INITIALIZER as LAYER_INITIALIZER
from migrate.tf2_rnn import APPENDED_CELLS
from migrate.tf2_rnn import CELLS as RNN_CELLS
from migrate.tf2_rnn import RUNNERS as RNN_RUNNERS


class Fallback(Exception):
    """The construct (`text`) at line:col (1-based, characters) that keeps a file compat."""

    def __init__(self, construct: str, line: int, col: int, reason: str) -> None:
        super().__init__(f"{construct} at {line}:{col}: {reason}")
        self.construct, self.line, self.col, self.reason = construct, line, col, reason


PLACEHOLDER = "tf.compat.v1.placeholder"
PLACEHOLDER_DEFAULT = "tf.compat.v1.placeholder_with_default"
VARIABLES = ("tf.Variable", "tf.compat.v1.Variable")
GET_VARIABLE = "tf.compat.v1.get_variable"
# get_variable's parameters whose default is None: `regularizer=None` written out is the default (`initializer=None`
# too: v1's default, glorot_uniform_initializer for a floating dtype)
NONE_DEFAULTS = frozenset({"regularizer", "collections", "caching_device", "partitioner", "custom_getter", "constraint",
                           "use_resource", "initializer"})
INITIALIZERS = ("tf.compat.v1.global_variables_initializer", "tf.compat.v1.initialize_all_variables")
SESSION = "tf.compat.v1.Session"
RESET = "tf.compat.v1.reset_default_graph"
INTERACTIVE = "tf.compat.v1.InteractiveSession"
# what a graph tensor gives outside Session.run that eager code gives the same: its static shape, dtype
STATIC_ATTRIBUTES = ("shape", "dtype", "get_shape", "ndim")
# Python builtins a statement of graph code may call that build, draw and change nothing (a trace runs them again)
PURE_BUILTINS = frozenset({"range", "len", "int", "float", "bool", "str", "list", "tuple", "dict", "zip", "enumerate",
                           "min", "max", "abs", "round", "sum", "sorted", "reversed", "isinstance"})
# TensorFlow's control flow: v1's graph ops (the compat migration's) and a trace's v2 ones may infer other static shapes
CONTROL_FLOW = frozenset({"cond", "case", "switch_case", "while_loop", "map_fn", "scan", "foldl", "foldr"})
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)  # comparisons a TF 1.x Tensor overloads as ops
CONFIG_PROTO = "tf.compat.v1.ConfigProto"
# a Session.run traced (`run(..., options=RunOptions(trace_level=FULL_TRACE), run_metadata=RunMetadata())`): why kept
_TRACED_RUN = ("a Session.run traced with per-run options (`RunOptions(trace_level=...)`, its step stats read from the "
               "RunMetadata after the run, as timeline.Timeline does): TF 2 has no per-run options nor RunMetadata; "
               "profile the steps with `tf.profiler.experimental.start(logdir)` ... `tf.profiler.experimental.stop()` "
               "(or `with tf.profiler.experimental.Trace(name, step_num=step):` around a step), read in TensorBoard's "
               "Profile tab; the Chrome trace of `timeline.Timeline(run_metadata.step_stats)` has no TF 2 counterpart")
RUN_TRACING = {"tf.compat.v1.RunOptions": _TRACED_RUN, "tf.compat.v1.RunMetadata": _TRACED_RUN}
CONFIG_GPU = "tf.compat.v1.GPUOptions"
GRAPH = "tf.Graph"
SEEDS = ("tf.random.set_seed", "tf.compat.v1.set_random_seed")
SAVER = "tf.compat.v1.train.Saver"
TRAINABLE_VARIABLES = "tf.compat.v1.trainable_variables"
# losses that draw negative samples (a candidate sampler inside): random ops of a step
SAMPLING_LOSSES = ("tf.nn.nce_loss", "tf.compat.v1.nn.nce_loss", "tf.nn.sampled_softmax_loss",
                   "tf.compat.v1.nn.sampled_softmax_loss")
NCE_LOSSES = SAMPLING_LOSSES[:2]
# TensorFlow calls in an InteractiveSession program that build no tensor (nothing to evaluate)
NO_TENSOR_CALLS = SEEDS + ("tf.device",)
SOFTMAX_V1 = "tf.compat.v1.nn.softmax_cross_entropy_with_logits"
# graph calls that make an Operation, not a tensor: fetched, Session.run returned None
OPERATIONS = frozenset({"tf.group", "tf.no_op", "tf.compat.v1.group", "tf.compat.v1.no_op"})
# TensorFlow calls that make no graph tensor (printing one shows the same in TF 1.x and TF 2)
NOT_TENSORS = ("tf.keras.", "tf.data.", "tf.config.", "tf.io.gfile.", "tf.test.", "tf.train.", "tf.summary.",
               "tf.compat.v1.train.", "tf.compat.v1.summary.", "tf.compat.v1.data.", "tf.sysconfig.", "tf.version.",
               "tf.Graph", "tf.TensorShape", "tf.as_dtype", "tf.dtypes.", "tf.compat.v1.Session", "tf.compat.v1.ConfigProto",
               "tf.compat.v1.GPUOptions", "tf.device", "tf.compat.v1.device", "tf.name_scope", "tf.compat.v1.name_scope",
               "tf.compat.v1.variable_scope", "tf.initializers.", "tf.compat.v1.initializers.", "tf.random.set_seed",
               "tf.compat.v1.set_random_seed", "tf.compat.v1.InteractiveSession", "tf.compat.v1.get_default_graph",
               "tf.compat.v1.trainable_variables", "tf.compat.v1.global_variables", "tf.compat.v1.get_collection")
# methods that change a NumPy array, list or dict in place (a Python value graph code read when
# the graph was built, changed after it: `_check_values_read_when_built`)
IN_PLACE_METHODS = frozenset({"sort", "fill", "resize", "put", "itemset", "shuffle", "append", "extend", "insert",
                              "pop", "remove", "clear", "update", "setdefault", "popitem", "reverse"})
# TensorFlow calls returning a list, tuple or other structure of tensors (or one, as the
# arguments make it): Session.run fetched each element; the converted fetch maps `.numpy()`
# over the structure (fetched_values), which a single tensor also passes
STRUCTURED_OPS = frozenset({
    "tf.split", "tf.unstack", "tf.meshgrid", "tf.nn.moments", "tf.nn.weighted_moments", "tf.nn.sufficient_statistics",
    "tf.scan", "tf.map_fn", "tf.while_loop", "tf.foldl", "tf.foldr", "tf.unique", "tf.unique_with_counts",
    "tf.math.top_k", "tf.nn.top_k", "tf.linalg.eigh", "tf.linalg.qr", "tf.linalg.svd", "tf.gradients",
    "tf.identity_n", "tf.tuple", "tf.dynamic_partition",
})
NAME_SCOPES = ("tf.name_scope", "tf.compat.v1.name_scope")
SUMMARIES = {"tf.compat.v1.summary.scalar": "scalar", "tf.compat.v1.summary.histogram": "histogram",
             "tf.compat.v1.summary.image": "image", "tf.compat.v1.summary.audio": "audio",
             "tf.compat.v1.summary.text": "text"}
# the v1 summary functions' parameters in order (tensorflow/python/summary/summary.py, text_summary.py)
SUMMARY_PARAMETERS = {
    "scalar": ("name", "tensor", "collections", "family"),
    "histogram": ("name", "values", "collections", "family"),
    "image": ("name", "tensor", "max_outputs", "collections", "family"),
    "audio": ("name", "tensor", "sample_rate", "max_outputs", "collections", "family"),
    "text": ("name", "tensor", "collections"),
}
# summary_op_util.clean_tag: v1 replaced each character of a summary name outside [-/\w.] by `_`
INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w\.]")
# ops.py's _VALID_OP_NAME_REGEX: v1 opened a name scope per summary, one not matching this could raise
VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
# the names TF 1.x's common ops took by default (their op type: `Mean` of reduce_mean), lower-cased as
# Graph.unique_name compares them: a summary so named after such an op in its scope was made `mean_1`
OP_TYPE_NAMES = frozenset(n.lower() for n in (
    "Mean", "Max", "Min", "Sum", "Prod", "Add", "AddV2", "AddN", "Sub", "Mul", "MatMul", "BatchMatMulV2", "RealDiv",
    "truediv", "div", "FloorDiv", "floordiv", "mod", "Relu", "Relu6", "Elu", "Selu", "Softplus", "Sigmoid", "Tanh",
    "Softmax", "LogSoftmax", "Log", "Exp", "Sqrt", "Rsqrt", "Square", "Abs", "Neg", "Pow", "Maximum", "Minimum", "Cast",
    "Reshape", "Identity", "Placeholder", "PlaceholderWithDefault", "Variable", "VariableV2", "Const", "Equal",
    "NotEqual", "ArgMax", "ArgMin", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr",
    "LogicalNot", "concat", "ConcatV2", "transpose", "Squeeze", "ExpandDims", "Shape", "Size", "Rank", "Fill", "zeros",
    "ones", "random_normal", "random_uniform", "truncated_normal", "Assign", "AssignAdd", "gradients", "init",
    "save", "Merge", "MergeSummary", "BiasAdd", "Conv2D", "MaxPool", "AvgPool", "dropout", "L2Loss", "Tile", "GatherV2",
    "OneHot", "StopGradient", "Select", "SelectV2", "Round", "Floor", "Ceil", "Sign", "range", "Slice", "strided_slice",
    "stack", "unstack", "split", "Pad", "Cumsum", "SquaredDifference", "clip_by_value", "global_norm", "norm", "moments",
    "softmax_cross_entropy_with_logits", "SoftmaxCrossEntropyWithLogits", "sigmoid_cross_entropy_with_logits",
    "xw_plus_b", "embedding_lookup", "dense", "conv2d", "flatten", "GradientDescent", "Adam", "Momentum",
    "RMSProp", "Adagrad", "zeros_like", "ones_like", "count_nonzero", "zero_fraction", "Tensordot", "einsum"))
MERGE = ("tf.compat.v1.summary.merge_all", "tf.compat.v1.summary.merge")
FILE_WRITER = "tf.compat.v1.summary.FileWriter"
SIMPLE_SAVE = "tf.compat.v1.saved_model.simple_save"
SAVED_MODEL_BUILDERS = ("tf.compat.v1.saved_model.builder.SavedModelBuilder", "tf.compat.v1.saved_model.Builder")
SIGNATURE_DEFS = ("tf.compat.v1.saved_model.build_signature_def", "tf.compat.v1.saved_model.predict_signature_def",
                  "tf.compat.v1.saved_model.signature_def_utils.build_signature_def",
                  "tf.compat.v1.saved_model.signature_def_utils.predict_signature_def")
TENSOR_INFOS = ("tf.compat.v1.saved_model.build_tensor_info", "tf.compat.v1.saved_model.utils.build_tensor_info")
PREDICT_METHOD = ("tensorflow/serving/predict", "tf.saved_model.PREDICT_METHOD_NAME",
                  "tf.compat.v1.saved_model.PREDICT_METHOD_NAME", "tf.compat.v1.saved_model.signature_constants.PREDICT_METHOD_NAME")
SERVING_TAG = ("serve", "tf.saved_model.SERVING", "tf.compat.v1.saved_model.SERVING",
               "tf.compat.v1.saved_model.tag_constants.SERVING")
DECAY = "tf.compat.v1.train.exponential_decay"
# TF 1.x's global step: an int64 non-trainable variable named "global_step"
GLOBAL_STEP = ("tf.compat.v1.train.get_or_create_global_step", "tf.compat.v1.train.create_global_step")
ITERATORS = ("tf.compat.v1.data.make_one_shot_iterator", "tf.compat.v1.data.make_initializable_iterator")
# Module-level switches the compat migration writes for graph code: meaningless once eager.
DROPPED_CALLS = (
    "tf.compat.v1.disable_eager_execution", "tf.compat.v1.disable_resource_variables",
    "tf.compat.v1.disable_control_flow_v2", "tf.compat.v1.disable_v2_behavior",
    "tf.compat.v1.reset_default_graph",
    "tf.compat.v1.enable_eager_execution", "tf.compat.v1.enable_v2_behavior",  # TF 2 is eager: no-ops
)



NUMERIC_DTYPES = frozenset(
    f"tf.{d}" for d in (
        "float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64",
        "uint8", "uint16", "uint32", "uint64", "double", "half",
    )
)
# a graph name bound to something else in a Session block (`b = sess.run(b)`); renamed from there
# on where `_rename_rebound_fetches` can follow every read, else the Fallback's reason
# what to do about a graph value read where no step runs (said when no plainer reason is known)
OUTSIDE_USE_HINT = (" (a TF 2 step returns values, not graph tensors: fetch what this statement needs with "
                    "`Session.run` and use the fetched value, or move the statement into the graph code the runs fetch)")
REBOUND = "is rebound here to a value of the Session block, and its later reads cannot all be renamed"
NO_VARIABLES = "minimize with no trainable tf.Variable in the program"
# tensors get_variable takes as an initial value (with no shape or dtype given), the same value for tf.Variable
TENSOR_INITIAL_VALUES = frozenset({"tf.constant", "tf.zeros", "tf.ones", "tf.fill", "tf.eye", "tf.range"})
ESTIMATOR_HELPER = "keras_estimator"  # the class codemods/estimator_keras.py writes into an Estimator program
# a loss given as an expression (`minimize(-loss_d)`, `minimize(model["cost"])`): convert()
# binds it to a name of its own first (_hoist_loss) and converts again
LOSS_EXPRESSION = "a loss given as an expression, not a name"
# how findings name a Def's kind (`the graph training op `train``, not `the graph train `train``)
GRAPH_KIND_WORDS = {"train": "training op", "init": "initializer op", "grads": "gradients", "merged": "merged summary",
                    "feed": "feed dict", "summary": "summary op", "saver": "Saver", "writer": "FileWriter"}
APPLY_PAIRS = ("apply_gradients of pairs that do not come from compute_gradients, nor zip a name bound to "
               "`tf.gradients(loss, variables)` (or computed from one, as clipped), or fed placeholders, with variables")
# readers of the `checkpoint` state file Saver.save kept in the checkpoint's directory
CHECKPOINT_STATE_READS = frozenset({"tf.train.latest_checkpoint", "tf.compat.v1.train.latest_checkpoint",
                                    "tf.train.get_checkpoint_state", "tf.compat.v1.train.get_checkpoint_state",
                                    "tf.compat.v1.train.checkpoint_exists"})
# reads of some rows of a variable: their gradients are IndexedSlices, which v1's optimizers
# apply with their sparse kernels
SPARSE_READS = frozenset({"tf.gather", "tf.gather_nd", "tf.nn.embedding_lookup", "tf.compat.v1.gather",
                          "tf.compat.v1.nn.embedding_lookup", "tf.nn.embedding_lookup_sparse",
                          "tf.compat.v1.nn.embedding_lookup_sparse"})
# means whose gradient TF computes with the input's static shape when fully known, else its runtime shape
PARTIAL_MEANS = frozenset({"tf.reduce_mean", "tf.math.reduce_mean", "tf.compat.v1.reduce_mean"})
STRING_DTYPES = {"float": "float32", "double": "float64", "half": "float16"}
# get_variable initializers -> an expression of the value (shape and dtype filled in),
# the same op as TF 1.x's initializer ran (the seeded random ops draw the same values).
RANDOM_INITIALIZERS = {
    "tf.compat.v1.truncated_normal_initializer": ("tf.random.truncated_normal", ("mean", "stddev", "seed", "dtype")),
    "tf.compat.v1.random_normal_initializer": ("tf.random.normal", ("mean", "stddev", "seed", "dtype")),
    "tf.compat.v1.random_uniform_initializer": ("tf.random.uniform", ("minval", "maxval", "seed", "dtype")),
}
# seeded stateful random ops an initial value may draw with (the compat output's names)
RANDOM_OPS = {
    "tf.random.truncated_normal": "tf.random.truncated_normal", "tf.random.normal": "tf.random.normal",
    "tf.random.uniform": "tf.random.uniform",
}
# v1 initializers whose op's limits come from the shape's fans (init_ops.VarianceScaling; the
# compat migration's spelling of `tf.contrib.layers.xavier_initializer()`): their parameters in
# order. Like RANDOM_INITIALIZERS they ask the graph for a seed when made into a variable.
FAN_INITIALIZERS = {
    "tf.compat.v1.glorot_uniform_initializer": ("seed", "dtype"),
    "tf.compat.v1.variance_scaling_initializer": ("scale", "mode", "distribution", "seed", "dtype"),
}
# Keras 3 initializers get_variable may be handed: they ask the graph for no seed; called
# eagerly with the same shape and dtype they draw the same values (measured).
KERAS_INITIALIZERS = frozenset(f"tf.keras.initializers.{n}" for n in ("GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform"))
# random ops that ask the graph for one seed each (`random_seed.get_seed`, measured by
# counting its calls under TF 2.21) -> the position of their `seed` parameter
RANDOM_SEED_ARG = {
    **{f"tf.random.{op}": 4 for op in ("normal", "uniform", "truncated_normal", "gamma")},
    **{f"tf.compat.v1.{op}": 4 for op in ("random_normal", "random_uniform", "truncated_normal", "random_gamma")},
    "tf.random.shuffle": 1, "tf.compat.v1.random_shuffle": 1,
    "tf.random.categorical": 3, "tf.compat.v1.multinomial": 2, "tf.random.poisson": 3,
    "tf.nn.dropout": 3, "tf.compat.v1.nn.dropout": 3,
    "tf.image.random_flip_left_right": 1, "tf.image.random_flip_up_down": 1, "tf.image.random_crop": 2,
    "tf.image.random_brightness": 2, "tf.image.random_contrast": 3, "tf.image.random_hue": 2,
    "tf.image.random_saturation": 3,
}
# `Dataset.shuffle(buffer_size, seed=None, ...)` asks for one seed too, when the dataset is
# made (measured: compat graph vs eager `seed=k` gave the same order, epoch after epoch with
# `.repeat()`); a method, so keyed by this name for `_has_seed`
DATASET_SHUFFLE = "Dataset.shuffle"
RANDOM_SEED_ARG[DATASET_SHUFFLE] = 1
# modules whose functions build no TensorFlow op (called while the graph is built, they
# leave the graph's seed count alone)
SAFE_MODULES = frozenset(sys.stdlib_module_names) | {
    "numpy", "pandas", "scipy", "matplotlib", "sklearn", "PIL", "cv2", "tqdm", "six", "absl", "h5py", "imageio",
    # libraries that import no TensorFlow (so build no op of the program's graph)
    "nltk", "gym", "skimage", "seaborn", "gensim", "requests", "IPython", "joblib", "networkx",
}
# the run's own modules known to build no op: .py files of the run that never mention
# TensorFlow or Keras and import only SAFE_MODULES and each other (Settings.plain_modules,
# set by codemods/tf2_style.apply for the file it converts)
PLAIN_MODULES: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("plain_modules", default=frozenset())
# the module names (file stems) of all the run's .py files (Settings.run_modules)
RUN_MODULES: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("run_modules", default=frozenset())
# libraries whose functions build TensorFlow ops into the graph they are called in
TF_LIBRARIES = frozenset({"tensorflow_probability", "tf_slim", "tensorflow_hub", "sonnet", "tflearn", "tensorlayer",
                          "keras", "tf_keras", "edward", "gpflow", "tensorflow_addons"})
# ops building a tensor of fixed values, given as get_variable's initializer (its initial value: no seed asked)
INITIAL_TENSORS = frozenset(("tf.constant", "tf.zeros", "tf.ones", "tf.fill", "tf.compat.v1.constant"))
CONSTANT_INITIALIZERS = {
    "tf.compat.v1.zeros_initializer": "tf.zeros",
    "tf.compat.v1.ones_initializer": "tf.ones",
}


# tf.compat.v1 names the compat migration keeps in graph files whose TF 2 name means the
# same in eager code (DatasetV1 only adds the graph iterators, converted here).
EAGER_TWINS = {
    "tf.compat.v1.data.Dataset": "tf.data.Dataset",
    "tf.compat.v1.data.TFRecordDataset": "tf.data.TFRecordDataset",
    "tf.compat.v1.data.TextLineDataset": "tf.data.TextLineDataset",
    "tf.compat.v1.data.FixedLengthRecordDataset": "tf.data.FixedLengthRecordDataset",
    # v1's are DatasetV1Adapter(<TF 2's>(the same arguments)): TF 2.21's readers.py, interleave_ops.py,
    # counter.py, random_ops.py (the same signatures, checked with inspect)
    **{f"tf.compat.v1.data.experimental.{name}": f"tf.data.experimental.{name}" for name in (
        "make_batched_features_dataset", "make_csv_dataset", "CsvDataset", "SqlDataset", "RandomDataset", "Counter",
        "choose_from_datasets", "sample_from_datasets")},
}


# v1's Adagrad (`V1_ADAGRAD` in the converted file): v1's parameters, their Keras names, and the
# Keras arguments that make the same optimizer (the accumulator starts at initial_accumulator_value,
# 0.1 in both; epsilon is not in v1's rule)
ADAGRAD = ("Adagrad", ("learning_rate", "initial_accumulator_value", "use_locking", "name"),
           {"learning_rate": "learning_rate", "initial_accumulator_value": "initial_accumulator_value", "name": "name",
            "epsilon": "epsilon"}, {"epsilon": "0.0"})


# the v1 optimizers converted on a program whose gradients are sparse (rows gathered): SGD's rule is
# the same on the rows read, V1_ADAM and V1_ADAGRAD take v1's sparse rules, RMSProp's written-out
# rule runs v1's sparse kernel on a gradient of gathered rows (`Converter._rule_lines`)
SPARSE_EXACT = ("GradientDescentOptimizer", "AdamOptimizer", "AdagradOptimizer", "RMSPropOptimizer")


def _optimizer_table():
    """The v1 optimizers converted to a Keras optimizer (MIG107's exact twins, and Adagrad, which the
    file gets as v1's own, `V1_ADAGRAD`)."""
    from migrate.codemods.keras_optimizers import KERAS_EQUIVALENT

    return {**KERAS_EQUIVALENT, "AdagradOptimizer": ADAGRAD}


# v1 optimizers with no Keras twin whose update rule the step writes out itself: the
# constructor's parameters in order, and their defaults (tensorflow/python/training/rmsprop.py).
# Keras' RMSprop starts its mean square at zeros; v1 starts it at ones, and takes epsilon
# inside the square root with a default of 1e-10.
OWN_RULES = {
    "RMSPropOptimizer": (("learning_rate", "decay", "momentum", "epsilon", "use_locking", "centered", "name"),
                         {"decay": "0.9", "momentum": "0.0", "epsilon": "1e-10"}),
}


def optimizer_arguments(call: ast.Call, positional: tuple[str, ...], fail) -> dict[str, ast.AST]:
    """{parameter: argument node} of a v1 optimizer's constructor call (`positional`: its parameters
    in order, KERAS_EQUIVALENT's second field); `fail(node, reason)` makes the Fallback for a call
    with more positional arguments, `*args`, `**kwargs` or an unknown keyword."""
    from migrate.tf2_rewrites import bound_arguments

    nodes = bound_arguments(call, positional)
    if nodes is None:
        raise fail(call, "optimizer arguments not converted")
    return nodes


# v1's AdamOptimizer in the converted file: a Keras Adam whose step is v1's own, so that the
# converted program trains to the same digits. Keras' Adam computes the same formula with other
# float operations: beta^t as a power of the step count where v1 multiplies two variables once per
# update, `m += (g - m) * (1 - beta_1)` the same but `1 - beta_1` taken in double before the cast,
# and a sparse gradient (rows gathered) applied to the rows read only, where v1 first scales every
# row's moments (measured under TF 2.21 against v1's graph: 200 dense steps, the same float32
# values to the last bit; 30 steps of an embedding read with repeated ids, the same; Keras' Adam
# 4e-6 and 0.25 apart). The written rules are tensorflow/python/training/adam.py's: the ApplyAdam
# kernel for a dense gradient, `_apply_sparse_shared` after `_deduplicate_indexed_slices` for a
# sparse one. {name} and tf are spelled for the file by `v1_helpers`.
V1_ADAM = (
    "class {name}(tf.keras.optimizers.Adam):\n"
    "    # TF 1.x's AdamOptimizer step for step (a Keras Adam with v1's arithmetic): beta^t kept in two\n"
    "    # variables multiplied once per update, as v1 kept them; v1's order of float operations; a\n"
    "    # gradient of gathered rows takes v1's sparse rule (every row's moments decay, the rows read add)\n"
    "    def build(self, var_list):\n"
    "        if self.built:\n"
    "            return\n"
    "        super().build(var_list)\n"
    "        constant = tf.keras.initializers.Constant\n"
    "        self.beta_1_power = self.add_variable((), initializer=constant(self.beta_1), name=\"beta_1_power\")\n"
    "        self.beta_2_power = self.add_variable((), initializer=constant(self.beta_2), name=\"beta_2_power\")\n"
    "\n"
    "    def update_step(self, gradient, variable, learning_rate):\n"
    "        dtype = variable.dtype\n"
    "        beta_1, beta_2, epsilon = (tf.cast(x, dtype) for x in (self.beta_1, self.beta_2, self.epsilon))\n"
    "        alpha = (tf.cast(learning_rate, dtype) * tf.sqrt(1 - tf.cast(self.beta_2_power, dtype))\n"
    "                 / (1 - tf.cast(self.beta_1_power, dtype)))\n"
    "        m = self._momentums[self._get_variable_index(variable)]\n"
    "        v = self._velocities[self._get_variable_index(variable)]\n"
    "        if isinstance(gradient, tf.IndexedSlices):  # v1's sparse rule, repeated rows summed first\n"
    "            rows, position = tf.unique(gradient.indices)\n"
    "            values = tf.math.unsorted_segment_sum(gradient.values, position, tf.shape(rows)[0])\n"
    "            self.assign(m, m * beta_1)\n"
    "            self.assign_add(m, tf.IndexedSlices(values * (1 - beta_1), rows))\n"
    "            self.assign(v, v * beta_2)\n"
    "            self.assign_add(v, tf.IndexedSlices((values * values) * (1 - beta_2), rows))\n"
    "            self.assign_sub(variable, alpha * m / (tf.sqrt(v) + epsilon))\n"
    "        else:  # v1's ApplyAdam kernel\n"
    "            self.assign_add(m, (gradient - m) * (1 - beta_1))\n"
    "            self.assign_add(v, (tf.square(gradient) - v) * (1 - beta_2))\n"
    "            self.assign_sub(variable, (m * alpha) / (tf.sqrt(v) + epsilon))\n"
    "\n"
    "    def apply(self, grads, trainable_variables=None):\n"
    "        super().apply(grads, trainable_variables)\n"
    "        self.assign(self.beta_1_power, self.beta_1_power * self.beta_1)\n"
    "        self.assign(self.beta_2_power, self.beta_2_power * self.beta_2)\n"
)
# what the converters write for v1's AdamOptimizer until `v1_helpers` names the class the file gets
V1_ADAM_MARK = "MIGRATE_V1_ADAM_"

# v1's AdagradOptimizer in the converted file: a Keras Adagrad whose step runs v1's own kernels,
# ResourceApplyAdagrad (accum += g^2; var -= lr * g * rsqrt(accum)) and, for a gradient of gathered
# rows, ResourceSparseApplyAdagrad after v1's `_deduplicate_indexed_slices` (repeated rows summed),
# as tensorflow/python/training/adagrad.py ran them. Measured under TF 2.21 against v1's graph (60
# steps, an embedding read with repeated ids and a dense matrix): the same float32 values to the last
# bit, eagerly and in a tf.function; Keras' Adagrad(epsilon=0) divides by sqrt(accum), which only
# Grappler's rewrite in a tf.function turns into v1's product (eagerly 1e-7 apart), and squares a
# sparse gradient's rows before summing repeated ones (0.09 apart). The same spelling in the file.
V1_ADAGRAD = (
    "class {name}(tf.keras.optimizers.Adagrad):\n"
    "    # TF 1.x's AdagradOptimizer step for step: v1's own kernels on the Keras Adagrad's accumulators\n"
    "    def update_step(self, gradient, variable, learning_rate):\n"
    "        accumulator = self._accumulators[self._get_variable_index(variable)]\n"
    "        learning_rate = tf.cast(learning_rate, variable.dtype)\n"
    "        if isinstance(gradient, tf.IndexedSlices):  # v1's sparse rule, repeated rows summed first\n"
    "            rows, position = tf.unique(gradient.indices)\n"
    "            values = tf.math.unsorted_segment_sum(gradient.values, position, tf.shape(rows)[0])\n"
    "            tf.raw_ops.ResourceSparseApplyAdagrad(var=variable.handle, accum=accumulator.handle,\n"
    "                                                  lr=learning_rate, grad=values, indices=rows)\n"
    "        else:\n"
    "            tf.raw_ops.ResourceApplyAdagrad(var=variable.handle, accum=accumulator.handle, lr=learning_rate,\n"
    "                                            grad=gradient)\n"
)
V1_ADAGRAD_MARK = "MIGRATE_V1_ADAGRAD_"

# TF 1.x's Saver.save after its write, in the converted file (`checkpoint.write(path)` writes the
# checkpoint only): the `checkpoint` state file of the checkpoint's directory and the deletion of the
# Saver's old checkpoints, written from tensorflow/python/training/saver.py (`_RecordLastCheckpoint`,
# `_MaybeDeleteOldCheckpoints`) and checkpoint_management.py (`generate_checkpoint_state_proto`: paths
# relative to a relative directory; `remove_checkpoint`; the text format's C escapes). `saved` is the
# Saver's list of its run's checkpoints (a new Saver, a new run: an empty list), so a checkpoint of an
# earlier run is never deleted, as v1 deleted none. {name} and tf are spelled for the file by `v1_helpers`.
V1_SAVE = (
    "def {name}(checkpoint, path, saved, max_to_keep):\n"
    "    # TF 1.x's Saver.save: the checkpoint written, listed last among the Saver's checkpoints of the run\n"
    "    # (`saved`), the oldest beyond max_to_keep deleted, and the `checkpoint` state file of its directory\n"
    "    # naming them, as Saver wrote it (its .meta graph file aside); returns the path, as Saver.save did\n"
    "    import os\n"
    "\n"
    "    path = checkpoint.write(path)\n"
    "    if max_to_keep:\n"
    "        if path in saved:\n"
    "            saved.remove(path)\n"
    "        saved.append(path)\n"
    "        if len(saved) > max_to_keep:\n"
    "            old = saved.pop(0)\n"
    "            for pattern in (old + \".meta\", old + \".index\", old + \".data-?????-of-?????\"):\n"
    "                for name in tf.io.gfile.glob(pattern):\n"
    "                    tf.io.gfile.remove(name)\n"
    "    directory = os.path.dirname(path)\n"
    "    listed = [path, *(saved if max_to_keep else [path])]\n"
    "    if not os.path.isabs(directory):\n"
    "        listed = [p if os.path.isabs(p) else os.path.relpath(p, directory) for p in listed]\n"
    "    escapes = {{9: \"\\\\t\", 10: \"\\\\n\", 13: \"\\\\r\", 34: '\\\\\"', 39: \"\\\\'\", 92: \"\\\\\\\\\"}}\n"
    "    quoted = ['\"%s\"' % \"\".join(escapes.get(ord(c), c if 32 <= ord(c) != 127 else \"\\\\%03o\" % ord(c)) for c in p) for p in listed]\n"
    "    with tf.io.gfile.GFile(os.path.join(directory, \"checkpoint\"), \"w\") as state:\n"
    "        state.write(\"model_checkpoint_path: %s\\n\" % quoted[0] + \"\".join(\"all_model_checkpoint_paths: %s\\n\" % q for q in quoted[1:]))\n"
    "    return path\n"
)
V1_SAVE_MARK = "MIGRATE_V1_SAVE_"

# TF 1.x's SavedModelBuilder (tensorflow/python/saved_model/builder_impl.py; simple_save is one made,
# given a `serving_default` signature and saved) in the converted file: each signature a tf.function of
# the export's inputs (TensorSpecs named by the input keys, the placeholders' dtypes and shapes)
# returning its outputs dict; TF 2's tf.saved_model.save writes them (tag `serve`, method
# tensorflow/serving/predict) with the variables they read. {name} and tf are spelled by `v1_helpers`.
V1_BUILDER = (
    "class {name}:\n"
    "    # TF 1.x's SavedModelBuilder: an export directory that exists and is not empty is refused when the\n"
    "    # builder is made (else made); save() writes a SavedModel (tag `serve`) of the signatures added, their\n"
    "    # inputs and outputs keyed as the signature defs were, and the variables they read\n"
    "    def __init__(self, export_dir, signatures=None):\n"
    "        if tf.io.gfile.exists(export_dir):\n"
    "            if tf.io.gfile.listdir(export_dir):\n"
    "                raise AssertionError(\n"
    "                    f\"Export directory {{export_dir}} already exists, and isn't empty. Please choose a different \"\n"
    "                    \"export directory, or delete all the contents of the specified directory.\")\n"
    "        else:\n"
    "            tf.io.gfile.makedirs(export_dir)\n"
    "        self.export_dir, self.signatures = export_dir, dict(signatures or {{}})\n"
    "\n"
    "    def add_meta_graph_and_variables(self, signature_def_map):\n"
    "        self.signatures = dict(signature_def_map)\n"
    "\n"
    "    def save(self):\n"
    "        import os\n"
    "\n"
    "        exported = tf.Module()\n"
    "        exported.variables_read = [v for f in self.signatures.values() for v in f.get_concrete_function().variables]\n"
    "        tf.saved_model.save(exported, self.export_dir, signatures=self.signatures)\n"
    "        return os.path.join(os.fsencode(self.export_dir), b\"saved_model.pb\")\n"
)
V1_BUILDER_MARK = "MIGRATE_V1_BUILDER_"

# the helpers a converter writes a mark for: (mark, text, base name, construct, what it is)
_V1_HELPERS = ((V1_ADAM_MARK, V1_ADAM, "V1Adam", "AdamOptimizer", "v1's Adam is written as a class (V1Adam)"),
               (V1_ADAGRAD_MARK, V1_ADAGRAD, "V1Adagrad", "AdagradOptimizer",
                "v1's Adagrad is written as a class (V1Adagrad)"),
               (V1_SAVE_MARK, V1_SAVE, "v1_saver_save", "Saver",
                ("Saver.save's state file and deletions are written as a function (v1_saver_save)")),
               (V1_BUILDER_MARK, V1_BUILDER, "V1SavedModelBuilder", "SavedModelBuilder",
                "SavedModelBuilder's checks and signatures are written as a class (V1SavedModelBuilder)"))


def v1_helpers(text: str) -> str:
    """`text` (a converted module) with each mark a converter wrote (`V1_ADAM_MARK(...)`,
    `V1_SAVE_MARK(...)`) calling the helper it stands for (`V1_ADAM`, `V1_SAVE`), defined below
    the module's `import tensorflow` statement (and the imports right after it) under a name the
    file does not use (`V1Adam`, `V1Adam2`, ...); `text` itself when it has no mark. Raises
    Fallback when the module has no top-level `import tensorflow`."""
    for mark, helper, base, construct, what in _V1_HELPERS:
        if mark not in text:
            continue
        tree = ast.parse(text)
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
            n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        name = next(n for n in (base, *(f"{base}{k}" for k in range(2, 99))) if n not in used)
        position = next((k for k, stmt in enumerate(tree.body) if isinstance(stmt, ast.Import) and any(
            a.name == "tensorflow" for a in stmt.names)), None)
        if position is None:
            at = text[: text.index(mark)].count("\n") + 1
            raise Fallback(construct, at, 1, f"{what} below the module's `import tensorflow`, which this file does "
                           "not have at module level")
        alias = next(a.asname or a.name for a in tree.body[position].names if a.name == "tensorflow")
        while position + 1 < len(tree.body) and isinstance(tree.body[position + 1], (ast.Import, ast.ImportFrom)):
            position += 1
        lines = text.splitlines(keepends=True)
        end = tree.body[position].end_lineno
        newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
        block = helper.format(name=name).replace("tf.", alias + ".")
        block = "\n\n" + block + ("\n\n" if end < len(lines) and lines[end].strip() else "\n")
        text = "".join(lines[:end]) + block.replace("\n", newline) + "".join(lines[end:])
        text = text.replace(mark + "(", name + "(")
    return text


def keras_optimizer_text(spelled: str, values: dict[str, str], renames: dict[str, str], defaults: dict[str, str],
                         fail) -> str:
    """`spelled(...)` (the Keras optimizer's name in the file's alias) with the v1 arguments' texts
    `values` under their Keras names (`renames`) and v1's `defaults` where Keras' differ; `use_locking`
    has no meaning eagerly. `fail(reason)` makes the Fallback for an argument with no Keras twin.
    Adam and Adagrad are spelled `V1_ADAM_MARK` / `V1_ADAGRAD_MARK`: the file gets v1's own (`V1_ADAM`,
    `V1_ADAGRAD`, named by `v1_helpers`)."""
    if spelled.endswith(".keras.optimizers.Adam"):
        spelled = V1_ADAM_MARK
    elif spelled.endswith(".keras.optimizers.Adagrad"):
        spelled = V1_ADAGRAD_MARK
    parts = []
    for param, text in values.items():
        if param == "use_locking":
            continue
        if param not in renames:
            raise fail(f"optimizer argument `{param}` has no Keras twin")
        parts.append(f"{renames[param]}={text}")
    parts += [f"{renames[param]}={text}" for param, text in defaults.items() if param not in values]
    return f"{spelled}({', '.join(parts)})"


def _v1_optimizers() -> set[str]:
    """The dotted names of the v1 optimizers converted (compat spelling)."""
    return {f"tf.compat.v1.train.{o}" for o in (*_optimizer_table(), *OWN_RULES)}


@dataclass
class Def:
    """One graph-building statement of the program body."""

    stmt: ast.stmt
    kind: str  # placeholder | variable | tensor | optimizer | train | init | saver | feed
    names: list[str]
    deps: set[str] = field(default_factory=set)
    dtype: str | None = None  # placeholder
    loss: str | None = None  # train
    optimizer: str | None = None  # train: the optimizer's Python name
    trainable: bool = True  # variable
    keys: tuple[str, ...] = ()  # feed: the placeholders a dict feeds


@dataclass
class Segment:
    """One graph of a program that builds several, one after another (`_convert_graphs`):
    what the graphs converted before it hand it (the helpers defined above it, the text its
    `reset_default_graph()` becomes) and what it hands on."""

    names: set[str]  # the module's own names and the helpers': generated names avoid them
    reset_text: str | None = None  # None: the reset is deleted
    numpy_helper: str | None = None
    initial_helper: str | None = None
    summary_helper: str | None = None
    graph_names: set[str] = field(default_factory=set)  # names its statements bound to graph objects
    configured: bool = False  # its Session had a config (tf.config calls before the first op)

    def record(self, c: Converter) -> None:
        # the names it generated are free again for the next graph (rebound there, as the
        # program rebinds its own; a Checkpoint's keys are the same names in each graph), but
        # for the helpers, defined once
        if c.needs_numpy_helper:
            self.numpy_helper = c.numpy_helper_name()
        if hasattr(c, "_initial_name"):
            self.initial_helper = c._initial_name
        if c.needs_summary_helper:
            self.summary_helper = c.summary_helper_name()
        self.names |= {n for n in (self.numpy_helper, self.initial_helper, self.summary_helper) if n}
        self.configured = bool(c.config_lines)
        self.graph_names = set(c.defs) | c.session_names | set(c.step_local_functions) | {
            n.id for stmt in c.deleted_stmts for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


class Converter:
    def __init__(self, text: str, segment: Segment | None = None) -> None:
        self.text = text
        self.segment = segment  # one graph of a program building several (`_convert_graphs`)
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.tree = ast.parse(text)
        # the file's function definitions by name (any depth), for the checks that follow calls
        self.local_functions = {f.name: f for f in ast.walk(self.tree) if isinstance(f, ast.FunctionDef)}
        self.local_classes = {c.name: c for c in self.tree.body if isinstance(c, ast.ClassDef)}
        self.record_types = {  # `Datasets = collections.namedtuple(...)`: making one runs no op
            t.id for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            and (dotted_name(n.value.func) or "").split(".")[-1] == "namedtuple" for t in n.targets if isinstance(t, ast.Name)
        }
        self.alias = self._tf_alias()
        self._saver_arguments_by_position()
        self._run_fetches_by_position()
        # names bound to a Keras layer object (`dense_1 = tf.keras.layers.Dense(...)`, tf2_layers)
        self.keras_layer_names = {
            t.id for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and self.call_name(n.value) in KERAS_LAYERS
            for t in n.targets if isinstance(t, ast.Name)}
        self.edits: list[tuple[int, int, str]] = []
        self.defs: dict[str, Def] = {}
        self.order: list[Def] = []
        self.functions: dict[tuple, str] = {}
        self.used_names = {n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name)}
        self.keywords: dict[str, str] = {}  # a fed placeholder -> its step parameter (`_keyword`)
        self.used_names |= {n.name for n in ast.walk(self.tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        self.used_names |= {a.arg for a in ast.walk(self.tree) if isinstance(a, ast.arg)}
        self.calls_stack: list[ast.Call] = []  # the calls of the file's functions the build walk is in
        self.reads_underscore = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Load)
                                    for n in ast.walk(self.tree))
        self.needs_numpy_helper = False
        self.library_values: dict[str, tuple] = {}  # name -> (call, module, statement): `_library_values`
        self.interactive_sessions = False  # `sess = InteractiveSession()` taken as a Session (placeholders fed)
        self.assigned_variables: dict[str, list[ast.stmt]] = {}  # a variable assigned -> the statements assigning it
        # (statement read, variable, the statements assigning it before): a read after an assign; a race
        # only in a run that runs both (Hvass' adversarial noise: the clip's assign run alone)
        self.late_reads: list[tuple[ast.stmt, str, list[ast.stmt]]] = []
        self.name_scopes: list[str] = []  # the literal `tf.name_scope` names around the statement read
        self.step_local_functions: dict[str, tuple[ast.stmt, str]] = {}  # moved into steps: name -> (def, a global read)
        self.summary_tags: dict[str, int] = {}  # the v1 summaries' name scopes made so far (lower-cased) -> uses
        self.summary_suffixed: set[str] = set()  # the `_1` names Graph.unique_name gave them
        self.op_name_uses: dict[str, int] = {}  # `name=` / `scope=` paths of ops made so far (lower-cased) -> uses
        self.named_calls: set[int] = set()  # id(call) counted there
        self.scope_entries: dict[str, set[int]] = {}  # a name scope's full path -> the `with` statements entering it
        self.statement_devices: dict[int, str] = {}  # id(statement moved into a step) -> its `tf.device(...)`  # variables written by tf.assign statements (`_assign_ops`)
        self.needs_summary_helper = False
        self.inits_seen = 0
        self.session_index = 0
        self.session_names: set[str] = set()
        self.factories: set[str] = set()
        self.savers_pending: list = []
        self.state_read_ids: set[int] = set()  # checkpoint state-file reads `_state_reads` rewrote
        self.feeds: dict[str, tuple[str, ...]] = {}
        self.printed_placeholders: set[int] = set()  # print's arguments `_printed_placeholders` wrote as text
        self.pending_generated: list = []
        self.deleted_lines: set[int] = set()
        self.deleted_stmts: set = set()
        self.generated_functions: list[list[str]] = []
        # a step's casts its input_signature made needless: (their index in its body, the lines)
        self.signature_casts: dict[str, tuple[int, list[str]]] = {}
        self.export_builders: set[int] = set()  # the SavedModelBuilder(...) calls converted (`_export_call`)
        self.static_reads: list = []  # (statement, its static-shape reads): `_static_shape_reads`
        self.summary_kinds: dict[str, str] = {}  # tag -> "scalar" | "histogram"
        self.function_inputs: dict[str, list[str]] = {}  # function -> `param=iterator.get_next()` arguments
        # functions of the body handed the Session (`def evaluate(data, sess)`): name -> (def, parameter)
        self.session_functions: dict[str, tuple[ast.FunctionDef, str]] = {}
        self.global_readers_done: list[ast.FunctionDef] = []  # `_global_session_readers`
        self.session_function_calls: dict[str, int] = {}  # name -> calls whose Session argument was dropped
        self.session_functions_done = False
        self.statement_users: dict[int, tuple[Def, list[str]]] = {}  # id(tensor Def) -> (Def, generated functions)
        self.step_feeds: dict[str, list[dict | None]] = {}  # generated function -> each run's feeds (placeholder -> value)
        self.config_lines: list[str] | None = None  # tf.config calls of the Session's ConfigProto
        self.prologue: tuple[int, str] | None = None  # (offset, text) inserted there
        # Session options read at run time: (statement of the scope binding the name read, option, the read, its keyword)
        self.option_bindings: list[tuple[ast.stmt, str, ast.expr, ast.AST]] = []
        self.replaced_starts: set[int] = set()  # offsets of statements replaced whole (_replace_statement)
        self.scope_body: list[ast.stmt] = []
        self.op_seeds: dict[int, int] = {}  # id(random op or initializer call) -> the op seed TF 1.x's graph gave it
        self.seed_edits: set[tuple[int, int, str]] = set()
        self.sessions_made = 0  # Session blocks / assignments of the program
        # Sessions in several functions or blocks of one module-level graph (`_nested_sessions`):
        # id(module statement holding some) -> that statement; the Sessions in the order they run
        self.nested_holders: dict[int, ast.stmt] = {}
        self.nested_withs: dict[int, list[ast.stmt]] = {}
        self.session_order: list[ast.stmt] | None = None
        self.current_session: ast.stmt | None = None  # the Session statement being rewritten
        self.session_starts: dict[int, str] = {}  # id(Session statement) -> "init" | "restore" | "other"
        self.resets: list[tuple[ast.stmt, ast.stmt]] = []  # (Session, initializer run) rewritten as a reset
        self.reset_names: tuple[str, str] | None = None  # (variables list, initial values list) of the resets
        self.first_generated: ast.stmt | None = None  # the statement the generated functions are written above
        # `sess = Session()` made before the graph: its first use, where the kept initial values are read
        self.reset_anchor: ast.stmt | None = None
        self.session_spans: dict[int, list[ast.stmt]] = {}  # id(`sess = Session()`) -> the Session's statements
        # the steps each Session runs (id(Session statement) -> names; None: a run outside one) and the
        # variables, training ops and optimizers each step uses (name -> ids of their Defs)
        self.session_steps: dict[int | None, set[str]] = {}
        self.step_uses: dict[str, set[int]] = {}
        self.retired: dict[str, int] = {}  # a graph name rebound to a plain value after the Session -> that line
        self.listed_trainables: dict[int, list[str]] = {}  # id(trainable_variables() call) -> the names written
        self.shared_optimizers: dict[str, bool] = {}  # a v1 optimizer of several training ops -> built yet
        self.build_visited: set[int] = set()
        self.imported_from = {  # a name bound by an import -> the module it comes from
            a.asname or a.name.split(".")[0]: (a.name if isinstance(n, ast.Import) else n.module or "")
            for n in ast.walk(self.tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names
        }
        if segment is not None:  # names and helpers of the graphs before this one
            self.used_names |= segment.names
            if segment.numpy_helper:
                self._numpy_name = segment.numpy_helper
            if segment.initial_helper:
                self._initial_name = segment.initial_helper

    # -- positions, names ---------------------------------------------------------
    def col(self, node: ast.AST) -> int:
        line = self.lines[node.lineno - 1]
        return len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))

    def end_col(self, node: ast.AST) -> int:
        line = self.lines[node.end_lineno - 1]
        return len(line.encode("utf-8")[: node.end_col_offset].decode("utf-8", "replace"))

    def offset(self, node: ast.AST) -> int:
        return self.starts[node.lineno - 1] + self.col(node)

    def end_offset(self, node: ast.AST) -> int:
        return self.starts[node.end_lineno - 1] + self.end_col(node)

    def source(self, node: ast.AST) -> str:
        return self.text[self.offset(node): self.end_offset(node)]

    def fail(self, node: ast.AST, reason: str, construct: str | None = None) -> Fallback:
        text = construct or self.source(node).split("\n")[0]
        if len(text) > 60 and isinstance(node, ast.Call) and self.qual(node.func):
            text = f"{self.qual(node.func).replace('tf.', self.alias + '.', 1)}(...)"
        elif len(text) > 60:
            text = text[:57] + "..."
        return Fallback(text, node.lineno, self.col(node) + 1, reason)

    def _tf_alias(self) -> str:
        alias = None
        for node in self.tree.body:
            if isinstance(node, ast.Import):
                for name in node.names:
                    if name.name == "tensorflow":
                        alias = name.asname or "tensorflow"
        if alias is None:
            raise Fallback("tensorflow", 1, 1, "the file has no module-level `import tensorflow as tf`")
        return alias

    def _saver_arguments_by_position(self) -> None:
        """`saver.save(sess=s, save_path=p)`, `saver.restore(sess, save_path=p)`,
        `latest_checkpoint(checkpoint_dir=d)` (and the other state-file reads): their leading
        keyword arguments made positional in the tree, the form every check and rewrite reads
        (the same call: the parameters' order is v1's, Saver.save(sess, save_path, ...),
        restore(sess, save_path), latest_checkpoint(checkpoint_dir, ...)). The text is kept:
        a rewrite of the whole call writes its arguments by position."""
        savers = {dotted_name(t) for n in ast.walk(self.tree) if isinstance(n, ast.Assign)
                  and self.call_name(n.value) == SAVER for t in n.targets} - {None}
        leading = {"tf.compat.v1.train.checkpoint_exists": ("checkpoint_prefix",)}
        for call in ast.walk(self.tree):
            if not isinstance(call, ast.Call):
                continue
            if isinstance(call.func, ast.Attribute) and call.func.attr in ("save", "restore") \
                    and dotted_name(call.func.value) in savers:
                params = ("sess", "save_path")
            elif self.call_name(call) in CHECKPOINT_STATE_READS:
                params = leading.get(self.call_name(call), ("checkpoint_dir",))
            else:
                continue
            for param in params[len(call.args):]:
                keyword = next((k for k in call.keywords if k.arg == param), None)
                if keyword is None:
                    break
                call.args.append(keyword.value)
                call.keywords.remove(keyword)

    def _run_fetches_by_position(self) -> None:
        """`sess.run(fetches=[l_out], feed_dict=d)` (alrojo's lab5_AE): Session.run's first parameter
        given by keyword made positional in the tree, as `_saver_arguments_by_position` does (the
        same call, the form every check and rewrite of a run reads)."""
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "run" \
                    and not call.args and any(k.arg == "fetches" for k in call.keywords):
                keyword = next(k for k in call.keywords if k.arg == "fetches")
                call.args.append(keyword.value)
                call.keywords.remove(keyword)

    def qual(self, node: ast.AST) -> str | None:
        """A dotted name with the file's TensorFlow alias spelled `tf`; None otherwise."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        root, dot, rest = dotted.partition(".")
        return ("tf" if root == self.alias else root) + dot + rest

    def call_name(self, node: ast.AST) -> str | None:
        return self.qual(node.func) if isinstance(node, ast.Call) else None

    def _keyword(self, placeholder: str) -> str:
        """The step parameter (and call keyword) of a fed placeholder: its name, or for one not
        starting with a letter (`_inputs`) a fresh name without the underscores, which the step
        binds to the placeholder's name first. Measured, TF 2.21: tf.function binds a keyword
        argument `_x=` as `arg__x` (its name sanitized), which no parameter matches:
        `compute(_x=value)` raises TypeError."""
        if placeholder[:1].isalpha():
            return placeholder
        if placeholder not in self.keywords:
            self.keywords[placeholder] = self.fresh(placeholder.lstrip("_") or "fed")
        return self.keywords[placeholder]

    def fresh(self, base: str) -> str:
        name, k = base, 2
        while name in self.used_names:
            name, k = f"{base}_{k}", k + 1
        self.used_names.add(name)
        return name

    def tf(self, dotted: str) -> str:
        """`tf.x.y` in the file's alias."""
        return self.alias + dotted[2:] if dotted.startswith("tf.") else dotted

    # -- the conversion -----------------------------------------------------------
    def no_estimator_helper(self) -> None:
        """Raise the finding of an Estimator program (the compat migration's helper class in it)."""
        helper = self.local_classes.get(ESTIMATOR_HELPER)
        if helper is not None and any(isinstance(f, ast.FunctionDef) and f.name == "_graph_input" for f in helper.body):
            use = next((n for n in ast.walk(self.tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                        and n.value.id == ESTIMATOR_HELPER and not helper.lineno <= n.lineno <= helper.end_lineno), helper)
            raise self.fail(use, f"an Estimator program: the compat migration runs it on the `{ESTIMATOR_HELPER}` helper "
                            "written into the file (Keras fit for the model_fn, a TF 1.x graph and Session for input "
                            "functions returning tensors); --style tf2 converts Session programs, not Estimators")

    def convert(self) -> str:
        interactive = [(body, stmt) for body, stmt in _statements(self.tree)
                       if isinstance(stmt, (ast.Assign, ast.Expr)) and self.call_name(stmt.value) == INTERACTIVE]
        if interactive and not any(isinstance(n, ast.Call) and self.call_name(n) in (PLACEHOLDER, PLACEHOLDER_DEFAULT)
                                   for n in ast.walk(self.tree)):
            return self._interactive(interactive)
        # with placeholders, the graph-then-runs shape: `sess = InteractiveSession()` is `sess = Session()`
        # made the default (`x.eval(feed)` runs in it), as the Session path converts it
        self.interactive_sessions = bool(interactive)
        sessions = [
            (body, stmt) for body, stmt in _statements(self.tree)
            if self._session_with(stmt) is not None or self._session_assign(stmt) is not None
        ]
        class_bodies = {id(k.body) for k in ast.walk(self.tree) if isinstance(k, ast.ClassDef)}
        for body, stmt in sessions + interactive:
            if id(body) in class_bodies:  # `class tfs: session = tf.Session()`: shared by whatever reads it
                raise self.fail(stmt, "a Session made in a class body (a class attribute) is not converted")
        if not sessions:
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Call) and self.call_name(node) == PLACEHOLDER:
                    where = "in the file" if self.segment is None else \
                        "in its graph's part of the module (from one `reset_default_graph()` to the next)"
                    raise self.fail(node, f"a placeholder with no Session {where} to run it" + _placeholder_call(self, node))
            self._drop_module_switches()  # an eager TF 1.x program: enable_eager_execution() goes
            self._eager_twins()
            out = self._apply()
            if self.segment is not None:
                self.segment.record(self)
            return out
        scope = sessions[0][0]
        self.sessions_made = len(sessions)
        in_classes = set() if scope is self.tree.body else {
            id(n) for k in ast.walk(self.tree) if isinstance(k, ast.ClassDef) for n in ast.walk(k)}
        holding = self._block_holding(scope)
        module_graph = scope is not self.tree.body and all(
            self._session_with(s) is not None and id(s) not in in_classes for _, s in sessions) and any(
            isinstance(n, ast.Call) and self.call_name(n) in (PLACEHOLDER, *VARIABLES, GET_VARIABLE)
            for s in self.tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and id(s) not in holding for n in ast.walk(s))
        if any(body is not scope for body, _ in sessions[1:]) or module_graph:
            # (one Session in `def main():` around a graph built at module level, talk-debugging's 14 programs: the
            # module body is the scope, as for several)
            scope = self._nested_sessions(sessions)
        elif len(sessions) > 1:
            self.session_order = [stmt for _, stmt in sessions]  # one after another in one body
        self._drop_module_switches()
        self._eager_twins()
        self.scope_body = scope
        self._seed_random_ops(scope)
        self._scope(scope)
        self._check_pass_reads(scope)
        self._finish_shared_optimizers()
        self._check_plain_random_tensors(scope)
        self._check_rest(scope)
        self._check_session_functions()
        self._check_step_local_functions(scope)
        self._check_values_read_when_built(scope)
        self._check_function_globals()
        self._check_library_values()
        self._check_printed_tensors()
        self._check_shared_random_ops()
        self._check_session_starts()
        self._finish_static_shapes()
        if self.config_lines:
            self._config_prologue(scope)
        out = self._apply()
        # (a tensor statement no step computes, deleted: its random op never ran in TF 1.x either, and its op
        # seed was counted for the ops after it; a dead `Y1d = tf.nn.dropout(Y1, pkeep)`, a fresh-eyes trial)
        dead = {id(n) for d in self.order if d.kind == "tensor" and d.stmt in self.deleted_stmts
                and id(d) not in self.statement_users for n in ast.walk(d.stmt)}
        for seed in {s for node, s in self.op_seeds.items() if node not in dead}:
            # every op seed written survives the statements' moves (one lost would draw otherwise)
            if len(re.findall(rf"\bseed={seed}\b", out)) <= len(re.findall(rf"\bseed={seed}\b", self.text)):
                raise Fallback("<internal>", 1, 1, f"the op seed {seed} written for a random op was lost in a rewrite")
        if self.segment is not None:
            self.segment.record(self)
        return out

    def _block_holding(self, scope: list[ast.stmt]) -> set[int]:
        """The ids of the module-level `if` / `try` statement (run once) or loop building a new graph
        at each pass (`_graph_per_pass`) holding `scope` with the whole graph its Session runs (`if
        __name__ == "__main__":` building the graph and running it, word2vec_tf.py): that body is
        the program's scope, not a block around a graph built at module level (`_nested_sessions`).
        Not through a nested loop or function; no placeholder or variable made in the statement
        outside `scope`."""
        inside = {id(n) for stmt in scope for n in ast.walk(stmt)}
        made = (PLACEHOLDER, *VARIABLES, GET_VARIABLE)
        held = set()
        for stmt in self.tree.body:
            if not (isinstance(stmt, (ast.If, ast.Try)) or self._graph_per_pass(stmt)) \
                    or not any(b is scope for b, _ in _statements(ast.Module([stmt], []))):
                continue
            if any(n is not stmt and isinstance(n, (ast.For, ast.While, ast.AsyncFor, ast.FunctionDef,
                                                    ast.AsyncFunctionDef, ast.ClassDef))
                   and any(b is scope for b, _ in _statements(ast.Module([n], []))) for n in ast.walk(stmt)):
                continue
            if any(isinstance(n, ast.Call) and self.call_name(n) in made and id(n) not in inside for n in ast.walk(stmt)):
                continue
            held.add(id(stmt))
        return held

    def _graph_per_pass(self, stmt: ast.stmt) -> bool:
        """Is `stmt` a module-level `for` loop whose body starts a new graph at each pass
        (`tf.reset_default_graph()` its first statement calling TensorFlow)?"""
        if not isinstance(stmt, ast.For) or stmt.orelse:
            return False
        for inner in stmt.body:
            if isinstance(inner, ast.Expr) and self.call_name(inner.value) == RESET and not inner.value.args \
                    and not inner.value.keywords:
                return True
            if any(isinstance(n, ast.Name) and n.id == self.alias for n in ast.walk(inner)):
                return False
        return False

    def _check_pass_reads(self, scope: list[ast.stmt]) -> None:
        """In a loop building a new graph at each pass (`_graph_per_pass`), a graph name read before
        the pass binds it held the previous pass's object (of the graph the reset dropped; the
        converted pass has none): a Fallback naming the read."""
        if not any(self._graph_per_pass(s) and s.body is scope for s in self.tree.body):
            return
        graph = set(self.defs) | self.session_names
        bound: dict[str, tuple[int, int]] = {}  # name -> where the pass first binds it (after the value is computed)
        reads = []
        todo = list(scope)
        while todo:
            node = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue  # (run when called: not read where defined)
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                end = (node.end_lineno, node.end_col_offset)
                for name in (n for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)):
                    bound[name.id] = min(bound.get(name.id, end), end)
                    if isinstance(node, ast.AugAssign):
                        reads.append(name)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                at = (node.lineno, node.col_offset)
                bound[node.id] = min(bound.get(node.id, at), at)
            elif isinstance(node, ast.Name):
                reads.append(node)
            todo.extend(ast.iter_child_nodes(node))
        for node in sorted(reads, key=lambda n: (n.lineno, n.col_offset)):
            if node.id in graph and (node.id not in bound or (node.lineno, node.col_offset) < bound[node.id]):
                raise self.fail(node, f"`{node.id}` read before this pass of the loop binds it: it held the previous "
                                "pass's object, of the graph `reset_default_graph()` then dropped (no object of the "
                                "converted pass): converted when each pass reads only what it builds", node.id)

    def _reset_helper_call(self, loop: ast.stmt) -> str | None:
        """The name of the file's function calling `reset_default_graph()` that the loop's body calls
        as its first statement using TensorFlow (`reset_graph()`), or None."""
        for inner in getattr(loop, "body", []):
            if isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call) and isinstance(inner.value.func, ast.Name):
                function = self.local_functions.get(inner.value.func.id)
                if function is not None and any(isinstance(n, ast.Call) and self.call_name(n) == RESET
                                                for n in ast.walk(function)):
                    return function.name
            if any(isinstance(n, ast.Name) and n.id == self.alias for n in ast.walk(inner)):
                return None
        return None

    def _several_bodies_reason(self, sessions: list) -> str:
        """Why Sessions made in different bodies (functions, blocks) keep the file compat, naming
        where they are (no line numbers: those of a notebook's joined cells or of the unwrapped
        text would mislead): every Session holds its own values of the graph's variables (a
        later one starts from re-initialized or restored values), and one per `with
        g.as_default()` block runs its own graph; the engine converts the Sessions of one body,
        in order, and graphs separated by `reset_default_graph()`."""
        parents = {id(child): parent for parent in ast.walk(self.tree) for child in ast.iter_child_nodes(parent)}
        places, graph_blocks = [], 0
        for _, stmt in sorted(sessions, key=lambda pair: pair[1].lineno):
            node, place = stmt, "module level"
            if isinstance(stmt, ast.With) and any(
                    isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Attribute)
                    and i.context_expr.func.attr == "as_default" for i in stmt.items):
                graph_blocks += 1
            block = None  # the innermost block around it; the function holding it names it first
            while id(node) in parents:
                node = parents[id(node)]
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    place = f"function `{node.name}`"
                    break
                if block is None and isinstance(node, (ast.For, ast.While, ast.If, ast.With, ast.Try)):
                    if isinstance(node, ast.With) and any(
                            isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Attribute)
                            and i.context_expr.func.attr == "as_default" for i in node.items):
                        graph_blocks += 1
                        block = "a `with <graph>.as_default():` block"
                    else:
                        block = {ast.For: "a loop", ast.While: "a loop", ast.If: "an `if` block", ast.Try: "a `try` block"}.get(
                            type(node), "a `with` block")
            else:
                place = block or place
            places.append(place)
        counted = []
        for place in dict.fromkeys(places):
            n = places.count(place)
            counted.append(place if n == 1 else f"{place} ({n})")
        if graph_blocks and not any(place.startswith("function") for place in places):
            return (f"several graphs, each run by its own Session ({', '.join(counted)}): converted when the graphs "
                    "are built one after another between `reset_default_graph()` calls, each with its Session")
        return (f"Sessions in more than one function or block ({', '.join(counted)}): each Session holds its own "
                "values of the variables (a later one starts from re-initialized or restored values); converted only "
                "when all are in one body")

    # -- Sessions in several functions or blocks of one graph -----------------------------
    def _nested_sessions(self, sessions: list) -> list[ast.stmt]:
        """The module body as the program's scope when its Sessions sit in several functions or
        blocks (`train()` initializing and saving, `test()` restoring; `if training:` then a
        Session at module level) around ONE graph built at module level; the `Fallback` of
        `_several_bodies_reason` otherwise.

        TF 1.x gave each Session its own values of the graph's variables: a new Session starts
        from uninitialized variables and whatever it runs first sets them (the initializer: the
        initial values again, a seeded random one the same numbers since random kernels are per
        Session; `saver.restore`: the checkpoint). The converted program has one set of
        variables, so each Session's start is rewritten to put them where TF 1.x had them (the
        Checkpoint read, or `_reset_variables`), which makes a Session's result independent of
        which Sessions ran before it. Converted when: each Session is a `with` block in a
        module-level function or a module-level `if` / `with` / `try` block (no class, no
        nested function), none of those statements builds graph outside its Sessions, and the
        order the Sessions run in is known (`_session_order_of`: module-level calls of those
        functions, in no loop)."""
        reason = self._several_bodies_reason(sessions)
        parents = {id(child): parent for parent in ast.walk(self.tree) for child in ast.iter_child_nodes(parent)}
        holders: dict[int, tuple[ast.stmt, list[ast.stmt]]] = {}
        for body, stmt in sessions:
            if body is self.tree.body:
                continue
            if self._session_with(stmt) is None:
                raise self.fail(stmt, reason + " (a Session bound to a name in a function or block: converted there "
                                "as a `with` block)")
            node, chain = stmt, []
            while parents.get(id(node)) is not self.tree:
                chain.append(node := parents[id(node)])
            owner = next((n for n in chain if isinstance(n, ast.ClassDef)), None)
            if owner is not None:
                raise self.fail(stmt, reason + f" (Sessions in methods of the class `{owner.name}`: converted in "
                                "module-level functions and blocks around a graph built at module level)")
            for node in chain:
                if isinstance(node, (ast.Lambda, ast.AsyncFunctionDef, ast.AsyncWith, ast.AsyncFor)) \
                        or isinstance(node, ast.FunctionDef) and parents.get(id(node)) is not self.tree:
                    raise self.fail(stmt, reason + " (a Session in a nested function or an async block)")
            if isinstance(node, (ast.For, ast.While)):
                helper = self._reset_helper_call(node)
                if helper is not None:  # handson-ml's search loop: `reset_graph()` first in the pass
                    raise self.fail(stmt, reason + f" (a Session in a module-level loop whose passes start with `{helper}()`, "
                                    "the file's function calling `reset_default_graph()`, which the converter does not "
                                    "follow: converted with `reset_default_graph()` itself first in the loop's body)")
                raise self.fail(stmt, reason + " (a Session in a module-level loop: converted in functions and `if` blocks, "
                                "and in a loop whose every pass starts a new graph, `reset_default_graph()` first in its body)")
            holders.setdefault(id(node), (node, []))[1].append(stmt)
        graph_calls = (PLACEHOLDER, PLACEHOLDER_DEFAULT, *VARIABLES, GET_VARIABLE, SAVER, RESET, GRAPH)
        for holder, withs in holders.values():
            inside = {id(n) for w in withs for n in ast.walk(w)}
            for node in ast.walk(holder):
                if id(node) not in inside and isinstance(node, ast.Call) and self.call_name(node) in graph_calls:
                    if isinstance(holder, ast.FunctionDef) and self.call_name(node) in (GRAPH, RESET):
                        # (a new graph made in the function: the module's graph is not what its Sessions run)
                        made = sum(isinstance(n, ast.Call) and self.call_name(n) in (GRAPH, RESET) for n in ast.walk(holder))
                        if len(holders) == 1 and all(body is not self.tree.body for body, _ in sessions):
                            # neural-style's stylize(): three graphs, each with its Session
                            raise self.fail(withs[0], reason + f" (function `{holder.name}` makes {made} graph"
                                            f"{'s' if made > 1 else ''} of its own (`{self.call_name(node)}`), run by "
                                            f"{len(withs)} Sessions: converted when a function builds one graph for its "
                                            "Sessions, or each graph is built and run by a function of its own)")
                        raise self.fail(withs[0], reason + f" (function `{holder.name}` makes a graph of its own "
                                        f"(`{self.call_name(node)}`) for its Session, beside Sessions elsewhere: "
                                        "converted when every Session runs one graph built at module level, or when "
                                        "each Session function builds and runs its own graph and the module runs none)")
                    raise self.fail(withs[0], reason + f" (`{self.call_name(node)}` in {self._place(holder)}, outside "
                                    "its Sessions: converted when the graph is built at module level)")
        self.session_order = self._session_order_of([stmt for _, stmt in sessions], reason)
        self.nested_holders = {key: holder for key, (holder, _) in holders.items()}
        self.nested_withs = {key: withs for key, (_, withs) in holders.items()}
        return self.tree.body

    def _place(self, holder: ast.stmt) -> str:
        if isinstance(holder, ast.FunctionDef):
            return f"function `{holder.name}`"
        return {ast.If: "an `if` block", ast.Try: "a `try` block"}.get(type(holder), "a `with` block")

    def _session_order_of(self, sessions: list[ast.stmt], reason: str) -> list[ast.stmt]:
        """The Session statements in the order the program runs them, a Session once per run
        (twice when its function is called twice): module-level statements in order, a `with` /
        `if` / `try` block's bodies in order (a branch maybe run), a module-level function called
        by name from there expanded at the call. Fallback (`reason`, with why) for a Session in a
        loop, a function holding one used otherwise than called (handed on, in a loop, a lambda or
        a comprehension, recursively), or one whose calls the walk does not reach."""
        functions = {f.name: f for f in self.tree.body if isinstance(f, ast.FunctionDef)}
        ids = {id(s) for s in sessions}
        holding = {name for name, f in functions.items() if any(id(n) in ids for n in ast.walk(f))}
        grew = True
        while grew:
            calls_of = {name: {n.func.id for n in ast.walk(f) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
                        for name, f in functions.items()}
            more = {name for name in functions if calls_of[name] & holding} - holding
            grew, holding = bool(more), holding | more
        parents = {id(child): parent for parent in ast.walk(self.tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and node.id in holding and isinstance(node.ctx, ast.Load):
                call = parents.get(id(node))
                if not (isinstance(call, ast.Call) and call.func is node):
                    raise self.fail(node, reason + f" (function `{node.id}`, which runs a Session, is used otherwise "
                                    "than called)", node.id)
                up = call
                while id(up) in parents and not isinstance(up, ast.stmt):
                    up = parents[id(up)]
                    if isinstance(up, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                        raise self.fail(call, reason + f" (`{node.id}(...)`, which runs a Session, called in a "
                                        "lambda or comprehension)", node.id)
        order: list[ast.stmt] = []

        def run(body: list[ast.stmt], stack: tuple[str, ...]) -> None:
            for stmt in body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    continue  # defined, not run
                called = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                          and n.func.id in holding]
                has_session = any(id(n) in ids for n in ast.walk(stmt))
                if isinstance(stmt, (ast.For, ast.While, ast.AsyncFor)) and (called or has_session):
                    raise self.fail(stmt, reason + " (a Session run in a loop)")
                if id(stmt) in ids:
                    if called:
                        raise self.fail(called[0], reason + " (a function running a Session called inside a Session)")
                    order.append(stmt)
                    continue
                children = [getattr(stmt, f) for f in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, f, None), list)]
                children += [h.body for h in getattr(stmt, "handlers", [])]
                if children and (called or has_session):
                    heads = [getattr(stmt, f) for f in ("test", "subject") if getattr(stmt, f, None) is not None]
                    heads += [i.context_expr for i in getattr(stmt, "items", [])]
                    if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in holding
                           for h in heads for n in ast.walk(h)):
                        raise self.fail(stmt, reason + " (a function running a Session called in a block's header)")
                    for child in children:
                        run(child, stack)
                    continue
                for call in sorted(called, key=lambda n: (n.lineno, n.col_offset)):
                    name = call.func.id
                    if name in stack:
                        raise self.fail(call, reason + f" (`{name}` runs a Session and calls itself)", name)
                    run(functions[name].body, stack + (name,))

        run(self.tree.body, ())
        return order

    def _nested_holder(self, holder: ast.stmt) -> None:
        """A module-level function or block holding Sessions (`_nested_sessions`): the generated
        functions written above the first one (module level, where the graph is built); each
        Session block rewritten in place, its header gone. A graph name it reads outside its
        Sessions is a Fallback (the graph value is no value there)."""
        if self.first_generated is None:
            self.first_generated = holder
            start = self.starts[holder.lineno - 1] if not getattr(holder, "decorator_list", None) \
                else self.starts[holder.decorator_list[0].lineno - 1]
            self.edits.append((start, start, ("GEN", "")))
            self.pending_generated.append([])
        withs = sorted(self.nested_withs[id(holder)], key=lambda w: w.lineno)
        inside = {id(n) for w in withs for n in ast.walk(w)}
        own = _bound_inside(holder) if isinstance(holder, ast.FunctionDef) else set()
        for node in ast.walk(holder):
            if id(node) not in inside and isinstance(node, ast.Name) and node.id in self.defs and node.id not in own:
                raise self.fail(node, f"the graph {self.defs[node.id].kind} `{node.id}` read in {self._place(holder)} "
                                "outside its Sessions", node.id)
        for node in ast.walk(holder):
            called = self.call_name(node) if isinstance(node, ast.Call) and id(node) not in inside else None
            if called and called.startswith("tf.") and not called.startswith(NOT_TENSORS + NO_GRAPH_PREFIXES):
                raise self.fail(node, f"`{called}` in {self._place(holder)}, outside its Sessions: TF 1.x built it into "
                                "the graph there (converted: graph built at module level, run in the Sessions)")
        for stmt in withs:
            self._session_block(stmt, self._session_with(stmt), nested=True)
        # graph built among a function's Session statements reading its locals: the steps are module-level
        inside_holder = {id(n) for n in ast.walk(holder)}
        for d in self.order:
            if id(d.stmt) in inside_holder and own:
                local = sorted({n.id for n in ast.walk(d.stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                                and n.id in own and n.id not in self.defs})
                if local:
                    raise self.fail(d.stmt, f"graph built in {self._place(holder)}'s Session from its local `{local[0]}`: "
                                    "the steps are written at module level, above the function", local[0])

    def _restored_first(self, following: list[ast.stmt]) -> bool:
        """Is the first of `following` `saver.restore(sess, path)` (or `name = ...` of it, a name
        read nowhere: Saver.restore returned None) of a Saver of every variable?"""
        if not following:
            return False
        stmt = following[0]
        value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
        if isinstance(stmt, ast.Assign) and (not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)) or any(
                isinstance(n, ast.Name) and n.id == stmt.targets[0].id and isinstance(n.ctx, ast.Load)
                for n in ast.walk(self.tree))):
            return False
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "restore" \
            and isinstance(value.func.value, ast.Name) \
            and getattr(self.defs.get(value.func.value.id), "kind", None) == "saver" \
            and getattr(self.defs[value.func.value.id], "listed", None) is None \
            and not getattr(self.defs[value.func.value.id], "state_file", False)

    def _later_session(self) -> bool:
        """May the Session being rewritten run after another one (so its initializer run resets
        values another Session changed)?"""
        if self.session_order is None or self.current_session is None:
            return self.session_index > 1
        order = self.session_order
        return self.current_session not in order[:1] or order.count(self.current_session) > 1

    def _reset_variables(self, stmt: ast.stmt, body: list[ast.stmt]) -> None:
        """The initializer run at a later Session's start: TF 1.x gave that Session the initial
        values again (a random initial value with an op seed the same numbers: the Session's
        own kernel drew them); the converted statement assigns every variable the value it was
        made with, kept above the first Session (`_write_reset_values`). Fallbacks (checked
        here and in `_check_session_starts`): a variable made elsewhere than at module level
        before that point, or of a Keras layer or module (made at their first call), a random
        initial value drawn with no seed (TF 1.x drew new numbers), an optimizer an earlier
        Session may have stepped or restored (v1's initializer reset its slots too)."""
        if self.reset_names is None:  # (the loop's names are the file's own for none of its values)
            self.reset_names = (self.fresh("initial_variables"), self.fresh("initial_values"), self.fresh("variable"),
                                self.fresh("value"))
        variables, values, variable, value = self.reset_names
        self.resets.append((self.current_session, stmt))
        indent = _indent(self.lines[stmt.lineno - 1])
        self._replace_statement(stmt, f"for {variable}, {value} in zip({variables}, {values}):  # the initializer's run\n"
                                f"{indent}    {variable}.assign({value})")
        self.deleted_stmts.add(stmt)

    def _check_session_starts(self) -> None:
        """What each Session of a program with several runs first (see `_nested_sessions`)."""
        if self.session_order is None:
            return
        nested = bool(self.nested_holders)
        order = self.session_order
        if nested:
            for stmt in dict.fromkeys(order):
                later = stmt not in order[:1] or order.count(stmt) > 1
                if later and self.session_starts.get(id(stmt), "other") == "other" and any(
                        d.kind == "variable" for d in self.order):
                    raise self.fail(stmt, "a Session run after another that neither initializes the variables nor "
                                    "restores them all first: TF 1.x's new Session had none of the values the other "
                                    "Session set (reading one failed)")
            for d, users in self.statement_users.values():
                for call in self._random_calls(d.stmt):
                    kind = self._random_kind(call)
                    if kind is not None and kind[1] is not None and len(order) > 1:
                        raise self.fail(call, f"a seeded random op ({self.call_name(call)}) run by the steps of "
                                        "Sessions in several functions or blocks: each new TF 1.x Session restarted "
                                        "its generator (the same draws again), a step's op draws on", self.call_name(call))
        if not self.resets:
            return
        anchor = self.reset_anchor or self.first_generated
        variables = []
        for d in self.order:
            if d.kind in ("train", "optimizer", "variable") and (self._one_session_after(d.stmt)
                                                                  or self._unread_after_resets(d)):
                continue  # first initialized by the one Session run after it, or read by none after the reset
            if d.kind in ("train", "optimizer") and not self._stateless_optimizer(d):
                for session, init in self.resets:
                    last = len(order) - 1 - order[::-1].index(session) if session in order else len(order)
                    before = order[:last]
                    if any(self._steps_or_restores(s) for s in before):
                        raise self.fail(init.value, "the initializer run again in a later Session, after a Session that "
                                        "trained or restored: TF 1.x reset the optimizer's slots too (moments, "
                                        "accumulators), which the Keras optimizer keeps")
                continue
            if d.kind != "variable":
                continue
            if getattr(d, "spread", None):
                raise self.fail(d.stmt, f"the initializer run again in a later Session: `{d.names[0]}` "
                                "(a layer or module) makes its variables at its first call, their initial values are "
                                "not kept", d.names[0])
            if d.stmt not in self.tree.body or anchor is None or d.stmt.lineno > anchor.lineno:
                raise self.fail(d.stmt, f"the initializer run again in a later Session: the variable "
                                f"`{d.names[0]}` is made after the first Session starts (its initial value is not kept "
                                "there)", d.names[0])
            for call in self._random_calls(d.stmt):
                kind = self._random_kind(call)
                if kind is not None and kind[1] is None and not self._earlier_sessions_only_initialize():
                    raise self.fail(d.stmt, f"the initializer run again in a later Session: the "
                                    f"variable `{d.names[0]}` is drawn with no seed (TF 1.x drew new numbers)",
                                    d.names[0])
            variables.append(d.names[0])
        names, values = self.reset_names[:2]
        kept = [
            "# each TF 1.x Session held its own values of the variables: the values they are made with, assigned",
            "# again where a later Session runs the initializer",
            f"{names} = [{', '.join(variables)}]",
            f"{values} = [variable.read_value() for variable in {names}]",
        ]
        if anchor is self.first_generated:
            self.generated_functions.append(kept)
        else:  # read where the first Session is first used, below the graph built after `sess = Session()`
            indent = _indent(self.lines[anchor.lineno - 1])
            start = self.starts[anchor.lineno - 1]
            self.edits.append((start, start, "".join(indent + line + "\n" for line in kept)))

    def _earlier_sessions_only_initialize(self) -> bool:
        """Do the Sessions before each one running the initializer again run nothing but initializers (the
        TF 1.x Deep Learning book's five_layers_relu: `sess = tf.Session()`, `sess.run(init)`, then `with
        tf.Session() as sess:` initializing again and training)? Then no run saw the values drawn first: an
        unseeded variable's one eager draw stands for the draw TF 1.x's later run made."""
        order = self.session_order or []
        for session, _ in self.resets:
            if session not in order:
                return False
            for k, earlier in enumerate(order[:order.index(session)]):
                span = self.session_spans.get(id(earlier), [])
                following = order[k + 1]
                span = span[:span.index(following)] if following in span else span
                for node in (n for stmt in [earlier, *span] for n in ast.walk(stmt)):
                    if isinstance(node, ast.Name) and node.id in self.defs and self.defs[node.id].kind != "init" \
                            or isinstance(node, ast.Attribute) and node.attr in ("eval", "restore", "save"):
                        return False
        return True

    def _unread_after_resets(self, d: Def) -> bool:
        """Is `d` (a variable, a layer's or module's variables, a training op or an optimizer) used by no
        step of the first Session running the initializer again nor of a later one, and named by none of
        their statements (udacity's convolutional autoencoder notebook: a second model built beside the
        first, both initialized by the second Session, which trains the second only)? TF 1.x reset it
        there and nothing read it after: no initial value to keep, no slots to reset. Not with a Saver
        in those Sessions (it saved every variable), nor a run outside a Session statement."""
        if self.nested_holders or self.session_order is None or None in self.session_steps \
                or any(session not in self.session_order for session, _ in self.resets):
            return False
        order = self.session_order
        later = order[min(order.index(session) for session, _ in self.resets):]
        statements = [n for s in dict.fromkeys(later) for stmt in [s, *self.session_spans.get(id(s), [])]
                      for n in ast.walk(stmt)]
        names = {n.id for n in statements if isinstance(n, ast.Name)}
        if any(getattr(self.defs.get(name), "kind", None) == "saver" for name in names) or set(d.names) & names:
            return False
        steps = {step for s in later for step in self.session_steps.get(id(s), ())}
        return not any(id(d) in self.step_uses.get(step, ()) for step in steps)

    def _one_session_after(self, stmt: ast.stmt) -> bool:
        """Is `stmt` (making a variable or an optimizer) a statement of the program's body, Sessions
        one after another in it, with one Session made after it and nothing run between (the deep
        model of the Deep MNIST tutorial, built after its first Session, trained in a second)? Its
        variables live in that Session only, which first initializes them: at the values they are
        made with, as the converted statement makes them (no value to keep and assign again)."""
        if self.nested_holders or self.session_order is None or stmt not in self.scope_body:
            return False
        later = [s for s in self.session_order if s.lineno > stmt.lineno]
        if len(later) != 1:
            return False
        between = self.scope_body[self.scope_body.index(stmt) + 1:]
        between = between[:next((k for k, s in enumerate(between) if s is later[0]), len(between))]
        return not any(self._uses_session(s, name) for s in between for name in self.session_names)

    def _stateless_optimizer(self, d: Def) -> bool:
        """Is the optimizer of `d` (a training op or an optimizer) v1's GradientDescentOptimizer,
        which keeps no slot a new Session's initializer would reset (tensorflow/python/training/
        gradient_descent.py: no `_create_slots`)? Its Keras twin's step count only feeds a learning
        rate schedule, which the converted program computes from the global step variable."""
        owner = self.defs.get(getattr(d, "optimizer", None) or "") if d.kind == "train" else None
        statements = [d.stmt] + ([owner.stmt] if owner is not None and owner.kind == "optimizer" else [])
        made = {self.call_name(n) for stmt in statements for n in ast.walk(stmt) if isinstance(n, ast.Call)
                and (self.call_name(n) or "").startswith("tf.compat.v1.train.") and self.call_name(n).endswith("Optimizer")}
        return made == {"tf.compat.v1.train.GradientDescentOptimizer"}

    def _steps_or_restores(self, session: ast.stmt) -> bool:
        """Does the Session statement (`sess = Session()`: with its statements) run a training op or
        restore a checkpoint?"""
        for node in (n for stmt in [session, *self.session_spans.get(id(session), [])] for n in ast.walk(stmt)):
            if isinstance(node, ast.Name) and getattr(self.defs.get(node.id), "kind", None) in ("train", "optimizer"):
                return True
            if isinstance(node, ast.Attribute) and node.attr in ("restore", "read") and isinstance(node.value, ast.Name) \
                    and getattr(self.defs.get(node.value.id), "kind", None) == "saver":
                return True
        return False

    # -- an InteractiveSession program ------------------------------------------------------
    def _interactive(self, sessions: list) -> str:
        """`sess = tf.compat.v1.InteractiveSession()` at module level, then graph values
        computed where they are built: `x.eval()` / `sess.run(x)` (a tensor, or a list / tuple
        of them) -> `x.numpy()` (the NumPy value Session.run returned), the Session and
        the initializer runs gone (an eager variable holds its value from creation).

        Eagerly each statement computes its value once, where TF 1.x computed it at each run;
        the two agree when nothing changes between the build and the runs. So: a Fallback for a
        random tensor evaluated twice (TF 1.x drew again; also a variable's initial value then
        evaluated), any variable update (assign, optimizers), the initializer run twice with
        variables (a reset), feeds, graph code in a loop, block or function, and a graph value
        used other than by TensorFlow ops, `.eval()`, `Session.run`, `.shape` / `.dtype` (printed
        or displayed, TF 1.x showed the symbolic Tensor). A name bound to an evaluated value
        (`w_val = w.eval()`) holds NumPy, not a graph tensor."""
        sess_names = set()
        for body, stmt in sessions:
            if body is not self.tree.body:
                raise self.fail(stmt, "an InteractiveSession inside a function or block")
            if isinstance(stmt, ast.Assign) and (len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name)):
                raise self.fail(stmt, "an InteractiveSession bound to something other than a name")
            if stmt.value.args or stmt.value.keywords:
                raise self.fail(stmt.value, "an InteractiveSession with arguments (graph, config) is not converted")
            if isinstance(stmt, ast.Assign):  # (a bare `tf.InteractiveSession()` only became the default one)
                sess_names.add(stmt.targets[0].id)
        immediate = self._immediate_assigns(sess_names)  # statement id -> (assign call, variable, method, value, eval stmt)
        accepted = {id(n) for _, (call, *_rest) in immediate.items() for n in (call, call.func)}
        savers = self._interactive_savers(sess_names)  # statement id -> (saver, method or None, call)
        accepted |= {id(call) for _, _, call in savers.values()}
        for node in ast.walk(self.tree):
            if id(node) in accepted:
                continue
            called = self.call_name(node) if isinstance(node, ast.Call) else None
            if called in (SESSION, PLACEHOLDER, PLACEHOLDER_DEFAULT):
                raise self.fail(node, "in an InteractiveSession program: converted only when every value is computed "
                                "by `.eval()` / `Session.run` of the InteractiveSession without feeds")
            if isinstance(node, ast.Attribute) and node.attr in ("assign", "assign_add", "assign_sub", "minimize",
                                                                 "apply_gradients", "scatter_update") \
                    or called and re.match(r"tf\.compat\.v1\.(assign|train\.\w*Optimizer)", called):
                raise self.fail(node, "a variable update in an InteractiveSession program: TF 1.x ran it at "
                                "Session.run, eager code where it is built")
            if called and called.startswith("tf.compat.v1.train."):  # a Saver, a queue runner, an input producer
                raise self.fail(node, f"`{called}` in an InteractiveSession program is not converted (converted are "
                                "values computed by `.eval()` / `Session.run`)")
        if len(sessions) > 1 and any(self.call_name(n) in VARIABLES or _is_random_op(self.call_name(n) or "")
                                     for n in ast.walk(self.tree) if isinstance(n, ast.Call)):
            raise self.fail(sessions[1][1], "a second InteractiveSession with variables or random ops: TF 1.x "
                            "initialized and drew them again in the new Session")
        self._drop_module_switches()
        self._eager_twins()
        self.scope_body = self.tree.body
        self._seed_random_ops(self.tree.body)
        keys: dict[tuple, ast.AST] = {}
        for node in ast.walk(self.tree):
            key = self._seed_key(node)
            if key is not None and keys.setdefault(key, node) is not node:
                raise self.fail(node, "two random ops of one kind with the same op seed: a graph gave each its own "
                                "generator, eager ops with one seed share a kernel (the second draws on)")
        graph: dict[str, set[int]] = {}  # graph name -> ids of the random ops its value reaches
        variables: set[str] = set()
        init_names: set[str] = set()
        drawn: dict[int, ast.AST] = {}  # random op id -> the run that drew it
        inits = 0
        parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}

        def is_init(node) -> bool:
            return self.call_name(node) in INITIALIZERS or isinstance(node, ast.Name) and node.id in init_names

        def touches(node) -> bool:
            return any(isinstance(n, ast.Name) and (n.id in graph or n.id in sess_names or n.id == self.alias)
                       or isinstance(n, ast.Attribute) and n.attr in ("eval", "run") for n in ast.walk(node))

        def draw(random_ids: set[int], site: ast.AST) -> None:
            for rid in random_ids:
                if rid in drawn:
                    raise self.fail(site, "a random tensor evaluated again (or after it initialized a variable): "
                                    "TF 1.x drew new values at each run, eager code holds the one value drawn")
                drawn[rid] = site

        def reached(node) -> set[int]:
            found = set()
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in graph:
                    found |= graph[n.id]
                elif isinstance(n, ast.Call) and _is_random_op(self.call_name(n) or ""):
                    found.add(id(n))
            return found

        def numpy_tail(expr: ast.expr, end: int) -> None:
            """`expr` (a fetch) followed by `.numpy()`, the text from its end to `end` dropped."""
            if isinstance(expr, ast.Name) and self._structured_value(expr.id, expr.lineno):
                # a list (or dict) of tensors: each one's NumPy value, as Session.run gave them
                self.needs_numpy_helper = True
                self.edits.append((self.offset(expr), self.end_offset(expr), f"{self.numpy_helper_name()}({expr.id})"))
                self.edits.append((self.end_offset(expr), end, ""))
                return
            bare = isinstance(expr, (ast.Name, ast.Call, ast.Attribute, ast.Subscript))
            tail = self.text[self.end_offset(expr):end]
            if not bare and not (tail.startswith(")") and self.text[:self.offset(expr)].rstrip().endswith("(")):
                self.edits.append((self.offset(expr), self.offset(expr), "("))
                self.edits.append((self.end_offset(expr), end, ").numpy()"))
            elif not bare:  # `(a * b).eval()`: its parentheses kept
                self.edits.append((self.end_offset(expr), end, re.sub(r"\.\s*eval\s*\(\s*\)\Z", ".numpy()", tail)))
            else:
                self.edits.append((self.end_offset(expr), end, ".numpy()"))

        def fetch_sites(root: ast.AST) -> list[tuple[ast.Call, list[ast.expr]]]:
            """(call, fetched expressions) of every `.eval()` / `sess.run(...)` in `root`, rewritten."""
            sites = []
            for node in ast.walk(root):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                receiver = node.func.value
                if node.func.attr == "eval":
                    if not any(isinstance(n, ast.Name) and (n.id in graph or n.id == self.alias) for n in ast.walk(receiver)):
                        raise self.fail(node, "`.eval()` of a value not known here to be a graph tensor")
                    if node.args or any(not (k.arg == "session" and isinstance(k.value, ast.Name)
                                             and k.value.id in sess_names) for k in node.keywords):
                        raise self.fail(node, "`.eval` with a feed_dict in an InteractiveSession program")
                    numpy_tail(receiver, self.end_offset(node))
                    sites.append((node, [receiver]))
                elif node.func.attr == "run" and isinstance(receiver, ast.Name) and receiver.id in sess_names:
                    if len(node.args) != 1 or node.keywords:
                        raise self.fail(node, "Session.run with a feed_dict or options in an InteractiveSession program")
                    fetch = node.args[0]
                    if isinstance(fetch, (ast.List, ast.Tuple)) and fetch.elts \
                            and not any(isinstance(e, (ast.List, ast.Tuple, ast.Dict, ast.Starred)) for e in fetch.elts):
                        self.edits.append((self.offset(node), self.offset(fetch), ""))
                        for element in fetch.elts:
                            numpy_tail(element, self.end_offset(element))
                        self.edits.append((self.end_offset(fetch), self.end_offset(node), ""))
                        sites.append((node, list(fetch.elts)))
                    elif isinstance(fetch, (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Constant)):
                        raise self.fail(fetch, "Session.run of a nested or empty structure is not converted")
                    else:
                        self.edits.append((self.offset(node), self.offset(fetch), ""))
                        numpy_tail(fetch, self.end_offset(node))
                        sites.append((node, [fetch]))
                elif node.func.attr == "run" and is_init(receiver):
                    raise self.fail(node, "the initializer run inside an expression")
                elif node.func.attr == "run" and touches(receiver):
                    raise self.fail(node, "an op run in an InteractiveSession program (`.run()` of other than the initializer)")
            return sites

        def check_uses(root: ast.AST, fetched: set[int], stmt: ast.stmt) -> None:
            """Every graph value (a graph name, a TensorFlow call) is read by a TensorFlow op, a
            fetch, `.shape` / `.dtype`, or bound to a name."""
            for node in ast.walk(root):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in graph:
                    what = f"the graph value `{node.id}`"
                elif isinstance(node, ast.Call) and (self.call_name(node) or "").startswith("tf.") \
                        and self.call_name(node) not in NO_TENSOR_CALLS:
                    what = f"the graph value `{self.source(node).splitlines()[0][:50]}`"
                else:
                    continue
                if id(node) in fetched or self._graph_position(node, parents, fetched, stmt):
                    continue
                name = node.id if isinstance(node, ast.Name) else None
                raise self.fail(node, f"{what} is used outside `.eval()` / `Session.run` (printed, displayed or "
                                "handed to Python: TF 1.x gave the symbolic Tensor there, eager code its value)", name)

        assigned = {variable for _, variable, _, _, _ in immediate.values()}  # variables the program updates
        if any(method == "restore" for _, method, _ in savers.values()):  # a restore sets every variable it saved
            assigned |= {t.id for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and self.call_name(n.value) in VARIABLES
                         for t in n.targets if isinstance(t, ast.Name)}
        made: list[str] = []  # the variables made so far, in order (what `Saver()` saves)
        var_of: dict[str, set[str]] = {}  # graph name -> the variables its value reads

        def variables_read(node) -> set[str]:
            found = set()
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                    found |= {n.id} if n.id in variables else var_of.get(n.id, set())
            return found

        def fresh(elements, site) -> None:
            """A fetched value computed from a variable the program updates is computed again at each
            run in TF 1.x; eagerly it is the value where it was built: only the variable itself is read."""
            for element in elements:
                if not (isinstance(element, ast.Name) and element.id in variables) and variables_read(element) & assigned:
                    raise self.fail(site, "a value computed from a variable the program updates (TF 1.x computed it "
                                    "again at each run, eager code where it is built)")

        def fetched(expr, stmt) -> tuple[list, set[int]]:
            """The fetch sites of `expr` rewritten and checked (a random value drawn once, a value of an
            updated variable not stale, every graph value where TF 1.x took it); (sites, ids of the fetched)."""
            sites = fetch_sites(expr)
            for call, elements in sites:
                draw(set().union(*(reached(e) for e in elements)), call)
                fresh(elements, call)
            within = {id(n) for _, elements in sites for e in elements for n in ast.walk(e)}
            check_uses(expr, within, stmt)
            return sites, within

        def immediate_assign(stmt, body) -> bool:
            """`tf.assign(v, x).eval()` / `sess.run(...)`, or `u = tf.assign(v, x)` and `u.eval()` next:
            TF 1.x ran the update right where it was built, as eager `v.assign(x)` does."""
            if id(stmt) not in immediate:
                return False
            call, variable, method, value, run = immediate[id(stmt)]
            if variable not in variables:
                raise self.fail(call, f"`{variable}` updated here is not a variable of the program")
            if reached(value) or variables_read(value) - {variable} & assigned \
                    or any(isinstance(n, ast.Name) and n.id in graph and n.id not in variables for n in ast.walk(value)
                           if variables_read(n) & assigned):
                raise self.fail(call, "an update whose value is drawn at random or computed from a variable the "
                                "program updates")
            text = f"{variable}.{method}({self.source(value)})"
            self._replace(stmt.value, text)
            if run is not None:  # `u.eval()` after `u = tf.assign(v, x)`: the assign ran it
                self._delete(run, body)
            updated.add(variable)
            return True

        def initializer_run(stmt) -> bool:
            """`v.initializer.run()` / `sess.run(v.initializer)`: an eager variable holds its value from creation."""
            if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
                return False
            call = stmt.value
            target = call.func.value if isinstance(call.func, ast.Attribute) and call.func.attr == "run" \
                and not call.args and not call.keywords else call.args[0] if isinstance(call.func, ast.Attribute) \
                and call.func.attr == "run" and isinstance(call.func.value, ast.Name) and call.func.value.id in sess_names \
                and len(call.args) == 1 and not call.keywords else None
            if not (isinstance(target, ast.Attribute) and target.attr == "initializer" and isinstance(target.value, ast.Name)
                    and target.value.id in variables):
                return False
            if target.value.id in updated:
                raise self.fail(call, "a variable initialized again after an update (TF 1.x reset it)")
            self._delete(stmt)
            return True

        def block_ok(stmt) -> bool:
            """A loop or `if` whose TensorFlow statements only update variables right away or read
            variables (`print(spike.eval())`): each pass does eagerly what TF 1.x's run did."""
            for inner in ast.walk(stmt):
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                    return False
            bodies = [stmt.body, stmt.orelse] if isinstance(stmt, (ast.If, ast.For, ast.While)) else None
            if bodies is None or isinstance(stmt, ast.For) and touches(stmt.iter) \
                    or isinstance(stmt, (ast.If, ast.While)) and touches(stmt.test):
                return False
            for body in bodies:
                for inner in body:
                    if id(inner) in immediate or any(inner is run for *_, run in immediate.values()):
                        continue
                    if isinstance(inner, (ast.If, ast.For, ast.While)):
                        if touches(inner) and not block_ok(inner):
                            return False
                        continue
                    if not touches(inner):
                        continue
                    if not isinstance(inner, (ast.Expr, ast.Assign)) or isinstance(inner, ast.Assign) and any(
                            isinstance(n, ast.Name) and n.id in graph for t in inner.targets for n in ast.walk(t)):
                        return False
                    fetched = [n for n in ast.walk(inner.value) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                               and n.func.attr in ("eval", "run")]
                    for node in fetched:
                        what = node.func.value if node.func.attr == "eval" else node.args[0] if node.args else None
                        if not (isinstance(what, ast.Name) and what.id in variables):
                            return False
                    if any(isinstance(n, ast.Call) and (self.call_name(n) or "").startswith("tf.") for n in ast.walk(inner.value)):
                        return False  # an op built at each pass
            return True

        def run_block(stmt) -> None:
            for body in ([stmt.body, stmt.orelse] if isinstance(stmt, (ast.If, ast.For, ast.While)) else []):
                for inner in body:
                    if inner in self.deleted_stmts or immediate_assign(inner, body):
                        continue
                    if isinstance(inner, (ast.If, ast.For, ast.While)):
                        run_block(inner)
                    elif isinstance(inner, (ast.Expr, ast.Assign)) and touches(inner):
                        fetch_sites(inner.value)
                        for node in ast.walk(inner):
                            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                                graph.pop(node.id, None)

        updated: set[str] = set()
        saved_lists: dict[str, str] = {}
        for stmt in self.tree.body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)) or stmt in self.deleted_stmts:
                continue
            if isinstance(stmt, (ast.Assign, ast.Expr)) and self.call_name(stmt.value) == INTERACTIVE:
                self._delete(stmt)
                continue
            if immediate_assign(stmt, self.tree.body) or initializer_run(stmt):
                continue
            if id(stmt) in savers:  # v1's Saver of the variables made before it: a tf.train.Checkpoint of them
                saver, method, call = savers[id(stmt)]
                if method is None:
                    self._replace(call, f"{self.tf('tf.train.Checkpoint')}({', '.join(f'{v}={v}' for v in made)})")
                    if any(m == "save" for s, m, _ in savers.values() if s == saver):  # v1_saver_save's list
                        saved = saved_lists[saver] = self.fresh(f"{saver}_saved")
                        self._write_saved_list(stmt, saver, saved, "5")
                elif method == "save":
                    self._replace(call, f"{V1_SAVE_MARK}({saver}, {self.source(call.args[1])}, {saved_lists[saver]}, 5)")
                else:
                    self._replace(call, f"{saver}.read({self.source(call.args[1])})")
                    if method == "restore":
                        updated.update(made)
                continue
            if isinstance(stmt, (ast.If, ast.For, ast.While)) and assigned and touches(stmt) and block_ok(stmt):
                run_block(stmt)
                for node in ast.walk(stmt):  # rebound there: no longer graph values
                    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                        graph.pop(node.id, None)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if touches(stmt):
                    raise self.fail(stmt, "a function or class using TensorFlow in an InteractiveSession program", stmt.name)
                continue
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                call = stmt.value
                if self.qual(call.func) in {f"{s}.close" for s in sess_names} and not call.args:
                    self._delete(stmt)
                    continue
                run_init = (isinstance(call.func, ast.Attribute) and call.func.attr == "run" and not call.args
                            and not call.keywords and is_init(call.func.value)) or (
                    isinstance(call.func, ast.Attribute) and call.func.attr == "run" and isinstance(call.func.value, ast.Name)
                    and call.func.value.id in sess_names and len(call.args) == 1 and not call.keywords and is_init(call.args[0]))
                if run_init:
                    inits += 1
                    if inits > 1 and variables:
                        raise self.fail(call, "variables initialized again (TF 1.x reset them to new initial values)")
                    self._delete(stmt)
                    continue
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and self.call_name(stmt.value) in INITIALIZERS and not stmt.value.args:
                init_names.add(stmt.targets[0].id)
                self._delete(stmt)
                continue
            if isinstance(stmt, ast.Assert):  # run once where it stands, as an expression statement is
                for part in (stmt.test, stmt.msg):
                    if part is not None:
                        fetched(part, stmt)
                continue
            if not isinstance(stmt, (ast.Assign, ast.Expr, ast.AugAssign, ast.AnnAssign)):
                if touches(stmt):
                    raise self.fail(stmt, "graph code inside a loop, block or other statement of an InteractiveSession "
                                    "program (TF 1.x built its ops once per pass)")
                for node in ast.walk(stmt):  # rebound there: no longer graph values
                    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                        graph.pop(node.id, None)
                continue
            value = stmt.value
            if value is None:
                continue
            sites, within = fetched(value, stmt)
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if not isinstance(stmt, ast.Expr) else []
            # a graph value bound (`c = a * b`, `w = tf.Variable(...)`), not a fetched one (`w_val = w.eval()`: NumPy)
            def tf_value(e: ast.expr) -> bool:  # a TensorFlow op's result, through operators
                if isinstance(e, ast.BinOp):
                    return tf_value(e.left) or tf_value(e.right)
                if isinstance(e, ast.UnaryOp):
                    return tf_value(e.operand)
                return isinstance(e, ast.Call) and (self.call_name(e) or "").startswith("tf.") \
                    and self.call_name(e) not in NO_TENSOR_CALLS

            builds = not any(value is call for call, _ in sites) and (
                any(isinstance(n, ast.Name) and n.id in graph for n in ast.walk(value) if id(n) not in within)
                or tf_value(value))
            for target in targets:
                names = [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
                if builds and isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, ast.Call) \
                        and self.call_name(value) not in VARIABLES \
                        and all(isinstance(e, ast.Name) for e in target.elts):
                    for name in names:  # `out, indices = tf.unique(x)`: each a graph value
                        variables.discard(name)
                        graph[name] = reached(value)
                    continue
                if builds and not isinstance(target, ast.Name):
                    raise self.fail(target, "a graph value stored other than in a plain name")
                for name in names:
                    graph.pop(name, None)
                    variables.discard(name)
                if builds and isinstance(target, ast.Name) and not isinstance(stmt, ast.AugAssign):
                    if self.call_name(value) in VARIABLES:
                        draw(reached(value), value)  # the initializer reads its initial value once
                        if self.call_name(value) == "tf.compat.v1.Variable":
                            self._replace(value.func, self.tf("tf.Variable"))
                        graph[target.id] = set()
                        variables.add(target.id)
                        made.append(target.id)
                    else:
                        graph[target.id] = reached(value)
                        var_of[target.id] = variables_read(value)
                elif builds:
                    raise self.fail(stmt, "an augmented assignment of a graph value")
        return self._apply()

    def _interactive_savers(self, sess_names: set[str]) -> dict:
        """{id(statement): (saver name, None | "save" | "restore", call)} for the module-level
        `saver = tf.train.Saver()` of an InteractiveSession program and its module-level
        `saver.save(sess, path)` (a statement or bound to a name) and `saver.restore(sess, path)`
        statements; a saver read in any other way is left out (its Saver keeps the file compat)."""
        found, names = {}, {}
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and self.call_name(stmt.value) == SAVER and not stmt.value.args and not stmt.value.keywords:
                names[stmt.targets[0].id] = stmt
                found[id(stmt)] = (stmt.targets[0].id, None, stmt.value)
        uses: dict[str, int] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and node.id in names:
                uses[node.id] = uses.get(node.id, 0) + 1
        calls = 0
        for stmt in self.tree.body:
            value = stmt.value if isinstance(stmt, ast.Expr) or isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name) else None
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Name) \
                    and value.func.value.id in names and value.func.attr in ("save", "restore") and len(value.args) == 2 \
                    and not value.keywords and isinstance(value.args[0], ast.Name) and value.args[0].id in sess_names \
                    and (value.func.attr == "save" or isinstance(stmt, ast.Expr)) and stmt.lineno > names[value.func.value.id].lineno:
                found[id(stmt)] = (value.func.value.id, value.func.attr, value)
                calls += 1
        for name in names:  # every read of the saver is one of those calls
            if uses[name] != 1 + sum(1 for saver, method, _ in found.values() if saver == name and method):
                found = {k: v for k, v in found.items() if v[0] != name}
        return found

    def _immediate_assigns(self, sess_names: set[str]) -> dict:
        """{id(statement): (assign call, variable, method, value, the statement running it or None)}
        for the updates an InteractiveSession program runs right where it builds them, in the
        module body and the loops and `if`s in it: `tf.assign(v, x).eval()`, `sess.run(v.assign(x))`,
        or `u = tf.assign(v, x)` with `u.eval()` / `sess.run(u)` the next statement and `u` read
        nowhere else (spelled `assign`, `assign_add`, `assign_sub`)."""
        def build(expr):
            if not isinstance(expr, ast.Call) or expr.keywords or any(isinstance(a, ast.Starred) for a in expr.args):
                return None
            m = re.fullmatch(r"tf\.compat\.v1\.(assign|assign_add|assign_sub)", self.call_name(expr) or "")
            if m and len(expr.args) == 2 and isinstance(expr.args[0], ast.Name):
                return expr, expr.args[0].id, m.group(1), expr.args[1]
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in ("assign", "assign_add", "assign_sub") \
                    and isinstance(expr.func.value, ast.Name) and len(expr.args) == 1:
                return expr, expr.func.value.id, expr.func.attr, expr.args[0]
            return None

        def run_of(expr):
            if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.keywords:
                if expr.func.attr == "eval" and not expr.args:
                    return expr.func.value
                if expr.func.attr == "run" and isinstance(expr.func.value, ast.Name) \
                        and expr.func.value.id in sess_names and len(expr.args) == 1:
                    return expr.args[0]
            return None

        loads: dict[str, int] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                loads[node.id] = loads.get(node.id, 0) + 1
        found = {}

        def scan(body: list) -> None:
            for k, stmt in enumerate(body):
                if isinstance(stmt, (ast.If, ast.For, ast.While)):
                    scan(stmt.body)
                    scan(stmt.orelse)
                elif isinstance(stmt, ast.Expr) and build(run_of(stmt.value)) is not None:
                    found[id(stmt)] = (*build(run_of(stmt.value)), None)
                elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                        and build(stmt.value) is not None and k + 1 < len(body) and isinstance(body[k + 1], ast.Expr):
                    ran = run_of(body[k + 1].value)
                    name = stmt.targets[0].id
                    if isinstance(ran, ast.Name) and ran.id == name and loads.get(name) == 1:
                        found[id(stmt)] = (*build(stmt.value), body[k + 1])

        scan(self.tree.body)
        return found

    def _graph_position(self, node: ast.AST, parents: dict, fetched: set[int], stmt: ast.stmt) -> bool:
        """A graph value at `node` is read by a TensorFlow op, a fetch, `.shape` / `.dtype`, or
        bound to a name (the value of an assignment, through operators and containers)."""
        child = node
        while True:
            parent = parents.get(id(child))
            if parent is None or id(child) in fetched:
                return id(child) in fetched
            if isinstance(parent, ast.Call):
                if child is parent.func:
                    return False
                called = self.call_name(parent) or ""
                return called.startswith("tf.") and called not in NO_TENSOR_CALLS
            if isinstance(parent, ast.keyword):
                child = parent
                continue
            if isinstance(parent, ast.Attribute):
                return parent.attr in STATIC_ATTRIBUTES or parent.attr == "eval" and id(parent.value) in fetched
            if isinstance(parent, (ast.BinOp, ast.UnaryOp, ast.List, ast.Tuple, ast.Dict, ast.Starred)) \
                    or isinstance(parent, ast.Subscript) and child is parent.value \
                    or isinstance(parent, ast.Compare) and all(isinstance(o, ORDERING) for o in parent.ops):
                child = parent  # (`<`, `>`, `<=`, `>=` are tf.less... on a tensor; `==` is not an op in TF 1.x)
                continue
            if isinstance(parent, ast.Lambda) and child is parent.body:
                # a branch of tf.cond / tf.case, a tf.map_fn body: TF 1.x ran the taken branch at the
                # run, eagerly the op runs it where it stands; a random op there would be drawn otherwise
                holder = parents.get(id(parent))
                while isinstance(holder, (ast.keyword, ast.List, ast.Tuple, ast.Dict)):  # `tf.case([(pred, fn)])`
                    holder = parents.get(id(holder))
                return isinstance(holder, ast.Call) and (self.call_name(holder) or "").startswith("tf.") \
                    and not any(isinstance(n, ast.Call) and _is_random_op(self.call_name(n) or "")
                                for n in ast.walk(parent.body))
            if isinstance(parent, (ast.Assign, ast.AnnAssign)) and child is parent.value and parent is stmt:
                return True
            return False

    def _config_prologue(self, scope: list[ast.stmt]) -> None:
        """The Session's tf.config calls before the first statement of the body that builds
        the graph or uses TensorFlow (eagerly, that runs ops: the thread pools and visible
        devices are fixed then)."""
        built = {d.stmt.lineno for d in self.order}
        for stmt in scope:
            if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                    or isinstance(stmt, ast.Expr) and self.call_name(stmt.value) in DROPPED_CALLS and any(
                        binding.lineno >= stmt.lineno for binding, *_ in self.option_bindings):
                continue  # (the compat prelude's `disable_eager_execution()`, deleted, above the flags the options read)
            if any(stmt.lineno <= line <= stmt.end_lineno for line in built) or self._session_with(stmt) is not None \
                    or self._session_assign(stmt) is not None or any(
                        isinstance(n, ast.Name) and n.id == self.alias for n in ast.walk(stmt)):
                for binding, path, value, node in self.option_bindings:
                    if binding.lineno >= stmt.lineno:  # (the name read is bound after the graph is begun)
                        raise self._option_run_time(node, path, value)
                indent = _indent(self.lines[stmt.lineno - 1])
                self.prologue = (self.starts[stmt.lineno - 1], "".join(indent + line + "\n" for line in self.config_lines))
                return

    def unwrap_graph(self) -> tuple[str, list[tuple[int, int]] | None]:
        """The text with the program's one `tf.Graph()` gone, and for each of its lines the
        (line, column shift) in this text; (text, None) when there is no graph.

        A graph made and made default only to hold the program's ops and run by its Session
        (`with tf.Graph().as_default():` alone or beside the Session, `g = tf.Graph()` with
        `with g.as_default():` and `Session(graph=g)`) disappears in eager TF 2: the `with`
        header goes and its body is dedented, `graph=g` and `g = tf.Graph()` go. Anything
        else that reads the graph (`g.finalize()`, `g.get_tensor_by_name`, `graph=` passed
        elsewhere, `get_default_graph()`, several graphs, a seed set outside the graph's
        scope, which seeded the default graph and not this one) is a Fallback."""
        graphs = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) == GRAPH]
        if not graphs:
            return self.text, None
        bodies = {id(body) for body, stmt in _statements(self.tree)
                  if self._session_with(stmt) is not None or self._session_assign(stmt) is not None}
        if len(bodies) != 1:
            # no Session (a library building graphs for others to run), or Sessions in several
            # bodies: convert() names that, the first obstacle
            return self.text, None
        parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and self.call_name(node) in ("tf.compat.v1.get_default_graph", RESET) \
                    and not (self.call_name(node) == RESET and _leading_reset(self, node)):
                raise self.fail(node, "reads the default graph, which TF 2 code has not")
        if len(graphs) > 1:
            raise self.fail(graphs[1], "several graphs in one program (op names and seeds are per graph)")
        call = graphs[0]
        if call.args or call.keywords:
            raise self.fail(call, "a tf.Graph with arguments")
        removed: set[int] = set()
        dedent: dict[int, int] = {}
        char_edits: list[tuple[int, int, str]] = []
        scopes: list[ast.With] = []

        def as_default_with(node) -> tuple[ast.With, ast.withitem] | None:
            attr = parents.get(id(node))
            use = parents.get(id(attr))
            item = parents.get(id(use))
            if isinstance(attr, ast.Attribute) and attr.attr == "as_default" and isinstance(use, ast.Call) \
                    and use.func is attr and not use.args and not use.keywords and isinstance(item, ast.withitem):
                return parents[id(item)], item
            return None

        def unwrap(stmt: ast.With, item: ast.withitem) -> None:
            scopes.append(stmt)
            if len(stmt.items) == 1:
                header_end = stmt.body[0].lineno - 1
                if header_end < stmt.lineno or stmt.body[0].lineno == item.context_expr.end_lineno:
                    raise self.fail(stmt, "a graph `with` whose body shares its line")
                removed.update(range(stmt.lineno, header_end + 1))
                delta = len(_indent(self.lines[stmt.body[0].lineno - 1])) - len(_indent(self.lines[stmt.lineno - 1]))
                skip = _string_continuation_lines(stmt)
                for line in range(stmt.body[0].lineno, stmt.end_lineno + 1):
                    text = self.lines[line - 1]
                    if line not in skip and text.startswith(" " * delta) and text.strip():
                        dedent[line] = delta
                return
            others = [i for i in stmt.items if i is not item]
            if len(others) != 1 or self.call_name(others[0].context_expr) != SESSION:
                raise self.fail(stmt, "a graph `with` beside context managers other than one Session")
            index = stmt.items.index(item)
            if index == 0:
                start, end = self.offset(item.context_expr), self.offset(stmt.items[1].context_expr)
            else:
                start = self.end_offset(stmt.items[0].optional_vars or stmt.items[0].context_expr)
                end = self.end_offset(item.optional_vars or item.context_expr)
            char_edits.append((start, end, ""))

        found = as_default_with(call)
        name = None
        if found is not None:
            stmt, item = found
            if item.optional_vars is not None:
                if not isinstance(item.optional_vars, ast.Name):
                    raise self.fail(item.optional_vars, "a graph bound to something other than a name")
                name = item.optional_vars.id  # `as g` goes with the item (or the header)
            unwrap(stmt, item)
        else:
            assign = parents.get(id(call))
            if not (isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)):
                raise self.fail(call, "a graph used otherwise than made default for the program's ops")
            name = assign.targets[0].id
            removed.update(range(assign.lineno, assign.end_lineno + 1))
        if name is not None:
            for node in ast.walk(self.tree):
                if not (isinstance(node, ast.Name) and node.id == name):
                    continue
                if not isinstance(node.ctx, ast.Load):
                    if node is not getattr(parents.get(id(call)), "targets", [None])[0] and node is not getattr(found and found[1], "optional_vars", None):
                        raise self.fail(node, f"the graph name `{name}` is bound again", name)
                    continue
                keyword = parents.get(id(node))
                session = parents.get(id(keyword))
                with_ = as_default_with(node)
                if with_ is not None:
                    unwrap(*with_)
                elif self._graph_written(node, keyword, session, parents):
                    # the program's FileWriter shown the graph (`FileWriter(logdir, g)`, `writer.add_graph(g)`):
                    # a TF 2 summary writer writes none; the argument goes as the one of `sess.graph` does
                    if isinstance(keyword, ast.Call) and self.call_name(keyword) == FILE_WRITER:  # `FileWriter(logdir, g)`
                        char_edits.append((self.end_offset(keyword.args[0]), self.end_offset(node), ""))
                    elif isinstance(keyword, ast.keyword):  # `FileWriter(logdir, graph=g)`
                        before = session.keywords[session.keywords.index(keyword) - 1].value \
                            if session.keywords.index(keyword) else session.args[-1]
                        char_edits.append((self.end_offset(before), self.end_offset(keyword), ""))
                    else:  # `writer.add_graph(g)`, a statement of its own
                        removed.update(range(keyword.lineno, keyword.end_lineno + 1))
                elif isinstance(keyword, ast.keyword) and keyword.arg == "graph" and self.call_name(session) == SESSION:
                    char_edits.append((*self.keyword_span(session, keyword), ""))
                else:
                    statement = node
                    while not isinstance(statement, ast.stmt):
                        statement = parents[id(statement)]
                    raise self.fail(node, f"the graph `{name}` is read here (`{self.source(statement).splitlines()[0][:50]}`); "
                                    "in TF 2 there is no graph object", self.source(parents.get(id(node), node)).split("\n")[0][:60])
        inside = {id(n) for w in scopes for n in ast.walk(w)}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and self.call_name(node) in SEEDS and id(node) not in inside:
                raise self.fail(node, "a seed set outside the graph's scope (it seeded the default graph, not the program's)")
        # apply: edits inside lines first (each within one line), then dedents and removed lines
        lines = list(self.lines)
        columns: dict[int, list[int]] = {}  # an edited line: its characters' columns in the text given
        for start, end, new in sorted(char_edits, reverse=True):
            line = next(i for i in range(len(self.lines)) if self.starts[i] <= start < self.starts[i + 1])
            if end > self.starts[line + 1] or line + 1 in removed:
                raise self.fail(call, "a graph `with` or `graph=` across lines is not converted")
            text = lines[line]
            a, b = start - self.starts[line], end - self.starts[line]
            lines[line] = text[:a] + text[b:]
            index = columns.setdefault(line + 1, list(range(len(text))))
            del index[a:b]
        out, back = [], []
        for number, text in enumerate(lines, start=1):
            if number in removed:
                continue
            delta = dedent.get(number, 0)
            out.append(text[delta:])
            back.append((number, delta, columns.get(number)))
        return "".join(out), back

    def _graph_written(self, node: ast.Name, parent: ast.AST, grand: ast.AST, parents: dict) -> bool:
        """Is the graph `node` read only to be written by a FileWriter: the last argument of
        `tf.compat.v1.summary.FileWriter(logdir, g)` / `(logdir, graph=g)` (after the logdir), or
        `writer.add_graph(g)` as a statement of its own with another beside it in its block
        (`writer` a FileWriter of the module)? Then `parent` is the call, the keyword or the
        statement to cut."""
        if isinstance(parent, ast.Call) and self.call_name(parent) == FILE_WRITER:
            return len(parent.args) == 2 and parent.args[1] is node and not parent.keywords
        if isinstance(parent, ast.keyword) and self.call_name(grand) == FILE_WRITER:
            return parent.arg == "graph" and grand.keywords[-1] is parent and bool(grand.args or len(grand.keywords) > 1)
        statement = parents.get(id(grand))
        if not (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "add_graph"
                and parent.args == [node] and not parent.keywords and isinstance(parent.func.value, ast.Name)
                and isinstance(grand, ast.Expr) and grand.value is parent):
            return False
        writers = {t.id for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                   and self.call_name(n.value) == FILE_WRITER for t in n.targets if isinstance(t, ast.Name)}
        body = next((b for b in (getattr(statement, f, None) for f in ("body", "orelse", "finalbody")) if
                     isinstance(b, list) and grand in b), [])
        alone = all(self.lines[line - 1].strip() == self.source(grand).splitlines()[line - grand.lineno].strip()
                    for line in range(grand.lineno, grand.end_lineno + 1))
        return parent.func.value.id in writers and len(body) > 1 and alone

    def _eager_twins(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Attribute) and self.qual(node) in EAGER_TWINS:
                self._replace(node, self.tf(EAGER_TWINS[self.qual(node)]))
            elif isinstance(node, ast.Call) and self.call_name(node) == DECAY:
                self._decay(node)
            elif isinstance(node, ast.Call) and self.call_name(node) == SOFTMAX_V1 and not node.args and {
                k.arg for k in node.keywords
            } <= {"labels", "logits", "axis", "dim", "name"} and {"labels", "logits"} <= {k.arg for k in node.keywords}:
                # v1's op lets no gradient reach the labels; the TF 2 op does unless told
                parts = []
                for k in node.keywords:
                    value = self.seeded_source(k.value)
                    if k.arg == "labels":
                        value = f"{self.tf('tf.stop_gradient')}({value})"
                    parts.append(f"{'axis' if k.arg == 'dim' else k.arg}={value}")
                self._replace(node, f"{self.tf('tf.nn.softmax_cross_entropy_with_logits')}({', '.join(parts)})")

    def _decay(self, call: ast.Call) -> None:
        """`tf.compat.v1.train.exponential_decay(rate, step, decay_steps, decay_rate, staircase=)`,
        a tensor in a graph: the Keras schedule of the same formula (rate * decay_rate **
        (step / decay_steps), floored when staircase) called on the step."""
        params = ("learning_rate", "global_step", "decay_steps", "decay_rate", "staircase", "name")
        if len(call.args) > len(params) or any(isinstance(a, ast.Starred) for a in call.args) \
                or any(k.arg not in params for k in call.keywords):
            raise self.fail(call, "exponential_decay arguments not converted")
        values = dict(zip(params, (self.source(a) for a in call.args)))
        values.update((k.arg, self.source(k.value)) for k in call.keywords)
        if not {"learning_rate", "global_step", "decay_steps", "decay_rate"} <= set(values):
            raise self.fail(call, "exponential_decay without its four arguments")
        parts = [values["learning_rate"], values["decay_steps"], values["decay_rate"]]
        parts += [f"{k}={values[k]}" for k in ("staircase", "name") if k in values]
        self._replace(call, f"{self.tf('tf.keras.optimizers.schedules.ExponentialDecay')}({', '.join(parts)})({values['global_step']})")

    def _drop_module_switches(self) -> None:
        for stmt in self.tree.body:
            if isinstance(stmt, ast.If) and _version_test(stmt.test, self.alias) is not None and all(
                    isinstance(s, ast.Expr) and self.call_name(s.value) in DROPPED_CALLS and not s.value.args
                    and not s.value.keywords for s in stmt.body + stmt.orelse) and any(
                    isinstance(n, ast.Call) and self.call_name(n) in (SESSION, INTERACTIVE) for n in ast.walk(self.tree)):
                # `if tf.__version__.startswith('2'): tf.compat.v1.disable_eager_execution()` (lazyprogrammer's
                # glove_tf): the user's own graph-mode switch for TF 2, the compat prelude's; gone as it goes,
                # in a program whose Sessions are converted (a Keras program without one, its style_transfer1's
                # K.gradients and K.function, needs graph mode: kept)
                self._delete(stmt)
                continue
            if isinstance(stmt, ast.Expr) and self.call_name(stmt.value) in DROPPED_CALLS and not stmt.value.args \
                    and not stmt.value.keywords:
                if self._drop_switch(stmt):
                    continue
                before, after = stmt.lineno - 2, stmt.end_lineno
                if 0 <= before and after < len(self.lines) and not self.lines[before].strip() and not self.lines[after].strip():
                    self.edits.append((self.starts[before], self.starts[before + 1], ""))  # no blank line left doubled

    def _drop_switch(self, stmt: ast.Expr) -> bool:
        """Delete a graph-mode switch; the `reset_default_graph()` starting one graph of several
        becomes the segment's `reset_text` instead (True then)."""
        if self.segment is not None and self.segment.reset_text and self.call_name(stmt.value) == RESET:
            indent = _indent(self.lines[stmt.lineno - 1])  # (a pass's reset is in its loop's body)
            self._replace_statement(stmt, self.segment.reset_text.replace("\n", "\n" + indent))
            return True
        self._delete(stmt)
        return False

    def _session_with(self, stmt) -> ast.withitem | None:
        if isinstance(stmt, ast.With):
            for item in stmt.items:
                if self.call_name(item.context_expr) == SESSION:
                    return item
        return None

    def _session_assign(self, stmt) -> ast.Call | None:
        if isinstance(stmt, ast.Assign) and (self.call_name(stmt.value) == SESSION or self.interactive_sessions
                                             and self.call_name(stmt.value) == INTERACTIVE):
            return stmt.value
        return None

    # graph names loaded by a node
    def deps(self, node: ast.AST) -> set[str]:
        names = {
            n.id for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in self.defs
            and not n.lineno > self.retired.get(n.id, n.lineno)
        }
        if self.listed_trainables:  # `tf.trainable_variables()` read the variables it lists
            for n in ast.walk(node):
                for listed in self.listed_trainables.get(id(n), ()):
                    names.add(listed.lstrip("*").split(".")[0])
        return names

    def _list_trainables(self, stmt: ast.stmt) -> None:
        """`tf.trainable_variables()` in a statement building the graph (the tutorials' weight
        decay `tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()])`): v1 returned
        the trainable variables made so far, in the order they were made; the list of those
        names (`[W, b]`) is written in its place."""
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return
        # a `with` block's statements are recorded one by one (name scopes, devices): each lists the variables made
        # before it, in the block too (a list made at the block's head missed those, `[]` for `tvars` in the block)
        heads = [n for item in stmt.items for n in ast.walk(item)] if isinstance(stmt, (ast.With, ast.AsyncWith)) else None
        for node in ast.walk(stmt) if heads is None else heads:
            if isinstance(node, ast.Call) and id(node) not in self.listed_trainables and not node.args \
                    and not node.keywords and self.call_name(node) == TRAINABLE_VARIABLES:
                listed = [d for d in self.order if d.kind == "variable" and d.trainable and not self._makes_no_variable(d)]
                names = [getattr(d, "spread", d.names[0]) for d in listed]
                # (a dict or list of tf.Variables, `_variable_container`, holds variables named as TF 1.x named them)
                spread = next((d.spread for d in listed if hasattr(d, "spread") and not getattr(d, "container", False)), None)
                names_read = self._names_read_of(stmt, node)
                read = names_read if spread is not None else None
                unique = self._names_made_unique() if names_read is not None else None
                if unique is not None:
                    # `var.name` reads TF 2's names, TF 1.x's where TF 1.x made none unique
                    raise self.fail(unique, f"`{self.source(unique)[:60]}`: TF 1.x made a name scope opened again, or a "
                                    "variable name used again in one, unique (`discriminator_1/D_W2:0`, `W_1:0`), TF 2 "
                                    "does not (or the name is not known here), and the program filters the variables "
                                    "`tf.trainable_variables()` listed by name (`var.name`): the filter would keep "
                                    "others; write the lists it makes (`var_list=[...]`)", self.source(unique)[:60])
                if read is not None:
                    # `[var for var in t_vars if 'd_' in var.name]` over a Keras layer's or a tf.Module's variables
                    raise self.fail(read, f"`{self.source(read)}` reads the names of the variables "
                                    "`tf.trainable_variables()` listed, among them a v1 layer's, which TF 1.x named under "
                                    "the scopes (`scope/layer/kernel:0`) and TF 2 does not (a Keras 3 layer's variable is "
                                    "`kernel`): the filter would keep others; write the lists it makes (`var_list=[...]`)",
                                    self.source(read))
                self.listed_trainables[id(node)] = names
                self._replace(node, f"[{', '.join(names)}]")

    def _makes_no_variable(self, d) -> bool:
        """Is `d` an object of a tf.Module class of the file that makes no variable (the class written
        for a helper making only summaries, tf2_helpers: `multilayer_perceptron_1`)? Its
        `trainable_variables` is empty: nothing of it is listed by `tf.trainable_variables()`."""
        value = getattr(d.stmt, "value", None)
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and self._module_class(value.func.id)):
            return False
        cls = self.local_classes[value.func.id]
        return not any(isinstance(n, ast.Call) and (self.call_name(n) in VARIABLES + (GET_VARIABLE,) or (
            isinstance(n.func, ast.Attribute) and n.func.attr == "variable")) for n in ast.walk(cls))

    def _names_made_unique(self) -> ast.AST | None:
        """Where TF 1.x may have named a tf.Variable otherwise than TF 2 does: a name scope (a
        `variable_scope` or `name_scope` block) opened again at one path (v1's `discriminator_1`), a
        variable name used twice under one (v1's `W_1`), a scope or name not known from the text, or
        a scope or variable in a function or loop (made at each call); else None."""
        opened: set[tuple] = set()
        named: set[tuple] = set()

        def walk(body, path, inside) -> ast.AST | None:
            for stmt in body:
                compound = any(isinstance(x, ast.stmt) for x in ast.iter_child_nodes(stmt))
                for child in () if compound else ast.walk(stmt):
                    if isinstance(child, ast.Call) and self.call_name(child) in ("tf.Variable", "tf.compat.v1.Variable"):
                        given = next((k.value for k in child.keywords if k.arg == "name"), None)
                        name = "Variable" if given is None else self._static_value(given)
                        if inside or not isinstance(name, str) or (path, name) in named:
                            return child
                        named.add((path, name))
                if isinstance(stmt, ast.With) and any(isinstance(i.context_expr, ast.Call) and self.call_name(
                        i.context_expr) in ("tf.compat.v1.variable_scope", *NAME_SCOPES) for i in stmt.items):
                    inner = path
                    for item in stmt.items:
                        call = item.context_expr
                        value = self._static_value(call.args[0]) if isinstance(call, ast.Call) and call.args else None
                        if inside or not isinstance(value, str) or path + (value,) in opened:
                            return call
                        inner = inner + (value,)
                        opened.add(inner)
                    found = walk(stmt.body, inner, inside)
                elif isinstance(stmt, (ast.For, ast.While, ast.AsyncFor, ast.FunctionDef, ast.AsyncFunctionDef)):
                    found = walk(stmt.body + getattr(stmt, "orelse", []), path, True)
                elif isinstance(stmt, (ast.If, ast.With, ast.Try)):
                    found = walk([x for x in ast.iter_child_nodes(stmt) if isinstance(x, ast.stmt)], path, inside)
                else:
                    found = None
                if found is not None:
                    return found
            return None
        return walk(self.tree.body, (), False)

    def _names_read_of(self, stmt: ast.stmt, listed: ast.Call) -> ast.Attribute | None:
        """A `.name` read (`var.name`) of an element of the list `listed` gives: `var` the target of a
        comprehension or `for` over that call, or over the name `stmt` binds it to (the file's reads)."""
        sources = {id(listed)}
        bound = stmt.targets[0].id if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and stmt.value is listed \
            and isinstance(stmt.targets[0], ast.Name) else None
        for node in ast.walk(self.tree):
            loop = node if isinstance(node, (ast.comprehension, ast.For)) else None
            if loop is None or not isinstance(loop.target, ast.Name) or not (
                    id(loop.iter) in sources or bound is not None and isinstance(loop.iter, ast.Name) and loop.iter.id == bound):
                continue
            scope = next((p for p in ast.walk(self.tree) if isinstance(p, (ast.ListComp, ast.SetComp, ast.GeneratorExp,
                                                                          ast.DictComp)) and loop in p.generators), loop)
            read = next((n for n in ast.walk(scope) if isinstance(n, ast.Attribute) and n.attr == "name"
                         and isinstance(n.value, ast.Name) and n.value.id == loop.target.id), None)
            if read is not None:
                return read
        return None

    def _scope(self, body: list[ast.stmt]) -> None:
        ended: set[str] = set()  # `as` names of the Session blocks above, which closed their Session
        for index, stmt in enumerate(body):
            if id(stmt) in self.nested_holders:
                self._nested_holder(stmt)
                continue
            item = self._session_with(stmt)
            if item is not None:
                self._session_block(stmt, item)
                if isinstance(item.optional_vars, ast.Name):
                    ended.add(item.optional_vars.id)
                continue
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and not stmt.value.args \
                    and not stmt.value.keywords and isinstance(stmt.value.func, ast.Attribute) \
                    and stmt.value.func.attr == "close" and isinstance(stmt.value.func.value, ast.Name) \
                    and stmt.value.func.value.id in ended:
                # `sess.close()` after `with tf.Session() as sess:` (instillai's TensorFlow-Course): the
                # block had closed it, the call did nothing; the name is gone with the block
                self._delete(stmt)
                continue
            if any(isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) for n in ast.walk(stmt)):
                ended -= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            call = self._session_assign(stmt)
            if call is not None:
                # `sess = Session()`: the rest of the body is the session's (to `sess.close()`);
                # the graph built after it and before its first use (the cookbook's `sess =
                # tf.Session()` at the top) is built as if before it, as TF 1.x's graph was:
                # the Session ran what the graph held when it ran, whenever it was made (so did an
                # InteractiveSession of no arguments, facingwaller's simpleCNN; one given a graph is refused)
                rest = body[index + 1:]
                if isinstance(stmt.targets[0], ast.Name) and (self.call_name(call) == SESSION or self.call_name(call) == INTERACTIVE
                                                              and not call.args and not call.keywords):
                    used = next((k for k, later in enumerate(rest) if self._uses_session(later, stmt.targets[0].id)), len(rest))
                    for later in rest[:used]:
                        self._graph_statement(later, top=True)
                    rest = rest[used:]
                closed = self._closed_at(rest, stmt)
                self._session_open(stmt, call, rest[:closed])
                if rest[closed:]:
                    self._scope(rest[closed:])  # after `sess.close()`: the program body again (a next Session)
                return
            self._graph_statement(stmt, top=True)

    def _closed_at(self, rest: list[ast.stmt], opened: ast.Assign) -> int:
        """The index in `rest` just past the first `sess.close()` statement of the body (the
        Session's statements end there: pkmital's `sess.close()` then `sess = InteractiveSession()`);
        len(rest) when the Session is never closed at this level."""
        if not isinstance(opened.targets[0], ast.Name):
            return len(rest)
        sess = opened.targets[0].id
        for index, stmt in enumerate(rest):
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and not stmt.value.args \
                    and not stmt.value.keywords and self.qual(stmt.value.func) == f"{sess}.close":
                return index + 1
            if self._session_with(stmt) is not None and not any(
                    self._session_with(later) is None and self._uses_session(later, sess) for later in rest[index:]):
                # a `with tf.Session() as sess:` block after it, which it is never used after (the Deep MNIST
                # tutorial's InteractiveSession, then its deep model's Session block: tensorfun's deepMNIST.py):
                # left open unused, it ends there, the block a next Session of its own values
                return index
        return len(rest)

    def _uses_session(self, stmt: ast.stmt, sess: str) -> bool:
        """Does `stmt` use the Session `sess`, or a default Session (`x.eval()`, `op.run()`,
        another Session, a graph reset)?"""
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id == sess:
                return True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("eval", "run"):
                return True
            if isinstance(node, ast.Call) and (self.call_name(node) or "").startswith(("tf.compat.v1.Session", "tf.compat.v1.Interactive",
                                                                                         "tf.compat.v1.reset_default_graph")):
                return True
        return False

    def _graph_statement(self, stmt: ast.stmt, top: bool) -> bool:
        """Record `stmt` when it builds the graph (True); False for a plain statement."""
        self._list_trainables(stmt)
        self._record_op_names(stmt)
        site_call = self._summarizing_site(stmt)
        if site_call is not None and isinstance(stmt, ast.Expr):
            # `variable_summaries(loss, 'loss')`, its result dropped: a statement of the steps fetching its summaries
            self._need_top(stmt, top)
            site = Def(stmt, "tensor", [self.fresh("summaries_made")], self.deps(stmt))
            self._add(site)
            self._delete(stmt)
            _helper_summaries(self, stmt, site)
            return True
        if isinstance(stmt, ast.Expr) and self.call_name(stmt.value) in DROPPED_CALLS:
            self._drop_switch(stmt)
            return True
        signature = next((n for n in ast.walk(stmt) if isinstance(n, ast.Call) and self.call_name(n) in SIGNATURE_DEFS), None)
        if signature is not None:
            raise self.fail(signature, "a SavedModel signature def built outside the Session's statements (converted "
                            "among them, where the builder saving it runs)")
        if isinstance(stmt, ast.Expr) and self._writer_closed(stmt.value):
            return True  # `writer.close()` after the Session block: the TF 2 writer has the same method
        summary_call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
        other_summary = next((n for n in ast.walk(stmt) if isinstance(n, ast.Call) and (self.call_name(n) or "").startswith(
            "tf.compat.v1.summary.") and self.call_name(n) not in (*SUMMARIES, *MERGE, FILE_WRITER)), None)
        if other_summary is not None and not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            # (bound to a name it was taken for a tensor of no use, and merge_all lost it: a fresh-eyes trial)
            raise self.fail(other_summary, f"`{self.call_name(other_summary)}` is not converted (converted are "
                            "summary.scalar, histogram, image, audio and text, with merge, merge_all and a FileWriter)")
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, (ast.List, ast.Tuple)) and stmt.value.elts and all(
                    self.call_name(e) in SUMMARIES for e in stmt.value.elts):
            self._need_top(stmt, top)
            return self._summary_list(stmt)
        if summary_call is not None and self.call_name(summary_call) in (*SUMMARIES, *MERGE, FILE_WRITER):
            if isinstance(stmt, ast.Assign) and not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
                raise self.fail(stmt, "a summary op bound to something other than a name")
            self._need_top(stmt, top)
            return self._summary(stmt, stmt.targets[0].id if isinstance(stmt, ast.Assign) else None, summary_call)
        chosen = self._initializer_choice(stmt)
        if chosen is not None:  # `if tf minor version < 12: init = initialize_all_variables() else: init = global_...()`
            self._need_top(stmt, top)
            self._add(Def(stmt, "init", [chosen]))
            self._delete(stmt)
            return True
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
            name = target.id if isinstance(target, ast.Name) else None
            called = self.call_name(value)
            if name and called == PLACEHOLDER:
                self._need_top(stmt, top)
                return self._placeholder(stmt, name, value)
            if name and self._scaled_placeholder(value):
                # `xs = tf.placeholder(tf.float32, [None, 784]) / 255.` (MorvanZhou's CNN), fed as `{xs: ...}`:
                # TF 1.x's feed replaced the tensor `xs` (the quotient was never computed, the inner
                # placeholder never read), a placeholder of its dtype and shape, which the quotient keeps
                self._need_top(stmt, top)
                return self._placeholder(stmt, name, value.left)
            if name and called == "tf.compat.v1.sparse_placeholder":
                # a step argument that is a tf.SparseTensor
                from migrate.tf2_sparse import sparse_placeholder

                self._need_top(stmt, top)
                return sparse_placeholder(self, stmt, name, value)
            if name and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and not self.deps(value) \
                    and self._variable_factory(value.func.id):
                # `w = init_weights([784, 10])`, a helper returning a new tf.Variable: created once, here
                self._need_top(stmt, top)
                self._add(Def(stmt, "variable", [name], trainable=True))
                return True
            if name and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and self._module_class(value.func.id):
                # `add_layer_1 = AddLayer(1, 10)`: a tf.Module whose variables are made once, here
                # (a layer function's, split by _layer_modules); its calls run in the steps
                if self.deps(value):
                    raise self.fail(value, f"a tf.Module made from the graph value `{min(self.deps(value))}` (its variables "
                                    "would need it before any step runs)")
                self._need_top(stmt, top)
                d = Def(stmt, "variable", [name], trainable=True)
                d.spread = f"*{name}.trainable_variables"
                self._add(d)
                return True
            if name and called in KERAS_LAYERS:
                # `dense_1 = tf.keras.layers.Dense(256)` (tf2_layers wrote it for a v1 layer call): made
                # once, here; its variables exist once a step has called it, read after the forward pass
                if self.deps(value):
                    raise self.fail(value, f"a Keras layer made from the graph value `{min(self.deps(value))}`")
                self._need_top(stmt, top)
                d = Def(stmt, "variable", [name], trainable=called in WEIGHTED)
                d.spread = f"*{name}.trainable_variables"
                d.stateless = called not in WEIGHTED  # no variables: not in the Checkpoint
                self._add(d)
                return True
            if name and called == PLACEHOLDER_DEFAULT:
                self._need_top(stmt, top)
                if len(value.args) < 1 or self.deps(value.args[0]):
                    raise self.fail(value, "placeholder_with_default of a graph tensor")
                d = Def(stmt, "placeholder", [name])
                d.default = self.source(value.args[0])  # the value when not fed
                d.tensor_default = any(isinstance(n, ast.Call) and (self.call_name(n) or "").startswith("tf.")
                                       for n in ast.walk(value.args[0]))
                self._add(d)
                self._delete(stmt)
                return True
            if name and called in VARIABLES + (GET_VARIABLE,):
                self._need_top(stmt, top)
                return self._variable(stmt, name, value, called)
            if name and called in GLOBAL_STEP and not value.args and not value.keywords:
                self._need_top(stmt, top)
                self._replace(value, f"{self.tf('tf.Variable')}(0, dtype={self.tf('tf.int64')}, trainable=False, name=\"global_step\")")
                self._add(Def(stmt, "variable", [name], trainable=False))
                return True
            if name and isinstance(value, (ast.Dict, ast.List)) and (value.values if isinstance(value, ast.Dict) else value.elts) and all(
                self.call_name(e) in VARIABLES + (GET_VARIABLE,) for e in (value.values if isinstance(value, ast.Dict) else value.elts)
            ) and (not isinstance(value, ast.Dict) or all(k is not None for k in value.keys)):
                self._need_top(stmt, top)
                return self._variable_container(stmt, name, value)
            if isinstance(target, (ast.Tuple, ast.List)) and self._plain_targets(target) \
                    and self._variable_comprehension(value):
                # `a, b = [tf.Variable(initial_value=p, dtype=tf.float32) for p in INIT_PARAMS]` (MorvanZhou's
                # 503): one variable per name, made where they stand, as `a = tf.Variable(...)` each
                self._need_top(stmt, top)
                trainable = self._variable_call(value.elt, self.call_name(value.elt))
                for each in _target_names(target):
                    self._add(Def(stmt, "variable", [each], trainable=trainable))
                return True
            if name and called in INITIALIZERS:
                self._need_top(stmt, top)
                self._add(Def(stmt, "init", [name]))
                self._delete(stmt)
                return True
            if name and called in _v1_optimizers():
                self._need_top(stmt, top)
                d = Def(stmt, "optimizer", [name])
                self._replace(value, self._keras_optimizer(value, d))
                self._add(d)
                return True
            if name and called in ITERATORS:
                self._need_top(stmt, top)
                return self._iterator(stmt, name, value, called)
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get_next" \
                    and isinstance(value.func.value, ast.Call) and self.call_name(value.func.value) == ITERATORS[0] \
                    and not value.args and not value.keywords and self._plain_targets(target):
                # `batch = make_one_shot_iterator(ds).get_next()`: the two-step form in one statement
                self._need_top(stmt, top)
                return self._chained_next(stmt, target, value.func.value)
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get_next" \
                    and isinstance(value.func.value, ast.Name) and self.defs.get(value.func.value.id) \
                    and self.defs[value.func.value.id].kind == "iterator" and self._plain_targets(target):
                self._need_top(stmt, top)
                d = Def(stmt, "next", _target_names(target))
                d.iterator = value.func.value.id
                d.tuple_target = not isinstance(target, ast.Name)
                self._add(d)
                self._delete(stmt)
                return True
            if name and called == SAVER:
                self._need_top(stmt, top)
                return self._saver(stmt, name, value)
            if name and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "minimize":
                self._need_top(stmt, top)
                return self._minimize(stmt, name, value)
            if name and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                    and value.func.attr in ("compute_gradients", "apply_gradients") and isinstance(value.func.value, ast.Name) \
                    and getattr(self.defs.get(value.func.value.id), "kind", None) == "optimizer":
                self._need_top(stmt, top)
                return self._gradients(stmt, name, value)
            if name and isinstance(value, ast.Dict) and value.keys and any(
                isinstance(k, ast.Name) and k.id in self.defs for k in value.keys
            ):
                return self._feed(stmt, name, value)
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) \
                and getattr(self.defs.get(stmt.target.id), "kind", None) == "tensor":
            # `loss += 5e-4 * regularizers`: a new tensor bound to the same name (read by what follows)
            self._need_top(stmt, top)
            self._check_called_functions(stmt.value)
            self._add(Def(stmt, "tensor", [stmt.target.id], self.deps(stmt.value) | {stmt.target.id}))
            self._delete(stmt)
            return True
        deps = self.deps(stmt)
        if isinstance(stmt, ast.For) and deps and not self._loop_reads(stmt):
            # `for i in range(n): x_1 = ...; y = 2 * x_1 + 7; all_ys.append(y)` (a program making its
            # data after the graph, reusing the graph's name `y`): a plain loop; from it on the
            # name is the plain value it binds
            stored = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            for name in stored & set(self.defs):
                self.retired[name] = min(self.retired.get(name, stmt.end_lineno), stmt.end_lineno)
            deps = set()
        if self.assigned_variables.keys() & deps and isinstance(stmt, ast.Assign):
            for name in sorted(self.assigned_variables.keys() & deps):
                self.late_reads.append((stmt, name, list(self.assigned_variables[name])))
        if isinstance(stmt, ast.ClassDef) and _helper_draws(self, stmt.name) is not None and not deps - set().union(
                *(_bound_inside(f) for f in stmt.body if isinstance(f, ast.FunctionDef))):
            return False  # a helper's class (migrate/tf2_helpers.py) whose parameters are named like graph values
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            deps -= _bound_inside(stmt)
            if all(self.defs[d].kind == "variable" for d in deps):
                return False  # a helper reading variables: called inside the steps, where they exist
            session = self._session_parameter(stmt)
            if session is not None:
                # `def eval_in_batches(data, sess)`: runs fetches with the Session it is handed
                self.session_functions[stmt.name] = (stmt, session)
                return False
            # the first such name in the function's text (`deps` is a set: its order varies run to run)
            name = min((n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in deps and self.defs[n.id].kind != "variable"),
                       key=lambda n: (n.lineno, n.col_offset)).id
            if not stmt.decorator_list and all(self.defs[d].kind in ("tensor", "variable", "placeholder") for d in deps):
                # `def vae_loss(x, y)` reading the graph tensors `z_mean`, `z_std` as globals: a
                # statement of the graph like the tensors it reads, so it moves into the step that
                # computes them (a nested function there, reading them by closure); a use
                # anywhere else keeps the fallback (`_check_step_local_functions`)
                self._need_top(stmt, top)
                self.step_local_functions[stmt.name] = (stmt, name)
                self._add(Def(stmt, "tensor", [stmt.name], deps))
                self._delete(stmt)
                return True
            handed = self._session_like_use(stmt)
            if handed is not None:  # `def train(session)`: runs the Session it is handed, and uses it otherwise too
                raise self.fail(stmt, f"function `{stmt.name}` is handed a Session (it runs `{handed[0]}.run(...)`) and "
                                f"uses it otherwise ({handed[1]}): converted for functions whose Session runs fetch the "
                                "program's graph names, the initializer run once in the Session block", stmt.name)
            raise self.fail(stmt, f"function `{stmt.name}` reads the graph {self.defs[name].kind} `{name}` as a global", stmt.name)
        if isinstance(stmt, ast.With) and len(stmt.items) == 1 and self._plain_variable_scope(stmt.items[0]):
            # `with tf.variable_scope("layer1"):` (a literal name, nothing else): v1 opened the name
            # scope of that name and prefixed get_variable's names with it; TF 2's name_scope does both
            # for the variables made under it (`layer1/weights:0`), the rest is name_scope's case below
            context = stmt.items[0].context_expr
            self._replace(context, f"{self.tf('tf.name_scope')}({self.source(context.args[0] if context.args else context.keywords[0].value)})")
            if stmt.items[0].optional_vars is not None:  # `as scope`, never read
                self.edits.append((self.end_offset(context), self.end_offset(stmt.items[0].optional_vars), ""))
        if isinstance(stmt, ast.With) and len(stmt.items) == 1 and (
                self.call_name(stmt.items[0].context_expr) in NAME_SCOPES or self._plain_variable_scope(stmt.items[0])):
            # `with tf.name_scope("loss"):` around graph code: its statements are the program's
            # (the scope's one trace left is the prefix of the summary tags made in it)
            context = stmt.items[0].context_expr
            if context.keywords:  # variable_scope(name_or_scope="layer1")
                context = ast.Call(context.func, [context.keywords[0].value], [])
            literal = context.args[0].value if context.args and isinstance(context.args[0], ast.Constant) \
                and isinstance(context.args[0].value, str) and context.args[0].value.strip("/") else None
            self.name_scopes.append(literal)
            if None not in self.name_scopes:
                path = "/".join(scope.strip("/") for scope in self.name_scopes)
                self.scope_entries.setdefault(path, set()).add(id(stmt))
            try:
                graph = [self._graph_statement(inner, top) for inner in stmt.body]
            finally:
                self.name_scopes.pop()
            if all(graph) and all(inner in self.deleted_stmts for inner in stmt.body):
                self._delete(stmt, comments=True)
            return any(graph)
        context = stmt.items[0].context_expr if isinstance(stmt, ast.With) and len(stmt.items) == 1 else None
        if context is not None and self.call_name(context) in ("tf.device", "tf.compat.v1.device") \
                and stmt.items[0].optional_vars is None and len(context.args) == 1 and not context.keywords \
                and (isinstance(context.args[0], ast.Constant) and isinstance(context.args[0].value, str)
                     or self._string_constant(context.args[0])):
            # `with tf.device('/cpu:0'):` around graph code (v1's device given a name is TF 2's): what
            # stays here (variables) stays under it, a statement moved into a step goes under it there
            device = f"{self.tf('tf.device')}({self.source(context.args[0])})"
            self._replace(context, device)
            before = {id(d) for d in self.order}
            graph = [self._graph_statement(inner, top) for inner in stmt.body]
            for d in self.order:
                if id(d) not in before and d.stmt in self.deleted_stmts:
                    self.statement_devices.setdefault(id(d.stmt), device)
            if all(graph) and all(inner in self.deleted_stmts for inner in stmt.body):
                self._delete(stmt, comments=True)
            return any(graph)
        if is_update_ops_block(self, stmt):  # batch normalization's UPDATE_OPS before the train ops (tf2_batchnorm)
            return update_ops_block(self, stmt, top)
        if isinstance(stmt, ast.With) and self.deps(stmt):
            # (Hvass' `with pt.defaults_scope(activation_fn=tf.nn.relu):` around a prettytensor model)
            raise self.fail(stmt.items[0].context_expr, "graph code under this context manager: converted under "
                            "tf.name_scope, tf.variable_scope, tf.device(<name>), a Graph's as_default() and the "
                            "update ops' control_dependencies; what another one (a library's defaults, a Session) does "
                            "to the ops built under it is not known here: build the graph outside it, or write that "
                            "part with Keras layers")
        if not deps and top:
            self._library_values(stmt)
        if not deps and self._drawn_per_run(stmt):
            # `eps = tf.random_uniform([mb_size, 1])` (a WGAN-GP's interpolation weights): a graph
            # tensor of no other graph value, which TF 1.x drew again at every run; a statement of
            # the steps, drawn again at each call (made once in place, it would be drawn once)
            self._need_top(stmt, top)
            self._add(Def(stmt, "tensor", [stmt.targets[0].id], set()))
            self._delete(stmt)
            return True
        if not deps and top and stmt in self.scope_body and isinstance(stmt, ast.Assign) and self.sessions_made \
                and stmt.lineno > max((s.end_lineno for s in self.scope_body if self._session_with(s) is not None
                                       or self._session_assign(s) is not None or id(s) in self.nested_holders),
                                      default=len(self.lines) + 1):
            # `X, Y = data.T[0], data.T[1]` after the Session (Stanford's linear regression, to plot):
            # the graph name is a plain value from here on; the later reads are of that value. So is a
            # train op's name (lazyprogrammer's rmsprop_test: `train_op = theano.function(...)` after
            # the TF part): the converted program binds it to nothing its steps read
            target = stmt.targets[0]
            elements = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
            for name in [e.id for e in elements if isinstance(e, ast.Name)]:  # (`args.a, args.b = 1, 2` binds none)
                if name in self.defs and self.defs[name].kind in ("placeholder", "tensor", "train"):
                    self.retired[name] = stmt.end_lineno
        if not deps:
            self._no_graph_construct(stmt)
            return False
        if self._tensor_branch(stmt) is not None:  # an `if` of a program setting taking a branch computing tensors
            self._need_top(stmt, top)
            names = sorted({n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)})
            for inner in self._branch_taken(stmt):
                self._check_called_functions(inner)
                self._embedding_lookups(inner)
            self._add(Def(stmt, "tensor", names, deps))
            self._delete(stmt)
            return True
        self._graph_under_block(stmt)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and self._plain_targets(stmt.targets[0]):
            for node in ast.walk(stmt.value):
                if isinstance(node, ast.Name) and node.id in self.session_names:
                    raise self.fail(node, "the graph is built from a session value")
                if isinstance(node, ast.Attribute) and node.attr in ("minimize", "compute_gradients", "apply_gradients"):
                    raise self.fail(node, f"`{node.attr}` in this form is not converted (converted: `name = "
                                    "optimizer.minimize(loss)`, the optimizer made in place or bound to a name, and "
                                    "`name = optimizer.compute_gradients(loss)` / `name = optimizer.apply_gradients(pairs)` "
                                    "of an optimizer bound to a name: bind it first, `opt = tf.train.AdamOptimizer(...)`)")
                if isinstance(node, (ast.Lambda, ast.ListComp, ast.GeneratorExp)) and self.deps(node):
                    pass
            self._need_top(stmt, top)
            self._check_called_functions(stmt.value)
            if top:  # a call of a module the converter cannot read, given graph values (`y = mylib.layer(x)`)
                self._library_values(stmt, outside_only=True)
            names = _target_names(stmt.targets[0])
            self._assign_ops(stmt)
            self._embedding_lookups(stmt)
            site = Def(stmt, "tensor", names, deps)
            self._add(site)
            self._delete(stmt)
            if site_call is not None:  # the summaries a helper's call made, after it (migrate/tf2_helpers.py)
                _helper_summaries(self, stmt, site)
            return True
        why = self._tensor_loop(stmt) if isinstance(stmt, ast.For) else None
        if why is not None:
            raise self.fail(stmt, f"graph code in a Python loop: {why}", f"for {self.source(stmt.target)} in ...")
        if isinstance(stmt, ast.For):
            # `for element in range(window_size): embed += tf.nn.embedding_lookup(...)`: ops built
            # in a Python loop, one graph statement (the loop runs where the step is traced,
            # building the same ops in the same order)
            self._need_top(stmt, top)
            names = sorted({n.id for s in [stmt.target, *stmt.body] for n in ast.walk(s)
                            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)})
            for name in names:  # `embed = tf.zeros(...)` before the loop that adds to it: a tensor of the step too
                if name not in self.defs and name not in _loop_targets(stmt):
                    start = self._loop_start(stmt, name)
                    if start is not None:
                        self._add(Def(start, "tensor", [name], set()))
                        self._delete(start)
                        deps = deps | {name}
            for inner in stmt.body:
                self._check_called_functions(inner)
                self._embedding_lookups(inner)
            self._add(Def(stmt, "tensor", names, deps - _loop_targets(stmt)))
            self._delete(stmt)
            return True
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) \
                and any(isinstance(n, ast.Call) and self.call_name(n) in SUMMARIES
                        for n in ast.walk(self.local_functions.get(stmt.value.func.id, ast.Pass()))):
            self._check_called_functions(stmt.value)  # `variable_summaries(loss, 'loss')`: a helper making summaries
        if top and (self._static_shape_reads(stmt, deps) or self._printed_placeholders(stmt, deps)):
            return False
        node = next(n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in deps)
        raise self.fail(node, f"{self._graph_value(node.id)} is used outside `Session.run` here"
                        f"{self._outside_use(stmt, node) or OUTSIDE_USE_HINT}", node.id)

    def _static_shape_reads(self, stmt: ast.stmt, deps: set[str], session: bool = False) -> bool:
        """`print("Q shape", Q.get_shape())`, `assert y.shape.as_list() == t.shape.as_list()` while the
        graph is built (dsalaj's and hunkim's programs): a statement (an expression or an assert) whose
        every graph value is a placeholder or tensor read only for its static shape, `.shape` /
        `.get_shape()`. TF 1.x's static shape is the shape a trace of the tensor's statements with the
        placeholders' shapes gives (TF's own shape functions, measured); so a placeholder's read is
        `tf.TensorShape(<its shape>)`, a tensor's a call of a function tracing its statements with the
        placeholders' TensorSpecs, right there (`_finish_static_shapes`; `_traceable` statements only,
        placeholders of known dtype, else a Fallback naming why). True when it is such a statement
        (kept in place, its reads rewritten); `session`: among the Session's statements (the functions
        written with the steps, above the Session)."""
        if not isinstance(stmt, (ast.Expr, ast.Assert)):
            return False
        parents = {id(c): p for p in ast.walk(stmt) for c in ast.iter_child_nodes(p)}
        reads = []
        for node in ast.walk(stmt):
            if not (isinstance(node, ast.Name) and node.id in deps):
                continue
            up = parents.get(id(node))
            if not (isinstance(up, ast.Attribute) and up.value is node and up.attr in ("shape", "get_shape")):
                return False
            read = up
            if up.attr == "get_shape":
                call = parents.get(id(up))
                if not (isinstance(call, ast.Call) and call.func is up and not call.args and not call.keywords):
                    return False
                read = call
            d = self.defs[node.id]
            if d.kind == "placeholder":
                if self.call_name(d.stmt.value) != PLACEHOLDER or isinstance(self._input_signature([node.id]), str):
                    return False
                reads.append((read, d, [], [node.id]))
                continue
            if d.kind != "tensor":
                return False
            closure = sorted(self._tensor_closure(node), key=self.order.index)
            placeholders = sorted({n for c in closure for n in c.deps if self.defs[n].kind == "placeholder"},
                                  key=lambda n: self.order.index(self.defs[n]))
            why = None
            if any(self.defs[n].kind not in ("placeholder", "variable", "tensor") for c in closure for n in c.deps) \
                    or isinstance(self._input_signature(placeholders), str):
                why = "reads a graph value other than placeholders of known dtype, variables and tensors"
            elif any(self.defs[n].kind == "variable" and any(k.arg == "validate_shape" for k in ast.walk(self.defs[n].stmt)
                                                            if isinstance(k, ast.keyword)) for c in closure for n in c.deps):
                # (TF 1.x's variable had its initial value's static shape, fully known, unless this)
                why = "reads a variable made with `validate_shape=`"
            elif not all(self._traceable(c.stmt) for c in closure):
                why = ("calls other than TensorFlow ops and the file's own functions of them, or draws random numbers, "
                       "or runs control flow (a trace would build a layer's variables, move a generator, or make v2 "
                       "control flow, whose shapes may differ from v1's)")
            if why is not None:
                raise self.fail(node, f"`{node.id}`'s static shape read while the graph is built (`.{up.attr}`): TF 1.x's "
                                "is the shape a trace of its statements with the placeholders' shapes gives, written so "
                                f"where they are TensorFlow ops of placeholders and variables; here the computation {why}",
                                node.id)
            reads.append((read, d, closure, placeholders))
        if not reads:
            return False
        self.static_reads.append((stmt, reads, session))
        return True

    def _printed_placeholders(self, stmt: ast.stmt, deps: set[str]) -> bool:
        """`print(X)` while the graph is built (golbin's 03 - Linear Regression.py, `X =
        tf.placeholder(tf.float32, name="X")`): print's str of the placeholder, `Tensor("X:0",
        dtype=float32)` (`shape=(None, 3)` when its shape is given: TensorShape's str), written as that
        text. True for a `print(...)` statement whose every graph value is a positional argument naming a
        placeholder; each must be of the program body (no name scope around it), given a literal `name=` no
        other call of the file gives and no op type's spelling (TF 1.x's graph named it so, `:0` its
        output), of a dtype spelled `tf.<name>`: a Fallback naming the first that is not. False for
        another statement (the reason stays "used outside `Session.run`")."""
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
                and "print" not in self.local_functions):
            return False
        printed = [a for a in call.args if isinstance(a, ast.Name) and a.id in deps]
        if not printed or sum(isinstance(n, ast.Name) and n.id in deps for n in ast.walk(call)) != len(printed) \
                or any(self.defs[a.id].kind != "placeholder" for a in printed):
            return False
        names = [k.value.value for n in ast.walk(self.tree) if isinstance(n, ast.Call) for k in n.keywords
                 if k.arg == "name" and isinstance(k.value, ast.Constant)]
        texts = []
        for arg in printed:
            d = self.defs[arg.id]
            made = d.stmt.value if d.kind == "placeholder" and isinstance(d.stmt, ast.Assign) else None
            name = next((k.value.value for k in getattr(made, "keywords", ()) if k.arg == "name"
                         and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            holder = next((b for b, s in _statements(self.tree) if s is d.stmt), None)
            dtype = {"tf.double": "tf.float64", "tf.half": "tf.float16"}.get(d.dtype, d.dtype)
            if made is not None and name is None and holder is not None \
                    and not any(str(n).startswith("Placeholder") for n in names):
                name = self._default_placeholder_name(d, holder)
            elif name is not None and not re.fullmatch(r"[a-z_]\w*|[A-Z][A-Z0-9_]*|[A-Z]", name):
                name = None  # (an op type's spelling, `Add`: another op may have taken it first)
            if name is None or names.count(name) > 1 \
                    or not any(holder is body for body in (self.tree.body, *(f.body for f in ast.walk(self.tree)
                                                                           if isinstance(f, ast.FunctionDef)))) \
                    or dtype not in NUMERIC_DTYPES | {"tf.bool", "tf.string"} or re.search(r"['\\\n]", d.shape):
                raise self.fail(arg, f"{self._graph_value(arg.id)} is used outside `Session.run` here (printed: TF 1.x "
                                "printed the symbolic Tensor, written as its text for a placeholder of a `tf.` dtype named "
                                "by a literal `name=` no other call gives, or by TF's default name, outside name scopes)",
                                arg.id)
            shape = "" if d.shape == "None" else f", shape={{{self.tf('tf.TensorShape')}({d.shape})}}"
            texts.append((arg, f"f'Tensor(\"{name}:0\"{shape}, dtype={dtype[3:]})'" if shape
                          else f"'Tensor(\"{name}:0\", dtype={dtype[3:]})'"))
        for arg, text in texts:
            self._replace(arg, text)
            self.printed_placeholders.add(id(arg))  # (written as that text: not the value `_check_printed_tensors` names)
        return True

    def _default_placeholder_name(self, d: Def, body: list) -> str | None:
        """The name TF 1.x's graph gave the placeholder of `d` made with no `name=`: `Placeholder`, then
        `Placeholder_1`, ... in the order they were made, when every placeholder call of the file is a
        statement's value in `body`, the one holding `d`'s (made in its order; none sparse); else None."""
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and (self.call_name(n) or "").endswith("placeholder")]
        made = [s.value for s in body if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
                and self.call_name(s.value) == PLACEHOLDER]
        if {id(c) for c in calls} != {id(m) for m in made}:
            return None
        unnamed = [m for m in made[:made.index(d.stmt.value)] if not any(k.arg == "name" for k in m.keywords)]
        return "Placeholder" + (f"_{len(unnamed)}" if unnamed else "")

    def _traceable(self, node: ast.AST, seen: frozenset = frozenset()) -> bool:
        """Does `node` call TensorFlow ops only (TF 2 names), directly or through the file's own
        functions, none making a variable, drawing random numbers or running control flow (a trace
        of it builds nothing, draws nothing, and infers the shapes v1's graph ops did)?"""
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            called = self.call_name(call) or ""
            if called in self.local_functions and called not in seen:
                if not self._traceable(self.local_functions[called], seen | {called}):
                    return False
            elif called not in PURE_BUILTINS and (not called.startswith("tf.") or called.startswith("tf.compat.")
                                                  or _is_random_op(called) or called in VARIABLES
                                                  or called.split(".")[-1] in CONTROL_FLOW):
                return False
        return True

    def _finish_static_shapes(self) -> None:
        """The static-shape reads `_static_shape_reads` accepted, written (their statements' final
        text known now): a placeholder's `tf.TensorShape(shape)`, a tensor's `<name>_static_shape()`,
        a function written above the first statement reading it, once, tracing the tensor's statements
        with the placeholders' specs."""
        written: dict[tuple, str] = {}  # a tensor's function, by its Def, name and block (read again below in it)
        bodies = {id(s): b for b, s in _statements(self.tree)}
        for stmt, reads, session in self.static_reads:
            above, replaced, block = [], [], None if session else id(bodies.get(id(stmt)))
            for read, d, closure, placeholders in reads:
                if not closure:
                    replaced.append((read, f"{self.tf('tf.TensorShape')}({d.shape})"))
                    continue
                tensor = (read.func.value if isinstance(read, ast.Call) else read.value).id
                if (id(d), tensor, block) not in written:
                    name = written[id(d), tensor, block] = self.fresh(f"{tensor}_static_shape")
                    body = [line for c in closure for line in self._statement_text(c.stmt).splitlines()]
                    specs = ", ".join(self._input_signature(placeholders))
                    above += [f"def {name}():",
                              (f"    # `{tensor}`'s static shape in TF 1.x's graph: its statements traced with the "
                               "placeholders' shapes"),
                              f"    @{self.tf('tf.function')}(input_signature=[{specs}])",
                              f"    def traced({', '.join(placeholders)}):",
                              *["        " + line if line else "" for line in body],
                              f"        return {tensor}",
                              "    return traced.get_concrete_function().structured_outputs.shape"]
                    if session:  # (a Session block's statements are dedented when it is unwrapped)
                        self.generated_functions.append(above)
                        above = []
                replaced.append((read, f"{written[id(d), tensor, block]}()"))
            if session:
                for read, new in replaced:
                    self._replace(read, new)
                continue
            text = self.text[self.offset(stmt):self.end_offset(stmt)]
            for read, new in sorted(replaced, key=lambda r: self.offset(r[0]), reverse=True):
                text = text[:self.offset(read) - self.offset(stmt)] + new + text[self.end_offset(read) - self.offset(stmt):]
            indent = _indent(self.lines[stmt.lineno - 1])
            self._replace_statement(stmt, f"\n{indent}".join(line for line in [*above, *text.split("\n")]))

    def keyword_span(self, call: ast.Call, keyword: ast.keyword) -> tuple[int, int]:
        """The characters to delete to drop `keyword` from `call`: with the comma after it when
        another keyword follows, else with the comma before it when an argument precedes."""
        position = call.keywords.index(keyword)
        if position + 1 < len(call.keywords):
            return self.offset(keyword), self.offset(call.keywords[position + 1])
        if position > 0 or call.args:
            before = call.keywords[position - 1].value if position > 0 else call.args[-1]
            return self.end_offset(before), self.end_offset(keyword)
        return self.offset(keyword), self.end_offset(keyword)

    def _outside_use(self, stmt: ast.stmt, node: ast.Name) -> str:
        """What a graph value read outside the steps is used for, when the reason is plain:
        printed (TF 1.x printed the symbolic Tensor), its static shape read."""
        if isinstance(stmt, ast.Expr) and stmt.value is node:
            # `W_tiled` alone (ageron's capsnets notebook: a cell showing the tensor it built)
            return (" (the statement's value, a notebook cell's output: TF 1.x showed the symbolic Tensor, its name "
                    "and static shape, which TF 2 code has not)")
        parents = {id(c): p for p in ast.walk(stmt) for c in ast.iter_child_nodes(p)}
        up = parents.get(id(node))
        fetches = next((n for n in ast.walk(stmt) if isinstance(n, ast.Assign) and len(n.targets) == 1
                        and isinstance(n.targets[0], ast.Name) and isinstance(n.value, (ast.List, ast.Tuple, ast.Dict))
                        and any(v is node for v in ast.walk(n.value))), None)
        if fetches is not None and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "run"
                                       and n.args and isinstance(n.args[0], ast.Name) and n.args[0].id == fetches.targets[0].id
                                       for n in ast.walk(self.tree)):
            # (a fresh-eyes trial: `fetches = [train, loss]` then `sess.run(fetches, ...)`)
            return (f" (in the fetches bound to `{fetches.targets[0].id}` and given to Session.run: converted when the "
                    "fetches are written in the run, `sess.run([train, loss], ...)`)")
        while up is not None and not isinstance(up, ast.stmt):
            if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id == "print":
                return " (printed: TF 1.x printed the symbolic Tensor, its name and static shape, which TF 2 code has not)"
            if isinstance(up, ast.Call) and (self.call_name(up) or "").startswith("tf.compat.v1.summary."):
                return f" (in `{self.call_name(up)}`: converted are summary.scalar, histogram, image, audio, text, merge and merge_all)"
            if isinstance(up, ast.Attribute) and up.attr in ("shape", "get_shape", "dtype", "name", "op", "graph"):
                return f" (its `.{up.attr}`, a property of TF 1.x's graph tensor, read where no step has built it)"
            if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id in self.imported_from \
                    and isinstance(stmt, ast.Expr) and stmt.value is up:
                # (dsalaj's `variable_summaries(action_probabilities, name)` from tf_tools.py)
                return (f" (handed to `{up.func.id}` of module `{self.imported_from[up.func.id]}`, called for what it adds "
                        "to the graph, e.g. v1 summaries: another module's function making no variable is not converted "
                        "with the program; a helper of this file making summaries is)")
            up = parents.get(id(up))
        return ""

    def _loop_reads(self, loop: ast.For) -> set[str]:
        """The graph names a `for` reads as graph values: those it reads before its body binds
        them, in order, to a value of no graph name (a binding inside a nested statement is
        conditional, and the loop's first pass reads the graph value)."""
        reads = self.deps(loop.iter)
        bound = set() if reads else _loop_targets(loop) or set()
        for inner in loop.body:
            reads |= {n.id for n in ast.walk(inner) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                      and n.id in self.defs and n.id not in bound and not n.lineno > self.retired.get(n.id, n.lineno)}
            if isinstance(inner, ast.Assign) and all(self._plain_targets(t) for t in inner.targets) \
                    and not self.deps(inner.value) - bound:
                bound |= {name for t in inner.targets for name in _target_names(t)}
        return reads

    def _loop_start(self, loop: ast.For, name: str) -> ast.Assign | None:
        """The statement before `loop`, in its body, binding `name` that the loop adds to
        (`embed = tf.zeros([batch, size])`): a TensorFlow call of Python values only, no
        random op; None when there is none, or the loop does not read `name` first."""
        body = next((b for b, s in _statements(self.tree) if s is loop), [])
        earlier = [s for s in body[:body.index(loop)] if any(
            isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(s))]
        if not earlier or not isinstance(earlier[-1], ast.Assign) or earlier[-1] in self.deleted_stmts:
            return None
        start = earlier[-1]
        calls = [self.call_name(n) or "" for n in ast.walk(start.value) if isinstance(n, ast.Call)]
        if not (len(start.targets) == 1 and isinstance(start.targets[0], ast.Name)) or self.deps(start.value):
            return None
        if not calls and isinstance(start.value, ast.Constant) and type(start.value.value) in (int, float):
            # `total_error = 0.0` (NakedTensor's sum of squared errors): a Python number the
            # loop adds tensors to, the first addition's operand as in TF 1.x
            return start
        if not calls or not all(c.startswith("tf.") and not _is_random_op(c) for c in calls):
            return None
        return start

    def _tensor_loop(self, stmt: ast.For) -> str | None:
        """Why a Python `for` building graph ops is not one graph statement; None when it is:
        a loop over a Python iterable whose body only computes tensors from the program's
        tensors, variables and placeholders (plain or augmented assignments, no variable,
        placeholder, random op, summary, assign or optimizer made in it)."""
        if stmt.orelse:
            return "a loop with `else:`"
        if _loop_targets(stmt) is None:
            # (a fresh-eyes trial: NakedTensor's `for x, y in zip(xs, ys):` was told "`else:` or a target")
            return f"a loop whose target `{self.source(stmt.target)}` is not names (converted: `for name in ...`, " \
                "`for a, b in ...`)"
        if self.deps(stmt.iter):
            return "a loop over a graph value"
        why = self._tensor_statements(stmt.body)
        if why is not None:
            return why
        stored = {n.id for s in stmt.body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound = next((n for n in sorted(stored | _loop_targets(stmt)) if getattr(self.defs.get(n), "kind", "tensor") != "tensor"), None)
        return None if bound is None else f"the loop binds the graph {self.defs[bound].kind} `{bound}` again"

    def _tensor_statements(self, body: list[ast.stmt], where: str = "the loop") -> str | None:
        """Why the statements of a loop's (or a branch's) body are not only tensors computed from
        the program's tensors, variables and placeholders; None when they are."""
        for inner in body:
            if not (isinstance(inner, ast.Assign) and len(inner.targets) == 1 and self._plain_targets(inner.targets[0])
                    or isinstance(inner, ast.AugAssign) and isinstance(inner.target, ast.Name)):
                return f"a statement other than an assignment in {where}"
            for node in ast.walk(inner):
                called = self.call_name(node) if isinstance(node, ast.Call) else None
                if called is not None and (called in VARIABLES + (GET_VARIABLE, PLACEHOLDER, PLACEHOLDER_DEFAULT) or
                                           called in SUMMARIES or _is_random_op(called) or "assign" in called
                                           or called in _v1_optimizers() or called.startswith("tf.compat.v1.")
                                           and called != "tf.compat.v1.nn.embedding_lookup"):
                    return f"`{called}` in {where} (made once per iteration while TF 1.x built the graph)"
                if isinstance(node, ast.Attribute) and (node.attr.startswith("assign") or node.attr in (
                        "minimize", "compute_gradients", "apply_gradients")):
                    return f"`.{node.attr}` in {where}"
                if isinstance(node, ast.Name) and (node.id in self.session_names or getattr(
                        self.defs.get(node.id), "kind", "tensor") not in ("tensor", "variable", "placeholder")):
                    return f"the {getattr(self.defs.get(node.id), 'kind', 'session')} `{node.id}` in {where}"
        return None

    def _tensor_branch(self, stmt: ast.stmt) -> ast.If | None:
        """`if regression_type == 'LASSO': loss = ... elif ...: loss = ... else: print(...)` (the TF
        cookbook), a test of module names bound once to literals: the branch it takes (known from
        the text) only computes tensors, as a tensor loop's body (`_tensor_statements`), binding no
        other graph object; the other branches never run. The `if` is one tensor statement of the
        steps, taking the same branch where they are traced. The `if` when it is that, else None."""
        if not isinstance(stmt, ast.If):
            return None
        taken = self._branch_taken(stmt)
        if taken is None or self._tensor_statements(taken, "the branch") is not None:
            return None
        stored = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        return None if any(getattr(self.defs.get(n), "kind", "tensor") != "tensor" for n in stored) else stmt

    def _branch_taken(self, stmt: ast.If) -> list[ast.stmt] | None:
        """The statements an `if` / `elif` / `else` chain runs when each test compares module names
        bound once, at module level, to literals (`regression_type = 'Ridge'`) with literals: None
        when a test is anything else."""
        stores = collections.Counter(n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load))
        literals = {s.targets[0].id: s.value.value for s in self.tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                    and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Constant)}

        def literal(node):
            if isinstance(node, ast.Constant):
                return node.value
            if isinstance(node, ast.Name) and node.id in literals and stores[node.id] == 1:
                return literals[node.id]
            raise ValueError

        def value(test):
            if isinstance(test, ast.BoolOp):
                parts = [value(v) for v in test.values]
                return all(parts) if isinstance(test.op, ast.And) else any(parts)
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                return not value(test.operand)
            if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq)):
                same = literal(test.left) == literal(test.comparators[0])
                return same if isinstance(test.ops[0], ast.Eq) else not same
            return bool(literal(test))

        try:
            branch = stmt.body if value(stmt.test) else stmt.orelse
        except ValueError:
            return None
        return self._branch_taken(branch[0]) if len(branch) == 1 and isinstance(branch[0], ast.If) \
            and branch is stmt.orelse else branch

    def _assign_ops(self, stmt: ast.Assign) -> None:
        """`tf.compat.v1.assign(ref, value)` in a tensor statement (`step = [tf.assign(w, w - lr * d_w),
        ...]`, fetched in a run) -> `ref.assign(value)`, which runs where the step reaches it.
        TF 1.x ran the assign ops of one Session.run in no fixed order, each value read when
        its op ran: the same result only when no assign's value reads a variable another assign
        of the statement writes, and no later statement reads an assigned variable (measured
        question left to the order: a Fallback then)."""
        assigns = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call) and self.call_name(n) == "tf.compat.v1.assign"]
        # the method form (`v.assign(x)`, `assign_add`, `assign_sub` of a graph variable) needs no
        # rewrite, but its run is unordered the same way: the same checks
        methods = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                   and n.func.attr in ("assign", "assign_add", "assign_sub") and isinstance(n.func.value, ast.Name)
                   and getattr(self.defs.get(n.func.value.id), "kind", None) == "variable"]
        if not assigns and not methods:
            return
        written: dict[str, ast.Call] = {}
        values: dict[int, ast.AST] = {}
        for call in assigns + methods:
            if call in assigns and (len(call.args) != 2 or call.keywords or not isinstance(call.args[0], ast.Name)
                                    or getattr(self.defs.get(call.args[0].id), "kind", None) != "variable"):
                raise self.fail(call, "tf.assign of other than (a graph variable's name, a value) is not converted")
            if call in methods and len(call.args) != 1:
                raise self.fail(call, f"`{call.func.attr}` of other than one value (use_locking, name, read_value) is not converted")
            target, values[id(call)] = (call.args[0].id, call.args[1]) if call in assigns else (call.func.value.id, call.args[0])
            if target in written:
                raise self.fail(call, f"two assigns to `{target}` in one statement (TF 1.x ran them in no fixed order)")
            written[target] = call
        closures = {id(call): self._tensor_closure(values[id(call)]) for call in assigns + methods}
        for call in assigns + methods:
            for variable, other in sorted(written.items()):
                if other is call:
                    continue
                # a read of `variable` the other assign waits for (it is in that assign's value) came before it
                early = closures[id(other)]
                readers = [d for d in closures[id(call)] if variable in d.deps and d not in early]
                if variable in self.deps(values[id(call)]) or readers:
                    raise self.fail(call, f"the assigns of one run read each other's variables (this value reads `{variable}`, "
                                    "which another assign writes, not after it): TF 1.x ran them in no fixed order, "
                                    "old or new value", )
        for call in assigns:
            self.edits.append((self.offset(call), self.offset(call.args[1]), f"{call.args[0].id}.assign("))
        for variable in written:
            self.assigned_variables.setdefault(variable, []).append(stmt)

    def _embedding_lookups(self, stmt: ast.stmt) -> None:
        """`tf.compat.v1.nn.embedding_lookup(table, ids)` / `nce_loss(weights, ...)` of one variable
        (not a list of shards) -> `tf.nn.embedding_lookup` / `tf.nn.nce_loss`: TF 2's are v1's
        with partition_strategy="div", which only matters for a sharded table (one tensor is one
        shard either way)."""
        for call in ast.walk(stmt):
            if isinstance(call, ast.Call) and self.call_name(call) == "tf.compat.v1.nn.embedding_lookup" \
                    and len(call.args) == 2 and not call.keywords and isinstance(call.args[0], ast.Name) \
                    and getattr(self.defs.get(call.args[0].id), "kind", None) == "variable":
                self._replace(call.func, self.tf("tf.nn.embedding_lookup"))
            # nce_loss: v2 is v1 with partition_strategy="div" and the same first nine parameters
            nce = ("weights", "biases", "labels", "inputs", "num_sampled", "num_classes", "num_true",
                   "sampled_values", "remove_accidental_hits")
            if isinstance(call, ast.Call) and self.call_name(call) == "tf.compat.v1.nn.nce_loss" \
                    and len(call.args) <= 6 and all(k.arg in nce + ("name",) for k in call.keywords):
                weights = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "weights"), None)
                if isinstance(weights, ast.Name) and getattr(self.defs.get(weights.id), "kind", None) == "variable":
                    if id(call) in self.op_seeds:
                        self._nce_sampler(call, nce)
                    elif any(isinstance(n, ast.Call) and self.call_name(n) in SEEDS for n in ast.walk(self.tree)):
                        raise self.fail(call, "nce_loss draws its negative samples with an op seed TF 1.x took from the "
                                        "graph's count of random ops; inside a tf.function that count starts again")
                    self._replace(call.func, self.tf("tf.nn.nce_loss"))

    def _nce_sampler(self, call: ast.Call, parameters: tuple[str, ...]) -> None:
        """nce_loss under a graph seed: v1 drew its negative samples with
        `log_uniform_candidate_sampler(labels cast to int64, num_true, num_sampled, unique=True,
        num_classes, seed=None)`, whose op seed the graph's count gave (`_seed_random_ops`); that
        sampler is written as its `sampled_values=` with the count as `seed=` (TF 2's nce_loss
        has no seed parameter). Labels read twice must be a name (or an attribute / subscript of
        one): any other expression is a Fallback."""
        given = dict(zip(parameters, call.args)) | {k.arg: k.value for k in call.keywords}
        labels = given.get("labels")
        if not all(isinstance(n, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Load, ast.Slice, ast.Tuple))
                   for n in ast.walk(labels)):
            raise self.fail(labels, "nce_loss under a graph seed with labels computed in the call: its sampler, written "
                            "with the op seed TF 1.x counted, reads them again (bind them to a name first)")
        num_true = self.source(given["num_true"]) if "num_true" in given else "1"
        sampler = (f"{self.tf('tf.random.log_uniform_candidate_sampler')}(true_classes={self.tf('tf.cast')}("
                   f"{self.source(labels)}, {self.tf('tf.int64')}), num_true={num_true}, "
                   f"num_sampled={self.source(given['num_sampled'])}, unique=True, "
                   f"range_max={self.source(given['num_classes'])}, seed={self.op_seeds[id(call)]})")
        at = self.end_offset(max(call.args + call.keywords, key=lambda n: (n.end_lineno, n.end_col_offset)))
        edit = (at, at, f", sampled_values={sampler}")
        self.edits.append(edit)
        self.seed_edits.add(edit)

    def _variables_read(self, d) -> dict[int, Def]:
        """The variables the graph value `d` reads, directly or through the tensors it reads (by their Defs' ids)."""
        return {id(x): x for x in _defs_reached([d], ("tensor", "placeholder", "train")) if x.kind == "variable"}

    def _independent_trains(self, trains: list[str], elements: list) -> bool:
        """Several training ops fetched in one run (`sess.run([o_train, d_train])`, Morvan's
        dropout tutorial training two networks side by side) whose order does not matter: no
        op's loss, nor another fetch outside its forward pass, reads a variable another op
        trains (minimize(loss) of the trainable variables, which trains those its loss reads)."""
        trained: dict[str, set[int]] = {}
        read: dict[str, dict[int, Def]] = {}
        for name in trains:
            train = self.defs[name]
            if getattr(train, "loss", None) not in self.defs or getattr(train, "var_list", None) is not None:
                return False
            read[name] = self._variables_read(self.defs[train.loss])
            trained[name] = {i for i, d in read[name].items() if d.trainable}
        for name in trains:
            for other in trains:
                if other != name and trained[name] & read[other].keys():
                    return False
            forward = {id(d) for d in self._tensor_closure(ast.Name(self.defs[name].loss, ast.Load(), lineno=0))}
            for element in elements:
                if isinstance(element, ast.Name) and element.id in trains:
                    continue
                if trained[name] & set().union(*(self._variables_read(self.defs[n]).keys() for n in self.deps(element))) \
                        and not {id(self.defs[n]) for n in self.deps(element)} <= forward:
                    return False
        return True

    def _tensor_closure(self, node: ast.AST) -> list:
        """The tensor statements (Defs) an expression reads, directly or through others."""
        found, todo = [], [self.defs[n] for n in self.deps(node)]
        while todo:
            d = todo.pop()
            if d.kind != "tensor" or any(d is f for f in found):
                continue
            found.append(d)
            todo.extend(getattr(d, "dep_defs", []))
        return found

    def _need_top(self, stmt, top: bool) -> None:
        if not top:
            raise self.fail(stmt, "the graph is built inside a loop or a nested block")

    def _plain_targets(self, target) -> bool:
        if isinstance(target, ast.Name):
            return True
        return isinstance(target, (ast.Tuple, ast.List)) and all(isinstance(e, ast.Name) for e in target.elts)

    def _add(self, d: Def) -> None:
        # the definitions this one reads, resolved now: `h = tf.matmul(x, w)` then
        # `h = tf.nn.relu(h)` rebinds `h` (allowed between tensor statements, which run in
        # program order inside a step) and the second reads the first
        d.dep_defs = [self.defs[n] for n in sorted(d.deps)]
        for name in d.names:
            if name == "_" and not self.reads_underscore:
                continue  # `mean, _ = tf.nn.moments(...)`: the throwaway name, never read, is no graph value
            old = self.defs.get(name)
            if old is not None and not (old.kind == d.kind == "tensor"):
                raise self.fail(d.stmt, f"`{name}`{BOUND_TWICE}")
            self.defs[name] = d
        self.order.append(d)

    def _no_graph_construct(self, stmt: ast.stmt) -> None:
        """A statement with no graph name may still use TF 1.x graph machinery (a
        function's body counts where it is called: `_check_called_functions`)."""
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return
        self._graph_under_block(stmt)
        outer = {id(arg): node for node in ast.walk(stmt) if isinstance(node, ast.Call)
                 for arg in [*node.args, *(k.value for k in node.keywords)]}
        for node in ast.walk(stmt):
            called = self.call_name(node) if isinstance(node, ast.Call) else None
            if called in INITIALIZERS and id(node) in outer:
                # `init = tf.group(tf.global_variables_initializer(), tf.local_variables_initializer())`
                wrapper = self.call_name(outer[id(node)]) or "a call"
                raise self.fail(node, f"the variables' initializer given to `{wrapper}`: converted when it is run alone "
                                "(`init = tf.global_variables_initializer()`); local variables (tf.metrics) are not "
                                "converted")
            if called in VARIABLES + (GET_VARIABLE, PLACEHOLDER, SAVER) or called in INITIALIZERS:
                what = ("a placeholder" if called == PLACEHOLDER else "a Saver" if called == SAVER
                        else "the variables' initializer" if called in INITIALIZERS else "a variable")
                where = {ast.For: "in a loop", ast.While: "in a loop", ast.If: "in a branch", ast.With: "in a `with` block",
                         ast.Try: "in a `try` block"}.get(type(stmt), "inside an expression or a statement binding no one name")
                raise self.fail(node, f"{what} created {where}: the converter makes variables once above the steps, "
                                "placeholders their arguments, from statements of the program body binding one name "
                                "(`w = tf.Variable(...)`, `x = tf.placeholder(...)`); write it so")

    def _initializer_choice(self, stmt: ast.stmt) -> str | None:
        """The name an `if` / `elif` / `else` binds in every branch to an initializer of all variables
        (`init = tf.initialize_all_variables()` / `init = tf.global_variables_initializer()`, the
        tutorials' TensorFlow version check), its test reading no graph value and calling only
        int / str / len / split: whichever branch runs, the same op (v1's initialize_all_variables
        is global_variables_initializer), which the conversion deletes. Else None."""
        if not isinstance(stmt, ast.If) or self.deps(stmt.test) or any(
                isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in ("int", "str", "len", "float")
                                                 or isinstance(n.func, ast.Attribute) and n.func.attr == "split")
                for n in ast.walk(stmt.test)):
            return None
        names = set()
        for branch in (stmt.body, stmt.orelse):
            if len(branch) == 1 and isinstance(branch[0], ast.If):
                names.add(self._initializer_choice(branch[0]))
            elif len(branch) == 1 and isinstance(branch[0], ast.Assign) and len(branch[0].targets) == 1 \
                    and isinstance(branch[0].targets[0], ast.Name) and self.call_name(branch[0].value) in INITIALIZERS \
                    and not branch[0].value.args and not branch[0].value.keywords:
                names.add(branch[0].targets[0].id)
            else:
                return None
        return names.pop() if len(names) == 1 and None not in names else None

    def _graph_under_block(self, stmt: ast.stmt) -> None:
        """A Fallback for graph code under a top-level `if` / `for` / `while` / `try` of the
        program body (the cookbook's `if regression_type == 'LASSO': loss = ...`): the first
        assignment inside whose value reads a graph name or builds a graph object (a
        placeholder, variable, saver, initializer). A graph value read by the statement's own
        header (`if y is not None:`) is left to the caller ("used outside `Session.run`")."""
        keyword = {ast.If: "if", ast.For: "for", ast.AsyncFor: "for", ast.While: "while", ast.Try: "try"}.get(type(stmt))
        if keyword is None or isinstance(stmt, ast.For) and self.deps(stmt):
            return  # a `for` reading graph values: one graph statement, or its own reason (`_tensor_loop`)
        makers = VARIABLES + (GET_VARIABLE, PLACEHOLDER, PLACEHOLDER_DEFAULT, SAVER) + INITIALIZERS
        inner = [n for n in ast.walk(stmt) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and n.value is not None and (
            self.deps(n.value) or any(self.call_name(c) in makers for c in ast.walk(n.value) if isinstance(c, ast.Call)))]
        if inner:
            first = min(inner, key=lambda n: (n.lineno, n.col_offset))
            above = first.lineno - stmt.lineno  # (a line number here would be of the text the engine rewrote first)
            where = f"{above} line{'s' * (above != 1)} above" if above else "on this line"
            raise self.fail(first, f"graph code under `{keyword}` ({where}): a graph built in a branch or a loop of "
                            "the program body is not converted (the steps are made from its straight-line graph statements)")

    def _placeholder(self, stmt, name, call) -> bool:
        dtype = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dtype"), None)
        dtype_text = self.qual(dtype) if dtype is not None else None
        if isinstance(dtype, ast.Constant) and isinstance(dtype.value, str):  # placeholder("float"): tf.as_dtype's names
            dtype_text = "tf." + STRING_DTYPES.get(dtype.value, dtype.value)
        elif isinstance(dtype, ast.Call) and isinstance(dtype.func, ast.Name) and not dtype.args and not dtype.keywords \
                and self._dtype_function(dtype.func.id):
            dtype_text = self.source(dtype)  # `data_type()`: a module function returning numeric dtypes
        d = Def(stmt, "placeholder", [name], dtype=dtype_text)
        shape = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "shape"), None)
        d.shape = self.source(shape) if shape is not None else "None"  # None: any shape, as v1 allowed
        self._add(d)
        self._delete(stmt)
        return True

    def _scaled_placeholder(self, value: ast.expr) -> bool:
        """`tf.placeholder(<floating dtype>, shape) <+-*/> <number>`, no string feed in the file (the
        inner placeholder, unnamed, can be fed only by its name)?"""
        if not (isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Sub, ast.Mult, ast.Div))
                and self.call_name(value.left) == PLACEHOLDER and isinstance(value.right, ast.Constant)
                and type(value.right.value) in (int, float)):
            return False
        call = value.left
        dtype = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dtype"), None)
        floating = self.qual(dtype) in ("tf.float16", "tf.float32", "tf.float64") if dtype is not None else False
        return floating and not any(isinstance(n, ast.Constant) and isinstance(n.value, str) and re.fullmatch(r"[\w/]*:\d+", n.value)
                                    for n in ast.walk(self.tree))

    def _dtype_function(self, name: str) -> bool:
        """A module-level function with no parameters whose every return is a numeric
        `tf.<dtype>` (`def data_type(): return tf.float16 if ... else tf.float32`)."""
        function = next((f for f in self.tree.body if isinstance(f, ast.FunctionDef) and f.name == name), None)
        if function is None or function.args.args or function.args.vararg or function.args.kwonlyargs:
            return False
        returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
        return bool(returns) and all(r.value is not None and self.qual(r.value) in NUMERIC_DTYPES for r in returns)

    def _variable_container(self, stmt, name, value) -> bool:
        """`weights = {"h1": tf.Variable(...), ...}` (or a list of them): the tutorials' form."""
        trainable = None
        for element in value.values if isinstance(value, ast.Dict) else value.elts:
            one = self._variable_call(element, self.call_name(element))
            if trainable is not None and one != trainable:
                raise self.fail(element, "a container mixing trainable and non-trainable variables")
            trainable = one
        d = Def(stmt, "variable", [name], trainable=bool(trainable))
        d.spread = f"*{name}.values()" if isinstance(value, ast.Dict) else f"*{name}"
        d.container = True
        self._add(d)
        return True

    def _variable_comprehension(self, value: ast.expr) -> bool:
        """`[tf.Variable(<value of p>) for p in <values>]`: one `for`, no condition, no graph value read and
        no call but the variable's (a random op would draw once per pass, each op of TF 1.x's graph
        seeded apart; a get_variable would need a name per pass)."""
        return isinstance(value, ast.ListComp) and len(value.generators) == 1 and not value.generators[0].ifs \
            and not value.generators[0].is_async and self.call_name(value.elt) in VARIABLES and not self.deps(value) \
            and not any(isinstance(n, ast.Call) and n is not value.elt for n in ast.walk(value))

    def _variable(self, stmt, name, call, called) -> bool:
        trainable = self._variable_call(call, called)
        self._add(Def(stmt, "variable", [name], trainable=trainable))
        return True

    def _variable_call(self, call, called) -> bool:
        if self.deps(call) and not self._from_variables(call, called):
            raise self.fail(call, "a variable whose initial value comes from the graph")
        trainable = True
        for keyword in call.keywords:
            if keyword.arg == "trainable":
                if isinstance(keyword.value, ast.Constant) and keyword.value.value in (True, False):
                    trainable = keyword.value.value
                else:
                    raise self.fail(keyword.value, "`trainable=` not a constant")
        if called == GET_VARIABLE:
            self._replace(call, self._get_variable(call))
            return trainable
        if called == "tf.compat.v1.Variable":
            self._replace(call.func, self.tf("tf.Variable"))
        self._drawn_alone(call)
        return trainable

    def _from_variables(self, call: ast.Call, called: str) -> bool:
        """`tf.Variable(tf.zeros_like(w))`, an initial value read from variables of the program:
        TF 1.x's initializer read them at its run (v1's variables.py guards the read of one not
        yet initialized by its initial value), the eager variable where it is made; the same
        values when no run before the initializer's may have changed them (checked at the
        initializer runs the conversion deletes: `_variable_initialized`, `_initializing_start`)."""
        return called in VARIABLES and all(getattr(self.defs.get(n), "kind", None) == "variable"
                                           and not getattr(self.defs[n], "spread", None) for n in self.deps(call))

    def _drawn_alone(self, call: ast.Call) -> None:
        """A variable's seeded random initial value whose (op, seed) another draw shares
        (`_shared_seeds`, also through the file's functions): drawn in a tf.function of its
        own, a new generator as TF 1.x's graph gave each op."""
        value = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "initial_value"), None)
        if value is not None and any(self._seed_key(n) in self._shared_seeds() for n in self._reached(value)):
            self._replace(value, f"{self._initial_value_helper(call)}(lambda: {self.seeded_source(value)})")

    def _seed_key(self, node) -> tuple | None:
        """(random op, seed text) of a seeded stateful random op call (a random initializer's
        op for get_variable); None for anything else."""
        called = self.call_name(node) if isinstance(node, ast.Call) else None
        if id(node) in self.op_seeds and (called in RANDOM_OPS or called in RANDOM_INITIALIZERS):
            op = RANDOM_OPS[called] if called in RANDOM_OPS else RANDOM_INITIALIZERS[called][0]
            return (op, str(self.op_seeds[id(node)]))  # the seed written (`_seed_random_ops`)
        if called in RANDOM_OPS:
            seed = next((k.value for k in node.keywords if k.arg == "seed"), None)
            return (RANDOM_OPS[called], self.source(seed)) if seed is not None else None
        if called in RANDOM_INITIALIZERS:
            op, names = RANDOM_INITIALIZERS[called]
            seed = dict(zip(names, node.args)).get("seed") or next((k.value for k in node.keywords if k.arg == "seed"), None)
            return (op, self.source(seed)) if seed is not None else None
        if called in FAN_INITIALIZERS:
            op = self._fan_op(node, called)
            if id(node) in self.op_seeds:
                return (op, str(self.op_seeds[id(node)]))
            seed = self._seed_arg(node, called)
            return (op, self.source(seed)) if seed is not None else None
        return None

    def _fan_op(self, call: ast.Call, called: str) -> str:
        """The random op a FAN_INITIALIZERS call draws with (by its `distribution`)."""
        given = {**dict(zip(FAN_INITIALIZERS[called], call.args)), **{k.arg: k.value for k in call.keywords}}
        distribution = given.get("distribution")
        distribution = distribution.value if isinstance(distribution, ast.Constant) else (
            "truncated_normal" if "scale" in given or called.endswith("variance_scaling_initializer") else "uniform")
        return {"uniform": "tf.random.uniform", "untruncated_normal": "tf.random.normal"}.get(distribution, "tf.random.truncated_normal")

    def _shared_seeds(self) -> set[tuple]:
        """The (op, seed) pairs more than one variable's initial value draws with. A graph
        gives each random op its own generator (equal seeds: equal first values); eager ops
        of the same kind and seed share one kernel and its state, so the second draws on."""
        if not hasattr(self, "_shared"):
            counts: dict[tuple, int] = {}
            enclosing = {id(n): f for f in self.tree.body if isinstance(f, ast.FunctionDef) for n in ast.walk(f)}
            for node in ast.walk(self.tree):
                called = self.call_name(node) if isinstance(node, ast.Call) else None
                if called in VARIABLES + (GET_VARIABLE,):
                    # a variable made in a module function is made once per call of it
                    function = enclosing.get(id(node))
                    times = max(1, self._calls_of(function.name)) if function is not None else 1
                    for inner in self._reached(node):
                        key = self._seed_key(inner)
                        if key is not None:
                            counts[key] = counts.get(key, 0) + times
            self._shared = {key for key, n in counts.items() if n > 1}
            # a seed that is not a number (`seed=SEED`) may equal one written here: each draws in its own function
            for op in {op for op, seed in counts if not seed.isdigit() and self.op_seeds}:
                same_op = [key for key in counts if key[0] == op]
                if len(same_op) > 1:
                    self._shared.update(same_op)
        return self._shared

    def _calls_of(self, name: str) -> int:
        """How many calls of the module function `name` the file has (outside its own body)."""
        function = self.local_functions.get(name)
        inside = {id(n) for n in ast.walk(function)} if function is not None else set()
        return sum(1 for n in ast.walk(self.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                   and n.func.id == name and id(n) not in inside)

    def _reached(self, node: ast.AST):
        """The nodes of `node` and of the file's functions it calls (`init(shape)` returning
        `tf.random_normal(shape, seed=1)`), each function once."""
        stack, seen = [node], set()
        while stack:
            current = stack.pop()
            for inner in ast.walk(current):
                yield inner
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in self.local_functions \
                        and inner.func.id not in seen:
                    seen.add(inner.func.id)
                    stack.append(self.local_functions[inner.func.id])

    def _initial_value_helper(self, node) -> str:
        """The name of a module function running a seeded random initial value in a
        tf.function of its own (written once, above the module statement holding `node`)."""
        if not hasattr(self, "_initial_name"):
            self._initial_name = self.fresh("initial_value")
            top = next(stmt for stmt in self.tree.body if stmt.lineno <= node.lineno <= stmt.end_lineno)
            first = min([top.lineno] + [d.lineno for d in getattr(top, "decorator_list", [])])
            self.edits.append((self.starts[first - 1], self.starts[first - 1], self.initial_value_definition()))
        return self._initial_name

    def initial_value_definition(self) -> str:
        """The text defining the `initial_value` helper `_initial_value_helper` named (a pass
        writing its own edits, as tf2_classes does, writes it from here)."""
        return "\n".join([
            f"def {self._initial_name}(make):",
            "    # a seeded random initial value as TF 1.x drew it: a graph gives each random op its own",
            "    # generator, eager ops with the same seed share one; a tf.function has its own",
            f"    return {self.tf('tf.function')}(make)()",
        ]) + "\n\n\n"

    def _get_variable(self, call: ast.Call) -> str:
        params = ("name", "shape", "dtype", "initializer")
        args = {}
        for param, arg in zip(params, call.args):
            args[param] = arg
        for keyword in call.keywords:
            if keyword.arg in NONE_DEFAULTS and isinstance(keyword.value, ast.Constant) and keyword.value.value is None:
                continue  # `regularizer=None`: v1's default written out
            if keyword.arg not in ("name", "shape", "dtype", "initializer", "trainable"):
                raise self.fail(keyword.value if keyword.arg else call, f"get_variable(`{keyword.arg}=`) is not converted")
            args[keyword.arg] = keyword.value
        binding = self._initializer_binding(call, args.get("initializer"))
        if binding is not None:  # `initer = ...` then `initializer=initer`: the initializer written in its place
            args["initializer"] = binding.value
            if binding not in self.deleted_stmts:  # (a module-level one may serve several)
                self._delete(binding)
        init = args.get("initializer")
        value_called = self.call_name(init) if isinstance(init, ast.Call) else None
        same_dtype = "dtype" in args and isinstance(init, ast.Call) and any(
            k.arg == "dtype" and self.source(k.value) == self.source(args["dtype"]) for k in init.keywords)
        if "name" in args and "shape" not in args and ("dtype" not in args or same_dtype) and value_called in TENSOR_INITIAL_VALUES:
            # `get_variable('scalar', initializer=tf.constant(2))`: a tensor as the initial value
            # (v1 then takes the shape and dtype from it), as tf.Variable takes one; a `dtype=`
            # beside it, the tensor's own `dtype=` (easy-tensorflow's bias_variable), was only
            # checked by v1 (variable_scope.py: ValueError "Initializer type ... and explicit dtype
            # ... don't match" otherwise)
            extra = "".join(f", trainable={self.source(k.value)}" for k in call.keywords if k.arg == "trainable")
            return f"{self.tf('tf.Variable')}({self.source(init)}, name={self.source(args['name'])}{extra})"
        if "name" not in args:
            raise self.fail(call, "get_variable without a name")
        if "shape" not in args:
            raise self.fail(call, "get_variable without a shape, its initializer not a tf.constant / zeros / ones "
                            "tensor (v1 took the shape from a tensor initializer)")
        shape = self._shape_text(args["shape"])
        dtype = self.source(args["dtype"]) if "dtype" in args else None
        init = args.get("initializer")
        dtype_arg = f", dtype={dtype}" if dtype else ""
        called = self.call_name(init) if init is not None else None
        if init is None:
            value = self._glorot_uniform(call, args["shape"], dtype)
        elif called in FAN_INITIALIZERS:
            value = self._fan_initializer(call, init, called, args["shape"], dtype)
        elif called in KERAS_INITIALIZERS and not any(k.arg is None for k in init.keywords):
            # Keras 3's initializer, as the compat program called it (its seed: Python's
            # `random` when none is given, in a graph and eagerly alike)
            value = f"{self.source(init)}({shape}, dtype={dtype or self.tf('tf.float32')})"
        elif called in CONSTANT_INITIALIZERS and not init.args and not init.keywords:
            value = f"{self.tf(CONSTANT_INITIALIZERS[called])}({shape}{dtype_arg})"
        elif called == "tf.compat.v1.constant_initializer" and len(init.args) == 1 and not init.keywords:
            value = f"{self.tf('tf.constant_initializer')}({self.source(init.args[0])})({shape}{dtype_arg or ', dtype=' + self.tf('tf.float32')})"
        elif called in RANDOM_INITIALIZERS:
            op, names = RANDOM_INITIALIZERS[called]
            parts = [shape]
            for param, arg in zip(names, init.args):
                parts.append(f"{param}={self.source(arg)}")
            for keyword in init.keywords:
                if keyword.arg not in names:
                    raise self.fail(keyword.value, f"initializer argument `{keyword.arg}=` is not converted")
                if not (keyword.arg == "seed" and id(init) in self.op_seeds):
                    parts.append(f"{keyword.arg}={self.source(keyword.value)}")
            if id(init) in self.op_seeds:  # the op seed TF 1.x's graph gave the initializer's op
                parts = [p for p in parts if not p.startswith("seed=")] + [f"seed={self.op_seeds[id(init)]}"]
            if dtype and not any(p.startswith("dtype=") for p in parts):
                parts.append(f"dtype={dtype}")
            value = f"{self.tf(op)}({', '.join(parts)})"
            if self._seed_key(init) in self._shared_seeds():
                value = f"{self._initial_value_helper(call)}(lambda: {value})"
        else:
            raise self.fail(init, INITIALIZER_NOT_CONVERTED)
        extra = ""
        for keyword in call.keywords:
            if keyword.arg == "trainable":
                extra = f", trainable={self.source(keyword.value)}"
        return f"{self.tf('tf.Variable')}({value}, name={self.source(args['name'])}{extra})"

    def _shape_text(self, shape: ast.expr) -> str:
        """get_variable's `shape` as the initial value's op takes it: a static dimension read in a list
        (`[x.get_shape()[1], 10]`) written `int(...)`, as v1's get_variable took the Dimension's value (None
        refused); in an op's shape argument the compat pass would make it the dynamic `tf.shape(x)[1]` (MIG215)."""
        if not isinstance(shape, (ast.List, ast.Tuple)):
            return self.source(shape)
        parts = []
        for element in shape.elts:
            text = self.source(element)
            static = isinstance(element, ast.Subscript) and (
                isinstance(element.value, ast.Attribute) and element.value.attr == "shape"
                or isinstance(element.value, ast.Call) and isinstance(element.value.func, ast.Attribute)
                and element.value.func.attr == "get_shape" and not element.value.args)
            parts.append(f"int({text})" if static else text)
        inner = ", ".join(parts) + ("," if isinstance(shape, ast.Tuple) and len(parts) == 1 else "")
        return f"[{inner}]" if isinstance(shape, ast.List) else f"({inner})"

    def _fan_initializer(self, call: ast.Call, init: ast.Call, called: str, shape_node: ast.expr, dtype: str | None) -> str:
        """`get_variable(..., initializer=init)` with a FAN_INITIALIZERS `init` -> the op its
        VarianceScaling ran (init_ops.VarianceScaling.__call__ of TF 2.21, the same arithmetic),
        with its seed or the graph's count."""
        names = FAN_INITIALIZERS[called]
        given = {**dict(zip(names, init.args)), **{k.arg: k.value for k in init.keywords}}
        if None in given or set(given) - set(names):
            raise self.fail(init, INITIALIZER_NOT_CONVERTED)
        try:
            scale = float(_number(given["scale"])) if "scale" in given else 1.0
            mode = ast.literal_eval(given["mode"]) if "mode" in given else ("fan_avg" if "scale" not in given else "fan_in")
            distribution = ast.literal_eval(given["distribution"]) if "distribution" in given else (
                "uniform" if "scale" not in given else "truncated_normal")
        except (ValueError, TypeError):
            raise self.fail(init, "an initializer argument that is not a literal is not converted") from None
        if mode not in ("fan_in", "fan_out", "fan_avg") or distribution not in ("normal", "truncated_normal", "untruncated_normal", "uniform"):
            raise self.fail(init, f"initializer mode {mode!r} / distribution {distribution!r} is not converted")
        op, parts = self._variance_scaling(call, shape_node, scale, mode, distribution)
        parts.insert(0, self.source(shape_node))
        if "dtype" in given or dtype:
            parts.append(f"dtype={dtype or self.source(given['dtype'])}")
        if id(init) in self.op_seeds:
            parts.append(f"seed={self.op_seeds[id(init)]}")
        elif "seed" in given:
            parts.append(f"seed={self.source(given['seed'])}")
        value = f"{self.tf(op)}({', '.join(parts)})"
        if self._seed_key(init) in self._shared_seeds():
            value = f"{self._initial_value_helper(call)}(lambda: {value})"
        return value

    def _fans(self, call: ast.Call, shape_node: ast.expr) -> tuple[int | str, int | str]:
        """(fan_in, fan_out) of a written shape, as init_ops._compute_fans counts them: numbers
        for a shape of numbers (literals or their arithmetic: `[7 * 7 * 64, 10]`); for a list
        with other dimensions (`[input_size, H]`, Python values of the program) the Python
        expressions computing them where the variable is made."""
        if not isinstance(shape_node, (ast.List, ast.Tuple)):
            raise self.fail(call, "get_variable's initializer (glorot / variance scaling) with a shape that is not "
                            "written as a list: its limit comes from the shape's fans")
        try:
            dims = [_number(d) for d in shape_node.elts]
        except ValueError:
            dims = None
        if dims is not None and all(isinstance(d, int) for d in dims):
            if len(dims) == 0:
                return 1, 1
            if len(dims) == 1:
                return dims[0], dims[0]
            receptive = math.prod(dims[:-2])
            return dims[-2] * receptive, dims[-1] * receptive
        for dim in shape_node.elts:
            if isinstance(dim, ast.Starred) or self.deps(dim):
                raise self.fail(call, "get_variable's initializer (glorot / variance scaling) with a shape computed "
                                "from the graph: its limit comes from the shape's fans")
        texts = [self.source(d) if isinstance(d, (ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.Constant))
                 else f"({self.source(d)})" for d in shape_node.elts]
        if len(texts) == 1:
            return texts[0], texts[0]
        receptive = "".join(f" * {t}" for t in texts[:-2])
        return f"{texts[-2]}{receptive}", f"{texts[-1]}{receptive}"

    def _sqrt_name(self, call: ast.Call) -> str:
        """`math.sqrt` or `<numpy>.sqrt` as the file imports them (both IEEE's correctly rounded
        square root, the one init_ops' math.sqrt computed): the limit of a variance-scaling
        initializer over a shape known only when the program runs."""
        modules = {a.asname or a.name: a.name for n in self.tree.body if isinstance(n, ast.Import) for a in n.names}
        for module in ("math", "numpy"):
            name = next((bound for bound, imported in modules.items() if imported == module), None)
            if name is not None:
                return f"{name}.sqrt"
        raise self.fail(call, "get_variable's initializer (glorot / variance scaling) with a shape known when the "
                        "program runs, in a file that imports neither math nor numpy (its limit is a square root "
                        "of the fans): add `import math`")

    def _variance_scaling(self, call: ast.Call, shape_node: ast.expr, scale: float, mode: str,
                          distribution: str) -> tuple[str, list[str]]:
        """The random op and its (mean, stddev) or (minval, maxval) texts that v1's
        init_ops.VarianceScaling(scale, mode, distribution) ran for `shape_node`: numbers when
        the fans are, else the same arithmetic (in the same order, so the same doubles) computed
        when the program runs."""
        fan_in, fan_out = self._fans(call, shape_node)
        if isinstance(fan_in, int) and isinstance(fan_out, int):
            scale /= max(1.0, {"fan_in": fan_in, "fan_out": fan_out}.get(mode, (fan_in + fan_out) / 2.0))
            if distribution in ("normal", "truncated_normal"):
                return "tf.random.truncated_normal", ["0.0", repr(math.sqrt(scale) / 0.87962566103423978)]
            if distribution == "untruncated_normal":
                return "tf.random.normal", ["0.0", repr(math.sqrt(scale))]
            limit = math.sqrt(3.0 * scale)
            return "tf.random.uniform", [f"-{limit!r}", repr(limit)]
        sqrt = self._sqrt_name(call)
        fans = {"fan_in": f"max(1.0, {fan_in})", "fan_out": f"max(1.0, {fan_out})"}.get(
            mode, f"max(1.0, ({fan_in} + {fan_out}) / 2.0)")
        scaled = f"{scale!r} / {fans}"
        if distribution in ("normal", "truncated_normal"):
            return "tf.random.truncated_normal", ["0.0", f"{sqrt}({scaled}) / {0.87962566103423978!r}"]
        if distribution == "untruncated_normal":
            return "tf.random.normal", ["0.0", f"{sqrt}({scaled})"]
        limit = f"{sqrt}(3.0 * ({scaled}))"
        return "tf.random.uniform", [f"-{limit}", limit]

    def _glorot_uniform(self, call: ast.Call, shape_node: ast.expr, dtype: str | None) -> str:
        """get_variable's default initializer, v1's glorot_uniform_initializer(): VarianceScaling
        (1.0, "fan_avg", "uniform") of TensorFlow's init_ops, i.e. `random_uniform(shape, -limit,
        limit)` with limit = sqrt(3 / max(1, (fan_in + fan_out) / 2)) from the shape's fans, and
        the op seed the graph's count gave it (measured: equal values, float32 and float64)."""
        op, bounds = self._variance_scaling(call, shape_node, 1.0, "fan_avg", "uniform")
        parts = [self.source(shape_node), *bounds]
        if dtype:
            parts.append(f"dtype={dtype}")
        if id(call) in self.op_seeds:
            parts.append(f"seed={self.op_seeds[id(call)]}")
        return f"{self.tf(op)}({', '.join(parts)})"

    def _keras_optimizer(self, call: ast.Call, d: Def) -> str:
        """The Keras optimizer with the same update rule as the v1 one `call` makes (recorded
        on its Def `d`). A learning rate computed in the graph (`exponential_decay` of the
        global step) is evaluated in the training step: GradientDescent's and Adam's Keras
        twins get it assigned to their `learning_rate` before each update (the same formulas
        with the rate of the step); MomentumOptimizer's rule becomes the step's own update of
        accumulators (the text returned makes them), because Keras' SGD scales each past
        gradient by the rate of its own step where TF 1.x scales the accumulated sum by the
        current rate: the two differ once the rate changes."""
        v1 = self.call_name(call).rsplit(".", 1)[1]
        if v1 in OWN_RULES:
            return self._own_rule(call, d, v1)
        gathered = next((n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) in SPARSE_READS
                         and n.args and self._maybe_variable(n.args[0])), None)
        if gathered is not None and v1 not in SPARSE_EXACT:
            # measured (embedding_lookup of a variable, an id twice in a batch, 4 steps): v1's sparse
            # Momentum moves only the rows read at each step, Keras' SGD every row; Adam's and
            # Adagrad's own sparse rules are written out (`V1_ADAM`, `V1_ADAGRAD`)
            raise self.fail(call, f"{v1} on a program that gathers rows of a variable (`{self.source(gathered.func)}`"
                            f"): its gradient is sparse, which v1's {v1} applies with its sparse "
                            "kernel (the rows read) and the Keras optimizer otherwise; converted for "
                            f"{', '.join(SPARSE_EXACT)}")
        keras, positional, renames, defaults = _optimizer_table()[v1]
        nodes = optimizer_arguments(call, positional, self.fail)
        values = {param: self.source(node) for param, node in nodes.items()}
        for param, node in nodes.items():
            if self.deps(node) and param != "learning_rate":
                raise self.fail(node, f"optimizer argument `{param}` computed in the graph")
        if "learning_rate" in nodes and self.deps(nodes["learning_rate"]):
            d.lr, d.lr_deps = values["learning_rate"], self.deps(nodes["learning_rate"])
            if v1 in ("GradientDescentOptimizer", "AdamOptimizer"):
                # their Keras twin reads its learning_rate variable at each update: set in the step
                # (any value until then; TF 1.x computed the rate in each run as the step does)
                d.assign_lr = True
                values["learning_rate"] = "0.0"
                nodes.pop("learning_rate")
            elif v1 != "MomentumOptimizer" or set(values) - {"learning_rate", "momentum", "use_locking", "name"} \
                    or "momentum" not in values:
                raise self.fail(nodes["learning_rate"], f"a learning rate computed in the graph for {v1} (converted for "
                                "GradientDescent, Adam and MomentumOptimizer(rate, momentum) without use_nesterov)")
        if getattr(d, "lr", None) and not getattr(d, "assign_lr", False):
            d.momentum = values["momentum"]
            d.slots_for = self._slot_variables(call, d, f"{v1} with a learning rate computed in the graph")
            if d.lazy_slots:
                return "[]"
            return (f"[{self.tf('tf.Variable')}({self.tf('tf.zeros_like')}(v), trainable=False) "
                    f"for v in [{', '.join(d.slots_for)}]]")
        return keras_optimizer_text(self.tf("tf.keras.optimizers." + keras), values, renames, defaults,
                                    lambda why: self.fail(call, why))

    def _maybe_variable(self, node: ast.AST) -> bool:
        """Can `node`, the params of a gather, be a variable: a name of a program variable, or an
        attribute (`self.W` of a model object's class, which makes it)?"""
        if isinstance(node, ast.Name):
            d = self.defs.get(node.id)
            if d is not None:
                return d.kind == "variable"
            # a name of a function or class body (a builder's `W = self.variable(lambda: tf.Variable(...))`)
            return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in s.targets)
                       and any(isinstance(n, ast.Call) and (self.call_name(n) in VARIABLES + (GET_VARIABLE,) or isinstance(
                           n.func, ast.Attribute) and n.func.attr == "variable") for n in ast.walk(s.value))
                       for s in ast.walk(self.tree))
        return isinstance(node, ast.Attribute)

    def _slot_variables(self, call: ast.Call, d: Def, what: str) -> list[str]:
        """The trainable variables the slot variables of an optimizer written out (`what`, its Def
        `d`) are made for. Where a Keras layer's variables are among them, which the layer makes at
        its first call, in the step, the slots are made in the step after that call, once
        (`d.lazy_slots`: `_lazy_slot_lines`): v1 made them with the optimizer, ones and zeros of each
        variable's shape, the same values. Raises Fallback for such a program with a Saver (its
        Checkpoint would be made before the slots)."""
        trained = [getattr(v, "spread", v.names[0]) for v in self.order if v.kind == "variable" and v.trainable]
        layers = [name for name in trained if name.endswith(".trainable_variables")]
        if layers and any(isinstance(n, ast.Call) and self.call_name(n) == SAVER for n in ast.walk(self.tree)):
            raise self.fail(call, f"{what}, written out on slot variables, training the variables of a layer "
                            f"(`{layers[0].lstrip('*')}`) that makes them at its first call, in the step, in a program "
                            "with a Saver, whose Checkpoint would be made before them")
        d.lazy_slots = bool(layers)
        return trained

    def _lazy_slot_lines(self, opt: Def, slots: str, variables: str, make: str) -> list[str]:
        """The lines of the step making `slots` (a list made empty where the optimizer was) at its
        first run, after the layers' calls above made their variables: `make` of each variable `v`."""
        if not getattr(opt, "lazy_slots", False):
            return []
        return [(f"if not {slots}:  # made once the layers above have made their variables (v1 made these with the "
                 "optimizer: the same ones and zeros)"),
                f"    {slots}.extend([{make} for v in {variables}])"]

    def _own_rule(self, call: ast.Call, d: Def, v1: str) -> str:
        """A v1 optimizer of OWN_RULES: its slot variables, one tuple per trainable variable
        (for RMSProp: the mean square, ones; the momentum, zeros), made where the optimizer
        was; the step applies v1's kernel formula to them (`_rule_lines`). Its arguments are
        read once, as v1 read them when it built its update op."""
        positional, defaults = OWN_RULES[v1]
        values: dict[str, str] = dict(defaults)
        if len(call.args) > len(positional) or any(isinstance(a, ast.Starred) for a in call.args):
            raise self.fail(call, "optimizer arguments not converted")
        pairs = list(zip(positional, call.args))
        for keyword in call.keywords:
            if keyword.arg is None or keyword.arg not in positional:
                raise self.fail(call, "optimizer arguments not converted")
            pairs.append((keyword.arg, keyword.value))
        for param, node in pairs:
            if param == "name" or (param == "use_locking"):
                continue
            if param == "centered":
                if not (isinstance(node, ast.Constant) and node.value is False):
                    raise self.fail(node, f"{v1}(centered=...) is not converted (only the plain rule)")
                continue
            if self.deps(node):
                raise self.fail(node, f"optimizer argument `{param}` computed in the graph")
            values[param] = self.source(node)
        if "learning_rate" not in values:
            raise self.fail(call, "optimizer arguments not converted")
        d.rule, d.lr, d.lr_deps = v1, values["learning_rate"], set()
        d.rule_args = values
        d.slots_for = self._slot_variables(call, d, v1)
        variable = self.tf("tf.Variable")
        if d.lazy_slots:
            return "[]"
        return (f"[({variable}({self.tf('tf.ones_like')}(v), trainable=False), "
                f"{variable}({self.tf('tf.zeros_like')}(v), trainable=False)) for v in [{', '.join(d.slots_for)}]]")

    def _rule_lines(self, opt: Def, slots: str, gradients: str, variables: str, sparse: bool | None = None) -> list[str]:
        """The step's update by v1's own rule for `opt` (a Def with `rule`): the formula of its
        dense kernel, tensorflow/core/kernels/training_ops.cc, operation for operation, with
        the scalar hyper-parameters cast to the variable's dtype as v1 did (a float32 tensor
        of the Python number, then cast; 1 - decay computed in that dtype, as the kernel does). Measured under TF 2.21: the same bits as v1's optimizer
        step after step; with `/` instead of divide_no_nan, Grappler's SqrtDivToRsqrtMul
        rewrite in the tf.function changes the last bits and training drifts.

        On a program that gathers rows of a variable, a gradient of gathered rows (IndexedSlices)
        takes v1's sparse path (optimizer.py `_apply_sparse_duplicate_indices`): repeated rows
        summed (`_deduplicate_indexed_slices`), then v1's own kernel, SparseApplyRMSProp's resource
        twin, on the rows read only (the other rows' slots neither decay nor move). Measured under
        TF 2.21 against v1's graph: the same float32 bits, step after step. `sparse`: whether the
        program gathers rows of what may be a variable (None: the engine's reading of its tree)."""
        args = opt.rule_args
        ms, mom = self.fresh("ms"), self.fresh("mom")
        cast = self.tf("tf.cast")
        if sparse is None:
            params = [(n.args[:1] or [k.value for k in n.keywords if k.arg == "params"] or [None])[0]
                      for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) in SPARSE_READS]
            sparse = any(p is None or self._maybe_variable(p) for p in params)  # a gather of what may be a variable
        branch = []
        if sparse:
            rows, position = self.fresh("rows"), self.fresh("position")
            branch = [
                (f"    if isinstance(g, {self.tf('tf.IndexedSlices')}):  # v1's sparse rule: repeated rows summed, "
                 "then its SparseApplyRMSProp kernel on the rows read"),
                f"        {rows}, {position} = {self.tf('tf.unique')}(g.indices)",
                f"        {self.tf('tf.raw_ops.ResourceSparseApplyRMSProp')}(",
                f"            var=v.handle, ms={ms}.handle, mom={mom}.handle, lr={cast}({opt.lr}, g.dtype),",
                f"            rho={cast}({args['decay']}, g.dtype), momentum={cast}({args['momentum']}, g.dtype),",
                f"            epsilon={cast}({args['epsilon']}, g.dtype), indices={rows},",
                (f"            grad={self.tf('tf.math.unsorted_segment_sum')}(g.values, {position}, "
                 f"{self.tf('tf.shape')}({rows})[0]))"),
                "        continue",
            ]
        variable, ones, zeros = self.tf("tf.Variable"), self.tf("tf.ones"), self.tf("tf.zeros")
        return [
            *self._lazy_slot_lines(opt, slots, variables, f"({variable}({ones}(v.shape, v.dtype), trainable=False), "
                                   f"{variable}({zeros}(v.shape, v.dtype), trainable=False))"),
            "# RMSPropOptimizer's rule (TF 1.x's ApplyRMSProp): ms += (g^2 - ms) * (1 - decay); "
            "mom = mom * momentum + g * rate / sqrt(ms + epsilon); var -= mom",
            f"for g, v, ({ms}, {mom}) in zip({gradients}, {variables}, {slots}):",
            *branch,
            "    if g is not None:",
            f"        {ms}.assign_add(({self.tf('tf.square')}(g) - {ms}) * (1 - {cast}({args['decay']}, g.dtype)))",
            "        # divide_no_nan divides as `/` does here (ms + epsilon > 0); tf.function's graph optimizer",
            "        # rewrites x / sqrt(y) into x * rsqrt(y), which rounds otherwise than v1's kernel",
            f"        {mom}.assign({mom} * {cast}({args['momentum']}, g.dtype) + {self.tf('tf.math.divide_no_nan')}("
            f"g * {cast}({opt.lr}, g.dtype), {self.tf('tf.sqrt')}({ms} + {cast}({args['epsilon']}, g.dtype))))",
            f"        v.assign_sub({mom})",
        ]

    def _gradients(self, stmt, name, call) -> bool:
        """`gv = opt.compute_gradients(loss)` ... `train = opt.apply_gradients(pairs)`: the
        gradients come from the step's tape; what the program does to them in between
        (clipping) runs after it, in program order."""
        optimizer = call.func.value.id
        if call.func.attr == "compute_gradients":
            given = [*call.args[1:], *(k.value for k in call.keywords if k.arg == "var_list")]
            var_list = given[0] if len(given) == 1 and len(call.args) + len(call.keywords) == 2 \
                and self.deps(given[0]) and self._variables_only(given[0]) else None
            if len(call.args) + len(call.keywords) == 1 + (var_list is not None) and call.args \
                    and not isinstance(call.args[0], ast.Name):
                raise self.fail(call.args[0], LOSS_EXPRESSION)
            if len(call.args) + len(call.keywords) != 1 + (var_list is not None) or not call.args \
                    or not isinstance(call.args[0], ast.Name) or getattr(self.defs.get(call.args[0].id), "kind", None) != "tensor":
                raise self.fail(call, "compute_gradients with arguments other than a loss tensor name and a var_list "
                                "of the program's variables")
            d = Def(stmt, "grads", [name], {call.args[0].id} | (self.deps(var_list) if var_list is not None else set()),
                    loss=call.args[0].id, optimizer=optimizer)
            d.var_list = var_list
            self._add(d)
            self._delete(stmt)
            return True
        global_step = None
        args = list(call.args)
        for keyword in call.keywords:
            if keyword.arg == "global_step" and isinstance(keyword.value, ast.Name) \
                    and getattr(self.defs.get(keyword.value.id), "kind", None) == "variable":
                global_step = keyword.value.id
            elif keyword.arg == "grads_and_vars" and not args:  # (aymericdamien's tensorboard_advanced)
                args.append(keyword.value)
            else:
                raise self.fail(keyword.value if keyword.arg else call, f"apply_gradients(`{keyword.arg}=`) is not converted")
        if len(args) != 1 or not self.deps(args[0]) or not (self._from_compute_gradients(self.deps(args[0]))
                                                             or self._zipped_pairs(args[0])):
            raise self.fail(call, APPLY_PAIRS)
        self._one_training_op(call, optimizer)
        d = Def(stmt, "train", [name], self.deps(args[0]), optimizer=optimizer)
        d.global_step = global_step
        d.pairs = args[0]
        self._add(d)
        self._delete(stmt)
        return True

    def _zipped_pairs(self, pairs: ast.expr) -> bool:
        """`zip(gradients, variables)` handed to apply_gradients, `variables` the program's variables (through
        lists of them) and `gradients` a name bound to `tf.gradients(loss, variables)` (the same variables
        as the tape's, v1's compute_gradients without its checks: its Def becomes the step's `grads`, a list
        of gradients, `plain`) or a list of fed placeholders (gradients computed outside, no tape); also
        through a name bound once to those pairs (aymericdamien's `grads = list(zip(grads,
        tf.trainable_variables()))`, computed in the step after the tape's gradients)."""
        bound = None
        if isinstance(pairs, ast.Name):
            bound = self.defs.get(pairs.id)
            if bound is None or bound.kind != "tensor" or len(bound.names) != 1 or not isinstance(bound.stmt, ast.Assign) \
                    or len(bound.stmt.targets) != 1 or not isinstance(bound.stmt.targets[0], ast.Name):
                return False
            pairs = bound.stmt.value
        if isinstance(pairs, ast.Call) and self.call_name(pairs) == "list" and len(pairs.args) == 1 and not pairs.keywords:
            pairs = pairs.args[0]  # (the compat pass's `list(zip(...))` of a Python 2 file)
        if not (isinstance(pairs, ast.Call) and self.call_name(pairs) == "zip" and len(pairs.args) == 2
                and not pairs.keywords and self.deps(pairs.args[1]) and self._variables_only(pairs.args[1])):
            return False
        given = pairs.args[0]
        if self._placeholders_only(given):
            return True
        d = self.defs.get(given.id) if isinstance(given, ast.Name) else None
        if bound is not None and d is not None:  # the Def the binding read (`grads = list(zip(grads, ...))` rebinds it)
            d = next((x for x in bound.dep_defs if given.id in x.names), None)
        if d is not None and d.kind == "tensor" and self._gradients_call(d) is None:
            # clipped first (the PTB tutorial's `grads, _ = tf.clip_by_global_norm(gradients, max_norm)`, char-rnn's):
            # computed in the step from the one name bound to tf.gradients among what it reads, after the tape
            sources = [x for x in _defs_reached(getattr(d, "dep_defs", []), ("tensor",))
                       if x.kind == "tensor" and self._gradients_call(x) is not None]
            d = sources[0] if len(sources) == 1 else None
        value = self._gradients_call(d) if d is not None and d.kind == "tensor" else None
        if value is None:
            return False
        d.kind, d.loss, d.var_list, d.plain = "grads", value.args[0].id, value.args[1], True
        return True

    def _gradients_call(self, d: Def) -> ast.Call | None:
        """The `tf.gradients(loss, variables)` call `d` binds to one name (the loss a tensor's name, the
        variables the program's), else None."""
        value = getattr(d.stmt, "value", None)
        if not (isinstance(value, ast.Call) and self.call_name(value) in ("tf.gradients", "tf.compat.v1.gradients")
                and len(value.args) == 2 and not value.keywords and isinstance(value.args[0], ast.Name)
                and getattr(self.defs.get(value.args[0].id), "kind", None) == "tensor"
                and self.deps(value.args[1]) and self._variables_only(value.args[1])
                and len(d.names) == 1 and isinstance(d.stmt, ast.Assign)):
            return None
        return value

    def _placeholders_only(self, node: ast.expr) -> bool:
        """Is `node` a placeholder's name, or a list or tuple of them, directly or through a name bound to one?"""
        if isinstance(node, (ast.List, ast.Tuple)):
            return bool(node.elts) and all(self._placeholders_only(e) for e in node.elts)
        d = self.defs.get(node.id) if isinstance(node, ast.Name) else None
        if d is None:
            return False
        if d.kind == "placeholder":
            return True
        return d.kind == "tensor" and isinstance(d.stmt, ast.Assign) and len(d.names) == 1 \
            and isinstance(d.stmt.value, (ast.List, ast.Tuple)) and self._placeholders_only(d.stmt.value)

    def _from_compute_gradients(self, names: set[str]) -> bool:
        """Some of `names` is, or is computed from, a `compute_gradients` result (its Defs followed)."""
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            d = self.defs.get(name)
            if d is None:
                continue
            if d.kind == "grads":
                return True
            todo.extend(d.deps)
        return False

    def _one_training_op(self, call: ast.Call, optimizer: str) -> None:
        """One v1 optimizer object behind two training ops (`opt.minimize(loss_a, var_list=[a])`,
        `opt.minimize(loss_b, var_list=[b])`): a Keras optimizer is built for the variables of
        its first apply_gradients and refuses others (measured, Keras 3: "Unknown variable").
        Two losses over every variable fail the same way: each step applies only the
        gradients that are not None (measured on the cookbook's activation functions: the
        second step's variables were unknown to the optimizer the first step built)."""
        if not any(d.kind == "train" and getattr(d, "optimizer", None) == optimizer for d in self.order):
            return
        opt = self.defs[optimizer]
        if getattr(opt, "rule", None) or getattr(opt, "lr", None):
            raise self.fail(call, f"a second training op of the optimizer `{optimizer}` (its update rule is written in "
                            "the step for one list of variables, or its learning rate is computed in the graph)")
        self.shared_optimizers.setdefault(optimizer, [])

    def _finish_shared_optimizers(self) -> None:
        """Two training ops of one v1 optimizer (`opt.minimize(loss1)`, `opt.minimize(loss2)`:
        the cookbook's activation functions, GANs' one `solver`): the Keras optimizer is built
        for the variables of all of them, where the last training op was, since Keras 3 serves
        only the variables it was built for (measured: "Unknown variable" at the second step).
        The same state as v1's: one slot per variable whichever op updates it, and one step
        count for both (v1 Adam's beta powers, non-slot variables of the optimizer, were
        multiplied by each op's apply, as Keras' `iterations` counts each apply_gradients).
        A variable made after that statement keeps compat."""
        for optimizer, done in self.shared_optimizers.items():
            if done:
                continue
            trains = [d for d in self.order if d.kind == "train" and getattr(d, "optimizer", None) == optimizer]
            last = trains[-1].stmt
            if last not in self.scope_body and not any(
                    last in s.body for s in self.scope_body if self._session_with(s) is not None):
                raise self.fail(last, f"a second training op of the optimizer `{optimizer}` made inside a block")
            built: list = []
            for train in trains:
                if getattr(train, "var_list", None) is not None:  # the variables it lists, through lists of them
                    built += self._listed_variables(train.var_list)
                else:
                    built += [d for d in self.order if d.kind == "variable" and d.trainable]
            built = list({id(d): d for d in built}.values())
            late = next((d for d in built if d.stmt.lineno > last.lineno), None)
            if late is not None:
                raise self.fail(last, f"a second training op of the optimizer `{optimizer}`, with the variable "
                                f"`{late.names[0]}` made after it (the Keras optimizer is built for them there)")
            listing = f"[{', '.join(getattr(d, 'spread', d.names[0]) for d in built)}]"
            start, end = self.starts[last.lineno - 1], self.starts[last.end_lineno]
            self.edits = [e for e in self.edits if e != (start, end, "") and e != (start, end, _indent(self.lines[last.lineno - 1]) + "pass\n")]
            self._replace_statement(last, f"{optimizer}.build({listing})")
            self.shared_optimizers[optimizer] = True

    def _listed_variables(self, node) -> list:
        """The variable Defs a var_list `node` names, directly or through lists of them (`theta_D
        = [D_W1, D_b1]`), in program order (`_variables_only` holds of `node`)."""
        found = {}
        for name in self.deps(node):
            d = self.defs[name]
            for v in [d] if d.kind == "variable" else self._listed_variables(d.stmt.value):
                found[id(v)] = v
        return sorted(found.values(), key=lambda d: self.order.index(d))

    def _variables_only(self, node) -> bool:
        """Does `node` (a var_list) read only variables, directly or through lists of them?"""
        for name in self.deps(node):
            d = self.defs[name]
            if d.kind == "tensor" and not self._variables_only(d.stmt.value):
                return False
            if d.kind not in ("tensor", "variable"):
                return False
        return True

    def _minimize(self, stmt, name, call) -> bool:
        receiver = call.func.value
        if len(call.args) != 1:
            raise self.fail(call, "minimize with positional arguments after the loss, or with no loss")
        if not isinstance(call.args[0], ast.Name):
            raise self.fail(call.args[0], LOSS_EXPRESSION)
        if call.args[0].id not in self.defs:
            self._trace_untracked(call.args[0].id, stmt.lineno)
            raise self.fail(call.args[0], "minimize of a name that is not a graph tensor built in this program's body")
        global_step = var_list = None
        for keyword in call.keywords:
            if keyword.arg == "global_step" and isinstance(keyword.value, ast.Name) and self.defs.get(keyword.value.id, Def(stmt, "", [])).kind == "variable":
                global_step = keyword.value.id
            elif keyword.arg == "var_list" and self.deps(keyword.value) and self._variables_only(keyword.value):
                var_list = keyword.value
            elif keyword.arg == "name" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                pass  # the train op's name (rasbt's `name='train_op'`): read only by a fetch by name, which is refused
            else:
                raise self.fail(keyword.value if keyword.arg else call, f"minimize(`{keyword.arg}=`) is not converted")
        if isinstance(receiver, ast.Name) and self.defs.get(receiver.id) and self.defs[receiver.id].kind == "optimizer":
            optimizer = receiver.id
            self._one_training_op(call, optimizer)
            self._delete(stmt)
        elif self.call_name(receiver) in _v1_optimizers():
            d = Def(stmt, "optimizer", [])
            text = self._keras_optimizer(receiver, d)
            optimizer = self.fresh("slots" if getattr(d, "rule", None) else "accumulators"
                                   if getattr(d, "lr", None) and not getattr(d, "assign_lr", False) else "optimizer")
            d.names = [optimizer]
            self._replace_statement(stmt, f"{optimizer} = {text}")
            self.defs[optimizer] = d
        elif not isinstance(receiver, (ast.Name, ast.Call)):
            # `params.optimizer.minimize(loss)` (a fresh-eyes trial, an AttrDict of hyperparameters)
            raise self.fail(receiver, f"minimize on `{self.source(receiver)}`, an optimizer read from an attribute or an "
                            "item: the converter follows an optimizer made here and bound to a name (`optimizer = "
                            "tf.train.AdamOptimizer(...)`, then `optimizer.minimize(loss)`); bind it so to convert")
        else:
            raise self.fail(receiver, "minimize on an optimizer the converter does not know (converted: GradientDescent, "
                            "Momentum, which have an exact Keras twin, Adam and Adagrad, written as v1's own Keras "
                            "optimizers, and RMSProp, whose rule the step writes out)")
        d = Def(stmt, "train", [name], {call.args[0].id} | (self.deps(var_list) if var_list is not None else set()),
                loss=call.args[0].id, optimizer=optimizer)
        d.global_step = global_step
        d.var_list = var_list
        self._add(d)
        return True

    def _summary(self, stmt, name, call) -> bool:
        called = self.call_name(call)
        if called == FILE_WRITER:
            logdir = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "logdir"), None)
            if name is None or logdir is None or len(call.args) + len(call.keywords) > 2 \
                    or any(k.arg not in ("graph", "logdir") for k in call.keywords):
                raise self.fail(call, "a FileWriter with arguments other than (logdir[, graph])")
            self._add(Def(stmt, "writer", [name]))
            # the graph argument (`sess.graph`) has no TF 2 counterpart: there is no graph to show
            self._replace(call, f"{self.tf('tf.summary.create_file_writer')}({self.source(logdir)})")
            return True
        if called in MERGE:
            if called.endswith("merge_all"):
                keys = call.args[:1] + [k.value for k in call.keywords if k.arg == "key"]
                if len(call.args) > 1 or any(k.arg != "key" for k in call.keywords):
                    raise self.fail(call, "merge_all with arguments other than the collection's key")
                key = "summaries" if not keys or self.qual(keys[0]) in ("tf.compat.v1.GraphKeys.SUMMARIES",
                                                                         "tf.GraphKeys.SUMMARIES") else self._static_value(keys[0])
                if not isinstance(key, str):
                    raise self.fail(call, "merge_all of a collection whose key is not known before the program runs")
                # the summaries made so far added to that collection (`collections=`; by default GraphKeys.SUMMARIES)
                members = [d for d in self.order if d.kind == "summary" and key in d.collections]  # none: fetched, a Fallback
            else:
                members = self._merged_members(call)
            if name is None:
                raise self.fail(call, "a merged summary not bound to a name")
            d = Def(stmt, "merged", [name])
            d.members = members
            self._add(d)
            self._delete(stmt)
            return True
        self._add(self.summary_definition(stmt, call, self._summary_arguments(call, SUMMARIES[called]), name))
        self._delete(stmt)
        return True

    def summary_definition(self, stmt, call: ast.Call, given: dict[str, ast.expr], name: str | None,
                           deps: set[str] | None = None, value_text: str | None = None) -> Def:
        """The Def of the v1 summary `call` (its arguments `given`) made by `stmt`: its tag, kind and
        collections; its value the tensor argument, or `value_text` computed from `deps` (a summary a
        helper's call site made, migrate/tf2_helpers.py `helper_summaries`)."""
        kind = SUMMARIES[self.call_name(call)]
        tensor = given[SUMMARY_PARAMETERS[kind][1]]
        d = Def(stmt, "summary", [name or self.fresh("summary")], self.deps(tensor) if deps is None else deps)
        d.tag, d.value, d.value_text = self._summary_tag(call, given), tensor, value_text
        d.collections = self._summary_collections(given.get("collections"))
        d.summary_kind = kind
        if kind in ("image", "audio"):
            outputs = self._static_value(given["max_outputs"]) if "max_outputs" in given else 3
            if not isinstance(outputs, int) or isinstance(outputs, bool) or outputs < 1:
                raise self.fail(call, f"summary.{kind} with a max_outputs other than a positive int known before the "
                                "program runs (it decides the tags v1 wrote)")
            d.summary_kind = [kind, outputs]
        if kind == "audio":
            rate = self._static_value(given["sample_rate"])
            if not isinstance(rate, (int, float)) or isinstance(rate, bool):
                raise self.fail(call, "summary.audio with a sample_rate other than a number known before the program runs")
            d.summary_kind.append(rate)
        return d

    def _merged_members(self, call: ast.Call) -> list[Def]:
        """The summaries `tf.summary.merge(inputs)` merges, in order: a list or tuple of summary names and
        names of summary lists (`_summary_list`), or one summary list's name."""
        given = call.args[0] if len(call.args) == 1 and not call.keywords else next(
            (k.value for k in call.keywords if k.arg == "inputs"), None) if not call.args and len(call.keywords) == 1 else None
        elements = given.elts if isinstance(given, (ast.List, ast.Tuple)) else [given] if isinstance(given, ast.Name) else None
        members: list[Def] = []
        for element in elements or [None]:
            d = self.defs.get(element.id) if isinstance(element, ast.Name) else None
            if d is None or d.kind not in ("summary", "summaries") or d.kind == "summary" and element is given:
                raise self.fail(call, "merge of something other than a list of summary names (or a list bound to "
                                "a name, of summaries made in it)")
            members.extend(d.members if d.kind == "summaries" else [d])
        return members

    def _summarizing_site(self, stmt: ast.stmt) -> ast.Call | None:
        """The call of `stmt` of an object of a helper's class making v1 summaries (`l1 = add_layer_1(...)`,
        migrate/tf2_helpers.py) when `stmt` is `name = <that call>`; a Fallback for such a call
        elsewhere (the engine adds its summaries at a call site of that form only)."""
        calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and _summarizing_object(self, n.func.id)]
        if not calls or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With)):
            return None  # (a `with` block's statements are looked at each on its own)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and stmt.value is calls[0] and len(calls) == 1 \
                and self._plain_targets(stmt.targets[0]) or isinstance(stmt, ast.Expr) and stmt.value is calls[0]:
            return calls[0]
        raise self.fail(calls[0], "a call of a helper making v1 summaries other than `name = helper(...)`: TF 1.x added "
                        "its summaries to the graph at each call, the converter places them at a call of that form",
                        calls[0].func.id)

    def _summary_list(self, stmt: ast.Assign) -> bool:
        """`summaries = [tf.summary.scalar("a", a), tf.summary.image("x", x)]` (a list or tuple of v1
        summary calls bound to a name): each summary made as its own statement would be, the name a
        `summaries` Def `tf.summary.merge(summaries)` reads (fetched itself, v1 gave a list of
        serialized Summary protos: not converted)."""
        members = []
        for element in stmt.value.elts:
            name = self.fresh("summary")
            self._summary(stmt, name, element)
            members.append(self.defs[name])
        d = Def(stmt, "summaries", [stmt.targets[0].id])
        d.members = members
        self._add(d)
        return True

    def _record_op_names(self, stmt: ast.stmt) -> None:
        """The names TensorFlow calls of `stmt` give their ops or name scopes (`name="global_step"`,
        `scope="loss"`, literal), under the name scopes read so far: names TF 1.x's graph had in use
        when a later summary of the same name was made (it wrote `global_step_1`). A `with` statement's
        own scope is `scope_entries`; a call inside a function or lambda is not counted here (its
        name stays one `_summary_tag` cannot place)."""
        if isinstance(stmt, (ast.With, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or None in self.name_scopes:
            return
        stack = [stmt]
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            stack.extend(ast.iter_child_nodes(node))
            called = self.call_name(node) if isinstance(node, ast.Call) else None
            if not called or not called.startswith("tf.") or called in SUMMARIES or id(node) in self.named_calls:
                continue
            for keyword in node.keywords:
                if keyword.arg in ("name", "scope") and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str) and keyword.value.value.strip("/"):
                    path = "/".join([*(scope.strip("/") for scope in self.name_scopes), keyword.value.value]).lower()
                    self.op_name_uses[path] = self.op_name_uses.get(path, 0) + 1
                    self.named_calls.add(id(node))

    def _summary_arguments(self, call: ast.Call, kind: str) -> dict[str, ast.expr]:
        """The arguments of a v1 summary call by parameter name (SUMMARY_PARAMETERS)."""
        parameters = SUMMARY_PARAMETERS[kind]
        if len(call.args) > len(parameters) or any(isinstance(a, ast.Starred) for a in call.args) or any(
                k.arg not in parameters for k in call.keywords):
            raise self.fail(call, f"summary.{kind} with arguments other than ({', '.join(parameters)})")
        given = dict(zip(parameters, call.args))
        for keyword in call.keywords:
            if keyword.arg in given:
                raise self.fail(call, f"summary.{kind} given `{keyword.arg}` twice")
            given[keyword.arg] = keyword.value
        for parameter in parameters[:3 if kind == "audio" else 2]:
            if parameter not in given:
                raise self.fail(call, f"summary.{kind} without its `{parameter}`")
        return given

    def _static_value(self, node: ast.expr | None):
        """The str / int / float value `node` has whenever it runs, when the file decides it alone:
        a literal, a name the file binds once (module or body) to one, an f-string, `%`, `+` or
        `"...".format(...)` of those, `str(...)` of one; None otherwise (a loop variable, a parameter,
        a value read at run time)."""
        if isinstance(node, ast.Constant) and type(node.value) in (str, int, float):
            return node.value
        if isinstance(node, ast.Name):
            stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == node.id
                      and not isinstance(n.ctx, ast.Load)]
            bindings = [n for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
                        and isinstance(n.targets[0], ast.Name) and n.targets[0].id == node.id]
            rebound = any(isinstance(n, ast.arg) and n.arg == node.id for n in ast.walk(self.tree)) or any(
                isinstance(n, (ast.Global, ast.Nonlocal)) and node.id in n.names for n in ast.walk(self.tree)) \
                or node.id in self.imported_from
            if len(stores) == 1 and len(bindings) == 1 and not rebound and isinstance(bindings[0].value, ast.Constant):
                return self._static_value(bindings[0].value)
            return None
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append(value.value)
                    continue
                inner = self._static_value(value.value)
                if inner is None or value.conversion not in (-1, ord("s")) or value.format_spec is not None:
                    return None
                parts.append(str(inner))
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            left = self._static_value(node.left)
            right = tuple(self._static_value(e) for e in node.right.elts) if isinstance(node.op, ast.Mod) and isinstance(
                node.right, ast.Tuple) else self._static_value(node.right)
            if left is None or right is None or isinstance(right, tuple) and None in right:
                return None
            try:
                return left + right if isinstance(node.op, ast.Add) else left % right if isinstance(left, str) else None
            except (TypeError, ValueError):
                return None
        if isinstance(node, ast.Call) and not node.keywords:
            values = [self._static_value(a) for a in node.args]
            if None in values:
                return None
            if isinstance(node.func, ast.Name) and node.func.id == "str" and len(values) == 1 and not any(
                    isinstance(n, ast.Name) and n.id == "str" and not isinstance(n.ctx, ast.Load) for n in ast.walk(self.tree)):
                return str(values[0])
            if isinstance(node.func, ast.Attribute) and node.func.attr == "format" and isinstance(
                    node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
                try:
                    return node.func.value.value.format(*values)
                except (IndexError, KeyError, ValueError):
                    return None
        return None

    def _summary_collections(self, node: ast.expr | None) -> set[str]:
        """The graph collections a v1 summary was added to (`collections=`; None: GraphKeys.SUMMARIES,
        the one merge_all() reads): a list or tuple of strings known before the program runs or GraphKeys names."""
        if node is None or isinstance(node, ast.Constant) and node.value is None:
            return {"summaries"}
        keys = set()
        for element in node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]:
            qualified = self.qual(element) or ""
            value = self._static_value(element)
            if qualified.startswith(("tf.compat.v1.GraphKeys.", "tf.GraphKeys.")) and qualified.endswith(".SUMMARIES"):
                keys.add("summaries")
            elif isinstance(value, str) and isinstance(node, (ast.List, ast.Tuple)):
                keys.add(value)
            else:
                raise self.fail(node, "a summary's collections other than a list of names known before the program runs")
        return keys

    def _summary_tag(self, call: ast.Call, given: dict[str, ast.expr]) -> str:
        """The tag TF 1.x wrote for a v1 summary made under the name scopes read so far
        (summary_op_util.summary_scope): the name cleaned (`clean_tag`: each character outside
        [-/\\w.] `_`, leading `/` gone) under the summary's own name scope, so
        `tf.summary.scalar("loss", l)` inside `with tf.name_scope("model"):` wrote `model/loss`
        (measured under TF 2.21's compat graph; an eager v2 summary outside any scope writes
        `loss`); with `family="f"`: `f/model/f/loss`. The name must be known before the program runs
        (`_static_value`: a literal, a constant, an f-string of them). A name the graph had
        seen already it made unique (`loss_1`): a name scope taken by an earlier summary gets the
        suffix TF 1.x's `unique_name` gave (`_1`, `_2`); a scope entered a second time, a name an op
        of the file took with `name=` or a call's name scope took with `scope=`
        (`mean_squared_error(y, out, scope='loss')` made MorvanZhou's `loss` summary `loss_1`),
        and a scope not named by a literal are a Fallback."""
        kind = SUMMARIES[self.call_name(call)]
        name, family = self._static_value(given["name"]), given.get("family")
        if not isinstance(name, str):
            raise self.fail(call, f"summary.{kind} whose name is not a string known before the program runs (a "
                            "loop's or a parameter's value): its tag, which TF 1.x's graph made unique, is not known")
        if family is not None and not (isinstance(family, ast.Constant) and family.value is None):
            family = self._static_value(family)
            if not isinstance(family, str):
                raise self.fail(call, f"summary.{kind} whose family is not a string known before the program runs")
        else:
            family = None
        if None in self.name_scopes:
            raise self.fail(call, "a summary under a name scope whose name is not a literal string: TF 1.x's tag "
                            "carried the scope's name")
        name = INVALID_TAG_CHARACTERS.sub("_", name).lstrip("/")
        family = None if family is None else INVALID_TAG_CHARACTERS.sub("_", family).lstrip("/")
        base = name if family is None else f"{family}/{name}"
        if not VALID_SCOPE_NAME.match(base) or base.endswith("/") or "//" in base:
            raise self.fail(call, f"a summary named `{base}`: not a name scope TF 1.x opened as given")
        scopes = [scope.strip("/") for scope in self.name_scopes]
        full = "/".join([*scopes, base])
        # names ops took (`name=`) and name scopes calls opened (`scope=`: v1's losses, contrib layers)
        # (a summary's own `name=` is its name, not another op's; an op of the program's statements read so
        # far is counted where it was made, `_record_op_names`, and one after the summary took another name)
        later = {id(n) for stmt in self.scope_body if stmt.lineno > call.end_lineno for n in ast.walk(stmt)}
        op_names = {k.value.value.lower() for n in ast.walk(self.tree) if isinstance(n, ast.Call) and id(n) not in later
                    and id(n) not in self.named_calls and self.call_name(n) not in SUMMARIES for k in n.keywords
                    if k.arg in ("name", "scope") and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)}
        paths = ["/".join(scopes[:k]) for k in range(1, len(scopes) + 1)]
        parts = {part.lower() for part in [*scopes, *base.split("/")]}
        called = {(self.call_name(n) or "").rsplit(".", 1)[-1].lower() for n in ast.walk(self.tree) if isinstance(n, ast.Call)
                  and id(n) not in later and not (self.call_name(n) or "").startswith("tf.compat.v1.summary.")}
        if parts & op_names or any(len(self.scope_entries[p]) > 1 for p in paths) or full.lower() in self.summary_suffixed \
                or base.split("/")[0].lower() in OP_TYPE_NAMES | called and ("/" not in base or family is not None):
            # (an op of the scope named by its type, `Mean` of reduce_mean, or a call's own scope, `dense`,
            # may have taken the name first: measured, `scalar("mean", tf.reduce_mean(v))` wrote `mean_1`; a
            # name of several parts, `mean/error`, is made unique as a whole path: measured, written as given)
            raise self.fail(call, f"a summary tag `{full}` whose name TF 1.x's graph made unique (`{full}_1` or a "
                            "scope's `_1`): the name was used before")
        # Graph.unique_name: the k-th use of a name scope is `name_k` (names compared lower-cased),
        # the suffixed name marked used as well
        count = self.summary_tags.get(full.lower(), 0) + self.op_name_uses.get(full.lower(), 0) + sum(
            len(entries) for path, entries in self.scope_entries.items() if path.lower() == full.lower())
        self.summary_tags[full.lower()] = count + 1
        if count:
            full = f"{full}_{count}"
            self.summary_suffixed.add(full.lower())
        return full if family is None else f"{family}/{full}"

    def _plain_variable_scope(self, item: ast.withitem) -> bool:
        """`tf.compat.v1.variable_scope("name")` (or `name_or_scope="name"`) with no other argument
        and no `as` name the program reads: no reuse, initializer, partitioner or custom getter to
        carry over (DeepLearningZeroToAll's `with tf.variable_scope('layer1') as scope:`, `scope` unread)."""
        call = item.context_expr
        if not isinstance(call, ast.Call) or self.call_name(call) != "tf.compat.v1.variable_scope":
            return False
        if item.optional_vars is not None and not (isinstance(item.optional_vars, ast.Name) and not any(
                isinstance(n, ast.Name) and n.id == item.optional_vars.id and not isinstance(n.ctx, ast.Store)
                for n in ast.walk(self.tree))):
            return False  # `as scope` read (`scope.name`, `scope.reuse_variables()`)
        given = call.args if call.args else [k.value for k in call.keywords if k.arg == "name_or_scope"]
        return len(call.args) + len(call.keywords) == 1 and len(given) == 1 and isinstance(given[0], ast.Constant) \
            and isinstance(given[0].value, str) and bool(given[0].value.strip("/"))

    def _string_constant(self, node: ast.expr) -> bool:
        """A name the module binds once, at its top level, to a string literal (sjchoi86's
        `device_type = "/gpu:1"` ... `with tf.device(device_type):`)."""
        constant = self._bound_constant(node)
        return constant is not None and isinstance(constant.value, str)

    def _bound_constant(self, node: ast.expr) -> ast.Constant | None:
        """The literal a name is bound to when the module binds it once, at its top level, to a
        literal (`log_device_placement = True`); None otherwise."""
        if not isinstance(node, ast.Name) or node.id in self.imported_from:
            return None
        stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == node.id and not isinstance(n.ctx, ast.Load)]
        binding = next((s for s in self.tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                        and isinstance(s.targets[0], ast.Name) and s.targets[0].id == node.id), None)
        if len(stores) != 1 or binding is None or not isinstance(binding.value, ast.Constant):
            return None
        return binding.value

    def _writer_closed(self, call: ast.expr) -> bool:
        """`writer.close()` / `writer.flush()` of a FileWriter of the program: the SummaryWriter
        of tf.summary.create_file_writer has both, with no arguments, doing the same."""
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in ("close", "flush") \
            and not call.args and not call.keywords and isinstance(call.func.value, ast.Name) \
            and getattr(self.defs.get(call.func.value.id), "kind", None) == "writer"

    def _writer_call(self, call: ast.Call) -> None:
        method = call.func.attr
        if method in ("flush", "close") and not call.args:
            return
        if method == "add_run_metadata" and self._empty_run_metadata(call):
            return
        if method != "add_summary" or len(call.args) != 2 and not (len(call.args) == 1 and call.keywords):
            raise self.fail(call, f"FileWriter.{method} is not converted (only add_summary(summary, step), flush, close)")
        step = call.args[1] if len(call.args) == 2 else next((k.value for k in call.keywords if k.arg == "global_step"), None)
        step_text = self._variable_value(step)  # golbin's `global_step=sess.run(global_step)`
        if step is None or self.deps(step) and step_text is None:
            raise self.fail(call, "add_summary without a step (TF 2 summaries need one)")
        if self.segment is not None and self.segment.summary_helper:
            raise self.fail(call, "summaries written in two of the program's graphs (one helper holds each tag's kind)")
        self.needs_summary_helper = True
        # the summary argument's own text stays (a `sess.run(...)` in it is rewritten in place)
        self.edits.append((self.offset(call), self.offset(call.args[0]), f"{self.summary_helper_name()}({call.func.value.id}, "))
        self.edits.append((self.end_offset(call.args[0]), self.end_offset(call), f", {step_text or self.source(step)})"))

    def _empty_run_metadata(self, call: ast.Call) -> bool:
        """`writer.add_run_metadata(tf.RunMetadata(), tag)` alone as a statement (random-forests' workshop): a
        new, empty RunMetadata (no run filled it) writes an event of no step stats and no graph, which the
        TF 2 summary writer has no call for; the statement is deleted (MIG601 says so). True when deleted."""
        given = call.args[:1] or [k.value for k in call.keywords if k.arg == "run_metadata"]
        fresh = given and isinstance(given[0], ast.Call) and self.call_name(given[0]) in (
            "tf.compat.v1.RunMetadata", "tf.RunMetadata") and not given[0].args and not given[0].keywords
        others = [n for part in [*call.args, *(k.value for k in call.keywords)] if part is not given[0]
                  for n in ast.walk(part)] if fresh else []
        found = next(((b, s) for b, s in _statements(self.tree) if isinstance(s, ast.Expr) and s.value is call), None)
        if not fresh or found is None or any(isinstance(n, (ast.Call, ast.NamedExpr, ast.Await)) for n in others):
            return False
        self._delete(found[1], found[0])
        return True

    def _variable_value(self, node) -> str | None:
        """`sess.run(v)` / `v.eval()` of a variable of the program, no feed (the value Session.run
        gave, as NumPy): `v.numpy()`; None for anything else."""
        if not isinstance(node, ast.Call) or node.keywords or not isinstance(node.func, ast.Attribute):
            return None
        if node.func.attr == "run" and len(node.args) == 1 and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in self.session_names:
            read = node.args[0]
        elif node.func.attr == "eval" and not node.args:
            read = node.func.value
        else:
            return None
        if isinstance(read, ast.Name) and getattr(self.defs.get(read.id), "kind", None) == "variable":
            return f"{read.id}.numpy()"
        return None

    def _summary_helper_lines(self) -> list[str]:
        """The helper `FileWriter.add_summary(values, step)` becomes: each fetched v1 summary written at
        `step` by the v2 op of its kind, as v1 had written it (summary.py, summary_image_op.cc,
        summary_audio_op.cc): an image or audio summary one value per item of the batch's first
        `max_outputs`, tagged `tag/image/i` (`tag/image` for max_outputs=1), a float image scaled to
        uint8 by v1's rule (`_image_helper_lines`; TF 2's op clips instead); a clip of 2-D audio one
        channel; text and scalars as they are. A histogram: v2's buckets (30, of the same values)."""
        tf, kinds = self.tf, self.summary_kinds
        used = {k if isinstance(k, str) else k[0] for k in kinds.values()}
        lines = [
            f"def {self.summary_helper_name()}(writer, values, step):",
            "    # FileWriter.add_summary: each value a v1 summary op fetched, written at `step`",
            "    step = int(step)  # the event's step as v1's FileWriter wrote it (int(global_step): a float truncated)",
            "    kinds = {" + ", ".join(f"{json.dumps(t)}: {json.dumps(k)}" for t, k in kinds.items()) + "}",
            "    with writer.as_default():",
            "        for tag, value in values.items():",
        ]
        branches = []
        if "histogram" in used:
            branches.append(('kinds[tag] == "histogram"', [f"{tf('tf.summary.histogram')}(tag, value, step=step)"]))
        if "text" in used:
            branches.append(('kinds[tag] == "text"', [f"{tf('tf.summary.text')}(tag, value, step=step)"]))
        image = (f"{tf('tf.summary.image')}(item_tag, {self.image_helper_name()}(value[i:i + 1]), "
                 "step=step, max_outputs=1)")
        audio = (f"{tf('tf.summary.audio')}(item_tag, {tf('tf.reshape')}(value[i:i + 1], "
                 "[1, len(value[i]), -1]), int(kinds[tag][2]), step=step, max_outputs=1)")
        for kind, write in (("image", image), ("audio", audio)):
            if kind in used:
                branches.append((f'kinds[tag][0] == "{kind}"', [
                    f"# v1 wrote each of the first max_outputs {kind}s as a value of its own",
                    "for i in range(min(kinds[tag][1], len(value))):",
                    f'    item_tag = tag + "/{kind}" + (f"/{{i}}" if kinds[tag][1] > 1 else "")',
                    f"    {write}"]))
        scalar = [f"{tf('tf.summary.scalar')}(tag, value, step=step)"]
        if not branches:
            lines += ["            " + line for line in scalar]
        else:
            for k, (test, body) in enumerate(branches):
                lines.append(f"            {'if' if k == 0 else 'elif'} {test}:")
                lines += ["                " + line for line in body]
            if "scalar" in used:
                lines += ["            else:"] + ["                " + line for line in scalar]
        lines.append("")
        if "image" in used:
            lines += [""] + self._image_helper_lines()
        return lines

    def _image_helper_lines(self) -> list[str]:
        """A helper writing the pixels TF 1.x's summary.image wrote for one image (a [1, h, w, c] batch),
        its kernel's rule (tensorflow/core/kernels/summary_image_op.cc, NormalizeFloatImage): uint8 as
        given; a float image scaled over its finite pixels, in its own dtype: min >= 0 -> `* 255/max`,
        else `* 127/max(|min|, |max|) + 128` (a scale of 0 when that max is under 1e-6), truncated to
        uint8; a pixel with a non-finite channel the bad color, red (255, 0, 0, 255)[:c]. TF 2's
        summary.image clips [0, 1] floats instead (convert_image_dtype)."""
        tf = self.tf
        return [
            f"def {self.image_helper_name()}(image):",
            "    # the pixels v1's summary.image wrote (summary_image_op.cc): a float image scaled to fill 0..255",
            f"    image = {tf('tf.convert_to_tensor')}(image)",
            f"    if image.dtype == {tf('tf.uint8')}:",
            "        return image",
            f"    finite = {tf('tf.reduce_all')}({tf('tf.math.is_finite')}(image), axis=-1, keepdims=True)",
            f"    kept = {tf('tf.cast')}({tf('tf.boolean_mask')}(image, finite[..., 0]), {tf('tf.float32')})",
            f"    low = {tf('tf.reduce_min')}(kept) if kept.shape[0] else float('inf')",
            f"    high = {tf('tf.reduce_max')}(kept) if kept.shape[0] else float('-inf')",
            "    if low < 0:",
            f"        top = {tf('tf.maximum')}({tf('tf.abs')}(low), {tf('tf.abs')}(high))",
            f"        scale, offset = 0.0 if top < 1e-6 else {tf('tf.constant')}(127.0) / top, 128.0",
            "    else:",
            f"        scale, offset = 0.0 if high < 1e-6 else {tf('tf.constant')}(255.0) / high, 0.0",
            f"    scaled = image * {tf('tf.cast')}(scale, image.dtype) + {tf('tf.cast')}(offset, image.dtype)",
            f"    bad = {tf('tf.constant')}([255, 0, 0, 255][:image.shape[-1]], {tf('tf.uint8')})",
            f"    return {tf('tf.where')}(finite, {tf('tf.cast')}(scaled, {tf('tf.uint8')}), bad)",
            "",
        ]

    def image_helper_name(self) -> str:
        if not hasattr(self, "_image_name"):
            self._image_name = self.fresh("v1_image_pixels")
        return self._image_name

    def summary_helper_name(self) -> str:
        if not hasattr(self, "_summary_name"):
            self._summary_name = self.fresh("write_summaries")
        return self._summary_name

    def _iterator_stop(self, call: ast.Call) -> Fallback:
        """Why an iterator of `call` is not converted: its dataset reads graph values (named), or
        the call has other arguments (shared_name)."""
        read = sorted(self.deps(call))
        if read:
            return self.fail(call, "an iterator over a dataset built from graph values (" + ", ".join(
                f"`{n}`, {self.defs[n].kind} of line {self.defs[n].stmt.lineno}" for n in read[:3] if n in self.defs)
                + "): the program's graph values are step values in TF 2, not there when the dataset is made")
        return self.fail(call, "an iterator made with arguments other than its dataset (shared_name)")

    def _iterator(self, stmt, name, call, called) -> bool:
        if len(call.args) != 1 or call.keywords or self.deps(call):
            raise self._iterator_stop(call)
        if called.endswith("initializable_iterator") and self._shuffled(call.args[0], frozenset()):
            # TF 1.x began the same order at each `sess.run(it.initializer)`; a new `iter(ds)`
            # over a shuffled dataset reshuffles (measured by a fresh-eyes trial)
            raise self.fail(call, "an initializable iterator over a shuffled dataset: TF 1.x repeated one order at "
                            "each initialization, each new Python iterator would shuffle again")
        d = Def(stmt, "iterator", [name])
        d.dataset = self.source(call.args[0])
        d.initializable = called.endswith("initializable_iterator")
        self._add(d)
        if d.initializable:
            self._delete(stmt)  # made at each `sess.run(iterator.initializer)`: a new pass over the data
        else:
            self._replace(call, f"iter({d.dataset})")
        return True

    def _shuffled(self, node: ast.AST, seen: frozenset) -> bool:
        """Does the dataset expression `node`, or a name it reads (through its assignments),
        call `.shuffle`?"""
        for inner in ast.walk(node):
            if isinstance(inner, ast.Attribute) and inner.attr == "shuffle":
                return True
            if isinstance(inner, ast.Name) and inner.id not in seen and any(
                    isinstance(s, ast.Assign) and self._shuffled(s.value, seen | {inner.id}) for s in self._assignments(inner.id)):
                return True
        return False

    def _chained_next(self, stmt, target, call) -> bool:
        """`x = make_one_shot_iterator(ds).get_next()` -> `x_iterator = iter(ds)` here, and
        `x_iterator.get_next()` handed to each step that needs `x`, as for the two-step form."""
        if len(call.args) != 1 or call.keywords or self.deps(call):
            raise self._iterator_stop(call)
        names = _target_names(target)
        iterator = self.fresh(f"{names[0]}_iterator")
        made = Def(stmt, "iterator", [iterator])
        made.dataset, made.initializable = self.source(call.args[0]), False
        self._add(made)
        self._replace_statement(stmt, f"{iterator} = iter({made.dataset})")
        d = Def(stmt, "next", names)
        d.iterator = iterator
        d.tuple_target = not isinstance(target, ast.Name)
        self._add(d)
        return True

    def _saver(self, stmt, name, call) -> bool:
        """`saver = Saver()`; also `Saver(tf.global_variables())`, the same list (v1's
        var_list=None saves every global variable, with the optimizers' slots)."""
        reads = [node for node in ast.walk(self.tree) if isinstance(node, ast.Call) and self.call_name(node) in CHECKPOINT_STATE_READS]
        # max_to_keep, a number (or None: none deleted): `v1_saver_save` deletes as v1 did (5, v1's default)
        keywords = call.keywords
        kept = next((k.value for k in keywords if k.arg == "max_to_keep"), ast.Constant(5))
        if not (isinstance(kept, ast.Constant) and (kept.value is None or type(kept.value) is int and kept.value >= 0)):
            raise self.fail(kept, "Saver's max_to_keep not a number written in the text")
        keywords = [k for k in keywords if k.arg != "max_to_keep"]
        version = next((k.value for k in keywords if k.arg == "write_version"), None)
        if version is not None:  # V2 is v1's default, the format tf.train.Checkpoint writes (.index, .data-*)
            spelled = self._saver_format(version)
            if spelled != "V2":
                raise self.fail(version, "Saver's write_version V1 (the old single-file checkpoint format, which TF 2 "
                                "does not write) is not converted" if spelled == "V1" else
                                "Saver's write_version not written as `SaverDef.V2` (saver_pb2's or tf.train's)")
            keywords = [k for k in keywords if k.arg != "write_version"]
        given = [*call.args, *(k.value for k in keywords if k.arg == "var_list")]
        one = len(given) == 1 and len(call.args) + len(keywords) == 1
        if one and isinstance(given[0], ast.Name) and getattr(self.defs.get(given[0].id), "kind", "tensor") == "tensor":  # `var_list = [w, b]`
            bound = self._assignments(given[0].id)
            if len(bound) == 1 and isinstance(bound[0], ast.Assign) and len(bound[0].targets) == 1 \
                    and bound[0].lineno < stmt.lineno and isinstance(bound[0].value, (ast.List, ast.Tuple, ast.Dict)):
                given = [bound[0].value]
        everything = one and isinstance(given[0], ast.Call) and not given[0].args and not given[0].keywords \
            and self.call_name(given[0]) in ("tf.compat.v1.global_variables", "tf.compat.v1.all_variables")
        listed = self._saver_var_list(given[0]) if one else None
        if (call.args or keywords) and not everything and listed is None:
            raise self.fail(call, "Saver arguments (var_list, max_to_keep, ...) are not converted")
        d = Def(stmt, "saver", [name])
        d.listed, d.max_to_keep = listed, repr(kept.value)
        if reads:  # the state file v1_saver_save writes, read as TF 1.x read it
            d.state_file = True
            self._state_reads(reads)
        self._add(d)
        self.savers_pending.append((stmt, call))
        return True

    def _saver_format(self, node: ast.expr) -> str | None:
        """"V1" / "V2" for Saver's `write_version=` spelled `saver_pb2.SaverDef.Vn` (saver_pb2 imported
        from tensorflow.core.protobuf and bound nowhere else) or `tf[.compat.v1].train.SaverDef.Vn`;
        None for anything else."""
        dotted = self.qual(node) or ""
        head, _, version = dotted.rpartition(".SaverDef.")
        if version not in ("V1", "V2"):
            return None
        if head in ("tf.train", "tf.compat.v1.train"):
            return version
        imported = [n for n in ast.walk(self.tree) if isinstance(n, ast.ImportFrom) and n.module == "tensorflow.core.protobuf"
                    and any(a.name == "saver_pb2" and (a.asname or a.name) == head for a in n.names)]
        bound = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == head and isinstance(n.ctx, ast.Store)] \
            + [n for n in ast.walk(self.tree) if isinstance(n, (ast.Import, ast.ImportFrom)) and n not in imported
               and any((a.asname or a.name.split(".")[0]) == head for a in n.names)]
        return version if len(imported) == 1 and not bound else None

    def _saver_var_list(self, node: ast.expr) -> list[tuple[str, str]] | None:
        """Saver's var_list naming the program's variables: `{"embeddings": embeddings}` (keys
        that are Python names) or `[w, b]`, as (checkpoint key, variable name) pairs; None for
        anything else. Saved alone, without the optimizer's slots, as v1 saved them."""
        if isinstance(node, ast.Dict) and node.keys and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in node.keys):
            pairs = [(k.value, v) for k, v in zip(node.keys, node.values)]
        elif isinstance(node, (ast.List, ast.Tuple)) and node.elts:
            pairs = [(getattr(v, "id", ""), v) for v in node.elts]
        else:
            return None
        if not all(isinstance(v, ast.Name) and getattr(self.defs.get(v.id), "kind", None) == "variable"
                   and not hasattr(self.defs[v.id], "spread") for _, v in pairs):
            return None
        keys = [k for k, _ in pairs]
        return [(k, v.id) for k, v in pairs] if len(set(keys)) == len(keys) else None

    def _state_reads(self, reads: list[ast.Call]) -> None:
        """The state-file reads in TF 2: `tf.compat.v1.train.latest_checkpoint` /
        `get_checkpoint_state` -> `tf.train.` (the same functions); `checkpoint_exists(p)`, in
        tf.compat.v1 only -> `bool(tf.io.gfile.glob(p + ".index") or tf.io.gfile.glob(p))`,
        its body (checkpoint_management.checkpoint_exists_internal: a V2 checkpoint's index
        file, else a V1 file, each by get_matching_files). Reading another state file
        (`latest_filename=`) is a Fallback: v1_saver_save writes the one named `checkpoint`."""
        for read in reads:
            called = self.call_name(read)
            if id(read) in self.state_read_ids:  # rewritten for the program's other Saver
                continue
            if len(read.args) != 1 or read.keywords:
                raise self.fail(read, f"`{called}` with arguments other than the directory or prefix (Saver.save "
                                "wrote the state file named `checkpoint`)")
            self.state_read_ids.add(id(read))
            if called == "tf.compat.v1.train.checkpoint_exists":
                if any(isinstance(n, ast.Call) for n in ast.walk(read.args[0])):
                    raise self.fail(read, "checkpoint_exists of a computed value (its TF 2 form reads it twice)")
                prefix, glob = self.source(read.args[0]), self.tf("tf.io.gfile.glob")
                self._replace(read, f'bool({glob}({prefix} + ".index") or {glob}({prefix}))')
            elif called.startswith("tf.compat.v1."):
                self._replace(read.func, self.tf(called.replace("tf.compat.v1.", "tf.")))

    def _feed(self, stmt, name, value) -> bool:
        keys = []
        for key in value.keys:
            if not (isinstance(key, ast.Name) and key.id in self.defs and self.defs[key.id].kind == "placeholder"
                    or self._fed_tensor(key)):
                raise self.fail(key if key is not None else value, "a feed_dict key that is not a placeholder"
                                + _feed_key_why(self, key, stmt))
            keys.append(key.id)
            self._replace(key, f'"{self._keyword(key.id)}"')
        if name in self.feeds and set(self.feeds[name]) != set(keys):
            if any(self.defs[k].kind == "placeholder" for k in set(self.feeds[name]) ^ set(keys)):
                raise self.fail(stmt, f"feed dict `{name}` is built with different placeholders")
            keys = [*self.feeds[name], *(k for k in keys if k not in self.feeds[name])]  # a tensor fed in some: its parameter
        self.feeds[name] = tuple(keys)
        return True

    def _feed_item(self, node) -> bool:
        """`feed[key] = value` of a feed dict bound by `feed = {...}` (sherjilozair's char-rnn sets its state's
        parts so): the key one of the dict's, its step keyword, when the item is set right after the dict's only
        binding (`_feed_block`: every run of the dict has it). False for another statement."""
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in self.feeds):
            return False
        name, key = target.value.id, target.slice
        if not (isinstance(key, ast.Name) and key.id in self.defs
                and (self.defs[key.id].kind == "placeholder" or self._fed_tensor(key))):
            raise self.fail(key, FEED_KEY + _feed_key_why(self, key, node))
        self._feed_block(node, name)
        self._replace(key, f'"{self._keyword(key.id)}"')
        if key.id not in self.feeds[name]:
            self.feeds[name] = (*self.feeds[name], key.id)
        return True

    def _feed_parts(self, loop) -> bool:
        """sherjilozair's char-rnn feeds its LSTM stack's zero state part by part after `feed = {...}`::

            for i, (c, h) in enumerate(initial_state):
                feed[c] = state[i].c
                feed[h] = state[i].h

        Every part fed is the whole state fed, the pairs in the cells' order: `feed["initial_state"] =
        tuple((state[i].c, state[i].h) for i in range(len(cell.state_size)))` (a MultiRNNCell of tf2_rnn's LSTM
        cells, its state a tuple of (c, h) pairs; the step's argument cast part by part as Session.run did).
        The loop's names go: a Fallback when one is read outside it. False for a loop of another shape."""
        iterated = loop.iter.args[0] if isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call) \
            and isinstance(loop.iter.func, ast.Name) and loop.iter.func.id == "enumerate" and len(loop.iter.args) == 1 \
            and not loop.iter.keywords else None
        if not (isinstance(iterated, ast.Name) and self._fed_tensor(iterated)) or loop.orelse:
            return False
        items = [s.targets[0] for s in loop.body if isinstance(s, ast.Assign) and len(s.targets) == 1]
        names = {t.value.id for t in items if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)}
        if len(items) != len(loop.body) or len(names) != 1 or next(iter(names)) not in self.feeds \
                or not all(isinstance(t, ast.Subscript) for t in items):
            return False
        name, tensor = names.pop(), iterated.id
        target = loop.target
        parts = target.elts[1].elts if isinstance(target, ast.Tuple) and len(target.elts) == 2 \
            and isinstance(target.elts[0], ast.Name) and isinstance(target.elts[1], ast.Tuple) \
            and len(target.elts[1].elts) == 2 and all(isinstance(e, ast.Name) for e in target.elts[1].elts) else None
        if parts is None:
            raise self.fail(target, f"a loop feeding the parts of `{tensor}` by other targets than `for i, (c, h) in "
                            f"enumerate({tensor}):` (an LSTM stack's (c, h) pairs)")
        values = {s.targets[0].slice.id: s.value for s in loop.body if isinstance(s.targets[0].slice, ast.Name)}
        if len(loop.body) != 2 or set(values) != {p.id for p in parts}:
            raise self.fail(loop, f"feeds of some parts of a cell's state (`{tensor}`'s) by a loop: converted when it "
                            f"feeds both parts of every pair, `{name}[{parts[0].id}] = ...` and `{name}[{parts[1].id}] = ...`")
        cell = self._lstm_stack(tensor)
        if cell is None:
            raise self.fail(loop.iter, f"a loop feeding the parts of `{tensor}`, the state of a cell other than a "
                            "MultiRNNCell of LSTM cells (whose state is a tuple of (c, h) pairs): not converted")
        index = target.elts[0].id
        bound = {index, *(p.id for p in parts)}
        for value in values.values():
            read = next((n.id for n in ast.walk(value) if isinstance(n, ast.Name) and (
                n.id in bound - {index} or n.id in self.defs)), None)
            if read is not None:
                raise self.fail(value, f"a part of `{tensor}` fed a value reading `{read}` (a graph tensor): not converted")
        after = self._read_outside(loop, bound)
        if after is not None:
            raise self.fail(after, f"`{after.id}`, bound by the loop feeding the parts of `{tensor}`, read after it: "
                            "converted where the loop's names are read in it only")
        self._feed_block(loop, name)
        pair = ", ".join(self.source(values[p.id]) for p in parts)
        self._replace(loop, f'{name}["{self._keyword(tensor)}"] = tuple(({pair}) for {index} in '
                            f'range(len({cell}.state_size)))')
        if tensor not in self.feeds[name]:
            self.feeds[name] = (*self.feeds[name], tensor)
        return True

    def _lstm_stack(self, tensor: str) -> str | None:
        """The cell whose `zero_state` `tensor` is, when it is a module-level name bound once to tf2_rnn's
        MultiRNNCell of BasicLSTMCells (listed, or a list of one comprehended); else None."""
        value = getattr(self.defs[tensor].stmt, "value", None)
        if not (_zero_state(value) and isinstance(value.func.value, ast.Name)):
            return None
        cell = value.func.value.id
        bound = self._assignments(cell)
        made = bound[0].value if len(bound) == 1 and isinstance(bound[0], ast.Assign) and bound[0] in self.tree.body else None
        listed = made.args[0] if isinstance(made, ast.Call) and isinstance(made.func, ast.Name) \
            and made.func.id == "MultiRNNCell" and made.args else None
        elements = listed.elts if isinstance(listed, ast.List) else [listed.elt] if isinstance(listed, ast.ListComp) else []

        def lstm(node) -> bool:
            if isinstance(node, ast.Name):
                made = self._assignments(node.id)
                node = made[0].value if len(made) == 1 and isinstance(made[0], ast.Assign) else None
            return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "BasicLSTMCell" \
                and "BasicLSTMCell" in self.local_classes
        return cell if elements and all(lstm(e) for e in elements) else None

    def _read_outside(self, loop: ast.For, names: set[str]) -> ast.Name | None:
        """A read of one of `names` (bound by `loop`) in the scope holding it, outside it and outside a loop
        binding that name again (`for i in range(n): print(i)`): the first, or None."""
        scope = next((f for f in ast.walk(self.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and any(n is loop for n in _own_nodes(f))), self.tree)
        inside = {id(n) for n in ast.walk(loop)}

        def visit(node, rebound: frozenset):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                                      ast.SetComp, ast.DictComp, ast.GeneratorExp)) or id(child) in inside:
                    continue
                again = rebound | ({n.id for n in ast.walk(child.target) if isinstance(n, ast.Name)}
                                   if isinstance(child, (ast.For, ast.AsyncFor)) else set())
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id in names - rebound:
                    return child
                found = visit(child, again)
                if found is not None:
                    return found
            return None
        return visit(scope, frozenset())

    def _feed_block(self, node: ast.stmt, name: str) -> None:
        """Raise Fallback unless `node` (an item of the feed dict `name` set) follows the dict's only binding
        `name = {...}` in its block, with only other such items between: every run of the dict has the key."""
        bindings = self._assignments(name)
        body = next((block for parent in ast.walk(self.tree) for field in ("body", "orelse", "finalbody")
                     for block in [getattr(parent, field, None)] if isinstance(block, list)
                     and any(s is node for s in block)), None)
        if len(bindings) == 1 and body is not None:
            k = next(i for i, s in enumerate(body) if s is node)
            while k > 0:
                k -= 1
                if body[k] is bindings[0]:
                    return
                item = body[k]
                items = item.body if isinstance(item, ast.For) else [item]
                if not all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Subscript)
                           and isinstance(s.targets[0].value, ast.Name) and s.targets[0].value.id == name for s in items):
                    break
        raise self.fail(node, f"an item of the feed dict `{name}` set otherwise than right after its only binding "
                        f"`{name} = {{...}}` (in its block, before any run of it): converted there, where every run of "
                        "the dict has the key")

    def _fed_tensor(self, key) -> bool:
        """Is the feed_dict key `key` a tensor of the program bound alone by one statement (`init_s =
        cell.zero_state(1, tf.float32)`), not a placeholder? TF 1.x fed any tensor, its value given
        replacing the one computed for that run; a step takes it as a parameter, None when not fed
        (`_fed_tensor_lines`). An Operation, a name bound with others (`a, b = ...`) are not."""
        d = self.defs.get(key.id) if isinstance(key, ast.Name) else None
        return d is not None and d.kind == "tensor" and d.names == [key.id] and isinstance(d.stmt, ast.Assign) \
            and len(d.stmt.targets) == 1 and isinstance(d.stmt.targets[0], ast.Name) and not self._is_operation(key.id)

    def _fed_tensor_lines(self, d: Def, fed_name: str, call: ast.Call, trains: bool) -> list[str]:
        """The lines after the statement of a fed tensor (`_fed_tensor`) in a step: the value fed, when
        given, replaces the one computed, converted to the tensor's dtype as Session.run converted a feed
        (np.asarray(value, dtype)), element by element for a structure (an LSTM state pair). The value is
        still computed (pruned from the traced graph when unused): a Fallback when it, or a value it
        reads, draws random numbers or assigns, which TF 1.x did not run in a run feeding it. In a training
        step, one computed from variables (or calls other than `tf.` functions; a cell's `zero_state` is
        zeros) is a Fallback too: TF 1.x's gradient ops read the values computed around it and reached those
        variables, the value given in its place cuts the tape."""
        seen, stack = set(), [d]
        while stack:
            dep = stack.pop()
            if id(dep) in seen:
                continue
            seen.add(id(dep))
            value = getattr(dep.stmt, "value", None)
            if dep.kind == "tensor":
                drawn = self._random_call(dep.stmt)
                assigning = next((n for n in ast.walk(dep.stmt) if isinstance(n, ast.Call) and (self.call_name(n) or "")
                                  .rsplit(".", 1)[-1] in ("assign", "assign_add", "assign_sub", "scatter_update")), None)
                if drawn or assigning is not None:
                    raise self.fail(call, f"a feed of `{d.names[0]}`, a tensor computed from "
                                    f"{'random numbers (' + drawn + ')' if drawn else 'an assign op'}: TF 1.x did not "
                                    "run what computes a fed tensor, a step computing it would draw or assign")
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "zero_state" \
                        and not self.deps(ast.Tuple([*value.args, *(k.value for k in value.keywords)], ast.Load())):
                    continue  # (a cell's zeros: no variable)
            if trains and (dep.kind == "variable" or dep.kind == "tensor" and any(
                    isinstance(n, ast.Call) and not (self.call_name(n) or "").startswith("tf.")
                    and self.call_name(n) not in PURE_BUILTINS for n in ast.walk(dep.stmt))):
                raise self.fail(call, f"a feed of `{d.names[0]}` in a training step, a tensor computed from variables or "
                                "calls other than TensorFlow functions: TF 1.x's gradients passed through the computed "
                                "values around it to the variables before it, the value given in its place has none")
            if dep.kind == "tensor":
                stack.extend(dep.dep_defs)
        name, nest, cast = d.names[0], self.tf("tf.nest.map_structure"), self.tf("tf.cast")
        return [f"if {fed_name} is not None:  # `{name}` fed: the value given, in the tensor's dtype (TF 1.x fed any tensor)",
                f"    {name} = {nest}(lambda value, tensor: {cast}(value, tensor.dtype), {fed_name}, {name}, check_types=False)"]

    def _layer_model(self, name: str):
        """For a class tf2_layers wrote for a model function (a tf.Module whose `__init__` only
        makes Keras layers, `self.<name> = tf.keras.layers.<Layer>(...)`), its `__init__`; for a
        name bound once to one of them, its `__call__`; else None."""
        method = "__init__"
        if name not in self.local_classes:
            bound = [n.value for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in n.targets)]
            if len(bound) != 1 or not isinstance(bound[0], ast.Call) or not isinstance(bound[0].func, ast.Name):
                return None
            name, method = bound[0].func.id, "__call__"
        if not self._module_class(name):
            return None
        methods = {f.name: f for f in self.local_classes[name].body if isinstance(f, ast.FunctionDef)}
        init = methods.get("__init__")
        if init is None or "__call__" not in methods or not init.body or not all(
                isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Attribute)
                and isinstance(s.targets[0].value, ast.Name) and s.targets[0].value.id == "self"
                and self.call_name(s.value) in KERAS_LAYERS for s in init.body[1:]) \
                or self.source(init.body[0]) != "super().__init__()":
            return None
        return methods[method]

    def _module_class(self, name: str) -> bool:
        """A module-level class of the file derived from tf.Module alone."""
        cls = self.local_classes.get(name)
        return cls is not None and len(cls.bases) == 1 and self.qual(cls.bases[0]) == "tf.Module" and not cls.keywords

    def _variable_factory(self, function_name: str) -> bool:
        """A module/body function whose every return is `tf.Variable(...)` or
        `tf.compat.v1.get_variable(...)` (trainable, with no graph input; easy-tensorflow's
        `weight_variable(shape)`, its initializer bound to a local name first): its v1 spelling
        becomes tf.Variable (once). A get_variable there makes a new variable at each call, as
        v1's did outside a reusing scope (a `with` block around the graph is converted only
        for a plain variable_scope(name): no reuse)."""
        function = next((f for f in ast.walk(self.tree) if isinstance(f, ast.FunctionDef) and f.name == function_name), None)
        if function is None:
            return False
        returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
        made = [r.value for r in returns]
        body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if len(body) == 2 and isinstance(body[0], ast.Assign) and len(body[0].targets) == 1 \
                and isinstance(body[0].targets[0], ast.Name) and isinstance(body[1], ast.Return) \
                and isinstance(body[1].value, ast.Name) and body[1].value.id == body[0].targets[0].id:
            made = [body[0].value]  # `weight = tf.Variable(...)` then `return weight`
        if not returns or not all(self.call_name(v) in VARIABLES + (GET_VARIABLE,) for v in made):
            return False
        for v in made:
            if any(k.arg == "trainable" for k in v.keywords):
                return False
        if function_name not in self.factories:
            self.factories.add(function_name)
            for v in made:
                if self.call_name(v) == GET_VARIABLE:
                    self._replace(v, self._get_variable(v))
                    continue
                if self.call_name(v) == "tf.compat.v1.Variable":
                    self._replace(v.func, self.tf("tf.Variable"))
                self._drawn_alone(v)
        return True

    def _initializer_binding(self, call: ast.Call, init) -> ast.Assign | None:
        """The statement `initer = <initializer>` of the function making `call` (a get_variable)
        when `init` is that name, bound there once and read only as this initializer (the
        two-step form `initer = tf.truncated_normal_initializer(stddev=0.01)` then
        `get_variable(..., initializer=initer)`); None for any other initializer."""
        if not isinstance(init, ast.Name):
            return None
        function = next((f for f in self.local_functions.values() if any(n is call for n in ast.walk(f))), None)
        if function is None:
            return self._module_initializer_binding(call, init)
        stores = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == init.id and not isinstance(n.ctx, ast.Load)]
        reads = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == init.id and isinstance(n.ctx, ast.Load)]
        params = {a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs}
        binding = next((s for s in function.body if isinstance(s, ast.Assign) and s.targets == stores), None)
        if len(stores) != 1 or len(reads) != 1 or init.id in params or binding is None or binding.lineno > call.lineno:
            return None
        return binding

    def _module_initializer_binding(self, call: ast.Call, init: ast.Name) -> ast.Assign | None:
        """`weight_initializer = tf.truncated_normal_initializer(stddev=0.1)` in the module body (or a `with`
        block of it), bound once, then read only as get_variable initializers (the Deep Learning Cookbook's
        layers): each call of v1's initializer object built its own random op, as a copy of the call
        written at each use does; the arguments are constants or names bound once before it. Read more
        than once only in a program setting no graph seed (the op seeds counted for each use are not
        followed through one object). The binding, or None."""
        stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == init.id and not isinstance(n.ctx, ast.Load)]
        binding = next((s for s in _straight_line(self.tree.body) if isinstance(s, ast.Assign) and s.targets == stores), None)
        if len(stores) != 1 or binding is None or binding.lineno > call.lineno or not isinstance(binding.value, ast.Call) \
                or self.call_name(binding.value) not in (*RANDOM_INITIALIZERS, *FAN_INITIALIZERS, *CONSTANT_INITIALIZERS):
            return None
        initializers = {id(k.value) for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) == GET_VARIABLE
                        for k in n.keywords if k.arg == "initializer"}
        reads = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == init.id and isinstance(n.ctx, ast.Load)]
        if any(id(n) not in initializers for n in reads):
            return None
        if len(reads) > 1 and any(isinstance(n, ast.Call) and self.call_name(n) in SEEDS for n in ast.walk(self.tree)):
            return None  # (under a graph seed each use's op seed is counted for the one call written: not followed)
        for read in (n for n in ast.walk(binding.value) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)):
            if sum(isinstance(n, ast.Name) and n.id == read.id and not isinstance(n.ctx, ast.Load) for n in ast.walk(self.tree)) > 1:
                return None  # (`stddev=s` with `s` rebound: each use would read another value)
        return binding

    def _bindings_before(self, name: str, before: int) -> list[ast.Assign]:
        """The assignments of the file binding `name` (in any target) on lines before `before`,
        in `_statements`' order (the module body's in source order)."""
        return [s for _, s in _statements(self.tree) if isinstance(s, ast.Assign) and s.lineno < before
                and any(isinstance(n, ast.Name) and n.id == name for t in s.targets for n in ast.walk(t))]

    def _trace_untracked(self, name: str, before: int, seen: frozenset = frozenset()) -> None:
        """`name`, read at line `before`, is no graph value the converter built: raise the
        finding of the call of this file's functions it was computed from (the graph built
        inside them), if its bindings lead to one."""
        bindings = self._bindings_before(name, before)
        if not bindings or name in seen:
            return
        value = bindings[-1].value
        self._check_called_functions(value)
        for node in ast.walk(value):
            if isinstance(node, ast.Name) and node.id not in self.defs:
                self._trace_untracked(node.id, bindings[-1].lineno, seen | {name})

    def _check_called_functions(self, expr: ast.AST) -> None:
        local = self.local_functions

        def graph_call(name: str, seen: frozenset) -> str | None:
            # the first call of function `name` making variables or using a TF 1.x graph API, itself or
            # through the file's other functions it calls (easy-tensorflow's `fc_layer` calling
            # `weight_variable`, which calls get_variable)
            for inner in ast.walk(local[name]):
                called = self.call_name(inner) if isinstance(inner, ast.Call) else None
                if (called in VARIABLES + (GET_VARIABLE,) or (called or "").startswith("tf.compat.v1.")) \
                        and not _exact_helper_call(self, local[name], inner):
                    return called
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in local \
                        and inner.func.id not in seen and graph_call(inner.func.id, seen | {inner.func.id}):
                    return f"{inner.func.id}: {graph_call(inner.func.id, seen | {inner.func.id})}"
            return None

        for node in ast.walk(expr):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in local:
                called = graph_call(node.func.id, frozenset({node.func.id}))
                if called:
                    raise self.fail(node, f"`{node.func.id}` creates variables or uses TF 1.x graph APIs ({called}){CALLED_WHILE_BUILDING}")

    # -- sessions -----------------------------------------------------------------------
    def _session_parameter(self, function) -> str | None:
        """The parameter of `function` used only as `param.run(...)` (a Session handed in); None
        when there is none."""
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        bound = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        for param in params:
            if param in bound:
                continue
            runs, other = self._parameter_uses(function, param)
            if runs and other is None:
                return param
        return None

    def _session_functions(self) -> None:
        """Once, at the first Session (the graph is built by then): the sess.run sites of the
        functions handed the Session become calls of the step functions; the parameter goes."""
        if self.session_functions_done:
            return
        self.session_functions_done = True
        for name, (function, param) in self.session_functions.items():
            self._session_body(function.body, param, top=False)
            args = function.args.posonlyargs + function.args.args
            index = [a.arg for a in args].index(param)
            if function.args.defaults and index >= len(args) - len(function.args.defaults):
                raise self.fail(args[index], "a Session parameter with a default value")
            self._drop_argument(args, index)

    def _global_session_readers(self, stmt: ast.stmt, sess: str) -> None:
        """The module functions defined above a module-level Session (`sess = Session()`, `with
        Session() as sess:`) that read `sess` as a global (MorvanZhou's `def compute_accuracy(v_xs,
        v_ys): ... sess.run(prediction, ...)`): their run sites are the Session's, converted once,
        as those of a function defined in its body."""
        if stmt not in self.tree.body:
            return
        for function in self.tree.body:
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.lineno > stmt.lineno \
                    or function.name in self.session_functions or sess in _bound_inside(function) \
                    or function in self.global_readers_done:
                continue
            if any(isinstance(n, ast.Name) and n.id == sess and isinstance(n.ctx, ast.Load) for n in ast.walk(function)):
                self.global_readers_done.append(function)
                self._expressions(function, sess)

    def _drop_argument(self, nodes: list, index: int) -> None:
        """Removes nodes[index] (an argument or parameter) with its comma."""
        node = nodes[index]
        if index > 0:
            start, end = self.end_offset(nodes[index - 1]), self.end_offset(node)
        elif len(nodes) > 1:
            start, end = self.offset(node), self.offset(nodes[1])
        else:
            start, end = self.offset(node), self.end_offset(node)
        self.edits.append((start, end, ""))

    def _session_function_call(self, call: ast.Call, sess: str) -> bool:
        """`evaluate(data, sess)` of a function handed the Session: the Session argument goes
        (True); False when `call` is not one."""
        if not (isinstance(call.func, ast.Name) and call.func.id in self.session_functions):
            return False
        function, param = self.session_functions[call.func.id]
        index = [a.arg for a in function.args.posonlyargs + function.args.args].index(param)
        keyword = next((k for k in call.keywords if k.arg == param), None)
        if keyword is not None:
            value = keyword.value
            if not (isinstance(value, ast.Name) and value.id == sess):
                raise self.fail(call, f"`{call.func.id}` handed something other than the Session")
            self._drop_argument(call.args + call.keywords, len(call.args) + call.keywords.index(keyword))
        elif index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
            value = call.args[index]
            if not (isinstance(value, ast.Name) and value.id == sess):
                raise self.fail(call, f"`{call.func.id}` handed something other than the Session")
            self._drop_argument(call.args + call.keywords, index)
        else:
            raise self.fail(call, f"`{call.func.id}` called without its Session argument")
        self.session_function_calls[call.func.id] = self.session_function_calls.get(call.func.id, 0) + 1
        return True

    def _random_call(self, node, seen: frozenset = frozenset()) -> str | None:
        """The first stateful random op `node` runs (`tf.nn.dropout`, `tf.random.normal`, ...),
        also inside the module's functions it calls; None when there is none."""
        local = self.local_functions
        for inner in ast.walk(node):
            called = self.call_name(inner) if isinstance(inner, ast.Call) else None
            if called is None:
                continue
            if _is_random_op(called) or called in SAMPLING_LOSSES:
                return called
            if called in local and called not in seen:
                found = self._random_call(local[called], seen | {called})
                if found:
                    return found
            model = self._layer_model(called) if isinstance(inner.func, ast.Name) and called not in seen else None
            if model is not None:  # a model object's __call__ (tf2_layers), run where it is called
                found = self._random_call(model, seen | {called})
                if found:
                    return found
            drawn = _object_draws(self, called) if isinstance(inner.func, ast.Name) and called not in seen else []
            if drawn:  # a model class's object (migrate/tf2_objects.py): the random ops of its computation
                return self.call_name(drawn[0])
        return None

    # -- graph op seeds ------------------------------------------------------------------
    def _seed_random_ops(self, scope: list[ast.stmt]) -> None:
        """With a seed set, each random op with no op seed gets `seed=k`, the op seed TF 1.x's
        graph gave it: `random_seed.get_seed` hands an unseeded op under a graph seed the
        graph's counter (0, 1, 2, ... in the order ops asking for a seed are built), where
        eager TF 2 would count ops run (measured: one `tf.random.normal([3, 1])` after
        set_seed(7), graph 0.0795588 vs eager 1.6148489; with the counter's value written
        as its seed, equal values for every op in RANDOM_SEED_ARG, in a tf.function run
        after run too). The build order is walked statically (`_build_events`); an op whose
        count it cannot know (built in a loop, conditionally, in a lambda, in a function
        called twice, after a call that may build random ops unseen, the seed set more than
        once) is a Fallback naming it."""
        seed_calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) in SEEDS]
        if not seed_calls:
            return
        self.build_visited: set[int] = set()
        events = _Events(self.calls_stack)
        self._module_events(scope, events)
        walked_seeds = [e for e in events if e[0] == "seed"]
        assigned: dict[int, tuple[ast.AST, list[int]]] = {}
        sites: dict[int, list[tuple]] = {}  # id(random op) -> the calls that built it, per build
        if len(seed_calls) == 1 and len(walked_seeds) == 1:
            counter, after, unknown = 0, False, None
            for (kind, node, reason), calls in zip(events, events.sites):
                if kind == "seed":
                    after = True
                elif not after:
                    continue
                elif kind == "unknown":
                    unknown = unknown or node
                elif kind == "count":
                    counter += 1  # an op asking a seed whose value the program never sees
                elif kind == "blocked":
                    raise self.fail(node, f"a random op with no op seed while the program sets a seed, {reason}: "
                                    "TF 1.x derived its seed from a count of the graph's random ops, which is not known here")
                elif unknown is not None:
                    raise self.fail(node, "a random op with no op seed while the program sets a seed, built after "
                                    f"`{self.source(unknown).splitlines()[0][:50]}`, {SEED_UNCOUNTED}: TF 1.x derived "
                                    "its seed from that count")
                else:
                    assigned.setdefault(id(node), (node, []))[1].append(counter)
                    sites.setdefault(id(node), []).append(calls)
                    counter += 1
        else:
            walked_seeds = []
        # every unseeded random op of the file must have been walked (before the seed, or counted),
        # but one in a function of the module no code names: it built no op
        read = {n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        unused = {id(n) for f in self.tree.body if isinstance(f, ast.FunctionDef) and f.name not in read
                  for n in ast.walk(f)}
        # the compat pass's root variable scope initializer for v1 rnn cells (MIG117), there when tf2_rnn did not
        # convert the cells: they are the obstacle, named where they are made
        scope_initializers = {id(n.args[0]) for n in ast.walk(self.tree) if isinstance(n, ast.Call) and isinstance(
            n.func, ast.Attribute) and n.func.attr == "set_initializer" and len(n.args) == 1}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and self._graph_initializer(node) and id(node) not in assigned:
                raise self.fail(node, "a v1 layer's kernel drawn with the graph's seed (TF 1.x's default glorot_uniform_"
                                "initializer()) made where the converter cannot follow the graph's count of random ops")
            called = self.call_name(node) if isinstance(node, ast.Call) else None
            if called is None or not (_is_random_op(called) or called in RANDOM_INITIALIZERS or called in FAN_INITIALIZERS) \
                    or self._has_seed(node, called) or id(node) in unused or id(node) in scope_initializers:
                continue
            if id(node) not in self.build_visited or not walked_seeds:
                why = ("the seed is set more than once or where the converter cannot follow" if not walked_seeds
                       else BUILD_ORDER_UNFOLLOWED)
                holder = next((s for s in _straight_line(self.tree.body) if isinstance(s, ast.Assign) and s.value is node
                               and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)), None)
                if holder is not None and called in (*RANDOM_INITIALIZERS, *FAN_INITIALIZERS):
                    why = (f"an initializer object bound to `{holder.targets[0].id}` and given to several get_variable "
                           "calls, each drawing with its own op seed: write the initializer in each call")
                raise self.fail(node, f"a random op with no op seed while the program sets a seed ({why}): TF 1.x "
                                "derived its seed from the op's place in the graph, eager TF 2 counts random ops run")
        for node, values in assigned.values():
            if len(values) > 1 and self._seed_per_call(node, values, sites[id(node)]):
                continue
            if len(values) > 1:
                raise self.fail(node, f"a random op with no op seed built {len(values)} times (a function called more "
                                "than once): TF 1.x gave each its own op seed from the graph's count; one `seed=` cannot")
            self.op_seeds[id(node)] = values[0]
            if self.call_name(node) in RANDOM_SEED_ARG or isinstance(node.func, ast.Attribute) and node.func.attr == "shuffle" \
                    or self._graph_initializer(node):
                self._write_seed(node, values[0])

    def _seed_per_call(self, node: ast.Call, values: list[int], calls: list[tuple]) -> bool:
        """A random op of a variable factory called several times in the program body
        (`w1 = init_weight([7, 25], 10.0)` ... `w4 = ...`): TF 1.x gave each build its own
        op seed from the graph's count. The factory gets a `seed=None` parameter passed to
        the op, and each call its `seed=<count>`; False (nothing written) for another shape
        (another function or a call inside one, a second random op in the factory, the
        factory used other than in those calls)."""
        if self.call_name(node) not in RANDOM_SEED_ARG or any(len(c) != 1 for c in calls) \
                or len({id(c[0]) for c in calls}) != len(calls):
            return False
        function = self.local_functions.get(getattr(calls[0][0].func, "id", None))
        if function is None or function not in self.tree.body or not all(
                getattr(c[0].func, "id", None) == function.name for c in calls) \
                or not any(n is node for n in ast.walk(function)) \
                or not (self._variable_factory(function.name) or self._calls_are_initial_values([c[0] for c in calls])):
            return False
        arguments = function.args
        if arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs \
                or sum(1 for n in ast.walk(function) if isinstance(n, ast.Call) and _is_random_op(self.call_name(n) or "")) != 1:
            return False
        uses = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == function.name]
        if len(uses) != len(calls) or any(isinstance(a, ast.Starred) for c in calls for a in c[0].args) \
                or any(k.arg is None for c in calls for k in c[0].keywords):
            return False
        parameter = next(p for p in ("seed", "op_seed", "seed_") if p not in _bound_inside(function)
                         and not any(isinstance(n, ast.Name) and n.id == p for n in ast.walk(function)))
        last = arguments.defaults[-1] if arguments.defaults else arguments.args[-1] if arguments.args else None
        if last is None:
            return False
        position = self.end_offset(last)
        self.edits.append((position, position, f", {parameter}=None"))
        self._write_seed(node, parameter)
        for (call,), value in zip(calls, values):
            parts = call.args + call.keywords
            if parts:
                at = self.end_offset(max(parts, key=lambda n: (n.end_lineno, n.end_col_offset)))
                edit = (at, at, f", {parameter}={value}")
            else:
                at = self.end_offset(call.func) + 1
                edit = (at, at, f"{parameter}={value}")
            self.edits.append(edit)
            self.seed_edits.add(edit)
        return True

    def _calls_are_initial_values(self, calls: list[ast.Call]) -> bool:
        """Every call is a tf.Variable's initial value (`D_W1 = tf.Variable(xavier_init([784, 128]))`,
        wiseodd's GANs): the tensor it returns is drawn once, where the variable is made."""
        parents = {id(child): parent for parent in ast.walk(self.tree) for child in ast.iter_child_nodes(parent)}
        for call in calls:
            parent = parents.get(id(call))
            if not (isinstance(parent, ast.Call) and self.call_name(parent) in VARIABLES and (
                    parent.args[:1] == [call] or any(k.arg == "initial_value" and k.value is call for k in parent.keywords))):
                return False
        return True

    def _seed_arg(self, call: ast.Call, called: str | None) -> ast.AST | None:
        """The op seed `call` passes (keyword or positional); None when it passes none or `None`."""
        index = RANDOM_SEED_ARG.get(called)
        if called in RANDOM_INITIALIZERS:
            index = RANDOM_INITIALIZERS[called][1].index("seed")
        elif called in FAN_INITIALIZERS:
            index = FAN_INITIALIZERS[called].index("seed")
        value = next((k.value for k in call.keywords if k.arg == "seed"), None)
        if value is None and index is not None and len(call.args) > index:
            value = call.args[index]
        return None if value is None or isinstance(value, ast.Constant) and value.value is None else value

    def _graph_initializer(self, call: ast.Call) -> bool:
        """`V1GlorotUniform(seed=None)` of tf2_layers, the class written in the file: a draw whose op seed is to be written."""
        return isinstance(call.func, ast.Name) and call.func.id == GRAPH_INITIALIZER and call.func.id in self.local_classes \
            and any(k.arg == "seed" and isinstance(k.value, ast.Constant) and k.value.value is None for k in call.keywords)

    def _has_seed(self, call: ast.Call, called: str) -> bool:
        """`call` passes an op seed (keyword or positional, not None)."""
        return self._seed_arg(call, called) is not None

    def _write_seed(self, call: ast.Call, seed: int) -> None:
        keyword = next((k for k in call.keywords if k.arg == "seed"), None)
        if keyword is not None:  # `seed=None`
            edit = (self.offset(keyword.value), self.end_offset(keyword.value), str(seed))
        else:
            last = max(call.args + call.keywords, key=lambda n: (n.end_lineno, n.end_col_offset))
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                raise self.fail(call, "a random op with no op seed and `*args` / `**kwargs`: its seed cannot be written")
            position = self.end_offset(last)
            edit = (position, position, f", seed={seed}")
        self.edits.append(edit)
        self.seed_edits.add(edit)

    def seeded_source(self, node: ast.AST) -> str:
        """`source(node)` with the op seeds written inside it (`_seed_random_ops`)."""
        start, end = self.offset(node), self.end_offset(node)
        text = self.text[start:end]
        for s, e, new in sorted((x for x in self.seed_edits if start <= x[0] and x[1] <= end), reverse=True):
            text = text[: s - start] + new + text[e - start:]
        return text

    def _module_events(self, scope: list[ast.stmt], events: list) -> None:
        """The events of the whole program in build order: the module's statements, and where
        the scope is a function (`main()`), its body where the module calls it."""
        if scope is self.tree.body:
            self._body_events(scope, events, ())
            return
        if any(_main_guard(s) and s.body is scope for s in self.tree.body):
            # the program written under `if __name__ == "__main__":`, which the module's run takes once
            self._body_events(self.tree.body, events, ())
            return
        if any(self._graph_per_pass(s) and s.body is scope for s in self.tree.body):
            # a loop building a new graph at each pass: each pass's graph counts its own random ops
            self._body_events(scope, events, ())
            return
        holder = next((s for s in self.tree.body if isinstance(s, (ast.If, ast.Try)) and any(
            body is scope for body in (s.body, getattr(s, "orelse", None), getattr(s, "finalbody", None),
                                       *(h.body for h in getattr(s, "handlers", []))))), None)
        if holder is not None:
            # a module-level block holding the graph and its Session (`if RUN:`, `try:`): the module's
            # statements before it, then the body that runs the Session
            self._body_events(self.tree.body[:self.tree.body.index(holder)], events, ())
            self._body_events(scope, events, ())
            return
        function = next((f for f in self.tree.body if isinstance(f, ast.FunctionDef) and f.body is scope), None)
        if function is None:
            events.append(("blocked", scope[0], "in a body other than the module or a module function"))
            return
        for stmt in self.tree.body:
            calls_it = any(isinstance(n, ast.Name) and n.id == function.name for n in ast.walk(stmt)) or any(
                isinstance(n, ast.Call) and (self.call_name(n) or "").endswith("app.run") for n in ast.walk(stmt))
            if calls_it and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
                self._body_events(function.body, events, (function.name,))
                return
            if function.name in self._names_reached(stmt):
                # `if __name__ == "__main__": main()`, main calling the function: walked through those calls
                self._body_events([stmt], events, ())
                return
            self._body_events([stmt], events, ())
        self._body_events(function.body, events, (function.name,))

    def _names_reached(self, stmt: ast.stmt) -> set[str]:
        """The names `stmt` reads, and those the file's module-level functions it calls read, through
        their calls (`if __name__ == "__main__": main()`, main calling the function holding the Session)."""
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return set()
        functions = {f.name: f for f in self.tree.body if isinstance(f, ast.FunctionDef)}
        names: set[str] = set()
        todo = [stmt]
        while todo:
            for n in ast.walk(todo.pop()):
                if isinstance(n, ast.Name) and n.id not in names:
                    names.add(n.id)
                    if n.id in functions:
                        todo.append(functions[n.id])
        return names

    def _body_events(self, body: list[ast.stmt], events: list, stack: tuple, whole: bool = False) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
                continue
            if isinstance(stmt, ast.With):
                for item in stmt.items:
                    self._expr_events(item.context_expr, events, stack)
                self._body_events(stmt.body, events, stack)
            elif _main_guard(stmt):  # `if __name__ == "__main__": main()`: the script's run takes it, once
                self._body_events(stmt.body, events, stack)
            elif isinstance(stmt, (ast.If, ast.For, ast.While, ast.Try, ast.AsyncFor, ast.AsyncWith)) \
                    or type(stmt).__name__ in ("Match", "TryStar"):
                self._nested_events(stmt, events, stack, SEED_IN_LOOP)
            elif isinstance(stmt, ast.Assign):
                self._expr_events(stmt.value, events, stack)
                for target in stmt.targets:
                    self._expr_events(target, events, stack)
            else:
                self._expr_events(stmt, events, stack)
            if isinstance(stmt, (ast.Return, ast.Raise)) and not whole:
                return  # the rest of the body does not run

    def _nested_events(self, node: ast.AST, events: list, stack: tuple, why: str) -> None:
        """A part that runs any number of times (a loop, a branch, a lambda, a comprehension):
        a random op in it cannot be counted; a call that may draw is an "unknown"."""
        inner: list = []
        if isinstance(node, ast.stmt):
            for field_ in ("test", "iter", "target", "subject"):
                if isinstance(getattr(node, field_, None), ast.expr):
                    self._expr_events(getattr(node, field_), inner, stack, nested=True)
            for item in getattr(node, "items", []):
                self._expr_events(item.context_expr, inner, stack, nested=True)
            bodies = [getattr(node, f, []) for f in ("body", "orelse", "finalbody")]
            bodies += [h.body for h in getattr(node, "handlers", [])] + [c.body for c in getattr(node, "cases", [])]
            for body in bodies:
                self._body_events(body, inner, stack, whole=True)
        else:
            self._expr_events(node, inner, stack, nested=True)
        counted = next((e for e in inner if e[0] in ("draw", "blocked", "seed")), None)
        if counted is not None:
            events.append(("blocked", counted[1], why if counted[0] != "blocked" else counted[2]))
        elif any(e[0] == "unknown" for e in inner):
            events.append(("unknown", node, ""))

    def _expr_events(self, node: ast.AST, events: list, stack: tuple, nested: bool = False) -> None:
        """Events of an expression in Python's evaluation order (arguments before the call)."""
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)) and not nested:
            self._nested_events(node, events, stack, "built in a lambda or a comprehension")
            return
        if isinstance(node, ast.IfExp) and not nested and self._graph_cond(node):
            for part in (node.test, node.body, node.orelse):  # tf.cond built both branches, once
                self._expr_events(part, events, stack)
            return
        if isinstance(node, (ast.IfExp, ast.BoolOp)) and not nested:
            self._expr_events(node.test if isinstance(node, ast.IfExp) else node.values[0], events, stack)
            self._nested_events(node, events, stack, "built conditionally")
            return
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if key is not None:
                    self._expr_events(key, events, stack)
                self._expr_events(value, events, stack)
            return
        if not isinstance(node, ast.Call):
            for child in ast.iter_child_nodes(node):
                self._expr_events(child, events, stack, nested)
            return
        self._expr_events(node.func.value if isinstance(node.func, ast.Attribute) else node.func, events, stack, nested)
        for arg in node.args:
            self._expr_events(arg, events, stack, nested)
        for keyword in node.keywords:
            self._expr_events(keyword.value, events, stack, nested)
        self._call_event(node, events, stack)

    def _graph_cond(self, node: ast.IfExp) -> bool:
        """`tf.nn.dropout(x, ...) if training else tf.identity(x)`, tf2_layers' v1 dropout whose
        `training=` is a bool placeholder: TF 1.x's smart_cond built a tf.cond, both branches
        once where the layer was built (the mask's op seed one count there, drawn only in the
        runs feeding True: the step's `if` draws only then too)."""
        return isinstance(node.body, ast.Call) and self.call_name(node.body) in ("tf.nn.dropout", "tf.compat.v1.nn.dropout") \
            and isinstance(node.orelse, ast.Call) and self.call_name(node.orelse) == "tf.identity" \
            and self.bool_placeholder(node.test)

    def bool_placeholder(self, node: ast.AST) -> bool:
        """`node` is a name the file binds only to bool placeholders (`tf.placeholder(tf.bool, ...)`)."""
        if not isinstance(node, ast.Name):
            return False
        def boolean(call: ast.Call) -> bool:
            first = (call.args[:1] or [k.value for k in call.keywords if k.arg in ("dtype", "input")])[:1]
            if self.call_name(call) == PLACEHOLDER_DEFAULT:  # its dtype is its default's
                return any(isinstance(a, ast.Constant) and isinstance(a.value, bool) for a in first)
            return any(isinstance(a, ast.Attribute) and self.qual(a) == "tf.bool" for a in first)

        bound = self._assignments(node.id)
        stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == node.id and not isinstance(n.ctx, ast.Load)]
        return bool(bound) and len(stores) == len(bound) and all(
            isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.value, ast.Call)
            and self.call_name(s.value) in (PLACEHOLDER, PLACEHOLDER_DEFAULT) and boolean(s.value) for s in bound)

    def _call_event(self, call: ast.Call, events: list, stack: tuple) -> None:
        called = self.call_name(call)
        if called is not None and _is_random_op(called) and called not in RANDOM_INITIALIZERS:
            self.build_visited.add(id(call))
        if called in SEEDS:
            events.append(("seed", call, ""))
        elif called in RANDOM_SEED_ARG:
            if not self._has_seed(call, called):
                events.append(("draw", call, ""))
        elif called == GET_VARIABLE:
            # the initializer draws when the variable is made (the object made before draws nothing)
            init = next((k.value for k in call.keywords if k.arg == "initializer"), call.args[3] if len(call.args) > 3 else None)
            init = None if isinstance(init, ast.Constant) and init.value is None else init  # (v1's default written out)
            binding = self._initializer_binding(call, init)
            init = binding.value if binding is not None else init
            init_called = self.call_name(init) if isinstance(init, ast.Call) else None
            if init is None:
                events.append(("draw", call, ""))  # v1's default glorot_uniform_initializer(): one draw
            elif init_called in RANDOM_INITIALIZERS or init_called in FAN_INITIALIZERS:
                self.build_visited.add(id(init))
                if not self._has_seed(init, init_called):
                    events.append(("draw", init, ""))
            elif init_called in CONSTANT_INITIALIZERS or init_called == "tf.compat.v1.constant_initializer" \
                    or (init_called or "").startswith("tf.keras.initializers."):
                pass  # no draw, or Keras 3's own seeds (measured: no graph seed asked)
            elif init_called in INITIAL_TENSORS or isinstance(init, ast.Constant):
                # an initial value given as a tensor (easy-tensorflow's `initial = tf.constant(0.1, shape=...)`;
                # get_variable then takes it as the value, asking no seed): its ops are walked where they are built
                pass
            else:
                events.append(("unknown", call, ""))
        elif self._graph_initializer(call):
            # tf2_layers' V1GlorotUniform(seed=None), a Keras layer's kernel where TF 1.x's layer was built: the
            # one draw v1's glorot_uniform_initializer made there (its op seed written in `seed=`)
            events.append(("draw", call, ""))
        elif isinstance(call.func, ast.Name) and (call.func.id in self.local_classes and call.func.id in {
                cls for cls, _ in RNN_CELLS.values()} | {"MultiRNNCell"} or call.func.id in self.local_functions
                and call.func.id in {f for f, _ in RNN_RUNNERS.values()}):
            # tf2_rnn's cell made or run: its kernels drawn with the initializer it is given (under a graph seed,
            # V1GlorotUniform(seed=None) among its arguments: their draws, counted where the cell is made, tf2_rnn's
            # `_graph_seeded_cells`; else tf_keras' or Keras' draw, asking the graph for no seed, measured, tf2_rnn)
            pass
        elif called in KERAS_LAYERS or isinstance(call.func, ast.Name) and (
                call.func.id in self.keras_layer_names or call.func.id == LAYER_INITIALIZER and call.func.id in self.local_classes):
            pass  # a Keras layer made or called: none asks the graph for a seed (tf2_layers; v1's took 0 counts, measured)
        elif called in RANDOM_INITIALIZERS or called in FAN_INITIALIZERS or (called or "").startswith("tf.keras.initializers."):
            pass  # an initializer object: draws where a variable is made with it
        elif called is not None and _is_random_op(called):
            if not self._has_seed(call, called):
                events.append(("blocked", call, "an op whose seed use is not counted here"))
        elif called in NCE_LOSSES:
            # its log_uniform_candidate_sampler(seed=None): one get_seed (none with `sampled_values=` given,
            # whose own sampler is then a call of its own)
            if len(call.args) < 8 and all(k.arg != "sampled_values" for k in call.keywords) \
                    and all(k.arg is not None for k in call.keywords) and not any(isinstance(a, ast.Starred) for a in call.args):
                events.append(("draw", call, ""))
            else:
                events.append(("unknown", call, ""))
        elif isinstance(call.func, ast.Name) and call.func.id in self.local_functions:
            self._function_events(self.local_functions[call.func.id], call, events, stack)
        elif isinstance(call.func, ast.Name) and _helper_draws(self, call.func.id) is not None:
            # a helper's object (migrate/tf2_helpers.py): made, nothing; called, the random ops TF 1.x built there
            for _ in range(_helper_draws(self, call.func.id)):
                events.append(("count", call, ""))
        elif isinstance(call.func, ast.Name) and self._layer_model(call.func.id) is not None:
            # a model object tf2_layers made of a model function: made, its Keras layers (no seed asked, but the
            # kernels V1GlorotUniform draws under a graph seed: TF 1.x's draws at the first call, in its order;
            # tf.Module's own __init__, `super().__init__()`, none); called, its body as the function's ran at that call
            method = self._layer_model(call.func.id)
            self._function_events(method, call, events, stack, method.body[1:] if method.name == "__init__" else None)
        elif isinstance(call.func, ast.Name) and call.func.id in self.local_classes:
            # a class of the file made: its __init__ runs (a base class's would be unknown)
            cls = self.local_classes[call.func.id]
            init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
            if any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases) or cls.keywords:
                events.append(("unknown", call, ""))
            elif init is not None:
                self._function_events(init, call, events, stack)
        elif called == ITERATORS[0]:
            events.append(("count", call, ""))  # make_one_shot_iterator takes one count, seeds nothing (measured)
        elif isinstance(call.func, ast.Attribute) and call.func.attr == "shuffle" and not self._draws_no_graph_seed(call, called):
            if not self._dataset_expr(call.func.value, frozenset()):
                events.append(("blocked", call, "a `.shuffle` of a value the converter cannot tell apart from a tf.data "
                               "Dataset (whose shuffle asks the graph for a seed)"))
            elif not self._has_seed(call, DATASET_SHUFFLE):
                events.append(("draw", call, ""))  # Dataset.shuffle(buffer_size, seed=None): one get_seed
        elif isinstance(call.func, ast.Attribute) and call.func.attr == "zero_state" and self._rnn_cell_name(call.func.value):
            pass  # tf2_rnn's cell's zero state: zeros, no draw
        elif isinstance(call.func, ast.Call) and self.call_name(call.func) in (
                "tf.constant_initializer", "tf.compat.v1.constant_initializer"):
            pass  # `tf.constant_initializer(0.1)([n], dtype=...)`: a get_variable's constant value (`_get_variable`), no draw
        elif not self._draws_no_graph_seed(call, called):
            events.append(("unknown", call, ""))

    def _rnn_cell_name(self, node: ast.AST) -> bool:
        """`node` is a module-level name bound once to one of tf2_rnn's cells (`gru = GRUCell(...)`)."""
        bound = self._assignments(node.id) if isinstance(node, ast.Name) else []
        value = bound[0].value if len(bound) == 1 and isinstance(bound[0], ast.Assign) else None
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self.local_classes \
            and value.func.id in {cls for cls, _ in RNN_CELLS.values()} | {"MultiRNNCell"}

    def _dataset_expr(self, node: ast.AST, seen: frozenset) -> bool:
        """Is `node` a tf.data Dataset: a chain of method calls on `tf.data.Dataset.<factory>(...)`,
        or a module-level name bound once to one?"""
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            called = self.call_name(node)
            if called is not None and called.startswith(("tf.data.", "tf.compat.v1.data.")):
                return True
            node = node.func.value
        if isinstance(node, ast.Name) and node.id not in seen:
            bound = self._assignments(node.id)
            return len(bound) == 1 and isinstance(bound[0], ast.Assign) and len(bound[0].targets) == 1 \
                and self._dataset_expr(bound[0].value, seen | {node.id})
        return False

    def _assignments(self, name: str) -> list[ast.stmt]:
        """The statements of the file assigning to `name` (`=`, `+=`, annotated)."""
        return [s for s in ast.walk(self.tree) if isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                and any(isinstance(t, ast.Name) and t.id == name for t in (s.targets if isinstance(s, ast.Assign) else [s.target]))]

    def _function_events(self, function: ast.FunctionDef, call: ast.Call, events: list, stack: tuple,
                         body: list | None = None) -> None:
        """The events of a call of the file's own `function`: its body (or the part `body` of it), run once here."""
        if function.name in stack:
            events.append(("blocked" if self._random_call(function) else "unknown", call, "built by a recursive function"))
        elif _exits_early(function.body) or any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(function)):
            self._nested_events(function, events, stack + (function.name,), "built after an early return of its function")
        else:
            self.calls_stack.append(call)
            try:
                self._body_events(function.body if body is None else body, events, stack + (function.name,))
            finally:
                self.calls_stack.pop()

    def _draws_no_graph_seed(self, call: ast.Call, called: str | None) -> bool:
        """A call known to build no random op asking the graph for a seed: TensorFlow's
        non-random ops (an initializer object draws where it is used: by get_variable, counted,
        or by a call flagged here), builtins, the standard library and numpy, and methods
        other than `shuffle` and the file's own."""
        if called is not None and self.imported_from.get(called.split(".")[0]) == "tensorflow":
            called = "tf." + called.partition(".")[2]  # `import tensorflow` inside a function
        if called is not None and called.startswith("tf.keras.datasets."):
            return True  # loads arrays
        if called is not None and called.startswith("tf."):
            return not SEEDED_CALLS.search(called)
        if isinstance(call.func, ast.Name):
            name = call.func.id
            if name in dir(builtins) or name in self.record_types:
                return True
            bound = [s.value for s in self.tree.body if isinstance(s, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in s.targets)]
            if len(bound) == 1 and isinstance(bound[0], ast.Attribute) and _root_name(bound[0]) in self.imported_from:
                # `FLAGS = flags.FLAGS` (absl), then `FLAGS(sys.argv, known_only=True)`, the parse the
                # compat pass writes (a fresh-eyes trial: blamed as a call that may build random ops)
                return _builds_no_op(self.imported_from[_root_name(bound[0])])
            if _builds_no_op(self.imported_from.get(name, "")):
                return True
            if name not in self.imported_from and "*" in self.imported_from and name not in self.local_functions:
                # (`from ops import *`, the file's last star import: its names are the ones bound)
                return _library_draws_no_seed(self.imported_from["*"], name)
            return name in self.imported_from and _library_draws_no_seed(self.imported_from[name], name)
        if called is not None and called.split(".")[0] in self.imported_from:
            return _builds_no_op(self.imported_from[called.split(".")[0]])
        if isinstance(call.func, ast.Attribute):
            attr = call.func.attr
            # (a module function of the file named like the method, gan-intro's `def parse_args():` beside
            # `parser.parse_args()`, is not what a method call reaches)
            return attr != "shuffle" and (attr not in self.local_functions or self._plain_method(attr) or not any(
                isinstance(f, ast.FunctionDef) and f.name == attr for k in ast.walk(self.tree)
                if isinstance(k, ast.ClassDef) for f in k.body))
        return False

    def _plain_method(self, name: str) -> bool:
        """Is every function of the file named `name` a method of a class building no random op (the
        compat pass's MNIST reader: `mnist.train.next_batch(100)` between graph statements, NumPy
        and `tensorflow.as_dtype` only)?"""
        classes = [k for k in ast.walk(self.tree) if isinstance(k, ast.ClassDef)]
        owners = [k for k in classes if any(isinstance(f, ast.FunctionDef) and f.name == name for f in k.body)]
        if len(owners) != sum(isinstance(f, ast.FunctionDef) and f.name == name for f in ast.walk(self.tree)):
            return False  # a function of that name outside a class body
        for cls in owners:
            methods = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)}
            for node in ast.walk(cls):
                called = self.call_name(node) if isinstance(node, ast.Call) else None
                if called is not None and self.imported_from.get(called.split(".")[0]) == "tensorflow":
                    called = "tf." + called.partition(".")[2]  # (`import tensorflow` in the method)
                if called is not None and called.startswith("tf.") and SEEDED_CALLS.search(called):
                    return False
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.local_functions \
                        and node.func.id not in methods:
                    return False
        return True

    def _check_plain_random_tensors(self, body: list[ast.stmt]) -> None:
        """A statement before the Session that draws random numbers from no graph value
        (`a = tf.random_normal([2])`) stays in place and runs eagerly once, while TF 1.x drew
        again at every run (measured: two `sess.run(a)` printed two values, `a.numpy()` one)."""
        built = {id(d.stmt) for d in self.order}
        for stmt in body:
            if self._session_with(stmt) is not None or self._session_assign(stmt) is not None:
                return
            if isinstance(stmt, ast.With) and (self.call_name(stmt.items[0].context_expr) in (
                    *NAME_SCOPES, "tf.device", "tf.compat.v1.device") or self._plain_variable_scope(stmt.items[0])):
                self._check_plain_random_tensors(stmt.body)
                continue
            if id(stmt) in built or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            called = self._random_call(stmt)
            if called and self._initial_value_only(stmt, body):
                continue
            if called:
                raise self.fail(stmt, f"a random tensor ({called}) that reads no graph value: TF 1.x drew it again at "
                                "every Session.run, eagerly it would be drawn once here")

    def _check_printed_tensors(self) -> None:
        """`hello = tf.constant('Hello, TensorFlow!')`, then `print(hello)` (golbin's 01 - Basic.py):
        a TensorFlow call of Python values stays in place and runs eagerly, where TF 1.x built a
        graph tensor; printed, TF 1.x showed the symbolic Tensor (`Tensor("Const:0", shape=(),
        dtype=string)`, measured) and eager code shows its value. A Fallback when the latest
        binding (by line) of a printed name, or a printed call, is such a TensorFlow call."""
        def tensor_call(node: ast.AST) -> bool:
            called = self.call_name(node) if isinstance(node, ast.Call) else None
            return called is not None and called.startswith("tf.") and not called.startswith(NOT_TENSORS) \
                and not called.endswith(("_initializer", "Optimizer")) and called not in NO_TENSOR_CALLS \
                and ".".join(called.split(".")[:2]) not in NUMERIC_DTYPES | {"tf.string", "tf.bool"}  # tf.int32.as_numpy_dtype()

        bindings: dict[str, list[tuple[int, bool]]] = {}  # name -> (line, bound to a tensor), in line order

        def reads_tensor(value: ast.AST, line: int) -> bool:
            """Arithmetic, a subscript or a call of the file's own function on a name whose latest
            binding before `line` is a tensor (`res = x * 2.0`, `res = double(x)`: a fresh-eyes trial's
            helper returned a graph tensor that was printed)."""
            if not isinstance(value, (ast.BinOp, ast.UnaryOp, ast.Subscript)) and not (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self.local_functions):
                return False
            for n in ast.walk(value):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                    earlier = [t for at, t in bindings.get(n.id, []) if at < line]
                    if earlier and earlier[-1]:
                        return True
            return False

        assignments = sorted((n for n in ast.walk(self.tree) if isinstance(
            n, (ast.Assign, ast.For, ast.AugAssign, ast.AnnAssign, ast.NamedExpr))), key=lambda n: (n.lineno, n.col_offset))
        for node in assignments:
            tensor = isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and (tensor_call(node.value) or reads_tensor(node.value, node.lineno))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name)):
                    bindings.setdefault(name, []).append((node.lineno, tensor))

        def printed(arg: ast.AST):
            if isinstance(arg, ast.JoinedStr):
                for value in arg.values:
                    if isinstance(value, ast.FormattedValue):
                        yield from printed(value.value)
            elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("str", "repr"):
                for inner in arg.args:
                    yield from printed(inner)
            elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format" \
                    and isinstance(arg.func.value, ast.Constant):
                for inner in [*arg.args, *(k.value for k in arg.keywords)]:
                    yield from printed(inner)
            elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod) and isinstance(arg.left, ast.Constant):
                yield from (arg.right.elts if isinstance(arg.right, ast.Tuple) else [arg.right])
            elif isinstance(arg, (ast.Tuple, ast.List)):
                for inner in arg.elts:
                    yield from printed(inner)
            else:
                yield arg

        for node in ast.walk(self.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "display")):
                continue
            for arg in node.args:
                for part in printed(arg):
                    earlier = [t for line, t in bindings.get(part.id, []) if line < node.lineno] \
                        if isinstance(part, ast.Name) else []
                    if id(part) not in self.printed_placeholders and (tensor_call(part) or earlier and earlier[-1]):
                        what = f"`{part.id}`" if isinstance(part, ast.Name) else "this TensorFlow call"
                        raise self.fail(part, f"{what} is printed where TF 1.x printed the symbolic graph Tensor "
                                        "(its name, static shape and dtype), and eager TF 2 code prints its value")

    def _check_values_read_when_built(self, scope: list[ast.stmt]) -> None:
        """A statement moved into the steps (or a function of the file it calls) reading a
        Python name the program binds again later (`reg = 0.` read by the cost, then `for reg in
        np.linspace(0, 1, 100):` around the runs; a fresh-eyes trial): TF 1.x read the value once,
        when the graph was built, and kept it; the step would read the name when it runs
        (measured: other losses printed, or a float64 mixed into float32 ops)."""
        stores: dict[str, list[int]] = {}
        changes: dict[str, list[tuple[int, str]]] = {}  # changed in place: (line, how)

        def root(node: ast.AST) -> str | None:
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                node = node.value
            return node.id if isinstance(node, ast.Name) else None

        def collect(body: list[ast.stmt]) -> None:
            for stmt in body:
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                        stores.setdefault(node.id, []).append(node.lineno)
                    elif isinstance(node, (ast.Attribute, ast.Subscript)) and not isinstance(node.ctx, ast.Load) \
                            and root(node) is not None:
                        # `cfg.scale = 100.0`, `params["reg"] = 0.5`, `labels[:] = ...` (a fresh-eyes trial)
                        changes.setdefault(root(node), []).append((node.lineno, self.source(node)))
                    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                        called = self.call_name(node) or ""
                        if node.func.attr == "shuffle" and node.args and root(node.args[0]) is not None and (
                                called.endswith("random.shuffle") or called == "random.shuffle"):
                            # `np.random.shuffle(labels)`, `random.shuffle(data)`: shuffled in place
                            changes.setdefault(root(node.args[0]), []).append((node.lineno, self.source(node)))
                        elif node.func.attr in IN_PLACE_METHODS and root(node.func.value) is not None \
                                and root(node.func.value) not in self.imported_from:
                            changes.setdefault(root(node.func.value), []).append((node.lineno, self.source(node)))
        collect([s for s in scope if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))])
        if scope is not self.tree.body:
            collect([s for s in self.tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))])

        def reads(node: ast.AST, seen: frozenset) -> set[str]:
            local = _bound_inside(node) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else set()
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
                local |= {a.arg for a in ast.walk(node) if isinstance(a, ast.arg)}
            names = set()
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in local:
                    names.add(n.id)
                    function = self.local_functions.get(n.id)
                    if function is not None and n.id not in seen and function in self.tree.body:
                        names |= reads(function, seen | {n.id})
            return names

        for d in self.order:
            if d.kind not in ("tensor", "summary") or d.stmt not in self.deleted_stmts:
                continue
            for name in sorted(reads(d.stmt, frozenset())):
                if name in self.defs or name in self.imported_from or name in self.local_functions:
                    continue
                later = [line for line in stores.get(name, []) if line > d.stmt.end_lineno]
                read = next((n for n in ast.walk(d.stmt) if isinstance(n, ast.Name) and n.id == name), d.stmt)
                if later:
                    raise self.fail(read, f"graph code reading the Python value `{name}`, which the program binds "
                                    f"again at line {later[0]}: TF 1.x used its value when the graph was built, the "
                                    "converted step would read it when it runs", f"{name}")
                changed = [(line, how) for line, how in changes.get(name, []) if line > d.stmt.end_lineno]
                if changed:
                    line, how = changed[0]
                    raise self.fail(read, f"graph code reading the Python value `{name}`, which the program changes "
                                    f"in place at line {line} (`{how.splitlines()[0][:50]}`): TF 1.x used its value "
                                    "when the graph was built, the converted step would read it when it runs", f"{name}")

    def _check_function_globals(self) -> None:
        """A statement moved into a step calling a module function of the file that reads a graph
        tensor or placeholder as a global (instillai's multiclass_svm: `def loss_fn(w)` reads
        `my_kernel`, made after the def): the function stays at module level, where the step's
        tensor does not exist (a fresh-eyes trial: NameError). A Fallback naming both."""
        for d in self.order:
            if d.kind not in ("tensor", "summary") or d.stmt not in self.deleted_stmts:
                continue
            for node in ast.walk(d.stmt):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in self.local_functions and node.func.id not in self.step_local_functions):
                    continue
                function = self.local_functions[node.func.id]
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                inside = _bound_inside(function)
                read = next((n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                             and n.id not in inside and getattr(self.defs.get(n.id), "kind", None) in ("tensor", "placeholder")),
                            None)
                if read is not None:
                    raise self.fail(node, f"`{node.func.id}` reads the graph {self.defs[read].kind} `{read}` as a global "
                                    "(made after the function): only the steps have it, and the function, left at module "
                                    "level, would not see it", node.func.id)

    def _library_values(self, stmt: ast.stmt, outside_only: bool = False) -> None:
        """`z = noise(3)` (a function of another module of the run that uses TensorFlow, or of a
        module outside the run), `X = tfp.distributions.Normal(...).sample()` (a library building
        TensorFlow ops): the names it binds, for `_check_library_values`; with `outside_only`, of a
        statement reading graph values (`y = mylib.layer(x)`), a module outside the run only."""
        if not (isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets)):
            return
        for node in ast.walk(stmt.value):
            if not isinstance(node, ast.Call):
                continue
            root = node.func
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if not isinstance(root, ast.Name) or root.id not in self.imported_from:
                continue
            module = self.imported_from[root.id]
            top = module.lstrip(".").split(".")
            # (a module outside the run that the converter cannot read counts too: a fresh-eyes trial's
            # `y = mylib.layer(x)`, whose get_variable ran inside a tf.function, converted and failed)
            if top[0] == "tensorflow" or _builds_no_op(module) or outside_only and (
                    top[0] in TF_LIBRARIES or module.startswith(".") or set(top) & RUN_MODULES.get()):
                continue  # (outside_only: a graph value handed to a module of the run or a known library is followed)
            for target in stmt.targets:
                self.library_values.setdefault(target.id, (node, module, stmt))
            return

    def _check_library_values(self) -> None:
        """A statement moved into the steps reading a name `_library_values` saw bound to such a
        call: TF 1.x built the ops the call made into the graph and ran them again at each
        Session.run (a random op drew again); left in place, eager code computes it once (a
        fresh-eyes trial: the same row printed twice where compat printed two). The converter
        cannot see what the call builds: a Fallback."""
        if not self.library_values:
            return
        for d in self.order:
            if d.kind not in ("tensor", "summary") or d.stmt not in self.deleted_stmts:
                continue
            for n in ast.walk(d.stmt):
                if isinstance(n, ast.Name) and n.id in self.library_values and (
                        isinstance(n.ctx, ast.Load) or self.library_values[n.id][2] is d.stmt):
                    node, module, bound = self.library_values[n.id]
                    if bound.lineno > d.stmt.lineno:
                        continue
                    latest = max(self._bindings_before(n.id, d.stmt.lineno) or [bound], key=lambda s: s.lineno)
                    if latest is not bound and latest is not d.stmt and latest.lineno > bound.lineno:
                        continue  # (rebound before: igormq's `inputs = mfcc(...)`, then `inputs = tf.placeholder(...)`)
                    text = self.source(node).splitlines()[0]
                    text = text if len(text) <= 50 else text[:47] + "..."
                    if bound is d.stmt:
                        raise self.fail(node, f"`{text}` (of the module `{module}`) builds graph ops from graph values, "
                                        "which the converter cannot see: a variable it makes would be made again at "
                                        "each call of the TF 2 step (migrate that module in the same run if it is yours)",
                                        text)
                    raise self.fail(node, f"`{text}` (of the module `{module}`) computes a value the graph reads: TF 1.x "
                                    "built the ops such a call makes into the graph and ran them again at each "
                                    "Session.run (a random op drew again), eager code would compute it once; the "
                                    "converter cannot see what it builds", text)

    def _drawn_per_run(self, stmt: ast.stmt) -> bool:
        """`name = <a stateful random op of no graph value>` whose name a later statement of the
        program reads, other than as one variable's initial value (`_initial_value_only`: TF 1.x
        drew that once, with the initializer)."""
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)) \
                or self._random_call(stmt.value) is None or self.sessions_made > 1:
            return False  # (each new Session of TF 1.x started the op's draws again)
        body = next((b for node in ast.walk(self.tree) for b in (getattr(node, "body", None),)
                     if isinstance(b, list) and stmt in b), [])
        return not self._initial_value_only(stmt, body) and any(
            isinstance(n, ast.Name) and n.id == stmt.targets[0].id and isinstance(n.ctx, ast.Load)
            for later in ast.walk(self.tree) if isinstance(later, ast.stmt) and later.lineno > stmt.end_lineno
            for n in ast.walk(later))

    def _initial_value_only(self, stmt: ast.stmt, body: list[ast.stmt]) -> bool:
        """`w_init = tf.random_uniform(...)` read only as the initial value of one variable
        made later in `body` (`w = tf.Variable(w_init)`): TF 1.x drew it once, when the
        initializer ran, as the eager statement draws it once in place (with the op seed
        written; an op seed another random op of the file also has would share its eager
        kernel, so not then)."""
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            return False
        name = stmt.targets[0].id
        stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
        loads = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
        if len(stores) != 1 or len(loads) != 1:
            return False
        later = body[body.index(stmt) + 1:] if stmt in body else []
        owner = next((n for s in later for n in ast.walk(s) if isinstance(n, ast.Call) and self.call_name(n) in VARIABLES
                      and (n.args[:1] == [loads[0]] or any(k.arg == "initial_value" and k.value is loads[0] for k in n.keywords))), None)
        if owner is None:
            return False
        keys = [self._seed_key(n) for n in ast.walk(self.tree)]
        mine = {self._seed_key(n) for n in ast.walk(stmt)} - {None}
        return all(keys.count(key) == 1 for key in mine)

    def _check_shared_random_ops(self) -> None:
        """A statement drawing random numbers, needed by two generated functions: TF 1.x made
        its op once and every Session.run drew on from that op's generator, while each
        tf.function gets its own op and generator (measured on the LeNet tutorial with the
        train op and the loss fetched in separate runs: other numbers). So the steps reaching
        it run eagerly: eager ops of one kind and seed share one kernel of TF's eager kernel
        cache, which draws on from call to call, as the graph's op did (measured under TF
        2.21: dropout reached by a train step, a prediction and a loss, masks and printed
        values equal to the compat program's, run after run). That holds only while no other
        random op of the file has the same kind and seed (a graph gave each its own
        generator): that, or an op the eager steps build more than once, is a Fallback."""
        eager: set[str] = set()
        for d, users in self.statement_users.values():
            if len(users) > 1 and self._random_call(d.stmt) and len(self._drawing_steps(d.stmt, users)) > 1:
                eager.update(users)
        if not eager:
            return
        for d, users in self.statement_users.values():
            sampler = next((n for n in ast.walk(d.stmt) if id(n) in self.op_seeds and self.call_name(n) in NCE_LOSSES), None)
            if sampler is not None and eager & set(users):
                raise self.fail(sampler, "nce_loss under a graph seed in steps that must run eagerly (its sampler is "
                                "shared by several runs): TF 1.x ran it in a graph Grappler's arithmetic optimizer "
                                "rewrote (measured: last-bit differences from eager ops after a few steps); fetch the "
                                "loss in the training run (`sess.run([train, loss])`) to convert")
        reached: dict[int, tuple[ast.Call, set[int]]] = {}  # random call -> the statements building it
        in_functions: set[int] = set()  # random calls run only inside tf.functions (a kernel of their own)
        for d, users in self.statement_users.values():
            for call in self._random_calls(d.stmt):
                if eager & set(users):
                    reached.setdefault(id(call), (call, set()))[1].add(id(d))
                else:
                    in_functions.add(id(call))
        helper = self.local_classes.get(GRAPH_INITIALIZER)  # its draw is each call's, with the op seed written there
        drawn_by_helper = {id(n) for n in ast.walk(helper)} if helper is not None else set()
        every = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self._random_kind(n) is not None
                 and (id(n) in reached or id(n) not in in_functions) and id(n) not in drawn_by_helper]
        for call, statements in reached.values():
            kind, seed = self._random_kind(call)
            if seed is None:
                continue  # no seed at all: TF 1.x drew other numbers in every process too
            if len(statements) > 1:
                raise self.fail(call, f"a random op ({self.call_name(call)}) built by {len(statements)} statements in steps "
                                "that must run eagerly (a random op shared by steps): TF 1.x made an op, with its own "
                                "generator, for each; eagerly, ops of one seed share one")
            for other in every:
                other_kind, other_seed = self._random_kind(other)
                if _same_object_class(self, call, other):
                    continue  # one counter gave both their op seeds: distinct (migrate/tf2_objects.py)
                if other is not call and other_kind == kind and other_seed is not None \
                        and (other_seed == seed or not (seed.isdigit() and other_seed.isdigit())):
                    raise self.fail(call, f"a random op ({self.call_name(call)}, seed {seed}) in steps that must run "
                                    f"eagerly (a random op shared by steps), beside another {kind} op with "
                                    f"{'the same seed' if other_seed == seed else 'a seed that may be equal'} (line "
                                    f"{other.lineno}): TF 1.x gave each op its own generator; eagerly, ops of one seed share one")
        for lines in self.generated_functions:
            name = next((name for name in eager for line in lines[:2] if line.startswith(f"def {name}(")), None)
            if name is not None:
                lines[0:1] = ["# eager, not a tf.function: its random ops draw on from the generators the other steps",
                              "# draw from, as TF 1.x's one graph op did in every Session.run"]
                # no input_signature converts the fed values now: the casts to the placeholders' dtypes again
                at = next(i for i, line in enumerate(lines) if line.startswith(f"def {name}(")) + 1
                cast_at, casts = self.signature_casts.get(name, (0, []))
                lines[at + cast_at:at + cast_at] = ["    " + cast for cast in casts]
        self.eager_steps = eager

    def _drawing_steps(self, stmt: ast.stmt, users: list[str]) -> list[str]:
        """The steps among `users` (all computing `stmt`) that may draw its random numbers: where
        each of its random ops is a dropout under a bool placeholder (`_graph_cond`, v1's tf.cond,
        whose mask only a run feeding True drew), a step every run of which feeds each such
        placeholder the literal False (or leaves it at a default of False) draws nothing. Only
        under a graph seed (with none the steps stay eager, as before: nothing to keep equal)."""
        if not self.op_seeds:
            return users
        conds: list[ast.IfExp] = []

        def unguarded(node):
            if isinstance(node, ast.IfExp) and self._graph_cond(node):
                conds.append(node)
                yield from unguarded(node.test)
                yield from unguarded(node.orelse)
                return
            yield node
            for child in ast.iter_child_nodes(node):
                yield from unguarded(child)

        outside = [n for n in unguarded(stmt) if isinstance(n, ast.Call)]
        if not conds or any(self._random_call(ast.Call(func=n.func, args=[], keywords=[])) for n in outside):
            return users
        guards = {c.test.id for c in conds}

        def false(feeds: dict | None, placeholder: str) -> bool:
            if feeds is None:
                return False
            if placeholder in feeds:
                value = feeds[placeholder]
                return isinstance(value, ast.Constant) and value.value is False
            return getattr(self.defs.get(placeholder), "default", None) == "False"

        return [u for u in users if not all(false(f, p) for f in self.step_feeds.get(u, [None]) for p in guards)]

    def _random_calls(self, node, seen: frozenset = frozenset()):
        """The stateful random op calls `node` runs, also inside the module's functions it calls."""
        for inner in ast.walk(node):
            called = self.call_name(inner) if isinstance(inner, ast.Call) else None
            if called is None:
                continue
            if _is_random_op(called):
                yield inner
            elif called in self.local_functions and called not in seen:
                yield from self._random_calls(self.local_functions[called], seen | {called})
            elif isinstance(inner.func, ast.Name) and called not in seen and self._layer_model(called) is not None:
                yield from self._random_calls(self._layer_model(called), seen | {called})
            elif isinstance(inner.func, ast.Name) and called not in seen:
                yield from _object_draws(self, called)

    def _random_kind(self, call: ast.Call) -> tuple[str, str | None] | None:
        """(kernel kind, op seed text) of a random op or random initializer call: the key of
        TF's eager kernel cache that matters here (dropout draws with a uniform op); the seed
        is the one `_seed_random_ops` wrote or the call's own, None when it has none; None for
        a call that is neither."""
        called = self.call_name(call)
        if self._graph_initializer(call):  # tf2_layers' V1GlorotUniform: a uniform draw
            return "uniform", str(self.op_seeds[id(call)]) if id(call) in self.op_seeds else None
        if called in RANDOM_INITIALIZERS:
            op = RANDOM_INITIALIZERS[called][0]
        elif called in FAN_INITIALIZERS:
            op = self._fan_op(call, called)
        elif called is not None and _is_random_op(called):
            op = called
        else:
            return None
        kind = "uniform" if "dropout" in op or "uniform" in op else op.rsplit(".", 1)[-1].removeprefix("random_")
        if id(call) in self.op_seeds:
            return kind, str(self.op_seeds[id(call)])
        seed = self._seed_arg(call, called)
        return kind, None if seed is None else self.source(seed)

    def _graph_value(self, name: str) -> str:
        """How a finding names the graph value `name`: "the graph tensor `loss`", or for a
        function moved into the steps, what it reads."""
        if name in self.step_local_functions:
            read = self.step_local_functions[name][1]
            return f"the function `{name}`, which reads the graph {self.defs[read].kind} `{read}` as a global,"
        kind = self.defs[name].kind
        return f"the graph {GRAPH_KIND_WORDS.get(kind, kind)} `{name}`"

    def _check_step_local_functions(self, scope: list[ast.stmt]) -> None:
        """A function moved into the steps (it reads graph tensors as globals) is used only by
        statements moved there too; else it stays a Fallback naming the global it reads."""
        moved = {id(d.stmt) for d, _ in self.statement_users.values()}  # statements the steps run
        for name, (function, read) in self.step_local_functions.items():
            used = [stmt for stmt in scope if stmt is not function
                    and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(stmt))]
            if not used or any(id(stmt) not in moved for stmt in used):  # unused, it would be lost
                raise self.fail(function, f"function `{name}` reads the graph {self.defs[read].kind} `{read}` as a "
                                "global", name)

    def _check_session_functions(self) -> None:
        for name, (function, _) in self.session_functions.items():
            uses = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name]
            if len(uses) != self.session_function_calls.get(name, 0):
                raise self.fail(uses[0] if uses else function, f"`{name}` (handed the Session) is used otherwise than "
                                "called with the Session inside the Session block", name)

    def _session_block(self, stmt: ast.With, item: ast.withitem, nested: bool = False) -> None:
        if len(stmt.items) != 1 or not isinstance(item.optional_vars, ast.Name):
            raise self.fail(stmt, "a Session `with` with other context managers or no `as name`")
        self._session_args(item.context_expr)
        sess = item.optional_vars.id
        self.session_names.add(sess)
        self._finish_savers()
        self._session_functions()
        # the header's last line (the colon's): comment lines under it stay, dedented as the body is
        header_line = max(n.end_lineno for i in stmt.items for n in (i.context_expr, i.optional_vars) if n is not None)
        header_line = header_line if header_line < stmt.body[0].lineno else stmt.body[0].lineno - 1
        header_end = self.starts[header_line]
        header_start = self.starts[stmt.lineno - 1]
        indent = _indent(self.lines[stmt.lineno - 1])
        inner = _indent(self.lines[stmt.body[0].lineno - 1])
        self.session_index += 1
        if self.first_generated is None and not nested:
            self.first_generated = stmt
        self.current_session = stmt
        self._global_session_readers(stmt, sess)
        generated = self._session_body(stmt.body, sess, top=True)
        self._finish_savers()  # a Saver made among the Session's statements (hunkim's lab 13-3)
        self.current_session = None
        if nested:  # the generated functions are written at module level, above the statement holding it
            self.edits.append((header_start, header_end, ""))
        else:
            self.edits.append((header_start, header_end, ("GEN", indent)))
            self.pending_generated.append(generated)
        # dedent the body
        delta = len(inner) - len(indent)
        body_start, body_end = self.starts[stmt.body[0].lineno - 1], self.starts[stmt.end_lineno]
        for index, (s, e, new) in enumerate(self.edits):
            # a statement of the block replaced whole (`opt = ...minimize(loss)` built in the Session block)
            if s in self.replaced_starts and body_start <= s < body_end and isinstance(new, str):
                self.edits[index] = (s, e, "".join(line[delta:] if line.startswith(" " * delta) else line
                                                   for line in new.splitlines(keepends=True)))
        skip = _string_continuation_lines(stmt)
        for line in range(header_line + 1, stmt.end_lineno + 1):
            if line in skip or line in self.deleted_lines:
                continue
            text = self.lines[line - 1]
            if text[:delta].strip() == "" and len(text) > delta and text[:delta] == " " * delta:
                start = self.starts[line - 1]
                self.edits.append((start, start + delta, ""))

    def _session_args(self, call: ast.Call) -> None:
        if call.args or any(k.arg != "config" for k in call.keywords):
            raise self.fail(call, "a Session with arguments (graph, target) is not converted")
        for keyword in call.keywords:
            self._session_config(keyword.value)

    def _session_config(self, expr: ast.expr) -> None:
        """`Session(config=ConfigProto(...))` (or a name bound once to one, then its fields
        set): each field's TF 2 setting (codemods/session_config.py's table), run before the
        program's first op (tf.config's thread pools and devices are fixed once TF starts);
        a field without an exact one is a Fallback."""
        from migrate.codemods.session_config import (
            CONFIG_FIELDS,
            GPU_FIELDS,
            SIMPLE_CALLS,
        )

        settings: list[tuple[str, ast.expr, ast.AST]] = []
        statements: list[ast.stmt] = []

        def read_call(call: ast.Call, prefix: str) -> None:
            if call.args:
                raise self.fail(call, f"{prefix or 'ConfigProto'} positional arguments are not converted")
            for k in call.keywords:
                if k.arg == "gpu_options" and not prefix:
                    value = k.value
                    bound = self._gpu_options_binding(value)
                    if bound is not None:  # `gpu_opts = tf.GPUOptions(allow_growth=True)` then `gpu_options=gpu_opts`
                        statements.append(bound)
                        value = bound.value
                    if not (isinstance(value, ast.Call) and self.call_name(value) == CONFIG_GPU):
                        raise self.fail(value, "gpu_options other than GPUOptions(...), inline or bound once to a name read "
                                        "only here, are not converted")
                    read_call(value, "gpu_options.")
                elif k.arg is None:
                    raise self.fail(call, "ConfigProto(**options) is not converted")
                else:
                    settings.append((prefix + k.arg, k.value, k))

        if isinstance(expr, ast.Call) and self.call_name(expr) == CONFIG_PROTO:
            read_call(expr, "")
        elif isinstance(expr, ast.Name):
            name = expr.id
            stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
            parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
            bound = parents.get(id(stores[0])) if len(stores) == 1 else None
            if not (isinstance(bound, ast.Assign) and len(bound.targets) == 1 and bound.targets[0] is stores[0]
                    and self.call_name(bound.value) == CONFIG_PROTO):
                raise self.fail(expr, f"a Session config `{name}` not bound once to a ConfigProto(...)", name)
            read_call(bound.value, "")
            statements.append(bound)
            for load in (n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)):
                if load is expr:
                    continue
                chain = [load]
                while isinstance(parents.get(id(chain[-1])), ast.Attribute):
                    chain.append(parents[id(chain[-1])])
                assign = parents.get(id(chain[-1]))
                if not (len(chain) > 1 and isinstance(chain[-1].ctx, ast.Store) and isinstance(assign, ast.Assign)
                        and assign.targets == [chain[-1]]):
                    raise self.fail(load, f"the Session config `{name}` is used otherwise than setting its fields", name)
                settings.append((".".join(a.attr for a in chain[1:]), assign.value, assign))
                statements.append(assign)
        else:
            raise self.fail(expr, "a Session config other than ConfigProto(...) or a name bound to one")
        lines = []
        for path, value, node in settings:
            value = self._bound_constant(value) or value  # (a module constant: `log_device_placement = True`)
            if not (isinstance(value, ast.Constant) or isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant)
                    or isinstance(value, ast.Dict) and all(isinstance(v, ast.Constant) for v in [*value.keys, *value.values])):
                self._option_read(value, path, node)  # (`FLAGS.allow_soft_placement`: the same value before the graph)
            shown = self.source(value)
            field_ = path.removeprefix("gpu_options.")
            if path.startswith("gpu_options.") and field_ == "allow_growth" and field_ in GPU_FIELDS:
                gpu = self.fresh("gpu")
                lines += [f"for {gpu} in {self.tf('tf.config.list_physical_devices')}(\"GPU\"):",
                          f"    {self.tf('tf.config.experimental.set_memory_growth')}({gpu}, {shown})"]
            elif path.startswith("gpu_options.") and field_ == "allocator_type" and value.value in ("BFC", ""):
                pass  # TF 2's default allocator
            elif path in CONFIG_FIELDS and path in SIMPLE_CALLS:
                lines.append(f"{self.tf('tf.' + SIMPLE_CALLS[path])}({shown})")
            elif path == "device_count" and isinstance(value, ast.Dict) and all(
                isinstance(k, ast.Constant) and k.value in ("GPU", "CPU") for k in value.keys
            ) and all(k.value == "CPU" or isinstance(v, ast.Constant) and isinstance(v.value, int)
                      and not isinstance(v.value, bool) and v.value >= 0
                      for k, v in zip(value.keys, value.values)):
                # device_count={"GPU": 0}: no GPU for the program; {"GPU": n}: at most the first n visible GPUs
                # (ConfigProto's "maximum number of devices of that type to use"); a CPU count only sizes CPU
                # devices (1 by default)
                for k, v in zip(value.keys, value.values):
                    if k.value == "GPU" and v.value == 0:
                        lines.append(f"{self.tf('tf.config.set_visible_devices')}([], \"GPU\")")
                    elif k.value == "GPU":
                        lines.append(f"{self.tf('tf.config.set_visible_devices')}("
                                     f"{self.tf('tf.config.list_physical_devices')}(\"GPU\")[:{v.value}], \"GPU\")")
                    elif v.value != 1:
                        raise self.fail(node, f"the Session option `device_count` with {v.value} CPU devices has no TF 2 setting here", path)
            else:
                raise self.fail(node, f"the Session option `{path}` has no exact TF 2 setting converted here: TF 2 sets "
                                "Session options with tf.config before any op runs (tf.config.threading, "
                                "tf.config.set_soft_device_placement, tf.config.set_visible_devices, "
                                "tf.config.experimental.set_memory_growth, tf.config.optimizer); write the one for it, "
                                "or drop the option, then the program converts", path)
        if self.config_lines is not None and self.config_lines != lines:
            raise self.fail(expr, "Sessions with different configs in one program")
        self.config_lines = lines
        for stmt in statements:
            if stmt not in self.deleted_stmts:
                self._delete(stmt)

    def _gpu_options_binding(self, value: ast.expr) -> ast.Assign | None:
        """The statement `name = tf.GPUOptions(...)` when `value` is that name, bound once and read only
        as this `gpu_options=` (alrojo's tutorial notebooks); None otherwise."""
        if not isinstance(value, ast.Name):
            return None
        uses = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == value.id]
        bound = next((s for _, s in _statements(self.tree) if isinstance(s, ast.Assign) and len(s.targets) == 1
                      and s.targets[0] in uses), None)
        if len(uses) != 2 or bound is None or self.call_name(bound.value) != CONFIG_GPU:
            return None
        return bound

    def _option_run_time(self, node: ast.AST, path: str, value: ast.expr) -> Fallback:
        return self.fail(node, f"the Session option `{path}` is computed at run time (`{self.source(value)[:40]}`), and its TF 2 "
                         "setting is made before the program's first op: write it as a literal (`True`, a number), a module "
                         "constant, or a name (`FLAGS.x` too) bound once before the graph is built to convert the file", path)

    def _option_read(self, value: ast.expr, path: str, node: ast.AST) -> None:
        """A Session option read at run time from a name or an attribute of it (dennybritz's
        `allow_soft_placement=FLAGS.allow_soft_placement`, `threads=args.threads`): its TF 2
        setting, made before the graph is built (tf.config's thread pools and log placement are
        fixed at the first op: measured, set later they raise or are ignored), reads the same
        value there when the name is bound once (a parameter of the function holding the Session,
        the module's top level read from a function, or a statement of the Session's body above
        the graph: recorded, checked by _config_prologue) and that attribute is never set."""
        root = value
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or path == "device_count":
            raise self._option_run_time(node, path, value)
        name = root.id
        reads = set()
        chain = value
        while isinstance(chain, ast.Attribute):
            reads.add(self.source(chain))
            chain = chain.value
        if any(isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load) and self.source(n) in reads for n in ast.walk(self.tree)) \
                or any(isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names for n in ast.walk(self.tree)):
            raise self._option_run_time(node, path, value)
        parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
        function = next((f for f in ast.walk(self.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and any(n is node for n in ast.walk(f))), None)
        function = function and _enclosing_function(function, node)

        def bindings(where: ast.AST) -> list[ast.AST]:
            return [n for n in ast.walk(where) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                    or isinstance(n, ast.arg) and n.arg == name
                    or isinstance(n, ast.alias) and (n.asname or n.name.split(".")[0]) == name
                    or isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name and n is not where]

        local = bindings(function) if function is not None else []
        found = local or bindings(self.tree)
        if len(found) != 1:
            raise self._option_run_time(node, path, value)
        statement = found[0]
        while not isinstance(statement, (ast.stmt, ast.arguments)):
            statement = parents[id(statement)]
        if function is not None and statement is function.args:
            return  # a parameter of the function holding the Session
        if any(statement is s for s in self.scope_body):
            self.option_bindings.append((statement, path, value, node))  # above the graph: checked where the prologue goes
            return
        if function is not None and not local and any(statement is s for s in self.tree.body) \
                and isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom)):
            return  # bound at import, the function called after
        raise self._option_run_time(node, path, value)

    def _session_open(self, stmt: ast.Assign, call: ast.Call, rest: list[ast.stmt]) -> None:
        if not isinstance(stmt.targets[0], ast.Name):
            raise self.fail(stmt, "a Session bound to something other than a name")
        self._session_args(call)
        sess = stmt.targets[0].id
        self.session_names.add(sess)
        self._finish_savers()
        self._session_functions()
        self.session_index += 1
        if self.first_generated is None:
            self.first_generated = stmt
            # the graph built after it and before its first use was built before anything ran
            self.reset_anchor = next((later for later in rest if self._uses_session(later, sess)), None)
        self.session_spans[id(stmt)] = rest
        self.current_session = stmt
        self._global_session_readers(stmt, sess)
        self._session_body(rest, sess, top=True)
        self._finish_savers()  # a Saver made among the Session's statements (hunkim's lab 13-3)
        self.current_session = None
        start, end = self.starts[stmt.lineno - 1], self.starts[stmt.end_lineno]
        self.deleted_lines.update(range(stmt.lineno, stmt.end_lineno + 1))
        self.edits.append((start, end, ("GEN", _indent(self.lines[stmt.lineno - 1]))))

    def _session_body(self, body: list[ast.stmt], sess: str, top: bool) -> list:
        """Rewrite the statements of a Session block; returns the sess.run sites."""
        for stmt in body:
            if self._session_assign(stmt) is not None:
                raise self.fail(stmt, "a second Session made while the first is open (a new graph after "
                                "`reset_default_graph`, or the same one run again): converted for one Session per graph")
            if top and self._graph_statement_in_session(stmt, sess):
                continue
            if not top and isinstance(stmt, ast.Assign) and self.call_name(stmt.value) == FILE_WRITER \
                    and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and len(self._assignments(stmt.targets[0].id)) == 1:
                # made again at each pass of a loop (nfmcclure's tensorboard recipe): TF 1.x opened a new
                # events file there each time, as tf.summary.create_file_writer does where it stands
                self._summary(stmt, stmt.targets[0].id, stmt.value)
                continue
            if isinstance(stmt, ast.Expr) and self._graph_shown(stmt.value, sess):
                self._delete(stmt, body)  # TF 2 code has no graph to show (as FileWriter's graph= argument)
                continue
            if isinstance(stmt, ast.Expr) and (self._is_run(stmt.value, sess) and self._is_init_fetch(stmt.value) or self._init_run(stmt.value)):
                self.inits_seen += 1
                following = body[body.index(stmt) + 1:]
                restored = following and isinstance(following[0], ast.Expr) and isinstance(following[0].value, ast.Call) \
                    and isinstance(following[0].value.func, ast.Attribute) and following[0].value.func.attr == "restore" \
                    and isinstance(following[0].value.func.value, ast.Name) \
                    and getattr(self.defs.get(following[0].value.func.value.id), "kind", None) == "saver" \
                    and getattr(self.defs[following[0].value.func.value.id], "listed", None) is None  # every variable
                if any(isinstance(loop, (ast.For, ast.While, ast.AsyncFor)) and any(n is stmt for n in ast.walk(loop))
                       and not (loop.body is self.scope_body and self._graph_per_pass(loop))  # a new graph each pass
                       for loop in ast.walk(self.tree)):
                    raise self.fail(stmt.value, "variables initialized in a loop (TF 1.x reset them to their initial "
                                    "values at each pass)")
                if any(self._is_run(n, sess) and self._is_init_fetch(n) or self._init_run(n)
                       for earlier in body[:body.index(stmt)] for n in ast.walk(earlier)) \
                        or not self._initializing_start(body[:body.index(stmt)], sess, stmt):
                    # (a fresh-eyes trial: the second run vanished, and the program printed the updated values)
                    raise self.fail(stmt.value, "variables initialized again in the Session (TF 1.x reset them to "
                                    "their initial values there)")
                if not restored and self.current_session is not None and self.session_order is not None:
                    restored = self._restored_first(following)
                if top and self.current_session is not None:
                    self.session_starts.setdefault(id(self.current_session), "restore" if restored else "init")
                if not restored and self._later_session():  # init then restore of every variable: the restore wins
                    self._reset_variables(stmt, body)
                    continue
                self._delete(stmt, body)
                continue
            if isinstance(stmt, ast.Expr) and self._variable_init_run(stmt.value, sess) is not None:
                self._variable_initialized(stmt, body, sess, top)
                continue
            if top and self.current_session is not None and id(self.current_session) not in self.session_starts \
                    and self._uses_session(stmt, sess):
                self.session_starts[id(self.current_session)] = "restore" if self._restored_first([stmt]) else "other"
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and isinstance(stmt.value, ast.Dict) and any(isinstance(k, ast.Name) and k.id in self.defs for k in stmt.value.keys):
                self._feed(stmt, stmt.targets[0].id, stmt.value)
                continue
            if self._feed_parts(stmt):  # (sherjilozair's `for i, (c, h) in enumerate(state): feed[c] = ...`)
                continue
            if self._iterator_init_run(stmt, sess):
                d = self.defs[stmt.value.args[0].value.id]
                self._replace(stmt.value, f"{d.names[0]} = iter({d.dataset})")
                continue
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and self.qual(stmt.value.func) == f"{sess}.close":
                self._delete(stmt, body)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                self._expressions(stmt, sess)
                continue
            for field_name in ("body", "orelse", "finalbody"):
                pass
            children = [getattr(stmt, f) for f in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, f, None), list)]
            handlers = getattr(stmt, "handlers", [])
            if children or handlers:
                if isinstance(stmt, ast.With) and self._session_with(stmt):
                    raise self.fail(stmt, "a Session inside a Session")
                self._expressions(stmt, sess, shallow=True)
                for child in children:
                    self._session_body(child, sess, top=False)
                for handler in handlers:
                    self._session_body(handler.body, sess, top=False)
                continue
            self._expressions(stmt, sess)
        return []

    def _graph_statement_in_session(self, stmt, sess) -> bool:
        if isinstance(stmt, ast.Assign) and self.call_name(stmt.value) in SIGNATURE_DEFS:
            return False  # a SavedModel signature of the graph's tensors, converted where it stands (`_export_call`)
        if isinstance(stmt, ast.Assign) and self.call_name(stmt.value) == FILE_WRITER:
            return self._graph_statement(stmt, top=True)
        if self._scope_block_in_session(stmt, sess):
            return self._graph_statement(stmt, top=True)
        if isinstance(stmt, ast.Expr) and self.call_name(stmt.value) not in (*SUMMARIES, *DROPPED_CALLS):
            return False  # a call run for its effect (writer.flush(), print(...)): checked as such
        if any(isinstance(n, ast.Name) and n.id == sess for n in ast.walk(stmt)):
            return False
        if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("eval", "run")
               and isinstance(n.func.value, ast.Name)
               and getattr(self.defs.get(n.func.value.id), "kind", None) in ("tensor", "variable", "train")
               for n in ast.walk(stmt)):
            return False  # `values = w.eval()`: a run of the Session, its result NumPy (not a graph tensor)
        if isinstance(stmt, (ast.Assign, ast.Expr)) and (self.deps(stmt) or any(
            isinstance(n, ast.Call) and (self.call_name(n) or "").startswith("tf.compat.v1.") for n in ast.walk(stmt)
        )):
            return self._graph_statement(stmt, top=True)
        if isinstance(stmt, ast.For) and self.deps(stmt) and self._tensor_loop(stmt) is None:
            return self._graph_statement(stmt, top=True)  # ops built in a Python loop
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and (
                self.call_name(stmt.value) in KERAS_LAYERS
                or isinstance(stmt.value.func, ast.Name) and self._layer_model(stmt.value.func.id) is not None):
            return self._graph_statement(stmt, top=True)  # a Keras layer / model object (tf2_layers): its variables
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) \
                and _helper_draws(self, stmt.value.func.id) is not None:
            # a helper's tf.Module made or called (tf2_helpers: `W_conv1 = weight_variable_1([5, 5, 1, 32])`, the
            # Deep MNIST tutorial's deep model built after its first Session's runs): its variables
            return self._graph_statement(stmt, top=True)
        return False

    def _scope_block_in_session(self, stmt, sess) -> bool:
        """`with tf.name_scope("loss"):` (a literal variable scope, `tf.device("/cpu:0")`) among
        the Session's statements, around graph statements only (no use of the Session): the
        graph built there, as above the Session (`_graph_statement`'s scopes); TF 1.x ran
        nothing when it was built, so building it in another place computes the same."""
        if not (isinstance(stmt, ast.With) and len(stmt.items) == 1):
            return False
        item = stmt.items[0]
        scoped = self.call_name(item.context_expr) in (*NAME_SCOPES, "tf.device", "tf.compat.v1.device") \
            or self._plain_variable_scope(item)
        if not scoped or any(isinstance(n, ast.Name) and n.id == sess or isinstance(n, ast.Attribute) and n.attr in ("eval", "run")
                             for n in ast.walk(stmt)):
            return False  # something run in the Session there (`x.eval()` runs in the default Session)
        return all(isinstance(inner, (ast.Assign, ast.Expr, ast.With)) for inner in stmt.body) and any(
            isinstance(n, ast.Call) and (self.call_name(n) or "").startswith("tf.") or isinstance(n, ast.Name) and n.id in self.defs
            for inner in stmt.body for n in ast.walk(inner))

    def _graph_shown(self, call: ast.expr, sess: str) -> bool:
        """`writer.add_graph(sess.graph)` (or of `tf.get_default_graph()`) on a FileWriter of the program."""
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "add_graph" \
            and isinstance(call.func.value, ast.Name) and getattr(self.defs.get(call.func.value.id), "kind", None) == "writer" \
            and len(call.args) == 1 and not call.keywords and (
                self.qual(call.args[0]) == f"{sess}.graph" or isinstance(call.args[0], ast.Call) and not call.args[0].args
                and self.call_name(call.args[0]) == "tf.compat.v1.get_default_graph")

    def _is_run(self, node, sess) -> bool:
        return isinstance(node, ast.Call) and self.qual(node.func) == f"{sess}.run"

    def _init_run(self, node) -> bool:
        """`tf.compat.v1.global_variables_initializer().run()` / `init.run()`."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"
                and not node.args and not node.keywords):
            return False
        inner = node.func.value
        if self.call_name(inner) in INITIALIZERS:
            return True
        return isinstance(inner, ast.Name) and getattr(self.defs.get(inner.id), "kind", None) == "init"

    def _variable_init_run(self, node, sess: str) -> str | None:
        """The variable `v` of `sess.run(v.initializer)` / `v.initializer.run()`, else None."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"
                and not node.keywords):
            return None
        target = node.args[0] if self._is_run(node, sess) and len(node.args) == 1 else \
            node.func.value if not node.args else None
        if not (isinstance(target, ast.Attribute) and target.attr == "initializer" and isinstance(target.value, ast.Name)):
            return None
        d = self.defs.get(target.value.id)
        return target.value.id if getattr(d, "kind", None) == "variable" and not getattr(d, "spread", None) else None

    def _initializing_start(self, earlier: list[ast.stmt], sess: str, stmt: ast.stmt) -> bool:
        """Do the Session statements before `stmt` only initialize variables (`sess.run(v.initializer)`),
        none drawn at random, and graph code? Then an initializer run at `stmt` sets values no run
        has changed to the same values again (a random initial value would be drawn again: TF 1.x's
        kernel of an op seed draws on in one Session)."""
        for before in earlier:
            name = self._variable_init_run(before.value, sess) if isinstance(before, ast.Expr) else None
            if name is not None:
                if any(self._random_calls(self.defs[name].stmt)):
                    return False
            elif before not in self.deleted_stmts and self._uses_session(before, sess) \
                    and not self._graph_only(before, sess) and not self._iterator_init_run(before, sess):
                return False  # (an iterator's initializer sets no variable: aymericdamien's dataset API example)
        return True

    def _iterator_init_run(self, stmt: ast.stmt, sess: str) -> bool:
        """Is `stmt` `sess.run(it.initializer)` of an initializable iterator `it` of the program?"""
        return isinstance(stmt, ast.Expr) and self._is_run(stmt.value, sess) and len(stmt.value.args) == 1 \
            and not stmt.value.keywords and isinstance(stmt.value.args[0], ast.Attribute) \
            and stmt.value.args[0].attr == "initializer" and isinstance(stmt.value.args[0].value, ast.Name) \
            and getattr(self.defs.get(stmt.value.args[0].value.id), "initializable", False)

    def _graph_only(self, stmt: ast.stmt, sess: str) -> bool:
        """Does `stmt` use the Session `sess` only for its graph (`FileWriter(..., sess.graph)`, or
        `sess.graph_def` as nethsix's tensorboard files give it), running nothing?"""
        graphs = {id(n.value) for n in ast.walk(stmt) if isinstance(n, ast.Attribute) and n.attr in ("graph", "graph_def")}
        return not any(isinstance(n, ast.Name) and n.id == sess and id(n) not in graphs or isinstance(n, ast.Call)
                       and isinstance(n.func, ast.Attribute) and n.func.attr in ("eval", "run") for n in ast.walk(stmt))

    def _variable_initialized(self, stmt: ast.Expr, body: list[ast.stmt], sess: str, top: bool) -> None:
        """`sess.run(v.initializer)` in the program's first Session, the first initialization
        of `v` there (no initializer run, assign or restore of it before; the runs before it
        could not read it, TF 1.x failed on an uninitialized variable): the eager variable
        holds that initial value from its creation, the run is deleted. An initial value read
        from variables (`_from_variables`) also needs no run before it that may update one.
        Elsewhere TF 1.x reset the variable there: a Fallback."""
        name = self._variable_init_run(stmt.value, sess)
        earlier = body[:body.index(stmt)]
        looped = any(isinstance(loop, (ast.For, ast.While, ast.AsyncFor)) and any(n is stmt for n in ast.walk(loop))
                     for loop in ast.walk(self.tree))
        made = self.defs[name].stmt
        again = any(self._init_made_after(n, made, sess) for before in earlier for n in ast.walk(before)) or any(
            isinstance(n, ast.Expr) and self._variable_init_run(n.value, sess) == name for n in earlier) or any(
            isinstance(n, ast.Attribute) and (n.attr in ("restore", "read", "load") or n.attr.startswith(("assign", "scatter"))
                                              and isinstance(n.value, ast.Name) and n.value.id == name)
            or isinstance(n, ast.Call) and (self.call_name(n) or "").startswith(("tf.compat.v1.assign", "tf.compat.v1.scatter"))
            for before in earlier for n in ast.walk(before))
        updates = any(self._uses_session(before, sess) and not self._graph_only(before, sess) and not self._reads_only(before)
                      for before in earlier if before not in self.deleted_stmts)
        initialized = {self._variable_init_run(n.value, sess) for n in earlier if isinstance(n, ast.Expr)}
        drawn_later = [n for n in self.deps(made.value) if n not in initialized and any(self._random_calls(self.defs[n].stmt))]
        if drawn_later:  # TF 1.x's initializer ran the random initial value of `n` for it, drawn again at n's own
            raise self.fail(stmt.value, f"`{name}.initializer` run before `{drawn_later[0]}.initializer`, whose random "
                            f"initial value it reads: TF 1.x drew it for `{name}` and again for `{drawn_later[0]}`")
        if not top or looped or self._later_session() or again or updates and self.deps(made.value):
            raise self.fail(stmt.value, f"`{name}.initializer` run: TF 1.x set the variable to its initial value there "
                            "(again, after runs that may change it, in a loop or in a later Session), not converted")
        self._delete(stmt, body)

    def _init_made_after(self, node: ast.AST, made: ast.stmt, sess: str) -> bool:
        """Is `node` a run of an initializer of all variables made after the statement `made`
        (v1's global_variables_initializer initializes the variables made before it)?"""
        if not (isinstance(node, ast.Call) and (self._is_run(node, sess) and self._is_init_fetch(node) or self._init_run(node))):
            return False
        op = node.func.value if self._init_run(node) else node.args[0]
        if isinstance(op, (ast.List, ast.Tuple)):
            op = op.elts[0]
        at = self.defs[op.id].stmt if isinstance(op, ast.Name) else node
        return at.lineno > made.lineno

    def _reads_only(self, stmt: ast.stmt) -> bool:
        """Is `stmt` an initializer run or runs / evaluates only variables and tensors whose
        statements update no variable (`print(sess.run(w))`)?"""
        if isinstance(stmt, ast.Expr) and (self._init_run(stmt.value) or any(
                self._variable_init_run(stmt.value, s) for s in self.session_names)):
            return True
        seen: set[int] = set()

        def pure(d: Def) -> bool:
            if id(d) in seen:
                return True
            seen.add(id(d))
            if d.kind not in ("variable", "tensor", "placeholder") or any(
                    isinstance(n, ast.Attribute) and n.attr.startswith(("assign", "scatter", "minimize", "apply_gradients"))
                    or isinstance(n, ast.Call) and (self.call_name(n) or "").startswith(("tf.compat.v1.assign", "tf.compat.v1.scatter"))
                    for n in ast.walk(d.stmt)):
                return False
            return all(pure(dep) for dep in getattr(d, "dep_defs", []))

        for n in ast.walk(stmt):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("run", "eval"):
                fetched = n.args[:1] if n.func.attr == "run" and isinstance(n.func.value, ast.Name) \
                    and n.func.value.id in self.session_names else [n.func.value]
                names = [m for f in fetched for m in ast.walk(f) if isinstance(m, ast.Name)]
                if not fetched or any(m.id in self.defs and not pure(self.defs[m.id]) for m in names):
                    # (a name of no graph value, `my_tensor = tf.zeros([1, 20])`, updates nothing)
                    return False
        return True

    def _is_init_fetch(self, call: ast.Call) -> bool:
        if len(call.args) != 1 or call.keywords:
            return False
        fetch = call.args[0]
        if isinstance(fetch, (ast.List, ast.Tuple)) and len(fetch.elts) == 1:
            fetch = fetch.elts[0]  # `sess.run([init])`, a statement of its own: the same run (a fresh-eyes trial's notebook)
        if isinstance(fetch, ast.Name) and fetch.id in self.defs and self.defs[fetch.id].kind == "init":
            return True
        return self.call_name(fetch) in INITIALIZERS

    def _expressions(self, stmt: ast.stmt, sess: str, shallow: bool = False) -> None:
        """Rewrite sess.run / saver calls in one statement (its header only when shallow);
        any other use of the session or of a graph name stops the conversion."""
        if not shallow and self._static_shape_reads(stmt, self.deps(stmt), session=True):
            return  # (`print(x.shape)` among the Session's statements, the cookbook's)
        nodes = [stmt] if not shallow else [getattr(stmt, f) for f in ("test", "iter", "target", "items", "subject") if getattr(stmt, f, None) is not None]
        handled: set[int] = _shadowing_locals(stmt, set(self.defs))
        for root in nodes:
            roots = root if isinstance(root, list) else [root]
            for r in roots:
                for node in ast.walk(r):
                    if id(node) in handled:
                        continue
                    if self._is_run(node, sess):
                        self._run_site(node)
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                            and isinstance(node.value, ast.Dict) and any(isinstance(k, ast.Name) and k.id in self.defs
                                                                         for k in node.value.keys):
                        # a feed dict bound in a function that runs the Session (hunkim's `feed = {X: X_batch,
                        # ...}` in `evaluate`), as among the Session's statements: its keys the steps' names
                        self._feed(node, node.targets[0].id, node.value)
                        handled.update(id(n) for n in node.value.keys)
                    elif isinstance(node, ast.Assign) and self._feed_item(node):
                        handled.update(id(n) for n in ast.walk(node.targets[0]))
                    elif isinstance(node, ast.For) and not shallow and self._feed_parts(node):
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.withitem) and shallow and self._plain_variable_scope(node) and any(
                            isinstance(n, ast.Name) and n.id == sess for inner in stmt.body for n in ast.walk(inner)):
                        # (MorvanZhou's `with tf.variable_scope('Natural_DQN'): DoubleDQN(..., sess=sess)`, the
                        # class another file's: the Session's use under it is the reason named, not the scope)
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.Call) and self._session_function_call(node, sess):
                        handled.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == sess)
                        handled.add(id(node.func))
                    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("eval", "run") \
                            and isinstance(node.func.value, ast.Name) \
                            and (getattr(self.defs.get(node.func.value.id), "kind", None) in ("tensor", "variable", "train")
                                 or node.func.attr == "eval" and self._eager_tensor_name(node.func.value.id)
                                 or node.func.attr == "eval" and getattr(self.defs.get(node.func.value.id), "kind", None)
                                 in ("merged", "summary")):  # `merged.eval(feed)`: Session.run of it, as `sess.run(merged, feed)`
                        self._eval_site(node, sess)
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                            and node.func.value.id in self.defs and self.defs[node.func.value.id].kind == "saver":
                        self._saver_call(node, sess)
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                            and getattr(self.defs.get(node.func.value.id), "kind", None) == "writer":
                        self._writer_call(node)
                        # (a `sess.run(...)` given as the summary is a run of its own, rewritten in place)
                        summary_nodes = {id(n) for n in ast.walk(node.args[0])} if node.func.attr == "add_summary" else set()
                        handled.update(id(n) for n in ast.walk(node) if id(n) not in summary_nodes)
                    elif isinstance(node, ast.Call) and (self._export_call(node, sess) or self._session_eval(node, sess)
                                                         or self._assign_eval(node, sess)):
                        handled.update(id(n) for n in ast.walk(node))
                    elif isinstance(node, ast.Name) and node.id == sess:
                        raise self.fail(node, self._session_use(node, sess))
                    elif isinstance(node, ast.Name) and node.id in self.defs and self.defs[node.id].kind != "feed" \
                            and not node.lineno > self.retired.get(node.id, node.lineno):  # (a plain value from there on)
                        if node.id in self.feeds:
                            continue
                        if isinstance(node.ctx, ast.Store):
                            raise self.fail(node, f"{self._graph_value(node.id)} {REBOUND}", node.id)
                        raise self.fail(node, f"{self._graph_value(node.id)} is used outside `Session.run` here"
                                        f"{self._outside_use(stmt, node) or self._ops_in_session(stmt, node) or OUTSIDE_USE_HINT}",
                                        node.id)
                    elif isinstance(node, ast.Call) and id(node) in self.state_read_ids:
                        handled.update(id(n) for n in ast.walk(node.func))
                    elif isinstance(node, ast.Call) and (self.call_name(node) or "").startswith("tf.compat.v1."):
                        raise self.fail(node, self._in_session_reason(node, stmt))

    def _ops_in_session(self, stmt: ast.stmt, node: ast.Name) -> str:
        """Said of a graph value read by TensorFlow ops bound to a name among the Session's statements
        (`_hoist_session_tensor` moves those it can above the Session)."""
        inner = next((s for s in ast.walk(stmt) if isinstance(s, ast.Assign) and any(n is node for n in ast.walk(s.value))), None)
        if inner is None or not any(isinstance(n, ast.Call) and (self.call_name(n) or "").startswith("tf.")
                                    for n in ast.walk(inner.value)):
            return ""
        return (" (by ops built among the Session's statements, added to TF 1.x's graph there: converted when a name "
                "bound once to TensorFlow ops, drawing nothing, of names made before the Session, moved above it, or above "
                "the module-level function handed the Session or opening it)")

    def _in_session_reason(self, call: ast.Call, stmt: ast.stmt) -> str:
        """Why a TF 1.x call among the Session's statements (`stmt` holds it), not converted
        there, keeps the file compat: what the call is and why its place matters."""
        called = self.call_name(call)
        parents = {id(child): parent for parent in ast.walk(self.tree) for child in ast.iter_child_nodes(parent)}
        node, nested, handed = call, False, None
        while id(node) in parents and not (isinstance(node, ast.With) and self._session_with(node) is not None):
            nested = nested or isinstance(node, (ast.For, ast.While, ast.If, ast.Try, ast.AsyncFor))
            node = parents[id(node)]
            if isinstance(node, ast.FunctionDef) and node.name in self.session_functions and handed is None:
                handed = node.name
        where = "in a loop or condition among the Session's statements" if nested else "among the Session's statements"
        if handed is not None:  # (talk-debugging's `def train(session)`: its statements are no Session block's top)
            where = (f"{'in a loop or condition ' if nested else ''}in `{handed}`, the function handed the Session, "
                     "not at the top of a Session block's statements")
        if called == "tf.compat.v1.get_default_graph":
            return ("reads the TF 1.x graph itself (`get_default_graph()`: its GraphDef, its ops, `is` tests): eager "
                    "TF 2 builds no graph to read")
        if called == FILE_WRITER:
            return (f"a FileWriter made {where} and bound to no name: converted when bound to one (`writer = "
                    "FileWriter(logdir)`, made where it stands), or made above the Session or at the top of its statements")
        if called in SUMMARIES or called in MERGE or (called or "").startswith("tf.compat.v1.summary."):
            return (f"a v1 summary op made {where} (run by a later Session.run): converted are summary.scalar, "
                    "histogram, image, audio and text made once, above the Session or at the top of its statements")
        if called in (CONFIG_PROTO, CONFIG_GPU):
            return ("a ConfigProto for a Session made after the program's ops: TF 2 sets devices and thread pools "
                    "once for the process, before its first op")
        if called in RUN_TRACING:
            return RUN_TRACING[called]
        key = call.args[0] if called in ("tf.compat.v1.get_collection", "tf.compat.v1.get_collection_ref") \
            and call.args else None
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            # a collection of the program's own (talk-debugging's 'Asserts'): where its ops were added, named
            adds = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and self.call_name(n) in (
                "tf.compat.v1.add_to_collection", "tf.compat.v1.add_to_collections") and n.args
                and isinstance(n.args[0], ast.Constant) and n.args[0].value == key.value]
            made = f" (filled by `tf.add_to_collection({key.value!r}, ...)` while the graph was built)" if adds else ""
            return (f"reads the program's own graph collection {key.value!r}{made} {where}, to run the ops it "
                    "holds: TF 2 keeps no graph collections; keep those ops in a Python list (or return them) where "
                    "they are made and run them from there (an op written in a tf.function, `tf.debugging.Assert` "
                    "among them, runs where it is written, at every call)")
        if called in ("tf.compat.v1.image.resize", "tf.compat.v1.image.resize_images"):
            return ("v1's image.resize (bilinear without half-pixel centers, v1's sampling): TF 2's tf.image.resize "
                    "samples at half-pixel centers, other pixel values")
        if called == "tf.compat.v1.device":
            return (f"a `tf.device` block {where} that runs something in the Session (a `.eval()` / `.run()` "
                    "under it): converted when it holds graph statements only")
        return f"a TF 1.x graph API {where} (`{called}`), not converted there"

    def _eager_tensor_name(self, name: str) -> bool:
        """Is `name` bound only by `name = tf.<op>(...)` statements reading no graph value (rasbt's
        `r1 = tf.rank(t1)` of constants, evaluated `r1.eval()` in the Session block): a tensor
        computed eagerly where it stands, whose `.eval()` is its value (`_eval_site`: `.numpy()`)?"""
        stores = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
        assigns = [a for a in ast.walk(self.tree) if isinstance(a, ast.Assign) and len(a.targets) == 1
                   and isinstance(a.targets[0], ast.Name) and a.targets[0].id == name]
        return bool(stores) and len(stores) == len(assigns) and all(
            isinstance(a.value, ast.Call) and (self.call_name(a.value) or "").startswith("tf.")
            and not (self.call_name(a.value) or "").startswith("tf.compat.v1.") and not self.deps(a.value) for a in assigns)

    def _session_eval(self, call: ast.Call, sess: str) -> bool:
        """`value.eval(session=sess)` of any expression (`f(img).eval(session=sess)`, `x.eval(
        feed, session=sess)`): `sess.run(value, feed)` (Tensor.eval is that call), converted as
        that run is: a value reading no graph name is computed eagerly already, `.numpy()`. (A
        graph name's `.eval` / `.run` is `_eval_site`'s, before this.)"""
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "eval" and any(
                k.arg == "session" and isinstance(k.value, ast.Name) and k.value.id == sess for k in call.keywords)):
            return False
        self._eval_site(call, sess)
        return True

    def _assign_eval(self, call: ast.Call, sess: str) -> bool:
        """`v.assign(value).eval()` (also `assign_add` / `assign_sub`, `session=sess`, `.run()`)
        of a variable of the program, the value reading no graph name (nlintz's
        `global_step.assign(i).eval()` in the training loop): TF 1.x built an assign op and ran it
        at once, returning the new value; the eager assign runs where it stands -> `.numpy()` of
        it (`.run()`: the assign alone, the statement's value unused)."""
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in ("eval", "run") and not call.args
                and all(k.arg == "session" and isinstance(k.value, ast.Name) and k.value.id == sess for k in call.keywords)):
            return False
        inner = call.func.value
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                and inner.func.attr in ("assign", "assign_add", "assign_sub") and isinstance(inner.func.value, ast.Name)
                and getattr(self.defs.get(inner.func.value.id), "kind", None) == "variable"
                and not any(self.deps(a) for a in [*inner.args, *(k.value for k in inner.keywords)])):
            return False
        text = self.source(inner)
        self._replace(call, f"{text}.numpy()" if call.func.attr == "eval" else text)
        return True

    def _session_use(self, node: ast.Name, sess: str) -> str:
        """Why a use of the Session other than `sess.run(...)` / `.eval(session=sess)` keeps the
        file compat, named by what the Session is given to or asked for."""
        parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
        parent = parents.get(id(node))
        if isinstance(parent, ast.keyword):
            parent = parents.get(id(parent))
        if isinstance(parent, ast.Attribute) and parent.value is node:
            if parent.attr == "graph":
                return (f"the Session's graph is read (`{sess}.graph`): a graph object, with tensors found by name, "
                        "that eager TF 2 code has not")
            if parent.attr == "as_default":
                return (f"`{sess}.as_default()`: a block run with the Session made default (`t.eval()` inside it); "
                        "converted where each value is run with `sess.run` or `.eval(session=sess)`")
            return f"the Session's method `{parent.attr}` has no TF 2 counterpart converted here"
        if isinstance(parent, ast.Call) and parent.func is not node:
            called = self.source(parent.func)
            if isinstance(parent.func, ast.Name) and parent.func.id in self.local_classes:
                return (f"the Session is handed to the class `{called}`, whose objects keep it and run it in their "
                        "methods: converted for functions handed the Session, not for objects holding it")
            method = parent.func.attr if isinstance(parent.func, ast.Attribute) and isinstance(parent.func.value, ast.Name) \
                and parent.func.value.id in ("self", "cls") else None
            if method is not None and any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == method
                                          for c in self.local_classes.values() for f in c.body):
                return (f"the Session is handed to the method `{called}` of this file's class: converted for functions "
                        "handed the Session, not for methods (their runs read the object's graph tensors)")
            function = next((f for f in ast.walk(self.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                             and isinstance(parent.func, ast.Name) and f.name == parent.func.id), None)
            if function is not None:
                use = self._handed_session_use(function, parent, node)
                return (f"the Session is handed to `{called}`, which uses it otherwise than `sess.run(...)` of the "
                        f"program's graph names ({use or 'values handed to it, a method, or passed on'}): converted only "
                        "for functions whose runs fetch the program's graph names")
            return self._handed_elsewhere(parent.func, called)
        return "the session is used for something other than `run` (passed on, or a method)"

    def _session_like_use(self, function: ast.FunctionDef) -> tuple[str, str] | None:
        """(the parameter, its first other use quoted) of `function`'s parameter that is run as a Session
        (`param.run(...)`) and also used otherwise (a method, handed on); None when there is none."""
        for arg in function.args.posonlyargs + function.args.args:
            runs, other = self._parameter_uses(function, arg.arg)
            if runs and other is not None:
                return arg.arg, other
        return None

    def _handed_session_use(self, function: ast.FunctionDef, call: ast.Call, node: ast.Name) -> str | None:
        """The first use, in `function`, of the parameter `call` hands the Session `node` to that is not a
        run (`accuracy.eval(session=session)`, `session.graph`), quoted; None when there is none to name."""
        params = [a.arg for a in function.args.args]
        given = next((params[i] for i, a in enumerate(call.args) if a is node and i < len(params)), None) or next(
            (k.arg for k in call.keywords if k.value is node), None)
        return None if given is None else self._parameter_uses(function, given)[1]

    def _parameter_uses(self, function: ast.FunctionDef, given: str) -> tuple[int, str | None]:
        """(how many times `function` runs its parameter `given` as a Session, `given.run(...)`; its first other
        use, quoted, None when there is none): a function handed the Session only runs it (`_session_parameter`)."""
        parents = {id(c): p for p in ast.walk(function) for c in ast.iter_child_nodes(p)}
        runs, other = 0, None
        for use in sorted((n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == given
                           and isinstance(n.ctx, ast.Load)), key=lambda n: (n.lineno, n.col_offset)):
            attribute = parents.get(id(use))
            run = parents.get(id(attribute)) if isinstance(attribute, ast.Attribute) else None
            if isinstance(run, ast.Call) and run.func is attribute and attribute.attr == "run":
                runs += 1
            elif isinstance(attribute, ast.keyword) and attribute.arg == "session" \
                    and isinstance(parents.get(id(attribute)), ast.Call) \
                    and isinstance(parents[id(attribute)].func, ast.Attribute) \
                    and parents[id(attribute)].func.attr in ("eval", "run"):
                runs += 1  # `accuracy.eval(feed, session=session)`: that Session's run (`_session_eval`)
            elif isinstance(attribute, ast.Attribute) and attribute.attr == "graph" and self._graph_argument(attribute, parents):
                pass  # `FileWriter(logdir, session.graph)`: the graph shown, as a Session block's (the argument goes)
            elif other is None:
                holder = parents.get(id(use), use)
                holder = parents.get(id(holder), holder) if isinstance(holder, ast.keyword) else holder  # its call
                shown = self.source(run if isinstance(run, ast.Call) else attribute if isinstance(attribute, ast.Attribute)
                                    else holder).splitlines()[0][:60]
                # (no line: the finding's own position is carried to the file as written, a message's is not)
                other = f"`{shown}`"
        return runs, other

    def _graph_argument(self, graph: ast.Attribute, parents: dict) -> bool:
        """`graph` (`session.graph`) is the graph a FileWriter of the program is given: `FileWriter(logdir,
        session.graph)`, `graph=` of it, or `writer.add_graph(session.graph)` alone in its statement."""
        holder = parents.get(id(graph))
        call = parents.get(id(holder)) if isinstance(holder, ast.keyword) and holder.arg == "graph" else holder
        if isinstance(call, ast.Call) and self.call_name(call) == FILE_WRITER:
            return holder is call and call.args[1:2] == [graph] or holder is not call
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "add_graph" \
            and call.args == [graph] and not call.keywords and isinstance(parents.get(id(call)), ast.Expr)

    def _handed_elsewhere(self, func: ast.expr, called: str) -> str:
        """Why a Session handed to `called` (not a function or class of this file) keeps the file
        compat: a method of an object (of this file's class, of a class imported from a module,
        of TensorFlow's), a module's function, a class of a module two files of the run are."""
        imported = {}  # {name bound by an import: the module (and object) it is}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                imported.update({a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0]
                                 for a in node.names})
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
        plain = "TF 2 code has no Session to give it"
        taking = ("converted for functions handed the Session and for classes keeping the one their constructor is "
                  "handed, not for a method handed it at each call (its runs read the object's graph tensors)")
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = func.value.id
            if owner in imported:
                shared = self._shared_module(imported[owner], called)
                return shared or f"the Session is handed to `{called}`, a function of the module `{imported[owner]}`: {plain}"
            made = next((n.value for n in ast.walk(self.tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                         and any(isinstance(t, ast.Name) and t.id == owner for t in n.targets)), None)
            klass = dotted_name(made.func) if made is not None else None
            if klass is not None:
                root = klass.split(".")[0]
                if klass in self.local_classes and root not in imported:  # (a model class tf2_modelmodules wrote
                    of = f"this file's class `{klass}`"                    # in stays imported)
                elif root in imported and imported[root].split(".")[0] in ("tensorflow", "tf", "keras"):
                    return (f"the Session is handed to `{called}`, a method of a TensorFlow object (`{owner} = "
                            f"{self.source(made.func)}(...)`): {plain}")
                elif root in imported:
                    module, _, name = (imported[root] if root == klass else f"{imported[root]}.{klass.split('.', 1)[1]}"
                                       ).rpartition(".")
                    of = f"the class `{name}` of the module `{module}`"
                else:
                    of = None
                if of is not None:
                    return (f"the Session is handed to the method `{func.attr}` of `{owner}`, an object of {of} "
                            f"(`{owner} = {self.source(made.func)}(...)`): {taking}")
        if isinstance(func, ast.Name) and func.id in imported and "." in imported[func.id]:
            module, _, name = imported[func.id].rpartition(".")
            return self._shared_module(imported[func.id], called) or (
                f"the Session is handed to `{called}`, imported from the module `{module}`: {plain}")
        return f"the Session is handed to `{called}`, which is not this file's: {plain}"

    @staticmethod
    def _shared_module(dotted: str, called: str) -> str | None:
        """The reason for a Session handed to `called` of the module named in `dotted` (`m` or
        `m.C`) when two files of the run are modules of that name, one with classes keeping a
        handed Session, and none is beside this file (tf2_crossfile.visible reaches none); None
        otherwise."""
        import os

        from migrate.tf2_crossfile import SESSION_CLASSES, module_dir, stem
        from migrate.tf2_modelmodules import PATH

        index, here = SESSION_CLASSES.get() or {}, PATH.get()
        parts = dotted.split(".")
        for name in parts[-2:]:
            files = sorted(p for p in index if stem(p) == name)
            beside = here is not None and any(module_dir(p) == os.path.dirname(os.path.abspath(here)) for p in files)
            if len(files) > 1 and any(index[p] for p in files) and not beside:
                shown = ", ".join(os.path.relpath(p, os.path.dirname(os.path.abspath(here))) if here else p for p in files)
                return (f"the Session is handed to `{called}` of the module `{name}`, which {len(files)} files of this run "
                        f"are ({shown}), none of them beside this file: which one it imports is not known (migrate "
                        "each project in a run of its own, or the module beside the program)")
        return None

    def _saver_call(self, call: ast.Call, sess: str) -> None:
        method = call.func.attr
        saver = call.func.value.id
        if method not in ("save", "restore") or len(call.args) < 2 or not (isinstance(call.args[0], ast.Name) and call.args[0].id == sess):
            raise self.fail(call, f"`{saver}.{method}` is not converted")
        path = self.source(call.args[1])
        step = None
        extra = call.args[2:]
        if method == "save" and extra:
            step, extra = extra[0], extra[1:]
        state = None
        for keyword in call.keywords:
            if method == "save" and keyword.arg == "global_step":
                step = keyword.value
            elif method == "save" and keyword.arg in ("write_state", "write_meta_graph"):  # no .meta is written
                state = keyword.value if keyword.arg == "write_state" else state
            else:
                raise self.fail(keyword.value if keyword.arg else call, f"`{saver}.{method}({keyword.arg}=...)` is not converted")
        if extra:
            raise self.fail(call, f"`{saver}.{method}` arguments are not converted")
        if step is not None:  # a number, or a variable's value (v1 ran it: `training_util.global_step`)
            variable = isinstance(step, ast.Name) and getattr(self.defs.get(step.id), "kind", None) == "variable"
            if self.deps(step) and not variable:
                raise self.fail(step, "a global_step computed in the graph in Saver.save (a variable is converted)")
            path = f"'%s-%d' % ({path}, {self.source(step)}{'.numpy()' if variable else ''})"
        if method == "restore":
            self._replace(call, f"{saver}.read({path})")
        elif state is not None and not (isinstance(state, ast.Constant) and state.value is False):
            raise self.fail(state, "Saver.save's write_state not a literal True or False")
        elif state is not None and not state.value:  # v1 wrote the checkpoint only: no state file, nothing deleted
            self._replace(call, f"{saver}.write({path})")
        else:
            self._replace(call, f"{V1_SAVE_MARK}({saver}, {path}, {self._saved_list(saver)}, {self.defs[saver].max_to_keep})")

    def _write_saved_list(self, stmt: ast.stmt, saver: str, saved: str, max_to_keep: str) -> None:
        """`saved = []` on the line after the Saver's statement `stmt`: its run's list of checkpoints
        (written at the end of the statement's last line: dedented with a Session block's body when
        the Saver is among its statements, `replaced_starts`)."""
        text = f"{saved} = []  # the checkpoints {saver}.save wrote, the last {max_to_keep} kept, as TF 1.x's Saver did"
        end = self.starts[stmt.end_lineno - 1] + len(self.lines[stmt.end_lineno - 1].rstrip("\r\n"))
        self.edits.append((end, end, "\n" + _indent(self.lines[stmt.lineno - 1]) + text))
        self.replaced_starts.add(end)

    def _saved_list(self, saver: str) -> str | None:
        """The list `v1_saver_save` keeps of the Saver's checkpoints of the run (v1's
        `Saver.last_checkpoints`), made empty on the line after the Saver's (`_finish_savers`)
        when a `saver.save` of the program may write the state file (no `write_state=False`)."""
        d = self.defs[saver]
        if getattr(d, "saved", None) is None and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "save"
                and isinstance(n.func.value, ast.Name) and n.func.value.id == saver and not any(
                    k.arg == "write_state" and isinstance(k.value, ast.Constant) and k.value.value is False for k in n.keywords)
                for n in ast.walk(self.tree)):
            d.saved = self.fresh(f"{saver}_saved")
        return getattr(d, "saved", None)

    def _finish_savers(self) -> None:
        for stmt, call in self.savers_pending:
            d = self.defs.get(stmt.targets[0].id if isinstance(stmt, ast.Assign) else "")
            if d is not None and self._saved_list(d.names[0]) is not None:
                self._write_saved_list(stmt, d.names[0], d.saved, d.max_to_keep)
            listed = getattr(d, "listed", None)
            if listed is not None:
                self._replace(call, f"{self.tf('tf.train.Checkpoint')}({', '.join(f'{k}={v}' for k, v in listed)})")
                continue
            # v1's Saver() saved the global variables made before it (nlintz's `non_storable_variable`,
            # made after, is not saved): the Checkpoint, written where the Saver was, names those
            made = self.order[:next((i for i, d in enumerate(self.order) if d.stmt is stmt and d.kind == "saver"), len(self.order))]
            objects = [d.names[0] for d in made if d.kind in ("variable", "optimizer") and not getattr(d, "stateless", False)] + [
                d.optimizer for d in made if d.kind == "train" and d.optimizer not in self.defs_optimizer_names()
            ]
            seen, parts = set(), []
            for name in objects:
                if name not in seen:
                    seen.add(name)
                    parts.append(f"{name}={name}")
            self._replace(call, f"{self.tf('tf.train.Checkpoint')}({', '.join(parts)})")
        self.savers_pending = []

    def defs_optimizer_names(self) -> set[str]:
        return {d.names[0] for d in self.order if d.kind == "optimizer"}

    # -- one sess.run site ------------------------------------------------------------
    def _eval_site(self, call: ast.Call, sess: str) -> None:
        """`tensor.eval(feed)` / `op.run(feed)` (also `session=sess`): Session.run of it."""
        feed = call.args[0] if call.args else None
        for keyword in call.keywords:
            if keyword.arg == "feed_dict" and feed is None:
                feed = keyword.value
            elif not (keyword.arg == "session" and isinstance(keyword.value, ast.Name) and keyword.value.id == sess):
                raise self.fail(call, f"`.{call.func.attr}` with arguments other than (feed_dict, session=)")
        if len(call.args) > 1:
            raise self.fail(call, f"`.{call.func.attr}` with arguments other than (feed_dict, session=)")
        self._run_site(call, call.func.value, feed)

    def _local_fetch(self, call: ast.Call, fetch: ast.expr, feed: ast.expr) -> bool:
        """`sess.run(accuracy, feed_dict={xs: v_xs, ys: v_ys})` in a function, `accuracy` a local of
        it (not a parameter) built from NumPy values (MorvanZhou's compute_accuracy): the feed, of
        placeholders only and computing nothing, fed what the value does not read (True). A Fallback
        for another feed of such a local; False for any other fetch (the step path names it)."""
        function = next((f for f in ast.walk(self.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and f.lineno <= call.lineno <= f.end_lineno and any(n is call for n in ast.walk(f))), None)
        if function is None or not isinstance(fetch, ast.Name) or not isinstance(feed, ast.Dict):
            return False
        parameters = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
        declared = {n for s in ast.walk(function) if isinstance(s, (ast.Global, ast.Nonlocal)) for n in s.names}
        if fetch.id not in _bound_inside(function) - parameters - declared:
            return False
        if not all(isinstance(k, ast.Name) and getattr(self.defs.get(k.id), "kind", None) == "placeholder" for k in feed.keys) \
                or any(isinstance(n, (ast.Call, ast.NamedExpr, ast.Await, ast.Yield)) for n in ast.walk(feed)):
            raise self.fail(call, f"a run of `{fetch.id}`, a value `{function.name}` computes, with a feed of other than "
                            "placeholders or computing values there (the feed's calls would not run): not converted")
        return True

    def _run_site(self, call: ast.Call, fetch=None, feed=None) -> None:
        if fetch is None:
            if not call.args or len(call.args) > 2 or any(k.arg not in ("feed_dict",) for k in call.keywords):
                raise self.fail(call, "Session.run with options / run_metadata or no fetches")
            fetch = call.args[0]
            feed = call.args[1] if len(call.args) == 2 else next((k.value for k in call.keywords if k.arg == "feed_dict"), None)
        def by_name(node):  # a fetched string (not one inside a call: `tf.constant("hello")`), nested structures too
            if isinstance(node, (ast.List, ast.Tuple, ast.Dict)):
                return next(filter(None, map(by_name, node.values if isinstance(node, ast.Dict) else node.elts)), None)
            return node if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

        named = by_name(fetch)
        if named is not None:  # (rasbt's `sess.run(['cost:0', 'train_op'], ...)`)
            raise self.fail(named, "a fetch by the name of a graph tensor or op: TF 2 code has no graph to look the "
                            "name up in; converted when the tensor itself is fetched")
        if feed is None and self._inline_assign(call, fetch):
            return
        if not self.deps(fetch) and (feed is None or self._local_fetch(call, fetch, feed)):
            # values computed eagerly already (`hello = tf.constant(...)`, `a + b` of constants; also
            # fed, MorvanZhou's `sess.run(accuracy, feed_dict={xs: v_xs, ys: v_ys})` of a tensor its
            # function computed from NumPy values: TF 1.x's feeds of placeholders it does not read)
            text = self.source(fetch)
            if isinstance(fetch, (ast.List, ast.Tuple, ast.Dict)) or isinstance(fetch, ast.Name) \
                    and self._structured_value(fetch.id, call.lineno) or _zero_state(fetch):
                self.needs_numpy_helper = True
                self._replace(call, f"{self.numpy_helper_name()}({text})")
            else:
                simple = isinstance(fetch, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))
                self._replace(call, f"{text if simple else '(' + text + ')'}.numpy()")
            return
        elements, shape, keys, fetch_texts, trains = self._fetch_parts(fetch)
        # feeds
        fed: list[str] = []
        call_args = ""
        if feed is None:
            pass
        elif isinstance(feed, ast.Dict):
            parts = []
            for key, value in zip(feed.keys, feed.values):
                tensor = self._fed_tensor(key)
                if not (tensor or isinstance(key, ast.Name) and key.id in self.defs and self.defs[key.id].kind == "placeholder"):
                    raise self.fail(key if key is not None else feed, "a feed_dict key that is not a placeholder of this program"
                                    + _feed_key_why(self, key, call))
                fed.append(key.id)
                parts.append(f"{self._keyword(key.id)}={self.source(value)}")
                if not tensor:
                    self._fed_length(key.id, value)
            call_args = ", ".join(parts)
        elif isinstance(feed, ast.Name) and feed.id in self.feeds:
            fed = list(self.feeds[feed.id])
            call_args = f"**{feed.id}"
        else:
            raise self.fail(feed, "a feed_dict the converter cannot follow (build it as `{placeholder: value}` in this body)")
        variables = {d.names[0] for d in self.order if d.kind == "variable"}
        if shape == "single" and not trains and isinstance(fetch, ast.Name) and fetch.id in variables:
            self._replace(call, f"{fetch.id}.numpy()")
            return
        name = self._step_name(fetch, elements, shape, keys, fetch_texts, trains, fed, call)
        # the values this run feeds (None: a feed_dict bound to a name), for the draws of `_drawing_steps`
        self.step_feeds.setdefault(name, []).append(
            dict(zip((k.id for k in feed.keys), feed.values)) if isinstance(feed, ast.Dict) else {} if feed is None else None)
        call_args = ", ".join([a for a in [call_args] if a] + self.function_inputs[name])
        text = f"{name}({call_args})"
        summary_fetch = isinstance(fetch, ast.Name) and getattr(self.defs.get(fetch.id), "kind", None) in ("summary", "merged")
        structured = isinstance(fetch, ast.Name) and self._structured_value(fetch.id, call.lineno) or _zero_state(fetch)
        if shape == "single" and not summary_fetch and not structured:
            if not trains and not (isinstance(fetch, ast.Name) and self._is_operation(fetch.id)):
                text += ".numpy()"
        else:
            self.needs_numpy_helper = True
            text = f"{self.numpy_helper_name()}({text})"
        self._replace(call, text)

    def _export_site(self, call: ast.Call, sess: str) -> None:
        """`tf.saved_model.simple_save(sess, export_dir, inputs={"x": X}, outputs={"y": y})`
        (tobegit3hub's export scripts): v1's builder of the directory given the one signature
        `serving_default` (`_signature_function`) and saved, `V1SavedModelBuilder(export_dir,
        {"serving_default": f}).save()` (`V1_BUILDER`, written into the file)."""
        from migrate.tf2_rewrites import bound_arguments

        names = ("session", "export_dir", "inputs", "outputs")
        given = bound_arguments(call, names)
        if given is None or set(given) != set(names):
            raise self.fail(call, "simple_save with a legacy_init_op (or without its four arguments) is not converted")
        if not (isinstance(given["session"], ast.Name) and given["session"].id == sess):
            raise self.fail(call, "simple_save of another Session is not converted")
        signature = self._signature_function(call, given["inputs"], given["outputs"], lambda value: value)
        self._replace(call, f"{V1_BUILDER_MARK}({self.source(given['export_dir'])}, {{\"serving_default\": {signature}}}).save()")

    def _export_call(self, call: ast.Call, sess: str) -> bool:
        """SavedModelBuilder's calls among the Session's statements (tobegit3hub's export_simplest_model):
        `SavedModelBuilder(export_dir)` -> `V1SavedModelBuilder(export_dir)` (`V1_BUILDER`); a predict
        signature def (`build_signature_def(inputs={"k": build_tensor_info(x)}, outputs=..., method_name=
        PREDICT_METHOD_NAME)`, `predict_signature_def(inputs, outputs)`) -> its `_signature_function`;
        `builder.add_meta_graph_and_variables(sess, [SERVING], signature_def_map=m)` -> `(m)`, the
        map's keys and values as written; simple_save: `_export_site`. False for any other call."""
        from migrate.tf2_rewrites import bound_arguments

        called = self.call_name(call)
        if called == SIMPLE_SAVE:
            self._export_site(call, sess)
            return True
        if called in SAVED_MODEL_BUILDERS:
            if len(call.args) != 1 or call.keywords:
                raise self.fail(call, "a SavedModelBuilder given arguments other than its export directory")
            self.export_builders.add(id(call))
            self._replace(call.func, V1_BUILDER_MARK)
            return True
        if called in SIGNATURE_DEFS:
            built = called.endswith(".build_signature_def")  # (its values build_tensor_info(x), a method named)
            given = bound_arguments(call, ("inputs", "outputs", "method_name") if built else ("inputs", "outputs")) or {}
            method = given.pop("method_name", None)
            if set(given) != {"inputs", "outputs"} or built and not (
                    self.qual(method) in PREDICT_METHOD or isinstance(method, ast.Constant) and method.value == PREDICT_METHOD[0]):
                raise self.fail(call, "a signature def other than a predict signature of inputs and outputs (TF 2's "
                                "saved_model.save writes predict signatures)")

            def tensor_of(value):
                if not built:
                    return value
                if not (isinstance(value, ast.Call) and self.call_name(value) in TENSOR_INFOS and len(value.args) == 1
                        and not value.keywords):
                    raise self.fail(value, "a signature def's value other than `build_tensor_info(tensor)`")
                return value.args[0]

            self._replace(call, self._signature_function(call, given["inputs"], given["outputs"], tensor_of))
            return True
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if not (isinstance(receiver, ast.Name) and call.func.attr == "add_meta_graph_and_variables" and any(
                isinstance(n, ast.Assign) and n.targets[0] is not None and any(isinstance(t, ast.Name) and t.id == receiver.id
                                                                                for t in n.targets)
                and id(n.value) in self.export_builders for n in ast.walk(self.tree))):
            return False
        given = bound_arguments(call, ("sess", "tags", "signature_def_map", "clear_devices"), positional=2) or {}
        given.pop("clear_devices", None)  # (device placements: none is recorded eagerly)
        tags = given.get("tags")
        if set(given) != {"sess", "tags", "signature_def_map"} \
                or not (isinstance(given["sess"], ast.Name) and given["sess"].id == sess) \
                or not (isinstance(tags, (ast.List, ast.Tuple)) and len(tags.elts) == 1 and (
                    self.qual(tags.elts[0]) in SERVING_TAG or isinstance(tags.elts[0], ast.Constant)
                    and tags.elts[0].value == SERVING_TAG[0])):
            raise self.fail(call, "add_meta_graph_and_variables other than (sess, [SERVING], signature_def_map=...) "
                            "(TF 2's saved_model.save writes the `serve` tag; assets and init ops are not converted)")
        self._replace(call, f"{receiver.id}.add_meta_graph_and_variables({self.source(given['signature_def_map'])})")
        return True

    def _signature_function(self, call: ast.Call, inputs: ast.expr, outputs: ast.expr, tensor_of) -> str:
        """The name of a tf.function written with the steps: its input_signature the input placeholders'
        TensorSpecs named by the input keys (the signature's keys, dtypes and shapes), calling the step
        computing the outputs dict from them, as `sess.run(outputs, {X: ...})` would. `tensor_of` takes
        a dict value to the placeholder or tensor it names (`build_tensor_info(x)` -> `x`)."""
        if not (isinstance(inputs, ast.Dict) and isinstance(outputs, ast.Dict)):
            raise self.fail(call, "a signature's inputs and outputs not written as dicts in the call ({\"x\": placeholder})")
        placeholders = [tensor_of(value) for value in inputs.values]
        fed = [getattr(value, "id", None) for value in placeholders]
        for key, value in zip(inputs.keys, placeholders):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier()
                    and isinstance(value, ast.Name) and getattr(self.defs.get(value.id), "kind", None) == "placeholder"
                    and fed.count(value.id) == 1):
                raise self.fail(key or inputs, "a signature input other than `\"name\": placeholder` (a placeholder of "
                                "this program under one key that is a Python name)")
        fetch = ast.copy_location(ast.Dict(keys=outputs.keys, values=[tensor_of(v) for v in outputs.values]), outputs)
        elements, shape, keys, fetch_texts, trains = self._fetch_parts(fetch)
        if trains or None in fetch_texts:
            raise self.fail(outputs, "a signature output that is an op, not a tensor")
        step = self._step_name(fetch, elements, shape, keys, fetch_texts, trains, fed, call)
        if self.function_inputs[step]:
            raise self.fail(outputs, "signature outputs computed from a dataset's elements (a signature takes placeholders)")
        specs = self._input_signature(fed, [k.value for k in inputs.keys])
        if isinstance(specs, str):
            raise self.fail(call, f"a signature input `{specs}` whose dtype is not known (the signature's TensorSpec)")
        signature = self.fresh("serving_default")
        params = [self.fresh(k.value) for k in inputs.keys]
        self.generated_functions.append([
            f"@{self.tf('tf.function')}(input_signature=[{', '.join(specs)}])",
            f"def {signature}({', '.join(params)}):",
            "    # the signature TF 1.x exported: its outputs computed from its inputs",
            f"    return {step}({', '.join(f'{p}={a}' for p, a in zip(fed, params))})"])
        return signature

    def _fed_length(self, placeholder: str, value: ast.expr) -> None:
        """A list or tuple display fed to a placeholder whose shape's first dimension is a number
        it does not have (tobegit3hub's `X = tf.placeholder(tf.float32, shape=[2])` fed `[x]`): TF 1.x's
        Session.run refused the feed (ValueError: Cannot feed value of shape (1,)); a step would run."""
        try:
            shape = ast.literal_eval(getattr(self.defs[placeholder], "shape", "None"))
        except (ValueError, SyntaxError):
            return
        if isinstance(value, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in value.elts) \
                and isinstance(shape, (list, tuple)) and (not shape or isinstance(shape[0], int) and shape[0] != len(value.elts)):
            count = f"{len(value.elts)} element{'s' if len(value.elts) != 1 else ''}"
            raise self.fail(value, f"a display of {count} fed to `{placeholder}` of shape {list(shape)}: TF 1.x's "
                            "Session.run refused the feed (ValueError: Cannot feed value of shape); the program stops there")

    def _step_name(self, fetch, elements, shape, keys, fetch_texts, trains, fed: list[str], call: ast.Call) -> str:
        """The step function computing `fetch` from the placeholders `fed` (one per distinct fetch and
        feed of the program), made at its first run."""
        key = (tuple(fetch_texts), tuple(trains), shape, tuple(keys or ()),
               tuple(sorted(set(fed), key=lambda n: self.order.index(self.defs[n]))))
        name = self.functions.get(key) or self._function(key, fetch, elements, call)
        self.session_steps.setdefault(None if self.current_session is None else id(self.current_session), set()).add(name)
        return name

    def _fetch_parts(self, fetch: ast.expr) -> tuple[list, str, list | None, list, list[str]]:
        """A run's fetch structure: its elements, its shape (list, tuple, dict or single), the dict's
        keys, each element's text in the step (None for a training op or an Operation: Session.run
        gave None for it) and the training ops fetched."""
        if isinstance(fetch, (ast.List, ast.Tuple)):
            elements, shape = list(fetch.elts), "list" if isinstance(fetch, ast.List) else "tuple"
            keys = None
        elif isinstance(fetch, ast.Dict):
            if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in fetch.keys):
                raise self.fail(fetch, "a fetch dict with keys that are not strings")
            elements, shape, keys = list(fetch.values), "dict", [k.value for k in fetch.keys]
        else:
            elements, shape, keys = [fetch], "single", None
        fetch_texts = []
        trains = []
        for element in elements:
            if isinstance(element, ast.Name) and element.id in self.defs and self.defs[element.id].kind == "train":
                trains.append(element.id)
                fetch_texts.append(None)
                continue
            if isinstance(element, ast.Name) and getattr(self.defs.get(element.id), "kind", None) in ("summary", "merged"):
                d = self.defs[element.id]
                members = d.members if d.kind == "merged" else [d]
                if not members:
                    raise self.fail(element, f"`{element.id}`, a merge_all of no summary made before it: TF 1.x's "
                                    "merge_all returned None, which Session.run refused")
                fetch_texts.append("{" + ", ".join(f"{json.dumps(m.tag)}: {m.value_text or self.source(m.value)}"
                                                  for m in members) + "}")
                for m in members:
                    self.summary_kinds[m.tag] = m.summary_kind
                continue
            if isinstance(element, ast.Name) and self._is_operation(element.id):
                fetch_texts.append(None)  # Session.run gave None for an op (`tf.group`): its updates run in the step
                continue
            if isinstance(element, ast.Name) and element.id in self.defs and self.defs[element.id].kind in ("init", "saver", "optimizer", "feed", "placeholder"):
                raise self.fail(element, f"fetching the {self.defs[element.id].kind} `{element.id}` is not converted")
            for node in ast.walk(element):
                if isinstance(node, ast.Name) and node.id in self.defs and self.defs[node.id].kind in ("train", "init", "saver", "feed"):
                    raise self.fail(node, "a fetch expression built on an op")
            fetch_texts.append(self.source(element))
        if len(trains) > 1 and not self._independent_trains(trains, elements):
            # measured on a two-optimizer GAN step: the compat program's losses part from
            # "every gradient, then every update" after the first step. TF 1.x ran the two
            # updates with no fixed order against ref variables the other gradient reads.
            raise self.fail(fetch, "several training ops fetched in one run: TF 1.x ran their updates in no fixed order "
                            "(the other op's gradients may read updated variables), so no one TF 2 step computes the same")
        return elements, shape, keys, fetch_texts, trains

    def _inline_assign(self, call: ast.Call, fetch: ast.expr) -> bool:
        """`sess.run(tf.assign(prev_avg, curr_avg))` (assign, assign_add, assign_sub, built in
        the run itself) of a graph variable to a value of Python values and variables (no
        placeholder): TF 1.x built the op and ran it once there, each time the statement ran;
        eagerly `prev_avg.assign(curr_avg)` updates it there once. Session.run returned the
        variable's new value: `.numpy()` of it, unless the statement drops the result."""
        called = self.call_name(fetch) if isinstance(fetch, ast.Call) else None
        if isinstance(fetch, ast.Call) and isinstance(fetch.func, ast.Attribute) and isinstance(fetch.func.value, ast.Name) \
                and fetch.func.attr in ("assign", "assign_add", "assign_sub") and len(fetch.args) == 1:
            # the method form, `sess.run(last_epoch.assign(epoch + 1))` (hunkim's lab-13-3): the same op
            # built in the run, reading the Python values of that time (a step would keep its trace's)
            variable, value, called = fetch.func.value, fetch.args[0], f"tf.compat.v1.{fetch.func.attr}"
        elif called in ("tf.compat.v1.assign", "tf.compat.v1.assign_add", "tf.compat.v1.assign_sub") and len(fetch.args) == 2:
            variable, value = fetch.args
        else:
            return False
        if fetch.keywords or not isinstance(variable, ast.Name) or getattr(self.defs.get(variable.id), "kind", None) != "variable":
            return False
        if any(getattr(self.defs.get(name), "kind", None) != "variable" for name in self.deps(value)):
            return False  # a value computed from fed placeholders: a run with feeds
        text = f"{variable.id}.{called.rsplit('.', 1)[1]}({self.source(value)})"
        dropped = any(isinstance(stmt, ast.Expr) and stmt.value is call for stmt in ast.walk(self.tree))
        self._replace(call, text if dropped else f"{text}.numpy()")
        return True

    def _structured_value(self, name: str, before: int) -> bool:
        """Is `name`, where read at line `before`, bound last to a list, tuple or dict (or
        what a function of the file returns, which may be one: `images = scaled(x, [1.0,
        2.0])`) rather than to one tensor? Session.run fetched each element. An RNN cell's state
        is one too (an LSTM's pair, a MultiRNNCell's tuple): `cell.zero_state(...)`, a name unpacked
        from a call of the file's functions (`outputs, last_state = static_rnn(...)`, tf2_rnn's) and
        a name bound to such a name (`final_state = last_state`); the helper gives a single tensor's
        value as `.numpy()` would."""
        every = self._bindings_before(name, before)
        if every and len(every[-1].targets) == 1 and isinstance(every[-1].targets[0], (ast.Tuple, ast.List)) \
                and isinstance(every[-1].value, ast.Call) and isinstance(every[-1].value.func, ast.Name) \
                and every[-1].value.func.id in self.local_functions:
            return True
        bindings = [s for s in every if len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)]
        if not bindings:
            return False
        displays = (ast.List, ast.Tuple, ast.Dict, ast.ListComp, ast.DictComp)
        value = bindings[-1].value
        if _zero_state(value):
            return True
        if isinstance(value, ast.Name) and value.id != name and bindings[-1] is every[-1]:
            return self._structured_value(value.id, bindings[-1].lineno)
        called = self.call_name(value) if isinstance(value, ast.Call) else None
        if called is not None and (called in STRUCTURED_OPS or called.replace("tf.compat.v1.", "tf.") in STRUCTURED_OPS
                                   or called == TRAINABLE_VARIABLES):
            return True  # (`tvars = tf.trainable_variables()` fetched: the list of their values)  # `halves = tf.split(x, 2, 1)`: a list of tensors (a fresh-eyes trial: `.numpy()` of it failed)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self.local_functions:
            returns = [n.value for n in ast.walk(self.local_functions[value.func.id]) if isinstance(n, ast.Return)]
            return any(isinstance(r, displays) for r in returns)
        return isinstance(value, displays)

    def _is_operation(self, name: str) -> bool:
        """Is the graph name `name` an Operation (`step = tf.group(...)`, `tf.no_op()`), which
        Session.run fetched as None, rather than a tensor?"""
        d = self.defs.get(name)
        return getattr(d, "kind", None) == "tensor" and isinstance(d.stmt, ast.Assign) \
            and self.call_name(d.stmt.value) in OPERATIONS

    def numpy_helper_name(self) -> str:
        if not hasattr(self, "_numpy_name"):
            self._numpy_name = self.fresh("fetched_values")
        return self._numpy_name

    def _function(self, key, fetch, elements, call) -> str:
        fetch_texts, trains, shape, keys, fed = key
        # statements needed, by dataflow
        needed: set[int] = set()
        used = {id(d) for t in trains for d in (self.defs[t], self.defs.get(self.defs[t].optimizer)) if d is not None}
        placeholders: set[str] = set()
        nexts: list[Def] = []
        grads = None
        stack = []
        for element in elements:
            if isinstance(element, ast.Name) and element.id in trains:
                train_def = self.defs[element.id]
                if getattr(train_def, "pairs", None) is not None:
                    stack.extend(train_def.dep_defs)
                else:
                    stack.append(self.defs[train_def.loss])
                    if getattr(train_def, "var_list", None) is not None:
                        stack.extend(train_def.dep_defs)
                lr_deps = getattr(self.defs.get(train_def.optimizer), "lr_deps", ())
                stack.extend(self.defs[n] for n in sorted(lr_deps))  # a learning rate computed in the step
            elif isinstance(element, ast.Name) and getattr(self.defs.get(element.id), "kind", None) in ("summary", "merged"):
                d = self.defs[element.id]
                for m in d.members if d.kind == "merged" else [d]:
                    stack.extend([m.site] if m.value_text else [self.defs[n] for n in self.deps(m.value)])
            else:
                stack.extend(self.defs[n] for n in self.deps(element))
        while stack:
            d = stack.pop()
            if id(d) in needed:
                continue
            if d.kind == "placeholder":
                placeholders.add(d.names[0])
                continue
            if d.kind == "variable":
                used.add(id(d))
                continue
            if d.kind == "next":
                if d not in nexts:
                    nexts.append(d)
                continue
            if d.kind == "grads":
                if not trains or grads not in (None, d):
                    raise self.fail(d.stmt, "gradients fetched outside their training step, or two compute_gradients in one")
                grads = d
                stack.extend(d.dep_defs)
                continue
            if d.kind != "tensor":
                advice = (" (a training op converts fetched by the run itself, `sess.run([train, loss], ...)`, not through a "
                          "list, dict or value bound to a name)") if d.kind == "train" else ""
                raise self.fail(d.stmt, f"a fetched value depends on the {GRAPH_KIND_WORDS.get(d.kind, d.kind)} "
                                f"`{d.names[0]}`{advice}")
            needed.add(id(d))
            stack.extend(d.dep_defs)
        defaulted = sorted(
            (p for p in placeholders - set(fed) if getattr(self.defs[p], "default", None) is not None),
            key=lambda p: self.order.index(self.defs[p]),
        )
        missing = placeholders - set(fed) - set(defaulted)
        if missing:
            first = sorted(missing)[0]
            reader = next((d for d in self.order if id(d) in needed and first in d.deps), None)
            where = ""
            if reader is not None:
                # (a fresh-eyes trial: `outs = model(X, W, keep)`, then a run of `outs["h"]` alone)
                where = (f" (`{self.source(reader.stmt).splitlines()[0][:60]}` reads it: a statement computing the fetch "
                         "runs whole in its step, every value it computes)")
            raise self.fail(call, f"placeholder `{first}` is needed by this fetch but not fed{where}")
        labels = [
            e.id if isinstance(e, ast.Name) else re.sub(r"\W+", "_", self.source(e)).strip("_")[:20]
            for e in elements if not (isinstance(e, ast.Name) and e.id in trains)
        ]
        base = "train_step" if trains else ("compute_" + "_".join(labels))[:40].rstrip("_")
        name = self.fresh(base or "compute")
        self.functions[key] = name
        self.step_uses[name] = used | {id(d) for d in self.order if id(d) in needed}
        body: list[str] = []
        tensors = [n for n in fed if self.defs[n].kind == "tensor"]  # fed tensors (`_fed_tensor`): parameters None when not fed
        placeholders = [n for n in fed if n not in tensors]
        params = [self._keyword(n) for n in placeholders]
        body += [f"{n} = {k}" for n, k in zip(placeholders, params) if n != k]
        fed_names = {n: self.fresh(f"fed_{n}") for n in tensors}
        body += [f"{fed_names[n]} = {self._keyword(n)}" for n in tensors]
        next_args = []
        for d in sorted(nexts, key=self.order.index):
            param = d.names[0] if not d.tuple_target else self.fresh("batch")
            params.append(param)
            next_args.append(f"{param}={d.iterator}.get_next()")
            if d.tuple_target:
                body.append(f"{', '.join(d.names)} = {param}")
        self.function_inputs[name] = next_args
        params += [f"{self._keyword(n)}=None" for n in tensors]
        for placeholder in defaulted:  # not fed here: the value placeholder_with_default gives
            default = self.defs[placeholder].default
            # a Python value as tf.constant made it; a tensor (`tf.constant([1.0, 2.0])`) as v1 took it,
            # through convert_to_tensor (tf.constant of a tensor raises: a fresh-eyes trial)
            maker = "tf.convert_to_tensor" if getattr(self.defs[placeholder], "tensor_default", False) else "tf.constant"
            body.append(f"{placeholder} = {self.tf(maker)}({default})")
        casts = []  # (Session.run's conversion to the placeholder's dtype; an input_signature's does it too)
        for placeholder in placeholders:
            dtype = self.defs[placeholder].dtype
            sparse = _sparse_argument(self, placeholder)
            if sparse is not None:
                body += [sparse] if sparse else []
            elif dtype in NUMERIC_DTYPES:
                casts.append(f"{placeholder} = {self.tf('tf.cast')}({placeholder}, {self.tf(dtype)})")
            elif dtype is not None and dtype.endswith("()"):  # a dtype helper's call, checked by _dtype_function
                casts.append(f"{placeholder} = {self.tf('tf.cast')}({placeholder}, {dtype})")
        cast_at = len(body)  # (after the lines binding the parameters to the placeholders' names): written there below
        statements = [d for d in self.order if id(d) in needed]
        ran = {id(d.stmt) for d in statements}
        for read, variable, assigning in self.late_reads:
            if id(read) in ran and any(id(s) in ran for s in assigning):
                raise self.fail(read, f"reads the variable `{variable}` after the statement assigning it, and this run "
                                "runs both (TF 1.x read it in no fixed order with the assign in one Session.run)")
        for d in statements:
            self.statement_users.setdefault(id(d), (d, []))[1].append(name)
        texts = [self._statement_text(d.stmt) for d in statements]
        for n in tensors:
            if any(d is self.defs[n] for d in statements):
                i = next(i for i, d in enumerate(statements) if d is self.defs[n])
                texts[i] = "\n".join([texts[i], *self._fed_tensor_lines(self.defs[n], fed_names[n], call, bool(trains))])
        results = []
        for text_, element in zip(fetch_texts, elements):
            results.append("None" if text_ is None else text_)
        if shape == "single":
            returned = results[0]
        elif shape == "list":
            returned = "[" + ", ".join(results) + "]"
        elif shape == "tuple":
            returned = "(" + ", ".join(results) + ("," if len(results) == 1 else "") + ")"
        else:
            returned = "{" + ", ".join(f"{json.dumps(k)}: {r}" for k, r in zip(keys, results)) + "}"
        if trains:
            train = self.defs[trains[0]]

            def made_before(train) -> list[str]:
                # v1's minimize trained the trainable variables made before it (var_list=None read the
                # collection then): one made after (nlintz's `non_storable_variable`) has no accumulator
                return [getattr(d, "spread", d.names[0]) for d in self.order[:self.order.index(train)]
                        if d.kind == "variable" and d.trainable]
            trainable = made_before(train)
            if not trainable:
                raise self.fail(train.stmt, NO_VARIABLES)
            graph_rate = [t for t in trains if getattr(self.defs.get(self.defs[t].optimizer), "lr", None)]
            if graph_rate and (len(trains) > 1 or grads is not None or getattr(train, "var_list", None) is not None):
                opt = self.defs[self.defs[graph_rate[0]].optimizer]
                what = f"{opt.rule}'s own rule" if getattr(opt, "rule", None) else "an optimizer with a learning rate from the graph"
                raise self.fail(self.defs[graph_rate[0]].stmt, f"{what}, with var_list, compute_gradients or another "
                                "training op (converted for minimize(loss) alone)")
            assigned = [t for t in graph_rate if getattr(self.defs[self.defs[t].optimizer], "assign_lr", False)]
            manual = [t for t in graph_rate if t not in assigned]
            if manual and self.defs[train.optimizer].slots_for != trainable:
                raise self.fail(train.stmt, "trainable variables created after the optimizer whose accumulators they need")
            tape = self.fresh("tape")
            several = len(trains) > 1  # a GAN step: every gradient from the same forward pass, then the updates
            after: set[int] = set()  # statements that work on the gradients: after the tape
            if grads is not None:
                for d in statements:
                    if any(dep is grads or id(dep) in after for dep in d.dep_defs):
                        after.add(id(d))
            # apply_gradients of fed gradients zipped with the variables (`_zipped_pairs`): nothing to differentiate
            fed_pairs = grads is None and getattr(train, "pairs", None) is not None
            if fed_pairs and (several or graph_rate):
                raise self.fail(train.stmt, "apply_gradients of fed gradients beside another training op, or with a "
                                "learning rate computed in the graph")
            if fed_pairs:
                body += [line for text_ in texts for line in text_.splitlines()]
            else:
                body.append(f"with {self.tf('tf.GradientTape')}({'persistent=True' if several else ''}) as {tape}:")
                # a var_list naming a variable made with trainable=False: v1's gradients took any variable,
                # a tape follows only the trainable ones unless told (Hvass' adversarial noise)
                listed = [getattr(self.defs[n], "var_list", None) for n in trains] + [getattr(grads, "var_list", None)]
                unwatched = [v.names[0] for node in listed if node is not None
                             for v in self._listed_variables(node) if not v.trainable]
                if unwatched:
                    body.append(f"    {tape}.watch([{', '.join(dict.fromkeys(unwatched))}])")
                inside = [t for d, t in zip(statements, texts) if id(d) not in after]
                body += ["    " + line for text_ in inside for line in text_.splitlines()]
                if not inside:
                    body.append("    pass")
            if several:
                updates = []
                for train_name in trains:
                    train = self.defs[train_name]
                    variables, gradients = self.fresh("variables"), self.fresh("gradients")
                    if getattr(train, "var_list", None) is not None:
                        body.append(f"{variables} = list({self._edited_source(train.var_list)})")
                    else:  # (each op's: the trainable variables made before it)
                        body.append(f"{variables} = [{', '.join(made_before(train))}]")
                    body.append(f"{gradients} = {tape}.gradient({train.loss}, {variables})")
                    updates.append(f"{train.optimizer}.apply_gradients([(g, v) for g, v in zip({gradients}, {variables}) if g is not None])")
                    if getattr(train, "global_step", None):
                        updates.append(f"{train.global_step}.assign_add(1)")
                body += updates
                train = None
            variables = self.fresh("variables") if train is not None and not fed_pairs else None
            if variables is None:
                pass
            elif getattr(train, "var_list", None) is not None:
                body.append(f"{variables} = list({self._edited_source(train.var_list)})")
            elif grads is not None and getattr(grads, "var_list", None) is not None:  # compute_gradients(loss, var_list)
                body.append(f"{variables} = list({self._edited_source(grads.var_list)})")
            else:
                body.append(f"{variables} = [{', '.join(trainable)}]")
            if train is None:
                pass
            elif fed_pairs:
                body.append(f"{train.optimizer}.apply_gradients([(g, v) for g, v in {self._edited_source(train.pairs)} if g is not None])")
            elif grads is not None:
                gradients = f"{tape}.gradient({grads.loss}, {variables})"
                body.append(f"{grads.names[0]} = " + (gradients if getattr(grads, "plain", False)
                                                      else f"list(zip({gradients}, {variables}))"))
                body += [line for d, t in zip(statements, texts) if id(d) in after for line in t.splitlines()]
                pairs = self._edited_source(train.pairs)
                body.append(f"{train.optimizer}.apply_gradients([(g, v) for g, v in {pairs} if g is not None])")
            elif manual and getattr(self.defs[train.optimizer], "rule", None):
                gradients = self.fresh("gradients")
                body.append(f"{gradients} = {tape}.gradient({train.loss}, {variables})")
                body += self._rule_lines(self.defs[train.optimizer], train.optimizer, gradients, variables)
            elif manual:
                opt = self.defs[train.optimizer]
                gradients, accumulator = self.fresh("gradients"), self.fresh("accumulator")
                body.append(f"{gradients} = {tape}.gradient({train.loss}, {variables})")
                body += self._lazy_slot_lines(opt, train.optimizer, variables, f"{self.tf('tf.Variable')}("
                                              f"{self.tf('tf.zeros')}(v.shape, v.dtype), trainable=False)")
                body.append(f"# MomentumOptimizer's rule with this step's rate: accum = accum * momentum + grad; var -= rate * accum")
                body.append(f"for g, v, {accumulator} in zip({gradients}, {variables}, {train.optimizer}):")
                body.append("    if g is not None:")
                body.append(f"        {accumulator}.assign({accumulator} * {opt.momentum} + g)")
                body.append(f"        v.assign_sub({opt.lr} * {accumulator})")
            else:
                gradients = self.fresh("gradients")
                body.append(f"{gradients} = {tape}.gradient({train.loss}, {variables})")
                if assigned:
                    rate = self.defs[train.optimizer].lr
                    if self._shape_unknown(rate):  # v1's kernels took a scalar; Keras' rate variable takes its shape only
                        rate = f"{self.tf('tf.reshape')}({rate}, [])"
                    body.append(f"{train.optimizer}.learning_rate = {rate}  # this step's rate, as TF 1.x computed it in each run")
                body.append(f"{train.optimizer}.apply_gradients([(g, v) for g, v in zip({gradients}, {variables}) if g is not None])")
            if train is not None and getattr(train, "global_step", None):
                body.append(f"{train.global_step}.assign_add(1)")
            body += update_lines(self, trains, statements, call)
        else:
            body += [line for text_ in texts for line in text_.splitlines()]
        if shape == "single" and trains:
            pass
        else:
            body.append(f"return {returned}")
        decorator = f"@{self.tf('tf.function')}"
        random = next((c for c in (self._random_call(d.stmt) for d in statements) if c), None)
        changing = self._changing_read(elements, trains)
        if changing is not None:
            # `sess.run(W * i)` in `for i in range(3)`: TF 1.x built the fetch again at each run, from
            # that run's `i`; a tf.function keeps the value its first trace read, so the step is eager
            if random or nexts:
                raise self.fail(call, f"a fetch reading `{changing}`, a Python value that changes between runs, in a "
                                "step drawing random numbers or reading a dataset (converted eagerly otherwise)")
            decorator = (f"# eager, not a tf.function: the fetch reads `{changing}`, a Python value that changes between "
                         "runs\n# (TF 1.x built it again at each run; a tf.function keeps the value of its first trace)")
        elif self._builder_signature(call, [d.stmt for d in statements], placeholders, nexts, random):
            decorator += f"(input_signature=[{', '.join(self._input_signature(placeholders))}])"
        elif random:
            # one traced graph for every input shape, as the placeholder allowed: a retrace
            # would make a new random op whose generator starts again (TF 1.x's drew on)
            specs = self._input_signature(placeholders)
            if isinstance(specs, str):
                raise self.fail(call, f"a step drawing random numbers ({random}) fed `{specs}`, whose dtype is "
                                "not known to keep one traced graph")
            for d in sorted(nexts, key=self.order.index):
                # a dataset input by its dataset's element_spec: the static shapes TF 1.x's get_next() had
                # (a name bound once above the steps; an expression would build the dataset again)
                dataset = self.defs[d.iterator].dataset
                bound = self._assignments(dataset) if dataset.isidentifier() else []
                holder = next((f for f in self.tree.body if isinstance(f, ast.FunctionDef) and any(
                    n is self.first_generated for n in ast.walk(f))), None)
                parameter = holder is not None and dataset in {a.arg for a in holder.args.args} and not any(
                    any(n is b for n in ast.walk(holder)) for b in bound)  # `def word2vec(dataset):`, not bound again
                if not parameter and (len(bound) != 1 or self.first_generated is None
                                      or bound[0].lineno >= self.first_generated.lineno):
                    raise self.fail(call, f"a step drawing random numbers ({random}) with dataset inputs: its inputs' "
                                    "shapes are known to keep one traced graph only from a dataset bound once to a "
                                    "name above the Session, or a parameter of the function holding it")
                specs.append(f"{dataset}.element_spec")
            decorator += f"(input_signature=[{', '.join(specs)}])"
        elif not nexts and trains and self._partial_means(statements) and self._literal_signature(placeholders):
            # a training step reducing a tensor along some axes (`reduce_mean(embed, 1)`): TF's gradient of
            # Mean divides by a constant when the input's shape is fully known and by the shape's product
            # otherwise, which Grappler rounds otherwise (it folds the first into a product by the
            # reciprocal); traced with concrete batches the step drifted from TF 1.x's graph of [None, ...]
            # placeholders, by the placeholders' specs it computes the same (measured: the same bits)
            decorator += f"(input_signature=[{', '.join(self._literal_signature(placeholders))}])"
        elif not nexts and not tensors and any(getattr(self.defs[p], "shape", None) in ("None", "[]", "()") for p in placeholders) \
                and not isinstance(self._input_signature(placeholders), str):
            # a scalar fed at each run (a learning rate, a keep probability) is a Python number, and
            # tf.function traces again for each new Python value (measured: 300 steps fed a decaying
            # rate took 32 s against 0.3 s); with the placeholders' specs every value is a tensor of one trace
            decorator += f"(input_signature=[{', '.join(self._input_signature(placeholders))}])"
        elif not nexts and not tensors and placeholders and self._literal_signature(placeholders) \
                and not any(getattr(self.defs[p], "sparse", False) for p in placeholders):
            # Session.run made each fed value an array of its placeholder's dtype (np.asarray); a
            # tf.function fed a Python list traces again for each new list of values, and one fed
            # batches of another size for each shape (measured: 258 steps fed slices of a list took
            # 2.76 s against compat's 0.10 s); by the placeholders' specs every value is a tensor of one trace
            decorator += f"(input_signature=[{', '.join(self._literal_signature(placeholders))}])"
        if tensors and "input_signature" in decorator:
            # (a step drawing random numbers, reducing along some axes or calling a model builder's object is traced
            # once with its placeholders' specs, for TF 1.x's numbers; a parameter None or not breaks the one trace)
            raise self.fail(call, f"a feed of `{tensors[0]}`, a tensor that is not a placeholder, in a step traced once with "
                            "its placeholders' specs (it draws random numbers, reduces along some axes or calls a model "
                            "builder's object): not converted")
        if "input_signature" in decorator:  # every fed value arrives a tensor of its placeholder's dtype
            self.signature_casts[name] = (cast_at, casts)
        else:
            body[cast_at:cast_at] = casts
        lines = [*decorator.split("\n"), f"def {name}({', '.join(params)}):"] + ["    " + line if line else "" for line in body]
        self.generated_functions.append(lines)
        return name

    def _partial_means(self, statements: list) -> bool:
        """Do `statements` (a step's) reduce a tensor with `reduce_mean` along given axes (not all)?"""
        for d in statements:
            for node in ast.walk(d.stmt):
                if isinstance(node, ast.Call) and self.call_name(node) in PARTIAL_MEANS and (
                        len(node.args) > 1 or any(k.arg in ("axis", "reduction_indices") for k in node.keywords)):
                    return True
        return False

    def _literal_signature(self, fed: list[str]) -> list[str] | None:
        """`_input_signature(fed)` with each name in a shape (`[None, max_words]`) replaced by the int the
        file binds it to once (the steps are written above such bindings); None when a dtype or such a
        name's value is not known before the program runs."""
        specs = self._input_signature(fed)
        if isinstance(specs, str):
            return None
        written = []
        for spec in specs:
            call = ast.parse(spec, mode="eval").body
            values = {}
            for node in ast.walk(call.args[0]):
                if isinstance(node, ast.Name):
                    values[node.id] = self._static_value(node)
                    if not isinstance(values[node.id], int) or isinstance(values[node.id], bool):
                        return None
            shape = re.sub(r"\b[A-Za-z_]\w*\b", lambda m, values=values: str(values.get(m.group(), m.group())),
                           ast.unparse(call.args[0]))
            written.append(f"{ast.unparse(call.func)}({shape}, {ast.unparse(call.args[1])})")
        return written

    def _changing_read(self, elements: list, trains: list[str]) -> str | None:
        """A name a fetch expression reads (`sess.run(W * i)`) that is no graph value and may hold
        another Python value at a later run: a `for` target, or a name bound more than once or in a
        loop. None when there is none."""
        if getattr(self, "_rebound_tree", None) is not self.tree:
            self._rebound_tree = self.tree
            counts: dict[str, int] = {}
            looped: set[str] = set()
            for node in ast.walk(self.tree):
                if isinstance(node, (ast.For, ast.While, ast.comprehension)):
                    looped |= {n.id for part in ([node.target] if not isinstance(node, ast.While) else []) + list(
                        getattr(node, "body", [])) for n in ast.walk(part) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    counts[node.id] = counts.get(node.id, 0) + 1
            self._rebound_names = looped | {n for n, k in counts.items() if k > 1}
        for element in elements:
            if isinstance(element, ast.Name) and (element.id in trains or element.id in self.defs):
                continue
            inner = {n.id for n in ast.walk(element) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            for n in ast.walk(element):  # (not a comprehension's own target: `[w[k] for k in range(3)]`)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in self.defs \
                        and n.id in self._rebound_names and n.id not in inner:
                    return n.id
        return None

    def _builder_signature(self, call, statements: list, fed: list[str], nexts, random) -> bool:
        """A step calling a dict builder's object (migrate/tf2_builders.py) is traced once with its
        placeholders' shapes, the static shapes its body read in TF 1.x; a Fallback when they are not known."""
        from migrate.tf2_builders import builder_step

        if not builder_step(self, statements):
            return False
        specs = self._input_signature(fed)
        if nexts or isinstance(specs, str):
            raise self.fail(call, "a step calling a model builder's object fed "
                            f"{'dataset inputs' if nexts else '`' + specs + '`'}, whose shapes are not known "
                            "to trace its body with the placeholders' static shapes")
        return True

    def _shape_unknown(self, expression: str) -> bool:
        """Does `expression` (source text) read a placeholder given no shape (`tf.placeholder(tf.float32)`:
        its step argument's TensorSpec is of unknown rank), directly or through graph tensors?"""
        read = [self.defs[n.id] for n in ast.walk(ast.parse(expression, mode="eval"))
                if isinstance(n, ast.Name) and n.id in self.defs]
        return any(d.kind == "placeholder" and getattr(d, "shape", None) == "None" for d in _defs_reached(read))

    def _input_signature(self, fed: list[str], names: list[str] | None = None) -> list[str] | str:
        """`tf.TensorSpec(<placeholder shape>, <dtype>)` per fed placeholder (Session.run's
        conversion: a float64 array or a Python int fed to a float32 placeholder is cast, as the
        signature converts it; `names`: each spec's name, a SavedModel signature's input key); the
        first placeholder whose dtype is not known otherwise."""
        specs = []
        for placeholder in fed:
            d = self.defs[placeholder]
            dtype = self.tf(d.dtype) if d.dtype in NUMERIC_DTYPES or d.dtype == "tf.bool" \
                else d.dtype if (d.dtype or "").endswith("()") else None  # a bool: a training flag
            if dtype is None or not hasattr(d, "shape"):  # (placeholder_with_default: its default's)
                return placeholder
            named = f", name={json.dumps(names[len(specs)])}" if names else ""
            specs.append(f"{self.tf('tf.TensorSpec')}({d.shape}, {dtype}{named})")
        return specs

    def _edited_source(self, node: ast.AST) -> str:
        """`node`'s source with the edits inside it applied (a `tf.trainable_variables()` written as
        the list of its variables, `_list_trainables`), for an expression the step writes again
        (a var_list, apply_gradients' pairs)."""
        return self._edited_text(self.offset(node), self.end_offset(node), whole=True)

    def _edited_text(self, start: int, end: int, whole: bool = False) -> str:
        """The text from `start` to `end` with the edits inside it applied (one of that whole span
        too when `whole`: an expression replaced, not a statement moved)."""
        inner = [e for e in self.edits if start <= e[0] and e[1] <= end and (whole or not (e[0] == start and e[1] == end))]
        # an edit inside another one (a seed inside a replaced expression) is in that one's text
        inner = [e for e in inner if not any(o[0] <= e[0] and e[1] <= o[1] and o[1] > o[0] and (o[0], o[1]) != (e[0], e[1])
                                             and not isinstance(o[2], tuple) for o in inner)]
        text = self.text[start:end]
        for s, e, new in sorted(inner, key=lambda e: e[0], reverse=True):
            if isinstance(new, tuple):
                continue
            text = text[: s - start] + new + text[e - start:]
        return text

    def _statement_text(self, stmt: ast.stmt) -> str:
        """A moved statement's source (with the edits inside it applied), dedented to column 0."""
        text = self._edited_text(self.starts[stmt.lineno - 1], self.starts[stmt.end_lineno])
        indent = _indent(self.lines[stmt.lineno - 1])
        out = []
        for line in text.splitlines():
            out.append(line[len(indent):] if line.startswith(indent) else line)
        if id(stmt) in self.statement_devices:  # built under `with tf.device(...)`: run there too
            out = [f"with {self.statement_devices[id(stmt)]}:"] + ["    " + line if line.strip() else line for line in out]
        return "\n".join(out)

    # -- edits -----------------------------------------------------------------------
    def _delete(self, stmt: ast.stmt, body: list | None = None, comments: bool = False) -> None:
        """Delete the statement's lines; `comments`: a block (`with tf.name_scope(...)`) whose
        statements all went keeps the comment lines written between them (and the header's),
        at the block's indentation, as a statement of the module deleted or moved keeps the
        comment lines above it."""
        start, end = self.starts[stmt.lineno - 1], self.starts[stmt.end_lineno]
        line = self.lines[stmt.lineno - 1]
        rest = self.lines[stmt.end_lineno - 1][self.end_col(stmt):].strip()
        if rest.startswith(";"):  # a statement ended by `;` alone (`init.run();`), no other after it
            rest = rest[1:].strip() or "#"
        if line[: self.col(stmt)].strip() or rest not in ("", "\\") and not rest.startswith("#"):
            raise self.fail(stmt, "a statement sharing its line with another (`a = 1; b = 2`): the converter moves and "
                            "deletes whole lines; put each statement on its own line to convert")
        replacement = ""
        if body is not None and all(s in self.deleted_stmts or s is stmt for s in body):
            replacement = _indent(line) + "pass\n"
        # (a tensor statement's text moves into the steps with its comments)
        moved = any(d.stmt is stmt and d.kind == "tensor" for d in self.order)
        kept = self._block_comments(stmt) if comments else [] if moved else self._statement_comments(stmt)
        if kept:  # a block's comments, or a deleted statement's own (`x = tf.placeholder(...)  # images`)
            replacement = "".join(_indent(line) + text + "\n" for text in kept) + replacement
            self.replaced_starts.add(start)  # dedented with a Session block's body it is in
        self.deleted_stmts.add(stmt)
        self.deleted_lines.update(range(stmt.lineno, stmt.end_lineno + 1))
        self.edits.append((start, end, replacement))

    def _statement_comments(self, stmt: ast.stmt) -> list[str]:
        """The comments on a simple statement's own lines (trailing, or between its bracketed
        lines), in order; none for a compound statement (its body's are its statements')."""
        if any(isinstance(n, ast.stmt) and n is not stmt for n in ast.walk(stmt)):
            return []
        return _comments(textwrap.dedent("".join(self.lines[stmt.lineno - 1:stmt.end_lineno])))

    def _block_comments(self, block: ast.stmt) -> list[str]:
        """The comments of a block's lines outside its statements (a moved statement's text
        carries the comments inside it; nested scope blocks are looked into): comment lines, and the trailing comment of a
        header (`with tf.name_scope("model"):  # the model`), in order."""
        inside = {n for s in ast.walk(block) if isinstance(s, ast.stmt) and not isinstance(s, ast.With)
                  for n in range(s.lineno, s.end_lineno + 1)}
        inside |= _string_continuation_lines(block)
        return [comment for number in range(block.lineno, block.end_lineno + 1) if number not in inside
                for comment in _comments(self.lines[number - 1].strip() + "\n")]

    def _replace(self, node: ast.AST, text: str) -> None:
        self.edits.append((self.offset(node), self.end_offset(node), text))

    def _replace_statement(self, stmt: ast.stmt, text: str) -> None:
        indent = _indent(self.lines[stmt.lineno - 1])
        start, end = self.starts[stmt.lineno - 1], self.starts[stmt.end_lineno]
        self.deleted_lines.update(range(stmt.lineno, stmt.end_lineno + 1))
        self.replaced_starts.add(start)
        self.edits.append((start, end, indent + text + "\n"))

    def _check_rest(self, scope) -> None:
        """Graph names or TF 1.x graph calls anywhere outside the converted body."""
        inside = {id(n) for stmt in scope for n in ast.walk(stmt)}
        for node in ast.walk(self.tree):
            if id(node) in inside:
                continue
            if isinstance(node, ast.Call) and self.call_name(node) in (SESSION, PLACEHOLDER, GET_VARIABLE, SAVER):
                raise self.fail(node, "outside the body that runs the Session")

    def _apply(self) -> str:
        generated_iter = iter(self.pending_generated)
        edits = []
        first_gen = True
        for start, end, new in self.edits:
            if isinstance(new, tuple):
                indent = new[1]
                block = []
                if first_gen:
                    if self.needs_numpy_helper and not (self.segment and self.segment.numpy_helper):
                        block += [
                            f"def {self.numpy_helper_name()}(fetched):",
                            "    # what Session.run returned: the fetched tensors as NumPy values (None for an op)",
                            f"    return {self.tf('tf.nest.map_structure')}(lambda t: None if t is None else t.numpy(), fetched)",
                            "",
                        ] + ([] if indent else [""])
                    if self.needs_summary_helper:
                        block += self._summary_helper_lines() + ([] if indent else [""])
                    for lines in self.generated_functions:
                        block += lines + ([""] if indent else ["", ""])
                    first_gen = False
                new = "".join(indent + line + "\n" if line else "\n" for line in block)
                if new:
                    new = ("\x00" if indent else "\x00\x00") + new  # blank lines wanted before it (PEP 8)
            edits.append((start, end, new))
        # statements moved into functions: delete edits already there; nested edits inside them dropped
        # an edit inside another one (a dedent inside a multi-line call that is replaced, a
        # rewrite inside a statement that moved) is part of that one's text already
        spans = sorted({(s, e) for s, e, _ in edits if e > s})
        final = []
        for s, e, n in dict.fromkeys(edits):
            # (an insertion where a span starts or ends is beside it, not inside: the
            # `initial_value` helper written above a def that follows deleted switch lines)
            if any(ds <= s and e <= de and (s, e) != (ds, de) and not (s == e and s in (ds, de)) for ds, de in spans):
                continue
            final.append((s, e, n))
        if self.prologue is not None:
            final.append((self.prologue[0], self.prologue[0], self.prologue[1]))
        final.sort(key=lambda e: (e[0], e[1]))
        out, pos = [], 0
        for s, e, n in final:
            if s < pos:
                raise Fallback("<internal>", 1, 1, f"overlapping rewrites {(s, e, n)} {final}")
            out.append(self.text[pos:s])
            if n.startswith("\x00"):
                wanted = len(n) - len(n.lstrip("\x00"))
                so_far = "".join(out)
                blank = len(so_far) - len(so_far.rstrip("\n")) - 1 if so_far.endswith("\n") else 0
                n = "\n" * max(0, wanted - max(blank, 0)) + n.lstrip("\x00")
            out.append(n)
            pos = e
        out.append(self.text[pos:])
        return "".join(out)


class _Events(list):
    """The build events of a program (`Converter._module_events`), each with the calls of
    the file's functions it was built under (`sites`, parallel to the list)."""

    def __init__(self, calls_stack: list) -> None:
        super().__init__()
        self.calls_stack = calls_stack
        self.sites: list[tuple] = []

    def append(self, event) -> None:
        super().append(event)
        self.sites.append(tuple(self.calls_stack))


# TensorFlow calls that may build a random op asking the graph for a seed (or ops the converter does not count)
SEEDED_CALLS = re.compile(r"layers|keras|rnn|contrib|slim|estimator|sample|candidate|nce_loss|"
                          r"fractional|shuffle|random|dropout|multinomial|categorical|hub\b|Module")


def _library_draws_no_seed(module: str, name: str) -> bool:
    """A function of a library module of the run building no random op (migrate/tf2_libraries.py)."""
    from migrate.tf2_libraries import draws_no_seed

    return draws_no_seed(module, name)


def _builds_no_op(module: str) -> bool:
    """Whether the functions of `module` (an imported module's dotted name) build no op."""
    root = module.split(".")[0]
    return root in SAFE_MODULES or root in PLAIN_MODULES.get()


def _loop_targets(loop: ast.For) -> set[str] | None:
    """The names a `for` binds (`for i in`, `for x, y in`); None for another target (`for a.b in`, `for (a, b), c in`)."""
    elements = loop.target.elts if isinstance(loop.target, (ast.Tuple, ast.List)) else [loop.target]
    return {e.id for e in elements} if all(isinstance(e, ast.Name) for e in elements) else None


def _bound_inside(function) -> set[str]:
    """Names a function binds itself (parameters, assignments, loop targets, imports)."""
    names = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not function:
            names.add(node.name)
    return names


def _main_guard(stmt: ast.stmt) -> bool:
    """`if __name__ == "__main__":` with no `else`: the program run as a script runs its body once."""
    test = stmt.test if isinstance(stmt, ast.If) and not stmt.orelse else None
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) and {
        ast.dump(test.left), ast.dump(test.comparators[0])} == {ast.dump(ast.Name("__name__", ast.Load())),
                                                                ast.dump(ast.Constant("__main__"))}


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _target_names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    return [e.id for e in target.elts]


def _statements(tree: ast.Module):
    """(body list, statement) for every statement of the module, nested ones too."""
    stack = [tree.body]
    while stack:
        body = stack.pop()
        for stmt in body:
            yield body, stmt
            for name in ("body", "orelse", "finalbody"):
                child = getattr(stmt, name, None)
                if isinstance(child, list) and child and isinstance(child[0], ast.stmt):
                    stack.append(child)
            for handler in getattr(stmt, "handlers", []):
                stack.append(handler.body)


def _comments(text: str) -> list[str]:
    """The `#` comments of a piece of code at column 0, in order (tokenized: not a `#` in a
    string); none where it does not tokenize (a line cut from a bracketed statement)."""
    import io
    import tokenize

    if "#" not in text:
        return []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    return [t.string for t in tokens if t.type == tokenize.COMMENT]


def _string_continuation_lines(stmt: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(stmt):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.end_lineno > node.lineno:
            if isinstance(node, ast.JoinedStr) or isinstance(node.value, (str, bytes)):
                lines.update(range(node.lineno + 1, node.end_lineno + 1))
    return lines


def convert(text: str) -> str:
    """The TF 2 style text of a compat-migrated module, or raise Fallback (its line and
    column in `text`). A program building several graphs one after another is converted
    graph by graph (`_convert_graphs`); queue-runner input pipelines become tf.data first
    (`tf2_queues.queue_pipelines`). A Fallback inside a class whose method opens a Session
    of a graph its other methods build names that shape (`_methods_building`)."""
    try:
        return _convert_module(text)
    except Fallback as stop:
        raise _methods_building(text, stop) from None


# what a method building a graph makes (with a `.minimize(...)` call): `_methods_building`
MADE_IN_METHODS = (".compat.v1.placeholder", ".compat.v1.Variable", ".compat.v1.get_variable", ".Variable")


def _methods_building(text: str, stop: Fallback) -> Fallback:
    """`stop`, or, when it lies in a class one of whose methods opens a Session (`with
    tf.Session(...)`, `sess = tf.Session(...)`) while two or more other methods build the graph
    it runs (placeholders, variables, ops bound to `self`: CreatCodeBuild's `define_inputs`,
    `add_conv`, `add_fc`, `define_model`, which the program calls in turn) and no attribute
    keeps the Session, a Fallback at the Session naming them: neither the program engine (its
    feeds are the object's attributes) nor tf2_classes (one graph method) converts it."""
    from migrate.tf2_classes import _session_attribute

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return stop
    for klass in (k for k in tree.body if isinstance(k, ast.ClassDef)):
        if not klass.lineno <= stop.line <= klass.end_lineno or _session_attribute(klass) is not None or any(
                isinstance(n, ast.Call) and (dotted_name(n.func) or "").split(".", 1)[-1] == "Graph" for n in ast.walk(klass)):
            continue  # (a class keeping its own tf.Graph: tf2_owngraph's, whose finding stands)
        methods = [m for m in klass.body if isinstance(m, ast.FunctionDef)]
        opening = [(m, n) for m in methods for n in ast.walk(m) if isinstance(n, ast.Call) and (
            dotted_name(n.func) or "").endswith((".compat.v1.Session", ".compat.v1.InteractiveSession"))]
        if len(opening) != 1:  # (Sessions of several methods: the engine's finding names them)
            continue
        for method, session in opening:
            building = [m.name for m in methods if m is not method and any(
                isinstance(n, ast.Call) and ((dotted_name(n.func) or "").endswith(MADE_IN_METHODS)
                                             or isinstance(n.func, ast.Attribute) and n.func.attr == "minimize")
                for n in ast.walk(m))]
            if len(building) < 2:
                continue
            return Fallback(ast.get_source_segment(text, session)[:60], session.lineno, session.col_offset + 1,
                            f"the Session `{klass.name}.{method.name}` opens runs a graph the class's methods "
                            + ", ".join(f"`{b}`" for b in building) + " build (placeholders, variables, the training "
                            "op), each called by the program: the "
                            "model-class conversion (tf2_classes) converts a graph built by one method (`__init__`, a "
                            "method it calls, or the one method the program calls) whose class keeps its Session in "
                            "an attribute, and the program conversion cannot read the object's placeholders and ops")
    return stop


def _convert_module(text: str) -> str:
    from migrate.tf2_classes import session_classes
    from migrate.tf2_layers import _drop_legacy_switch, keras_layers
    from migrate.tf2_queues import queue_pipelines

    classed = session_classes(text)  # model classes keeping a Session: rewritten first
    if classed is not None:
        try:  # (the legacy tf-keras switch the class's v1 layers needed goes when nothing left needs Keras 2)
            return _drop_legacy_switch(convert(classed[0]))
        except Fallback as later:
            raise classed[1](later) from None
    functions = _convert_functions(text)  # Sessions in several functions: each function its own program
    if functions is not None:
        return functions
    queued = queue_pipelines(text)
    if queued is not None:
        try:
            return convert(queued[0])
        except Fallback as later:
            raise queued[1](later) from None
    try:
        layered = keras_layers(text)  # v1 layer calls as Keras layers first (Fallback for another shape)
    except Fallback as mine:
        # a construct that keeps the file compat anyway (an Estimator, a second Session) is named instead
        try:
            several = _convert_graphs(text)
            if several is None:
                _convert_one(text)
        except Fallback as theirs:
            # (a v1 layer's kernel initializer the compat pass wrote, MIG117, is the layer's)
            kernel = text.splitlines()[theirs.line - 1][:theirs.col - 1].endswith("kernel_initializer=") \
                if 0 < theirs.line <= text.count("\n") + 1 else False
            if theirs.reason != NO_VARIABLES and "layers" not in theirs.reason + theirs.construct and not kernel \
                    and not getattr(mine, "model", False):
                raise theirs from None  # what keeps the file compat whatever its layers
        raise mine from None
    layered = _rnn_cells(text, layered)
    if layered is None:
        several = _convert_graphs(text)
        return several if several is not None else _convert_one(text)
    new, back = layered
    try:
        several = _convert_graphs(new)
        return several if several is not None else _convert_one(new)
    except Fallback as later:
        raise back(later) from None


def _rnn_cells(text: str, layered):
    """`layered` (keras_layers' (text, back) or None) with the v1 rnn cells of its text rewritten
    (migrate/tf2_rnn.py), its `back` mapping through both rewrites; Fallbacks positioned in `text`."""
    from migrate.tf2_rnn import rnn_cells

    given, first = layered if layered is not None else (text, None)
    try:
        rewritten = rnn_cells(given)
    except Fallback as mine:
        appended = _appended_cells(given, mine) if mine.reason.startswith(APPENDED_CELLS) else None
        if appended is not None:  # `cells.append(cell)` in a loop: written as a comprehension in the call, then again
            outer = (lambda later: first(appended[1](later))) if first is not None else appended[1]
            try:
                inner = _rnn_cells(appended[0], None)
            except Fallback as later:
                raise outer(later) from None
            return (appended[0], outer) if inner is None else (inner[0], lambda later: outer(inner[1](later)))
        # a construct keeping the file compat whatever its cells (no Session, a second Session) is named instead
        stop = mine
        try:
            several = _convert_graphs(given)
            if several is None:
                _convert_one(given)
        except Fallback as theirs:
            if theirs.reason != NO_VARIABLES and "rnn" not in theirs.reason + theirs.construct \
                    and not _cell_state_feed(given, theirs):
                stop = theirs
        raise (first(stop) if first is not None else stop) from None
    if rewritten is None:
        return layered
    new, second = rewritten
    if first is None:
        return new, second
    return new, lambda later: first(second(later))


def _cell_state_feed(text: str, stop: Fallback) -> bool:
    """Is `stop` the feed of a cell's state (`istate = cell.zero_state(...)` fed the last run's state), a
    feed_dict key the engine takes for a tensor only when the cells are tf2_rnn's? Then the cells' own
    finding is the one to name (sjchoi86's char_rnn notebooks: `MultiRNNCell([cell] * n)`)."""
    if not stop.reason.startswith(FEED_KEY):
        return False
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Assign) and _zero_state(n.value) and any(
        isinstance(t, ast.Name) and t.id == stop.construct for t in n.targets) for n in ast.walk(tree))


def _convert_one(text: str, segment: Segment | None = None) -> str:
    """One graph's program (or one `segment` of several): some Fallbacks are met by
    rewriting the text and converting again: a loss expression bound to a name first, a
    layer function made a tf.Module, a TF version check around the construct resolved (a
    later Fallback is positioned in `text`), a graph name rebound to a fetched value renamed."""
    try:
        return _convert(text, segment)
    except Fallback as given:
        first = stop = given
    if stop.reason == LOSS_EXPRESSION:
        rewritten = _hoist_loss(text, stop)
    elif stop.reason.endswith(CALLED_WHILE_BUILDING):
        rewritten = _layer_modules(text, stop) or _own_layer_functions(text, stop) or _helper_modules(text, stop) \
            or _dict_builder(text, stop) or _model_object(text, stop)
    elif stop.reason.startswith(FEED_KEY):
        rewritten = _dict_builder(text, stop) or _model_object(text, stop)
    elif stop.reason.endswith(BOUND_TWICE):
        rewritten = _rename_later_binding(text, stop, segment)
    elif stop.reason == INITIALIZER_NOT_CONVERTED:
        rewritten = _initializer_functions(text, stop)
    elif stop.reason == APPLY_PAIRS:
        rewritten = _gradients_named(text, stop)
    elif stop.reason.startswith(APPENDED_CELLS):
        rewritten = _appended_cells(text, stop)
    else:
        rewritten = _initializer_functions(text, stop) or _session_default_block(text, stop) or _resolve_version_check(text, stop) \
            or _own_layer_functions(text, stop) or _helper_modules(text, stop) or _dict_builder(text, stop) \
            or _model_object(text, stop) or _fetches_inlined(text, stop) or _hoist_session_tensor(text, stop) \
            or _dict_entries_named(text, stop) \
            or ("as a global (made after the function)" in stop.reason and _function_moved_down(text, stop) or None) \
            or _unroll_loop(text, stop)
    if rewritten is not None:
        try:
            return _convert_one(rewritten[0], segment)
        except Fallback as later:
            raise rewritten[1](later) from None
    current, renamed_lines = text, set()
    for _ in range(8):  # one graph name renamed a round (`w, b = sess.run([w, b])` takes two)
        rebound = REBOUND in stop.reason or "is used outside `Session.run`" in stop.reason
        renamed = _rename_rebound_fetches(current, stop, segment) if rebound else None
        if isinstance(renamed, str):  # why not: said where the name's rebinding is the obstacle
            if stop is first and REBOUND in first.reason:
                raise Fallback(first.construct, first.line, first.col, f"{first.reason} ({renamed})") from None
            break
        if renamed is None:
            break
        current, lines = renamed
        renamed_lines |= lines
        try:
            return _convert_one(current, segment)
        except Fallback as again:
            stop = again  # noqa: PLW2901
    if stop is not first and stop.line not in renamed_lines:
        raise stop from None  # a later obstacle, on a line the renaming left as written
    raise first from None


CALLED_WHILE_BUILDING = " and is called while the graph is built"
INITIALIZER_NOT_CONVERTED = "this get_variable initializer is not converted"
SEED_UNCOUNTED = "which may build random ops the converter cannot count"
BUILD_ORDER_UNFOLLOWED = "built where the converter cannot follow the graph's build order"
BOUND_TWICE = " is bound twice in the graph"
FEED_KEY = "a feed_dict key that is not a placeholder"


def _zero_state(node: ast.AST) -> bool:
    """`cell.zero_state(...)`: an RNN cell's zero state, a structure for an LSTM (its pair) or a MultiRNNCell."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "zero_state"


def _own_nodes(node: ast.AST):
    """The nodes under `node` that are its function's own: not inside a def, lambda or class nested in it."""
    for child in ast.iter_child_nodes(node):
        yield child
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            yield from _own_nodes(child)


def _exits_early(body: list[ast.stmt]) -> bool:
    """Does a function `body` return or raise before its end? A `return` as the last statement,
    also of a `with` block that ends the body (gan-intro's `linear`: `with tf.variable_scope(...):
    ... return tf.matmul(input, w) + b`), runs every statement before it; a nested def's is not its own."""
    *rest, last = body
    if any(isinstance(n, (ast.Return, ast.Raise)) for s in rest for n in [s, *_own_nodes(s)]):
        return True
    if isinstance(last, (ast.Return, ast.Raise)):
        return False
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _exits_early(last.body)
    return any(isinstance(n, (ast.Return, ast.Raise)) for n in _own_nodes(last))


def _sparse_argument(c: Converter, placeholder: str) -> str | None:
    """A fed sparse placeholder's first line in a step (migrate/tf2_sparse.py); None when not sparse."""
    from migrate.tf2_sparse import sparse_argument

    return sparse_argument(c, placeholder)


def _feed_key_why(c: Converter, key, near: ast.AST) -> str:
    """What a feed_dict key that is no placeholder of the program is, said after the reason."""
    from migrate.tf2_builders import feed_key_why

    return feed_key_why(c, key, near)


def _placeholder_function(c: Converter, value: ast.AST):
    """The file's function making placeholders that `value` calls, or None (migrate/tf2_builders.py)."""
    from migrate.tf2_builders import placeholder_function

    return placeholder_function(c, value)


def _placeholder_call(c: Converter, placeholder: ast.Call) -> str:
    """Where a placeholder made in a function of the file was made, said after a reason (migrate/tf2_builders.py)."""
    from migrate.tf2_builders import placeholder_call

    return placeholder_call(c, placeholder)


def _session_default_block(text: str, stop: Fallback):
    """A `with sess.as_default():` block unwrapped, its `.eval()`s run in `sess` (migrate/tf2_asdefault.py)."""
    from migrate.tf2_asdefault import session_default_block

    return session_default_block(text, stop)


def _dict_builder(text: str, stop: Fallback):
    """A model builder returning its tensors in a dict, made a tf.Module (migrate/tf2_builders.py)."""
    from migrate.tf2_builders import dict_builder

    return dict_builder(text, stop)


def _helper_modules(text: str, stop: Fallback):
    """A helper making variables at each call while the graph is built: a tf.Module per call site
    (migrate/tf2_helpers.py)."""
    from migrate.tf2_helpers import helper_modules

    return helper_modules(text, stop)


def _initializer_functions(text: str, stop: Fallback):
    """get_variable's `initializer=f(...)` of a function of the file returning an initializer: the
    initializer it returns written at each call (migrate/tf2_helpers.py)."""
    from migrate.tf2_helpers import initializer_functions

    return initializer_functions(text, stop)


def _own_layer_functions(text: str, stop: Fallback):
    """A function of the file making variables through get_variable / variable_scope, called while
    the graph is built: written as a library's layer function is (migrate/tf2_libraries.py)."""
    from migrate.tf2_libraries import own_layer_functions

    return own_layer_functions(text, stop)


def _helper_draws(c: Converter, name: str) -> int | None:
    """The random ops a call of `name` builds when it is a helper's class (0) or an object of one
    (its count); None for anything else (migrate/tf2_helpers.py)."""
    from migrate.tf2_helpers import helper_draws

    return helper_draws(c, name)


def _summarizing_object(c: Converter, name: str):
    from migrate.tf2_helpers import summarizing_object

    return summarizing_object(c, name)


def _helper_summaries(c: Converter, stmt: ast.Assign, site: Def) -> None:
    from migrate.tf2_helpers import helper_summaries

    helper_summaries(c, stmt, site)


def _exact_helper_call(c: Converter, function, call: ast.Call) -> bool:
    """A TF 1.x call in a helper making no variables with an exact TF 2 spelling (migrate/tf2_helpers.py)."""
    from migrate.tf2_helpers import exact_helper_call

    return exact_helper_call(c, function, call)


def _object_draws(c: Converter, name: str) -> list:
    """The random ops of the computation of a model object `name` (migrate/tf2_objects.py)."""
    from migrate.tf2_objects import object_draws

    return object_draws(c, name)


def _same_object_class(c: Converter, a: ast.AST, b: ast.AST) -> bool:
    """Two random ops of one model object's class, their op seeds one counter's (migrate/tf2_objects.py)."""
    from migrate.tf2_objects import same_object_class

    return same_object_class(c, a, b)


def _model_object(text: str, stop: Fallback):
    """A model class making its placeholders and tensors as attributes, the program running them:
    made a tf.Module called in the steps (migrate/tf2_objects.py)."""
    from migrate.tf2_objects import model_object

    return model_object(text, stop)
# tf.Module's own attributes, which a layer function's names must not take
MODULE_ATTRIBUTES = frozenset({"name", "name_scope", "variables", "trainable_variables", "non_trainable_variables",
                               "submodules", "with_name_scope"})


def _graph_globals(c: Converter, function: ast.FunctionDef, local: set[str]):
    """Yields (name, a read of it) for each name the function's body reads, not one of `local`,
    that a statement of the program calling TensorFlow binds (a graph value read as a global),
    in the program's order of those statements."""
    free = {n.id: n for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and n.id not in local}
    for _, stmt in _statements(c.tree):
        if stmt is function or not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With)):
            continue
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)] + [
            i.optional_vars for i in getattr(stmt, "items", [])]
        bound = {n.id for t in targets if t is not None for n in ast.walk(t) if isinstance(n, ast.Name)}
        if bound & set(free) and any(isinstance(n, ast.Name) and n.id == c.alias for n in ast.walk(stmt)):
            for read in sorted(bound & set(free)):
                yield read, free[read]


def _layer_modules(text: str, stop: Fallback):
    """A layer function (Morvan's `add_layer(inputs, in_size, out_size, activation_function)`):
    makes tf.Variables from its Python arguments, then computes with them, called once per
    layer while the graph is built. The text with the function made a tf.Module class
    (`AddLayer`): `__init__` takes the parameters the variable statements read and runs
    those statements (and the ones they read), `self.<name> = ...`; `__call__` takes the
    other parameters, with their defaults, and runs the rest of the body in order, the
    names of `__init__` read back from `self`. Each `out = add_layer(x, 1, 10, ...)` becomes
    `add_layer_1 = AddLayer(1, 10)` (the variables, made where TF 1.x made them) and
    `out = add_layer_1(x, ...)` (a graph statement for the steps). With a function to map
    a later Fallback back to `text`; None when the function or a call is of another shape
    (a `return` before the end, variables under `with`/`if`, get_variable's scopes, a
    graph seed with an unseeded random op, the function used other than in `name = f(...)`)."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    call = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    function = next((f for f in c.tree.body if isinstance(f, ast.FunctionDef) and call is not None
                     and f.name == call.func.id), None)
    if function is None or function.decorator_list or function.args.vararg or function.args.kwarg \
            or function.args.kwonlyargs or function.args.posonlyargs:
        return None
    body = function.body
    docstring = body[0] if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str) else None
    statements = body[1:] if docstring else list(body)
    if not statements or not isinstance(statements[-1], ast.Return) or statements[-1].value is None:
        return None
    for node in ast.walk(function):
        if node is not function and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global,
                                                      ast.Nonlocal, ast.Yield, ast.YieldFrom)):
            return None
        if isinstance(node, ast.Return) and node is not statements[-1]:
            return None
        called = c.call_name(node) if isinstance(node, ast.Call) else None
        if called in (GET_VARIABLE, PLACEHOLDER, PLACEHOLDER_DEFAULT) or (called or "").startswith(
                ("tf.compat.v1.variable_scope", "tf.compat.v1.summary.", "tf.compat.v1.layers.")):
            return None
        if called in VARIABLES and not any(node is s.value for s in statements if isinstance(s, ast.Assign)):
            return None  # a variable made inside an expression or a block
    params = [a.arg for a in function.args.args]
    # a name of the program the body reads must not be a graph value (bound by TF code): the
    # steps hand placeholders and tensors to what they call, the module would read a global
    if next(_graph_globals(c, function, set(params) | _bound_inside(function)), None) is not None:
        return None
    variables = [s for s in statements if isinstance(s, ast.Assign) and len(s.targets) == 1
                 and isinstance(s.targets[0], ast.Name) and c.call_name(s.value) in VARIABLES]
    if not variables:
        return None
    assigned = {id(s): {n.id for t in s.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                for s in statements if isinstance(s, ast.Assign)}
    # __init__: the variable statements and the earlier statements whose names they read
    init, wanted = set(), set()
    for s in reversed(statements):
        if s in variables or id(s) in assigned and assigned[id(s)] & wanted:
            init.add(id(s))
            wanted |= {n.id for n in ast.walk(s.value) if isinstance(n, ast.Name)}
    built = [s for s in statements if id(s) in init]
    rest = [s for s in statements if id(s) not in init]
    made = set().union(*(assigned[id(s)] for s in built))
    if made & set().union(*(assigned.get(id(s), set()) for s in rest)) or made & set(params):
        return None  # a name of __init__ bound again by the rest
    for s in rest:  # the rest binds names only by plain assignment (no loops, no augmented forms of init names)
        if any(isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n.id in made for n in ast.walk(s)):
            return None
    build_params = [p for p in params if p in wanted]
    if any(isinstance(n, ast.Attribute) and n.attr in ("get_shape", "shape") and isinstance(n.value, ast.Name)
           and n.value.id in build_params for s in built for n in ast.walk(s)):
        return None  # a tensor's shape read to make the variables (`x.get_shape()[1]`): tf2_helpers' object per call
    call_params = [p for p in params if p not in build_params]
    if any(p in wanted for p in call_params):
        return None
    seeded = any(c.call_name(n) in SEEDS for n in ast.walk(c.tree) if isinstance(n, ast.Call))
    if any(_is_random_op(c.call_name(n) or "") and (seeded or any(k.arg == "seed" for k in n.keywords))
           for s in built for n in ast.walk(s) if isinstance(n, ast.Call)):
        # a seeded draw: TF 1.x made a new op per layer (its op seed from the graph's op count,
        # or the same op seed giving each layer the same values), where one eager op drawn
        # in several __init__ calls goes on drawing
        return None
    # every use of the function: `target = f(...)`, a statement of its own lines
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == function.name]
    sites = [s for _, s in _statements(c.tree) if isinstance(s, ast.Assign) and len(s.targets) == 1
             and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name) and s.value.func.id == function.name]
    if len(uses) != len(sites) or any(c.col(s) != len(_indent(c.lines[s.lineno - 1])) for s in sites):
        return None
    defaults = dict(zip(params[len(params) - len(function.args.defaults):], function.args.defaults))
    class_name = c.fresh("".join(part.capitalize() or "_" for part in function.name.split("_")))
    width = len(_indent(c.lines[statements[0].lineno - 1]))

    def lines_of(stmt, first: int, attributes: frozenset = frozenset()) -> list[str]:
        """The statement's lines with the comment lines before it (from line `first`), moved
        4 columns right; its names in `attributes` written `self.<name>`."""
        strings = _string_continuation_lines(stmt)
        edits: dict[int, list[int]] = {}
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id in attributes:
                edits.setdefault(node.lineno, []).append(c.col(node))
        out = []
        for number in range(first, stmt.end_lineno + 1):
            line = c.lines[number - 1]
            for col in sorted(edits.get(number, []), reverse=True):
                line = line[:col] + "self." + line[col:]
            out.append(line if number in strings or not line.strip() else "    " + line)
        return out

    def with_comments(stmt) -> int:
        k = stmt.lineno
        while k - 1 > (function.body[function.body.index(stmt) - 1].end_lineno if function.body.index(stmt) else function.lineno) \
                and c.lines[k - 2].strip().startswith("#"):
            k -= 1
        return k

    kept = [p for p in build_params if any(isinstance(n, ast.Name) and n.id == p for s in rest for n in ast.walk(s))]
    pad = " " * (width + 4)
    out = [f"class {class_name}({c.alias}.Module):\n"]
    if docstring is not None:
        out += c.lines[docstring.lineno - 1:docstring.end_lineno]  # at the class body's indentation, as it was
    else:
        out.append(f'{" " * width}"""`{function.name}`\'s variables, made once per layer; called in the steps."""\n')
    out.append("\n")
    def signature(names: list[str]) -> str:
        return ", ".join(["self"] + [p + (f"={c.source(defaults[p])}" if p in defaults else "") for p in names])

    out.append(f"{' ' * width}def __init__({signature(build_params)}):\n{pad}super().__init__()\n")
    if kept:
        out.append(f"{pad}{', '.join('self.' + p for p in kept)} = {', '.join(kept)}\n")
    # attributes of the module: its variables (tracked by tf.Module) and what __call__ reads;
    # names only __init__ reads stay its locals
    read = {n.id for s in rest for n in ast.walk(s) if isinstance(n, ast.Name)}
    attributes = frozenset(n for n in made if n in read or any(n in assigned[id(v)] for v in variables))
    if (attributes | set(kept)) & MODULE_ATTRIBUTES or any(n.startswith("_") for n in attributes | set(kept)):
        return None  # tf.Module's own attribute names
    for s in built:
        text_lines = lines_of(s, with_comments(s), attributes)
        # TF 2's tf.Variable, made eagerly in __init__ (the compat spelling is TF 1.x's graph variable)
        out += [line.replace(f"{c.alias}.compat.v1.Variable(", f"{c.alias}.Variable(") for line in text_lines]
    out.append("\n")
    out.append(f"{' ' * width}def __call__({signature(call_params)}):\n")
    unpacked = sorted((attributes | set(kept)) & read)
    if unpacked:
        out.append(f"{pad}{', '.join(unpacked)} = {', '.join('self.' + n for n in unpacked)}\n")
    for s in rest:
        out += lines_of(s, with_comments(s))
    replacements = [(function.lineno, function.end_lineno, "".join(out))]
    for k, site in enumerate(sites, 1):
        bound = {}
        for index, arg in enumerate(site.value.args):
            if isinstance(arg, ast.Starred) or index >= len(params):
                return None
            bound[params[index]] = (None, arg)
        for keyword in site.value.keywords:
            if keyword.arg is None or keyword.arg not in params or keyword.arg in bound:
                return None
            bound[keyword.arg] = (keyword.arg, keyword.value)
        instance = c.fresh(f"{function.name}_{k}")

        def arguments(names: list[str], bound: dict = bound) -> str:
            parts, positional = [], True
            for p in names:
                if p not in bound:
                    positional = False
                    continue
                keyword, value = bound[p]
                positional = positional and keyword is None
                parts.append(c.source(value) if positional else f"{p}={c.source(value)}")
            return ", ".join(parts)
        indent = _indent(c.lines[site.lineno - 1])
        target = c.source(site.targets[0])
        split = (f"{indent}{instance} = {class_name}({arguments(build_params)})\n"
                 f"{indent}{target} = {instance}({arguments(call_params)})\n")
        replacements.append((site.lineno, site.end_lineno, split))
    return _replace_lines(text, c, replacements)


def _replace_lines(text: str, c: Converter, replacements: list[tuple[int, int, str]]):
    """`text` with whole lines first..last (1-based) replaced by new text, for each
    (first, last, new) (not overlapping); and a function taking a Fallback of the new text
    back to `text`: in a replaced region, to its first line (column 1); elsewhere shifted."""
    out, regions, previous, line = [], [], 0, 1
    for first, last, new in sorted(replacements):
        out.append("".join(c.lines[previous:first - 1]))
        line += first - 1 - previous
        count = new.count("\n")
        regions.append((line, line + count, first, last))
        out.append(new)
        line += count
        previous = last
    out.append("".join(c.lines[previous:]))

    def back(later: Fallback) -> Fallback:
        shift = 0
        for start, end, first, last in regions:
            if later.line < start:
                break
            if later.line < end:
                return Fallback(later.construct, first, 1, later.reason)
            shift = last - (end - 1)
        return Fallback(later.construct, later.line + shift, later.col, later.reason)
    return "".join(out), back


# what a version check may read: TF's version string, and the str/int calls that take it apart
VERSION_ATTRIBUTES = frozenset({"__version__", "VERSION"})
VERSION_CALLS = {"int": int, "float": float, "str": str, "len": len}
VERSION_METHODS = frozenset({"split", "startswith", "strip"})
TARGET_VERSION = "2.21.0"  # the TensorFlow migrate's output is written for (README)


def _version_test(test: ast.expr, alias: str) -> bool | None:
    """The value of an `if` test that reads nothing but TensorFlow's version
    (`int(tf.__version__.split('.')[0]) < 1`), under TensorFlow TARGET_VERSION and under
    2.0.0 alike; None when it reads anything else or the two differ (a check between TF 2
    releases)."""
    names = {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}
    if alias not in names or not names <= {alias, *VERSION_CALLS}:
        return None
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and not (
                node.attr in VERSION_ATTRIBUTES and isinstance(node.value, ast.Name)
                or node.attr in VERSION_METHODS):
            return None
        if isinstance(node, (ast.Lambda, ast.NamedExpr, ast.comprehension, ast.Starred)):
            return None
    code = compile(ast.Expression(test), "<version check>", "eval")
    values = set()
    for version in (TARGET_VERSION, "2.0.0"):
        module = type("tf", (), {"__version__": version, "VERSION": version})
        try:
            values.add(bool(eval(code, {"__builtins__": dict(VERSION_CALLS), alias: module})))  # the names were checked above
        except Exception:  # noqa: BLE001 - a check that fails on a 2.x version string is no version check here
            return None
    return values.pop() if len(values) == 1 else None


def _resolve_version_check(text: str, stop: Fallback):
    """`if int(tf.__version__.split('.')[1]) < 12: init = tf.initialize_all_variables()
    else: init = tf.global_variables_initializer()` around the construct that stopped the
    conversion: the text with that `if` replaced by the branch TensorFlow 2 takes (dedented;
    the other branch was dead code under TF 2), and a function taking a Fallback of that
    text back to `text`; None when `stop` is in no such `if` (or an `elif` follows it)."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    checks = [(body, s, taken) for body, s in _statements(c.tree) if isinstance(s, ast.If)
              and s.lineno <= stop.line <= s.end_lineno and (taken := _version_test(s.test, c.alias)) is not None]
    if not checks or checks[-1][1].orelse and c.lines[checks[-1][1].orelse[0].lineno - 1].lstrip().startswith("elif"):
        return None
    body, check, taken = checks[-1]
    return _splice_branch(c, text, check, check.body if taken else check.orelse, len(body) == 1)


def _splice_branch(c: Converter, text: str, check: ast.stmt, branch: list[ast.stmt], alone: bool):
    """`text` with the compound statement `check` replaced by the statements of `branch`,
    dedented to its place (`pass` for no branch when it is `alone` in its body), and a
    function taking a Fallback of the new text back to the lines and columns of `text`."""
    indent = len(_indent(c.lines[check.lineno - 1]))
    kept: list[tuple[int, str, int]] = []  # (line in text, new line, columns removed)
    if branch:
        delta = len(_indent(c.lines[branch[0].lineno - 1])) - indent
        strings = set().union(*(_string_continuation_lines(s) for s in branch))
        for number in range(branch[0].lineno, branch[-1].end_lineno + 1):
            line = c.lines[number - 1]
            cut = delta if number not in strings and line[:delta].strip() == "" else 0
            kept.append((number, line[cut:], cut))
    elif alone:
        kept.append((check.lineno, " " * indent + "pass\n", 0))
    start, end = c.starts[check.lineno - 1], c.starts[check.end_lineno]
    resolved = text[:start] + "".join(line for _, line, _ in kept) + text[end:]
    removed = (check.end_lineno - check.lineno + 1) - len(kept)

    def back(later: Fallback) -> Fallback:
        line, col = later.line, later.col
        if check.lineno <= line < check.lineno + len(kept):
            line, cut, _ = (kept[line - check.lineno][0], kept[line - check.lineno][2], None)
            col += cut
        elif line >= check.lineno + len(kept):
            line += removed
        return Fallback(later.construct, line, col, later.reason)
    return resolved, back


def _hoist_loss(text: str, stop: Fallback):
    """`train = opt.minimize(-loss_d, ...)` (or `compute_gradients(EXPR)`), the loss an
    expression: the text with the expression bound to a fresh name on a line of its own
    just before the statement (`train_loss = -loss_d`, evaluated where TF 1.x built it) and
    the call given that name, and a function taking a Fallback of that text back to the
    lines and columns of `text`; None when the expression is not the first argument of such
    a call heading a statement of its own line."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    def heads(stmt) -> bool:  # the statement's value is minimize / compute_gradients of the expression
        call = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) else None
        return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.args \
            and call.func.attr in ("minimize", "compute_gradients") \
            and (call.args[0].lineno, c.col(call.args[0]) + 1) == (stop.line, stop.col)

    stmt = next((s for _, s in _statements(c.tree) if heads(s)), None)
    if stmt is None:
        return None
    loss = stmt.value.args[0]
    indent = _indent(c.lines[stmt.lineno - 1])
    if c.col(stmt) != len(indent):
        return None  # a statement after another on its line
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
    name = c.fresh(f"{target.id}_loss" if isinstance(target, ast.Name) else "loss")
    expression = c.source(loss)
    if "\n" in expression:
        expression = f"({expression})"
    binding = f"{indent}{name} = {expression}\n"
    start = c.starts[stmt.lineno - 1]
    hoisted = text[:start] + binding + text[start:c.offset(loss)] + name + text[c.end_offset(loss):]
    inserted, first, last, column = binding.count("\n"), loss.lineno, loss.end_lineno, c.col(loss) + 1
    opening = len(indent) + len(name) + 4 + (expression != c.source(loss))  # the binding's expression, 1-based

    def back(later: Fallback) -> Fallback:
        line, col, construct = later.line, later.col, later.construct
        if construct == name:
            construct = c.source(loss)
        if stmt.lineno <= line < stmt.lineno + inserted:  # the binding: the expression where it was
            line, col = (first, column + max(col - opening, 0)) if line == stmt.lineno else (first + line - stmt.lineno, col)
        elif line >= stmt.lineno + inserted:
            line -= inserted
            if line == first and col > column:  # on the call's line, after the name that replaced it
                col = column if col < column + len(name) or first != last else col - len(name) + len(expression)
            elif line > first:
                line += last - first
        return Fallback(construct, line, col, later.reason)
    return hoisted, back


UNROLLED_LOOP = "graph code in a Python loop"
UNROLL_LIMIT = 16  # the most passes a graph-building loop is written out for
SEED_IN_LOOP = "built in a loop or a conditional block"


def _unroll_loop(text: str, stop: Fallback):
    """`for pow_i in range(1, 5): W = tf.Variable(...); Y_pred = tf.add(..., Y_pred)` (pkmital's
    polynomial regression): a loop of the graph part making a variable, a random op or another
    graph object at each pass, which TF 1.x ran once while building the graph. Over a `range` of
    int literals (or names bound once to them) with at most UNROLL_LIMIT passes, it built the
    same graph as its body written out once per pass, the target read as that pass's number
    (so over a tuple or list of names or constants, `for param in (tfW, tfU):`, the element's):
    the text with the loop so written (the variables made in order, the engine naming a graph
    name bound again per binding, and counting each random op's seed where it is; the target
    bound to the last pass's value after them when the program reads it elsewhere), and a
    function taking a Fallback of that text back to `text` (to the loop's line); None for
    another loop (a body of other than assignments and expressions, the target bound in it,
    `else:`)."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    loops = [s for _, s in _statements(c.tree) if isinstance(s, ast.For) and s.lineno <= stop.line <= s.end_lineno]
    if stop.reason.startswith(UNROLLED_LOOP):  # the loop itself is named
        loop = next((s for s in loops if (s.lineno, c.col(s) + 1) == (stop.line, stop.col)), None)
    else:  # a random op in it, whose op seed TF 1.x counted (`_seed_random_ops`): the innermost loop
        loop = max(loops, key=lambda s: s.lineno, default=None) if SEED_IN_LOOP in stop.reason else None
    if loop is None or loop.orelse or not isinstance(loop.target, ast.Name) or c.col(loop) != len(_indent(c.lines[loop.lineno - 1])):
        return None
    passes = _literal_range(c, loop.iter)
    if passes is None and isinstance(loop.iter, (ast.Tuple, ast.List)) and all(
            isinstance(e, (ast.Name, ast.Constant)) for e in loop.iter.elts):
        passes = [c.source(e) for e in loop.iter.elts]  # `for param in (tfW, tfU):` (glove_tf's regularization)
        stored = {n.id for s in loop.body for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        if stored & {e.id for e in loop.iter.elts if isinstance(e, ast.Name)}:
            return None  # (the tuple holds the values before the loop; a pass would read the name bound again)
    if passes is None or not 0 < len(passes) <= UNROLL_LIMIT:
        return None
    name = loop.target.id
    if any(not isinstance(s, (ast.Assign, ast.AugAssign, ast.Expr)) for s in loop.body) or any(
            isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
            or isinstance(n, (ast.Lambda, ast.comprehension, ast.NamedExpr)) for s in loop.body for n in ast.walk(s)):
        return None
    inside = {id(n) for s in loop.body for n in ast.walk(s)}
    # the target read elsewhere (`for i in range(epochs)` reusing it binds it again; a read sees the
    # last pass's value, bound after the passes then)
    read_after = any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) not in inside
                     for n in ast.walk(c.tree))
    first, last = loop.body[0].lineno, loop.body[-1].end_lineno
    if c.col(loop.body[0]) != len(_indent(c.lines[first - 1])) or last == loop.lineno:
        return None  # a body on the `for` line
    start, end = c.starts[first - 1], c.starts[last]
    reads = sorted((c.offset(n) - start, c.end_offset(n) - start) for s in loop.body for n in ast.walk(s)
                   if isinstance(n, ast.Name) and n.id == name)
    body = text[start:end]
    outer, inner = _indent(c.lines[loop.lineno - 1]), _indent(c.lines[first - 1])
    written = []
    for value in passes:
        piece, previous = [], 0
        for begin, stop_at in reads:
            piece.append(body[previous:begin] + str(value))  # (a number, or an element's name)
            previous = stop_at
        piece.append(body[previous:])
        lines = "".join(piece).splitlines(keepends=True)
        written.append("".join(outer + line[len(inner):] if line.startswith(inner) else line for line in lines))
    if read_after:
        written.append(f"{outer}{name} = {passes[-1]}\n")
    unrolled, shifted = _replace_lines(text, c, [(loop.lineno, last, "".join(written))])
    end = loop.lineno + sum(piece.count("\n") for piece in written)

    def back(later: Fallback) -> Fallback:  # an obstacle in the written-out passes: the loop's own
        return stop if loop.lineno <= later.line < end else shifted(later)
    return unrolled, back


def _literal_range(c: Converter, call: ast.expr) -> list[int] | None:
    """The numbers of `range(a[, b[, step]])` whose arguments are int literals or module names
    bound once, at module level, to one; None for another iterable."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range"
            and 1 <= len(call.args) <= 3 and not call.keywords) or "range" in c.local_functions:
        return None
    stores = collections.Counter(n.id for n in ast.walk(c.tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load))
    literals = {s.targets[0].id: s.value.value for s in c.tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Constant) and type(s.value.value) is int}
    values = []
    for arg in call.args:
        if isinstance(arg, ast.Constant) and type(arg.value) is int:
            values.append(arg.value)
        elif isinstance(arg, ast.Name) and arg.id in literals and stores[arg.id] == 1:
            values.append(literals[arg.id])
        else:
            return None
    if len(values) == 3 and values[2] == 0:
        return None
    return list(range(*values))


def _rename_rebound_fetches(text: str, stop: Fallback,
                            segment: Segment | None = None) -> tuple[str, set[int]] | str | None:
    """`b = sess.run(hypothesis, ...)` in a Session block (`with Session() as sess:`, or the
    statements after `sess = Session()`) rebinding a graph name (`b`, a variable) to the
    NumPy value fetched, also by destructuring (`[[b]] = sess.run(b)`, `w, b = sess.run([w,
    b])`): from there on, `b` is that value (TF 1.x's graph still held the variable, which the
    steps read). (The text with that binding and every later `b` of the block and of the body
    after it renamed `b_value` (a fresh name), the lines changed), or None when the name is
    rebound otherwise (in a loop or branch, read by a function) or nothing such is found;
    a string saying why when the name is rebound but its reads cannot be renamed. A `for` of the
    block binding the name (`for i, x in enumerate(x_test):`) is renamed inside the loop, when
    nothing after the loop reads the name."""
    try:
        c = Converter(text, segment)
    except (Fallback, SyntaxError):
        return None
    name = stop.construct
    # (`sess = InteractiveSession()` with placeholders is a Session for the conversion: `convert`)
    c.interactive_sessions = any(isinstance(n, ast.Call) and c.call_name(n) == INTERACTIVE for n in ast.walk(c.tree)) \
        and any(isinstance(n, ast.Call) and c.call_name(n) in (PLACEHOLDER, PLACEHOLDER_DEFAULT) for n in ast.walk(c.tree))

    def reads_name(function) -> bool:
        return name not in _bound_inside(function) and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(function))

    reader = next((f for f in ast.walk(c.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                   and reads_name(f)), None)
    if reader is not None or any(isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names for n in ast.walk(c.tree)):
        # a function reading the global name when called (before or after the binding)
        what = f"the function `{reader.name}`" if isinstance(reader, (ast.FunctionDef, ast.AsyncFunctionDef)) else \
            "a lambda" if reader is not None else "a `global` statement"
        return (f"{what} reads the name `{name}`: called after the binding, TF 1.x's program read the value, the "
                "converted one would read the graph's")
    target = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id == name
                   and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    for _, sess, block, after in _session_regions(c):
        for index, inner in enumerate(block):
            if isinstance(inner, ast.For) and not inner.orelse and _nested_names(inner.target):
                # `for i, x in enumerate(x_test):` after the last run: the loop's name is a Python
                # value in TF 1.x too; renamed in the loop only (read after it, the name would be
                # the placeholder again had the loop not run)
                hits = [n for n in ast.walk(inner.target) if isinstance(n, ast.Name) and n.id == name]
                if not hits or any(isinstance(n, ast.Name) and n.id == name for part in block[index + 1:] + after
                                   for n in ast.walk(part)):
                    continue
                region = [inner.target, *inner.body]
            elif isinstance(inner, ast.Assign) and len(inner.targets) == 1 and _nested_names(inner.targets[0]):
                hits = [n for n in ast.walk(inner.targets[0]) if isinstance(n, ast.Name) and n.id == name]
                value = inner.value
                fetch = isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and (
                    value.func.attr == "run" and isinstance(value.func.value, ast.Name) and value.func.value.id == sess
                    or value.func.attr == "eval")
                if not hits or not fetch:
                    continue
                # the binding's own value reads the graph name still (evaluated before the binding)
                region = [inner.targets[0]] + block[index + 1:] + after
            else:
                continue
            if (stop.line, stop.col) != (hits[0].lineno, c.col(hits[0]) + 1):
                return None  # the name is used outside Session.run before this binding too
            fresh = c.fresh(f"{name}_value")
            edits = []
            for part in region:
                for node in ast.walk(part):
                    if isinstance(node, ast.ClassDef) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)):
                        return None
                    if isinstance(node, ast.Name) and node.id == name:
                        edits.append((c.offset(node), c.end_offset(node), node.lineno))
            out = text
            for start, end, _ in sorted(edits, reverse=True):
                out = out[:start] + fresh + out[end:]
            return out, {line for _, _, line in edits}
        renamed = _rename_block_binding(c, text, name, target, block + after)
        if renamed is not None:
            return renamed
    if target is not None:
        return ("bound in a loop, a branch or a nested block of the Session block, or to something other than a "
                "value fetched by `Session.run` / `.eval()`: renamed only where a statement of the block itself "
                "binds it to a fetch")
    return None


def _session_regions(c: Converter):
    """(the statement making it, its name, the Session's statements, the statements after them in
    that body) for each Session bound to a name: `with Session() as sess:` (its block) or
    `sess = Session()` (the statements after it)."""
    for body, stmt in _statements(c.tree):
        item = c._session_with(stmt)
        if item is not None and isinstance(item.optional_vars, ast.Name):
            yield stmt, item.optional_vars.id, stmt.body, body[body.index(stmt) + 1:]
        elif c._session_assign(stmt) is not None and isinstance(stmt.targets[0], ast.Name):
            yield stmt, stmt.targets[0].id, body[body.index(stmt) + 1:], []


def _defs_reached(start, through: tuple[str, ...] | None = None) -> list[Def]:
    """The Defs `start` holds and those they are computed from (their `dep_defs`), each once, followed
    through the Defs of a kind in `through` (every kind when None)."""
    found, todo, seen = [], list(start), set()
    while todo:
        d = todo.pop()
        if id(d) in seen:
            continue
        seen.add(id(d))
        found.append(d)
        if through is None or d.kind in through:
            todo.extend(getattr(d, "dep_defs", []))
    return found


def _stopped_statement(text: str, stop: Fallback):
    """(the Converter of `text`, its parents map (id(node) -> parent), the statement holding the name
    `stop` names at its position, None when no such name) for a fixer rewriting that statement; None
    when `text` does not convert to a Converter."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    read = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == stop.construct
                 and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    return c, parents, enclosing_statement(read, parents)


def _dict_entries_named(text: str, stop: Fallback):
    """`net = {}` at module level, then `pred, net['fc1'], net['fc2'] = model(x)` building the graph and
    `sess.run([..., net['fc1'], net['fc2']], ...)` (talk-debugging's 11-mnist-fetch): a dict used only to
    hold graph values under constant keys is names spelled another way. Each `net['key']` written `net_key`
    (a name the file does not use), the `net = {}` statement gone, when the statement stopped at stores or
    reads such an entry, `net` is bound once (`= {}`, in the module body), every other use of it is a
    subscript by a string literal naming an identifier, and each key is stored once, by a statement of the
    module body (or a `with` block of it) after the binding. (The text, a function taking a later Fallback
    back to `text`), or None."""
    from migrate.tf2_layers import fallback_mapper

    found = _stopped_statement(text, stop)
    if found is None or found[2] is None:
        return None
    c, parents, stmt = found
    module = list(_straight_line(c.tree.body))
    declared = {name for n in ast.walk(c.tree) if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}
    for held in sorted({n.value.id for n in ast.walk(stmt) if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)}):
        bindings = [s for s in module if isinstance(s, ast.Assign) and len(s.targets) == 1
                    and isinstance(s.targets[0], ast.Name) and s.targets[0].id == held]
        uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == held]
        if len(bindings) != 1 or not (isinstance(bindings[0].value, ast.Dict) and not bindings[0].value.keys) \
                or held in declared or any(isinstance(n, ast.arg) and n.arg == held for n in ast.walk(c.tree)):
            continue  # (a parameter of that name is another dict)
        binding = bindings[0]
        entries = [parents.get(id(n)) for n in uses if n is not binding.targets[0]]
        if not entries or not all(isinstance(e, ast.Subscript) and e.value is u and isinstance(e.slice, ast.Constant)
                                  and isinstance(e.slice.value, str) and e.slice.value.isidentifier()
                                  and not isinstance(e.ctx, ast.Del) for e, u in zip(entries, (
                                      n for n in uses if n is not binding.targets[0]))):
            continue
        stores = [e for e in entries if isinstance(e.ctx, ast.Store)]
        keys = [e.slice.value for e in stores]
        holders = [enclosing_statement(e, parents) for e in stores]
        if len(set(keys)) != len(keys) or {e.slice.value for e in entries} - set(keys) \
                or any(h not in module or not isinstance(h, ast.Assign) or h.lineno < binding.end_lineno for h in holders) \
                or any(isinstance(parents.get(id(e)), ast.AugAssign) for e in stores):
            continue
        names = {key: f"{held}_{key}" for key in keys}
        if any(name in c.used_names for name in names.values()):
            continue
        edits = [(c.offset(e), c.end_offset(e), names[e.slice.value]) for e in entries]
        edits.append((c.starts[binding.lineno - 1], c.starts[binding.end_lineno], ""))
        if c.lines[binding.lineno - 1].strip() != c.source(binding).strip():
            continue  # (another statement on its line)
        new = text
        for start, end, written in sorted(edits, reverse=True):
            new = new[:start] + written + new[end:]
        mapped = fallback_mapper(text, new)

        def back(later: Fallback, mapped=mapped, names=names, held=held) -> Fallback:
            stop = mapped(later)
            spelled = {name: f"{held}[{key!r}]" for key, name in names.items()}  # the entries as the file has them
            pattern = re.compile(r"\b(" + "|".join(map(re.escape, spelled)) + r")\b")
            construct = pattern.sub(lambda m: spelled[m.group(1)], stop.construct)
            line = text.splitlines()[stop.line - 1] if 0 < stop.line <= text.count("\n") + 1 else ""
            col = line.find(construct) + 1 if construct != stop.construct and construct in line else stop.col
            return Fallback(construct, stop.line, col, pattern.sub(lambda m: spelled[m.group(1)], stop.reason))
        return new, back
    return None


def _hoist_session_tensor(text: str, stop: Fallback):
    """`correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))` built again at each pass
    of the training loop of the Session's statements, then run (jorditorres' SingleLayerNeuralNetwork):
    a statement binding a name to TensorFlow ops (TF 2 names, no random op, no variable) of names
    bound only before the Session, in the module body: each pass built a new op of the same inputs,
    giving the value one op does. The statement moved above the Session, a graph statement; its name
    bound nowhere else, every use of it after it in its body. In a module-level function handed the
    Session or opening it (talk-debugging's `def train(session)` building its accuracy after the loop),
    the statement goes above the def, its names the module's, bound before the def and none of the
    function's own. (The text, a function taking a later Fallback back to `text`), or None."""
    found = _stopped_statement(text, stop)
    if found is None:
        return None
    c, parents, stmt = found
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)) \
            or stmt in c.tree.body:
        return None
    name = stmt.targets[0].id
    outer = parents.get(id(stmt))
    while outer is not None and not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
        outer = parents.get(id(outer))
    within_session = [start for start, _, block, _ in _session_regions(c)
                      if any(n is stmt for part in block for n in ast.walk(part))]
    if outer is None:
        start = next((start for start in within_session if start in c.tree.body), None)
    elif outer in c.tree.body and isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            and (within_session or c._session_parameter(outer) is not None and next(_session_regions(c), None)):
        # (talk-debugging's `def train(session)`, handed the Session by `main()`, or `def main()` opening it:
        # the statement goes above the def, its names the module's, none of the function's own)
        start = outer.decorator_list[0] if outer.decorator_list else outer
        own = {a.arg for a in ast.walk(outer.args) if isinstance(a, ast.arg)} | {
            n.id for n in ast.walk(outer) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n is not stmt.targets[0]}
        if any(isinstance(n, ast.Name) and n.id in own for n in ast.walk(stmt.value)):
            return None
    else:
        start = None
    if start is None:
        return None
    calls = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call)]
    if not calls or any(not (c.call_name(n) or "").startswith("tf.") or (c.call_name(n) or "").startswith("tf.compat.")
                        or _is_random_op(c.call_name(n)) or c.call_name(n) in VARIABLES for n in calls):
        return None
    stores: dict[str, list[ast.stmt]] = {}
    for top in c.tree.body:
        for n in ast.walk(top):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                stores.setdefault(n.id, []).append(top)
            elif isinstance(n, ast.alias):  # (`tf.float32`: the module's name)
                stores.setdefault((n.asname or n.name).split(".")[0], []).append(top)
    functions = {id(n.func) for n in calls} | {id(n) for f in calls for n in ast.walk(f.func)}
    if any(isinstance(n, ast.Name) and id(n) not in functions and not (n.id in stores and all(
            c.tree.body.index(t) < c.tree.body.index(outer or start) for t in stores[n.id])) for n in ast.walk(stmt.value)):
        return None
    body = next(b for b, s in _statements(c.tree) if s is stmt)
    later = body[body.index(stmt):]
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name]
    within = {id(n) for part in later for n in ast.walk(part) if isinstance(n, ast.Name) and n.id == name}
    if {id(n) for n in uses} != within or sum(isinstance(n.ctx, ast.Store) for n in uses) != 1 \
            or ";" in "".join(c.lines[stmt.lineno - 1:stmt.end_lineno]) or c.lines[stmt.lineno - 1].strip().startswith("#"):
        return None
    return _moved_lines(text, stmt.lineno, stmt.end_lineno, start.lineno)


def _moved_lines(text: str, first: int, last: int, where: int):
    """Lines `first`..`last` of `text` moved to stand before line `where` (above them or below),
    indented as that line: (the text, a function taking a later Fallback back to `text`), or None
    when a moved line is indented less than the first."""
    lines = text.split("\n")
    moved, count = lines[first - 1:last], last - first + 1
    shift = len(_indent(moved[0])) - len(_indent(lines[where - 1]))
    if any(line.strip() and len(_indent(line)) < shift for line in moved):
        return None
    moved = [line[shift:] if shift >= 0 else " " * -shift + line if line.strip() else line for line in moved]
    if where < first:
        new, at, between = lines[:where - 1] + moved + lines[where - 1:first - 1] + lines[last:], where, (where + count, last + 1, -count)
    else:
        new, at, between = lines[:first - 1] + lines[last:where - 1] + moved + lines[where - 1:], where - count, (first, where - count, count)

    def back(later: Fallback) -> Fallback:
        line, col = later.line, later.col
        if at <= line < at + count:
            line, col = first + line - at, col + shift
        elif between[0] <= line < between[1]:
            line += between[2]
        return Fallback(later.construct, line, col, later.reason)
    return "\n".join(new), back


def _function_moved_down(text: str, stop: Fallback):
    """`def loss_fn(alpha, labels)` reading the graph tensor `my_kernel` as a global, made after the def
    (astorfi's multiclass_svm): the def moved to stand before the first statement of the module
    naming the function, after the tensor, where the conversion takes such a function into the steps
    computing it. Nothing between reads the name, the def has no decorator and its defaults are
    constants (evaluated where the def stands): the same function at each call. (The text, a
    function taking a later Fallback back to `text`), or None."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    name = stop.construct
    defs = [s for s in c.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name]
    named = [s for s in c.tree.body if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(s))]
    binds = [n for n in ast.walk(c.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name
             or isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
    if len(defs) != 1 or len(binds) != 1 or not named or defs[0].decorator_list or not all(
            isinstance(d, ast.Constant) for d in defs[0].args.defaults + [k for k in defs[0].args.kw_defaults if k]):
        return None
    function, use = defs[0], named[0]
    if c.tree.body.index(use) < c.tree.body.index(function) or c.tree.body.index(use) == c.tree.body.index(function) + 1:
        return None
    first = min([function.lineno] + [d.lineno for d in function.decorator_list])
    return _moved_lines(text, first, function.end_lineno, use.lineno)


def _rename_block_binding(c: Converter, text: str, name: str, target: ast.Name | None,
                          region: list[ast.stmt]) -> tuple[str, set[int]] | None:
    """A graph name bound in the Session block by a statement of any body of it (a loop's, a
    branch's: lazyprogrammer's `x = Xtrain[j * batch_size:...]` first in a batch loop, awjuliani's
    `loss, pState, _ = sess.run(...)` in an `if` of the episode loop, udacity's `loss = 0` then
    `loss += train_loss`) to a value that neither reads it nor calls TensorFlow, every use of the name
    in the block and after it in that body after the binding: each time that body runs, it binds the
    name before reading it, so the reads are that value in TF 1.x too. (The text with those uses
    renamed to a fresh `x_value`, the lines changed); None for any other binding."""
    if target is None:
        return None
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    stmt = parents.get(id(target))
    while stmt is not None and not isinstance(stmt, ast.stmt):
        stmt = parents.get(id(stmt))
    body = next((b for b, s in _statements(c.tree) if s is stmt), None)
    if not isinstance(stmt, ast.Assign) or body is None or not any(n is stmt for part in region for n in ast.walk(part)):
        return None

    def uses(nodes) -> list[ast.Name]:
        return [n for part in nodes for n in ast.walk(part) if isinstance(n, ast.Name) and n.id == name]

    later = body[next(i for i, s in enumerate(body) if s is stmt):]
    if uses([stmt.value]) or {id(n) for n in uses(region)} != {id(n) for n in uses(later)} or any(
            isinstance(n, ast.Call) and (c.call_name(n) or "").startswith("tf.") for n in ast.walk(stmt.value)) or any(
            isinstance(n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Global, ast.Nonlocal))
            for part in later for n in ast.walk(part)):
        return None
    fresh, out = c.fresh(f"{name}_value"), text
    for node in sorted(uses(later), key=c.offset, reverse=True):
        out = out[:c.offset(node)] + fresh + out[c.end_offset(node):]
    return out, {n.lineno for n in uses(later)}


def _appended_cells(text: str, stop: Fallback):
    """`cells = []`, `for _ in range(num_layers):` making `cell = LSTMCell(num_units)` and
    `cells.append(cell)`, then `MultiRNNCell(cells)` (igormq's ctc example, TF 1.x RNN code): the
    three statements in a row, the list read only by the call: the loop written as a comprehension in
    the call, `MultiRNNCell([LSTMCell(num_units) for _ in range(num_layers)])`, the same cells made
    in the same order (a cell's constructor builds no op). (The text, a function taking a later
    Fallback back to `text`), or None."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    call = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    if call is None or not call.args or not isinstance(call.args[0], ast.Name):
        return None
    name = call.args[0].id
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    holder = enclosing_statement(call, parents)
    body = next((b for b, s in _statements(c.tree) if s is holder), None)
    at = body.index(holder) if body is not None else 0
    if at < 2:
        return None
    made, loop = body[at - 2], body[at - 1]
    if not (isinstance(made, ast.Assign) and len(made.targets) == 1 and isinstance(made.targets[0], ast.Name)
            and made.targets[0].id == name and isinstance(made.value, ast.List) and not made.value.elts
            and isinstance(loop, ast.For) and not loop.orelse and loop.lineno == loop.iter.lineno == loop.iter.end_lineno):
        return None
    last = loop.body[-1]
    appended = last.value.args[0] if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) \
        and isinstance(last.value.func, ast.Attribute) and last.value.func.attr == "append" \
        and isinstance(last.value.func.value, ast.Name) and last.value.func.value.id == name and len(last.value.args) == 1 else None
    if appended is None or len(loop.body) > 2:
        return None
    if len(loop.body) == 2:  # `cell = LSTMCell(n)` then `cells.append(cell)`
        first = loop.body[0]
        if not (isinstance(first, ast.Assign) and len(first.targets) == 1 and isinstance(first.targets[0], ast.Name)
                and isinstance(appended, ast.Name) and appended.id == first.targets[0].id
                and sum(isinstance(n, ast.Name) and n.id == appended.id for n in ast.walk(c.tree)) == 2):
            return None
        appended = first.value
    if sum(isinstance(n, ast.Name) and n.id == name for n in ast.walk(c.tree)) != 3 \
            or appended.lineno != appended.end_lineno or call.args[0].lineno != call.args[0].end_lineno:
        return None
    comprehension = f"[{c.source(appended)} for {c.source(loop.target)} in {c.source(loop.iter)}]"
    lines = text.split("\n")
    row, start, end = call.args[0].lineno - 1, c.col(call.args[0]), c.end_col(call.args[0])
    lines[row] = lines[row][:start] + comprehension + lines[row][end:]
    # the loop's comments kept, above the call's statement (`cell = LSTMCell(num_units)  # Or GRUCell`)
    kept = [_indent(lines[made.lineno - 1]) + comment
            for comment in _comments(textwrap.dedent("\n".join(lines[made.lineno - 1:loop.end_lineno])))]
    removed = loop.end_lineno - made.lineno + 1 - len(kept)
    lines[made.lineno - 1:loop.end_lineno] = kept

    def back(later: Fallback) -> Fallback:
        line = later.line + removed if later.line >= made.lineno + len(kept) else later.line
        return Fallback(later.construct, line, later.col if line != call.lineno else min(later.col, start + 1), later.reason)
    return "\n".join(lines), back


def _fetches_inlined(text: str, stop: Fallback):
    """`fetches = [train, loss]` then `sess.run(fetches, feed)` (a fresh-eyes trial; the PTB tutorial's
    `fetches = {"cost": cost, ...}`): a list, tuple or dict of graph names bound to a name read once,
    as the fetches of one run after it in the same body: the literal written in the run, the binding
    gone; Session.run gave the same structure of values. (The text, a function taking a later Fallback
    back to `text`), or None."""
    found = _stopped_statement(text, stop)
    if found is None:
        return None
    c, parents, stmt = found
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, (ast.List, ast.Tuple, ast.Dict))):
        return None
    values = stmt.value.values if isinstance(stmt.value, ast.Dict) else stmt.value.elts
    keys = stmt.value.keys if isinstance(stmt.value, ast.Dict) else []
    if not values or not all(isinstance(v, ast.Name) for v in values) \
            or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
        return None
    name = stmt.targets[0].id
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name]
    loads = [n for n in uses if isinstance(n.ctx, ast.Load)]
    body = next((b for b, s in _statements(c.tree) if s is stmt), None)
    run = parents.get(id(loads[0])) if len(loads) == 1 else None
    if len(uses) != 2 or not (isinstance(run, ast.Call) and run.args and run.args[0] is loads[0]
                              and isinstance(run.func, ast.Attribute) and run.func.attr == "run") \
            or not any(any(n is run for n in ast.walk(later)) for later in body[body.index(stmt) + 1:]) \
            or any(isinstance(n, ast.Name) and n.id in {v.id for v in values} and not isinstance(n.ctx, ast.Load)
                   and n.lineno < run.lineno for later in body[body.index(stmt):] for n in ast.walk(later)) \
            or stmt.lineno != stmt.end_lineno or ";" in c.lines[stmt.lineno - 1] or loads[0].lineno != loads[0].end_lineno:
        return None
    lines = text.split("\n")
    literal = c.source(stmt.value)
    at, start, end = loads[0].lineno - 1, c.col(loads[0]), c.end_col(loads[0])
    lines[at] = lines[at][:start] + literal + lines[at][end:]
    # its comment kept on a line of its own (`fetches = [train, loss]  # what each step returns`)
    kept = [_indent(lines[stmt.lineno - 1]) + comment for comment in _comments(lines[stmt.lineno - 1].strip())]
    lines[stmt.lineno - 1:stmt.lineno] = kept

    def back(later: Fallback) -> Fallback:
        line = later.line + (not kept and later.line >= stmt.lineno)
        col = later.col if line != loads[0].lineno or later.col <= start + 1 else max(start + 1, later.col - len(literal) + len(name))
        return Fallback(later.construct, line, col, later.reason)
    return "\n".join(lines), back


def _straight_line(body: list[ast.stmt]):
    """The statements of `body` and of the `with` blocks in it, in order: run once each, in the
    order written, when `body` is (`with tf.device("/cpu:0"):` around a graph)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _straight_line(stmt.body)


def _gradients_named(text: str, stop: Fallback):
    """`grads, _ = tf.clip_by_global_norm(tf.gradients(cost, tvars), max_norm)` then
    `opt.apply_gradients(zip(grads, tvars))` (TensorFlow's PTB tutorial, char-rnn): the inner
    `tf.gradients(...)` bound to a fresh name on the line before, `gradients = tf.gradients(cost,
    tvars)`, the form the step computes from its tape; the same ops in the same order. The
    statement is the one binding the zipped gradients, in the module body or a `with` block of it,
    holding one such call.
    (The text, a function taking a later Fallback back to `text`), or None."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    call = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == "apply_gradients" and (n.lineno, c.col(n) + 1) == (stop.line, stop.col)), None)
    pairs = call.args[0] if call is not None and len(call.args) == 1 else None
    if isinstance(pairs, ast.Call) and c.call_name(pairs) == "list" and len(pairs.args) == 1:
        pairs = pairs.args[0]
    if not (isinstance(pairs, ast.Call) and c.call_name(pairs) == "zip" and len(pairs.args) == 2
            and isinstance(pairs.args[0], ast.Name)):
        return None
    given = pairs.args[0].id
    bindings = [s for s in _straight_line(c.tree.body) if isinstance(s, ast.Assign) and any(
        isinstance(n, ast.Name) and n.id == given for t in s.targets for n in ast.walk(t))]
    if len(bindings) != 1 or bindings[0].lineno != bindings[0].end_lineno or ";" in c.lines[bindings[0].lineno - 1]:
        return None
    stmt = bindings[0]
    inner = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call) and n is not stmt.value
             and c.call_name(n) in ("tf.gradients", "tf.compat.v1.gradients")]
    if len(inner) != 1 or len(inner[0].args) != 2 or inner[0].keywords:  # (grad_ys= is not the tape's gradient)
        return None
    taken = {n.id for n in ast.walk(c.tree) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(c.tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    name = next(f"gradients{suffix}" for suffix in ["", *(f"_{k}" for k in range(1, 99))] if f"gradients{suffix}" not in taken)
    lines = text.split("\n")
    at = stmt.lineno - 1
    line, start, end = lines[at], c.col(inner[0]), c.end_col(inner[0])
    lines[at:at + 1] = [f"{_indent(line)}{name} = {line[start:end]}", f"{line[:start]}{name}{line[end:]}"]

    def back(later: Fallback) -> Fallback:
        if later.line == stmt.lineno:  # the new binding: the call where it was
            return Fallback(later.construct, stmt.lineno, start + 1, later.reason)
        if later.line == stmt.lineno + 1:
            col = later.col if later.col <= start else later.col + (end - start) - len(name)
            return Fallback(later.construct, stmt.lineno, col, later.reason)
        return Fallback(later.construct, later.line - (later.line > stmt.lineno), later.col, later.reason)
    return "\n".join(lines), back


def _rename_later_binding(text: str, stop: Fallback, segment: Segment | None = None):
    """A graph name bound again to another kind of graph value in the program's straight-line
    code (dsalaj's `b = tf.Variable(...)` ... `b = tf.nn.relu(b_inpt)`, freepsw's `x =
    tf.transpose(x)` in the Session block): (the text with that binding and every later
    occurrence of the name renamed to a fresh `name_2`, a function taking a Fallback of it back
    to `text`), or None. A renaming from a statement run once, in order (the module body and
    `with` blocks in it, no loop or branch), to the end of the file changes nothing the program
    computes: every later read saw that binding or a later one, renamed alike; the value the
    binding itself reads is still the first. None when the name may be read other than in that
    order: by a function, lambda or class body (called or run later; one binding the name itself
    is left as it is), a `global`, `del`, or the namespace read by name (`globals()`, `locals()`, `vars()`, `eval`, `exec`)."""
    try:
        c = Converter(text, segment)
    except (Fallback, SyntaxError):
        return None
    found = re.match(r"`(\w+)`", stop.reason)
    if found is None:
        return None
    name = found.group(1)
    binding = next((s for s in _straight_line(c.tree.body) if (s.lineno, c.col(s) + 1) == (stop.line, stop.col)
                    and isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign))), None)
    if binding is None or isinstance(binding, ast.AugAssign):
        return None
    scopes = [n for n in ast.walk(c.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))]
    for node in ast.walk(c.tree):
        if node in scopes and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)) and (
                isinstance(node, ast.ClassDef) or name not in _bound_inside(node)) \
                or isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names \
                or isinstance(node, ast.Delete) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)) \
                or isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("globals", "locals", "vars", "eval", "exec"):
            return None
    targets = binding.targets if isinstance(binding, ast.Assign) else [binding.target]
    start = min((n.lineno, n.col_offset) for t in targets for n in ast.walk(t) if isinstance(n, ast.Name) and n.id == name)
    # the value the binding reads, and the functions binding the name as their own
    value = {id(n) for n in ast.walk(binding.value)} if binding.value is not None else set()
    value |= {id(n) for f in scopes for n in ast.walk(f)}
    fresh = c.fresh(f"{name}_2")
    edits = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name and id(n) not in value
             and (n.lineno, n.col_offset) >= start]
    out = text
    for node in sorted(edits, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        out = out[:c.offset(node)] + fresh + out[c.end_offset(node):]
    lines = text.splitlines()

    def back(later: Fallback) -> Fallback:
        construct = re.sub(rf"\b{fresh}\b", name, later.construct)
        here = lines[later.line - 1] if 0 < later.line <= len(lines) else ""
        at = here.find(construct.removesuffix("..."))
        return Fallback(construct, later.line, at + 1 if at >= 0 else later.col, re.sub(rf"`{fresh}`", f"`{name}`", later.reason))
    return out, back


def _nested_names(target) -> bool:
    """A plain assignment target: a name, or lists / tuples of them (`[[a1], [a2]]`)."""
    if isinstance(target, ast.Name):
        return True
    return isinstance(target, (ast.Tuple, ast.List)) and all(_nested_names(e) for e in target.elts)


def _convert(given: str, segment: Segment | None = None) -> str:
    from migrate.tf2_rewrites import exact_spellings, position_back

    text, moved, unknown = exact_spellings(given)  # compat.v1 calls with an exact TF 2 spelling (div by its dtype)
    try:
        out = _convert_exact(text, segment)
        if unknown:  # the rest converts: the first div whose division cannot be known keeps the file compat
            raise unknown[0]
        return out
    except Fallback as stop:
        if any(stop is u for u in unknown):
            raise
        if not any(edit[0] == stop.line for edit in moved):
            raise
        col, construct = position_back(stop.line, stop.col, stop.construct, moved)
        raise Fallback(construct, stop.line, col, stop.reason) from None


def _convert_exact(text: str, segment: Segment | None = None) -> str:
    Converter(text).no_estimator_helper()
    unwrapped, back = Converter(text).unwrap_graph()
    if back is None:
        return Converter(text, segment).convert()
    try:
        return Converter(unwrapped, segment).convert()
    except Fallback as stop:
        line, delta, columns = back[stop.line - 1] if 0 < stop.line <= len(back) else (stop.line, 0, None)
        col, construct = stop.col + delta, stop.construct
        if columns is not None:  # a line the graph pass cut (`with tf.Graph().as_default(), Session...`)
            col = columns[min(col - 1, len(columns) - 1)] + 1
            given = text.splitlines()[line - 1][col - 1:].rstrip()
            if not given.startswith(construct.removesuffix("...")):  # quoted as the file has it
                construct = given if len(given) <= 60 else given[:57] + "..."
        raise Fallback(construct, line, col, stop.reason) from None


# -- several graphs, one after another ----------------------------------------------------
def _convert_graphs(text: str) -> str | None:
    """A module that builds a graph, runs it in its Session, calls `reset_default_graph()`
    and builds the next (the tutorials' shape), converted graph by graph; None when the
    module builds one graph (no module-level reset between two parts using TensorFlow).

    Each part of the module from one module-level reset to the next is converted as its
    own program (`_convert_one` of a text holding that part, the imports before it and the
    functions and classes it calls from before it; each part marked by a comment line so
    that its rewrite can be cut out of the converted text), so what TF 1.x kept per graph
    stays per part: its random ops' seeds are counted from its own `set_random_seed`, its
    Checkpoint holds its own variables, its Session config is its own. What the parts share
    (`Segment`): the helpers the engine defines, once, above the first use; the names it
    generates are chosen again per part (`train_step`, `optimizer` rebound by the next
    graph as the program rebinds its own names, so a Checkpoint's keys match across
    graphs). The reset becomes `tf.random.set_seed(None)` where random ops follow a part
    that set a seed or drew: the new graph had no seed and new random ops (eager ops with
    one op seed share one generator until set_seed clears them). Any Fallback of a part keeps the whole file compat (its line and column in
    `text`); so do an object of one graph used in a later one (an error in TF 1.x, or a
    run by the earlier Session), a shared function rewritten for one part, a part building
    graph ops that no Session of its own runs, an InteractiveSession.
    Module-level `with tf.Graph().as_default():` blocks (when every graph of a file without
    resets is one) split it the same way, a part each (`_graph_blocks`)."""
    c = Converter(text)
    body = c.tree.body
    resets = [i for i, stmt in enumerate(body) if isinstance(stmt, ast.Expr) and c.call_name(stmt.value) == RESET
              and not stmt.value.args and not stmt.value.keywords]
    reset_statements = [body[i] for i in resets]
    blocks = _graph_blocks(c, body)  # module-level `with tf.Graph().as_default():` blocks: a graph each
    graph_blocks = [body[i] for i in blocks]
    # a loop building a new graph at each pass (`reset_default_graph()` first) is a part of its own, its
    # body the part's scope (`Converter._graph_per_pass`); what follows it would build into its last graph
    passes = [i for i, stmt in enumerate(body) if c._graph_per_pass(stmt)]
    starts = sorted({0, *resets, *blocks, *passes, *(i + 1 for i in passes if i + 1 < len(body))})
    chunks = [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)])]

    # reads of TensorFlow's version build no graph (`print("Tensorflow version: " + tf.__version__)`
    # before the first reset, a fresh-eyes trial's program)
    versions = {id(n.value) for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                and n.value.id == c.alias and n.attr in ("__version__", "VERSION", "__file__")}
    versions |= {id(n.value.value) for n in ast.walk(c.tree) if isinstance(n, ast.Attribute) and n.attr == "VERSION"
                 and isinstance(n.value, ast.Attribute) and n.value.attr == "version"
                 and isinstance(n.value.value, ast.Name) and n.value.value.id == c.alias}

    # a TensorFlow name bound without a call builds no op either (`ACTIVATION = tf.nn.tanh` before the
    # reset: a fresh-eyes trial's notebook); its calls, where the function is called, are graph code
    referenced = {id(n) for stmt in body if isinstance(stmt, ast.Assign) and not any(
        isinstance(x, ast.Call) for x in ast.walk(stmt.value)) for n in ast.walk(stmt.value)}

    def uses_tf(stmt: ast.stmt) -> bool:
        switch = isinstance(stmt, ast.Expr) and c.call_name(stmt.value) in DROPPED_CALLS + SEEDS
        defines = isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        return not switch and not defines and any(
            isinstance(n, ast.Name) and n.id == c.alias and id(n) not in versions and id(n) not in referenced
            # `X, Y = create_placeholders(64, 64, 3, 6)`: the file's function makes placeholders there
            or _placeholder_function(c, n) is not None for n in ast.walk(stmt))

    def seeds(stmts) -> bool:
        return any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for stmt in stmts for n in ast.walk(stmt))

    # a part building no graph (definitions, data) joins the graph after it (the last one, the
    # graph before it), unless it sets a seed, which the reset after it drops
    merged: list[list[ast.stmt]] = []
    for chunk in chunks:
        if merged and not any(uses_tf(stmt) for stmt in merged[-1]) and not seeds(merged[-1]):
            merged[-1] = merged[-1] + chunk
        else:
            merged.append(chunk)
    if len(merged) > 1 and not any(uses_tf(stmt) for stmt in merged[-1]):
        last = merged.pop()  # (popped first: `merged[-2] = ... + merged.pop()` indexed the shortened list)
        merged[-1] = merged[-1] + last
    chunks = merged
    for chunk in chunks:  # after a loop building a graph per pass, graph code went into its last pass's graph
        if any(body.index(chunk[0]) == i + 1 for i in passes):
            stmt = next((stmt for stmt in chunk if uses_tf(stmt)), None)
            if stmt is not None and stmt not in reset_statements and stmt not in graph_blocks \
                    and body.index(stmt) not in passes:
                node = next(n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id == c.alias
                            and id(n) not in versions or _placeholder_function(c, n) is not None)
                raise c.fail(node, "graph code after a loop building a new graph at each pass (`reset_default_graph()` "
                             "first in its body) went into its last pass's graph: converted when a new graph "
                             "(`reset_default_graph()`) starts after the loop")
    graphs = [k for k, chunk in enumerate(chunks) if any(uses_tf(stmt) for stmt in chunk)]
    if len(graphs) == 1 and (resets or any(body[i] in chunks[graphs[0]] for i in passes)):
        # `tf.set_random_seed(1)`, then `reset_default_graph()`: the new graph has no seed (TF 1.x drew
        # its random ops unseeded), where the one program converted would keep the seed and count op seeds
        dropped = next((stmt.value for chunk in chunks[:graphs[0]] for stmt in chunk
                        if isinstance(stmt, ast.Expr) and c.call_name(stmt.value) in SEEDS), None)
        if dropped is not None and not seeds(chunks[graphs[0]]):  # (seeded again after the reset: that seed holds)
            raise c.fail(dropped, "a graph seed set before `reset_default_graph()`, whose new graph has no seed "
                         "(TF 1.x drew its random ops unseeded): set the seed after the reset to keep it, "
                         "or delete it")
    if len(graphs) < 2:
        return None
    for node in ast.walk(c.tree):
        if isinstance(node, ast.Call) and c.call_name(node) == INTERACTIVE:
            raise c.fail(node, "an InteractiveSession in a program building several graphs (`reset_default_graph`)" if resets
                         else "an InteractiveSession in a program building several graphs (made at module level)")
    for k in graphs:
        if not any(isinstance(n, ast.Call) and c.call_name(n) == SESSION for stmt in chunks[k] for n in ast.walk(stmt)):
            stmt = next(stmt for stmt in chunks[k] if uses_tf(stmt))
            node = next(n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id == c.alias and id(n) not in versions
                        or _placeholder_function(c, n) is not None)
            where = "before the first `reset_default_graph()`" if k == 0 and resets and chunks[0][0] is body[0] \
                and body.index(chunks[1][0]) <= resets[0] else "between two `reset_default_graph()`" if resets \
                else "before the first graph made at module level" if not any(b in chunks[k] for b in graph_blocks) \
                else "of a graph made at module level (before the next one)"
            what = "graph code" if isinstance(node, ast.Name) else f"graph code (placeholders the file's function `{node.func.id}` makes)"
            raise c.fail(node, f"{what} {where} with no Session made there at module "
                         "level: converted when each graph is built and run by its own Session in its part of the module")
    _check_graph_blocks(c, chunks, graph_blocks)
    lines = text.splitlines(keepends=True)
    added = bool(lines) and not lines[-1].endswith("\n")
    if added:
        lines[-1] += "\n"

    def first(stmt: ast.stmt) -> int:
        return min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])

    def loads(stmts) -> set[str]:
        return {n.id for stmt in stmts for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}

    for before, stmt in zip(body, body[1:]):
        if first(stmt) <= before.end_lineno and (stmt in (chunk[0] for chunk in chunks) or any(
                isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for s in (before, stmt))):
            raise c.fail(stmt, "a statement sharing its line with another in a program building several graphs")
    # pieces: (first line, last line, owner part, shared statement or None), in file order
    pieces: list[tuple[int, int, int, ast.stmt | None]] = []
    for k, chunk in enumerate(chunks):
        lo = 1 if k == 0 else chunks[k - 1][-1].end_lineno + 1
        hi = len(lines) if k == len(chunks) - 1 else chunk[-1].end_lineno
        later = loads(s for part in chunks[k + 1:] for s in part)
        for stmt in chunk:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)) or isinstance(
                    stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.name in later:
                if first(stmt) > lo:
                    pieces.append((lo, first(stmt) - 1, k, None))
                pieces.append((first(stmt), stmt.end_lineno, k, stmt))
                lo = stmt.end_lineno + 1
        if lo <= hi:
            pieces.append((lo, hi, k, None))
    token = "migrate-graph-part"
    while token in text:
        token += "-"
    segment = Segment(names=set(Converter(text).used_names))
    stale: dict[str, str] = {}  # a graph name of an earlier part -> the statement binding it there
    seeded = drawn = False
    outputs: dict[int, dict[int, str]] = {}
    for k, chunk in enumerate(chunks):
        # the part's own objects: a name bound in an earlier graph and read before it is bound again
        bound: set[str] = set()
        # a graph block's statements one by one (its body binds the names its later statements read)
        # (so are the `with g.as_default():` and `with tf.Session(graph=g)` blocks after `g = tf.Graph()`)
        named = next((_graph_made(c, b) for b in graph_blocks if b in chunk), None)
        opened = [stmt for stmt in chunk if stmt in graph_blocks and isinstance(stmt, ast.With)
                  or named is not None and _graph_scope(c, stmt, named)]
        looped = [body[i] for i in passes if body[i] in chunk]  # (its body's statements in order, as a pass runs them)
        flat = [inner for stmt in chunk for inner in ([stmt] + stmt.body if stmt in opened or stmt in looped else [stmt])]
        for stmt in flat:
            if stmt in looped:
                stmt = stmt.iter  # (read before the passes; the target bound by each)
            elif stmt in graph_blocks or stmt in opened:
                bound |= _bound_at_top(stmt)
                continue
            if isinstance(stmt, (ast.With, ast.For)):  # `with Session() as sess:` binds before its body runs
                bound |= _bound_at_top(stmt)
            read = [n for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                    and n.id in stale and n.id not in bound]
            for node in sorted(read, key=lambda n: (n.lineno, n.col_offset))[:1]:
                raise c.fail(node, f"`{node.id}` holds an object of the graph built before a `reset_default_graph()` "
                                 f"(`{stale[node.id]}`): TF 1.x raised an error using it in the new graph (or ran it "
                                 "with that graph's Session); converted when each graph's objects stay in its part", node.id)
            if isinstance(stmt, ast.expr):
                bound |= {n.id for loop in looped if loop.iter is stmt for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
                continue
            bound |= _bound_at_top(stmt)
        # what this part sees: its own lines, and the imports and the functions it calls from before it
        needed, shown = loads(chunk), set()
        grown = True
        while grown:
            grown = False
            for index, (lo, hi, owner, stmt) in enumerate(pieces):
                if owner < k and stmt is not None and index not in shown and (
                        isinstance(stmt, (ast.Import, ast.ImportFrom)) or stmt.name in needed and not any(
                            later is not None and owner < o < k and getattr(later, "name", None) == stmt.name
                            for _, _, o, later in pieces)):
                    shown.add(index)
                    needed |= loads([stmt])
                    grown = True
        part, origin = [], []
        for index, (lo, hi, owner, stmt) in enumerate(pieces):
            if owner == k or index in shown:
                part.append(f"#{token} {index}\n")
                origin.append(None)
                part += lines[lo - 1:hi]
                origin += range(lo, hi + 1)
        mine = _draws_random(c, chunk)
        own_seed = len(chunk) > 1 and isinstance(chunk[1], ast.Expr) and c.call_name(chunk[1].value) in SEEDS
        # (the reset is the pass's, in the loop's body; plain statements before the loop may have joined it)
        starts_pass = next((stmt for stmt in chunk if uses_tf(stmt)), None) in looped
        if starts_pass:
            inner = next(stmt for stmt in chunk if uses_tf(stmt)).body
            at = next(j for j, s in enumerate(inner) if isinstance(s, ast.Expr) and c.call_name(s.value) == RESET)
            own_seed = at + 1 < len(inner) and isinstance(inner[at + 1], ast.Expr) and c.call_name(inner[at + 1].value) in SEEDS
        _unseeded_block(c, chunk, [body[i] for i in blocks], mine and seeded)
        segment.reset_text = (
            "# reset_default_graph(): the new graph had no seed, and random ops of their own\n"
            f"{c.tf('tf.random.set_seed')}(None)"
        ) if (chunk[0] in reset_statements or starts_pass) and mine and (seeded or drawn) and not own_seed else None
        try:
            out = _convert_one("".join(part), segment)
        except Fallback as stop:
            given = [o for o in origin[max(stop.line, 1) - 1:] if o is not None] if stop.line <= len(origin) else []
            raise Fallback(stop.construct, given[0] if given else 1, stop.col if given else 1, stop.reason) from None
        if segment.configured and any(g < k for g in graphs):
            call = next(n for stmt in chunk for n in ast.walk(stmt) if isinstance(n, ast.Call) and c.call_name(n) == SESSION)
            raise c.fail(call, "a Session with a config in a later graph: TF 2 sets thread pools and devices once, before "
                         "the program's first op")
        cut = re.split(rf"^#{re.escape(token)} (\d+)\n", out, flags=re.M)
        kept = [index for index, (_, _, owner, _) in enumerate(pieces) if owner == k or index in shown]
        if cut[0] or [int(i) for i in cut[1::2]] != kept:
            raise Fallback("<internal>", 1, 1, "the rewrite of one graph of the program crossed into another's lines")
        outputs[k] = dict(zip(kept, cut[2::2]))
        for index in kept:
            lo, hi, owner, stmt = pieces[index]
            if stmt is not None and outputs[k][index] != "".join(lines[lo - 1:hi]):
                raise c.fail(stmt, f"`{getattr(stmt, 'name', 'import')}`, used by graphs built after a "
                             "`reset_default_graph()`, is rewritten for one of them (TF 1.x built its ops into each graph "
                             "calling it)", getattr(stmt, "name", None))
        for name in bound:  # bound again here: no longer the earlier graph's (this graph's are added below)
            stale.pop(name, None)
        if k + 1 < len(chunks):  # each name with the statement binding it (a notebook's finding is in its cell)
            for name in segment.graph_names:
                binding = [stmt for stmt in chunk if name in _bound_at_top(stmt)]
                quoted = c.source(binding[-1]).splitlines()[0] if binding else name
                stale[name] = quoted if len(quoted) <= 60 else quoted[:57] + "..."
        seeded = seeded or seeds(chunk)
        drawn = drawn or mine
    out = "".join(outputs[owner][index] for index, (_, _, owner, _) in enumerate(pieces))
    return out[:-1] if added and out.endswith("\n") else out


def _graph_blocks(c: Converter, body: list) -> list[int]:
    """Indices of the module-level statements each beginning a graph of its own: a `with
    tf.Graph().as_default():` statement (the Session beside it or inside), or `g = tf.Graph()`
    (rasbt's chapters: built in `with g.as_default():` blocks after it and run by `with
    tf.Session(graph=g) as sess:`); each builds and runs a graph of its own, as the parts
    between `reset_default_graph()` calls do (`_convert_graphs`, which converts each as its
    own program; its one graph is unwrapped there, `Converter.unwrap_graph`). Empty unless
    every graph of the file is one of these."""
    found = []
    graphs = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) == GRAPH]
    if any(isinstance(n, ast.Call) and c.call_name(n) == RESET and not _leading_reset(c, n) for n in ast.walk(c.tree)):
        return found  # graphs both made and reset: the resets' parts alone (a block's part would hold a reset)
    for i, stmt in enumerate(body):
        if isinstance(stmt, ast.With) and stmt.items:
            context = stmt.items[0].context_expr
            if isinstance(context, ast.Call) and isinstance(context.func, ast.Attribute) \
                    and context.func.attr == "as_default" and not context.args and not context.keywords \
                    and c.call_name(context.func.value) == GRAPH:
                found.append(i)
        elif _graph_made(c, stmt) is not None:
            found.append(i)
    if len(found) != len(graphs) or len(found) < 2:
        return []  # every graph of the file one of these blocks (one alone: the whole file its program, unwrapped)
    for k, start in enumerate(found):  # a graph `g` read after the next graph is made: no part of its own
        name, later = _graph_made(c, body[start]), body[found[k + 1]:] if k + 1 < len(found) else []
        again = next((j for j, stmt in enumerate(later) if _graph_made(c, stmt) == name), len(later))
        if name is not None and any(isinstance(n, ast.Name) and n.id == name for stmt in later[:again] for n in ast.walk(stmt)):
            return []
    return found


def _leading_reset(c: Converter, call: ast.Call) -> bool:
    """Is `call` (`reset_default_graph()`) a module-level statement run before any TensorFlow call
    but the compat pass's switches (nfmcclure's `ops.reset_default_graph()` under the imports)? It
    emptied the default graph before anything was built: a no-op, as the engine drops it."""
    body = c.tree.body
    at = next((k for k, stmt in enumerate(body) if isinstance(stmt, ast.Expr) and stmt.value is call), None)
    return at is not None and not any(
        isinstance(n, ast.Call) and (c.call_name(n) or "").startswith("tf.") and c.call_name(n) not in DROPPED_CALLS
        for stmt in body[:at] if not isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                                                       ast.AsyncFunctionDef, ast.ClassDef))
        for n in ast.walk(stmt))


def _graph_made(c: Converter, stmt: ast.stmt) -> str | None:
    """The name of `name = tf.Graph()` (a module statement); None for another statement."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
            and isinstance(stmt.value, ast.Call) and c.call_name(stmt.value) == GRAPH:
        return stmt.targets[0].id
    return None


def _graph_scope(c: Converter, stmt: ast.stmt, name: str) -> bool:
    """Is `stmt` a `with name.as_default():` or `with tf.Session(graph=name) ...:` block? (TF 1.x
    built the ops of either into the graph `name`: a Session's block makes its graph default.)"""
    return isinstance(stmt, ast.With) and any(
        isinstance(i.context_expr, ast.Call) and (
            c.qual(i.context_expr.func) == f"{name}.as_default" or c.call_name(i.context_expr) == SESSION and any(
                k.arg == "graph" and isinstance(k.value, ast.Name) and k.value.id == name for k in i.context_expr.keywords))
        for i in stmt.items)


def _check_graph_blocks(c: Converter, chunks: list, blocks: list) -> None:
    """A graph block's part ends where the next graph begins; the statements after the block
    in its part run the block's graph (`sess.run` of its tensors) and build no op: one that
    did went into the default graph again, not the block's (Fallback naming it). After `g =
    tf.Graph()` the same holds outside `with g.as_default():` and `with tf.Session(graph=g)`
    blocks (a Session made by `sess = tf.Session(graph=g)` and a FileWriter build no op)."""
    for chunk in chunks:
        for block in (b for b in blocks if b in chunk):
            name = _graph_made(c, block)
            after = chunk[chunk.index(block) + 1:]
            if name is not None:
                after = [s for s in after if not _graph_scope(c, s, name)]
            # (reading a dtype, `tf.int32`, builds nothing: a call of TensorFlow does)
            stmt = next((s for s in after if any(
                isinstance(n, ast.Call) and (c.call_name(n) or "").startswith("tf.")
                and (name is None or c.call_name(n) not in (SESSION, FILE_WRITER)) for n in ast.walk(s))), None)
            if stmt is not None:
                node = next(n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id == c.alias)
                if name is not None:
                    raise c.fail(node, f"graph code outside `with {name}.as_default():` (and a `with` Session of `{name}`) "
                                 f"after `{name} = tf.Graph()` builds into the default graph, not `{name}`: converted when "
                                 "each graph's code is in its blocks")
                raise c.fail(node, "graph code after a `with tf.Graph().as_default():` block builds into the default "
                             "graph again, not the block's: converted when each graph's code is in its block (or "
                             "between `reset_default_graph()` calls)")


def _shadowing_locals(stmt: ast.stmt, names: set[str]) -> set[int]:
    """The ids of the Name nodes of `stmt` that are a function's local variables with the name
    of one of `names` (the program's graph names): a function of the Session block binding `b`
    (`w, b = sess.run([W, allb])`, a fresh-eyes trial's program) reads and sets its own `b`
    there, never the graph variable `b` (Python's scoping: a name bound in a function is local
    to it unless declared `global` / `nonlocal`)."""
    out: set[int] = set()
    for function in ast.walk(stmt):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        body = function.body if isinstance(function.body, list) else [function.body]
        declared = {n for s in body for node in ast.walk(s) if isinstance(node, (ast.Global, ast.Nonlocal)) for n in node.names}
        arguments = function.args
        bound = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
        bound |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
        bound |= {n.id for s in body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
        local = (bound - declared) & names
        if local:
            out |= {id(n) for s in body for n in ast.walk(s) if isinstance(n, ast.Name) and n.id in local}
    return out


def _unseeded_block(c: Converter, chunk: list, blocks: list, drawn_after_seed: bool) -> None:
    """A graph block drawing random numbers after a graph seed was set elsewhere: its graph had
    no seed (TF 1.x: a new graph's own), eager TF 2 keeps the global seed set before (Fallback
    unless the block sets its own seed first)."""
    block = next((b for b in blocks if b in chunk), None)
    if block is None or not drawn_after_seed:
        return
    name = _graph_made(c, block)
    if name is not None:  # `g = tf.Graph()`: its first block (`with g.as_default():`) sets the seed
        block = next((s for s in chunk if _graph_scope(c, s, name)), block)
    if isinstance(block, ast.With) and block.body and isinstance(block.body[0], ast.Expr) and c.call_name(block.body[0].value) in SEEDS:
        return
    what = "a `with tf.Graph().as_default():` block" if name is None else f"the graph `{name}`"
    raise c.fail(block, f"{what} drawing random numbers after a seed set for another graph: its new graph had no "
                 "seed, eager TF 2 keeps the global one; converted when the block sets its own")


def _draws_random(c: Converter, nodes, seen: frozenset = frozenset()) -> bool:
    """Do `nodes` build a random op or draw an initial value (through the module's functions)?"""
    for node in (n for top in nodes for n in ast.walk(top)):
        if not isinstance(node, ast.Call):
            continue
        called = c.call_name(node) or ""
        if _is_random_op(called) or called in (*RANDOM_INITIALIZERS, *FAN_INITIALIZERS, *KERAS_INITIALIZERS,
                                               *SAMPLING_LOSSES, GET_VARIABLE) \
                or re.search(r"layers|keras|rnn", called) or isinstance(node.func, ast.Attribute) and node.func.attr == "shuffle":
            return True
        if called in c.local_functions and called not in seen and _draws_random(c, [c.local_functions[called]], seen | {called}):
            return True
        model = c._layer_model(called) if isinstance(node.func, ast.Name) and called not in seen else None
        if model is not None and _draws_random(c, [model], seen | {called}):
            return True  # a model object's __call__ (tf2_layers)
    return False


def _bound_at_top(stmt: ast.stmt) -> set[str]:
    """The names a module statement surely binds when it runs (not those of its blocks)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.For)) \
        else [i.optional_vars for i in stmt.items if i.optional_vars is not None] if isinstance(stmt, ast.With) else []
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


# -- several functions, each its own program ------------------------------------------------
# TensorFlow calls a module-level statement may make in a file whose functions are its programs:
# none builds anything into the default graph the functions would then share (a Saver, a dataset,
# a Keras layer would be shared: not among them)
NO_GRAPH_PREFIXES = ("tf.compat.v1.flags.", "tf.compat.v1.app.", "tf.compat.v1.logging.", "tf.get_logger", "tf.autograph.",
                     "tf.io.gfile.", "tf.config.", "tf.test.", "tf.sysconfig.", "tf.version.", "tf.TensorShape",
                     "tf.as_dtype", "tf.dtypes.", "tf.compat.v1.ConfigProto", "tf.compat.v1.GPUOptions",
                     *CHECKPOINT_STATE_READS)
# reads of the default graph's collections and names: in a graph two functions built into, each
# sees the other's variables, summaries, names (not converted then)
COLLECTION_READS = ("tf.compat.v1.trainable_variables", "tf.compat.v1.global_variables", "tf.compat.v1.all_variables",
                    "tf.compat.v1.get_collection", "tf.compat.v1.summary.merge_all", "tf.compat.v1.local_variables",
                    "tf.compat.v1.get_default_graph", "tf.compat.v1.model_variables", GET_VARIABLE)


def _convert_functions(text: str) -> str | None:
    """A module whose Sessions are in several module-level functions (`train` / `evaluate`),
    each function building its own graph and running it: each function converted as its
    own program, its body the one body `Converter.convert` converts; None when the file is
    not of that shape (Sessions at module level, in a class, in one function), for the
    caller's own path (whose Fallback names the Sessions' places).

    Each function is converted (`convert`, every pass) in a text holding the module without
    the other Session functions, each module statement marked by a comment line so that its
    rewrite is cut out (as `_convert_graphs` does for parts between resets); the statements
    outside the Session functions must come out the same from every conversion, but for
    whole definitions one conversion writes into the module (`_with_definitions`). Converted
    only when it is the same computation, otherwise a Fallback (line and column in `text`):

    - the functions share no graph object: no op built at module level or in a function
      driving them (today's reason, `Converter._several_bodies_reason`), no `global`, no
      graph value returned, no Session function called by another (its ops would go into
      the caller's graph);
    - seeds and names: a graph seed gives each random op its seed from the graph's count of
      random ops, and a second function building into the same default graph gets another
      count and `_1`-suffixed names. Converted when every function starts a fresh graph
      (its first graph statement `with tf.Graph().as_default():` or `reset_default_graph()`),
      or one alone builds into the default graph beside graph blocks (which leave it as it
      was), or a process runs one of them (`_exclusive_calls`), or else when the file sets
      no seed, restores no checkpoint (names) and reads no collection nor get_variable (the
      other function's variables are in them);
      a fresh graph has no seed: with a module-level seed, a function drawing random numbers
      must set its own; with a seed set by another function it gets `tf.random.set_seed(None)`
      first (eager TF 2 keeps the global seed across functions, as `_convert_graphs` does);
    - checkpoints: a Checkpoint one function writes and another reads (TF 1.x's Saver matched
      variables by graph name, tf.train.Checkpoint by Python name, `_checkpoint_keys`) keys the
      same variables by the same names: the reader's keys among the writer's, in the same
      order, each bound by the same statement under the same `with` headers."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError, ValueError):  # no TensorFlow import, a text that does not parse: the caller's path names it
        return None
    sessions = [(body, stmt) for body, stmt in _statements(c.tree)
                if c._session_with(stmt) is not None or c._session_assign(stmt) is not None
                or isinstance(stmt, ast.Assign) and c.call_name(stmt.value) == INTERACTIVE]
    if len({id(body) for body, _ in sessions}) < 2:
        return None
    top = {}  # id(statement) -> the module-level statement holding it
    for stmt in c.tree.body:
        for node in ast.walk(stmt):
            top[id(node)] = stmt
    holders = [top[id(stmt)] for _, stmt in sessions]
    if not all(isinstance(h, ast.FunctionDef) for h in holders):
        return None  # a Session at module level or in a class: convert() names it
    functions = sorted(dict.fromkeys(holders), key=lambda f: f.lineno)
    if len(functions) < 2:
        return None
    names = {f.name for f in functions}
    several = c._several_bodies_reason(sessions)
    allowed = DROPPED_CALLS + SEEDS

    def ops(nodes) -> list[ast.Call]:  # TensorFlow calls building graph ops
        return [n for node in nodes for n in ast.walk(node) if isinstance(n, ast.Call)
                and (c.call_name(n) or "").startswith("tf.") and c.call_name(n) not in allowed
                and not (c.call_name(n) or "").startswith("tf.__")  # tf.__version__.startswith('2')
                and not (c.call_name(n) or "").startswith(NO_GRAPH_PREFIXES)]

    def reached(node, seen: set) -> set[str]:  # the file's functions and classes a node calls, transitively
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)):
            name = call.func.id
            target = c.local_functions.get(name) or c.local_classes.get(name)
            if target is not None and name not in seen:
                seen.add(name)
                if name not in names:
                    reached(target, seen)
        return seen

    def builds(name: str) -> bool:  # a function or class of the file (not a Session function) building ops
        target = c.local_functions.get(name) or c.local_classes.get(name)
        return target is not None and bool(ops([target]))

    # the functions share nothing of a graph
    drivers = [stmt for stmt in c.tree.body if not isinstance(stmt, (ast.Import, ast.ImportFrom, ast.ClassDef))
               and stmt not in functions and not (isinstance(stmt, ast.FunctionDef) and not reached(stmt, set()) & names)]
    for stmt in drivers:  # module statements, and the functions calling the Session functions
        nodes = stmt.body if isinstance(stmt, ast.FunctionDef) else [stmt]
        made = ops(nodes) or [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                              and n.func.id not in names and builds(n.func.id)]
        if made:
            inside = {id(n) for _, session in sessions for n in ast.walk(session)}
            own = [(f, n) for f in functions for n in ops([f]) if id(n) not in inside]
            if not own:
                return None  # one graph built at module level and run by them: `_nested_sessions`' shape
            raise c.fail(made[0], several + f" (graph built at module level and in function `{own[0][0].name}` "
                         f"outside its Sessions, `{c.call_name(own[0][1])}`: converted when the functions build their "
                         "own graphs, or the module builds it all)")
    for function in functions:
        others = reached(function, set()) & names - {function.name}
        if others:
            call = next(n for n in ast.walk(function) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                        and (n.func.id in others or n.func.id in c.local_functions and reached(c.local_functions[n.func.id], set()) & others))
            raise c.fail(call, f"`{function.name}` calls `{min(others)}`, which makes a Session of its own, while its "
                         "own graph is built: TF 1.x built the callee's ops into that graph (or a new one left as the "
                         "default after it); converted when each Session function is called from outside the others")
        for node in ast.walk(function):
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                raise c.fail(node, f"a `global` name in `{function.name}`, a function with a Session of its own: "
                             "converted when the functions share only values given as arguments and returned")
        graph_names = {t.id for n in ast.walk(function) if isinstance(n, ast.Assign) and (ops([n.value]) or any(
            isinstance(m, ast.Call) and isinstance(m.func, ast.Name) and builds(m.func.id) for m in ast.walk(n.value)))
            for t in n.targets for t in ast.walk(t) if isinstance(t, ast.Name)}
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value is not None and top.get(id(node)) is function and any(
                    isinstance(n, ast.Name) and n.id in graph_names for n in ast.walk(node.value)) \
                    and _enclosing_function(function, node) is function:
                raise c.fail(node, f"`{function.name}` returns a graph object of its own graph: converted when the "
                             "functions with Sessions hand back Python values")
    # seeds and names: a fresh graph per function, or nothing that tells the graphs apart
    module_seed = next((n for stmt in c.tree.body if not isinstance(stmt, (ast.FunctionDef, ast.ClassDef))
                        for n in ast.walk(stmt) if isinstance(n, ast.Call) and c.call_name(n) in SEEDS), None)
    fresh = {f.name: _fresh_graph(c, f, ops, builds) for f in functions}
    stale = [f for f in functions if fresh[f.name] is None]
    # one function building into the default graph beside functions each building in a graph
    # block of its own (which leaves the default graph as it was) has that graph to itself
    alone = len(stale) == 1 and all(isinstance(fresh[f.name], ast.With) for f in functions if f is not stale[0])
    exclusive = _exclusive_calls(c, functions)  # one function per process: another's seed never applies
    separated = _reset_separated(c, functions)  # `train()`, `reset_default_graph()`, `test()` at module level
    for f in functions:
        if separated and fresh[f.name] is None:
            fresh[f.name] = separated[f.name]
    stale = [f for f in functions if fresh[f.name] is None]
    if stale and not alone and not exclusive and not separated:
        seed = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and c.call_name(n) in SEEDS), None)
        restore = next((n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                        and n.func.attr == "restore" and len(n.args) >= 2), None)
        collection = next((n for f in functions for name in [f.name, *(reached(f, set()) - names)]
                           for n in ast.walk(c.local_functions.get(name) or c.local_classes.get(name))
                           if isinstance(n, ast.Call) and c.call_name(n) in COLLECTION_READS), None)
        found = seed or restore or collection
        if found is not None:
            why = ("its op seeds come from the graph's count of random ops, which the other function's ops continue"
                   if found is seed else "Saver matches variables by graph names, which the other function's take first "
                   "(`_1`-suffixed names then)" if found is restore else
                   "it reads the graph's variables, names or summaries, the other function's among them")
            raise c.fail(found, f"`{stale[0].name}` builds into the default graph another function with a Session may have "
                         f"built into (no `with tf.Graph().as_default():` or `reset_default_graph()` first): {why}; "
                         "converted when each function starts a fresh graph")
    seeded_functions = {f.name for f in functions if any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for n in ast.walk(f))}
    # the module's seed statements, when each is a statement of its own (`tf.set_random_seed(1)`)
    module_seeds = {k for k, stmt in enumerate(c.tree.body) if isinstance(stmt, ast.Expr) and c.call_name(stmt.value) in SEEDS}
    if any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for k, stmt in enumerate(c.tree.body) if k not in module_seeds
           and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef)) for n in ast.walk(stmt)):
        module_seeds = None
    unseeded_pieces: set[str] = set()  # functions converted without the module's seed statements
    unseed = set()  # functions whose graph had no seed, drawing after another function may have set one
    for f in functions:
        if f.name in seeded_functions or not _draws_random(c, f.body) or exclusive and fresh[f.name] is None:
            continue
        if separated and separated[f.name] is not None and _restored_before_read(c, f) and module_seeds is not None:
            # its draws make initial values the checkpoint replaces before anything reads them: converted
            # without the module's seed, which TF 1.x's reset dropped (the random ops are not counted)
            unseeded_pieces.add(f.name)
            continue
        if fresh[f.name] is not None and module_seed is not None:
            raise c.fail(fresh[f.name], f"`{f.name}` starts a fresh graph, which has no seed (the module's seed was set for "
                         "the default graph), and draws random numbers: eager TF 2 keeps the global seed; converted when "
                         "the function sets its own seed")
        if fresh[f.name] is None and module_seed is not None and seeded_functions:
            call = next(n for n in ast.walk(c.local_functions[min(seeded_functions)]) if isinstance(n, ast.Call)
                        and c.call_name(n) in SEEDS)
            raise c.fail(call, f"a seed set in `{min(seeded_functions)}` for its own graph, and `{f.name}` drawing random "
                         "numbers under the module's seed in the default graph: eager TF 2 has one global seed, which the "
                         "first call would change for the other; converted when each function sets its own")
        if seeded_functions:
            unseed.add(f.name)
    # the pieces: each Session function, and the module's other lines between them
    lines = text.splitlines(keepends=True)
    added = bool(lines) and not lines[-1].endswith("\n")
    if added:
        lines[-1] += "\n"
    pieces: list[tuple[int, int, ast.FunctionDef | None]] = []  # (first line, last line, function or None)
    starts = [min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])]) for stmt in c.tree.body]
    for k, stmt in enumerate(c.tree.body):
        if k and starts[k] <= c.tree.body[k - 1].end_lineno:
            raise c.fail(stmt, "a statement sharing its line with another in a file whose functions with Sessions "
                         "are converted one by one")
        lo = 1 if k == 0 else starts[k]
        hi = len(lines) if k == len(c.tree.body) - 1 else starts[k + 1] - 1
        pieces.append((lo, hi, stmt if stmt in functions else None))
    token = "migrate-function-part"
    while token in text:
        token += "-"
    shared: dict[int, str] = {}
    own: dict[int, str] = {}
    converted: dict[str, str] = {}
    for f in functions:
        part, origin, kept = [], [], []
        for index, (lo, hi, g) in enumerate(pieces):
            if g is None or g is f:
                part.append(f"#{token} {index}\n")
                origin.append(None)
                given = lines[lo - 1:hi]
                if f.name in unseeded_pieces and index in module_seeds:  # the seed's lines blank, keeping the numbering
                    stmt = c.tree.body[index]
                    given = ["\n" if stmt.lineno <= line <= stmt.end_lineno else text
                             for line, text in zip(range(lo, hi + 1), given)]
                part += given
                origin += range(lo, hi + 1)
                kept.append(index)
        try:
            out = convert("".join(part))
        except Fallback as stop:
            given = [o for o in origin[max(stop.line, 1) - 1:] if o is not None] if stop.line <= len(origin) else []
            raise Fallback(stop.construct, given[0] if given else 1, stop.col if given else 1, stop.reason) from None
        cut = re.split(rf"^#{re.escape(token)} (\d+)\n", out, flags=re.MULTILINE)
        if cut[0] or [int(i) for i in cut[1::2]] != kept:
            raise Fallback("<internal>", 1, 1, "the rewrite of one function of the program crossed into another's lines")
        for index, piece in zip(kept, cut[2::2]):
            lo, hi, g = pieces[index]
            if g is f:
                own[index] = piece
                converted[f.name] = piece
            elif f.name in unseeded_pieces and index in module_seeds:
                continue  # blanked for this function: the other conversions write the seed
            elif index in shared and shared[index] != piece:
                merged = _with_definitions("".join(lines[lo - 1:hi]), shared[index], piece)
                if merged is None:
                    node = c.tree.body[index]
                    raise c.fail(node, "code outside the functions with Sessions is rewritten differently for one of them "
                                 "(a graph value or helper they share): converted when each function's graph is its own")
                shared[index] = merged
            else:
                shared[index] = piece
    _check_checkpoints(c, functions, converted)
    out = []
    helpers: set[str] = set()
    for index, (lo, hi, g) in enumerate(pieces):
        piece = shared[index] if g is None else own[index]
        if g is not None:
            piece = _one_initial_helper(piece, helpers)
            if g.name in unseed:
                piece = _unseeded_start(c, piece, g.name)
        out.append(piece)
    from migrate.tf2_layers import _drop_legacy_switch

    result = _drop_legacy_switch("".join(out))
    return result[:-1] if added and result.endswith("\n") else result


def _with_definitions(original: str, first: str, second: str) -> str | None:
    """One text for a module piece two functions' conversions wrote differently: where each
    is the original with lines deleted and whole definitions inserted (a class, a function,
    an import: the cell or initializer class one function's conversion writes into the
    module), the original with the lines both deleted gone and the insertions of both (one
    the other's again is written once); a line only one deleted is kept if it is the compat
    pass's TF_USE_LEGACY_KERAS switch (dropped from the whole module after, by
    `_drop_legacy_switch`, when nothing needs Keras 2). None otherwise (the piece itself
    rewritten for one of them)."""
    import difflib

    base = original.splitlines(keepends=True)
    kept = [[True] * len(base), [True] * len(base)]
    inserted: dict[int, list[str]] = {}  # before original line i -> the lines inserted there
    for k, given in enumerate((first, second)):
        lines = given.splitlines(keepends=True)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, lines, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            for i in range(i1, i2):
                kept[k][i] = False
            chunk = lines[j1:j2]
            if not "".join(chunk).strip():
                continue
            try:
                tree = ast.parse("".join(chunk))
            except SyntaxError:
                return None
            if not all(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)) for n in tree.body):
                return None
            known = inserted.setdefault(i1, [])
            if "".join(chunk) not in "".join(known):
                known += chunk
    out = []
    for i, line in enumerate(base):
        out += inserted.get(i, [])
        if kept[0][i] != kept[1][i] and line.strip() and not re.fullmatch(
                r'import os\n|os\.environ\.setdefault\("TF_USE_LEGACY_KERAS", "1"\)\n', line):
            return None
        if kept[0][i] or kept[1][i]:
            out.append(line)
    return "".join(out + inserted.get(len(base), []))


def _exclusive_calls(c: Converter, functions: list) -> bool:
    """Does a process run one of `functions` at most, once (`if mode == "train": train()` /
    `elif ...: chat()`)? Each is called from one place, the places in different branches of
    one `if` chain, none in a loop, and what holds them (the module, or a function called
    from one place outside loops, or handed to `app.run`) runs once: then each process
    builds one function's graph, into a default graph of its own."""
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    loops = (ast.For, ast.While, ast.AsyncFor, ast.comprehension, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

    def sites(name: str) -> list[ast.AST]:
        return [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]

    def chain(node) -> list[ast.AST]:
        out = []
        while id(node) in parents:
            node = parents[id(node)]
            out.append(node)
        return out

    def runs_once(node, depth: int = 0) -> bool:
        for above in chain(node):
            if isinstance(above, loops):
                return False
            if isinstance(above, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if depth > 3 or not isinstance(above, ast.FunctionDef):
                    return False
                used = sites(above.name)
                return len(used) <= 1 and all(runs_once(u, depth + 1) for u in used)
            if isinstance(above, ast.ClassDef):
                return False
        return True

    calls = []
    for f in functions:
        used = sites(f.name)
        if len(used) != 1 or not isinstance(parents.get(id(used[0])), ast.Call) or not runs_once(used[0]):
            return False
        calls.append(used[0])
    for i, a in enumerate(calls):
        above_a = chain(a)
        for b in calls[i + 1:]:
            above_b = chain(b)
            common = next((n for n in above_a if any(n is m for m in above_b)), None)
            if not isinstance(common, ast.If):
                return False
            in_body = [any(site is n for stmt in common.body for n in ast.walk(stmt)) for site in (a, b)]
            if in_body[0] == in_body[1]:
                return False
    return True


# v1 layers drawing random numbers only for their variables' initial values (dropout draws at each run)
INITIAL_ONLY_LAYERS = tuple(f"tf.compat.v1.layers.{name}" for name in ("dense", "conv1d", "conv2d", "conv3d", "conv2d_transpose"))


def _reset_separated(c: Converter, functions: list) -> dict[str, ast.stmt | None] | None:
    """The graph each of `functions` builds into when the module calls them one after another
    with `reset_default_graph()` between the calls (module-level statements `save()`,
    `tf.reset_default_graph()`, `reload()`: MorvanZhou's 303_save_reload.py; in a block the reset
    would stay): name -> the reset before its call (a fresh graph, with no seed: TF 1.x's
    reset dropped the graph seed), None for the first one called (the module's default graph,
    with the module's seed, which it builds into alone). None when the calls are otherwise:
    a function called twice, used otherwise than by such a call, a seed set after the first
    call (it would seed a later graph only), a call with no reset before the next."""
    names = {f.name for f in functions}
    block = c.tree.body
    calls = [k for k, s in enumerate(block) if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
             and isinstance(s.value.func, ast.Name) and s.value.func.id in names]
    if not calls:
        return None
    called = [block[k].value.func.id for k in calls]
    used = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load)]
    if sorted(called) != sorted(names) or len(used) != len(called):
        return None
    out: dict[str, ast.stmt | None] = {called[0]: None}
    for a, b in itertools.pairwise(calls):
        reset = next((s for s in block[a + 1:b] if isinstance(s, ast.Expr) and c.call_name(s.value) == RESET), None)
        if reset is None:
            return None
        out[block[b].value.func.id] = reset
    first = block[calls[0]]
    later = {id(n) for s in block if s.lineno >= first.lineno for n in ast.walk(s)}
    if any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS and id(n) in later and not any(
            n is m for f in functions for m in ast.walk(f)) for n in ast.walk(c.tree)):
        return None
    return out


def _restored_before_read(c: Converter, function: ast.FunctionDef) -> bool:
    """Does `function` make one Session whose first statement restores every variable
    (`saver.restore(sess, path)` of a `Saver()` of the function, no var_list), run no
    initializer, and draw random numbers only for initial values (a variable's initial value, a
    v1 dense / conv layer's kernel): then its graph's seed changes nothing it computes (TF 1.x's
    fresh graph after a reset had none)."""
    sessions = [s for s in function.body if c._session_with(s) is not None or c._session_assign(s) is not None]
    if len(sessions) != 1 or sum(isinstance(n, ast.Call) and c.call_name(n) in (SESSION, INTERACTIVE)
                                 for n in ast.walk(function)) != 1:
        return False
    session = sessions[0]
    following = session.body if isinstance(session, ast.With) else function.body[function.body.index(session) + 1:]
    # statements of plain Python before the restore (`path = os.path.join(...)`, a print): no graph name, no TensorFlow
    graph = {t.id for n in ast.walk(function) if isinstance(n, ast.Assign) and any(
        isinstance(m, ast.Call) and (c.call_name(m) or "").startswith("tf.") for m in ast.walk(n.value))
        for t in n.targets for t in ast.walk(t) if isinstance(t, ast.Name)}
    graph |= {t.id for item in getattr(session, "items", []) if item.optional_vars is not None
              for t in ast.walk(item.optional_vars) if isinstance(t, ast.Name)}
    def saver(stmt: ast.stmt) -> bool:  # `saver = tf.compat.v1.train.Saver()` of every variable
        return isinstance(stmt, ast.Assign) and c.call_name(stmt.value) == SAVER and not stmt.value.args \
            and not any(k.arg == "var_list" for k in stmt.value.keywords)

    # a Saver made there too (the Session's statements' Savers: `_finish_savers`)
    while following and (saver(following[0]) or not any(
            isinstance(n, ast.Name) and n.id in graph or isinstance(n, ast.Call) and (c.call_name(n) or "").startswith("tf.")
            for n in ast.walk(following[0]))):
        following = following[1:]
    if not following or not isinstance(following[0], ast.Expr):
        return False
    restore = following[0].value
    made = function.body[:function.body.index(following[0])] if following[0] in function.body else function.body
    savers = {t.id for s in made if saver(s) for t in s.targets if isinstance(t, ast.Name)}
    if not (isinstance(restore, ast.Call) and isinstance(restore.func, ast.Attribute) and restore.func.attr == "restore"
            and isinstance(restore.func.value, ast.Name) and restore.func.value.id in savers):
        return False
    parents = {id(child): parent for parent in ast.walk(function) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        called = c.call_name(node) or ""
        if called in INITIALIZERS or called.endswith("variables_initializer"):
            return False
        if called in c.local_functions or isinstance(node.func, ast.Name) and c._layer_model(called) is not None:
            if _draws_random(c, [node]):
                return False
            continue
        if called in INITIAL_ONLY_LAYERS or not _draws_random(c, [node]) or called in VARIABLES or called == GET_VARIABLE:
            continue
        up = parents.get(id(node))
        while up is not None and not (isinstance(up, ast.Call) and c.call_name(up) in (*VARIABLES, GET_VARIABLE, *INITIAL_ONLY_LAYERS)):
            up = parents.get(id(up))
        if up is None:
            return False  # drawn at each run (dropout, a random tensor): TF 1.x's unseeded graph drew other numbers
    return True


def _enclosing_function(function: ast.FunctionDef, node: ast.AST) -> ast.FunctionDef | None:
    """The innermost function definition of `function` (itself included) holding `node`."""
    found = None
    for inner in ast.walk(function):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and any(n is node for n in ast.walk(inner)) \
                and (found is None or inner.lineno >= found.lineno):
            found = inner
    return found


def _fresh_graph(c: Converter, function: ast.FunctionDef, ops, builds) -> ast.AST | None:
    """The statement making `function`'s graph fresh, its first statement building into a graph:
    `tf.compat.v1.reset_default_graph()` or `with tf.Graph().as_default():` (`g = tf.Graph()`
    before `with g.as_default():` too); None when it builds into the default graph as it is."""
    graphs: set[str] = set()
    for stmt in function.body:
        if isinstance(stmt, ast.Expr) and c.call_name(stmt.value) == RESET:
            return stmt
        if isinstance(stmt, ast.Assign) and c.call_name(stmt.value) == GRAPH and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name):
            graphs.add(stmt.targets[0].id)
            continue
        if isinstance(stmt, ast.With) and stmt.items:
            context = stmt.items[0].context_expr
            if isinstance(context, ast.Call) and isinstance(context.func, ast.Attribute) and context.func.attr == "as_default" \
                    and (c.call_name(context.func.value) == GRAPH or dotted_name(context.func.value) in graphs):
                return stmt
        if isinstance(stmt, ast.Expr) and c.call_name(stmt.value) in SEEDS:
            return None  # a seed set on the graph before the fresh one: lost in TF 1.x
        if ops([stmt]) or any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and builds(n.func.id)
                              for n in ast.walk(stmt)):
            return None
    return None


def _checkpoint_keys(piece: str) -> tuple[dict[str, list[tuple[str, str]]], set[str], set[str]] | None:
    """The Checkpoints of one converted function's text: name -> [(key, the value's binding
    statements and the `with` headers around them)], the names written (`.write`, `v1_saver_save`'s
    first argument) and those read (`.read`, `.restore`); None if it does not parse."""
    try:
        tree = ast.parse(piece)
    except SyntaxError:
        return None
    checkpoints: dict[str, list[tuple[str, str]]] = {}
    written, read = set(), set()
    bindings: dict[str, list[str]] = {}

    def walk(body: list, headers: tuple) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if not headers:  # the function itself (a step function written inside it is not walked)
                    walk(stmt.body, ("def",))
                continue
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name)):
                        bindings.setdefault(name, []).append(" | ".join([*headers[1:], _naming(stmt.value)]))
            if isinstance(stmt, ast.With):
                walk(stmt.body, headers + (ast.unparse(stmt).split("\n")[0],))
                continue
            for name in ("body", "orelse", "finalbody"):
                walk(getattr(stmt, name, []) or [], headers)
            for handler in getattr(stmt, "handlers", []):
                walk(handler.body, headers)

    walk(tree.body, ())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call):
            called = dotted_name(node.value.func) or ""
            if called.endswith("train.Checkpoint"):
                checkpoints[node.targets[0].id] = [
                    (k.arg, "\n".join(bindings.get(k.value.id, [])) if isinstance(k.value, ast.Name) else "")
                    for k in node.value.keywords]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == V1_SAVE_MARK \
                and node.args and isinstance(node.args[0], ast.Name):
            written.add(node.args[0].id)  # v1_saver_save(checkpoint, ...): its write
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            owner, method = node.func.value.id, node.func.attr
            if method == "write":
                written.add(owner)
            elif method in ("read", "restore"):
                read.add(owner)
    return checkpoints, written & set(checkpoints), read & set(checkpoints)


def _naming(value: ast.expr) -> str:
    """What gives the variable a value binds its TF 1.x graph name: the call making it and its
    `name=` (its initial value is restored over); any other value whole."""
    if isinstance(value, ast.Call):
        name = next((k.value for k in value.keywords if k.arg == "name"), None)
        return f"{ast.unparse(value.func)}(name={ast.unparse(name) if name is not None else ''})"
    return ast.unparse(value)


def _check_checkpoints(c: Converter, functions: list, converted: dict[str, str]) -> None:
    """A Checkpoint one function writes and another reads: TF 1.x's Saver restored each
    variable by its graph name (the statement making it, its scopes, its order among the
    graph's variables), tf.train.Checkpoint by the Python name keying it. The reader's keys
    must be among the writer's, in the same order, each bound by the same statement under the
    same `with` headers; otherwise a Fallback at the reader's restore."""
    found = {f.name: _checkpoint_keys(converted[f.name]) for f in functions}
    for reader in functions:
        info = found[reader.name]
        if info is None or not info[2]:
            continue
        for writer in functions:
            other = found[writer.name]
            if writer is reader or other is None or not other[1]:
                continue
            restore = next((n for n in ast.walk(reader) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                            and n.func.attr == "restore"), reader)
            for name in info[2]:
                keys = info[0][name]
                for written in other[1]:
                    theirs = dict(other[0][written])
                    order = [k for k, _ in other[0][written] if k in dict(keys)]
                    missing = [k for k, _ in keys if k not in theirs]
                    changed = [k for k, binding in keys if k in theirs and (not binding or binding != theirs[k])]
                    why = (f"the Checkpoint `{writer.name}` writes keys its variables by their Python names and "
                           f"`{missing[0]}` is not among them (Saver matched the variables' graph names, which the "
                           "functions may share; Checkpoint.read would leave it as made)" if missing else
                           f"`{changed[0]}` is made by another statement (or scope) in `{writer.name}`: Saver restored it by "
                           "its graph name, the Checkpoint by the Python name" if changed else
                           f"the variables are made in another order in `{writer.name}` (their default graph names differ)"
                           if order != [k for k, _ in keys] else None)
                    if why is not None:
                        raise c.fail(restore, f"a checkpoint written in `{writer.name}` and read in `{reader.name}`: {why}; "
                                     "converted when both functions key the same variables by the same names")


def _one_initial_helper(piece: str, helpers: set[str]) -> str:
    """A function's converted piece without the `initial_value` helper an earlier function's
    piece defined already (each conversion writes it above its function, the same text)."""
    match = re.match(r"(def (initial_value(?:_\d+)?)\(make\):\n(?:    .*\n)+\n\n)", piece)
    if match is None:
        return piece
    if match.group(2) in helpers:
        return piece[match.end():]
    helpers.add(match.group(2))
    return piece


def _unseeded_start(c: Converter, piece: str, name: str) -> str:
    """`piece` (function `name` converted) with `tf.random.set_seed(None)` first in its body: the
    fresh graph it built had no seed, eager TF 2 keeps one another function set."""
    function = next(s for s in ast.parse(piece).body if isinstance(s, ast.FunctionDef) and s.name == name)
    first = function.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str) \
            and len(function.body) > 1:
        first = function.body[1]
    lines = piece.splitlines(keepends=True)
    at = first.lineno - 1
    indent = _indent(lines[at])
    text = (f"{indent}# its fresh graph had no seed: eager TF 2 keeps the one set before\n"
            f"{indent}{c.tf('tf.random.set_seed')}(None)\n")
    return "".join(lines[:at]) + text + "".join(lines[at:])


# -- verification ---------------------------------------------------------------------
_LEGACY = re.compile(r"TF_USE_LEGACY_KERAS")


# TensorFlow's private modules whose calls make variables or TF 1.x graph structure (rnn cells and their
# functions, variable scopes, Savers); a private op module (`gen_nn_ops`) runs in TF 2 as it is
PRIVATE_GRAPH_MODULES = tuple(f"tensorflow.python.ops.{m}" for m in ("rnn", "variable_scope", "variables")) + (
    "tensorflow.python.training",)


def remaining(text: str, converted: bool = False) -> Fallback | None:
    """The first of `leftovers(text)`, the cause before its consequences; None when none.
    `converted`: `text` is a TF 2 rewrite, where a `.eval()` left is one too."""
    found = leftovers(text, evals=converted)
    if not found:
        return None
    # the legacy-Keras switch and the graph-mode switches are there because of another construct
    consequences = ("TF_USE_LEGACY_KERAS", "disable_", "enable_eager_execution", "enable_v2_behavior")
    return min(found, key=lambda f: (any(c in f.construct for c in consequences), f.line, f.col))


def leftovers(text: str, evals: bool = False) -> list[Fallback]:
    """The first TF 1.x construct left in `text` (what `--style tf2` promises is gone):
    a `compat.v1` reference, a Session, a placeholder, disable_eager_execution,
    TF_USE_LEGACY_KERAS; None when there is none. Raises SyntaxError if it does not parse.
    `evals`: also each `.eval(...)` call, named by its receiver (`tf.constant(1).eval`, found again
    by that name in the compat text), which eager TF 2 runs nowhere (not `df.eval("a + b")` of an
    expression string, pandas' or numexpr's)."""
    from migrate.tf2_rewrites import left_reason

    tree = ast.parse(text)
    lines = text.splitlines()
    found = []
    parents = None  # computed once, at the first compat.v1 reference
    written, tree = _written_batch_norms(tree)  # the compat pass's slim batch_norm: one reason at its first use
    tf_roots = {"tf", "tensorflow"} | {
        (a.asname or a.name).split(".")[0] for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
        for a in node.names
        if (a.name if isinstance(node, ast.Import) else node.module or "").split(".")[0] == "tensorflow"}

    def at(node, construct, reason):
        line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
        col = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))
        found.append(Fallback(construct, node.lineno, col + 1, reason))

    # names bound to TensorFlow's private graph modules (`from tensorflow.python.ops import rnn, rnn_cell`): a
    # call through them builds TF 1.x graph code no rewrite here reads (a fresh-eyes trial's `rnn.rnn(cell, xs)`
    # made the cell's variables, which the converted step's tape did not train)
    private = {(a.asname or a.name.split(".")[0]) if isinstance(node, ast.ImportFrom) else a.asname
               for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
               for a in node.names
               if (f"{node.module}.{a.name}" if isinstance(node, ast.ImportFrom) else a.name).startswith(PRIVATE_GRAPH_MODULES)
               and (isinstance(node, ast.ImportFrom) or a.asname)}
    for node in ast.walk(tree):
        if evals and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "eval" \
                and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            at(node, ast.unparse(node.func)[:80], LEFT_EVAL)
        if isinstance(node, ast.Call) and private and _root_name(node.func) in private:
            at(node, ast.unparse(node.func), "a call through TensorFlow's private graph modules (tensorflow.python.ops's "
               "rnn, rnn_cell, variable_scope, variables; tensorflow.python.training), which make TF 1.x variables and "
               "graph code: not converted here")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                if module.startswith("tensorflow.compat.v1") or module.startswith("tensorflow.compat") and isinstance(node, ast.ImportFrom) and any(a.name == "v1" for a in node.names):
                    at(node, module, "imports the TF 1.x API")
        elif isinstance(node, ast.Attribute):
            if node.attr == "v1" and isinstance(node.value, ast.Attribute) and node.value.attr == "compat":
                if parents is None:
                    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
                dotted = _dotted_up(node, parents)
                at(node, dotted, left_reason(dotted))
            elif node.attr in ("Session", "InteractiveSession", "placeholder", "disable_eager_execution") \
                    and _root_name(node) in tf_roots:  # (not `requests.Session()`: a fresh-eyes trial)
                if parents is None:
                    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
                call = parents.get(id(node))
                default = parents.get(id(call)) if isinstance(call, ast.Call) and call.func is node else None
                at(node, node.attr, LEFT_AS_DEFAULT if isinstance(default, ast.Attribute) and default.attr == "as_default"
                   else LEFT_GRAPH[node.attr])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _LEGACY.search(node.value):
            # (a fresh-eyes trial: a Keras model subclass run in a Session was told of v1 layers it has not)
            at(node, "TF_USE_LEGACY_KERAS", "the legacy tf-keras switch the compat migration set for code it keeps on "
               "Keras 2 (tf.compat.v1 layers, or Keras models run with eager execution off), not converted here")
    for name, node in written.items():
        at(node, name, WRITTEN_BATCH_NORM)
    return sorted(found, key=lambda f: (f.line, f.col))


_LEFT_SESSION = ("a Session in a form the converter does not follow (converted: `sess = tf.Session(...)` or `with "
                 "tf.Session(...) as sess:` in the one body that runs the program's graph, and a model class's "
                 "`self.sess = tf.Session()`): write its runs as calls of TF 2 functions")
LEFT_GRAPH = {  # a TF 1.x graph construct left by the conversion: what is converted, what to write
    "Session": _LEFT_SESSION, "InteractiveSession": _LEFT_SESSION,
    "placeholder": ("a placeholder with no run the converter follows (converted: placeholders fed by this file's "
                    "Session.run, made in the body that runs the Session or as a model class's `self.x = "
                    "tf.placeholder(...)` in `__init__`): make it an argument of the function computing with it"),
    "disable_eager_execution": ("a graph-mode switch other than a statement of its own at module level (deleted "
                                "there, and under an `if` testing tf.__version__ in a program with a Session): TF 2 code runs eagerly; delete "
                                "it where the program no longer builds a graph"),
}
LEFT_AS_DEFAULT = ("`tf.Session().as_default()`: converted is `with tf.Session() as sess:` (the Session a `with` "
                   "opens is the default one); write that")

LEFT_EVAL = ("`.eval()` left in the TF 2 code: TF 1.x's Tensor.eval / Variable.eval ran the value in the default "
             "Session, which eager TF 2 has not (it raises NotImplementedError / RuntimeError there); converted is "
             "`.eval()` of a graph value the program builds, run in its Session, or of a value computed eagerly "
             "(`.numpy()`)")


WRITTEN_BATCH_NORM = (
    "TF 1.x's tf.contrib.layers.batch_norm, written into this module by the compat migration (tf-slim's does not run "
    "on TF 2.21): graph code (variables by get_variable under variable_scope, moving statistics updated through the "
    "UPDATE_OPS collection or control dependencies) with no TF 2 rewrite here; for TF 2 make a "
    "tf.keras.layers.BatchNormalization(momentum=decay, epsilon=epsilon, center=center, scale=scale) once and call it "
    "with training=is_training: close, not the same (measured under TF 2.21: its moving variance takes the biased batch "
    "variance where slim's fused kernel takes n/(n-1) times it, outputs apart in the last bits; its variables are not "
    "named <scope>/BatchNorm/*)")


def _written_batch_norms(tree: ast.Module) -> tuple[dict, ast.Module]:
    """The slim batch_norm functions the compat pass wrote into the module (codemods/contrib_slim.py's
    BATCH_NORM_HELPER, known by its docstring), each with the node of its first use (its first call, else
    its first reference, else its def), and the module without them (their insides are that one reason)."""
    from migrate.codemods.contrib_slim import BATCH_NORM_DOC

    helpers = [node for node in tree.body if isinstance(node, ast.FunctionDef)
               and (ast.get_docstring(node) or "").startswith(BATCH_NORM_DOC)]
    if not helpers:
        return {}, tree
    rest = ast.Module(body=[node for node in tree.body if node not in helpers], type_ignores=[])
    uses = sorted((node for node in ast.walk(rest) if isinstance(node, ast.Name)), key=lambda n: (n.lineno, n.col_offset))
    calls = {id(node.func): node for node in ast.walk(rest) if isinstance(node, ast.Call)}
    first = {}
    for helper in helpers:
        named = [n for n in uses if n.id == helper.name]
        first[helper.name] = next((calls[id(n)] for n in named if id(n) in calls), named[0] if named else helper)
    return first, rest


def _root_name(node: ast.AST) -> str | None:
    """The name an attribute chain starts from (`tf` of `tf.compat.v1.Session`)."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _number(node: ast.expr) -> float:
    """The value of an arithmetic expression of number literals (`1.3 * 0.87962566103423978**2`);
    ValueError for anything else."""
    import operator

    ops = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _number(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in ops:
        return ops[type(node.op)](_number(node.left), _number(node.right))
    raise ValueError("not a number")


def _is_random_op(called: str) -> bool:
    """A stateful random op by its (alias-normalized) name: `tf.nn.dropout`, `tf.random.normal`,
    `tf.image.random_flip_left_right`, `tf.compat.v1.random_uniform`; not the stateless ones."""
    return (called in ("tf.nn.dropout", "tf.compat.v1.nn.dropout") or called.startswith(("tf.image.random_", "tf.compat.v1.random"))
            or called.startswith("tf.random.") and not called.startswith(("tf.random.stateless", "tf.random.set_seed")))


def _dotted_up(node, parents: dict) -> str:
    """The longest attribute chain starting with `node`'s (`tf.compat.v1.layers.dense`);
    `parents` maps id(child) -> parent node."""
    top = node
    while isinstance(parents.get(id(top)), ast.Attribute) and parents[id(top)].value is top:
        top = parents[id(top)]
    parts = []
    cur = top
    while isinstance(cur, ast.Attribute):
        parts.append(cur.attr)
        cur = cur.value
    if isinstance(cur, ast.Name):
        parts.append(cur.id)
    return ".".join(reversed(parts))
