"""A softmax classifier with weight decay over `tf.trainable_variables()` (written for
migrate's --style tf2 tests; the form of sjchoi86's and many tutorials' L2 penalty): the
decay list is the variables made before it (the hidden bias, made after, is not decayed),
a seeded graph, Momentum; the losses, accuracy and the penalty printed."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(2)
features = rng.normal(size=(48, 4)).astype(np.float32)
labels = np.eye(3)[(features[:, 0] > 0).astype(int) + (features[:, 2] > 0.5).astype(int)].astype(np.float32)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 3])
W1 = tf.Variable(tf.random_normal([4, 8], stddev=0.5))
W2 = tf.Variable(tf.truncated_normal([8, 3], stddev=0.5))
WEIGHT_DECAY_FACTOR = 0.01
l2_loss = tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()])
b1 = tf.Variable(tf.zeros([8]))
logits = tf.matmul(tf.nn.relu(tf.matmul(x, W1) + b1), W2)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y))
cost = cost + WEIGHT_DECAY_FACTOR * l2_loss
optm = tf.train.MomentumOptimizer(0.1, 0.9).minimize(cost)
accr = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(10):
        _, c = sess.run([optm, cost], feed_dict={x: features, y: labels})
        print("step=%d cost=%.7f" % (step, c))
    print("accuracy=%.7f l2=%.7f" % (sess.run(accr, feed_dict={x: features, y: labels}), sess.run(l2_loss)))
