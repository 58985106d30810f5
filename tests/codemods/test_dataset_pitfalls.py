
import pytest

from migrate.codemods.dataset_pitfalls import DatasetPitfalls
from migrate.testing import check_unchanged, codes

WARNED = [
    pytest.param(
        """\
        import tensorflow as tf
        ds = tf.data.Dataset.from_tensor_slices(x).shuffle(10).repeat(True)
        """,
        [2],
        "repeat()",
        id="repeat-true-chain",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        ds = tf.data.TFRecordDataset(files)
        ds = ds.batch(4)
        ds = ds.repeat(count=False)
        """,
        [4],
        "empty",
        id="repeat-false-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def parse(image, label):
            if image.shape[-1] == 1:
                image = tf.image.grayscale_to_rgb(image)
            flat = tf.reshape(image, [image.get_shape()[0], -1])
            return flat, label
        ds = tf.data.Dataset.from_tensor_slices((images, labels)).map(parse)
        """,
        [3, 5],
        "tf.shape(image)[-1]",
        id="static-shape-in-mapped-def",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        ds = tf.data.Dataset.range(8).map(lambda x: tf.zeros([x.shape.as_list()[0]]))
        """,
        [2],
        "tf.shape(x)[0]",
        id="lambda-as-list-compat-v1",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ntf.data.Dataset.range(3).repeat(True)\n", id="numpy-as-tf"),
    pytest.param("import numpy as np\nimport tensorflow as tf\nnp.arange(3).repeat(True)\n", id="numpy-repeat"),
    pytest.param(
        "import tensorflow as tf\ndef f(tf):\n    return tf.data.Dataset.range(3).repeat(True)\n",
        id="local-tf",
    ),
    pytest.param(
        'import tensorflow as tf\ns = "ds.repeat(True)"  # tf.data.Dataset.range(1).repeat(True)\n',
        id="strings-comments",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "ds = tf.data.Dataset.range(8).repeat().map(lambda x: tf.zeros([tf.shape(x)[0]]))\n",
        id="already-migrated",
    ),
    pytest.param("class D:\n    def repeat(self, n):\n        pass\nD().repeat(True)\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\ndef f(x):\n    return x.shape[0]\nds = tf.data.Dataset.range(3).repeat(2)\ny = f(z)\n",
        id="shape-outside-map",
    ),
    pytest.param("import tensorflow\ntensorflow.data.Dataset.range(3).repeat(3)\n", id="plain-import"),
    pytest.param("from tensorflow import data\ndata.Dataset.range(3).repeat(3)\n", id="from-import"),
    pytest.param("import tensorflow as tf1\ntf1.data.Dataset.range(3).repeat(5)\n", id="alias-tf1"),
    pytest.param("import tensorflow as tf\nds = tf.data.Dataset.range(3).repeat(True)  # migrate: skip\n", id="skip-marker"),
]


@pytest.mark.parametrize("source, lines, fix", WARNED)
def test_warned_not_rewritten(source, lines, fix):
    outcome = check_unchanged(DatasetPitfalls, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG224", line) for line in lines]
    assert fix in outcome.findings[0].message


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(DatasetPitfalls, source)
    assert codes(outcome) == []


@pytest.mark.tf
def test_the_pitfalls_are_real():
    """What the warnings claim, measured on TF 2: repeat(True) reads once, repeat(False)
    reads nothing, and the static shape is None inside map where tf.shape is not."""
    import tensorflow as tf

    ds = tf.data.Dataset.range(3)
    assert len(list(ds.repeat(True))) == 3
    assert len(list(ds.repeat(False))) == 0
    assert len(list(ds.repeat().take(7))) == 7
    seen = []
    images = tf.data.Dataset.from_generator(
        lambda: iter([tf.zeros((2, 5))]), output_signature=tf.TensorSpec((None, None), tf.float32)
    )
    out = images.map(lambda x: (seen.append(x.shape[1]), tf.shape(x)[1])[1])
    assert seen == [None] and [int(v) for v in out] == [5]
