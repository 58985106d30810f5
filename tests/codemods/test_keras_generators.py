import textwrap
import pytest

from migrate.codemod import Settings
from migrate.codemods.keras_generators import KerasGenerators
from migrate.testing import apply, check_rewrite, check_unchanged

KERAS3 = Settings(keras="3")
KERAS2 = Settings(keras="2")

REWRITES_KERAS3 = [
    pytest.param(
        "import keras\nmodel.fit_generator(gen, steps_per_epoch=10, epochs=2)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=10, epochs=2)\n",
        id="fit-generator",
    ),
    pytest.param(
        "import keras\nmodel.fit_generator(gen, 100, 5)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=100, epochs=5)\n",
        id="positional-become-keywords",
    ),
    pytest.param(
        "import keras\nmodel.fit_generator(generator=gen, steps_per_epoch=3)\n",
        "import keras\nmodel.fit(x=gen, steps_per_epoch=3)\n",
        id="generator-keyword",
    ),
    pytest.param(
        "import keras\nh = model.fit_generator(gen, 10, workers=1, use_multiprocessing=False)\n",
        "import keras\nh = model.fit(gen, steps_per_epoch=10)\n",
        id="default-loader-arguments-dropped-silently",
    ),
    pytest.param(
        "import keras\nscore = model.evaluate_generator(val, 10)\n",
        "import keras\nscore = model.evaluate(val, steps=10, verbose=0)\n",
        id="evaluate-generator-quiet-as-before",
    ),
    pytest.param(
        "import keras\np = model.predict_generator(val, steps=3, verbose=1)\n",
        "import keras\np = model.predict(val, steps=3, verbose=1)\n",
        id="predict-generator-keeps-verbose",
    ),
    pytest.param(
        # Mask R-CNN's call (seed 002), multi-line with a trailing comma.
        """\
        import keras
        self.keras_model.fit_generator(
            train_generator,
            initial_epoch=self.epoch,
            epochs=epochs,
            steps_per_epoch=self.config.STEPS_PER_EPOCH,
            callbacks=callbacks,
            validation_data=val_generator,
            validation_steps=self.config.VALIDATION_STEPS,
            max_queue_size=100,
            workers=workers,
            use_multiprocessing=True,
        )
        """,
        """\
        import keras
        self.keras_model.fit(
            train_generator,
            initial_epoch=self.epoch,
            epochs=epochs,
            steps_per_epoch=self.config.STEPS_PER_EPOCH,
            callbacks=callbacks,
            validation_data=val_generator,
            validation_steps=self.config.VALIDATION_STEPS,
        )
        """,
        id="mask-rcnn-multiline",
    ),
    pytest.param(
        "from keras.models import Model\nmodel.fit(x, y, epochs=2, workers=2)\n",
        "from keras.models import Model\nmodel.fit(x, y, epochs=2)\n",
        id="fit-with-workers",
    ),
]


QUIET_PREDICT = [
    pytest.param(
        "from keras.models import load_model\nmodel = load_model('m.h5')\ny = model.predict(x)\n",
        "from keras.models import load_model\nmodel = load_model('m.h5')\ny = model.predict(x, verbose=0)\n",
        id="loaded-model",
    ),
    pytest.param(
        "import keras\nclass S:\n    def __init__(self):\n        self.net = keras.models.Sequential()\n"
        "    def go(self, x):\n        return self.net.predict(x, batch_size=8)\n",
        "import keras\nclass S:\n    def __init__(self):\n        self.net = keras.models.Sequential()\n"
        "    def go(self, x):\n        return self.net.predict(x, batch_size=8, verbose=0)\n",
        id="self-attribute-model",
    ),
]


@pytest.mark.parametrize("before, after", QUIET_PREDICT)
@pytest.mark.parametrize("keras", ["3", "2"])
def test_predict_stays_quiet(before, after, keras):
    check_rewrite(KerasGenerators, before, after, Settings(keras=keras))


def test_predict_of_unknown_objects_untouched():
    source = "import keras\nfrom sklearn.ensemble import RandomForestClassifier\nmodel = RandomForestClassifier()\ny = model.predict(x)\nz = clf.predict(x)\n"
    check_unchanged(KerasGenerators, source, KERAS3)


@pytest.mark.parametrize("before, after", REWRITES_KERAS3)
def test_rewrites_keras3(before, after):
    check_rewrite(KerasGenerators, before, after, KERAS3)


def test_keras2_drops_parallel_loading_of_a_python_generator():
    """tf-keras 2.21 hangs (use_multiprocessing=True) or raises (workers > 1) on a Python
    generator: the call keeps running with one worker, and says so."""
    outcome = check_rewrite(
        KerasGenerators,
        "import keras\nmodel.fit_generator(gen, 10, workers=4, use_multiprocessing=True)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=10)\n",
        KERAS2,
    )
    assert [f.code for f in outcome.findings if f.kind == "warning"] == ["MIG253"]
    assert "NOT thread-safe" in outcome.findings[-1].message


def test_keras2_keeps_parallel_loading_of_a_sequence():
    source = textwrap.dedent("""\
        import keras
        class Batches(keras.utils.Sequence):
            pass
        data = Batches()
        model.fit_generator(data, 10, workers=4, use_multiprocessing=True)
    """)
    check_rewrite(
        KerasGenerators, source,
        source.replace("fit_generator(data, 10,", "fit(data, steps_per_epoch=10,"),
        KERAS2,
    )


def test_keras2_default_loader_arguments_kept():
    check_rewrite(
        KerasGenerators,
        "import keras\nmodel.fit_generator(gen, 10, workers=1)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=10, workers=1)\n",
        KERAS2,
    )


WARNINGS = [
    pytest.param("import keras\nx = 1\nmodel.fit_generator(gen, 10, workers=4, use_multiprocessing=True)\n", 3,
                 "workers=4, use_multiprocessing=True", id="workers"),
    pytest.param("import keras\nmodel.predict_generator(gen, max_queue_size=100)\n", 2, "max_queue_size=100", id="queue"),
    pytest.param("import keras\nmodel.fit(x, y, workers=n)\n", 2, "workers=n", id="fit-workers-variable"),
]


@pytest.mark.parametrize("source, line, moved", WARNINGS)
def test_warnings(source, line, moved):
    outcome = apply(KerasGenerators, source, KERAS3)
    warnings = [f for f in outcome.findings if f.kind == "warning"]
    assert [(f.code, f.line) for f in warnings] == [("MIG253", line)]
    assert f"super().__init__({moved})" in warnings[0].message


def test_star_arguments_rename_only():
    outcome = apply(KerasGenerators, "import keras\nmodel.fit_generator(*args, **kwargs)\n", KERAS3)
    assert outcome.code == "import keras\nmodel.fit(*args, **kwargs)\n"


UNCHANGED = [
    pytest.param("import numpy as keras\nclf.fit(x, y, workers=2)\n", id="not-keras-fit"),
    pytest.param(
        "import keras\nclass Trainer:\n    def fit_generator(self, g):\n        pass\nTrainer().fit_generator(g)\n",
        id="own-fit-generator",
    ),
    pytest.param('import keras\n# model.fit_generator(g)\ns = "model.fit_generator(g)"\n', id="strings-and-comments"),
    pytest.param("from tensorflow import keras\nmodel.fit(gen, steps_per_epoch=10)\n", id="already-migrated"),
    pytest.param("import os\nos.getcwd()\n", id="no-tensorflow"),
    pytest.param("import tensorflow.compat.v1 as tf\nmodel.fit(x, y)\n", id="compat-v1"),
    pytest.param("import tensorflow\nmodel.fit(x, y)\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow import keras\nmodel.predict(x)\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\nmodel.evaluate(x, y)\n", id="alias-tf1"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasGenerators, source, KERAS3)
    assert outcome.findings == []
