"""The text-splice path (`Codemod.prescan_edits`: RenameTfSymbols, GraphMode): a file whose
only work is renaming dotted names the ast locates exactly and inserting the graph-mode
prologue is migrated without LibCST, and must come out byte for byte as the LibCST
traversal writes it, with the same findings.
bench/splice_proof.py makes the same comparison on ~1,000 real files."""
from __future__ import annotations

import pytest

from migrate import codemod, runner
from migrate.settings import Settings

HEAD = "import tensorflow as tf\n"

# Files the splice path takes (LibCST is never imported for them).
SPLICED = [
    pytest.param(HEAD + "x = tf.random_normal([3], seed=1)\ny = tf.log(x)  # tf.log stays in a comment\n", id="renames-and-comment"),
    pytest.param(HEAD + 's = "é tf.log"; x = tf.random_normal([2]) + tf.log(2.0)\n', id="non-ascii-line-and-string"),
    pytest.param(HEAD + "a, b = tf.log(x), tf.random_uniform([2])\nc = [tf.log(v) for v in (a, b)]\n", id="several-per-line"),
    pytest.param(HEAD + "def f(x):\n    return tf.log(\n        x)\n\n\nclass A:\n    y = tf.random_normal(shape=[1])\n", id="in-def-and-class"),
    pytest.param(HEAD + "x = tf.random_normal([3])\n" * 50, id="many-lines"),
    pytest.param(HEAD + "ok = isinstance(v, (tf.Variable, tf.Tensor))\nw = tf.random_normal([1])\n", id="type-check-kept-names"),
    pytest.param(HEAD + "keys = f(tf.GraphKeys.TRAINABLE_VARIABLES)\ny = f( tf.log )\nz = (g) (tf.log)\n",
                 id="only-argument-of-a-call"),
]

# Forms the splice path must leave to LibCST or get exactly right: either way the output is the same.
EITHER = [
    pytest.param(HEAD + "f = (tf.log)\ny = f(2.0)\n", id="parenthesized-name"),
    pytest.param(HEAD + "y = sorted(tf.log)\n", id="name-as-only-argument"),
    pytest.param(HEAD + "y = (  # why\n    tf.log)(2.0)\n", id="comment-inside-parentheses"),
    pytest.param(HEAD + "y = (\n    tf.log\n)(2.0)\n", id="parentheses-on-other-lines"),
    pytest.param(HEAD + "y = tf . log(2.0)\n", id="spaces-in-the-name"),
    pytest.param(HEAD + "y = tf.\\\n    log(2.0)\n", id="line-continuation-in-the-name"),
    pytest.param(HEAD + "y = tf.log(2.0)\r\nz = tf.random_normal([1])\r\n", id="crlf"),
    pytest.param(HEAD + 'y = f"{tf.log(2.0)} {tf.random_normal([1])}"\n', id="f-string"),
    pytest.param(HEAD + "ok = isinstance(v, tf.Variable)\nw = tf.random_normal([1])\n", id="type-check"),
    pytest.param(HEAD + "ok = isinstance(v, tf.compat.v1.Variable)\nw = tf.random_normal([1])\n", id="type-check-v1-class"),
    pytest.param(HEAD + "ok = isinstance(v, (tf.Variable, tf.GraphKeys))\nw = tf.log(1.0)\n", id="type-check-renamed-name"),
    pytest.param(HEAD + "y = f((tf.log))\nz = f(\n    tf.log)\n", id="own-parentheses-inside-a-call"),
    pytest.param(HEAD + "y = f(tf.log, 2)\nz = f(*a)(tf.log)\n", id="not-the-only-argument"),
    pytest.param("import tensorflow.compat.v1 as tf\ny = tf.log(2.0)\n", id="compat-v1-alias"),
    pytest.param("from tensorflow import log\nimport tensorflow as tf\ny = log(2.0) + tf.log(1.0)\n", id="from-import"),
    pytest.param(HEAD + "y = tf.nn.softmax_cross_entropy_with_logits(logits=a, labels=b)\n", id="argument-table"),
    pytest.param(HEAD + "y = tf.random_normal(*shape)\nz = tf.log(**kw)\n", id="star-arguments"),
    pytest.param(HEAD + "y = tf.log(2.0)  # migrate: skip\nz = tf.log(1.0)\n", id="skip-marker"),
    pytest.param("import tensorflow as tf\nimport tensorflow as tf2\ny = tf2.log(2.0)\n", id="two-aliases"),
    pytest.param(HEAD + "tf = None\ny = tf.log(2.0)\n", id="tf-rebound"),
    pytest.param(HEAD + "y = tf.log(2.0)\nwith tf.Session() as s:\n    pass\n", id="other-codemods-needed"),
]


def both(source: str, settings: Settings | None = None):
    settings = settings or Settings(keras="3")
    fast = runner.migrate_source(source, settings)
    codemod.SPLICE = False
    try:
        slow = runner.migrate_source(source, settings)
    finally:
        codemod.SPLICE = True
    return fast, slow


def same(fast, slow) -> bool:
    return fast.code == slow.code and [(f.as_dict(), f.kind) for f in fast.findings] == [
        (f.as_dict(), f.kind) for f in slow.findings
    ]


@pytest.mark.parametrize("source", SPLICED)
def test_spliced_renames_are_what_libcst_writes(source, monkeypatch):
    fast, slow = both(source)
    assert same(fast, slow)
    assert fast.code != source and "tf.log(" not in fast.code.split("#")[0]
    assert {f.code for f in fast.findings} == {"MIG101"}
    assert_without_libcst(source, slow, monkeypatch)


def assert_without_libcst(source, slow, monkeypatch):
    """Migrating `source` again never calls LibCST's parser, and gives `slow`'s outcome."""
    def boom(*args, **kwargs):
        raise AssertionError("parsed by LibCST although every change is a splice")

    import libcst

    monkeypatch.setattr(libcst, "parse_module", boom)
    again = runner.migrate_source(source, Settings(keras="3"))
    assert same(again, slow)


@pytest.mark.parametrize("source", EITHER)
def test_forms_left_to_libcst_come_out_the_same(source):
    fast, slow = both(source)
    assert same(fast, slow), (fast.code, slow.code)


def test_select_and_ignore_go_through_libcst():
    source = HEAD + "y = tf.log(2.0)\n"
    for settings in (Settings(keras="3", ignore=frozenset({"MIG101"})), Settings(keras="3", select=frozenset({"MIG1"}))):
        fast, slow = both(source, settings)
        assert same(fast, slow)


def test_a_file_without_renames_is_unchanged():
    source = HEAD + "y = tf.math.log(2.0)\nz = tf.random.normal([1])\n"
    fast, slow = both(source)
    assert fast.code == slow.code == source and fast.findings == slow.findings == []


# MIG104's prologue spliced in after the TensorFlow import, with MIG101's renames and
# `tf.Variable(` -> `tf.compat.v1.Variable(` (GraphMode.prescan_edits).
GRAPH_SPLICED = [
    pytest.param('"""A TF1 script."""\nimport numpy as np\nimport tensorflow as tf  # the v1 API\n\n'
                 "x = tf.placeholder(tf.float32, [None, 3])\nw = tf.Variable(tf.random_normal([3, 1]))\n"
                 "with tf.Session() as sess:\n    print(sess.run(tf.log(x)))\n", id="script-with-comment-on-import"),
    pytest.param("import tensorflow as tf\r\n\r\ndef build(x):\r\n    return tf.nn.relu(tf.matmul(x, tf.get_variable('w', [3, 1])))\r\n"
                 "v = tf.Variable(0.0)\r\ns = tf.Session()\r\n", id="crlf"),
    pytest.param("import os\nimport tensorflow as tf\nimport numpy as np\nv = tf.Variable(1.0); c = tf.Variable(2.0)\n"
                 "saver = tf.train.Saver()\n", id="two-variables-on-a-line-saver"),
    pytest.param("import tensorflow as tf\ntf.compat.v1.disable_resource_variables()\nsess = tf.Session()\n",
                 id="a-toggle-the-file-calls-itself"),
]

GRAPH_EITHER = [
    pytest.param("import tensorflow as tf; import numpy as np\nsess = tf.Session()\n", id="import-shares-its-line"),
    pytest.param("import tensorflow as tf\nx = tf . placeholder(tf.float32)\nv = tf . Variable(0.0)\n", id="spaces-in-variable"),
    pytest.param("import tensorflow as tf\nv = (tf.Variable)(0.0)\nsess = tf.Session()\n", id="parenthesized-variable"),
    pytest.param("import tensorflow as tf\nfrom tensorflow.contrib import slim\nnet = slim.conv2d(x, 8, 3)\n", id="graph-name-bound-by-import"),
    pytest.param("import tensorflow.contrib.slim as slim\nimport tensorflow as tf\nnet = slim.fully_connected(x, 8)\n",
                 id="first-tf-import-is-contrib"),
    pytest.param("import keras\nimport tensorflow as tf\nsess = tf.Session()\nm = keras.Sequential()\n", id="standalone-keras"),
    pytest.param("import tensorflow as tf\ncell = tf.nn.rnn_cell.LSTMCell(4)\n", id="legacy-keras-needed"),
    pytest.param("import tensorflow as tf\ninit = tf.contrib.layers.xavier_initializer()\nv = tf.get_variable('v', [2], initializer=init)\n",
                 id="keras3-initializer-keeps-resource-variables"),
    pytest.param("try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\nsess = tf.Session()\n", id="import-in-try"),
    pytest.param("import tensorflow as tf\nsess = tf.Session()", id="no-final-line-break"),
]


@pytest.mark.parametrize("source", GRAPH_SPLICED)
def test_graph_prologue_spliced_is_what_libcst_writes(source, monkeypatch):
    fast, slow = both(source)
    assert same(fast, slow), (fast.code, slow.code)
    assert "disable_eager_execution()" in fast.code and "MIG104" in {f.code for f in fast.findings}
    assert_without_libcst(source, slow, monkeypatch)


@pytest.mark.parametrize("source", GRAPH_EITHER)
def test_graph_forms_left_to_libcst_come_out_the_same(source):
    for keras in ("3", "2"):
        fast, slow = both(source, Settings(keras=keras))
        assert same(fast, slow), (fast.code, slow.code)
