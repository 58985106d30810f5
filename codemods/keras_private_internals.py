"""MIG217: private Keras-2 model internals (Mask R-CNN style) -> public APIs, else warnings."""
from __future__ import annotations

import libcst as cst

from migrate.codemod import Codemod

PRIVATE_LOSS_LISTS = {"_losses", "_per_input_losses"}
HDF5_LOADERS = {"load_weights_from_hdf5_group", "load_weights_from_hdf5_group_by_name"}
KERAS_ROOTS = ("keras", "tensorflow", "tf_keras")


def _method_call(statement: cst.CSTNode, chain: tuple[str, str]) -> tuple[cst.BaseExpression, cst.Call] | None:
    """`<model>.metrics_tensors.append(x)` as a whole statement -> (model, call)."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return None
    expr = statement.body[0]
    if not (isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call)):
        return None
    call = expr.value
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == chain[1] and isinstance(func.value, cst.Attribute)):
        return None
    if func.value.attr.value != chain[0] or len(call.args) != 1 or call.args[0].keyword is not None:
        return None
    return func.value.value, call


def _metrics_before_compile(module: cst.Module) -> set[int]:
    """`metrics_tensors.append` statements whose model is compiled later in the same function
    and not before: there `add_metric` (which tf-keras only accepts before compile) fits."""
    found: set[int] = set()

    class Scan(cst.CSTVisitor):
        def __init__(self):
            super().__init__()
            self.events: list[list] = [[]]  # per function: ("compile", model) / ("metric", model, id)

        def visit_FunctionDef(self, node):
            self.events.append([])

        def leave_FunctionDef(self, node):
            self._decide(self.events.pop())

        def leave_Module(self, node):
            self._decide(self.events.pop())

        def visit_SimpleStatementLine(self, node):
            metric = _method_call(node, ("metrics_tensors", "append"))
            if metric is not None:
                self.events[-1].append(("metric", _code(metric[0]), id(node)))

        def visit_Call(self, node):
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile":
                self.events[-1].append(("compile", _code(node.func.value), None))

        @staticmethod
        def _decide(events):
            for i, (kind, model, node_id) in enumerate(events):
                if kind != "metric":
                    continue
                before = any(k == "compile" and m == model for k, m, _ in events[:i])
                after = any(k == "compile" and m == model for k, m, _ in events[i + 1:])
                if after and not before:
                    found.add(node_id)

    module.visit(Scan())
    return found


# Keras 2.2's private HDF5 loaders took a list of layers; tf-keras's take a model and
# Keras 3 has none. Written out (Keras 2.2's algorithm) when the call can be replaced.
HDF5_LOADER_MODULES = ("keras.engine.saving", "keras.engine.topology", "keras.engine.network")
HDF5_HELPERS = {
    "load_weights_from_hdf5_group_by_name": '''
def load_weights_from_hdf5_group_by_name(f, layers, skip_mismatch=False):
    """Keras 2.2's `keras.engine.saving.load_weights_from_hdf5_group_by_name`, written out
    by `migrate` (tf-keras's version takes a model, Keras 3 has none): load the weights
    stored in the open HDF5 file or group `f` (Keras' `layer_names` / `weight_names`
    layout) into every layer of `layers` with the same name. A layer whose weight count
    or shapes differ raises ValueError, or is left as it is with skip_mismatch=True."""
    import numpy as np

    def names(group, key):
        return [n.decode("utf8") if isinstance(n, bytes) else str(n) for n in group.attrs[key]]

    index = {}
    for layer in layers:
        if layer.name:
            index.setdefault(layer.name, []).append(layer)
    for name in names(f, "layer_names"):
        group = f[name]
        values = [np.asarray(group[weight]) for weight in names(group, "weight_names")]
        for layer in index.get(name, []):
            shapes = [tuple(w.shape) for w in layer.weights]
            if shapes != [v.shape for v in values]:
                if skip_mismatch:
                    continue
                raise ValueError(
                    "Layer " + repr(name) + " expects weights of shapes " + str(shapes)
                    + " but the file holds " + str([v.shape for v in values])
                )
            layer.set_weights(values)
''',
    "load_weights_from_hdf5_group": '''
def load_weights_from_hdf5_group(f, layers):
    """Keras 2.2's `keras.engine.saving.load_weights_from_hdf5_group`, written out by
    `migrate` (tf-keras's version takes a model, Keras 3 has none): load the weights stored
    in the open HDF5 file or group `f` into `layers` by position, counting only layers that
    have weights. Raises ValueError when the counts differ."""
    import numpy as np

    def names(group, key):
        return [n.decode("utf8") if isinstance(n, bytes) else str(n) for n in group.attrs[key]]

    layers = [layer for layer in layers if layer.weights]
    stored = [name for name in names(f, "layer_names") if names(f[name], "weight_names")]
    if len(stored) != len(layers):
        raise ValueError(
            "The file holds weights for " + str(len(stored)) + " layers, but " + str(len(layers))
            + " layers with weights were given"
        )
    for layer, name in zip(layers, stored):
        group = f[name]
        layer.set_weights([np.asarray(group[weight]) for weight in names(group, "weight_names")])
''',
}


def hdf5_loader_module_only(facts, bound: str) -> bool:
    """`bound` (e.g. `saving` from `from keras.engine import saving`) is used only to call
    the two HDF5 loaders with plain positional arguments: those calls get written-out
    helpers, and the import can go."""
    import ast

    loads = [n for n in facts.of_type(ast.Name) if n.id == bound and isinstance(n.ctx, ast.Load)]
    calls = [
        c for c in facts.of_type(ast.Call)
        if isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name)
        and c.func.value.id == bound and c.func.attr in HDF5_LOADERS and _plain_loader_call(c)
    ]
    return bool(loads) and len(calls) == len(loads)


def hdf5_loader_name_only(facts, bound: str) -> bool:
    """`bound` (`from keras.engine.saving import load_weights_from_hdf5_group_by_name`) is
    only called, with plain positional arguments: the helper written out replaces it."""
    import ast

    loads = [n for n in facts.of_type(ast.Name) if n.id == bound and isinstance(n.ctx, ast.Load)]
    calls = [
        c for c in facts.of_type(ast.Call)
        if isinstance(c.func, ast.Name) and c.func.id == bound and _plain_loader_call(c)
    ]
    return bool(loads) and len(calls) == len(loads)


def _plain_loader_call(call) -> bool:
    import ast

    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return False
    return all(k.arg in ("skip_mismatch",) for k in call.keywords) and 2 <= len(call.args) <= 3


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


class KerasPrivateInternals(Codemod):
    """Keras-2 private model internals -> the public API (target Keras 2, the tf-keras package).

    TF1 (Keras 2.2, Mask R-CNN):
        self.keras_model._losses = []
        self.keras_model._per_input_losses = {}
        ...
        self.keras_model.metrics_names.append(name)
        self.keras_model.metrics_tensors.append(loss)
    TF2 (tf-keras):
        self.keras_model.add_metric(loss, name=name, aggregation="mean")

    tf-keras keeps functional-model losses outside `_losses`, so the resets never cleared them
    (and the assigned list makes a later add_loss raise): they go; `metrics_names` is computed from the metrics, so appending to it does nothing and
    `add_metric` (a batch mean, as `metrics_tensors` was) names the metric.  Keras 3 has none
    of these (a symbolic `add_loss`/`add_metric` raises): there, and for
    `keras.engine.saving.load_weights_from_hdf5_group*`, MIG227 gives the public form.
    """

    CODE = "MIG217"
    TITLE = "private Keras-2 model internals (_losses, metrics_tensors) -> add_metric / public APIs"
    WARNINGS = {"MIG227": "private Keras-2 internal with no exact public form for the target Keras"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if not any(t.startswith(KERAS_ROOTS) for t in facts.aliases.values()):
            return False
        attributes = facts.attributes
        if "metrics_tensors" in attributes or PRIVATE_LOSS_LISTS & attributes:
            return True
        if HDF5_LOADERS & attributes:
            return True
        return any(imp.name in HDF5_LOADERS for imp in facts.imports)

    def visit_Module(self, node):
        self.keras2 = self.file.settings.keras == "2"
        # the scan finds only `metrics_tensors.append` statements: not walked without them
        self.before_compile = _metrics_before_compile(node) if "metrics_tensors" in self.file.facts.attributes else set()
        self.helpers: list[str] = []  # written-out HDF5 loaders, placed after the imports
        from migrate.codemods.keras_optimizer_lr import _graph_keras2

        self.graph_mode = _graph_keras2(self.file.facts, self.file.settings)

    # -- statements in a block: `_losses` resets, metrics_names/metrics_tensors pairs --------
    def leave_IndentedBlock(self, original_node, updated_node):
        return updated_node.with_changes(body=self._statements(original_node.body, updated_node.body))

    def leave_Module(self, original_node, updated_node):
        body = self._statements(original_node.body, updated_node.body)
        if self.helpers:
            index = 0
            for position, statement in enumerate(body):
                if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                    break
                if isinstance(statement, cst.SimpleStatementLine) and any(
                    isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
                ):
                    index = position + 1
            helpers = [
                statement.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
                for code in self.helpers for statement in cst.parse_module(code).body
            ]
            body = [*body[:index], *helpers, *body[index:]]
        return updated_node.with_changes(body=body)

    def _statements(self, originals, updated):
        if len(originals) != len(updated):
            return updated  # another codemod added or removed statements here: leave it
        names_appended: dict[str, tuple[int, cst.BaseExpression]] = {}  # model code -> (index, name)
        out: list = list(updated)
        drop: set[int] = set()
        for i, statement in enumerate(originals):
            reset = self._loss_reset(statement)
            if reset is not None:
                if self.keras2:
                    self.changed(
                        statement,
                        f"`{reset} = ...` removed: tf-keras keeps a model's losses elsewhere (this never "
                        f"cleared them) and the assigned list breaks a later add_loss (unhashable ListWrapper)",
                    )
                    drop.add(i)
                else:
                    self._warn_keras3(statement, reset)
                continue
            appended = _method_call(statement, ("metrics_names", "append"))
            if appended is not None:
                names_appended[_code(appended[0])] = (i, appended[1].args[0].value)
                continue
            tensors = _method_call(statement, ("metrics_tensors", "append"))
            if tensors is None:
                continue
            model, call = tensors
            name = names_appended.get(_code(model))
            # tf-keras takes a symbolic add_metric after compile only in graph mode (v1 loop).
            placed = id(statement) in self.before_compile or self.graph_mode
            if not self.keras2 or name is None or not placed:
                self.warn(
                    call, "MIG227",
                    f"`metrics_tensors` is gone: report the value with "
                    f"`{_code(model)}.add_metric({_code(call.args[0].value)}, name=..., aggregation=\"mean\")` "
                    f"called before `{_code(model)}.compile(...)` (tf-keras 2.21 raises TypeError: unhashable "
                    f"type 'ListWrapper' for a symbolic add_metric after compile), and drop metrics_names.append"
                    + ("" if self.keras2 else
                       " under Keras 2 (migrate with --keras 2, package tf-keras); Keras 3 has no symbolic "
                       "add_metric: compute it in a custom layer's call() or in a custom train_step"),
                )
                continue
            index, name_expr = name
            updated_statement = out[i]
            metric = cst.parse_statement(
                f"{_code(model)}.add_metric({_code(call.args[0].value)}, name={_code(name_expr)}, aggregation=\"mean\")\n"
            )
            out[i] = metric.with_changes(leading_lines=updated_statement.leading_lines)
            drop.add(index)
            self.changed(call, "`metrics_names.append` + `metrics_tensors.append` -> `add_metric(..., name=..., aggregation=\"mean\")`")
        if not drop:
            return out
        kept = []
        carried: list = []  # comments above a removed statement stay in the code
        for i, statement in enumerate(out):
            if i in drop:
                carried.extend(statement.leading_lines)
                continue
            if carried:
                statement = statement.with_changes(leading_lines=[*carried, *statement.leading_lines])
                carried = []
            kept.append(statement)
        if not kept:
            kept = [cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=carried)]
        return kept

    def _loss_reset(self, statement) -> str | None:
        if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
            return None
        assign = statement.body[0]
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1):
            return None
        target = assign.targets[0].target
        if not (isinstance(target, cst.Attribute) and target.attr.value in PRIVATE_LOSS_LISTS):
            return None
        value = assign.value
        empty = (isinstance(value, cst.List) and not value.elements) or (isinstance(value, cst.Dict) and not value.elements)
        return _code(target) if empty else None

    def _warn_keras3(self, statement, reset):
        self.warn(
            statement, "MIG227",
            f"`{reset}` is private Keras-2 state, and Keras 3 cannot add symbolic losses to a built "
            f"model (model.add_loss(tensor) raises): migrate with --keras 2 (tf-keras), where this "
            f"reset is removed (it clears nothing there), or move the losses into a layer's call() with self.add_loss",
        )

    # -- keras.engine.saving.load_weights_from_hdf5_group(_by_name) -----------------------
    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
        if name not in HDF5_LOADERS:
            return updated_node
        qualified = self.qualname(func) or ""
        if not qualified.startswith(KERAS_ROOTS):
            return updated_node
        module = qualified.rpartition(".")[0]
        if module in HDF5_LOADER_MODULES:
            from migrate.codemod import dotted_text

            bound = dotted_text(func.value) if isinstance(func, cst.Attribute) else None
            plain = all(a.star == "" and (a.keyword is None or a.keyword.value == "skip_mismatch") for a in original_node.args)
            positional = sum(1 for a in original_node.args if a.keyword is None)
            if isinstance(func, cst.Name):
                usable = func.value == name and hdf5_loader_name_only(self.file.facts, name)
            else:
                usable = hdf5_loader_module_only(self.file.facts, bound)
            if plain and 2 <= positional <= 3 and usable:
                if name == "load_weights_from_hdf5_group" and positional == 3:
                    pass  # its third argument was `reshape`: not written out
                else:
                    helper = HDF5_HELPERS[name].lstrip("\n")
                    if helper not in self.helpers:
                        self.helpers.append(helper)
                    self.changed(
                        original_node,
                        f"`{qualified}(f, layers)` -> `{name}(f, layers)`, Keras 2.2's loader written out in "
                        f"this file (tf-keras's takes a model, Keras 3 has none)",
                    )
                    return updated_node.with_changes(func=cst.Name(name))
        by_name = ", by_name=True" if name.endswith("_by_name") else ""
        self.warn(
            original_node, "MIG227",
            f"`{qualified}` is private and moved: load HDF5 weights with the public "
            f"`model.load_weights(path{by_name})` (add skip_mismatch=True to skip shape mismatches; "
            f"tf-keras for by_name). To load only some layers, load into a model built from those "
            f"layers, or set the excluded layers' weights back after loading",
        )
        return updated_node
