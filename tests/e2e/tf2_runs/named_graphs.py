"""Graphs made one after another as `g = tf.Graph()` (rasbt's chapters; written for migrate's
--style tf2 tests), each built in `with g.as_default():` blocks and run by a Session given the
graph (bound to `sess`, or in a `with` statement), shown by a FileWriter (given the graph as its
second argument, by `graph=`, or by `add_graph`). Each graph sets
the same seed and counts its op seeds from 0: the second graph's first draw is the first's."""
import os
import sys

import numpy as np
import tensorflow as tf

out = sys.argv[1]
data = np.arange(12, dtype=np.float32).reshape(6, 2)
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(3)
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(tf.random_normal([2, 1]))
    b = tf.Variable(tf.random_uniform([1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - 1.0))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    init = tf.global_variables_initializer()
sess = tf.Session(graph=g)
writer = tf.summary.FileWriter(os.path.join(out, "first"), g)
sess.run(init)
writer.add_graph(g)
print(f"w={sess.run(w).ravel().tolist()}")
for step in range(4):
    print(f"first={sess.run([train, loss], {x: data})[1]:.7f}")
sess.close()

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(3)
    x = tf.placeholder(tf.float32, [None, 2])
    v = tf.Variable(tf.random_normal([2, 1]))
    c = tf.Variable(tf.truncated_normal([1]))
with g.as_default():
    total = tf.reduce_sum(tf.matmul(x, v) + c)
    step_op = tf.train.GradientDescentOptimizer(0.01).minimize(total)

with tf.Session(graph=g) as sess:
    file_writer = tf.summary.FileWriter(logdir=os.path.join(out, "second"), graph=g)
    sess.run(tf.global_variables_initializer())
    print(f"v={sess.run(v).ravel().tolist()}")
    for step in range(3):
        print(f"total={sess.run([step_op, total], {x: data})[1]:.7f}")
    file_writer.close()

g2 = tf.Graph()
with g2.as_default():
    tf.set_random_seed(5)
    q = tf.Variable(tf.random_uniform([2]))
    r = tf.nn.dropout(q, rate=0.5)
with tf.Session(graph=g2) as sess:
    sess.run(tf.global_variables_initializer())
    print(f"q={sess.run(q).tolist()}")
    print(f"r={sess.run(r).tolist()}")
    print(f"r={sess.run(r).tolist()}")
