"""`--style tf2` on a project of two files (tests/e2e/tf2_projects/, written for the tests): a
model class of one module handed the Session by the program of another (migrate/tf2_crossfile.py).
The project is migrated with `--style compat` and with `--style tf2`; both run under TensorFlow
and must print the same digits (plain gradient descent: the same float operations in both).

session_class/: qnet.py's QNet keeps the Session its constructor is handed and runs it in
`predict` / `update`; train.py makes two objects (`qnet.QNet(sess, ...)`, `QNet(sess, ...)`) in a
`with tf.Session()` block, runs the initializer and trains through the methods. The tf2 output has
no Session parameter, argument, Session or initializer left, and is a fixed point of both styles.
Two copies of it side by side in one run (each program imports the qnet.py beside it) print
the digits of their compat migrations too.

layer_library/: train.py builds its graph with `fc_layer` of layers.py (weight and bias helpers
making get_variables with a truncated-normal initializer, under `variable_scope(name)`), under a
graph seed with a random op of its own before the layers (migrate/tf2_libraries.py): the tf2
output's `FcLayer` objects draw the same initial values (op seeds 1 and 2) and print the same digits.

model_body/: model.py's module body is the graph (SullyChen's Autopilot shape: helpers making
unseeded variables under model.py's graph seed, placeholders, dropout); train.py imports it, adds an
L2 penalty over `tf.trainable_variables()` and Adam, and runs `model.y` (also as `prediction =
model.y`) feeding `model.x`, `model.keep_prob` (migrate/tf2_modelmodules.py `_BodyJoint`): model.py
keeps its variables, the steps take the fed values; the same digits.

module_library/: train.py reaches the layer functions of nets.py through the module (`import nets
as N`, `N.dense(...)` three times, `N.accuracy`); each layer opens `variable_scope(name) as scope`
and names its activation `scope.name`: the tf2 output imports `Dense` beside `import nets as N`
and prints the same digits.

flatten_library/: train.py imports ops.py with `*` (easy-tensorflow's CNN main.py): conv and fc layers
making get_variables, `max_pool`, and `flatten_layer`, a reshape under `variable_scope('Flatten_layer')`
making no variable (migrate/tf2_libraries.py `_name_scopes`: a name scope; `draws_no_seed`: the op
seeds after it known); the same digits.

denoising_module/: train.py's dict builder masks its input with `corrupt` of noise.py (pkmital's
libs/utils.py): the function's expression written at the call, its random op the builder's own,
drawn on in every run from the op seed TF 1.x counted (migrate/tf2_builders.py `_inline_draws`); the
same digits.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrate.tf2_graph import remaining
from tests.e2e.conftest import migrate_cli, run_python, run_pythons
from tests.e2e.test_tf2_style_runs import printed

pytestmark = [pytest.mark.tf, pytest.mark.slow]

PROJECTS = Path(__file__).resolve().parent / "tf2_projects"
# files of a project whose compat migration is TF 2 already (noise.py: a function of TF 2 ops, no MIG601)
PLAIN = {"denoising_module": 1}


@pytest.mark.parametrize("project", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_a_project_handing_its_session_across_files_runs_like_compat(tmp_path, project):
    runs = {}
    for style in ("compat", "tf2"):
        folder = tmp_path / style
        shutil.copytree(PROJECTS / project, folder)
        files = sorted(folder.glob("*.py"))
        result = migrate_cli("--style", style, str(folder))
        assert result.returncode == 1, result.stdout + result.stderr
        if style == "tf2":
            converted = len(files) - PLAIN.get(project, 0)
            assert f"{converted} in TF 2 style (MIG601), 0 kept compat" in result.stderr, result.stdout + result.stderr
            for path in files:
                text = path.read_text()
                assert remaining(text) is None and "compat.v1" not in text and "Session(" not in text, text
                code = "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))
                assert "sess" not in code, text  # the parameter, the arguments, the Session and its runs went
        for again_style in ("compat", style):  # the result is a fixed point of both styles
            again = migrate_cli("--style", again_style, "--check", str(folder))
            assert again.returncode == 0, again.stdout + again.stderr
        run = run_python(folder / "train.py")
        assert run.returncode == 0, f"{style}:\n{run.stderr[-3000:]}"
        runs[style] = printed(run.stdout)
    assert len(runs["compat"]) >= 6 and runs["tf2"] == runs["compat"], runs
    print(project, "compat:", runs["compat"])
    print(project, "tf2:   ", runs["tf2"])


def test_projects_sharing_a_module_name_in_one_run_each_run_like_compat(tmp_path):
    """Two copies of session_class/ side by side, migrated as one run (a folder of projects, each
    with its qnet.py: hunkim's and freepsw's dqn.py): each program converts with the module beside
    it, and prints the digits of its compat migration. b's program runs its initializer as the
    block's default Session (`init.run()`, freepsw's Lab7_DQN_2013NIPS)."""
    runs = {}
    for style in ("compat", "tf2"):
        for folder in ("a", "b"):
            shutil.copytree(PROJECTS / "session_class", tmp_path / style / folder)
        program = tmp_path / style / "b" / "train.py"  # the initializer run on the block's default Session
        program.write_text(program.read_text().replace("sess.run(init)", "init.run()"))
        result = migrate_cli("--style", style, str(tmp_path / style))
        assert result.returncode == 1, result.stdout + result.stderr
        if style == "tf2":
            assert "4 in TF 2 style (MIG601), 0 kept compat" in result.stderr, result.stdout + result.stderr
        done = run_pythons(*((tmp_path / style / folder / "train.py", ()) for folder in ("a", "b")))
        assert all(run.returncode == 0 for run in done), f"{style}:\n" + "\n".join(r.stderr[-3000:] for r in done)
        runs[style] = [printed(run.stdout) for run in done]
    assert len(runs["compat"][0]) >= 6 and runs["tf2"] == runs["compat"], runs
