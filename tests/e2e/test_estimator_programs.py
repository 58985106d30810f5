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

MODEL_FN_PROGRAM = """\
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
centers = rng.randn(3, 20) * 3
labels = rng.randint(0, 3, size=600)
images = (centers[labels] + rng.randn(600, 20)).astype(np.float32)


def net(x_dict, reuse, is_training):
    with tf.variable_scope("Net", reuse=reuse):
        x = tf.layers.dense(x_dict["images"], 32, activation=tf.nn.relu)
        x = tf.layers.dropout(x, rate=0.25, training=is_training)
        return tf.layers.dense(x, 3)


def model_fn(features, labels, mode, params):
    logits_train = net(features, reuse=False, is_training=True)
    logits_test = net(features, reuse=True, is_training=False)
    pred_classes = tf.argmax(logits_test, axis=1)
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"class": pred_classes, "probs": tf.nn.softmax(logits_test)})
    loss_op = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        logits=logits_train, labels=tf.cast(labels, dtype=tf.int32)))
    optimizer = tf.train.AdamOptimizer(learning_rate=params["lr"])
    train_op = optimizer.minimize(loss_op, global_step=tf.train.get_global_step())
    acc_op = tf.metrics.accuracy(labels=labels, predictions=pred_classes)
    return tf.estimator.EstimatorSpec(mode=mode, predictions=pred_classes, loss=loss_op, train_op=train_op,
                                      eval_metric_ops={"accuracy": acc_op})


model = tf.estimator.Estimator(model_fn, params={"lr": 0.002})
eval_fn = tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, shuffle=False)
# 600 examples, 2 epochs, batches of 64: ceil(1200 / 64) = 19 steps, batches running across the epoch boundary
model.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=2, shuffle=True))
first = model.evaluate(eval_fn)
print("STEPS_AFTER_EPOCHS", first["global_step"])
model.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=None,
                                               shuffle=True), steps=30)
print("STEPS_AFTER_STEPS", model.evaluate(eval_fn)["global_step"])
model.train(tf.estimator.inputs.numpy_input_fn(x={"images": images}, y=labels, batch_size=64, num_epochs=None,
                                               shuffle=True), max_steps=60)
e = model.evaluate(eval_fn)
print("STEPS_AFTER_MAX", e["global_step"])
print("LOSS", first["loss"], e["loss"])
print("ACCURACY", e["accuracy"])
predictions = list(model.predict(tf.estimator.inputs.numpy_input_fn(x={"images": images[:10]}, shuffle=False)))
print("PREDICTED", len(predictions), sorted(predictions[0]), predictions[0]["probs"].shape)
print("AGREE", sum(int(p["class"] == t) for p, t in zip(predictions, labels[:10])))
"""

PREMADE_PROGRAM = """\
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
x1 = rng.randn(400).astype(np.float32)
x2 = rng.randn(400, 2).astype(np.float32)
y_class = ((x1 + x2[:, 0] - x2[:, 1]) > 0).astype(np.int64) + (x1 > 1.0)
y_value = (2.0 * x1 - x2[:, 0] + 0.5 * x2[:, 1] + 1.0).astype(np.float32)
columns = [tf.feature_column.numeric_column("x1"), tf.feature_column.numeric_column("x2", shape=[2])]

classifier = tf.estimator.DNNClassifier(hidden_units=[16, 16], feature_columns=columns, n_classes=3,
                                        optimizer=tf.train.AdamOptimizer(0.01))
train_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_class, batch_size=32, num_epochs=None, shuffle=True)
eval_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_class, batch_size=32, shuffle=False)
classifier.train(input_fn=train_fn, steps=150)
result = classifier.evaluate(input_fn=eval_fn)
print("CLASSIFIER", sorted(result), result["global_step"], result["accuracy"])
pred = next(classifier.predict(tf.estimator.inputs.numpy_input_fn({"x1": x1[:3], "x2": x2[:3]}, shuffle=False)))
print("CLASS_PREDICTION", sorted(pred), pred["class_ids"].shape, pred["probabilities"].shape)

binary = tf.estimator.LinearClassifier(feature_columns=columns)
binary_fn = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, (y_class > 0).astype(np.int64), batch_size=40,
                                               num_epochs=3, shuffle=True)
binary.train(binary_fn)
binary_result = binary.evaluate(tf.estimator.inputs.numpy_input_fn(
    {"x1": x1, "x2": x2}, (y_class > 0).astype(np.int64), shuffle=False))
print("BINARY", sorted(binary_result), binary_result["auc"], binary_result["auc_precision_recall"])

regressor = tf.estimator.LinearRegressor(feature_columns=columns, optimizer=tf.train.GradientDescentOptimizer(0.002))
reg_eval = tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_value, batch_size=50, shuffle=False)
start = regressor.evaluate(reg_eval)
regressor.train(tf.estimator.inputs.numpy_input_fn({"x1": x1, "x2": x2}, y_value, batch_size=50, num_epochs=None,
                                                   shuffle=True), steps=200)
end = regressor.evaluate(reg_eval)
print("REGRESSOR", start["average_loss"], end["average_loss"], end["global_step"])
values = [p["predictions"][0] for p in regressor.predict(tf.estimator.inputs.numpy_input_fn({"x1": x1[:5], "x2": x2[:5]}, shuffle=False))]
print("REG_PRED", np.round(values, 2).tolist(), np.round(y_value[:5], 2).tolist())
"""


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
    # the lines TF 2.15's tf.compat.v1.estimator printed for the original program
    assert line(out, "CLASS_PREDICTION") == ("['all_class_ids', 'all_classes', 'class_ids', 'classes', 'logits', "
                                             "'probabilities'] (1,) (3,)")
    binary = line(out, "BINARY")
    assert binary.startswith("['accuracy', 'accuracy_baseline', 'auc', 'auc_precision_recall', 'average_loss', "
                             "'global_step', 'label/mean', 'loss', 'precision', 'prediction/mean', 'recall'] ")
    auc, auc_pr = numbers(binary.split("] ")[1])
    assert 0.9 < auc <= 1.0 and 0.9 < auc_pr <= 1.0
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


DETERMINISTIC_PROGRAM = """\
import numpy as np
import tensorflow as tf
rng = np.random.RandomState(5)
x = rng.randn(230, 3).astype(np.float32)
y = (x @ np.array([1.5, -2.0, 0.5]) + 0.3).astype(np.float32)
cls = (x[:, 0] - x[:, 1] + 0.3 * rng.randn(230) > 0).astype(np.int64)
cols = [tf.feature_column.numeric_column("x", shape=[3])]
reg = tf.estimator.LinearRegressor(cols, optimizer=tf.train.GradientDescentOptimizer(0.001))
reg.train(tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=50, num_epochs=2, shuffle=False))
r = reg.evaluate(tf.estimator.inputs.numpy_input_fn({"x": x}, y, batch_size=64, shuffle=False))
print("REG", {k: float(v) for k, v in sorted(r.items())})
clf = tf.estimator.LinearClassifier(cols)
clf.train(tf.estimator.inputs.numpy_input_fn({"x": x}, cls, batch_size=32, num_epochs=1, shuffle=False))
c = clf.evaluate(tf.estimator.inputs.numpy_input_fn({"x": x}, cls, batch_size=64, shuffle=False))
print("CLF", {k: round(float(v), 6) for k, v in sorted(c.items())})
p = next(clf.predict(tf.estimator.inputs.numpy_input_fn({"x": x[:1]}, shuffle=False)))
print("PRED", {k: (v.dtype.name, v.tolist()) for k, v in sorted(p.items())})
"""

# What the original program printed under TensorFlow 2.15.1 with tensorflow-estimator 2.15.0
# (tf.compat.v1.estimator, i.e. TF 1.x's Estimators), recorded once: no shuffling and zero
# initial weights make the premade linear estimators deterministic, so the migrated program
# must print the same numbers (float32 rounding aside).
TF1_REGRESSOR = {"average_loss": 0.9034283757209778, "global_step": 10.0, "label/mean": 0.4826289117336273,
                 "loss": 51.9471321105957, "prediction/mean": 0.3742999732494354}
TF1_CLASSIFIER = {"accuracy": 0.947826, "accuracy_baseline": 0.547826, "auc": 0.991682, "auc_precision_recall": 0.993427,
                  "average_loss": 0.406487, "global_step": 8.0, "label/mean": 0.547826, "loss": 23.373014,
                  "precision": 0.938462, "prediction/mean": 0.533321, "recall": 0.968254}
TF1_PREDICTION = {"all_class_ids": ("int32", [0, 1]), "all_classes": ("object", [b"0", b"1"]),
                  "class_ids": ("int64", [1]), "classes": ("object", [b"1"]), "logistic": ("float32", [0.59325069]),
                  "logits": ("float32", [0.37742013]), "probabilities": ("float32", [0.40674928, 0.59325075])}


def test_linear_estimators_print_what_tf1_printed(tmp_path):
    out = migrated_run(tmp_path, DETERMINISTIC_PROGRAM)
    regressor = ast.literal_eval(line(out, "REG"))
    classifier = ast.literal_eval(line(out, "CLF"))
    prediction = ast.literal_eval(line(out, "PRED"))
    assert sorted(regressor) == sorted(TF1_REGRESSOR) and sorted(classifier) == sorted(TF1_CLASSIFIER)
    for got, want in ((regressor, TF1_REGRESSOR), (classifier, TF1_CLASSIFIER)):
        for key, value in want.items():
            assert got[key] == pytest.approx(value, rel=1e-5, abs=2e-6), key
    assert sorted(prediction) == sorted(TF1_PREDICTION)
    for key, (dtype, value) in TF1_PREDICTION.items():
        assert prediction[key][0] == dtype, key
        assert prediction[key][1] == (value if dtype == "object" else pytest.approx(value, rel=1e-5)), key
