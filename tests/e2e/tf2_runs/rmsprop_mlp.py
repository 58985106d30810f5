"""A two-layer regression net trained with TF 1.x's RMSPropOptimizer (written for migrate's
--style tf2 tests): momentum, a non-default decay, the module-level optimizer named and its
minimize in a second statement; a Saver checkpoint of the trained weights restored into a
fresh Session. Keras' RMSprop starts its mean square at zeros where v1 starts it at ones,
so the tf2 output writes v1's rule out; it must print the same bits, step after step."""
import os
import sys

import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(0)
x_data = rng.rand(48, 5).astype(np.float32)
y_data = (x_data @ rng.randn(5, 1) + 0.05 * rng.randn(48, 1)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
w1 = tf.Variable(tf.random_normal([5, 8], stddev=0.5))
b1 = tf.Variable(tf.zeros([8]))
w2 = tf.Variable(tf.random_normal([8, 1], stddev=0.5))
hidden = tf.nn.tanh(tf.matmul(x, w1) + b1)
prediction = tf.matmul(hidden, w2)
loss = tf.reduce_mean(tf.square(prediction - y))
optimizer = tf.train.RMSPropOptimizer(learning_rate=0.01, decay=0.8, momentum=0.5)
train = optimizer.minimize(loss)
saver = tf.train.Saver()
prefix = os.path.join(sys.argv[1], "model")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(60):
        batch = slice((step * 12) % 48, (step * 12) % 48 + 12)
        _, value = sess.run([train, loss], feed_dict={x: x_data[batch], y: y_data[batch]})
        if step % 6 == 0:
            print("step=%d loss=%.9g" % (step, value))
    print("full_loss=%.9g" % sess.run(loss, feed_dict={x: x_data, y: y_data}))
    print("w2=%s" % np.array2string(sess.run(w2).ravel(), precision=9))
    saver.save(sess, prefix)

with tf.Session() as sess:
    saver.restore(sess, prefix)
    print("restored_loss=%.9g" % sess.run(loss, feed_dict={x: x_data, y: y_data}))
