"""A Keras model trained on a tf.data pipeline, with a helper written for both TF 1.x modes
(`if tf.executing_eagerly():` ... `else:` a one-shot iterator run by a Session), the shape of
Google's 2019 codelab notebooks. TF 1.x ran the graph branch; TF 2 runs the eager one."""
import numpy as np
import tensorflow as tf


def first_batch(dataset):
    # pull one batch out of the dataset, in either mode
    if tf.executing_eagerly():
        for features, labels in dataset:
            features = features.numpy()
            labels = labels.numpy()
            break
    else:
        next_features, next_labels = dataset.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            features, labels = sess.run([next_features, next_labels])
    return features, labels


def batched(rows, targets, size):
    return tf.data.Dataset.from_tensor_slices((rows, targets)).batch(size)


rng = np.random.RandomState(0)
rows = rng.uniform(-1, 1, (64, 4)).astype(np.float32)
targets = np.eye(3, dtype=np.float32)[(rows.sum(axis=1) > 0).astype(int) + (rows[:, 0] > 0.5)]
features, labels = first_batch(batched(rows, targets, 8))
print("first_rows=%s" % [round(float(v), 6) for v in features[:2].ravel()])
print("first_labels=%s" % [float(v) for v in labels[:2].ravel()])

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(4,)),
    tf.keras.layers.Dense(3, activation="softmax", kernel_initializer="zeros"),
])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.5), loss="categorical_crossentropy")
history = model.fit(batched(rows, targets, 16), epochs=4, verbose=0)
for epoch, loss in enumerate(history.history["loss"]):
    print("loss=%.6f" % loss)
print("predicted=%s" % [round(float(v), 5) for v in model.predict(rows[:2], verbose=0).ravel()])
