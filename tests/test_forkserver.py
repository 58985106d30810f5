"""The tests' fork server (tests/forkserver.py) runs a program as a fresh interpreter would:
the same argv, path, folder, output, exit status and atexit handlers; and it refuses (sends to
a fresh interpreter) a program whose code before its TensorFlow import could change it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests import forkserver

PROGRAM = '''
"""Prints what a fresh interpreter gives a script."""
import atexit, json, os, sys
atexit.register(lambda: print("atexit ran"))
print(json.dumps({"argv": sys.argv[1:], "path0": sys.path[0], "cwd": os.getcwd(), "name": __name__,
                  "file": __file__, "main": sys.modules["__main__"].__dict__.get("MARK"),
                  "stdin": sys.stdin.read(), "hashseed": os.environ.get("PYTHONHASHSEED")}))
MARK = 1
print("to stderr", file=sys.stderr)
if "fail" in sys.argv:
    raise ValueError("the program failed")
if "exit" in sys.argv:
    sys.exit(3)
'''


@pytest.fixture
def pool():
    servers = forkserver.Pool()
    yield servers
    servers.close()


def fresh(script: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, str(script), *args], cwd=script.parent, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"}, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [(), ("a", "b c"), ("fail",), ("exit",)])
def test_a_forked_run_is_a_fresh_interpreters(tmp_path, pool, args):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    status, out, err = pool.run(env, ["json"], [str(script), *args], tmp_path, 60)
    expected = fresh(script, *args)
    assert (status, out) == expected[:2]
    assert json.loads(out.splitlines()[0])["argv"] == list(args)
    assert "atexit ran" in out and err.splitlines()[0] == "to stderr"
    if "fail" in args:  # the traceback ends as the interpreter's does
        assert status == 1 and err.splitlines()[-1] == expected[2].splitlines()[-1] == "ValueError: the program failed"
    else:
        assert err == expected[2]


def test_module_runs_and_timeouts(tmp_path, pool):
    (tmp_path / "tool.py").write_text("import os, sys\nprint(sys.argv[1:], sys.path[0] == os.getcwd())\n")
    status, out, _ = pool.run(dict(os.environ), [], ["-m", "tool", "x"], tmp_path, 60)
    assert (status, out) == (0, "['x'] True\n")
    (tmp_path / "slow.py").write_text("import time\ntime.sleep(60)\n")
    with pytest.raises(TimeoutError):
        pool.run(dict(os.environ), [], [str(tmp_path / "slow.py")], tmp_path, 1)
    status, out, _ = pool.run(dict(os.environ), [], ["-m", "tool", "after"], tmp_path, 60)  # the server goes on
    assert (status, out) == (0, "['after'] True\n")


@pytest.mark.parametrize("head, kind", [
    ('"""Doc: a seed."""\nimport numpy as np\nimport random\n', "tensorflow"),
    ("import random\nrandom.seed(1)\n", None),  # Keras' import draws from Python's random
    ("import os\nos.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'\n", None),
    ("import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\n", "legacy"),
    ("import os\nos.environ.setdefault('TF_USE_LEGACY_KERAS', '1')\n", "legacy"),
    ("import keras\n", None),
    ("def f():\n    pass\n", None),
])
def test_forked_kind(tmp_path, head, kind):
    script = tmp_path / "prog.py"
    script.write_text(head + "import tensorflow as tf\nprint(tf.constant(1))\n")
    assert forkserver.forked_kind(script) == kind


def test_a_neighbour_module_running_code_first_needs_a_fresh_interpreter(tmp_path):
    script = tmp_path / "train.py"
    script.write_text("import tensorflow as tf\n")
    (tmp_path / "config.py").write_text(textwrap.dedent("""\
        import os
        os.environ["TF_USE_LEGACY_KERAS"] = "1"  # too late if train.py imports TensorFlow first
        import tensorflow
    """))
    assert forkserver.forked_kind(script) is None
    (tmp_path / "config.py").write_text("import tensorflow as tf\nSEED = 1\n")
    assert forkserver.forked_kind(script) == "tensorflow"


def test_the_pool_keeps_its_limit_and_drops_a_server_that_ended(tmp_path):
    servers = forkserver.Pool(limit=2)
    try:
        script = tmp_path / "prog.py"
        script.write_text("import os\nprint(os.environ['KIND'])\n")
        for kind in "abcd":  # a new environment each time: idle servers of others are closed
            assert servers.run({**os.environ, "KIND": kind}, [], [str(script)], tmp_path, 60)[1] == f"{kind}\n"
            assert len(servers.alive) <= 2
        for test in ("t1", "t2"):  # the variable pytest sets per test starts no server
            servers.run({**os.environ, "KIND": "d", "PYTEST_CURRENT_TEST": test}, [], [str(script)], tmp_path, 60)
            assert len(servers.alive) == 2
        ended = list(servers.alive)
        for server in ended:
            server.process.kill()
            server.process.wait()
        with pytest.raises(RuntimeError):
            servers.run({**os.environ, "KIND": "d"}, [], [str(script)], tmp_path, 60)
        assert len(servers.alive) == len(ended) - 1
        assert servers.run({**os.environ, "KIND": "d"}, [], [str(script)], tmp_path, 60)[1] == "d\n"
    finally:
        servers.close()
