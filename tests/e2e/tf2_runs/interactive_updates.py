"""An InteractiveSession program updating variables right where it builds each update
(TensorFlow-Book ch02's spikes.py / saving_vars.py / loading_vars.py), saved and restored
with a Saver."""
import os
import sys

import numpy as np
import tensorflow as tf

sess = tf.InteractiveSession()
workdir = sys.argv[1] if len(sys.argv) > 1 else "."

raw_data = [1., 2., 8., -1., 0., 5.5, 6., 13]
spikes = tf.Variable([False] * len(raw_data), name="spikes")
spikes.initializer.run()
total = tf.Variable(0.0, name="total")
sess.run(total.initializer)
saver = tf.train.Saver()

for i in range(1, len(raw_data)):
    if raw_data[i] - raw_data[i - 1] > 5:
        spikes_val = spikes.eval()
        spikes_val[i] = True
        updater = tf.assign(spikes, spikes_val)
        updater.eval()
        sess.run(tf.assign_add(total, raw_data[i] - raw_data[i - 1]))
    else:
        tf.assign_sub(total, 0.25).eval()
    print("step=%d total=%.4f spikes=%s" % (i, total.eval(), [int(v) for v in spikes.eval()]))

save_path = saver.save(sess, os.path.join(workdir, "spikes.ckpt"))
tf.assign(total, -1.0).eval()
print("changed=%.4f" % total.eval())
saver.restore(sess, os.path.join(workdir, "spikes.ckpt"))
print("restored=%.4f spikes=%s" % (total.eval(), [int(v) for v in spikes.eval()]))
print("sum=%.4f" % np.sum(spikes.eval() * np.array(raw_data)))
sess.close()
