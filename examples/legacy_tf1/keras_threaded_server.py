"""A Keras 2 model served from worker threads, the way TF 1 servers had to do it.

GPU memory growth is configured through Keras's session.  The model is trained, saved
to HDF5 and loaded back by the "server"; the server builds the predict function up
front (`_make_predict_function`) and keeps the default graph so that request threads
can re-enter it (`with graph.as_default():`), as in the notes of seed 001 ("Tensor ...
is not an element of this graph").  Runs in seconds on CPU.
"""
import threading

import numpy as np
import tensorflow as tf
import keras
from keras.backend.tensorflow_backend import set_session
from keras.layers import Dense
from keras.models import Sequential, load_model
from keras.optimizers import Adam

# Let TensorFlow take GPU memory as needed instead of all of it up front (seed 001).
config = tf.ConfigProto()
config.gpu_options.allow_growth = True
set_session(tf.Session(config=config))

np.random.seed(0)
features = np.random.rand(256, 4).astype("float32")
labels = (features.sum(axis=1) > 2.0).astype("float32")

model = Sequential([Dense(16, activation="relu", input_shape=(4,)), Dense(1, activation="sigmoid")])
model.compile(optimizer=Adam(lr=0.02), loss="binary_crossentropy")
history = model.fit(features, labels, epochs=30, batch_size=32, verbose=0)
print("loss first %.4f last %.4f" % (history.history["loss"][0], history.history["loss"][-1]))
model.save("threaded_server_model.h5")


class PredictionServer(object):
    def __init__(self, path):
        self.model = load_model(path)
        self.model._make_predict_function()  # build it before the request threads start
        self.graph = tf.get_default_graph()

    def predict(self, batch):
        with self.graph.as_default():
            return self.model.predict(batch)


server = PredictionServer("threaded_server_model.h5")
answers = {}


def handle_request(request_id, batch):
    answers[request_id] = server.predict(batch)


requests = [features[i * 64:(i + 1) * 64] for i in range(4)]
threads = [threading.Thread(target=handle_request, args=(i, batch)) for i, batch in enumerate(requests)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

served = np.concatenate([answers[i] for i in range(len(requests))])
direct = model.predict(features)
print("requests answered %d" % len(answers))
print("max difference served vs trained %.6g" % np.abs(served - direct).max())
print("accuracy %.3f" % ((served[:, 0] > 0.5) == labels.astype(bool)).mean())
