"""A small CNN built with the layer functions of ops.py imported with `*` (written for migrate's
--style tf2 tests; the shape of easy-tensorflow's CNN main.py): under a graph seed, a convolution,
a max pool, the flatten (no variable, no random op) and two fully-connected layers; plain
gradient descent."""
import numpy as np
import tensorflow as tf
from ops import *  # (easy-tensorflow's import)

rng = np.random.RandomState(0)
x_data = rng.normal(size=(32, 8, 8, 1)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=32)]

tf.set_random_seed(7)
x = tf.placeholder(tf.float32, shape=[None, 8, 8, 1], name='X')
y = tf.placeholder(tf.float32, shape=[None, 3], name='Y')
conv1 = conv_layer(x, 3, 4, 1, name='conv1')
pool1 = max_pool(conv1, ksize=2, stride=2, name='pool1')
layer_flat = flatten_layer(pool1)
fc1 = fc_layer(layer_flat, 8, 'FC1', use_relu=True)
logits = fc_layer(fc1, 3, 'OUT', use_relu=False)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits), name='loss')
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        if step % 5 == 0:
            print(f"step={step} loss={value:.9g}")
    print(f"final loss={sess.run(loss, feed_dict={x: x_data, y: y_data}):.9g}")
