"""TensorFlow Lite (`tflite`): a FlatBuffer with the file identifier `TFL3` at bytes 4..8.

Detected by that identifier. TFLite is a final format: nothing converts back from it.
Conversion tries TFLite builtin ops first; when the converter reports
ERROR_NEEDS_FLEX_OPS it converts again with SELECT_TF_OPS (`--select-tf-ops auto`, the
default) and reports the ops that went to Flex. The Python interpreter shipped with
TensorFlow cannot run Flex ops, so such a model cannot be verified here — it is reported
as not verifiable, never as passed. Keras models are converted with
`TFLiteConverter.from_keras_model` (measured correct for Keras 3 and tf_keras models).
"""
from __future__ import annotations

from collections import Counter

from migrate.converters import tfenv
from migrate.converters.base import Detected, Options, read_head
from migrate.converters.errors import ConversionFailed, InputError, UsageError, one_line

NAME = "tflite"
SUFFIX = ".tflite"

# From tensorflow/compiler/mlir/lite/metrics/converter_error_data.proto.
ERROR_NEEDS_FLEX_OPS = 1
ERROR_NEEDS_CUSTOM_OPS = 2

QUANTIZATIONS = ("float16", "int8-dynamic")


def detect(path: str) -> Detected | None:
    head = read_head(path, 8)
    if len(head) < 8 or head[4:8] != b"TFL3":
        return None
    try:
        model = read_model(path)
    except Exception as exc:
        raise InputError(f"{path}: corrupt or truncated TFLite file ({one_line(exc, 150)})")
    facts = {"version": model.version, "model": model}
    return Detected("tflite", path, facts, [path])


def read_model(path: str):
    tfenv.tf()
    from tensorflow.lite.tools import flatbuffer_utils

    with open(path, "rb") as handle:
        data = bytearray(handle.read())
    return flatbuffer_utils.convert_bytearray_to_object(data)


def _builtin_names() -> dict[int, str]:
    tfenv.tf()
    from tensorflow.lite.python import schema_py_generated as schema

    return {value: name for name, value in vars(schema.BuiltinOperator).items() if not name.startswith("_")}


def op_histogram(model) -> Counter:
    names = _builtin_names()
    counts = Counter()
    for subgraph in model.subgraphs:
        for op in subgraph.operators:
            code = model.operatorCodes[op.opcodeIndex]
            if code.customCode:
                counts[code.customCode.decode() if isinstance(code.customCode, bytes) else code.customCode] += 1
            else:
                builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
                counts[names.get(builtin, str(builtin))] += 1
    return counts


def flex_ops_in(content: bytes) -> list[str]:
    tfenv.tf()
    from tensorflow.lite.tools import flatbuffer_utils

    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(content))
    names = set()
    for code in model.operatorCodes:
        custom = code.customCode.decode() if isinstance(code.customCode, bytes) else code.customCode
        if custom and custom.startswith("Flex"):
            names.add(custom[len("Flex"):])
    return sorted(names)


def _configure(converter, options: Options, select: bool):
    tf = tfenv.tf()
    if select:
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS, tf.lite.OpsSet.SELECT_TF_OPS]
    if options.quantize == "float16":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
    elif options.quantize == "int8-dynamic":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]  # weights int8, activations float
    elif options.quantize:
        raise UsageError(f"--quantize {options.quantize}: choose one of {', '.join(QUANTIZATIONS)}")
    return converter


def _needed_ops(error, code: int) -> list[str]:
    """Op names (TensorFlow's, without the MLIR `tf.` prefix) the converter reported with `code`."""
    found = []
    for data in getattr(error, "errors", []) or []:
        name = data.operator.name
        name = name[len("tf."):] if name.startswith("tf.") else name
        if data.error_code == code and name and name not in found:
            found.append(name)
    return found


def _is_static_shape_failure(error) -> bool:
    # Keras 3 recurrent layers lower to TensorList ops that TFLite accepts only with static shapes.
    text = str(getattr(error, "detail", "")) + str(error)
    return "element_shape to be static" in text or "Lowering tensor list ops is failed" in text


def convert(make_converter, options: Options, source: str, fixed_batch=None) -> tuple[bytes, list[str], list[str]]:
    """Convert with builtins first, Flex on demand. When dynamic shapes block the lowering of
    TensorList ops (recurrent layers): trace the model at batch 1 if `fixed_batch` can, else
    keep those ops as Flex ops, as the converter itself suggests.
    Returns (flatbuffer, Flex op names, notes)."""
    try:
        content, flex = _convert(make_converter, options, source)
        return content, flex, []
    except ConversionFailed as error:
        if not _is_static_shape_failure(error):
            raise
        failure = error
    tf = tfenv.tf()
    if fixed_batch is not None:
        try:
            frozen_function = fixed_batch()
            # Any trackable object makes the converter emit a serving_default signature.
            content, flex = _convert(
                lambda: tf.lite.TFLiteConverter.from_concrete_functions([frozen_function], tf.Module()),
                options, source)
            return content, flex, ["TFLite needs static shapes for this model (recurrent layer): batch size fixed to 1"]
        except ConversionFailed as error:
            if not _is_static_shape_failure(error):
                raise
            failure = error
    if options.select_tf_ops == "never":
        raise ConversionFailed(f"{source}: recurrent layers need TensorList ops that TFLite builtins support only "
                               f"with static shapes; convert from the Keras file, or allow Flex with "
                               f"--select-tf-ops auto") from failure

    def keep_tensor_lists():
        converter = make_converter()
        converter._experimental_lower_tensor_list_ops = False  # the converter's own advice for this case
        return converter

    content = _configure(keep_tensor_lists(), options, select=True).convert()
    return content, flex_ops_in(content), ["TensorList ops (recurrent layer with dynamic shapes) kept as Flex ops"]


def _convert(make_converter, options: Options, source: str) -> tuple[bytes, list[str]]:
    mode = options.select_tf_ops
    if mode not in ("auto", "always", "never"):
        raise UsageError(f"--select-tf-ops {mode}: choose auto, always or never")
    if mode == "always":
        content = _convert_with_flex(make_converter, options, source)
        return content, flex_ops_in(content)
    try:
        # A failure here is expected for models needing Flex; its MLIR dump would drown the output.
        with tfenv.native_stderr_muted():
            return _configure(make_converter(), options, select=False).convert(), []
    except Exception as error:
        _raise_if_custom_ops(error, source)
        flex = _needed_ops(error, ERROR_NEEDS_FLEX_OPS)
        if not flex:
            failure = ConversionFailed(f"{source}: TFLite conversion failed ({one_line(error, 300)})")
            failure.detail = str(error)
            raise failure
        if mode == "never":
            raise ConversionFailed(f"{source}: ops not among TFLite builtins: {', '.join(flex)}; "
                                   f"they need Flex — allow with --select-tf-ops auto")
    content = _convert_with_flex(make_converter, options, source)
    return content, flex_ops_in(content) or flex


def _raise_if_custom_ops(error, source: str) -> None:
    custom = _needed_ops(error, ERROR_NEEDS_CUSTOM_OPS)
    if custom:
        raise ConversionFailed(f"{source}: ops with no TFLite builtin or Flex kernel need custom kernels: "
                               f"{', '.join(custom)}; implement them as TFLite custom ops or change the model")


def _convert_with_flex(make_converter, options: Options, source: str) -> bytes:
    try:
        with tfenv.native_stderr_muted():
            return _configure(make_converter(), options, select=True).convert()
    except Exception as error:
        _raise_if_custom_ops(error, source)
        raise


def freeze_function(function):
    tfenv.tf()
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    return convert_variables_to_constants_v2(function)


def from_keras(model, options: Options, source: str):
    tf = tfenv.tf()
    from migrate.converters.keras_engine import concrete_function

    # The retry must trace the Python model again: wrapping the dynamic-shape function would keep
    # its unknown shapes inside the call.
    return convert(lambda: tf.lite.TFLiteConverter.from_keras_model(model), options, source,
                   fixed_batch=lambda: freeze_function(concrete_function(model, batch=1)))


def from_frozen_graph(frozen_graph, options: Options, source: str):
    tf = tfenv.tf()
    from migrate.converters.graphs import callable_from_graph_def

    function, _keep_alive = callable_from_graph_def(frozen_graph)
    # A frozen graph has no variables; any trackable object makes the converter write a signature.
    return convert(lambda: tf.lite.TFLiteConverter.from_concrete_functions([function.get_concrete_function()],
                                                                           tf.Module()),
                   options, source,
                   fixed_batch=lambda: callable_from_graph_def(frozen_graph, batch=1)[0].get_concrete_function())


def from_saved_model(path: str, options: Options, source: str):
    """Through the loaded serving signature, not `from_saved_model`: measured on TF 2.21, a Keras 3
    model written with `tf.saved_model.save` converts via `from_saved_model` to a model that
    outputs inf/NaN, while its serving concrete function converts correctly."""
    tf = tfenv.tf()
    from migrate.converters.savedmodel import serving_function

    function, loaded = serving_function(path)
    return convert(lambda: tf.lite.TFLiteConverter.from_concrete_functions([function], loaded), options, source)


def save(content: bytes, out_path: str) -> list[str]:
    with open(out_path, "wb") as handle:
        handle.write(content)
    return [out_path]


def preflight(make_converter) -> dict:
    """Which ops TFLite builtins lack (a dry conversion with builtins only)."""
    try:
        with tfenv.native_stderr_muted():
            make_converter().convert()
        return {"builtins_only": True, "flex_ops": [], "custom_ops": []}
    except Exception as error:
        return {"builtins_only": False,
                "flex_ops": _needed_ops(error, ERROR_NEEDS_FLEX_OPS),
                "custom_ops": _needed_ops(error, ERROR_NEEDS_CUSTOM_OPS),
                "error": None if getattr(error, "errors", None) else one_line(error, 200)}
