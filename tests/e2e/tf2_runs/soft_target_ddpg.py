"""An actor-critic agent whose target networks follow by soft updates over variables read back by
scope (written for migrate's --style tf2 tests, in the shape of MorvanZhou's DDPG_update.py): a graph
seed at the top; `_build_a` / `_build_c` called twice each under `variable_scope('Actor')` /
`('Critic')` with a scope and `trainable=` argument (the target networks not trainable), the actor of
`tf.layers.dense`, the critic of get_variable with initializers bound once; `get_collection(GLOBAL_VARIABLES,
scope='Actor/eval')` and the three others before the training ops; the soft replacement
`tf.assign(t, (1 - TAU) * t + TAU * e)` over the zipped lists; two Adam optimizers with var_list.
A made-up 3-feature environment (NumPy draws) stands in for the pendulum."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(2)
TAU = 0.05
GAMMA = 0.9


class DDPG:
    def __init__(self, a_dim, s_dim, a_bound):
        self.sess = tf.Session()
        self.a_dim, self.s_dim, self.a_bound = a_dim, s_dim, a_bound
        self.S = tf.placeholder(tf.float32, [None, s_dim], 's')
        self.S_ = tf.placeholder(tf.float32, [None, s_dim], 's_')
        self.R = tf.placeholder(tf.float32, [None, 1], 'r')
        with tf.variable_scope('Actor'):
            self.a = self._build_a(self.S, scope='eval', trainable=True)
            a_ = self._build_a(self.S_, scope='target', trainable=False)
        with tf.variable_scope('Critic'):
            q = self._build_c(self.S, self.a, scope='eval', trainable=True)
            q_ = self._build_c(self.S_, a_, scope='target', trainable=False)
        self.ae_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='Actor/eval')
        self.at_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='Actor/target')
        self.ce_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='Critic/eval')
        self.ct_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='Critic/target')
        self.soft_replace = [tf.assign(t, (1 - TAU) * t + TAU * e)
                             for t, e in zip(self.at_params + self.ct_params, self.ae_params + self.ce_params)]
        q_target = self.R + GAMMA * q_
        self.td = tf.reduce_mean(tf.squared_difference(q_target, q))
        self.ctrain = tf.train.AdamOptimizer(0.01).minimize(self.td, var_list=self.ce_params)
        a_loss = - tf.reduce_mean(q)
        self.atrain = tf.train.AdamOptimizer(0.005).minimize(a_loss, var_list=self.ae_params)
        self.sess.run(tf.global_variables_initializer())

    def choose_action(self, s):
        return self.sess.run(self.a, {self.S: s[np.newaxis, :]})[0]

    def learn(self, bs, br, bs_):
        self.sess.run(self.soft_replace)
        self.sess.run(self.atrain, {self.S: bs})
        _, loss = self.sess.run([self.ctrain, self.td], {self.S: bs, self.R: br, self.S_: bs_})
        return loss

    def _build_a(self, s, scope, trainable):
        with tf.variable_scope(scope):
            net = tf.layers.dense(s, 16, activation=tf.nn.relu, name='l1', trainable=trainable,
                                  kernel_initializer=tf.random_normal_initializer(0., 0.3))
            a = tf.layers.dense(net, self.a_dim, activation=tf.nn.tanh, name='a', trainable=trainable,
                                kernel_initializer=tf.random_normal_initializer(0., 0.3))
            return tf.multiply(a, self.a_bound, name='scaled_a')

    def _build_c(self, s, a, scope, trainable):
        with tf.variable_scope(scope):
            n_l1 = 16
            w_init, b_init = tf.random_normal_initializer(0., 0.1), tf.constant_initializer(0.1)
            w1_s = tf.get_variable('w1_s', [3, n_l1], initializer=w_init, trainable=trainable)
            w1_a = tf.get_variable('w1_a', [1, n_l1], initializer=w_init, trainable=trainable)
            b1 = tf.get_variable('b1', [1, n_l1], initializer=b_init, trainable=trainable)
            w2 = tf.get_variable('w2', [n_l1, 1], initializer=w_init, trainable=trainable)
            net = tf.nn.relu(tf.matmul(s, w1_s) + tf.matmul(a, w1_a) + b1)
            return tf.matmul(net, w2)


agent = DDPG(1, 3, 2.0)
rng = np.random.RandomState(5)
memory = []
s = rng.rand(3)
for step in range(100):
    a = np.clip(agent.choose_action(s) + rng.normal(0, 0.3), -2, 2)
    s2 = np.clip(s + 0.05 * a + (rng.rand(3) - 0.5) * 0.1, -1, 1)
    memory.append(np.hstack((s, a, [-np.sum(s2 ** 2)], s2)))
    s = s2
    if step >= 20:
        batch = np.array([memory[i] for i in rng.choice(len(memory), 16)])
        loss = agent.learn(batch[:, :3], batch[:, 4:5], batch[:, -3:])
        if step % 20 == 0:
            print(f"step={step} td={loss:.9g} action={agent.choose_action(s)[0]:.9g}")
print(f"last_td={loss:.9g}")
