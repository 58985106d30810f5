"""Loading Keras models with the right engine, and carrying them between engines.

Two engines live side by side: Keras 3 (`keras`, what `tf.keras` is in TF >= 2.16) and
Keras 2 (`tf_keras`, the `tf-keras` package). Files written by Keras 2.x are loaded with
`tf_keras` first because Keras 3 rejects some of them (DepthwiseConv2D's `groups`,
`Functional` JSON, ...); Keras 3 files with Keras 3. The other engine is the fallback and
the report always says which one loaded the model. Models are loaded with compile=False.
"""
from __future__ import annotations

import re

import contextlib
import dataclasses
import importlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile

from migrate.converters import keras2to3, tfenv
from migrate.converters.base import Detected, Options
from migrate.converters.errors import (
    InputError, MissingCustomObject, RefusedUnsafe, UsageError, one_line)

KERAS3 = "keras3"
TF_KERAS = "tf_keras"

# Layer classes that appear in configs without being public layer classes.
_INTERNAL_CLASSES = {"Functional", "Sequential", "Model", "InputLayer", "TFOpLambda",
                     "SlicingOpLambda", "KerasTensor", "__lambda__"}


@dataclasses.dataclass
class LoadedKeras:
    model: object
    engine: str  # KERAS3 or TF_KERAS
    notes: list[str] = dataclasses.field(default_factory=list)


# ---------------------------------------------------------------- config scanning

def iter_layer_configs(config):
    """Every layer entry ({class_name, config}) in a model config, nested models included."""
    if isinstance(config, dict):
        if "class_name" in config and isinstance(config.get("config"), (dict, list)):
            yield config
            inner = config["config"]
            layers = inner if isinstance(inner, list) else inner.get("layers", [])
            for layer in layers or []:
                yield from iter_layer_configs(layer)
    elif isinstance(config, list):
        for item in config:
            yield from iter_layer_configs(item)


def lambda_bytecode_layers(config) -> list[str]:
    """Names of Lambda layers whose function is marshalled Python bytecode."""
    found = []
    for layer in iter_layer_configs(config):
        if layer.get("class_name") != "Lambda":
            continue
        cfg = layer.get("config", {})
        function = cfg.get("function")
        keras2_bytecode = cfg.get("function_type") == "lambda"
        keras3_bytecode = isinstance(function, dict) and function.get("class_name") == "__lambda__"
        if keras2_bytecode or keras3_bytecode:
            found.append(cfg.get("name", "lambda"))
    return found


def _layer_class_names(module) -> set[str]:
    names = {name for name in dir(module.layers) if name[:1].isupper()}
    experimental = getattr(module.layers, "experimental", None)
    if experimental is not None:
        names.update(name for name in dir(experimental) if name[:1].isupper())
    return names


def custom_classes_needed(config, provided: dict | None = None) -> list[str]:
    """Layer classes that neither Keras engine provides (and the user did not give)."""
    provided = provided or {}

    def unknown(known: set[str]) -> list[str]:
        needed = []
        for layer in iter_layer_configs(config):
            name = layer.get("class_name")
            registered = layer.get("registered_name") or name
            if name in known or name in provided or registered in provided:
                continue
            if isinstance(registered, str) and registered.split(">")[-1] in provided:
                continue
            if name not in needed:
                needed.append(name)
        return needed

    needed = unknown(_INTERNAL_CLASSES | _layer_class_names(tfenv.keras3()))
    tfk = tfenv.tf_keras() if needed else None  # importing tf_keras costs ~1 s: only when it can matter
    if tfk is not None:
        needed = [name for name in needed if name not in _layer_class_names(tfk)]
    return needed


def check_loadable(detected: Detected, config, options: Options, custom: dict) -> None:
    """Refuse Lambda bytecode without --unsafe; name missing custom classes."""
    if not options.unsafe:
        lambdas = lambda_bytecode_layers(config)
        if lambdas:
            raise RefusedUnsafe(
                f"{detected.path}: Lambda layer '{lambdas[0]}' holds Python bytecode and loading it "
                f"runs code from the file; re-run with --unsafe only if you trust where the file came from")
    missing = custom_classes_needed(config, custom)
    if missing:
        raise MissingCustomObject(
            f"{detected.path}: needs custom class '{missing[0]}'"
            + (f" (and {', '.join(missing[1:])})" if len(missing) > 1 else "")
            + "; pass the file or module that defines it with --custom-objects FILE_OR_MODULE")


# ---------------------------------------------------------------- custom objects

def load_custom_objects(spec: str | None) -> dict:
    """Import --custom-objects (a .py file or a dotted module) and collect its classes/functions."""
    if not spec:
        return {}
    try:
        if spec.endswith(".py") or os.path.sep in spec:
            if not os.path.exists(spec):
                raise UsageError(f"{spec}: --custom-objects file not found")
            module_name = "_migrate_custom_" + os.path.splitext(os.path.basename(spec))[0]
            loader_spec = importlib.util.spec_from_file_location(module_name, spec)
            module = importlib.util.module_from_spec(loader_spec)
            sys.modules[module_name] = module
            loader_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(spec)
    except UsageError:
        raise
    except Exception as exc:
        raise UsageError(f"{spec}: cannot import --custom-objects ({type(exc).__name__}: {exc})")
    objects = {}
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, type(sys)):
            continue
        if isinstance(value, type) or callable(value):
            objects[name] = value
    return objects


def _engines_for_custom(custom: dict, config=None) -> list[str] | None:
    """The engine that the custom layer classes this model uses were written for, if decidable."""
    if not custom:
        return None
    used = set()
    for layer in iter_layer_configs(config) if config is not None else ():
        used.add(layer.get("class_name"))
        registered = layer.get("registered_name")
        if isinstance(registered, str):
            used.update({registered, registered.split(">")[-1]})
    classes = [value for name, value in custom.items() if isinstance(value, type) and (config is None or name in used)]
    keras = tfenv.keras3()
    if any(issubclass(c, keras.layers.Layer) for c in classes):
        return [KERAS3]
    tfk = tfenv.tf_keras()
    if tfk is not None and any(issubclass(c, tfk.layers.Layer) for c in classes):
        return [TF_KERAS]
    return None


def engine_order(keras_version: str | None, custom: dict, config=None) -> list[str]:
    forced = _engines_for_custom(custom, config)
    if forced:
        return forced
    major = (keras_version or "").split(".")[0]
    if major in ("1", "2"):
        return [TF_KERAS, KERAS3]
    if major == "":
        # Keras 3 JSON records no version but names each class's "module"; files from before
        # `keras_version` was recorded are Keras 1/2.
        if isinstance(config, dict) and "module" in config:
            return [KERAS3, TF_KERAS]
        return [TF_KERAS, KERAS3]
    return [KERAS3, TF_KERAS]


def _engine_module(engine: str):
    if engine == TF_KERAS:
        module = tfenv.tf_keras()
        if module is None:
            raise UsageError("the tf-keras package is needed for Keras 2 files: pip install tf-keras")
        return module
    return tfenv.keras3()


# ---------------------------------------------------------------- loading

def load(detected: Detected, options: Options) -> LoadedKeras:
    """Load an h5 / json / keras file (or a Keras-written SavedModel, or a TF2 object
    checkpoint with --architecture) as a Keras model."""
    custom = load_custom_objects(options.custom_objects)
    fmt = detected.fmt
    if fmt == "savedmodel":
        return _load_keras_savedmodel(detected, custom)
    if fmt == "ckpt":
        return _load_object_checkpoint(detected, options, custom)
    if detected.facts.get("weights_only"):
        raise UsageError(f"{detected.path}: HDF5 weights only, no architecture; convert the architecture "
                         f".json that goes with it (the json format finds these weights beside it)")
    config = detected.facts.get("config")
    check_loadable(detected, config, options, custom)
    if fmt == "keras":
        order = [KERAS3]
    else:
        order = engine_order(detected.facts.get("keras_version"), custom, config)
    errors = []
    for engine in order:
        try:
            model = _load_with(engine, detected, options, custom)
        except Exception as exc:  # try the other engine, report both if neither works
            errors.append(f"{engine}: {one_line(exc, 200)}")
            continue
        notes = [f"{errors[0]} — fell back to {engine}"] if errors else []
        return LoadedKeras(model, engine, notes)
    unknown = _unknown_names(errors, custom)
    if unknown:
        # a Lambda's function or a custom class the model names and nothing here defines
        # (keras-tcn: Lambda(channel_normalization)); Keras' own message is cut mid-sentence
        raise InputError(
            f"{detected.path}: the model uses {', '.join(f'`{n}`' for n in unknown)}, defined in the code that "
            f"built it: pass --custom-objects FILE.py (the module that defines {'them' if len(unknown) > 1 else 'it'})"
            + ("" if options.unsafe else " and --unsafe if it is a Lambda's function")
        )
    raise InputError(f"{detected.path}: cannot load as a Keras model ({'; '.join(errors)})")


_UNKNOWN = re.compile(r"Could not locate (?:function|class) '([\w.]+)'|Unknown (?:layer|function|object|activation|loss|metric)[^:']*:? '?([\w.]+)")


def _unknown_names(errors: list[str], custom: dict) -> list[str]:
    """Names a loader said it could not find (Keras 3: "Could not locate function 'f'";
    tf-keras: "Unknown layer: 'L'"), less those --custom-objects gave."""
    names = []
    for error in errors:
        for match in _UNKNOWN.finditer(error):
            name = match.group(1) or match.group(2)
            if name and name.split(".")[-1] not in custom and name not in names:
                names.append(name)
    return names


def _load_with(engine: str, detected: Detected, options: Options, custom: dict):
    module = _engine_module(engine)
    fmt = detected.fmt
    with unsafe_scope(options.unsafe):
        if fmt == "json":
            from migrate.converters import json_weights

            weights = json_weights.require_weights(detected)
            with open(detected.path, encoding="utf-8") as handle:
                text = handle.read()
            upgrade = None
            if engine == KERAS3 and _is_keras2_json(json.loads(text)):
                upgrade = keras2to3.upgrade_config(json.loads(text))
                text = json.dumps(upgrade.config)
            model = module.models.model_from_json(text, custom_objects=custom or None)
            model.load_weights(weights)
            if upgrade is not None:
                keras2to3.apply_weight_scales(model, upgrade.weight_scales)
            return model
        kwargs = {"custom_objects": custom or None, "compile": False}
        if engine == KERAS3:
            kwargs["safe_mode"] = not options.unsafe
            if fmt == "h5":
                # A Keras 2 file read by Keras 3 always goes through the upgrade: some configs
                # load without complaint and compute something else (Keras 2's hard_sigmoid).
                keras2 = str(detected.facts.get("keras_version") or "1").split(".")[0] in ("1", "2")
                return _keras3_load_legacy_h5(detected.path, kwargs, upgrade_first=keras2)[0]
        return module.models.load_model(detected.path, **kwargs)


def _is_keras2_json(config) -> bool:
    major = str(config.get("keras_version") or "").split(".")[0]
    return major in ("1", "2") or (not major and "module" not in config)


@contextlib.contextmanager
def unsafe_scope(unsafe: bool):
    """With --unsafe, both engines deserialise Lambda bytecode on every load (the first load
    and the reload that verifies the result); without it, both refuse as they do by default."""
    if not unsafe:
        yield
        return
    from keras.src.saving import serialization_lib as keras3_serialization

    scopes = [keras3_serialization.SafeModeScope(False)]
    if tfenv.tf_keras() is not None:
        from tf_keras.src.saving import serialization_lib as tfk_serialization

        scopes.append(tfk_serialization.SafeModeScope(False))
    with contextlib.ExitStack() as stack:
        for scope in scopes:
            stack.enter_context(scope)
        yield


def _keras3_load_legacy_h5(path: str, kwargs: dict, upgrade_first: bool = False):
    """Keras 3's own legacy HDF5 loader; when it refuses the Keras 2 config (or when
    `upgrade_first`), it loads a copy whose `model_config` went through
    `keras2to3.upgrade_config`. Returns (model, changes made to the config)."""
    keras = tfenv.keras3()
    first_error = None
    if not upgrade_first:
        try:
            return keras.models.load_model(path, **kwargs), []
        except Exception as exc:
            first_error = exc
    import h5py

    with tempfile.TemporaryDirectory(prefix="migrate-h5-") as tmp:
        patched = os.path.join(tmp, "patched.h5")
        shutil.copyfile(path, patched)
        with h5py.File(patched, "r+") as handle:
            raw = handle.attrs["model_config"]
            config = json.loads(raw.decode() if isinstance(raw, bytes) else raw)
            upgrade = keras2to3.upgrade_config(config)
            if not upgrade.changes and first_error is not None:
                raise first_error
            handle.attrs["model_config"] = json.dumps(upgrade.config)
        model = keras.models.load_model(patched, **kwargs)
    keras2to3.apply_weight_scales(model, upgrade.weight_scales)
    return model, upgrade.changes


def _load_keras_savedmodel(detected: Detected, custom: dict) -> LoadedKeras:
    module = _engine_module(TF_KERAS)
    try:
        model = module.models.load_model(detected.path, custom_objects=custom or None, compile=False)
    except Exception as exc:
        raise InputError(f"{detected.path}: SavedModel has keras_metadata.pb but tf_keras cannot rebuild it ({one_line(exc, 200)})")
    return LoadedKeras(model, TF_KERAS)


def _load_object_checkpoint(detected: Detected, options: Options, custom: dict) -> LoadedKeras:
    """A TF2 object checkpoint (`save_weights` in TF format) plus --architecture model.json."""
    from migrate.converters import json_weights

    if not options.architecture:
        raise UsageError(f"{detected.path}: TF2 object checkpoint holds weights only; "
                         f"pass the model architecture with --architecture model.json")
    arch = json_weights.detect(options.architecture, weights="-")
    if arch is None:
        raise UsageError(f"{options.architecture}: not a Keras architecture JSON (expected model.to_json() output)")
    check_loadable(arch, arch.facts["config"], options, custom)
    # Only Keras 2 reads TF-format weight checkpoints; Keras 3 load_weights wants .weights.h5.
    module = _engine_module(TF_KERAS)
    with open(options.architecture, encoding="utf-8") as handle:
        model = module.models.model_from_json(handle.read(), custom_objects=custom or None)
    try:
        status = model.load_weights(detected.path)
        status.assert_existing_objects_matched()
    except Exception as exc:
        raise InputError(f"{detected.path}: cannot restore into the --architecture model ({one_line(exc, 200)})")
    return LoadedKeras(model, TF_KERAS)


# ---------------------------------------------------------------- between engines

def to_keras3(loaded: LoadedKeras, options: Options | None = None, source: str = "model") -> LoadedKeras:
    """The same model as a Keras 3 object (for the .keras format).

    A tf_keras model is written as HDF5 by tf_keras, its config upgraded
    (`keras2to3.upgrade_config`) and read by Keras 3's legacy HDF5 loader, which sets the
    weights layer by layer in order. --custom-objects and --unsafe reach this load too.
    Raises UsageError when a custom layer class the model uses is a tf_keras class (Keras 3
    cannot build it), keras2to3.NotExpressible for layers Keras 3 has no equivalent of."""
    if loaded.engine == KERAS3:
        return loaded
    options = options or Options()
    custom = load_custom_objects(options.custom_objects)
    config = json.loads(loaded.model.to_json())
    used = {layer.get("class_name") for layer in iter_layer_configs(config)}
    tfk = tfenv.tf_keras()
    legacy = sorted(name for name, value in custom.items()
                    if name in used and isinstance(value, type) and tfk is not None
                    and issubclass(value, tfk.layers.Layer))
    if legacy:
        raise UsageError(
            f"{source}: custom layer class '{legacy[0]}' is written for tf_keras (it subclasses "
            f"tf_keras.layers.Layer); a .keras file is read by Keras 3, which needs the class written for "
            f"Keras 3: subclass keras.layers.Layer (import keras), keep its build/call/get_config, and pass "
            f"that file with --custom-objects (other targets work with the tf_keras class)")
    keras3_custom = {name: value for name, value in custom.items()
                     if not (isinstance(value, type) and tfk is not None and issubclass(value, tfk.layers.Layer))}
    with tempfile.TemporaryDirectory(prefix="migrate-k3-") as tmp:
        path = os.path.join(tmp, "model.h5")
        loaded.model.save(path)
        kwargs = {"compile": False, "custom_objects": keras3_custom or None, "safe_mode": not options.unsafe}
        with unsafe_scope(options.unsafe):
            model, changes = _keras3_load_legacy_h5(path, kwargs, upgrade_first=True)
    notes = ["carried from tf_keras to Keras 3 through HDF5"]
    if changes:
        notes.append("Keras 2 → Keras 3 config upgrade: " + "; ".join(changes))
    return LoadedKeras(model, KERAS3, loaded.notes + notes)


# ---------------------------------------------------------------- signatures

def io_names(model) -> tuple[list[str], list[str]]:
    inputs = [t.name.split(":")[0] for t in model.inputs]
    outputs = list(getattr(model, "output_names", None) or [t.name.split("/")[0] for t in model.outputs])
    return inputs, outputs


def input_specs(model):
    """[(name, shape-with-None, numpy dtype name)] for each model input."""
    names, _ = io_names(model)
    specs = []
    for name, tensor in zip(names, model.inputs):
        shape = tuple(None if d is None else int(d) for d in tensor.shape)
        dtype = tensor.dtype if isinstance(tensor.dtype, str) else tensor.dtype.name
        specs.append((name, shape, dtype))
    return specs


def concrete_function(model, batch: int | None = None):
    """A traced call of the model with named inputs and named outputs (for freezing/TFLite);
    `batch` fixes a dynamic leading dimension."""
    tf = tfenv.tf()
    specs = input_specs(model)
    _, out_names = io_names(model)
    signature = []
    for name, shape, dtype in specs:
        if batch is not None and shape and shape[0] is None:
            shape = (batch,) + tuple(shape[1:])
        signature.append(tf.TensorSpec(shape, dtype, name=name))

    @tf.function(input_signature=signature)
    def serve(*args):
        result = model(list(args) if len(args) > 1 else args[0], training=False)
        result = result if isinstance(result, (list, tuple)) else [result]
        return {name: tensor for name, tensor in zip(out_names, result)}

    return serve.get_concrete_function()
