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
    reasons: list = dataclasses.field(default_factory=list)  # why these inputs/outputs (when chosen automatically)


def natural_key(name: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _is_training_op(node) -> bool:
    # tf.gradients names its scope `gradients` under the current name scope: tflearn's
    # optimizer builds it as `Adam/gradients/...`
    return (node.op in _NOT_OUTPUT_TYPES or node.op.startswith(("Apply", "ResourceApply"))
            or bool(_MACHINERY_SCOPE.match(node.name.split("/")[0])) or bool(_GRADIENT_SCOPE.search(node.name)))


_CONTROL_FLOW = {"Switch", "RefSwitch", "Merge", "RefMerge"}
_STATE_UPDATES = {"Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "AssignAddVariableOp",
                  "AssignSubVariableOp"}
_COMPARISONS = {"Equal", "NotEqual", "InTopK", "InTopKV2", "Less", "LessEqual", "Greater", "GreaterEqual"}


def _cond_plumbing(node, by_name) -> bool:
    """TF1 tf.cond machinery (Switch/Merge, the switch_t/switch_f/pred_id Identities on a
    Switch or on the predicate) and batch-norm moving-average updates: never outputs."""
    if node.op in _CONTROL_FLOW or "/AssignMovingAvg" in node.name:
        return True
    if node.op == "Identity" and node.input:
        source = by_name.get(node.input[0].split(":")[0])
        if source is not None and (source.op in _CONTROL_FLOW or node.name.endswith("/pred_id")):
            return True
    return False


def find_outputs(graph_def) -> list[str]:
    """Ops whose results only training/saver/summary machinery consumes."""
    consumers: dict[str, set[str]] = {}
    by_name = {node.name: node for node in graph_def.node}
    for node in graph_def.node:
        for inp in node.input:
            source = inp.lstrip("^").split(":")[0]
            consumers.setdefault(source, set()).add(node.name)
    inputs = {n.name for n in graph_def.node if n.op == "Placeholder"} | fed_defaults(graph_def)
    downstream = _downstream_of(graph_def, inputs)
    outputs = []
    for node in graph_def.node:
        if _is_training_op(node) or node.name not in downstream or _cond_plumbing(node, by_name):
            continue
        real_consumers = [c for c in consumers.get(node.name, ()) if not _is_training_op(by_name[c])]
        if not real_consumers:
            outputs.append(node.name)
    return outputs


@dataclasses.dataclass
class GraphIO:
    """What `choose_io` picked as the inference graph of a (training) graph, and why."""

    inputs: list[str]
    outputs: list[str]
    fixed: dict  # placeholder → the value it is fixed to at inference (keep_prob 1.0, is_training False)
    reasons: list[str]


def _output_ranks(graph_def, graph=None) -> dict[str, int | None]:
    """Static rank of each op's first output (None unknown), from an import of the GraphDef."""
    tf = tfenv.tf()
    if graph is None:
        graph = tf.Graph()
        with graph.as_default():
            tf.compat.v1.import_graph_def(graph_def, name="")
    ranks = {}
    for op in graph.get_operations():
        ranks[op.name] = op.outputs[0].shape.rank if op.outputs else None
    return ranks


def _consumers(graph_def) -> dict[str, list]:
    result: dict[str, list] = {}
    for node in graph_def.node:
        for inp in node.input:
            if not inp.startswith("^"):
                result.setdefault(inp.split(":")[0], []).append(node)
    return result


def _is_predicate_use(name: str, user) -> bool:
    """`user` takes placeholder `name` as a predicate: Switch's second input, If's first,
    a cond's pred_id Identity, or a LogicalNot/Identity of it (Keras learning phase)."""
    data = [i.split(":")[0] for i in user.input if not i.startswith("^")]
    if user.op in ("Switch", "RefSwitch"):
        return len(data) > 1 and data[1] == name
    if user.op in ("If", "StatelessIf"):
        return bool(data) and data[0] == name
    return user.op in ("Identity", "LogicalNot") and (user.name.endswith("/pred_id") or "cond" in user.name)


def _fixed_value(node, consumers, by_name):
    """keep_prob → 1.0, a dropout rate → 0.0, a boolean training switch → False; else None."""
    tf = tfenv.tf()
    dtype = tf.dtypes.as_dtype(node.attr["dtype"].type)
    dims = node.attr["shape"].shape
    users = consumers.get(node.name, [])
    if dtype == tf.bool and users and all(_is_predicate_use(node.name, user) for user in users):
        # Recognised from its use, whatever its name or declared shape (musicnn's
        # `model/Placeholder_2` has unknown rank and feeds only cond/batch-norm switches).
        return False, (f"a boolean training switch (it feeds only tf.cond / batch-norm / dropout predicates): "
                       f"False at inference, so batch norm uses its moving statistics and dropout is off")
    if dtype == tf.bool and not dims.unknown_rank and len(dims.dim) == 0:
        return False, "a boolean switch (is_training): False at inference, so batch norm uses its moving statistics"
    # A float placeholder declared without a shape (`tf.placeholder(tf.float32, name='keep-probs')`,
    # yadlt's conv net) has unknown rank; it is still the keep probability when dropout reads
    # it as one (by that use only, not by its name). A float of known non-zero rank is data,
    # never a dropout parameter.
    if not dtype.is_floating or (not dims.unknown_rank and len(dims.dim) != 0):
        return None, ""
    for user in users:
        # tf.nn.dropout(x, keep_prob) computes rate = 1 - keep_prob: Sub(Const 1, keep_prob)
        if user.op == "Sub" and user.input[1].split(":")[0] == node.name:
            first = by_name.get(user.input[0].split(":")[0])
            if first is not None and first.op == "Const":
                value = tf.make_ndarray(first.attr["value"].tensor)
                if value.size == 1 and float(value) == 1.0:
                    return 1.0, "a dropout keep probability (1 - it is the rate): 1.0 at inference"
    if dims.unknown_rank:  # names alone do not make an unshaped float a dropout parameter
        return None, ""
    lowered = node.name.lower()
    if "keep" in lowered:
        return 1.0, "a dropout keep probability by its name: 1.0 at inference"
    if any("dropout" in user.name.lower() for user in users) or "dropout" in lowered or "rate" in lowered:
        return 0.0, "a dropout rate: 0.0 at inference"
    return None, ""


def boolean_switch_variables(graph_def) -> list[str]:
    """Boolean variables that only switch tf.cond branches (through their `read` Identity
    or a ReadVariableOp): tflearn's `is_training`, set True by its trainer and False by its
    `predict`. Assignments to the variable itself (its setters) do not count as uses."""
    tf = tfenv.tf()
    consumers = _consumers(graph_def)
    found = []
    for node in graph_def.node:
        if node.op not in ("VariableV2", "Variable", "VarHandleOp"):
            continue
        dtype = node.attr["dtype"].type
        if tf.dtypes.as_dtype(dtype) != tf.bool:
            continue
        values, uses = [node.name], []
        while values:
            name = values.pop()
            for user in consumers.get(name, []):
                data = [i.split(":")[0] for i in user.input if not i.startswith("^")]
                if user.op in _STATE_UPDATES and data and data[0] == node.name:
                    continue  # a setter of the switch
                if user.op in ("ReadVariableOp",) or (user.op == "Identity" and user.name == f"{node.name}/read"):
                    values.append(user.name)
                    continue
                if _is_training_op(user):
                    continue  # saver, initialiser
                uses.append((name, user))
        own = {node.name, f"{node.name}/read"}

        def predicate(name, user) -> bool:
            # v1 tf.cond switches the predicate on itself (Switch(pred, pred) → switch_t/_f)
            data = [i.split(":")[0] for i in user.input if not i.startswith("^")]
            return _is_predicate_use(name, user) or (user.op in ("Switch", "RefSwitch") and set(data) <= own)

        if uses and all(predicate(name, user) for name, user in uses):
            found.append(node.name)
    return found


def replace_with_false(graph_def, variables: list[str]) -> None:
    """Every value read of these boolean variables (other than by their own setters) reads
    a new constant False instead."""
    if not variables:
        return
    tf = tfenv.tf()
    from tensorflow.core.framework import node_def_pb2

    reads = {}
    for name in variables:
        constant = node_def_pb2.NodeDef(name=f"{name}/migrate_inference_value", op="Const")
        constant.attr["dtype"].type = tf.bool.as_datatype_enum
        constant.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(False))
        graph_def.node.append(constant)
        reads[name] = reads[f"{name}/read"] = constant.name
    for node in graph_def.node:
        if node.name in reads or node.op in _STATE_UPDATES:
            continue
        for index, ref in enumerate(node.input):
            if not ref.startswith("^") and ref.split(":")[0] in reads and node.op != "ReadVariableOp":
                node.input[index] = reads[ref.split(":")[0]]


_GRADIENT_SCOPE = re.compile(r"(^|/)gradients(_\d+)?/")
_SHAPE_OPS = {"Shape", "ShapeN", "Size", "Rank"}  # metadata of a tensor, never a model output
_VARIABLE_OPS = {"VariableV2", "Variable", "VarHandleOp"}


def _value_downstream(graph_def, sources: set[str]) -> set[str]:
    """Ops of the forward computation whose values depend on `sources` (not only their
    shapes: propagation stops at Shape/Size/Rank, so batch-size arithmetic and zero states are
    not counted; nor does it enter gradient, optimizer, saver or summary machinery)."""
    consumers = _consumers(graph_def)
    seen, stack = set(sources), list(sources)
    while stack:
        for node in consumers.get(stack.pop(), ()):
            if node.name not in seen and node.op not in _SHAPE_OPS and not _is_training_op(node):
                seen.add(node.name)
                stack.append(node.name)
    return seen


def _loop_bodies(graph_def) -> set[str]:
    """Ops inside TF1 while-loop frames (between Enter and Exit): never fetchable outputs."""
    consumers = _consumers(graph_def)
    starts = [n.name for n in graph_def.node if n.op in ("Enter", "RefEnter")]
    seen, stack = set(starts), list(starts)
    while stack:
        for node in consumers.get(stack.pop(), ()):
            if node.name not in seen and node.op not in ("Exit", "RefExit"):
                seen.add(node.name)
                stack.append(node.name)
    return seen


_PASS_THROUGH = {"Identity", "Reshape", "Squeeze", "ExpandDims", "Cast"}


def _reshaped_from(node, names: set[str]) -> bool:
    """`node` only reshapes/casts a value in `names` (the loss's own Reshape of logits)."""
    return node.op in _PASS_THROUGH and bool(node.input) and node.input[0].split(":")[0] in names


def _unused_loop_result(node, by_name) -> bool:
    """An Identity on a functional while loop's output that nothing reads: loop bookkeeping
    (TensorList handles, accumulators kept for the gradient), not a result."""
    if node.op != "Identity" or not node.input:
        return False
    source = by_name.get(node.input[0].split(":")[0])
    return source is not None and source.op in ("While", "StatelessWhile", "If", "StatelessIf")


def _upstream(graph_def, names: list[str]) -> set[str]:
    by_name = {node.name: node for node in graph_def.node}
    seen, stack = set(), list(names)
    while stack:
        name = stack.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        stack.extend(i.lstrip("^").split(":")[0] for i in by_name[name].input)
    return seen


def _labels(graph_def, placeholders: list[str], ranks: dict | None = None) -> list[str]:
    """Placeholders that first meet the parameters only through another input's values: a
    target meets `pred` in the loss, while features meet the weights themselves
    (MatMul(x, W), Gather(embedding, ids))."""
    by_name = {node.name: node for node in graph_def.node}
    params = _value_downstream(graph_def, {n.name for n in graph_def.node if n.op in _VARIABLE_OPS})
    tainted = {p: _value_downstream(graph_def, {p}) for p in placeholders}
    read = {_ref_node(ref) for node in graph_def.node for ref in node.input}
    labels = []
    for p in placeholders:
        if p not in read:
            continue  # nothing reads it: not a label, just unused
        # a batched value reduced to a scalar meets the regularisation there; a scalar
        # placeholder (a learning rate) is scalar all along and is not a label for that
        batched = (ranks or {}).get(p) not in (0, None)
        if all(_is_training_op(by_name[n]) for n in tainted[p] if n != p and n in by_name):
            continue  # feeds the optimizer only (a learning rate): training, not a label
        others = set().union(*(tainted[q] for q in placeholders if q != p)) if len(placeholders) > 1 else set()
        meets_pure_params = False
        for name in tainted[p]:
            node = by_name.get(name)
            # Updating state from a value is not computing with the parameters: a moving
            # average of the accuracy (tflearn's summaries) meets its own variable there.
            # nor is adding a regularisation term to the reduced loss (a scalar)
            if (node is None or name == p or node.op in _STATE_UPDATES or _is_training_op(node)
                    or "AssignMovingAvg" in name.split("/")
                    or (batched and (ranks or {}).get(name) == 0)):
                continue
            for inp in node.input:
                source = inp.lstrip("^").split(":")[0]
                if inp.startswith("^") or source in tainted[p]:
                    continue
                if source in params and source not in others:
                    meets_pure_params = True
                    break
            if meets_pure_params:
                break
        if not meets_pure_params:
            labels.append(p)
    return labels


def _unused_side_results(graph_def, sinks: list[str]) -> list[str]:
    """Sinks in a name scope (`model/moments/Squeeze_1`) whose scope-mates feed another sink:
    a helper's result the model ignores, not an output."""
    if len(sinks) < 2:
        return []
    side = []
    for sink in sinks:
        scope = sink.rsplit("/", 1)[0] + "/" if "/" in sink else None
        if scope is None:
            continue
        others = _upstream(graph_def, [s for s in sinks if s != sink and s not in side])
        if any(name.startswith(scope) and name != sink for name in others):
            side.append(sink)
    return side


# What a hand-written cross-entropy does to the prediction before the label meets it:
# -sum(y * log(clip_by_value(probs, eps, 1))), log(probs + eps).
_LOSS_ARITHMETIC = {"Log", "Maximum", "Minimum", "ClipByValue", "Identity", "Add", "AddV2"}


def _before_loss_arithmetic(name: str, by_name, loss_scope: str | None = None) -> str:
    """The prediction a loss's log/clip/epsilon/renormalisation was applied to: `Log` of
    `clip_by_value(p / reduce_sum(p))` → p, the Softmax (tflearn's categorical_crossentropy;
    the TF 1 MNIST tutorial's `-tf.reduce_sum(y_ * tf.log(y))`); a Reshape/Cast in the name
    scope of the op the label enters is the loss's own (softmax_cross_entropy_with_logits_sg)."""
    seen = set()
    while name not in seen:
        seen.add(name)
        node = by_name.get(name)
        values = [ref.split(":")[0] for ref in node.input if not ref.startswith("^")] if node else []
        if node is not None and node.op in ("RealDiv", "Div") and len(values) == 2 and _computed_from(
                values[1], values[0], by_name):
            name = values[0]  # p / reduce_sum(p): renormalising the prediction
            continue
        if (node is not None and node.op in _PASS_THROUGH and values and loss_scope
                and name.split("/")[0] == loss_scope):
            name = values[0]  # the loss's own flattening (softmax_cross_entropy_with_logits_sg/Reshape)
            continue
        if node is None or node.op not in _LOSS_ARITHMETIC:
            return name
        variable = [v for v in values if v in by_name and not _is_constant(by_name[v], by_name)]
        if len(variable) != 1:
            return name
        name = variable[0]
    return name


def _computed_from(name: str, source: str, by_name, limit: int = 8) -> bool:
    """`name` is computed from `source` within a few ops (a reduction of it)."""
    frontier = {name}
    for _ in range(limit):
        if source in frontier:
            return True
        frontier = {ref.lstrip("^").split(":")[0] for n in frontier if n in by_name for ref in by_name[n].input}
        if not frontier:
            return False
    return source in frontier


def _is_constant(node, by_name) -> bool:
    while node.op == "Identity" and node.input and node.input[0].split(":")[0] in by_name:
        node = by_name[node.input[0].split(":")[0]]
    return node.op == "Const"


def _upstream_refs(graph_def, names: list[str]) -> set[tuple[str, int]]:
    """The (node, output index) tensors that `names` are computed from."""
    by_name = {node.name: node for node in graph_def.node}
    refs, seen, stack = set(), set(), list(names)
    while stack:
        name = stack.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        for ref in by_name[name].input:
            if ref.startswith("^"):
                stack.append(ref[1:])
                continue
            source, _, index = ref.partition(":")
            refs.add((source, int(index or 0)))
            stack.append(source)
    return refs


def _other_loop_results(graph_def, sinks: list[str], prediction: list[str]) -> list[str]:
    """Sinks computed from results of a functional while loop none of which the prediction
    uses, while the prediction uses other results of the same loop: dynamic_rnn returns
    (outputs, state); a program that classifies from the state leaves the outputs unread."""
    loops = {node.name for node in graph_def.node if node.op in _WHILE_OPS}
    if not loops:
        return []
    used = {ref for ref in _upstream_refs(graph_def, prediction) if ref[0] in loops}
    side = []
    for sink in sinks:
        mine = {ref for ref in _upstream_refs(graph_def, [sink]) if ref[0] in loops}
        shared_loops = {ref[0] for ref in mine} & {ref[0] for ref in used}
        if shared_loops and not any(ref in used for ref in mine if ref[0] in shared_loops):
            side.append(sink)
    return side


def _optimizer_groups(graph_def) -> list[set[str]]:
    """The variables each optimizer updates, one set per optimizer name scope (a GAN's
    `GradientDescent` on the discriminator's var_list, `Adam` on the generator's): the
    variable an Apply*/ResourceApply* op updates is its first input."""
    by_name = {node.name: node for node in graph_def.node}
    groups: dict[str, set[str]] = {}
    for node in graph_def.node:
        if node.op.startswith(("Apply", "ResourceApply")) and node.input:
            variable = node.input[0].lstrip("^").split(":")[0]
            while variable in by_name and by_name[variable].op == "Identity" and by_name[variable].input:
                variable = by_name[variable].input[0].split(":")[0]
            groups.setdefault(node.name.split("/")[0], set()).add(variable)
    return [group for group in groups.values() if group]


def _network_handoffs(graph_def, fed: set[str], ranks: dict) -> list[str]:
    """Per-example values one optimizer's network computes and hands to another's: with the
    parameters split between optimizers (a GAN: the generator's var_list, the discriminator's),
    G(z) is computed from the generator's parameters only and enters an op that reads the
    discriminator's (`MatMul(G(z), d_w1)`). That value is what the program samples."""
    groups = _optimizer_groups(graph_def)
    if len(groups) < 2:
        return []
    downstream = [_value_downstream(graph_def, group) for group in groups]
    consumers = _consumers(graph_def)
    # each group's parameter values as ops read them: the variable, its `read` Identity, ReadVariableOp
    reads = []
    for group in groups:
        values, stack = set(group), list(group)
        while stack:
            for user in consumers.get(stack.pop(), ()):
                if user.op in ("Identity", "ReadVariableOp") and user.name not in values:
                    values.add(user.name)
                    stack.append(user.name)
        reads.append(values)
    result = []
    for i, mine in enumerate(downstream):
        others = set().union(*(d for j, d in enumerate(downstream) if j != i))
        other_params = set().union(*(r for j, r in enumerate(reads) if j != i))
        for name in sorted(mine - others - reads[i], key=natural_key):
            if name not in fed or ranks.get(name) in (0, None):
                continue
            for user in consumers.get(name, []):
                # the other network's layer itself: an op reading this value AND its parameters
                # (adding two losses mixes the networks' values, not their layers)
                sources = {ref.lstrip("^").split(":")[0] for ref in user.input if not ref.startswith("^")}
                if not _is_training_op(user) and sources & other_params:
                    result.append(name)
                    break
    # computed from another hand-off: the generator output mixed with the real rows for a
    # WGAN-GP gradient penalty (eps * x + (1 - eps) * G(z)) is the penalty's input, not an output
    return [r for r in result if not (_upstream(graph_def, [r]) - {r}) & set(result)]


def choose_io(graph_def, graph=None, inputs=None, outputs=None) -> GraphIO:
    """The inference graph inside a graph that may also hold training.

    Outputs: the sinks (ops that nothing but training, saver or summary machinery consumes)
    whose values depend on a placeholder and that have a batch dimension — a scalar sink is a
    loss or a metric, reduced over the batch; a Shape/Size is metadata. When the prediction
    itself is consumed by the loss (no such sink), the outputs are the values the loss takes
    from the model side: inputs of the ops where a label first enters.
    Labels are the placeholders that meet the parameters only through another placeholder's
    values (`target` meets `pred`); they are not inputs. Scalar dropout keep-probabilities and
    boolean training switches are fixed to their inference values. --inputs/--outputs override."""
    reasons = []
    by_name = {node.name: node for node in graph_def.node}
    fed_inputs = fed_defaults(graph_def)
    placeholders = [n.name for n in graph_def.node if n.op == "Placeholder" or n.name in fed_inputs]
    if outputs:
        chosen = [o.split(":")[0] for o in outputs]
    else:
        ranks = _output_ranks(graph_def, graph)
        fed = _value_downstream(graph_def, set(placeholders))
        loop_body = _loop_bodies(graph_def)
        consumers = _consumers(graph_def)
        # A value only backpropagation consumes (a while loop's accumulators, a loss) exists for
        # training; one nothing consumes, or only a summary, is a result.
        for_gradients = {name for name, users in consumers.items()
                         if users and all(_GRADIENT_SCOPE.search(u.name) or u.op.startswith(("Apply", "ResourceApply"))
                                          or u.op in _STATE_UPDATES for u in users)}
        sinks = [c for c in find_outputs(graph_def) if c in fed and by_name[c].op not in _SHAPE_OPS
                 and c not in loop_body and c not in for_gradients and not _unused_loop_result(by_name[c], by_name)]
        scalars = [c for c in sinks if ranks.get(c) == 0]
        chosen = [c for c in sinks if ranks.get(c) != 0]
        side = _unused_side_results(graph_def, chosen)
        if side:
            chosen = [c for c in chosen if c not in side]
            reasons.append(f"not outputs: {', '.join(side)} (an unused side result of a helper whose other results "
                           f"feed the outputs, e.g. the variance of tf.nn.moments)")
        if scalars:
            reasons.append(f"not outputs: {', '.join(scalars)} (scalar: a loss or metric reduced over the batch, "
                           f"not a per-example prediction)")
        labels = [p for p in _labels(graph_def, placeholders, ranks)
                  if not chosen or p not in upstream_placeholders(graph_def, chosen)]
        per_example = ("(per-example values nothing but training, saver or summary machinery consumes)")
        if chosen:
            reasons.append(f"outputs: {', '.join(chosen)} {per_example}")
        if labels:
            # What the loss takes from the model side (the prediction), unless a sink already
            # computes from it (probs = softmax(logits) is kept, logits is not added).
            tainted = _value_downstream(graph_def, set(labels))
            features = set(placeholders) - set(labels)
            model_side = _value_downstream(graph_def, features) - tainted
            feeding_sinks = _upstream(graph_def, chosen)
            frontier = []
            loss_scope: dict[str, str] = {}
            for node in graph_def.node:
                # A comparison with the label (Equal(ArgMax(logits), y)) is a metric, not the loss.
                if node.name not in tainted or node.name in labels or node.op in _COMPARISONS:
                    continue
                for inp in node.input:
                    source = inp.split(":")[0]
                    if (not inp.startswith("^") and source in model_side and by_name[source].op not in _SHAPE_OPS
                            and source not in chosen and source not in frontier and ranks.get(source) != 0
                            and source not in feeding_sinks and source not in loop_body
                            and not _reshaped_from(by_name[source], feeding_sinks)):
                        frontier.append(source)
                        loss_scope.setdefault(source, node.name.split("/")[0])
            if chosen:
                # a sink is already the prediction (musicnn's model/Sigmoid): values inside the
                # loss's own scope (sigmoid_cross_entropy's Select/Log1p on the logits) are its
                # arithmetic, not another output
                frontier = [f for f in frontier if f.split("/")[0] != loss_scope.get(f)]
            frontier = list(dict.fromkeys(_before_loss_arithmetic(f, by_name, loss_scope.get(f)) for f in frontier))
            # The loss's own arithmetic on the prediction (Select/Log1p inside
            # sigmoid_cross_entropy_with_logits) computes from another frontier value: keep the first.
            frontier = [f for f in frontier if not (_upstream(graph_def, [f]) - {f}) & set(frontier)]
            if frontier:
                unused = _other_loop_results(graph_def, chosen, frontier)
                if unused:
                    chosen = [c for c in chosen if c not in unused]
                    said = [r for r in reasons if r.endswith(per_example)]
                    reasons = [r for r in reasons if r not in said]
                    if chosen:
                        reasons.append(f"outputs: {', '.join(chosen)} {per_example}")
                    reasons.append(f"not outputs: {', '.join(unused)} (another result of a loop whose final state "
                                   f"the prediction uses, e.g. the per-step outputs of dynamic_rnn when only its "
                                   f"state is used)")
                chosen += frontier
                reasons.append(f"outputs: {', '.join(frontier)} (what the loss takes from the model: the prediction)")
        if not chosen and not labels:
            chosen = _network_handoffs(graph_def, fed, ranks)
            if chosen:
                reasons.append(f"outputs: {', '.join(chosen)} (computed by the parameters one optimizer trains "
                               f"and handed to the network another optimizer trains: a GAN's generator output)")
        if not chosen:
            chosen = sinks or find_outputs(graph_def)
            reasons.append(f"outputs: {', '.join(chosen)} (the graph's sinks)")
        if fed_inputs:
            chosen = _without_pipeline_reads(graph_def, chosen, fed_inputs, reasons)
        needed = set(upstream_placeholders(graph_def, chosen))
        labels = [p for p in labels if p not in needed]
        if labels:
            reasons.append(f"not inputs: {', '.join(labels)} (only the loss/metrics use them: labels/targets)")
        read = {_ref_node(ref) for node in graph_def.node for ref in node.input}
        unread = [p for p in placeholders if p not in read]
        if unread:
            reasons.append(f"not inputs: {', '.join(unread)} (nothing in the graph reads them)")
        unused = [p for p in placeholders if p not in needed and p not in labels and p not in unread]
        if unused:
            reasons.append(f"not inputs: {', '.join(unused)} (the outputs do not need them: they feed training only)")
    fixed = {}
    if inputs:
        chosen_inputs = [i.split(":")[0] for i in inputs]
        # A training switch the outputs need but --inputs left out is fixed, not left unfed.
        consumers = _consumers(graph_def)
        for name in upstream_placeholders(graph_def, chosen):
            if name not in chosen_inputs:
                value, why = _fixed_value(by_name[name], consumers, by_name)
                if value is not None:
                    fixed[name] = value
                    reasons.append(f"{name} fixed to {value}: {why}")
    else:
        chosen_inputs = []
        consumers = _consumers(graph_def)
        for name in upstream_placeholders(graph_def, chosen):
            value, why = _fixed_value(by_name[name], consumers, by_name)
            if value is None:
                chosen_inputs.append(name)
            else:
                fixed[name] = value
                reasons.append(f"{name} fixed to {value}: {why}")
        reasons.append(f"inputs: {', '.join(chosen_inputs) or '(none)'} (the placeholders the outputs need)")
    # A boolean PlaceholderWithDefault that only switches conds (deepbrain's `training`,
    # whose default turns dropout on) is a training switch too, whatever its default.
    tf = tfenv.tf()
    upstream = _upstream(graph_def, chosen)
    consumers = _consumers(graph_def)
    for node in graph_def.node:
        if (node.op == "PlaceholderWithDefault" and node.name in upstream and node.name not in fed_inputs
                and node.name not in fixed and node.name not in chosen_inputs
                and tf.dtypes.as_dtype(node.attr["dtype"].type) == tf.bool):
            value, why = _fixed_value(node, consumers, by_name)
            if value is False:
                fixed[node.name] = False
                reasons.append(f"{node.name} fixed to False: {why}")
    return GraphIO(chosen_inputs, chosen, fixed, reasons)


def fix_placeholders(graph_def, fixed: dict):
    """A copy of `graph_def` with each placeholder in `fixed` replaced by a constant of that value."""
    if not fixed:
        return graph_def
    tf = tfenv.tf()
    import numpy as np

    result = type(graph_def).FromString(graph_def.SerializeToString())
    for node in result.node:
        if node.name in fixed and node.op in ("Placeholder", "PlaceholderWithDefault"):
            dtype = tf.dtypes.as_dtype(node.attr["dtype"].type)
            tensor = tf.make_tensor_proto(np.array(fixed[node.name], dtype=dtype.as_numpy_dtype))
            node.op = "Const"
            del node.input[:]
            for key in list(node.attr):
                del node.attr[key]
            node.attr["dtype"].type = dtype.as_datatype_enum
            node.attr["value"].tensor.CopyFrom(tensor)
    return result


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


_ITERATOR_OPS = {"IteratorGetNext", "IteratorGetNextSync", "IteratorGetNextAsOptional", "OptionalGetValue"}


def _reads_pipeline(graph_def, name: str, fed: set[str], by_name) -> bool:
    """`name` needs a tf.data iterator's next element other than through a fed input."""
    seen, stack = set(), [name]
    while stack:
        current = stack.pop()
        if current in seen or current in fed or current not in by_name:
            continue
        seen.add(current)
        if by_name[current].op in _ITERATOR_OPS:
            return True
        stack.extend(_ref_node(ref) for ref in by_name[current].input)
    return False


def _without_pipeline_reads(graph_def, chosen: list[str], fed: set[str], reasons: list) -> list[str]:
    """An output that also reads the training input pipeline directly (deepbrain's `pred` =
    prob > 0.5 * ones_like(<iterator element>)) cannot be computed from the fed inputs: its
    inputs that can are the outputs instead."""
    by_name = {node.name: node for node in graph_def.node}
    result = []
    for name in chosen:
        if not _reads_pipeline(graph_def, name, fed, by_name):
            result.append(name)
            continue
        instead = [_ref_node(ref) for ref in by_name[name].input if not ref.startswith("^")]
        instead = [i for i in instead if i not in fed and not _reads_pipeline(graph_def, i, fed, by_name)
                   and by_name[i].op not in ("Const", "Placeholder", "PlaceholderWithDefault")]
        result += [i for i in instead if i not in result]
        reasons.append(f"outputs: {', '.join(instead) or '(none)'} instead of {name} ({name} also reads the "
                       f"training input pipeline's iterator, which is not fed at inference)")
    return result


def cut_fed_defaults(graph_def, inputs: list[str], outputs: list[str]):
    """A copy in which each input that is an iterator-fed PlaceholderWithDefault is a plain
    Placeholder and only what the outputs need is kept: the training input pipeline
    (datasets, the iterator and its string handle) leaves the inference graph."""
    fed = fed_defaults(graph_def) & set(inputs)
    if not fed:
        return graph_def
    result = type(graph_def).FromString(graph_def.SerializeToString())
    for node in result.node:
        if node.name in fed:
            node.op = "Placeholder"
            del node.input[:]
    return inference_only(result, outputs)


def fed_defaults(graph_def) -> set[str]:
    """PlaceholderWithDefault nodes whose default is the next element of a tf.data iterator:
    the entry points a TF1 program feeds at inference (deepbrain's `img`), while training
    reads the input pipeline. They are inputs; the iterator's string handle is not."""
    by_name = {node.name: node for node in graph_def.node}
    found = set()
    for node in graph_def.node:
        if node.op != "PlaceholderWithDefault" or not node.input:
            continue
        source = by_name.get(_ref_node(node.input[0]))
        for _ in range(8):
            if source is None or source.op in _ITERATOR_OPS:
                break
            data = [ref for ref in source.input if not ref.startswith("^")]
            source = by_name.get(_ref_node(data[0])) if len(data) == 1 else None
        if source is not None and source.op in _ITERATOR_OPS:
            found.add(node.name)
    return found


def upstream_placeholders(graph_def, outputs: list[str]) -> list[str]:
    by_name = {node.name: node for node in graph_def.node}
    fed = fed_defaults(graph_def)
    seen, stack, found = set(), list(outputs), []
    while stack:
        name = stack.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        node = by_name[name]
        if node.op == "Placeholder" or name in fed:
            found.append(name)
            if name in fed:
                continue  # fed: its default (the training pipeline) does not run
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
    graph_def = inference_only(frozen.graph_def, frozen.outputs)
    if batch is not None:
        for node in graph_def.node:
            if node.name in frozen.inputs and node.op in ("Placeholder", "PlaceholderWithDefault"):
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


_WHILE_OPS = ("While", "StatelessWhile")


def _ref_node(ref: str) -> str:
    return ref.lstrip("^").split(":")[0]


def drop_uncalled_functions(graph_def) -> None:
    """Keep only the library functions the graph's nodes call, directly or through other
    functions (and their gradient entries)."""
    by_name = {function.signature.name: function for function in graph_def.library.function}

    def called(nodes) -> set[str]:
        names = set()
        for node in nodes:
            for value in node.attr.values():
                if value.HasField("func"):
                    names.add(value.func.name)
                names.update(func.name for func in value.list.func)
            if node.op in by_name:
                names.add(node.op)
        return names

    keep, stack = set(), list(called(graph_def.node))
    while stack:
        name = stack.pop()
        if name in keep or name not in by_name:
            continue
        keep.add(name)
        stack.extend(called(by_name[name].node_def))
    kept = [function for function in graph_def.library.function if function.signature.name in keep]
    del graph_def.library.function[:]
    graph_def.library.function.extend(kept)
    kept_grads = [g for g in graph_def.library.gradient if g.function_name in keep]
    del graph_def.library.gradient[:]
    graph_def.library.gradient.extend(kept_grads)


def _argument_dependencies(function):
    """Per output argument of a FunctionDef, the input-argument positions it depends on
    (through data and control edges); and the positions the function's side effects
    (`control_ret`) depend on."""
    position = {arg.name: i for i, arg in enumerate(function.signature.input_arg)}
    nodes = {node.name: node for node in function.node_def}
    memo: dict[str, frozenset] = {}

    def depends(name: str) -> frozenset:
        if name in position:
            return frozenset((position[name],))
        if name not in memo:
            memo[name] = frozenset()
            node = nodes.get(name)
            if node is not None:
                memo[name] = frozenset().union(*(depends(_ref_node(ref)) for ref in node.input))
        return memo[name]

    outputs = [depends(_ref_node(function.ret[arg.name])) for arg in function.signature.output_arg]
    effects = frozenset().union(*(depends(name) for name in function.control_ret.values()))
    return outputs, effects, depends


def _without_arguments(function, dropped: set[int], new_name: str, outputs_too: bool):
    """A copy of `function` named `new_name` without the input (and, for a loop body, the
    output) arguments at the `dropped` positions, and without the nodes only they fed."""
    from tensorflow.core.framework import function_pb2

    result = function_pb2.FunctionDef()
    result.CopyFrom(function)
    result.signature.name = new_name
    kept_inputs = [i for i in range(len(function.signature.input_arg)) if i not in dropped]
    del result.signature.input_arg[:]
    result.signature.input_arg.extend(function.signature.input_arg[i] for i in kept_inputs)
    if "_input_shapes" in function.attr:
        shapes = list(function.attr["_input_shapes"].list.shape)
        if len(shapes) == len(function.signature.input_arg):
            result.attr["_input_shapes"].list.ClearField("shape")
            result.attr["_input_shapes"].list.shape.extend(shapes[i] for i in kept_inputs)
    for field in ("arg_attr", "resource_arg_unique_id"):
        old = getattr(function, field)
        new = getattr(result, field)
        new.clear()
        for new_index, old_index in enumerate(kept_inputs):
            if old_index in old:
                if field == "arg_attr":
                    new[new_index].CopyFrom(old[old_index])
                else:
                    new[new_index] = old[old_index]
    if outputs_too:
        gone = {function.signature.output_arg[i].name for i in dropped}
        del result.signature.output_arg[:]
        result.signature.output_arg.extend(a for a in function.signature.output_arg if a.name not in gone)
        for name in gone:
            del result.ret[name]
        # nodes that only fed the dropped outputs go too
        nodes = {node.name: node for node in result.node_def}
        needed, stack = set(), [_ref_node(ref) for ref in list(result.ret.values()) + list(result.control_ret.values())]
        while stack:
            name = stack.pop()
            if name in needed or name not in nodes:
                continue
            needed.add(name)
            stack.extend(_ref_node(ref) for ref in nodes[name].input)
        kept_nodes = [node for node in result.node_def if node.name in needed]
        del result.node_def[:]
        result.node_def.extend(kept_nodes)
    return result


def inference_only(graph_def, outputs: list[str]):
    """A copy of `graph_def` holding only what `outputs` need: the nodes upstream of them
    (with the function library) and, in functional while loops, only the loop variables
    they need (see prune_loop_accumulators)."""
    tf = tfenv.tf()
    pruned = tf.compat.v1.graph_util.extract_sub_graph(graph_def, [o.split(":")[0] for o in outputs])
    pruned.versions.CopyFrom(graph_def.versions)
    prune_loop_accumulators(pruned)
    return pruned


def prune_loop_accumulators(graph_def) -> int:
    """Drop the loop variables of functional while loops (`While`/`StatelessWhile`) that
    nothing outside the loop reads and that the loop's condition, its kept results and its
    side effects do not depend on. These are the accumulators TF 2 control flow adds to a
    loop when a gradient of it is built (`EmptyTensorList` + `TensorListPushBack` of every
    intermediate the backward pass needs): a TF1 training graph frozen for inference keeps
    them although no output needs them, and TFLite's builtins reject their unknown element
    shapes (measured with TF 2.21 on a `dynamic_rnn` LSTM: 15 accumulators, Flex ops
    `TensorListReserve`/`TensorListPushBack`; without them it converts to builtin ops).
    What every kept output computes is unchanged. Returns how many loop variables went."""
    from tensorflow.core.framework import attr_value_pb2

    functions = {function.signature.name: function for function in graph_def.library.function}
    removed = 0
    for node in graph_def.node:
        if node.op not in _WHILE_OPS:
            continue
        body, cond = functions.get(node.attr["body"].func.name), functions.get(node.attr["cond"].func.name)
        count = len(node.attr["T"].list.type)
        if body is None or cond is None or len(body.signature.output_arg) != count:
            continue
        read = set()
        for other in graph_def.node:
            for ref in other.input:
                if not ref.startswith("^") and _ref_node(ref) == node.name:
                    read.add(int(ref.split(":")[1]) if ":" in ref else 0)
        body_outputs, body_effects, _ = _argument_dependencies(body)
        cond_outputs, cond_effects, _ = _argument_dependencies(cond)
        needed = set(read) | set(body_effects) | set(cond_effects) | set().union(*cond_outputs)
        stack = list(needed)
        while stack:  # a kept loop variable's next value needs these
            index = stack.pop()
            for dependency in body_outputs[index]:
                if dependency not in needed:
                    needed.add(dependency)
                    stack.append(dependency)
        dropped = set(range(count)) - needed
        if not dropped:
            continue
        suffix = f"_inference_{node.name.replace('/', '_')}"
        new_body = _without_arguments(body, dropped, body.signature.name + suffix, outputs_too=True)
        new_cond = _without_arguments(cond, dropped, cond.signature.name + suffix, outputs_too=False)
        graph_def.library.function.extend([new_body, new_cond])
        node.attr["body"].func.name = new_body.signature.name
        node.attr["cond"].func.name = new_cond.signature.name
        kept = [i for i in range(count) if i not in dropped]
        data = [ref for ref in node.input if not ref.startswith("^")]
        control = [ref for ref in node.input if ref.startswith("^")]
        del node.input[:]
        node.input.extend([data[i] for i in kept] + control)
        types = list(node.attr["T"].list.type)
        node.attr["T"].list.ClearField("type")
        node.attr["T"].list.type.extend(types[i] for i in kept)
        for key in ("output_shapes", "_output_shapes"):
            if key in node.attr and len(node.attr[key].list.shape) == count:
                shapes = list(node.attr[key].list.shape)
                node.attr[key].list.ClearField("shape")
                node.attr[key].list.shape.extend(shapes[i] for i in kept)
        if "_num_original_outputs" in node.attr:
            node.attr["_num_original_outputs"].i = len(kept)
        if "_read_only_resource_inputs" in node.attr:
            indices = [kept.index(i) for i in node.attr["_read_only_resource_inputs"].list.i if i in kept]
            node.attr["_read_only_resource_inputs"].CopyFrom(
                attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue(i=indices)))
        renumber = {old: new for new, old in enumerate(kept)}
        for other in graph_def.node:
            for position, ref in enumerate(other.input):
                if not ref.startswith("^") and _ref_node(ref) == node.name:
                    old = int(ref.split(":")[1]) if ":" in ref else 0
                    other.input[position] = f"{node.name}:{renumber[old]}"
        removed += len(dropped)
    if removed:
        # the loop-variable initialisers (EmptyTensorList, ...) no one reads now
        consumers = {}
        for other in graph_def.node:
            for ref in other.input:
                consumers.setdefault(_ref_node(ref), 0)
                consumers[_ref_node(ref)] += 1
        changed = True
        while changed:
            changed = False
            for index in range(len(graph_def.node) - 1, -1, -1):
                other = graph_def.node[index]
                if other.op in ("EmptyTensorList", "TensorListReserve") and not consumers.get(other.name):
                    for ref in other.input:
                        consumers[_ref_node(ref)] -= 1
                    del graph_def.node[index]
                    changed = True
        drop_uncalled_functions(graph_def)
    return removed
