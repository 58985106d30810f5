import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_private_internals import KerasPrivateInternals
from migrate.testing import apply, check_rewrite, check_unchanged, codes

KERAS2 = Settings(keras="2")

REWRITES = [
    pytest.param(
        """\
        import keras
        def compile_model(keras_model, loss_names):
            # First, clear previously set losses to avoid duplication
            keras_model._losses = []
            keras_model._per_input_losses = {}
            for name in loss_names:
                layer = keras_model.get_layer(name)
                keras_model.metrics_names.append(name)
                loss = keras.backend.mean(layer.output, keepdims=True)
                keras_model.metrics_tensors.append(loss)
            keras_model.compile("sgd", loss=[None])
        """,
        """\
        import keras
        def compile_model(keras_model, loss_names):
            # First, clear previously set losses to avoid duplication
            for name in loss_names:
                layer = keras_model.get_layer(name)
                loss = keras.backend.mean(layer.output, keepdims=True)
                keras_model.add_metric(loss, name=name, aggregation="mean")
            keras_model.compile("sgd", loss=[None])
        """,
        id="metrics-before-compile",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        self.keras_model._losses = []
        self.keras_model.metrics_names.append("total")
        self.keras_model.metrics_tensors.append(tf.add_n(losses))
        self.keras_model.compile(optimizer)
        """,
        """\
        import tensorflow as tf
        self.keras_model.add_metric(tf.add_n(losses), name="total", aggregation="mean")
        self.keras_model.compile(optimizer)
        """,
        id="module-level-attribute-receiver",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\nmodel._losses = []\nmodel.metrics_tensors.append(x)\n", id="numpy-as-tf-no-keras"),
    pytest.param(
        "import tensorflow as tf\ndef f(tf):\n    tf._losses.append(1)\n",
        id="local-tf",
    ),
    pytest.param(
        'import keras\ns = "model._losses = []"  # model.metrics_tensors.append(loss)\n',
        id="strings-comments",
    ),
    pytest.param(
        'import keras\nmodel.add_metric(loss, name="l", aggregation="mean")\nmodel.load_weights("w.h5", by_name=True)\n',
        id="already-migrated",
    ),
    pytest.param("class M:\n    pass\nm = M()\nm._losses = []\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nmodel._losses = [extra]\n", id="compat-v1-non-empty-assignment"),
    pytest.param("import tensorflow\nmodel._losses.clear\n", id="plain-import-no-statement"),
    pytest.param("from tensorflow import keras\nkeras.Model()\n", id="from-import"),
    pytest.param("import tensorflow as tf1\nx = tf1.constant(1)\n", id="alias-tf1"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites_for_keras_2(before, after):
    outcome = check_rewrite(KerasPrivateInternals, before, after, KERAS2)
    assert set(codes(outcome, "change")) == {"MIG217"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    for settings in (KERAS2, Settings(keras="3")):
        outcome = check_unchanged(KerasPrivateInternals, source, settings)
        assert codes(outcome) == []


def test_keras_3_target_warns_instead():
    source = textwrap.dedent(REWRITES[0].values[0])
    outcome = check_unchanged(KerasPrivateInternals, source, Settings(keras="3"))
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG227", 4), ("MIG227", 5), ("MIG227", 10)]
    assert "--keras 2" in outcome.findings[0].message
    assert "add_metric(loss, name=..., aggregation=\"mean\")" in outcome.findings[2].message


def test_metrics_tensors_without_a_name_or_after_compile_is_warned():
    source = "import keras\nmodel.metrics_tensors.append(loss)\nmodel.compile('sgd')\n"
    outcome = check_unchanged(KerasPrivateInternals, source, KERAS2)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG227", 2)]
    mask_rcnn_order = textwrap.dedent("""\
        import keras
        def compile(self, names):
            self.keras_model.compile(optimizer, loss=[None])
            for name in names:
                self.keras_model.metrics_names.append(name)
                self.keras_model.metrics_tensors.append(loss)
    """)
    # Mask R-CNN's order (compile first): such a file runs with eager execution disabled
    # (graph_mode, MIG104), where tf-keras's v1 loop takes add_metric after compile.
    check_rewrite(
        KerasPrivateInternals, mask_rcnn_order,
        mask_rcnn_order.replace(
            "        self.keras_model.metrics_names.append(name)\n", ""
        ).replace("metrics_tensors.append(loss)", 'add_metric(loss, name=name, aggregation="mean")'),
        KERAS2,
    )
    outcome = check_unchanged(KerasPrivateInternals, mask_rcnn_order)  # Keras 3: no symbolic metrics
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG227", 6)]
    assert "before `self.keras_model.compile(...)`" in outcome.findings[0].message


def test_private_hdf5_loaders_are_written_out():
    """Kind 1: the tool knows the replacement (Keras 2.2's loader over a list of layers),
    so the call is rewritten and the import dropped, for every form real code uses."""
    source = textwrap.dedent("""\
        import h5py
        from keras.engine.topology import load_weights_from_hdf5_group
        def load(model, path, exclude):
            from keras.engine import saving
            f = h5py.File(path, mode="r")
            layers = filter(lambda l: l.name not in exclude, model.layers)
            saving.load_weights_from_hdf5_group_by_name(f, layers)
            load_weights_from_hdf5_group(f, model.layers)
    """)
    from migrate.codemods.keras_imports import KerasImports

    outcome = apply([KerasImports, KerasPrivateInternals], source, KERAS2)
    out = outcome.code
    assert "import saving" not in out and "from keras.engine.topology" not in out
    assert "\n    load_weights_from_hdf5_group_by_name(f, layers)\n" in out
    assert "\n    load_weights_from_hdf5_group(f, model.layers)\n" in out
    assert out.count("def load_weights_from_hdf5_group_by_name(f, layers, skip_mismatch=False):") == 1
    assert out.count("def load_weights_from_hdf5_group(f, layers):") == 1
    assert not [f for f in outcome.findings if f.kind == "warning"]


@pytest.mark.parametrize("source", [
    # the module used for something else too: the import stays, the call is warned about
    "from keras.engine import saving\nsaving.load_weights_from_hdf5_group_by_name(f, layers)\nsaving.preprocess_weights_for_loading(l, w)\n",
    # keywords the written-out loader does not take
    "from keras.engine import saving\nsaving.load_weights_from_hdf5_group_by_name(f, layers, reshape=True)\n",
])
def test_private_hdf5_loaders_warned_where_not_rewritable(source):
    outcome = check_unchanged(KerasPrivateInternals, source, KERAS2)
    assert "MIG227" in codes(outcome)
    assert "model.load_weights(path, by_name=True)" in outcome.findings[0].message


@pytest.mark.tf
@pytest.mark.slow
def test_add_metric_reports_the_batch_mean_under_tf_keras(tmp_path):
    """The rewrite trains and reports the metric; the original fails on tf-keras."""
    from tests.e2e.conftest import run_python

    program = textwrap.dedent("""\
        import os
        os.environ["TF_USE_LEGACY_KERAS"] = "1"
        import numpy as np
        import tensorflow as tf
        keras = tf.keras
        inp = keras.Input((2,))
        out = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="ones", name="d")(inp)
        keras_model = keras.Model(inp, out)
        keras_model._losses = []
        keras_model.add_loss(tf.reduce_mean(tf.square(out)))
        keras_model.metrics_names.append("out_mean")
        keras_model.metrics_tensors.append(tf.reduce_mean(out))
        keras_model.compile(keras.optimizers.SGD(0.0))
        history = keras_model.fit(np.ones((8, 2)), batch_size=4, verbose=0)
        print("history", sorted(history.history), history.history["out_mean"][0])
    """)
    migrated = apply(KerasPrivateInternals, program, KERAS2).code
    assert "metrics_tensors" not in migrated and "_losses" not in migrated
    (tmp_path / "new.py").write_text(migrated)
    (tmp_path / "old.py").write_text(program)
    new = run_python(tmp_path / "new.py")
    assert new.returncode == 0, new.stderr[-2000:]
    assert "history ['loss', 'out_mean'] 1.0" in new.stdout  # bias 1, weights 0, lr 0
    old = run_python(tmp_path / "old.py")
    # the `_losses = []` reset already breaks add_loss on tf-keras (before metrics_tensors)
    assert old.returncode != 0 and "unhashable type: 'ListWrapper'" in old.stderr
