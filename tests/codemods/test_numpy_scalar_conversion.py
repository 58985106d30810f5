import subprocess
import sys

import pytest

from migrate.codemods.numpy_scalar_conversion import NumpyScalarConversion
from migrate.testing import apply, check_rewrite, check_unchanged, codes

REWRITES = [
    pytest.param(
        "raise ValueError('`rank` should be integer, got %f' % rank[()])\n",
        "raise ValueError('`rank` should be integer, got %f' % rank.item())\n",
        id="format-single-operand",
    ),
    pytest.param(
        "msg = 'layer %s: %d units, scale %.3g' % (name, sizes[()], scale[()])\n",
        "msg = 'layer %s: %d units, scale %.3g' % (name, sizes.item(), scale.item())\n",
        id="format-tuple-numeric-operands",
    ),
    pytest.param(
        "msg = ('%*d' ' of %x') % (width, n[()], flags[()])\n",
        "msg = ('%*d' ' of %x') % (width, n.item(), flags.item())\n",
        id="star-width-and-concatenated-format",
    ),
    pytest.param(
        "total = sum(float(v[()]) for v in values)\nk = int(params['k'][()])\nz = complex(c[()])\n",
        "total = sum(float(v.item()) for v in values)\nk = int(params['k'].item())\nz = complex(c.item())\n",
        id="converters-in-generator-subscript-chain",
    ),
    pytest.param(
        "print('%s has %d%% of %d' % (label, share[()], total))\n",
        "print('%s has %d%% of %d' % (label, share.item(), total))\n",
        id="percent-literal-skipped-in-count",
    ),
    pytest.param(
        # char-rnn's weighted pick: searchsorted of a 1-element draw is a 1-element array
        "import numpy as np\nsample = int(np.searchsorted(t, np.random.rand(1) * s))\n",
        "import numpy as np\nsample = int(np.searchsorted(t, np.random.rand(1) * s).item())\n",
        id="searchsorted-of-a-shaped-draw",
    ),
    pytest.param(
        "import numpy\nfrom numpy import random as npr\n"
        "noise = [float(-npr.uniform(0, 1, size=1) * 2) for _ in range(3)]\nb = float(numpy.random.randn(1, 1))\n",
        "import numpy\nfrom numpy import random as npr\n"
        "noise = [float((-npr.uniform(0, 1, size=1) * 2).item()) for _ in range(3)]\nb = float(numpy.random.randn(1, 1).item())\n",
        id="aliases-comprehension-arithmetic",
    ),
    pytest.param(
        "import numpy as np\nbucket = int(np.digitize(np.random.randn(1), edges))\n",
        "import numpy as np\nbucket = int(np.digitize(np.random.randn(1), edges).item())\n",
        id="digitize-of-a-shaped-draw",
    ),
]

UNCHANGED = [
    pytest.param("print('%s' % a[()])\nprint('%r' % (a[()],))\n", id="str-and-repr-print-the-array"),
    pytest.param("print(f'{a[()]:f}', '{:f}'.format(a[()]), str(a[()]))\n", id="fstring-format-str"),
    pytest.param("print(fmt % a[()])\n", id="format-not-a-literal"),
    pytest.param("print('%(v)f' % {'v': a[()]})\n", id="mapping-format"),
    pytest.param("print('%f' % a.item())\nx = float(a[0])\n", id="already-scalar"),
    pytest.param("print('%d of %d' % (a[()],))\n", id="operand-count-mismatch"),
    pytest.param("def float(x):\n    return x\ny = float(a[()])\n", id="float-shadowed"),
    pytest.param("x = a[()] + 1\nprint(b'%f' % a[()])\n", id="no-conversion-and-bytes-format"),
    pytest.param("import numpy as np\nd = int(np.random.randint(0, 5))\ne = float(np.random.rand())\n"
                 "f = int(np.argmax(t))\ng = int(np.searchsorted(t, 0.5))\n", id="numpy-scalars"),
    pytest.param("import random\nx = float(random.random())\nimport other as np\ny = float(np.random.rand(1))\n",
                 id="not-numpy"),
]


@pytest.mark.parametrize("before, after", REWRITES)
def test_rewrites(before, after):
    assert codes(check_rewrite(NumpyScalarConversion, before, after)) and set(codes(apply(NumpyScalarConversion, before))) == {"MIG530"}


@pytest.mark.parametrize("source", UNCHANGED)
def test_unchanged(source):
    check_unchanged(NumpyScalarConversion, source)


PROGRAM = """\
import numpy as np


def check(rank):
    rank = np.array(rank)
    if rank.size == 1 and not isinstance(rank[()], np.integer):
        raise ValueError('rank should be integer, got %f' % rank[()])
    return '%d cores, first %.1f' % (rank.size, float(rank.reshape(-1)[:1][()]))


for case in (3, [1.5], 2.5):
    try:
        print(check(case))
    except ValueError as error:
        print('ValueError', error)
"""


def test_migrated_program_behaves_as_on_numpy_1():
    """Under NumPy 2 the original stops with TypeError; the migrated program gives what
    NumPy 1.x gave: the ValueError its author meant, with the element in the message."""
    import numpy

    assert int(numpy.__version__.split(".")[0]) >= 2
    original = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True)
    assert "only 0-dimensional arrays can be converted" in original.stderr
    migrated = apply(NumpyScalarConversion, PROGRAM).code
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "1 cores, first 3.0",
        "ValueError rank should be integer, got 1.500000",
        "ValueError rank should be integer, got 2.500000",
    ]


SAMPLER = """\
import numpy as np

np.random.seed(3)
weights = np.array([0.1, 0.5, 0.2, 0.2])
t = np.cumsum(weights)
s = np.sum(weights)
print([int(np.searchsorted(t, np.random.rand(1) * s)) for _ in range(8)])
"""


def test_migrated_sampler_draws_what_numpy_1_drew():
    """char-rnn's `weighted_pick` stops under NumPy 2; migrated, it draws the same indices
    as the element-wise computation (what NumPy 1.x converted)."""
    original = subprocess.run([sys.executable, "-c", SAMPLER], capture_output=True, text=True)
    assert "only 0-dimensional arrays can be converted" in original.stderr
    migrated = apply(NumpyScalarConversion, SAMPLER).code
    result = subprocess.run([sys.executable, "-c", migrated], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    import numpy as np

    rng = np.random.RandomState(3)
    t = np.cumsum([0.1, 0.5, 0.2, 0.2])
    expected = [int(np.searchsorted(t, rng.rand(1)[0] * 1.0)) for _ in range(8)]
    assert result.stdout.strip() == str(expected)
