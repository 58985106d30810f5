"""A keras-bert style fine-tuning script (seed 001): the GPU is configured through the
TF1 session that Keras 2 used — memory fraction, allow_growth, thread pools — before
the model is built and trained. Synthetic data; runs in seconds on CPU.
"""
import numpy as np
import tensorflow as tf
import keras
from keras import backend as K
from keras.layers import Dense, Dropout, Input
from keras.models import Model

config = tf.ConfigProto()
config.gpu_options.allow_growth = True
config.gpu_options.per_process_gpu_memory_fraction = 0.5
config.intra_op_parallelism_threads = 2
config.inter_op_parallelism_threads = 1
K.set_session(tf.Session(config=config))

rng = np.random.RandomState(0)
features = rng.normal(size=(256, 8)).astype("float32")
labels = (2 * features[:, :1] - features[:, 1:2] > 0).astype("float32")

inputs = Input(shape=(8,))
hidden = Dense(16, activation="relu")(inputs)
hidden = Dropout(0.1)(hidden)
outputs = Dense(1, activation="sigmoid")(hidden)
model = Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(lr=0.01), loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(features, labels, epochs=20, batch_size=32, verbose=0)
accuracy = model.evaluate(features, labels, verbose=0)[1]
print("loss_start=%.4f loss_end=%.4f accuracy=%.3f" % (history.history["loss"][0], history.history["loss"][-1], accuracy))
