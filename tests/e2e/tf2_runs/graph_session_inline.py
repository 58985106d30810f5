"""A classifier built inside one `with` making a new graph the default and opening a
configured session in main() (written for migrate's --style tf2 tests): the graph and the Session made in one
`with`, an inline ConfigProto (thread pools, no GPU), the seed set in the graph, plain SGD."""
import numpy as np
import tensorflow as tf


def main():
    rng = np.random.RandomState(1)
    features = rng.normal(size=(90, 4)).astype(np.float32)
    labels = (features[:, 0] + features[:, 1] > 0).astype(np.int64)
    with tf.Graph().as_default(), tf.Session(config=tf.ConfigProto(
            intra_op_parallelism_threads=2, inter_op_parallelism_threads=1, device_count={"GPU": 0})) as sess:
        tf.set_random_seed(5)
        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.placeholder(tf.int64, [None])
        w = tf.get_variable("w", [4, 2], initializer=tf.truncated_normal_initializer(stddev=0.2, seed=3))
        b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
        logits = tf.matmul(x, w) + b
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        sess.run(tf.global_variables_initializer())
        for epoch in range(5):
            _, value = sess.run([train_op, loss], feed_dict={x: features, y: labels})
            print("epoch=%d loss=%.7f" % (epoch, value))
        print("accuracy=%.5f" % sess.run(accuracy, feed_dict={x: features, y: labels}))


if __name__ == "__main__":
    main()
