"""Small real models built once per test session, and helpers that run a converted file
with plain TensorFlow (independently of migrate's own verification code)."""
from __future__ import annotations

import json
import os
import shutil
import sys

import numpy as np
import pytest
from click.testing import CliRunner

HERE = os.path.dirname(os.path.abspath(__file__))
CUSTOM_LAYERS = os.path.join(HERE, "custom_layers.py")



def run_cli(args, expect=0):
    """`migrate ...` in-process through click; returns (exit code, parsed --json report, stderr)."""
    from migrate.cli import cli

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    report = None
    if "--json" in args and result.stdout.strip():
        report = json.loads(result.stdout)
    if expect is not None:
        assert result.exit_code == expect, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    return result.exit_code, report, result.stderr


def convert(src, target, out, *extra, expect=0):
    code, report, stderr = run_cli(["model", str(src), "--to", target, "-o", str(out), "--json", *extra],
                                   expect=expect)
    return report


# ---------------------------------------------------------------- independent runners

def run_keras3(path, feeds, custom=None):
    import keras

    model = keras.models.load_model(str(path), compile=False, custom_objects=custom)
    out = model(feeds if len(feeds) > 1 else feeds[0], training=False)
    return [np.asarray(o) for o in (out if isinstance(out, (list, tuple)) else [out])]


def run_savedmodel(path, named_feeds):
    import tensorflow as tf

    signature = tf.saved_model.load(str(path)).signatures["serving_default"]
    out = signature(**{k: tf.constant(v) for k, v in named_feeds.items()})
    return {k: np.asarray(v) for k, v in out.items()}


def run_frozen(path, named_feeds, outputs):
    import tensorflow as tf

    graph_def = tf.compat.v1.GraphDef()
    with open(path, "rb") as handle:
        graph_def.ParseFromString(handle.read())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        feed = {graph.get_tensor_by_name(f"{k}:0"): v for k, v in named_feeds.items()}
        return session.run([graph.get_tensor_by_name(f"{o}:0") for o in outputs], feed)


def run_tflite(path, named_feeds):
    import tensorflow as tf

    interpreter = tf.lite.Interpreter(model_path=str(path))
    runner = interpreter.get_signature_runner("serving_default")
    return {k: np.asarray(v) for k, v in runner(**named_feeds).items()}


# ---------------------------------------------------------------- models

@pytest.fixture(scope="session")
def models(tmp_path_factory):
    """Every source model of the suite, with fixed inputs and the outputs the source gives."""
    pytest.importorskip("tensorflow")
    import keras
    import tensorflow as tf
    import tf_keras

    root = tmp_path_factory.mktemp("models")
    rng = np.random.RandomState(42)
    built = {}

    # Conv + BatchNorm (with non-trivial moving statistics) + Dense, Keras 3.
    inp = keras.Input((8, 8, 3), name="image")
    x = keras.layers.Conv2D(4, 3, activation="relu")(inp)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Flatten()(x)
    out = keras.layers.Dense(3, name="scores")(x)
    conv = keras.Model(inp, out)
    bn = conv.layers[2]
    bn.moving_mean.assign(rng.uniform(-0.5, 0.5, 4).astype("float32"))
    bn.moving_variance.assign(rng.uniform(0.5, 1.5, 4).astype("float32"))
    feeds = [rng.uniform(-1, 1, (2, 8, 8, 3)).astype("float32")]
    conv.save(root / "conv.keras")
    built["conv"] = dict(path=root / "conv.keras", feeds=feeds, names=["image"], expected=[np.asarray(conv(feeds[0]))])

    # LSTM over a fixed number of steps.
    inp = keras.Input((5, 3), name="sequence")
    x = keras.layers.LSTM(6)(inp)
    out = keras.layers.Dense(2, name="last")(x)
    lstm = keras.Model(inp, out)
    feeds = [rng.uniform(-1, 1, (2, 5, 3)).astype("float32")]
    lstm.save(root / "lstm.h5")
    built["lstm"] = dict(path=root / "lstm.h5", feeds=feeds, names=["sequence"], expected=[np.asarray(lstm(feeds[0]))])

    # Two inputs (one integer token ids through an Embedding), two outputs.
    image = keras.Input((6,), name="features")
    tokens = keras.Input((4,), dtype="int32", name="tokens")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(7, 3)(tokens))
    merged = keras.layers.Concatenate()([image, embedded])
    hidden = keras.layers.Dense(5, activation="tanh")(merged)
    out_a = keras.layers.Dense(2, name="alpha")(hidden)
    out_b = keras.layers.Dense(1, activation="sigmoid", name="beta")(hidden)
    multi = keras.Model([image, tokens], [out_a, out_b])
    feeds = [rng.uniform(-1, 1, (2, 6)).astype("float32"), rng.randint(0, 7, (2, 4)).astype("int32")]
    multi.save(root / "multi.keras")
    built["multi"] = dict(path=root / "multi.keras", feeds=feeds, names=["features", "tokens"],
                          expected=[np.asarray(o) for o in multi(feeds)])

    # Wide enough (64×64 weights) for post-training quantization to apply (≥ 1024 elements).
    inp = keras.Input((64,), name="wide_in")
    out = keras.layers.Dense(4, name="wide_out")(keras.layers.Dense(64, activation="relu")(inp))
    wide = keras.Model(inp, out)
    feeds = [rng.uniform(-1, 1, (2, 64)).astype("float32")]
    wide.save(root / "wide.keras")
    built["wide"] = dict(path=root / "wide.keras", feeds=feeds, names=["wide_in"], expected=[np.asarray(wide(feeds[0]))])

    # A custom layer (Keras 3, defined in custom_layers.py) and a Flex-only op.
    sys.path.insert(0, HERE)
    import custom_layers

    inp = keras.Input((4,), name="x")
    out = keras.layers.Dense(2, name="y")(custom_layers.ScaledTanh()(keras.layers.Dense(4)(inp)))
    custom = keras.Model(inp, out)
    custom.layers[2].scale.assign(np.array([0.5, 2.0, -1.0, 3.0], "float32"))
    feeds = [rng.uniform(-1, 1, (2, 4)).astype("float32")]
    custom.save(root / "custom.keras")
    built["custom"] = dict(path=root / "custom.keras", feeds=feeds, names=["x"], expected=[np.asarray(custom(feeds[0]))])

    inp = keras.Input((3, 3), name="matrix")
    out = keras.layers.Dense(3, name="mixed")(custom_layers.MatrixInverse()(inp))
    flex = keras.Model(inp, out)
    flex.save(root / "flex.h5")
    built["flex"] = dict(path=root / "flex.h5")

    # Keras 2 (tf_keras) HDF5 with a MobileNetV2-style block and compiled metrics.
    layers = tf_keras.layers
    inp = tf_keras.Input((16, 16, 3), name="pixels")
    x = layers.Conv2D(8, 3, padding="same", use_bias=False)(inp)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.DepthwiseConv2D(3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(4, 1)(x)
    x = layers.GlobalAveragePooling2D()(x)
    out = layers.Dense(3, activation="softmax", name="probs")(x)
    legacy = tf_keras.Model(inp, out)
    legacy.compile("adam", "mse", metrics=["mse", "accuracy"])
    for layer in legacy.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.moving_mean.assign(rng.uniform(-0.3, 0.3, layer.moving_mean.shape).astype("float32"))
            layer.moving_variance.assign(rng.uniform(0.5, 1.5, layer.moving_variance.shape).astype("float32"))
    legacy.save(root / "legacy.h5")
    with open(root / "legacy.json", "w") as handle:
        handle.write(legacy.to_json())
    legacy.save_weights(str(root / "legacy.h5weights.h5"))
    shutil.move(root / "legacy.h5weights.h5", root / "legacy_weights.h5")
    feeds = [rng.uniform(0, 1, (2, 16, 16, 3)).astype("float32")]
    legacy_expected = [np.asarray(legacy(feeds[0], training=False))]
    built["legacy"] = dict(path=root / "legacy.h5", json=root / "legacy.json", feeds=feeds, names=["pixels"],
                           expected=legacy_expected)
    # The same Keras 2 model as a TF2 object checkpoint (save_weights in TF format).
    legacy.save_weights(str(root / "objckpt" / "weights"), save_format="tf")
    built["legacy"]["object_ckpt"] = root / "objckpt" / "weights"
    # ... and as a Keras 2 SavedModel (with keras_metadata.pb).
    legacy.save(str(root / "legacy_savedmodel"), save_format="tf")
    built["legacy"]["savedmodel"] = root / "legacy_savedmodel"

    # A compiled Keras 2 Sequential (input_shape on the first layer, Dropout), the most common
    # shape of legacy model files.
    sequential = tf_keras.Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dropout(0.5),
                                      layers.Dense(2, activation="softmax")])
    sequential.compile("sgd", "categorical_crossentropy", metrics=["accuracy"])
    sequential.save(root / "sequential.h5")
    feeds = [rng.uniform(-1, 1, (2, 3)).astype("float32")]
    built["sequential"] = dict(path=root / "sequential.h5", feeds=feeds,
                               expected=[np.asarray(sequential(feeds[0], training=False))])

    # A Keras 2 model with a Keras 2 custom layer.
    inp = tf_keras.Input((3,), name="k2in")
    k2_custom = tf_keras.Model(inp, custom_layers.Keras2Offset()(layers.Dense(3)(inp)))
    k2_custom.layers[-1].offset.assign(np.array([1.0, -2.0, 0.5], "float32"))
    k2_custom.save(root / "k2_custom.h5")
    feeds = [rng.uniform(-1, 1, (2, 3)).astype("float32")]
    built["k2_custom"] = dict(path=root / "k2_custom.h5", feeds=feeds, names=["k2in"],
                              expected=[np.asarray(k2_custom(feeds[0]))])

    # A Keras 2 model with a Lambda layer (Python bytecode in the file).
    inp = tf_keras.Input((3,), name="v")
    out = layers.Lambda(lambda t: t * 2.0 + 1.0)(inp)
    tf_keras.Model(inp, out).save(root / "lambda.h5")
    built["lambda"] = dict(path=root / "lambda.h5")

    # TF1: placeholders, variables, a training op, saved by tf.compat.v1.train.Saver.
    graph = tf.Graph()
    with graph.as_default():
        v1 = tf.compat.v1
        features = v1.placeholder(tf.float32, [None, 5], name="features")
        labels = v1.placeholder(tf.float32, [None, 2], name="labels")
        w1 = v1.get_variable("dense1/kernel", [5, 8], initializer=v1.random_normal_initializer(seed=1))
        b1 = v1.get_variable("dense1/bias", [8], initializer=v1.constant_initializer(0.1))
        hidden = tf.nn.relu(tf.matmul(features, w1) + b1)
        w2 = v1.get_variable("dense2/kernel", [8, 2], initializer=v1.random_normal_initializer(seed=2))
        logits = tf.identity(tf.matmul(hidden, w2), name="logits")
        probs = tf.nn.softmax(logits, name="probs")
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits), name="loss")
        train = v1.train.GradientDescentOptimizer(0.1).minimize(loss, name="train")
        saver = v1.train.Saver()
        with v1.Session(graph=graph) as session:
            session.run(v1.global_variables_initializer())
            x = rng.uniform(-1, 1, (4, 5)).astype("float32")
            session.run(train, {features: x, labels: np.eye(2, dtype="float32")[[0, 1, 0, 1]]})
            (root / "tf1").mkdir()
            prefix = str(root / "tf1" / "model.ckpt")
            saver.save(session, prefix)
            tf.io.write_graph(graph.as_graph_def(), str(root / "tf1"), "graph.pbtxt", as_text=True)
            feeds = [rng.uniform(-1, 1, (3, 5)).astype("float32")]
            expected = session.run([probs], {features: feeds[0]})
    built["tf1"] = dict(path=prefix, feeds=feeds, names=["features"], expected=expected,
                        pbtxt=root / "tf1" / "graph.pbtxt")
    return built


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("out")
