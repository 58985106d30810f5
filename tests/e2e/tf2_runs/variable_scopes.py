"""A three-layer classifier in TF 1.x graph style (written for migrate's --style tf2 tests),
its layers under `tf.variable_scope('layerN')` (one `as scope`, unread) with get_variable's
default initializer and xavier (seeded by the graph's count), a name_scope around the loss,
dropout fed a keep probability, SGD; the summed weights, losses and a checkpoint written and
read back, and the FileWriter closed after the Session block."""
import os
import sys

import numpy as np
import tensorflow as tf

tf.set_random_seed(77)
out = sys.argv[1]
rng = np.random.RandomState(3)
features = rng.normal(size=(64, 6)).astype(np.float32)
labels = np.eye(3)[(features[:, 0] > 0).astype(int) + (features[:, 1] > 1).astype(int)].astype(np.float32)

X = tf.placeholder(tf.float32, [None, 6])
Y = tf.placeholder(tf.float32, [None, 3])
keep_prob = tf.placeholder(tf.float32)
with tf.variable_scope('layer1') as scope:
    W1 = tf.get_variable("W", shape=[6, 16], initializer=tf.contrib.layers.xavier_initializer())
    b1 = tf.Variable(tf.random_normal([16]))
    L1 = tf.nn.relu(tf.matmul(X, W1) + b1)
    L1 = tf.nn.dropout(L1, keep_prob=keep_prob)
with tf.variable_scope('layer2'):
    W2 = tf.get_variable("W", shape=[16, 3])
    b2 = tf.Variable(tf.zeros([3]))
    hypothesis = tf.matmul(L1, W2) + b2
with tf.name_scope('cost'):
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=hypothesis, labels=Y))
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.2).minimize(cost)
writer = tf.summary.FileWriter(os.path.join(out, "logs"))
saver = tf.train.Saver()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("w1_sum=%.7f w2_sum=%.7f b1_sum=%.7f" % (sess.run(W1).sum(), sess.run(W2).sum(), sess.run(b1).sum()))
    for step in range(8):
        c, _ = sess.run([cost, optimizer], feed_dict={X: features, Y: labels, keep_prob: 1.0})
        print("step=%d cost=%.7f" % (step, c))
    saver.save(sess, os.path.join(out, "model.ckpt"))
    print("eval_cost=%.7f" % sess.run(cost, feed_dict={X: features, Y: labels, keep_prob: 1.0}))
writer.close()

with tf.Session() as sess:
    saver.restore(sess, os.path.join(out, "model.ckpt"))
    print("restored_w2=%s" % np.round(sess.run(W2)[0], 6).tolist())
