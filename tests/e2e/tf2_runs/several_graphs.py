"""Three graphs built one after another at module level, each run by a new Session bound
to `sess` and thrown away with reset_default_graph() (the cookbook tutorials' shape;
written for migrate's --style tf2 tests). What TF 1.x did per graph must hold in the tf2
output: the first graph has a seed and unseeded random weights (op seeds counted from 0);
the second has NO graph seed after the reset (its weight has an op seed of its own: TF 1.x
paired it with the default graph seed) and names rebound to new objects; the third sets
the seed again, so its counts start at 0 again and its first weight draws what the first
graph's did. A numpy helper defined before the first reset serves all three."""
import numpy as np
import tensorflow as tf
from tensorflow.python.framework import ops

ops.reset_default_graph()


def batch(step, size=16):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(size, 3)).astype(np.float32)
    return x, x @ np.array([[1.5], [-2.0], [0.5]], dtype=np.float32) + 0.3


tf.set_random_seed(11)
sess = tf.Session()
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1]))
b = tf.Variable(tf.random_uniform([1], -0.1, 0.1))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess.run(tf.global_variables_initializer())
print("first_w0=%s" % np.array2string(sess.run(w).ravel(), precision=7))
for step in range(4):
    xs, ys = batch(step)
    _, value = sess.run([train, loss], feed_dict={x: xs, y: ys})
    print("first_step=%d loss=%.7f" % (step, value))

ops.reset_default_graph()
sess = tf.Session()
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1], seed=5))
loss = tf.reduce_mean(tf.abs(tf.matmul(x, w) - y))
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
sess.run(tf.global_variables_initializer())
print("second_w0=%s" % np.array2string(sess.run(w).ravel(), precision=7))
for step in range(4):
    xs, ys = batch(step)
    sess.run(train, feed_dict={x: xs, y: ys})
    print("second_step=%d loss=%.7f" % (step, sess.run(loss, feed_dict={x: xs, y: ys})))

tf.reset_default_graph()
tf.set_random_seed(11)
sess = tf.Session()
x = tf.placeholder(tf.float32, [None, 3])
w = tf.Variable(tf.random_normal([3, 1]))
scale = tf.Variable(tf.random_normal([1], mean=1.0, stddev=0.1))
out = tf.matmul(x, w) * scale
sess.run(tf.global_variables_initializer())
print("third_w0=%s" % np.array2string(sess.run(w).ravel(), precision=7))
print("third_out=%s" % np.array2string(sess.run(out, feed_dict={x: batch(9, 3)[0]}).ravel(), precision=7))
sess.close()
