"""A two-layer classifier in TF 1.x graph style, inside main() (written for migrate's
--style tf2 tests): the v1 compatibility import alias, get_variable with seeded initializers,
Adam, a feed dict kept in a variable, fetch lists and dicts, accuracy evaluation."""
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def blobs(n=240, dims=10, classes=3, seed=0):
    rng = np.random.RandomState(seed)
    centers = rng.normal(0.0, 1.0, size=(classes, dims))
    labels = rng.randint(0, classes, size=n)
    return (centers[labels] + rng.normal(0.0, 1.0, size=(n, dims))).astype(np.float32), labels


def main():
    tf.set_random_seed(3)
    data, labels = blobs()
    features = tf.placeholder(tf.float32, shape=[None, 10])
    targets = tf.placeholder(tf.int64, shape=[None])
    w1 = tf.get_variable("w1", [10, 16], initializer=tf.truncated_normal_initializer(stddev=0.3, seed=11))
    b1 = tf.get_variable("b1", [16], initializer=tf.zeros_initializer())
    w2 = tf.get_variable("w2", [16, 3], initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=12))
    b2 = tf.get_variable("b2", [3], initializer=tf.constant_initializer(0.1))
    hidden = tf.nn.relu(tf.matmul(features, w1) + b1)
    logits = tf.matmul(hidden, w2) + b2
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits))
    correct = tf.equal(tf.argmax(logits, 1), targets)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    optimizer = tf.train.AdamOptimizer(learning_rate=0.01)
    train_op = optimizer.minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        everything = {features: data, targets: labels}
        print("start_loss=%.7f" % sess.run(loss, feed_dict=everything))
        for epoch in range(4):
            for start in range(0, len(data), 40):
                feed = {features: data[start:start + 40], targets: labels[start:start + 40]}
                _, batch_loss = sess.run((train_op, loss), feed_dict=feed)
            print("epoch=%d batch_loss=%.7f" % (epoch, batch_loss))
        result = sess.run({"loss": loss, "accuracy": accuracy}, feed_dict=everything)
        print("end_loss=%.7f accuracy=%.5f" % (result["loss"], result["accuracy"]))
        print("w2_sum=%.7f" % sess.run(w2).sum())


if __name__ == "__main__":
    main()
