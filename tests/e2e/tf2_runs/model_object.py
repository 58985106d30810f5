"""A model object whose tensors the program runs (written for migrate's --style tf2 tests, in the
shape of dennybritz's TextCNN and awjuliani's Q-networks): `Classifier.__init__` makes the input
placeholders, variables (two under name scopes, their initial values drawn by random ops with no
op seed under the program's graph seed, one from a NumPy generator) and tensors as attributes;
the program builds one object, minimizes `model.loss` with Adam and runs `model.loss` and
`model.accuracy` feeding `model.input_x`, `model.input_y` and `model.scale`, `model.W` feeding
nothing, `model.scores` and `model.predictions` feeding no labels (migrate/tf2_objects.py: the
statements reading `input_y` skipped in the calls of the object not given it)."""
import numpy as np
import tensorflow as tf


class Classifier(object):  # noqa: UP004 (the Python 2 spelling TF 1.x code has)
    """A two-layer softmax classifier over `num_features` inputs."""

    def __init__(self, num_features, num_classes, hidden_size=8):
        self.input_x = tf.placeholder(tf.float32, [None, num_features], name="input_x")
        self.input_y = tf.placeholder(tf.float32, [None, num_classes], name="input_y")
        self.scale = tf.placeholder(tf.float32, name="scale")
        self.num_classes = num_classes
        with tf.name_scope("hidden"):
            W = tf.Variable(tf.random_uniform([num_features, hidden_size], -0.5, 0.5), name="W")
            b = tf.Variable(tf.constant(0.1, shape=[hidden_size]), name="b")
            self.hidden = tf.nn.relu(tf.matmul(self.input_x, W) + b) * self.scale
        with tf.name_scope("output"):
            self.W = tf.Variable(tf.truncated_normal([hidden_size, num_classes], stddev=0.3), name="W")
            self.b = tf.Variable(np.random.RandomState(1).randn(num_classes).astype(np.float32), name="b")
            self.scores = tf.add(tf.matmul(self.hidden, self.W), self.b, name="scores")
            self.predictions = tf.argmax(self.scores, 1, name="predictions")
        losses = tf.nn.softmax_cross_entropy_with_logits(labels=self.input_y, logits=self.scores)
        self.loss = tf.reduce_mean(losses) + 0.01 * tf.nn.l2_loss(self.W)
        correct = tf.equal(self.predictions, tf.argmax(self.input_y, 1))
        self.accuracy = tf.reduce_mean(tf.cast(correct, "float"), name="accuracy")


tf.set_random_seed(5)
rng = np.random.RandomState(0)
x_data = rng.randn(48, 6).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[(x_data[:, 0] > 0).astype(int) + (x_data[:, 1] > 0.5).astype(int)]

model = Classifier(num_features=6, num_classes=3)
train_op = tf.train.AdamOptimizer(0.05).minimize(model.loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        batch = slice(step % 4 * 12, step % 4 * 12 + 12)
        feed = {model.input_x: x_data[batch], model.input_y: y_data[batch], model.scale: 1.5}
        _, loss = sess.run([train_op, model.loss], feed_dict=feed)
        if step % 10 == 0:
            print(f"step={step} loss={loss:.7g}")
    feed = {model.input_x: x_data, model.input_y: y_data, model.scale: 1.5}
    print(f"accuracy={sess.run(model.accuracy, feed):.7g}")
    print(f"output_W={np.round(sess.run(model.W), 5).ravel()[:6].tolist()}")
    print(f"scores={np.round(sess.run(model.scores, {model.input_x: x_data[:2], model.scale: 1.0}), 5).ravel().tolist()}")
    print(f"predictions={sess.run(model.predictions, feed_dict={model.input_x: x_data[:8], model.scale: 1.0}).tolist()}")
