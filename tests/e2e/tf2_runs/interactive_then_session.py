"""The Deep MNIST tutorial's two parts in one script (written for migrate's --style tf2 tests;
the shape of tensorfun's deepMNIST.py): an InteractiveSession trains a softmax model on batches
a NumPy dataset object hands out; the deep model built after it (its weights from helper
functions drawing seeded truncated normals, dropout) is trained in a Session `with` block
that runs the initializer again: TF 1.x's new Session started the softmax weights from zeros
again, the deep weights from their first draws."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)


class DataSet:
    def __init__(self, count):
        rng = np.random.RandomState(0)
        self.images = rng.rand(count, 16).astype(np.float32)
        self.labels = np.eye(4)[(self.images[:, :4].argmax(1))].astype(np.float32)
        self.start = 0

    def next_batch(self, size):
        end = self.start + size
        if end > len(self.images):
            order = np.random.RandomState(end).permutation(len(self.images))
            self.images, self.labels, self.start, end = self.images[order], self.labels[order], 0, size
        batch = self.images[self.start:end], self.labels[self.start:end]
        self.start = end
        return batch


data = DataSet(40)
sess = tf.InteractiveSession()
x = tf.placeholder(tf.float32, shape=[None, 16])
y_ = tf.placeholder(tf.float32, shape=[None, 4])
W = tf.Variable(tf.zeros([16, 4]))
b = tf.Variable(tf.zeros([4]))
sess.run(tf.global_variables_initializer())
y = tf.matmul(x, W) + b
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
for _ in range(6):
    batch = data.next_batch(10)
    train_step.run(feed_dict={x: batch[0], y_: batch[1]})
print(f"softmax_loss={cross_entropy.eval(feed_dict={x: data.images, y_: data.labels}):.7f}")


def weight_variable(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


W_fc1 = weight_variable([16, 32])
b_fc1 = bias_variable([32])
h_fc1 = tf.nn.relu(tf.matmul(x, W_fc1) + b_fc1)
keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
W_fc2 = weight_variable([32, 4])
b_fc2 = bias_variable([4])
y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2 + y
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-2).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(f"restarted_W={sess.run(tf.reduce_sum(tf.abs(W))):.7f}")
    for i in range(12):
        batch = data.next_batch(10)
        if i % 3 == 0:
            train_accuracy = accuracy.eval(feed_dict={x: batch[0], y_: batch[1], keep_prob: 1.0})
            print(f"step={i} accuracy={train_accuracy:.7f}")
        train_step.run(feed_dict={x: batch[0], y_: batch[1], keep_prob: 0.5})
    print(f"deep_loss={cross_entropy.eval(feed_dict={x: data.images, y_: data.labels, keep_prob: 1.0}):.7f}")
    print(f"W={np.round(sess.run(W)[0], 6).tolist()}")
