"""Numerical proof of a conversion: the same deterministic inputs through source and result.

Inputs come from the source's input signature: dynamic batch → 2, other dynamic
dimensions → 4, floats uniform in [-1, 1), integers inside [0, vocabulary) when an
embedding/gather bounds them (else [0, 10)), seed 0. Outputs are paired by name, by
`output_N` index, or by position, in that order of preference. An output passes when
max|result − source| <= tolerance × max(1, max|source|): absolute for outputs of size ~1,
relative to the output's scale for large ones.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from migrate.converters import tfenv

DEFAULT_TOLERANCE = 1e-4
QUANTIZED_TOLERANCE = {"float16": 1e-2, "int8-dynamic": 1e-1}


class NotVerifiable(Exception):
    """Verification cannot run here (e.g. Flex ops); the message says why."""


@dataclasses.dataclass
class InputSpec:
    name: str
    shape: tuple | None
    dtype: str


class Runner:
    input_specs: list[InputSpec]
    output_names: list[str]
    int_high: int | None = None  # exclusive bound for integer inputs (vocabulary size)
    # Float inputs that hold indices (they feed an Embedding): given integer values in [0, int_high).
    index_inputs: frozenset = frozenset()

    def run(self, feeds: list[np.ndarray]) -> list[np.ndarray]:
        raise NotImplementedError


def _norm(name: str) -> str:
    name = name.split(":")[0]
    if name.startswith("serving_default_"):
        name = name[len("serving_default_"):]
    return name


def _natural(name: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


class KerasRunner(Runner):
    def __init__(self, model):
        from migrate.converters.keras_engine import input_specs, io_names

        self.model = model
        self.input_specs = [InputSpec(n, s, d) for n, s, d in input_specs(model)]
        self.output_names = io_names(model)[1]
        embeddings = [layer for layer in _all_layers(model) if type(layer).__name__ == "Embedding"]
        self.int_high = min(layer.input_dim for layer in embeddings) if embeddings else None
        # A Keras 2 model often declares its token ids as float32 (Sequential default): uniform
        # floats in [-1, 1) would all truncate to index 0 and prove nothing about the table.
        fed = set()
        for layer in embeddings:
            try:
                fed.add(id(layer.input))
            except Exception:  # a layer used twice has no single input
                continue
        self.index_inputs = frozenset(spec.name for spec, tensor in zip(self.input_specs, model.inputs)
                                      if id(tensor) in fed)

    def run(self, feeds):
        args = feeds if len(feeds) > 1 else feeds[0]
        result = self.model(args, training=False)
        result = result if isinstance(result, (list, tuple)) else [result]
        return [np.asarray(r) for r in result]


def _all_layers(model):
    for layer in getattr(model, "layers", []):
        yield layer
        if hasattr(layer, "layers"):
            yield from _all_layers(layer)


class FunctionRunner(Runner):
    """A concrete function with named TensorSpec inputs returning a dict (signatures, graphs)."""

    def __init__(self, function, keep_alive=None, graph_def=None):
        self.function = function
        self.keep_alive = keep_alive
        _args, kwargs = function.structured_input_signature
        if kwargs:
            items = sorted(kwargs.items())
            self._by_keyword = True
        else:
            items = [(spec.name, spec) for spec in _args]
            self._by_keyword = False
        self.input_specs = [InputSpec(name, None if spec.shape.rank is None else tuple(spec.shape.as_list()),
                                      spec.dtype.name) for name, spec in items]
        outputs = function.structured_outputs
        self.output_names = sorted(outputs, key=_natural) if isinstance(outputs, dict) else [
            f"output_{i}" for i in range(len(outputs))]
        self.int_high = _graph_int_high(graph_def if graph_def is not None else function.graph.as_graph_def())

    def run(self, feeds):
        tf = tfenv.tf()
        tensors = [tf.constant(f) for f in feeds]
        if self._by_keyword:
            result = self.function(**{spec.name: t for spec, t in zip(self.input_specs, tensors)})
        else:
            result = self.function(*tensors)
        if isinstance(result, dict):
            return [np.asarray(result[name]) for name in self.output_names]
        return [np.asarray(r) for r in (result if isinstance(result, (list, tuple)) else [result])]


def _graph_int_high(graph_def) -> int | None:
    """Smallest first dimension of a constant gathered from (an embedding table)."""
    try:
        nodes = {n.name: n for n in graph_def.node}
        for fn in getattr(graph_def.library, "function", []):
            for n in fn.node_def:
                nodes.setdefault(n.name, n)
        sizes = []
        for node in list(nodes.values()):
            if node.op in ("GatherV2", "Gather", "ResourceGather") and node.input:
                source = nodes.get(node.input[0].split(":")[0])
                while source is not None and source.op in ("Identity", "ReadVariableOp") and source.input:
                    source = nodes.get(source.input[0].split(":")[0])
                if source is not None and source.op == "Const":
                    dims = source.attr["value"].tensor.tensor_shape.dim
                elif source is not None and source.op in ("VariableV2", "Variable", "VarHandleOp"):
                    dims = source.attr["shape"].shape.dim  # a TF1 embedding table still a variable
                else:
                    continue
                if len(dims) >= 2 and dims[0].size > 0:
                    sizes.append(int(dims[0].size))
        return min(sizes) if sizes else None
    except Exception:
        return None


class SessionRunner(Runner):
    """A restored TF1 graph, run in its session (the source side of a ckpt conversion)."""

    def __init__(self, restored):
        self.restored = restored
        graph = restored.graph
        self.input_specs = []
        for name in restored.inputs:
            tensor = graph.get_tensor_by_name(name + ":0")
            shape = None if tensor.shape.rank is None else tuple(tensor.shape.as_list())
            self.input_specs.append(InputSpec(name, shape, tensor.dtype.name))
        self.output_names = list(restored.outputs)
        self.int_high = _graph_int_high(graph.as_graph_def())

    def run(self, feeds):
        graph = self.restored.graph
        feed_dict = {graph.get_tensor_by_name(s.name + ":0"): f for s, f in zip(self.input_specs, feeds)}
        for name, value in getattr(self.restored, "fixed", {}).items():  # keep_prob 1.0, is_training False
            feed_dict[graph.get_tensor_by_name(name + ":0")] = value
        fetches = [graph.get_tensor_by_name(name + ":0") for name in self.output_names]
        return [np.asarray(r) for r in self.restored.session.run(fetches, feed_dict)]


class TFLiteRunner(Runner):
    def __init__(self, content: bytes, flex_ops: list[str]):
        tf = tfenv.tf()
        if flex_ops:
            raise NotVerifiable(
                f"the model uses Flex ops ({', '.join(flex_ops)}) and no TFLite interpreter in the pip "
                f"packages can run them; test it where the Flex delegate is linked (e.g. Android with "
                f"tensorflow-lite-select-tf-ops)")
        self.interpreter = tf.lite.Interpreter(model_content=content)
        signatures = self.interpreter.get_signature_list()
        if signatures:
            key = "serving_default" if "serving_default" in signatures else sorted(signatures)[0]
            self.runner = self.interpreter.get_signature_runner(key)
            details = self.runner.get_input_details()
            self.input_specs = [InputSpec(name, tuple(int(d) if d >= 0 else None for d in
                                                      info.get("shape_signature", info["shape"])),
                                          np.dtype(info["dtype"]).name)
                                for name, info in sorted(details.items())]
            self.output_names = sorted(signatures[key]["outputs"], key=_natural)
        else:
            self.runner = None
            self.interpreter.allocate_tensors()
            self.input_specs = [InputSpec(d["name"], tuple(int(x) if x >= 0 else None for x in d["shape_signature"]),
                                          np.dtype(d["dtype"]).name) for d in self.interpreter.get_input_details()]
            self.output_names = [d["name"] for d in self.interpreter.get_output_details()]

    def run(self, feeds):
        if self.runner is not None:
            result = self.runner(**{s.name: f for s, f in zip(self.input_specs, feeds)})
            return [np.asarray(result[name]) for name in self.output_names]
        interpreter = self.interpreter
        for detail, feed in zip(interpreter.get_input_details(), feeds):
            interpreter.resize_tensor_input(detail["index"], feed.shape)
        interpreter.allocate_tensors()
        for detail, feed in zip(interpreter.get_input_details(), feeds):
            interpreter.set_tensor(detail["index"], feed)
        interpreter.invoke()
        return [np.asarray(interpreter.get_tensor(d["index"])) for d in interpreter.get_output_details()]


# ---------------------------------------------------------------- comparing

# Sizes tried in turn for dynamic non-batch dimensions, until the source runs and gives a
# non-empty output: a model that crops its input (SpliceAI's Cropping1D removes 5000 steps
# at each end) needs a long one. From 1024 on the batch is 1 to keep the pass cheap.
DYNAMIC_SIZES = (4, 64, 1024, 16384)


def make_inputs(runner: Runner, seed: int = 0, fixed_shapes: dict | None = None,
                dynamic: int = 4) -> list[np.ndarray]:
    """Deterministic inputs for `runner`; `fixed_shapes` (by input name) pins dimensions that
    the other side of the comparison has fixed (e.g. a TFLite model traced at batch 1);
    `dynamic` is the size of the other dynamic dimensions."""
    rng = np.random.RandomState(seed)
    feeds = []
    fixed_shapes = fixed_shapes or {}
    for spec in runner.input_specs:
        if spec.shape is None:
            raise NotVerifiable(f"input '{spec.name}' has unknown rank; no inputs can be generated for it")
        pinned = fixed_shapes.get(_norm(spec.name))
        dims = list(spec.shape)
        if pinned is not None and len(pinned) == len(dims):
            dims = [p if d is None and p is not None else d for d, p in zip(dims, pinned)]
        batch = 2 if dynamic < 1024 else 1
        shape = tuple((batch if i == 0 else dynamic) if d is None else d for i, d in enumerate(dims))
        dtype = np.dtype(spec.dtype) if spec.dtype not in ("string", "resource") else None
        if dtype is None:
            raise NotVerifiable(f"input '{spec.name}' is {spec.dtype}; no inputs can be generated for it")
        if dtype.kind == "f" and spec.name in runner.index_inputs and runner.int_high:
            feeds.append(rng.randint(0, runner.int_high, shape).astype(dtype))
        elif dtype.kind == "f":
            feeds.append(rng.uniform(-1, 1, shape).astype(dtype))
        elif dtype.kind in "iu":
            feeds.append(rng.randint(0, runner.int_high or 10, shape).astype(dtype))
        elif dtype.kind == "b":
            feeds.append(rng.rand(*shape) > 0.5)
        else:
            raise NotVerifiable(f"input '{spec.name}' is {spec.dtype}; no inputs can be generated for it")
    return feeds


def _pair(source_names: list[str], result_names: list[str]) -> list[int]:
    """For each source output, the index of the matching result output."""
    src = [_norm(n) for n in source_names]
    res = [_norm(n) for n in result_names]
    if len(src) != len(res):
        raise NotVerifiable(f"source has {len(src)} outputs, result {len(res)}")
    if sorted(src) == sorted(res):
        return [res.index(n) for n in src]
    if all(re.fullmatch(r"output_\d+", n) for n in res):
        by_index = {int(n.split("_")[1]): i for i, n in enumerate(res)}
        if sorted(by_index) == list(range(len(res))):
            return [by_index[i] for i in range(len(src))]
    if all(re.fullmatch(r"output_\d+", n) for n in src):
        order = sorted(range(len(src)), key=lambda i: int(src[i].split("_")[1]))
        return order
    return list(range(len(src)))


def _feeds_for(result: Runner, source: Runner, feeds: list[np.ndarray]) -> list[np.ndarray]:
    src_names = [_norm(s.name) for s in source.input_specs]
    res_names = [_norm(s.name) for s in result.input_specs]
    if len(src_names) != len(res_names):
        raise NotVerifiable(f"source has {len(src_names)} inputs, result {len(res_names)}")
    if sorted(src_names) == sorted(res_names):
        return [feeds[src_names.index(n)] for n in res_names]
    return list(feeds)


def _compare_output(name: str, result_name: str, expected, actual, tolerance: float) -> dict:
    if np.asarray(expected).dtype.kind in "OSU":  # strings (e.g. a file's bytes): equal or not
        same = np.array_equal(np.asarray(expected), np.asarray(actual))
        return {"name": name, "result_name": result_name, "shape": list(np.shape(expected)),
                "max_abs_diff": 0.0 if same else float("inf"), "max_rel_diff": 0.0 if same else float("inf"),
                "passed": same}
    ref = np.asarray(expected, dtype=np.float64)
    got = np.asarray(actual, dtype=np.float64)
    if ref.shape != got.shape and ref.size == got.size:
        got = got.reshape(ref.shape)  # e.g. a TFLite output with a squeezed unit dimension
    if ref.shape != got.shape:
        return {"name": name, "result_name": result_name, "passed": False,
                "error": f"shape {list(got.shape)} != {list(ref.shape)}"}
    finite = np.isfinite(ref)
    # Where the source itself is inf/NaN the result must match it exactly; elsewhere by tolerance.
    same_non_finite = np.array_equal(ref[~finite], got[~finite], equal_nan=True)
    diff = np.abs(got[finite] - ref[finite])
    max_abs = float(np.max(diff)) if diff.size else 0.0  # inf/NaN when the result is not finite
    scale = float(np.max(np.abs(ref[finite]))) if diff.size else 0.0
    max_rel = max_abs / scale if scale > 0 else max_abs
    ok = bool(same_non_finite and np.isfinite(max_abs) and max_abs <= tolerance * max(1.0, scale))
    return {"name": name, "result_name": result_name, "shape": list(ref.shape),
            "max_abs_diff": max_abs, "max_rel_diff": max_rel, "passed": ok}


def compare(source: Runner, result: Runner, tolerance: float) -> dict:
    pinned = {_norm(spec.name): spec.shape for spec in result.input_specs if spec.shape is not None}
    if len(result.input_specs) == 1 and len(source.input_specs) == 1:
        pinned[_norm(source.input_specs[0].name)] = result.input_specs[0].shape
    has_dynamic = any(spec.shape is not None and None in spec.shape[1:] for spec in source.input_specs)
    for size in DYNAMIC_SIZES if has_dynamic else DYNAMIC_SIZES[:1]:
        feeds = make_inputs(source, fixed_shapes=pinned, dynamic=size)
        try:
            expected = source.run(feeds)
        except Exception as exc:
            if size == DYNAMIC_SIZES[-1] or not has_dynamic:
                from migrate.converters.errors import root_cause

                shapes = ", ".join(f"{s.name} {list(f.shape)} {f.dtype}" for s, f in zip(source.input_specs, feeds))
                raise NotVerifiable(f"the source itself does not run on the generated inputs ({shapes}): "
                                    f"{type(exc).__name__}: {root_cause(exc, 300)}") from exc
            continue
        if all(np.asarray(e).size for e in expected) or size == DYNAMIC_SIZES[-1]:
            break
    actual = result.run(_feeds_for(result, source, feeds))
    pairing = _pair(source.output_names, result.output_names)
    per_output = [_compare_output(source.output_names[i], result.output_names[j], expected[i], actual[j], tolerance)
                  for i, j in enumerate(pairing)]
    passed = all(item["passed"] for item in per_output)
    abs_values = [item.get("max_abs_diff", float("nan")) for item in per_output]
    rel_values = [item.get("max_rel_diff", float("nan")) for item in per_output]
    worst_abs = float("nan") if any(np.isnan(abs_values)) else max(abs_values, default=0.0)
    worst_rel = float("nan") if any(np.isnan(rel_values)) else max(rel_values, default=0.0)
    return {"status": "passed" if passed else "failed", "tolerance": tolerance,
            "max_abs_diff": worst_abs, "max_rel_diff": worst_rel, "outputs": per_output,
            "inputs": [{"name": s.name, "shape": list(f.shape), "dtype": f.dtype.name}
                       for s, f in zip(source.input_specs, feeds)]}
