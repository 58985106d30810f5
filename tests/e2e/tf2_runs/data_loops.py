"""Python loops beside the graph (written for migrate's --style tf2 tests; the shapes of
NakedTensor's serial.py and gentle_tensorflow's mini-batch regression): the loss is summed
point by point in `for x, y in zip(xs, ys):` from a Python number, and after the graph a
plain loop makes the data, rebinding the graph's name `y` to a number it appends; the last
runs fetch expressions of the loop's `i`, built again at each run."""
import numpy as np
import tensorflow as tf

xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
ys = [-0.8, -0.9, -0.1, 0.3, 0.4, 0.6]
m = tf.Variable(-0.5)
c = tf.Variable(1.0)
total_error = 0.0
for x, y in zip(xs, ys):
    y_model = m * x + c
    total_error += (y - y_model) ** 2
fit = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(total_error)

features = tf.placeholder(tf.float32, [None, 2], name="features")
W = tf.Variable(tf.zeros([2, 1]), name="W")
b = tf.Variable(tf.zeros([1]), name="b")
y = tf.matmul(features, W) + b
y_ = tf.placeholder(tf.float32, [None, 1])
cost = tf.reduce_mean(tf.square(y_ - y))
train_step = tf.train.GradientDescentOptimizer(0.01).minimize(cost)

rng = np.random.RandomState(3)
all_xs = []
all_ys = []
for i in range(40):
    x_1 = i % 10
    x_2 = rng.randint(20) % 10
    y = 2 * x_1 + 5 * x_2 + 7
    all_xs.append([x_1, x_2])
    all_ys.append(y)
all_xs = np.array(all_xs, dtype=np.float32) / 10.0
all_ys = np.transpose([all_ys]).astype(np.float32) / 10.0

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(30):
    sess.run(fit)
    start = (step * 8) % 32
    _, value = sess.run([train_step, cost], feed_dict={features: all_xs[start:start + 8], y_: all_ys[start:start + 8]})
    if step % 10 == 0:
        print(f"step={step} cost={value:.9g} error={sess.run(total_error):.9g}")
print(f"slope={sess.run(m):.9g} intercept={sess.run(c):.9g}")
print(f"W={np.round(sess.run(W), 7).ravel().tolist()} b={sess.run(b)[0]:.9g} last_y={y}")
for i in range(3):
    print(f"scaled={sess.run(c * i):.9g} shifted={sess.run(tf.add(m, float(i))):.9g}")
