"""Linear regression trained in two phases, each with a learning rate that decays with its
own global step (written for migrate's --style tf2 tests): an int64 global step made with
tf.Variable(0, trainable=False) and a smooth exponential_decay for GradientDescent, then
get_or_create_global_step-style counting for Adam with a staircase decay; the rates are
fetched with the losses."""
import numpy as np
import tensorflow as tf


def main():
    rng = np.random.RandomState(5)
    inputs = rng.normal(size=(64, 3)).astype(np.float32)
    targets = (inputs @ np.array([[1.5], [-2.0], [0.7]], dtype=np.float32) + 0.3).astype(np.float32)

    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable(tf.random_normal([3, 1], stddev=0.5, seed=21))
    b = tf.Variable(tf.zeros([1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))

    sgd_step = tf.Variable(0, trainable=False)
    sgd_rate = tf.train.exponential_decay(0.2, sgd_step, 4, 0.6)
    sgd_train = tf.train.GradientDescentOptimizer(sgd_rate).minimize(loss, global_step=sgd_step)

    adam_step = tf.Variable(0, trainable=False)
    adam_rate = tf.train.exponential_decay(0.05, adam_step, 3, 0.5, staircase=True)
    adam = tf.train.AdamOptimizer(learning_rate=adam_rate)
    adam_train = adam.minimize(loss, global_step=adam_step)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(8):
            batch = slice((step * 16) % 64, (step * 16) % 64 + 16)
            _, l, r = sess.run([sgd_train, loss, sgd_rate], feed_dict={x: inputs[batch], y: targets[batch]})
            print("sgd=%d loss=%.7f rate=%.7f" % (step, l, r))
        for step in range(8):
            _, l, r = sess.run([adam_train, loss, adam_rate], feed_dict={x: inputs, y: targets})
            print("adam=%d loss=%.7f rate=%.7f" % (step, l, r))
        print("w=%s b=%.7f" % (np.array2string(sess.run(w).ravel(), precision=7), sess.run(b)[0]))
        print("sgd_steps=%d adam_steps=%d" % (sess.run(sgd_step), sess.run(adam_step)))


if __name__ == "__main__":
    main()
