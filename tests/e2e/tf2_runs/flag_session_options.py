"""A linear model trained in a function whose Session is configured from command-line flags
(written for migrate's --style tf2 tests, in the shape of dennybritz's cnn-text-classification
train.py and astorfi's TensorFlow-World): `tf.flags.DEFINE_boolean("allow_soft_placement", ...)`,
`ConfigProto(allow_soft_placement=FLAGS.allow_soft_placement, ...)`, a thread count from a
parameter of the function."""
import numpy as np
import tensorflow as tf

tf.flags.DEFINE_boolean("allow_soft_placement", True, "Allow device soft device placement")
tf.flags.DEFINE_boolean("log_device_placement", False, "Log placement of ops on devices")
tf.flags.DEFINE_float("learning_rate", 0.05, "learning rate")
FLAGS = tf.flags.FLAGS


def train(data, target, threads):
    with tf.Graph().as_default():
        session_conf = tf.ConfigProto(
            allow_soft_placement=FLAGS.allow_soft_placement,
            log_device_placement=FLAGS.log_device_placement,
            inter_op_parallelism_threads=threads)
        with tf.Session(config=session_conf) as sess:
            tf.set_random_seed(3)
            inputs = tf.placeholder(tf.float32, [None, 4])
            outputs = tf.placeholder(tf.float32, [None, 1])
            weights = tf.Variable(tf.random_normal([4, 1], stddev=0.5, seed=2))
            bias = tf.Variable(tf.zeros([1]))
            loss = tf.reduce_mean(tf.square(tf.matmul(inputs, weights) + bias - outputs))
            train_op = tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(loss)
            sess.run(tf.global_variables_initializer())
            for step in range(6):
                _, value = sess.run([train_op, loss], feed_dict={inputs: data, outputs: target})
                print("step=%d loss=%.7f" % (step, value))
            print("weights=%s" % np.round(sess.run(weights).ravel(), 6).tolist())


def main(_):
    rng = np.random.RandomState(5)
    data = rng.normal(size=(32, 4)).astype(np.float32)
    target = data @ np.array([[1.0], [-2.0], [0.5], [0.0]], dtype=np.float32)
    train(data, target, 2)


if __name__ == "__main__":
    tf.app.run()
