"""Logistic regression trained by a hand-written update rule: gradients written out as
tensors and a list of `tf.assign` ops fetched with the loss in each run, in an
InteractiveSession fed with placeholders (`.eval(feed_dict)` too); the graph seed set and
no op seeds (written for migrate's --style tf2 tests)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(9)
rng = np.random.RandomState(2)
features = rng.normal(size=(40, 3)).astype(np.float32)
labels = (features[:, :1] - features[:, 1:2] > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1]))
b = tf.Variable(tf.zeros([1]))
p = tf.sigmoid(tf.matmul(x, w) + b)
loss = -tf.reduce_mean(y * tf.log(p + 1e-7) + (1 - y) * tf.log(1 - p + 1e-7))
d_z = (p - y) / tf.cast(tf.shape(x)[0], tf.float32)
d_w = tf.matmul(tf.transpose(x), d_z)
d_b = tf.reduce_sum(d_z, axis=0)
step = [tf.assign(w, w - 0.5 * d_w), tf.assign(b, b - 0.5 * d_b)]
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.cast(p > 0.5, tf.float32), y), tf.float32))

sess = tf.InteractiveSession()
sess.run(tf.global_variables_initializer())
for i in range(8):
    (new_w, new_b), value = sess.run([step, loss], feed_dict={x: features, y: labels})
    print("step=%d loss=%.7f b=%.7f" % (i, value, new_b[0]))
print("accuracy=%.5f" % accuracy.eval(feed_dict={x: features, y: labels}))
print("w=%s" % np.round(sess.run(w).ravel(), 6).tolist())
sess.close()
