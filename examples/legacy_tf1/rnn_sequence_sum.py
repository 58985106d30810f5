"""A TensorFlow 1.x recurrent regression with tf.contrib.rnn (2017 style).

An LSTM reads a sequence of 10 numbers and predicts their sum: tf.contrib.rnn.LSTMCell
wrapped in DropoutWrapper(output_keep_prob=keep_prob), tf.nn.dynamic_rnn, tf.layers.dense
on the last output, MomentumOptimizer.minimize, tf.flags and tf.logging.
"""
import numpy as np
import tensorflow as tf

tf.flags.DEFINE_integer("steps", 300, "Training steps.")
tf.flags.DEFINE_integer("units", 16, "LSTM units.")
FLAGS = tf.flags.FLAGS


def sequences(n, length=10, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.uniform(-1.0, 1.0, size=(n, length, 1)).astype(np.float32)
    return x, x.sum(axis=(1, 2)).reshape(-1, 1).astype(np.float32)


def main(argv):
    del argv  # unused
    tf.logging.set_verbosity(tf.logging.WARN)
    tf.set_random_seed(3)
    train_x, train_y = sequences(512)
    test_x, test_y = sequences(128, seed=1)

    inputs = tf.placeholder(tf.float32, [None, 10, 1])
    targets = tf.placeholder(tf.float32, [None, 1])
    keep_prob = tf.placeholder_with_default(1.0, [])

    cell = tf.contrib.rnn.LSTMCell(FLAGS.units)
    cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=keep_prob)
    outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    prediction = tf.layers.dense(outputs[:, -1], 1)
    loss = tf.reduce_mean(tf.square(prediction - targets))
    train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        test = {inputs: test_x, targets: test_y}
        loss_start = sess.run(loss, feed_dict=test)
        for step in range(FLAGS.steps):
            batch = np.random.RandomState(step).randint(0, len(train_x), size=64)
            sess.run(train_op, feed_dict={inputs: train_x[batch], targets: train_y[batch], keep_prob: 0.9})
        loss_end = sess.run(loss, feed_dict=test)
        first, second = sess.run(prediction, feed_dict=test), sess.run(prediction, feed_dict=test)
        tf.logging.info("done")
    print("loss_start=%.6f" % loss_start)
    print("loss_end=%.6f" % loss_end)
    print("eval_repeat_max_diff=%.8f" % np.abs(first - second).max())


if __name__ == "__main__":
    tf.app.run(main)
