"""`--style tf2` of `with sess.as_default():` blocks (migrate/tf2_asdefault.py): unwrapped, the
`.eval()` / `.run()` in them run in that Session; kept compat, named, where the default Session
reaches further."""
from __future__ import annotations

import pytest

from tests.codemods.test_tf2_style import _kept, migrate, only

# dennybritz's cnn-text-classification train.py / astorfi's TensorFlow-World: a Session made, then made default
DEFAULT = """\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
data = np.ones((4, 2))
sess = tf.Session()
with sess.as_default():
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        train_op.run(feed_dict={x: data, y: data[:, :1]})
        print(loss.eval(feed_dict={x: data, y: data[:, :1]}))
    print(w.eval(), tf.reduce_sum(w).eval())
"""


@pytest.mark.parametrize("source", [
    DEFAULT,
    # the block beside another `with` item (facingwaller's `with sess.as_default(), open(path, "w") as log:`)
    DEFAULT.replace("with sess.as_default():", "with sess.as_default(), open('log.txt', 'w') as log:")
    .replace("print(w.eval(), tf.reduce_sum(w).eval())", "log.write(str(tf.reduce_sum(w).eval()))"),
    DEFAULT.replace("with sess.as_default():", "with open('log.txt', 'w') as log, sess.as_default():")
    .replace("print(w.eval(), tf.reduce_sum(w).eval())", "log.write(str(tf.reduce_sum(w).eval()))"),
    # in a function, the Session from flags (dennybritz's train(): a graph block, a ConfigProto of flags)
    "import numpy as np\nimport tensorflow as tf\ntf.flags.DEFINE_boolean('allow_soft_placement', True, 'soft')\n"
    "FLAGS = tf.flags.FLAGS\n\n\ndef train(data):\n    with tf.Graph().as_default():\n"
    "        session_conf = tf.ConfigProto(allow_soft_placement=FLAGS.allow_soft_placement)\n"
    + "".join("        " + line + "\n" for line in DEFAULT.split("\n", 3)[3].splitlines() if not line.startswith("data"))
    .replace("tf.Session()", "tf.Session(config=session_conf)") + "\n\ntrain(np.ones((4, 2)))\n",
])
def test_a_default_session_block_is_unwrapped(source):
    """TF 1.x ran `t.eval()` / `op.run()` in the default Session, the block's: `sess.run` of them."""
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), (code, findings)
    assert "as_default" not in code.replace("tf.Graph().as_default", "") and ".eval(" not in code, code
    assert "train_step(**feed)" in code or "train_step(" in code, code


@pytest.mark.parametrize("change, said", [
    (("    print(w.eval(), tf.reduce_sum(w).eval())", "    print(tf.get_default_session().run(w))"),
     "the default Session is read (`get_default_session()`)"),
    (("sess = tf.Session()\n", "def show():\n    print(w.eval())\n\n\nsess = tf.Session()\n"),
     "`show`, called in the `sess.as_default()` block, runs `w.eval()` in the default Session"),
    (("sess = tf.Session()\n", "def show():\n    print(tf.get_default_session().run(w))\n\n\nsess = tf.Session()\n"),
     "the default Session is read (`get_default_session()`, in `show`)"),
])
def test_a_default_session_reaching_further_is_kept_named(change, said):
    source = DEFAULT.replace(*change)
    if "show" in source:
        source = source.replace("    print(w.eval(), tf.reduce_sum(w).eval())", "    show()")
    kept, _ = _kept(source)
    assert said in kept.message, kept.message


@pytest.mark.parametrize("change", [
    ("with sess.as_default():", "with sess.as_default() as default:"),
    ("with sess.as_default():", "context = sess.as_default()\nwith context:"),
])
def test_a_default_session_other_than_a_with_item_keeps_its_reason(change):
    """Only the `with` item is unwrapped: the plain block converts, these keep the Session's reason."""
    code, findings = migrate(DEFAULT)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), (code, findings)
    kept, _ = _kept(DEFAULT.replace(*change))
    assert "`sess.as_default()`: a block run with the Session made default" in kept.message, kept.message


def test_module_level_session_options_from_flags_go_after_the_compat_prelude():
    """astorfi's test_classifier.py: flags read at module level by a ConfigProto; the compat
    migration's `disable_eager_execution()` atop the file is no op of the program (deleted): the
    settings go before the first op, after the flags are bound."""
    source = ("import numpy as np\nimport tensorflow as tf\ntf.flags.DEFINE_boolean('allow_soft_placement', True, 'soft')\n"
              "FLAGS = tf.flags.FLAGS\n" + DEFAULT.split("\n", 3)[3].replace(
                  "sess = tf.Session()", "session_conf = tf.ConfigProto(allow_soft_placement=FLAGS.allow_soft_placement)\n"
                  "sess = tf.Session(config=session_conf)"))
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), (code, findings)
    assert "FLAGS = flags.FLAGS\n" in code and code.index("tf.config.set_soft_device_placement(FLAGS.allow_soft_placement)") \
        < code.index("w = tf.Variable"), code
