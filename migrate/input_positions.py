"""Warnings positioned in the file as it stands, for runs that write nothing.

A warning is positioned in the migrated text (`runner.migrate_source`): after a write, that
is the file the user opens. `--check` and `--diff` write nothing, so the file on disk is the
original, and a position in a text that exists nowhere points at the wrong line (a prologue
of five lines above the TensorFlow import moved every warning five lines down). These
functions carry each warning's line and column back to the original text through a line
diff (difflib): lines the migration kept map exactly; a warning on a rewritten line goes to
the rewritten block's line holding the same word (else, when the diff paired the line with
another block -- a helper of 90 lines written above it --, the line of the whole text most
like it holding that word; else the block's corresponding line);
one on a line the tool added goes to the original line it was added before.
"""
from __future__ import annotations

import difflib
import json
import re

_WORD = re.compile(r"[A-Za-z_][\w.]*")


def map_to_input(old_text: str, new_text: str, findings) -> None:
    """Move each warning of `findings` (objects with `kind`, `line`, `col`, 1-based,
    positioned in `new_text`) to its place in `old_text`, in place. Rewrites (kind
    "change") are positioned in the input already and stay."""
    warnings = [f for f in findings if f.kind == "warning"]
    if not warnings or old_text == new_text:
        return
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    blocks = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for finding in warnings:
        j = finding.line - 1
        for tag, i1, i2, j1, j2 in blocks:
            if j1 <= j < j2 or (j2 == j1 == j):
                break
        else:
            continue  # past the end: leave it
        if tag == "equal":
            finding.line = i1 + (j - j1) + 1
            continue
        if i1 == i2:  # a line the tool added: the original line it stands before
            finding.line = min(i1, max(len(old_lines) - 1, 0)) + 1
            finding.col = 1
            continue
        new_line = new_lines[j] if j < len(new_lines) else ""
        line, col = _same_word(old_lines, i1, i2, new_line, finding.col)
        if line is None:  # the diff paired it with other lines (a helper written above it): the most alike line with its word
            line, col = _most_alike(old_lines, new_line, finding.col)
        if line is None:
            line = i1 + min(j - j1, i2 - i1 - 1)
            col = min(finding.col, len(old_lines[line]) + 1) if old_lines[line] else 1
        finding.line, finding.col = line + 1, col


def _same_word(old_lines: list[str], i1: int, i2: int, new_line: str, col: int) -> tuple[int | None, int]:
    """The first place in old_lines[i1:i2] of the dotted word at `col` of `new_line`
    (without `.compat.v1`, else the last name of it, when the whole word is not there:
    `tf.compat.v1.Session` was `tf.Session`)."""
    match = _WORD.match(new_line, max(col - 1, 0))
    if match is None:
        return None, col
    word = match.group()
    # `tf.compat.v1.layers.dense` was `tf.layers.dense`
    for candidate in dict.fromkeys((word, word.replace(".compat.v1.", ".", 1), word.rpartition(".")[2])):
        pattern = re.compile(r"(?<![\w.])" + re.escape(candidate) + r"(?!\w)")
        for i in range(i1, i2):
            found = pattern.search(old_lines[i])
            if found:
                return i, found.start() + 1
    return None, col


def _most_alike(old_lines: list[str], new_line: str, col: int) -> tuple[int | None, int]:
    """The line of `old_lines` holding the word at `col` of `new_line` (as `_same_word` finds
    it) that is most like `new_line` without its `.compat.v1` (`X = tf.compat.v1.placeholder(
    tf.float32, [None, 784])` was `X = tf.placeholder(tf.float32, [None, 784])`, next to a `Y`
    line of the same word), when that likeness is at least 0.6; (None, col) otherwise."""
    plain = new_line.replace(".compat.v1.", ".").strip()
    best, best_ratio, best_col = None, 0.6, col
    for i in range(len(old_lines)):
        line, found_col = _same_word(old_lines, i, i + 1, new_line, col)
        if line is None:
            continue
        ratio = difflib.SequenceMatcher(None, old_lines[i].strip(), plain, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio, best_col = i, ratio, found_col
    return best, best_col


def map_notebook_to_input(old_data: bytes, new_data: bytes, findings) -> None:
    """The same for a notebook's findings (display `path[cell K]`, K 1-based as Jupyter
    shows cells; lines within cell K)."""
    try:
        old_cells = json.loads(old_data)["cells"]
        new_cells = json.loads(new_data)["cells"]
    except (ValueError, KeyError, TypeError):
        return
    by_cell: dict[int, list] = {}
    for display, finding in findings:
        found = re.search(r"\[cell (\d+)\]$", display)
        if found:
            by_cell.setdefault(int(found.group(1)), []).append(finding)
    for index, cell_findings in by_cell.items():
        if 1 <= index <= min(len(old_cells), len(new_cells)):
            map_to_input(_source(old_cells[index - 1]), _source(new_cells[index - 1]), cell_findings)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source
