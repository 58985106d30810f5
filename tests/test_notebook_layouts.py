"""Notebooks of any JSON layout are migrated with every byte outside the changed cells'
`source` kept (Colab writes mixed 1- and 2-space indentation that json.dumps cannot make)."""
import difflib
import json
import subprocess
import sys

import pytest

from migrate import notebook

CELL_SOURCES = [
    ["import tensorflow as tf\n", "x = tf.placeholder(tf.float32, [None, 3])"],
    ["# caf\u00e9 \u2014 unchanged\n", "print(1)"],
    ["y = tf.random_normal([2])\n", "z = tf.reduce_sum(y, keep_dims=True)"],
]
MIGRATED = {
    1: "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\ntf.compat.v1.disable_resource_variables()\ntf.compat.v1.disable_control_flow_v2()\nx = tf.compat.v1.placeholder(tf.float32, [None, 3])",
    3: "y = tf.random.normal([2])\nz = tf.reduce_sum(y, keepdims=True)",
}


def colab_layout(sources, newline="\n"):
    """Top level indented by 1 space, everything inside a cell by 2 (as Colab saves)."""
    cells = []
    for source in sources:
        items = f",{newline}      ".join(json.dumps(line, ensure_ascii=False) for line in source)
        cells.append(
            f'  {{{newline}    "cell_type": "code",{newline}    "execution_count": 0,{newline}'
            f'    "metadata": {{{newline}      "colab": {{}},{newline}      "id": "abc"{newline}    }},{newline}'
            f'    "outputs": [],{newline}    "source": [{newline}      {items}{newline}    ]{newline}  }}'
        )
    return (
        f'{{{newline} "cells": [{newline}' + f",{newline}".join(cells) + f"{newline} ],{newline}"
        f' "metadata": {{{newline}  "colab": {{"name": "x.ipynb", "version": "0.3.2"}}{newline} }},{newline}'
        f' "nbformat": 4,{newline} "nbformat_minor": 0{newline}}}'
    )


def tabs_unsorted_string_sources(sources):
    cells = ",\n".join(
        '\t\t{"source": ' + json.dumps("".join(s), ensure_ascii=True) + ', "cell_type": "code", "outputs": [], "metadata": {}}'
        for s in sources
    )
    return '{"nbformat_minor": 2, "nbformat": 4,\n\t"cells": [\n' + cells + '\n\t],\n\t"metadata": {}}\n'


def compact_ascii(sources):
    doc = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": s} for s in sources],
           "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=True) + "\n\n"


LAYOUTS = [
    pytest.param(colab_layout(CELL_SOURCES), id="colab-mixed-1-2-spaces"),
    pytest.param(colab_layout(CELL_SOURCES, newline="\r\n"), id="colab-crlf"),
    pytest.param(tabs_unsorted_string_sources(CELL_SOURCES), id="tabs-unsorted-string-sources-ascii-escapes"),
    pytest.param(compact_ascii(CELL_SOURCES), id="compact-separators"),
]


def _outside_sources_equal(before: str, after: str):
    """Every changed line of the text is an item of a source list (or a source string)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for line in old[i1:i2] + new[j1:j2]:
            stripped = line.strip()
            assert stripped.startswith('"') and stripped.rstrip(",").endswith('"') or '"source": ' in line or '"source":' in line, line


@pytest.mark.parametrize("text", LAYOUTS)
def test_any_layout_is_migrated_keeping_other_bytes(tmp_path, text):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(text.encode())
    assert notebook.load(text)[2] is None  # not a layout json.dumps can reproduce
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    after = path.read_bytes().decode()
    before_doc, after_doc = json.loads(text), json.loads(after)
    for index, (cell_before, cell_after) in enumerate(zip(before_doc["cells"], after_doc["cells"]), start=1):
        got = cell_after["source"] if isinstance(cell_after["source"], str) else "".join(cell_after["source"])
        assert got == MIGRATED.get(index, "".join(CELL_SOURCES[index - 1]))
        assert type(cell_after["source"]) is type(cell_before["source"])
        cell_before.pop("source"), cell_after.pop("source")
        assert cell_before == cell_after
    assert {k: v for k, v in before_doc.items() if k != "cells"} == {k: v for k, v in after_doc.items() if k != "cells"}
    _outside_sources_equal(text, after)
    # the bytes before the first changed source and after the last one are untouched
    first = text.index('"source"')
    assert after[:first] == text[:first]
    assert after.endswith(text[text.rindex("]") if text.rstrip().endswith("}") else -1:]) or after[-3:] == text[-3:]
    # a second run changes nothing
    again = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert path.read_bytes().decode() == after


def test_splice_matches_json_dumps_on_jupyter_layout():
    """On Jupyter's own layout the splice gives exactly what json.dumps gives."""
    doc = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s}
                     for s in CELL_SOURCES], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    _, cells, layout = notebook.load(text)
    new_sources = {1: MIGRATED[1] + "\n", 3: "one line"}
    spliced = notebook.splice(text, new_sources, cells)
    assert spliced == notebook.dump(json.loads(text), cells, new_sources, layout)


@pytest.mark.slow
def test_real_colab_notebook_from_tensor2tensor(tmp_path):
    """tensor2tensor's sdist ships a Colab-saved notebook (mixed 1-/2-space JSON)."""
    from tests.pypi_sources import unpacked

    source = unpacked("tensor2tensor==1.15.7") / "tensor2tensor" / "visualization" / "TransformerVisualization.ipynb"
    text = source.read_text(encoding="utf-8")
    assert notebook.load(text)[2] is None
    path = tmp_path / "TransformerVisualization.ipynb"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "migrate", "code", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    after = path.read_text(encoding="utf-8")
    assert "tf.compat.v1.train.MonitoredTrainingSession(" in after
    before_doc, after_doc = json.loads(text), json.loads(after)
    changed = 0
    for cell_before, cell_after in zip(before_doc["cells"], after_doc["cells"]):
        changed += cell_before.pop("source") != cell_after.pop("source")
        assert cell_before == cell_after
    assert changed >= 2
    _outside_sources_equal(text, after)
    for cell in json.loads(after)["cells"]:
        if cell["cell_type"] == "code" and not "".join(cell["source"]).lstrip().startswith(("%%", "!")):
            compile(notebook.mask_ipython("".join(cell["source"]))[0], "cell", "exec")
