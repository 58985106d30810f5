"""Gradients clipped by their global norm before apply_gradients, as TensorFlow's PTB tutorial and
char-rnn wrote it (written for migrate's --style tf2 tests): `tf.gradients` inside the clip call,
under a `with tf.device("/cpu:0"):` block, the norm fetched beside the loss; a second optimizer
applies gradients clipped by value, computed from a name bound to `tf.gradients`. The loss has a
weight penalty over `tf.trainable_variables()` made in the block (the variables made before it there:
an empty list, the penalty silently 0, before the converter listed them statement by statement)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
grad_clip = 0.5
with tf.device("/cpu:0"):
    x = tf.placeholder(tf.float32, [None, 5])
    y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(tf.random_normal([5, 8], stddev=0.5))
    V = tf.Variable(tf.random_normal([8, 1], stddev=0.5))
    hidden = tf.tanh(tf.matmul(x, W))
    penalty = 0.01 * sum(tf.nn.l2_loss(v) for v in tf.trainable_variables())
    cost = tf.reduce_mean(tf.square(tf.matmul(hidden, V) - y)) + penalty
    tvars = tf.trainable_variables()
    grads, grad_norm = tf.clip_by_global_norm(tf.gradients(cost, tvars), grad_clip)
    _optm = tf.train.AdamOptimizer(0.05)
    optm = _optm.apply_gradients(zip(grads, tvars))

head_grads = tf.gradients(cost, [V])
clipped = [tf.clip_by_value(g, -0.05, 0.05) for g in head_grads]
head_optimizer = tf.train.GradientDescentOptimizer(0.1)
head_step = head_optimizer.apply_gradients(zip(clipped, [V]))

rng = np.random.RandomState(0)
data = rng.rand(24, 5).astype(np.float32)
target = np.sin(data.sum(1, keepdims=True)) * 4
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        # (the cost in a run of its own: fetched beside the update, TF 1.x's ref variables let the update
        # run before the penalty's read in some runs, PYTHONHASHSEED deciding the graph's order)
        _, norm = sess.run([optm, grad_norm], {x: data, y: target})
        print("step=%d cost=%.9g norm=%.9g" % (i, sess.run(cost, {x: data, y: target}), norm))
    for i in range(3):
        sess.run(head_step, {x: data, y: target})
        print("head step=%d cost=%.9g" % (i, sess.run(cost, {x: data, y: target})))
