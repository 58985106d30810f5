import os
import subprocess
import sys

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_optimizer_lr import KerasOptimizerLr
from migrate.testing import apply, check_rewrite, check_unchanged

KERAS3 = Settings(keras="3")
KERAS2 = Settings(keras="2")

REWRITES = [
    pytest.param(
        "from keras.optimizers import Adam\nopt = Adam(lr=0.001)\n",
        "from keras.optimizers import Adam\nopt = Adam(learning_rate=0.001)\n",
        id="lr",
    ),
    pytest.param(
        "import keras\nopt = keras.optimizers.SGD(lr=0.01, momentum=0.9, nesterov=True)\n",
        "import keras\nopt = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)\n",
        id="lr-attribute-style",
    ),
    pytest.param(
        "import tensorflow as tf\nopt = tf.keras.optimizers.RMSprop(lr=1e-3)\n",
        "import tensorflow as tf\nopt = tf.keras.optimizers.RMSprop(learning_rate=1e-3)\n",
        id="lr-tf-keras",
    ),
    pytest.param(
        "import tensorflow as tf\nfrom keras.optimizers import Adam\nopt = Adam(lr=0.01, decay=1e-4)\n",
        "import tensorflow as tf\nfrom keras.optimizers import Adam\n"
        "opt = Adam(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-4))\n",
        id="decay-to-inverse-time-decay",
    ),
    pytest.param(
        "import tensorflow as tf\nfrom keras.optimizers import SGD\nopt = SGD(0.1, decay=d)\n",
        "import tensorflow as tf\nfrom keras.optimizers import SGD\n"
        "opt = SGD(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=d))\n",
        id="decay-positional-rate",
    ),
    pytest.param(
        "from keras.optimizers import SGD\nopt = SGD(lr=0.1, decay=0.0)\n",
        "from keras.optimizers import SGD\nopt = SGD(learning_rate=0.1)\n",
        id="zero-decay-dropped",
    ),
    pytest.param(
        "import keras\nkeras.backend.set_value(model.optimizer.lr, 0.5)\nprint(self.model.optimizer.lr)\n",
        "import keras\nkeras.backend.set_value(model.optimizer.learning_rate, 0.5)\nprint(self.model.optimizer.learning_rate)\n",
        id="optimizer-lr-attribute",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(KerasOptimizerLr, before, after, KERAS3)


def test_keras2_target_also_rewrites_lr():
    """tf-keras 2.21 silently ignores lr= (the optimizer keeps its default rate)."""
    check_rewrite(
        KerasOptimizerLr,
        "from keras.optimizers import Adam\nopt = Adam(lr=0.01)\n",
        "from keras.optimizers import Adam\nopt = Adam(learning_rate=0.01)\n",
        KERAS2,
    )


def test_keras2_decay_keeps_keras2_optimizer_from_tf_keras():
    """Kind 4: with the Keras 2 target, `decay=` stays on tf-keras's legacy optimizer (Keras
    2's own class), so `optimizer.lr` is still the base rate that K.set_value and
    learning-rate callbacks set."""
    outcome = apply(KerasOptimizerLr, "import tensorflow as tf\nfrom keras.optimizers import Adam\nopt = Adam(lr=0.01, decay=0.1)\n", KERAS2)
    assert outcome.code == (
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n'
        "from keras.optimizers import Adam\nfrom tf_keras.optimizers import legacy as legacy_optimizers\n"
        "opt = legacy_optimizers.Adam(learning_rate=0.01, decay=0.1)\n"
    )
    assert outcome.required == {"tf-keras"}


WARNINGS = [
    pytest.param("from keras.optimizers import Adam\nopt = Adam(decay=1e-6)\n", 2, id="decay-default-rate"),
    pytest.param("from keras.optimizers import Adam\nx = 1\nopt = Adam(*a, decay=1e-6)\n", 3, id="decay-star-args"),
]


@pytest.mark.parametrize("source, line", WARNINGS)
def test_warnings(source, line):
    outcome = apply(KerasOptimizerLr, source, KERAS3)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG254", line)]
    assert "InverseTimeDecay" in outcome.findings[0].message
    assert outcome.code == source


UNCHANGED = [
    pytest.param("import numpy as keras\nopt = keras.optimizers.Adam(lr=0.1)\n", id="numpy-as-keras"),
    pytest.param("def Adam(lr):\n    return lr\nopt = Adam(lr=0.1)\n", id="own-function"),
    pytest.param('import keras\n# Adam(lr=0.1)\ns = "Adam(lr=0.1)"\n', id="strings-and-comments"),
    pytest.param("from tensorflow import keras\nopt = keras.optimizers.Adam(learning_rate=0.1)\n", id="already-migrated"),
    pytest.param("lr = 0.1\nprint(lr)\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nopt = tf.train.AdamOptimizer(0.1)\n", id="compat-v1-train-optimizer"),
    pytest.param("import tensorflow\nopt = tensorflow.keras.optimizers.Adam(0.1)\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow.keras.optimizers import Adam\nopt = Adam(0.1)\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\nopt = tf1.keras.optimizers.Adam(learning_rate=0.1)\n", id="alias-tf1"),
    pytest.param("import tensorflow as tf\nscheduler.lr = 3\nx.decay = 2\n", id="other-lr-attribute"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasOptimizerLr, source, KERAS3)
    assert outcome.findings == []


@pytest.mark.tf
@pytest.mark.slow
def test_inverse_time_decay_is_keras2_decay():
    """Keras 2's `decay` (still implemented by tf-keras's legacy optimizers) and the
    rewritten InverseTimeDecay schedule on a Keras 3 optimizer take the same steps."""
    program = r'''
import numpy as np
import tensorflow as tf
import tf_keras
import keras

def run(optimizer, make_variable):
    w = make_variable(np.array([1.0, -2.0], dtype="float32"))
    trace = []
    for step in range(6):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * w * np.array([3.0, 0.5], dtype="float32"))
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
        trace.append(w.numpy().copy())
    return np.array(trace)

legacy = run(tf_keras.optimizers.legacy.SGD(learning_rate=0.1, decay=0.5, momentum=0.9), tf.Variable)
schedule = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.5)
migrated = run(keras.optimizers.SGD(learning_rate=schedule, momentum=0.9), keras.Variable)
ignored = run(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), keras.Variable)
print("max difference", float(np.abs(legacy - migrated).max()))
print("without decay differs", float(np.abs(legacy - ignored).max()))
'''
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = dict(line.rsplit(" ", 1) for line in done.stdout.strip().splitlines()[-2:])
    assert float(lines["max difference"]) < 1e-6
    assert float(lines["without decay differs"]) > 1e-2  # the test can tell decay from none


# -- issue 9: the legacy optimizers where Keras 2 behaviour is observed --------------------
def test_graph_mode_keras2_uses_legacy_optimizer():
    """With eager execution disabled, tf-keras's v1 training loop needs get_updates, which
    only the legacy optimizers have ('SGD' object has no attribute 'get_updates')."""
    source = (
        "import tensorflow as tf\nimport keras\ntf.compat.v1.disable_eager_execution()\n"
        "opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)\n"
    )
    outcome = apply(KerasOptimizerLr, source, KERAS2)
    assert "opt = keras.optimizers.legacy.SGD(learning_rate=0.1, momentum=0.9)\n" in outcome.code


@pytest.mark.parametrize("setter", [
    "K.set_value(model.optimizer.lr, 0.01)",
    "callbacks = [keras.callbacks.LearningRateScheduler(schedule)]",
    "print(model.optimizer.learning_rate)",
])
def test_keras3_decay_with_a_settable_rate_is_warned_and_left(setter):
    source = f"import keras\nimport keras.backend as K\nmodel.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, decay=1e-4))\n{setter}\n"
    outcome = apply(KerasOptimizerLr, source, KERAS3)
    assert "decay=1e-4" in outcome.code and "InverseTimeDecay" not in outcome.code
    assert [f.code for f in outcome.findings if f.kind == "warning"] == ["MIG254"]
    assert "--keras 2" in [f.message for f in outcome.findings if f.kind == "warning"][0]


def test_keras3_decay_alone_still_becomes_a_schedule():
    outcome = apply(KerasOptimizerLr, "import keras\nopt = keras.optimizers.SGD(lr=0.1, decay=1e-4)\n", KERAS3)
    assert "InverseTimeDecay(0.1, decay_steps=1, decay_rate=1e-4)" in outcome.code


def test_keras3_run_file_kept_on_tf_keras_in_graph_mode_gets_the_legacy_optimizer():
    """Under a Keras 3 run, a file whose Keras model runs with eager execution off stays on
    tf-keras (the compat pass sets TF_USE_LEGACY_KERAS): its v1 training loop needs the legacy
    optimizer too (a Google codelab notebook's fit failed: 'SGD' object has no attribute
    'get_updates'), and Keras 3's missing-name warning does not apply to it."""
    from migrate import runner

    source = (
        "import tensorflow as tf\n"
        "x = tf.placeholder(tf.float32, [None, 4])\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
        "model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.5), loss='mse')\n"
    )
    result = runner.process_file("prog.py", Settings(keras="3"), data=source.encode())
    code = result.new_data.decode()
    assert 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")' in code, code
    assert "optimizer=tf.keras.optimizers.legacy.SGD(learning_rate=0.5)" in code, code
    assert not [f for _, f in result.findings if f.code == "MIG193"], result.findings
