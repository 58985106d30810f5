"""A GAN of two model functions (written for migrate's --style tf2 tests, in the shape of golbin's
"09 - GAN/02 - GAN2.py" and aymericdamien's dcgan.py): `generator` (dense -> conv2d_transpose)
called once under `variable_scope('generator')`, `discriminator` called on real and generated
images, the second call sharing the first's variables through `as scope` + `if reuse:
scope.reuse_variables()`; each optimizer trains the variables of one scope, listed with
`get_collection(TRAINABLE_VARIABLES, scope=...)`, in runs of their own. Python's `random` is
seeded (the v1 layers' kernels), numpy's for the noise. The discriminator's loss reads both of
its calls: TF 1.x's graph gradients and the tape sum the two calls' contributions in another
order, a last-bit difference (measured), so the digits agree to float tolerance, not exactly."""
import random

import numpy as np
import tensorflow as tf

random.seed(11)
rng = np.random.RandomState(0)
images = rng.rand(16, 16).astype(np.float32)

X = tf.placeholder(tf.float32, [None, 16])
Z = tf.placeholder(tf.float32, [None, 8])


def generator(noise):
    with tf.variable_scope('generator'):
        hidden = tf.layers.dense(noise, 2 * 2 * 4,
                                 activation=tf.nn.relu)
        hidden = tf.reshape(hidden, [-1, 2, 2, 4])
        output = tf.layers.conv2d_transpose(hidden, 1, 2, strides=2, activation=tf.nn.sigmoid)
    return tf.reshape(output, [-1, 16])


def discriminator(inputs, reuse=None):
    with tf.variable_scope('discriminator') as scope:
        if reuse:
            scope.reuse_variables()
        hidden = tf.layers.dense(inputs, 12, activation=tf.nn.relu)
        output = tf.layers.dense(hidden, 1, activation=None)
    return output


G = generator(Z)
D_real = discriminator(X)
D_gene = discriminator(G, True)
loss_D = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_real, labels=tf.ones_like(D_real))) + \
    tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_gene, labels=tf.zeros_like(D_gene)))
loss_G = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_gene, labels=tf.ones_like(D_gene)))
vars_D = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='discriminator')
vars_G = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='generator')
train_D = tf.train.GradientDescentOptimizer(0.2).minimize(loss_D, var_list=vars_D)
train_G = tf.train.GradientDescentOptimizer(0.2).minimize(loss_G, var_list=vars_G)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(8):
    noise = rng.uniform(-1.0, 1.0, size=[16, 8])
    _, loss_val_D = sess.run([train_D, loss_D], feed_dict={X: images, Z: noise})
    _, loss_val_G = sess.run([train_G, loss_G], feed_dict={Z: noise})
    print(f"step={step} loss_D={loss_val_D:.9g} loss_G={loss_val_G:.9g}")
print(f"sample={sess.run(G, feed_dict={Z: rng.uniform(-1.0, 1.0, size=[1, 8])})[0, :4].round(6).tolist()}")
