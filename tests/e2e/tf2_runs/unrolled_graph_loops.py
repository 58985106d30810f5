"""Graph-building loops over small ranges (written for migrate's --style tf2 tests; the shape of
pkmital's polynomial regression): one variable of a random initial value made per pass of
`for power in range(1, degree + 1)`-like loops (here `range(1, 4)` and a range of a module
constant), the prediction summed pass by pass, and a layer loop making a weight matrix per pass
with the hidden value fed forward; under a graph seed, each pass's random op gets its own count."""
import numpy as np
import tensorflow as tf

if tf.__version__.startswith('2'):
    tf.compat.v1.disable_eager_execution()
tf.set_random_seed(11)
LAYERS = 2
rng = np.random.RandomState(4)
xs = np.linspace(-1.0, 1.0, 30).astype(np.float32)
ys = (np.sin(2.0 * xs) + 0.1 * rng.randn(30)).astype(np.float32)

X = tf.placeholder(tf.float32)
Y = tf.placeholder(tf.float32)
Y_pred = tf.Variable(tf.random_normal([1]), name='bias')
for pow_i in range(1, 4):
    W = tf.Variable(tf.random_normal([1], stddev=0.5), name=f'weight_{pow_i}')
    Y_pred = tf.add(tf.multiply(tf.pow(X, pow_i), W), Y_pred)
cost = tf.reduce_sum(tf.pow(Y_pred - Y, 2)) / (30 - 1)
optimizer = tf.train.GradientDescentOptimizer(0.05).minimize(cost)

features = tf.placeholder(tf.float32, [None, 3])
hidden = features
for layer in range(LAYERS):
    weights = tf.Variable(tf.truncated_normal([3, 3], stddev=0.4), name=f'layer_{layer}')
    hidden = tf.nn.tanh(tf.matmul(hidden, weights))
net_loss = tf.reduce_mean(tf.square(hidden - 0.25))
for param in (weights, W):
    net_loss += 1e-2 * tf.reduce_sum(param * param)
net_train = tf.train.AdamOptimizer(0.01).minimize(net_loss)
batch = rng.uniform(-1.0, 1.0, (8, 3)).astype(np.float32)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(6):
        for x, y in zip(xs[:10], ys[:10]):
            sess.run(optimizer, feed_dict={X: x, Y: y})
        _, net = sess.run([net_train, net_loss], feed_dict={features: batch})
        print(f"epoch={epoch} cost={sess.run(cost, feed_dict={X: xs, Y: ys}):.9g} net={net:.9g} "
              f"W={sess.run(W)[0]:.9g}")
print(f"last_power={pow_i} last_layer={layer}")  # the loops' targets after them: their last passes'
