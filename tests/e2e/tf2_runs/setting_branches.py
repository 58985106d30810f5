"""A loss chosen by a program setting (the TF cookbook's LASSO / Ridge regression: `if
regression_type == 'LASSO': loss = ... elif regression_type == 'Ridge': loss = ... else: print`),
trained with gradient descent on seeded data."""
import sys

import numpy as np
import tensorflow as tf

regression_type = 'Ridge'
np.random.seed(13)
tf.set_random_seed(13)
x_vals = np.random.uniform(0, 2.5, 150)
y_vals = 4.0 + 0.8 * x_vals + np.random.normal(0, 0.3, 150)
x_data = tf.placeholder(shape=[None, 1], dtype=tf.float32)
y_target = tf.placeholder(shape=[None, 1], dtype=tf.float32)
A = tf.Variable(tf.random_normal(shape=[1, 1]))
b = tf.Variable(tf.random_normal(shape=[1, 1]))
model_output = tf.add(tf.matmul(x_data, A), b)
if regression_type == 'LASSO':
    lasso_param = tf.constant(0.9)
    heavyside_step = tf.truediv(1., tf.add(1., tf.exp(tf.multiply(-50., tf.subtract(A, lasso_param)))))
    loss = tf.add(tf.reduce_mean(tf.square(y_target - model_output)), tf.multiply(heavyside_step, 99.))
elif regression_type == 'Ridge':
    ridge_param = tf.constant(1.)
    ridge_loss = tf.reduce_mean(tf.square(A))
    loss = tf.expand_dims(tf.add(tf.reduce_mean(tf.square(y_target - model_output)), tf.multiply(ridge_param, ridge_loss)), 0)
else:
    print('Invalid regression_type parameter value', file=sys.stderr)
train_step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for i in range(300):
    rand_index = np.random.choice(len(x_vals), size=50)
    rand_x = np.transpose([x_vals[rand_index]])
    rand_y = np.transpose([y_vals[rand_index]])
    sess.run(train_step, feed_dict={x_data: rand_x, y_target: rand_y})
    if (i + 1) % 100 == 0:
        temp_loss = sess.run(loss, feed_dict={x_data: rand_x, y_target: rand_y})
        print(f"step={i + 1} A={sess.run(A)[0][0]:.7f} b={sess.run(b)[0][0]:.7f} loss={temp_loss[0]:.7f}")
