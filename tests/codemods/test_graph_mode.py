import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.graph_mode import GraphMode
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import numpy as np
        import tensorflow as tf

        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as sess:
            print(sess.run(x * 2, {x: np.ones((1, 3))}))
        """,
        """\
        import numpy as np
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()

        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as sess:
            print(sess.run(x * 2, {x: np.ones((1, 3))}))
        """,
        id="placeholder-session",
    ),
    # the import shares its line with a statement (a seed): the set-up goes between them, or the
    # seed is set eagerly and the graph built after it is unseeded (every run draws other values)
    pytest.param(
        """\
        import tensorflow as tf; tf.set_random_seed(0)  # reproducible
        w = tf.Variable(tf.random_normal([3]))
        sess = tf.Session()
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        tf.set_random_seed(0)  # reproducible
        w = tf.compat.v1.Variable(tf.random_normal([3]))
        sess = tf.Session()
        """,
        id="import-sharing-its-line",
    ),
    pytest.param(
        """\
        import numpy as np; import tensorflow as tf ; tf.set_random_seed(0); np.random.seed(0)
        x = tf.placeholder(tf.float32)
        """,
        """\
        import numpy as np; import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        tf.set_random_seed(0); np.random.seed(0)
        x = tf.placeholder(tf.float32)
        """,
        id="import-between-statements-on-its-line",
    ),
    pytest.param(
        """\
        \"\"\"Model.\"\"\"
        from __future__ import print_function

        import tensorflow as tf

        def model(x):
            with tf.variable_scope("m"):
                return tf.layers.dense(x, 4)
        """,
        """\
        \"\"\"Model.\"\"\"
        from __future__ import print_function

        import os
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()

        def model(x):
            with tf.variable_scope("m"):
                return tf.layers.dense(x, 4)
        """,
        id="v1-layers-need-legacy-keras",
    ),
    pytest.param(
        """\
        import os
        import tensorflow as tf
        cell = tf.compat.v1.nn.rnn_cell.LSTMCell(8)
        """,
        """\
        import os
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        cell = tf.compat.v1.nn.rnn_cell.LSTMCell(8)
        """,
        id="rnn-cell-os-already-imported",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        w = tf.get_variable("w", [3])
        init = tf.global_variables_initializer()
        """,
        """\
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
        tf.disable_resource_variables()
        tf.disable_control_flow_v2()
        w = tf.get_variable("w", [3])
        init = tf.global_variables_initializer()
        """,
        id="compat-v1-alias-uses-its-own-spelling",
    ),
    pytest.param(
        """\
        import tensorflow
        saver = tensorflow.train.Saver()
        """,
        """\
        import tensorflow
        tensorflow.compat.v1.disable_eager_execution()
        tensorflow.compat.v1.disable_resource_variables()
        tensorflow.compat.v1.disable_control_flow_v2()
        saver = tensorflow.train.Saver()
        """,
        id="bare-import",
    ),
    pytest.param(
        """\
        import tensorflow as tf1
        losses = tf1.get_collection("losses")
        """,
        """\
        import tensorflow as tf1
        tf1.compat.v1.disable_eager_execution()
        tf1.compat.v1.disable_resource_variables()
        tf1.compat.v1.disable_control_flow_v2()
        losses = tf1.get_collection("losses")
        """,
        id="alias-tf1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        import tf_slim as slim
        net = slim.conv2d(images, 8, [3, 3])
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        import tf_slim as slim
        net = slim.conv2d(images, 8, [3, 3])
        """,
        id="tf-slim-graph-code",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        slim = tf.contrib.slim
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        slim = tf.contrib.slim
        """,
        id="slim-module-alias",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        sess = tf.Session(config=config)
        K.set_session(sess)
        out = sess.run(y)
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        sess = tf.Session(config=config)
        K.set_session(sess)
        out = sess.run(y)
        """,
        id="session-also-run-is-graph-code",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        features = tf.placeholder(tf.float32, [None, 3])
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        """,
        """\
        import os
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        features = tf.placeholder(tf.float32, [None, 3])
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        """,
        id="keras-models-in-graph-file-use-keras-2",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        w = tf.get_variable("w", [3], initializer=tf.keras.initializers.GlorotUniform())
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_control_flow_v2()
        w = tf.get_variable("w", [3], initializer=tf.keras.initializers.GlorotUniform())
        """,
        id="keras-initializer-alone-stays-keras-3",
    ),
    pytest.param(
        """\
        from tensorflow import placeholder, float32
        x = placeholder(float32)
        """,
        """\
        from tensorflow import placeholder, float32
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()
        x = placeholder(float32)
        """,
        id="from-tensorflow-import",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nx = tf.placeholder(3)\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ntf = Thing()\ns = tf.Session()\n", id="local-variable-tf"),
    pytest.param(
        'import tensorflow as tf\nx = "tf.placeholder"  # tf.Session()\ny = tf.constant(1)\n',
        id="string-and-comment",
    ),
    pytest.param("import os\nprint(os.getcwd())\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\nx = tf.Variable(1.0)\nwith tf.GradientTape() as t:\n    y = x * x\n",
        id="eager-tf2-code",
    ),
    pytest.param(
        """\
        import os
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        x = tf.compat.v1.placeholder(tf.float32)
        y = tf.compat.v1.layers.dense(x, 2)
        """,
        id="already-migrated",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nx = tf.placeholder(tf.float32)\n",
        id="disable-v2-behavior",
    ),
    pytest.param(
        "import tensorflow as tf\nx = tf.placeholder(tf.float32)  # migrate: skip\n",
        id="skip-marker",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        config.gpu_options.allow_growth = True
        K.set_session(tf.Session(config=config))
        model.fit(x, y)
        """,
        id="keras-config-only-session-inline",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        import keras.backend.tensorflow_backend as KTF
        sess = tf.Session(config=tf.ConfigProto(log_device_placement=True))
        KTF.set_session(sess)
        """,
        id="keras-config-only-session-named",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(GraphMode, before, after)
    assert set(codes(outcome)) == {"MIG104"}


def test_warns_standalone_keras_in_graph_file():
    source = "import tensorflow as tf\nimport keras\n\nsess = tf.Session()\nmodel = keras.models.load_model(p)\n"
    outcome = apply(GraphMode, source)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG141", 4)]
    assert "--keras 2" in outcome.findings[-1].message and "line 2" in outcome.findings[-1].message
    quiet = apply(GraphMode, source, Settings(keras="2"))
    assert not [f for f in quiet.findings if f.kind == "warning"]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    check_unchanged(GraphMode, source)


def test_required_packages():
    outcome = apply(GraphMode, "import tensorflow as tf\ny = tf.layers.dense(x, 1)\n")
    assert outcome.required == {"tf-keras"}
    outcome = apply(GraphMode, "import tensorflow as tf\nx = tf.placeholder(tf.float32)\n")
    assert outcome.required == set()


def test_change_reported_at_first_graph_api():
    outcome = apply(GraphMode, "import tensorflow as tf\n\nx = 1\ny = tf.placeholder(tf.float32)\n")
    assert [(f.code, f.line, f.col) for f in outcome.findings] == [("MIG104", 4, 5)]


@pytest.mark.parametrize(
    "source",
    [
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n'
        "tf.compat.v1.disable_eager_execution()\nx = tf.compat.v1.placeholder(tf.float32)\n"
        "y = tf.compat.v1.layers.dense(x, 2)\n",
        "import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\nsess = tf.Session()\n",
        "import tensorflow as tf\nx = tf.constant(1.0)\n",
    ],
)
def test_needed_false_when_migrated(source):
    assert not GraphMode.needed(prescan(source), Settings())


def test_whole_registry_on_graph_program():
    """With the rename codemod first, the program reads as TF 2 code with v1 graph calls."""
    from migrate.codemods import load_all

    source = "import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 2])\ny = tf.layers.dense(x, 1)\n"
    outcome = apply(load_all(), source)
    assert outcome.code == (
        "import os\n"
        'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\n'
        "import tensorflow as tf\n"
        "tf.compat.v1.disable_eager_execution()\n"
        "tf.compat.v1.disable_resource_variables()\n"
        "tf.compat.v1.disable_control_flow_v2()\n"
        "x = tf.compat.v1.placeholder(tf.float32, [None, 2])\n"
        "y = tf.compat.v1.layers.dense(x, 1)\n"
    )
    assert apply(load_all(), outcome.code).code == outcome.code


@pytest.mark.tf
def test_emitted_names_resolve():
    """Both spellings MIG104 emits exist in TF 2.21."""
    import tensorflow as tf

    import tensorflow.compat.v1 as tf_v1

    assert callable(tf.compat.v1.disable_eager_execution)  # file imports `tensorflow as tf`
    assert callable(tf_v1.disable_eager_execution)  # file imports `tensorflow.compat.v1 as tf`


KERAS_WITH_EAGER_DISABLED = """
import os, sys
if sys.argv[1] == "2":
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
tf.compat.v1.disable_eager_execution()
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])
model.compile("sgd", "mse")
try:
    history = model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=2, verbose=0)
    print("fit ok", len(history.history["loss"]))
except Exception as exc:
    print("fit fails", type(exc).__name__)
"""


@pytest.mark.tf
@pytest.mark.slow
@pytest.mark.parametrize("keras, expected", [("3", "fit fails RuntimeError"), ("2", "fit ok 2")])
def test_why_keras_models_in_graph_files_get_keras_2(keras, expected):
    """Measured: with eager execution disabled, Keras 3 cannot fit; tf.keras as Keras 2 can."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    result = subprocess.run([sys.executable, "-c", KERAS_WITH_EAGER_DISABLED, keras],
                            capture_output=True, text=True, env=env, timeout=600)
    assert expected in result.stdout, result.stdout + result.stderr[-2000:]


# -- issue 9: Keras-2 training code on graph-era model internals (Mask R-CNN's compile) ----
MASK_RCNN_COMPILE = """\
import tensorflow as tf
import keras
def compile(self, names):
    self.keras_model._losses = []
    for name in names:
        self.keras_model.metrics_tensors.append(self.keras_model.get_layer(name).output)
"""


def test_keras2_graph_internals_disable_eager_execution():
    outcome = apply(GraphMode, MASK_RCNN_COMPILE, Settings(keras="2"))
    assert outcome.code.startswith(
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n'
        "tf.compat.v1.disable_eager_execution()\nimport keras\n"
    )
    assert "MIG104" in codes(outcome)


@pytest.mark.parametrize("source, settings", [
    pytest.param(MASK_RCNN_COMPILE, Settings(keras="3"), id="keras3-target"),
    pytest.param(MASK_RCNN_COMPILE.replace("import keras\n", "import keras\ntf.compat.v1.disable_eager_execution()\n"), Settings(keras="2"), id="already-disabled"),
    pytest.param("import numpy as keras\nmodel._losses = []\n", Settings(keras="2"), id="no-keras"),
])
def test_keras2_graph_internals_unchanged(source, settings):
    check_unchanged(GraphMode, source, settings)


def test_reading_a_layers_own_losses_is_not_graph_internals():
    """keras-multi-head's wrapper layer sums `self._losses` in its `losses` property."""
    source = "import keras\nclass W(keras.layers.Layer):\n    @property\n    def losses(self):\n        return self._losses + []\n"
    check_unchanged(GraphMode, source, Settings(keras="2"))


# -- TF 1.x semantics: ref variables and Switch/Merge control flow after graph mode --------
@pytest.mark.parametrize("before, after", [
    pytest.param(
        "import tensorflow as tf\ntf.disable_resource_variables()\nx = tf.placeholder(tf.float32)\n",
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_control_flow_v2()\n"
        "tf.disable_resource_variables()\nx = tf.placeholder(tf.float32)\n",
        id="resource-variables-already-disabled",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf\ntf.enable_control_flow_v2()\nx = tf.placeholder(tf.float32)\n",
        "import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\ntf.disable_resource_variables()\n"
        "tf.enable_control_flow_v2()\nx = tf.placeholder(tf.float32)\n",
        id="author-enables-control-flow-v2",
    ),
    pytest.param(
        "import tensorflow as tf\ntf.compat.v1.disable_resource_variables()\ntf.compat.v1.disable_control_flow_v2()\n"
        "sess = tf.Session()\n",
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"
        "tf.compat.v1.disable_control_flow_v2()\nsess = tf.Session()\n",
        id="both-toggles-already-there",
    ),
])
def test_tf1_semantics_toggles_the_file_calls_itself_are_not_repeated(before, after):
    check_rewrite(GraphMode, before, after)


@pytest.mark.parametrize("source", [
    pytest.param("import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\nx = tf.compat.v1.placeholder(tf.float32)\n",
                 id="eager-already-disabled"),
    pytest.param("import tensorflow as tf\nx = tf.Variable(1.0)\nif x:\n    y = x + 1\n", id="eager-tf2-variable"),
])
def test_tf1_semantics_not_added_where_graph_mode_is_not(source):
    check_unchanged(GraphMode, source)


# A TF 1.x program in the shape of tflearn's layers: `if b:` on an optional bias variable,
# and a moving average updated inside tf.cond on an `is_training` variable (batch norm).
TF1_REF_SEMANTICS_PROGRAM = """\
import numpy as np
import tensorflow as tf
from tensorflow.python.training import moving_averages


def dense(x, units, bias=True):
    w = tf.get_variable("w", [int(x.get_shape()[1]), units], initializer=tf.ones_initializer())
    b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.5)) if bias else None
    out = tf.matmul(x, w)
    if b:
        out = tf.nn.bias_add(out, b)
    return out


x = tf.placeholder(tf.float32, [None, 2])
is_training = tf.Variable(False, trainable=False, name="is_training")
with tf.variable_scope("dense"):
    y = dense(x, 1)
moving = tf.get_variable("moving", [1], initializer=tf.zeros_initializer(), trainable=False)


def update():
    step = moving_averages.assign_moving_average(moving, tf.reduce_mean(y, 0), 0.5, zero_debias=False)
    with tf.control_dependencies([step]):
        return tf.identity(y)


out = tf.cond(is_training, update, lambda: tf.identity(y))
counter = tf.Variable(0)
bump = counter.assign_add(1).op
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(tf.assign(is_training, True))
    for _ in range(3):
        sess.run(out, {x: np.ones((4, 2), np.float32)})
    sess.run(tf.assign(is_training, False))
    print("moving", sess.run(moving)[0], "out", sess.run(out, {x: np.full((1, 2), 2.0, np.float32)})[0, 0])
    print("counter", *[sess.run([bump, counter])[1] for _ in range(3)])
"""


@pytest.mark.tf
@pytest.mark.slow
def test_tf1_semantics_program_runs_after_migration(tmp_path):
    """The whole registry's output runs under TF 2.21 and computes what TF 1.x did: the
    moving average of y = 2.5 after three updates with decay 0.5 is 2.5 * (1 - 0.5**3);
    with is_training False the cond passes y = 4.5 through. Without the TF1 toggles the
    same output stops at `if b:` (a symbolic tensor used as a Python bool)."""
    import subprocess
    import sys

    from migrate.codemods import load_all

    migrated = apply(load_all(), TF1_REF_SEMANTICS_PROGRAM).code
    assert "disable_resource_variables()" in migrated and "disable_control_flow_v2()" in migrated
    env = {"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""}
    outputs = []
    for code in (migrated, migrated.replace("tf.compat.v1.disable_resource_variables()\n", "")):
        program = tmp_path / "program.py"
        program.write_text(code)
        outputs.append(subprocess.run([sys.executable, str(program)], capture_output=True, text=True,
                                      env=env, timeout=300))
    with_toggles, resource_variables = outputs
    assert with_toggles.returncode == 0, with_toggles.stderr[-2000:]
    first, second = with_toggles.stdout.splitlines()
    moving, out = (float(v) for v in first.split()[1::2])
    assert moving == pytest.approx(2.5 * (1 - 0.5 ** 3)) and out == pytest.approx(4.5)
    # a ref variable fetched with its own assign op reads the new value, as in TF 1.x
    assert "tf.compat.v1.Variable(0)" in migrated and second.split() == ["counter", "1", "2", "3"]
    assert resource_variables.returncode != 0 and "as a Python `bool`" in resource_variables.stderr


@pytest.mark.parametrize("before, after", [
    pytest.param(
        "import tensorflow as tf\nstep = tf.Variable(0, trainable=False)\nsess = tf.Session()\n",
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"
        "tf.compat.v1.disable_control_flow_v2()\nstep = tf.compat.v1.Variable(0, trainable=False)\nsess = tf.Session()\n",
        id="call-in-graph-file",
    ),
    pytest.param(
        "import tensorflow as tff\ndef make():\n    return [tff.Variable(v, name=n) for v, n in pairs]\n"
        "ok = isinstance(x, tff.Variable)\ninit = tff.global_variables_initializer()\n",
        "import tensorflow as tff\ntff.compat.v1.disable_eager_execution()\ntff.compat.v1.disable_resource_variables()\n"
        "tff.compat.v1.disable_control_flow_v2()\ndef make():\n    return [tff.compat.v1.Variable(v, name=n) for v, n in pairs]\n"
        "ok = isinstance(x, tff.Variable)\ninit = tff.global_variables_initializer()\n",
        id="alias-comprehension-isinstance-kept",
    ),
])
def test_tf_variable_calls_in_graph_files_are_v1_variables(before, after):
    check_rewrite(GraphMode, before, after)


@pytest.mark.parametrize("source", [
    pytest.param("import tensorflow as tf\nv = tf.Variable(1.0)\nwith tf.GradientTape() as t:\n    y = v * v\n", id="eager-file"),
    pytest.param("import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\nv = tf.Variable(1.0)\n", id="v1-module-already"),
    pytest.param("import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.enable_resource_variables()\n"
                 "v = tf.Variable(1.0)\ns = tf.compat.v1.Session()\n", id="author-keeps-resource-variables"),
])
def test_tf_variable_left_alone(source):
    check_unchanged(GraphMode, source)


def test_compat_v1_variable_stays_v1_when_the_import_is_normalised():
    """trfl's tests: `import tensorflow.compat.v1 as tf` becomes `import tensorflow as tf`
    in the whole registry's output; their `tf.Variable` must stay the v1 class."""
    from migrate.codemods import load_all

    source = ("import tensorflow.compat.v1 as tf\n\nclass T(tf.test.TestCase):\n    def test(self):\n"
              "        target = tf.Variable(0)\n        init = tf.global_variables_initializer()\n")
    outcome = apply(load_all(), source)
    assert "import tensorflow as tf\n" in outcome.code
    assert "target = tf.compat.v1.Variable(0)" in outcome.code
    assert apply(load_all(), outcome.code).code == outcome.code


def test_keras3_initializers_keep_resource_variables():
    """Keras 3 initializers reject the float32_ref dtype of v1 variables (slim_convnet)."""
    source = "import tensorflow as tf\nw = tf.get_variable('w', [3], initializer=tf.keras.initializers.GlorotUniform())\n"
    code = apply(GraphMode, source).code
    assert "disable_eager_execution()" in code and "disable_control_flow_v2()" in code
    assert "disable_resource_variables" not in code
    # contrib's xavier_initializer becomes v1's glorot initializer (MIG105), which takes ref variables as in TF 1.x
    source = source.replace("tf.keras.initializers.GlorotUniform()", "tf.contrib.layers.xavier_initializer()")
    assert "disable_resource_variables()" in apply(GraphMode, source).code
    # contrib's l2_regularizer becomes Keras' L2 (MIG105), which rejects them too; slim's stays tf_slim's
    for regularizer, kept in (("tf.contrib.layers.l2_regularizer(0.1)", False), ("slim.l2_regularizer(0.1)", True)):
        program = ("import tensorflow as tf\nslim = tf.contrib.slim\nw = tf.get_variable('w', [3])\n"
                   f"r = tf.contrib.layers.apply_regularization({regularizer}, [w])\n")
        assert ("disable_resource_variables()" in apply(GraphMode, program).code) is kept, regularizer


def test_no_module_level_prologue_when_tensorflow_is_imported_only_in_functions():
    # cleverhans 2.1.0's utils.py: a module-level prologue raised NameError at import
    source = """\
        import numpy as np

        def logits_over_interval(sess, model, x_data):
            import tensorflow as tf
            x = tf.placeholder(tf.float32, [None, 3])
            return sess.run(model(x), {x: x_data})
        """
    source = textwrap.dedent(source)
    outcome = apply(GraphMode, source)
    assert outcome.code == source
    assert "MIG104" not in codes(outcome)


def test_prologue_after_a_module_level_import_inside_try():
    source = """\
        try:
            import tensorflow as tf
        except ImportError:
            raise SystemExit("this program needs TensorFlow")
        sess = tf.Session()
        """
    outcome = apply(GraphMode, textwrap.dedent(source))
    # after the try statement that binds `tf` (it went above it, where `tf` is not bound yet)
    assert outcome.code.index('raise SystemExit("this program needs TensorFlow")\n') < outcome.code.index(
        "tf.compat.v1.disable_eager_execution()\n") < outcome.code.index("sess = tf.Session()")
    assert "MIG104" in codes(outcome)
