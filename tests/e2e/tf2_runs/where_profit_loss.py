# facingwaller's profit loss: v1's where of a comparison op (`tf.greater(y, y_)`) whose branches are
# arithmetic of the compared tensors and names bound to numbers: one shape for all three wherever v1's
# Select ran, so TF 2's tf.where (SelectV2) picks the same elements; the same digits.
import numpy as np
import tensorflow as tf
from numpy.random import RandomState

w1 = tf.Variable(tf.random_normal([2, 1], stddev=1, seed=1))
x = tf.placeholder(tf.float32, shape=(None, 2), name="x_input")
y_ = tf.placeholder(tf.float32, shape=(None, 1), name="y_input")
y = tf.matmul(x, w1)
loss_less = 10
loss_more = 1
loss = tf.reduce_sum(tf.where(tf.greater(y, y_), (y - y_) * loss_more, (y_ - y) * loss_less))
hinge = tf.reduce_mean(tf.where(tf.math.less_equal(y, 0.5), -y / 2, y ** 2 + 1))
train_step = tf.train.AdamOptimizer(0.01).minimize(loss + hinge)
rdm = RandomState(1)
X = rdm.rand(32, 2)
Y = [[x1 + x2 + rdm.rand() / 10.0 - 0.05] for (x1, x2) in X]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(40):
        start = (i * 8) % 32
        sess.run(train_step, feed_dict={x: X[start:start + 8], y_: Y[start:start + 8]})
        if i % 8 == 0:
            total, h = sess.run([loss, hinge], feed_dict={x: X, y_: Y})
            print(f"loss={total:.9g} hinge={h:.9g}")
    print(f"w1={np.array2string(sess.run(w1).ravel(), precision=9)}")
