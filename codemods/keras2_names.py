"""MIG115: Keras 2 names (`tf.keras.X` of TF 1.x / tf-keras) that Keras 3 lacks.

TF 2.21's `tf.keras` is Keras 3 (`keras._tf_keras.keras`), which dropped or moved part of
Keras 2's public API.  The Keras 2 surface walked here is tf-keras's v1 API
(`tf_keras.api._v1.keras`, what TF 1 code reaches as `tf.keras`); every name of it that
does not resolve in Keras 3 is either rewritten to the Keras 3 name of the same object
(`RENAMES`, each checked by tests/test_keras_surface.py against both packages) or
reported with what to do (`MISSING`, MIG193).  Names Keras 3 keeps under the same path
are left alone.
"""
from __future__ import annotations

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts

K = "tensorflow.keras."

# Keras 2 path -> Keras 3 path of the same function / class (tf-keras and Keras 3 sources:
# the Keras 2 name is an alias of, or the same class as, the Keras 3 name).
RENAMES: dict[str, str] = {}
for _module in ("losses", "metrics"):
    RENAMES.update({
        f"{_module}.mean_squared_error": f"{_module}.mse",
        f"{_module}.mean_absolute_error": f"{_module}.mae",
        f"{_module}.mean_absolute_percentage_error": f"{_module}.mape",
        f"{_module}.mean_squared_logarithmic_error": f"{_module}.msle",
        f"{_module}.kl_divergence": f"{_module}.kld",
        f"{_module}.log_cosh": f"{_module}.logcosh",
        # tf-keras: cosine / cosine_proximity are cosine_similarity (negative cosine);
        # Keras 3 keeps that function in losses only.
        f"{_module}.cosine": "losses.cosine_similarity",
        f"{_module}.cosine_proximity": "losses.cosine_similarity",
    })
for _name in ("CategoryEncoding", "CenterCrop", "Discretization", "Hashing", "Normalization",
              "Rescaling", "Resizing"):
    RENAMES[f"layers.experimental.preprocessing.{_name}"] = f"layers.{_name}"
RENAMES["layers.experimental.EinsumDense"] = "layers.EinsumDense"
RENAMES["experimental.CosineDecay"] = "optimizers.schedules.CosineDecay"
RENAMES["experimental.CosineDecayRestarts"] = "optimizers.schedules.CosineDecayRestarts"
RENAMES["saving.load_model"] = "models.load_model"
RENAMES["saving.save_model"] = "models.save_model"
for _name in ("custom_object_scope", "deserialize_keras_object", "get_custom_objects", "get_registered_name",
              "get_registered_object", "register_keras_serializable", "serialize_keras_object"):
    RENAMES[f"saving.{_name}"] = f"utils.{_name}"

_SESSION = "Keras 3 has no session or graph backend: run eagerly, or migrate with `--keras 2` (tf-keras)"
_KERAS_CV = "Keras 3 dropped it: use the keras-cv / keras-hub model, or migrate with `--keras 2` (tf-keras)"
_TF_KERAS = "Keras 3 has no equivalent: migrate with `--keras 2` (tf-keras keeps it) or rewrite"
_OPT = ("Keras 3 has only the new optimizers: use `tf.keras.optimizers.{leaf}` (its slot variables, "
        "`decay` and checkpoint layout differ), or migrate with `--keras 2`")

# Keras 2 path (a name or a module) -> what to do, for names Keras 3 lacks.
MISSING: dict[str, str] = {
    "estimator": "Estimators are gone from TF 2.16+: train the Keras model with `model.fit`, export it with "
                 "`model.export(path)` (a SavedModel for serving)",
    "experimental.export_saved_model": "use `model.export(path)` (SavedModel for serving) or "
                                       "`tf.saved_model.save(model, path)`",
    "experimental.load_from_saved_model": "use `tf.saved_model.load(path)` (or `tf.keras.layers.TFSMLayer`) "
                                          "for a SavedModel, `tf.keras.models.load_model` for a .keras file",
    "experimental.LinearModel": "Keras 3 has no LinearModel: a `tf.keras.layers.Dense` on the concatenated "
                                "features, or tf-keras (`--keras 2`)",
    "experimental.WideDeepModel": "Keras 3 has no WideDeepModel: build the two towers with the functional API, "
                                  "or tf-keras (`--keras 2`)",
    "experimental.SequenceFeatures": "feature columns are gone from Keras 3: preprocess with "
                                     "`tf.keras.layers` preprocessing layers or tf.data",
    "experimental": _TF_KERAS,
    "saving": "Keras 3's tf.keras has `load_model`/`save_model` in `tf.keras.models` and the registration "
              "functions in `tf.keras.utils`",
    "models.LinearModel": "Keras 3 has no LinearModel: a `tf.keras.layers.Dense` on the concatenated features, "
                          "or tf-keras (`--keras 2`)",
    "models.WideDeepModel": "Keras 3 has no WideDeepModel: build the two towers with the functional API, "
                            "or tf-keras (`--keras 2`)",
    "models.model_from_config": "Keras 3: `tf.keras.utils.deserialize_keras_object(config)` reads Keras 3 "
                                "configs only; a Keras 2 config needs `--keras 2` (tf-keras)",
    "models.model_from_yaml": "YAML model configs are gone: save the config as JSON and use "
                              "`tf.keras.models.model_from_json`",
    "layers.DenseFeatures": "feature columns are gone from Keras 3: preprocess with `tf.keras.layers` "
                            "preprocessing layers (`FeatureSpace`) or tf.data, or use `--keras 2`",
    "layers.CuDNNGRU": "use `tf.keras.layers.GRU(..., reset_after=True)` (it uses cuDNN when it can; the "
                       "weights load with `recurrent_activation='sigmoid'`)",
    "layers.CuDNNLSTM": "use `tf.keras.layers.LSTM(..., recurrent_activation='sigmoid')` (it uses cuDNN when "
                        "it can)",
    "layers.LocallyConnected1D": "Keras 3 dropped it: tf-keras (`--keras 2`) or a grouped `Conv1D` rewrite",
    "layers.LocallyConnected2D": "Keras 3 dropped it: tf-keras (`--keras 2`) or a grouped `Conv2D` rewrite",
    "layers.AbstractRNNCell": "subclass `tf.keras.layers.Layer` with `state_size` / `output_size` "
                              "(Keras 3 RNN cells are plain layers)",
    "layers.disable_v2_dtype_behavior": "Keras 3 has no v1 dtype behaviour: remove the call (layers cast "
                                        "inputs to their dtype policy)",
    "layers.enable_v2_dtype_behavior": "Keras 3 always has it: remove the call",
    "layers.experimental.preprocessing.PreprocessingLayer": "subclass `tf.keras.layers.Layer` (Keras 3 "
                                                            "preprocessing layers adapt with `adapt()`)",
    "layers.experimental.RandomFourierFeatures": _TF_KERAS,
    "layers.experimental.DynamicEmbedding": _TF_KERAS,
    "layers.experimental.DynamicLookup": _TF_KERAS,
    "layers.experimental.preprocessing": "Keras 3 has these layers in `tf.keras.layers`",
    "layers.experimental": "Keras 3 has these layers in `tf.keras.layers`",
    "applications.regnet": _KERAS_CV,
    "applications.resnet_rs": _KERAS_CV,
    "callbacks.BaseLogger": "Keras 3 averages the logs itself: remove the callback",
    "callbacks.SidecarEvaluatorModelExport": _TF_KERAS,
    "callbacks.experimental": _TF_KERAS,
    "constraints.RadialConstraint": _TF_KERAS,
    "constraints.radial_constraint": _TF_KERAS,
    "metrics.MeanRelativeError": "Keras 3 dropped it: `tf.keras.metrics.Mean()` of "
                                 "`abs(y_pred - y_true) / normalizer`",
    "metrics.MeanTensor": "Keras 3 dropped it: keep a running sum in a `tf.keras.metrics.Metric` subclass",
    "optimizers.Optimizer": "Keras 3's `tf.keras.optimizers.Optimizer` is another API (`update_step`/`build` "
                            "instead of `_resource_apply_dense`/`get_updates`): port the subclass, or `--keras 2`",
    "optimizers.legacy": "Keras 3 has no legacy optimizers: use `tf.keras.optimizers.*` (slot variables, `decay` "
                         "and checkpoint layout differ), or migrate with `--keras 2`",
    "mixed_precision.LossScaleOptimizer": "Keras 3's LossScaleOptimizer takes (inner_optimizer, "
                                          "initial_scale=, dynamic_growth_steps=) and has no `dynamic=False`; "
                                          "check the arguments",
    "utils.DeterministicRandomTestTool": _TF_KERAS,
    "utils.GeneratorEnqueuer": "Keras 3 has no enqueuers: pass a `tf.keras.utils.PyDataset` (workers=, "
                               "use_multiprocessing=) or a tf.data pipeline to fit",
    "utils.OrderedEnqueuer": "Keras 3 has no enqueuers: pass a `tf.keras.utils.PyDataset` (workers=, "
                             "use_multiprocessing=) or a tf.data pipeline to fit",
    "utils.SequenceEnqueuer": "Keras 3 has no enqueuers: pass a `tf.keras.utils.PyDataset` to fit",
    "utils.StepsPerExecutionTuner": _TF_KERAS,
    "utils.get_or_create_layer": _TF_KERAS,
    "utils.track_tf1_style_variables": "TF 1-style variable tracking needs tf-keras: migrate with `--keras 2`",
    "utils.warmstart_embedding_matrix": _TF_KERAS,
    "utils.to_ordinal": "Keras 3 dropped it: `tf.sequence_mask(y, num_classes - 1)` as float is the ordinal "
                        "encoding",
}
for _leaf in ("function", "get_session", "set_session", "placeholder", "learning_phase", "set_learning_phase",
              "learning_phase_scope", "in_train_phase", "in_test_phase", "manual_variable_initialization",
              "normalize_batch_in_training", "print_tensor", "random_binomial", "reset_uids",
              "local_conv1d", "local_conv2d"):
    MISSING[f"backend.{_leaf}"] = _SESSION if _leaf in ("function", "get_session", "set_session", "placeholder") else (
        "Keras 3's backend lacks it: pass `training=` to the model / layer call, use `tf.*` ops, "
        "or migrate with `--keras 2`")
for _leaf in ("Adadelta", "Adagrad", "Adam", "Adamax", "Ftrl", "Nadam", "RMSprop", "SGD", "Optimizer"):
    MISSING[f"optimizers.legacy.{_leaf}"] = _OPT.format(leaf=_leaf)
for _size in ("002", "004", "006", "008", "016", "032", "040", "064", "080", "120", "160", "320"):
    MISSING[f"applications.RegNetX{_size}"] = MISSING[f"applications.RegNetY{_size}"] = _KERAS_CV
for _depth in ("50", "101", "152", "200", "270", "350", "420"):
    MISSING[f"applications.ResNetRS{_depth}"] = _KERAS_CV
# Keras 2 names Keras 3 keeps for an object of another `__name__` with the same meaning
# (read by tests/test_keras_surface.py): Keras 2 path -> Keras 3 object's `__name__`.
SAME_MEANING: dict[str, str] = {
    "activations.swish": "silu",  # x * sigmoid(x) in both (Keras 3: swish is an alias of silu)
    "regularizers.l1_l2": "L1L2",  # Keras 2's l1_l2(l1=0.01, l2=0.01) returns L1L2(l1, l2); Keras 3 aliases the class
    "utils.Sequence": "PyDataset",  # Keras 3 keeps Sequence as an alias of PyDataset (same __getitem__/__len__)
    "backend.name_scope": "name_scope",  # both are the TF 1 graph-style name scope context manager
}
# Call sites other codemods already report (MIG255 Keras 2 session): not reported twice.
_REPORTED_CALLS = {"backend.get_session", "backend.set_session", "backend.learning_phase",
                   "backend.set_learning_phase", "backend.function", "backend.placeholder",
                   "backend.manual_variable_initialization", "backend.learning_phase_scope"}


def keras2_path(qualified: str | None) -> str | None:
    if qualified and qualified.startswith(K):
        return qualified[len(K):]
    return None


def missing_entry(path: str) -> str | None:
    """The longest MISSING key that is `path` or a module prefix of it."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in MISSING:
            return key
    return None


class Keras2Names(Codemod):
    """Keras 2 names Keras 3 lacks: renamed to the Keras 3 name, or reported.

    Before::

        model.compile(loss=tf.keras.losses.mean_squared_error)
        norm = tf.keras.layers.experimental.preprocessing.Normalization()
        model = tf.keras.saving.load_model(path)

    After::

        model.compile(loss=tf.keras.losses.mse)
        norm = tf.keras.layers.Normalization()
        model = tf.keras.models.load_model(path)
    """

    CODE = "MIG115"
    TITLE = "Keras 2 names Keras 3 moved (losses.mean_squared_error, layers.experimental.preprocessing.*, saving.*)"
    WARNINGS = {"MIG193": "a Keras 2 name Keras 3 (tf.keras of TF 2.16+) lacks"}

    @classmethod
    def needed(cls, facts: Facts, settings) -> bool:
        if settings.keras != "3" or "TF_USE_LEGACY_KERAS" in facts.source:
            return False  # (a file the compat pass keeps on tf-keras under a Keras 3 run has Keras 2's names)
        for q in [*facts.names, *(i.qualified for i in facts.imports)]:
            path = keras2_path(q)
            if path is not None and (path in RENAMES or missing_entry(path)):
                return True
        return False

    def __init__(self, file) -> None:
        super().__init__(file)
        self._inner: set[int] = set()  # Attribute nodes that are the value of a longer chain
        self._called: set[int] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._inner.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        self._called.add(id(node.func))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # import lines are handled whole in leave_ImportFrom

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if self.file.settings.keras != "3" or id(original_node) in self._inner:
            return updated_node
        path = keras2_path(self.qualname(original_node))
        if path is None:
            return updated_node
        if path in RENAMES:
            new = self._rebuild(original_node, updated_node, RENAMES[path])
            if new is not None:
                self.changed(original_node, f"tf.keras.{path} -> tf.keras.{RENAMES[path]} (Keras 3)")
                return new
            self.warn(original_node, "MIG193", f"tf.keras.{path}: Keras 3 names it `tf.keras.{RENAMES[path]}`")
            return updated_node
        key = missing_entry(path)
        if key is not None and not (path in _REPORTED_CALLS and id(original_node) in self._called):
            self.warn(original_node, "MIG193", f"tf.keras.{path} does not exist in Keras 3: {MISSING[key]}")
        return updated_node

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        """`from tensorflow.keras.losses import mean_squared_error` -> `import mse as mean_squared_error`."""
        if self.file.settings.keras != "3" or original_node.module is None or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = cst.Module([]).code_for_node(original_node.module)
        if original_node.relative or not module.startswith("tensorflow.keras"):
            return updated_node
        base = module[len("tensorflow.keras"):].lstrip(".")
        names, changed = [], False
        for alias in updated_node.names:
            leaf = cst.Module([]).code_for_node(alias.name)
            path = f"{base}.{leaf}" if base else leaf
            target = RENAMES.get(path)
            if target is not None and target.rsplit(".", 1)[0] == base:
                asname = alias.asname or cst.AsName(name=cst.Name(leaf))
                names.append(alias.with_changes(name=cst.Name(target.rsplit(".", 1)[1]), asname=asname))
                self.changed(original_node, f"tf.keras.{path} -> tf.keras.{target} (Keras 3)")
                changed = True
                continue
            if target is not None:
                self.warn(original_node, "MIG193", f"tf.keras.{path}: Keras 3 names it `tf.keras.{target}`")
            elif (key := missing_entry(path)) is not None:
                self.warn(original_node, "MIG193", f"tf.keras.{path} does not exist in Keras 3: {MISSING[key]}")
            names.append(alias)
        return updated_node.with_changes(names=names) if changed else updated_node

    def _rebuild(self, original: cst.Attribute, updated: cst.Attribute, target: str) -> cst.BaseExpression | None:
        """The chain with its `tensorflow.keras...` prefix kept and the rest spelled as `target`."""
        want = K + target
        node_o, node_u = original, updated
        while isinstance(node_o, cst.Attribute) and isinstance(node_u, cst.Attribute):
            node_o, node_u = node_o.value, node_u.value
            qualified = self.qualname(node_o)
            if qualified and (want.startswith(qualified + ".")):
                rest = want[len(qualified) + 1:].split(".")
                expr: cst.BaseExpression = node_u
                for part in rest:
                    expr = cst.Attribute(value=expr, attr=cst.Name(part))
                return expr
        return None
