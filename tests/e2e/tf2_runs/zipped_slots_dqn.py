"""A Q-learning brain whose target copy reads the evaluation network back by scope after its
training op (written for migrate's --style tf2 tests, in the shape of MorvanZhou's
Curiosity_Model/Random_Network_Distillation.py): RMSProp minimizes with `var_list=tf.get_collection(
tf.GraphKeys.TRAINABLE_VARIABLES, "eval_net")` and no variable scope around it, so its slots are named
`eval_net/e1/kernel/RMSProp` and `get_collection(GLOBAL_VARIABLES, scope='eval_net')` in `__init__`
lists them after the four variables; `zip(t_params, e_params)` with the target network's four stops
before them. A made-up drifting 2-feature environment (NumPy draws) stands in for the mountain car."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(3)


class DeepQNetwork:
    def __init__(self, n_actions, n_features, learning_rate=0.01, reward_decay=0.9, replace_target_iter=10):
        self.n_actions = n_actions
        self.n_features = n_features
        self.lr = learning_rate
        self.gamma = reward_decay
        self.replace_target_iter = replace_target_iter
        self.learn_step_counter = 0
        self._build_net()
        t_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='target_net')
        e_params = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES, 'eval_net')
        with tf.variable_scope('hard_replacement'):
            self.target_replace_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def _build_net(self):
        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
        self.r = tf.placeholder(tf.float32, [None, ], name='r')
        self.a = tf.placeholder(tf.int32, [None, ], name='a')
        w_initializer, b_initializer = tf.random_normal_initializer(0., 0.3), tf.constant_initializer(0.1)
        with tf.variable_scope('eval_net'):
            e1 = tf.layers.dense(self.s, 8, tf.nn.relu, kernel_initializer=w_initializer,
                                 bias_initializer=b_initializer, name='e1')
            self.q_eval = tf.layers.dense(e1, self.n_actions, kernel_initializer=w_initializer,
                                          bias_initializer=b_initializer, name='q')
        with tf.variable_scope('target_net'):
            t1 = tf.layers.dense(self.s_, 8, tf.nn.relu, kernel_initializer=w_initializer,
                                 bias_initializer=b_initializer)
            self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_initializer,
                                          bias_initializer=b_initializer)
        with tf.variable_scope('q_target'):
            q_target = self.r + self.gamma * tf.reduce_max(self.q_next, axis=1, name='Qmax_s_')
            self.q_target = tf.stop_gradient(q_target)
        with tf.variable_scope('q_eval'):
            a_indices = tf.stack([tf.range(tf.shape(self.a)[0], dtype=tf.int32), self.a], axis=1)
            self.q_eval_wrt_a = tf.gather_nd(params=self.q_eval, indices=a_indices)
        with tf.variable_scope('loss'):
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval_wrt_a, name='TD_error'))
        self._train_op = tf.train.RMSPropOptimizer(self.lr, name="dqn_opt").minimize(
            self.loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "eval_net"))
        self.norm = tf.add_n([tf.reduce_sum(tf.square(v)) for v in tf.trainable_variables('target_net')])

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})))

    def learn(self, s, a, r, s_):
        if self.learn_step_counter % self.replace_target_iter == 0:
            self.sess.run(self.target_replace_op)
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.a: a, self.r: r, self.s_: s_})
        self.learn_step_counter += 1
        return cost

    def weight_norm(self):
        return self.sess.run(self.norm)


brain = DeepQNetwork(3, 2)
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
            print(f"step={step} cost={cost:.9g} norm={brain.weight_norm():.9g}")
print(f"last_cost={cost:.9g}")
