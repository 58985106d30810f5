"""Five TF1 training programs of different shapes, written the way TF1 users wrote them
(placeholders for features and labels, a loss, an optimizer, a Saver), run under TF 2.21's
tf.compat.v1 with TF_USE_LEGACY_KERAS=1 (tf.compat.v1.layers needs tf-keras).

    python training_programs.py OUT_DIR [NAME ...]

Each program trains a few steps on fixed random data, saves OUT_DIR/NAME/model.ckpt (with
.meta), and records its own inference run on fixed inputs in OUT_DIR/NAME/inference.npz
(`x`: the inputs, `y`: what the program's prediction op gives, dropout off / is_training False).
"""
import contextlib
import os
import sys

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf  # noqa: E402

v1 = tf.compat.v1
v1.disable_eager_execution()


@contextlib.contextmanager
def _tf1_semantics():
    """What TF 1.x itself built: ref variables and Switch/Merge control flow."""
    v1.disable_resource_variables()
    v1.disable_control_flow_v2()
    try:
        yield
    finally:
        v1.enable_resource_variables()
        v1.enable_control_flow_v2()


def _save(session, saver, out, x, y):
    os.makedirs(out, exist_ok=True)
    saver.save(session, os.path.join(out, "model.ckpt"))
    np.savez(os.path.join(out, "inference.npz"), x=x, y=y)


def classification(out):
    """MLP classifier: features + integer labels, softmax, sparse cross-entropy, Adam."""
    rng = np.random.RandomState(0)
    features = v1.placeholder(tf.float32, [None, 6], name="features")
    labels = v1.placeholder(tf.int64, [None], name="labels")
    hidden = v1.layers.dense(features, 16, activation=tf.nn.relu, name="hidden")
    logits = v1.layers.dense(hidden, 4, name="logits")
    probs = tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32), name="accuracy")
    train = v1.train.AdamOptimizer(0.01).minimize(loss)
    v1.summary.scalar("loss", loss)
    v1.summary.scalar("accuracy", accuracy)
    saver = v1.train.Saver()
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(20):
            session.run(train, {features: rng.randn(32, 6), labels: rng.randint(0, 4, 32)})
        x = rng.randn(3, 6).astype("float32")
        _save(session, saver, out, x, session.run(probs, {features: x}))


def regression(out):
    """The shape from the issue: x, target, dense → dense 'pred', MSE, gradient descent."""
    rng = np.random.RandomState(1)
    x = v1.placeholder(tf.float32, [None, 3])
    target = v1.placeholder(tf.float32, [None, 1])
    pred = v1.layers.dense(v1.layers.dense(x, 8, tf.nn.relu), 1, name="pred")
    loss = v1.losses.mean_squared_error(target, pred)
    step = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    saver = v1.train.Saver()
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(20):
            data = rng.randn(16, 3)
            session.run(step, {x: data, target: data.sum(axis=1, keepdims=True)})
        sample = rng.randn(4, 3).astype("float32")
        _save(session, saver, out, sample, session.run(pred, {x: sample}))


def rnn(out):
    """Token ids → embedding → LSTM (dynamic_rnn) → last state → class scores."""
    rng = np.random.RandomState(2)
    vocabulary, steps = 50, 7
    tokens = v1.placeholder(tf.int32, [None, steps], name="tokens")
    labels = v1.placeholder(tf.int32, [None], name="labels")
    embedding = v1.get_variable("embedding", [vocabulary, 8])
    embedded = tf.nn.embedding_lookup(embedding, tokens)
    cell = v1.nn.rnn_cell.LSTMCell(12)
    _, state = v1.nn.dynamic_rnn(cell, embedded, dtype=tf.float32)
    scores = v1.layers.dense(state.h, 3, name="scores")
    loss = v1.losses.sparse_softmax_cross_entropy(labels, scores)
    train = v1.train.RMSPropOptimizer(0.01).minimize(loss)
    saver = v1.train.Saver()
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(10):
            session.run(train, {tokens: rng.randint(0, vocabulary, (8, steps)), labels: rng.randint(0, 3, 8)})
        sample = rng.randint(0, vocabulary, (2, steps)).astype("int32")
        _save(session, saver, out, sample, session.run(scores, {tokens: sample}))


def convnet(out):
    """Conv + batch norm (is_training placeholder) + dropout (keep_prob placeholder), Momentum."""
    rng = np.random.RandomState(3)
    images = v1.placeholder(tf.float32, [None, 12, 12, 1], name="images")
    labels = v1.placeholder(tf.float32, [None, 5], name="labels")
    is_training = v1.placeholder(tf.bool, [], name="is_training")
    keep_prob = v1.placeholder(tf.float32, [], name="keep_prob")
    net = v1.layers.conv2d(images, 8, 3, padding="same", use_bias=False, name="conv1")
    net = tf.nn.relu(v1.layers.batch_normalization(net, training=is_training, name="bn1"))
    net = v1.layers.max_pooling2d(net, 2, 2)
    net = v1.layers.flatten(net)
    net = v1.nn.dropout(v1.layers.dense(net, 32, tf.nn.relu, name="fc1"), keep_prob=keep_prob)
    logits = v1.layers.dense(net, 5, name="logits")
    predictions = tf.nn.softmax(logits, name="predictions")
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS)):
        train = v1.train.MomentumOptimizer(0.01, 0.9).minimize(loss)
    saver = v1.train.Saver()
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(10):
            session.run(train, {images: rng.rand(16, 12, 12, 1), labels: np.eye(5)[rng.randint(0, 5, 16)],
                                is_training: True, keep_prob: 0.5})
        sample = rng.rand(3, 12, 12, 1).astype("float32")
        _save(session, saver, out, sample,
              session.run(predictions, {images: sample, is_training: False, keep_prob: 1.0}))


def gan(out):
    """A GAN: generator(z) and a discriminator shared by real and fake, two Adam optimizers,
    and a sampler (the generator again, reused) that the program calls to make samples."""
    rng = np.random.RandomState(4)
    z = v1.placeholder(tf.float32, [None, 4], name="z")
    real = v1.placeholder(tf.float32, [None, 10], name="real")

    def generator(noise, reuse=False):
        with v1.variable_scope("generator", reuse=reuse):
            return tf.tanh(v1.layers.dense(v1.layers.dense(noise, 16, tf.nn.leaky_relu), 10))

    def discriminator(data, reuse=False):
        with v1.variable_scope("discriminator", reuse=reuse):
            return v1.layers.dense(v1.layers.dense(data, 16, tf.nn.leaky_relu), 1)

    fake = generator(z)
    real_logits, fake_logits = discriminator(real), discriminator(fake, reuse=True)
    sampler = tf.identity(generator(z, reuse=True), name="sampler")
    bce = tf.nn.sigmoid_cross_entropy_with_logits
    d_loss = tf.reduce_mean(bce(labels=tf.ones_like(real_logits), logits=real_logits)) + tf.reduce_mean(
        bce(labels=tf.zeros_like(fake_logits), logits=fake_logits))
    g_loss = tf.reduce_mean(bce(labels=tf.ones_like(fake_logits), logits=fake_logits))
    d_vars = v1.get_collection(v1.GraphKeys.TRAINABLE_VARIABLES, "discriminator")
    g_vars = v1.get_collection(v1.GraphKeys.TRAINABLE_VARIABLES, "generator")
    d_step = v1.train.AdamOptimizer(0.001).minimize(d_loss, var_list=d_vars)
    g_step = v1.train.AdamOptimizer(0.001).minimize(g_loss, var_list=g_vars)
    saver = v1.train.Saver()
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(10):
            noise = rng.randn(8, 4)
            session.run(d_step, {z: noise, real: rng.randn(8, 10)})
            session.run(g_step, {z: noise})
        sample = rng.randn(3, 4).astype("float32")
        _save(session, saver, out, sample, session.run(sampler, {z: sample}))


def batchnorm_adam(out):
    """Dense + tf.layers.batch_normalization(training=is_training) + dropout whose keep
    probability defaults to 1.0, UPDATE_OPS around Adam, an accuracy metric on argmax: the
    shape `migrate code` leaves (disable_eager_execution only: resource variables, tf.cond as
    `If` functions that read the moving statistics)."""
    rng = np.random.RandomState(5)
    x = v1.placeholder(tf.float32, [None, 20], name="x")
    y = v1.placeholder(tf.int64, [None], name="y")
    keep_prob = v1.placeholder_with_default(1.0, [], name="keep_prob")
    is_training = v1.placeholder(tf.bool, [], name="is_training")
    w1 = v1.get_variable("w1", [20, 16])
    hidden = tf.nn.relu(tf.matmul(x, w1))
    hidden = v1.nn.dropout(v1.layers.batch_normalization(hidden, training=is_training), keep_prob=keep_prob)
    w2 = v1.get_variable("w2", [16, 4])
    logits = tf.matmul(hidden, w2, name="logits")
    probs = tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(v1.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32), name="accuracy")
    with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS)):
        train = v1.train.AdamOptimizer(1e-2).minimize(loss)
    saver = v1.train.Saver()
    data = rng.randn(64, 20).astype("float32")
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(30):
            session.run([train, accuracy], {x: data, y: data[:, :4].argmax(1), keep_prob: 0.5, is_training: True})
        sample = rng.randn(3, 20).astype("float32")
        _save(session, saver, out, sample, session.run(probs, {x: sample, is_training: False}))


def batchnorm_refvars(out):
    """What TF 1.x itself wrote (musicnn's shape): ref variables and Switch/Merge tf.cond
    (disable_v2_behavior), an unnamed bool switch of unknown rank driving batch norm and a
    tf.cond around dropout, moving-average updates under UPDATE_OPS, a sigmoid output."""
    with _tf1_semantics():
        rng = np.random.RandomState(6)
        x = v1.placeholder(tf.float32, [None, 10])
        target = v1.placeholder(tf.float32, [None, 3])
        switch = v1.placeholder(tf.bool)
        hidden = v1.layers.dense(x, 12, tf.nn.relu)
        hidden = v1.layers.batch_normalization(hidden, training=switch)
        hidden = tf.cond(switch, lambda: v1.nn.dropout(hidden, rate=0.5), lambda: hidden)
        scores = tf.sigmoid(v1.layers.dense(hidden, 3))
        loss = tf.reduce_mean(v1.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=scores))
        with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS)):
            train = v1.train.AdamOptimizer(1e-2).minimize(loss)
        saver = v1.train.Saver()
        data = rng.randn(32, 10).astype("float32")
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            for _ in range(30):
                session.run(train, {x: data, target: (data[:, :3] > 0).astype("float32"), switch: True})
            sample = rng.randn(3, 10).astype("float32")
            _save(session, saver, out, sample, session.run(scores, {x: sample, switch: False}))


def switch_variable(out):
    """The shape of tflearn's training machinery: a boolean `is_training` VARIABLE (set True
    by the trainer, False by predict) switching dropout through tf.cond; the MNIST tutorial's
    hand-written cross-entropy on softmax probabilities (renormalised, clipped, logged); the
    optimizer built under a name scope (`Adam/gradients/...`); an exponential moving average
    of the accuracy for summaries; a second Saver (`save_1/`); a collection that names an op
    the graph does not hold. Saved while is_training is still True."""
    with _tf1_semantics():
        rng = np.random.RandomState(7)
        x = v1.placeholder(tf.float32, [None, 6], name="X")
        y = v1.placeholder(tf.float32, [None, 3], name="Y")
        is_training = v1.Variable(False, trainable=False, name="is_training")
        hidden = tf.nn.relu(tf.matmul(x, v1.get_variable("w1", [6, 16])))
        hidden = tf.cond(is_training, lambda: v1.nn.dropout(hidden, rate=0.5), lambda: hidden)
        probs = tf.nn.softmax(tf.matmul(hidden, v1.get_variable("w2", [16, 3])), name="probs")
        with tf.name_scope("Crossentropy"):
            normalised = probs / tf.reduce_sum(probs, 1, keepdims=True)
            clipped = tf.clip_by_value(normalised, 1e-10, 1.0)
            loss = tf.reduce_mean(-tf.reduce_sum(y * tf.math.log(clipped), 1))
        accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(probs, 1), tf.argmax(y, 1)), tf.float32))
        average = v1.train.ExponentialMovingAverage(0.9, name="moving_avg")
        track = average.apply([accuracy])
        with tf.name_scope("Adam"):
            train = v1.train.AdamOptimizer(1e-2).minimize(loss)
        saver, best = v1.train.Saver(), v1.train.Saver(max_to_keep=1)

        class _NamedObject:  # what tflearn puts in its `trainops` collection
            name = "Adam"
        v1.add_to_collection("trainops", _NamedObject())
        data = rng.randn(48, 6).astype("float32")
        labels = np.eye(3)[data[:, :3].argmax(1)].astype("float32")
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            session.run(is_training.assign(True))
            for _ in range(30):
                session.run([train, track], {x: data, y: labels})
            os.makedirs(os.path.join(out, "best"), exist_ok=True)
            best.save(session, os.path.join(out, "best", "model.ckpt"))
            sample = rng.randn(3, 6).astype("float32")
            session.run(is_training.assign(False))
            expected = session.run(probs, {x: sample})
            session.run(is_training.assign(True))  # the checkpoint holds the training mode
            _save(session, saver, out, sample, expected)


def regularized(out):
    """The TF 1 book / tutorial shape: one-hot labels turned into class ids inside the loss
    (`labels=tf.argmax(y_, 1)`), the mean cross-entropy plus an L2 regularisation of the
    weights as the total loss (the label's path meets the parameters only after the
    reduction), and logits that nothing but the loss reads; a second loss on the same
    logits through softmax_cross_entropy_with_logits (its own Reshape of the logits)."""
    rng = np.random.RandomState(8)
    x = v1.placeholder(tf.float32, [None, 5], name="x_input")
    y_ = v1.placeholder(tf.float32, [None, 3], name="y_input")
    w1 = v1.get_variable("w1", [5, 8])
    w2 = v1.get_variable("w2", [8, 3])
    logits = tf.add(tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2), v1.get_variable("b2", [3]), name="logits")
    sparse = v1.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.argmax(y_, 1), logits=logits)
    dense = v1.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits)
    loss = tf.reduce_mean(sparse) + 0.5 * tf.reduce_mean(dense) + 1e-4 * (tf.nn.l2_loss(w1) + tf.nn.l2_loss(w2))
    train = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    saver = v1.train.Saver()
    data = rng.randn(40, 5).astype("float32")
    labels = np.eye(3)[data[:, :3].argmax(1)].astype("float32")
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        for _ in range(20):
            session.run(train, {x: data, y_: labels})
        sample = rng.randn(3, 5).astype("float32")
        _save(session, saver, out, sample, session.run(logits, {x: sample}))


PROGRAMS = {"classification": classification, "regression": regression, "rnn": rnn, "convnet": convnet,
            "gan": gan, "batchnorm_adam": batchnorm_adam, "batchnorm_refvars": batchnorm_refvars,
            "switch_variable": switch_variable, "regularized": regularized}

if __name__ == "__main__":
    root = sys.argv[1]
    for name in sys.argv[2:] or PROGRAMS:
        with tf.Graph().as_default():
            PROGRAMS[name](os.path.join(root, name))
