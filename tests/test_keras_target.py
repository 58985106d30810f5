import os
import subprocess
import sys

import pytest

from migrate.keras_target import KERAS2_SIGNS, keras2_reasons

SIGNS = [
    pytest.param("from keras.engine import Layer\n", "keras.engine", id="keras-engine"),
    pytest.param("import keras\nclass A(keras.engine.topology.Layer): pass\n", "keras.engine", id="keras-engine-attribute"),
    pytest.param("from keras import backend as K\nsess = K.get_session()\n", "get_session", id="get-session"),
    pytest.param("from keras import backend as K\nf = K.function([x], [y])\n", "K.function", id="k-function"),
    pytest.param("from keras import backend as K\nK.set_learning_phase(1)\n", "learning phase", id="set-learning-phase-1"),
    pytest.param("import tensorflow as tf\nh = tf.layers.dense(x, 3)\n", "graph-mode layers", id="tf-layers"),
    pytest.param("import tensorflow as tf\nc = tf.compat.v1.nn.rnn_cell.LSTMCell(4)\n", "graph-mode layers", id="rnn-cell"),
    pytest.param("from keras.layers import TimeDistributed\n", "TimeDistributed", id="time-distributed"),
    pytest.param("import keras\nself.kernel = self.add_weight('kernel', (3, 4))\n", "add_weight", id="add-weight-name-first"),
    pytest.param("import keras\nmodel.keras_model._losses = []\n", "private", id="private-losses"),
    pytest.param(
        "import keras\nimport tensorflow as tf\nm = keras.Sequential()\nx = tf.placeholder(tf.float32)\n",
        "TF 1 graph", id="keras-model-in-graph-code",
    ),
    pytest.param(
        "import keras\nimport tensorflow as tf\nm = keras.models.load_model(p)\nsess = tf.Session()\n",
        "TF 1 graph", id="keras-model-and-a-session",
    ),
    pytest.param(
        "import keras\nlayer = PositionEmbedding(input_dim=4, output_dim=2, weights=[np.ones((4, 2))])\n",
        "weights=", id="constructor-weights",
    ),
    # Kind 3: raw TF ops on the Keras tensors of a functional model (Keras 3 raises).
    pytest.param(
        "import tensorflow as tf\nfrom tensorflow.keras import layers, Model\na, b = layers.Input((4,)), layers.Input((4,))\n"
        "model = Model([a, b], tf.expand_dims(tf.concat([layers.Dense(3)(a), layers.Dense(3)(b)], axis=-1), 1))\n",
        "tf.expand_dims", id="raw-ops-nested-on-layer-outputs",
    ),
    pytest.param(
        "import tensorflow as tf\nimport keras\ndef build():\n    inp = keras.layers.Input((6,))\n"
        "    h = keras.layers.Dense(6)(inp)\n    m = keras.Model(inp, keras.layers.Dense(1)(h))\n    flat = tf.reshape(h, [-1, 2, 3])\n",
        "tf.reshape", id="raw-op-two-steps-in-a-builder-function",
    ),
    pytest.param(
        "from keras import backend as K\nfrom keras.layers import Input, Dense\nfrom keras.models import Model\n"
        "inp = Input(shape=(5,))\nm = Model(inp, K.expand_dims(Dense(8)(inp), 1))\n",
        "K.expand_dims", id="backend-op-on-layer-output",
    ),
]


@pytest.mark.parametrize("source, why", SIGNS)
def test_signs(source, why):
    reasons = keras2_reasons(source)
    assert len(reasons) == 1
    line, text = reasons[0]
    assert why in text
    assert line == source.count("\n")  # every sample has its site on its last line


NOT_SIGNS = [
    pytest.param("from tensorflow import keras\nmodel.fit(x, y)\n", id="plain-keras-3-code"),
    pytest.param("from keras import backend as K\nK.set_learning_phase(0)\n", id="set-learning-phase-0-is-removed"),
    pytest.param("import keras\nmodel.fit_generator(g, 10, workers=4)\nopt = keras.optimizers.Adam(lr=0.1)\n", id="rewritten-apis"),
    pytest.param("import keras\nmodel._make_predict_function()\n", id="make-predict-function-is-removed"),
    pytest.param("import keras\n# from keras.engine import Layer\nx = 1  # K.get_session()\n", id="comments"),
    pytest.param("import keras\nw = self.add_weight(name='kernel', shape=(3, 4))\n", id="add-weight-by-keyword"),
    pytest.param("import numpy as np\nnp.ones(3)\n", id="no-keras"),
    pytest.param("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n", id="graph-code-without-keras"),
    pytest.param(
        "import keras\nimport tensorflow as tf\nK.set_session(tf.Session(config=c))\nm = keras.Sequential()\n",
        id="config-only-session-is-rewritten",
    ),
    pytest.param("import keras\nweights = [1, 2]\nmodel.compile('sgd', loss_weights=[1.0, 0.5])\n", id="weights-variable-and-loss-weights"),
    pytest.param(
        "import tensorflow as tf\nfrom keras.layers import Input, Dense, Lambda\nfrom keras.models import Model\n"
        "inp = Input((4,))\nout = Lambda(lambda t: tf.expand_dims(t, 1))(Dense(3)(inp))\nm = Model(inp, out)\n",
        id="raw-op-inside-lambda",
    ),
    pytest.param(
        "import tensorflow as tf\nimport keras\nclass L(keras.layers.Layer):\n    def call(self, x):\n"
        "        return tf.nn.relu(x)\ninp = keras.Input((3,))\nm = keras.Model(inp, L()(inp))\n",
        id="raw-op-inside-layer-call",
    ),
    pytest.param(
        "import numpy as tf\nimport keras\ninp = keras.Input((3,))\nm = keras.Model(inp, tf.exp(inp))\n",
        id="numpy-as-tf",
    ),
    pytest.param(
        "import tensorflow as tf\nimport keras\ninp = keras.Input((3,))\nc = tf.constant([1.0])\nm = keras.Model(inp, keras.layers.Dense(1)(inp))\n",
        id="raw-op-on-constants-only",
    ),
]


@pytest.mark.parametrize("source", NOT_SIGNS)
def test_not_signs(source):
    assert keras2_reasons(source) == []


def test_lines_sorted_and_limited():
    source = (
        "import keras\n"                               # 1
        "from keras.layers import TimeDistributed\n"   # 2
        "x = 1\n"                                      # 3
        "from keras.engine import Layer\n"             # 4
        "s = K.get_session()\n"                        # 5
        "y = K.get_session()\n"                        # 6: second site of a sign: not repeated
        "h = tf.layers.dense(x, 2)\n"                  # 7
    )
    reasons = keras2_reasons(source)
    assert [line for line, _ in reasons] == [2, 4, 5]
    assert [line for line, _ in keras2_reasons(source, limit=10)] == [2, 4, 5, 7]


def test_every_sign_has_a_reason_text():
    assert all(why for _, why in KERAS2_SIGNS)


@pytest.mark.tf
@pytest.mark.slow
def test_keras3_cannot_train_with_eager_disabled_tf_keras_can():
    """The reason given for Keras models in TF 1 graph code, measured."""
    program = (
        "import sys, numpy as np\nimport tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"
        "from tensorflow import keras\n"
        "m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\nm.compile('sgd', 'mse')\n"
        "m.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)\nprint('trained')\n"
    )
    results = {}
    for keras in ("3", "2"):
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
        env.pop("TF_USE_LEGACY_KERAS", None)
        if keras == "2":
            env["TF_USE_LEGACY_KERAS"] = "1"
        results[keras] = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=300)
    assert results["2"].returncode == 0 and "trained" in results["2"].stdout, results["2"].stderr[-2000:]
    assert results["3"].returncode != 0 and "eager mode" in results["3"].stderr


@pytest.mark.tf
@pytest.mark.slow
def test_time_distributed_measurement():
    """The reason given for TimeDistributed, measured: Keras 3 inside a tf.function over a
    dynamic time axis returns the wrong shape; tf-keras returns the right one."""
    program = r'''
import sys, numpy as np
import tensorflow as tf
if sys.argv[1] == "2":
    import tf_keras as keras
else:
    import keras
layer = keras.layers.TimeDistributed(keras.layers.Dense(3))
@tf.function(input_signature=[tf.TensorSpec([None, None, 4])])
def run(x):
    return layer(x)
x = np.ones((2, 5, 4), "float32")
print(tuple(layer(x).shape), tuple(run(x).shape))
'''
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    shapes = {}
    for keras in ("3", "2"):
        done = subprocess.run([sys.executable, "-c", program, keras], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        shapes[keras] = done.stdout.strip().splitlines()[-1]
    assert shapes["2"] == "(2, 5, 3) (2, 5, 3)"
    assert shapes["3"] == "(2, 5, 3) (2, 2, 3)"  # the batch size taken as the number of steps


@pytest.mark.parametrize("setter", [
    "K.set_value(model.optimizer.lr, 0.01)",
    "cb = keras.callbacks.ReduceLROnPlateau()",
    "print(model.optimizer.learning_rate)",
])
def test_decay_with_a_settable_learning_rate_needs_keras2(setter):
    source = f"import keras\nmodel.compile(optimizer=keras.optimizers.SGD(lr=0.1, decay=1e-4))\n{setter}\n"
    assert [(line, "decay" in why) for line, why in keras2_reasons(source)] == [(2, True)]


def test_decay_alone_does_not_need_keras2():
    assert keras2_reasons("import keras\nopt = keras.optimizers.SGD(lr=0.1, decay=1e-4)\n# model.optimizer.lr\n") == []


ESTIMATOR_PROGRAM = '''\
from tensorflow.examples.tutorials.mnist import input_data
mnist = input_data.read_data_sets("/tmp/data/", one_hot=False)

import tensorflow as tf


def model_fn(features, labels, mode):
    logits = tf.layers.dense(features["images"], 10)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=labels))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode=mode, predictions=tf.argmax(logits, 1), loss=loss, train_op=train_op)


model = tf.estimator.Estimator(model_fn)
model.train(tf.estimator.inputs.numpy_input_fn(x={"images": mnist.train.images}, y=mnist.train.labels,
                                               batch_size=128, num_epochs=None, shuffle=True), steps=10)
'''

GRAPH_PROGRAM = '''\
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 3])
y = tf.matmul(x, tf.get_variable("w", [3, 1]))
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
'''


def test_code_this_tool_wrote_does_not_change_the_decision_on_a_second_run(tmp_path):
    """A tree whose first run decides Keras 3 (no file mentions Keras) gets MIG505's
    keras_estimator and MIG504's MNIST loader written into a file; a second run must
    decide the same and change nothing (TensorFlow-Examples: it flipped to Keras 2 on the
    helpers' own code and rewrote 16 files)."""
    from migrate.keras_target import without_generated

    (tmp_path / "estimator.py").write_text(ESTIMATOR_PROGRAM)
    (tmp_path / "graph.py").write_text(GRAPH_PROGRAM)
    run = [sys.executable, "-m", "migrate", "code", str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1, first.stderr
    migrated = (tmp_path / "estimator.py").read_text()
    assert "class keras_estimator:" in migrated and "def read_data_sets(" in migrated
    assert "keras" not in without_generated(migrated)  # only the helpers mention it
    again = subprocess.run(run[:4] + ["--check", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "targeting Keras" not in first.stderr and "targeting Keras" not in again.stderr
    # the Keras 2 switch the estimator helper needs comes before the MNIST loader's call
    assert migrated.index("TF_USE_LEGACY_KERAS") < migrated.index("mnist = read_data_sets(")


EAGER_NETWORK = '''\
import tensorflow as tf
import tensorflow.contrib.eager as tfe

tf.enable_eager_execution()


class TwoLayers(tfe.Network):
    def __init__(self, width):
        super(TwoLayers, self).__init__()
        self.hidden = self.track_layer(tf.layers.Dense(width, activation=tf.nn.tanh))
        self.head = self.track_layer(tf.layers.Dense(1))

    def call(self, inputs):
        return self.head(self.hidden(inputs))
'''

EAGER_FIT = '''\
import numpy as np
import tensorflow as tf

tf.enable_eager_execution()
slope = tf.Variable(0.5)
step = tf.train.GradientDescentOptimizer(learning_rate=0.05)
xs = np.linspace(0.0, 1.0, 8).astype("float32")
for _ in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((slope * xs - 2.0 * xs) ** 2)
    step.apply_gradients([(tape.gradient(loss, slope), slope)])
print(float(slope.numpy()))
'''


def _run_auto(*args, mode="write"):
    import io

    from migrate import runner
    from migrate.settings import Settings

    out, err = io.StringIO(), io.StringIO()
    code = runner.run(tuple(map(str, args)), Settings(keras="auto"), runner.RunOptions(mode=mode, jobs=1), out, err)
    return code, err.getvalue()


def test_keras_the_migration_writes_decides_on_the_first_run(tmp_path):
    """No file mentions Keras, but the migration makes one (tfe.Network -> tf.keras.Model,
    next to the tf.layers it keeps; tf.train optimizers -> tf.keras.optimizers): the first
    run must already target what a second run decides on the migrated files, so that the
    second run changes nothing (TensorFlow-Examples tensorflow_v1: 16 files rewritten again)."""
    (tmp_path / "net.py").write_text(EAGER_NETWORK)
    (tmp_path / "fit_line.py").write_text(EAGER_FIT)
    code, err = _run_auto(tmp_path)
    assert code == 1, err
    assert "targeting Keras 2" in err and "net.py:10: uses graph-mode layers" in err  # the line in the input
    net, fit = (tmp_path / "net.py").read_text(), (tmp_path / "fit_line.py").read_text()
    assert "class TwoLayers(tf.keras.Model):" in net
    assert "tf.keras.optimizers.SGD(learning_rate=0.05)" in fit
    # a Keras 2 run: tf.keras must be tf-keras in every file that uses it
    assert fit.index('os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")') < fit.index("import tensorflow as tf")
    code, err = _run_auto(tmp_path, mode="check")
    assert code == 0, err
    assert (tmp_path / "net.py").read_text() == net and (tmp_path / "fit_line.py").read_text() == fit
    code, err = _run_auto(tmp_path)
    assert code == 0, err


def test_keras_decision_of_a_tree_the_migration_leaves_without_signs_is_unchanged(tmp_path):
    """Unchanged cases: a tree whose new texts give the same decision is migrated once
    (no second pass message), with Keras 3 when nothing needs Keras 2."""
    (tmp_path / "fit_line.py").write_text(EAGER_FIT)
    code, err = _run_auto(tmp_path)
    assert code == 1 and "targeting Keras" not in err, err
    migrated = (tmp_path / "fit_line.py").read_text()
    assert "tf.keras.optimizers.SGD(" in migrated and "TF_USE_LEGACY_KERAS" not in migrated
    code, err = _run_auto(tmp_path)
    assert code == 0 and "targeting Keras 3" in err and "as the migrated code needs" not in err, err
    assert (tmp_path / "fit_line.py").read_text() == migrated


def test_keras2_reasons_of_the_code_as_written_stand_when_the_migration_removes_them(tmp_path):
    """A custom layer on keras.engine (keras-tcn 2.3.6's tcn.py) makes the run target Keras 2;
    the migrated import no longer names keras.engine, which must not turn the run to Keras 3
    (the fresh-user tryout saw both decisions printed, Keras 3 applied); a second run decides
    Keras 2 again from the tf_keras imports and changes nothing."""
    (tmp_path / "layer.py").write_text(
        "from keras.engine.topology import Layer\nfrom keras.models import Input, Model\n\n"
        "class Scale(Layer):\n    def call(self, x):\n        return 2 * x\n\n"
        "i = Input(shape=(3,))\nm = Model(i, Scale()(i))\n"
    )
    code, err = _run_auto(tmp_path)
    assert code == 1, err
    assert err.count("targeting Keras") == 1 and "targeting Keras 2" in err and "keras.engine" in err, err
    migrated = (tmp_path / "layer.py").read_text()
    assert "from tf_keras.layers import Layer\nfrom tf_keras.layers import Input\nfrom tf_keras.models import Model\n" in migrated
    code, err = _run_auto(tmp_path)
    assert code == 0 and "targeting Keras 2" in err and "imports tf_keras" in err, err
    assert (tmp_path / "layer.py").read_text() == migrated


def _notebook(*sources: str, outputs: str = "") -> str:
    import json

    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "source": s.splitlines(keepends=True),
              "outputs": [{"name": "stdout", "output_type": "stream", "text": [outputs]}] if outputs else []}
             for s in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


RNN_CELLS = ('import tensorflow as tf\n', 'x = tf.placeholder(tf.float32, [None, 5, 3])\n'
             'cell = tf.nn.rnn_cell.BasicLSTMCell(8)\noutputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n')


def test_a_notebook_decides_from_its_code_cells_and_names_cell_and_line(tmp_path):
    """A notebook's reasons come from its code cells, positioned as cell and line: the
    TensorFlow-Examples / nlintz trial's rnn notebook switched a whole run to Keras 2 because
    its JSON (an output) mentioned keras, with a line (162) of the JSON past the notebook's end."""
    from migrate.runner import file_keras_reasons

    outputs_only = _notebook(*RNN_CELLS, outputs="Using keras backend\n")
    assert file_keras_reasons(outputs_only.encode(), notebook=True) is None  # as the same code in a .py
    (tmp_path / "rnn.ipynb").write_text(outputs_only)
    (tmp_path / "graph.py").write_text(GRAPH_PROGRAM)
    code, err = _run_auto(tmp_path, mode="check")
    assert code == 1 and "targeting Keras 2" not in err, err
    keras_cell = RNN_CELLS[0] + "from keras.engine import Layer\n"
    nb = _notebook(keras_cell, RNN_CELLS[1]).encode()
    reasons = file_keras_reasons(nb, notebook=True)
    assert [r[:2] for r in reasons] == [("[cell 1]", 2), ("[cell 2]", 2)] and "rnn_cell" in reasons[1][2], reasons


def test_reasons_of_the_migrated_code_are_positioned_in_the_input(tmp_path):
    """`keras_after` reasons (the migration made the file need Keras 2) name the input's line
    (and cell), not the migrated text's: MIG504's MNIST loader above the network had moved
    TensorFlow-Examples' reason to line 162 of a 133-line file."""
    from migrate import runner
    from migrate.settings import Settings

    program = "from tensorflow.examples.tutorials.mnist import input_data\n" + EAGER_NETWORK
    result = runner.process_file("net.py", Settings(keras="3"), data=program.encode(), keras_after=True)
    line = program.splitlines().index("        self.hidden = self.track_layer(tf.layers.Dense(width, activation=tf.nn.tanh))") + 1
    assert [r[:2] for r in result.keras_after] == [("", line)], result.keras_after
    nb = _notebook("from tensorflow.examples.tutorials.mnist import input_data\nimport tensorflow as tf\n"
                   "import tensorflow.contrib.eager as tfe\ntf.enable_eager_execution()\n",
                   EAGER_NETWORK.split("\n\n\n", 1)[1]).encode()
    result = runner.process_file("net.ipynb", Settings(keras="3"), data=nb, keras_after=True)
    assert [r[:2] for r in result.keras_after] == [("[cell 2]", 4)], result.keras_after


MNIST_GRAPH = """\
from tensorflow.examples.tutorials.mnist import input_data
import tensorflow as tf

data = input_data.read_data_sets("/tmp/data/", one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.float32, [None, 10])
w = tf.Variable(tf.zeros([784, 10]))
pred = tf.nn.softmax(tf.matmul(x, w))
cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(pred), reduction_indices=1))
train = tf.train.GradientDescentOptimizer(0.5).minimize(cost)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    xs, ys = data.train.next_batch(100)
    print(sess.run([train, cost], {x: xs, y: ys})[1])
"""


def test_files_the_run_target_alone_keeps_compat_are_told_so(tmp_path):
    """Under a Keras 2 run (decided for another file), a graph program (the tutorials' MNIST
    softmax) whose compat form carries TF_USE_LEGACY_KERAS only because of the run's target
    is not told that tf.compat.v1 layers need it (TensorFlow-Examples: 14 such files)."""
    (tmp_path / "custom.py").write_text("from keras.engine import Layer\n\nclass L(Layer):\n    pass\n")
    (tmp_path / "softmax.py").write_text(MNIST_GRAPH)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", "--check", "--style", "tf2", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert f"targeting Keras 2 (the tf-keras package): {tmp_path / 'custom.py'}:1:" in result.stderr, result.stderr
    kept = [line for line in result.stdout.splitlines() if "softmax.py" in line and "MIG602" in line]
    assert len(kept) == 1 and "tf.compat.v1 layers need it" not in kept[0], kept
    assert "this file itself needs no Keras 2: with --keras 3 it is converted" in kept[0], kept
    alone = subprocess.run([sys.executable, "-m", "migrate", "code", "--check", "--style", "tf2", "--keras", "3",
                            str(tmp_path / "softmax.py")], capture_output=True, text=True, timeout=600)
    assert "1 in TF 2 style (MIG601)" in alone.stderr, alone.stderr
