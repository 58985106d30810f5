"""`migrate model` wiring that needs no TensorFlow: lazy imports, help, routing."""
import subprocess
import sys

import pytest


def test_model_cli_import_does_not_import_tensorflow():
    code = ("import sys, migrate.cli, migrate.model_cli; from click.testing import CliRunner; "
            "r = CliRunner().invoke(migrate.cli.cli, ['model', '--help']); assert r.exit_code == 0, r.output; "
            "assert 'inspect' in r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras', 'h5py')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_code_subcommand_stays_tensorflow_free():
    pytest.importorskip("migrate.code_cli")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "migrate", "code", "--help"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert "tensorflow" not in out.stderr


def test_missing_output_folder_is_refused_before_the_input_is_loaded(tmp_path):
    """No loading (which can take minutes for a TF1 checkpoint) before a missing -o folder is
    named: the input here is not even a model, and the error is about the folder."""
    from click.testing import CliRunner

    from migrate.cli import cli

    source = tmp_path / "notes.txt"
    source.write_text("not a model")
    result = CliRunner().invoke(cli, ["model", str(source), "--to", "frozen", "-o", str(tmp_path / "missing" / "m.pb")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing'}: output directory does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()
