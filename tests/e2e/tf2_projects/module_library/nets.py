"""Layer functions of a library module reached through the module (written for migrate's
--style tf2 tests; the shape of kevin28520's model.py / tools.py): each layer opens
`variable_scope(name) as scope`, makes its weights with get_variable and v1 initializers, and
names its activation `scope.name`; a function making no variable computes the accuracy."""
import tensorflow as tf


def weight(shape):
    return tf.get_variable('weights', shape=shape, dtype=tf.float32,
                           initializer=tf.truncated_normal_initializer(stddev=0.4, dtype=tf.float32))


def dense(x, units, name, relu=True):
    in_dim = x.get_shape()[1]
    with tf.variable_scope(name) as scope:
        w = weight([in_dim, units])
        b = tf.get_variable('biases', shape=[units], dtype=tf.float32,
                            initializer=tf.constant_initializer(0.1))
        out = tf.nn.bias_add(tf.matmul(x, w), b)
        if relu:
            out = tf.nn.relu(out, name=scope.name)
    return out


def accuracy(logits, labels):
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))
