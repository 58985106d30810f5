import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_backend_session import KerasBackendSession
from migrate.codemods.keras_imports import KerasImports
from migrate.testing import apply, check_rewrite, check_unchanged

KERAS3 = Settings(keras="3")
KERAS2 = Settings(keras="2")

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        K.set_session(tf.Session(config=config))
        x = 1
        """,
        """\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        x = 1
        """,
        id="set-session-config-only",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        import keras.backend as K
        sess = tf.Session(config=tf.ConfigProto(log_device_placement=True))
        K.set_session(sess)
        """,
        """\
        import tensorflow as tf
        import keras.backend as K
        sess = tf.Session(config=tf.ConfigProto(log_device_placement=True))
        """,
        id="set-session-through-a-name",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        def setup():
            K.set_session(tf.compat.v1.Session(config=cfg))
        """,
        """\
        import tensorflow as tf
        from keras import backend as K
        def setup():
            pass
        """,
        id="only-statement-of-a-function",
    ),
    pytest.param(
        """\
        from keras import backend as K
        K.set_learning_phase(0)
        """,
        """\
        from keras import backend as K
        """,
        id="set-learning-phase-0",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        y = K.tf.reduce_sum(x)
        """,
        """\
        import tensorflow as tf
        from keras import backend as K
        y = tf.reduce_sum(x)
        """,
        id="K-tf",
    ),
    pytest.param(
        """\
        from keras import backend as K
        y = K.tf.reduce_sum(x)
        """,
        """\
        from keras import backend as K
        import tensorflow as tf
        y = tf.reduce_sum(x)
        """,
        id="K-tf-adds-import",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(KerasBackendSession, before, after, KERAS3)


def test_keras2_target_keeps_session_through_compat_v1():
    before = "import tensorflow as tf\nfrom keras import backend as K\nsess = K.get_session()\nlp = K.learning_phase()\n"
    after = (
        "import tensorflow as tf\nfrom keras import backend as K\n"
        "sess = tf.compat.v1.keras.backend.get_session()\nlp = tf.compat.v1.keras.backend.learning_phase()\n"
    )
    check_rewrite(KerasBackendSession, before, after, KERAS2)


def test_session_imports_with_keras_imports():
    source = textwrap.dedent("""\
        import tensorflow as tf
        from keras.backend.tensorflow_backend import set_session, get_session
        set_session(tf.Session(config=config))
        sess = get_session()
        """)
    keras3 = apply([KerasImports, KerasBackendSession], source, KERAS3)
    # set_session goes with its call; get_session has no Keras 3 home: kept and warned.
    assert keras3.code == textwrap.dedent("""\
        import tensorflow as tf
        from keras.backend.tensorflow_backend import get_session
        sess = get_session()
        """)
    assert [(f.code, f.line) for f in keras3.findings if f.kind == "warning"] == [("MIG251", 2), ("MIG255", 4)]
    keras2 = apply([KerasImports, KerasBackendSession], source, KERAS2)
    assert "from tensorflow.compat.v1.keras.backend import get_session\n" in keras2.code
    assert "set_session" not in keras2.code


WARNINGS = [
    pytest.param("from keras import backend as K\nx = 1\ns = K.get_session()\n", 3, id="get-session"),
    pytest.param("from keras import backend as K\nf = K.function([a, K.learning_phase()], [b])\n", 2, id="learning-phase"),
    pytest.param("from keras import backend as K\nK.set_learning_phase(1)\n", 2, id="set-learning-phase-1"),
    pytest.param(
        "import tensorflow as tf\nfrom keras import backend as K\nsess = tf.Session(config=c)\nK.set_session(sess)\nsess.run(op)\n",
        4, id="set-session-of-a-used-session",
    ),
    pytest.param(
        "import tensorflow as tf\nfrom keras import backend as K\nK.set_session(tf.Session(graph=g))\n",
        3, id="set-session-with-graph",
    ),
]


@pytest.mark.parametrize("source, line", WARNINGS)
def test_warnings(source, line):
    outcome = apply(KerasBackendSession, source, KERAS3)
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG255", line)]
    assert outcome.code == source


UNCHANGED = [
    pytest.param("import numpy as K\nK.set_session(s)\nK.tf\n", id="numpy-as-K"),
    pytest.param("K = object()\nK.get_session()\n", id="local-variable"),
    pytest.param('import keras\n# K.get_session()\ns = "K.set_session(x)"\n', id="strings-and-comments"),
    pytest.param("import tensorflow as tf\nx = tf.reduce_sum(y)\n", id="already-migrated"),
    pytest.param("import os\nos.getcwd()\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nsess = tf.Session()\nsess.run(x)\n", id="compat-v1-session"),
    pytest.param("import tensorflow\ns = tensorflow.Session()\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow import Session\ns = Session()\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\ns = tf1.Session()\n", id="alias-tf1"),
    pytest.param("from tensorflow.keras import backend as K\nK.clear_session()\n", id="other-backend-call"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasBackendSession, source, KERAS3)
    assert outcome.findings == []


@pytest.mark.tf
@pytest.mark.slow
def test_keras2_session_names_resolve():
    """Every name MIG204 can emit: tf.compat.v1.keras.backend.{get_session, ...} under tf-keras."""
    program = (
        "import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\nimport tensorflow as tf\n"
        "from tensorflow.compat.v1.keras.backend import get_session, set_session, learning_phase, set_learning_phase\n"
        "print(callable(tf.compat.v1.keras.backend.get_session), callable(get_session))\n"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("True True")


def test_control_flow_ops_of_the_keras2_backend():
    """keras-yolo3's yolo_loss: `K.control_flow_ops.while_loop` (Keras 2.2 re-exported TF's
    module) -> `tf.compat.v1.while_loop`."""
    from migrate.codemods.keras_backend_session import KerasBackendSession
    from migrate.testing import check_rewrite

    check_rewrite(
        KerasBackendSession,
        "import keras.backend as K\n_, mask = K.control_flow_ops.while_loop(lambda b, *args: b < m, body, [0, mask])\n",
        "import keras.backend as K\nimport tensorflow as tf\n_, mask = tf.compat.v1.while_loop(lambda b, *args: b < m, body, [0, mask])\n",
    )
