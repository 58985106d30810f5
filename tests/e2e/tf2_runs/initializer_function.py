"""get_variable's initializer made by a function of the file (the shape of terryum's and sjchoi86's
MLP notebooks: `xavier_init(n_inputs, n_outputs, uniform=True)` returning a random uniform initializer
whose range is a `tf.sqrt` tensor, else a truncated normal one; written for migrate's --style tf2
tests), under a graph seed, biases drawn by random ops after the weights. The tf2 conversion writes
at each call the initializer the function returns there (the `if` on `uniform` taken), then converts
it as get_variable's: each draw with the op seed TF 1.x counted; both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(2)


def xavier_init(n_inputs, n_outputs, uniform=True):
    """Xavier Glorot and Yoshua Bengio (2010)'s initialization."""
    if uniform:
        init_range = tf.sqrt(6.0 / (n_inputs + n_outputs))
        return tf.random_uniform_initializer(-init_range, init_range)
    else:
        stddev = tf.sqrt(3.0 / (n_inputs + n_outputs))
    return tf.truncated_normal_initializer(stddev=stddev)


n_input, n_hidden, n_classes = 6, 12, 3
rng = np.random.RandomState(5)
x_data = rng.normal(size=(48, n_input)).astype(np.float32)
y_data = np.eye(n_classes, dtype=np.float32)[rng.randint(0, n_classes, size=48)]

x = tf.placeholder("float", [None, n_input])
y = tf.placeholder("float", [None, n_classes])
W = {
    'h1': tf.get_variable("h1", shape=[n_input, n_hidden], initializer=xavier_init(n_input, n_hidden)),
    'out': tf.get_variable("out", shape=[n_hidden, n_classes],
                           initializer=xavier_init(n_hidden, n_classes, uniform=False)),
}
b = {
    'b1': tf.Variable(tf.random_normal([n_hidden])),
    'out': tf.Variable(tf.random_normal([n_classes])),
}
layer = tf.nn.relu(tf.add(tf.matmul(x, W['h1']), b['b1']))
logits = tf.add(tf.matmul(layer, W['out']), b['out'])
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y))
optm = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        batch = slice(16 * (step % 3), 16 * (step % 3) + 16)
        _, c = sess.run([optm, cost], feed_dict={x: x_data[batch], y: y_data[batch]})
        if step % 10 == 0:
            print(f"step={step} cost={c:.9g}")
    print(f"h1={sess.run(W['h1']).sum():.9g} out={sess.run(W['out']).sum():.9g}")
