"""Two seeded Q-learning brains in the shape of MorvanZhou's Prioritized Replay DQN RL_brain.py (written for
migrate's --style tf2 tests): `if self.prioritized:` makes the importance-weights placeholder in `_build_net`,
another `if self.prioritized:` (the same test) weighs the loss by it and computes the absolute errors, and
`learn` runs the training op feeding the weights in one branch and not in the other. One brain of each kind
shares the program's Session; they learn in turns from a made-up drifting 2-feature environment (NumPy
draws), the weights drawn by NumPy too. migrate/tf2_classes.py `_check_fed` (a placeholder made and read
under a branch not taken)."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(6)


class PrioritizedBrain:
    def __init__(self, sess, n_actions, n_features, prioritized, learning_rate=0.02, reward_decay=0.9):
        self.sess = sess
        self.n_actions = n_actions
        self.n_features = n_features
        self.prioritized = prioritized
        self.lr = learning_rate
        self.gamma = reward_decay
        self._build_net()

    def _build_net(self):
        self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='Q_target')
        if self.prioritized:
            self.ISWeights = tf.placeholder(tf.float32, [None, 1], name='IS_weights')
        w1 = tf.Variable(tf.random_normal([self.n_features, 6], 0., 0.3))
        b1 = tf.Variable(tf.constant(0.1, shape=[1, 6]))
        w2 = tf.Variable(tf.random_normal([6, self.n_actions], 0., 0.3))
        l1 = tf.nn.relu(tf.matmul(self.s, w1) + b1)
        self.q_eval = tf.matmul(l1, w2)
        with tf.variable_scope('loss'):
            if self.prioritized:
                self.abs_errors = tf.reduce_sum(tf.abs(self.q_target - self.q_eval), axis=1)
                self.loss = tf.reduce_mean(self.ISWeights * tf.squared_difference(self.q_target, self.q_eval))
            else:
                self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
        self._train_op = tf.train.RMSPropOptimizer(self.lr).minimize(self.loss)

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})))

    def learn(self, s, a, r, s_, weights):
        q_next = self.sess.run(self.q_eval, {self.s: s_})
        q_eval = self.sess.run(self.q_eval, {self.s: s})
        q_target = q_eval.copy()
        q_target[np.arange(len(a)), a] = r + self.gamma * np.max(q_next, axis=1)
        if self.prioritized:
            _, abs_errors, cost = self.sess.run([self._train_op, self.abs_errors, self.loss],
                                                feed_dict={self.s: s, self.q_target: q_target, self.ISWeights: weights})
            return cost + abs_errors.sum()
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q_target})
        return cost


sess = tf.Session()
with tf.variable_scope('natural'):
    natural = PrioritizedBrain(sess, 3, 2, prioritized=False)
with tf.variable_scope('prioritized'):
    prio = PrioritizedBrain(sess, 3, 2, prioritized=True)
sess.run(tf.global_variables_initializer())

rng = np.random.RandomState(3)
memory = []
obs = rng.rand(2)
for step in range(120):
    brain = natural if step % 2 == 0 else prio
    action = brain.choose_action(obs) if rng.rand() < 0.8 else rng.randint(3)
    following = np.clip(obs + 0.1 * (action - 1) + (rng.rand(2) - 0.5) * 0.1, -1, 1)
    memory.append((obs, action, float(following.sum() > 0.5), following))
    obs = following
    if step >= 16 and step % 4 < 2:
        batch = [memory[i] for i in rng.choice(len(memory), 16)]
        s, a, r, s_ = (np.array(x) for x in zip(*batch))
        weights = rng.rand(16, 1).astype(np.float32)
        print(f"step={step} cost={float(brain.learn(s, a, r, s_, weights))!r}")
print(f"natural_action={natural.choose_action(obs)} prio_action={prio.choose_action(obs)}")
