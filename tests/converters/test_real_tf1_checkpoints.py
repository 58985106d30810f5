"""A real TF 1.12 training checkpoint nobody here wrote: musicnn 0.1.0's MTT_musicnn (PyPI
wheel, fetched at test time, never committed). Its folder holds `.index`/`.meta`/`.data-…`
(empty prefix) and a `checkpoint` file naming the author's /home path; its .meta carries
`_output_shapes` hints today's TensorFlow rejects; its training switch is the unnamed bool
`model/Placeholder_2` of unknown rank; its batch norms are Switch/Merge conds on ref
variables with moving-average updates."""
from __future__ import annotations

import numpy as np
import pytest

from tests.converters.conftest import convert, run_frozen
from tests.pypi_sources import unpacked

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def test_musicnn_checkpoint_folder_converts_to_its_inference_graph(tmp_path):
    folder = unpacked("musicnn==0.1.0", "wheel") / "musicnn" / "MTT_musicnn"
    assert "/home/" in (folder / "checkpoint").read_text()  # the moved-checkpoint case is real
    report = convert(folder, "frozen", tmp_path / "mtt.pb")
    notes = " | ".join(report["notes"])
    assert "model/Placeholder_2 fixed to False: a boolean training switch" in notes
    assert "inputs: model/Placeholder (" in notes
    assert report["verification"]["status"] == "passed", report["verification"]
    assert [o["name"] for o in report["verification"]["outputs"]] == ["model/Sigmoid"]

    # Independently: the author's own graph, restored from the checkpoint with the switch False.
    import tensorflow as tf

    from migrate.converters import ckpt

    x = np.random.RandomState(7).uniform(-1, 1, (2, 187, 96)).astype("float32")
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as session:
        saver = tf.compat.v1.train.import_meta_graph(ckpt._read_meta(str(folder / ".meta")), clear_devices=True)
        saver.restore(session, str(folder) + "/")
        expected = session.run("model/Sigmoid:0", {"model/Placeholder:0": x, "model/Placeholder_2:0": False})
    got = run_frozen(tmp_path / "mtt.pb", {"model/Placeholder": x}, ["model/Sigmoid"])[0]
    assert got.shape == (2, 50)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def _yadlt_autoencoder(root):
    """yadlt 0.0.6 (PyPI sdist, 2017): migrated with `migrate code`, its denoising autoencoder
    command-line program trained on synthetic data; returns (checkpoint prefix, test set,
    the program's own reconstructions of it)."""
    import os
    import subprocess
    import sys

    from tests.pypi_sources import fresh_copy

    source = fresh_copy("yadlt==0.0.6", root / "yadlt")
    migrated = subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True,
                              text=True, timeout=600)
    assert migrated.returncode == 1, migrated.stderr[-2000:]  # 1: files were rewritten
    rng = np.random.RandomState(0)
    data = {}
    for part, rows in (("train", 120), ("valid", 30), ("test", 16)):
        data[part] = rng.rand(rows, 64).astype("float32")
        np.save(root / f"{part}.npy", data[part])
    home = root / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), PYTHONPATH=str(source), TF_CPP_MIN_LOG_LEVEL="2")
    program = source / "cmd_line" / "autoencoders" / "run_autoencoder.py"
    run = subprocess.run(
        [sys.executable, str(program), "--dataset", "custom", "--train_dataset", str(root / "train.npy"),
         "--valid_dataset", str(root / "valid.npy"), "--test_dataset", str(root / "test.npy"),
         "--n_components", "16", "--num_epochs", "3", "--seed", "1",
         "--save_reconstructions", str(root / "reconstructions.npy")],
        capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return home / ".yadlt" / "models" / "dae", data["test"], np.load(root / "reconstructions.npy")


def test_a_real_tf1_training_program_checkpoint_converts(tmp_path):
    """A training program nobody here wrote, run after `migrate code` (its flags are read at
    module level: TF 1's parse-on-first-read kept), saves a checkpoint with its Saver; with no
    --inputs/--outputs the checkpoint converts to frozen, savedmodel and tflite, and each
    result computes the program's own reconstructions."""
    from tests.converters.conftest import run_savedmodel, run_tflite

    prefix, test_x, expected = _yadlt_autoencoder(tmp_path)
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"dae.{target}"
        report = convert(prefix, target, out)
        notes = " | ".join(report["notes"])
        # the clean input is the reconstruction target (a label); two placeholders are unread
        assert "not inputs: x-input (only the loss/metrics use them" in notes, notes
        assert "inputs: x-corr-input (" in notes
        assert report["verification"]["status"] == "passed", report["verification"]
        if target == "frozen":
            got = run_frozen(out, {"x-corr-input": test_x}, ["decoder/Add"])[0]
        elif target == "savedmodel":
            got = next(iter(run_savedmodel(out, {"x-corr-input": test_x}).values()))
        else:
            got = next(iter(run_tflite(out, {"x-corr-input": test_x}).values()))
        np.testing.assert_allclose(got, expected, atol=1e-5)


def test_deepbrain_frozen_graph_feeds_its_entry_points_not_its_input_pipeline(tmp_path):
    """deepbrain 0.1 (PyPI wheel) ships a frozen TF1 graph whose inputs are
    PlaceholderWithDefault nodes defaulting to a tf.data iterator's next element (`img`,
    `dim`), whose string `Placeholder` is that iterator's handle, whose `training` switch
    defaults to dropout on, and whose sink `pred` reads the iterator directly. Its own
    extractor feeds img and training=False and fetches `prob`. The conversion chooses the
    same, drops the pipeline, and equals the author's graph run that way."""
    import tensorflow as tf

    from tests.converters.conftest import run_cli, run_savedmodel

    graph = unpacked("deepbrain==0.1", "wheel") / "deepbrain" / "models" / "graph.pb"
    code, _, err = run_cli(["model", str(graph), "--to", "savedmodel", "-o", str(tmp_path / "refused")], expect=2)
    assert "TFRecordDataset" in err and "--unsafe" in err  # the pipeline reads files: refused first
    report = convert(graph, "savedmodel", tmp_path / "sm", "--unsafe")
    notes = " | ".join(report["notes"])
    assert "inputs: img (" in notes and "training fixed to False" in notes
    assert "outputs: prob instead of pred" in notes
    assert report["verification"]["status"] == "passed", report["verification"]

    x = np.random.RandomState(3).uniform(0, 1, (1, 128, 128, 128, 1)).astype("float32")
    graph_def = tf.compat.v1.GraphDef.FromString(graph.read_bytes())
    with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as session:
        tf.compat.v1.import_graph_def(graph_def, name="")
        expected = session.run("prob:0", {"img:0": x, "training:0": False})
    got = next(iter(run_savedmodel(tmp_path / "sm", {"img": x}).values()))
    np.testing.assert_allclose(got, expected, atol=1e-5)
