"""MIG101: TensorFlow 1.x names -> their TensorFlow 2 homes, from tables generated from TF.

The tables (codemods/tables/tf_renames.json, tf_arguments.json) come from
codemods/tables/generate_tables.py, which matches the installed TensorFlow's v1 and v2
exports by object identity.  This module also holds the decisions that the argument
codemod (MIG102) must share: whether a given call keeps the v1 function.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrate.codemod import Codemod, Finding, dotted_expr, dotted_text
from migrate.prescan import Facts, dotted_name, qualify, tf_symbol

TABLES = Path(__file__).resolve().parent / "tables"

SAME, ALIAS, EQUIVALENT, V1_ONLY = "same", "alias", "equivalent", "v1_only"

# Other codemods own these (contrib/slim/flags/logging/estimator/dropout/optimizers);
# Keras has its own codemods; `compat` names are already explicit.
_OWNED_ELSEWHERE = re.compile(
    r"^(contrib|flags|app|logging|estimator|keras|compat)(\.|$)"
    r"|^nn\.dropout$"
    r"|^train\.\w*Optimizer(\.|$)"
)


def owned_elsewhere(symbol: str) -> bool:
    return _OWNED_ELSEWHERE.match(symbol) is not None


@dataclass(frozen=True)
class Resolution:
    kind: str  # SAME / ALIAS / EQUIVALENT / V1_ONLY
    target: str  # path below `tensorflow` ("random.normal", "compat.v1.placeholder")
    symbol: str  # the table entry that matched (a prefix of the used name, or all of it)


class Tables:
    """The generated tables, loaded once per process (one json.loads each, ~1 ms)."""

    def __init__(self) -> None:
        renames = json.loads((TABLES / "tf_renames.json").read_text())
        self.arguments: dict[str, dict] = json.loads((TABLES / "tf_arguments.json").read_text())
        self.arguments.pop("_generated", None)
        self.version = renames["_generated"]["tensorflow"]
        entries: dict[str, tuple[str, str]] = {}
        for path in renames["same"]:
            entries[path] = (SAME, path)
        for path, target in renames["alias"].items():
            entries[path] = (ALIAS, target)
        for path, target in renames["equivalent"].items():
            entries[path] = (EQUIVALENT, target)
        for path in renames["v1_only"]:
            entries[path] = (V1_ONLY, "compat.v1." + path)
        # names removed in TF 1.0 (`tf.mul`, `tf.scalar_summary`): through their TF 1 name
        self.pre_1_0: dict[str, list] = renames.get("pre_1_0", {})
        for path, (target, _v1_name, _params, _mapping) in self.pre_1_0.items():
            entries[path] = (EQUIVALENT, target)
        self.entries = entries
        self.modules: dict[str, int] = renames["modules"]
        self.same_modules = frozenset(renames["same_modules"])
        self.class_attrs: dict[str, list[str]] = renames["class_attrs"]
        # API modules that `from tensorflow.<module> import x` cannot import from
        self.unimportable = frozenset(renames.get("unimportable", ()))
        # v1 names TF 2 also has, for another object: read as TF 2 in a file with no
        # other TF 1 name (see `reads_as_tf1`)
        self.tf2_namesakes = frozenset(renames.get("tf2_namesakes", ()))
        self.namesake_signatures: dict[str, list] = renames.get("namesake_signatures", {})
        # why a v1 name keeps its v1 object (`strings.split`: "v1 returns a SparseTensor, ...")
        self.keep_v1_reasons: dict[str, str] = renames.get("keep_v1", {})

    def resolve(self, symbol: str) -> Resolution | None:
        """Where the v1 name `symbol` (maybe with trailing attributes) lives in TF 2;
        None when the table does not know it."""
        entry = self.entries.get(symbol)
        if entry is not None:
            return Resolution(entry[0], entry[1], symbol)
        if symbol in self.same_modules:
            return Resolution(SAME, symbol, symbol)
        if symbol in self.modules:
            return Resolution(V1_ONLY, "compat.v1." + symbol, symbol)
        parts = symbol.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            rest = ".".join(parts[cut:])
            if prefix in self.same_modules:
                return Resolution(SAME, symbol, prefix)
            entry = self.entries.get(prefix)
            if entry is not None:  # a class or function: attributes follow it
                return Resolution(entry[0], f"{entry[1]}.{rest}", prefix)
            if prefix in self.modules:
                return None  # a module member the table does not know
        return None

    def module_in_v2(self, path: str) -> bool:
        return path in self.same_modules or self.modules.get(path) == 1


@lru_cache(maxsize=1)
def tables() -> Tables:
    return Tables()


# -- calls: when must a call keep the v1 function? ------------------------------------

@dataclass(frozen=True)
class CallShape:
    """What a call passes, independent of the syntax tree (ast or LibCST)."""

    positional: int  # positional arguments before any *args
    star: bool  # has *args
    keywords: tuple[str, ...]
    double_star: bool  # has **kwargs


def hidden_arguments(entry: dict, shape: CallShape) -> bool:
    """*args / **kwargs might carry an argument that TF 2 names or places differently."""
    reorder = _positions_matter(entry)
    keyword_changes = bool(entry.get("renames") or entry.get("v1_only"))
    return (shape.star and reorder) or (shape.double_star and keyword_changes)


def call_keeps_v1(entry: dict, shape: CallShape) -> str | None:
    """Why this call must keep the v1 function (None: it can move to TF 2)."""
    v1_only = set(entry.get("v1_only", ()))
    for name in shape.keywords:
        if name in v1_only:
            return f"passes `{name}`, which TF 2 does not have"
    args = entry.get("args")
    if args is not None:
        for index in range(entry["keep"], shape.positional):
            if index < len(args) and args[index] in v1_only:
                return f"passes `{args[index]}` by position, which TF 2 does not have"
    if hidden_arguments(entry, shape):
        return "*args/**kwargs may carry v1 arguments"
    return None


def _positions_matter(entry: dict) -> bool:
    """Could a positional argument land on another parameter in TF 2?  Not when the only
    parameters past the agreeing prefix are deprecated spellings (`keep_dims`), which
    nobody passes by position."""
    args = entry.get("args")
    if args is None:
        return False
    renamed = entry.get("renames", {})
    return any(name not in renamed for name in args[entry["keep"]:])


def reference_keeps_v1(entry: dict, symbol: str) -> bool:
    """A reference that is not called here (`f = tf.nn.conv2d`, `reduce(tf.reduce_max, x,
    reduction_indices=1)`, `{"max": tf.reduce_max}`) moves to TF 2 only when positional
    calls mean the same and no v1 keyword is gone: whoever calls the function object later
    may pass the v1 names (`op(x, reduction_indices=1, keep_dims=True)`, which TF 2's
    `reduce_max` rejects and `tf.compat.v1.reduce_max` still accepts). A pre-1.0 name (no
    v1 function of that name: `tf.select`) keeps the old rule: it has no v1 to keep."""
    if entry.get("v1_only") or entry.get("add"):
        return True
    if entry.get("renames") and symbol not in tables().pre_1_0:
        return True
    args = entry.get("args")
    if args is None:
        return False
    renamed = entry.get("renames", {})
    return any(name not in renamed for name in args[entry["keep"]:])


def ast_call_shape(call: ast.Call) -> CallShape:
    positional = 0
    star = False
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            star = True
        elif not star:
            positional += 1
    keywords = tuple(k.arg for k in call.keywords if k.arg is not None)
    double_star = any(k.arg is None for k in call.keywords)
    return CallShape(positional, star, keywords, double_star)


def cst_call_shape(call: cst.Call) -> CallShape:
    positional = 0
    star = False
    keywords = []
    double_star = False
    for arg in call.args:
        if arg.star == "*":
            star = True
        elif arg.star == "**":
            double_star = True
        elif arg.keyword is not None:
            keywords.append(arg.keyword.value)
        elif not star:
            positional += 1
    return CallShape(positional, star, tuple(keywords), double_star)


# -- the file's TensorFlow imports ---------------------------------------------------

def normalized_alias(facts: Facts) -> str | None:
    """The local name of `import tensorflow.compat.v1 as tf` (or `from tensorflow.compat
    import v1 as tf`) when that is the file's only TensorFlow module alias: it becomes
    `import tensorflow as tf`."""
    if any(target == "tensorflow" for target in facts.aliases.values()):
        return None
    found = None
    for imp in facts.imports:
        binds_v1 = (imp.module == "tensorflow.compat.v1" and imp.name is None and imp.bound != "tensorflow") or (
            imp.module == "tensorflow.compat" and imp.name == "v1"
        )
        if binds_v1 and facts.aliases.get(imp.bound) == "tensorflow.compat.v1":
            if found is not None and found != imp.bound:
                return None
            found = imp.bound
    return found


def _tf1_only_name(symbol: str) -> bool:
    """Would MIG101 rewrite `tf.<symbol>` in any file?  A name only TF 1 has, or a TF 1
    alias of a TF 2 name.  Names other codemods own do not count: some of them stay
    (with a warning) after migration, and the migrated file must read as TF 2."""
    if owned_elsewhere(symbol) or symbol.startswith("_"):
        return False
    table = tables()
    if symbol in table.pre_1_0:
        return False  # see _pre_1_0_rewritten
    resolution = table.resolve(symbol)
    if resolution is None:
        return False
    return resolution.kind != SAME and resolution.symbol not in table.tf2_namesakes


def _binds(signature: list, shape: "CallShape") -> bool:
    """Could a call of this shape bind to the signature (as recorded in the table)?"""
    positional, keywords, var_positional, var_keyword, required = signature
    if shape.positional > len(positional) and not var_positional:
        return False
    if not (shape.star or shape.double_star):
        given = set(positional[: shape.positional]) | set(shape.keywords)
        if any(name not in given for name in required):
            return False
    if not var_keyword:
        taken = set(positional[: shape.positional])
        for name in shape.keywords:
            if name not in keywords or name in taken:
                return False
    return True


def call_is_tf1(symbol: str, shape: "CallShape | None") -> bool:
    """Does this call of a shared name bind to the TF 1 signature only (so it is TF 1
    code whatever the rest of the file shows): `tf.cond(p, a, b, True, "n")`,
    `tf.zeros_initializer(tf.float32)`?"""
    if shape is None or shape.star or shape.double_star:
        return False
    signatures = tables().namesake_signatures.get(symbol)
    if signatures is None:
        return False
    v1, v2 = signatures
    return _binds(v1, shape) and not _binds(v2, shape)


_last_reading: tuple[int, Facts, bool] | None = None


def reads_as_tf1(facts: Facts) -> bool:
    """Is this file TF 1 code, so that names TF 1 and TF 2 share with another meaning
    (`tf.where`, `tf.batch_to_space`, `tf.saved_model.load`, `tf.nn.conv2d`) mean the TF 1
    function?

    Yes when the file imports `tensorflow.compat.v1` as its TensorFlow, uses a name only
    TF 1 has (`tf.Session`, `tf.random_normal`), calls a shared name with a keyword only
    the TF 1 signature has (`keep_dims=`), or uses a TF 1-only method of a shared class
    (`tf.data.Dataset...make_one_shot_iterator()`).  Otherwise it is TF 2 code --
    already-migrated code, and this tool's own output, which must stay a fixed point:
    `tf.where_v2(c, x, y)` becomes `tf.where(c, x, y)`, and reading that again as TF 1
    would send it to `tf.compat.v1.where`.  Every sign counted here is one that MIG101 /
    MIG102 rewrite away (explicit `tf.compat.v1.X`, names other codemods own and lines
    marked `# migrate: skip` do not count), so a migrated file always reads as TF 2.
    """
    global _last_reading
    if _last_reading is not None and _last_reading[1] is facts:
        return _last_reading[2]
    answer = _reads_as_tf1(facts)
    _last_reading = (id(facts), facts, answer)
    return answer


def _reads_as_tf1(facts: Facts) -> bool:
    if normalized_alias(facts) is not None:
        return True
    table = tables()
    shared_with_arguments = set()
    used_shared = set()
    for qualified, where in facts.names.items():
        if not qualified.startswith("tensorflow.") or qualified.startswith("tensorflow.compat."):
            continue
        if facts.skip_lines and all(line in facts.skip_lines for line, _ in where):
            continue
        symbol = tf_symbol(qualified)
        if symbol is None:
            continue
        if _tf1_only_name(symbol) or (symbol in table.pre_1_0 and _pre_1_0_rewritten(facts, symbol, where)):
            return True
        resolution = table.resolve(symbol)
        if resolution is not None and resolution.symbol in table.tf2_namesakes:
            used_shared.add(resolution.symbol)
            if symbol in table.arguments:
                shared_with_arguments.add(symbol)
    # a TF 1-only method of a shared class (`tf.data.Dataset...make_one_shot_iterator()`)
    for symbol in used_shared:
        attributes = table.class_attrs.get(symbol, ())
        if any(a in facts.attributes for a in attributes):
            return True
    if not shared_with_arguments:
        return False
    for node in facts.of_type(ast.Call):
        qualified = _ast_qualname(facts, node.func)
        symbol = tf_symbol(qualified) if qualified else None
        if symbol not in shared_with_arguments or qualified.startswith("tensorflow.compat."):
            continue
        if node.lineno in facts.skip_lines:
            continue
        entry = table.arguments[symbol]
        v1_keywords = set(entry.get("renames", ())) | set(entry.get("v1_only", ()))
        if any(k.arg in v1_keywords for k in node.keywords):
            return True
    return False


def _pre_1_0_rewritten(facts: Facts, symbol: str, where) -> bool:
    """Is some use of this pre-1.0 name rewritten?  (A call MIG102 cannot convert stays
    as written, with MIG114, and must not keep the migrated file reading as TF 1.)"""
    entry = tables().arguments.get(symbol)
    if entry is None:
        return True
    calls = {(c.func.lineno, c.func.col_offset): c for c in _calls_of(facts, where)}
    for position in where:
        call = calls.get(position)
        if call is None:
            if not reference_keeps_v1(entry, symbol):
                return True
        elif call_keeps_v1(entry, ast_call_shape(call)) is None:
            return True
    return False


def renamed_pre_1_0_value(symbol: str | None, target: str | None) -> str | None:
    """The old name (`complex_abs`) of a pre-1.0 function referenced as a value whose TF 1 / TF 2
    successor has another `__name__` (`tf.abs`), else None. Registries read that name
    (prettytensor's `Register(tf.complex_abs)` adds a `complex_abs` method): the reference
    becomes a function of the old name calling the successor (`pre_1_0_value_helper`)."""
    if symbol is None or target is None or symbol not in tables().pre_1_0:
        return None
    old = symbol.rsplit(".", 1)[-1]
    if old[:1].isupper():
        return None  # a class (`tf.train.SummaryWriter`): a function in its place would fail isinstance
    return old if old != target.rsplit(".", 1)[-1] else None


def pre_1_0_value_helper(symbol: str, target: str, root: str) -> tuple[str, str]:
    """(helper name, its code) for a pre-1.0 function used as a value."""
    helper = "_tf_" + symbol.replace(".", "_")
    old = symbol.rsplit(".", 1)[-1]
    code = (
        f"def {helper}(*args, **kwargs):\n"
        f'    """TF 0.x\'s `tf.{symbol}` (gone in TF 1.0), used as a value: `tf.{target}` under the old\n'
        f'    name, which code reading `__name__` sees (written out by `migrate`)."""\n'
        f"    return {root}.{target}(*args, **kwargs)\n\n\n"
        f"{helper}.__name__ = {helper}.__qualname__ = {old!r}\n"
    )
    return helper, code


def _ast_qualname(facts: Facts, node: ast.AST) -> str | None:
    return qualify(node, facts.aliases)


@dataclass(frozen=True)
class Use:
    """One use of a TensorFlow name and what it becomes."""

    symbol: str
    resolution: Resolution | None
    explicit: bool  # written as compat.v1 on purpose (not through a normalised alias)


def use_target(
    facts: Facts, qualified: str, normalized: str | None, root: str, shape: CallShape | None = None
) -> str | None:
    """The TF 2 path (below `tensorflow`) a used name should have, or None to leave it.
    `shape`: the call's arguments when the name is called here."""
    symbol = tf_symbol(qualified)
    if symbol is None or symbol.startswith("_"):  # tf.__version__ and friends
        return None
    via_normalized = normalized is not None and root == normalized
    explicit = qualified.startswith("tensorflow.compat.v1.") and not via_normalized
    table = tables()
    resolution = table.resolve(symbol)
    if owned_elsewhere(symbol):
        # Meaning-preserving only where the alias changes under our feet.
        top = symbol.split(".")[0]
        known_in_v1 = resolution is not None or top in table.modules or top in table.entries
        if via_normalized and not symbol.startswith(("keras", "compat", "contrib")) and known_in_v1:
            return "compat.v1." + symbol
        return None
    if explicit:
        if resolution is not None and resolution.kind in (SAME, ALIAS):
            return resolution.target
        return None
    if resolution is None:
        return "compat.v1." + symbol if via_normalized else None
    if resolution.symbol in table.tf2_namesakes and not reads_as_tf1(facts):
        if not (resolution.symbol == symbol and call_is_tf1(symbol, shape)):
            return None  # TF 2 code: the TF 2 function of that name
    if resolution.kind == EQUIVALENT:
        attrs = table.class_attrs.get(resolution.symbol)
        if attrs and any(a in facts.attributes for a in attrs):
            return "compat.v1." + symbol
    return resolution.target


# v1 classes whose TF 2 namesake is the class every instance of the v1 class (and of what
# TF 2 creates in its place) belongs to: `isinstance(x, tf.Variable)` of TF 1.x -> tf.Variable.
TYPE_CHECK_TARGETS = {"Variable": "Variable"}


class _CallScan:
    """Calls and references of table symbols with argument entries, found with `ast`."""

    def __init__(self, facts: Facts) -> None:
        self.calls: dict[tuple[int, int], ast.Call] = {}
        table = tables()
        interesting = any(tf_symbol(q) in table.arguments for q in facts.names if q.startswith("tensorflow."))
        if not interesting:
            return
        for node in facts.of_type(ast.Call):  # the prescan's calls, in walk order
            if isinstance(node.func, (ast.Attribute, ast.Name)):
                self.calls[(node.func.lineno, node.func.col_offset)] = node


_last_scan: tuple[int, Facts, _CallScan] | None = None


def call_scan(facts: Facts) -> _CallScan:
    global _last_scan
    if _last_scan is None or _last_scan[1] is not facts:
        _last_scan = (id(facts), facts, _CallScan(facts))
    return _last_scan[2]


def facts_need_v1_call(facts: Facts, symbol: str, where: list[tuple[int, int]]) -> bool:
    """Does some use of this argument-table symbol keep the v1 function?"""
    entry = tables().arguments.get(symbol)
    if not entry:
        return False
    scan = call_scan(facts)
    for position in where:
        call = scan.calls.get(position)
        if call is None:
            if reference_keeps_v1(entry, symbol):
                return True
        elif call_keeps_v1(entry, ast_call_shape(call)):
            return True
    return False


def _import_changes(facts: Facts, imp, normalized: str | None) -> bool:
    if normalized is not None and imp.bound == normalized:
        return True
    if imp.name is None or not imp.module.startswith("tensorflow"):
        return False
    target = import_target(imp.qualified)
    return target is not None and target != tf_symbol(imp.qualified)


def import_target(qualified: str) -> str | None:
    """New path for `from tensorflow[.X] import Y` (qualified "tensorflow.X.Y"); None to keep."""
    symbol = tf_symbol(qualified)
    if symbol is None or owned_elsewhere(symbol):
        return None
    table = tables()
    explicit = qualified.startswith("tensorflow.compat.v1.")
    if symbol in table.modules or symbol in table.same_modules:
        if explicit or table.module_in_v2(symbol):
            return None
        return "compat.v1." + symbol
    resolution = table.resolve(symbol)
    if resolution is None:
        return None
    if explicit and resolution.kind not in (SAME, ALIAS):
        return None
    target = resolution.target
    if target.rpartition(".")[0] in table.unimportable:
        # `from tensorflow.lite import X` cannot work (a real package shadows the API
        # module): import the same object from its compat.v1 home instead.
        return None if explicit else "compat.v1." + symbol
    return target


class RenameTfSymbols(Codemod):
    """TF 1.x names to their TF 2 homes, generated from TensorFlow's own export records.

    Before::

        import tensorflow as tf
        from tensorflow import random_normal

        x = tf.placeholder(tf.float32, [None, 3])
        w = random_normal([3, 1])
        y = tf.log(tf.matmul(x, w))
        exists = tf.gfile.Exists("/tmp")

    After::

        import tensorflow as tf
        from tensorflow.random import normal as random_normal

        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        w = random_normal([3, 1])
        y = tf.math.log(tf.matmul(x, w))
        exists = tf.io.gfile.exists("/tmp")

    `import tensorflow.compat.v1 as tf` becomes `import tensorflow as tf`, every `tf.X`
    then goes through the table (names it does not know become `tf.compat.v1.X`).
    Explicit `tf.compat.v1.X` is rewritten only where the TF 2 name is the same object.
    A TF 2 function that differs from its v1 namesake is used only when the call is
    convertible (see MIG102); otherwise the call keeps `tf.compat.v1`.
    """

    CODE = "MIG101"
    TITLE = "TF 1.x names -> TF 2 names (tables generated from TensorFlow; compat.v1 only where TF 2 has no equivalent)"

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        normalized = normalized_alias(facts)
        if normalized is not None:
            return True
        for imp in facts.imports:
            if imp.module.startswith("tensorflow") and _import_changes(facts, imp, None):
                return True
        table = tables()
        if ("isinstance" in facts.source or "issubclass" in facts.source) and any(
            f"tensorflow.compat.v1.{symbol}" in facts.names for symbol in TYPE_CHECK_TARGETS
        ) and _type_checks_v1_class(facts):
            return True  # a type check against the v1 class (rewritten in a type check only)
        for qualified, where in facts.names.items():
            if not qualified.startswith("tensorflow."):
                continue
            if facts.skip_lines:  # statements marked `# migrate: skip` are hidden
                where = [w for w in where if w[0] not in facts.skip_lines]
                if not where:
                    continue
            target = use_target(facts, qualified, None, "")
            symbol = tf_symbol(qualified)
            if target is None and symbol in table.namesake_signatures:
                shapes = {ast_call_shape(c) for c in _calls_of(facts, where)}
                target = next((t for t in (use_target(facts, qualified, None, "", sh) for sh in shapes) if t), None)
            if target is None or symbol is None:
                continue
            written = qualified[len("tensorflow."):]
            if target != written and not _from_import_bound(facts, qualified):
                return True
            if symbol in table.arguments and facts_need_v1_call(facts, symbol, where):
                return True
        return False

    @classmethod
    def prescan_edits(cls, facts: Facts, settings) -> list | None:
        """The renames of `_rewrite_use` as text edits, from the ast, for a file whose
        TensorFlow root is `import tensorflow as <name>` and whose every rename is a dotted
        name written without spaces, comments or parentheses of its own (the common TF1
        file, and the all-rename stress file); None for anything else (imports that change,
        `tensorflow.compat.v1` aliases, names imported from TensorFlow modules, type
        checks, `--select`/`--ignore`), which the LibCST traversal does."""
        source = facts.source
        if settings.select is not None or settings.ignore:
            return None
        if "\r" in source and source.count("\r") != source.count("\r\n"):
            return None  # a lone `\r`: the ast may count lines differently
        if normalized_alias(facts) is not None:
            return None
        for imp in facts.imports:
            if imp.module.startswith("tensorflow") and _import_changes(facts, imp, None):
                return None
        aliases = facts.aliases
        type_checked = _ast_type_checked(facts) if ("isinstance" in source or "issubclass" in source) else set()
        inner = {id(node.value) for node in facts.of_type(ast.Attribute)}
        calls = {id(call.func): call for call in facts.of_type(ast.Call)}
        single_arguments = {id(call.args[0]): call for call in facts.of_type(ast.Call)
                            if len(call.args) == 1 and not call.keywords}
        table = tables()
        line_starts = None
        edits = []
        for node in (*facts.of_type(ast.Attribute), *facts.of_type(ast.Name)):
            if id(node) in inner:
                continue
            written = dotted_name(node)
            if written is None:
                continue
            root, _, rest = written.partition(".")
            bound = aliases.get(root)
            if bound is None:
                continue
            qualified = f"{bound}.{rest}" if rest else bound
            if not qualified.startswith("tensorflow."):
                continue
            symbol = tf_symbol(qualified)
            call = calls.get(id(node))
            shape = ast_call_shape(call) if call is not None else None
            target = use_target(facts, qualified, None, root, shape)
            if id(node) in type_checked:
                # the traversal's `_rewrite_use` for a type check: tf.Variable stays; anything
                # else it renames without the argument table: left to it
                if symbol in TYPE_CHECK_TARGETS:
                    if qualified == f"tensorflow.{TYPE_CHECK_TARGETS[symbol]}":
                        continue
                    return None
                if target is None or symbol is None or f"{root}.{target}" == written:
                    continue
                return None
            if target is None or symbol is None:
                continue
            entry = table.arguments.get(symbol)
            if entry and (not target.startswith("compat.v1.") or symbol in table.pre_1_0):
                if call is None:
                    keep_reason = "not called here" if reference_keeps_v1(entry, symbol) else None
                else:
                    keep_reason = call_keeps_v1(entry, shape)
                if entry.get("add") and not settings.enabled("MIG102"):
                    keep_reason = "MIG102 is disabled"
                if keep_reason:
                    if symbol in table.pre_1_0:
                        continue
                    target = "compat.v1." + symbol
            if bound != "tensorflow":
                return None  # `tensorflow.compat.v1` roots and from-imports: the traversal
            if call is None and renamed_pre_1_0_value(symbol, target) and id(node) not in type_checked:
                return None  # a function written out: the traversal
            new = f"{root}.{target}"
            if new == written:
                continue
            if line_starts is None:
                line_starts = facts.line_starts()
            if node.lineno > len(line_starts) or node.end_lineno != node.lineno:
                return None
            line_start = line_starts[node.lineno - 1]
            line_end = source.find("\n", line_start)
            line = source[line_start : len(source) if line_end < 0 else line_end]
            if line.isascii():
                column, end_column = node.col_offset, node.end_col_offset
            else:
                data = line.encode("utf-8")
                column = len(data[: node.col_offset].decode("utf-8", "replace"))
                end_column = len(data[: node.end_col_offset].decode("utf-8", "replace"))
            start, end = line_start + column, line_start + end_column
            if source[start:end] != written:
                return None  # spaces, a comment or a line break inside the name
            if _token_before(source, start, line_start) in ("(", None) and _token_after(source, end) in (")", None):
                # `(tf.x)`: the parentheses may be the name's own (LibCST drops them), unless
                # they are those of the call the name is the only argument of: `f(tf.x)`
                call = single_arguments.get(id(node))
                if call is None or _call_paren(source, line_starts, facts, call) != _index_before(source, start, line_start):
                    return None
            message = f"tf.{qualified[len('tensorflow.'):]} -> tf.{target}"
            edits.append((start, end, new, Finding(cls.CODE, node.lineno, column + 1, message, "change")))
        return edits

    def __init__(self, file) -> None:
        super().__init__(file)
        facts = file.facts
        self.normalized = normalized_alias(facts)
        if self.normalized is not None:
            file.normalize_tf_import = True
        self.inner: set[int] = set()  # Names/Attributes that are not a whole dotted chain
        self.call_of: dict[int, cst.Call] = {}  # id(func) -> the call
        self.type_checks: set[int] = set()  # classes checked against by isinstance / issubclass
        self.import_depth = 0
        # id(original ImportFrom) -> the imports it becomes when its names now live in
        # several modules (replaced at the enclosing statement line)
        self.split_imports: dict[int, list[cst.ImportFrom]] = {}

    # -- traversal bookkeeping -------------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.inner.add(id(node.value))
        self.inner.add(id(node.attr))

    def visit_Call(self, node: cst.Call) -> None:
        self.call_of[id(node.func)] = node
        # the class argument of isinstance / issubclass (alone or in a tuple): a type check
        if isinstance(node.func, cst.Name) and node.func.value in ("isinstance", "issubclass") and len(node.args) == 2:
            types = node.args[1].value
            items = [e.value for e in types.elements] if isinstance(types, cst.Tuple) else [types]
            self.type_checks.update(id(item) for item in items)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.inner.add(id(node.keyword))

    def visit_NameItem(self, node: cst.NameItem) -> None:
        self.inner.add(id(node.name))

    def visit_Import(self, node: cst.Import) -> None:
        self.import_depth += 1

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.import_depth += 1

    # -- imports -------------------------------------------------------------------
    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        self.import_depth -= 1
        if self.normalized is None:
            return updated_node
        names = []
        for alias in updated_node.names:
            bound = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else None
            if bound == self.normalized and dotted_text(alias.name) == "tensorflow.compat.v1":
                alias = alias.with_changes(name=cst.Name("tensorflow"))
                self.changed(original_node, f"import tensorflow.compat.v1 as {bound} -> import tensorflow as {bound}")
            names.append(alias)
        return updated_node.with_changes(names=names)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        self.import_depth -= 1
        if original_node.relative or original_node.module is None or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = dotted_text(original_node.module)
        if not module.startswith("tensorflow"):
            return updated_node
        if module == "tensorflow.compat" and self.normalized is not None:
            # `from tensorflow.compat import v1 as tf` -> `import tensorflow as tf`
            if len(original_node.names) == 1 and original_node.names[0].name.value == "v1":
                self.changed(original_node, f"from tensorflow.compat import v1 as {self.normalized} -> import tensorflow as {self.normalized}")
                return cst.Import(names=[cst.ImportAlias(name=cst.Name("tensorflow"), asname=cst.AsName(name=cst.Name(self.normalized)))])
            return updated_node
        groups: dict[str, list[cst.ImportAlias]] = {}
        changed = False
        for alias in updated_node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else dotted_text(alias.name)
            bound = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            target = import_target(f"{module}.{name}")
            if target is None or target == tf_symbol(f"{module}.{name}"):
                groups.setdefault(module, []).append(alias)
                continue
            new_module, _, new_name = ("tensorflow." + target).rpartition(".")
            asname = None if new_name == bound else cst.AsName(name=cst.Name(bound))
            groups.setdefault(new_module, []).append(
                alias.with_changes(name=cst.Name(new_name), asname=asname)
            )
            self.changed(original_node, f"from {module} import {name} -> from {new_module} import {new_name}")
            changed = True
        if not changed:
            return updated_node
        if len(groups) == 1:
            (new_module, aliases), = groups.items()
            return updated_node.with_changes(module=dotted_expr(new_module), names=_fix_commas(aliases))
        # Names now come from several modules: one import per module, in one line.
        self.split_imports[id(original_node)] = [
            cst.ImportFrom(module=dotted_expr(m), names=_fix_commas(a)) for m, a in groups.items()
        ]
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not self.split_imports:
            return updated_node
        body = []
        for original, small in zip(original_node.body, updated_node.body):
            parts = self.split_imports.pop(id(original), None)
            if parts is None:
                body.append(small)
            else:
                body.extend(parts)
        if len(body) == len(updated_node.body):
            return updated_node
        # One statement per line; the first keeps the original line's comment.
        lines = [updated_node.with_changes(body=[body[0]])]
        lines += [cst.SimpleStatementLine(body=[small]) for small in body[1:]]
        return cst.FlattenSentinel(lines)

    # -- uses ----------------------------------------------------------------------
    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if id(original_node) in self.inner or self.import_depth:
            return updated_node
        return self._rewrite_use(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        if id(original_node) in self.inner or self.import_depth:
            return updated_node
        if self.normalized is not None and original_node.value == self.normalized:
            # A bare reference to the v1 module itself keeps meaning the v1 module.
            self.changed(original_node, f"{self.normalized} (the v1 module) -> {self.normalized}.compat.v1")
            return dotted_expr(f"{self.normalized}.compat.v1")
        return self._rewrite_use(original_node, updated_node)

    def _rewrite_use(self, original_node, updated_node):
        qualified = self.qualname(original_node)
        if qualified is None or not qualified.startswith("tensorflow."):
            return updated_node
        root = _root_name(original_node)
        bound = self.file.facts.aliases.get(root, "")
        symbol = tf_symbol(qualified)
        call = self.call_of.get(id(original_node))
        shape = cst_call_shape(call) if call is not None else None
        target = use_target(self.file.facts, qualified, self.normalized, root, shape)
        if symbol in TYPE_CHECK_TARGETS and id(original_node) in self.type_checks:
            # TF 1.x's tf.Variable was the base class of every variable (ref and resource);
            # in TF 2 that is tf.Variable, while nothing TF 2 creates is a
            # tf.compat.v1.Variable (VariableV1): `isinstance(v, tf.compat.v1.Variable)`
            # would be False for every variable. The constructor's arguments do not matter here.
            target = TYPE_CHECK_TARGETS[symbol]
            if qualified == f"tensorflow.{target}":
                return updated_node
        elif target is None or symbol is None:
            return updated_node
        entry = tables().arguments.get(symbol) if id(original_node) not in self.type_checks else None
        if entry and (not target.startswith("compat.v1.") or symbol in tables().pre_1_0):
            call = self.call_of.get(id(original_node))
            if call is None:
                keep_reason = "not called here; TF 2's version takes other arguments" if reference_keeps_v1(entry, symbol) else None
            else:
                keep_reason = call_keeps_v1(entry, cst_call_shape(call))
            if entry.get("add") and not self.file.settings.enabled("MIG102"):
                keep_reason = "the TF 2 call needs an added argument (MIG102 is disabled)"
            if keep_reason:
                if symbol in tables().pre_1_0:
                    return updated_node  # no TF 1 function of that name: MIG102 reports it
                target = "compat.v1." + symbol
        old_name = renamed_pre_1_0_value(symbol, target) if id(original_node) not in self.type_checks else None
        if old_name and self.call_of.get(id(original_node)) is None and bound == "tensorflow" and root == dotted_text(original_node).split(".")[0]:
            helper, code = pre_1_0_value_helper(symbol, target, root)
            self.file.add_statement(code, where="after_tf_import", key=helper)
            self.changed(original_node, f"tf.{qualified[len('tensorflow.'):]} (a value) -> {helper}: tf.{target} named {old_name!r}")
            return cst.Name(helper)
        if bound in ("tensorflow", "tensorflow.compat.v1"):
            if bound == "tensorflow.compat.v1" and root != self.normalized:
                if not target.startswith("compat.v1."):
                    new = self.file.tf_attr(target)
                else:
                    return updated_node
            else:
                new = dotted_expr(f"{root}.{target}")
        else:
            # A name bound by `from tensorflow... import`: its import carries the rename;
            # only a call that must keep the v1 function, or a name below a module that
            # moved, is written out in full.
            bound_symbol = tf_symbol(bound) or ""
            if not _is_module(bound_symbol):
                moved_to = import_target(bound) or bound_symbol
                keeps_v1_here = target.startswith("compat.v1.") and not (
                    moved_to.startswith("compat.v1.") or bound.startswith("tensorflow.compat.v1.")
                )
                if not keeps_v1_here:
                    return updated_node
                new = self.file.tf_attr(target)
            else:
                base = import_target(bound) or bound_symbol
                if target == base or target.startswith(base + "."):
                    new = dotted_expr(root + target[len(base):])
                else:
                    new = self.file.tf_attr(target)
        if dotted_text(new) == dotted_text(updated_node):
            return updated_node
        self.changed(original_node, f"tf.{qualified[len('tensorflow.'):]} -> tf.{target}")
        return new


def _type_checks_v1_class(facts: Facts) -> bool:
    """An `isinstance(x, tf.compat.v1.Variable)` / `issubclass` (the class alone or in a
    tuple), as `visit_Call` marks type checks; True when unsure (keyword arguments)."""
    v1_classes = {f"tensorflow.compat.v1.{symbol}" for symbol in TYPE_CHECK_TARGETS}
    for call in facts.of_type(ast.Call):
        func = call.func
        if not (isinstance(func, ast.Name) and func.id in ("isinstance", "issubclass")):
            continue
        if call.keywords:
            return True
        if len(call.args) != 2:
            continue
        types = call.args[1].value if isinstance(call.args[1], ast.Starred) else call.args[1]
        items = types.elts if isinstance(types, ast.Tuple) else [types]
        if any(qualify(item, facts.aliases) in v1_classes for item in items):
            return True
    return False


def _token_before(text: str, index: int, line_start: int) -> str | None:
    """The character before `index` on its line that is not a space; None when only
    spaces precede it there (the token before is on an earlier line, maybe after a comment)."""
    index -= 1
    while index >= line_start and text[index] in " \t\f":
        index -= 1
    return text[index] if index >= line_start else None


def _index_before(text: str, index: int, line_start: int) -> int | None:
    """Where `_token_before` found its character; None when it found none."""
    index -= 1
    while index >= line_start and text[index] in " \t\f":
        index -= 1
    return index if index >= line_start else None


def _call_paren(text: str, line_starts: list[int], facts: Facts, call: ast.Call) -> int | None:
    """Offset of the `(` that opens a call's arguments: the first `(` after its function
    on the function's last line (None when it is not on that line)."""
    func = call.func
    line = facts.line_text(func.end_lineno)
    column = func.end_col_offset
    if not line.isascii():
        column = len(line.encode("utf-8")[:column].decode("utf-8", "replace"))
    found = line.find("(", column)
    if found < 0 or line[column:found].strip(" \t\f)"):
        return None  # only spaces and the function's own closing parentheses may come between
    return line_starts[func.end_lineno - 1] + found


def _ast_type_checked(facts: Facts) -> set[int]:
    """ids of the class arguments of `isinstance(x, C)` / `issubclass(x, C)` (alone or in a
    tuple): the ast twin of the traversal's `type_checks`."""
    out: set[int] = set()
    for call in facts.of_type(ast.Call):
        if isinstance(call.func, ast.Name) and call.func.id in ("isinstance", "issubclass") and len(call.args) + len(call.keywords) == 2:
            # LibCST's second argument, keyword or not
            types = call.args[1] if len(call.args) == 2 else call.keywords[1 - len(call.args)].value
            items = types.elts if isinstance(types, ast.Tuple) else [types]
            out.update(id(item.value if isinstance(item, ast.Starred) else item) for item in items)
    return out


def _token_after(text: str, index: int) -> str | None:
    """The first character from `index` on its line that is not a space; None at the end
    of the line or before a comment or a line continuation."""
    while index < len(text) and text[index] in " \t\f":
        index += 1
    return text[index] if index < len(text) and text[index] not in "\r\n#\\" else None


def _calls_of(facts: Facts, where) -> list[ast.Call]:
    """The calls whose function is the name used at these positions."""
    index = facts.__dict__.get("_calls_by_function_position")
    if index is None:  # built once per file: {(line, col) of a call's function: [(walk rank, call)]}
        index = facts.__dict__["_calls_by_function_position"] = {}
        for rank, node in enumerate(facts.of_type(ast.Call)):
            if isinstance(node.func, (ast.Attribute, ast.Name)):
                index.setdefault((node.func.lineno, node.func.col_offset), []).append((rank, node))
    found = [item for position in set(where) for item in index.get(position, ())]
    found.sort(key=lambda item: item[0])  # in walk order, as a scan of every call gives them
    return [node for _, node in found]


def _is_module(symbol: str) -> bool:
    table = tables()
    return symbol in table.modules or symbol in table.same_modules


def _from_import_bound(facts: Facts, qualified: str) -> bool:
    """Is this name used through a `from tensorflow... import Y` binding whose import
    already carries the rename (so the use itself stays as written)?"""
    # The prescan records the qualified name only; find a from-import that covers it.
    for imp in facts.imports:
        if imp.name is None or not imp.module.startswith("tensorflow"):
            continue
        full = imp.qualified
        if qualified == full or qualified.startswith(full + "."):
            return not _is_module(tf_symbol(full) or "")
    return False


def _root_name(node: cst.CSTNode) -> str:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""


def _fix_commas(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    out = []
    for i, alias in enumerate(aliases):
        if i == len(aliases) - 1:
            out.append(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))
        elif alias.comma is cst.MaybeSentinel.DEFAULT:
            out.append(alias.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
        else:
            out.append(alias)
    return out
