import ast
import json
import os
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_imports import (
    OBTAIN_INPUT_SHAPE_CODE, TARGET_PACKAGES, KerasImports, names_table,
)
from migrate.testing import apply, check_rewrite, check_unchanged, codes

KERAS3 = Settings(keras="3")
KERAS2 = Settings(keras="2")

REWRITES_KERAS3 = [
    pytest.param("import keras\n", "from tensorflow import keras\n", id="import-keras"),
    pytest.param("import keras as k\n", "from tensorflow import keras as k\n", id="import-keras-as"),
    pytest.param(
        "import keras.backend as K\n", "from tensorflow.keras import backend as K\n", id="import-backend-as"
    ),
    pytest.param(
        "from keras import backend as K\nK.int_shape(x)\n",
        "from tensorflow.keras import backend as K\nK.int_shape(x)\n",
        id="from-keras-import-backend",
    ),
    pytest.param(
        "from keras.engine import Layer, InputSpec\n",
        "from tensorflow.keras.layers import Layer, InputSpec\n",
        id="engine-layer",
    ),
    pytest.param(
        "from keras.engine.topology import Layer, Input  # base classes\n",
        "from tensorflow.keras.layers import Layer, Input  # base classes\n",
        id="engine-topology-keeps-comment",
    ),
    pytest.param(
        "from keras.engine.training import Model\n",
        "from tensorflow.keras.models import Model\n",
        id="engine-training-model",
    ),
    pytest.param(
        "from keras.engine import Layer, Model\n",
        "from tensorflow.keras.layers import Layer\nfrom tensorflow.keras.models import Model\n",
        id="engine-split-by-destination",
    ),
    pytest.param(
        # Keras 2's keras.models re-exported the engine's Input (keras-tcn 2.3's tcn.py)
        "from keras.models import Input, Model\n",
        "from tensorflow.keras.layers import Input\nfrom tensorflow.keras.models import Model\n",
        id="models-reexported-input",
    ),
    pytest.param(
        "import keras\ni = keras.models.Input(shape=(3,))\n",
        "from tensorflow import keras\ni = keras.layers.Input(shape=(3,))\n",
        id="models-reexported-input-attribute",
    ),
    pytest.param(
        "from keras.layers.merge import concatenate, Add\n"
        "from keras.layers.normalization import BatchNormalization\n"
        "from keras.layers.advanced_activations import LeakyReLU as LR\n",
        "from tensorflow.keras.layers import concatenate, Add\n"
        "from tensorflow.keras.layers import BatchNormalization\n"
        "from tensorflow.keras.layers import LeakyReLU as LR\n",
        id="folded-layer-modules",
    ),
    pytest.param(
        "from keras.utils.np_utils import to_categorical\nfrom keras.utils.data_utils import Sequence\n",
        "from tensorflow.keras.utils import to_categorical\nfrom tensorflow.keras.utils import Sequence\n",
        id="folded-utils",
    ),
    pytest.param(
        "from keras.backend.tensorflow_backend import int_shape\n",
        "from tensorflow.keras.backend import int_shape\n",
        id="tensorflow-backend",
    ),
    pytest.param(
        "from keras.objectives import categorical_crossentropy\n",
        "from tensorflow.keras.losses import categorical_crossentropy\n",
        id="objectives-to-losses",
    ),
    pytest.param(
        "from keras_applications.resnet50 import ResNet50\n",
        "from tensorflow.keras.applications.resnet50 import ResNet50\n",
        id="keras-applications",
    ),
    pytest.param(
        "from tensorflow.python.keras.layers import Dense\n",
        "from tensorflow.keras.layers import Dense\n",
        id="tensorflow-python-keras",
    ),
    pytest.param(
        "from keras.preprocessing.image import ImageDataGenerator\n",
        "from tensorflow.keras.preprocessing.image import ImageDataGenerator\n",
        id="preprocessing-still-in-tf-keras",
    ),
    pytest.param(
        "import os, keras\n", "import os\nfrom tensorflow import keras\n", id="split-mixed-import"
    ),
    pytest.param(
        "import keras\nclass Attention(keras.engine.Layer):\n    pass\ny = keras.layers.merge.add([a, b])\n",
        "from tensorflow import keras\nclass Attention(keras.layers.Layer):\n    pass\ny = keras.layers.add([a, b])\n",
        id="attribute-chains",
    ),
    pytest.param(
        "import keras\n@keras.saving.register_keras_serializable()\nclass A(keras.layers.Layer):\n    pass\n",
        "from tensorflow import keras\n@keras.utils.register_keras_serializable()\nclass A(keras.layers.Layer):\n    pass\n",
        id="tf-keras-has-no-saving-attribute",
    ),
    pytest.param(
        "from keras import layers\ny = layers.merge.concatenate([a, b])\n",
        "from tensorflow.keras import layers\ny = layers.concatenate([a, b])\n",
        id="attribute-chain-from-submodule",
    ),
    pytest.param(
        "from keras.utils import multi_gpu_model\nparallel = multi_gpu_model(model, gpus=2)\n",
        "parallel = model\n",
        id="multi-gpu-model",
    ),
    pytest.param(
        "import keras\nparallel = keras.utils.multi_gpu_model(model, gpus=4)\n",
        "from tensorflow import keras\nparallel = model\n",
        id="multi-gpu-model-attribute",
    ),
]

REWRITES_KERAS2 = [
    pytest.param("import keras\n", 'import tf_keras as keras\n', id="import-keras"),
    pytest.param(
        "from keras.engine import Layer\nfrom keras import backend as K\n",
        "from tf_keras.layers import Layer\nfrom tf_keras import backend as K\n",
        id="engine-and-backend",
    ),
    pytest.param(
        "from keras.layers import ThresholdedReLU\n",
        "from tf_keras.layers import ThresholdedReLU\n",
        id="name-kept-by-tf-keras",
    ),
    pytest.param(
        "from keras.models import InputLayer, Sequential\n",
        "from tf_keras.layers import InputLayer\nfrom tf_keras.models import Sequential\n",
        id="models-reexported-input-layer",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES_KERAS3)
def test_rewrites_keras3(before, after):
    check_rewrite(KerasImports, before, after, KERAS3)


@pytest.mark.parametrize("before, after", REWRITES_KERAS2)
def test_rewrites_keras2(before, after):
    outcome = apply(KerasImports, before, KERAS2)
    # Keras 2 target: the same imports, plus tf.keras made tf-keras before TensorFlow loads.
    assert outcome.code.replace('import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\n', "") == after
    assert 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")' in outcome.code
    assert outcome.required == {"tf-keras"}
    check_rewrite(KerasImports, before, outcome.code, KERAS2)


def test_keras2_environment_goes_before_tensorflow():
    outcome = apply(KerasImports, "import keras\nimport tensorflow as tf\n", KERAS2)
    # before the rewritten `import tf_keras` too: importing it imports TensorFlow
    assert outcome.code == (
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\n'
        "import tf_keras as keras\nimport tensorflow as tf\n"
    )


def test_keras2_target_makes_tf_keras_legacy_too():
    outcome = apply(KerasImports, "import tensorflow as tf\nm = tf.keras.Sequential()\n", KERAS2)
    assert outcome.code.startswith('import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n')
    check_unchanged(KerasImports, outcome.code, KERAS2)


def test_obtain_input_shape_written_out():
    source = "from keras.applications.imagenet_utils import _obtain_input_shape\nimport numpy as np\n\nshape = _obtain_input_shape(None, 224, 32, 'channels_last', True)\n"
    outcome = apply(KerasImports, source, KERAS3)
    tree = ast.parse(outcome.code)
    assert [type(node).__name__ for node in tree.body] == ["Import", "FunctionDef", "Assign"]
    assert tree.body[1].name == "_obtain_input_shape"
    assert set(codes(outcome)) == {"MIG201"}
    check_unchanged(KerasImports, outcome.code, KERAS3)


def test_obtain_input_shape_from_keras_applications_keeps_other_names():
    source = "from keras_applications.imagenet_utils import _obtain_input_shape, preprocess_input\n"
    outcome = apply(KerasImports, source, KERAS3)
    assert outcome.code.startswith("from tensorflow.keras.applications.imagenet_utils import preprocess_input\n")
    assert "def _obtain_input_shape(" in outcome.code


WARNINGS = [
    pytest.param("from keras.layers import CuDNNLSTM, Dense\n", "MIG251", 1,
                 "from tensorflow.keras.layers import Dense\nfrom keras.layers import CuDNNLSTM\n", id="cudnn-lstm"),
    pytest.param("from keras.layers.cudnn_recurrent import CuDNNGRU\n", "MIG251", 1,
                 "from keras.layers.cudnn_recurrent import CuDNNGRU\n", id="cudnn-gru"),
    pytest.param("from keras.legacy import interfaces\n", "MIG251", 1,
                 "from keras.legacy import interfaces\n", id="keras-legacy"),
    pytest.param("import keras\nx = 1\nm = keras.utils.multi_gpu_model(*args)\n", "MIG252", 3,
                 "from tensorflow import keras\nx = 1\nm = keras.utils.multi_gpu_model(*args)\n", id="multi-gpu-star-args"),
]


@pytest.mark.parametrize("source, code, line, after", WARNINGS)
def test_warnings(source, code, line, after):
    outcome = apply(KerasImports, source, KERAS3)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [(code, line)]
    assert outcome.code == after


def test_time_distributed_warned_for_keras3_only():
    source = "from keras.layers import TimeDistributed, Dense\nimport keras\ny = keras.layers.TimeDistributed(Dense(3))(x)\n"
    keras3 = apply(KerasImports, source, KERAS3)
    assert [(f.code, f.line) for f in keras3.findings if f.kind == "warning"] == [("MIG260", 1), ("MIG260", 3)]
    assert keras3.code.startswith("from tensorflow.keras.layers import TimeDistributed, Dense\n")
    keras2 = apply(KerasImports, source, KERAS2)
    assert [f for f in keras2.findings if f.kind == "warning"] == []


def test_multi_gpu_model_used_otherwise_keeps_its_import():
    source = "from keras.utils import multi_gpu_model\nmaker = multi_gpu_model\n"
    outcome = apply(KerasImports, source, KERAS3)
    assert outcome.code == source
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG252", 1)]


def test_multi_gpu_rewrite_also_warns():
    outcome = apply(KerasImports, "from keras.utils import multi_gpu_model\n\np = multi_gpu_model(m, 2)\n", KERAS3)
    assert [(f.code, f.line) for f in outcome.findings if f.kind == "warning"] == [("MIG252", 3)]
    assert "MirroredStrategy" in outcome.findings[-1].message


UNCHANGED = [
    pytest.param("import numpy as keras\nkeras.engine.Layer\n", id="numpy-as-keras"),
    pytest.param("keras = load()\nkeras.engine.Layer\n", id="local-variable-keras"),
    pytest.param('import os\nx = "from keras.engine import Layer"  # keras.engine\n', id="strings-and-comments"),
    pytest.param("from tensorflow import keras\nfrom tensorflow.keras.layers import Layer\n", id="already-migrated"),
    pytest.param("import numpy as np\nprint(np.ones(3))\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nx = tf.keras.layers.Dense(3)\n", id="compat-v1"),
    pytest.param("import tensorflow\nx = tensorflow.keras.layers.Dense(3)\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow import keras\nx = keras.layers.Dense(3)\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\nx = tf1.keras.layers.Dense(3)\n", id="alias-tf1"),
    pytest.param("from .keras import layers\n", id="relative-import"),
    pytest.param("from keras.engine.saving import load_weights_from_hdf5_group\n", id="engine-saving-is-mig217s"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasImports, source, KERAS3)
    assert outcome.findings == []


def test_not_needed_on_migrated_file():
    from migrate.prescan import prescan

    for source in ("from tensorflow import keras\n", "import tf_keras as keras\n"):
        assert not KerasImports.needed(prescan(source), KERAS3)
    migrated = apply(KerasImports, "import keras\nimport tensorflow as tf\n", KERAS2).code
    assert not KerasImports.needed(prescan(migrated), KERAS2)


# -- everything the codemod can emit resolves in the installed packages ------------------------
def _import_everything_script(keras: str) -> str:
    """A program importing every (module, name) of the table for one target."""
    package = TARGET_PACKAGES[keras]
    lines = ["import importlib, sys", "missing = []"]
    for module, names in sorted(names_table()[keras].items()):
        full = f"{package}.{module}" if module else package
        lines.append(f"m = importlib.import_module({full!r})")
        lines.append(f"missing += [{full!r} + '.' + n for n in {sorted(names)!r} if not hasattr(m, n)]")
    lines.append("print(len(missing)); print(missing[:20])")
    return "\n".join(lines)


@pytest.mark.tf
@pytest.mark.slow
@pytest.mark.parametrize("keras", ["3", "2"])
def test_every_emittable_import_resolves(keras):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    if keras == "2":
        env["TF_USE_LEGACY_KERAS"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _import_everything_script(keras)], env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    count, missing = done.stdout.strip().splitlines()[-2:]
    assert count == "0", missing


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_imports_run_and_obtain_input_shape_matches_keras():
    """The rewritten imports of a Keras-2 file import under TF 2.21 (both targets), and the
    written-out _obtain_input_shape agrees with Keras 3's own (private) version."""
    legacy = textwrap.dedent("""\
        import keras
        import keras.backend as K
        from keras.engine import Layer, InputSpec, Model
        from keras.engine.topology import Input
        from keras.layers.merge import concatenate, add
        from keras.layers.normalization import BatchNormalization
        from keras.layers.advanced_activations import LeakyReLU
        from keras.backend.tensorflow_backend import int_shape
        from keras.utils.np_utils import to_categorical
        from keras.utils.data_utils import Sequence
        from keras.preprocessing.image import ImageDataGenerator
        from keras.applications.imagenet_utils import _obtain_input_shape, preprocess_input
        from keras_applications.resnet50 import ResNet50
        from tensorflow.python.keras.layers import Dense
        from keras.objectives import categorical_crossentropy
        from keras.optimizers import Adam
        from keras.callbacks import ModelCheckpoint
        print("imported", keras.layers.Dense is not None, K.int_shape is not None)
        """)
    checks = textwrap.dedent("""\
        import itertools
        from keras.src.applications.imagenet_utils import obtain_input_shape
        cases = itertools.product(
            [None, (224, 224, 3), (3, 224, 224), (64, 64, 1), (None, None, 3), (16, 16, 3)],
            [224], [32], ["channels_last", "channels_first"], [True, False], [None, "imagenet"],
        )
        agree = 0
        for case in cases:
            outcomes = []
            for function in (_obtain_input_shape, obtain_input_shape):
                try:
                    outcomes.append(("ok", tuple(function(*case))))
                except ValueError:
                    outcomes.append(("error", None))
            assert outcomes[0] == outcomes[1], (case, outcomes)
            agree += 1
        print("obtain_input_shape agrees on", agree)
        """)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    for settings in (KERAS3, KERAS2):
        migrated = apply(KerasImports, legacy, settings).code
        program = migrated + (checks if settings.keras == "3" else "")
        done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (settings.keras, done.stderr[-3000:])
        assert "imported True True" in done.stdout
        if settings.keras == "3":
            assert "obtain_input_shape agrees on 48" in done.stdout


def test_table_lists_both_targets():
    table = json.loads((__import__("pathlib").Path(__file__).parents[2] / "codemods" / "tables" / "keras_names.json").read_text())
    assert set(table) == {"3", "2"}
    assert "Layer" in table["3"]["layers"] and "int_shape" in table["3"]["backend"]
    assert "CuDNNLSTM" not in table["3"]["layers"] and "CuDNNLSTM" not in table["2"]["layers"]
    assert "ThresholdedReLU" in table["3"]["layers"]  # tf.keras keeps a legacy one
    assert OBTAIN_INPUT_SHAPE_CODE.count("def ") == 2


@pytest.mark.parametrize("example", ["keras_threaded_server.py", "keras_custom_layer_model.py", "keras_fit_generator.py"])
@pytest.mark.parametrize("keras", ["3", "2"])
def test_examples_migrate_to_fixed_point(example, keras):
    """All Keras codemods of issue 4 on the example programs: the result parses and no
    codemod is `needed` on it any more (so `--check` on a migrated tree parses nothing)."""
    from pathlib import Path

    from migrate.codemods.keras_backend_session import KerasBackendSession
    from migrate.codemods.keras_file_names import KerasFileNames
    from migrate.codemods.keras_generators import KerasGenerators
    from migrate.codemods.keras_graph_serving import KerasGraphServing
    from migrate.codemods.keras_optimizer_lr import KerasOptimizerLr
    from migrate.prescan import prescan

    mine = [KerasImports, KerasBackendSession, KerasGenerators, KerasOptimizerLr, KerasGraphServing, KerasFileNames]
    settings = Settings(keras=keras)
    source = (Path(__file__).parents[2] / "examples" / "legacy_tf1" / example).read_text()
    assert any(codemod.needed(prescan(source), settings) for codemod in mine)
    migrated = apply(mine, source, settings).code
    facts = prescan(migrated)
    assert [codemod.__name__ for codemod in mine if codemod.needed(facts, settings)] == []


# -- issue 9, kind 1: `import keras.engine as KE` (Mask R-CNN), a module with no home ------
ENGINE_ALIAS = [
    pytest.param(
        "import keras.engine as KE\nclass P(KE.Layer):\n    pass\n",
        "from tf_keras import layers as KE\nclass P(KE.Layer):\n    pass\n",
        KERAS2, id="one-module-keras2",
    ),
    pytest.param(
        "import keras.engine as KE\nclass P(KE.Layer):\n    pass\n",
        "from tensorflow.keras import layers as KE\nclass P(KE.Layer):\n    pass\n",
        KERAS3, id="one-module-keras3",
    ),
    pytest.param(
        "import keras.engine.topology as KT\nspec = KT.InputSpec(ndim=3)\nclass P(KT.Layer):\n    pass\n",
        "from tensorflow.keras import layers as KT\nspec = KT.InputSpec(ndim=3)\nclass P(KT.Layer):\n    pass\n",
        KERAS3, id="topology-two-names-same-module",
    ),
    pytest.param(
        "import keras.engine as KE\nclass P(KE.Layer):\n    def f(self):\n        return KE.Model\n",
        "from tensorflow import keras as KE\nclass P(KE.layers.Layer):\n    def f(self):\n        return KE.models.Model\n",
        KERAS3, id="names-in-two-modules-via-root",
    ),
]


@pytest.mark.parametrize("before, after, settings", ENGINE_ALIAS)
def test_engine_module_alias(before, after, settings):
    outcome = apply(KerasImports, before, settings)
    prologue = ("import os\n", 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\n')  # Keras 2 target
    assert "".join(l for l in outcome.code.splitlines(True) if l not in prologue) == after
    assert "MIG251" not in codes(outcome)


@pytest.mark.parametrize("source", [
    "import keras.engine as KE\nregistry = [KE]\nclass P(KE.Layer):\n    pass\n",  # the module object itself
    "import keras.engine as KE\nx = KE.no_such_name\n",  # a name with no home
])
def test_engine_module_alias_warned_when_not_rewritable(source):
    outcome = check_unchanged(KerasImports, source, KERAS3)
    assert "MIG251" in codes(outcome)


# -- issue 9, kind 1: Keras-2 private generic_utils helpers used by layer packages ----------
def test_generic_utils_helpers_are_written_out():
    """keras-bert and keras-multi-head call `keras.utils.generic_utils.has_arg` /
    `object_list_uid`; TF 2's Keras keeps them only privately: written out, every form."""
    source = textwrap.dedent("""\
        import keras
        from keras.utils.generic_utils import has_arg
        def f(layer, inputs):
            if keras.utils.generic_utils.has_arg(layer.call, "training"):
                return keras.utils.generic_utils.object_list_uid(inputs)
            return has_arg(layer, "x")
    """)
    for settings in (KERAS2, KERAS3):
        outcome = apply(KerasImports, source, settings)
        assert "MIG251" not in codes(outcome)
        assert "generic_utils" not in outcome.code.replace("`keras.utils.generic_utils.", "")
        assert outcome.code.count("def has_arg(fn, name, accept_all=False):") == 1
        assert outcome.code.count("def object_list_uid(object_list):") == 1
        assert 'if has_arg(layer.call, "training"):\n        return object_list_uid(inputs)\n' in outcome.code
        namespace = {}
        helpers = outcome.code[outcome.code.index("def has_arg"):outcome.code.index("def f(")]
        exec(helpers, namespace)
        has_arg = namespace["has_arg"]
        assert has_arg(lambda x, training=None: x, "training") and not has_arg(lambda x: x, "training")
        assert has_arg(lambda x, **kw: x, "training", accept_all=True) and not has_arg(lambda x, **kw: x, "training")
        a, b = object(), object()
        assert namespace["object_list_uid"]([a, b]) == f"{abs(id(a))}, {abs(id(b))}"
        assert namespace["object_list_uid"](a) == str(abs(id(a)))


# -- several `import keras.X` lines bind the same `keras` ------------------------------------
def test_module_level_duplicates_become_one_import():
    """`import keras.layers` / `import keras.models` each bind `keras`: after migration one
    `import tf_keras as keras` is enough (four copies would be flagged by linters)."""
    check_rewrite(
        KerasImports,
        "import keras.backend\nimport keras.layers\nimport keras.models\nx = keras.layers.Dense(3)\n",
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tf_keras as keras\nx = keras.layers.Dense(3)\n',
        settings=KERAS2,
    )


def test_duplicates_in_blocks_and_commented_lines_are_kept():
    # an except block may not be left empty; a line's comment must not be lost
    source = (
        "import keras.layers\n"
        "import keras.models  # models too\n"
        "try:\n    import keras.regularizers\nexcept ImportError:\n    import keras.backend\n"
    )
    out = apply(KerasImports, source, KERAS2).code
    assert out.count("import tf_keras as keras") == 4
    assert "import tf_keras as keras  # models too\n" in out
    ast.parse(out)


def test_legacy_keras_prologue_goes_before_the_rewritten_keras_import(tmp_path):
    """TF_USE_LEGACY_KERAS must be set before the first TensorFlow / Keras / tf_keras import."""
    path = tmp_path / "k.py"
    path.write_text("import keras\nimport tensorflow as tf\nd = keras.layers.Dense(3)\ny = tf.keras.layers.Dense(3)\n")
    result = subprocess.run([sys.executable, "-m", "migrate", "code", "--keras", "2", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    lines = path.read_text().splitlines()
    prologue = lines.index('os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")')
    first_import = min(i for i, line in enumerate(lines) if "tf_keras" in line or "tensorflow" in line)
    assert prologue < first_import


# -- Keras 2 sub-modules read as modules: `np_utils.to_categorical`, `keras.layers.core.Dense` --
# Keras 3 folded them into their parent package (keras.utils, keras.layers): the name bound to
# the sub-module is bound to the parent, and dotted reads through it point at the parent.
FOLDED_MODULE_REWRITES = [
    pytest.param(
        "from keras.utils import np_utils\ny = np_utils.to_categorical(labels, 10)\n",
        "from tensorflow.keras import utils as np_utils\ny = np_utils.to_categorical(labels, 10)\n",
        id="from-utils-import-np_utils-two-step",
    ),
    pytest.param(
        "from keras.layers import core as c, Dense\nf = c.Flatten()\n",
        "from tensorflow.keras.layers import Dense\nfrom tensorflow.keras import layers as c\nf = c.Flatten()\n",
        id="from-layers-import-core-as",
    ),
    pytest.param(
        "import keras.layers.core as core\na = core.Activation('relu')\n",
        "from tensorflow.keras import layers as core\na = core.Activation('relu')\n",
        id="import-core-as-then-attribute",
    ),
    pytest.param(
        "import keras\nl = keras.layers.core.Dense(3)\nc = keras.utils.np_utils.to_categorical(y)\n"
        "m = keras.layers.convolutional.Conv2D(4, 3)\nr = keras.layers.recurrent.LSTM(2)\n",
        "from tensorflow import keras\nl = keras.layers.Dense(3)\nc = keras.utils.to_categorical(y)\n"
        "m = keras.layers.Conv2D(4, 3)\nr = keras.layers.LSTM(2)\n",
        id="dotted-reads",
    ),
    pytest.param(
        "import keras\nbackend = keras.layers.core.K\n",
        "from tensorflow import keras\nbackend = keras.backend\n",
        id="module-backend-alias-K",
    ),
    pytest.param(
        "from keras.layers.core import Dense, Activation\nfrom keras.layers.normalization import BatchNormalization\n",
        "from tensorflow.keras.layers import Dense, Activation\nfrom tensorflow.keras.layers import BatchNormalization\n",
        id="from-submodule-import-names",
    ),
    # the same under tf.keras (TF 1.x's tensorflow.python.keras had these modules)
    pytest.param(
        "import tensorflow as tf\nl = tf.keras.layers.core.Dense(3)\nc = tf.keras.utils.np_utils.to_categorical(y)\n",
        "import tensorflow as tf\nl = tf.keras.layers.Dense(3)\nc = tf.keras.utils.to_categorical(y)\n",
        id="tf-keras-dotted",
    ),
    pytest.param(
        "from tensorflow.keras.utils import np_utils, Sequence\ny = np_utils.to_categorical(labels)\n",
        "from tensorflow.keras.utils import Sequence\nfrom tensorflow.keras import utils as np_utils\n"
        "y = np_utils.to_categorical(labels)\n",
        id="from-tf-keras-utils-import-np_utils",
    ),
    pytest.param(
        "from tensorflow import keras\np = keras.layers.pooling.MaxPooling2D()\n",
        "from tensorflow import keras\np = keras.layers.MaxPooling2D()\n",
        id="from-tensorflow-import-keras-dotted",
    ),
]


@pytest.mark.parametrize("before, after", FOLDED_MODULE_REWRITES)
def test_folded_keras2_modules(before, after):
    outcome = check_rewrite(KerasImports, before, after, KERAS3)
    assert "MIG251" not in codes(outcome)


@pytest.mark.parametrize(
    "source",
    [
        "import other as keras\ny = keras.utils.np_utils.to_categorical(labels)\n",
        "import tensorflow as tf\nname = 'keras.layers.core.Dense'\nl = tf.keras.layers.Dense(3)\n",
        "from tensorflow.keras import utils as np_utils\ny = np_utils.to_categorical(labels)\n",
        "from tensorflow.keras.utils import to_categorical, Sequence\n",
    ],
)
def test_folded_keras2_modules_unchanged(source):
    check_unchanged(KerasImports, source, KERAS3)


@pytest.mark.tf
def test_folded_keras2_modules_run_under_keras3():
    source = (
        "import numpy as np\nimport keras\nfrom keras.utils import np_utils\nimport keras.layers.core as core\n"
        "import tensorflow as tf\n"
        "print(np_utils.to_categorical(np.array([0, 2]), 3).tolist())\n"
        "print(type(core.Dense(2)).__name__, type(keras.layers.convolutional.Conv2D(1, 1)).__name__)\n"
        "print(tf.keras.utils.np_utils.to_categorical([1], 2).tolist(), keras.layers.core.K is keras.backend)\n"
    )
    migrated = apply(KerasImports, source, KERAS3).code
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    env.pop("TF_USE_LEGACY_KERAS", None)
    done = subprocess.run([sys.executable, "-c", migrated], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:] + migrated
    assert done.stdout.splitlines() == ["[[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]", "Dense Conv2D", "[[0.0, 1.0]] True"]
