import textwrap

import pytest

from migrate.codemods.keras_backend_session import KerasBackendSession
from migrate.codemods.session_config import SessionConfig
from migrate.testing import apply, check_rewrite, check_unchanged, codes

# MIG204 removes the `set_session(...)` call; MIG212 turns the options into tf.config.
BOTH = [KerasBackendSession, SessionConfig]

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K

        config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
        config.gpu_options.allow_growth = True
        sess = tf.Session(config=config)
        K.set_session(sess)
        model = build()
        """,
        """\
        import tensorflow as tf
        for gpu in tf.config.list_physical_devices("GPU"):
            tf.config.experimental.set_memory_growth(gpu, True)
        tf.config.set_soft_device_placement(True)
        tf.debugging.set_log_device_placement(False)
        from keras import backend as K
        model = build()
        """,
        id="attribute-assignment-module-level",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        import keras.backend.tensorflow_backend as KTF

        gpu_options = tf.GPUOptions(allow_growth=True, allocator_type="BFC")
        KTF.set_session(tf.Session(config=tf.ConfigProto(gpu_options=gpu_options, intra_op_parallelism_threads=2, inter_op_parallelism_threads=1)))
        """,
        """\
        import tensorflow as tf
        for gpu in tf.config.list_physical_devices("GPU"):
            tf.config.experimental.set_memory_growth(gpu, True)
        tf.config.threading.set_intra_op_parallelism_threads(2)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        import keras.backend.tensorflow_backend as KTF
        """,
        id="gpu-options-name-and-threads",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras.backend import set_session

        def main(args):
            config = tf.ConfigProto()
            # share the GPU with the other jobs
            config.gpu_options.allow_growth = args.grow
            set_session(tf.Session(config=config))
            train()
        """,
        """\
        import tensorflow as tf
        from keras.backend import set_session

        def main(args):
            # share the GPU with the other jobs
            for gpu in tf.config.list_physical_devices("GPU"):
                tf.config.experimental.set_memory_growth(gpu, args.grow)
            train()
        """,
        id="run-time-value-stays-at-site",
    ),
]

UNCHANGED = [
    pytest.param(
        """\
        import tensorflow as tf
        config = tf.ConfigProto()
        config.gpu_options.allow_growth = True
        with tf.Session(config=config) as sess:
            sess.run(x)
        """,
        id="graph-session-kept",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        sess = tf.Session(config=config)
        K.set_session(sess)
        sess.run(init)
        """,
        id="session-also-used-for-run",
    ),
    pytest.param(
        """\
        import numpy as tf
        from keras import backend as K
        config = tf.ConfigProto()
        K.set_session(tf.Session(config=config))
        """,
        id="numpy-as-tf",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        s = "config = tf.ConfigProto(); K.set_session(tf.Session(config=config))"
        # config.gpu_options.allow_growth = True
        """,
        id="strings-comments",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        for gpu in tf.config.list_physical_devices("GPU"):
            tf.config.experimental.set_memory_growth(gpu, True)
        """,
        id="already-migrated",
    ),
    pytest.param("def set_session(x):\n    pass\nset_session(1)\n", id="no-tensorflow"),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        config = tf.ConfigProto(allow_soft_placement=True)
        sess = tf.Session(config=config)
        """,
        id="compat-v1-graph",
    ),
    pytest.param("import tensorflow\nc = tensorflow.ConfigProto()\ns = tensorflow.Session(config=c)\n", id="plain-import"),
    pytest.param("from tensorflow import ConfigProto\nc = ConfigProto()\n", id="from-import"),
    pytest.param(
        "import tensorflow as tf1\nconfig = tf1.ConfigProto()\nwith tf1.Session(config=config) as s:\n    s.run(y)\n",
        id="alias-tf1-graph",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(BOTH, before, after)
    assert "MIG212" in codes(outcome, "change")


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(SessionConfig, source)
    assert codes(outcome) == []


def test_alias_tf1_and_compat_v1_keras_case():
    before = textwrap.dedent("""\
        import tensorflow.compat.v1 as tf1
        from keras import backend as K
        K.set_session(tf1.Session(config=tf1.ConfigProto(allow_soft_placement=True)))
    """)
    outcome = apply(BOTH, before)
    assert "tf.config.set_soft_device_placement(True)" in outcome.code
    assert "import tensorflow as tf\n" in outcome.code  # the TF 2 API, not compat.v1
    assert "set_session(" not in outcome.code


def test_memory_fraction_becomes_growth_and_warns_with_the_cap():
    before = """\
        import tensorflow as tf
        from keras import backend as K
        gpu_options = tf.GPUOptions(per_process_gpu_memory_fraction=0.25)
        K.set_session(tf.Session(config=tf.ConfigProto(gpu_options=gpu_options)))
    """
    after = """\
        import tensorflow as tf
        for gpu in tf.config.list_physical_devices("GPU"):
            tf.config.experimental.set_memory_growth(gpu, True)
        from keras import backend as K
    """
    outcome = check_rewrite(BOTH, before, after)
    [warning] = [f for f in outcome.findings if f.code == "MIG222"]
    assert warning.line == 4
    assert "memory_limit=MB" in warning.message and "0.25 x 16384 MB = 4096" in warning.message


def test_run_time_values_warn_that_calls_must_come_first():
    outcome = apply(BOTH, textwrap.dedent(REWRITES[2].values[0]))
    [warning] = [f for f in outcome.findings if f.kind == "warning"]
    assert (warning.code, warning.line) == ("MIG222", 7)
    assert "must run before TensorFlow runs any op" in warning.message


def test_unknown_option_is_warned_not_converted():
    source = textwrap.dedent("""\
        import tensorflow as tf
        from keras.backend import set_session
        set_session(tf.Session(config=tf.ConfigProto(device_count={"GPU": 0})))
    """)
    outcome = check_unchanged(SessionConfig, source)
    [warning] = outcome.findings
    assert (warning.code, warning.line) == ("MIG222", 3)
    assert "device_count" in warning.message and "set_visible_devices" in warning.message


def test_conditional_options_are_warned_not_moved():
    source = textwrap.dedent("""\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        if args.share_gpu:
            config.gpu_options.allow_growth = True
        K.set_session(tf.Session(config=config))
    """)
    outcome = apply(SessionConfig, source)
    assert outcome.code == source
    [warning] = outcome.findings
    assert (warning.code, warning.line) == ("MIG222", 6)
    assert "conditionally" in warning.message


def test_skip_marker_leaves_the_whole_config_alone():
    source = textwrap.dedent("""\
        import tensorflow as tf
        from keras import backend as K
        config = tf.ConfigProto()
        config.gpu_options.allow_growth = True  # migrate: skip
        K.set_session(tf.Session(config=config))
    """)
    outcome = apply(SessionConfig, source)
    assert outcome.code == source and outcome.findings == []


def test_needed_is_false_on_migrated_and_graph_code():
    from migrate.codemod import Settings
    from migrate.prescan import prescan

    for source in (REWRITES[0].values[1], UNCHANGED[0].values[0]):
        assert not SessionConfig.needed(prescan(textwrap.dedent(source)), Settings())


@pytest.mark.tf
def test_emitted_names_resolve():
    import tensorflow as tf

    for path in (
        "config.list_physical_devices", "config.experimental.set_memory_growth",
        "config.set_soft_device_placement", "debugging.set_log_device_placement",
        "config.threading.set_intra_op_parallelism_threads",
        "config.threading.set_inter_op_parallelism_threads",
        "config.set_logical_device_configuration", "config.LogicalDeviceConfiguration",
        "config.set_visible_devices", "compat.v1.ConfigProto", "compat.v1.Session",
    ):
        obj = tf
        for part in path.split("."):
            obj = getattr(obj, part)
        assert callable(obj), path


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_keras_program_applies_options_and_placement_matters(tmp_path):
    """The emitted calls take effect; run after an op they would raise."""
    from tests.e2e.conftest import run_python

    program = textwrap.dedent("""\
        import tensorflow as tf
        from keras import backend as K
        import numpy as np

        config = tf.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
        config.gpu_options.allow_growth = True
        K.set_session(tf.Session(config=config))

        import keras
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.compile("sgd", "mse")
        model.fit(np.ones((8, 3)), np.ones((8, 1)), verbose=0)
        print("threads", tf.config.threading.get_intra_op_parallelism_threads(),
              tf.config.threading.get_inter_op_parallelism_threads())
        try:
            tf.config.threading.set_intra_op_parallelism_threads(3)
        except RuntimeError as error:
            print("late:", error)
    """)
    migrated = apply(BOTH, program).code
    script = tmp_path / "keras_config.py"
    script.write_text(migrated)
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    assert "threads 1 1" in result.stdout
    assert "late: Intra op parallelism cannot be modified after initialization" in result.stdout
    (tmp_path / "original.py").write_text(program)
    original = run_python(tmp_path / "original.py")
    assert original.returncode != 0 and "ConfigProto" in original.stderr
