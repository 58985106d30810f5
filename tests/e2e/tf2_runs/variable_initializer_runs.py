"""Variables initialized one by one where the program first uses them (the TF cookbook's
02_tensors notebook): `sess.run(v.initializer)`, `v.initializer.run()`, values shaped like
other variables (`tf.zeros_like(w)`), a seeded random initial value, runs in between."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
sess = tf.Session()
row_dim, col_dim = 2, 3
zero_var = tf.Variable(tf.zeros([row_dim, col_dim]))
ones_var = tf.Variable(tf.ones([row_dim, col_dim]))
sess.run(zero_var.initializer)
sess.run(ones_var.initializer)
print(f"zero={sess.run(zero_var).sum()} ones={sess.run(ones_var).sum()}")
rnorm_var = tf.Variable(tf.random_normal([row_dim, col_dim], seed=1))
ones_similar = tf.Variable(tf.ones_like(ones_var) * 2.0)
scaled = tf.Variable(rnorm_var * 3.0)
sess.run(rnorm_var.initializer)
with sess.as_default():
    ones_similar.initializer.run()
sess.run(scaled.initializer)
print(f"rnorm={np.round(sess.run(rnorm_var), 6).tolist()}")
print(f"similar={sess.run(ones_similar).sum()} scaled={np.round(sess.run(scaled), 6).tolist()}")
step = ones_similar.assign_add(tf.ones_like(ones_similar))
for _ in range(3):
    sess.run(step)
print(f"after={sess.run(ones_similar).sum()}")
sess.close()
