"""A regression net whose v1 dropout layers a bool placeholder switches (`training=is_training`, Morvan's
dropout tutorial shape; written for migrate's --style tf2 tests) under a graph seed, no op seed: TF 1.x's
tf.cond drew each mask with the op seed the graph's count gave it where the layer was built, only in the
runs feeding True; the training run feeds True, the evaluation runs False."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
np.random.seed(1)
x = np.linspace(-1, 1, 20)[:, np.newaxis].astype(np.float32)
y = (x + 0.3 * np.random.randn(20, 1)).astype(np.float32)

tf_x = tf.placeholder(tf.float32, [None, 1])
tf_y = tf.placeholder(tf.float32, [None, 1])
is_training = tf.placeholder(tf.bool, None)
d1 = tf.layers.dense(tf_x, 16, tf.nn.relu)
d1 = tf.layers.dropout(d1, rate=0.5, training=is_training)
d2 = tf.layers.dense(d1, 16, tf.nn.relu)
d2 = tf.layers.dropout(d2, rate=0.5, training=is_training)
d_out = tf.layers.dense(d2, 1)
d_loss = tf.losses.mean_squared_error(tf_y, d_out)
d_train = tf.train.GradientDescentOptimizer(0.1).minimize(d_loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for t in range(30):
    _, train_loss = sess.run([d_train, d_loss], {tf_x: x, tf_y: y, is_training: True})
    if t % 5 == 0:
        test_loss = sess.run(d_loss, {tf_x: x, tf_y: y, is_training: False})
        print(f"step={t} train={train_loss!r} test={test_loss!r}")
