"""tf.estimator programs (MIG505), end to end: TF 1.x estimator programs written here in the forms
of the TF 1.x tutorials (a model_fn of tf.layers with a variable_scope reused for a train and a
test network, dropout, v1 Adam, tf.metrics.accuracy; the premade DNNClassifier,
LinearClassifier and LinearRegressor on numeric feature columns, numpy_input_fn), migrated by
the real CLI, run under TensorFlow 2.21 (synthetic separable data, small step budgets), and
what TF 1.x's Estimator semantics fix is checked: the number of optimizer steps (batches run
across epoch boundaries, `steps`, `max_steps`), the evaluate dict's keys, the loss going down,
the accuracy on a separable task, and the predictions' per-example structure.
"""
from __future__ import annotations

import ast
import re

import pytest

from tests.e2e.conftest import migrate_cli, run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]

MODEL_FN_PROGRAM = 'import numpy as np\nimport tensorflow as tf\n\nrng = np.random.RandomState(0)\ncenters = rng.randn(3, 20) * 3\nlabels = rng.randint(0, 3, size=600)\nimages = (centers[labels] + rng.randn(600, 20)).astype(np.float32)\n\n\ndef net(x_dict, reuse, is_training):\n    with tf.variable_scope("Net", reuse=reuse):\n        x = tf.layers.dense(x_dict["images"], 32, activation=tf.nn.relu)\n        x = tf.layers.dropout(x, rate=0.25, training=is_training)\n        return tf.layers.dense(x, 3)\n\n\ndef model_fn(features, labels, mode, params):\n    logits_train = net(features, reuse=False, is_training=True)\n    logits_test = net(features, reuse=True, is_training=False)\n    pred_classes = tf.argmax(logits_test, axis=1)\n    if mode == tf.estimator.ModeKeys.PREDICT:\n        return tf.estimator.EstimatorSpec(mode, predictions={"class": pred_classes, "probs": tf.nn.softmax(logits_test)})\n    loss_op = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(\n        logits=logits_train, labels=tf.cast(labels, dtype=tf.int32)))\n    optimizer = tf.train.AdamOptimizer(learning_rate=params["lr"])\n    train_op = optimizer.minimize(loss_op, global_step=tf.train.get_global_step())\n    acc_op = tf.metrics.accuracy(labels=labels, predictions=pred_classes)\n    return tf.estimator.EstimatorSpec(mode=mode, predictions=pred_classes, loss=loss_op, train_op=train_op,\n                                      eval_metric_ops={"accuracy": acc_op})\n\n\nmodel = tf.estimator.Estimator(model_fn, params={"lr": 0.01})\neval_fn = tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, shuffle=False)\n# 600 examples, 2 epochs, batches of 64: ceil(1200 / 64) = 19 steps, batches running across the epoch boundary\nmodel.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=2, shuffle=True))\nfirst = model.evaluate(eval_fn)\nprint("STEPS_AFTER_EPOCHS", first["global_step"])\nmodel.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=None,\n                                               shuffle=True), steps=30)\nprint("STEPS_AFTER_STEPS", model.evaluate(eval_fn)["global_step"])\nmodel.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=None,\n                                               shuffle=True), max_steps=60)\ne = model.evaluate(eval_fn)\nprint("STEPS_AFTER_MAX", e["global_step"])\nprint("LOSS", first["loss"], e["loss"])\nprint("ACCURACY", e["accuracy"])\npredictions = list(model.predict(tf.estimator.inputs.numpy_input_fn(x={"images": images[:10]}, shuffle=False)))\nprint("PREDICTED", len(predictions), sorted(predictions[0]), predictions[0]["probs"].shape)\nprint("AGREE", sum(int(p["class"] == t) for p, t in zip(predictions, labels[:10])))\n'

PREMADE_PROGRAM = 'import numpy as np\nimport tensorflow as tf\n\nrng = np.random.RandomState(1)\nx1 = rng.randn(400).astype(np.float32)\nx2 = rng.randn(400, 2).astype(np.float32)\ny_class = ((x1 + x2[:, 0] - x2[:, 1]) > 0).astype(np.int64) + (x1 > 1.0)\ny_value = (2.0 * x1 - x2[:, 0] + 0.5 * x2[:, 1] + 1.0).astype(np.float32)\ncolumns = [tf.feature_column.numeric_column("x1"), tf.feature_column.numeric_column("x2", shape=[2])]\n\nclassifier = tf.estimator.DNNClassifier(hidden_units=[16, 16], feature_columns=columns, n_classes=3,\n                                        optimizer=tf.train.AdamOptimizer(0.01))\ntrain_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_class, batch_size=32, num_epochs=None, shuffle=True)\neval_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_class, batch_size=32, shuffle=False)\nclassifier.train(input_fn=train_fn, steps=150)\nresult = classifier.evaluate(input_fn=eval_fn)\nprint("CLASSIFIER", sorted(result), result["global_step"], result["accuracy"])\npred = next(classifier.predict(tf.estimator.inputs.numpy_input_fn({"x1": x1[:3], "x2": x2[:3]}, shuffle=False)))\nprint("CLASS_PREDICTION", sorted(pred), pred["class_ids"].shape, pred["probabilities"].shape)\n\nbinary = tf.estimator.LinearClassifier(feature_columns=columns)\nbinary_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, (y_class > 0).astype(np.int64), batch_size=40,\n                                               num_epochs=3, shuffle=True)\nbinary.train(binary_fn)\nprint("BINARY", sorted(binary.evaluate(tf.estimator.inputs.numpy_input_fn(\n    {"x1": x1, "x2": x2}, (y_class > 0).astype(np.int64), shuffle=False))))\n\nregressor = tf.estimator.LinearRegressor(feature_columns=columns, optimizer=tf.train.GradientDescentOptimizer(0.002))\nreg_eval = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_value, batch_size=50, shuffle=False)\nstart = regressor.evaluate(reg_eval)\nregressor.train(tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_value, batch_size=50, num_epochs=None,\n                                                   shuffle=True), steps=200)\nend = regressor.evaluate(reg_eval)\nprint("REGRESSOR", start["average_loss"], end["average_loss"], end["global_step"])\nvalues = [p["predictions"][0] for p in regressor.predict(tf.estimator.inputs.numpy_input_fn({"x1": x1[:5], "x2": x2[:5]}, shuffle=False))]\nprint("REG_PRED", np.round(values, 2).tolist(), np.round(y_value[:5], 2).tolist())\n'


def migrated_run(tmp_path, program: str):
    script = tmp_path / "prog.py"
    script.write_text(program)
    cli = migrate_cli(str(script))
    assert cli.returncode == 1, cli.stderr
    migrated = script.read_text()
    assert not [n for n in ast.walk(ast.parse(migrated)) if isinstance(n, ast.Attribute) and n.attr == "estimator"]
    assert "MIG181" not in cli.stdout and "MIG515" not in cli.stdout
    run = run_python(script)
    assert run.returncode == 0, migrated[-3000:] + "\n" + run.stderr[-4000:]
    return run.stdout


def line(stdout: str, label: str) -> str:
    match = re.search(rf"^{label} (.*)$", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(1)


def numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def test_model_fn_estimator(tmp_path):
    out = migrated_run(tmp_path, MODEL_FN_PROGRAM)
    # numpy_input_fn(600 examples, batch_size=64, num_epochs=2): ceil(1200 / 64) = 19 optimizer steps
    assert numbers(line(out, "STEPS_AFTER_EPOCHS")) == [19]
    assert numbers(line(out, "STEPS_AFTER_STEPS")) == [49]  # + train(steps=30)
    assert numbers(line(out, "STEPS_AFTER_MAX")) == [60]  # train(max_steps=60) stops at global step 60
    first, last = numbers(line(out, "LOSS"))
    assert last < first
    assert numbers(line(out, "ACCURACY"))[0] >= 0.95
    assert line(out, "PREDICTED") == "10 ['class', 'probs'] (3,)"
    assert numbers(line(out, "AGREE"))[0] >= 9


def test_premade_estimators(tmp_path):
    out = migrated_run(tmp_path, PREMADE_PROGRAM)
    classifier = line(out, "CLASSIFIER")
    assert classifier.startswith("['accuracy', 'average_loss', 'global_step', 'loss'] 150 ")
    assert numbers(classifier)[-1] >= 0.9
    assert line(out, "CLASS_PREDICTION") == "['class_ids', 'classes', 'logits', 'probabilities'] (1,) (3,)"
    assert line(out, "BINARY") == ("['accuracy', 'average_loss', 'global_step', 'label/mean', 'loss', 'precision', "
                                   "'prediction/mean', 'recall']")
    start, end, steps = numbers(line(out, "REGRESSOR"))
    assert steps == 200 and end < start / 100
    predicted = numbers(line(out, "REG_PRED"))
    assert len(predicted) == 10
    assert max(abs(a - b) for a, b in zip(predicted[:5], predicted[5:])) < 0.1


DATA_MODULE = """\
import numpy as np
import tensorflow as tf

COLUMNS = ["a", "b", "c"]


def load():
    rng = np.random.RandomState(3)
    labels = rng.randint(0, 3, 150)
    centers = np.array([[0.0, 2.0, -1.0], [2.0, -1.0, 0.5], [-2.0, 0.0, 2.0]])
    x = centers[labels] + rng.randn(150, 3) * 0.3
    return {name: x[:, i] for i, name in enumerate(COLUMNS)}, labels


def train_input_fn(features, labels, batch_size):
    dataset = tf.data.Dataset.from_tensor_slices((dict(features), labels))
    return dataset.shuffle(1000).repeat().batch(batch_size).make_one_shot_iterator().get_next()


def eval_input_fn(features, labels, batch_size):
    inputs = dict(features) if labels is None else (dict(features), labels)
    dataset = tf.data.Dataset.from_tensor_slices(inputs).batch(batch_size)
    return dataset.make_one_shot_iterator().get_next()
"""

CUSTOM_PROGRAM = """\
import tensorflow as tf

import tutorial_data


def my_model(features, labels, mode, params):
    net = tf.feature_column.input_layer(features, params["feature_columns"])
    for units in params["hidden_units"]:
        net = tf.layers.dense(net, units=units, activation=tf.nn.relu)
    logits = tf.layers.dense(net, params["n_classes"], activation=None)
    predicted_classes = tf.argmax(logits, 1)
    if mode == tf.estimator.ModeKeys.PREDICT:
        predictions = {"class_ids": predicted_classes[:, tf.newaxis], "probabilities": tf.nn.softmax(logits)}
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.losses.softmax_cross_entropy(onehot_labels=tf.one_hot(labels, 3, 1, 0), logits=logits)
    accuracy = tf.metrics.accuracy(labels=labels, predictions=predicted_classes, name="acc_op")
    tf.summary.scalar("accuracy", accuracy[1])
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={"accuracy": accuracy})
    optimizer = tf.train.AdagradOptimizer(learning_rate=0.1)
    train_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


def main(argv):
    x, y = tutorial_data.load()
    columns = [tf.feature_column.numeric_column(key=key) for key in x.keys()]
    classifier = tf.estimator.Estimator(model_fn=my_model, params={
        "feature_columns": columns, "hidden_units": [10, 10], "n_classes": 3})
    classifier.train(input_fn=lambda: tutorial_data.train_input_fn(x, y, 32), steps=120)
    result = classifier.evaluate(input_fn=lambda: tutorial_data.eval_input_fn(x, y, 64))
    print("EVAL", sorted(result), result["global_step"], "{accuracy:0.3f}".format(**result))
    head = {k: v[:7] for k, v in x.items()}
    predictions = list(classifier.predict(input_fn=lambda: tutorial_data.eval_input_fn(head, None, 4)))
    print("PREDICT", len(predictions), sum(int(p["class_ids"][0] == t) for p, t in zip(predictions, y[:7])))


if __name__ == "__main__":
    tf.logging.set_verbosity(tf.logging.INFO)
    tf.app.run(main)
"""


def test_custom_estimator_reading_another_modules_iterators(tmp_path):
    # The input_fns live in a module with no estimator code: they return
    # `iterator.get_next()` tensors, which the Keras estimator runs in a graph of their own
    # (a new pass at each train/evaluate/predict call, ending at OutOfRangeError).
    (tmp_path / "tutorial_data.py").write_text(DATA_MODULE)
    script = tmp_path / "prog.py"
    script.write_text(CUSTOM_PROGRAM)
    cli = migrate_cli(str(script), str(tmp_path / "tutorial_data.py"))
    assert cli.returncode == 1, cli.stderr
    assert "MIG181" not in cli.stdout and "MIG515" not in cli.stdout
    run = run_python(script)
    assert run.returncode == 0, script.read_text()[-3000:] + "\n" + run.stderr[-4000:]
    evaluation = line(run.stdout, "EVAL")
    assert evaluation.startswith("['accuracy', 'global_step', 'loss'] 120 ")
    assert numbers(evaluation)[-1] >= 0.9
    count, agree = numbers(line(run.stdout, "PREDICT"))
    assert count == 7 and agree >= 6  # the finite predict input ends after its 7 examples
