"""Two models built one after another in one graph (written for migrate's --style tf2 tests; the
shape of udacity's convolutional autoencoder notebook): a Session trains the first with Adam and
is closed; the second model is built beside it and a new Session runs the initializer again (TF
1.x reset the first model's layers and Adam slots too, which nothing reads after) and trains the
second only."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
rng = np.random.RandomState(1)
images = rng.rand(24, 6).astype(np.float32)

inputs_ = tf.placeholder(tf.float32, (None, 6), name="inputs")
hidden = tf.layers.dense(inputs_, 3, activation=tf.nn.relu)
logits = tf.layers.dense(hidden, 6, activation=None)
cost = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=inputs_, logits=logits))
opt = tf.train.AdamOptimizer(0.01).minimize(cost)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for e in range(4):
    batch = images[e * 6:(e + 1) * 6]
    batch_cost, _ = sess.run([cost, opt], feed_dict={inputs_: batch})
    print(f"first={batch_cost:.9g}")
sess.close()

inputs_ = tf.placeholder(tf.float32, (None, 6), name="inputs")
hidden = tf.layers.dense(inputs_, 4, activation=tf.nn.relu)
logits = tf.layers.dense(hidden, 6, activation=None)
cost = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=inputs_, logits=logits))
opt = tf.train.AdamOptimizer(0.01).minimize(cost)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for e in range(4):
    noisy = np.clip(images[e * 6:(e + 1) * 6] + 0.1 * rng.randn(6, 6), 0.0, 1.0)
    batch_cost, _ = sess.run([cost, opt], feed_dict={inputs_: noisy})
    print(f"second={batch_cost:.9g}")
print(f"decoded={np.round(sess.run(tf.nn.sigmoid(logits), feed_dict={inputs_: images[:1]}), 6).tolist()}")
sess.close()
