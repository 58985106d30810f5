"""Keras HDF5 (`h5`): a whole Keras model in one HDF5 file.

The file holds the architecture as JSON in the root attribute `model_config`, the weights
under `model_weights/`, and the writer in `keras_version` / `backend`. Detected by the
HDF5 signature (`\\x89HDF\\r\\n\\x1a\\n`) plus `model_config`; an HDF5 file with only
`layer_names` is a weights file (the second half of the `json` format), not a model.
Files written by Keras 2.x load with the `tf_keras` engine first (Keras 3 rejects some of
them), Keras 3 files with Keras 3; the other engine is the fallback.
"""
from __future__ import annotations

import json

from migrate.converters.base import Detected, read_head
from migrate.converters.errors import InputError

NAME = "h5"
SUFFIX = ".h5"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def is_hdf5(path: str) -> bool:
    return read_head(path, 8) == HDF5_MAGIC


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def detect(path: str) -> Detected | None:
    if not is_hdf5(path):
        return None
    import h5py

    try:
        with h5py.File(path, "r") as handle:
            attrs = dict(handle.attrs)
            if "model_config" not in attrs:
                if "layer_names" in attrs or "model_weights" in handle or "layers" in handle:
                    return Detected("h5", path, {"weights_only": True}, [path])
                raise InputError(f"{path}: HDF5 file without a Keras model (no 'model_config' attribute)")
            config = json.loads(_text(attrs["model_config"]))
            # Touch the weights tree so a damaged B-tree is reported now, not mid-conversion.
            if "model_weights" in handle:
                handle["model_weights"].visit(lambda _name: None)
    except InputError:
        raise
    except Exception as exc:  # h5py raises OSError/KeyError/RuntimeError on damage
        raise InputError(f"{path}: corrupt or truncated HDF5 file ({exc}); re-export it from the original model")
    facts = {
        "keras_version": _text(attrs.get("keras_version", "")) or None,
        "backend": _text(attrs.get("backend", "")) or None,
        "config": config,
        "training_config": "training_config" in attrs,
    }
    return Detected("h5", path, facts, [path])


def save(model, out_path: str) -> list[str]:
    # Both engines write the legacy HDF5 layout for a path ending in .h5.
    model.save(out_path)
    return [out_path]
