"""`--check` / `--diff` write nothing, so warnings are positioned in the file on disk; a
write positions them in the migrated file the user then opens (migrate/input_positions.py)."""
import json
from types import SimpleNamespace

import pytest

from migrate.input_positions import map_to_input
from tests.conftest import run_main

# MIG104 adds three lines after the TensorFlow import (graph mode), so every later line moves
GRAPH = (
    "import tensorflow as tf\n"
    "from tensorflow.contrib import legacy_seq2seq\n"
    "\n"
    "x = tf.placeholder(tf.float32, [None, 3])\n"
    "outputs = legacy_seq2seq.rnn_decoder(x, x, x)\n"
)


def _warning_lines(text: str, code: str) -> list[tuple[int, int]]:
    found = []
    for line in text.splitlines():
        parts = line.split(":")
        if len(parts) > 3 and parts[3].strip().startswith(code):
            found.append((int(parts[1]), int(parts[2])))
    return found


@pytest.mark.parametrize("flag", ["--check", "--diff"])
def test_check_and_diff_position_warnings_in_the_file_on_disk(tmp_path, capsys, flag):
    path = tmp_path / "model.py"
    path.write_text(GRAPH)
    assert run_main("code", flag, str(path)) == 1
    assert path.read_text() == GRAPH
    captured = capsys.readouterr()
    lines = _warning_lines(captured.out + captured.err, "MIG151")
    assert lines == [(2, 1), (5, 11)]
    assert GRAPH.splitlines()[4][10:].startswith("legacy_seq2seq.rnn_decoder")


def test_write_positions_warnings_in_the_migrated_file(tmp_path, capsys):
    path = tmp_path / "model.py"
    path.write_text(GRAPH)
    assert run_main("code", str(path)) == 1
    migrated = path.read_text().splitlines()
    lines = _warning_lines(capsys.readouterr().out, "MIG151")
    assert len(lines) == 2
    assert migrated[lines[0][0] - 1].startswith("from tensorflow.contrib import legacy_seq2seq")
    line, col = lines[1]
    assert migrated[line - 1][col - 1:].startswith("legacy_seq2seq.rnn_decoder")
    assert lines != [(2, 1), (5, 11)]  # the prologue did move them


def test_check_positions_notebook_warnings_in_the_cell_on_disk(tmp_path, capsys):
    cell = GRAPH.splitlines(keepends=True)
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": cell}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook, indent=1))
    assert run_main("code", "--check", str(path)) == 1
    out = capsys.readouterr().out
    assert "nb.ipynb[cell 1]:2:1: MIG151" in out and "nb.ipynb[cell 1]:5:11: MIG151" in out


def _finding(line, col, kind="warning"):
    return SimpleNamespace(line=line, col=col, kind=kind)


def test_rewritten_line_finds_the_same_word_in_the_original():
    old = "import tensorflow as tf\ns = tf.Session()\n"
    new = "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ns = tf.compat.v1.Session()\n"
    finding = _finding(3, 5)
    map_to_input(old, new, [finding])
    assert (finding.line, finding.col) == (2, 5)


def test_warning_on_an_added_line_goes_to_the_line_it_precedes_and_changes_stay():
    old = "import tensorflow as tf\nx = 1\n"
    new = "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\nx = 1\n"
    added, change = _finding(2, 1), _finding(2, 1, kind="change")
    map_to_input(old, new, [added, change])
    assert (added.line, added.col) == (2, 1)
    assert (change.line, change.col) == (2, 1)
    kept = _finding(3, 1)
    map_to_input(old, new, [kept])
    assert kept.line == 2
