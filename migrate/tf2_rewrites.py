"""`--style tf2`: the `tf.compat.v1` calls the compat migration keeps whose TF 2 spelling is
exact, rewritten where that can be known from the text (`Converter._eager_twins` applies
them; pure, no TensorFlow import).

- `tf.compat.v1.div(x, y)`: Python 2 division (tensorflow/python/ops/math_ops.py,
  `_div_python2`: `x` converted alone, `y` converted to x's dtype, then RealDiv for a
  floating or complex dtype and FloorDiv otherwise) -> `tf.realdiv(x, y)` /
  `tf.math.floordiv(x, y)`, the same ops, which convert their arguments to one dtype the
  same way (the first tensor's, else the first value's). Rewritten only when `DtypeKinds`
  knows x's kind; otherwise left, and `tf2_graph.leftovers` says why.
- `tf.compat.v1.nn.embedding_lookup(params, ids)` of ONE tensor or variable -> TF 2's (the
  partition strategy, 'mod' in v1 and 'div' in TF 2, only splits ids over a list of tensors;
  `validate_indices` was unused, embedding_ops.py).
- `tf.compat.v1.floor_div` (v1's export of the raw FloorDiv op) -> `tf.math.floordiv`, which
  calls that op (math_ops.py of TF 2.21), as a call or a function object.
- `tf.compat.v1.Variable(initial_value[, trainable], ...)` with TF 2's keywords, in a module with no
  Session or placeholder left (migrate/tf2_classes.py's output) -> `tf.Variable`: made eagerly, v1's Variable is TF 2's resource variable (variables.py: VariableV1 with use_resource
  unset in eager mode); the two share their first two parameters (v1's third is `collections`).
- `tf.compat.v1.losses.mean_squared_error(labels, predictions[, scope="literal"])` (no weights or
  reduction; the scope named its ops only) ->
  `tf.reduce_mean(tf.math.squared_difference(tf.cast(predictions, tf.float32), tf.cast(labels,
  tf.float32)))`: v1 casts both to float32 and divides the sum by the count of elements weighted 1
  (losses_impl.py, SUM_BY_NONZERO_WEIGHTS); measured under TF 2.21, the same bits for the loss and
  its gradient on four shapes. The LOSSES collection it also fed is read only by compat.v1 APIs.
- `tf.compat.v1.cond(pred, true_fn, false_fn[, name=])` -> `tf.cond`: v1's cond unpacks a
  branch's one-element list or tuple (`strict=False`, control_flow_ops.py `_UnpackIfSingleton`),
  TF 2's calls it with `strict=True`; the rest is the same op. Rewritten when no `strict`,
  `fn1` / `fn2` or fourth positional argument (v1's fourth is `strict`, TF 2's `name`) is given
  and each branch is a lambda or a function of the file whose results are no list or tuple.
- `tf.compat.v1.case(pred_fn_pairs, ...)` with a list or tuple of (pred, fn) pairs -> `tf.case`,
  the same parameters and helper (v1 also takes a dict, whose order is unspecified).
  A dict with `default=` and `exclusive=True` -> a list of its pairs in the text's order
  (`_case_pairs`): both assert that at most one predicate holds and give its branch, else the default.
- `tf.compat.v1.where(condition[, x, y])`: with only `condition`, the indices op both call ->
  `tf.where`; with x and y, v1 is the Select op (a rank-1 condition picks rows) and TF 2 SelectV2
  (the condition broadcast): rewritten when the condition compares x (or y) with y (or x) or a
  number (`tf.where(a > b, a, b)`, `tf.where(X < 4, X, X * 10)`), or when it compares two tensors
  (an operator or a comparison op, `tf.greater(y, y_)`) and each branch is arithmetic of them and
  numbers (`(y - y_) * loss_more`, a name bound to numbers only), so that all three have one shape
  wherever v1's Select ran (it requires x and y of one shape); or of three values of one shape
  written in the text (`DtypeKinds.literal_shape`: `Z = tf.constant([[True, False], ...])`).
- `tf.compat.v1.image.resize_bilinear` / `resize_nearest_neighbor` / `resize_bicubic` /
  `resize_area`, `tf.compat.v1.setdiff1d` and `sparse_to_dense` (`RAW_OPS`): v1's functions call
  one generated op with their arguments (ResizeBilinear, ..., ListDiff, SparseToDense) -> that op
  as `tf.raw_ops.X(...)`, the arguments by keyword (setdiff1d's `index_dtype` is the op's
  `out_idx`), v1's defaults being the op's or written (`default_value=0`: RAW_DEFAULTS); TF 2 has no other spelling of v1's sampling (`tf.image.resize` samples with
  half_pixel_centers=True). A call whose arguments are not all known (`*args`) is left.
- `tf.compat.v1.nn.dropout(x, rate=r[, noise_shape=, seed=, name=])` (what the compat pass writes for
  `import tensorflow.compat.v1 as tf` code) -> `tf.nn.dropout`: given `rate` and no `keep_prob`, v1's
  function calls TF 2's with the same arguments (nn_ops.py `dropout`: `dropout_v2(x, rate,
  noise_shape=noise_shape, seed=seed, name=name)`).
- `tf.compat.v1.nn.xw_plus_b(x, weights, biases[, name])` -> `tf.nn.bias_add(tf.matmul(x, weights),
  biases[, name=])`: v1's function is that (nn_ops.py of TF 2.21, after converting each argument to a
  tensor alone). Rewritten when no argument is a literal (a list, a tuple, a number): those v1
  converted alone (`[0] * 256` to int32, an error beside float32) where matmul and bias_add convert to
  the other argument's dtype.
- `tf.compat.v1.nn.softmax(logits, axis, name, dim)` -> `tf.nn.softmax` (`dim=`, v1's
  deprecated name of `axis`, renamed); as a function object (`activation=tf.nn.softmax`)
  the same function of one tensor.
"""
from __future__ import annotations

import ast
from collections import Counter

REAL, FLOOR = "real", "floor"  # the division v1's div did for a dtype: RealDiv, FloorDiv
DIV = "tf.compat.v1.div"
SOFTMAX = "tf.compat.v1.nn.softmax"
DROPOUT_V1 = "tf.compat.v1.nn.dropout"
EMBEDDING = "tf.compat.v1.nn.embedding_lookup"
VARIABLE_V1 = "tf.compat.v1.Variable"
MSE_V1 = "tf.compat.v1.losses.mean_squared_error"
XW_PLUS_B = "tf.compat.v1.nn.xw_plus_b"
COND_V1, CASE_V1, WHERE_V1 = "tf.compat.v1.cond", "tf.compat.v1.case", "tf.compat.v1.where"
GRAPH_CALLS = frozenset({"tf.compat.v1.Session", "tf.compat.v1.InteractiveSession", "tf.compat.v1.placeholder",
                         "tf.compat.v1.placeholder_with_default", "tf.compat.v1.sparse_placeholder"})
VARIABLE_V2_KEYWORDS = frozenset({"initial_value", "trainable", "name", "dtype", "validate_shape", "shape", "constraint"})
SAME_OPS = {"tf.compat.v1.floor_div": "tf.math.floordiv"}  # v1 name -> the TF 2 name of the same op
_RESIZE = ("images", "size", "align_corners", "name", "half_pixel_centers")
# v1 functions that call one generated op with their arguments (image_ops_impl.py, array_ops.py of TF 2.21), TF 2
# having no other name of it with v1's defaults (tf.image.resize samples with half_pixel_centers=True): v1 name ->
# (the raw op, v1's parameters in order, a v1 parameter -> the op's name of it); the op's defaults are v1's
RAW_OPS = {
    **{f"tf.compat.v1.image.resize_{kind}": (op, _RESIZE, {}) for kind, op in (
        ("bilinear", "ResizeBilinear"), ("nearest_neighbor", "ResizeNearestNeighbor"), ("bicubic", "ResizeBicubic"))},
    "tf.compat.v1.image.resize_area": ("ResizeArea", _RESIZE[:4], {}),
    "tf.compat.v1.setdiff1d": ("ListDiff", ("x", "y", "index_dtype", "name"), {"index_dtype": "out_idx"}),
    "tf.compat.v1.sparse_to_dense": ("SparseToDense", (
        "sparse_indices", "output_shape", "sparse_values", "default_value", "validate_indices", "name"), {}),
    # (nn_impl.py: empty mean and variance when not given, v1's epsilon 0.001 where the op's is 0.0001; the
    # op's first three results are v1's, measured equal in training and inference)
    "tf.compat.v1.nn.fused_batch_norm": ("FusedBatchNormV3", (
        "x", "scale", "offset", "mean", "variance", "epsilon", "data_format", "is_training", "name",
        "exponential_avg_factor"), {}),
}
RAW_DEFAULTS = {"tf.compat.v1.sparse_to_dense": {"default_value": "0"},  # v1's defaults the op has not: written
                "tf.compat.v1.nn.fused_batch_norm": {"mean": "tf.constant([])", "variance": "tf.constant([])",
                                                     "epsilon": "0.001"}}
RAW_RESULTS = {"tf.compat.v1.nn.fused_batch_norm": 3}  # v1 returned the op's first n results
EMBEDDING_UNKNOWN = ("v1's `embedding_lookup` splits the ids over a list of tensors by 'mod' (TF 2's by 'div'); "
                     "converted when `params` is one tensor or variable the text shows and no partition_strategy, "
                     "validate_indices or argument past `ids` is given by position")
DIV_UNKNOWN = ("`tf.compat.v1.div` divides as Python 2 did (real division for a floating or complex first "
               "argument, floor division for an integer one: TF 2's tf.realdiv / tf.math.floordiv), and the "
               "dtype of its first argument is not known from the text here")
RAW_OP_UNKNOWN = ("v1's `{name}` is the {op} op{why} and is converted to `tf.raw_ops.{op}(...)` when called with its "
                  "arguments written out; here it is not (a function object, `*args`, or a parenthesized argument)")
_SAMPLING = " (v1's sampling, half_pixel_centers=False by default, which TF 2's tf.image.resize does not offer)"
# what TF 1.x did and what to write, for the v1 APIs left with no exact TF 2 spelling (`left_reason`)
LEFT = {
    "tf.compat.v1.image.resize_images": (
        "v1's resize_images (bilinear by default) samples with half_pixel_centers=False, which TF 2's tf.image.resize "
        "does not (other values), batches a 3-D image and returns the image itself, not cast to float32, where its "
        "static size is the size asked: for a 4-D batch that is resized write `tf.raw_ops.ResizeBilinear(images=..., "
        "size=...)` (ResizeNearestNeighbor, ResizeBicubic, ResizeArea for the other methods), or accept "
        "tf.image.resize's values"),
    "tf.compat.v1.Print": (
        "v1's Print returns its input and, each time the graph runs it, logs its message and data (at most "
        "`first_n` times, `summarize` elements): TF 2 has no op of that form; write `tf.print(message, data)` "
        "where the values should print (its own format, no first_n) and use the input directly"),
    "tf.compat.v1.distributions": (
        "tf.distributions (removed in TF 2) lives on in TensorFlow Probability (`tfp.distributions`, package "
        "tensorflow-probability), not a dependency of the converted file: its samples draw from other random "
        "ops; install it and write the tfp distribution, or write the density / sampling out with tf ops"),
    "tf.compat.v1.metrics": (
        "v1's streaming metrics keep running totals in local variables (local_variables_initializer resets them) "
        "and return (value, update_op): write a `tf.keras.metrics` object (update_state, result, reset_state) "
        "where the program updates and reads it"),
    WHERE_V1: (
        "v1's where of x and y is the Select op (a rank-1 condition picks rows of x and y), TF 2's broadcasts "
        "condition, x and y: converted where the text shows all three have one shape (the condition compares "
        "tensors the branches are arithmetic of, and numbers); where they do, write tf.where"),
    CASE_V1: (
        "v1's case takes a dict, tried in the order of its predicates' graph names, and its other arguments as "
        "TF 2's: converted for a list or tuple of (predicate, function) pairs; write the pairs as a list in the order "
        "they are to be tried"),
    COND_V1: (
        "v1's cond unpacks a branch's one-element list or tuple (TF 2's keeps it: strict=True): converted where each "
        "branch is a lambda or a function of this file giving no list or tuple; write the branches so"),
}
LEFT.update({name: RAW_OP_UNKNOWN.format(name=name.removeprefix("tf.compat.v1."), op=op, why=_SAMPLING * (op in ("ResizeBilinear", "ResizeNearestNeighbor", "ResizeBicubic")))
             for name, (op, _, _) in RAW_OPS.items()})

_COLLECTION = (
    "v1's graph collections list the variables (or ops) made so far in the default graph; TF 2 keeps no global "
    "list. Converted in a program whose variables the converter holds (the list is written out by name); "
    "elsewhere (a library function, another module's graph) list the variables of the objects that own them "
    "(`model.trainable_variables`, `module.trainable_variables`, `layer.weights`)")
_OPTIMIZER = (
    "a v1 optimizer: converted where a program of this file trains with it (`opt.minimize(loss)`, or "
    "compute_gradients + apply_gradients), its update written with tf.GradientTape and the Keras optimizer or raw "
    "op of the same rule; made here and handed to other code (a class or another module's function that "
    "minimizes), it keeps v1's rule: convert it with that code, or write `tf.keras.optimizers.{name}` with v1's "
    "constants (v1's defaults are not Keras's: epsilon 1e-10 for RMSProp, 1e-8 for Adam, 1e-7 in Keras) and a "
    "GradientTape step")
_INITIALIZER = (
    "v1's initializer op gives every variable its initial value when a Session runs it; TF 2 variables hold their "
    "value from creation. Converted (deleted) where a program runs it once, before its steps, in the Session that "
    "trains; here it is built or run otherwise (handed on, run again, in another function): delete it, and where "
    "the program meant to reset the variables call `v.assign(initial_value)`")
_RECORDS = ("v1's tf_record_iterator yields the bytes of each record of a TFRecord file, read as the generator "
            "runs: TF 2 reads it with tf.data; write `(record.numpy() for record in tf.data.TFRecordDataset(path))` "
            "(`compression_type=` for an options' compression)")
LEFT.update({
    "tf.compat.v1.variable_scope": (
        "v1's variable_scope names the variables made under it and shares them by name (`reuse=True`, AUTO_REUSE); "
        "TF 2 shares a variable by holding the object that made it. Converted where the scope's variables are made "
        "once: in the program body, in a layer function a program of this run calls, or as `tf.name_scope` where "
        "the scope makes no variable; here it is none of these: make the scope's variables a Keras layer or "
        "tf.Module made once and called where the scope was"),
    "tf.compat.v1.trainable_variables": _COLLECTION,
    "tf.compat.v1.global_variables": _COLLECTION,
    "tf.compat.v1.get_collection": _COLLECTION,
    "tf.compat.v1.GraphKeys": _COLLECTION,
    "tf.compat.v1.reset_default_graph": (
        "starts a new, empty default graph (the old graph's variables and ops are dropped, op seeds are counted "
        "from zero again); TF 2 has no default graph: converted where it starts one of a program's graphs built one "
        "after another, each with its Session; elsewhere delete it and make the objects again where the program "
        "needs fresh ones"),
    "tf.compat.v1.get_default_graph": (
        "reads the graph object (its operations, collections, finalize, as_graph_def); TF 2 code has no graph "
        "outside a tf.function: where the program inspects one, trace it "
        "(`tf.function(f).get_concrete_function(...).graph`)"),
    "tf.compat.v1.ConfigProto": (
        "Session options: converted when given to the one converted `Session(config=...)` inline or bound once to "
        "a name; TF 2 sets them with tf.config before any op runs "
        "(`tf.config.threading.set_inter_op_parallelism_threads`, `set_intra_op_parallelism_threads`, "
        "`tf.config.set_soft_device_placement`, `tf.config.experimental.set_memory_growth`)"),
    "tf.compat.v1.RunOptions": (
        "v1's per-run options (`RunOptions(trace_level=FULL_TRACE)`) and RunMetadata trace one Session.run: TF 2 has "
        "neither; profile the steps with `tf.profiler.experimental.start(logdir)` ... `stop()` (or "
        "`tf.profiler.experimental.Trace`), read in TensorBoard's Profile tab"),
    "tf.compat.v1.RunMetadata": (
        "v1's RunMetadata receives a traced Session.run's step stats (a Chrome trace through timeline.Timeline): TF 2 "
        "has no such run; profile the steps with `tf.profiler.experimental.start(logdir)` ... `stop()` (or "
        "`tf.profiler.experimental.Trace`), read in TensorBoard's Profile tab"),
    "tf.compat.v1.summary": (
        "v1 summaries are graph ops whose serialized results a Session runs and hands to a FileWriter: converted "
        "in a program whose Session runs them (v2 ops `tf.summary.scalar(name, value, step=step)` under "
        "`writer.as_default()`); made in a library function or on an object they are not: write the v2 op, with "
        "its step, where the value is computed"),
    "tf.compat.v1.data.make_one_shot_iterator": (
        "an iterator of a v1 graph: converted to Python iteration over the dataset where a program's Session runs "
        "its `get_next()` in its loop; elsewhere iterate over the dataset itself (`for x, y in dataset:`, or "
        "`it = iter(dataset)` and `next(it)`)"),
    "tf.compat.v1.data.Iterator": (
        "a reinitializable iterator (`Iterator.from_structure` with one `make_initializer` per dataset): TF 2 "
        "iterates over each dataset itself; write `for x, y in train_data:` where the train initializer ran and "
        "the same over the test dataset where its initializer ran"),
    "tf.compat.v1.global_variables_initializer": _INITIALIZER,
    "tf.compat.v1.initialize_all_variables": _INITIALIZER,
    "tf.compat.v1.variables_initializer": _INITIALIZER,
    "tf.compat.v1.local_variables_initializer": _INITIALIZER,
    "tf.compat.v1.train.Saver": (
        "v1's Saver writes and restores variables by their graph names: converted to tf.train.Checkpoint in a "
        "program whose variables the converter holds (`saver.save(sess, path)`, `saver.restore(sess, path)`); "
        "made in a class method or a library, or with a var_list built elsewhere, it is not: write "
        "`tf.train.Checkpoint(name=variable_or_object, ...)` with `tf.train.CheckpointManager(..., max_to_keep=n)`; "
        "a TF 1 checkpoint's values are read by name with `tf.train.load_checkpoint(path).get_tensor(name)`"),
    "tf.compat.v1.assign": (
        "v1's assign is an op a Session runs: converted to `variable.assign(value)` in a program's step; built "
        "outside one (a library function), write `variable.assign(value)` where the program runs it"),
    "tf.compat.v1.op_scope": (
        "TF 0.x's op_scope(values, name, default_name) is a name scope: write `with tf.name_scope(name or "
        "default_name):`"),
    "tf.compat.v1.python_io.tf_record_iterator": _RECORDS,
    "tf.compat.v1.io.tf_record_iterator": _RECORDS,
    "tf.compat.v1.train.cosine_decay_restarts": (
        "v1's cosine_decay_restarts is a tensor of the global step: TF 2 writes the schedule object "
        "`tf.keras.optimizers.schedules.CosineDecayRestarts(learning_rate, first_decay_steps, t_mul, m_mul, alpha)` "
        "and calls it on the step where the rate is used (the same parameters, the global step moved to the call)"),
    "tf.compat.v1.layers": (
        "a v1 layer (tf.layers) makes its variables under variable_scope at each call: converted where the "
        "program's graph calls it once in the body that builds it (a Keras layer made there); here it is not: "
        "make the Keras layer (`tf.keras.layers.<Name>`) once and call it where this call is"),
    "tf.compat.v1.initializers.variance_scaling": (
        "v1's variance_scaling initializer draws with a graph op seeded by the graph: TF 2 writes "
        "`tf.keras.initializers.VarianceScaling(scale, mode, distribution, seed)`, the same distribution "
        "drawn by another generator (other values)"),
    "tf.compat.v1.nn.sampled_softmax_loss": (
        "v1's sampled_softmax_loss draws its sampled classes with a candidate sampler seeded by the graph and "
        "splits a list of weight shards by 'mod' (TF 2's by 'div'): TF 2's `tf.nn.sampled_softmax_loss` has the "
        "same parameters without partition_strategy; pass `seed=` (other samples than v1's)"),
    "tf.compat.v1.saved_model.signature_def_utils": (
        "a v1 SignatureDef of a graph's tensors: converted in a program exporting with simple_save or "
        "SavedModelBuilder among its Session's statements; elsewhere TF 2 writes a tf.function with an "
        "input_signature and `tf.saved_model.save(obj, path, signatures={'serving_default': f})`"),
    "tf.compat.v1.test.get_temp_dir": (
        "v1's test.get_temp_dir returns the test run's temporary directory (TEST_TMPDIR, or one made once per "
        "process); TF 2 has it only as a method of tf.test.TestCase (`self.get_temp_dir()`, a new directory per "
        "test): in a TestCase call that; elsewhere write `tempfile.mkdtemp()` once and reuse its path"),
    "tf.compat.v1.estimator": (
        "an Estimator (v1's training loop owning its graph, Session and checkpoints): not converted; TF 2 writes the "
        "model as Keras (`model.fit`) or a custom loop with tf.GradientTape"),
})
LEFT.update({f"tf.compat.v1.train.{name}Optimizer": _OPTIMIZER.format(name=keras)
             for name, keras in (("GradientDescent", "SGD"), ("Momentum", "SGD"), ("Adam", "Adam"),
                                 ("RMSProp", "RMSprop"), ("Adagrad", "Adagrad"), ("Adadelta", "Adadelta"),
                                 ("Ftrl", "Ftrl"))})


def left_reason(dotted: str) -> str:
    """The reason a `tf.compat.v1` reference `dotted` (`tf.compat.v1.image.resize_images`) is left."""
    for name in (dotted, *(dotted.rsplit(".", n)[0] for n in range(1, dotted.count(".") - 1))):
        if name in LEFT:
            return LEFT[name]
    return {DIV: DIV_UNKNOWN, EMBEDDING: EMBEDDING_UNKNOWN}.get(dotted, "a TF 1.x API (tf.compat.v1) with no TF 2 rewrite here")

_FLOATING = {"float16", "float32", "float64", "bfloat16", "half", "double", "complex64", "complex128"}
_INTEGER = {f"{s}int{n}" for s in ("", "u") for n in (8, 16, 32, 64)}
# tf.as_dtype's string names (`placeholder("float")`)
_STRINGS = {**{n: REAL for n in _FLOATING}, **{n: FLOOR for n in _INTEGER}, "float": REAL}


def _tf_names(*names: str) -> set[str]:
    """Each name under tf., tf.math. / tf.nn. as given, and tf.compat.v1."""
    out = set()
    for name in names:
        out |= {f"tf.{name}", f"tf.compat.v1.{name}"}
    return out


# ops whose result has the dtype of their first argument (the others are shapes, axes, indices)
SAME_AS_FIRST = _tf_names(
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "math.reduce_sum", "math.reduce_mean",
    "math.reduce_max", "math.reduce_min", "math.reduce_prod", "expand_dims", "reshape", "squeeze", "transpose",
    "tile", "gather", "gather_nd", "identity", "nn.relu", "nn.relu6", "nn.elu", "nn.selu", "nn.softmax",
    "nn.log_softmax", "nn.sigmoid", "sigmoid", "math.sigmoid", "tanh", "math.tanh", "nn.tanh", "exp", "math.exp",
    "log", "math.log", "sqrt", "math.sqrt", "square", "math.square", "abs", "math.abs", "negative",
    "math.negative", "sign", "math.sign", "floor", "math.floor", "ceil", "math.ceil", "round", "math.round",
    "matrix_diag_part", "linalg.diag_part", "linalg.matrix_transpose", "slice", "strided_slice",
    "clip_by_value", "cumsum", "math.cumsum", "reverse", "nn.l2_normalize", "math.l2_normalize",
    "nn.bias_add", "stop_gradient", "nn.l2_loss", "reduce_logsumexp", "math.reduce_logsumexp",
    "zeros_like", "ones_like", "nn.dropout",
    *(f"{prefix}{op}" for prefix in ("", "math.") for op in (
        "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "erf", "erfc",
        "log1p", "expm1", "rsqrt", "reciprocal", "softplus", "softsign", "lgamma", "digamma")),
    "nn.softplus", "nn.softsign", "math.log_sigmoid", "diag", "linalg.diag", "linalg.tensor_diag", "diag_part",
    "linalg.tensor_diag_part", "nn.embedding_lookup",
)
# elementwise / matrix ops of two tensors of one dtype: the result has it
SAME_AS_ANY = _tf_names(
    "add", "math.add", "subtract", "math.subtract", "multiply", "math.multiply", "matmul", "linalg.matmul",
    "maximum", "math.maximum", "minimum", "math.minimum", "pow", "math.pow", "squared_difference",
    "math.squared_difference", "mod", "math.mod", "floormod", "math.floormod", "floordiv", "math.floordiv",
)
ALWAYS_REAL = _tf_names("truediv", "math.truediv", "divide", "math.divide", "realdiv", "math.realdiv",
                        "to_float", "to_double")
ALWAYS_FLOOR = _tf_names("to_int32", "to_int64", "argmax", "math.argmax", "argmin", "math.argmin", "shape", "size", "rank")
# op -> (position of its dtype parameter, the kind when not given; None: from the value)
DTYPE_PARAMETER = {
    **{name: (1, None) for name in _tf_names("cast", "dtypes.cast")},
    **{name: (1, None) for name in _tf_names("constant")},
    **{name: (1, REAL) for name in _tf_names("zeros", "ones")},
    **{name: (0, None) for name in _tf_names("placeholder")},
    **{name: (3, REAL) for name in _tf_names("random.normal", "random.uniform", "random.truncated_normal",
                                            "random_normal", "random_uniform", "truncated_normal")},
    **{name: (2, REAL) for name in _tf_names("get_variable")},
    **{name: (3, REAL) for name in _tf_names("eye", "linalg.eye")},
}
VARIABLES = _tf_names("Variable")
CONVERT = _tf_names("convert_to_tensor")
# ops returning a tuple: the kind of each element (None: the first argument's)
TUPLES = {name: (None, FLOOR) for name in _tf_names("nn.top_k", "math.top_k")}
_OPAQUE = object()  # a binding whose value is not followed (a loop target, a parameter, an import)


class DtypeKinds:
    """The division kind (REAL or FLOOR) of an expression's value as a tensor or Python number,
    from the text: literals, TensorFlow ops that fix or keep a dtype, and names whose every
    binding in the file (a flow-insensitive reading, so sound wherever the name is read)
    gives the same kind. `qual` maps an expression to its dotted name with the TensorFlow
    alias spelled `tf` (None otherwise); `numpy` is the file's names for numpy."""

    def __init__(self, tree: ast.Module, qual, numpy: set[str]) -> None:
        self.qual, self.numpy = qual, numpy
        self.bindings: dict[str, list] = {}
        self.star = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                self._add(node.target.id, node.value if node.value is not None else _OPAQUE)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                self._add(node.target.id, ast.BinOp(ast.Name(node.target.id, ast.Load()), node.op, node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                self._opaque(node.target)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                self._opaque(node.optional_vars)
            elif isinstance(node, ast.NamedExpr):
                self._add(node.target.id, node.value)
            elif isinstance(node, ast.arg):
                self._add(node.arg, _OPAQUE)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    self._add((alias.asname or alias.name).split(".")[0], _OPAQUE)
                    self.star = self.star or alias.name == "*"  # any name may come from it
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._add(node.name, _OPAQUE)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                for name in node.names:
                    self._add(name, _OPAQUE)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self._add(node.name, _OPAQUE)
            elif isinstance(node, ast.Delete):
                self._opaque(ast.Tuple(node.targets, ast.Store()))
        self.active: set[str] = set()

    def _add(self, name: str, value) -> None:
        self.bindings.setdefault(name, []).append(value)

    def _opaque(self, target) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self._add(node.id, _OPAQUE)

    def _bind(self, target, value) -> None:
        if isinstance(target, ast.Name):
            self._add(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, ast.Call) \
                and self.qual(value.func) in TUPLES and len(target.elts) == len(TUPLES[self.qual(value.func)]) \
                and all(isinstance(e, ast.Name) for e in target.elts):
            for element, kind in zip(target.elts, TUPLES[self.qual(value.func)]):
                self._add(element.id, ("first-of", value) if kind is None else ("kind", kind))
        else:
            self._opaque(target)

    # -- reading -----------------------------------------------------------------
    def kind(self, node) -> str | None:
        """REAL, FLOOR or None (not known)."""
        found = self._kind(node)
        return found[0] if found else None

    def is_literal(self, node) -> bool:
        """A Python number written in the text (or arithmetic of them): not a tensor."""
        found = self._kind(node)
        return bool(found) and not found[1]

    def _kind(self, node) -> tuple[str, bool] | None:
        """(kind, is a tensor) or None."""
        if isinstance(node, tuple):  # a tuple op's element binding
            tag, value = node
            if tag == "kind":
                return value, True
            found = self._kind(value.args[0]) if value.args else None
            return (found[0], True) if found else None
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float, complex)):
                return None
            return (FLOOR if isinstance(node.value, int) else REAL), False
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self._kind(node.operand)
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Subscript):  # a slice of a tensor keeps its dtype
            found = self._kind(node.value)
            return found if found and found[1] else None
        if isinstance(node, ast.IfExp):
            a, b = self._kind(node.body), self._kind(node.orelse)
            return a if a and a == b else None
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _binop(self, node: ast.BinOp) -> tuple[str, bool] | None:
        left, right = self._kind(node.left), self._kind(node.right)
        tensors = [k for k in (left, right) if k and k[1]]
        if isinstance(node.op, ast.Div):  # Python 3 `/`: truediv for tensors, a float for numbers
            return (REAL, True) if tensors else ((REAL, False) if left and right else None)
        if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Pow, ast.FloorDiv, ast.Mod)):
            return None
        if tensors:  # a tensor operator converts the other operand to its dtype
            return tensors[0] if all(t[0] == tensors[0][0] for t in tensors) else None
        if left and right:  # two Python numbers (written in the text): Python's arithmetic
            if isinstance(node.op, ast.Pow) and REAL not in (left[0], right[0]):
                return None  # `2 ** -1` is a float
            return (REAL if REAL in (left[0], right[0]) else FLOOR), False
        return None

    def _name(self, name: str) -> tuple[str, bool] | None:
        values = self.bindings.get(name)
        if not values or self.star or any(v is _OPAQUE for v in values) or name in self.active:
            return None
        own = [v for v in values if isinstance(v, ast.AST) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(v))]
        self.active.add(name)
        try:
            found = {self._kind(v) for v in values if not any(v is o for o in own)}
            if len(found) != 1 or None in found:
                return None
            (result,) = found
            # `h = tf.nn.relu(h)`, `loss += 0.1 * reg`: read with the name of that kind, they must keep it
            probe = _Probe(self, name, result)
            if any(probe._kind(v) != result for v in own):
                return None
        finally:
            self.active.discard(name)
        return result

    def _call(self, call: ast.Call) -> tuple[str, bool] | None:
        called = self.qual(call.func)
        if called is None:
            return None
        if called == DIV and call.args:  # v1's div: the dtype of its first argument
            found = self._kind(call.args[0])
            return (found[0], True) if found else None
        root, _, rest = called.partition(".")
        if (root in self.numpy and rest in ("array", "asarray") or called in CONVERT) and call.args:
            # NumPy's array of numbers written in the text (int64 / float64), or TF's conversion of
            # a value: the dtype given, else the value's (a Python number's default for convert)
            dtype = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "dtype"), None)
            if dtype is not None:
                kind = self.dtype_kind(dtype)
            elif called in CONVERT:
                found = self._kind(call.args[0])
                kind = found[0] if found else None
            else:
                kind = self._literal_kind(call.args[0])
            return (kind, True) if kind else None
        if called in ALWAYS_REAL:
            return REAL, True
        if called in ALWAYS_FLOOR:
            return FLOOR, True
        if called in VARIABLES:
            dtype = next((k.value for k in call.keywords if k.arg == "dtype"), None)
            if dtype is not None:
                kind = self.dtype_kind(dtype)
                return (kind, True) if kind else None
            initial = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "initial_value"), None)
            found = self._kind(initial) if initial is not None else None
            return (found[0], True) if found else None  # tf.Variable(0.5): float32, tf.Variable(0): int32
        if called in DTYPE_PARAMETER and called.endswith("get_variable"):
            initializer = call.args[3] if len(call.args) > 3 else next((k.value for k in call.keywords if k.arg == "initializer"), None)
            if initializer is not None and not (isinstance(initializer, ast.Call) and "nitializer" in (self.qual(initializer.func) or "")):
                return None  # a tensor or value as the initializer gives the variable its dtype
        if called in DTYPE_PARAMETER:
            position, default = DTYPE_PARAMETER[called]
            dtype = call.args[position] if len(call.args) > position else next(
                (k.value for k in call.keywords if k.arg == "dtype"), None)
            if dtype is not None:
                kind = self.dtype_kind(dtype)
                return (kind, True) if kind else None
            if default is not None:
                return default, True
            if called.endswith("constant") and call.args:
                kind = self._literal_kind(call.args[0])
                return (kind, True) if kind else None
            return None
        if called in SAME_AS_FIRST:
            value = call.args[0] if call.args else None
            found = self._kind(value) if value is not None else None
            return (found[0], True) if found else None  # a Python number: converted with its default dtype
        if called in SAME_AS_ANY:
            kinds = [self._kind(a) for a in call.args[:2]]
            tensors = [k for k in kinds if k and k[1]]
            if tensors and all(t[0] == tensors[0][0] for t in tensors):
                return tensors[0][0], True
            if len(kinds) == 2 and all(kinds) and not tensors:  # two Python numbers: the first's dtype
                return kinds[0][0], True
            return None
        return None

    def is_single_tensor(self, node) -> bool:
        """Is `node` one tensor or variable (not a list of them), by the same reading?"""
        found = self._kind(node)
        if found:
            return found[1]
        if isinstance(node, ast.Call):
            return self.qual(node.func) in VARIABLES | _tf_names("get_variable")
        if isinstance(node, ast.Name):
            values = self.bindings.get(node.id)
            if not values or self.star or any(v is _OPAQUE or not isinstance(v, ast.AST) for v in values) or node.id in self.active:
                return False
            self.active.add(node.id)
            try:
                return all(self.is_single_tensor(v) for v in values)
            finally:
                self.active.discard(node.id)
        return False

    def literal_shape(self, node) -> tuple[int, ...] | None:
        """The shape of a value written in the text: a number or bool, a rectangular nested list of them,
        tf.constant / convert_to_tensor of one (no `shape=`), or a name bound to one only; else None."""
        if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, float)):
            return ()
        if isinstance(node, ast.UnaryOp):
            return self.literal_shape(node.operand)
        if isinstance(node, (ast.List, ast.Tuple)):
            shapes = {self.literal_shape(e) for e in node.elts}
            return (len(node.elts), *shapes.pop()) if len(shapes) == 1 and None not in shapes else None
        if isinstance(node, ast.Call) and self.qual(node.func) in CONVERT | _tf_names("constant") and node.args \
                and not any(k.arg in ("shape", None) for k in node.keywords) and len(node.args) <= 2:
            return self.literal_shape(node.args[0])
        values = self.bindings.get(node.id) if isinstance(node, ast.Name) else None
        if not values or len(values) != 1 or self.star or not isinstance(values[0], ast.AST) or node.id in self.active:
            return None
        self.active.add(node.id)
        try:
            return self.literal_shape(values[0])
        finally:
            self.active.discard(node.id)

    def _literal_kind(self, node) -> str | None:
        """tf.constant's dtype from a value written in the text: numbers, nested lists of them."""
        if isinstance(node, (ast.List, ast.Tuple)):
            kinds = {self._literal_kind(e) for e in node.elts}
            if not kinds or None in kinds:
                return None
            return REAL if REAL in kinds else FLOOR
        found = self._kind(node)
        return found[0] if found and not found[1] else None

    def dtype_kind(self, node) -> str | None:
        """The kind of a dtype written as `tf.float32`, `np.int64` or `"float"`."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return _STRINGS.get(node.value)
        dotted = self.qual(node)
        if dotted is None:
            return None
        root, _, rest = dotted.partition(".")
        if root == "tf" or root in self.numpy:
            rest = rest.removeprefix("dtypes.")
            return REAL if rest in _FLOATING else FLOOR if rest in _INTEGER else None
        return None


class _Probe(DtypeKinds):
    """A DtypeKinds reading one name as having a given kind (the one its other bindings give)."""

    def __init__(self, outer: DtypeKinds, name: str, kind: tuple[str, bool]) -> None:
        self.__dict__.update(outer.__dict__)
        self.active = set(outer.active) - {name}
        self.name, self.given = name, kind

    def _name(self, name: str):
        if name == self.name:
            return self.given
        return super()._name(name)


def _mse_arguments(call: ast.Call, strings: dict[str, int] | None = None):
    """(labels, predictions) of `mean_squared_error(labels, predictions)` given those two alone,
    or with a literal `scope=` the file writes nowhere else (`strings`: the count of each string
    literal of the file). The scope named the loss's ops, and TF 1.x's graph made a later name
    it took unique: MorvanZhou's `tf.summary.scalar('loss', loss)` after `scope='loss'` was
    tagged `loss_1` (measured), which a rewrite dropping the scope would write as `loss`: a scope
    written elsewhere too is kept as the reduce_mean's `name=` (`_mse_kept_name`), which takes the
    name in the graph as the scope did, so tf2_graph's `_summary_tag` gives the summary its `_1`."""
    if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > 2:
        return None
    given = dict(zip(("labels", "predictions"), call.args))
    for keyword in call.keywords:
        if keyword.arg == "scope" and isinstance(keyword.value, ast.Constant) and (keyword.value.value is None or isinstance(
                keyword.value.value, str) and keyword.value.value.strip("/") and "/" not in keyword.value.value):
            continue  # the name scope of its ops (losses_impl.py: `ops.name_scope(scope, ...)`), names eager TF 2 has not
        if keyword.arg not in ("labels", "predictions") or keyword.arg in given:
            return None
        given[keyword.arg] = keyword.value
    return (given["labels"], given["predictions"]) if len(given) == 2 else None


def _mse_kept_name(call: ast.Call, strings: dict[str, int] | None) -> str | None:
    """The literal `scope=` of a v1 mean_squared_error the file writes elsewhere too (`_mse_arguments`)."""
    scope = next((k.value.value for k in call.keywords if k.arg == "scope" and isinstance(k.value, ast.Constant)
                  and isinstance(k.value.value, str)), None)
    return scope if scope is not None and (strings or {}).get(scope, 0) > 1 else None


def rewritten_positions(text: str) -> set[tuple[int, int]]:
    """(line, 1-based column) in `text` of each reference `exact_spellings` rewrites (where
    `tf2_graph.leftovers` of `text` names one, it is not what keeps the file compat)."""
    from migrate.tf2_graph import Converter, Fallback

    try:
        converter = Converter(text)
    except (Fallback, SyntaxError):
        return set()
    found = set()
    for start, _, _ in _edits(converter)[0]:
        line = text.count("\n", 0, start) + 1
        found.add((line, start - (text.rfind("\n", 0, start) + 1) + 1))
    return found


def exact_spellings(text: str) -> tuple[str, list[tuple[int, int, int, str, str]], list]:
    """`text` (a compat-migrated module) with the rewrites applied; where they changed it:
    (line, column where the change ends in the new text, characters added, old, new) per edit, for
    mapping a position in the new text back (`position_back`); and a Fallback (positioned in
    `text`) for each `tf.compat.v1.div` left because its first argument's dtype is not known.
    `text` itself when it has no module-level TensorFlow import or does not parse."""
    from migrate.tf2_graph import Converter, Fallback

    try:
        converter = Converter(text)
    except (Fallback, SyntaxError):
        return text, [], []
    edits, unknown = _edits(converter)
    unknown = [converter.fail(node, DIV_UNKNOWN, "tf.compat.v1.div".replace("tf.", converter.alias + ".", 1)) for node in unknown]
    if not edits:
        return text, [], unknown
    out, moved = text, []
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    shift: dict[int, int] = {}
    for start, end, new in sorted(edits):
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + shift.get(line, 0)
        moved.append((line, col + len(new), len(new) - (end - start), text[start:end], new))
        shift[line] = shift.get(line, 0) + len(new) - (end - start)
    return out, moved, unknown


def position_back(line: int, col: int, construct: str, moved: list) -> tuple[int, str]:
    """The 1-based column in the text given to `exact_spellings` of column `col` of `line` in
    its result, and `construct` (text quoted from that line) with the line's rewrites undone."""
    for at_line, _, _, old, new in moved:
        if at_line == line:
            construct = construct.replace(new, old)
    return col - sum(added for at_line, end, added, _, _ in moved if at_line == line and end < col), construct


def _edits(converter) -> tuple[list[tuple[int, int, str]], list[ast.Attribute]]:
    """The edits (start, end, new text) and the `div` references left (dtype not known)."""
    numpy = {name for name, module in converter.imported_from.items() if module == "numpy"}
    kinds = DtypeKinds(converter.tree, converter.qual, numpy)
    edits, unknown = [], []
    parents = {id(child): parent for parent in ast.walk(converter.tree) for child in ast.iter_child_nodes(parent)}
    # no Session or placeholder left (a module of model classes tf2_classes rewrote): its variables are made eagerly
    eager = not any(isinstance(n, ast.Call) and converter.qual(n.func) in GRAPH_CALLS for n in ast.walk(converter.tree))
    strings: dict[str, int] | None = None  # each string literal of the file, counted when a v1 loss is met
    for node in ast.walk(converter.tree):
        if strings is None and isinstance(node, ast.Call) and converter.qual(node.func) == MSE_V1:
            strings = Counter(n.value for n in ast.walk(converter.tree) if isinstance(n, ast.Constant)
                              and isinstance(n.value, str))  # (a loss's scope= written elsewhere too)
        if isinstance(node, ast.Call) and converter.qual(node.func) == DIV and node.args:
            kind = kinds.kind(node.args[0])
            if kind is None:
                unknown.append(node.func)
                continue
            new = converter.tf("tf.realdiv" if kind == REAL else "tf.math.floordiv")
            edits.append((converter.offset(node.func), converter.end_offset(node.func), new))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == EMBEDDING:
            # one tensor: no partitions, so v1's 'mod' and TF 2's 'div' split alike (a list of one too);
            # validate_indices was unused (embedding_ops.py), partition_strategy is TF 2's 'div'
            params = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "params"), None)
            if len(node.args) <= 2 and not any(isinstance(a, ast.Starred) for a in node.args) \
                    and all(k.arg in ("params", "ids", "name", "max_norm") for k in node.keywords) \
                    and params is not None and kinds.is_single_tensor(params):
                edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.nn.embedding_lookup")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == DROPOUT_V1:
            # rate given, keep_prob not: v1's dropout is dropout_v2(x, rate, noise_shape=, seed=, name=)
            if len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) and "rate" in {k.arg for k in node.keywords} \
                    and all(k.arg in ("rate", "noise_shape", "seed", "name") for k in node.keywords):
                edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.nn.dropout")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == SOFTMAX:
            if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords) \
                    or len(node.args) > 3 or {k.arg for k in node.keywords} >= {"axis", "dim"}:
                continue
            edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.nn.softmax")))
            for keyword in node.keywords:
                if keyword.arg == "dim":  # v1's deprecated name of axis
                    edits.append((converter.offset(keyword), converter.offset(keyword.value), "axis="))
        elif isinstance(node, ast.Call) and eager and converter.qual(node.func) == VARIABLE_V1 and len(node.args) <= 2 \
                and not any(isinstance(a, ast.Starred) for a in node.args) \
                and all(k.arg in VARIABLE_V2_KEYWORDS for k in node.keywords):
            # v1's Variable made eagerly is TF 2's resource variable; their first two parameters and these
            # keywords are the same (v1's third positional parameter is `collections`, TF 2's `validate_shape`)
            edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.Variable")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == MSE_V1 and _mse_arguments(node, strings) is not None:
            labels, predictions = _mse_arguments(node, strings)
            f32 = converter.tf("tf.float32")
            cast = converter.tf("tf.cast")
            kept = _mse_kept_name(node, strings)
            spelled = (f"{converter.tf('tf.reduce_mean')}({converter.tf('tf.math.squared_difference')}("
                       f"{cast}({converter.source(predictions)}, {f32}), {cast}({converter.source(labels)}, {f32}))"
                       + (f", name={kept!r})" if kept is not None else ")"))
            edits.append((converter.offset(node), converter.end_offset(node), spelled))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == XW_PLUS_B:
            given = bound_arguments(node, ("x", "weights", "biases", "name"))
            if given is None or not {"x", "weights", "biases"} <= set(given) or any(
                    isinstance(given[k], (*_SEQUENCES, ast.Constant, ast.UnaryOp, ast.BinOp)) for k in ("x", "weights", "biases")):
                continue
            x, weights, biases = (converter.source(given[k]) for k in ("x", "weights", "biases"))
            name = f", name={converter.source(given['name'])}" if "name" in given else ""
            edits.append((converter.offset(node), converter.end_offset(node),
                          f"{converter.tf('tf.nn.bias_add')}({converter.tf('tf.matmul')}({x}, {weights}), {biases}{name})"))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == COND_V1 and _cond_exact(node, converter.tree):
            edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.cond")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == CASE_V1 and _case_exact(node):
            edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.case")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) == CASE_V1 and _case_pairs(node, converter):
            edits += [(converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.case")),
                      *_case_pairs(node, converter)]
        elif isinstance(node, ast.Call) and converter.qual(node.func) == WHERE_V1 \
                and _where_exact(node, converter.source, converter.qual, kinds.is_literal, lambda n, at=node: _shape_at(n, at, kinds, converter.tree, parents)):
            edits.append((converter.offset(node.func), converter.end_offset(node.func), converter.tf("tf.where")))
        elif isinstance(node, ast.Call) and converter.qual(node.func) in RAW_OPS:
            edits += _raw_op_edits(node, converter)
        elif isinstance(node, ast.Attribute) and converter.qual(node) in SAME_OPS:
            edits.append((converter.offset(node), converter.end_offset(node), converter.tf(SAME_OPS[converter.qual(node)])))
        elif isinstance(node, ast.Attribute) and converter.qual(node) == SOFTMAX:
            parent = parents.get(id(node))
            if not (isinstance(parent, ast.Call) and parent.func is node) and not isinstance(parent, ast.Attribute):
                # a function object (`activation=tf.nn.softmax`): called with a tensor
                edits.append((converter.offset(node), converter.end_offset(node), converter.tf("tf.nn.softmax")))
    return edits, sorted(unknown, key=lambda n: (n.lineno, n.col_offset))


def _raw_op_edits(call: ast.Call, converter) -> list[tuple[int, int, str]]:
    """The edits writing v1's `call` of a RAW_OPS function as its raw op: the name, each positional
    argument given its keyword in front (the raw op takes keywords only) and a renamed keyword; none
    when an argument is not known (`*args`, `**kwargs`) or a positional one is parenthesized."""
    op, parameters, renamed = RAW_OPS[converter.qual(call.func)]
    if bound_arguments(call, parameters) is None:
        return []
    edits = [(converter.offset(call.func), converter.end_offset(call.func), converter.tf(f"tf.raw_ops.{op}"))]
    before = converter.end_offset(call.func)
    for parameter, argument in zip(parameters, call.args):
        if converter.text[before:converter.offset(argument)].strip() != ("," if len(edits) > 1 else "("):
            return []  # `f((x), y)`: the keyword would go inside the parentheses
        edits.append((converter.offset(argument), converter.offset(argument), f"{renamed.get(parameter, parameter)}="))
        before = converter.end_offset(argument)
    edits += [(converter.offset(k), converter.offset(k.value), f"{renamed[k.arg]}=") for k in call.keywords if k.arg in renamed]
    given = bound_arguments(call, parameters)
    missing = [f"{k}={converter.tf(v)}"  # (`tf.constant([])` in the file's alias)
               for k, v in RAW_DEFAULTS.get(converter.qual(call.func), {}).items() if k not in given]
    if missing:  # before the closing parenthesis, after a trailing comma if there is one
        end = converter.end_offset(call) - 1
        comma = converter.text[converter.end_offset(call.keywords[-1] if call.keywords else call.args[-1]):end].strip() == ","
        edits.append((end, end, ("" if comma else ", ") + ", ".join(missing)))
    if converter.qual(call.func) in RAW_RESULTS:
        end = converter.end_offset(call)
        edits.append((end, end, f"[:{RAW_RESULTS[converter.qual(call.func)]}]"))
    return edits


def bound_arguments(call: ast.Call, parameters: tuple[str, ...], positional: int | None = None) -> dict[str, ast.expr] | None:
    """{parameter: argument} of `call` (`parameters` in their order, the first `positional` of
    them, all by default, given by position), or None for `*args`, `**kwargs`, more positional
    arguments, another keyword or a parameter given twice."""
    positional = len(parameters) if positional is None else positional
    if len(call.args) > positional or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg not in parameters for k in call.keywords):
        return None
    given = dict(zip(parameters, call.args))
    for keyword in call.keywords:
        if keyword.arg in given:
            return None
        given[keyword.arg] = keyword.value
    return given


_SEQUENCES = (ast.List, ast.Tuple, ast.ListComp)


def _number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def _cond_exact(call: ast.Call, tree: ast.Module) -> bool:
    """v1's cond of branches whose results are no list or tuple: TF 2's cond computes the same."""
    given = bound_arguments(call, ("pred", "true_fn", "false_fn", "name"), 3)
    if given is None or "true_fn" not in given or "false_fn" not in given:
        return False
    sequences = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, _SEQUENCES)
                 for t in n.targets if isinstance(t, ast.Name)}
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

    def single(value) -> bool:
        return value is not None and not isinstance(value, _SEQUENCES) \
            and not (isinstance(value, ast.Name) and value.id in sequences)

    for branch in (given["true_fn"], given["false_fn"]):
        if isinstance(branch, ast.Lambda):
            if not single(branch.body):
                return False
        elif isinstance(branch, ast.Name) and branch.id in functions:
            returns = [n for n in ast.walk(functions[branch.id]) if isinstance(n, ast.Return)]
            if not returns or not all(single(r.value) for r in returns):
                return False
        else:
            return False
    return True


def _case_pairs(call: ast.Call, converter) -> list[tuple[int, int, str]]:
    """The edits writing the dict of v1's `case(..., default=..., exclusive=True)` as a list of pairs in its
    order; none for another call. With exclusive=True both cases assert that at most one predicate holds and
    give its branch, else the default (the order, v1's graph names' in a dict, only orders the tests)."""
    given = bound_arguments(call, ("pred_fn_pairs", "default", "exclusive", "strict", "name"))
    pairs = (given or {}).get("pred_fn_pairs")
    if not isinstance(pairs, ast.Dict) or None in pairs.keys or "default" not in given \
            or not (isinstance(given.get("exclusive"), ast.Constant) and given["exclusive"].value is True):
        return []
    start, end = converter.offset(pairs), converter.end_offset(pairs)
    edits = [(start, start + 1, "["), (end - 1, end, "]")]
    for key, value in zip(pairs.keys, pairs.values):
        if converter.text[converter.end_offset(key):converter.offset(value)].strip() != ":":
            return []  # `{(a): f}`: the parenthesis would be split
        edits += [(converter.offset(key), converter.offset(key), "("),
                  (converter.end_offset(key), converter.offset(value), ", "),
                  (converter.end_offset(value), converter.end_offset(value), ")")]
    return edits


def _case_exact(call: ast.Call) -> bool:
    """v1's case of a list or tuple of pairs: TF 2's case has its parameters and helper."""
    given = bound_arguments(call, ("pred_fn_pairs", "default", "exclusive", "strict", "name"))
    return given is not None and isinstance(given.get("pred_fn_pairs"), (ast.List, ast.Tuple))


# the elementwise comparisons of two tensors (broadcast, as the operators are), by their TF names
COMPARISONS = _tf_names(*(f"{prefix}{op}" for prefix in ("", "math.")
                          for op in ("greater", "greater_equal", "less", "less_equal", "equal", "not_equal")))


def _where_exact(call: ast.Call, source, qual=None, is_number=None, shape=None) -> bool:
    """v1's where of a condition only, or of a condition comparing x (or y) with the other or a
    number: Select and SelectV2 then see three tensors of one shape. Also a condition
    comparing two tensors a and b (an operator, or `qual`'s name of a comparison op:
    `tf.greater(y, y_)`) whose branches are arithmetic of a and b and numbers (`is_number`: a
    name bound to numbers only): the condition has the broadcast shape of a and b, which no
    branch exceeds, and v1's Select (a rank-1 condition picks the rows of a branch of higher
    rank, else one shape) ran only when both branches had the condition's shape. Also three values
    of one shape written in the text (`shape`: a value's shape, else None)."""
    given = bound_arguments(call, ("condition", "x", "y", "name"), 3)
    if given is None or "condition" not in given:
        return False
    if "x" not in given and "y" not in given:
        return True
    if "x" not in given or "y" not in given:
        return False
    if shape is not None and shape(given["condition"]) is not None \
            and shape(given["condition"]) == shape(given["x"]) == shape(given["y"]):
        return True  # `tf.where(Z, X, Y)` of three constants of one shape written in the text
    sides = _compared(given["condition"], qual)
    if sides is None:
        return False
    x, y = given["x"], given["y"]
    if all(any(_same(side, branch) for branch in (x, y)) for side in sides):
        return True  # `tf.where(a > b, a, b)`: Select ran only for a and b of one shape
    # `tf.where(X < 4, X, X * 10)`: a branch compared with a number, the other of its shape
    compared = [side for side in sides if not _number(side)]
    if len(compared) == 1 and any(
            _same(compared[0], branch) and _shape_of(branch, other) for branch, other in ((x, y), (y, x))):
        return True
    # `tf.where(tf.greater(y, y_), (y - y_) * more, (y_ - y) * less)`
    return is_number is not None and all(_arithmetic_of(branch, sides, is_number) for branch in (x, y))


def _shape_at(value: ast.expr, at: ast.AST, kinds: DtypeKinds, tree: ast.Module, parents: dict) -> tuple[int, ...] | None:
    """`kinds.literal_shape(value)`; for a name read by a module-level statement `at` is in (not in a
    function or lambda of it, which runs later), the shape of the value the last module-level
    `name = value` before that statement bound it to, where no other statement before binds the name
    (a notebook's `X` bound again in a later cell) and no `global` is."""
    if isinstance(value, ast.Name):
        statement, later = at, False  # later: in a function or lambda, run after the statements that follow
        while parents.get(id(statement)) is not None and parents[id(statement)] is not tree:
            statement = parents[id(statement)]
            later = later or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
        bound = None
        if parents.get(id(statement)) is tree and not later and not any(isinstance(n, ast.Global) for n in ast.walk(tree)):
            for before in tree.body[:tree.body.index(statement)]:
                if isinstance(before, ast.Assign) and len(before.targets) == 1 and isinstance(before.targets[0], ast.Name) \
                        and before.targets[0].id == value.id:
                    bound = before.value
                elif _binds(before, value.id):
                    bound = None
        if bound is not None:
            return kinds.literal_shape(bound)
    return kinds.literal_shape(value)


def _binds(statement: ast.stmt, name: str) -> bool:
    """Does `statement` (or a statement inside it) bind `name` (or import everything from a module)?"""
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, (ast.Store, ast.Del)) \
                or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name \
                or isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                    (a.asname or a.name.split(".")[0]) in (name, "*") for a in node.names):
            return True
    return False


def _compared(condition: ast.expr, qual) -> list[ast.expr] | None:
    """The two sides of a comparison (`a > b`, `tf.greater(a, b)`), else None."""
    if isinstance(condition, ast.Compare) and len(condition.ops) == 1:
        return [condition.left, condition.comparators[0]]
    if isinstance(condition, ast.Call) and qual is not None and qual(condition.func) in COMPARISONS:
        given = bound_arguments(condition, ("x", "y", "name"))
        if given is not None and "x" in given and "y" in given:
            return [given["x"], given["y"]]
    return None


def _arithmetic_of(node: ast.expr, sides: list[ast.expr], is_number) -> bool:
    """`node` is arithmetic (+ - * / // % **, a sign) of `sides` and numbers."""
    if any(_same(node, side) for side in sides) or _number(node) or is_number(node):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)):
        return _arithmetic_of(node.left, sides, is_number) and _arithmetic_of(node.right, sides, is_number)
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) \
        and _arithmetic_of(node.operand, sides, is_number)


def _same(a: ast.expr, b: ast.expr) -> bool:
    return ast.dump(a) == ast.dump(b)


def _shape_of(x: ast.expr, y: ast.expr) -> bool:
    """`y` is `x`, or `x` combined with numbers by arithmetic (`X * 10`): a tensor of x's shape."""
    if _same(x, y):
        return True
    if isinstance(y, ast.BinOp):
        parts = (y.left, y.right)
        return any(_shape_of(x, p) for p in parts) and all(_shape_of(x, p) or _number(p) for p in parts)
    return isinstance(y, ast.UnaryOp) and _shape_of(x, y.operand)
