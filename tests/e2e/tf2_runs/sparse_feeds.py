"""Sparse placeholders fed SparseTensorValues (written for migrate's --style tf2 tests, in the shape of
nfmcclure's 05_address_matching.py): an edit distance between two string sparse placeholders, plus a
float32 one summed (its values fed as Python floats), run for a few inputs. Both styles print the
same digits (migrate/tf2_sparse.py)."""
import tensorflow as tf

sess = tf.Session()
codes = tf.sparse_placeholder(dtype=tf.string)
other = tf.sparse_placeholder(dtype=tf.string)
weights = tf.sparse_placeholder(tf.float32)
close = tf.placeholder(shape=[None, 1], dtype=tf.float32)
distance = tf.edit_distance(codes, other, normalize=True) * tf.sparse_reduce_sum(weights) + close


def sparse(words):
    indices = [[i, 0, j] for i, word in enumerate(words) for j, _ in enumerate(word)]
    return tf.SparseTensorValue(indices, list(''.join(words)), [len(words), 1, 1])


reference = sparse(['2308 baker rd', '709 baker pass', '12 elm st'])
for step, typed in enumerate(['2308 bakar rd', '709 bakeo pass', '12 eml st', '1 canal ln']):
    feed = {codes: sparse([typed] * 3), other: reference,
            weights: tf.SparseTensorValue([[0, 0], [1, 1]], [0.1 * (step + 1), 1.0 / 3], [2, 2]),
            close: [[0.25], [0.5], [1.0 / 7]]}
    print(f"step={step} distance={sess.run(distance, feed_dict=feed).ravel().tolist()}")
