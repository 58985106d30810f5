"""MIG212: session options (`tf.ConfigProto`, `tf.GPUOptions`) that only configured Keras -> `tf.config`."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from migrate.codemod import Codemod
from migrate.codemods.keras_backend_session import backend_member, session_uses
from migrate.prescan import Facts, tf_symbol

# Session options with a TF 2 form, keyed as "<ConfigProto field>" or "gpu_options.<field>".
GPU_FIELDS = {"allow_growth", "per_process_gpu_memory_fraction", "allocator_type"}
CONFIG_FIELDS = {
    "allow_soft_placement", "log_device_placement",
    "intra_op_parallelism_threads", "inter_op_parallelism_threads",
}
# Emitted per option (the loop over GPUs is shared by the memory options).
SIMPLE_CALLS = {
    "allow_soft_placement": "config.set_soft_device_placement",
    "log_device_placement": "debugging.set_log_device_placement",
    "intra_op_parallelism_threads": "config.threading.set_intra_op_parallelism_threads",
    "inter_op_parallelism_threads": "config.threading.set_inter_op_parallelism_threads",
}


@dataclass
class KerasConfig:
    """One session config whose only use is a Keras `set_session(tf.Session(config=...))`."""

    settings: list[tuple[str, ast.expr]] = field(default_factory=list)  # (option, value)
    statements: list[ast.stmt] = field(default_factory=list)  # statements that only build it
    unknown: list[str] = field(default_factory=list)  # options with no tf.config form here
    module_level: bool = True
    site: ast.AST | None = None  # where it is used (for warnings)

    @property
    def constant(self) -> bool:
        return all(_is_constant(value) for _, value in self.settings)


def _is_constant(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant)


class _Analysis:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.uses = session_uses(facts)
        self.parents = self.uses.parents
        self.configs: list[KerasConfig] = []
        self.module_statements = {id(s) for s in facts.tree.body}
        for node in facts.of_type(ast.Call):
            if backend_member(self.uses.qualname(node.func)) == "set_session":
                if self.uses.removable_call(node, "set_session"):
                    config = self._from_set_session(node)
                    if config is not None:
                        self.configs.append(config)

    def symbol(self, node: ast.AST) -> str | None:
        return tf_symbol(self.uses.qualname(node) or "")

    def _statement(self, node: ast.AST) -> ast.stmt:
        while not isinstance(node, ast.stmt):
            node = self.parents[id(node)]
        return node

    def _from_set_session(self, call: ast.Call) -> KerasConfig | None:
        session = call.args[0]
        config = KerasConfig(site=call)
        if isinstance(session, ast.Name):
            store = self.uses.assignments[session.id][0]
            assign = self.parents[id(store)]
            config.statements.append(assign)
            session = assign.value
        config_expr = next((k.value for k in session.keywords if k.arg == "config"), None)
        if config_expr is None:
            return None
        if not self._read_config(config_expr, config):
            return None
        statement = self._statement(call)
        config.module_level = all(id(s) in self.module_statements for s in (*config.statements, statement))
        # Options set under an `if` (or a session made only sometimes) apply only sometimes:
        # moving them out of the block would change what the program does.
        if len({self._block(s) for s in (*config.statements, statement)}) > 1:
            config.unknown.append("options set in different blocks (conditionally)")
        return config

    def _block(self, statement: ast.stmt) -> int:
        """Identity of the statement list that holds `statement`."""
        parent = self.parents.get(id(statement), self.facts.tree)
        for name in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(parent, name, None)
            if isinstance(block, list) and any(s is statement for s in block):
                return id(block)
        return id(parent)

    def _bound_once(self, name: str, symbol: str) -> ast.Assign | None:
        stores = self.uses.assignments.get(name, [])
        if len(stores) != 1:
            return None
        assign = self.parents.get(id(stores[0]))
        if (
            isinstance(assign, ast.Assign) and len(assign.targets) == 1 and assign.targets[0] is stores[0]
            and isinstance(assign.value, ast.Call) and self.symbol(assign.value.func) == symbol
        ):
            return assign
        return None

    def _read_config(self, expr: ast.expr, config: KerasConfig) -> bool:
        """Collect the options of a ConfigProto given inline or as a name built only for this."""
        if isinstance(expr, ast.Call) and self.symbol(expr.func) == "ConfigProto":
            return self._read_call(expr, "", config)
        if not isinstance(expr, ast.Name):
            return False
        assign = self._bound_once(expr.id, "ConfigProto")
        if assign is None or not self._read_call(assign.value, "", config):
            return False
        config.statements.append(assign)
        return self._read_attribute_assignments(expr.id, expr, config, "")

    def _read_call(self, call: ast.Call, prefix: str, config: KerasConfig) -> bool:
        if call.args:
            config.unknown.append(f"{prefix or 'ConfigProto'} positional arguments")
        for keyword in call.keywords:
            if keyword.arg == "gpu_options" and not prefix:
                if not self._read_gpu_options(keyword.value, config):
                    return False
            elif keyword.arg is None:
                return False
            else:
                self._setting(prefix + keyword.arg, keyword.value, config)
        return True

    def _read_gpu_options(self, expr: ast.expr, config: KerasConfig) -> bool:
        if isinstance(expr, ast.Call) and self.symbol(expr.func) == "GPUOptions":
            return self._read_call(expr, "gpu_options.", config)
        if not isinstance(expr, ast.Name):
            return False
        assign = self._bound_once(expr.id, "GPUOptions")
        if assign is None or not self._read_call(assign.value, "gpu_options.", config):
            return False
        config.statements.append(assign)
        return self._read_attribute_assignments(expr.id, expr, config, "gpu_options.")

    def _read_attribute_assignments(self, name: str, used: ast.Name, config: KerasConfig, prefix: str) -> bool:
        """Every other use of `name` must be `name.field = value` or `name.gpu_options.field = value`."""
        for load in self.uses.loads.get(name, []):
            if load is used:
                continue
            chain = [load]
            while isinstance(self.parents.get(id(chain[-1])), ast.Attribute):
                chain.append(self.parents[id(chain[-1])])
            target = chain[-1]
            assign = self.parents.get(id(target))
            if not (
                isinstance(target, ast.Attribute) and isinstance(target.ctx, ast.Store)
                and isinstance(assign, ast.Assign) and assign.targets == [target]
            ):
                return False
            path = prefix + ".".join(a.attr for a in chain[1:])
            self._setting(path, assign.value, config)
            config.statements.append(assign)
        return True

    def _setting(self, path: str, value: ast.expr, config: KerasConfig) -> None:
        option = path.removeprefix("gpu_options.")
        known = option in GPU_FIELDS if path.startswith("gpu_options.") else path in CONFIG_FIELDS
        if option == "allocator_type" and not (isinstance(value, ast.Constant) and value.value in ("BFC", "")):
            known = False  # only the default allocator has a TF 2 setting (none needed)
        if known:
            config.settings.append((option, value))
        else:
            config.unknown.append(path)


def analyse(facts: Facts) -> list[KerasConfig]:
    cached = facts.__dict__.get("_session_config")
    if cached is None:
        cached = facts.__dict__["_session_config"] = _Analysis(facts).configs
    return cached


class SessionConfig(Codemod):
    """Session options that only configured Keras become `tf.config` calls.

    TF1:  config = tf.ConfigProto(allow_soft_placement=True)
          config.gpu_options.allow_growth = True
          K.set_session(tf.Session(config=config))     # removed by MIG204
    TF2:  import tensorflow as tf
          for gpu in tf.config.list_physical_devices("GPU"):
              tf.config.experimental.set_memory_growth(gpu, True)
          tf.config.set_soft_device_placement(True)

    The calls must run before TensorFlow runs any op: with constant values they go right
    after the TensorFlow import; otherwise they stay where the config was built (MIG222
    says so).  `per_process_gpu_memory_fraction` has no TF 2 form: it becomes memory growth
    and MIG222 gives the exact cap (memory_limit in MB = fraction x GPU memory).  A session
    that is still used (graph code, `sess.run`) keeps its `tf.compat.v1.ConfigProto`.
    """

    CODE = "MIG212"
    TITLE = "Keras session options (ConfigProto / GPUOptions) -> tf.config"
    WARNINGS = {"MIG222": "session option with no exact tf.config form, or tf.config calls that must run first"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        symbols = facts.tf_symbols()
        if "ConfigProto" not in symbols or "set_session" not in facts.source:
            return False
        return bool(analyse(facts))

    def visit_Module(self, node: cst.Module) -> None:
        self.configs = analyse(self.file.facts) if self.file.settings.enabled("MIG204") else []
        positions = self.file.positions_near(node, {
            statement.lineno for config in self.configs for statement in (*config.statements, config.site) if statement is not None
        })
        by_start = {}
        for cst_node, where in positions.items():
            if isinstance(cst_node, cst.SimpleStatementLine) and len(cst_node.body) == 1:
                by_start[(where.start.line, where.start.column)] = cst_node
        self.removed: set[int] = set()
        self.replaced: dict[int, tuple[KerasConfig, str]] = {}
        lines = self.file.facts.source.splitlines()
        skipped = self.file.facts.skip_lines
        for config in self.configs:
            spans = [(s.lineno, s.end_lineno or s.lineno) for s in config.statements]
            spans.append((config.site.lineno, config.site.end_lineno or config.site.lineno))
            if any(first <= line <= last for first, last in spans for line in skipped):
                continue  # `# migrate: skip` on any statement of this config: leave it all alone
            nodes = [by_start.get(_char_position(s, lines)) for s in config.statements]
            if any(n is None for n in nodes):
                continue
            site = self._site_node(config, positions)
            if config.unknown:
                self.warn(site, "MIG222", self._unknown_message(config))
                continue
            if not config.settings:
                self.removed.update(id(n) for n in nodes)
                continue
            if config.constant and config.module_level:
                self.file.add_statement(self._code(config), where="after_tf_import", key="MIG212 tf.config")
                self.removed.update(id(n) for n in nodes)
                self.changed(site, "session options -> tf.config calls right after the TensorFlow import")
            elif nodes:
                last = max(zip(config.statements, nodes), key=lambda pair: pair[0].lineno)[1]
                self.removed.update(id(n) for n in nodes if n is not last)
                self.replaced[id(last)] = (config, self._code(config))
                self.changed(site, "session options -> tf.config calls where the config was built")
                self.warn(
                    last, "MIG222",
                    "these tf.config calls must run before TensorFlow runs any op (else RuntimeError: "
                    "cannot be modified after initialization); move them to program start if needed",
                )
            else:  # inline config in a removed set_session: values are not constant
                self.warn(site, "MIG222", self._unknown_message(config))
                continue
            self._fraction_warning(config, site)

    def _site_node(self, config: KerasConfig, positions) -> cst.CSTNode | None:
        lines = self.file.facts.source.splitlines()
        want = _char_position(config.site, lines)
        for cst_node, where in positions.items():
            if isinstance(cst_node, cst.Call) and (where.start.line, where.start.column) == want:
                return cst_node
        return None

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) in self.removed:
            return cst.RemovalSentinel.REMOVE
        if id(original_node) in self.replaced:
            _, code = self.replaced[id(original_node)]
            statements = list(cst.parse_module(code).body)
            statements[0] = statements[0].with_changes(leading_lines=original_node.leading_lines)
            return cst.FlattenSentinel(statements)
        return updated_node

    # -- emitted code ---------------------------------------------------------------
    def _code(self, config: KerasConfig) -> str:
        tf = self.file.tf_root()
        values = dict(config.settings)
        lines = []
        growth = values.get("allow_growth")
        if "per_process_gpu_memory_fraction" in values:
            growth_code = "True"
        elif growth is not None:
            growth_code = ast.unparse(growth)
        else:
            growth_code = None
        if growth_code is not None:
            gpu = "gpu" if "gpu" not in _bound(self.file.facts) else "_gpu"
            lines.append(f'for {gpu} in {tf}.config.list_physical_devices("GPU"):')
            lines.append(f"    {tf}.config.experimental.set_memory_growth({gpu}, {growth_code})")
        for option, call in SIMPLE_CALLS.items():
            if option in values:
                lines.append(f"{tf}.{call}({ast.unparse(values[option])})")
        return "".join(line + "\n" for line in lines)

    def _fraction_warning(self, config: KerasConfig, site) -> None:
        values = dict(config.settings)
        fraction = values.get("per_process_gpu_memory_fraction")
        if fraction is None:
            return
        shown = ast.unparse(fraction)
        example = ""
        if isinstance(fraction, ast.Constant) and isinstance(fraction.value, (int, float)):
            example = f" (e.g. {shown} x 16384 MB = {int(fraction.value * 16384)} on a 16 GB GPU)"
        tf = self.file.tf_root()
        self.warn(
            site, "MIG222",
            f"per_process_gpu_memory_fraction={shown} has no TF 2 form; migrated as memory growth "
            f"(the process takes only what it uses). For a hard cap replace the set_memory_growth "
            f"call with {tf}.config.set_logical_device_configuration(gpu, "
            f"[{tf}.config.LogicalDeviceConfiguration(memory_limit=MB)]) where MB = {shown} x the "
            f"GPU's memory in MB{example}",
        )

    def _unknown_message(self, config: KerasConfig) -> str:
        tf = "tf"
        unknown = ", ".join(config.unknown) or "values computed at run time"
        return (
            f"session options not converted ({unknown}): in TF 2 set them with tf.config before any op runs "
            f"({tf}.config.experimental.set_memory_growth(gpu, True) for allow_growth, "
            f"{tf}.config.set_visible_devices for visible_device_list/device_count, "
            f"{tf}.config.threading.* for thread pools, TF_GPU_ALLOCATOR=cuda_malloc_async for "
            f"another allocator); Keras has no session to pass them to"
        )


def _char_position(node: ast.AST, lines: list[str]) -> tuple[int, int]:
    line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
    return node.lineno, len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))


def _bound(facts: Facts) -> set[str]:
    return {n.id for n in facts.of_type(ast.Name) if not isinstance(n.ctx, ast.Load)}
