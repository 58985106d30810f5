"""A bag-of-embeddings classifier whose embedding table and lookup are pinned with
`with tf.device('/cpu:0'):` (written for migrate's --style tf2 tests): the graph seed set,
no op seeds, the lookup reached by the training step and by the evaluation."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(13)
rng = np.random.RandomState(6)
words = rng.randint(0, 12, size=(24,)).astype(np.int32)
classes = (words % 3).astype(np.int64)

ids = tf.placeholder(tf.int32, [None])
labels = tf.placeholder(tf.int64, [None])
with tf.device('/cpu:0'):
    table = tf.Variable(tf.random_uniform([12, 5], -1.0, 1.0))
    vectors = tf.nn.embedding_lookup(table, ids)
w = tf.Variable(tf.truncated_normal([5, 3], stddev=0.3))
logits = tf.matmul(vectors, w)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train = tf.train.GradientDescentOptimizer(0.8).minimize(loss)
norms = tf.sqrt(tf.reduce_sum(tf.square(vectors), 1))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, value = sess.run([train, loss], feed_dict={ids: words, labels: classes})
        print("step=%d loss=%.7f" % (step, value))
    print("norms=%s" % np.round(sess.run(norms, feed_dict={ids: [0, 5, 11]}), 6).tolist())
