"""The model module of the model_module project (written for migrate's --style tf2 tests, in the
shape of dennybritz's text_cnn.py): `Classifier.__init__` makes the input placeholders, variables
(under name scopes, drawn by random ops with no op seed under the program's graph seed) and tensors
as attributes; no Session here: train.py makes it and runs its tensors."""
import numpy as np
import tensorflow as tf


class Classifier(object):  # noqa: UP004 (the Python 2 spelling TF 1.x code has)
    """A two-layer softmax classifier over `num_features` inputs."""

    def __init__(self, num_features, num_classes, hidden_size=8):
        self.input_x = tf.placeholder(tf.float32, [None, num_features], name="input_x")
        self.input_y = tf.placeholder(tf.float32, [None, num_classes], name="input_y")
        self.keep_scale = tf.placeholder(tf.float32, name="keep_scale")
        with tf.name_scope("hidden"):
            W = tf.Variable(tf.random_uniform([num_features, hidden_size], -0.5, 0.5), name="W")
            b = tf.Variable(tf.constant(0.1, shape=[hidden_size]), name="b")
            self.hidden = tf.nn.relu(tf.matmul(self.input_x, W) + b) * self.keep_scale
        with tf.name_scope("output"):
            self.W = tf.Variable(tf.truncated_normal([hidden_size, num_classes], stddev=0.3), name="W")
            self.b = tf.Variable(np.zeros(num_classes, dtype=np.float32), name="b")
            self.scores = tf.add(tf.matmul(self.hidden, self.W), self.b, name="scores")
            self.predictions = tf.argmax(self.scores, 1, name="predictions")
        losses = tf.nn.softmax_cross_entropy_with_logits(labels=self.input_y, logits=self.scores)
        self.loss = tf.reduce_mean(losses) + 0.01 * tf.nn.l2_loss(self.W)
        correct = tf.equal(self.predictions, tf.argmax(self.input_y, 1))
        self.accuracy = tf.reduce_mean(tf.cast(correct, "float"), name="accuracy")
