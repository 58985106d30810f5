"""A linear model fed by a tf.data pipeline in TF 1.x graph style (written for migrate's
--style tf2 tests): a graph seed, an unseeded random_normal weight and an unseeded
`Dataset.shuffle` reshuffled every epoch by `.repeat()`, read through a one-shot iterator.
Both ops take their op seed from the graph's count, so the batches' order and the losses
depend on it."""
import numpy as np
import tensorflow as tf


def rows(n=24, dims=3):
    x = np.linspace(-1.0, 1.0, n * dims, dtype=np.float32).reshape(n, dims)
    y = (x @ np.array([[0.5], [-1.0], [2.0]], np.float32) + 0.3).astype(np.float32)
    return np.concatenate([x, y], axis=1)


tf.set_random_seed(2024)
table = rows()
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5), name="w")
b = tf.Variable(tf.zeros([1]), name="b")
dataset = tf.data.Dataset.from_tensor_slices(table).shuffle(24).repeat().batch(6)
batch = dataset.make_one_shot_iterator().get_next()
prediction = tf.matmul(batch[:, :3], w) + b
loss = tf.reduce_mean(tf.square(prediction - batch[:, 3:]))
train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(10):
        _, value, first = sess.run([train, loss, batch[0, 0]])
        print("step=%d loss=%.7f first=%.7f" % (step, value, first))
    print("w=%s" % np.round(sess.run(w).ravel(), 6).tolist())
