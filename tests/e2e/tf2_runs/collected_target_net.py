"""A Q-learning brain whose variables go into named collections (written for migrate's --style tf2
tests, in the shape of MorvanZhou's 5_Deep_Q_Network/RL_brain.py): a graph seed at the top; `_build_net`
makes both networks with `get_variable(..., initializer=w_init, collections=c_names)` (a
random_normal_initializer and a constant_initializer bound once, `c_names` and the layer names bound
again for the target network; one xavier kernel written over two lines), under nested variable scopes, trained with RMSProp; `__init__` reads the
two collections back after `_build_net()` to build the target copy's assign ops, then makes its Session.
A made-up drifting 2-feature environment (NumPy draws) stands in for the maze (migrate/tf2_classes.py)."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(3)


class Brain:
    def __init__(self, n_actions, n_features, learning_rate=0.01, reward_decay=0.9, replace_target_iter=10):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.learn_step_counter = 0
        self._build_net()
        t_params = tf.get_collection('target_params')
        e_params = tf.get_collection('eval_params')
        self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def _build_net(self):
        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='q_target')
        with tf.variable_scope('eval'):
            c_names, n_hidden, w_init, b_init = \
                ['eval_params', tf.GraphKeys.GLOBAL_VARIABLES], 8, \
                tf.random_normal_initializer(0., 0.3), tf.constant_initializer(0.1)
            with tf.variable_scope('hidden'):
                w1 = tf.get_variable('w1', [2, 8], collections=c_names,
                                     initializer=tf.contrib.layers.xavier_initializer())
                b1 = tf.get_variable('b1', [1, n_hidden], initializer=b_init, collections=c_names)
                h = tf.nn.relu(tf.matmul(self.s, w1) + b1)
            with tf.variable_scope('out'):
                w2 = tf.get_variable('w2', [n_hidden, self.n_actions], initializer=w_init, collections=c_names)
                b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_init, collections=c_names)
                self.q_eval = tf.matmul(h, w2) + b2
        with tf.variable_scope('loss'):
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
        with tf.variable_scope('train'):
            self._train_op = tf.train.RMSPropOptimizer(self.lr).minimize(self.loss)
        self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
        with tf.variable_scope('target'):
            c_names = ['target_params', tf.GraphKeys.GLOBAL_VARIABLES]
            with tf.variable_scope('hidden'):
                w1 = tf.get_variable('w1', [self.n_features, n_hidden], initializer=w_init, collections=c_names)
                b1 = tf.get_variable('b1', [1, n_hidden], initializer=b_init, collections=c_names)
                h = tf.nn.relu(tf.matmul(self.s_, w1) + b1)
            with tf.variable_scope('out'):
                w2 = tf.get_variable('w2', [n_hidden, self.n_actions], initializer=w_init, collections=c_names)
                b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_init, collections=c_names)
                self.q_next = tf.matmul(h, w2) + b2

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


brain = Brain(3, 2)
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
