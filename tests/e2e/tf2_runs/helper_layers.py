"""Layers built by a helper that makes its own variables under name scopes at each call, with
unseeded random initial values under a graph seed (written for migrate's --style tf2 tests; the
shape of MorvanZhou's tensorboard `add_layer`), a loss helper using only name scopes (ageron's
`squash(..., name=)` shape) and one using v1's softmax cross entropy (wiseodd's `cross_entropy`):
the tf2 conversion makes the first a tf.Module per call site whose variables are drawn once with
the op seeds TF 1.x counted; the others stay functions called in the step. Both styles print the
same digits. A random op built after the layers gets the op seed counted past theirs."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)


def add_layer(inputs, in_size, out_size, activation_function=None):
    with tf.name_scope('weights'):
        weights = tf.Variable(tf.random_normal([in_size, out_size], stddev=0.5), name='W')
    with tf.name_scope('biases'):
        biases = tf.Variable(tf.random_uniform([1, out_size], -0.1, 0.1), name='b')
    with tf.name_scope('Wx_plus_b'):
        pre_activation = tf.add(tf.matmul(inputs, weights), biases)
    if activation_function is None:
        outputs = pre_activation
    else:
        outputs = activation_function(pre_activation)
    return outputs


def squash(s, axis=-1, epsilon=1e-7, name=None):
    with tf.name_scope(name, default_name="squash"):
        squared_norm = tf.reduce_sum(tf.square(s), axis=axis, keepdims=True)
        return squared_norm / (1. + squared_norm) * s / tf.sqrt(squared_norm + epsilon)


def cross_entropy(logits, labels):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=labels))


rng = np.random.RandomState(0)
x_data = rng.normal(size=(32, 4)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=32)]

xs = tf.placeholder(tf.float32, [None, 4])
ys = tf.placeholder(tf.float32, [None, 3])
scale = tf.Variable(tf.random_normal([4]), name='scale')
hidden = add_layer(xs * scale, 4, 6, activation_function=tf.nn.tanh)
squashed = squash(hidden, name="hidden_squashed")
logits = add_layer(squashed, 6, 3)
temperature = tf.Variable(tf.random_uniform([3], 0.5, 1.5), name='temperature')  # its op seed counted after the layers'
loss = cross_entropy(logits * temperature, ys)
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(30):
        _, value = sess.run([train_step, loss], feed_dict={xs: x_data, ys: y_data})
        if i % 10 == 0:
            print(f"step={i} loss={value:.9g}")
    print(f"logits={np.round(sess.run(logits, feed_dict={xs: x_data[:2]}).ravel(), 6).tolist()}")
    print(f"squashed={np.round(sess.run(squashed, feed_dict={xs: x_data[:1]}).ravel(), 6).tolist()}")
