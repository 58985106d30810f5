"""An LSTM run by dynamic_rnn, a tf.contrib.layers.fully_connected head on its outputs and
tf.contrib.seq2seq.sequence_loss, trained by Adam under a graph seed (written for migrate's --style tf2
tests, in the shape of hunkim's DeepLearningZeroToAll lab-12-1/12-2): the compat pass writes TF 1.x's
sequence_loss into the module (contrib_sequence_loss) and fully_connected becomes tf_slim's; the tf2
output's head is a Keras Dense whose kernel is xavier's graph-seeded draw (V1GlorotUniform, op seed 1
after the cell's 0), the same written sequence_loss in the step. Both styles print the same digits."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(777)
x_data = [[0, 1, 0, 2, 3, 3]]
y_data = [[1, 0, 2, 3, 3, 4]]
num_classes, hidden_size, batch_size, sequence_length = 5, 5, 1, 6

X = tf.placeholder(tf.int32, [None, sequence_length])
Y = tf.placeholder(tf.int32, [None, sequence_length])
x_one_hot = tf.one_hot(X, num_classes)
cell = tf.contrib.rnn.BasicLSTMCell(num_units=hidden_size, state_is_tuple=True)
initial_state = cell.zero_state(batch_size, tf.float32)
outputs, _states = tf.nn.dynamic_rnn(cell, x_one_hot, initial_state=initial_state, dtype=tf.float32)
X_for_fc = tf.reshape(outputs, [-1, hidden_size])
outputs = tf.contrib.layers.fully_connected(inputs=X_for_fc, num_outputs=num_classes, activation_fn=None)
outputs = tf.reshape(outputs, [batch_size, sequence_length, num_classes])
weights = tf.ones([batch_size, sequence_length])
sequence_loss = tf.contrib.seq2seq.sequence_loss(logits=outputs, targets=Y, weights=weights)
loss = tf.reduce_mean(sequence_loss)
train = tf.train.AdamOptimizer(learning_rate=0.1).minimize(loss)
prediction = tf.argmax(outputs, axis=2)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(5):
        l, _ = sess.run([loss, train], feed_dict={X: x_data, Y: y_data})
        result = sess.run(prediction, feed_dict={X: x_data})
        print(f"step={i} loss={l:.9g} prediction={np.squeeze(result).tolist()}")
