"""Seeded Q-network agents (written for migrate's --style tf2 tests, in the shape of MorvanZhou's
DQN brains): `tf.set_random_seed(1)` at the top, then classes building their graph in `_build_net`
(called by `__init__`, under variable scopes) with unseeded random initial values, and one random op
of the training step (noise on the targets), making their own Session in `__init__` (shown by a
FileWriter when asked) and copying the evaluation weights into the target network by assign ops run
every few steps. Two agents are made, so the op seeds TF 1.x counted run across objects; the learn
step feeds a dict bound on the line above the run. A made-up 4-state chain stands in for the
environment (migrate/tf2_classes.py: op seeds counted where the graph method built each op)."""
import sys

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)


class ChainQ:
    def __init__(self, n_actions, n_features, learning_rate=0.01, reward_decay=0.9, replace_target_iter=4,
                 output_graph=False):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.learn_step_counter = 0
        self._build_net()
        self.sess = tf.Session()
        if output_graph:
            tf.summary.FileWriter(sys.argv[1], self.sess.graph)
        self.sess.run(tf.global_variables_initializer())
        self.cost_his = []

    def _build_net(self):
        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='Q_target')
        with tf.variable_scope('eval_net'):
            self.w1 = tf.Variable(tf.random_normal([self.n_features, 6], 0., 0.3), name='w1')
            self.b1 = tf.Variable(tf.constant(0.1, shape=[1, 6]), name='b1')
            l1 = tf.nn.relu(tf.matmul(self.s, self.w1) + self.b1)
            self.w2 = tf.Variable(tf.random_normal([6, self.n_actions], 0., 0.3), name='w2')
            self.q_eval = tf.matmul(l1, self.w2)
        with tf.variable_scope('loss'):
            # a little noise on the targets: a random op of the training step
            noisy_target = self.q_target + tf.random_normal(tf.shape(self.q_target), stddev=0.01)
            self.loss = tf.reduce_mean(tf.squared_difference(noisy_target, self.q_eval))
        with tf.variable_scope('train'):
            self._train_op = tf.train.RMSPropOptimizer(self.lr).minimize(self.loss)
        self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
        with tf.variable_scope('target_net'):
            self.tw1 = tf.Variable(tf.random_normal([self.n_features, 6], 0., 0.3), trainable=False)
            self.tb1 = tf.Variable(tf.constant(0.1, shape=[1, 6]), trainable=False)
            t1 = tf.nn.relu(tf.matmul(self.s_, self.tw1) + self.tb1)
            self.tw2 = tf.Variable(tf.random_normal([6, self.n_actions], 0., 0.3), trainable=False)
            self.q_next = tf.matmul(t1, self.tw2)
        t_params = [self.tw1, self.tb1, self.tw2]
        e_params = [self.w1, self.b1, self.w2]
        self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]

    def choose_action(self, observation):
        actions_value = self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})
        return int(np.argmax(actions_value))

    def q_values(self, s):
        return self.sess.run(self.q_eval, {self.s: s})

    def learn(self, s, a, r, s_):
        if self.learn_step_counter % self.replace_target_iter == 0:
            self.sess.run(self.replace_target_op)
        q_next = self.sess.run(self.q_next, feed_dict={self.s_: s_})
        q_eval = self.sess.run(self.q_eval, {self.s: s})
        q_target = q_eval.copy()
        q_target[np.arange(len(a)), a] = r + self.gamma * np.max(q_next, axis=1)
        feed = {self.s: s,
                self.q_target: q_target}
        _, cost = self.sess.run([self._train_op, self.loss], feed)
        self.cost_his.append(cost)
        self.learn_step_counter += 1
        return cost


def chain_step(state, action):
    """4 states in a row: action 1 moves right, 0 left; the last state pays 1."""
    following = min(state + 1, 3) if action == 1 else max(state - 1, 0)
    return following, (1.0 if following == 3 else 0.0)


agents = [ChainQ(2, 4, output_graph=True), ChainQ(2, 4, learning_rate=0.02)]
eye = np.eye(4, dtype=np.float32)
rng = np.random.RandomState(0)
for episode in range(3):
    for k, agent in enumerate(agents):
        state, batch = 0, []
        for t in range(12):
            action = agent.choose_action(eye[state]) if rng.rand() < 0.7 else rng.randint(2)
            following, reward = chain_step(state, action)
            batch.append((eye[state], action, reward, eye[following]))
            state = following
            if len(batch) == 4:
                s, a, r, s_ = (np.array(x) for x in zip(*batch))
                cost = agent.learn(s, a, r, s_)
                batch = []
        print(f"episode={episode} agent={k} cost={cost:.9g} q={agent.q_values(eye[:1])[0, 1]:.9g}")
print(f"costs={np.round(agents[0].cost_his, 6).tolist()[:6]}")
