"""A TensorFlow 1.x MNIST-style classifier, as written in 2017-2018.

Graph + Session training loop: placeholders, tf.layers.dense in a variable scope,
dropout with a keep_prob placeholder (fed 0.5 for training, 1.0 for evaluation),
a tf.get_variable temperature, tf.train.Saver save + restore, tf.app.flags and tf.logging.
Runs in seconds on tiny synthetic data (3 Gaussian blobs in 20 dimensions) and prints
machine-checkable lines.
"""
import os
import tempfile

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("steps", 150, "Number of training steps.")
flags.DEFINE_float("learning_rate", 0.01, "Adam learning rate.")
flags.DEFINE_float("keep_prob", 0.5, "Probability to keep a hidden unit during training.")
flags.DEFINE_string("checkpoint_dir", "", "Where to save the model (default: a temp dir).")
FLAGS = flags.FLAGS


def synthetic_data(n=300, dims=20, classes=3, seed=0):
    rng = np.random.RandomState(seed)
    centers = rng.normal(0.0, 0.4, size=(classes, dims))
    labels = rng.randint(0, classes, size=n)
    images = centers[labels] + rng.normal(0.0, 1.0, size=(n, dims))
    return images.astype(np.float32), labels.astype(np.int64)


def build_model(images, keep_prob, classes=3):
    with tf.variable_scope("mlp"):
        hidden = tf.layers.dense(images, 64, activation=tf.nn.relu,
                                 kernel_initializer=tf.contrib.layers.xavier_initializer(),
                                 name="hidden")
        hidden = tf.nn.dropout(hidden, keep_prob)
        logits = tf.layers.dense(hidden, classes, name="logits")
        temperature = tf.get_variable("temperature", [], initializer=tf.constant_initializer(1.0))
    return logits / temperature


def main(_):
    tf.logging.set_verbosity(tf.logging.INFO)
    tf.set_random_seed(1234)
    data, labels = synthetic_data()

    images = tf.placeholder(tf.float32, [None, data.shape[1]], name="images")
    targets = tf.placeholder(tf.int64, [None], name="targets")
    keep_prob = tf.placeholder(tf.float32, name="keep_prob")

    logits = build_model(images, keep_prob)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), targets), tf.float32))
    train_op = tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(loss)
    tf.add_to_collection("logits", logits)

    saver = tf.train.Saver()
    checkpoint_dir = FLAGS.checkpoint_dir or tempfile.mkdtemp()
    checkpoint = os.path.join(checkpoint_dir, "mlp.ckpt")

    evaluate = {images: data, targets: labels, keep_prob: 1.0}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        loss_start = sess.run(loss, feed_dict=evaluate)
        for step in range(FLAGS.steps):
            batch = np.random.RandomState(step).randint(0, len(data), size=64)
            sess.run(train_op, feed_dict={images: data[batch], targets: labels[batch],
                                          keep_prob: FLAGS.keep_prob})
            if step % 50 == 0:
                tf.logging.info("step %d", step)
        loss_end, acc = sess.run([loss, accuracy], feed_dict=evaluate)
        # keep_prob fed 1.0 means no dropout: evaluating twice gives the same logits.
        first = sess.run(logits, feed_dict=evaluate)
        second = sess.run(logits, feed_dict=evaluate)
        # keep_prob fed 0.5 drops units: the logits change.
        dropped = sess.run(logits, feed_dict={images: data, keep_prob: 0.5})
        saver.save(sess, checkpoint)

    with tf.Session() as sess:
        saver.restore(sess, checkpoint)
        restored = sess.run(tf.get_collection("logits")[0], feed_dict=evaluate)

    print("loss_start=%.6f" % loss_start)
    print("loss_end=%.6f" % loss_end)
    print("accuracy=%.4f" % acc)
    print("eval_repeat_max_diff=%.8f" % np.abs(first - second).max())
    print("dropout_train_max_diff=%.6f" % np.abs(first - dropped).max())
    print("restored_max_diff=%.8f" % np.abs(first - restored).max())


if __name__ == "__main__":
    tf.app.run()
