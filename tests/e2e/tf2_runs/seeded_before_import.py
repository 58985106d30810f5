"""easy-tensorflow's RNN notebooks: Python's `random` seeded before TensorFlow is imported (the
rnn cell's kernel and the batches' order drawn from it), weight helpers binding their
initializer to a local name before get_variable, a BasicRNNCell run by static_rnn, and a loop
over the test inputs rebinding the placeholder's name after the last run."""
import random  # noqa: I001 (seeded before TensorFlow is imported, as the notebooks do)
random.seed(0)
import numpy as np
import tensorflow as tf
from tensorflow.contrib import rnn

tf.set_random_seed(1)
np.random.seed(0)
timesteps, num_input, n_classes, num_hidden = 4, 3, 2, 5


def weight_variable(shape):
    initer = tf.truncated_normal_initializer(stddev=0.1)
    return tf.get_variable('W', dtype=tf.float32, shape=shape, initializer=initer)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape, dtype=tf.float32)
    return tf.get_variable('b', dtype=tf.float32, initializer=initial)


def RNN(x, weights, biases):
    x = tf.unstack(x, timesteps, 1)
    cell = rnn.BasicRNNCell(num_hidden)
    _outputs, state = rnn.static_rnn(cell, x, dtype=tf.float32)
    return tf.matmul(state, weights) + biases


x = tf.placeholder(tf.float32, [None, timesteps, num_input])
y = tf.placeholder(tf.float32, [None, n_classes])
W = weight_variable([num_hidden, n_classes])
b = bias_variable([n_classes])
logits = RNN(x, W, b)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
train = tf.train.AdamOptimizer(0.05).minimize(loss)

data = np.random.rand(16, timesteps, num_input).astype(np.float32)
labels = np.eye(n_classes, dtype=np.float32)[(data.sum(axis=(1, 2)) > 6).astype(int)]
order = list(range(16))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        random.shuffle(order)
        _, l = sess.run([train, loss], feed_dict={x: data[order[:8]], y: labels[order[:8]]})
        if step % 5 == 0:
            print("step=%d loss=%.7f" % (step, l))
    pred = sess.run(logits, feed_dict={x: data[:3]})
    for i, x in enumerate(data[:3]):
        print("i=%d sum=%.5f p0=%.7f p1=%.7f" % (i, x.sum(), pred[i][0], pred[i][1]))
