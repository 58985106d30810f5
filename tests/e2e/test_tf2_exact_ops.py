"""The `--style tf2` rewrites of single v1 calls (migrate/tf2_rewrites.py: `exact_spellings`) computed
under TensorFlow 2.21: each v1 call of CALLS and its rewrite run eagerly on the same inputs (floats,
integers, uint8 images; align_corners and half_pixel_centers both ways; each branch of a case) and must
give the same bits."""
import textwrap

from migrate.tf2_rewrites import exact_spellings

from .conftest import run_python

INPUTS = """\
import numpy as np
import tensorflow as tf
rng = np.random.RandomState(0)
images = tf.constant(rng.uniform(-3, 3, [2, 5, 7, 3]).astype(np.float32))
pixels = tf.constant(rng.randint(0, 256, [1, 6, 4, 2]).astype(np.uint8))
doubles = tf.constant(rng.randn(3, 4, 4, 1))
a = tf.constant(rng.randn(4, 3).astype(np.float32))
b = tf.constant(rng.randn(4, 3).astype(np.float32))
numbers = tf.constant(rng.randint(0, 9, [12]).astype(np.int32))
"""

# (v1 call as the compat migration writes it, the TF 2 spelling it must become)
CALLS = [
    ("tf.compat.v1.image.resize_bilinear(images, [9, 4])", "tf.raw_ops.ResizeBilinear(images=images, size=[9, 4])"),
    ("tf.compat.v1.image.resize_bilinear(pixels, [3, 11], align_corners=True)",
     "tf.raw_ops.ResizeBilinear(images=pixels, size=[3, 11], align_corners=True)"),
    ("tf.compat.v1.image.resize_bilinear(doubles, size=(7, 2), half_pixel_centers=True)",
     "tf.raw_ops.ResizeBilinear(images=doubles, size=(7, 2), half_pixel_centers=True)"),
    ("tf.compat.v1.image.resize_nearest_neighbor(images, [10, 3])",
     "tf.raw_ops.ResizeNearestNeighbor(images=images, size=[10, 3])"),
    ("tf.compat.v1.image.resize_nearest_neighbor(pixels, [13, 5], True)",
     "tf.raw_ops.ResizeNearestNeighbor(images=pixels, size=[13, 5], align_corners=True)"),
    ("tf.compat.v1.image.resize_bicubic(images, [8, 8])", "tf.raw_ops.ResizeBicubic(images=images, size=[8, 8])"),
    ("tf.compat.v1.image.resize_bicubic(doubles, [2, 9], name='up', half_pixel_centers=True)",
     "tf.raw_ops.ResizeBicubic(images=doubles, size=[2, 9], name='up', half_pixel_centers=True)"),
    ("tf.compat.v1.image.resize_bilinear(tf.compat.v1.image.resize_nearest_neighbor(images, [3, 3]), [6, 5])",
     "tf.raw_ops.ResizeBilinear(images=tf.raw_ops.ResizeNearestNeighbor(images=images, size=[3, 3]), size=[6, 5])"),
    ("tf.compat.v1.image.resize_area(images, [3, 3])", "tf.raw_ops.ResizeArea(images=images, size=[3, 3])"),
    ("tf.compat.v1.image.resize_area(pixels, [4, 9], align_corners=True)",
     "tf.raw_ops.ResizeArea(images=pixels, size=[4, 9], align_corners=True)"),
    ("tf.compat.v1.setdiff1d(numbers, [1, 4, 8])", "tf.raw_ops.ListDiff(x=numbers, y=[1, 4, 8])"),
    ("tf.compat.v1.setdiff1d(numbers, tf.constant([0, 2]), tf.int64)",
     "tf.raw_ops.ListDiff(x=numbers, y=tf.constant([0, 2]), out_idx=tf.int64)"),
    ("tf.compat.v1.setdiff1d(['a', 'b', 'c', 'b'], ['b'], index_dtype=tf.int64)",
     "tf.raw_ops.ListDiff(x=['a', 'b', 'c', 'b'], y=['b'], out_idx=tf.int64)"),
    ("tf.compat.v1.sparse_to_dense([[0], [3]], [5], [2.5, -1.0])",
     "tf.raw_ops.SparseToDense(sparse_indices=[[0], [3]], output_shape=[5], sparse_values=[2.5, -1.0], default_value=0)"),
    ("tf.compat.v1.sparse_to_dense([[1, 0], [2, 2]], [3, 3], numbers[:2], default_value=-1, validate_indices=False)",
     ("tf.raw_ops.SparseToDense(sparse_indices=[[1, 0], [2, 2]], output_shape=[3, 3], sparse_values=numbers[:2], "
      "default_value=-1, validate_indices=False)")),
    ("tf.compat.v1.nn.fused_batch_norm(images, tf.ones([3]), tf.zeros([3]))",
     ("tf.raw_ops.FusedBatchNormV3(x=images, scale=tf.ones([3]), offset=tf.zeros([3]), mean=tf.constant([]), "
      "variance=tf.constant([]), epsilon=0.001)[:3]")),
    ("tf.compat.v1.nn.fused_batch_norm(images, a[0], b[0], a[1] * 0.1, b[1] ** 2, 1e-5, is_training=False)",
     ("tf.raw_ops.FusedBatchNormV3(x=images, scale=a[0], offset=b[0], mean=a[1] * 0.1, variance=b[1] ** 2, "
      "epsilon=1e-5, is_training=False)[:3]")),
    ("tf.compat.v1.nn.xw_plus_b(a, tf.transpose(a), b[:, 0])", "tf.nn.bias_add(tf.matmul(a, tf.transpose(a)), b[:, 0])"),
    ("tf.compat.v1.nn.xw_plus_b(images[0, 0], tf.transpose(a), biases=b[:, 1], name='scores')",
     "tf.nn.bias_add(tf.matmul(images[0, 0], tf.transpose(a)), b[:, 1], name='scores')"),
    ("tf.compat.v1.where(tf.greater(a, b), (a - b) * 3, (b - a) / 2)",
     "tf.where(tf.greater(a, b), (a - b) * 3, (b - a) / 2)"),
    ("tf.compat.v1.where(tf.math.less_equal(a, 0.5), -a ** 2, a + 1)",
     "tf.where(tf.math.less_equal(a, 0.5), -a ** 2, a + 1)"),
    ("tf.compat.v1.where([[True, False], [False, True]], [[1, 2], [3, 4]], [[5, 6], [7, 8]])",
     "tf.where([[True, False], [False, True]], [[1, 2], [3, 4]], [[5, 6], [7, 8]])"),
]


# calls v1 ran only in a graph (a dict of tensors: unhashable eagerly), run in the compat migration's graph mode
GRAPH_CALLS = [
    (f"tf.compat.v1.case({{a[0, 0] < {t}: lambda: a, a[0, 0] > {t}: lambda: b}}, default=lambda: a - b, exclusive=True)",
     f"tf.case([(a[0, 0] < {t}, lambda: a), (a[0, 0] > {t}, lambda: b)], default=lambda: a - b, exclusive=True)")
    for t in ("-9.0", "9.0", "a[0, 0]")]


def test_rewrites_are_the_spellings_written():
    for v1, tf2 in CALLS + GRAPH_CALLS:
        assert exact_spellings(f"import tensorflow as tf\nout = {v1}\n")[0] == f"import tensorflow as tf\nout = {tf2}\n", v1


def test_xw_plus_b_of_a_literal_is_left():
    # v1 converted each argument alone (`[0.0] * 3` to float32 but `[0] * 3` to int32, an error beside
    # float32), where matmul and bias_add convert a literal to the other argument's dtype
    for call in ("tf.compat.v1.nn.xw_plus_b(x, w, [0] * 3)", "tf.compat.v1.nn.xw_plus_b([[1, 2]], w, b)",
                 "tf.compat.v1.nn.xw_plus_b(x, w)", "tf.compat.v1.nn.xw_plus_b(*args)"):
        text = f"import tensorflow as tf\nout = {call}\n"
        assert exact_spellings(text)[0] == text, call


def test_v1_calls_and_their_rewrites_compute_the_same_bits(tmp_path):
    script = tmp_path / "same_bits.py"
    script.write_text(INPUTS + textwrap.dedent(f"""\
        for v1, tf2 in {[(v1, tf2) for v1, tf2 in CALLS]!r}:
            old, new = eval(v1), eval(tf2)
            old, new = (tuple(old), tuple(new)) if isinstance(old, tuple) else ((old,), (new,))
            assert len(old) == len(new), v1
            for x, y in zip(old, new):
                assert x.dtype == y.dtype and x.shape == y.shape, (v1, x, y)
                assert x.numpy().tobytes() == y.numpy().tobytes(), (v1, x.numpy(), y.numpy())
            print("same", v1, [x.dtype.name for x in old], [tuple(x.shape) for x in old])
        """))
    run = run_python(script)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.count("same ") == len(CALLS), run.stdout


def test_v1_graph_calls_and_their_eager_rewrites_compute_the_same_bits(tmp_path):
    graph, eager = tmp_path / "graph.py", tmp_path / "eager.py"
    graph.write_text(INPUTS.replace("import tensorflow as tf\n", "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n")
                     + "sess = tf.compat.v1.Session()\n"
                     + "".join(f"print(sess.run({v1}).tobytes().hex())\n" for v1, _ in GRAPH_CALLS))
    eager.write_text(INPUTS + "".join(f"print({tf2}.numpy().tobytes().hex())\n" for _, tf2 in GRAPH_CALLS))
    runs = [run_python(graph), run_python(eager)]
    assert all(run.returncode == 0 for run in runs), [run.stderr[-2000:] for run in runs]
    assert runs[0].stdout == runs[1].stdout and len(set(runs[0].stdout.split())) == len(GRAPH_CALLS), runs[0].stdout


def test_where_of_names_reads_the_binding_its_statement_sees():
    # a notebook binds X again in a later cell: the module-level where reads the binding before it; a
    # function or lambda runs later (X may be bound again by then: here it is, to another shape)
    text = textwrap.dedent("""\
        import tensorflow as tf
        X = tf.constant([1, 2])
        Y = tf.constant([[5, 6], [7, 8]])
        Z = tf.constant([[True, False], [False, True]], tf.bool)
        X = tf.constant([[1, 2], [3, 4]])
        out = tf.compat.v1.where(Z, X, Y)
        def f():
            return tf.compat.v1.where(Z, X, Y)
        g = lambda: tf.compat.v1.where(Z, X, Y)
        X = tf.constant([1, 2])
        """)
    new = exact_spellings(text)[0]
    assert new == text.replace("out = tf.compat.v1.where", "out = tf.where"), new
