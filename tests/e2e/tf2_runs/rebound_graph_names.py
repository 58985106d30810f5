"""Graph names bound again to another kind of graph value (written for migrate's --style tf2
tests; the shapes of dsalaj's supervised_learning scripts: a bias variable `b` rebound to the
hidden layer's activation, and a learning rate fed through a placeholder given no shape) and a
variable rebound in the Session block to a tensor computed from it (freepsw's `x =
tf.transpose(x)`). A function taking a parameter of the same name is left as it is. The tf2
conversion renames each later binding and the reads after it (`b_2`); the rate's unknown shape is
made a scalar for the Keras optimizer (v1's kernel took it as one). Both styles print the same digits."""
import numpy as np
import tensorflow as tf


def shuffle_in_unison(a, b):
    state = np.random.get_state()
    np.random.shuffle(a)
    np.random.set_state(state)
    np.random.shuffle(b)


np.random.seed(0)
tf.set_random_seed(4)
X = np.random.normal(size=(48, 6)).astype(np.float32)
C = np.eye(3, dtype=np.float32)[np.random.randint(0, 3, size=48)]
shuffle_in_unison(X, C)

x = tf.placeholder(tf.float32, [None, 6])
y_ = tf.placeholder(tf.float32, [None, 3])
learning_rate = tf.placeholder(tf.float32)
W = tf.Variable(tf.truncated_normal([6, 8], stddev=0.1))
b = tf.Variable(tf.constant(0.1, shape=[8]))
Wh = tf.Variable(tf.truncated_normal([8, 3], stddev=0.1))
bh = tf.Variable(tf.constant(0.1, shape=[3]))
a_inpt = tf.matmul(x, W) + b
b = tf.nn.relu(a_inpt)
y = tf.matmul(b, Wh) + bh
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=y, labels=y_))
train_step = tf.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
image = tf.Variable(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name='image')
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for epoch in range(12):
        rate = 0.5 / (1 + epoch)
        for start in range(0, 48, 16):
            sess.run(train_step, feed_dict={x: X[start:start + 16], y_: C[start:start + 16], learning_rate: rate})
        if epoch % 4 == 0:
            loss, acc = sess.run([cross_entropy, accuracy], feed_dict={x: X, y_: C})
            print("epoch=%d loss=%.9f accuracy=%.6f" % (epoch, loss, acc))
    print(f"hidden={np.round(sess.run(b, feed_dict={x: X[:1]}), 6).ravel().tolist()}")
    image = tf.transpose(image, perm=[1, 0, 2])
    result = sess.run(image)
print(f"transposed={list(result.shape)} row={result[1, 0].tolist()}")
