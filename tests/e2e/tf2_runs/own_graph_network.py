"""A model class keeping its own graph and Session as attributes (written for migrate's --style tf2
tests, in the shape of CreatCodeBuild's tutorial `Network`): `__init__` makes `self.graph =
tf.Graph()` and declares the placeholders None; `define_graph` builds everything under `with
self.graph.as_default():` (the graph seed set first there, variables under name scopes, drawn by
random ops with no op seed, a local `model` function printing the static shapes it sees, called for
the training and the evaluation batch); `run` makes `self.session`, a Session of `self.graph`,
and opens it in `with self.session as session:`, initializing with `initialize_all_variables().run()`,
training with `session.run` and evaluating with `.eval(feed_dict=...)` (migrate/tf2_owngraph.py)."""
import numpy as np
import tensorflow as tf


class Network:
    def __init__(self, hidden, batch, eval_batch):
        self.hidden = hidden
        self.batch = batch
        self.eval_batch = eval_batch
        self.graph = tf.Graph()
        self.tf_samples = None
        self.tf_labels = None
        self.tf_eval_samples = None

    def define_graph(self):
        with self.graph.as_default():
            tf.set_random_seed(7)
            with tf.name_scope("inputs"):
                self.tf_samples = tf.placeholder(tf.float32, shape=(self.batch, 6), name="samples")
                self.tf_labels = tf.placeholder(tf.float32, shape=(self.batch, 3), name="labels")
                self.tf_eval_samples = tf.placeholder(tf.float32, shape=(self.eval_batch, 6), name="eval_samples")
            with tf.name_scope("fc1"):
                w1 = tf.Variable(tf.truncated_normal([6, self.hidden], stddev=0.3), name="w1")
                b1 = tf.Variable(tf.constant(0.1, shape=[self.hidden]), name="b1")
            with tf.name_scope("fc2"):
                w2 = tf.Variable(tf.random_normal([self.hidden, 3], stddev=0.3), name="w2")
                b2 = tf.Variable(tf.zeros([3]), name="b2")

            def model(data):
                shape = data.get_shape().as_list()
                print(f"shape={shape}")
                hidden = tf.nn.relu(tf.matmul(data, w1) + b1)
                return tf.matmul(hidden, w2) + b2

            logits = model(self.tf_samples)
            self.loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=self.tf_labels))
            self.optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(self.loss)
            self.train_prediction = tf.nn.softmax(logits)
            self.eval_prediction = tf.nn.softmax(model(self.tf_eval_samples))

    def run(self, samples, labels):
        def accuracy(predictions, truth):
            return 100.0 * np.mean(np.argmax(predictions, 1) == np.argmax(truth, 1))

        self.session = tf.Session(graph=self.graph)
        with self.session as session:
            tf.initialize_all_variables().run()
            print("training")
            for step in range(24):
                start = step % 4 * self.batch
                batch_labels = labels[start:start + self.batch]
                _, loss, predictions = session.run([self.optimizer, self.loss, self.train_prediction],
                                                   feed_dict={self.tf_samples: samples[start:start + self.batch],
                                                              self.tf_labels: batch_labels})
                if step % 6 == 0:
                    print(f"step={step} loss={loss:.7f} accuracy={accuracy(predictions, batch_labels):.1f}")
            result = self.eval_prediction.eval(feed_dict={self.tf_eval_samples: samples[:self.eval_batch]})
            print(f"eval_accuracy={accuracy(result, labels[:self.eval_batch]):.1f} eval_sum={result[:, 0].sum():.7f}")


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    data = rng.randn(40, 6).astype(np.float32)
    truth = np.eye(3, dtype=np.float32)[(data[:, 0] > 0).astype(int) + (data[:, 1] > 0.5).astype(int)]
    net = Network(hidden=8, batch=10, eval_batch=20)
    net.define_graph()
    net.run(data, truth)
