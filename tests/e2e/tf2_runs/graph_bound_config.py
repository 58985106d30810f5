"""A linear regression built in its own graph and run by a configured Session (written for
migrate's --style tf2 tests): `g = tf.Graph()`, the ops under `with g.as_default():` with
the graph-level seed set there, a ConfigProto built in a variable and its fields set after,
the session given both, Momentum training."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(4)
data = rng.normal(size=(64, 5)).astype(np.float32)
truth = np.array([[0.5], [-1.0], [2.0], [0.0], [1.5]], dtype=np.float32)
target = data @ truth + 0.1 * rng.normal(size=(64, 1)).astype(np.float32)

graph = tf.Graph()
with graph.as_default():
    tf.set_random_seed(7)
    inputs = tf.placeholder(tf.float32, [None, 5])
    outputs = tf.placeholder(tf.float32, [None, 1])
    weights = tf.Variable(tf.random_normal([5, 1], stddev=0.5, seed=1))
    bias = tf.Variable(tf.zeros([1]))
    prediction = tf.matmul(inputs, weights) + bias
    loss = tf.reduce_mean(tf.square(prediction - outputs))
    train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
    init = tf.global_variables_initializer()

config = tf.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
config.allow_soft_placement = True
config.gpu_options.allow_growth = True
with tf.Session(graph=graph, config=config) as sess:
    sess.run(init)
    print("start_loss=%.7f" % sess.run(loss, feed_dict={inputs: data, outputs: target}))
    for step in range(6):
        batch = slice(16 * (step % 4), 16 * (step % 4) + 16)
        _, batch_loss = sess.run([train_op, loss], feed_dict={inputs: data[batch], outputs: target[batch]})
        print("step=%d loss=%.7f" % (step, batch_loss))
    print("weights=%s" % np.round(sess.run(weights).ravel(), 6).tolist())
