# Adagrad on an embedding averaged over a review's words (the cookbook's word2vec classifier): the
# table's gradient is sparse, which v1's AdagradOptimizer applies with its sparse kernel after summing
# repeated rows; Keras' Adagrad squares each read row's gradient before summing them (0.09 apart) and
# divides by sqrt(accum) where v1 multiplies by its rsqrt. The tf2 output's V1Adagrad runs v1's kernels.
# `reduce_mean(embed, 1)` of [None, 6] ids: the step is traced with the placeholders' specs, as TF 1.x's
# graph knew them (traced with concrete batches, TF's gradient of Mean rounds otherwise).
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(2)
words = 6
ids = tf.placeholder(tf.int32, [None, words])
labels = tf.placeholder(tf.float32, [None, 1])
table = tf.Variable(tf.random_uniform([30, 8], -1.0, 1.0))
A = tf.Variable(tf.random_normal([8, 1]))
b = tf.Variable(tf.random_normal([1, 1]))
average = tf.reduce_mean(tf.nn.embedding_lookup(table, ids), 1)
logits = tf.add(tf.matmul(average, A), b)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=labels))
train = tf.train.AdagradOptimizer(0.2).minimize(loss)
batches = rng.randint(0, 30, size=(40, 10, words))  # ids repeat within a batch
targets = rng.randint(0, 2, size=(40, 10, 1)).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        _, l = sess.run([train, loss], feed_dict={ids: batches[step], labels: targets[step]})
        if step % 8 == 0:
            print("loss=%.9g" % l)
    print("row=[%s]" % ", ".join("%.9g" % v for v in sess.run(table)[batches[0][0][0]]))
    print("A=[%s]" % ", ".join("%.9g" % v for v in sess.run(A)[:, 0]))
