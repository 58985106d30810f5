"""A dense head on a BasicRNNCell run by dynamic_rnn under a graph seed (written for migrate's --style
tf2 tests, in the shape of astorfi's TensorFlow-World rnn.py): the compat pass writes TF 1.x's default
kernel initializer into the dense call and sets it as the root variable scope's initializer, which the
cell's kernel takes (MIG117, the graph seed's draws, as TF 1.x's get_variable drew both); the cell's
kernel takes op seed 0, the dense's 1 in both styles (tf2: V1GlorotUniform(seed=0), (seed=1)). Python's
`random` is seeded too and plays no part. Both styles print the same digits."""
import random

import numpy as np
import tensorflow as tf

random.seed(3)
tf.set_random_seed(1)
rng = np.random.RandomState(0)
xs = rng.rand(16, 5, 3).astype(np.float32)
ys = np.eye(2)[rng.randint(0, 2, 16)].astype(np.float32)

X = tf.placeholder(tf.float32, [None, 5, 3])
Y = tf.placeholder(tf.float32, [None, 2])
cell = tf.nn.rnn_cell.BasicRNNCell(num_units=6)
output, state = tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)
logits = tf.layers.dense(state, 2)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, l = sess.run([train_op, loss], feed_dict={X: xs, Y: ys})
        print(f"step={step} loss={l:.9g}")
    print(f"logits={sess.run(logits, feed_dict={X: xs[:2]}).ravel().tolist()}")
