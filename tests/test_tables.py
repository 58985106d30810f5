"""The generated rename / argument tables against the installed TensorFlow.

Everything that needs TensorFlow runs in ONE fresh interpreter (TensorFlow must see
TF_USE_LEGACY_KERAS=1 before its first import to load tf.compat.v1.layers); it reports
JSON that the tests below check.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.codemods.rename_tf_arguments import RenameTfArguments
from migrate.codemods.rename_tf_symbols import RenameTfSymbols, owned_elsewhere, tables
from migrate.testing import apply

pytestmark = pytest.mark.tf

TABLES = Path(__file__).resolve().parents[1] / "codemods" / "tables"

# A TF 1.x program (eager-compatible, so TF 1 semantics can be replayed through
# tf.compat.v1 on the same TensorFlow) using renamed functions and changed arguments.
TF1_PROGRAM = '''\
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
x = tf.constant(np.arange(24, dtype="float32").reshape(4, 6) / 10.0)
idx = tf.constant([2, 0, 1])
out = {}
out["sum"] = tf.reduce_sum(x, 1, keep_dims=True)
out["mean"] = tf.reduce_mean(x, reduction_indices=[0])
out["max"] = tf.reduce_max(x, axis=1, keep_dims=True)
out["softmax"] = tf.nn.softmax(x, dim=-1)
out["log_softmax"] = tf.nn.log_softmax(x, dim=0)
out["argmax"] = tf.argmax(x, dimension=1)
out["expand"] = tf.expand_dims(idx, dim=0)
out["squeeze"] = tf.squeeze(tf.expand_dims(idx, 1), squeeze_dims=[1])
out["gather"] = tf.gather(x, idx, None, "g", 0)
out["top"] = tf.nn.in_top_k(x[:3], idx, 2)
out["log"] = tf.log(x + 1.0)
out["normal"] = tf.random_normal([3], seed=7)
out["uniform"] = tf.random_uniform([2, 2], seed=9)
out["zeros"] = tf.zeros_like(tensor=x)
out["count"] = tf.count_nonzero(x, reduction_indices=1, keep_dims=True)
out["moments"] = tf.nn.moments(x, [0], keep_dims=True)[0]
out["norm"] = tf.norm(x, axis=1, keep_dims=True)
out["diag"] = tf.matrix_diag_part(x[:, :4])
out["sparse"] = tf.sparse_tensor_to_dense(tf.SparseTensor([[0, 1]], [5.0], [2, 2]))
out["exists"] = tf.constant(tf.gfile.Exists(".") and not tf.gfile.Exists("no-such-file"))
out["conv"] = tf.nn.conv2d(tf.reshape(x, [1, 4, 6, 1]), tf.ones([2, 2, 1, 1]), [1, 1, 1, 1], "VALID")
out["float"] = tf.to_float(idx) / 2
out["int64"] = tf.to_int64(x * 10, "as_int")
out["py"] = tf.py_func(lambda a: a * 2, [x[0]], tf.float32)
out["pool"] = tf.nn.max_pool(tf.reshape(x, [1, 4, 6, 1]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
for key in sorted(out):
    print(key, np.round(np.asarray(out[key], dtype="float64"), 5).ravel().tolist())
'''

CHECKER = r'''
import importlib, inspect, json, os, sys
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf

renames = json.load(open(sys.argv[1]))
arguments = json.load(open(sys.argv[2]))
report = {"unresolved": [], "unimportable": [], "argument_errors": [], "programs": {}}
_missing = object()

def resolve(path):
    obj = tf
    for part in path.split("."):
        obj = getattr(obj, part, _missing)
        if obj is _missing:
            return _missing
    return obj

targets = set(renames["same"]) | set(renames["alias"].values()) | set(renames["equivalent"].values())
targets |= {"compat.v1." + p for p in renames["v1_only"]}
targets |= {"compat.v1." + p for p in renames["modules"]}
targets |= {p for p, in_v2 in renames["modules"].items() if in_v2}
targets |= set(renames["same_modules"])
for target in sorted(targets):
    if resolve(target) is _missing:
        report["unresolved"].append(target)
    # `from tensorflow.<module> import <name>` must work too (MIG101 writes such imports),
    # except from the modules the table lists as unimportable (MIG101 avoids those).
    module, _, name = ("tensorflow." + target).rpartition(".")
    if module[len("tensorflow."):] in renames["unimportable"]:
        continue
    try:
        if not hasattr(importlib.import_module(module), name):
            report["unimportable"].append(target)
    except ImportError:
        report["unimportable"].append(target)
report["targets"] = len(targets)

def params(obj):
    sig = inspect.signature(obj.__init__ if inspect.isclass(obj) else obj)
    return [p for p in sig.parameters.values() if p.name != "self"]

targets_pre = {t for t, _v1, _p, _m in renames.get("pre_1_0", {}).values()}
report["unresolved"] += sorted(t for t in targets_pre if resolve(t) is _missing)
for path, entry in arguments.items():
    if path == "_generated" or path in renames.get("pre_1_0", {}):
        continue  # pre-1.0 names: recorded signatures, bound in tests/test_table_binding.py
    v1 = resolve("compat.v1." + path)
    v2 = resolve(renames["equivalent"][path])
    p1, p2 = params(v1), params(v2)
    names1 = [p.name for p in p1]
    names2 = [p.name for p in p2]
    positional2 = [p.name for p in p2 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    renamed = entry.get("renames", {})
    for old, new in renamed.items():
        if old not in names1 or new not in names2:
            report["argument_errors"].append(f"{path}: rename {old}->{new}")
    for name in entry.get("v1_only", []):
        if name not in names1 or name in names2:
            report["argument_errors"].append(f"{path}: v1_only {name}")
    if "args" in entry:
        positional1 = [p.name for p in p1 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if entry["args"] != positional1:
            report["argument_errors"].append(f"{path}: args {entry['args']} != {positional1}")
        for i in range(entry["keep"]):
            if renamed.get(entry["args"][i], entry["args"][i]) != positional2[i]:
                report["argument_errors"].append(f"{path}: position {i} differs")
        for name in entry["args"][entry["keep"]:]:
            keyword = renamed.get(name, name)
            if keyword not in names2 and name not in entry.get("v1_only", []):
                report["argument_errors"].append(f"{path}: keyword {keyword} not in TF 2")

# tf_upgrade_v2's own rename table (all_renames_v2.symbol_renames).
from tensorflow.tools.compatibility import all_renames_v2
report["tf_upgrade_v2"] = all_renames_v2.symbol_renames
report["v2_has"] = {}
for name in json.loads(sys.argv[3]):
    report["v2_has"][name] = resolve(name) is not _missing

# The TF 1 program: original (fails on TF 2), TF 1 semantics via tf.compat.v1, migrated,
# and the same program through tf_upgrade_v2 (its converter, in this process).
import contextlib, io
from tensorflow.tools.compatibility import ast_edits, tf_upgrade_v2
programs = json.loads(sys.argv[4])
_, upgraded, _, _ = ast_edits.ASTCodeUpgrader(tf_upgrade_v2.TFAPIChangeSpec()).update_string_pasta(
    programs["original"], "program.py")
programs["tf_upgrade_v2"] = upgraded
report["tf_upgrade_v2_source"] = upgraded
# tf_upgrade_v2's renames on the example programs (its log: "Renamed 'tf.x' to 'tf.y'").
import re
report["example_renames"] = []
for path in json.loads(sys.argv[5]):
    _, _, logs, _ = ast_edits.ASTCodeUpgrader(tf_upgrade_v2.TFAPIChangeSpec()).update_string_pasta(
        open(path).read(), path)
    for line in logs:
        report["example_renames"] += re.findall(r"Renamed '(tf\.[\w.]+)' to '(tf\.[\w.]+)'", line)
for label, source in programs.items():
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(source, label, "exec"), {"__name__": "__main__"})
        report["programs"][label] = {"ok": True, "out": buffer.getvalue()}
    except Exception as error:
        report["programs"][label] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
print(json.dumps(report))
'''


@pytest.fixture(scope="module")
def report():
    original = TF1_PROGRAM
    v1_semantics = original.replace("import tensorflow as tf\n", "import tensorflow.compat.v1 as tf\n")
    migrated = apply([RenameTfSymbols, RenameTfArguments], original).code
    names = sorted({path for path in _v1_universe()})
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run(
        [
            sys.executable, "-c", CHECKER,
            str(TABLES / "tf_renames.json"), str(TABLES / "tf_arguments.json"),
            json.dumps(names),
            json.dumps({"original": original, "v1_semantics": v1_semantics, "migrated": migrated}),
            json.dumps([str(p) for p in _examples()]),
        ],
        capture_output=True, text=True, timeout=600, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["migrated_source"] = migrated
    return data


def _examples() -> list[Path]:
    return sorted((Path(__file__).resolve().parents[1] / "examples" / "legacy_tf1").glob("*.py"))


def _v1_universe() -> list[str]:
    """Every v1 API path the table knows, minus what other codemods own."""
    table = tables()
    return [p for p in table.entries if not owned_elsewhere(p)]


def test_every_target_resolves_in_installed_tensorflow(report):
    assert report["targets"] > 1500
    assert report["unresolved"] == []


def test_every_target_can_be_imported_from_its_module(report):
    owned = [t for t in report["unimportable"] if owned_elsewhere(t.removeprefix("compat.v1."))]
    assert sorted(set(report["unimportable"]) - set(owned)) == []


def test_argument_table_matches_signatures(report):
    assert report["argument_errors"] == []


def test_generated_header_says_how_to_regenerate():
    for name in ("tf_renames.json", "tf_arguments.json"):
        header = json.loads((TABLES / name).read_text())["_generated"]
        assert header["command"] == "python codemods/tables/generate_tables.py"
        assert header["tensorflow"].startswith("2.")


def test_fewer_compat_v1_landings_than_tf_upgrade_v2(report, capsys):
    """Where both tools have a TF 2 answer for a v1 name, how often is it tf.compat.v1?"""
    theirs = report["tf_upgrade_v2"]
    table = tables()
    common = []
    for old, new in theirs.items():
        symbol = old[len("tf."):]
        resolution = table.resolve(symbol)
        if resolution is None or owned_elsewhere(symbol):
            continue
        common.append((new.startswith("tf.compat.v1."), resolution.target.startswith("compat.v1.")))
    their_share = sum(t for t, _ in common) / len(common)
    our_share = sum(o for _, o in common) / len(common)
    # Over the whole v1 API (not just tf_upgrade_v2's keys): names tf_upgrade_v2 leaves
    # alone must exist in TF 2 -- count those that do not.
    universe = _v1_universe()
    their_broken = [
        p for p in universe
        if f"tf.{p}" not in theirs and not report["v2_has"][p]
    ]
    our_changed = [table.resolve(p) for p in universe]
    our_changed = [r for r in our_changed if r.target != r.symbol]
    with capsys.disabled():
        print(
            f"\ncompat.v1 share on {len(common)} shared v1 names: tf_upgrade_v2 {their_share:.1%}, "
            f"ours {our_share:.1%}; of our {len(our_changed)} renames "
            f"{sum(r.target.startswith('compat.v1.') for r in our_changed) / len(our_changed):.1%} "
            f"go to compat.v1; v1 names tf_upgrade_v2 leaves unchanged that TF 2.21 lacks: "
            f"{len(their_broken)} of {len(universe)} (e.g. {', '.join(their_broken[:5])})"
        )
    assert our_share <= their_share
    assert their_broken, "tf_upgrade_v2 no longer leaves missing names behind: update this test"


def test_tf1_program_computes_the_same_after_migration(report):
    programs = report["programs"]
    assert not programs["original"]["ok"], "the unmigrated TF 1 program should fail on TF 2"
    assert "has no attribute" in programs["original"]["error"]
    assert programs["v1_semantics"]["ok"], programs["v1_semantics"]
    assert programs["migrated"]["ok"], (programs["migrated"], report["migrated_source"])
    expected = programs["v1_semantics"]["out"].splitlines()
    got = programs["migrated"]["out"].splitlines()
    assert len(expected) >= 20
    assert got == expected


def test_migrated_program_uses_tf2_names(report):
    migrated = report["migrated_source"]
    for tf2 in (
        "tf.reduce_sum(x, 1, keepdims=True)", "tf.nn.softmax(x, axis=-1)", "tf.math.log(",
        "tf.random.normal(", "tf.io.gfile.exists(", "tf.linalg.diag_part(",
        "tf.sparse.to_dense(", "tf.argmax(x, axis=1)", "tf.zeros_like(input=x)",
    ):
        assert tf2 in migrated, migrated
    assert "tf.random.set_seed(3)" in migrated
    assert 'tf.cast(x * 10, dtype=tf.int64, name="as_int")' in migrated
    assert "tf.numpy_function(" in migrated
    assert "compat.v1" not in migrated


def test_tf_upgrade_v2_output_of_the_same_program_does_not_compute_the_same(report, capsys):
    """Measured: tf_upgrade_v2 keeps `tf.gather(x, idx, None, "g", 0)` positional, so on
    TF 2 the name lands on `axis` (InvalidArgumentError); MIG102 turns it into keywords."""
    upgraded = report["programs"]["tf_upgrade_v2"]
    assert 'tf.gather(x, idx, None, "g", 0)' in report["tf_upgrade_v2_source"]
    expected = report["programs"]["v1_semantics"]["out"]
    assert not upgraded["ok"] or upgraded["out"] != expected
    with capsys.disabled():
        print(f"\ntf_upgrade_v2 on the same program: {upgraded.get('error', 'ran')[:120]}")


def test_fewer_compat_v1_renames_on_the_example_programs(report, capsys):
    """Usage-weighted: every name each tool renames in examples/legacy_tf1 (names other
    codemods own left out), and how many of those renames land in tf.compat.v1."""
    theirs = [(a, b) for a, b in report["example_renames"] if not owned_elsewhere(a[len("tf."):])]
    ours = []
    for path in _examples():
        outcome = apply([RenameTfSymbols, RenameTfArguments], path.read_text())
        for finding in outcome.findings:
            if finding.code == "MIG101" and finding.message.startswith("tf."):
                ours.append(finding.message.split(" -> ")[1])
    assert theirs and ours
    their_share = sum(b.startswith("tf.compat.v1.") for _, b in theirs) / len(theirs)
    our_share = sum(b.startswith("tf.compat.v1.") for b in ours) / len(ours)
    with capsys.disabled():
        print(
            f"\nexamples: tf_upgrade_v2 renames {len(theirs)} names, {their_share:.0%} to compat.v1; "
            f"MIG101 renames {len(ours)}, {our_share:.0%} to compat.v1"
        )
    assert our_share <= their_share
