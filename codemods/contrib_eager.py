"""MIG502: `tf.contrib.eager` (`import tensorflow.contrib.eager as tfe`) -> TF 2 core eager."""
from __future__ import annotations

import ast
import functools

import libcst as cst

from migrate.codemod import DottedNameCodemod, absolute_module, _bound_names, dotted_text, _is_docstring_or_future, _is_import, path_within, _sets_environment, with_aliases
from migrate.prescan import dotted_name, qualify

MODULE = "tensorflow.contrib.eager"
MODULES = (MODULE, "tensorflow.contrib.eager.python.tfe")

# tfe.<name> -> TF 2 path (same object or same behaviour in TF 2's default eager mode).
SAME = {
    "Variable": "Variable",
    "GradientTape": "GradientTape",
    "defun": "function",
    "function": "function",
    "py_func": "py_function",
    "executing_eagerly": "executing_eagerly",
    "in_eager_mode": "executing_eagerly",
    "Checkpoint": "train.Checkpoint",
    "Checkpointable": "Module",
    "TensorSpec": "TensorSpec",
    "make_template": "compat.v1.make_template",
    "Network": "keras.Model",
    # kept as the marker that this is an eager program (a no-op in TF 2, where eager is the default)
    "enable_eager_execution": "compat.v1.enable_eager_execution",
    "run": "compat.v1.app.run",  # tfe.run = tf.app.run with eager enabled; MIG106 moves it to absl
    "metrics.Mean": "keras.metrics.Mean",
    "metrics.Accuracy": "keras.metrics.Accuracy",
    "metrics.CategoricalAccuracy": "keras.metrics.CategoricalAccuracy",
    "metrics.BinaryAccuracy": "keras.metrics.BinaryAccuracy",
}
# tfe.<name> -> a helper written into the module (TF 2 has no such function; written with tf.GradientTape).
HELPERS = ("implicit_gradients", "implicit_value_and_gradients", "gradients_function", "value_and_gradients_function")
ADVICE = {
    "Saver": "use tf.train.Checkpoint(**{name: var ...}).save/restore (object-based checkpoints)",
    "EagerVariableStore": "create the variables in a tf.Module / Keras layer instead of tf.compat.v1.get_variable",
    "restore_variables_on_create": "restore with tf.train.Checkpoint(...).restore(path) after building the model",
    "Sequential": "use tf.keras.Sequential",
    "seterr": "use tf.debugging.enable_check_numerics() to stop at the first inf/NaN",
    "in_graph_mode": "use `not tf.executing_eagerly()`",
    "num_gpus": "use len(tf.config.list_physical_devices('GPU'))",
    "list_devices": "use tf.config.list_logical_devices()",
    "save_network_checkpoint": "use tf.train.Checkpoint(model=network).save(path)",
    "restore_network_checkpoint": "use tf.train.Checkpoint(model=network).restore(path)",
    "metrics": "use tf.keras.metrics (Mean, Accuracy, ...); call update_state and result",
}

HELPER_SOURCE = {
    "implicit_value_and_gradients": '''\
def {name}(f):
    """tf.contrib.eager.implicit_value_and_gradients of TF 1.x, with tf.GradientTape: the
    returned function returns (value of f, [(gradient, variable), ...]) for the trainable
    variables f reads."""
    def grad_fn(*args, **kwargs):
        with {tf}.GradientTape() as tape:
            value = f(*args, **kwargs)
        variables = tape.watched_variables()
        if not variables:
            raise ValueError("No trainable variables were accessed while the function was being computed.")
        return value, list(zip(tape.gradient(value, variables), variables))
    return grad_fn
''',
    "implicit_gradients": '''\
def {name}(f):
    """tf.contrib.eager.implicit_gradients of TF 1.x, with tf.GradientTape: the returned
    function returns [(gradient, variable), ...] for the trainable variables f reads."""
    def grad_fn(*args, **kwargs):
        with {tf}.GradientTape() as tape:
            value = f(*args, **kwargs)
        variables = tape.watched_variables()
        if not variables:
            raise ValueError("No trainable variables were accessed while the function was being computed.")
        return list(zip(tape.gradient(value, variables), variables))
    return grad_fn
''',
    "value_and_gradients_function": '''\
def {name}(f, params=None):
    """tf.contrib.eager.value_and_gradients_function of TF 1.x, with tf.GradientTape: the
    returned function returns (value of f, gradients with respect to f's arguments, or to
    those named / indexed by params)."""
    import inspect

    def grad_fn(*args, **kwargs):
        dy = kwargs.pop("dy", None)
        names = list(inspect.signature(f).parameters)
        wanted = range(len(args)) if params is None else [names.index(p) if isinstance(p, str) else p for p in params]
        args = list(args)
        with {tf}.GradientTape() as tape:
            for i in wanted:
                args[i] = {tf}.convert_to_tensor(args[i])
                tape.watch(args[i])
            value = f(*args, **kwargs)
        return value, tape.gradient(value, [args[i] for i in wanted], output_gradients=dy)
    return grad_fn
''',
    "gradients_function": '''\
def {name}(f, params=None):
    """tf.contrib.eager.gradients_function of TF 1.x, with tf.GradientTape: the returned
    function returns the gradients of f with respect to its arguments (or those named /
    indexed by params)."""
    value_and_gradients = {helper}(f, params)

    def grad_fn(*args, **kwargs):
        return value_and_gradients(*args, **kwargs)[1]
    return grad_fn
''',
}


def _symbol(qualified: str | None) -> str | None:
    """""tensorflow.contrib.eager.metrics.Mean" -> "metrics.Mean"; "" for the module itself."""
    return path_within(qualified, MODULES)


class ContribEager(DottedNameCodemod):
    """`tf.contrib.eager` symbols are TF 2 core eager: `tfe.Variable` -> `tf.Variable`,
    `tfe.Iterator(ds)` -> `iter(ds)`, `tfe.Network` -> `tf.keras.Model` (`track_layer(l)`
    -> `l`), `tfe.implicit_gradients` & co. -> helpers written with `tf.GradientTape`.

    Before::

        import tensorflow.contrib.eager as tfe
        tfe.enable_eager_execution()
        w = tfe.Variable(1.0)
        grad = tfe.implicit_gradients(loss_fn)

    After::

        import tensorflow as tf
        tf.compat.v1.enable_eager_execution()
        w = tf.Variable(1.0)
        grad = implicit_gradients(loss_fn)   # def implicit_gradients(f): ... (GradientTape)
    """

    CODE = "MIG502"
    TITLE = "tf.contrib.eager -> TF 2 core eager (tf.Variable, iter(ds), tf.keras.Model, GradientTape helpers)"
    WARNINGS = {"MIG521": "a tf.contrib.eager name with no exact TF 2 replacement, with what to use"}

    @classmethod
    def needed(cls, facts, settings):
        if "eager" not in facts.source:
            return False
        return any(_symbol(name) is not None for name in facts.names) or any(
            _symbol(imp.qualified) is not None for imp in facts.imports
        ) or bool(cls._assigned_aliases(facts))

    @staticmethod
    def _assigned_aliases(facts) -> dict[str, int]:
        """`tfe = tf.contrib.eager` (assigned once, at module level): {name: line}."""
        out: dict[str, int] = {}
        counts: dict[str, int] = {}
        for node in facts.of_type(ast.Name):
            if not isinstance(node.ctx, ast.Load):
                counts[node.id] = counts.get(node.id, 0) + 1
        for stmt in facts.tree.body:
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and qualify(stmt.value, facts.aliases) in MODULES and counts.get(stmt.targets[0].id) == 1):
                out[stmt.targets[0].id] = stmt.lineno
        return out

    def __init__(self, file):
        super().__init__(file)
        facts = file.facts
        self.assigned = {name: MODULE for name in self._assigned_aliases(facts)}
        self.helper_names: dict[str, str] = {}
        self.helpers: list[str] = []
        self.network_classes: set[str] = set()
        self._class_depth: list[bool] = []
        self.unresolved = 0  # uses left as they are (their import must stay)
        for name in facts.names:
            symbol = _symbol(name)
            if symbol and not self._handled(symbol):
                self.unresolved += 1
        for local in self.assigned:
            for node in facts.of_type(ast.Attribute, ast.Name):
                dotted = dotted_name(node)
                if dotted and dotted.split(".")[0] == local and dotted != local:
                    symbol = dotted[len(local) + 1:]
                    if not self._handled(symbol.split(".")[0]) and not self._handled(symbol):
                        self.unresolved += 1

    @staticmethod
    def _handled(symbol: str) -> bool:
        return symbol in SAME or symbol in HELPERS or symbol == "Iterator"

    def _qualified(self, node: cst.CSTNode) -> str | None:
        qualified = self.qualname(node)
        if qualified:
            return qualified
        root, _, rest = dotted_text(node).partition(".")
        if root in self.assigned:
            return f"{self.assigned[root]}.{rest}" if rest else self.assigned[root]
        return None

    # -- names -----------------------------------------------------------------
    def claims(self, node: cst.Attribute) -> bool:
        symbol = _symbol(self._qualified(node))
        return bool(symbol) and (self._handled(symbol) or symbol in ADVICE)

    def rewrite_name(self, original_node, updated_node):
        symbol = _symbol(self._qualified(original_node))
        if not symbol:
            return updated_node
        if symbol in SAME:
            self.changed(original_node, f"tf.contrib.eager.{symbol} -> tf.{SAME[symbol]}")
            return self.file.tf_attr(SAME[symbol])
        if symbol in HELPERS:
            name = self._helper(symbol)
            self.changed(original_node, f"tf.contrib.eager.{symbol} -> {name} (a GradientTape helper added to this module)")
            return cst.Name(name)
        if symbol == "Iterator":
            return updated_node  # rewritten at the call
        key = symbol.split(".")[0]
        self.warn(
            original_node, "MIG521",
            f"tf.contrib.eager.{symbol} was removed with tf.contrib (TF 2.0): "
            + ADVICE.get(key, "TF 2 runs eagerly by default; use the tf.* / tf.keras equivalent of this name"),
        )
        return updated_node

    def _helper(self, symbol: str) -> str:
        if symbol in self.helper_names:
            return self.helper_names[symbol]
        # names bound by the contrib.eager imports are free once those imports go
        taken = {local for local, target in self.file.facts.aliases.items() if _symbol(target) is None}
        taken |= _bound_names(self.file.facts)
        name = symbol if symbol not in taken else f"tfe_{symbol}"
        self.helper_names[symbol] = name
        helper = ""
        if symbol == "gradients_function":
            helper = self._helper("value_and_gradients_function")
        tf = self.file.tf_root()
        self.helpers.append(HELPER_SOURCE[symbol].format(name=name, tf=tf, helper=helper))
        return name

    def leave_Module(self, original_node, updated_node):
        if not self.helpers:
            return updated_node
        return add_helpers(updated_node, self.helpers)

    def leave_Call(self, original_node, updated_node):
        if self._in_network() and _track_layer_call(original_node):
            self.changed(original_node, "self.track_layer(layer) -> layer (a tf.keras.Model tracks its attributes)")
            return updated_node.args[0].value
        if _symbol(self._qualified(original_node.func)) != "Iterator":
            return updated_node
        if len(original_node.args) != 1 or original_node.args[0].keyword or original_node.args[0].star:
            self.warn(original_node, "MIG521", "tf.contrib.eager.Iterator with these arguments: use iter(dataset)")
            return updated_node
        self.changed(original_node, "tf.contrib.eager.Iterator(dataset) -> iter(dataset) (its .next() still works)")
        return updated_node.with_changes(func=cst.Name("iter"))

    # -- tfe.Network subclasses: self.track_layer(layer) -> layer ------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        network = any(_symbol(self._qualified(base.value)) == "Network" for base in node.bases)
        self._class_depth.append(network)

    def leave_ClassDef(self, original_node, updated_node):
        self._class_depth.pop()
        return updated_node

    def _in_network(self) -> bool:
        return bool(self._class_depth) and self._class_depth[-1]

    # -- imports and `tfe = tf.contrib.eager` ------------------------------------
    def leave_Assign(self, original_node, updated_node):
        if (len(original_node.targets) == 1 and isinstance(original_node.targets[0].target, cst.Name)
                and original_node.targets[0].target.value in self.assigned and self.unresolved == 0):
            self.changed(original_node, "`tfe = tf.contrib.eager` removed (its uses are TF 2 core now)")
            return cst.RemoveFromParent()
        return updated_node

    def leave_Import(self, original_node, updated_node):
        keep = [a for a in updated_node.names if _symbol(dotted_text(a.name)) is None]
        return self._drop(original_node, updated_node, keep, "import of tf.contrib.eager removed")

    def leave_ImportFrom(self, original_node, updated_node):
        module = absolute_module(original_node)
        if module is None:
            return updated_node
        keep = [a for a in updated_node.names if _symbol(f"{module}.{dotted_text(a.name)}") is None]
        return self._drop(original_node, updated_node, keep, "import from tf.contrib.eager removed")

    def _drop(self, original_node, updated_node, keep, what: str):
        """`updated_node` with only the names in `keep` (removed when none is left), once
        every use of tf.contrib.eager is rewritten."""
        if len(keep) == len(updated_node.names) or self.unresolved:
            return updated_node
        self.file.tf_root()
        self.changed(original_node, f"{what} (its uses are TF 2 core now)")
        return with_aliases(updated_node, keep)


def _track_layer_call(node: cst.Call) -> bool:
    return (
        isinstance(node.func, cst.Attribute) and node.func.attr.value == "track_layer"
        and isinstance(node.func.value, cst.Name) and node.func.value.value == "self"
        and len(node.args) == 1 and node.args[0].keyword is None and not node.args[0].star
    )


@functools.lru_cache(maxsize=None)
def _helper_statements(source: str) -> tuple[cst.CSTNode, ...]:
    """A helper's statements, parsed once per process (LibCST nodes are immutable: every
    module that gets the helper shares them; on TensorFlow-Examples, 258 parses of the
    same few helpers were ~10 % of a run)."""
    return tuple(cst.parse_module(source).body)


def add_helpers(module: cst.Module, sources: list[str]) -> cst.Module:
    """Insert helper definitions (source text) after the module's leading imports, with
    two blank lines around each, as PEP 8 lays out top-level definitions."""
    body = list(module.body)
    index = 0
    while index < len(body) and _is_docstring_or_future(body[index], index):
        index += 1
    while index < len(body) and (_is_import(body[index]) or _sets_environment(body[index])):
        index += 1
    two = (cst.EmptyLine(), cst.EmptyLine())
    new = []
    for source in sources:
        for stmt in _helper_statements(source):
            new.append(stmt.with_changes(leading_lines=two if index or new else ()))
    if index < len(body):
        following = body[index]
        # its comment block stays as written (with the blank lines inside it and between it
        # and the statement); only blank lines above the block give way to the two above
        lines = list(following.leading_lines)
        while lines and lines[0].comment is None:
            lines.pop(0)
        body[index] = following.with_changes(leading_lines=(*two, *lines))
    body[index:index] = new
    return module.with_changes(body=body)
