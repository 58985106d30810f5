# A Q-network class in its own module (written for the tests): its constructor is handed the
# Session by the program that makes it (hunkim's dqn.DQN shape), keeps it and runs it in its methods.
import numpy as np
import tensorflow as tf


class QNet:
    def __init__(self, session, n_in, n_out, name="main", lr=0.05):
        self.session = session
        self.net_name = name
        self._build(n_in, n_out, lr)

    def _build(self, n_in, n_out, lr, hidden=6):
        with tf.variable_scope(self.net_name):
            rng = np.random.RandomState(len(self.net_name))
            self.x = tf.placeholder(tf.float32, [None, n_in])
            self.y = tf.placeholder(tf.float32, [None, n_out])
            w1 = tf.Variable((rng.randn(n_in, hidden) / 2).astype(np.float32))
            b1 = tf.Variable(np.zeros(hidden, np.float32))
            w2 = tf.Variable((rng.randn(hidden, n_out) / 2).astype(np.float32))
            h = tf.nn.relu(tf.matmul(self.x, w1) + b1)
            self.q = tf.matmul(h, w2)
            self.loss = tf.reduce_mean(tf.square(self.y - self.q))
            self.train_op = tf.train.GradientDescentOptimizer(lr).minimize(self.loss)

    def predict(self, x):
        return self.session.run(self.q, feed_dict={self.x: np.reshape(x, [-1, 4])})

    def update(self, x, y):
        return self.session.run([self.loss, self.train_op], feed_dict={self.x: x, self.y: y})
