"""An initializer object bound to a name at module level, then given to get_variable (written for
migrate's --style tf2 tests; the TF 1.x Deep Learning Cookbook's and a fresh-eyes trial's form), under
a graph seed: the initializer written in its place draws with the op seed TF 1.x counted for it. The
loop's fetches are a dict bound to a name, then run (written in the run by the converter)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(6)
x = tf.placeholder(tf.float32, [None, 3])
weight_initializer = tf.truncated_normal_initializer(stddev=0.3)
with tf.variable_scope("l_1"):
    W = tf.get_variable("W", [3, 4], initializer=weight_initializer)
V = tf.get_variable("V", [4, 1], initializer=tf.random_normal_initializer(stddev=0.2))
loss = tf.reduce_mean(tf.square(tf.matmul(tf.nn.relu(tf.matmul(x, W)), V) - 1.0))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
data = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        fetches = {"train": train, "loss": loss}
        values = sess.run(fetches, {x: data})
        print("step=%d loss=%.9g" % (i, values["loss"]))
