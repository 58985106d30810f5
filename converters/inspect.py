"""`migrate model inspect`: what a model file is and what converting it will meet.

Reports format, writer versions, inputs/outputs (names, dtypes, shapes), parameter count,
an op histogram (Keras layer classes for Keras formats, graph op types otherwise, TFLite
operators for .tflite), custom classes needed, the ops TFLite builtins lack (a trial
conversion with builtins only), and file sizes. A checkpoint is described from its index
alone: every variable with shape and dtype, no graph or code needed.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from migrate.converters import ckpt, detect as detection, graphs, keras_engine, tfenv, tflite, unsafe_ops
from migrate.converters.base import Options
from migrate.converters.errors import ModelError, one_line

_VARIABLE_OPS = ("VariableV2", "Variable", "VarHandleOp")


def _tensor(name, shape, dtype) -> dict:
    return {"name": name, "shape": None if shape is None else [None if d is None or d < 0 else int(d) for d in shape],
            "dtype": dtype}


def describe(path: str, from_fmt: str | None = None, custom_objects: str | None = None,
             weights: str | None = None, preflight: bool = True) -> dict:
    detected = detection.detect(path, from_fmt, weights=weights)
    sizes = detected.sizes()
    info = {"path": detected.path, "format": detected.fmt, "files": sizes, "total_bytes": sum(sizes.values())}
    options = Options(custom_objects=custom_objects, weights=weights)
    describer = {"h5": _keras, "json": _keras, "keras": _keras, "savedmodel": _savedmodel,
                 "frozen": _frozen, "tflite": _tflite, "ckpt": _checkpoint}[detected.fmt]
    if detected.fmt in ("savedmodel", "frozen", "ckpt"):
        # Read from the protobufs alone; a graph with such ops is never run, not even by the
        # TFLite pre-flight (the converter's constant folding would execute a ReadFile).
        findings = unsafe_ops.scan_path(detected)
        info["unsafe_ops"] = [finding.as_dict() for finding in findings]
        if findings:
            preflight = False
    describer(detected, options, info, preflight)
    return info


def _keras(detected, options, info, preflight):
    facts = detected.facts
    info["writer"] = {"keras_version": facts.get("keras_version"), "backend": facts.get("backend")}
    if facts.get("weights_only"):
        info["note"] = "HDF5 weights only (no architecture)"
        return
    config = facts["config"]
    custom = keras_engine.load_custom_objects(options.custom_objects)
    info["custom_objects_needed"] = keras_engine.custom_classes_needed(config, custom)
    info["lambda_bytecode_layers"] = keras_engine.lambda_bytecode_layers(config)
    info["op_histogram"] = dict(Counter(layer["class_name"] for layer in keras_engine.iter_layer_configs(config)
                                        if layer["class_name"] not in ("Functional", "Sequential", "Model")))
    if info["custom_objects_needed"] or info["lambda_bytecode_layers"]:
        info["note"] = ("not loaded: " + ("custom classes missing (--custom-objects)" if info["custom_objects_needed"]
                                          else "Lambda bytecode would run code from the file"))
        return
    if detected.fmt == "json" and not facts.get("weights"):
        info["note"] = "architecture only: no weights file found beside it (--weights FILE)"
        return
    loaded = keras_engine.load(detected, options)
    model = loaded.model
    info["engine"] = loaded.engine
    names_in, names_out = keras_engine.io_names(model)
    info["inputs"] = [_tensor(n, s, d) for n, s, d in keras_engine.input_specs(model)]
    info["outputs"] = [_tensor(n, tuple(t.shape), t.dtype if isinstance(t.dtype, str) else t.dtype.name)
                       for n, t in zip(names_out, model.outputs)]
    info["parameters"] = int(model.count_params())
    if preflight:
        tf = tfenv.tf()
        info["tflite_preflight"] = tflite.preflight(lambda: tf.lite.TFLiteConverter.from_keras_model(model))


def _signature_io(signature) -> tuple[list, list]:
    tf = tfenv.tf()

    def entries(mapping):
        result = []
        for key in sorted(mapping):
            tensor_info = mapping[key]
            shape = None if tensor_info.tensor_shape.unknown_rank else [d.size for d in tensor_info.tensor_shape.dim]
            dtype = tf.dtypes.as_dtype(tensor_info.dtype).name if tensor_info.dtype else "composite"
            result.append(_tensor(key, shape, dtype))
        return result

    return entries(signature.inputs), entries(signature.outputs)


def _graph_histogram(graph_def, include_library=True) -> dict:
    counts = Counter(node.op for node in graph_def.node)
    if include_library:
        for function in graph_def.library.function:
            counts.update(node.op for node in function.node_def)
    return dict(counts.most_common())


def _savedmodel(detected, options, info, preflight):
    facts = detected.facts
    if facts.get("pbtxt"):
        info["note"] = "text saved_model.pbtxt; only the binary form is described"
        return
    proto = facts["proto"]
    meta = proto.meta_graphs[0]
    info["writer"] = {"tensorflow_version": meta.meta_info_def.tensorflow_version or None,
                      "tensorflow_git_version": meta.meta_info_def.tensorflow_git_version or None,
                      "keras_metadata": facts.get("keras_metadata")}
    info["signatures"] = {}
    for key, signature in sorted(meta.signature_def.items()):
        inputs, outputs = _signature_io(signature)
        info["signatures"][key] = {"inputs": inputs, "outputs": outputs}
    serving = info["signatures"].get("serving_default") or next(iter(info["signatures"].values()), {})
    info["inputs"], info["outputs"] = serving.get("inputs", []), serving.get("outputs", [])
    info["op_histogram"] = _graph_histogram(meta.graph_def)
    try:
        variables = tfenv.tf().train.list_variables(detected.path + "/variables/variables")
        variables = [(n, s) for n, s in variables if "OPTIMIZER_SLOT" not in n and not n.startswith("_CHECKPOINTABLE")
                     and "optimizer" not in n and not n.startswith("save_counter")]
        # Keras 3 export() tracks every variable twice (`variables/N` and `_all_variables/N`).
        if any(n.startswith("variables/") for n, _ in variables):
            variables = [(n, s) for n, s in variables if not n.startswith("_all_variables/")]
        info["parameters"] = int(sum(int(np.prod(shape)) for _name, shape in variables))
    except Exception:
        info["parameters"] = None
    if preflight and meta.signature_def:
        tf = tfenv.tf()
        info["tflite_preflight"] = tflite.preflight(lambda: tf.lite.TFLiteConverter.from_saved_model(detected.path))


def _constants_size(graph_def) -> int:
    total = 0
    for node in graph_def.node:
        if node.op == "Const":
            dims = node.attr["value"].tensor.tensor_shape.dim
            if dims:
                total += int(np.prod([d.size for d in dims]))
    return total


def _frozen(detected, options, info, preflight):
    graph_def = detected.facts["graph_def"]
    info["writer"] = {"graph_def_producer": detected.facts.get("producer")}
    info["op_histogram"] = _graph_histogram(graph_def)
    info["variables_left"] = detected.facts.get("variables", [])
    chosen = graphs.choose_io(graph_def)
    inputs, outputs = chosen.inputs, chosen.outputs
    info["inference_graph"] = chosen.reasons
    info["inputs"] = []
    for name in inputs:
        shape, dtype = graphs.placeholder_spec(graph_def, name)
        info["inputs"].append(_tensor(name, shape, dtype.name))
    info["outputs"] = [{"name": name} for name in outputs]
    info["parameters"] = _constants_size(graph_def)
    info["parameters_note"] = "elements of non-scalar constants"
    if preflight and outputs and not info["variables_left"]:
        tf = tfenv.tf()
        frozen_graph = graphs.FrozenGraph(graphs.fix_placeholders(graph_def, chosen.fixed), inputs, outputs)
        function, keep = graphs.callable_from_graph_def(frozen_graph)
        info["tflite_preflight"] = tflite.preflight(
            lambda: tf.lite.TFLiteConverter.from_concrete_functions([function.get_concrete_function()], keep))


def _tflite(detected, options, info, preflight):
    model = detected.facts["model"]
    info["writer"] = {"schema_version": model.version,
                      "description": (model.description.decode() if isinstance(model.description, bytes)
                                      else model.description)}
    for item in model.metadata or []:
        name = item.name.decode() if isinstance(item.name, bytes) else item.name
        if name == "min_runtime_version":
            data = model.buffers[item.buffer].data
            raw = bytes(data) if data is not None else b""
            info["writer"]["min_runtime_version"] = raw.rstrip(b"\0").decode(errors="replace")
    histogram = tflite.op_histogram(model)
    info["op_histogram"] = dict(histogram.most_common())
    info["flex_ops"] = sorted(name[4:] for name in histogram if name.startswith("Flex"))
    tf = tfenv.tf()
    interpreter = tf.lite.Interpreter(model_path=detected.path)
    signatures = interpreter.get_signature_list()
    info["signatures"] = signatures
    info["inputs"] = [_tensor(d["name"], d["shape_signature"], np.dtype(d["dtype"]).name)
                      for d in interpreter.get_input_details()]
    info["outputs"] = [_tensor(d["name"], d["shape_signature"], np.dtype(d["dtype"]).name)
                       for d in interpreter.get_output_details()]
    subgraph = model.subgraphs[0]
    params = 0
    for tensor in subgraph.tensors:
        buffer = model.buffers[tensor.buffer] if tensor.buffer < len(model.buffers) else None
        has_data = buffer is not None and ((buffer.data is not None and len(buffer.data) > 0)
                                           or getattr(buffer, "size", 0))
        if has_data:
            params += int(np.prod(tensor.shape)) if tensor.shape is not None and len(tensor.shape) else 1
    info["parameters"] = params
    info["parameters_note"] = "elements of constant tensors"


def _checkpoint(detected, options, info, preflight):
    info["kind"] = detected.facts["kind"]
    table = ckpt.variable_table(detected.path)
    info["variables"] = table
    info["parameters"] = int(sum(int(np.prod(v["shape"])) if v["shape"] else 1 for v in table
                                 if "/.OPTIMIZER_SLOT/" not in v["name"] and not v["name"].startswith("save_counter")))
    meta = detected.facts.get("meta")
    if info["kind"] == "tf2-object":
        info["note"] = "TF2 object checkpoint: convert with --architecture model.json"
        return
    if not meta:
        info["note"] = "no .meta beside it: converting needs --graph model.meta or graph.pbtxt"
        return
    tf = tfenv.tf()
    from tensorflow.core.protobuf import meta_graph_pb2

    meta_graph = meta_graph_pb2.MetaGraphDef()
    with open(meta, "rb") as handle:
        meta_graph.ParseFromString(handle.read())
    info["writer"] = {"tensorflow_version": meta_graph.meta_info_def.tensorflow_version or None}
    graph_def = meta_graph.graph_def
    info["op_histogram"] = _graph_histogram(graph_def)
    chosen = graphs.choose_io(graph_def)
    inputs, outputs = chosen.inputs, chosen.outputs
    info["inputs"] = []
    for name in inputs:
        shape, dtype = graphs.placeholder_spec(graph_def, name)
        info["inputs"].append(_tensor(name, shape, dtype.name))
    info["outputs"] = [{"name": name} for name in outputs]
    info["inference_graph"] = chosen.reasons
    if preflight:
        try:
            restored = ckpt.restore(detected, options)
            frozen_graph = ckpt.freeze(restored)
            restored.session.close()
            function, keep = graphs.callable_from_graph_def(frozen_graph)
            info["tflite_preflight"] = tflite.preflight(
                lambda: tf.lite.TFLiteConverter.from_concrete_functions([function.get_concrete_function()], keep))
        except ModelError as exc:
            info["tflite_preflight"] = {"error": str(exc)}
        except Exception as exc:
            info["tflite_preflight"] = {"error": one_line(exc, 200)}


def render(info: dict) -> str:
    """Human-readable form of `describe`'s result."""
    lines = [f"{info['path']}: {info['format']}" + (f" ({info['kind']})" if info.get("kind") else "")]
    writer = {k: v for k, v in (info.get("writer") or {}).items() if v not in (None, "")}
    if writer:
        lines.append("writer: " + ", ".join(f"{k} {v}" for k, v in writer.items()))
    if info.get("engine"):
        lines.append(f"loads with: {info['engine']}")
    for key in ("inputs", "outputs"):
        if info.get(key) is not None:
            lines.append(f"{key}:")
            for tensor in info[key]:
                shape = tensor.get("shape")
                shape_text = "?" if shape is None else "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
                lines.append(f"  {tensor['name']}" + (f": {tensor.get('dtype')} {shape_text}" if "dtype" in tensor else ""))
    if info.get("parameters") is not None:
        lines.append(f"parameters: {info['parameters']:,}" + (f" ({info['parameters_note']})" if info.get("parameters_note") else ""))
    if info.get("variables") is not None:
        lines.append(f"variables ({len(info['variables'])}):")
        for var in info["variables"]:
            lines.append(f"  {var['name']}: {var['dtype']} {tuple(var['shape'])}")
    if info.get("op_histogram"):
        items = sorted(info["op_histogram"].items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("ops: " + ", ".join(f"{name}×{count}" for name, count in items[:40])
                     + (f", … ({len(items) - 40} more kinds)" if len(items) > 40 else ""))
    if info.get("custom_objects_needed"):
        lines.append("custom objects needed: " + ", ".join(info["custom_objects_needed"]) + " (--custom-objects)")
    if info.get("lambda_bytecode_layers"):
        lines.append("Lambda bytecode layers: " + ", ".join(info["lambda_bytecode_layers"]) + " (--unsafe to load)")
    if info.get("flex_ops"):
        lines.append("flex ops: " + ", ".join(info["flex_ops"]))
    for reason in info.get("inference_graph") or []:
        lines.append(f"chosen: {reason}")
    if info.get("unsafe_ops"):
        lines.append(f"UNSAFE ops ({len(info['unsafe_ops'])}; converting needs --unsafe, nothing was run):")
        for finding in info["unsafe_ops"]:
            lines.append(f"  {finding['op']}: {finding['touches']}; node '{finding['node']}' in {finding['where']}")
    pre = info.get("tflite_preflight")
    if pre:
        if pre.get("builtins_only"):
            lines.append("tflite pre-flight: all ops are TFLite builtins")
        elif pre.get("flex_ops") or pre.get("custom_ops"):
            lines.append("tflite pre-flight: not builtins: " + ", ".join(pre.get("flex_ops", []))
                         + (f"; need custom kernels: {', '.join(pre['custom_ops'])}" if pre.get("custom_ops") else ""))
        elif pre.get("error"):
            lines.append(f"tflite pre-flight: {pre['error']}")
    if info.get("note"):
        lines.append(f"note: {info['note']}")
    lines.append("files: " + ", ".join(f"{name} ({size:,} B)" for name, size in info["files"].items()))
    return "\n".join(lines)
