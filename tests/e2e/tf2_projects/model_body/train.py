# The program of the model_body project (written for the tests, in the shape of SullyChen's
# train.py): it imports model.py, whose module body builds the graph, adds the loss (an L2
# penalty over the trainable variables model.py made) and Adam, and runs the module's tensors
# feeding its placeholders, with dropout in the training steps.
import model
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
xs = rng.randn(40, 6).astype(np.float32)
ys = np.tanh(xs[:, :1] - xs[:, 1:2]).astype(np.float32)

train_vars = tf.trainable_variables()
loss = tf.reduce_mean(tf.square(tf.subtract(model.y_, model.y))) + tf.add_n([tf.nn.l2_loss(v) for v in train_vars]) * 0.001
train_step = tf.train.AdamOptimizer(1e-2).minimize(loss)
prediction = model.y

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(30):
        batch = slice(i % 4 * 10, i % 4 * 10 + 10)
        sess.run(train_step, feed_dict={model.x: xs[batch], model.y_: ys[batch], model.keep_prob: 0.8})
        if i % 5 == 0:
            value = sess.run(loss, feed_dict={model.x: xs, model.y_: ys, model.keep_prob: 1.0})
            print(f"step={i} loss={value:.9g}")
    print(f"pred={np.round(sess.run(prediction, {model.x: xs[:4], model.keep_prob: 1.0}).ravel(), 6).tolist()}")
    print(f"W_fc2={np.round(sess.run(model.W_fc2), 6).ravel()[:5].tolist()}")
