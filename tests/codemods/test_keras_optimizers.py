import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_optimizers import KerasOptimizers
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

EAGER_STEP = """\
def step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(tf.matmul(x, w) - 1.0))
    grads = tape.gradient(loss, [w])
    opt.apply_gradients(zip(grads, [w]))
"""

REWRITES = [
    pytest.param(
        "import tensorflow as tf\nopt = tf.train.AdamOptimizer(0.01)\n" + EAGER_STEP,
        "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)\n" + EAGER_STEP,
        id="adam-eager-apply-gradients",
    ),
    pytest.param(
        "import tensorflow as tf\nopt = tf.train.AdamOptimizer(learning_rate=lr, beta1=0.5, epsilon=1e-4)\n" + EAGER_STEP,
        "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(learning_rate=lr, beta_1=0.5, epsilon=1e-4)\n" + EAGER_STEP,
        id="adam-keywords",
    ),
    pytest.param(
        "import tensorflow as tf\nopt = tf.train.MomentumOptimizer(FLAGS.lr, 0.9, use_nesterov=True)\n" + EAGER_STEP,
        "import tensorflow as tf\nopt = tf.keras.optimizers.SGD(learning_rate=FLAGS.lr, momentum=0.9, nesterov=True)\n" + EAGER_STEP,
        id="momentum-nesterov",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        model.compile(optimizer=tf.train.GradientDescentOptimizer(0.1), loss="mse")
        """,
        """\
        import tensorflow as tf
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        """,
        id="compile-argument",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        sgd = tf.train.GradientDescentOptimizer(0.1)
        model.compile(sgd, loss="mse")
        """,
        """\
        import tensorflow as tf
        sgd = tf.keras.optimizers.SGD(learning_rate=0.1)
        model.compile(sgd, loss="mse")
        """,
        id="compile-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf

        class Trainer:
            def __init__(self, model):
                self.model = model
                self.optimizer = tf.train.AdamOptimizer(1e-3)

            def step(self, x, y):
                with tf.GradientTape() as tape:
                    loss = self.model.loss(x, y)
                grads = tape.gradient(loss, self.model.variables)
                self.optimizer.apply_gradients(zip(grads, self.model.variables))
        """,
        """\
        import tensorflow as tf

        class Trainer:
            def __init__(self, model):
                self.model = model
                self.optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3, epsilon=1e-08)

            def step(self, x, y):
                with tf.GradientTape() as tape:
                    loss = self.model.loss(x, y)
                grads = tape.gradient(loss, self.model.variables)
                self.optimizer.apply_gradients(zip(grads, self.model.variables))
        """,
        id="self-attribute-eager-trainer",
    ),
    pytest.param(
        """\
        import tensorflow as tf

        class Trainer:
            def __init__(self):
                self.opt = tf.train.AdamOptimizer(1e-3)

        trainer = Trainer()
        trainer.opt.minimize(loss_fn)
        """,
        """\
        import tensorflow as tf

        class Trainer:
            def __init__(self):
                self.opt = tf.compat.v1.train.AdamOptimizer(1e-3)

        trainer = Trainer()
        trainer.opt.minimize(loss_fn)
        """,
        id="self-attribute-used-elsewhere-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.AdamOptimizer(2e-4)
        opt.apply_gradients(zip(g_grads, generator.variables))
        opt.apply_gradients(zip(d_grads, discriminator.variables))
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.AdamOptimizer(2e-4)
        opt.apply_gradients(zip(g_grads, generator.variables))
        opt.apply_gradients(zip(d_grads, discriminator.variables))
        """,
        id="one-optimizer-two-variable-sets-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        sgd = tf.train.GradientDescentOptimizer(0.1)
        encoder.compile(sgd, loss="mse")
        decoder.compile(optimizer=sgd, loss="mse")
        """,
        """\
        import tensorflow as tf
        sgd = tf.compat.v1.train.GradientDescentOptimizer(0.1)
        encoder.compile(sgd, loss="mse")
        decoder.compile(optimizer=sgd, loss="mse")
        """,
        id="one-optimizer-two-models-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.GradientDescentOptimizer(0.1)
        for model in models:
            opt.apply_gradients(zip(grads[model], model.variables))
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.GradientDescentOptimizer(0.1)
        for model in models:
            opt.apply_gradients(zip(grads[model], model.variables))
        """,
        id="variables-vary-with-loop-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        x = tf.placeholder(tf.float32)
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
        """,
        """\
        import tensorflow as tf
        x = tf.placeholder(tf.float32)
        train_op = tf.compat.v1.train.AdamOptimizer(1e-3).minimize(loss)
        """,
        id="graph-minimize-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.AdamOptimizer(0.01)
        opt.apply_gradients(zip(grads, variables), global_step=step)
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.AdamOptimizer(0.01)
        opt.apply_gradients(zip(grads, variables), global_step=step)
        """,
        id="global-step-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.GradientDescentOptimizer(0.1)
        grads_and_vars = opt.compute_gradients(loss)
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.GradientDescentOptimizer(0.1)
        grads_and_vars = opt.compute_gradients(loss)
        """,
        id="compute-gradients-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.AdamOptimizer(tf.train.exponential_decay(0.1, step, 100, 0.9))
        opt.apply_gradients(pairs)
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.AdamOptimizer(tf.train.exponential_decay(0.1, step, 100, 0.9))
        opt.apply_gradients(pairs)
        """,
        id="tensor-learning-rate-stays-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf1
        opt = tf1.train.RMSPropOptimizer(0.01)
        class Clipped(tf1.train.Optimizer):
            pass
        """,
        """\
        import tensorflow as tf1
        opt = tf1.compat.v1.train.RMSPropOptimizer(0.01)
        class Clipped(tf1.compat.v1.train.Optimizer):
            pass
        """,
        id="alias-tf1-no-keras-equivalent",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        opt = tf.train.AdamOptimizer(0.1)
        opt = tf.train.AdamOptimizer(0.2)
        opt.apply_gradients(pairs)
        """,
        """\
        import tensorflow as tf
        opt = tf.compat.v1.train.AdamOptimizer(0.1)
        opt = tf.compat.v1.train.AdamOptimizer(0.2)
        opt.apply_gradients(pairs)
        """,
        id="rebound-name-stays-v1",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nopt = tf.train.AdamOptimizer(0.1)\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ntf = x()\nopt = tf.train.AdamOptimizer(0.1)\n", id="local-variable-tf"),
    pytest.param('import tensorflow as tf\ns = "tf.train.AdamOptimizer"  # tf.train.AdamOptimizer\n', id="string"),
    pytest.param("import os\nOptimizer = os.sep\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(learning_rate=0.01)\n", id="already-keras"
    ),
    pytest.param(
        "import tensorflow as tf\nopt = tf.compat.v1.train.AdamOptimizer(0.01)\nopt.apply_gradients(p)\n",
        id="explicit-compat-v1-is-a-choice",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf\nopt = tf.train.AdamOptimizer(0.01)\nopt.minimize(loss)\n",
        id="compat-v1-alias",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(KerasOptimizers, before, after)
    assert set(codes(outcome, "change")) == {"MIG107"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    assert not check_unchanged(KerasOptimizers, source).findings


def test_needed_false_on_migrated_file():
    source = "import tensorflow as tf\nopt = tf.compat.v1.train.AdamOptimizer(0.1)\nk = tf.keras.optimizers.SGD()\n"
    assert not KerasOptimizers.needed(prescan(source), Settings())


@pytest.mark.parametrize(
    "source, line",
    [
        ("import tensorflow as tf\nmodel.compile(optimizer=tf.train.RMSPropOptimizer(0.01), loss='mse')\n", 2),
        ("import tensorflow as tf\n\nopt = tf.train.AdamOptimizer(0.01, use_locking=True)\nmodel.compile(opt)\n", 3),
        ("import tensorflow as tf\nsgd = tf.train.GradientDescentOptimizer(0.1)\na.compile(sgd)\nb.compile(sgd)\n", 2),
    ],
    ids=["rmsprop-to-compile", "use-locking-to-compile", "shared-by-two-compiles"],
)
def test_warns_v1_optimizer_reaching_keras(source, line):
    outcome = apply(KerasOptimizers, source)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG171", line)]


# -- proof: the Keras optimizer computes the same update as the v1 one ------------------------
PROGRAM = textwrap.dedent(
    """\
    import tensorflow as tf
    w = tf.Variable([[0.5, -1.0, 0.2], [2.0, 0.1, -0.3]])
    x = tf.constant([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
    opt = OPTIMIZER
    """
) + EAGER_STEP + textwrap.dedent(
    """\
    for _ in range(20):
        step(x)
    RESULT = w.numpy()
    """
)

OPTIMIZERS = [
    "tf.train.AdamOptimizer(0.01)",
    "tf.train.AdamOptimizer(learning_rate=0.05, beta1=0.8, beta2=0.99)",
    "tf.train.GradientDescentOptimizer(0.01)",
    "tf.train.MomentumOptimizer(0.01, 0.9)",
    "tf.train.MomentumOptimizer(0.01, momentum=0.5, use_nesterov=True)",
]

SAME_VALUES = textwrap.dedent(
    """
    import json, sys
    import numpy as np
    import tensorflow
    cases = json.loads(sys.argv[1])
    for original, migrated in cases:
        # the TF1 program under tf.compat.v1 semantics, and the migrated one under TF 2
        old_ns = {"tf": tensorflow.compat.v1}
        exec(original.replace("import tensorflow as tf", ""), old_ns)
        new_ns = {}
        exec(migrated, new_ns)
        moved = np.abs(old_ns["RESULT"] - np.array([[0.5, -1.0, 0.2], [2.0, 0.1, -0.3]])).max()
        print("diff=%.3g moved=%.3g" % (np.abs(old_ns["RESULT"] - new_ns["RESULT"]).max(), moved))
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_keras_optimizers_compute_the_same_values(tmp_path):
    import json

    cases = []
    for optimizer in OPTIMIZERS:
        original = PROGRAM.replace("OPTIMIZER", optimizer)
        migrated = apply(KerasOptimizers, original).code
        assert "tf.keras.optimizers." in migrated, migrated
        cases.append((original, migrated))
    script = tmp_path / "same.py"
    script.write_text(SAME_VALUES)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [sys.executable, str(script), json.dumps(cases)], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert len(lines) == len(OPTIMIZERS)
    for optimizer, line in zip(OPTIMIZERS, lines):
        diff, moved = (float(part.split("=")[1]) for part in line.split())
        assert moved > 1e-2, (optimizer, line)  # the weights really changed
        assert diff < 1e-5, (optimizer, line)  # float32 rounding only


KERAS3_REFUSES_NEW_VARIABLES = textwrap.dedent(
    """
    import tensorflow as tf
    w, u = tf.Variable(1.0), tf.Variable(2.0)
    for make in (lambda: tf.compat.v1.train.AdamOptimizer(0.1), lambda: tf.keras.optimizers.Adam(0.1)):
        opt = make()
        try:
            for var in (w, u):
                with tf.GradientTape() as tape:
                    loss = var * var
                opt.apply_gradients(zip(tape.gradient(loss, [var]), [var]))
            print("both variable sets: ok")
        except ValueError as exc:
            print("both variable sets: refused", "originally built with" in str(exc))
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_why_two_apply_gradients_sites_stay_v1():
    """Measured: v1 optimizers update any variables, Keras 3 only those it was built with."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run([sys.executable, "-c", KERAS3_REFUSES_NEW_VARIABLES], capture_output=True,
                            text=True, env=env, timeout=600)
    assert result.stdout.splitlines() == ["both variable sets: ok", "both variable sets: refused True"], result.stderr[-2000:]


@pytest.mark.tf
def test_emitted_keras_optimizers_exist():
    import tensorflow as tf

    from migrate.codemods.keras_optimizers import KERAS_EQUIVALENT, V1_OPTIMIZERS

    for keras_name, _, keywords, _ in KERAS_EQUIVALENT.values():
        cls = getattr(tf.keras.optimizers, keras_name)
        import inspect

        params = inspect.signature(cls).parameters
        assert set(keywords.values()) <= set(params), (keras_name, set(keywords.values()) - set(params))
    for name in V1_OPTIMIZERS:
        assert hasattr(tf.compat.v1.train, name), name
