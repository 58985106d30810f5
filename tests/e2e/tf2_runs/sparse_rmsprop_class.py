"""A model class making and running its own Session (tf2_classes' shape) whose loss gathers rows of
its table (`tf.gather(self.table, self.ids)`, ids repeating in a batch), trained with RMSProp with
momentum (written for migrate's --style tf2 tests): v1 applied the table's sparse gradient with its
sparse RMSProp kernel after summing repeated rows; the class's written-out rule (`V1RMSProp`'s slots,
tf2_graph `_rule_lines`) runs that kernel through tf.raw_ops on such a gradient: the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(6)


class Tagger:
    def __init__(self, vocab, dim, learning_rate=0.01):
        self.ids = tf.placeholder(tf.int32, [None, 4], name='ids')
        self.y = tf.placeholder(tf.float32, [None, 1], name='y')
        self.table = tf.Variable(tf.random_uniform([vocab, dim], -1.0, 1.0))
        self.w = tf.Variable(tf.random_normal([dim, 1]))
        average = tf.reduce_mean(tf.gather(self.table, self.ids), 1)
        self.logits = tf.matmul(average, self.w)
        self.loss = tf.reduce_mean(tf.square(self.logits - self.y))
        self.train_op = tf.train.RMSPropOptimizer(learning_rate, momentum=0.3).minimize(self.loss)
        self.sess = tf.Session()
        self.sess.run(tf.global_variables_initializer())

    def learn(self, ids, y):
        _, loss = self.sess.run([self.train_op, self.loss], feed_dict={self.ids: ids, self.y: y})
        return loss

    def table_sum(self):
        return self.sess.run(self.table).sum()


rng = np.random.RandomState(1)
tagger = Tagger(20, 5)
for step in range(20):
    loss = tagger.learn(rng.randint(0, 20, size=(6, 4)), rng.normal(size=(6, 1)))
    if step % 5 == 0:
        print(f"loss={loss:.9g}")
print(f"table={tagger.table_sum():.9g}")
