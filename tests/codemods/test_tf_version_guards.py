"""MIG111: guards that stop the program under TensorFlow 2 go."""
import pytest
from migrate.codemods.tf_version_guards import TfVersionGuards

from migrate.testing import check_rewrite, check_unchanged, codes


@pytest.mark.parametrize("before, after", [
    # lazyprogrammer's courses: the file refuses TF 2 at import
    ("import tensorflow as tf\nif tf.__version__.startswith('2'):\n  exit(\"Please install Tensorflow 1.x\")\nx = 1\n",
     "import tensorflow as tf\nx = 1\n"),
    # a print of the reason, sys.exit, a parsed major version; the comment above moves to the next statement
    (("import sys\nimport tensorflow as tf\n\n# TF 1 only\nif int(tf.__version__.split('.')[0]) >= 2:\n"
      "    print('needs TF 1')\n    sys.exit(1)\ny = 2\n"),
     "import sys\nimport tensorflow as tf\n\n# TF 1 only\ny = 2\n"),
    # in a function, raising
    ("import tensorflow as t\ndef main():\n    if t.__version__ >= '2':\n        raise RuntimeError('TF 1.x')\n    return 1\n",
     "import tensorflow as t\ndef main():\n    return 1\n"),
    # an assert of TF 1 (a fresh-eyes trial: the converted file died at its first line)
    ("import tensorflow as tf\nassert tf.__version__.startswith('1.')\nx = 1\n", "import tensorflow as tf\nx = 1\n"),
], ids=["exit", "print-sys-exit-comment", "raise-in-function", "assert"])
def test_guards_refusing_tf2_go(before, after):
    outcome = check_rewrite(TfVersionGuards, before, after)
    assert "MIG111" in codes(outcome, "change")


@pytest.mark.parametrize("source", [
    # true under TF 1 only: nothing stops a TF 2 run
    "import tensorflow as tf\nif tf.__version__.startswith('1'):\n    exit('old')\n",
    "import tensorflow as tf\nif tf.__version__ < '2':\n    raise RuntimeError('TF 1.x')\n",
    "import tensorflow as tf\nassert tf.__version__.startswith('2')\n",
    # the body does more than stop; an else branch; a test reading more than the version
    "import tensorflow as tf\nif tf.__version__.startswith('2'):\n    tf.compat.v1.disable_eager_execution()\n",
    "import tensorflow as tf\nif tf.__version__.startswith('2'):\n    exit('no')\nelse:\n    print('ok')\n",
    "import sys\nimport tensorflow as tf\nif tf.__version__.startswith('2') and len(sys.argv) > 1:\n    exit('no')\n",
    # a version check between TF 2 releases (true for some 2.x only)
    "import tensorflow as tf\nif int(tf.__version__.split('.')[1]) < 16:\n    exit('needs 2.16')\n",
    # not TensorFlow
    "import numpy as tf\nif tf.__version__.startswith('2'):\n    exit('numpy 2')\n",
], ids=["tf1-only", "tf1-only-compare", "assert-tf2", "body-does-more", "else", "reads-argv", "between-tf2-releases", "numpy"])
def test_other_version_checks_stay(source):
    check_unchanged(TfVersionGuards, source)
