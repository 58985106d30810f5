# A model class shaped like examples/VAE/vae.ipynb (xiaohu2015's DeepLearning_tutorials) and
# Morvan's agents: its `__init__` makes the placeholder, then calls the methods building the graph
# (`self._create_network()`, `self._create_loss_optimizer()`), whose statements choose what to
# build by `if` on Python values (a constructor argument, a module constant, `self.x` set from
# one): a hidden layer or none, the activation, a sampled code or the mean. Two objects of other
# configurations train side by side in one seeded program; the Session is made in `__init__`.
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(0)

ACTIVATION = "softplus"


class Autoencoder:
    def __init__(self, n_input, n_hidden, n_z, sampled=True, learning_rate=0.01):
        self.n_input = n_input
        self.n_hidden = n_hidden
        self.n_z = n_z
        self.sampled = sampled
        self.learning_rate = learning_rate
        # the data
        self.x = tf.placeholder(tf.float32, [None, n_input])

        # encoder and decoder
        self._create_network()
        # loss and optimizer
        self._create_loss_optimizer()

        init = tf.global_variables_initializer()
        self.sess = tf.InteractiveSession()
        self.sess.run(init)

    def _create_network(self):
        """The encoder's hidden layer when n_hidden is set, the code sampled or its mean."""
        if self.n_hidden:
            self.W1 = tf.Variable(tf.random_uniform((self.n_input, self.n_hidden), -0.5, 0.5))
            self.b1 = tf.Variable(tf.zeros([self.n_hidden], dtype=tf.float32))
            h = tf.matmul(self.x, self.W1) + self.b1
            if ACTIVATION == "softplus":
                h = tf.nn.softplus(h)
            elif ACTIVATION == "relu":
                h = tf.nn.relu(h)
            n_in = self.n_hidden
        else:
            h = self.x
            n_in = self.n_input
        self.W_mean = tf.Variable(tf.random_uniform((n_in, self.n_z), -0.5, 0.5))
        self.W_sigma = tf.Variable(tf.random_uniform((n_in, self.n_z), -0.5, 0.5))
        self.z_mean = tf.matmul(h, self.W_mean)
        self.z_log_sigma_sq = tf.matmul(h, self.W_sigma)
        if self.sampled:
            eps = tf.random_normal((tf.shape(self.x)[0], self.n_z), 0, 1, dtype=tf.float32)
            # z = mu + sigma * epsilon
            self.z = self.z_mean + tf.sqrt(tf.exp(self.z_log_sigma_sq)) * eps
        else:
            self.z = self.z_mean
        self.W_out = tf.Variable(tf.random_uniform((self.n_z, self.n_input), -0.5, 0.5))
        self.x_reconstr_mean = tf.nn.sigmoid(tf.matmul(self.z, self.W_out))
        # the reconstruction of the code's mean (no draw)
        self.x_mean_reconstr = tf.nn.sigmoid(tf.matmul(self.z_mean, self.W_out))

    def _create_loss_optimizer(self):
        reconstr_loss = -tf.reduce_sum(self.x * tf.log(1e-10 + self.x_reconstr_mean)
                                       + (1 - self.x) * tf.log(1e-10 + 1 - self.x_reconstr_mean), 1)
        latent_loss = -0.5 * tf.reduce_sum(1 + self.z_log_sigma_sq - tf.square(self.z_mean)
                                           - tf.exp(self.z_log_sigma_sq), 1)
        self.cost = tf.reduce_mean(reconstr_loss + latent_loss)
        self.optimizer = tf.train.AdamOptimizer(learning_rate=self.learning_rate).minimize(self.cost)

    def partial_fit(self, X):
        _, cost = self.sess.run((self.optimizer, self.cost), feed_dict={self.x: X})
        return cost

    def transform(self, X):
        return self.sess.run(self.z_mean, feed_dict={self.x: X})

    def reconstruct(self, X):
        return self.sess.run(self.x_mean_reconstr, feed_dict={self.x: X})


data = (np.random.rand(64, 12) > 0.5).astype(np.float32)
vae = Autoencoder(12, 8, 3)
plain = Autoencoder(12, None, 2, sampled=False, learning_rate=0.05)
for step in range(6):
    batch = data[(step % 4) * 16:(step % 4 + 1) * 16]
    print(f"step={step} vae_cost={vae.partial_fit(batch):.6f} plain_cost={plain.partial_fit(batch):.6f}")
print(f"code={np.round(vae.transform(data[:2]), 6).ravel().tolist()}")
print(f"reconstruction={np.round(plain.reconstruct(data[:1]), 6).ravel().tolist()}")
print(f"sampled_reconstruction={np.round(vae.reconstruct(data[:1]), 6).ravel().tolist()}")
