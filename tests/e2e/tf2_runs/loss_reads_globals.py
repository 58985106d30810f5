"""A small variational autoencoder in TF 1.x graph style (written for migrate's --style tf2
tests): its loss is a module function reading the encoder's graph tensors `z_mean` and
`z_log_var` as globals, called once while the graph is built, as TensorFlow-Examples' VAE
does; sampling with a seeded random_normal in the step; RMSProp. The tf2 output moves the
function into the step that computes those tensors."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(0)
data = (rng.rand(64, 12) > 0.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 12])
w_enc = tf.Variable(tf.random_normal([12, 8], stddev=0.3, seed=1))
w_mean = tf.Variable(tf.random_normal([8, 2], stddev=0.3, seed=2))
w_var = tf.Variable(tf.random_normal([8, 2], stddev=0.3, seed=3))
w_dec = tf.Variable(tf.random_normal([2, 12], stddev=0.3, seed=4))
hidden = tf.nn.tanh(tf.matmul(x, w_enc))
z_mean = tf.matmul(hidden, w_mean)
z_log_var = tf.matmul(hidden, w_var)
z = z_mean + tf.exp(z_log_var / 2) * tf.random_normal(tf.shape(z_log_var), seed=9)
decoded = tf.nn.sigmoid(tf.matmul(z, w_dec))


def vae_loss(reconstructed, original):
    reconstruction = -tf.reduce_sum(original * tf.log(1e-10 + reconstructed)
                                    + (1 - original) * tf.log(1e-10 + 1 - reconstructed), 1)
    kl = -0.5 * tf.reduce_sum(1 + z_log_var - tf.square(z_mean) - tf.exp(z_log_var), 1)
    return tf.reduce_mean(reconstruction + kl)


loss = vae_loss(decoded, x)
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, value = sess.run([train, loss], feed_dict={x: data[(step * 16) % 64:(step * 16) % 64 + 16]})
        if step % 5 == 0:
            print("step=%d loss=%.9g" % (step, value))
    print("w_dec=%s" % np.array2string(sess.run(w_dec).ravel()[:6], precision=9))
