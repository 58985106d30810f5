"""Linear regression in TF 1.x graph style (written for migrate's --style tf2 tests):
placeholders, seeded variables, GradientDescent minimize, a Saver saving and restoring."""
import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
rng = np.random.RandomState(0)
x_data = rng.uniform(-1, 1, (64, 3))  # float64: fed to float32 placeholders
y_data = x_data @ np.array([[1.5], [-2.0], [0.5]]) + 0.3

x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5, seed=1), name="w")
b = tf.Variable(tf.zeros([1]), name="b")
prediction = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(prediction - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
init = tf.global_variables_initializer()
saver = tf.train.Saver()
path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(), "linreg.ckpt")

with tf.Session() as sess:
    sess.run(init)
    print("w0=%s" % sess.run(w).ravel().tolist())
    for step in range(30):
        batch = slice((step * 16) % 64, (step * 16) % 64 + 16)
        _, value = sess.run([train_op, loss], feed_dict={x: x_data[batch], y: y_data[batch]})
        if step % 10 == 0:
            print("step=%d loss=%.7f" % (step, value))
    final = sess.run(loss, {x: x_data, y: y_data})
    print("final_loss=%.7f" % final)
    saved = saver.save(sess, path)
    trained = sess.run(w)
    for step in range(5):  # train on after the save: the restore must bring the saved values back
        sess.run(train_op, feed_dict={x: x_data, y: y_data})
    print("moved=%.7f" % np.abs(sess.run(w) - trained).max())

with tf.Session() as sess:
    saver.restore(sess, saved)
    restored = sess.run(w)
    print("restored_diff=%.9f" % np.abs(restored - trained).max())
    print("restored_loss=%.7f" % sess.run(loss, feed_dict={x: x_data, y: y_data}))
