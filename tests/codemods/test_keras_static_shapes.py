import textwrap

import pytest

from migrate.codemods.keras_static_shapes import KerasStaticShapes
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        "import tensorflow as tf\nn = x.get_shape()[1].value\nm = x.shape[-1].value * 2\n",
        "import tensorflow as tf\nn = x.get_shape()[1]\nm = x.shape[-1] * 2\n",
        id="dimension-value",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        flat = tf.reshape(x, [K.int_shape(x)[0], 7 * 7 * 256])  # batch is None in TF 2
        """,
        """\
        import tensorflow as tf
        from keras import backend as K
        flat = tf.reshape(x, [-1, 7 * 7 * 256])  # batch is None in TF 2
        """,
        id="reshape-batch-to-minus-one",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        y = tf.reshape(x, shape=(-1, x.shape[1].value, x.get_shape().as_list()[-1]))
        z = tf.zeros([x.shape[0], 4])
        """,
        """\
        import tensorflow as tf
        y = tf.reshape(x, shape=(-1, tf.shape(x)[1], tf.shape(x)[-1]))
        z = tf.zeros([tf.shape(x)[0], 4])
        """,
        id="other-reads-to-tf-shape",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        import keras
        out = keras.layers.Reshape((keras.backend.int_shape(feat)[1],))(feat)
        """,
        """\
        import tensorflow.compat.v1 as tf
        import keras
        out = keras.layers.Reshape((-1,))(feat)
        """,
        id="keras-reshape-single-read",
    ),
    pytest.param(
        """\
        from tensorflow.keras.layers import Reshape
        from tensorflow.keras import backend as K
        out = Reshape(target_shape=[K.int_shape(feat)[2], 1])(feat)
        """,
        """\
        from tensorflow.keras.layers import Reshape
        from tensorflow.keras import backend as K
        out = Reshape(target_shape=[-1, 1])(feat)
        """,
        id="from-import-reshape",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ny = tf.reshape(x, [x.shape[0], 3])\nn = x.shape[0].value\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ndef f(tf):\n    return tf.reshape(x, [x.shape[0], 3])\n", id="local-tf"),
    pytest.param(
        'import tensorflow as tf\ns = "tf.reshape(x, [x.shape[0], 3])"  # n = x.shape[0].value\n',
        id="strings-comments",
    ),
    pytest.param(
        "import tensorflow as tf\ny = tf.reshape(x, [-1, tf.shape(x)[1]])\nn = x.shape[1]\n",
        id="already-migrated",
    ),
    pytest.param("import numpy as np\ny = np.reshape(x, [x.shape[0], 3])\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nn = x.shape[1].value\n",
        id="v1-shapes-kept",
    ),
    pytest.param("import tensorflow\ny = tensorflow.reshape(x, [-1, 3])\n", id="plain-import"),
    pytest.param("from tensorflow import reshape\ny = reshape(x, [n, 3])\n", id="from-import"),
    pytest.param("import tensorflow as tf1\ny = tf1.reshape(x, [-1, 3])\n", id="alias-tf1"),
    pytest.param("import tensorflow as tf\nimport numpy as np\na = np.ones(3).reshape([b.shape[0], 1])\n", id="numpy-method"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(KerasStaticShapes, before, after)
    assert set(codes(outcome, "change")) == {"MIG215"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasStaticShapes, source)
    assert codes(outcome) == []


def test_alias_tf1():
    check_rewrite(
        KerasStaticShapes,
        "import tensorflow as tf1\ny = tf1.reshape(x, [x.shape[0], 3])\n",
        "import tensorflow as tf1\ny = tf1.reshape(x, [-1, 3])\n",
    )


def test_keras_reshape_with_two_reads_is_warned():
    source = textwrap.dedent("""\
        from keras import backend as K
        from keras.layers import Reshape
        out = Reshape((K.int_shape(x)[1] * 2, K.int_shape(x)[2]))(x)
    """)
    outcome = check_unchanged(KerasStaticShapes, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG225", 3), ("MIG225", 3)]
    assert "-1" in outcome.findings[0].message


@pytest.mark.tf
def test_rewritten_shapes_run_where_the_static_ones_fail():
    import keras
    import numpy as np
    import tensorflow as tf

    spec = tf.TensorSpec([None, 4, 3], tf.float32)
    old = tf.function(lambda x: tf.reshape(x, [x.shape[0], 12]), input_signature=[spec])
    new_source = apply(KerasStaticShapes, "import tensorflow as tf\nf = lambda x: tf.reshape(x, [x.shape[0], 12])\n").code
    namespace = {}
    exec(new_source, namespace)
    new = tf.function(namespace["f"], input_signature=[spec])
    data = np.arange(24, dtype=np.float32).reshape(2, 4, 3)
    with pytest.raises((ValueError, TypeError)):
        old(data)
    np.testing.assert_array_equal(new(data).numpy(), data.reshape(2, 12))
    zeros = tf.function(lambda x: tf.zeros([tf.shape(x)[0], 4]), input_signature=[spec])
    assert zeros(data).shape == (2, 4)
    with pytest.raises(AttributeError):
        tf.zeros((2, 3)).shape[1].value  # TF 2 shape items are ints: `.value` must go
    inputs = keras.Input((4, 3))
    model = keras.Model(inputs, keras.layers.Reshape((-1,))(inputs))
    assert model.output.shape == (None, 12)


# -- issue 9, kind 2: the forms the pattern takes in real code ----------------------------
FORMS = [
    pytest.param(  # Mask R-CNN fpn_classifier_graph: two steps, s[1] is None when training
        """\
        import keras.backend as K
        import keras.layers as KL
        def head(x, num_classes):
            s = K.int_shape(x)
            return KL.Reshape((s[1], num_classes, 4), name="mrcnn_bbox")(x)
        """,
        """\
        import keras.backend as K
        import keras.layers as KL
        def head(x, num_classes):
            s = K.int_shape(x)
            return KL.Reshape((-1, num_classes, 4), name="mrcnn_bbox")(x)
        """,
        id="two-step-keras-reshape",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def flat(x):
            shape = x.get_shape().as_list()
            return tf.reshape(x, [shape[0], 7 * 7 * 256])
        """,
        """\
        import tensorflow as tf
        def flat(x):
            shape = x.get_shape().as_list()
            return tf.reshape(x, [-1, 7 * 7 * 256])
        """,
        id="two-step-tf-reshape",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def size(x):
            total = 1
            for d in x.get_shape()[1:]:
                total *= d.value
            return total, [d.value for d in x.shape]
        """,
        """\
        import tensorflow as tf
        def size(x):
            total = 1
            for d in x.get_shape()[1:]:
                total *= d
            return total, [d for d in x.shape]
        """,
        id="dimension-value-loop-and-comprehension",
    ),
    pytest.param(
        """\
        import keras
        class Attention(keras.layers.Layer):
            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1].value, 8), name="w")
            def compute_output_shape(self, input_shape):
                return (input_shape[0], input_shape[1].value, 8)
        """,
        """\
        import keras
        class Attention(keras.layers.Layer):
            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1], 8), name="w")
            def compute_output_shape(self, input_shape):
                return (input_shape[0], input_shape[1], 8)
        """,
        id="dimension-value-build-parameter",
    ),
    pytest.param(  # Mask R-CNN refine_detections_graph
        """\
        import tensorflow as tf
        def refine(probs, class_ids):
            return tf.stack([tf.range(probs.shape[0]), class_ids], axis=1)
        """,
        """\
        import tensorflow as tf
        def refine(probs, class_ids):
            return tf.stack([tf.range(tf.shape(probs)[0]), class_ids], axis=1)
        """,
        id="range-of-static-size",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def g(x):
            s = tf.keras.backend.int_shape(x)
            return tf.reshape(x, [-1, s[1], s[2] * 2])
        """,
        """\
        import tensorflow as tf
        def g(x):
            s = tf.keras.backend.int_shape(x)
            return tf.reshape(x, [-1, tf.shape(x)[1], s[2] * 2])
        """,
        id="two-step-other-reads-to-tf-shape",
    ),
]


@pytest.mark.parametrize("before, after", FORMS)
def test_forms(before, after):
    check_rewrite(KerasStaticShapes, before, after)


FORMS_UNCHANGED = [
    pytest.param(  # s rebound: not known to be a shape any more
        "import tensorflow as tf\ndef f(x):\n    s = x.shape\n    s = [3, 4]\n    return tf.reshape(x, [s[0], s[1]])\n",
        id="shape-name-rebound",
    ),
    pytest.param(  # a loop over something else
        "import tensorflow as tf\ndef f(x, dims):\n    for d in dims:\n        print(d.value)\n",
        id="loop-over-other",
    ),
    pytest.param(  # a numpy size in a Python range
        "import tensorflow as tf\nimport numpy as np\ndef f(a):\n    for i in range(a.shape[0]):\n        pass\n",
        id="python-range",
    ),
    pytest.param(  # a build() without a shape parameter
        "import keras\nclass A(keras.layers.Layer):\n    def build(self):\n        return self.config.value\n",
        id="build-other-value",
    ),
]


@pytest.mark.parametrize("source", FORMS_UNCHANGED)
def test_forms_unchanged(source):
    check_unchanged(KerasStaticShapes, source)


def test_two_step_read_of_a_rebound_tensor_is_only_reshaped():
    """`x` is rebound, so `tf.shape(x)` there would read another tensor: only the -1."""
    source = textwrap.dedent("""\
        import tensorflow as tf
        def f(x):
            s = x.get_shape().as_list()
            x = tf.nn.relu(x)
            return tf.reshape(x, [s[0], s[1], 2])
    """)
    outcome = apply(KerasStaticShapes, source)
    assert "tf.reshape(x, [-1, s[1], 2])" in outcome.code


ARANGE = [
    pytest.param(  # keras-pos-embd / keras-self-attention: a size known only at run time
        "import keras.backend as K\ndef call(x):\n    return K.arange(K.shape(x)[1])\n",
        "import keras.backend as K\nimport tensorflow as tf\ndef call(x):\n    return tf.range(K.shape(x)[1])\n",
        id="tensor-size",
    ),
    pytest.param(
        "from keras import backend\nimport tensorflow as tf\ny = backend.arange(1, n, 2, dtype='int32')\n",
        "from keras import backend\nimport tensorflow as tf\ny = tf.range(1, limit=n, delta=2)\n",
        id="start-stop-step-int32",
    ),
]


@pytest.mark.parametrize("before, after", ARANGE)
def test_backend_arange(before, after):
    check_rewrite(KerasStaticShapes, before, after)


@pytest.mark.parametrize("source", [
    "import keras.backend as K\nc = K.arange(3, dtype='float32')\n",  # tf-keras casts: left alone
    "import numpy as K\nc = K.arange(3)\n",
])
def test_backend_arange_unchanged(source):
    check_unchanged(KerasStaticShapes, source)


# -- issue 10: `Dimension.value` read in loops and through functions' return values -------
LOOP_AND_RETURN_FORMS = [
    pytest.param(  # t3f-style: a shape name indexed by the loop variable
        """\
        import tensorflow as tf
        def f(tens, d):
            static_shape = tens.get_shape()
            dims = []
            for k in range(d):
                dims.append(static_shape[k].value)
            return dims, [static_shape[i + 1].value for i in range(d - 1)]
        """,
        """\
        import tensorflow as tf
        def f(tens, d):
            static_shape = tens.get_shape()
            dims = []
            for k in range(d):
                dims.append(static_shape[k])
            return dims, [static_shape[i + 1] for i in range(d - 1)]
        """,
        id="shape-name-any-index",
    ),
    pytest.param(  # a shape returned by the project's own function, bound in two branches
        """\
        import tensorflow as tf
        def f(a, n, fast):
            if fast:
                sizes = a.get_raw_shape()[0]
            else:
                sizes = raw_shape(a)[0]
            ranks = a.get_tt_ranks()
            return [sizes[k].value for k in range(n)], ranks[0].value
        """,
        """\
        import tensorflow as tf
        def f(a, n, fast):
            if fast:
                sizes = a.get_raw_shape()[0]
            else:
                sizes = raw_shape(a)[0]
            ranks = a.get_tt_ranks()
            return [tf.compat.v1.dimension_value(sizes[k]) for k in range(n)], tf.compat.v1.dimension_value(ranks[0])
        """,
        id="shape-from-a-function",
    ),
    pytest.param(  # the tensorflow module under another name
        "import tensorflow as tfx\ndef f(a, k):\n    r = a.tt_ranks()\n    return r[k].value\n",
        "import tensorflow as tfx\ndef f(a, k):\n    r = a.tt_ranks()\n    return tfx.compat.v1.dimension_value(r[k])\n",
        id="shape-from-a-function-alias",
    ),
]


@pytest.mark.parametrize("before, after", LOOP_AND_RETURN_FORMS)
def test_loop_and_return_forms(before, after):
    check_rewrite(KerasStaticShapes, textwrap.dedent(before), textwrap.dedent(after))


@pytest.mark.parametrize("source", [
    pytest.param("import tensorflow as tf\ndef f(a, k):\n    s = a.stuff()\n    return s[k].value\n", id="other-function"),
    pytest.param("import tensorflow as tf\ndef f(a):\n    s = a.get_shape()\n    return s[1:].value\n", id="slice"),
    pytest.param(  # bound once from a shape function, once from something else
        "import tensorflow as tf\ndef f(a, k):\n    r = a.get_ranks()\n    r = a.other\n    return r[k].value\n",
        id="rebound-elsewhere",
    ),
    pytest.param("import tensorflow as tf\ndef f(a, k):\n    r = a.get_ranks()\n    return r[k].value.x\n"
                 "tf.compat.v1.disable_v2_tensorshape()\n", id="v1-shapes-kept"),
    pytest.param("def f(a, k):\n    r = a.get_ranks()\n    return r[k].value\n", id="no-tensorflow"),
])
def test_loop_and_return_forms_unchanged(source):
    check_unchanged(KerasStaticShapes, source)


@pytest.mark.tf
def test_dimension_value_runs_on_tf1_and_tf2_shapes():
    """dimension_value() gives the same int / None for a TF 2 shape item and a TF1 Dimension."""
    import tensorflow as tf

    namespace = {}
    exec(apply(KerasStaticShapes, textwrap.dedent(LOOP_AND_RETURN_FORMS[1].values[0])).code
         + "def raw_shape(a):\n    return a.get_raw_shape()\n", namespace)

    class Holder:
        def __init__(self, shape):
            self.shape = shape

        def get_raw_shape(self):
            return (self.shape,)

        def get_tt_ranks(self):
            return self.shape

    v2 = Holder(tf.TensorShape([3, None, 5]))
    assert namespace["f"](v2, 3, True) == ([3, None, 5], 3)
    v1 = Holder([tf.compat.v1.Dimension(3), tf.compat.v1.Dimension(None), tf.compat.v1.Dimension(5)])
    assert namespace["f"](v1, 3, False) == ([3, None, 5], 3)


# -- `.value` of a NumPy product of shape dimensions (cleverhans 3.0.1 attacks_tf.py:
# `int(np.product(x.shape[1:]).value)`): a TF1 Dimension product, a number in TF 2 ---------
PRODUCTS = [
    pytest.param(
        "import numpy as np\nimport tensorflow as tf\nn = int(np.product(x.shape[1:]).value)\n",
        "import numpy as np\nimport tensorflow as tf\nn = int(np.product(x.shape[1:]))\n",
        id="product-of-slice",
    ),
    pytest.param(
        "import numpy\nimport tensorflow as tf\nn = numpy.prod(x.get_shape()[1:]).value\nm = numpy.prod(x.get_shape()).value\n",
        "import numpy\nimport tensorflow as tf\nn = numpy.prod(x.get_shape()[1:])\nm = numpy.prod(x.get_shape())\n",
        id="prod-of-get_shape",
    ),
    pytest.param(
        "import numpy as np\nimport tensorflow as tf\nk = np.prod([x.shape[1], x.shape[-1]]).value\n"
        "j = np.prod((x.get_shape()[2], x.get_shape()[3])).value\n",
        "import numpy as np\nimport tensorflow as tf\nk = np.prod([x.shape[1], x.shape[-1]])\n"
        "j = np.prod((x.get_shape()[2], x.get_shape()[3]))\n",
        id="prod-of-entries",
    ),
    pytest.param(
        "from numpy import prod as p\nimport tensorflow as tf\ndef f(x):\n    return tf.reshape(x, [-1, p(x.shape[1:]).value])\n",
        "from numpy import prod as p\nimport tensorflow as tf\ndef f(x):\n    return tf.reshape(x, [-1, p(x.shape[1:])])\n",
        id="from-import-alias-in-call",
    ),
]


@pytest.mark.parametrize("before, after", PRODUCTS)
def test_product_of_dimensions(before, after):
    check_rewrite(KerasStaticShapes, before, after)


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nimport tensorflow as tf\nv = np.prod(sizes).value\n",  # not a shape
        "import other as np\nimport tensorflow as tf\nn = np.prod(x.shape[1:]).value\n",
        "import numpy as np\nimport tensorflow as tf\ns = 'np.prod(x.shape[1:]).value'\n",
        "import numpy as np\nimport tensorflow as tf\nn = int(np.prod(x.shape[1:]))\n",  # already migrated
        "import numpy as np\nimport tensorflow as tf\ntf.compat.v1.disable_v2_tensorshape()\nn = np.prod(x.shape[1:]).value\n",
    ],
)
def test_product_of_dimensions_unchanged(source):
    check_unchanged(KerasStaticShapes, source)


@pytest.mark.tf
def test_product_of_dimensions_runs_on_tf2():
    import os
    import subprocess
    import sys

    from migrate.codemod import Settings
    from migrate.runner import migrate_source

    program = (
        "import numpy as np\nimport tensorflow as tf\n"
        "x = tf.placeholder(tf.float32, [None, 28, 28, 1])\n"
        "print(int(np.product(x.shape[1:]).value), np.prod([x.get_shape()[1], x.get_shape()[2]]).value)\n"
    )
    migrated = migrate_source(program, Settings()).code
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:] + migrated
    assert done.stdout.split() == ["784", "784"]
