"""A model builder returning its tensors in a dict (written for migrate's --style tf2 tests, in
the shape of pkmital's 07_autoencoder.py): `autoencoder(dimensions)` makes the input placeholder,
tied-weight encoder / decoder variables in Python loops (their initial values drawn by random ops
with no op seed under the program's graph seed, one per encoder layer), the computation and the
cost, and returns `{'x': x, 'z': z, 'y': y, 'cost': cost}`; the program in `main()` minimizes
`ae['cost']` with Adam feeding `ae['x']`, and fetches `ae['cost']`, `ae['y']` and `ae['z']`."""
import math

import numpy as np
import tensorflow as tf


def autoencoder(dimensions=[16, 8, 4]):  # noqa: B006 (pkmital's default list)
    """The autoencoder's placeholder, latent code, reconstruction and cost."""
    x = tf.placeholder(tf.float32, [None, dimensions[0]], name='x')
    current_input = x
    encoder = []
    for layer_i, n_output in enumerate(dimensions[1:]):
        n_input = int(current_input.get_shape()[1])
        W = tf.Variable(
            tf.random_uniform([n_input, n_output],
                              -1.0 / math.sqrt(n_input),
                              1.0 / math.sqrt(n_input)))
        b = tf.Variable(tf.zeros([n_output]))
        encoder.append(W)
        output = tf.nn.tanh(tf.matmul(current_input, W) + b)
        current_input = output
    z = current_input
    encoder.reverse()
    for layer_i, n_output in enumerate(dimensions[:-1][::-1]):
        W = tf.transpose(encoder[layer_i])
        b = tf.Variable(tf.zeros([n_output]))
        output = tf.nn.tanh(tf.matmul(current_input, W) + b)
        current_input = output
    y = current_input
    cost = tf.reduce_sum(tf.square(y - x))
    return {'x': x, 'z': z, 'y': y, 'cost': cost}


def main():
    tf.set_random_seed(3)
    rng = np.random.RandomState(0)
    data = rng.rand(40, 12).astype(np.float32)
    ae = autoencoder(dimensions=[12, 6, 3])
    optimizer = tf.train.AdamOptimizer(0.01).minimize(ae['cost'])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for epoch_i in range(5):
        for batch_i in range(4):
            batch = data[batch_i * 10:(batch_i + 1) * 10]
            sess.run(optimizer, feed_dict={ae['x']: batch})
        print(f"epoch={epoch_i} cost={sess.run(ae['cost'], feed_dict={ae['x']: batch}):.9g}")
    recon = sess.run(ae['y'], feed_dict={ae['x']: data[:2]})
    print(f"recon={recon.round(5).ravel().tolist()}")
    print(f"z={sess.run(ae['z'], feed_dict={ae['x']: data[:1]}).round(5).ravel().tolist()}")


if __name__ == '__main__':
    main()
