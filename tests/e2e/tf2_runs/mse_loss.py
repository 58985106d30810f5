# tf.losses.mean_squared_error in a graph program: TF 2 spells it reduce_mean(squared_difference(...)) with
# v1's float32 casts; the same bits for the loss and its gradient (measured), so the same digits.
import numpy as np
import tensorflow as tf

np.random.seed(0)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(np.random.randn(3, 1).astype(np.float32))
pred = tf.matmul(x, w)
loss = tf.losses.mean_squared_error(y, pred)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
data = np.random.randn(8, 3)
target = data.sum(axis=1, keepdims=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(5):
        _, l = sess.run([train, loss], feed_dict={x: data, y: target})
        print("loss=%.9g" % l)
