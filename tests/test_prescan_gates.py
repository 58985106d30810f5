"""Codemods decide from the prescan whether they have anything to do in a file (issue 8).

A gate that says "needed" too often costs a LibCST parse of the file on every run and
every `--check`; a gate that says "not needed" where the codemod would act loses output.
Each test here pairs a file the gate must pass over (and the codemod, forced to run,
indeed finds nothing in it) with the forms that must still open the gate. The codemods'
own before/after tests go through the gate as well (`migrate.testing.apply`), so every
rewrite they test is also a case the gate must let through.
"""
from __future__ import annotations

import textwrap

import pytest

from migrate import codemod as engine
from migrate.codemod import Settings, run_codemods
from migrate.codemods.contrib_slim import ContribSlim
from migrate.codemods.keras_backend_session import KerasBackendSession
from migrate.codemods.library_removals import LibraryRemovals
from migrate.codemods.numpy_scalar_conversion import NumpyScalarConversion
from migrate.codemods.private_tf_imports import PrivateTfImports
from migrate.codemods.rename_tf_symbols import RenameTfSymbols
from migrate.prescan import prescan


def gate(codemod, source: str, settings: Settings | None = None) -> bool:
    return codemod.needed(prescan(textwrap.dedent(source)), settings or Settings())


def forced(codemod, source: str, settings: Settings | None = None):
    """Run the codemod on `source` whatever its gate says."""
    source = textwrap.dedent(source)

    class Forced(codemod):
        @classmethod
        def needed(cls, facts, settings):
            return True

    Forced.__name__ = codemod.__name__
    return run_codemods(source, prescan(source), [Forced], settings or Settings())


# -- LibraryRemovals (MIG301): any file importing numpy used to be parsed ----------------
NUMPY_FILE_WITH_NOTHING_TO_DO = """
    import inspect
    import numpy as np
    import scipy.ndimage
    from numpy import zeros
    x = np.zeros((3, 4), dtype=np.float32) + zeros(2.5) + np.ones(3)
    y = np.array(x, dtype=np.int64).reshape((4, 3))
    z = np.random.rand(3, 4) * 1.0 + np.random.normal(0.0, 1.0)
    copy = x.copy()
    sig = inspect.signature(np.zeros)
    """


def test_library_removals_passes_over_a_numpy_file_with_nothing_to_do():
    assert not gate(LibraryRemovals, NUMPY_FILE_WITH_NOTHING_TO_DO)
    outcome = forced(LibraryRemovals, NUMPY_FILE_WITH_NOTHING_TO_DO)
    assert outcome.code == textwrap.dedent(NUMPY_FILE_WITH_NOTHING_TO_DO)
    assert outcome.findings == []


@pytest.mark.parametrize(
    "line",
    [
        "a = np.float(3)",
        "a = np.float.__name__",
        "a = np.zeros(1e3)",
        "a = np.zeros((1e3, 2))",
        "a = np.zeros(shape=(2, 1e3))",
        "a = np.random.rand(2, 1e3)",
        "a = npr.randn(1e2)",
        "a = np.array(x, copy=False)",
        "a = np.cast['f'](x)",
        "a = x.ravel('fortran')",
        "a = np.in1d(x, y)",
        "from numpy import NaN",
        "from numpy import asscalar",
        "import distutils.util\na = distutils.util.strtobool(s)",
        "from distutils.version import LooseVersion",
        "from scipy.misc import imread",
        "a = scipy.misc.imresize(x, 2)",
        "from scipy import misc\na = misc.imread(p)",
        "a = skimage.transform.resize(m, (2, 2))",
        "a = inspect.getargspec(f).args",
    ],
)
def test_library_removals_gate_opens_for_each_form(line):
    source = "import inspect\nimport numpy as np\nimport numpy.random as npr\nimport scipy.misc\nimport skimage.transform\n" + line + "\n"
    assert gate(LibraryRemovals, source)
    outcome = forced(LibraryRemovals, source)
    assert outcome.findings, "the form is one the codemod acts on"


# -- warnings told by the prescan (Codemod.prescan_findings) ------------------------------
def prescan_answer(codemod, source: str, settings: Settings | None = None):
    source = textwrap.dedent(source)
    return codemod.prescan_findings(prescan(source), settings or Settings())


def assert_same_as_traversal(codemod, source: str, settings: Settings | None = None):
    """The prescan's answer is exactly what the LibCST traversal reports (and the
    traversal rewrites nothing), finding for finding."""
    answer = prescan_answer(codemod, source, settings)
    assert answer is not None, "the prescan should tell this file's warnings"
    outcome = forced(codemod, source, settings)
    assert outcome.code == textwrap.dedent(source)
    got = sorted(answer, key=lambda f: (f.line, f.col, f.code))
    assert [f.as_dict() for f in got] == [f.as_dict() for f in outcome.findings]
    assert all(f.kind == "warning" for f in got)
    return got


CONTRIB_KEPT = [
    pytest.param(
        """
        import tensorflow as tf
        import tf_slim as slim
        net = slim.fully_connected(x, 3)  # é
        h = tf.contrib.seq2seq.BasicDecoder(cell, helper, state)
        c = tf.contrib.crf.crf_log_likelihood(a, b, c)
        """,
        id="slim-and-contrib-chains",
    ),
    pytest.param(
        """
        import tensorflow as tf
        s = "éé"; h = tf.contrib.seq2seq.BasicDecoder(cell, helper, state)
        t = "€"; w = (tf.contrib.crf).crf_log_likelihood
        init = tf.contrib.layers.xavier_initializer
        """,
        id="non-ascii-columns-parentheses-uncalled-call-rewrite",
    ),
    pytest.param(
        """
        import tensorflow.contrib.seq2seq as seq2seq, tensorflow.contrib.crf
        from tensorflow.contrib.seq2seq import BasicDecoder, dynamic_decode
        from tensorflow.contrib.crf import *
        from tensorflow.contrib.slim import nets
        from tensorflow import contrib
        d = seq2seq.BasicDecoder(a, b, c); e = contrib.crf.viterbi_decode(s, t)
        """,
        id="imports-of-every-form",
    ),
    pytest.param(
        """
        import tensorflow as tf
        def f(x, tf_slim=None):
            return tf.contrib.seq2seq.dynamic_decode(x)
        class A(tf.contrib.seq2seq.Decoder):
            out = f"{tf.__version__}"
        """,
        id="in-functions-classes-and-next-to-f-strings",
    ),
]


@pytest.mark.parametrize("source", CONTRIB_KEPT)
def test_contrib_slim_warnings_from_the_prescan_are_the_traversals(source):
    assert assert_same_as_traversal(ContribSlim, source)


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nr = tf.contrib.layers.l2_regularizer(0.1)\n",  # a call rewrite
        "import tensorflow as tf\nx = tf.contrib.layers.fully_connected(a, 2)\n",  # a home in tf_slim
        "import tensorflow.contrib.slim as slim\n",
        "from tensorflow.contrib import slim\n",
        "import tensorflow as tf\nslim = tf.contrib.slim\n",
        "import tensorflow as tf\nx = f'{tf.contrib.crf.viterbi_decode(a, b)}'\n",  # inside an f-string
        "import tensorflow as tf\nfrom tensorflow.contrib import crf\ndef f():\n    global crf\n",
    ],
)
def test_contrib_slim_leaves_to_libcst_what_the_prescan_cannot_tell(source):
    assert prescan_answer(ContribSlim, source) is None


def test_a_migrated_file_that_keeps_warnings_is_not_parsed_by_libcst(monkeypatch):
    import libcst

    from migrate.codemods import load_all

    source = (
        "import tensorflow as tf\n"
        "tf.compat.v1.disable_eager_execution()\n"
        "import tf_slim as slim\n"
        "net = slim.fully_connected(x, 3)\n"
        "h = tf.contrib.seq2seq.BasicDecoder(cell, helper, state)\n"
    )
    with monkeypatch.context() as patch:  # what the traversal reports
        patch.setattr(engine, "_prescan_answers", lambda *args: None)
        expected = run_codemods(source, prescan(source), load_all(), Settings())
    assert expected.code == source
    assert [f.code for f in expected.findings] == ["MIG151"]

    def boom(*args, **kwargs):
        raise AssertionError("parsed by LibCST although the prescan told every warning")

    monkeypatch.setattr(libcst, "parse_module", boom)
    again = run_codemods(source, prescan(source), load_all(), Settings())
    assert again.code == source
    assert [f.as_dict() for f in again.findings] == [f.as_dict() for f in expected.findings]


SESSION_KEPT = """
    import tensorflow as tf
    from tensorflow.keras import backend as K
    from tensorflow.compat.v1.keras.backend import get_session
    sess = K.get_session(); phase = (K.learning_phase)()
    s2 = get_session()  # é
    g = tf.compat.v1.keras.backend.get_session().graph
    """


@pytest.mark.parametrize("keras", ["2", "3"])
def test_keras_session_warnings_from_the_prescan_are_the_traversals(keras):
    if keras == "2":
        source = textwrap.dedent(SESSION_KEPT).replace("sess = K.get_session(); phase = (K.learning_phase)()\n", "")
        assert assert_same_as_traversal(KerasBackendSession, source, Settings(keras="2")) == []
    else:
        assert [f.code for f in assert_same_as_traversal(KerasBackendSession, SESSION_KEPT, Settings(keras="3"))] == ["MIG255"] * 4


SESSION_STATEMENTS_KEPT = """
    import tensorflow as tf
    from tensorflow.compat.v1.keras import backend as K
    def get_session():
        return tf.compat.v1.Session(graph=tf.compat.v1.get_default_graph())
    tf.compat.v1.keras.backend.set_session(get_session())
    K.set_learning_phase(1)
    session = tf.compat.v1.Session(config=config)
    K.set_session(session); print(session)
    if fresh:
        K.set_session(tf.compat.v1.Session(config=config), graph)
    """


@pytest.mark.parametrize("keras", ["2", "3"])
def test_keras_session_statements_it_keeps_are_told_by_the_prescan(keras):
    """A set_session / set_learning_phase statement the traversal keeps (a session that
    is not config-only, a phase of 1, a session used elsewhere) no longer sends a
    migrated file to LibCST (keras-retinanet's train.py, edward's graphs.py on --check)."""
    found = assert_same_as_traversal(KerasBackendSession, SESSION_STATEMENTS_KEPT, Settings(keras=keras))
    assert [f.code for f in found] == ([] if keras == "2" else ["MIG255"] * 4)


@pytest.mark.parametrize(
    "source, keras",
    [
        ("import tensorflow as tf\nfrom keras import backend as K\nif a:\n    K.set_session(tf.Session(config=c))\nelse:\n    K.set_session(tf.Session(config=c))\n", "3"),
        ("import tensorflow as tf\nfrom keras import backend as K\nK.set_learning_phase(0)\nK.set_session(tf.Session(graph=g))\n", "2"),
        ("from keras import backend as K\nsess = K.get_session()\n", "2"),  # -> tf.compat.v1...
        ("import tensorflow as tf\nfrom keras import backend as K\nK.set_session(tf.Session(config=c))\n", "3"),  # the statement goes
        ("from keras import backend as K\nx = K.tf.ones(2)\n", "3"),
        ("from keras import backend as K\nx = K.control_flow_ops.while_loop(c, b, v)\n", "3"),
    ],
)
def test_keras_session_leaves_rewrites_to_libcst(source, keras):
    assert prescan_answer(KerasBackendSession, source, Settings(keras=keras)) is None


PRIVATE_KEPT = """
    import tensorflow as tf
    from tensorflow.python.ops import math_ops, gen_nn_ops as g
    from tensorflow.python.util.all_util import remove_undocumented
    import tensorflow.python.ops.math_ops as m2
    from tensorflow.python.framework import ops  # not used: not ours to remove
    w = math_ops._bucketize(x) + g._private_thing(y) + m2._bucketize(z)
    remove_undocumented(__name__)
    """


def test_private_import_warnings_from_the_prescan_are_the_traversals():
    found = assert_same_as_traversal(PrivateTfImports, PRIVATE_KEPT)
    assert [(f.code, f.line) for f in found] == [("MIG511", 3), ("MIG511", 3), ("MIG511", 4), ("MIG511", 5)]


@pytest.mark.parametrize(
    "source",
    [
        "from tensorflow.python.ops import math_ops\nx = math_ops.add(a, b)\n",  # a public name
        "import tensorflow.python.ops.math_ops as m\nx = m.reduce_sum(a)\n",
        "from tensorflow.python.training import training_ops\nx = training_ops.apply_adam\n",  # a moved module
        "from tensorflow.python.ops import math_ops\ndef f():\n    global math_ops\n",
    ],
)
def test_private_imports_leave_rewrites_to_libcst(source):
    assert prescan_answer(PrivateTfImports, source) is None


LIBRARY_KEPT = """
    import numpy as np
    import scipy.misc
    from scipy import misc
    from scipy.misc import imfilter, imrotate
    from distutils.util import strtobool
    import distutils.spawn
    import skimage.transform
    a = misc.imrotate(x, 30) + scipy.misc.imfilter(y, "blur")  # ü
    b = distutils.spawn.find_executable("ls"); c = strtobool("y")
    d = skimage.transform.resize(np.zeros((2, 2)), (4, 4))
    """


def test_library_warnings_from_the_prescan_are_the_traversals():
    found = assert_same_as_traversal(LibraryRemovals, LIBRARY_KEPT)
    assert [f.code for f in found] == ["MIG312", "MIG312", "MIG313", "MIG312", "MIG312", "MIG313"]


@pytest.mark.parametrize(
    "line",
    [
        "a = np.float(3)",
        "from scipy.misc import imread",
        "a = scipy.misc.imresize(x, 2)",
        "a = misc.logsumexp(x)",
        "from distutils.version import LooseVersion",
        "a = skimage.transform.resize(m, (2, 2))",
        "a = np.zeros(1e3)",
    ],
)
def test_library_removals_leaves_rewrites_to_libcst(line):
    source = "import numpy as np\nimport scipy.misc\nfrom scipy import misc\nimport skimage.transform\n" + line + "\n"
    assert prescan_answer(LibraryRemovals, source) is None


# -- RenameTfSymbols: a migrated file with tf.compat.v1.Variable and any isinstance -------
V1_VARIABLE_NOT_TYPE_CHECKED = """
    import tensorflow as tf
    var = tf.compat.v1.Variable(0.0, trainable=False, collections=[])
    if isinstance(var, (tf.Tensor, tf.Variable)) or issubclass(type(var), tf.Variable):
        pass
    """


def test_rename_gate_passes_over_v1_variables_that_no_type_check_names():
    assert not gate(RenameTfSymbols, V1_VARIABLE_NOT_TYPE_CHECKED)
    outcome = forced(RenameTfSymbols, V1_VARIABLE_NOT_TYPE_CHECKED)
    assert outcome.code == textwrap.dedent(V1_VARIABLE_NOT_TYPE_CHECKED) and outcome.findings == []


@pytest.mark.parametrize(
    "check",
    ["isinstance(v, tf.compat.v1.Variable)", "isinstance(v, (tf.Tensor, tf.compat.v1.Variable))",
     "issubclass(C, tf.compat.v1.Variable)"],
)
def test_rename_gate_opens_for_a_type_check_against_the_v1_class(check):
    source = f"import tensorflow as tf\nfrom tensorflow.compat.v1 import Variable as V1Variable\nok = {check}\n"
    assert gate(RenameTfSymbols, source)
    assert any(f.code == "MIG101" for f in forced(RenameTfSymbols, source).findings)


# -- NumpyScalarConversion (MIG530): its gate opens on any numpy file with `rand` and a
# converter call; 68 of 339 files of the migrated bench tree were parsed on `--check` for it
NUMPY_CONVERSIONS_KEPT = """
    import numpy as np
    import tensorflow as tf
    n = int(np.random.rand())                # a NumPy scalar: converts under NumPy 2
    k = int(np.argmax(np.random.randn(4)))
    s = float(np.random.uniform(0.0, 1.0))
    first = int(sizes[0])
    label = '%s: %d' % (name, count)
    text = '%s' % a[()]
    rows = np.random.randint(0, 9, size=4)
    """


def test_numpy_conversions_with_nothing_to_rewrite_are_told_by_the_prescan():
    assert gate(NumpyScalarConversion, NUMPY_CONVERSIONS_KEPT)
    assert assert_same_as_traversal(NumpyScalarConversion, NUMPY_CONVERSIONS_KEPT) == []


@pytest.mark.parametrize(
    "line",
    [
        "n = int(sizes[()])",
        "x = float(-np.random.uniform(0, 1, size=1) * 2)",
        "b = int(np.digitize(np.random.randn(1), edges))",
        "msg = 'got %f' % (rank[()],)",
        "msg = '%d' % rank[()]",
    ],
)
def test_numpy_conversions_leave_rewrites_to_libcst(line):
    assert prescan_answer(NumpyScalarConversion, "import numpy as np\n" + line + "\n") is None
