"""Property tests over the real codemod registry: never crash, always parse, idempotent.

Two sources of programs: arbitrary Python from the grammar (hypothesmith), with a
TensorFlow import on top so the codemods look at it; and random recombinations and
mutations of real TF1 / Keras-2 snippets, which reach deep into every codemod.
"""
import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from migrate.codemod import Settings
from migrate.runner import migrate_source

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

SNIPPETS = [
    "x = tf.placeholder(tf.float32, [None, 3], name='x')",
    "keep_prob = tf.placeholder(tf.float32)",
    "h = tf.nn.dropout(x, keep_prob)",
    "h = tf.nn.dropout(x, 0.8, noise_shape=[1, 3])",
    "h = tf.nn.dropout(x, *args)",
    "y = tf.layers.dense(x, 4, activation=tf.nn.relu)",
    "with tf.variable_scope('block', reuse=tf.AUTO_REUSE):\n    w = tf.get_variable('w', [3, 4])",
    "loss = tf.reduce_mean(tf.square(y), axis=1, keep_dims=True)",
    "opt = tf.train.AdamOptimizer(0.01)\ntrain_op = opt.minimize(loss)",
    "grads_and_vars = opt.compute_gradients(loss)",
    "for grad, var in grads_and_vars:\n    if grad:\n        print(var)",
    "grads = tf.gradients(loss, [w])\nif not grads[0]:\n    pass",
    "sess = tf.Session(config=tf.ConfigProto(gpu_options=tf.GPUOptions(allow_growth=True)))",
    "config = tf.ConfigProto()\nconfig.gpu_options.allow_growth = True",
    "config.gpu_options.per_process_gpu_memory_fraction = 0.4",
    "saver = tf.train.Saver()\nsaver.save(sess, 'model.ckpt')",
    "tf.logging.set_verbosity(tf.logging.INFO)",
    "flags = tf.app.flags\nflags.DEFINE_integer('steps', 10, 'steps')\nFLAGS = flags.FLAGS",
    "tf.app.run()",
    "n = tf.random_normal([2, 2])\nm = tf.matmul(n, n)",
    "with tf.gfile.FastGFile('img.jpg', 'r') as f:\n    data = f.read()",
    "feature = tf.train.Feature(bytes_list=tf.train.BytesList(value=[str(caption)]))",
    "ds = tf.data.Dataset.range(3).repeat(True)",
    "ds = ds.map(lambda x: tf.reshape(x, [x.shape[0], -1]))",
    "model.fit_generator(gen, steps_per_epoch=2, epochs=1, workers=2, use_multiprocessing=True)",
    "opt = keras.optimizers.Adam(lr=0.001)",
    "graph = tf.get_default_graph()\nwith graph.as_default():\n    preds = model.predict(x)",
    "model._make_predict_function()",
    "model.save('saved_dir')\nmodel.save_weights('w.h5')",
    "K.set_session(tf.Session(config=config))",
    "out = Lambda(lambda t: t * scale)(inp)",
    "n = K.int_shape(x)[1]\nr = Reshape((n, 4))(x)",
    "net = slim.conv2d(images, 8, [3, 3], scope='conv1')",
    "init = tf.contrib.layers.xavier_initializer()",
    "est = tf.estimator.Estimator(model_fn)",
    "sess.run(tf.global_variables_initializer())",
    "def f(tf):\n    return tf.placeholder",
    "s = 'tf.placeholder(tf.float32)'  # tf.placeholder",
    "if (n := tf.size(x)):\n    pass",
    "match x:\n    case [a, b]:\n        y = tf.nn.dropout(a, keep_prob=0.5)",
    "y = tf.nn.dropout(x, keep_prob=1 - (1.0 - p))  # migrate: skip",
]
HEADERS = [
    "import tensorflow as tf\n",
    "import tensorflow.compat.v1 as tf\n",
    "import tensorflow as tf\nimport keras\nfrom keras import backend as K\nfrom keras.layers import Lambda, Reshape\n",
    "import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n",
    "import tensorflow as tf1\ntf = tf1\n",
]


def _check(source: str, keras: str = "3") -> None:
    try:
        ast.parse(source)
    except SyntaxError:
        return
    outcome = migrate_source(source, Settings(keras=keras))  # InternalError fails the test
    ast.parse(outcome.code)
    again = migrate_source(outcome.code, Settings(keras=keras))
    assert again.code == outcome.code, f"not idempotent:\n{outcome.code}\n---\n{again.code}"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    header=st.sampled_from(HEADERS),
    body=st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=8),
    indent=st.booleans(),
    keras=st.sampled_from(["3", "2"]),
)
def test_recombined_tf1_snippets(header, body, indent, keras):
    code = "\n".join(body) + "\n"
    if indent:
        code = "def main():\n" + "".join("    " + line + "\n" for line in code.splitlines())
    _check(header + code, keras)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=hypothesmith.from_grammar())
def test_arbitrary_python_with_tensorflow_imported(source):
    _check("import tensorflow as tf\n" + source)
