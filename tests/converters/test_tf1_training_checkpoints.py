"""Checkpoints of five TF1 training programs (classification, regression, RNN, conv net with
batch norm and dropout placeholders, GAN) convert with no --inputs/--outputs: migrate picks
the inference graph (no labels, no loss, dropout off, batch norm in inference mode), says
why, and the result computes what the program's own inference run computed."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from tests.converters.conftest import convert, run_frozen, run_savedmodel, run_tflite

pytestmark = [pytest.mark.tf, pytest.mark.slow]

PROGRAMS = os.path.join(os.path.dirname(__file__), "tf1_programs", "training_programs.py")

# program → (the input the inference graph must have, the output holding the program's
# prediction, placeholders that must NOT be inputs)
EXPECTED = {
    "classification": ("features", "probs", ["labels"]),
    "regression": ("Placeholder", "pred/BiasAdd", ["Placeholder_1"]),
    "rnn": ("tokens", "scores/BiasAdd", ["labels"]),
    "convnet": ("images", "predictions", ["labels", "is_training", "keep_prob"]),
    "gan": ("z", "sampler", ["real"]),
    # resource variables, `If` branches reading the moving statistics, an argmax accuracy metric
    "batchnorm_adam": ("x", "probs", ["y", "is_training"]),
    # ref variables, Switch/Merge conds, an unnamed bool switch of unknown rank (Placeholder_2)
    "batchnorm_refvars": ("Placeholder", "Sigmoid", ["Placeholder_1", "Placeholder_2"]),
    # tflearn's shape: is_training variable, hand-written cross-entropy, Adam/gradients, 2 savers
    "switch_variable": ("X", "probs", ["Y"]),
    # labels meet the parameters only in the regularised total loss; the loss's own Reshape
    "regularized": ("x_input", "logits", ["y_input"]),
}


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    root = tmp_path_factory.mktemp("tf1_training")
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
    result = subprocess.run([sys.executable, PROGRAMS, str(root)], capture_output=True, text=True, env=env,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def _run_independently(target, path, feeds, output):
    if target == "frozen":
        return run_frozen(path, feeds, [output])[0]
    if target == "savedmodel":
        return run_savedmodel(path, feeds)[output]
    return run_tflite(path, feeds)[output]


@pytest.mark.parametrize("target", ["frozen", "savedmodel", "tflite"])
@pytest.mark.parametrize("program", sorted(EXPECTED))
def test_training_checkpoint_converts_to_its_inference_graph(checkpoints, program, target, tmp_path):
    input_name, output_name, not_inputs = EXPECTED[program]
    prefix = checkpoints / program / "model.ckpt"
    out = tmp_path / f"{program}.{target}"
    report = convert(prefix, target, out)
    notes = " | ".join(report["notes"])
    assert f"inputs: {input_name} (" in notes  # what was chosen, and why, is said
    for name in not_inputs:
        assert name in notes
    # dynamic_rnn: the loop's gradient accumulators are dropped, its unread per-step outputs
    # are not an output, so TFLite needs no Flex TensorList op
    assert not report.get("flex_ops"), report.get("flex_ops")
    assert report["verification"]["status"] == "passed", report["verification"]
    outputs = [o["name"] for o in report["verification"]["outputs"]]
    assert output_name in outputs
    if program == "regularized":
        assert outputs == ["logits"], outputs  # not the total loss, not the loss's Reshape
    if program == "switch_variable":
        assert outputs == ["probs"], outputs  # not Crossentropy/Log, truediv or a gradient
        assert "is_training set to False" in notes
    if program.startswith("batchnorm"):
        assert outputs == [output_name], outputs  # no ArgMax metric, no Switch/Merge/AssignMovingAvg node
    assert not any(o.startswith(("Mean", "loss", "mean_squared_error", "sparse_softmax")) for o in outputs)
    recorded = np.load(checkpoints / program / "inference.npz")
    got = _run_independently(target, out, {input_name: recorded["x"]}, output_name)
    np.testing.assert_allclose(np.asarray(got).reshape(recorded["y"].shape), recorded["y"], atol=1e-5)


def test_frozen_rnn_keeps_no_gradient_accumulators(checkpoints, tmp_path):
    """The while loop of the frozen LSTM carries only what its outputs need: no
    EmptyTensorList / TensorListPushBack accumulators, dynamic_rnn's per-step outputs not
    fetched; the value is the program's own."""
    import tensorflow as tf

    report = convert(checkpoints / "rnn" / "model.ckpt", "frozen", tmp_path / "rnn.pb")
    assert [o["name"] for o in report["verification"]["outputs"]] == ["scores/BiasAdd"]
    assert any(n.startswith("not outputs: rnn/transpose_1 (another result of a loop") for n in report["notes"])
    graph_def = tf.compat.v1.GraphDef.FromString((tmp_path / "rnn.pb").read_bytes())
    ops = [n.op for n in graph_def.node] + [n.op for f in graph_def.library.function for n in f.node_def]
    assert "StatelessWhile" in ops or "While" in ops
    assert "EmptyTensorList" not in ops and "TensorListPushBack" not in ops
    recorded = np.load(checkpoints / "rnn" / "inference.npz")
    got = run_frozen(tmp_path / "rnn.pb", {"tokens": recorded["x"]}, ["scores/BiasAdd"])[0]
    np.testing.assert_allclose(got, recorded["y"], atol=1e-5)


def test_inspect_lists_the_inference_inputs_and_outputs(checkpoints):
    from tests.converters.conftest import run_cli

    _, info, _ = run_cli(["model", "inspect", str(checkpoints / "convnet" / "model.ckpt"), "--json",
                          "--no-preflight"])
    assert [i["name"] for i in info["inputs"]] == ["images"]
    assert [o["name"] for o in info["outputs"]] == ["predictions"]


def test_a_runtime_error_shows_its_cause_not_its_first_line(checkpoints, tmp_path):
    """An index outside the embedding table fails at run time; the reason must say so."""
    from migrate.converters.errors import root_cause

    import tensorflow as tf

    try:
        with tf.compat.v1.Session(graph=tf.Graph()) as session:
            table = tf.constant(np.zeros((5, 2), "float32"))
            ids = tf.compat.v1.placeholder(tf.int32, [None])
            session.run(tf.gather(table, ids), {ids: [7]})
    except tf.errors.InvalidArgumentError as exc:
        line = root_cause(exc)
    assert "indices" in line and "7" in line and "Graph execution error" not in line


def test_bool_switch_is_recognised_by_its_use_and_fixed_with_explicit_inputs(checkpoints, tmp_path):
    """--inputs naming only the features: the unnamed training switch is still fixed (not
    left unfed), and the reason is printed."""
    report = convert(checkpoints / "batchnorm_refvars" / "model.ckpt", "frozen", tmp_path / "m.pb",
                     "--inputs", "Placeholder", "--outputs", "Sigmoid")
    assert any(n.startswith("Placeholder_2 fixed to False: a boolean training switch") for n in report["notes"])
    recorded = np.load(checkpoints / "batchnorm_refvars" / "inference.npz")
    got = run_frozen(tmp_path / "m.pb", {"Placeholder": recorded["x"]}, ["Sigmoid"])[0]
    np.testing.assert_allclose(got, recorded["y"], atol=1e-5)
    # Naming the switch itself as an input (its rank is unknown): exit 2 saying what to pass, not exit 3.
    from tests.converters.conftest import run_cli

    code, _, err = run_cli(["model", str(checkpoints / "batchnorm_refvars" / "model.ckpt"), "--to", "frozen",
                            "-o", str(tmp_path / "n.pb"), "--inputs", "Placeholder,Placeholder_2"], expect=2)
    assert "leave it out of --inputs and migrate fixes it to False" in err
    assert not (tmp_path / "n.pb").exists()


def test_moved_checkpoint_folder_uses_the_prefix_found_there(checkpoints, tmp_path):
    """A folder whose `checkpoint` file names where it was written (/home/...) converts from
    the files in the folder; with two candidate prefixes the error says what is wrong."""
    import shutil

    from tests.converters.conftest import run_cli

    moved = tmp_path / "moved"
    moved.mkdir()
    for f in (checkpoints / "batchnorm_adam").iterdir():
        if f.name.startswith("model.ckpt"):
            shutil.copy(f, moved / f.name)
    (moved / "checkpoint").write_text('model_checkpoint_path: "/home/someone/run7/model.ckpt"\n')
    report = convert(moved, "frozen", tmp_path / "m.pb")
    assert report["verification"]["status"] == "passed"
    (moved / "other.index").write_bytes((moved / "model.ckpt.index").read_bytes())
    (moved / "checkpoint").write_text('model_checkpoint_path: "/home/someone/run7/gone"\n')
    code, _, err = run_cli(["model", str(moved), "--to", "frozen", "-o", str(tmp_path / "n.pb")], expect=2)
    assert "'checkpoint' file points to a missing path (/home/someone/run7/gone)" in err


def test_an_error_in_a_later_step_names_the_input_not_a_deleted_intermediate(checkpoints, tmp_path, monkeypatch):
    """ckpt → frozen → tflite: a failure of the second step on the (temporary, deleted)
    frozen graph is reported against the user's checkpoint."""
    from migrate.converters import convert as convert_module
    from migrate.converters.errors import InputError
    from tests.converters.conftest import run_cli

    real_run_edge = convert_module.run_edge

    def failing_second_step(ctx, edge, current, step_out):
        if edge.source == "frozen":
            raise InputError(f"{current.path}: TFLite conversion failed ('ReadVariableOp:value:0')")
        return real_run_edge(ctx, edge, current, step_out)

    monkeypatch.setattr(convert_module, "run_edge", failing_second_step)
    prefix = checkpoints / "classification" / "model.ckpt"
    code, _, err = run_cli(["model", str(prefix), "--to", "tflite", "-o", str(tmp_path / "m.tflite")], expect=2)
    assert "migrate-intermediate-" not in err
    assert f"{prefix} (as intermediate frozen): TFLite conversion failed" in err
