"""MIG215: static shapes read as Python ints (None in TF 2 functional graphs) -> dynamic shapes."""
from __future__ import annotations

import ast
import re

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts, qualify, tf_symbol

# TF ops whose shape argument may mix ints and scalar Tensors (auto-packed): (op, argument
# position, keyword).  A static dimension there can become `tf.shape(x)[i]`.
SHAPE_ARGUMENTS = {
    "reshape": (1, "shape"), "zeros": (0, "shape"), "ones": (0, "shape"), "fill": (0, "dims"),
    "broadcast_to": (1, "shape"), "random.normal": (0, "shape"), "random.uniform": (0, "shape"),
    "random_normal": (0, "shape"), "random_uniform": (0, "shape"),
}
# Keras layer methods whose second parameter is a shape (a TensorShape of ints in TF 2).
SHAPE_METHODS = {"build", "compute_output_shape"}
# TF ops taking scalar sizes that may be Tensors: a static read given directly there
# (`tf.range(probs.shape[0])`, None in a graph function) becomes `tf.shape(x)[i]`.
SCALAR_ARGUMENTS = {"range": ("start", "limit", "delta")}
KERAS_ROOTS = ("keras.", "tensorflow.keras.", "tensorflow.python.keras.", "tf_keras.", "tensorflow.compat.v1.keras.")


def _is_keras(qualified: str | None, name: str) -> bool:
    return bool(qualified) and qualified.startswith(KERAS_ROOTS) and qualified.rsplit(".", 1)[-1] == name


# -- ast: does the file hold anything to do? (used by `needed`) ---------------------------
def _static_read_ast(node: ast.AST, aliases: dict[str, str]) -> bool:
    """`x.shape[i]`, `x.get_shape()[i]`, `x.get_shape().as_list()[i]`, `K.int_shape(x)[i]`."""
    if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
        return False
    base = node.value
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr == "as_list":
        base = base.func.value
    if isinstance(base, ast.Attribute) and base.attr == "shape":
        return True
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute):
        if base.func.attr == "get_shape":
            return True
        if base.func.attr == "int_shape" and isinstance(base.func.value, (ast.Name, ast.Attribute)):
            return True
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "int_shape":
        return aliases.get("int_shape", "").startswith(KERAS_ROOTS)
    return False


def _shape_expr_ast(node: ast.AST, aliases: dict[str, str]) -> bool:
    """`x.shape`, `x.get_shape()`, `x.get_shape().as_list()`, `K.int_shape(x)` (and slices of them)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        node = node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_list":
        node = node.func.value
    if isinstance(node, ast.Attribute) and node.attr == "shape":
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get_shape", "int_shape"):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "int_shape" and aliases.get("int_shape", "").startswith(KERAS_ROOTS)


def _shape_names_ast(facts: Facts) -> set[str]:
    """Names anywhere in the file bound to a shape (`s = K.int_shape(x)`), to one of its
    dimensions (`for d in x.get_shape()[1:]`), or the `input_shape` of a Keras `build`."""
    names: set[str] = set()
    for node in facts.of_type(ast.Assign):
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _shape_expr_ast(node.value, facts.aliases):
            names.add(node.targets[0].id)
    for node in facts.of_type(ast.For, ast.comprehension):
        if isinstance(node.target, ast.Name) and _shape_expr_ast(node.iter, facts.aliases):
            names.add(node.target.id)
    for node in facts.of_type(ast.FunctionDef):
        if node.name in SHAPE_METHODS and len(node.args.args) >= 2:
            names.add(node.args.args[1].arg)
    return names


def _opaque_value_ast(facts: Facts) -> bool:
    """`s[i].value` with `s` bound from a call of a function named for shapes or ranks."""
    names: set[str] = set()
    for node in facts.of_type(ast.Assign):
        value = node.value
        if isinstance(value, ast.Subscript) and not isinstance(value.slice, ast.Slice):
            value = value.value
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and isinstance(value, ast.Call):
            func = value.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if SHAPE_WORDS.search(name) and name not in ("get_shape", "int_shape", "shape"):
                names.add(node.targets[0].id)
    if not names:
        return False
    for node in facts.of_type(ast.Attribute):
        if node.attr == "value" and isinstance(node.value, ast.Subscript) and isinstance(node.value.value, ast.Name):
            if node.value.value.id in names and not isinstance(node.value.slice, ast.Slice):
                return True
    return False


def _has_work(facts: Facts) -> bool:
    """A `Dimension.value` read, or a static read inside the arguments of a shape-taking
    TF op / Keras Reshape: from the prescan's nodes and names, no tree walk."""
    cached = facts.__dict__.get("_keras_static_shapes")
    if cached is not None:
        return cached
    found = _find_work(facts) or ("value" in facts.attributes and _opaque_value_ast(facts))
    facts.__dict__["_keras_static_shapes"] = found
    return found


NUMPY_PRODUCTS = ("numpy.prod", "numpy.product")


def _dimension_shape_ast(node: ast.AST) -> bool:
    """`x.shape` / `x.get_shape()` (or a slice): a TensorShape, whose items were TF1 Dimensions."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        node = node.value
    if isinstance(node, ast.Attribute) and node.attr == "shape":
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get_shape" and not node.args


def _dimension_product_ast(node: ast.AST, aliases: dict[str, str]) -> bool:
    """`np.prod(x.shape[1:])`, `np.product(x.get_shape())`, `np.prod([x.shape[1], x.shape[2]])`:
    a product of TF1 Dimensions (a Dimension there; an int in TF 2)."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return False
    if qualify(node.func, aliases) not in NUMPY_PRODUCTS:
        return False
    argument = node.args[0]
    if isinstance(argument, (ast.List, ast.Tuple)):
        return bool(argument.elts) and all(
            isinstance(e, ast.Subscript) and not isinstance(e.slice, ast.Slice) and _dimension_shape_ast(e.value)
            for e in argument.elts
        )
    return _dimension_shape_ast(argument)


def _find_work(facts: Facts) -> bool:
    attributes = facts.attributes
    aliases = facts.aliases
    if "value" in attributes and (
        "prod" in attributes or "product" in attributes or any(t in NUMPY_PRODUCTS for t in aliases.values())
    ):
        for node in facts.of_type(ast.Attribute):
            if node.attr == "value" and _dimension_product_ast(node.value, aliases):
                return True
    # every static read goes through one of these attributes, a bare `int_shape`, or a
    # Keras build(self, input_shape)
    if not (
        "shape" in attributes or "get_shape" in attributes or "int_shape" in attributes or "int_shape" in aliases
        or ("value" in attributes and any(n.name in SHAPE_METHODS for n in facts.of_type(ast.FunctionDef)))
    ):
        return False
    shape_names = _shape_names_ast(facts)
    if shape_names and "value" in attributes:
        for node in facts.of_type(ast.Attribute):
            if node.attr != "value":
                continue
            base = node.value.value if isinstance(node.value, ast.Subscript) else node.value
            if isinstance(base, ast.Name) and base.id in shape_names:
                return True
    reads = {
        id(node) for node in facts.of_type(ast.Subscript)
        if _static_read_ast(node, aliases)
        or (isinstance(node.value, ast.Name) and node.value.id in shape_names and not isinstance(node.slice, ast.Slice))
    }
    if not reads:
        return False
    if "value" in attributes:
        for node in facts.of_type(ast.Attribute):
            if node.attr == "value" and id(node.value) in reads:
                return True
    # Calls of shape-taking ops: their function is a used name (a prescan chain), so
    # they are found by the chain's position instead of by looking at every call.
    where: set[tuple[int, int]] = set()
    for qualified, positions in facts.names.items():
        if tf_symbol(qualified) in SHAPE_ARGUMENTS or tf_symbol(qualified) in SCALAR_ARGUMENTS or _is_keras(qualified, "Reshape"):
            where.update(positions)
    if not where:
        return False
    lines = {line for line, _ in where}
    for node in facts.of_type(ast.Call):
        func = node.func
        if func.lineno in lines and (func.lineno, func.col_offset) in where:
            qualified = qualify(func, aliases)
            symbol = tf_symbol(qualified) if qualified else None
            if symbol in SHAPE_ARGUMENTS or symbol in SCALAR_ARGUMENTS or _is_keras(qualified, "Reshape"):
                if any(id(n) in reads for n in ast.walk(node) if n is not func):
                    return True
    return False


# -- LibCST ----------------------------------------------------------------------------
def _int_index(node: cst.Subscript) -> int | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    sign = 1
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        sign, value = -1, value.expression
    if isinstance(value, cst.Integer):
        return sign * int(value.value)
    return None


class KerasStaticShapes(Codemod):
    """Static dimensions used where the value can be unknown become dynamic ones.

    TF1:  n = x.get_shape()[1].value                       # Dimension.value
          y = tf.reshape(x, [K.int_shape(x)[0], 7 * 7 * 256])
          y = Reshape((K.int_shape(x)[1] * 2,))(x)
          z = tf.zeros([x.shape[0], K.int_shape(x)[1]])
    TF2:  n = x.shape[1]                                    # an int or None already
          y = tf.reshape(x, [-1, 7 * 7 * 256])
          y = Reshape((-1,))(x)                             # when it is the only static read
          z = tf.zeros([tf.shape(x)[0], tf.shape(x)[1]])

    In a reshape, one dimension given as -1 is computed from the others, so replacing the
    one static read with -1 (none present yet) is exact; other static reads inside TF shape
    arguments become `tf.shape(x)[i]`, which equals the static value whenever that is known.
    Keras `Reshape` needs ints: a second static read there is warned about (MIG225).
    """

    CODE = "MIG215"
    TITLE = "static shapes read as ints where they may be None -> -1 / tf.shape(x)[i]"
    WARNINGS = {"MIG225": "static dimension in a Keras Reshape target that may be None"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if "arange" in facts.attributes or "arange" in facts.aliases:
            if any(_is_backend_arange(name) for name in facts.names):
                return True
        source = facts.source
        if not (facts.tf_aliases or any(t.startswith(("keras", "tensorflow")) for t in facts.aliases.values())):
            return False
        if not any(word in source for word in ("shape", "int_shape", "rank")):
            return False
        return _has_work(facts)

    # -- names holding shapes or dimensions, per function ---------------------------------
    # A scope is scanned when a read inside it asks for it, not on entering every function.
    def visit_Module(self, node):
        self.scopes = [(node.body, None)]

    def visit_FunctionDef(self, node):
        self.scopes.append((node.body, node))

    def _scope(self) -> "_Scope":
        scope = self.scopes[-1]
        if isinstance(scope, tuple):
            scope = self.scopes[-1] = _scope_of(*scope)
        return scope

    def leave_FunctionDef(self, original_node, updated_node):
        self.scopes.pop()
        return updated_node

    def _named_read(self, node: cst.BaseExpression):
        """`s[i]` with `s = K.int_shape(x)` (or x.shape, x.get_shape()...) in this function:
        (x, i) when `x` is a name bound once here, (None, i) when it is not (then only the
        -1 of a reshape is safe)."""
        if not (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name)):
            return None
        scope = self._scope()
        if node.value.value not in scope.shapes:
            return None
        index = _int_index(node)
        if index is None:
            return None
        tensor = scope.shapes[node.value.value]
        if tensor is None:
            return None, index
        return tensor, index

    def _v1_shapes(self) -> bool:
        """TF1 shape behaviour kept on purpose: shape items are Dimension objects there."""
        return "disable_v2_behavior" in self.file.facts.source or "disable_v2_tensorshape" in self.file.facts.source

    # -- static reads (LibCST) -----------------------------------------------------------
    def _static_read(self, node: cst.BaseExpression) -> tuple[cst.BaseExpression, int | None] | None:
        """(tensor expression, index) for a static dimension read, else None."""
        if isinstance(node, cst.Attribute) and node.attr.value == "value":
            node = node.value  # TF1 `Dimension.value`
        if not isinstance(node, cst.Subscript):
            return None
        named = self._named_read(node)
        if named is not None:
            return named
        index = _int_index(node)
        base = node.value
        if isinstance(base, cst.Call) and isinstance(base.func, cst.Attribute) and base.func.attr.value == "as_list":
            base = base.func.value
        if isinstance(base, cst.Attribute) and base.attr.value == "shape":
            return base.value, index
        if isinstance(base, cst.Call) and not base.args and isinstance(base.func, cst.Attribute) and base.func.attr.value == "get_shape":
            return base.func.value, index
        if isinstance(base, cst.Call) and len(base.args) == 1 and _is_keras(self.qualname(base.func), "int_shape"):
            return base.args[0].value, index
        return None

    def _dimension(self, node) -> bool:
        """`d` of `for d in x.get_shape()[1:]`, `input_shape[i]` in a Keras build(), or
        `s[k]` (any index) with `s` a shape name of this function."""
        scope = self._scope()
        if isinstance(node, cst.Name):
            return node.value in scope.dimensions
        if not (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name)):
            return False
        if node.value.value in scope.shape_parameters and _int_index(node) is not None:
            return True
        # `s[i].value` with `s = x.get_shape()` and any index expression (`s[k]` in a loop):
        # an item of a TensorShape is an int or None in TF 2, so `.value` goes whatever i is
        return (
            node.value.value in scope.shapes and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)
        )

    def leave_Attribute(self, original_node, updated_node):
        if original_node.attr.value == "value" and self._dimension(original_node.value) and not self._v1_shapes():
            self.changed(original_node, "TF1 `Dimension.value` (a dimension of a shape): in TF 2 it is already an int or None")
            return updated_node.value
        if original_node.attr.value == "value" and self._static_read(original_node.value) and not self._v1_shapes():
            self.changed(original_node, "TF1 `Dimension.value`: in TF 2 a shape item is already an int or None")
            return updated_node.value
        if original_node.attr.value == "value" and self._dimension_product(original_node.value) and not self._v1_shapes():
            self.changed(original_node, "TF1 `Dimension.value` of a product of shape dimensions: in TF 2 the product is already a number")
            return updated_node.value
        if original_node.attr.value == "value" and self._opaque_item(original_node.value) and not self._v1_shapes():
            # what the function returns is not visible here: dimension_value() is exact for a
            # TF1 Dimension and for the int / None of a TF 2 shape alike
            self.changed(original_node, "TF1 `Dimension.value` of a shape returned by a function -> tf.compat.v1.dimension_value()")
            return cst.Call(func=self.file.tf_attr("compat.v1.dimension_value"), args=[cst.Arg(updated_node.value)])
        return updated_node

    def _dimension_product(self, node) -> bool:
        """`np.prod(x.shape[1:])`, `np.product(x.get_shape())`, `np.prod([x.shape[1], x.shape[2]])`."""
        if not (isinstance(node, cst.Call) and len(node.args) == 1 and not node.args[0].keyword and not node.args[0].star):
            return False
        if self.qualname(node.func) not in NUMPY_PRODUCTS:
            return False
        argument = node.args[0].value
        if isinstance(argument, (cst.List, cst.Tuple)):
            return bool(argument.elements) and all(
                not isinstance(e, cst.StarredElement) and isinstance(e.value, cst.Subscript)
                and _int_index(e.value) is not None and _dimension_shape(e.value.value)
                for e in argument.elements
            )
        return _dimension_shape(argument)

    def _opaque_item(self, node) -> bool:
        return (
            isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name)
            and node.value.value in self._scope().opaque_shapes
            and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
        )

    def leave_Call(self, original_node, updated_node):
        qualified = self.qualname(original_node.func)
        symbol = self.tf_symbol(original_node.func)
        if _is_keras(qualified, "Reshape"):
            return self._keras_reshape(original_node, updated_node)
        if _is_backend_arange(qualified):
            return self._arange(original_node, updated_node)
        if symbol in SCALAR_ARGUMENTS:
            return self._scalar_arguments(original_node, updated_node)
        if symbol not in SHAPE_ARGUMENTS:
            return updated_node
        position, keyword = SHAPE_ARGUMENTS[symbol]
        found = self._argument(original_node, position, keyword)
        if found is None:
            return updated_node
        index, shape = found
        if not isinstance(shape, (cst.List, cst.Tuple)):
            return updated_node
        new_shape = updated_node.args[index].value
        if not isinstance(new_shape, (cst.List, cst.Tuple)) or len(new_shape.elements) != len(shape.elements):
            return updated_node
        reads = [i for i, e in enumerate(shape.elements) if self._static_read(e.value)]
        if not reads:
            return updated_node
        has_minus_one = any(_is_minus_one(e.value) for e in shape.elements)
        elements = list(new_shape.elements)
        inferred = None
        if symbol == "reshape" and not has_minus_one:
            # -1 for the batch dimension if it is read statically, else for the first read.
            inferred = next((i for i in reads if self._static_read(shape.elements[i].value)[1] == 0), reads[0])
            elements[inferred] = elements[inferred].with_changes(value=_minus_one())
            self.changed(shape.elements[inferred].value, "static dimension in a reshape -> -1 (computed from the others)")
        for i in reads:
            if i == inferred:
                continue
            tensor, dim = self._static_read(shape.elements[i].value)
            if dim is None or tensor is None:
                continue  # tensor None: a two-step read of a name rebound since
            dynamic = cst.Subscript(
                value=cst.Call(func=self.file.tf_attr("shape"), args=[cst.Arg(tensor)]),
                slice=[cst.SubscriptElement(cst.Index(cst.Integer(str(dim)) if dim >= 0 else cst.UnaryOperation(cst.Minus(), cst.Integer(str(-dim)))))],
            )
            elements[i] = elements[i].with_changes(value=dynamic)
            self.changed(shape.elements[i].value, "static dimension (None when unknown) -> tf.shape(x)[i]")
        args = list(updated_node.args)
        args[index] = args[index].with_changes(value=new_shape.with_changes(elements=elements))
        return updated_node.with_changes(args=args)

    def _arange(self, original_node, updated_node):
        """`K.arange(n)` -> `tf.range(n)`: tf-keras's arange tests `start < 0` in Python, which
        raises for a Tensor size (`K.arange(K.shape(x)[1])` in a layer's call(); Keras 2.2
        caught that case); it then calls tf.range with the same arguments, and casts only for
        a dtype other than int32."""
        args = list(updated_node.args)
        if any(a.star for a in args) or len(args) > 4:
            return updated_node
        names = ("start", "stop", "step", "dtype")
        by_name = {}
        for i, arg in enumerate(args):
            key = arg.keyword.value if arg.keyword is not None else names[i]
            if key not in names:
                return updated_node
            by_name[key] = arg.value
        dtype = by_name.pop("dtype", None)
        if dtype is not None and not (isinstance(dtype, cst.SimpleString) and dtype.evaluated_value == "int32"):
            return updated_node
        if "start" not in by_name:
            return updated_node
        new_args = [cst.Arg(by_name["start"])]
        for key, keyword in (("stop", "limit"), ("step", "delta")):
            if key in by_name:
                new_args.append(cst.Arg(by_name[key], keyword=cst.Name(keyword), equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))))
        new_args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) if i < len(new_args) - 1 else a
                    for i, a in enumerate(new_args)]
        self.changed(original_node, "Keras backend `arange(n)` -> `tf.range(n)` (tf-keras's raises for a Tensor size)")
        return cst.Call(func=self.file.tf_attr("range"), args=new_args)

    def _scalar_arguments(self, original_node, updated_node):
        args = list(updated_node.args)
        for i, arg in enumerate(original_node.args):
            if arg.star or i >= len(args):
                continue
            read = self._static_read(arg.value)
            if read is None or read[1] is None or read[0] is None or isinstance(arg.value, cst.Attribute):
                continue
            tensor, dim = read
            args[i] = args[i].with_changes(value=self._dynamic(tensor, dim))
            self.changed(arg.value, "static dimension (None when unknown) -> tf.shape(x)[i]")
        return updated_node.with_changes(args=args)

    def _dynamic(self, tensor, dim):
        return cst.Subscript(
            value=cst.Call(func=self.file.tf_attr("shape"), args=[cst.Arg(tensor)]),
            slice=[cst.SubscriptElement(cst.Index(cst.Integer(str(dim)) if dim >= 0 else cst.UnaryOperation(cst.Minus(), cst.Integer(str(-dim)))))],
        )

    def _keras_reshape(self, original_node, updated_node):
        found = self._argument(original_node, 0, "target_shape")
        if found is None:
            return updated_node
        index, shape = found
        if not isinstance(shape, (cst.List, cst.Tuple)):
            return updated_node
        reads = [i for i, e in enumerate(shape.elements) if _contains_static_read(self, e.value)]
        if not reads:
            return updated_node
        direct = [i for i in reads if self._static_read(shape.elements[i].value)]
        has_minus_one = any(_is_minus_one(e.value) for e in shape.elements)
        if len(reads) == 1 and direct == reads and not has_minus_one:
            new_shape = updated_node.args[index].value
            elements = list(new_shape.elements)
            elements[reads[0]] = elements[reads[0]].with_changes(value=_minus_one())
            self.changed(shape.elements[reads[0]].value, "static dimension in a Keras Reshape target -> -1")
            args = list(updated_node.args)
            args[index] = args[index].with_changes(value=new_shape.with_changes(elements=elements))
            return updated_node.with_changes(args=args)
        for i in reads:
            self.warn(
                shape.elements[i].value, "MIG225",
                "Keras Reshape needs ints, and this static dimension is None when unknown in a TF 2 "
                "functional graph: write -1 for (at most) one unknown dimension, or reshape inside a "
                "layer with tf.reshape(x, [tf.shape(x)[0], ...]) where dimensions are dynamic",
            )
        return updated_node

    @staticmethod
    def _argument(call: cst.Call, position: int, keyword: str):
        for i, arg in enumerate(call.args):
            if arg.keyword is not None and arg.keyword.value == keyword:
                return i, arg.value
        positional = [i for i, arg in enumerate(call.args) if arg.keyword is None and arg.star == ""]
        if len(positional) > position:
            i = positional[position]
            return i, call.args[i].value
        return None


class _Scope:
    def __init__(self):
        self.shapes: dict[str, cst.BaseExpression | None] = {}  # s -> x of `s = K.int_shape(x)`
        self.dimensions: set[str] = set()  # d of `for d in x.shape[1:]`, comprehensions too
        self.shape_parameters: set[str] = set()  # input_shape of build(self, input_shape)
        # s of `s = obj.get_raw_shape()[0]` / `s = obj.get_tt_ranks()`: every binding here is
        # what a function named for shapes or ranks returns (a TensorShape in TF1 code, but
        # this module cannot see its definition)
        self.opaque_shapes: set[str] = set()


def _dimension_shape(node: cst.BaseExpression) -> bool:
    """`x.shape` / `x.get_shape()` (or a slice of it): a TensorShape, whose items were TF1 Dimensions."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
        node = node.value
    if isinstance(node, cst.Attribute) and node.attr.value == "shape":
        return True
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get_shape" and not node.args


def _shape_expr(node: cst.BaseExpression, whole: bool = True) -> cst.BaseExpression | None:
    """The tensor of `x.shape`, `x.get_shape()`, `x.get_shape().as_list()`, `K.int_shape(x)`
    (the Keras check is by name: `int_shape` is Keras-only); with whole=False also of a slice."""
    if not whole and isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
        node = node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "as_list" and not node.args:
        node = node.func.value
    if isinstance(node, cst.Attribute) and node.attr.value == "shape":
        return node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get_shape" and not node.args:
        return node.func.value
    if isinstance(node, cst.Call) and len(node.args) == 1 and (
        (isinstance(node.func, cst.Attribute) and node.func.attr.value == "int_shape")
        or (isinstance(node.func, cst.Name) and node.func.value == "int_shape")
    ):
        return node.args[0].value
    return None


def _scope_of(body, function: cst.FunctionDef | None) -> _Scope:
    """Shape-holding names of one function body (nested functions and classes excluded):
    a name assigned once, from a shape; loop and comprehension variables over a shape."""
    assigned: dict[str, int] = {}
    candidates: dict[str, cst.BaseExpression] = {}
    opaque: dict[str, int] = {}
    scope = _Scope()
    parameters: list[str] = []
    if function is not None:
        parameters = [p.name.value for p in function.params.params]
        if function.name.value in SHAPE_METHODS and len(parameters) >= 2:
            scope.shape_parameters.add(parameters[1])

    class Scan(cst.CSTVisitor):
        def visit_FunctionDef(self, node):
            return False

        def visit_ClassDef(self, node):
            return False

        def visit_Lambda(self, node):
            return False

        def _bind(self, target):
            if isinstance(target, cst.Name):
                assigned[target.value] = assigned.get(target.value, 0) + 1
            elif isinstance(target, (cst.Tuple, cst.List)):
                for element in target.elements:
                    self._bind(element.value)
            elif isinstance(target, cst.StarredElement):
                self._bind(target.value)

        def visit_Assign(self, node):
            for target in node.targets:
                self._bind(target.target)
            if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                tensor = _shape_expr(node.value)
                if tensor is not None:
                    candidates[node.targets[0].target.value] = tensor
                elif _shape_function_result(node.value):
                    opaque[node.targets[0].target.value] = opaque.get(node.targets[0].target.value, 0) + 1

        def visit_AugAssign(self, node):
            self._bind(node.target)

        def visit_AnnAssign(self, node):
            self._bind(node.target)

        def visit_For(self, node):
            self._bind(node.target)
            if isinstance(node.target, cst.Name) and _shape_expr(node.iter, whole=False) is not None:
                scope.dimensions.add(node.target.value)

        def visit_CompFor(self, node):
            if isinstance(node.target, cst.Name) and _shape_expr(node.iter, whole=False) is not None:
                scope.dimensions.add(node.target.value)

        def visit_AsName(self, node):
            self._bind(node.name)

    for statement in body.body if hasattr(body, "body") and not isinstance(body, list) else body:
        statement.visit(Scan())
    for name, tensor in candidates.items():
        if assigned.get(name) != 1 or name in parameters:
            continue
        stable = isinstance(tensor, cst.Name) and assigned.get(tensor.value, 0) + (tensor.value in parameters) <= 1
        scope.shapes[name] = tensor if stable else None
    scope.dimensions = {d for d in scope.dimensions if d not in candidates}
    scope.opaque_shapes = {n for n, count in opaque.items() if assigned.get(n) == count and n not in parameters}
    return scope


SHAPE_WORDS = re.compile(r"shape|rank", re.IGNORECASE)


def _shape_function_result(node: cst.BaseExpression) -> bool:
    """`f(...)`, `obj.get_raw_shape()` or `obj.get_raw_shape()[0]` with a function named for
    shapes or ranks (not the `x.shape` / `get_shape()` forms, which _shape_expr knows)."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        node = node.value
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return bool(SHAPE_WORDS.search(name)) and name not in ("get_shape", "int_shape", "shape")


def _is_backend_arange(qualified: str | None) -> bool:
    return bool(qualified) and qualified.startswith(KERAS_ROOTS) and qualified.endswith("backend.arange")


def _minus_one() -> cst.BaseExpression:
    return cst.UnaryOperation(operator=cst.Minus(), expression=cst.Integer("1"))


def _is_minus_one(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer) and node.expression.value == "1"
    )


def _contains_static_read(codemod: KerasStaticShapes, node: cst.BaseExpression) -> bool:
    found = []

    class Finder(cst.CSTVisitor):
        def visit_Subscript(self, sub):
            if codemod._static_read(sub):
                found.append(sub)

    node.visit(Finder())
    return bool(found)
