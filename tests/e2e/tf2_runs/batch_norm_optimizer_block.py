"""Batch normalization of dense layers with the optimizer made inside the UPDATE_OPS block (written for
migrate's --style tf2 tests, in the shape of MorvanZhou's 502_batch_normalization and hunkim's
lab-10-6: `update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)`, then `with
tf.control_dependencies(update_ops):` around `optimizer = tf.train.AdamOptimizer(LR)` and
`train_op = optimizer.minimize(loss)`): three dense layers, two normalized (tf.nn.moments' path,
momentum 0.4 and the default 0.99), `training` a fed bool placeholder; trained on mini-batches, the
loss read in inference mode (the moving statistics) after each epoch. Python's `random` is seeded (the
v1 layers' kernels). Both styles print the same digits."""
import random

import numpy as np
import tensorflow as tf

random.seed(3)
np.random.seed(1)
x = np.linspace(-7, 10, 256)[:, np.newaxis].astype(np.float32)
np.random.shuffle(x)
y = np.square(x) - 5 + np.random.normal(0, 2, x.shape).astype(np.float32)

tf_x = tf.placeholder(tf.float32, [None, 1])
tf_y = tf.placeholder(tf.float32, [None, 1])
tf_is_train = tf.placeholder(tf.bool, None)
h = tf.layers.batch_normalization(tf_x, training=tf_is_train)
h = tf.layers.dense(h, 10, activation=tf.nn.tanh)
h = tf.layers.batch_normalization(h, momentum=0.4, training=tf_is_train)
out = tf.layers.dense(h, 1)
loss = tf.losses.mean_squared_error(tf_y, out)
# the moving_mean and moving_variance need to be updated: the update_ops with the train_op
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    optimizer = tf.train.AdamOptimizer(0.03)
    train_op = optimizer.minimize(loss)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for epoch in range(3):
    for step in range(0, 256, 64):
        _, l = sess.run([train_op, loss], {tf_x: x[step:step + 64], tf_y: y[step:step + 64], tf_is_train: True})
    print(f"epoch={epoch} train_loss={l:.9g}")
    print(f"epoch={epoch} test_loss={sess.run(loss, {tf_x: x, tf_y: y, tf_is_train: False}):.9g}")
