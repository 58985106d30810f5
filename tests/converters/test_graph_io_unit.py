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


def _gan(v1, resource, optimizers=("gd", "adam"), layer_names=True, gradient_penalty=False):
    """A GAN written the TF 1 way with no separate sampler: G(z) feeds D directly, each loss
    minimised by its own optimizer over its own var_list (rivalgan 0.4's shape)."""
    import tensorflow as tf

    def variable(shape, name):
        return v1.Variable(tf.random.normal(shape, stddev=0.1, seed=1), name=name, use_resource=resource)

    real = v1.placeholder(tf.float32, [None, 3], name="real")
    z = v1.placeholder(tf.float32, [None, 5], name="noise")
    g_w, g_b, g_out = variable([5, 8], "g_w"), variable([8], "g_b"), variable([8, 3], "g_out")
    d_w, d_out = variable([3, 8], "d_w"), variable([8, 1], "d_out")
    fake = tf.tanh(tf.matmul(tf.nn.leaky_relu(tf.matmul(z, g_w) + g_b), g_out), name="fake" if layer_names else None)

    def discriminator(x):
        return tf.sigmoid(tf.matmul(tf.nn.leaky_relu(tf.matmul(x, d_w)), d_out))

    d_real, d_fake = discriminator(real), discriminator(fake)
    d_loss = -tf.reduce_mean(tf.math.log(d_real) + tf.math.log(1.0 - d_fake))
    if gradient_penalty:  # WGAN-GP: D on eps * real + (1 - eps) * G(z), its input gradient's norm
        eps = v1.random_uniform([3], 0.0, 1.0)
        mixed = eps * real + (1.0 - eps) * fake
        gradient = tf.gradients(discriminator(mixed), [mixed])[0]
        d_loss += 10 * tf.reduce_mean((tf.sqrt(tf.reduce_sum(gradient ** 2, axis=1)) - 1) ** 2)
    g_loss = -tf.reduce_mean(tf.math.log(d_fake))
    make = {"gd": v1.train.GradientDescentOptimizer(0.01), "adam": v1.train.AdamOptimizer(0.01)}
    if len(optimizers) == 2:
        make[optimizers[0]].minimize(d_loss, var_list=[d_w, d_out])
        v1.train.AdamOptimizer(0.01).minimize(g_loss, var_list=[g_w, g_b, g_out])
    else:
        make[optimizers[0]].minimize(d_loss + g_loss)


@pytest.mark.parametrize("resource", [False, True], ids=["ref-variables", "resource-variables"])
def test_gan_without_a_sampler_gives_the_generator_output(resource):
    io = _choose(_graph(lambda v1: _gan(v1, resource)))
    assert io.outputs == ["fake"], io.reasons
    assert io.inputs == ["noise"]
    assert any(r.startswith("outputs: fake (computed by the parameters one optimizer trains and handed")
               for r in io.reasons), io.reasons


def test_gan_with_a_gradient_penalty_gives_only_the_generator_output():
    """The penalty's mix of real rows and G(z) also enters the discriminator's layer; it is
    computed from G(z), the hand-off itself (rivalgan's IWGAN)."""
    io = _choose(_graph(lambda v1: _gan(v1, False, gradient_penalty=True)))
    assert io.outputs == ["fake"] and io.inputs == ["noise"], io.reasons


def test_gan_generator_output_unnamed():
    io = _choose(_graph(lambda v1: _gan(v1, False, layer_names=False)))
    assert io.outputs == ["Tanh"] and io.inputs == ["noise"], io.reasons


def test_one_optimizer_over_everything_is_no_handoff():
    """One optimizer, one parameter set: nothing is handed between networks, so the rule
    does not apply (the scalar sinks stay the fallback, as before)."""
    io = _choose(_graph(lambda v1: _gan(v1, False, optimizers=("gd",))))
    assert "fake" not in io.outputs
    assert not any("handed to the network" in r for r in io.reasons)
