"""A context-window model (written for migrate's --style tf2 tests; the shape of the
cookbook's CBOW and doc2vec programs): the window's embeddings are summed by ops built in a
Python loop, `embed += embedding_lookup(...)` from `embed = tf.zeros(...)`, and a Saver of a
var_list dict saves the embedding table alone, restored into a second Session."""
import os
import sys

import numpy as np
import tensorflow as tf

window, vocabulary, size, batch = 3, 12, 4, 6
rng = np.random.RandomState(7)
contexts = rng.randint(0, vocabulary, size=(60, window)).astype(np.int32)
targets = (contexts.sum(axis=1) % vocabulary).astype(np.int32)

ids = tf.placeholder(tf.int32, [None, window])
labels = tf.placeholder(tf.int32, [None])
embeddings = tf.Variable(rng.uniform(-1.0, 1.0, (vocabulary, size)).astype(np.float32))
weights = tf.Variable(rng.normal(0.0, 0.3, (size, vocabulary)).astype(np.float32))
embed = tf.zeros([batch, size])
for element in range(window):
    embed += tf.nn.embedding_lookup(embeddings, ids[:, element])
logits = tf.matmul(embed, weights)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)
saver = tf.train.Saver({"embeddings": embeddings})

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        start = (step * batch) % len(contexts)
        feed = {ids: contexts[start:start + batch], labels: targets[start:start + batch]}
        _, value = sess.run([train, loss], feed_dict=feed)
        if step % 10 == 0:
            print(f"step={step} loss={value:.9g}")
    table = sess.run(embeddings)
    path = saver.save(sess, os.path.join(sys.argv[1], "embeddings.ckpt"))
    print(f"table={np.round(table[:2], 6).ravel().tolist()}")

with tf.Session() as sess:
    saver.restore(sess, path)
    print(f"restored={np.round(sess.run(embeddings)[:2], 6).ravel().tolist()}")
