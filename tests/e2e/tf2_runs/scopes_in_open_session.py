"""A TF 1.x program that opens its session first (`sess = tf.Session`, a FileWriter of its
graph) and builds the graph after it, under name scopes (written for migrate's --style tf2
tests): the scoped statements are graph statements, built where they stand."""
import sys

import numpy as np
import tensorflow as tf

WORKDIR = sys.argv[1]

sess = tf.Session()
board = tf.summary.FileWriter(WORKDIR, sess.graph)
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
with tf.name_scope("model"):
    w = tf.Variable(tf.random_normal([2, 1]), name="w")
    pred = tf.matmul(x, w)
with tf.name_scope("loss"):
    loss = tf.reduce_mean(tf.square(pred - y))
with tf.name_scope("summaries"):
    tf.summary.scalar("loss", loss)
merged = tf.summary.merge_all()
writer = tf.summary.FileWriter(WORKDIR)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess.run(tf.global_variables_initializer())
data = np.random.RandomState(0).normal(size=(8, 2))
for step in range(5):
    _, l, summary = sess.run([train, loss, merged], {x: data, y: data[:, :1] * 2})
    writer.add_summary(summary, step)
    print(f"loss={l:.7f}")
writer.close()
