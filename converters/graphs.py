"""GraphDef plumbing shared by the ckpt, frozen and savedmodel formats: freezing a
concrete function, finding a graph's inputs and outputs, and turning a frozen GraphDef
back into a callable TF2 function."""
from __future__ import annotations

import dataclasses
import re

from migrate.converters import tfenv
from migrate.converters.errors import UsageError

# Ops that are never a model's output even when nothing consumes them.
_NOT_OUTPUT_TYPES = {
    "NoOp", "Const", "Placeholder", "PlaceholderWithDefault", "VariableV2", "Variable",
    "VarHandleOp", "Assign", "AssignVariableOp", "AssignAdd", "AssignSub", "SaveV2", "RestoreV2",
    "Save", "Restore", "MergeV2Checkpoints", "ShardedFilename", "StringJoin", "Assert",
    "ScalarSummary", "HistogramSummary", "ImageSummary", "MergeSummary", "TensorSummary",
    "TensorSummaryV2", "IsVariableInitialized", "VarIsInitializedOp", "ReportUninitializedVariables",
}
# Top-level name scopes of saver, optimizer and initialisation machinery (TF1 uniquifies
# repeated scopes as `save_1`, `gradients_2`, ...).
_MACHINERY_SCOPE = re.compile(r"^(save|gradients|init|init_all_tables|report_uninitialized_variables|train|"
                              r"Merge|global_step|beta1_power|beta2_power)(_\d+)?$")


@dataclasses.dataclass
class FrozenGraph:
    graph_def: object
    inputs: list[str]  # op names of the feeds
    outputs: list[str]  # op names of the fetches, in output order


def natural_key(name: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _is_training_op(node) -> bool:
    return (node.op in _NOT_OUTPUT_TYPES or node.op.startswith(("Apply", "ResourceApply"))
            or bool(_MACHINERY_SCOPE.match(node.name.split("/")[0])))


def find_outputs(graph_def) -> list[str]:
    """Ops whose results only training/saver/summary machinery consumes."""
    consumers: dict[str, set[str]] = {}
    by_name = {node.name: node for node in graph_def.node}
    for node in graph_def.node:
        for inp in node.input:
            source = inp.lstrip("^").split(":")[0]
            consumers.setdefault(source, set()).add(node.name)
    inputs = {n.name for n in graph_def.node if n.op == "Placeholder"}
    downstream = _downstream_of(graph_def, inputs)
    outputs = []
    for node in graph_def.node:
        if _is_training_op(node) or node.name not in downstream:
            continue
        real_consumers = [c for c in consumers.get(node.name, ()) if not _is_training_op(by_name[c])]
        if not real_consumers:
            outputs.append(node.name)
    return outputs


def _downstream_of(graph_def, sources: set[str]) -> set[str]:
    consumers: dict[str, list[str]] = {}
    for node in graph_def.node:
        for inp in node.input:
            if not inp.startswith("^"):
                consumers.setdefault(inp.split(":")[0], []).append(node.name)
    seen, stack = set(sources), list(sources)
    while stack:
        for nxt in consumers.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def upstream_placeholders(graph_def, outputs: list[str]) -> list[str]:
    by_name = {node.name: node for node in graph_def.node}
    seen, stack, found = set(), list(outputs), []
    while stack:
        name = stack.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        node = by_name[name]
        if node.op == "Placeholder":
            found.append(name)
        stack.extend(i.lstrip("^").split(":")[0] for i in node.input)
    order = [n.name for n in graph_def.node]
    return sorted(found, key=order.index)


def freeze_concrete_function(function) -> FrozenGraph:
    """Variables → constants; sinks renamed after the function's structured output keys."""
    tf = tfenv.tf()
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    frozen = convert_variables_to_constants_v2(function)
    graph_def = frozen.graph.as_graph_def()
    structured = function.structured_outputs
    if isinstance(structured, dict):
        keys = sorted(structured)  # tf.nest flattens dicts in sorted key order
    else:
        keys = [f"output_{i}" for i in range(len(frozen.outputs))]
    sink_names = [t.name.split(":")[0] for t in frozen.outputs]
    existing = {node.name for node in graph_def.node}
    renames = {}
    for sink, key in zip(sink_names, keys):
        wanted = re.sub(r"[^A-Za-z0-9_.\-/]", "_", key)
        if wanted != sink and wanted not in existing:
            renames[sink] = wanted
            existing.add(wanted)
    for node in graph_def.node:
        if node.name in renames:
            node.name = renames[node.name]
        for i, inp in enumerate(node.input):  # nothing should consume a sink, but stay consistent
            base, sep, rest = inp.partition(":")
            if base in renames:
                node.input[i] = renames[base] + sep + rest
    inputs = [t.name.split(":")[0] for t in frozen.inputs if t.dtype != tf.resource]
    outputs = [renames.get(s, s) for s in sink_names]
    return FrozenGraph(graph_def, inputs, outputs)


def placeholder_spec(graph_def, name: str):
    tf = tfenv.tf()
    for node in graph_def.node:
        if node.name == name:
            dtype = tf.dtypes.as_dtype(node.attr["dtype"].type)
            shape_proto = node.attr["shape"].shape
            if shape_proto.unknown_rank:
                shape = None
            else:
                shape = tuple(None if d.size < 0 else int(d.size) for d in shape_proto.dim)
            return shape, dtype
    raise UsageError(f"input '{name}' is not a node of the graph")


def callable_from_graph_def(frozen: FrozenGraph, batch: int | None = None):
    """A tf.function with named TensorSpec inputs returning {output name: tensor};
    `batch` fixes the placeholders' dynamic leading dimension (shapes propagate on import)."""
    tf = tfenv.tf()
    graph_def = frozen.graph_def
    if batch is not None:
        graph_def = type(graph_def).FromString(graph_def.SerializeToString())
        for node in graph_def.node:
            if node.name in frozen.inputs and node.op == "Placeholder":
                dims = node.attr["shape"].shape.dim
                if dims and dims[0].size < 0:
                    dims[0].size = batch

    def _import():
        tf.compat.v1.import_graph_def(graph_def, name="")

    wrapped = tf.compat.v1.wrap_function(_import, [])
    graph = wrapped.graph
    feeds = [graph.get_tensor_by_name(f"{name}:0") for name in frozen.inputs]
    fetches = [graph.get_tensor_by_name(f"{name}:0") for name in frozen.outputs]
    pruned = wrapped.prune(feeds=feeds, fetches=fetches)
    signature = []
    for name in frozen.inputs:
        shape, dtype = placeholder_spec(graph_def, name)
        signature.append(tf.TensorSpec(shape, dtype, name=name))

    @tf.function(input_signature=signature)
    def serve(*args):
        results = pruned(*args)
        return {name: tf.identity(t) for name, t in zip(frozen.outputs, results)}

    return serve, wrapped
