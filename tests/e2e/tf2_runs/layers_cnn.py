"""A small CNN built with tf.layers (written for migrate's --style tf2 tests, in the shape of
golbin's "07 - CNN/02 - tf.layers.py" and aymericdamien's convolutional_network):
conv2d -> max_pooling2d -> average_pooling2d -> flatten -> dense -> dropout(training=True)
-> dense, trained a few steps with gradient descent, then evaluated. Under the graph seed the
compat program's v1 layers get TF 1.x's default kernel initializer written in (MIG117: v1's
glorot_uniform_initializer, drawn with the op seed of the graph's count where each layer was
built), which the tf2 output's V1GlorotUniform(seed=k) draws; the dropout between them takes its
op seed from the same count. Python's `random` is seeded too: the layers draw nothing from it (as
TF 1.x's did not). Both styles print the same digits."""
import random

import numpy as np
import tensorflow as tf

random.seed(7)
tf.set_random_seed(3)
rng = np.random.RandomState(0)
images = rng.rand(32, 8, 8, 1).astype(np.float32)
labels = np.eye(3)[rng.randint(0, 3, 32)].astype(np.float32)

X = tf.placeholder(tf.float32, [None, 8, 8, 1])
Y = tf.placeholder(tf.float32, [None, 3])
L1 = tf.layers.conv2d(X, 4, [3, 3], padding="SAME", activation=tf.nn.relu)
L1 = tf.layers.max_pooling2d(L1, [2, 2], [2, 2])
L1 = tf.layers.average_pooling2d(L1, pool_size=2, strides=1)
L2 = tf.layers.flatten(L1)
L2 = tf.layers.dense(L2, 16, activation=tf.nn.relu)
L2 = tf.layers.dropout(L2, rate=0.3, training=True)
logits = tf.layers.dense(L2, 3)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y))
train_op = tf.train.GradientDescentOptimizer(0.2).minimize(cost)
predicted = tf.argmax(logits, 1)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, c = sess.run([train_op, cost], feed_dict={X: images, Y: labels})
        print(f"step={step} cost={c:.9g}")
    print(f"predicted={sess.run(predicted, feed_dict={X: images[:6]}).tolist()}")
