"""Training with TensorBoard summaries in TF 1.x graph style (written for migrate's
--style tf2 tests): summary.scalar / histogram, merge_all, a FileWriter given the
session's graph, add_summary every few steps; the program's first argument is the
log directory."""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1]
rng = np.random.RandomState(2)
x_train = rng.normal(size=(50, 2))
y_train = x_train[:, :1] * 3.0 - x_train[:, 1:] + 0.5

x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
kernel = tf.Variable(tf.random_uniform([2, 1], -1.0, 1.0, seed=4), name="kernel")
offset = tf.Variable(0.0, name="offset")
error = tf.matmul(x, kernel) + offset - y
with tf.name_scope("fit"):
    mse = tf.reduce_mean(tf.square(error))
    tf.summary.scalar("mse", mse)  # tagged fit/mse
tf.summary.histogram("error", error)
mean_abs = tf.summary.scalar("mean_abs_error", tf.reduce_mean(tf.abs(error)))
merged = tf.summary.merge_all()
step_op = tf.train.AdamOptimizer(0.05, beta1=0.8).minimize(mse)

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        summary, _, value = sess.run([merged, step_op, mse], feed_dict={x: x_train, y: y_train})
        if step % 8 == 0:
            writer.add_summary(summary, step)
            print("step=%d mse=%.7f" % (step, value))
    only_mae = sess.run(mean_abs, {x: x_train, y: y_train})
    writer.add_summary(only_mae, 40)
    writer.flush()
    writer.close()
    print("kernel=%s offset=%.7f" % (sess.run(kernel).ravel().tolist(), sess.run(offset)))
