import textwrap

import pytest

from migrate.codemods.keras_lambda import KerasLambda
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        from keras.layers import Input, Dense, Lambda
        inp = Input((4,))
        gate = Dense(4, activation="sigmoid")(inp)
        feat = Dense(4)(inp)
        scaled = Lambda(lambda x: x * gate, name="gate")(feat)
        """,
        """\
        from keras.layers import Input, Dense, Lambda
        inp = Input((4,))
        gate = Dense(4, activation="sigmoid")(inp)
        feat = Dense(4)(inp)
        scaled = Lambda(lambda args: args[0] * args[1], name="gate")([feat, gate])
        """,
        id="captured-tensor-becomes-input",
    ),
    pytest.param(
        """\
        import keras
        import tensorflow as tf
        a = keras.Input((3,))
        b = keras.layers.Dense(3)(a)
        c = keras.layers.Dense(3)(a)
        out = keras.layers.Lambda(lambda t: tf.concat([t, b, c], axis=-1) + t.shape[-1])(a)
        """,
        """\
        import keras
        import tensorflow as tf
        a = keras.Input((3,))
        b = keras.layers.Dense(3)(a)
        c = keras.layers.Dense(3)(a)
        out = keras.layers.Lambda(lambda args: tf.concat([args[0], args[1], args[2]], axis=-1) + args[0].shape[-1])([a, b, c])
        """,
        id="two-captured-attribute-kept",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from tensorflow.keras.layers import Lambda
        biased = Lambda(lambda x: x + tf.Variable(0.5, trainable=False, name="bias"))(scaled)
        """,
        """\
        import tensorflow as tf
        from tensorflow.keras.layers import Lambda
        biased = Lambda(lambda x: x + tf.constant(0.5, name="bias"))(scaled)
        """,
        id="variable-to-constant",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        import keras
        def add_prior(x):
            prior = tf.Variable(initial_value=[[1.0, 2.0]], dtype=tf.float32)
            return x + prior
        out = keras.layers.Lambda(add_prior)(inp)
        """,
        """\
        import tensorflow as tf
        import keras
        def add_prior(x):
            prior = tf.constant(value=[[1.0, 2.0]], dtype=tf.float32)
            return x + prior
        out = keras.layers.Lambda(add_prior)(inp)
        """,
        id="variable-in-named-function",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nfrom keras.layers import Lambda\ny = Lambda(lambda x: x + tf.Variable(1))(a)\n", id="numpy-as-tf"),
    pytest.param(
        "import keras\ndef f(tf):\n    return keras.layers.Lambda(lambda x: x + tf.Variable(1))\n",
        id="local-tf",
    ),
    pytest.param(
        'import keras\ns = "Lambda(lambda x: x * gate)(feat)"  # tf.Variable in Lambda\n',
        id="strings-comments",
    ),
    pytest.param(
        "from keras.layers import Input, Dense, Lambda\ninp = Input((4,))\ng = Dense(4)(inp)\n"
        "y = Lambda(lambda args: args[0] * args[1])([inp, g])\n",
        id="already-migrated",
    ),
    pytest.param("Lambda = lambda f: f\ny = Lambda(lambda x: x * 2)(3)\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow.compat.v1 as tf\nfrom keras.layers import Lambda\nscale = 2.0\ny = Lambda(lambda x: x * scale)(a)\n",
        id="captured-python-number",
    ),
    pytest.param("import tensorflow\nv = tensorflow.Variable(1.0)\n", id="plain-import-variable-outside-lambda"),
    pytest.param("from tensorflow import Variable\nv = Variable(1.0)\n", id="from-import"),
    pytest.param(
        "import tensorflow as tf1\nimport keras\ny = keras.layers.Lambda(lambda x: x * 2)(a)\nv = tf1.Variable(2.0)\n",
        id="alias-tf1-nothing-to-do",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(KerasLambda, before, after)
    assert set(codes(outcome, "change")) == {"MIG216"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasLambda, source)
    assert codes(outcome) == []


def test_alias_tf1_variable():
    check_rewrite(
        KerasLambda,
        "import tensorflow as tf1\nimport keras\ny = keras.layers.Lambda(lambda x: x * tf1.Variable(2.0))(a)\n",
        "import tensorflow as tf1\nimport keras\ny = keras.layers.Lambda(lambda x: x * tf1.constant(2.0))(a)\n",
    )


def test_cases_that_cannot_be_proved_are_warned():
    source = textwrap.dedent("""\
        import tensorflow as tf
        from keras.layers import Input, Dense, Lambda
        inp = Input((4,))
        gate = Dense(4)(inp)
        def f(x):
            return x * gate
        a = Lambda(f)(inp)
        b = Lambda(lambda x: x * gate, output_shape=lambda s: s)(inp)
        c = Lambda(lambda x: x * gate)([inp, inp])
        def counter(x):
            seen = tf.Variable(0)
            seen.assign_add(1)
            return x
        d = Lambda(counter)(inp)
    """)
    outcome = check_unchanged(KerasLambda, source)
    assert [(f.code, f.line) for f in outcome.findings] == [
        ("MIG226", 7), ("MIG226", 8), ("MIG226", 9), ("MIG226", 11),
    ]
    assert "Lambda(lambda args:" in outcome.findings[0].message
    assert "add_weight" in outcome.findings[3].message


@pytest.mark.tf
def test_rewritten_lambdas_run_in_keras_3_where_the_originals_fail():
    import keras
    import numpy as np

    program = textwrap.dedent("""\
        import tensorflow as tf
        import keras
        from keras.layers import Input, Dense, Lambda
        inp = Input((4,))
        gate = Dense(4, activation="sigmoid", kernel_initializer="ones")(inp)
        feat = Dense(4, kernel_initializer="ones")(inp)
        scaled = Lambda(lambda x: x * gate)(feat)
        out = Lambda(lambda x: x + tf.Variable(0.5, trainable=False))(scaled)
        model = keras.Model(inp, out)
    """)
    original = {}
    exec(program, original)
    with pytest.raises((TypeError, ValueError)):
        original["model"].predict(np.ones((2, 4)), verbose=0)
    migrated = {}
    exec(apply(KerasLambda, program).code, migrated)
    x = np.full((2, 4), 0.25, np.float32)
    got = migrated["model"].predict(x, verbose=0)
    expected = 1.0 * (1 / (1 + np.exp(-1.0))) + 0.5  # feat = 1, gate = sigmoid(1)
    np.testing.assert_allclose(got, np.full((2, 4), expected), rtol=1e-5)
    assert isinstance(migrated["model"], keras.Model)
