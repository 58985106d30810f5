"""The conversion graph: formats are nodes, converters are edges, a plan is a shortest path.

Each edge is a direct conversion done in memory by TensorFlow/Keras; a plan with more
than one edge writes its intermediate files into a temporary directory. Whether an edge
applies can depend on the source file (a SavedModel converts to Keras formats only when
Keras 2 wrote it; a checkpoint is either a TF1 graph checkpoint or a TF2 object one), so
the first edge of a plan is checked against what detection found.
"""
from __future__ import annotations

import dataclasses
from collections import deque
from typing import Callable

from migrate.converters.base import Detected
from migrate.converters.errors import ImpossibleConversion

FORMATS = ("ckpt", "h5", "json", "keras", "savedmodel", "frozen", "tflite")
KERAS_FORMATS = ("h5", "json", "keras")


@dataclasses.dataclass(frozen=True)
class Edge:
    source: str
    target: str
    how: str  # what TensorFlow call does it, for --dry-run and the docs
    applies: Callable[[Detected | None], bool] = lambda detected: True


def _keras_rebuildable(detected: Detected | None) -> bool:
    if detected is None:
        return False  # intermediates we wrote ourselves are never planned back into Keras
    if detected.fmt == "savedmodel":
        return bool(detected.facts.get("keras_metadata"))
    if detected.fmt == "ckpt":
        return detected.facts.get("kind") == "tf2-object"
    return detected.fmt in KERAS_FORMATS


def _tf1_checkpoint(detected: Detected | None) -> bool:
    return detected is not None and detected.facts.get("kind") == "tf1"


def _build_edges() -> list[Edge]:
    edges = []
    for source in KERAS_FORMATS:
        edges += [
            Edge(source, "savedmodel", "Keras 3: model.export(); tf_keras: model.save(save_format='tf')"),
            Edge(source, "tflite", "TFLiteConverter.from_keras_model (builtins, Flex on demand)"),
            Edge(source, "frozen", "tf.function → convert_variables_to_constants_v2"),
        ]
    for source in KERAS_FORMATS + ("savedmodel", "ckpt"):
        for target in KERAS_FORMATS:
            how = {"h5": "model.save('*.h5')", "json": "model.to_json() + save_weights('*.weights.h5')",
                   "keras": "Keras 3 model.save('*.keras') (tf_keras models carried over via HDF5)"}[target]
            if source == "savedmodel":
                how = "tf_keras.models.load_model(SavedModel) → " + how
            if source == "ckpt":
                how = "--architecture json + tf_keras load_weights(checkpoint) → " + how
            edges.append(Edge(source, target, how, _keras_rebuildable))
    edges += [
        Edge("savedmodel", "frozen", "serving signature → convert_variables_to_constants_v2"),
        Edge("savedmodel", "tflite", "serving signature → TFLiteConverter.from_concrete_functions "
             "(builtins, Flex on demand)"),
        Edge("frozen", "savedmodel", "wrap_function(import_graph_def).prune → tf.saved_model.save"),
        Edge("frozen", "tflite", "wrap_function(import_graph_def).prune → TFLiteConverter.from_concrete_functions"),
        Edge("ckpt", "frozen", "import_meta_graph + Saver.restore → convert_variables_to_constants",
             _tf1_checkpoint),
        Edge("frozen", "ckpt", "weight constants → VariableV2 + Saver in .meta; values via SaveV2"),
    ]
    return edges


EDGES = _build_edges()


def plan(detected: Detected, target: str) -> list[Edge]:
    """Shortest chain of edges from the detected source to `target` (BFS)."""
    source = detected.fmt
    if target not in FORMATS:
        raise ImpossibleConversion(f"unknown target format '{target}'; choose one of {', '.join(FORMATS)}")
    if source == target:
        direct = [e for e in EDGES if e.source == source and e.target == target and e.applies(detected)]
        if direct:
            return direct
        raise ImpossibleConversion(f"{detected.path}: already {target}; nothing to convert")
    # BFS over (format, is-the-original-source) so only first edges see the source facts.
    queue = deque([(source, [])])
    seen = {source}
    while queue:
        node, path = queue.popleft()
        for edge in EDGES:
            if edge.source != node or edge.target in seen:
                continue
            if not edge.applies(detected if not path else None):
                continue
            new_path = path + [edge]
            if edge.target == target:
                return new_path
            seen.add(edge.target)
            queue.append((edge.target, new_path))
    raise ImpossibleConversion(f"{detected.path}: cannot convert {source} → {target}: {why_impossible(detected, target)}")


def why_impossible(detected: Detected, target: str) -> str:
    source = detected.fmt
    if source == "tflite":
        return "a TFLite flatbuffer is a final, inference-only format; TensorFlow has no converter back from it"
    if target in KERAS_FORMATS:
        what = {"frozen": "a frozen GraphDef", "savedmodel": "this SavedModel (no keras_metadata.pb)",
                "ckpt": "a TF1 checkpoint"}.get(source, source)
        return (f"{what} holds a TensorFlow graph, not Keras layers; Keras formats can be written only from "
                f"h5/json/keras, a SavedModel written by Keras 2, or a TF2 checkpoint with --architecture")
    return "no chain of converters leads there"


def describe(path: list[Edge]) -> str:
    if not path:
        return ""
    return " → ".join([path[0].source] + [edge.target for edge in path])


def matrix() -> dict[tuple[str, str], str]:
    """For the docs: every (source, target) pair and its planned route, or why not."""
    result = {}
    for source in FORMATS:
        for target in FORMATS:
            facts = {"kind": "tf1"} if source == "ckpt" else {}
            detected = Detected(source, f"model.{source}", facts)
            try:
                result[(source, target)] = describe(plan(detected, target))
            except ImpossibleConversion as exc:
                result[(source, target)] = "— " + str(exc).split(": ", 2)[-1]
    return result
