"""MIG102: TF 1.x call arguments -> TF 2 signatures (and the MIG112 warning)."""
from __future__ import annotations

import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.rename_tf_arguments import RenameTfArguments
from migrate.codemods.rename_tf_symbols import RenameTfSymbols
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

BOTH = [RenameTfSymbols, RenameTfArguments]

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        s = tf.reduce_sum(x, 1, keep_dims=True)
        m = tf.reduce_mean(x, reduction_indices=[0])
        """,
        """\
        import tensorflow as tf
        s = tf.reduce_sum(x, 1, keepdims=True)
        m = tf.reduce_mean(x, axis=[0])
        """,
        id="keep_dims-reduction_indices",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        p = tf.nn.softmax(logits, dim=-1)
        e = tf.expand_dims(x, dim=0)
        a = tf.argmax(p, dimension=1)
        """,
        """\
        import tensorflow as tf
        p = tf.nn.softmax(logits, axis=-1)
        e = tf.expand_dims(x, axis=0)
        a = tf.argmax(p, axis=1)
        """,
        id="dim-dimension-to-axis",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        c = tf.nn.conv2d(x, filter=w, strides=[1, 1, 1, 1], padding="SAME")
        """,
        """\
        import tensorflow as tf
        c = tf.nn.conv2d(x, filters=w, strides=[1, 1, 1, 1], padding="SAME")
        """,
        id="filter-to-filters",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        sess = tf.Session()
        k = tf.math.in_top_k(predictions, targets, 5)
        g = tf.gather(params, idx, None, "g", 1)
        """,
        """\
        import tensorflow as tf
        sess = tf.compat.v1.Session()
        k = tf.math.in_top_k(predictions=predictions, targets=targets, k=5)
        g = tf.gather(params, idx, None, name="g", axis=1)
        """,
        id="positional-to-keyword-where-order-changed",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        s = tf.multinomial(logits, 2, 7, "m", tf.int32)
        """,
        """\
        import tensorflow as tf
        s = tf.random.categorical(logits, 2, seed=7, name="m", dtype=tf.int32)
        """,
        id="renamed-function-and-arguments",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        ok = tf.gfile.Exists(filename=path)
        """,
        """\
        import tensorflow as tf
        ok = tf.io.gfile.exists(path=path)
        """,
        id="curated-equivalent-keyword",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        s = tf.reduce_max(y, reduction_indices=[1],
                          keep_dims=True)  # per row
        """,
        """\
        import tensorflow as tf
        s = tf.reduce_max(y, axis=[1],
                          keepdims=True)  # per row
        """,
        id="normalised-import-keeps-formatting",
    ),
    pytest.param(
        """\
        from tensorflow import reduce_sum
        s = reduce_sum(x, keep_dims=True)
        """,
        """\
        from tensorflow import reduce_sum
        s = reduce_sum(x, keepdims=True)
        """,
        id="from-import",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        z = tf.zeros_like(tensor=x)
        """,
        """\
        import tensorflow as tf
        z = tf.zeros_like(input=x)
        """,
        id="curated-first-parameter",
    ),
]

REWRITES += [
    pytest.param(
        """\
        import tensorflow as tf
        a = tf.to_float(x)
        b = tf.to_int64(x, "n")
        c = tf.to_int32(
            x,  # the input
        )
        """,
        """\
        import tensorflow as tf
        a = tf.cast(x, dtype=tf.float32)
        b = tf.cast(x, dtype=tf.int64, name="n")
        c = tf.cast(
            x, dtype=tf.int32,  # the input
        )
        """,
        id="to_float-becomes-cast-with-dtype",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        y = tf.to_float(x)
        """,
        """\
        import tensorflow as tf
        y = tf.cast(x, dtype=tf.float32)
        """,
        id="cast-through-normalised-alias",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ns = tf.sum(x, keep_dims=True)\n", id="numpy-as-tf"),
    pytest.param(
        "import tensorflow as tf\n\ndef f(tf):\n    return tf.reduce_sum(x, keep_dims=True)\n",
        id="local-variable-named-tf",
    ),
    pytest.param(
        'import tensorflow as tf\ns = "tf.reduce_sum(x, keep_dims=True)"  # tf.nn.softmax(x, dim=1)\n',
        id="strings-and-comments",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        s = tf.reduce_sum(x, 1, True)
        c = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME")
        k = tf.math.in_top_k(targets=t, predictions=p, k=5)
        p = tf.nn.softmax(logits, axis=-1)
        """,
        id="already-migrated",
    ),
    pytest.param("import os\nos.makedirs('a', exist_ok=True)\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\nt = tf.compat.v1.reduce_sum(x, keep_dims=True)\n",
        id="explicit-compat-v1",
    ),
    pytest.param(
        "import tensorflow.compat.v1 as tf1\nimport tensorflow as tf\nt = tf1.reduce_sum(x, keep_dims=True)\n",
        id="tf1-alias",
    ),
    pytest.param(
        "from tensorflow.compat.v1 import reduce_sum\nt = reduce_sum(x, keep_dims=True)\n",
        id="from-compat-v1-import",
    ),
    pytest.param(
        "import tensorflow as tf\nd = tf.nn.dropout(x, 0.5, None, None, None)\n",
        id="dropout-is-owned-elsewhere",
    ),
    pytest.param(
        "import tensorflow as tf\ns = tf.reduce_sum(x, axis=1, reduction_indices=1)\n",
        id="both-spellings-left-for-a-human",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(BOTH, before, after)


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    check_unchanged(BOTH, source)


@pytest.mark.parametrize("source", [p.values[0] for p in UNCHANGED])
def test_needed_false_when_nothing_changes(source):
    facts = prescan(textwrap.dedent(source))
    assert not RenameTfArguments.needed(facts, Settings())


def test_arguments_alone_on_tf2_names():
    """MIG102 by itself (MIG101 disabled) still converts a call on a same-path function."""
    check_rewrite(
        RenameTfArguments,
        "import tensorflow as tf\ns = tf.reduce_sum(x, keep_dims=True)\n",
        "import tensorflow as tf\ns = tf.reduce_sum(x, keepdims=True)\n",
    )


def test_kwargs_warns_and_keeps_v1():
    source = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\ns = tf.reduce_mean(x, **options)\n"
    outcome = apply(BOTH, source)
    assert outcome.code.endswith("\ns = tf.compat.v1.reduce_mean(x, **options)\n")
    warnings = [f for f in outcome.findings if f.kind == "warning"]
    assert [(w.code, w.line) for w in warnings] == [("MIG112", 3)]
    assert "keep_dims->keepdims" in warnings[0].message
    assert "tf.compat.v1.reduce_mean" in warnings[0].message


def test_star_args_warns_where_positions_changed():
    source = "import tensorflow as tf\nsess = tf.Session()\nk = tf.math.in_top_k(*args)\n"
    outcome = apply(BOTH, source)
    assert outcome.code.endswith("\nk = tf.compat.v1.math.in_top_k(*args)\n")
    assert codes(outcome, "warning") == ["MIG112"]
    assert outcome.findings[-1].line == 3


# Names TF 1 and TF 2 share for other functions: a file with no TF 1-only name is TF 2
# code (already migrated, or this tool's own output) and keeps them.
TF2_FILES = [
    "import tensorflow as tf\nk = tf.math.in_top_k(targets=t, predictions=p, k=5)\n",
    "import tensorflow as tf\ni = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])\n",
    "import tensorflow as tf\nw = tf.where(c, x, y)\nm = tf.saved_model.load(path)\n",
    "import tensorflow as tf\nb = tf.batch_to_space(x, block_shape=[2, 2], crops=[[0, 0], [0, 0]])\n",
    "import tensorflow as tf\ns = tf.reduce_mean(x, **options)\n",
    "import tensorflow as tf\nl = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z)\n",
]


@pytest.mark.parametrize("source", TF2_FILES)
def test_tf2_code_keeps_shared_names(source):
    outcome = check_unchanged(BOTH, source)
    assert codes(outcome, "warning") == []


def test_shared_name_read_as_tf1_when_a_keyword_says_so():
    """`keep_dims=` exists only in TF 1: the file is TF 1 code."""
    check_rewrite(
        BOTH,
        "import tensorflow as tf\nw = tf.where(c, x, y)\ns = tf.reduce_sum(x, 1, keep_dims=True)\n",
        "import tensorflow as tf\nw = tf.compat.v1.where(c, x, y)\ns = tf.reduce_sum(x, 1, keepdims=True)\n",
    )


@pytest.mark.parametrize("call", ["tf.math.in_top_k(a, b, 5)", "tf.gather(params, idx, None, 'g', 1)", "tf.math.in_top_k(*args)"])
def test_positional_call_of_shared_name_in_tf2_file_warns(call):
    source = f"import tensorflow as tf\nk = {call}\n"
    outcome = check_unchanged(BOTH, source)
    assert codes(outcome, "warning") == ["MIG113"]
    assert "by keyword" in outcome.findings[0].message


def test_v2_names_reach_their_tf2_names_and_stay():
    """`*_v2` names: the TF 2 function, and the output is a fixed point (the second pass
    of check_rewrite reads it again)."""
    check_rewrite(
        BOTH,
        """\
        import tensorflow as tf
        sess = tf.Session()
        m = tf.saved_model.load_v2(path)
        l = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=z, dim=2)
        w = tf.where_v2(c, x, y)
        b = tf.batch_to_space_nd(x, block_shape, crops)
        a = tf.arg_max(x, 1, tf.int32, "a")
        q = tf.quantize_v2(x, 0.0, 1.0, tf.quint8)
        """,
        """\
        import tensorflow as tf
        sess = tf.compat.v1.Session()
        m = tf.saved_model.load(path)
        l = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z, axis=2)
        w = tf.where(c, x, y)
        b = tf.batch_to_space(x, block_shape, crops)
        a = tf.math.argmax(x, 1, tf.int32, "a")
        q = tf.quantization.quantize(x, 0.0, 1.0, tf.quint8)
        """,
    )


def test_star_args_harmless_when_positions_agree():
    """tf.expand_dims keeps its positional order; only keywords were renamed."""
    source = "import tensorflow as tf\ne = tf.expand_dims(*args)\n"
    check_unchanged(BOTH, source)
    assert codes(apply(BOTH, source), "warning") == []


def test_warning_can_be_ignored():
    source = "import tensorflow as tf\ns = tf.reduce_mean(x, **options)\n"
    outcome = apply(BOTH, source, Settings(ignore=frozenset({"MIG112"})))
    assert codes(outcome, "warning") == []


def test_change_message_names_the_function():
    outcome = apply(BOTH, "import tensorflow as tf\ns = tf.reduce_sum(x, keep_dims=True)\n")
    changes = [f for f in outcome.findings if f.code == "MIG102"]
    assert len(changes) == 1 and changes[0].line == 2
    assert "tf.reduce_sum" in changes[0].message


def test_cast_needs_mig102_else_stays_v1():
    source = "import tensorflow as tf\ny = tf.to_float(x)\nf = tf.to_float\n"
    outcome = apply(BOTH, source, Settings(ignore=frozenset({"MIG102"})))
    assert outcome.code == "import tensorflow as tf\ny = tf.compat.v1.to_float(x)\nf = tf.compat.v1.to_float\n"
