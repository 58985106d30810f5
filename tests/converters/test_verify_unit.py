"""The comparison rules of verification, without TensorFlow."""
import pytest

np = pytest.importorskip("numpy")

from migrate.converters import verify  # noqa: E402  (after the numpy check)


def test_tolerance_is_absolute_near_one_and_relative_for_large_outputs():
    assert verify._compare_output("a", "a", [1.0, 2.0], [1.0, 2.00005], 1e-4)["passed"]
    assert not verify._compare_output("a", "a", [1.0, 2.0], [1.0, 2.001], 1e-4)["passed"]
    assert verify._compare_output("a", "a", [1000.0], [1000.05], 1e-4)["passed"]  # 5e-5 of the scale
    assert not verify._compare_output("a", "a", [1000.0], [1000.5], 1e-4)["passed"]


def test_nan_or_inf_in_the_result_fails_but_matching_source_nan_passes():
    bad = verify._compare_output("a", "a", [1.0, 2.0], [1.0, np.nan], 1e-4)
    assert not bad["passed"] and np.isnan(bad["max_abs_diff"])
    assert not verify._compare_output("a", "a", [1.0], [np.inf], 1e-4)["passed"]
    assert verify._compare_output("a", "a", [1.0, np.nan], [1.0, np.nan], 1e-4)["passed"]


def test_shape_mismatch_fails_with_a_reason():
    item = verify._compare_output("a", "a", np.zeros((2, 3)), np.zeros((2, 4)), 1e-4)
    assert not item["passed"] and "shape" in item["error"]


@pytest.mark.parametrize("source,result,expected", [
    (["alpha", "beta"], ["beta", "alpha"], [1, 0]),                 # by name
    (["alpha", "beta"], ["output_1", "output_0"], [1, 0]),          # by output_N index
    (["probs"], ["serving_default_probs:0"], [0]),                  # TFLite/graph decorations
    (["x", "y"], ["p", "q"], [0, 1]),                               # by position
])
def test_output_pairing(source, result, expected):
    assert verify._pair(source, result) == expected


class _Spec(verify.Runner):
    def __init__(self, specs, int_high=None):
        self.input_specs = [verify.InputSpec(*spec) for spec in specs]
        self.int_high = int_high


def test_inputs_are_deterministic_and_respect_vocabulary_and_pinned_shapes():
    runner = _Spec([("image", (None, 4, None), "float32"), ("ids", (None, 3), "int32")], int_high=7)
    first = verify.make_inputs(runner)
    second = verify.make_inputs(runner)
    assert first[0].shape == (2, 4, 4) and first[1].shape == (2, 3)
    np.testing.assert_array_equal(first[0], second[0])
    assert first[1].min() >= 0 and first[1].max() < 7
    assert -1 <= first[0].min() and first[0].max() < 1
    pinned = verify.make_inputs(runner, fixed_shapes={"image": (1, 4, 5)})
    assert pinned[0].shape == (1, 4, 5)


def test_unknown_rank_is_not_verifiable():
    with pytest.raises(verify.NotVerifiable, match="unknown rank"):
        verify.make_inputs(_Spec([("x", None, "float32")]))


class _Cropping(verify.Runner):
    """A source that, like SpliceAI's Cropping1D, gives an empty output below a length."""

    def __init__(self, minimum, fail=False):
        self.input_specs = [verify.InputSpec("seq", (None, None, 4), "float32")]
        self.output_names = ["out"]
        self.minimum, self.fail, self.seen = minimum, fail, []

    def run(self, feeds):
        length = feeds[0].shape[1]
        self.seen.append(feeds[0].shape)
        if self.fail:
            raise ValueError("Graph execution error:\n\nDetected at node 'crop' defined at:\n  File \"m.py\", line 3\n"
                             "\ncropping must be smaller than the input length\n\t [[{{node crop}}]]")
        return [feeds[0][:, : max(0, length - self.minimum)]]


def test_dynamic_lengths_grow_until_the_source_gives_an_output():
    source, result = _Cropping(1000), _Cropping(1000)
    figures = verify.compare(source, result, 1e-4)
    assert figures["status"] == "passed"
    assert source.seen[-1] == (1, 1024, 4)  # 4 and 64 gave empty outputs; batch 1 from 1024 on
    assert [shape[1] for shape in source.seen] == [4, 64, 1024]


def test_a_source_that_cannot_run_is_not_verifiable_with_its_cause():
    with pytest.raises(verify.NotVerifiable) as caught:
        verify.compare(_Cropping(0, fail=True), _Cropping(0), 1e-4)
    message = str(caught.value)
    assert "source itself does not run" in message and "cropping must be smaller" in message
    assert "Graph execution error" not in message


def test_float_token_ids_feeding_an_embedding_are_integers_in_range():
    runner = _Spec([("ids", (None, 5), "float32")], int_high=30)
    runner.index_inputs = frozenset({"ids"})
    (feed,) = verify.make_inputs(runner)
    assert feed.dtype == np.float32 and np.array_equal(feed, np.round(feed))
    assert feed.min() >= 0 and feed.max() < 30 and len(np.unique(feed)) > 3


def test_string_outputs_compare_by_equality():
    assert verify._compare_output("s", "s", np.array([b"abc"]), np.array([b"abc"]), 1e-4)["passed"]
    assert not verify._compare_output("s", "s", np.array([b"abc"]), np.array([b"abd"]), 1e-4)["passed"]
