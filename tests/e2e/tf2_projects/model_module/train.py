# The program of the model_module project (written for the tests, in the shape of dennybritz's
# train.py): it imports classifier.py's model class, minimizes its loss with plain gradient
# descent in its own Session and runs the object's tensors feeding its placeholders.
import numpy as np
import tensorflow as tf
from classifier import Classifier

tf.set_random_seed(5)
rng = np.random.RandomState(0)
x_data = rng.randn(48, 6).astype(np.float32)
y_data = np.eye(3, dtype=np.float32)[(x_data[:, 0] > 0).astype(int) + (x_data[:, 1] > 0.5).astype(int)]

model = Classifier(num_features=6, num_classes=3)
train_op = tf.train.GradientDescentOptimizer(0.2).minimize(model.loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        batch = slice(step % 4 * 12, step % 4 * 12 + 12)
        feed = {model.input_x: x_data[batch], model.input_y: y_data[batch], model.keep_scale: 1.5}
        _, loss = sess.run([train_op, model.loss], feed_dict=feed)
        if step % 5 == 0:
            print(f"step={step} loss={loss:.7g}")
    feed = {model.input_x: x_data, model.input_y: y_data, model.keep_scale: 1.5}
    print(f"accuracy={sess.run(model.accuracy, feed):.7g}")
    print(f"output_W={np.round(sess.run(model.W), 5).ravel()[:6].tolist()}")
    print(f"predictions={sess.run(model.predictions, feed_dict={model.input_x: x_data[:8], model.keep_scale: 1.0}).tolist()}")
