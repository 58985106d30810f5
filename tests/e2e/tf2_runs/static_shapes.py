"""Static shapes read while the graph is built (written for migrate's --style tf2 tests, in the
shape of dsalaj's cartpole Q-learning, hunkim's back-prop labs and the cookbook's layers): `print(...,
y.get_shape())` of tensors computed from placeholders and variables (a helper function of the
file among them), a placeholder's `.shape`, an `assert` comparing two tensors' static shapes, a
shape read in a `.format`, then a training loop, with shapes read in its Session block too. TF 1.x printed the shapes its graph inferred
(`(None, 5)`); the TF 2 program traces the tensors' statements with the placeholders' specs."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
n_in, n_hidden, n_classes = 4, 5, 3
rng = np.random.RandomState(0)
data = rng.normal(size=(24, n_in)).astype(np.float32)
labels = rng.randint(0, n_classes, size=(24, 1))

x = tf.placeholder(tf.float32, shape=(None, n_in), name="x")
y = tf.placeholder(tf.int32, [None, 1])
target = tf.one_hot(y, n_classes)
target = tf.reshape(target, [-1, n_classes])
wh = tf.Variable(tf.random_normal([n_in, n_hidden], stddev=0.5))
bh = tf.Variable(tf.zeros([n_hidden]))
w = tf.Variable(tf.random_normal([n_hidden, n_classes], stddev=0.5))


def sigma(v):
    return 1. / (1. + tf.exp(-v))


hidden = tf.nn.relu(tf.matmul(x, wh) + bh)
print("hidden layer shape", hidden.get_shape(), "input shape", x.shape)
print(f"hidden_shape={[-1 if d is None else d for d in hidden.get_shape().as_list()]} x_shape={[-1 if d is None else d for d in x.shape.as_list()]}")
y_pred = sigma(tf.matmul(hidden, w))
assert y_pred.shape.as_list() == target.shape.as_list()
loss = tf.reduce_mean(-target * tf.log(y_pred) - (1. - target) * tf.log(1. - y_pred))
print("loss shape {} of rank {}".format(loss.get_shape(), len(loss.shape)), hidden.shape[1])  # noqa: UP032
print("loss_rank={} hidden_width={} target_shape={}".format(len(loss.shape), hidden.shape[1],  # noqa: UP032
                                                         [-1 if d is None else d for d in target.shape.as_list()]))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(f"in_session_width={hidden.get_shape()[1]} in_session_rank={len(y.shape)}")
    for step in range(6):
        for start in range(0, 24, 8):
            feed = {x: data[start:start + 8], y: labels[start:start + 8]}
            value, _ = sess.run([loss, train], feed_dict=feed)
        print(f"step={step} loss={value:.7f}")
    print(f"prediction={np.round(sess.run(y_pred, feed_dict={x: data[:2]}), 6).tolist()}")
