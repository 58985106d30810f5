"""A training function and an evaluating function, each building its own graph and running
its own Session (written for migrate's --style tf2 tests): train() builds the model in a
new graph, trains it and saves it; evaluate() builds the same model in another new graph
and restores train's checkpoint (the tutorials' train / evaluate shape). They share only
Python values: the data, the checkpoint path."""
import os
import sys

import numpy as np
import tensorflow as tf

PATH = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "model.ckpt")


def batch(step):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(16, 3)).astype(np.float32)
    return x, (x @ np.array([[1.5], [-2.0], [0.5]], dtype=np.float32) > 0).astype(np.float32)


def train(steps):
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.placeholder(tf.float32, [None, 1])
        w = tf.Variable(tf.random_normal([3, 4], stddev=0.5), name="w")
        b = tf.Variable(tf.zeros([4]), name="b")
        v = tf.Variable(tf.random_normal([4, 1], stddev=0.5), name="v")
        logits = tf.matmul(tf.tanh(tf.matmul(x, w) + b), v)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(steps):
                xs, ys = batch(step)
                _, value = sess.run([train_op, loss], feed_dict={x: xs, y: ys})
                print(f"train_step={step} loss={value:.7f}")
            saver.save(sess, PATH)


def evaluate():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable(tf.random_normal([3, 4], stddev=0.5), name="w")
    b = tf.Variable(tf.zeros([4]), name="b")
    v = tf.Variable(tf.random_normal([4, 1], stddev=0.5), name="v")
    logits = tf.matmul(tf.tanh(tf.matmul(x, w) + b), v)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.cast(logits > 0, tf.float32), y), tf.float32))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, PATH)
        xs, ys = batch(100)
        value = sess.run(accuracy, feed_dict={x: xs, y: ys})
        print(f"evaluate_accuracy={value:.7f}")
        print("evaluate_w=" + np.array2string(sess.run(w).ravel(), precision=7))


if __name__ == "__main__":
    train(5)
    evaluate()
