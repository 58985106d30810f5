"""The two pre-commit hooks, driven by the real `pre-commit` tool (`try-repo`)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TF1 = "import tensorflow as tf\n\nnoise = tf.random_normal([2, 3])  # a TF1 name\n"
TF2 = "import tensorflow as tf\n\nnoise = tf.random.normal([2, 3])  # a TF1 name\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.com")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "train.py").write_text(TF1)
    (tmp_path / "clean.py").write_text(TF2)
    _git(tmp_path, "add", ".")
    return tmp_path


def _try_repo(project, hook_home, hook):
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_home)}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files", "--verbose"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


def test_migrate_code_hook_rewrites_and_fails_once(project, hook_home):
    result = _try_repo(project, hook_home, "migrate-code")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (project / "train.py").read_text() == TF2
    assert (project / "clean.py").read_text() == TF2
    again = _try_repo(project, hook_home, "migrate-code")
    assert again.returncode == 0, again.stdout + again.stderr


def test_migrate_code_check_hook_shows_diff_and_writes_nothing(project, hook_home):
    result = _try_repo(project, hook_home, "migrate-code-check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "+noise = tf.random.normal([2, 3])  # a TF1 name" in result.stdout
    assert (project / "train.py").read_text() == TF1
    (project / "train.py").write_text(TF2)
    assert _try_repo(project, hook_home, "migrate-code-check").returncode == 0
