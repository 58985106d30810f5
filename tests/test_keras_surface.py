"""Every Keras 2 name is accounted for on the Keras 3 target: none is left silently broken.

The Keras 2 surface is read from the installed tf-keras (`tf_keras.api._v1.keras`, the
names TF 1 code writes as `tf.keras.X`: layers, models, optimizers, losses, metrics,
initializers, regularizers, constraints, callbacks, activations, backend, preprocessing,
utils, applications, ...).  Each name is written as `tf.keras.<name>`, the file is migrated
by the whole pipeline with `--keras 3`, and each migrated expression is evaluated under
TensorFlow 2.21 (whose tf.keras is Keras 3).  A name passes when

- it is a module and resolves to a module, or
- it resolves to an object of the same `__name__` as the Keras 2 object (same name or a
  MIG115 rename), or to the Keras 3 object `keras2_names.SAME_MEANING` names, or
- it carries a finding on its line.

There is no allow-list: every name outside these is reported.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from migrate.codemod import Settings
from migrate.codemods.keras2_names import MISSING, RENAMES, SAME_MEANING
from migrate.runner import migrate_source

ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
ENV.pop("TF_USE_LEGACY_KERAS", None)

UNIVERSE = r'''
import json, types
import tf_keras.api._v1.keras as keras2
out, seen = [], set()
def visit(module, prefix):
    if id(module) in seen:
        return
    seen.add(id(module))
    for name in sorted(dir(module)):
        if name.startswith("_"):
            continue
        try:
            obj = getattr(module, name)
        except Exception:
            continue
        if isinstance(obj, types.ModuleType):
            if obj.__name__.startswith("tf_keras.api."):
                out.append([prefix + name, "module", name])
                visit(obj, prefix + name + ".")
            continue
        out.append([prefix + name, "callable" if callable(obj) else "value", getattr(obj, "__name__", "")])
visit(keras2, "")
print(json.dumps(out))
'''

EVALUATE = r'''
import ast, json, sys, types
import tensorflow as tf
data = json.loads(sys.stdin.read())
namespace = {}
for node in ast.parse(data["source"]).body:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        exec(compile(ast.Module([node], []), "<migrated>", "exec"), namespace)
result = {}
for path, kind, want, expr in data["items"]:
    try:
        got = eval(expr, namespace)
    except Exception as error:
        result[path] = ["broken", f"{expr}: {type(error).__name__}: {error}"[:200]]
        continue
    if kind == "module":
        result[path] = ["same" if isinstance(got, types.ModuleType) else "other", expr]
    elif kind == "value":
        result[path] = ["same", expr]
    else:
        name = getattr(got, "__name__", type(got).__name__)
        result[path] = ["same" if name == want else "other", f"{expr} is {getattr(got, '__module__', '')}.{name}"]
print(json.dumps(result))
'''


def _run(script: str, payload: str = ""):
    result = subprocess.run(
        [sys.executable, "-c", script], input=payload, capture_output=True, text=True, timeout=900, env=ENV,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def migrate_references(paths: list[str]):
    lines = ["import tensorflow as tf"] + [f"r{i} = tf.keras.{p}" for i, p in enumerate(paths)]
    outcome = migrate_source("\n".join(lines) + "\n", Settings(keras="3"))
    expressions, line_of = {}, {}
    for node in ast.parse(outcome.code).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.startswith("r"):
            path = paths[int(node.targets[0].id[1:])]
            expressions[path] = ast.unparse(node.value)
            line_of[node.lineno] = path
    warnings: dict[str, list[str]] = {}
    for finding in outcome.findings:
        if finding.kind == "warning" and finding.line in line_of:
            warnings.setdefault(line_of[finding.line], []).append(f"{finding.code} {finding.message}")
    assert sorted(expressions) == sorted(paths), "references dropped by the migration"
    return outcome.code, expressions, warnings


@pytest.mark.tf
@pytest.mark.slow
def test_every_keras2_name_resolves_in_keras3_or_is_reported(capsys):
    names = _run(UNIVERSE)
    paths = [p for p, _, _ in names]
    assert len(paths) > 800 and {"layers.Dense", "losses.mean_squared_error", "backend.get_session"} <= set(paths)
    source, expressions, warnings = migrate_references(paths)
    items = [[p, kind, SAME_MEANING.get(p, want), expressions[p]] for p, kind, want in names]
    verdicts = _run(EVALUATE, json.dumps({"source": source, "items": items}))
    counts: dict[str, int] = {}
    silent = []
    for path in paths:
        kind = verdicts[path][0]
        if kind == "same" and expressions[path] != f"tf.keras.{path}":
            kind = "renamed (MIG115)" if path in RENAMES else "renamed"
        if kind in ("broken", "other"):
            if warnings.get(path):
                kind = "warned"
            else:
                silent.append(f"tf.keras.{path}: {verdicts[path][1]}")
        counts[kind] = counts.get(kind, 0) + 1
    with capsys.disabled():
        print(f"\nKeras 2 surface: {len(paths)} names: {counts}")
    assert not silent, f"{len(silent)} Keras 2 names silently broken on Keras 3:\n" + "\n".join(silent)
    # every rename the codemod makes resolves to the same-named Keras 3 object (above); every
    # table entry is a real Keras 2 name
    assert set(RENAMES) <= set(paths)
    assert {k for k in MISSING if k != "experimental.export_saved_model" and k != "experimental.load_from_saved_model"} <= set(paths)


def _migrate(source: str, keras: str = "3"):
    outcome = migrate_source(source, Settings(keras=keras))
    return outcome.code, [f.code for f in outcome.findings if f.kind == "warning"]


@pytest.mark.parametrize(
    "before, after",
    [
        ("import tensorflow as tf\nm.compile(loss=tf.keras.losses.mean_squared_error)\n",
         "import tensorflow as tf\nm.compile(loss=tf.keras.losses.mse)\n"),
        ("from tensorflow import keras\nn = keras.layers.experimental.preprocessing.Normalization(axis=-1)\n",
         "from tensorflow import keras\nn = keras.layers.Normalization(axis=-1)\n"),
        ("import tensorflow as tf\nm = tf.keras.saving.load_model(p)\n",
         "import tensorflow as tf\nm = tf.keras.models.load_model(p)\n"),
        ("import tensorflow as tf\nm = tf.keras.metrics.cosine_proximity\n",
         "import tensorflow as tf\nm = tf.keras.losses.cosine_similarity\n"),
        ("from tensorflow.keras import losses\nf = [losses.log_cosh, losses.kl_divergence]\n",
         "from tensorflow.keras import losses\nf = [losses.logcosh, losses.kld]\n"),
        ("from tensorflow.keras.losses import mean_absolute_error\n",
         "from tensorflow.keras.losses import mae as mean_absolute_error\n"),
        ("from tensorflow.keras.losses import mean_absolute_error as mae_fn\n",
         "from tensorflow.keras.losses import mae as mae_fn\n"),
        ("import tensorflow as tf\ns = tf.keras.experimental.CosineDecay(0.1, 1000)\n",
         "import tensorflow as tf\ns = tf.keras.optimizers.schedules.CosineDecay(0.1, 1000)\n"),
    ],
)
def test_keras2_names_renamed(before, after):
    code, warnings = _migrate(before)
    assert code == after
    assert "MIG193" not in warnings
    assert _migrate(after)[0] == after  # fixed point


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nm = tf.keras.estimator.model_to_estimator(model)\n",
        "import tensorflow as tf\ntf.keras.experimental.export_saved_model(model, 'p')\n",
        "import tensorflow as tf\nl = tf.keras.layers.CuDNNLSTM(32)\n",
        "import tensorflow as tf\no = tf.keras.optimizers.legacy.Adam(1e-3)\n",
        "from tensorflow.keras.layers import LocallyConnected2D\n",
        "import tensorflow as tf\nx = tf.keras.backend.in_train_phase(a, b)\n",
    ],
)
def test_keras2_names_keras3_lacks_are_reported(source):
    code, warnings = _migrate(source)
    assert warnings.count("MIG193") == 1, warnings
    assert code == source


@pytest.mark.parametrize(
    "source, keras",
    [
        ("import tensorflow as tf\nm.compile(loss=tf.keras.losses.mean_squared_error)\n", "2"),  # tf-keras keeps it
        ("import other as tf\nm.compile(loss=tf.keras.losses.mean_squared_error)\n", "3"),
        ("import tensorflow as tf\nname = 'tf.keras.losses.mean_squared_error'\n", "3"),
        ("import tensorflow as tf\nm.compile(loss=tf.keras.losses.mse)\n", "3"),
        ("import tensorflow as tf\nm.compile(loss=tf.keras.losses.MeanSquaredError())\n", "3"),
    ],
)
def test_keras2_names_unchanged(source, keras):
    code, warnings = _migrate(source, keras)
    assert "MIG193" not in warnings
    if keras == "3":
        assert code == source


def test_session_calls_reported_once():
    """`tf.keras.backend.get_session()` is MIG255's (keras_backend_session), not reported twice."""
    _, warnings = _migrate("import tensorflow as tf\ns = tf.keras.backend.get_session()\n")
    assert warnings == ["MIG255"]


RUN = r'''
import numpy as np
import tensorflow as tf
y, p = np.array([[0.2, 0.7, 0.1]], "float32"), np.array([[0.3, 0.5, 0.2]], "float32")
print([float(np.asarray(f(y, p))[0]) for f in (
    tf.keras.losses.mse, tf.keras.losses.mae, tf.keras.losses.mape, tf.keras.losses.msle,
    tf.keras.losses.kld, tf.keras.losses.logcosh, tf.keras.losses.cosine_similarity)])
'''

KERAS2 = r'''
import numpy as np
import tf_keras.api._v1.keras as k
y, p = np.array([[0.2, 0.7, 0.1]], "float32"), np.array([[0.3, 0.5, 0.2]], "float32")
print([float(np.asarray(f(y, p))[0]) for f in (
    k.losses.mean_squared_error, k.losses.mean_absolute_error, k.losses.mean_absolute_percentage_error,
    k.losses.mean_squared_logarithmic_error, k.losses.kl_divergence, k.losses.log_cosh, k.losses.cosine_proximity)])
'''


@pytest.mark.tf
def test_renamed_losses_compute_the_same_values():
    """The MIG115 loss renames, run: Keras 3 (TF 2.21) against Keras 2 (tf-keras)."""
    new = _run(RUN)
    old = _run(KERAS2)
    assert new == pytest.approx(old, rel=1e-6)
