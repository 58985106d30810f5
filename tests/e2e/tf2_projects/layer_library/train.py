"""A program building its graph with the layer functions of layers.py (written for migrate's
--style tf2 tests; the shape of easy-tensorflow's main.py): under a graph seed, a random op of
the program's own drawn before the layers, two layers, plain gradient descent."""
import numpy as np
import tensorflow as tf
from layers import accuracy, fc_layer

rng = np.random.RandomState(0)
x_data = rng.normal(size=(64, 5)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=64)]

tf.set_random_seed(11)
x = tf.placeholder(tf.float32, shape=[None, 5], name='X')
y = tf.placeholder(tf.float32, shape=[None, 3], name='Y')
scale = tf.Variable(tf.random_uniform([5], 0.5, 1.5), name='scale')
fc1 = fc_layer(x * scale, 8, 'FC1', use_relu=True)
logits = fc_layer(fc1, 3, 'OUT', use_relu=False)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits), name='loss')
train_op = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
acc = accuracy(logits, y)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        _, value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        if step % 5 == 0:
            print(f"step={step} loss={value:.9g}")
    value, correct = sess.run([loss, acc], feed_dict={x: x_data, y: y_data})
    print(f"final loss={value:.9g} accuracy={correct:.6f}")
