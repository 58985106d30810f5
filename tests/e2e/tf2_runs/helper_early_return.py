"""A layer helper returning from a branch, its initial value drawn into a name first, its input parameter
named like the program's placeholder, called under name scopes with a graph seed (written for migrate's
--style tf2 tests; the shape of ageron's `neuron_layer`): the tf2 conversion makes it a tf.Module per call
site, the draw made when the variable is (`init = lambda: ...`), the op seeds counted as TF 1.x did.
Both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
n_inputs = 6
X = tf.placeholder(tf.float32, shape=(None, n_inputs), name="X")
y = tf.placeholder(tf.int32, shape=(None), name="y")


def neuron_layer(X, n_neurons, name, activation=None):
    with tf.name_scope(name):
        n_inputs = int(X.get_shape()[1])
        stddev = 2 / np.sqrt(n_inputs)
        init = tf.truncated_normal((n_inputs, n_neurons), stddev=stddev)
        W = tf.Variable(init, name="kernel")
        b = tf.Variable(tf.zeros([n_neurons]), name="bias")
        Z = tf.matmul(X, W) + b
        if activation is not None:
            return activation(Z)
        else:
            return Z


with tf.name_scope("dnn"):
    hidden1 = neuron_layer(X, 8, name="hidden1", activation=tf.nn.relu)
    logits = neuron_layer(hidden1, 3, name="outputs")
with tf.name_scope("loss"):
    xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    loss = tf.reduce_mean(xentropy, name="loss")
training_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
rng = np.random.RandomState(1)
X_data = rng.normal(size=(20, n_inputs)).astype(np.float32)
y_data = rng.randint(0, 3, size=20)
with tf.Session() as sess:
    tf.global_variables_initializer().run()
    for epoch in range(5):
        sess.run(training_op, feed_dict={X: X_data, y: y_data})
        print(f"epoch={epoch} loss={loss.eval(feed_dict={X: X_data, y: y_data}):.9g}")
