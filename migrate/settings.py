"""Run-wide options, kept apart from the codemod framework so that the CLI can be
loaded without importing LibCST (a run over files without TensorFlow never needs it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Settings:
    """Run-wide options a codemod may consult."""

    keras: str = "3"  # target Keras: "3" (tf.keras of TF 2.16+) or "2" (the tf-keras package)
    select: frozenset[str] | None = None  # codes enabled (None: all)
    ignore: frozenset[str] = frozenset()
    style: str = "compat"  # "compat" (TF 1.x semantics kept: tf.compat.v1, Session) or "tf2" (MIG601/602)
    # modules of this run's own .py files that build no TensorFlow op (no TensorFlow or Keras
    # in them or in what they import): `--style tf2` counts graph seeds across their calls
    plain_modules: frozenset[str] = frozenset()
    run_modules: frozenset[str] = frozenset()  # the stems of all the run's .py files (`--style tf2`)
    # `--style tf2`: files kept compat whatever the tf2 pass makes of them, with the MIG602
    # (line, col, reason) naming why: they import a module of the run that stays a TF 1.x graph
    # module (runner.graph_module_importers)
    compat_files: dict = field(default_factory=dict)
    # `--style tf2`: {module stem: {class: (Session parameter, index)}} of the run's classes keeping
    # a Session their constructor is handed (tf2_crossfile.session_class_index)
    session_classes: dict = field(default_factory=dict)
    # `--style tf2`: {module stem: tf2_libraries.Library} of the run's modules of layer functions
    # other files call (tf2_libraries.library_index)
    library_index: dict = field(default_factory=dict)
    # `--style tf2`: the run's model modules (classes making placeholders, no Session) and the
    # programs importing them, converted together (tf2_modelmodules.model_index)
    model_modules: dict = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        def hit(codes: Iterable[str]) -> bool:
            return any(code.startswith(prefix) for prefix in codes)

        if self.select is not None and not hit(self.select):
            return False
        return not hit(self.ignore)
