"""A real TF 1.12 training checkpoint nobody here wrote: musicnn 0.1.0's MTT_musicnn (PyPI
wheel, fetched at test time, never committed). Its folder holds `.index`/`.meta`/`.data-…`
(empty prefix) and a `checkpoint` file naming the author's /home path; its .meta carries
`_output_shapes` hints today's TensorFlow rejects; its training switch is the unnamed bool
`model/Placeholder_2` of unknown rank; its batch norms are Switch/Merge conds on ref
variables with moving-average updates."""
from __future__ import annotations

import numpy as np
import pytest

from tests.converters.conftest import convert, run_frozen
from tests.pypi_sources import unpacked

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def test_musicnn_checkpoint_folder_converts_to_its_inference_graph(tmp_path):
    folder = unpacked("musicnn==0.1.0", "wheel") / "musicnn" / "MTT_musicnn"
    assert "/home/" in (folder / "checkpoint").read_text()  # the moved-checkpoint case is real
    report = convert(folder, "frozen", tmp_path / "mtt.pb")
    notes = " | ".join(report["notes"])
    assert "model/Placeholder_2 fixed to False: a boolean training switch" in notes
    assert "inputs: model/Placeholder (" in notes
    assert report["verification"]["status"] == "passed", report["verification"]
    assert [o["name"] for o in report["verification"]["outputs"]] == ["model/Sigmoid"]

    # Independently: the author's own graph, restored from the checkpoint with the switch False.
    import tensorflow as tf

    from migrate.converters import ckpt

    x = np.random.RandomState(7).uniform(-1, 1, (2, 187, 96)).astype("float32")
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as session:
        saver = tf.compat.v1.train.import_meta_graph(ckpt._read_meta(str(folder / ".meta")), clear_devices=True)
        saver.restore(session, str(folder) + "/")
        expected = session.run("model/Sigmoid:0", {"model/Placeholder:0": x, "model/Placeholder_2:0": False})
    got = run_frozen(tmp_path / "mtt.pb", {"model/Placeholder": x}, ["model/Sigmoid"])[0]
    assert got.shape == (2, 50)
    np.testing.assert_allclose(got, expected, atol=1e-5)
