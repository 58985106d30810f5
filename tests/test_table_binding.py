"""Argument binding proven for the whole rename table, not by examples.

For every v1 name the table sends somewhere else (alias or equivalent), synthetic TF 1
calls are written in every positional/keyword form the TF 1 signature accepts, migrated
by the whole pipeline (`runner.migrate_source`: every codemod, to a fixed point), and the
migrated call is bound against the signature of the function it now names in TF 2.21.
Every value must land on the TF 2 parameter of the same meaning:

- the parameter of the same name, when TF 2 has one;
- else the new name TensorFlow's own v1 source gives it (`deprecated_argument_lookup`);
- else a meaning recorded below with its source.

A v1 parameter with none of these has no TF 2 counterpart: a call passing it must keep
the v1 function (`tf.compat.v1.X`), which binds it to itself.

Signatures come from the installed TensorFlow, read in one fresh interpreter.
"""
from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.codemod import Settings
from migrate.codemods.rename_tf_symbols import ALIAS, EQUIVALENT, owned_elsewhere, tables
from migrate.runner import migrate_source

pytestmark = pytest.mark.tf

# v1 parameter -> TF 2 parameter of the same meaning where TensorFlow's v1 source has no
# deprecated_argument_lookup for it.  Source: the TF 1.15 / TF 2 API docs of each function.
RECORDED_MEANINGS = {
    # tf.compat.v1.arg_max(input, dimension) is the ArgMax op; tf.math.argmax names it axis
    ("arg_max", "dimension"): "axis",
    ("arg_min", "dimension"): "axis",
    # batch_to_space_nd(input, block_shape, crops) is TF 2's batch_to_space
    # multinomial's output_dtype is random.categorical's dtype
    ("multinomial", "output_dtype"): "dtype",
    ("random.multinomial", "output_dtype"): "dtype",
    ("random.stateless_multinomial", "output_dtype"): "dtype",
    # verify_tensor_all_finite(t, msg) == debugging.assert_all_finite(x, message)
    ("verify_tensor_all_finite", "t"): "x",
    ("verify_tensor_all_finite", "msg"): "message",
    ("debugging.assert_all_finite", "t"): "x",
    ("debugging.assert_all_finite", "msg"): "message",
    # zeros_like/ones_like(tensor) -> (input)
    ("zeros_like", "tensor"): "input",
    ("ones_like", "tensor"): "input",
    # gfile functions: TF 2's io.gfile names (documented renames)
    ("gfile.Copy", "oldpath"): "src",
    ("gfile.Copy", "newpath"): "dst",
    ("gfile.Rename", "oldname"): "src",
    ("gfile.Rename", "newname"): "dst",
    ("gfile.Exists", "filename"): "path",
    ("gfile.IsDirectory", "dirname"): "path",
    ("gfile.ListDirectory", "dirname"): "path",
    ("gfile.MakeDirs", "dirname"): "path",
    ("gfile.MkDir", "dirname"): "path",
    ("gfile.Remove", "filename"): "path",
    ("gfile.DeleteRecursively", "dirname"): "path",
    ("gfile.Stat", "filename"): "path",
    ("gfile.Glob", "filename"): "pattern",
    ("gfile.Walk", "in_order"): "topdown",
    ("gfile.Open", "name"): "name",
    ("py_func", "func"): "func",
    ("saved_model.maybe_saved_model_directory", "export_dir"): "export_dir",
    ("saved_model.loader.maybe_saved_model_directory", "export_dir"): "export_dir",
    ("set_random_seed", "seed"): "seed",
    ("random.set_random_seed", "seed"): "seed",
    # to_float(x, name) == cast(x, float32, name)
    **{(f"to_{t}", "x"): "x" for t in ("float", "double", "int32", "int64", "bfloat16", "complex64", "complex128")},
}

# TF 1.15 signatures that TF 2.21's tf.compat.v1 no longer keeps: the losses took a leading
# `_sentinel=None` that made positional calls an error (tensorflow/python/ops/nn_impl.py and
# nn_ops.py at r1.15), so a positional call of them is TF 0.x code, handled by MIG102.
RECORDED_TF1_SIGNATURES = {
    "nn.sigmoid_cross_entropy_with_logits": ["_sentinel", "labels", "logits", "name"],
    "nn.sparse_softmax_cross_entropy_with_logits": ["_sentinel", "labels", "logits", "name"],
    "nn.softmax_cross_entropy_with_logits": ["_sentinel", "labels", "logits", "dim", "name", "axis"],
}

DUMP = r'''
import inspect, json, os, re, sys
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
from tensorflow.python.util import tf_decorator
LOOKUP = re.compile(r"deprecated_argument_lookup\(\s*['\"](\w+)['\"]\s*,\s*[\w.]+\s*,\s*['\"](\w+)['\"]")
paths = json.loads(sys.stdin.read())
_missing = object()
def resolve(path):
    obj = tf
    for part in path.split("."):
        obj = getattr(obj, part, _missing)
        if obj is _missing:
            return _missing
    return obj
out = {"signatures": {}, "lookups": {}}
for p in paths:
    obj = resolve(p)
    if obj is _missing:
        out["signatures"][p] = None
        continue
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        params = list(inspect.signature(target).parameters.values())
    except (TypeError, ValueError):
        out["signatures"][p] = "no signature"
        continue
    if inspect.isclass(obj) and params and params[0].name == "self":
        params = params[1:]
    out["signatures"][p] = [[q.name, int(q.kind), q.default is inspect.Parameter.empty] for q in params]
    try:
        source = inspect.getsource(tf_decorator.unwrap(target)[1])
    except (OSError, TypeError):
        source = ""
    out["lookups"][p] = {old: new for new, old in LOOKUP.findall(source)}
print(json.dumps(out))
'''

PREAMBLE = "import tensorflow as tf\nsess = tf.Session()\n"  # a TF 1 file


def _mapped_symbols() -> dict[str, str]:
    """v1 path -> kind, for every alias / equivalent entry the rename codemod owns."""
    table = tables()
    return {
        path: kind for path, (kind, _target) in table.entries.items()
        if kind in (ALIAS, EQUIVALENT) and not owned_elsewhere(path)
    }


@pytest.fixture(scope="module")
def facts():
    table = tables()
    symbols = _mapped_symbols()
    paths = set()
    for path in symbols:
        paths.add("compat.v1." + path)
        paths.add(table.entries[path][1])
        paths.add("compat.v1." + table.entries[path][1])
        if path in table.pre_1_0:
            paths.add("compat.v1." + table.pre_1_0[path][1])
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run(
        [sys.executable, "-c", DUMP], input=json.dumps(sorted(paths)),
        capture_output=True, text=True, timeout=600, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _signature(raw) -> inspect.Signature:
    params = []
    for name, kind, required in raw:
        default = inspect.Parameter.empty if required else None
        if kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            default = inspect.Parameter.empty
        params.append(inspect.Parameter(name, inspect._ParameterKind(kind), default=default))
    return inspect.Signature(params)


def tf1_calls(
    path: str, raw, deprecated: dict[str, str] | None = None, needed: frozenset[str] = frozenset()
) -> list[tuple[list[str], list[str]]]:
    """Every call form of the v1 signature: the first k parameters positional (k from the
    required count to all), the rest of the required ones by keyword; all by keyword;
    and each deprecated spelling on its own.  (positional names, keyword names).

    `needed`: parameters a working TF 1 call passes although the Python signature gives
    them a default (`nn.conv2d(input=None, filter=None, ...)`, kept optional only for
    their deprecated spellings): the op needs them."""
    sig = _signature(raw)
    must = {n for n, k, r in raw if r or n in needed}
    positional = [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keyword_only = [p for p in sig.parameters.values() if p.kind == p.KEYWORD_ONLY]
    required_kw = [p.name for p in keyword_only if p.name in must]
    variadic = any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values())
    calls = []
    # a leading `_sentinel` / `keyword_required` forbids positional use in TF 1
    sentinel = bool(positional) and positional[0].name in ("_sentinel", "keyword_required")
    first_optional = max((i + 1 for i, p in enumerate(positional) if p.name in must), default=0)
    # TF 1 rejects a call giving both spellings of a deprecated pair (`keep_dims`, `keepdims`)
    deprecated = {old: new for old, new in (deprecated or {}).items() if new in sig.parameters}

    def valid(names):
        return not any(old in names and new in names for old, new in deprecated.items())

    if not sentinel:
        for k in range(first_optional, len(positional) + 1):
            names = [p.name for p in positional[:k]]
            if valid(names):
                calls.append((names, list(required_kw)))
        if variadic and valid([p.name for p in positional]):
            calls.append(([p.name for p in positional] + ["*"], list(required_kw)))
    usable = [p.name for p in positional + keyword_only if p.name not in ("_sentinel", "keyword_required")]
    calls.append(([], [n for n in usable if n not in deprecated]))
    required = [p.name for p in positional if p.name in must and p.name not in ("_sentinel", "keyword_required")]
    base = required + required_kw
    base = [n for n in base if not (n in deprecated and deprecated[n] in base)]
    for old, new in deprecated.items():
        # the deprecated spelling alone, by keyword (how TF 1 code passes it)
        names = [n for n in base if n != new] + [old]
        calls.append(([], list(dict.fromkeys(names))))
    return calls


def _source(path: str, positional: list[str], keywords: list[str], index: int) -> str:
    args = [f"{'*' if n == '*' else ''}v_{'star' if n == '*' else n}" for n in positional]
    args += [f"{n}=v_{n}" for n in keywords]
    return f"r{index} = tf.{path}({', '.join(args)})\n"


def _deprecated_pairs(path: str, lookups: dict) -> dict[str, str]:
    """old -> new spellings of one v1 parameter (TF 1 rejects a call giving both): from
    the v1 source's deprecated_argument_lookup, and the table's renames between two v1
    parameters (`conv3d_transpose(value=, input=)`, checked by hand in the v1 source)."""
    pairs = dict(lookups.get("compat.v1." + path, {}))
    entry = tables().arguments.get(path, {})
    v1_params = set(entry.get("args", ()))
    for old, new in entry.get("renames", {}).items():
        if new in v1_params:
            pairs.setdefault(old, new)
    return pairs


def meaning(path: str, name: str, v2_names: set[str], lookups: dict) -> str | None:
    """The TF 2 parameter a v1 parameter means (None: TF 2 has no such parameter).
    A name removed in TF 1.0: its recorded parameter mapping onto the TF 1 name, then
    that name's meaning."""
    pre = tables().pre_1_0.get(path)
    if pre is not None:
        _target, v1_name, _params, mapping = pre
        if name in mapping and mapping[name] is None:
            return None
        return meaning(v1_name, mapping.get(name, name), v2_names, lookups)
    recorded = RECORDED_MEANINGS.get((path, name))
    if recorded is not None:
        return recorded
    new = _deprecated_pairs(path, lookups).get(name)
    if new is not None:
        return new
    if name in v2_names:
        return name
    return None


def _called_path(call: ast.Call) -> str:
    parts = []
    node = call.func
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    assert isinstance(node, ast.Name) and node.id == "tf", ast.unparse(call)
    return ".".join(reversed(parts))


def check_entry(path: str, facts: dict) -> list[str]:
    """Problems with one table entry (empty: every call form binds with the same meaning)."""
    signatures, lookups = facts["signatures"], facts["lookups"]
    raw = signatures.get("compat.v1." + path)
    pre = tables().pre_1_0.get(path)
    if pre is not None:  # removed in TF 1.0: the signature recorded from the TF 0.12 docs
        raw = [[name, 1, False] for name in pre[2]]
    elif path in RECORDED_TF1_SIGNATURES:
        raw = [[name, 1, False] for name in RECORDED_TF1_SIGNATURES[path]]
    if not isinstance(raw, list):
        return []  # no Python signature (a class with a C++ constructor): nothing to bind
    v1_names = [name for name, kind, _ in raw if kind not in (2, 4)]
    if not raw:
        return []  # an abstract v1 class (data.Dataset), used through its methods only
    target_raw = signatures.get(tables().entries[path][1])
    needed = frozenset()
    if isinstance(target_raw, list):
        required2 = {n for n, k, r in target_raw if r and k not in (2, 4)}
        names2 = {n for n, k, r in target_raw if k not in (2, 4)}
        deprecated = _deprecated_pairs(path, lookups)
        needed = frozenset(
            n for n in v1_names
            if meaning(path, n, names2, lookups) in required2 and n not in deprecated
        )
    calls = tf1_calls(path, raw, _deprecated_pairs(path, lookups), needed)
    source = PREAMBLE + "".join(_source(path, pos, kw, i) for i, (pos, kw) in enumerate(calls))
    outcome = migrate_source(source, Settings())
    migrated = outcome.code
    reported = {f.line for f in outcome.findings if f.kind == "warning"}
    problems = []
    assigned = {
        node.targets[0].id: node.value
        for node in ast.parse(migrated).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    for index, (pos, kw) in enumerate(calls):
        call = assigned.get(f"r{index}")
        where = f"{path}{tuple(pos)}{tuple(kw)} -> {ast.unparse(call) if call is not None else '?'}"
        if not isinstance(call, ast.Call):
            problems.append(f"{where}: no call")
            continue
        target = _called_path(call)
        if target == path and call.lineno in reported:
            continue  # left as written, with a finding on its line (MIG114)
        raw2 = signatures.get(target)
        if not isinstance(raw2, list):
            problems.append(f"{where}: unknown target signature {target}")
            continue
        sig2 = _signature(raw2)
        v2_names = {p.name for p in sig2.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
        args = [a for a in call.args]
        try:
            bound = sig2.bind(
                *[ast.unparse(a) for a in args],
                **{k.arg: ast.unparse(k.value) for k in call.keywords if k.arg is not None},
            )
        except TypeError as error:
            problems.append(f"{where}: does not bind ({error})")
            continue
        landed: dict[str, str] = {}
        for name, value in bound.arguments.items():
            kind = sig2.parameters[name].kind
            if kind == inspect.Parameter.VAR_KEYWORD:
                for key, item in value.items():
                    landed[item] = key
            elif kind == inspect.Parameter.VAR_POSITIONAL:
                for item in value:
                    landed[item] = "*" + name
            else:
                landed[value] = name
        kept_v1 = target == "compat.v1." + path
        if pre is not None and target == "compat.v1." + pre[1]:
            # the TF 1 function (no TF 2 home): meanings through the recorded mapping
            kept_v1 = False
            v2_names = {p.name for p in sig2.parameters.values()}
        for name in [n for n in pos if n != "*"] + kw:
            value = f"v_{name}"
            got = landed.get(value)
            if kept_v1:
                expected = name
            else:
                expected = meaning(path, name, v2_names, lookups)
            if got is None and value not in landed:
                if not any(isinstance(a, ast.Starred) for a in args):
                    problems.append(f"{where}: {name} dropped")
                continue
            if expected is None:
                problems.append(f"{where}: {name} (no TF 2 counterpart) passed to {target}.{got}")
            elif got != expected:
                problems.append(f"{where}: {name} lands on {got}, means {expected}")
        if name_list := [n for n in v1_names if n not in pos and n not in kw]:
            del name_list  # parameters not passed keep their defaults: compared elsewhere
    return problems


def test_every_entry_binds_with_the_same_meaning(facts):
    symbols = _mapped_symbols()
    assert len(symbols) > 400
    assert set(tables().pre_1_0) <= set(symbols)
    problems = []
    checked = 0
    for path in sorted(symbols):
        found = check_entry(path, facts)
        checked += 1
        problems += found
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])


def test_tf1_calls_cover_every_form():
    raw = [["input", 1, True], ["crops", 1, True], ["block_size", 1, False], ["name", 1, False], ["block_shape", 1, False]]
    calls = tf1_calls("batch_to_space", raw, {"block_size": "block_shape"})
    assert (["input", "crops"], []) in calls
    assert (["input", "crops", "block_size", "name"], []) in calls
    assert (["input", "crops", "block_size", "name", "block_shape"], []) not in calls  # TF 1 rejects it
    assert ([], ["input", "crops", "name", "block_shape"]) in calls
    assert ([], ["input", "crops", "block_size"]) in calls
