"""MIG116: `random.seed` before `import tensorflow` moves after the import."""
import subprocess
import sys

import pytest
from migrate.codemods.python_random_seed import PythonRandomSeed

from migrate.testing import check_rewrite, check_unchanged, codes


@pytest.mark.parametrize("before, after", [
    # easy-tensorflow's notebooks: seeded first, then numpy and TensorFlow
    ("import random\nrandom.seed(0)\nimport numpy as np\nimport tensorflow as tf\nx = random.random()\n",
     "import random\nimport numpy as np\nimport tensorflow as tf\nrandom.seed(0)\nx = random.random()\n"),
    # a comment above the seed stays where it was; an assignment and an environment setting between
    (("import os, random\n# reproducible\nrandom.seed(SEED := 3)\nN = 4\nos.environ.setdefault('A', '1')\n"
      "from tensorflow import keras\nprint(random.random())\n"),
     ("import os, random\n# reproducible\nN = 4\nos.environ.setdefault('A', '1')\nfrom tensorflow import keras\n"
      "random.seed(SEED := 3)\nprint(random.random())\n")),
], ids=["notebook", "comment-assignment-environment"])
def test_seed_moves_after_the_tensorflow_import(before, after):
    outcome = check_rewrite(PythonRandomSeed, before, after)
    assert "MIG116" in codes(outcome, "change")


@pytest.mark.parametrize("source", [
    # already after the import
    "import random\nimport tensorflow as tf\nrandom.seed(0)\n",
    # a draw between: its value depends on the seed
    "import random\nrandom.seed(0)\nshift = random.random()\nimport tensorflow as tf\n",
    # the seed reads a name bound between
    "import random\nrandom.seed(n)\nn = 3\nimport tensorflow as tf\n",
    # a call between (it might draw)
    "import random\nrandom.seed(0)\nsetup()\nimport tensorflow as tf\n",
    # no TensorFlow import; `random` not the standard module
    "import random\nrandom.seed(0)\nimport numpy as np\n",
    "import numpy.random as random\nrandom.seed(0)\nimport tensorflow as tf\n",
], ids=["after", "draw-between", "reads-bound-between", "call-between", "no-tensorflow", "numpy-random"])
def test_seed_stays(source):
    check_unchanged(PythonRandomSeed, source)


@pytest.mark.tf
def test_tensorflow_2_import_draws_from_python_random_and_the_move_restores_the_stream():
    """The fact the rewrite rests on, measured: seeded before `import tensorflow` (Keras 3), the
    first draw is not the seeded stream's first; seeded after, it is."""
    program = ("import random\nrandom.seed(0)\n{first}import tensorflow as tf\n{second}"
               "print(random.random() == random.Random(0).random())\n")
    runs = [subprocess.run([sys.executable, "-c", program.format(first=a, second=b)], capture_output=True, text=True, check=False,
                           env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": ""}) for a, b in
            (("", ""), ("", "random.seed(0)\n"))]
    assert [r.stdout.strip() for r in runs] == ["False", "True"], [r.stderr[-500:] for r in runs]
