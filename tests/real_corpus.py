"""Trees of real TF1-era code from PyPI, shared by the output-hash test and bench/.

Nothing here is committed third-party code: every tree is an sdist downloaded at run
time through `tests.pypi_sources`. Most of these packages ship no notebooks, so the
notebook path is fed with notebooks *assembled from the tree's own programs*
(`assemble_notebooks`): each program (a file with a `__main__` guard) becomes one
notebook whose cells are its top-level statements (consecutive imports share a cell),
written in Jupyter's own JSON layout. The assembly is deterministic: the same sdist
always yields byte-identical notebooks.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path

from tests.pypi_sources import unpacked

# (requirement, what kind of project it is)
PROJECTS = [
    ("tflearn==0.3.2", "high-level TF1 library: graph mode, contrib, variable scopes"),
    ("tensorpack==0.9.8", "TF1 training framework: slim, contrib, queues, sessions"),
    ("stable-baselines==2.10.2", "RL algorithms in TF1 graph mode, tf.contrib.layers"),
    ("keras-retinanet==0.5.1", "Keras-2 object detection: custom layers, backend, generators"),
    ("mrcnn==0.2", "Mask R-CNN: Keras 2 + TF1 graph code (the user's own project)"),
    ("facenet==1.0.5", "face recognition: TF1 slim nets, queues, training scripts"),
    ("keras-bert==0.50.0", "Keras-2 custom layers (BERT)"),
    ("edward==1.3.5", "probabilistic programming on TF1 graph internals"),
    ("keras-rl==0.4.2", "Keras-2 reinforcement learning agents and examples"),
]

_GUARD = ("if __name__ == '__main__'", 'if __name__ == "__main__"')


def programs(tree: Path) -> list[Path]:
    """The tree's TF/Keras programs (a `__main__` guard), sorted by path."""
    found = []
    for path in sorted(tree.rglob("*.py")):
        data = path.read_bytes()
        if any(g.encode() in data for g in _GUARD) and (b"tensorflow" in data or b"keras" in data):
            found.append(path)
    return found


def _cells(text: str) -> list[str] | None:
    """Split a module at its top-level statements; consecutive imports share a cell.
    Comments and blank lines above a statement stay with it. None if it does not parse."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    lines = text.splitlines(keepends=True)
    if not tree.body:
        return None
    starts = []
    previous_import = False
    for stmt in tree.body:
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        is_import = isinstance(stmt, (ast.Import, ast.ImportFrom))
        if not (is_import and previous_import):
            starts.append(first - 1)
        previous_import = is_import
    starts[0] = 0
    # a cell begins at the comment block / blank lines above its first statement
    cells = []
    bounds = starts + [len(lines)]
    for begin, end in zip(bounds, bounds[1:]):
        chunk = "".join(lines[begin:end]).strip("\n")
        if chunk:
            cells.append(chunk + "\n")
    return cells


def notebook_json(cells: list[str]) -> str:
    """nbformat 4 text in Jupyter's layout (indent 1, sorted keys, non-ASCII kept)."""
    document = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": cell.rstrip("\n").splitlines(keepends=True),
            }
            for cell in cells
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def assemble_notebooks(tree: Path, limit: int, folder: str = "_notebooks") -> list[Path]:
    """Write up to `limit` notebooks built from the tree's programs into tree/folder."""
    out = []
    target = tree / folder
    for program in programs(tree):
        if len(out) >= limit:
            break
        try:
            text = program.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        cells = _cells(text)
        if not cells or len(cells) < 2:
            continue
        target.mkdir(exist_ok=True)
        name = str(program.relative_to(tree).with_suffix("")).replace(os.sep, "__") + ".ipynb"
        path = target / name
        path.write_text(notebook_json(cells), encoding="utf-8")
        out.append(path)
    return out


def project_tree(requirement: str, destination: Path, notebooks: int = 8) -> Path:
    """A fresh, writable copy of the sdist's sources (.py and .ipynb only) at
    `destination`, plus up to `notebooks` notebooks assembled from its programs."""
    source = unpacked(requirement)
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix in (".py", ".ipynb"):
            copy = destination / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    if notebooks:
        assemble_notebooks(destination, notebooks)
    return destination


def count(tree: Path) -> dict:
    py = sorted(tree.rglob("*.py"))
    nb = sorted(tree.rglob("*.ipynb"))
    return {
        "py_files": len(py),
        "py_lines": sum(p.read_bytes().count(b"\n") for p in py),
        "notebooks": len(nb),
    }
