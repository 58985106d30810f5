"""Mask R-CNN end to end (the user's own project, seeds 000 and 002): matterport's
`mrcnn` 0.2 sdist from PyPI, migrated with the defaults of `migrate code`, runs under
TensorFlow 2.21 — inference (`detect`), two training steps of `train(..., layers="heads")`
with its fit_generator, TensorBoard and ModelCheckpoint callbacks, and its checkpoint loaded
by name with `exclude` into an inference model. The program below is this project's own;
the package is downloaded at test time and never committed.

To keep CI time modest the model is small: 128-pixel images and a tiny callable backbone
(mrcnn's documented BACKBONE/COMPUTE_BACKBONE_SHAPE hook); everything after the backbone
(FPN, RPN, proposal/detection-target layers, ROI align, heads, losses) is mrcnn's own code.
"""
from __future__ import annotations

import json
import textwrap

import pytest

from tests.e2e.conftest import migrate_cli, run_python
from tests.pypi_sources import fresh_copy

pytestmark = [pytest.mark.tf, pytest.mark.slow]

PROGRAM = textwrap.dedent('''
    import glob, json, math, sys
    import numpy as np
    import h5py
    from mrcnn.config import Config
    from mrcnn import utils
    import mrcnn.model as modellib

    KL = modellib.KL  # the migrated package's own Keras layers
    np.random.seed(0)  # the data generator's augmentation order
    modellib.tf.compat.v1.set_random_seed(0)


    def tiny_backbone(image, stage5=True, train_bn=False):
        """C1..C5 at strides 2..32, like resnet_graph's, with few channels."""
        x, outs = image, []
        for i, channels in enumerate((4, 8, 8, 16, 16)):
            x = KL.Conv2D(channels, 3, strides=2, padding="same", activation="relu", name="tiny_c%d" % (i + 1))(x)
            outs.append(x)
        return outs


    def tiny_shapes(image_shape):
        return np.array([[int(math.ceil(image_shape[0] / s)), int(math.ceil(image_shape[1] / s))]
                         for s in (4, 8, 16, 32, 64)])


    class Tiny(Config):
        NAME = "tiny"
        GPU_COUNT = 1
        IMAGES_PER_GPU = 1
        NUM_CLASSES = 3
        BACKBONE = staticmethod(tiny_backbone)
        COMPUTE_BACKBONE_SHAPE = staticmethod(tiny_shapes)
        IMAGE_MIN_DIM = 128
        IMAGE_MAX_DIM = 128
        RPN_ANCHOR_SCALES = (8, 16, 32, 64, 128)
        RPN_TRAIN_ANCHORS_PER_IMAGE = 32
        PRE_NMS_LIMIT = 200
        POST_NMS_ROIS_TRAINING = 64
        POST_NMS_ROIS_INFERENCE = 50
        TRAIN_ROIS_PER_IMAGE = 16
        MAX_GT_INSTANCES = 4
        DETECTION_MAX_INSTANCES = 10
        DETECTION_MIN_CONFIDENCE = 0.0
        TOP_DOWN_PYRAMID_SIZE = 32
        FPN_CLASSIF_FC_LAYERS_SIZE = 64
        MASK_POOL_SIZE = 7
        MASK_SHAPE = [14, 14]
        STEPS_PER_EPOCH = 2
        VALIDATION_STEPS = 1


    class Shapes(utils.Dataset):
        """Random images with one square (class 1) and one bar (class 2) each."""

        def load(self, count, seed):
            self.add_class("shapes", 1, "square")
            self.add_class("shapes", 2, "bar")
            rs = np.random.RandomState(seed)
            for i in range(count):
                self.add_image("shapes", image_id=i, path=None, seed=int(rs.randint(1 << 30)))

        def load_image(self, image_id):
            rs = np.random.RandomState(self.image_info[image_id]["seed"])
            return (rs.rand(96, 112, 3) * 255).astype(np.uint8)

        def load_mask(self, image_id):
            masks = np.zeros((96, 112, 2), dtype=bool)
            masks[10:40, 10:40, 0] = True
            masks[50:90, 60:70, 1] = True
            return masks, np.array([1, 2], dtype=np.int32)


    def check_detection(result, image):
        assert sorted(result) == ["class_ids", "masks", "rois", "scores"], sorted(result)
        n = len(result["class_ids"])
        assert result["rois"].shape == (n, 4) and result["scores"].shape == (n,)
        # with no detection, unmold_detections returns np.empty(shape + (0,)): float64, not bool
        assert result["masks"].shape == image.shape[:2] + (n,) and (result["masks"].dtype == bool or n == 0)
        assert all(1 <= c < Tiny.NUM_CLASSES for c in result["class_ids"])
        assert all(0.0 <= s <= 1.0 for s in result["scores"])
        return n


    mode, log_dir = sys.argv[1], sys.argv[2]
    report = {}
    config = Tiny()
    if mode == "inference":
        model = modellib.MaskRCNN(mode="inference", config=config, model_dir=log_dir)
        image = (np.random.RandomState(0).rand(100, 120, 3) * 255).astype(np.uint8)
        report["detections"] = check_detection(model.detect([image])[0], image)
    else:
        train, val = Shapes(), Shapes()
        train.load(4, 1)
        train.prepare()
        val.load(2, 2)
        val.prepare()
        model = modellib.MaskRCNN(mode="training", config=config, model_dir=log_dir)
        trained = [l.name for l in model.keras_model.layers if l.name.startswith(("mrcnn_", "rpn_", "fpn_"))]
        model.train(train, val, learning_rate=config.LEARNING_RATE, epochs=1, layers="heads")
        history = model.keras_model.history.history
        report["loss"] = history["loss"]
        report["val_loss"] = history["val_loss"]
        report["steps"] = int(modellib.K.get_value(model.keras_model.optimizer.iterations))
        report["events"] = len(glob.glob(model.log_dir + "/**/events.out.tfevents*", recursive=True))
        checkpoints = sorted(glob.glob(model.log_dir + "/*.h5"))
        report["checkpoints"] = [c.rsplit("/", 1)[1] for c in checkpoints]

        excluded = ["mrcnn_class_logits", "mrcnn_bbox_fc", "mrcnn_bbox", "mrcnn_mask"]
        inference = modellib.MaskRCNN(mode="inference", config=config, model_dir=log_dir)
        before = {l.name: [w.copy() for w in l.get_weights()] for l in inference.keras_model.layers}
        inference.load_weights(checkpoints[-1], by_name=True, exclude=excluded)
        loaded, kept = [], []
        with h5py.File(checkpoints[-1], "r") as f:
            for layer in inference.keras_model.layers:
                if not layer.weights or layer.name not in f:
                    continue
                group = f[layer.name]
                names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]]
                stored = [np.asarray(group[n]) for n in names]
                now = layer.get_weights()
                if layer.name in excluded:
                    kept.append(all(np.array_equal(a, b) for a, b in zip(now, before[layer.name])))
                else:
                    loaded.append(all(np.array_equal(a, b) for a, b in zip(now, stored)))
        report["loaded_layers"], report["loaded_equal"] = len(loaded), all(loaded)
        report["excluded_layers"], report["excluded_kept"] = len(kept), all(kept)
        image = train.load_image(0)
        report["detections"] = check_detection(inference.detect([image])[0], image)
    print("REPORT " + json.dumps(report))
''')


@pytest.fixture(scope="module")
def migrated_mrcnn(tmp_path_factory):
    tree = fresh_copy("mrcnn==0.2", tmp_path_factory.mktemp("mrcnn") / "mrcnn-0.2")
    cli = migrate_cli(str(tree))  # the defaults: --keras auto, every rewrite
    assert cli.returncode == 1, cli.stderr  # files changed
    assert "targeting Keras 2" in cli.stderr
    model = (tree / "mrcnn" / "model.py").read_text()
    (tree / "run_mrcnn.py").write_text(PROGRAM)
    return tree, cli, model


def report_of(run) -> dict:
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-5000:]
    line = [l for l in run.stdout.splitlines() if l.startswith("REPORT ")]
    assert line, run.stdout[-3000:]
    return json.loads(line[-1][len("REPORT "):])


def test_mrcnn_migrates_with_only_the_data_loading_warning(migrated_mrcnn):
    tree, cli, model = migrated_mrcnn
    warnings = [l for l in cli.stdout.splitlines() if ": MIG" in l]
    assert [w.split(": ")[1].split()[0] for w in warnings] == ["MIG253"], warnings
    for gone in ("import keras.engine", "from keras.engine", "metrics_tensors", "._losses", "use_multiprocessing=True", "np.bool)", "tf.log("):
        assert gone not in model, gone
    assert "tf.compat.v1.disable_eager_execution()" in model
    assert "keras.optimizers.legacy.SGD(" in model
    assert "KL.Reshape((-1, num_classes, 4)" in model
    assert "tf.range(tf.shape(probs)[0])" in model


def test_mrcnn_inference_detects(migrated_mrcnn, tmp_path):
    tree, _, _ = migrated_mrcnn
    report = report_of(run_python(tree / "run_mrcnn.py", "inference", str(tmp_path), timeout=900))
    assert report["detections"] >= 1


def test_mrcnn_trains_two_steps_and_its_checkpoint_loads_by_name(migrated_mrcnn, tmp_path):
    tree, _, _ = migrated_mrcnn
    report = report_of(run_python(tree / "run_mrcnn.py", "training", str(tmp_path), timeout=1200))
    assert report["steps"] == 2  # two optimizer steps of fit_generator's epoch
    assert len(report["loss"]) == 1 and len(report["val_loss"]) == 1  # one epoch, validation ran
    assert all(0 < v < 1e3 for v in report["loss"] + report["val_loss"])
    assert report["events"] >= 1  # TensorBoard wrote its event files
    assert report["checkpoints"] == ["mask_rcnn_tiny_0001.h5"]  # ModelCheckpoint
    assert report["loaded_layers"] > 20 and report["loaded_equal"]  # by name, values equal the file
    # exclude=[...] left alone (mrcnn_bbox, a Reshape, has no weights: three of the four)
    assert report["excluded_layers"] == 3 and report["excluded_kept"]
    # detect ran on the loaded model and check_detection found its outputs consistent; how many
    # ROIs two steps leave above background depends on the untrained class heads (a CI run had
    # none, one of four seeded runs here too), so the count is not asserted
    assert isinstance(report["detections"], int) and report["detections"] >= 0
