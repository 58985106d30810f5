"""Proof that the text-splice path (`Codemod.prescan_edits`) writes what LibCST writes.

    python bench/splice_proof.py [TREE ...]

Every file of each tree (default: the real projects of tests/test_real_outputs.py and of
bench_code.py's corpus, downloaded from PyPI, with their assembled notebooks) is migrated
twice in this process, with the splice path and with the LibCST traversal forced
(`migrate.codemod.SPLICE = False`), under the Keras target `--keras auto` decides for its
tree; the new bytes, the status and every finding (code, line, column, message) must be
equal. Prints how many files took the splice path at least once (in any pass of the fixed
point); exits 1 on any difference. Not a unit test: it downloads and migrates ~1,000 files.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from migrate import codemod, runner  # noqa: E402
from migrate.settings import Settings  # noqa: E402


def default_trees(base: Path) -> list[Path]:
    from tests.real_corpus import PROJECTS, project_tree
    from tests.test_real_outputs import build_trees

    trees = build_trees(base / "digest")
    for requirement, _ in PROJECTS:
        name = requirement.split("==")[0]
        trees.append(project_tree(requirement, base / "bench" / name, notebooks=8))
    return trees


def compare(tree: Path) -> tuple[int, int, list[str]]:
    files, _ = runner.discover((str(tree),), ())
    candidates, _, keras_texts = runner.prefilter(files)
    keras, _ = runner.decide_keras(keras_texts, "auto", lambda text: None)
    settings = Settings(keras=keras)
    spliced_files = 0
    differences = []
    original = codemod._prescan_splice
    for path in candidates:
        taken = []

        def counting(*args):
            outcome = original(*args)
            taken.append(outcome is not None)
            return outcome

        codemod._prescan_splice = counting
        codemod.SPLICE = True
        try:
            fast = runner.process_file(path, settings)
        finally:
            codemod._prescan_splice = original
        codemod.SPLICE = False
        try:
            slow = runner.process_file(path, settings)
        finally:
            codemod.SPLICE = True
        spliced_files += any(taken)
        same = (
            fast.status == slow.status and fast.new_data == slow.new_data and fast.error == slow.error
            and [(d, f.as_dict(), f.kind) for d, f in fast.findings] == [(d, f.as_dict(), f.kind) for d, f in slow.findings]
        )
        if not same:
            differences.append(path)
    return len(candidates), spliced_files, differences


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        trees = [Path(p) for p in sys.argv[1:]] or default_trees(Path(scratch))
        total = spliced = 0
        bad: list[str] = []
        for tree in trees:
            count, fast, differences = compare(tree)
            total, spliced, bad = total + count, spliced + fast, bad + differences
            print(f"{tree}: {count} files, {fast} through the splice path, {len(differences)} different", flush=True)
        for path in bad:
            print(f"DIFFERENT: {path}")
        print(f"all: {total} files, {spliced} through the splice path, {len(bad)} different")
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
