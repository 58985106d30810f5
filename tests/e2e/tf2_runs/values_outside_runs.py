"""Graph values reached other than by name in a run (written for migrate's --style tf2 tests):
two variables made by one list comprehension unpacked to names (MorvanZhou's gradient descent
picture), and a function running the program's Session with a feed dict it binds to a name
first, batch by batch (hunkim's low-memory `evaluate`); a graph name bound to a batch first in the
training loop's body (lazyprogrammer's ner_tf); ops built again at each evaluation (jorditorres' accuracy)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(3)
inputs = rng.uniform(-1.0, 1.0, (40, 3)).astype(np.float32)
outputs = (inputs @ np.array([[0.5], [-1.0], [2.0]], np.float32) + 0.1 * np.sin(inputs[:, :1])).astype(np.float32)

X = tf.placeholder(tf.float32, [None, 3])
Y = tf.placeholder(tf.float32, [None, 1])
keep_prob = tf.placeholder(tf.float32)
a, b = [tf.Variable(initial_value=p, dtype=tf.float32) for p in [0.2, -0.4]]
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5))
hidden = tf.nn.dropout(tf.matmul(X, w), keep_prob)
prediction = a * hidden + b * tf.square(hidden)
loss = tf.reduce_mean(tf.square(prediction - Y))
train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())


def evaluate(x_sample, y_sample, batch_size=16):
    total = 0.0
    for i in range(0, len(x_sample), batch_size):
        feed = {
            X: x_sample[i: i + batch_size],
            Y: y_sample[i: i + batch_size],
            keep_prob: 1.0,
        }
        total += sess.run(loss, feed_dict=feed) * len(x_sample[i: i + batch_size])
    return total / len(x_sample)


for step in range(12):
    for j in range(2):
        hidden = inputs[j * 20:(j + 1) * 20]  # the graph's name bound first in the batch loop (ner_tf's `x`)
        _, value = sess.run([train, loss], feed_dict={X: hidden, Y: outputs[j * 20:(j + 1) * 20], keep_prob: 0.8})
    if step % 3 == 0:
        close = tf.reduce_mean(tf.cast(tf.less(tf.abs(prediction - Y), 0.5), tf.float32))  # built at each pass
        a_, b_, close_ = sess.run([a, b, close], feed_dict={X: inputs, Y: outputs, keep_prob: 1.0})
        print(f"step={step} loss={value:.9g} a={a_:.9g} b={b_:.9g} close={close_:.9g} evaluated={evaluate(inputs, outputs):.9g}")
