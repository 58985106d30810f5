"""Custom Keras 3 layers used by the tests (passed with --custom-objects FILE)."""
import keras
import tensorflow as tf


@keras.saving.register_keras_serializable(package="migrate_tests")
class ScaledTanh(keras.layers.Layer):
    """A custom layer with its own weight: y = tanh(x) * scale."""

    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return tf.tanh(inputs) * self.scale


@keras.saving.register_keras_serializable(package="migrate_tests")
class MatrixInverse(keras.layers.Layer):
    """tf.linalg.inv has no TFLite builtin: it forces the Flex (SELECT_TF_OPS) path."""

    def call(self, inputs):
        return tf.linalg.inv(inputs)
