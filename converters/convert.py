"""Running a plan: load, convert edge by edge, verify, and move the result into place.

Intermediates live in a TemporaryDirectory that is always removed. The final output is
written into a staging directory next to the destination and renamed into place only
when complete, so a failure never leaves a half-written or overwritten file behind.
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sys
import tempfile
import time

from migrate.converters import (ckpt, detect as detection, frozen, graphs, h5, json_weights, keras_engine,
                                keras_native, planner, savedmodel, tflite, unsafe_ops, verify)
from migrate.converters.base import Detected, Options
from migrate.converters.errors import (EXIT_NOT_VERIFIABLE, EXIT_VERIFY_FAILED, ModelError, OutputExists,
                                       RefusedUnsafe, UsageError, root_cause)


def default_output(detected: Detected, target: str) -> str:
    base = detected.path.rstrip("/\\")
    stem = base
    for suffix in (".weights.h5", ".h5", ".hdf5", ".json", ".keras", ".pb", ".pbtxt", ".tflite", ".ckpt"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if target == "savedmodel":
        return stem + "_savedmodel"
    suffix = {"h5": ".h5", "json": ".json", "keras": ".keras", "frozen": ".pb", "tflite": ".tflite",
              "ckpt": ".ckpt"}[target]
    return stem + suffix


# Names of intermediate files inside the scratch directory.
INTERMEDIATE_SUFFIX = {"h5": ".h5", "json": ".json", "keras": ".keras", "savedmodel": "_savedmodel",
                       "frozen": ".pb", "tflite": ".tflite", "ckpt": ".ckpt"}


def output_files(target: str, out_path: str) -> list[str]:
    if target == "json":
        return [out_path, json_weights.weights_path_for(out_path)]
    if target == "ckpt":
        return ckpt.checkpoint_files(out_path)
    return [out_path]


class Progress:
    """Steps with elapsed time on stderr (stdout is kept for the summary or the --json report)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, message: str):
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)


class Context:
    """What the edges share: options, the loaded source (loaded once), collected facts."""

    def __init__(self, options: Options, progress: Progress):
        self.options = options
        self.progress = progress
        self.keras_cache: dict[str, keras_engine.LoadedKeras] = {}
        self.restored: ckpt.RestoredGraph | None = None
        self.frozen_io: dict[str, graphs.FrozenGraph] = {}
        self.engine: str | None = None
        self.notes: list[str] = []
        self.flex_ops: list[str] = []
        self.result_sessions: list = []  # TF1 sessions opened to verify a written checkpoint

    def keras(self, detected: Detected) -> keras_engine.LoadedKeras:
        if detected.path not in self.keras_cache:
            loaded = keras_engine.load(detected, self.options)
            self.keras_cache[detected.path] = loaded
            self.engine = self.engine or loaded.engine
            self.notes += loaded.notes
            self.progress(f"loaded {detected.path} with {loaded.engine}")
        return self.keras_cache[detected.path]

    def frozen_graph(self, detected: Detected) -> graphs.FrozenGraph:
        if detected.path in self.frozen_io:
            return self.frozen_io[detected.path]
        graph = frozen.load(detected, self.options)
        self.explain(graph.reasons)
        return graph

    def restore(self, detected: Detected) -> ckpt.RestoredGraph:
        if self.restored is None:
            self.restored = ckpt.restore(detected, self.options)
            self.explain(self.restored.reasons)
        return self.restored

    def explain(self, reasons: list[str]):
        """Say once which inputs/outputs were chosen for a graph, and why."""
        for reason in reasons:
            if reason not in self.notes:
                self.notes.append(reason)
                self.progress(reason)


def run_edge(ctx: Context, edge: planner.Edge, src: Detected, out_path: str) -> list[str]:
    """One conversion step; returns the files written."""
    target = edge.target
    # Every edge from or to a Keras format goes through a Keras model in memory (a Keras-2
    # SavedModel and a TF2 object checkpoint are loaded as one too).
    if edge.source in planner.KERAS_FORMATS or target in planner.KERAS_FORMATS:
        loaded = ctx.keras(src)
        if target == "h5":
            return h5.save(loaded.model, out_path)
        if target == "json":
            return json_weights.save(loaded.model, out_path)
        if target == "keras":
            carried = keras_engine.to_keras3(loaded, ctx.options, src.path)
            if carried is not loaded:
                ctx.notes += carried.notes[len(loaded.notes):]
            return keras_native.save(carried.model, out_path)
        if target == "savedmodel":
            return savedmodel.save_keras(loaded, out_path)
        if target == "tflite":
            content, ctx.flex_ops, notes = tflite.from_keras(loaded.model, ctx.options, src.path)
            ctx.notes += notes
            return tflite.save(content, out_path)
        if target == "frozen":
            graph = graphs.freeze_concrete_function(keras_engine.concrete_function(loaded.model))
            ctx.frozen_io[out_path] = graph
            return frozen.save(graph, out_path)
    if edge.source == "savedmodel":
        if target == "frozen":
            graph = savedmodel.freeze(src.path)
            ctx.frozen_io[out_path] = graph
            return frozen.save(graph, out_path)
        if target == "tflite":
            content, ctx.flex_ops, notes = tflite.from_saved_model(src.path, ctx.options, src.path)
            ctx.notes += notes
            return tflite.save(content, out_path)
    if edge.source == "frozen":
        graph = ctx.frozen_graph(src)
        if target == "savedmodel":
            function, keep_alive = graphs.callable_from_graph_def(graph)
            return savedmodel.save_function(function.get_concrete_function(), out_path, keep_alive)
        if target == "tflite":
            content, ctx.flex_ops, notes = tflite.from_frozen_graph(graph, ctx.options, src.path)
            ctx.notes += notes
            return tflite.save(content, out_path)
    if edge.source == "frozen" and target == "ckpt":
        graph = ctx.frozen_graph(src)
        ctx.frozen_io[out_path] = graph  # the checkpoint's graph keeps these inputs/outputs
        return ckpt.save_from_frozen(graph, out_path)
    if edge.source == "ckpt" and target == "frozen":
        graph = ckpt.freeze(ctx.restore(src))
        ctx.frozen_io[out_path] = graph
        return frozen.save(graph, out_path)
    raise AssertionError(f"no implementation for edge {edge.source} → {target}")


def source_runner(ctx: Context, detected: Detected) -> verify.Runner:
    if detected.fmt in planner.KERAS_FORMATS or (detected.fmt == "ckpt" and detected.facts.get("kind") == "tf2-object"):
        return verify.KerasRunner(ctx.keras(detected).model)
    if detected.fmt == "ckpt":
        return verify.SessionRunner(ctx.restore(detected))
    if detected.fmt == "savedmodel":
        function, keep = savedmodel.serving_function(detected.path)
        return verify.FunctionRunner(function, keep)
    if detected.fmt == "frozen":
        graph = ctx.frozen_graph(detected)
        function, keep = graphs.callable_from_graph_def(graph)
        return verify.FunctionRunner(function.get_concrete_function(), keep, graph.graph_def)
    raise verify.NotVerifiable(f"{detected.fmt} cannot be run as a verification source")


def result_runner(ctx: Context, target: str, path: str) -> verify.Runner:
    if target in planner.KERAS_FORMATS:
        detected = detection.detect(path, target)
        # A fresh load of the written file: proves the file, not the object in memory.
        return verify.KerasRunner(keras_engine.load(detected, ctx.options).model)
    if target == "savedmodel":
        function, keep = savedmodel.serving_function(path)
        return verify.FunctionRunner(function, keep)
    if target == "frozen":
        known = ctx.frozen_io.get(path)
        graph_def = frozen.parse_graph_def(path)
        io = graphs.FrozenGraph(graph_def, known.inputs, known.outputs) if known else frozen.load(
            detection.detect(path, "frozen"), ctx.options)
        function, keep = graphs.callable_from_graph_def(io)
        return verify.FunctionRunner(function.get_concrete_function(), keep, graph_def)
    if target == "tflite":
        with open(path, "rb") as handle:
            return verify.TFLiteRunner(handle.read(), ctx.flex_ops)
    if target == "ckpt":
        known = ctx.frozen_io.get(path)
        options = dataclasses.replace(ctx.options, graph=None, inputs=known.inputs if known else None,
                                      outputs=known.outputs if known else None)
        restored = ckpt.restore(detection.detect(path, "ckpt"), options)
        ctx.result_sessions.append(restored.session)
        return verify.SessionRunner(restored)
    raise verify.NotVerifiable(f"{target} cannot be run")


def _move_into_place(staged: list[str], finals: list[str], force: bool):
    # The first file is the one users open (model.json); it appears last, after its companions.
    for src, dst in reversed(list(zip(staged, finals))):
        if os.path.lexists(dst):
            if not force:  # re-checked at the end: something may have appeared meanwhile
                raise OutputExists(f"{dst}: already exists; pass --force to overwrite")
            if os.path.isdir(dst) and not os.path.islink(dst):
                shutil.rmtree(dst)
            else:
                os.remove(dst)
        os.replace(src, dst)


def convert(input_path: str, target: str, out_path: str | None = None, *, options: Options | None = None,
            from_fmt: str | None = None, force: bool = False, do_verify: bool = True,
            tolerance: float | None = None, dry_run: bool = False, progress: bool = True) -> dict:
    """Convert one model file; returns the report (see docs/model.md). Raises ModelError."""
    options = options or Options()
    say = Progress(progress)
    started = time.perf_counter()
    if out_path and not dry_run:
        # Checked before any loading starts: a TF1 checkpoint can take minutes to restore.
        wanted = out_path.rstrip("/\\") or out_path
        parent = wanted if (out_path.endswith(("/", "\\")) and target != "savedmodel") else os.path.dirname(os.path.abspath(wanted))
        if not os.path.isdir(parent):
            raise UsageError(f"{parent}: output directory does not exist; create it first")
    detected = detection.detect(input_path, from_fmt, weights=options.weights)
    if options.quantize and target != "tflite":
        raise UsageError("--quantize applies to --to tflite only")
    path = planner.plan(detected, target)
    if out_path and target != "savedmodel" and os.path.isdir(out_path):
        # `-o some/dir/` means "in that directory, under the default name".
        out_path = os.path.join(out_path, os.path.basename(default_output(detected, target)))
    out_path = (out_path or default_output(detected, target)).rstrip("/\\") or out_path
    finals = output_files(target, out_path)
    if os.path.abspath(out_path) == os.path.abspath(detected.path):
        raise UsageError(f"{out_path}: output would replace the input; choose another -o")
    existing = [f for f in finals if os.path.lexists(f)]
    if existing and not force and not dry_run:
        raise OutputExists(f"{existing[0]}: already exists; pass --force to overwrite")
    if tolerance is None:
        tolerance = verify.QUANTIZED_TOLERANCE.get(options.quantize, verify.DEFAULT_TOLERANCE)
    report = {"input": detected.path, "from": detected.fmt, "to": target, "plan": [detected.fmt] + [e.target for e in path],
              "steps": [{"from": e.source, "to": e.target, "how": e.how} for e in path],
              "output": out_path, "output_files": finals, "dry_run": dry_run, "existing_outputs": existing}
    say(f"{detected.path}: {detected.fmt}; plan {planner.describe(path)}")
    # Graph sources are programs: scanned from their protobufs before anything runs.
    findings = unsafe_ops.scan_path(detected, options.graph)
    report["unsafe_ops"] = [finding.as_dict() for finding in findings]
    if findings and not options.unsafe and not dry_run:
        raise RefusedUnsafe(unsafe_ops.refusal(detected.path, findings))
    if dry_run:
        report["exit_code"] = 0
        return report

    ctx = Context(options, say)
    if findings:
        ctx.notes.append("--unsafe: the source's ops that reach outside the model were allowed to run: "
                         + ", ".join(sorted({f.op for f in findings})))
    parent = os.path.dirname(os.path.abspath(out_path))
    if not os.path.isdir(parent):
        raise UsageError(f"{parent}: output directory does not exist")
    staging = tempfile.mkdtemp(prefix=".migrate-", dir=parent)
    try:
        with tempfile.TemporaryDirectory(prefix="migrate-intermediate-") as scratch:
            current = detected
            for index, edge in enumerate(path):
                last = index == len(path) - 1
                step_out = (os.path.join(staging, os.path.basename(out_path)) if last else
                            os.path.join(scratch, f"step{index}{INTERMEDIATE_SUFFIX[edge.target]}"))
                say(f"step {index + 1}/{len(path)}: {edge.source} → {edge.target} ({edge.how})")
                step_started = time.perf_counter()
                try:
                    run_edge(ctx, edge, current, step_out)
                except ModelError as exc:
                    # An intermediate file is deleted with its folder: name the user's input.
                    if scratch in str(exc):
                        text = re.sub(re.escape(scratch) + r"[^\s:;,()']*",
                                      f"{detected.path} (as intermediate {edge.source})", str(exc))
                        raise type(exc)(text) from exc
                    raise
                report["steps"][index]["seconds"] = round(time.perf_counter() - step_started, 3)
                if not last:
                    current = detection.detect(step_out, edge.target)
                    if edge.target == "frozen" and step_out in ctx.frozen_io:
                        ctx.frozen_io[current.path] = ctx.frozen_io[step_out]
            staged = output_files(target, os.path.join(staging, os.path.basename(out_path)))
            report["engine"] = ctx.engine
            report["flex_ops"] = ctx.flex_ops
            report["verification"] = {"status": "skipped"}
            if do_verify:
                report["verification"] = _verify(ctx, detected, target, staged[0], tolerance, say)
        _move_into_place(staged, finals, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for session in ([ctx.restored.session] if ctx.restored is not None else []) + ctx.result_sessions:
            session.close()
    report["notes"] = ctx.notes
    report["seconds"] = round(time.perf_counter() - started, 3)
    status = report["verification"]["status"]
    report["exit_code"] = {"failed": EXIT_VERIFY_FAILED, "not-possible": EXIT_NOT_VERIFIABLE}.get(status, 0)
    say(f"wrote {', '.join(finals)}")
    return report


def _verify(ctx: Context, detected: Detected, target: str, staged: str, tolerance: float, say) -> dict:
    started = time.perf_counter()
    try:
        source = source_runner(ctx, detected)
        try:
            result = result_runner(ctx, target, staged)
            figures = verify.compare(source, result, tolerance)
        except (verify.NotVerifiable, ModelError):
            raise
        except Exception as exc:
            # The converted model does not load or run: that is a failed conversion, kept for inspection.
            reason = f"the result does not run: {type(exc).__name__}: {root_cause(exc, 300)}"
            say(f"verification FAILED: {reason}")
            return {"status": "failed", "reason": reason, "tolerance": tolerance,
                    "max_abs_diff": float("nan"), "max_rel_diff": float("nan"), "outputs": []}
    except verify.NotVerifiable as exc:
        say(f"verification NOT possible: {exc}")
        return {"status": "not-possible", "reason": str(exc)}
    except ModelError:
        raise
    figures["seconds"] = round(time.perf_counter() - started, 3)
    for output in figures["outputs"]:
        for key in ("name", "result_name"):
            if isinstance(output.get(key), str) and staged in output[key]:
                output[key] = output[key].replace(os.path.dirname(staged) + os.sep, "")
    say(f"verification {figures['status']}: max abs diff {figures['max_abs_diff']:.3g}, "
        f"max rel diff {figures['max_rel_diff']:.3g} (tolerance {tolerance:g} × max(1, largest |value|))")
    return figures
