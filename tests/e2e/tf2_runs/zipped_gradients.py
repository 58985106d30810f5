# apply_gradients of pairs made without compute_gradients: `tf.gradients(cost, params)` zipped with
# the same variables (a linear fit), and gradients computed in one run, summed in NumPy and fed back
# through placeholders zipped with `tf.trainable_variables()` (a policy network's batch update).
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
rng = np.random.RandomState(0)
X = tf.placeholder(tf.float32, [None, 3])
Y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.random_normal([3, 1], stddev=0.5))
b = tf.Variable(0.1)
cost = tf.reduce_mean(tf.square(tf.matmul(X, W) + b - Y))
params = [W, b]
gradient = tf.gradients(cost, params)
opt = tf.train.GradientDescentOptimizer(0.05)
update = opt.apply_gradients(zip(gradient, params))

tvars = tf.trainable_variables()
new_grads = tf.gradients(cost, tvars)
adam = tf.train.AdamOptimizer(0.01)
W_grad = tf.placeholder(tf.float32, name="batch_grad1")
b_grad = tf.placeholder(tf.float32, name="batch_grad2")
batch_grad = [W_grad, b_grad]
update_grads = adam.apply_gradients(zip(batch_grad, tvars))

data = rng.randn(20, 3).astype(np.float32)
target = data.dot([[1.0], [-2.0], [0.5]]) + 0.3
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        sess.run(update, feed_dict={X: data, Y: target})
        if step % 10 == 0:
            print("cost=%.9g" % sess.run(cost, feed_dict={X: data, Y: target}))
    buffer = sess.run(tvars)
    for ix, grad in enumerate(buffer):
        buffer[ix] = grad * 0
    for episode in range(12):
        rows = rng.randint(0, 20, size=5)
        for ix, grad in enumerate(sess.run(new_grads, feed_dict={X: data[rows], Y: target[rows]})):
            buffer[ix] += grad
        if episode % 3 == 2:
            sess.run(update_grads, feed_dict={W_grad: buffer[0], b_grad: buffer[1]})
            for ix, grad in enumerate(buffer):
                buffer[ix] = grad * 0
            print("cost=%.9g" % sess.run(cost, feed_dict={X: data, Y: target}))
    print("W=[%s] b=%.9g" % (", ".join("%.9g" % v for v in sess.run(W)[:, 0]), sess.run(b)))
