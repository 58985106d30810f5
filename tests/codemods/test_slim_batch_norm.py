"""TF 1.x's slim batch_norm written into the migrated module (MIG105 / MIG153): the code forms, and the
arithmetic measured against tf_slim's own batch_norm under TF 2.21 (made importable for the reference only)."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from migrate import runner
from migrate.codemods.contrib_slim import ContribSlim
from migrate.settings import Settings
from migrate.testing import apply

REFERENCE = r'''import os, sys
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops
ops.Tensor = tf.Tensor                      # tf-slim 1.1 reads ops.Tensor (gone in TF 2.21)
control_flow_ops.cond = tf.compat.v1.cond   # ... and control_flow_ops.cond (is_training a tensor)
import tf_keras.src.legacy_tf_layers as legacy, tf_keras.src.legacy_tf_layers.normalization as legacy_norm
sys.modules["tf_keras.legacy_tf_layers"] = legacy       # its non-fused path: TF 1.x's tf.layers.BatchNormalization
sys.modules["tf_keras.legacy_tf_layers.normalization"] = legacy_norm
tf.compat.v1.disable_eager_execution()
if "--prologue" in sys.argv:  # what the compat migration writes at the top of a graph program (MIG104)
    tf.compat.v1.disable_resource_variables()
    tf.compat.v1.disable_control_flow_v2()
import tf_slim
from migrate.codemods.contrib_slim import BATCH_NORM_HELPER
exec(BATCH_NORM_HELPER.replace("tensorflow.", "tf."))
v1 = tf.compat.v1

def build(bn, shape, kwargs, tensor_training):
    g = tf.Graph()
    with g.as_default():
        v1.set_random_seed(1)
        x = v1.placeholder(tf.float32, shape)
        t = v1.placeholder(tf.bool, []) if tensor_training else None
        kw = dict(kwargs)
        if tensor_training:
            kw["is_training"] = t
        scoped = kw.pop("arg_scope", None)  # tf_slim's arg_scope([tf_slim.batch_norm], ...) around the calls
        if kw.pop("normalizer_fn", False):  # called by tf_slim.conv2d(normalizer_fn=..., normalizer_params=...)
            norm = bn

            def bn(inp, scope=None, **params):
                return tf_slim.conv2d(inp, 4, 1, activation_fn=None, normalizer_fn=norm, normalizer_params=params,
                                      weights_initializer=v1.constant_initializer(0.1), scope=scope)
        with tf_slim.arg_scope([tf_slim.batch_norm], **(scoped or {})), v1.variable_scope("net"):
            h = bn(x, scope="bn1", **kw)
            h = bn(h * 2.0 + 1.0, **kw)
        with tf_slim.arg_scope([tf_slim.batch_norm], **(scoped or {})), v1.variable_scope("net", reuse=True):
            h2 = bn(x, scope="bn1", **dict(kw, is_training=False))  # reuse: no second (racing) update
        w = v1.get_variable("w", shape[1:], initializer=v1.random_normal_initializer(seed=3))
        loss = tf.reduce_sum(h * w) + tf.add_n(v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES) or [0.0])
        with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS)):
            train = v1.train.GradientDescentOptimizer(0.01).minimize(loss)
        init = v1.global_variables_initializer()
        names = {c: [v.name for v in v1.get_collection(c)] for c in g.get_all_collection_keys() if c not in ("train_op", "cond_context")}
        names = {c: (n if c not in ("update_ops", "mine", "outs") else len(n)) for c, n in names.items()}
    return g, x, t, (h, h2), loss, train, init, names

def run(bn, shape, kwargs, tensor_training, steps=6):
    g, x, t, h, loss, train, init, names = build(bn, shape, kwargs, tensor_training)
    rng = np.random.RandomState(0)
    out = []
    with v1.Session(graph=g) as s:
        s.run(init)
        for i in range(steps):
            feed = {x: rng.randn(*[5 if d is None else d for d in shape]).astype(np.float32) * 3 + 1}
            if t is not None:
                feed[t] = i % 3 != 2
            out.append(s.run([h[0], loss, train], feed)[:2])
            out.append([s.run(h[1], feed), 0.0])  # the reused call reads the moving statistics
        with g.as_default():
            state = {v.name: s.run(v) for v in v1.global_variables()}
    return out, state, names

CASES = [
    ("4d default", [None, 3, 3, 4], {"scale": True}, False),
    ("4d updates None tensor", [None, 3, 3, 4], {"decay": 0.9, "updates_collections": None, "epsilon": 1e-5, "scale": True}, True),
    ("4d default tensor", [None, 3, 3, 4], {"decay": 0.9, "scale": True}, True),
    ("2d default", [None, 6], {}, False),
    ("2d default tensor", [None, 6], {"decay": 0.9, "scale": True}, True),
    ("2d updates None", [None, 6], {"updates_collections": None, "scale": True}, False),
    ("2d nonfused", [None, 6], {"fused": False, "scale": True}, False),
    ("2d nonfused tensor", [None, 6], {"fused": False, "scale": True, "decay": 0.9}, True),
    ("2d nonfused updates None", [None, 6], {"fused": False, "updates_collections": None, "scale": True}, False),
    ("2d nonfused updates None tensor", [None, 6], {"fused": False, "updates_collections": None, "decay": 0.9}, True),
    ("4d nonfused", [None, 3, 3, 4], {"fused": False, "scale": True}, False),
    ("4d nonfused updates None tensor", [None, 3, 3, 4], {"fused": False, "updates_collections": None, "scale": True}, True),
    ("4d custom collection", [None, 3, 3, 4], {"updates_collections": ["mine", v1.GraphKeys.UPDATE_OPS], "scale": True}, True),
    ("4d NCHW nonfused", [None, 4, 3, 3], {"fused": False, "data_format": "NCHW", "scale": True, "updates_collections": None}, True),
    ("2d NCHW", [None, 6], {"data_format": "NCHW", "scale": True}, True),
    ("4d NCHW default", [None, 4, 3, 3], {"data_format": "NCHW", "scale": True}, True),
    ("4d NCHW updates None", [None, 4, 3, 3], {"data_format": "NCHW", "updates_collections": None}, False),
    ("5d default", [None, 2, 3, 3, 4], {"scale": True, "decay": 0.9}, True),
    ("arg_scope", [None, 3, 3, 4], {"arg_scope": {"decay": 0.9, "scale": True, "updates_collections": None}}, True),
    ("normalizer_fn in arg_scope", [None, 3, 3, 4], {"normalizer_fn": True, "scale": True,
        "arg_scope": {"decay": 0.9, "epsilon": 1e-5}}, True),
    ("3d default", [None, 5, 4], {"scale": True}, True),
    ("not training", [None, 3, 3, 4], {"is_training": False, "scale": True}, False),
    ("not trainable", [None, 3, 3, 4], {"trainable": False, "scale": True}, False),
    ("options", [None, 3, 3, 4], {"center": False, "scale": True, "activation_fn": tf.nn.relu,
        "param_initializers": {"gamma": v1.constant_initializer(0.5), "moving_variance": v1.constant_initializer(2.0)},
        "param_regularizers": {"gamma": lambda w: 0.1 * tf.reduce_sum(w * w)},
        "variables_collections": {"gamma": ["g"], "moving_mean": ["m"]}, "outputs_collections": ["outs"]}, True),
    ("options 2d", [None, 6], {"scale": True, "param_regularizers": {"beta": lambda w: 0.1 * tf.reduce_sum(w * w)},
        "variables_collections": ["all"], "outputs_collections": "outs"}, False),
]
bad = 0
for name, shape, kwargs, tt in CASES:
    a = run(tf_slim.batch_norm, shape, kwargs, tt)
    b = run(slim_batch_norm, shape, kwargs, tt)
    same_out = all(np.array_equal(p[0], q[0]) and np.array_equal(p[1], q[1]) for p, q in zip(a[0], b[0]))
    same_state = a[1].keys() == b[1].keys() and all(np.array_equal(a[1][k], b[1][k]) for k in a[1])
    same_names = a[2] == b[2]
    ok = same_out and same_state and same_names
    bad += not ok
    print("OK  " if ok else "BAD ", name, same_out, same_state, same_names)
    if not same_names:
        print("   ", a[2], "\n   ", b[2])
    if not same_state and a[1].keys() == b[1].keys():
        print("   ", [(k, np.abs(a[1][k] - b[1][k]).max()) for k in a[1] if not np.array_equal(a[1][k], b[1][k])])
print("bad", bad)
'''


def _forms(source):
    outcome = apply(ContribSlim, textwrap.dedent(source))
    code = outcome.code
    body = code.split("\n\n\n")[-1]  # what follows the written helper
    return code, body, [(f.code, f.message) for f in outcome.findings if f.kind == "warning"]


def test_every_spelling_of_slims_batch_norm_calls_the_written_one():
    code, body, warnings = _forms("""\
        import tensorflow as tf
        import tensorflow.contrib.slim as slim
        import tensorflow.contrib.layers as tcl
        from tensorflow.contrib.layers import batch_norm
        from tensorflow.contrib import slim as s2
        from tensorflow.contrib.layers.python.layers import layers as layers_lib
        x = tf.compat.v1.placeholder(tf.float32, [None, 4])
        a = tf.contrib.layers.batch_norm(x, decay=0.9, updates_collections=None, is_training=True, scope="a")
        b = slim.batch_norm(a, scope="b")
        c = tcl.batch_norm(b, is_training=False)
        d = batch_norm(c, scope="d")
        e = s2.batch_norm(d, scope="e")
        f = tf.contrib.slim.batch_norm(e, scope="f")
        norm = tf.contrib.layers.batch_norm  # a two-step read
        g = [norm(v) for v in (a, b)]
        h = tcl.fully_connected(f, 3, activation_fn=tcl.batch_norm, normalizer_fn=slim.batch_norm)
        k = layers_lib.batch_norm(h)
        """)
    assert warnings == []
    assert code.count("def slim_batch_norm(") == 1
    assert "batch_norm(" not in body.replace("slim_batch_norm(", "")
    assert body.count("slim_batch_norm") == 10
    assert "norm = slim_batch_norm" in body
    assert "activation_fn=slim_batch_norm, normalizer_fn=slim_batch_norm" in body
    assert "from tensorflow.contrib.layers import batch_norm" not in code


def test_a_module_binding_the_name_gets_another_and_a_method_call_is_rewritten():
    code, body, _ = _forms("""\
        import tensorflow as tf
        slim_batch_norm = 1
        class batch_norm(object):
            def __call__(self, x, train=True):
                return tf.contrib.layers.batch_norm(x, decay=0.9, updates_collections=None, epsilon=1e-5,
                                                    scale=True, is_training=train, scope="bn")
        """)
    assert "def slim_batch_norm_1(" in code
    assert "return slim_batch_norm_1(x, decay=0.9" in body


def test_arguments_the_written_one_does_not_reproduce_keep_tf_slim_with_the_reason():
    _, body, warnings = _forms("""\
        import tensorflow as tf
        a = tf.contrib.layers.batch_norm(x, renorm=True)
        b = tf.contrib.layers.batch_norm(x, batch_weights=w)
        c = tf.contrib.layers.batch_norm(x, renorm=False, zero_debias_moving_mean=False)
        """)
    assert "a = tf_slim.batch_norm(x, renorm=True)" in body and "b = tf_slim.batch_norm(x, batch_weights=w)" in body
    assert "c = slim_batch_norm(x, renorm=False" in body
    assert [code for code, _ in warnings] == ["MIG153", "MIG153"]
    assert "`renorm=` is not written out" in warnings[0][1] and "`batch_weights=`" in warnings[1][1]


def test_arg_scope_keeps_tf_slims_function_as_its_key_and_calls_get_the_written_one():
    _, body, warnings = _forms("""\
        import tensorflow as tf
        import tensorflow.contrib.slim as slim
        with slim.arg_scope([slim.conv2d, slim.batch_norm], is_training=False):
            with tf.contrib.framework.arg_scope((tf.contrib.layers.batch_norm,), decay=0.9):
                net = slim.conv2d(net, 4, 3, normalizer_fn=slim.batch_norm)
                net = slim.batch_norm(net)
        """)
    assert warnings == []
    assert "slim.arg_scope([slim.conv2d, slim.batch_norm], is_training=False)" in body
    assert "tf_slim.arg_scope((tf_slim.batch_norm,), decay=0.9)" in body
    assert "normalizer_fn=slim_batch_norm)" in body and "net = slim_batch_norm(net)" in body


def test_a_notebook_gets_the_written_batch_norm_once_in_its_first_code_cell():
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
             for source in ("import tensorflow as tf\n", "h = tf.contrib.layers.batch_norm(x, scope='a')\n",
                            "k = tf.contrib.layers.batch_norm(h, scope='b')\n")]
    data = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    result = runner.process_file("nb.ipynb", Settings(keras="3"), data=data)
    after = ["".join(cell["source"]) for cell in json.loads(result.new_data.decode())["cells"]]
    assert "".join(after).count("def slim_batch_norm(") == 1
    assert after[1].strip() == "h = slim_batch_norm(x, scope='a')" and after[2].strip() == "k = slim_batch_norm(h, scope='b')"


@pytest.mark.tf
@pytest.mark.slow
@pytest.mark.parametrize("prologue", [False, True], ids=["resource-variables", "compat-prologue"])
def test_the_written_batch_norm_computes_what_tf_slims_computed(prologue):
    """25 configurations (fused 4-D, 2-D through the fused kernel, non-fused 2-D / 3-D / 4-D, NCHW, 5-D;
    updates_collections default, None or a list; is_training True, False or a fed bool tensor; scale, center,
    trainable, param_initializers / regularizers, variables_ / outputs_collections, activation_fn; a scope
    reused; arguments from tf_slim's arg_scope; called as tf_slim.conv2d's normalizer_fn): the same outputs, loss, variables after 6 training steps (bit for bit), and the same variable
    names and collections as tf_slim.batch_norm, both with resource variables and under the compat
    migration's prologue (ref variables, v1 control flow)."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    args = [sys.executable, "-c", REFERENCE] + (["--prologue"] if prologue else [])
    result = subprocess.run(args, check=False, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count("OK  ") == 25 and "bad 0" in result.stdout, result.stdout


def test_style_tf2_keeps_compat_naming_the_written_batch_norm_at_its_first_call():
    source = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 4])
        h = tf.contrib.layers.batch_norm(x, decay=0.9, updates_collections=None, is_training=True, scope="bn")
        loss = tf.reduce_mean(tf.square(h))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(loss, {x: np.ones([2, 4])}))
        """)
    result = runner.process_file("prog.py", Settings(keras="3", style="tf2"), data=source.encode())
    after = result.new_data.decode()
    kept = [f for _, f in result.findings if f.code == "MIG602"]
    assert len(kept) == 1 and "written into this module by the compat migration" in kept[0].message
    assert after.splitlines()[kept[0].line - 1].startswith("h = slim_batch_norm(x, decay=0.9")
    assert "tf.compat.v1.Session()" in after  # the compat migration, whole


def test_an_already_migrated_module_calling_tf_slims_batch_norm_by_its_name_gets_the_written_one():
    _, body, warnings = _forms("""\
        import tensorflow as tf
        from tf_slim import batch_norm
        h = batch_norm(x, is_training=False)
        """)
    assert warnings == [] and "h = slim_batch_norm(x, is_training=False)" in body
