"""TensorFlow SavedModel (`savedmodel`): a directory with `saved_model.pb` (or `.pbtxt`)
and `variables/`.

Detected as a directory holding `saved_model.pb` that parses as a SavedModel with meta
graphs (passing the `saved_model.pb` file itself also works). One written
by Keras 2 (`keras_metadata.pb` beside it) can be rebuilt as a Keras model, so it also
converts to h5/json/keras. Keras 3 models are written with `model.export()` (not
`tf.saved_model.save`, whose TFLite conversion of a Keras 3 model silently gives NaN);
Keras 2 models with `model.save(save_format="tf")`, which keeps the Keras metadata.
SavedModel → TFLite converts the loaded serving signature (`from_concrete_functions`),
because `TFLiteConverter.from_saved_model` on a `tf.saved_model.save`d Keras 3 model
yields inf/NaN outputs (measured, TF 2.21) while the signature converts correctly.
"""
from __future__ import annotations

import os

from migrate.converters import graphs, tfenv
from migrate.converters.base import Detected
from migrate.converters.errors import InputError, one_line

NAME = "savedmodel"
SUFFIX = ""  # a directory


def _parse(pb_path: str):
    tfenv.tf()
    from tensorflow.core.protobuf import saved_model_pb2

    proto = saved_model_pb2.SavedModel()
    with open(pb_path, "rb") as handle:
        proto.ParseFromString(handle.read())
    return proto


def detect(path: str) -> Detected | None:
    directory = path
    # TensorFlow loads a SavedModel only as a directory holding `saved_model.pb`; any other
    # `.pb` file is a GraphDef candidate (protobuf would half-parse a GraphDef as a SavedModel).
    if os.path.isfile(path) and os.path.basename(path) == "saved_model.pb":
        directory = os.path.dirname(path) or "."
    if not os.path.isdir(directory):
        return None
    pb = os.path.join(directory, "saved_model.pb")
    if not os.path.exists(pb):
        if os.path.exists(os.path.join(directory, "saved_model.pbtxt")):
            return Detected("savedmodel", directory, {"pbtxt": True}, [directory])
        return None
    try:
        proto = _parse(pb)
    except Exception as exc:
        raise InputError(f"{pb}: corrupt or truncated saved_model.pb ({one_line(exc, 150)})")
    if not proto.meta_graphs:
        raise InputError(f"{pb}: SavedModel without meta graphs (truncated?)")
    meta = proto.meta_graphs[0]
    facts = {
        "tensorflow_version": meta.meta_info_def.tensorflow_version or None,
        "signatures": sorted(meta.signature_def.keys()),
        "keras_metadata": os.path.exists(os.path.join(directory, "keras_metadata.pb")),
        "proto": proto,
    }
    index = os.path.join(directory, "variables", "variables.index")
    if os.path.exists(os.path.join(directory, "variables")) and not os.path.exists(index) and any(
            f.startswith("variables.data") for f in os.listdir(os.path.join(directory, "variables"))):
        raise InputError(f"{directory}: variables/variables.index is missing (incomplete copy?)")
    return Detected("savedmodel", directory, facts, [directory])


def serving_function(path: str):
    """The SavedModel's serving signature as a concrete function (and the object keeping it alive)."""
    tf = tfenv.tf()
    try:
        loaded = tf.saved_model.load(path)
    except Exception as exc:
        raise InputError(f"{path}: cannot load SavedModel ({one_line(exc, 200)})")
    signatures = loaded.signatures
    if not signatures:
        raise InputError(f"{path}: SavedModel has no signatures to convert; re-export it with a serving signature")
    key = "serving_default" if "serving_default" in signatures else sorted(signatures)[0]
    return signatures[key], loaded


def save_keras(loaded_keras, out_path: str) -> list[str]:
    from migrate.converters.keras_engine import KERAS3

    if loaded_keras.engine == KERAS3:
        loaded_keras.model.export(out_path, verbose=False)
    else:
        loaded_keras.model.save(out_path, save_format="tf")
    return [out_path]


def save_function(function, out_path: str, keep_alive=None) -> list[str]:
    """Write a concrete function as the serving_default signature of a new SavedModel."""
    tf = tfenv.tf()
    module = tf.Module()
    module.keep_alive = keep_alive
    tf.saved_model.save(module, out_path, signatures={"serving_default": function})
    return [out_path]


def freeze(path: str) -> graphs.FrozenGraph:
    function, _keep = serving_function(path)
    return graphs.freeze_concrete_function(function)
