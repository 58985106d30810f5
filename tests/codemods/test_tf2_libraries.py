"""`--style tf2` across files (migrate/tf2_libraries.py): a program building its graph with the
layer functions of a library module of the same run (easy-tensorflow's main.py + ops.py). The
two are decided together: both convert (the library's layer function a tf.Module class, the
program one object per call site) or both keep compat, each MIG602 naming the other file and line."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap

from migrate.tf2_graph import remaining
from tests.codemods.test_tf2_crossfile import run

OPS = textwrap.dedent("""\
    import tensorflow as tf


    def weight_variable(name, shape):
        \"\"\"A weight.\"\"\"
        initer = tf.truncated_normal_initializer(stddev=0.01)
        return tf.get_variable('W_' + name, dtype=tf.float32, shape=shape, initializer=initer)


    def bias_variable(name, shape):
        initial = tf.constant(0., shape=shape, dtype=tf.float32)
        return tf.get_variable('b_' + name, dtype=tf.float32, initializer=initial)


    def fc_layer(x, num_units, name, use_relu=True):
        in_dim = x.get_shape()[1]
        with tf.variable_scope(name):
            W = weight_variable(name, shape=[in_dim, num_units])
            b = bias_variable(name, [num_units])
            layer = tf.matmul(x, W) + b
            if use_relu:
                layer = tf.nn.relu(layer)
        return layer
    """)
MAIN = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from ops import fc_layer

    tf.set_random_seed(3)
    x = tf.placeholder(tf.float32, shape=[None, 4])
    y = tf.placeholder(tf.float32, shape=[None, 2])
    scale = tf.Variable(tf.random_normal([4]))
    fc1 = fc_layer(x * scale, 8, 'FC1', use_relu=True)
    logits = fc_layer(fc1, 2, 'OUT', use_relu=False)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            _, value = sess.run([train_op, loss], feed_dict={x: np.ones((2, 4)), y: np.eye(2)})
            print(value)
    """)
# keeps compat for its own reason: its Session's graph is read
OTHER = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from ops import fc_layer

    x = tf.placeholder(tf.float32, shape=[None, 4])
    out = fc_layer(x, 2, 'L')
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    print(sess.graph)
    print(sess.run(out, feed_dict={x: np.ones((1, 4))}))
    """)


def test_a_program_calling_the_layer_functions_of_another_file_converts_with_them(tmp_path):
    """easy-tensorflow's `from ops import fc_layer`: the library's function becomes the tf.Module
    class a same-file helper would (its nested weight / bias functions inlined, get_variable a
    tf.Variable of the same initial value, the variable scope a name scope), counting op seeds
    from where the program's calls ran; the program imports it and makes one object per call."""
    texts, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": MAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    ops, main = texts["ops.py"], texts["main.py"]
    for text in (ops, main):
        assert remaining(text) is None and "compat.v1" not in text, text
    assert "class FcLayer(tf.Module):" in ops and "def __init__(self, op_seeds=None):" in ops
    assert "tf.random.truncated_normal([in_dim, num_units], stddev=0.01, dtype=tf.float32, seed=self.op_seed())" in ops
    assert "with tf.name_scope(name):" in ops
    # the functions no program calls stay functions, in TF 2
    assert "return tf.Variable(tf.random.truncated_normal(shape, stddev=0.01, dtype=tf.float32), name='W_' + name)" in ops
    assert "from ops import FcLayer\n" in main and "def fc_layer" not in main and "class FcLayer" not in main
    # scale's normal drew op seed 0, the first layer's truncated normal 1, the second's 2
    assert "fc_layer_1 = FcLayer(1)" in main and "fc_layer_2 = FcLayer(2)" in main, main
    assert "fc1 = fc_layer_1(x * scale, 8, 'FC1', use_relu=True)" in main


def test_summaries_in_a_library_layer_function_are_written_under_each_call_sites_tags(tmp_path):
    """easy-tensorflow's fc_layer with `tf.summary.histogram('W', W)` under `variable_scope(name)` (run
    side by side: the same losses and event tags / values): the class keeps each value
    (`self.summary`), the program's step returns them under the tags TF 1.x wrote at each call."""
    ops = OPS.replace("        b = bias_variable(name, [num_units])\n",
                      "        tf.summary.histogram('W', W)\n        b = bias_variable(name, [num_units])\n")
    main = MAIN.replace("train_op = ", "tf.summary.scalar('loss', loss)\nmerged = tf.summary.merge_all()\ntrain_op = ").replace(
        "with tf.Session() as sess:\n", "with tf.Session() as sess:\n    writer = tf.summary.FileWriter('logs')\n").replace(
        "        print(value)\n", "        writer.add_summary(sess.run(merged, feed_dict={x: np.ones((2, 4)), y: np.eye(2)}), i)\n")
    assert main.count("summary") == 4
    texts, out, summary = run(tmp_path, {"ops.py": ops, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "            self.summary(\"histogram\", 'W', W)\n" in texts["ops.py"], texts["ops.py"]
    assert ('return {"FC1/W": fc_layer_1.summaries[0], "OUT/W": fc_layer_2.summaries[0], "loss": loss}'
            in texts["main.py"]), texts["main.py"]


def test_the_library_keeps_compat_with_a_caller_that_does(tmp_path):
    """A second program calling `fc_layer` keeps compat (its Session's graph is read): the library
    keeps compat naming it, and the first program, converted alone, keeps compat naming the library."""
    texts, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": MAIN, "other.py": OTHER})
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 3), out
    assert "ops.py:18:1: MIG602" in out and "`fc_layer` is called at other.py:6, a file of this run that keeps compat" \
        in out, out
    assert "main.py:6:1: MIG602" in out and "`fc_layer` of ops.py is converted only with its module (a tf.Module " \
        "class, or a TF 2 function), which keeps compat (ops.py:18:" in out, out
    assert "tf.compat.v1.get_variable" in texts["ops.py"] and "from ops import fc_layer" in texts["main.py"]


def test_a_notebook_calling_a_layer_function_keeps_the_library_compat(tmp_path):
    """A notebook is not converted with the layer functions of another file: the library keeps
    compat naming the notebook's call, and the program calling it keeps compat naming the library."""
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": OTHER.splitlines(keepends=True)}]
    notebook = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    _, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": MAIN, "explore.ipynb": notebook})
    assert summary["tf2_style"] == 0, out
    assert "ops.py:18:1: MIG602" in out and "`fc_layer` is called at explore.ipynb:6" in out \
        and "a notebook is not converted with the layer functions of another file" in out, out
    assert "main.py:6:1: MIG602" in out, out


SAME_FILE = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from data import shuffle


    def fc_layer(x, num_units):
        in_dim = x.get_shape()[1]
        W = tf.Variable(tf.truncated_normal([in_dim, num_units], stddev=0.1))
        return tf.matmul(x, W)


    x = tf.placeholder(tf.float32, shape=[None, 4])
    out = fc_layer(x, 2)
    loss = tf.reduce_mean(tf.square(out))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            data = shuffle(np.ones((2, 4)))
            print(sess.run([train_op, loss], feed_dict={x: data})[1])
    """)
# a module of the run importing TensorFlow: what its functions build is not known to the program
DATA = "import numpy as np\nimport tensorflow as tf\n\n\ndef shuffle(a):\n    return a[np.random.permutation(len(a))]\n"


def test_a_same_file_layer_function_reading_its_input_shape_is_one_object_per_call(tmp_path):
    """`in_dim = x.get_shape()[1]` read to make the variables: not split into a constructor taking
    the graph value `x` (tf2_graph._layer_modules: `FcLayer(x, 2)`, a Fallback) but one object per
    call site (tf2_helpers)."""
    texts, out, summary = run(tmp_path, {"main.py": SAME_FILE, "data.py": DATA})
    assert summary["tf2_style"] == 1, out
    assert "fc_layer_1 = FcLayer()" in texts["main.py"] and "out = fc_layer_1(x, 2)" in texts["main.py"], texts["main.py"]


def test_a_call_sites_op_seeds_are_known_whatever_the_program_builds_after_them(tmp_path):
    """Under a graph seed, a loop after the layers calling a function of another module (whose
    count of random ops is not known) changes no call site's count: the layer converts."""
    program = SAME_FILE.replace("x = tf.placeholder", "tf.set_random_seed(3)\nx = tf.placeholder")
    texts, out, summary = run(tmp_path, {"main.py": program, "data.py": DATA})
    assert summary["tf2_style"] == 1, out
    assert "fc_layer_1 = FcLayer(0)" in texts["main.py"], texts["main.py"]


def test_layer_form_inlines_the_nested_variable_functions_and_their_initializers():
    from migrate.runner import migrate_source
    from migrate.settings import Settings
    from migrate.tf2_libraries import layer_form

    compat = migrate_source(OPS, Settings()).code
    form = layer_form(compat, "fc_layer")
    assert "weight_variable(" not in form and "initer" not in form and "get_variable" not in form, form
    tree = ast.parse(form)
    assert [f.name for f in tree.body] == ["fc_layer"]
    assert "b = tf.Variable(tf.constant(0., shape=[num_units], dtype=tf.float32), name='b_' + name, dtype=tf.float32)" \
        in form, form


def test_a_program_making_its_variables_with_library_factories_imports_them_as_tf2_functions(tmp_path):
    """easy-tensorflow's linear classifier (`from ops import *`, `W = weight_variable(shape=...)`):
    a function returning a new variable is called once where it is called (tf2_graph's variable
    factory); under a graph seed the library's function takes the op seed as `seed=None`, the
    program passes the one TF 1.x counted."""
    ops = textwrap.dedent("""\
        import tensorflow as tf


        def weight_variable(shape):
            initer = tf.truncated_normal_initializer(stddev=0.01)
            return tf.get_variable('W', dtype=tf.float32, shape=shape, initializer=initer)


        def bias_variable(shape):
            initial = tf.constant(0., shape=shape, dtype=tf.float32)
            return tf.get_variable('b', dtype=tf.float32, initializer=initial)
        """)
    main = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        from ops import *

        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, shape=[None, 4])
        y = tf.placeholder(tf.float32, shape=[None, 2])
        W = weight_variable(shape=[4, 2])
        b = bias_variable(shape=[2])
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(x, W) + b))
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run([train_op, loss], feed_dict={x: np.ones((2, 4)), y: np.eye(2)})[1])
        """)
    texts, out, summary = run(tmp_path, {"ops.py": ops, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "def weight_variable(shape, seed=None):" in texts["ops.py"]
    assert "tf.random.truncated_normal(shape, stddev=0.01, dtype=tf.float32, seed=seed)" in texts["ops.py"]
    assert "def bias_variable(shape):" in texts["ops.py"] and "get_variable" not in texts["ops.py"]
    assert "from ops import *\n" in texts["main.py"] and "def weight_variable" not in texts["main.py"]
    assert "W = weight_variable(shape=[4, 2], seed=0)" in texts["main.py"], texts["main.py"]


def test_a_library_of_tf_variable_factories_converts_beside_a_caller_keeping_compat(tmp_path):
    """pkmital's libs/utils.py (`return tf.Variable(tf.random_normal(shape, ...))`, no TF 1.x left
    after the compat pass): each factory only gains `seed=None`, which a compat caller does not
    pass (its graph counts the op's seed as before), so a caller keeping compat keeps neither the
    library nor the converting program compat; the library is reported converted (MIG601)."""
    lib = textwrap.dedent("""\
        import tensorflow as tf


        def weight_variable(shape):
            initial = tf.random_normal(shape, mean=0.0, stddev=0.01)
            return tf.Variable(initial)
        """)
    main = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        from utils import *

        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, shape=[None, 4])
        W1 = weight_variable([4, 3])
        W2 = weight_variable([3, 2])
        loss = tf.reduce_mean(tf.matmul(tf.matmul(x, W1), W2))
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run([train_op, loss], feed_dict={x: np.ones((2, 4))})[1])
        """)
    other = textwrap.dedent("""\
        import tensorflow as tf
        from utils import weight_variable

        W = weight_variable([2, 2])
        sess = tf.Session()
        sess.run(tf.global_variables_initializer())
        print(sess.graph)
        """)
    texts, out, summary = run(tmp_path, {"utils.py": lib, "main.py": main, "other.py": other})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 1), out
    assert "def weight_variable(shape, seed=None):" in texts["utils.py"]
    assert "initial = tf.random.normal(shape, mean=0.0, stddev=0.01, seed=seed)" in texts["utils.py"]
    assert "W1 = weight_variable([4, 3], seed=0)" in texts["main.py"] and "W2 = weight_variable([3, 2], seed=1)" \
        in texts["main.py"], texts["main.py"]
    assert "other.py" in out and "sess.graph" in out


ACCURACY = "\n\ndef accuracy(logits, labels):\n    return tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), " \
    "tf.argmax(labels, 1)), tf.float32))\n"


def test_a_program_calling_layer_functions_through_the_module_converts_with_them(tmp_path):
    """kevin28520's `import model` + `model.inference(...)`, `import tools as t`: the module's
    layer functions called as attributes convert as from-imported ones (`from ops import FcLayer`,
    one object per call site, the same op seeds); `import ops` stays where the program reads
    another of its functions (`ops.accuracy`), and goes where it read only the layer function."""
    main = MAIN.replace("from ops import fc_layer", "import ops").replace("fc_layer(", "ops.fc_layer(").replace(
        "train_op = ", "acc = ops.accuracy(logits, y)\ntrain_op = ").replace(
        "_, value = sess.run([train_op, loss]", "_, value, a = sess.run([train_op, loss, acc]")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + ACCURACY, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    program = texts["main.py"]
    assert remaining(program) is None and "compat.v1" not in program, program
    assert "import ops\nfrom ops import FcLayer\n" in program and "def fc_layer" not in program, program
    assert "fc_layer_1 = FcLayer(1)" in program and "fc_layer_2 = FcLayer(2)" in program, program
    assert "fc1 = fc_layer_1(x * scale, 8, 'FC1', use_relu=True)" in program and "ops.accuracy(logits, y)" in program
    assert "class FcLayer(tf.Module):" in texts["ops.py"] and "def accuracy(" in texts["ops.py"]
    aliased = MAIN.replace("from ops import fc_layer", "import ops as t").replace("fc_layer(", "t.fc_layer(")
    texts, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": aliased})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "import tensorflow as tf\nfrom ops import FcLayer\n\n" in texts["main.py"], texts["main.py"]
    assert "import ops" not in texts["main.py"] and "t.fc_layer" not in texts["main.py"], texts["main.py"]


def test_a_layer_function_of_a_module_read_other_than_called_keeps_both_compat(tmp_path):
    """`layer = ops.fc_layer` (the function read as a value): converted, it is a class made once
    per call site, so the program keeps compat naming the read, and the library with it."""
    main = MAIN.replace("from ops import fc_layer", "import ops").replace(
        "fc1 = fc_layer(", "layer = ops.fc_layer\nfc1 = layer(").replace("logits = fc_layer(", "logits = ops.fc_layer(")
    _, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "main.py:12:9: MIG602 kept compat (--style tf2): `ops.fc_layer` cannot be converted: `ops.fc_layer` (a layer " \
        "function of ops.py, a module of this run) read other than as the function of a call" in out, out
    assert "ops.py:18:1: MIG602" in out and "`fc_layer` is called at main.py:11" in out, out


def test_a_scope_bound_with_as_naming_an_op_converts_to_its_name(tmp_path):
    """kevin28520's `with tf.variable_scope('conv1') as scope:` ... `tf.nn.relu(x, name=scope.name)`:
    the name scope is opened without `as`, the op named by the scope's name argument (an op's
    name changes no value); the scope object read otherwise keeps both files compat, naming it."""
    ops = OPS.replace("with tf.variable_scope(name):", "with tf.variable_scope(name) as scope:").replace(
        "layer = tf.nn.relu(layer)", "layer = tf.nn.relu(layer, name=scope.name)")
    texts, out, summary = run(tmp_path, {"ops.py": ops, "main.py": MAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "        with tf.name_scope(name):\n" in texts["ops.py"], texts["ops.py"]
    assert "layer = tf.nn.relu(layer, name=name)" in texts["ops.py"] and "scope" not in texts["ops.py"].split(
        "class FcLayer")[1].replace("init_scope", "").replace("name_scope", ""), texts["ops.py"]
    read = ops.replace("name=scope.name)", "name=scope.name + '_relu')")
    texts, out, summary = run(tmp_path, {"ops.py": read, "main.py": MAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "a variable scope bound with `as` in a library function making variables, its object read other than as " \
        "`name=scope.name` of an op in the block" in out, out


def test_module_calls_of_a_tf2_library_or_from_a_notebook_alone_are_not_followed(tmp_path):
    """sugyan's model.py (functions making tf.Variables: TF 2 already after the compat pass),
    called as `model.regression(x)`, is left as it was (no class written, no MIG602); udacity's
    helper.py, called as `helper.f(...)` by a notebook only, is not decided with it (a notebook
    keeps compat): each keeps the outcome of its own."""
    model = "import tensorflow as tf\n\n\ndef regression(x):\n    W = tf.Variable(tf.zeros([4, 2]), name='W')\n" \
        "    return tf.matmul(x, W), [W]\n"
    main = MAIN.replace("from ops import fc_layer", "import model").replace(
        "fc1 = fc_layer(x * scale, 8, 'FC1', use_relu=True)\nlogits = fc_layer(fc1, 2, 'OUT', use_relu=False)",
        "logits, variables = model.regression(x * scale)")
    texts, out, _ = run(tmp_path, {"model.py": model, "main.py": main})
    assert "model.py" not in out and texts["model.py"] == model, out
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": OTHER.replace("from ops import fc_layer", "import ops").replace("fc_layer(", "ops.fc_layer(")
              .splitlines(keepends=True)}]
    notebook = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    (tmp_path / "main.py").unlink()
    (tmp_path / "model.py").unlink()
    _, out, _ = run(tmp_path, {"ops.py": OPS, "explore.ipynb": notebook})
    assert "ops.py:9:14: MIG602" in out and "is called at explore.ipynb" not in out, out


def test_an_initializer_read_by_several_get_variables_is_written_at_each(tmp_path):
    """hwalsuklee's `w_init = ...initializer()` read by each weight of a layer: a v1 initializer
    object built each variable's initial value at its call (a random one a new op, its op seed the
    graph's count then), as the initializer written at each get_variable does; a tensor read by
    several (one value for all) is not written twice."""
    ops = textwrap.dedent("""\
        import tensorflow as tf


        def two_layers(x, units, name):
            with tf.variable_scope(name):
                w_init = tf.truncated_normal_initializer(stddev=0.1)
                w0 = tf.get_variable('w0', [x.get_shape()[1], units], initializer=w_init)
                w1 = tf.get_variable('w1', [units, units], initializer=w_init)
                return tf.matmul(tf.nn.relu(tf.matmul(x, w0)), w1)
        """)
    main = MAIN.replace("from ops import fc_layer", "from ops import two_layers").replace(
        "fc1 = fc_layer(x * scale, 8, 'FC1', use_relu=True)\nlogits = fc_layer(fc1, 2, 'OUT', use_relu=False)",
        "logits = two_layers(x * scale, 2, 'L')")
    texts, out, summary = run(tmp_path, {"ops.py": ops, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert texts["ops.py"].count("tf.random.truncated_normal(") == 2 and "w_init" not in texts["ops.py"], texts["ops.py"]
    assert "two_layers_1 = TwoLayers(1)" in texts["main.py"], texts["main.py"]
    tensor = ops.replace("tf.truncated_normal_initializer(stddev=0.1)", "tf.random_normal([4, 2])").replace(
        "[units, units], initializer", "initializer")
    _, out, summary = run(tmp_path, {"ops.py": tensor, "main.py": main})
    assert summary["tf2_style"] == 0, out


def test_a_scope_reused_in_a_library_keeps_both_compat_naming_reuse(tmp_path):
    """vanhuyz's / hwalsuklee's `with tf.variable_scope(name, reuse=reuse):`: v1 shares by scope
    name what an earlier call made (and builds no initializer op for it); one object per call
    site would not, so both files keep compat, the reason naming `reuse=` and what to do."""
    ops = OPS.replace("def fc_layer(x, num_units, name, use_relu=True):", "def fc_layer(x, num_units, name, use_relu=True, "
                      "reuse=False):").replace("with tf.variable_scope(name):", "with tf.variable_scope(name, reuse=reuse):")
    _, out, summary = run(tmp_path, {"ops.py": ops, "main.py": MAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "`reuse=reuse` of a variable scope in a library function making variables: v1 gave a call reusing the scope" \
        in out and "call one object (a tf.Module or Keras layer made once) at every place sharing the scope" in out, out



def test_a_library_imported_as_a_module_and_by_name_converts_or_names_the_clash(tmp_path):
    """`import ops` beside `from ops import accuracy`: the layer function called as `ops.fc_layer`
    is imported by name beside them; beside `from ops import fc_layer` (the name the conversion
    would import) both files keep compat, naming the clash."""
    main = MAIN.replace("from ops import fc_layer", "import ops\nfrom ops import accuracy").replace(
        "fc_layer(", "ops.fc_layer(").replace("train_op = ", "acc = accuracy(logits, y)\ntrain_op = ").replace(
        "_, value = sess.run([train_op, loss]", "_, value, a = sess.run([train_op, loss, acc]")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + ACCURACY, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "import tensorflow as tf\nfrom ops import FcLayer\nfrom ops import accuracy\n" in texts["main.py"], texts["main.py"]
    clash = MAIN.replace("from ops import fc_layer", "import ops\nfrom ops import fc_layer").replace(
        "logits = fc_layer(", "logits = ops.fc_layer(")
    _, out, summary = run(tmp_path, {"ops.py": OPS, "main.py": clash})
    assert summary["tf2_style"] == 0, out
    assert "`ops.fc_layer` is converted imported by name (`from ops import ...`), and this file binds or reads a name " \
        "`fc_layer` (or `FcLayer`) of its own" in out, out


# the library's functions defined in the program's own file (easy-tensorflow's notebooks define
# them in a cell)
OWN = OPS + "\n\n" + MAIN.replace("import numpy as np\nimport tensorflow as tf\nfrom ops import fc_layer\n", "import numpy as np\n")


def test_layer_functions_of_the_programs_own_file_convert_as_a_librarys(tmp_path):
    """`fc_layer` making its variables through `weight_variable` / `bias_variable` (get_variable)
    under `variable_scope(name)`, in the program's file: written as a library's layer function is
    (the helpers inlined, get_variable a tf.Variable of the same initial value, the scope a name
    scope) and converted as a same-file helper, one object per call site counting op seeds where
    TF 1.x's graph did; the helpers nothing else calls stay, as TF 2 functions."""
    texts, out, summary = run(tmp_path, {"main.py": OWN})
    assert summary["tf2_style"] == 1, out
    main = texts["main.py"]
    assert remaining(main) is None and "compat.v1" not in main, main
    assert "class FcLayer(tf.Module):" in main and "with tf.name_scope(name):" in main, main
    assert "fc_layer_1 = FcLayer(1)" in main and "fc_layer_2 = FcLayer(2)" in main, main
    assert "tf.random.truncated_normal([in_dim, num_units], stddev=0.01, dtype=tf.float32, seed=self.op_seed())" in main
    assert "return tf.Variable(tf.random.truncated_normal(shape, stddev=0.01, dtype=tf.float32), name='W_' + name)" in main
    again = subprocess.run([sys.executable, "-m", "migrate", "code", "--style", "compat", "--keras", "3", "--check",
                            str(tmp_path)], capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stdout + again.stderr


def test_own_layer_functions_reusing_a_scope_keep_compat_for_the_engines_reason(tmp_path):
    """A scope given `reuse=` in the file's own layer function is not written as a name scope:
    the file keeps compat naming the call, as before."""
    program = OWN.replace("with tf.variable_scope(name):", "with tf.variable_scope(name, reuse=tf.AUTO_REUSE):") \
        .replace("tf.set_random_seed(3)\n", "")
    texts, out, summary = run(tmp_path, {"main.py": program})
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 1), out
    assert "`fc_layer` creates variables or uses TF 1.x graph APIs" in out, out
    assert "tf.compat.v1.get_variable" in texts["main.py"]


def test_a_random_op_in_a_function_nothing_names_builds_no_op_under_a_seed(tmp_path):
    """Under a graph seed the op seeds are counted in build order; a function of the module no
    code calls or names built nothing, so its unseeded random op is no obstacle."""
    program = SAME_FILE.replace("from data import shuffle\n", "").replace("data = shuffle(np.ones((2, 4)))",
                                                                         "data = np.ones((2, 4))")
    program = program.replace("x = tf.placeholder", "tf.set_random_seed(3)\n\n\ndef unused(shape):\n"
                              "    return tf.random_normal(shape)\n\n\nx = tf.placeholder")
    texts, out, summary = run(tmp_path, {"main.py": program})
    assert summary["tf2_style"] == 1, out
    assert "fc_layer_1 = FcLayer(0)" in texts["main.py"], texts["main.py"]
    named = program.replace("out = fc_layer(x, 2)", "out = fc_layer(x, 2)\nmakers = [unused]")
    _, out, summary = run(tmp_path, {"main.py": named})
    assert summary["tf2_style"] == 0 and "a random op with no op seed" in out, out


def test_a_summary_helper_of_another_module_is_named_where_the_program_hands_it_a_tensor(tmp_path):
    """dsalaj's `from tf_tools import variable_summaries` then `variable_summaries(probabilities, '/p')`:
    another module's function making summaries and no variable is not converted with the program; the
    reason says the tensor is handed to it, not only that it is read outside Session.run."""
    tools = textwrap.dedent("""\
        import tensorflow as tf


        def variable_summaries(var, name):
            with tf.name_scope('summaries'):
                tf.summary.scalar('mean/' + name, tf.reduce_mean(var))
                tf.summary.histogram(name, var)
        """)
    main = MAIN.replace("from ops import fc_layer", "from ops import fc_layer\nfrom tf_tools import variable_summaries").replace(
        "train_op = ", "variable_summaries(logits, 'logits')\ntrain_op = ")
    _, out, summary = run(tmp_path, {"ops.py": OPS, "tf_tools.py": tools, "main.py": main})
    assert summary["tf2_style"] == 0, out
    assert "main.py:16:20: MIG602" in out and ("the graph tensor `logits` is used outside `Session.run` here (handed to "
                                               "`variable_summaries` of module `tf_tools`") in out, out


FLATTEN = "\n\ndef flatten_layer(layer):\n    with tf.variable_scope('Flatten_layer'):\n" \
    "        num_features = layer.get_shape()[1:4].num_elements()\n        layer_flat = tf.reshape(layer, [-1, num_features])\n" \
    "    return layer_flat\n"


def test_a_library_function_making_no_variable_under_a_variable_scope_opens_a_name_scope(tmp_path):
    """easy-tensorflow's CNN ops.py: `flatten_layer` reshapes under `with tf.variable_scope('Flatten_layer')`
    and makes no variable; the scope only named its ops, so it is TF 2's name scope and the library and
    the program calling it convert (side by side, its main.py: the same digits). It builds no random op,
    so under a graph seed the op seeds counted after its call are known. A function calling
    TF 1.x's layers under its scope (which may make variables there) keeps the library compat."""
    main = MAIN.replace("from ops import fc_layer\n", "from ops import fc_layer, flatten_layer\n").replace(
        "fc1 = fc_layer(x * scale,", "fc1 = fc_layer(flatten_layer(x * scale),")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + FLATTEN, "main.py": main})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "    with tf.name_scope('Flatten_layer'):\n" in texts["ops.py"], texts["ops.py"]
    assert "fc1 = fc_layer_1(flatten_layer(x * scale), 8, 'FC1', use_relu=True)" in texts["main.py"], texts["main.py"]
    # under the program's graph seed: flatten_layer built no random op, so the count stood at 1
    assert "fc_layer_1 = FcLayer(1)" in texts["main.py"] and "fc_layer_2 = FcLayer(2)" in texts["main.py"]
    starred = main.replace("from ops import fc_layer, flatten_layer\n", "from ops import *\n")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + FLATTEN, "main.py": starred})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out  # (easy-tensorflow's `from ops import *`)
    # a later star import may bind the name again: not known to draw nothing, the count after it unknown
    later = starred.replace("from ops import *\n", "from ops import *\nfrom helpers import *\n")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + FLATTEN, "main.py": later,
                                         "helpers.py": "import tensorflow as tf\n\nSIZE = 3\n"})
    assert "main.py:13:" in out and "count of random ops is not known here" in out, out
    dense = FLATTEN.replace("tf.reshape(layer, [-1, num_features])", "tf.layers.dense(layer, 3)")
    texts, out, summary = run(tmp_path, {"ops.py": OPS + dense, "main.py": main})
    assert summary["tf2_style"] == 0 and "variable_scope" in texts["ops.py"], out
