"""Notebook cells under a cell magic (MIG303 / MIG331).

`%%time`, `%%timeit`, `%%capture`, `%%prun`, `%%debug` run their body as the notebook's
Python: the body is migrated with the other cells (both styles) and the magic stays the
cell's first line. Any other cell magic (`%%bash`, `%%writefile`, ...) is left alone, and
reported when it uses TensorFlow. Notebooks written for these tests.
"""
from __future__ import annotations

import json
import re

import pytest

from migrate import notebook, runner
from migrate.settings import Settings
from tests.test_notebook_tf2 import _as_script, code, notebook_bytes


def migrate(cells, style="compat", **settings):
    data = notebook_bytes(cells)
    result = runner.process_file("nb.ipynb", Settings(keras="3", style=style, **settings), data=data)
    assert result.status != "error", result.error
    after = json.loads((result.new_data or data).decode())
    sources = ["".join(cell["source"]) for cell in after["cells"]]
    warnings = [f"{where.removeprefix('nb.ipynb')}:{f.line}:{f.col} {f.code}" for where, f in result.findings
                if f.kind == "warning" or f.code == "MIG601"]
    return result, sources, warnings


TIMED = [
    code("import numpy as np\nimport tensorflow as tf\n"),
    code("%%time\nx = tf.placeholder(tf.float32, [None, 2])\nw = tf.Variable(tf.random_normal([2, 1], seed=3))\n"
         "y = tf.matmul(x, w)\n"),
    code("%%capture captured\nsess = tf.Session()\nsess.run(tf.global_variables_initializer())\n"),
    code("%%timeit -n 1 -r 1\nsess.run(y, {x: np.ones([3, 2])})\n"),
    code("print('y=%s' % sess.run(y, {x: np.ones([1, 2])}).ravel().tolist())\n"),
]


def test_python_cell_magics_have_their_body_migrated_keeping_the_magic():
    result, sources, warnings = migrate(TIMED)
    assert warnings == []
    assert sources == [
        "import numpy as np\nimport tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"
        "tf.compat.v1.disable_resource_variables()\ntf.compat.v1.disable_control_flow_v2()\n",
        "%%time\nx = tf.compat.v1.placeholder(tf.float32, [None, 2])\n"
        "w = tf.compat.v1.Variable(tf.random.normal([2, 1], seed=3))\ny = tf.matmul(x, w)\n",
        "%%capture captured\nsess = tf.compat.v1.Session()\nsess.run(tf.compat.v1.global_variables_initializer())\n",
        "%%timeit -n 1 -r 1\nsess.run(y, {x: np.ones([3, 2])})\n",
        "print('y=%s' % sess.run(y, {x: np.ones([1, 2])}).ravel().tolist())\n",
    ]
    again = runner.process_file("nb.ipynb", Settings(keras="3"), data=result.new_data)
    assert again.status == "unchanged"


def test_python_cell_magics_under_tf2_style():
    result, sources, warnings = migrate(TIMED, "tf2")
    assert warnings == ["[cell 1]:1:1 MIG601"]
    assert sources[1] == "%%time\nw = tf.Variable(tf.random.normal([2, 1], seed=3))\n"
    assert sources[2].startswith("%%capture captured\n") and (
        "@tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])\ndef compute_y(x):") in sources[2]
    assert "tf.Session" not in "".join(sources)
    assert sources[3] == "%%timeit -n 1 -r 1\ncompute_y(x=np.ones([3, 2])).numpy()\n"
    assert runner.process_file("nb.ipynb", Settings(keras="3", style="tf2"), data=result.new_data).status == "unchanged"


def test_other_cell_magics_are_left_alone_and_reported_when_they_hold_tensorflow():
    cells = [
        code("import tensorflow as tf\ns = tf.Session()\n"),
        code("%%bash\necho hello\n"),                                   # nothing to say
        code("%%bash\npip list\npython -c 'import tensorflow as tf; tf.Session()'\n"),
        code("\n%%writefile train.py\nimport os\nimport tensorflow as tf\n"),
        code("%%html\n<p>tf.Session</p>\n"),
        code("%%time\n# tf.Session in a comment of a Python body is the codemods' business\nx = 1\n"),
    ]
    result, sources, warnings = migrate(cells)
    assert warnings == ["[cell 3]:3:12 MIG331", "[cell 4]:4:1 MIG331", "[cell 5]:2:4 MIG331"]
    assert sources[1:] == ["".join(c["source"]) for c in cells[1:]]
    messages = {where: f.message for where, f in result.findings if f.code == "MIG331"}
    assert "run `migrate code` on that file" in messages["nb.ipynb[cell 4]"]
    assert "%%bash cell" in messages["nb.ipynb[cell 3]"]
    # not silent under tf2 either, and `--ignore MIG331` silences it
    assert migrate(cells, "tf2")[2].count("[cell 3]:3:12 MIG331") == 1
    assert not [w for w in migrate(cells, ignore=frozenset({"MIG331"}))[2] if "MIG331" in w]


def test_ignoring_mig303_leaves_python_magic_cells_alone_and_says_so():
    _, sources, warnings = migrate(TIMED, ignore=frozenset({"MIG303"}))
    assert sources[1:4] == ["".join(c["source"]) for c in TIMED[1:4]]
    assert warnings == ["[cell 2]:2:5 MIG331", "[cell 3]:2:8 MIG331"]


@pytest.mark.parametrize("body, expected", [
    # a rewrite that puts a statement first (TF_USE_LEGACY_KERAS before the import): the magic goes back on top
    ("%%time\nimport tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 3])\nh = tf.layers.dense(x, 2)\n",
     "%%time\nimport os\nos.environ.setdefault(\"TF_USE_LEGACY_KERAS\", \"1\")\nimport tensorflow as tf\n"),
    # a rewrite that removes the cell's only statement: the magic stays, with a body IPython accepts
    ("%%time\nimport tensorflow as tf\ntfe = tf.contrib.eager\n", None),
])
def test_the_magic_stays_the_first_line(body, expected):
    cells = [code(body), code("x = tfe.Variable(1.0)\n")] if expected is None else [code(body)]
    _, sources, _ = migrate(cells)
    if expected is None:
        assert sources[0].startswith("%%time\nimport tensorflow as tf\n") and "tfe" not in sources[0]
        assert sources[1] == "x = tf.Variable(1.0)\n"
    else:
        assert sources[0].startswith(expected)


def test_ipython_lines_of_a_removed_statement_are_kept():
    cells = [code("import tensorflow as tf\n"),
             code("%%time\nimport tensorflow.contrib.eager as tfe\n"),
             code("%matplotlib inline\nimport tensorflow.contrib.eager as tfe2\nprint(1)\n"),
             code("v = tfe.Variable(1.0)\nw = tfe2.Variable(2.0)\n")]
    _, sources, _ = migrate(cells)
    assert sources[1:] == ["%%time\npass\n", "%matplotlib inline\nprint(1)\n", "v = tf.Variable(1.0)\nw = tf.Variable(2.0)\n"]


def test_unmask_moves_a_cell_magic_back_first():
    masked, originals = notebook.mask_ipython("%%time\nx = 1\n")
    assert masked == "# migrate-ipython-line-0\nx = 1\n"
    assert notebook.unmask_ipython("import os\n" + masked, originals) == "%%time\nimport os\nx = 1\n"
    assert notebook.unmask_ipython("x = 2\n", originals) == "%%time\nx = 2\n"
    assert notebook.unmask_ipython("", originals) == "%%time\npass\n"
    assert notebook.mask_ipython("%%bash\nls\n") is None and notebook.mask_ipython("%%time\n", False) is None
    assert notebook.cell_magic("\n  %%timeit -n1 x = 1\nf(x)") == "timeit" and notebook.cell_magic("%time f()") is None


@pytest.mark.tf  # ~15 s: two TensorFlow runs
def test_magic_cells_run_under_tf2_in_both_styles(tmp_path):
    """Each body run as its magic runs it (in the notebook's namespace): the compat and the
    TF 2 cells print the same prediction (before MIG303, `tf.placeholder` in the %%time cell
    stayed and raised AttributeError under TensorFlow 2.21)."""
    from tests.e2e.conftest import run_python

    printed = {}
    for style in ("compat", "tf2"):
        result, _, _ = migrate(TIMED, style)
        script = tmp_path / f"{style}.py"
        script.write_text(_as_script(result.new_data))
        run = run_python(script)
        assert run.returncode == 0, run.stderr[-3000:]
        printed[style] = re.findall(r"y=(\[.*\])", run.stdout)
    assert len(printed["compat"]) == 1 and printed["compat"] == printed["tf2"]


@pytest.mark.parametrize("style", ["compat", "tf2"])
def test_indented_magic_alone_in_its_block_is_migrated(style):
    """Colab's first cell in ageron/handson-ml (`try:` / `%tensorflow_version 1.x` / `except
    Exception: pass`), found by a fresh-eyes trial: the masked magic left the `try` block
    empty, and every notebook with it failed ("does not parse"), in both styles."""
    first = "try:\n    %tensorflow_version 1.x\nexcept Exception:\n    pass\n"
    cells = [code(first), code("import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 2])\ny = tf.reduce_sum(x)\n"
                               "with tf.Session() as sess:\n    print(sess.run(y, {x: [[1.0, 2.0]]}))\n")]
    _, sources, warnings = migrate(cells, style)
    assert sources[0] == first  # the magic back where it was, nothing else in its cell
    if style == "compat":
        assert "tf.compat.v1.placeholder" in sources[1]
    else:
        assert "@tf.function" in sources[1] and any(w.endswith("MIG601") for w in warnings), (sources, warnings)


def test_a_shell_line_continued_by_a_backslash_is_masked_with_its_continuation():
    # a fresh-eyes trial: `!pip install -q \` then `  numpy` (the TFX workshop notebooks) was
    # refused ("unexpected indent"); IPython joins such lines into one shell command
    cells = [code("!pip install -q \\\n  numpy \\\n  pandas\nimport tensorflow as tf\nprint(tf.zeros([2]))\n"),
             code("x = tf.placeholder(tf.float32, [None])\nwith tf.Session() as sess:\n    print(sess.run(x * 2, {x: [1.0]}))\n")]
    _, sources, warnings = migrate(cells)
    assert sources[0].startswith("!pip install -q \\\n  numpy \\\n  pandas\nimport tensorflow as tf\n"), sources
    assert "tf.compat.v1.placeholder" in sources[1] and warnings == [], (sources, warnings)
    _, sources, _ = migrate(cells, style="tf2")
    assert sources[0].startswith("!pip install -q \\\n  numpy \\\n  pandas\n"), sources


def test_a_percent_continuing_a_line_is_python_not_a_magic():
    # sjchoi86's Tensorflow-101 (Python 2 notebooks): `print ("saved to %s"` then `% (name))` on the
    # next line was masked as a line magic, and 14 of its notebooks were refused ("'(' was never
    # closed"); IPython looks for `%` only where a logical line starts, so a bracket, a string or a
    # backslash going on makes it Python
    first = ('%matplotlib inline\nname = "w"\nprint ("saved to %s"\n       % (name))\n'
             'total = 7 \\\n  % 4\nnote = """\n%d items\n"""\n')
    python2 = 'print "note: %s" \\\n    % note\n'
    cells = [code(first), code(python2), code("import tensorflow as tf\nx = tf.placeholder(tf.float32, [None])\n"
                                              "with tf.Session() as sess:\n    print(sess.run(x * 2, {x: [1.0]}))\n")]
    assert notebook.mask_ipython(first)[1] == ["%matplotlib inline"]
    for style in ("compat", "tf2"):
        _, sources, _ = migrate(cells, style)
        assert sources[:2] == [first, 'print("note: %s" \\\n    % note)\n'], sources
        assert ("@tf.function" if style == "tf2" else "tf.compat.v1.placeholder") in sources[2], sources
