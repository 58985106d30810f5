"""MIG117: under a graph seed, a v1 layer's default kernel initializer is written in (TF 1.x's,
graph-seeded), so the compat program draws the same kernels every run as TF 1.x's did."""
import subprocess
import sys
import textwrap

import pytest

from migrate.codemods.v1_layer_initializers import V1LayerInitializers
from migrate.testing import check_rewrite, check_unchanged, codes

GLOROT = "tf.compat.v1.glorot_uniform_initializer()"


@pytest.mark.parametrize("before, after", [
    # Morvan's tutorials: positional units and activation
    ("import tensorflow as tf\ntf.set_random_seed(1)\nl1 = tf.layers.dense(tf_x, 10, tf.nn.relu)\n",
     f"import tensorflow as tf\ntf.set_random_seed(1)\nl1 = tf.layers.dense(tf_x, 10, tf.nn.relu, kernel_initializer={GLOROT})\n"),
    # one argument a line, a comment after one of them, no trailing comma
    (("import tensorflow as tf\ntf.set_random_seed(1)\nl = tf.layers.dense(\n    inputs=s,\n    units=20,    # hidden\n"
     "    name='l1'\n)\n"),
     ("import tensorflow as tf\ntf.set_random_seed(1)\nl = tf.layers.dense(\n    inputs=s,\n    units=20,    # hidden\n"
     f"    name='l1',\n    kernel_initializer={GLOROT}\n)\n")),
    # a trailing comma; `kernel_initializer=None` is the default
    (("import tensorflow as tf\ntf.compat.v1.set_random_seed(3)\nc = tf.compat.v1.layers.conv2d(\n    x,\n    4,\n    3,\n)\n"
     "d = tf.layers.dense(c, 2, kernel_initializer=None)\n"),
     (f"import tensorflow as tf\ntf.compat.v1.set_random_seed(3)\nc = tf.compat.v1.layers.conv2d(\n    x,\n    4,\n    3,\n"
     f"    kernel_initializer={GLOROT},\n)\nd = tf.layers.dense(c, 2, kernel_initializer={GLOROT})\n")),
    # every layer with a kernel, and the class forms; separable convolutions have two kernels
    (("import tensorflow as tf\ntf.random.set_random_seed(0)\na = tf.layers.conv1d(x, 2, 3)\nb = tf.layers.conv3d(x, 2, 3)\n"
     "c = tf.layers.conv2d_transpose(x, 2, 3)\nd = tf.layers.conv3d_transpose(x, 2, 3)\ne = tf.layers.Dense(4)\n"
     "f = tf.layers.Conv2D(2, 3)\ng = tf.layers.Conv2DTranspose(2, 3)\nh = tf.layers.separable_conv2d(x, 2, 3)\n"),
     (f"import tensorflow as tf\ntf.random.set_random_seed(0)\na = tf.layers.conv1d(x, 2, 3, kernel_initializer={GLOROT})\n"
     f"b = tf.layers.conv3d(x, 2, 3, kernel_initializer={GLOROT})\nc = tf.layers.conv2d_transpose(x, 2, 3, kernel_initializer={GLOROT})\n"
     f"d = tf.layers.conv3d_transpose(x, 2, 3, kernel_initializer={GLOROT})\ne = tf.layers.Dense(4, kernel_initializer={GLOROT})\n"
     f"f = tf.layers.Conv2D(2, 3, kernel_initializer={GLOROT})\ng = tf.layers.Conv2DTranspose(2, 3, kernel_initializer={GLOROT})\n"
     f"h = tf.layers.separable_conv2d(x, 2, 3, depthwise_initializer={GLOROT}, pointwise_initializer={GLOROT})\n")),
    # aliases: `from tensorflow import layers`, a name bound once to the function, ageron's partial
    (("import tensorflow as tf\nfrom tensorflow import layers\nfrom functools import partial\ntf.set_random_seed(42)\n"
     "dense = tf.layers.dense\nmy_dense = partial(tf.layers.dense, activation=tf.nn.elu)\n"
     "h = layers.dense(x, 3)\nk = dense(h, 2)\nout = my_dense(k, 1)\n"),
     ("import tensorflow as tf\nfrom tensorflow import layers\nfrom functools import partial\ntf.set_random_seed(42)\n"
     f"dense = tf.layers.dense\nmy_dense = partial(tf.layers.dense, activation=tf.nn.elu, kernel_initializer={GLOROT})\n"
     f"h = layers.dense(x, 3, kernel_initializer={GLOROT})\nk = dense(h, 2, kernel_initializer={GLOROT})\nout = my_dense(k, 1)\n")),
    # in a loop, a comprehension, a method, nested in another call; the seed set in a function
    (("import tensorflow as tf\ndef reset_graph(seed=42):\n    tf.reset_default_graph()\n    tf.set_random_seed(seed)\n"
     "class Net:\n    def build(self, x):\n        for n in (8, 4):\n            x = tf.layers.dense(x, n)\n"
     "        return [tf.nn.relu(tf.layers.dense(x, k)) for k in (1, 2)]\n"),
     ("import tensorflow as tf\ndef reset_graph(seed=42):\n    tf.reset_default_graph()\n    tf.set_random_seed(seed)\n"
     f"class Net:\n    def build(self, x):\n        for n in (8, 4):\n            x = tf.layers.dense(x, n, kernel_initializer={GLOROT})\n"
     f"        return [tf.nn.relu(tf.layers.dense(x, k, kernel_initializer={GLOROT})) for k in (1, 2)]\n")),
], ids=["positional", "one-a-line-comment", "trailing-comma-none", "every-layer", "aliases", "loop-comprehension-method"])
def test_default_kernel_initializer_written_under_a_graph_seed(before, after):
    outcome = check_rewrite(V1LayerInitializers, before, after)
    assert "MIG117" in codes(outcome, "change")


@pytest.mark.parametrize("source", [
    # no graph seed: TF 1.x drew other kernels every run too
    "import tensorflow as tf\nrandom.seed(0)\nh = tf.layers.dense(x, 3)\n",
    # an initializer given, by keyword or by position
    "import tensorflow as tf\ntf.set_random_seed(1)\nh = tf.layers.dense(x, 3, kernel_initializer=tf.zeros_initializer())\n",
    "import tensorflow as tf\ntf.set_random_seed(1)\nh = tf.layers.dense(x, 3, None, True, init)\n",
    "import tensorflow as tf\ntf.set_random_seed(1)\nh = tf.layers.Dense(3, None, True, init)\n",
    # layers with no kernel; Keras layers (not v1's)
    "import tensorflow as tf\ntf.set_random_seed(1)\nh = tf.layers.max_pooling2d(x, 2, 2)\nd = tf.layers.dropout(h)\n",
    "import tensorflow as tf\ntf.set_random_seed(1)\nh = tf.keras.layers.Dense(3)(x)\n",
    # a name bound twice is not known to be the layer
    "import tensorflow as tf\ntf.set_random_seed(1)\ndense = tf.layers.dense\ndense = other\nh = dense(x, 3)\n",
    # the name is also a parameter or an import: not known to be the layer where it is called
    "import tensorflow as tf\ntf.set_random_seed(1)\ndense = tf.layers.dense\ndef f(dense):\n    return dense(x, 3)\n",
    "import tensorflow as tf\nfrom nets import dense\ntf.set_random_seed(1)\ndense = tf.layers.dense\nh = dense(x, 3)\n",
], ids=["no-graph-seed", "keyword-given", "positional-given", "class-positional-given", "no-kernel", "keras", "rebound",
        "parameter", "imported"])
def test_unchanged(source):
    check_unchanged(V1LayerInitializers, source)


def test_kwargs_are_reported():
    outcome = check_unchanged(V1LayerInitializers, "import tensorflow as tf\ntf.set_random_seed(1)\n"
                              "h = tf.layers.dense(x, **params)\n")
    assert codes(outcome, "warning") == ["MIG195"]


PROGRAM = textwrap.dedent("""\
    import random
    import numpy as np
    import tensorflow as tf
    {python_seed}tf.set_random_seed(1)
    x = tf.placeholder(tf.float32, [None, 6, 6, 1])
    h = tf.layers.conv2d(x, 2, 3)
    h = tf.layers.dense(tf.layers.flatten(h), 3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print([float(np.sum(sess.run(v) ** 2)) for v in tf.trainable_variables()], random.random() if {seeded} else 0)
""")


@pytest.mark.tf
@pytest.mark.parametrize("python_seed", ["", "random.seed(5)\n"], ids=["graph-seed", "python-seed-too"])
def test_migrated_program_draws_the_same_kernels_every_run(tmp_path, python_seed):
    """The compat migration of a graph-seeded program run twice: the same kernels (before MIG117
    tf_keras' default drew them from Python's random: other values every run). With Python's
    `random` seeded too, the layers draw nothing from it, as TF 1.x's did: its first draw is the
    seeded stream's first."""
    source = tmp_path / "prog.py"
    source.write_text(PROGRAM.format(python_seed=python_seed, seeded=bool(python_seed)))
    subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True, check=False)
    assert "glorot_uniform_initializer()" in source.read_text()
    runs = [subprocess.run([sys.executable, str(source)], capture_output=True, text=True, check=False,
                           env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": ""}) for _ in range(2)]
    assert runs[0].stdout and runs[0].stdout == runs[1].stdout, [r.stderr[-800:] for r in runs]
    if python_seed:
        import random

        assert runs[0].stdout.split()[-1] == repr(random.Random(5).random())


def test_notebook_seed_in_one_cell_layer_in_another():
    """A notebook is one program: the graph seed of its first cell, the layer of a later one."""
    import json

    from migrate import runner
    from migrate.codemod import Settings

    cells = [["import tensorflow as tf\n", "tf.set_random_seed(42)"],
             ["x = tf.placeholder(tf.float32, [None, 3])\n", "h = tf.layers.dense(x, 4, name='hidden')"]]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    result = runner.process_file("nb.ipynb", Settings(), data=json.dumps(notebook).encode())
    written = ["".join(c["source"]) for c in json.loads(result.new_data)["cells"]]
    assert written[1].endswith(f"h = tf.compat.v1.layers.dense(x, 4, name='hidden', kernel_initializer={GLOROT})"), written


SCOPE = "tf.compat.v1.get_variable_scope().set_initializer(tf.compat.v1.glorot_uniform_initializer())"


@pytest.mark.parametrize("cell", ["tf.nn.rnn_cell.BasicLSTMCell(4)", "rnn.BasicRNNCell(num_units=4)",
                                  "tf.compat.v1.nn.rnn_cell.GRUCell(4)"])
def test_rnn_cells_under_a_graph_seed_get_the_root_scope_initializer(cell):
    """BasicRNNCell / BasicLSTMCell take no initializer: the statement setting the graph seed is followed
    by the root variable scope's, which the cells' kernels take when built (also in a block)."""
    before = (f"import tensorflow as tf\nfrom tensorflow.contrib import rnn\nif True:\n    tf.set_random_seed(1)\n"
              f"c = {cell}\n")
    after = before.replace("    tf.set_random_seed(1)\n", f"    tf.set_random_seed(1)\n    {SCOPE}\n")
    check_rewrite(V1LayerInitializers, before, after)


def test_no_root_scope_initializer_without_cells_or_with_an_integer_variable():
    check_unchanged(V1LayerInitializers, "import tensorflow as tf\ntf.set_random_seed(1)\nw = tf.get_variable('w', [2])\n")
    source = ("import tensorflow as tf\ntf.set_random_seed(1)\nc = tf.nn.rnn_cell.GRUCell(4)\n"
              "step = tf.get_variable('step', [], dtype=tf.int32, trainable=False)\n")
    outcome = check_unchanged(V1LayerInitializers, source)
    assert "MIG196" in codes(outcome, "warning")


CELL_PROGRAM = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf

    tf.set_random_seed(1)
    X = tf.placeholder(tf.float32, [None, 5, 3])
    outputs = []
    for i, cell in enumerate([tf.nn.rnn_cell.BasicRNNCell(6), tf.nn.rnn_cell.BasicLSTMCell(6),
                              tf.nn.rnn_cell.GRUCell(6), tf.nn.rnn_cell.LSTMCell(6)]):
        with tf.variable_scope("c%d" % i):
            outputs.append(tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)[0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print([float(o.sum()) for o in sess.run(outputs, {X: np.ones([2, 5, 3], np.float32)})])
""")


@pytest.mark.tf
def test_migrated_rnn_cells_draw_the_same_kernels_every_run(tmp_path):
    """The compat migration of four v1 cells under a graph seed run twice: the same outputs (before, tf_keras'
    legacy cells drew their kernels from Python's random: other values every run)."""
    source = tmp_path / "prog.py"
    source.write_text(CELL_PROGRAM)
    subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True, check=False)
    assert SCOPE in source.read_text()
    runs = [subprocess.run([sys.executable, str(source)], capture_output=True, text=True, check=False,
                           env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": ""}) for _ in range(2)]
    assert runs[0].stdout and runs[0].stdout == runs[1].stdout, [r.stderr[-800:] for r in runs]


def test_notebook_seed_in_one_cell_rnn_cell_in_another():
    """A notebook is one program: the root scope's initializer follows the seed of its first cell."""
    import json

    from migrate import runner
    from migrate.codemod import Settings

    cells = [["import tensorflow as tf\n", "tf.set_random_seed(42)"],
             ["x = tf.placeholder(tf.float32, [None, 3, 2])\n", "cell = tf.nn.rnn_cell.BasicLSTMCell(4)\n",
              "o, s = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)"]]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    result = runner.process_file("nb.ipynb", Settings(), data=json.dumps(notebook).encode())
    written = ["".join(c["source"]) for c in json.loads(result.new_data)["cells"]]
    assert written[0].endswith(f"tf.random.set_seed(42)\n{SCOPE}"), written
