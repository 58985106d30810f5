"""A model trained, then exported by simple_save and by a SavedModelBuilder with a signature def
of its own (tobegit3hub's export scripts' shapes; written for migrate's --style tf2 tests): each
export is loaded in a new process (TF 2's loader, as a server would) and its signature's keys,
dtypes, shapes and outputs printed; a second export to the same directory is refused, as v1's
SavedModelBuilder refused it."""
import os
import subprocess
import sys
import tempfile

import numpy as np
import tensorflow as tf

LOADER = """
import sys
import numpy as np
import tensorflow as tf

signature = tf.saved_model.load(sys.argv[1]).signatures[sys.argv[2]]
feeds = {}
for key, spec in sorted(signature.structured_input_signature[1].items()):
    shape = [4 if n is None else n for n in spec.shape]
    print("in_%s_shape=%s in_%s_dtype=%d" % (key, [-1 if n is None else n for n in spec.shape], key, spec.dtype.as_datatype_enum))
    feeds[key] = tf.constant(np.linspace(-1, 1, int(np.prod(shape))).reshape(shape), dtype=spec.dtype)
for key, value in sorted(signature(**feeds).items()):
    print("out_%s=%s out_%s_dtype=%d" % (key, np.round(value.numpy().ravel(), 6).tolist(), key, value.dtype.as_datatype_enum))
"""

tf.set_random_seed(5)
rng = np.random.RandomState(1)
x_data = rng.uniform(-1, 1, (32, 3))
y_data = x_data @ np.array([[0.5], [1.0], [-1.5]]) + 0.2

x = tf.placeholder(tf.float32, [None, 3], name="features")
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5, seed=3), name="weight")
b = tf.Variable(0.0, name="bias")
predict = tf.matmul(x, w) + b
label = tf.cast(predict > 0, tf.int64)
loss = tf.reduce_mean(tf.square(predict - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()
export_dir = os.path.join(out, "model", "1")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(20):
        _, value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        if step % 5 == 0:
            print(f"step={step} loss={value:.7f}")
    tf.saved_model.simple_save(sess, export_dir, inputs={"x": x}, outputs={"y": predict, "label": label})
    try:
        tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": predict})
    except AssertionError:
        print("refused=1")
    signature = tf.saved_model.signature_def_utils.build_signature_def(
        inputs={"features": tf.saved_model.utils.build_tensor_info(x)},
        outputs={"label": tf.saved_model.utils.build_tensor_info(label)},
        method_name=tf.saved_model.signature_constants.PREDICT_METHOD_NAME)
    builder = tf.saved_model.builder.SavedModelBuilder(os.path.join(out, "builder"))
    builder.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING], clear_devices=True,
                                         signature_def_map={"predict_label": signature})
    print(f"saved_pb={int(builder.save().endswith(b'saved_model.pb'))}")

for path, key in ((export_dir, "serving_default"), (os.path.join(out, "builder"), "predict_label")):
    loaded = subprocess.run([sys.executable, "-c", LOADER, path, key], capture_output=True, text=True, check=False)
    print(loaded.stdout, end="")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
