"""A Q-network object (written for migrate's --style tf2 tests, in the shape of awjuliani's
Q-Network / Q-Exploration tutorials): `QNetwork.__init__` makes the state and target placeholders,
the weights (random_uniform with no op seed under the program's graph seed), the Q values, the
greedy action and the loss, and its own update op (`self.trainer = GradientDescentOptimizer(...)`,
`self.updateModel = self.trainer.minimize(self.loss)`). The program runs `mainQN.predict` and
`mainQN.Qout` feeding the state only, then `mainQN.updateModel` with the target Q values, on a
made-up 6-state chain environment (NumPy draws), and prints the Q table (migrate/tf2_objects.py)."""
import numpy as np
import tensorflow as tf


class QNetwork():  # noqa: UP039 (awjuliani's spelling)
    def __init__(self, n_states, n_actions, learning_rate=0.1):
        # the feed-forward part of the network used to choose actions
        self.inputs1 = tf.placeholder(shape=[None, n_states], dtype=tf.float32)
        self.W = tf.Variable(tf.random_uniform([n_states, n_actions], 0, 0.01))
        self.Qout = tf.matmul(self.inputs1, self.W)
        self.predict = tf.argmax(self.Qout, 1)
        # the loss: the sum of squares difference between the target and prediction Q values
        self.nextQ = tf.placeholder(shape=[None, n_actions], dtype=tf.float32)
        self.loss = tf.reduce_sum(tf.square(self.nextQ - self.Qout))
        self.trainer = tf.train.GradientDescentOptimizer(learning_rate=learning_rate)
        self.updateModel = self.trainer.minimize(self.loss)


def step(state, action):
    """A chain of 6 states: action 1 moves right, 0 left; the last state pays 1 and ends."""
    following = min(state + 1, 5) if action == 1 else max(state - 1, 0)
    return following, (1.0 if following == 5 else 0.0), following == 5


tf.set_random_seed(7)
rng = np.random.RandomState(0)
mainQN = QNetwork(6, 2)
init = tf.global_variables_initializer()
y = .99
e = 0.5
with tf.Session() as sess:
    sess.run(init)
    for i in range(8):
        s = 0
        rAll = 0
        for j in range(40):
            a, allQ = sess.run([mainQN.predict, mainQN.Qout], feed_dict={mainQN.inputs1: np.identity(6)[s:s + 1]})
            if rng.rand() < e:
                a[0] = rng.randint(2)
            s1, r, d = step(s, a[0])
            Q1 = sess.run(mainQN.Qout, feed_dict={mainQN.inputs1: np.identity(6)[s1:s1 + 1]})
            targetQ = allQ.copy()
            targetQ[0, a[0]] = r + y * np.max(Q1)
            _, W1 = sess.run([mainQN.updateModel, mainQN.W],
                             feed_dict={mainQN.inputs1: np.identity(6)[s:s + 1], mainQN.nextQ: targetQ})
            rAll += r
            s = s1
            if d:
                break
        print(f"episode={i} steps={j} reward={rAll} loss={sess.run(mainQN.loss, {mainQN.inputs1: np.identity(6)[:1], mainQN.nextQ: targetQ}):.7g}")
    print(f"Q={np.round(W1, 6).ravel()[:8].tolist()}")
