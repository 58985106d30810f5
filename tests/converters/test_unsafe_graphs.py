"""Graph sources are programs: ops that touch the file system or call Python are found in the
protobufs before anything runs, refused without --unsafe, converted with it, and listed by
`inspect`."""
from __future__ import annotations


import numpy as np
import pytest

from tests.converters.conftest import convert, run_cli

pytestmark = [pytest.mark.tf, pytest.mark.slow]

SECRET_TEXT = "not for the model's eyes 4711"


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    import tensorflow as tf

    root = tmp_path_factory.mktemp("unsafe")
    secret = root / "secret.txt"
    secret.write_text(SECRET_TEXT)
    marker = root / "written_by_the_model.txt"
    built = {"root": root, "secret": secret, "marker": marker}

    class Reader(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def serve(self, x):
            return {"y": x * 2.0, "secret": tf.io.read_file(str(secret))}

    reader = Reader()
    tf.saved_model.save(reader, str(root / "reader"), signatures={"serving_default": reader.serve})
    built["reader"] = root / "reader"

    class Writer(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def serve(self, x):
            write = tf.io.write_file(str(marker), "the model ran")
            with tf.control_dependencies([write]):
                return {"y": tf.identity(x + 1.0)}

    writer = Writer()
    tf.saved_model.save(writer, str(root / "writer"), signatures={"serving_default": writer.serve})
    built["writer"] = root / "writer"

    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
        tf.multiply(x, 2.0, name="y")
        tf.strings.length(tf.io.read_file(str(secret)), name="n")
    (root / "reader.pb").write_bytes(graph.as_graph_def().SerializeToString())
    built["frozen_reader"] = root / "reader.pb"

    graph = tf.Graph()
    with graph.as_default():
        v1 = tf.compat.v1
        x = v1.placeholder(tf.float32, [None, 3], name="x")
        w = v1.get_variable("w", [3, 2], initializer=v1.random_normal_initializer(seed=3))
        tf.nn.softmax(tf.matmul(x, w), name="probs")
        v1.py_func(np.sin, [x], tf.float32, name="debug_hook")
        saver = v1.train.Saver()
        with v1.Session(graph=graph) as session:
            session.run(v1.global_variables_initializer())
            (root / "tf1").mkdir()
            saver.save(session, str(root / "tf1" / "model.ckpt"))
    built["ckpt_pyfunc"] = root / "tf1" / "model.ckpt"
    assert not marker.exists()  # saving traces the functions; it runs nothing
    return built


REFUSED = [("writer", "frozen", "WriteFile"), ("writer", "tflite", "WriteFile"), ("writer", "ckpt", "WriteFile"),
           ("reader", "frozen", "ReadFile"), ("reader", "tflite", "ReadFile"),
           ("frozen_reader", "savedmodel", "ReadFile"), ("frozen_reader", "tflite", "ReadFile"),
           ("frozen_reader", "ckpt", "ReadFile"), ("ckpt_pyfunc", "frozen", "PyFunc"),
           ("ckpt_pyfunc", "savedmodel", "PyFunc"), ("ckpt_pyfunc", "tflite", "PyFunc")]


@pytest.mark.parametrize("source,target,op", REFUSED)
def test_refused_without_unsafe_before_anything_runs(graphs, source, target, op, tmp_path):
    out = tmp_path / f"out.{target}"
    code, _, stderr = run_cli(["model", str(graphs[source]), "--to", target, "-o", str(out)], expect=2)
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert op in errors[0] and "--unsafe" in errors[0] and str(graphs[source]) in errors[0]
    assert SECRET_TEXT not in stderr
    assert not graphs["marker"].exists()  # the WriteFile never ran
    assert list(tmp_path.iterdir()) == []  # nothing written, no staging left


def test_with_unsafe_the_writer_converts_and_really_runs(graphs, tmp_path):
    report = convert(graphs["writer"], "frozen", tmp_path / "w.pb", "--unsafe")
    assert report["verification"]["status"] == "passed"
    assert [f["op"] for f in report["unsafe_ops"]] == ["WriteFile"]
    assert graphs["marker"].read_text() == "the model ran"  # it was the scan that kept it from running
    graphs["marker"].unlink()


def test_with_unsafe_the_reader_converts_and_string_outputs_compare(graphs, tmp_path):
    report = convert(graphs["reader"], "frozen", tmp_path / "r.pb", "--unsafe")
    assert report["verification"]["status"] == "passed"
    names = {o["name"] for o in report["verification"]["outputs"]}
    assert names == {"secret", "y"}
    report = convert(graphs["frozen_reader"], "savedmodel", tmp_path / "r_sm", "--unsafe")
    assert report["verification"]["status"] == "passed"


def test_with_unsafe_the_checkpoint_converts(graphs, tmp_path):
    report = convert(graphs["ckpt_pyfunc"], "frozen", tmp_path / "c.pb", "--unsafe", "--outputs", "probs")
    assert report["verification"]["status"] == "passed"
    assert [f["op"] for f in report["unsafe_ops"]] == ["PyFunc"]


@pytest.mark.parametrize("source,op", [("writer", "WriteFile"), ("reader", "ReadFile"),
                                       ("frozen_reader", "ReadFile"), ("ckpt_pyfunc", "PyFunc")])
def test_inspect_flags_them_and_runs_nothing(graphs, source, op):
    _, info, _ = run_cli(["model", "inspect", str(graphs[source]), "--json"])
    assert [f["op"] for f in info["unsafe_ops"]] == [op]
    assert info["unsafe_ops"][0]["source"]  # where the fact about the op comes from
    assert "tflite_preflight" not in info  # the pre-flight would run the graph through the converter
    code, _, _ = run_cli(["model", "inspect", str(graphs[source])], expect=0)
    assert not graphs["marker"].exists()


def test_ordinary_graphs_have_no_findings(models, tmp_path):
    """Saver machinery (SaveV2/RestoreV2 in every SavedModel and TF1 .meta) is not a finding."""
    convert(models["conv"]["path"], "savedmodel", tmp_path / "k3_sm")
    for source in (models["legacy"]["savedmodel"], tmp_path / "k3_sm", models["tf1"]["path"]):
        _, info, _ = run_cli(["model", "inspect", str(source), "--json", "--no-preflight"])
        assert info["unsafe_ops"] == [], (source, info["unsafe_ops"])


def test_dry_run_says_the_conversion_needs_unsafe(graphs, tmp_path):
    from click.testing import CliRunner

    from migrate.cli import cli

    result = CliRunner().invoke(cli, ["model", str(graphs["writer"]), "--to", "frozen", "-o", str(tmp_path / "w.pb"),
                                      "--dry-run"])
    assert result.exit_code == 0
    assert "WriteFile" in result.stdout and "needs --unsafe" in result.stdout
    assert not graphs["marker"].exists()
