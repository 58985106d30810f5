"""A tf.data input pipeline in TF 1.x graph style (written for migrate's --style tf2
tests): a one-shot iterator drained until OutOfRangeError, an initializable iterator
re-initialized per evaluation pass, Momentum with a global_step counter."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(1)
inputs = rng.normal(size=(96, 4)).astype(np.float32)
targets = (inputs.sum(axis=1, keepdims=True) > 0).astype(np.float32)

train_data = tf.data.Dataset.from_tensor_slices((inputs, targets)).repeat(3).batch(32)
iterator = train_data.make_one_shot_iterator()
batch_x, batch_y = iterator.get_next()
eval_data = tf.data.Dataset.from_tensor_slices((inputs, targets)).batch(48)
eval_iterator = eval_data.make_initializable_iterator()
eval_batch = eval_iterator.get_next()

weights = tf.Variable(tf.truncated_normal([4, 1], stddev=0.2, seed=21), name="weights")
bias = tf.Variable(tf.constant([0.05]), name="bias")
global_step = tf.Variable(0, trainable=False, name="global_step")


def logits_of(x):
    return tf.matmul(x, weights) + bias


loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=batch_y, logits=logits_of(batch_x)))
train = tf.train.MomentumOptimizer(0.2, momentum=0.9).minimize(loss, global_step=global_step)
eval_loss = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=eval_batch[1], logits=logits_of(eval_batch[0])))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    losses = []
    while True:
        try:
            _, value = sess.run([train, loss])
            losses.append(value)
        except tf.errors.OutOfRangeError:
            break
    print("steps=%d" % sess.run(global_step))
    print("losses=%s" % [round(float(v), 6) for v in losses[::3]])
    for repeat in range(2):
        sess.run(eval_iterator.initializer)
        total = 0.0
        try:
            while True:
                total += sess.run(eval_loss)
        except tf.errors.OutOfRangeError:
            pass
        print("pass=%d eval_loss=%.6f" % (repeat, total / len(inputs)))
    print("weights=%s" % sess.run(weights).ravel().tolist())
