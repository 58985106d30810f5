"""MorvanZhou's classification tutorial: `compute_accuracy` defined above the Session it reads
runs fetches with the global Session and builds its accuracy ops from NumPy values; the input
placeholder is scaled where it is made (`/ 255.` after it) and fed by that name."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)


def compute_accuracy(v_xs, v_ys):
    global prediction  # noqa: PLW0602 (the tutorial's form)
    y_pre = sess.run(prediction, feed_dict={xs: v_xs})
    correct_prediction = tf.equal(tf.argmax(y_pre, 1), tf.argmax(v_ys, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    result = sess.run(accuracy, feed_dict={xs: v_xs, ys: v_ys})
    return result


xs = tf.placeholder(tf.float32, [None, 16]) / 255.
ys = tf.placeholder(tf.float32, [None, 3])
w = tf.Variable(tf.random_normal([16, 3], stddev=0.1))
b = tf.Variable(tf.zeros([1, 3]) + 0.1)
prediction = tf.nn.softmax(tf.matmul(xs, w) + b)
cross_entropy = tf.reduce_mean(-tf.reduce_sum(ys * tf.log(prediction), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
data = np.random.uniform(0, 1, (60, 16)).astype(np.float32)
labels = np.eye(3)[np.argmax(data[:, :3], axis=1)].astype(np.float32)
for i in range(40):
    batch = np.random.choice(60, 20)
    sess.run(train_step, feed_dict={xs: data[batch], ys: labels[batch]})
    if i % 10 == 0:
        print(f"step={i} accuracy={compute_accuracy(data, labels):.6f} loss={sess.run(cross_entropy, feed_dict={xs: data, ys: labels}):.7f}")
