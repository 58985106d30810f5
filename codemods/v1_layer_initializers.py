"""MIG117: a v1 layer's default kernel initializer written out in a file that sets a graph seed.

TF 1.x's `tf.layers.dense / conv1d / conv2d / conv3d / conv2d_transpose / conv3d_transpose`
(and the classes `Dense`, `Conv2D`, ...) made their kernel with `kernel_initializer=None`, and
`get_variable` gave a float variable with no initializer `glorot_uniform_initializer()`
(tensorflow/python/ops/variable_scope.py at r1.15, `_get_default_initializer`), an op seeded from
the graph's seed and its count of random ops: `tf.set_random_seed(n)` made every run draw the
same kernels. The compat migration runs these layers on tf_keras, whose default kernel
initializer is Keras' GlorotUniform drawing a stateless seed from Python's `random` when the layer
is built (measured under TF 2.21, migrate/tf2_layers.py): the graph seed plays no part, other
kernels every run (and in a file seeding Python's `random`, a draw from its stream TF 1.x did not
make). In a file that sets a graph seed, the call gets TF 1.x's default written in:
`kernel_initializer=tf.compat.v1.glorot_uniform_initializer()` (separable convolutions:
`depthwise_initializer=` and `pointwise_initializer=`), which draws with the graph's seed as TF
1.x's did, whether or not the file also seeds Python's `random`.

TF 1.x's rnn cells (`tf.nn.rnn_cell.BasicRNNCell / BasicLSTMCell / GRUCell / LSTMCell`, also as
`tf.contrib.rnn.*`) made their kernels the same way at their first call (rnn_cell_impl.py at r1.15:
`add_variable(_WEIGHTS_VARIABLE_NAME, shape=...)` with no initializer, or the cell's `initializer` /
`kernel_initializer` None by default, so get_variable's default under the variable scope), and their
compat classes (tf_keras' legacy_cells) take the initializer of the variable scope they are built in,
else tf_keras' default, drawn from Python's `random`. BasicRNNCell and BasicLSTMCell take no
initializer argument, so in a file that makes such a cell the statement setting the graph seed is
followed by `tf.compat.v1.get_variable_scope().set_initializer(tf.compat.v1.glorot_uniform_initializer())`:
the graph's root variable scope (its scopes opened after inherit it) gives TF 1.x's default to every
variable made without an initializer, which for float variables is what get_variable gave anyway
(measured: two runs of a compat program with the four cells give the same numbers, other numbers
every run without it). A file making a non-float `get_variable` with no initializer (TF 1.x gave it
zeros, the scope's glorot would refuse it) is not given the statement (MIG196).
"""
from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts

# v1 layer function or class (v1 API path) -> ((initializer parameter, its position), ...),
# the positions read from TF 2.21's tf.compat.v1.layers signatures (the functions' `inputs` first)
_KERNEL = "kernel_initializer"
_SEPARABLE = ("depthwise_initializer", "pointwise_initializer")
LAYERS: dict[str, tuple[tuple[str, int], ...]] = {
    "layers.dense": ((_KERNEL, 4),), "layers.Dense": ((_KERNEL, 3),),
    **{f"layers.{f}": ((_KERNEL, 9),) for f in ("conv1d", "conv2d", "conv3d")},
    **{f"layers.{f}": ((_KERNEL, 8),) for f in ("conv2d_transpose", "conv3d_transpose", "Conv1D", "Conv2D", "Conv3D")},
    **{f"layers.{f}": ((_KERNEL, 7),) for f in ("Conv2DTranspose", "Conv3DTranspose")},
    **{f"layers.{f}": tuple(zip(_SEPARABLE, (10, 11))) for f in ("separable_conv1d", "separable_conv2d")},
    **{f"layers.{f}": tuple(zip(_SEPARABLE, (9, 10))) for f in ("SeparableConv1D", "SeparableConv2D")},
}
GRAPH_SEEDS = frozenset({"set_random_seed", "random.set_random_seed", "random.set_seed"})
# v1 rnn cells (v1 API paths) whose kernels TF 1.x drew with get_variable's default initializer
CELLS = frozenset(f"{module}.{cell}" for module in ("nn.rnn_cell", "contrib.rnn")
                  for cell in ("BasicRNNCell", "BasicLSTMCell", "GRUCell", "LSTMCell"))
FLOAT_DTYPES = frozenset({"float16", "float32", "float64", "bfloat16", "half", "double"})
PARTIAL = frozenset({"functools.partial"})


def _graph_seeded(facts: Facts) -> bool:
    return any(s in GRAPH_SEEDS for s in facts.tf_symbols())


def _makes_cells(facts: Facts) -> bool:
    """The file makes v1 rnn cells and sets no variable scope initializer itself (nor did a pass before)."""
    return any(s in CELLS for s in facts.tf_symbols()) and not any(
        isinstance(n.func, ast.Attribute) and n.func.attr == "set_initializer" for n in facts.of_type(ast.Call))


def _other_dtype_variable(facts: Facts) -> ast.Call | None:
    """A `get_variable` call with a `dtype=` other than a float one and no initializer (TF 1.x gave it
    zeros; the root scope's glorot initializer would refuse it), or None."""
    for node in facts.of_type(ast.Call):
        if facts.tf_symbol_of(node.func) != "get_variable":
            continue
        given = {k.arg: k.value for k in node.keywords}
        given.update(zip(("name", "shape", "dtype", "initializer"), node.args))
        dtype = given.get("dtype")
        if given.get("initializer") is None and dtype is not None and facts.tf_symbol_of(dtype) not in FLOAT_DTYPES:
            return node
    return None


def layer_aliases(facts: Facts) -> dict[str, str]:
    """Names bound once in the file, to a v1 layer with a kernel (`dense = tf.layers.dense`):
    name -> the layer's v1 path (computed once per file, kept on its facts)."""
    cached = facts.__dict__.get("_v1_layer_aliases")
    if cached is None:
        cached = facts.__dict__["_v1_layer_aliases"] = _layer_aliases(facts)
    return cached


def _layer_aliases(facts: Facts) -> dict[str, str]:
    bound: dict[str, list] = {}
    for node in facts.of_type(ast.Assign):
        for target in node.targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    bound.setdefault(name.id, []).append(node.value if target is name else None)
    for kind in (ast.AnnAssign, ast.AugAssign, ast.For, ast.FunctionDef, ast.ClassDef, ast.NamedExpr, ast.arg):
        for node in facts.of_type(kind):
            name = getattr(node, "name", None) or getattr(node, "arg", None) or getattr(getattr(node, "target", None), "id", None)
            if name:
                bound.setdefault(name, []).append(None)
    for node in facts.of_type(ast.Import, ast.ImportFrom):
        for alias in node.names:
            bound.setdefault((alias.asname or alias.name).split(".")[0], []).append(None)
    out = {}
    for name, values in bound.items():
        if len(values) == 1 and values[0] is not None and facts.tf_symbol_of(values[0]) in LAYERS:
            out[name] = facts.tf_symbol_of(values[0])
    return out


def _comma(after: cst.Comma | cst.MaybeSentinel) -> cst.Comma:
    """A comma spaced as `after` (a comma between arguments), its comment left where it was."""
    if isinstance(after, cst.Comma) and isinstance(after.whitespace_after, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_after=after.whitespace_after.with_changes(
            first_line=cst.TrailingWhitespace(), empty_lines=[]))
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def appended(args: list[cst.Arg], new: cst.Arg) -> list[cst.Arg]:
    """`args` with `new` after the last one, laid out as the others (one a line, a trailing comma)."""
    last = args[-1]
    sep = _comma(args[-2].comma if len(args) > 1 else cst.MaybeSentinel.DEFAULT)
    if isinstance(last.comma, cst.Comma):
        return [*args[:-1], last.with_changes(comma=sep), new.with_changes(comma=last.comma)]
    return [*args[:-1], last.with_changes(comma=sep, whitespace_after_arg=cst.SimpleWhitespace("")),
            new.with_changes(whitespace_after_arg=last.whitespace_after_arg)]


class V1LayerInitializers(Codemod):
    """In a file that sets a graph seed, a v1 layer with a kernel and no kernel initializer gets
    TF 1.x's default one, so its kernel is drawn with the graph's seed again.

    Before::

        tf.set_random_seed(1)
        h = tf.layers.dense(x, 10, tf.nn.relu)

    After::

        tf.set_random_seed(1)
        h = tf.layers.dense(x, 10, tf.nn.relu, kernel_initializer=tf.compat.v1.glorot_uniform_initializer())
    """

    CODE = "MIG117"
    TITLE = "v1 layer's default kernel initializer (glorot uniform, graph-seeded) written in a file setting a graph seed"
    WARNINGS: ClassVar[dict[str, str]] = {
        "MIG195": "a v1 layer call under a graph seed whose *args / **kwargs may hold its kernel initializer",
        "MIG196": "v1 rnn cells under a graph seed in a file making a non-float get_variable with no initializer"}

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        if not _graph_seeded(facts):
            return False
        symbols = facts.tf_symbols()
        return any(s in LAYERS for s in symbols) or bool(layer_aliases(facts)) or _makes_cells(facts)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        """After a statement setting the graph seed, in a file making v1 rnn cells: the root variable scope
        gets TF 1.x's default initializer, which the cells' kernels take (they have no initializer argument)."""
        seeds = [s for s in original_node.body if isinstance(s, cst.Expr) and isinstance(s.value, cst.Call)
                 and self.tf_symbol(s.value.func) in GRAPH_SEEDS]
        if not seeds or not _makes_cells(self.file.facts):
            return updated_node
        blocker = _other_dtype_variable(self.file.facts)
        if blocker is not None:
            self.warn(seeds[0], "MIG196", f"v1 rnn cells under a graph seed: TF 1.x drew their kernels with the graph's seed "
                      "(get_variable's default glorot_uniform_initializer()), the compat program draws them from Python's "
                      f"random (other values every run); the root variable scope's initializer is not set because line "
                      f"{blocker.lineno} makes a get_variable with a non-float dtype and no initializer (TF 1.x gave it "
                      "zeros): give that variable `initializer=tf.compat.v1.zeros_initializer()` and set "
                      "`tf.compat.v1.get_variable_scope().set_initializer(tf.compat.v1.glorot_uniform_initializer())` "
                      "after the seed")
            return updated_node
        statement = cst.SimpleStatementLine(body=[cst.Expr(cst.Call(
            func=cst.Attribute(value=cst.Call(func=self.file.tf_attr("compat.v1.get_variable_scope")),
                               attr=cst.Name("set_initializer")),
            args=[cst.Arg(cst.Call(func=self.file.tf_attr("compat.v1.glorot_uniform_initializer")))]))])
        self.changed(seeds[0], "v1 rnn cells under a graph seed: the root variable scope gets TF 1.x's default "
                     "initializer (glorot_uniform_initializer(), drawn with the graph's seed), which the cells' kernels "
                     "take; tf_keras' default draws from Python's random")
        return cst.FlattenSentinel([updated_node, statement])

    def _layer(self, func: cst.BaseExpression) -> str | None:
        symbol = self.tf_symbol(func)
        if symbol in LAYERS:
            return symbol
        if isinstance(func, cst.Name):
            return layer_aliases(self.file.facts).get(func.value)
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        layer, args, offset = self._layer(original_node.func), list(updated_node.args), 0
        if layer is None and self.qualname(original_node.func) in PARTIAL and args and args[0].keyword is None \
                and not args[0].star:
            layer, offset = self._layer(original_node.args[0].value), 1  # partial(tf.layers.dense, ...)
        if layer is None or len(args) <= offset:
            return updated_node
        shown = "tf." + layer if offset == 0 else f"partial(tf.{layer}, ...)"
        if any(a.star for a in args[offset:]):
            self.warn(original_node, "MIG195", f"{shown} with *args / **kwargs in a file setting a graph seed: if they "
                      "pass no kernel initializer, TF 1.x drew the kernel with the graph's seed (glorot_uniform_initializer"
                      "()) and the compat program draws it from Python's random (other values every run); pass "
                      "`kernel_initializer=tf.compat.v1.glorot_uniform_initializer()` to draw as TF 1.x did")
            return updated_node
        positional = sum(1 for a in args[offset:] if a.keyword is None)
        written = []
        for param, position in LAYERS[layer]:
            if positional > position:
                continue  # given by position
            value = cst.Call(func=self.file.tf_attr("compat.v1.glorot_uniform_initializer"))
            index = next((i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == param), None)
            if index is not None:
                if not (isinstance(args[index].value, cst.Name) and args[index].value.value == "None"):
                    continue
                args[index] = args[index].with_changes(value=value)
            else:
                args = appended(args, cst.Arg(keyword=cst.Name(param), value=value, equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))))
            written.append(param)
        if not written:
            return updated_node
        self.changed(original_node, f"{shown}: TF 1.x's default {' and '.join(written)} (glorot_uniform_initializer(), "
                     "drawn with the graph's seed) written in; tf_keras' default draws from Python's random")
        return updated_node.with_changes(args=args)
