"""Word vectors trained on nce_loss under a graph seed (written for migrate's --style tf2 tests):
no op seed anywhere; the candidate sampler nce_loss builds takes its op seed from the graph's
count of random ops, after the two initial values and before a dropout of the loss built after
it; the loss fetched in the training run."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(2)
contexts = rng.randint(0, 300, size=(120,)).astype(np.int32)
targets = ((contexts * 7 + 3) % 300).reshape(-1, 1).astype(np.int32)

words = tf.placeholder(tf.int32, [None])
labels = tf.placeholder(tf.int32, [None, 1])
embeddings = tf.Variable(tf.random_uniform([300, 32], -1.0, 1.0))
nce_weights = tf.Variable(tf.truncated_normal([300, 32], stddev=0.2))
nce_biases = tf.Variable(tf.zeros([300]))
embed = tf.nn.embedding_lookup(embeddings, words)
losses = tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=labels,
                        inputs=embed, num_sampled=40, num_classes=300)
loss = tf.reduce_mean(tf.nn.dropout(losses, keep_prob=0.9))
train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        _, value = sess.run([train, loss], feed_dict={words: contexts, labels: targets})
        if step % 4 == 0:
            print(f"step={step} loss={float(value)!r}")
    print(f"norm={float(np.linalg.norm(sess.run(embeddings)))!r}")
