"""The conversion graph itself (no TensorFlow needed): plans, impossible pairs, coverage."""
import pytest

from migrate.converters import planner
from migrate.converters.base import Detected
from migrate.converters.errors import ImpossibleConversion


def _src(fmt, **facts):
    return Detected(fmt, f"model.{fmt}", facts)


@pytest.mark.parametrize("source,facts,target,expected", [
    ("h5", {}, "tflite", ["h5", "tflite"]),
    ("json", {}, "keras", ["json", "keras"]),
    ("ckpt", {"kind": "tf1"}, "tflite", ["ckpt", "frozen", "tflite"]),
    ("ckpt", {"kind": "tf1"}, "savedmodel", ["ckpt", "frozen", "savedmodel"]),
    ("ckpt", {"kind": "tf2-object"}, "tflite", ["ckpt", "h5", "tflite"]),
    ("savedmodel", {"keras_metadata": True}, "keras", ["savedmodel", "keras"]),
    ("frozen", {}, "tflite", ["frozen", "tflite"]),
    ("h5", {}, "h5", ["h5", "h5"]),  # re-save with the engine that loaded it
    ("keras", {}, "ckpt", ["keras", "frozen", "ckpt"]),
    ("savedmodel", {}, "ckpt", ["savedmodel", "frozen", "ckpt"]),
])
def test_shortest_plans(source, facts, target, expected):
    path = planner.plan(_src(source, **facts), target)
    assert [path[0].source] + [edge.target for edge in path] == expected


@pytest.mark.parametrize("source,facts,target,reason", [
    ("tflite", {}, "h5", "inference-only"),
    ("tflite", {}, "savedmodel", "inference-only"),
    ("frozen", {}, "keras", "not Keras layers"),
    ("savedmodel", {"keras_metadata": False}, "h5", "keras_metadata.pb"),
    ("ckpt", {"kind": "tf1"}, "json", "not Keras layers"),
    ("frozen", {}, "frozen", "already frozen"),
])
def test_impossible_pairs_have_a_reason(source, facts, target, reason):
    with pytest.raises(ImpossibleConversion, match=reason) as info:
        planner.plan(_src(source, **facts), target)
    assert "\n" not in str(info.value)


def test_every_edge_is_implemented_by_run_edge():
    """run_edge dispatches on (source, target); an edge added to the list without code would
    only fail at run time, so check the dispatch covers the edge list."""
    import inspect

    pytest.importorskip("numpy")
    from migrate.converters import convert

    code = inspect.getsource(convert.run_edge)
    for edge in planner.EDGES:
        assert edge.source in planner.KERAS_FORMATS or f'"{edge.source}"' in code, edge
        assert edge.target in planner.KERAS_FORMATS or f'"{edge.target}"' in code, edge


def test_matrix_covers_every_pair():
    matrix = planner.matrix()
    assert len(matrix) == len(planner.FORMATS) ** 2
    assert matrix[("ckpt", "tflite")] == "ckpt → frozen → tflite"
    assert matrix[("tflite", "keras")].startswith("—")
