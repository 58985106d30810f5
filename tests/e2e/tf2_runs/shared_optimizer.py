"""Two training ops of one v1 Adam optimizer (written for migrate's --style tf2 tests), the
shape of generative-models' GANs with one `solver`: a critic and a generator trained in
turns, each op with its own var_list (one through a list's name), run in separate
`sess.run` calls. v1 kept one pair of beta powers for both ops, multiplied at each op's
update; the Keras optimizer built for both lists keeps one step count for both."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
data = rng.normal(1.0, 0.5, size=(32, 3)).astype(np.float32)
noise = rng.normal(size=(32, 2)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
z = tf.placeholder(tf.float32, [None, 2])
g_w = tf.Variable(rng.normal(size=(2, 3)).astype(np.float32) * 0.3)
g_b = tf.Variable(np.zeros(3, np.float32))
d_w = tf.Variable(rng.normal(size=(3, 1)).astype(np.float32) * 0.3)
d_b = tf.Variable(np.zeros(1, np.float32))
theta_D = [d_w, d_b]

fake = tf.matmul(z, g_w) + g_b
real_score = tf.matmul(x, d_w) + d_b
fake_score = tf.matmul(fake, d_w) + d_b
d_loss = tf.reduce_mean(tf.nn.softplus(-real_score)) + tf.reduce_mean(tf.nn.softplus(fake_score))
g_loss = tf.reduce_mean(tf.nn.softplus(-fake_score)) + 0.1 * tf.reduce_mean(tf.square(g_w))

solver = tf.train.AdamOptimizer(0.05)
d_step = solver.minimize(d_loss, var_list=theta_D)
g_step = solver.minimize(g_loss, var_list=[g_w, g_b])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(12):
        _, d_value = sess.run([d_step, d_loss], feed_dict={x: data, z: noise})
        _, g_value = sess.run([g_step, g_loss], feed_dict={z: noise})
        print("step=%d d_loss=%.7f g_loss=%.7f" % (step, d_value, g_value))
    print("g_w=%s" % np.round(sess.run(g_w)[0], 6).tolist())
