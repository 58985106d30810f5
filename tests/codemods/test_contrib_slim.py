import os
import re
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.contrib_slim import (
    CONTRIB_TO_TF, FRAMEWORK_TO_TF, RNN_CELLS, RNN_FUNCTIONS, TF_SLIM_EXPORTS, ContribSlim,
)
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        import tensorflow.contrib.slim as slim
        net = slim.conv2d(images, 32, [3, 3], scope="conv1")
        """,
        """\
        import tensorflow as tf
        import tf_slim as slim
        net = slim.conv2d(images, 32, [3, 3], scope="conv1")
        """,
        id="import-slim-as",
    ),
    pytest.param(
        """\
        from tensorflow.contrib import slim
        with slim.arg_scope([slim.conv2d], padding="SAME"):
            pass
        """,
        """\
        import tf_slim as slim
        with slim.arg_scope([slim.conv2d], padding="SAME"):
            pass
        """,
        id="from-contrib-import-slim",
    ),
    pytest.param(
        """\
        from tensorflow.contrib import rnn, slim
        net = slim.fully_connected(x, 4)
        cell = rnn.GRUCell(4)
        """,
        """\
        import tf_slim as slim
        import tensorflow as tf
        net = slim.fully_connected(x, 4)
        cell = tf.compat.v1.nn.rnn_cell.GRUCell(4)
        """,
        id="from-contrib-import-several",
    ),
    pytest.param(
        """\
        from tensorflow import contrib, float32
        init = contrib.layers.xavier_initializer()
        """,
        """\
        from tensorflow import float32
        import tensorflow as tf
        init = tf.compat.v1.glorot_uniform_initializer()
        """,
        id="from-tensorflow-import-contrib",
    ),
    pytest.param(
        """\
        from tensorflow.contrib.slim import arg_scope, conv2d
        """,
        """\
        from tf_slim import arg_scope, conv2d
        """,
        id="from-slim-import-names",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        slim = tf.contrib.slim
        net = tf.contrib.slim.fully_connected(x, 10)
        """,
        """\
        import tensorflow as tf
        import tf_slim as slim
        import tf_slim
        net = tf_slim.fully_connected(x, 10)
        """,
        id="tf-contrib-slim-attribute",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        w = tf.get_variable("w", [3, 3], initializer=tf.contrib.layers.xavier_initializer())
        v = tf.get_variable("v", [3, 3], initializer=tf.contrib.layers.xavier_initializer(uniform=False, seed=1))
        c = tf.contrib.layers.xavier_initializer_conv2d(False)
        d = tf.contrib.layers.xavier_initializer(dtype=tf.float64)
        e = tf.contrib.layers.xavier_initializer(True, 3, tf.float32)
        """,
        """\
        import tensorflow as tf
        w = tf.get_variable("w", [3, 3], initializer=tf.compat.v1.glorot_uniform_initializer())
        v = tf.get_variable("v", [3, 3], initializer=tf.compat.v1.variance_scaling_initializer(scale=1.3 * 0.87962566103423978**2, mode="fan_avg", distribution="truncated_normal", seed=1))
        c = tf.compat.v1.variance_scaling_initializer(scale=1.3 * 0.87962566103423978**2, mode="fan_avg", distribution="truncated_normal")
        d = tf.compat.v1.glorot_uniform_initializer(dtype=tf.float64)
        e = tf.compat.v1.glorot_uniform_initializer(seed=3, dtype=tf.float32)
        """,
        id="xavier-initializer",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        a = tf.contrib.layers.l2_regularizer(1e-4)
        b = tf.contrib.layers.l2_regularizer(scale=FLAGS.weight_decay)
        c = tf.contrib.layers.l2_regularizer(0.5 * wd)
        d = tf.contrib.layers.l1_regularizer(0.01)
        e = tf.contrib.layers.l2_regularizer(1e-4, scope="reg")
        """,
        """\
        import tensorflow as tf
        import tf_slim
        a = tf.keras.regularizers.L2(0.00005)
        b = tf.keras.regularizers.L2(FLAGS.weight_decay / 2)
        c = tf.keras.regularizers.L2((0.5 * wd) / 2)
        d = tf.keras.regularizers.L1(0.01)
        e = tf_slim.l2_regularizer(1e-4, scope="reg")
        """,
        id="regularizers",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.BasicLSTMCell(64) for _ in range(2)])
        cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=keep_prob)
        outputs, state = tf.contrib.rnn.static_rnn(cell, inputs, dtype=tf.float32)
        """,
        """\
        import tensorflow as tf
        cell = tf.compat.v1.nn.rnn_cell.MultiRNNCell([tf.compat.v1.nn.rnn_cell.BasicLSTMCell(64) for _ in range(2)])
        cell = tf.compat.v1.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
        outputs, state = tf.compat.v1.nn.static_rnn(cell, inputs, dtype=tf.float32)
        """,
        id="contrib-rnn",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from tensorflow.contrib import rnn
        cell = rnn.GRUCell(32)
        """,
        """\
        import tensorflow as tf
        cell = tf.compat.v1.nn.rnn_cell.GRUCell(32)
        """,
        id="from-contrib-import-rnn-removed",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.contrib.layers.fully_connected(x, 10, activation_fn=None)
        h = tf.contrib.layers.dropout(h, keep_prob=0.5, is_training=training)
        g = tf.contrib.framework.get_or_create_global_step()
        with tf.contrib.framework.arg_scope([tf.contrib.layers.conv2d], padding="SAME"):
            pass
        """,
        """\
        import tensorflow as tf
        import tf_slim
        h = tf_slim.fully_connected(x, 10, activation_fn=None)
        h = tf_slim.dropout(h, keep_prob=0.5, is_training=training)
        g = tf.compat.v1.train.get_or_create_global_step()
        with tf_slim.arg_scope([tf_slim.conv2d], padding="SAME"):
            pass
        """,
        id="contrib-layers-framework",
    ),
    pytest.param(
        """\
        import tensorflow as tf1
        init = tf1.contrib.layers.xavier_initializer()
        """,
        """\
        import tensorflow as tf1
        init = tf1.compat.v1.glorot_uniform_initializer()
        """,
        id="alias-tf1",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        import tensorflow.contrib.slim as slim  # the model zoo
        """,
        """\
        import tensorflow.compat.v1 as tf
        import tf_slim as slim  # the model zoo
        """,
        id="compat-v1-file-comment-kept",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nx = tf.contrib.layers.xavier_initializer()\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ntf = load()\nx = tf.contrib.rnn.LSTMCell(3)\n", id="local-variable-tf"),
    pytest.param(
        'import tensorflow as tf\nx = "tf.contrib.slim"  # import tensorflow.contrib.slim as slim\n',
        id="string-and-comment",
    ),
    pytest.param("import tf_slim as slim\nnet = slim.conv2d(x, 3, [3, 3])\n", id="already-migrated"),
    pytest.param("import os\ncontrib = os.getcwd()\n", id="no-tensorflow"),
    pytest.param("import tensorflow as tf\nx = tf.keras.initializers.GlorotUniform()\n", id="tf2-code"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(ContribSlim, before, after)
    assert set(codes(outcome)) == {"MIG105"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(ContribSlim, source)
    assert not outcome.findings


def test_requires_tf_slim():
    assert apply(ContribSlim, "import tensorflow.contrib.slim as slim\n").required == {"tf-slim"}
    assert apply(ContribSlim, "import tensorflow as tf\nc = tf.contrib.rnn.LSTMCell(3)\n").required == set()


def test_needed_false_on_migrated_file():
    source = "import tensorflow as tf\nimport tf_slim as slim\nnet = slim.conv2d(x, 3, [3, 3])\n"
    assert not ContribSlim.needed(prescan(source), Settings())


@pytest.mark.parametrize(
    "source, line, words",
    [
        ("import tensorflow as tf\nhp = tf.contrib.training.HParams(lr=0.1)\n", 2, "dataclass"),
        ("import tensorflow as tf\n\nd = tf.contrib.seq2seq.BasicDecoder(cell, helper, state)\n", 3, "Keras layers"),
        ("import tensorflow as tf\nc = tf.contrib.rnn.LayerNormBasicLSTMCell(8)\n", 2, "AbstractRNNCell"),
        ("import tensorflow as tf\ne = tf.contrib.layers.embed_sequence(ids, 10, 4)\n", 2, "tf.keras.layers"),
        ("import tensorflow as tf\nm = tf.contrib.metrics.streaming_accuracy(p, l)\n", 2, "tf.compat.v1.metrics"),
        ("from tensorflow.contrib.slim.nets import resnet_v1\n", 1, "research/slim/nets"),
        ("import tensorflow as tf\nu = tf.contrib.crf.crf_log_likelihood(s, t, l)\n", 2, "Viterbi"),
    ],
    ids=["hparams", "seq2seq", "rnn-cell-without-home", "layers-not-in-slim", "metrics", "slim-nets", "crf"],
)
def test_warns_unmapped_contrib(source, line, words):
    outcome = apply(ContribSlim, source)
    warnings = [f for f in outcome.findings if f.kind == "warning"]
    assert [(f.code, f.line) for f in warnings] == [("MIG151", line)]
    assert words in warnings[0].message
    assert "Addons" not in warnings[0].message and "tensorflow_addons" not in warnings[0].message


def test_unmapped_import_kept_and_warned():
    source = "from tensorflow.contrib import seq2seq\nd = seq2seq.BasicDecoder(c, h, s)\n"
    outcome = check_unchanged(ContribSlim, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG151", 1), ("MIG151", 2)]


def test_partially_mapped_import_keeps_unmapped_names():
    source = textwrap.dedent(
        """\
        from tensorflow.contrib.layers import xavier_initializer, embed_sequence
        w = xavier_initializer()
        e = embed_sequence(ids, 10, 4)
        """
    )
    outcome = apply(ContribSlim, source)
    assert outcome.code.splitlines()[0] == "from tensorflow.contrib.layers import embed_sequence"
    assert "import tensorflow as tf" in outcome.code
    assert "w = tf.compat.v1.glorot_uniform_initializer()" in outcome.code
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG151", 1), ("MIG151", 3)]


def test_batch_norm_kept_is_warned():
    # written into the module otherwise (tests/codemods/test_slim_batch_norm.py); renorm keeps tf_slim's
    outcome = apply(ContribSlim, "import tensorflow.contrib.slim as slim\nnet = slim.batch_norm(net, renorm=True)\n")
    assert [f.code for f in outcome.findings if f.kind == "warning"] == ["MIG153"]
    assert "tf.compat.v1.layers.batch_normalization" in outcome.findings[-1].message


BATCH_NORM_FAILS = textwrap.dedent(
    """
    import tensorflow as tf
    tf.compat.v1.disable_eager_execution()
    import tf_slim as slim
    x = tf.compat.v1.placeholder(tf.float32, [None, 4, 4, 3])
    for kwargs in ({}, {"updates_collections": None}, {"fused": False}):
        try:
            slim.batch_norm(x, **kwargs)
            print("runs", kwargs)
        except Exception as exc:
            print("fails", kwargs, type(exc).__name__)
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_tf_slim_batch_norm_really_fails_on_this_tensorflow():
    """Why MIG153 warns instead of trusting tf_slim.batch_norm (measured, tf-slim 1.1)."""
    out = _run(BATCH_NORM_FAILS)
    assert "runs" not in out and out.count("fails") == 3, out


def test_xavier_with_expression_uniform_goes_to_tf_slim():
    check_rewrite(
        ContribSlim,
        "import tensorflow as tf\ni = tf.contrib.layers.xavier_initializer(uniform=u)\n",
        "import tensorflow as tf\nimport tf_slim\ni = tf_slim.xavier_initializer(uniform=u)\n",
    )


# -- the names this codemod emits exist, and the idiomatic rewrites compute the same -------
EMITTED_NAMES = textwrap.dedent(
    """
    import os
    os.environ["TF_USE_LEGACY_KERAS"] = "1"  # v1 RNN cells exist only with Keras 2
    import tensorflow as tf
    import tf_slim
    names = %r
    missing = []
    for package, path in names:
        obj = tf if package == "tf" else tf_slim
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                missing.append(package + ":" + path)
                break
    print("MISSING", missing)
    """
)


def _emitted_names():
    names = [("tf_slim", n) for n in sorted(TF_SLIM_EXPORTS)]
    names += [("tf", f"compat.v1.nn.rnn_cell.{n}") for n in sorted(RNN_CELLS)]
    names += [("tf", f"compat.v1.nn.{n}") for n in sorted(RNN_FUNCTIONS)]
    names += [("tf", path) for path in FRAMEWORK_TO_TF.values()]
    names += [("tf", path) for path in CONTRIB_TO_TF.values()]
    names += [("tf", p) for p in (
        "compat.v1.glorot_uniform_initializer", "compat.v1.variance_scaling_initializer",
        "keras.regularizers.L2", "keras.regularizers.L1",
    )]
    return names


def _run(code: str) -> str:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.tf
@pytest.mark.slow
def test_every_emitted_name_resolves():
    out = _run(EMITTED_NAMES % (_emitted_names(),))
    assert "MISSING []" in out, out


SAME_VALUES = textwrap.dedent(
    """
    import numpy as np
    import tensorflow as tf
    import tf_slim  # the maintained copy of tf.contrib.layers: the TF1 reference
    w = tf.constant(np.random.RandomState(0).normal(size=(64, 32)).astype(np.float32))
    for scale in (1e-4, 0.3):
        print("l2", float(tf_slim.l2_regularizer(scale)(w)), float(tf.keras.regularizers.L2(scale / 2)(w)))
        print("l1", float(tf_slim.l1_regularizer(scale)(w)), float(tf.keras.regularizers.L1(scale)(w)))
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_idiomatic_rewrites_compute_the_same():
    out = _run(SAME_VALUES)
    lines = [line.split() for line in out.splitlines()]
    for kind, old, new in [l for l in lines if l[0] in ("l1", "l2")]:
        assert float(new) == pytest.approx(float(old), rel=1e-6), (kind, old, new)


XAVIER_PROGRAM = textwrap.dedent(
    """
    import numpy as np
    import tensorflow as tf
    tf.set_random_seed(42)
    a = tf.get_variable("a", [5, 7], initializer=tf.contrib.layers.xavier_initializer())
    b = tf.get_variable("b", [3, 3, 4, 8], initializer=tf.contrib.layers.xavier_initializer_conv2d(uniform=False))
    c = tf.get_variable("c", [6, 2], initializer=tf.contrib.layers.xavier_initializer(seed=3))
    d = tf.get_variable("d", [4, 4], initializer=tf.contrib.layers.xavier_initializer(False, 5))
    e = tf.Variable(tf.random_uniform([3]))  # an unseeded op after them: its count moves with theirs
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, value in zip("abcde", sess.run([a, b, c, d, e])):
            print(name, " ".join(repr(float(x)) for x in np.ravel(value)))
    """
)


@pytest.mark.tf
def test_xavier_draws_the_values_contrib_drew(tmp_path):
    """The compat spelling of xavier_initializer draws what TF 1.x's contrib drew: the migrated
    program prints the same values run after run (Keras 3's GlorotUniform, the spelling before,
    ignored the graph seed), equal to the program with tf_slim's copy of contrib's initializer
    (TF 1.x's code) in its place."""
    from migrate.codemods import load_all

    migrated = apply(load_all(), XAVIER_PROGRAM).code
    assert "tf.compat.v1.glorot_uniform_initializer()" in migrated and "keras.initializers" not in migrated
    reference = re.sub(r"tf\.contrib\.layers\.xavier_initializer(?:_conv2d)?\(", "tf_slim.xavier_initializer(",
                       XAVIER_PROGRAM.replace("import tensorflow as tf\n", "import tensorflow as tf\nimport tf_slim\n"))
    reference = apply(load_all(), reference).code  # the same TF 1 -> TF 2 names, tf_slim's initializer kept
    assert "tf_slim.xavier_initializer(" in reference and "glorot" not in reference
    runs = [_run(migrated), _run(migrated), _run(reference)]
    assert runs[0] == runs[1] == runs[2]
    assert [line[0] for line in runs[0].splitlines()] == list("abcde")


# -- contrib names TF 2 kept under another name (issue 12) and tf.contrib.data (issue 10) --

def test_contrib_names_with_a_tf2_home_are_rewritten():
    check_rewrite(
        ContribSlim,
        """\
        import tensorflow as tf
        from tensorflow.contrib.data import map_and_batch
        ds = ds.apply(tf.contrib.data.map_and_batch(f, 32))
        ds = ds.apply(map_and_batch(f, 32, drop_remainder=True))
        ds = ds.apply(tf.contrib.data.shuffle_and_repeat(100))
        ds = ds.apply(tf.contrib.data.prefetch_to_device("/gpu:0"))
        t = tf.contrib.framework.is_tensor(x)
        s = tf.contrib.framework.argsort(x, direction="DESCENDING")
        c = tf.contrib.framework.CriticalSection()
        v = tf.contrib.framework.load_variable(d, "w")
        fl = tf.contrib.framework.nest.flatten(x)
        k = tf.contrib.util.constant_value(x)
        """,
        """\
        import tensorflow as tf
        ds = ds.apply(tf.data.experimental.map_and_batch(f, 32))
        ds = ds.apply(tf.data.experimental.map_and_batch(f, 32, drop_remainder=True))
        ds = ds.apply(tf.data.experimental.shuffle_and_repeat(100))
        ds = ds.apply(tf.data.experimental.prefetch_to_device("/gpu:0"))
        t = tf.is_tensor(x)
        s = tf.argsort(x, direction="DESCENDING")
        c = tf.CriticalSection()
        v = tf.train.load_variable(d, "w")
        fl = tf.nest.flatten(x)
        k = tf.get_static_value(x)
        """,
    )


def test_contrib_table_has_no_name_without_a_tf2_meaning():
    assert not [k for k in CONTRIB_TO_TF if k.startswith(("summary.", "batching."))]
    assert CONTRIB_TO_TF["data.map_and_batch"] == "data.experimental.map_and_batch"


CONTRIB_PROGRAM = textwrap.dedent(
    """
    import numpy as np
    import tensorflow as tf
    ds = tf.data.Dataset.from_tensor_slices(np.arange(10, dtype="int64"))
    ds = ds.apply(tf.contrib.data.map_and_batch(lambda v: v * 3, 4))
    print("batches", [b.numpy().tolist() for b in ds])
    x = tf.constant([3.0, 1.0, 2.0])
    print("argsort", tf.contrib.framework.argsort(x).numpy().tolist())
    print("is_tensor", tf.contrib.framework.is_tensor(x), tf.contrib.framework.is_tensor(3))
    print("static", tf.contrib.util.constant_value(tf.constant(7)).tolist())
    """
)


@pytest.mark.tf
def test_migrated_contrib_program_runs_with_the_tf1_values():
    from migrate.runner import migrate_source

    migrated = migrate_source(CONTRIB_PROGRAM, Settings()).code
    assert "contrib" not in migrated, migrated
    out = _run(migrated.replace("tf.compat.v1.disable_eager_execution()\n", ""))
    assert "batches [[0, 3, 6, 9], [12, 15, 18, 21], [24, 27]]" in out, out
    assert "argsort [1, 2, 0]" in out
    assert "is_tensor True False" in out
    assert "static 7" in out


def test_implementation_paths_of_public_contrib_names():
    """Real TF 1 packages (tflearn) import contrib names from their implementation
    modules; those have the same TF 2 / tf_slim homes as the public names."""
    outcome = check_rewrite(
        ContribSlim,
        """\
        import tensorflow as tf
        from tensorflow.contrib.framework.python.ops import add_arg_scope as contrib_add_arg_scope
        from tensorflow.contrib.framework.python.framework import is_tensor
        @contrib_add_arg_scope
        def f(x):
            return is_tensor(x)
        """,
        """\
        import tensorflow as tf
        import tf_slim
        @tf_slim.add_arg_scope
        def f(x):
            return tf.is_tensor(x)
        """,
    )
    assert codes(outcome, "warning") == []


# -- tf.contrib.summary -> tf.summary (issue 12) -----------------------------------------

@pytest.mark.parametrize("before, after", [
    ("import tensorflow as tf\nw = tf.contrib.summary.create_file_writer(d, flush_millis=100)\n",
     "import tensorflow as tf\nw = tf.summary.create_file_writer(d, flush_millis=100)\n"),
    ("import tensorflow as tf\nwith tf.contrib.summary.always_record_summaries():\n    tf.contrib.summary.scalar('l', v, step=s)\n",
     "import tensorflow as tf\nwith tf.summary.record_if(True):\n    tf.summary.scalar('l', v, step=s)\n"),
    ("import tensorflow as tf\nwith tf.contrib.summary.never_record_summaries():\n    pass\n",
     "import tensorflow as tf\nwith tf.summary.record_if(False):\n    pass\n"),
    ("import tensorflow as tf\nwith tf.contrib.summary.record_summaries_every_n_global_steps(10, gs):\n    pass\n",
     "import tensorflow as tf\nwith tf.summary.record_if(lambda: tf.math.equal(gs % 10, 0)):\n    pass\n"),
    ("import tensorflow as tf\ntf.contrib.summary.histogram('w', w, None, step)\n",
     "import tensorflow as tf\ntf.summary.histogram('w', w, step=step)\n"),
    ("import tensorflow as tf\ntf.contrib.summary.audio('a', x, 16000, 2, step=n)\n",
     "import tensorflow as tf\ntf.summary.audio('a', x, 16000, step=n, max_outputs=2)\n"),
    ("import tensorflow as tf\ntf.contrib.summary.scalar(tensor=v, name='l', step=s)\n",
     "import tensorflow as tf\ntf.summary.scalar('l', v, step=s)\n"),
    ("import tensorflow as tf\ntf.contrib.summary.flush(writer=w)\n", "import tensorflow as tf\ntf.summary.flush(writer=w)\n"),
    ("from tensorflow.contrib import summary as cs\ncs.scalar('l', v, step=3)\n",
     "import tensorflow as tf\ntf.summary.scalar('l', v, step=3)\n"),
], ids=["writer", "always", "never", "every-n", "histogram", "audio", "keywords", "flush", "module-alias"])
def test_contrib_summary_rewrites(before, after):
    outcome = check_rewrite(ContribSlim, before, after)
    assert codes(outcome, "warning") == []


@pytest.mark.parametrize("source, words", [
    ("import tensorflow as tf\ntf.contrib.summary.scalar('l', v)\n", "without step"),
    ("import tensorflow as tf\ntf.contrib.summary.scalar('l', v, family='f', step=s)\n", "no family"),
    ("import tensorflow as tf\ntf.contrib.summary.image('i', x, step=s)\n", "[0, 1]"),
    ("import tensorflow as tf\nops = tf.contrib.summary.all_summary_ops()\n", "graph-mode plumbing"),
    ("import tensorflow as tf\nwith tf.contrib.summary.record_summaries_every_n_global_steps(f(), gs):\n    pass\n",
     "read before"),
    ("import tensorflow as tf\ntf.contrib.summary.scalar(*args)\n", "by name"),
])
def test_contrib_summary_reported(source, words):
    outcome = apply(ContribSlim, source)
    assert outcome.code == source
    messages = [f.message for f in outcome.findings if f.kind == "warning"]
    assert len(messages) == 1 and words in messages[0], messages


@pytest.mark.parametrize("source", [
    "import tensorflow as tf\ntf.summary.scalar('l', v, step=s)\n",  # already TF 2
    "import other as tf\ntf.contrib.summary.scalar('l', v)\n",
    "import tensorflow as tf\nname = 'tf.contrib.summary.scalar'\n",
])
def test_contrib_summary_unchanged(source):
    outcome = apply(ContribSlim, source)
    assert outcome.code == source and not outcome.findings


SUMMARY_RUN = r'''
import glob, tempfile
import tensorflow as tf
from tensorflow.core.util import event_pb2
logdir = tempfile.mkdtemp()
%s
steps = []
for path in glob.glob(logdir + "/events*"):
    for record in tf.data.TFRecordDataset(path):
        event = event_pb2.Event.FromString(record.numpy())
        for value in event.summary.value:
            steps.append((value.tag, event.step, float(tf.make_ndarray(value.tensor))))
print(sorted(steps))
'''

SUMMARY_PROGRAM = """\
import tensorflow as tf
gs = tf.Variable(0, dtype=tf.int64)
writer = tf.contrib.summary.create_file_writer(logdir)
with writer.as_default():
    with tf.contrib.summary.record_summaries_every_n_global_steps(2, gs):
        for i in range(5):
            tf.contrib.summary.scalar("loss", 1.0 / (i + 1), step=gs)
            gs.assign_add(1)
    with tf.contrib.summary.never_record_summaries():
        tf.contrib.summary.scalar("hidden", 1.0, step=gs)
    with tf.contrib.summary.always_record_summaries():
        tf.contrib.summary.scalar("last", 7.0, step=gs)
tf.contrib.summary.flush()
"""


@pytest.mark.tf
def test_migrated_contrib_summary_program_records_what_contrib_recorded():
    """Contrib recorded when global_step % n == 0 (summary_ops_v2 of TF 1.15), never under
    never_record_summaries, always under always_record_summaries: the migrated program,
    run under TF 2.21, writes exactly those events."""
    outcome = apply(ContribSlim, SUMMARY_PROGRAM)
    assert "contrib" not in outcome.code and not codes(outcome, "warning")
    body = "\n".join(line for line in outcome.code.splitlines() if line != "import tensorflow as tf")
    out = _run(SUMMARY_RUN % body)
    assert out.strip() == str([("last", 5, 7.0), ("loss", 0, 1.0), ("loss", 2, 1.0 / 3), ("loss", 4, 0.2)]).replace(
        "0.3333333333333333", str(float(__import__("numpy").float32(1 / 3)))).replace("0.2)", f"{float(__import__('numpy').float32(0.2))})")


# -- tf.contrib.tensorboard.plugins.projector -> the tensorboard package's projector --------
# (found on rivalgan 0.4, whose pipeline imports it at module level: the import failed on TF 2)

@pytest.mark.parametrize("before, after", [
    pytest.param(
        """\
        import tensorflow as tf
        from tensorflow.contrib.tensorboard.plugins import projector
        config = projector.ProjectorConfig()
        projector.visualize_embeddings(writer, config)
        """,
        """\
        import tensorflow as tf
        import tensorboard.plugins.projector
        config = tensorboard.plugins.projector.ProjectorConfig()
        tensorboard.plugins.projector.visualize_embeddings(writer, config)
        """,
        id="from-import-module",
    ),
    pytest.param(
        """\
        import tensorflow.contrib.tensorboard.plugins.projector as proj
        from tensorflow.contrib.tensorboard.plugins.projector import ProjectorConfig
        a, b = proj.ProjectorConfig(), ProjectorConfig()
        """,
        """\
        import tensorboard.plugins.projector
        a, b = tensorboard.plugins.projector.ProjectorConfig(), tensorboard.plugins.projector.ProjectorConfig()
        """,
        id="import-as-and-from-import-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def f(w, c):
            tf.contrib.tensorboard.plugins.projector.visualize_embeddings(w, c)
        """,
        """\
        import tensorflow as tf
        import tensorboard.plugins.projector
        def f(w, c):
            tensorboard.plugins.projector.visualize_embeddings(w, c)
        """,
        id="dotted-use",
    ),
])
def test_projector_rewrites(before, after):
    outcome = check_rewrite(ContribSlim, before, after)
    assert set(codes(outcome)) == {"MIG105"}
    assert outcome.required == {"tensorboard"}


@pytest.mark.parametrize("source", [
    "import other as tf\nc = tf.contrib.tensorboard.plugins.projector.ProjectorConfig()\n",
    'import tensorflow as tf\nx = "tf.contrib.tensorboard.plugins.projector"\n',
    "from tensorboard.plugins import projector\nc = projector.ProjectorConfig()\n",
])
def test_projector_unchanged(source):
    assert not check_unchanged(ContribSlim, source).findings


def test_contrib_tensorboard_without_a_home_still_warned():
    outcome = apply(ContribSlim, "import tensorflow as tf\nx = tf.contrib.tensorboard.plugins.trace.TraceInfo\n")
    assert codes(outcome) == ["MIG151"]


PROJECTOR_RUN = textwrap.dedent(
    """
    import os, sys
    import tensorflow as tf
    tf.compat.v1.disable_eager_execution()
    %s
    logdir = sys.argv[1]
    writer = tf.compat.v1.summary.FileWriter(logdir)
    config = projector.ProjectorConfig()
    embedding = config.embeddings.add()
    embedding.tensor_name = "embedding:0"
    embedding.metadata_path = "labels.tsv"
    projector.visualize_embeddings(writer, config)
    print(open(os.path.join(logdir, "projector_config.pbtxt")).read())
    """
)


@pytest.mark.tf
def test_migrated_projector_code_writes_the_tf1_config(tmp_path):
    """The migrated TF 1 usage (a FileWriter given to visualize_embeddings) writes the
    projector_config.pbtxt TF 1 wrote: same embeddings, in the writer's folder."""
    migrated = apply(ContribSlim, PROJECTOR_RUN % "from tensorflow.contrib.tensorboard.plugins import projector").code
    assert "tensorboard.plugins.projector.visualize_embeddings(writer, config)" in migrated
    script = tmp_path / "projector_program.py"
    script.write_text(migrated)
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "logs")], capture_output=True, text=True,
                            env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2"), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'tensor_name: "embedding:0"' in result.stdout and 'metadata_path: "labels.tsv"' in result.stdout


# -- tf.contrib.seq2seq.sequence_loss written into the module ----------------------------
SEQUENCE_LOSS_PROGRAM = textwrap.dedent(
    """\
    import tensorflow as tf
    {bind}
    outputs = tf.reshape(fc, [1, 6, 5])
    weights = tf.ones([1, 6])
    sequence_loss = {call}(
        logits=outputs, targets=Y, weights=weights)
    """
)


@pytest.mark.parametrize("bind, call, name", [
    ("", "tf.contrib.seq2seq.sequence_loss", "contrib_sequence_loss"),  # hunkim's lab-12-1
    ("from tensorflow.contrib import seq2seq", "seq2seq.sequence_loss", "contrib_sequence_loss"),
    ("contrib_sequence_loss = 1", "tf.contrib.seq2seq.sequence_loss", "contrib_sequence_loss_1"),  # a name taken
])
def test_sequence_loss_is_written_into_the_module(bind, call, name):
    """tf.contrib.seq2seq has no TF 2 home: TF 1.x's sequence_loss is written into the module (the same
    ops, SEQUENCE_LOSS_HELPER) and called, its import gone, no warning."""
    outcome = apply(ContribSlim, SEQUENCE_LOSS_PROGRAM.format(bind=bind, call=call))
    assert not [f for f in outcome.findings if f.kind == "warning"], outcome.findings
    assert f"\ndef {name}(logits, targets, weights, average_across_timesteps=True" in outcome.code, outcome.code
    assert f"sequence_loss = {name}(\n    logits=outputs" in outcome.code, outcome.code
    assert "seq2seq.sequence_loss(" not in outcome.code and "import seq2seq" not in outcome.code, outcome.code
    assert "tf.math.divide_no_nan(tf.reduce_sum(crossent), tf.reduce_sum(weights))" in outcome.code


SEQUENCE_LOSS_VALUES = textwrap.dedent(
    """
    import numpy as np
    import tensorflow as tf
    from migrate.codemods.contrib_slim import SEQUENCE_LOSS_HELPER
    exec(SEQUENCE_LOSS_HELPER.replace("tensorflow.", "tf."))
    tf.compat.v1.disable_eager_execution()
    rng = np.random.RandomState(0)
    logits = rng.randn(3, 4, 5).astype(np.float32)
    targets = rng.randint(0, 5, (3, 4)).astype(np.int32)
    weights = np.array([[1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 0, 0]], np.float32)
    # TF 1.15's definition: -log softmax at the target, times the weight, then its reductions
    shifted = logits - logits.max(-1, keepdims=True)
    crossent = (np.log(np.exp(shifted).sum(-1)) - np.take_along_axis(shifted, targets[..., None], -1)[..., 0]) * weights
    div = lambda a, b: np.where(b == 0, 0.0, a / np.where(b == 0, 1, b))
    expected = {
        (True, True, False, False): div(crossent.sum(), weights.sum()),
        (True, False, False, False): div(crossent.sum(1), weights.sum(1)),
        (False, True, False, False): div(crossent.sum(0), weights.sum(0)),
        (False, False, True, True): div(crossent.sum(), (weights != 0).sum()),
        (False, False, True, False): div(crossent.sum(1), (weights != 0).sum(1)),
        (False, False, False, True): div(crossent.sum(0), (weights != 0).sum(0)),
        (False, False, False, False): crossent,
    }
    with tf.compat.v1.Session() as sess:
        for (at, ab, st, sb), want in expected.items():
            got = sess.run(contrib_sequence_loss(tf.constant(logits), tf.constant(targets), tf.constant(weights), at, ab,
                                                 st, sb))
            assert np.allclose(got, want, atol=1e-6), (at, ab, st, sb, got, want)
    print("agree", len(expected))
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_written_sequence_loss_computes_tf1s_reductions():
    """Each of TF 1.15's reductions (average / sum over time steps and batch, div_no_nan) in a v1 graph."""
    out = _run(SEQUENCE_LOSS_VALUES)
    assert "agree 7" in out, out
