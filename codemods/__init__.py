"""All codemods, in the order they run on a node (see migrate/codemod.py for the rules).

Every module in this folder holds one codemod and must be listed here; a test checks it.
"""
from __future__ import annotations

import importlib

# (module, class) in run order.  Import normalisation and table renames first, so that
# later codemods can rely on the names they emit; warnings-only codemods last.
REGISTRY: list[tuple[str, str]] = [
    # -- TF1-era programs: private names first, so the public names they emit are renamed (issue 10) --
    ("private_tf_imports", "PrivateTfImports"),
    ("contrib_eager", "ContribEager"),
    ("mnist_input_data", "MnistInputData"),
    ("hparams", "Hparams"),
    ("estimator_mode_keys", "EstimatorModeKeys"),  # before MIG101 and MIG108: the members become strings
    ("tf_version_guards", "TfVersionGuards"),  # a guard refusing TF 2 goes (its test reads tf.__version__ alone)
    # -- TensorFlow 1.x API: renames and arguments (issue 3) --
    ("rename_tf_symbols", "RenameTfSymbols"),
    ("rename_tf_arguments", "RenameTfArguments"),
    ("v1_layer_initializers", "V1LayerInitializers"),  # TF 1.x's graph-seeded kernel initializer under a graph seed
    # -- TensorFlow 1.x API: semantics (issue 3) --
    ("dropout_keep_prob", "DropoutKeepProb"),
    ("contrib_slim", "ContribSlim"),
    ("tf1_object_methods", "Tf1ObjectMethods"),
    ("tf1_keras_initializers", "Tf1KerasInitializers"),
    ("estimator_keras", "EstimatorKeras"),  # issue 10: before estimator_removed, which warns about the rest
    ("estimator_removed", "EstimatorRemoved"),
    ("absl_flags_logging", "AbslFlagsLogging"),
    ("keras_optimizers", "KerasOptimizers"),
    ("graph_mode", "GraphMode"),  # last of this section: reacts to what the file still uses
    ("python_random_seed", "PythonRandomSeed"),  # after MIG104: moves past the environment line it writes
    # -- Keras 2: imports, training and serving APIs (issue 4) --
    ("keras_imports", "KerasImports"),
    ("keras2_names", "Keras2Names"),  # issue 12: Keras 2 names Keras 3 moved or lacks
    ("keras_backend_session", "KerasBackendSession"),
    ("keras_generators", "KerasGenerators"),
    ("keras_optimizer_lr", "KerasOptimizerLr"),
    ("keras_graph_serving", "KerasGraphServing"),
    ("keras_file_names", "KerasFileNames"),
    # -- Keras 2 and TF1 user stories: values, config, data (issue 4) --
    ("tensor_truthiness", "TensorTruthiness"),
    ("session_config", "SessionConfig"),
    ("tfrecord_bytes", "TfrecordBytes"),
    ("dataset_pitfalls", "DatasetPitfalls"),
    ("keras_static_shapes", "KerasStaticShapes"),
    ("keras_lambda", "KerasLambda"),
    ("keras_private_internals", "KerasPrivateInternals"),
    # -- same-era libraries: NumPy, SciPy, scikit-image, distutils (issue 10) --
    ("library_removals", "LibraryRemovals"),
    ("numpy_scalar_conversion", "NumpyScalarConversion"),  # issue 10: NumPy 2 converts only 0-d arrays
    # -- `--style tf2` (issue 13): never in the traversal; runner.apply_tf2_style runs it on the compat result --
    ("tf2_style", "Tf2Style"),
]


def load_all():
    """The codemod classes in run order."""
    return [
        getattr(importlib.import_module(f"migrate.codemods.{module}"), cls)
        for module, cls in REGISTRY
    ]
