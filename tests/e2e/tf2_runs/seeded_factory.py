"""Variables made by a factory function called once per layer under a graph seed (written
for migrate's --style tf2 tests; the shape of the cookbook's multi-layer networks): TF 1.x
gave each call's random op its own op seed from the graph's count; the converted factory
takes a `seed` and each call passes that count, so both styles print the same digits."""
import numpy as np
import tensorflow as tf

seed = 4
np.random.seed(seed)
tf.set_random_seed(seed)


def init_weight(shape, st_dev):
    weight = tf.Variable(tf.random_normal(shape, stddev=st_dev))
    return weight


def init_bias(shape, st_dev):
    return tf.Variable(tf.random_normal(shape, stddev=st_dev))


x_vals = np.random.uniform(-1.0, 1.0, (40, 3)).astype(np.float32)
y_vals = (x_vals.sum(axis=1, keepdims=True) > 0).astype(np.float32)
x_data = tf.placeholder(tf.float32, [None, 3])
y_target = tf.placeholder(tf.float32, [None, 1])
weight_1 = init_weight(shape=[3, 5], st_dev=1.0)
bias_1 = init_bias(shape=[5], st_dev=1.0)
layer_1 = tf.nn.relu(tf.add(tf.matmul(x_data, weight_1), bias_1))
weight_2 = init_weight(shape=[5, 1], st_dev=1.0)
bias_2 = init_bias(shape=[1], st_dev=1.0)
output = tf.add(tf.matmul(layer_1, weight_2), bias_2)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y_target, logits=output))
train_step = tf.train.GradientDescentOptimizer(0.05).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(f"initial={np.round(sess.run(weight_2).ravel(), 6).tolist()}")
    for i in range(40):
        index = np.random.choice(len(x_vals), size=8)
        sess.run(train_step, feed_dict={x_data: x_vals[index], y_target: y_vals[index]})
        if i % 10 == 0:
            print(f"step={i} loss={sess.run(loss, feed_dict={x_data: x_vals, y_target: y_vals}):.9g}")
