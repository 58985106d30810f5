"""The `migrate code` file runner: discovery, prefilter, worker pool, writes, report.

Work per file, cheapest first:
1. byte prefilter — no "tensorflow"/"keras" in the bytes: never decoded or parsed;
2. decode + `ast.parse` + prescan (aliases, used names) — no codemod needed: done;
3. one LibCST parse and one combined traversal of the needed codemods;
4. the result must parse, else it is an internal error and nothing is written.
Workers only read and compute; the main process writes (atomically) and prints, so an
interrupted run leaves every file old or new, never half-written.
"""
from __future__ import annotations

import ast
import difflib
import fnmatch
import json
import os
import re
import signal
import sys
import warnings
from dataclasses import dataclass, field, replace

from migrate.codemods.tables.numpy_removals import NUMPY
from migrate.prescan import mentions_tensorflow, prescan
from migrate.star_imports import star_imported_aliases
from migrate.source import InputError, check_writable, decode, encode, write_atomic

# Python-level removals MIG301 rewrites in every file of a TF1-era tree, TensorFlow or not
# (prettytensor 0.7.3's chain_dict.py: `collections.MutableMapping`, no TF import): the ABC
# aliases Python 3.10 removed from `collections`, `inspect.getargspec`, Pillow 10's filters.
LEGACY_PYTHON = re.compile(
    rb"\bcollections\b[^\n]*\b(?:Awaitable|Coroutine|AsyncIterable|AsyncIterator|AsyncGenerator|Hashable|Iterable"
    rb"|Iterator|Generator|Reversible|Sized|Container|Callable|Collection|Set|MutableSet|Mapping|MutableMapping"
    rb"|MappingView|KeysView|ItemsView|ValuesView|Sequence|MutableSequence|ByteString)\b"
    rb"|\bgetargspec\b|\bImage\.(?:ANTIALIAS|LINEAR|CUBIC)\b"
    # NumPy's removed names (`np.int`: a helper module of a TF program, free of TensorFlow, stopped the
    # migrated program under NumPy 2), scipy.misc and distutils (MIG301)
    rb"|\b(?:np|numpy)\.(?:" + b"|".join(re.escape(n).encode() for n in sorted(NUMPY, key=len, reverse=True)) + rb")\b"
    rb"|\bscipy\.misc\b|\bfrom scipy import misc\b|\bdistutils\b"
)


def _candidate(data: bytes) -> bool:
    return mentions_tensorflow(data) or LEGACY_PYTHON.search(data) is not None


SKIP_DIRS = {
    ".git", ".hg", ".svn", ".tox", ".nox", ".eggs", ".venv", "venv", ".env", "env",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
    "build", "dist", "node_modules", "site-packages",
}
SOURCE_SUFFIXES = (".py", ".pyi", ".ipynb")


@dataclass
class FileResult:
    path: str
    status: str  # "unchanged" | "changed" | "skipped" | "error"
    findings: list = field(default_factory=list)  # [(display_path, Finding)]
    required: set = field(default_factory=set)
    new_data: bytes | None = None
    old_text: str | None = None
    new_text: str | None = None
    error: str | None = None
    where: str | None = None  # "path:line:col" of an error, when known
    keras_after: list | None = None  # Keras-2 reasons in the new text (`--keras auto` runs)


class InternalError(Exception):
    pass


# -- discovery -----------------------------------------------------------------
def _excluded(path: str, excludes: tuple[str, ...]) -> bool:
    norm = os.path.normpath(path)
    parts = norm.split(os.sep)
    for pattern in excludes:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(norm, pattern) or any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def discover(paths: tuple[str, ...], excludes: tuple[str, ...]) -> tuple[list[str], list[FileResult]]:
    """Files to process (each real file once) and errors for paths that do not exist."""
    files: list[str] = []
    errors: list[FileResult] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append(path)

    for path in paths:
        if _excluded(path, excludes) and path not in (".", "./"):
            continue
        if os.path.islink(path) and not os.path.exists(path):
            errors.append(FileResult(path, "error", error="broken symlink; nothing to migrate"))
        elif os.path.isfile(path):
            add(path)
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs
                    if d not in SKIP_DIRS
                    and not os.path.islink(os.path.join(root, d))
                    and not os.path.exists(os.path.join(root, d, "pyvenv.cfg"))
                    and not _excluded(os.path.join(root, d), excludes)
                )
                for name in sorted(names):
                    full = os.path.join(root, name)
                    if name.endswith(SOURCE_SUFFIXES) and not _excluded(full, excludes):
                        if os.path.islink(full) and not os.path.exists(full):
                            continue  # a dangling link inside a tree is not the user's file
                        add(full)
        else:
            errors.append(FileResult(path, "error", error="no such file or directory"))
    return files, errors


# -- per-file work (runs in workers) ------------------------------------------------
_CODEMODS = None


def _codemods():
    global _CODEMODS
    if _CODEMODS is None:
        from migrate.codemods import load_all

        _CODEMODS = load_all()
    return _CODEMODS


# Codemods may emit code that another codemod handles (e.g. a `tf.keras` name that the
# Keras-2 target then needs a prologue for), so a changed file is run again until it
# settles. The extra pass costs an `ast.parse` + prescan; LibCST runs again only when
# some codemod still has something to do. More passes than this is a bug.
MAX_PASSES = 4


def _compile_error(source: str | ast.Module) -> SyntaxError | None:
    """The SyntaxError Python's compiler gives `source`, a module's text or its parsed tree (top-level
    await allowed: notebooks), or None."""
    try:
        with warnings.catch_warnings():  # the program's own (`x is 1`), printed with no file name: not ours to say
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(source, "<migrated>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as exc:
        return exc
    except ValueError:  # a null byte: ast.parse refused it already
        return None
    return None


def migrate_source(text: str, settings, outer_aliases: dict[str, str] | None = None, tree: ast.Module | None = None):
    """Migrate one module's text to a fixed point; returns an Outcome.

    `tree` is `ast.parse(text)` when the caller has it already (a notebook).
    Raises InputError (the input does not parse) or InternalError (a codemod failed or
    produced code that does not parse or does not settle): nothing is written then.
    """
    import libcst as cst

    from migrate.codemod import Outcome, run_codemods

    ported = None
    try:
        tree = tree or ast.parse(text)
    except SyntaxError as exc:
        from migrate import py2to3

        ported = py2to3.port(text, settings)  # Python 2 source: ported first
        if ported is None:
            hint = ""
            if "print" in (exc.msg or "") or " except " in (exc.text or ""):
                hint = " (Python 2 source? port it to Python 3 first)"
            raise InputError(
                f"does not parse as Python 3: {exc.msg}{hint}; left unchanged", exc.lineno, exc.offset
            ) from None
        text, tree = ported.code, ported.tree
    current = text
    changes: list = []
    warnings: list = []
    rewrote_before: set[str] = set()  # rewrite codes of the pass that produced `warnings`
    required: set[str] = set()
    for _ in range(MAX_PASSES):
        facts = prescan(current, tree, outer_aliases)
        try:
            outcome = run_codemods(current, facts, _codemods(), settings)
        except cst.ParserSyntaxError as exc:
            # Python reads the file, LibCST's tokenizer does not (measured: a line indented by a
            # tab after a block indented by spaces, `    if a:` then `\t    print(a)`): said in one line
            reason = str(exc.message).strip().splitlines()[-1] if exc.message else "a syntax error"
            leads = [line[:len(line) - len(line.lstrip(" \t"))] for line in current.splitlines()]
            mixed = next((n for n, lead in enumerate(leads, 1) if " " in lead and "\t" in lead), None)
            if mixed is not None:
                exc.raw_line, exc.raw_column = mixed, 0
            raise InputError(
                f"LibCST, the parser migrate rewrites with, cannot read this file ({reason}) although Python can: "
                "usually indentation mixing tabs and spaces; re-indent it with spaces (e.g. `expand -i -t 8`) and run "
                "again; left unchanged", exc.raw_line, exc.raw_column + 1) from None
        except Exception as exc:  # a bug of ours must not cost the user a file
            raise InternalError(
                f"internal error in a codemod ({type(exc).__name__}: {exc}); left unchanged"
            ) from exc
        required |= outcome.required
        pass_changes = [f for f in outcome.findings if f.kind == "change"]
        changes.extend(pass_changes)
        # Warnings of the last pass: it ran on the final code, so its positions match the
        # output and a warning about code an earlier pass rewrote (tfe.X) is not kept. A
        # warning that tells about a rewrite its own codemod made in that pass (MIG253:
        # `workers=` dropped) cannot be found again in the rewritten code: it is kept.
        latest = [f for f in outcome.findings if f.kind == "warning"]
        seen = {(f.code, f.message) for f in latest}
        rewrote = {f.code for f in pass_changes}
        carried = [
            f for f in warnings
            if (f.code, f.message) not in seen and _owner_code(f.code) in rewrote_before
        ]
        rewrote_before = rewrote
        warnings = carried + latest
        if outcome.code == current:
            break
        try:
            tree = ast.parse(outcome.code)
        except SyntaxError as exc:
            raise InternalError(
                f"internal error: the migrated code would not parse ({exc.msg}, line {exc.lineno}); left unchanged"
            ) from None
        current = outcome.code
    else:
        raise InternalError(f"internal error: the codemods did not settle after {MAX_PASSES} passes; left unchanged")
    if current != text:
        # ast.parse accepts what only the compiler refuses (a keyword argument repeated, measured
        # with Python 3.11): the settled output's tree is compiled once, where the input compiled
        refused = _compile_error(tree)
        if refused is not None and _compile_error(text) is None:
            raise InternalError(
                f"internal error: the migrated code would not compile ({refused.msg}, line {refused.lineno}); "
                "left unchanged"
            )
    if ported is not None:
        changes += py2to3.findings(ported, tree, settings)
    findings = sorted(changes + warnings, key=lambda f: (f.line, f.col, f.code))
    return Outcome(current, findings, required)


def _holds_in_tf2(finding) -> bool:
    """A change of the compat pass that is still true of a `--style tf2` result: not one that
    wrote a `tf.compat.v1` name or the v1 graph switches (`tf.placeholder ->
    tf.compat.v1.placeholder`, MIG104's inserted disable_eager_execution), which the TF 2
    program has none of; nor one that put the file on tf-keras (MIG104's TF_USE_LEGACY_KERAS,
    MIG203's legacy optimizer): a TF 2 result runs on Keras 3. The MIG601 finding says what
    became of them."""
    return finding.kind == "change" and not any(
        sign in finding.message for sign in ("compat.v1", "TF_USE_LEGACY_KERAS", "tf-keras `optimizers.legacy."))


def _first_rewrite(new: str, again) -> str:
    """Where the compat pass would change the TF 2 result `new` (`again` its Outcome): its
    first differing line, and the line its first change names (MIG104: eager execution turned
    off again for a tf_slim v1 layer's call), said after a colon; "" when nothing differs."""
    import difflib

    old_lines, new_lines = new.splitlines(), again.code.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        line = (new_lines[j1] if j1 < j2 else old_lines[i1]).strip()
        what = "writes" if tag == "insert" else "would make" if tag == "replace" else "drops"
        cause = next((f for f in again.findings if f.kind == "change"), None)
        why = ""
        if cause is not None and 1 <= cause.line <= len(old_lines):  # the site the pass names, in its input
            why = f", {cause.code} for line {cause.line}: `{old_lines[cause.line - 1].strip()[:80]}`"
        return f": at line {i1 + 1} it {what} `{line[:80]}`{why}"
    return ""


# what to write for a tf-slim layer (tf.contrib.layers / slim) the TF 2 rewrite left: its Keras layer
_SLIM_KERAS = {"fully_connected": "Dense", "conv2d": "Conv2D", "conv2d_transpose": "Conv2DTranspose",
               "max_pool2d": "MaxPooling2D", "avg_pool2d": "AveragePooling2D", "batch_norm": "BatchNormalization",
               "layer_norm": "LayerNormalization", "dropout": "Dropout", "flatten": "Flatten",
               "embed_sequence": "Embedding"}


def _graph_code_left(new: str, again, kept: str):
    """The MIG602 finding for a TF 2 result the compat pass would turn eager execution off for
    again (MIG104: TF 1.x graph code left in it): a tf-slim layer (tf.contrib.layers / slim, which
    makes its variables under variable_scope) named at its first call, positioned where the
    compat text `kept` (the file as written) has that statement, with what TF 2 code writes
    instead. None when the first change is another, or no tf-slim call of the TF 2 text is in the
    file as written (a fresh-eyes trial: `slim.flatten` left beside a dense layer the TF 2
    rewrite wrote made the pass name that Keras layer, at 1:1)."""
    from migrate.codemod import Finding

    cause = next((f for f in again.findings if f.kind == "change"), None)
    if cause is None or cause.code != "MIG104":
        return None
    try:
        tree = ast.parse(new)
    except SyntaxError:
        return None
    slim = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names if a.name == "tf_slim"}
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and isinstance(n.func.value, ast.Name) and n.func.value.id in slim),
                   key=lambda n: (n.lineno, n.col_offset))
    new_lines, kept_lines = new.splitlines(), kept.splitlines()
    for call in calls:
        text = new_lines[call.lineno - 1]
        stripped = text.strip()
        number = next((i for i, line in enumerate(kept_lines, 1) if line.strip() == stripped), None)
        if number is None:
            continue
        line = kept_lines[number - 1]
        col = len(line) - len(line.lstrip()) + 1 + (call.col_offset - (len(text) - len(text.lstrip())))
        name, alias = call.func.attr, call.func.value.id
        keras = _SLIM_KERAS.get(name)
        weighted = name not in ("flatten", "max_pool2d", "avg_pool2d", "dropout")
        what = ("a tf-slim layer (tf.contrib.layers / slim, package tf-slim) is TF 1.x graph code: it runs under "
                "variable_scope (the layers with weights make their variables there), which TF 2 code has not; write "
                "a Keras layer made once and called where this call is"
                + (f" (`tf.keras.layers.{keras}` for {name}" + (": check its defaults against slim's, e.g. its "
                                                                       "initializers)" if weighted else ")") if keras else ""))
        return Finding("MIG602", number, col, f"kept compat (--style tf2): `{alias}.{name}` cannot be converted: {what}",
                       "warning")
    return None



def apply_tf2_style(outcome, settings, outer_aliases=None):
    """`--style tf2`: the compat `outcome` of a module made TF 2 style as a whole
    (codemods/tf2_style.py), or kept with one MIG602 finding. A TF 2 result must be a
    fixed point of the compat migration (so `--style compat` after `--style tf2` changes
    nothing), else the file stays compat too."""
    from dataclasses import replace

    from migrate.codemod import Outcome
    from migrate.codemods.tf2_style import apply

    if not settings.enabled("MIG601"):
        return outcome
    new, finding = apply(outcome.code, settings)
    if finding is None and new == outcome.code:
        return outcome
    if finding is None or finding.kind == "change":  # None: only the module switches went (no MIG6xx)
        try:
            again = migrate_source(new, replace(settings, style="compat"), outer_aliases)
        except (InputError, InternalError) as exc:
            again, problem = None, str(exc)
        else:
            problem = None if again.code == new else (
                "the compat migration would rewrite the TF 2 result again" + _first_rewrite(new, again))
            if problem and "TF_USE_LEGACY_KERAS" in again.code and "TF_USE_LEGACY_KERAS" not in new:
                problem = (
                    "the run targets Keras 2 (tf-keras), for which the compat pass gives the Keras optimizer of the "
                    "TF 2 form TF_USE_LEGACY_KERAS; with --keras 3 this file converts"
                )
        if problem is None:
            changes = [f for f in outcome.findings if _holds_in_tf2(f)]
            # the compat pass's warnings on the TF 2 result, positioned in the new text; not MIG113, which
            # asks whether a call of a name TF 1 and TF 2 share is TF 1 code: in the result it is TF 2 by
            # construction (dennybritz's `tf.device('/cpu:0')` kept in the converted TextCNN was flagged)
            warnings = [f for f in again.findings if f.kind == "warning" and f.code != "MIG113"]
            findings = sorted(changes + [finding] * (finding is not None) + warnings, key=lambda f: (f.line, f.col, f.code))
            # what the TF 2 text needs, as the compat pass finds it there (tf.layers' tf-keras is gone with them)
            return Outcome(new, findings, again.required)
        from migrate.codemod import Finding

        finding = _graph_code_left(new, again, outcome.code) or Finding(
            "MIG602", 1, 1, f"kept compat (--style tf2): {problem}", "warning")
    if not settings.enabled("MIG602"):
        return outcome
    if settings.keras == "2" and "`TF_USE_LEGACY_KERAS`" in finding.message:
        from migrate.keras_target import keras2_reasons

        if not keras2_reasons(outcome.code):  # no tf.compat.v1 layers here: the switch is the run's Keras 2 target
            from migrate.codemod import Finding

            finding = Finding("MIG602", finding.line, finding.col, (
                "kept compat (--style tf2): the run targets Keras 2 (tf-keras: the files named when the run began "
                "need it), so the compat pass writes the legacy tf-keras switch (TF_USE_LEGACY_KERAS) here too; "
                "this file itself needs no Keras 2: with --keras 3 it is converted"), "warning")
    if settings.keras == "2" and "no module-level `import tensorflow as tf`" in finding.message and "tf_keras" in outcome.code:
        # a Keras file of a run targeting Keras 2 (a fresh-eyes trial: `from keras.engine.topology import Layer`
        # written `from tf_keras.layers import Layer`): its Keras is tf-keras, which --style tf2 does not write
        from migrate.codemod import Finding

        line = next((i for i, text in enumerate(outcome.code.splitlines(), 1) if "tf_keras" in text), 1)
        finding = Finding("MIG602", line, 1, (
            "kept compat (--style tf2): the run targets Keras 2 (tf-keras: the files named when the run began need "
            "it), so this file's Keras imports are tf_keras, not TF 2's tf.keras; with --keras 3 they are tf.keras "
            "(check the files named then on Keras 3)"), "warning")
    findings = sorted(outcome.findings + [finding], key=lambda f: (f.line, f.col, f.code))
    return Outcome(outcome.code, findings, outcome.required)


def _owner_code(warning_code: str) -> str | None:
    """The rewrite code of the codemod that declares a warning code."""
    for cls in _codemods():
        if warning_code in cls.WARNINGS:
            return cls.CODE
    return None


def process_file(
    path: str, settings, keep_text: bool = False, data: bytes | None = None, keras_after: bool = False
) -> FileResult:
    """Migrate one file (nothing is written here). With `keras_after`, a changed file's
    result also carries the Keras-2 reasons of its new text (`file_keras_reasons`)."""
    result = _process_file(path, settings, keep_text, data)
    if keras_after and result.status == "changed":
        if data is None:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                data = None
        result.keras_after = file_keras_reasons(result.new_data, notebook=path.endswith(".ipynb"), old=data) or []
    return result


def _undecodable(data: bytes) -> bool:
    """Whether Python could not read `data` as source: NUL bytes, or neither UTF-8 nor the
    encoding its coding comment declares (a binary file named .py, with or without TensorFlow
    text in it: one error line, not "without TensorFlow")."""
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        try:
            decode(data)
            return False
        except InputError:
            return True


def _process_file(path: str, settings, keep_text: bool, data: bytes | None) -> FileResult:
    try:
        if data is None:
            with open(path, "rb") as handle:
                data = handle.read()
        if path.endswith(".ipynb"):
            return _process_notebook(path, data, settings, keep_text)
        if not _candidate(data) and b"import *" not in data:
            if _undecodable(data):
                decode(data)  # a binary file named .py: the one-line error, not "without TensorFlow"
            return FileResult(path, "skipped")
        decoded = decode(data)
        star_aliases = star_imported_aliases(path, decoded.text)  # `tf` from `from utils import *`
        if star_aliases is None and not _candidate(data):
            return FileResult(path, "skipped")
        outcome = migrate_source(decoded.text, settings, star_aliases)
        if settings.style == "tf2" and path in settings.compat_files and settings.enabled("MIG602"):
            from migrate.codemod import Finding, Outcome

            line, col, reason = settings.compat_files[path]
            line, col = _import_position(outcome.code, reason) or (line, col)
            finding = Finding("MIG602", line, col, f"kept compat (--style tf2): {reason}", "warning")
            outcome = Outcome(outcome.code, sorted(outcome.findings + [finding], key=lambda f: (f.line, f.col, f.code)),
                              outcome.required)
        elif settings.style == "tf2":
            if settings.library_index:  # the libraries of layer functions this file is, or imports
                from migrate.tf2_libraries import view

                settings = replace(settings, library_index=view(settings.library_index, path))
            from migrate.tf2_modelmodules import PATH

            here = PATH.set(path)  # a model module and its program convert together (tf2_modelmodules)
            try:
                outcome = apply_tf2_style(outcome, settings, star_aliases)
            finally:
                PATH.reset(here)
    except InputError as exc:
        cell = f"[cell {exc.cell}]" if exc.cell is not None else ""
        where = f"{path}{cell}:{exc.line}:{exc.col or 1}" if exc.line else path + cell
        return FileResult(path, "error", error=exc.message, where=where)
    except InternalError as exc:
        return FileResult(path, "error", error=str(exc))
    except OSError as exc:
        return FileResult(path, "error", error=f"cannot read: {exc.strerror}")
    findings = [(path, f) for f in outcome.findings]
    if outcome.code == decoded.text:
        return FileResult(path, "unchanged", findings, outcome.required)
    return FileResult(
        path, "changed", findings, outcome.required,
        new_data=encode(decoded, outcome.code),
        old_text=decoded.text if keep_text else None,
        new_text=outcome.code if keep_text else None,
    )


# A notebook runs as one program: its code cells are migrated as ONE module, so that
# statements tied to the TensorFlow import (TF_USE_LEGACY_KERAS before it, graph-mode
# set-up after it) land in the cell that imports TensorFlow. The cells are joined with
# marker comments and split again at them; if a marker does not survive, each cell is
# migrated on its own instead (with the aliases of the others).
_CELL_MARK = "# migrate-notebook-cell-boundary-{}"


def _join_cells(masked_cells) -> tuple[str, list[int]]:
    """The cells as one module, with a marker line between cells; each cell's first line."""
    parts, starts = [], []
    line = 1
    for k, (_, (text, _)) in enumerate(masked_cells):
        if k:
            parts.append(_CELL_MARK.format(k) + "\n")
            line += 1
        starts.append(line)
        body = text if text.endswith("\n") else text + "\n"
        parts.append(body)
        line += body.count("\n")
    return "".join(parts), starts


def _parse_cells(masked_cells) -> tuple[str, list[int], ast.Module | None]:
    """Parse a notebook's code once: the joined cells, when every marker line falls
    between module-level statements (then each cell is whole statements, as it would be
    parsed alone); otherwise each cell alone, so that the error names the cell
    (InputError). Returns the joined text, cell starts, and its tree (None when only the
    cells parse alone: the joined module then reports its own error)."""
    joined, starts = _join_cells(masked_cells)
    try:
        tree = ast.parse(joined)
    except SyntaxError:
        tree = None
    if tree is not None:
        marks = starts[1:]  # the marker of cell k sits on the line before its first line
        spans = [(stmt.lineno, stmt.end_lineno) for stmt in tree.body]
        if not any(first < mark - 1 <= last for mark in marks for first, last in spans):
            return joined, starts, tree
    for cell, (text, _) in masked_cells:
        try:
            ast.parse(text)
        except SyntaxError as exc:
            raise InputError(f"does not parse as Python 3: {exc.msg}; left unchanged", exc.lineno, exc.offset,
                             cell=cell.index) from None
    return joined, starts, None


def _split_cells(code: str, masked_cells):
    """The joined `code` cut at its cell markers: ({cell index: text}, each cell's first
    line in `code`), or None when the markers are not all there, once each, in order."""
    lines = code.splitlines(keepends=True)
    bounds, k = [], 1
    for number, text in enumerate(lines):
        if k < len(masked_cells) and text.rstrip("\r\n") == _CELL_MARK.format(k):
            bounds.append(number)
            k += 1
    if k != len(masked_cells):
        return None
    new_texts, new_starts = {}, []
    edges = [-1, *bounds, len(lines)]
    for (cell, (text, _)), begin, end in zip(masked_cells, edges, edges[1:]):
        new_starts.append(begin + 2)
        chunk = "".join(lines[begin + 1 : end])
        if not text.endswith("\n") and chunk.endswith("\n"):
            chunk = chunk[:-1]
        new_texts[cell.index] = chunk
    return new_texts, new_starts


def _migrate_cells_together(path, masked_cells, settings, parsed=None):
    joined, starts, tree = parsed or _parse_cells(masked_cells)
    outcome = migrate_source(joined, settings, tree=tree)
    split = _split_cells(outcome.code, masked_cells)
    if split is None:
        # A rewrite that removes a cell's first statement (an import the tutorials' MNIST
        # helper replaces) takes the marker, one of its leading comments, with it. Once
        # more with each lost marker on a `pass` line of its own, which no codemod removes.
        found = set(outcome.code.splitlines())
        lost = [k for k in range(1, len(masked_cells)) if _CELL_MARK.format(k) not in found]
        anchored = joined
        for k in lost:
            anchored = anchored.replace(f"\n{_CELL_MARK.format(k)}\n", f"\npass  {_CELL_MARK.format(k)}\n", 1)
        outcome = migrate_source(anchored, settings)
        outcome.code = re.sub(r"(?m)^pass  (# migrate-notebook-cell-boundary-\d+)$", r"\1", outcome.code)
        split = _split_cells(outcome.code, masked_cells)
        if split is None:
            return None
    new_texts, new_starts = split
    findings = []
    for finding in outcome.findings:
        # rewrites are positioned in the input, warnings in the output (runner.migrate_source)
        cell_starts = starts if finding.kind == "change" else new_starts
        k = max((i for i, start in enumerate(cell_starts) if start <= finding.line), default=0)
        cell = masked_cells[k][0]
        finding.line -= cell_starts[k] - 1
        findings.append((f"{path}[cell {cell.index}]", finding))
    return new_texts, findings, outcome.required


def _migrate_cells_one_by_one(path, masked_cells, settings):
    outer_aliases: dict[str, str] = {}
    for _, (text, _) in masked_cells:
        outer_aliases.update(prescan(text).aliases)
    new_texts, findings, required = {}, [], set()
    for cell, (text, _) in masked_cells:
        outcome = migrate_source(text, settings, outer_aliases)
        findings.extend((f"{path}[cell {cell.index}]", f) for f in outcome.findings)
        required |= outcome.required
        new_texts[cell.index] = outcome.code
    return new_texts, findings, required


def _skipped_cell_findings(path: str, skipped, settings) -> list:
    """MIG331 for each cell left out of the migration (a cell magic whose body is not the
    notebook's Python) that uses TensorFlow or Keras, at its first such use."""
    from migrate import notebook
    from migrate.codemod import Finding

    if not settings.enabled("MIG331"):
        return []
    findings = []
    for cell in skipped:
        where = notebook.skipped_tf(cell.source)
        if where is None:
            continue
        magic = notebook.cell_magic(cell.source)
        if magic in notebook.PYTHON_CELL_MAGICS:  # MIG303 deselected
            what = "not migrated: MIG303 is not selected"
        elif magic in ("writefile", "file"):
            what = ("not migrated: the file it writes is a program of its own; run `migrate code` on that file "
                    "once the cell has written it, or migrate the cell by hand")
        else:
            what = "not Python this notebook runs, so not migrated; update its TensorFlow use by hand"
        findings.append((f"{path}[cell {cell.index}]", Finding("MIG331", *where, f"the %%{magic} cell uses TensorFlow and is {what}", "warning")))
    return findings


def _process_notebook(path: str, data: bytes, settings, keep_text: bool) -> FileResult:
    from migrate import notebook

    if not _candidate(data):
        return FileResult(path, "skipped")
    decoded = decode(data)
    document, cells, layout = notebook.load(decoded.text)
    new_sources: dict[int, str] = {}
    masked_cells = [(cell, notebook.mask_ipython(cell.source, settings.enabled(notebook.CODE))) for cell in cells]
    skipped_findings = _skipped_cell_findings(path, [cell for cell, masked in masked_cells if masked is None], settings)
    python2_findings = []
    masked_cells = [(cell, masked) for cell, masked in masked_cells if masked is not None]
    try:
        parsed = _parse_cells(masked_cells)  # once for the notebook; each cell alone only on an error
    except InputError:
        parsed = None  # a cell is not Python 3: port the Python 2 cells, then parse again
        for k, (cell, (text, originals)) in enumerate(masked_cells):
            try:
                ast.parse(text)
            except SyntaxError as exc:
                from migrate import py2to3

                ported = py2to3.port(text, settings)  # a Python 2 cell: ported first
                if ported is None:
                    raise InputError(f"does not parse as Python 3: {exc.msg}; left unchanged", exc.lineno, exc.offset,
                                     cell=cell.index) from None
                masked_cells[k] = (cell, (ported.code, originals))
                python2_findings += [(f"{path}[cell {cell.index}]", f) for f in py2to3.findings(ported, ported.tree, settings)]
    together = _migrate_cells_together(path, masked_cells, settings, parsed)
    if together is not None:
        new_texts, findings, required = together
    else:
        new_texts, findings, required = _migrate_cells_one_by_one(path, masked_cells, settings)
    findings = python2_findings + findings
    if settings.style == "tf2":
        new_texts, findings, required = _notebook_tf2_style(path, masked_cells, new_texts, findings, required, settings)
    findings = skipped_findings + findings
    for cell, (text, originals) in masked_cells:
        if new_texts[cell.index] != text or cell.source != notebook.unmask_ipython(text, originals):
            new_sources[cell.index] = notebook.unmask_ipython(new_texts[cell.index], originals)
    if not new_sources:
        return FileResult(path, "unchanged", findings, required)
    if layout is None:  # a layout json.dumps cannot reproduce (Colab's): splice the sources in
        new_text = notebook.splice(decoded.text, new_sources, cells)
    else:
        new_text = notebook.dump(document, cells, new_sources, layout)
    return FileResult(
        path, "changed", findings, required,
        new_data=encode(decoded, new_text),
        old_text=decoded.text if keep_text else None,
        new_text=new_text if keep_text else None,
    )


def _cell_position(finding, cells, starts) -> str:
    """Move `finding` (positioned in joined cells starting at `starts`) into its cell;
    returns the display path's cell part."""
    k = max((i for i, start in enumerate(starts) if start <= finding.line), default=0)
    finding.line -= starts[k] - 1
    return f"[cell {cells[k][0].index}]"


def _notebook_tf2_style(path, masked_cells, new_texts, findings, required, settings):
    """`--style tf2` on a notebook: its code cells, as the compat pass left them, are ONE
    program (in cell order), converted as a module is (`apply_tf2_style`: codemods/tf2_style.py,
    the compat fixed-point check) with the cell markers in it, then cut at the markers
    again. Every statement stays in its cell; what the conversion writes in place of a
    statement (the step functions for the Session header, an `initial_value` helper, the
    tf.config calls) lands in that statement's cell. The result is taken only when every
    marker is still there, each cell parses alone and keeps its own masked IPython lines;
    otherwise, or when the program falls back, the cells keep the compat result with ONE
    MIG602 naming the construct, cell and line. Returns (new_texts, findings, required)."""
    from migrate.codemod import Finding, Outcome

    compat_cells = [(cell, (new_texts[cell.index], originals)) for cell, (_, originals) in masked_cells]
    joined, starts = _join_cells(compat_cells)
    try:
        ast.parse(joined)
    except SyntaxError as exc:  # each cell parses alone, so a cell continues into the next
        finding = Finding("MIG602", exc.lineno or 1, 1, f"kept compat (--style tf2): the cells do not parse as one program ({exc.msg})", "warning")
        return new_texts, findings + [(path + _cell_position(finding, compat_cells, starts), finding)], required
    # (a notebook handing its Session to a class of the run keeps compat: the run cannot keep a notebook
    # compat afterwards, as tf2_crossfile.demotions would when the class does not convert)
    notebook = {module: dict.fromkeys(classes) for module, classes in settings.session_classes.items()}
    # (nor with the layer functions of a library of the run: tf2_libraries keeps that library compat)
    result = apply_tf2_style(Outcome(joined, [], set()), replace(settings, session_classes=notebook, library_index={}))
    decided = [f for f in result.findings if f.code in ("MIG601", "MIG602")]
    if not decided and result.code == joined:
        return new_texts, findings, required
    if not decided or decided[0].code == "MIG601":  # converted, or (no finding) only the module switches went
        split = _split_cells(result.code, compat_cells)
        problem = _unsplittable(split, compat_cells, joined, result.code)
        if problem is None:
            tf2_texts, tf2_starts = split
            for cell, (compat, _) in compat_cells:  # blank lines the generated code brought to a cell's edges
                tf2_texts[cell.index] = _blank_edges_as(tf2_texts[cell.index], compat)
            kept = [(where, f) for where, f in findings if _holds_in_tf2(f)]  # positioned in the input cells
            for finding in result.findings:
                if finding.code != "MIG601" and finding.kind == "change":
                    continue
                kept.append((path + _cell_position(finding, compat_cells, tf2_starts), finding))
            return tf2_texts, kept, result.required  # what the TF 2 cells need (apply_tf2_style)
        index, line, col, construct, reason = problem
        k = next(i for i, (cell, _) in enumerate(compat_cells) if cell.index == index)
        construct = construct if len(construct) <= 60 else construct[:57] + "..."
        kept = Finding("MIG602", starts[k] + line - 1, col,
                       f"kept compat (--style tf2): `{construct}`: the TF 2 program cannot be put back into "
                       f"the notebook's cells: {reason}", "warning")
        if not settings.enabled("MIG602"):
            return new_texts, findings, required
    else:
        kept = decided[0]
    return new_texts, findings + [(path + _cell_position(kept, compat_cells, starts), kept)], required


def _blank_edges_as(text: str, model: str) -> str:
    """`text` with no more blank lines at its start and end than `model` has (the step
    functions replacing a cell's first or last statement come with PEP 8's blank lines)."""
    if not text.strip() or not model.strip():
        return text
    head, model_head = _LEADING_BLANKS.match(text).group(), _LEADING_BLANKS.match(model).group()
    if head.count("\n") > model_head.count("\n"):
        text = model_head + text[len(head):]
    tail, model_tail = _TRAILING_BLANKS.search(text).group(), _TRAILING_BLANKS.search(model).group()
    if tail.count("\n") > model_tail.count("\n"):
        text = text[: len(text) - len(tail)] + model_tail
    return text


_LEADING_BLANKS = re.compile(r"\A(?:[ \t]*\n)*")
_TRAILING_BLANKS = re.compile(r"(?:\n[ \t]*)*\Z")


def _unsplittable(split, cells, compat_program: str, tf2_program: str) -> tuple[int, int, int, str, str] | None:
    """Why a TF 2 program cut at its markers (`_split_cells`) is not the notebook's cells:
    (cell index, line, column, construct, reason) of the first cell at fault, positioned in
    its compat text; None when every cell is whole statements and holds exactly its own
    masked IPython lines, and no IPython line reads a name the compat program (the joined
    cells, `compat_program`) binds and the TF 2 program (`tf2_program`) no longer does."""
    from migrate.notebook import _MASK_RE

    def first_line(text: str) -> tuple[int, int, str]:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                return number, len(line) - len(line.lstrip()) + 1, line.strip()
        return 1, 1, ""

    if split is None:
        cell, (compat, _) = cells[-1]
        return (cell.index, *first_line(compat), "a cell boundary did not survive the rewrite")
    texts, _ = split
    for cell, (compat, originals) in cells:
        new = texts[cell.index]
        if sorted(_MASK_RE.findall(new)) != sorted(_MASK_RE.findall(compat)):
            for number, line in enumerate(compat.splitlines(), start=1):
                mask = _MASK_RE.search(line)
                if mask and new.count(mask.group()) != compat.count(mask.group()):
                    return (cell.index, number, mask.start() + 1, originals[int(mask.group(1))].strip(),
                            "this IPython line would move to another cell with the statement around it")
            return (cell.index, *first_line(compat), "an IPython line would move to another cell")
        try:
            ast.parse(new)
        except SyntaxError as exc:
            return (cell.index, *first_line(compat), f"the cell would not parse alone ({exc.msg})")
    # an IPython line is not converted: it must not read a name the TF 2 program no longer
    # binds (`%time p = sess.run(pred, ...)` after the Session and `pred` are gone)
    gone = _bound_names(compat_program) - _bound_names(tf2_program)
    for cell, (compat, originals) in cells:
        for number, line in enumerate(compat.splitlines(), start=1):
            mask = _MASK_RE.search(line)
            if mask:
                read = gone & set(re.findall(r"[A-Za-z_]\w*", originals[int(mask.group(1))]))
                if read:
                    return (cell.index, number, mask.start() + 1, originals[int(mask.group(1))].strip(),
                            f"this IPython line reads `{sorted(read)[0]}`, which the TF 2 program no longer has")
    return None


def _bound_names(text: str) -> set[str]:
    """Names a module binds anywhere: assignments, definitions and parameters
    (`codemod._bound_names`), and imports."""
    from migrate.codemod import _bound_names as bound_other_than_by_import

    facts = prescan(text)
    return bound_other_than_by_import(facts) | {fact.bound for fact in facts.imports}


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C


def warnings_in_input(result: FileResult, data: bytes | None = None) -> None:
    """Position a changed file's warnings in its original text (`data`, else the file on
    disk) instead of the migrated one, for runs that write nothing (input_positions)."""
    from migrate.input_positions import map_notebook_to_input, map_to_input

    if not any(finding.kind == "warning" for _, finding in result.findings) or result.new_data is None:
        return
    try:
        if data is None:
            with open(result.path, "rb") as handle:
                data = handle.read()
        if result.path.endswith(".ipynb"):
            map_notebook_to_input(data, result.new_data, result.findings)
        else:
            map_to_input(decode(data).text, decode(result.new_data).text, [f for _, f in result.findings])
    except (OSError, InputError):
        return  # the positions stay those of the migrated text


def _process_star(args) -> FileResult:
    return process_file(*args)


# -- the run (main process) ----------------------------------------------------------
@dataclass
class RunOptions:
    mode: str = "write"  # "write" | "check" | "diff" (diff implies no writes)
    jobs: int = 0
    excludes: tuple[str, ...] = ()
    report: str | None = None
    verbose: bool = False


def prefilter(files: list[str]) -> tuple[list[str], list[str], dict[str, bytes]]:
    """Read every file once in the main process: (candidates, skipped, texts that
    mention keras). Files that never mention tensorflow/keras are not sent to workers."""
    candidates, skipped, keras_texts = [], [], {}
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            candidates.append(path)  # the worker reports the error
            continue
        if not _candidate(data) and b"import *" not in data and not (path.endswith(".py") and _undecodable(data)):
            skipped.append(path)  # (`tf` may come from a star import; a binary .py gets its error from the worker)
            continue
        candidates.append(path)
        if b"keras" in data:
            keras_texts[path] = data
    return candidates, skipped, keras_texts


GRAPH_SWITCH = re.compile(r"^\s*(?:tf\.compat\.v1|tensorflow\.compat\.v1|v1)\.disable_(?:eager_execution|v2_behavior)\(\)", re.MULTILINE)


# said of a program importing a module of the run that keeps compat (`graph_module_importers`); `_import_position`
# finds the import it names in the file written
GRAPH_MODULE_IMPORTED = "is imported, a module of this run that stays a TF 1.x graph module"


def graph_module_importers(results: list, known: dict) -> dict:
    """{path: (line, col, reason)} of the `--style tf2` results converted to TF 2 (MIG601)
    that import a module of the run whose new text turns eager execution off at import
    (`tf.compat.v1.disable_eager_execution()` at module level: a file kept compat, or one
    with no TF 1 graph left to convert that still has it), by file stem (a stem two files
    share counts for both). `known` paths are already kept compat."""
    import ast

    from migrate.tf2_libraries import resolve

    graph_paths = set()
    run_files = {os.path.abspath(r.path): r.path for r in results if r.path.endswith(".py")}
    for result in results:
        text = result.new_data.decode("utf-8", "replace") if result.new_data is not None else None
        if text is None and result.status == "unchanged" and result.path.endswith(".py"):
            try:
                with open(result.path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                text = None
        if text is not None and result.path.endswith(".py") and GRAPH_SWITCH.search(text):
            graph_paths.add(os.path.abspath(result.path))

    def graph_module(path: str, text: str, parts: list[str]) -> bool:
        """Does the import of `text` in the file `path` find a graph module? The run's file it finds
        (next to the importer first, as Python does); for an absolute import not found so (a folder
        the program adds to sys.path), any of the run's files whose path ends as the module's does
        (`trainer/task.py` for `trainer.task`; for `from a import b` also `a/b.py`), unless its top
        name is a standard library module, which Python finds first (`import copy` is not NTM's
        tasks/copy.py, nor `from sklearn.utils import shuffle` a utils.py)."""
        found = resolve(path, text.lstrip("."), len(text) - len(text.lstrip(".")), run_files)
        if found is not None:
            return os.path.abspath(found) in graph_paths
        # (TensorFlow's own modules: `from tensorflow.python.framework import ops` is no `ops.py` of the run)
        if text.startswith(".") or not parts or not parts[0] or parts[0] in sys.stdlib_module_names \
                or parts[0] == "tensorflow":
            return False
        ends = {os.sep + os.path.join(*parts[:k]) + ".py" for k in range(1, len(parts) + 1)}
        return any(p.endswith(tuple(ends)) for p in graph_paths)
    demoted = {}
    for result in results:
        if result.path in known or not result.path.endswith(".py") or result.new_data is None \
                or not any(f.code == "MIG601" for _, f in result.findings):
            continue
        try:
            tree = ast.parse(result.new_data)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [(alias.name, alias.name.split(".")) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                parts = (node.module or "").split(".") if node.module else []
                names = [(f"{'.' * node.level}{node.module or ''}", [*parts, alias.name]) for alias in node.names]
            else:
                continue
            hit = next((text for text, parts in names if graph_module(result.path, text, parts)), None)
            if hit is not None:
                demoted[result.path] = (node.lineno, node.col_offset + 1, (
                    f"`{hit}` {GRAPH_MODULE_IMPORTED}: its module-level "
                    "`disable_eager_execution()` would turn eager execution off for this file's TF 2 code; convert "
                    "that module (its own MIG602 says what keeps it), then this one"))
                break
    return demoted


def _import_position(code: str, reason: str) -> tuple[int, int] | None:
    """(line, 1-based column) in `code` (the compat text written) of the import a `graph_module_importers`
    reason names (`helper` is imported, ...): that reason's position was read in the file's tf2 text, whose
    lines differ (a fresh-eyes trial: `main.py:2` for an `import helper` the written file has on line 5).
    None for another reason or when no such import is found."""
    named = re.match(rf"`([^`]+)` {re.escape(GRAPH_MODULE_IMPORTED)}", reason)
    if named is None:
        return None
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [
            f"{'.' * node.level}{node.module or ''}"] if isinstance(node, ast.ImportFrom) else []
        if named.group(1) in modules:
            return node.lineno, node.col_offset + 1
    return None


def _compat_text(path: str, settings) -> str | None:
    """The `--style compat` text of a .py file of the run (where a file the run keeps compat
    after converting it has its MIG602); None when it cannot be made."""
    try:
        with open(path, "rb") as handle:
            text = decode(handle.read()).text
        return migrate_source(text, replace(settings, style="compat"), star_imported_aliases(path, text)).code
    except (OSError, InputError, InternalError):
        return None


def plain_modules(skipped: list[str], candidates: list[str]) -> frozenset[str]:
    """The module names (file stems) of the run's .py files that build no TensorFlow op:
    `skipped` files (no TensorFlow or Keras in their text) whose imports are all of the
    standard library, the libraries of tf2_graph.SAFE_MODULES, or other such files. A file
    that does not parse, imports anything else (which might build ops), or shares its name
    with a file of `candidates` (which mention TensorFlow) is left out."""
    import ast

    from migrate.tf2_graph import SAFE_MODULES

    imports: dict[str, set[str]] = {}
    for path in skipped:
        name = os.path.basename(path)
        if not name.endswith(".py") or name == "__init__.py":
            continue
        try:
            with open(path, "rb") as handle:
                tree = ast.parse(handle.read())
        except (OSError, SyntaxError, ValueError):
            continue
        roots = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                roots.add("." if node.level else (node.module or "").split(".")[0])
        imports.setdefault(name[:-3], set()).update(roots)
    taken = {os.path.basename(path)[:-3] for path in candidates if path.endswith(".py")}
    plain = set(imports) - taken
    changed = True
    while changed:  # drop a module importing one that is not plain, until nothing changes
        changed = False
        for name in sorted(plain):
            if not all(root in SAFE_MODULES or root in plain for root in imports[name]):
                plain.discard(name)
                changed = True
    return frozenset(plain)


class _Site:
    """A Keras-2 reason's position, moved like a warning by input_positions."""
    kind = "warning"

    def __init__(self, line: int):
        self.line, self.col = line, 1


def file_keras_reasons(data: bytes, limit: int = 3, notebook: bool = False, old: bytes | None = None) -> list[tuple[str, int, str]] | None:
    """The Keras-2 reasons (`keras2_reasons`) of one file's bytes as (cell, line, why): cell
    "" for a module, "[cell K]" for a notebook (its code cells scanned as one program, each
    reason at its cell and line there, as other notebook findings are). With `old` (the
    file before the migration; `data` is then its migrated form), each line is carried back
    to `old` (input_positions), so the reason names the input the user has. None when the
    file does not mention Keras outside the blocks this tool writes (it decides nothing)."""
    from migrate.keras_target import keras2_reasons, without_generated

    text = data.decode("utf-8", "replace")
    cells: list[tuple[int, int, str]] = []  # (cell index, first line in the joined text, source)
    if notebook:
        try:
            document = json.loads(text)
            sources = [(k, cell.get("source", "")) for k, cell in enumerate(document["cells"], start=1)
                       if cell.get("cell_type") == "code"]
        except (ValueError, KeyError, TypeError, AttributeError):
            sources = None
        if sources is not None:
            parts, line = [], 1
            for index, source in sources:
                source = "".join(source) if isinstance(source, list) else str(source)
                cells.append((index, line, source))
                parts.append(source if source.endswith("\n") or not source else source + "\n")
                line += parts[-1].count("\n")
            text = "".join(parts)
    text = without_generated(text)
    if "keras" not in text:
        return None
    found = []
    for line, why in keras2_reasons(text, limit):
        where = ""
        if cells:
            index, first, _ = [c for c in cells if c[1] <= line][-1]
            where, line = f"[cell {index}]", line - first + 1
        found.append([where, line, why])
    if old is not None and found:
        from migrate.input_positions import map_notebook_to_input, map_to_input

        sites = [(where, _Site(line)) for where, line, _ in found]
        try:
            if notebook:
                map_notebook_to_input(old, data, sites)
            else:
                map_to_input(decode(old).text, decode(data).text, [site for _, site in sites])
        except InputError:
            pass
        for reason, (_, site) in zip(found, sites):
            reason[1] = site.line
    return [tuple(reason) for reason in found]


def decide_keras(keras_texts: dict[str, bytes], requested: str, err, scanned: dict | None = None) -> tuple[str, list[str]]:
    """The run-wide Keras target; `auto` scans every file's text for Keras-2 needs.
    `scanned` (when given) receives {path: reasons} of every file scanned."""
    if requested != "auto":
        return requested, [f"--keras {requested}"]
    reasons: list[str] = []
    mentions = 0
    for path, data in keras_texts.items():
        found = file_keras_reasons(data, notebook=path.endswith(".ipynb"))
        if found is None:
            continue  # only the code this tool wrote mentions Keras: as on the first run
        mentions += 1
        if scanned is not None:
            scanned[path] = found
        for cell, line, why in found:
            reasons.append(f"{path}{cell}:{line}: {why}")
        if len(reasons) >= 3:
            break
    reasons = reasons[:3]
    if reasons:
        err(f"migrate: targeting Keras 2 (the tf-keras package): {'; '.join(reasons)}")
        return "2", reasons
    if mentions:
        err("migrate: targeting Keras 3 (tf.keras of TensorFlow 2.16+): no Keras-2-only sites found")
    return "3", []


def decide_keras_again(decided: str, results: list[FileResult], keras_texts: dict[str, bytes], scanned: dict) -> tuple[str, list[str]]:
    """The `--keras auto` decision over the files as this run leaves them (the decision a
    second run would make), from the results of a run that targeted `decided`.

    The migration itself can make a file mention Keras (`tfe.Network` -> `tf.keras.Model`,
    `tf.train.AdamOptimizer` -> `tf.keras.optimizers.Adam`) next to a Keras-2-only site it
    keeps (`tf.layers.Dense`): a run deciding from the old texts alone would target Keras 3
    and the next run Keras 2, rewriting again. A changed file's reasons come from its worker
    (`keras_after`). A Keras 2 decision is kept."""
    changed = {r.path: r for r in results if r.status == "changed"}
    reasons: list[str] = []
    if decided == "3":  # every old text was scanned and had no reason: look at the new texts
        for path, result in changed.items():
            reasons += [f"{path}{cell}:{line}: {why}" for cell, line, why in result.keras_after or []]
            if len(reasons) >= 3:
                break
        return ("2", reasons[:3]) if reasons else ("3", [])
    # A Keras 2 decision stands: its reasons were in the code as written (custom layers on
    # keras.engine, ...), and the migration removing the sign is not a reason to target
    # Keras 3. A second run decides it again from the tf_keras imports the output has.
    return "2", []


def run(paths: tuple[str, ...], settings, options: RunOptions, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr

    def say(stream, text):
        print(text, file=stream, flush=True)

    files, results = discover(paths, options.excludes)
    for result in results:
        say(err, f"{result.path}: error: {result.error}")
    candidates, skipped, keras_texts = prefilter(files)
    if settings.style == "tf2":
        settings.plain_modules = plain_modules(skipped, candidates)
        settings.run_modules = frozenset(os.path.basename(path)[:-3] for path in [*skipped, *candidates]
                                         if path.endswith(".py"))
        from migrate.tf2_crossfile import session_class_index

        # classes keeping the Session their constructor is handed: a program handing them its
        # Session converts with them (tf2_crossfile), taken as converting until shown otherwise
        settings.session_classes = session_class_index(candidates)
        from migrate.tf2_modelmodules import model_index

        settings.model_modules = model_index(candidates)  # model modules and their programs: converted together
    auto = settings.keras == "auto"
    scanned: dict = {}
    settings.keras, keras_reasons = decide_keras(keras_texts, settings.keras, lambda t: say(err, t), scanned)
    if settings.style == "tf2":
        from migrate.tf2_libraries import library_index

        # modules of layer functions a program of the run calls: converted with it (tf2_libraries),
        # their compat text made for the Keras target decided
        settings.library_index = library_index(candidates, lambda path: _compat_text(path, settings))
    findings_stream = out if options.mode == "write" or options.mode == "check" else err
    keep_text = options.mode == "diff"
    jobs = options.jobs or os.cpu_count() or 1
    # a Keras 3 decision flips on any Keras-2 site in a new text: the workers look for
    # them; a Keras 2 decision stands while one site is left (checked in decide_keras_again)
    tasks = [(path, settings, keep_text, None, auto and settings.keras == "3") for path in candidates]
    results.extend(FileResult(path, "skipped") for path in skipped)
    counts = {"changed": 0, "unchanged": 0, "skipped": len(skipped), "error": len(results) - len(skipped), "tf2": 0, "kept_compat": 0}
    if tasks:
        _codemods()  # import LibCST and the codemods once, before forking the workers
    warnings = 0
    interrupted = False
    executor = None
    try:
        if jobs > 1 and len(tasks) > 1:
            from concurrent.futures import ProcessPoolExecutor  # not imported for one file
            from multiprocessing import get_context

            context = get_context("fork") if "fork" in _start_methods() else get_context()
            executor = ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=context, initializer=_worker_init)
            chunk = max(1, min(8, len(tasks) // (jobs * 8)))  # small chunks: a few heavy files must not share one worker

            def execute(tasks):
                return executor.map(_process_star, tasks, chunksize=chunk)
        else:
            def execute(tasks):
                return map(_process_star, tasks)
        stream = execute(tasks)
        if auto and tasks:
            # `--keras auto`: the decision must be the one a second run makes on the new
            # texts, or that run rewrites again; nothing is written before it is settled.
            stream = list(stream)
            again, reasons = decide_keras_again(settings.keras, stream, keras_texts, scanned)
            if again != settings.keras:
                settings.keras, keras_reasons = again, reasons
                if again == "2":
                    say(err, f"migrate: targeting Keras 2 (the tf-keras package), as the migrated code needs: {'; '.join(reasons)}")
                else:
                    say(err, "migrate: targeting Keras 3 (tf.keras of TensorFlow 2.16+): the migrated code has no Keras-2-only sites")
                stream = list(execute([(path, settings, keep_text, None, False) for path in candidates]))
        if settings.style == "tf2" and settings.enabled("MIG602") and tasks:
            # a file converted to TF 2 that imports a module of the run the tf2 pass left a TF 1.x
            # graph module (its `disable_eager_execution()` runs at import) would run with eager
            # off: it keeps compat too, naming that import; again until none is left
            stream = list(stream)
            from migrate.tf2_crossfile import demotions

            while True:
                # a class converted without its Session parameter and the files making it: decided together
                demoted = demotions(stream, skipped, settings.session_classes, settings.compat_files,
                                    lambda path: _compat_text(path, settings))
                from migrate.tf2_libraries import demotions as library_demotions
                from migrate.tf2_modelmodules import demotions as model_demotions

                # a library of layer functions and the programs calling them: decided together
                libraries = library_demotions(stream, settings.library_index, settings.compat_files,
                                              lambda path: _compat_text(path, settings))
                from migrate.tf2_crossfile import handed_method_demotions

                # a module whose class was handed its Session by a method, imported by a file keeping compat
                handed = handed_method_demotions(stream, settings.compat_files, lambda path: _compat_text(path, settings))
                demoted = {**graph_module_importers(stream, settings.compat_files), **libraries, **handed, **demoted}
                demoted = {**demoted, **model_demotions(stream, settings.model_modules, settings.compat_files,
                                                        lambda path: _compat_text(path, settings))}
                if not demoted:
                    break
                settings.compat_files = {**settings.compat_files, **demoted}
                again = {r.path: r for r in execute([(path, settings, keep_text, None, False) for path in demoted])}
                stream = [again.get(r.path, r) for r in stream]
        for result in stream:
            if result.status == "changed" and options.mode == "write":
                try:
                    check_writable(result.path)
                    write_atomic(result.path, result.new_data)
                except InputError as exc:
                    result.status, result.error = "error", exc.message
                except OSError as exc:
                    result.status, result.error = "error", f"cannot write: {exc.strerror}; left unchanged"
            if result.status == "error":
                say(err, f"{result.where or result.path}: error: {result.error}")
            elif result.status == "changed":
                if options.mode == "write":
                    say(err, f"Rewriting {result.path}")
                elif options.mode == "check":
                    say(err, f"Would rewrite {result.path}")
                else:
                    out.write(unified_diff(result.path, result.old_text, result.new_text))
                    out.flush()
            if options.mode != "write" and result.status == "changed":
                warnings_in_input(result)  # nothing written: the file on disk is the original
            for display, finding in result.findings:
                if finding.kind == "warning":
                    warnings += 1
                    say(findings_stream, f"{display}:{finding.line}:{finding.col}: {finding.code} {finding.message}")
                elif options.verbose:
                    say(err, f"{display}:{finding.line}:{finding.col}: {finding.code} {finding.message}")
            counts[result.status] += 1
            if settings.style == "tf2" and result.status != "error":  # a file not written is neither
                for _, finding in result.findings:
                    if finding.code in ("MIG601", "MIG602"):
                        counts["tf2" if finding.code == "MIG601" else "kept_compat"] += 1
            results.append(result)
    except KeyboardInterrupt:
        interrupted = True
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
            executor = None
    finally:
        if executor is not None:
            executor.shutdown()

    summary = _summary(counts, warnings, options.mode, settings.style)
    if interrupted:
        say(err, f"migrate: interrupted; {summary} before that (every file is either old or new)")
    else:
        say(err, f"migrate: {summary}")
    if options.report:
        write_report(options.report, results, settings, keras_reasons, counts, warnings)
    if interrupted:
        return 130
    if counts["error"]:
        return 2
    return 1 if counts["changed"] else 0


def _start_methods():
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _summary(counts: dict, warnings: int, mode: str, style: str = "compat") -> str:
    verb = {"write": "rewritten", "check": "would be rewritten", "diff": "would be rewritten"}[mode]
    parts = [
        f"{counts['changed']} file{'s' if counts['changed'] != 1 else ''} {verb}",
        f"{counts['unchanged']} unchanged",
        f"{counts['skipped']} without TensorFlow",
    ]
    if counts["error"]:
        parts.append(f"{counts['error']} could not be processed")
    if style == "tf2":
        parts.append(f"{counts['tf2']} in TF 2 style (MIG601)")
        parts.append(f"{counts['kept_compat']} kept compat (MIG602)")
    parts.append(f"{warnings} warning{'s need' if warnings != 1 else ' needs'} a human")
    return ", ".join(parts)


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
    return text


def write_report(report_path: str, results: list[FileResult], settings, keras_reasons, counts, warnings) -> None:
    files = []
    required: set[str] = set()
    for result in results:
        entry = {"path": result.path, "status": result.status}
        if result.error:
            entry["error"] = result.error
        if result.findings:
            entry["changes"] = [
                {"where": display, **f.as_dict()} for display, f in result.findings if f.kind == "change"
            ]
            entry["warnings"] = [
                {"where": display, **f.as_dict()} for display, f in result.findings if f.kind == "warning"
            ]
        if result.required:
            entry["requires"] = sorted(result.required)
            required |= result.required
        files.append(entry)
    from migrate import __version__

    report = {
        "tool": "migrate",
        "version": __version__,
        "keras_target": settings.keras,
        "keras_reasons": keras_reasons,
        "files": files,
        "summary": {
            "changed": counts["changed"],
            "unchanged": counts["unchanged"],
            "skipped": counts["skipped"],
            "errors": counts["error"],
            "warnings": warnings,
            "requires": sorted(required),
            **({"style": "tf2", "tf2_style": counts["tf2"], "kept_compat": counts["kept_compat"]} if settings.style == "tf2" else {}),
        },
    }
    folder = os.path.dirname(os.path.abspath(report_path))
    os.makedirs(folder, exist_ok=True)
    data = (json.dumps(report, indent=2) + "\n").encode()
    if os.path.exists(report_path):
        write_atomic(report_path, data)
    else:
        with open(report_path, "wb") as handle:
            handle.write(data)
