# Adam on an embedding read with repeated ids (word2vec's shape): the gradient of the table is
# sparse, which v1's AdamOptimizer applies with its own sparse rule (every row's moments decay,
# the rows read add their summed gradient) where Keras' Adam does otherwise (measured 0.25 apart
# after 30 steps); the tf2 output's V1Adam writes v1's rule out: the same digits. The dense
# layer's weights take v1's dense ApplyAdam arithmetic, also written out.
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(1)
ids = tf.placeholder(tf.int32, [None])
labels = tf.placeholder(tf.int32, [None])
table = tf.Variable(tf.random_uniform([20, 8], -1.0, 1.0))
w = tf.Variable(tf.truncated_normal([8, 3], stddev=0.5))
logits = tf.matmul(tf.nn.embedding_lookup(table, ids), w)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
batches = rng.randint(0, 20, size=(30, 16))  # ids repeat within a batch
targets = rng.randint(0, 3, size=(30, 16))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, l = sess.run([train, loss], feed_dict={ids: batches[step], labels: targets[step]})
        if step % 5 == 0:
            print("loss=%.9g" % l)
    print("row=[%s]" % ", ".join("%.9g" % v for v in sess.run(table)[batches[0][0]]))
