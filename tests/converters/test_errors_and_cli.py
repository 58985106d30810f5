"""Error paths (one line naming the file, exit code, nothing left behind), the CLI
routing (`model IN --to` vs `model inspect IN`), --dry-run, --json, inspect, and the
real console script."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from .conftest import CUSTOM_LAYERS, convert, run_cli

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def _leftovers(directory):
    return [name for name in os.listdir(directory) if name.startswith(".migrate-")]


def _one_line_error(stderr):
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, stderr[-1500:]
    return errors[0]


def test_corrupt_h5_is_one_line_exit_2_and_nothing_written(models, tmp_path):
    damaged = tmp_path / "damaged.h5"
    data = bytearray(models["lstm"]["path"].read_bytes())
    # Keep the superblock (so it is still recognised as HDF5) and wreck the B-tree/heap area.
    data[600:4000] = b"\xff" * 3400
    damaged.write_bytes(bytes(data))
    code, _, stderr = run_cli(["model", str(damaged), "--to", "keras", "-o", str(tmp_path / "out.keras")], expect=2)
    line = _one_line_error(stderr)
    assert str(damaged) in line
    assert not (tmp_path / "out.keras").exists() and not _leftovers(tmp_path)


def test_h5_with_a_damaged_btree_node(models, tmp_path):
    """The file opens (superblock intact) but a B-tree node deeper in the weights is damaged."""
    data = bytearray(models["legacy"]["path"].read_bytes())
    nodes = [i for i in range(len(data) - 4) if data[i:i + 4] == b"TREE"]
    assert len(nodes) > 2
    data[nodes[2]:nodes[2] + 4] = b"XXXX"
    damaged = tmp_path / "btree.h5"
    damaged.write_bytes(bytes(data))
    code, _, stderr = run_cli(["model", str(damaged), "--to", "keras", "-o", str(tmp_path / "b.keras")], expect=2)
    line = _one_line_error(stderr)
    assert str(damaged) in line and "B-tree" in line
    assert not (tmp_path / "b.keras").exists() and not _leftovers(tmp_path)


def test_truncated_h5(models, tmp_path):
    truncated = tmp_path / "truncated.h5"
    data = models["conv"]["path"]  # a .keras zip: truncating it must be reported too
    truncated.write_bytes(models["lstm"]["path"].read_bytes()[:3000])
    code, _, stderr = run_cli(["model", str(truncated), "--to", "tflite", "-o", str(tmp_path / "t.tflite")], expect=2)
    assert str(truncated) in _one_line_error(stderr)
    cut_zip = tmp_path / "cut.keras"
    cut_zip.write_bytes(data.read_bytes()[:2000])
    code, _, stderr = run_cli(["model", str(cut_zip), "--to", "h5", "-o", str(tmp_path / "c.h5")], expect=2)
    assert str(cut_zip) in _one_line_error(stderr)
    assert not _leftovers(tmp_path)


def test_truncated_checkpoint(models, tmp_path):
    src_dir = os.path.dirname(models["tf1"]["path"])
    for name in os.listdir(src_dir):
        if name.startswith("model.ckpt"):
            shutil.copy(os.path.join(src_dir, name), tmp_path / name)
    data_file = next(p for p in tmp_path.iterdir() if ".data-" in p.name)
    data_file.write_bytes(data_file.read_bytes()[:40])
    prefix = tmp_path / "model.ckpt"
    code, _, stderr = run_cli(["model", str(prefix), "--to", "tflite", "-o", str(tmp_path / "m.tflite"),
                               "--outputs", "probs"], expect=2)
    line = _one_line_error(stderr)
    assert str(prefix) in line and "truncated" in line
    assert not (tmp_path / "m.tflite").exists() and not _leftovers(tmp_path)


def test_checkpoint_without_its_data_file_names_the_missing_file(models, tmp_path):
    # a checkpoint copied without its .data shard (the fresh-user tryout): say which file
    src_dir = os.path.dirname(models["tf1"]["path"])
    for name in os.listdir(src_dir):
        if name.startswith("model.ckpt") and ".data-" not in name:
            shutil.copy(os.path.join(src_dir, name), tmp_path / name)
    prefix = tmp_path / "model.ckpt"
    code, _, stderr = run_cli(["model", str(prefix), "--to", "frozen", "-o", str(tmp_path / "m.pb")], expect=2)
    line = _one_line_error(stderr)
    assert str(prefix) in line and "model.ckpt.data-00000-of-00001 is not next to its .index" in line
    assert not (tmp_path / "m.pb").exists() and not _leftovers(tmp_path)


def test_missing_shard_of_a_sharded_checkpoint_is_named(tmp_path):
    from migrate.converters.ckpt import missing_data_files

    for name in ("m.index", "m.data-00000-of-00003", "m.data-00002-of-00003", "other.data-00001-of-00003"):
        (tmp_path / name).write_bytes(b"")
    assert missing_data_files(str(tmp_path / "m")) == ["m.data-00001-of-00003"]
    (tmp_path / "m.data-00001-of-00003").write_bytes(b"")
    assert missing_data_files(str(tmp_path / "m")) == []
    assert missing_data_files(str(tmp_path / "other")) == []  # no .index: not a V2 checkpoint


def test_missing_custom_object_names_class_and_flag(models, tmp_path):
    code, _, stderr = run_cli(["model", str(models["custom"]["path"]), "--to", "h5", "-o", str(tmp_path / "c.h5")],
                              expect=2)
    line = _one_line_error(stderr)
    assert "ScaledTanh" in line and "--custom-objects" in line and str(models["custom"]["path"]) in line


def test_lambda_of_a_module_function_names_it_and_custom_objects(tmp_path):
    # keras-tcn's shape: Lambda(channel_normalization), the function defined in the project's
    # module; the model is built in another process, so nothing here can import that module
    import sys

    (tmp_path / "project_fns.py").write_text("def halve_then_shift(x):\n    return x / 2.0 + 1.0\n")
    build = (
        "import keras, project_fns\n"
        "i = keras.Input((3,), name='v')\n"
        "m = keras.Model(i, keras.layers.Lambda(project_fns.halve_then_shift)(keras.layers.Dense(2)(i)))\n"
        "m.save('lam.h5')\n"
    )
    subprocess.run([sys.executable, "-c", build], cwd=tmp_path, check=True, capture_output=True, timeout=300)
    src = tmp_path / "lam.h5"
    code, _, stderr = run_cli(["model", str(src), "--to", "keras", "--unsafe", "-o", str(tmp_path / "m.keras")],
                              expect=2)
    line = _one_line_error(stderr)
    assert "`halve_then_shift`" in line and "--custom-objects FILE.py" in line and str(src) in line
    assert not (tmp_path / "m.keras").exists()
    report = convert(src, "keras", tmp_path / "m.keras", "--unsafe", "--custom-objects", str(tmp_path / "project_fns.py"))
    assert report["verification"]["status"] == "passed"


def test_lambda_bytecode_refused_without_unsafe(models, tmp_path):
    src = models["lambda"]["path"]
    code, _, stderr = run_cli(["model", str(src), "--to", "savedmodel", "-o", str(tmp_path / "sm")], expect=2)
    line = _one_line_error(stderr)
    assert "--unsafe" in line and "runs code" in line
    assert not (tmp_path / "sm").exists()
    report = convert(src, "savedmodel", tmp_path / "sm", "--unsafe")
    assert report["verification"]["status"] == "passed"
    from .conftest import run_savedmodel

    got = run_savedmodel(tmp_path / "sm", {"v": np.array([[1.0, 2.0, 3.0]], "float32")})
    np.testing.assert_allclose(next(iter(got.values())), [[3.0, 5.0, 7.0]])


def test_existing_output_is_not_overwritten_without_force(models, tmp_path):
    out = tmp_path / "exists.tflite"
    out.write_bytes(b"keep me")
    code, _, stderr = run_cli(["model", str(models["conv"]["path"]), "--to", "tflite", "-o", str(out)], expect=2)
    assert "--force" in _one_line_error(stderr)
    assert out.read_bytes() == b"keep me"
    convert(models["conv"]["path"], "tflite", out, "--force")
    assert out.read_bytes()[4:8] == b"TFL3"
    assert not _leftovers(tmp_path)


def test_output_directory_gets_the_default_name(models, tmp_path):
    report = convert(models["conv"]["path"], "tflite", tmp_path, "--no-verify")
    assert report["output_files"] == [str(tmp_path / "conv.tflite")]
    assert (tmp_path / "conv.tflite").read_bytes()[4:8] == b"TFL3"


def test_impossible_pair_has_a_one_line_reason(models, tmp_path):
    tflite_model = tmp_path / "m.tflite"
    convert(models["conv"]["path"], "tflite", tflite_model, "--no-verify")
    code, _, stderr = run_cli(["model", str(tflite_model), "--to", "h5"], expect=2)
    line = _one_line_error(stderr)
    assert "tflite → h5" in line and "inference-only" in line
    code, _, stderr = run_cli(["model", str(models["tf1"]["path"]), "--to", "keras"], expect=2)
    assert "not Keras layers" in _one_line_error(stderr)


def test_dry_run_prints_the_plan_and_writes_nothing(models, tmp_path):
    code, report, _ = run_cli(["model", str(models["tf1"]["path"]), "--to", "tflite", "-o", str(tmp_path / "x.tflite"),
                               "--dry-run", "--json"])
    assert report["plan"] == ["ckpt", "frozen", "tflite"]
    assert not (tmp_path / "x.tflite").exists()
    from click.testing import CliRunner
    from migrate.cli import cli

    result = CliRunner().invoke(cli, ["model", str(models["conv"]["path"]), "--to", "tflite", "--dry-run"])
    assert result.exit_code == 0 and "plan: keras → tflite" in result.stdout


def test_verification_failure_exits_1_but_keeps_output(models, tmp_path):
    """A float16 model checked at a float32 tolerance is outside it: exit 1, file kept."""
    out = tmp_path / "f16.tflite"
    report = convert(models["wide"]["path"], "tflite", out, "--quantize", "float16", "--tolerance", "1e-9", expect=1)
    assert report["verification"]["status"] == "failed"
    assert report["verification"]["max_abs_diff"] > 1e-9
    assert out.exists()


def test_json_report_fields(models, tmp_path):
    report = convert(models["multi"]["path"], "tflite", tmp_path / "m.tflite")
    assert report["engine"] == "keras3"
    assert report["flex_ops"] == []
    assert report["output_files"] == [str(tmp_path / "m.tflite")]
    assert {"seconds", "from", "to", "how"} <= set(report["steps"][0])
    outputs = report["verification"]["outputs"]
    assert [o["name"] for o in outputs] == ["alpha", "beta"]
    assert all(o["passed"] for o in outputs)


def test_inspect_keras_and_tflite(models, tmp_path):
    code, info, _ = run_cli(["model", "inspect", str(models["multi"]["path"]), "--json"])
    assert info["format"] == "keras"
    assert [i["name"] for i in info["inputs"]] == ["features", "tokens"]
    assert info["inputs"][1]["dtype"] == "int32"
    assert info["parameters"] == 7 * 3 + (6 + 12) * 5 + 5 + 5 * 2 + 2 + 5 + 1
    assert info["op_histogram"]["Dense"] == 3
    assert info["tflite_preflight"]["builtins_only"] is True
    code, info, _ = run_cli(["model", "inspect", str(models["flex"]["path"]), "--json",
                             "--custom-objects", CUSTOM_LAYERS])
    assert info["tflite_preflight"]["flex_ops"] == ["MatrixInverse"]
    code, info, _ = run_cli(["model", "inspect", str(models["custom"]["path"]), "--json"])
    assert info["custom_objects_needed"] == ["ScaledTanh"]
    code, info, _ = run_cli(["model", "inspect", str(models["legacy"]["path"]), "--json", "--no-preflight"])
    assert info["writer"]["keras_version"].startswith("2.")
    assert info["engine"] == "tf_keras"
    assert info["op_histogram"]["DepthwiseConv2D"] == 1


def test_inspect_text_for_checkpoint_with_meta(models):
    from click.testing import CliRunner
    from migrate.cli import cli

    result = CliRunner().invoke(cli, ["model", "inspect", models["tf1"]["path"]])
    assert result.exit_code == 0, result.stderr
    assert "dense1/kernel: float32 (5, 8)" in result.stdout
    assert "features: float32 (None, 5)" in result.stdout


# ---------------------------------------------------------------- the installed command

def _clean_env():
    env = dict(os.environ)
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    return env


def test_console_script_convert_then_inspect(models, tmp_path):
    exe = shutil.which("migrate")
    if exe is None:
        pytest.skip("console script not installed")
    out = tmp_path / "conv.tflite"
    # One process: convert, then inspect the result in a second invocation of the real script.
    proc = subprocess.run([exe, "model", str(models["conv"]["path"]), "--to", "tflite", "-o", str(out), "--json"],
                          capture_output=True, text=True, env=_clean_env())
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["verification"]["status"] == "passed"
    assert "step 1/1: keras → tflite" in proc.stderr
    proc = subprocess.run([exe, "model", "inspect", str(out)], capture_output=True, text=True, env=_clean_env())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "tflite" in proc.stdout and "CONV_2D" in proc.stdout


def test_main_entry_point_routes_both_forms(models, tmp_path, capsys):
    """`migrate.cli.main` (what the console script calls): `model IN --to` and `model inspect IN`."""
    from migrate.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["model", str(models["conv"]["path"]), "--to", "savedmodel", "-o", str(tmp_path / "sm"), "--dry-run"])
    assert exit_info.value.code == 0
    assert "plan: keras → savedmodel" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["model", "inspect", str(models["conv"]["path"]), "--no-preflight"])
    assert exit_info.value.code == 0
    assert "image: float32 (None, 8, 8, 3)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["model", str(tmp_path / "missing.h5"), "--to", "keras"])
    assert exit_info.value.code == 2
    assert "missing.h5: no such file" in capsys.readouterr().err


def test_inspect_graph_formats(models, tmp_path):
    conv = models["conv"]["path"]
    for target, name in (("savedmodel", "sm"), ("frozen", "g.pb"), ("tflite", "m.tflite")):
        convert(conv, target, tmp_path / name, "--no-verify")
    code, info, _ = run_cli(["model", "inspect", str(tmp_path / "sm"), "--json", "--no-preflight"])
    assert info["format"] == "savedmodel"
    assert info["inputs"] == [{"name": "image", "shape": [None, 8, 8, 3], "dtype": "float32"}]
    assert info["parameters"] == 3 * 3 * 3 * 4 + 4 + 4 * 4 + 6 * 6 * 4 * 3 + 3
    assert info["writer"]["tensorflow_version"]
    code, info, _ = run_cli(["model", "inspect", str(tmp_path / "g.pb"), "--json"])
    assert info["format"] == "frozen"
    assert info["outputs"] == [{"name": "scores"}]
    assert info["op_histogram"]["Conv2D"] == 1
    assert info["tflite_preflight"]["builtins_only"] is True
    code, info, _ = run_cli(["model", "inspect", str(tmp_path / "m.tflite"), "--json"])
    assert info["format"] == "tflite"
    assert info["op_histogram"]["CONV_2D"] == 1 and info["flex_ops"] == []
    assert info["inputs"][0]["shape"] == [None, 8, 8, 3]
