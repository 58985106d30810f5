"""Benchmark: `migrate code` against TensorFlow's own `tf_upgrade_v2`, same machine, same run.

    python bench/bench_code.py [--repeat 3] [--json out.json] [--projects NAME,...]

The tree is real TF1 / Keras-2 code nobody here wrote: the PyPI sdists listed in
tests/real_corpus.py:PROJECTS (nine projects of different kinds, ~94,000 lines of
.py), downloaded at benchmark time through tests/pypi_sources.py (cached outside the
repository, never committed). None of these sdists ships a notebook, so each project
also gets up to 8 notebooks assembled from its own programs (tests/real_corpus.py:
assemble_notebooks): the notebook path is measured. tf_upgrade_v2 converts only the
.py files of a tree (it copies notebooks): migrate does strictly more work.

Scenarios, each timed for both tools on fresh copies of the same files, the two tools
alternating within each repeat:

  project   every project alone, first migration: the ratio per project, and the
            sum over the projects
  tree      all projects in one tree, first migration (also the peak memory)
  check     the tree migrated once by `migrate code`, checked again by both tools
            (`migrate code --check`; tf_upgrade_v2 has no check mode, so it converts
            the same migrated tree into a scratch folder, which is the work it does to tell)
  project_check
            the same for every project alone (its own migrated copy): the ratio per
            project (not in the default scenarios: it doubles tf_upgrade_v2's share)
  small     one small TF1 file, cold start (a new interpreter each time)
  stress    12,000 lines that all need a rename (`x = tf.random_normal([3], seed=i)`):
            `migrate code` on it in a fresh interpreter, against one LibCST parse +
            codegen of the same text in a fresh interpreter (the floor of any LibCST tool)

Wall time is the median of --repeat runs. Peak memory is the largest sum of the
resident set sizes of the tool's process and all its children, sampled from /proc
every 10 ms. Everything is reported as ratios measured in the same run; `load` is
the 1-minute load average at the start and end (other work on the machine inflates
both tools' times).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.real_corpus import PROJECTS, count, project_tree  # noqa: E402

OUT = HERE / "out"
SMALL_FILE = REPO / "examples" / "legacy_tf1"
NOTEBOOKS_PER_PROJECT = 8
STRESS_LINES = 12000


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak MB over the process tree, exit code)."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kb(p) for p in _descendants(process.pid)))
            done.wait(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    return wall, peak / 1024, code


def migrate_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "migrate", "code", *args]


def upgrade_cmd(*args: str) -> list[str]:
    exe = shutil.which("tf_upgrade_v2")
    if exe is None:
        sys.exit("tf_upgrade_v2 not found: install the [model] extra (it ships in the tensorflow wheel)")
    return [exe, *args]


def compile_package() -> None:
    """Byte-compile migrate's own sources, as `pip install` does for a regular install
    (tf_upgrade_v2 runs from site-packages with its .pyc files); without this, an
    environment with PYTHONDONTWRITEBYTECODE set would recompile ~30 modules per run."""
    import compileall

    import migrate
    import migrate.codemods

    for package in (migrate, migrate.codemods):
        compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)


def build_corpus(root: Path, names: list[str] | None) -> dict[str, Path]:
    """One folder per project under root (fresh copies, notebooks assembled)."""
    trees = {}
    for requirement, _ in PROJECTS:
        name = requirement.split("==")[0]
        if names and name not in names:
            continue
        trees[name] = project_tree(requirement, root / name, notebooks=NOTEBOOKS_PER_PROJECT)
    return trees


def _load() -> float:
    return os.getloadavg()[0]


def _timed(command: list[str], cwd: Path | None = None) -> dict:
    wall, peak, code = measure(command, cwd)
    return {"wall_s": wall, "peak_mb": peak, "exit": code}


def _summary(samples: dict[str, list[dict]]) -> dict:
    out = {}
    for tool, rows in samples.items():
        out[tool] = {
            "wall_s": statistics.median(r["wall_s"] for r in rows),
            "peak_mb": max(r["peak_mb"] for r in rows),
            "exit_codes": sorted({r["exit"] for r in rows}),
        }
    out["speedup"] = out["tf_upgrade_v2"]["wall_s"] / out["migrate"]["wall_s"]
    out["memory_ratio"] = out["migrate"]["peak_mb"] / out["tf_upgrade_v2"]["peak_mb"]
    return out


def _print(name: str, summary: dict) -> None:
    m, u = summary["migrate"], summary["tf_upgrade_v2"]
    print(f"{name:22} migrate {m['wall_s']:7.2f} s {m['peak_mb']:6.0f} MB | "
          f"tf_upgrade_v2 {u['wall_s']:7.2f} s {u['peak_mb']:6.0f} MB | "
          f"speed-up {summary['speedup']:5.2f}x  memory {summary['memory_ratio']:.2f}x", flush=True)


def _run_both(samples: dict[str, list[dict]], k: int, migrate_args: list[str], upgrade_args: list[str], cwd: Path) -> None:
    """One run of each tool, in turn (migrate first on even repeats, tf_upgrade_v2 first on odd)."""
    runs = [
        ("migrate", lambda: _timed(migrate_cmd(*migrate_args))),
        ("tf_upgrade_v2", lambda: _timed(upgrade_cmd(*upgrade_args), cwd=cwd)),
    ]
    for tool, run_it in (runs if k % 2 == 0 else runs[::-1]):
        samples[tool].append(run_it())


def first_migration(source: Path, repeat: int) -> dict:
    samples = {"migrate": [], "tf_upgrade_v2": []}
    for k in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            shutil.copytree(source, scratch / "m")
            shutil.copytree(source, scratch / "u")
            _run_both(samples, k, [str(scratch / "m")],
                      ["--intree", "u", "--outtree", "u_out", "--copyotherfiles", "False", "--reportfile", "r.txt"], scratch)
    return _summary(samples)


def check_migrated(source: Path, repeat: int) -> dict:
    """Both tools on the SAME already-migrated tree (migrated once by `migrate code`):
    `migrate code --check` against tf_upgrade_v2 converting it into a scratch folder."""
    samples = {"migrate": [], "tf_upgrade_v2": []}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        shutil.copytree(source, scratch / "m")
        subprocess.run(migrate_cmd(str(scratch / "m")), capture_output=True)
        for k in range(repeat):
            _run_both(samples, k, ["--check", str(scratch / "m")],
                      ["--intree", "m", "--outtree", f"u_again{k}", "--copyotherfiles", "False", "--reportfile", "r.txt"], scratch)
    return _summary(samples)


def small_file(repeat: int) -> dict:
    small = sorted(SMALL_FILE.glob("*.py"), key=lambda p: p.stat().st_size)[0]
    samples = {"migrate": [], "tf_upgrade_v2": []}
    for k in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            shutil.copy(small, scratch / "m.py")
            shutil.copy(small, scratch / "u.py")
            _run_both(samples, k, [str(scratch / "m.py")],
                      ["--infile", "u.py", "--outfile", "u_out.py", "--reportfile", "r.txt"], scratch)
    summary = _summary(samples)
    summary["lines"] = small.read_bytes().count(b"\n")
    return summary


_FLOOR = """
import sys, time
import libcst
text = open(sys.argv[1]).read()
start = time.perf_counter()
code = libcst.parse_module(text).code
print(time.perf_counter() - start)
"""
_MIGRATE = """
import sys, time
from migrate import runner
from migrate.settings import Settings
runner._codemods()
start = time.perf_counter()
result = runner.process_file(sys.argv[1], Settings(keras="3"))
elapsed = time.perf_counter() - start
assert result.status == "changed", result.error
print(elapsed)
"""


def stress(repeat: int) -> dict:
    """migrate's work on the all-rename file against one LibCST parse + codegen of it,
    each in a fresh interpreter with its imports done before the clock starts."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "stress.py"
        path.write_text("import tensorflow as tf\n\n" + "".join(
            f"x = tf.random_normal([3], seed={i})\n" for i in range(STRESS_LINES)))
        samples = {"migrate": [], "libcst": []}
        for k in range(repeat):
            runs = [("migrate", _MIGRATE), ("libcst", _FLOOR)]
            for tool, script in (runs if k % 2 == 0 else runs[::-1]):
                done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                                      cwd=REPO, check=True)
                samples[tool].append(float(done.stdout.strip().splitlines()[-1]))
    m = statistics.median(samples["migrate"])
    floor = statistics.median(samples["libcst"])
    print(f"{'stress (12,000 renames)':22} migrate {m:7.2f} s | one LibCST parse + codegen {floor:7.2f} s | "
          f"ratio {m / floor:.2f}x", flush=True)
    return {"migrate_s": m, "libcst_parse_codegen_s": floor, "ratio": m / floor, "samples": samples}


def run(repeat: int, names: list[str] | None, scenarios: set[str], extra_trees: tuple[str, ...] = (),
        small_repeat: int = 3) -> dict:
    compile_package()
    results: dict = {"cores": os.cpu_count(), "load_start": _load(), "projects": {}, "scenarios": {}}
    if "small" in scenarios:
        summary = small_file(small_repeat)
        results["scenarios"]["small"] = summary
        _print(f"small file ({summary['lines']} lines)", summary)
    if "stress" in scenarios:
        results["scenarios"]["stress"] = stress(small_repeat)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corpus"
        trees = build_corpus(root, names)
        total = {"py_files": 0, "py_lines": 0, "notebooks": 0}
        for name, tree in trees.items():
            sizes = count(tree)
            for key in total:
                total[key] += sizes[key]
            results["projects"][name] = {"size": sizes}
        results["corpus"] = total
        if trees:
            print(f"corpus: {len(trees)} projects, {total['py_files']} .py files, {total['py_lines']} lines, "
                  f"{total['notebooks']} notebooks; {os.cpu_count()} cores; load {results['load_start']:.1f}",
                  flush=True)
        if trees and "project" in scenarios:
            sums = {"migrate": 0.0, "tf_upgrade_v2": 0.0}
            for name, tree in trees.items():
                summary = first_migration(tree, repeat)
                results["projects"][name].update(summary)
                _print(f"{name} ({results['projects'][name]['size']['py_lines']} lines)", summary)
                for tool in sums:
                    sums[tool] += summary[tool]["wall_s"]
            results["scenarios"]["projects_total"] = {**sums, "speedup": sums["tf_upgrade_v2"] / sums["migrate"]}
            print(f"{'all projects (sum)':22} migrate {sums['migrate']:7.2f} s | tf_upgrade_v2 "
                  f"{sums['tf_upgrade_v2']:7.2f} s | speed-up {sums['tf_upgrade_v2'] / sums['migrate']:5.2f}x", flush=True)
        if trees and "project_check" in scenarios:
            sums = {"migrate": 0.0, "tf_upgrade_v2": 0.0}
            for name, tree in trees.items():
                summary = check_migrated(tree, repeat)
                results["projects"][name]["check"] = summary
                _print(f"{name} --check", summary)
                for tool in sums:
                    sums[tool] += summary[tool]["wall_s"]
            results["scenarios"]["project_check_total"] = {**sums, "speedup": sums["tf_upgrade_v2"] / sums["migrate"]}
            print(f"{'all projects --check':22} migrate {sums['migrate']:7.2f} s | tf_upgrade_v2 "
                  f"{sums['tf_upgrade_v2']:7.2f} s | speed-up {sums['tf_upgrade_v2'] / sums['migrate']:5.2f}x", flush=True)
        if trees and "tree" in scenarios:
            summary = first_migration(root, repeat)
            results["scenarios"]["tree"] = summary
            _print("whole tree", summary)
        if trees and "check" in scenarios:
            summary = check_migrated(root, repeat)
            results["scenarios"]["check"] = summary
            _print("whole tree --check", summary)
    for path in extra_trees:
        tree = Path(path).resolve()
        sizes = count(tree)
        first = first_migration(tree, repeat)
        check = check_migrated(tree, repeat)
        results.setdefault("extra_trees", {})[str(tree)] = {"size": sizes, "first": first, "check": check}
        _print(f"{tree.name} ({sizes['py_lines']} lines, {sizes['notebooks']} nb)", first)
        _print(f"{tree.name} --check", check)
    results["load_end"] = _load()
    print(f"load average (1 min): {results['load_start']:.1f} at the start, {results['load_end']:.1f} at the end")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tree scenario (median)")
    parser.add_argument("--repeat-small", type=int, default=5, help="runs of the small and stress scenarios")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--projects", help="comma-separated project names (default: all)")
    parser.add_argument("--scenarios", default="project,tree,check,small,stress")
    parser.add_argument("--tree", action="append", default=[], metavar="PATH",
                        help="also measure first migration and --check on this folder (e.g. a cloned repository)")
    args = parser.parse_args()
    names = args.projects.split(",") if args.projects else None
    if args.projects == "none":
        names = ["-"]
    results = run(args.repeat, names, set(args.scenarios.split(",")), tuple(args.tree), args.repeat_small)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
