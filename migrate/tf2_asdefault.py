"""`--style tf2`: `with sess.as_default():` around the program's statements (dennybritz's
cnn-text-classification train.py, astorfi's TensorFlow-World: `sess = tf.Session(config=...)`
then the model, the initializer and the training loop in the block). TF 1.x made `sess` the
default Session there: `t.eval(feed)` / `op.run(feed)` inside ran in it, i.e. they were
`sess.run(t, feed)` (Tensor.eval and Operation.run call `get_default_session().run`); the Session
being default changed nothing else the program computes (not the graph, the seeds or the ops).
So the block is unwrapped (its statements dedented into its place; among other `with` items the
item alone is dropped) and each `.eval(...)` in it not naming a Session is given `session=sess`;
the text is converted again, as `sess.run` / `.eval(session=sess)` already are (a Fallback of it
positioned back in the given text).

Kept compat, named: the block reading the default Session (`tf.get_default_session()`), a
function or method of the file called in the block that runs `x.eval()` / `op.run()` without a
Session (it ran in the default one: converted where it is handed the Session). `sess.as_default()`
other than as a `with` item (`as` bound, or called elsewhere) keeps the reason the Session's use gave;
the block after `sess.close()` is no statement of the Session's (kept compat by the engine)."""
from __future__ import annotations

import ast
import re

from migrate.tf2_graph import Converter, Fallback, _splice_branch

AS_DEFAULT = re.compile(r"`(\w+)\.as_default\(\)`: a block run with the Session made default")


def session_default_block(text: str, stop: Fallback):
    """The text with the `with sess.as_default():` that stopped the conversion unwrapped and a
    function taking a Fallback of that text back to `text`; None for another stop or shape."""
    found = AS_DEFAULT.match(stop.reason)
    if found is None:
        return None
    sess = found.group(1)
    try:
        c = Converter(text)
    except (Fallback, SyntaxError):
        return None
    block = item = None
    for node in ast.walk(c.tree):
        if isinstance(node, ast.With) and node.lineno <= stop.line <= node.end_lineno:
            for i in node.items:
                if _as_default(i.context_expr, sess) and i.context_expr.lineno == stop.line \
                        and c.col(i.context_expr) + 1 == stop.col:
                    block, item = node, i
    if block is None or item.optional_vars is not None:
        return None
    _refuse(c, block, sess)
    calls = [n for s in block.body for n in ast.walk(s) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "eval" and len(n.args) <= 1 and not any(k.arg in ("session", None) for k in n.keywords)]
    edits = [(c.end_offset(n) - 1, "session=" + sess if not n.args and not n.keywords else ", session=" + sess)
             for n in calls if not (isinstance(n.func.value, ast.Name) and n.func.value.id == sess)]
    if len(block.items) > 1:  # `with sess.as_default(), open(path, "w") as log:` -> `with open(path, "w") as log:`
        at = block.items.index(item)
        start, end = (c.offset(item.context_expr), c.offset(block.items[at + 1].context_expr)) if at + 1 < len(block.items) \
            else (c.end_offset(block.items[at - 1].optional_vars or block.items[at - 1].context_expr), c.end_offset(item.context_expr))
        edits.append((start, "", end))
        new = _edit(text, edits)
        return new, lambda later: later
    new = _edit(text, edits)
    return _splice_branch(Converter(new), new, block, block.body, False)


def _edit(text: str, edits: list) -> str:
    """`text` with each (offset, insertion[, end of a cut]) applied, the last first."""
    for edit in sorted(edits, key=lambda e: e[0], reverse=True):
        start, inserted = edit[0], edit[1]
        end = edit[2] if len(edit) > 2 else start
        text = text[:start] + inserted + text[end:]
    return text


def _as_default(node: ast.AST, sess: str) -> bool:
    return isinstance(node, ast.Call) and not node.args and not node.keywords and isinstance(node.func, ast.Attribute) \
        and node.func.attr == "as_default" and isinstance(node.func.value, ast.Name) and node.func.value.id == sess


def _refuse(c: Converter, block: ast.With, sess: str) -> None:
    """A Fallback for what the Session being default reaches beyond the block's own runs."""
    functions = {f.name: f for f in ast.walk(c.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    seen, pending = set(), [(s, None, ()) for s in block.body]
    while pending:  # the block's statements, then the file's functions called there (transitively)
        root, via, handed = pending.pop()
        read = next((n for n in ast.walk(root) if isinstance(n, ast.Call) and (c.qual(n.func) or "").endswith(
            "get_default_session")), None)
        if read is not None:
            raise c.fail(via or read, f"the default Session is read (`get_default_session()`{_in(via, c)}) in the "
                         f"`{sess}.as_default()` block: eager TF 2 has no Session to give; converted where the "
                         f"Session is run by name (`{sess}.run`)")
        for node in ast.walk(root):
            if via is not None and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("eval", "run") and not any(k.arg == "session" for k in node.keywords) \
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in (sess, *handed)):
                # (`x.eval()` / `op.run()` of no Session; `session.run(...)` of a parameter runs the one handed)
                raise c.fail(via, f"`{c.source(via.func)}`, called in the `{sess}.as_default()` block, runs "
                             f"`{c.source(node.func)}()` in the default Session (that Session): converted where "
                             "the function is handed the Session (`.eval(session=sess)` / `sess.run`)")
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr \
                    if isinstance(node.func, ast.Attribute) else None
                if name in functions and name not in seen:
                    seen.add(name)
                    arguments = functions[name].args
                    names = tuple(a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs])
                    pending.extend((s, via or node, names) for s in functions[name].body)


def _in(via: ast.Call | None, c: Converter) -> str:
    return "" if via is None else f", in `{c.source(via.func)}`"
