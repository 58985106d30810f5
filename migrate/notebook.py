"""Jupyter notebooks: migrate code cells only, keep everything else byte-for-byte.

IPython syntax (`%magic`, `!shell`, `x = !cmd`, `obj?`) is not Python: such lines are
masked with a placeholder comment before the codemods run and put back afterwards. As in
IPython, only a line that starts a logical line is one: `% (a, b)` continuing a bracket
(`print ("%s"` then `% (name))` on the next line), a string or a backslash is Python.
A cell magic that runs its body as this notebook's Python (`%%time`, `%%timeit`,
`%%capture`, `%%prun`, `%%debug`: IPython's built-in magics of that kind) is masked like a
line magic, so the body is migrated with the other cells and the magic stays the cell's
first line (MIG303). Any other cell magic (`%%bash`, `%%writefile`, `%%python3`, `%%html`,
an extension's) is left alone; `skipped_tf` finds the TensorFlow it holds, which the runner
reports (MIG331) instead of skipping it silently.

The notebook is written back with the JSON layout it was read with (Jupyter writes
`indent=1`, keys sorted, non-ASCII kept); a layout json.dumps cannot reproduce (Colab's
mixed 1-/2-space indentation, tabs, CRLF, any key order) gets the new `source` values
spliced into the original text (`splice`), every other byte kept.
"""
from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass

from migrate.source import InputError

_MAGIC_LINE = re.compile(r"^\s*[%!?]|^\s*[\w.]+\s*=\s*[!%]|^\s*[\w.]+\?{1,2}\s*$")
_MASK = "# migrate-ipython-line-{}"
CODE = "MIG303"
TITLE = "notebook cells under %%time / %%timeit / %%capture / %%prun / %%debug: the Python body migrated, the magic kept"
WARNINGS = {"MIG331": "a cell magic whose body this tool does not migrate (%%bash, %%writefile, %%python3, ...) holds TensorFlow code"}
# IPython's built-in cell magics that execute their body as Python in the notebook's own
# interpreter (IPython/core/magics/execution.py: time, timeit, capture (io), prun, debug).
# `%%python3` / `%%script` run it in another process: a separate program, not migrated.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
_CELL_MAGIC = re.compile(r"\A(?:[ \t]*\r?\n)*[ \t]*%%(\w+)")
_TF_USE = re.compile(r"\btf\.\w|\b(?:import|from)\s+(?:tensorflow|keras)\b|\btensorflow\.\w|\bkeras\.\w")
_MASK_RE = re.compile(r"(?:pass  )?# migrate-ipython-line-(\d+)")


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
        raise InputError(f"not a valid notebook (JSON error: {exc.msg}: line {exc.lineno} column {exc.colno})",
                         line=exc.lineno, col=exc.colno) from None
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
    for index, cell in enumerate(document["cells"], start=1):
        # nbformat 4's schema: a cell is an object whose `source` is a string or a list of strings
        if not isinstance(cell, dict):
            raise InputError(f"not a valid notebook (cell {index} is {type(cell).__name__}, not an object)")
        source = cell.get("source", "")
        if isinstance(source, list) and not all(isinstance(part, str) for part in source):
            odd = next(part for part in source if not isinstance(part, str))
            raise InputError(f"not a valid notebook (cell {index}: 'source' is a list holding {type(odd).__name__}; "
                             "nbformat 4 wants a string or a list of strings)")
        if not isinstance(source, (str, list)):
            raise InputError(f"not a valid notebook (cell {index}: 'source' is {type(source).__name__}; "
                             "nbformat 4 wants a string or a list of strings)")
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


def cell_magic(source: str) -> str | None:
    """The name of the cell magic a cell starts with (`"time"` for `%%time -o t`), or None.
    IPython drops leading blank lines before looking for it."""
    match = _CELL_MAGIC.match(source)
    return match.group(1) if match else None


def skipped_tf(source: str) -> tuple[int, int] | None:
    """(line, column), 1-based in the cell, of the first TensorFlow / Keras use in the body of
    a cell whose magic is not migrated (`mask_ipython` returned None for it); None if none."""
    lines = source.splitlines()
    magic_line = next(i for i, line in enumerate(lines) if line.strip())
    for number, line in enumerate(lines[magic_line + 1 :], start=magic_line + 2):
        match = _TF_USE.search(line)
        if match:
            return number, match.start() + 1
    return None


def mask_ipython(source: str, python_cell_magics: bool = True) -> tuple[str, list[str]] | None:
    """Replace IPython-only lines with placeholder comments; None for a cell under a cell
    magic whose body is not the notebook's Python (all cell magics with
    `python_cell_magics=False`). The `%%time` line of a `%%time` cell is masked as line
    magics are (`unmask_ipython` keeps it first)."""
    magic = cell_magic(source)
    if magic is not None and (magic not in PYTHON_CELL_MAGICS or not python_cell_magics):
        return None
    masked = _masked(source, statements=False)
    if masked[1] and any(line[:1].isspace() for line in masked[1]):
        try:
            ast.parse(masked[0])
        except SyntaxError:
            # an indented line alone in its block (`try:` / `%tensorflow_version 1.x`, Colab's
            # first cell): masked as a statement, so that the block still parses
            statements = _masked(source, statements=True)
            try:
                ast.parse(statements[0])
                masked = statements
            except SyntaxError:
                pass
    return _leading_indent_removed(masked)


class _Originals(list):
    """The masked IPython lines of a cell, and the indentation IPython's `leading_indent`
    transform removed from it (`unmask_ipython` puts it back)."""

    indent = ""


def _leading_indent_removed(masked: tuple[str, list[str]]) -> tuple[str, list[str]]:
    """IPython runs a cell whose first line is indented (` print(x)`) with that indentation
    removed from every line starting with it (IPython's `leading_indent` input transform):
    the cell as IPython runs it, when that is what parses."""
    text, originals = masked
    first = next((line for line in text.splitlines() if line.strip()), "")
    prefix = first[: len(first) - len(first.lstrip())]
    if not prefix:
        return masked
    try:
        ast.parse(text)
        return masked
    except SyntaxError:
        pass
    dedented = "".join(line[len(prefix):] if line.startswith(prefix) else line for line in text.splitlines(keepends=True))
    try:
        ast.parse(dedented)
    except SyntaxError:
        return masked
    kept = _Originals(originals)
    kept.indent = prefix
    return dedented, kept


def _masked(source: str, statements: bool) -> tuple[str, list[str]]:
    """`source` with its IPython lines replaced by numbered comments (an indented one by
    `pass  # ...` when `statements`), and the lines replaced."""
    masked_lines = []
    originals: list[str] = []
    lines = source.splitlines(keepends=True)
    # (tokenized only for a cell with a line of IPython's form: most cells have none)
    continued = _continuation_lines(source) if any(_MAGIC_LINE.match(line) for line in lines) else set()
    k = 0
    while k < len(lines):
        line = lines[k]
        body = line.rstrip("\r\n")
        if body.strip() and _MAGIC_LINE.match(body) and not body.lstrip().startswith("#") and k not in continued:
            ending = line[len(body) :]
            indent = body[: len(body) - len(body.lstrip())]
            # a line ending in a backslash goes on in the next (`!pip install -q \`): IPython joins them
            while body.endswith("\\") and k + 1 < len(lines):
                k += 1
                following = lines[k].rstrip("\r\n")
                body, ending = body + ending + following, lines[k][len(following):]
            hold = "pass  " if indent and statements else ""
            masked_lines.append(f"{indent}{hold}{_MASK.format(len(originals))}{ending}")
            originals.append(body)
        else:
            masked_lines.append(line)
        k += 1
    return "".join(masked_lines), originals


def _continuation_lines(source: str) -> set[int]:
    """The 0-based lines of `source` that go on a logical line begun above (inside brackets, a
    string, or after a backslash), by Python's tokenizer, which reads IPython's escapes as
    operators or error tokens; IPython looks for an escape only where a logical line starts
    (its TransformerManager reads tokens by logical line). Empty when the cell does not tokenize
    (a bracket or string left open): every line is then taken as starting one."""
    continued: set[int] = set()
    depth, last_line, last_type = 0, 0, tokenize.NEWLINE
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            row = token.start[0]
            if row != last_line and (depth > 0 or last_type not in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT,
                                                                     tokenize.DEDENT, tokenize.COMMENT)):
                continued.add(row - 1)
            if token.end[0] > row:  # a string over several lines
                continued.update(range(row, token.end[0]))
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth = max(depth - 1, 0)
            last_line, last_type = token.end[0], token.type
    except (tokenize.TokenError, SyntaxError):
        return set()
    return continued


def unmask_ipython(source: str, originals: list[str]) -> str:
    """`source` with its masked IPython lines put back. A cell magic must stay the cell's
    first line (IPython reads it nowhere else): a rewrite that put a statement before it
    (an `os.environ` line before the cell's TensorFlow import) has the magic moved back up."""
    def put_back(match: re.Match) -> str:
        return originals[int(match.group(1))].lstrip()

    found = {int(index) for index in _MASK_RE.findall(source)}
    lost = [k for k in range(len(originals)) if k not in found]
    magic = bool(originals) and cell_magic(originals[0]) is not None
    if lost and lost != [0] * magic:
        # an IPython line whose statement a rewrite removed (LibCST drops its comments:
        # `%matplotlib inline` above the tutorials' MNIST import) goes back at the top
        lines = source.splitlines(keepends=True)
        newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        top = [_MASK.format(k) + newline for k in lost if not (magic and k == 0)]
        at = 1 if magic and 0 in found and lines and lines[0].strip() == _MASK.format(0) else 0
        source = "".join(lines[:at] + top + lines[at:])
    if magic:
        source = _magic_first(source)
    source = _MASK_RE.sub(put_back, source)
    indent = getattr(originals, "indent", "")
    if indent:  # the leading indentation IPython removed to run the cell, as the cell had it
        source = "".join(indent + line if line.strip() else line for line in source.splitlines(keepends=True))
    return source


def _magic_first(source: str) -> str:
    """`source` (masked) with the masked cell magic as its first line and a body: moved back
    up if a statement was put before it, put back if the statement it was attached to was
    removed (LibCST drops a removed statement's comments), and `pass` after it when the
    rewrite left no statement (IPython refuses a cell magic with an empty body)."""
    lines = source.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    at = next((i for i, line in enumerate(lines) if line.strip() == _MASK.format(0)), None)
    lead = 0 if at is None else next(i for i, line in enumerate(lines) if line.strip())
    if at is None or at != lead:
        magic = _MASK.format(0) + newline if at is None else lines.pop(at).lstrip(" \t")
        if not magic.endswith(("\n", "\r")):
            magic += newline
        while lines and not lines[0].strip():
            lines.pop(0)
        lines.insert(0, magic)
        lead = 0
    if not any(line.strip() for line in lines[lead + 1 :]):
        if not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        lines.append("pass" + newline)
    return "".join(lines)


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
