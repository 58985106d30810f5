"""The Keras 2 → Keras 3 config upgrade rules, on configs shaped as tf_keras writes them
(no TensorFlow needed)."""
import copy

import pytest

from migrate.converters import keras2to3


def _layer(class_name, name, inbound=None, **config):
    entry = {"class_name": class_name, "config": {"name": name, "trainable": True, **config}, "name": name}
    if inbound is not None:
        entry["inbound_nodes"] = [[[source, 0, 0, {}] for source in inbound]]
    return entry


def _functional(*layers, inputs=("input_1",), outputs=()):
    return {"class_name": "Functional", "config": {
        "name": "model", "layers": list(layers),
        "input_layers": [[name, 0, 0] for name in inputs],
        "output_layers": [[name, 0, 0] for name in outputs]}}


def test_measured_keys_are_dropped_and_reported_once_per_kind():
    config = _functional(
        _layer("InputLayer", "input_1", batch_input_shape=[None, 8, 8, 3]),
        _layer("SeparableConv2D", "sep1", ["input_1"], groups=1, kernel_initializer={"class_name": "GlorotUniform"},
               kernel_regularizer=None, kernel_constraint=None, filters=4),
        _layer("SeparableConv2D", "sep2", ["sep1"], groups=1, filters=4),
        _layer("DepthwiseConv2D", "dw", ["sep2"], groups=1),
        outputs=("dw",))
    upgrade = keras2to3.upgrade_config(config)
    layers = upgrade.config["config"]["layers"]
    assert "groups" not in layers[1]["config"] and "kernel_initializer" not in layers[1]["config"]
    assert layers[1]["config"]["filters"] == 4  # everything else is kept
    assert "groups" not in layers[3]["config"]
    assert "SeparableConv2D: dropped groups=1 (2 layers)" in upgrade.changes
    assert "DepthwiseConv2D: dropped groups=1" in upgrade.changes


def test_recurrent_layers_inside_wrappers_lose_time_major():
    lstm = {"class_name": "LSTM", "config": {"name": "lstm", "units": 3, "time_major": False,
                                             "recurrent_activation": "sigmoid"}}
    config = _functional(_layer("InputLayer", "input_1"),
                         _layer("Bidirectional", "bidi", ["input_1"], layer=lstm), outputs=("bidi",))
    upgrade = keras2to3.upgrade_config(config)
    assert "time_major" not in upgrade.config["config"]["layers"][1]["config"]["layer"]["config"]


@pytest.mark.parametrize("class_name,key,value", [("LSTM", "time_major", True),
                                                  ("SeparableConv2D", "groups", 2)])
def test_values_keras3_cannot_express_are_refused_by_name(class_name, key, value):
    config = _functional(_layer(class_name, "odd", **{key: value}))
    with pytest.raises(keras2to3.NotExpressible, match=f"{class_name} 'odd': {key}="):
        keras2to3.upgrade_config(config)


def test_layers_without_a_keras3_class_are_refused():
    with pytest.raises(keras2to3.NotExpressible, match="LocallyConnected2D 'lc'.*no LocallyConnected"):
        keras2to3.upgrade_config(_functional(_layer("LocallyConnected2D", "lc")))


def test_slashed_names_are_renamed_with_every_reference():
    config = _functional(
        _layer("InputLayer", "input_1"),
        _layer("Conv2D", "conv1/conv", ["input_1"]),
        _layer("Conv2D", "conv1_conv", ["conv1/conv"]),  # the obvious new name is taken
        _layer("Add", "conv1/add", ["conv1/conv", "conv1_conv"]),
        outputs=("conv1/add",))
    before = copy.deepcopy(config)
    upgrade = keras2to3.upgrade_config(config)
    layers = upgrade.config["config"]["layers"]
    names = [layer["config"]["name"] for layer in layers]
    assert names == ["input_1", "conv1_conv_1", "conv1_conv", "conv1_add"]
    assert [layer["name"] for layer in layers] == names
    assert layers[2]["inbound_nodes"] == [[["conv1_conv_1", 0, 0, {}]]]
    assert layers[3]["inbound_nodes"] == [[["conv1_conv_1", 0, 0, {}], ["conv1_conv", 0, 0, {}]]]
    assert upgrade.config["config"]["output_layers"] == [["conv1_add", 0, 0]]
    assert before["config"]["layers"][1]["config"]["name"] == "conv1/conv"
    assert any("renamed" in change for change in upgrade.changes)


def test_keras2_hard_sigmoid_is_kept_exact_by_scaling_the_gate_columns():
    config = _functional(_layer("InputLayer", "input_1"),
                         _layer("LSTM", "lstm_1", ["input_1"], units=4, recurrent_activation="hard_sigmoid",
                                activation="tanh"),
                         _layer("Dense", "out/dense", ["lstm_1"], activation="hard_sigmoid"), outputs=("out/dense",))
    upgrade = keras2to3.upgrade_config(config)
    assert upgrade.weight_scales["lstm_1"] == ((0, 1, 3), 1.2)  # gates i, f, o; not the candidate c
    assert upgrade.weight_scales["out_dense"] == (None, 1.2)  # follows the rename
    # 0.2·z + 0.5 == z·1.2/6 + 0.5: the factor is exact
    for z in (-3.0, -1.0, 0.0, 0.7, 2.4):
        keras2 = min(1.0, max(0.0, 0.2 * z + 0.5))
        keras3 = min(1.0, max(0.0, (keras2to3.HARD_SIGMOID_SCALE * z) / 6 + 0.5))
        assert keras2 == pytest.approx(keras3)


def test_hard_sigmoid_on_the_cell_state_is_refused():
    with pytest.raises(keras2to3.NotExpressible, match="cell state"):
        keras2to3.upgrade_config(_functional(_layer("LSTM", "l", activation="hard_sigmoid")))


def test_an_up_to_date_config_is_left_alone():
    config = _functional(_layer("InputLayer", "input_1"), _layer("Dense", "d", ["input_1"], units=2),
                         outputs=("d",))
    before = copy.deepcopy(config)
    upgrade = keras2to3.upgrade_config(config)
    assert upgrade.changes == [] and upgrade.config == before
