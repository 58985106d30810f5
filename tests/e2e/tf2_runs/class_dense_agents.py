"""Seeded agents whose graph methods call v1 `tf.layers.dense` (written for migrate's --style tf2
tests, in the shape of MorvanZhou's policy-gradient brain and actor-critic pair and hunkim's DQN):
`tf.set_random_seed(1)` at the top; a policy-gradient class making its own Session, its layers in
`_build_net` under name scopes, by keyword (random-normal kernels, constant biases, names); an
actor and a critic handed one Session, their layers under variable scopes (the critic's output
with no activation, the actor's a softmax); a Q network with positional arguments, a `net`
rebound layer after layer and an unnamed layer with no bias and the default kernel initializer (under
the graph seed TF 1.x's glorot_uniform_initializer, written by the compat pass, MIG117: its op seed
the graph's count; Python's `random` is seeded too and plays no part); the critic's value layer made with
trainable=False; the program shows the shared Session's graph by a FileWriter. Gradient descent and RMSProp (the
exact rules; Morvan's Adam is measured on his files). A made-up 4-state chain stands in
for the environment (migrate/tf2_classes.py `_class_layers`)."""
import random
import sys

import numpy as np
import tensorflow as tf

np.random.seed(1)
random.seed(2)  # no part in the kernels: under the graph seed they are v1's glorot draws (MIG117)
tf.set_random_seed(1)
GAMMA = 0.9


class PolicyGradient:
    def __init__(self, n_actions, n_features, learning_rate=0.02, output_graph=False):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.ep_obs, self.ep_as, self.ep_rs = [], [], []
        self._build_net()
        self.sess = tf.Session()
        if output_graph:
            tf.summary.FileWriter(sys.argv[1], self.sess.graph)
        self.sess.run(tf.global_variables_initializer())

    def _build_net(self):
        with tf.name_scope('inputs'):
            self.tf_obs = tf.placeholder(tf.float32, [None, self.n_features], name="observations")
            self.tf_acts = tf.placeholder(tf.int32, [None, ], name="actions_num")
            self.tf_vt = tf.placeholder(tf.float32, [None, ], name="actions_value")
        layer = tf.layers.dense(
            inputs=self.tf_obs,
            units=10,
            activation=tf.nn.tanh,  # tanh activation
            kernel_initializer=tf.random_normal_initializer(mean=0, stddev=0.3),
            bias_initializer=tf.constant_initializer(0.1),
            name='fc1'
        )
        all_act = tf.layers.dense(
            inputs=layer,
            units=self.n_actions,
            activation=None,
            kernel_initializer=tf.random_normal_initializer(mean=0, stddev=0.3),
            bias_initializer=tf.constant_initializer(0.1),
            name='fc2'
        )
        self.all_act_prob = tf.nn.softmax(all_act, name='act_prob')
        with tf.name_scope('loss'):
            neg_log_prob = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=all_act, labels=self.tf_acts)
            loss = tf.reduce_mean(neg_log_prob * self.tf_vt)
        with tf.name_scope('train'):
            self.train_op = tf.train.GradientDescentOptimizer(self.lr).minimize(loss)

    def probabilities(self, observation):
        return self.sess.run(self.all_act_prob, feed_dict={self.tf_obs: observation[np.newaxis, :]})

    def learn(self, obs, acts, vt):
        self.sess.run(self.train_op, feed_dict={
            self.tf_obs: obs,
            self.tf_acts: acts,
            self.tf_vt: vt,
        })


class Actor:
    def __init__(self, sess, n_features, n_actions, lr=0.001):
        self.sess = sess
        self.s = tf.placeholder(tf.float32, [1, n_features], "state")
        self.a = tf.placeholder(tf.int32, None, "act")
        self.td_error = tf.placeholder(tf.float32, None, "td_error")
        with tf.variable_scope('Actor'):
            l1 = tf.layers.dense(
                inputs=self.s,
                units=20,    # number of hidden units
                activation=tf.nn.relu,
                kernel_initializer=tf.random_normal_initializer(0., .1),    # weights
                bias_initializer=tf.constant_initializer(0.1),  # biases
                name='l1'
            )
            self.acts_prob = tf.layers.dense(
                inputs=l1,
                units=n_actions,    # output units
                activation=tf.nn.softmax,   # get action probabilities
                kernel_initializer=tf.random_normal_initializer(0., .1),  # weights
                bias_initializer=tf.constant_initializer(0.1),  # biases
                name='acts_prob'
            )
        with tf.variable_scope('exp_v'):
            log_prob = tf.log(self.acts_prob[0, self.a])
            self.exp_v = tf.reduce_mean(log_prob * self.td_error)
        with tf.variable_scope('train'):
            self.train_op = tf.train.RMSPropOptimizer(lr).minimize(-self.exp_v)

    def learn(self, s, a, td):
        s = s[np.newaxis, :]
        feed_dict = {self.s: s, self.a: a, self.td_error: td}
        _, exp_v = self.sess.run([self.train_op, self.exp_v], feed_dict)
        return exp_v

    def probabilities(self, s):
        return self.sess.run(self.acts_prob, {self.s: s[np.newaxis, :]})


class Critic:
    def __init__(self, sess, n_features, lr=0.01):
        self.sess = sess
        self.train_head = False  # the value layer not trained (v1's trainable=False)
        self.s = tf.placeholder(tf.float32, [1, n_features], "state")
        self.v_ = tf.placeholder(tf.float32, [1, 1], "v_next")
        self.r = tf.placeholder(tf.float32, None, 'r')
        with tf.variable_scope('Critic'):
            l1 = tf.layers.dense(
                inputs=self.s,
                units=20,  # number of hidden units
                activation=tf.nn.relu,  # None
                kernel_initializer=tf.random_normal_initializer(0., .1),  # weights
                bias_initializer=tf.constant_initializer(0.1),  # biases
                name='l1'
            )
            self.v = tf.layers.dense(
                inputs=l1,
                units=1,  # output units
                activation=None,
                kernel_initializer=tf.random_normal_initializer(0., .1),  # weights
                bias_initializer=tf.constant_initializer(0.1),  # biases
                name='V',
                trainable=self.train_head,
            )
        with tf.variable_scope('squared_TD_error'):
            self.td_error = self.r + GAMMA * self.v_ - self.v
            self.loss = tf.square(self.td_error)
        with tf.variable_scope('train'):
            self.train_op = tf.train.GradientDescentOptimizer(lr).minimize(self.loss)

    def learn(self, s, r, s_):
        s, s_ = s[np.newaxis, :], s_[np.newaxis, :]
        v_ = self.sess.run(self.v, {self.s: s_})
        td_error, _ = self.sess.run([self.td_error, self.train_op],
                                    {self.s: s, self.v_: v_, self.r: r})
        return td_error


class QNetwork:
    def __init__(self, session, input_size, output_size, name="main"):
        self.session = session
        self.input_size = input_size
        self.output_size = output_size
        self.net_name = name
        self._build_network()

    def _build_network(self, h_size=8, l_rate=0.01):
        with tf.variable_scope(self.net_name):
            self._X = tf.placeholder(tf.float32, [None, self.input_size], name="input_x")
            net = self._X
            net = tf.layers.dense(net, h_size, tf.nn.relu, kernel_initializer=tf.random_uniform_initializer(-0.5, 0.5))
            net = tf.layers.dense(net, self.output_size, use_bias=False)
            self._Qpred = net
            self._Y = tf.placeholder(tf.float32, shape=[None, self.output_size])
            self._loss = tf.reduce_mean(tf.square(self._Y - self._Qpred))
            optimizer = tf.train.GradientDescentOptimizer(learning_rate=l_rate)
            self._train = optimizer.minimize(self._loss)

    def predict(self, state):
        return self.session.run(self._Qpred, feed_dict={self._X: np.reshape(state, [-1, self.input_size])})

    def update(self, x_stack, y_stack):
        feed = {self._X: x_stack, self._Y: y_stack}
        return self.session.run([self._loss, self._train], feed)


def chain_step(state, action):
    """4 states in a row: action 1 moves right, 0 left; the last state pays 1."""
    following = min(state + 1, 3) if action == 1 else max(state - 1, 0)
    return following, (1.0 if following == 3 else 0.0)


eye = np.eye(4, dtype=np.float32)
rng = np.random.RandomState(0)
pg = PolicyGradient(2, 4, output_graph=True)
sess = tf.Session()
actor = Actor(sess, n_features=4, n_actions=2, lr=0.01)
critic = Critic(sess, n_features=4, lr=0.02)
q = QNetwork(sess, 4, 2)
sess.run(tf.global_variables_initializer())
if len(sys.argv) > 1:
    tf.summary.FileWriter(sys.argv[1], sess.graph)  # the graph shown, as Morvan's AC_CartPole.py
for episode in range(4):
    state, obs, acts, rewards = 0, [], [], []
    for t in range(10):
        p = pg.probabilities(eye[state])[0]
        action = int(rng.rand() < p[1])
        following, reward = chain_step(state, action)
        obs.append(eye[state]), acts.append(action), rewards.append(reward)
        td = critic.learn(eye[state], reward, eye[following])
        exp_v = actor.learn(eye[state], action, td)
        target = q.predict(eye[state])
        target[0, action] = reward + GAMMA * np.max(q.predict(eye[following]))
        loss, _ = q.update(eye[state][None], target)
        state = following
    vt = np.array(rewards, dtype=np.float32) - np.mean(rewards)
    pg.learn(np.vstack(obs), np.array(acts), vt)
    print(f"episode={episode} p={p[1]:.9g} td={float(np.ravel(td)[0]):.9g} exp_v={exp_v:.9g} loss={loss:.9g} "
          f"actor={actor.probabilities(eye[0])[0, 1]:.9g}")
