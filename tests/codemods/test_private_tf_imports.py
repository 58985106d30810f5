import json
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.private_tf_imports import PrivateTfImports, public_path
from migrate.prescan import prescan
from migrate.testing import check_rewrite, check_unchanged, codes


def test_table_facts_come_from_tf_export_metadata():
    assert public_path("tensorflow.python.ops.math_ops.reduce_sum") == "reduce_sum"
    assert public_path("tensorflow.python.platform.gfile.Exists") == "gfile.Exists"
    assert public_path("tensorflow.python.framework.dtypes.float32") == "float32"  # a constant
    assert public_path("tensorflow.python.ops.state_ops.assign") == "assign"
    # gone from control_flow_ops in TF 2.21: the TF 1.x top-level name of the same spelling
    assert public_path("tensorflow.python.ops.control_flow_ops.cond") == "cond"
    assert public_path("tensorflow.python.ops.math_ops._private_helper") is None
    assert public_path("tensorflow.python.keras.layers.Dense") is None  # Keras codemods own it
    header = json.loads(open(__import__("migrate.codemods.private_tf_imports", fromlist=["x"]).TABLES
                             / "tf_private_names.json").read())["_generated"]
    assert "generate_private_names.py" in header["command"]


def test_module_imports_become_tf_names():
    check_rewrite(PrivateTfImports, """\
        import tensorflow as tf
        from tensorflow.python.ops import math_ops, state_ops
        from tensorflow.python.framework import ops as tf_ops

        def step(v, x):
            g = tf_ops.get_default_graph()
            return state_ops.assign_add(v, math_ops.reduce_sum(x, axis=0)), g
        """, """\
        import tensorflow as tf

        def step(v, x):
            g = tf.get_default_graph()
            return tf.assign_add(v, tf.reduce_sum(x, axis=0)), g
        """)


def test_function_import_alias_import_and_constants_without_tf_import():
    check_rewrite(PrivateTfImports, """\
        import tensorflow.python.ops.array_ops as array_ops
        from tensorflow.python.ops.math_ops import reduce_mean as mean
        from tensorflow.python.framework import dtypes
        from tensorflow.python.platform import gfile
        y = [mean(array_ops.reshape(x, [-1])) for x in xs if gfile.Exists(p)]
        z = dtypes.float32.as_numpy_dtype
        """, """\
        import tensorflow as tf
        y = [tf.reduce_mean(tf.reshape(x, [-1])) for x in xs if tf.gfile.Exists(p)]
        z = tf.float32.as_numpy_dtype
        """)


def test_moved_name_and_kept_import_with_warning():
    outcome = check_rewrite(PrivateTfImports, """\
        import tensorflow as tf
        from tensorflow.python.ops import control_flow_ops, math_ops
        z = control_flow_ops.cond(p, lambda: a, lambda: b)
        w = math_ops._bucketize(x) + math_ops.add(x, 1)
        """, """\
        import tensorflow as tf
        from tensorflow.python.ops import math_ops
        z = tf.cond(p, lambda: a, lambda: b)
        w = math_ops._bucketize(x) + tf.add(x, 1)
        """)
    assert codes(outcome, "warning") == ["MIG511"]
    assert "_bucketize" in outcome.findings[-1].message or any("_bucketize" in f.message for f in outcome.findings)


def test_bare_import_binds_tensorflow_itself():
    check_rewrite(PrivateTfImports, """\
        import tensorflow.python.ops.math_ops
        y = tensorflow.python.ops.math_ops.reduce_sum(x)
        """, """\
        import tensorflow.python.ops.math_ops
        y = tensorflow.reduce_sum(x)
        """)


def test_keyword_named_like_an_imported_function_is_not_touched():
    check_rewrite(PrivateTfImports, """\
        from tensorflow.python.ops.math_ops import add
        y = f(add=1) + obj.add(2) + add(3, 4)
        """, """\
        import tensorflow as tf
        y = f(add=1) + obj.add(2) + tf.add(3, 4)
        """)


@pytest.mark.parametrize("source", [
    "import other as tf\nfrom other.python.ops import math_ops\nmath_ops.reduce_sum(x)\n",
    'import tensorflow as tf\nx = "from tensorflow.python.ops import math_ops"  # math_ops.reduce_sum\n',
    "from tensorflow.python.keras import layers\nd = layers.Dense(3)\n",
    "import tensorflow as tf\ny = tf.reduce_sum(x)\n",
    "from tensorflow.python.ops import math_ops\nmath_ops = None\n",
], ids=["other-module", "string-and-comment", "keras-private", "already-public", "rebound"])
def test_unchanged(source):
    check_unchanged(PrivateTfImports, source)


def test_needed_only_with_private_imports():
    assert not PrivateTfImports.needed(prescan("import tensorflow as tf\n"), Settings())
    assert PrivateTfImports.needed(prescan("from tensorflow.python.ops import math_ops\n"), Settings())


PROGRAM = textwrap.dedent("""\
    import numpy as np
    from tensorflow.python.framework import constant_op, dtypes
    from tensorflow.python.ops import array_ops, control_flow_ops, math_ops, nn_ops, variables

    x = constant_op.constant([[1.0, -2.0], [3.0, 4.0]], dtype=dtypes.float32)
    v = variables.Variable(array_ops.zeros([2]))
    s = math_ops.reduce_sum(nn_ops.relu(x), axis=0)
    v.assign_add(s)
    c = control_flow_ops.cond(math_ops.reduce_sum(s) > 5.0, lambda: s * 2.0, lambda: s)
    print(np.round(v.numpy(), 3).tolist(), np.round(c.numpy(), 3).tolist(), array_ops.shape(x).numpy().tolist())
""")


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_private_program_runs_and_computes_the_same(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    migrate = subprocess.run([sys.executable, "-m", "migrate", "code", str(script)], capture_output=True, text=True)
    assert migrate.returncode == 1, migrate.stderr
    migrated = script.read_text()
    assert "tensorflow.python" not in migrated and "import tensorflow as tf" in migrated
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    # relu([[1,-2],[3,4]]) summed over rows = [4, 4]; sum 8 > 5 so cond doubles it
    assert run.stdout.strip() == "[4.0, 4.0] [8.0, 8.0] [2, 2]"


def test_module_moved_in_tf2_is_followed():
    check_rewrite(PrivateTfImports, """\
        from tensorflow.python.training import training_ops
        op = training_ops.apply_adam(var, m, v, b1p, b2p, lr, b1, b2, eps, grad)
        """, """\
        from tensorflow.python.ops import gen_training_ops as training_ops
        op = training_ops.apply_adam(var, m, v, b1p, b2p, lr, b1, b2, eps, grad)
        """)
    check_rewrite(PrivateTfImports, """\
        from tensorflow.python.training.training_ops import resource_apply_adam
        """, """\
        from tensorflow.python.ops.gen_training_ops import resource_apply_adam
        """)


def test_private_name_deleted_in_tf2_becomes_its_tf1_export():
    """nest.is_sequence (tflearn's recurrent.py imports it) was exported by TF 1.x as
    tf.nest.is_nested and is gone from TF 2.21's nest.py: every form becomes the export."""
    before = textwrap.dedent("""\
        import tensorflow as tf
        from tensorflow.python.util import nest
        from tensorflow.python.util.nest import is_sequence
        from tensorflow.python.util.nest import is_sequence as seq

        ok = [nest.is_sequence(v) for v in vals] + [seq(1), is_sequence(())]
        """)
    after = textwrap.dedent("""\
        import tensorflow as tf

        ok = [tf.nest.is_nested(v) for v in vals] + [tf.nest.is_nested(1), tf.nest.is_nested(())]
        """)
    check_rewrite(PrivateTfImports, before, after)


@pytest.mark.tf
def test_is_nested_is_what_is_sequence_computed():
    """TF 1.15's is_sequence: True for lists, tuples, namedtuples and dicts, False for
    strings, scalars and arrays; TF 2.21's tf.nest.is_nested gives the same on each."""
    import collections

    import numpy as np
    import tensorflow as tf
    from tensorflow.python.util import nest

    assert not hasattr(nest, "is_sequence")  # why the rewrite is needed
    point = collections.namedtuple("point", "x y")
    cases = [((), True), ((1,), True), ([1], True), ({"a": 1}, True), (point(1, 2), True),
             ("ab", False), (b"ab", False), (3, False), (np.zeros(2), False)]
    for value, expected in cases:
        assert tf.nest.is_nested(value) is expected, value
