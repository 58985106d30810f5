"""Steps fed Python lists (written for migrate's --style tf2 tests; the shape of word2vec and
char-rnn tutorials that batch lists of ids and rows): slices of lists of floats, of ints fed to a
float32 placeholder, and of int labels, in batches of 7 whose last one is shorter, then an
evaluation fed a whole list. Session.run made each fed value an array of its placeholder's dtype."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
rng = np.random.RandomState(0)
rows = rng.rand(60, 3).tolist()
counts = [[int(v * 10) for v in r] for r in rows]
labels = [int(sum(r) > 1.5) for r in rows]

x = tf.placeholder(tf.float32, [None, 3])
n = tf.placeholder(tf.float32, [None, 3])
label = tf.placeholder(tf.int32, [None])
W = tf.Variable(tf.random_normal([6, 2], stddev=0.1))
b = tf.Variable(tf.zeros([2]))
logits = tf.matmul(tf.concat([x, n / 10.0], 1), W) + b
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=label, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
correct = tf.reduce_sum(tf.cast(tf.equal(tf.cast(tf.argmax(logits, 1), tf.int32), label), tf.int32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(4):
        for i in range(0, len(rows), 7):
            _, value = sess.run([train, loss], feed_dict={x: rows[i:i + 7], n: counts[i:i + 7], label: labels[i:i + 7]})
        print(f"epoch={epoch} loss={value:.9g}")
    print(f"correct={sess.run(correct, {x: rows, n: counts, label: labels})}")
    print(f"W={np.round(sess.run(W), 7).ravel().tolist()}")
