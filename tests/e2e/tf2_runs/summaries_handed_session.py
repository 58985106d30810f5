"""A training function handed the Session that shows its graph to a FileWriter and evaluates with
`.eval(session=...)` (written for migrate's --style tf2 tests; the shape of wookayin's
tensorflow-talk-debugging 12-mnist-summary.py): summaries merged at module level, `def fit(session)`
making `FileWriter(logdir, session.graph)`, adding the merged summary at each step and printing
`loss.eval(feed, session=session)`; main() opens the Session and hands it over. The program's first
argument is the log directory."""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1]
tf.set_random_seed(17)
rng = np.random.RandomState(6)
points = rng.rand(24, 3).astype(np.float32)
levels = (points.sum(axis=1, keepdims=True) - 1.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
weights = tf.Variable(tf.random_normal([3, 1], stddev=0.5))
bias = tf.Variable(tf.zeros([1]))
loss = tf.reduce_mean(tf.square(tf.matmul(x, weights) + bias - y))
tf.summary.scalar("loss", loss)
tf.summary.histogram("weights", weights)
merged = tf.summary.merge_all()
train_op = tf.train.GradientDescentOptimizer(0.2).minimize(loss)


def fit(session):
    writer = tf.summary.FileWriter(logdir, session.graph)
    session.run(tf.global_variables_initializer())
    for step in range(5):
        summary, _ = session.run([merged, train_op], feed_dict={x: points, y: levels})
        writer.add_summary(summary, step)
        value = loss.eval({x: points, y: levels}, session=session)
        print(f"step={step} loss={value:.9g}")
    writer.close()
    print(f"bias={session.run(bias)[0]:.9g}")


def main():
    with tf.Session() as session:
        fit(session)


if __name__ == "__main__":
    main()
