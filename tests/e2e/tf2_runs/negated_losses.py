"""A small GAN trained with losses given as expressions (written for migrate's --style tf2
tests): the discriminator minimizes `-objective` and the generator `-tf.reduce_mean(...)`,
each over its own var_list, in runs of their own, and a third optimizer's compute_gradients
takes `0.5 * penalty`. TF 1.x built each expression where minimize was called; the
converted steps compute it inside their tapes. Seeded: both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(3)
real = rng.normal(1.5, 0.5, size=(64, 2)).astype(np.float32)

z = tf.placeholder(tf.float32, [None, 3])
x = tf.placeholder(tf.float32, [None, 2])
g_w = tf.Variable(tf.random_normal([3, 2], stddev=0.3))
g_b = tf.Variable(tf.zeros([2]))
d_w = tf.Variable(tf.random_normal([2, 1], stddev=0.3))
d_b = tf.Variable(tf.zeros([1]))
fake = tf.matmul(z, g_w) + g_b
d_real = tf.sigmoid(tf.matmul(x, d_w) + d_b)
d_fake = tf.sigmoid(tf.matmul(fake, d_w) + d_b)
objective = tf.reduce_mean(tf.log(d_real) + tf.log(1.0 - d_fake))
penalty = tf.reduce_sum(tf.square(g_w))

train_d = tf.train.GradientDescentOptimizer(0.05).minimize(-objective, var_list=[d_w, d_b])
train_g = tf.train.GradientDescentOptimizer(0.05).minimize(
    -tf.reduce_mean(tf.log(d_fake)), var_list=[g_w, g_b])
shrink = tf.train.GradientDescentOptimizer(0.01)
pairs = shrink.compute_gradients(0.5 * penalty)
train_shrink = shrink.apply_gradients(pairs)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        noise = rng.uniform(-1.0, 1.0, size=(16, 3)).astype(np.float32)
        batch = real[16 * (step % 4):16 * (step % 4 + 1)]
        _, d_value = sess.run([train_d, objective], feed_dict={x: batch, z: noise})
        _, g_value = sess.run([train_g, d_fake], feed_dict={z: noise})
        sess.run(train_shrink)
        print("step=%d objective=%.9g fake_score=%.9g" % (step, d_value, g_value.mean()))
    print("g_w=%s penalty=%.9g" % (np.round(sess.run(g_w), 7).ravel().tolist(), sess.run(penalty)))
