"""hunkim's lab 13-3 shape (written for migrate's --style tf2 tests): a Session bound to `sess`, then the
Saver made among the Session's statements, the `checkpoint` state file read to resume
(`get_checkpoint_state`), the epoch kept in a variable set by `sess.run(last_epoch.assign(epoch + 1))`
and saved with global_step each epoch (max_to_keep 5, v1's default, over 7 saves). The tf2 output's
Checkpoint is made where the Saver was, v1_saver_save writes the state file and deletes as Saver.save
did, and the assign runs eagerly with the loop's value: the same digits, files and state file."""
import os
import sys
import tempfile
import zlib

import numpy as np
import tensorflow as tf

os.chdir(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
CHECK_POINT_DIR = "./tb/mnist2"
os.makedirs(CHECK_POINT_DIR, exist_ok=True)

tf.set_random_seed(777)
rng = np.random.RandomState(3)
x_data = rng.normal(size=(40, 4)).astype(np.float32)
y_data = (x_data @ np.array([[1.0], [0.5], [-1.0], [2.0]], dtype=np.float32) > 0).astype(np.float32)

X = tf.placeholder(tf.float32, [None, 4])
Y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.random_normal([4, 1], seed=3), name="W")
b = tf.Variable(tf.zeros([1]), name="b")
last_epoch = tf.Variable(0, name="last_epoch")
hypothesis = tf.sigmoid(tf.matmul(X, W) + b)
cost = -tf.reduce_mean(Y * tf.log(hypothesis + 1e-7) + (1 - Y) * tf.log(1 - hypothesis + 1e-7))
optimizer = tf.train.AdamOptimizer(learning_rate=0.1).minimize(cost)

sess = tf.Session()
sess.run(tf.global_variables_initializer())

saver = tf.train.Saver()
checkpoint = tf.train.get_checkpoint_state(CHECK_POINT_DIR)
if checkpoint and checkpoint.model_checkpoint_path:
    saver.restore(sess, checkpoint.model_checkpoint_path)
    print("loaded=1")
else:
    print("loaded=0")

start_from = sess.run(last_epoch)
print(f"start_from={start_from}")
for epoch in range(start_from, 7):
    for i in range(4):
        feed_dict = {X: x_data[i * 10:(i + 1) * 10], Y: y_data[i * 10:(i + 1) * 10]}
        c, _ = sess.run([cost, optimizer], feed_dict=feed_dict)
    print(f"epoch={epoch} cost={c:.7f}")
    sess.run(last_epoch.assign(epoch + 1))
    saver.save(sess, CHECK_POINT_DIR + "/model", global_step=epoch)

names = sorted(f for f in os.listdir(CHECK_POINT_DIR) if not f.endswith(".meta"))
print(f"files={len(names)} crc={zlib.crc32(' '.join(names).encode())}")
with open(os.path.join(CHECK_POINT_DIR, "checkpoint"), "rb") as handle:
    print(f"state={zlib.crc32(handle.read())}")
trained = sess.run(W)
sess.run(optimizer, feed_dict={X: x_data, Y: y_data})
checkpoint = tf.train.get_checkpoint_state(CHECK_POINT_DIR)
saver.restore(sess, checkpoint.model_checkpoint_path)
print(f"restored_diff={np.abs(sess.run(W) - trained).max():.9f} last_epoch={sess.run(last_epoch)}")
accuracy = tf.reduce_mean(tf.cast(tf.equal(hypothesis > 0.5, Y > 0.5), tf.float32))
print(f"accuracy={sess.run(accuracy, feed_dict={X: x_data, Y: y_data}):.7f}")
