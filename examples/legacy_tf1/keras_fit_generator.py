"""Keras 2 training fed by generators (seed 002: Mask R-CNN's `fit_generator` with
`workers` / `use_multiprocessing`), with a custom layer and an optimizer configured
Keras-2 style (`lr=`, `decay=`).  Learns y = 3*x0 - 2*x1 + 0.5 on synthetic data;
runs in seconds on CPU.
"""
import numpy as np
import keras
from keras import backend as K
from keras.layers import Dense, Input, Layer
from keras.models import Model
from keras.optimizers import SGD
from keras.utils import Sequence

TRUE_WEIGHTS = np.array([[3.0], [-2.0]], dtype="float32")
TRUE_BIAS = 0.5


def make_batch(rng, batch_size):
    x = rng.uniform(-1.0, 1.0, size=(batch_size, 2)).astype("float32")
    return x, x.dot(TRUE_WEIGHTS) + TRUE_BIAS


def training_batches(batch_size, seed):
    """An endless generator, as Keras 2's fit_generator expected."""
    rng = np.random.RandomState(seed)
    while True:
        yield make_batch(rng, batch_size)


class ValidationBatches(Sequence):
    """A keras.utils.Sequence: safe to read from several worker threads."""

    def __init__(self, batches, batch_size):
        rng = np.random.RandomState(123)
        self.data = [make_batch(rng, batch_size) for _ in range(batches)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data[index]


class Scale(Layer):
    """A learnable per-feature scale, written the Keras 2 way."""

    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(int(input_shape[-1]),), initializer="ones")
        super(Scale, self).build(input_shape)

    def call(self, inputs):
        return inputs * K.reshape(self.scale, (1, -1))

    def compute_output_shape(self, input_shape):
        return input_shape


inputs = Input(shape=(2,))
outputs = Dense(1)(Scale()(inputs))
model = Model(inputs, outputs)
model.compile(optimizer=SGD(lr=0.1, momentum=0.5, decay=1e-3), loss="mean_squared_error")

history = model.fit_generator(
    training_batches(32, seed=0),
    steps_per_epoch=20,
    epochs=8,
    verbose=0,
    validation_data=ValidationBatches(4, 32),
    validation_steps=4,
    max_queue_size=10,
    workers=2,
    use_multiprocessing=False,
)
losses = history.history["loss"]
print("loss first %.5f last %.5f" % (losses[0], losses[-1]))
print("validation loss %.5f" % history.history["val_loss"][-1])

evaluation = model.evaluate_generator(ValidationBatches(4, 32), steps=4, workers=2)
print("evaluate loss %.5f" % evaluation)
predictions = model.predict_generator(ValidationBatches(4, 32), steps=4)
probe = np.array([[0.25, -0.5], [1.0, 1.0]], dtype="float32")
print("predictions %d" % len(predictions))
print("probe %.4f %.4f" % tuple(model.predict(probe)[:, 0]))
