"""Tensors that are not placeholders fed (written for migrate's --style tf2 tests, in the shape of
MorvanZhou's 403_RNN_regression.py): an RNN's initial state `init_s = cell.zero_state(...)` fed, from
the second run on, the final state the run before fetched (the feed dict built in two branches, with
and without it), and a scale computed in the graph fed a float64 array in some runs (Session.run
converted it to the tensor's float32). TF 1.x let any tensor be fed, its value replacing the computed
one for that run; tf2: a step parameter, None when not fed. Both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
rng = np.random.RandomState(0)

tf_x = tf.placeholder(tf.float32, [None, 4, 2])
tf_y = tf.placeholder(tf.float32, [None, 3])
cell = tf.nn.rnn_cell.BasicRNNCell(num_units=3)
init_s = cell.zero_state(batch_size=1, dtype=tf.float32)
outputs, final_s = tf.nn.dynamic_rnn(cell, tf_x, initial_state=init_s)
scale = tf.reduce_mean(tf_y) * 0.0 + 1.0
loss = tf.reduce_mean(tf.square(final_s * scale - tf_y))
train_op = tf.train.GradientDescentOptimizer(0.3).minimize(loss)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
state = None
for step in range(6):
    x = rng.rand(1, 4, 2)
    y = rng.rand(1, 3)
    if state is None:
        feed_dict = {tf_x: x, tf_y: y}
    else:
        feed_dict = {tf_x: x, tf_y: y, init_s: state}
    _, l, state = sess.run([train_op, loss, final_s], feed_dict)
    print(f"step={step} loss={l:.9g} state={state.ravel().tolist()}")
scaled = sess.run(loss, feed_dict={tf_x: x, tf_y: y, init_s: state, scale: np.array(0.5)})
print(f"scaled={scaled:.9g}")
print(f"plain={sess.run(loss, {tf_x: x, tf_y: y}):.9g}")
sess.close()
