# Model classes that build their graph in __init__ and keep the Session the program hands them
# (the shape of lazyprogrammer's RL course code): a policy and a value model sharing a layer class,
# trained in turns through their methods. The value model keeps its input as `self._X` (as hunkim's
# dqn.py does): tf.function cannot bind a keyword parameter named so.
import numpy as np
import tensorflow as tf

np.random.seed(0)


class HiddenLayer:
    def __init__(self, M1, M2, f=tf.nn.tanh, use_bias=True):
        self.W = tf.Variable((np.random.randn(M1, M2) / np.sqrt(M1)).astype(np.float32))
        self.use_bias = use_bias
        if use_bias:
            self.b = tf.Variable(np.zeros(M2).astype(np.float32))
        self.f = f

    def forward(self, X):
        if self.use_bias:
            a = tf.matmul(X, self.W) + self.b
        else:
            a = tf.matmul(X, self.W)
        return self.f(a)


class PolicyModel:
    def __init__(self, D, K, hidden_layer_sizes):
        self.layers = []
        M1 = D
        for M2 in hidden_layer_sizes:
            layer = HiddenLayer(M1, M2)
            self.layers.append(layer)
            M1 = M2
        layer = HiddenLayer(M1, K, tf.nn.softmax, use_bias=False)
        self.layers.append(layer)

        # inputs and targets
        self.X = tf.placeholder(tf.float32, shape=(None, D), name='X')
        self.actions = tf.placeholder(tf.int32, shape=(None,), name='actions')
        self.advantages = tf.placeholder(tf.float32, shape=(None,), name='advantages')

        Z = self.X
        for layer in self.layers:
            Z = layer.forward(Z)
        p_a_given_s = Z
        self.predict_op = p_a_given_s

        selected_probs = tf.log(tf.reduce_sum(p_a_given_s * tf.one_hot(self.actions, K), reduction_indices=[1]))
        self.cost = -tf.reduce_sum(self.advantages * selected_probs)
        self.train_op = tf.train.AdagradOptimizer(1e-1).minimize(self.cost)

    def set_session(self, session):
        self.session = session

    def partial_fit(self, X, actions, advantages):
        X = np.atleast_2d(X)
        actions = np.atleast_1d(actions)
        advantages = np.atleast_1d(advantages)
        _, c = self.session.run([self.train_op, self.cost],
                                feed_dict={self.X: X, self.actions: actions, self.advantages: advantages})
        return c

    def predict(self, X):
        X = np.atleast_2d(X)
        return self.session.run(self.predict_op, feed_dict={self.X: X})


class ValueModel:
    def __init__(self, D, hidden_layer_sizes, lr=1e-2):
        self.layers = []
        M1 = D
        for M2 in hidden_layer_sizes:
            self.layers.append(HiddenLayer(M1, M2))
            M1 = M2
        self.layers.append(HiddenLayer(M1, 1, lambda x: x))
        self.params = []
        for layer in self.layers:
            self.params += [layer.W, layer.b]

        self._X = tf.placeholder(tf.float32, shape=(None, D), name='X')
        self.Y = tf.placeholder(tf.float32, shape=(None,), name='Y')

        Z = self._X
        for layer in self.layers:
            Z = layer.forward(Z)
        Y_hat = tf.reshape(Z, [-1])  # the output
        self.predict_op = Y_hat

        cost = tf.reduce_sum(tf.square(self.Y - Y_hat))
        optimizer = tf.train.MomentumOptimizer(lr, momentum=0.9)
        self.train_op = optimizer.minimize(cost)

    def set_session(self, session):
        self.session = session

    def copy_from(self, other):
        # lazyprogrammer's DQN target network: read each variable, run the assigns together
        ops = []
        for p, q in zip(self.params, other.params):
            actual = self.session.run(q)
            op = p.assign(actual)
            ops.append(op)
        self.session.run(ops)

    def partial_fit(self, X, Y):
        self.session.run(self.train_op, feed_dict={self._X: np.atleast_2d(X), self.Y: np.atleast_1d(Y)})

    def predict(self, X):
        return self.session.run(self.predict_op, feed_dict={self._X: np.atleast_2d(X)})


class QLearningPolicy:
    # the Session made and initialized by the object itself (BinRoot's TensorFlow-Book, ch08_rl);
    # the loss a local reading the network's attribute
    def __init__(self, input_dim, output_dim):
        h1_dim = 8
        self.x = tf.placeholder(tf.float32, [None, input_dim])
        self.y = tf.placeholder(tf.float32, [output_dim])
        W1 = tf.Variable((np.random.randn(input_dim, h1_dim) / 3).astype(np.float32))
        b1 = tf.Variable(tf.constant(0.1, shape=[h1_dim]))
        h1 = tf.nn.relu(tf.matmul(self.x, W1) + b1)
        W2 = tf.Variable((np.random.randn(h1_dim, output_dim) / 3).astype(np.float32))
        b2 = tf.Variable(tf.constant(0.1, shape=[output_dim]))
        scale = tf.reduce_mean(tf.abs(W1))  # from a variable alone: TF 1.x computed it again at every run
        self.q = tf.nn.relu(tf.matmul(h1, W2) + b2) * scale
        loss = tf.square(self.y - self.q)
        self.train_op = tf.train.AdagradOptimizer(0.01).minimize(loss)
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def update_q(self, state, target):
        self.sess.run(self.train_op, feed_dict={self.x: state, self.y: target})
        return self.sess.run(self.q, feed_dict={self.x: state})


class Actor(object):
    # MorvanZhou's actor-critic shape: a negated objective minimized, and a copy op made in __init__
    # that TF 1.x ran only when fetched
    def __init__(self, sess, n_features):
        self.sess = sess
        self.W = tf.Variable((np.random.randn(n_features, 1) / 3).astype(np.float32))
        self.s = tf.placeholder(tf.float32, [None, n_features])
        self.exp_v = tf.reduce_mean(tf.log(tf.sigmoid(tf.matmul(self.s, self.W))))
        self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(-self.exp_v)  # maximize exp_v
        old = [tf.Variable(np.zeros((n_features, 1), np.float32))]
        self.update_old = [o.assign(p) for o, p in zip(old, [self.W])]
        self.old_out = tf.reduce_sum(tf.matmul(self.s, old[0]))

    def learn(self, s):
        _, exp_v = self.sess.run([self.train_op, self.exp_v], {self.s: s})
        return exp_v

    def old_value(self, s):
        return self.sess.run(self.old_out, {self.s: s})

    def update(self):
        self.sess.run(self.update_old)


def main():
    D, K = 4, 2
    pmodel = PolicyModel(D, K, [5])
    vmodel = ValueModel(D, [6, 3])
    target = ValueModel(D, [6, 3])
    init = tf.global_variables_initializer()
    session = tf.InteractiveSession()
    session.run(init)
    pmodel.set_session(session)
    vmodel.set_session(session)
    target.set_session(session)

    states = np.random.randn(20, D)
    actions = np.random.randint(K, size=20)
    returns = np.random.randn(20)
    for step in range(12):
        advantages = returns - vmodel.predict(states)
        cost = pmodel.partial_fit(states, actions, advantages)
        vmodel.partial_fit(states, returns)
        print("step=%d" % step, "policy_cost=%.7g" % cost, "values=[%s]" % " ".join("%.7g" % v for v in vmodel.predict(states[:3])))
    print("target_before=[%s]" % " ".join("%.7g" % v for v in target.predict(states[:3])))
    target.copy_from(vmodel)
    print("target_after=[%s]" % " ".join("%.7g" % v for v in target.predict(states[:3])))
    policy = QLearningPolicy(D, 3)
    for step in range(5):
        q = policy.update_q(states[step:step + 1], returns[step:step + 3])
        print("q=[%s]" % " ".join("%.7g" % v for v in q[0]))
    actor_session = tf.Session()
    actor = Actor(actor_session, D)
    actor_session.run(tf.global_variables_initializer())
    for step in range(3):
        print("exp_v=%.7g" % actor.learn(states[:5]), "old=%.7g" % actor.old_value(states[:5]))
    actor.update()
    print("old_after_update=%.7g" % actor.old_value(states[:5]))
    print("probabilities=[%s]" % " ".join("%.7g" % p for p in pmodel.predict(states[0])[0]))


if __name__ == '__main__':
    main()
