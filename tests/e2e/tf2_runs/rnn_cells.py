"""TF 1.x RNN cells (written for migrate's --style tf2 tests, in the shapes of aymericdamien's
recurrent_network / bidirectional_rnn, golbin's "10 - RNN" and hunkim's lab-12): a BasicLSTMCell
made in a model function run by static_rnn over tf.unstack'd inputs, a GRUCell run by
dynamic_rnn from its zero_state, a MultiRNNCell of two BasicRNNCells (a list comprehension) run
by dynamic_rnn, and static_bidirectional_rnn of two BasicLSTMCells; one loss over their last
outputs, trained a few steps with gradient descent. Under the graph seed the compat program's
cells (tf_keras' legacy cells under TF 2.21) take the root variable scope's initializer the compat
pass sets (MIG117, v1's glorot draw with the graph's count of op seeds; Python's `random`, seeded
too, plays no part), which the tf2 output's V1GlorotUniform(seed=k) reproduces: the same kernels;
the printed costs agree to the last bits of the sixth step (float rounding)."""
import random

import numpy as np
import tensorflow as tf
from tensorflow.contrib import rnn

random.seed(5)
tf.set_random_seed(2)
rng = np.random.RandomState(0)
steps, depth, hidden = 4, 3, 5
data = rng.rand(16, steps, depth).astype(np.float32)
labels = np.eye(2)[rng.randint(0, 2, 16)].astype(np.float32)

X = tf.placeholder(tf.float32, [None, steps, depth])
Y = tf.placeholder(tf.float32, [None, 2])
W = tf.Variable(tf.random_normal([4 * hidden + hidden, 2]))


def lstm_last(x, units):
    x = tf.unstack(x, steps, 1)
    lstm_cell = rnn.BasicLSTMCell(units, forget_bias=1.0)
    outputs, _ = rnn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return outputs[-1]


last_lstm = lstm_last(X, hidden)
gru = tf.nn.rnn_cell.GRUCell(hidden)
initial = gru.zero_state(tf.shape(X)[0], tf.float32)
gru_outputs, gru_state = tf.nn.dynamic_rnn(gru, X, initial_state=initial)
stacked = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicRNNCell(hidden) for _ in range(2)])
stacked_outputs, _ = tf.nn.dynamic_rnn(stacked, X, dtype=tf.float32)
forward = tf.contrib.rnn.BasicLSTMCell(hidden)
backward = tf.contrib.rnn.BasicLSTMCell(hidden)
both, _, _ = rnn.static_bidirectional_rnn(forward, backward, tf.unstack(X, steps, 1), dtype=tf.float32)
features = tf.concat([last_lstm, gru_state, stacked_outputs[:, -1], both[-1]], 1)
logits = tf.matmul(features, W)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(cost)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, c = sess.run([train_op, cost], feed_dict={X: data, Y: labels})
        print(f"step={step} cost={c:.9g}")
    print(f"logits={sess.run(logits, feed_dict={X: data[:2]}).ravel().tolist()}")
