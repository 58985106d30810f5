"""Format detection from content: each format module's `detect` is asked in an order
where the cheap, unambiguous signatures (TFL3, HDF5, zip) come before the parses."""
from __future__ import annotations

import os

from migrate.converters import ckpt, frozen, h5, json_weights, keras_native, savedmodel, tflite
from migrate.converters.base import Detected
from migrate.converters.errors import InputError, UsageError

MODULES = {"tflite": tflite, "h5": h5, "keras": keras_native, "json": json_weights,
           "savedmodel": savedmodel, "ckpt": ckpt, "frozen": frozen}


def detect(path: str, fmt: str | None = None, weights: str | None = None) -> Detected:
    """Recognise `path`; with `fmt` (--from) only that format is tried."""
    exists = os.path.exists(path) or os.path.exists(path + ".index")
    if not exists:
        raise InputError(f"{path}: no such file, directory or checkpoint prefix")
    order = [fmt] if fmt else ["tflite", "h5", "keras", "json", "ckpt", "savedmodel", "frozen"]
    for name in order:
        if name not in MODULES:
            raise UsageError(f"--from {name}: unknown format; choose one of {', '.join(sorted(MODULES))}")
        module = MODULES[name]
        found = module.detect(path, weights=weights) if name == "json" else module.detect(path)
        if found is not None:
            return found
    if fmt:
        raise InputError(f"{path}: not a {fmt} model")
    if os.path.isfile(path) and os.path.getsize(path) == 0:
        raise InputError(f"{path}: empty file")
    raise InputError(f"{path}: not a model file migrate recognises (checkpoint, h5, json, keras, "
                     f"SavedModel, frozen .pb, tflite); pass --from FORMAT if detection is wrong")
