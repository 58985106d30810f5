"""A small convolutional classifier in TF 1.x graph style (written for migrate's --style tf2
tests) whose get_variable shapes are Python values known only when the program runs (the
input width read from the data, the hidden size from a config dict), as hunkim's and
awjuliani's RL labs write them: the default initializer (v1's glorot_uniform), contrib's
xavier_initializer and a variance_scaling_initializer(fan_in, truncated normal) over a 4-D
kernel, all seeded by the graph's count; plain SGD, so both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
rng = np.random.RandomState(3)
images = rng.normal(size=(40, 6, 6, 1)).astype(np.float32)
labels = (images.mean(axis=(1, 2, 3)) > 0).astype(np.int64)
config = {"filters": 3, "hidden": 7}
height, width = images.shape[1], images.shape[2]
classes = 2

x = tf.placeholder(tf.float32, [None, height, width, 1])
y = tf.placeholder(tf.int64, [None])
kernel = tf.get_variable("kernel", shape=[3, 3, 1, config["filters"]],
                         initializer=tf.variance_scaling_initializer(2.0, "fan_in"))
features = tf.nn.relu(tf.nn.conv2d(x, kernel, strides=[1, 1, 1, 1], padding="SAME"))
flat = tf.reshape(features, [-1, height * width * config["filters"]])
w1 = tf.get_variable("w1", shape=[height * width * config["filters"], config["hidden"]],
                     initializer=tf.contrib.layers.xavier_initializer())
w2 = tf.get_variable("w2", [config["hidden"], classes])
logits = tf.matmul(tf.nn.tanh(tf.matmul(flat, w1)), w2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("kernel_sum=%.9f w1_sum=%.9f w2_sum=%.9f" % (sess.run(kernel).sum(), sess.run(w1).sum(), sess.run(w2).sum()))
    print("w1_max=%.9f w2_max=%.9f" % (sess.run(w1).max(), sess.run(w2).max()))
    for step in range(5):
        _, value = sess.run([train, loss], feed_dict={x: images, y: labels})
        print("step=%d loss=%.9f" % (step, value))
