"""A seeded DQN whose loss gathers the Q value of each action taken from the network's output (written
for migrate's --style tf2 tests, in the shape of MorvanZhou's DQN_modified.py and Curiosity.py:
`q_wrt_a = tf.gather_nd(params=self.q_eval, indices=a_indices)`), trained with RMSProp: the gather
reads a computed tensor, not a variable, so the variables' gradients are dense and v1's dense
RMSProp rule applies (tf2_classes `_gathers_variable`); the inputs made and returned by a method
(`self.s, self.a, self.r = self._build_inputs()`). A made-up drifting 2-feature environment
(NumPy draws) stands in for the game."""
import numpy as np
import tensorflow as tf

np.random.seed(7)
tf.set_random_seed(7)


class DeepQNetwork:
    def __init__(self, n_actions, n_features, learning_rate=0.01, reward_decay=0.9):
        self.n_actions = n_actions
        self.n_features = n_features
        self.gamma = reward_decay
        self.s, self.a, self.r = self._build_inputs()
        w_init, b_init = tf.random_normal_initializer(0., 0.3), tf.constant_initializer(0.1)
        w1 = tf.get_variable('w1', [n_features, 8], initializer=w_init)
        b1 = tf.get_variable('b1', [8], initializer=b_init)
        w2 = tf.get_variable('w2', [8, n_actions], initializer=w_init)
        b2 = tf.get_variable('b2', [n_actions], initializer=b_init)
        self.q_eval = tf.matmul(tf.nn.relu(tf.matmul(self.s, w1) + b1), w2) + b2
        a_indices = tf.stack([tf.range(tf.shape(self.a)[0], dtype=tf.int32), self.a], axis=1)
        q_wrt_a = tf.gather_nd(params=self.q_eval, indices=a_indices)
        self.loss = tf.reduce_mean(tf.squared_difference(self.r, q_wrt_a))
        self._train_op = tf.train.RMSPropOptimizer(learning_rate).minimize(self.loss)
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def _build_inputs(self):
        s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
        a = tf.placeholder(tf.int32, [None, ], name='a')
        r = tf.placeholder(tf.float32, [None, ], name='r')
        return s, a, r

    def choose_action(self, observation):
        return int(np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]})))

    def learn(self, s, a, r, s_):
        q_next = self.sess.run(self.q_eval, feed_dict={self.s: s_})
        target = r + self.gamma * np.max(q_next, axis=1)
        _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.a: a, self.r: target})
        return cost


brain = DeepQNetwork(3, 2)
rng = np.random.RandomState(2)
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
