"""`--keras auto`: one run-wide decision between Keras 3 (tf.keras in TF 2.16+) and
Keras 2 (the tf-keras package), made from a cheap text scan of every file.

Keras 3 is the default target. Code that leans on Keras-2 behaviour the codemods cannot
carry over (listed in KERAS2_SIGNS, each measured on TF 2.21 / Keras 3.15.1) runs best on
tf-keras, so one such site anywhere in the run makes the whole run target Keras 2; the
first sites are printed as the reasons.  What the codemods do rewrite safely for Keras 3
(`fit_generator`, `lr=`, `set_session` of a config-only session, `graph.as_default()`,
`_make_predict_function()`, file names) is deliberately not a reason.

The scan is a regular-expression pass over the text (it runs on every file of the run
before any work starts); a match inside a `#` comment is ignored. Only a file that builds
a functional model (`Input(` and a model or fit call) is parsed, to find raw TensorFlow
ops applied to its Keras tensors.
"""
from __future__ import annotations

import re

# (pattern, why) — the sites that force Keras 2.
KERAS2_SIGNS: list[tuple[re.Pattern[str], str]] = [
    (
        # a file already written for tf-keras (this tool's own Keras 2 output among them:
        # a second run must decide what the first decided)
        re.compile(r"(?m)^[ \t]*(?:import[ \t]+tf_keras\b|from[ \t]+tf_keras\b)"),
        "imports tf_keras (Keras 2)",
    ),
    (
        # An import, or a use in code (not a mention in a docstring, `keras.engine.Layer`).
        re.compile(r"(?m)^[ \t]*(?:from|import)[ \t]+(?:tensorflow\.python\.)?keras\.engine\b|(?<![`'\"\w.])keras\.engine\.\w+"),
        "uses Keras-2 internals (keras.engine): custom layers written against Keras 2",
    ),
    (
        re.compile(r"\bget_session\s*\("),
        "uses the Keras-2 session (get_session); Keras 3 has none",
    ),
    (
        re.compile(r"\b(?:set_)?learning_phase\s*\(\s*(?!(?:0|False)\s*\))"),
        "uses the global Keras-2 learning phase; Keras 3 has none",
    ),
    (
        re.compile(r"\b(?:K|backend)\.(?:placeholder|function)\s*\("),
        "builds Keras-2 backend graph functions (K.placeholder / K.function); Keras 3 has neither",
    ),
    (
        re.compile(r"\b(?:tf|tensorflow)\.(?:compat\.v1\.)?(?:layers\.[A-Za-z_]+\s*\(|nn\.rnn_cell\b)|\bcontrib\.rnn\b"),
        "uses graph-mode layers (tf.layers / rnn_cell), which exist only in tf-keras",
    ),
    (
        re.compile(r"\bTimeDistributed\b"),
        "uses TimeDistributed: on Keras 3.15.1 over a dynamic time axis inside a tf.function it "
        "silently returns the wrong shape",
    ),
    (
        re.compile(r"\badd_weight\s*\(\s*['\"]"),
        "calls add_weight with the name first (Keras 3 takes the shape first)",
    ),
    (
        # Keras 2 layers took their initial weights in the constructor; Keras 3's base Layer
        # rejects the keyword ("Unrecognized keyword arguments passed to ...: {'weights'"),
        # measured on 3.15.1 with keras-pos-embd's PositionEmbedding(..., weights=[...]).
        re.compile(r"[(,]\s*weights\s*=\s*\["),
        "passes initial weights to a layer constructor (weights=[...]); Keras 3 layers reject the argument",
    ),
    (
        re.compile(r"\.(?:_losses|metrics_tensors|metrics_names\.append|_feed_inputs|_collected_trainable_weights)\b"),
        "reaches into private Keras-2 model internals (_losses, metrics_tensors, ...)",
    ),
]


# Keras code in a file that builds a TF 1 graph: the file runs with eager execution
# disabled (MIG104), where Keras 3 cannot train ("`tf.data.Dataset` only supports
# Python-style iteration in eager mode"), measured on 3.15.1; tf-keras can.
V1_GRAPH = re.compile(r"\b(?:tf|tensorflow)\.(?:compat\.v1\.)?(?:placeholder|get_variable|variable_scope)\s*\(")
V1_GRAPH_OR_SESSION = re.compile(r"\b(?:tf|tensorflow)\.(?:compat\.v1\.)?(?:placeholder|get_variable|variable_scope|Session)\s*\(")
KERAS_MODEL = re.compile(r"\b(?:Sequential|Model|load_model)\s*\(|\.fit(?:_generator)?\s*\(")
V1_GRAPH_WHY = "mixes Keras models with a TF 1 graph (tf.placeholder / get_variable / Session): Keras 3 cannot run with eager execution disabled"


# Raw TensorFlow ops on the Keras tensors of a functional model: Keras 2 (and tf-keras)
# wrapped them in layers silently; Keras 3 raises "A KerasTensor cannot be used as input
# to a TensorFlow function" (measured on 3.15.1). Cheap precondition, then an ast pass.
FUNCTIONAL = re.compile(r"\bInput\s*\(")
RAW_OPS_WHY = (
    "applies TensorFlow ops ({op}) to the Keras tensors of a functional model: Keras 3 raises "
    "'A KerasTensor cannot be used as input to a TensorFlow function'; tf-keras wraps them as Keras 2 did"
)
KERAS_BACKENDS = ("keras.backend", "tensorflow.keras.backend", "tensorflow.python.keras.backend", "tf_keras.backend")


def _raw_ops_on_keras_tensors(text: str) -> tuple[int, str] | None:
    """(line, op) of the first TF op (or Keras-2 backend function) called on a Keras tensor
    (an `Input(...)`, a layer application `Layer(...)(x)`, or a value computed from one) at
    model-building level, i.e. not inside a Lambda, a layer's call() or another def."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    tf_names, backend_names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ("tensorflow", "tensorflow.compat.v1") and alias.asname:
                    tf_names.add(alias.asname)
                elif alias.name == "tensorflow" and not alias.asname:
                    tf_names.add("tensorflow")
                elif alias.name in KERAS_BACKENDS and alias.asname:
                    backend_names.add(alias.asname)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in KERAS_BACKENDS:
                    backend_names.add(alias.asname or alias.name)
                elif full == "tensorflow.compat.v1":
                    tf_names.add(alias.asname or alias.name)
    if not tf_names and not backend_names:
        return None

    def op_name(func) -> str | None:
        parts = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if isinstance(func, ast.Name) and parts and (func.id in tf_names or func.id in backend_names):
            name = ".".join([func.id, *reversed(parts)])
            if func.id in tf_names and parts[-1] in ("keras", "compat") and "keras" in parts:
                return None  # tf.keras.layers... are Keras, not raw ops
            return name
        return None

    def is_input(call) -> bool:
        func = call.func
        return (isinstance(func, ast.Name) and func.id == "Input") or (isinstance(func, ast.Attribute) and func.attr == "Input")

    def scan(body) -> tuple[int, str] | None:
        tensors: set[str] = set()

        def keras_valued(expr) -> bool:
            if isinstance(expr, ast.Name):
                return expr.id in tensors
            if isinstance(expr, ast.Call):
                if is_input(expr):
                    return True
                if isinstance(expr.func, ast.Call) and not op_name(expr.func.func):
                    return True  # Layer(...)(x): a layer application
                if op_name(expr.func):
                    return any(keras_valued(a) for a in [*expr.args, *(k.value for k in expr.keywords)])
                return False
            if isinstance(expr, (ast.List, ast.Tuple)):
                return any(keras_valued(e) for e in expr.elts)
            if isinstance(expr, ast.Subscript):
                return keras_valued(expr.value)
            if isinstance(expr, ast.BinOp):
                return keras_valued(expr.left) or keras_valued(expr.right)
            return False

        def first_op(expr) -> tuple[int, str] | None:
            for node in ast.walk(expr):
                if isinstance(node, ast.Lambda):
                    continue
                if isinstance(node, ast.Call):
                    name = op_name(node.func)
                    if name and any(keras_valued(a) for a in [*node.args, *(k.value for k in node.keywords)]):
                        return node.lineno, name
            return None

        for statement in body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found = scan(statement.body)
                if found:
                    return found
                continue
            if isinstance(statement, ast.ClassDef):
                continue  # a layer's call() gets real tensors
            if isinstance(statement, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
                found = scan([s for block in (getattr(statement, "body", []), getattr(statement, "orelse", [])) for s in block])
                if found:
                    return found
                continue
            value = getattr(statement, "value", None)
            if value is None:
                continue
            found = first_op(value)
            if found:
                return found
            if isinstance(statement, ast.Assign) and keras_valued(value):
                for target in statement.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            tensors.add(name.id)
            elif isinstance(statement, ast.Assign) and isinstance(value, ast.Tuple):
                for target in statement.targets:
                    if isinstance(target, ast.Tuple) and len(target.elts) == len(value.elts):
                        for t, v in zip(target.elts, value.elts):
                            if isinstance(t, ast.Name) and keras_valued(v):
                                tensors.add(t.id)
        return None

    return scan(tree.body)


# Keras-2 optimizer decay with a learning rate other code sets or reads: Keras 3 ignores
# `decay=`, and its replacement (a schedule) cannot be set with K.set_value or by LR
# callbacks, and reads back decayed; tf-keras's legacy optimizers keep both (MIG203).
OPTIMIZER_DECAY = re.compile(r"\b(?:SGD|RMSprop|Adagrad|Adadelta|Adam|Adamax|Nadam)\s*\([^)]*\bdecay\s*=")
LR_SET_OR_READ = re.compile(
    r"\.optimizer\.lr\b|\.optimizer\.learning_rate\b|\b(?:LearningRateScheduler|ReduceLROnPlateau)\b"
)
DECAY_WHY = (
    "optimizer decay= with a learning rate the program also sets or reads (optimizer.lr, LR callbacks): "
    "Keras 3 has no decay that keeps the rate settable; tf-keras's legacy optimizers do"
)


def _in_comment(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return "#" in text[line_start:position]


# Code this tool writes into a file (MIG505's `class keras_estimator:`) is not the user's:
# it decides nothing about the Keras target (it runs on either), or a second run would
# decide differently from the first.
GENERATED_BLOCK = re.compile(r"^class keras_estimator:\n(?:(?:[ \t].*)?\n)*", re.M)
# MIG504's MNIST loader (it reads tf.keras.datasets): recognised by its docstring's first line.
MNIST_MARK = "read_data_sets of TF 1.x's tensorflow.examples.tutorials.mnist.input_data"
MNIST_BLOCKS = re.compile(r"^(?:class MnistDataSet\b.*|def read_data_sets\(.*)\n(?:(?:[ \t].*)?\n)*", re.M)


def without_generated(text: str) -> str:
    """`text` with the blocks this tool wrote (MIG505's keras_estimator, MIG504's MNIST
    loader) blanked, line numbers kept, and the user code's references to keras_estimator
    not counted as Keras."""
    def blank(match) -> str:
        return "\n" * match.group(0).count("\n")

    if MNIST_MARK in text:
        text = MNIST_BLOCKS.sub(blank, text)
    if "class keras_estimator:" not in text:
        return text
    text = GENERATED_BLOCK.sub(blank, text)
    return re.sub(r"\bkeras_estimator\b", "tool_estimator", text)


def keras2_reasons(text: str, limit: int = 3) -> list[tuple[int, str]]:
    """[(line, why), ...] for the first sites in `text` that need Keras 2."""
    if "keras" not in text and "layers" not in text and "rnn" not in text:
        return []
    text = without_generated(text)
    found = []
    for pattern, why in KERAS2_SIGNS:
        for match in pattern.finditer(text):
            if _in_comment(text, match.start()):
                continue
            found.append((text.count("\n", 0, match.start()) + 1, why))
            break
    if "keras" in text and KERAS_MODEL.search(text):
        graph = V1_GRAPH if "set_session" in text else V1_GRAPH_OR_SESSION  # a config-only session is rewritten (MIG212)
        for match in graph.finditer(text):
            if not _in_comment(text, match.start()):
                found.append((text.count("\n", 0, match.start()) + 1, V1_GRAPH_WHY))
                break
    if "decay" in text and "keras" in text:
        decay = OPTIMIZER_DECAY.search(text)
        setter = LR_SET_OR_READ.search(text)
        if decay and setter and not _in_comment(text, decay.start()) and not _in_comment(text, setter.start()):
            found.append((text.count("\n", 0, decay.start()) + 1, DECAY_WHY))
    if "keras" in text and FUNCTIONAL.search(text) and KERAS_MODEL.search(text):
        raw = _raw_ops_on_keras_tensors(text)
        if raw is not None:
            found.append((raw[0], RAW_OPS_WHY.format(op=raw[1])))
    return sorted(found)[:limit]
