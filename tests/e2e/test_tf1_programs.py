"""TF 1.x programs migrated with the CLI run under TensorFlow 2.21 and compute the same thing.

Each example in examples/legacy_tf1/ is copied, migrated with `python -m migrate code`,
run in a fresh interpreter, and judged by the numbers it prints.  The same test shows
that the unmigrated program fails under TF 2.21, and what TensorFlow's own
`tf_upgrade_v2` makes of it (measured: its outputs of the three graph programs still
fail; its output of the eager one runs and is the v1 reference for our Keras optimizer).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.e2e.conftest import EXAMPLES, migrate_cli, run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]

PROGRAMS = ("mnist_style_mlp.py", "slim_convnet.py", "rnn_sequence_sum.py", "eager_linear_regression.py")


def printed(stdout: str) -> dict[str, float]:
    """`name=value` pairs printed by an example (several may share a line)."""
    return {k: float(v) for k, v in re.findall(r"(\w+)=(-?[\d.]+(?:e-?\d+)?)", stdout)}


def last_error(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """The examples converted by TensorFlow's own tf_upgrade_v2 (one run for all of them)."""
    source = tmp_path_factory.mktemp("tf1_sources")
    for name in PROGRAMS:
        shutil.copy2(EXAMPLES / name, source / name)
    out = tmp_path_factory.mktemp("tf_upgrade_v2") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "tensorflow.tools.compatibility.tf_upgrade_v2_main",
         "--intree", str(source), "--outtree", str(out), "--reportfile", str(out.parent / "report.txt")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


def migrate_and_run(legacy_copy, name):
    original, migrated, cli = legacy_copy(name, cli_args=("--report", "report.json"))
    assert cli.returncode == 1, cli.stdout + cli.stderr  # 1: files were rewritten
    run = run_python(migrated)
    assert run.returncode == 0, run.stderr[-3000:]
    # A second migration of the migrated program finds nothing to do.
    again = migrate_cli("--check", str(migrated))
    assert again.returncode == 0, again.stdout + again.stderr
    return original, migrated, run.stdout, printed(run.stdout)


def report_requires(cli_cwd_report) -> list[str]:
    return json.loads(cli_cwd_report.read_text())["summary"]["requires"]


def test_mnist_style_mlp(legacy_copy, upgraded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original, migrated, _, values = migrate_and_run(legacy_copy, "mnist_style_mlp.py")
    assert values["loss_end"] < 0.3 * values["loss_start"]
    assert values["accuracy"] >= 0.9
    # keep_prob fed 1.0 -> rate 0.0: evaluation is deterministic; 0.5 really drops units.
    assert values["eval_repeat_max_diff"] == 0.0
    assert values["dropout_train_max_diff"] > 0.1
    # Saver checkpoint restored in a new session gives the same logits.
    assert values["restored_max_diff"] == 0.0
    code = migrated.read_text()
    assert "rate=1 - keep_prob" in code and "from absl import flags" in code
    assert set(report_requires(tmp_path / "report.json")) >= {"tf-keras", "absl-py"}

    before = run_python(original)
    assert before.returncode != 0
    assert "module 'tensorflow' has no attribute 'app'" in last_error(before.stderr)

    theirs = run_python(upgraded / "mnist_style_mlp.py")
    assert theirs.returncode != 0
    assert "tf.placeholder() is not compatible with eager execution" in last_error(theirs.stderr)


def test_slim_convnet(legacy_copy, upgraded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original, migrated, _, values = migrate_and_run(legacy_copy, "slim_convnet.py")
    assert values["loss_end"] < 0.3 * values["loss_start"]
    assert values["accuracy"] >= 0.9
    assert values["global_step"] == 200
    # xavier_initializer -> v1 glorot_uniform_initializer: initial weights within the Glorot limit.
    assert values["xavier_within_limit"] == 1
    # l2_regularizer(s) -> L2(s / 2): TF's regularisation loss equals s * sum(w**2) / 2.
    assert values["regularization"] == pytest.approx(values["expected_regularization"], rel=1e-5)
    assert values["regularization"] > 0
    assert values["eval_repeat_max_diff"] == 0.0  # slim.dropout(is_training=False) is off
    assert values["restored_max_diff"] == 0.0
    assert "import tf_slim as slim" in migrated.read_text()
    assert "tf-slim" in report_requires(tmp_path / "report.json")

    before = run_python(original)
    assert before.returncode != 0
    assert "No module named 'tensorflow.contrib'" in last_error(before.stderr)

    theirs = run_python(upgraded / "slim_convnet.py")
    assert theirs.returncode != 0
    assert "No module named 'tensorflow.contrib'" in last_error(theirs.stderr)


def test_rnn_sequence_sum(legacy_copy, upgraded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original, migrated, _, values = migrate_and_run(legacy_copy, "rnn_sequence_sum.py")
    assert values["loss_end"] < 0.1 * values["loss_start"]
    assert values["eval_repeat_max_diff"] == 0.0  # DropoutWrapper keep_prob defaults to 1.0
    code = migrated.read_text()
    assert "tf.compat.v1.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)" in code
    assert 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")' in code

    before = run_python(original)
    assert before.returncode != 0
    assert "module 'tensorflow' has no attribute 'flags'" in last_error(before.stderr)

    theirs = run_python(upgraded / "rnn_sequence_sum.py")
    assert theirs.returncode != 0
    assert "module 'tensorflow' has no attribute 'flags'" in last_error(theirs.stderr)


def test_eager_linear_regression(legacy_copy, upgraded, tmp_path, monkeypatch):
    """TF 1.x eager code: the optimizer becomes Keras' Adam and computes what v1 Adam did."""
    monkeypatch.chdir(tmp_path)
    original, migrated, ours, values = migrate_and_run(legacy_copy, "eager_linear_regression.py")
    assert "tf.keras.optimizers.Adam(learning_rate=0.05, epsilon=1e-08)" in migrated.read_text()
    assert values["loss_end"] < 0.01 * values["loss_start"]

    before = run_python(original)
    assert before.returncode != 0
    assert "has no attribute 'enable_eager_execution'" in last_error(before.stderr)

    # tf_upgrade_v2 keeps tf.compat.v1.train.AdamOptimizer: it runs here, and it is the
    # reference for "same values under tf.compat.v1 semantics".
    theirs = run_python(upgraded / "eager_linear_regression.py")
    assert theirs.returncode == 0, theirs.stderr[-2000:]
    params_ours = [float(v) for v in ours.split("params=")[1].split()[0].split(",")]
    params_v1 = [float(v) for v in theirs.stdout.split("params=")[1].split()[0].split(",")]
    assert max(abs(a - b) for a, b in zip(params_ours, params_v1)) < 1e-5
    assert params_ours == pytest.approx([1.5, -2.0, 0.5, 0.3], abs=0.05)
