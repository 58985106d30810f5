"""`migrate code --style tf2` on notebooks: the code cells are one program, converted as a
module is (codemods/tf2_style.py + migrate/tf2_graph.py) and cut back into the same cells.

Notebooks written for these tests. Before/after pairs; a cell that falls back; IPython
lines; what is not a cell's source (ids, outputs, metadata, markdown) kept; the result a
fixed point of both styles; and a run of both styles' cells under TensorFlow 2.21.
"""
from __future__ import annotations

import ast
import copy
import json
import re
import subprocess
import sys
import textwrap

import pytest

from migrate import runner
from migrate.notebook import mask_ipython
from migrate.settings import Settings
from migrate.tf2_graph import remaining
from tests.codemods.test_tf2_style import introduced_unbound


def code(source: str, **extra) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source.splitlines(keepends=True), **extra}


def markdown(source: str, **extra) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source.splitlines(keepends=True), **extra}


def notebook_bytes(cells: list[dict]) -> bytes:
    document = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def migrate(data: bytes, style: str = "tf2"):
    """(result, the cells' sources after, findings as 'cell N:line:col CODE message')."""
    result = runner.process_file("nb.ipynb", Settings(keras="3", style=style), data=data)
    assert result.status != "error", result.error
    after = json.loads((result.new_data or data).decode())
    sources = ["".join(cell["source"]) for cell in after["cells"]]
    program = [_python(json.loads(data.decode())), _python(after)]
    assert not introduced_unbound(*program), (introduced_unbound(*program), program[1])
    findings = [f"{where.removeprefix('nb.ipynb')}:{f.line}:{f.col} {f.code} {f.message}"
                for where, f in result.findings if f.kind == "warning" or f.code == "MIG601"]
    return result, sources, findings


def _python(notebook: dict) -> str:
    """The notebook's code cells as one module (IPython lines commented out, each cell dedented;
    a cell that is not Python then, a cell magic's, left out)."""
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            text = textwrap.dedent(re.sub(r"(?m)^(\s*)([%!])", r"\1# \2", "".join(cell["source"])))
            try:
                ast.parse(text)
            except SyntaxError:
                continue
            cells.append(text)
    return "\n".join(cells) + "\n"


TWO_CELLS = [
    code(
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "x = tf.placeholder(tf.float32, [None, 2])\n"
        "y = tf.placeholder(tf.float32, [None, 1])\n"
        "w = tf.Variable(tf.zeros([2, 1]))\n"
        "loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))\n"
        "train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)\n"
    ),
    code(
        "rows = np.array([[1.0, 2.0], [3.0, 1.0]])\n"
        "with tf.Session() as sess:\n"
        "    sess.run(tf.global_variables_initializer())\n"
        "    for step in range(3):\n"
        "        _, value = sess.run([train, loss], {x: rows, y: [[1.0], [2.0]]})\n"
        "        print(step, value)"
    ),
]

TWO_CELLS_TF2 = [
    "import numpy as np\n"
    "import tensorflow as tf\n"
    "w = tf.Variable(tf.zeros([2, 1]))\n"
    "optimizer = tf.keras.optimizers.SGD(learning_rate=0.5)\n",
    #
    "rows = np.array([[1.0, 2.0], [3.0, 1.0]])\n"
    "\n"
    "\n"
    "def fetched_values(fetched):\n"
    "    # what Session.run returned: the fetched tensors as NumPy values (None for an op)\n"
    "    return tf.nest.map_structure(lambda t: None if t is None else t.numpy(), fetched)\n"
    "\n"
    "\n"
    "@tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32), tf.TensorSpec([None, 1], tf.float32)])\n"
    "def train_step(x, y):\n"
    "    with tf.GradientTape() as tape:\n"
    "        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))\n"
    "    variables = [w]\n"
    "    gradients = tape.gradient(loss, variables)\n"
    "    optimizer.apply_gradients([(g, v) for g, v in zip(gradients, variables) if g is not None])\n"
    "    return [None, loss]\n"
    "\n"
    "\n"
    "for step in range(3):\n"
    "    _, value = fetched_values(train_step(x=rows, y=[[1.0], [2.0]]))\n"
    "    print(step, value)",
]


def test_two_cell_training_program_converts_cell_by_cell():
    data = notebook_bytes(TWO_CELLS)
    result, sources, findings = migrate(data)
    assert sources == TWO_CELLS_TF2
    assert findings == ["[cell 1]:1:1 MIG601 converted to TF 2 style (eager, tf.function, GradientTape)"]
    # the compat rewrites (placeholder, Session, optimizer -> tf.compat.v1) are not in the result, nor reported
    changes = {(where, f.line, f.code) for where, f in result.findings if f.kind == "change" and f.code != "MIG601"}
    assert changes == set()


# Three code cells with a markdown cell between, IPython lines, cell ids, outputs and
# metadata; the Session opened in one cell (as its first statement) and used in the next.
THREE_CELLS = [
    code("%matplotlib inline\nimport numpy as np\nimport tensorflow as tf\n", id="imports",
         metadata={"tags": ["setup"]}, execution_count=1),
    code(
        "tf.set_random_seed(3)\n"
        "x = tf.placeholder(tf.float32, [None, 3])\n"
        "w = tf.Variable(tf.random_normal([3, 1], seed=5))\n"
        "b = tf.Variable(tf.zeros([1]))\n"
        "pred = tf.matmul(x, w) + b\n"
        "loss = tf.reduce_mean(tf.square(pred - tf.reduce_sum(x, axis=1, keepdims=True)))\n"
        "train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)\n",
        id="graph", execution_count=2,
    ),
    markdown("## Training\nThe loss should *fall*.", id="words"),
    code(
        "sess = tf.Session()\n"
        "sess.run(tf.global_variables_initializer())\n"
        "data = np.random.RandomState(0).rand(16, 3)\n",
        id="session", execution_count=3,
    ),
    code(
        "!echo training\n"
        "for step in range(4):\n"
        "    _, l = sess.run([train_op, loss], feed_dict={x: data})\n"
        "    print('step=%d loss=%.6f' % (step, l))\n"
        "print(sess.run(pred, {x: data[:1]}))\n"
        "sess.close()\n",
        id="train", execution_count=4,
        outputs=[{"name": "stdout", "output_type": "stream", "text": ["training\n", "step=0 loss=1.0\n"]}],
    ),
]


def test_three_cells_markdown_between_magics_kept_and_everything_else_byte_for_byte():
    data = notebook_bytes(THREE_CELLS)
    result, sources, findings = migrate(data)
    assert findings == ["[cell 1]:1:1 MIG601 converted to TF 2 style (eager, tf.function, GradientTape)"]
    assert sources[0] == "%matplotlib inline\nimport numpy as np\nimport tensorflow as tf\n"
    assert sources[1] == (
        "tf.random.set_seed(3)\n"
        "w = tf.Variable(tf.random.normal([3, 1], seed=5))\n"
        "b = tf.Variable(tf.zeros([1]))\n"
        "optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)\n"
    )
    assert sources[2] == THREE_CELLS[2]["source"][0] + THREE_CELLS[2]["source"][1]
    # the step functions take the place of `sess = Session()`, the first statement of its cell
    session_cell = sources[3]
    assert session_cell.startswith("def fetched_values(fetched):\n")
    spec = "@tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])\n"
    assert spec + "def train_step(x):\n" in session_cell and spec + "def compute_pred(x):\n" in session_cell
    assert session_cell.endswith("    return pred\n\n\ndata = np.random.RandomState(0).rand(16, 3)\n")
    assert sources[4] == (
        "!echo training\n"
        "for step in range(4):\n"
        "    _, l = fetched_values(train_step(x=data))\n"
        "    print('step=%d loss=%.6f' % (step, l))\n"
        "print(compute_pred(x=data[:1]).numpy())\n"
    )
    for text in sources[:2] + sources[3:]:  # no TF 1.x construct left in any cell
        assert "compat.v1" not in text and remaining(mask_ipython(text)[0]) is None, text
    # every cell is there, in order, with its id, outputs, metadata and count: only sources changed
    before, after = json.loads(data), json.loads(result.new_data)
    assert len(after["cells"]) == len(before["cells"])
    for old, new in zip(before["cells"], after["cells"]):
        old, new = copy.deepcopy(old), copy.deepcopy(new)
        old.pop("source"), new.pop("source")
        assert old == new
    assert after["metadata"] == before["metadata"]


def test_the_tf2_notebook_is_a_fixed_point_of_both_styles():
    for cells in (TWO_CELLS, THREE_CELLS):
        first, _, _ = migrate(notebook_bytes(cells))
        for style in ("tf2", "compat"):
            again, _, findings = migrate(first.new_data, style)
            assert again.status == "unchanged" and findings == [], (style, findings)


def test_a_cell_that_falls_back_keeps_the_compat_notebook_with_one_finding_at_its_construct():
    cells = copy.deepcopy(TWO_CELLS)
    cells.insert(1, markdown("A layer:"))
    cells[0]["source"] = ["import numpy as np\n", "import tensorflow as tf\n", "x = tf.placeholder(tf.float32, [None, 2])\n"]
    cells.insert(2, code("h = tf.layers.batch_normalization(x, renorm=True)\nloss = tf.reduce_mean(h)\ntrain = tf.train.AdamOptimizer(0.1).minimize(loss)\n"))
    cells[3]["source"] = ["with tf.Session() as sess:\n", "    sess.run(tf.global_variables_initializer())\n",
                          "    print(sess.run([train, loss], {x: [[1.0, 2.0]]}))\n"]
    data = notebook_bytes(cells)
    tf2, _, findings = migrate(data)
    compat, _, compat_findings = migrate(data, "compat")
    assert tf2.new_data == compat.new_data  # never a half-converted notebook
    kept = [f for f in findings if " MIG602 " in f]
    assert kept == [f for f in findings if f not in compat_findings]
    assert len(kept) == 1 and kept[0].startswith("[cell 3]:1:48 MIG602 kept compat (--style tf2): `renorm=True`"), kept


def test_a_fetch_the_converter_does_not_handle_is_named_in_its_cell():
    cells = [code("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n"),
             code("with tf.Session() as s:\n    print(s.run(x, {x: 1.0}))\n")]
    data = notebook_bytes(cells)
    tf2, _, findings = migrate(data)
    assert tf2.new_data == migrate(data, "compat")[0].new_data
    assert [f for f in findings if " MIG602 " in f] == [
        "[cell 2]:2:17 MIG602 kept compat (--style tf2): `x` cannot be converted: fetching the placeholder `x` is not converted"
    ]


def test_an_ipython_line_that_would_change_cells_keeps_the_notebook_compat():
    """A line IPython runs (masked as a comment) inside a statement the conversion moves
    into a step function of a later cell: the cells cannot be given back as they were."""
    cells = copy.deepcopy(TWO_CELLS)
    # (in a block: IPython reads `%` as a magic only where a logical line starts, not inside brackets)
    cells[0]["source"][5] = "if True:\n    %xmode Plain\n    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))\n"
    data = notebook_bytes(cells)
    tf2, sources, findings = migrate(data)
    assert tf2.new_data == migrate(data, "compat")[0].new_data
    assert "    %xmode Plain\n" in sources[0]
    kept = [f for f in findings if " MIG602 " in f]
    # positioned in the cell as written (the compat output: three graph-mode switches after the import)
    assert kept == ["[cell 1]:10:5 MIG602 kept compat (--style tf2): `%xmode Plain`: the TF 2 program cannot be put back "
                    "into the notebook's cells: this IPython line would move to another cell with the statement around it"]


def test_cell_magic_cells_are_left_alone_and_a_notebook_without_tf1_has_nothing_to_do():
    cells = [code("%%bash\necho tf.Session\n"), code("import tensorflow as tf\nprint(tf.reduce_sum(tf.ones([2])).numpy())\n")]
    result, sources, findings = migrate(notebook_bytes(cells))
    # the %%bash cell is not migrated, and says so (tests/test_notebook_magics.py)
    assert result.status == "unchanged" and [f[:20] for f in findings] == ["[cell 1]:2:6 MIG331 "]
    cells = copy.deepcopy(TWO_CELLS)
    cells.insert(1, code("%%time\nprint('timed')\n"))
    _, sources, findings = migrate(notebook_bytes(cells))
    assert sources[0] == TWO_CELLS_TF2[0] and sources[1] == "%%time\nprint('timed')\n" and sources[2] == TWO_CELLS_TF2[1]


# -- run: both styles' cells executed in order under TensorFlow 2.21 -----------------------
RUN_CELLS = [
    code("%matplotlib inline\nimport numpy as np\nimport tensorflow as tf\n"),
    markdown("# A small regression, trained in graph mode"),
    code(
        "tf.set_random_seed(1)\n"
        "features = tf.placeholder(tf.float32, [None, 4], name='features')\n"
        "targets = tf.placeholder(tf.float32, [None, 1], name='targets')\n"
        "hidden_w = tf.Variable(tf.truncated_normal([4, 8], stddev=0.5, seed=11))\n"
        "hidden_b = tf.Variable(tf.zeros([8]))\n"
        "out_w = tf.Variable(tf.random_normal([8, 1], stddev=0.5, seed=12))\n"
        "hidden = tf.nn.tanh(tf.matmul(features, hidden_w) + hidden_b)\n"
        "prediction = tf.matmul(hidden, out_w)\n"
        "loss = tf.reduce_mean(tf.square(prediction - targets))\n"
    ),
    code("train_op = tf.train.AdamOptimizer(0.02).minimize(loss)\ninit = tf.global_variables_initializer()\n"),
    markdown("Data and a Session"),
    code(
        "rng = np.random.RandomState(7)\n"
        "inputs = rng.normal(size=(32, 4))\n"
        "outputs = np.sin(inputs.sum(axis=1, keepdims=True))\n"
        "sess = tf.Session()\n"
        "sess.run(init)\n"
    ),
    code(
        "!echo start\n"
        "for step in range(30):\n"
        "    _, value = sess.run([train_op, loss], feed_dict={features: inputs, targets: outputs})\n"
        "    if step % 5 == 0:\n"
        "        print('step=%d loss=%.7f' % (step, value))\n"
    ),
    code("print('fit=%.7f' % sess.run(loss, {features: inputs, targets: outputs}))\n"
         "print('first=%s' % sess.run(prediction, {features: inputs[:2]}).ravel().tolist())\n"
         "sess.close()\n"),
]


def _as_script(data: bytes) -> str:
    """What running the code cells top to bottom does (IPython-only lines left out)."""
    cells = json.loads(data)["cells"]
    return "\n".join(
        "".join(line for line in cell["source"] if not line.lstrip().startswith(("%", "!")))
        for cell in cells if cell["cell_type"] == "code"
    ) + "\n"


@pytest.mark.tf  # ~22 s here: two TensorFlow runs
def test_tf2_notebook_trains_to_the_losses_of_its_compat_migration(tmp_path):
    from tests.e2e.conftest import run_python

    data = notebook_bytes(RUN_CELLS)
    printed = {}
    for style in ("compat", "tf2"):
        result, sources, findings = migrate(data, style)
        if style == "tf2":
            assert findings == ["[cell 1]:1:1 MIG601 converted to TF 2 style (eager, tf.function, GradientTape)"]
            assert all(remaining(mask_ipython(s)[0]) is None for s, c in zip(sources, RUN_CELLS) if c["cell_type"] == "code")
        script = tmp_path / f"{style}.py"
        script.write_text(_as_script(result.new_data))
        run = run_python(script)
        assert run.returncode == 0, run.stderr[-3000:]
        printed[style] = re.findall(r"(\w+)=(\S+)", run.stdout)
    names = [name for name, _ in printed["compat"]]
    assert names == [name for name, _ in printed["tf2"]] and names.count("loss") == 6 and "fit" in names
    for (name, old), (_, new) in zip(printed["compat"], printed["tf2"]):
        olds, news = (re.findall(r"-?\d+\.\d+(?:e-?\d+)?|\d+", v) for v in (old, new))
        assert len(olds) == len(news) > 0
        for a, b in zip(olds, news):
            assert float(b) == pytest.approx(float(a), rel=5e-5, abs=1e-6), (name, old, new)


def test_cli_counts_the_notebook_and_check_positions_a_fallback_in_the_cell_on_disk(tmp_path):
    good = tmp_path / "good.ipynb"
    good.write_bytes(notebook_bytes(THREE_CELLS))
    cells = copy.deepcopy(TWO_CELLS)
    # (in a block: IPython reads `%` as a magic only where a logical line starts, not inside brackets)
    cells[0]["source"][5] = "if True:\n    %xmode Plain\n    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))\n"
    bad = tmp_path / "bad.ipynb"
    bad.write_bytes(notebook_bytes(cells))
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "migrate", "code", "--style", "tf2", "--check", "--keras", "3", "--report", str(report),
         str(good), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "2 files would be rewritten" in result.stderr and "1 in TF 2 style (MIG601), 1 kept compat (MIG602)" in result.stderr
    # nothing written: the finding is positioned in the notebook as it is on disk (cell 1, line 7)
    assert f"{bad}[cell 1]:7:5: MIG602 kept compat (--style tf2): `%xmode Plain`" in result.stdout, result.stdout
    summary = json.loads(report.read_text())["summary"]
    assert (summary["tf2_style"], summary["kept_compat"]) == (1, 1)
    assert good.read_bytes() == notebook_bytes(THREE_CELLS)


def test_a_cell_losing_its_first_statement_keeps_the_aliases_other_cells_bind():
    """The MNIST import (cell 2's first statement) is replaced by a helper: its boundary
    marker went with it, and the cells were migrated one by one, where cell 1 dropped
    `tfe = tf.contrib.eager` as unused while cells 2 and 3 still called `tfe.*` (a NameError).
    Migrated together (the marker kept on a `pass` line), every `tfe.` use is rewritten."""
    cells = [code("import tensorflow as tf\ntf.enable_eager_execution()\ntfe = tf.contrib.eager\n"),
             code("from tensorflow.examples.tutorials.mnist import input_data\nw = tfe.Variable(tf.ones([2]))\n"),
             code("grad = tfe.implicit_gradients(lambda: tf.reduce_sum(w * w))\nprint(grad())\n")]
    data = notebook_bytes(cells)
    for style in ("compat", "tf2"):
        result, sources, findings = migrate(data, style)
        assert sources[1:] == ["w = tf.Variable(tf.ones([2]))\n",
                               "grad = implicit_gradients(lambda: tf.reduce_sum(w * w))\nprint(grad())\n"], style
        assert "def implicit_gradients(f):" in sources[0] and "tfe" not in "".join(sources)
        assert ("tf.compat.v1.enable_eager_execution()" in sources[0]) == (style == "compat")
        for again_style in ("compat", style):
            assert migrate(result.new_data, again_style)[0].status == "unchanged"


def test_an_ipython_line_reading_a_name_the_conversion_removes_keeps_the_notebook_compat():
    # `%time` runs Python the converter does not rewrite: after the conversion `sess` and
    # `loss` are gone, so the line would raise NameError (a fresh-eyes trial found this)
    cells = copy.deepcopy(TWO_CELLS) + [code("%time final = sess.run(loss, {x: rows, y: [[1.0], [2.0]]})\nprint(final)\n")]
    cells[1]["source"] = ["".join(cells[1]["source"]).replace("with tf.Session() as sess:\n", "sess = tf.Session()\nif True:\n")]
    data = notebook_bytes(cells)
    tf2, sources, findings = migrate(data)
    assert tf2.new_data == migrate(data, "compat")[0].new_data, findings
    kept = [f for f in findings if " MIG602 " in f]
    assert len(kept) == 1 and kept[0].startswith("[cell 3]:1:1 ") and "reads `sess`" in kept[0], kept
    # an IPython line reading only names the TF 2 program keeps converts
    cells[2] = code("%time total = rows.sum()\nprint(total)\n")
    tf2, sources, findings = migrate(notebook_bytes(cells))
    assert any(" MIG601 " in f for f in findings) and sources[2].startswith("%time total = rows.sum()"), findings


def test_an_interactive_session_notebook_computes_its_values_eagerly():
    # the cells' last expressions (`x.eval()`) display the same NumPy values; the Session goes
    cells = [code("import tensorflow as tf\nsess = tf.InteractiveSession()\n"),
             code("t = tf.constant([[1, 2], [3, 4]])\ntf.shape(t).eval()"),
             code("sess.run(tf.reduce_sum(t, axis=0))")]
    result, sources, findings = migrate(notebook_bytes(cells))
    assert sources == ["import tensorflow as tf\n", "t = tf.constant([[1, 2], [3, 4]])\ntf.shape(t).numpy()",
                       "tf.reduce_sum(t, axis=0).numpy()"], sources
    assert [f for f in findings if " MIG602 " in f] == [] and any(" MIG601 " in f for f in findings)
    for style in ("tf2", "compat"):
        again, _, again_findings = migrate(result.new_data, style)
        assert again.status == "unchanged" and again_findings == [], (style, again_findings)
    # a cell displaying the graph tensor itself (TF 1.x showed the symbolic Tensor) keeps compat
    cells.append(code("t"))
    tf2, _, findings = migrate(notebook_bytes(cells))
    assert tf2.new_data == migrate(notebook_bytes(cells), "compat")[0].new_data
    assert [f.split(" cannot")[0] for f in findings if " MIG602 " in f] == ["[cell 4]:1:1 MIG602 kept compat (--style tf2): `t`"]


def test_the_changes_reported_for_a_tf2_file_are_the_ones_in_the_written_file():
    """A MIG601 file's report lists no compat-pass change the TF 2 result does not hold
    (`tf.placeholder -> tf.compat.v1.placeholder`, the inserted disable_eager_execution);
    the changes it does hold (tf.random_normal -> tf.random.normal) stay, in a notebook
    and in a .py file; a MIG602 file keeps them all (its text is the compat migration)."""
    program = "".join("".join(cell["source"]) + "\n" for cell in TWO_CELLS).replace(
        "tf.zeros([2, 1])", "tf.random_normal([2, 1], seed=1)")
    cells = copy.deepcopy(TWO_CELLS)
    cells[0]["source"][4] = "w = tf.Variable(tf.random_normal([2, 1], seed=1))\n"
    for name, data in (("nb.ipynb", notebook_bytes(cells)), ("prog.py", program.encode())):
        result = runner.process_file(name, Settings(keras="3", style="tf2"), data=data)
        changes = [f.message for _, f in result.findings if f.kind == "change"]
        assert "converted to TF 2 style (eager, tf.function, GradientTape)" in changes, (name, changes)
        assert "tf.random_normal -> tf.random.normal" in changes, (name, changes)
        assert not [m for m in changes if "compat.v1" in m], (name, changes)
        assert "compat.v1" not in (result.new_data or b"").decode()
        if name == "nb.ipynb":  # positioned in the cell as written
            assert ("nb.ipynb[cell 1]", 5, "MIG101") in {(where, f.line, f.code) for where, f in result.findings}
    kept = runner.process_file("prog.py", Settings(keras="3", style="tf2"),
                               data=program.replace("print(step, value)", "print(step, value, sess.graph)").encode())
    messages = [f.message for _, f in kept.findings]
    assert any(f.code == "MIG602" for _, f in kept.findings), messages
    assert "tf.placeholder -> tf.compat.v1.placeholder" in messages


@pytest.mark.parametrize("style", ["compat", "tf2"])
def test_a_cell_with_leading_indentation_is_migrated_as_ipython_runs_it(style):
    """A fresh-eyes trial (easy-tensorflow's notebooks: a cell ` plot_max_active(...)`): IPython
    runs a cell whose first line is indented with that indentation removed (its leading_indent
    transform); the notebook had been refused whole ("unexpected indent", exit 2)."""
    cells = [code("import tensorflow as tf\nx = tf.placeholder(tf.float32)\ny = x * 2\nsess = tf.Session()\n"),
             code("  print(sess.run(y, {x: 1.0}))\n  print(sess.run(y, {x: 2.0}))")]
    result, sources, findings = migrate(notebook_bytes(cells), style=style)
    assert result.status == "changed", result.error
    if style == "compat":
        assert sources[1] == cells[1]["source"][0] + cells[1]["source"][1]
        assert "tf.compat.v1.placeholder" in sources[0]
    else:
        assert sources[1] == "  print(compute_y(x=1.0).numpy())\n  print(compute_y(x=2.0).numpy())", sources[1]
        assert "Session" not in "".join(sources), sources


def test_a_default_session_block_in_a_cell_is_unwrapped_there():
    """astorfi's logistic_regression.ipynb: the graph in one cell, `sess = tf.Session()` and
    `with sess.as_default():` around the training in the next; `.eval()` ran in that Session."""
    cells = [copy.deepcopy(TWO_CELLS[0]), code(
        "rows = np.array([[1.0, 2.0], [3.0, 1.0]])\n"
        "sess = tf.Session()\n"
        "with sess.as_default():\n"
        "    sess.run(tf.global_variables_initializer())\n"
        "    for step in range(3):\n"
        "        train.run(feed_dict={x: rows, y: [[1.0], [0.0]]})\n"
        "        print(loss.eval(feed_dict={x: rows, y: [[1.0], [0.0]]}))\n"
    )]
    _, sources, findings = migrate(notebook_bytes(cells))
    assert [f for f in findings if "MIG601" in f] and not [f for f in findings if "MIG602" in f], findings
    assert len(sources) == 2 and "as_default" not in sources[1] and ".eval(" not in sources[1], sources
    assert "for step in range(3):\n" in sources[1] and "train_step(" in sources[1], sources


def test_a_model_class_cell_with_seeded_xavier_gets_the_initial_value_helper():
    """sudharsan13296's Lunar Lander notebook: the class's cell calls the engine's `initial_value`
    helper (xavier with `seed=1`), which the conversion defines in the cell above the class."""
    cells = [
        code("import numpy as np\nimport tensorflow as tf"),
        code("class Net:\n"
             "    def __init__(self, n_x):\n"
             "        self.X = tf.placeholder(tf.float32, shape=(n_x, None))\n"
             "        W1 = tf.get_variable('W1', [3, n_x], initializer=tf.contrib.layers.xavier_initializer(seed=1))\n"
             "        W2 = tf.get_variable('W2', [1, 3], initializer=tf.contrib.layers.xavier_initializer(seed=1))\n"
             "        self.out = tf.matmul(W2, tf.nn.relu(tf.matmul(W1, self.X)))\n"
             "        self.sess = tf.Session()\n"
             "        self.sess.run(tf.global_variables_initializer())\n\n"
             "    def predict(self, x):\n"
             "        return self.sess.run(self.out, feed_dict={self.X: x})"),
        code("print(Net(2).predict(np.ones((2, 1))))"),
    ]
    _, sources, findings = migrate(notebook_bytes(cells))
    assert any("MIG601" in f for f in findings) and not any("MIG602" in f for f in findings), findings
    assert sources[1].startswith("def initial_value(make):\n"), sources[1]
    assert "initial_value(lambda: tf.random.uniform([1, 3], " in sources[1], sources[1]


def test_model_methods_handed_the_session_in_cells_keep_it_and_convert():
    """A notebook of adventuresinML's shape (tf2_classes `_handed_sessions`): the model class in one
    cell, the class relaying the Session in the next, the program in a third; each method's Session
    parameter and each call's argument go, cell by cell."""
    from tests.codemods.test_tf2_classes import HANDED

    source = textwrap.dedent(HANDED)
    relay, program = source.index("class Runner"), source.index("model = Model(4, 2)")
    cells = [code(source[:relay].rstrip() + "\n"), code(source[relay:program].rstrip() + "\n"), code(source[program:])]
    _, sources, findings = migrate(notebook_bytes(cells))
    assert any(" MIG601 " in f for f in findings) and not any(" MIG602 " in f for f in findings), findings
    assert len(sources) == 3 and all("sess" not in s for s in sources), sources
    assert "def predict(self, state):" in sources[0] and "runner = Runner(model)" in sources[2], sources
