"""Batch normalization (written for migrate's --style tf2 tests, in the shape of the tutorials'
v1 `batch_normalization(x, training=is_training)` + `with
tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)): train_op = opt.minimize(loss)`):
a conv feature map normalized (4-D: v1's fused kernel, its moving variance updated with the
Bessel-corrected batch variance, momentum 0.9) and a dense output normalized (2-D: tf.nn.moments,
biased variance; epsilon 1e-5, no beta), `training` a fed bool placeholder; trained a few steps with
Adam, the loss read in training mode without training (no update), then evaluated in inference mode
twice (the moving statistics); saved, trained further, restored: the moving statistics come back
with the Checkpoint (the same evaluation). The layers before the normalizations have no bias, as such programs
write them: a bias there gets a gradient of rounding noise only, which Adam turns into steps of its
learning rate whose sign differs between v1's graph gradients and the tape (moving means apart by
1e-4, measured). Python's `random` is seeded (the v1 layers' kernels). Both styles print the same digits."""
import os
import random
import sys

import numpy as np
import tensorflow as tf

random.seed(5)
path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "model")
rng = np.random.RandomState(0)
images = rng.rand(16, 6, 6, 2).astype(np.float32) * 3.0 + 1.0
labels = np.eye(3)[rng.randint(0, 3, 16)].astype(np.float32)

X = tf.placeholder(tf.float32, [None, 6, 6, 2])
Y = tf.placeholder(tf.float32, [None, 3])
is_training = tf.placeholder(tf.bool)
h = tf.layers.conv2d(X, 4, [3, 3], padding="SAME", use_bias=False)
h = tf.layers.batch_normalization(h, training=is_training, momentum=0.9)
h = tf.nn.relu(h)
h = tf.layers.flatten(h)
h = tf.layers.dense(h, 8, use_bias=False)
h = tf.layers.batch_normalization(h, training=is_training, epsilon=1e-5, center=False)
h = tf.nn.relu(h)
logits = tf.layers.dense(h, 3)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y))
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
saver = tf.train.Saver()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, l = sess.run([train_op, loss], feed_dict={X: images, Y: labels, is_training: True})
        print(f"step={step} loss={l:.9g}")
    print(f"training_loss={sess.run(loss, feed_dict={X: images, Y: labels, is_training: True}):.9g}")
    print(f"eval_loss={sess.run(loss, feed_dict={X: images, Y: labels, is_training: False}):.9g}")
    print(f"eval_loss_again={sess.run(loss, feed_dict={X: images[:4], Y: labels[:4], is_training: False}):.9g}")
    saver.save(sess, path)
    for step in range(3):
        sess.run(train_op, feed_dict={X: images, Y: labels, is_training: True})
    print(f"eval_loss_trained={sess.run(loss, feed_dict={X: images, Y: labels, is_training: False}):.9g}")
    saver.restore(sess, path)
    print(f"eval_loss_restored={sess.run(loss, feed_dict={X: images, Y: labels, is_training: False}):.9g}")
