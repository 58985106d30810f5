"""Two Q networks of one class made under variable scopes among the Session's statements
(written for migrate's --style tf2 tests, in the shape of MorvanZhou's Double/Dueling DQN
run_Pendulum.py): a Session made first, then `with tf.variable_scope('natural'):
natural = QNet(..., sess=sess)` and the same for 'double', the variables initialized after;
each network's layers are v1 `tf.layers.dense` under its own scopes. A made-up 4-state chain
stands in for the environment."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)
GAMMA = 0.9


class QNet:
    def __init__(self, n_features, n_actions, sess, learning_rate=0.05):
        self.n_features = n_features
        self.n_actions = n_actions
        self.s = tf.placeholder(tf.float32, [None, n_features], name="s")
        self.q_target = tf.placeholder(tf.float32, [None, n_actions], name="q_target")
        with tf.variable_scope("eval_net"):
            hidden = tf.layers.dense(self.s, 8, tf.nn.relu, kernel_initializer=tf.random_normal_initializer(0., 0.3),
                                     bias_initializer=tf.constant_initializer(0.1), name="l1")
            self.q_eval = tf.layers.dense(hidden, n_actions, kernel_initializer=tf.random_normal_initializer(0., 0.3),
                                          bias_initializer=tf.constant_initializer(0.1), name="l2")
        with tf.variable_scope("loss"):
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
        with tf.variable_scope("train"):
            self.train_op = tf.train.RMSPropOptimizer(learning_rate).minimize(self.loss)
        self.sess = sess

    def values(self, state):
        return self.sess.run(self.q_eval, feed_dict={self.s: state[np.newaxis, :]})

    def learn(self, state, target):
        _, loss = self.sess.run([self.train_op, self.loss], feed_dict={self.s: state[np.newaxis, :],
                                                                      self.q_target: target})
        return loss


def chain_step(state, action):
    """4 states in a row: action 1 moves right, 0 left; the last state pays 1."""
    following = min(state + 1, 3) if action == 1 else max(state - 1, 0)
    return following, (1.0 if following == 3 else 0.0)


eye = np.eye(4, dtype=np.float32)
sess = tf.Session()
with tf.variable_scope('natural'):
    natural = QNet(n_features=4, n_actions=2, sess=sess)

with tf.variable_scope('double'):
    double = QNet(n_features=4, n_actions=2, learning_rate=0.02, sess=sess)

sess.run(tf.global_variables_initializer())


def train(agent, name):
    state = 0
    for step in range(12):
        q = agent.values(eye[state])
        action = int(np.argmax(q[0])) if step % 3 else int(np.random.randint(0, 2))
        following, reward = chain_step(state, action)
        target = q.copy()
        target[0, action] = reward + GAMMA * np.max(agent.values(eye[following]))
        loss = agent.learn(eye[state], target)
        state = following
        print(f"{name} step={step} loss={loss:.9g} q={q[0, 0]:.9g}")


train(natural, "natural")
train(double, "double")
