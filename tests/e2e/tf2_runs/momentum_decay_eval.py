"""A small convolution-free classifier in the shape of TensorFlow's old LeNet tutorial
(written for migrate's --style tf2 tests): a dtype helper for the placeholders, weights all
drawn with ONE op seed, a nested model function called twice on the same variables, an
L2 term added with `+=`, a float global step driving a staircase exponential_decay that
halves the rate every other step, MomentumOptimizer.minimize(global_step=), seeded dropout
in training only with batches of two sizes (the placeholder's batch dimension is None), and
the Session handed to an evaluation function that runs the eval graph batch by batch."""
import numpy as np
import tensorflow as tf

SEED = 4321
BATCH = 16
CLASSES = 3


def data_type():
    return tf.float32


def blobs(n=96, dims=6, seed=0):
    rng = np.random.RandomState(seed)
    centers = rng.normal(0.0, 1.5, size=(CLASSES, dims))
    labels = rng.randint(0, CLASSES, size=n)
    return (centers[labels] + rng.normal(0.0, 1.0, size=(n, dims))).astype(np.float32), labels


def main():
    data, labels = blobs()
    train_x = tf.placeholder(data_type(), shape=(None, 6))
    train_y = tf.placeholder(tf.int64, shape=[None])
    eval_x = tf.placeholder(data_type(), shape=(BATCH, 6))

    w1 = tf.Variable(tf.truncated_normal([6, 12], stddev=0.4, seed=SEED, dtype=data_type()))
    b1 = tf.Variable(tf.constant(0.1, shape=[12], dtype=data_type()))
    w2 = tf.Variable(tf.truncated_normal([12, CLASSES], stddev=0.4, seed=SEED, dtype=data_type()))
    b2 = tf.Variable(tf.zeros([CLASSES], dtype=data_type()))

    def model(x, train=False):
        hidden = tf.nn.relu(tf.matmul(x, w1) + b1)
        if train:
            hidden = tf.nn.dropout(hidden, rate=0.25, seed=SEED)
        return tf.matmul(hidden, w2) + b2

    logits = model(train_x, True)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=train_y, logits=logits))
    regularizers = tf.nn.l2_loss(w1) + tf.nn.l2_loss(w2)
    loss += 1e-3 * regularizers

    step_count = tf.Variable(0, dtype=data_type())
    learning_rate = tf.train.exponential_decay(0.2, step_count * BATCH, 2 * BATCH, 0.5, staircase=True)
    train_op = tf.train.MomentumOptimizer(learning_rate, 0.9).minimize(loss, global_step=step_count)
    eval_prediction = tf.nn.softmax(model(eval_x))

    def evaluate(rows, sess):
        out = np.zeros((len(rows), CLASSES), dtype=np.float32)
        for begin in range(0, len(rows), BATCH):
            out[begin:begin + BATCH] = sess.run(eval_prediction, feed_dict={eval_x: rows[begin:begin + BATCH]})
        return out

    with tf.Session() as sess:
        tf.global_variables_initializer().run()
        print("w2_start=%.7f" % sess.run(w2).sum())
        for step in range(12):
            start, size = (step * BATCH) % len(data), BATCH if step % 3 else BATCH // 2
            feed = {train_x: data[start:start + size], train_y: labels[start:start + size]}
            _, batch_loss, rate = sess.run([train_op, loss, learning_rate], feed_dict=feed)
            print("step=%d loss=%.7f rate=%.7f" % (step, batch_loss, rate))
        predictions = evaluate(data, sess)
        print("accuracy=%.5f mean_top=%.7f" % (np.mean(predictions.argmax(1) == labels), predictions.max(1).mean()))
        print("w1_sum=%.7f steps=%.1f" % (sess.run(w1).sum(), sess.run(step_count)))


if __name__ == "__main__":
    main()
