"""Two seeded Q-learning brains in the shape of MorvanZhou's Double and Dueling DQN RL_brain.py (written
for migrate's --style tf2 tests): `_build_net` defines `build_layers(s, c_names, n_l1, w_initializer,
b_initializer)` and calls it for the evaluation and the target net; the function makes its variables
under variable scopes, binds `w2` once per scope in the branches of `if self.dueling:` and keeps the
value and advantage streams on the object (`self.V`, `self.A`); `sess=None` in `__init__`'s
parameters with `if sess is None:` (its own Session, initialized) `else: self.sess = sess`. Both brains
share the program's Session and the graph-wide collections (the second brain's target copy also
copies the first's, as TF 1.x's collections held both): they learn in turns from a made-up drifting
2-feature environment (NumPy draws). migrate/tf2_classes.py `_inline_build_calls` (a local function),
`_local_attributes`, `_optional_session`, `_rename_generations` (bindings under branches)."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(3)


class DuelingBrain:
    def __init__(self, n_actions, n_features, learning_rate=0.01, reward_decay=0.9,
                 replace_target_iter=6, dueling=True, sess=None):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.dueling = dueling
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
        self.cost_his = []

    def _build_net(self):
        def build_layers(s, c_names, n_l1, w_initializer, b_initializer):
            with tf.variable_scope('l1'):
                w1 = tf.get_variable('w1', [self.n_features, n_l1], initializer=w_initializer, collections=c_names)
                b1 = tf.get_variable('b1', [1, n_l1], initializer=b_initializer, collections=c_names)
                l1 = tf.nn.relu(tf.matmul(s, w1) + b1)

            if self.dueling:
                with tf.variable_scope('Value'):
                    w2 = tf.get_variable('w2', [n_l1, 1], initializer=w_initializer, collections=c_names)
                    b2 = tf.get_variable('b2', [1, 1], initializer=b_initializer, collections=c_names)
                    self.V = tf.matmul(l1, w2) + b2

                with tf.variable_scope('Advantage'):
                    w2 = tf.get_variable('w2', [n_l1, self.n_actions], initializer=w_initializer, collections=c_names)
                    b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_initializer, collections=c_names)
                    self.A = tf.matmul(l1, w2) + b2

                with tf.variable_scope('Q'):
                    out = self.V + (self.A - tf.reduce_mean(self.A, axis=1, keep_dims=True))
            else:
                with tf.variable_scope('Q'):
                    w2 = tf.get_variable('w2', [n_l1, self.n_actions], initializer=w_initializer, collections=c_names)
                    b2 = tf.get_variable('b2', [1, self.n_actions], initializer=b_initializer, collections=c_names)
                    out = tf.matmul(l1, w2) + b2
            return out

        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='Q_target')
        with tf.variable_scope('eval_net'):
            c_names, n_l1, w_initializer, b_initializer = \
                ['eval_net_params', tf.GraphKeys.GLOBAL_VARIABLES], 6, \
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
        actions_value = self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})
        return int(np.argmax(actions_value))

    def learn(self, s, a, r, s_):
        if self.learn_step_counter % self.replace_target_iter == 0:
            self.sess.run(self.replace_target_op)
        q_next = self.sess.run(self.q_next, feed_dict={self.s_: s_})
        q_eval = self.sess.run(self.q_eval, {self.s: s})
        q_target = q_eval.copy()
        q_target[np.arange(len(a)), a] = r + self.gamma * np.max(q_next, axis=1)
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q_target})
        self.cost_his.append(cost)
        self.learn_step_counter += 1
        return cost


sess = tf.Session()
with tf.variable_scope('natural'):
    natural = DuelingBrain(3, 2, dueling=False, sess=sess)
with tf.variable_scope('dueling'):
    dueling = DuelingBrain(3, 2, dueling=True, sess=sess)
sess.run(tf.global_variables_initializer())

rng = np.random.RandomState(1)
memory = []
obs = rng.rand(2)
for step in range(160):
    brain = natural if step % 2 == 0 else dueling
    action = brain.choose_action(obs) if rng.rand() < 0.8 else rng.randint(3)
    following = np.clip(obs + 0.1 * (action - 1) + (rng.rand(2) - 0.5) * 0.1, -1, 1)
    memory.append((obs, action, float(following.sum() > 0.5), following))
    obs = following
    if step >= 32 and step % 4 < 2:
        batch = [memory[i] for i in rng.choice(len(memory), 16)]
        s, a, r, s_ = (np.array(x) for x in zip(*batch))
        print(f"step={step} cost={float(brain.learn(s, a, r, s_))!r}")
print(f"natural_action={natural.choose_action(obs)} dueling_action={dueling.choose_action(obs)}")
print(f"natural_costs={float(sum(natural.cost_his))!r} dueling_costs={float(sum(dueling.cost_his))!r}")
