import textwrap

import pytest

from migrate.codemods.tfrecord_bytes import TfrecordBytes
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        def _bytes_feature(value):
            return tf.train.Feature(bytes_list=tf.train.BytesList(value=[str(value)]))
        """,
        """\
        import tensorflow as tf
        def _bytes_feature(value):
            return tf.train.Feature(bytes_list=tf.train.BytesList(value=[value if isinstance(value, bytes) else str(value).encode()]))
        """,
        id="str-call-keeps-bytes",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        with tf.gfile.FastGFile(image.filename, "r") as f:
            encoded_image = f.read()
        """,
        """\
        import tensorflow as tf
        with tf.io.gfile.GFile(image.filename, "rb") as f:
            encoded_image = f.read()
        """,
        id="fastgfile-image-read",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        with tf.gfile.GFile(path, mode='r') as g:  # a PNG
            data = g.read()
        pixels = tf.image.decode_png(data)
        """,
        """\
        import tensorflow as tf
        with tf.gfile.GFile(path, mode='rb') as g:  # a PNG
            data = g.read()
        pixels = tf.image.decode_png(data)
        """,
        id="read-fed-to-decoder",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        f = tf.io.gfile.GFile("cat.jpg", "r")
        feature = tf.train.BytesList(value=[f.read()])
        """,
        """\
        import tensorflow as tf
        f = tf.io.gfile.GFile("cat.jpg", "rb")
        feature = tf.train.BytesList(value=[f.read()])
        """,
        id="image-extension",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        name = "%s.jpg" % image_id
        tf.train.BytesList(value=[name, "train", str(3 + 4), os.path.basename(p)])
        """,
        """\
        import tensorflow as tf
        name = "%s.jpg" % image_id
        tf.train.BytesList(value=[name.encode(), "train".encode(), str(3 + 4).encode(), os.path.basename(p).encode()])
        """,
        id="known-str-items",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        with tf.gfile.FastGFile(captions_file, "r") as fc:
            lines = fc.readlines()
        """,
        """\
        import tensorflow as tf
        with tf.io.gfile.GFile(captions_file, "r") as fc:
            lines = fc.readlines()
        """,
        id="text-file-stays-text",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ntf.train.BytesList(value=[str(x)])\n", id="numpy-as-tf"),
    pytest.param(
        "import tensorflow as tf\ndef f(tf):\n    return tf.train.BytesList(value=[str(x)])\n",
        id="local-tf",
    ),
    pytest.param(
        'import tensorflow as tf\ns = "tf.train.BytesList(value=[str(x)])"  # tf.gfile.FastGFile(p, "r")\n',
        id="strings-comments",
    ),
    pytest.param(
        "import tensorflow as tf\n"
        "with tf.io.gfile.GFile(image.filename, 'rb') as f:\n"
        "    encoded_image = f.read()\n"
        "tf.train.BytesList(value=[encoded_image, name.encode(), x if isinstance(x, bytes) else str(x).encode()])\n",
        id="already-migrated",
    ),
    pytest.param("def BytesList(value):\n    return value\nBytesList(value=[str(1)])\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow.compat.v1 as tf\ndef feat(value):\n    return tf.train.BytesList(value=[value])\n",
        id="compat-v1-unknown-item",
    ),
    pytest.param("import tensorflow\ntensorflow.train.BytesList(value=[data])\n", id="plain-import"),
    pytest.param("from tensorflow import train\ntrain.BytesList(value=[data])\n", id="from-import"),
    pytest.param("import tensorflow as tf1\nwith tf1.io.gfile.GFile(vocab_path, 'r') as f:\n    words = f.read()\n", id="alias-tf1-text"),
    pytest.param(
        "import tensorflow as tf\nwords = [str(w) for w in c]\ntf.train.BytesList(value=words)  # migrate: skip\n",
        id="skip-marker",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(TfrecordBytes, before, after)
    assert set(codes(outcome, "change")) == {"MIG213"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(TfrecordBytes, source)
    assert codes(outcome) == []


def test_aliases_and_compat_v1():
    before = "import tensorflow.compat.v1 as tf1\ntf1.train.BytesList(value=[str(n)])\n"
    outcome = apply(TfrecordBytes, before)
    assert "value=[n if isinstance(n, bytes) else str(n).encode()]" in outcome.code


def test_unknown_item_in_tf1_record_code_is_warned():
    source = textwrap.dedent("""\
        import tensorflow as tf
        def _bytes_feature(value):
            return tf.train.Feature(bytes_list=tf.train.BytesList(value=[value]))
        writer = tf.python_io.TFRecordWriter(path)
        with tf.gfile.GFile(path, "rb") as f:
            data = f.read()
        tf.train.BytesList(value=[data])
    """)
    outcome = apply(TfrecordBytes, source)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG223", 3)]
    assert "value.encode() if isinstance(value, str) else value" in outcome.findings[0].message


def test_list_of_str_is_warned():
    source = textwrap.dedent("""\
        import tensorflow as tf
        words = [str(w) for w in caption]
        tf.train.BytesList(value=words)
    """)
    outcome = check_unchanged(TfrecordBytes, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG223", 3)]
    assert ".encode()" in outcome.findings[0].message


@pytest.mark.tf
def test_rewritten_items_build_the_same_features_as_python_2():
    """On Python 3 the original raises; the rewrite gives Python 2's bytes for every input."""
    import tensorflow as tf

    assert tf.io.gfile.GFile and tf.train.BytesList
    before = "import tensorflow as tf\ndef feat(value):\n    return tf.train.BytesList(value=[str(value)])\n"
    after = apply(TfrecordBytes, before).code
    old, new = {}, {}
    exec(before, old)
    exec(after, new)
    with pytest.raises(TypeError):
        old["feat"]("caption")
    assert list(new["feat"](b"\xff\xd8jpeg").value) == [b"\xff\xd8jpeg"]  # bytes untouched
    assert list(new["feat"]("a cat").value) == [b"a cat"]
    assert list(new["feat"](42).value) == [b"42"]


@pytest.mark.tf
def test_binary_mode_reads_jpeg_bytes(tmp_path):
    import tensorflow as tf

    jpeg = tf.io.encode_jpeg(tf.zeros((4, 4, 3), tf.uint8)).numpy()
    path = tmp_path / "img.jpg"
    path.write_bytes(jpeg)
    with pytest.raises(UnicodeDecodeError):
        with tf.io.gfile.GFile(str(path), "r") as f:
            f.read()
    with tf.io.gfile.GFile(str(path), "rb") as f:
        assert f.read() == jpeg
