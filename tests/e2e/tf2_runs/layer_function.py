"""Layers built by a function that makes its own variables and is called once per layer
(written for migrate's --style tf2 tests; the shape of MorvanZhou's `add_layer` tutorials):
the tf2 conversion makes the function a tf.Module whose variables are made once per layer.
Initial values come from NumPy generators (no TF seed): both styles print the same digits,
and restore them from the checkpoint they saved."""
import os
import sys

import numpy as np
import tensorflow as tf


def add_layer(inputs, in_size, out_size, activation_function=None):
    """One dense layer: weights from a NumPy generator keyed by the sizes, biases 0.1."""
    # the layer's parameters
    weights = tf.Variable(np.random.RandomState(in_size * 10 + out_size).randn(in_size, out_size).astype(np.float32))
    shape = [1, out_size]
    biases = tf.Variable(tf.zeros(shape) + 0.1)
    # the layer's output
    pre_activation = tf.matmul(inputs, weights) + biases
    if activation_function is None:
        outputs = pre_activation
    else:
        outputs = activation_function(pre_activation)
    return outputs


rng = np.random.RandomState(0)
x_data = np.linspace(-1.0, 1.0, 64, dtype=np.float32)[:, None]
y_data = np.square(x_data) - 0.5 + rng.normal(0.0, 0.05, x_data.shape).astype(np.float32)

xs = tf.placeholder(tf.float32, [None, 1])
ys = tf.placeholder(tf.float32, [None, 1])
hidden = add_layer(xs, 1, 8, activation_function=tf.nn.relu)
prediction = add_layer(hidden, 8, 1, activation_function=None)
loss = tf.reduce_mean(tf.reduce_sum(tf.square(ys - prediction), axis=[1]))
train_step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(60):
        sess.run(train_step, feed_dict={xs: x_data, ys: y_data})
        if i % 20 == 0:
            print(f"step={i} loss={sess.run(loss, feed_dict={xs: x_data, ys: y_data}):.9g}")
    print(f"prediction={np.round(sess.run(prediction, feed_dict={xs: x_data[:3]}).ravel(), 6).tolist()}")
    path = saver.save(sess, os.path.join(sys.argv[1], "layers.ckpt"))

with tf.Session() as sess:
    saver.restore(sess, path)
    print(f"restored={np.round(sess.run(prediction, feed_dict={xs: x_data[:3]}).ravel(), 6).tolist()}")
