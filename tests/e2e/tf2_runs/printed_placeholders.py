"""Placeholders printed while the graph is built (written for migrate's --style tf2 tests, in the shape
of golbin's 03 - Linear Regression.py: a placeholder named "X", then `print(X)`): TF 1.x
printed the symbolic Tensor, `Tensor("X:0", dtype=float32)`, with its static shape when given
(`shape=(None, 3)`), TF's default name `Placeholder` for one made with none; tf2 prints that text.
Both styles print the same lines and digits."""
import numpy as np
import tensorflow as tf

n = 3
X = tf.placeholder(tf.float32, [None, n], name="input_x")
Y = tf.placeholder("float", name="Y")
k = tf.placeholder(tf.int32, shape=(), name="k")
s = tf.placeholder(tf.double, [2], name="s")
q = tf.placeholder(tf.float32, [None])
print(X, Y, q)
print("k:", k, s, sep="|")
W = tf.Variable(tf.ones([n, 1]))
loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y)) + tf.cast(k, tf.float32) + tf.cast(tf.reduce_sum(s), tf.float32)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        _, l = sess.run([train, loss], {X: np.ones((2, n)), Y: 2.0, k: 1, s: [0.5, 0.25]})
        print(f"step={i} loss={l:.9g}")
