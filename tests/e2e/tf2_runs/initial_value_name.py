"""A linear model whose weights start from a random tensor bound to its own name
(`w_init = tf.random_uniform(...)`, then `tf.Variable(w_init)`), the graph seed set and no
op seed; after training, the weights read with `.eval()` inside the Session and used as a
NumPy array after it (written for migrate's --style tf2 tests)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
rng = np.random.RandomState(4)
inputs = rng.normal(size=(32, 3)).astype(np.float32)
targets = inputs.dot(np.array([[1.5], [-2.0], [0.5]], dtype=np.float32)) + 0.25

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w_init = tf.random_uniform([3, 1], -1.0, 1.0)
w = tf.Variable(w_init)
b = tf.Variable(tf.random_normal([1]))
prediction = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(prediction - y))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, value = sess.run([train, loss], feed_dict={x: inputs, y: targets})
        print("step=%d loss=%.7f" % (step, value))
    learned = w.eval()
print("w=%s" % np.round(learned.ravel(), 6).tolist())
print("norm=%.6f" % np.linalg.norm(learned))
