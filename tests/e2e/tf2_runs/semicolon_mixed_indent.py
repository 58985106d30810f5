# A C habit and a file's mixed indentation: the initializer run by a statement ended with ';', the
# data loop indented with a tab, the training loop with spaces (Python 3 accepts each block indented
# one way); a seeded random initial value. The same digits in both styles.
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.random.seed(0)
points = []
for i in range(100):
	x1 = np.random.normal(0.0, 0.9)
	points.append([x1, x1 * 0.1 + 0.3 + np.random.normal(0.0, 0.05)])
x_data = np.array([p[0] for p in points], np.float32)
y_data = np.array([p[1] for p in points], np.float32)
x = tf.placeholder(tf.float32, [None])
y = tf.placeholder(tf.float32, [None])
w = tf.Variable(tf.random_uniform([1], -1.0, 1.0))
b = tf.Variable(tf.zeros([1]))
loss = tf.reduce_mean(tf.square(w * x + b - y))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer());
    for step in range(8):
        _, l = sess.run([train, loss], feed_dict={x: x_data, y: y_data})
        print(f"step={step} loss={l:.9g} w={sess.run(w)[0]:.9g} b={sess.run(b)[0]:.9g}")
