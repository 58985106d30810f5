"""Jupyter notebooks: migrate code cells only, keep everything else byte-for-byte.

IPython syntax (`%magic`, `!shell`, `x = !cmd`, `obj?`) is not Python: such lines are
masked with a placeholder comment before the codemods run and put back afterwards;
cells that start with a cell magic (`%%bash`, `%%time` ...) are left alone entirely.

The notebook is written back with the JSON layout it was read with (Jupyter writes
`indent=1`, keys sorted, non-ASCII kept); a layout json.dumps cannot reproduce (Colab's
mixed 1-/2-space indentation, tabs, CRLF, any key order) gets the new `source` values
spliced into the original text (`splice`), every other byte kept.
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


# -- any JSON layout: splice the changed `source` values into the original text ---------------
_WS = " \t\n\r"
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _value_end(text: str, pos: int) -> int:
    """End offset of the JSON value starting at `pos` (the text is known to be valid JSON)."""
    char = text[pos]
    if char == '"':
        return json.decoder.scanstring(text, pos + 1)[1]
    if char in "[{":
        close = "]" if char == "[" else "}"
        pos = _skip_ws(text, pos + 1)
        while text[pos] != close:
            if char == "{":
                pos = _skip_ws(text, json.decoder.scanstring(text, pos + 1)[1])  # key
                pos = _skip_ws(text, pos + 1)  # ':'
            pos = _skip_ws(text, _value_end(text, pos))
            if text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
        return pos + 1
    match = _SCALAR.match(text, pos)
    return match.end()


def _members(text: str, pos: int):
    """(key, value start, value end) of the object at `pos`."""
    pos = _skip_ws(text, pos + 1)
    while text[pos] != "}":
        key, pos = json.decoder.scanstring(text, pos + 1)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)
        end = _value_end(text, pos)
        yield key, pos, end
        pos = _skip_ws(text, end)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)


def _elements(text: str, pos: int):
    """(start, end) of each element of the array at `pos`."""
    pos = _skip_ws(text, pos + 1)
    while text[pos] != "]":
        end = _value_end(text, pos)
        yield pos, end
        pos = _skip_ws(text, end)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)


def _encode_source(old: str, new: str, as_list: bool, ensure_ascii: bool) -> str:
    """`new` as a JSON value laid out like `old` (the original value's text)."""
    if not as_list:
        return json.dumps(new, ensure_ascii=ensure_ascii)
    lines = new.splitlines(keepends=True)
    items = [json.dumps(line, ensure_ascii=ensure_ascii) for line in lines]
    spans = list(_elements(old, 0))
    if not items:
        return "[]"
    if not spans:
        return "[" + ", ".join(items) + "]"
    opening = old[1 : spans[0][0]]
    closing = old[spans[-1][1] : -1]
    if len(spans) > 1:
        separator = old[spans[0][1] : spans[1][0]]
    else:
        separator = "," + opening
    return "[" + opening + separator.join(items) + closing + "]"


def splice(text: str, new_sources: dict[int, str], cells: list[Cell]) -> str:
    """The notebook text with only the `source` values of the changed cells replaced:
    every other byte (indentation of any width or mix, key order, escapes, trailing
    newline) stays as it was. For layouts json.dumps cannot reproduce (Colab's)."""
    as_list = {cell.index: cell.as_list for cell in cells}
    non_ascii_raw = any(ord(ch) > 127 for ch in text)
    ensure_ascii = not non_ascii_raw and re.search(r"\\u(?:00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])", text) is not None
    start = _skip_ws(text, 0)
    edits = []
    for key, value_start, _ in _members(text, start):
        if key != "cells":
            continue
        for index, (cell_start, _) in enumerate(_elements(text, value_start), start=1):
            if index not in new_sources:
                continue
            for cell_key, source_start, source_end in _members(text, cell_start):
                if cell_key == "source":
                    old = text[source_start:source_end]
                    new = _encode_source(old, new_sources[index], as_list[index], ensure_ascii)
                    edits.append((source_start, source_end, new))
    for begin, end, new in sorted(edits, reverse=True):
        text = text[:begin] + new + text[end:]
    return text
