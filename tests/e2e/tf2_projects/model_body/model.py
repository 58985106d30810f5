"""The model module of the model_body project (written for migrate's --style tf2 tests, in the
shape of SullyChen's Autopilot-TensorFlow model.py): the module body is the graph. Helpers make
the variables (unseeded random initial values under the graph seed set here), the placeholders,
hidden layers with dropout and the output are module-level names; no Session here: train.py
imports the module and runs `model.y` feeding `model.x`."""
import tensorflow as tf

tf.set_random_seed(7)


def weight_variable(shape):
    initial = tf.truncated_normal(shape, stddev=0.3)
    return tf.Variable(initial)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


x = tf.placeholder(tf.float32, shape=[None, 6])
y_ = tf.placeholder(tf.float32, shape=[None, 1])

# hidden layer
W_fc1 = weight_variable([6, 10])
b_fc1 = bias_variable([10])
h_fc1 = tf.nn.relu(tf.matmul(x, W_fc1) + b_fc1)

keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)

# output, scaled
W_fc2 = weight_variable([10, 1])
b_fc2 = bias_variable([1])
y = tf.multiply(tf.atan(tf.matmul(h_fc1_drop, W_fc2) + b_fc2), 2)
