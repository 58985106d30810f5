"""graphs.choose_io on small TF1 graphs built here: which placeholders are fixed at inference
and which stay inputs, for the forms real programs declare them in."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.tf


def _graph(build):
    import tensorflow as tf

    graph = tf.Graph()
    with graph.as_default():
        build(tf.compat.v1)
    return graph.as_graph_def()


def _choose(graph_def):
    from migrate.converters import graphs

    return graphs.choose_io(graph_def)


def _dense_dropout(v1, keep, name="out"):
    import tensorflow as tf

    x = v1.placeholder(tf.float32, [None, 4], name="x")
    w = v1.Variable(tf.ones([4, 3]), name="w")
    hidden = v1.nn.relu(tf.matmul(x, w))
    tf.identity(v1.nn.dropout(hidden, rate=1 - keep), name=name)


def test_unshaped_keep_probability_read_as_one_minus_rate_is_fixed_to_one():
    """yadlt 0.0.6 declares `tf.placeholder(tf.float32, name='keep-probs')` (unknown rank); the
    migrated `tf.nn.dropout(h, rate=1 - keep_prob)` reads it as Sub(1, keep_prob)."""
    import tensorflow as tf

    def build(v1):
        _dense_dropout(v1, v1.placeholder(tf.float32, name="keep-probs"))

    io = _choose(_graph(build))
    assert io.inputs == ["x"]
    assert io.fixed == {"keep-probs": 1.0}
    assert any(r.startswith("keep-probs fixed to 1.0: a dropout keep probability (1 - it is the rate)")
               for r in io.reasons), io.reasons


def test_unshaped_keep_probability_under_any_name():
    import tensorflow as tf

    def build(v1):
        _dense_dropout(v1, v1.placeholder(tf.float32, name="Placeholder_3"))

    io = _choose(_graph(build))
    assert io.fixed == {"Placeholder_3": 1.0} and io.inputs == ["x"]


def test_unshaped_float_named_like_dropout_but_used_as_data_stays_an_input():
    """A name is not enough for an unshaped float: `keep_scale` multiplies the features."""
    import tensorflow as tf

    def build(v1):
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        scale = v1.placeholder(tf.float32, name="keep_scale")
        w = v1.Variable(tf.ones([4, 3]), name="w")
        tf.identity(tf.matmul(x * scale, w), name="out")

    io = _choose(_graph(build))
    assert io.fixed == {}
    assert sorted(io.inputs) == ["keep_scale", "x"]


def test_shaped_float_read_as_one_minus_something_is_data():
    """`1 - x` on a [None, 4] feature tensor is arithmetic on data, not a keep probability."""
    import tensorflow as tf

    def build(v1):
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        w = v1.Variable(tf.ones([4, 3]), name="w")
        tf.identity(tf.matmul(1 - x, w), name="out")

    io = _choose(_graph(build))
    assert io.fixed == {} and io.inputs == ["x"]


def test_scalar_keep_probability_by_name_still_fixed():
    import tensorflow as tf

    def build(v1):
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        keep = v1.placeholder(tf.float32, [], name="keep_prob")
        w = v1.Variable(tf.ones([4, 3]), name="w")
        tf.identity(tf.matmul(x, w) * keep, name="out")

    io = _choose(_graph(build))
    assert io.fixed == {"keep_prob": 1.0} and io.inputs == ["x"]
