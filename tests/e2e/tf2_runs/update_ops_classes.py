"""Model classes whose train ops are made under `with tf.control_dependencies(tf.get_collection(
tf.GraphKeys.UPDATE_OPS)):` with no batch normalization putting ops in that collection (written for
migrate's --style tf2 tests, in the shape of hwalsuklee's tensorflow-generative-model-collections: a GAN
handed the Session, `build_model` making both optimizers in the block, `.minimize` on a continued line;
and MorvanZhou's `update_ops = tf.get_collection(...)` then `with tf.control_dependencies(update_ops):`
around `optimizer = tf.train.AdamOptimizer(LR)` and the minimize, in a regression model): TF 1.x read an
empty list there, the train ops depended on nothing. A graph seed at the top, NumPy data."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)


class GAN:
    def __init__(self, sess, z_dim=3, x_dim=5):
        self.sess = sess
        self.z_dim, self.x_dim = z_dim, x_dim
        self.learning_rate = 0.002
        self.beta1 = 0.5
        self.build_model()

    def build_model(self):
        self.inputs = tf.placeholder(tf.float32, [None, self.x_dim], name='real_images')
        self.z = tf.placeholder(tf.float32, [None, self.z_dim], name='z')
        w_init = tf.random_normal_initializer(0., 0.3)
        with tf.variable_scope('generator'):
            g_w1 = tf.get_variable('g_w1', [self.z_dim, 8], initializer=w_init)
            g_w2 = tf.get_variable('g_w2', [8, self.x_dim], initializer=w_init)
        with tf.variable_scope('discriminator'):
            d_w1 = tf.get_variable('d_w1', [self.x_dim, 8], initializer=w_init)
            d_w2 = tf.get_variable('d_w2', [8, 1], initializer=w_init)
        G = tf.nn.sigmoid(tf.matmul(tf.nn.relu(tf.matmul(self.z, g_w1)), g_w2))
        D_real_logits = tf.matmul(tf.nn.relu(tf.matmul(self.inputs, d_w1)), d_w2)
        D_fake_logits = tf.matmul(tf.nn.relu(tf.matmul(G, d_w1)), d_w2)
        d_loss_real = tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(logits=D_real_logits, labels=tf.ones_like(D_real_logits)))
        d_loss_fake = tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(logits=D_fake_logits, labels=tf.zeros_like(D_fake_logits)))
        self.d_loss = d_loss_real + d_loss_fake
        self.g_loss = tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(logits=D_fake_logits, labels=tf.ones_like(D_fake_logits)))
        self.fake_images = G

        # optimizers
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            self.d_optim = tf.train.AdamOptimizer(self.learning_rate, beta1=self.beta1) \
                      .minimize(self.d_loss, var_list=[d_w1, d_w2])
            self.g_optim = tf.train.AdamOptimizer(self.learning_rate*5, beta1=self.beta1) \
                      .minimize(self.g_loss, var_list=[g_w1, g_w2])

    def train_step(self, batch_images, batch_z):
        _, d_loss = self.sess.run([self.d_optim, self.d_loss], feed_dict={self.inputs: batch_images, self.z: batch_z})
        _, g_loss = self.sess.run([self.g_optim, self.g_loss], feed_dict={self.z: batch_z})
        return d_loss, g_loss

    def sample(self, batch_z):
        return self.sess.run(self.fake_images, feed_dict={self.z: batch_z})


class Regressor:
    def __init__(self, sess, lr=0.03):
        self.sess = sess
        self.x = tf.placeholder(tf.float32, [None, 1])
        self.y = tf.placeholder(tf.float32, [None, 1])
        w1 = tf.Variable(tf.random_normal([1, 10], stddev=0.5))
        w2 = tf.Variable(tf.random_normal([10, 1], stddev=0.5))
        self.out = tf.matmul(tf.nn.tanh(tf.matmul(self.x, w1)), w2)
        self.loss = tf.reduce_mean(tf.square(self.y - self.out))
        # the moving statistics would be updated here (none in this model)
        update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        with tf.control_dependencies(update_ops):
            optimizer = tf.train.AdamOptimizer(lr)
            self.train = optimizer.minimize(self.loss)

    def fit(self, x, y):
        return self.sess.run([self.train, self.loss], {self.x: x, self.y: y})[1]


with tf.Session() as sess:
    gan = GAN(sess)
    model = Regressor(sess)
    tf.global_variables_initializer().run()
    rng = np.random.RandomState(0)
    data = 1 / (1 + np.exp(-rng.randn(128, 5)))
    for step in range(40):
        batch = data[rng.choice(128, 16)]
        d_loss, g_loss = gan.train_step(batch, rng.uniform(-1, 1, (16, 3)))
        if step % 10 == 0:
            print(f"step={step} d_loss={d_loss:.9g} g_loss={g_loss:.9g}")
    print(f"sample={gan.sample(np.ones((1, 3)))[0, :3]}")
    x = np.linspace(-1, 1, 32)[:, None]
    for step in range(30):
        loss = model.fit(x, x ** 2)
    print(f"regression_loss={loss:.9g}")
