"""Benchmark: `migrate model --no-verify` against the bare TensorFlow calls doing the same
conversion, as ratios of wall time and peak memory (target ≤ 1.2×).

Every measurement is a fresh process (TensorFlow import included on both sides, since a
user pays it on both), run alternately and repeated; the median is reported. Peak memory
is the maxrss that os.wait4 returns for the child, which covers the child and everything
it waited for. Models are built first in their own process, from code (no downloads):
a MobileNetV2 (weights=None) as Keras 3 `.keras`, the same architecture as a Keras 2 HDF5
written by tf_keras, and a TF1 graph saved by tf.compat.v1.train.Saver.

    python bench/bench_model.py [--repeat 3] [--workdir bench/out] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time

BUILD = textwrap.dedent('''
    import os, sys, numpy as np
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    import tensorflow as tf, keras, tf_keras
    work = sys.argv[1]
    keras.applications.MobileNetV2(input_shape=(128, 128, 3), alpha=0.5, weights=None).save(f"{work}/mnv2.keras")
    tf_keras.applications.MobileNetV2(input_shape=(128, 128, 3), alpha=0.5, weights=None).save(f"{work}/mnv2_k2.h5")
    graph = tf.Graph()
    with graph.as_default():
        v1 = tf.compat.v1
        x = v1.placeholder(tf.float32, [None, 784], name="x")
        h = x
        for i, width in enumerate([1024, 1024, 512]):
            w = v1.get_variable(f"w{i}", [h.shape[1], width])
            h = tf.nn.relu(tf.matmul(h, w))
        tf.nn.softmax(tf.matmul(h, v1.get_variable("out", [512, 10])), name="probs")
        with v1.Session() as s:
            s.run(v1.global_variables_initializer())
            v1.train.Saver().save(s, f"{work}/tf1/model.ckpt")
''')

# The bare TensorFlow equivalent of each conversion: what a user would write by hand.
BARE = {
    "keras→tflite": textwrap.dedent('''
        import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf, keras
        model = keras.models.load_model(sys.argv[1], compile=False)
        open(sys.argv[2], "wb").write(tf.lite.TFLiteConverter.from_keras_model(model).convert())
    '''),
    "keras→frozen": textwrap.dedent('''
        import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf, keras
        from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2
        model = keras.models.load_model(sys.argv[1], compile=False)
        spec = tf.TensorSpec(model.inputs[0].shape, model.inputs[0].dtype, name=model.inputs[0].name)
        fn = tf.function(lambda x: model(x, training=False)).get_concrete_function(spec)
        graph_def = convert_variables_to_constants_v2(fn).graph.as_graph_def()
        open(sys.argv[2], "wb").write(graph_def.SerializeToString())
    '''),
    "h5(Keras 2)→savedmodel": textwrap.dedent('''
        import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf, tf_keras
        model = tf_keras.models.load_model(sys.argv[1], compile=False)
        model.save(sys.argv[2], save_format="tf")
    '''),
    "ckpt(TF1)→frozen": textwrap.dedent('''
        import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf
        graph = tf.Graph()
        with graph.as_default():
            saver = tf.compat.v1.train.import_meta_graph(sys.argv[1] + ".meta", clear_devices=True)
            with tf.compat.v1.Session(graph=graph) as session:
                saver.restore(session, sys.argv[1])
                frozen = tf.compat.v1.graph_util.convert_variables_to_constants(
                    session, graph.as_graph_def(), ["probs"])
        open(sys.argv[2], "wb").write(frozen.SerializeToString())
    '''),
}

CASES = [  # (name, input relative to workdir, migrate target, output name)
    ("keras→tflite", "mnv2.keras", "tflite", "out.tflite"),
    ("keras→frozen", "mnv2.keras", "frozen", "out.pb"),
    ("h5(Keras 2)→savedmodel", "mnv2_k2.h5", "savedmodel", "out_savedmodel"),
    ("ckpt(TF1)→frozen", "tf1/model.ckpt", "frozen", "out_tf1.pb"),
]


# The unsafe-op scan runs on every graph source before anything else: its cost, timed in-process
# (median of 20) on the SavedModel and the TF1 checkpoint of the cases above, set against
# the wall time of the whole conversion measured above.
SCAN = textwrap.dedent('''
    import json, os, sys, statistics, time
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    from migrate.converters import detect, unsafe_ops
    result = {}
    for path in sys.argv[1:]:
        found = detect.detect(path)
        times = []
        for _ in range(20):
            started = time.perf_counter()
            findings = unsafe_ops.scan_path(found)
            times.append(time.perf_counter() - started)
        graph = found.facts.get("proto")
        nodes = None
        if graph is not None:
            nodes = sum(len(m.graph_def.node) + sum(len(f.node_def) for f in m.graph_def.library.function)
                        for m in graph.meta_graphs)
        result[path] = {"seconds": statistics.median(times), "findings": len(findings), "nodes": nodes}
    print(json.dumps(result))
''')


def scan_cost(work: str, results: list[dict]) -> list[dict]:
    sources = {"h5(Keras 2)→savedmodel": os.path.join(work, "out_savedmodel"),
               "ckpt(TF1)→frozen": os.path.join(work, "tf1/model.ckpt")}
    output = subprocess.run([sys.executable, "-c", SCAN, *sources.values()], check=True, capture_output=True,
                            text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")).stdout
    timed = json.loads(output.strip().splitlines()[-1])
    rows = []
    by_case = {row["case"]: row for row in results}
    for case, path in sources.items():
        # the SavedModel scanned is the one the h5 case wrote; set against a conversion *from* such a
        # source (the ckpt case) and the h5 case's own time as the order of magnitude of a conversion
        conversion = by_case[case]["migrate_seconds"]
        item = timed[path]
        rows.append({"source": os.path.relpath(path, work), "scan_ms": item["seconds"] * 1000,
                     "nodes": item["nodes"], "findings": item["findings"],
                     "share_of_conversion": item["seconds"] / conversion})
    return rows


def measure(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user+sys) of one child process tree.
    CPU time is the figure least disturbed by other load on a shared machine."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stderr = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{stderr.decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # Linux reports maxrss in KiB


def _remove(path: str):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = os.path.abspath(args.workdir)
    os.makedirs(os.path.join(work, "tf1"), exist_ok=True)
    print("building models ...", file=sys.stderr)
    subprocess.run([sys.executable, "-c", BUILD, work], check=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2"),
                   stderr=subprocess.DEVNULL)
    results = []
    for name, source, target, out_name in CASES:
        src = os.path.join(work, source)
        out = os.path.join(work, out_name)
        bare_out = os.path.join(work, "bare_" + out_name)
        migrate_cmd = [sys.executable, "-m", "migrate", "model", src, "--to", target, "-o", out, "--no-verify", "--force"]
        bare_cmd = [sys.executable, "-c", BARE[name], src, bare_out]
        runs = {"migrate": [], "bare": []}
        for _ in range(args.repeat):  # alternate, so drift (caches, thermal) hits both sides
            for label, cmd, path in (("bare", bare_cmd, bare_out), ("migrate", migrate_cmd, out)):
                _remove(path)
                runs[label].append(measure(cmd))
        row = {"case": name}
        for label in ("bare", "migrate"):
            row[f"{label}_seconds"] = statistics.median(w for w, _, _ in runs[label])
            row[f"{label}_peak_mib"] = statistics.median(m for _, m, _ in runs[label])
            row[f"{label}_cpu_seconds"] = statistics.median(c for _, _, c in runs[label])
        row["time_ratio"] = row["migrate_seconds"] / row["bare_seconds"]
        # The fastest run of each side is least disturbed by other load on the machine.
        row["time_ratio_best"] = min(w for w, _, _ in runs["migrate"]) / min(w for w, _, _ in runs["bare"])
        row["cpu_ratio"] = row["migrate_cpu_seconds"] / row["bare_cpu_seconds"]
        row["memory_ratio"] = row["migrate_peak_mib"] / row["bare_peak_mib"]
        results.append(row)
        print(f"{name}: done", file=sys.stderr)
    scans = scan_cost(work, results)
    if args.json:
        print(json.dumps({"conversions": results, "unsafe_op_scan": scans}, indent=2))
        return
    print(f"{'conversion':24} {'bare s':>7} {'migrate s':>9} {'wall ×':>7} {'best ×':>7} {'cpu ×':>6} "
          f"{'bare MiB':>8} {'migrate MiB':>11} {'mem ×':>6}")
    for row in results:
        print(f"{row['case']:24} {row['bare_seconds']:7.2f} {row['migrate_seconds']:9.2f} {row['time_ratio']:7.2f} "
              f"{row['time_ratio_best']:7.2f} {row['cpu_ratio']:6.2f} {row['bare_peak_mib']:8.0f} "
              f"{row['migrate_peak_mib']:11.0f} {row['memory_ratio']:6.2f}")
    print(f"(median of {args.repeat} alternating runs each, 'best ×' = fastest run vs fastest run; "
          f"target ≤ 1.20×; machine load average {os.getloadavg()[0]:.1f})")
    for row in scans:
        print(f"unsafe-op scan of {row['source']}: {row['scan_ms']:.2f} ms"
              + (f" over {row['nodes']} graph and function nodes" if row["nodes"] else "")
              + f", {row['findings']} findings = {100 * row['share_of_conversion']:.3f}% of the conversion's wall time")


if __name__ == "__main__":
    main()
