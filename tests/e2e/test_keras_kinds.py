"""Issue 9's four kinds of fault, end to end: small Keras-2 programs written here in the
forms real projects use (Mask R-CNN, keras-bert, YOLOv3 ports), migrated by the real CLI
with its defaults, run under TensorFlow 2.21, and their printed values checked.

1. the tool knows the replacement: `import keras.engine as KE`, `from keras.engine import
   saving` + `load_weights_from_hdf5_group_by_name`, `keras.engine.topology` loader;
2. every form of a pattern: two-step `s = K.int_shape(x)` reshape, `Dimension.value` through a
   loop and a comprehension and in `build(self, input_shape)`, `tf.range(x.shape[i])`,
   a Lambda closing over an Input inside a nested call;
3. raw TF ops on Keras tensors of a functional model (`--keras auto` picks Keras 2);
4. swaps with side effects: `SGD(lr=, decay=)` with `K.set_value(model.optimizer.lr, ...)`,
   `tf.app.run()` with an undefined flag.
"""
from __future__ import annotations

import re
import textwrap

import pytest

from tests.e2e.conftest import migrate_cli, run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def migrated_run(tmp_path, program: str, *args: str):
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(program))
    cli = migrate_cli(str(script))
    assert cli.returncode == 1, cli.stderr
    run = run_python(script, *args)
    assert run.returncode == 0, script.read_text() + "\n" + run.stderr[-4000:]
    return cli, script.read_text(), run.stdout


def values(stdout: str, label: str) -> list[float]:
    match = re.search(rf"^{label} (.*)$", stdout, re.MULTILINE)
    assert match, stdout
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", match.group(1))]


KIND1 = '''
    import numpy as np
    import h5py
    import keras.engine as KE
    import keras.layers as KL
    import keras.models as KM
    import keras.initializers as KI
    from keras.engine.topology import load_weights_from_hdf5_group


    class Scale(KE.Layer):
        def __init__(self, factor, **kwargs):
            super(Scale, self).__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor


    def build(seed):
        inp = KL.Input((3,))
        h = KL.Dense(4, name="dense_a", kernel_initializer=KI.RandomNormal(seed=seed))(inp)
        return KM.Model(inp, KL.Dense(2, name="dense_b", kernel_initializer=KI.RandomNormal(seed=seed + 10))(Scale(2.0)(h)))


    def load(model, path, exclude):
        from keras.engine import saving
        f = h5py.File(path, mode="r")
        layers = filter(lambda l: l.name not in exclude, model.layers)
        saving.load_weights_from_hdf5_group_by_name(f, layers)
        f.close()


    source = build(1)
    source.save_weights("source_weights.h5")
    by_name = build(2)
    load(by_name, "source_weights.h5", exclude=["dense_b"])
    same = lambda a, b: all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights()))
    print("by_name", int(same(source.get_layer("dense_a"), by_name.get_layer("dense_a"))),
          int(same(source.get_layer("dense_b"), by_name.get_layer("dense_b"))))
    in_order = build(3)
    with h5py.File("source_weights.h5", "r") as f:
        load_weights_from_hdf5_group(f, in_order.layers)
    x = np.arange(6, dtype="float32").reshape(2, 3)
    print("in_order", int(same(source, in_order)), float(np.abs(source.predict(x, verbose=0) - in_order.predict(x, verbose=0)).max()))
    h = KM.Model(source.input, source.layers[2].output).predict(x, verbose=0)
    a = KM.Model(source.input, source.get_layer("dense_a").output).predict(x, verbose=0)
    print("scale", float(np.abs(h - 2.0 * a).max()))
'''


def test_kind1_known_replacements_are_rewritten_and_run(tmp_path):
    cli, code, out = migrated_run(tmp_path, KIND1)
    assert "MIG251" not in cli.stdout and "MIG227" not in cli.stdout, cli.stdout
    assert "from tf_keras import layers as KE" in code and "keras.engine import" not in code
    assert values(out, "by_name") == [1, 0]  # dense_a loaded, excluded dense_b kept
    assert values(out, "in_order") == [1, 0.0]
    assert values(out, "scale") == [0.0]


KIND2 = '''
    import numpy as np
    import tensorflow as tf
    import keras.backend as K
    import keras.layers as KL
    from keras.models import Model


    class Project(KL.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(input_shape[-1].value, 2), initializer="ones")
            super(Project, self).build(input_shape)

        def call(self, x):
            return K.dot(x, self.w)

        def compute_output_shape(self, input_shape):
            return input_shape[:-1] + (2,)


    def flat_size(t):
        total = 1
        for d in t.get_shape()[2:]:
            total *= d.value
        return total


    def positions(t):
        return tf.zeros_like(t[..., 0]) + tf.cast(tf.range(t.shape[1]), tf.float32)


    def norm(boxes, size):
        return boxes / tf.cast(tf.concat([size, size], 0), tf.float32)


    rois = KL.Input((None, 4))                      # a dynamic number of boxes, as in Mask R-CNN
    image = KL.Input((None, None, 3))
    x = KL.Dense(6, kernel_initializer="ones")(rois)
    s = K.int_shape(x)
    boxes = KL.Reshape((s[1], 3, 2))(x)             # s[1] is None
    dims = [d.value for d in boxes.get_shape()[2:]]
    projected = Project()(x)
    pos = KL.Lambda(positions)(x)
    normed = KL.Lambda(lambda t: norm(t, K.shape(image)[1:3]))(rois)
    model = Model([rois, image], [boxes, projected, pos, normed])
    r = np.arange(3 * 5 * 4, dtype="float32").reshape(3, 5, 4) / 10
    img = np.zeros((3, 8, 10, 3), "float32")
    b, p, q, n = model.predict([r, img], verbose=0)
    print("shapes", *b.shape, *p.shape, *q.shape, flat_size(boxes), *dims)
    print("reshape", float(np.abs(b.reshape(3, 5, 6) - r.sum(-1, keepdims=True)).max()))
    print("project", float(np.abs(p - 6 * r.sum(-1, keepdims=True)).max()))
    print("range", *q[0])
    print("norm", float(np.abs(n - r / np.array([8, 10, 8, 10], "float32")).max()))
'''


def test_kind2_every_form_of_static_shapes_and_closures(tmp_path):
    cli, code, out = migrated_run(tmp_path, KIND2)
    assert "MIG225" not in cli.stdout and "MIG226" not in cli.stdout, cli.stdout
    assert ".value" not in code
    assert values(out, "shapes") == [3, 5, 3, 2, 3, 5, 2, 3, 5, 6, 3, 2]
    assert values(out, "reshape") == pytest.approx([0.0], abs=1e-5)
    assert values(out, "project") == pytest.approx([0.0], abs=1e-4)
    assert values(out, "range") == [0, 1, 2, 3, 4]
    assert values(out, "norm") == pytest.approx([0.0], abs=1e-6)


KIND3 = '''
    import numpy as np
    import tensorflow as tf
    from tensorflow.keras import layers, Model

    a, b = layers.Input((4,)), layers.Input((4,))
    h = tf.expand_dims(tf.concat([layers.Dense(3, kernel_initializer="ones")(a),
                                  layers.Dense(3, kernel_initializer="ones")(b)], axis=-1), 1)
    model = Model([a, b], h)
    x = np.arange(8, dtype="float32").reshape(2, 4)
    y = model.predict([x, 2 * x], verbose=0)
    expected = np.concatenate([np.repeat(x.sum(1, keepdims=True), 3, 1), np.repeat(2 * x.sum(1, keepdims=True), 3, 1)], 1)[:, None]
    print("shape", *y.shape)
    print("diff", float(np.abs(y - expected).max()))
'''


def test_kind3_raw_ops_on_keras_tensors_choose_keras2(tmp_path):
    cli, code, out = migrated_run(tmp_path, KIND3)
    assert "targeting Keras 2" in cli.stderr and "tf.expand_dims" in cli.stderr, cli.stderr
    assert values(out, "shape") == [2, 1, 6]
    assert values(out, "diff") == [0.0]


KIND4_OPTIMIZER = '''
    import numpy as np
    import keras
    import keras.backend as K
    from keras.optimizers import SGD

    model = keras.models.Sequential([keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros", input_shape=(1,))])
    model.compile(optimizer=SGD(lr=0.1, decay=0.5), loss="mse")
    x, y = np.ones((1, 1), "float32"), np.ones((1, 1), "float32")
    model.train_on_batch(x, y)                      # step 0: lr 0.1
    w1 = float(model.get_weights()[0][0, 0])
    K.set_value(model.optimizer.lr, 0.01)           # what LR callbacks do
    base = float(K.get_value(model.optimizer.lr))
    model.train_on_batch(x, y)                      # step 1: 0.01 / (1 + 0.5 * 1)
    w2 = float(model.get_weights()[0][0, 0])
    print("weights", w1, w2)
    print("base_lr", base)
'''


def test_kind4_decay_keeps_a_settable_learning_rate(tmp_path):
    cli, code, out = migrated_run(tmp_path, KIND4_OPTIMIZER)
    assert "targeting Keras 2" in cli.stderr and "decay" in cli.stderr
    assert "legacy" in code and "decay=0.5" in code
    w1, w2 = values(out, "weights")
    # mse gradient at w: 2 (w - 1) x; Keras 2: w -= lr / (1 + decay * iterations) * grad
    assert w1 == pytest.approx(0.1 * 2, rel=1e-5)
    assert w2 == pytest.approx(w1 + 0.01 / 1.5 * 2 * (1 - w1), rel=1e-5)
    assert values(out, "base_lr") == pytest.approx([0.01])


KIND4_FLAGS = '''
    import tensorflow as tf

    flags = tf.app.flags
    flags.DEFINE_integer("steps", 3, "Training steps.")
    FLAGS = flags.FLAGS


    def main(argv):
        print("steps", FLAGS.steps, len(argv))


    if __name__ == "__main__":
        tf.app.run()
'''


def test_kind4_app_run_keeps_undefined_flags_non_fatal(tmp_path):
    cli, code, out = migrated_run(tmp_path, KIND4_FLAGS, "--steps=7", "--unused=1")
    assert "known_only=True" in code
    assert values(out, "steps") == [7, 2]  # argv: the program and the flag TF 1 left alone
