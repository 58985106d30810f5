"""The initializer chosen by a TensorFlow version check (MorvanZhou's tutorials:
`initialize_all_variables` before 0.12, `global_variables_initializer` after), a two-layer
net trained on seeded data."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)


def add_layer(inputs, in_size, out_size, activation_function=None):
    weights = tf.Variable(tf.random_normal([in_size, out_size]))
    biases = tf.Variable(tf.zeros([1, out_size]) + 0.1)
    out = tf.matmul(inputs, weights) + biases
    return out if activation_function is None else activation_function(out)


x_data = np.linspace(-1, 1, 60)[:, np.newaxis].astype(np.float32)
y_data = (np.square(x_data) - 0.5 + np.random.normal(0, 0.05, x_data.shape)).astype(np.float32)
xs = tf.placeholder(tf.float32, [None, 1])
ys = tf.placeholder(tf.float32, [None, 1])
hidden = add_layer(xs, 1, 8, activation_function=tf.nn.relu)
prediction = add_layer(hidden, 8, 1)
loss = tf.reduce_mean(tf.reduce_sum(tf.square(ys - prediction), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
if int((tf.__version__).split('.')[1]) < 12:
    init = tf.initialize_all_variables()
else:
    init = tf.global_variables_initializer()
sess = tf.Session()
sess.run(init)
for i in range(60):
    sess.run(train_step, feed_dict={xs: x_data, ys: y_data})
    if i % 20 == 0:
        print(f"step={i} loss={sess.run(loss, feed_dict={xs: x_data, ys: y_data}):.6f}")
