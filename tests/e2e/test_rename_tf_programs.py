"""End to end for MIG101/MIG102: a TF 1.x graph program, migrated by the real CLI, runs
under TensorFlow 2 and prints exactly what the same program prints with TF 1 semantics
(the original run through `tensorflow.compat.v1` with v2 behaviour disabled)."""
from __future__ import annotations

import textwrap

import pytest

from tests.e2e.conftest import migrate_cli, run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]

# Renamed functions, changed arguments, a v1 while_loop with one loop variable (v1 hands
# back the tensor, v2 a list), a checkpoint saved and restored.  No optimizer class:
# tf.train.*Optimizer belongs to another codemod.
PROGRAM = textwrap.dedent('''\
    """Logistic regression with manual gradient steps, TF 1.x style."""
    import os
    import tempfile

    import numpy as np
    import tensorflow as tf

    tf.set_random_seed(1)
    rng = np.random.RandomState(0)
    X = rng.rand(64, 4).astype("float32")
    Y = (X.sum(1, keepdims=True) > 2.0).astype("float32")

    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [4, 1], initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2))
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    logits = tf.matmul(x, w) + b
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits),
                          reduction_indices=[0, 1], keep_dims=False)
    grads = tf.gradients(loss, [w, b])
    train = tf.group(tf.assign_sub(w, 2.0 * grads[0]), tf.assign_sub(b, 2.0 * grads[1]))
    probs = tf.nn.softmax(tf.concat([-logits, logits], 1), dim=1)
    predicted = tf.argmax(probs, dimension=1)
    accuracy = tf.reduce_mean(tf.to_float(tf.equal(predicted, tf.to_int64(tf.squeeze(y, squeeze_dims=[1])))))
    steps = tf.while_loop(lambda i: i < 5, lambda i: i + 1, [tf.constant(0)])
    noise = tf.random_normal([2], seed=3)
    saver = tf.train.Saver()

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {x: X, y: Y})
        for _ in range(300):
            sess.run(train, {x: X, y: Y})
        last, acc = sess.run([loss, accuracy], {x: X, y: Y})
        before = sess.run(probs, {x: X[:4]})
        path = saver.save(sess, os.path.join(tempfile.mkdtemp(), "model.ckpt"))
        sess.run(tf.global_variables_initializer())
        reset = sess.run(probs, {x: X[:4]})
        saver.restore(sess, path)
        after = sess.run(probs, {x: X[:4]})
        print("loss %.6f -> %.6f accuracy %.4f" % (first, last, acc))
        print("while_loop", sess.run(steps))
        print("noise", np.round(sess.run(noise), 5).tolist())
        print("restored_max_diff %.8f reset_differs %s" % (np.abs(after - before).max(), np.abs(reset - before).max() > 1e-3))
        print("probs", np.round(before, 5).tolist())
''')


def test_migrated_graph_program_prints_what_tf1_prints(tmp_path):
    original = tmp_path / "original" / "logreg.py"
    reference = tmp_path / "reference" / "logreg.py"
    migrated = tmp_path / "migrated" / "logreg.py"
    for path in (original, reference, migrated):
        path.parent.mkdir()
    original.write_text(PROGRAM)
    migrated.write_text(PROGRAM)
    # TF 1 semantics on the same TensorFlow: the documented compat.v1 shim.
    reference.write_text(PROGRAM.replace(
        "import tensorflow as tf\n",
        "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n",
    ))

    cli = migrate_cli(str(migrated))
    assert cli.returncode in (0, 1), cli.stderr
    source = migrated.read_text()
    for expected in (
        "tf.compat.v1.placeholder(", "keepdims=False", "axis=[0, 1]", "axis=1)",
        "tf.random.normal([2], seed=3)", "tf.compat.v1.while_loop(", "tf.squeeze(y, axis=[1])",
    ):
        assert expected in source, source

    failed = run_python(original)
    assert failed.returncode != 0
    assert "has no attribute" in failed.stderr

    want = run_python(reference)
    assert want.returncode == 0, want.stderr[-2000:]
    got = run_python(migrated)
    assert got.returncode == 0, got.stderr[-2000:] + "\n" + source
    assert got.stdout == want.stdout
    lines = dict(line.split(" ", 1) for line in got.stdout.splitlines())
    first, _, last = lines["loss"].split(" accuracy")[0].partition(" -> ")
    assert float(last) < float(first) * 0.5
    assert lines["while_loop"] == "5"  # a tensor, not [5]: v1 while_loop semantics kept
    assert lines["restored_max_diff"].startswith("0.00000000 reset_differs True")
