"""Adversarial noise (written for migrate's --style tf2 tests; the shape of Hvass-Labs'
12_Adversarial_Noise_MNIST): a non-trainable noise variable trained by its own optimizer through
`var_list`, a `tf.assign` clipping it built before the graph that reads it, and that assign run
alone after each step. The read after the assign races only in a run that runs both, which this
program never does; the tape follows the non-trainable variable because var_list names it."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(2)
x = tf.placeholder(tf.float32, [None, 4])
labels = tf.placeholder(tf.int64, [None])
noise = tf.Variable(tf.zeros([4]), trainable=False, name="noise")
noise_clip = tf.assign(noise, tf.clip_by_value(noise, -0.05, 0.05))
x_noisy = tf.clip_by_value(x + noise, 0.0, 1.0)
W = tf.Variable(tf.truncated_normal([4, 3], stddev=0.5))
logits = tf.matmul(x_noisy, W)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
noise_loss = loss + 0.02 * tf.nn.l2_loss(noise)
noise_step = tf.train.AdamOptimizer(0.01).minimize(-noise_loss, var_list=[noise])

rng = np.random.RandomState(5)
data = rng.rand(24, 4).astype(np.float32)
target = (data.sum(1) * 1.2).astype(np.int64) % 3
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(12):
    sess.run(train, {x: data, labels: target})
    sess.run(noise_step, {x: data, labels: target})
    sess.run(noise_clip)
    if step % 3 == 0:
        print(f"step={step} loss={sess.run(loss, {x: data, labels: target}):.9g}")
print(f"noise={np.round(sess.run(noise), 7).tolist()}")
