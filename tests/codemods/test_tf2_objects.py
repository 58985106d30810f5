"""`--style tf2` of a model object whose tensors the program runs (migrate/tf2_objects.py): a class
whose `__init__` makes placeholders, variables and tensors as attributes, one object built and run
by the program (dennybritz's TextCNN, awjuliani's Q-networks). Run test:
tests/e2e/tf2_runs/model_object.py."""
from __future__ import annotations

import pytest

from tests.codemods.test_tf2_style import _kept, migrate, only

MODEL = """\
    import numpy as np
    import tensorflow as tf


    class Classifier(object):
        \"\"\"A softmax classifier.\"\"\"

        def __init__(self, num_features, num_classes, hidden_size=4):
            \"\"\"The graph of the classifier.\"\"\"
            self.input_x = tf.placeholder(tf.float32, [None, num_features], name="input_x")
            self.input_y = tf.placeholder(tf.float32, [None, num_classes], name="input_y")
            with tf.name_scope("hidden"):
                W = tf.Variable(tf.random_uniform([num_features, hidden_size], -0.5, 0.5), name="W")
                self.hidden = tf.nn.relu(tf.matmul(self.input_x, W))
            self.W = tf.Variable(tf.zeros([hidden_size, num_classes]), name="W")
            self.scores = tf.matmul(self.hidden, self.W)
            self.loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=self.input_y, logits=self.scores))
            self.predictions = tf.argmax(self.scores, 1)


    tf.set_random_seed(1)
    data = np.ones((4, 3), np.float32)
    labels = np.eye(2, dtype=np.float32)[[0, 1, 0, 1]]
    model = Classifier(num_features=3, num_classes=2)
    train_op = tf.train.AdamOptimizer(0.01).minimize(model.loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(3):
            _, loss = sess.run([train_op, model.loss], feed_dict={model.input_x: data, model.input_y: labels})
            print(loss)
        print(sess.run(model.predictions, {model.input_x: data, model.input_y: labels}))
    """


def test_model_object_becomes_a_module_called_in_the_steps():
    """The class a tf.Module making its variables once (the builder's members), `__call__` the body
    of `__init__` on the fed values returning the object; the placeholders made where the object is
    built, the program's `model.input_x` their names; each step calls the object."""
    code, findings = migrate(MODEL)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    for text in ('class Classifier(tf.Module):\n    """A softmax classifier."""\n',
                 ('    def __init__(self, num_features, num_classes, hidden_size=4):\n        """The graph of the classifier."""\n'
                  "        super().__init__()\n        self.arguments = (num_features, num_classes, hidden_size,)"),
                 "        self.op_seeds = 0  #",
                 ("    def __call__(self, input_x, input_y):\n        num_features, num_classes, hidden_size = self.arguments\n"
                  "        self.count = 0\n        self.input_x = input_x\n        self.input_y = input_y\n"),
                 ('W = self.variable(lambda: tf.Variable(tf.random.uniform([num_features, hidden_size], -0.5, 0.5, '
                  'seed=self.op_seed()), name="W"))\n'),
                 'self.W = self.variable(lambda: tf.Variable(tf.zeros([hidden_size, num_classes]), name="W"))\n',
                 ("        if input_y is not None:\n            self.loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits("
                  "labels=tf.stop_gradient(self.input_y), logits=self.scores))\n"),
                 "        self.predictions = tf.argmax(self.scores, 1)\n        return self\n",
                 "model_module = Classifier(num_features=3, num_classes=2)\n",
                 "@tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32), tf.TensorSpec([None, 2], tf.float32)])\n",
                 "        model_fed_input_y = model_module(model_input_x, model_input_y)\n",
                 "    model = model_module(model_input_x, None)\n    return model.predictions\n",
                 "variables = [*model_module.trainable_variables]",
                 "train_step(model_input_x=data, model_input_y=labels)"):
        assert text in code, code
    assert "placeholder(" not in code and "compat.v1" not in code and "Session(" not in code, code


def test_model_object_in_a_function_with_an_attribute_list_built_in_a_loop():
    """The program in `main()`; `__init__` appends its layers' outputs to an attribute list in a
    Python loop (TextCNN's pooled outputs): calls of its attributes' methods are the body's."""
    source = MODEL.replace(
        "            self.W = tf.Variable(tf.zeros([hidden_size, num_classes]), name=\"W\")\n",
        "            self.outputs = []\n            for i in range(2):\n"
        "                self.outputs.append(self.hidden * (i + 1))\n"
        "            self.W = tf.Variable(tf.zeros([hidden_size, num_classes]), name=\"W\")\n",
    ).replace("self.scores = tf.matmul(self.hidden, self.W)", "self.scores = tf.matmul(self.outputs[-1], self.W)")
    program = source[source.index("    tf.set_random_seed(1)"):]
    source = source.replace(program, "    def main():\n" + "".join(
        "    " + line if line.strip() else line for line in program.splitlines(True)) + "\n\n    main()\n")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert "        for i in range(2):\n            self.outputs.append(self.hidden * (i + 1))\n" in code, code
    assert "    model_module = Classifier(num_features=3, num_classes=2)\n" in code, code


def test_model_object_seeds_count_from_the_random_ops_built_before_it():
    """TF 1.x's op seed is the graph's count of random ops built: one variable drawn before the
    object is built makes its first op seed 1."""
    source = MODEL.replace("    model = Classifier(", "    v = tf.Variable(tf.random_normal([3]))\n    model = Classifier(")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert "self.op_seeds = 1  #" in code and "tf.random.normal([3], seed=0)" in code, code


def test_model_object_placeholders_read_the_constructor_arguments():
    """The placeholders are made where the object is built: the parameters their shapes read are
    the call's values (a name given, or the default)."""
    source = MODEL.replace("    tf.set_random_seed(1)\n", "    tf.set_random_seed(1)\n    FEATURES = 3\n") \
        .replace("Classifier(num_features=3, num_classes=2)", "Classifier(FEATURES, 2)")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert "model_module = Classifier(FEATURES, 2)\n" in code, code
    assert "tf.TensorSpec([None, FEATURES], tf.float32), tf.TensorSpec([None, 2], tf.float32)" in code, code


@pytest.mark.parametrize("old, new, construct, reason", [
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     ("            self.predictions = tf.argmax(self.scores, 1)\n\n        def penalty(self, scale):\n"
      "            return scale * tf.nn.l2_loss(self.W)\n"),
     "penalty", "the method `penalty` besides `__init__`"),
    ("    class Classifier(object):\n", "    class Base(object):\n        pass\n\n\n    class Classifier(Base):\n",
     "Classifier", "a subclass (its base's members are not converted)"),
    ("    train_op = tf.train.AdamOptimizer", "    other = Classifier(3, 2)\n    train_op = tf.train.AdamOptimizer",
     "Classifier", "built or used more than once"),
    ("            print(loss)\n", "            print(loss, model)\n",
     "model", "`model`, the object, used other than `model.<attribute>`"),
    ("    train_op = tf.train", "    print(model.hidden.shape[1])\n    train_op = tf.train",
     "model", "the object `model` is read outside `Session.run` here; the object written for the class sets its attributes"),
    ("            self.scores = tf.matmul(self.hidden, self.W)\n",
     "            self.scores = tf.nn.dropout(tf.matmul(self.hidden, self.W), rate=0.5, seed=3)\n",
     "tf.nn.dropout(...)", "a random op with an op seed in its body"),
    ("        print(sess.run(model.predictions, {model.input_x: data, model.input_y: labels}))\n",
     "        print(sess.run(model.predictions, {model.input_x: data}))\n",
     "sess.run(model.predictions, {model.input_x: data})",
     "this run does not feed `model.input_y`, and a random op of `__init__`'s computation draws from one op in every run"),
    ("            self.input_y = tf.placeholder(tf.float32, [None, num_classes], name=\"input_y\")\n",
     "            if num_classes:\n                self.input_y = tf.placeholder(tf.float32, [None, num_classes], name=\"input_y\")\n",
     "tf.compat.v1.placeholder(...)", "a placeholder made other than `self.name = tf.placeholder(...)`"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, 1)\n            self.reset = self.W.assign(tf.zeros([4, 2]))\n",
     "self.W.assign", "it would run at each call of the object"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, 1)\n            register(self)\n",
     "self", "`self` used other than `self.<attribute>`"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, 1)\n            self.variables = [W, self.W]\n",
     "self.variables", "the attribute `variables`, which the tf.Module class written for it takes"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, self.axis)\n",
     "self.axis", "read in `__init__` before it sets it"),
    ("    with tf.Session() as sess:\n", "    saver = tf.train.Saver()\n    with tf.Session() as sess:\n",
     "tf.compat.v1.train.Saver", "makes its variables at its first call (the first step)"),
    ("            self.input_y = tf.placeholder(tf.float32, [None, num_classes], name=\"input_y\")\n",
     "            width = num_classes\n            self.input_y = tf.placeholder(tf.float32, [None, width], name=\"input_y\")\n",
     "self.input_y = tf.compat.v1.placeholder(tf.float32, [None...", "the placeholder's shape or dtype reads `width`"),
    ("            self.scores = tf.matmul(self.hidden, self.W)\n",
     "            self.scores = tf.keras.layers.Dense(2)(self.hidden)\n",
     "tf.keras.layers.Dense", "an object made at each call of the object written for the class"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     ("            self.predictions = tf.argmax(self.scores, 1)\n            self.step = tf.Variable(0, trainable=False)\n"
      "            self.update = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss, global_step=self.step)\n"),
     "tf.compat.v1.train.GradientDescentOptimizer", "an optimizer made in `__init__` minimizing other than one attribute"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     ("            self.predictions = tf.argmax(self.scores, 1)\n            trainer = tf.train.GradientDescentOptimizer(0.1)\n"
      "            self.update = trainer.minimize(self.loss)\n            self.other = trainer.minimize(self.loss * 2)\n"),
     "tf.compat.v1.train.GradientDescentOptimizer", "with `trainer` used other than once"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, 1)\n            if num_classes > 5:\n                return\n",
     "return", "a nested function, class, lambda, global, yield or return in its `__init__`"),
    ("        def __init__(self, num_features, num_classes, hidden_size=4):\n",
     "        def __init__(self, num_features, num_classes, *sizes, hidden_size=4):\n",
     "__init__", "its `__init__` decorated or with *args, **kwargs or keyword-only parameters"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     "            self.predictions = tf.argmax(self.scores, 1)\n            self.input_x = tf.identity(self.input_x)\n",
     "self.input_x = tf.compat.v1.placeholder(tf.float32, [None...", "the placeholder's attribute `self.input_x` is set again"),
    ("            self.predictions = tf.argmax(self.scores, 1)\n",
     ("            self.predictions = tf.argmax(self.scores, 1)\n"
      "            self.update = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)\n"
      "            self.updates = [self.update]\n"),
     "tf.compat.v1.train.GradientDescentOptimizer", "with its update op `self.update` read in `__init__`"),
    ('            with tf.name_scope("hidden"):\n', '            with tf.device(pick_device), tf.name_scope("hidden"):\n',
     "tf.compat.v1.device", "`tf.device` of other than a device name"),
])
def test_model_object_fallbacks(old, new, construct, reason):
    assert old in MODEL
    source = MODEL.replace(old, new)
    if construct.startswith("sess.run"):  # the run feeding no labels, with dropout in the computation
        source = source.replace("self.scores = tf.matmul(self.hidden, self.W)", "self.scores = tf.nn.dropout(tf.matmul(self.hidden, self.W), rate=0.5)")
    if construct == "penalty":  # called by the program: more graph built
        source = source.replace("minimize(model.loss)", "minimize(model.loss + model.penalty(0.1))")
    if construct == "self":
        source = source.replace("    class Classifier(", "    def register(model):\n        pass\n\n\n    class Classifier(")
    if construct == "tf.compat.v1.device":  # v1's device takes a function of the op
        source = source.replace("    class Classifier(", "    def pick_device(op):\n        return \"/cpu:0\"\n\n\n    class Classifier(")
    kept, code = _kept(source)
    assert f"`{construct}`" in kept.message and reason in kept.message, kept.message
    assert "the model class `Classifier`" in kept.message, kept.message
    assert construct.split("(")[0].split(".")[-1] in code.splitlines()[kept.line - 1], (kept, code)


def test_model_object_update_op_made_in_init_is_made_by_the_program():
    """awjuliani's Q-networks: `self.trainer = GradientDescentOptimizer(learning_rate=lr)` and
    `self.updateModel = self.trainer.minimize(self.loss)` in `__init__`: made by the program after
    the object's call (the optimizer's parameter the call's value), `model.update` its name there."""
    source = MODEL.replace(
        "            self.predictions = tf.argmax(self.scores, 1)\n",
        "            self.predictions = tf.argmax(self.scores, 1)\n"
        "            self.trainer = tf.train.GradientDescentOptimizer(learning_rate=rate)\n"
        "            self.update = self.trainer.minimize(self.loss)\n",
    ).replace("hidden_size=4):", "hidden_size=4, rate=0.1):").replace(
        "    train_op = tf.train.AdamOptimizer(0.01).minimize(model.loss)\n", "").replace("[train_op, model.loss]",
                                                                                   "[model.update, model.loss]")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert "minimize" not in code and "self.trainer" not in code, code
    for text in ("model_trainer = tf.keras.optimizers.SGD(learning_rate=0.1)\n",
                 ("        model_fed_input_y = model_module(model_input_x, model_input_y)\n"
                  "        model_update_loss = model_fed_input_y.loss\n"),
                 "    model_trainer.apply_gradients("):
        assert text in code, code


def test_model_object_runs_feeding_some_of_its_placeholders():
    """A run feeding only the placeholders its fetches need (a Q-network's `predict` fed the state
    only, a variable fetched with no feed): the statements of `__init__` reading a placeholder not
    fed are skipped (`if input_y is not None:`), one call of the object for each set of placeholders
    the program's reads need, the one reading only what every read needs keeping the object's name."""
    source = MODEL.replace("        print(sess.run(model.predictions, {model.input_x: data, model.input_y: labels}))\n",
                           "        print(sess.run(model.predictions, {model.input_x: data}))\n"
                           "        print(sess.run(model.W))\n")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    for text in ("    def __call__(self, input_x, input_y):\n",
                 "        if input_x is not None:\n            self.scores = tf.matmul(self.hidden, self.W)\n",
                 "        if input_x is not None and input_y is not None:\n            self.loss = ",
                 "model = model_module(None, None)\n    return model.W\n",
                 "model_fed_input_x = model_module(model_input_x, None)\n    return model_fed_input_x.predictions\n",
                 "print(compute_model_fed_input_x_pr(model_input_x=data).numpy())",
                 "    model_fed_input_x_input_y = model_module(model_input_x, model_input_y)\n"):
        assert text in code, code


def test_model_object_device_and_xw_plus_b_are_the_ops_v1_ran():
    """TextCNN's `with tf.device('/cpu:0'), tf.name_scope("embedding"):` and `tf.nn.xw_plus_b(h, W, b,
    name="scores")` in `__init__`: TF 2's tf.device of the name, and v1's own matmul then bias_add."""
    source = MODEL.replace('            with tf.name_scope("hidden"):\n',
                           '            with tf.device("/cpu:0"), tf.name_scope("hidden"):\n') \
        .replace("self.scores = tf.matmul(self.hidden, self.W)", 'self.scores = tf.nn.xw_plus_b(self.hidden, self.W, tf.zeros([2]), name="scores")')
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert '        with tf.device("/cpu:0"), tf.name_scope("hidden"):\n' in code, code
    assert "        self.scores = tf.nn.bias_add(tf.matmul(self.hidden, self.W), tf.zeros([2]))\n" in code, code


def test_model_object_of_a_few_lines_fed_by_attribute():
    """The smallest shape (awjuliani's agents): an object whose output the program runs feeding
    `agent.state_in` (before: "a feed_dict key that is not a placeholder of this program")."""
    code, findings = migrate(
        "import tensorflow as tf\n\n\nclass Agent:\n    def __init__(self):\n        self.state_in = tf.placeholder(tf.float32, [None, 4])\n"
        "        self.output = tf.reduce_sum(self.state_in)\n\n\nagent = Agent()\nwith tf.Session() as sess:\n"
        "    print(sess.run(agent.output, feed_dict={agent.state_in: [[1, 2, 3, 4]]}))\n")
    assert only(findings, "MIG601"), findings
    assert "agent = agent_module(agent_state_in)\n    return agent.output\n" in code, code
    assert "(agent_state_in=[[1, 2, 3, 4]])" in code, code


def test_model_object_dropout_draws_from_one_op_in_eager_steps():
    """TextCNN's dropout in `__init__`, run by a training step and a prediction: TF 1.x's one op drew in
    every run; the random op gets the op seed TF 1.x counted where the first call reaches it
    (`fixed_seed`), and the steps calling the object run eagerly (one eager kernel per seed draws on
    from call to call, tf2_graph `_check_shared_random_ops`), the object called with every placeholder."""
    source = MODEL.replace("self.scores = tf.matmul(self.hidden, self.W)",
                           "self.scores = tf.nn.dropout(tf.matmul(self.hidden, self.W), rate=0.5)")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    for text in ("        self.fixed_seeds = {}  #", "    def fixed_seed(self, k):\n",
                 "            self.fixed_seeds[k] = self.op_seed()\n",
                 "self.scores = tf.nn.dropout(tf.matmul(self.hidden, self.W), rate=0.5, seed=self.fixed_seed(0))\n",
                 "# eager, not a tf.function: its random ops draw on from the generators the other steps\n",
                 "    model = model_module(model_input_x, model_input_y)\n    return model.predictions\n"):
        assert text in code, code
    assert "@tf.function" not in code and "input_y is not None" not in code, code


EMBEDDING_ADAM = """\
    import tensorflow as tf

    ids = tf.placeholder(tf.int32, [None])
    table = tf.Variable(tf.random_uniform([10, 3], -1.0, 1.0))
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(table, ids) - 0.3))
    train = tf.train.AdamOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(4):
            print(sess.run([train, loss], {ids: [1, 1, 2, 5]})[1])
    """


def test_gathered_variable_keeps_its_sparse_v1_update():
    """A variable read by embedding_lookup gets a sparse gradient, which v1's Momentum applies with
    its sparse kernel (only the rows read move), Keras' SGD otherwise: compat, named. SGD converts
    (the same digits: run test dropout_object.py); so does Adam, whose sparse rule the file gets
    written out (tf2_graph.V1_ADAM; the same digits: run test sparse_adam.py)."""
    kept, _ = _kept(EMBEDDING_ADAM.replace("AdamOptimizer(0.05)", "MomentumOptimizer(0.05, 0.9)"))
    assert "MomentumOptimizer on a program that gathers rows of a variable (`tf.nn.embedding_lookup`" in kept.message, kept
    for optimizer in ("GradientDescentOptimizer(0.5)", "AdamOptimizer(0.05)"):
        code, findings = migrate(EMBEDDING_ADAM.replace("AdamOptimizer(0.05)", optimizer))
        assert only(findings, "MIG601"), findings
    assert "optimizer = V1Adam(learning_rate=0.05, epsilon=1e-08)" in code and "class V1Adam(" in code, code


def test_model_object_get_variable_is_the_value_its_initializer_drew():
    """TextCNN's `tf.get_variable("W", shape=[...], initializer=xavier_initializer())` (v1's
    glorot_uniform after the compat pass) and a truncated_normal initializer: a variable made once,
    its initial value the op v1's initializer called with the shape and the next op seed (glorot's
    limit from the shape's fans at run time, `glorot_uniform`)."""
    source = MODEL.replace(
        '            self.W = tf.Variable(tf.zeros([hidden_size, num_classes]), name="W")\n',
        '            self.W = tf.get_variable("W", shape=[hidden_size, num_classes], '
        'initializer=tf.contrib.layers.xavier_initializer())\n'
        '            V = tf.get_variable("V", [hidden_size], initializer=tf.truncated_normal_initializer(stddev=0.1))\n')
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    for text in ("    def glorot_uniform(self, shape):\n",
                 "        limit = math.sqrt(3.0 * (1.0 / max(1.0, (fan_in + fan_out) / 2.0)))\n",
                 "        return tf.random.uniform(shape, -limit, limit, seed=self.op_seed())\n",
                 'self.W = self.variable(lambda: tf.Variable(self.glorot_uniform([hidden_size, num_classes]), name="W"))\n',
                 ('V = self.variable(lambda: tf.Variable(tf.random.truncated_normal([hidden_size], 0.0, 0.1, '
                  'seed=self.op_seed()), name="V"))\n')):
        assert text in code, code


@pytest.mark.parametrize("initializer, reason", [
    ("tf.truncated_normal_initializer(stddev=0.1, seed=4)", "an initializer with a seed, a dtype or other arguments"),
    ("tf.orthogonal_initializer()", "whose initializer is not one of v1's"),
])
def test_model_object_get_variable_fallbacks(initializer, reason):
    source = MODEL.replace(
        '            self.W = tf.Variable(tf.zeros([hidden_size, num_classes]), name="W")\n',
        f'            self.W = tf.get_variable("W", shape=[hidden_size, num_classes], initializer={initializer})\n')
    kept, _ = _kept(source)
    assert reason in kept.message and "the model class `Classifier`" in kept.message, kept.message


def test_a_device_block_kept_in_the_converted_class_is_no_warning():
    """TextCNN's `with tf.device('/cpu:0'), tf.name_scope("embedding"):` stays in the converted class
    as TF 2's tf.device; the compat pass over the result (its fixed-point check) would ask whether
    that call is TF 1 code (MIG113), which in the TF 2 result it is not by construction."""
    code, findings = migrate(MODEL.replace('            with tf.name_scope("hidden"):',
                                           '            with tf.device("/cpu:0"), tf.name_scope("hidden"):'))
    assert only(findings, "MIG601") and 'with tf.device("/cpu:0"), tf.name_scope("hidden"):' in code, findings
    assert not only(findings, "MIG113"), findings
