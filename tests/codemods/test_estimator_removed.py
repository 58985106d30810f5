import pytest

from migrate.codemod import Settings
from migrate.codemods.estimator_removed import EstimatorRemoved
from migrate.prescan import prescan
from migrate.testing import check_unchanged


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "import tensorflow as tf\nest = tf.estimator.Estimator(model_fn=fn, model_dir=d)\n",
            [(2, "tf.estimator.Estimator", "tf.keras.Model")],
        ),
        (
            "import tensorflow as tf\n\nif mode == tf.estimator.ModeKeys.TRAIN:\n    pass\n",
            [(3, "tf.estimator.ModeKeys.TRAIN", "`training` argument")],
        ),
        (
            "import tensorflow as tf\ntf.estimator.train_and_evaluate(est, train_spec, eval_spec)\n",
            [(2, "tf.estimator.train_and_evaluate", "model.fit")],
        ),
        (
            "import tensorflow as tf\nfn = tf.estimator.inputs.numpy_input_fn(x, y)\n",
            [(2, "tf.estimator.inputs.numpy_input_fn", "tf.data.Dataset")],
        ),
        (
            "from tensorflow import estimator\nspec = estimator.EstimatorSpec(mode, loss=loss)\n",
            [(1, "from tensorflow import estimator", "flagged where it occurs"),
             (2, "tf.estimator.EstimatorSpec", "model.compile")],
        ),
        (
            "import tensorflow.compat.v1 as tf\nc = tf.estimator.DNNClassifier(hidden_units=[10])\n",
            [(2, "tf.estimator.DNNClassifier", "Dense layers")],
        ),
        (
            "import tensorflow_estimator as tfe\n",
            [(1, "import tensorflow_estimator", "flagged where it occurs")],
        ),
    ],
    ids=["estimator", "modekeys", "train-and-evaluate", "inputs", "from-import", "compat-v1-canned", "package"],
)
def test_warnings(source, expected):
    # with MIG505 off (--ignore MIG505): every use is warned, convertible or not
    outcome = check_unchanged(EstimatorRemoved, source, Settings(ignore=frozenset({"MIG505"})))
    got = [(f.line, f.message) for f in outcome.findings]
    assert [f.code for f in outcome.findings] == ["MIG181"] * len(expected)
    for (line, message), (want_line, what, advice) in zip(got, expected):
        assert line == want_line
        assert message.startswith(what) and advice in message
        assert "removed in TensorFlow 2.16" in message


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as tf\nx = tf.estimator.Estimator()\n",
        "import tensorflow as tf\ntf = Thing()\nx = tf.estimator.Estimator()\n",
        'import tensorflow as tf\nx = "tf.estimator.Estimator"  # tf.estimator\n',
        "import os\nestimator = os.getcwd()\n",
        "import tensorflow as tf\nmodel = tf.keras.Sequential()\n",
        "import tensorflow as tf\ndef f(estimator):\n    return estimator.train()\n",
    ],
    ids=["numpy-as-tf", "local-variable-tf", "string-and-comment", "no-tensorflow", "tf2-code", "parameter"],
)
def test_unchanged_and_silent(source):
    assert not check_unchanged(EstimatorRemoved, source).findings


@pytest.mark.parametrize(
    "source, warned",
    [
        ("import tensorflow as tf\nest = tf.estimator.Estimator(model_fn=fn, model_dir=d)\n", False),
        ("import tensorflow as tf\nest = tf.estimator.Estimator(fn, config=tf.estimator.RunConfig(train_distribute=s))\n", True),
        ("import tensorflow as tf\ntf.estimator.train_and_evaluate(est, train_spec, eval_spec)\n", True),
    ],
    ids=["converted-by-MIG505", "runconfig", "train-and-evaluate"],
)
def test_silent_where_estimator_keras_converts(source, warned):
    outcome = check_unchanged(EstimatorRemoved, source)
    assert bool(outcome.findings) == warned


def test_needed_is_cheap_and_false_without_estimator():
    assert not EstimatorRemoved.needed(prescan("import tensorflow as tf\nx = tf.constant(1)\n"), Settings())
