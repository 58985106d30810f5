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


@pytest.fixture(scope="module")
def yadlt(tmp_path_factory):
    """yadlt 0.0.6 (PyPI sdist, 2017), migrated once with `migrate code` (exit 1: files were
    rewritten); its command-line programs then run from this copy."""
    import subprocess
    import sys

    from tests.pypi_sources import fresh_copy

    source = fresh_copy("yadlt==0.0.6", tmp_path_factory.mktemp("yadlt") / "yadlt")
    migrated = subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True,
                              text=True, timeout=600)
    assert migrated.returncode == 1, migrated.stderr[-2000:]
    return source


def _run_yadlt(source, root, program, *flags):
    """Runs one of yadlt's command-line programs (HOME=root/home: it saves its model under
    ~/.yadlt/models/<name>); returns its stdout."""
    import os
    import subprocess
    import sys

    home = root / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), PYTHONPATH=str(source), TF_CPP_MIN_LOG_LEVEL="2")
    run = subprocess.run([sys.executable, str(source / "cmd_line" / program), *flags],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout


def _yadlt_autoencoder(source, root):
    """The denoising autoencoder program trained on synthetic data; returns (checkpoint
    prefix, test set, the program's own reconstructions of it)."""
    rng = np.random.RandomState(0)
    data = {}
    for part, rows in (("train", 120), ("valid", 30), ("test", 16)):
        data[part] = rng.rand(rows, 64).astype("float32")
        np.save(root / f"{part}.npy", data[part])
    _run_yadlt(source, root, "autoencoders/run_autoencoder.py",
               "--dataset", "custom", "--train_dataset", str(root / "train.npy"),
               "--valid_dataset", str(root / "valid.npy"), "--test_dataset", str(root / "test.npy"),
               "--n_components", "16", "--num_epochs", "3", "--seed", "1",
               "--save_reconstructions", str(root / "reconstructions.npy"))
    return root / "home" / ".yadlt" / "models" / "dae", data["test"], np.load(root / "reconstructions.npy")


def test_a_real_tf1_training_program_checkpoint_converts(yadlt, tmp_path):
    """A training program nobody here wrote, run after `migrate code` (its flags are read at
    module level: TF 1's parse-on-first-read kept), saves a checkpoint with its Saver; with no
    --inputs/--outputs the checkpoint converts to frozen, savedmodel and tflite, and each
    result computes the program's own reconstructions."""
    prefix, test_x, expected = _yadlt_autoencoder(yadlt, tmp_path)
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"dae.{target}"
        report = convert(prefix, target, out)
        notes = " | ".join(report["notes"])
        # the clean input is the reconstruction target (a label); two placeholders are unread
        assert "not inputs: x-input (only the loss/metrics use them" in notes, notes
        assert "inputs: x-corr-input (" in notes
        assert report["verification"]["status"] == "passed", report["verification"]
        got = _run_result(target, out, {"x-corr-input": test_x}, "decoder/Add")
        np.testing.assert_allclose(got, expected, atol=1e-5)


def _run_result(target, out, feeds, output):
    """The converted file run with plain TensorFlow / the TFLite interpreter."""
    from tests.converters.conftest import run_savedmodel, run_tflite

    if target == "frozen":
        return run_frozen(out, feeds, [output])[0]
    if target == "savedmodel":
        return run_savedmodel(out, feeds)[output]
    return run_tflite(out, feeds)[output]


def _restored_program_output(prefix, feeds, output):
    """The program's own graph and weights (its .meta restored with its Saver), session.run of
    its output tensor fed as the program feeds it at test time."""
    import tensorflow as tf

    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as session:
        saver = tf.compat.v1.train.import_meta_graph(str(prefix) + ".meta", clear_devices=True)
        saver.restore(session, str(prefix))
        return session.run(output + ":0", {k + ":0": v for k, v in feeds.items()})


def _classification_data(root, n_features, n_classes, seed):
    """Synthetic one-hot labelled data (labels = argmax of a fixed random linear map). yadlt's
    trainers build `np.array(list(zip(rows, labels)))`, which NumPy >= 1.24 refuses when a row
    and its label differ in length (a ragged array): the data has as many features as classes."""
    assert n_features == n_classes
    rng = np.random.RandomState(seed)
    mapping = rng.randn(n_features, n_classes)
    flags, arrays = [], {}
    for part, rows in (("train", 200), ("valid", 40), ("test", 32)):
        x = rng.rand(rows, n_features).astype("float32")
        y = np.eye(n_classes, dtype="float32")[np.argmax(x @ mapping, 1)]
        np.save(root / f"{part}.npy", x)
        np.save(root / f"{part}_labels.npy", y)
        flags += [f"--{part}_dataset", str(root / f"{part}.npy"), f"--{part}_labels", str(root / f"{part}_labels.npy")]
        arrays[part] = (x, y)
    return flags, arrays


def _printed_accuracy(stdout):
    line = [line for line in stdout.splitlines() if line.startswith("Test set accuracy: ")][-1]
    return float(line.split(": ")[1])


# yadlt program → (its flags, model name, inference output, notes that must appear)
YADLT_CLASSIFIERS = {
    # softmax regression: weights, biases, softmax; GradientDescent on a hand-written cross-entropy
    "logistic_regression": (
        "linear/run_logistic_regression.py", ["--num_epochs", "5"], "logreg", "Softmax",
        ["not inputs: y-input (only the loss/metrics use them", "not inputs: keep-probs (nothing in the graph reads"]),
    # conv + max pool + dense with dropout through an UNSHAPED keep-probability placeholder
    # (fed 0.5 in training, 1 by its score/predict), Adam, softmax cross-entropy on the logits
    "conv_net": (
        "convolutional/run_conv_net.py",
        ["--original_shape", "4,4,1", "--layers", "conv2d-2-2-8-1,maxpool-2,full-32,softmax", "--opt", "adam",
         "--dropout", "0.5", "--num_epochs", "3"], "convnet", "Add_2",
        ["keep-probs fixed to 1.0: a dropout keep probability", "not inputs: y-input (only the loss/metrics"]),
}


@pytest.mark.parametrize("program", sorted(YADLT_CLASSIFIERS))
def test_real_tf1_classifiers_convert_to_what_the_program_computes(yadlt, program, tmp_path):
    """yadlt's logistic-regression and conv-net programs, migrated and run on synthetic data,
    save their checkpoints; with no --inputs/--outputs each converts to frozen, savedmodel and
    tflite; each result equals the program's own graph restored from its checkpoint and run as
    its `score` runs it (keep-probs 1), and its argmax gives exactly the test accuracy the
    program printed."""
    script, flags, name, output, notes_expected = YADLT_CLASSIFIERS[program]
    data_flags, arrays = _classification_data(tmp_path, 16, 16, seed=3)
    stdout = _run_yadlt(yadlt, tmp_path, script, "--dataset", "custom", "--seed", "1", *data_flags, *flags)
    printed = _printed_accuracy(stdout)
    prefix = tmp_path / "home" / ".yadlt" / "models" / name
    test_x, test_y = arrays["test"]
    expected = _restored_program_output(prefix, {"x-input": test_x, "keep-probs": 1.0}, output)
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"{name}.{target}"
        report = convert(prefix, target, out)
        notes = " | ".join(report["notes"])
        for note in notes_expected:
            assert note in notes, notes
        assert "inputs: x-input (the placeholders the outputs need)" in notes, notes
        assert report["verification"]["status"] == "passed", report["verification"]
        assert [o["name"] for o in report["verification"]["outputs"]] == [output]
        got = _run_result(target, out, {"x-input": test_x}, output)
        np.testing.assert_allclose(got, expected, atol=1e-5)
        accuracy = float(np.mean(np.argmax(got, 1) == np.argmax(test_y, 1)))
        assert accuracy == pytest.approx(printed, abs=1e-6), (accuracy, printed)


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
# ---------------------------------------------------------------- tflearn 0.3.2's own tests

# Runs one of tflearn's own unittest methods and records every prediction tflearn makes
# (Evaluator.predict is what DNN.predict and SequenceGenerator.generate call): the feed,
# by placeholder name, and tflearn's result. Then saves the records.
_TFLEARN_DRIVER = """
import pickle, sys, unittest
import numpy as np
import tflearn.helpers.evaluator as evaluator

records = []
original = evaluator.Evaluator.predict

def recording(self, feed_dict):
    feeds = {getattr(k, "name", k).split(":")[0]: np.asarray(v, dtype="float32") for k, v in feed_dict.items()}
    result = original(self, feed_dict)
    records.append((feeds, np.asarray(result)))
    return result

evaluator.Evaluator.predict = recording
suite = unittest.defaultTestLoader.loadTestsFromName(sys.argv[1])
outcome = unittest.TextTestRunner(verbosity=2).run(suite)
with open("predictions.pkl", "wb") as handle:
    pickle.dump(records, handle)
sys.exit(0 if outcome.wasSuccessful() and suite.countTestCases() == 1 else 1)
"""


@pytest.fixture(scope="module")
def tflearn(tmp_path_factory):
    """tflearn 0.3.2 (PyPI sdist, 2017: the library and its tests/), migrated once with
    `migrate code`."""
    import subprocess
    import sys

    from tests.pypi_sources import fresh_copy

    source = fresh_copy("tflearn==0.3.2", tmp_path_factory.mktemp("tflearn") / "tflearn")
    migrated = subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True,
                              text=True, timeout=600)
    assert migrated.returncode == 1, migrated.stderr[-2000:]
    return source


# tflearn test → (the checkpoint it saves, its input, the output holding tflearn's prediction)
TFLEARN_TESTS = {
    # linear regression: input_data(shape=[None]) → single_unit, SGD on mean square, 1000 epochs
    "tests.test_models.TestModels.test_dnn": ("test_dnn.tflearn", "InputData/X", "Linear/Add"),
    # character-level LSTM(32) + dropout + softmax, Adam with gradient clipping, 100 epochs;
    # SequenceGenerator.generate predicts the next character 10 times before and after load
    "tests.test_models.TestModels.test_sequencegenerator": (
        "test_seqgen.tflearn", "InputData/X", "FullyConnected/Softmax"),
}


@pytest.mark.parametrize("test_name", sorted(TFLEARN_TESTS))
def test_tflearn_own_tests_checkpoints_convert_to_what_tflearn_predicts(tflearn, test_name, tmp_path):
    """tflearn's own test methods, run unchanged after `migrate code` (TF 1 graph semantics:
    ref variables and v1 control flow, which its `is_training` variable and cond need), train,
    predict and `m.save(...)` a checkpoint. With no --inputs/--outputs the checkpoint converts
    to frozen, savedmodel and tflite; the label placeholder `TargetsData/Y` and the validation
    summaries are left out, `is_training` is frozen False, and each result gives exactly what
    tflearn's own `predict` / `generate` computed (every recorded call)."""
    import os
    import pickle
    import subprocess
    import sys

    checkpoint, input_name, output = TFLEARN_TESTS[test_name]
    env = dict(os.environ, PYTHONPATH=str(tflearn), TF_CPP_MIN_LOG_LEVEL="2")
    run = subprocess.run([sys.executable, "-c", _TFLEARN_DRIVER, test_name], cwd=tmp_path, capture_output=True,
                         text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    records = pickle.loads((tmp_path / "predictions.pkl").read_bytes())
    assert records and all(list(feeds) == [input_name] for feeds, _ in records)
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"model.{target}"
        report = convert(tmp_path / checkpoint, target, out)
        notes = " | ".join(report["notes"])
        assert "not inputs: TargetsData/Y (only the loss/metrics use them" in notes, notes
        assert f"inputs: {input_name} (the placeholders the outputs need)" in notes, notes
        assert report["verification"]["status"] == "passed", report["verification"]
        assert [o["name"] for o in report["verification"]["outputs"]] == [output]
        for feeds, predicted in records:
            got = _run_result(target, out, feeds, output)
            np.testing.assert_allclose(np.asarray(got).reshape(predicted.shape), predicted, atol=1e-5)


# ---------------------------------------------------------------- rivalgan 0.4 (a GAN)

# Runs rivalgan's pipeline as its command line does and records each generator sample it
# draws: `sess.run(gan.gen_X, feed_dict={gan.prior_z: z})` (one tensor fetched, one feed).
_RIVALGAN_DRIVER = """
import pickle, runpy, sys
import numpy as np
import tensorflow as tf

records = []
original = tf.compat.v1.Session.run

def recording(self, fetches, feed_dict=None, *args, **kwargs):
    result = original(self, fetches, feed_dict, *args, **kwargs)
    if isinstance(fetches, tf.Tensor) and feed_dict and len(feed_dict) == 1:
        (key, value), = feed_dict.items()
        records.append((fetches.name.split(":")[0], key.name.split(":")[0], np.asarray(value), np.asarray(result)))
    return result

tf.compat.v1.Session.run = recording
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exit:
    if exit.code not in (None, 0):
        raise
with open("samples.pkl", "wb") as handle:
    pickle.dump(records, handle)
"""


@pytest.mark.parametrize("gan_name", ["VGAN", "IWGAN"])  # LGAN: like VGAN (passes too)
def test_rivalgan_checkpoint_converts_to_its_generator(gan_name, tmp_path):
    """rivalgan 0.4 (PyPI sdist, 2018: GANs that generate credit-card-fraud rows), migrated
    with `migrate code` (tf from `from rivalgan.utils import *`, the contrib projector) and run
    as `pipeline.py --generate_data True` on a synthetic fraud table. Its checkpoint holds the
    generator, the discriminator on real and on generated rows, two losses and two optimizers;
    with no --inputs/--outputs it converts to the generator (z_prior → Tanh) for frozen,
    savedmodel and tflite, and each result gives the rows the program generated itself (its
    last sample, also the one it pickles). xgboost (imported for classifier comparisons this
    path never runs) is a stand-in that raises if used."""
    import os
    import pickle
    import subprocess
    import sys

    import pandas as pd

    from tests.pypi_sources import fresh_copy

    source = fresh_copy("rivalgan==0.4", tmp_path / "rivalgan")
    migrated = subprocess.run([sys.executable, "-m", "migrate", "code", str(source)], capture_output=True,
                              text=True, timeout=600)
    assert migrated.returncode == 1, migrated.stderr[-2000:]
    assert "warnings need a human" in migrated.stderr and " 0 warnings" in migrated.stderr, migrated.stderr[-500:]
    # its Configuration reads ../../data/ and writes ../../{cache,logs,models}/ from the working folder
    for folder in ("data", "cache", "logs", "models", "work/run", "stand_in"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "stand_in" / "xgboost.py").write_text(
        "class XGBClassifier:\n    def __init__(self, *args, **kwargs):\n        raise RuntimeError('stand-in')\n")
    rng = np.random.RandomState(0)
    table = pd.DataFrame(rng.normal(size=(400, 8)).astype("float32"), columns=[f"V{i}" for i in range(1, 9)])
    table["Class"] = (rng.rand(400) < 0.2).astype(int)
    with open(tmp_path / "data" / "creditcard.engineered.pkl", "wb") as handle:
        pickle.dump(table, handle)
    env = dict(os.environ, PYTHONPATH=f"{source}{os.pathsep}{tmp_path / 'stand_in'}", TF_CPP_MIN_LOG_LEVEL="2",
               MPLBACKEND="Agg")
    run = subprocess.run(
        [sys.executable, "-c", _RIVALGAN_DRIVER, str(source / "rivalgan" / "pipeline.py"), "--generate_data", "True",
         "--GAN_NAME", gan_name, "--TOTAL_TRAINING_STEPS", "20", "--AUGMENTED_DATA_SIZE", "32"],
        cwd=tmp_path / "work" / "run", capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    samples = pickle.loads((tmp_path / "work" / "run" / "samples.pkl").read_bytes())
    output, feed, z, generated = samples[-1]
    assert (output, feed, generated.shape) == ("Tanh", "z_prior", (32, 8))
    pickled = pd.read_pickle(next((tmp_path / "cache").glob(f"*_{gan_name}_Fraud_X.pkl")))
    np.testing.assert_array_equal(pickled[20], generated)  # the rows the program kept
    prefix = str(next((tmp_path / "models").glob(f"{gan_name}_32_*.ckpt.index")))[: -len(".index")]
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"generator.{target}"
        report = convert(prefix, target, out)
        notes = " | ".join(report["notes"])
        assert "outputs: Tanh (computed by the parameters one optimizer trains and handed to the network" in notes
        assert "inputs: z_prior (the placeholders the outputs need)" in notes, notes
        assert "input_X" in notes and "not inputs:" in notes  # the real rows feed only the discriminator
        assert report["verification"]["status"] == "passed", report["verification"]
        assert [o["name"] for o in report["verification"]["outputs"]] == ["Tanh"]
        got = _run_result(target, out, {"z_prior": z}, "Tanh")
        np.testing.assert_allclose(got, generated, atol=1e-5)


# Runs musicnn's own inference program, extractor.extractor (its log-mel batching with
# librosa, its model code, its Saver.restore of the shipped checkpoint, session.run of
# sigmoid(y) with is_training False), and keeps its input batch and its taggram.
_MUSICNN_DRIVER = """
import pickle, sys
import librosa
from musicnn import configuration as config, extractor

taggram, labels = extractor.extractor(sys.argv[1], model="MTT_musicnn", extract_features=False)
n_frames = librosa.time_to_frames(3, sr=config.SR, n_fft=config.FFT_SIZE, hop_length=config.FFT_HOP) + 1
batch, _ = extractor.batch_data(sys.argv[1], n_frames, n_frames)
with open("own.pkl", "wb") as handle:
    pickle.dump((batch, taggram, labels), handle)
"""


def test_musicnn_checkpoint_converts_to_what_its_own_extractor_computes(tmp_path):
    """musicnn 0.1.0's MTT_musicnn (conv net, batch norm and dropout on one bool switch): the
    package's own inference program, migrated with `migrate code`, tags a synthetic 7 s clip
    (two 3 s patches); the checkpoint converted with no --inputs/--outputs to frozen,
    savedmodel and tflite gives the same taggram on the same patches."""
    import os
    import pickle
    import subprocess
    import sys

    import soundfile

    from tests.converters.conftest import run_savedmodel, run_tflite
    from tests.pypi_sources import fresh_copy

    package = fresh_copy("musicnn==0.1.0", tmp_path / "pkg", kind="wheel")
    migrated = subprocess.run([sys.executable, "-m", "migrate", "code", str(package / "musicnn")],
                              capture_output=True, text=True, timeout=600)
    assert migrated.returncode in (0, 1), migrated.stderr[-2000:]
    # quiet audio: musicnn computes its log-mel in float16 (10000 * power must stay < 65504)
    rng = np.random.RandomState(0)
    t = np.arange(16000 * 7) / 16000.0
    clip = 0.002 * np.sin(2 * np.pi * 440 * t) + 0.001 * rng.randn(t.size)
    soundfile.write(tmp_path / "clip.wav", clip.astype("float32"), 16000)
    env = dict(os.environ, PYTHONPATH=str(package), TF_CPP_MIN_LOG_LEVEL="2")
    run = subprocess.run([sys.executable, "-c", _MUSICNN_DRIVER, str(tmp_path / "clip.wav")], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    batch, taggram, labels = pickle.loads((tmp_path / "own.pkl").read_bytes())
    assert batch.shape == (2, 187, 96) and taggram.shape == (2, 50) and len(labels) == 50
    assert np.isfinite(batch).all() and np.isfinite(taggram).all()
    for target in ("frozen", "savedmodel", "tflite"):
        out = tmp_path / f"mtt.{target}"
        report = convert(package / "musicnn" / "MTT_musicnn", target, out)
        assert report["verification"]["status"] == "passed", report["verification"]
        feeds = {"model/Placeholder": batch.astype("float32")}
        if target == "frozen":
            got = run_frozen(out, feeds, ["model/Sigmoid"])[0]
        elif target == "savedmodel":
            got = next(iter(run_savedmodel(out, feeds).values()))
        else:
            got = next(iter(run_tflite(out, feeds).values()))
        np.testing.assert_allclose(got, taggram, atol=1e-5)
