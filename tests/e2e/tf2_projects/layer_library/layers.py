"""Layer functions of a library module (written for migrate's --style tf2 tests; the shape of
easy-tensorflow's ops.py): a weight and a bias helper making get_variables with v1 initializers,
and a fully-connected layer calling them under a variable scope of the layer's name."""
import tensorflow as tf


def weight_variable(name, shape):
    """A weight drawn from a truncated normal (its op seed the graph's count)."""
    initer = tf.truncated_normal_initializer(stddev=0.5)
    return tf.get_variable('W_' + name, dtype=tf.float32, shape=shape, initializer=initer)


def bias_variable(name, shape):
    initial = tf.constant(0.1, shape=shape, dtype=tf.float32)
    return tf.get_variable('b_' + name, dtype=tf.float32, initializer=initial)


def fc_layer(x, num_units, name, use_relu=True):
    in_dim = x.get_shape()[1]
    with tf.variable_scope(name):
        W = weight_variable(name, shape=[in_dim, num_units])
        b = bias_variable(name, [num_units])
        layer = tf.matmul(x, W)
        layer += b
        if use_relu:
            layer = tf.nn.relu(layer)
    return layer


def accuracy(logits, labels):
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))
