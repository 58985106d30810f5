"""Lazy, quiet access to TensorFlow, Keras 3 and tf_keras.

`migrate code` shares the CLI with `migrate model` and must never pay for (or need)
TensorFlow, so every converter asks for TensorFlow through these functions at call time.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import warnings


def _quiet():
    # C++ INFO/WARNING lines (oneDNN, CUDA probing, XNNPACK) would drown the progress output.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "2")
    warnings.filterwarnings("ignore", message=r".*tf\.lite\.Interpreter is deprecated.*")
    warnings.filterwarnings("ignore", message=r".*HDF5 file via `model\.save\(\)`.*")
    warnings.filterwarnings("ignore", message=r".*legacy.*HDF5.*", category=UserWarning)
    # Keras 3 models rebuilt from Keras 2 configs declare inputs as a one-element list; a
    # single tensor is the right call for them, and the warning is noise.
    warnings.filterwarnings("ignore", message=r"The structure of `inputs` doesn't match")


def tf():
    _quiet()
    import tensorflow

    tensorflow.get_logger().setLevel("ERROR")
    return tensorflow


def keras3():
    tf()
    import keras

    return keras


def tf_keras():
    """Keras 2 (the `tf-keras` package), imported as `tf_keras`; no TF_USE_LEGACY_KERAS needed."""
    tf()
    try:
        import tf_keras as module
    except ImportError:  # pragma: no cover - tf-keras is part of the [model] extra
        return None
    return module


@contextlib.contextmanager
def native_stderr_muted():
    """Silence what C++ code writes to file descriptor 2 (the TFLite converter prints its whole
    MLIR error report there). Used around attempts whose failure is expected and handled."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real fd 2 (embedded use): nothing to silence
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
