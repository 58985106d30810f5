"""Summaries made inside helpers called while the graph is built (written for migrate's --style tf2
tests): a helper making variables under name scopes of its arguments (MorvanZhou's tensorboard
`add_layer`) with histograms of its weights, biases and outputs, a helper under a variable scope
(easy-tensorflow's `fc_layer`) with histograms and a scalar, each called twice, a helper making summaries
only (dsalaj's `variable_summaries`, its result dropped), beside a summary of the program's own; merge_all, a FileWriter and add_summary; the first argument is the log directory."""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1]
tf.set_random_seed(3)
x_data = np.linspace(-1, 1, 40)[:, np.newaxis].astype(np.float32)
y_data = np.square(x_data) - 0.5


def add_layer(inputs, in_size, out_size, n_layer, activation_function):
    layer_name = 'layer%s' % n_layer
    with tf.name_scope(layer_name):
        with tf.name_scope('weights'):
            Weights = tf.Variable(tf.random_normal([in_size, out_size]), name='W')
            tf.summary.histogram(layer_name + '/weights', Weights)
        with tf.name_scope('biases'):
            biases = tf.Variable(tf.zeros([1, out_size]) + 0.1, name='b')
            tf.summary.histogram(layer_name + '/biases', biases)
        Wx_plus_b = tf.add(tf.matmul(inputs, Weights), biases)
        outputs = activation_function(Wx_plus_b)
        tf.summary.histogram(layer_name + '/outputs', outputs)
    return outputs


def fc_layer(x, num_units, name, use_relu=True):
    with tf.variable_scope(name):
        W = tf.Variable(tf.sin(tf.reshape(tf.range(int(x.get_shape()[1]) * num_units, dtype=tf.float32), [-1, num_units])), name='W_' + name)
        tf.summary.histogram('kernel', W)
        b = tf.Variable(tf.constant(0.1, shape=[num_units]), name='b_' + name)
        layer = tf.matmul(x, W) + b
        tf.summary.scalar('average', tf.reduce_mean(layer))
        if use_relu:
            layer = tf.nn.relu(layer)
        return layer


def variable_summaries(var, name):
    """Attach a lot of summaries to a Tensor (dsalaj's helper: no variable, summaries only)."""
    with tf.name_scope('summaries'):
        mean = tf.reduce_mean(var)
        tf.summary.scalar('mean/' + name, mean)
        with tf.name_scope('stddev'):
            stddev = tf.sqrt(tf.reduce_mean(tf.square(var - mean)))
        tf.summary.scalar('stddev/' + name, stddev)
        tf.summary.scalar('max/' + name, tf.reduce_max(var))
        tf.summary.scalar('min/' + name, tf.reduce_min(var))
        tf.summary.histogram(name, var)


with tf.name_scope('inputs'):
    xs = tf.placeholder(tf.float32, [None, 1], name='x_input')
    ys = tf.placeholder(tf.float32, [None, 1], name='y_input')

l1 = add_layer(xs, 1, 8, n_layer=1, activation_function=tf.nn.relu)
h = fc_layer(l1, 6, 'Hidden')
l2 = add_layer(h, 6, 4, n_layer=2, activation_function=tf.nn.relu)
prediction = fc_layer(l2, 1, 'Output', use_relu=False)

with tf.name_scope('loss'):
    loss = tf.reduce_mean(tf.reduce_sum(tf.square(ys - prediction), axis=[1]))
    tf.summary.scalar('loss', loss)
    variable_summaries(ys - prediction, 'error')

train_step = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for i in range(30):
        sess.run(train_step, feed_dict={xs: x_data, ys: y_data})
        if i % 10 == 0:
            result = sess.run(merged, feed_dict={xs: x_data, ys: y_data})
            writer.add_summary(result, i)
            print("step=%d loss=%.7f" % (i, sess.run(loss, feed_dict={xs: x_data, ys: y_data})))
    writer.close()
