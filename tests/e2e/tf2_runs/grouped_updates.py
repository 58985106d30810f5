"""Updates grouped into one op with tf.group and fetched alone or in a list (written for
migrate's --style tf2 tests), the shape of the cookbook's genetic-algorithm and k-means
programs: Session.run returned None for the op, so the tf2 step returns None for it too. The
distance reads the centroid in runs of its own (fetched with the update, TF 1.x would read it
before or after the assign, in no fixed order: the converter keeps such a program compat)."""
import numpy as np
import tensorflow as tf

points = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 1.0], [5.0, 5.0]], dtype=np.float32)
x = tf.placeholder(tf.float32, [None, 2])
centroid = tf.Variable(tf.zeros([2]))
count = tf.Variable(0.0)
distance = tf.reduce_sum(tf.square(x - centroid))
mean = tf.reduce_mean(x, 0)
update = tf.group(centroid.assign(0.5 * centroid + 0.5 * mean), count.assign_add(1.0))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        sess.run(update, feed_dict={x: points[step:]})
        [nothing] = sess.run([update], feed_dict={x: points})
        value = sess.run(distance, feed_dict={x: points})
        assert nothing is None
        print("step=%d distance=%.9g" % (step, value))
    print("centroid=%s count=%.1f" % (sess.run(centroid).tolist(), sess.run(count)))
