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

import ast
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
    # other PyPI packages it imports at run time (not TensorFlow's), unpacked from their wheels
    # onto PYTHONPATH: "name==version"
    packages: tuple[str, ...] = ()
    result: tuple[str, ...] = ()  # regexes over stdout + stderr; every number they capture, in order
    saved: tuple[str, ...] = ()  # .npy files the program writes (relative to the run folder)
    rel: float = 1e-4  # tolerance of the compat/tf2 comparison (relative; absolute for values < 1)
    # (1e-4 where two compat runs print the same numbers: seeded or zero-initialised programs)
    kind: str = "sdist"
    prints: str = ""  # what its output says, for a reader
    constructs: tuple[str, ...] = ()  # TF 1 constructs a tf2 conversion of it must handle
    # a known defect of today's compat migration that makes the migrated program fail: (text its
    # error output holds, where and why); the harness expects that failure (strict xfail: the
    # day it is fixed the test says so, and this field goes)
    compat_bug: tuple[str, str] | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """What `migrate code` is given: the program and its library."""
        return (self.path, *self.library)



_CH3 = "cleverhans==3.0.1"
_CH2 = "cleverhans==2.1.0"
# cleverhans 2.1.0 reads MNIST from a data_mnist(datadir='/tmp/') default: pointed at the run folder
_CH2_DATA = {"cleverhans.utils_mnist": "data_mnist.__defaults__ = ('{RUN}/',) + data_mnist.__defaults__[1:]"}
_CH_RESULT = (r"[Aa]ccuracy[^:\n]*: ([\d.]+)",)
# cleverhans 2.1.0's utils_mnist.data_mnist imports the PyPI package `mnist` (0.2.2): its
# train_images() ... test_labels() download the four IDX files into tempfile.gettempdir()
# unless they are there already; the run's TMPDIR is its run folder, where the synthetic
# "mnist:." data lies, so the real package runs offline
_MNIST_PACKAGE = ("mnist==0.2.2",)
_KERAS_BACKEND_TF_BUG = ("This tutorial requires keras to be configured",
                         "cleverhans_tutorials/mnist_tutorial_keras_tf.py: `hasattr(backend, 'tf')` (Keras 2's "
                         "backend module re-exported its tensorflow_backend's `tf`) is False for Keras 3's tf.keras."
                         "backend, which the Keras import rewrites point it at; no rewrite maps it")
# prettytensor's tutorials read their data from data_utils.WORK_DIRECTORY = '/tmp/data'
_PT_DATA = {"prettytensor.tutorial.data_utils": "WORK_DIRECTORY = '{RUN}/data'"}
# (until MIG101 wrote a TF 0.x function used as a value out under its old name, importing
# prettytensor failed: Register(tf.complex_abs) became Register(tf.abs), "Method already defined: abs")
_PT_BUG = ("has no attribute '_VARSCOPE_KEY'",
           "prettytensor/scopes.py:58 var_and_name_scope reads TF 1's private "
           "tensorflow.python.ops.variable_scope._VARSCOPE_KEY (the collection key of the current variable "
           "scope), which TF 2.21's variable_scope module no longer has; MIG501 maps only private names with a "
           "public TF name")
_CH_CONSTRUCTS = ("placeholders + feed_dict", "tf.Session(config=ConfigProto)", "tf.set_random_seed",
                  "library training loop (optimizer.minimize, global_variables_initializer, batches fed)",
                  "model as a Python class building ops on call (variables in __init__ / fprop)",
                  "attack graphs built on the model (tf.gradients, tf.stop_gradient)", "tf.app.flags + tf.app.run")

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
        # yadlt seeds NumPy and the default graph, then builds its model in a new tf.Graph(): the
        # initial weights are unseeded, and two compat runs differ by up to ~3 % (measured)
        rel=0.1,
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
        # yadlt seeds NumPy and the default graph, then builds its model in a new tf.Graph(): the
        # initial weights are unseeded, and two compat runs differ by up to ~3 % (measured)
        rel=0.1,
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
        # yadlt seeds NumPy and the default graph, then builds its model in a new tf.Graph(): the
        # initial weights are unseeded, and two compat runs differ by up to ~3 % (measured)
        rel=0.1,
        result=(r"Reconstruction loss: ([\d.]+)", r"Accuracy: ([\d.]+)", r"Test set accuracy: ([\d.]+)"),
        prints="RBM pre-training reconstruction losses, fine-tuning validation accuracies, test accuracy",
        constructs=("several graphs (tf.Graph().as_default()) and sessions in one run",
                    "RBM weights passed between graphs as numpy", "placeholders + feed_dict",
                    "tf.train.*Optimizer.minimize", "tf.train.Saver", "tf.summary + FileWriter", "tf.app.flags"),
    ),
    Program(
        "facenet-seed-test", "facenet==1.0.5", "tmp/seed_test.py", args=("--batch_size", "6", "--image_size", "96"),
        library=("facenet/src/facenet.py",), pythonpath=("facenet/src",),
        result=(r": (True|False)",),
        prints="builds and trains the same graph twice with one graph seed, prints per variable and gradient "
               "whether both runs agree",
        constructs=("tf.Graph().as_default() twice in one process", "tf.set_random_seed", "placeholders + feed_dict",
                    "tf.Variable(truncated_normal)", "tf.split(0, 3, x) (TF 0.x argument order)", "tf.sub",
                    "compute_gradients + apply_gradients", "sess.run of a list of variables and of gradients",
                    "tf.app.flags without tf.app.run"),
    ),
    Program(
        "cleverhans3-mnist-tutorial-tf", _CH3, "cleverhans_tutorials/mnist_tutorial_tf.py",
        args=("--nb_epochs", "1", "--nb_filters", "8"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist:.",), result=_CH_RESULT, constructs=_CH_CONSTRUCTS,
        prints="test accuracy on legitimate and FGSM adversarial examples, before and after adversarial training",
    ),
    Program(
        "cleverhans3-mnist-blackbox", _CH3, "cleverhans_tutorials/mnist_blackbox.py",
        args=("--nb_epochs", "1", "--nb_epochs_s", "1", "--data_aug", "1", "--holdout", "50"),
        library=("cleverhans", "cleverhans_tutorials"), data=("mnist:.",), result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("Jacobian-based data augmentation (tf.gradients per class)",),
        prints="black-box oracle accuracy, substitute accuracy, accuracy on transferred adversarial examples",
    ),
    Program(
        "cleverhans3-mnist-tutorial-picklable", _CH3, "cleverhans_tutorials/mnist_tutorial_picklable.py",
        args=("--nb_epochs", "1", "--nb_filters", "8"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist:.",), result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("model pickled with its variables (cleverhans.serial, joblib)",),
        prints="test accuracies; saves the trained model as a pickle",
    ),
    Program(
        "cleverhans3-mnist-tutorial-keras-tf", _CH3, "cleverhans_tutorials/mnist_tutorial_keras_tf.py",
        args=("--nb_epochs", "1"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist:.",), result=_CH_RESULT,
        compat_bug=_KERAS_BACKEND_TF_BUG,
        constructs=_CH_CONSTRUCTS + ("Keras Sequential model used in a TF 1 session (keras.backend.set_session)",
                                     "tf.train.Saver / latest_checkpoint"),
        prints="test accuracies of a Keras model in a TF 1 session, clean and adversarial",
    ),
    Program(
        "cleverhans3-mnist-tutorial-jsma", _CH3, "cleverhans_tutorials/mnist_tutorial_jsma.py",
        args=("--nb_epochs", "1", "--source_samples", "2"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist10k:.",), result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("Jacobian saliency map attack (tf.gradients in a Python loop)",),
        prints="test accuracy, then JSMA success rate and perturbation over --source_samples targets",
    ),
    Program(
        "cleverhans3-mnist-tutorial-cw", _CH3, "cleverhans_tutorials/mnist_tutorial_cw.py",
        args=("--nb_epochs", "1", "--source_samples", "10", "--attack_iterations", "5"),
        library=("cleverhans", "cleverhans_tutorials"), data=("mnist10k:.",), result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("Carlini-Wagner attack: its own Adam optimizer graph and variables, "
                                     "tf.variables_initializer on a subset",),
        prints="test accuracy, then C&W adversarial success rate and average perturbation",
    ),
    Program(
        "cleverhans3-mnist-tutorial-tfe", _CH3, "cleverhans_tutorials/mnist_tutorial_tfe.py",
        args=("--nb_epochs", "1", "--nb_filters", "8"),
        library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist:.",), result=_CH_RESULT,
        compat_bug=("Error Enabling Eager Execution",
                    "TF 1 eager program (tf.enable_eager_execution, dropped by the migration: eager is TF 2's "
                    "default) importing cleverhans library modules that MIG104 gave a module-level "
                    "disable_eager_execution(): eager is off process-wide when the program checks it. No exact "
                    "rewrite: those modules build TF 1 graphs (placeholders, Sessions) for their other importers, "
                    "which need eager off before any graph is built, and in TF 2 that switch is process-wide; in "
                    "TF 1 each program chose eager itself"),
        constructs=("tf.enable_eager_execution()", "tfe.Variable / tf.contrib.eager", "GradientTape training loop",
                    "Keras-style model class", "eager attacks (FGSM, BIM)"),
        prints="TF Eager Activated, test accuracies clean and adversarial",
    ),
    Program(
        "cleverhans2-mnist-tutorial-tf", _CH2, "cleverhans_tutorials/mnist_tutorial_tf.py",
        args=("--nb_epochs", "1", "--nb_filters", "8"), library=("cleverhans", "cleverhans_tutorials"),
        # its evaluate() asserts the 10,000 test images of the real set
        data=("mnist10k:.",), patches=_CH2_DATA, packages=_MNIST_PACKAGE, result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("utils_tf.model_train / model_eval (feed_dict loops)",),
        prints="test accuracy on legitimate and adversarial examples, then with adversarial training",
    ),
    Program(
        "cleverhans2-mnist-blackbox", _CH2, "cleverhans_tutorials/mnist_blackbox.py",
        args=("--nb_epochs", "1", "--nb_epochs_s", "1", "--data_aug", "1", "--holdout", "50"),
        library=("cleverhans", "cleverhans_tutorials"), data=("mnist:.",), patches=_CH2_DATA,
        packages=_MNIST_PACKAGE, result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("Jacobian-based data augmentation (tf.gradients per class)",),
        prints="oracle and substitute accuracies, transfer attack accuracy",
    ),
    Program(
        "cleverhans2-mnist-tutorial-keras-tf", _CH2, "cleverhans_tutorials/mnist_tutorial_keras_tf.py",
        args=("--nb_epochs", "1"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist:.",), patches=_CH2_DATA, packages=_MNIST_PACKAGE, result=_CH_RESULT, compat_bug=_KERAS_BACKEND_TF_BUG,
        constructs=_CH_CONSTRUCTS + ("Keras model in a TF 1 session (keras.backend.set_session)",
                                     "tf.train.Saver"),
        prints="test accuracies of a Keras model, clean and adversarial",
    ),
    Program(
        "cleverhans2-mnist-tutorial-jsma", _CH2, "cleverhans_tutorials/mnist_tutorial_jsma.py",
        args=("--nb_epochs", "1", "--source_samples", "2"), library=("cleverhans", "cleverhans_tutorials"),
        data=("mnist10k:.",), patches=_CH2_DATA, packages=_MNIST_PACKAGE, result=_CH_RESULT,
        constructs=_CH_CONSTRUCTS + ("Jacobian saliency map attack (tf.gradients per class in a Python loop)",),
        prints="test accuracy, then JSMA success rate and mean perturbation over --source_samples targets",
    ),
    Program(
        "prettytensor-mnist", "prettytensor==0.7.3", "prettytensor/tutorial/mnist.py", args=("--model", "full"),
        library=("prettytensor",), data=("mnist60k:data",), patches=_PT_DATA,
        result=(r"Accuracy after \d+ epoch ([\d.]+)%",), compat_bug=_PT_BUG,
        constructs=("prettytensor chained layers (wrap/fully_connected/softmax_classifier)", "placeholders",
                    "pt.train.Runner: Saver, sess.run loop, feed_dict", "tf.train.*Optimizer.minimize",
                    "tf.app.flags + tf.app.run"),
        prints="accuracy after each of 10 epochs (data_utils reads 60,000 + 10,000 MNIST images)",
    ),
    Program(
        "prettytensor-shakespeare", "prettytensor==0.7.3", "prettytensor/tutorial/shakespeare.py",
        args=("--epochs", "1"), library=("prettytensor",), data=("text:data/shakespear.txt",), patches=_PT_DATA,
        result=(r"accuracy after epoch \d+: ([\d.]+)%",), compat_bug=_PT_BUG,
        constructs=("prettytensor LSTM cells with state held in variables (pt.train state saver)", "placeholders",
                    "embedding_lookup", "softmax sampling loop with sess.run", "Runner with Saver",
                    "tf.app.flags + tf.app.run"),
        prints="next-character accuracy per epoch and sampled text",
    ),
)


def write_data(kind: str, folder: Path, seed: int = 0) -> None:
    """Synthetic inputs a program reads instead of a download (CI reaches only PyPI):
    - "mnist:DIR": the four MNIST files (IDX format, gzip) in folder/DIR: 5600 training images
      (5000 go to TF 1's validation split, 600 train) and 200 test images, random noise with a
      class-specific bar plus label noise (the task is learnable, not trivial); "mnist10k:DIR"
      has the 10,000 test images of the real set (programs that assert that size), "mnist60k:DIR"
      the real set's 60,000 + 10,000 (programs that read fixed counts);
    - "text:PATH": an English-like text of 60,000 characters (a character model's corpus);
    - "rows64": train/valid/test64.npy, rows of 64 values in [0, 1) (autoencoder input);
    - "classes10": train/valid/test X and Y .npy, 10 features and 10 one-hot classes (the class
      is the argmax of a fixed linear map); yadlt's trainers build `np.array(list(zip(x, y)))`,
      which NumPy >= 1.24 accepts only when rows and labels have the same length.
    """
    rng = np.random.RandomState(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if kind.startswith(("mnist:", "mnist10k:", "mnist60k:")):
        target = folder / kind.split(":", 1)[1]
        target.mkdir(parents=True, exist_ok=True)
        sizes = {"mnist": (5600, 200), "mnist10k": (5600, 10000), "mnist60k": (60000, 10000)}[kind.split(":")[0]]
        for prefix, count in zip(("train", "t10k"), sizes):
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
    elif kind.startswith("text:"):
        words = ["the", "king", "shall", "speak", "and", "we", "are", "not", "to", "be", "what", "lord", "my", "love"]
        lines = [" ".join(rng.choice(words, 9)).capitalize() + "." for _ in range(1200)]
        target = folder / kind.split(":", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines)[:60000])
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

    from tests.pypi_sources import unpacked

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0", "CUDA_VISIBLE_DEVICES": "",
           "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(run_dir), "TMPDIR": str(run_dir),
           "PYTHONPATH": os.pathsep.join([str(shim), *(str(root / p) for p in program.pythonpath),
                                          *(str(unpacked(r, "wheel")) for r in program.packages)]),
           "TF2_STYLE_PATCHES": json.dumps({m: c.replace("{RUN}", str(run_dir)) for m, c in program.patches.items()}),
           "MPLBACKEND": "Agg"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    return env


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


_BOOLEANS = {"True": 1.0, "False": 0.0}  # a captured True / False (seed_test's per-variable checks)


def training_result(program: Program, stdout: str, stderr: str) -> list[float]:
    """Every number the program's result patterns capture, pattern by pattern, in order of
    appearance. tqdm progress lines (stderr, '\\r'-separated) repeat a value as the bar moves:
    consecutive repeats of one value are kept once."""
    text = (stdout + "\n" + stderr).replace("\r", "\n")
    values: list[float] = []
    for pattern in program.result:
        found = [_BOOLEANS.get(m, m) for m in re.findall(pattern, text, flags=re.MULTILINE)]
        found = [float(m) for m in found]
        values.extend(v for i, v in enumerate(found) if i == 0 or v != found[i - 1])
    return values


def close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def compat_v1_references(source: bytes) -> int:
    """Attribute chains naming `compat.v1` plus `from tensorflow.compat import v1` imports."""
    count = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "v1" and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "compat":
            count += 1
        elif isinstance(node, ast.ImportFrom) and node.module:
            from_compat = node.module.endswith("compat") and any(a.name == "v1" for a in node.names)
            count += from_compat or "compat.v1" in node.module
        elif isinstance(node, ast.Import):
            count += sum(1 for a in node.names if "compat.v1" in a.name)
    return count
