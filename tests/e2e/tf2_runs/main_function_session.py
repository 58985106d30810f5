"""One Session opened in `def main():` around a graph built at module level, handed to a training
function (written for migrate's --style tf2 tests; the shape of wookayin's tensorflow-talk-debugging
programs): the module body is the program's scope, as for several Sessions in functions."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 2])
W = tf.Variable(tf.truncated_normal([5, 2], stddev=0.2))
b = tf.Variable(tf.zeros([2]))
pred = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=pred, labels=y))
train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)

rng = np.random.RandomState(0)
data = rng.rand(40, 5).astype(np.float32)
labels = np.eye(2)[(data.sum(1) > 2.5).astype(int)]


def train(session):
    batch_size = 8
    for epoch in range(3):
        epoch_loss = 0.0
        for i in range(0, len(data), batch_size):
            _, c = session.run([train_op, loss], feed_dict={x: data[i:i + batch_size], y: labels[i:i + batch_size]})
            epoch_loss += c / 5
        print("epoch=%d loss=%.9g" % (epoch, epoch_loss))


def main():
    with tf.Session(config=tf.ConfigProto(gpu_options=tf.GPUOptions(allow_growth=True))) as session:
        session.run(tf.global_variables_initializer())
        train(session)
        print("W=%s" % np.round(session.run(W), 7).ravel().tolist())


if __name__ == "__main__":
    main()
