"""A keras-bert style model with a custom `keras.engine.Layer`, saved to HDF5 and loaded
back with `custom_objects` (seed 001: "ValueError: Unknown layer: Attention" until the
custom layers are passed to load_model).  Tiny synthetic data; runs in seconds on CPU.
"""
import numpy as np
import keras
from keras import backend as K
from keras.engine import Layer
from keras.layers import Dense, Embedding, Input
from keras.layers.merge import concatenate
from keras.models import Model, load_model
from keras.optimizers import Adam
from keras.utils.np_utils import to_categorical

VOCAB, STEPS, CLASSES = 20, 6, 3


class Attention(Layer):
    """Additive attention pooling over the time axis: (batch, steps, dim) -> (batch, dim)."""

    def __init__(self, units, **kwargs):
        super(Attention, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        dim = int(input_shape[-1])
        self.W = self.add_weight(name="W", shape=(dim, self.units), initializer="glorot_uniform")
        self.v = self.add_weight(name="v", shape=(self.units, 1), initializer="glorot_uniform")
        super(Attention, self).build(input_shape)

    def call(self, inputs):
        scores = K.dot(K.tanh(K.dot(inputs, self.W)), self.v)
        weights = K.softmax(scores, axis=1)
        return K.sum(inputs * weights, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])

    def get_config(self):
        config = {"units": self.units}
        base_config = super(Attention, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


np.random.seed(1)
tokens = np.random.randint(1, VOCAB, size=(240, STEPS))
classes = tokens[:, 0] % CLASSES  # the class is readable from the first token
targets = to_categorical(classes, CLASSES)

inputs = Input(shape=(STEPS,))
embedded = Embedding(VOCAB, 8)(inputs)
pooled = Attention(8, name="attention_1")(embedded)
first = keras.layers.Lambda(lambda x: x[:, 0])(embedded)
features = concatenate([pooled, first])
outputs = Dense(CLASSES, activation="softmax")(features)
model = Model(inputs, outputs)
model.compile(optimizer=Adam(lr=0.05), loss="categorical_crossentropy", metrics=["accuracy"])
history = model.fit(tokens, targets, epochs=15, batch_size=32, verbose=0)
print("loss first %.4f last %.4f" % (history.history["loss"][0], history.history["loss"][-1]))

model.save("custom_layer_model.h5")
restored = load_model("custom_layer_model.h5", custom_objects={"Attention": Attention})
before = model.predict(tokens)
after = restored.predict(tokens)
print("max difference reloaded vs trained %.6g" % np.abs(before - after).max())
print("accuracy %.3f" % (before.argmax(axis=1) == classes).mean())
