"""A training function handed the Session that builds its evaluation ops itself, after the loop
(written for migrate's --style tf2 tests; the shape of wookayin's tensorflow-talk-debugging
programs): `correct_prediction` and `accuracy` of module-level tensors, evaluated with `.eval(feed)`
on the default Session; the main function's Session block builds its own op of them too."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.float32, [None, 3])
W = tf.Variable(tf.truncated_normal([6, 3], stddev=0.3))
b = tf.Variable(tf.zeros([3]))
pred = tf.nn.xw_plus_b(x, W, b)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=pred, labels=y))
train_op = tf.train.AdamOptimizer(learning_rate=0.02).minimize(loss)

rng = np.random.RandomState(1)
data = rng.rand(60, 6).astype(np.float32)
labels = np.eye(3)[np.argmax(data[:, :3] + data[:, 3:], 1)]


def train(session):
    batch_size = 12
    session.run(tf.global_variables_initializer())
    for epoch in range(4):
        epoch_loss = 0.0
        for i in range(0, len(data), batch_size):
            _, c = session.run([train_op, loss], feed_dict={x: data[i:i + batch_size], y: labels[i:i + batch_size]})
            epoch_loss += c / 5
        print("epoch=%d loss=%.9g" % (epoch, epoch_loss))

    # Test model
    correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print("accuracy=%.9g" % accuracy.eval({x: data, y: labels}))


def main():
    with tf.Session() as session:
        train(session)
        confidence = tf.reduce_max(tf.nn.softmax(pred), axis=1)
        print("confidence=%s" % np.round(session.run(confidence, feed_dict={x: data[:4]}), 7).tolist())


if __name__ == "__main__":
    main()
