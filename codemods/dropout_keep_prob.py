"""MIG103: `tf.nn.dropout(x, keep_prob)` -> `tf.nn.dropout(x, rate=1 - keep_prob)`."""
from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation

import libcst as cst

from migrate.codemod import Codemod

# TF 1.x positional order of tf.nn.dropout after `x`; TF 2 has `rate` in keep_prob's place.
_V1_POSITIONAL = ("x", "keep_prob", "noise_shape", "seed", "name")
_NO_SPACE = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)
# Keras-style dropout layers whose argument is the fraction to DROP.
_RATE_LAYERS = ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout")


class DropoutKeepProb(Codemod):
    """TF 1.x `tf.nn.dropout` took the probability to KEEP; TF 2 takes the `rate` to drop.

    Before::

        h = tf.nn.dropout(h, keep_prob)
        h = tf.nn.dropout(h, 0.8, [batch, 1])
        h = tf.nn.dropout(h, keep_prob=1 - drop)

    After::

        h = tf.nn.dropout(h, rate=1 - keep_prob)
        h = tf.nn.dropout(h, rate=0.2, noise_shape=[batch, 1])
        h = tf.nn.dropout(h, rate=drop)

    A `keep_prob` placeholder fed 1.0 at evaluation still means "no dropout": the rate
    becomes 1 - 1.0 = 0.  Helpers that forward their own `keep_prob` parameter into
    `tf.nn.dropout` keep their signature, so their callers need no change.
    `slim.dropout` / `tf.contrib.layers.dropout` (tf_slim) and `DropoutWrapper(*_keep_prob=)`
    still take keep probabilities in TF 2 and are left as they are.
    """

    CODE = "MIG103"
    TITLE = "tf.nn.dropout keep_prob -> rate=1 - keep_prob (constants folded)"
    WARNINGS = {
        "MIG131": "tf.nn.dropout call whose keep_prob cannot be rewritten safely (*args/**kwargs, used as a value)",
        "MIG132": "a Keras Dropout layer is given a value named keep_prob; it takes the rate to drop",
    }

    @classmethod
    def needed(cls, facts, settings):
        symbols = facts.tf_symbols()
        if "nn.dropout" in symbols and _has_keep_prob_dropout(facts.of_type(ast.Call), set(symbols["nn.dropout"])):
            return True
        # MIG132 only: a Keras dropout layer whose argument is named like a keep probability.
        if "keep" not in facts.source:
            return False
        return any(
            name.rsplit(".", 1)[-1] in _RATE_LAYERS or name.endswith("layers.dropout")
            for name in facts.names
        )

    def __init__(self, file):
        super().__init__(file)
        self._called: set[int] = set()  # ids of the `func` nodes of calls

    def visit_Call(self, node: cst.Call) -> None:
        self._called.add(id(node.func))

    def leave_Attribute(self, original_node, updated_node):
        if id(original_node) not in self._called and self.tf_symbol(original_node) == "nn.dropout":
            self.warn(
                original_node, "MIG131",
                "tf.nn.dropout used as a value: its callers pass TF1's keep_prob (2nd argument); "
                "in TF 2 the 2nd argument is rate = 1 - keep_prob. Call it as "
                "tf.nn.dropout(x, rate=1 - keep_prob) instead",
            )
        return updated_node

    def leave_Call(self, original_node, updated_node):
        if self.tf_symbol(original_node.func) == "nn.dropout":
            return self._rewrite_dropout(original_node, updated_node)
        self._check_keras_layer(original_node)
        return updated_node

    # -- tf.nn.dropout ------------------------------------------------------------
    def _rewrite_dropout(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        keywords = {a.keyword.value for a in original.args if a.keyword is not None}
        if "rate" in keywords:
            return updated  # already TF 2 form
        if any(a.star for a in original.args):
            self.warn(
                original, "MIG131",
                "tf.nn.dropout with *args/**kwargs: cannot tell whether keep_prob is passed; "
                "TF 2 takes rate = 1 - keep_prob: write tf.nn.dropout(x, rate=1 - keep_prob, ...)",
            )
            return updated
        new_args = []
        position = 0
        found: cst.BaseExpression | None = None
        for arg in updated.args:
            if arg.keyword is None:
                name = _V1_POSITIONAL[position] if position < len(_V1_POSITIONAL) else None
                position += 1
                if name is None:
                    return updated  # too many arguments: not valid TF1 code, leave it
                if name == "x":
                    new_args.append(arg)
                    continue
                if name == "keep_prob":
                    found = _rate_from(arg.value)
                    arg = arg.with_changes(keyword=cst.Name("rate"), equal=_NO_SPACE, value=found)
                else:
                    arg = arg.with_changes(keyword=cst.Name(name), equal=_NO_SPACE)
                new_args.append(arg)
            elif arg.keyword.value == "keep_prob":
                found = _rate_from(arg.value)
                new_args.append(arg.with_changes(keyword=cst.Name("rate"), value=found))
            else:
                new_args.append(arg)
        if found is None:
            return updated
        rate_code = cst.Module([]).code_for_node(found)
        self.changed(original, f"tf.nn.dropout: keep_prob -> rate={rate_code} (TF 2 takes the rate to drop)")
        return updated.with_changes(args=new_args)

    # -- Keras dropout layers given a keep probability ------------------------------
    def _check_keras_layer(self, original: cst.Call) -> None:
        qualified = self.qualname(original.func) or ""
        symbol = self.tf_symbol(original.func) or ""
        last = qualified.rsplit(".", 1)[-1]
        if last in _RATE_LAYERS and ("keras" in qualified or symbol.startswith("layers.")):
            rate_position = 0
        elif symbol == "layers.dropout":
            rate_position = 1
        else:
            return
        positional = [a for a in original.args if a.keyword is None and not a.star]
        value = next((a.value for a in original.args if a.keyword and a.keyword.value == "rate"), None)
        if value is None and len(positional) > rate_position:
            value = positional[rate_position].value
        if value is not None and "keep" in _last_identifier(value).lower():
            self.warn(
                value, "MIG132",
                f"{last} takes the fraction to DROP, but is given "
                f"`{_last_identifier(value)}`, a keep probability by its name: "
                "pass rate=1 - keep_prob if it is one",
            )


def _has_keep_prob_dropout(calls: list[ast.Call], positions: set[tuple[int, int]]) -> bool:
    """Is some tf.nn.dropout (at `positions`) not yet in TF 2 form: called without
    `rate=`, or used as a value?  Migrated code (`rate=` everywhere) is not parsed again."""
    called = set()
    for node in calls:
        where = (node.func.lineno, node.func.col_offset)
        if where in positions:
            called.add(where)
            if not any(k.arg == "rate" for k in node.keywords):
                return True
    return bool(positions - called)


def _last_identifier(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return ""


def _number(node: cst.BaseExpression) -> Decimal | None:
    """The exact value of an int/float literal (`0.8`, `-1`), else None."""
    if isinstance(node, (cst.Integer, cst.Float)):
        try:
            return Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            return None
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = _number(node.expression)
        return -inner if inner is not None else None
    return None


def _rate_from(keep: cst.BaseExpression) -> cst.BaseExpression:
    """`1 - keep`, folded: 0.8 -> 0.2, `1 - p` / `(1.0 - p)` -> p."""
    bare = keep.with_changes(lpar=[], rpar=[])
    value = _number(bare)
    if value is not None and value <= 1:
        rate = Decimal(1) - value
        if isinstance(bare, cst.Integer) or (isinstance(bare, cst.UnaryOperation) and isinstance(bare.expression, cst.Integer)):
            return cst.Integer(str(int(rate)))
        text = format(rate, "f")
        return cst.Float(text if "." in text else text + ".0")
    if isinstance(bare, cst.BinaryOperation) and isinstance(bare.operator, cst.Subtract) and _number(bare.left) == 1:
        return bare.right.with_changes(lpar=[], rpar=[])
    atomic = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer, cst.Float)
    operand = keep if isinstance(keep, atomic) or keep.lpar else keep.with_changes(
        lpar=[cst.LeftParen()], rpar=[cst.RightParen()]
    )
    return cst.BinaryOperation(
        left=cst.Integer("1"),
        operator=cst.Subtract(
            whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" ")
        ),
        right=operand,
    )
