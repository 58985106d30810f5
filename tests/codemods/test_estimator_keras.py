import ast

import pytest

from migrate.codemod import Settings
from migrate.codemods.estimator_keras import HELPER, EstimatorKeras, plan
from migrate.prescan import prescan
from migrate.testing import apply, check_unchanged

MODEL_FN = '''\
import tensorflow as tf


def model_fn(features, labels, mode, params):
    logits = tf.layers.dense(features["x"], params["classes"])
    predicted = tf.argmax(logits, axis=1)
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"class": predicted})
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=tf.train.get_global_step())
    metrics = {"accuracy": tf.metrics.accuracy(labels=labels, predictions=predicted)}
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op, eval_metric_ops=metrics)


model = tf.estimator.Estimator(model_fn, params={"classes": 3})
train_input = tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=8, num_epochs=None, shuffle=True)
model.train(train_input, steps=10)
print(model.evaluate(tf.estimator.inputs.numpy_input_fn({"x": x}, y, shuffle=False))["accuracy"])
'''


def _without_helper(code: str) -> str:
    tree = ast.parse(code)
    helper = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.startswith("keras_estimator")]
    assert len(helper) == 1, "the keras_estimator namespace is written once"
    lines = code.splitlines(keepends=True)
    node = helper[0]
    return "".join(lines[: node.lineno - 1] + lines[node.end_lineno:])


def test_model_fn_program():
    outcome = apply(EstimatorKeras, MODEL_FN)
    code = _without_helper(outcome.code)
    assert "tf.estimator" not in code and "tf.metrics" not in code and ").minimize(" not in code
    assert "if mode == keras_estimator.ModeKeys.PREDICT:" in code
    assert "return keras_estimator.EstimatorSpec(mode, predictions={\"class\": predicted})" in code
    # global_step goes: the Keras train step counts the steps
    assert "train_op = keras_estimator.minimize(tf.train.AdamOptimizer(0.01), loss)" in code
    assert '{"accuracy": keras_estimator.metrics.accuracy(labels=labels, predictions=predicted)}' in code
    assert 'model = keras_estimator.Estimator(model_fn, params={"classes": 3})' in code
    assert "keras_estimator.inputs.numpy_input_fn({\"x\": x}, y, batch_size=8, num_epochs=None, shuffle=True)" in code
    assert "model.train(train_input, steps=10)" in code
    assert outcome.required == {"tf-keras"}
    assert all(f.code == "MIG505" for f in outcome.findings)
    ast.parse(outcome.code)


@pytest.mark.parametrize("source, expected", [
    # tf.compat.v1 alias, premade classifier on numeric columns, default optimizer
    ("import tensorflow.compat.v1 as tf\ncols = [tf.feature_column.numeric_column(k) for k in 'ab']\n"
     "clf = tf.estimator.DNNClassifier(hidden_units=[8], feature_columns=cols, n_classes=3)\n"
     "clf.train(input_fn=fn, steps=5)\n",
     ["cols = [keras_estimator.feature_column.numeric_column(k) for k in 'ab']",
      "clf = keras_estimator.DNNClassifier(hidden_units=[8], feature_columns=cols, n_classes=3)"]),
    # minimize with a positional global step, optimizer bound to a name
    ("import tensorflow as tf\ndef fn(features, labels, mode):\n    opt = tf.train.GradientDescentOptimizer(0.1)\n"
     "    op = opt.minimize(loss, tf.train.get_or_create_global_step())\n"
     "    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=op)\nm = tf.estimator.Estimator(model_fn=fn)\n",
     ["    op = keras_estimator.minimize(opt, loss)", "m = keras_estimator.Estimator(model_fn=fn)"]),
    # linear regressor with a given optimizer and a predict loop
    ("import tensorflow as tf\nreg = tf.estimator.LinearRegressor([tf.feature_column.numeric_column('x', shape=[3])],\n"
     "    optimizer=tf.train.FtrlOptimizer(0.1))\nfor p in reg.predict(tf.estimator.inputs.numpy_input_fn({'x': x}, shuffle=False)):\n"
     "    print(p['predictions'])\n",
     ["reg = keras_estimator.LinearRegressor([keras_estimator.feature_column.numeric_column('x', shape=[3])],",
      "for p in reg.predict(keras_estimator.inputs.numpy_input_fn({'x': x}, shuffle=False)):"]),
], ids=["compat-v1-premade-comprehension", "positional-global-step", "linear-regressor-predict-loop"])
def test_forms(source, expected):
    code = _without_helper(apply(EstimatorKeras, source).code)
    for line in expected:
        assert line in code
    assert "tf.estimator" not in code and "global_step" not in code


def test_name_taken_by_the_file():
    source = "import tensorflow as tf\nkeras_estimator = 1\nm = tf.estimator.Estimator(fn)\n"
    code = apply(EstimatorKeras, source).code
    assert "class keras_estimator_:" in code and "m = keras_estimator_.Estimator(fn)" in code
    assert "keras_estimator = 1" in code


@pytest.mark.parametrize("source, what", [
    ("import tensorflow as tf\nm = tf.estimator.Estimator(fn, config=tf.estimator.RunConfig(train_distribute=s))\n",
     "tf.estimator.RunConfig(train_distribute=...)"),
    ("import tensorflow as tf\nm = tf.estimator.Estimator(fn)\nm.train(f, hooks=[h])\n", "train(hooks=...)"),
    ("import tensorflow as tf\nm = tf.estimator.Estimator(fn, warm_start_from='/tmp/old')\n",
     "tf.estimator.Estimator(warm_start_from=...)"),
    ("import tensorflow as tf\nm = tf.estimator.Estimator(fn)\nm.export_savedmodel('d', serve)\n", "m.export_savedmodel"),
    ("import tensorflow as tf\ntf.estimator.train_and_evaluate(m, a, b)\n", "tf.estimator.train_and_evaluate"),
    ("import tensorflow as tf\nc = tf.feature_column.categorical_column_with_identity('c', 3)\n"
     "m = tf.estimator.LinearClassifier([c])\n", "tf.feature_column.categorical_column_with_identity"),
    ("import tensorflow as tf\ndef fn(features, labels, mode):\n"
     "    lr = tf.train.exponential_decay(0.1, tf.train.get_global_step(), 100, 0.9)\n"
     "    return tf.estimator.EstimatorSpec(mode)\nm = tf.estimator.Estimator(fn)\n", "tf.train.get_global_step"),
    ("import tensorflow as tf\nm = tf.estimator.DNNClassifier([4], cols, weight_column='w')\n",
     "tf.estimator.DNNClassifier(weight_column=...)"),
    ("import tensorflow as tf\nm = tf.estimator.Estimator(fn)\nsess = tf.Session()\n", "tf.Session"),
    ("import tensorflow as tf\ndef fn(features, labels, mode):\n    m = tf.metrics.mean_iou(labels, p, 3)\n"
     "    return tf.estimator.EstimatorSpec(mode)\ne = tf.estimator.Estimator(fn)\n", "tf.metrics.mean_iou"),
    ("from tensorflow import estimator\nm = estimator.Estimator(fn)\n", "import of tensorflow.estimator"),
    ("import tensorflow as tf\nfrom tensorflow.contrib.boosted_trees.estimator_batch.estimator import GradientBoostedDecisionTreeClassifier as G\n"
     "m = G(learner_config=c, examples_per_layer=100)\nm.fit(input_fn=tf.estimator.inputs.numpy_input_fn(x, y, shuffle=True))\n",
     "import of tensorflow.contrib.boosted_trees"),
    ("import tensorflow as tf\nest = tf.estimator.Estimator(fn, model_dir='/tmp/model')\n"
     "for p in est.predict(tf.estimator.inputs.numpy_input_fn({'x': x}, shuffle=False)):\n    print(p)\n",
     "model_dir=... of an Estimator this file only evaluates or predicts with"),
], ids=["runconfig-distribute", "hooks", "warm-start", "export", "train-and-evaluate", "categorical-column", "global-step-elsewhere",
        "weight-column", "session-code", "other-metric", "from-import",
        "input-fn-for-a-contrib-estimator", "predict-from-a-trained-model-dir"])
def test_not_converted_file_is_left_whole_with_a_precise_warning(source, what):
    outcome = check_unchanged(EstimatorKeras, source)
    warnings = [f for f in outcome.findings if f.code == "MIG515"]
    assert warnings and any(f.message.startswith(what) for f in warnings)
    lines = source.splitlines()
    for warning in warnings:  # each at its construct
        assert warning.line > 1 or "estimator" in lines[0] or "contrib" in lines[0]
        assert "left as it is" in warning.message
    assert not plan(prescan(source)).ok


@pytest.mark.parametrize("source", [
    "import other as tf\nm = tf.estimator.Estimator(fn)\n",
    'import tensorflow as tf\ns = "tf.estimator.Estimator(fn)"  # tf.estimator\n',
    "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.fit(x, y)\n",
    "import tensorflow as tf\ndef f(estimator):\n    return estimator.train(fn, steps=3)\n",
    "import tensorflow as tf\nopt = tf.train.AdamOptimizer()\nop = opt.minimize(loss)\n",  # graph code, no estimator
], ids=["import-other-as-tf", "string-and-comment", "keras-code", "parameter-named-estimator", "minimize-without-estimator"])
def test_unchanged(source):
    outcome = check_unchanged(EstimatorKeras, source)
    assert not outcome.findings


def test_second_run_changes_nothing():
    once = apply(EstimatorKeras, MODEL_FN).code
    assert not EstimatorKeras.needed(prescan(once), Settings())


def test_needed_is_false_without_estimator():
    assert not EstimatorKeras.needed(prescan("import tensorflow as tf\nx = tf.constant(1)\n"), Settings())


@pytest.mark.parametrize("source, expected", [
    ("import tensorflow as tf\ndef train_input_fn(x, y):\n    ds = tf.data.Dataset.from_tensor_slices((dict(x), y))\n"
     "    return ds.shuffle(100).repeat().batch(8).make_one_shot_iterator().get_next()\n"
     "m = tf.estimator.Estimator(fn)\nm.train(lambda: train_input_fn(x, y), steps=3)\n",
     "    return ds.shuffle(100).repeat().batch(8)\n"),
    ("import tensorflow as tf\ndef input_fn():\n    ds = tf.data.Dataset.range(3)\n"
     "    return tf.compat.v1.data.make_one_shot_iterator(ds).get_next()\n"
     "m = tf.estimator.Estimator(fn)\nm.train(input_fn, steps=3)\n",
     "    return ds\n"),
], ids=["method-chain", "compat-function"])
def test_input_fn_returns_the_dataset(source, expected):
    code = _without_helper(apply(EstimatorKeras, source).code)
    assert expected in code and "get_next" not in code


def test_input_layer_and_metric_pair_in_model_fn():
    source = ("import tensorflow as tf\ndef fn(features, labels, mode, params):\n"
              "    net = tf.feature_column.input_layer(features, params['feature_columns'])\n"
              "    acc = tf.metrics.accuracy(labels=labels, predictions=p, name='acc_op')\n"
              "    tf.summary.scalar('accuracy', acc[1])\n    return tf.estimator.EstimatorSpec(mode)\n"
              "m = tf.estimator.Estimator(model_fn=fn, params={'feature_columns': [tf.feature_column.numeric_column('a')]})\n")
    code = _without_helper(apply(EstimatorKeras, source).code)
    assert "net = keras_estimator.feature_column.input_layer(features, params['feature_columns'])" in code
    assert "acc = keras_estimator.metrics.accuracy(labels=labels, predictions=p, name='acc_op')" in code
    assert "tf.summary.scalar('accuracy', acc[1])" in code


def test_model_fn_module_without_estimator_is_converted_too():
    # model.py defines the model_fn; train.py builds the Estimator from it: both are converted
    # (each with its own helper; the helpers recognise each other's train ops and metrics).
    source = ("import tensorflow as tf\ndef model_fn(features, labels, mode):\n"
              "    logits = tf.layers.dense(features, 2)\n"
              "    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)\n"
              "    op = tf.train.AdamOptimizer().minimize(loss, global_step=tf.train.get_global_step())\n"
              "    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=op)\n")
    assert plan(prescan(source)).ok
    code = _without_helper(apply(EstimatorKeras, source).code)
    assert "op = keras_estimator.minimize(tf.train.AdamOptimizer(), loss)" in code
    assert "return keras_estimator.EstimatorSpec(mode, loss=loss, train_op=op)" in code


def test_pandas_input_fn_is_converted():
    source = ("import tensorflow as tf\nest = tf.estimator.LinearRegressor([tf.feature_column.numeric_column('a')])\n"
              "est.train(tf.estimator.inputs.pandas_input_fn(df, df.pop('y'), shuffle=True), steps=5)\n")
    code = _without_helper(apply(EstimatorKeras, source).code)
    assert "est.train(keras_estimator.inputs.pandas_input_fn(df, df.pop('y'), shuffle=True), steps=5)" in code


@pytest.fixture(scope="module")
def helper():
    namespace = {}
    exec(compile(HELPER.replace("KERAS_ESTIMATOR", "keras_estimator"), "keras_estimator", "exec"), namespace)
    return namespace["keras_estimator"]


@pytest.mark.tf
@pytest.mark.parametrize("size, batch, epochs, expected", [
    (10, 4, 1, [4, 4, 2]),
    (10, 4, 2, [4, 4, 4, 4, 4]),  # batches run across the epoch boundary, as TF 1.x's queue did
    (10, 3, 3, [3] * 10),
    (5, 8, 1, [5]),
])
def test_numpy_input_fn_batches_as_tf1(helper, size, batch, epochs, expected):
    import numpy as np
    x = np.arange(size, dtype=np.float32)
    for shuffle in (False, True):
        fn = helper.inputs.numpy_input_fn({"x": x}, x.astype(np.int64), batch_size=batch, num_epochs=epochs, shuffle=shuffle)
        batches = [(f["x"].numpy(), labels.numpy()) for f, labels in fn()]
        assert [len(b[0]) for b in batches] == expected
        seen = np.concatenate([b[0] for b in batches])
        assert sorted(seen.tolist()) == sorted(np.tile(x, epochs).tolist())  # every example `epochs` times
        assert all((f == labels).all() for f, labels in batches)  # features and labels stay paired
        if not shuffle:
            assert seen.tolist() == np.tile(x, epochs).tolist()


@pytest.mark.tf
def test_numpy_input_fn_needs_shuffle_and_keeps_array_features(helper):
    import numpy as np
    with pytest.raises(ValueError, match="shuffle must be provided explicitly"):
        helper.inputs.numpy_input_fn(np.zeros(3))
    batches = list(helper.inputs.numpy_input_fn(np.ones((5, 2)), batch_size=2, shuffle=False)())
    assert [tuple(b.shape) for b in batches] == [(2, 2), (2, 2), (1, 2)]


def test_ignored_code_adds_nothing():
    outcome = apply(EstimatorKeras, MODEL_FN, Settings(ignore=frozenset({"MIG505"})))
    assert outcome.code == MODEL_FN and not outcome.required


def test_runconfig_of_checkpoint_settings_is_converted():
    source = ("import tensorflow as tf\nconfig = tf.estimator.RunConfig(model_dir='/tmp/m', save_checkpoints_steps=50, "
              "tf_random_seed=1)\nm = tf.estimator.DNNRegressor([8], cols, config=config)\n")
    code = _without_helper(apply(EstimatorKeras, source).code)
    assert "config = keras_estimator.RunConfig(model_dir='/tmp/m', save_checkpoints_steps=50, tf_random_seed=1)" in code
    assert "m = keras_estimator.DNNRegressor([8], cols, config=config)" in code
