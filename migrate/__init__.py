"""migrate: move TensorFlow 1.x / Keras-2 code and model files to TensorFlow 2."""

__version__ = "0.1.0"
