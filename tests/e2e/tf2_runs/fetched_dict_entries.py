"""A model function returning its output and hidden layers, stored into the entries of a module-level dict
(written for migrate's --style tf2 tests; the shape of wookayin's tensorflow-talk-debugging 11-mnist-fetch.py):
`outputs, taps['first'], taps['second'] = network(x)` under a graph seed, the entries fetched by the training
run of a function handed the Session, their means printed. The tf2 output names each entry (`taps_first`)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
rng = np.random.RandomState(8)
samples = rng.rand(30, 6).astype(np.float32)
answers = (samples[:, :1] * 2.0 - samples[:, 5:] + 0.5).astype(np.float32)


def network(x):
    first = tf.layers.dense(x, 10, activation=tf.nn.relu, name='first')
    second = tf.layers.dense(first, 7, activation=tf.nn.sigmoid, name='second')
    out = tf.layers.dense(second, 1, name='out')
    return out, first, second


taps = {}
x = tf.placeholder(tf.float32, [None, 6])
target = tf.placeholder(tf.float32, [None, 1])
outputs, taps['first'], taps['second'] = network(x)
loss = tf.reduce_mean(tf.square(outputs - target))
train_op = tf.train.AdamOptimizer(learning_rate=0.05).minimize(loss)


def train(session):
    session.run(tf.global_variables_initializer())
    for step in range(6):
        _, value, first, second, out = session.run([train_op, loss, taps['first'], taps['second'], outputs],
                                                   feed_dict={x: samples, target: answers})
        print(f"step={step} loss={value:.9g} first={first.mean():.9g} second={second.mean():.9g} out={out[0, 0]:.9g}")
    final = session.run(loss, feed_dict={x: samples, target: answers})
    print(f"final={final:.9g}")


def main():
    with tf.Session() as session:
        train(session)


if __name__ == '__main__':
    main()
