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


BY_HAND = """\
# a two-layer network, by hand
import tensorflow as tf

tf.set_random_seed(1)  # the same weights each run

# the tutorial data
from tensorflow.examples.tutorials.mnist import input_data
digits = input_data.read_data_sets("MNIST_data/", one_hot=True)

X = tf.placeholder(tf.float32, [None, 784])
Y = tf.placeholder(tf.float32, [None, 10])

w1 = tf.Variable(tf.truncated_normal([784, 30]))
b1 = tf.Variable(tf.truncated_normal([1, 30]))
w2 = tf.Variable(tf.truncated_normal([30, 10]))
b2 = tf.Variable(tf.truncated_normal([1, 10]))
out = tf.sigmoid(tf.matmul(tf.sigmoid(tf.matmul(X, w1) + b1), w2) + b2)
cost = tf.reduce_mean(tf.square(out - Y))
"""


def test_check_positions_a_tf2_fallback_in_the_input_when_a_helper_is_written_above_it(tmp_path):
    """`--check --style tf2`: the MIG602 of a program whose compat form has MIG504's MNIST
    loader (about 90 lines) written above its placeholders names the placeholder's line in
    the file on disk (DeepLearningZeroToAll lab-10-X1: line 18, four lines below it, had been
    given: the diff paired the rewritten line with the block below)."""
    import subprocess
    import sys

    path = tmp_path / "by_hand.py"
    path.write_text(BY_HAND)
    run = subprocess.run([sys.executable, "-m", "migrate", "code", "--check", "--style", "tf2", "--keras", "3", str(path)],
                         capture_output=True, text=True, timeout=300)
    kept = [line for line in run.stdout.splitlines() if " MIG602 " in line]
    assert len(kept) == 1 and kept[0].startswith(f"{path}:10:5: MIG602 kept compat (--style tf2): "
                                                 "`tf.compat.v1.placeholder(tf.float32, [None, 784])`"), run.stdout
    # after a write the position is the migrated file's, where the same statement now stands
    run_main("code", "--style", "tf2", "--keras", "3", str(path))
    assert path.read_text().splitlines().count("X = tf.compat.v1.placeholder(tf.float32, [None, 784])") == 1

