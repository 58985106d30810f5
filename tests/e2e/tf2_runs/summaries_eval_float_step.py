"""An InteractiveSession trainer written in the shape of a steering-angle regression script
(written for migrate's --style tf2 tests): `tf.train.Saver(write_version=saver_pb2.SaverDef.V2)`
(v1's default checkpoint format), `op.run(feed)` / `loss.eval(feed)` in the default Session,
`summary = merged.eval(feed)` and `writer.add_summary(summary, epoch * count / batch + i)`, a float
step that v1's FileWriter wrote as int(step). The program's first argument is the log directory;
the checkpoint files left there are printed (checksum of their names)."""
import os
import sys
import zlib

import numpy as np
import tensorflow as tf
from tensorflow.core.protobuf import saver_pb2

logdir = sys.argv[1]
tf.set_random_seed(23)
rng = np.random.RandomState(4)
frames = rng.rand(50, 6).astype(np.float32)
angles = (frames @ rng.normal(size=(6, 1)) * 0.3).astype(np.float32)

session = tf.InteractiveSession()
inputs = tf.placeholder(tf.float32, [None, 6])
target = tf.placeholder(tf.float32, [None, 1])
keep = tf.placeholder(tf.float32)
kernel = tf.Variable(tf.truncated_normal([6, 8], stddev=0.2))
hidden = tf.nn.dropout(tf.nn.relu(tf.matmul(inputs, kernel)), keep)
head = tf.Variable(tf.truncated_normal([8, 1], stddev=0.2))
angle = tf.atan(tf.matmul(hidden, head))
weights = tf.trainable_variables()
cost = tf.reduce_mean(tf.square(angle - target)) + tf.add_n([tf.nn.l2_loss(v) for v in weights]) * 0.01
step_op = tf.train.AdamOptimizer(0.01).minimize(cost)
session.run(tf.global_variables_initializer())
tf.summary.scalar("cost", cost)
merged = tf.summary.merge_all()
keeper = tf.train.Saver(write_version=saver_pb2.SaverDef.V2)
writer = tf.summary.FileWriter(logdir, graph=tf.get_default_graph())

batch = 20
for epoch in range(3):
    for i in range(int(len(frames) / batch)):
        rows = slice(i * batch, (i + 1) * batch)
        step_op.run(feed_dict={inputs: frames[rows], target: angles[rows], keep: 0.8})
        value = cost.eval(feed_dict={inputs: frames[rows], target: angles[rows], keep: 1.0})
        print(f"epoch={epoch} i={i} cost={value:.9g}")
        summary = merged.eval(feed_dict={inputs: frames, target: angles, keep: 1.0})
        writer.add_summary(summary, epoch * len(frames) / batch + i)
    path = keeper.save(session, os.path.join(logdir, "ckpt", "model.ckpt"))
names = sorted(f for f in os.listdir(os.path.join(logdir, "ckpt")) if not f.endswith(".meta"))
print(f"files={len(names)} crc={zlib.crc32(' '.join(names).encode())}")
