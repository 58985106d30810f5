"""Run-wide options, kept apart from the codemod framework so that the CLI can be
loaded without importing LibCST (a run over files without TensorFlow never needs it)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass
class Settings:
    """Run-wide options a codemod may consult."""

    keras: str = "3"  # target Keras: "3" (tf.keras of TF 2.16+) or "2" (the tf-keras package)
    select: frozenset[str] | None = None  # codes enabled (None: all)
    ignore: frozenset[str] = frozenset()
    style: str = "compat"  # "compat" (TF 1.x semantics kept: tf.compat.v1, Session) or "tf2" (MIG601/602)

    def enabled(self, code: str) -> bool:
        def hit(codes: Iterable[str]) -> bool:
            return any(code.startswith(prefix) for prefix in codes)

        if self.select is not None and not hit(self.select):
            return False
        return not hit(self.ignore)
