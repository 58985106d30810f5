import pytest

from migrate.codemods.keras_graph_serving import KerasGraphServing
from migrate.testing import apply, check_rewrite, check_unchanged

REWRITES = [
    pytest.param(
        """\
        import tensorflow as tf
        from keras.models import load_model

        model = load_model("model.h5")
        model._make_predict_function()
        graph = tf.get_default_graph()


        def handle(x):
            with graph.as_default():
                return model.predict(x)
        """,
        """\
        import tensorflow as tf
        from keras.models import load_model

        model = load_model("model.h5")


        def handle(x):
            return model.predict(x)
        """,
        id="module-level-server",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras.models import load_model


        class NerService:
            def __init__(self, path):
                self.model = load_model(path)
                self.model._make_predict_function()
                self.graph = tf.get_default_graph()

            def predict(self, data):
                # inference
                with self.graph.as_default():
                    labels = self.model.predict(data)
                return labels

            def train(self, x, y):
                with self.graph.as_default():
                    hist = self.model.fit(x, y)
                return hist
        """,
        """\
        import tensorflow as tf
        from keras.models import load_model


        class NerService:
            def __init__(self, path):
                self.model = load_model(path)

            def predict(self, data):
                # inference
                labels = self.model.predict(data)
                return labels

            def train(self, x, y):
                hist = self.model.fit(x, y)
                return hist
        """,
        id="seed-001-service-class",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        with tf.get_default_graph().as_default():
            y = model.predict(x)
        """,
        """\
        import tensorflow as tf
        y = model.predict(x)
        """,
        id="direct-default-graph",
    ),
    pytest.param(
        """\
        import tensorflow as tf
        from keras import backend as K
        graph = K.get_graph()
        with graph.as_default():
            y = model.predict(x)
        """,
        """\
        import tensorflow as tf
        from keras import backend as K
        y = model.predict(x)
        """,
        id="keras-backend-get-graph",
    ),
    pytest.param(
        """\
        import tensorflow.compat.v1 as tf
        graph = tf.get_default_graph()
        with graph.as_default():
            y = model.predict(x)
        """,
        """\
        import tensorflow.compat.v1 as tf
        y = model.predict(x)
        """,
        id="compat-v1-alias",
    ),
    pytest.param(
        """\
        import keras
        if ready:
            model._make_predict_function()
        """,
        """\
        import keras
        if ready:
            pass
        """,
        id="make-predict-function-only-statement",
    ),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    check_rewrite(KerasGraphServing, before, after)


def test_graph_used_elsewhere_is_kept_and_warned():
    source = (
        "import tensorflow as tf\n"
        "graph = tf.get_default_graph()\n"
        "def handle(x):\n"
        "    with graph.as_default():\n"
        "        return model.predict(x)\n"
        "graph.finalize()\n"
    )
    outcome = apply(KerasGraphServing, source)
    assert outcome.code == source
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG256", 2), ("MIG256", 4)]


def test_with_as_name_is_kept_and_warned():
    source = "import tensorflow as tf\ngraph = tf.get_default_graph()\nwith graph.as_default() as g:\n    pass\ng.finalize()\n"
    outcome = apply(KerasGraphServing, source)
    assert outcome.code == source
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG256", 2)]


def test_make_predict_function_as_value_is_warned():
    source = "import keras\nf = model._make_predict_function()\n"
    outcome = apply(KerasGraphServing, source)
    assert outcome.code == source
    assert [(f.code, f.line) for f in outcome.findings] == [("MIG256", 2)]


UNCHANGED = [
    pytest.param(
        # A v1 graph program: the graph plumbing is real there.
        "import tensorflow as tf\nx = tf.placeholder(tf.float32)\ngraph = tf.get_default_graph()\n"
        "with graph.as_default():\n    y = x + 1\n",
        id="graph-mode-file",
    ),
    pytest.param("import tensorflow as tf\ng = tf.Graph()\nwith g.as_default():\n    pass\n", id="explicit-graph"),
    pytest.param("import numpy as tf\ngraph = tf.get_default_graph()\nwith graph.as_default():\n    pass\n", id="numpy-as-tf"),
    pytest.param('import tensorflow as tf\n# graph.as_default()\ns = "model._make_predict_function()"\n', id="strings-and-comments"),
    pytest.param("import tensorflow as tf\ny = model.predict(x)\n", id="already-migrated"),
    pytest.param("import os\nos.getcwd()\n", id="no-tensorflow"),
    pytest.param("import tensorflow\ns = tensorflow.constant(1)\n", id="tensorflow-no-alias"),
    pytest.param("from tensorflow import Graph\nwith Graph().as_default():\n    pass\n", id="from-tensorflow-import"),
    pytest.param("import tensorflow as tf1\nwith tf1.Graph().as_default():\n    pass\n", id="alias-tf1"),
    pytest.param("import tensorflow as tf\nwith strategy.scope():\n    m = build()\n", id="other-with"),
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    outcome = check_unchanged(KerasGraphServing, source)
    assert outcome.findings == []


def test_config_only_session_is_not_a_graph_program():
    from migrate.codemods.keras_graph_serving import builds_v1_graph
    from migrate.prescan import prescan

    keras_session = (
        "import tensorflow as tf\nfrom keras import backend as K\n"
        "K.set_session(tf.Session(config=tf.ConfigProto()))\ngraph = tf.get_default_graph()\n"
    )
    real_session = "import tensorflow as tf\nsess = tf.Session()\nsess.run(x)\n"
    placeholder = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\n"
    assert builds_v1_graph(prescan(real_session))
    assert builds_v1_graph(prescan(placeholder))
    try:
        from migrate.codemods.graph_mode import GraphMode
    except ImportError:
        GraphMode = None
    if GraphMode is None or not GraphMode._state(prescan(keras_session))[0]:
        assert not builds_v1_graph(prescan(keras_session))
    else:  # MIG104 disables eager execution here: the graph plumbing must stay with it
        assert builds_v1_graph(prescan(keras_session))
