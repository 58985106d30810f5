"""Keras 2 files (tf_keras h5/json with DepthwiseConv2D and compiled metrics, a TF2 object
checkpoint, a Keras 2 SavedModel) and TF1/graph sources (Saver checkpoint with and without
.meta, frozen graph, SavedModel), converted and checked against the source's numbers."""
import os
import shutil

import numpy as np
import pytest

from .conftest import convert, run_cli, run_frozen, run_keras3, run_savedmodel, run_tflite

pytestmark = [pytest.mark.tf, pytest.mark.slow]

TIGHT = dict(rtol=1e-5, atol=1e-5)
TFLITE = dict(rtol=1e-4, atol=1e-5)


def _passed(report, plan):
    assert report["plan"] == plan, report["plan"]
    assert report["verification"]["status"] == "passed", report["verification"]


# ---------------------------------------------------------------- Keras 2 files

def test_keras3_alone_cannot_read_the_legacy_file(models):
    """The premise: Keras 3 rejects this tf_keras file (DepthwiseConv2D `groups`)."""
    import keras

    with pytest.raises(Exception, match="groups|DepthwiseConv2D"):
        keras.models.load_model(str(models["legacy"]["path"]), compile=False)


def test_legacy_h5_to_keras_native_loads_in_keras3(models, out_dir):
    legacy = models["legacy"]
    out = out_dir / "legacy.keras"
    report = convert(legacy["path"], "keras", out)
    _passed(report, ["h5", "keras"])
    assert report["engine"] == "tf_keras"
    np.testing.assert_allclose(run_keras3(out, legacy["feeds"])[0], legacy["expected"][0], **TIGHT)


@pytest.mark.parametrize("target", ["tflite", "savedmodel", "frozen"])
def test_legacy_h5_to_graph_formats(models, out_dir, target):
    legacy = models["legacy"]
    out = out_dir / {"tflite": "legacy.tflite", "savedmodel": "legacy_sm", "frozen": "legacy.pb"}[target]
    report = convert(legacy["path"], target, out)
    _passed(report, ["h5", target])
    assert report["engine"] == "tf_keras"
    feeds = {"pixels": legacy["feeds"][0]}
    if target == "tflite":
        got = run_tflite(out, feeds)["probs"]
    elif target == "savedmodel":
        got = run_savedmodel(out, feeds)["probs"]
        assert os.path.exists(out / "keras_metadata.pb")  # so it can come back to Keras
    else:
        got = run_frozen(out, feeds, ["probs"])[0]
    np.testing.assert_allclose(got, legacy["expected"][0], **TFLITE)


def test_older_keras2_header_is_read_with_tf_keras(models, tmp_path):
    """A file claiming an old standalone Keras (2.2.4, class 'Model', no 'groups') still picks
    the Keras 2 engine and converts."""
    import json as json_module

    import h5py

    old = tmp_path / "old_keras.h5"
    shutil.copy(models["legacy"]["path"], old)
    with h5py.File(old, "r+") as handle:
        config = json_module.loads(handle.attrs["model_config"])
        config["class_name"] = "Model"
        for layer in config["config"]["layers"]:
            layer["config"].pop("groups", None)
        handle.attrs["model_config"] = json_module.dumps(config)
        handle.attrs["keras_version"] = "2.2.4"
    report = convert(old, "savedmodel", tmp_path / "old_sm")
    _passed(report, ["h5", "savedmodel"])
    assert report["engine"] == "tf_keras"
    got = run_savedmodel(tmp_path / "old_sm", {"pixels": models["legacy"]["feeds"][0]})["probs"]
    np.testing.assert_allclose(got, models["legacy"]["expected"][0], **TFLITE)


def test_keras2_sequential_to_keras_native(models, tmp_path):
    model = models["sequential"]
    report = convert(model["path"], "keras", tmp_path / "seq.keras")
    _passed(report, ["h5", "keras"])
    assert report["engine"] == "tf_keras"
    np.testing.assert_allclose(run_keras3(tmp_path / "seq.keras", model["feeds"])[0], model["expected"][0], **TIGHT)


def test_keras2_custom_layer_picks_tf_keras_from_a_mixed_module(models, tmp_path):
    """custom_layers.py defines Keras 3 and Keras 2 layers; the one this file uses decides."""
    from .conftest import CUSTOM_LAYERS

    model = models["k2_custom"]
    report = convert(model["path"], "tflite", tmp_path / "k2.tflite", "--custom-objects", CUSTOM_LAYERS)
    _passed(report, ["h5", "tflite"])
    assert report["engine"] == "tf_keras"
    got = next(iter(run_tflite(tmp_path / "k2.tflite", {"k2in": model["feeds"][0]}).values()))
    np.testing.assert_allclose(got, model["expected"][0], **TFLITE)


def test_legacy_json_with_weights_to_h5(models, out_dir):
    legacy = models["legacy"]
    out = out_dir / "from_json.h5"
    report = convert(legacy["json"], "h5", out)
    _passed(report, ["json", "h5"])
    assert report["engine"] == "tf_keras"
    import tf_keras

    model = tf_keras.models.load_model(str(out), compile=False)
    np.testing.assert_allclose(np.asarray(model(legacy["feeds"][0])), legacy["expected"][0], **TIGHT)


def test_object_checkpoint_needs_architecture_then_converts(models, out_dir):
    legacy = models["legacy"]
    code, _, stderr = run_cli(["model", str(legacy["object_ckpt"]), "--to", "keras", "-o", str(out_dir / "o.keras")],
                              expect=2)
    assert "--architecture" in stderr
    out = out_dir / "from_object_ckpt.keras"
    report = convert(legacy["object_ckpt"], "keras", out, "--architecture", str(legacy["json"]))
    _passed(report, ["ckpt", "keras"])
    np.testing.assert_allclose(run_keras3(out, legacy["feeds"])[0], legacy["expected"][0], **TIGHT)


def test_keras2_savedmodel_back_to_h5(models, out_dir):
    legacy = models["legacy"]
    out = out_dir / "from_sm.h5"
    report = convert(legacy["savedmodel"], "h5", out)
    _passed(report, ["savedmodel", "h5"])
    import tf_keras

    model = tf_keras.models.load_model(str(out), compile=False)
    np.testing.assert_allclose(np.asarray(model(legacy["feeds"][0])), legacy["expected"][0], **TIGHT)


# ---------------------------------------------------------------- TF1 checkpoints and graphs

@pytest.fixture(scope="module")
def tf1_frozen(models, out_dir):
    tf1 = models["tf1"]
    out = out_dir / "tf1.pb"
    report = convert(tf1["path"], "frozen", out, "--outputs", "probs")
    return out, report


def test_tf1_checkpoint_freezes_with_its_placeholders(models, tf1_frozen):
    tf1 = models["tf1"]
    out, report = tf1_frozen
    _passed(report, ["ckpt", "frozen"])
    got = run_frozen(out, {"features": tf1["feeds"][0]}, ["probs"])[0]
    np.testing.assert_allclose(got, tf1["expected"][0], **TIGHT)
    # Training machinery is gone: no variables, no labels placeholder, no optimizer.
    import tensorflow as tf

    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(out.read_bytes())
    ops = {node.op for node in graph_def.node}
    names = {node.name for node in graph_def.node}
    assert not ops & {"VariableV2", "VarHandleOp", "ApplyGradientDescent", "SaveV2"}
    assert "labels" not in names


def test_tf1_outputs_found_automatically(models, out_dir):
    """Without --outputs: the inference graph — the loss (a scalar) is not an output, the
    labels (only the loss uses them) are not an input; the report says why."""
    report = convert(models["tf1"]["path"], "frozen", out_dir / "tf1_auto.pb")
    _passed(report, ["ckpt", "frozen"])
    assert sorted(o["name"] for o in report["verification"]["outputs"]) == ["probs"]
    assert sorted(i["name"] for i in report["verification"]["inputs"]) == ["features"]
    notes = " | ".join(report["notes"])
    assert "not outputs: loss (scalar" in notes and "not inputs: labels" in notes


@pytest.mark.parametrize("target", ["savedmodel", "tflite"])
def test_tf1_checkpoint_through_frozen_graph(models, out_dir, target, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the intermediates go
    tf1 = models["tf1"]
    out = out_dir / {"savedmodel": "tf1_sm", "tflite": "tf1.tflite"}[target]
    report = convert(tf1["path"], target, out, "--outputs", "probs")
    _passed(report, ["ckpt", "frozen", target])
    assert not [p for p in os.listdir(tmp_path) if p.startswith("migrate-intermediate-")]
    feeds = {"features": tf1["feeds"][0]}
    got = run_savedmodel(out, feeds)["probs"] if target == "savedmodel" else run_tflite(out, feeds)["probs"]
    np.testing.assert_allclose(got, tf1["expected"][0], **TFLITE)


def test_frozen_graph_to_savedmodel_and_tflite(models, out_dir, tf1_frozen):
    tf1 = models["tf1"]
    frozen_path, _ = tf1_frozen
    for target, out in (("savedmodel", out_dir / "frozen_sm"), ("tflite", out_dir / "frozen.tflite")):
        report = convert(frozen_path, target, out)
        _passed(report, ["frozen", target])
        feeds = {"features": tf1["feeds"][0]}
        got = run_savedmodel(out, feeds)["probs"] if target == "savedmodel" else run_tflite(out, feeds)["probs"]
        np.testing.assert_allclose(got, tf1["expected"][0], **TFLITE)


def test_checkpoint_without_meta_needs_graph(models, tmp_path):
    tf1 = models["tf1"]
    src_dir = os.path.dirname(tf1["path"])
    for name in os.listdir(src_dir):
        if name.startswith("model.ckpt") and not name.endswith(".meta"):
            shutil.copy(os.path.join(src_dir, name), tmp_path / name)
    prefix = tmp_path / "model.ckpt"
    code, _, stderr = run_cli(["model", str(prefix), "--to", "frozen", "-o", str(tmp_path / "x.pb")], expect=2)
    assert "--graph" in stderr and str(prefix) in stderr
    # inspect lists every variable with shape and dtype, with no graph at all.
    code, info, _ = run_cli(["model", "inspect", str(prefix), "--json"])
    variables = {v["name"]: (v["shape"], v["dtype"]) for v in info["variables"]}
    assert variables["dense1/kernel"] == ([5, 8], "float32")
    assert variables["dense2/kernel"] == ([8, 2], "float32")
    report = convert(prefix, "frozen", tmp_path / "x.pb", "--graph", str(tf1["pbtxt"]), "--outputs", "probs")
    _passed(report, ["ckpt", "frozen"])
    got = run_frozen(tmp_path / "x.pb", {"features": tf1["feeds"][0]}, ["probs"])[0]
    np.testing.assert_allclose(got, tf1["expected"][0], **TIGHT)


def test_keras_model_to_tf1_checkpoint_and_back(models, tmp_path):
    """keras → frozen → ckpt writes a TF1 checkpoint with a .meta; plain TF1 code restores it."""
    import tensorflow as tf

    conv = models["conv"]
    prefix = tmp_path / "conv.ckpt"
    report = convert(conv["path"], "ckpt", prefix)
    _passed(report, ["keras", "frozen", "ckpt"])
    assert sorted(os.listdir(tmp_path)) == ["conv.ckpt.data-00000-of-00001", "conv.ckpt.index", "conv.ckpt.meta"]
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as session:
        saver = tf.compat.v1.train.import_meta_graph(str(prefix) + ".meta")
        saver.restore(session, str(prefix))
        assert len(tf.compat.v1.global_variables()) >= 4  # conv kernel/bias, dense kernel/bias, ...
        got = session.run("scores:0", {"image:0": conv["feeds"][0]})
    np.testing.assert_allclose(got, conv["expected"][0], **TIGHT)
    # ... and migrate reads it back.
    report = convert(prefix, "tflite", tmp_path / "again.tflite")
    _passed(report, ["ckpt", "frozen", "tflite"])


def test_text_graphdef_is_read_as_a_frozen_graph(models, tmp_path, tf1_frozen):
    import tensorflow as tf

    frozen_path, _ = tf1_frozen
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(frozen_path.read_bytes())
    tf.io.write_graph(graph_def, str(tmp_path), "frozen.pbtxt", as_text=True)
    report = convert(tmp_path / "frozen.pbtxt", "tflite", tmp_path / "from_text.tflite")
    _passed(report, ["frozen", "tflite"])
    got = run_tflite(tmp_path / "from_text.tflite", {"features": models["tf1"]["feeds"][0]})["probs"]
    np.testing.assert_allclose(got, models["tf1"]["expected"][0], **TFLITE)


def test_graph_machinery_is_recognised_by_scope_not_prefix():
    from migrate.converters import graphs
    import tensorflow as tf

    graph_def = tf.compat.v1.GraphDef()
    for name, op, inputs in (("x", "Placeholder", []), ("trained_logits", "Relu", ["x"]),
                             ("train/update", "Identity", ["trained_logits"]), ("save_1/op", "Identity", ["x"])):
        node = graph_def.node.add(name=name, op=op)
        node.input.extend(inputs)
    assert graphs.find_outputs(graph_def) == ["trained_logits"]
