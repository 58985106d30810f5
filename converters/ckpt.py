"""TensorFlow checkpoint (`ckpt`): a prefix `model.ckpt` with `model.ckpt.index` and
`model.ckpt.data-00000-of-00001` files, and for TF1 usually `model.ckpt.meta` (the graph).

Detected by the `.index` file next to the prefix (a path to the `.index`, `.meta` or a
`.data-*` shard, or a directory with a `checkpoint` file, is resolved to the prefix).
Two kinds are told apart by the variable names: a TF2 object checkpoint (written by
`tf.train.Checkpoint` / Keras `save_weights` in TF format) holds `_CHECKPOINTABLE_OBJECT_GRAPH`
and needs `--architecture model.json`; anything else is a TF1 name-based checkpoint, whose
graph comes from the `.meta` beside it or from `--graph` (a `.meta` or GraphDef `.pbtxt`).
A TF1 checkpoint is restored in a session, its inputs (placeholders) and outputs found,
and frozen; the conversion goes on from the frozen graph. Written (from a frozen graph) as
prefix.meta/.index/.data-00000-of-00001, the graph's weight constants turned back into
variables; what training state the source had (optimizer slots, step) is not recreated.
"""
from __future__ import annotations

import dataclasses
import os
import re

import numpy as np

from migrate.converters import graphs, tfenv
from migrate.converters.base import Detected, Options
from migrate.converters.errors import InputError, UsageError, one_line

NAME = "ckpt"
SUFFIX = ".ckpt"
_OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"


def _prefix_of(path: str) -> str | None:
    if os.path.isdir(path):
        state = os.path.join(path, "checkpoint")
        if not os.path.exists(state):
            return None
        with open(state, encoding="utf-8", errors="replace") as handle:
            match = re.search(r'^model_checkpoint_path:\s*"(.*)"', handle.read(), re.M)
        if not match:
            return None
        prefix = match.group(1)
        prefix = prefix if os.path.isabs(prefix) else os.path.join(path, prefix)
        if os.path.exists(prefix + ".index"):
            return prefix
        # A moved checkpoint: the `checkpoint` file still names where it was written
        # (musicnn ships one naming /home/...). Use the prefix found in this folder.
        local = os.path.join(path, os.path.basename(prefix.rstrip("/")))
        if os.path.exists(local + ".index"):
            return local
        found = sorted(f[: -len(".index")] for f in os.listdir(path) if f.endswith(".index"))
        if len(found) == 1:
            return os.path.join(path, found[0])
        raise InputError(f"{path}: its 'checkpoint' file points to a missing path ({prefix}) and the folder holds "
                         f"{len(found) or 'no'} .index files; pass the prefix itself (e.g. {path.rstrip('/')}/model)")
    for suffix in (".index", ".meta"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    match = re.match(r"(.*)\.data-\d+-of-\d+$", path)
    if match:
        return match.group(1)
    return path


def _reader(prefix: str):
    """A reader of the checkpoint at `prefix` itself. tf.train.load_checkpoint would take a
    prefix that is a folder path (musicnn's files are `MTT_musicnn/.index`, prefix
    `MTT_musicnn/`) for a folder and follow its `checkpoint` file instead."""
    return tfenv.tf().compat.v1.train.NewCheckpointReader(prefix)


def detect(path: str) -> Detected | None:
    prefix = _prefix_of(path)
    if prefix is None or not os.path.exists(prefix + ".index"):
        return None
    tf = tfenv.tf()
    try:
        reader = _reader(prefix)
        shapes = reader.get_variable_to_shape_map()
        variables = [(name, shapes[name]) for name in sorted(shapes)]
    except Exception as exc:
        raise InputError(f"{prefix}: corrupt or truncated checkpoint index ({one_line(exc, 150)})")
    names = [name for name, _shape in variables]
    kind = "tf2-object" if _OBJECT_GRAPH_KEY in names else "tf1"
    directory = os.path.dirname(prefix) or "."
    base = os.path.basename(prefix)
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory)
                   if f == base + ".index" or f == base + ".meta" or f.startswith(base + ".data-"))
    meta = prefix + ".meta" if os.path.exists(prefix + ".meta") else None
    facts = {"kind": kind, "meta": meta, "variables": variables}
    return Detected("ckpt", prefix, facts, files)


def variable_table(prefix: str) -> list[dict]:
    """Every variable with shape and dtype, read from the checkpoint alone (no graph)."""
    tf = tfenv.tf()
    reader = _reader(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    shapes = reader.get_variable_to_shape_map()
    return [{"name": name, "shape": list(shapes[name]), "dtype": dtypes[name].name}
            for name in sorted(shapes) if name != _OBJECT_GRAPH_KEY]


@dataclasses.dataclass
class RestoredGraph:
    session: object
    graph: object
    inputs: list[str]
    outputs: list[str]
    fixed: dict = dataclasses.field(default_factory=dict)  # placeholders fed a fixed inference value
    switches: list = dataclasses.field(default_factory=list)  # boolean switch variables set False
    reasons: list = dataclasses.field(default_factory=list)  # why these inputs/outputs


def missing_data_files(prefix: str) -> list[str]:
    """The `.data-KKKKK-of-NNNNN` shards a V2 checkpoint (one with `prefix.index`) lacks:
    every K < N for the N its shard names give, or the first shard when there is none
    (the index holds the number of shards, not read here; TF 1's Saver wrote one shard
    unless variables were placed on several devices)."""
    if not os.path.exists(prefix + ".index"):
        return []
    folder, base = os.path.split(prefix)
    pattern = re.compile(re.escape(base) + r"\.data-(\d{5})-of-(\d{5})$")
    found = [m for m in (pattern.match(name) for name in os.listdir(folder or ".")) if m]
    if not found:
        return [f"{base}.data-00000-of-00001"]
    count = max(int(m.group(2)) for m in found)
    have = {int(m.group(1)) for m in found}
    return [f"{base}.data-{k:05d}-of-{count:05d}" for k in range(count) if k not in have]


def restore(detected: Detected, options: Options) -> RestoredGraph:
    """Rebuild the TF1 graph, restore the variables into a session, pick inputs/outputs."""
    if detected.facts.get("kind") == "tf2-object":
        raise UsageError(f"{detected.path}: TF2 object checkpoint; pass --architecture model.json")
    missing = missing_data_files(detected.path)
    if missing:
        raise InputError(f"{detected.path}: the checkpoint's values are missing ({', '.join(missing)} is not next to "
                         f"its .index): copy the .data-* file(s) saved with it into {os.path.dirname(detected.path) or '.'}")
    tf = tfenv.tf()
    graph_path = options.graph or detected.facts.get("meta")
    if not graph_path:
        raise UsageError(f"{detected.path}: checkpoint without .meta holds variables only; a graph is needed — "
                         f"pass --graph model.meta or --graph graph.pbtxt ('migrate model inspect' lists the variables)")
    graph = tf.Graph()
    with graph.as_default():
        session = tf.compat.v1.Session(graph=graph)
        if graph_path.endswith(".meta"):
            try:
                saver = tf.compat.v1.train.import_meta_graph(_read_meta(graph_path), clear_devices=True)
            except Exception as exc:
                session.close()
                raise InputError(f"{graph_path}: cannot import the graph ({one_line(exc, 200)})")
            try:
                saver.restore(session, detected.path)
            except Exception as exc:
                session.close()
                raise InputError(f"{detected.path}: cannot restore checkpoint — corrupt, truncated or not matching "
                                 f"the graph ({one_line(getattr(exc, 'message', exc), 200)})")
        else:
            _restore_into_plain_graph(session, graph, graph_path, detected.path)
    graph_def = graph.as_graph_def()
    names = {node.name for node in graph_def.node}
    for flag, given in (("--outputs", options.outputs), ("--inputs", options.inputs)):
        missing = [o for o in given or [] if o.split(":")[0] not in names]
        if missing:
            session.close()
            raise UsageError(f"{detected.path}: {flag} names '{missing[0]}', which is not in the graph")
    chosen = graphs.choose_io(graph_def, graph, options.inputs, options.outputs)
    switches = _switch_variables_off(session, graph, graph_def, chosen)
    _check_explicit_inputs(detected.path, graph_def, graph, options.inputs or [], session)
    if not chosen.outputs:
        session.close()
        raise UsageError(f"{detected.path}: cannot tell the graph's outputs; pass --outputs NAME[,NAME]")
    return RestoredGraph(session, graph, chosen.inputs, chosen.outputs, chosen.fixed, switches, chosen.reasons)


def _switch_variables_off(session, graph, graph_def, chosen) -> list[str]:
    """A boolean variable that only switches cond branches (tflearn's `is_training`) holds
    whatever the trainer left in it when the checkpoint was saved (True during training);
    the program's own inference sets it False first. So does the conversion, in this
    session only (the files are not touched): the frozen graph then has dropout off and
    batch norm on its moving statistics."""
    tf = tfenv.tf()
    upstream = graphs._upstream(graph_def, chosen.outputs)
    switched = []
    for name in graphs.boolean_switch_variables(graph_def):
        if name not in upstream:
            continue
        switched.append(name)
        variable = graph.get_operation_by_name(name)
        with graph.as_default(), tf.name_scope("migrate_inference"):
            if variable.type == "VarHandleOp":
                assign = tf.raw_ops.AssignVariableOp(resource=variable.outputs[0], value=tf.constant(False))
            else:
                assign = tf.raw_ops.Assign(ref=variable.outputs[0], value=tf.constant(False))
        session.run(assign)
        chosen.reasons.append(f"{name} set to False: a boolean variable that only switches tf.cond branches "
                              f"(a training-mode switch: dropout off, batch norm on its moving statistics)")
    return switched


def _check_explicit_inputs(path: str, graph_def, graph, inputs: list[str], session) -> None:
    """An input named by --inputs whose rank is unknown cannot be fed generated values: say
    what to pass instead (a training switch is left out and fixed; others need --no-verify)."""
    by_name = {node.name: node for node in graph_def.node}
    consumers = graphs._consumers(graph_def)
    for name in (i.split(":")[0] for i in inputs):
        node = by_name.get(name)
        if node is None or node.op != "Placeholder" or graph.get_operation_by_name(name).outputs[0].shape.rank is not None:
            continue
        value, _why = graphs._fixed_value(node, consumers, by_name)
        session.close()
        if value is not None:
            raise UsageError(f"{path}: --inputs names '{name}', a training switch of unknown rank; leave it out of "
                             f"--inputs and migrate fixes it to {value} (the inference value)")
        raise UsageError(f"{path}: --inputs names '{name}', whose rank is unknown, so no values can be generated to "
                         f"verify the result; pass --no-verify, or leave it out if the outputs do not need it")


def _read_meta(graph_path: str):
    """The MetaGraphDef of `graph_path` with every `_output_shapes` attribute removed: TF
    writes it only as a shape hint, and hints written by old TF (1.12's FusedBatchNormGrad
    reserve outputs) contradict what today's shape inference computes, failing the import."""
    tf = tfenv.tf()
    meta = tf.compat.v1.MetaGraphDef()
    with open(graph_path, "rb") as handle:
        meta.ParseFromString(handle.read())
    for node in meta.graph_def.node:
        if "_output_shapes" in node.attr:
            del node.attr["_output_shapes"]
    for function in meta.graph_def.library.function:
        for node in function.node_def:
            if "_output_shapes" in node.attr:
                del node.attr["_output_shapes"]
    # A collection naming an op the graph does not hold fails the whole import (tflearn's
    # `trainops` lists its optimizer's Python name, 'Adam'); collections do not take part
    # in converting, so such entries are dropped.
    names = {node.name for node in meta.graph_def.node}
    for key, collection in meta.collection_def.items():
        if collection.WhichOneof("kind") == "node_list":
            values = list(collection.node_list.value)
            kept = [v for v in values if v.lstrip("^").split(":")[0] in names]
            if len(kept) != len(values):
                del collection.node_list.value[:]
                collection.node_list.value.extend(kept)
    return meta


def _restore_into_plain_graph(session, graph, graph_path: str, prefix: str) -> None:
    """A GraphDef (.pbtxt/.pb) has no saver of its own: assign every variable its
    checkpoint value (fed through placeholders, so large tensors stay out of the graph)."""
    tf = tfenv.tf()
    from migrate.converters.frozen import parse_graph_def

    try:
        tf.compat.v1.import_graph_def(parse_graph_def(graph_path), name="")
    except Exception as exc:
        raise InputError(f"{graph_path}: cannot import the graph ({one_line(exc, 200)})")
    try:
        reader = _reader(prefix)
    except Exception as exc:
        raise InputError(f"{prefix}: corrupt or truncated checkpoint ({one_line(exc, 200)})")
    assigns, feeds = [], {}
    for op in graph.get_operations():
        if op.type not in ("VariableV2", "Variable", "VarHandleOp"):
            continue
        if not reader.has_tensor(op.name):
            raise InputError(f"{prefix}: no value for variable '{op.name}' of {graph_path}; graph and checkpoint do not match")
        value = reader.get_tensor(op.name)
        with tf.name_scope("migrate_restore"):
            holder = tf.compat.v1.placeholder(tf.as_dtype(value.dtype), value.shape)
            if op.type == "VarHandleOp":
                assigns.append(tf.raw_ops.AssignVariableOp(resource=op.outputs[0], value=holder))
            else:
                assigns.append(tf.raw_ops.Assign(ref=op.outputs[0], value=holder))
        feeds[holder] = value
    try:
        session.run(assigns, feeds)
    except Exception as exc:
        raise InputError(f"{prefix}: cannot restore checkpoint — corrupt, truncated or not matching the graph "
                         f"({one_line(getattr(exc, 'message', exc), 200)})")


def freeze(restored: RestoredGraph) -> graphs.FrozenGraph:
    tf = tfenv.tf()
    graph_def = restored.graph.as_graph_def()
    # A switch variable becomes the constant False before freezing: TF's freezer cannot
    # turn a variable that is both a Switch's data and its predicate into a constant.
    graphs.replace_with_false(graph_def, restored.switches)
    if any(node.op == "VarHandleOp" for node in graph_def.node):
        # Resource variables (TF1 code run by TF2 with only disable_eager_execution()):
        # tf.cond becomes an `If` whose branch functions read variables; the v1 freezer leaves
        # those reads in the functions. This one freezes inside the functions too.
        from tensorflow.python.framework import convert_to_constants

        frozen = convert_to_constants.convert_variables_to_constants_from_session_graph(
            restored.session, graph_def, restored.outputs)
        _repair_frozen_functions(frozen)
    else:
        frozen = tf.compat.v1.graph_util.convert_variables_to_constants(
            restored.session, graph_def, restored.outputs)

    pruned = tf.compat.v1.graph_util.remove_training_nodes(frozen, protected_nodes=restored.outputs + restored.inputs)
    # remove_training_nodes builds a new GraphDef from the nodes alone: the function library
    # (tf.cond / while_loop branches of TF2 control flow) and versions must come along.
    pruned.library.CopyFrom(frozen.library)
    pruned.versions.CopyFrom(frozen.versions)
    frozen = graphs.fix_placeholders(pruned, restored.fixed)
    # TF 2 while loops of a training graph carry the gradient's accumulators: not inference
    graphs.prune_loop_accumulators(frozen)
    return graphs.FrozenGraph(frozen, restored.inputs, restored.outputs)


def _repair_frozen_functions(graph_def) -> None:
    """Finish what convert_variables_to_constants_from_session_graph leaves half done in
    the `If`/`While` branch functions (TF 2.21): a ReadVariableOp it turns into an Identity
    keeps being referred to by its old output name (`readvariableop:value:0`, an Identity's
    is `output`), so the function does not run ("In function output readvariableop:float").
    Functions nothing calls any more (gradient and moving-average branches) are dropped."""
    for function in graph_def.library.function:
        renamed = {node.name for node in function.node_def if node.op == "Identity"}
        def fix(ref: str) -> str:
            parts = ref.lstrip("^").split(":")
            if len(parts) == 3 and parts[0] in renamed and parts[1] == "value":
                return ("^" if ref.startswith("^") else "") + f"{parts[0]}:output:{parts[2]}"
            return ref
        for key in list(function.ret):
            function.ret[key] = fix(function.ret[key])
        for node in function.node_def:
            for index, ref in enumerate(node.input):
                node.input[index] = fix(ref)
    graphs.drop_uncalled_functions(graph_def)


def save_from_frozen(frozen_graph: graphs.FrozenGraph, prefix: str) -> list[str]:
    """Write a TF1 checkpoint (prefix.meta/.index/.data) of a frozen inference graph: every
    float constant with two or more elements becomes a VariableV2 of the same name holding
    that value, and the .meta carries a Saver for them. Nothing else of training is restored."""
    tf = tfenv.tf()
    graph_def = type(frozen_graph.graph_def).FromString(frozen_graph.graph_def.SerializeToString())
    values = {}
    for node in graph_def.node:
        if node.op != "Const":
            continue
        dtype = tf.dtypes.as_dtype(node.attr["dtype"].type)
        dims = [d.size for d in node.attr["value"].tensor.tensor_shape.dim]
        if not dtype.is_floating or not dims or int(np.prod(dims)) < 2:
            continue  # shapes, indices and scalars stay constants
        values[node.name] = tf.make_ndarray(node.attr["value"].tensor)
        node.op = "VariableV2"
        del node.attr["value"]
        node.attr["shape"].shape.CopyFrom(tf.TensorShape(dims).as_proto())
        node.attr["container"].s = b""
        node.attr["shared_name"].s = b""
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
        variables = {name: graph.get_operation_by_name(name).outputs[0] for name in values}
        _register_global_variables(graph, variables)
        saver = tf.compat.v1.train.Saver(var_list=variables) if variables else None
        meta = tf.compat.v1.train.export_meta_graph(filename=prefix + ".meta", graph=graph,
                                                    saver_def=saver.as_saver_def() if saver else None)
        del meta
    # The values are written directly (SaveV2 in eager mode) instead of assigning them in a
    # session, so the exported graph holds no migrate-specific assign ops.
    names = sorted(values)
    tf.raw_ops.SaveV2(prefix=prefix, tensor_names=names, shape_and_slices=[""] * len(names),
                      tensors=[tf.constant(values[name]) for name in names])
    return checkpoint_files(prefix)


def _register_global_variables(graph, variables: dict) -> None:
    """Put the variables in the GLOBAL_VARIABLES collection, as TF1 code expects
    (`tf.global_variables()`, `tf.train.Saver()` with no arguments). Their initializer fills
    zeros; the real values come from the checkpoint, as with any TF1 restore."""
    tf = tfenv.tf()
    from tensorflow.core.framework import variable_pb2
    from tensorflow.python.ops import ref_variable

    for name, ref in variables.items():
        initializer = tf.raw_ops.Assign(ref=ref, value=tf.zeros(ref.shape, ref.dtype.base_dtype),
                                        name=f"{name}/migrate_initializer")
        proto = variable_pb2.VariableDef(variable_name=ref.name, snapshot_name=ref.name,
                                         initializer_name=initializer.name, is_resource=False,
                                         trainable=True)
        variable = ref_variable.RefVariable(variable_def=proto)  # tf.Variable would insist on resource variables
        graph.add_to_collection(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES, variable)
        graph.add_to_collection(tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES, variable)


def checkpoint_files(prefix: str) -> list[str]:
    """The files of a single-shard checkpoint, the .index (what detection keys on) first."""
    return [prefix + ".index", prefix + ".data-00000-of-00001", prefix + ".meta"]
