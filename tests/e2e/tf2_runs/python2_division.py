"""A logistic regression whose sigmoid is written with TF 1.x's Python 2 division
(`tf.div(1., 1. + tf.exp(-z))`), its mean loss divided by an int count, and integer
`tf.div` of negative numbers (floor division); written for migrate's --style tf2 tests."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(3)
points = rng.normal(size=(40, 3)).astype(np.float32)
labels = (points.sum(axis=1, keepdims=True) > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
steps = tf.placeholder(tf.int32, [None])
w = tf.Variable(tf.random_normal([3, 1], seed=2))
b = tf.Variable(0.1)
z = tf.matmul(x, w) + b
hypothesis = tf.div(1., 1. + tf.exp(-z))
cost = tf.div(-tf.reduce_sum(y * tf.log(hypothesis) + (1 - y) * tf.log(1 - hypothesis)), 40)
train = tf.train.GradientDescentOptimizer(0.5).minimize(cost)
buckets = tf.div(steps, 3)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, value = sess.run([train, cost], feed_dict={x: points, y: labels})
        print("step=%d cost=%.7f" % (step, value))
    print("bucket=%s" % sess.run(buckets, feed_dict={steps: [7, -7, 6, -1]}).tolist())
    print("floor=%d real=%.4f" % (sess.run(tf.div(-7, 2)), sess.run(tf.div(-7.0, 2))))
    print("first=%s" % np.round(sess.run(hypothesis, feed_dict={x: points[:3]}).ravel(), 6).tolist())
