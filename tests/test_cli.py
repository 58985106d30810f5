"""`migrate code`: options, exit codes, error paths, atomic writes (with demo codemods)."""
import json
import os
import stat
import sys

import pytest

from tests.conftest import run_main

TF1 = "import tensorflow as tf\n\nx = tf.random_normal([2])  # noise\ns = tf.Session()\n"
TF2 = "import tensorflow as tf\n\nx = tf.random.normal([2])  # noise\ns = tf.Session()\n"


@pytest.fixture
def tree(tmp_path, demo_codemods):
    (tmp_path / "a.py").write_text(TF1)
    (tmp_path / "b.py").write_text(TF2)
    (tmp_path / "plain.py").write_text("print('nothing to see')\n")
    return tmp_path


def test_rewrites_in_place_reports_and_exits_1(tree, capsys):
    assert run_main("code", str(tree)) == 1
    assert (tree / "a.py").read_text() == TF2
    captured = capsys.readouterr()
    assert f"Rewriting {tree / 'a.py'}" in captured.err
    assert "1 file rewritten, 1 unchanged, 1 without TensorFlow" in captured.err
    # warnings need a human: path:line:col: CODE message, for every file that has one
    assert f"{tree / 'a.py'}:4:5: MIG903 tf.Session needs a human" in captured.out
    assert f"{tree / 'b.py'}:4:5: MIG903 tf.Session needs a human" in captured.out


def test_second_run_is_a_no_op(tree):
    assert run_main("code", str(tree)) == 1
    snapshot = {p.name: p.read_bytes() for p in tree.iterdir()}
    assert run_main("code", str(tree)) == 0
    assert {p.name: p.read_bytes() for p in tree.iterdir()} == snapshot


def test_check_writes_nothing_and_exits_1(tree, capsys):
    assert run_main("code", "--check", str(tree)) == 1
    assert (tree / "a.py").read_text() == TF1
    assert f"Would rewrite {tree / 'a.py'}" in capsys.readouterr().err
    assert run_main("code", "--check", str(tree / "b.py")) == 0


def test_diff_prints_unified_diff_and_writes_nothing(tree, capsys):
    assert run_main("code", "--diff", str(tree / "a.py")) == 1
    out = capsys.readouterr().out
    assert f"--- a/{tree / 'a.py'}" in out and f"+++ b/{tree / 'a.py'}" in out
    assert "-x = tf.random_normal([2])  # noise\n+x = tf.random.normal([2])  # noise\n" in out
    assert (tree / "a.py").read_text() == TF1


def test_select_and_ignore(tree, capsys):
    assert run_main("code", "--ignore", "MIG901", str(tree)) == 0
    assert (tree / "a.py").read_text() == TF1
    assert "MIG903" in capsys.readouterr().out
    assert run_main("code", "--select", "MIG901", str(tree)) == 1
    assert "MIG903" not in capsys.readouterr().out
    assert (tree / "a.py").read_text() == TF2


def test_skip_comment(tmp_path, demo_codemods):
    source = "import tensorflow as tf\nx = tf.random_normal([2])  # migrate: skip\n"
    (tmp_path / "a.py").write_text(source)
    assert run_main("code", str(tmp_path)) == 0
    assert (tmp_path / "a.py").read_text() == source


def test_report_json(tree):
    report = tree / "out" / "report.json"
    assert run_main("code", "--report", str(report), str(tree)) == 1
    data = json.loads(report.read_text())
    files = {os.path.basename(f["path"]): f for f in data["files"]}
    assert files["a.py"]["status"] == "changed"
    assert files["a.py"]["changes"] == [
        {"where": str(tree / "a.py"), "code": "MIG901", "line": 3, "col": 5, "message": "tf.random_normal -> tf.random.normal"}
    ]
    assert files["a.py"]["warnings"][0]["code"] == "MIG903"
    assert files["plain.py"]["status"] == "skipped"
    assert data["summary"] == {
        "changed": 1, "unchanged": 1, "skipped": 1, "errors": 0, "warnings": 2, "requires": [],
    }


def test_exclude_and_skipped_directories(tmp_path, demo_codemods):
    for folder in (".git", "venv", "build", "dist", "node_modules", "vendor", "real_env"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.py").write_text(TF1)
    (tmp_path / "real_env" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "x.py").write_text(TF1)
    assert run_main("code", "--exclude", "vendor", str(tmp_path)) == 1
    assert (tmp_path / "src" / "x.py").read_text() == TF2
    for folder in (".git", "venv", "build", "dist", "node_modules", "vendor", "real_env"):
        assert (tmp_path / folder / "x.py").read_text() == TF1, folder


def test_jobs_give_the_same_result_as_serial(tmp_path, demo_codemods):
    for n in range(12):
        (tmp_path / f"m{n}.py").write_text(TF1 if n % 2 else TF2)
    parallel = tmp_path / "p.json"
    assert run_main("code", "--check", "--jobs", "2", "--report", str(parallel), str(tmp_path)) == 1
    serial = tmp_path / "s.json"
    assert run_main("code", "--check", "--jobs", "1", "--report", str(serial), str(tmp_path)) == 1
    assert json.loads(parallel.read_text())["files"] == json.loads(serial.read_text())["files"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        # Python 2 is ported (MIG302); this one parses as neither Python 3 nor Python 2
        ("py2.py", b"import tensorflow as tf\nprint 'hello'\nclass :\n", "py2.py:2:1: error: does not parse as Python 3"),
        ("latin.py", b"import tensorflow as tf\nx = '\xe9t\xe9'\n", "latin.py:2:1: error: not valid utf-8"),
        ("blob.py", b"tensorflow\x00\x01\x02\xff", "blob.py: error: binary file"),
        # no TensorFlow text in it: still a binary file, not "without TensorFlow" (a fresh-eyes trial)
        ("elf.py", b"\x7fELF\x02\x01\x01\x00\x00\x00\x03\x00", "elf.py: error: binary file"),
        # no NUL byte and no TensorFlow text, not UTF-8 (a second fresh-eyes trial)
        ("noise.py", b"\x89\xfe\xc3(\x12\xa0\n\xff\xfe", "noise.py:1:1: error: not valid utf-8"),
        # a PNG header before TensorFlow text: no coding comment to blame
        ("png.py", b"\x89PNG\r\n\x1a\nimport tensorflow as tf\n", "png.py:1:1: error: not valid utf-8"),
    ],
    ids=["python2", "not-utf8", "binary", "binary-without-tf", "not-utf8-without-tf", "png-header"],
)
def test_bad_input_is_reported_and_left_byte_for_byte(tmp_path, demo_codemods, capsys, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.py").write_text(TF1)
    assert run_main("code", str(tmp_path)) == 2  # errors win over "changed"
    assert (tmp_path / name).read_bytes() == content
    assert (tmp_path / "good.py").read_text() == TF2  # the others are still processed
    err = capsys.readouterr().err
    assert message in err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1


def test_missing_path_is_an_error(tmp_path, demo_codemods, capsys):
    assert run_main("code", str(tmp_path / "nope.py")) == 2
    assert "nope.py: error: no such file or directory" in capsys.readouterr().err


def test_read_only_file_is_not_rewritten(tmp_path, demo_codemods, capsys):
    target = tmp_path / "ro.py"
    target.write_text(TF1)
    target.chmod(0o444)
    assert run_main("code", str(target)) == 2
    assert target.read_text() == TF1
    assert "ro.py: error: read-only file" in capsys.readouterr().err


def test_permissions_encoding_bom_and_line_endings_survive(tmp_path, demo_codemods):
    exe = tmp_path / "exe.py"
    exe.write_text("#!/usr/bin/env python\n" + TF1)
    exe.chmod(0o751)
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + TF1.replace("\n", "\r\n").encode())
    latin = tmp_path / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\n" + TF1.encode() + b"name = '\xe9t\xe9'\n")
    assert run_main("code", str(tmp_path)) == 1
    assert stat.S_IMODE(exe.stat().st_mode) == 0o751
    assert exe.read_text() == "#!/usr/bin/env python\n" + TF2
    assert bom.read_bytes() == b"\xef\xbb\xbf" + TF2.replace("\n", "\r\n").encode()
    assert latin.read_bytes() == b"# -*- coding: latin-1 -*-\n" + TF2.encode() + b"name = '\xe9t\xe9'\n"
    assert [p.name for p in tmp_path.iterdir() if "migrate-tmp" in p.name] == []


def test_symlink_rewrites_its_target_and_stays_a_link(tmp_path, demo_codemods):
    real = tmp_path / "real.py"
    real.write_text(TF1)
    link = tmp_path / "sub"
    link.mkdir()
    (link / "link.py").symlink_to(real)
    assert run_main("code", str(link / "link.py")) == 1
    assert (link / "link.py").is_symlink()
    assert real.read_text() == TF2
    # in a tree walk, the same real file is processed once
    real.write_text(TF1)
    assert run_main("code", "--report", str(tmp_path / "r.json"), str(tmp_path)) == 1
    paths = [f["path"] for f in json.loads((tmp_path / "r.json").read_text())["files"]]
    assert len(paths) == 1


def test_broken_symlink_is_an_error(tmp_path, demo_codemods, capsys):
    (tmp_path / "dangling.py").symlink_to(tmp_path / "gone.py")
    assert run_main("code", str(tmp_path / "dangling.py")) == 2
    assert "broken symlink" in capsys.readouterr().err


def test_failed_write_leaves_the_original_and_no_temp_file(tmp_path, demo_codemods, monkeypatch, capsys):
    target = tmp_path / "a.py"
    target.write_text(TF1)

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert run_main("code", str(target)) == 2
    assert target.read_text() == TF1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py"]
    assert "cannot write: No space left on device" in capsys.readouterr().err


def test_output_that_would_not_parse_is_never_written(tmp_path, monkeypatch, capsys):
    from migrate import runner
    from tests.demo_codemods import DemoRandomNormal

    class Broken(DemoRandomNormal):
        def leave_Attribute(self, original_node, updated_node):
            import libcst as cst

            if self.tf_symbol(original_node) == "random_normal":
                self.changed(original_node, "broken")
                return cst.Name("not valid python")  # a buggy codemod
            return updated_node

    monkeypatch.setattr(runner, "_CODEMODS", [Broken])
    (tmp_path / "a.py").write_text(TF1)
    assert run_main("code", str(tmp_path / "a.py")) == 2
    assert (tmp_path / "a.py").read_text() == TF1
    assert "internal error" in capsys.readouterr().err


def test_output_that_parses_but_would_not_compile_is_never_written(tmp_path, monkeypatch, capsys):
    """ast.parse accepts a keyword argument repeated, Python's compiler refuses it (a fresh-eyes
    trial met `tf.cast(x, dtype=tf.float32, dtype=tf.float32)`): checked before writing."""
    from migrate import runner
    from tests.demo_codemods import DemoRandomNormal

    class Repeats(DemoRandomNormal):
        def leave_Call(self, original_node, updated_node):
            import libcst as cst

            if isinstance(original_node.func, cst.Attribute) and self.tf_symbol(original_node.func) == "random_normal":
                self.changed(original_node, "repeats a keyword")
                twice = cst.parse_expression("f(seed=1, seed=2)").args
                return updated_node.with_changes(args=[*updated_node.args, *twice])
            return updated_node

    monkeypatch.setattr(runner, "_CODEMODS", [Repeats])
    (tmp_path / "a.py").write_text(TF1)
    assert run_main("code", str(tmp_path / "a.py")) == 2
    assert (tmp_path / "a.py").read_text() == TF1
    assert "would not compile (keyword argument repeated: seed" in capsys.readouterr().err


def test_stdin_to_stdout(demo_codemods, monkeypatch, capsysbinary):
    import io

    class FakeStdin:
        buffer = io.BytesIO(TF1.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert run_main("code", "-") == 1
    captured = capsysbinary.readouterr()
    assert captured.out == TF2.encode()
    assert b"<stdin>:4:5: MIG903" in captured.err


def test_stdin_error_passes_input_through(demo_codemods, monkeypatch, capsysbinary):
    import io

    class FakeStdin:
        buffer = io.BytesIO(b"import tensorflow\nprint 'x'\nclass :\n")  # neither Python 3 nor 2

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert run_main("code", "-") == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b"import tensorflow\nprint 'x'\nclass :\n"
    assert b"<stdin>:2:1: error" in captured.err


def test_notebook_code_cells_only(tmp_path, demo_codemods):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["tf.random_normal in prose stays\n"]},
        {"cell_type": "code", "execution_count": 1, "metadata": {"tags": ["x"]}, "outputs": [
            {"name": "stdout", "output_type": "stream", "text": ["tf.random_normal\n"]}],
         "source": ["%matplotlib inline\n", "import tensorflow as tf\n", "!pip install foo\n", "x = 1"]},
        {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
         "source": ["files = !ls\n", "tf.random_normal?\n", "y = tf.random_normal([2])  # é"]},
        {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
         "source": ["%%bash\n", "echo tf.random_normal"]},
    ]
    document = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    original = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = tmp_path / "nb.ipynb"
    path.write_text(original, encoding="utf-8")
    assert run_main("code", str(path)) == 1
    expected = json.loads(original)
    expected["cells"][2]["source"][2] = "y = tf.random.normal([2])  # é"
    assert path.read_text(encoding="utf-8") == json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert run_main("code", str(path)) == 0


def test_notebook_findings_name_the_cell(tmp_path, demo_codemods, capsys):
    document = {"cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "import tensorflow as tf"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "\ns = tf.Session()"},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    assert run_main("code", str(path)) == 0
    assert f"{path}[cell 2]:2:5: MIG903" in capsys.readouterr().out


def test_broken_notebook_is_an_error(tmp_path, demo_codemods, capsys):
    path = tmp_path / "nb.ipynb"
    path.write_text('{"cells": [{"cell_type": "code", "source": "import tensorflow"')
    assert run_main("code", str(path)) == 2
    assert "nb.ipynb" in capsys.readouterr().err


@pytest.mark.parametrize("style", ["compat", "tf2"])
@pytest.mark.parametrize("bad, why", [
    (42, "cell 2: 'source' is int"),  # nbformat 4: a string or a list of strings
    (["x = 1\n", 3], "cell 2: 'source' is a list holding int"),
    (None, "cell 2: 'source' is NoneType"),
])
def test_notebook_cell_source_of_the_wrong_type_is_an_error(tmp_path, capsys, style, bad, why):
    """A fresh-eyes trial: a cell whose `source` was a number was reported "unchanged" (and a
    list holding one crashed): invalid nbformat, the one-line error and exit 2, nothing written."""
    document = {"cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "import tensorflow as tf\nx = tf.placeholder(tf.float32)\n"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": bad},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    text = json.dumps(document, indent=1)
    path.write_text(text)
    assert run_main("code", "--style", style, str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}: error: not a valid notebook ({why}; nbformat 4 wants a string or a list of strings)" in err, err
    assert path.read_text() == text


def test_notebook_cell_that_is_not_an_object_is_an_error(tmp_path, capsys):
    path = tmp_path / "nb.ipynb"
    first = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "import tensorflow as tf\n"}
    path.write_text(json.dumps({"cells": [first, 7], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    assert run_main("code", str(path)) == 2
    assert f"{path}: error: not a valid notebook (cell 2 is int, not an object)" in capsys.readouterr().err


def test_keras_auto_makes_one_decision_for_the_run_and_reports_it(tmp_path, demo_codemods, capsys):
    (tmp_path / "a.py").write_text("import keras\nmodel = keras.models.Sequential()\n")
    (tmp_path / "b.py").write_text("from keras.engine import Layer\n\nclass L(Layer):\n    pass\n")
    report = tmp_path / "r.json"
    run_main("code", "--check", "--report", str(report), str(tmp_path))
    err = capsys.readouterr().err
    assert f"targeting Keras 2 (the tf-keras package): {tmp_path / 'b.py'}:1:" in err
    data = json.loads(report.read_text())
    assert data["keras_target"] == "2"
    assert data["keras_reasons"][0].startswith(f"{tmp_path / 'b.py'}:1: ")
    run_main("code", "--check", "--keras", "3", "--report", str(report), str(tmp_path))
    assert json.loads(report.read_text())["keras_target"] == "3"
    (tmp_path / "b.py").unlink()
    run_main("code", "--check", "--report", str(report), str(tmp_path))
    assert json.loads(report.read_text())["keras_target"] == "3"
    assert "targeting Keras 3" in capsys.readouterr().err


def test_verbose_lists_every_rewrite_with_its_code(tree, capsys):
    assert run_main("code", "--check", "-v", str(tree / "a.py")) == 1
    assert f"{tree / 'a.py'}:3:5: MIG901 tf.random_normal -> tf.random.normal" in capsys.readouterr().err


def test_codes_command_lists_every_registered_code(capsys):
    from migrate.codemods import load_all

    assert run_main("codes") == 0
    out = capsys.readouterr().out
    for cls in load_all():
        for code in cls.codes():
            assert f"{code}  " in out


def test_unknown_select_or_ignore_code_is_a_usage_error(tree, capsys):
    """A typo in --select would otherwise select nothing and report the tree clean."""
    assert run_main("code", "--select", "MIG999", str(tree)) == 2
    assert "unknown code MIG999" in capsys.readouterr().err
    assert run_main("code", "--ignore", "MIG901,XYZ", str(tree)) == 2
    assert (tree / "a.py").read_text() == TF1
    assert run_main("code", "--select", "mig90", str(tree)) == 1  # a prefix, any case
    assert (tree / "a.py").read_text() == TF2


def test_truncated_notebook_error_names_line_and_column(tmp_path, capsys):
    path = tmp_path / "nb.ipynb"
    path.write_text('{"cells": [{"source": "import tensorflow')
    assert run_main("code", str(path)) == 2
    err = capsys.readouterr().err
    assert "JSON error: Unterminated string starting at: line 1 column 23)" in err and "at at" not in err, err
