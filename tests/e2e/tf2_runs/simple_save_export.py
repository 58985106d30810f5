"""A model trained, then exported by simple_save (tobegit3hub's export scripts' shape; written
for migrate's --style tf2 tests): the export is loaded in a new process (TF 2's loader, as a
server would) and its serving signature's keys, dtypes, shapes and outputs printed; a second
export to the same directory is refused, as v1's SavedModelBuilder refused it."""
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

signature = tf.saved_model.load(sys.argv[1]).signatures["serving_default"]
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
export_dir = os.path.join(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(), "model", "1")

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

loaded = subprocess.run([sys.executable, "-c", LOADER, export_dir], capture_output=True, text=True, check=False)
print(loaded.stdout, end="")
assert loaded.returncode == 0, loaded.stderr[-2000:]
