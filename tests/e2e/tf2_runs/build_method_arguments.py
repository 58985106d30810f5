"""A seeded Q-learning brain whose `__init__` builds both networks by one method taking arguments
and returning its output (written for migrate's --style tf2 tests, in the shape of MorvanZhou's
DDPG_update.py `q = self._build_c(self.S, self.a, scope='eval', trainable=True)`, his Double DQN's
`build_layers(s, c_names, n_l1, ...)` and golbin's `self.Q = self._build_network('main')`):
`_build_layers(s, c_names, n_hidden=8)` called twice (by position and keyword, one call leaving the
default), its `get_variable`s under `variable_scope(scope)` of a parameter, its output returned from
inside the scope block; `_build_train(lr)` returns the loss it trains and binds the training op; the
collections read back for the target copy; the Session handed to the constructor. A made-up
drifting 2-feature environment (NumPy draws) stands in for the game (migrate/tf2_classes.py
`_inline_build_calls`)."""
import numpy as np
import tensorflow as tf

np.random.seed(5)
tf.set_random_seed(5)


class Brain:
    def __init__(self, sess, n_actions, n_features, learning_rate=0.05, reward_decay=0.9, replace_target_iter=8):
        self.sess = sess
        self.n_actions = n_actions
        self.n_features = n_features
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.learn_step_counter = 0
        self.s = tf.placeholder(tf.float32, [None, n_features], name='s')
        self.s_ = tf.placeholder(tf.float32, [None, n_features], name='s_')
        self.q_target = tf.placeholder(tf.float32, [None, n_actions], name='q_target')
        self.q_eval = self._build_layers(self.s, ['eval_params', tf.GraphKeys.GLOBAL_VARIABLES], n_hidden=8,
                                         scope='eval')
        self.loss = self._build_train(learning_rate)
        self.q_next = self._build_layers(self.s_, ['target_params', tf.GraphKeys.GLOBAL_VARIABLES], scope='target')
        t_params = tf.get_collection('target_params')
        e_params = tf.get_collection('eval_params')
        self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]

    def _build_layers(self, s, c_names, n_hidden=8, scope='net'):
        w_init = tf.random_normal_initializer(0., 0.3)
        b_init = tf.constant_initializer(0.1)
        with tf.variable_scope(scope):
            w1 = tf.get_variable('w1', [self.n_features, n_hidden], initializer=w_init, collections=c_names)
            b1 = tf.get_variable('b1', [1, n_hidden], initializer=b_init, collections=c_names)
            h = tf.nn.relu(tf.matmul(s, w1) + b1)
            w2 = tf.get_variable('w2', [n_hidden, self.n_actions], initializer=w_init, collections=c_names)
            b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_init, collections=c_names)
            return tf.matmul(h, w2) + b2

    def _build_train(self, lr):
        loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
        self._train_op = tf.train.GradientDescentOptimizer(lr).minimize(loss)
        return loss

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})))

    def learn(self, s, a, r, s_):
        if self.learn_step_counter % self.replace_target_iter == 0:
            self.sess.run(self.replace_target_op)
        q_next, q_eval = self.sess.run([self.q_next, self.q_eval], feed_dict={self.s_: s_, self.s: s})
        q_target = q_eval.copy()
        q_target[np.arange(len(a)), a] = r + self.gamma * np.max(q_next, axis=1)
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q_target})
        self.learn_step_counter += 1
        return cost


sess = tf.Session()
brain = Brain(sess, 3, 2)
sess.run(tf.global_variables_initializer())
rng = np.random.RandomState(1)
memory = []
obs = rng.rand(2)
for step in range(120):
    action = brain.choose_action(obs) if rng.rand() < 0.8 else rng.randint(3)
    following = np.clip(obs + 0.1 * (action - 1) + (rng.rand(2) - 0.5) * 0.1, -1, 1)
    memory.append((obs, action, float(following.sum() > 0.5), following))
    obs = following
    if step >= 32 and step % 4 == 0:
        batch = [memory[i] for i in rng.choice(len(memory), 16)]
        s, a, r, s_ = (np.array(x) for x in zip(*batch))
        cost = brain.learn(s, a, r, s_)
        if step % 20 == 0:
            print(f"step={step} cost={cost:.9g}")
print(f"last_cost={cost:.9g}")
