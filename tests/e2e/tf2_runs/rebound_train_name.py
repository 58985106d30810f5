"""A train op's name bound again after the TF part (written for migrate's --style tf2 tests; the
shape of lazyprogrammer's rmsprop_test comparing TF with Theano): the Session block trains with
RMSProp, then `train_op` is a plain Python function trained in a loop of its own, its losses
printed beside TF's."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(2)
X = rng.randn(10, 2).astype(np.float32)
Y = (X.dot(np.array([0.5, -0.5], dtype=np.float32)) + 1).reshape(-1, 1)
w0 = rng.randn(2, 1).astype(np.float32)
b0 = np.zeros(1, dtype=np.float32)

inputs = tf.placeholder(tf.float32, shape=(None, 2))
targets = tf.placeholder(tf.float32, shape=(None, 1))
tfw = tf.Variable(w0)
tfb = tf.Variable(b0)
pred = tf.matmul(inputs, tfw) + tfb
loss = tf.reduce_mean(tf.square(targets - pred))
train_op = tf.train.RMSPropOptimizer(1e-2, epsilon=1e-8).minimize(loss)

tflosses = []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for e in range(8):
        _, l = sess.run([train_op, loss], feed_dict={inputs: X, targets: Y})
        tflosses.append(l)



def numpy_step(w, lr=0.05):
    weights = w.copy()

    def step(x, y):
        error = x.dot(weights) - y
        weights[...] -= lr * 2 * x.T.dot(error) / len(x)
        return float(np.mean(error ** 2))
    return step


train_op = numpy_step(w0)  # the name of the TF train op, bound to the NumPy version's step
nplosses = []
for e in range(8):
    nplosses.append(train_op(X, Y))
for e, (a, b) in enumerate(zip(tflosses, nplosses)):
    print(f"epoch={e} tf={a:.9g} numpy={b:.9g}")
