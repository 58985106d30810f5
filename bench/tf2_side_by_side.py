"""Run real TF 1.x programs in both migrations, side by side: does `--style tf2` compute what `--style compat` does?

    python bench/tf2_side_by_side.py [--timeout 60] [--training] [--sample N] [--seed K] [--json out.json] TREE...

Each TREE is a folder of someone else's TF 1.x code (a repository brought for a trial; never
commit it). For each tree:

1. Two copies. Every .py original that imports TensorFlow and sets no graph seed gets the
   same seed line (`tf.set_random_seed(1)` after the import, and after each statement
   `reset_default_graph()`, which dropped TF 1.x's graph seed) in both copies first, so both
   migrations start from one seeded program (`--style tf2` writes the op seeds TF 1.x's
   graph gave; an unseeded program draws other numbers in each run of either style).
2. `migrate code --style compat --keras 3` on one copy, `--style tf2 --keras 3 --report` on
   the other. The files the tf2 pass converted (MIG601) are the ones run (with `--training`
   only the training programs bench_tf2_style.py counts; or `--sample N` of them, drawn with
   `--seed`).
3. Each is run in both copies: its own folder as the working directory, the same
   `--timeout` (seconds), NumPy's and Python's generators seeded by a sitecustomize, no
   network (a program that downloads fails in both), a fresh HOME, matplotlib's Agg
   backend. Synthetic MNIST IDX files (5,600 training and 1,000 test images of 28x28 with a
   label-dependent bright block, written by this script) are put in every folder a string
   literal of the program names for MNIST (`read_data_sets("MNIST_data/")`, '/tmp/data/'
   paths under /tmp).
4. The numbers both runs printed are compared over their common prefix (a run cut by the
   timeout printed a prefix of its numbers; lines about time are skipped).

Verdicts per file: SAME (every compared number equal), close (largest difference < 1e-3,
relative for values above 1), drifts (the first ten agree within 1e-3, later ones do not:
float rounding training amplifies, as Adam's last bits in a GAN), DIFFER, no-numbers (nothing printed in time by one side),
TF2-FAILS (tf2 exits with an error where compat ran or was still running at the
timeout), compat-fails (compat errors, tf2 does not), both-fail (a missing data file,
a download). The totals are printed per tree and over all trees.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_tf2_style import is_training_program  # noqa: E402

SITE = "import random, numpy\nrandom.seed(0)\nnumpy.random.seed(0)\n"
TIME = re.compile(r"time|sec\b|secs|elapsed|seconds|\bETA\b|s/step|ms/|\d\s*ms\b|/s\b|it/s|took|date|\d\d:\d\d:\d\d",
                  re.IGNORECASE)
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf", re.IGNORECASE)
IMPORT = re.compile(r"^import tensorflow as (\w+)$|^import tensorflow$", re.MULTILINE)
RESET = re.compile(r"^([ \t]*)(?:[\w.]+\.)?reset_default_graph\(\)[ \t]*(?:#.*)?$", re.MULTILINE)
MNIST_LITERAL = re.compile(r"""read_data_sets\(\s*["']([^"'\n]+)["']|["']([^"'\n]*mnist[^"'\n]*)["']""", re.IGNORECASE)


def write_mnist(folder: Path) -> None:
    """Synthetic MNIST in the four IDX files `read_data_sets` reads (gzip, big-endian
    headers: magic 2051 + count, 28, 28 for images; 2049 + count for labels)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    for prefix, count in (("train", 5600), ("t10k", 1000)):
        labels = bytes(rng.randrange(10) for _ in range(count))
        images = bytearray(rng.randrange(60) for _ in range(count * 784))
        for i, label in enumerate(labels):
            row, col = 2 + (label // 5) * 12, 2 + (label % 5) * 5
            for r in range(row, row + 10):
                start = i * 784 + r * 28 + col
                images[start:start + 5] = b"\xff" * 5
        with gzip.open(folder / f"{prefix}-images-idx3-ubyte.gz", "wb") as stream:
            stream.write(struct.pack(">IIII", 2051, count, 28, 28) + bytes(images))
        with gzip.open(folder / f"{prefix}-labels-idx1-ubyte.gz", "wb") as stream:
            stream.write(struct.pack(">II", 2049, count) + labels)


def seed_original(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    match = IMPORT.search(text)
    if "set_random_seed" in text or "random.set_seed" in text or match is None:
        return False
    alias = match.group(1) or "tensorflow"
    # TF 1.x's reset_default_graph() drops the graph seed: seeded again after each reset
    text = RESET.sub(lambda m: f"{m.group(0)}\n{m.group(1)}{alias}.set_random_seed(1)", text)
    match = IMPORT.search(text)
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    path.write_text(f"{text[:end]}\n{alias}.set_random_seed(1){text[end:]}", encoding="utf-8")
    return True


def place_mnist(program: Path, mnist: Path) -> None:
    text = program.read_text(encoding="utf-8", errors="replace")
    for match in MNIST_LITERAL.finditer(text):
        literal = match.group(1) or match.group(2)
        if literal.endswith((".gz", ".npz", ".pkl", ".py")) or " " in literal or "{" in literal:
            continue
        folder = Path(literal) if os.path.isabs(literal) else program.parent / literal
        if os.path.isabs(literal) and not literal.startswith("/tmp/"):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for name in os.listdir(mnist):
            if not (folder / name).exists():
                shutil.copy(mnist / name, folder / name)


def numbers(output: str) -> list[float]:
    values = []
    for line in output.splitlines():
        if TIME.search(line) or "WARNING" in line or line.startswith(("I0000", "W0000", "E0000")):
            continue
        values.extend(float(n) for n in NUMBER.findall(line))
    return values


def run(program: Path, env: dict, timeout: float):
    start = time.time()
    try:
        done = subprocess.run([sys.executable, program.name], cwd=program.parent, env=env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
        return done.returncode, done.stdout, done.stderr, time.time() - start
    except subprocess.TimeoutExpired as cut:
        def text(value):
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else value or ""
        return "timeout", text(cut.stdout), text(cut.stderr), time.time() - start


def compare(a: list[float], b: list[float]) -> tuple[int, float, int]:
    """(numbers compared, the largest difference (relative above 1), how many leading
    numbers agree within 1e-3)."""
    count = min(len(a), len(b))
    worst, agree = 0.0, None
    for index, (x, y) in enumerate(zip(a[:count], b[:count])):
        if math.isnan(x) and math.isnan(y):
            continue
        difference = abs(x - y) / max(1.0, abs(x), abs(y))
        worst = max(worst, difference)
        if difference >= 1e-3 and agree is None:
            agree = index
    return count, worst, count if agree is None else agree


def verdict(compat, tf2, count: int, worst: float, agree: int) -> str:
    ran = (0, "timeout")
    if tf2 not in ran and compat in ran:
        return "TF2-FAILS"
    if tf2 not in ran and compat not in ran:
        return "both-fail"
    if compat not in ran:
        return "compat-fails"
    if count == 0:
        return "no-numbers"
    if worst == 0:
        return "SAME"
    # drifts: the first ten numbers (or all) agree within 1e-3, later ones do not (float
    # rounding that training amplifies: Adam's update differs in its last bits, a GAN grows it)
    return "close" if worst < 1e-3 else "drifts" if agree >= min(10, count) else "DIFFER"


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def side_by_side(tree: Path, work: Path, mnist: Path, args) -> list[dict]:
    compat, tf2 = work / "compat", work / "tf2"
    shutil.copytree(tree, compat, ignore=shutil.ignore_patterns("*.ipynb", ".git"))
    seeded = sum(seed_original(path) for path in compat.rglob("*.py"))
    shutil.copytree(compat, tf2)
    migrate = [sys.executable, "-m", "migrate", "code", "--keras", "3"]
    subprocess.run([*migrate, "--style", "compat", str(compat)], capture_output=True, check=False)
    report = work / "report.json"
    subprocess.run([*migrate, "--style", "tf2", "--report", str(report), str(tf2)], capture_output=True, check=False)
    converted = sorted(
        os.path.relpath(entry["path"], tf2) for entry in json.loads(report.read_text())["files"]
        if entry["path"].endswith(".py")
        and any(f.get("code") == "MIG601" for f in entry.get("changes", []) + entry.get("warnings", [])))
    if args.training:
        converted = [relative for relative in converted if is_training_program(tree / relative)]
    if args.sample and len(converted) > args.sample:
        converted = sorted(random.Random(args.seed).sample(converted, args.sample))
    print(f"== {tree.name}: {len(converted)} converted .py files to run (seed line added to {seeded} originals)",
          flush=True)
    site = work / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE)
    rows = []
    for relative in converted:
        results = []
        for side in (compat, tf2):
            program = side / relative
            place_mnist(program, mnist)
            home = work / f"home-{side.name}"
            home.mkdir(exist_ok=True)
            env = dict(os.environ, PYTHONPATH=str(site), MPLBACKEND="Agg", TF_CPP_MIN_LOG_LEVEL="2", HOME=str(home),
                       PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
            results.append(run(program, env, args.timeout))
        (code_c, out_c, err_c, time_c), (code_t, out_t, err_t, time_t) = results
        count, worst, agree = compare(numbers(out_c), numbers(out_t))
        row = {"tree": tree.name, "file": relative, "verdict": verdict(code_c, code_t, count, worst, agree),
               "exit": [code_c, code_t], "seconds": [round(time_c, 1), round(time_t, 1)], "compared": count,
               "worst": worst, "agree": agree}
        row["error"] = last_line(err_t) if row["verdict"] in ("TF2-FAILS", "both-fail") else \
            last_line(err_c) if row["verdict"] == "compat-fails" else ""
        rows.append(row)
        print(f"  {row['verdict']:12s} {relative}  [exit {code_c}/{code_t}, {time_c:.0f}s/{time_t:.0f}s, "
              f"{count} numbers, {agree} agree, worst {worst:.2g}]{' | ' + row['error'] if row['error'] else ''}", flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run of each style")
    parser.add_argument("--sample", type=int, default=0, help="run this many converted files per tree (0: all)")
    parser.add_argument("--seed", type=int, default=0, help="the sample's seed")
    parser.add_argument("--json", type=Path, help="write every file's verdict here")
    parser.add_argument("--training", action="store_true",
                        help="run only the converted training programs (bench_tf2_style's rule: minimize or "
                             "apply_gradients and a Session in the original's text), before --sample draws")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="tf2-sbs-") as scratch:
        mnist = Path(scratch) / "mnist"
        write_mnist(mnist)
        for index, tree in enumerate(args.trees):
            work = Path(scratch) / str(index)
            work.mkdir()
            rows += side_by_side(tree.resolve(), work, mnist, args)
            shutil.rmtree(work, ignore_errors=True)
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        for key in (row["tree"], "total"):
            totals.setdefault(key, {}).setdefault(row["verdict"], 0)
            totals[key][row["verdict"]] += 1
    for key, counts in totals.items():
        print(f"{key}: " + ", ".join(f"{name} {count}" for name, count in sorted(counts.items())))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "totals": totals}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
