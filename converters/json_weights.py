"""Keras JSON architecture + weights (`json`): `model.json` from `model.to_json()` and
the weights beside it in HDF5 (`model.weights.h5`, or `model.h5` / `model_weights.h5`
as Keras 2 projects often named it; `--weights` names it explicitly).

Detected by content: a JSON object with `class_name` and `config`. Keras 2 JSON
(`keras_version` 2.x, class `Functional`/`Model`) is read by `tf_keras`; Keras 3 JSON by
Keras 3. Written as OUT.json plus OUT.weights.h5.
"""
from __future__ import annotations

import json
import os

from migrate.converters.base import Detected, read_head
from migrate.converters.errors import InputError, UsageError

NAME = "json"
SUFFIX = ".json"


def weights_candidates(json_path: str) -> list[str]:
    stem = json_path[:-5] if json_path.endswith(".json") else json_path
    return [stem + ".weights.h5", stem + ".h5", stem + "_weights.h5"]


def weights_path_for(json_path: str) -> str:
    return weights_candidates(json_path)[0]


def detect(path: str, weights: str | None = None) -> Detected | None:
    head = read_head(path, 64).lstrip()
    if not head.startswith(b"{"):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            config = json.load(handle)
    except Exception as exc:
        if path.endswith(".json"):
            raise InputError(f"{path}: not valid JSON ({exc})")
        return None
    if not (isinstance(config, dict) and "class_name" in config and "config" in config):
        return None
    if weights is None:
        weights = next((c for c in weights_candidates(path) if os.path.exists(c)), None)
    facts = {"keras_version": config.get("keras_version"), "backend": config.get("backend"),
             "config": config, "weights": weights}
    return Detected("json", path, facts, [path] + ([weights] if weights else []))


def require_weights(detected: Detected) -> str:
    weights = detected.facts.get("weights")
    if not weights:
        tried = ", ".join(os.path.basename(c) for c in weights_candidates(detected.path))
        raise UsageError(f"{detected.path}: architecture without weights (looked for {tried}); pass --weights FILE")
    return weights


def save(model, out_path: str) -> list[str]:
    weights = weights_path_for(out_path)
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write(model.to_json())
    model.save_weights(weights)
    return [out_path, weights]
