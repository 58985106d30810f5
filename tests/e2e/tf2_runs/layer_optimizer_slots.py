# RMSProp, whose v1 rule the tf2 output writes out on slot variables, training tf.layers.dense layers
# and a variable (layer_momentum_slots.py: a decaying Momentum's): the Keras layers make their variables at their first call, in the
# step, so the slots (v1's ones and zeros of each variable) are made there too, once, after them.
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(2)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 2])
hidden = tf.layers.dense(x, 6, activation=tf.nn.tanh)
h = tf.layers.dense(hidden, 4)
W = tf.Variable(tf.random_normal([4, 2]))
loss = tf.reduce_mean(tf.square(tf.matmul(h, W) - y))
train = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.3).minimize(loss)

xs = rng.rand(16, 3).astype(np.float32)
ys = rng.rand(16, 2).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(8):
        batch = slice(2 * i, 2 * i + 2)
        l, _ = sess.run([loss, train], {x: xs[batch], y: ys[batch]})
        print(f"loss={l:.9g}")
    print(f"W=[{', '.join(f'{v:.9g}' for v in sess.run(W).ravel())}]")
