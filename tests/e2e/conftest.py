"""End-to-end harness: migrate a copy of an example with the real CLI, run it under TF 2.

Examples live in examples/legacy_tf1/. A test copies one (with any files next to it
that it names), runs `python -m migrate code` on the copy, then runs the migrated and
the original program in processes of their own (forked from a server that imported TensorFlow,
as tests/forkserver.py sets them up, or fresh interpreters) and compares what they print.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import forkserver

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "legacy_tf1"


SERVERS = forkserver.Pool()
atexit.register(SERVERS.close)
PRELOAD = {"tensorflow": ["tensorflow"], "legacy": ["tensorflow", "tf_keras"]}
# what `migrate code --style tf2` imports (libcst, click and the tf2 converter's modules)
MIGRATE_PRELOAD = ["migrate.cli", "migrate.runner", "migrate.tf2_graph", "migrate.tf2_classes", "migrate.tf2_libraries"]


def run_python(script: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a Python program as a fresh interpreter would, in its own folder: forked from a
    server that has imported TensorFlow when nothing the program does before its import could
    change the import (tests/forkserver.py), else in a fresh interpreter."""
    full_env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0", "CUDA_VISIBLE_DEVICES": ""}
    full_env.pop("TF_USE_LEGACY_KERAS", None)  # the migrated program must set what it needs itself
    kind = None if env else forkserver.forked_kind(Path(script))
    if kind is not None:
        if kind == "legacy":
            full_env["TF_USE_LEGACY_KERAS"] = "1"
        argv = [str(script), *args]
        try:
            status, out, err = SERVERS.run(full_env, PRELOAD[kind], argv, Path(script).parent, timeout)
        except TimeoutError:
            raise subprocess.TimeoutExpired([sys.executable, *argv], timeout) from None
        return subprocess.CompletedProcess([sys.executable, *argv], status, out, err)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=script.parent, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


def run_pythons(*jobs: tuple[Path, tuple[str, ...]]) -> list[subprocess.CompletedProcess]:
    """Run several `(script, args)` programs as `run_python` does, side by side (one thread
    waiting on each subprocess), and return their results in the order given. Each program is
    its own process with its own seeds, so running them at once changes no printed number;
    on a machine with two cores a compat/tf2 pair takes about the time of the slower one."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(lambda job: run_python(job[0], *job[1]), jobs))


def migrate_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m migrate code ARGS` in `cwd`, forked from a server that has imported the CLI's
    modules (tests/forkserver.py): the same process a fresh interpreter would be, without its start-up."""
    argv = ["-m", "migrate", "code", *args]
    status, out, err = SERVERS.run(dict(os.environ), MIGRATE_PRELOAD, argv, Path(cwd or os.getcwd()), 300)
    return subprocess.CompletedProcess([sys.executable, *argv], status, out, err)


@pytest.fixture
def legacy_copy(tmp_path):
    """legacy_copy("name.py", *extra_files) -> (original_copy, migrated_copy, cli_result)."""

    def make(example: str, *extra: str, cli_args: tuple[str, ...] = ()):
        original = tmp_path / "original"
        migrated = tmp_path / "migrated"
        for folder in (original, migrated):
            folder.mkdir()
            for name in (example, *extra):
                source = EXAMPLES / name
                if source.is_dir():
                    shutil.copytree(source, folder / name)
                else:
                    shutil.copy2(source, folder / name)
        result = migrate_cli(*cli_args, str(migrated / example))
        assert result.returncode in (0, 1), result.stderr
        return original / example, migrated / example, result

    return make
