"""A TF1 notebook: migrated as one program (prologue in the import cell), then run."""
import json
import subprocess
import sys

import pytest

from tests.e2e.conftest import run_python

CELLS = [
    ["import numpy as np\n", "import tensorflow as tf"],
    ["%matplotlib inline\n", "x = tf.placeholder(tf.float32, [None, 3])\n",
     "h = tf.layers.dense(x, 4, kernel_initializer=tf.ones_initializer())\n", "h = tf.nn.dropout(h, 1.0)"],
    ["with tf.Session() as sess:\n", "    sess.run(tf.global_variables_initializer())\n",
     "    out = sess.run(h, {x: np.ones((2, 3))})\n", "    print('shape', out.shape, 'sum', float(out.sum()))"],
]


def _notebook(path):
    cells = [
        {"cell_type": "code", "execution_count": i + 1, "metadata": {}, "outputs": [], "source": source}
        for i, source in enumerate(CELLS)
    ]
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")


def _as_script(notebook, script):
    """What running the cells top to bottom does (IPython-only lines left out)."""
    cells = json.loads(notebook.read_text())["cells"]
    code = "\n".join(
        "".join(line for line in cell["source"] if not line.lstrip().startswith("%")) for cell in cells
    )
    script.write_text(code + "\n")


def test_notebook_prologue_lands_in_the_import_cell(tmp_path):
    notebook = tmp_path / "train.ipynb"
    _notebook(notebook)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", "-v", str(notebook)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    # positions are per cell (cell 2's line 1 is the %matplotlib magic)
    assert f"{notebook}[cell 2]:2:5: MIG101 tf.placeholder -> tf.compat.v1.placeholder" in result.stderr
    cells = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]]
    assert cells[0] == (
        "import numpy as np\nimport os\nos.environ.setdefault(\"TF_USE_LEGACY_KERAS\", \"1\")\n"
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"
        "tf.compat.v1.disable_control_flow_v2()"
    )
    assert cells[1].startswith("%matplotlib inline\nx = tf.compat.v1.placeholder(")
    assert "disable_eager_execution" not in cells[1] + cells[2]
    again = subprocess.run([sys.executable, "-m", "migrate", "code", "--check", str(notebook)], capture_output=True)
    assert again.returncode == 0


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_notebook_runs_under_tf2(tmp_path):
    notebook = tmp_path / "train.ipynb"
    _notebook(notebook)
    subprocess.run([sys.executable, "-m", "migrate", "code", str(notebook)], capture_output=True, check=False)
    script = tmp_path / "cells.py"
    _as_script(notebook, script)
    result = run_python(script)
    assert result.returncode == 0, result.stderr[-2000:]
    # dense with a ones kernel and zero bias on ones(2, 3): every output is 3.0
    assert "shape (2, 4) sum 24.0" in result.stdout


def test_cell_whose_first_statement_is_removed_still_splits_right(tmp_path):
    """Removing a cell's first statement drops the boundary marker with it (a leading
    comment of that statement); the cells are then migrated together once more with that
    marker on a `pass` line, so the cells keep what the others tell (here: `model` is a
    Keras model, whose predict gets Keras 2's silence as in a .py file)."""
    from migrate.runner import _migrate_cells_together
    from migrate.settings import Settings

    sources = [
        ["import tensorflow as tf\n", "from keras.models import load_model\n", "model = load_model('m.h5')"],
        ["model._make_predict_function()\n", "y = model.predict(x)"],
    ]
    cells = [
        {"cell_type": "code", "execution_count": i + 1, "metadata": {}, "outputs": [], "source": s}
        for i, s in enumerate(sources)
    ]
    notebook = tmp_path / "serve.ipynb"
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n")
    result = subprocess.run([sys.executable, "-m", "migrate", "code", "--keras", "3", str(notebook)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    migrated = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]]
    assert migrated == [
        "import tensorflow as tf\nfrom tensorflow.keras.models import load_model\nmodel = load_model('m.h5')",
        "y = model.predict(x, verbose=0)",
    ]
    script = tmp_path / "serve.py"  # the same program as one module
    script.write_text("".join(sources[0]) + "\n" + "".join(sources[1]) + "\n")
    subprocess.run([sys.executable, "-m", "migrate", "code", "--keras", "3", str(script)], capture_output=True, check=False)
    assert script.read_text().endswith("model = load_model('m.h5')\ny = model.predict(x, verbose=0)\n")
    # and it was the joined migration that did it, not the cell-by-cell fallback
    class Cell:
        def __init__(self, index):
            self.index = index

    masked = [(Cell(i + 1), ("".join(s), [])) for i, s in enumerate(sources)]
    together = _migrate_cells_together(str(notebook), masked, Settings(keras="3"))
    assert together is not None and together[0][2] == "y = model.predict(x, verbose=0)"
