"""MIG102: call arguments of TF 1.x functions whose TF 2 signature changed.

Keyword renames (`keep_dims` -> `keepdims`, `dim` -> `axis`, `reduction_indices` ->
`axis`, ...) and positional arguments that TF 2 expects elsewhere (turned into keywords),
from codemods/tables/tf_arguments.json, which is generated from the installed
TensorFlow's v1 and v2 signatures.
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod
from migrate.codemods.rename_tf_symbols import (
    _ast_qualname,
    _binds,
    _positions_matter,
    call_is_tf1,
    reads_as_tf1,
    CallShape,
    ast_call_shape,
    call_keeps_v1,
    cst_call_shape,
    hidden_arguments,
    normalized_alias,
    owned_elsewhere,
    tables,
    use_target,
)
from migrate.prescan import Facts, tf_symbol


def _converts(entry: dict, shape: CallShape) -> bool:
    """Would this call's arguments change?"""
    renames = entry.get("renames", {})
    given = set(shape.keywords)
    if any(renames[name] in given for name in given if name in renames):
        return False  # both spellings given: TF 1 rejected this call too; leave it
    if any(name in renames for name in given) or entry.get("add"):
        return True
    return "args" in entry and shape.positional > entry["keep"]


def _moves_to_tf2(target: str | None) -> bool:
    return target is not None and not target.startswith("compat.v1.")


class RenameTfArguments(Codemod):
    """Arguments of TF 1.x calls rewritten for the TF 2 signature of the same function.

    Before::

        s = tf.reduce_sum(x, 1, keep_dims=True)
        p = tf.nn.softmax(logits, dim=-1)
        c = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", data_format="NHWC")
        k = tf.math.in_top_k(predictions, targets, 5)

    After::

        s = tf.reduce_sum(x, 1, keepdims=True)
        p = tf.nn.softmax(logits, axis=-1)
        c = tf.nn.conv2d(x, filters=w, ... )  # only where the position changed, see below
        k = tf.math.in_top_k(predictions=predictions, targets=targets, k=5)

    Positional arguments stay positional up to the first position where the TF 2
    signature differs (`tf.nn.conv2d(x, w, strides, padding)` is unchanged); from there
    on they become keywords.  A call passing an argument TF 2 does not have keeps
    `tf.compat.v1` (MIG101 writes that); a call whose `*args` / `**kwargs` could hide such
    an argument keeps `tf.compat.v1` too and is reported (MIG112).
    """

    CODE = "MIG102"
    TITLE = "TF 1.x call arguments -> TF 2 signature (keyword renames, positional -> keyword)"
    WARNINGS = {
        "MIG112": "*args/**kwargs may hide a v1 argument TF 2 renamed or removed: call kept on tf.compat.v1",
        "MIG113": "positional arguments of a name TF 1 and TF 2 share mean other parameters in each; read as TF 2 code",
        "MIG114": "a pre-1.0 call passes an argument with no TF 1 / TF 2 counterpart: left as it is",
    }

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        table = tables()
        old_forms = [
            q for q in facts.names
            if q.startswith("tensorflow.") and not q.startswith("tensorflow.compat.")
            and tf_symbol(q) in ("concat", "split", *PRE_1_0_LOSSES)
        ]
        if old_forms:
            for position, call in _calls_at(facts, [(q, facts.names[q]) for q in old_forms]).items():
                qualified = _ast_qualname(facts, call.func)
                symbol = tf_symbol(qualified) if qualified else None
                positional = [a for a in call.args if not isinstance(a, ast.Starred)]
                keywords = [k.arg for k in call.keywords if k.arg]
                if symbol and pre_1_0_call(symbol, positional, keywords, _int_literal, reads_as_tf1(facts)):
                    return True
        normalized = normalized_alias(facts)
        candidates = [
            (qualified, where)
            for qualified, where in facts.names.items()
            if qualified.startswith("tensorflow.")
            and (tf_symbol(qualified) in table.arguments or tf_symbol(qualified) in table.namesake_signatures)
        ]
        if not candidates:
            return False
        calls = _calls_at(facts, candidates)
        for qualified, where in candidates:
            symbol = tf_symbol(qualified)
            if owned_elsewhere(symbol):
                continue
            if _read_as_tf2(facts, qualified):
                shapes = {ast_call_shape(calls[p]) for p in where if p in calls}
                if not any(call_is_tf1(symbol, shape) for shape in shapes):
                    if any(_ambiguous(symbol, table.arguments.get(symbol), shape) or _other_meaning(symbol, shape)
                           for shape in shapes):
                        return True
                    continue
            if symbol not in table.arguments:
                continue
            root = normalized if normalized is not None and qualified.startswith("tensorflow.compat.v1.") else ""
            entry = table.arguments[symbol]
            for position in where:
                call = calls.get(position)
                if call is None:
                    continue
                shape = ast_call_shape(call)
                target = use_target(facts, qualified, normalized, root, shape)
                if not _moves_to_tf2(target) and symbol not in table.pre_1_0:
                    continue
                if hidden_arguments(entry, shape):
                    return True
                if symbol in table.pre_1_0 and call_keeps_v1(entry, shape):
                    return True
                if call_keeps_v1(entry, shape) is None and _converts(entry, shape):
                    return True
        return False

    def __init__(self, file) -> None:
        super().__init__(file)
        self.normalized = normalized_alias(file.facts)
        self._ragged_use: set[int] = set()  # calls whose result is used as a RaggedTensor

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in _RAGGED_ONLY and isinstance(node.value, cst.Call):
            self._ragged_use.add(id(node.value))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        qualified = self.qualname(original_node.func)
        if qualified is None or not qualified.startswith("tensorflow."):
            return updated_node
        symbol = tf_symbol(qualified)
        if not qualified.startswith("tensorflow.compat.") and symbol in ("concat", "split", *PRE_1_0_LOSSES):
            new = self._pre_1_0(symbol, original_node, updated_node)
            if new is not None:
                return new
        entry = tables().arguments.get(symbol or "")
        if owned_elsewhere(symbol or "compat"):
            return updated_node
        shape = cst_call_shape(original_node)
        if _read_as_tf2(self.file.facts, qualified) and not call_is_tf1(symbol, shape):
            if _ambiguous(symbol, entry, shape):
                v1_params = tables().namesake_signatures.get(symbol, [[entry and entry.get("args") or []]])[0][0]
                self.warn(
                    original_node,
                    "MIG113",
                    f"tf.{symbol}(...): positional arguments bind to other parameters in TF 1 "
                    f"({', '.join(v1_params)}) than in TF 2; this file uses no TF 1-only name, so "
                    "the call is read as TF 2 code and left as it is. If it is TF 1 code, pass the "
                    "arguments by keyword.",
                )
            elif _other_meaning(symbol, shape) and id(original_node) not in self._ragged_use:
                self.warn(
                    original_node,
                    "MIG113",
                    f"tf.{symbol}(...) computes another thing in TF 1 ({tables().keep_v1_reasons[symbol]}); "
                    "this file uses no TF 1-only name, so the call is read as TF 2 code and left as it is. "
                    f"If it is TF 1 code, call tf.compat.v1.{symbol}.",
                )
            return updated_node
        if entry is None:
            return updated_node
        root = _root_name(original_node.func)
        pre_1_0 = symbol in tables().pre_1_0
        if not _moves_to_tf2(use_target(self.file.facts, qualified, self.normalized, root, shape)) and not pre_1_0:
            return updated_node
        if call_keeps_v1(entry, shape) is not None:
            if pre_1_0:
                self.warn(
                    original_node,
                    "MIG114",
                    f"tf.{symbol}(...) (removed in TF 1.0): {call_keeps_v1(entry, shape)} "
                    f"({_describe(entry)}); rewrite it as tf.{tables().pre_1_0[symbol][0]} by hand.",
                )
                return updated_node
            if hidden_arguments(entry, shape):
                self.warn(
                    original_node,
                    "MIG112",
                    f"tf.{symbol}(...): *args/**kwargs may carry arguments TF 2 renamed or removed "
                    f"({_describe(entry)}); the call stays on tf.compat.v1.{symbol}. Pass them "
                    "explicitly with their TF 2 names to use the TF 2 function.",
                )
            return updated_node
        if not _converts(entry, shape):
            return updated_node
        new_args = self._convert(entry, updated_node.args, shape)
        if new_args is None:
            return updated_node
        for keyword, attribute in entry.get("add", {}).items():
            # An argument TF 2 requires (tf.to_float(x) -> tf.cast(x, dtype=tf.float32)),
            # placed after the positional arguments; it takes over the comma (and any
            # comment / line break) that followed them. Not again where an earlier pass
            # added it before the rename ran (`tf.to_float(x, dtype=tf.float32)` when a
            # private import's rewrite held the rename back a pass)
            if any(a.keyword is not None and a.keyword.value == keyword for a in new_args):
                continue
            at = max((i for i, a in enumerate(new_args) if a.keyword is None and not a.star), default=len(new_args) - 1)
            added = cst.Arg(
                keyword=cst.Name(keyword),
                value=self.file.tf_attr(attribute),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
            if at >= 0:
                previous = new_args[at]
                added = added.with_changes(comma=previous.comma)
                new_args[at] = previous.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            new_args.insert(at + 1, added)
        self.changed(original_node, f"tf.{symbol}(...): arguments for the TF 2 signature ({_describe(entry)})")
        return updated_node.with_changes(args=new_args)

    def _pre_1_0(self, symbol: str, original_node: cst.Call, updated_node: cst.Call) -> cst.Call | None:
        """`tf.concat(1, [a, b])` -> `tf.concat([a, b], 1)`, `tf.split(1, 2, x)` ->
        `tf.split(x, 2, 1)`, the losses' positional (logits, labels) -> keywords."""
        if any(a.star for a in original_node.args):
            return None
        positional = [a for a in updated_node.args if a.keyword is None]
        keywords = [a.keyword.value for a in updated_node.args if a.keyword is not None]
        form = pre_1_0_call(
            symbol, [a.value for a in positional], keywords, _cst_int_literal, reads_as_tf1(self.file.facts)
        )
        if form is None:
            return None
        renames = PRE_1_0_KEYWORDS.get(symbol, {})
        args = list(updated_node.args)
        if form == "concat":
            first, second = args[0], args[1]
            args[0] = second.with_changes(comma=first.comma)
            args[1] = first.with_changes(comma=second.comma)
        elif form == "concat_axis":
            args[0] = args[0].with_changes(
                keyword=cst.Name("axis"),
                equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
            )
        elif form == "split":
            first, third = args[0], args[2]
            args[0] = third.with_changes(comma=first.comma)
            args[2] = first.with_changes(comma=third.comma)
        elif form == "loss":
            order = PRE_1_0_LOSSES[symbol]
            if len(positional) > len(order):
                return None
            for index, arg in enumerate(positional):
                args[index] = arg.with_changes(
                    keyword=cst.Name(order[index]),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                    ),
                )
        args = [
            a.with_changes(keyword=cst.Name(renames[a.keyword.value]))
            if a.keyword is not None and a.keyword.value in renames else a
            for a in args
        ]
        names = [a.keyword.value for a in args if a.keyword is not None]
        if len(names) != len(set(names)):
            return None  # both spellings given: leave it
        self.changed(original_node, f"tf.{symbol}(...): TensorFlow 0.x argument order -> TF 1/2 ({form})")
        return updated_node.with_changes(args=args)

    @staticmethod
    def _convert(entry: dict, args, shape: CallShape):
        renames = entry.get("renames", {})
        names = entry.get("args", [])
        keep = entry.get("keep", len(names))
        taken = {arg.keyword.value for arg in args if arg.keyword is not None}
        out = []
        index = 0
        for arg in args:
            if arg.star or arg.keyword is not None:
                if arg.keyword is not None and arg.keyword.value in renames:
                    new = renames[arg.keyword.value]
                    if new in taken:
                        return None  # both spellings given: TF 1 rejected this call too
                    arg = arg.with_changes(keyword=cst.Name(new))
                out.append(arg)
                continue
            if index >= keep and index < len(names):
                keyword = renames.get(names[index], names[index])
                if keyword in taken:
                    return None
                taken.add(keyword)
                arg = arg.with_changes(
                    keyword=cst.Name(keyword),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                )
            out.append(arg)
            index += 1
        return out


# Argument orders of TensorFlow before 1.0 (TF 0.12 docs; TF 1.0's tf_upgrade.py reorders
# the same calls).  Rewritten only where the call cannot be a TF 1 call: an integer
# literal where TF 1 takes a tensor list (`tf.concat(1, [a, b])`), or positional
# arguments where TF 1 requires keywords (the cross-entropy losses' `_sentinel`).
PRE_1_0_KEYWORDS = {
    "concat": {"concat_dim": "axis"},
    "split": {"split_dim": "axis", "num_split": "num_or_size_splits"},
    "nn.sigmoid_cross_entropy_with_logits": {"targets": "labels"},
}
PRE_1_0_LOSSES = {
    "nn.softmax_cross_entropy_with_logits": ["logits", "labels", "dim", "name"],
    "nn.sparse_softmax_cross_entropy_with_logits": ["logits", "labels", "name"],
    "nn.sigmoid_cross_entropy_with_logits": ["logits", "labels", "name"],
}


def _int_literal(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def _cst_int_literal(node) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


def pre_1_0_call(symbol: str, positional: list, keywords: list[str], int_literal, tf1: bool) -> str | None:
    """Which pre-1.0 form this call has ("concat", "split", "loss", "keywords"), or None."""
    if symbol == "concat" and len(positional) >= 2 and int_literal(positional[0]) and not int_literal(positional[1]):
        return "concat"
    if symbol == "concat" and len(positional) == 1 and int_literal(positional[0]) and "values" in keywords:
        return "concat_axis"
    if (symbol == "split" and len(positional) >= 3 and int_literal(positional[0])
            and not int_literal(positional[2])):
        return "split"
    if symbol in PRE_1_0_LOSSES and positional and tf1:
        return "loss"
    if any(k in PRE_1_0_KEYWORDS.get(symbol, ()) for k in keywords):
        return "keywords"
    return None


def _read_as_tf2(facts: Facts, qualified: str) -> bool:
    """A name TF 1 and TF 2 share, in a file read as TF 2 code (see reads_as_tf1)."""
    if qualified.startswith("tensorflow.compat."):
        return False
    return tf_symbol(qualified) in tables().tf2_namesakes and not reads_as_tf1(facts)


# Shared names whose TF 1 call, read as TF 2, means something else although its arguments
# bind the same way: any call (the result or the offsets differ), or initializers given
# their parameters by position (v1 dtype in the constructor and v1 seeding).
_OTHER_MEANING_ALWAYS = frozenset({"strings.split", "image.extract_glimpse"})
# RaggedTensor methods a SparseTensor lacks: `tf.strings.split(x).to_sparse()` is TF 2 code.
_RAGGED_ONLY = frozenset({"to_sparse", "to_tensor", "flat_values", "row_splits", "row_lengths", "nested_row_splits",
                          "merge_dims", "to_list", "bounding_shape"})


def _other_meaning(symbol: str, shape: CallShape) -> bool:
    if symbol not in tables().tf2_namesakes or symbol not in tables().keep_v1_reasons:
        return False
    signatures = tables().namesake_signatures.get(symbol)
    if signatures is not None and not _binds(signatures[0], shape):
        return False
    if symbol in _OTHER_MEANING_ALWAYS:
        return True
    return symbol.endswith("_initializer") and (shape.positional >= 2 or shape.star)


# a TF 1 parameter whose TF 2 namesake at the same position takes a narrower value: the same parameter
# (TF 2's `tf.device(device_name)` takes the name only; a function, which TF 1's
# `device_name_or_function` also took, raises there rather than binding elsewhere)
NARROWED = {"device_name_or_function": "device_name"}


def _ambiguous(symbol: str, entry: dict | None, shape: CallShape) -> bool:
    """Would this call's positional arguments land on other parameters if it were TF 1?
    (The argument table's order, or the two recorded signatures of a shared name, the
    table's keyword renames counting as the same parameter.)"""
    if entry and "args" in entry and _positions_matter(entry) and (shape.star or shape.positional > entry["keep"]):
        return True
    signatures = tables().namesake_signatures.get(symbol)
    if signatures is None:
        return False
    if not _binds(signatures[0], shape):
        return False  # not a valid TF 1 call (`tf.saved_model.load(path)`): TF 2 code
    v1, v2 = signatures[0][0], signatures[1][0]
    renames = {**NARROWED, **(entry or {}).get("renames", {})}
    count = min(len(v1), len(v2)) if shape.star else shape.positional
    for index in range(count):
        old = v1[index] if index < len(v1) else None
        new = v2[index] if index < len(v2) else None
        if old is not None and renames.get(old, old) != new:
            return True
    return False


def _calls_at(facts: Facts, candidates) -> dict[tuple[int, int], ast.Call]:
    """The calls whose function starts where a candidate name is used: what
    rename_tf_symbols.call_scan maps there (the last such call of the prescan's walk
    order), found among the prescan's Call nodes instead of by a walk of the whole tree."""
    where = {position for _, positions in candidates for position in positions}
    lines = {line for line, _ in where}
    calls: dict[tuple[int, int], ast.Call] = {}
    for node in facts.of_type(ast.Call):
        func = node.func
        if type(func) is ast.Attribute or type(func) is ast.Name:
            if func.lineno in lines:
                position = (func.lineno, func.col_offset)
                if position in where:
                    calls[position] = node
    return calls


def _describe(entry: dict) -> str:
    parts = [f"{old}->{new}" for old, new in entry.get("renames", {}).items()]
    if "args" in entry:
        parts.append(f"keywords from argument {entry['keep'] + 1} on")
    if entry.get("v1_only"):
        parts.append("no TF 2 parameter: " + ", ".join(entry["v1_only"]))
    for keyword, attribute in entry.get("add", {}).items():
        parts.append(f"adds {keyword}=tf.{attribute}")
    return "; ".join(parts)


def _root_name(node: cst.CSTNode) -> str:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""
