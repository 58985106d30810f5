"""An RNN's state carried from run to run by feeding a tensor that is not a placeholder (written for
migrate's --style tf2 tests, in the shape of the char-rnn programs: sjchoi86's char_rnn notebooks,
sherjilozair's char-rnn): two stacked LSTM cells, `istate = cell.zero_state(...)` run once per epoch
(`state = sess.run(istate)`, a tuple of (c, h) pairs) and fed back with each batch: `istate: state` in a
dict bound to a name or written in the run, or part by part (`for i, (c, h) in enumerate(istate):
parts[c] = state[i].c; ...`, its LSTMStateTuple's fields); the last state refetched through an alias
(`final_state = last_state`); then a function handed the Session generates from `sess.run(cell.zero_state(
...))`. tf2: the step's argument `istate=None`, the values computed when not fed; the state fetched as its
nested structure. Both styles print the same numbers (cells: last-bit tolerance)."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4)
rng = np.random.RandomState(3)
letters, width, window, hidden = 6, 3, 4, 5
text = rng.randint(0, letters, size=150)
chunks = len(text) // (width * window) - 1
inputs_all = text[:chunks * width * window].reshape(width, -1)
targets_all = np.roll(text[:chunks * width * window], -1).reshape(width, -1)

with tf.variable_scope("charnet"):
    proj_w = tf.get_variable("proj_w", [hidden, letters])
    proj_b = tf.get_variable("proj_b", [letters], initializer=tf.zeros_initializer())
    table = tf.get_variable("table", [letters, hidden])
cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(hidden) for _ in range(2)])
istate = cell.zero_state(width, tf.float32)
chars_in = tf.placeholder(tf.int32, [width, window])
chars_out = tf.placeholder(tf.int32, [width, window])
steps_in = [tf.squeeze(s, [1]) for s in tf.split(tf.nn.embedding_lookup(table, chars_in), window, 1)]
outputs, last_state = tf.nn.static_rnn(cell, steps_in, initial_state=istate)
logits = tf.matmul(tf.reshape(tf.concat(outputs, 1), [-1, hidden]), proj_w) + proj_b
cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(chars_out, [-1]), logits=logits))
final_state = last_state
train_op = tf.train.AdamOptimizer(0.02).minimize(cost)
probs = tf.nn.softmax(logits)


def generate(sess, first, count):
    state = sess.run(cell.zero_state(width, tf.float32))
    row = np.full((width, window), first)
    made = []
    for _ in range(count):
        given = {chars_in: row, istate: state}
        p, state = sess.run([probs, final_state], given)
        row = np.argmax(p, 1).reshape(width, window)
        made.append(float(p.max()))
    return made


sess = tf.Session()
sess.run(tf.global_variables_initializer())
for epoch in range(3):
    state = sess.run(istate)
    for k in range(chunks):
        if k % 3 == 0:
            feed = {chars_in: inputs_all[:, k * window:(k + 1) * window], chars_out: targets_all[:, k * window:(k + 1) * window],
                    istate: state}
            loss, state, _ = sess.run([cost, final_state, train_op], feed)
        elif k % 3 == 1:  # the state's (c, h) parts fed one by one (sherjilozair's char-rnn)
            parts = {chars_in: inputs_all[:, k * window:(k + 1) * window]}
            parts[chars_out] = targets_all[:, k * window:(k + 1) * window]
            for i, (c, h) in enumerate(istate):
                parts[c] = state[i].c
                parts[h] = state[i].h
            loss, state, _ = sess.run([cost, final_state, train_op], parts)
        else:
            loss, state, _ = sess.run([cost, final_state, train_op],
                                      feed_dict={chars_in: inputs_all[:, k * window:(k + 1) * window],
                                                 chars_out: targets_all[:, k * window:(k + 1) * window], istate: state})
        print(f"epoch={epoch} chunk={k} loss={loss:.9g}")
    print(f"state_c={state[1][0][0].tolist()}")
print(f"plain={sess.run(cost, {chars_in: inputs_all[:, :window], chars_out: targets_all[:, :window]}):.9g}")
print(f"generated={generate(sess, 2, 4)}")
sess.close()
