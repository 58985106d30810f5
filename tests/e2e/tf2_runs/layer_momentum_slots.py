# A decaying Momentum, whose v1 rule with the step's rate the tf2 output writes out on accumulators,
# training a tf.layers.dense layer: the Keras layer makes its variables at its first call, in the step,
# so the accumulators (v1's zeros) are made there too, once, after them (layer_optimizer_slots.py: RMSProp).
import numpy as np
import tensorflow as tf

tf.set_random_seed(6)
rng = np.random.RandomState(3)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 2])
u = tf.layers.dense(x, 2)
loss = tf.reduce_mean(tf.square(u - y))
step = tf.Variable(0, trainable=False)
rate = tf.train.exponential_decay(0.05, step, 3, 0.5)
train = tf.train.MomentumOptimizer(rate, 0.9).minimize(loss, global_step=step)

xs = rng.rand(16, 3).astype(np.float32)
ys = rng.rand(16, 2).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(8):
        l, _ = sess.run([loss, train], {x: xs, y: ys})
        print(f"loss={l:.9g}")
    print(f"step={sess.run(step)}")
