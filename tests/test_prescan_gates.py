"""Codemods decide from the prescan whether they have anything to do in a file (issue 8).

A gate that says "needed" too often costs a LibCST parse of the file on every run and
every `--check`; a gate that says "not needed" where the codemod would act loses output.
Each test here pairs a file the gate must pass over (and the codemod, forced to run,
indeed finds nothing in it) with the forms that must still open the gate. The codemods'
own before/after tests go through the gate as well (`migrate.testing.apply`), so every
rewrite they test is also a case the gate must let through.
"""
from __future__ import annotations

import textwrap

import pytest

from migrate.codemod import Settings, run_codemods
from migrate.codemods.library_removals import LibraryRemovals
from migrate.prescan import prescan


def gate(codemod, source: str, settings: Settings | None = None) -> bool:
    return codemod.needed(prescan(textwrap.dedent(source)), settings or Settings())


def forced(codemod, source: str, settings: Settings | None = None):
    """Run the codemod on `source` whatever its gate says."""
    source = textwrap.dedent(source)

    class Forced(codemod):
        @classmethod
        def needed(cls, facts, settings):
            return True

    Forced.__name__ = codemod.__name__
    return run_codemods(source, prescan(source), [Forced], settings or Settings())


# -- LibraryRemovals (MIG301): any file importing numpy used to be parsed ----------------
NUMPY_FILE_WITH_NOTHING_TO_DO = """
    import inspect
    import numpy as np
    import scipy.ndimage
    from numpy import zeros
    x = np.zeros((3, 4), dtype=np.float32) + zeros(2.5) + np.ones(3)
    y = np.array(x, dtype=np.int64).reshape((4, 3))
    z = np.random.rand(3, 4) * 1.0 + np.random.normal(0.0, 1.0)
    copy = x.copy()
    sig = inspect.signature(np.zeros)
    """


def test_library_removals_passes_over_a_numpy_file_with_nothing_to_do():
    assert not gate(LibraryRemovals, NUMPY_FILE_WITH_NOTHING_TO_DO)
    outcome = forced(LibraryRemovals, NUMPY_FILE_WITH_NOTHING_TO_DO)
    assert outcome.code == textwrap.dedent(NUMPY_FILE_WITH_NOTHING_TO_DO)
    assert outcome.findings == []


@pytest.mark.parametrize(
    "line",
    [
        "a = np.float(3)",
        "a = np.float.__name__",
        "a = np.zeros(1e3)",
        "a = np.zeros((1e3, 2))",
        "a = np.zeros(shape=(2, 1e3))",
        "a = np.random.rand(2, 1e3)",
        "a = npr.randn(1e2)",
        "a = np.array(x, copy=False)",
        "a = np.cast['f'](x)",
        "a = x.ravel('fortran')",
        "a = np.in1d(x, y)",
        "from numpy import NaN",
        "from numpy import asscalar",
        "import distutils.util\na = distutils.util.strtobool(s)",
        "from distutils.version import LooseVersion",
        "from scipy.misc import imread",
        "a = scipy.misc.imresize(x, 2)",
        "from scipy import misc\na = misc.imread(p)",
        "a = skimage.transform.resize(m, (2, 2))",
        "a = inspect.getargspec(f).args",
    ],
)
def test_library_removals_gate_opens_for_each_form(line):
    source = "import inspect\nimport numpy as np\nimport numpy.random as npr\nimport scipy.misc\nimport skimage.transform\n" + line + "\n"
    assert gate(LibraryRemovals, source)
    outcome = forced(LibraryRemovals, source)
    assert outcome.findings, "the form is one the codemod acts on"
