"""MIG302 / MIG321: Python 2 files and notebook cells become Python 3 before the TF codemods."""
import json
import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.runner import migrate_source
from migrate.source import InputError

SETTINGS = Settings(keras="3")


def migrate(text: str):
    return migrate_source(textwrap.dedent(text), SETTINGS)


PORTS = [
    pytest.param('import tensorflow as tf\nprint "loss", 1\n', 'import tensorflow as tf\nprint("loss", 1)\n', id="print-statement"),
    pytest.param('import tensorflow as tf\nprint\nprint >>f, x,\nprint "a"\n', 'import tensorflow as tf\nprint()\nprint(x, end=\' \', file=f)\nprint("a")\n', id="print-forms"),
    pytest.param('import tensorflow as tf\nprint ("a", "b")\nprint "c"\n', 'import tensorflow as tf\nprint(("a", "b"))\nprint("c")\n', id="print-tuple-keeps-python2-meaning"),
    pytest.param(
        'import tensorflow as tf\ntry:\n    pass\nexcept (IOError, OSError), e:\n    raise ValueError, "bad"\n',
        'import tensorflow as tf\ntry:\n    pass\nexcept (IOError, OSError) as e:\n    raise ValueError("bad")\n',
        id="except-comma-and-raise",
    ),
    pytest.param(
        'import tensorflow as tf\nfor k, v in d.iteritems():\n    ks = d.keys()\nfor i in xrange(3):\n    print i\n',
        'import tensorflow as tf\nfor k, v in d.items():\n    ks = list(d.keys())\nfor i in range(3):\n    print(i)\n',
        id="dict-methods-and-xrange",
    ),
    pytest.param(
        'import tensorflow as tf\ns = unicode(x) + `y`\nn = long(0777)\nif a <> b: name = raw_input("> ")\n',
        'import tensorflow as tf\ns = str(x) + repr(y)\nn = int(0o777)\nif a != b: name = input("> ")\n',
        id="unicode-backticks-long-octal-ne-raw-input",
    ),
    pytest.param(
        'import tensorflow as tf\nimport cPickle as pickle\nfrom StringIO import StringIO\nif d.has_key("a"): ys = map(str, xs)\nexec "x = 1"\n',
        'import tensorflow as tf\nimport pickle as pickle\nfrom io import StringIO\nif "a" in d: ys = list(map(str, xs))\nexec("x = 1")\n',
        id="renamed-modules-has-key-map",
    ),
]


@pytest.mark.parametrize("before, after", PORTS)
def test_python2_is_ported(before, after):
    outcome = migrate(before)
    assert outcome.code == after
    assert [f.code for f in outcome.findings if f.kind == "change"][:1] == ["MIG302"]
    assert migrate_source(outcome.code, SETTINGS).code == outcome.code  # a second run changes nothing


def test_ported_file_then_gets_the_tf_codemods():
    outcome = migrate('import tensorflow as tf\nx = tf.placeholder(tf.float32)\nprint "shape", x.shape\n')
    assert outcome.code == (
        "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\n"
        "tf.compat.v1.disable_control_flow_v2()\n"
        'x = tf.compat.v1.placeholder(tf.float32)\nprint("shape", x.shape)\n'
    )
    assert {"MIG302", "MIG101", "MIG104"} <= {f.code for f in outcome.findings}


def test_python3_files_are_not_touched_by_the_port():
    source = 'import tensorflow as tf\nfor k, v in d.items():\n    print(k, d.keys())\n'
    outcome = migrate(source)
    assert outcome.code == source and not outcome.findings


def test_parses_as_neither_keeps_todays_error():
    with pytest.raises(InputError) as info:
        migrate('import tensorflow as tf\nprint "a"\ndef f(:\n    pass\n')
    assert "does not parse as Python 3" in info.value.message


def test_ignore_mig302_keeps_todays_error():
    with pytest.raises(InputError) as info:
        migrate_source('import tensorflow as tf\nprint "a"\n', Settings(ignore=frozenset({"MIG302"})))
    assert "Python 2 source? port it to Python 3 first" in info.value.message


DIVISIONS = [
    pytest.param("import tensorflow as tf\nprint n / 2\n", [2], id="int-operands"),
    pytest.param("import tensorflow as tf\nprint n / 2.0, float(n) / k\n", [], id="float-operand"),
    pytest.param("import tensorflow as tf\nx = 1\nprint 'a'\nx /= k\n", [4], id="augmented"),
    pytest.param("from __future__ import division\nimport tensorflow as tf\nprint n / 2\n", [], id="future-division"),
]


@pytest.mark.parametrize("source, lines", DIVISIONS)
def test_integer_division_is_a_warning(source, lines):
    outcome = migrate(source)
    assert "/" in outcome.code and "//" not in outcome.code  # never guessed
    assert [f.line for f in outcome.findings if f.code == "MIG321"] == lines


@pytest.mark.parametrize("source, expected, warned", [
    # the tutorials' loop: Python 2's range took ints only, so both operands were ints
    ("import tensorflow as tf\nfor i in xrange(mnist.train.num_examples / batch_size):\n    print i\n",
     "for i in range(mnist.train.num_examples // batch_size):\n", []),
    ("import tensorflow as tf\nprint range(0, n / 2, k / 3)\n", "print(list(range(0, n // 2, k // 3)))\n", []),
    # (n / 2) + 1 in range: the sum's operands were ints too, so was n / 2; nested parentheses kept
    ("import tensorflow as tf\nfor i in range((n / 2) + 1): print i\n", "for i in range((n // 2) + 1): print(i)\n", []),
    # not a range argument itself: still the warning, nothing guessed
    ("import tensorflow as tf\nfor i in range(int(n / 2)): print i\n", "for i in range(int(n / 2)): print(i)\n", [2]),
    # two steps in a function (wookayin's talk-debugging labs): the name's one binding
    ("import tensorflow as tf\ndef train():\n    steps = total / size\n    for i in range(steps):\n        print i\n",
     "    steps = total // size\n", []),
    # a module name read in a function that does not bind it
    ("import tensorflow as tf\nhalf = n / 2\ndef f():\n    return range(half + 1)\nprint f()\n",
     "half = n // 2\n", []),
    # bound twice: which binding reached range is not known here
    ("import tensorflow as tf\nsteps = n / 2\nif big: steps = m / 3\nfor i in range(steps): print i\n",
     "steps = n / 2\nif big: steps = m / 3\n", [2, 3]),
    # the function's parameter is another binding than the module's
    ("import tensorflow as tf\nsteps = n / 2\ndef f(steps):\n    return range(steps)\nprint f(3)\n",
     "steps = n / 2\n", [2]),
    # a closure reads the enclosing function's binding, not the module's of the same name
    ("import tensorflow as tf\nsteps = x / y\ndef outer():\n    steps = a / b\n    def inner():\n"
     "        return range(steps)\n    return inner\nprint outer()\n",
     "steps = x / y\ndef outer():\n    steps = a // b\n", [2]),
    # a method reads the module's name (a class body encloses no function's names)
    ("import tensorflow as tf\nhalf = n / 2\nclass C:\n    half = 3.5\n    def f(self):\n        return range(half)\n"
     "print C().f()\n",
     "half = n // 2\n", []),
], ids=["loop", "start-stop-step", "sum", "inside-a-call", "two-steps", "module-name", "bound-twice", "parameter",
        "closure", "method"])
def test_division_in_a_range_argument_is_floor_division(source, expected, warned):
    """A run that reached `range(a / b)` under Python 2 had ints there (range refused a float),
    so the division was floor division: `//` is the exact replacement (h3's wookayin files
    crashed with `range(float)` in both styles)."""
    outcome = migrate(source)
    assert expected in outcome.code, outcome.code
    assert [f.line for f in outcome.findings if f.code == "MIG321"] == warned


def test_cli_leaves_unparseable_file_byte_for_byte(tmp_path):
    path = tmp_path / "bad.py"
    data = b'import tensorflow as tf\r\nprint "a"\r\nclass :\r\n'
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"{path}:2:1: error: does not parse as Python 3: Missing parentheses" in result.stderr  # as before
    assert path.read_bytes() == data


def test_cli_ports_a_file_keeping_line_endings_and_encoding(tmp_path):
    path = tmp_path / "old.py"
    path.write_bytes(b'# -*- coding: latin-1 -*-\r\nimport tensorflow as tf\r\nprint "caf\xe9"\r\n')
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert path.read_bytes() == b'# -*- coding: latin-1 -*-\r\nimport tensorflow as tf\r\nprint("caf\xe9")\r\n'


def _notebook(cells, **dump):
    return json.dumps({
        "cells": [
            {"cell_type": kind, "execution_count": None, "metadata": {}, "outputs": [], "source": source}
            if kind == "code" else {"cell_type": kind, "metadata": {}, "source": source}
            for kind, source in cells
        ],
        "metadata": {"kernelspec": {"display_name": "Python 2", "language": "python", "name": "python2"}},
        "nbformat": 4, "nbformat_minor": 0,
    }, **dump) + "\n"


def test_python2_notebook_cells_are_ported_and_json_kept(tmp_path):
    text = _notebook([
        ("markdown", ["# print x stays in markdown"]),
        ("code", ["import tensorflow as tf\n", "%matplotlib inline\n", "print tf.__version__"]),
        ("code", ["x = [1, 2]\n", "print(x)"]),
        ("code", ["for i in xrange(2):\n", "    print i, d.keys()"]),
    ], indent=1, sort_keys=True, ensure_ascii=False)
    path = tmp_path / "nb.ipynb"
    path.write_text(text)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "nb.ipynb[cell 2]:1:1: MIG302" in result.stderr + result.stdout or "MIG302" not in result.stdout
    after = json.loads(path.read_text())
    before = json.loads(text)
    assert after["cells"][1]["source"] == ["import tensorflow as tf\n", "%matplotlib inline\n", "print(tf.__version__)"]
    assert after["cells"][2]["source"] == before["cells"][2]["source"]
    assert after["cells"][3]["source"] == ["for i in range(2):\n", "    print(i, list(d.keys()))"]
    for cell_after, cell_before in zip(after["cells"], before["cells"]):
        assert {k: v for k, v in cell_after.items() if k != "source"} == {k: v for k, v in cell_before.items() if k != "source"}
    assert after["cells"][0] == before["cells"][0]
    for index in (1, 3):
        before["cells"][index]["source"] = after["cells"][index]["source"]
    assert path.read_text() == json.dumps(before, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


PYTHON2_PROGRAM = '''\
import tensorflow as tf
import sys

def describe(d):
    out = []
    for k, v in sorted(d.iteritems()):
        out.append("%s=%s" % (k, `v`))
    return ", ".join(out)

try:
    int("x")
except ValueError, e:
    print >>sys.stderr, "bad:", e

counts = dict((str(i), i * i) for i in xrange(4))
print describe(counts)
print len(counts.keys()), sorted(map(lambda s: s * 2, counts.keys()))
print unicode("ok"), 0777 <> 511
print ("tuple", "print")
'''


def test_run_ported_python2_program(tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(PYTHON2_PROGRAM)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=tmp_path,
                         env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    # what Python 2.7 prints for this program
    assert run.stdout.splitlines() == [
        "0=0, 1=1, 2=4, 3=9",
        "4 ['00', '11', '22', '33']",
        "ok False",
        "('tuple', 'print')",
    ]
    assert "bad: invalid literal for int() with base 10: 'x'" in run.stderr


def test_mixed_tabs_and_spaces_indentation_read_as_python2_did():
    source = 'import tensorflow as tf\nif n:\n        x = 1\n\ty = """a\n\tb"""\n        print x, y\n'
    outcome = migrate(source)
    assert outcome.code == 'import tensorflow as tf\nif n:\n        x = 1\n        y = """a\n\tb"""\n        print(x, y)\n'


PYTHON2_NOTEBOOK_CELLS = [
    ["import numpy as np\n", "import tensorflow as tf\n", "%matplotlib inline"],
    ["a = tf.placeholder(tf.int32)\n", "b = tf.placeholder(tf.int32)\n", "total = tf.add(a, b)\n", "scale = np.float(2)"],
    ["with tf.Session() as sess:\n",
     "    for i in xrange(3):\n",
     "        print \"step %d:\" % i, sess.run(total, feed_dict={a: i, b: 10}) * scale\n",
     "    print \"keys\", sorted({'x': 1, 'y': 2}.keys())"],
]


@pytest.mark.tf
@pytest.mark.slow
def test_python2_notebook_runs_under_tf2_after_migration(tmp_path):
    text = _notebook([("code", cell) for cell in PYTHON2_NOTEBOOK_CELLS], indent=1, sort_keys=True, ensure_ascii=False)
    path = tmp_path / "py2.ipynb"
    path.write_text(text)
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    script = "\n".join(
        "".join(line for line in c["source"] if not line.lstrip().startswith("%")) for c in cells
    )
    program = tmp_path / "as_script.py"
    program.write_text(script + "\n")
    run = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, cwd=tmp_path,
                         env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""})
    assert run.returncode == 0, run.stderr[-2000:]
    # what the notebook printed under Python 2.7 and TF 1.x
    assert run.stdout.splitlines() == ["step 0: 20.0", "step 1: 22.0", "step 2: 24.0", "keys ['x', 'y']"]


def test_codes_lists_the_python2_codes_and_readme_documents_them():
    from pathlib import Path

    listing = subprocess.run([sys.executable, "-m", "migrate", "codes"], capture_output=True, text=True).stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for code in ("MIG302", "MIG321"):
        assert any(line.startswith(code + " ") for line in listing.splitlines()), listing
        assert f"| {code} |" in readme or f"{code} `" in readme
