"""A policy-gradient model class in TF 1.x graph style (written for migrate's --style tf2 tests,
the shape of sudharsan13296's Lunar Lander PolicyGradient): `__init__` calls `build_network()`,
whose get_variables are drawn by `xavier_initializer(seed=1)` (each op of seed 1 its own generator
in TF 1.x: the same numbers for equal shapes), and keeps its Session in `self.sess`; Adam on a
softmax cross-entropy weighted by the returns, predictions before and after."""
import numpy as np
import tensorflow as tf


class PolicyGradient:
    def __init__(self, n_x, n_y, learning_rate=0.01):
        self.n_x = n_x
        self.n_y = n_y
        self.lr = learning_rate
        self.build_network()
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def build_network(self):
        self.X = tf.placeholder(tf.float32, shape=(self.n_x, None), name="X")
        self.Y = tf.placeholder(tf.float32, shape=(self.n_y, None), name="Y")
        self.returns = tf.placeholder(tf.float32, [None, ], name="returns")
        W1 = tf.get_variable("W1", [4, self.n_x], initializer=tf.contrib.layers.xavier_initializer(seed=1))
        b1 = tf.get_variable("b1", [4, 1], initializer=tf.contrib.layers.xavier_initializer(seed=1))
        W2 = tf.get_variable("W2", [self.n_y, 4], initializer=tf.contrib.layers.xavier_initializer(seed=1))
        b2 = tf.get_variable("b2", [self.n_y, 1], initializer=tf.contrib.layers.xavier_initializer(seed=1))
        A1 = tf.nn.relu(tf.add(tf.matmul(W1, self.X), b1))
        Z2 = tf.add(tf.matmul(W2, A1), b2)
        logits = tf.transpose(Z2)
        labels = tf.transpose(self.Y)
        self.outputs_softmax = tf.nn.softmax(logits, name="A2")
        neg_log_prob = tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=labels)
        self.loss = tf.reduce_mean(neg_log_prob * self.returns)
        self.train_op = tf.train.AdamOptimizer(self.lr).minimize(self.loss)

    def choose(self, observation):
        return self.sess.run(self.outputs_softmax, feed_dict={self.X: observation[:, np.newaxis]})

    def learn(self, observations, actions, returns):
        _, loss = self.sess.run([self.train_op, self.loss], feed_dict={
            self.X: np.vstack(observations).T, self.Y: np.vstack(actions).T, self.returns: returns})
        return loss


rng = np.random.RandomState(0)
observations = rng.normal(size=(12, 3)).astype(np.float32)
actions = np.eye(2)[rng.randint(0, 2, size=12)]
returns = rng.normal(size=12).astype(np.float32)
agent = PolicyGradient(3, 2)
print(f"before={agent.choose(observations[0]).ravel().tolist()}")
for step in range(5):
    print(f"step={step} loss={agent.learn(observations, actions, returns):.7f}")
print(f"after={agent.choose(observations[0]).ravel().tolist()}")
