"""Train, save, reset_default_graph(), build the same model again in a new graph and
restore it there, then train on (written for migrate's --style tf2 tests): the tutorials'
save-and-reload shape. The second graph's variables and Adam state come only from the
checkpoint (its initializer is not run); the batches change step to step, so Adam's
restored moments and step count show in the losses."""
import os
import sys

import numpy as np
import tensorflow as tf

path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "model")


def batch(step):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(8, 2)).astype(np.float32)
    return x, x @ np.array([[2.0], [-1.0]], dtype=np.float32)


x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]), name="w")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train = tf.train.AdamOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        xs, ys = batch(step)
        _, value = sess.run([train, loss], {x: xs, y: ys})
        print("first_step=%d loss=%.7f" % (step, value))
    saver.save(sess, path)

tf.reset_default_graph()
x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]), name="w")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train = tf.train.AdamOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, path)
    print("restored_w=%s" % np.array2string(sess.run(w).ravel(), precision=7))
    for step in range(3, 6):
        xs, ys = batch(step)
        _, value = sess.run([train, loss], {x: xs, y: ys})
        print("second_step=%d loss=%.7f" % (step, value))
