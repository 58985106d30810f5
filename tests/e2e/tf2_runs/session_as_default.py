"""A linear model trained in a `with sess.as_default():` block (written for migrate's --style
tf2 tests, in the shape of dennybritz's cnn-text-classification train.py and astorfi's
TensorFlow-World): flags, a Session made from a ConfigProto in a graph block, then
`with sess.as_default():` around the training, where `train_op.run(feed_dict=...)`,
`loss.eval(feed_dict=...)`, `weights.eval()` and `tf.reduce_sum(...).eval()` run in the default Session, that
Session."""
import numpy as np
import tensorflow as tf

tf.flags.DEFINE_boolean("allow_soft_placement", True, "Allow device soft device placement")
tf.flags.DEFINE_boolean("log_device_placement", False, "Log placement of ops on devices")
tf.flags.DEFINE_float("learning_rate", 0.1, "learning rate")
tf.flags.DEFINE_integer("num_epochs", 3, "epochs")
FLAGS = tf.flags.FLAGS


def train(data, target):
    with tf.Graph().as_default():
        session_conf = tf.ConfigProto(
            allow_soft_placement=FLAGS.allow_soft_placement,
            log_device_placement=FLAGS.log_device_placement)
        sess = tf.Session(config=session_conf)
        with sess.as_default():
            tf.set_random_seed(3)
            inputs = tf.placeholder(tf.float32, [None, 4])
            outputs = tf.placeholder(tf.float32, [None, 1])
            weights = tf.Variable(tf.random_normal([4, 1], stddev=0.5, seed=2))
            bias = tf.Variable(tf.zeros([1]))
            loss = tf.reduce_mean(tf.square(tf.matmul(inputs, weights) + bias - outputs))
            train_op = tf.train.GradientDescentOptimizer(FLAGS.learning_rate).minimize(loss)
            sess.run(tf.global_variables_initializer())
            for epoch in range(FLAGS.num_epochs):
                for start in range(0, 32, 8):
                    feed = {inputs: data[start:start + 8], outputs: target[start:start + 8]}
                    train_op.run(feed_dict=feed)
                    value = loss.eval(feed_dict=feed)
                    print(f"epoch={epoch} start={start} loss={value:.7f}")
            print(f"weights={np.round(weights.eval().ravel(), 6).tolist()}")
            print(f"bias={sess.run(bias)[0]:.7f}")
            print(f"norm={tf.reduce_sum(tf.abs(weights)).eval():.7f}")


def main(_):
    rng = np.random.RandomState(5)
    data = rng.normal(size=(32, 4)).astype(np.float32)
    target = data @ np.array([[1.0], [-2.0], [0.5], [0.0]], dtype=np.float32)
    train(data, target)


if __name__ == "__main__":
    tf.app.run()
