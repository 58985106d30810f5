"""The whole program under `if __name__ == "__main__":`: the graph built in a `with
graph.as_default():` block, trained in one Session and saved, read back by a second Session
restoring the checkpoint (written for migrate's --style tf2 tests; the shape of TensorFlow's
word2vec tutorial as CreatCodeBuild's copy has it): that block is the program's scope."""
import os
import sys

import numpy as np
import tensorflow as tf


def batches(rng, count):
    for _ in range(count):
        inputs = rng.rand(12, 4).astype(np.float32)
        yield inputs, (inputs[:, :2].sum(axis=1, keepdims=True) > 1.0).astype(np.float32)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(11)
        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.placeholder(tf.float32, [None, 1])
        hidden = tf.Variable(tf.truncated_normal([4, 6], stddev=0.3))
        bias = tf.Variable(tf.zeros([6]))
        head = tf.Variable(tf.random_uniform([6, 1], -0.2, 0.2))
        logits = tf.matmul(tf.nn.relu(tf.matmul(x, hidden) + bias), head)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
        init = tf.global_variables_initializer()
        saver = tf.train.Saver()

    rng = np.random.RandomState(5)
    with tf.Session(graph=graph) as sess:
        init.run()
        for step, (bx, by) in enumerate(batches(rng, 30)):
            _, value = sess.run([train_op, loss], feed_dict={x: bx, y: by})
            if step % 5 == 0:
                print(f"step={step} loss={value:.9g}")
        saver.save(sess, os.path.join(out, "guarded.ckpt"))

    test_x, test_y = next(batches(np.random.RandomState(9), 1))
    with tf.Session(graph=graph) as sess:
        saver.restore(sess, os.path.join(out, "guarded.ckpt"))
        restored, kept = sess.run([loss, head], feed_dict={x: test_x, y: test_y})
        print(f"restored={restored:.9g}")
        print(f"head={np.round(kept, 7).ravel().tolist()}")
