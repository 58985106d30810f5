"""Shapes from a fresh-eyes trial (written for migrate's --style tf2 tests): a seeded program with a
dropout no run computes (the TF 1.x Deep Learning book's five_layers_relu_dropout.py: `Y1d`), an
output layer made by a get_variable helper shaped by `input.get_shape()[1]`, with `regularizer=None`
written out and a constant_initializer bias (gan-intro's `linear`), an input layer of `initializer=None`
written out (v1's default glorot draw: the book's LSTM_Time_Series), and a Session config asking for at
most one GPU (`device_count={'GPU': 1}`)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)


def linear(input, output_dim, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [input.get_shape()[1], output_dim], regularizer=None,
                            initializer=tf.random_normal_initializer(stddev=0.5))
        b = tf.get_variable("b", [output_dim], initializer=tf.constant_initializer(0.1))
    return tf.matmul(input, w) + b


X = tf.placeholder(tf.float32, [None, 4])
Y_ = tf.placeholder(tf.float32, [None, 2])
pkeep = tf.placeholder(tf.float32)
W0 = tf.get_variable("W0", shape=[4, 4], dtype=tf.float32, initializer=None, regularizer=None, trainable=True)
W1 = tf.Variable(tf.truncated_normal([4, 6], stddev=0.3))
Y1 = tf.nn.relu(tf.matmul(tf.matmul(X, W0), W1))
Y1d = tf.nn.dropout(Y1, pkeep)  # never used
Y2d = tf.nn.dropout(Y1, pkeep)
logits = linear(Y2d, 2, "out")
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y_))
train_op = tf.train.AdamOptimizer(0.01).minimize(cost)

rng = np.random.RandomState(1)
data = rng.rand(10, 4).astype(np.float32)
labels = np.eye(2)[rng.randint(0, 2, 10)]
with tf.Session(config=tf.ConfigProto(device_count={"GPU": 1})) as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        _, c = sess.run([train_op, cost], {X: data, Y_: labels, pkeep: 0.75})
        print(f"step={i} cost={c:.9g}")
    print(f"eval={sess.run(cost, {X: data, Y_: labels, pkeep: 1.0}):.9g}")
