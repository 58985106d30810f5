"""Frozen graph (`frozen`): a single GraphDef protobuf (`.pb`, or text `.pbtxt`) whose
variables have been folded into constants.

Detected by parsing: a binary that is not a SavedModel (a SavedModel proto has a schema
version and meta graphs; a GraphDef's first field is `node`) but parses as a GraphDef
with nodes and no variable ops. A GraphDef records no inputs/outputs: inputs are its
Placeholders, outputs are the ops nothing consumes (minus saver/summary/training ops),
unless --inputs/--outputs say otherwise.
"""
from __future__ import annotations

import os

from migrate.converters import graphs, tfenv
from migrate.converters.base import Detected, Options
from migrate.converters.errors import InputError, UsageError, one_line

NAME = "frozen"
SUFFIX = ".pb"
_VARIABLE_OPS = {"VariableV2", "Variable", "VarHandleOp"}


def parse_graph_def(path: str):
    tf = tfenv.tf()
    from google.protobuf import text_format

    graph_def = tf.compat.v1.GraphDef()
    with open(path, "rb") as handle:
        data = handle.read()
    if path.endswith(".pbtxt"):
        text_format.Parse(data.decode("utf-8"), graph_def)
    else:
        graph_def.ParseFromString(data)
    return graph_def


def detect(path: str) -> Detected | None:
    if os.path.isdir(path) or not path.endswith((".pb", ".pbtxt", ".graphdef")):
        return None
    try:
        graph_def = parse_graph_def(path)
    except Exception as exc:
        raise InputError(f"{path}: not a readable GraphDef ({one_line(exc, 150)})")
    if not graph_def.node:
        raise InputError(f"{path}: GraphDef without nodes (empty, truncated or not a graph)")
    variables = [n.name for n in graph_def.node if n.op in _VARIABLE_OPS]
    facts = {"producer": graph_def.versions.producer, "graph_def": graph_def, "variables": variables}
    return Detected("frozen", path, facts, [path])


def load(detected: Detected, options: Options) -> graphs.FrozenGraph:
    graph_def = detected.facts.get("graph_def") or parse_graph_def(detected.path)
    if detected.facts.get("variables"):
        raise UsageError(f"{detected.path}: graph still has variables ({detected.facts['variables'][0]}, ...); "
                         f"it is not frozen — convert its checkpoint with --graph {detected.path} instead")
    names = {node.name for node in graph_def.node}
    for flag, given in (("--outputs", options.outputs), ("--inputs", options.inputs)):
        for name in given or []:
            if name.split(":")[0] not in names:
                raise UsageError(f"{detected.path}: {flag} names '{name}', which is not a node of the graph")
    chosen = graphs.choose_io(graph_def, None, options.inputs, options.outputs)
    if not chosen.outputs:
        raise UsageError(f"{detected.path}: cannot tell the graph's outputs; pass --outputs NAME[,NAME]")
    graph_def = graphs.cut_fed_defaults(graphs.fix_placeholders(graph_def, chosen.fixed), chosen.inputs,
                                        chosen.outputs)
    return graphs.FrozenGraph(graph_def, chosen.inputs, chosen.outputs, chosen.reasons)


def save(frozen: graphs.FrozenGraph, out_path: str) -> list[str]:
    with open(out_path, "wb") as handle:
        handle.write(frozen.graph_def.SerializeToString())
    return [out_path]
