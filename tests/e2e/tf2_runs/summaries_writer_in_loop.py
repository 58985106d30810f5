"""Summaries written by a FileWriter made again at each pass of the training loop (nfmcclure's
tensorboard recipe; written for migrate's --style tf2 tests): each pass's writer in a directory
of its own, closed there, and one made in a branch; the program's first argument is the log
directory."""
import os
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1]
rng = np.random.RandomState(3)
x_data = rng.uniform(0, 10, 60)
y_data = 2.0 * x_data + rng.normal(0, 2.0, 60)

x = tf.placeholder(tf.float32, [None])
y = tf.placeholder(tf.float32, [None])
slope = tf.Variable(tf.random_normal([1], seed=6), name="Slope")
residuals = slope * x - y
loss = tf.reduce_mean(tf.abs(residuals))
train_step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
with tf.name_scope("Loss"):
    tf.summary.scalar("L1_Loss", loss)
tf.summary.histogram("Residuals", residuals)
summary_op = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(12):
        batch = rng.choice(60, size=20)
        _, train_loss, summary = sess.run([train_step, loss, summary_op], feed_dict={x: x_data[batch], y: y_data[batch]})
        if (i + 1) % 4 == 0:
            print(f"generation={i + 1} loss={train_loss:.7f}")
        log_writer = tf.summary.FileWriter(os.path.join(logdir, f"pass{i:02d}"))
        log_writer.add_summary(summary, i)
        log_writer.close()
        if i == 11:
            last_writer = tf.summary.FileWriter(os.path.join(logdir, "last"), sess.graph)
            last_writer.add_summary(summary, 100)
            last_writer.close()
    print(f"slope={sess.run(slope)[0]:.7f}")
