"""Benchmark: `migrate code` against TensorFlow's own `tf_upgrade_v2`, same machine, same run.

    python bench/bench_code.py [--repeat 3] [--json out.json]

The large tree is real TF1-era code: the source distributions of tflearn 0.3.2 and
tensorpack 0.9.8, fetched from PyPI with `pip download` on first use into
bench/out/corpus (not committed). Scenarios, each timed for both tools on its own
fresh copy of the same files:

  small  one small TF1 file, cold start (a new interpreter each time)
  tree   the whole tree, first migration
  check  the tree already migrated by the same tool, checked again
         (`migrate code --check`; tf_upgrade_v2 has no check mode, so it converts the
         migrated tree into a scratch folder, which is the work it does to tell)

Wall time is the median of --repeat runs. Peak memory is the largest sum of the
resident set sizes of the tool's process and all its children, sampled from /proc
every 10 ms. Everything is reported as ratios against tf_upgrade_v2.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CORPUS = OUT / "corpus"
PACKAGES = [("tflearn==0.3.2", "sdist"), ("tensorpack==0.9.8", "wheel")]
SMALL_FILE = HERE.parent / "examples" / "legacy_tf1"


def fetch_corpus() -> Path:
    if CORPUS.exists() and any(CORPUS.rglob("*.py")):
        return CORPUS
    downloads = OUT / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for requirement, kind in PACKAGES:
        args = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(downloads), requirement]
        if kind == "sdist":
            args[4:4] = ["--no-binary", ":all:"]
        subprocess.run(args, check=True, capture_output=True)
    CORPUS.mkdir(parents=True, exist_ok=True)
    for archive in downloads.iterdir():
        target = CORPUS / archive.name.split("-")[0]
        if archive.suffix == ".whl":
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(target)
        elif archive.name.endswith(".tar.gz"):
            with tarfile.open(archive) as tf:
                tf.extractall(target, filter="data")
    # keep Python sources only: both tools see exactly the same files
    for path in list(CORPUS.rglob("*")):
        if path.is_file() and path.suffix != ".py":
            path.unlink()
    return CORPUS


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


def line_count(folder: Path) -> tuple[int, int]:
    files = list(folder.rglob("*.py"))
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


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


def run(repeat: int) -> dict:
    compile_package()
    corpus = fetch_corpus()
    n_files, n_lines = line_count(corpus)
    # the smallest shipped example: a typical single file a pre-commit run sees
    small = sorted(SMALL_FILE.glob("*.py"), key=lambda p: p.stat().st_size)[0]
    results: dict = {"corpus": {"files": n_files, "lines": n_lines, "packages": [p for p, _ in PACKAGES]},
                     "cores": os.cpu_count(), "scenarios": {}}

    def scenario(name: str, prepare, migrate_args, upgrade_args):
        rows = {"migrate": [], "tf_upgrade_v2": []}
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as scratch:
                scratch = Path(scratch)
                prepare(scratch)
                rows["migrate"].append(measure(migrate_cmd(*migrate_args(scratch))))
                rows["tf_upgrade_v2"].append(measure(upgrade_cmd(*upgrade_args(scratch)), cwd=scratch))
        summary = {}
        for tool, samples in rows.items():
            summary[tool] = {
                "wall_s": statistics.median(s[0] for s in samples),
                "peak_mb": max(s[1] for s in samples),
                "exit_codes": sorted({s[2] for s in samples}),
            }
        summary["speedup"] = summary["tf_upgrade_v2"]["wall_s"] / summary["migrate"]["wall_s"]
        summary["memory_ratio"] = summary["migrate"]["peak_mb"] / summary["tf_upgrade_v2"]["peak_mb"]
        results["scenarios"][name] = summary
        print(f"{name:6} migrate {summary['migrate']['wall_s']:7.2f} s {summary['migrate']['peak_mb']:7.0f} MB | "
              f"tf_upgrade_v2 {summary['tf_upgrade_v2']['wall_s']:7.2f} s {summary['tf_upgrade_v2']['peak_mb']:7.0f} MB | "
              f"speed-up {summary['speedup']:5.1f}x  memory {summary['memory_ratio']:.2f}x", flush=True)

    def copy_small(scratch):
        shutil.copy(small, scratch / "m.py")
        shutil.copy(small, scratch / "u.py")

    scenario("small", copy_small,
             lambda s: [str(s / "m.py")],
             lambda s: ["--infile", "u.py", "--outfile", "u_out.py", "--reportfile", "r.txt"])

    def copy_tree(scratch):
        shutil.copytree(corpus, scratch / "m")
        shutil.copytree(corpus, scratch / "u")

    scenario("tree", copy_tree,
             lambda s: [str(s / "m")],
             lambda s: ["--intree", "u", "--outtree", "u_out", "--copyotherfiles", "False", "--reportfile", "r.txt"])

    def migrated_trees(scratch):
        copy_tree(scratch)
        subprocess.run(migrate_cmd(str(scratch / "m")), capture_output=True)
        subprocess.run(upgrade_cmd("--intree", "u", "--inplace", "--reportfile", "r0.txt"), cwd=scratch,
                       capture_output=True)

    scenario("check", migrated_trees,
             lambda s: ["--check", str(s / "m")],
             lambda s: ["--intree", "u", "--outtree", "u_again", "--copyotherfiles", "False", "--reportfile", "r.txt"])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = run(args.repeat)
    print(f"corpus: {results['corpus']['files']} files, {results['corpus']['lines']} lines; {results['cores']} cores")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
