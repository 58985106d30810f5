"""The codemod framework: alias tracking, combined traversal, skips, codes, insertion."""
import textwrap

import libcst as cst
import pytest

from migrate.codemod import Codemod, Settings
from migrate.prescan import prescan, tf_symbol
from migrate.testing import apply, check_rewrite, check_unchanged, codes
from tests.demo_codemods import DemoRandomNormal, DemoSessionWarning

DEMOS = [DemoRandomNormal, DemoSessionWarning]


@pytest.mark.parametrize(
    "source, local, target",
    [
        ("import tensorflow as tf", "tf", "tensorflow"),
        ("import tensorflow", "tensorflow", "tensorflow"),
        ("import tensorflow.compat.v1 as tf", "tf", "tensorflow.compat.v1"),
        ("import tensorflow as tf1", "tf1", "tensorflow"),
        ("from tensorflow import keras", "keras", "tensorflow.keras"),
        ("from tensorflow.contrib import slim", "slim", "tensorflow.contrib.slim"),
        ("from keras import backend as K", "K", "keras.backend"),
        ("import tensorflow.contrib.slim as slim", "slim", "tensorflow.contrib.slim"),
        ("def f():\n    import tensorflow as tf", "tf", "tensorflow"),
    ],
)
def test_import_forms_are_tracked(source, local, target):
    assert prescan(source).aliases[local] == target


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as tf\nx = tf.random_normal(3)\n",
        "tf = object()\nx = tf.random_normal(3)\n",
        "import tensorflow as tf\ntf = Wrapper()\nx = tf.random_normal(3)\n",
        "import tensorflow as tf\ndef f(tf):\n    return tf.random_normal(3)\n",
        "try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    import tensorflow as tf\nx = tf.random_normal(3)\n",
        "import tensorflow as tf\ns = 'tf.random_normal(3)'  # tf.random_normal\n",
    ],
    ids=["numpy-as-tf", "variable-tf", "rebound-tf", "parameter-tf", "ambiguous-import", "string-and-comment"],
)
def test_names_that_are_not_tensorflow_are_never_touched(source):
    check_unchanged(DEMOS, source)


def test_tf_symbol_strips_compat_v1_and_root():
    assert tf_symbol("tensorflow.compat.v1.nn.dropout") == "nn.dropout"
    assert tf_symbol("tensorflow.nn.dropout") == "nn.dropout"
    assert tf_symbol("tensorflow.python.ops.nn") is None
    assert tf_symbol("keras.layers.Dense") is None


@pytest.mark.parametrize(
    "before, after",
    [
        pytest.param(
            "import tensorflow as tf1  # keep\nx = tf1.random_normal([2])  # why\n",
            "import tensorflow as tf1  # keep\nx = tf1.random.normal([2])  # why\n",
            id="alias-and-comments-kept",
        ),
        pytest.param(
            "import tensorflow\nx = tensorflow.random_normal([2])\n",
            "import tensorflow\nx = tensorflow.random.normal([2])\n",
            id="bare-import",
        ),
        pytest.param(
            "import tensorflow as tf\r\nx = tf.random_normal(\r\n    [2])\r\n",
            "import tensorflow as tf\r\nx = tf.random.normal(\r\n    [2])\r\n",
            id="crlf",
        ),
        pytest.param(
            '"""Doc."""\nfrom __future__ import annotations\nimport os\nfrom tensorflow import nn\n\nx = nn.random_normal\n',
            '"""Doc."""\nfrom __future__ import annotations\nimport os\nfrom tensorflow import nn\nimport tensorflow as tf\n\nx = nn.random_normal\n',
            id="no-import-no-change",
        ),
    ],
)
def test_demo_rename(before, after):
    if "nn.random_normal" in before:
        check_unchanged(DEMOS, before)  # `nn.random_normal` is tensorflow.nn.random_normal: not ours
    else:
        check_rewrite(DEMOS, before, after)


def test_import_is_added_when_file_has_no_tensorflow_root():
    class UsesRoot(Codemod):
        CODE = "MIG990"

        @classmethod
        def needed(cls, facts, settings):
            return facts.uses("tensorflow.keras")

        def leave_Attribute(self, original_node, updated_node):
            # only the `from tensorflow import keras` spelling, so a second pass is a no-op
            if isinstance(original_node.value, cst.Name) and original_node.value.value == "keras" and (
                self.qualname(original_node) == "tensorflow.keras.backend"
            ):
                self.changed(original_node, "root")
                return self.file.tf_attr("keras.backend")
            return updated_node

    check_rewrite(
        UsesRoot,
        '"""Doc."""\nfrom __future__ import annotations\nimport os\nfrom tensorflow import keras\n\nK = keras.backend\n',
        '"""Doc."""\nfrom __future__ import annotations\nimport os\nfrom tensorflow import keras\nimport tensorflow as tf\n\nK = tf.keras.backend\n',
    )


def test_findings_have_positions_and_codes():
    outcome = apply(DEMOS, "import tensorflow as tf\n\nx = tf.random_normal([2])\ns = tf.Session()\n")
    found = [(f.code, f.line, f.col, f.kind) for f in outcome.findings]
    assert found == [("MIG901", 3, 5, "change"), ("MIG903", 4, 5, "warning")]


def test_skip_marker_on_statement_and_compound_header():
    source = textwrap.dedent(
        """\
        import tensorflow as tf
        a = tf.random_normal([1])  # migrate: skip
        b = tf.random_normal([1])
        if tf.random_normal([1]) is not None:  # migrate: skip
            c = tf.random_normal([1])
        """
    )
    outcome = apply(DEMOS, source)
    assert outcome.code == source.replace("b = tf.random_normal", "b = tf.random.normal").replace(
        "    c = tf.random_normal", "    c = tf.random.normal"
    )


def test_ignore_rewrite_code_keeps_warnings_and_drops_changes():
    source = "import tensorflow as tf\nx = tf.random_normal([2])\ns = tf.Session()\n"
    outcome = apply(DEMOS, source, Settings(ignore=frozenset({"MIG901"})))
    assert outcome.code == source
    assert codes(outcome) == ["MIG903"]
    outcome = apply(DEMOS, source, Settings(select=frozenset({"MIG901"})))
    assert codes(outcome) == ["MIG901"]
    assert "tf.random.normal" in outcome.code
    outcome = apply(DEMOS, source, Settings(ignore=frozenset({"MIG9"})))
    assert outcome.code == source and outcome.findings == []


def test_codemods_chain_on_the_same_node_in_one_traversal():
    calls = []

    class First(Codemod):
        CODE = "MIG991"

        @classmethod
        def needed(cls, facts, settings):
            return True

        def leave_Call(self, original_node, updated_node):
            calls.append("first")
            self.changed(original_node, "first")
            return updated_node.with_changes(args=[*updated_node.args, cst.Arg(cst.Integer("1"))])

    class Second(Codemod):
        CODE = "MIG992"

        @classmethod
        def needed(cls, facts, settings):
            return True

        def leave_Call(self, original_node, updated_node):
            calls.append("second")
            assert len(original_node.args) == 0  # originals stay pristine
            self.changed(original_node, "second")
            return updated_node.with_changes(args=[*updated_node.args, cst.Arg(cst.Integer("2"))])

    outcome = apply([First, Second], "import tensorflow as tf\nf()\n")
    assert outcome.code == "import tensorflow as tf\nf(1, 2)\n"
    assert calls == ["first", "second"]


def test_codemod_not_needed_means_no_libcst_parse(monkeypatch):
    import libcst

    def boom(*args, **kwargs):
        raise AssertionError("parsed although no codemod was needed")

    monkeypatch.setattr(libcst, "parse_module", boom)
    outcome = apply(DEMOS, "import tensorflow as tf\nx = tf.random.normal([2])\n")
    assert outcome.findings == []


def test_statements_inserted_after_tf_import_and_before_it():
    class Prologue(Codemod):
        CODE = "MIG993"

        @classmethod
        def needed(cls, facts, settings):
            return "placeholder" in facts.tf_symbols() and "disable_eager" not in facts.source

        def leave_Module(self, original_node, updated_node):
            self.file.add_statement("tf.compat.v1.disable_eager_execution()\n", where="after_tf_import")
            self.file.use_legacy_keras()
            self.changed(original_node, "graph mode")
            return updated_node

    outcome = check_rewrite(
        Prologue,
        '"""Doc."""\nimport sys\nimport tensorflow as tf\n\nx = tf.placeholder(tf.float32)\n',
        '"""Doc."""\nimport sys\nimport os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n'
        "tf.compat.v1.disable_eager_execution()\n\nx = tf.placeholder(tf.float32)\n",
    )
    assert outcome.required == {"tf-keras"}


def test_positions_match_libcst_position_provider_for_every_node():
    """The lean position finder agrees with LibCST's PositionProvider on real code."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    from migrate.codemod import positions_of

    source = textwrap.dedent(
        '''\
        """Doc."""
        import tensorflow as tf  # comment


        @decorator(1)
        def model(x, keep_prob=0.5):
            """Multi-line
            docstring."""
            h = (tf.layers.dense(x, 8)
                 + tf.nn.dropout(x, keep_prob))  # trailing
            if h is not None and tf.shape(h)[0] > 1:
                return [h,
                        h * 2][0]
            s = f"{x!r:>{10}}" \\
                "continued"
            return lambda y: y.attr.call()(h)[1:2, ...]
        '''
    ).replace("\n", "\r\n")
    module = cst.parse_module(source)
    nodes = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node):
            nodes.append(node)
            return True

    module.visit(Collect())
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    found = positions_of(module, nodes)
    mismatches = [
        (type(n).__name__, found.get(id(n)), (expected[n].start.line, expected[n].start.column + 1))
        for n in nodes
        if n in expected and found.get(id(n)) != (expected[n].start.line, expected[n].start.column + 1)
    ]
    assert mismatches == []
    assert len(found) > 100


def test_a_codemod_that_skips_a_subtree_does_not_stop_the_others():
    seen = {"skipper": [], "other": []}

    class Skipper(Codemod):
        CODE = "MIG994"

        @classmethod
        def needed(cls, facts, settings):
            return True

        def visit_FunctionDef(self, node):
            return False  # nothing inside functions is mine

        def leave_Name(self, original_node, updated_node):
            seen["skipper"].append(original_node.value)
            return updated_node

    class Other(Codemod):
        CODE = "MIG995"

        @classmethod
        def needed(cls, facts, settings):
            return True

        def leave_Name(self, original_node, updated_node):
            seen["other"].append(original_node.value)
            return updated_node

    apply([Skipper, Other], "import tensorflow as tf\ndef f():\n    inner\nouter\n")
    assert "inner" not in seen["skipper"] and "outer" in seen["skipper"]
    assert "inner" in seen["other"] and "outer" in seen["other"]


def test_graph_setup_goes_after_the_import_that_binds_the_root():
    class Setup(Codemod):
        CODE = "MIG996"

        @classmethod
        def needed(cls, facts, settings):
            return "disable_eager" not in facts.source

        def leave_Module(self, original_node, updated_node):
            root = self.file.tf_root()
            self.file.add_statement(f"{root}.compat.v1.disable_eager_execution()\n", where="after_tf_import")
            self.changed(original_node, "graph mode")
            return updated_node

    check_rewrite(
        Setup,
        "from tensorflow.random import normal\nimport tensorflow\nx = normal([1])\n",
        "from tensorflow.random import normal\nimport tensorflow\ntensorflow.compat.v1.disable_eager_execution()\nx = normal([1])\n",
    )
    # no root import at all: the import is added first, the set-up right after it
    check_rewrite(
        Setup,
        "from tensorflow.random import normal\nx = normal([1])\n",
        "from tensorflow.random import normal\nimport tensorflow as tf\ntf.compat.v1.disable_eager_execution()\nx = normal([1])\n",
    )


def test_new_imports_go_after_the_environment_prologue():
    class NeedsAbsl(Codemod):
        CODE = "MIG997"

        @classmethod
        def needed(cls, facts, settings):
            return "absl" not in facts.source

        def leave_Module(self, original_node, updated_node):
            self.file.add_import("absl", "app")
            self.changed(original_node, "import")
            return updated_node

    check_rewrite(
        NeedsAbsl,
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n\nx = 1\n',
        'import os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\nfrom absl import app\n\nx = 1\n',
    )


def test_prologue_keeps_the_blank_line_above_the_import_block():
    class Legacy(Codemod):
        CODE = "MIG998"

        @classmethod
        def needed(cls, facts, settings):
            return "TF_USE_LEGACY_KERAS" not in facts.source

        def leave_Module(self, original_node, updated_node):
            self.file.use_legacy_keras()
            self.changed(original_node, "legacy keras")
            return updated_node

    check_rewrite(
        Legacy,
        "import sys\n\n# TensorFlow\nimport tensorflow as tf\n",
        'import sys\n\n# TensorFlow\nimport os\nos.environ.setdefault("TF_USE_LEGACY_KERAS", "1")\nimport tensorflow as tf\n',
    )


# -- the traversal driver, spliced codegen and per-statement positions (issue 8) -------------
_TRICKY = (
    "#!/usr/bin/env python\n# header comment\n\n"
    '"""Doc."""\nimport tensorflow as tf  # keep\nimport os; import sys\n\n\n'
    "# above a decorated function\n@tf.function\n\n@other(\n    1)\ndef f(x):\n"
    "    y = tf.random_normal([2])\n    # a comment inside\n\n  # dedented comment\n    return y\n"
    "# between\nclass A(object):\n    z = tf.random_normal([3]); w = 1\n\n"
    "if x:\n    pass\nelif y:\n    a = (tf.random_normal(\n        [4]))\nelse:\n    pass\n"
    "try:\n    b = 1\nexcept E:\n    b = tf.random_normal([5])\nfinally:\n    pass\n"
    "x = [tf.random_normal([i]) for i in range(3)]  # trailing\n\n# footer comment\n"
)


@pytest.mark.parametrize(
    "ending, newline", [("\n", "\n"), ("", "\n"), ("\n", "\r\n"), ("", "\r\n")],
    ids=["trailing-newline", "no-trailing-newline", "crlf", "crlf-no-trailing-newline"],
)
def test_spliced_codegen_and_statement_lines_match_libcst(ending, newline):
    """Unchanged module-level statements are copied from the source: their spans must be
    exactly LibCST's code for them, and a spliced module exactly LibCST's code."""
    import ast

    from migrate.codemod import _Spans, _spliced_code, statement_lines

    source = (_TRICKY.rstrip("\n") + ending).replace("\n", newline)
    module = cst.parse_module(source)
    starts = statement_lines(module, ast.parse(source), source)
    assert starts is not None
    spans = _Spans(module, source, starts)
    for i, stmt in enumerate(module.body):
        if i < len(module.body) - 1 or ending:
            assert spans.text(i) == module.code_for_node(stmt)
    assert _spliced_code(module, module, spans) == source
    for k in range(len(module.body)):
        body = list(module.body)
        body[k] = cst.parse_statement("replaced = 1\n")
        new = module.with_changes(body=body)
        assert _spliced_code(module, new, spans) == new.code


def test_statement_lines_refuses_lone_carriage_returns():
    import ast

    from migrate.codemod import statement_lines

    source = "import tensorflow as tf\rx = 1\r\ny = 2\n"
    assert statement_lines(cst.parse_module(source), ast.parse(source), source) is None
    source = "import tensorflow as tf\r\nx = 1\r\n"
    assert statement_lines(cst.parse_module(source), ast.parse(source), source) == [1, 2]


def test_walk_gives_libcst_visit_results_and_positions():
    """The driver visits what LibCST's visit visits, in the same order, and positions
    computed per statement equal the whole-module ones."""
    from migrate.codemod import Combined, FileContext, positions_of

    source = _TRICKY
    module = cst.parse_module(source)
    for use_walk in (True, False):
        file = FileContext(prescan(source), Settings())
        active = [cls(file) for cls in DEMOS]
        combined = Combined(module, active, [True] * len(active), file)
        out = combined.walk(module) if use_walk else module.visit(combined)
        if use_walk:
            walked, walked_findings = out.code, [(c, positions_of(module, [n])[id(n)]) for c, n, _, _ in file.findings]
        else:
            assert out.code == walked
            assert [(c, positions_of(module, [n])[id(n)]) for c, n, _, _ in file.findings] == walked_findings
    assert walked.count("tf.random.normal") == 5
    outcome = apply(DEMOS, source)
    expected = [
        (number, line.index("tf.random_normal") + 1)
        for number, line in enumerate(source.splitlines(), start=1)
        if "tf.random_normal" in line
    ]
    assert [(f.line, f.col) for f in outcome.findings if f.code == "MIG901"] == expected


def test_plans_table_matches_installed_libcst():
    """migrate/_cst_plans.py is derived from the installed LibCST's source; when LibCST
    is upgraded, regenerate it (see its docstring)."""
    import pathlib

    import migrate.codemod as codemod

    text = (pathlib.Path(codemod.__file__).parent / "_cst_plans.py").read_text()
    assert text == codemod.plans_module_text()


@pytest.mark.parametrize(
    "cells, error",
    [
        # (a cell indented as a whole is run by IPython dedented: test_notebook_tf2's leading-indent test)
        (["import tensorflow as tf\nfor i in range(2):\n    x = tf.random_normal([i])", "    y = 1\n  z = 2\n"], "n.ipynb[cell 2]:"),
        (["import tensorflow as tf\nx = (1 +", "2)\n"], "n.ipynb[cell 1]:2:"),
        (["import tensorflow as tf\n", "if x:\n    pass\n", "else:\n    pass\n"], "n.ipynb[cell 3]:1:1"),
    ],
    ids=["indented-cell", "open-bracket", "dangling-else"],
)
def test_notebook_is_parsed_once_but_a_cell_that_does_not_parse_alone_is_named(cells, error):
    """The joined cells are parsed once; a cell that parses only together with its
    neighbours (it continues their statement) is still an error naming that cell."""
    import json

    from migrate import runner
    from tests.real_corpus import notebook_json

    data = notebook_json(cells).encode()
    json.loads(data)
    result = runner.process_file("n.ipynb", Settings(), data=data)
    assert result.status == "error" and result.error.startswith("does not parse as Python 3"), result.error
    # positioned as findings are (`path[cell N]:line:col`), the cell's own line
    assert result.where.startswith(error), result.where


def test_notebook_parsed_once_migrates_each_cell():
    from migrate import runner
    from tests.real_corpus import notebook_json

    cells = ["import tensorflow as tf\n", "x = tf.random_normal([2])\n", "def f():\n    return 1\n"]
    result = runner.process_file("n.ipynb", Settings(), keep_text=True, data=notebook_json(cells).encode())
    assert result.status == "changed"
    assert '"x = tf.random.normal([2])"' in result.new_text
    assert [(d, f.line) for d, f in result.findings if f.kind == "change"] == [("n.ipynb[cell 2]", 1)]


def test_readonly_visitors_inside_codemods_see_libcst_order():
    """While the codemods run, a read-only visitor is driven without rebuilding nodes;
    it must see the same visit/leave calls on the same nodes as under LibCST."""
    from migrate.codemod import _fast_readonly_visits

    class Record(cst.CSTVisitor):
        def __init__(self):
            self.log = []

        def visit_Call(self, node):
            self.log.append(("visit", id(node)))

        def leave_Call(self, node):
            self.log.append(("leave", id(node)))

        def visit_Attribute(self, node):
            self.log.append(("visit", id(node)))
            return node.attr.value != "skip_inside"

        def visit_Name(self, node):
            self.log.append(("name", id(node)))

        def visit_Comment(self, node):
            self.log.append(("comment", id(node)))

    module = cst.parse_module(_TRICKY + "a.skip_inside(b.c(d))\n")
    plain, fast = Record(), Record()
    assert module.visit(plain) is module
    with _fast_readonly_visits():
        assert module.visit(fast) is module
    assert fast.log == plain.log and len(plain.log) > 50
    assert cst.CSTNode.visit is not None and module.visit(Record()) is module


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_positions_near_are_position_provider_ranges_of_those_statements(ending):
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from migrate.codemod import FileContext, Settings
    from migrate.prescan import prescan

    source = (
        "# header\n\nimport tensorflow as tf\n\n\n@tf.function  # deco\ndef f(x):\n"
        "    # inside\n    return tf.reduce_sum(x,\n        axis=0)  # é\n"
        "x = [f(1), 'ü', f(2)]; y = 3\nclass A:\n    z = tf.constant([1,\n 2])\n"
    ).replace("\n", ending or "\n")
    if not ending:
        source = source.rstrip("\n")
    module = cst.parse_module(source)
    file = FileContext(prescan(source), Settings())
    full = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for lines in ({9}, {11}, {3, 14}, {1}, set(range(1, 16))):
        near = file.positions_near(module, lines)
        tops = [stmt for stmt in module.body if any(
            full[stmt].start.line - len(stmt.leading_lines) <= line <= full[stmt].end.line for line in lines)]
        inside = [node for node in full if any(node is top or _is_below(node, top) for top in tops)]
        assert list(near) == inside
        assert all(near[node] == full[node] for node in near)


def _is_below(node, top) -> bool:
    found = []

    class Find(__import__("libcst").CSTVisitor):
        def on_visit(self, n):
            if n is node:
                found.append(n)
            return not found

    top.visit(Find())
    return bool(found)


def test_a_file_python_reads_but_libcst_does_not_is_one_line_naming_the_indentation():
    """A fresh-eyes trial's dsalaj files: a line indented by a tab after a block indented by spaces
    compiles under CPython, LibCST's tokenizer refuses it; said in one line at that line, file kept."""
    from migrate import runner

    source = "import tensorflow as tf\nm = tf.reduce_max(a, reduction_indices=1)\nif a:\n    if a:\n\t    print(a)\n"
    compile(source, "m2.py", "exec")
    result = runner.process_file("m2.py", Settings(), data=source.encode())
    assert result.status == "error" and result.new_data is None, result
    assert "LibCST" in result.error and "tabs and spaces" in result.error and "\n" not in result.error, result.error
    assert result.where == "m2.py:5:1", result.where
