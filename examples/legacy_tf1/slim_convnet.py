"""A TF-Slim convnet from the TensorFlow 1.x era (tf.contrib.slim).

slim.arg_scope over conv2d / fully_connected with Xavier init and an L2 weight
regulariser from tf.contrib.layers, slim.dropout(keep_prob=...) switched off by
is_training, tf.losses with the regularisation loss, a global step, Saver save + restore.
Tiny synthetic 8x8 images (is the bright square in the top or the bottom half?).
"""
import os
import tempfile

import numpy as np
import tensorflow as tf
import tensorflow.contrib.slim as slim

WEIGHT_DECAY = 1e-3


def synthetic_images(n=256, seed=0):
    rng = np.random.RandomState(seed)
    images = rng.uniform(0.0, 0.3, size=(n, 8, 8, 1)).astype(np.float32)
    labels = rng.randint(0, 2, size=n)
    for i, label in enumerate(labels):
        row = rng.randint(0, 2) + (4 if label else 0)
        col = rng.randint(0, 6)
        images[i, row:row + 2, col:col + 2, 0] += 1.0
    return images, labels.astype(np.int64)


def convnet(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        activation_fn=tf.nn.relu,
                        weights_initializer=tf.contrib.layers.xavier_initializer(),
                        weights_regularizer=tf.contrib.layers.l2_regularizer(WEIGHT_DECAY)):
        net = slim.conv2d(images, 8, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.flatten(net)
        net = slim.fully_connected(net, 16, scope="fc1")
        net = slim.dropout(net, keep_prob=0.8, is_training=is_training, scope="dropout1")
        return slim.fully_connected(net, 2, activation_fn=None, scope="logits")


def main():
    tf.set_random_seed(7)
    data, labels = synthetic_images()
    images = tf.placeholder(tf.float32, [None, 8, 8, 1])
    targets = tf.placeholder(tf.int64, [None])
    is_training = tf.placeholder_with_default(False, [])

    logits = convnet(images, is_training)
    data_loss = tf.losses.sparse_softmax_cross_entropy(labels=targets, logits=logits)
    regularization = tf.losses.get_regularization_loss()
    total_loss = data_loss + regularization
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.GradientDescentOptimizer(0.2).minimize(total_loss, global_step=global_step)

    weights = [v for v in slim.get_model_variables() if "weights" in v.op.name]
    saver = tf.train.Saver()
    checkpoint = os.path.join(tempfile.mkdtemp(), "convnet.ckpt")
    evaluate = {images: data, targets: labels}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        initial = sess.run(weights)
        loss_start = sess.run(data_loss, feed_dict=evaluate)
        for step in range(200):
            batch = np.random.RandomState(step).randint(0, len(data), size=32)
            sess.run(train_op, feed_dict={images: data[batch], targets: labels[batch], is_training: True})
        loss_end, reg_value, step_value = sess.run([data_loss, regularization, global_step], feed_dict=evaluate)
        final = sess.run(weights)
        first = sess.run(logits, feed_dict=evaluate)
        second = sess.run(logits, feed_dict=evaluate)
        accuracy = np.mean(np.argmax(first, 1) == labels)
        saver.save(sess, checkpoint)

    with tf.Session() as sess:
        saver.restore(sess, checkpoint)
        restored = sess.run(logits, feed_dict=evaluate)

    # Xavier/Glorot uniform: every initial weight lies within sqrt(6 / (fan_in + fan_out)).
    def glorot_limit(w):
        fan_in = np.prod(w.shape[:-1]) if w.ndim > 2 else w.shape[0]
        fan_out = w.shape[-1] * (np.prod(w.shape[:2]) if w.ndim > 2 else 1)
        return np.sqrt(6.0 / (fan_in + fan_out))

    within = all(np.abs(w).max() <= glorot_limit(w) for w in initial)
    # The L2 regulariser of tf.contrib.layers: WEIGHT_DECAY * sum(w ** 2) / 2 per weight tensor.
    expected_reg = sum(WEIGHT_DECAY * np.sum(w.astype(np.float64) ** 2) / 2 for w in final)

    print("loss_start=%.6f" % loss_start)
    print("loss_end=%.6f" % loss_end)
    print("accuracy=%.4f" % accuracy)
    print("global_step=%d" % step_value)
    print("xavier_within_limit=%d" % within)
    print("regularization=%.8f expected_regularization=%.8f" % (reg_value, expected_reg))
    print("eval_repeat_max_diff=%.8f" % np.abs(first - second).max())
    print("restored_max_diff=%.8f" % np.abs(first - restored).max())


if __name__ == "__main__":
    main()
