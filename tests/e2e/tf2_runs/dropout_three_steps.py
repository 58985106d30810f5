"""A classifier with dropout on its input and hidden layer (written for migrate's --style tf2
tests), in the shape of the TF 1.x tutorials: one model function called once, its output
fetched by three kinds of Session.run — the train op alone, the predicted class with
keep_prob 1.0 after each epoch, and the loss with dropout on. In TF 1.x every run drew the
next masks from the same two dropout ops, also the runs whose masks keep everything, so the
training masks depend on the runs in between; the tf2 output runs those steps eagerly to
draw the same. A graph seed and no op seeds: each op's seed is the graph's count."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(0)
train_x = rng.rand(40, 6).astype(np.float32)
train_y = np.eye(3)[rng.randint(0, 3, 40)].astype(np.float32)
test_x = rng.rand(25, 6).astype(np.float32)

X = tf.placeholder("float", [None, 6])
Y = tf.placeholder("float", [None, 3])
p_keep = tf.placeholder("float")
w_h = tf.Variable(tf.random_normal([6, 10], stddev=0.1))
w_o = tf.Variable(tf.random_normal([10, 3], stddev=0.1))


def model(X, w_h, w_o, p_keep):
    h = tf.nn.relu(tf.matmul(tf.nn.dropout(X, p_keep), w_h))
    h = tf.nn.dropout(h, p_keep)
    return tf.matmul(h, w_o)


py_x = model(X, w_h, w_o, p_keep)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=py_x, labels=Y))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(cost)
predict_op = tf.argmax(py_x, 1)

with tf.Session() as sess:
    tf.global_variables_initializer().run()
    for epoch in range(5):
        for start in range(0, 40, 10):
            sess.run(train_op, feed_dict={X: train_x[start:start + 10], Y: train_y[start:start + 10], p_keep: 0.7})
        predicted = sess.run(predict_op, feed_dict={X: test_x, p_keep: 1.0})
        print("epoch=%d classes=%s" % (epoch, predicted.tolist()))
        print("cost=%.9g" % sess.run(cost, feed_dict={X: train_x, Y: train_y, p_keep: 0.7}))
    print("w_h_sum=%.9g" % sess.run(w_h).sum())
