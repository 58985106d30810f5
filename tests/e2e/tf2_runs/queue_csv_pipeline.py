"""A TF 1.x queue-runner input pipeline (written for migrate's --style tf2 tests): two CSV
files with a header line, written first, read in order (string_input_producer with
shuffle=False, endless epochs), each line decoded, batched by tf.train.batch's one thread
into batches that cross file and epoch boundaries; the model trains on the batch tensors
directly, and a weight drawn with no op seed after the pipeline (its graph op seed counted)."""
import os
import sys

import numpy as np
import tensorflow as tf

workdir = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.RandomState(3)
names = []
for part, rows in (("a", 7), ("b", 5)):
    path = os.path.join(workdir, f"rows_{part}.csv")
    with open(path, "w") as f:
        f.write("x1,x2,label,y\n")
        for _ in range(rows):
            x1, x2 = rng.uniform(-1, 1, size=2)
            f.write(f"{x1:.4f},{x2:.4f},{'yes' if x1 > 0 else 'no'},{2 * x1 - x2 + 0.5:.4f}\n")
    names.append(path)

tf.set_random_seed(11)
queue = tf.train.string_input_producer(names, shuffle=False)
reader = tf.TextLineReader(skip_header_lines=1)
_, line = reader.read(queue)
# three floats and a string column
cols = tf.decode_csv(line, record_defaults=[[0.0], [0.0], [""], [0.0]])
flag = tf.cast(tf.equal(cols[2], "yes"), tf.float32)
features = tf.stack([cols[0], cols[1], flag])
batch_x, batch_y = tf.train.batch([features, cols[3:]], batch_size=5)

w = tf.Variable(tf.random_normal([3, 1]))
b = tf.Variable(tf.zeros([1]))
loss = tf.reduce_mean(tf.square(tf.matmul(batch_x, w) + b - batch_y))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    for step in range(12):
        _, value = sess.run([train, loss])
        print(f"step={step} loss={value:.7f}")
    xs, ys = sess.run([batch_x, batch_y])
    print("next_x=" + np.array2string(xs.ravel(), precision=4, separator=","))
    print("next_y=" + np.array2string(ys.ravel(), precision=4, separator=","))
    coord.request_stop()
    coord.join(threads)
    print("w=" + np.array2string(sess.run(w).ravel(), precision=6, separator=","))
