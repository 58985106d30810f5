"""`--style tf2`: the moving statistics of v1's batch normalization, updated where TF 1.x updated them.

migrate/tf2_layers.py writes `tf.compat.v1.layers.batch_normalization(x, training=t, ...)` as a
`V1BatchNormalization` object made once (its class written into the file: TF 1.x's arithmetic, the
fused kernel for 4-D / 5-D inputs, tf.nn.moments otherwise) and called in the steps. Its moving mean
and variance change only when the step calls `update_moving_statistics()`, which this module places:

- TF 1.x (tf_keras' v1 layer, graph mode) put a call's two update ops in the UPDATE_OPS collection
  when `training` was not the constant False (a bool tensor: each update under a tf.cond on it), and
  they ran only when a Session.run ran them: in the programs converted here, as the control
  dependencies of a train op made under
  `with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):`
  (`update_ops_block`: the block's statements are training ops, `name = opt.minimize(loss)`, and the
  optimizers they use, `opt = tf.compat.v1.train.AdamOptimizer(lr)`: making one built no op);
- the collection held the calls made before that `with` statement (tf_keras' doc: "be sure to add
  any batch_normalization ops before getting the update_ops collection");
- so the step running such a train op calls `update_moving_statistics()` of each of those layers after
  the optimizer's update (`update_lines`; the two touch different variables, order free); a step
  that does not run it (a loss read with training fed True, an evaluation) updates nothing, nor does
  any step of a program that never made the dependency.

In a model class (migrate/tf2_classes.py, which converts no batch normalization) the block around the train ops
is opened when `collection_producer` finds nothing filling the collection, and kept compat naming what does.

A Fallback: a layer whose update the collection holds but whose call the step does not compute
(TF 1.x ran the update op anyway, with its own forward pass); the collection read any other way
(`update_ops = tf.get_collection(...)` grouped or fetched by hand, `tf.group(train, update_ops)`).
Pure: no TensorFlow import.
"""
from __future__ import annotations

import ast

from migrate.tf2_layers import BATCH_NORM_CLASS

CONTROL_DEPENDENCIES = ("tf.control_dependencies", "tf.compat.v1.control_dependencies")
GET_COLLECTION = "tf.compat.v1.get_collection"
UPDATE_OPS = ("tf.compat.v1.GraphKeys.UPDATE_OPS", "tf.GraphKeys.UPDATE_OPS")


def _update_ops_collection(conv, node) -> bool:
    """`tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)` (or the key as the string "update_ops")."""
    if not (isinstance(node, ast.Call) and conv.call_name(node) == GET_COLLECTION and len(node.args) == 1
            and not node.keywords):
        return False
    key = node.args[0]
    return conv.qual(key) in UPDATE_OPS or isinstance(key, ast.Constant) and key.value == "update_ops"


def _collection_binding(conv, stmt, name: str):
    """The statement `name = tf.compat.v1.get_collection(UPDATE_OPS)` when it is `name`'s one binding in the file,
    in the body holding `stmt` before it, and `name` is read once (by `stmt`'s control_dependencies); else None."""
    stores = [n for n in ast.walk(conv.tree) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
              or isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name
              or isinstance(n, ast.arg) and n.arg == name
              or isinstance(n, ast.alias) and (n.asname or n.name.split(".")[0]) == name]
    reads = [n for n in ast.walk(conv.tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    if len(stores) != 1 or len(reads) != 1:
        return None
    binding = next((n for n in ast.walk(conv.tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
                    and n.targets[0] is stores[0]), None)
    if binding is None or not _update_ops_collection(conv, binding.value):
        return None
    holder = next((body for node in ast.walk(conv.tree) for body in (getattr(node, "body", None),)
                   if isinstance(body, list) and stmt in body), None)
    if holder is None or binding not in holder or holder.index(binding) > holder.index(stmt):
        return None
    return binding


def is_update_ops_block(conv, stmt) -> bool:
    """`with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):` (no `as`), or
    `update_ops = tf.compat.v1.get_collection(...UPDATE_OPS)` above it and `with tf.control_dependencies(update_ops):`
    (the name read there only)."""
    if not (isinstance(stmt, ast.With) and len(stmt.items) == 1 and stmt.items[0].optional_vars is None):
        return False
    context = stmt.items[0].context_expr
    if not (isinstance(context, ast.Call) and conv.call_name(context) in CONTROL_DEPENDENCIES
            and len(context.args) == 1 and not context.keywords):
        return False
    given = context.args[0]
    if isinstance(given, ast.Name):
        return _collection_binding(conv, stmt, given.id) is not None
    return _update_ops_collection(conv, given)


# batch normalization that v1 made with its moving statistics' updates in UPDATE_OPS (`collection_producer`)
COLLECTING = ("tf.compat.v1.layers.BatchNormalization", "tf_slim.batch_norm", "tf_slim.layers.batch_norm")
COLLECTION_WRITES = ("tf.compat.v1.add_to_collection", "tf.compat.v1.add_to_collections", "tf.compat.v1.get_collection_ref")


def _false(call, keyword: str) -> bool:
    """`keyword=False` (a constant) given to `call`."""
    value = next((k.value for k in call.keywords if k.arg == keyword), None)
    return isinstance(value, ast.Constant) and value.value is False


def collection_producer(conv):
    """The first node of the file that puts ops in UPDATE_OPS when TF 1.x builds it (None when nothing does, so a
    `with control_dependencies(UPDATE_OPS):` gives its train ops no dependency): v1's batch_normalization with
    `training` given and not the constant False (v1's default False makes no update op), its class, tf_slim's
    batch_norm, the slim batch_norm the compat pass wrote into the module (`slim_batch_norm`) called without
    `updates_collections=None` (then it updates in place, with the output) or `is_training=False`, or named
    otherwise than called (`normalizer_fn=slim_batch_norm`), the `V1BatchNormalization` tf2_layers wrote, and a
    write of a collection under UPDATE_OPS' key (add_to_collection, get_collection_ref)."""
    from migrate.tf2_graph import _written_batch_norms
    from migrate.tf2_layers import BATCH_NORM

    written = set(_written_batch_norms(conv.tree)[0])
    calls = {id(n.func) for n in ast.walk(conv.tree) if isinstance(n, ast.Call)}
    found = []
    for node in ast.walk(conv.tree):
        if isinstance(node, ast.Call):
            called = conv.call_name(node)
            if called == BATCH_NORM and ("training" in {k.arg for k in node.keywords} or len(node.args) > 1) and not (
                    _false(node, "training")) or called in COLLECTING or called == BATCH_NORM_CLASS \
                    or isinstance(node.func, ast.Name) and node.func.id in written and not any(
                        k.arg == "updates_collections" and isinstance(k.value, ast.Constant) and k.value.value is None
                        for k in node.keywords) and not _false(node, "is_training") \
                    or called in COLLECTION_WRITES and any(conv.qual(a) in UPDATE_OPS or isinstance(a, ast.Constant)
                                                           and a.value == "update_ops" for a in node.args[:1]):
                found.append(node)
        elif isinstance(node, ast.Name) and node.id in written and id(node) not in calls and isinstance(node.ctx, ast.Load):
            found.append(node)
    return min(found, key=lambda n: (n.lineno, n.col_offset), default=None)


def is_optimizer(conv, node) -> bool:
    """`tf.compat.v1.train.<Name>Optimizer(...)`: making one builds no op (its slots come with minimize)."""
    called = conv.call_name(node) if isinstance(node, ast.Call) else None
    return bool(called) and called.startswith("tf.compat.v1.train.") and called.endswith("Optimizer")


def batch_norm_layers(conv) -> set[str]:
    """The names bound to a `V1BatchNormalization(...)` object (tf2_layers wrote them)."""
    return {t.id for n in ast.walk(conv.tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            and isinstance(n.value.func, ast.Name) and n.value.func.id == BATCH_NORM_CLASS
            for t in n.targets if isinstance(t, ast.Name)}


def _training_call(node, layers: set[str]) -> str | None:
    """The layer's name when `node` is `layer(x, training=t)` with `t` not the constant False (an update op in
    UPDATE_OPS); tf2_layers writes no `training=` for v1's default False."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in layers:
        training = next((k.value for k in node.keywords if k.arg == "training"), None)
        if training is not None and not (isinstance(training, ast.Constant) and training.value in (False, None)):
            return node.func.id
    return None


def update_ops_block(conv, stmt, top: bool) -> bool:
    """The statements of a `with control_dependencies(UPDATE_OPS):` block, each a training op
    (`name = opt.minimize(loss)`), converted as the engine converts them outside it; each training op
    records the layers whose update ops the collection held then (`Def.batch_norm_updates`: (name, call
    statement) in program order). Raises Fallback for another statement in the block."""
    given = stmt.items[0].context_expr.args[0]
    read_at = stmt  # where v1 read the collection: the calls made before it are in it
    if isinstance(given, ast.Name):  # `update_ops = get_collection(UPDATE_OPS)`: read by this block only, it goes
        read_at = _collection_binding(conv, stmt, given.id)
        conv._delete(read_at)
    layers = batch_norm_layers(conv)
    collected = []
    for d in conv.order:
        if d.kind != "tensor" or d.stmt.lineno >= read_at.lineno:
            continue
        for node in ast.walk(d.stmt):
            name = _training_call(node, layers)
            if name is not None and name not in [n for n, _ in collected]:
                collected.append((name, d))
    converted = []
    for inner in stmt.body:
        value = inner.value if isinstance(inner, ast.Assign) else None
        if isinstance(inner, ast.Assign) and len(inner.targets) == 1 and isinstance(inner.targets[0], ast.Name) \
                and is_optimizer(conv, value):
            # `optimizer = tf.compat.v1.train.AdamOptimizer(lr)` then `train_op = optimizer.minimize(loss)` (Morvan's,
            # hunkim's): making the optimizer made no op, the dependency bound nothing of it
            if not conv._graph_statement(inner, top):
                raise conv.fail(inner, "an optimizer under control_dependencies(UPDATE_OPS) that is not converted")
            converted.append(inner)
            continue
        if not (isinstance(inner, ast.Assign) and len(inner.targets) == 1 and isinstance(inner.targets[0], ast.Name)
                and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "minimize"):
            raise conv.fail(inner, "a statement under control_dependencies(UPDATE_OPS) other than a training op "
                            "`name = optimizer.minimize(loss)`: the update ops' order with it is not converted")
        if not conv._graph_statement(inner, top):
            raise conv.fail(inner, "a training op under control_dependencies(UPDATE_OPS) that is not converted")
        d = conv.defs[inner.targets[0].id]
        d.batch_norm_updates = list(collected)
        converted.append(inner)
    if all(inner in conv.deleted_stmts for inner in stmt.body):
        conv._delete(stmt)
    else:  # `optimizer = tf.keras.optimizers.Adam(...)` written in place of a statement: the block's header goes
        if stmt.body[0].lineno == stmt.lineno:
            raise conv.fail(stmt, "a `with control_dependencies(UPDATE_OPS):` whose body shares its line")
        delta = stmt.body[0].col_offset - stmt.col_offset
        conv.edits.append((conv.starts[stmt.lineno - 1], conv.starts[stmt.body[0].lineno - 1], ""))
        starts = {conv.starts[inner.lineno - 1] for inner in stmt.body}
        for k, (start, end, text) in enumerate(conv.edits):
            if start in starts and text:
                conv.edits[k] = (start, end, "".join(line[delta:] if line[:delta].isspace() else line
                                                     for line in text.splitlines(keepends=True)))
        for inner in stmt.body:  # a statement kept where it was, edited inside (the optimizer made): its lines dedented
            if inner in conv.deleted_stmts or conv.starts[inner.lineno - 1] in starts & {e[0] for e in conv.edits}:
                continue
            for number in range(inner.lineno, inner.end_lineno + 1):
                start = conv.starts[number - 1]
                if conv.lines[number - 1][:delta].isspace() and not any(a < start + delta and b > start
                                                                         for a, b, _ in conv.edits):
                    conv.edits.append((start, start + delta, ""))
    return True


def update_lines(conv, trains: list[str], statements: list, call) -> list[str]:
    """The lines of a training step that run its train ops' UPDATE_OPS (`update_moving_statistics()` of each
    layer, once, in the order the calls were made). Raises Fallback when the step does not compute a call
    whose update the collection holds (TF 1.x computed it for the update)."""
    lines, done = [], set()
    for train in trains:
        for name, d in getattr(conv.defs[train], "batch_norm_updates", []):
            if name in done:
                continue
            if all(s is not d for s in statements):
                raise conv.fail(d.stmt, f"`{name}`'s update ops are in the UPDATE_OPS collection the train op "
                                f"`{train}` depends on, but the loss does not read this call: TF 1.x computed it for the "
                                "update, the converted step computes what the loss reads")
            done.add(name)
            lines.append(f"{name}.update_moving_statistics()  # v1's UPDATE_OPS, run with the train op")
    return lines
