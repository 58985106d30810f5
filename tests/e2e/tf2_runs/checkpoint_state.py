"""Save with global_step, read the latest checkpoint back from the `checkpoint` state file,
restore it (written for migrate's --style tf2 tests): the resumable training loop of the
tutorials (`get_checkpoint_state(dir)` + `checkpoint_exists` + `restore`). Saver.save wrote
`model.ckpt-<step>` and the state file and kept max_to_keep of them; the tf2 output's
v1_saver_save must write and keep the same, and the restore must bring back the variables, the global step and Adam's moments
(the step after it shows them), so both versions print the same numbers."""
import glob
import os
import sys

import numpy as np
import tensorflow as tf

ckpt_dir = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "ckpt")
os.makedirs(ckpt_dir, exist_ok=True)


def batch(step):
    rng = np.random.RandomState(step)
    x = rng.normal(size=(8, 2)).astype(np.float32)
    return x, x @ np.array([[2.0], [-1.0]], dtype=np.float32)


x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]), name="w")
global_step = tf.Variable(0, trainable=False, name="global_step")
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=global_step)
saver = tf.train.Saver(max_to_keep=2)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ckpt = tf.train.get_checkpoint_state(ckpt_dir)
    print(f"found_before={int(ckpt is not None)}")
    for step in range(4):
        xs, ys = batch(step)
        _, value = sess.run([train, loss], {x: xs, y: ys})
        print(f"step={step} loss={value:.7f}")
        saved = saver.save(sess, ckpt_dir + "/model.ckpt", global_step=global_step)
    print(f"saved_step={int(saved.rsplit('-', 1)[1])}")
    trained = sess.run(w)
    for step in range(4, 6):  # trained on after the last save: the restore must undo these
        xs, ys = batch(step)
        sess.run(train, {x: xs, y: ys})
    ckpt = tf.train.get_checkpoint_state(ckpt_dir)
    latest = tf.train.latest_checkpoint(ckpt_dir)
    latest_step = int(ckpt.model_checkpoint_path.rsplit("-", 1)[1])
    print(f"latest_step={latest_step} same={int(latest == ckpt.model_checkpoint_path)}")
    if ckpt and tf.train.checkpoint_exists(ckpt.model_checkpoint_path):
        saver.restore(sess, ckpt.model_checkpoint_path)
    print(f"restored_diff={np.abs(sess.run(w) - trained).max():.9f} global_step={sess.run(global_step)}")
    xs, ys = batch(6)
    _, value = sess.run([train, loss], {x: xs, y: ys})
    print(f"after_restore_loss={value:.7f}")
    # v1's max_to_keep=2 kept the last two of this run, the state file lists them
    print(f"index_files={len(glob.glob(os.path.join(ckpt_dir, 'model.ckpt-*.index')))}")
    print(f"listed={len(tf.train.get_checkpoint_state(ckpt_dir).all_model_checkpoint_paths)}")
