"""`--keras auto`: one run-wide decision between Keras 3 (tf.keras in TF 2.16+) and
Keras 2 (the tf-keras package), made from a cheap text scan of every file.

Keras 3 is the default target. Code that leans on Keras-2 behaviour the codemods cannot
carry over (listed in KERAS2_SIGNS, each measured on TF 2.21 / Keras 3.15.1) runs best on
tf-keras, so one such site anywhere in the run makes the whole run target Keras 2; the
first sites are printed as the reasons.  What the codemods do rewrite safely for Keras 3
(`fit_generator`, `lr=`, `set_session` of a config-only session, `graph.as_default()`,
`_make_predict_function()`, file names) is deliberately not a reason.

The scan is a regular-expression pass over the text (no parsing: it runs on every file
of the run before any work starts); a match inside a `#` comment is ignored.
"""
from __future__ import annotations

import re

# (pattern, why) — the sites that force Keras 2.
KERAS2_SIGNS: list[tuple[re.Pattern[str], str]] = [
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
        re.compile(r"\.(?:_losses|metrics_tensors|metrics_names\.append|_feed_inputs|_collected_trainable_weights)\b"),
        "reaches into private Keras-2 model internals (_losses, metrics_tensors, ...)",
    ),
]


# Keras code in a file that builds a TF 1 graph: the file runs with eager execution
# disabled (MIG104), where Keras 3 cannot train ("`tf.data.Dataset` only supports
# Python-style iteration in eager mode"), measured on 3.15.1; tf-keras can.
V1_GRAPH = re.compile(r"\b(?:tf|tensorflow)\.(?:compat\.v1\.)?(?:placeholder|get_variable|variable_scope)\s*\(")
KERAS_MODEL = re.compile(r"\b(?:Sequential|Model|load_model)\s*\(|\.fit(?:_generator)?\s*\(")
V1_GRAPH_WHY = "mixes Keras models with a TF 1 graph (tf.placeholder / get_variable): Keras 3 cannot run with eager execution disabled"


def _in_comment(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return "#" in text[line_start:position]


def keras2_reasons(text: str, limit: int = 3) -> list[tuple[int, str]]:
    """[(line, why), ...] for the first sites in `text` that need Keras 2."""
    if "keras" not in text and "layers" not in text and "rnn" not in text:
        return []
    found = []
    for pattern, why in KERAS2_SIGNS:
        for match in pattern.finditer(text):
            if _in_comment(text, match.start()):
                continue
            found.append((text.count("\n", 0, match.start()) + 1, why))
            break
    if "keras" in text and KERAS_MODEL.search(text):
        for match in V1_GRAPH.finditer(text):
            if not _in_comment(text, match.start()):
                found.append((text.count("\n", 0, match.start()) + 1, V1_GRAPH_WHY))
                break
    return sorted(found)[:limit]
