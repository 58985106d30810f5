"""Every CLI option reaches every step of every planned path, including the reload that
verifies the result: options × paths."""
from __future__ import annotations

import os

import numpy as np
import pytest

from tests.converters.conftest import CUSTOM_LAYERS, convert, run_cli, run_frozen, run_savedmodel, run_tflite

pytestmark = [pytest.mark.tf, pytest.mark.slow]

ALL_TARGETS = ("keras", "json", "h5", "savedmodel", "frozen", "tflite")


def _error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr[-2000:]
    return lines[0]


def _outputs(target, path, feeds):
    """Run a converted Lambda model (input 'v') with plain TensorFlow/Keras, not migrate."""
    if target == "keras":
        import keras

        model = keras.models.load_model(str(path), compile=False, safe_mode=False)
        return np.asarray(model(feeds["v"]))
    if target == "savedmodel":
        return next(iter(run_savedmodel(path, feeds).values()))
    if target == "tflite":
        return next(iter(run_tflite(path, feeds).values()))
    if target == "frozen":
        import tensorflow as tf

        graph_def = tf.compat.v1.GraphDef.FromString(open(path, "rb").read())
        consumed = {i.split(":")[0] for n in graph_def.node for i in n.input}
        sinks = [n.name for n in graph_def.node if n.name not in consumed and n.op != "Placeholder"]
        return run_frozen(path, feeds, sinks)[0]
    import tf_keras
    from tf_keras.src.saving import serialization_lib

    with serialization_lib.SafeModeScope(False):
        if target == "json":
            model = tf_keras.models.model_from_json(open(path).read())
            model.load_weights(str(path)[:-5] + ".weights.h5")
        else:
            model = tf_keras.models.load_model(str(path), compile=False)
    return np.asarray(model(feeds["v"]))


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_unsafe_lambda_converts_to_every_target(models, target, tmp_path):
    out = tmp_path / f"lambda.{target}"
    report = convert(models["lambda"]["path"], target, out, "--unsafe")
    assert report["verification"]["status"] == "passed", report["verification"]
    feeds = {"v": np.array([[1.0, 2.0, 3.0]], "float32")}
    np.testing.assert_allclose(_outputs(target, out, feeds).reshape(1, 3), [[3.0, 5.0, 7.0]], rtol=1e-6)


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_unsafe_reaches_a_json_source_and_its_reload(models, target, tmp_path):
    json_source = tmp_path / "src.json"
    convert(models["lambda"]["path"], "json", json_source, "--unsafe")
    out = tmp_path / f"from_json.{target}"
    if target == "json":
        out = tmp_path / "again.json"
    report = convert(json_source, target, out, "--unsafe")
    assert report["verification"]["status"] == "passed", report["verification"]


def test_without_unsafe_every_path_refuses_with_the_same_line(models, tmp_path):
    lines = set()
    for target in ALL_TARGETS + ("ckpt",):
        out = tmp_path / f"refused.{target}"
        _, _, stderr = run_cli(["model", str(models["lambda"]["path"]), "--to", target, "-o", str(out)], expect=2)
        lines.add(_error_line(stderr))
        assert not any(name.startswith("refused") for name in os.listdir(tmp_path))
    assert len(lines) == 1, lines
    (line,) = lines
    assert "Lambda layer" in line and "--unsafe" in line and "safe_mode" not in line


def test_tf_keras_custom_layer_to_keras_names_what_to_change(models, tmp_path):
    _, _, stderr = run_cli(["model", str(models["k2_custom"]["path"]), "--to", "keras", "-o",
                            str(tmp_path / "c.keras"), "--custom-objects", CUSTOM_LAYERS], expect=2)
    line = _error_line(stderr)
    assert "'Keras2Offset' is written for tf_keras" in line
    assert "subclass keras.layers.Layer" in line and "--custom-objects" in line
    assert "custom_object_scope" not in line
    assert not (tmp_path / "c.keras").exists()


def test_the_same_layer_written_for_keras3_converts_the_legacy_file(models, tmp_path):
    keras3_version = tmp_path / "keras3_layers.py"
    keras3_version.write_text(
        "import keras\n\n\n"
        "class Keras2Offset(keras.layers.Layer):\n"
        "    def build(self, input_shape):\n"
        "        self.offset = self.add_weight(name='offset', shape=(input_shape[-1],), initializer='zeros')\n\n"
        "    def call(self, inputs):\n"
        "        return inputs + self.offset\n")
    out = tmp_path / "c.keras"
    report = convert(models["k2_custom"]["path"], "keras", out, "--custom-objects", str(keras3_version))
    assert report["verification"]["status"] == "passed"
    assert report["engine"] == "keras3"
    import keras
    import importlib.util

    spec = importlib.util.spec_from_file_location("k3_layers_check", keras3_version)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = keras.models.load_model(str(out), compile=False, custom_objects={"Keras2Offset": module.Keras2Offset})
    feeds = models["k2_custom"]["feeds"][0]
    np.testing.assert_allclose(np.asarray(model(feeds)), models["k2_custom"]["expected"][0], atol=1e-5)


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_custom_objects_reach_every_target_and_the_reload(models, target, tmp_path):
    report = convert(models["custom"]["path"], target, tmp_path / f"custom.{target}",
                     "--custom-objects", CUSTOM_LAYERS)
    assert report["verification"]["status"] == "passed", report["verification"]


# (source model, target, extra options)
TOLERANCE_PATHS = [("legacy", t) for t in ALL_TARGETS] + [("tf1", t) for t in ("frozen", "savedmodel", "tflite")]


@pytest.mark.parametrize("source,target", TOLERANCE_PATHS)
def test_tolerance_and_force_reach_every_path(models, source, target, tmp_path):
    out = tmp_path / f"out.{target}"
    convert(models[source]["path"], target, out, "--tolerance", "0.003")
    _, _, stderr = run_cli(["model", str(models[source]["path"]), "--to", target, "-o", str(out)], expect=2)
    assert "--force" in _error_line(stderr)
    report = convert(models[source]["path"], target, out, "--tolerance", "0.003", "--force")
    assert report["verification"]["tolerance"] == 0.003
    assert report["verification"]["status"] == "passed"


TFLITE_SOURCES = ["legacy", "conv", "legacy-savedmodel", "tf1", "frozen"]


def _tflite_source(models, name, tmp_path):
    if name == "legacy-savedmodel":
        return models["legacy"]["savedmodel"], []
    if name == "frozen":
        out = tmp_path / "src.pb"
        convert(models["tf1"]["path"], "frozen", out)
        return out, []
    return models[name]["path"], []


@pytest.mark.parametrize("name", TFLITE_SOURCES)
def test_quantize_and_select_tf_ops_reach_every_tflite_path(models, name, tmp_path):
    source, extra = _tflite_source(models, name, tmp_path)
    report = convert(source, "tflite", tmp_path / "q.tflite", "--quantize", "float16", "--select-tf-ops", "never",
                     *extra)
    assert report["verification"]["status"] == "passed"
    assert report["verification"]["tolerance"] == 1e-2  # the float16 tolerance: --quantize reached verify
    assert not report["flex_ops"]


def test_select_tf_ops_never_refuses_flex_on_graph_paths(models, tmp_path):
    frozen = tmp_path / "flex.pb"
    convert(models["flex"]["path"], "frozen", frozen, "--custom-objects", CUSTOM_LAYERS)
    _, _, stderr = run_cli(["model", str(frozen), "--to", "tflite", "-o", str(tmp_path / "f.tflite"),
                            "--select-tf-ops", "never"], expect=2)
    assert "MatrixInverse" in _error_line(stderr)
    report = convert(frozen, "tflite", tmp_path / "f.tflite", "--select-tf-ops", "always", expect=3)
    assert report["flex_ops"] == ["MatrixInverse"]


@pytest.mark.parametrize("target", ["frozen", "savedmodel", "tflite", "ckpt"])
def test_inputs_outputs_reach_every_graph_path(models, target, tmp_path):
    source = models["tf1"]["path"]
    if target == "ckpt":  # frozen → ckpt: the options apply to the frozen source
        source = tmp_path / "src.pb"
        convert(models["tf1"]["path"], "frozen", source, "--outputs", "logits")
    out = tmp_path / f"io.{target}"
    report = convert(source, target, out, "--inputs", "features", "--outputs", "logits")
    assert report["verification"]["status"] == "passed"
    assert [o["name"] for o in report["verification"]["outputs"]] == ["logits"]
    feeds = {"features": models["tf1"]["feeds"][0][:1]}
    if target == "frozen":
        got = run_frozen(out, feeds, ["logits"])[0]
    elif target == "savedmodel":
        got = run_savedmodel(out, feeds)["logits"]
    elif target == "tflite":
        got = run_tflite(out, feeds)["logits"]
    else:
        return
    logits = np.log(models["tf1"]["expected"][0][:1])
    # softmax(logits) is what the fixture recorded: logits agree up to a per-row constant
    np.testing.assert_allclose(got - got.max(axis=1, keepdims=True), logits - logits.max(axis=1, keepdims=True),
                               atol=1e-4)
