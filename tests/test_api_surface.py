"""Every TF 1 name is accounted for: none is left silently broken.

The TF 1 API surface is read from the installed TensorFlow (everything under
`tf.compat.v1`, which keeps the TF 1.15 names).  Each name is written as TF 1 code would
write it (`tf.<name>`), the file is migrated by the whole pipeline (every codemod, to a
fixed point), and each migrated expression is evaluated under TensorFlow 2.21.  A name
passes when it

- resolves to the very object `tf.compat.v1.<name>` is (same name or a rename), or
- resolves to the object the rename table names as its TF 2 equivalent (whose argument
  binding tests/test_table_binding.py proves), or another codemod's documented TF 2 home
  (`tf.logging` -> `absl.logging`), or
- carries a finding (a warning) on its line.

There is no allow-list: a name that fails none of these is reported.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from migrate.codemod import Settings
from migrate.codemods.rename_tf_symbols import tables
from migrate.runner import migrate_source

pytestmark = [pytest.mark.tf, pytest.mark.slow]

ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}

UNIVERSE = r'''
import json, os, types
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
out, seen = [], set()
def visit(module, prefix):
    if id(module) in seen:
        return
    seen.add(id(module))
    for name in sorted(dir(module)):
        if name.startswith("_"):
            continue
        path = prefix + name
        if not prefix and name in ("compat", "keras"):
            continue
        try:
            obj = getattr(module, name)
        except Exception:
            continue
        out.append(path)
        if isinstance(obj, types.ModuleType) and obj.__name__.startswith("tensorflow._api."):
            visit(obj, path + ".")
visit(tf.compat.v1, "")
print(json.dumps(out))
'''

EVALUATE = r'''
import ast, json, os, sys
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
from tensorflow.python.util import tf_decorator
data = json.loads(sys.stdin.read())
namespace = {}
tree = ast.parse(data["source"])
for node in tree.body:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        exec(compile(ast.Module([node], []), "<migrated>", "exec"), namespace)
def unwrap(obj):
    try:
        return tf_decorator.unwrap(obj)[1]
    except Exception:
        return obj
_missing = object()
def v1(path):
    obj = tf.compat.v1
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj
def v2(path):
    obj = tf
    for part in path.split("."):
        obj = getattr(obj, part, _missing)
        if obj is _missing:
            return _missing
    return obj
result = {}
for path, expr, equivalent in data["items"]:
    try:
        got = eval(expr, namespace)
    except Exception as error:
        result[path] = ["broken", f"{type(error).__name__}: {error}"[:200]]
        continue
    want = v1(path)
    if got is want or unwrap(got) is unwrap(want) or (
        not callable(got) and not isinstance(got, type(tf)) and got == want
    ):
        result[path] = ["same", ""]
    elif equivalent and v2(equivalent) is got:
        result[path] = ["equivalent", equivalent]
    elif isinstance(got, type(tf)) and isinstance(want, type(tf)):
        result[path] = ["module", got.__name__]
    else:
        result[path] = ["other", f"{expr} is {getattr(got, '__module__', '')}.{getattr(got, '__name__', type(got).__name__)}"]
print(json.dumps(result))
'''


def _run(script: str, payload: str = "") -> dict | list:
    result = subprocess.run(
        [sys.executable, "-c", script], input=payload, capture_output=True, text=True,
        timeout=900, env=ENV,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


MOVED_BY: dict[str, str] = {}


def migrate_references(paths: list[str]) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """One TF 1 file referencing every name; (migrated source, path -> migrated expression,
    path -> warnings on its line)."""
    lines = ["import tensorflow as tf", "sess = tf.Session()"]
    first = len(lines) + 1
    lines += [f"r{i} = tf.{path}" for i, path in enumerate(paths)]
    outcome = migrate_source("\n".join(lines) + "\n", Settings())
    tree = ast.parse(outcome.code)
    expressions, line_of = {}, {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.startswith("r"):
            index = int(node.targets[0].id[1:])
            expressions[paths[index]] = ast.unparse(node.value)
            line_of[node.lineno] = paths[index]
        elif isinstance(node, ast.ImportFrom) and node.names[0].asname and node.names[0].asname[1:].isdigit():
            # `r3 = tf.logging` -> `from absl import logging as r3` (MIG106)
            index = int(node.names[0].asname[1:])
            expressions[paths[index]] = node.names[0].asname
            line_of[node.lineno] = paths[index]
    warnings: dict[str, list[str]] = {}
    for finding in outcome.findings:
        if finding.kind == "warning" and finding.line in line_of:  # lines of the output
            warnings.setdefault(line_of[finding.line], []).append(f"{finding.code} {finding.message}")
        elif finding.kind == "change" and finding.code not in ("MIG101", "MIG102") and 0 <= finding.line - first < len(paths):
            # lines of the input
            # moved to another library's documented equivalent by the codemod that owns
            # it (`tf.app.run` -> `absl.app.run`, MIG106), whose own tests run it
            MOVED_BY.setdefault(paths[finding.line - first], finding.code)
    missing = [p for p in paths if p not in expressions]
    assert not missing, f"references dropped by the migration: {missing}"
    assert first
    return outcome.code, expressions, warnings


@pytest.fixture(scope="module")
def surface():
    paths = _run(UNIVERSE)
    source, expressions, warnings = migrate_references(paths)
    table = tables()
    items = []
    for path in paths:
        resolution = table.resolve(path)
        equivalent = resolution.target if resolution is not None and resolution.kind == "equivalent" else ""
        items.append([path, expressions[path], equivalent])
    verdicts = _run(EVALUATE, json.dumps({"source": source, "items": items}))
    return paths, expressions, warnings, verdicts


def test_every_tf1_name_resolves_or_is_reported(surface, capsys):
    paths, expressions, warnings, verdicts = surface
    assert len(paths) > 2000
    silent = [
        f"tf.{path} -> {expressions[path]}: {verdicts[path][1]}"
        for path in paths
        if verdicts[path][0] == "broken" and not warnings.get(path)
        or verdicts[path][0] == "other" and not warnings.get(path) and path not in MOVED_BY
    ]
    counts: dict[str, int] = {}
    for path in paths:
        kind = verdicts[path][0]
        if kind in ("broken", "other") and warnings.get(path):
            kind = "warned"
        elif kind == "other" and path in MOVED_BY:
            kind = "moved by " + MOVED_BY[path]
        counts[kind] = counts.get(kind, 0) + 1
    with capsys.disabled():
        print(f"\nTF 1 surface: {len(paths)} names: {counts}")
    assert not silent, f"{len(silent)} TF 1 names silently broken:\n" + "\n".join(silent[:100])
