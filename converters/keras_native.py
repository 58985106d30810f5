"""Keras 3 native format (`keras`): a zip archive with `config.json`, `metadata.json`
and `model.weights.h5`.

Detected by the zip signature plus those member names (the extension is not trusted).
Only Keras 3 reads and writes it; a model loaded by `tf_keras` is carried over to
Keras 3 through its HDF5 form (see `keras_engine.to_keras3`) before it is written.
"""
from __future__ import annotations

import json
import zipfile

from migrate.converters.base import Detected, read_head
from migrate.converters.errors import InputError

NAME = "keras"
SUFFIX = ".keras"


def detect(path: str) -> Detected | None:
    if read_head(path, 4) != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "config.json" not in names:
                return None
            config = json.loads(archive.read("config.json"))
            metadata = json.loads(archive.read("metadata.json")) if "metadata.json" in names else {}
            bad = archive.testzip()
            if bad is not None:
                raise InputError(f"{path}: corrupt .keras archive (member {bad} fails its CRC)")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: corrupt or truncated .keras archive ({exc})")
    facts = {"keras_version": metadata.get("keras_version"), "config": config,
             "saved_at": metadata.get("date_saved")}
    return Detected("keras", path, facts, [path])


def save(model, out_path: str) -> list[str]:
    model.save(out_path)
    return [out_path]
