"""Tensor values computed with an InteractiveSession (written for migrate's --style tf2
tests): `.eval()` and `sess.run` of constants, seeded random ops with no op seed, a
variable with a random initial value and tensors built on it, a NumPy value obtained from
`.eval()` used in NumPy afterwards."""
import numpy as np
import tensorflow as tf


def show(name, value):
    print("%s=%s" % (name, np.round(np.asarray(value, dtype=np.float64).ravel(), 6).tolist()))


tf.set_random_seed(11)
sess = tf.InteractiveSession()
table = np.array([[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]])
show("shape", tf.shape(table).eval())
show("swapped", sess.run(tf.transpose(table, [1, 0, 2])))
show("rows", tf.reshape(table, shape=[-1, 3]).eval())
show("mean", tf.reduce_mean(tf.cast(table, tf.float32), axis=1).eval())
show("argmax", tf.argmax(table, axis=-1).eval())
show("hot", tf.one_hot([[0], [2]], depth=3).eval())
a = tf.constant([[3., 3.]])
b = tf.constant([[2.], [2.]])
show("product", tf.matmul(a, b).eval())
show("broadcast", (a * b).eval())
normal = tf.random_normal([4])
show("normal", normal.eval())
show("uniform", tf.random_uniform([2, 3], -1, 1).eval())
w = tf.Variable(tf.truncated_normal([2, 2], stddev=0.5))
moved = tf.matmul(w, b) + tf.reduce_sum(a)
sess.run(tf.global_variables_initializer())
w_value = w.eval()
show("w", w_value)
show("w_numpy", np.tanh(w_value) * 2)
first, second = sess.run([moved, a + 1.0])
show("moved", first)
show("again", sess.run(moved))
show("second", second)
sess.close()
