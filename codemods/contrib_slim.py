"""MIG105: `tf.contrib` (removed in TF 2.0) -> tf_slim and TF 2 homes; the rest is warned about."""
from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation

import libcst as cst

from migrate.codemod import Codemod, _bound_names, ast_finding, dotted_expr, dotted_text
from migrate.codemods.contrib_eager import add_helpers
from migrate.prescan import dotted_name, tf_symbol

# Public names of the tf-slim 1.1 package (tf_slim), the maintained copy of
# tf.contrib.slim and of most of tf.contrib.layers / tf.contrib.framework.
TF_SLIM_EXPORTS = frozenset("""
GDN OPTIMIZER_CLS_NAMES OPTIMIZER_SUMMARIES RevBlock VariableDeviceChooser adaptive_clipping_fn
add_arg_scope add_model_variable apply_regularization arg_scope arg_scoped_arguments
assert_global_step assert_or_get_global_step assign_from_checkpoint assign_from_checkpoint_fn
assign_from_values assign_from_values_fn avg_pool2d avg_pool3d batch_norm bias_add bucketize
conv1d conv2d conv2d_in_plane conv2d_transpose conv3d conv3d_transpose convolution convolution1d
convolution2d convolution2d_in_plane convolution2d_transpose convolution3d convolution3d_transpose
create_global_step current_arg_scope data dense_to_sparse dropout elu evaluation filter_variables
flatten fully_connected gdn get_global_step get_local_variables get_model_variables
get_or_create_global_step get_trainable_variables get_unique_variable get_variable_full_name
get_variables get_variables_by_name get_variables_by_suffix get_variables_to_restore
global_variable group_norm has_arg_scope images_to_sequence initializers instance_norm
l1_l2_regularizer l1_regularizer l2_regularizer layer_norm layers learning legacy_fully_connected
legacy_linear legacy_relu linear local_variable losses max_pool2d max_pool3d maxout metrics
model_analyzer model_variable one_hot_encoding optimize_loss optimizers pool prefetch_queue queues
recompute_grad regularizers relu relu6 repeat rev_block scale_gradient separable_conv2d
separable_convolution2d sequence_to_images softmax spatial_softmax stack sum_regularizer summaries
summarize_activation summarize_activations summarize_biases summarize_collection summarize_tensor
summarize_tensors summarize_variables summarize_weights summary train unit_norm utils variable
variance_scaling_initializer xavier_initializer xavier_initializer_conv2d
""".split())

# tf.contrib.rnn names with an exact home in tf.compat.v1.nn (cells need tf-keras, see MIG104).
RNN_CELLS = frozenset({
    "BasicLSTMCell", "BasicRNNCell", "GRUCell", "LSTMCell", "MultiRNNCell", "DropoutWrapper",
    "ResidualWrapper", "DeviceWrapper", "RNNCell", "LSTMStateTuple",
})
RNN_FUNCTIONS = frozenset({"static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn"})
# tf.contrib.framework names kept by TF itself.
FRAMEWORK_TO_TF = {
    "get_or_create_global_step": "compat.v1.train.get_or_create_global_step",
    "get_global_step": "compat.v1.train.get_global_step",
    "nest": "nest",
}
# contrib names that TF 2 kept under another name, the same function with the same
# parameters (TF 1.15's contrib exported them as aliases).  Source: TensorFlow's own
# tf_upgrade_v2 rename table (tensorflow/tools/compatibility/all_renames_v2.py), keeping
# only targets present in TF 2.21 (tests/codemods/test_contrib_slim.py checks each one
# against the installed TensorFlow); left out: contrib.summary (its functions take
# (name, tensor, family, step), TF 2's (name, data, step)) and contrib.batching
# (another parameter order).
CONTRIB_TO_TF = {
    "cluster_resolver.ClusterResolver": "distribute.cluster_resolver.ClusterResolver",
    "cluster_resolver.GceClusterResolver": "distribute.cluster_resolver.GCEClusterResolver",
    "cluster_resolver.KubernetesClusterResolver": "distribute.cluster_resolver.KubernetesClusterResolver",
    "cluster_resolver.SimpleClusterResolver": "distribute.cluster_resolver.SimpleClusterResolver",
    "cluster_resolver.SlurmClusterResolver": "distribute.cluster_resolver.SlurmClusterResolver",
    "cluster_resolver.TFConfigClusterResolver": "distribute.cluster_resolver.TFConfigClusterResolver",
    "cluster_resolver.TPUClusterResolver": "distribute.cluster_resolver.TPUClusterResolver",
    "data.AUTOTUNE": "data.experimental.AUTOTUNE",
    "data.Counter": "data.experimental.Counter",
    "data.CsvDataset": "data.experimental.CsvDataset",
    "data.Optional": "data.experimental.Optional",
    "data.RandomDataset": "data.experimental.RandomDataset",
    "data.Reducer": "data.experimental.Reducer",
    "data.SqlDataset": "data.experimental.SqlDataset",
    "data.TFRecordWriter": "data.experimental.TFRecordWriter",
    "data.bucket_by_sequence_length": "data.experimental.bucket_by_sequence_length",
    "data.choose_from_datasets": "data.experimental.choose_from_datasets",
    "data.copy_to_device": "data.experimental.copy_to_device",
    "data.dense_to_sparse_batch": "data.experimental.dense_to_sparse_batch",
    "data.enumerate_dataset": "data.experimental.enumerate_dataset",
    "data.get_next_as_optional": "data.experimental.get_next_as_optional",
    "data.get_single_element": "data.experimental.get_single_element",
    "data.group_by_reducer": "data.experimental.group_by_reducer",
    "data.group_by_window": "data.experimental.group_by_window",
    "data.ignore_errors": "data.experimental.ignore_errors",
    "data.make_batched_features_dataset": "data.experimental.make_batched_features_dataset",
    "data.make_csv_dataset": "data.experimental.make_csv_dataset",
    "data.make_saveable_from_iterator": "data.experimental.make_saveable_from_iterator",
    "data.map_and_batch": "data.experimental.map_and_batch",
    "data.parallel_interleave": "data.experimental.parallel_interleave",
    "data.parse_example_dataset": "data.experimental.parse_example_dataset",
    "data.prefetch_to_device": "data.experimental.prefetch_to_device",
    "data.rejection_resample": "data.experimental.rejection_resample",
    "data.sample_from_datasets": "data.experimental.sample_from_datasets",
    "data.scan": "data.experimental.scan",
    "data.shuffle_and_repeat": "data.experimental.shuffle_and_repeat",
    "data.unbatch": "data.experimental.unbatch",
    "data.unique": "data.experimental.unique",
    "distribute.CrossDeviceOps": "distribute.CrossDeviceOps",
    "distribute.ReductionToOneDeviceCrossDeviceOps": "distribute.ReductionToOneDevice",
    "framework.CriticalSection": "CriticalSection",
    "framework.argsort": "argsort",
    "framework.is_tensor": "is_tensor",
    "framework.load_variable": "train.load_variable",
    "framework.nest.assert_same_structure": "nest.assert_same_structure",
    "framework.nest.flatten": "nest.flatten",
    "framework.nest.is_nested": "nest.is_nested",
    "framework.nest.map_structure": "nest.map_structure",
    "framework.nest.pack_sequence_as": "nest.pack_sequence_as",
    "framework.sort": "sort",
    "layers.recompute_grad": "recompute_grad",
    "tpu.CrossShardOptimizer": "compat.v1.tpu.CrossShardOptimizer",
    "tpu.batch_parallel": "compat.v1.tpu.batch_parallel",
    "tpu.bfloat16_scope": "compat.v1.tpu.bfloat16_scope",
    "tpu.core": "compat.v1.tpu.core",
    "tpu.cross_replica_sum": "compat.v1.tpu.cross_replica_sum",
    "tpu.initialize_system": "compat.v1.tpu.initialize_system",
    "tpu.outside_compilation": "compat.v1.tpu.outside_compilation",
    "tpu.replicate": "compat.v1.tpu.replicate",
    "tpu.rewrite": "compat.v1.tpu.rewrite",
    "tpu.shard": "compat.v1.tpu.shard",
    "tpu.shutdown_system": "compat.v1.tpu.shutdown_system",
    "training.checkpoints_iterator": "train.checkpoints_iterator",
    "util.constant_value": "get_static_value",
}
# Rewritten at the call, with their arguments (see `_rewrite_call`).
CALL_REWRITES = frozenset({
    "contrib.layers.xavier_initializer", "contrib.layers.xavier_initializer_conv2d",
    "contrib.layers.l2_regularizer", "contrib.layers.l1_regularizer",
})
# tf.contrib.summary (TF 1.15: tensorflow/python/ops/summary_ops_v2.py, exported as
# tf.contrib.summary) -> tf.summary, where TF 2's function records the same thing:
# contrib parameters in order.  A write with no `step` used the global step
# (`_choose_step`: training_util.get_or_create_global_step()): such a call is reported;
# `record_summaries_every_n_global_steps(n, gs)` was `record_if(lambda: gs % n == 0)`.
SUMMARY_CALLS = {
    "scalar": ("name", "tensor", "family", "step"),
    "histogram": ("name", "tensor", "family", "step"),
    "audio": ("name", "tensor", "sample_rate", "max_outputs", "family", "step"),
    "create_file_writer": ("logdir", "max_queue", "flush_millis", "filename_suffix", "name"),
    "flush": ("writer", "name"),
    "always_record_summaries": (),
    "never_record_summaries": (),
    "record_summaries_every_n_global_steps": ("n", "global_step"),
}
CALL_REWRITES = CALL_REWRITES | {f"contrib.summary.{name}" for name in SUMMARY_CALLS}
SUMMARY_ADVICE = {
    "image": "tf.contrib.summary.image -> tf.summary.image(name, data, step=..., max_outputs=...) is not the same "
             "picture: TF 2 expects float images in [0, 1] (TF 1 scaled float images so that their largest value became 255, or 0 became 127 when negative) "
             "and has no bad_color / family; convert the data (tf.image.convert_image_dtype) and pass step=",
    "generic": "tf.contrib.summary.generic -> tf.summary.write(tag, tensor, step=..., metadata=...) (no family)",
    "all_summary_ops": "graph-mode plumbing with no TF 2 counterpart: TF 2's tf.summary ops write when they run; "
                       "remove the call (use tf.compat.v1.summary.all_v2_summary_ops() if the graph stays TF 1)",
    "summary_writer_initializer_op": "graph-mode plumbing: TF 2's writers are ready when created; remove the call "
                                     "(tf.compat.v1.summary.initialize() if the graph stays TF 1)",
    "initialize": "graph-mode plumbing: use tf.compat.v1.summary.initialize(graph=..., session=...) if the graph "
                  "stays TF 1; TF 2 writers need none",
    "graph": "tf.contrib.summary.graph -> tf.summary.graph(graph_data) inside `writer.as_default()` (no step)",
    "import_event": "tf.contrib.summary.import_event -> tf.summary.experimental.write_raw_pb",
    "create_summary_file_writer": "renamed create_file_writer in TF 1.x: tf.summary.create_file_writer(logdir, ...)",
}

# What to do about the contrib modules that have no drop-in TF 2 home.
ADVICE = {
    # no TF 2 package: the successors (issue 10)
    "factorization": "tf.contrib.factorization was removed in TF 2.0 and has no TF 2 package: for KMeans use "
                     "scikit-learn's sklearn.cluster.KMeans / MiniBatchKMeans on NumPy arrays (or "
                     "tf.compat.v1.estimator.experimental.KMeans on TensorFlow < 2.16); for WALS matrix "
                     "factorization write the alternating least squares with tf.linalg.lstsq",
    "tensor_forest": "tf.contrib.tensor_forest was removed in TF 2.0: random forests live on in YDF "
                     "(package ydf: ydf.RandomForestLearner(label=...).train(data)) and TensorFlow Decision "
                     "Forests (package tensorflow_decision_forests: tfdf.keras.RandomForestModel)",
    "boosted_trees": "tf.contrib.boosted_trees was removed in TF 2.0: gradient boosted trees live on in YDF "
                     "(package ydf: ydf.GradientBoostedTreesLearner(label=...).train(data)) and TensorFlow "
                     "Decision Forests (tfdf.keras.GradientBoostedTreesModel)",
    "learn": "tf.contrib.learn was removed: use tf.data for input and a Keras model "
             "(model.fit/evaluate/predict) or a tf.GradientTape loop for training",
    "seq2seq": "tf.contrib.seq2seq has no TF 2 home: write the decoder with Keras layers "
               "(tf.keras.layers.RNN/LSTMCell, Attention) and a tf.while_loop or Python loop",
    "training": "tf.contrib.training was removed (HParams: use a dataclass, dict or absl flags; "
                "bucketing/batching: tf.data.Dataset.bucket_by_sequence_length / batch)",
    "crf": "tf.contrib.crf has no TF 2 home in TensorFlow: implement the CRF log-likelihood "
           "and Viterbi decoding with tf ops, or keep this part on a TF 1.15 environment",
    "data": "tf.contrib.data moved to tf.data (tf.data.experimental for the rest)",
    "distribute": "tf.contrib.distribute moved to tf.distribute (e.g. tf.distribute.MirroredStrategy)",
    "opt": "tf.contrib.opt optimizers were removed: use a tf.keras.optimizers optimizer "
           "(AdamW, Adafactor, ... exist there) or keep the TF 1.15 source of this one",
    "metrics": "tf.contrib.metrics was removed: use tf.compat.v1.metrics (graph code) or tf.keras.metrics",
    "losses": "tf.contrib.losses was removed: use tf.compat.v1.losses (note: argument order "
              "is (labels, predictions) there) or tf.keras.losses",
    "summary": "tf.contrib.summary became tf.summary in TF 2 (tf.summary.create_file_writer, "
               "tf.summary.scalar(name, value, step=...))",
    "lite": "tf.contrib.lite moved to tf.lite (tf.lite.TFLiteConverter)",
    "keras": "tf.contrib.keras is tf.keras",
    "image": "tf.contrib.image was removed: use tf.image or Keras preprocessing layers "
             "(tf.keras.layers.RandomRotation, ...)",
    "framework": "this tf.contrib.framework name has no TF 2 home: see tf_slim or re-implement it",
    "layers": "this tf.contrib.layers name is not in tf_slim or TF 2: re-implement it with "
              "tf.keras.layers or tf ops",
    "rnn": "this tf.contrib.rnn cell has no TF 2 home: write it as a tf.keras.layers "
           "AbstractRNNCell/Layer, or keep the TF 1.15 source of this cell",
    "slim": "not in tf_slim (tf_slim has no `nets`: copy the network definitions from "
            "github.com/tensorflow/models research/slim/nets)",
    "tpu": "tf.contrib.tpu moved to tf.distribute.TPUStrategy and tf.tpu",
    "eager": "tf.contrib.eager was folded into TF 2 core (eager is the default; tf.function, tf.GradientTape)",
    "cudnn_rnn": "tf.contrib.cudnn_rnn was removed: tf.keras.layers.LSTM/GRU use cuDNN automatically",
    "deprecated": "tf.contrib.deprecated.<kind>_summary(tag, value) became "
                  "tf.compat.v1.summary.<kind>(name, value) (graph code) or tf.summary.<kind>(name, value, step=...)",
    "signal": "tf.contrib.signal moved to tf.signal (stft, frame, mfccs_from_log_mel_spectrograms, ...)",
    "stateless": "tf.contrib.stateless moved to tf.random.stateless_uniform / stateless_normal / ...",
    "distributions": "tf.contrib.distributions moved to the TensorFlow Probability package "
                     "(tensorflow-probability: tfp.distributions)",
    "bayesflow": "tf.contrib.bayesflow moved to the TensorFlow Probability package (tensorflow-probability)",
    "compiler": "tf.contrib.compiler (XLA) is tf.function(jit_compile=True) in TF 2",
    "checkpoint": "tf.contrib.checkpoint moved to tf.train.Checkpoint / tf.train.CheckpointManager",
    "predictor": "tf.contrib.predictor was removed: load the SavedModel with tf.saved_model.load "
                 "and call its signatures",
    "quantize": "tf.contrib.quantize was removed: use TFLite post-training quantization "
                "(tf.lite.TFLiteConverter optimizations) or the TensorFlow Model Optimization toolkit",
}
BATCH_NORM_MESSAGE = (
    "tf_slim.batch_norm does not run on TF 2.21 (tf-slim 1.1 checks ops.Tensor, which TF 2.21 "
    "no longer has, and its non-fused path imports the missing tf_keras.legacy_tf_layers): use "
    "tf.compat.v1.layers.batch_normalization(x, momentum=0.999, epsilon=0.001, scale=False, "
    "training=is_training) with the same decay/epsilon/scale as here, and run the "
    "tf.compat.v1.GraphKeys.UPDATE_OPS before the train op as before; checkpoints name the "
    "variables batch_normalization/* instead of BatchNorm/*"
)
# slim's batch_norm parameters in order (tf_slim/layers/layers.py, the same as TF 1.15's contrib)
BATCH_NORM_PARAMS = (
    "inputs", "decay", "center", "scale", "epsilon", "activation_fn", "param_initializers", "param_regularizers",
    "updates_collections", "is_training", "reuse", "variables_collections", "outputs_collections", "trainable",
    "batch_weights", "fused", "data_format", "zero_debias_moving_mean", "scope", "renorm", "renorm_clipping",
    "renorm_decay", "adjustment",
)
# how the written batch_norm's docstring starts: --style tf2 knows it by it (tf2_graph._written_batch_norms)
BATCH_NORM_DOC = "TF 1.x's contrib.layers.batch_norm (slim.batch_norm) written out with TF 2.21 ops"
# the parameters the written batch_norm does not reproduce: given (not None / False), the call keeps tf_slim
BATCH_NORM_UNWRITTEN = ("batch_weights", "zero_debias_moving_mean", "renorm", "renorm_clipping", "adjustment")
# tf.contrib.layers.batch_norm as TF 1.x ran it, written into the module once (`slim_batch_norm`, renamed when
# the module binds that name; `tensorflow.` written as the module's own name of TensorFlow); measured bit for
# bit against tf_slim's own batch_norm under TF 2.21 (tests/codemods/test_slim_batch_norm.py: outputs, moving
# statistics, variables and collections)
BATCH_NORM_HELPER = '''\
def slim_batch_norm(*args, **kwargs):
    """TF 1.x's contrib.layers.batch_norm (slim.batch_norm) written out with TF 2.21 ops (tf-slim 1.1's
    batch_norm does not run on TF 2.21): the same variables (<scope>/BatchNorm/beta, gamma, moving_mean,
    moving_variance: TF 1.x checkpoints restore) and slim's three paths. fused None/True and a 2-D input, or a
    4-D input with updates_collections other than the default: the fused kernel, moving -= (moving - batch) *
    float32(1 - decay). The default UPDATE_OPS: TF 1.x's layers.BatchNormalization (the fused kernel for a
    4-D or 5-D input, decay 1 - float32(decay) there; no update collected with trainable=False). Otherwise
    nn.moments and nn.batch_normalization. The updates go to `updates_collections` (run them with the
    train op) or, with updates_collections=None, run with the output. batch_weights, renorm, adjustment and
    zero_debias_moving_mean are not written here. An arg_scope([slim.batch_norm], ...) open around a call
    applies as it did to slim's (tf_slim keys its scopes by its batch_norm; tf_slim is imported if one is open)."""
    import sys
    slim = sys.modules.get("tf_slim")
    if slim is not None:  # tf_slim's add_arg_scope: the scoped arguments, then the call's
        scoped = slim.current_arg_scope().get(getattr(slim.batch_norm, "_key_op", str(slim.batch_norm)))
        kwargs = {**scoped, **kwargs} if scoped else kwargs

    def batch_norm(
            inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None, param_initializers=None,
            param_regularizers=None, updates_collections="update_ops", is_training=True, reuse=None,
            variables_collections=None, outputs_collections=None, trainable=True, batch_weights=None, fused=None,
            data_format="NHWC", zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
            renorm_decay=0.99, adjustment=None):
        v1 = tensorflow.compat.v1
        if batch_weights is not None or renorm or adjustment is not None or zero_debias_moving_mean:
            raise NotImplementedError(
                "batch_norm with batch_weights, renorm, adjustment or zero_debias_moving_mean is not written out by "
                "the migration (tf-slim's batch_norm does not run on TF 2.21): use tf.keras.layers.BatchNormalization")
        # the default "update_ops" is the string object GraphKeys.UPDATE_OPS (interned): slim compared by identity
        default_updates = updates_collections is v1.GraphKeys.UPDATE_OPS
        inputs = v1.convert_to_tensor(inputs)
        rank = inputs.shape.ndims
        initializers, regularizers = param_initializers or {}, param_regularizers or {}
        if data_format not in ("NCHW", "NHWC"):
            raise ValueError("data_format has to be either NCHW or NHWC.")

        def constant(value):  # tf_slim.layers.utils.constant_value
            if isinstance(value, tensorflow.Variable):
                return None
            return tensorflow.get_static_value(value) if isinstance(value, tensorflow.Tensor) else value

        def cond(pred, true_fn, false_fn):  # tf_slim.layers.utils.smart_cond
            value = constant(pred)
            if value is not None:
                return true_fn() if value else false_fn()
            return v1.cond(pred, true_fn, false_fn)

        def given_collections(name):
            given = variables_collections.get(name) if isinstance(variables_collections, dict) else variables_collections
            return list(given or [])

        def variable(name, shape, dtype, default, collections=None, **kwargs):  # tf_slim's model_variable
            collections = list(set((collections or []) + [v1.GraphKeys.GLOBAL_VARIABLES, v1.GraphKeys.MODEL_VARIABLES]))
            return v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializers.get(name, default),
                                   collections=collections, **kwargs)

        def moving_variables(shape, dtype, collections, **kwargs):
            with v1.variable_scope(v1.get_variable_scope()) as local_scope:
                local_scope.set_partitioner(None)
                return (variable("moving_mean", shape, dtype, v1.zeros_initializer(), collections("moving_mean"),
                                 trainable=False, **kwargs),
                        variable("moving_variance", shape, dtype, v1.ones_initializer(), collections("moving_variance"),
                                 trainable=False, **kwargs))

        def average(moving, value, momentum):  # assign_moving_average; decay 1 - momentum in its own precision
            decay = v1.convert_to_tensor(1.0 - momentum)
            return v1.assign_sub(moving, (moving - v1.cast(value, moving.dtype)) * v1.cast(decay, moving.dtype))

        def update_moving(moving_mean, moving_variance, mean, variance, kept, otherwise):
            """slim's updates of its fused and its own non-fused path: with updates_collections=None made before
            `kept` is read when training (returns cond(is_training, kept, otherwise)); else into the collections."""
            if updates_collections is None:
                def force_updates():
                    with v1.control_dependencies([average(moving_mean, mean, decay), average(moving_variance, variance, decay)]):
                        return tensorflow.nest.map_structure(v1.identity, kept)

                return cond(is_training, force_updates, lambda: otherwise)
            update_mean, update_variance = cond(
                is_training,
                lambda: (average(moving_mean, mean, decay), average(moving_variance, variance, decay)),
                lambda: (moving_mean, moving_variance))
            v1.add_to_collections(updates_collections, update_mean)
            v1.add_to_collections(updates_collections, update_variance)
            return None

        training = constant(is_training)
        fused = True if fused is None else fused
        with v1.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
            if fused and rank in (2, 4) and (rank == 2 or not default_updates):
                # tf_slim's _fused_batch_norm: a 2-D input as [-1, 1, 1, C] ([-1, C, 1, 1] NCHW)
                original = inputs
                if rank == 2:
                    channels = inputs.shape[-1]
                    if channels is None:
                        raise ValueError("`C` dimension must be known but is None")
                    inputs = v1.reshape(inputs, [-1, channels, 1, 1] if data_format == "NCHW" else [-1, 1, 1, channels])
                params_shape = inputs.shape[-1:] if data_format == "NHWC" else inputs.shape[1:2]
                if not params_shape.is_fully_defined():
                    raise ValueError("Inputs %s has undefined `C` dimension %s." % (inputs.name, params_shape))
                if center:
                    beta = variable("beta", params_shape, v1.float32, v1.zeros_initializer(), given_collections("beta"),
                                    regularizer=regularizers.get("beta"), trainable=trainable)
                else:
                    beta = v1.constant(0.0, dtype=v1.float32, shape=params_shape)
                if scale:
                    gamma = variable("gamma", params_shape, v1.float32, v1.ones_initializer(), given_collections("gamma"),
                                     regularizer=regularizers.get("gamma"), trainable=trainable)
                else:
                    gamma = v1.constant(1.0, dtype=v1.float32, shape=params_shape)
                moving_mean, moving_variance = moving_variables(params_shape, v1.float32, given_collections)
                outputs, mean, variance = cond(
                    is_training,
                    lambda: v1.nn.fused_batch_norm(inputs, gamma, beta, epsilon=epsilon, data_format=data_format),
                    lambda: v1.nn.fused_batch_norm(inputs, gamma, beta, mean=moving_mean, variance=moving_variance,
                                                   epsilon=epsilon, is_training=False, data_format=data_format))
                if training is None or training:
                    updated = update_moving(moving_mean, moving_variance, mean, variance, outputs, outputs)
                    outputs = outputs if updated is None else updated
                outputs.set_shape(inputs.shape)
                if rank == 2:
                    dims = [-1 if d is None else d for d in original.shape.as_list()]
                    outputs = v1.reshape(outputs, dims if dims.count(-1) <= 1 else v1.shape(original))
            elif default_updates:
                # TF 1.x's tf.layers.BatchNormalization(axis=1 NCHW / -1, momentum=decay, fused=fused), graph mode
                if rank is None:
                    raise ValueError("Input has undefined rank.")
                axis = 1 if data_format == "NCHW" else rank - 1
                channels = inputs.shape[axis]
                if channels is None:
                    raise ValueError("Input has undefined `axis` dimension. Received input with shape %s" % inputs.shape)
                fusable = inputs.dtype.base_dtype in (v1.float16, v1.bfloat16, v1.float32)
                param_dtype = v1.float32 if fusable else inputs.dtype.base_dtype
                formats = {(4, 1): "NCHW", (4, 3): "NHWC", (5, 1): "NCDHW", (5, 4): "NDHWC"}
                layer_format = formats.get((rank, axis)) if fused and fusable else None
                gamma = variable("gamma", [channels], param_dtype, v1.ones_initializer(), regularizer=regularizers.get("gamma"),
                                 trainable=trainable) if scale else None
                beta = variable("beta", [channels], param_dtype, v1.zeros_initializer(), regularizer=regularizers.get("beta"),
                                trainable=trainable) if center else None
                moving_mean, moving_variance = moving_variables(
                    [channels], param_dtype, lambda name: None, synchronization=v1.VariableSynchronization.ON_READ,
                    aggregation=v1.VariableAggregation.MEAN)
                updates = []
                if layer_format is not None:
                    scale_ = gamma if gamma is not None else v1.constant(1.0, dtype=param_dtype, shape=[channels])
                    offset = beta if beta is not None else v1.constant(0.0, dtype=param_dtype, shape=[channels])
                    outputs, mean, variance = cond(
                        is_training,
                        lambda: v1.nn.fused_batch_norm(inputs, scale_, offset, mean=moving_mean, variance=moving_variance,
                                                       epsilon=epsilon, is_training=True, data_format=layer_format),
                        lambda: v1.nn.fused_batch_norm(inputs, scale_, offset, mean=moving_mean, variance=moving_variance,
                                                       epsilon=epsilon, is_training=False, data_format=layer_format))
                    if training is None or training:
                        momentum = v1.convert_to_tensor(decay) if training is not None else cond(
                            is_training, lambda: decay, lambda: 1.0)
                        updates = [average(moving_mean, mean, momentum), average(moving_variance, variance, momentum)]
                else:
                    x = v1.cast(inputs, v1.float32) if inputs.dtype.base_dtype in (v1.float16, v1.bfloat16) else inputs
                    reduction = [i for i in range(rank) if i != axis]
                    shape = [1] * rank
                    shape[axis] = channels

                    def spread(v):
                        if v is not None and len(v.shape) != rank and reduction != list(range(rank - 1)):
                            return v1.reshape(v, shape)
                        return v

                    if training is not None and not training:
                        mean, variance = moving_mean, moving_variance
                    else:
                        batch_mean, batch_variance = v1.nn.moments(v1.cast(x, param_dtype), reduction, keepdims=False)
                        mean = cond(is_training, lambda: batch_mean, lambda: v1.convert_to_tensor(moving_mean))
                        variance = cond(is_training, lambda: batch_variance, lambda: v1.convert_to_tensor(moving_variance))
                        updates = [cond(is_training, lambda: average(moving_mean, mean, decay), lambda: moving_mean),
                                   cond(is_training, lambda: average(moving_variance, variance, decay), lambda: moving_variance)]
                    cast = (lambda v: v if v is None else v1.cast(v, x.dtype))
                    outputs = v1.nn.batch_normalization(x, spread(cast(mean)), spread(cast(variance)), spread(cast(beta)),
                                                        spread(cast(gamma)), epsilon)
                    if x is not inputs:
                        outputs = v1.cast(outputs, inputs.dtype)
                    outputs.set_shape(inputs.shape)
                collection = v1.get_collection_ref(v1.GraphKeys.UPDATE_OPS)
                if trainable:  # a v1 layer that is not trainable collected no updates
                    for update in updates:
                        if all(update is not kept for kept in collection):
                            collection.append(update)
                for name, made in (("moving_mean", moving_mean), ("moving_variance", moving_variance), ("beta", beta),
                                   ("gamma", gamma)):
                    for collection in given_collections(name) if made is not None else ():
                        if made not in v1.get_collection(collection):
                            v1.add_to_collection(collection, made)
            else:
                # tf_slim's own non-fused arithmetic: v1.nn.moments, v1.nn.batch_normalization
                if rank is None:
                    raise ValueError("Inputs %s has undefined rank." % inputs.name)
                dtype = inputs.dtype.base_dtype
                if data_format == "NCHW":
                    moments_axes, params_shape = [0] + list(range(2, rank)), inputs.shape[1:2]
                    broadcast = [1, inputs.shape[1]] + [1] * (rank - 2)
                else:
                    moments_axes, params_shape, broadcast = list(range(rank - 1)), inputs.shape[-1:], None
                if not params_shape.is_fully_defined():
                    raise ValueError("Inputs %s has undefined channels dimension %s." % (inputs.name, params_shape))
                beta = variable("beta", params_shape, dtype, v1.zeros_initializer(), given_collections("beta"),
                                trainable=trainable) if center else None
                gamma = variable("gamma", params_shape, dtype, v1.ones_initializer(), given_collections("gamma"),
                                 trainable=trainable) if scale else None
                moving_mean, moving_variance = moving_variables(params_shape, dtype, given_collections)
                if training is None or training:
                    mean, variance = v1.nn.moments(inputs, moments_axes, keepdims=data_format == "NCHW")
                    if data_format == "NCHW":
                        mean, variance = v1.reshape(mean, [-1]), v1.reshape(variance, [-1])
                    moving = (moving_mean, moving_variance)
                    batch = (mean, variance)
                    updated = update_moving(moving_mean, moving_variance, mean, variance, batch, moving)
                    mean, variance = cond(is_training, lambda: batch, lambda: moving) if updated is None else updated
                else:
                    mean, variance = moving_mean, moving_variance
                if broadcast is not None:
                    mean, variance = v1.reshape(mean, broadcast), v1.reshape(variance, broadcast)
                    beta = beta if beta is None else v1.reshape(beta, broadcast)
                    gamma = gamma if gamma is None else v1.reshape(gamma, broadcast)
                outputs = v1.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon)
                outputs.set_shape(inputs.shape)
            if activation_fn is not None:
                outputs = activation_fn(outputs)
            if outputs_collections:  # tf_slim's collect_named_outputs
                alias = sc.name[:-1] if sc.name.endswith("/") else sc.name
                outputs.aliases = getattr(outputs, "aliases", []) + [alias]
                v1.add_to_collections(outputs_collections, outputs)
            return outputs

    return batch_norm(*args, **kwargs)
'''


GENERIC_ADVICE = "tf.contrib was removed in TF 2.0 and this module has no TF 2 home: re-implement it with TF 2 ops or Keras"


# tf.contrib.seq2seq.sequence_loss as TF 1.15 computed it (contrib/seq2seq/python/ops/loss.py: the weighted sparse
# softmax cross entropy of the flattened logits, averaged by the weights' sum or the count of nonzero weights with
# div_no_nan), written into the module once (`contrib_sequence_loss`, renamed when the module binds that name;
# `tensorflow.` written as the module's own name of TensorFlow): the same ops, run by the compat graph
SEQUENCE_LOSS = "contrib.seq2seq.sequence_loss"
SEQUENCE_LOSS_HELPER = '''\
def contrib_sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                          sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None):
    """TF 1.x's tf.contrib.seq2seq.sequence_loss written out with TF 2 ops (tf.contrib is gone from TF 2): the
    cross entropy of each time step's logits [batch, time, classes] against its target [batch, time], times its
    weight [batch, time]; summed and divided (0 where they sum to 0) by the weights' sum over the axes averaged
    across, or by the count of nonzero weights over the axes summed over."""
    if average_across_timesteps and sum_over_timesteps:
        raise ValueError("average_across_timesteps and sum_over_timesteps cannot be set to True at same time.")
    if average_across_batch and sum_over_batch:
        raise ValueError("average_across_batch and sum_over_batch cannot be set to True at same time.")
    with tensorflow.name_scope(name or "sequence_loss"):
        logits_flat = tensorflow.reshape(logits, [-1, tensorflow.shape(logits)[2]])
        targets = tensorflow.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = tensorflow.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits_flat)
        else:
            crossent = softmax_loss_function(labels=targets, logits=logits_flat)
        crossent *= tensorflow.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return tensorflow.math.divide_no_nan(tensorflow.reduce_sum(crossent), tensorflow.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            count = tensorflow.cast(tensorflow.math.count_nonzero(weights), crossent.dtype)
            return tensorflow.math.divide_no_nan(tensorflow.reduce_sum(crossent), count)
        crossent = tensorflow.reshape(crossent, tensorflow.shape(logits)[0:2])
        if average_across_timesteps or average_across_batch:
            axis = [0] if average_across_batch else [1]
            return tensorflow.math.divide_no_nan(tensorflow.reduce_sum(crossent, axis=axis),
                                                 tensorflow.reduce_sum(weights, axis=axis))
        if sum_over_timesteps or sum_over_batch:
            axis = [0] if sum_over_batch else [1]
            count = tensorflow.cast(tensorflow.math.count_nonzero(weights, axis=axis), crossent.dtype)
            return tensorflow.math.divide_no_nan(tensorflow.reduce_sum(crossent, axis=axis), count)
        return crossent
'''


def contrib_target(symbol: str) -> str | None:
    """TF 2 home of a plain (argument-free) contrib name, as "tf:<path>", "tf_slim:<path>" or
    "tensorboard:<path>" (a name of the tensorboard package)."""
    parts = symbol.split(".")
    if len(parts) < 2 or parts[0] != "contrib":
        return None
    module, rest = parts[1], parts[2:]
    if "python" in rest[:-1] and module != "slim":
        # the implementation path of a public name (`contrib.framework.python.ops.add_arg_scope`,
        # `contrib.layers.python.layers.initializers.xavier_initializer`): its public name
        return contrib_target(f"contrib.{module}.{rest[-1]}")
    exact = CONTRIB_TO_TF.get(".".join(parts[1:]))
    if exact is not None:
        return "tf:" + exact
    if module == "tensorboard" and rest[:2] == ["plugins", "projector"] and len(rest) > 2:
        # TF 1.x's contrib copy of TensorBoard's projector config; the tensorboard package
        # (a TensorFlow dependency) has the same ProjectorConfig / EmbeddingInfo protos and
        # visualize_embeddings, which still accepts a FileWriter (tensorboard/plugins/projector/__init__.py)
        return "tensorboard:" + ".".join(rest)
    if module == "framework" and rest[:1] == ["nest"] and len(rest) == 2:
        return "tf:nest." + rest[1]
    if module == "slim":
        if not rest:
            return "tf_slim:"
        return f"tf_slim:{'.'.join(rest)}" if rest[0] in TF_SLIM_EXPORTS else None
    if not rest:
        return None
    if module == "rnn" and len(rest) == 1:
        if rest[0] in RNN_CELLS:
            return f"tf:compat.v1.nn.rnn_cell.{rest[0]}"
        if rest[0] in RNN_FUNCTIONS:
            return f"tf:compat.v1.nn.{rest[0]}"
        return None
    if module == "framework":
        if rest[0] in FRAMEWORK_TO_TF:
            return "tf:" + ".".join([FRAMEWORK_TO_TF[rest[0]], *rest[1:]])
        return f"tf_slim:{'.'.join(rest)}" if rest[0] in TF_SLIM_EXPORTS else None
    if module == "layers" and rest[0] in TF_SLIM_EXPORTS:
        return f"tf_slim:{'.'.join(rest)}"
    return None


def import_advice(symbol: str) -> str:
    """What to do about an import of a contrib module or name that is still used."""
    parts = symbol.split(".")
    if parts[1:2] and parts[1] in ("rnn", "layers", "framework") and len(parts) == 2:
        return "its uses that MIG105 could not move to TF 2 / tf_slim are flagged where they occur; migrate them, then remove this import"
    return advice(symbol)


def advice(symbol: str) -> str:
    parts = symbol.split(".")
    if parts[1:2] == ["summary"] and len(parts) == 3 and parts[2] in SUMMARY_ADVICE:
        return SUMMARY_ADVICE[parts[2]]
    return ADVICE.get(parts[1] if len(parts) > 1 else "", GENERIC_ADVICE)


class ContribSlim(Codemod):
    """`tf.contrib` is gone in TF 2: slim -> tf_slim, known names to their TF 2 homes.

    Before::

        import tensorflow as tf
        import tensorflow.contrib.slim as slim

        init = tf.contrib.layers.xavier_initializer()
        reg = tf.contrib.layers.l2_regularizer(1e-4)
        cell = tf.contrib.rnn.LSTMCell(64)
        h = tf.contrib.layers.fully_connected(x, 10)

    After::

        import tensorflow as tf
        import tf_slim as slim
        import tf_slim

        init = tf.compat.v1.glorot_uniform_initializer()
        reg = tf.keras.regularizers.L2(0.00005)
        cell = tf.compat.v1.nn.rnn_cell.LSTMCell(64)
        h = tf_slim.fully_connected(x, 10)

    `l2_regularizer(scale)` computed scale * sum(w**2) / 2; Keras' L2(l) computes
    l * sum(w**2), hence l = scale / 2.  Everything else in contrib gets MIG151 with what
    to do. Slim's batch_norm (tf-slim 1.1's fails on TF 2.21) becomes `slim_batch_norm`, TF 1.x's
    written into the module (BATCH_NORM_HELPER); a call passing what it does not write (renorm, ...) keeps
    `tf_slim.batch_norm` with MIG153.
    """

    CODE = "MIG105"
    TITLE = "tf.contrib -> tf_slim / TF 2 homes (slim, layers, rnn, framework); other contrib warned"
    WARNINGS = {
        "MIG151": "tf.contrib name with no TF 2 home (removed in TF 2.0); says what to use",
        "MIG153": "tf_slim.batch_norm does not run on TF 2.21; says what replaces it",
    }

    @classmethod
    def needed(cls, facts, settings):
        if "contrib" not in facts.source and "batch_norm" not in facts.source:
            return False
        if any(i.module.startswith("tensorflow.contrib") for i in facts.imports):
            return True
        symbols = facts.tf_symbols()
        if any(s == "contrib" or s.startswith("contrib.") for s in symbols):
            return True
        return "tf_slim.batch_norm" in facts.names

    @classmethod
    def prescan_findings(cls, facts, settings):
        """The traversal's MIG151/MIG153 warnings read from the ast, for a file where it
        rewrites nothing (an already-migrated file keeping contrib names with no TF 2 home,
        or tf_slim.batch_norm); None as soon as something would be rewritten or the ast
        cannot tell it the same way (global/nonlocal names, match statements)."""
        aliases = facts.aliases
        if facts.of_type(ast.Match) or any(
            name in aliases for node in facts.of_type(ast.Global, ast.Nonlocal) for name in node.names
        ):
            return None
        found = []  # (line, col, order, finding): traversal order among equal positions
        warned: set[tuple[str, int]] = set()

        def warn(node, symbol, message, code="MIG151"):
            if (symbol, id(node)) not in warned:
                warned.add((symbol, id(node)))
                found.append(ast_finding(facts, node, code, message))

        for node in facts.of_type(ast.Import):
            for alias in node.names:
                module = alias.name
                if module == "tensorflow.contrib.slim" and alias.asname is not None:
                    return None
                if module.startswith("tensorflow.contrib"):
                    if alias.asname is not None and _all_uses_mapped(facts, alias.asname):
                        return None
                    warn(node, module, f"`import {module}` fails on TF 2 (tf.contrib was removed): {import_advice(module[len('tensorflow.'):])}")
        for node in facts.of_type(ast.ImportFrom):
            module = node.module or ""
            if node.level or not (module.startswith("tensorflow.contrib") or module == "tensorflow"):
                continue
            names = [alias.name for alias in node.names]
            if names == ["*"]:
                if module.startswith("tensorflow.contrib"):
                    warn(node, module, f"`from {module} import *` fails on TF 2: {advice(module[len('tensorflow.'):])}")
                continue
            if module == "tensorflow.contrib" and "slim" in names:
                return None
            if module == "tensorflow.contrib.slim":
                missing = [name for name in names if name not in TF_SLIM_EXPORTS]
                if not missing:
                    return None
                warn(node, module, f"tf_slim has no {', '.join(missing)}: {ADVICE['slim']}")
                continue
            for alias in node.names:
                bound = alias.asname or alias.name
                if module == "tensorflow":
                    if alias.name == "contrib" and _all_uses_mapped(facts, bound):
                        return None
                    continue
                if _all_uses_mapped(facts, bound):
                    return None
                symbol = f"{module[len('tensorflow.'):]}.{alias.name}"
                warn(node, symbol, f"`from {module} import {alias.name}` fails on TF 2 (tf.contrib was removed): {import_advice(symbol)}")
        # name chains: the outermost Name/Attribute of each chain, as `_leave_chain` sees them
        attributes = facts.of_type(ast.Attribute)
        inner = {id(node.value) for node in attributes}
        called = {id(node.func) for node in facts.of_type(ast.Call)}
        for node in (*facts.of_type(ast.Name), *attributes):
            if id(node) in inner:
                continue
            dotted = dotted_name(node)
            root = dotted.partition(".")[0] if dotted else None
            target = aliases.get(root) if root else None
            if target is None:
                continue
            qualified = target + dotted[len(root):]
            if _is_batch_norm(qualified) or tf_symbol(qualified) == SEQUENCE_LOSS:
                return None  # written into the module, or kept with a reason: the traversal tells
            symbol = tf_symbol(qualified)
            if symbol is None or not (symbol == "contrib" or symbol.startswith("contrib.")):
                continue
            if target.startswith("tensorflow.contrib.slim"):
                continue
            if isinstance(node, ast.Name) and symbol == "contrib":
                continue
            if symbol in CALL_REWRITES:
                if id(node) in called:
                    return None
                warn(node, symbol, f"tf.{symbol} used without a call: call it where it is "
                     "used, so that it can be migrated with its arguments")
                continue
            if contrib_target(symbol) is not None:
                return None
            warn(node, symbol, f"tf.{symbol}: {advice(symbol)}")
        if found and facts.of_type(ast.JoinedStr):
            # positions inside f-strings: leave them to LibCST
            spans = [(n.lineno, n.end_lineno) for n in facts.of_type(ast.JoinedStr)]
            if any(first <= f.line <= last for f in found for first, last in spans):
                return None
        return found

    def __init__(self, file):
        super().__init__(file)
        self._inner: set[int] = set()  # Attribute/Name nodes inside a longer name chain
        self._call_funcs: set[int] = set()
        self._calls: dict[int, cst.Call] = {}  # id(func) -> its call
        self._scope_keys: set[int] = set()  # the functions listed by an arg_scope(...)
        self._helpers: dict[str, str] = {}  # helper written into this module (slim_batch_norm, ...) -> its name here
        self._warned: set[tuple[str, int]] = set()

    # -- helpers ----------------------------------------------------------------------
    def _symbol(self, node: cst.CSTNode) -> str | None:
        symbol = self.tf_symbol(node)
        if symbol is None or not (symbol == "contrib" or symbol.startswith("contrib.")):
            return None
        return symbol

    def _root_alias(self, node: cst.CSTNode) -> str | None:
        while isinstance(node, cst.Attribute):
            node = node.value
        return self.file.facts.aliases.get(node.value) if isinstance(node, cst.Name) else None

    def _expr(self, target: str) -> cst.BaseExpression:
        package, _, path = target.partition(":")
        if package == "tf":
            return self.file.tf_attr(path)
        if package == "tensorboard":
            module, _, name = path.rpartition(".")
            self.require("tensorboard")
            return dotted_expr(f"{self.file.add_import('tensorboard.' + module)}.{module}.{name}")
        root = self.file.add_import("tf_slim")
        self.require("tf-slim")
        return dotted_expr(f"{root}.{path}" if path else root)

    def _warn_once(self, node: cst.CSTNode, symbol: str, message: str, code: str = "MIG151") -> None:
        key = (symbol, id(node))
        if key not in self._warned:
            self._warned.add(key)
            self.warn(node, code, message)

    # -- imports ------------------------------------------------------------------------
    def leave_Import(self, original_node, updated_node):
        names = []
        changed = False
        for alias in updated_node.names:
            module = dotted_text(alias.name)
            if module == "tensorflow.contrib.slim" and alias.asname is not None:
                names.append(alias.with_changes(name=cst.Name("tf_slim")))
                changed = True
                self.require("tf-slim")
                self.changed(original_node, "import tensorflow.contrib.slim -> import tf_slim (package tf-slim)")
            elif module.startswith("tensorflow.contrib"):
                if alias.asname is not None and self._all_uses_mapped(_name_of(alias.asname.name)):
                    changed = True  # every use below was rewritten to its TF 2 home
                    self.changed(original_node, f"removed `import {module}`: its uses now point to TF 2 / tf_slim")
                    continue
                names.append(alias)
                self._warn_once(original_node, module, f"`import {module}` fails on TF 2 (tf.contrib was removed): {import_advice(module[len('tensorflow.'):])}")
            else:
                names.append(alias)
        if not changed:
            return updated_node
        if not names:
            return cst.RemovalSentinel.REMOVE
        names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=names)

    def leave_ImportFrom(self, original_node, updated_node):
        if updated_node.relative or updated_node.module is None:
            return updated_node
        module = dotted_text(updated_node.module)
        if not module.startswith("tensorflow.contrib") and module != "tensorflow":
            return updated_node
        if isinstance(updated_node.names, cst.ImportStar):
            if module.startswith("tensorflow.contrib"):
                self._warn_once(original_node, module, f"`from {module} import *` fails on TF 2: {advice(module[len('tensorflow.'):])}")
            return updated_node
        # `from tensorflow.contrib import slim [as s]` -> `import tf_slim as slim`
        if module == "tensorflow.contrib" and len(updated_node.names) == 1 and updated_node.names[0].name.value == "slim":
            alias = updated_node.names[0]
            bound = _name_of(alias.asname.name) if alias.asname else "slim"
            self.require("tf-slim")
            self.changed(original_node, "from tensorflow.contrib import slim -> import tf_slim as slim (package tf-slim)")
            return cst.Import(names=[cst.ImportAlias(
                name=cst.Name("tf_slim"), asname=cst.AsName(name=cst.Name(bound))
            )])
        # `from tensorflow.contrib.slim import arg_scope` -> `from tf_slim import arg_scope`
        if module == "tensorflow.contrib.slim":
            missing = [a.name.value for a in updated_node.names if a.name.value not in TF_SLIM_EXPORTS]
            if missing:
                self._warn_once(original_node, module, f"tf_slim has no {', '.join(missing)}: {ADVICE['slim']}")
                return updated_node
            self.require("tf-slim")
            self.changed(original_node, "from tensorflow.contrib.slim import ... -> from tf_slim import ...")
            return updated_node.with_changes(module=cst.Name("tf_slim"))
        if module == "tensorflow":
            # `from tensorflow import contrib`: its uses are rewritten one by one.
            kept = [a for a in updated_node.names if a.name.value != "contrib" or not self._all_uses_mapped(
                _name_of(a.asname.name) if a.asname else "contrib")]
            if len(kept) == len(updated_node.names):
                return updated_node
            self.changed(original_node, "removed `contrib` from `from tensorflow import`: its uses now point to TF 2 / tf_slim")
            if not kept:
                return cst.RemovalSentinel.REMOVE
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated_node.with_changes(names=kept)
        # Other contrib from-imports: drop the names whose every use was rewritten.
        kept = []
        for alias in updated_node.names:
            bound = _name_of(alias.asname.name) if alias.asname else alias.name.value
            if module == "tensorflow.contrib" and alias.name.value == "slim":
                # `from tensorflow.contrib import slim, rnn`: slim gets its own import.
                self.require("tf-slim")
                self.file.add_statement(f"import tf_slim as {bound}\n", where="top", key=f"import tf_slim as {bound}")
                self.changed(original_node, "from tensorflow.contrib import slim -> import tf_slim as slim (package tf-slim)")
                continue
            if self._all_uses_mapped(bound):
                self.changed(original_node, f"removed `{bound}` from `from {module} import`: its uses now point to TF 2 / tf_slim")
                continue
            kept.append(alias)
            symbol = f"{module[len('tensorflow.'):]}.{alias.name.value}"
            self._warn_once(original_node, symbol, f"`from {module} import {alias.name.value}` fails on TF 2 (tf.contrib was removed): {import_advice(symbol)}")
        if len(kept) == len(updated_node.names):
            return updated_node
        if not kept:
            return cst.RemovalSentinel.REMOVE
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def _all_uses_mapped(self, bound: str) -> bool:
        return _all_uses_mapped(self.file.facts, bound)

    # -- `slim = tf.contrib.slim` -> `import tf_slim as slim` ------------------------------
    def _slim_alias(self, node: cst.SimpleStatementLine) -> str | None:
        if len(node.body) != 1 or not isinstance(node.body[0], cst.Assign):
            return None
        assign = node.body[0]
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
            return None
        if self.tf_symbol(assign.value) != "contrib.slim":
            return None
        return assign.targets[0].target.value

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if self._slim_alias(node) is not None:
            self._inner.add(id(node.body[0].value))  # the whole statement is replaced

    def leave_SimpleStatementLine(self, original_node, updated_node):
        target = self._slim_alias(original_node)
        if target is None:
            return updated_node
        self.require("tf-slim")
        self.changed(original_node, f"{target} = tf.contrib.slim -> import tf_slim as {target} (package tf-slim)")
        alias = cst.ImportAlias(name=cst.Name("tf_slim"), asname=None if target == "tf_slim" else cst.AsName(name=cst.Name(target)))
        return updated_node.with_changes(body=[cst.Import(names=[alias])])

    # -- uses -------------------------------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._inner.add(id(node.value))
        self._inner.add(id(node.attr))

    # Names that are not expressions: never rewritten.
    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._inner.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self._inner.add(id(node.name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._inner.add(id(node.name))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._inner.add(id(node.name))

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self._call_funcs.add(id(node.func))
        self._calls[id(node.func)] = node
        if (self.qualname(node.func) or "").endswith("arg_scope") and node.args and node.args[0].keyword is None \
                and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
            # `arg_scope([slim.batch_norm], ...)`: tf_slim's function is the scope's key (tf_slim.batch_norm), which
            # the written batch_norm looks up
            self._scope_keys.update(id(element.value) for element in node.args[0].value.elements)

    def leave_Name(self, original_node, updated_node):
        return self._leave_chain(original_node, updated_node)

    def leave_Attribute(self, original_node, updated_node):
        return self._leave_chain(original_node, updated_node)

    def _leave_chain(self, original, updated):
        if id(original) in self._inner:
            return updated
        qualified = self.qualname(original)
        if tf_symbol(qualified or "") == SEQUENCE_LOSS:
            name = self._written("contrib_sequence_loss")
            self.changed(original, f"{SEQUENCE_LOSS} -> {name} (TF 1.x's sequence_loss written into this module: "
                         "tf.contrib.seq2seq has no TF 2 home)")
            return cst.Name(name)
        if _is_batch_norm(qualified) and id(original) not in self._scope_keys:
            kept = self._batch_norm_kept(original)
            if kept is None:
                self.changed(original, f"{qualified.removeprefix('tensorflow.')} -> {self._batch_norm()} (TF 1.x's "
                             "batch_norm written into this module: tf_slim's does not run on TF 2.21)")
                return cst.Name(self._batch_norm())
            self._warn_once(original, "batch_norm", f"{kept}; {BATCH_NORM_MESSAGE}", code="MIG153")
        symbol = self._symbol(original)
        if symbol is None:
            return updated
        root = self._root_alias(original)
        if root is not None and root.startswith("tensorflow.contrib.slim"):
            return updated  # bound by an import that becomes `tf_slim` (see leave_Import*)
        if isinstance(original, cst.Name) and symbol == "contrib":
            return updated
        if symbol in CALL_REWRITES:
            if id(original) not in self._call_funcs:
                self._warn_once(original, symbol, f"tf.{symbol} used without a call: call it where it is "
                                "used, so that it can be migrated with its arguments")
            return updated
        target = contrib_target(symbol)
        if target is None:
            self._warn_once(original, symbol, f"tf.{symbol}: {advice(symbol)}")
            return updated
        home = target.replace('tf:', 'tf.').replace('tf_slim:', 'tf_slim.').replace('tensorboard:', 'tensorboard.')
        self.changed(original, f"tf.{symbol} -> {home.rstrip('.')}")
        return self._expr(target)

    def _batch_norm(self) -> str:
        """The name of the batch_norm written into this module (`slim_batch_norm`, unless the module binds it)."""
        return self._written("slim_batch_norm")

    def _written(self, base: str) -> str:
        """The name of the helper `base` written into this module (`base`, or `base_1`, ... where the module
        binds it), the helper then written by leave_Module."""
        if base not in self._helpers:
            taken = set(self.file.facts.aliases) | _bound_names(self.file.facts)
            name, n = base, 1
            while name in taken:
                name, n = f"{base}_{n}", n + 1
            self._helpers[base] = name
        return self._helpers[base]

    def _batch_norm_kept(self, node: cst.CSTNode) -> str | None:
        """Why this use of slim's batch_norm keeps tf_slim.batch_norm (None: it is written into the module)."""
        call = self._calls.get(id(node))
        if call is None:
            return None  # a reference (activation_fn=, normalizer_fn=): the written one takes the same arguments
        for index, arg in enumerate(call.args):
            name = arg.keyword.value if arg.keyword is not None else (
                BATCH_NORM_PARAMS[index] if not arg.star and index < len(BATCH_NORM_PARAMS) else None)
            if name in BATCH_NORM_UNWRITTEN and not (isinstance(arg.value, cst.Name) and arg.value.value in ("None", "False")):
                return (f"kept: `{name}=` is not written out by the migration (batch_norm is written into the module "
                        "for slim's other arguments); for renorm / adjustment use tf.keras.layers.BatchNormalization")
        return None

    def leave_Module(self, original_node, updated_node):
        if not self._helpers:
            return updated_node
        texts = {"slim_batch_norm": BATCH_NORM_HELPER, "contrib_sequence_loss": SEQUENCE_LOSS_HELPER}
        helpers = [texts[base].replace(f"def {base}(", f"def {name}(", 1) for base, name in self._helpers.items()]
        return add_helpers(updated_node, [helper.replace("tensorflow.", f"{self.file.tf_root()}.") for helper in helpers])

    def _to_tf_slim(self, symbol: str, original: cst.Call, updated: cst.Call) -> cst.Call:
        """The same function from tf_slim (the maintained copy of tf.contrib.layers)."""
        name = symbol.rsplit(".", 1)[-1]
        self.changed(original, f"tf.{symbol} -> tf_slim.{name} (same function)")
        return updated.with_changes(func=self._expr(f"tf_slim:{name}"))

    def leave_Call(self, original_node, updated_node):
        symbol = self._symbol(original_node.func)
        if symbol not in CALL_REWRITES:
            return updated_node
        return self._rewrite_call(symbol, original_node, updated_node)

    def _rewrite_call(self, symbol: str, original: cst.Call, updated: cst.Call):
        args = updated.args
        if symbol.startswith("contrib.summary."):
            return self._summary_call(symbol.rsplit(".", 1)[1], original, updated)
        if any(a.star for a in args):
            return self._to_tf_slim(symbol, original, updated)
        keyword = {a.keyword.value: a for a in args if a.keyword is not None}
        positional = [a for a in args if a.keyword is None]
        if symbol.endswith(("xavier_initializer", "xavier_initializer_conv2d")):
            names = ("uniform", "seed", "dtype")
            given = {**dict(zip(names, positional)), **keyword}
            uniform = given.get("uniform")
            if set(given) - set(names) or (
                uniform is not None and not (isinstance(uniform.value, cst.Name) and uniform.value.value in ("True", "False"))
            ):
                return self._to_tf_slim(symbol, original, updated)
            normal = uniform is not None and uniform.value.value == "False"
            # contrib's xavier_initializer is variance_scaling_initializer(1.0, "FAN_AVG", uniform):
            # uniform: random_uniform(shape, -limit, limit, seed=seed), limit = sqrt(3 / n),
            # n = (fan_in + fan_out) / 2 -- v1's glorot_uniform_initializer, the same op drawing
            # with the same op seed (the graph's count when none is given), so the same values
            # (measured under TF 2.21 with tf_slim's copy of contrib: equal float32 arrays for 2-5-d
            # shapes, seeded or not; float64 within an ulp); normal: truncated_normal with
            # stddev sqrt(1.3 / n), which v1's VarianceScaling computes as sqrt(scale / n) /
            # 0.87962566103423978, hence that scale. Keras 3's GlorotUniform draws from Keras'
            # own seed generator and ignored tf.set_random_seed: every run drew other weights.
            kept = []
            if normal:
                kept = [_keyword_arg("scale", cst.parse_expression("1.3 * 0.87962566103423978**2")),
                        _keyword_arg("mode", cst.SimpleString('"fan_avg"')),
                        _keyword_arg("distribution", cst.SimpleString('"truncated_normal"'))]
            kept += [_keyword_arg(name, given[name].value) for name in ("seed", "dtype") if name in given]
            path = "compat.v1.variance_scaling_initializer" if normal else "compat.v1.glorot_uniform_initializer"
            self.changed(original, f"tf.{symbol} -> tf.{path} (the same random op, seed and limits)")
            return cst.Call(func=self.file.tf_attr(path), args=kept)
        # l1_regularizer(scale, scope=None) / l2_regularizer(scale, scope=None)
        given = {**dict(zip(("scale", "scope"), positional)), **keyword}
        if set(given) != {"scale"}:
            return self._to_tf_slim(symbol, original, updated)  # with a scope
        scale = given["scale"].value
        if symbol.endswith("l2_regularizer"):
            value = _half(scale)
            path = "keras.regularizers.L2"
            note = "L2(scale / 2): contrib computed scale * sum(w**2) / 2"
        else:
            value = scale
            path = "keras.regularizers.L1"
            note = "same value"
        self.changed(original, f"tf.{symbol} -> tf.{path} ({note})")
        return cst.Call(func=self.file.tf_attr(path), args=[cst.Arg(value=value)])


    def _summary_call(self, name: str, original: cst.Call, updated: cst.Call):
        """A tf.contrib.summary call -> the tf.summary call that records the same thing."""
        params = SUMMARY_CALLS[name]
        given: dict[str, cst.BaseExpression] = {}
        unknown = any(a.star for a in updated.args)
        for index, arg in enumerate(updated.args):
            key = arg.keyword.value if arg.keyword is not None else (params[index] if index < len(params) else None)
            if key not in params:
                unknown = True
            given[key] = arg.value
        family = given.pop("family", None)
        if family is not None and not (isinstance(family, cst.Name) and family.value == "None"):
            self._warn_once(original, f"contrib.summary.{name}", f"tf.contrib.summary.{name}(..., family=): tf.summary has "
                            f"no family; write it as tf.summary.{name}(...) inside `with tf.name_scope(family):`")
            return updated
        if unknown:
            self._warn_once(original, f"contrib.summary.{name}", f"tf.contrib.summary.{name}: pass its arguments "
                            f"by name ({', '.join(params)}) so that it can be moved to tf.summary.{name}")
            return updated
        note = ""
        if name in ("scalar", "histogram", "audio"):
            step = given.get("step")
            if step is None or (isinstance(step, cst.Name) and step.value == "None"):
                # contrib wrote at the global step; naming it here would make the file graph
                # code (MIG108), while the program may well run eagerly: a human picks the step
                self._warn_once(original, f"contrib.summary.{name}", f"tf.contrib.summary.{name} without step: "
                                f"tf.summary.{name}(..., step=...) needs the step (contrib used the global step: "
                                "pass your training step counter, e.g. optimizer.iterations, or "
                                "tf.compat.v1.train.get_or_create_global_step() in graph code)")
                return updated
            args = [cst.Arg(given["name"]), cst.Arg(given["tensor"])]
            if name == "audio":
                args.append(cst.Arg(given["sample_rate"]))
            args.append(_keyword_arg("step", step))
            if name == "audio" and "max_outputs" in given:
                args.append(_keyword_arg("max_outputs", given["max_outputs"]))
            self.require("tensorboard")  # TF 2.21's tf.summary.scalar & co. are TensorBoard's
            if name == "histogram":
                note += "; TensorBoard bins it in 30 equal-width buckets instead of TF 1's exponential ones"
        elif name in ("create_file_writer", "flush"):
            args = list(updated.args)
        elif name in ("always_record_summaries", "never_record_summaries"):
            self.changed(original, f"tf.contrib.summary.{name}() -> tf.summary.record_if({name.startswith('always')})")
            return cst.Call(func=self.file.tf_attr("summary.record_if"),
                            args=[cst.Arg(cst.Name("True" if name.startswith("always") else "False"))])
        else:  # record_summaries_every_n_global_steps(n, global_step=None)
            simple = (cst.Name, cst.Attribute, cst.Integer)
            n, step = given.get("n"), given.get("global_step")
            if not isinstance(n, simple) or (step is not None and not isinstance(step, simple)):
                self._warn_once(original, f"contrib.summary.{name}", f"tf.contrib.summary.{name}: use "
                                "tf.summary.record_if(lambda: tf.math.equal(global_step % n, 0)) with n and the "
                                "global step read before the `with`")
                return updated
            if step is None:
                step = cst.Call(func=self.file.tf_attr("compat.v1.train.get_or_create_global_step"))
            condition = cst.Call(func=self.file.tf_attr("math.equal"), args=[
                cst.Arg(cst.BinaryOperation(left=step, operator=cst.Modulo(), right=n)), cst.Arg(cst.Integer("0"))])
            self.changed(original, f"tf.contrib.summary.{name}(n) -> tf.summary.record_if(lambda: step % n == 0)")
            return cst.Call(func=self.file.tf_attr("summary.record_if"), args=[cst.Arg(cst.Lambda(
                params=cst.Parameters(), body=condition))])
        if args:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self.changed(original, f"tf.contrib.summary.{name} -> tf.summary.{name}{note}")
        return cst.Call(func=self.file.tf_attr(f"summary.{name}"), args=args)


def _is_batch_norm(qualified: str | None) -> bool:
    """tf.contrib.layers.batch_norm / tf.contrib.slim.batch_norm / tf_slim.batch_norm, also by their
    implementation paths (`tensorflow.contrib.layers.python.layers.batch_norm`): the same function."""
    if qualified in ("tf_slim.batch_norm", "tf_slim.layers.batch_norm", "tf_slim.layers.layers.batch_norm"):
        return True
    symbol = tf_symbol(qualified or "")
    return symbol is not None and symbol.startswith("contrib.") and contrib_target(symbol) == "tf_slim:batch_norm"


def _all_uses_mapped(facts, bound: str) -> bool:
    """Every use of the name `bound` is a contrib name this codemod rewrites."""
    target = facts.aliases.get(bound)
    if target is None:
        return False
    used = [name for name in facts.names if name == target or name.startswith(target + ".")]
    if not used:
        return False  # an import nothing uses: leave it, and its warning, to the user
    for name in used:
        symbol = name[len("tensorflow."):]
        if contrib_target(symbol) is None and symbol not in CALL_REWRITES and symbol != SEQUENCE_LOSS:
            return False
        if symbol in CALL_REWRITES and not _only_called(facts, name):
            return False
    return True


def _only_called(facts, qualified: str) -> bool:
    """Every occurrence of `qualified` is directly called (call rewrites need the call)."""
    where = set(facts.names.get(qualified, []))
    called = {(node.func.lineno, node.func.col_offset) for node in facts.of_type(ast.Call)}
    return where <= called


def _keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name), value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def _half(scale: cst.BaseExpression) -> cst.BaseExpression:
    """scale / 2, folded for a number literal (1e-4 -> 0.00005)."""
    if isinstance(scale, (cst.Float, cst.Integer)):
        try:
            value = Decimal(scale.value.replace("_", "")) / 2
        except InvalidOperation:
            value = None
        if value is not None:
            text = format(value.normalize(), "f") if abs(value) >= Decimal("1e-6") else repr(float(value))
            return cst.Float(text if ("." in text or "e" in text) else text + ".0")
    operand = scale if isinstance(scale, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or scale.lpar else scale.with_changes(
        lpar=[cst.LeftParen()], rpar=[cst.RightParen()]
    )
    return cst.BinaryOperation(
        left=operand,
        operator=cst.Divide(whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" ")),
        right=cst.Integer("2"),
    )


def _name_of(node: cst.BaseExpression) -> str:
    return node.value if isinstance(node, cst.Name) else ""
