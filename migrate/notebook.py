"""Jupyter notebooks: migrate code cells only, keep everything else byte-for-byte.

IPython syntax (`%magic`, `!shell`, `x = !cmd`, `obj?`) is not Python: such lines are
masked with a placeholder comment before the codemods run and put back afterwards;
cells that start with a cell magic (`%%bash`, `%%time` ...) are left alone entirely.

The notebook is written back with the JSON layout it was read with (Jupyter writes
`indent=1`, keys sorted, non-ASCII kept); a notebook whose layout cannot be reproduced
exactly is reported instead of being reformatted.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from migrate.source import InputError

_MAGIC_LINE = re.compile(r"^\s*[%!?]|^\s*[\w.]+\s*=\s*[!%]|^\s*[\w.]+\?{1,2}\s*$")
_MASK = "# migrate-ipython-line-{}"
_MASK_RE = re.compile(r"# migrate-ipython-line-(\d+)")


@dataclass
class Cell:
    index: int  # position among all cells (1-based, as Jupyter shows them)
    source: str
    as_list: bool  # stored as a list of lines (nbformat's usual form) or one string


def _layouts():
    # (json.dumps keyword arguments, trailing newline) as written by common tools.
    for indent in (1, 2, 4, None):
        for ensure_ascii in (False, True):
            for sort_keys in (True, False):
                yield {"indent": indent, "ensure_ascii": ensure_ascii, "sort_keys": sort_keys}


def load(text: str):
    """Parse a notebook; return (document, code cells, layout)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a valid notebook (JSON error: {exc.msg} at line {exc.lineno})", line=exc.lineno) from None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise InputError("not a Jupyter notebook (nbformat 4 with a 'cells' list expected)")
    layout = None
    for kwargs in _layouts():
        for trailer in ("\n", ""):
            if json.dumps(document, **kwargs) + trailer == text:
                layout = (kwargs, trailer)
                break
        if layout:
            break
    cells = []
    for index, cell in enumerate(document["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            cells.append(Cell(index, "".join(source), True))
        elif isinstance(source, str):
            cells.append(Cell(index, source, False))
    return document, cells, layout


def mask_ipython(source: str) -> tuple[str, list[str]] | None:
    """Replace IPython-only lines with placeholder comments; None for cell-magic cells."""
    if source.lstrip().startswith("%%"):
        return None
    masked_lines = []
    originals: list[str] = []
    for line in source.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and _MAGIC_LINE.match(body) and not body.lstrip().startswith("#"):
            ending = line[len(body) :]
            indent = body[: len(body) - len(body.lstrip())]
            masked_lines.append(f"{indent}{_MASK.format(len(originals))}{ending}")
            originals.append(body)
        else:
            masked_lines.append(line)
    return "".join(masked_lines), originals


def unmask_ipython(source: str, originals: list[str]) -> str:
    def put_back(match: re.Match) -> str:
        return originals[int(match.group(1))].lstrip()

    return _MASK_RE.sub(put_back, source)


def dump(document, cells: list[Cell], new_sources: dict[int, str], layout) -> str:
    for cell in cells:
        if cell.index not in new_sources:
            continue
        new = new_sources[cell.index]
        target = document["cells"][cell.index - 1]
        target["source"] = new.splitlines(keepends=True) if cell.as_list else new
    kwargs, trailer = layout
    return json.dumps(document, **kwargs) + trailer
