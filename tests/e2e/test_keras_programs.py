"""End to end for the Keras-2 stories (MIG201-MIG206, `--keras auto`): each legacy
program in examples/legacy_tf1/ is migrated by the real CLI, run under TensorFlow 2.21,
and its printed numbers are checked; the unmigrated copy is shown to fail."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.e2e.conftest import migrate_cli, run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def code_of(path) -> str:
    """The program's text after its module docstring (which tells the story in words)."""
    return path.read_text().split('"""', 2)[2]


def numbers(output: str, label: str) -> list[float]:
    """The numbers printed after `label` on its line: "loss first 1.0 last 0.1" -> [1.0, 0.1]."""
    match = re.search(rf"^{re.escape(label)}(.*)$", output, re.MULTILINE)
    assert match, f"no line starting with {label!r} in:\n{output}"
    return [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", match.group(1))]


def test_threaded_server(legacy_copy):
    original, migrated, cli = legacy_copy("keras_threaded_server.py")
    # Nothing here needs Keras 2: the graph plumbing and lr= are rewritten for Keras 3.
    assert "targeting Keras 3" in cli.stderr
    source = code_of(migrated)
    for gone in ("_make_predict_function", "get_default_graph", "as_default", "lr=", "set_session", "ConfigProto"):
        assert gone not in source
    assert "tf.config.experimental.set_memory_growth(gpu, True)" in source  # MIG212's part

    run = run_python(migrated)
    assert run.returncode == 0, run.stderr[-3000:]
    first, last = numbers(run.stdout, "loss first")
    assert last < first * 0.5
    assert numbers(run.stdout, "requests answered") == [4]
    # Four request threads give exactly what the trained model predicts.
    assert numbers(run.stdout, "max difference served vs trained") == [0.0]
    assert numbers(run.stdout, "accuracy")[0] > 0.9

    before = run_python(original)
    assert before.returncode != 0
    assert "No module named 'keras.backend.tensorflow_backend'" in before.stderr


def test_custom_layer_model_auto_targets_keras2_and_keras3_also_runs(legacy_copy, tmp_path):
    original, migrated, cli = legacy_copy("keras_custom_layer_model.py")
    # keras.engine forces the Keras 2 target, and the CLI says why.
    assert "targeting Keras 2" in cli.stderr and "keras.engine" in cli.stderr
    source = code_of(migrated)
    assert "from tf_keras.layers import Layer" in source
    assert 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")' in source

    run = run_python(migrated)
    assert run.returncode == 0, run.stderr[-3000:]
    first, last = numbers(run.stdout, "loss first")
    assert last < first * 0.1
    # The model reloaded from HDF5 with custom_objects predicts exactly what was trained.
    assert numbers(run.stdout, "max difference reloaded vs trained") == [0.0]
    assert numbers(run.stdout, "accuracy")[0] > 0.9

    # The same program migrated for Keras 3 runs too (safe_mode=False for its own Lambda).
    keras3 = tmp_path / "keras3" / "keras_custom_layer_model.py"
    keras3.parent.mkdir()
    shutil.copy2(original, keras3)
    assert migrate_cli("--keras", "3", str(keras3)).returncode in (0, 1)
    assert "from tensorflow.keras.layers import Layer" in keras3.read_text()
    assert "safe_mode=False" in keras3.read_text()
    run3 = run_python(keras3)
    assert run3.returncode == 0, run3.stderr[-3000:]
    assert numbers(run3.stdout, "max difference reloaded vs trained") == [0.0]
    assert numbers(run3.stdout, "accuracy")[0] > 0.9

    before = run_python(original)
    assert before.returncode != 0
    assert "No module named 'keras.engine'" in before.stderr


def test_fit_generator(legacy_copy):
    original, migrated, cli = legacy_copy("keras_fit_generator.py")
    assert "targeting Keras 3" in cli.stderr
    # workers=2 cannot be kept with Keras 3: dropped, and the human is told where it goes.
    assert cli.stdout.count("MIG253") == 2
    source = code_of(migrated)
    assert ".fit_generator(" not in source and "workers=" not in source
    assert "InverseTimeDecay(0.1, decay_steps=1, decay_rate=1e-3)" in source

    run = run_python(migrated)
    assert run.returncode == 0, run.stderr[-3000:]
    first, last = numbers(run.stdout, "loss first")
    assert last < first * 0.01
    assert numbers(run.stdout, "validation loss")[0] < 1e-3
    assert numbers(run.stdout, "evaluate loss")[0] < 1e-3
    assert numbers(run.stdout, "predictions") == [128]
    # y = 3*x0 - 2*x1 + 0.5 at (0.25, -0.5) and (1, 1)
    assert numbers(run.stdout, "probe") == pytest.approx([2.25, 1.5], abs=0.02)

    before = run_python(original)
    assert before.returncode != 0
    assert "Argument(s) not recognized: {'lr'" in before.stderr
