"""Savers as the tutorials make them (written for migrate's --style tf2 tests): `Saver(max_to_keep=2)`
saving with global_step in the training loop (kvfrans' VAE), `Saver(tf.all_variables())` saving to
`"prefix-" + str(epoch)` with no global_step (sjchoi86's notebooks: max_to_keep 5, v1's default) and a
Saver of a var_list bound to a name first, saved once with write_state=False. TF 1.x's Saver.save wrote
the checkpoint and the `checkpoint` state file of its directory and deleted the Saver's checkpoints of
the run beyond max_to_keep: the printed checksums of the paths save returned, of the files left (its
.meta graph files aside: the TF 2 program writes none) and of each state file must be the same."""
import os
import sys
import tempfile
import zlib

import numpy as np
import tensorflow as tf

os.chdir(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
for folder in ("nets", "best"):
    os.makedirs(folder, exist_ok=True)


def files(folder):
    names = sorted(f for f in os.listdir(folder) if not f.endswith(".meta"))
    return f"{len(names)} crc={zlib.crc32(' '.join(names).encode())}"


def state(folder):
    with open(os.path.join(folder, "checkpoint"), "rb") as handle:
        return zlib.crc32(handle.read())


tf.set_random_seed(5)
rng = np.random.RandomState(1)
x_data = rng.normal(size=(32, 3)).astype(np.float32)
y_data = x_data @ np.array([[1.0], [-2.0], [0.5]], dtype=np.float32) + 0.1

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1], stddev=0.3, seed=2), name="w")
b = tf.Variable(tf.zeros([1]), name="b")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
saver = tf.train.Saver(max_to_keep=2)
every = tf.train.Saver(tf.all_variables())
var_list = [w, b]
best = tf.train.Saver(var_list)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(7):
        batch = slice((epoch * 8) % 32, (epoch * 8) % 32 + 8)
        _, value = sess.run([train, loss], feed_dict={x: x_data[batch], y: y_data[batch]})
        print(f"epoch={epoch} loss={value:.7f}")
        path = saver.save(sess, "nets/model.ckpt", global_step=epoch)
        print(f"saved={zlib.crc32(path.encode())}")
        every.save(sess, "nets/every.ckpt-" + str(epoch))
        print(f"nets_files={files('nets')} state={state('nets')}")
    trained = sess.run(w)
    best.save(sess, "best/best.ckpt", write_state=False)
    print(f"best_files={files('best')} state_file={int(os.path.exists('best/checkpoint'))}")
    for step in range(3):  # train on after the saves: the restores must bring the saved values back
        sess.run(train, feed_dict={x: x_data, y: y_data})
    best.restore(sess, "best/best.ckpt")
    print(f"best_restored_diff={np.abs(sess.run(w) - trained).max():.9f}")
    sess.run(train, feed_dict={x: x_data, y: y_data})
    saver.restore(sess, "nets/model.ckpt-6")
    print(f"restored_diff={np.abs(sess.run(w) - trained).max():.9f}")
    print(f"restored_loss={sess.run(loss, feed_dict={x: x_data, y: y_data}):.7f}")
