"""TFLite: ops with neither a builtin nor a Flex kernel get a clear error naming them."""
import numpy as np
import pytest

pytestmark = pytest.mark.tf


def test_ops_needing_custom_kernels_are_listed():
    import tensorflow as tf

    from migrate.converters import tflite
    from migrate.converters.base import Options
    from migrate.converters.errors import ConversionFailed

    @tf.function(input_signature=[tf.TensorSpec([2, 3], tf.float32)])
    def model(x):
        # a Python callback: no TFLite builtin and no Flex kernel exists for PyFunc
        doubled = tf.numpy_function(lambda a: (a * 2).astype(np.float32), [x], tf.float32)
        return tf.reshape(doubled, [2, 3]) + 1.0

    function = model.get_concrete_function()
    for mode in ("auto", "always"):
        with pytest.raises(ConversionFailed) as failure:
            tflite.convert(
                lambda: tf.lite.TFLiteConverter.from_concrete_functions([function], model),
                Options(select_tf_ops=mode), "model.pb",
            )
        message = str(failure.value)
        assert message.startswith("model.pb: ")
        assert "PyFunc" in message and "custom" in message, message
