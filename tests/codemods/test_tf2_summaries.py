"""`--style tf2` of v1 summaries beyond a literal scalar / histogram (migrate/tf2_graph.py's
`_summary`, `_summary_tag`, `_summary_helper_lines`): image, audio and text summaries, tags built
from values the file fixes, `family=`, `collections=`, the `_1` TF 1.x's graph gave a name used
again, summaries in a list merged by `tf.summary.merge`, and the pixels v1's image kernel wrote.
Run side by side with their compat migration (event files read back): tests/e2e/tf2_runs/
summaries_images_text.py."""
from __future__ import annotations

import textwrap

import pytest

from tests.codemods.test_tf2_style import SUMMARIES, _kept, migrate, only


def _converted(source: str) -> str:
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "compat.v1" not in code, code
    return code


def _kinds(code: str) -> str:
    return next(line.strip() for line in code.splitlines() if line.strip().startswith("kinds = {"))


def test_image_text_and_audio_summaries_convert_with_their_kinds():
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', textwrap.indent(textwrap.dedent("""\
        tf.summary.scalar("loss", loss)
        tf.summary.image("input", tf.reshape(x, [-1, 1, 2, 1]), 2)
        tf.summary.image(name="weights", tensor=tf.reshape(w, [1, 2, 1, 1]), max_outputs=1)
        tf.summary.text("note", tf.as_string(loss))
        tf.summary.audio("clip", tf.reshape(x, [-1, 2]), 8000.0, max_outputs=1)
    """), "    "))
    code = _converted(source)
    assert _kinds(code) == ('kinds = {"loss": "scalar", "input": ["image", 2], "weights": ["image", 1], "note": "text", '
                            '"clip": ["audio", 1, 8000.0]}'), code
    for written in ("tf.summary.image(item_tag, v1_image_pixels(value[i:i + 1]), step=step, max_outputs=1)",
                    "tf.summary.text(tag, value, step=step)", "tf.summary.audio(item_tag, ",
                    'item_tag = tag + "/image" + (f"/{i}" if kinds[tag][1] > 1 else "")', "def v1_image_pixels(image):"):
        assert written in code, code
    # only the kinds a program writes have their branch
    plain = _converted(SUMMARIES)
    assert "v1_image_pixels" not in plain and "summary.text" not in plain and "summary.audio" not in plain, plain


@pytest.mark.parametrize("call, tag", [
    ('tf.summary.scalar(PREFIX + "/loss", loss)', "train/loss"),
    ('tf.summary.scalar(f"{PREFIX}_loss", loss)', "train_loss"),
    ('tf.summary.scalar("%s-%d" % (PREFIX, 3), loss)', "train-3"),
    ('tf.summary.scalar("{}.loss".format(PREFIX), loss)', "train.loss"),
    ('tf.summary.scalar(PREFIX + str(2), loss)', "train2"),
    ('tf.summary.scalar("loss (mse)", loss)', "loss__mse_"),  # clean_tag: characters outside [-/\\w.] are `_`
    ('tf.summary.scalar("/loss", loss)', "loss"),  # and a leading `/` goes
    ('tf.summary.scalar("loss", loss, family="costs")', "costs/costs/loss"),  # family/<scope>/family/name
    ('tf.summary.scalar(name="loss", tensor=loss, collections=None)', "loss"),
])
def test_summary_tags_built_from_values_the_file_fixes(call, tag):
    """The tag v1 wrote (summary_op_util.summary_scope, measured under TF 2.21's compat graph) for a
    name built from literals and constants (`PREFIX`, bound once to a literal)."""
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', f"    {call}\n").replace(
        "import tensorflow as tf\n", 'import tensorflow as tf\n    PREFIX = "train"\n', 1)
    assert source.count(call) == 1 and "PREFIX = " in source
    assert _kinds(_converted(source)) == f'kinds = {{"{tag}": "scalar"}}'


def test_a_name_used_again_gets_the_suffix_tf1_gave_it():
    """Graph.unique_name: the second summary named `loss` in one scope was `loss_1` (the third
    `loss_2`); a name scope entered before under the summary's name counts as a use too."""
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', '    tf.summary.scalar("loss", loss)\n'
                               '    tf.summary.scalar("loss", loss * 2)\n    tf.summary.scalar("Loss", loss * 3)\n'
                               '    with tf.name_scope("half"):\n        half = loss / 2\n    tf.summary.scalar("half", half)\n')
    assert _kinds(_converted(source)) == 'kinds = {"loss": "scalar", "loss_1": "scalar", "Loss_2": "scalar", "half_1": "scalar"}'
    # `loss_1` used again after the graph had given it: `loss_1_1`, not followed
    again = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', '    tf.summary.scalar("loss", loss)\n'
                              '    tf.summary.scalar("loss", loss * 2)\n    tf.summary.scalar("loss_1", loss * 3)\n')
    assert "made unique" in _kept(again)[0].message


@pytest.mark.parametrize("call, reason", [
    ('tf.summary.scalar(str(loss), loss)', "whose name is not a string known before the program runs"),
    ('tf.summary.scalar("loss", loss, family=loss.name)', "whose family is not a string known before the program runs"),
    ('tf.summary.image("x", tf.reshape(x, [-1, 1, 2, 1]), max_outputs=int(loss.shape[0]))', "max_outputs other than"),
    ('tf.summary.audio("x", x, rate)', "sample_rate other than a number known"),
    ('tf.summary.scalar("loss", loss, collections=names)', "collections other than a list of names"),
    ('tf.summary.scalar("loss", loss, display_name="l")', "arguments other than (name, tensor, collections, family)"),
    ('tf.summary.scalar("dense", loss)', "made unique"),  # a call's own name scope (`tf.layers.dense`) may have it
])
def test_summaries_whose_tag_or_arguments_are_not_known_fall_back(call, reason):
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', f"    {call}\n").replace(
        "import tensorflow as tf\n", "import tensorflow as tf\n    rate, names = int(input()), [input()]\n    tf.layers.dense\n", 1)
    assert call in source
    assert reason in _kept(source)[0].message


def test_a_name_of_several_parts_is_made_unique_as_a_whole_path():
    """dsalaj's `scalar('mean/' + name, tf.reduce_mean(var))`: the op `Mean` took `mean`, but TF 1.x made
    the summary's scope unique as the path `mean/loss`, which nothing took (measured: tag `mean/loss`);
    `scalar("mean", ...)` alone was written `mean_1` (a Fallback)."""
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n',
                               '    tf.summary.scalar("mean/loss", tf.reduce_mean(loss))\n'
                               '    tf.summary.scalar("max/loss", tf.reduce_max(loss))\n')
    assert _kinds(_converted(source)) == 'kinds = {"mean/loss": "scalar", "max/loss": "scalar"}'
    alone = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n', '    tf.summary.scalar("mean", tf.reduce_mean(loss))\n')
    assert "made unique" in _kept(alone)[0].message


def test_summaries_in_a_list_merged_and_a_collection_of_their_own():
    source = SUMMARIES.replace('    tf.summary.scalar("loss", loss)\n    merged = tf.summary.merge_all()\n', textwrap.indent(textwrap.dedent("""\
        listed = [tf.summary.scalar("loss", loss), tf.summary.histogram("w", w)]
        merged = tf.summary.merge(listed)
        tf.summary.scalar("test_loss", loss, collections=["test"])
        tested = tf.summary.merge_all("test")
    """), "    ")).replace(
        "writer.add_summary(summary, step)\n", "writer.add_summary(summary, step)\n        writer.add_summary(sess.run(tested, "
        "{x: np.ones((1, 2))}), 3)\n")
    assert "merge(listed)" in source and "sess.run(tested" in source
    code = _converted(source)
    assert _kinds(code) == 'kinds = {"loss": "scalar", "w": "histogram", "test_loss": "scalar"}', code
    # the run given to add_summary is rewritten in place (before: the Session's name was left there)
    assert "write_summaries(writer, fetched_values(compute_tested(x=np.ones((1, 2)))), 3)" in code, code
    assert "sess" not in code, code
    nothing = source.replace('collections=["test"]', 'collections=["other"]')
    assert "`tested`, a merge_all of no summary made before it: TF 1.x's merge_all returned None" in _kept(nothing)[0].message


@pytest.mark.tf
def test_v1_image_pixels_are_the_pixels_v1s_image_kernel_wrote():
    """The helper written into the file against TF 1.x's own kernel (summary.image in a graph,
    the PNG it wrote decoded): float16/32/64 images, non-negative, negative, all zero, [0, 1],
    tiny and huge scales, NaN and infinite pixels, 1, 3 and 4 channels."""
    np = pytest.importorskip("numpy")
    tf = pytest.importorskip("tensorflow")
    from migrate.tf2_graph import Converter

    namespace = {"tf": tf}
    exec("\n".join(Converter("import tensorflow as tf\n")._image_helper_lines()), namespace)  # noqa: S102 (the helper's text, as written into files)
    helper = namespace["v1_image_pixels"]
    rng = np.random.RandomState(0)
    images = []
    for k in range(48):
        a = rng.normal(size=(1, rng.randint(1, 6), rng.randint(1, 6), (1, 3, 4)[k % 3])) * 10 ** rng.uniform(-8, 4)
        a = [a, np.abs(a), rng.uniform(size=a.shape), np.zeros_like(a), -np.abs(a), a, a, a][k % 8].copy()
        a.flat[0] = (a.flat[0], a.flat[0], a.flat[0], a.flat[0], a.flat[0], np.nan, np.inf, -np.inf)[k % 8]
        images += [a.astype(dtype) for dtype in (np.float32, np.float64, np.float16)]
    images.append(rng.randint(0, 256, size=(1, 3, 3, 3)).astype(np.uint8))
    graph = tf.Graph()
    with graph.as_default():
        ops = [tf.compat.v1.summary.image("i", tf.constant(a), max_outputs=1) for a in images]
        with tf.compat.v1.Session(graph=graph) as sess:
            written = sess.run(ops)
    for a, serialized in zip(images, written):
        png = tf.compat.v1.Summary.FromString(serialized).value[0].image.encoded_image_string
        want = tf.io.decode_png(png, channels=a.shape[-1]).numpy()
        assert np.array_equal(helper(a)[0].numpy(), want), a
    # what TF 2's summary.image would have written instead: [0, 1] clipped, not scaled to fill 0..255
    assert not np.array_equal(tf.image.convert_image_dtype(images[1], tf.uint8, saturate=True)[0].numpy(),
                              helper(images[1])[0].numpy())


def test_a_name_an_op_took_before_the_summary_gets_the_suffix():
    """`global_step = tf.Variable(0, name="global_step")` then `scalar("global_step", global_step)`
    (tfcourse's train_mlp): the graph had the name in use, the summary was `global_step_1`
    (measured, with `name="loss"` on reduce_mean and a placeholder `name="x"`); an op named after
    the summary takes another name and leaves the tag alone."""
    source = textwrap.dedent(SUMMARIES).replace(
        'x = tf.placeholder(tf.float32, [None, 2])\n',
        'x = tf.placeholder(tf.float32, [None, 2], name="x")\nstep_count = tf.Variable(0, name="global_step")\n').replace(
        "loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))", 'loss = tf.reduce_mean(tf.square(tf.matmul(x, w)), name="loss")').replace(
        'tf.summary.scalar("loss", loss)\n', 'tf.summary.scalar("loss", loss)\ntf.summary.scalar("global_step", step_count)\n'
        'tf.summary.scalar("x", tf.reduce_sum(x))\ntf.summary.scalar("w", tf.reduce_sum(w))\nlater = tf.identity(w, name="w")\n')
    assert 'name="global_step"' in source and 'name="loss"' in source and 'name="w"' in source
    assert _kinds(_converted(source)) == ('kinds = {"loss_1": "scalar", "global_step_1": "scalar", "x_1": "scalar", '
                                          '"w": "scalar"}')
    # a name taken inside a function the program calls: where is not known
    helper = source.replace("later = tf.identity(w, name=\"w\")\n", "").replace(
        "import tensorflow as tf\n", "import tensorflow as tf\n\n\ndef named(v):\n    return tf.identity(v, name=\"w\")\n\n\n").replace(
        'tf.summary.scalar("w", tf.reduce_sum(w))\n', 'tf.summary.scalar("w", tf.reduce_sum(named(w)))\n')
    assert "def named" in helper
    assert "made unique" in _kept(helper)[0].message


def test_merged_summary_eval_and_a_float_step_as_v1_wrote_it():
    """SullyChen's Autopilot-TensorFlow: `summary = merged.eval(feed_dict=...)` in the default Session
    is `sess.run(merged, feed)`; its step `epoch * n / batch + i` is a float, which v1's FileWriter wrote
    as `int(global_step)` (SummaryToEventTransformer._add_event) and TF 2's summary ops refuse
    (TypeError: Cannot convert 454.06 to EagerTensor of dtype int64): the helper writes int(step)."""
    source = SUMMARIES.replace("_, summary = sess.run([train, merged], feed_dict={x: np.ones((4, 2))})",
                               "sess.run(train, feed_dict={x: np.ones((4, 2))})\n"
                               "            summary = merged.eval(feed_dict={x: np.ones((4, 2))})").replace(
        "writer.add_summary(summary, step)", "writer.add_summary(summary, step * 7 / 3)")
    code = _converted(source)
    assert "summary = fetched_values(compute_merged(x=np.ones((4, 2))))" in code, code
    assert "write_summaries(writer, summary, step * 7 / 3)" in code, code
    assert "    step = int(step)  # " in code, code
