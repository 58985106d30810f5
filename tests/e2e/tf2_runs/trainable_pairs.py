# apply_gradients of a name bound to the pairs (aymericdamien's tensorboard_advanced): `grads =
# tf.gradients(loss, tf.trainable_variables())` rebound to `list(zip(grads, tf.trainable_variables()))`
# and handed as `grads_and_vars=`, the variables held in dicts; a second training op of the variables
# `tf.trainable_variables()` lists filtered by their names (`v.name`, as TF 1.x named them), beside a
# helper making a summary and no variable (an object of its own in the tf2 output, listing none).
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(0)
x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 3])


def perceptron(x, weights, biases):
    layer = tf.add(tf.matmul(x, weights['out']), biases['out'])
    tf.summary.histogram("logits", layer)
    return layer


weights = {'out': tf.Variable(tf.random_normal([4, 3]), name='W_out')}
biases = {'out': tf.Variable(tf.random_normal([3]), name='b_out')}
logits = perceptron(x, weights, biases)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y))
optimizer = tf.train.GradientDescentOptimizer(0.1)
grads = tf.gradients(loss, tf.trainable_variables())
grads = list(zip(grads, tf.trainable_variables()))
apply_grads = optimizer.apply_gradients(grads_and_vars=grads)
w_only = [v for v in tf.trainable_variables() if v.name.startswith('W')]
w_step = tf.train.AdamOptimizer(0.01).minimize(loss, var_list=w_only)
merged = tf.summary.merge_all()

data = rng.randn(32, 4).astype(np.float32)
labels = np.eye(3, dtype=np.float32)[rng.randint(0, 3, 32)]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(12):
        rows = rng.randint(0, 32, size=8)
        _, c, _ = sess.run([apply_grads, loss, merged], feed_dict={x: data[rows], y: labels[rows]})
        if step % 3 == 0:
            print(f"loss={c:.9g}")
    for step in range(6):
        sess.run(w_step, feed_dict={x: data, y: labels})
    final = sess.run(loss, feed_dict={x: data, y: labels})
    print(f"loss={final:.9g}")
    b = sess.run(biases['out'])
    print("b=[" + ", ".join(f"{v:.9g}" for v in b) + "]")
