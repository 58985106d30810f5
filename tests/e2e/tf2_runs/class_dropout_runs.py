"""A seeded model class with dropout reached by two runs (written for migrate's --style tf2 tests, in
the shape of hunkim's lab-11-3 CNN class): `tf.set_random_seed(777)` at the top, a class keeping the
Session its constructor is handed, building in `_build_net` (under a variable scope) unseeded random
initial values, a get_variable with xavier's initializer and dropout with a fed keep probability;
`train` runs the cost and the training op (keep 0.7), `get_accuracy` the accuracy (keep 1.0, which
still draws the mask). TF 1.x had one dropout op drawing on across both runs: the tf2 output runs the
two functions eagerly, each dropout drawing with the op seed TF 1.x counted for it."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(777)

rng = np.random.RandomState(0)
train_x = rng.rand(60, 16).astype(np.float32)
train_y = np.eye(3)[rng.randint(0, 3, 60)]
test_x = rng.rand(20, 16)
test_y = np.eye(3)[rng.randint(0, 3, 20)]


class Model:
    def __init__(self, sess, name):
        self.sess = sess
        self.name = name
        self._build_net()

    def _build_net(self):
        with tf.variable_scope(self.name):
            self.keep_prob = tf.placeholder(tf.float32)
            self.X = tf.placeholder(tf.float32, [None, 16])
            X_img = tf.reshape(self.X, [-1, 4, 4, 1])
            self.Y = tf.placeholder(tf.float32, [None, 3])

            W1 = tf.Variable(tf.random_normal([3, 3, 1, 4], stddev=0.1))
            L1 = tf.nn.conv2d(X_img, W1, strides=[1, 1, 1, 1], padding='SAME')
            L1 = tf.nn.relu(L1)
            L1 = tf.nn.max_pool(L1, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')
            L1 = tf.nn.dropout(L1, keep_prob=self.keep_prob)
            L1_flat = tf.reshape(L1, [-1, 2 * 2 * 4])

            W2 = tf.get_variable("W2", shape=[2 * 2 * 4, 8], initializer=tf.contrib.layers.xavier_initializer())
            b2 = tf.Variable(tf.random_normal([8]))
            L2 = tf.nn.relu(tf.matmul(L1_flat, W2) + b2)
            L2 = tf.nn.dropout(L2, keep_prob=self.keep_prob)

            W3 = tf.Variable(tf.random_normal([8, 3], stddev=0.1))
            b3 = tf.Variable(tf.random_normal([3]))
            self.logits = tf.matmul(L2, W3) + b3

        self.cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=self.logits, labels=self.Y))
        self.optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(self.cost)
        correct_prediction = tf.equal(tf.argmax(self.logits, 1), tf.argmax(self.Y, 1))
        self.accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

    def get_accuracy(self, x_test, y_test, keep_prop=1.0):
        return self.sess.run(self.accuracy, feed_dict={self.X: x_test, self.Y: y_test, self.keep_prob: keep_prop})

    def train(self, x_data, y_data, keep_prop=0.7):
        return self.sess.run([self.cost, self.optimizer], feed_dict={
            self.X: x_data, self.Y: y_data, self.keep_prob: keep_prop})


sess = tf.Session()
m1 = Model(sess, "m1")
sess.run(tf.global_variables_initializer())

for epoch in range(4):
    avg_cost = 0
    for i in range(6):
        c, _ = m1.train(train_x[i * 10:(i + 1) * 10], train_y[i * 10:(i + 1) * 10])
        avg_cost += c / 6
    print(f'epoch={epoch + 1} cost={avg_cost:.9g}')
    print(f'accuracy={m1.get_accuracy(test_x, test_y):.9g}')
