# Placeholders named with a leading underscore (O'Reilly's Learning TensorFlow: `_inputs`, `_labels`), fed by a
# dict literal and by a feed dict bound to a name: tf.function binds a keyword `_x=` as `arg__x`, so the steps'
# parameters are named without the underscores and bound to the placeholders' names first.
import numpy as np
import tensorflow as tf

np.random.seed(0)
_inputs = tf.placeholder(tf.float32, [None, 3])
_labels = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(np.random.randn(3, 1).astype(np.float32))
loss = tf.reduce_mean(tf.square(tf.matmul(_inputs, w) - _labels))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
data = np.random.randn(8, 3)
target = data.sum(axis=1, keepdims=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        _, l = sess.run([train, loss], feed_dict={_inputs: data, _labels: target})
        print("loss=%.9g" % l)
    feed = {_inputs: data[:4], _labels: target[:4]}
    print("held=%.9g" % sess.run(loss, feed_dict=feed))
