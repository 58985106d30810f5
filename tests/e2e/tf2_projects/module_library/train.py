"""A program building its graph with the layer functions of nets.py reached as `N.dense(...)`
(written for migrate's --style tf2 tests; the shape of kevin28520's training.py): under a graph
seed, three layers, an accuracy from the same module, plain gradient descent."""
import nets as N
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
x_data = rng.normal(size=(48, 6)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=48)]

tf.set_random_seed(5)
x = tf.placeholder(tf.float32, shape=[None, 6])
y = tf.placeholder(tf.float32, shape=[None, 3])
h1 = N.dense(x, 10, 'local1')
h2 = N.dense(h1, 7, 'local2')
logits = N.dense(h2, 3, 'softmax_linear', relu=False)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.2).minimize(loss)
acc = N.accuracy(logits, y)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        if step % 5 == 0:
            print(f"step={step} loss={value:.9g}")
    value, correct = sess.run([loss, acc], feed_dict={x: x_data, y: y_data})
    print(f"final loss={value:.9g} accuracy={correct:.6f}")
