"""Layer functions of a library module (written for migrate's --style tf2 tests; the shape of
easy-tensorflow's CNN ops.py): a convolution layer and a fully-connected one making get_variables
under a variable scope of the layer's name, and two functions making no variable: `flatten_layer`
(a reshape under `variable_scope('Flatten_layer')`) and `max_pool`."""
import tensorflow as tf


def weight_variable(shape):
    """A weight drawn from a truncated normal (its op seed the graph's count)."""
    initer = tf.truncated_normal_initializer(stddev=0.3)
    return tf.get_variable('W', dtype=tf.float32, shape=shape, initializer=initer)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape, dtype=tf.float32)
    return tf.get_variable('b', dtype=tf.float32, initializer=initial)


def conv_layer(x, filter_size, num_filters, stride, name):
    with tf.variable_scope(name):
        num_in_channel = x.get_shape().as_list()[-1]
        shape = [filter_size, filter_size, num_in_channel, num_filters]
        W = weight_variable(shape=shape)
        b = bias_variable(shape=[num_filters])
        layer = tf.nn.conv2d(x, W, strides=[1, stride, stride, 1], padding="SAME")
        layer += b
        return tf.nn.relu(layer)


def fc_layer(x, num_units, name, use_relu=True):
    with tf.variable_scope(name):
        in_dim = x.get_shape()[1]
        W = weight_variable(shape=[in_dim, num_units])
        b = bias_variable(shape=[num_units])
        layer = tf.matmul(x, W)
        layer += b
        if use_relu:
            layer = tf.nn.relu(layer)
        return layer


def flatten_layer(layer):
    with tf.variable_scope('Flatten_layer'):
        layer_shape = layer.get_shape()
        num_features = layer_shape[1:4].num_elements()
        layer_flat = tf.reshape(layer, [-1, num_features])
    return layer_flat


def max_pool(x, ksize, stride, name):
    return tf.nn.max_pool(x, ksize=[1, ksize, ksize, 1], strides=[1, stride, stride, 1], padding="SAME", name=name)
