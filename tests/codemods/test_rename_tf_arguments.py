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


# -- names and argument orders of TensorFlow before 1.0 (issue 10) -----------------------

def test_pre_1_0_names_reach_tf2():
    check_rewrite(
        BOTH,
        """\
        import tensorflow as tf
        a = tf.mul(x, y)
        b = tf.sub(x, tf.neg(y))
        s = tf.scalar_summary("loss", loss)
        i = tf.image_summary("img", images, max_images=4)
        m = tf.merge_all_summaries()
        w = tf.train.SummaryWriter("/tmp/logs", sess.graph)
        init = tf.initialize_all_variables()
        p = tf.pack([a, b], 1)
        u = tf.unpack(p, axis=1)
        c = tf.concat_v2([a, b], 1)
        d = tf.nn.deconv2d(x, f, shape, [1, 2, 2, 1], "SAME", "up")
        bm = tf.batch_matmul(a, b, True)
        sel = tf.select(cond, a, b)
        """,
        """\
        import tensorflow as tf
        a = tf.multiply(x, y)
        b = tf.subtract(x, tf.negative(y))
        s = tf.compat.v1.summary.scalar("loss", loss)
        i = tf.compat.v1.summary.image("img", images, max_outputs=4)
        m = tf.compat.v1.summary.merge_all()
        w = tf.compat.v1.summary.FileWriter("/tmp/logs", sess.graph)
        init = tf.compat.v1.initialize_all_variables()
        p = tf.stack([a, b], 1)
        u = tf.unstack(p, axis=1)
        c = tf.concat([a, b], 1)
        d = tf.nn.conv2d_transpose(x, f, shape, [1, 2, 2, 1], "SAME", name="up")
        bm = tf.matmul(a, b, adjoint_a=True)
        sel = tf.compat.v1.where(cond, a, b)
        """,
    )


def test_pre_1_0_aliases_and_from_imports():
    check_rewrite(
        BOTH,
        """\
        import tensorflow as tflow
        from tensorflow import mul
        a = tflow.histogram_summary(tag="w", values=w)
        b = mul(a, 2)
        """,
        """\
        import tensorflow as tflow
        from tensorflow import multiply as mul
        a = tflow.compat.v1.summary.histogram(name="w", values=w)
        b = mul(a, 2)
        """,
    )


def test_pre_1_0_argument_without_counterpart_is_reported():
    """`name=` of the 0.x summaries named the op; TF 1's `name` is the tag."""
    source = 'import tensorflow as tf\nh = tf.histogram_summary("w", w, name="op")\n'
    outcome = check_unchanged(BOTH, source)
    assert codes(outcome, "warning") == ["MIG114"]
    assert "tf.compat.v1.summary.histogram" in outcome.findings[0].message


@pytest.mark.parametrize(
    "before, after",
    [
        ("c = tf.concat(1, [a, b])", "c = tf.concat([a, b], 1)"),
        ("c = tf.concat(-1, [a, b], 'c')", "c = tf.concat([a, b], -1, 'c')"),
        ("c = tf.concat(-1, values=[a, b])", "c = tf.concat(axis=-1, values=[a, b])"),
        ("c = tf.concat(concat_dim=0, values=[a, b])", "c = tf.concat(axis=0, values=[a, b])"),
        ("s = tf.split(1, 2, x)", "s = tf.split(x, 2, 1)"),
        ("s = tf.split(split_dim=1, num_split=2, value=x)", "s = tf.split(axis=1, num_or_size_splits=2, value=x)"),
        (
            "l = tf.nn.sparse_softmax_cross_entropy_with_logits(z, y)",
            "l = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=z, labels=y)",
        ),
        (
            "l = tf.nn.sigmoid_cross_entropy_with_logits(z, targets=y)",
            "l = tf.nn.sigmoid_cross_entropy_with_logits(logits=z, labels=y)",
        ),
    ],
)
def test_pre_1_0_argument_orders(before, after):
    head = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\n"
    new_head = "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\n"
    check_rewrite(BOTH, head + before + "\n", new_head + after + "\n")


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nc = tf.concat([a, b], 1)\n",
        "import tensorflow as tf\nc = tf.concat(values, axis)\n",  # not provably the old order
        "import tensorflow as tf\ns = tf.split(x, 2, 1)\n",
        "import tensorflow as tf\ns = tf.split(x, 2)\n",
        "import tensorflow as tf\nl = tf.nn.sparse_softmax_cross_entropy_with_logits(y, z)\n",  # TF 2 (labels, logits)
        "import other as tf\na = tf.mul(x, y)\nc = tf.concat(1, [a, b])\n",
        "import tensorflow as tf\nname = 'tf.mul(x, y)'\n",
    ],
)
def test_pre_1_0_unchanged(source):
    check_unchanged(BOTH, source)


PRE_1_0_PROGRAM = """\
import numpy as np
import tensorflow as tf
x = tf.constant(np.arange(6, dtype="float32").reshape(2, 3))
y = tf.constant(np.ones((2, 3), dtype="float32"))
out = {}
out["mul"] = tf.mul(x, y + 1)
out["sub"] = tf.sub(x, tf.neg(y))
out["pack"] = tf.pack([x, y], 1)
out["unpack"] = tf.unpack(x, axis=1)[2]
out["concat"] = tf.concat(1, [x, y])
out["concat_v2"] = tf.concat_v2([x, y], 0)
out["split"] = tf.split(1, 3, x)[1]
out["select"] = tf.select(tf.constant([True, False]), x, y)
out["batch_matmul"] = tf.batch_matmul(x[None], x[None], False, True)
out["loss"] = tf.nn.sparse_softmax_cross_entropy_with_logits(x, tf.constant([0, 2]))
out["sigmoid"] = tf.nn.sigmoid_cross_entropy_with_logits(x, targets=y * 0.5)
out["inv"] = tf.inv(y * 4)
for key in sorted(out):
    print(key, np.round(np.asarray(out[key], dtype="float64"), 4).ravel().tolist())
"""


@pytest.mark.tf
def test_pre_1_0_program_runs_on_tf2_with_the_values_numpy_gives():
    import json
    import os
    import subprocess
    import sys

    import numpy as np

    from migrate.runner import migrate_source

    migrated = migrate_source(PRE_1_0_PROGRAM, Settings()).code
    assert "tf.mul(" not in migrated and "tf.concat([x, y], 1)" in migrated
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:] + migrated
    got = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in result.stdout.splitlines()}
    x = np.arange(6, dtype="float64").reshape(2, 3)
    y = np.ones((2, 3))
    logits = x - x.max(1, keepdims=True)
    log_softmax = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    expected = {
        "mul": x * 2, "sub": x + 1, "pack": np.stack([x, y], 1), "unpack": x[:, 2],
        "concat": np.concatenate([x, y], 1), "concat_v2": np.concatenate([x, y], 0),
        "split": x[:, 1:2], "select": np.where([[True], [False]], x, y),
        "batch_matmul": x @ x.T, "loss": -log_softmax[[0, 1], [0, 2]],
        "sigmoid": np.maximum(x, 0) - x * 0.5 + np.log1p(np.exp(-np.abs(x))),
        "inv": y / 4,
    }
    for key, value in expected.items():
        np.testing.assert_allclose(got[key], np.round(np.asarray(value, dtype="float64"), 4).ravel(), atol=2e-4, err_msg=key)


@pytest.mark.parametrize(
    "before, after",
    [
        ("c = tf.cond(a, b, c, True, 'n')", "c = tf.compat.v1.cond(a, b, c, True, 'n')"),
        ("z = tf.zeros_initializer(tf.float32)", "z = tf.compat.v1.zeros_initializer(tf.float32)"),
        ("c = tf.cond(a, fn1=b, fn2=c)", "c = tf.compat.v1.cond(a, fn1=b, fn2=c)"),
    ],
)
def test_call_binding_only_the_tf1_signature_is_tf1_in_any_file(before, after):
    """No TF 1-only name in the file, but the call itself cannot be a TF 2 call."""
    check_rewrite(BOTH, f"import tensorflow as tf\n{before}\n", f"import tensorflow as tf\n{after}\n")


@pytest.mark.parametrize(
    "call",
    [
        "tf.nn.embedding_lookup_sparse(params, ids, weights, 'mod', None, 'sum')",  # partition_strategy vs combiner
        "tf.losses.mean_squared_error(labels, predictions)",  # v1 reduces with weights, v2 per sample
    ],
)
def test_positional_call_of_shared_name_without_argument_entry_warns(call):
    outcome = check_unchanged(BOTH, f"import tensorflow as tf\nr = {call}\n")
    assert codes(outcome, "warning") == ["MIG113"]


def test_call_that_cannot_be_tf1_does_not_warn():
    """`tf.saved_model.load(path)`: TF 1's load needs (sess, tags, export_dir)."""
    outcome = check_unchanged(BOTH, "import tensorflow as tf\nm = tf.saved_model.load(path)\n")
    assert codes(outcome, "warning") == []


@pytest.mark.parametrize("call, words", [
    ("tf.strings.split(x, ',')", "SparseTensor"),
    ("tf.strings.split(x)", "SparseTensor"),
    ("tf.image.extract_glimpse(img, [8, 8], offsets)", "offsets"),
    ("tf.random_uniform_initializer(-0.1, 0.1)", "v1 seeding"),
    ("tf.random_normal_initializer(0.0, 0.02)", "v1 seeding"),
])
def test_shared_name_with_another_meaning_in_tf2_file_warns(call, words):
    """Read as TF 2 (no TF 1-only name in the file) these calls compute another thing
    than in TF 1 although their arguments bind the same way: never silent (issue 12)."""
    source = f"import tensorflow as tf\nk = {call}\n"
    outcome = check_unchanged(BOTH, source)
    assert codes(outcome, "warning") == ["MIG113"]
    assert words in outcome.findings[0].message and "tf.compat.v1." in outcome.findings[0].message


@pytest.mark.parametrize("source", [
    "import tensorflow as tf\nk = tf.constant_initializer(0.5)\n",  # one positional: same value either way
    "import tensorflow as tf\nk = tf.random_uniform_initializer(minval=-0.1, maxval=0.1)\n",
    "import tensorflow as tf\nk = tf.strings.split(x, sep=',').to_sparse()\ns = tf.compat.v1.strings.split(x, ',')\n",
    "import other as tf\nk = tf.strings.split(x, ',')\n",
    # a fresh-eyes trial: the device name binds to the same parameter in both (TF 2's takes no function)
    "import tensorflow as tf\nwith tf.device('/cpu:0'):\n    x = tf.ones([2])\n",
])
def test_shared_name_with_another_meaning_quiet_cases(source):
    outcome = apply(BOTH, source)
    assert "MIG113" not in codes(outcome, "warning")


def test_shared_name_with_another_meaning_in_tf1_file_keeps_v1():
    check_rewrite(
        BOTH,
        "import tensorflow as tf\nx = tf.placeholder(tf.string)\nk = tf.strings.split(x, ',')\n",
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.string)\nk = tf.compat.v1.strings.split(x, ',')\n",
    )


@pytest.mark.tf
def test_shared_names_with_another_meaning_really_differ_under_tf2():
    """Why MIG113 speaks for these calls: under TF 2.21 the TF 1 function and the TF 2
    namesake, given the same arguments, return different things."""
    import subprocess
    import sys

    code = (
        "import tensorflow as tf\n"
        "x = tf.constant(['a,b', 'c'])\n"
        "print(type(tf.compat.v1.strings.split(x, ',')).__name__, type(tf.strings.split(x, ',')).__name__)\n"
        "img = tf.reshape(tf.range(64, dtype=tf.float32), [1, 8, 8, 1])\n"
        "off = tf.constant([[1.0, 1.0]])\n"
        "a = tf.compat.v1.image.extract_glimpse(img, [2, 2], off, centered=False, normalized=False)\n"
        "b = tf.image.extract_glimpse(img, [2, 2], off, centered=False, normalized=False)\n"
        "print(bool(tf.reduce_all(tf.equal(a, b))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    kinds, same_glimpse = result.stdout.split("\n")[:2]
    assert kinds == "SparseTensor RaggedTensor"
    assert same_glimpse == "False"


# -- a function whose v1 keywords TF 2 renamed, referenced as a value ------------------
# Whoever calls the function object later may pass the v1 keywords (cleverhans 3.0.1's
# compat.reduce_function(op_func, x, reduction_indices=..., keep_dims=...) is handed
# tf.reduce_max): the reference keeps the v1 function, which still accepts them.
VALUE_REFERENCES = [
    pytest.param(
        """\
        import tensorflow as tf
        x = tf.placeholder(tf.float32)
        def reduce_max(x, axis=None):
            return reduce_function(tf.reduce_max, x, reduction_indices=axis)
        """,
        """\
        import tensorflow as tf
        x = tf.compat.v1.placeholder(tf.float32)
        def reduce_max(x, axis=None):
            return reduce_function(tf.compat.v1.reduce_max, x, reduction_indices=axis)
        """,
        id="argument",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        sess = tf.Session()
        op = tf.reduce_sum
        ops = {"max": tf.reduce_max, "min": tf.math.reduce_min}
        pair = [tf.argmax, tf.nn.softmax]
        for f in (tf.reduce_mean, tf.expand_dims):
            pass
        """,
        """\
        import tensorflow as tf
        sess = tf.compat.v1.Session()
        op = tf.compat.v1.reduce_sum
        ops = {"max": tf.compat.v1.reduce_max, "min": tf.compat.v1.math.reduce_min}
        pair = [tf.compat.v1.argmax, tf.compat.v1.nn.softmax]
        for f in (tf.compat.v1.reduce_mean, tf.compat.v1.expand_dims):
            pass
        """,
        id="assigned-dict-list-loop",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from tensorflow import reduce_max
        x = tf.placeholder(tf.float32)
        op = reduce_max
        y = reduce_max(x, axis=1)
        """,
        """\
        import tensorflow as tf
        from tensorflow import reduce_max
        x = tf.compat.v1.placeholder(tf.float32)
        op = tf.compat.v1.reduce_max
        y = reduce_max(x, axis=1)
        """,
        id="from-import-alias",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        a = tf.reduce_max(x, reduction_indices=1)
        b = tf.reduce_max
        """,
        """\
        import tensorflow as tf
        a = tf.reduce_max(x, axis=1)
        b = tf.compat.v1.reduce_max
        """,
        id="call-and-reference",
    ),
]


@pytest.mark.parametrize("before, after", VALUE_REFERENCES)
def test_value_reference_keeps_the_v1_signature(before, after):
    check_rewrite(BOTH, before, after)


@pytest.mark.parametrize(
    "source",
    [
        "import other as tf\nx = tf.placeholder()\nop = tf.reduce_max\n",
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\nname = 'tf.reduce_max'\n",
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\nop = tf.compat.v1.reduce_max\n",
        # no keyword TF 2 dropped
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\nop = tf.nn.relu\nadd = tf.add\n",
        # TF 2 code (nothing reads as TF 1): tf.reduce_max is TF 2's function, called with TF 2's names
        "import tensorflow as tf\nop = tf.reduce_max\n",
    ],
)
def test_value_reference_unchanged(source):
    check_unchanged(BOTH, source)


VALUE_REFERENCE_PROGRAM = """\
import numpy as np
import tensorflow as tf

def reduce_function(op_func, input_tensor, axis=None, keepdims=None):
    return op_func(input_tensor, reduction_indices=axis, keep_dims=keepdims)

x = tf.constant(np.arange(6.0).reshape(2, 3))
table = {"max": tf.reduce_max, "sum": tf.reduce_sum}
with tf.Session() as sess:
    print(sess.run(reduce_function(tf.reduce_max, x, axis=1, keepdims=True)).tolist())
    print(sess.run(reduce_function(table["sum"], x, axis=0)).tolist())
"""


@pytest.mark.tf
def test_value_reference_program_runs_on_tf2():
    import os
    import subprocess
    import sys

    from migrate.runner import migrate_source

    migrated = migrate_source(VALUE_REFERENCE_PROGRAM, Settings()).code
    assert "reduce_function(tf.compat.v1.reduce_max," in migrated
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:] + migrated
    assert result.stdout.splitlines() == ["[[2.0], [5.0]]", "[3.0, 5.0, 7.0]"]


# -- a pre-1.0 function used as a value keeps its name ---------------------------------
# prettytensor 0.7.3 registers methods by the function's __name__ (`Register(tf.complex_abs)`
# next to `Register(tf.abs)`): the successor's name would register `abs` twice.
PRE_1_0_VALUE = """\
import tensorflow as tf
registry = {}
def register(f):
    registry[f.__name__] = f
register(tf.abs)
register(tf.complex_abs)
ops = [tf.pack]
y = tf.pack([a, b])
"""


def test_pre_1_0_value_reference_is_written_out_under_its_old_name():
    migrated = apply(BOTH, PRE_1_0_VALUE).code
    assert "register(tf.abs)\nregister(_tf_complex_abs)\nops = [_tf_pack]\ny = tf.stack([a, b])\n" in migrated
    assert "    return tf.abs(*args, **kwargs)\n" in migrated and "    return tf.stack(*args, **kwargs)\n" in migrated
    assert "_tf_complex_abs.__name__ = _tf_complex_abs.__qualname__ = 'complex_abs'\n" in migrated
    assert migrated.count("def _tf_pack(") == 1
    again = apply(BOTH, migrated)
    assert again.code == migrated


@pytest.mark.parametrize(
    "source",
    [
        "import other as tf\nregister(tf.complex_abs)\n",
        "import tensorflow as tf\nname = 'tf.complex_abs'\nx = tf.compat.v1.placeholder(tf.float32)\n",
        # a pre-1.0 name whose successor has the same name: nothing to keep
        "import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\nf = tf.abs\n",
    ],
)
def test_pre_1_0_value_reference_unchanged(source):
    check_unchanged(BOTH, source)


@pytest.mark.tf
def test_pre_1_0_value_reference_runs_with_its_old_name():
    import os
    import subprocess
    import sys

    from migrate.runner import migrate_source

    program = PRE_1_0_VALUE.replace("y = tf.pack([a, b])\n", "") + (
        "print(sorted(registry))\n"
        "print(float(registry['complex_abs'](tf.constant(-2.0))), ops[0]([1, 2]).shape.as_list())\n"
    )
    migrated = migrate_source(program, Settings()).code
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:] + migrated
    assert done.stdout.splitlines() == ["['abs', 'complex_abs']", "2.0 [2]"]


def test_an_added_argument_is_not_added_twice_when_the_rename_comes_a_pass_later():
    """A fresh-eyes trial: with `from tensorflow.python.platform import tf_logging as logging`
    used in the file, the private import's rewrite holds the rename of `tf.to_float` back one
    pass, so the first pass wrote `tf.to_float(x, dtype=tf.float32)` and the second added
    `dtype=` again: `tf.cast(x, dtype=tf.float32, dtype=tf.float32)`, which ast.parse accepts
    and Python refuses to compile (keyword argument repeated)."""
    from migrate import runner

    text = ("import tensorflow as tf\nfrom tensorflow.python.platform import tf_logging as logging\n\n"
            "y = tf.to_float(tf.constant([1]))\nz = tf.to_int32(y)\nlogging.info(1)\n")
    result = runner.process_file("prog.py", Settings(), data=text.encode())
    code = result.new_data.decode()
    assert "y = tf.cast(tf.constant([1]), dtype=tf.float32)\n" in code and "z = tf.cast(y, dtype=tf.int32)\n" in code, code
    compile(code, "prog.py", "exec")
