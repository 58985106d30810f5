"""A regression net in TF 1.x graph style, inside main() (written for migrate's --style tf2
tests): a graph seed with random ops that have no op seed of their own — tf.random_normal
weights, a get_variable truncated-normal initializer, dropout in a helper function built
into the training step — so each op's seed is the graph's count at the place it was built.
An evaluation path without dropout; SGD steps with keep_prob fed each step."""
import numpy as np
import tensorflow as tf


def data(n=64, dims=6, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n, dims)).astype(np.float32)
    y = (x @ rng.normal(size=(dims, 1)) + 0.1 * rng.normal(size=(n, 1))).astype(np.float32)
    return x, y


def hidden_layer(inputs, weights, bias, keep_prob):
    layer = tf.nn.relu(tf.matmul(inputs, weights) + bias)
    return tf.nn.dropout(layer, keep_prob=keep_prob)


def main():
    tf.set_random_seed(777)
    x_data, y_data = data()
    x = tf.placeholder(tf.float32, [None, 6])
    y = tf.placeholder(tf.float32, [None, 1])
    keep = tf.placeholder(tf.float32)
    w1 = tf.Variable(tf.random_normal([6, 16], stddev=0.5), name="w1")
    b1 = tf.Variable(tf.random_normal([16], seed=3), name="b1")
    w2 = tf.get_variable("w2", [16, 1], initializer=tf.truncated_normal_initializer(stddev=0.3))
    b2 = tf.Variable(tf.random_uniform([1], -0.1, 0.1), name="b2")
    prediction = tf.matmul(hidden_layer(x, w1, b1, keep), w2) + b2
    loss = tf.reduce_mean(tf.square(prediction - y))
    clean = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
    eval_loss = tf.reduce_mean(tf.square(clean - y))
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print("start_eval=%.7f" % sess.run(eval_loss, feed_dict={x: x_data, y: y_data}))
        for step in range(8):
            start = (step * 16) % 64
            feed = {x: x_data[start:start + 16], y: y_data[start:start + 16], keep: 0.8}
            _, value = sess.run([train, loss], feed_dict=feed)
            print("step=%d loss=%.7f" % (step, value))
        print("end_eval=%.7f" % sess.run(eval_loss, feed_dict={x: x_data, y: y_data}))
        print("w1_sum=%.7f" % sess.run(w1).sum())


if __name__ == "__main__":
    main()
