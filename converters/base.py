"""What every format module shares: the detection result and small file helpers."""
from __future__ import annotations

import dataclasses
import os
from typing import Any


@dataclasses.dataclass
class Detected:
    """A model file (or directory, or checkpoint prefix) recognised as one format."""

    fmt: str
    path: str  # canonical path: checkpoint prefix, SavedModel directory, the file otherwise
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)
    files: list[str] = dataclasses.field(default_factory=list)  # everything the model consists of

    def sizes(self) -> dict[str, int]:
        result = {}
        for name in self.files:
            if os.path.isdir(name):
                total = 0
                for root, _dirs, files in os.walk(name):
                    total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
                result[name] = total
            elif os.path.exists(name):
                result[name] = os.path.getsize(name)
        return result


def read_head(path: str, size: int = 16) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except (IsADirectoryError, PermissionError, FileNotFoundError):
        return b""


@dataclasses.dataclass
class Options:
    """Everything the command line can tell a converter."""

    custom_objects: str | None = None  # file or module with the user's layers/functions
    unsafe: bool = False  # allow Lambda bytecode
    weights: str | None = None  # weights file for the json format
    inputs: list[str] | None = None  # TF1 graph feeds
    outputs: list[str] | None = None  # TF1 graph fetches
    graph: str | None = None  # .meta/.pbtxt for a checkpoint without .meta
    architecture: str | None = None  # model.json for a TF2 object checkpoint
    select_tf_ops: str = "auto"  # auto | always | never
    quantize: str | None = None  # None | float16 | int8-dynamic
