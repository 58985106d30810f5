"""`--style tf2` across files (migrate/tf2_crossfile.py): a model class of one module keeping the
Session that a program of another module hands its constructor. The files are decided together:
both convert (the parameter, the argument and the program's Session go) or both keep compat, each
MIG602 naming the other file and line."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from migrate.tf2_graph import remaining

QNET = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf


    class QNet:
        def __init__(self, session, n_in, n_out, lr=0.05):
            self.session = session
            self.x = tf.placeholder(tf.float32, [None, n_in])
            self.y = tf.placeholder(tf.float32, [None, n_out])
            self.W = tf.Variable(np.ones((n_in, n_out), np.float32))
            self.q = tf.matmul(self.x, self.W)
            self.loss = tf.reduce_mean(tf.square(self.y - self.q))
            self.train_op = tf.train.GradientDescentOptimizer(lr).minimize(self.loss)

        def predict(self, x):
            return self.session.run(self.q, feed_dict={self.x: x})

        def update(self, x, y):
            return self.session.run([self.loss, self.train_op], feed_dict={self.x: x, self.y: y})
    """)
TRAIN = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    import qnet

    with tf.Session() as sess:
        net = qnet.QNet(sess, 4, 2)
        init = tf.global_variables_initializer()
        sess.run(init)
        states = np.ones((3, 4), np.float32)
        for step in range(3):
            loss, _ = net.update(states, net.predict(states) * 0.5)
            print(loss)
    """)
# keeps compat for its own reason: the Session's graph is read
EVALUATE = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from qnet import QNet

    sess = tf.Session()
    net = QNet(sess, 4, 2)
    sess.run(tf.global_variables_initializer())
    print(sess.graph)
    print(net.predict(np.ones((1, 4), np.float32)))
    """)


def run(tmp_path, files, *options):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "migrate", "code", "--style", "tf2", "--keras", "3", "--report",
                           str(report), *options, str(tmp_path)], capture_output=True, text=True, timeout=300,
                          check=False)
    texts = {name: (tmp_path / name).read_text() for name in files}
    return texts, done.stdout, json.loads(report.read_text())["summary"] if report.exists() else None


def test_a_program_handing_its_session_to_a_class_of_another_file_converts_with_it(tmp_path):
    """hunkim's `dqn.DQN(sess, ...)`: the class converts on its own (its `session` parameter
    removed); the program converts with it: the argument, its Session block and initializer go.
    The result is a fixed point of both styles."""
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": TRAIN})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "def __init__(self, n_in, n_out, lr=0.05):" in texts["qnet.py"]
    program = texts["train.py"]
    assert remaining(program) is None and "Session" not in program and "initializer" not in program, program
    assert "net = qnet.QNet(4, 2)\nstates = np.ones((3, 4), np.float32)\n" in program, program  # the block's body dedented
    for style in ("tf2", "compat"):
        again = subprocess.run([sys.executable, "-m", "migrate", "code", "--style", style, "--keras", "3", "--check",
                                str(tmp_path)], capture_output=True, text=True, timeout=300, check=False)
        assert again.returncode == 0, again.stdout + again.stderr


def test_a_class_made_by_a_file_that_keeps_compat_keeps_compat_with_it(tmp_path):
    """The live bug: the class converted (its Session parameter gone) while a file making it kept
    compat would be called `QNet(sess, 4, 2)` with a parameter it has not (and that file's
    disable_eager_execution() turns eager off for the class's TF 2 code). All three keep compat,
    the class naming the file and line that keeps it, the converting program naming the class."""
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": TRAIN, "evaluate.py": EVALUATE}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 3), out
    assert f"{tmp_path / 'qnet.py'}:5:1: MIG602 kept compat (--style tf2): `QNet` is made with a Session at " \
        "evaluate.py:6 (`QNet(...)`), a file of this run that keeps compat (`sess` cannot be converted: the Session " \
        "`sess` is handed to `QNet` of the module `qnet` (a class of another module of this run, whose objects keep " \
        "it: that hand-off is converted, with the class) and used otherwise here" in out, out
    assert f"{tmp_path / 'train.py'}:6:11: MIG602 kept compat (--style tf2): the Session is handed to `qnet.QNet`, " \
        "the class of qnet.py, which keeps its Session parameter (qnet.py keeps compat: see its MIG602): the two " \
        "convert together" in out, out
    assert f"{tmp_path / 'evaluate.py'}:8:7: MIG602" in out, out
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": TRAIN, "evaluate.py": EVALUATE})  # written
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 3), out
    assert "def __init__(self, session, n_in, n_out, lr=0.05):" in texts["qnet.py"]
    assert "qnet.QNet(sess, 4, 2)" in texts["train.py"] and "QNet(sess, 4, 2)" in texts["evaluate.py"]


def test_a_program_handing_its_session_to_a_class_that_keeps_compat_names_it(tmp_path):
    """The class keeps compat for its own reason (a feed dict built by `dict(pairs)` above the
    run): the program handing it the Session names the class's file and that reason, not 'not
    this file's'."""
    qnet = QNET.replace("        return self.session.run([self.loss, self.train_op], feed_dict={self.x: x, self.y: y})",
                        "        feed = dict([(self.x, x), (self.y, y)])\n"
                        "        return self.session.run([self.loss, self.train_op], feed)")
    _, out, summary = run(tmp_path, {"qnet.py": qnet, "train.py": TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'train.py'}:6:11: MIG602 kept compat (--style tf2): the Session is handed to `qnet.QNet`, " \
        "the class of qnet.py, which keeps its Session parameter (qnet.py:20: `feed` cannot be converted: a feed_dict " \
        "that is not a dict written in the run" in out, out


def test_a_converted_class_imported_by_a_graph_module_keeps_compat(tmp_path):
    """A file importing the class's module stays compat (its own graph has an unconverted
    construct) without making the class: its disable_eager_execution() at import would turn
    eager off for the class's TF 2 code, so the module and the program making the class keep
    compat too."""
    other = textwrap.dedent("""\
        import tensorflow as tf
        import qnet

        sess = tf.Session()
        print(sess.graph)
        """)
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": TRAIN, "other.py": other}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 3), out
    assert f"{tmp_path / 'qnet.py'}:5:1: MIG602 kept compat (--style tf2): `qnet` is imported at other.py:2, a file " \
        "of this run that keeps compat" in out, out
    assert f"{tmp_path / 'train.py'}:6:11: MIG602 kept compat (--style tf2): the Session is handed to `qnet.QNet`" in out
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": TRAIN, "other.py": other})
    assert "def __init__(self, session, n_in, n_out" in texts["qnet.py"] and "qnet.QNet(sess, 4, 2)" in texts["train.py"]


def test_a_class_of_a_package_init_converts_with_its_program_and_a_notebook_making_it_keeps_it_compat(tmp_path):
    """The class in `pkg/__init__.py` is the module `pkg`: the program importing it converts
    with it. A notebook handing it its Session is not converted with a class (the run cannot
    keep a notebook compat afterwards): the class keeps compat, naming the notebook's line."""
    (tmp_path / "pkg").mkdir()
    _, out, summary = run(tmp_path, {"pkg/__init__.py": QNET, "train.py": TRAIN.replace("import qnet\n", "import pkg as qnet\n")},
                          "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    (tmp_path / "train.py").unlink()
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": TRAIN.replace("import qnet\n", "import pkg as qnet\n")}]
    notebook = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4})
    _, out, summary = run(tmp_path, {"pkg/__init__.py": QNET, "nb.ipynb": notebook}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'pkg' / '__init__.py'}:5:1: MIG602 kept compat (--style tf2): `QNet` is made with a Session at " \
        "nb.ipynb:6 (`qnet.QNet(...)`), a file of this run that keeps compat" in out, out
    assert f"{tmp_path / 'nb.ipynb'}[cell 1]:6:11: MIG602 kept compat (--style tf2): `qnet.QNet(sess, 4, 2)` cannot be " \
        "converted: the Session is handed to `qnet.QNet`, a class of the module `pkg` keeping it: a notebook is not " \
        "converted" in out, out


def test_a_session_argument_on_its_own_line_goes_with_its_line_break(tmp_path):
    """yukezhu's `NeuralQLearner(sess,\\n    optimizer, ...)`: the argument, its comma and the line
    break up to the next argument go; a comment there keeps the file compat, naming it."""
    train = TRAIN.replace("net = qnet.QNet(sess, 4, 2)", "net = qnet.QNet(sess,\n                    4, 2)")
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": train})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "net = qnet.QNet(4, 2)\nstates = " in texts["train.py"], texts["train.py"]
    train = TRAIN.replace("net = qnet.QNet(sess, 4, 2)", "net = qnet.QNet(sess,  # the session\n                    4, 2)")
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": train}, "--check")
    assert f"{tmp_path / 'train.py'}:6:21: MIG602 kept compat (--style tf2): `sess` cannot be converted: a comment " \
        "beside the Session argument" in out, out


def test_a_class_no_file_of_the_run_makes_keeps_compat(tmp_path):
    """Alone in its run, the class converted would lose the Session parameter that code outside
    the run hands it a Session through: it keeps compat, saying so."""
    _, out, summary = run(tmp_path, {"qnet.py": QNET}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 1), out
    assert f"{tmp_path / 'qnet.py'}:5:1: MIG602 kept compat (--style tf2): `QNet` keeps the Session its constructor is " \
        "handed (`session`), and no file of this run makes it" in out, out


def test_a_program_making_the_class_under_variable_scopes_converts_with_it(tmp_path):
    """MorvanZhou's run_Pendulum.py beside RL_brain.py: `with tf.variable_scope('natural'):
    natural = DoubleDQN(..., sess=sess)` -> `with tf.name_scope('natural'):` (the scope only named
    the object's variables), the Session argument gone."""
    program = TRAIN.replace("    net = qnet.QNet(sess, 4, 2)\n",
                            "    with tf.variable_scope('natural'):\n        net = qnet.QNet(sess, 4, 2)\n")
    texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": program})
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    assert "with tf.name_scope('natural'):\n    net = qnet.QNet(4, 2)\n" in texts["train.py"], texts["train.py"]


def test_a_program_making_a_compat_class_under_a_variable_scope_names_the_class(tmp_path):
    """MorvanZhou's run_Pendulum.py, its RL_brain.py keeping compat (`sess=None`, a Session parameter
    with a default): the program names the Session's hand-off, not the variable scope around it."""
    qnet = QNET.replace("def __init__(self, session, n_in, n_out, lr=0.05):", "def __init__(self, n_in, n_out, lr=0.05, session=None):")
    program = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        from qnet import QNet

        sess = tf.Session()
        with tf.variable_scope('natural'):
            net = QNet(4, 2, session=sess)
        sess.run(tf.global_variables_initializer())
        print(net.predict(np.ones((1, 4), np.float32)))
        """)
    _, out, summary = run(tmp_path, {"qnet.py": qnet, "train.py": program}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert "train.py:7:11: MIG602 kept compat (--style tf2): the Session is handed to `QNet`, the class of qnet.py" in out, out


def test_projects_of_one_run_sharing_a_module_name_each_convert_with_the_module_beside_them(tmp_path):
    """hunkim's and freepsw's folders each hold a `dqn.py` and programs doing `import dqn`: run
    together (a folder of projects), each program imports the module beside it (a script's
    directory is the first of sys.path), so each pair converts. A program with no module of
    that name beside it, while two files of the run have that name, is not converted with
    either (which one it imports is not known)."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    files = {"a/qnet.py": QNET, "a/train.py": TRAIN, "b/qnet.py": QNET.replace("lr=0.05", "lr=0.1"), "b/train.py": TRAIN}
    texts, out, summary = run(tmp_path, files)
    assert (summary["tf2_style"], summary["kept_compat"]) == (4, 0), out
    assert "def __init__(self, n_in, n_out, lr=0.1):" in texts["b/qnet.py"]
    assert all("Session" not in texts[f"{f}/train.py"] for f in "ab")
    (tmp_path / "c").mkdir()
    _, out, summary = run(tmp_path, {**files, "c/train.py": TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (4, 1), out
    assert f"{tmp_path / 'c' / 'train.py'}:6:" in out, out
    assert "the Session is handed to `qnet.QNet` of the module `qnet`, which 2 files of this run are (../a/qnet.py, " \
        "../b/qnet.py), none of them beside this file: which one it imports is not known" in out, out
    # Kyubyong's test.py: a function of the utils.py beside it, while the run has other utils.py
    utils = "def get_hypotheses(n, sess):\n    return [sess] * n\n"
    program = "import tensorflow as tf\nfrom utils import get_hypotheses\n\nsess = tf.Session()\nprint(get_hypotheses(2, sess))\n"
    _, out, _ = run(tmp_path, {**files, "a/utils.py": utils, "b/utils.py": utils, "b/test.py": program}, "--check")
    assert f"{tmp_path / 'b' / 'test.py'}:5:" in out and "the Session is handed to `get_hypotheses`, imported from the " \
        "module `utils`: TF 2 code has no Session to give it" in out, out


def test_the_initializer_run_as_the_default_session_goes_with_the_session_block(tmp_path):
    """freepsw's Lab7_DQN_2013NIPS: `tf.global_variables_initializer().run()` (or `init.run()`) in
    the `with tf.Session() as sess:` block runs the initializer on the block's Session, as
    `sess.run(init)` does: it goes with the block, and the pair converts."""
    for run_it in ("tf.global_variables_initializer().run()", "init.run()"):
        train = TRAIN.replace("    sess.run(init)\n", f"    {run_it}\n")
        texts, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": train})
        assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
        assert "initializer" not in texts["train.py"] and ".run()" not in texts["train.py"], texts["train.py"]


def test_a_seeded_program_handing_its_session_to_a_class_drawing_random_values_keeps_compat(tmp_path):
    """The class converts in its own module, its unseeded random ops drawing from TF 2's global
    seed: TF 1.x derived their op seeds from the program's graph (its seed, the ops made before
    them), so a program setting a seed keeps compat with the class, saying why; unseeded, the
    pair converts (each run draws anew in both styles)."""
    qnet = QNET.replace("tf.Variable(np.ones((n_in, n_out), np.float32))", "tf.Variable(tf.random_uniform((n_in, n_out)))")
    train = TRAIN.replace("with tf.Session() as sess:", "tf.set_random_seed(1)\nwith tf.Session() as sess:")
    _, out, summary = run(tmp_path, {"qnet.py": qnet, "train.py": train}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'train.py'}:5:1: MIG602 kept compat (--style tf2): `tf.random.set_seed(1)` cannot be converted: " \
        "the program sets a graph seed and hands its Session to `qnet.QNet` of qnet.py, which draws random values " \
        "(`tf.random`): TF 1.x derived their op seeds from this program's graph" in out, out
    _, out, summary = run(tmp_path, {"qnet.py": qnet, "train.py": TRAIN}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out
    _, out, summary = run(tmp_path, {"qnet.py": QNET, "train.py": train}, "--check")  # nothing random: converts
    assert (summary["tf2_style"], summary["kept_compat"]) == (2, 0), out


def test_a_converted_class_handed_its_session_by_a_method_imported_by_a_graph_module_keeps_compat(tmp_path):
    """The Cookbook's rbm.py: a module holding only a class kept the Session its `set_session`
    method is handed; alone it converts (the method goes). A file of the run importing it that
    keeps compat (the Recommender notebook, handing `set_session(sess)`) would call the method gone,
    and its disable_eager_execution() at import would turn eager off for the class's TF 2 code: the
    module keeps compat, naming that import."""
    module = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf


        class Net:
            def __init__(self, n_in):
                self.W = tf.Variable(np.ones((n_in, 2), np.float32))
                self.x = tf.placeholder(tf.float32, [None, n_in])
                self.q = tf.matmul(self.x, self.W)
                self.loss = tf.reduce_mean(tf.square(self.q))
                self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)

            def set_session(self, session):
                self.session = session

            def update(self, x):
                return self.session.run([self.loss, self.train_op], feed_dict={self.x: x})
        """)
    program = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        import net

        model = net.Net(4)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            model.set_session(sess)
            print(model.update(np.ones((3, 4), np.float32)))
        """)
    _, out, summary = run(tmp_path, {"net.py": module}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (1, 0), out  # alone: converts
    _, out, summary = run(tmp_path, {"net.py": module, "train.py": program}, "--check")
    assert (summary["tf2_style"], summary["kept_compat"]) == (0, 2), out
    assert f"{tmp_path / 'net.py'}:5:1: MIG602 kept compat (--style tf2): `net` is imported at train.py:3, a file " \
        "of this run that keeps compat" in out, out
