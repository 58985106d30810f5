"""Reading and writing source files without losing anything.

A file is decoded with the encoding Python itself would use (PEP 263 cookie or UTF-8,
BOM respected), its line endings are kept as they are (no newline translation), and it
is written back atomically: a temporary file in the same folder, with the original's
permission bits, renamed over the original.  A reader therefore only ever sees the old
or the new file, also when the run is interrupted.
"""
from __future__ import annotations

import codecs
import io
import os
import re
import stat
import tempfile
import tokenize
from dataclasses import dataclass


class InputError(Exception):
    """A file that cannot be processed; the message says why and what to do."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, cell: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.cell = cell  # a notebook's cell (its index, as `path[cell N]:line:col` names it)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec used to write the text back ("utf-8", "latin-1", ...)
    bom: bool


# PEP 263's coding comment, on one of the first two lines
CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def decode(data: bytes) -> Decoded:
    """Decode Python source bytes; raises InputError for binary or undecodable input."""
    if b"\0" in data:
        raise InputError("binary file (contains NUL bytes), not Python source; left unchanged")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if any(CODING.match(line) for line in data.split(b"\n", 2)[:2]):
            raise InputError(f"invalid encoding declaration ({exc}); fix the coding comment") from None
        encoding = "utf-8"  # no coding comment: the bytes are not UTF-8, said below with where
    bom = data.startswith(codecs.BOM_UTF8)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid {codec} (byte 0x{data[exc.start]:02x} at line {line}); "
            "save the file as UTF-8 or declare its encoding with a coding comment",
            line=line,
        ) from None
    return Decoded(text, codec, bom)


def encode(decoded: Decoded, text: str) -> bytes:
    data = text.encode(decoded.encoding)
    return codecs.BOM_UTF8 + data if decoded.bom else data


def check_writable(path: str) -> None:
    """Refuse files the user has marked read-only (an atomic rename would ignore that)."""
    mode = os.stat(path).st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise InputError("read-only file; not rewritten (make it writable, or use --diff)")
    if not os.access(os.path.dirname(os.path.abspath(path)) or ".", os.W_OK):
        raise InputError("its folder is not writable; not rewritten (use --diff)")


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` (through a symlink: its target) with `data`, atomically. Ctrl-C
    (SIGINT) is held back while the file is written and acted on right after, so an
    interrupted run leaves the file old or new and no temporary file behind (a SIGINT
    landing inside `tempfile.mkstemp`, before the cleanup below is armed, leaked one).
    A handler, not a signal mask: CPython runs Python signal handlers in the main thread
    whichever thread the signal reaches, and the worker pool adds threads."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        _write_atomic(path, data)
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        _write_atomic(path, data)
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if previous is signal.default_int_handler or previous is None:
            raise KeyboardInterrupt
        if callable(previous):
            previous(signal.SIGINT, None)


def _write_atomic(path: str, data: bytes) -> None:
    real = os.path.realpath(path)
    st = os.stat(real)
    folder, name = os.path.split(real)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".migrate-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not ours to give away; the mode bits are what matters
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
