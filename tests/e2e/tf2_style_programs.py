"""The set of real TF 1.x programs for `migrate code --style tf2` (issue 13), in one place.

Every program is a training script or tutorial program that ships inside a PyPI archive of
the TF 1 era (downloaded at run time through tests/pypi_sources.py, never committed). A
`Program` says where it lies in the archive, which other folders of the archive it imports
(its library: migrated with it, with the same style), how to run it small and fast offline
(flags, synthetic data written next to it, a start-up shim), and how to read its training
result (numbers it prints, arrays it saves).

Used by tests/e2e/test_tf2_style_programs.py (the harness: compat and tf2 migrations run
side by side) and bench/bench_tf2_style.py (conversion counts, `compat.v1` references,
the time `--style tf2` costs).

The start-up shim (`sitecustomize.py`, first on PYTHONPATH): seeds NumPy's and Python's
global generators (so that data shuffles are the same in every run of a program), and runs
a program's `patches` in a module right after that module is first imported (how a data
folder hard-coded as '/tmp/...' is pointed at the run's own folder, without touching the file).
"""
from __future__ import annotations

import gzip
import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Program:
    name: str
    requirement: str  # "name==version" on PyPI
    path: str  # the program, relative to the unpacked archive's top folder
    args: tuple[str, ...] = ()  # command line: small sizes, one or two epochs, seeds
    library: tuple[str, ...] = ()  # folders/files of the archive it imports, migrated with it
    pythonpath: tuple[str, ...] = ("",)  # relative to the archive's top folder
    data: tuple[str, ...] = ()  # synthetic inputs written into the run folder (see write_data)
    patches: dict = field(default_factory=dict)  # module -> statements run in it after its import
    result: tuple[str, ...] = ()  # regexes over stdout + stderr; every number they capture, in order
    saved: tuple[str, ...] = ()  # .npy files the program writes (relative to the run folder)
    rel: float = 1e-4  # tolerance of the compat/tf2 comparison (relative; absolute for values < 1)
    kind: str = "sdist"
    prints: str = ""  # what its output says, for a reader
    constructs: tuple[str, ...] = ()  # TF 1 constructs a tf2 conversion of it must handle

    @property
    def files(self) -> tuple[str, ...]:
        """What `migrate code` is given: the program and its library."""
        return (self.path, *self.library)


_MNIST_FLAGS = ("MNIST_data",)  # folder name the TF 1 tutorials' read_data_sets("MNIST_data/") reads

PROGRAMS: tuple[Program, ...] = (
    Program(
        "facenet-mnist-noise-labels", "facenet==1.0.5", "tmp/mnist_noise_labels.py",
        args=("--self_test",),
        result=(r"Minibatch loss: ([\d.]+)", r"Minibatch error: ([\d.]+)%", r"Test error: ([\d.]+)%"),
        prints="its own --self_test mode (fake data built in the program, 1 epoch): minibatch loss/error every "
               "10 steps, test error",
        constructs=("placeholders + feed_dict", "tf.Variable(truncated_normal(seed=SEED))", "conv2d/max_pool",
                    "tf.nn.dropout(seed)", "exponential_decay on a global step Variable",
                    "MomentumOptimizer.minimize(global_step=)", "sess.run of a list fetch [op, loss, lr, pred]",
                    "tf.app.flags + tf.app.run", "with tf.Session() as sess", "global_variables_initializer"),
    ),
    Program(
        "tensorspark-mnist", "tensorspark==1.0.6", "tensorspark/example/mnist.py",
        data=("mnist:MNIST_data",),
        result=(r"^([\d.]+)\s*$",),
        prints="test accuracy of a softmax regression after 1000 steps of GradientDescent (zeros init)",
        constructs=("tensorflow.examples.tutorials.mnist input_data", "placeholders + feed_dict",
                    "tf.Variable(tf.zeros)", "GradientDescentOptimizer.minimize", "initialize_all_variables",
                    "tf.Session() (not closed)", "sess.run(accuracy, feed_dict) at module level", "tf.log",
                    "reduction_indices"),
    ),
    Program(
        "yadlt-autoencoder", "yadlt==0.0.6", "cmd_line/autoencoders/run_autoencoder.py",
        args=("--dataset", "custom", "--train_dataset", "train64.npy", "--valid_dataset", "valid64.npy",
              "--test_dataset", "test64.npy", "--n_components", "16", "--num_epochs", "3", "--seed", "1",
              "--save_reconstructions", "reconstructions.npy"),
        library=("yadlt",), data=("rows64",), saved=("reconstructions.npy",),
        result=(r"Reconstruction loss: ([\d.]+)",),
        prints="tqdm lines 'Reconstruction loss: x' per epoch (stderr); saves the test set's reconstructions",
        constructs=("class-held graph: placeholders, tf.Variable, tf.name_scope", "tf.train.*Optimizer.minimize",
                    "tf.summary.scalar/histogram + merge_all + FileWriter", "tf.train.Saver save/restore",
                    "tf.set_random_seed", "sess.run with feed_dict in a loop", "tf.app.flags read at module level"),
    ),
    Program(
        "yadlt-rbm", "yadlt==0.0.6", "cmd_line/boltzmann/run_rbm.py",
        args=("--num_epochs", "2", "--seed", "1", "--num_hidden", "32", "--save_reconstructions",
              "reconstructions.npy"),
        library=("yadlt",), data=("mnist:MNIST_data",), saved=("reconstructions.npy",),
        result=(r"Reconstruction loss: ([\d.]+)",),
        prints="tqdm 'Reconstruction loss: x' per epoch; saves the test set's reconstructions",
        constructs=("class-held graph: placeholders, tf.Variable", "Gibbs sampling with tf.random_uniform",
                    "manual assign_add updates (no optimizer)", "tf.summary + FileWriter", "tf.train.Saver",
                    "input_data.read_data_sets", "tf.app.flags"),
    ),
    Program(
        "yadlt-logistic-regression", "yadlt==0.0.6", "cmd_line/linear/run_logistic_regression.py",
        args=("--dataset", "custom", "--train_dataset", "trainX.npy", "--train_labels", "trainY.npy",
              "--valid_dataset", "validX.npy", "--valid_labels", "validY.npy", "--test_dataset", "testX.npy",
              "--test_labels", "testY.npy", "--num_epochs", "3"),
        library=("yadlt",), data=("classes10",),
        result=(r"Accuracy: ([\d.]+)", r"Test set accuracy: ([\d.]+)"),
        prints="tqdm 'Accuracy: x' per epoch (validation), 'Test set accuracy: x'",
        constructs=("class-held graph: placeholders, tf.Variable(zeros)", "softmax cross entropy",
                    "GradientDescentOptimizer.minimize", "tf.summary + FileWriter", "tf.train.Saver",
                    "tf.app.flags"),
    ),
    Program(
        "yadlt-dbn", "yadlt==0.0.6", "cmd_line/boltzmann/run_dbn.py",
        args=("--rbm_layers", "32,", "--rbm_num_epochs", "1,", "--finetune_num_epochs", "2", "--seed", "1",
              "--dataset", "custom", "--train_dataset", "trainX.npy", "--train_labels", "trainY.npy",
              "--valid_dataset", "validX.npy", "--valid_labels", "validY.npy", "--test_dataset", "testX.npy",
              "--test_labels", "testY.npy"),
        library=("yadlt",), data=("classes10",),
        result=(r"Reconstruction loss: ([\d.]+)", r"Accuracy: ([\d.]+)", r"Test set accuracy: ([\d.]+)"),
        prints="RBM pre-training reconstruction losses, fine-tuning validation accuracies, test accuracy",
        constructs=("several graphs (tf.Graph().as_default()) and sessions in one run",
                    "RBM weights passed between graphs as numpy", "placeholders + feed_dict",
                    "tf.train.*Optimizer.minimize", "tf.train.Saver", "tf.summary + FileWriter", "tf.app.flags"),
    ),
)


def write_data(kind: str, folder: Path, seed: int = 0) -> None:
    """Synthetic inputs a program reads instead of a download (CI reaches only PyPI):
    - "mnist:DIR": the four MNIST files (IDX format, gzip) in folder/DIR: 5600 training images
      (5000 go to TF 1's validation split, 600 train) and 200 test images, random noise with a
      class-specific bar plus label noise (the task is learnable, not trivial);
    - "rows64": train/valid/test64.npy, rows of 64 values in [0, 1) (autoencoder input);
    - "classes10": train/valid/test X and Y .npy, 10 features and 10 one-hot classes (the class
      is the argmax of a fixed linear map); yadlt's trainers build `np.array(list(zip(x, y)))`,
      which NumPy >= 1.24 accepts only when rows and labels have the same length.
    """
    rng = np.random.RandomState(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if kind.startswith("mnist:"):
        target = folder / kind.split(":", 1)[1]
        target.mkdir(parents=True, exist_ok=True)
        for prefix, count in (("train", 5600), ("t10k", 200)):
            labels = rng.randint(0, 10, count).astype(np.uint8)
            images = (rng.rand(count, 28, 28) * 160).astype(np.uint8)
            for digit in range(10):
                images[labels == digit, 2 * digit + 4: 2 * digit + 6, 4:24] = 200
            flip = rng.rand(count) < 0.15
            labels[flip] = rng.randint(0, 10, int(flip.sum()))
            with gzip.open(target / f"{prefix}-images-idx3-ubyte.gz", "wb") as out:
                out.write(struct.pack(">iiii", 2051, count, 28, 28) + images.tobytes())
            with gzip.open(target / f"{prefix}-labels-idx1-ubyte.gz", "wb") as out:
                out.write(struct.pack(">ii", 2049, count) + labels.tobytes())
    elif kind == "rows64":
        for part, rows in (("train", 120), ("valid", 30), ("test", 16)):
            np.save(folder / f"{part}64.npy", rng.rand(rows, 64).astype("float32"))
    elif kind == "classes10":
        mapping = rng.randn(10, 10)
        for part, rows in (("train", 300), ("valid", 60), ("test", 60)):
            x = rng.rand(rows, 10).astype("float32")
            np.save(folder / f"{part}X.npy", x)
            np.save(folder / f"{part}Y.npy", np.eye(10)[np.argmax(x @ mapping, 1)].astype("float32"))
    else:
        raise ValueError(f"unknown synthetic data kind {kind!r}")


SHIM = '''\
"""Start-up shim of the tf2-style harness (tests/e2e/tf2_style_programs.py): seeded global
generators, and statements run in named modules right after their first import."""
import importlib.abc
import importlib.util
import json
import os
import random
import sys

import numpy

numpy.random.seed(0)
random.seed(0)
_PATCHES = json.loads(os.environ.get("TF2_STYLE_PATCHES") or "{}")


class _AfterImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in _PATCHES:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module, run=run, code=_PATCHES[name]):
            run(module)
            exec(code, module.__dict__)

        spec.loader.exec_module = exec_module
        return spec


if _PATCHES:
    sys.meta_path.insert(0, _AfterImport())
'''


def write_shim(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SHIM)
    return folder


def run_env(program: Program, root: Path, run_dir: Path, shim: Path) -> dict:
    """Environment of one run: the shim first on PYTHONPATH, then the program's folders;
    HOME and TMPDIR inside the run folder (programs save under ~ or tempfile.gettempdir());
    no GPU; TF_USE_LEGACY_KERAS unset (a migrated program sets what it needs itself)."""
    import os

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0", "CUDA_VISIBLE_DEVICES": "",
           "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(run_dir), "TMPDIR": str(run_dir),
           "PYTHONPATH": os.pathsep.join([str(shim), *(str(root / p) for p in program.pythonpath)]),
           "TF2_STYLE_PATCHES": json.dumps({m: c.replace("{RUN}", str(run_dir)) for m, c in program.patches.items()}),
           "MPLBACKEND": "Agg"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    return env


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def training_result(program: Program, stdout: str, stderr: str) -> list[float]:
    """Every number the program's result patterns capture, pattern by pattern, in order of
    appearance. tqdm progress lines (stderr, '\\r'-separated) repeat a value as the bar moves:
    consecutive repeats of one value are kept once."""
    text = (stdout + "\n" + stderr).replace("\r", "\n")
    values: list[float] = []
    for pattern in program.result:
        found = [float(m) for m in re.findall(pattern, text, flags=re.MULTILINE)]
        values.extend(v for i, v in enumerate(found) if i == 0 or v != found[i - 1])
    return values


def close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))
