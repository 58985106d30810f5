"""TF 1.x queue-runner input pipelines (the compat output's spelling) rewritten as the tf.data
pipeline that yields the same elements in the same order, before the graph conversion
(`migrate/tf2_graph.py` then converts the program with its dataset iterator); or the Fallback
naming the part of the pipeline whose order tf.data cannot reproduce.

The shape converted, in one body (the module, or one function)::

    queue = tf.compat.v1.train.string_input_producer(FILES, shuffle=False)   # num_epochs=None
    reader = tf.compat.v1.TextLineReader(skip_header_lines=1)     # or TFRecordReader(), WholeFileReader()
    _, value = reader.read(queue)
    xy = tf.io.decode_csv(value, record_defaults=defaults)       # statements reading the record
    x_batch, y_batch = tf.compat.v1.train.batch([xy[:-1], xy[-1:]], batch_size=10)   # one thread
    with tf.compat.v1.Session() as sess:                          # (or sess = Session())
        coord = tf.train.Coordinator()
        threads = tf.compat.v1.train.start_queue_runners(sess=sess, coord=coord)
        ... sess.run([x_batch, y_batch]) ...
        coord.request_stop()
        coord.join(threads)

becomes::

    def value_record(value):
        xy = tf.io.decode_csv(value, record_defaults=defaults)
        return xy[:-1], xy[-1:]
    queue_iterator = tf.compat.v1.data.make_initializable_iterator(
        tf.data.TextLineDataset(FILES).repeat().map(value_record).batch(10, drop_remainder=True))
    x_batch, y_batch = queue_iterator.get_next()
    with tf.compat.v1.Session() as sess:
        coord = tf.train.Coordinator()
        sess.run(queue_iterator.initializer)
        ...
        coord.request_stop()

Why it is the same sequence (TF 2.21's training/input.py): string_input_producer with
shuffle=False enqueues the file names in order, again and again with num_epochs=None; the
reader reads each file through, record by record (TextLineReader drops skip_header_lines lines
at the start of each file: `flat_map` of a per-file `TextLineDataset(name).skip(k)`);
`tf.train.batch` with num_threads=1 runs ONE enqueue op in one thread into a FIFO queue, so
batches are consecutive records, across file and epoch boundaries (`repeat()` before
`batch`); its dequeue_many gives a static batch dimension (`drop_remainder=True`; there is no
remainder of an endless repeat). A batch of a one-tensor list is that tensor, not a list
(`_as_original_type`: dequeue_many of one component). The iterator is initialized where the
queue runners started. Neither side asks the graph for a random seed (string_input_producer
draws one only to shuffle; make_initializable_iterator none: measured, the op seeds of later
random ops are the same). The Coordinator is plain Python and stays (`tf.train.Coordinator`
is TF 2 API); `coord.join(threads)` goes with the threads.

A function that reads one record and returns it (or values computed of it) with no batch
(`_, image_file = reader.read(queue)` ... `return image`): each Session.run of what it returns
read the next record; in a program running its Session once (one `run` / `eval` call, in no
loop, in functions called once: `_returned_record`), TF 1.x read the first record of the first
file, which `value = next(iter(dataset))` reads in place (the function then computes eagerly).
A shuffled producer is accepted there when every call of the function gives it a one-name list
(`_one_name_given`) and no graph seed is set.

Not converted (Fallback naming why): a shuffled producer (`shuffle=True`, its default, with
more than one file name, or with a graph seed set: RandomShuffleQueue's order), `shuffle_batch`
and its kin (a RandomShuffleQueue), `num_threads` > 1 (threads race to enqueue: no fixed order),
`num_epochs` (a local variable counts the epochs), `slice_input_producer` / `input_producer`,
a random op on the records (a tf.data map function has its own generator), a pipeline
started in another function than the one building it, any other use of the queue, reader,
key or threads.
"""
from __future__ import annotations

import ast

from migrate.tf2_graph import (
    SEEDS,
    SESSION,
    Converter,
    Fallback,
    _indent,
    _is_random_op,
    _replace_lines,
)
from migrate.tf2_layers import enclosing_statement

PRODUCER = "tf.compat.v1.train.string_input_producer"
READERS = {"tf.compat.v1.TextLineReader": "tf.data.TextLineDataset", "tf.compat.v1.TFRecordReader": "tf.data.TFRecordDataset",
           "tf.compat.v1.WholeFileReader": None}
BATCH = "tf.compat.v1.train.batch"
START = "tf.compat.v1.train.start_queue_runners"
COORDINATORS = ("tf.train.Coordinator", "tf.compat.v1.train.Coordinator")
# queue APIs whose order tf.data cannot reproduce, or not converted here -> why
OTHER_QUEUES = {
    "tf.compat.v1.train.shuffle_batch": "draws its batches from a RandomShuffleQueue, whose order tf.data's shuffle "
                                        "(another algorithm and generator) cannot reproduce",
    "tf.compat.v1.train.shuffle_batch_join": "draws its batches from a RandomShuffleQueue, whose order tf.data's "
                                             "shuffle (another algorithm and generator) cannot reproduce",
    "tf.compat.v1.train.maybe_shuffle_batch": "draws its batches from a RandomShuffleQueue, whose order tf.data's "
                                              "shuffle (another algorithm and generator) cannot reproduce",
    "tf.compat.v1.train.batch_join": "enqueues from several readers in as many threads, whose race gives no fixed order",
    "tf.compat.v1.train.slice_input_producer": "a queue of tensor slices (shuffled by default): not converted to "
                                               "tf.data here",
    "tf.compat.v1.train.input_producer": "a queue of tensor rows (shuffled by default): not converted to tf.data here",
    "tf.compat.v1.train.range_input_producer": "a queue of integers (shuffled by default): not converted to tf.data here",
    "tf.compat.v1.train.maybe_batch": "a conditional enqueue (keep_input): not converted to tf.data here",
}
SHUFFLED_FILES = ("string_input_producer shuffles its file names (shuffle=True is its default) with a "
                  "RandomShuffleQueue each epoch, an order tf.data cannot reproduce; with shuffle=False it converts")


class _Pipeline:
    """One queue pipeline: producer, reader, read and (optional) batch statements of a body."""

    def __init__(self, body, producer, reader, read, value, records, batch) -> None:
        self.body, self.producer, self.reader, self.read = body, producer, reader, read
        self.value, self.records, self.batch = value, records, batch


def queue_pipelines(text: str):
    """`text` (a compat-migrated module) with its queue pipelines as tf.data iterators, and a
    function taking a Fallback of the new text back to `text` (`_replace_lines`); None when
    it has no queue API call. Raises Fallback (its position in `text`) for a queue that cannot
    be rewritten exactly."""
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    queue_calls = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and (
        c.call_name(n) in (PRODUCER, BATCH, START, *READERS, *OTHER_QUEUES))]
    if not any(c.call_name(n) in (PRODUCER, *OTHER_QUEUES) for n in queue_calls):
        return None  # no queue made here (the queue runners of a helper's input tensors): the engine's to name
    for call in sorted(queue_calls, key=lambda n: (n.lineno, n.col_offset)):
        called = c.call_name(call)
        if called in OTHER_QUEUES:
            short = called.rsplit(".", 1)[1]
            if short.endswith("input_producer") and _literal(_keyword(call, "shuffle"), True) is not False:
                raise c.fail(call, f"a TF 1.x queue pipeline: `{short}` shuffles its elements (shuffle=True is its "
                             "default) with a RandomShuffleQueue each epoch, an order tf.data cannot reproduce")
            raise c.fail(call, f"a TF 1.x queue pipeline: `{short}` {OTHER_QUEUES[called]}")
    parents = {id(child): parent for parent in ast.walk(c.tree) for child in ast.iter_child_nodes(parent)}
    bodies = _bodies(c.tree)
    pipelines = [_pipeline(c, call, parents, bodies) for call in queue_calls if c.call_name(call) == PRODUCER]
    for call in queue_calls:  # every reader and batch belongs to a pipeline
        if c.call_name(call) in (*READERS, BATCH) and not any(
                call in (p.reader.value, getattr(p.batch, "value", None)) for p in pipelines):
            raise c.fail(call, "a TF 1.x queue API outside a pipeline of string_input_producer, one reader and "
                         "tf.train.batch in one body: not converted to tf.data here")
    replacements: list[tuple[int, int, str]] = []
    iterators = []
    for p in pipelines:
        iterator = c.fresh("queue_iterator") if p.batch is not None else ""
        iterators.append((p, iterator))
        replacements += _pipeline_text(c, p, iterator)
    starts = [call for call in queue_calls if c.call_name(call) == START]
    if not starts:
        raise c.fail(pipelines[0].producer, "a queue pipeline whose queue runners are never started "
                     "(`start_queue_runners`): its reads would wait forever")
    for call in starts:
        replacements += _start_text(c, call, parents, bodies, iterators)
    if any(p.batch is None for p in pipelines) and len(starts) > 1:
        raise c.fail(starts[1], "a TF 1.x queue pipeline: its queue runners started twice")
    return _replace_lines(text, c, replacements)


def _bodies(tree) -> dict[int, list]:
    """id(statement) -> the statement list holding it."""
    found = {}
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            child = getattr(node, name, None)
            if isinstance(child, list):
                for stmt in child:
                    found[id(stmt)] = child
        for handler in getattr(node, "handlers", []):
            for stmt in handler.body:
                found[id(stmt)] = handler.body
    return found


def _uses(c: Converter, name: str, scope_nodes) -> list[ast.Name]:
    return [n for n in scope_nodes if isinstance(n, ast.Name) and n.id == name]


def _keyword(call: ast.Call, name: str, position: int | None = None):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


_NOT_LITERAL = object()  # what `_literal` gives for an expression: equal to no value compared


def _literal(node, default):
    if node is None:
        return default
    if isinstance(node, ast.Constant):
        return node.value
    return _NOT_LITERAL


def _pipeline(c: Converter, call: ast.Call, parents: dict, bodies: dict) -> _Pipeline:
    """The pipeline whose file-name queue `call` (string_input_producer) makes, or Fallback."""
    why = "a TF 1.x queue pipeline: "
    stmt = enclosing_statement(call, parents)
    if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)):
        raise c.fail(call, why + "a file-name queue not bound to a name of its own")
    body = bodies[id(stmt)]
    if any(k.arg is None for k in call.keywords) or len(call.args) > 1:
        raise c.fail(call, why + "string_input_producer with arguments given by position or ** (not converted here)")
    for k in call.keywords:
        if k.arg not in ("shuffle", "num_epochs", "seed", "capacity", "name"):
            raise c.fail(call, why + f"string_input_producer's `{k.arg}` (not converted here)")
    files = call.args[0] if call.args else _keyword(call, "string_tensor")
    shuffle = _literal(_keyword(call, "shuffle"), True)
    if shuffle is not False:
        single = _one_name(files) or _one_name_given(c, files, stmt, parents)
        seeded = any(isinstance(n, ast.Call) and c.call_name(n) in SEEDS for n in ast.walk(c.tree))
        if shuffle is not True or not single:
            # (a name or a longer list: more than one file name, in an order drawn each epoch)
            raise c.fail(call, why + SHUFFLED_FILES)
        if seeded:  # one file name shuffled is the same order, but its RandomShuffle asks the graph for a seed
            raise c.fail(call, why + "string_input_producer shuffles its one file name (shuffle=True is its default): "
                         "the same order, but the shuffle takes an op seed of the seeded graph, which moves the "
                         "seeds of the random ops after it; with shuffle=False it converts")
    if _literal(_keyword(call, "num_epochs"), None) is not None:
        raise c.fail(call, why + "string_input_producer's num_epochs (a local variable counts the epochs and "
                     "OutOfRangeError ends them): not converted here")
    name = stmt.targets[0].id
    scope = [n for s in body for n in ast.walk(s)]
    uses = [n for n in _uses(c, name, scope) if isinstance(n.ctx, ast.Load)]
    if len(uses) != 1 or len([n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == name]) != 2:
        raise c.fail(call, why + f"the file-name queue `{name}` used otherwise than by one reader's read")
    read_call = parents[id(uses[0])]
    if not (isinstance(read_call, ast.Call) and read_call.args == [uses[0]] and not read_call.keywords
            and isinstance(read_call.func, ast.Attribute) and read_call.func.attr == "read"
            and isinstance(read_call.func.value, ast.Name)):
        raise c.fail(uses[0], why + f"the file-name queue `{name}` used otherwise than by one reader's `read`", name)
    read = enclosing_statement(read_call, parents)
    if not (isinstance(read, ast.Assign) and read.value is read_call and len(read.targets) == 1
            and isinstance(read.targets[0], ast.Tuple) and len(read.targets[0].elts) == 2
            and all(isinstance(e, ast.Name) for e in read.targets[0].elts) and bodies[id(read)] is body):
        raise c.fail(read_call, why + "a reader's read not unpacked to `key, value` in the body of its queue")
    key, value = (e.id for e in read.targets[0].elts)
    if key != "_" and any(isinstance(n, ast.Name) and n.id == key for n in ast.walk(c.tree) if n is not read.targets[0].elts[0]):
        raise c.fail(read.targets[0].elts[0], why + f"the record's key `{key}` (file name and record number) is "
                     "read: a tf.data record has no key", key)
    reader_name = read_call.func.value.id
    reader = next((s for s in body[:body.index(read)] if isinstance(s, ast.Assign) and len(s.targets) == 1
                   and isinstance(s.targets[0], ast.Name) and s.targets[0].id == reader_name), None)
    if reader is None or c.call_name(reader.value) not in READERS:
        raise c.fail(read_call, why + f"`{reader_name}` is not a TextLineReader, TFRecordReader or WholeFileReader made "
                     "in this body", reader_name)
    reader_kwargs = {k.arg for k in reader.value.keywords}
    allowed = {"name"} | ({"skip_header_lines"} if c.call_name(reader.value).endswith("TextLineReader") else set())
    if reader.value.args or not reader_kwargs <= allowed:
        raise c.fail(reader.value, why + "reader options (compression, position arguments) not converted here")
    if len([n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == reader_name]) != 2:
        raise c.fail(reader.value, why + f"the reader `{reader_name}` used otherwise than by one read", reader_name)
    records, batch, names = [], None, {value}
    for s in body[body.index(read) + 1:]:
        loaded = {n.id for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if isinstance(s, ast.Assign) and c.call_name(s.value) == BATCH and loaded & names:
            batch = s
            break
        if not loaded & names:
            stored = {n.id for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            if stored & names:
                names -= stored  # a record name rebound to another value: no longer the record's
            continue
        if isinstance(s, ast.Return) and s is body[-1] and isinstance(parents.get(id(s)), ast.FunctionDef):
            break  # the record (and what is computed of it) returned: `_returned_record` says if it is read once
        if not isinstance(s, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            raise c.fail(s, why + "a statement on the record that is not an assignment (a loop, a condition, a call "
                         "run for its effect): not moved into a tf.data map function here")
        for n in ast.walk(s):
            if isinstance(n, ast.Call) and c.call_name(n) is not None and _is_random_op(c.call_name(n)):
                raise c.fail(n, why + "a random op on each record: in a tf.data map function it would draw from the "
                             "function's own generator, not the graph's")
        records.append(s)
        names |= {n.id for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    if batch is None:
        if not (isinstance(body[-1], ast.Return) and isinstance(parents.get(id(body[-1])), ast.FunctionDef)):
            raise c.fail(read_call, why + "records read without tf.train.batch (each Session.run reading one): not "
                         "converted here")
        _returned_record(c, parents.get(id(body[-1])), read_call, parents)
        return _Pipeline(body, stmt, reader, read, value, records, None)
    between = body[body.index(read) + 1: body.index(batch)]
    for s in between:  # a statement left in place must not rebind a name a moved statement read before it
        if s in records:
            continue
        stored = {n.id for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        earlier = {n.id for r in records if r.lineno < s.lineno for n in ast.walk(r) if isinstance(n, ast.Name)}
        if stored & earlier:
            raise c.fail(s, why + "a statement between the record's statements rebinds a name they read")
    later = [n for s in body[body.index(batch) + 1:] for n in ast.walk(s)]
    for n in later:  # the record tensors exist only inside the map function
        if isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load) and n.id not in _stored_before(body, batch, n):
            raise c.fail(n, why + f"the record tensor `{n.id}` used after tf.train.batch (it lives in the tf.data map "
                         "function)", n.id)
    _check_batch(c, batch.value)
    return _Pipeline(body, stmt, reader, read, value, records, batch)


def _one_name(files) -> bool:
    return isinstance(files, (ast.List, ast.Tuple)) and len(files.elts) == 1 and not isinstance(files.elts[0], ast.Starred)


def _one_name_given(c: Converter, files, stmt, parents: dict) -> bool:
    """Is `files` a parameter of the function holding `stmt` that every call of the function
    (by its name, the only uses of it) gives a one-name list literal?"""
    function = stmt
    while id(function) in parents and not isinstance(function, ast.FunctionDef):
        function = parents[id(function)]
    if not isinstance(function, ast.FunctionDef) or not isinstance(files, ast.Name):
        return False
    names = [a.arg for a in function.args.args]
    if files.id not in names or any(isinstance(n, ast.Name) and n.id == files.id and not isinstance(n.ctx, ast.Load)
                                    for n in ast.walk(function)):
        return False
    index = names.index(files.id)
    uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == function.name]
    calls = [parents[id(n)] for n in uses if isinstance(parents.get(id(n)), ast.Call) and parents[id(n)].func is n]
    if not calls or len(calls) != len(uses):
        return False
    for call in calls:
        given = next((k.value for k in call.keywords if k.arg == files.id), call.args[index] if len(call.args) > index else None)
        if given is None or not _one_name(given) or any(isinstance(a, ast.Starred) for a in call.args) \
                or any(k.arg is None for k in call.keywords):
            return False
    return True


LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)


def _runs_once(c: Converter, node, parents: dict, depth: int = 0) -> bool:
    """Is `node` evaluated at most once by the program: in no loop, in the module or in a
    function called (by name, its only uses) at most once from such a place?"""
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, LOOPS):
            return False
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if depth > 8 or isinstance(parents.get(id(node)), ast.ClassDef):
                return False
            uses = [n for n in ast.walk(c.tree) if isinstance(n, ast.Name) and n.id == node.name]
            if len(uses) > 1 or any(not (isinstance(parents.get(id(u)), ast.Call) and (
                    parents[id(u)].func is u or (c.call_name(parents[id(u)]) or "").endswith("app.run"))) for u in uses):
                return False  # (`tf.app.run(main)` calls main once, there)
            if not uses:
                return True  # (never called: run by no one)
            return all(_runs_once(c, u, parents, depth + 1) for u in uses)
    return True


def _returned_record(c: Converter, function: ast.FunctionDef, read_call: ast.Call, parents: dict) -> None:
    """A function that reads one record and returns it (or values computed of it), each
    Session.run of them reading the next record: converted when the program runs the
    Session once (one `run` / `eval` call, evaluated once) and calls the function once,
    so that TF 1.x read exactly the first record, which `next(iter(dataset))` reads."""
    why = "a TF 1.x queue pipeline: the record returned from the function that reads it, "
    runs = [n for n in ast.walk(c.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("run", "eval") and not (c.call_name(n) or "").endswith("app.run")]  # not tf.app.run()
    if len(runs) != 1:
        raise c.fail(read_call, why + f"in a program with {len(runs)} `run` / `eval` calls (each run of it reads the "
                     "next record): converted when the program runs its Session once")
    if not _runs_once(c, runs[0], parents):
        raise c.fail(runs[0], why + "run in a loop or by a function called more than once (each run reads the next "
                     "record): converted when run once")
    if not _runs_once(c, function.body[0], parents):
        raise c.fail(read_call, why + f"with `{function.name}` called more than once or in a loop: converted when it "
                     "is called once", function.name)


def _stored_before(body: list, batch: ast.stmt, node: ast.Name) -> set[str]:
    """Names bound again after `batch` and before `node`'s line in `body` (a later `value = ...`)."""
    return {n.id for s in body[body.index(batch) + 1:] if s.lineno < node.lineno or (s.lineno <= node.lineno and s.end_lineno < node.lineno)
            for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


def _check_batch(c: Converter, call: ast.Call) -> None:
    why = "a TF 1.x queue pipeline: tf.train.batch "
    if any(k.arg is None for k in call.keywords) or len(call.args) > 2:
        raise c.fail(call, why + "with arguments by position past batch_size or ** (not converted here)")
    tensors = call.args[0] if call.args else _keyword(call, "tensors")
    if not isinstance(tensors, (ast.List, ast.Tuple)) or not tensors.elts or any(isinstance(e, ast.Starred) for e in tensors.elts):
        raise c.fail(call, why + "of tensors not given as a list literal (a dict or a name): not converted here")
    if _keyword(call, "batch_size", 1) is None:
        raise c.fail(call, why + "without batch_size")
    for k in call.keywords:
        if k.arg in ("tensors", "batch_size", "capacity", "name"):
            continue
        if k.arg == "num_threads" and _literal(k.value, None) != 1:
            raise c.fail(k.value, why + "with num_threads other than 1: its threads race to enqueue records, so the "
                         "batches have no fixed order for tf.data to reproduce")
        if k.arg == "allow_smaller_final_batch" and _literal(k.value, None) in (True, False):
            continue
        if k.arg not in ("num_threads",):
            raise c.fail(k.value, why + f"with `{k.arg}` (not converted here)")


def _pipeline_text(c: Converter, p: _Pipeline, iterator: str) -> list[tuple[int, int, str]]:
    """Line replacements: producer, reader and read go; the record statements become a map
    function and the batch statement the dataset, its iterator and get_next."""
    out = [(s.lineno, s.end_lineno, "") for s in (p.producer, p.reader, p.read)]
    if p.batch is None:  # the one record a function returns: the first of the dataset, read in place
        out[-1] = (p.read.lineno, p.read.end_lineno,
                   f"{_indent(c.lines[p.read.lineno - 1])}{p.value} = next(iter({_dataset(c, p)}))\n")
        return out
    batch = p.batch.value
    indent = _indent(c.lines[p.batch.lineno - 1])
    dataset = _dataset(c, p)
    tensors = batch.args[0] if batch.args else _keyword(batch, "tensors")
    elements = [c.source(e) for e in tensors.elts]
    lines = []
    if p.records:
        function = c.fresh(f"{p.value}_record")
        lines.append(f"{indent}def {function}({p.value}):\n")
        for s in p.records:
            first = s.lineno
            while first > 1 and c.lines[first - 2].strip().startswith("#") and not any(
                    r.lineno <= first - 1 <= r.end_lineno for r in p.body):
                first -= 1  # the comments just above the statement go with it
            out.append((first, s.end_lineno, ""))
            for line in c.lines[first - 1: s.end_lineno]:
                lines.append(("    " + line) if line.strip() else line)
        lines.append(f"{indent}    return {', '.join(elements)}\n")
        dataset += f".map({function})"
    elif elements != [p.value]:
        dataset += f".map(lambda {p.value}: ({', '.join(elements)}{',' if len(elements) == 1 else ''}))"
    size = c.source(_keyword(batch, "batch_size", 1))
    smaller = _literal(_keyword(batch, "allow_smaller_final_batch"), False)
    dataset += f".batch({size}{'' if smaller else ', drop_remainder=True'})"
    made = c.tf("tf.compat.v1.data.make_initializable_iterator")
    lines.append(f"{indent}{iterator} = {made}(\n{indent}    {dataset})\n")
    targets = " = ".join(c.source(t) for t in p.batch.targets)
    lines.append(f"{indent}{targets} = {iterator}.get_next()\n")
    out.append((p.batch.lineno, p.batch.end_lineno, "".join(lines)))
    return out


def _dataset(c: Converter, p: _Pipeline) -> str:
    """The tf.data expression of the records the reader read from the file-name queue."""
    files = c.source(p.producer.value.args[0] if p.producer.value.args else _keyword(p.producer.value, "string_tensor"))
    kind = READERS[c.call_name(p.reader.value)]
    skip = _keyword(p.reader.value, "skip_header_lines")
    slices = c.tf("tf.data.Dataset.from_tensor_slices")
    if kind is None:  # WholeFileReader: each file's contents is one record
        dataset = f"{slices}({files}).repeat().map({c.tf('tf.io.read_file')})"
    elif skip is not None and _literal(skip, None) not in (0, None):
        dataset = f"{slices}({files}).repeat().flat_map(lambda filename: {c.tf(kind)}(filename).skip({c.source(skip)}))"
    else:
        dataset = f"{c.tf(kind)}({files}).repeat()"
    return dataset


def _start_text(c: Converter, call: ast.Call, parents: dict, bodies: dict, iterators: list) -> list:
    """`threads = start_queue_runners(sess=sess, coord=coord)` -> `sess.run(it.initializer)` for
    each pipeline; `coord.join(threads)` goes with the threads."""
    why = "a TF 1.x queue pipeline: "
    stmt = enclosing_statement(call, parents)
    if not (isinstance(stmt, (ast.Expr, ast.Assign)) and stmt.value is call):
        raise c.fail(call, why + "start_queue_runners inside an expression")
    for k in call.keywords:
        if k.arg not in ("sess", "coord", "daemon", "start"):
            raise c.fail(call, why + f"start_queue_runners' `{k.arg}` (not converted here)")
    if call.args and len(call.args) > 2:
        raise c.fail(call, why + "start_queue_runners with arguments by position (not converted here)")
    sess = _keyword(call, "sess", 0)
    start = _literal(_keyword(call, "start"), True)
    if start is not True:
        raise c.fail(call, why + "queue runners made but not started (start=False)")
    iterators = [(p, iterator) for p, iterator in iterators if p.batch is not None]
    session = sess.id if isinstance(sess, ast.Name) else _enclosing_session(c, stmt, parents, bodies)
    if session is None and iterators:
        raise c.fail(call, why + "start_queue_runners outside a `with Session() as sess:` block and with no `sess=`")
    for p, _ in iterators:
        if not _inside(stmt, p.body, parents, bodies):
            raise c.fail(call, why + "the queue runners started in another function than the one building the "
                         "pipeline (its iterator is not in reach there): not converted here")
        if stmt.lineno < p.batch.end_lineno:
            raise c.fail(call, why + "the queue runners started before the pipeline is built")
    indent = _indent(c.lines[stmt.lineno - 1])
    text = "".join(f"{indent}{session}.run({iterator}.initializer)\n" for _, iterator in iterators)
    out = [(stmt.lineno, stmt.end_lineno, text)]
    if isinstance(stmt, ast.Assign):
        if not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            raise c.fail(stmt, why + "the queue runners' threads not bound to one name")
        threads = stmt.targets[0].id
        for n in ast.walk(c.tree):
            if isinstance(n, ast.Name) and n.id == threads and n is not stmt.targets[0]:
                use = enclosing_statement(n, parents)
                joined = isinstance(use, ast.Expr) and isinstance(use.value, ast.Call) and use.value.args == [n] \
                    and not use.value.keywords and isinstance(use.value.func, ast.Attribute) and use.value.func.attr == "join"
                if not joined:
                    raise c.fail(n, why + f"the queue runners' threads `{threads}` used otherwise than by "
                                 "`coord.join(threads)` (tf.data runs no thread)", threads)
                out.append((use.lineno, use.end_lineno, ""))
    return out


def _enclosing_session(c: Converter, stmt, parents: dict, bodies: dict) -> str | None:
    node = stmt
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, ast.With):
            for item in node.items:
                if c.call_name(item.context_expr) == SESSION and isinstance(item.optional_vars, ast.Name):
                    return item.optional_vars.id
    return None


def _inside(stmt, body: list, parents: dict, bodies: dict) -> bool:
    """Is `stmt` in `body` or in a block nested in it (not in a function defined there)?"""
    node = stmt
    while True:
        if bodies.get(id(node)) is body:
            return True
        if id(node) not in parents:
            return False
        node = parents[id(node)]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return False
