"""MIG104: code that still builds a TF 1.x graph runs with eager execution disabled."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, ast_finding, dotted_text
from migrate.prescan import dotted_name, qualify, tf_symbol

# TF 1.x APIs (as v1 API paths) that only work when the program builds a graph and runs
# it in a Session: in TF 2's default eager mode they raise (placeholder, Session.run of
# placeholders) or silently do something else (collections stay empty).
GRAPH_SYMBOLS = frozenset({
    "placeholder", "placeholder_with_default", "sparse_placeholder",
    "Session", "InteractiveSession", "get_default_session",
    "get_variable", "variable_scope", "get_local_variable",
    "global_variables_initializer", "initialize_all_variables",
    "local_variables_initializer", "initialize_local_variables", "tables_initializer",
    "variables_initializer", "global_variables", "all_variables", "trainable_variables",
    "local_variables", "model_variables",
    "get_collection", "get_collection_ref", "add_to_collection", "add_to_collections",
    "reset_default_graph",
    "train.Saver", "train.MonitoredTrainingSession", "train.Supervisor",
    "train.start_queue_runners", "train.get_or_create_global_step", "train.get_global_step",
    "train.create_global_step",
    "summary.FileWriter", "summary.merge_all",
    "nn.dynamic_rnn", "nn.static_rnn", "nn.bidirectional_dynamic_rnn",
    "losses.get_regularization_loss", "losses.get_regularization_losses",
})
# Families of v1 graph-building layers: tf.layers / tf.compat.v1.layers, RNN cells, contrib.
GRAPH_PREFIXES = ("layers.", "nn.rnn_cell.", "contrib.rnn.", "contrib.layers.", "contrib.slim.", "contrib.framework.")
# These are Keras-2 layer classes underneath; TF 2.21 builds them only with the tf-keras
# package and TF_USE_LEGACY_KERAS=1 set before TensorFlow is imported.
LEGACY_KERAS_PREFIXES = ("layers.", "nn.rnn_cell.", "contrib.rnn.")
DISABLING = ("disable_eager_execution", "disable_v2_behavior")
# What TF 1.x graph programs were written for besides graph mode: ref variables (tf.Variable
# objects usable as Python bools, `assign` ops on them, tf.compat.v1.assign on a variable read
# inside tf.cond) and Switch/Merge control flow (tf.cond / while_loop branches that create or
# update variables, as batch norm's assign_moving_average under `is_training` does). With
# resource variables and control flow v2 such programs fail where TF 1.x ran them (measured on
# TF 2.21: `if variable:` raises "using a `tf.Tensor` as a Python `bool` is not allowed in
# Graph execution"; trfl's periodic_ops reads `tf.Variable` state through tf.cond). An `enable_*`
# call in the file is its author's choice and wins. Not disable_v2_tensorshape() nor
# disable_v2_behavior(): the static-shape rewrites (MIG1xx, keras_static_shapes) drop
# `.value` from `shape[i].value` and so rely on v2 TensorShape, where `shape[i]` is an int.
TF1_SEMANTICS = (
    ("disable_resource_variables", "enable_resource_variables"),
    ("disable_control_flow_v2", "enable_control_flow_v2"),
)
# tf.keras names that build or train models (initializers/regularizers alone do not).
KERAS_MODEL_PREFIXES = (
    "keras.Model", "keras.Sequential", "keras.models.", "keras.layers.", "keras.applications.",
    "keras.backend.",
)


# Keras-2 training code that leans on graph-era model internals (Mask R-CNN's compile():
# `_losses` resets, `metrics_tensors.append`, `layer.output in model.losses`, symbolic
# add_loss) runs as it did only on tf-keras with eager execution disabled (measured on
# tf-keras 2.21: eagerly, a Lambda closing over an Input fails "Could not build a TypeSpec
# for KerasTensor", and the symbolic losses cannot be added).
KERAS2_GRAPH_INTERNALS = frozenset({"metrics_tensors", "_losses", "_per_input_losses"})
KERAS_PACKAGES = ("keras", "tf_keras", "tensorflow.keras", "tensorflow.python.keras")


def keras2_graph_internals(facts, settings) -> bool:
    """A Keras-2 target file that reaches into graph-era Keras model internals: appends to
    `metrics_tensors`, or resets `_losses` / `_per_input_losses` (reading a layer's own
    `_losses`, as wrapper layers do, is not a sign)."""
    if settings.keras != "2" or not (KERAS2_GRAPH_INTERNALS & facts.attributes):
        return False
    if not any(t == p or t.startswith(p + ".") for t in facts.aliases.values() for p in KERAS_PACKAGES):
        return False
    if "metrics_tensors" in facts.attributes:
        return True
    return any(
        isinstance(target, ast.Attribute) and target.attr in KERAS2_GRAPH_INTERNALS
        for node in facts.of_type(ast.Assign) for target in node.targets
    )


def _prologue_calls(v1: str, symbols, tf1_semantics: bool) -> list[str]:
    """disable_eager_execution() spelled through `v1` (the file's tf.compat.v1), then
    (tf1_semantics) each TF1_SEMANTICS toggle the file does not call itself."""
    calls = [f"{v1}.disable_eager_execution()"]
    if tf1_semantics:
        # Keras 3 initializer and regularizer objects (tf.keras.initializers.* / regularizers.*,
        # and what MIG105 makes of contrib's l1_regularizer / l2_regularizer) reject the
        # `float32_ref` dtype of a v1 variable (measured: tests/e2e/test_tf1_programs.py
        # slim_convnet, "Invalid dtype: float32_ref" in Keras' L2; also stable-baselines 2.10's
        # ddpg.py, tf_slim.apply_regularization(L2(...), ref variables)): such a file keeps
        # resource variables (slim's l2_regularizer stays tf_slim's, which takes them).
        # contrib's xavier_initializer becomes v1's glorot_uniform / variance_scaling
        # initializer (MIG105), which TF 1.x used with ref variables.
        keras3_init = any(s.startswith(("keras.initializers.", "keras.regularizers."))
                          or s in ("contrib.layers.l1_regularizer", "contrib.layers.l2_regularizer") for s in symbols)
        calls += [f"{v1}.{off}()" for off, on in TF1_SEMANTICS if off not in symbols and on not in symbols
                  and not (keras3_init and off == "disable_resource_variables")]
    return calls


def _tensorflow_bound_at_module_level(facts) -> bool:
    """Some module-level statement (also inside a module-level if/try) imports a TensorFlow
    module or imports with `*` (rivalgan's `tf` comes from `from utils import *`)."""
    todo = list(facts.tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "tensorflow" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (
                (node.module or "").split(".")[0] == "tensorflow" or any(a.name == "*" for a in node.names)):
            return True
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo.extend(getattr(node, field, ()))
        elif isinstance(node, ast.ExceptHandler):
            todo.extend(node.body)
    return False


def _graph_symbol(symbol: str) -> bool:
    # `slim = tf.contrib.slim` counts too: the module itself, not only names below it.
    return symbol in GRAPH_SYMBOLS or (symbol + ".").startswith(GRAPH_PREFIXES)


def _legacy_keras_symbol(symbol: str) -> bool:
    return (symbol + ".").startswith(LEGACY_KERAS_PREFIXES)


def _keras_only_sessions(facts) -> set[tuple[int, int]]:
    """Positions of `tf.Session(...)` calls whose only job is `K.set_session(...)`.

    Keras-2 code made a Session just to hand Keras a config (GPU memory growth...);
    MIG204/MIG212 turn that into tf.config, and such a file trains Keras models, which
    Keras 3 cannot do with eager execution disabled: it is not graph code.
    """
    setters = [
        call for call in facts.of_type(ast.Call)
        if (isinstance(call.func, ast.Attribute) and call.func.attr == "set_session")
        or (isinstance(call.func, ast.Name) and call.func.id == "set_session")
    ]
    if not setters:
        return set()
    passed_names = {arg.id for call in setters for arg in call.args if isinstance(arg, ast.Name)}
    sites = {(a.func.lineno, a.func.col_offset) for call in setters for a in call.args if isinstance(a, ast.Call)}
    loads: dict[str, int] = {}
    for name in facts.of_type(ast.Name):
        if isinstance(name.ctx, ast.Load):
            loads[name.id] = loads.get(name.id, 0) + 1
    for assign in facts.of_type(ast.Assign):
        # `sess = tf.Session(config=config)` used only as `set_session(sess)`
        if (len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)
                and assign.targets[0].id in passed_names and isinstance(assign.value, ast.Call)):
            name = assign.targets[0].id
            uses_in_setters = sum(1 for call in setters for a in call.args if isinstance(a, ast.Name) and a.id == name)
            if loads.get(name) == uses_in_setters:
                sites.add((assign.value.func.lineno, assign.value.func.col_offset))
    return sites


class GraphMode(Codemod):
    """Insert `tf.compat.v1.disable_eager_execution()` after the TensorFlow import of a file
    that builds a v1 graph, followed by `disable_resource_variables()` and
    `disable_control_flow_v2()` (TF 1.x's ref variables and Switch/Merge control flow, which
    TF1 graph code was written for: see TF1_SEMANTICS), and select Keras 2 where it uses v1
    layers or RNN cells. Not `disable_v2_tensorshape()` / `disable_v2_behavior()`: the
    static-shape rewrites remove `.value` from `shape[i].value` and rely on v2 TensorShape.
    In such a file `tf.Variable(...)` calls become `tf.compat.v1.Variable(...)`, the class
    TF 1.x created (TF 2's `tf.Variable` is a resource variable whatever the toggle says).

    Before::

        import tensorflow as tf

        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.layers.dense(x, 1)

    After (with the renames of MIG101)::

        import os
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        tf.compat.v1.disable_resource_variables()
        tf.compat.v1.disable_control_flow_v2()

        x = tf.compat.v1.placeholder(tf.float32, [None, 4])
        y = tf.compat.v1.layers.dense(x, 1)

    A file that already disables eager execution (or v2 behaviour) and already sets
    TF_USE_LEGACY_KERAS is left alone; one that already calls (or enables) one of the
    TF1_SEMANTICS toggles does not get it again.
    """

    CODE = "MIG104"
    TITLE = "v1 graph code: disable eager execution after the TF import; v1 layers/RNN cells: TF_USE_LEGACY_KERAS=1"
    WARNINGS = {
        "MIG141": "graph code that also uses the standalone keras package: Keras 3 cannot run with eager execution disabled",
    }

    @classmethod
    def _state(cls, facts, settings=None) -> tuple[bool, bool]:
        """(needs eager disabled, needs legacy Keras) for this file."""
        symbols = facts.tf_symbols()
        disabled = any(s in symbols for s in DISABLING)
        keras_sessions = _keras_only_sessions(facts) if ("Session" in symbols or "InteractiveSession" in symbols) else set()
        # A program that enables eager execution itself (TF 1.x's tf.enable_eager_execution(),
        # tfe.enable_eager_execution()) is an eager program: its v1 layers run eagerly.
        eager = "enable_eager_execution" in symbols or "contrib.eager.enable_eager_execution" in symbols
        if not eager and "estimator" in facts.source:
            from migrate.codemods.estimator_keras import plan  # MIG505 runs this file's model_fn eagerly in Keras
            eager = settings is not None and settings.enabled("MIG505") and plan(facts).ok
        graph = not disabled and not eager and (
            any(
                _graph_symbol(s) and not (s in ("Session", "InteractiveSession") and set(where) <= keras_sessions)
                for s, where in symbols.items()
            )
            or facts.uses("tf_slim")
        )
        # Keras models in a file that runs with eager execution disabled need Keras 2 as
        # well: Keras 3 cannot train then (measured: "`tf.data.Dataset` only supports
        # Python-style iteration in eager mode"); tf.keras is Keras 2 under TF_USE_LEGACY_KERAS.
        keras_models = graph and any(s.startswith(KERAS_MODEL_PREFIXES) for s in symbols)
        legacy = "TF_USE_LEGACY_KERAS" not in facts.source and (
            keras_models or any(_legacy_keras_symbol(s) for s in symbols)
        )
        return graph, legacy

    @classmethod
    def needed(cls, facts, settings):
        graph, legacy = cls._state(facts, settings)
        return graph or legacy or (keras2_graph_internals(facts, settings) and not cls._disabled(facts))

    @staticmethod
    def _disabled(facts) -> bool:
        symbols = facts.tf_symbols()
        return any(s in symbols for s in DISABLING)

    @classmethod
    def prescan_edits(cls, facts, settings):
        """The graph-mode prologue as a text insertion after the line of the file's first
        module-level `import tensorflow...` statement, and `tf.Variable(` ->
        `tf.compat.v1.Variable(` as replacements, read from the ast, for the common TF1
        file: `import tensorflow as tf`, a graph symbol used through an attribute chain,
        nothing for Keras 2 (`TF_USE_LEGACY_KERAS`, the standalone keras package). None for
        anything else, which the LibCST traversal does. The traversal notes the first graph
        name it visits, in source order, for the change's position: the ast's first
        attribute chain that names one (a local name bound to a graph symbol itself, e.g.
        `from tensorflow.contrib import slim`, is visited at its import: None then)."""
        source = facts.source
        if settings.select is not None or settings.ignore:
            return None
        if "\r" in source and source.count("\r") != source.count("\r\n"):
            return None
        graph, legacy = cls._state(facts, settings)
        if not graph or legacy:
            return None
        aliases = facts.aliases
        roots = facts.tf_package_names
        if not roots or any(target == "tensorflow.compat.v1" for target in aliases.values()):
            return None
        if settings.keras != "2" and any(i.module == "keras" or i.module.startswith("keras.") for i in facts.imports):
            return None  # MIG141
        for target in aliases.values():
            if target.startswith("tf_slim") or _graph_symbol(tf_symbol(target) or ""):
                return None
        site = None
        for node in facts.of_type(ast.Attribute):
            qualified = qualify(node, aliases)
            if qualified and (_graph_symbol(tf_symbol(qualified) or "") or qualified.startswith("tf_slim.")):
                if site is None or (node.lineno, node.col_offset) < (site.lineno, site.col_offset):
                    site = node
        if site is None:
            return None
        # where: after the first module-level statement that imports a tensorflow module
        body = facts.tree.body
        # (the import binding the root the calls are written with: `import tensorflow as tf`, not an
        # `import tensorflow.python.platform` above it binding `tensorflow`)
        index = next((i for i, stmt in enumerate(body) if isinstance(stmt, ast.Import) and any(
            alias.name == "tensorflow" and alias.asname == roots[0]  # `import tensorflow as tf`
            or alias.asname is None and alias.name.split(".")[0] == "tensorflow" == roots[0]  # `import tensorflow[.x]`
            for alias in stmt.names)), None)
        if index is None:
            return None
        last_line = body[index].end_lineno
        if index + 1 < len(body) and body[index + 1].lineno <= last_line:
            return None  # `import tensorflow as tf; x = 1`: one LibCST line
        starts = facts.line_starts()
        if last_line >= len(starts):
            return None  # the import is on the last line, without a line break
        offset = starts[last_line]
        first_break = source.find("\n")
        newline = "\r\n" if first_break > 0 and source[first_break - 1] == "\r" else "\n"
        v1 = f"{roots[0]}.compat.v1"
        symbols = facts.tf_symbols()
        calls = _prologue_calls(v1, symbols, tf1_semantics=True)
        edits = [(offset, offset, "".join(call + newline for call in calls),
                  ast_finding(facts, site, cls.CODE, f"builds a TF 1.x graph: inserted {'; '.join(calls)} after the TensorFlow import", "change"))]
        if "enable_resource_variables" not in symbols:
            for call in facts.of_type(ast.Call):
                func = call.func
                if not (isinstance(func, ast.Attribute) and func.attr == "Variable"
                        and qualify(func, aliases) in ("tensorflow.Variable", "tensorflow.compat.v1.Variable")):
                    continue
                written = dotted_name(func)
                if written == f"{v1}.Variable":
                    continue
                start, end = cls._span(facts, func)
                if start is None or source[start:end] != written or (call.lineno, call.col_offset) != (func.lineno, func.col_offset):
                    return None  # spaces or parentheses in the name: the traversal
                edits.append((start, end, f"{v1}.Variable", ast_finding(
                    facts, call, cls.CODE, "TF 1.x graph code: `tf.Variable(...)` -> `tf.compat.v1.Variable(...)`, "
                                           "the v1 class TF 1.x created (ref variables, v1 signature)", "change")))
        return edits

    @staticmethod
    def _span(facts, node) -> tuple[int | None, int | None]:
        """Offsets of a one-line node in `facts.source` (columns in characters)."""
        if node.end_lineno != node.lineno:
            return None, None
        text = facts.line_text(node.lineno)
        start_col, end_col = node.col_offset, node.end_col_offset
        if not text.isascii():
            data = text.encode("utf-8")
            start_col = len(data[:start_col].decode("utf-8", "replace"))
            end_col = len(data[:end_col].decode("utf-8", "replace"))
        starts = facts.line_starts()
        return starts[node.lineno - 1] + start_col, starts[node.lineno - 1] + end_col

    def __init__(self, file):
        super().__init__(file)
        self._needs_graph, self._needs_legacy = self._state(file.facts, file.settings)
        self._keras_internals = keras2_graph_internals(file.facts, file.settings) and not self._disabled(file.facts)
        self._internals_site: cst.CSTNode | None = None
        self._graph_site: cst.CSTNode | None = None
        self._legacy_site: cst.CSTNode | None = None
        self._keras_model_site: cst.CSTNode | None = None

    def _note(self, node: cst.CSTNode) -> None:
        qualified = self.qualname(node)
        if qualified is None:
            return
        symbol = self.tf_symbol(node) or ""
        if self._graph_site is None and (_graph_symbol(symbol) or qualified.startswith("tf_slim.")):
            self._graph_site = node
        if self._legacy_site is None and _legacy_keras_symbol(symbol):
            self._legacy_site = node
        if self._keras_model_site is None and symbol.startswith(KERAS_MODEL_PREFIXES):
            self._keras_model_site = node

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._note(node)
        if self._keras_internals and self._internals_site is None and node.attr.value == "metrics_tensors":
            self._internals_site = node

    def visit_Name(self, node: cst.Name) -> None:
        self._note(node)

    def leave_Call(self, original_node, updated_node):
        # TF 1.x's `tf.Variable` was VariableV1, which follows disable_resource_variables(); TF 2's
        # `tf.Variable` is always a resource variable (measured on TF 2.21: trfl's periodic_ops
        # test fetches `[target.assign_add(1).op, target]` and reads the old value). Its
        # signature is v1's too (3rd positional: collections, not validate_shape). Only calls:
        # `isinstance(v, tf.Variable)` keeps matching every variable.
        # A `tensorflow.compat.v1` import the migration turns into `import tensorflow` (trfl's
        # tests) would otherwise make its v1 `tf.Variable` a v2 one.
        func = original_node.func
        if (self._needs_graph and isinstance(func, cst.Attribute) and func.attr.value == "Variable"
                and self.qualname(func) in ("tensorflow.Variable", "tensorflow.compat.v1.Variable")
                and dotted_text(func) != f"{self._v1()}.Variable"
                and "enable_resource_variables" not in self.file.facts.tf_symbols()):
            self.changed(original_node, "TF 1.x graph code: `tf.Variable(...)` -> `tf.compat.v1.Variable(...)`, "
                                        "the v1 class TF 1.x created (ref variables, v1 signature)")
            return updated_node.with_changes(func=cst.parse_expression(f"{self._v1()}.Variable"))
        return updated_node

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if (self._keras_internals and self._internals_site is None and isinstance(target, cst.Attribute)
                and target.attr.value in KERAS2_GRAPH_INTERNALS):
            self._internals_site = target

    def leave_Module(self, original_node, updated_node):
        # Only what the traversal saw counts (statements marked `# migrate: skip` are hidden).
        if self._needs_graph and self._graph_site is not None and not _tensorflow_bound_at_module_level(self.file.facts):
            # TensorFlow is imported only inside functions (cleverhans 2.1.0's utils.py): a
            # module-level prologue would raise NameError at import, and importing the module
            # did not import TensorFlow; its graph code runs in the mode its caller sets.
            pass
        elif self._needs_graph and self._graph_site is not None:
            # Right after the file's TensorFlow import; when the file has none that binds the
            # package (`from tensorflow import placeholder`), after the import added for it.
            where = "after_tf_import" if self._imports_tensorflow_module() else "top"
            calls = self._prologue(tf1_semantics=True)
            self.file.add_statement("".join(f"{c}\n" for c in calls), where=where, key="disable_eager_execution")
            self.changed(self._graph_site, f"builds a TF 1.x graph: inserted {'; '.join(calls)} after the TensorFlow import")
        elif self._keras_internals and self._internals_site is not None:
            where = "after_tf_import" if self._imports_tensorflow_module() else "top"
            # Graph mode only, not TF1_SEMANTICS: this is Keras-2 model code, and tf-keras makes
            # its weights resource variables whatever disable_resource_variables() says
            # (base_layer_utils.make_variable: use_resource=None -> True). Measured both ways on
            # Mask R-CNN (tests/e2e/test_mrcnn.py: inference, two training steps, checkpoint
            # loaded by name): 3/3 pass either way, so the file keeps the smaller change.
            call = self._disable_call()
            self.file.add_statement(f"{call}\n", where=where, key="disable_eager_execution")
            self.file.use_legacy_keras()
            self.changed(
                self._internals_site,
                f"Keras-2 training code on graph-era model internals runs as it did only with eager execution "
                f"disabled (tf-keras): inserted {call} after the TensorFlow import",
            )
        if self._needs_graph and self._graph_site is not None and self.file.settings.keras != "2":
            standalone = [i for i in self.file.facts.imports if i.module == "keras" or i.module.startswith("keras.")]
            if standalone:
                self.warn(
                    self._graph_site, "MIG141",
                    "this file builds a TF 1.x graph, so it runs with eager execution disabled, and it "
                    f"imports the standalone keras package (line {standalone[0].line}), which is Keras 3 "
                    "and cannot train or predict with eager execution disabled: migrate with --keras 2 "
                    "(package tf-keras), or move the graph code and the Keras code into separate programs",
                )
        site, why = self._legacy_site, "v1 layers / RNN cells need Keras 2"
        if site is None and self._needs_graph and self._graph_site is not None:
            site, why = self._keras_model_site, "Keras models cannot run with eager execution disabled on Keras 3"
        if self._needs_legacy and site is not None:
            self.require("tf-keras")
            self.file.use_legacy_keras()
            self.changed(site, f"{why}: set TF_USE_LEGACY_KERAS=1 before importing TensorFlow (package tf-keras)")
        return updated_node

    def _imports_tensorflow_module(self) -> bool:
        return any(
            imp.name is None and imp.module in ("tensorflow", "tensorflow.compat.v1")
            or imp.qualified in ("tensorflow.compat.v1",)
            for imp in self.file.facts.imports
        )

    def _disable_call(self) -> str:
        return f"{self._v1()}.disable_eager_execution()"

    def _prologue(self, tf1_semantics: bool) -> list[str]:
        """The calls to insert: disable_eager_execution(), then (tf1_semantics) each
        TF1_SEMANTICS toggle the file does not call itself."""
        return _prologue_calls(self._v1(), self.file.facts.tf_symbols(), tf1_semantics)

    def _v1(self) -> str:
        """How this file spells the tf.compat.v1 module."""
        aliases = self.file.facts.aliases
        if "tensorflow" not in aliases.values() and not self.file.normalize_tf_import:
            for local, target in aliases.items():
                if target == "tensorflow.compat.v1":
                    return local
        return f"{self.file.tf_root()}.compat.v1"
