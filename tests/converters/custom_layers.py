"""Custom layers used by the tests (passed with --custom-objects FILE): Keras 3 ones and a
Keras 2 (tf_keras) one, in one module as users' projects often have."""
import keras
import tensorflow as tf
import tf_keras


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


class Keras2Offset(tf_keras.layers.Layer):
    """A tf_keras (Keras 2) custom layer with a weight: y = x + offset."""

    def build(self, input_shape):
        self.offset = self.add_weight(name="offset", shape=(input_shape[-1],), initializer="zeros")

    def call(self, inputs):
        return inputs + self.offset
