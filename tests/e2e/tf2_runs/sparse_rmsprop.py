# RMSProp (with momentum) on an embedding averaged over a message's words (the cookbook's RNN spam
# classifier trains its embedding with RMSPropOptimizer): the table's gradient is sparse, which v1's
# RMSPropOptimizer applies with its sparse kernel after summing repeated rows: only the rows read
# move, their mean square and momentum decay only when read. The dense matrix takes v1's dense rule.
# The tf2 output's written-out rule runs v1's SparseApplyRMSProp (its resource twin) on such a gradient.
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(4)
words = 5
ids = tf.placeholder(tf.int32, [None, words])
labels = tf.placeholder(tf.float32, [None, 1])
table = tf.Variable(tf.random_uniform([25, 6], -1.0, 1.0))
A = tf.Variable(tf.random_normal([6, 1]))
b = tf.Variable(tf.zeros([1]))
average = tf.reduce_mean(tf.nn.embedding_lookup(table, ids), 1)
logits = tf.matmul(average, A) + b
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=labels))
train = tf.train.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5).minimize(loss)
batches = rng.randint(0, 25, size=(30, 8, words))  # ids repeat within a batch; some rows never read
targets = rng.randint(0, 2, size=(30, 8, 1)).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, l = sess.run([train, loss], feed_dict={ids: batches[step], labels: targets[step]})
        if step % 6 == 0:
            print(f"loss={l:.9g}")
    values = sess.run(table)
    print(f"row=[{', '.join(f'{v:.9g}' for v in values[batches[0][0][0]])}]")
    print(f"table={values.sum():.9g}")
    print(f"A=[{', '.join(f'{v:.9g}' for v in sess.run(A)[:, 0])}]")
