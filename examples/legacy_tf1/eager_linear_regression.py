"""TensorFlow 1.x eager execution (TF 1.7+ style): a linear regression trained with
tf.GradientTape and a tf.train optimizer's apply_gradients, no graph, no Session.

Prints the final parameters so that two runs (or two migrations) can be compared.
"""
import numpy as np
import tensorflow as tf

tf.enable_eager_execution()


def main():
    rng = np.random.RandomState(0)
    features = rng.normal(size=(200, 3)).astype(np.float32)
    true_w = np.array([[1.5], [-2.0], [0.5]], dtype=np.float32)
    targets = features.dot(true_w) + 0.3 + rng.normal(scale=0.05, size=(200, 1)).astype(np.float32)

    w = tf.Variable(tf.zeros([3, 1]), name="w")
    b = tf.Variable(0.0, name="b")
    optimizer = tf.train.AdamOptimizer(learning_rate=0.05)

    def loss_fn():
        prediction = tf.matmul(features, w) + b
        return tf.reduce_mean(tf.square(prediction - targets))

    loss_start = float(loss_fn())
    for step in range(300):
        with tf.GradientTape() as tape:
            loss = loss_fn()
        gradients = tape.gradient(loss, [w, b])
        optimizer.apply_gradients(zip(gradients, [w, b]))
        if step % 100 == 0:
            tf.logging.info("step %d loss %.4f", step, float(loss))
    print("loss_start=%.6f" % loss_start)
    print("loss_end=%.6f" % float(loss_fn()))
    print("params=" + ",".join("%.7f" % v for v in list(w.numpy().ravel()) + [float(b.numpy())]))


if __name__ == "__main__":
    main()
