"""A seeded double Q-learning brain in the shape of MorvanZhou's Double DQN RL_brain.py run alone (written
for migrate's --style tf2 tests): `sess=None` as `__init__`'s last parameter and the object made without
it, so it makes its own Session and initializes the variables (`if sess is None:` ... `else: self.sess =
sess`); `_build_net` defines `build_layers(s, c_names, n_l1, w_initializer, b_initializer)` and calls it
for the evaluation and the target net, whose `tf.get_collection` lists the target copy zips. Double Q
targets from two fetches of one run. A made-up drifting 2-feature environment (NumPy draws).
migrate/tf2_classes.py `_inline_build_calls` (a local function), `_optional_session`."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(4)


class DoubleBrain:
    def __init__(self, n_actions, n_features, learning_rate=0.02, reward_decay=0.9, replace_target_iter=5,
                 double_q=True, sess=None):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.double_q = double_q
        self.learn_step_counter = 0
        self._build_net()
        t_params = tf.get_collection('target_net_params')
        e_params = tf.get_collection('eval_net_params')
        self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
        if sess is None:
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
        else:
            self.sess = sess

    def _build_net(self):
        def build_layers(s, c_names, n_l1, w_initializer, b_initializer):
            with tf.variable_scope('l1'):
                w1 = tf.get_variable('w1', [self.n_features, n_l1], initializer=w_initializer, collections=c_names)
                b1 = tf.get_variable('b1', [1, n_l1], initializer=b_initializer, collections=c_names)
                l1 = tf.nn.relu(tf.matmul(s, w1) + b1)
            with tf.variable_scope('l2'):
                w2 = tf.get_variable('w2', [n_l1, self.n_actions], initializer=w_initializer, collections=c_names)
                b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_initializer, collections=c_names)
                out = tf.matmul(l1, w2) + b2
            return out

        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='Q_target')
        with tf.variable_scope('eval_net'):
            c_names, n_l1, w_initializer, b_initializer = \
                ['eval_net_params', tf.GraphKeys.GLOBAL_VARIABLES], 8, \
                tf.random_normal_initializer(0., 0.3), tf.constant_initializer(0.1)
            self.q_eval = build_layers(self.s, c_names, n_l1, w_initializer, b_initializer)
        with tf.variable_scope('loss'):
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
        with tf.variable_scope('train'):
            self._train_op = tf.train.RMSPropOptimizer(self.lr).minimize(self.loss)
        self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
        with tf.variable_scope('target_net'):
            c_names = ['target_net_params', tf.GraphKeys.GLOBAL_VARIABLES]
            self.q_next = build_layers(self.s_, c_names, n_l1, w_initializer, b_initializer)

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})))

    def learn(self, s, a, r, s_):
        if self.learn_step_counter % self.replace_target_iter == 0:
            self.sess.run(self.replace_target_op)
        q_next, q_eval4next = self.sess.run([self.q_next, self.q_eval], feed_dict={self.s_: s_, self.s: s_})
        q_eval = self.sess.run(self.q_eval, {self.s: s})
        q_target = q_eval.copy()
        if self.double_q:
            selected = q_next[np.arange(len(a)), np.argmax(q_eval4next, axis=1)]
        else:
            selected = np.max(q_next, axis=1)
        q_target[np.arange(len(a)), a] = r + self.gamma * selected
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q_target})
        self.learn_step_counter += 1
        return cost


brain = DoubleBrain(3, 2)
rng = np.random.RandomState(2)
memory = []
obs = rng.rand(2)
for step in range(120):
    action = brain.choose_action(obs) if rng.rand() < 0.8 else rng.randint(3)
    following = np.clip(obs + 0.1 * (action - 1) + (rng.rand(2) - 0.5) * 0.1, -1, 1)
    memory.append((obs, action, float(following.sum() > 0.5), following))
    obs = following
    if step >= 32 and step % 3 == 0:
        batch = [memory[i] for i in rng.choice(len(memory), 16)]
        s, a, r, s_ = (np.array(x) for x in zip(*batch))
        print(f"step={step} cost={float(brain.learn(s, a, r, s_))!r}")
print(f"action={brain.choose_action(obs)}")
