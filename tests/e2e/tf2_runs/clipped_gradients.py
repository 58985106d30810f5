"""Gradient clipping in TF 1.x graph style (written for migrate's --style tf2 tests):
compute_gradients, per-gradient clip_by_norm in a comprehension, clip_by_global_norm,
apply_gradients, a variable the loss does not use (its gradient is None)."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1], seed=3))
b = tf.Variable(tf.zeros([1]))
frozen = tf.Variable(tf.ones([2]))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
optimizer = tf.train.AdamOptimizer(0.1)
grads_and_vars = optimizer.compute_gradients(loss)
clipped = [(tf.clip_by_norm(g, 0.5), v) for g, v in grads_and_vars if g is not None]
gradients, variables = zip(*clipped)
gradients, global_norm = tf.clip_by_global_norm(gradients, 0.4)
train_op = optimizer.apply_gradients(zip(gradients, variables))
rng = np.random.RandomState(0)
data = rng.normal(size=(20, 3))
target = data.sum(axis=1, keepdims=True) * 2
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(25):
        _, l, n = sess.run([train_op, loss, global_norm], {x: data, y: target})
        if step % 5 == 0:
            print("step=%d loss=%.7f norm=%.7f" % (step, l, n))
    print("w=%s" % sess.run(w).ravel().tolist())
