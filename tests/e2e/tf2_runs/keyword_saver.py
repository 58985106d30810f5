"""The seed set on the TensorFlow import's line and Saver / latest_checkpoint called with keyword
arguments (exelban's cifar-10 `latest_checkpoint(checkpoint_dir=...)`, taki0112's DenseNet
`saver.save(sess=sess, save_path=...)`; written for migrate's --style tf2 tests). The compat
output must set the seed in graph mode (its set-up goes between the import and the seed: an
unseeded initial value differs run to run), the tf2 output converts the keyword calls as the
positional ones (a CheckpointManager writing `model-<step>`): the same digits."""
import os  # noqa: I001 (the seed set on the TensorFlow import's line)
import sys

import numpy as np
import tensorflow as tf; tf.set_random_seed(3)

ckpt_dir = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "ckpt")
os.makedirs(ckpt_dir, exist_ok=True)
x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([2, 1]), name="w")  # no op seed: drawn from the graph seed
b = tf.Variable(tf.zeros([1]), name="b")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
rng = np.random.RandomState(0)
xs = rng.normal(size=(16, 2)).astype(np.float32)
ys = xs @ np.array([[1.5], [-0.5]], dtype=np.float32) + 0.2
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(f"w0={sess.run(w).ravel().tolist()}")
    for step in range(5):
        _, value = sess.run([train, loss], {x: xs, y: ys})
        print(f"step={step} loss={value:.7f}")
        saver.save(sess=sess, save_path=os.path.join(ckpt_dir, "model"), global_step=step)
    trained = sess.run(w)
    sess.run(train, {x: xs, y: ys})  # trained on after the last save: the restore must undo it
    latest = tf.train.latest_checkpoint(checkpoint_dir=ckpt_dir)
    print(f"latest_step={int(latest.rsplit('-', 1)[1])}")
    saver.restore(sess, save_path=latest)
    print(f"restored_diff={np.abs(sess.run(w) - trained).max():.9f}")
    print(f"restored_loss={sess.run(loss, {x: xs, y: ys}):.7f}")
