"""TensorFlow bound through `from module import *` (rivalgan 0.4's pipeline.py uses the `tf`
of `from rivalgan.utils import *`): the star-importing file is migrated as if it imported
TensorFlow itself, and only then."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from migrate.star_imports import star_imported_aliases


def _tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _migrate(*paths):
    return subprocess.run([sys.executable, "-m", "migrate", "code", *map(str, paths)], capture_output=True,
                          text=True, timeout=300)


USER = """\
    from pkg.utils import *

    def train(seed):
        tf.set_random_seed(seed)
        return tf.Session()
    """


def test_tf_from_a_star_import_is_migrated(tmp_path):
    root = _tree(tmp_path, {"pkg/__init__.py": "", "pkg/utils.py": "import tensorflow as tf\n", "pkg/pipeline.py": USER})
    result = _migrate(root)
    assert result.returncode == 1, result.stderr
    migrated = (root / "pkg" / "pipeline.py").read_text()
    assert "tf.Session()" not in migrated and "tf.compat.v1.Session()" in migrated
    assert "tf.set_random_seed" not in migrated
    assert _migrate("--check", root).returncode == 0  # a second run changes nothing


@pytest.mark.parametrize("files, text, expected", [
    pytest.param({"pkg/utils.py": "import tensorflow as tf\n"}, "from pkg.utils import *\nx = tf.ones(1)\n",
                 {"tf": "tensorflow"}, id="absolute"),
    pytest.param({"pkg/utils.py": "import tensorflow.compat.v1 as tf\nimport numpy as np\n"}, "from .utils import *\nf(tf, np)\n",
                 {"tf": "tensorflow.compat.v1"}, id="relative-compat-v1-numpy-ignored"),
    pytest.param({"pkg/utils.py": "from tensorflow import keras\n"}, "from pkg.utils import *\nkeras.Model\n",
                 {"keras": "tensorflow.keras"}, id="from-tensorflow-import"),
    pytest.param({"pkg/utils.py": "from pkg.base import *\n", "pkg/base.py": "import tensorflow as tf\n"},
                 "from pkg.utils import *\ntf.x\n", {"tf": "tensorflow"}, id="two-levels"),
    pytest.param({"pkg/utils/__init__.py": "try:\n    import tensorflow as tf\nexcept ImportError:\n    pass\n"},
                 "from pkg.utils import *\ntf.x\n", {"tf": "tensorflow"}, id="package-try-block"),
])
def test_star_imported_aliases(tmp_path, files, text, expected):
    _tree(tmp_path, {**files, "pkg/user.py": text})
    assert star_imported_aliases(str(tmp_path / "pkg" / "user.py"), text) == expected


@pytest.mark.parametrize("files, text", [
    pytest.param({"pkg/utils.py": "import tensorflow as tf\n__all__ = ['helper']\ndef helper(): pass\n"},
                 "from pkg.utils import *\ntf.x\n", id="__all__-excludes-tf"),
    pytest.param({"pkg/utils.py": "import numpy as tf\n"}, "from pkg.utils import *\ntf.x\n", id="numpy-as-tf"),
    pytest.param({"pkg/utils.py": "import tensorflow as tf\ntf = None\n"}, "from pkg.utils import *\ntf.x\n",
                 id="rebound-in-module"),
    pytest.param({"pkg/utils.py": "import tensorflow as _tf\n"}, "from pkg.utils import *\n_tf.x\n",
                 id="private-name"),
    pytest.param({"pkg/utils.py": "def f():\n    import tensorflow as tf\n"}, "from pkg.utils import *\ntf.x\n",
                 id="function-level-import"),
    pytest.param({}, "from missing.module import *\ntf.x\n", id="module-not-on-disk"),
    pytest.param({"pkg/utils.py": "import tensorflow as tf\n"}, "x = 'from pkg.utils import *'\ntf.x\n",
                 id="inside-a-string"),
    pytest.param({"pkg/utils.py": "import tensorflow as tf\n"}, "import pkg.utils\ntf.x\n", id="no-star-import"),
    pytest.param({"pkg/utils.py": "import tensorflow as tf\n"}, "from pkg.utils import *\nload('tf')\n",
                 id="star-imported-tf-unused"),
])
def test_no_aliases(tmp_path, files, text):
    _tree(tmp_path, {**files, "pkg/user.py": text})
    assert star_imported_aliases(str(tmp_path / "pkg" / "user.py"), text) is None


def test_own_binding_wins(tmp_path):
    """A file that binds `tf` itself (here to another module) keeps its own meaning."""
    user = "from pkg.utils import *\nimport other as tf\nx = tf.Session()\n"
    root = _tree(tmp_path, {"pkg/utils.py": "import tensorflow as tf\n", "pkg/user.py": user})
    assert _migrate(root / "pkg" / "user.py").returncode == 0
    assert (root / "pkg" / "user.py").read_text() == user
