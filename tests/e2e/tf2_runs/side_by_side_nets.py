"""Two networks trained side by side by one run (written for migrate's --style tf2 tests; the
shape of Morvan's dropout tutorial, an overfitting net and a regularized one fitting the same
data): `sess.run([o_train, d_train, o_loss, d_loss], feed)`, each training op's loss reading
its own network's variables only, so the order TF 1.x ran the two updates in does not matter:
one step computes both gradients from the same forward pass, then both updates."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
np.random.seed(1)
x = np.linspace(-1, 1, 20)[:, np.newaxis].astype(np.float32)
y = (x + 0.3 * np.random.randn(20)[:, np.newaxis]).astype(np.float32)

tf_x = tf.placeholder(tf.float32, [None, 1])
tf_y = tf.placeholder(tf.float32, [None, 1])

o_w1 = tf.Variable(tf.random_normal([1, 16], stddev=0.5))
o_w2 = tf.Variable(tf.random_normal([16, 1], stddev=0.5))
o_out = tf.matmul(tf.nn.relu(tf.matmul(tf_x, o_w1)), o_w2)
o_loss = tf.reduce_mean(tf.square(tf_y - o_out))
o_train = tf.train.AdamOptimizer(0.01).minimize(o_loss)

d_w1 = tf.Variable(tf.random_normal([1, 16], stddev=0.5))
d_w2 = tf.Variable(tf.random_normal([16, 1], stddev=0.5))
d_out = tf.matmul(tf.nn.relu(tf.matmul(tf_x, d_w1)) * 0.5, d_w2)
d_loss = tf.reduce_mean(tf.square(tf_y - d_out)) + 0.01 * tf.nn.l2_loss(d_w2)
d_train = tf.train.GradientDescentOptimizer(0.1).minimize(d_loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for t in range(40):
        _, _, o_value, d_value = sess.run([o_train, d_train, o_loss, d_loss], {tf_x: x, tf_y: y})
        if t % 10 == 0:
            print(f"t={t} o_loss={o_value:.9g} d_loss={d_value:.9g}")
    o_test, d_test = sess.run([o_loss, d_loss], {tf_x: x[::2], tf_y: y[::2]})
    print(f"o_test={o_test:.9g} d_test={d_test:.9g}")
