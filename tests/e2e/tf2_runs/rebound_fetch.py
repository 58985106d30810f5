"""A softmax classifier whose Session block rebinds a graph variable's name to a fetched
NumPy value (`b = sess.run(probabilities, ...)`) and builds `tf.argmax(b, 1)` on it, run
in the same Session, then rebinds `w` by destructuring a fetch (`[w] = sess.run([w])`)
(written for migrate's --style tf2 tests)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(17)
rng = np.random.RandomState(8)
points = rng.normal(size=(30, 4)).astype(np.float32)
onehot = np.eye(3, dtype=np.float32)[(points[:, 0] > 0).astype(int) + (points[:, 1] > 0).astype(int)]

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 3])
w = tf.Variable(tf.random_normal([4, 3]))
b = tf.Variable(tf.random_normal([3]))
probabilities = tf.nn.softmax(tf.matmul(x, w) + b)
cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(probabilities), axis=1))
train = tf.train.GradientDescentOptimizer(0.2).minimize(cost)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, value = sess.run([train, cost], feed_dict={x: points, y: onehot})
        print("step=%d cost=%.7f" % (step, value))
    b = sess.run(probabilities, feed_dict={x: points[:3]})
    print("probabilities=%s" % np.round(b.ravel(), 6).tolist())
    print("argmax=%s" % sess.run(tf.argmax(b, 1)).tolist())
    [w] = sess.run([w])  # destructured: from here `w` is the NumPy value, the steps read the variable
    print("weights=%s" % np.round(w.ravel(), 6).tolist())
    print("again=%s" % np.round(sess.run(probabilities, feed_dict={x: points[3:5]}).ravel(), 6).tolist())
print("total=%.6f" % (b.sum() + w.sum()))
