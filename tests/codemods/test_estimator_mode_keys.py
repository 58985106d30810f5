import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods import load_all
from migrate.codemods.estimator_mode_keys import EstimatorModeKeys, mode_keys_path
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes


@pytest.mark.parametrize("before, after", [
    ("import tensorflow as tf\ntraining = mode == tf.estimator.ModeKeys.TRAIN\n",
     'import tensorflow as tf\ntraining = mode == "train"\n'),
    ("import tensorflow.compat.v1 as tf\nif mode in (tf.estimator.ModeKeys.EVAL, tf.estimator.ModeKeys.PREDICT):\n    pass\n",
     'import tensorflow.compat.v1 as tf\nif mode in ("eval", "infer"):\n    pass\n'),
    ("import tensorflow as tf\nkeys = [tf.compat.v1.estimator.ModeKeys.PREDICT for _ in range(2)]\n",
     'import tensorflow as tf\nkeys = ["infer" for _ in range(2)]\n'),
    ("from tensorflow import estimator\ndef f(mode=estimator.ModeKeys.TRAIN):\n    return mode\n",
     'def f(mode="train"):\n    return mode\n'),
    ("from tensorflow.estimator import ModeKeys as MK\nrun(mode=MK.EVAL)\n",
     'run(mode="eval")\n'),
    ("import tensorflow as tf\nfrom tensorflow.estimator import ModeKeys, RunConfig\nx = ModeKeys.PREDICT.upper()\n",
     'import tensorflow as tf\nfrom tensorflow.estimator import RunConfig\nx = "infer".upper()\n'),
    ("import tensorflow_estimator as tf_estimator\ny = f(tf_estimator.estimator.ModeKeys.TRAIN)\n",
     'y = f("train")\n'),
    ("from tensorflow_estimator.python.estimator.mode_keys import ModeKeys\nm = ModeKeys.TRAIN\n",
     'm = "train"\n'),
    ("import tensorflow as tf\nmodes = tf.estimator.ModeKeys\n\ndef g(mode):\n    return mode != modes.TRAIN\n",
     'import tensorflow as tf\n\ndef g(mode):\n    return mode != "train"\n'),
], ids=["tf", "compat-v1-alias", "compat-path-comprehension", "from-tensorflow-import-estimator-default-arg",
        "from-import-as", "from-import-shared-line-method-call", "tensorflow-estimator-package",
        "estimator-private-module", "two-step-module-alias"])
def test_members_become_their_strings(before, after):
    outcome = check_rewrite(EstimatorModeKeys, before, after)
    assert "MIG506" in codes(outcome, "change")


@pytest.mark.parametrize("source", [
    "import other as tf\nm = tf.estimator.ModeKeys.TRAIN\n",
    'import tensorflow as tf\ns = "tf.estimator.ModeKeys.TRAIN"  # tf.estimator.ModeKeys.EVAL\n',
    "from my_project import ModeKeys\nm = ModeKeys.TRAIN\n",
    'import tensorflow as tf\nm = "train"\n',
    "import tensorflow as tf\nm = tf.estimator.ModeKeys.SOMETHING_ELSE\n",
    "import tensorflow as tf\nclass ModeKeys:\n    TRAIN = 't'\nm = ModeKeys.TRAIN\n",
], ids=["other-module", "strings-and-comments", "project-class", "already-migrated", "unknown-member",
        "own-class"])
def test_unchanged(source):
    check_unchanged(EstimatorModeKeys, source)


def test_class_used_as_a_value_keeps_its_import_and_its_warning():
    source = ("import tensorflow as tf\nfrom tensorflow.estimator import ModeKeys\n"
              "ALL = vars(ModeKeys)\nm = ModeKeys.EVAL\nn = tf.estimator.ModeKeys\n")
    outcome = apply(load_all(), source)
    assert "from tensorflow.estimator import ModeKeys\n" in outcome.code
    assert 'm = "eval"\n' in outcome.code and "n = tf.estimator.ModeKeys\n" in outcome.code
    # the rewritten member is not reported as a tf.estimator use; the class and its import are
    warned = sorted(f.line for f in outcome.findings if f.code == "MIG181")
    assert warned == [2, 3, 5]


def test_two_step_alias_with_another_use_stays():
    source = "import tensorflow as tf\nmodes = tf.estimator.ModeKeys\nprint(modes)\nm = modes.TRAIN\n"
    code = apply(EstimatorModeKeys, source).code
    assert code == 'import tensorflow as tf\nmodes = tf.estimator.ModeKeys\nprint(modes)\nm = "train"\n'


def test_path_of_each_spelling():
    assert mode_keys_path("tensorflow.estimator.ModeKeys.PREDICT") == "PREDICT"
    assert mode_keys_path("tensorflow.compat.v1.estimator.ModeKeys") == ""
    assert mode_keys_path("tensorflow.estimator.RunConfig") is None
    assert mode_keys_path("numpy.ModeKeys.TRAIN") is None


def test_needed():
    assert not EstimatorModeKeys.needed(prescan("import tensorflow as tf\nx = tf.estimator.RunConfig()\n"), Settings())
    assert EstimatorModeKeys.needed(prescan("import tensorflow as tf\nx = tf.estimator.ModeKeys.TRAIN\n"), Settings())


PROGRAM = textwrap.dedent("""\
    import numpy as np
    import tensorflow as tf
    from tensorflow.estimator import ModeKeys
    modes = tf.estimator.ModeKeys

    def model_fn(features, mode):
        # dropout only while training, as Estimator model_fns did
        rate = 0.5 if mode == tf.estimator.ModeKeys.TRAIN else 0.0
        return tf.nn.dropout(features, rate=rate) if rate else tf.identity(features)

    x = tf.ones([1000])
    for mode in (ModeKeys.TRAIN, modes.EVAL, tf.estimator.ModeKeys.PREDICT):
        y = model_fn(x, mode).numpy()
        print(mode, int((y == 0).sum() > 300), float(y.max()))
""")


@pytest.mark.tf
def test_migrated_program_runs_on_tf2_with_the_tf1_values(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    migrate = subprocess.run([sys.executable, "-m", "migrate", "code", str(script)], capture_output=True, text=True)
    assert migrate.returncode in (0, 1), migrate.stderr
    assert "estimator" not in script.read_text()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    # TF 1.x's values: TRAIN drops about half and scales the rest by 2; EVAL / PREDICT pass through
    assert run.stdout.split("\n")[:3] == ["train 1 2.0", "eval 0 1.0", "infer 0 1.0"]
