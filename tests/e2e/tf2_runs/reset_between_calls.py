"""save() and reload(), each building the model and opening a Session of its own, called at
module level with `tf.reset_default_graph()` between the calls (written for migrate's --style tf2
tests, in the shape of MorvanZhou's 303_save_reload.py): save() builds under the module's seed
(a v1 dense layer, a seeded random initial value), trains and saves; reload() builds the same
model in the graph the reset made, which has no seed, so its initial values are drawn unseeded,
and restores the checkpoint before anything reads them. Each makes its Saver among its Session's
first statements (in save() after the initializer's run), as 303_save_reload.py does. Python's
`random` is seeded: the compat program's v1 layers draw their kernels with a seed from it."""
import os
import random
import sys

import numpy as np
import tensorflow as tf

random.seed(11)
tf.set_random_seed(1)
np.random.seed(1)
PATH = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "params")

x = np.linspace(-1, 1, 40)[:, np.newaxis].astype(np.float32)
y = np.power(x, 2) + np.random.normal(0, 0.1, size=x.shape).astype(np.float32)


def save():
    tf_x = tf.placeholder(tf.float32, x.shape)  # input x
    tf_y = tf.placeholder(tf.float32, y.shape)  # input y
    l = tf.layers.dense(tf_x, 10, tf.nn.relu)  # hidden layer
    w = tf.Variable(tf.random_normal([10, 1], stddev=0.5), name="w")  # output layer
    o = tf.matmul(l, w)
    loss = tf.reduce_mean(tf.square(o - tf_y))
    train_op = tf.train.GradientDescentOptimizer(learning_rate=0.3).minimize(loss)

    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    saver = tf.train.Saver()  # made after the initializer's run, as 303_save_reload.py does
    for step in range(30):
        _, value = sess.run([train_op, loss], {tf_x: x, tf_y: y})
        if step % 10 == 0:
            print(f"save_step={step} loss={value:.9g}")
    saver.save(sess, PATH)
    pred, value = sess.run([o, loss], {tf_x: x, tf_y: y})
    print(f"saved_loss={value:.9g} pred={pred[:3].ravel().tolist()}")


def reload():
    # build the entire net again and restore
    tf_x = tf.placeholder(tf.float32, x.shape)
    tf_y = tf.placeholder(tf.float32, y.shape)
    l_ = tf.layers.dense(tf_x, 10, tf.nn.relu)
    w = tf.Variable(tf.random_normal([10, 1], stddev=0.5), name="w")
    o_ = tf.matmul(l_, w)
    loss_ = tf.reduce_mean(tf.square(o_ - tf_y))

    sess = tf.Session()
    # no initializer: the variables come from the checkpoint
    saver = tf.train.Saver()
    saver.restore(sess, PATH)
    pred, value = sess.run([o_, loss_], {tf_x: x, tf_y: y})
    print(f"reloaded_loss={value:.9g} pred={pred[:3].ravel().tolist()} w={sess.run(w)[:3].ravel().tolist()}")


save()

# destroy the previous net
tf.reset_default_graph()

reload()
