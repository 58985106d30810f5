"""MIG504: the TF 1.x tutorial MNIST loader (`tensorflow.examples.tutorials.mnist.input_data`)
-> a loader written into the module, reading MNIST through `tf.keras.datasets.mnist`."""
from __future__ import annotations

import libcst as cst

from migrate.codemod import DottedNameCodemod, absolute_module, _bound_names, dotted_text, path_within, with_aliases
from migrate.codemods.contrib_eager import add_helpers

# Modules that offered `read_data_sets` with this API in TF 1.x.
MODULES = (
    "tensorflow.examples.tutorials.mnist.input_data",
    "tensorflow.contrib.learn.python.learn.datasets.mnist",
)
PARENTS = {
    "tensorflow.examples.tutorials.mnist": "input_data",
    "tensorflow.contrib.learn.python.learn.datasets": "mnist",
}

LOADER = '''\
class {dataset}:
    """One split of the TF 1.x tutorial MNIST data (replaces DataSet of
    tensorflow.examples.tutorials.mnist, removed in TF 2): `images` (N, 784) float32 in
    [0, 1] (uint8 0..255 with dtype=uint8; (N, 28, 28, 1) with reshape=False), `labels`
    (N,) uint8 or (N, 10) one-hot float64; `next_batch(n)` reshuffles at each epoch as TF 1.x did."""

    def __init__(self, images, labels, dtype=None, reshape=True, seed=None):
        import numpy
        import tensorflow
        if seed is not None:
            numpy.random.seed(seed)
        if reshape:  # (N, 28 * 28), also for N = 0 (validation_size=0), as TF 1.x's DataSet
            images = images.reshape(images.shape[0], int(numpy.prod(images.shape[1:])))
        if dtype is None or tensorflow.as_dtype(dtype) == tensorflow.float32:
            images = images.astype(numpy.float32) * (1.0 / 255.0)
        self._images, self._labels = images, labels
        self._num_examples = images.shape[0]
        self._epochs_completed = 0
        self._index_in_epoch = 0

    images = property(lambda self: self._images)
    labels = property(lambda self: self._labels)
    num_examples = property(lambda self: self._num_examples)
    epochs_completed = property(lambda self: self._epochs_completed)

    def _shuffle(self):
        import numpy
        order = numpy.random.permutation(self._num_examples)
        self._images, self._labels = self._images[order], self._labels[order]

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """The next `batch_size` examples (images, labels); an epoch's remainder is
        completed from the start of the next, reshuffled epoch."""
        import numpy
        if fake_data:
            image = [1.0] * self._images[0].size
            label = [1] + [0] * 9 if self._labels.ndim == 2 else 0
            return [image] * batch_size, [label] * batch_size
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size <= self._num_examples:
            self._index_in_epoch += batch_size
            return self._images[start:self._index_in_epoch], self._labels[start:self._index_in_epoch]
        self._epochs_completed += 1
        rest_images, rest_labels = self._images[start:], self._labels[start:]
        if shuffle:
            self._shuffle()
        self._index_in_epoch = batch_size - rest_images.shape[0]
        end = self._index_in_epoch
        return (numpy.concatenate((rest_images, self._images[:end]), axis=0),
                numpy.concatenate((rest_labels, self._labels[:end]), axis=0))


def {read}(train_dir, fake_data=False, one_hot=False, dtype=None, reshape=True,
{align}validation_size=5000, seed=None, source_url=None):
    """read_data_sets of TF 1.x's tensorflow.examples.tutorials.mnist.input_data: the
    MNIST files already in `train_dir` (train-images-idx3-ubyte.gz, ...) if they are there,
    else tf.keras.datasets.mnist.load_data() (downloaded once to ~/.keras/datasets).
    dtype None means float32 (scaled to [0, 1]), as in TF 1.x.
    Returns an object with `.train`, `.validation` (the first `validation_size` training
    examples) and `.test`."""
    import collections
    import gzip
    import os

    import numpy
    import tensorflow

    def idx(name):
        with gzip.open(os.path.join(train_dir, name), "rb") as stream:
            data = stream.read()
        dims = data[3]
        shape = numpy.frombuffer(data, dtype=">u4", count=dims, offset=4)
        return numpy.frombuffer(data, dtype=numpy.uint8, offset=4 + 4 * dims).reshape(shape)

    names = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    if all(os.path.exists(os.path.join(train_dir, name)) for name in names):
        x_train, y_train, x_test, y_test = (idx(name) for name in names)
    else:
        (x_train, y_train), (x_test, y_test) = tensorflow.keras.datasets.mnist.load_data()
    x_train, x_test = x_train.reshape(-1, 28, 28, 1), x_test.reshape(-1, 28, 28, 1)
    if one_hot:
        y_train, y_test = (numpy.eye(10)[labels] for labels in (y_train, y_test))
    if not 0 <= validation_size <= len(x_train):
        raise ValueError("Validation size should be between 0 and %d. Received: %d." % (len(x_train), validation_size))
    split = dict(dtype=dtype, reshape=reshape, seed=seed)
    Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])
    return Datasets(
        train={dataset}(x_train[validation_size:], y_train[validation_size:], **split),
        validation={dataset}(x_train[:validation_size], y_train[:validation_size], **split),
        test={dataset}(x_test, y_test, **split),
    )
'''


def _module(qualified: str | None) -> str | None:
    """The loader module a qualified name lies in ("" for the module itself), else None."""
    return path_within(qualified, MODULES)


class MnistInputData(DottedNameCodemod):
    """`input_data.read_data_sets(dir, one_hot=True)` of the TF 1.x tutorials keeps working:
    the import (removed with TF 2) becomes a loader written into the module that reads the
    MNIST files already in `dir`, else loads MNIST with `tf.keras.datasets.mnist`, and
    keeps `.train.next_batch(n)`, `.images`, `.labels`, `.num_examples`, `validation`.

    Before::

        from tensorflow.examples.tutorials.mnist import input_data
        mnist = input_data.read_data_sets("/tmp/data/", one_hot=True)
        batch_x, batch_y = mnist.train.next_batch(128)

    After::

        import tensorflow as tf
        class MnistDataSet: ...               # next_batch as in TF 1.x
        def read_data_sets(train_dir, ...): ...  # tf.keras.datasets.mnist.load_data()
        mnist = read_data_sets("/tmp/data/", one_hot=True)
        batch_x, batch_y = mnist.train.next_batch(128)
    """

    CODE = "MIG504"
    TITLE = "TF 1.x tutorial MNIST loader (input_data.read_data_sets) -> a loader over tf.keras.datasets.mnist"
    WARNINGS = {"MIG514": "a use of the TF 1.x MNIST loader module other than read_data_sets"}

    @classmethod
    def needed(cls, facts, settings):
        if "mnist" not in facts.source:
            return False
        return any(_module(imp.qualified) is not None for imp in facts.imports)

    def __init__(self, file):
        super().__init__(file)
        self.read_name: str | None = None
        self.reexported: set[str] = set()  # names `from ...mnist import read_data_sets` bound here
        self.other_uses = sorted(
            name for name in file.facts.names
            if _module(name) not in (None, "read_data_sets") and not _module(name).startswith("read_data_sets.")
        )

    def _loader(self) -> str:
        if self.read_name is None:
            taken = (set(self.file.facts.aliases) | _bound_names(self.file.facts)) - self.reexported  # (their import goes)
            self.read_name = "read_data_sets" if "read_data_sets" not in taken else "mnist_read_data_sets"
            dataset = "MnistDataSet" if "MnistDataSet" not in taken else "TutorialMnistDataSet"
            # the loader imports TensorFlow itself: programs often read MNIST before `import tensorflow`
            self.source = LOADER.format(read=self.read_name, dataset=dataset, align=" " * len(f"def {self.read_name}("))
        return self.read_name

    def rewrite_name(self, original_node, updated_node):
        rest = _module(self.qualname(original_node))
        if rest == "read_data_sets":
            self.changed(original_node, "TF 1.x MNIST loader -> read_data_sets written into this module "
                                        "(reads through tf.keras.datasets.mnist)")
            return cst.Name(self._loader())
        if rest:
            self.warn(original_node, "MIG514",
                      f"{rest} of the TF 1.x MNIST tutorial loader does not exist in TF 2: use "
                      "tf.keras.datasets.mnist.load_data() (the import stays until this use is migrated)")
        return updated_node

    def leave_Import(self, original_node, updated_node):
        keep = [a for a in updated_node.names if _module(dotted_text(a.name)) is None or a.asname is None]
        return self._drop(original_node, updated_node, keep)

    def leave_ImportFrom(self, original_node, updated_node):
        module = absolute_module(original_node)
        if module is None:
            return updated_node
        keep = [a for a in updated_node.names if _module(f"{module}.{dotted_text(a.name)}") is None]
        if len(keep) != len(updated_node.names) and not self.other_uses:
            for alias in updated_node.names:
                if _module(f"{module}.{dotted_text(alias.name)}") == "read_data_sets":
                    # `from ...mnist import read_data_sets` binds the name in this module: a module
                    # re-exporting it (FirstContactWithTensorFlow's input_data.py) must still define it
                    bound = alias.asname.name.value if alias.asname is not None else dotted_text(alias.name)
                    self.reexported.add(bound)
        return self._drop(original_node, updated_node, keep)

    def _drop(self, original_node, updated_node, keep):
        if len(keep) == len(updated_node.names) or self.other_uses:
            return updated_node
        shadowed = [a for a in updated_node.names if a not in keep and not isinstance(a.name, cst.Attribute)
                    and (a.asname.name.value if a.asname is not None else dotted_text(a.name)) not in self.file.facts.aliases]
        if shadowed:
            # the module's name is bound again in this module (a fresh-eyes trial: a parameter
            # `input_data`), so its uses cannot be told from the other binding's and are not
            # rewritten: the import stays, said (dropping it left `input_data.read_data_sets` unbound)
            name = shadowed[0].asname.name.value if shadowed[0].asname is not None else dotted_text(shadowed[0].name)
            self.warn(original_node, "MIG514",
                      f"`{name}` (the TF 1.x MNIST tutorial loader, which TF 2 does not have) is also bound elsewhere "
                      f"in this module (a parameter, assignment or loop variable), so its uses are not rewritten: rename "
                      f"that other binding and migrate again (`{name}.read_data_sets` then becomes a loader written here)")
            return updated_node
        self.changed(original_node, "import of the TF 1.x MNIST loader removed (a loader is written into this module)")
        return with_aliases(updated_node, keep)

    def leave_Module(self, original_node, updated_node):
        if self.reexported:
            self._loader()
        if self.read_name is None:
            return updated_node
        aliases = [f"{name} = {self.read_name}" for name in sorted(self.reexported) if name != self.read_name]
        return add_helpers(updated_node, [self.source, *aliases])
