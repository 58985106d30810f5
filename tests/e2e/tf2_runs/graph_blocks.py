"""Two graphs built one after another in `with tf.Graph().as_default():` blocks (written for
migrate's --style tf2 tests): the first trains with its Session, run after its block; the
second has its own seed, its own op count and its own Session inside the block."""
import numpy as np
import tensorflow as tf

data = np.arange(12, dtype=np.float32).reshape(6, 2)
with tf.Graph().as_default():
    tf.set_random_seed(1)
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(tf.random_normal([2, 1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
for step in range(4):
    print(f"first={sess.run([train, loss], {x: data})[1]:.7f}")

with tf.Graph().as_default():
    tf.set_random_seed(2)
    x = tf.placeholder(tf.float32, [None, 2])
    v = tf.Variable(tf.random_uniform([2, 1]))
    b = tf.Variable(tf.truncated_normal([1]))
    total = tf.reduce_sum(tf.matmul(x, v) + b)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(f"second={sess.run(total, {x: data}):.7f}")
        print(f"third={sess.run(total, {x: data * 2}):.7f}")
