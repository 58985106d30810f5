# facingwaller's simpleCNN shape: the InteractiveSession made above the graph, variables made by
# helpers returning tf.Variable (unseeded initial values under a graph seed), dropout fed its keep_prob,
# values read by `.eval(feed_dict=)` and the training op run by `.run(feed_dict=)`.
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)


def weight_varible(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


rng = np.random.RandomState(0)
sess = tf.InteractiveSession()

W_fc1 = weight_varible([6, 16])
b_fc1 = bias_variable([16])
x = tf.placeholder(tf.float32, [None, 6])
h_fc1 = tf.nn.relu(tf.matmul(x, W_fc1) + b_fc1)
keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
W_fc2 = weight_varible([16, 3])
b_fc2 = bias_variable([3])
y_conv = tf.nn.softmax(tf.matmul(h_fc1_drop, W_fc2) + b_fc2)
y_ = tf.placeholder(tf.float32, [None, 3])
cross_entropy = -tf.reduce_sum(y_ * tf.log(y_conv))
train_step = tf.train.AdamOptimizer(1e-2).minimize(cross_entropy)
correct_prediction = tf.equal(tf.arg_max(y_conv, 1), tf.arg_max(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

sess.run(tf.initialize_all_variables())
data = rng.randn(40, 6).astype(np.float32)
labels = np.eye(3, dtype=np.float32)[(data[:, 0] > 0).astype(int) + (data[:, 1] > 0.5).astype(int)]
for i in range(20):
    rows = rng.randint(0, 40, size=10)
    if i % 5 == 0:
        acc = accuracy.eval(feed_dict={x: data[rows], y_: labels[rows], keep_prob: 1.0})
        print(f"accuracy={acc:.9g}")
        loss = cross_entropy.eval(feed_dict={x: data, y_: labels, keep_prob: 1.0})
        print(f"loss={loss:.9g}")
    train_step.run(feed_dict={x: data[rows], y_: labels[rows], keep_prob: 0.5})
final = cross_entropy.eval(feed_dict={x: data, y_: labels, keep_prob: 1.0})
print(f"loss={final:.9g}")
