"""A two-layer classifier in TF 1.x graph style (written for migrate's --style tf2 tests):
get_variable with its default initializer (v1's glorot_uniform, seeded by the graph's
count) and with contrib's xavier_initializer (v1's glorot_uniform_initializer after the compat
migration, the op contrib ran, seeded by the graph's count too), an unseeded random_normal
bias, Adam."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
rng = np.random.RandomState(1)
features = rng.normal(size=(90, 5)).astype(np.float32)
labels = (features[:, 0] + features[:, 1] > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.int64, [None])
w1 = tf.get_variable("w1", [5, 8])
b1 = tf.Variable(tf.random_normal([8]), name="b1")
w2 = tf.get_variable("w2", [8, 2], initializer=tf.contrib.layers.xavier_initializer())
logits = tf.matmul(tf.nn.tanh(tf.matmul(x, w1) + b1), w2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.AdamOptimizer(0.05).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("w1_sum=%.7f w2_sum=%.7f b1_sum=%.7f" % (sess.run(w1).sum(), sess.run(w2).sum(), sess.run(b1).sum()))
    for step in range(6):
        _, value = sess.run([train, loss], feed_dict={x: features, y: labels})
        print("step=%d loss=%.7f" % (step, value))
