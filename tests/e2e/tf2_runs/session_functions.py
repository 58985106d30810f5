"""One graph built at module level, run by Sessions in three functions (written for migrate's
--style tf2 tests): the textbooks' `train()` saving and `test()` restoring shape. `peek()`
initializes, shows the initial weights and moves them; `train()` initializes again (TF 1.x's
new Session started from the initial values, the seeded random ones the same numbers), trains
with Adam on changing batches and saves; `test()` restores in a Session of its own (the trained
weights, not the ones a later step or the shift left) and predicts."""
import os
import sys

import numpy as np
import tensorflow as tf

path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "model.ckpt")
tf.set_random_seed(3)


def batch(step):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(8, 3)).astype(np.float32)
    return x, x @ np.array([[2.0], [-1.0], [0.5]], dtype=np.float32) + 0.3


x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1]), name="w")
b = tf.Variable(tf.zeros([1]), name="b")
pred = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(pred - y))
train_op = tf.train.AdamOptimizer(0.1).minimize(loss)
shift = tf.assign(w, w + 1.0)
saver = tf.train.Saver()


def peek():
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(f"initial_w={sess.run(w).ravel().tolist()}")
        sess.run(shift)
        print(f"shifted_w={sess.run(w).ravel().tolist()}")


def train(steps):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(f"start_w={sess.run(w).ravel().tolist()}")
        for step in range(steps):
            xs, ys = batch(step)
            _, value = sess.run([train_op, loss], feed_dict={x: xs, y: ys})
            print(f"step={step} loss={float(value)!r}")
        saver.save(sess, path)
        sess.run(train_op, feed_dict={x: xs, y: ys})  # a step after the save: test() does not see it


def test():
    with tf.Session() as sess:
        saver.restore(sess, path)
        xs, ys = batch(100)
        print(f"restored_w={sess.run(w).ravel().tolist()} b={sess.run(b).tolist()}")
        print(f"test_loss={float(sess.run(loss, feed_dict={x: xs, y: ys}))!r}")
        print(f"prediction={sess.run(pred, feed_dict={x: xs[:2]}).ravel().tolist()}")


if __name__ == "__main__":
    peek()
    train(6)
    test()
