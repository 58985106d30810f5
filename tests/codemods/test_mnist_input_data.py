import gzip
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from migrate.codemod import Settings
from migrate.codemods.mnist_input_data import MnistInputData
from migrate.prescan import prescan
from migrate.testing import apply, check_unchanged, codes


@pytest.mark.parametrize("source, call", [
    ("from tensorflow.examples.tutorials.mnist import input_data\n"
     "mnist = input_data.read_data_sets('/tmp/data/', one_hot=True)\n",
     "mnist = read_data_sets('/tmp/data/', one_hot=True)\n"),
    ("from tensorflow.examples.tutorials.mnist import input_data as mnist_data\n"
     "data = mnist_data.read_data_sets(d)\n",
     "data = read_data_sets(d)\n"),
    ("import tensorflow.examples.tutorials.mnist.input_data as input_data\n"
     "sets = [input_data.read_data_sets(d) for d in dirs]\n",
     "sets = [read_data_sets(d) for d in dirs]\n"),
    ("from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets\n"
     "data = read_data_sets(d, validation_size=0)\n",
     "data = read_data_sets(d, validation_size=0)\n"),  # the name the import bound: its import goes
], ids=["from-import", "from-import-as", "import-as", "contrib-learn-function"])
def test_loader_written_into_module(source, call):
    outcome = apply(MnistInputData, "import tensorflow as tf\n" + source)
    code = outcome.code
    assert "import tensorflow.examples" not in code and "from tensorflow.examples" not in code
    assert "from tensorflow.contrib" not in code
    assert code.endswith(call)
    assert code.startswith("import tensorflow as tf\n\n\nclass MnistDataSet:\n")
    assert "tensorflow.keras.datasets.mnist.load_data()" in code
    # the signature's second line lines up under its first argument, whatever the loader's name
    header = next(line for line in code.splitlines(keepends=True) if line.startswith("def "))
    name = header[4:header.index("(")]
    assert f"{header}{' ' * (len(name) + 5)}validation_size=5000" in code, code
    assert apply(MnistInputData, code).code == code


@pytest.mark.parametrize("block", [
    "# a comment block about the model\n# second line\n\n",
    "# one comment\n\n# another, after a blank line\n",
    "# right above\n",
], ids=["blank-after-comments", "blank-inside-comments", "no-blank"])
def test_comment_block_after_the_loader_keeps_its_blank_lines(block):
    # nlintz/TensorFlow-Tutorials: the blank line between a comment block and the next def
    # was dropped when the loader was written above it
    source = ("import tensorflow as tf\nfrom tensorflow.examples.tutorials.mnist import input_data\n\n"
              + block + "def f(shape):\n    return shape\n\nmnist = input_data.read_data_sets('d')\n")
    code = apply(MnistInputData, source).code
    assert code.endswith("\n\n\n" + block + "def f(shape):\n    return shape\n\nmnist = read_data_sets('d')\n")


def test_loader_runs_before_the_programs_tensorflow_import():
    # TF 1.x tutorials read MNIST before `import tensorflow as tf`: the loader imports it itself
    code = apply(MnistInputData, "from tensorflow.examples.tutorials.mnist import input_data\n"
                                 "m = input_data.read_data_sets('x')\nimport tensorflow as tf\n").code
    assert code.startswith("class MnistDataSet:\n")
    assert code.endswith("m = read_data_sets('x')\nimport tensorflow as tf\n")
    assert "dtype=None" in code and "tf.float32" not in code and "= tf." not in code


def test_other_member_is_warned_and_import_kept():
    source = ("from tensorflow.examples.tutorials.mnist import input_data\n"
              "m = input_data.read_data_sets('x')\nd = input_data.DataSet(a, b)\n")
    outcome = apply(MnistInputData, source)
    assert "from tensorflow.examples.tutorials.mnist import input_data" in outcome.code
    assert codes(outcome, "warning") == ["MIG514"]


@pytest.mark.parametrize("source", [
    "import other.examples.tutorials.mnist.input_data as input_data\ninput_data.read_data_sets('x')\n",
    "import tensorflow as tf\n(x, y), _ = tf.keras.datasets.mnist.load_data()\n",
    'import tensorflow as tf\ns = "input_data.read_data_sets"  # tensorflow.examples.tutorials.mnist\n',
], ids=["other-package", "already-keras", "string-and-comment"])
def test_unchanged(source):
    check_unchanged(MnistInputData, source)


def test_needed():
    assert not MnistInputData.needed(prescan("import tensorflow as tf\nmnist = 1\n"), Settings())


def write_idx(folder, n_train, n_test, seed=0):
    """Synthetic MNIST in the TF 1.x file layout (no download): returns the raw arrays."""
    rng = np.random.RandomState(seed)
    out = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.randint(0, 256, (n, 28, 28)).astype(np.uint8)
        labels = rng.randint(0, 10, n).astype(np.uint8)
        with gzip.open(folder / f"{prefix}-images-idx3-ubyte.gz", "wb") as f:
            f.write(np.array([2051, n, 28, 28], ">u4").tobytes() + images.tobytes())
        with gzip.open(folder / f"{prefix}-labels-idx1-ubyte.gz", "wb") as f:
            f.write(np.array([2049, n], ">u4").tobytes() + labels.tobytes())
        out[prefix] = (images, labels)
    return out


PROGRAM = textwrap.dedent("""\
    import sys
    import numpy as np
    import tensorflow as tf
    from tensorflow.examples.tutorials.mnist import input_data

    mnist = input_data.read_data_sets(sys.argv[1], one_hot=True, validation_size=20)
    print(mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples)
    print(mnist.train.images.shape, mnist.train.images.dtype, mnist.train.labels.shape, mnist.train.labels.dtype)
    seen = []
    for _ in range(7):  # 7 batches of 30 over 80 examples: two epoch boundaries
        x, y = mnist.train.next_batch(30)
        seen.append((x.shape[0], y.shape[0]))
    print(seen, mnist.train.epochs_completed)
    print(float(mnist.test.images.max()), float(mnist.test.images.min()))
    np.save(sys.argv[2], mnist.validation.images)
    raw = input_data.read_data_sets(sys.argv[1], dtype=tf.uint8, reshape=False, validation_size=0)
    print(raw.train.images.shape, raw.train.images.dtype, raw.train.labels[:5].tolist())
    flat = input_data.read_data_sets(sys.argv[1], validation_size=0)  # an empty split, flattened (a fresh-eyes trial)
    print(flat.validation.images.shape, flat.train.images.shape)
""")


@pytest.mark.tf
@pytest.mark.slow
def test_migrated_loader_runs_on_local_files_like_tf1(tmp_path):
    data = write_idx(tmp_path, n_train=100, n_test=10)
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    migrate = subprocess.run([sys.executable, "-m", "migrate", "code", str(script)], capture_output=True, text=True)
    assert migrate.returncode == 1, migrate.stderr
    run = subprocess.run([sys.executable, str(script), str(tmp_path), str(tmp_path / "val.npy")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert lines[0] == "80 20 10"
    assert lines[1] == "(80, 784) float32 (80, 10) float64"
    assert lines[2] == "[(30, 30), (30, 30), (30, 30), (30, 30), (30, 30), (30, 30), (30, 30)] 2"
    images, labels = data["train"]
    assert float(lines[3].split()[0]) <= 1.0 and float(lines[3].split()[1]) >= 0.0
    # validation = the first 20 training images, scaled to [0, 1] (TF 1.x: no shuffle there)
    np.testing.assert_allclose(np.load(tmp_path / "val.npy"), images[:20].reshape(20, 784) / 255.0, rtol=1e-6)
    assert lines[4] == f"(100, 28, 28, 1) uint8 {labels[:5].tolist()}"
    assert lines[5] == "(0, 784) (100, 784)"


@pytest.mark.parametrize("imported, bound", [("read_data_sets", "read_data_sets"), ("read_data_sets as rds", "rds")])
def test_a_module_re_exporting_read_data_sets_still_defines_it(imported, bound):
    """A fresh-eyes trial (FirstContactWithTensorFlow's input_data.py, whose only line is
    `from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets`, read by
    `input_data.read_data_sets(...)` in the other modules): the import went and no loader was
    written, so the name the other modules read was gone (AttributeError)."""
    source = f"from tensorflow.contrib.learn.python.learn.datasets.mnist import {imported}\n"
    code = apply(MnistInputData, source).code
    namespace: dict = {}
    exec(compile(code, "input_data.py", "exec"), namespace)  # noqa: S102 - the migrated module, run to see its names
    assert callable(namespace[bound]) and "from tensorflow.contrib" not in code
    assert "def read_data_sets(train_dir" in code
    assert apply(MnistInputData, code).code == code


def test_a_loader_name_bound_again_keeps_its_import_and_is_warned():
    """A fresh-eyes trial (adventuresinML's `create_new_conv_layer(input_data, ...)`): the
    module's name is also a parameter, so its uses are not rewritten; the import was dropped
    anyway and `input_data.read_data_sets` was left unbound. Now the import stays, warned."""
    source = textwrap.dedent("""\
        from tensorflow.examples.tutorials.mnist import input_data


        def load():
            return input_data.read_data_sets("MNIST_data/", one_hot=True)


        def layer(input_data):
            return input_data
        """)
    outcome = apply(MnistInputData, source, Settings())
    assert outcome.code == source, outcome.code
    warned = [f for f in outcome.findings if f.code == "MIG514"]
    assert len(warned) == 1 and "rename that other binding" in warned[0].message, outcome.findings


def test_comment_above_the_removed_import_stays():
    """A fresh-eyes trial (Packt's VISUALIZE_TENSORBOARD notebook): `# load mnist data set`
    above the removed import went with it; a codemod removing a statement keeps the comment
    lines above it, above the next statement (here in a function body too)."""
    source = ("import tensorflow as tf\n\n# load mnist data set\nfrom tensorflow.examples.tutorials.mnist import input_data\n"
              "mnist = input_data.read_data_sets('/tmp/data/', one_hot=True)\n\n\ndef load():\n"
              "    # the loader, again\n    from tensorflow.examples.tutorials.mnist import input_data\n"
              "    return input_data.read_data_sets('/tmp/data/')\n")
    code = apply(MnistInputData, source).code
    assert "\n# load mnist data set\nmnist = read_data_sets('/tmp/data/', one_hot=True)\n" in code, code
    assert "\n    # the loader, again\n    return read_data_sets('/tmp/data/')\n" in code, code
