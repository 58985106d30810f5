"""Errors `migrate model` reports as one line, each with its exit code.

Exit codes: 0 converted (and verified), 1 converted but verification failed (the output is
still written for inspection), 2 the request could not be carried out (unreadable input,
impossible pair, refusal, existing output), 3 converted but verification was not possible.
"""
from __future__ import annotations

EXIT_VERIFY_FAILED = 1
EXIT_CANNOT = 2
EXIT_NOT_VERIFIABLE = 3


class ModelError(Exception):
    """A failure that is reported as a single line, with an exit code."""

    exit_code = EXIT_CANNOT

    def __init__(self, message: str):
        # One line, always: tracebacks and multi-line TF messages are collapsed.
        super().__init__(one_line(message))


class InputError(ModelError):
    """The input file cannot be read as a model (corrupt, truncated, wrong format)."""


class UsageError(ModelError):
    """The request is incomplete or contradictory (missing --graph, bad option...)."""


class ImpossibleConversion(ModelError):
    """No chain of converters leads from the source format to the target."""


class OutputExists(ModelError):
    """The output already exists and --force was not given."""


class RefusedUnsafe(ModelError):
    """Loading would run code stored in the file (Lambda bytecode) without --unsafe."""


class MissingCustomObject(ModelError):
    """The model uses a class that is neither built into Keras nor given by the user."""


class ConversionFailed(ModelError):
    """TensorFlow could not produce the target format (e.g. ops needing custom kernels)."""


def one_line(text: str, limit: int = 400) -> str:
    """First meaningful line of a (possibly huge, multi-line) TensorFlow message."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    first = lines[0] if lines else str(text).strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"
