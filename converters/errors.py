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


def root_cause(exc: BaseException, limit: int = 400) -> str:
    """One line that says what went wrong: for TensorFlow's multi-line errors ("Graph execution
    error:" + the Python trace where the op was defined + the cause), the cause and its node,
    not the first line."""
    text = str(getattr(exc, "message", None) or exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 1:
        return one_line(text, limit)
    skip = ("Graph execution error", "Detected at node", "File \"", "Traceback", "Exception encountered")
    informative = [line for line in lines if not line.startswith(skip) and not line.startswith(("[[", "{{"))
                   and not lines_is_code(line)]
    node = next((line for line in lines if line.startswith("[[")), "")
    core = informative[-1] if informative else lines[0]
    if node and node not in core:
        core = f"{core} {node}"
    return one_line(core, limit)


def lines_is_code(line: str) -> bool:
    # the source lines TensorFlow quotes under each "File ..." of the definition trace
    return line.startswith(("return ", "self.", "result = ")) or line.endswith(("(", ","))
