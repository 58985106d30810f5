"""`--style tf2` across files (migrate/tf2_modelmodules.py): a model class making placeholders in a
module with no Session, whose tensors the program of another file runs (dennybritz's text_cnn.py +
train.py). Both convert together (the class a tf.Module in its module, the program's runs step
functions calling it) or both keep compat, each MIG602 naming the other file and line."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from migrate.tf2_graph import remaining
from tests.codemods.test_tf2_crossfile import run

MODEL = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf


    class Model(object):
        def __init__(self, n_in, n_out):
            self.x = tf.placeholder(tf.float32, [None, n_in], name="x")
            self.y = tf.placeholder(tf.float32, [None, n_out], name="y")
            self.W = tf.Variable(np.ones((n_in, n_out), np.float32) * 0.1, name="W")
            self.q = tf.matmul(self.x, self.W)
            self.loss = tf.reduce_mean(tf.square(self.y - self.q))
    """)
TRAIN = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from model import Model

    model = Model(4, 2)
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(model.loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        x = np.ones((3, 4), np.float32)
        for step in range(3):
            _, loss = sess.run([train_op, model.loss], feed_dict={model.x: x, model.y: x[:, :2]})
            print(loss)
        print(sess.run(model.q, {model.x: x}))
    """)


def test_a_model_module_and_the_program_running_its_tensors_convert_together(tmp_path):
    """Alone each keeps compat (the module: a placeholder with no Session; the program: its
    object's class is not its own); together the class is the tf.Module of the one-file
    conversion, in its module, and the program calls it, its import kept. A fixed point of both
    styles."""
    texts, out, summary = run(tmp_path, {"model.py": MODEL, "train.py": TRAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    module, program = texts["model.py"], texts["train.py"]
    assert "class Model(tf.Module):" in module and "def __call__(self, x, y):" in module, module
    assert remaining(module) is None and "compat.v1" not in module and "disable_eager" not in module, module
    assert "class " not in program and "from model import Model\n" in program, program
    assert remaining(program) is None and "Session(" not in program and "model_module = Model(4, 2)" in program, program
    for style in ("tf2", "compat"):
        again = subprocess.run([sys.executable, "-m", "migrate", "code", "--style", style, "--keras", "3", "--check",
                                str(tmp_path)], capture_output=True, text=True, timeout=300, check=False)
        assert again.returncode == 0, again.stdout + again.stderr


def test_a_program_that_keeps_compat_keeps_its_model_module_compat_naming_it(tmp_path):
    """The program reads its Session's graph (its own reason): the module keeps compat too (a
    tf.Module class would meet `model.x` of compat code), naming the program's file, line and
    reason; the program's MIG602 names the model class's file and line."""
    train = TRAIN.replace("    print(sess.run(model.q, {model.x: x}))", "    print(sess.graph)")
    _, out, summary = run(tmp_path, {"model.py": MODEL, "train.py": train}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'model.py'}:5:1: MIG602 kept compat (--style tf2): `class Model` cannot be converted: the " \
        "model class is imported at train.py:3, whose program runs its tensors and keeps compat (train.py:13: `sess` " \
        "cannot be converted: the Session's graph is read" in out, out
    assert f"{tmp_path / 'train.py'}:13:" in out and "(converted together with the model class whose tensors this " \
        "program runs, model.py:5's `Model`, which keeps compat with it)" in out, out


def test_a_model_class_that_cannot_convert_keeps_its_program_compat_naming_it(tmp_path):
    """The class changes a variable in `__init__` (its construct, positioned in the module): the
    program keeps compat at its import, naming model.py, the line and the reason, and what keeps
    the program compat converted alone (the engine's reason before this change)."""
    model = MODEL.replace("        self.q = tf.matmul(self.x, self.W)\n",
                          "        self.W.assign(self.W * 2.0)\n        self.q = tf.matmul(self.x, self.W)\n")
    _, out, summary = run(tmp_path, {"model.py": model, "train.py": TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'model.py'}:10:" in out and "(converted together with train.py, which runs its tensors)" in out, out
    assert f"{tmp_path / 'train.py'}:3:1: MIG602 kept compat (--style tf2): `from model import Model` cannot be converted: the " \
        "model class `Model` of model.py, whose tensors this program runs, keeps compat (model.py:10: " in out, out
    assert "; converted alone, this program keeps compat at line " in out, out  # its own first construct, said too


@pytest.mark.parametrize("shape", ["class", "body"])
def test_a_second_program_keeping_compat_keeps_the_module_and_the_first_program_compat(tmp_path, shape):
    """Two programs make the class (or import the module whose body is the graph: SullyChen's run.py
    beside train.py); the second reads its Session's graph. The module keeps compat naming it, and
    the first program, which converts with the module alone, is kept compat by the run's fixed point
    (`demotions`), naming the module."""
    model, train, fetch = (MODEL, TRAIN, "model.q, {model.x: x}") if shape == "class" else \
        (BODY, BODY_TRAIN, "model.y, {model.x: data}")
    other = train.replace(f"    print(sess.run({fetch}))", "    print(sess.graph)")
    _, out, summary = run(tmp_path, {"model.py": model, "a_train.py": train, "b_eval.py": other}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 3), out
    what = ("model class", "model class") if shape == "class" else ("module, whose body builds the graph,", "module body")
    assert f"the {what[0]} is imported at b_eval.py:3, whose program runs its tensors and keeps compat" in out, out
    assert f"{tmp_path / 'a_train.py'}:3:1: MIG602 kept compat (--style tf2): the {what[1]} of model.py that this " \
        "program runs is in a group that keeps compat (model.py keeps compat: see its MIG602)" in out, out


def test_a_file_importing_the_model_class_without_using_it_is_not_its_program(tmp_path):
    """dennybritz's eval.py imports TextCNN and restores a saved graph instead: the module and
    train.py convert; the importer keeps its own outcome."""
    importer = "import tensorflow as tf\nfrom model import Model\n\nprint(tf.constant(1.0).numpy())\n"
    texts, out, _ = run(tmp_path, {"model.py": MODEL, "train.py": TRAIN, "other.py": importer})
    assert "class Model(tf.Module):" in texts["model.py"], out
    assert "Session(" not in texts["train.py"], out


def test_a_model_class_reading_a_module_name_that_is_not_an_import_keeps_both_compat(tmp_path):
    """The class reads `SCALE`, a constant of its module: written into the program it would not
    find it. Named at the class, and by the program."""
    model = MODEL.replace("import tensorflow as tf\n", "import tensorflow as tf\n\nSCALE = 0.1\n") \
        .replace("* 0.1", "* SCALE")
    _, out, summary = run(tmp_path, {"model.py": model, "train.py": TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "`class Model` cannot be converted: `Model` reads `SCALE`, which model.py binds otherwise than by an " \
        "import" in out, out
    assert f"{tmp_path / 'train.py'}:3:1: MIG602" in out and "keeps compat (model.py:7: `class Model`" in out, out


def test_a_program_importing_the_model_module_as_a_module_is_named(tmp_path):
    """`import model` + `model.Model(4, 2)`: the class is written into the program under its own
    name only; both keep compat, the program's MIG602 at the import saying how to import it."""
    train = TRAIN.replace("from model import Model", "import model as models").replace("Model(4, 2)",
                                                                                    "models.Model(4, 2)")
    _, out, summary = run(tmp_path, {"model.py": MODEL, "train.py": train}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'train.py'}:3:1: MIG602 kept compat (--style tf2): `import model as models` cannot be " \
        "converted: model.py is imported as a module or with `*`" in out, out
    assert "the model class is imported at train.py:3, whose program runs its tensors and keeps compat" in out, out


def test_an_import_the_module_has_and_the_program_has_not_is_written_for_the_joint_conversion_only(tmp_path):
    """The class reads `math` (gaussic's cnn_model.py reads tf_slim, which run_cnn.py does not
    import): the import is written above the class in the joint text and leaves with it; the
    program's text gets no `import math`."""
    model = MODEL.replace("import numpy as np\n", "import math\n\nimport numpy as np\n") \
        .replace("* 0.1", "* math.sqrt(0.01)")
    texts, out, summary = run(tmp_path, {"model.py": model, "train.py": TRAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "import math" not in texts["train.py"] and "class " not in texts["train.py"], texts["train.py"]
    assert "import math\n" in texts["model.py"] and "math.sqrt(0.01)" in texts["model.py"], texts["model.py"]


def test_a_python_2_program_making_the_model_class_is_found_by_its_text(tmp_path):
    """SeqGAN's sequence_gan.py is Python 2 (`print 'x'`): it does not parse as given, so the run
    finds its `from model import Model` and `Model(` in its text; the two convert together from
    the compat texts (which parse)."""
    train = TRAIN + "print 'done'\n"
    texts, out, summary = run(tmp_path, {"model.py": MODEL, "train.py": train})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "class Model(tf.Module):" in texts["model.py"] and "print('done')" in texts["train.py"], texts


def test_a_tab_indented_model_module_converts_with_its_program_and_keeps_its_tabs(tmp_path):
    """jiegzhan's text_cnn_rnn.py and train.py are indented with tabs: each partner's compat text
    is read with its tabs written as spaces (as the worker's own file is), and the module's new
    text is tab-indented again."""
    model = "".join("\t" * ((len(line) - len(line.lstrip(" "))) // 4) + line.lstrip(" ")
                    for line in MODEL.splitlines(keepends=True))
    texts, out, summary = run(tmp_path, {"model.py": model, "train.py": TRAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "class Model(tf.Module):\n\t" in texts["model.py"], texts["model.py"]
    assert "\n\tdef __init__(self, n_in, n_out):\n\t\tsuper().__init__()\n" in texts["model.py"], texts["model.py"]


def test_a_model_class_reading_its_own_name_is_written_with_it(tmp_path):
    """trial4's models/model.py: `super(Model, self).__init__()` reads the class's own name, which
    the class statement written into the program binds: not a name the program lacks."""
    model = MODEL.replace("class Model(object):\n    def __init__(self, n_in, n_out):\n",
                          "class Base(object):\n    def __init__(self):\n        self.built = True\n\n\n"
                          "class Model(object):\n    def __init__(self, n_in, n_out):\n"
                          "        Model.count = getattr(Model, 'count', 0) + 1\n")
    _, out, _ = run(tmp_path, {"model.py": model, "train.py": TRAIN}, "--check")
    assert "`Model` reads `Model`" not in out, out


# SullyChen's Autopilot-TensorFlow shape: the module body is the graph, the program imports the module
BODY = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf


    def weight_variable(shape):
        return tf.Variable(np.ones(shape, np.float32) * 0.1)


    x = tf.placeholder(tf.float32, [None, 4])
    y_ = tf.placeholder(tf.float32, [None, 2])
    W = weight_variable([4, 2])
    y = tf.matmul(x, W)
    """)
BODY_TRAIN = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    import model

    loss = tf.reduce_mean(tf.square(model.y_ - model.y))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        data = np.ones((3, 4), np.float32)
        for step in range(3):
            _, value = sess.run([train_op, loss], feed_dict={model.x: data, model.y_: data[:, :2]})
            print(value)
        print(sess.run(model.y, {model.x: data}))
    """)


def test_a_module_whose_body_is_the_graph_converts_with_the_program_running_it(tmp_path):
    """Alone the module keeps compat (a placeholder with no Session) and so does the program; together
    the module keeps its helper and its variable, made once, its placeholders and tensors gone into the
    program's steps, which read `model.W`. A fixed point of both styles."""
    texts, out, summary = run(tmp_path, {"model.py": BODY, "train.py": BODY_TRAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    module, program = texts["model.py"], texts["train.py"]
    assert "W = weight_variable([4, 2])" in module and "placeholder" not in module and "matmul" not in module, module
    assert remaining(module) is None and "compat.v1" not in module and "disable_" not in module, module
    assert "import model\n" in program and "model.W" in program and "Session(" not in program, program
    assert remaining(program) is None and "# >>>" not in program and "weight_variable" not in program, program
    for style in ("tf2", "compat"):
        again = subprocess.run([sys.executable, "-m", "migrate", "code", "--style", style, "--keras", "3", "--check",
                                str(tmp_path)], capture_output=True, text=True, timeout=300, check=False)
        assert again.returncode == 0, again.stdout + again.stderr


def test_a_module_body_read_through_an_alias_and_a_two_step_read_converts(tmp_path):
    """`import model as net`, `prediction = net.y` then `sess.run(prediction, ...)`: the same joint
    conversion, the program reading `net.W`."""
    train = BODY_TRAIN.replace("import model\n", "import model as net\n").replace("model.", "net.") \
        .replace("print(sess.run(net.y, {net.x: data}))", "prediction = net.y\n    print(sess.run(prediction, {net.x: data}))")
    texts, out, summary = run(tmp_path, {"model.py": BODY, "train.py": train})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "import model as net\n" in texts["train.py"] and "net.W" in texts["train.py"], texts["train.py"]


def test_a_program_that_keeps_compat_keeps_the_module_body_compat_naming_each_other(tmp_path):
    """The program reads its Session's graph (its own reason): the module keeps compat at its first
    placeholder, naming the program's file, line and reason; the program names the module."""
    train = BODY_TRAIN.replace("    print(sess.run(model.y, {model.x: data}))", "    print(sess.graph)")
    _, out, summary = run(tmp_path, {"model.py": BODY, "train.py": train}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'model.py'}:9:1: MIG602 kept compat (--style tf2): `x = tf.compat.v1.placeholder(" in out, out
    assert "the module, whose body builds the graph, is imported at train.py:3, whose program runs its tensors and " \
        "keeps compat (train.py:13: `sess` cannot be converted: the Session's graph is read" in out, out
    assert f"{tmp_path / 'train.py'}:13:" in out and "(converted together with model.py, whose module body builds " \
        "the graph this program runs: it keeps compat with it)" in out, out


@pytest.mark.parametrize("old, new, reason", [
    # the program's own `y`: written together, one name
    ("print(value)", "y = value\n        print(y)", "this program has its own `y`, a name the body of model.py binds"),
    # the module read otherwise than `model.<name>`
    ("print(value)", "print(model)", "`model` (the module model.py, whose body builds the graph this program runs) is read"),
    # its names imported by name
    ("import model\n", "import model\nfrom model import W\n", "is imported otherwise than by one `import model`"),
])
def test_a_module_body_the_program_reads_otherwise_keeps_both_compat(tmp_path, old, new, reason):
    train = BODY_TRAIN.replace(old, new)
    _, out, summary = run(tmp_path, {"model.py": BODY, "train.py": train}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert reason in out and "(converted together with model.py, whose module body" in out, out
    assert f"{tmp_path / 'model.py'}:9:1: MIG602" in out and "the module, whose body builds the graph, is imported at " \
        "train.py:3, whose program runs its tensors and keeps compat" in out, out


def test_a_v1_construct_the_joint_conversion_leaves_in_the_module_body_keeps_both_compat_naming_it(tmp_path):
    """The module body's output goes through v1's `resize_images` (no exact TF 2 spelling: the engine leaves it):
    the module keeps compat at that line with its reason, the program naming the module, its line and reason."""
    model = BODY.replace("y = tf.matmul(x, W)",
                         "y = tf.image.resize_images(tf.reshape(tf.matmul(x, W), [-1, 1, 2, 1]), [1, 2])[:, 0, :, 0]")
    _, out, summary = run(tmp_path, {"model.py": model, "train.py": BODY_TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'model.py'}:12:5:" in out and "`tf.compat.v1.image.resize_images` cannot be converted: v1's " \
        "resize_images" in out and "(converted together with train.py, which runs its tensors)" in out, out
    assert f"{tmp_path / 'train.py'}:3:1: MIG602 kept compat (--style tf2): `import model` cannot be converted: the graph " \
        "the module body of model.py builds, whose tensors this program runs, keeps compat (model.py:12: " in out, out


def test_a_module_body_with_a_main_block_keeps_both_compat(tmp_path):
    """`if __name__ == "__main__":` in model.py: written into the program it would read the program's
    `__name__` and run. Named at the module's line, the program naming it."""
    model = BODY + 'if __name__ == "__main__":\n    print(W)\n'
    _, out, summary = run(tmp_path, {"model.py": model, "train.py": BODY_TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "reads `__name__` (a main block?)" in out and f"{tmp_path / 'train.py'}:3:1: MIG602" in out, out
