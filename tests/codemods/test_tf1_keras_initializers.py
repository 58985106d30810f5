"""MIG110: TF 1 tf.keras.initializers constructors -> Keras 3 (MIG192)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from migrate.codemod import Settings
from migrate.codemods.tf1_keras_initializers import Tf1KerasInitializers
from migrate.testing import apply, check_rewrite, check_unchanged, codes

K2 = Settings(keras="2")


@pytest.mark.parametrize(
    "before, after",
    [
        ("a = tf.keras.initializers.glorot_uniform(7, tf.float32)", "a = tf.keras.initializers.glorot_uniform(7)"),
        ("a = tf.keras.initializers.glorot_normal(seed=1, dtype='float32')", "a = tf.keras.initializers.glorot_normal(seed=1)"),
        ("b = tf.keras.initializers.uniform(-0.1, 0.1)", "b = tf.keras.initializers.RandomUniform(-0.1, 0.1)"),
        ("b = tf.keras.initializers.normal(0.0, 0.2, 3)", "b = tf.keras.initializers.RandomNormal(0.0, 0.2, 3)"),
        ("c = tf.keras.initializers.Zeros(dtype=tf.float32)", "c = tf.keras.initializers.Zeros()"),
        ("c = tf.keras.initializers.Constant(2.0, tf.float32, False)", "c = tf.keras.initializers.Constant(2.0)"),
        ("i = tf.keras.initializers.Identity(0.5, tf.float32)", "i = tf.keras.initializers.Identity(0.5)"),
        (
            "l = tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.normal)",
            "l = tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.RandomNormal)",
        ),
    ],
)
def test_rewrites(before, after):
    check_rewrite(Tf1KerasInitializers, f"import tensorflow as tf\n{before}\n", f"import tensorflow as tf\n{after}\n")


def test_from_import_module():
    check_rewrite(
        Tf1KerasInitializers,
        "from tensorflow.keras import initializers\nw = initializers.glorot_normal(1, tf.float32)\n",
        "from tensorflow.keras import initializers\nw = initializers.glorot_normal(1)\n",
    )


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\na = tf.keras.initializers.glorot_uniform(7)\n",
        "import tensorflow as tf\na = tf.keras.initializers.VarianceScaling(2.0, 'fan_avg')\n",
        "import tensorflow as tf\na = tf.keras.initializers.RandomUniform(-1, 1, seed=3)\n",
        "import keras\na = keras.initializers.glorot_uniform(7)\n",  # standalone Keras: no dtype there
        "import other as tf\na = tf.keras.initializers.uniform(1, 2)\n",
        "import tensorflow as tf\ns = 'tf.keras.initializers.uniform(1, 2)'\n",
    ],
)
def test_unchanged(source):
    check_unchanged(Tf1KerasInitializers, source)


def test_keras2_target_untouched():
    check_unchanged(Tf1KerasInitializers, "import tensorflow as tf\na = tf.keras.initializers.uniform(1, 2, 3, tf.float32)\n", K2)


def test_other_dtype_is_reported():
    outcome = check_unchanged(Tf1KerasInitializers, "import tensorflow as tf\nc = tf.keras.initializers.Constant(3.0, tf.float64)\n")
    assert codes(outcome, "warning") == ["MIG192"]
    assert "dtype" in outcome.findings[0].message


PROGRAM = """\
import numpy as np
import tensorflow as tf
init = tf.keras.initializers.glorot_uniform(7, tf.float32)
layer = tf.keras.layers.Dense(4, kernel_initializer=init, bias_initializer=tf.keras.initializers.uniform(0.5, 0.5))
layer.build((None, 6))
w, b = layer.get_weights()
limit = np.sqrt(6.0 / (6 + 4))
print(w.shape, bool(np.abs(w).max() <= limit), bool(w.std() > limit / 4), b.tolist())
print(np.asarray(tf.keras.initializers.Zeros(dtype=tf.float32)((2,))).tolist())
"""


@pytest.mark.tf
def test_migrated_program_runs_on_keras3():
    from migrate.runner import migrate_source

    migrated = migrate_source(PROGRAM, Settings(keras="3")).code
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-2000:] + migrated
    assert result.stdout.splitlines() == ["(6, 4) True True [0.5, 0.5, 0.5, 0.5]", "[0.0, 0.0]"], result.stdout
