"""A seeded Q-learning agent whose model methods are handed the Session at each call (written for
migrate's --style tf2 tests, in the shape of adventuresinML's MountainCar DQN): `Model.predict_one(self,
state, sess)`, `predict_batch(self, states, sess)`, `train_batch(self, sess, x_batch, y_batch)` run the
program's one Session; a `GameRunner` keeps it only to hand it on (`self._sess`); the placeholders and
ops are declared None in `__init__` before `_define_model()` binds them, and the program runs the
initializer the model made through a property (`sess.run(model.var_init)`). v1 dense layers with the
default kernel initializer (under the graph seed v1's glorot draws), Adam, epsilon-greedy actions from
Python's `random`. A made-up track stands in for the environment (migrate/tf2_classes.py
`_handed_sessions`)."""
import math
import random

import numpy as np
import tensorflow as tf

random.seed(0)
np.random.seed(0)
tf.set_random_seed(1)
GAMMA = 0.9


class Model:
    def __init__(self, num_states, num_actions, batch_size):
        self._num_states = num_states
        self._num_actions = num_actions
        self._batch_size = batch_size
        # define the placeholders
        self._states = None
        self._actions = None
        # the output operations
        self._logits = None
        self._optimizer = None
        self._var_init = None
        # now setup the model
        self._define_model()

    def _define_model(self):
        self._states = tf.placeholder(shape=[None, self._num_states], dtype=tf.float32)
        self._q_s_a = tf.placeholder(shape=[None, self._num_actions], dtype=tf.float32)
        fc1 = tf.layers.dense(self._states, 16, activation=tf.nn.relu)
        fc2 = tf.layers.dense(fc1, 16, activation=tf.nn.relu)
        self._logits = tf.layers.dense(fc2, self._num_actions)
        loss = tf.losses.mean_squared_error(self._q_s_a, self._logits)
        self._optimizer = tf.train.AdamOptimizer(0.01).minimize(loss)
        self._var_init = tf.global_variables_initializer()

    def predict_one(self, state, sess):
        return sess.run(self._logits, feed_dict={self._states: state.reshape(1, self.num_states)})

    def predict_batch(self, states, sess):
        return sess.run(self._logits, feed_dict={self._states: states})

    def train_batch(self, sess, x_batch, y_batch):
        sess.run(self._optimizer, feed_dict={self._states: x_batch, self._q_s_a: y_batch})

    @property
    def num_states(self):
        return self._num_states

    @property
    def num_actions(self):
        return self._num_actions

    @property
    def var_init(self):
        return self._var_init


class Track:
    """A car on a line: actions push left, nothing, right; the goal is at 1."""
    def reset(self):
        self.position, self.speed, self.steps = np.random.uniform(-0.6, -0.4), 0.0, 0
        return np.array([self.position, self.speed])

    def step(self, action):
        self.speed = float(np.clip(self.speed + (action - 1) * 0.01 - 0.0025 * math.cos(3 * self.position), -0.07, 0.07))
        self.position += self.speed
        self.steps += 1
        done = self.position >= 0.2 or self.steps >= 30
        return np.array([self.position, self.speed]), -1.0, done


class GameRunner:
    def __init__(self, sess, model, env, eps):
        self._sess = sess
        self._env = env
        self._model = model
        self._eps = eps
        self._samples = []

    def run(self):
        state = self._env.reset()
        total = 0.0
        while True:
            if random.random() < self._eps:
                action = random.randint(0, self._model.num_actions - 1)
            else:
                action = int(np.argmax(self._model.predict_one(state, self._sess)))
            next_state, reward, done = self._env.step(action)
            self._samples.append((state, action, reward, None if done else next_state))
            self._replay()
            state = next_state
            total += reward
            if done:
                return total

    def _replay(self):
        batch = random.sample(self._samples, min(len(self._samples), 8))
        states = np.array([b[0] for b in batch])
        next_states = np.array([np.zeros(self._model.num_states) if b[3] is None else b[3] for b in batch])
        q_s_a = self._model.predict_batch(states, self._sess)
        q_s_a_d = self._model.predict_batch(next_states, self._sess)
        y = q_s_a.copy()
        for i, (_, action, reward, next_state) in enumerate(batch):
            y[i, action] = reward if next_state is None else reward + GAMMA * np.amax(q_s_a_d[i])
        self._model.train_batch(self._sess, states, y)


model = Model(2, 3, 8)
with tf.Session() as sess:
    sess.run(model.var_init)
    runner = GameRunner(sess, model, Track(), eps=0.3)
    for episode in range(4):
        total = runner.run()
        q = model.predict_one(np.array([-0.5, 0.0]), sess)
        print(f"episode={episode} total={total:.9g} q={q.ravel().tolist()}")
