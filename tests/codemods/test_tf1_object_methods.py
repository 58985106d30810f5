"""MIG109: TF 1-only Dataset methods / attributes -> tf.compat.v1.data functions (MIG191)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from migrate.codemod import Settings
from migrate.codemods.tf1_object_methods import Tf1ObjectMethods
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        ds = tf.data.TFRecordDataset(files).map(parse).batch(4)
        it = ds.make_one_shot_iterator()
        init = ds.make_initializable_iterator(shared_name="x")
        shapes, types = ds.output_shapes, ds.output_types
        """,
        """\
        import tensorflow as tf
        ds = tf.data.TFRecordDataset(files).map(parse).batch(4)
        it = tf.compat.v1.data.make_one_shot_iterator(ds)
        init = tf.compat.v1.data.make_initializable_iterator(ds, shared_name="x")
        shapes, types = tf.compat.v1.data.get_output_shapes(ds), tf.compat.v1.data.get_output_types(ds)
        """,
        id="known-dataset",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def input_fn(dataset):
            return dataset.make_one_shot_iterator().get_next()
        """,
        """\
        import tensorflow as tf
        def input_fn(dataset):
            return tf.compat.v1.data.make_one_shot_iterator(dataset).get_next()
        """,
        id="parameter-receiver-iterator-method",
    ),
    pytest.param(
        """\
        import tensorflow as tflow
        it = tflow.data.Dataset.range(3).repeat().make_one_shot_iterator()
        c = it.output_classes
        """,
        """\
        import tensorflow as tflow
        it = tflow.compat.v1.data.make_one_shot_iterator(tflow.data.Dataset.range(3).repeat())
        c = tflow.compat.v1.data.get_output_classes(it)
        """,
        id="alias-chain-and-iterator",
    ),
    pytest.param(
        """\
        from tensorflow.data import Dataset
        shapes = [Dataset.range(n).output_shapes for n in (1, 2)]
        """,
        """\
        from tensorflow.data import Dataset
        import tensorflow as tf
        shapes = [tf.compat.v1.data.get_output_shapes(Dataset.range(n)) for n in (1, 2)]
        """,
        id="from-import-comprehension",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(Tf1ObjectMethods, before, after)


UNCHANGED = [
    "import tensorflow as tf\nit = tf.compat.v1.data.make_one_shot_iterator(ds)\n",
    "import tensorflow as tf\ns = tf.compat.v1.data.get_output_shapes(ds)\n",
    "import other as tf\nit = ds.make_one_shot_iterator()\n",
    "it = ds.make_one_shot_iterator()\n",  # no TensorFlow in the file
    "import tensorflow as tf\ntext = 'ds.make_one_shot_iterator()'\n",
    "import tensorflow as tf\nds = tf.data.Dataset.range(3)\nds.output_shapes = None\n",
    "import tensorflow as tf\nspec = tf.data.Dataset.range(3).element_spec\n",
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(Tf1ObjectMethods, source)
    assert codes(outcome, "warning") == []


def test_unknown_receiver_attribute_is_reported():
    source = "import tensorflow as tf\ndef f(dataset):\n    return dataset.output_shapes\n"
    outcome = check_unchanged(Tf1ObjectMethods, source)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG191", 3)]
    assert "get_output_shapes" in outcome.findings[0].message


def test_reassigned_name_is_not_known():
    source = "import tensorflow as tf\nds = tf.data.Dataset.range(3)\nds = load()\nx = ds.output_types\n"
    assert codes(apply(Tf1ObjectMethods, source), "warning") == ["MIG191"]


def test_export_savedmodel_is_reported():
    source = "import tensorflow as tf\nest.export_savedmodel('/tmp/e', serving_fn)\n"
    outcome = check_unchanged(Tf1ObjectMethods, source)
    assert codes(outcome, "warning") == ["MIG191"]
    assert "export_saved_model" in outcome.findings[0].message


def test_needed_is_cheap_and_false_without_names():
    assert not Tf1ObjectMethods.needed(prescan("import tensorflow as tf\nx = tf.data.Dataset.range(3)\n"), Settings())
    assert Tf1ObjectMethods.needed(prescan("import tensorflow as tf\nx = d.make_one_shot_iterator()\n"), Settings())


PROGRAM = """\
import numpy as np
import tensorflow as tf

def first_batch(dataset):
    return dataset.make_one_shot_iterator().get_next()

ds = tf.data.Dataset.from_tensor_slices(np.arange(6, dtype="int64")).batch(4)
print("shapes", ds.output_shapes.as_list(), ds.output_types.name)
with tf.Session() as sess:
    print("batch", sess.run(first_batch(ds)).tolist())
    it = ds.make_initializable_iterator()
    sess.run(it.initializer)
    print("again", sess.run(it.get_next()).tolist(), sess.run(it.get_next()).tolist())
"""


@pytest.mark.tf
def test_migrated_program_runs_on_tf2():
    from migrate.runner import migrate_source

    migrated = migrate_source(PROGRAM, Settings()).code
    assert "make_one_shot_iterator(dataset)" in migrated and ".output_shapes" not in migrated
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:] + migrated
    assert result.stdout.splitlines() == [
        "shapes [None] int64", "batch [0, 1, 2, 3]", "again [0, 1, 2, 3] [4, 5]",
    ], result.stdout
