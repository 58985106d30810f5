"""Keras 3 sources (Conv+BN+Dense, LSTM, multi-input/multi-output, custom layer, Flex op)
converted along every edge that applies; each result is run with plain TensorFlow and
compared with what the source model computed."""
import os

import numpy as np
import pytest

from .conftest import CUSTOM_LAYERS, convert, run_frozen, run_keras3, run_savedmodel, run_tflite

pytestmark = [pytest.mark.tf, pytest.mark.slow]

TIGHT = dict(rtol=1e-5, atol=1e-5)
TFLITE = dict(rtol=1e-4, atol=1e-5)


def _check_report(report, plan):
    assert report["plan"] == plan
    assert report["verification"]["status"] == "passed"
    assert report["verification"]["max_abs_diff"] < 1e-4
    for path in report["output_files"]:
        assert os.path.exists(path)


@pytest.mark.parametrize("target", ["h5", "json", "savedmodel", "frozen", "tflite"])
def test_conv_bn_dense_from_keras(models, out_dir, target):
    model = models["conv"]
    out = out_dir / f"conv_{target}{'.' + target if target not in ('savedmodel', 'frozen') else ''}"
    report = convert(model["path"], target, out)
    _check_report(report, ["keras", target])
    assert report["engine"] == "keras3"
    feeds, expected = model["feeds"], model["expected"][0]
    if target in ("h5",):
        np.testing.assert_allclose(run_keras3(out, feeds)[0], expected, **TIGHT)
    elif target == "json":
        import keras

        with open(out) as handle:
            rebuilt = keras.models.model_from_json(handle.read())
        rebuilt.load_weights(str(out)[: -len(".json")] + ".weights.h5")
        np.testing.assert_allclose(np.asarray(rebuilt(feeds[0])), expected, **TIGHT)
    elif target == "savedmodel":
        np.testing.assert_allclose(run_savedmodel(out, {"image": feeds[0]})["output_0"], expected, **TIGHT)
    elif target == "frozen":
        np.testing.assert_allclose(run_frozen(out, {"image": feeds[0]}, ["scores"])[0], expected, **TIGHT)
    else:
        np.testing.assert_allclose(run_tflite(out, {"image": feeds[0]})["output_0"], expected, **TFLITE)


def test_h5_written_by_keras3_goes_to_keras_native(models, out_dir):
    model = models["conv"]
    h5_path = out_dir / "conv_for_native.h5"
    convert(model["path"], "h5", h5_path)
    report = convert(h5_path, "keras", out_dir / "conv_back.keras")
    _check_report(report, ["h5", "keras"])
    np.testing.assert_allclose(run_keras3(out_dir / "conv_back.keras", model["feeds"])[0], model["expected"][0], **TIGHT)


def test_json_to_tflite_and_savedmodel_to_frozen_and_tflite(models, out_dir):
    model = models["conv"]
    convert(model["path"], "json", out_dir / "arch.json")
    report = convert(out_dir / "arch.json", "tflite", out_dir / "from_json.tflite")
    _check_report(report, ["json", "tflite"])
    np.testing.assert_allclose(run_tflite(out_dir / "from_json.tflite", {"image": model["feeds"][0]})["output_0"],
                               model["expected"][0], **TFLITE)
    convert(model["path"], "savedmodel", out_dir / "conv_sm")
    report = convert(out_dir / "conv_sm", "frozen", out_dir / "from_sm.pb")
    _check_report(report, ["savedmodel", "frozen"])
    np.testing.assert_allclose(run_frozen(out_dir / "from_sm.pb", {"image": model["feeds"][0]}, ["output_0"])[0],
                               model["expected"][0], **TIGHT)
    report = convert(out_dir / "conv_sm", "tflite", out_dir / "from_sm.tflite")
    _check_report(report, ["savedmodel", "tflite"])
    np.testing.assert_allclose(run_tflite(out_dir / "from_sm.tflite", {"image": model["feeds"][0]})["output_0"],
                               model["expected"][0], **TFLITE)


@pytest.mark.parametrize("target", ["savedmodel", "tflite", "frozen", "keras"])
def test_lstm(models, out_dir, target):
    model = models["lstm"]
    out = out_dir / {"savedmodel": "lstm_sm", "tflite": "lstm.tflite", "frozen": "lstm.pb", "keras": "lstm.keras"}[target]
    report = convert(model["path"], target, out)
    _check_report(report, ["h5", target])
    feeds, expected = model["feeds"], model["expected"][0]
    if target == "savedmodel":
        got = run_savedmodel(out, {"sequence": feeds[0]})["output_0"]
    elif target == "tflite":
        # Keras 3's LSTM only converts with static shapes: the model is traced at batch 1.
        assert any("batch size fixed to 1" in note for note in report["notes"])
        got = np.concatenate([run_tflite(out, {"sequence": row[None]})["output_0"] for row in feeds[0]])
    elif target == "frozen":
        got = run_frozen(out, {"sequence": feeds[0]}, ["last"])[0]
    else:
        got = run_keras3(out, feeds)[0]
    np.testing.assert_allclose(got, expected, **TFLITE)


@pytest.mark.parametrize("target", ["savedmodel", "tflite", "frozen", "h5"])
def test_multi_input_multi_output(models, out_dir, target):
    model = models["multi"]
    out = out_dir / {"savedmodel": "multi_sm", "tflite": "multi.tflite", "frozen": "multi.pb", "h5": "multi.h5"}[target]
    report = convert(model["path"], target, out)
    _check_report(report, ["keras", target])
    # Integer inputs were generated inside the embedding's vocabulary (7 rows).
    tokens = [i for i in report["verification"]["inputs"] if i["name"] == "tokens"][0]
    assert tokens["dtype"] == "int32"
    named = dict(zip(model["names"], model["feeds"]))
    alpha, beta = model["expected"]
    if target == "savedmodel":
        got = run_savedmodel(out, named)
        got = [got["output_0"], got["output_1"]]
    elif target == "tflite":
        got = run_tflite(out, named)
        got = [got["output_0"], got["output_1"]]
    elif target == "frozen":
        got = run_frozen(out, named, ["alpha", "beta"])
    else:
        got = run_keras3(out, model["feeds"])
    np.testing.assert_allclose(got[0], alpha, **TFLITE)
    np.testing.assert_allclose(got[1], beta, **TFLITE)


def test_custom_layer_with_custom_objects(models, out_dir):
    model = models["custom"]
    report = convert(model["path"], "h5", out_dir / "custom.h5", "--custom-objects", CUSTOM_LAYERS)
    _check_report(report, ["keras", "h5"])
    import custom_layers

    got = run_keras3(out_dir / "custom.h5", model["feeds"], custom={"ScaledTanh": custom_layers.ScaledTanh})[0]
    np.testing.assert_allclose(got, model["expected"][0], **TIGHT)
    report = convert(model["path"], "tflite", out_dir / "custom.tflite", "--custom-objects", CUSTOM_LAYERS)
    _check_report(report, ["keras", "tflite"])
    np.testing.assert_allclose(run_tflite(out_dir / "custom.tflite", {"x": model["feeds"][0]})["output_0"],
                               model["expected"][0], **TFLITE)


def test_flex_op_is_converted_but_never_reported_verified(models, out_dir):
    out = out_dir / "flex.tflite"
    report = convert(models["flex"]["path"], "tflite", out, "--custom-objects", CUSTOM_LAYERS, expect=3)
    assert report["flex_ops"] == ["MatrixInverse"]
    assert report["verification"]["status"] == "not-possible"
    assert "MatrixInverse" in report["verification"]["reason"]
    assert out.exists()
    from migrate.converters import tflite

    assert tflite.flex_ops_in(out.read_bytes()) == ["MatrixInverse"]


def test_flex_op_refused_with_select_tf_ops_never(models, out_dir):
    out = out_dir / "flex_never.tflite"
    from .conftest import run_cli

    code, report, stderr = run_cli(["model", str(models["flex"]["path"]), "--to", "tflite", "-o", str(out),
                                    "--custom-objects", CUSTOM_LAYERS, "--select-tf-ops", "never"], expect=2)
    assert "MatrixInverse" in stderr and "--select-tf-ops" in stderr
    assert not out.exists()


@pytest.mark.parametrize("mode,tolerance", [("float16", 1e-2), ("int8-dynamic", 1e-1)])
def test_quantization_uses_the_looser_stated_tolerance(models, out_dir, mode, tolerance):
    model = models["wide"]
    plain = out_dir / "wide_plain.tflite"
    if not plain.exists():
        convert(model["path"], "tflite", plain, "--no-verify")
    out = out_dir / f"wide_{mode}.tflite"
    report = convert(model["path"], "tflite", out, "--quantize", mode)
    assert report["verification"]["status"] == "passed"
    assert report["verification"]["tolerance"] == pytest.approx(tolerance)
    assert report["verification"]["max_abs_diff"] > 0  # it really is quantized
    expected = model["expected"][0]
    got = run_tflite(out, {"wide_in": model["feeds"][0]})["output_0"]
    np.testing.assert_allclose(got, expected, atol=tolerance * max(1, np.abs(expected).max()))
    assert out.stat().st_size < 0.75 * plain.stat().st_size


def test_recurrent_frozen_graph_to_tflite_keeps_tensor_lists_as_flex(models, out_dir):
    """A frozen Keras 3 LSTM graph cannot be re-traced at a static batch size: its TensorList
    ops go to Flex, so the result is written but reported as not verifiable (exit 3)."""
    model = models["lstm"]
    graph = out_dir / "lstm_for_tflite.pb"
    convert(model["path"], "frozen", graph, "--no-verify")
    out = out_dir / "lstm_from_frozen.tflite"
    report = convert(graph, "tflite", out, expect=3)
    assert report["plan"] == ["frozen", "tflite"]
    assert any(op.startswith("TensorList") for op in report["flex_ops"]), report["flex_ops"]
    assert report["verification"]["status"] == "not-possible"
    assert out.read_bytes()[4:8] == b"TFL3"


def test_select_tf_ops_always_on_a_builtin_model_still_verifies(models, out_dir):
    out = out_dir / "conv_always.tflite"
    report = convert(models["conv"]["path"], "tflite", out, "--select-tf-ops", "always")
    assert report["flex_ops"] == []
    _check_report(report, ["keras", "tflite"])
