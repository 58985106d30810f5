"""A layer function of the program's own file making no variable itself: `fc_layer` (no variable
scope) calls the file's `weight_variable` / `bias_variable`, which make them through get_variable
(the shape of easy-tensorflow's 3_Neural_Network notebook; written for migrate's --style tf2 tests).
TF 1.x made new variables at each `fc_layer` call, through the functions it calls. No graph seed (the
notebook sets none, and its unseeded draws would differ from run to run): constant initial values. The tf2 conversion writes
`fc_layer` as a layer function (its helpers inlined), one tf.Module per call site; both styles print
the same digits."""
import numpy as np
import tensorflow as tf


def weight_variable(name, shape):
    initer = tf.constant_initializer(0.05)
    return tf.get_variable('W_' + name, dtype=tf.float32, shape=shape, initializer=initer)


def bias_variable(name, shape):
    initial = tf.constant(0.1, shape=shape, dtype=tf.float32)
    return tf.get_variable('b_' + name, dtype=tf.float32, initializer=initial)


def fc_layer(x, num_units, name, use_relu=True):
    in_dim = x.get_shape()[1]
    W = weight_variable(name, shape=[in_dim, num_units])
    b = bias_variable(name, [num_units])
    layer = tf.matmul(x, W)
    layer += b
    if use_relu:
        layer = tf.nn.relu(layer)
    return layer


rng = np.random.RandomState(1)
x_data = rng.normal(size=(64, 6)).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[rng.randint(0, 3, size=64)]

x = tf.placeholder(tf.float32, shape=[None, 6], name='X')
y = tf.placeholder(tf.float32, shape=[None, 3], name='Y')
fc1 = fc_layer(x, 10, 'FC1', use_relu=True)
output_logits = fc_layer(fc1, 3, 'OUT', use_relu=False)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=output_logits), name='loss')
optimizer = tf.train.AdamOptimizer(learning_rate=0.01, name='Adam-op').minimize(loss)
correct_prediction = tf.equal(tf.argmax(output_logits, 1), tf.argmax(y, 1), name='correct_pred')
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32), name='accuracy')

init = tf.global_variables_initializer()
sess = tf.InteractiveSession()
sess.run(init)
for step in range(40):
    batch = slice(16 * (step % 4), 16 * (step % 4) + 16)
    feed_dict_batch = {x: x_data[batch], y: y_data[batch]}
    sess.run(optimizer, feed_dict=feed_dict_batch)
    if step % 10 == 0:
        loss_batch, acc_batch = sess.run([loss, accuracy], feed_dict=feed_dict_batch)
        print(f"step={step} loss={loss_batch:.9g} accuracy={acc_batch:.4f}")
print(f"logits={np.round(sess.run(output_logits, feed_dict={x: x_data[:2]}).ravel(), 6).tolist()}")
sess.close()
