"""MIG216: Keras `Lambda` layers that close over Keras tensors or create `tf.Variable`s."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts, qualify, tf_symbol

KERAS_ROOTS = ("keras.", "tensorflow.keras.", "tensorflow.python.keras.", "tf_keras.", "tensorflow.compat.v1.keras.")
# Variable arguments that have a tf.constant counterpart.
CONSTANT_ARGUMENTS = {"initial_value": "value", "dtype": "dtype", "name": "name", "trainable": None}


def _is_keras_name(qualified: str | None, *names: str) -> bool:
    return bool(qualified) and qualified.startswith(KERAS_ROOTS) and qualified.rsplit(".", 1)[-1] in names


def _is_keras_layer_class(qualified: str | None) -> bool:
    """keras.layers.Dense, tensorflow.keras.layers.Conv2D, keras.models.Model ..."""
    if not qualified or not qualified.startswith(KERAS_ROOTS):
        return False
    parts = qualified.split(".")
    return ("layers" in parts or parts[-1] in ("Model", "Sequential")) and parts[-1][:1].isupper()


def keras_tensor_names(facts: Facts) -> set[str]:
    """Names whose every binding in the file is a Keras tensor (an Input or a layer's output)."""
    cached = facts.__dict__.get("_keras_tensor_names")
    if cached is not None:
        return cached
    aliases = facts.aliases
    kinds: dict[str, set[bool]] = {}
    for node in facts.walk():
        targets: list[ast.AST] = []
        value = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension, ast.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                if arg is not None:
                    kinds.setdefault(arg.arg, set()).add(False)
            continue
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    is_tensor = isinstance(target, ast.Name) and value is not None and _is_keras_tensor(value, aliases)
                    kinds.setdefault(name.id, set()).add(is_tensor)
    found = {name for name, seen in kinds.items() if seen == {True}}
    facts.__dict__["_keras_tensor_names"] = found
    return found


def _is_keras_tensor(value: ast.AST, aliases: dict[str, str]) -> bool:
    if not isinstance(value, ast.Call):
        return False
    if _is_keras_name(qualify(value.func, aliases), "Input"):
        return True
    inner = value.func
    return isinstance(inner, ast.Call) and _is_keras_layer_class(qualify(inner.func, aliases))


def _has_lambda_work(facts: Facts) -> bool:
    if "Lambda" not in facts.source:
        return False
    # a call of the Keras Lambda layer has it as a used name (its function is a prescan chain)
    if not any(_is_keras_name(name, "Lambda") for name in facts.names):
        return False
    aliases = facts.aliases
    tensors = keras_tensor_names(facts)
    functions = {n.name: n for n in facts.of_type(ast.FunctionDef)}
    for node in facts.of_type(ast.Call):
        if _is_keras_name(qualify(node.func, aliases), "Lambda") and node.args:
            function = node.args[0]
            body = function if isinstance(function, ast.Lambda) else functions.get(getattr(function, "id", None))
            if body is None:
                continue
            params = {a.arg for a in ast.walk(body.args) if isinstance(a, ast.arg)}
            for inner in ast.walk(body):
                if isinstance(inner, ast.Name) and inner.id in tensors and inner.id not in params:
                    return True
                if isinstance(inner, ast.Call) and tf_symbol(qualify(inner.func, aliases) or "") == "Variable":
                    return True
    return False


class KerasLambda(Codemod):
    """Lambda layers that only worked in Keras 2's graph mode.

    TF1:  scaled = Lambda(lambda x: x * gate)(features)          # gate: another Keras tensor
          biased = Lambda(lambda x: x + tf.Variable(0.5))(scaled)
    TF2:  scaled = Lambda(lambda args: args[0] * args[1])([features, gate])
          biased = Lambda(lambda x: x + tf.constant(0.5))(scaled)

    A Keras tensor captured by the function is symbolic: Keras 3 cannot feed it at run time,
    so it becomes an input of the layer.  A tf.Variable made inside the function was never
    tracked (so never trained): it is a constant.  Named functions, lambdas with several
    parameters, callable output_shape and variables that are assigned are warned about (MIG226).
    """

    CODE = "MIG216"
    TITLE = "Lambda closing over Keras tensors -> extra inputs; tf.Variable inside Lambda -> tf.constant"
    WARNINGS = {"MIG226": "Lambda layer that closes over a Keras tensor or creates a variable"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if not any(t.startswith(("keras", "tensorflow", "tf_keras")) for t in facts.aliases.values()):
            return False
        return _has_lambda_work(facts)

    def visit_Module(self, node: cst.Module) -> None:
        self.tensors = keras_tensor_names(self.file.facts)
        self.functions = {
            s.name.value: s for s in node.body if isinstance(s, cst.FunctionDef)
        }
        self.lambda_depth = 0
        self.variable_sites: set[int] = set()  # tf.Variable calls inside Lambda functions
        self.assigned_variable_sites: set[int] = set()  # ... in functions that assign variables
        # Functions are usually defined before the Lambda that uses them: find them all first.
        codemod = self

        class LambdaFinder(cst.CSTVisitor):
            def visit_Call(self, call):
                codemod._note_lambda(call)

        node.visit(LambdaFinder())

    # -- tf.Variable inside a Lambda's function -------------------------------------------
    def _note_lambda(self, node: cst.Call) -> None:
        if _is_keras_name(self.qualname(node.func), "Lambda") and node.args:
            function = node.args[0].value
            if isinstance(function, cst.Name) and function.value in self.functions:
                function = self.functions[function.value]
            if isinstance(function, (cst.Lambda, cst.FunctionDef)):
                self._note_variables(function)

    def _note_variables(self, function: cst.CSTNode) -> None:
        codemod = self
        calls: list[cst.Call] = []
        assigned = []

        class Finder(cst.CSTVisitor):
            def visit_Call(self, call):
                if codemod.tf_symbol(call.func) == "Variable":
                    calls.append(call)

            def visit_Attribute(self, attr):
                if attr.attr.value.startswith("assign"):
                    assigned.append(attr)

        function.visit(Finder())
        # A variable that is updated is state, not a constant.
        (self.assigned_variable_sites if assigned else self.variable_sites).update(map(id, calls))

    def leave_Call(self, original_node, updated_node):
        if id(original_node) in self.variable_sites:
            return self._variable_to_constant(original_node, updated_node)
        if id(original_node) in self.assigned_variable_sites:
            self.warn(
                original_node, "MIG226",
                "tf.Variable created inside a Lambda function and assigned there: Keras does not track "
                "it and TF 2 cannot create it on every call; make it a weight of a custom Layer "
                "(self.add_weight in build) and update it in call()",
            )
            return updated_node
        if isinstance(original_node.func, cst.Call) and _is_keras_name(self.qualname(original_node.func.func), "Lambda"):
            return self._captured_tensors(original_node, updated_node)
        return updated_node

    def _variable_to_constant(self, original_node, updated_node):
        args = []
        for arg in updated_node.args:
            keyword = arg.keyword.value if arg.keyword else None
            if keyword is None and not arg.star and not args:
                args.append(arg)
            elif keyword in CONSTANT_ARGUMENTS and not arg.star:
                if keyword == "trainable":
                    continue  # never took effect: Keras did not track the variable
                args.append(arg.with_changes(keyword=cst.Name(CONSTANT_ARGUMENTS[keyword])) if keyword == "initial_value" else arg)
            else:
                self.warn(
                    original_node, "MIG226",
                    "tf.Variable created inside a Lambda function is not tracked by Keras (never trained) "
                    "and cannot be created on every call in TF 2; make it a tf.constant, or a weight of "
                    "a custom Layer (self.add_weight in build) if it must be trained",
                )
                return updated_node
        if not args:
            return updated_node
        last = args[-1]
        args[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self.changed(original_node, "tf.Variable inside a Lambda (never tracked, never trained) -> tf.constant")
        return updated_node.with_changes(func=self.file.tf_attr("constant"), args=args)

    # -- Keras tensors captured by the function ---------------------------------------------
    def _captured_tensors(self, original_node, updated_node):
        layer = original_node.func
        function = layer.args[0].value if layer.args and layer.args[0].keyword is None else None
        if isinstance(function, cst.Name) and function.value in self.functions:
            captured = self._free_tensors(self.functions[function.value], set())
            if captured:
                self._warn_capture(original_node, captured, "a named function")
            return updated_node
        if not isinstance(function, cst.Lambda):
            return updated_node
        params = [p.name.value for p in function.params.params]
        captured = self._free_tensors(function.body, set(params))
        if not captured:
            return updated_node
        simple = (
            len(params) == 1 and not isinstance(function.params.star_arg, (cst.Param, cst.ParamStar))
            and not function.params.kwonly_params
            and function.params.star_kwarg is None and not function.params.posonly_params
            and function.params.params[0].default is None
            and len(original_node.args) == 1 and original_node.args[0].keyword is None
            and not original_node.args[0].star
            and not isinstance(original_node.args[0].value, (cst.List, cst.Tuple))
            and not self._callable_output_shape(layer)
            and function.params.params[0].name.value not in self.tensors
        )
        if not simple:
            self._warn_capture(original_node, captured, "this Lambda")
            return updated_node
        if not (isinstance(updated_node.func, cst.Call) and updated_node.func.args
                and isinstance(updated_node.func.args[0].value, cst.Lambda)):
            return updated_node  # another codemod rewrote the layer: leave it
        taken = _names_in(function.body) | set(params)
        packed = next(n for n in ("args", "inputs", "tensors", "packed") if n not in taken)
        order = [params[0], *captured]
        new_body = _Substitute({name: i for i, name in enumerate(order)}, packed).visit_expression(
            updated_node.func.args[0].value.body
        )
        new_lambda = updated_node.func.args[0].value.with_changes(
            params=cst.Parameters(params=[cst.Param(cst.Name(packed))]), body=new_body
        )
        new_layer = updated_node.func.with_changes(
            args=[updated_node.func.args[0].with_changes(value=new_lambda), *updated_node.func.args[1:]]
        )
        inputs = cst.List(elements=[
            cst.Element(updated_node.args[0].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            *[
                cst.Element(cst.Name(name), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                for name in captured[:-1]
            ],
            cst.Element(cst.Name(captured[-1])),
        ])
        self.changed(original_node, f"Lambda closes over Keras tensor(s) {', '.join(captured)}: passed in as inputs")
        return updated_node.with_changes(func=new_layer, args=[updated_node.args[0].with_changes(value=inputs)])

    def _free_tensors(self, node: cst.CSTNode, bound: set[str]) -> list[str]:
        found: list[str] = []
        tensors = self.tensors

        class Finder(cst.CSTVisitor):
            def __init__(self):
                super().__init__()
                self.bound = [set(bound)]

            def visit_Lambda(self, lam):
                self.bound.append({p.name.value for p in lam.params.params})

            def leave_Lambda(self, lam):
                self.bound.pop()

            def visit_Attribute(self, attr):
                attr.value.visit(self)
                return False  # `x.attr`: only the base is a name use

            def visit_Name(self, name):
                value = name.value
                if value in tensors and not any(value in b for b in self.bound) and value not in found:
                    found.append(value)

        if isinstance(node, cst.FunctionDef):
            params = {p.name.value for p in node.params.params}
            finder = Finder()
            finder.bound[0] |= params
            node.body.visit(finder)
        else:
            node.visit(Finder())
        return found

    def _callable_output_shape(self, layer: cst.Call) -> bool:
        for arg in layer.args[1:]:
            if arg.keyword is None or arg.keyword.value in ("output_shape", "mask"):
                if not isinstance(arg.value, (cst.Tuple, cst.List, cst.Name)) or (
                    isinstance(arg.value, cst.Name) and arg.value.value != "None"
                ):
                    return True
        return False

    def _warn_capture(self, node, captured, where):
        names = ", ".join(captured)
        self.warn(
            node, "MIG226",
            f"{where} uses the Keras tensor(s) {names} from outside: Keras 3 cannot feed a captured "
            f"symbolic tensor at run time. Pass them in as inputs: Lambda(lambda args: ...args[0]... "
            f"args[1]...)([x, {names}])",
        )


class _Substitute(cst.CSTTransformer):
    """Replace names by `packed[i]` (not where an inner lambda rebinds them)."""

    def __init__(self, index: dict[str, int], packed: str) -> None:
        super().__init__()
        self.index = index
        self.packed = packed
        self.shadowed: list[set[str]] = []

    def visit_expression(self, node: cst.BaseExpression) -> cst.BaseExpression:
        return node.visit(self)

    def visit_Lambda(self, node):
        self.shadowed.append({p.name.value for p in node.params.params})

    def leave_Lambda(self, original_node, updated_node):
        self.shadowed.pop()
        return updated_node

    def visit_Attribute(self, node):
        return True

    def leave_Attribute(self, original_node, updated_node):
        return updated_node.with_changes(attr=original_node.attr)  # never rename attribute names

    def visit_Arg(self, node):
        return True

    def leave_Arg(self, original_node, updated_node):
        return updated_node.with_changes(keyword=original_node.keyword)  # nor keyword names

    def leave_Name(self, original_node, updated_node):
        name = original_node.value
        if name in self.index and not any(name in s for s in self.shadowed):
            return cst.Subscript(
                value=cst.Name(self.packed),
                slice=[cst.SubscriptElement(cst.Index(cst.Integer(str(self.index[name]))))],
                lpar=updated_node.lpar, rpar=updated_node.rpar,
            )
        return updated_node


def _names_in(node: cst.CSTNode) -> set[str]:
    names: set[str] = set()

    class Finder(cst.CSTVisitor):
        def visit_Name(self, name):
            names.add(name.value)

    node.visit(Finder())
    return names

