"""MIG505: tf.estimator (removed in TF 2.16) -> Keras models trained with fit/evaluate/predict.

A file whose every tf.estimator use is one this module can carry over (custom `model_fn`
estimators, the premade DNN/Linear classifiers and regressors on numeric feature columns,
`numpy_input_fn`, v1 `tf.metrics` in the model_fn) gets a `keras_estimator` namespace written
into it; any other file is left as it is, with a MIG515 warning naming what stopped it
(and MIG181 from estimator_removed at each use).
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, _bound_names, dotted_expr, positions_of
from migrate.codemods.contrib_eager import add_helpers

HELPER = '''\
class KERAS_ESTIMATOR:
    """tf.estimator of TF 1.x (removed in TF 2.16) on a Keras model, written by `migrate code`
    (MIG505). `Estimator(model_fn)` and the premade `DNNClassifier`, `DNNRegressor`,
    `LinearClassifier`, `LinearRegressor` build a tf.keras.Model whose train/test/predict
    steps call the model_fn (tf.compat.v1 layers keep their variables across calls through
    tf.compat.v1.keras.utils.track_tf1_style_variables); `train` runs `Model.fit` (one
    optimizer step per batch, `steps` / `max_steps` / the end of the input as in TF 1.x),
    `evaluate` runs `Model.evaluate` and returns TF 1.x's dict (metrics streamed over all
    batches, 'loss' the mean of the batch losses, 'global_step'), `predict` yields the
    per-example predictions. The model_fn's own v1 optimizer applies the gradients, so the
    update is TF 1.x's. Variables live in memory: `model_dir` is not read or written."""

    class ModeKeys:
        TRAIN = "train"
        EVAL = "eval"
        PREDICT = "infer"

    class EstimatorSpec:
        def __init__(self, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None,
                     export_outputs=None, training_chief_hooks=None, training_hooks=None, scaffold=None,
                     evaluation_hooks=None, prediction_hooks=None):
            self.mode, self.predictions, self.loss, self.train_op = mode, predictions, loss, train_op
            self.eval_metric_ops = dict(eval_metric_ops or {})
            self.export_outputs = export_outputs

    class _TrainOp:
        def __init__(self, optimizer, loss, var_list):
            self.optimizer, self.loss, self.var_list = optimizer, loss, var_list

    @staticmethod
    def minimize(optimizer, loss, global_step=None, var_list=None, **unused):
        """`optimizer.minimize(loss, global_step=...)` of a model_fn: the Keras train step
        computes the gradients of `loss` and applies them with `optimizer` (the first one the
        model_fn made), then adds 1 to the global step."""
        return KERAS_ESTIMATOR._TrainOp(optimizer, loss, var_list)

    class _Metric:
        """A v1 metric of one batch: the sums it streams over all evaluation batches
        (`parts`, accumulated by addition) and how its value follows from them (`final`);
        `metric[0]` / `metric[1]` (TF 1.x's value and update op, e.g. for
        tf.summary.scalar) read this batch's value."""

        def __init__(self, total=None, count=None, root=False, parts=None, final=None):
            import tensorflow as tf
            if parts is None:
                parts = {"total": tf.cast(total, tf.float32), "count": tf.cast(count, tf.float32)}

                def final(sums):
                    value = tf.math.divide_no_nan(sums["total"], sums["count"])
                    return tf.sqrt(value) if root else value
            self.parts, self.final = parts, final

        def __getitem__(self, index):
            if index not in (0, 1, -1, -2):
                raise IndexError(index)
            return self.final(self.parts)

    class metrics:
        """tf.metrics (v1) of a model_fn: streamed over all evaluation batches."""

        @staticmethod
        def _pair(labels, predictions, weights):
            import tensorflow as tf
            labels = tf.convert_to_tensor(labels)
            predictions = tf.convert_to_tensor(predictions)
            if labels.shape.rank is not None and predictions.shape.rank is not None and labels.shape.rank != predictions.shape.rank:
                labels, predictions = tf.reshape(labels, [-1]), tf.reshape(predictions, [-1])
            weights = tf.ones_like(predictions, tf.float32) if weights is None else tf.broadcast_to(
                tf.cast(weights, tf.float32), tf.shape(predictions))
            return labels, predictions, weights

        @staticmethod
        def accuracy(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            labels, predictions, weights = KERAS_ESTIMATOR.metrics._pair(labels, predictions, weights)
            hits = tf.cast(tf.equal(predictions, tf.cast(labels, predictions.dtype)), tf.float32)
            return KERAS_ESTIMATOR._Metric(tf.reduce_sum(hits * weights), tf.reduce_sum(weights))

        @staticmethod
        def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            values = tf.cast(values, tf.float32)
            weights = tf.ones_like(values) if weights is None else tf.broadcast_to(tf.cast(weights, tf.float32), tf.shape(values))
            return KERAS_ESTIMATOR._Metric(tf.reduce_sum(values * weights), tf.reduce_sum(weights))

        @staticmethod
        def mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            labels, predictions, weights = KERAS_ESTIMATOR.metrics._pair(labels, predictions, weights)
            error = tf.square(tf.cast(predictions, tf.float32) - tf.cast(labels, tf.float32))
            return KERAS_ESTIMATOR._Metric(tf.reduce_sum(error * weights), tf.reduce_sum(weights))

        @staticmethod
        def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            squared = KERAS_ESTIMATOR.metrics.mean_squared_error(labels, predictions, weights)
            return KERAS_ESTIMATOR._Metric(squared.parts["total"], squared.parts["count"], root=True)

        @staticmethod
        def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            labels, predictions, weights = KERAS_ESTIMATOR.metrics._pair(labels, predictions, weights)
            error = tf.abs(tf.cast(predictions, tf.float32) - tf.cast(labels, tf.float32))
            return KERAS_ESTIMATOR._Metric(tf.reduce_sum(error * weights), tf.reduce_sum(weights))

        @staticmethod
        def _true_false(labels, predictions, weights):
            import tensorflow as tf
            labels, predictions, weights = KERAS_ESTIMATOR.metrics._pair(labels, predictions, weights)
            labels, predictions = tf.cast(labels, tf.bool), tf.cast(predictions, tf.bool)
            true_positive = tf.reduce_sum(tf.cast(labels & predictions, tf.float32) * weights)
            return labels, predictions, weights, true_positive

        @staticmethod
        def precision(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            labels, predictions, weights, true_positive = KERAS_ESTIMATOR.metrics._true_false(labels, predictions, weights)
            return KERAS_ESTIMATOR._Metric(true_positive, tf.reduce_sum(tf.cast(predictions, tf.float32) * weights))

        @staticmethod
        def recall(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
            import tensorflow as tf
            labels, predictions, weights, true_positive = KERAS_ESTIMATOR.metrics._true_false(labels, predictions, weights)
            return KERAS_ESTIMATOR._Metric(true_positive, tf.reduce_sum(tf.cast(labels, tf.float32) * weights))

        @staticmethod
        def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
                updates_collections=None, curve="ROC", name=None, summation_method="trapezoidal", thresholds=None):
            """tf.metrics.auc of TF 1.x (trapezoidal sums over its `num_thresholds` thresholds)."""
            import tensorflow as tf
            if summation_method != "trapezoidal" or thresholds is not None:
                raise ValueError("only the trapezoidal tf.metrics.auc over num_thresholds is carried over")
            labels, predictions, weights = KERAS_ESTIMATOR.metrics._pair(labels, predictions, weights)
            cuts = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            cuts = tf.constant([0.0 - 1e-7] + cuts + [1.0 + 1e-7], tf.float32)
            positive = tf.reshape(tf.cast(predictions, tf.float32), [1, -1]) > tf.reshape(cuts, [-1, 1])
            truth = tf.reshape(tf.cast(labels, tf.bool), [1, -1])
            w = tf.reshape(weights, [1, -1])

            def count(mask):
                return tf.reduce_sum(tf.cast(mask, tf.float32) * w, axis=1)
            parts = {"tp": count(positive & truth), "fp": count(positive & ~truth),
                     "tn": count(~positive & ~truth), "fn": count(~positive & truth)}

            def final(sums):
                epsilon = 1.0e-6
                recall = (sums["tp"] + epsilon) / (sums["tp"] + sums["fn"] + epsilon)
                if curve == "PR":
                    x, y = recall, (sums["tp"] + epsilon) / (sums["tp"] + sums["fp"] + epsilon)
                else:
                    x, y = sums["fp"] / (sums["fp"] + sums["tn"] + epsilon), recall
                return tf.reduce_sum((x[:-1] - x[1:]) * (y[:-1] + y[1:]) / 2.0)
            return KERAS_ESTIMATOR._Metric(parts=parts, final=final)

    class inputs:
        @staticmethod
        def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None, queue_capacity=1000, num_threads=1):
            """numpy_input_fn of TF 1.x (tf.estimator.inputs) as a tf.data pipeline: the arrays
            repeated `num_epochs` times (None: forever), shuffled through a buffer of
            `queue_capacity` examples when `shuffle`, in batches of `batch_size` that run
            across epoch boundaries (only the very last batch may be smaller), as TF 1.x's
            queue did. Features are a dict when `x` is one, else a tensor."""
            if not isinstance(shuffle, bool):
                raise ValueError("shuffle must be provided explicitly as a bool, it is {}".format(shuffle))

            def input_fn():
                import tensorflow as tf
                import numpy as np
                features = dict(x) if isinstance(x, dict) else x
                data = features if y is None else (features, dict(y) if isinstance(y, dict) else y)
                data = tf.nest.map_structure(np.asarray, data)
                dataset = tf.data.Dataset.from_tensor_slices(data)
                dataset = dataset.repeat(num_epochs)
                if shuffle:
                    dataset = dataset.shuffle(queue_capacity)
                return dataset.batch(batch_size)
            return input_fn

        @staticmethod
        def pandas_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None, queue_capacity=1000, num_threads=1,
                            target_column="target"):
            """tf.estimator.inputs.pandas_input_fn of TF 1.x: the DataFrame's columns as a dict
            of features (a DataFrame `y`: a dict of labels), then as numpy_input_fn."""
            if not isinstance(shuffle, bool):
                raise ValueError("shuffle must be provided explicitly as a bool, it is {}".format(shuffle))
            features = {name: x[name].values for name in x.columns}
            labels = None if y is None else (
                {name: y[name].values for name in y.columns} if hasattr(y, "columns") else y.values)
            return KERAS_ESTIMATOR.inputs.numpy_input_fn(features, labels, batch_size=batch_size, num_epochs=num_epochs,
                                                         shuffle=shuffle, queue_capacity=queue_capacity)

    class _NumericColumn:
        def __init__(self, key, shape=(1,), default_value=None, dtype=None, normalizer_fn=None):
            self.key, self.normalizer_fn = key, normalizer_fn
            self.shape = (shape,) if isinstance(shape, int) else tuple(shape)
            self.name = key

    class feature_column:
        @staticmethod
        def numeric_column(key, shape=(1,), default_value=None, dtype=None, normalizer_fn=None):
            return KERAS_ESTIMATOR._NumericColumn(key, shape, default_value, dtype, normalizer_fn)

        @staticmethod
        def input_layer(features, feature_columns, weight_collections=None, trainable=True, cols_to_vars=None):
            """tf.feature_column.input_layer of numeric columns: each column's feature
            (normalized, as float32, flattened) concatenated in the order of the column
            names, as TF 1.x did: shape [batch, sum of the columns' sizes]."""
            import tensorflow as tf
            if not isinstance(features, dict):
                raise ValueError("input_layer needs a dict of features")
            inputs = []
            for column in sorted(feature_columns, key=lambda column: column.name):
                value = features[column.key]
                if column.normalizer_fn is not None:
                    value = column.normalizer_fn(value)
                size = 1
                for dim in column.shape:
                    size *= dim
                inputs.append(tf.reshape(tf.cast(value, tf.float32), [-1, size]))
            return tf.concat(inputs, axis=1)

    @staticmethod
    def _call_with(fn, available):
        import inspect
        parameters = inspect.signature(fn).parameters
        return fn(**{k: v for k, v in available.items() if k in parameters})

    @staticmethod
    def _nan_guard():
        """TF 1.x's Estimator stopped training with NanLossDuringTrainingError at the first
        NaN loss (its default NanTensorHook); so does this callback."""
        import math
        import tensorflow as tf

        class NanLoss(tf.keras.callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                loss = (logs or {}).get("loss")
                if loss is not None and math.isnan(float(loss)):
                    raise tf.compat.v1.train.NanLossDuringTrainingError()
        return NanLoss()

    @staticmethod
    def _graph_input(input_fn, available):
        """An input_fn that returns tensors (`iterator.get_next()`, constants, queues) rather
        than a Dataset: built in a graph of its own and run in a Session at each step, as
        TF 1.x did, as a Dataset that ends when the input ends (OutOfRangeError); each pass
        over the Dataset builds the input again, as each Estimator call did."""
        import tensorflow as tf

        def build():
            graph = tf.Graph()
            with graph.as_default():
                return graph, KERAS_ESTIMATOR._call_with(input_fn, available)

        def batches():
            graph, result = build()
            # the graph is the default only while it is set up: a generator's frames may
            # resume on another thread
            with graph.as_default():
                session = tf.compat.v1.Session(graph=graph)
                session.run([tf.compat.v1.global_variables_initializer(), tf.compat.v1.local_variables_initializer(),
                             tf.compat.v1.tables_initializer()])
                coordinator = tf.compat.v1.train.Coordinator()
                if graph.get_collection(tf.compat.v1.GraphKeys.QUEUE_RUNNERS):
                    tf.compat.v1.train.start_queue_runners(session, coord=coordinator)
            try:
                while True:
                    yield session.run(result)
            except tf.errors.OutOfRangeError:
                return
            finally:
                coordinator.request_stop()
                session.close()

        signature = tf.nest.map_structure(lambda t: tf.TensorSpec(t.shape, t.dtype), build()[1])
        return tf.data.Dataset.from_generator(batches, output_signature=signature)

    @staticmethod
    def _keras_model_class():
        import tensorflow as tf
        owner = KERAS_ESTIMATOR
        if "model" in owner.__dict__.get("_built", {}):
            return owner._built["model"]

        class ModelFnModel(tf.keras.Model):
            """The Keras model of an Estimator: its steps call the model_fn."""

            def __init__(self, model_fn, params, config):
                super().__init__()
                self._model_fn, self._params, self._config = model_fn, params, config
                self._v1_optimizer = None
                self._step = tf.Variable(0, dtype=tf.int64, trainable=False, name="global_step")
                self._sums = {}
                self._predict_keys = None

            @tf.compat.v1.keras.utils.track_tf1_style_variables
            def model_fn_spec(self, features, labels, mode):
                with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(), auxiliary_name_scope=False):
                    import inspect
                    parameters = inspect.signature(self._model_fn).parameters
                    kwargs = {}
                    if "labels" in parameters:
                        kwargs["labels"] = labels
                    for name, value in (("mode", mode), ("params", self._params), ("config", self._config)):
                        if name in parameters:
                            kwargs[name] = value
                    return self._model_fn(features=features, **kwargs)

            def call(self, features, training=False):
                mode = owner.ModeKeys.TRAIN if training else owner.ModeKeys.PREDICT
                return self.model_fn_spec(features, None, mode).predictions

            @staticmethod
            def _split(data):
                if isinstance(data, tuple) and len(data) == 1:  # Keras' packing of predict_on_batch(x)
                    data = data[0]
                if isinstance(data, tuple) and len(data) == 2:
                    return data
                return data, None

            def train_step(self, data):
                features, labels = self._split(data)
                with tf.GradientTape() as tape:
                    spec = self.model_fn_spec(features, labels, owner.ModeKeys.TRAIN)
                train_op = spec.train_op
                if not (hasattr(train_op, "optimizer") and hasattr(train_op, "var_list")):
                    # duck-typed: a model_fn in another migrated module has its own helper copy
                    raise TypeError("the model_fn's train_op must come from optimizer.minimize(loss)")
                if self._v1_optimizer is None:
                    self._v1_optimizer = train_op.optimizer
                variables = train_op.var_list if train_op.var_list is not None else self.trainable_variables
                gradients = tape.gradient(train_op.loss, variables)
                self._v1_optimizer.apply_gradients(
                    [(g, v) for g, v in zip(gradients, variables) if g is not None])
                self._step.assign_add(1)
                return {"loss": spec.loss}

            def _metric_sums(self, spec):
                out = {"loss": owner._Metric(tf.cast(spec.loss, tf.float32), tf.constant(1.0))}
                for name, metric in spec.eval_metric_ops.items():
                    if not (hasattr(metric, "parts") and hasattr(metric, "final")):
                        raise TypeError("eval_metric_ops[%r] must come from tf.metrics" % name)
                    out[name] = metric
                return out

            def make_sums(self, data):
                """Create the metric accumulators (eagerly, before Keras traces test_step)."""
                features, labels = self._split(data)
                spec = self.model_fn_spec(features, labels, owner.ModeKeys.EVAL)
                for name, metric in self._metric_sums(spec).items():
                    if name not in self._sums:
                        self._sums[name] = {key: tf.Variable(tf.zeros_like(part), trainable=False)
                                            for key, part in metric.parts.items()}

            def test_step(self, data):
                features, labels = self._split(data)
                spec = self.model_fn_spec(features, labels, owner.ModeKeys.EVAL)
                logs = {}
                for name, metric in self._metric_sums(spec).items():
                    sums = self._sums[name]
                    for key, part in metric.parts.items():
                        sums[key].assign_add(tf.cast(part, sums[key].dtype))
                    logs[name] = metric.final({key: variable.read_value() for key, variable in sums.items()})
                return logs

            def predict_step(self, data):
                features, _ = self._split(data)
                predictions = self.model_fn_spec(features, None, owner.ModeKeys.PREDICT).predictions
                if self._predict_keys is not None and isinstance(predictions, dict):
                    predictions = {k: v for k, v in predictions.items() if k in self._predict_keys}
                return predictions

        owner._built = {"model": ModelFnModel}
        return ModelFnModel

    class RunConfig(object):
        """tf.estimator.RunConfig of TF 1.x: checkpoint, summary and logging settings (which do
        not change what is computed) are kept as attributes; `tf_random_seed` seeds
        TensorFlow's global random generator when the Keras model is built."""

        def __init__(self, model_dir=None, tf_random_seed=None, save_summary_steps=100, save_checkpoints_steps=None,
                     save_checkpoints_secs=None, session_config=None, keep_checkpoint_max=5,
                     keep_checkpoint_every_n_hours=10000, log_step_count_steps=100, **unused):
            self.model_dir, self.tf_random_seed = model_dir, tf_random_seed
            self.save_summary_steps, self.save_checkpoints_steps = save_summary_steps, save_checkpoints_steps
            self.save_checkpoints_secs, self.session_config = save_checkpoints_secs, session_config
            self.keep_checkpoint_max, self.keep_checkpoint_every_n_hours = keep_checkpoint_max, keep_checkpoint_every_n_hours
            self.log_step_count_steps = log_step_count_steps

        def replace(self, **kwargs):
            import copy
            new = copy.copy(self)
            new.__dict__.update(kwargs)
            return new

    class Estimator(object):
        def __init__(self, model_fn, model_dir=None, config=None, params=None, warm_start_from=None):
            self._model_fn, self._params, self._config = model_fn, params, config
            if model_dir is None and config is not None:
                model_dir = getattr(config, "model_dir", None)
            self.model_dir, self.params, self.config = model_dir, dict(params or {}), config
            self._model = None
            self._built_modes = set()
            import os
            if model_dir and os.path.exists(os.path.join(str(model_dir), "checkpoint")):
                import warnings
                warnings.warn("model_dir %r holds a TF 1.x checkpoint, which this Keras estimator does not read: "
                              "it starts from new weights" % (model_dir,), stacklevel=2)

        def _keras_model(self):
            if self._model is None:
                seed = getattr(self._config, "tf_random_seed", None)
                if seed is not None:
                    import tensorflow as tf
                    tf.random.set_seed(seed)
                self._model = KERAS_ESTIMATOR._keras_model_class()(self._model_fn, self._params, self._config)
                self._model.compile()
                self._setup(self._model)
            return self._model

        def _setup(self, model):
            pass

        def _dataset(self, input_fn, mode):
            import tensorflow as tf
            result = KERAS_ESTIMATOR._call_with(
                input_fn, {"params": self.params, "config": self._config, "mode": mode})
            if isinstance(result, tf.data.Dataset):
                return result
            return KERAS_ESTIMATOR._graph_input(input_fn, {"params": self.params, "config": self._config, "mode": mode})

        def _build(self, model, dataset, mode):
            # Create the model_fn's variables (and metric accumulators) eagerly, once, so
            # that Keras' traced steps only reuse them.
            if mode in self._built_modes:
                return
            for data in dataset.take(1):
                features, labels = model._split(data)
                if mode == KERAS_ESTIMATOR.ModeKeys.EVAL:
                    model.make_sums(data)
                else:
                    model.model_fn_spec(features, labels if mode == KERAS_ESTIMATOR.ModeKeys.TRAIN else None, mode)
            self._built_modes.add(mode)

        def get_variable_names(self):
            """The model_fn's variables (and the optimizer's, and global_step), by name."""
            model = self._keras_model()
            sums = {id(v) for parts in model._sums.values() for v in parts.values()}
            variables = [v for v in model.variables if id(v) not in sums]
            if model._v1_optimizer is not None:
                variables += [v for v in model._v1_optimizer.variables() if all(v is not w for w in variables)]
            return [v.name.split(":")[0] for v in variables]

        def train(self, input_fn, hooks=None, steps=None, max_steps=None, saving_listeners=None):
            """`steps` more optimizer steps (None: until the input ends), or up to a global
            step of `max_steps`; one step per batch of `input_fn`'s dataset."""
            if steps is not None and max_steps is not None:
                raise ValueError("Can not provide both steps and max_steps.")
            if steps is not None and steps <= 0:
                raise ValueError("Must specify steps > 0, given: {}".format(steps))
            model = self._keras_model()
            if max_steps is not None:
                done = int(model._step.numpy())
                if done >= max_steps:
                    return self
                steps = max_steps - done
            dataset = self._dataset(input_fn, KERAS_ESTIMATOR.ModeKeys.TRAIN)
            self._build(model, dataset, KERAS_ESTIMATOR.ModeKeys.TRAIN)
            model.fit(dataset, epochs=1, steps_per_epoch=steps, verbose=0, callbacks=[KERAS_ESTIMATOR._nan_guard()])
            return self

        def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None, name=None):
            """TF 1.x's dict: every eval metric over all batches (or `steps` batches),
            'loss' (mean of the batch losses) and 'global_step'."""
            import numpy as np
            import tensorflow as tf
            model = self._keras_model()
            dataset = self._dataset(input_fn, KERAS_ESTIMATOR.ModeKeys.EVAL)
            self._build(model, dataset, KERAS_ESTIMATOR.ModeKeys.EVAL)
            for sums in model._sums.values():
                for variable in sums.values():
                    variable.assign(tf.zeros_like(variable))
            logs = model.evaluate(dataset, steps=steps, verbose=0, return_dict=True)
            result = {k: np.float32(v) for k, v in logs.items()}
            result["global_step"] = np.int64(model._step.numpy())
            return result

        def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None, yield_single_examples=True):
            """Yields the predictions of each example (of each batch with
            yield_single_examples=False): an array, or a dict of arrays."""
            model = self._keras_model()
            dataset = self._dataset(input_fn, KERAS_ESTIMATOR.ModeKeys.PREDICT)
            self._build(model, dataset, KERAS_ESTIMATOR.ModeKeys.PREDICT)
            model._predict_keys = None if predict_keys is None else set(
                [predict_keys] if isinstance(predict_keys, str) else predict_keys)
            for batch in dataset:
                out = model.predict_on_batch(model._split(batch)[0])
                if not yield_single_examples:
                    yield out
                elif isinstance(out, dict):
                    for i in range(len(next(iter(out.values())))):
                        yield {k: v[i] for k, v in out.items()}
                else:
                    for row in out:
                        yield row

    class _Canned(Estimator):
        """The premade estimators of TF 1.x (v1 heads: the training loss is the SUM over the
        batch, as TF 1.x's default loss_reduction)."""

        _DEFAULT_OPTIMIZER = "Adagrad"

        def __init__(self, feature_columns, model_dir=None, optimizer=None, config=None, n_classes=None,
                     label_dimension=1, hidden_units=(), activation_fn=None, dropout=None):
            super().__init__(self._canned_fn, model_dir=model_dir, config=config)
            self._columns = sorted(feature_columns, key=lambda column: column.name)
            self._optimizer_arg = optimizer
            self._n_classes, self._label_dimension = n_classes, label_dimension
            self._hidden_units, self._activation_fn, self._dropout = list(hidden_units), activation_fn, dropout
            self._optimizer = None

        def _default_learning_rate(self):
            return 0.05

        def _v1_optimizer(self):
            import tensorflow as tf
            if self._optimizer is None:
                optimizer = self._optimizer_arg if self._optimizer_arg is not None else self._DEFAULT_OPTIMIZER
                if isinstance(optimizer, str):
                    classes = {"Adagrad": tf.compat.v1.train.AdagradOptimizer, "Adam": tf.compat.v1.train.AdamOptimizer,
                               "Ftrl": tf.compat.v1.train.FtrlOptimizer, "RMSProp": tf.compat.v1.train.RMSPropOptimizer,
                               "SGD": tf.compat.v1.train.GradientDescentOptimizer}
                    if optimizer not in classes:
                        raise ValueError("Unsupported optimizer name: {}. Supported names are: {}".format(
                            optimizer, tuple(sorted(classes))))
                    optimizer = classes[optimizer](learning_rate=self._default_learning_rate())
                elif callable(optimizer) and not hasattr(optimizer, "apply_gradients"):
                    optimizer = optimizer()
                self._optimizer = optimizer
            return self._optimizer

        def _setup(self, model):
            import tensorflow as tf
            units = 1 if self._n_classes == 2 else (self._n_classes or self._label_dimension)
            layers = [tf.keras.layers.Dense(n, activation=self._activation_fn or tf.nn.relu) for n in self._hidden_units]
            model.canned_layers = layers + [tf.keras.layers.Dense(units)]
            model.canned_dropout = tf.keras.layers.Dropout(self._dropout) if self._dropout else None

        def _logits(self, features, mode):
            import tensorflow as tf
            if not isinstance(features, dict):
                features = {self._columns[0].key: features}
            net = KERAS_ESTIMATOR.feature_column.input_layer(features, self._columns)
            layers = self._model.canned_layers
            for layer in layers[:-1]:
                net = layer(net)
                if self._model.canned_dropout is not None and mode == KERAS_ESTIMATOR.ModeKeys.TRAIN:
                    net = self._model.canned_dropout(net, training=True)
            return layers[-1](net)

        def _canned_fn(self, features, labels, mode):
            import tensorflow as tf
            owner = KERAS_ESTIMATOR
            logits = self._logits(features, mode)
            metrics = {}
            if self._n_classes is None:  # regression
                predictions = {"predictions": logits}
                if labels is None:
                    return owner.EstimatorSpec(mode, predictions=predictions)
                labels = tf.reshape(tf.cast(labels, tf.float32), [-1, self._label_dimension])
                per_example = tf.math.squared_difference(logits, labels)
                prediction_mean = logits
            else:
                if self._n_classes == 2:
                    probability = tf.sigmoid(logits)
                    class_ids = tf.cast(logits > 0, tf.int64)
                    predictions = {"logits": logits, "logistic": probability,
                                   "probabilities": tf.concat([1 - probability, probability], axis=1)}
                else:
                    class_ids = tf.expand_dims(tf.argmax(logits, axis=1), axis=1)
                    predictions = {"logits": logits, "probabilities": tf.nn.softmax(logits)}
                predictions["class_ids"] = class_ids
                predictions["classes"] = tf.strings.as_string(class_ids)
                all_ids = tf.tile(tf.range(max(self._n_classes, 2))[tf.newaxis, :], [tf.shape(logits)[0], 1])
                predictions["all_class_ids"] = all_ids
                predictions["all_classes"] = tf.strings.as_string(all_ids)
                if labels is None:
                    return owner.EstimatorSpec(mode, predictions=predictions)
                labels = tf.reshape(tf.cast(labels, tf.int64), [-1, 1])
                if self._n_classes == 2:
                    per_example = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.cast(labels, tf.float32), logits=logits)
                    prediction_mean = probability
                    metrics["precision"] = owner.metrics.precision(labels, class_ids)
                    metrics["recall"] = owner.metrics.recall(labels, class_ids)
                    metrics["auc"] = owner.metrics.auc(labels, probability)
                    metrics["auc_precision_recall"] = owner.metrics.auc(labels, probability, curve="PR")
                    label_mean = owner.metrics.mean(labels)
                    metrics["accuracy_baseline"] = owner._Metric(parts=label_mean.parts, final=lambda sums: tf.maximum(
                        label_mean.final(sums), 1 - label_mean.final(sums)))
                else:
                    per_example = tf.expand_dims(tf.nn.sparse_softmax_cross_entropy_with_logits(
                        labels=tf.reshape(labels, [-1]), logits=logits), axis=1)
                    prediction_mean = None
                metrics["accuracy"] = owner.metrics.accuracy(labels, class_ids)
            loss = tf.reduce_sum(per_example)
            metrics["average_loss"] = owner.metrics.mean(per_example)
            if self._n_classes in (None, 2):
                metrics["label/mean"] = owner.metrics.mean(labels)
                metrics["prediction/mean"] = owner.metrics.mean(prediction_mean)
            return owner.EstimatorSpec(mode, predictions=predictions, loss=loss,
                                       train_op=owner.minimize(self._v1_optimizer(), loss),
                                       eval_metric_ops=metrics)

    class DNNClassifier(_Canned):
        def __init__(self, hidden_units, feature_columns, model_dir=None, n_classes=2, weight_column=None,
                     label_vocabulary=None, optimizer="Adagrad", activation_fn=None, dropout=None,
                     input_layer_partitioner=None, config=None, warm_start_from=None, loss_reduction=None,
                     batch_norm=False):
            KERAS_ESTIMATOR._Canned.__init__(self, feature_columns, model_dir, optimizer, config, n_classes=n_classes,
                                             hidden_units=hidden_units, activation_fn=activation_fn, dropout=dropout)

    class DNNRegressor(_Canned):
        def __init__(self, hidden_units, feature_columns, model_dir=None, label_dimension=1, weight_column=None,
                     optimizer="Adagrad", activation_fn=None, dropout=None, input_layer_partitioner=None,
                     config=None, warm_start_from=None, loss_reduction=None, batch_norm=False):
            KERAS_ESTIMATOR._Canned.__init__(self, feature_columns, model_dir, optimizer, config,
                                             label_dimension=label_dimension, hidden_units=hidden_units,
                                             activation_fn=activation_fn, dropout=dropout)

    class _Linear(_Canned):
        _DEFAULT_OPTIMIZER = "Ftrl"

        def _default_learning_rate(self):
            # TF 1.x's linear default: min(0.2, 1 / sqrt(number of feature columns))
            return min(0.2, 1.0 / len(self._columns) ** 0.5)

        def _setup(self, model):
            import tensorflow as tf
            units = 1 if self._n_classes == 2 else (self._n_classes or self._label_dimension)
            model.canned_layers = [tf.keras.layers.Dense(units, kernel_initializer="zeros")]
            model.canned_dropout = None

    class LinearClassifier(_Linear):
        def __init__(self, feature_columns, model_dir=None, n_classes=2, weight_column=None, label_vocabulary=None,
                     optimizer="Ftrl", config=None, partitioner=None, warm_start_from=None, loss_reduction=None,
                     sparse_combiner="sum"):
            KERAS_ESTIMATOR._Canned.__init__(self, feature_columns, model_dir, optimizer, config, n_classes=n_classes)

    class LinearRegressor(_Linear):
        def __init__(self, feature_columns, model_dir=None, label_dimension=1, weight_column=None, optimizer="Ftrl",
                     config=None, partitioner=None, warm_start_from=None, loss_reduction=None, sparse_combiner="sum"):
            KERAS_ESTIMATOR._Canned.__init__(self, feature_columns, model_dir, optimizer, config,
                                             label_dimension=label_dimension)
'''

# tf.estimator names the helper provides (v1 API paths below "estimator.").
ESTIMATOR_NAMES = frozenset({
    "Estimator", "EstimatorSpec", "ModeKeys", "ModeKeys.TRAIN", "ModeKeys.EVAL", "ModeKeys.PREDICT",
    "inputs.numpy_input_fn", "inputs.pandas_input_fn", "RunConfig", "DNNClassifier", "DNNRegressor", "LinearClassifier", "LinearRegressor",
})
CANNED = frozenset({"DNNClassifier", "DNNRegressor", "LinearClassifier", "LinearRegressor"})
FEATURE_COLUMNS = frozenset({"numeric_column", "input_layer"})
METRICS = frozenset({"accuracy", "mean", "mean_squared_error", "root_mean_squared_error", "mean_absolute_error",
                     "precision", "recall", "auc"})
GLOBAL_STEP = frozenset({"train.get_global_step", "train.get_or_create_global_step"})
# Arguments the helper cannot honour: the file is then left as it is.
UNSUPPORTED_ARGUMENTS = {
    "RunConfig": {name: "distribution and device placement are not carried over"
                  for name in ("train_distribute", "eval_distribute", "device_fn", "experimental_distribute",
                               "protocol", "experimental_max_worker_delay_secs", "session_creation_timeout_secs")},
    "Estimator": {                  "warm_start_from": "warm starting from a checkpoint is not carried over"},
    "EstimatorSpec": {name: "Estimator hooks and scaffolds do not run in Keras fit"
                      for name in ("training_hooks", "training_chief_hooks", "evaluation_hooks",
                                   "prediction_hooks", "scaffold")},
    "canned": {"weight_column": "example weights are not carried over",
               "label_vocabulary": "string labels are not carried over",
               "batch_norm": "batch normalization of the premade DNN is not carried over",
               "warm_start_from": "warm starting from a checkpoint is not carried over",
               "loss_reduction": "another loss reduction is not carried over",
               "input_layer_partitioner": "partitioned variables are not carried over",
               "partitioner": "partitioned variables are not carried over",
               "sparse_combiner": "sparse feature columns are not carried over"},
}
METHOD_ARGUMENTS = {"hooks": "Estimator hooks do not run in Keras fit/evaluate/predict",
                    "saving_listeners": "checkpoint listeners do not run in Keras fit",
                    "checkpoint_path": "evaluating or predicting from another checkpoint is not carried over"}
ESTIMATOR_ATTRIBUTES = frozenset({"train", "evaluate", "predict", "model_dir", "params", "config",
                                  "get_variable_names"})
# TF 1.x graph plumbing that cannot live beside the Keras helper in one program.
GRAPH_ONLY = frozenset({
    "placeholder", "placeholder_with_default", "sparse_placeholder", "Session", "InteractiveSession",
    "get_default_session", "global_variables_initializer", "initialize_all_variables",
    "local_variables_initializer", "tables_initializer", "train.Saver", "train.MonitoredTrainingSession",
    "train.Supervisor", "train.start_queue_runners", "summary.FileWriter", "summary.merge_all",
})


class Plan:
    """What one file's estimator code becomes: `ok` with the names to rewrite, or the
    blockers (line, what, why) that leave it as it is."""

    def __init__(self):
        self.blockers: list[tuple[int, int, str, str]] = []  # (line, column 0-based, what, why)
        self.uses_estimator = False
        self.minimize: set[tuple[int, int]] = set()  # (line, col) of the .minimize calls to rewrite
        self.global_step_args: set[tuple[int, int]] = set()

    @property
    def ok(self) -> bool:
        return self.uses_estimator and not self.blockers


def _call_name(facts, call: ast.Call) -> str | None:
    symbol = facts.tf_symbol_of(call.func)
    if symbol and symbol.startswith("estimator."):
        return symbol[len("estimator."):]
    return None


def plan(facts) -> Plan:
    """The conversion plan of a file (computed once per prescan)."""
    cached = facts.__dict__.get("_estimator_plan")
    if cached is not None:
        return cached
    result = Plan()
    facts.__dict__["_estimator_plan"] = result
    if "estimator" not in facts.source:
        return result
    symbols = facts.tf_symbols()
    for imp in facts.imports:
        if imp.qualified.startswith(("tensorflow.estimator", "tensorflow_estimator", "tensorflow.compat.v1.estimator")) \
                or (imp.module in ("tensorflow", "tensorflow.compat.v1") and imp.name == "estimator"):
            result.uses_estimator = True
            result.blockers.append((imp.line, imp.col, f"import of {imp.qualified}", "only tf.estimator.<name> "
                                    "through the TensorFlow module is converted"))
    for symbol, where in symbols.items():
        if symbol == "estimator" or symbol.startswith("estimator."):
            result.uses_estimator = True
            rest = symbol[len("estimator."):]
            if rest not in ESTIMATOR_NAMES:
                result.blockers.append((*where[0], f"tf.{symbol}", "has no Keras counterpart in this rewrite"))
    if not result.uses_estimator:
        return result
    for symbol, where in symbols.items():
        if symbol.startswith("feature_column.") and symbol[len("feature_column."):] not in FEATURE_COLUMNS:
            result.blockers.append((*where[0], f"tf.{symbol}", "only numeric_column feature columns (and input_layer) are converted"))
        elif symbol.startswith("metrics.") and symbol[len("metrics."):] not in METRICS:
            result.blockers.append((*where[0], f"tf.{symbol}", "this v1 metric is not carried over"))
        elif symbol in GRAPH_ONLY:
            result.blockers.append((*where[0], f"tf.{symbol}", "the file also runs a TF 1.x graph in a Session"))
        elif symbol in ("feature_column", "metrics"):
            result.blockers.append((*where[0], f"tf.{symbol}", "a module reference is not converted"))
    for name, where in facts.names.items():
        if name.startswith("tensorflow.contrib.") and any(
                part in name for part in ("estimator", ".learn", "boosted_trees", "tensor_forest", ".tpu")):
            result.blockers.append((*where[0], name.replace("tensorflow.", "tf.", 1),
                                    "an Estimator this rewrite does not convert is used in the same file"))
    for imp in facts.imports:
        if imp.qualified.startswith("tensorflow.contrib.") and any(
                part in imp.qualified for part in ("estimator", ".learn", "boosted_trees", "tensor_forest", ".tpu")):
            result.blockers.append((imp.line, imp.col, f"import of {imp.qualified}",
                                    "an Estimator this rewrite does not convert is used in the same file"))
    bound: set[str] = set()
    for call in facts.of_type(ast.Call):
        name = _call_name(facts, call)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "minimize":
            result.minimize.add((call.lineno, call.col_offset))
            steps = [k.value for k in call.keywords if k.arg == "global_step"] + call.args[1:2]
            result.global_step_args.update((v.lineno, v.col_offset) for v in steps)
        if isinstance(func, ast.Attribute) and func.attr in ("train", "evaluate", "predict"):
            for keyword in call.keywords:
                if keyword.arg in METHOD_ARGUMENTS and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                    result.blockers.append((keyword.lineno, keyword.col_offset, f"{func.attr}({keyword.arg}=...)", METHOD_ARGUMENTS[keyword.arg]))
        if name is None:
            continue
        table = UNSUPPORTED_ARGUMENTS.get("canned" if name in CANNED else name, {})
        for keyword in call.keywords:
            if keyword.arg is None:
                result.blockers.append((keyword.lineno, keyword.col_offset, f"tf.estimator.{name}(**...)", "arguments hidden in **kwargs"))
            elif keyword.arg in table and not (isinstance(keyword.value, ast.Constant) and keyword.value.value in (None, False)):
                result.blockers.append((keyword.lineno, keyword.col_offset, f"tf.estimator.{name}({keyword.arg}=...)", table[keyword.arg]))
    for assign in facts.of_type(ast.Assign):
        if isinstance(assign.value, ast.Call) and _call_name(facts, assign.value) in (CANNED | {"Estimator"}):
            bound.update(t.id for t in assign.targets if isinstance(t, ast.Name))
    # An Estimator given a model_dir that this file only evaluates or predicts with reads the
    # weights a training run left there (TF 1.x restored the latest checkpoint): the Keras
    # helper keeps weights in memory only, so such a file is left as it is.
    used = {a.attr for a in facts.of_type(ast.Attribute) if isinstance(a.value, ast.Name) and a.value.id in bound}
    if used & {"evaluate", "predict"} and "train" not in used:
        for assign in facts.of_type(ast.Assign):
            if isinstance(assign.value, ast.Call) and _call_name(facts, assign.value) in (CANNED | {"Estimator"}):
                for keyword in assign.value.keywords:
                    if keyword.arg == "model_dir" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                        result.blockers.append((keyword.lineno, keyword.col_offset, "model_dir=... of an Estimator this file "
                                                "only evaluates or predicts with", "the trained weights TF 1.x restored from "
                                                "model_dir are not read by the Keras helper (it keeps weights in memory)"))
    for attribute in facts.of_type(ast.Attribute):
        if isinstance(attribute.value, ast.Name) and attribute.value.id in bound and attribute.attr not in ESTIMATOR_ATTRIBUTES:
            result.blockers.append((attribute.lineno, attribute.col_offset, f"{attribute.value.id}.{attribute.attr}",
                                    "this Estimator method has no counterpart in the Keras helper"))
    for symbol in GLOBAL_STEP:
        for line, col in symbols.get(symbol, ()):
            if (line, col) not in result.global_step_args:
                result.blockers.append((line, col, f"tf.{symbol}", "the global step is read outside optimizer.minimize"))
    result.blockers = sorted(set(result.blockers))
    return result


def _one_shot_dataset(codemod, original, updated):
    """The dataset expression (from `updated`) of `ds.make_one_shot_iterator().get_next()` or
    `tf.compat.v1.data.make_one_shot_iterator(ds).get_next()`, else None."""
    def get_next_of(node):
        if (isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Attribute)
                and node.func.attr.value == "get_next" and isinstance(node.func.value, cst.Call)):
            return node.func.value
        return None

    inner, inner_updated = get_next_of(original), get_next_of(updated)
    if inner is None or inner_updated is None:
        return None
    func = inner.func
    if isinstance(func, cst.Attribute) and func.attr.value == "make_one_shot_iterator" and not inner.args:
        pass
    elif (codemod.tf_symbol(func) or "") in ("data.make_one_shot_iterator",) and len(inner.args) == 1:
        pass
    else:
        return None
    func = inner_updated.func
    if isinstance(func, cst.Attribute) and func.attr.value == "make_one_shot_iterator" and not inner_updated.args:
        return func.value
    if len(inner_updated.args) == 1 and inner_updated.args[0].keyword is None:
        return inner_updated.args[0].value
    return None


class EstimatorKeras(Codemod):
    """TF 1.x Estimators become Keras models: a `keras_estimator` namespace written into the
    module replaces `tf.estimator` (its `Estimator.train/evaluate/predict` run Keras
    `fit/evaluate/predict` on a tf.keras.Model that calls the model_fn), and the model_fn's
    `optimizer.minimize(loss, global_step=...)` and `tf.metrics.*` become the helper's.

    Before::

        def model_fn(features, labels, mode):
            logits = tf.layers.dense(features["x"], 10)
            if mode == tf.estimator.ModeKeys.PREDICT:
                return tf.estimator.EstimatorSpec(mode, predictions=tf.argmax(logits, 1))
            loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
            train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=tf.train.get_global_step())
            return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op,
                eval_metric_ops={"accuracy": tf.metrics.accuracy(labels, tf.argmax(logits, 1))})
        model = tf.estimator.Estimator(model_fn)
        model.train(tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=32, num_epochs=None, shuffle=True), steps=100)

    After (with the renames of the other codemods)::

        class keras_estimator: ...   # written into the module
        ...
                return keras_estimator.EstimatorSpec(mode, predictions=tf.argmax(logits, 1))
            ...
            train_op = keras_estimator.minimize(tf.compat.v1.train.AdamOptimizer(0.01), loss)
            ... eval_metric_ops={"accuracy": keras_estimator.metrics.accuracy(labels, tf.argmax(logits, 1))})
        model = keras_estimator.Estimator(model_fn)
        model.train(keras_estimator.inputs.numpy_input_fn(...), steps=100)
    """

    CODE = "MIG505"
    TITLE = "tf.estimator (model_fn and premade DNN/Linear estimators, numpy_input_fn) -> Keras fit/evaluate/predict"
    WARNINGS = {"MIG515": "tf.estimator code left as it is: names the construct that stops the conversion"}

    @classmethod
    def needed(cls, facts, settings):
        if "estimator" not in facts.source:
            return False
        return plan(facts).uses_estimator

    def __init__(self, file):
        super().__init__(file)
        self.plan = plan(file.facts)
        self._inner: set[int] = set()
        self.namespace: str | None = None
        self._used = False

    def _ns(self) -> str:
        if self.namespace is None:
            taken = set(self.file.facts.aliases) | _bound_names(self.file.facts)
            name = "keras_estimator"
            while name in taken:
                name += "_"
            self.namespace = name
        return self.namespace

    def visit_Module(self, node: cst.Module) -> None:
        if self.plan.ok or not self.plan.blockers:
            return
        # A file left as it is: one MIG515 at each construct that stops the conversion,
        # found by its position (this runs only for such files).
        nodes: list[cst.CSTNode] = []

        class Collect(cst.CSTVisitor):
            def on_visit(self, child):
                nodes.append(child)
                return True

        node.visit(Collect())
        at: dict[tuple[int, int], cst.CSTNode] = {}
        positions = positions_of(node, nodes)
        for found in nodes:
            where = positions.get(id(found))
            if where is not None:
                at.setdefault(where, found)
        for line, col, what, why in self.plan.blockers:
            self.warn(at.get((line, col + 1), node), "MIG515",
                      f"{what}: {why}, so this file's tf.estimator code is left as it is (not converted to "
                      "Keras by MIG505); convert it by hand to a tf.keras.Model trained with compile/fit, or keep "
                      "tensorflow<2.16")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._inner.add(id(node.value))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._inner.add(id(node.keyword))

    def leave_Attribute(self, original_node, updated_node):
        return self._name(original_node, updated_node)

    def leave_Name(self, original_node, updated_node):
        return self._name(original_node, updated_node)

    def _name(self, original_node, updated_node):
        if id(original_node) in self._inner:
            return updated_node
        symbol = self.tf_symbol(original_node)
        if symbol is None:
            return updated_node
        if not self.plan.ok:
            return updated_node
        if symbol.startswith("estimator."):
            path = symbol[len("estimator."):]
        elif symbol.startswith("feature_column.") and symbol[len("feature_column."):] in FEATURE_COLUMNS:
            path = symbol
        elif symbol.startswith("metrics.") and symbol[len("metrics."):] in METRICS:
            path = symbol
        else:
            return updated_node
        self._used = True
        self.changed(original_node, f"tf.{symbol} -> {self._ns()}.{path} (Keras, written into this module)")
        return dotted_expr(f"{self._ns()}.{path}")

    def leave_Call(self, original_node, updated_node):
        if not self.plan.ok:
            return updated_node
        func = updated_node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "minimize"):
            return updated_node
        args = [a for a in updated_node.args if not (a.keyword is not None and a.keyword.value == "global_step")]
        if len(args) > 1 and args[1].keyword is None:
            args = args[:1] + args[2:]  # positional global_step (minimize(loss, global_step, ...))
        if args:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        receiver = cst.Arg(func.value)
        self._used = True
        self.changed(original_node, f"optimizer.minimize(loss) -> {self._ns()}.minimize(optimizer, loss): "
                                    "the Keras train step applies the gradients with this optimizer")
        return cst.Call(func=dotted_expr(f"{self._ns()}.minimize"), args=[receiver, *args])

    def leave_Return(self, original_node, updated_node):
        """`return dataset.make_one_shot_iterator().get_next()` of an input_fn -> `return
        dataset`: the Estimator read the same batches from either; eagerly, get_next() is one
        batch."""
        if not self.plan.ok or updated_node.value is None:
            return updated_node
        dataset = _one_shot_dataset(self, original_node.value, updated_node.value)
        if dataset is None:
            return updated_node
        self.changed(original_node, "input_fn: return dataset.make_one_shot_iterator().get_next() -> return dataset "
                                    "(the Keras estimator reads the Dataset)")
        return updated_node.with_changes(value=dataset)

    def leave_Module(self, original_node, updated_node):
        if not (self.plan.ok and self._used and self.file.settings.enabled(self.CODE)):
            return updated_node  # (with MIG505 off, its tree changes are dropped: add nothing either)
        self.file.use_legacy_keras()
        self.require("tf-keras")
        if "enable_eager_execution" not in self.file.facts.tf_symbols():
            # the model_fn's tf.compat.v1 layers / variable scopes (and the helper's) run
            # eagerly inside Keras: mark the program eager (a no-op in TF 2) so that MIG104
            # does not disable eager execution when it reads the migrated file again
            self.file.add_statement(f"{self.file.tf_root()}.compat.v1.enable_eager_execution()\n",
                                    where="after_tf_import", key="enable_eager_execution")
        return add_helpers(updated_node, [HELPER.replace("KERAS_ESTIMATOR", self._ns())])
