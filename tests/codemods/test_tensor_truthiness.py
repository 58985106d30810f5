import pytest

from migrate.codemods.tensor_truthiness import TensorTruthiness
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        clipped = []
        for grad, var in optimizer.compute_gradients(loss):
            if grad:
                grad = tf.clip_by_norm(grad, 1.0)
                clipped.append((grad, var))
        """,
        """\
        import tensorflow as tf
        clipped = []
        for grad, var in optimizer.compute_gradients(loss):
            if grad is not None:
                grad = tf.clip_by_norm(grad, 1.0)
                clipped.append((grad, var))
        """,
        id="rebound-after-test-in-loop",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        for grad, var in opt.compute_gradients(loss):
            if grad:
                tf.summary.histogram(var.op.name, grad)
        """,
        """\
        import tensorflow as tf
        for grad, var in opt.compute_gradients(loss):
            if grad is not None:
                tf.summary.histogram(var.op.name, grad)
        """,
        id="compute_gradients-loop",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        gvs = optimizer.compute_gradients(loss)
        capped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in gvs if g]
        """,
        """\
        import tensorflow as tf
        gvs = optimizer.compute_gradients(loss)
        capped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in gvs if g is not None]
        """,
        id="comprehension-if",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def apply(grads_and_vars):
            for g, v in grads_and_vars:
                if not g:  # unconnected
                    continue
        """,
        """\
        import tensorflow as tf
        def apply(grads_and_vars):
            for g, v in grads_and_vars:
                if g is None:  # unconnected
                    continue
        """,
        id="not-grads_and_vars-param",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        grads = tf.gradients(loss, params)
        grads, _ = tf.clip_by_global_norm(grads, 5.0)
        for g, p in zip(grads, params):
            if (g) and p.trainable:
                pass
            while not g or p:
                break
        """,
        """\
        import tensorflow as tf
        grads = tf.gradients(loss, params)
        grads, _ = tf.clip_by_global_norm(grads, 5.0)
        for g, p in zip(grads, params):
            if (g is not None) and p.trainable:
                pass
            while g is None or p:
                break
        """,
        id="zip-gradients-boolop",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        g0, g1 = tf.gradients(loss, [a, b])
        assert g0, "a is not connected"
        scale = 1.0 if g1 else 0.0
        grads = tf.gradients(loss, [w])
        if not grads[0]:
            pass
        """,
        """\
        import tensorflow.compat.v1 as tf
        g0, g1 = tf.gradients(loss, [a, b])
        assert g0 is not None, "a is not connected"
        scale = 1.0 if g1 is not None else 0.0
        grads = tf.gradients(loss, [w])
        if grads[0] is None:
            pass
        """,
        id="unpacked-gradients-compat-v1",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        def step():
            w = tf.Variable(3.0)
            with tf.GradientTape() as tape:
                y = w * w
            dw = tape.gradient(y, w)
            if not dw:
                return None
            for i, g in enumerate(tape.gradient(y, [w])):
                if g:
                    print(i)
        """,
        """\
        import tensorflow as tf
        def step():
            w = tf.Variable(3.0)
            with tf.GradientTape() as tape:
                y = w * w
            dw = tape.gradient(y, w)
            if dw is None:
                return None
            for i, g in enumerate(tape.gradient(y, [w])):
                if g is not None:
                    print(i)
        """,
        id="gradient-tape",
    ),
]

UNCHANGED = [
    pytest.param("import numpy as tf\ngrads = tf.gradients(a)\nfor g in grads:\n    if g:\n        pass\n", id="numpy-as-tf"),
    pytest.param(
        "import tensorflow as tf\ndef f(tf):\n    grads = tf.gradients(a)\n    for g in grads:\n        if g:\n            pass\n",
        id="local-tf",
    ),
    pytest.param(
        'import tensorflow as tf\ngrads = tf.gradients(loss, xs)\ns = "if g: pass"  # if g:\n',
        id="strings-comments",
    ),
    pytest.param(
        "import tensorflow as tf\nfor g, v in opt.compute_gradients(loss):\n    if g is not None:\n        pass\n",
        id="already-migrated",
    ),
    pytest.param("grads = [1, 2]\nfor g in grads:\n    if g:\n        pass\n", id="no-tensorflow"),
    pytest.param(
        "import tensorflow as tf\ngrads = tf.gradients(loss, xs)\nif grads:\n    pass\n",
        id="list-truthiness-is-fine",
    ),
    pytest.param(
        "import tensorflow as tf\nfor g, v in opt.compute_gradients(loss):\n    g = g or 0\n    if g:\n        pass\n",
        id="rebound-name",
    ),
    pytest.param(
        "import tensorflow as tf\nfor g, v in opt.compute_gradients(loss):\n    while True:\n        if g:\n            break\n        g = tf.zeros_like(v)\n",
        id="rebound-in-inner-loop",
    ),
    pytest.param(
        "import tensorflow as tf\nwith tf.GradientTape() as tape:\n    y = f(x)\n"
        "grads = tape.gradient(y, model.trainable_variables)\nif grads:\n    pass\n",
        id="tape-list-result",
    ),
    pytest.param("import tensorflow\nfor g in tensorflow.gradients(y, xs):\n    g2 = g\n", id="plain-import-no-test"),
    pytest.param("from tensorflow import gradients\nfor g in something(y):\n    if g:\n        pass\n", id="from-import-unrelated"),
    pytest.param("import tensorflow as tf1\nfor g in other(y):\n    if g:\n        pass\n", id="alias-tf1-unrelated"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    outcome = check_rewrite(TensorTruthiness, before, after)
    assert set(codes(outcome, "change")) == {"MIG211"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(TensorTruthiness, source)
    assert codes(outcome) == []


def test_aliases_resolve():
    source = "import tensorflow as tf1\nfor g in tf1.gradients(y, xs):\n    if g:\n        pass\n"
    check_rewrite(TensorTruthiness, source, source.replace("if g:", "if g is not None:"))
    source = "import tensorflow\nfor g in tensorflow.gradients(y, xs):\n    if not g:\n        pass\n"
    check_rewrite(TensorTruthiness, source, source.replace("if not g:", "if g is None:"))


def test_certain_tensor_is_warned_not_rewritten():
    source = (
        "import tensorflow as tf\n"
        "total = tf.reduce_sum(x)\n"
        "if total:\n"
        "    pass\n"
        "if tf.reduce_any(x > 0):\n"
        "    pass\n"
    )
    outcome = check_unchanged(TensorTruthiness, source)
    warnings = [(f.code, f.line) for f in outcome.findings]
    assert warnings == [("MIG221", 3), ("MIG221", 5)]
    assert "tf.cond(tf.reduce_any(total != 0)" in outcome.findings[0].message
    assert "total is not None" in outcome.findings[0].message


def test_needed_is_false_on_migrated_and_unrelated_code():
    from migrate.codemod import Settings
    from migrate.prescan import prescan

    migrated = "import tensorflow as tf\nfor g, v in opt.compute_gradients(loss):\n    if g is not None:\n        pass\n"
    assert not TensorTruthiness.needed(prescan(migrated), Settings())
    assert not TensorTruthiness.needed(prescan("import tensorflow as tf\nx = tf.constant(1)\n"), Settings())


@pytest.mark.tf
def test_rewritten_test_runs_and_warned_form_is_real():
    """The rewritten code runs under TF 2 in graph mode where the original raises."""
    import tensorflow as tf

    before = (
        "import tensorflow as tf\n"
        "def kept(loss, xs):\n"
        "    out = []\n"
        "    for g in tf.gradients(loss, xs):\n"
        "        if g:\n"
        "            out.append(g)\n"
        "    return out\n"
    )
    after = apply(TensorTruthiness, before).code
    graph = tf.Graph()
    with graph.as_default():
        a = tf.constant(2.0)
        b = tf.constant(3.0)
        loss = a * a
        namespace = {}
        exec(compile(before, "before", "exec"), namespace)
        with pytest.raises(TypeError):
            namespace["kept"](loss, [a, b])
        exec(compile(after, "after", "exec"), namespace)
        kept = namespace["kept"](loss, [a, b])
        assert len(kept) == 1
        with tf.compat.v1.Session() as sess:
            assert sess.run(kept[0]) == 4.0
        assert tf.cond(tf.reduce_any(a != 0), lambda: a, lambda: b) is not None
