"""A GAN whose two optimizers train the variables picked by name (written for migrate's --style tf2
tests, in the shape of hwalsuklee's tensorflow-generative-model-collections and carpedm20's DCGAN
`build_model`): a graph seed at the top; the generator's variables made by get_variable under
`variable_scope('generator')` (`g_w1`, ...), the discriminator's once under `('discriminator')`
(`d_w1`, ...) and applied to the real and the fake batch; `t_vars = tf.trainable_variables()`,
`d_vars = [var for var in t_vars if 'd_' in var.name]`, `g_vars` by `var.name.startswith('generator')`,
two Adam minimizes with var_list run in turns; a non-trainable step counter. NumPy data."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(4)


class GAN:
    def __init__(self, sess, z_dim=4, x_dim=6):
        self.sess = sess
        self.z_dim, self.x_dim = z_dim, x_dim
        self.build_model()

    def build_model(self):
        self.inputs = tf.placeholder(tf.float32, [None, self.x_dim], name='real')
        self.z = tf.placeholder(tf.float32, [None, self.z_dim], name='z')
        w_init = tf.random_normal_initializer(0., 0.2)
        b_init = tf.constant_initializer(0.)
        with tf.variable_scope('generator'):
            g_w1 = tf.get_variable('g_w1', [4, 8], initializer=w_init)
            g_b1 = tf.get_variable('g_b1', [8], initializer=b_init)
            g_w2 = tf.get_variable('g_w2', [8, 6], initializer=w_init)
        with tf.variable_scope('discriminator'):
            d_w1 = tf.get_variable('d_w1', [6, 8], initializer=w_init)
            d_b1 = tf.get_variable('d_b1', [8], initializer=b_init)
            d_w2 = tf.get_variable('d_w2', [8, 1], initializer=w_init)
        self.counter = tf.Variable(0, trainable=False, name='d_counter')
        fake = tf.nn.tanh(tf.matmul(tf.nn.relu(tf.matmul(self.z, g_w1) + g_b1), g_w2))
        d_real = tf.matmul(tf.nn.relu(tf.matmul(self.inputs, d_w1) + d_b1), d_w2)
        d_fake = tf.matmul(tf.nn.relu(tf.matmul(fake, d_w1) + d_b1), d_w2)
        self.d_loss = tf.reduce_mean(tf.nn.softplus(-d_real)) + tf.reduce_mean(tf.nn.softplus(d_fake))
        self.g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
        t_vars = tf.trainable_variables()
        d_vars = [var for var in t_vars if 'd_' in var.name]
        g_vars = [var for var in t_vars if var.name.startswith('generator')]
        self.d_optim = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(self.d_loss, var_list=d_vars)
        self.g_optim = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(self.g_loss, var_list=g_vars)
        self.fake = fake

    def train(self, batch, noise):
        _, d_loss = self.sess.run([self.d_optim, self.d_loss], feed_dict={self.inputs: batch, self.z: noise})
        _, g_loss = self.sess.run([self.g_optim, self.g_loss], feed_dict={self.z: noise})
        return d_loss, g_loss

    def sample(self, noise):
        return self.sess.run(self.fake, feed_dict={self.z: noise})


sess = tf.Session()
gan = GAN(sess)
sess.run(tf.global_variables_initializer())
rng = np.random.RandomState(0)
data = np.tanh(rng.randn(256, 6) * 0.5 + 0.3)
for step in range(60):
    batch = data[rng.choice(256, 32)]
    d_loss, g_loss = gan.train(batch, rng.uniform(-1, 1, (32, 4)))
    if step % 15 == 0:
        print(f"step={step} d_loss={d_loss:.9g} g_loss={g_loss:.9g}")
print(f"sample={gan.sample(np.ones((1, 4)))[0, :3]}")
