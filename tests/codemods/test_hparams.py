import subprocess
import sys
import textwrap

import pytest

from migrate.codemod import Settings
from migrate.codemods.hparams import Hparams
from migrate.prescan import prescan
from migrate.testing import apply, check_unchanged


@pytest.mark.parametrize("source, use", [
    ("import tensorflow as tf\nhp = tf.contrib.training.HParams(lr=0.1, layers=[2, 3])\n",
     "hp = HParams(lr=0.1, layers=[2, 3])\n"),
    ("import tensorflow as tf\nfrom tensorflow.contrib.training import HParams\n"
     "def default_hparams():\n    return HParams(n_vocab=0, n_ctx=1024)\n",
     "def default_hparams():\n    return HParams(n_vocab=0, n_ctx=1024)\n"),
    ("from tensorflow.contrib.training import HParams as HP\nhps = [HP(a=i) for i in range(3)]\n",
     "hps = [HParams(a=i) for i in range(3)]\n"),
    ("from tensorflow.contrib.training.python.training.hparam import HParams\nh = HParams(a=1)\n",
     "h = HParams(a=1)\n"),
], ids=["attribute", "from-import-in-function", "alias-in-comprehension", "deep-module"])
def test_class_written_into_module(source, use):
    code = apply(Hparams, source).code
    assert "contrib.training import" not in code and "tf.contrib.training.HParams(" not in code
    assert code.endswith(use)
    assert "class HParams(object):" in code and code.count("class HParams") == 1
    assert apply(Hparams, code).code == code


def test_name_taken_by_the_file():
    code = apply(Hparams, "import tensorflow as tf\nclass HParams: pass\nh = tf.contrib.training.HParams(a=1)\n").code
    assert "class ContribHParams(object):" in code and code.endswith("h = ContribHParams(a=1)\n")


@pytest.mark.parametrize("source", [
    "import other as tf\nh = tf.contrib.training.HParams(a=1)\n",
    'import tensorflow as tf\ns = "tf.contrib.training.HParams"  # HParams\n',
    "from my_lib import HParams\nh = HParams(a=1)\n",
], ids=["other-module", "string-and-comment", "other-hparams"])
def test_unchanged(source):
    check_unchanged(Hparams, source)


def test_needed():
    assert not Hparams.needed(prescan("import tensorflow as tf\n"), Settings())


PROGRAM = textwrap.dedent("""\
    import json
    import tensorflow as tf

    hp = tf.contrib.training.HParams(n_vocab=0, lr=0.1, layers=[64, 32], name="gpt", use_bias=True)
    hp.override_from_dict(json.loads('{"n_vocab": 50257, "lr": 2}'))
    hp.parse("layers=[8,4,2],use_bias=false,name=small")
    hp.add_hparam("dropout", 0.5)
    errors = []
    for bad in ({"n_vocab": 1.5}, {"use_bias": 1}, {"nope": 1}):
        try:
            hp.override_from_dict(bad)
        except (ValueError, KeyError) as exc:
            errors.append(type(exc).__name__)
    print(json.dumps(hp.values(), sort_keys=True))
    print(hp.lr, type(hp.lr).__name__, hp.get("missing", 7), "layers" in hp, errors)
    print(hp.to_json(sort_keys=True) == json.dumps(hp.values(), sort_keys=True))
""")


def test_migrated_hparams_program_behaves_like_tf1(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    migrate = subprocess.run([sys.executable, "-m", "migrate", "code", str(script)], capture_output=True, text=True)
    assert migrate.returncode == 1, migrate.stderr
    # the migrated module needs no TensorFlow for HParams: run it with a stub tensorflow
    (tmp_path / "tensorflow.py").write_text("")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert lines[0] == ('{"dropout": 0.5, "layers": [8, 4, 2], "lr": 2.0, "n_vocab": 50257, '
                        '"name": "small", "use_bias": false}')
    # int 2 into a float hparam is cast (TF 1.x); float into int, int into bool, unknown name raise
    assert lines[1] == "2.0 float 7 True ['ValueError', 'ValueError', 'KeyError']"
    assert lines[2] == "True"
