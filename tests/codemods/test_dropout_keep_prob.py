import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemods.dropout_keep_prob import DropoutKeepProb
from migrate.testing import check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, keep_prob)
        """,
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, rate=1 - keep_prob)
        """,
        id="positional-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, keep_prob=0.8)
        """,
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, rate=0.2)
        """,
        id="constant-folded",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        a = tf.nn.dropout(h, 1.0)
        b = tf.nn.dropout(h, 1)
        c = tf.nn.dropout(h, 0.9999999)
        d = tf.nn.dropout(h, 8e-1)
        """,
        """\
        import tensorflow as tf
        a = tf.nn.dropout(h, rate=0.0)
        b = tf.nn.dropout(h, rate=0)
        c = tf.nn.dropout(h, rate=0.0000001)
        d = tf.nn.dropout(h, rate=0.2)
        """,
        id="constants-exact-decimal",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        a = tf.nn.dropout(h, 1 - (1.0 - p))
        b = tf.nn.dropout(h, keep_prob=1 - drop_rate)
        c = tf.nn.dropout(h, (1.0 - FLAGS.dropout))
        """,
        """\
        import tensorflow as tf
        a = tf.nn.dropout(h, rate=1.0 - p)
        b = tf.nn.dropout(h, rate=drop_rate)
        c = tf.nn.dropout(h, rate=FLAGS.dropout)
        """,
        id="one-minus-folded",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, kp, [batch, 1], 7, "drop")
        """,
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, rate=1 - kp, noise_shape=[batch, 1], seed=7, name="drop")
        """,
        id="later-positionals-become-keywords",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, self.keep_prob * scale, noise_shape=shape)
        """,
        """\
        import tensorflow as tf
        h = tf.nn.dropout(h, rate=1 - (self.keep_prob * scale), noise_shape=shape)
        """,
        id="expression-parenthesised",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        h = tf.nn.dropout(
            h,  # hidden layer
            keep_prob,  # fed 1.0 at eval
        )
        """,
        """\
        import tensorflow as tf
        h = tf.nn.dropout(
            h,  # hidden layer
            rate=1 - keep_prob,  # fed 1.0 at eval
        )
        """,
        id="comments-kept",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        h = tf.nn.dropout(h, keep_prob=kp)
        """,
        """\
        import tensorflow.compat.v1 as tf
        h = tf.nn.dropout(h, rate=1 - kp)
        """,
        id="compat-v1-alias",
    ),
    pytest.param(
        """\
        import tensorflow
        h = tensorflow.compat.v1.nn.dropout(h, 0.5)
        """,
        """\
        import tensorflow
        h = tensorflow.compat.v1.nn.dropout(h, rate=0.5)
        """,
        id="bare-import-compat-path",
    ),
    pytest.param(
        """\
        from tensorflow import nn
        h = nn.dropout(x=h, keep_prob=0.75)
        """,
        """\
        from tensorflow import nn
        h = nn.dropout(x=h, rate=0.25)
        """,
        id="from-import",
    ),
    pytest.param(
        # issue 4 item 2: a helper that forwards its own keep_prob keeps its signature.
        """\
        import tensorflow as tf

        def dropout_layer(x, keep_prob=0.9, training=True):
            if not training:
                return x
            return tf.nn.dropout(x, keep_prob)
        """,
        """\
        import tensorflow as tf

        def dropout_layer(x, keep_prob=0.9, training=True):
            if not training:
                return x
            return tf.nn.dropout(x, rate=1 - keep_prob)
        """,
        id="helper-forwarding-keep-prob",
    ),
    pytest.param(
        """\
        import tensorflow as tf

        class KeepDropout(tf.keras.layers.Layer):
            def __init__(self, keep_prob, **kwargs):
                super().__init__(**kwargs)
                self.keep_prob = keep_prob

            def call(self, x, training=None):
                return tf.nn.dropout(x, self.keep_prob) if training else x
        """,
        """\
        import tensorflow as tf

        class KeepDropout(tf.keras.layers.Layer):
            def __init__(self, keep_prob, **kwargs):
                super().__init__(**kwargs)
                self.keep_prob = keep_prob

            def call(self, x, training=None):
                return tf.nn.dropout(x, rate=1 - self.keep_prob) if training else x
        """,
        id="keras-layer-wrapper",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nh = tf.nn.dropout(h, 0.5)\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ntf = make_thing()\nh = tf.nn.dropout(h, 0.5)\n", id="local-variable-tf"),
    pytest.param(
        'import tensorflow as tf\ns = "tf.nn.dropout(h, 0.5)"  # tf.nn.dropout(h, keep_prob)\n',
        id="string-and-comment",
    ),
    pytest.param("import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.5)\n", id="already-rate"),
    pytest.param("import tensorflow as tf\nh = tf.nn.dropout(h, rate=r, **kw)\n", id="rate-with-kwargs"),
    pytest.param("import os\nprint(os.sep)\n", id="no-tensorflow"),
    pytest.param("import tensorflow as tf\nh = tf.keras.layers.Dropout(0.5)(h)\n", id="keras-dropout-rate"),
    pytest.param(
        "import tf_slim as slim\nnet = slim.dropout(net, keep_prob=0.8, is_training=t)\n",
        id="tf-slim-dropout-takes-keep-prob",
    ),
    pytest.param(
        "import tensorflow as tf\ncell = tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob=0.9, output_keep_prob=kp)\n",
        id="dropout-wrapper-takes-keep-prob",
    ),
    pytest.param(
        "import tensorflow as tf1\nh = tf1.layers.dropout(h, rate=0.1)\n", id="v1-layers-dropout-rate"
    ),
    pytest.param("import tensorflow as tf\nh = dropout(h, 0.5)\n", id="unrelated-dropout"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(DropoutKeepProb, before, after)
    assert codes(outcome, "change") and set(codes(outcome, "change")) == {"MIG103"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(DropoutKeepProb, source)
    assert not outcome.findings


def test_alias_tf1():
    check_rewrite(
        DropoutKeepProb,
        "import tensorflow as tf1\nh = tf1.nn.dropout(h, 0.6)\n",
        "import tensorflow as tf1\nh = tf1.nn.dropout(h, rate=0.4)\n",
    )


def test_needed_is_false_on_migrated_code():
    from migrate.prescan import prescan
    from migrate.codemod import Settings

    migrated = "import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.2)\nk = tf.keras.layers.Dropout(0.3)\n"
    assert not DropoutKeepProb.needed(prescan(migrated), Settings())
    assert DropoutKeepProb.needed(prescan("import tensorflow as tf\nh = tf.nn.dropout(h, 0.5)\n"), Settings())
    assert DropoutKeepProb.needed(prescan("import tensorflow as tf\nf = tf.nn.dropout\n"), Settings())


@pytest.mark.parametrize(
    "source, line",
    [
        ("import tensorflow as tf\nh = tf.nn.dropout(h, *args)\n", 2),
        ("import tensorflow as tf\n\nh = tf.nn.dropout(h, **options)\n", 3),
        ("import tensorflow as tf\nfrom functools import partial\ndrop = partial(tf.nn.dropout, keep_prob=0.5)\n", 3),
        ("import tensorflow as tf\nlayers = [tf.nn.dropout]\n", 2),
    ],
    ids=["star-args", "star-kwargs", "partial", "as-value"],
)
def test_warns_when_keep_prob_cannot_be_found(source, line):
    outcome = check_unchanged(DropoutKeepProb, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG131", line)]
    assert "rate=1 - keep_prob" in outcome.findings[0].message


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nh = tf.keras.layers.Dropout(keep_prob)(h)\n",
        "import keras\nh = keras.layers.Dropout(rate=self.keep_prob)(h)\n",
        "import tensorflow as tf\nh = tf.layers.dropout(h, keep_prob, training=True)\n",
    ],
    ids=["tf-keras", "keras-rate-keyword", "v1-layers-function"],
)
def test_warns_keras_dropout_given_keep_prob(source):
    outcome = check_unchanged(DropoutKeepProb, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG132", 2)]
    assert "rate=1 - keep_prob" in outcome.findings[0].message


PROOF = textwrap.dedent(
    """
    import numpy as np
    import tensorflow as tf
    tf.compat.v1.disable_eager_execution()
    v1 = tf.compat.v1
    x = np.arange(1.0, 2001.0, dtype=np.float32).reshape(1, -1)

    def program(dropout):
        # the same graph twice: TF1's call (v1 API, keep_prob) and the migrated one (rate=)
        g = tf.Graph()
        with g.as_default():
            v1.set_random_seed(5)
            keep_prob = v1.placeholder(tf.float32)
            h = dropout(tf.constant(x), keep_prob)
            with v1.Session(graph=g) as sess:
                return [sess.run(h, {keep_prob: p}) for p in (1.0, 0.75, 0.75)]

    old = program(lambda h, kp: v1.nn.dropout(h, keep_prob=kp))
    new = program(lambda h, kp: tf.nn.dropout(h, rate=1 - kp))
    # fed 1.0 at evaluation: no unit dropped, values unchanged, in both
    print("eval_identity", np.array_equal(old[0], x), np.array_equal(new[0], x))
    # fed 0.75: same kept fraction and the same 1/0.75 scaling of kept units
    for name, out in (("old", old[1]), ("new", new[1])):
        kept = out != 0
        print(name, "kept_fraction=%.2f" % kept.mean(), "scale_ok", np.allclose(out[kept], x[kept] / 0.75))
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_keep_prob_placeholder_fed_one_is_identity_in_tf2(tmp_path):
    """The migrated `rate=1 - keep_prob` keeps TF1's meaning, incl. `{keep_prob: 1.0}` at eval."""
    script = tmp_path / "proof.py"
    script.write_text(PROOF)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert "eval_identity True True" in lines
    old = next(l for l in lines if l.startswith("old "))
    new = next(l for l in lines if l.startswith("new "))
    assert "scale_ok True" in old and "scale_ok True" in new
    for line in (old, new):
        fraction = float(line.split("kept_fraction=")[1].split()[0])
        assert 0.70 <= fraction <= 0.80
