"""A model object with dropout in its computation (written for migrate's --style tf2 tests, in the
shape of dennybritz's TextCNN): `__init__` makes the inputs, labels and keep probability as
placeholders, an embedding and an output layer (random initial values with no op seed under the
program's graph seed; the output weights by get_variable with xavier, v1's glorot_uniform), dropout
of the hidden layer fed the keep probability, the loss and the accuracy. The program trains with SGD at keep 0.5 and evaluates at keep 1.0 between training runs:
TF 1.x's one dropout op drew in every run, training and evaluation alike, so the tf2 output's steps
calling the object run eagerly, the op drawing with the op seed TF 1.x counted for it
(migrate/tf2_objects.py `fixed_seed`; `glorot_uniform` draws get_variable's initial value).
Trained with SGD: v1's Adam applied the embedding's sparse gradient with its sparse kernel
(tf2_graph keeps Adam on a gathered variable compat)."""
import numpy as np
import tensorflow as tf


class TextModel(object):  # noqa: UP004 (the Python 2 spelling TF 1.x code has)
    def __init__(self, sequence_length, num_classes, vocab_size, embedding_size):
        self.input_x = tf.placeholder(tf.int32, [None, sequence_length], name="input_x")
        self.input_y = tf.placeholder(tf.float32, [None, num_classes], name="input_y")
        self.dropout_keep_prob = tf.placeholder(tf.float32, name="dropout_keep_prob")
        with tf.device("/cpu:0"), tf.name_scope("embedding"):
            self.W = tf.Variable(tf.random_uniform([vocab_size, embedding_size], -1.0, 1.0), name="W")
            self.embedded = tf.nn.embedding_lookup(self.W, self.input_x)
        self.h_pool_flat = tf.reshape(tf.reduce_mean(self.embedded, 1), [-1, embedding_size])
        with tf.name_scope("dropout"):
            self.h_drop = tf.nn.dropout(self.h_pool_flat, self.dropout_keep_prob)
        with tf.name_scope("output"):
            W = tf.get_variable("W", shape=[embedding_size, num_classes],
                                initializer=tf.contrib.layers.xavier_initializer())
            b = tf.Variable(tf.constant(0.1, shape=[num_classes]), name="b")
            self.scores = tf.nn.xw_plus_b(self.h_drop, W, b, name="scores")
            self.predictions = tf.argmax(self.scores, 1, name="predictions")
        losses = tf.nn.softmax_cross_entropy_with_logits(logits=self.scores, labels=self.input_y)
        self.loss = tf.reduce_mean(losses)
        correct_predictions = tf.equal(self.predictions, tf.argmax(self.input_y, 1))
        self.accuracy = tf.reduce_mean(tf.cast(correct_predictions, "float"), name="accuracy")


tf.set_random_seed(10)
rng = np.random.RandomState(10)
x_train = rng.randint(0, 30, size=(48, 7))
y_train = np.eye(2)[(x_train[:, 0] > 15).astype(int)]
model = TextModel(sequence_length=7, num_classes=2, vocab_size=30, embedding_size=6)
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(model.loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(12):
        batch = slice(i % 4 * 12, i % 4 * 12 + 12)
        feed_dict = {model.input_x: x_train[batch], model.input_y: y_train[batch], model.dropout_keep_prob: 0.5}
        _, loss = sess.run([train_op, model.loss], feed_dict)
        print(f"step={i} loss={loss:.7g}")
        if i % 4 == 3:
            feed_dict = {model.input_x: x_train, model.input_y: y_train, model.dropout_keep_prob: 1.0}
            loss, accuracy = sess.run([model.loss, model.accuracy], feed_dict)
            print(f"dev_loss={loss:.7g} dev_accuracy={accuracy:.7g}")
    feed_dict = {model.input_x: x_train[:6], model.input_y: y_train[:6], model.dropout_keep_prob: 0.5}
    print(f"dropped={np.round(sess.run(model.h_drop, feed_dict), 5).ravel()[:8].tolist()}")
