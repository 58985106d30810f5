"""A model function called twice with `reuse` (written for migrate's --style tf2 tests, in the
shape of aymericdamien's tensorflow_dataset_api.py `conv_net(x, n_classes, dropout, reuse,
is_training)`): its tf.layers (conv2d -> max_pooling2d -> flatten -> dense -> dropout -> dense)
built under `tf.variable_scope('ConvNet', reuse=reuse)`, the first call making the variables,
the second (`reuse=True`) sharing them; the training graph's loss minimized with gradient
descent, the test graph's accuracy and outputs printed. Python's `random` is seeded (the compat
program's v1 layers draw their kernels from it); the dropout does not draw (training=False), so
no graph seed is needed. Both styles print the same digits."""
import random

import numpy as np
import tensorflow as tf

random.seed(5)
rng = np.random.RandomState(0)
images = rng.rand(32, 64).astype(np.float32)
labels = np.eye(3)[rng.randint(0, 3, 32)].astype(np.float32)
n_classes = 3


def conv_net(x, n_classes, dropout, reuse, is_training):
    # Define a scope for reusing the variables
    with tf.variable_scope('ConvNet', reuse=reuse):
        x = tf.reshape(x, shape=[-1, 8, 8, 1])
        conv1 = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu)
        conv1 = tf.layers.max_pooling2d(conv1, 2, 2)
        fc1 = tf.contrib.layers.flatten(conv1)
        fc1 = tf.layers.dense(fc1, 16)
        fc1 = tf.layers.dropout(fc1, rate=dropout, training=False)
        out = tf.layers.dense(fc1, n_classes)
        out = tf.nn.softmax(out) if not is_training else out
    return out


X = tf.placeholder(tf.float32, [None, 64])
Y = tf.placeholder(tf.float32, [None, n_classes])
logits_train = conv_net(X, n_classes, 0.25, reuse=False, is_training=True)
logits_test = conv_net(X, n_classes, 0.25, reuse=True, is_training=False)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits_train, labels=Y))
train_op = tf.train.GradientDescentOptimizer(0.3).minimize(loss_op)
correct_pred = tf.equal(tf.argmax(logits_test, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, loss = sess.run([train_op, loss_op], feed_dict={X: images, Y: labels})
        print(f"step={step} loss={loss:.9g}")
    print(f"accuracy={sess.run(accuracy, feed_dict={X: images, Y: labels}):.9g}")
    print(f"test={sess.run(logits_test, feed_dict={X: images[:2]}).round(6).tolist()}")
