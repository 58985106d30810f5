import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.contrib_eager import ContribEager
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

HELPER_HEAD = "def implicit_gradients(f):\n"


def test_module_import_alias_names_iterator_and_helper():
    outcome = apply(ContribEager, textwrap.dedent("""\
        import tensorflow as tf
        import tensorflow.contrib.eager as tfe
        tfe.enable_eager_execution()
        w = tfe.Variable(1.0)
        it = tfe.Iterator(dataset)
        grad = tfe.implicit_gradients(loss)
        """))
    code = outcome.code
    assert "tensorflow.contrib" not in code and "tfe." not in code
    assert "tf.compat.v1.enable_eager_execution()\n" in code
    assert "w = tf.Variable(1.0)\n" in code and "it = iter(dataset)\n" in code
    assert "grad = implicit_gradients(loss)\n" in code
    # the helper comes after the imports, with PEP 8 spacing, and uses the file's alias
    assert code.startswith("import tensorflow as tf\n\n\ndef implicit_gradients(f):\n")
    assert "with tf.GradientTape() as tape:" in code
    again = apply(ContribEager, code)
    assert again.code == code


def test_assigned_alias_from_tf_contrib_and_network_subclass():
    check_rewrite(ContribEager, """\
        import tensorflow as tf
        tfe = tf.contrib.eager

        class Net(tfe.Network):
            def __init__(self):
                super(Net, self).__init__()
                self.dense = self.track_layer(tf.layers.Dense(3))

        class Other(object):
            def __init__(self):
                self.x = self.track_layer(1)
        """, """\
        import tensorflow as tf

        class Net(tf.keras.Model):
            def __init__(self):
                super(Net, self).__init__()
                self.dense = tf.layers.Dense(3)

        class Other(object):
            def __init__(self):
                self.x = self.track_layer(1)
        """)


def test_from_import_and_metrics_and_gradients_function_pair():
    outcome = apply(ContribEager, textwrap.dedent("""\
        import tensorflow as tf
        from tensorflow.contrib.eager import gradients_function, metrics
        g = gradients_function(lambda x: x * x)
        m = metrics.Mean()
        """))
    code = outcome.code
    assert "def value_and_gradients_function(f, params=None):" in code
    assert "def gradients_function(f, params=None):" in code
    assert "g = gradients_function(lambda x: x * x)" in code and "m = tf.keras.metrics.Mean()" in code
    assert "contrib" not in code.split("def ")[0]


def test_name_without_tf2_home_is_warned_and_import_kept():
    source = "import tensorflow.contrib.eager as tfe\nsaver = tfe.Saver(variables)\nv = tfe.Variable(1)\n"
    outcome = apply(ContribEager, source)
    assert "import tensorflow.contrib.eager as tfe" in outcome.code  # still needed for tfe.Saver
    assert "v = tf.Variable(1)" in outcome.code
    assert codes(outcome, "warning") == ["MIG521"]
    assert "tf.train.Checkpoint" in outcome.findings[[f.kind for f in outcome.findings].index("warning")].message


@pytest.mark.parametrize("source", [
    "import other as tfe\nw = tfe.Variable(1.0)\n",
    'import tensorflow as tf\nx = "tfe.Variable"  # tf.contrib.eager.Variable\n',
    "import tensorflow as tf\nw = tf.Variable(1.0)\nit = iter(ds)\n",
    "import tensorflow as tf\ntfe = tf.contrib.eager\ntfe = None\n",
], ids=["other-module", "string-and-comment", "already-migrated", "rebound-alias"])
def test_unchanged(source):
    check_unchanged(ContribEager, source)


def test_needed():
    assert not ContribEager.needed(prescan("import tensorflow as tf\nx = tf.Variable(1)\n"), Settings())


PROGRAM = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    import tensorflow.contrib.eager as tfe
    tfe.enable_eager_execution()

    X = np.array([1.0, 2.0, 3.0, 4.0], "float32")
    Y = 3.0 * X + 1.0
    W = tfe.Variable(0.5)
    b = tfe.Variable(0.0)

    def loss_fn(x, y):
        return tf.reduce_mean(tf.square(W * x + b - y))

    value_and_grads = tfe.implicit_value_and_gradients(loss_fn)
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.05)
    for step in range(1000):
        loss, grads = value_and_grads(X, Y)
        optimizer.apply_gradients(grads)
    square_grad = tfe.gradients_function(lambda x: x * x)
    batches = tfe.Iterator(tf.data.Dataset.from_tensor_slices(X).batch(2))
    first = batches.next()
    print("%.2f %.2f %.1f %s" % (W.numpy(), b.numpy(), square_grad(3.0)[0].numpy(), first.numpy().tolist()))
""")


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_eager_program_runs_and_fits(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    migrate = subprocess.run([sys.executable, "-m", "migrate", "code", str(script)], capture_output=True, text=True)
    assert migrate.returncode == 1, migrate.stderr
    assert "import tensorflow.contrib" not in script.read_text() and "tfe." not in script.read_text()
    assert "MIG" not in migrate.stdout
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    # gradient descent on y = 3x + 1 converges to W=3, b=1; d(x^2)/dx at 3 = 6
    assert run.stdout.strip() == "3.00 1.00 6.0 [1.0, 2.0]"


def test_an_eager_program_with_v1_layers_is_not_turned_into_graph_code():
    from migrate.codemods.graph_mode import GraphMode

    source = "import tensorflow as tf\ntf.compat.v1.enable_eager_execution()\nd = tf.compat.v1.layers.Dense(3)\n"
    code = apply(GraphMode, source).code
    assert "disable_eager_execution" not in code and "TF_USE_LEGACY_KERAS" in code
