"""Speed work must not change what `migrate code` writes or reports.

Real TF1-era projects are downloaded from PyPI at test time (tests/real_corpus.py:
.py files plus notebooks assembled from their programs, and the one real notebook
tensor2tensor ships), each project is migrated by `migrate code` as a user would run
it, then checked again with `--check`. For every file the test compares three sha256
digests with the ones recorded in tests/data/real_output_hashes.json:

  out     the bytes of the file after the migration
  report  the file's entry of the --report JSON of the migration (status, every
          rewrite and warning with code, line, column, message; required packages)
  check   the same entry of the --check run on the migrated tree

Only digests are committed: the third-party code and its migrated form never are.

Recording (`python -m tests.test_real_outputs --record`) overwrites the digests with
what the engine produces NOW. Rerun it ONLY when a codemod's intended output changes
(a new rewrite, a fixed rewrite, a new warning) and review the diff of the affected
files before committing. Never rerun it to make an engine change pass: engine work
(speed, memory, parallelism) must leave every digest as it is.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.pypi_sources import unpacked
from tests.real_corpus import project_tree

HASHES = Path(__file__).resolve().parent / "data" / "real_output_hashes.json"

# a few hundred files of different kinds; each project also gets up to 6 assembled notebooks
PROJECTS = [
    "tflearn==0.3.2",
    "tensorpack==0.9.8",
    "stable-baselines==2.10.2",
    "keras-retinanet==0.5.1",
    "mrcnn==0.2",
    "facenet==1.0.5",
    "keras-bert==0.50.0",
]
REAL_NOTEBOOKS = [("tensor2tensor==1.15.7", "tensor2tensor/visualization/TransformerVisualization.ipynb")]
NOTEBOOKS_PER_PROJECT = 6


def _digest(value) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()


def _entries(report_path: Path, root: Path) -> dict[str, dict]:
    """Report entries by path relative to `root`, with `root` removed from every text."""
    prefix = str(root) + "/"
    text = report_path.read_text().replace(prefix, "")
    report = json.loads(text)
    return {entry.pop("path"): entry for entry in report["files"]}


def _run(tree: Path, *args: str) -> dict[str, dict]:
    from migrate.code_cli import code

    report = tree.parent / f"{tree.name}-{'check' if args else 'write'}.json"
    try:
        code.main([*args, "--report", str(report), str(tree)], standalone_mode=False)
    except SystemExit:
        pass
    return _entries(report, tree.parent)


def build_trees(base: Path) -> list[Path]:
    trees = []
    for requirement in PROJECTS:
        name = requirement.split("==")[0]
        trees.append(project_tree(requirement, base / name, notebooks=NOTEBOOKS_PER_PROJECT))
    real = base / "real-notebooks"
    for requirement, relative in REAL_NOTEBOOKS:
        target = real / requirement.split("==")[0] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(unpacked(requirement) / relative, target)
    trees.append(real)
    return trees


def digests(base: Path) -> dict[str, dict[str, str]]:
    """{relative path: {"out", "report", "check"}} for every file of every tree."""
    result: dict[str, dict[str, str]] = {}
    for tree in build_trees(base):
        written = _run(tree)
        checked = _run(tree, "--check")
        for path in sorted(tree.rglob("*")):
            if path.suffix not in (".py", ".ipynb") or not path.is_file():
                continue
            relative = str(path.relative_to(base))
            result[relative] = {
                "out": _digest(path.read_bytes()),
                "report": _digest(written.get(relative, {})),
                "check": _digest(checked.get(relative, {})),
            }
    return result


@pytest.mark.slow
def test_real_projects_migrate_to_the_recorded_outputs(tmp_path):
    recorded = json.loads(HASHES.read_text())
    actual = digests(tmp_path)
    assert len(actual) >= 300, f"only {len(actual)} files: did a download change?"
    assert set(actual) == set(recorded), "the file set changed: " + ", ".join(
        sorted(set(actual) ^ set(recorded))[:10]
    )
    differ = [f"{path} ({kind})" for path in sorted(actual) for kind in ("out", "report", "check")
              if actual[path][kind] != recorded[path][kind]]
    assert not differ, f"{len(differ)} digests differ from the recorded engine output: " + ", ".join(differ[:20])


def main(argv: list[str]) -> int:
    import tempfile

    if argv != ["--record"]:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        actual = digests(Path(scratch))
    HASHES.parent.mkdir(parents=True, exist_ok=True)
    HASHES.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    print(f"recorded {len(actual)} files in {HASHES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
