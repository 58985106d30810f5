import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_file_names import KerasFileNames, model_path, weights_path
from migrate.testing import apply, check_rewrite, check_unchanged

KERAS3 = Settings(keras="3")
KERAS2 = Settings(keras="2")

REWRITES = [
    pytest.param(
        """\
        import keras
        model = keras.Sequential()
        model.save("exported")
        restored = keras.models.load_model("exported")
        """,
        """\
        import keras
        model = keras.Sequential()
        model.save("exported.keras")
        restored = keras.models.load_model("exported.keras")
        """,
        id="save-directory-and-reload",
    ),
    pytest.param(
        """\
        from keras.models import Model
        net = Model(inputs, outputs)
        net.save('out/saved_model/', save_format='tf')
        """,
        """\
        from keras.models import Model
        net = Model(inputs, outputs)
        net.save('out/saved_model.keras')
        """,
        id="known-model-variable-and-save-format",
    ),
    pytest.param(
        """\
        import keras
        model.save_weights("weights.h5")
        model.load_weights("weights.h5")
        """,
        """\
        import keras
        model.save_weights("weights.weights.h5")
        model.load_weights("weights.weights.h5")
        """,
        id="save-weights-h5",
    ),
    pytest.param(
        """\
        import keras
        self.keras_model.save_weights("ckpt/epoch_3", save_format="tf")
        self.keras_model.load_weights("ckpt/epoch_3", by_name=True)
        """,
        """\
        import keras
        self.keras_model.save_weights("ckpt/epoch_3.weights.h5")
        self.keras_model.load_weights("ckpt/epoch_3.weights.h5")
        """,
        id="checkpoint-prefix-and-by-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.save("saved_model_dir")
        """,
        """\
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.save("saved_model_dir.keras")
        """,
        id="tf-keras-model",
    ),
    pytest.param(
        """\
        import keras
        model.load_weights("coco.h5", by_name=False)
        """,
        """\
        import keras
        model.load_weights("coco.h5")
        """,
        id="by-name-false-dropped",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(KerasFileNames, before, after, KERAS3)


def test_save_format_dropped_on_computed_path():
    outcome = apply(KerasFileNames, "import keras\nmodel.save(path, save_format='tf')\n", KERAS3)
    assert outcome.code == "import keras\nmodel.save(path)\n"
    assert [f.code for f in outcome.findings if f.kind == "warning"] == ["MIG257"]


def test_path_helpers():
    assert weights_path("a/b.h5") == "a/b.weights.h5"
    assert weights_path("a/b.hdf5") == "a/b.weights.h5"
    assert weights_path("ckpt/w") == "ckpt/w.weights.h5"
    assert model_path("saved/") == "saved.keras"


WARNINGS = [
    pytest.param("import keras\nmodel.save(path)\n", "MIG257", 2, id="save-computed-path"),
    pytest.param("import keras\nx = 1\nmodel.save_weights(os.path.join(d, 'w.h5'))\n", "MIG257", 3, id="save-weights-computed"),
    pytest.param("import keras\nmodel.load_weights(COCO_MODEL_PATH, by_name=True)\n", "MIG258", 2, id="by-name-computed-path"),
    pytest.param("import keras\nmodel.load_weights('ckpt/model', by_name=True)\n", "MIG258", 2, id="by-name-on-checkpoint"),
    pytest.param(
        "import keras\nmodel.compile('adam', loss='mse')\nmodel.save('model.h5')\n", "MIG257", 3, id="h5-with-abbreviated-loss"
    ),
]


@pytest.mark.parametrize("source, code, line", WARNINGS)
def test_warnings(source, code, line):
    outcome = apply(KerasFileNames, source, KERAS3)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [(code, line)]
    assert outcome.code == source


def test_by_name_on_rewritten_weights_is_dropped_with_warning():
    outcome = apply(KerasFileNames, "import keras\nmodel.save_weights('w.h5')\nmodel.load_weights('w.h5', by_name=True)\n", KERAS3)
    assert outcome.code == "import keras\nmodel.save_weights('w.weights.h5')\nmodel.load_weights('w.weights.h5')\n"
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG258", 3)]


UNCHANGED = [
    pytest.param("import keras\nmodel.save('model.h5')\nmodel.save('m.keras')\n", id="good-suffixes"),
    pytest.param("import keras\nmodel.load_weights('coco.h5', by_name=True)\n", id="by-name-on-legacy-h5"),
    pytest.param("import keras\nckpt.save('ckpt/prefix')\nimg.save('x')\nsaver.save(sess, 'm')\n", id="not-models"),
    pytest.param(
        "import keras\nmodel.load_weights(path, by_name=True, exclude=['mrcnn_bbox'])\n", id="mask-rcnn-own-load-weights"
    ),
    pytest.param(
        "import keras\nimport tensorflow as tf\nmodel.save('export')\nloaded = tf.saved_model.load('export')\n",
        id="saved-model-consumed-elsewhere",
    ),
    pytest.param("import numpy as keras\nmodel.save('x')\n", id="numpy-as-keras"),
    pytest.param('import keras\n# model.save("x")\ns = "model.save_weights(\'w.h5\')"\n', id="strings-and-comments"),
    pytest.param("from tensorflow import keras\nmodel.save('m.keras')\nmodel.save_weights('w.weights.h5')\n", id="already-migrated"),
    pytest.param("import os\nmodel.save('x')\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nsaver = tf.train.Saver()\nsaver.save(sess, 'ckpt/m')\n", id="compat-v1"),
    pytest.param("import tensorflow\nckpt = tensorflow.train.Checkpoint()\nckpt.save('c')\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow import train\ntrain.Checkpoint().save('c')\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\nmodel.save_weights('w.weights.h5')\n", id="alias-tf1"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasFileNames, source, KERAS3)
    assert outcome.findings == []


def test_keras2_target_keeps_names():
    """tf-keras takes Keras 2's names; only the format standalone Keras 2 wrote is kept."""
    before = "import keras\nmodel.save('exported')\nmodel.save_weights('w.h5')\n"
    after = "import keras\nmodel.save('exported', save_format=\"h5\")\nmodel.save_weights('w.h5')\n"
    check_rewrite(KerasFileNames, before, after, KERAS2)


TF1 = "import tensorflow as tf\nsess = tf.Session()\n"
KEEP_HDF5 = [
    pytest.param(
        TF1 + "tf.keras.models.save_model(model, path)\n",
        TF1 + 'tf.keras.models.save_model(model, path, save_format="h5")\n',
        id="save-model-computed-path",
    ),
    pytest.param(
        TF1 + "model = tf.keras.Sequential(layers)\nmodel.save(out_dir)\nmodel.save('exported', overwrite=True)\n",
        TF1 + "model = tf.keras.Sequential(layers)\nmodel.save(out_dir, save_format=\"h5\")\n"
        "model.save('exported', overwrite=True, save_format=\"h5\")\n",
        id="model-save",
    ),
    pytest.param(
        "from tensorflow.keras.models import save_model\nimport tensorflow as tf\nx = tf.placeholder(tf.float32)\n"
        "save_model(net, filepath=target)\n",
        "from tensorflow.keras.models import save_model\nimport tensorflow as tf\nx = tf.placeholder(tf.float32)\n"
        'save_model(net, filepath=target, save_format="h5")\n',
        id="imported-name-keyword-path",
    ),
]


@pytest.mark.parametrize("before, after", KEEP_HDF5)
def test_tf1_save_keeps_hdf5_on_tf_keras(before, after):
    check_rewrite(KerasFileNames, before, after, KERAS2)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import tensorflow as tf\ntf.keras.models.save_model(model, path)\n", id="tf2-file"),
        pytest.param(TF1 + "model.save('m.h5')\ntf.keras.models.save_model(model, 'm.hdf5')\n", id="h5-suffix"),
        pytest.param(TF1 + "model.save(path, save_format='tf')\n", id="format-given"),
        pytest.param(TF1 + "tf.keras.models.save_model(model, path, True, True, 'tf')\n", id="format-positional"),
        pytest.param(TF1 + "saver.save(sess, path)\nckpt.save(path)\n", id="not-a-model"),
        pytest.param("import other as tf\nsess = tf.Session()\ntf.keras.models.save_model(model, path)\n", id="other-as-tf"),
        pytest.param(TF1 + "print('model.save(path)')\n", id="in-a-string"),
    ],
)
def test_tf1_save_unchanged_on_tf_keras(source):
    check_unchanged(KerasFileNames, source, KERAS2)


@pytest.mark.tf
def test_hdf5_save_format_reloads_on_tf_keras(tmp_path):
    """The rewritten call, run on tf-keras: an extension-less path gets one HDF5 file (as TF
    1.x wrote), which load_model reads back with the same weights."""
    import subprocess
    import sys

    script = (
        "import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\nimport h5py, numpy as np, tensorflow as tf\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])\n"
        f"path = {str(tmp_path / 'model')!r}\n"
        'tf.keras.models.save_model(model, path, save_format="h5")\n'
        "assert os.path.isfile(path) and h5py.is_hdf5(path)\n"
        "x = np.ones((1, 3), 'float32')\n"
        "print(float(np.abs(tf.keras.models.load_model(path).predict(x) - model.predict(x)).max()))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert float(run.stdout.strip().splitlines()[-1]) == 0.0


def test_reload_of_own_lambda_model_gets_safe_mode():
    before = (
        "import keras\nmodel = keras.Sequential([keras.layers.Lambda(lambda x: x * 2)])\n"
        "model.save('m.h5')\nagain = keras.models.load_model('m.h5', custom_objects={'A': A})\n"
    )
    after = (
        "import keras\nmodel = keras.Sequential([keras.layers.Lambda(lambda x: x * 2)])\n"
        "model.save('m.h5')\nagain = keras.models.load_model('m.h5', custom_objects={'A': A}, safe_mode=False)\n"
    )
    check_rewrite(KerasFileNames, before, after, KERAS3)


def test_load_of_foreign_lambda_model_is_warned():
    source = "from keras.layers import Lambda\nfrom keras.models import load_model\nm = load_model(path)\n"
    outcome = apply(KerasFileNames, source, KERAS3)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG259", 3)]


def test_tf1_graph_file_in_a_keras3_run_keeps_hdf5():
    """A Keras model in a TF 1 graph file runs on tf-keras even in a Keras 3 run (MIG104 sets
    TF_USE_LEGACY_KERAS), so its save keeps HDF5 there too (the whole pipeline)."""
    from migrate.runner import migrate_source

    source = TF1 + "model = tf.keras.Sequential(layers)\ntf.keras.models.save_model(model, path)\n"
    code = migrate_source(source, KERAS3).code
    assert 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")' in code
    assert 'tf.keras.models.save_model(model, path, save_format="h5")' in code
