"""Real Python 2 TF1-era code from PyPI: ported (MIG302), then its own tests run under TF 2.21.

antk 0.3 (2016, "Automated Neural-graph Toolkit") ships two modules that parse only as
Python 2 (`antk/core/loader.py`: `print x`; `antk/core/config.py`: `except A, B:`) and a
test suite for its data loader. Downloaded from PyPI at test time, never committed.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.e2e.conftest import migrate_cli
from tests.pypi_sources import fresh_copy

# antk's tests that cannot pass after `migrate code`, and why:
KNOWN_FAILURES = {
    # test/test_DataSet.py parses as Python 3 and never mentions TensorFlow, so `migrate
    # code` does not look at it; it calls `xrange`
    "test_next_mixed_mini_batch2",
}
TEST_MODULES = ["test/test_DataSet.py", "test/test_DataSets.py", "test/test_HotIndex.py", "test/test_transforms.py"]


@pytest.mark.tf
@pytest.mark.slow
def test_antk_python2_modules_are_ported_and_its_tests_pass(tmp_path):
    pytest.importorskip("scipy")
    pytest.importorskip("matplotlib")
    tree = fresh_copy("antk==0.3", tmp_path / "antk")
    python2 = []
    for path in sorted(tree.rglob("*.py")):
        try:
            ast.parse(path.read_text(errors="replace"))
        except SyntaxError:
            python2.append(path.relative_to(tree).as_posix())
    assert python2 == ["antk/core/config.py", "antk/core/loader.py"]

    result = migrate_cli(".", "--report", str(tmp_path / "report.json"), cwd=tree)
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    ported = sorted(
        os.path.normpath(f["path"]) for f in report["files"]
        if any(c["code"] == "MIG302" for c in f.get("changes", []))
    )
    assert ported == python2
    for path in tree.rglob("*.py"):
        ast.parse(path.read_text(errors="replace"))  # every file is Python 3 now

    # antk/core/__init__.py (`import config`: an implicit relative import in a file that
    # parses as Python 3 and never mentions TensorFlow) is outside what `migrate code`
    # rewrites: 2to3's own fix_import (fissix) is applied to it, as a user would.
    fixed = subprocess.run(
        [sys.executable, "-m", "fissix", "-f", "import", "-w", "-n", "antk/core/__init__.py"],
        cwd=tree, capture_output=True, text=True,
    )
    assert fixed.returncode == 0, fixed.stderr
    # antk's tests shuffle 4 rows with np.random and some assert the order changed (a 1 in 24
    # chance of failing, seen once in CI): NumPy is seeded before each test, as a fixed seed
    # makes any run of them repeatable
    (tree / "conftest.py").write_text(
        "import numpy as np\nimport pytest\n\n\n@pytest.fixture(autouse=True)\n"
        "def _seeded():\n    np.random.seed(0)\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    env.pop("TF_USE_LEGACY_KERAS", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={tmp_path / 'junit.xml'}", *TEST_MODULES],
        cwd=tree, env=env, capture_output=True, text=True, timeout=900,
    )
    cases = ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    passed, failed = [], []
    for case in cases:
        bad = case.find("failure") is not None or case.find("error") is not None
        (failed if bad else passed).append(case.get("name"))
    assert set(failed) <= KNOWN_FAILURES, run.stdout[-3000:]
    assert len(passed) >= 60, run.stdout[-3000:]
