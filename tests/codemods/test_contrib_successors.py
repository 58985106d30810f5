"""Contrib modules with no TF 2 package get warnings that name the successor (issue 10)."""
import pytest

from migrate.codemods.contrib_slim import ContribSlim
from migrate.codemods.estimator_removed import EstimatorRemoved
from migrate.testing import check_unchanged


@pytest.mark.parametrize("source, successor", [
    ("from tensorflow.contrib.factorization import KMeans\nk = KMeans(inputs=x, num_clusters=5)\n",
     "sklearn.cluster.KMeans"),
    ("import tensorflow as tf\nk = tf.contrib.factorization.KMeans(x, 5)\n", "sklearn.cluster.KMeans"),
    ("from tensorflow.contrib.tensor_forest.python import tensor_forest\n"
     "p = tensor_forest.ForestHParams(num_trees=10)\n", "ydf.RandomForestLearner"),
    ("import tensorflow as tf\ng = tf.contrib.boosted_trees.estimator_batch.estimator.GradientBoostedDecisionTreeClassifier\n",
     "ydf.GradientBoostedTreesLearner"),
], ids=["kmeans-import", "kmeans-attribute", "tensor-forest", "boosted-trees"])
def test_contrib_without_tf2_package_names_the_successor(source, successor):
    outcome = check_unchanged(ContribSlim, source)
    messages = [f.message for f in outcome.findings if f.code == "MIG151"]
    assert messages and all(successor in m for m in messages)


def test_canned_boosted_trees_estimator_names_ydf():
    outcome = check_unchanged(EstimatorRemoved, "import tensorflow as tf\nm = tf.estimator.BoostedTreesClassifier(fc, 1)\n")
    assert ["MIG181"] == [f.code for f in outcome.findings]
    assert "ydf.GradientBoostedTreesLearner" in outcome.findings[0].message
