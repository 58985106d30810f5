"""Scan of graph sources for ops that reach outside the computation: the file system, the
network, the Python interpreter. Run on the protobufs alone, before anything is loaded,
executed or converted.

TensorFlow's security guidance (SECURITY.md, "TensorFlow models are programs") says a
SavedModel or GraphDef may do anything its ops can: read and write files, open network
connections, call back into Python. A conversion runs the source graph (to freeze it, to
trace it for TFLite, and to verify the result), so such ops would run on the user's machine.
`migrate model` refuses a source holding them unless --unsafe is given, as it refuses Keras
Lambda bytecode, and `inspect` lists them.

`UNSAFE_OPS` is the list, as data: op type → (what it touches, where the fact comes from).
The op semantics are those of TensorFlow's op registry (tensorflow/core/ops/*.cc and the
api_def descriptions); "io_ops.cc" etc. name the file that registers the op.

Checkpoint I/O (SaveV2, RestoreV2, ...) is how every SavedModel and TF1 `.meta` saves and
restores its variables: those ops are accepted inside the saver's own machinery (the
`saver_def` name scope of a MetaGraphDef, the `*_traced_save_*` / `*_traced_restore_*`
functions TensorFlow writes into a SavedModel) and refused anywhere else.
"""
from __future__ import annotations

import dataclasses
import re

FILE_SYSTEM = "file system"
NETWORK = "network"
PYTHON = "Python interpreter"

UNSAFE_OPS: dict[str, tuple[str, str]] = {
    # reading and writing files
    "ReadFile": (FILE_SYSTEM, "io_ops.cc: returns the contents of a file"),
    "WriteFile": (FILE_SYSTEM, "io_ops.cc: writes contents to a file, creating directories"),
    "MatchingFiles": (FILE_SYSTEM, "io_ops.cc: lists files matching a glob"),
    "ImmutableConst": (FILE_SYSTEM, "array_ops.cc: memory-maps a region of a file"),
    "InitializeTableFromTextFile": (FILE_SYSTEM, "lookup_ops.cc: reads a vocabulary file"),
    "InitializeTableFromTextFileV2": (FILE_SYSTEM, "lookup_ops.cc: reads a vocabulary file"),
    "GenerateVocabRemapping": (FILE_SYSTEM, "checkpoint_ops.cc: reads vocabulary files"),
    "LoadAndRemapMatrix": (FILE_SYSTEM, "checkpoint_ops.cc: reads a checkpoint file"),
    "DecodeProtoV2": (FILE_SYSTEM, "decode_proto_ops.cc: descriptor_source may name a file"),
    "EncodeProto": (FILE_SYSTEM, "encode_proto_ops.cc: descriptor_source may name a file"),
    "PrintV2": (FILE_SYSTEM, "logging_ops.cc: output_stream may be file://PATH"),
    "DebugIdentity": (FILE_SYSTEM, "debug_ops.cc: debug_urls may be file:// or grpc://"),
    "DebugIdentityV2": (FILE_SYSTEM, "debug_ops.cc: writes tfdbg2 event files"),
    "DebugIdentityV3": (FILE_SYSTEM, "debug_ops.cc: debug_urls may be file:// or grpc://"),
    "DebugNumericSummary": (FILE_SYSTEM, "debug_ops.cc: debug_urls may be file:// or grpc://"),
    "DebugNumericSummaryV2": (FILE_SYSTEM, "debug_ops.cc: tensor_debug_mode summaries to a dump root"),
    # readers and datasets over files
    "WholeFileReader": (FILE_SYSTEM, "io_ops.cc: reader of whole files"),
    "WholeFileReaderV2": (FILE_SYSTEM, "io_ops.cc: reader of whole files"),
    "TextLineReader": (FILE_SYSTEM, "io_ops.cc: reader of text files"),
    "TextLineReaderV2": (FILE_SYSTEM, "io_ops.cc: reader of text files"),
    "TFRecordReader": (FILE_SYSTEM, "io_ops.cc: reader of TFRecord files"),
    "TFRecordReaderV2": (FILE_SYSTEM, "io_ops.cc: reader of TFRecord files"),
    "FixedLengthRecordReader": (FILE_SYSTEM, "io_ops.cc: reader of record files"),
    "FixedLengthRecordReaderV2": (FILE_SYSTEM, "io_ops.cc: reader of record files"),
    "LMDBReader": (FILE_SYSTEM, "io_ops.cc: reader of LMDB files"),
    "TextLineDataset": (FILE_SYSTEM, "dataset_ops.cc: lines of text files"),
    "TFRecordDataset": (FILE_SYSTEM, "dataset_ops.cc: records of TFRecord files"),
    "TFRecordDatasetV2": (FILE_SYSTEM, "dataset_ops.cc: records of TFRecord files"),
    "FixedLengthRecordDataset": (FILE_SYSTEM, "dataset_ops.cc: records of files"),
    "FixedLengthRecordDatasetV2": (FILE_SYSTEM, "dataset_ops.cc: records of files"),
    "CSVDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: rows of CSV files"),
    "CSVDatasetV2": (FILE_SYSTEM, "experimental_dataset_ops.cc: rows of CSV files"),
    "ExperimentalCSVDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: rows of CSV files"),
    "LMDBDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: LMDB files"),
    "ExperimentalLMDBDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: LMDB files"),
    "MatchingFilesDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: lists files matching globs"),
    "ExperimentalMatchingFilesDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: lists files"),
    "SqlDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: runs SQL on a database file"),
    "ExperimentalSqlDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: runs SQL on a database file"),
    "LoadDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: reads a saved dataset"),
    "SaveDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes a dataset to files"),
    "SaveDatasetV2": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes a dataset to files"),
    "SnapshotDataset": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes snapshot files"),
    "SnapshotDatasetV2": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes snapshot files"),
    "DatasetToTFRecord": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes a TFRecord file"),
    "ExperimentalDatasetToTFRecord": (FILE_SYSTEM, "experimental_dataset_ops.cc: writes a TFRecord file"),
    # summaries written to disk
    "CreateSummaryFileWriter": (FILE_SYSTEM, "summary_ops.cc: opens an event file"),
    "CreateSummaryDbWriter": (FILE_SYSTEM, "summary_ops.cc: opens an SQLite database"),
    "WriteSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteScalarSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteHistogramSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteImageSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteAudioSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteGraphSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "WriteRawProtoSummary": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    "ImportEvent": (FILE_SYSTEM, "summary_ops.cc: writes to an event file"),
    # checkpoint I/O: accepted only inside saver machinery (see module docstring)
    "SaveV2": (FILE_SYSTEM, "io_ops.cc: writes a checkpoint"),
    "Save": (FILE_SYSTEM, "io_ops.cc: writes a checkpoint"),
    "SaveSlices": (FILE_SYSTEM, "io_ops.cc: writes a checkpoint"),
    "RestoreV2": (FILE_SYSTEM, "io_ops.cc: reads a checkpoint"),
    "Restore": (FILE_SYSTEM, "io_ops.cc: reads a checkpoint"),
    "RestoreSlice": (FILE_SYSTEM, "io_ops.cc: reads a checkpoint"),
    "MergeV2Checkpoints": (FILE_SYSTEM, "io_ops.cc: merges and deletes checkpoint files"),
    # network
    "DataServiceDataset": (NETWORK, "experimental_dataset_ops.cc: reads from a tf.data service"),
    "DataServiceDatasetV2": (NETWORK, "experimental_dataset_ops.cc: reads from a tf.data service"),
    "DataServiceDatasetV3": (NETWORK, "experimental_dataset_ops.cc: reads from a tf.data service"),
    "DataServiceDatasetV4": (NETWORK, "experimental_dataset_ops.cc: reads from a tf.data service"),
    "RpcClient": (NETWORK, "rpc_ops.cc: connects to an RPC server"),
    "RpcCall": (NETWORK, "rpc_ops.cc: calls an RPC server"),
    "RpcServer": (NETWORK, "rpc_ops.cc: starts an RPC server"),
    "RpcServerStart": (NETWORK, "rpc_ops.cc: starts an RPC server"),
    "RpcServerRegister": (NETWORK, "rpc_ops.cc: registers an RPC method"),
    "BigQueryReader": (NETWORK, "bigquery ops: reads a BigQuery table"),
    "GenerateBigQueryReaderPartitions": (NETWORK, "bigquery ops: reads a BigQuery table"),
    # the Python interpreter
    "PyFunc": (PYTHON, "script_ops.cc: calls a Python function (tf.py_func)"),
    "PyFuncStateless": (PYTHON, "script_ops.cc: calls a Python function (tf.py_func)"),
    "EagerPyFunc": (PYTHON, "script_ops.cc: calls a Python function (tf.py_function)"),
}

CHECKPOINT_IO = {"SaveV2", "Save", "SaveSlices", "RestoreV2", "Restore", "RestoreSlice", "MergeV2Checkpoints"}
# A GraphDef written from a TF1 session (`--graph graph.pbtxt`) has no saver_def: its Saver's
# ops live in the scope tf.compat.v1.train.Saver names them in, `save/` (`save_1/`, ...).
_DEFAULT_SAVER_SCOPE = re.compile(r"^save(_\d+)?/")
_SAVER_FUNCTION = re.compile(r"_traced_(save|restore)_\d+$|^__inference__traced_(save|restore)")


@dataclasses.dataclass(frozen=True)
class Finding:
    op: str
    node: str
    where: str  # "graph" or "function NAME"
    touches: str
    source: str  # where the fact about the op comes from

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def short(self) -> str:
        return f"{self.op} ({self.touches}; node '{self.node}' in {self.where})"


def scan_graph_def(graph_def, saver_scope: str | None = None) -> list[Finding]:
    """Every unsafe op of a GraphDef, its function library included.

    Checkpoint I/O is accepted inside saver machinery: the `saver_def`'s scope, and the
    scopes TF 1's Saver names its ops in (`save/`, `save_1/`, ...: programs that keep a
    second Saver, e.g. tflearn's best-checkpoint saver) -- as long as nothing outside
    those scopes depends on the op, so that no value conversion computes can run it."""
    def in_saver(name: str) -> bool:
        return bool((saver_scope and name.startswith(saver_scope + "/")) or _DEFAULT_SAVER_SCOPE.match(name))

    consumers: dict[str, list[str]] | None = None
    findings = []
    for node in graph_def.node:
        if node.op not in UNSAFE_OPS:
            continue
        if node.op in CHECKPOINT_IO and in_saver(node.name):
            if consumers is None:
                consumers = {}
                for other in graph_def.node:
                    for ref in other.input:
                        consumers.setdefault(ref.lstrip("^").split(":")[0], []).append(other.name)
            seen, stack = {node.name}, [node.name]
            while stack:
                for user in consumers.get(stack.pop(), ()):
                    if user not in seen:
                        seen.add(user)
                        stack.append(user)
            if all(in_saver(name) for name in seen):
                continue
        findings.append(Finding(node.op, node.name, "graph", *UNSAFE_OPS[node.op]))
    for function in graph_def.library.function:
        name = function.signature.name
        saver_function = bool(_SAVER_FUNCTION.search(name))
        for node in function.node_def:
            if node.op not in UNSAFE_OPS or (node.op in CHECKPOINT_IO and saver_function):
                continue
            findings.append(Finding(node.op, node.name, f"function {name}", *UNSAFE_OPS[node.op]))
    return findings


def _saver_scope(meta_graph) -> str | None:
    restore = meta_graph.saver_def.restore_op_name if meta_graph.HasField("saver_def") else ""
    return restore.split("/")[0] if "/" in restore else None


def scan_meta_graph(meta_graph) -> list[Finding]:
    return scan_graph_def(meta_graph.graph_def, _saver_scope(meta_graph))


def scan_saved_model(proto) -> list[Finding]:
    findings = []
    for meta_graph in proto.meta_graphs:
        findings += scan_meta_graph(meta_graph)
    return findings


def scan_path(detected, graph_path: str | None = None) -> list[Finding]:
    """Findings for a detected source (SavedModel, frozen graph, TF1 checkpoint graph);
    Keras formats and TFLite hold no TensorFlow graph to scan here: []."""
    if detected.fmt == "savedmodel":
        proto = detected.facts.get("proto")
        return scan_saved_model(proto) if proto is not None else []
    if detected.fmt == "frozen":
        return scan_graph_def(detected.facts["graph_def"])
    if detected.fmt == "ckpt" and detected.facts.get("kind") == "tf1":
        path = graph_path or detected.facts.get("meta")
        if not path:
            return []
        if path.endswith(".meta"):
            from migrate.converters import tfenv

            tfenv.tf()
            from tensorflow.core.protobuf import meta_graph_pb2

            meta = meta_graph_pb2.MetaGraphDef()
            with open(path, "rb") as handle:
                meta.ParseFromString(handle.read())
            return scan_meta_graph(meta)
        from migrate.converters.frozen import parse_graph_def

        return scan_graph_def(parse_graph_def(path))
    return []


def refusal(path: str, findings: list[Finding]) -> str:
    ops = []
    for finding in findings:
        if finding.op not in ops:
            ops.append(finding.op)
    first = findings[0]
    return (f"{path}: the graph holds ops that reach outside the model ({', '.join(ops)}; e.g. node "
            f"'{first.node}' in {first.where}: {first.touches}), and converting or verifying it runs them; "
            f"re-run with --unsafe only if you trust where the file came from")
