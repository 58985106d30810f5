import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.absl_flags_logging import ABSL_LOGGING, AbslFlagsLogging
from migrate.prescan import prescan
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf

        flags = tf.app.flags
        flags.DEFINE_integer("steps", 100, "Training steps.")
        FLAGS = flags.FLAGS
        """,
        """\
        import tensorflow as tf

        from absl import flags
        flags.DEFINE_integer("steps", 100, "Training steps.")
        FLAGS = flags.FLAGS
        """,
        id="flags-module-alias",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        tf.flags.DEFINE_string("data_dir", "/tmp", "Data.")
        tf.app.flags.DEFINE_float(flag_name="lr", default_value=0.1, docstring="Rate.")
        FLAGS = tf.app.flags.FLAGS
        """,
        """\
        import tensorflow as tf
        from absl import flags
        flags.DEFINE_string("data_dir", "/tmp", "Data.")
        flags.DEFINE_float(name="lr", default=0.1, help="Rate.")
        FLAGS = flags.FLAGS
        """,
        id="tf-flags-and-tf1-keywords",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        tf.logging.set_verbosity(tf.logging.INFO)
        tf.logging.info("loss=%f", loss)
        tf.logging.warn("careful")
        tf.logging.log_every_n(tf.logging.INFO, "step %d", 100, step)
        """,
        """\
        import tensorflow as tf
        from absl import logging
        logging.set_verbosity(logging.INFO)
        logging.info("loss=%f", loss)
        logging.warn("careful")
        logging.log_every_n(logging.INFO, "step %d", 100, step)
        """,
        id="logging",
    ),
    pytest.param(
        """\
        import logging
        import tensorflow as tf
        logging.basicConfig()
        tf.logging.error("bad")
        """,
        """\
        import logging
        import tensorflow as tf
        from absl import logging as absl_logging
        logging.basicConfig()
        absl_logging.error("bad")
        """,
        id="stdlib-logging-name-taken",
    ),
    pytest.param(
        """\
        import tensorflow as tf

        def main(_):
            pass

        if __name__ == "__main__":
            tf.app.run()
        """,
        """\
        import tensorflow as tf
        from absl import app
        from absl import flags

        def main(_):
            pass

        if __name__ == "__main__":
            app.run(main, flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))
        """,
        id="app-run-finds-main",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def train(argv):
            pass
        tf.app.run(main=train, argv=["prog"])
        """,
        """\
        import tensorflow as tf
        from absl import app
        from absl import flags
        def train(argv):
            pass
        app.run(main=train, argv=["prog"], flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))
        """,
        id="app-run-with-main",
    ),
    pytest.param(
        """\
        from tensorflow.python.platform import flags, tf_logging as logging
        from tensorflow.python.platform import app
        logging.info("x")
        """,
        """\
        from absl import flags, logging
        from absl import app
        logging.info("x")
        """,
        id="private-platform-modules",
    ),
    pytest.param(
        """\
        import tensorflow as tf1
        tf1.logging.TaskLevelStatusMessage("x")
        """,
        """\
        import tensorflow as tf1
        tf1.compat.v1.logging.TaskLevelStatusMessage("x")
        """,
        id="alias-tf1-name-absl-lacks",
    ),
    pytest.param(
        """\
        from tensorflow import flags, keras
        flags.DEFINE_integer("n", 1, "N.")
        model = keras.Sequential()
        """,
        """\
        from tensorflow import keras
        from absl import flags
        flags.DEFINE_integer("n", 1, "N.")
        model = keras.Sequential()
        """,
        id="from-tensorflow-import-mixed",
    ),
    pytest.param(
        """\
        import tensorflow
        tensorflow.compat.v1.flags.DEFINE_bool("fast", False, "Go fast.")  # keep me
        """,
        """\
        import tensorflow
        from absl import flags
        flags.DEFINE_bool("fast", False, "Go fast.")  # keep me
        """,
        id="bare-import-compat-path",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ntf.logging.info('x')\n", id="numpy-as-tf"),
    pytest.param("import tensorflow as tf\ntf = make()\ntf.app.run()\n", id="local-variable-tf"),
    pytest.param('import tensorflow as tf\nx = "tf.app.run()"  # tf.logging.info\n', id="string-and-comment"),
    pytest.param("import logging\nlogging.info('x')\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\nfrom absl import app, flags, logging\nlogging.info('x')\n", id="already-migrated"
    ),
    pytest.param("from tensorflow import keras\nkeras.utils.get_file('a', 'b')\n", id="from-tensorflow-import-other"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(AbslFlagsLogging, before, after)
    assert set(codes(outcome)) == {"MIG106"}
    assert outcome.required == {"absl-py"} or "compat.v1" in after


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    assert not check_unchanged(AbslFlagsLogging, source).findings


def test_needed_false_on_migrated_file():
    source = "import tensorflow as tf\nfrom absl import flags\nflags.DEFINE_integer('n', 1, 'n')\n"
    assert not AbslFlagsLogging.needed(prescan(source), Settings())


@pytest.mark.parametrize(
    "source, line, words",
    [
        ("import tensorflow as tf\ntf.logging.set_verbosity(20)\n", 2, "INFO=20"),
        ("import tensorflow as tf\ntf.app.run()\n", 2, "app.run(main)"),
        ("import tensorflow as tf\ndef main():\n    pass\n\ntf.app.run()\n", 5, "main(argv)"),
    ],
    ids=["numeric-level", "no-main", "main-without-argv"],
)
def test_warnings(source, line, words):
    outcome = apply(AbslFlagsLogging, source)
    warnings = [f for f in outcome.findings if f.kind == "warning"]
    assert [(f.code, f.line) for f in warnings] == [("MIG161", line)]
    assert words in warnings[0].message


PROGRAM = textwrap.dedent(
    """\
    import tensorflow as tf

    flags = tf.app.flags
    flags.DEFINE_integer("steps", 3, "Steps.")
    tf.flags.DEFINE_string(flag_name="tag", default_value="a", docstring="Tag.")
    FLAGS = flags.FLAGS


    def main(argv):
        tf.logging.set_verbosity(tf.logging.INFO)
        tf.logging.info("logged at info")
        tf.logging.debug("not shown at info")
        print("steps=%d tag=%s argv=%s" % (FLAGS.steps, FLAGS.tag, argv[1:]))


    if __name__ == "__main__":
        tf.app.run()
    """
)


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_program_parses_flags_and_logs(tmp_path):
    """The migrated program runs on absl: flags parse, an undefined flag is not fatal (as
    under TF 1), main gets argv, INFO is logged."""
    script = tmp_path / "prog.py"
    script.write_text(apply(AbslFlagsLogging, PROGRAM).code)
    assert "tf." not in script.read_text().replace("import tensorflow as tf", "")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    result = subprocess.run(
        [sys.executable, str(script), "--steps=7", "--tag", "b", "--unused=1", "extra"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # TF 1 parsed known flags only and handed the rest to main; absl's default would exit
    assert "steps=7 tag=b argv=['--unused=1', 'extra']" in result.stdout
    assert "logged at info" in result.stderr and "not shown at info" not in result.stderr


@pytest.mark.tf
def test_absl_has_every_logging_name():
    from absl import logging

    assert all(hasattr(logging, name) for name in ABSL_LOGGING)


# TF 1's tf.app.flags.FLAGS parsed sys.argv (known flags only) on the first read of a flag;
# absl raises UnparsedFlagAccessError. Programs that read a flag before or without app.run.
LAZY_PARSE = [
    pytest.param(
        """\
        import tensorflow as tf

        flags = tf.app.flags
        FLAGS = flags.FLAGS
        flags.DEFINE_string("dataset", "mnist", "Which.")

        assert FLAGS.dataset in ["mnist", "custom"]
        """,
        """\
        import tensorflow as tf

        from absl import flags
        import sys
        FLAGS = flags.FLAGS
        flags.DEFINE_string("dataset", "mnist", "Which.")

        if not FLAGS.is_parsed():  # tf.app.flags parsed the command line on first use
            FLAGS(sys.argv, known_only=True)
        assert FLAGS.dataset in ["mnist", "custom"]
        """,
        id="module-level-read",
    ),
    pytest.param(
        """\
        import sys
        import tensorflow.compat.v1 as tf

        tf.app.flags.DEFINE_integer("steps", 3, "Steps.")


        def main():
            return tf.app.flags.FLAGS.steps


        if __name__ == "__main__":
            print(main())
        """,
        """\
        import sys
        import tensorflow.compat.v1 as tf
        from absl import flags

        flags.DEFINE_integer("steps", 3, "Steps.")


        def main():
            return flags.FLAGS.steps


        if not flags.FLAGS.is_parsed():  # tf.app.flags parsed the command line on first use
            flags.FLAGS(sys.argv, known_only=True)
        if __name__ == "__main__":
            print(main())
        """,
        id="main-block-calls-functions-without-app-run",
    ),
    # facenet 1.0.5 tmp/seed_test.py: a function reading flags called at module level
    pytest.param(
        """\
        import tensorflow as tf

        tf.app.flags.DEFINE_integer("batch_size", 90, "Batch.")
        FLAGS = tf.app.flags.FLAGS


        def size():
            return FLAGS.batch_size


        def run_train():
            return [size()] * 2


        def unrelated():
            return 0


        unrelated()
        a, b = run_train()
        """,
        """\
        import tensorflow as tf
        from absl import flags
        import sys

        flags.DEFINE_integer("batch_size", 90, "Batch.")
        FLAGS = flags.FLAGS


        def size():
            return FLAGS.batch_size


        def run_train():
            return [size()] * 2


        def unrelated():
            return 0


        unrelated()
        if not FLAGS.is_parsed():  # tf.app.flags parsed the command line on first use
            FLAGS(sys.argv, known_only=True)
        a, b = run_train()
        """,
        id="module-level-call-of-a-function-that-reads-flags",
    ),
    pytest.param(
        """\
        import tensorflow as tf

        tf.app.flags.DEFINE_integer('batch_size', 32, 'Number of samples per batch.')
        FLAGS = tf.app.flags.FLAGS


        def next_batch(num_samples=FLAGS.batch_size):
            return num_samples
        """,
        """\
        import tensorflow as tf
        from absl import flags
        import sys

        flags.DEFINE_integer('batch_size', 32, 'Number of samples per batch.')
        FLAGS = flags.FLAGS


        if not FLAGS.is_parsed():  # tf.app.flags parsed the command line on first use
            FLAGS(sys.argv, known_only=True)


        def next_batch(num_samples=FLAGS.batch_size):
            return num_samples
        """,
        id="default-argument",  # instillai's linear_svm: the default runs when the def does
    ),
]


@pytest.mark.parametrize("before, after", LAZY_PARSE)
def test_first_read_of_a_flag_parses_the_command_line(before, after):
    outcome = check_rewrite(AbslFlagsLogging, before, after)
    assert any("parse is made explicit" in f.message for f in outcome.findings)


@pytest.mark.parametrize("source", [
    # app.run parses before main reads
    "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\ndef main(_):\n    print(FLAGS.n)\n"
    "if __name__ == '__main__':\n    tf.app.run()\n",
    # the program parses itself
    "import sys\nimport tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\nFLAGS(sys.argv)\nprint(FLAGS.n)\n",
    # only definitions, reads inside functions a library's caller runs after parsing
    "import tensorflow as tf\ntf.app.flags.DEFINE_integer('n', 1, 'n')\ndef f():\n    return tf.app.flags.FLAGS.n\n",
    # a module-level call of a function that reads no flag
    "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\ndef f():\n    return 1\n"
    "def g():\n    def inner():\n        return FLAGS.n\n    return inner\nf()\ng()\n",
    # the function reading flags is only called from main, which app.run runs
    "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\ndef f():\n    return FLAGS.n\ndef main(_):\n    f()\n"
    "if __name__ == '__main__':\n    tf.app.run()\n",
], ids=["app-run", "explicit-parse", "library", "call-reads-no-flag", "reader-called-from-main"])
def test_no_parse_added_where_flags_are_parsed_before_use(source):
    outcome = apply(AbslFlagsLogging, source)
    assert "is_parsed" not in outcome.code


@pytest.mark.tf
@pytest.mark.slow
def test_program_reading_flags_at_module_level_runs(tmp_path):
    """The first form above, run: the command line's value is read, an unknown flag is
    tolerated as TF 1 did."""
    script = tmp_path / "prog.py"
    script.write_text(apply(AbslFlagsLogging, textwrap.dedent(LAZY_PARSE[0].values[0]) + "print(FLAGS.dataset)\n").code)
    result = subprocess.run([sys.executable, str(script), "--dataset", "custom", "--other=1"],
                            capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "custom"


@pytest.mark.tf
def test_program_calling_a_flag_reader_at_module_level_runs(tmp_path):
    """The seed_test form, run: the command line's value reaches the function, as in TF 1."""
    script = tmp_path / "prog.py"
    script.write_text(apply(AbslFlagsLogging, textwrap.dedent(LAZY_PARSE[2].values[0]) + "print(a, b)\n").code)
    result = subprocess.run([sys.executable, str(script), "--batch_size", "6"],
                            capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "6 6"
