"""MIG601/MIG602: `migrate code --style tf2` — a whole file as idiomatic TF 2, or compat + why."""
from __future__ import annotations

import re

from migrate.codemod import Codemod, Finding


class Tf2Style(Codemod):
    """`--style tf2`: the compat output of a TF 1.x graph program rewritten as eager TF 2
    (migrate/tf2_graph.py does the dataflow), or left compat with ONE finding naming the
    construct that kept it there. Not part of the combined traversal: the runner applies
    it to a file's compat result (`apply`) and verifies the result.

    Before (the compat migration's output)::

        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
        train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            _, l = sess.run([train_op, loss], feed_dict={x: data})

    After::

        optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
        @tf.function
        def train_step(x):
            x = tf.cast(x, tf.float32)
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
            ...
            optimizer.apply_gradients(...)
            return [None, loss]
        _, l = fetched_values(train_step(x=data))
    """

    CODE = "MIG601"
    TITLE = "--style tf2: the file converted to idiomatic TF 2 (eager, tf.function, GradientTape, Checkpoint)"
    WARNINGS = {
        "MIG602": "--style tf2: the file kept its compat migration; the construct that kept it there",
    }

    @classmethod
    def needed(cls, facts, settings) -> bool:
        return False  # never in the traversal: runner.apply_tf2_style runs it on the compat result


def apply(code: str, settings) -> tuple[str, Finding | None]:
    """`code` (a compat-migrated module) in TF 2 style: (new code, MIG601 change) when the
    whole file converts and the result has no TF 1.x construct left; (code, MIG602
    warning positioned in `code`) when it does not; (code, None) when there is nothing of
    TF 1.x in it; (new code, None) when all it had of TF 1.x were the module switches
    (`tf2_graph.DROPPED_CALLS`: no graph construct, nothing converted, no MIG6xx). Never
    imports TensorFlow."""
    from migrate.tf2_crossfile import SESSION_CLASSES
    from migrate.tf2_graph import PLAIN_MODULES, RUN_MODULES
    from migrate.tf2_libraries import LIBRARIES
    from migrate.tf2_modelmodules import CONTEXT, PATH

    token = PLAIN_MODULES.set(getattr(settings, "plain_modules", frozenset()))
    run = RUN_MODULES.set(getattr(settings, "run_modules", frozenset()))
    handed = SESSION_CLASSES.set(getattr(settings, "session_classes", {}))
    libraries = LIBRARIES.set(getattr(settings, "library_index", {}))
    models = CONTEXT.set((getattr(settings, "model_modules", {}), PATH.get(), settings))
    try:
        return _apply(code, settings)
    finally:
        CONTEXT.reset(models)
        LIBRARIES.reset(libraries)
        SESSION_CLASSES.reset(handed)
        RUN_MODULES.reset(run)
        PLAIN_MODULES.reset(token)


def _apply(code: str, settings) -> tuple[str, Finding | None]:
    # the engine's, with Sessions handed to the run's classes removed (tf2_crossfile), the run's layer
    # functions converted (tf2_libraries), and a model module converted jointly with the program
    # running its tensors (tf2_modelmodules)
    from migrate.tf2_graph import (
        DROPPED_CALLS,
        NO_VARIABLES,
        Fallback,
        leftovers,
        remaining,
        v1_helpers,
    )
    from migrate.tf2_libraries import library_text
    from migrate.tf2_modelmodules import convert

    if remaining(code) is None and not library_text(code):
        return code, None  # nothing of TF 1.x left to convert (a library of the run's layer functions still writes its classes)
    # indented with tabs: a statement's indentation holds one (a tab inside a string, a docstring's
    # `\tpython x.py` usage line, is no indentation: a fresh-eyes trial's file was refused for it)
    # (tokenized only when some line starts with a tab)
    tabbed = None if not re.search(r"^[ \t]*\t", code, re.MULTILINE) else next(
        (number for number, (line, kind) in enumerate(_indented_lines(code), 1)
         if kind == "start" and "\t" in line[:len(line) - len(line.lstrip())]), None)
    try:
        spaced = _tabs_as_spaces(code) if tabbed is not None else code
        if spaced is None:  # the steps written into it are indented with spaces: Python refuses the mix
            # the first statement whose indentation mixes the two (else the first indented with a tab), named by
            # its statement: the indentation itself would print as blank space
            mixed = next((number for number, (line, kind) in enumerate(_indented_lines(code), 1) if kind == "start"
                          and {" ", "\t"} <= set(line[:len(line) - len(line.lstrip())])), tabbed)
            raise Fallback(code.splitlines()[mixed - 1].strip()[:60], mixed, 1, "a line's indentation mixes tabs and "
                           "spaces, and the TF 2 code written into its block is indented with spaces (Python refuses the "
                           "mix): indent it one way to convert it")
        skipped = _skipped_tf_line(code)
        if skipped is not None:
            raise skipped
        pruned, eager_branches = _eager_branches(spaced)
        new = _blank_runs_trimmed(v1_helpers(convert(pruned)), pruned)
        if spaced is not code and not _space_indented(code):  # indented with tabs, as the file was
            new = _spaces_as_tabs(new)
        if "\r\n" in code and code.count("\r\n") == code.count("\n"):  # the file's CRLF line endings, generated lines too
            new = new.replace("\r\n", "\n").replace("\n", "\r\n")
        left = remaining(new, converted=True)
    except Fallback as stop:
        left, new = stop, None
        handled = ("placeholder", "Session", "disable_", "enable_", "TF_USE_LEGACY_KERAS", "initializer", ".train.",
                   "initialize_all_variables", "reset_default_graph",
                   "Variable", "summary.", "data.", "get_variable", "compat.v1.nn.softmax_cross_entropy_with_logits")
        causes = [f for f in leftovers(code) if not any(h in f.construct for h in handled)]
        if stop.reason == NO_VARIABLES and causes:
            from migrate.tf2_rewrites import rewritten_positions

            rewritten = rewritten_positions(code)  # compat.v1 calls with an exact TF 2 spelling: not a cause
            # (nor the Session's options, which make no variable: talk-debugging's `Session(config=ConfigProto(...))`
            # was named where tf_slim's layers in a model function made the variables)
            causes = [f for f in causes if (f.line, f.col) not in rewritten and f.construct not in SESSION_OPTIONS]
        if stop.reason == NO_VARIABLES and causes:
            # the variables come from a construct with no TF 2 rewrite (v1 layers, rnn cells): name it
            left = Fallback(causes[0].construct, causes[0].line, causes[0].col,
                            f"{causes[0].reason}; and minimize finds no tf.Variable of the program to train (variables made by layers or a library)")
        elif stop.reason == NO_VARIABLES:
            made = _other_module_call(code, stop.line)
            if made is not None:
                left = made
    except SyntaxError as exc:  # a bug of ours: the file stays compat
        left, new = Fallback("<internal>", 1, 1, f"the TF 2 rewrite would not parse ({exc.msg})"), None
    except Exception as exc:  # a bug of ours must not cost the user the compat migration
        left, new = Fallback("<internal>", 1, 1, f"internal error in the TF 2 rewrite ({type(exc).__name__}: {exc})"), None
    if left is not None:
        left = _library_reason(code, left)
        finding = Finding(
            "MIG602", left.line, left.col,
            f"kept compat (--style tf2): `{left.construct}` cannot be converted: {left.reason}", "warning",
        )
        if new is not None and new != code:  # found in the rewrite, which is not written: its place in `code`
            from migrate.tf2_rewrites import rewritten_positions

            rewritten = rewritten_positions(code)  # an earlier use of the construct converted (`where` of two tensors)
            same = [f for f in leftovers(code, evals=True) if f.construct == left.construct]
            same = [f for f in same if (f.line, f.col) not in rewritten] or same
            finding.line, finding.col = (same[0].line, same[0].col) if same else (1, 1)
        return code, finding
    if new == code:
        return code, None
    switches = {*DROPPED_CALLS, "disable_eager_execution"}  # `leftovers` names that attribute alone too
    if all(f.construct in switches for f in leftovers(code)) and not library_text(code):
        # nothing graph-shaped: only the module switches (a graph reset the compat pass answered
        # with disable_eager_execution, an eager program's enable_eager_execution) went
        return new, None
    message = "converted to TF 2 style (eager, tf.function, GradientTape)"
    if eager_branches:
        message += "; " + EAGER_BRANCHES.format(places=", ".join(dict.fromkeys(eager_branches)))
    if "tf.compat.v1.train.Saver" in code:
        message += "; " + NAME_BASED
    if _graph_written(code):
        message += "; " + NO_GRAPH_WRITTEN
    if "add_run_metadata(" in code:
        message += "; " + NO_RUN_METADATA
    return new, Finding("MIG601", 1, 1, message, "change")


# Said with MIG601 where a Saver became a tf.train.Checkpoint. Measured under TF 2.21: restoring a
# checkpoint TF 1.x's Saver wrote through Checkpoint.restore / read takes the name-based path, which
# matches eager variables by `name`, and TF 2 does not make those unique (every unnamed variable is
# `Variable:0`): of two unnamed variables both got the first one's values, or, shapes differing, the
# restore raised ValueError.
NAME_BASED = ("its Saver is a tf.train.Checkpoint now, whose checkpoints are object-based: a checkpoint TF 1.x's "
              "Saver wrote (also one an earlier run left in the directory the state file points to) is name-based, "
              "and the converted program would match it by variable names, which eager TF 2 does not make unique; "
              "load such a checkpoint with `tf.train.load_checkpoint(path).get_tensor(name)` + `variable.assign(...)` "
              "per variable (`tf.train.list_variables(path)` gives the names), then save it with the Checkpoint")


# Said with MIG601 where a FileWriter was given the graph (`FileWriter(logdir, sess.graph)`, `graph=g`,
# `writer.add_graph(g)`): the TF 2 summary writer it became writes the summaries, and no graph.
NO_GRAPH_WRITTEN = ("its FileWriter's graph is not written: the TF 2 summary writer writes the summaries and no graph "
                    "(TensorBoard's Graphs tab stays empty for the run; to see a step's graph call "
                    "`tf.summary.trace_on(graph=True)` before one call of that `@tf.function` and "
                    "`tf.summary.trace_export(name, step=0)` after it, inside `with writer.as_default():`)")


# Said with MIG601 where `writer.add_run_metadata(tf.RunMetadata(), tag)` was deleted (tf2_graph's
# `_empty_run_metadata`): only a new, empty RunMetadata converts, which no numbers came from.
NO_RUN_METADATA = ("its `add_run_metadata(tf.RunMetadata(), tag)` calls are deleted: the RunMetadata was empty (no run "
                   "filled it) and the TF 2 summary writer has no such call; TensorBoard lists no tagged runs for them")


def _graph_written(code: str) -> bool:
    """Does the compat `code` hand a FileWriter a graph (its second argument or `graph=`, or
    `writer.add_graph(...)`)?"""
    import ast

    def name(func) -> str:
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")

    return any(isinstance(n, ast.Call) and (
        name(n.func) == "FileWriter" and (len(n.args) > 1 or any(k.arg == "graph" for k in n.keywords))
        or name(n.func) == "add_graph") for n in ast.walk(ast.parse(code)))


EAGER_BRANCHES = ("the program's own eager branch of `if tf.executing_eagerly():` ({places}) is kept and its "
                  "graph branch dropped: the compat migration runs the graph branch (eager execution off), TF 2 the "
                  "eager one, which the program's author wrote to compute the same")


def _eager_branches(code: str):
    """`code` (a compat result that turned eager execution off) with each `if
    tf.executing_eagerly():` / `if not tf.executing_eagerly():` statement replaced by its
    eager branch (dedented to the statement's place; `pass` where the branch is empty and the
    block would be), and the legacy tf-keras switch gone when nothing left needs Keras 2;
    with where each statement was (`function f`, `module level`). Eager execution is on in TF 2, so the other
    branch is dead code there. `(code, [])` when there is none or eager execution was not
    turned off (then both migrations take the same branch). Raises Fallback for
    `executing_eagerly()` read otherwise (printed, stored: False under the compat migration,
    True in TF 2) or tested in an `elif`."""
    import ast

    from migrate.keras_target import keras2_reasons
    from migrate.tf2_graph import Fallback
    from migrate.tf2_layers import _LEGACY_LINE, _drop_legacy_switch

    if "executing_eagerly" not in code or "disable_eager_execution()" not in code:
        return code, []
    found: list[str] = []
    origin = list(range(1, code.count("\n") + 2))  # each line's number in the text given
    while True:
        tree = ast.parse(code)
        aliases = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                   for a in node.names if a.name == "tensorflow"}

        def eager_call(node, aliases=aliases) -> bool:
            return isinstance(node, ast.Call) and not node.args and not node.keywords \
                and isinstance(node.func, ast.Attribute) and node.func.attr == "executing_eagerly" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in aliases

        tests = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.If):
                test = node.test
                negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
                if eager_call(test.operand if negated else test):
                    tests[id(test.operand if negated else test)] = (node, negated)
        lines = code.splitlines(keepends=True)
        for node in ast.walk(tree):
            if eager_call(node) and id(node) not in tests:
                raise Fallback(ast.get_source_segment(code, node) or "executing_eagerly()", origin[node.lineno - 1],
                               node.col_offset + 1, "`executing_eagerly()` read other than as an `if` test: False "
                               "under the compat migration (eager execution off), True in TF 2")
        if not tests:
            pruned = _drop_legacy_switch(code)
            legacy = _LEGACY_LINE.search(pruned)
            if legacy and found:  # kept on Keras 2 for a reason of its own: name it
                at_line = pruned.count("\n", 0, legacy.start()) + 1
                for line, why in keras2_reasons(_LEGACY_LINE.sub("", pruned, count=1))[:1]:
                    line += line >= at_line  # (counted without the switch's line)
                    raise Fallback("TF_USE_LEGACY_KERAS", origin[line - 1], 1, f"the program's eager branch kept, the "
                                   f"file still needs Keras 2 (tf-keras), which TF 2 style does not use: {why}")
            if legacy is None and found:
                pruned = _legacy_optimizers_undone(pruned, origin)
            return pruned, found
        statement, negated = min(tests.values(), key=lambda t: t[0].lineno)  # the first, outermost
        head = lines[statement.lineno - 1]
        at = origin[statement.lineno - 1]
        if head.lstrip().startswith("elif"):
            raise Fallback("elif", at, len(head) - len(head.lstrip()) + 1,
                           "`executing_eagerly()` tested in an `elif`: converted as the test of an `if` statement")
        branch = statement.orelse if negated else statement.body
        indent = head[:len(head) - len(head.lstrip())]
        if branch:
            first, last = branch[0].lineno - 1, branch[-1].end_lineno
            if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.end_lineno > n.lineno
                   for stmt in branch for n in ast.walk(stmt)):
                raise Fallback("executing_eagerly()", at, len(head) - len(head.lstrip()) + 1,
                               "the eager branch of `if tf.executing_eagerly():` holds a string of several lines, "
                               "which moving the branch out of the `if` would re-indent")
            cut = len(lines[first]) - len(lines[first].lstrip())
            kept = [indent + line[cut:] if line.strip() else line.lstrip(" ") for line in lines[first:last]]
            kept_origin = origin[first:last]
        else:
            siblings = next(getattr(p, f) for p in ast.walk(tree) for f in ("body", "orelse", "finalbody")
                            if statement in getattr(p, f, []))
            kept, kept_origin = ([], []) if len(siblings) > 1 else ([indent + "pass\n"], [at])
        holder = [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and f.lineno < statement.lineno <= f.end_lineno]
        found.append(f"function `{max(holder, key=lambda f: f.lineno).name}`" if holder else "module level")
        code = "".join(lines[:statement.lineno - 1] + kept + lines[statement.end_lineno:])
        origin = origin[:statement.lineno - 1] + kept_origin + origin[statement.end_lineno:]


def _legacy_optimizers_undone(code: str, origin: list[int]) -> str:
    """`tf.keras.optimizers.legacy.SGD(...)` -> `tf.keras.optimizers.SGD(...)` in a program no
    longer on tf-keras: the compat pass chose tf-keras's legacy optimizer only because the file
    ran a Keras model with eager execution off (`keras_optimizer_lr`: the v1 training loop
    needs get_updates). Raises Fallback for one given `decay=`, Keras 2's decay, which the legacy
    optimizer keeps and a Keras 3 optimizer ignores."""
    import ast

    from migrate.tf2_graph import Fallback

    if "optimizers.legacy." not in code:
        return code
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "legacy" and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "optimizers" and isinstance(node.value.value, ast.Attribute) \
                and node.value.value.attr == "keras":
            call = next((c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                         and c.func.value is node), None)
            if call is not None and any(k.arg == "decay" for k in call.keywords):
                raise Fallback(ast.get_source_segment(code, call.func), origin[call.lineno - 1], call.col_offset + 1,
                               "a Keras 2 optimizer's `decay=`, which tf-keras's legacy optimizer keeps and a Keras 3 "
                               "optimizer ignores, in the program's eager branch (run on Keras 3 in TF 2 style)")
            end = starts[node.end_lineno - 1] + len(lines[node.end_lineno - 1].encode()[:node.end_col_offset].decode())
            edits.append((end - len(".legacy"), end))
    for start, end in sorted(edits, reverse=True):
        code = code[:start] + code[end:]
    return code


LIBRARY_REASON = ("a module of layer functions (variables made under `variable_scope` / `get_variable`, no Session): "
                  "converted together with a program of this run that calls them (`from {module} import f`, or "
                  "`import {module}` then `{module}.f(...)`) and converts; migrate such a program in the same run")


def _library_reason(code: str, left):
    """The Fallback `left`, or, for the per-API reason of a left `variable_scope` /
    `get_variable` in a module making variables in functions with no Session or placeholder
    (a layer library no converting program of the run calls: a fresh-eyes trial's R3), one
    saying how such a module converts."""
    import ast
    import os

    from migrate.tf2_graph import Fallback
    from migrate.tf2_modelmodules import PATH
    from migrate.tf2_rewrites import left_reason

    if left.reason != left_reason(left.construct) \
            or not left.construct.endswith(("variable_scope", "get_variable")) or re.search(r"\b(Session|placeholder)\(", code):
        return left
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return left
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not any(isinstance(n, ast.Attribute) and n.attr in ("variable_scope", "get_variable")
               for f in functions for n in ast.walk(f)):
        return left
    path = PATH.get() or "module.py"
    module = os.path.splitext(os.path.basename(path))[0]
    return Fallback(left.construct, left.line, left.col, LIBRARY_REASON.format(module=module))


def _skipped_tf_line(code: str):
    """A Fallback for the first line marked `# migrate: skip` that names TensorFlow (its module
    alias): the compat pass left it as written, and the TF 2 conversion rewrites the program as
    a whole (a fresh-eyes trial's `b = tf.placeholder("float")  # migrate: skip` was told 'a
    feed_dict key that is not a placeholder'); None when there is none."""
    import ast

    from migrate.prescan import SKIP_MARKER
    from migrate.tf2_graph import Fallback

    if not SKIP_MARKER.search(code):
        return None
    aliases = {a.asname or a.name for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Import)
               for a in node.names if a.name.split(".")[0] == "tensorflow"} or {"tf"}
    for number, line in enumerate(code.splitlines(), 1):
        marker = SKIP_MARKER.search(line)
        if marker and any(f"{alias}." in line[:marker.start()] for alias in aliases):
            statement = line[:marker.start()].strip()
            return Fallback(statement[:60], number, len(line) - len(line.lstrip()) + 1,
                            "the line is marked `# migrate: skip`: the compat pass left it as written, and --style tf2 "
                            "converts a program as a whole or not at all; remove the marker to convert the file")
    return None


def _blank_runs_trimmed(new: str, old: str) -> str:
    """`new` with each run of blank lines the conversion left longer than the file's own
    longest (at least two, PEP 8's between top-level definitions) cut to that length: a
    statement removed next to the two blank lines written above a step function leaves three.
    Lines inside a string (a docstring's blank lines) are never touched."""
    import io
    import tokenize

    def runs(text: str) -> tuple[list[str], set[int]]:
        lines = text.splitlines(keepends=True)
        inside: set[int] = set()  # 0-based lines a multi-line string token covers past its first
        try:
            for token in tokenize.generate_tokens(io.StringIO(text).readline):
                if token.type == tokenize.STRING or getattr(tokenize, "FSTRING_MIDDLE", None) == token.type:
                    inside.update(range(token.start[0], token.end[0]))
        except (tokenize.TokenError, SyntaxError):
            return lines, set(range(len(lines)))
        return lines, inside

    old_lines, old_inside = runs(old)
    longest, current = 2, 0
    for number, line in enumerate(old_lines):
        current = current + 1 if not line.strip() and number not in old_inside else 0
        longest = max(longest, current)
    lines, inside = runs(new)
    out, current = [], 0
    for number, line in enumerate(lines):
        current = current + 1 if not line.strip() and number not in inside else 0
        if current <= longest:
            out.append(line)
    return "".join(out)


# Session options (`Session(config=...)`, `run(options=..., run_metadata=...)`): they make no variable
SESSION_OPTIONS = frozenset(f"tf.compat.v1.{name}" for name in (
    "ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions", "RunOptions", "RunMetadata"))


def _other_module_call(code: str, before: int):
    """The first call, before line `before`, of a function another module of the user's gives
    (`model.snn(...)` of `import siamese_model as model`, `conv2d(...)` of `from libs import
    conv2d` or of `from libs.utils import *`): where a program whose minimize finds no
    tf.Variable of its own gets its variables. A Fallback naming it, or None."""
    import ast
    import sys

    from migrate.tf2_graph import Fallback

    tree = ast.parse(code)
    known = set(sys.stdlib_module_names) | {"tensorflow", "numpy", "pandas", "matplotlib", "scipy", "sklearn", "PIL",
                                             "cv2", "tqdm", "six", "absl", "h5py", "imageio", "keras", "tf_keras"}
    imported, star, bound = {}, [], set(dir(__import__("builtins")))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                module = alias.name if isinstance(node, ast.Import) else node.module or ""
                if alias.name == "*":
                    if module.split(".")[0] not in known or node.level:
                        star.append("." * node.level + module)
                    continue
                name = (alias.asname or alias.name).split(".")[0]
                bound.add(name)
                if module.split(".")[0] not in known or isinstance(node, ast.ImportFrom) and node.level:
                    imported[name] = "." * getattr(node, "level", 0) + module  # the user's own module
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno <= before),
                   key=lambda n: (n.lineno, n.col_offset))
    # a call whose value the graph reads (inside a TensorFlow call, or bound to a name a
    # TensorFlow call reads) is named before one whose value only feeds a Session.run: the
    # program's variables come from `W = ops.weight_variable(...)`, not `x = utils.load_data()`
    tf_names = {name for name, module in ((a.asname or a.name.split(".")[0], a.name) for node in ast.walk(tree)
                                          if isinstance(node, ast.Import) for a in node.names)
                if module.split(".")[0] == "tensorflow"}

    def tf_call(node) -> bool:
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        return isinstance(root, ast.Name) and root.id in tf_names

    in_graph, graph_read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and tf_call(node):
            for inner in ast.walk(node):
                if inner is not node:
                    in_graph.add(id(inner))
                    if isinstance(inner, ast.Name):
                        graph_read.add(inner.id)
    assigned = {id(node.value): {t.id for target in node.targets for t in ast.walk(target) if isinstance(t, ast.Name)}
                for node in ast.walk(tree) if isinstance(node, ast.Assign)}
    # then one handed a graph value (`layers.fully_connected(x, 1)` of a placeholder `x`, through
    # the parameters of the file's functions called with one) before one of plain values (a
    # fresh-eyes trial: Packt's `cmap = sns.diverging_palette(220, 10)` was named)
    tensors: set[str] = set()

    def reads_tensor(node) -> bool:
        return any(isinstance(n, ast.Name) and n.id in tensors for n in ast.walk(node))

    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    while True:
        size = len(tensors)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and (reads_tensor(node.value) or any(
                    isinstance(n, ast.Call) and tf_call(n) for n in ast.walk(node.value))):
                tensors |= assigned[id(node.value)]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and any(reads_tensor(a) for a in node.args):
                tensors |= {a.arg for f in functions if f.name == node.func.id for a in f.args.args}
        if len(tensors) == size:
            break
    calls.sort(key=lambda call: (not (id(call) in in_graph or assigned.get(id(call), set()) & graph_read),
                                 not any(reads_tensor(a) for a in [*call.args, *(k.value for k in call.keywords)])))
    for call in calls:
        root = call.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            continue
        module = imported.get(root.id) or (star[0] if star and isinstance(call.func, ast.Name) and root.id not in bound else None)
        if module is None:
            continue
        text = ast.get_source_segment(code, call.func) or root.id
        line = code.splitlines()[call.lineno - 1]
        col = len(line.encode("utf-8")[: call.col_offset].decode("utf-8", "replace")) + 1
        return Fallback(f"{text}(...)", call.lineno, col,
                        f"minimize finds no tf.Variable of the program to train: its variables are made by `{text}`, "
                        f"a function of the module `{module}` (converted when the program makes its variables itself)")
    return None


def _indented_lines(text: str) -> list[tuple[str, str]]:
    """(line, "start" where a logical line (a statement, an `else:`) starts, "comment" for
    a comment alone on its line, else "") for each line of `text`: only the starts'
    indentation is Python's; a line continuing brackets or a string may be indented any way."""
    import io
    import tokenize

    starts: set[int] = set()
    comments: set[int] = set()  # a comment alone on its line, outside brackets
    fresh = True
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT and fresh and token.line.lstrip().startswith("#"):
            comments.add(token.start[0])
        if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            fresh = fresh or token.type == tokenize.NEWLINE
            continue
        if fresh:
            starts.add(token.start[0])
            fresh = False
    return [(line, "start" if number in starts else "comment" if number in comments else "")
            for number, line in enumerate(text.splitlines(keepends=True), 1)]


def _tabs_as_spaces(code: str) -> str | None:
    """A tab-indented module with each indentation tab written as 4 spaces; None when a
    statement's indentation mixes tabs and spaces. A module whose blocks are indented some
    with tabs, others with spaces (jorditorres' regression.py), is all spaces then: Python 3
    accepts it only where each block nests as with a tab of 1 and of 8 columns, so a tab of 4
    nests them the same."""
    out = []
    for line, indentation in _indented_lines(code):
        lead = line[:len(line) - len(line.lstrip(" \t"))]
        if indentation == "start" and lead.strip("\t") and lead.strip(" "):
            return None
        if indentation and line.strip() and not lead.strip("\t"):
            line = "    " * len(lead) + line[len(lead):]
        out.append(line)
    return "".join(out)


def _space_indented(code: str) -> bool:
    """Some statement of the module is indented with spaces (its other blocks with tabs)."""
    return any(kind == "start" and line[:1] == " " for line, kind in _indented_lines(code))


def _spaces_as_tabs(code: str) -> str:
    """The converted module indented with tabs again: each 4 leading spaces one tab."""
    out = []
    for line, indentation in _indented_lines(code):
        lead = len(line) - len(line.lstrip(" "))
        if indentation and line.strip() and lead % 4 == 0:
            line = "\t" * (lead // 4) + line[lead:]
        out.append(line)
    return "".join(out)
