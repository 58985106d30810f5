"""A first graph trained at module level, then a loop building a new graph at each pass
(`reset_default_graph()` first, the pass's own seed, a hidden layer of the pass's width, dropout
in training) and running it in its own Session (written for migrate's --style tf2 tests; the
shape of a model comparison / hyperparameter search: tensorflow-without-a-phd's RNN tutorial,
handson-ml's search loop): the loop's body is converted as one graph's program, in place."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
data = rng.rand(32, 3).astype(np.float32)
target = (data * [1.0, -2.0, 0.5]).sum(axis=1, keepdims=True)

tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(10):
    _, value = sess.run([train_op, loss], feed_dict={x: data, y: target})
    print(f"linear_step={step} loss={value:.9g}")
sess.close()

finals = []
for units in (2, 5, 8):
    tf.reset_default_graph()
    tf.set_random_seed(2)
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    keep = tf.placeholder(tf.float32, [])
    w1 = tf.Variable(tf.random_normal([3, units], stddev=0.5))
    b1 = tf.Variable(tf.zeros([units]))
    w2 = tf.Variable(tf.truncated_normal([units, 1], stddev=0.5))
    hidden = tf.nn.dropout(tf.nn.relu(tf.matmul(x, w1) + b1), keep_prob=keep)
    loss = tf.reduce_mean(tf.square(tf.matmul(hidden, w2) - y))
    train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init)
        for step in range(12):
            _, value = sess.run([train_op, loss], feed_dict={x: data, y: target, keep: 0.8})
            if step % 4 == 0:
                print(f"units={units} step={step} loss={value:.9g}")
        final = sess.run(loss, feed_dict={x: data, y: target, keep: 1.0})
        print(f"units={units} final={final:.9g}")
    finals.append(final)
print(f"best_units={(2, 5, 8)[int(np.argmin(finals))]}")
