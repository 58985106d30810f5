"""MIG215: static shapes read as Python ints (None in TF 2 functional graphs) -> dynamic shapes."""
from __future__ import annotations

import ast

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


def _has_work(facts: Facts) -> bool:
    """A `Dimension.value` read, or a static read inside the arguments of a shape-taking
    TF op / Keras Reshape: from the prescan's nodes and names, no tree walk."""
    cached = facts.__dict__.get("_keras_static_shapes")
    if cached is not None:
        return cached
    found = _find_work(facts)
    facts.__dict__["_keras_static_shapes"] = found
    return found


def _find_work(facts: Facts) -> bool:
    attributes = facts.attributes
    aliases = facts.aliases
    # every static read goes through one of these attributes, or a bare `int_shape`
    if not ("shape" in attributes or "get_shape" in attributes or "int_shape" in attributes or "int_shape" in aliases):
        return False
    reads = {id(node) for node in facts.of_type(ast.Subscript) if _static_read_ast(node, aliases)}
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
        if tf_symbol(qualified) in SHAPE_ARGUMENTS or _is_keras(qualified, "Reshape"):
            where.update(positions)
    if not where:
        return False
    lines = {line for line, _ in where}
    for node in facts.of_type(ast.Call):
        func = node.func
        if func.lineno in lines and (func.lineno, func.col_offset) in where:
            qualified = qualify(func, aliases)
            symbol = tf_symbol(qualified) if qualified else None
            if symbol in SHAPE_ARGUMENTS or _is_keras(qualified, "Reshape"):
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
        source = facts.source
        if not (facts.tf_aliases or any(t.startswith(("keras", "tensorflow")) for t in facts.aliases.values())):
            return False
        if not any(word in source for word in ("shape", "int_shape")):
            return False
        return _has_work(facts)

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

    def leave_Attribute(self, original_node, updated_node):
        if original_node.attr.value == "value" and self._static_read(original_node.value) and not self._v1_shapes():
            self.changed(original_node, "TF1 `Dimension.value`: in TF 2 a shape item is already an int or None")
            return updated_node.value
        return updated_node

    def leave_Call(self, original_node, updated_node):
        qualified = self.qualname(original_node.func)
        symbol = self.tf_symbol(original_node.func)
        if _is_keras(qualified, "Reshape"):
            return self._keras_reshape(original_node, updated_node)
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
            if dim is None:
                continue
            dynamic = cst.Subscript(
                value=cst.Call(func=self.file.tf_attr("shape"), args=[cst.Arg(tensor)]),
                slice=[cst.SubscriptElement(cst.Index(cst.Integer(str(dim)) if dim >= 0 else cst.UnaryOperation(cst.Minus(), cst.Integer(str(-dim)))))],
            )
            elements[i] = elements[i].with_changes(value=dynamic)
            self.changed(shape.elements[i].value, "static dimension (None when unknown) -> tf.shape(x)[i]")
        args = list(updated_node.args)
        args[index] = args[index].with_changes(value=new_shape.with_changes(elements=elements))
        return updated_node.with_changes(args=args)

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
