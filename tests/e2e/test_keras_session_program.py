"""Seed 001's GPU set-up through Keras' TF1 session, migrated and run under TF 2.21."""
import re

import pytest

from tests.e2e.conftest import run_python

pytestmark = [pytest.mark.tf, pytest.mark.slow]


def test_keras_session_gpu_options_become_tf_config_and_training_runs(legacy_copy):
    original, migrated, cli = legacy_copy("keras_gpu_session.py")
    # the memory fraction has no TF 2 form: a precise warning with the computation
    assert re.search(r"keras_gpu_session\.py:17:1: MIG222 per_process_gpu_memory_fraction=0\.5 .*0\.5 x", cli.stdout)
    source = migrated.read_text()
    assert "set_session" not in source and "ConfigProto" not in source
    assert 'tf.config.experimental.set_memory_growth(gpu, True)' in source
    assert "tf.config.threading.set_intra_op_parallelism_threads(2)" in source
    assert "tf.config.threading.set_inter_op_parallelism_threads(1)" in source

    result = run_python(migrated)
    assert result.returncode == 0, result.stderr[-3000:]
    numbers = dict(re.findall(r"(\w+)=([0-9.]+)", result.stdout))
    assert float(numbers["loss_end"]) < float(numbers["loss_start"]) / 3
    assert float(numbers["accuracy"]) > 0.9

    before = run_python(original)
    assert before.returncode != 0
    assert "ConfigProto" in before.stderr
