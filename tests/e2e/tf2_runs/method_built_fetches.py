"""A seeded autoencoder class whose methods build new ops from their argument at each call and run
them in the Session the program hands it (written for migrate's --style tf2 tests; the shape of the
TensorFlow 1.x Deep Learning Cookbook's autoencoders and RBM): `__init__` makes the variables with
no op seed under the graph seed, a placeholder, a graph through the class's helper methods and a
sampled (`random_uniform`) hidden layer, and `compress(x)` / `rebuild(x)` build `encode(x)` and
`decode(...)` on the NumPy argument and run them (feeding the placeholder, which they do not read)
between training steps. migrate/tf2_classes.py `_ClassRewrite._built_fetch`."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)


class Compressor:
    def __init__(self, n_in, n_code, rate=0.05):
        self._n_in = n_in
        self._n_code = n_code
        self._enc_w = tf.Variable(tf.random_normal(shape=(n_in, n_code), stddev=0.3))
        self._dec_w = tf.Variable(tf.random_normal(shape=(n_code, n_in), stddev=0.3))
        self._enc_b = tf.Variable(np.zeros(n_code).astype(np.float32))
        self._dec_b = tf.Variable(np.zeros(n_in).astype(np.float32))
        self._inputs = tf.placeholder('float', [None, n_in])
        code = self.encode(self._inputs)
        self.sampled = tf.nn.relu(tf.sign(code - tf.random_uniform(tf.shape(code))))
        self.rebuilt = self.decode(self.sampled)
        self.error = tf.reduce_mean(tf.pow(self._inputs - self.rebuilt, 2))
        sparsity = tf.reduce_sum(self.penalty(0.1, tf.reduce_mean(code, 0)))
        self._step = tf.train.AdamOptimizer(rate).minimize(self.error + 0.01 * sparsity)

    def encode(self, x):
        h = tf.matmul(x, self._enc_w) + self._enc_b
        return tf.nn.sigmoid(h)

    def decode(self, h):
        return tf.nn.sigmoid(tf.matmul(h, self._dec_w) + self._dec_b)

    def penalty(self, rho, rho_hat):
        return rho * tf.log(rho / rho_hat) + (1 - rho) * tf.log((1 - rho) / (1 - rho_hat))

    def set_session(self, session):
        self.session = session

    def compress(self, x):
        h = self.encode(x)
        return self.session.run(h, feed_dict={self._inputs: x})

    def rebuild(self, x):
        h = self.encode(x)
        r = self.decode(h)
        return self.session.run(r, feed_dict={self._inputs: x})

    def both(self, x):
        h = self.encode(x)
        r = tf.reduce_mean(self.decode(h), axis=1)
        return self.session.run([h, r])

    def weights(self):
        return self.session.run([self._enc_w, self._dec_b])

    def fit(self, data, batch_size=8):
        losses = []
        for j in range(len(data) // batch_size):
            batch = data[j * batch_size:(j + 1) * batch_size]
            _, loss = self.session.run([self._step, self.error], feed_dict={self._inputs: batch})
            losses.append(loss)
        return losses


rng = np.random.RandomState(3)
data = (rng.rand(64, 12) > 0.6).astype(np.float32)
model = Compressor(12, 5)
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    model.set_session(sess)
    for epoch in range(4):
        losses = model.fit(data)
        print(f"epoch={epoch} first={losses[0]!r} last={losses[-1]!r}")
        print("code", model.compress(data[:2]).ravel().tolist())
        print("rebuilt", model.rebuild(data[2:3]).ravel().tolist())
    h, r = model.both(data[:3])
    print("both", h.sum().item(), r.tolist())
    w, b = model.weights()
    print("weights", w.sum().item(), b.tolist())
