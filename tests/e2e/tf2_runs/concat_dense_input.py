"""A seeded curiosity-driven Q-learner in the shape of MorvanZhou's Curiosity_Model/Curiosity.py (written for
migrate's --style tf2 tests): its dynamics net's first dense layer reads `sa = tf.concat((s, float_a),
axis=1)` of the state placeholder and `tf.expand_dims(tf.cast(a, dtype=tf.float32), axis=1)` of the rank-1
action placeholder (the kernel's first dimension the widths' sum), dense layers with and without names and
initializers, two RMSProp minimizes (one with var_list of a scope's trainable variables), the Q-values
gathered by `tf.gather_nd`; build methods returning their tensors. A made-up 2-feature environment (NumPy
draws). migrate/tf2_classes.py `_class_layers`, `_derived_shape`."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(2)


class CuriosityNet:
    def __init__(self, n_a, n_s, lr=0.01, gamma=0.9, batch_size=16):
        self.n_a = n_a
        self.n_s = n_s
        self.lr = lr
        self.gamma = gamma
        self.batch_size = batch_size
        self.tfs, self.tfa, self.tfr, self.tfs_, self.dyn_train, self.dqn_train, self.q, self.int_r = \
            self._build_nets()
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def _build_nets(self):
        tfs = tf.placeholder(tf.float32, [None, self.n_s], name="s")
        tfa = tf.placeholder(tf.int32, [None, ], name="a")
        tfr = tf.placeholder(tf.float32, [None, ], name="ext_r")
        tfs_ = tf.placeholder(tf.float32, [None, self.n_s], name="s_")
        _dyn_next, curiosity, dyn_train = self._build_dynamics_net(tfs, tfa, tfs_)
        total_reward = tf.add(curiosity, tfr, name="total_r")
        q, _dqn_loss, dqn_train = self._build_dqn(tfs, tfa, total_reward, tfs_)
        return tfs, tfa, tfr, tfs_, dyn_train, dqn_train, q, curiosity

    def _build_dynamics_net(self, s, a, s_):
        with tf.variable_scope("dyn_net"):
            float_a = tf.expand_dims(tf.cast(a, dtype=tf.float32, name="float_a"), axis=1, name="2d_a")
            sa = tf.concat((s, float_a), axis=1, name="sa")
            dyn_l = tf.layers.dense(sa, 8, activation=tf.nn.relu)
            dyn_s_ = tf.layers.dense(dyn_l, self.n_s)
        squared_diff = tf.reduce_sum(tf.square(s_ - dyn_s_), axis=1)
        train_op = tf.train.RMSPropOptimizer(self.lr, name="dyn_opt").minimize(tf.reduce_mean(squared_diff))
        return dyn_s_, squared_diff, train_op

    def _build_dqn(self, s, a, r, s_):
        with tf.variable_scope('eval_net'):
            e1 = tf.layers.dense(s, 16, tf.nn.relu)
            q = tf.layers.dense(e1, self.n_a, name="q")
        with tf.variable_scope('target_net'):
            t1 = tf.layers.dense(s_, 16, tf.nn.relu)
            q_ = tf.layers.dense(t1, self.n_a, name="q_")
        q_target = r + self.gamma * tf.reduce_max(q_, axis=1)
        a_indices = tf.stack([tf.range(tf.shape(a)[0], dtype=tf.int32), a], axis=1)
        q_wrt_a = tf.gather_nd(params=q, indices=a_indices)
        loss = tf.losses.mean_squared_error(labels=q_target, predictions=q_wrt_a)
        train_op = tf.train.RMSPropOptimizer(self.lr, name="dqn_opt").minimize(
            loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "eval_net"))
        return q, loss, train_op

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q, feed_dict={self.tfs: observation[np.newaxis, :]})))

    def learn(self, bs, ba, br, bs_, step):
        self.sess.run(self.dqn_train, feed_dict={self.tfs: bs, self.tfa: ba, self.tfr: br, self.tfs_: bs_})
        if step % 3 == 0:
            self.sess.run(self.dyn_train, feed_dict={self.tfs: bs, self.tfa: ba, self.tfs_: bs_})
        return self.sess.run(self.int_r, feed_dict={self.tfs: bs, self.tfa: ba, self.tfs_: bs_})


net = CuriosityNet(n_a=3, n_s=2)
rng = np.random.RandomState(1)
memory = []
obs = rng.rand(2)
for step in range(90):
    action = net.choose_action(obs) if rng.rand() < 0.8 else rng.randint(3)
    following = np.clip(obs + 0.1 * (action - 1) + (rng.rand(2) - 0.5) * 0.1, -1, 1)
    memory.append((obs, action, -1.0, following))
    obs = following
    if step >= 16:
        batch = [memory[i] for i in rng.choice(len(memory), 16)]
        bs, ba, br, bs_ = (np.array(x) for x in zip(*batch))
        print(f"step={step} int_r={float(net.learn(bs, ba, br, bs_, step).sum())!r}")
print(f"action={net.choose_action(obs)}")
