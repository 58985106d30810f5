"""Benchmark: `migrate code --style tf2` against `--style compat` on the same files, same run.

    python bench/bench_tf2_style.py [--repeat 3] [--json out.json] [--tree PATH ...] [--no-set] [--keras 3]

The set is tests/e2e/tf2_style_programs.py:PROGRAMS (real TF 1.x training programs and the
library folders they import, from PyPI archives downloaded at benchmark time through
tests/pypi_sources.py, cached outside the repository, never committed). `--tree PATH` measures
any other folder the same way (e.g. a repository brought for a trial; never commit it).
bench/tf2_style_repos.txt names the public repositories measured that way in issue 13's trials
(owner/name and the commit measured; the code itself is never committed).

Printed, for the set and for each tree:
  programs converted fully with --style tf2 (a program counts when none of its migrated files
      fell back: no MIG6xx finding in the --report JSON); of the changed files, how many the tf2
      pass converted (MIG601), kept compat (MIG602), or left as they were because the compat
      migration already had no TF 1 graph construct (Keras or eager files);
  training programs converted fully, of the files that train (an optimizer's `.minimize(` or
      `apply_gradients(` and a `Session(` in the file's text, notebooks' code cells included): the
      programs issue 13's done-when counts, among the library modules and helpers of a tree;
  `compat.v1` references left in total, compat style against tf2 style (counted with the ast:
      attribute chains `*.compat.v1`, `from tensorflow.compat import v1`, imports of
      `tensorflow.compat.v1`), and in the files before migration;
  wall time of each style on fresh copies of the same files (median of --repeat runs, the two
      styles alternating within each repeat) and the ratio tf2 / compat.
`load` is the 1-minute load average at the start and the end (other work inflates both).
`--keras 2|3|auto` is passed to both styles (the default, auto, targets Keras 2 / tf-keras for
programs of tf.layers, and --style tf2 keeps those files compat: MIG602 says so).
Without --style in `migrate code` (before issue 13's engine lands) only compat is measured.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.e2e.tf2_style_programs import PROGRAMS, compat_v1_references  # noqa: E402
from tests.pypi_sources import unpacked  # noqa: E402


def style_supported() -> bool:
    done = subprocess.run([sys.executable, "-m", "migrate", "code", "--help"], capture_output=True, text=True, cwd=REPO)
    return "--style" in done.stdout


def build_set(root: Path) -> dict[str, list[Path]]:
    """One folder per archive under root holding the programs and their libraries;
    {program name: the paths `migrate code` is given for it}."""
    targets = {}
    for program in PROGRAMS:
        source = unpacked(program.requirement, program.kind)
        base = root / program.requirement.replace("==", "-")
        for relative in program.files:
            origin, target = source / relative, base / relative
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if origin.is_dir():
                shutil.copytree(origin, target)
            else:
                shutil.copy2(origin, target)
        targets[program.name] = [base / f for f in program.files]
    return targets


def python_files(paths: list[Path]) -> list[Path]:
    out: dict[Path, None] = {}
    for path in paths:
        out.update(dict.fromkeys([path] if path.is_file() else sorted(path.rglob("*.py"))))
    return list(out)


def count_compat_v1(files: list[Path]) -> int:
    total = 0
    for file in files:
        try:
            total += compat_v1_references(file.read_bytes())
        except SyntaxError:  # a Python 2 file before migration
            pass
    return total


TRAINING_OP = re.compile(rb"\.(minimize|apply_gradients)\s*\(")
SESSION = re.compile(rb"\b(Interactive)?Session\s*\(")


def is_training_program(path: Path) -> bool:
    """Whether the file at `path` (.py or .ipynb) trains a TF 1.x graph: its text calls an optimizer's
    minimize or apply_gradients and opens a Session. Text, not the ast, so Python 2 files count."""
    text = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(text).get("cells", [])
        except (ValueError, AttributeError):
            return False
        text = "\n".join("".join(c.get("source", [])) for c in cells if c.get("cell_type") == "code").encode()
    return bool(TRAINING_OP.search(text) and SESSION.search(text))


def training_programs(tree: Path, report: Path) -> tuple[int, int]:
    """(converted, total) training programs of a migrated `tree`, from its --style tf2 report:
    converted means the file has a MIG601 finding. The files are read before migration from
    the report's own copy, so the count is of the programs as their authors wrote them."""
    converted = total = 0
    for entry in json.loads(report.read_text())["files"]:
        path = Path(entry["path"].split("[")[0])
        codes = {f["code"] for f in entry.get("warnings", []) + entry.get("changes", [])}
        if not codes & {"MIG601", "MIG602"} or not path.is_file():
            continue
        relative = path.relative_to(tree)
        if is_training_program(tree.parent / "source" / relative):
            total += 1
            converted += "MIG601" in codes
    return converted, total


EXTRA: list[str] = []  # options given to both styles (--keras)


def migrate(style: str | None, root: Path, report: Path) -> float:
    args = (["--style", style] if style else []) + EXTRA
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "migrate", "code", *args, "--report", str(report), str(root)],
                          capture_output=True, text=True, cwd=REPO, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1, 2):
        sys.exit(f"migrate code {' '.join(args)} {root} failed ({done.returncode}): {done.stderr[-1000:]}")
    return wall


def fallbacks(report: Path) -> dict[str, list[dict]]:
    out = {}
    for entry in json.loads(report.read_text())["files"]:
        found = [f for f in entry.get("warnings", []) if f["code"].startswith("MIG6")]
        if found:
            out[os.path.realpath(entry["path"])] = found
    return out


def measure(source: Path, repeat: int, tf2: bool, programs: dict[str, list[Path]] | None = None) -> dict:
    """Both styles on fresh copies of `source`; counts from the last repeat."""
    styles = ["compat", "tf2"] if tf2 else ["compat"]
    walls: dict[str, list[float]] = {s: [] for s in styles}
    result: dict = {"py_files": len(python_files([source]))}
    result["compat_v1_before"] = count_compat_v1(python_files([source]))
    for k in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            order = styles if k % 2 == 0 else styles[::-1]
            if k == repeat - 1 and tf2:
                shutil.copytree(source, scratch / "source", symlinks=True)
            for style in order:
                shutil.copytree(source, scratch / style, symlinks=True)
                walls[style].append(migrate(style if tf2 else None, scratch / style, scratch / f"{style}.json"))
            if k == repeat - 1:
                for style in styles:
                    files = python_files([scratch / style])
                    result[f"compat_v1_{style}"] = count_compat_v1(files)
                if tf2:
                    fell = fallbacks(scratch / "tf2.json")
                    changed = [e for e in json.loads((scratch / "tf2.json").read_text())["files"]
                               if e["status"] == "changed"]
                    result["files_changed"] = len(changed)
                    result["files_fell_back"] = len(fell)
                    # MIG601 files: the tf2 pass rewrote them; the other changed files without a
                    # fallback had no TF 1 graph construct left after the compat migration (Keras or
                    # eager files): TF 2 already, not a conversion of this pass
                    summary = json.loads((scratch / "tf2.json").read_text())["summary"]
                    result["files_converted"] = summary.get("tf2_style", 0)
                    result["files_tf2_after_compat"] = len(changed) - len(fell) - result["files_converted"]
                    result["training_converted"], result["training_programs"] = training_programs(
                        scratch / "tf2", scratch / "tf2.json")
                    result["fallback_codes"] = sorted({f["code"] for found in fell.values() for f in found})
                    if programs is not None:
                        converted = []
                        for name, paths in programs.items():
                            mine = {os.path.realpath(str(scratch / "tf2" / p.relative_to(source)))
                                    for p in python_files(paths)}
                            if not any(path in fell for path in mine):
                                converted.append(name)
                        result["programs"] = len(programs)
                        result["programs_converted"] = converted
    for style in styles:
        result[f"{style}_wall_s"] = statistics.median(walls[style])
    if tf2:
        result["tf2_over_compat"] = result["tf2_wall_s"] / result["compat_wall_s"]
    return result


def report_line(name: str, r: dict) -> str:
    parts = [f"{name}: {r['py_files']} .py files"]
    if "programs" in r:
        parts.append(f"programs converted fully {len(r['programs_converted'])}/{r['programs']}")
    if "files_converted" in r:
        parts.append(f"of {r['files_changed']} changed files: {r['files_converted']} converted to TF 2 style "
                     f"(MIG601), {r['files_fell_back']} kept compat ({','.join(r['fallback_codes']) or '-'}), "
                     f"{r['files_tf2_after_compat']} had no TF 1 graph construct left after compat")
        parts.append(f"training programs converted {r['training_converted']}/{r['training_programs']}")
    refs = f"compat.v1 refs: before {r['compat_v1_before']}, compat {r['compat_v1_compat']}"
    if "compat_v1_tf2" in r:
        refs += f", tf2 {r['compat_v1_tf2']}"
    parts.append(refs)
    time_part = f"compat {r['compat_wall_s']:.2f} s"
    if "tf2_wall_s" in r:
        time_part += f", tf2 {r['tf2_wall_s']:.2f} s, tf2/compat {r['tf2_over_compat']:.2f}x"
    parts.append(time_part)
    return " | ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--tree", action="append", default=[], metavar="PATH",
                        help="also measure this folder (e.g. a cloned repository)")
    parser.add_argument("--no-set", action="store_true", help="measure only the --tree folders")
    parser.add_argument("--keras", choices=["auto", "2", "3"], help="migrate code --keras, for both styles")
    args = parser.parse_args()
    if args.keras:
        EXTRA.extend(["--keras", args.keras])
    tf2 = style_supported()
    results: dict = {"cores": os.cpu_count(), "load_start": os.getloadavg()[0], "style_option": tf2}
    if not tf2:
        print("migrate code has no --style option here (issue 13's engine not merged): compat only", flush=True)
    if not args.no_set:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch) / "set"
            programs = build_set(root)
            results["set"] = measure(root, args.repeat, tf2, programs)
            print(report_line(f"set ({len(PROGRAMS)} programs)", results["set"]), flush=True)
            if tf2:
                print("  converted: " + ", ".join(results["set"]["programs_converted"]), flush=True)
    for tree in args.tree:
        path = Path(tree).resolve()
        results.setdefault("trees", {})[str(path)] = measure(path, args.repeat, tf2)
        print(report_line(path.name, results["trees"][str(path)]), flush=True)
    if len(args.tree) > 1:
        results["trees_total"] = total = {key: sum(r[key] for r in results["trees"].values())
                                          for key in next(iter(results["trees"].values()))
                                          if key not in ("fallback_codes", "tf2_over_compat")}
        total["fallback_codes"] = sorted({c for r in results["trees"].values() for c in r.get("fallback_codes", [])})
        if tf2:
            total["tf2_over_compat"] = total["tf2_wall_s"] / total["compat_wall_s"]
        print(report_line(f"TOTAL ({len(args.tree)} trees)", total), flush=True)
    results["load_end"] = os.getloadavg()[0]
    print(f"load average (1 min): {results['load_start']:.1f} at the start, {results['load_end']:.1f} at the end")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
