"""Layer functions of the program's own file making their variables through get_variable under
`variable_scope(name)`, through two helper functions (the shape of easy-tensorflow's notebooks:
`weight_variable` binding a truncated-normal initializer to a local name, `bias_variable` a
constant tensor, `fc_layer` calling both under its scope), with unseeded initializers under a
graph seed (written for migrate's --style tf2 tests). The tf2 conversion writes `fc_layer` as a
library's layer function is written (the helpers inlined, get_variable a tf.Variable of the same
initial value, the scope a name scope), one tf.Module per call site drawing with the op seeds TF
1.x counted; both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)


def weight_variable(name, shape):
    initer = tf.truncated_normal_initializer(stddev=0.1)
    return tf.get_variable('W_' + name, dtype=tf.float32, shape=shape, initializer=initer)


def bias_variable(name, shape):
    initial = tf.constant(0.05, shape=shape, dtype=tf.float32)
    return tf.get_variable('b_' + name, dtype=tf.float32, initializer=initial)


def fc_layer(x, num_units, name, use_relu=True):
    with tf.variable_scope(name):
        in_dim = x.get_shape()[1]
        W = weight_variable(name, shape=[in_dim, num_units])
        b = bias_variable(name, [num_units])
        layer = tf.matmul(x, W)
        layer += b
        if use_relu:
            layer = tf.nn.relu(layer)
        return layer


rng = np.random.RandomState(0)
x_data = rng.normal(size=(64, 5)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=64)]

with tf.variable_scope('Input'):
    x = tf.placeholder(tf.float32, shape=[None, 5], name='X')
    y = tf.placeholder(tf.float32, shape=[None, 3], name='Y')
fc1 = fc_layer(x, 8, 'Hidden_layer', use_relu=True)
output_logits = fc_layer(fc1, 3, 'Output_layer', use_relu=False)
with tf.variable_scope('Train'):
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=output_logits), name='loss')
    optimizer = tf.train.AdamOptimizer(learning_rate=0.01, name='Adam-op').minimize(loss)
    correct_prediction = tf.equal(tf.argmax(output_logits, 1), tf.argmax(y, 1), name='correct_pred')
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32), name='accuracy')

init = tf.global_variables_initializer()
sess = tf.InteractiveSession()
sess.run(init)
for step in range(40):
    batch = slice(16 * (step % 4), 16 * (step % 4) + 16)
    sess.run(optimizer, feed_dict={x: x_data[batch], y: y_data[batch]})
    if step % 10 == 0:
        loss_batch, acc_batch = sess.run([loss, accuracy], feed_dict={x: x_data[batch], y: y_data[batch]})
        print(f"step={step} loss={loss_batch:.9g} accuracy={acc_batch:.4f}")
print(f"logits={np.round(sess.run(output_logits, feed_dict={x: x_data[:2]}).ravel(), 6).tolist()}")
sess.close()
