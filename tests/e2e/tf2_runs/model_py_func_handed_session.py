"""A tf.contrib.layers model function under a graph seed, handed Session (written for migrate's --style tf2
tests; the shape of wookayin's tensorflow-talk-debugging 31-mnist-func-print.py): fully_connected layers
with scopes, a py_func printing a layer's output shape, the last layer under control_dependencies on it;
the Session (with options) made in main() and handed to train(), which initializes, trains and evaluates
with `.eval(feed)`. The tf2 output's model object draws the kernels in its __init__ with the op seeds TF
1.x's count gave them at the first call; the callback prints at every run of the model."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib import layers

tf.set_random_seed(11)
rng = np.random.RandomState(4)
features = rng.rand(40, 5).astype(np.float32)
classes = np.eye(4, dtype=np.float32)[np.argmax(features[:, :4] + features[:, 1:], 1)]


def scorer(inputs):
    first = layers.fully_connected(inputs, 16, activation_fn=tf.nn.relu, scope='first')
    second = layers.fully_connected(first, 12, activation_fn=tf.nn.tanh, scope='second')

    def shapes(first_value, second_value):
        print(f"shapes=[{first_value.shape[1]}, {second_value.shape[1]}, {first_value.shape[0]}]")
        return False
    checked = tf.py_func(shapes, [first, second], [tf.bool])
    with tf.control_dependencies(checked):
        scores = layers.fully_connected(second, 4, activation_fn=None, scope='scores')
    return scores


inputs = tf.placeholder(tf.float32, [None, 5])
truth = tf.placeholder(tf.float32, [None, 4])
scores = scorer(inputs)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=scores, labels=truth))
train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)


def train(session):
    session.run(tf.global_variables_initializer())
    for epoch in range(3):
        total = 0.0
        for start in range(0, 40, 10):
            _, value = session.run([train_op, loss], feed_dict={inputs: features[start:start + 10],
                                                                truth: classes[start:start + 10]})
            total += value / 4
        print(f"epoch={epoch} loss={total:.9g}")
    hits = tf.equal(tf.argmax(scores, 1), tf.argmax(truth, 1))
    accuracy = tf.reduce_mean(tf.cast(hits, tf.float32))
    value = accuracy.eval({inputs: features, truth: classes})
    print(f"accuracy={value:.9g}")


def main():
    with tf.Session(config=tf.ConfigProto(gpu_options=tf.GPUOptions(allow_growth=True),
                                          device_count={'GPU': 1})) as session:
        train(session)


if __name__ == '__main__':
    main()
