"""A seeded CNN model class of v1 layers (written for migrate's --style tf2 tests, in the shape of
hunkim's lab-11-4): `tf.set_random_seed(777)` at the top, a class keeping the Session its constructor
is handed, building in `_build_net` under a variable scope `tf.layers.conv2d` (the compat pass gives
them v1's glorot_uniform_initializer(), drawn with the graph's seed), `max_pooling2d` ("SAME" and
"same", a stride of 2), `dropout` switched by a bool placeholder and `dense` layers; `train` feeds
training=True, `get_accuracy` False (no mask drawn), `predict` too. The tf2 output writes each layer
as the variables and ops v1's built (migrate/tf2_classes.py `_layer_edit`), its kernels and masks
drawn with the op seeds TF 1.x counted (two models made in a loop: one count across both); the runs
sharing the dropouts run eagerly. The ensemble's ops on the models' predictions, run by the program's
Session, are computed eagerly where they are built (their value read at the run)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(777)

rng = np.random.RandomState(0)
train_x = rng.rand(60, 64).astype(np.float32)
train_y = np.eye(3)[rng.randint(0, 3, 60)]
test_x = rng.rand(20, 64)
test_y = np.eye(3)[rng.randint(0, 3, 20)]


class Model:
    def __init__(self, sess, name):
        self.sess = sess
        self.name = name
        self._build_net()

    def _build_net(self):
        with tf.variable_scope(self.name):
            self.training = tf.placeholder(tf.bool)
            self.X = tf.placeholder(tf.float32, [None, 64])
            X_img = tf.reshape(self.X, [-1, 8, 8, 1])
            self.Y = tf.placeholder(tf.float32, [None, 3])

            conv1 = tf.layers.conv2d(inputs=X_img, filters=4, kernel_size=[3, 3], padding="SAME",
                                     activation=tf.nn.relu)
            pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], padding="SAME", strides=2)
            dropout1 = tf.layers.dropout(inputs=pool1, rate=0.3, training=self.training)
            conv2 = tf.layers.conv2d(inputs=dropout1, filters=6, kernel_size=2, strides=1, padding="same",
                                     activation=tf.nn.relu)
            pool2 = tf.layers.max_pooling2d(inputs=conv2, pool_size=[2, 2], padding="same", strides=2)
            flat = tf.reshape(pool2, [-1, 6 * 2 * 2])
            dense3 = tf.layers.dense(inputs=flat, units=8, activation=tf.nn.relu)
            dropout3 = tf.layers.dropout(inputs=dense3, rate=0.5, training=self.training)
            self.logits = tf.layers.dense(inputs=dropout3, units=3)

        self.cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=self.logits, labels=self.Y))
        self.optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(self.cost)
        correct_prediction = tf.equal(tf.argmax(self.logits, 1), tf.argmax(self.Y, 1))
        self.accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

    def predict(self, x_test, training=False):
        return self.sess.run(self.logits, feed_dict={self.X: x_test, self.training: training})

    def get_accuracy(self, x_test, y_test, training=False):
        return self.sess.run(self.accuracy, feed_dict={self.X: x_test, self.Y: y_test, self.training: training})

    def train(self, x_data, y_data, training=True):
        return self.sess.run([self.cost, self.optimizer], feed_dict={
            self.X: x_data, self.Y: y_data, self.training: training})


sess = tf.Session()
models = []
for m in range(2):
    models.append(Model(sess, "model" + str(m)))
sess.run(tf.global_variables_initializer())

for epoch in range(3):
    for m_idx, m1 in enumerate(models):
        avg_cost = 0
        for i in range(6):
            c, _ = m1.train(train_x[i * 10:(i + 1) * 10], train_y[i * 10:(i + 1) * 10])
            avg_cost += c / 6
        print(f'epoch={epoch + 1} model={m_idx} cost={avg_cost:.9g}')
        print(f'accuracy={m1.get_accuracy(test_x, test_y):.9g}')
        print(f'logits_sum={m1.predict(test_x[:4]).sum():.9g}')

# the ensemble: ops on the models' predictions (NumPy), run by the program's Session
predictions = np.zeros([len(test_y), 3])
for m in models:
    p = m.predict(test_x)
    predictions += p
ensemble_correct_prediction = tf.equal(tf.argmax(predictions, 1), tf.argmax(test_y, 1))
ensemble_accuracy = tf.reduce_mean(tf.cast(ensemble_correct_prediction, tf.float32))
print(f'ensemble_accuracy={sess.run(ensemble_accuracy):.9g}')
