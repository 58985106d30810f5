"""Run the tests' TensorFlow programs without paying `import tensorflow` for each one.

Most end-to-end tests run a migrated program under TensorFlow 2 and compare what it prints.
Importing TensorFlow 2.21 (with Keras 3) costs 3 s on an idle machine and 6 to 8 s while
other tests run, often more than the program itself, and the suite runs several hundred
programs. So a program that can be is run in a child forked from a server process that has
already imported TensorFlow (the multiprocessing module's "forkserver" idea, with the
program run as `python script.py` would run it rather than a pickled function).

What the child sets up is what a fresh `python script.py ARGS` in the script's folder has:
`sys.argv`, `sys.path` (the script's folder first, then the interpreter's own), the working
folder, the environment the client passed when it started the server, stdin from /dev/null,
stdout and stderr to files, `__main__` (runpy.run_path), an uncaught exception's traceback and
exit status 1, `SystemExit`'s status, and atexit handlers at exit. What it cannot have is a
TensorFlow imported after the program's first statements, so `forked_kind` sends a program
to a fresh interpreter when code runs before its TensorFlow import that could change what the
import does: a seed drawn on by Keras' import (Python's `random`) or an environment variable
TensorFlow reads when it loads. A program setting `TF_USE_LEGACY_KERAS` before it goes to a
server started with that variable set (TensorFlow's import then loads tf-keras for tf.keras).

The server is started as `python tests/forkserver.py PRELOAD...` and reads one JSON request
per line on stdin: {"argv", "cwd", "stdout", "stderr", "timeout"}. It forks, waits (killing the
child's process group after `timeout` seconds) and answers one JSON line on its own copy of
fd 1: {"returncode"} (negative: the signal, as subprocess reports it) or {"timeout": true}.
One request at a time: the client keeps a pool of servers for programs run side by side.
"""
from __future__ import annotations

import ast
import json
import os
import sys
import threading
import time
from pathlib import Path


def _head(path: Path) -> list[ast.stmt] | None:
    """The module-level statements `path` runs before its first TensorFlow import (None: unreadable)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    head = []
    for statement in tree.body:
        if isinstance(statement, ast.Import) and any(a.name.split(".")[0] == "tensorflow" for a in statement.names):
            break
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").split(".")[0] == "tensorflow":
            break
        head.append(statement)
    return head


# the two forms migrate writes (the client's environment never has the variable, so setdefault sets it)
LEGACY_KERAS = {'os.environ["TF_USE_LEGACY_KERAS"] = "1"', 'os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")'}


def _sets_legacy_keras(statement: ast.stmt) -> bool:
    return ast.unparse(statement).replace("'", '"') in LEGACY_KERAS


def _harmless(statement: ast.stmt) -> bool:
    """A docstring or an import of a module other than Keras (which would import TensorFlow itself)."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    if isinstance(statement, ast.Import):
        return not any(a.name.split(".")[0] in {"keras", "tf_keras"} for a in statement.names)
    if isinstance(statement, ast.ImportFrom):
        return statement.level == 0 and (statement.module or "").split(".")[0] not in {"keras", "tf_keras"}
    return False


def forked_kind(script: Path) -> str | None:
    """How `script` can run forked: "tensorflow" (no code before its TensorFlow import but
    docstrings and imports), "legacy" (the same, and TF_USE_LEGACY_KERAS set to 1 among them),
    or None: it needs a fresh interpreter, because it or a module next to it (which it may
    import first) runs code before the import that an imported TensorFlow would not see (a
    seed Keras' import draws on, an environment variable TensorFlow reads when it loads)."""
    kind = "tensorflow"
    for path in [script, *sorted(p for p in script.parent.glob("*.py") if p != script)]:
        head = _head(path)
        if head is None:
            return None
        for statement in head:
            if path == script and _sets_legacy_keras(statement):
                kind = "legacy"
            elif not _harmless(statement):
                return None
    return kind


class Server:
    """One server process: TensorFlow imported under `env`, one program run at a time."""

    def __init__(self, env: dict[str, str], preload: list[str]):
        import subprocess

        self.process = subprocess.Popen(
            [sys.executable, __file__, *preload], env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
        )
        ready = self.process.stdout.readline()
        if ready.strip() != "ready":
            raise RuntimeError(f"the fork server did not start: {ready!r}")

    def run(self, argv: list[str], cwd: Path, timeout: float) -> tuple[int, str, str]:
        """(exit status, stdout, stderr) of `python *argv` run in `cwd` (TimeoutError after `timeout` s)."""
        import tempfile

        with tempfile.TemporaryDirectory(prefix="forked_") as scratch:
            out, err = Path(scratch, "stdout"), Path(scratch, "stderr")
            request = {"argv": argv, "cwd": str(cwd), "stdout": str(out), "stderr": str(err), "timeout": timeout}
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except BrokenPipeError:
                raise RuntimeError("the fork server ended") from None
            answer = self.process.stdout.readline()
            if not answer:
                raise RuntimeError("the fork server ended")
            reply = json.loads(answer)
            stdout = out.read_text(errors="replace") if out.exists() else ""
            stderr = err.read_text(errors="replace") if err.exists() else ""
        if reply.get("timeout"):
            raise TimeoutError(f"{argv} ran more than {timeout} s")
        return reply["returncode"], stdout, stderr

    def close(self) -> None:
        import subprocess

        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


PER_TEST = {"PYTEST_CURRENT_TEST"}


class Pool:
    """Servers by (environment, preloaded modules), created on demand, reused when idle; at most
    `limit` alive (idle servers of other kinds are closed to make room)."""

    def __init__(self, limit: int = 6):
        self.lock = threading.Lock()
        self.limit = limit
        self.idle: dict[tuple, list[Server]] = {}
        self.alive: list[Server] = []

    def run(self, env: dict[str, str], preload: list[str], argv: list[str], cwd: Path, timeout: float):
        # pytest names the running test in the environment: not a property of the server (a key
        # changing at each test started servers without end, until the machine ran out of memory)
        env = {k: v for k, v in env.items() if k not in PER_TEST}
        key = (tuple(sorted(env.items())), tuple(preload))
        with self.lock:
            server = self.idle.get(key, []).pop() if self.idle.get(key) else None
            spare = []
            if server is None and len(self.alive) >= self.limit:
                spare = [s for servers in self.idle.values() for s in servers]
                self.idle.clear()
                self.alive = [s for s in self.alive if s not in spare]
        for old in spare:
            old.close()
        if server is None:
            server = Server(env, preload)
            with self.lock:
                self.alive.append(server)
        ended = False
        try:
            return server.run(argv, cwd, timeout)
        except RuntimeError:  # the server itself ended: not reused
            ended = True
            raise
        finally:
            with self.lock:
                if ended:
                    self.alive.remove(server)
                else:
                    self.idle.setdefault(key, []).append(server)

    def close(self) -> None:
        with self.lock:
            servers, self.alive, self.idle = self.alive, [], {}
        for server in servers:
            server.close()


def _child(request: dict) -> None:
    """In the forked child: become `python argv...` run in request["cwd"] (does not return);
    argv is a script's path and its arguments, or "-m", a module's name and its arguments."""
    import runpy
    import traceback

    os.setsid()  # a process group the server can kill whole at the timeout
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)  # a fresh interpreter has no descriptor beyond 0, 1 and 2
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    argv = request["argv"]
    os.chdir(request["cwd"])
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the program's stdin, open until it exits)
    status = 0
    try:
        if argv[0] == "-m":  # `python -m module args`: the working folder first on the path
            sys.argv = argv[1:]
            sys.path[:] = [os.getcwd(), *BASE_PATH]
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            script = os.path.abspath(argv[0])
            sys.argv = list(argv)
            sys.path[:] = [os.path.dirname(script), *BASE_PATH]
            runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:
        status = stop.code
    except BaseException:  # noqa: BLE001 (what the interpreter does with an uncaught exception)
        traceback.print_exc()
        status = 1
    sys.exit(status)


def _serve() -> None:
    for name in sys.argv[1:]:
        __import__(name)
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # nothing the preloaded modules print mixes with the answers
    answers.write("ready\n")
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            answers.close()
            _child(request)
        deadline = time.monotonic() + request["timeout"]
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                answers.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
                break
            if time.monotonic() > deadline:
                try:
                    os.killpg(pid, 9)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                answers.write(json.dumps({"timeout": True}) + "\n")
                break
            time.sleep(0.02)


if __name__ == "__main__":
    BASE_PATH = sys.path[1:]  # the interpreter's path without this file's folder
    _serve()
