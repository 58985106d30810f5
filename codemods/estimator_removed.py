"""MIG108: `tf.estimator` was removed in TensorFlow 2.16 — a precise warning, no rewrite."""
from __future__ import annotations

import libcst as cst

from migrate.codemod import Codemod
from migrate.codemods.estimator_keras import plan

# What each part of the Estimator API becomes (the first matching prefix wins).
REPLACEMENTS = (
    ("estimator.inputs", "feed a tf.data.Dataset (tf.data.Dataset.from_tensor_slices) to model.fit"),
    ("estimator.export", "export with tf.saved_model.save(model, path) and serve that SavedModel"),
    ("estimator.train_and_evaluate", "call model.fit(train_ds, validation_data=eval_ds, epochs=...)"),
    ("estimator.TrainSpec", "pass the training data and steps to model.fit"),
    ("estimator.EvalSpec", "pass validation_data to model.fit or call model.evaluate"),
    ("estimator.RunConfig", "use tf.keras.callbacks.ModelCheckpoint / BackupAndRestore for checkpoints "
                            "and tf.distribute strategies for devices"),
    ("estimator.EstimatorSpec", "return the model's outputs from a tf.keras.Model and put the loss and "
                                "metrics in model.compile (or in a tf.GradientTape training loop)"),
    ("estimator.ModeKeys", "use the `training` argument of Keras layers/models instead of modes"),
    ("estimator.BoostedTrees", "gradient boosted trees live on in YDF (package ydf: "
                               "ydf.GradientBoostedTreesLearner(label=...).train(data)) and TensorFlow Decision "
                               "Forests (tfdf.keras.GradientBoostedTreesModel)"),
    ("estimator.experimental.KMeans", "use scikit-learn's sklearn.cluster.KMeans / MiniBatchKMeans on NumPy arrays"),
    ("estimator.Estimator", "turn the model_fn into a tf.keras.Model and train with compile/fit, "
                            "or a tf.GradientTape loop"),
    ("estimator.", "canned Estimators have Keras equivalents: build the model with tf.keras.layers "
                   "(e.g. Dense layers for DNNClassifier) and train with compile/fit"),
)


def what_to_do(symbol: str) -> str:
    if symbol == "estimator":
        return "migrate each use of it (flagged where it occurs), then remove this import"
    for prefix, replacement in REPLACEMENTS:
        if symbol == prefix or symbol.startswith(prefix):
            return replacement
    return REPLACEMENTS[-1][1]


class EstimatorRemoved(Codemod):
    """`tf.estimator` does not exist in TensorFlow 2.16+; the rewrite is a design change
    (model_fn -> Keras model), so each use is reported with its TF 2 replacement.

    Before::

        est = tf.estimator.Estimator(model_fn, model_dir)

    After: unchanged, with ``MIG181 tf.estimator.Estimator was removed in TensorFlow 2.16:
    turn the model_fn into a tf.keras.Model ...``.
    """

    CODE = "MIG108"
    TITLE = "tf.estimator (removed in TensorFlow 2.16): warned with its Keras / tf.data replacement"
    REWRITES = False  # findings only: nothing here can be rewritten safely
    WARNINGS = {"MIG181": "tf.estimator was removed in TensorFlow 2.16; says what replaces this use"}

    @classmethod
    def needed(cls, facts, settings):
        if "estimator" not in facts.source:
            return False
        if settings.enabled("MIG505") and plan(facts).ok:
            return False  # estimator_keras (MIG505) converts this file to Keras
        symbols = facts.tf_symbols()
        return any(s == "estimator" or s.startswith("estimator.") for s in symbols) or any(
            i.module.startswith("tensorflow_estimator") or i.qualified.startswith("tensorflow.estimator")
            for i in facts.imports
        )

    def __init__(self, file):
        super().__init__(file)
        self._inner: set[int] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._inner.add(id(node.value))
        self._inner.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._inner.add(id(node.keyword))

    def visit_Import(self, node) -> bool:
        return False

    def visit_ImportFrom(self, node) -> bool:
        return False

    def leave_Import(self, original_node, updated_node):
        for alias in original_node.names:
            module = cst.Module([]).code_for_node(alias.name)
            if module.startswith(("tensorflow.estimator", "tensorflow_estimator")):
                self._report(original_node, f"import {module}", "estimator")
        return updated_node

    def leave_ImportFrom(self, original_node, updated_node):
        if original_node.module is None or original_node.relative:
            return updated_node
        module = cst.Module([]).code_for_node(original_node.module)
        if module.startswith(("tensorflow.estimator", "tensorflow_estimator")):
            self._report(original_node, f"from {module} import ...", "estimator")
        elif module == "tensorflow" and not isinstance(original_node.names, cst.ImportStar):
            if any(a.name.value == "estimator" for a in original_node.names if isinstance(a.name, cst.Name)):
                self._report(original_node, "from tensorflow import estimator", "estimator")
        return updated_node

    def leave_Attribute(self, original_node, updated_node):
        self._check(original_node)
        return updated_node

    def leave_Name(self, original_node, updated_node):
        self._check(original_node)
        return updated_node

    def _check(self, node: cst.CSTNode) -> None:
        if id(node) in self._inner:
            return
        qualified = self.qualname(node) or ""
        if qualified.startswith("tensorflow_estimator"):
            symbol = "estimator." + qualified.rsplit(".", 1)[-1]
        else:
            symbol = self.tf_symbol(node) or ""
        if symbol == "estimator" or symbol.startswith("estimator."):
            self._report(node, f"tf.{symbol}", symbol)

    def _report(self, node: cst.CSTNode, what: str, symbol: str) -> None:
        self.warn(
            node, "MIG181",
            f"{what}: tf.estimator was removed in TensorFlow 2.16; {what_to_do(symbol)} "
            "(to run this code unchanged meanwhile, it needs tensorflow<2.16)",
        )
