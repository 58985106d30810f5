"""A small CNN built with tf.layers (written for migrate's --style tf2 tests, in the shape of
golbin's "07 - CNN/02 - tf.layers.py" and aymericdamien's convolutional_network):
conv2d -> max_pooling2d -> average_pooling2d -> flatten -> dense -> dropout(training=True)
-> dense, trained a few steps with gradient descent, then evaluated. Python's `random` is seeded: the
compat program's v1 layers (tf_keras under TF 2.21) draw their kernels statelessly with a
seed from it, which the tf2 output's initializer reproduces; the graph seed gives the
dropout its op seed. Both styles print the same digits."""
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
