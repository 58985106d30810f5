"""`migrate` as users start it: console script, `python -m`, start-up cost, Ctrl-C."""
import shutil
import signal
import subprocess
import sys

import pytest


def test_console_script_and_module_entry_point():
    exe = shutil.which("migrate")
    assert exe, "the `migrate` console script is not installed"
    for command in ([exe, "--version"], [sys.executable, "-m", "migrate", "--version"]):
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0 and "migrate, version" in result.stdout


def test_migrate_code_never_imports_tensorflow(tmp_path):
    (tmp_path / "a.py").write_text("import tensorflow as tf\nx = tf.random_normal([2])\ns = tf.Session()\n")
    probe = (
        "import sys\n"
        "from migrate.cli import main\n"
        "try:\n"
        f"    main(['code', '--jobs', '1', {str(tmp_path)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras', 'h5py', 'numpy')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_interrupt_leaves_every_file_old_or_new(tmp_path):
    """SIGINT in the middle of a run: each file is byte-identical to its old or its new form."""
    body = "import tensorflow as tf\n" + "x = tf.random_normal([2])\n" * 150
    old = body.encode()
    paths = []
    for n in range(300):
        path = tmp_path / f"m{n:03}.py"
        path.write_bytes(old)
        paths.append(path)
    reference = tmp_path / "ref"
    reference.mkdir()
    (reference / "one.py").write_bytes(old)
    subprocess.run([sys.executable, "-m", "migrate", "code", str(reference)], capture_output=True)
    new = (reference / "one.py").read_bytes()
    assert new != old, "the registry must rewrite tf.random_normal for this test to mean anything"

    # SIGINT as a terminal delivers it: a test run started in the background by a shell without
    # job control inherits SIGINT ignored, and Python keeps an inherited SIG_IGN (the run then
    # ignored the interrupt and finished: exit 1, every file new)
    process = subprocess.Popen(
        [sys.executable, "-m", "migrate", "code", "--jobs", "2", *map(str, paths)],
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # wait for the first rewrite, then interrupt
    for line in process.stderr:
        if line.startswith(("Rewriting", "migrate:")):
            break
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    states = {"old": 0, "new": 0}
    for path in paths:
        data = path.read_bytes()
        assert data in (old, new), f"{path.name} is neither old nor new"
        states["old" if data == old else "new"] += 1
    assert not [p for p in tmp_path.iterdir() if "migrate-tmp" in p.name]
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert states["old"] > 0 and states["new"] > 0, states


def test_a_tree_without_tensorflow_never_imports_libcst(tmp_path):
    (tmp_path / "a.py").write_text("print('hello')\n")
    probe = (
        "import sys\n"
        "from migrate.cli import main\n"
        "try:\n"
        f"    main(['code', '--check', '--jobs', '1', {str(tmp_path)!r}])\n"
        "except SystemExit as exc:\n"
        "    print('EXIT', exc.code)\n"
        "print('LIBCST', 'libcst' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "EXIT 0" in result.stdout and "LIBCST False" in result.stdout, result.stdout + result.stderr
