"""Gradient post-processing in a TF 1.x training loop (the Mask R-CNN-era idiom).

The optimizer's compute_gradients() returns (None, variable) for variables the loss does
not depend on (here a frozen embedding); the code skips those with `if grad:` and clips
the others, then applies them.  The global gradient norm is logged from tf.gradients,
skipping the None entries.  Prints the loss every few steps and the final weights.
"""
from __future__ import print_function

import numpy as np
import tensorflow as tf

STEPS = 40
CLIP_NORM = 1.0


def build_model(x, y):
    w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    unused = tf.get_variable("frozen_embedding", [5, 2], initializer=tf.ones_initializer())
    prediction = tf.matmul(x, w) + b
    loss = tf.reduce_mean(tf.square(prediction - y))
    return loss, [w, b, unused]


def clipped_train_op(optimizer, loss):
    grads_and_vars = optimizer.compute_gradients(loss)
    clipped = []
    for grad, var in grads_and_vars:
        if grad:
            grad = tf.clip_by_norm(grad, CLIP_NORM)
            clipped.append((grad, var))
    return optimizer.apply_gradients(clipped), len(clipped)


def main():
    rng = np.random.RandomState(1)
    x_data = rng.uniform(-1, 1, (32, 3)).astype(np.float32)
    y_data = (x_data @ np.array([[2.0], [-1.0], [0.5]], np.float32) + 1.0).astype(np.float32)

    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    loss, variables = build_model(x, y)
    optimizer = tf.train.GradientDescentOptimizer(0.3)
    train_op, n_clipped = clipped_train_op(optimizer, loss)

    grads = tf.gradients(loss, variables)
    norms = [tf.norm(g) for g in grads if g]
    global_norm = tf.sqrt(tf.add_n([tf.square(n) for n in norms]))

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print("clipped variables %d of %d" % (n_clipped, len(variables)))
        for step in range(STEPS):
            _, loss_value, norm_value = sess.run([train_op, loss, global_norm], {x: x_data, y: y_data})
            if step % 10 == 0:
                print("step %d loss %.5f grad_norm %.5f" % (step, loss_value, norm_value))
        print("final loss %.5f" % sess.run(loss, {x: x_data, y: y_data}))
        w, b, frozen = sess.run(variables)
        print("w %s b %.4f frozen_sum %.1f" % (np.round(w.ravel(), 4).tolist(), b[0], frozen.sum()))


if __name__ == "__main__":
    main()
