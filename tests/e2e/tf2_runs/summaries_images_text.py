"""Training with TensorBoard summaries of other kinds in TF 1.x graph style (written for migrate's
--style tf2 tests): summary.image of float images (negative and non-negative values, a NaN pixel:
v1's kernel scales each image to fill 0..255), of uint8 images, with max_outputs 1 and 2, under a
family; summary.text and summary.audio; tags built from a constant (`+`, an f-string, `%`, `.format`),
one used twice (v1 wrote `_1`), a name with characters v1 cleaned; summaries in a list merged by
tf.summary.merge, others in a collection of their own merged by merge_all(key); add_summary of both.
The program's first argument is the log directory."""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1]
PREFIX = "train"
rng = np.random.RandomState(5)
x_train = rng.normal(size=(6, 16)).astype(np.float32)
pictures = x_train.reshape(-1, 4, 4, 1) * 3.0
pictures[0, 1, 2, 0] = np.nan  # a bad pixel (v1 drew it red) in the first picture
y_train = rng.uniform(size=(6, 16)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 16], name="x")
y = tf.placeholder(tf.float32, [None, 16], name="y")
kernel = tf.Variable(tf.random_uniform([16, 16], -0.5, 0.5, seed=7), name="w")
images = tf.placeholder(tf.float32, [None, 4, 4, 1], name="images")
out = tf.nn.sigmoid(tf.matmul(x, kernel))
loss = tf.reduce_mean(tf.square(out - y))
step_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

tf.summary.image("inputs", images, max_outputs=2)  # negative values: shifted by 128
tf.summary.image(PREFIX + "/outputs", tf.reshape(out, [-1, 4, 4, 1]), 1, family="pictures")
tf.summary.image("bytes", tf.cast(tf.reshape(out, [-1, 4, 4, 1]) * 200.0, tf.uint8), max_outputs=3)
tf.summary.text("loss text", tf.as_string(loss, precision=4))
tf.summary.audio("clip", tf.reshape(out, [-1, 16]) * 2.0 - 1.0, 8000, max_outputs=1)
with tf.name_scope("fit"):
    tf.summary.scalar(f"{PREFIX}_loss", loss)
    tf.summary.scalar(f"{PREFIX}_loss", loss * 2.0)  # tagged fit/train_loss_1 by TF 1.x's graph
merged = tf.summary.merge_all()
listed = [tf.summary.scalar("%s/out_sum" % PREFIX, tf.reduce_sum(out)),  # noqa: UP031 (a form the tests convert)
          tf.summary.histogram("{}/kernel".format(PREFIX), kernel)]  # noqa: UP032
listed_merged = tf.summary.merge(listed)
tf.summary.scalar("evaluation", loss, collections=["evaluation"])
evaluation = tf.summary.merge_all("evaluation")

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        summary, listed_summary, _, value = sess.run([merged, listed_merged, step_op, loss],
                                                     feed_dict={x: x_train, y: y_train, images: pictures})
        if step % 2 == 0:
            writer.add_summary(summary, step)
            writer.add_summary(listed_summary, step)
            print(f"step={step} loss={value:.7f}")
    writer.add_summary(sess.run(evaluation, {x: x_train[:2], y: y_train[:2]}), 6)
    writer.close()
    print(f"kernel_sum={sess.run(tf.reduce_sum(kernel)):.7f}")
