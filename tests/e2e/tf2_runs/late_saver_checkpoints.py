"""hunkim's lab-13-3 save/restore shape (written for migrate's --style tf2 tests): the Session made
and initialized, a FileWriter given its graph, then the Saver made among the Session's statements;
the checkpoint state read (restored when a checkpoint is there), trained with Adam on changing
batches, saved with global_step after each epoch, the epoch counter kept in a variable. The Saver
lists the variables the graph held above the Session: the tf2 output makes it there."""
import os
import sys

import numpy as np
import tensorflow as tf

tf.set_random_seed(777)
CHECK_POINT_DIR = TB_SUMMARY_DIR = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "tb")


def batch(step):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(16, 3)).astype(np.float32)
    return x, np.eye(2)[(x @ np.array([1.5, -2.0, 0.5]) > 0).astype(int)].astype(np.float32)


X = tf.placeholder(tf.float32, [None, 3])
Y = tf.placeholder(tf.float32, [None, 2])
with tf.variable_scope("layer1"):
    W1 = tf.get_variable("W", shape=[3, 8], initializer=tf.glorot_uniform_initializer())
    b1 = tf.Variable(tf.random_normal([8]))
    L1 = tf.nn.relu(tf.matmul(X, W1) + b1)
with tf.variable_scope("layer2"):
    W2 = tf.get_variable("W", shape=[8, 2], initializer=tf.glorot_uniform_initializer())
    b2 = tf.Variable(tf.random_normal([2]))
    hypothesis = tf.matmul(L1, W2) + b2
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=hypothesis, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)
tf.summary.scalar("loss", cost)
last_epoch = tf.Variable(0, name="last_epoch")
summary = tf.summary.merge_all()

# initialize
sess = tf.Session()
sess.run(tf.global_variables_initializer())

# Create summary writer
writer = tf.summary.FileWriter(TB_SUMMARY_DIR)
writer.add_graph(sess.graph)
global_step = 0

# Saver and Restore
saver = tf.train.Saver()
checkpoint = tf.train.get_checkpoint_state(CHECK_POINT_DIR)
if checkpoint and checkpoint.model_checkpoint_path:
    saver.restore(sess, checkpoint.model_checkpoint_path)
    print("Successfully loaded:", checkpoint.model_checkpoint_path)
else:
    print("Could not find old network weights")

start_from = sess.run(last_epoch)
for epoch in range(start_from, 3):
    avg_cost = 0
    for i in range(5):
        xs, ys = batch(epoch * 5 + i)
        s, _ = sess.run([summary, optimizer], feed_dict={X: xs, Y: ys})
        writer.add_summary(s, global_step=global_step)
        global_step += 1
        avg_cost += sess.run(cost, feed_dict={X: xs, Y: ys}) / 5
    print(f"epoch={epoch + 1} cost={avg_cost:.9f}")
    sess.run(last_epoch.assign(epoch + 1))
    if not os.path.exists(CHECK_POINT_DIR):
        os.makedirs(CHECK_POINT_DIR)
    saver.save(sess, CHECK_POINT_DIR + "/model", global_step=i)

print(f"w1={sess.run(W1)[0].tolist()} last_epoch={sess.run(last_epoch)}")
