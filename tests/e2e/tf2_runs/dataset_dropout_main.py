"""A training function run from `if __name__ == "__main__": main()` under a graph seed (written for
migrate's --style tf2 tests): its dataset's initializable iterator initialized before the variables'
initializer, unseeded initial values (the op seeds TF 1.x's graph counted), dropout drawn in a
training step fed by the dataset, a parameter of the function (its batches of unknown static size, as
get_next() gave them)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
rng = np.random.RandomState(2)
inputs = rng.normal(size=(64, 5)).astype(np.float32)
targets = (inputs[:, :1] - inputs[:, 1:2] > 0).astype(np.float32)


def train(dataset, steps):
    iterator = dataset.make_initializable_iterator()
    x, y = iterator.get_next()
    w1 = tf.Variable(tf.random_normal([5, 8], stddev=0.5), name="w1")
    b1 = tf.Variable(tf.zeros([8]), name="b1")
    w2 = tf.Variable(tf.truncated_normal([8, 1], stddev=0.5), name="w2")
    hidden = tf.nn.dropout(tf.nn.relu(tf.matmul(x, w1) + b1), keep_prob=0.7)
    logits = tf.matmul(hidden, w2)
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
    train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(iterator.initializer)
        sess.run(tf.global_variables_initializer())
        for step in range(steps):
            _, value = sess.run([train_op, loss])
            if step % 5 == 0:
                print("step=%d loss=%.7f" % (step, value))
        print("w2=%s" % sess.run(w2).ravel().tolist())


def main():
    train(tf.data.Dataset.from_tensor_slices((inputs, targets)).repeat().batch(16), 30)


if __name__ == "__main__":
    main()
