"""Keras 2 → Keras 3 model-config upgrade: the config edits Keras 3's own legacy HDF5 loader
needs before it accepts a model written by Keras 2.x / tf_keras.

How a Keras 2 model becomes a Keras 3 one (see `keras_engine.to_keras3`): tf_keras reads the
file (it reads every Keras 2.x version's h5/json: its own legacy loader), writes it again as
HDF5, the `model_config` of that copy is upgraded here, and Keras 3 loads the copy with its
legacy HDF5 loader (`keras.models.load_model`), which sets the weights layer by layer **in
order** (`load_weights_from_hdf5_group`), not by name — so renaming a layer keeps its weights.
The result is then verified numerically against the tf_keras model like any conversion.

The rules are data (`DROP_KEYS`, `NO_KERAS3_CLASS`). They were measured on tf_keras 2.21 →
Keras 3.15: every tf_keras layer class was built with defaults, serialised, and given to
Keras 3's legacy deserialiser; these are all the refusals that came back, plus names with
'/' (Keras 3 refuses them: "Argument `name` must be a string and cannot contain character `/`",
met on tf-keras' DenseNet121, whose layers are named `conv1/conv`).
"""
from __future__ import annotations

import dataclasses
import re

from migrate.converters.errors import ModelError

_RNN = ("LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "RNN",
        "CuDNNLSTM", "CuDNNGRU")
_GROUPLESS_CONV = ("SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D",
                   "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose")
_RANDOM_PREPROCESSING = ("RandomBrightness", "RandomContrast", "RandomCrop", "RandomFlip",
                         "RandomRotation", "RandomTranslation", "RandomZoom")
_ANY = object()  # the key is dropped whatever its value

# class names → {config key: the only value Keras 3's behaviour equals (or _ANY)}.
# A key holding another value cannot be expressed in Keras 3: the upgrade refuses, naming it.
DROP_KEYS: dict[tuple[str, ...], dict[str, object]] = {
    _GROUPLESS_CONV: {"groups": 1},  # Keras 2 serialised groups=1; these Keras 3 classes have no `groups`
    # tf_keras' separable convolutions serialise the unused kernel_* arguments of their base class
    ("SeparableConv1D", "SeparableConv2D"): {"kernel_initializer": _ANY, "kernel_regularizer": _ANY,
                                             "kernel_constraint": _ANY},
    _RNN: {"time_major": False},  # Keras 3 recurrent layers are batch-major only
    _RANDOM_PREPROCESSING: {"rng_type": _ANY},  # tf_keras' RNG choice; inactive at inference
    ("SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "Discretization"): {"trainable": _ANY},
    ("MultiHeadAttention",): {"query_shape": _ANY, "key_shape": _ANY, "value_shape": _ANY,
                              "softmax_robust_masking": False},  # build shapes: rebuilt on the first call
}

# Layer classes of tf_keras with no Keras 3 counterpart (measured: absent from keras.layers).
NO_KERAS3_CLASS = {
    "LocallyConnected1D": "Keras 3 has no LocallyConnected layers",
    "LocallyConnected2D": "Keras 3 has no LocallyConnected layers",
    "DenseFeatures": "Keras 3 has no DenseFeatures (feature columns)",
    "RandomHeight": "Keras 3 has no RandomHeight layer",
    "RandomWidth": "Keras 3 has no RandomWidth layer",
}

_MODEL_CLASSES = ("Functional", "Model", "Sequential")


# Keras 2's hard_sigmoid is clip(0.2·x + 0.5, 0, 1); Keras 3's is clip(x/6 + 0.5, 0, 1)
# (relu6(x + 3) / 6). So keras2(z) == keras3(1.2·z): where the function is applied to an affine
# pre-activation z = x·W (+ h·U) + b, scaling those weights' columns by 1.2 keeps the model
# exact. Measured on ethnicolr's LSTMs (recurrent_activation='hard_sigmoid', Keras 2.2.4):
# max |diff| 0.011 without this, 0 with it.
HARD_SIGMOID_SCALE = 1.2
# class → which output columns (in units) feed hard_sigmoid: "all", or gate indices
_HARD_SIGMOID_GATES = {"LSTM": (0, 1, 3), "GRU": (0, 1)}  # LSTM gates i f c o; GRU gates z r h
_AFFINE_ACTIVATION = ("Dense", "Conv1D", "Conv2D", "Conv3D", "SimpleRNN")


class NotExpressible(ModelError):
    """The Keras 2 model uses something Keras 3 has no equivalent for."""


@dataclasses.dataclass
class Upgrade:
    config: dict
    changes: list[str]  # what was changed, for the report ("LSTM: dropped time_major=False (2 layers)")
    # layer name → (gate indices or None for all columns, factor): weights to scale after loading
    weight_scales: dict[str, tuple] = dataclasses.field(default_factory=dict)


def _layer_entries(config):
    """Every dict with class_name + config, anywhere (wrapped layers, RNN cells, nested models)."""
    if isinstance(config, dict):
        if "class_name" in config and isinstance(config.get("config"), dict):
            yield config
        for value in config.values():
            yield from _layer_entries(value)
    elif isinstance(config, list):
        for item in config:
            yield from _layer_entries(item)


def _drop_rules(class_name: str) -> dict[str, object]:
    rules = {}
    for classes, keys in DROP_KEYS.items():
        if class_name in classes:
            rules.update(keys)
    return rules


def upgrade_config(config: dict) -> Upgrade:
    """Upgrade a Keras 2 model config (as `model.to_json()` or the h5 `model_config` holds it)
    in place; returns it with the list of changes. Raises NotExpressible."""
    changes: list[str] = []
    scales: dict[str, tuple] = {}
    for entry in _layer_entries(config):
        class_name = entry["class_name"]
        cfg = entry["config"]
        label = f"{class_name} '{cfg.get('name', '?')}'"
        if class_name in NO_KERAS3_CLASS:
            raise NotExpressible(f"layer {label}: {NO_KERAS3_CLASS[class_name]}")
        for key, only in _drop_rules(class_name).items():
            if key not in cfg:
                continue
            value = cfg[key]
            if only is not _ANY and value != only and not (isinstance(value, list) and value == [only]):
                raise NotExpressible(f"layer {label}: {key}={value!r} has no Keras 3 equivalent")
            del cfg[key]
            shown = f"{key}={value!r}" if not isinstance(value, (dict, list)) else key
            changes.append(f"{class_name}: dropped {shown}")
        _hard_sigmoid(entry, label, changes, scales)
    for entry in list(_layer_entries(config)):
        if entry["class_name"] in _MODEL_CLASSES:
            changes += _rename_slashed_layers(entry, scales)
    return Upgrade(config, _summarise(changes), scales)


def _summarise(changes: list[str]) -> list[str]:
    """'SeparableConv2D: dropped groups=1 (8 layers)' instead of eight lines."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change] = counts.get(change, 0) + 1
    return [change + (f" ({count} layers)" if count > 1 else "") for change, count in counts.items()]


def _hard_sigmoid(entry: dict, label: str, changes: list[str], scales: dict) -> None:
    class_name, cfg = entry["class_name"], entry["config"]
    name = cfg.get("name")
    if class_name in _HARD_SIGMOID_GATES:
        if cfg.get("activation") == "hard_sigmoid":
            raise NotExpressible(f"layer {label}: activation='hard_sigmoid' differs between Keras 2 and 3 "
                                 f"and is applied to the cell state, so no weight change can keep it")
        if cfg.get("recurrent_activation") == "hard_sigmoid":
            scales[name] = (_HARD_SIGMOID_GATES[class_name], HARD_SIGMOID_SCALE)
            changes.append(f"{class_name}: Keras 2 hard_sigmoid gates kept exact (their weights × 1.2 for "
                           f"Keras 3's hard_sigmoid)")
    elif class_name in _AFFINE_ACTIVATION and cfg.get("activation") == "hard_sigmoid":
        scales[name] = (None, HARD_SIGMOID_SCALE)
        changes.append(f"{class_name}: Keras 2 hard_sigmoid kept exact (weights × 1.2 for Keras 3's hard_sigmoid)")
    elif cfg.get("activation") == "hard_sigmoid" or cfg.get("recurrent_activation") == "hard_sigmoid":
        raise NotExpressible(f"layer {label}: Keras 2's hard_sigmoid (0.2·x + 0.5) differs from Keras 3's "
                             f"(x/6 + 0.5) and this layer's weights cannot absorb the difference")


def apply_weight_scales(model, scales: dict[str, tuple]) -> None:
    """Scale, in the loaded Keras 3 model, the weight columns `upgrade_config` listed."""
    if not scales:
        return

    by_name = {layer.name: layer for layer in _all_layers(model)}
    for name, (gates, factor) in scales.items():
        layer = by_name.get(name)
        if layer is None:
            raise NotExpressible(f"layer '{name}' to adjust for hard_sigmoid not found in the Keras 3 model")
        values = layer.get_weights()
        units = getattr(layer, "units", None)
        for i, value in enumerate(values):
            if gates is None:
                values[i] = value * factor
                continue
            scaled = value.copy()
            for gate in gates:
                scaled[..., gate * units:(gate + 1) * units] *= factor
            values[i] = scaled.astype(value.dtype)
        layer.set_weights(values)


def _all_layers(model):
    for layer in getattr(model, "layers", []):
        yield layer
        for attr in ("layer", "forward_layer", "backward_layer"):
            inner = getattr(layer, attr, None)
            if inner is not None and hasattr(inner, "get_weights"):
                yield inner
        yield from _all_layers(layer)


def _rename_slashed_layers(model_entry: dict, scales: dict) -> list[str]:
    """Keras 3 refuses '/' in layer names: 'conv1/conv' → 'conv1_conv' (kept unique), with
    every reference to the name (inbound nodes, model inputs/outputs) renamed too."""
    cfg = model_entry["config"]
    layers = cfg.get("layers") or []
    taken = {layer.get("config", {}).get("name") for layer in layers} | {layer.get("name") for layer in layers}
    renames: dict[str, str] = {}
    for layer in layers:
        name = layer.get("config", {}).get("name") or layer.get("name")
        if not isinstance(name, str) or "/" not in name:
            continue
        new = base = re.sub(r"/+", "_", name)
        suffix = 1
        while new in taken:
            new = f"{base}_{suffix}"
            suffix += 1
        taken.add(new)
        renames[name] = new
        if name in scales:
            scales[new] = scales.pop(name)
    if not renames:
        return []
    for layer in layers:
        if layer.get("name") in renames:
            layer["name"] = renames[layer["name"]]
        inner = layer.get("config", {})
        if inner.get("name") in renames:
            inner["name"] = renames[inner["name"]]
        if "inbound_nodes" in layer:
            layer["inbound_nodes"] = _replace_names(layer["inbound_nodes"], renames)
    for key in ("input_layers", "output_layers"):
        if key in cfg:
            cfg[key] = _replace_names(cfg[key], renames)
    first = next(iter(renames.items()))
    return [f"{len(renames)} layer names with '/' renamed for Keras 3 (e.g. '{first[0]}' → '{first[1]}')"]


def _replace_names(value, renames: dict[str, str]):
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_replace_names(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: _replace_names(v, renames) for k, v in value.items()}
    return value
