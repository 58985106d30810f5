"""`--style tf2` on model classes that build their graph in `__init__` (or a method it calls
once) and keep the Session the program hands them (migrate/tf2_classes.py). Run test:
tests/e2e/tf2_runs/session_model_classes.py."""
from __future__ import annotations

import ast
import math

import pytest

from migrate.tf2_graph import remaining
from tests.codemods.test_tf2_style import _kept, migrate, only

MODEL = """\
    import numpy as np
    import tensorflow as tf


    class Layer:
        def __init__(self, M1, M2):
            self.W = tf.Variable(np.ones((M1, M2), dtype=np.float32))

        def forward(self, X):
            return tf.nn.tanh(tf.matmul(X, self.W))


    class Model:
        def __init__(self, D, K):
            self.layers = [Layer(D, 3), Layer(3, K)]
            # inputs
            self.X = tf.placeholder(tf.float32, shape=(None, D), name='X')
            self.Y = tf.placeholder(tf.float32, shape=(None, K), name='Y')
            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
            self.cost = tf.reduce_sum(tf.square(self.Y - Z))
            self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)

        def set_session(self, session):
            self.session = session

        def fit(self, X, Y):
            _, c = self.session.run([self.train_op, self.cost], feed_dict={self.X: X, self.Y: Y})
            return c

        def predict(self, X):
            return self.session.run(self.predict_op, feed_dict={self.X: X})


    model = Model(4, 2)
    init = tf.global_variables_initializer()
    session = tf.InteractiveSession()
    session.run(init)
    model.set_session(session)
    print(model.fit(np.ones((5, 4)), np.zeros((5, 2))))
    print(model.predict(np.ones((1, 4))))
    """


def test_model_class_keeping_the_session_becomes_functions_made_in_init():
    code, findings = migrate(MODEL)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert remaining(code) is None and "Session(" not in code and "placeholder" not in code, code
    tree = ast.parse(code)
    model = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Model")
    methods = [f.name for f in model.body if isinstance(f, ast.FunctionDef)]
    assert methods == ["__init__", "fit", "predict"]  # set_session gone with the Session
    init = model.body[0]
    steps = [f for f in init.body if isinstance(f, ast.FunctionDef)]
    assert [f.name for f in steps] == ["train_step", "compute_predict_op"]
    # the placeholders' dtypes and shapes are the functions' input_signature; fed values are their arguments
    assert "@tf.function(input_signature=[tf.TensorSpec((None, D), tf.float32), tf.TensorSpec((None, K), tf.float32)])" in code
    assert [a.arg for a in steps[0].args.args] == ["X", "Y"] and [a.arg for a in steps[1].args.args] == ["X"]
    # v1 Adam's Keras twin made once in __init__, the tape's watched variables trained
    assert "optimizer = V1Adam(learning_rate=1e-2, epsilon=1e-08)" in code  # v1's Adam (tf2_graph.V1_ADAM)
    assert "variables = tape.watched_variables()" in code and "if g is not None" in code
    # runs: NumPy results as Session.run gave them
    assert "_, c = fetched_values(self.train_step(X=X, Y=Y))" in code
    assert "return self.compute_predict_op(X=X).numpy()" in code
    assert "return [None, cost]" in code
    # the program's Session, initializer and set_session calls gone; the rest kept
    program = code[code.index("model = Model(4, 2)"):]
    assert program.splitlines() == ["model = Model(4, 2)", "print(model.fit(np.ones((5, 4)), np.zeros((5, 2))))",
                                    "print(model.predict(np.ones((1, 4))))"]
    # the comment above the placeholders stays; the helper class's v1 Variable is TF 2's
    assert "# inputs" in code and "self.W = tf.Variable(np.ones((M1, M2), dtype=np.float32))" in code
    # idempotent: tf2 again changes nothing
    again, _ = migrate(code)
    assert again == code


def test_graph_built_in_a_method_init_calls_once():
    source = MODEL.replace("""        def __init__(self, D, K):
            self.layers""", """        def __init__(self, D, K):
            self.D = D
            self.build(D, K)

        def build(self, D, K):
            self.layers""")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    build = next(f for n in ast.parse(code).body if isinstance(n, ast.ClassDef) and n.name == "Model"
                 for f in n.body if isinstance(f, ast.FunctionDef) and f.name == "build")
    assert [f.name for f in build.body if isinstance(f, ast.FunctionDef)] == ["train_step", "compute_predict_op"]


def test_session_made_and_initialized_in_init():
    source = MODEL.replace("""            self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)
""", """            self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)
            init = tf.global_variables_initializer()
            self.session = tf.InteractiveSession()
            self.session.run(init)
""").replace("""    init = tf.global_variables_initializer()
    session = tf.InteractiveSession()
    session.run(init)
    model.set_session(session)
""", "").replace("""        def set_session(self, session):
            self.session = session

""", "")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "Session(" not in code and "variables_initializer" not in code and "self.session" not in code, code


@pytest.mark.parametrize("old, new, reason", [
    # a value the graph read when built, changed afterwards (the functions would read the new one)
    ("    print(model.fit(", "    model.layers.append(Layer(2, 2))\n    print(model.fit(",
     "`.layers` of a `Model` object changed outside the class, whose graph read it when built"),
    ("        def predict(self, X):\n", ("        def grow(self):\n            self.layers.append(Layer(2, 2))\n\n"
                                         "        def predict(self, X):\n"), "`grow` changes `self.layers`, which the graph part of `__init__` read or built"),
    # a graph tensor read outside a run
    ("    print(model.predict(", "    print(model.predict_op.shape)\n    print(model.predict(",
     "`.predict_op` of a `Model` object read outside the class"),
    ("            return c\n", "            return c, self.cost.shape\n", "`self.cost` used outside a Session.run"),
    # the kept Session read outside the class (the converted class has none)
    ("    print(model.fit(", "    print(model.session.run(model.predict_op, feed_dict={model.X: [[1.0, 2.0]]}))\n    print(model.fit(",
     "the Session a model class keeps (`self.session`) read outside the class"),
    # a run feeding too little (TF 1.x raised), or something else
    ("feed_dict={self.X: X, self.Y: Y})", "feed_dict={self.X: X})", "a run not feeding `self.Y`"),
    ("return self.session.run(self.predict_op, feed_dict={self.X: X})", "return self.session.run(self.layers[0].W)",
     "a fetch that is not a tensor or training op"),
    # the Session used otherwise
    ("    model.set_session(session)\n", "    model.set_session(session)\n    print(session.graph)\n",
     "the Session `session` is used otherwise"),
    # optimizers with no exact twin, a variable made in the graph part, a seeded graph
    ("tf.train.AdamOptimizer(1e-2)", "tf.train.FtrlOptimizer(1e-2)", "minimize on an optimizer with no exact Keras twin"),
    ("            self.predict_op = Z\n", "            self.predict_op = Z * tf.Variable(1.0)\n",
     "in the graph part of `__init__` (a variable made there"),
    ("    init = tf.global_variables_initializer()\n", "    tf.set_random_seed(1)\n    init = tf.global_variables_initializer()\n",
     "a graph-level seed in a program of model classes keeping a Session, set after line"),
    # a name the graph part reads before binding it
    ("            Z = self.X\n", "            Z = Z + self.X\n", "`Z` is read by the graph part of `__init__` before it binds it"),
])
def test_model_classes_of_other_shapes_keep_compat(old, new, reason):
    assert MODEL.count(old) == 1, old
    kept, code = _kept(MODEL.replace(old, new))
    assert reason in kept.message, kept.message
    # positioned on a line of the file that shows the construct named
    construct = kept.message.split("`")[1].split("(")[0].removesuffix("...")
    assert construct in code.splitlines()[kept.line - 1], (kept, construct)


SESSION_ARGUMENT = """\
    import numpy as np
    import tensorflow as tf


    class Model:
        def __init__(self, sess, name, D=4):
            self.sess = sess
            self.name = name
            self._build_net(D)

        def _build_net(self, D):
            with tf.variable_scope(self.name):
                self.X = tf.placeholder(tf.float32, [None, D])
                self.Y = tf.placeholder(tf.float32, [None, 1])
                # weights
                W = tf.Variable(np.ones((D, 1), dtype=np.float32))
                self.logits = tf.matmul(self.X, W)
            self.cost = tf.reduce_mean(tf.square(self.logits - self.Y))
            self.optimizer = tf.train.GradientDescentOptimizer(0.1).minimize(self.cost)

        def predict(self, x_test):
            return self.sess.run(self.logits, feed_dict={self.X: x_test})

        def train(self, x_data, y_data):
            return self.sess.run([self.cost, self.optimizer], feed_dict={self.X: x_data, self.Y: y_data})


    with tf.Session() as sess:
        m1 = Model(sess, "m1")
        m2 = Model(name="m2", sess=sess)
        sess.run(tf.global_variables_initializer())
        c, _ = m1.train(np.ones((2, 4)), np.zeros((2, 1)))
        print(c, m2.predict(np.ones((1, 4))))
    """


def test_session_handed_to_the_constructor_and_scopes_of_the_graph():
    """hunkim's `Model(sess, "m1")` with its graph under `variable_scope(self.name)`: the Session
    parameter and arguments go, the scope block is opened, the `with Session` block unwrapped."""
    code, findings = migrate(SESSION_ARGUMENT)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "def __init__(self, name, D=4):" in code and "self.sess" not in code and "variable_scope" not in code
    assert 'm1 = Model("m1")\nm2 = Model(name="m2")\n' in code
    assert "\n        # weights\n        W = tf.Variable(np.ones((D, 1), dtype=np.float32))\n" in code
    assert "c, _ = fetched_values(self.train_step" not in code  # the program's names stay the program's
    assert "\nc, _ = m1.train(np.ones((2, 4)), np.zeros((2, 1)))\n" in code


def test_objects_made_under_variable_scopes_among_the_session_statements():
    """MorvanZhou's run_Pendulum.py: `with tf.variable_scope('Natural_DQN'): natural_DQN =
    DoubleDQN(..., sess=sess)` in the program: the scope only named the object's variables, which
    nothing converted reads (as the class's own scope blocks) -> `tf.name_scope` (run test:
    tests/e2e/tf2_runs/scoped_agents_in_session.py); a scope sharing variables (`reuse=True`) is kept."""
    source = SESSION_ARGUMENT.replace(
        '        m1 = Model(sess, "m1")\n        m2 = Model(name="m2", sess=sess)\n',
        '        with tf.variable_scope("first"):\n            m1 = Model(sess, "m1")\n'
        '        with tf.variable_scope(name_or_scope="second"):\n            m2 = Model(name="m2", sess=sess)\n')
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert ('with tf.name_scope("first"):\n    m1 = Model("m1")\nwith tf.name_scope("second"):\n'
            '    m2 = Model(name="m2")\n') in code, code
    assert migrate(code)[0] == code
    kept, _ = _kept(source.replace('tf.variable_scope("first")', 'tf.variable_scope("first", reuse=True)'))
    assert "variable_scope" in kept.message, kept.message


@pytest.mark.parametrize("old, new, reason", [
    ("        def __init__(self, sess, name, D=4):", "        def __init__(self, name, D=4, sess=None):",
     "a Session parameter with a default value"),
    ("            self.name = name\n", "            self.name = name\n            self.other = sess\n",
     "the Session parameter `sess` used otherwise than kept"),
    ("with tf.variable_scope(self.name):", "with tf.variable_scope(self.name, reuse=True):",
     "a `with` block around the graph (opened are plain `variable_scope(name)`"),
])
def test_session_arguments_of_other_shapes_keep_compat(old, new, reason):
    assert SESSION_ARGUMENT.count(old) == 1, old
    kept, _ = _kept(SESSION_ARGUMENT.replace(old, new))
    assert reason in kept.message, kept.message


def test_loss_local_reading_an_attribute_and_variables_made_between_graph_statements():
    """BinRoot's TensorFlow-Book ch08: W2 made after the first layer's tensor, the loss a local
    reading `self.q`: the training step computes the layers the loss needs."""
    source = """\
        import numpy as np
        import tensorflow as tf


        class Policy:
            def __init__(self, input_dim):
                self.x = tf.placeholder(tf.float32, [None, input_dim])
                self.y = tf.placeholder(tf.float32, [2])
                W1 = tf.Variable(np.ones((input_dim, 3), dtype=np.float32))
                h1 = tf.nn.relu(tf.matmul(self.x, W1))
                W2 = tf.Variable(np.ones((3, 2), dtype=np.float32))
                self.q = tf.nn.relu(tf.matmul(h1, W2))
                loss = tf.square(self.y - self.q)
                self.train_op = tf.train.AdagradOptimizer(0.01).minimize(loss)
                self.sess = tf.Session()
                self.sess.run(tf.global_variables_initializer())

            def update(self, state, target):
                self.sess.run(self.train_op, feed_dict={self.x: state, self.y: target})
                return self.sess.run(self.q, feed_dict={self.x: state})


        print(Policy(4).update(np.ones((1, 4)), np.zeros(2)))
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    train = next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.FunctionDef) and n.name == "train_step")
    tape = next(n for n in train.body if isinstance(n, ast.With))
    assert [ast.unparse(s.targets[0]) for s in tape.body] == ["h1", "q", "loss"]
    assert "optimizer = V1Adagrad(learning_rate=0.01, epsilon=0.0)" in code  # v1's kernels (tf2_graph.V1_ADAGRAD)
    assert "class V1Adagrad(tf.keras.optimizers.Adagrad):" in code


def test_runs_of_values_the_method_holds_are_their_numpy_values():
    """lazyprogrammer's DQN `copy_from`: `self.session.run(q)` of another model's variable and
    `self.session.run(ops)` of the assigns made in the loop (run test: session_model_classes.py)."""
    source = MODEL.replace("""        def fit(self, X, Y):""", """        def copy_from(self, other):
            ops = []
            for p, q in zip(self.layers, other.layers):
                actual = self.session.run(q.W)
                ops.append(p.W.assign(actual))
            self.session.run(ops)

        def fit(self, X, Y):""")
    code, findings = migrate(source)
    assert "kept compat" in str(findings), "the fetch is an attribute of another object: not a name the method holds"
    source = source.replace("actual = self.session.run(q.W)", "w = q.W\n                actual = self.session.run(w)")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "actual = fetched_values(w)" in code and "\n        fetched_values(ops)\n" in code


def test_graph_built_by_a_method_the_program_calls_and_tensors_of_variables_alone():
    """lazyprogrammer's discrete HMM (hmm_class/hmmd_tf.py): `hmm.init_random(V)` calls `build`, which
    makes the variables, tensors of them alone (`pi = softmax(self.preSoftmaxPi)`: computed at every
    run in TF 1.x, so in the steps), a scan function, the placeholder; `set` runs the assigns it made."""
    source = """\
        import numpy as np
        import tensorflow as tf


        class HMM:
            def __init__(self, M):
                self.M = M

            def set_session(self, session):
                self.session = session

            def get_cost(self, x):
                return self.session.run(self.cost, feed_dict={self.tfx: x})

            def build(self, pi0):
                self.preSoftmaxPi = tf.Variable(pi0)
                pi = tf.nn.softmax(self.preSoftmaxPi)
                self.tfx = tf.placeholder(tf.int32, shape=(None,), name='x')
                def recurrence(old, x_t):
                    return old * pi[x_t]
                scale = tf.scan(fn=recurrence, elems=self.tfx, initializer=np.float32(1.0))
                self.cost = -tf.reduce_sum(tf.log(scale))
                self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)

            def init_random(self):
                self.build(np.zeros(self.M).astype(np.float32))

            def set(self, pi):
                op1 = self.preSoftmaxPi.assign(pi)
                self.session.run([op1])


        hmm = HMM(2)
        hmm.init_random()
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            hmm.set_session(session)
            print(hmm.get_cost([0, 1, 1]))
            hmm.set(np.ones(2, np.float32))
            print(hmm.get_cost([0, 1, 1]))
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    build = next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.FunctionDef) and n.name == "build")
    assert [ast.unparse(s) for s in build.body[:1]] == ["self.preSoftmaxPi = tf.Variable(pi0)"]
    step = next(f for f in build.body if isinstance(f, ast.FunctionDef) and f.name == "compute_cost")
    assert [type(s).__name__ for s in step.body] == ["Assign", "FunctionDef", "Assign", "Assign", "Return"], code
    assert "fetched_values([op1])" in code


def test_a_random_initial_value_bound_first_is_drawn_once():
    """lazyprogrammer's mountaincar HiddenLayer: `W = tf.random_normal(shape) * scale` in a branch, then
    `self.W = tf.Variable(W)`: the initial value, drawn once (not a tensor computed at each run)."""
    source = MODEL.replace("""            self.W = tf.Variable(np.ones((M1, M2), dtype=np.float32))""", """            if M1 > 100:
                W = np.zeros((M1, M2), dtype=np.float32)
            else:
                W = tf.random_normal(shape=(M1, M2)) * np.sqrt(2. / M1, dtype=np.float32)
            self.W = tf.Variable(W)""")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "W = tf.random.normal(shape=(M1, M2)) * np.sqrt(2. / M1, dtype=np.float32)" in code
    kept, _ = _kept(source.replace("            self.W = tf.Variable(W)", "            self.W = tf.Variable(W)\n            self.norm = tf.norm(W)"))
    assert "`Layer` computes a tensor when made" in kept.message, kept.message


def test_a_run_of_an_attribute_holding_variables_and_a_constructor_before_an_external_build():
    """lazyprogrammer's SimpleRNN: the constructor keeps `self.f`, `fit` calls `build`, `save` runs
    `self.params` (the variables the setup listed): their NumPy values."""
    source = """\
        import numpy as np
        import tensorflow as tf


        class RNN:
            def __init__(self, f):
                self.f = f

            def set_session(self, session):
                self.session = session

            def build(self, W0):
                self.W = tf.Variable(W0)
                self.params = [self.W]
                self.tfX = tf.placeholder(tf.float32, shape=(None, 2))
                self.out = self.f(tf.matmul(self.tfX, self.W))
                init = tf.global_variables_initializer()
                self.session.run(init)

            def fit(self, X):
                self.build(np.ones((2, 2), np.float32))
                return self.session.run(self.out, feed_dict={self.tfX: X})

            def save(self):
                return self.session.run(self.params)


        rnn = RNN(tf.nn.relu)
        with tf.Session() as session:
            rnn.set_session(session)
            print(rnn.fit(np.ones((1, 2))), rnn.save())
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "return fetched_values(self.params)" in code and "global_variables_initializer" not in code


# shapes a fresh-eyes trial wrote in the style of MorvanZhou's and stevenpjg's RL repositories
ACTOR = """\
    import numpy as np
    import tensorflow as tf


    class Actor(object):
        def __init__(self, sess):
            self.sess = sess
            self.W = tf.Variable(np.ones((3, 1), np.float32))
            self.s = tf.placeholder(tf.float32, [None, 3])
            self.exp_v = tf.reduce_mean(tf.log(tf.sigmoid(tf.matmul(self.s, self.W))))
            self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(-self.exp_v)  # maximize exp_v
            target = [tf.Variable(np.zeros((3, 1), np.float32))]
            self.copy = [t.assign(e) for t, e in zip(target, [self.W])]
            self.target_out = tf.matmul(self.s, target[0])

        def learn(self, s):
            _, exp_v = self.sess.run([self.train_op, self.exp_v], {self.s: s})
            return exp_v

        def target(self, s):
            return self.sess.run(self.target_out, {self.s: s})

        def update_target(self):
            self.sess.run(self.copy)


    sess = tf.Session()
    actor = Actor(sess)
    sess.run(tf.global_variables_initializer())
    print(actor.learn(-np.ones((2, 3))), actor.target(np.ones((1, 3))))
    actor.update_target()
    print(actor.target(np.ones((1, 3))))
    """


def test_a_loss_expression_is_computed_on_the_tape_and_assign_ops_run_when_fetched():
    """`minimize(-self.exp_v)` (the negation outside the tape had no gradient) and an assign op
    made in `__init__` (`self.copy`: TF 1.x ran it when fetched; made eagerly it ran at once)."""
    code, findings = migrate(ACTOR)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    train = next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.FunctionDef) and n.name == "train_step")
    tape = next(n for n in train.body if isinstance(n, ast.With))
    assert ast.unparse(tape.body[-1]) == "loss_value = -exp_v", code
    assert "gradients = tape.gradient(loss_value, variables)" in code
    copy = next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.FunctionDef) and n.name == "compute_copy")
    assert "assign" in ast.unparse(copy) and "self.copy = [" not in code, code


@pytest.mark.parametrize("old, new, reason", [
    ("tf.train.GradientDescentOptimizer(0.1)", "tf.train.GradientDescentOptimizer(self.lr)",
     "an optimizer argument reads `self.lr`, a placeholder or tensor of the graph"),
    ("tf.Variable(np.ones((3, 1), np.float32))", "tf.Variable(tf.random_normal([3, 1], seed=1))",
     "a random op with an op seed in a program of model classes"),
])
def test_optimizer_arguments_of_the_graph_and_op_seeds_keep_compat(old, new, reason):
    placeholder = "            self.s = tf.placeholder(tf.float32, [None, 3])\n"
    assert placeholder in ACTOR
    source = ACTOR.replace(old, new, 1).replace(placeholder, placeholder + "            self.lr = tf.placeholder(tf.float32, [])\n")
    kept, _ = _kept(source)
    assert reason in kept.message, kept.message


def test_apply_gradients_of_tf_gradients_is_the_tapes_gradient_of_the_same_variables():
    """stevenpjg's ddpg-aigym `tf.gradients(cost, params)` zipped into `apply_gradients`: the step takes
    the tape's gradient of `cost` for `params` under the same name (once a crash: the gradient of nothing)."""
    source = """\
        import numpy as np
        import tensorflow as tf
        X = tf.placeholder("float")
        W = tf.Variable(0.1)
        cost = tf.reduce_mean(tf.square(X * W - 1.0))
        params = [W]
        gradient = tf.gradients(cost, params)
        opt = tf.train.GradientDescentOptimizer(0.01)
        update = opt.apply_gradients(zip(gradient, params))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(update, feed_dict={X: np.arange(5.0)})
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "    gradient = tape.gradient(cost, variables)\n" in code and "tf.gradients" not in code


def test_a_session_made_in_a_class_body_keeps_compat():
    kept, _ = _kept("import tensorflow as tf\n\nclass tfs:\n    session = tf.Session()\n")
    assert "a Session made in a class body" in kept.message, kept.message


def test_a_later_obstacle_inside_the_rewritten_method_is_positioned_on_its_own_line():
    """A construct the engine stops at after the class rewrite (`tf.div` of a placeholder attribute)
    is named where it is in the file, not at the start of the rewritten method."""
    source = MODEL.replace("            self.predict_op = Z\n", "            self.predict_op = tf.div(Z, 2.0)\n")
    kept, code = _kept(source)
    line = code.splitlines()[kept.line - 1]
    assert "tf.compat.v1.div" in line and line.index("tf.compat.v1.div") == kept.col - 1, (kept, line)


def test_comments_inside_a_run_stay_above_its_statement():
    source = MODEL.replace("""            _, c = self.session.run([self.train_op, self.cost], feed_dict={self.X: X, self.Y: Y})""",
                           """            _, c = self.session.run([self.train_op, self.cost], feed_dict={
                self.X: X,  # shape=[None, D]
                self.Y: Y,  # shape=[None, K]
            })""")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert ("        # shape=[None, D]\n        # shape=[None, K]\n        _, c = fetched_values(self.train_step(X=X, Y=Y))\n"
            in code), code


def test_a_later_obstacle_names_the_class_method_not_the_function_written():
    """`tf.layers.flatten` in a class's graph (dense is written out: `_class_layers`): the engine stops
    in the function the rewrite wrote (`train_step`), which the user's file has not; the finding names
    `Model.__init__`."""
    source = MODEL.replace("            self.predict_op = Z\n", "            self.predict_op = tf.layers.flatten(Z)\n")
    kept, code = _kept(source)
    assert "`Model.__init__`" in kept.message and "function `" not in kept.message, kept.message
    line = code.splitlines()[kept.line - 1]
    assert "layers.flatten" in line, (kept, line)


def test_a_gathered_variable_trained_by_adam_or_sgd_converts_momentum_keeps_compat():
    """v1's Adam applies a gathered variable's sparse gradient with its sparse rule, which the file's
    V1Adam writes out (tf2_graph.V1_ADAM); v1's Momentum applies it with its sparse kernel, Keras'
    SGD otherwise: a class doing so keeps compat (the engine's rule)."""
    source = MODEL.replace("            self.predict_op = Z\n",
                           "            self.predict_op = tf.gather(Z, [0])\n")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and "optimizer = V1Adam(learning_rate=1e-2, epsilon=1e-08)" in code, findings
    # rows of a variable gathered: its gradient is sparse
    kept, _ = _kept(source.replace("tf.train.AdamOptimizer(1e-2)", "tf.train.MomentumOptimizer(1e-2, 0.9)").replace(
        "tf.gather(Z, [0])", "Z * tf.reduce_sum(tf.gather(self.layers[0].W, [0]))"))
    assert "MomentumOptimizer on a program that gathers rows (`tf.gather`)" in kept.message, kept.message
    # rows of a computed tensor gathered (`Z`, the layers' output): the variables' gradients are dense
    _, findings = migrate(source.replace("tf.train.AdamOptimizer(1e-2)", "tf.train.MomentumOptimizer(1e-2, 0.9)"))
    assert only(findings, "MIG601"), findings
    _, findings = migrate(source.replace("tf.train.AdamOptimizer(1e-2)", "tf.train.GradientDescentOptimizer(1e-2)"))
    assert only(findings, "MIG601"), findings


SEEDED = """\
    import numpy as np
    import tensorflow as tf

    np.random.seed(1)
    tf.set_random_seed(1)


    class DeepQNetwork:
        def __init__(self, n_features, n_actions, output_graph=False):
            self.n_features = n_features
            self.n_actions = n_actions
            self._build_net()
            self.sess = tf.Session()
            if output_graph:
                tf.summary.FileWriter("logs/", self.sess.graph)
            self.sess.run(tf.global_variables_initializer())

        def _build_net(self):
            self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
            self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='Q_target')
            with tf.variable_scope('eval_net'):
                with tf.variable_scope('l1'):
                    self.w1 = tf.Variable(tf.random_normal([self.n_features, 8], 0., 0.3))
                    l1 = tf.nn.relu(tf.matmul(self.s, self.w1))
                self.w2 = tf.Variable(tf.random_normal([8, self.n_actions], 0., 0.3))
                self.q_eval = tf.matmul(l1, self.w2)
            with tf.variable_scope('loss'):
                noisy = self.q_target + tf.random_normal(tf.shape(self.q_target), stddev=0.01)
                self.loss = tf.reduce_mean(tf.squared_difference(noisy, self.q_eval))
            self._train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)

        def choose_action(self, observation):
            return np.argmax(self.sess.run(self.q_eval, feed_dict={self.s: observation[np.newaxis, :]}))

        def learn(self, s, q):
            feed = {self.s: s,  # the states
                    self.q_target: q}
            _, cost = self.sess.run([self._train_op, self.loss], feed)
            return cost


    agent = DeepQNetwork(3, 2)
    print(agent.learn(np.ones((4, 3)), np.zeros((4, 2))), agent.choose_action(np.ones(3)))
    """


def test_a_seeded_program_seeds_each_random_op_where_tf1_built_it():
    """Under a graph seed TF 1.x gave each random op with no op seed the graph's count of such ops
    (random_seed.get_seed): the tf2 output counts them at run time, in the order the graph method
    built them (initial values in place; the graph part's op from a seed bound where its statement
    was, not when the tf.function traces). Run test: tests/e2e/tf2_runs/seeded_q_networks.py."""
    code, findings = migrate(SEEDED)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "def op_seed():" in code and "op_seeds_built[0] += 1" in code, code
    assert "tf.random.set_seed(1)" in code, code
    build = code[code.index("def _build_net(self):"):code.index("def choose_action")]
    assert "self.w1 = tf.Variable(tf.random.normal([self.n_features, 8], 0., 0.3, seed=op_seed()))" in build, build
    assert "self.w2 = tf.Variable(tf.random.normal([8, self.n_actions], 0., 0.3, seed=op_seed()))" in build, build
    assert build.index("self.w2 = ") < build.index("seed_1 = op_seed()") < build.index("def compute_q_eval"), build
    assert "tf.random.normal(tf.shape(q_target), stddev=0.01, seed=seed_1)" in build, build
    # the Session made, shown and initialized in __init__ after `self._build_net()` goes; the graph shown is a writer
    init = code[code.index("def __init__"):code.index("def _build_net")]
    assert "Session" not in init and "global_variables_initializer" not in init, init
    assert '            tf.summary.create_file_writer("logs/")\n' in init, init
    # `feed = {...}` bound just before the run: written in the run, its comment kept above it
    assert "        # the states\n        _, cost = fetched_values(self.train_step(s=s, q_target=q))" in code, code
    assert "feed =" not in code, code


@pytest.mark.parametrize("old, new, reason", [
    ("    agent = DeepQNetwork(3, 2)\n", "    agent = DeepQNetwork(3, 2)\n    noise = tf.random_uniform([2])\n",
     "a random op with no op seed outside the graph methods of the model classes"),
    ("tf.Variable(tf.random_normal([self.n_features, 8], 0., 0.3))",
     "tf.Variable(tf.random_normal_initializer(0., 0.3)([self.n_features, 8]))",
     "`tf.compat.v1.random_normal_initializer` with no op seed in a seeded program"),
    ("    tf.set_random_seed(1)\n", "    tf.set_random_seed(1)\n    tf.set_random_seed(2)\n", "set more than once"),
    ("            noisy = self.q_target + tf.random_normal(tf.shape(self.q_target), stddev=0.01)\n",
     "            noisy = self.q_target + tf.random_normal(tf.shape(self.q_target)) + tf.random_normal([1])\n",
     "two random ops with no op seed in one statement of the graph part"),
    # the feed dict read again, or not just before the run
    ("            _, cost = self.sess.run([self._train_op, self.loss], feed)\n",
     "            _, cost = self.sess.run([self._train_op, self.loss], feed)\n            print(feed)\n",
     "a feed_dict that is not a dict written in the run or bound to a name by the statement just before"),
    ("            _, cost = self.sess.run([self._train_op, self.loss], feed)\n",
     "            print(s)\n            _, cost = self.sess.run([self._train_op, self.loss], feed)\n",
     "a feed_dict that is not a dict written in the run or bound to a name by the statement just before"),
])
def test_seeded_classes_and_feeds_of_other_shapes_keep_compat(old, new, reason):
    assert SEEDED.count(old) == 1, old
    kept, _ = _kept(SEEDED.replace(old, new))
    assert reason in kept.message, kept.message


def test_rmsprop_in_a_class_applies_v1s_rule_written_out():
    """v1's RMSProp has no Keras twin (Keras' mean square starts at zeros, epsilon outside the root):
    the class's step applies the engine's written-out rule to slots made once per variable (ones,
    zeros), its arguments read once where the class made it (seeded_q_networks.py: the same digits)."""
    code, findings = migrate(SEEDED.replace("tf.train.GradientDescentOptimizer(0.1)",
                                            "tf.train.RMSPropOptimizer(0.1, decay=0.95)"))
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "class V1RMSProp:" in code and "tf.Variable(tf.ones(v.shape, dtype=v.dtype), trainable=False)" in code, code
    assert "optimizer = V1RMSProp(learning_rate=0.1, decay=0.95)" in code, code
    assert "for g, v, (ms, mom) in zip(gradients, variables, optimizer.slots(variables)):" in code, code
    assert "ms.assign_add((tf.square(g) - ms) * (1 - tf.cast(optimizer.decay, g.dtype)))" in code, code
    kept, _ = _kept(SEEDED.replace("tf.train.GradientDescentOptimizer(0.1)", "tf.train.RMSPropOptimizer(0.1, centered=True)"))
    assert "RMSPropOptimizer(centered=...) is not converted" in kept.message, kept.message


COLLECTED = """\
    import numpy as np
    import tensorflow as tf

    tf.set_random_seed(1)


    class Brain:
        def __init__(self, n_actions, n_features):
            self.n_actions = n_actions
            self.n_features = n_features
            self._build_net()
            t_params = tf.get_collection('target_params')
            e_params = tf.get_collection('eval_params')
            self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

        def _build_net(self):
            self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
            self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='q_target')
            with tf.variable_scope('eval'):
                c_names, w_init, b_init = ['eval_params', tf.GraphKeys.GLOBAL_VARIABLES], \\
                    tf.random_normal_initializer(0., 0.3), tf.constant_initializer(0.1)
                w1 = tf.get_variable('w1', [self.n_features, self.n_actions], initializer=w_init, collections=c_names)
                b1 = tf.get_variable('b1', [1, self.n_actions], initializer=b_init, collections=c_names)
                self.q_eval = tf.matmul(self.s, w1) + b1
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
            self._train_op = tf.train.RMSPropOptimizer(0.01).minimize(self.loss)
            self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
            with tf.variable_scope('target'):
                c_names = ['target_params', tf.GraphKeys.GLOBAL_VARIABLES]
                w1 = tf.get_variable('w1', [self.n_features, self.n_actions], initializer=w_init, collections=c_names)
                b1 = tf.get_variable('b1', [1, self.n_actions], initializer=b_init, collections=c_names)
                self.q_next = tf.matmul(self.s_, w1) + b1

        def learn(self, s, q):
            self.sess.run(self.replace_target_op)
            q_next = self.sess.run(self.q_next, feed_dict={self.s_: s})
            _, cost = self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q + q_next})
            return cost


    brain = Brain(2, 3)
    print(brain.learn(np.ones((4, 3)), np.zeros((4, 2))))
    """


def test_get_variable_with_collections_in_a_class_is_the_variable_it_made():
    """Morvan's RL_brain.py: get_variable(name, shape, initializer=<bound v1 initializer>, collections=
    c_names) in `_build_net` is the tf.Variable it made (the initializer's draw written out, one op seed
    counted per variable as its __call__ asked), put in a module dict of collections that
    `get_collection(key)` reads; names bound again for the target network get names of their own for
    the functions; `__init__`'s graph after `self._build_net()` joins its end. Run test:
    tests/e2e/tf2_runs/collected_target_net.py."""
    code, findings = migrate(COLLECTED)
    assert only(findings, "MIG601") and not only(findings, "MIG602") and not only(findings, "MIG113"), findings
    assert "compat.v1" not in code and "GraphKeys" not in code, code
    build = code[code.index("def _build_net(self):"):code.index("def learn")]
    assert ("w1 = add_to_graph_collections(tf.Variable(tf.random.normal([self.n_features, self.n_actions], mean=0., "
            "stddev=0.3, dtype=tf.float32, seed=op_seed()), name='w1'), c_names)") in build, build
    assert ("b1_2 = add_to_graph_collections(tf.Variable(tf.constant_initializer(0.1)([1, self.n_actions], "
            "dtype=tf.float32), name='b1'), c_names)") in build, build
    assert "c_names, w_init, b_init = ['eval_params', 'variables'], \\" in build, build
    assert "tf.random_normal_initializer(mean=0., stddev=0.3), tf.constant_initializer(value=0.1)" in build, build
    # the target copy built after _build_net() in __init__: at the end of _build_net, before the functions
    assert build.index("b1_2 = ") < build.index("t_params = list(graph_collections.get('target_params', []))") \
        < build.index("@tf.function"), build
    assert "replace_target_op = [t.assign(e) for t, e in zip(t_params, e_params)]" in build, build
    assert "q_next = tf.matmul(s_, w1_2) + b1_2" in build and "q_eval = tf.matmul(s, w1) + b1" in build, build
    init = code[code.index("def __init__"):code.index("def _build_net")]
    assert "get_collection" not in init and "replace_target_op" not in init and "Session" not in init, init


@pytest.mark.parametrize("old, new, reason", [
    ("b1 = tf.get_variable('b1', [1, self.n_actions], initializer=b_init, collections=c_names)\n                self.q_eval",
     "b1 = tf.get_variable('b1', (1,) + (self.n_actions,), collections=c_names)\n                self.q_eval",
     "get_variable's initializer (glorot / variance scaling) with a shape that is not written as a list"),
    ("tf.get_collection('eval_params')", "tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='eval')",
     "whose TF 1.x name or collections are not known here"),
    ("            e_params = tf.get_collection('eval_params')\n",
     "            e_params = tf.get_collection('eval_params')[:n_actions]\n",
     "`n_actions`, a name of `__init__`, read by graph `__init__` builds after `self._build_net()`"),
    ("tf.random_normal_initializer(0., 0.3)", "tf.random_normal_initializer(0., 0.3, seed=2)",
     "an initializer with a seed, a dtype or arguments other than numbers"),
])
def test_get_variables_of_other_shapes_keep_compat(old, new, reason):
    assert COLLECTED.count(old) == 1, old
    kept, _ = _kept(COLLECTED.replace(old, new))
    assert reason in kept.message, kept.message


def test_get_variable_over_several_lines_with_glorot_draws_the_fans_uniform():
    """get_variable's default initializer and xavier (v1's glorot_uniform_initializer after the compat
    pass) in a class: the engine's uniform draw of the literal shape's fans, with the counted op seed;
    a call written over several lines is written on one."""
    source = COLLECTED.replace(
        "                w1 = tf.get_variable('w1', [self.n_features, self.n_actions], initializer=w_init, collections=c_names)\n"
        "                b1 = tf.get_variable('b1', [1, self.n_actions], initializer=b_init, collections=c_names)\n"
        "                self.q_eval",
        "                w1 = tf.get_variable('w1', [3, 2], collections=c_names,\n"
        "                                     initializer=tf.contrib.layers.xavier_initializer())\n"
        "                b1 = tf.get_variable('b1', [1, 2], collections=c_names)\n"
        "                self.q_eval")
    assert source != COLLECTED
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    limit = repr(math.sqrt(3.0 * (1.0 / 2.5)))  # fans 3 and 2 (tf2_graph._glorot_uniform)
    assert (f"        w1 = add_to_graph_collections(tf.Variable(tf.random.uniform([3, 2], -{limit}, {limit}, "
            "seed=op_seed()), name='w1'), c_names)\n        b1 = ") in code, code
    assert f"b1 = add_to_graph_collections(tf.Variable(tf.random.uniform([1, 2], -{math.sqrt(2.0)!r}, " in code, code
    assert "xavier" not in code and "glorot" not in code, code


def test_an_initializer_bound_to_an_attribute_and_run_in_init_goes():
    """lazyprogrammer's autoencoder_tf.py: `self.init_op = tf.global_variables_initializer()` then
    `self.sess.run(self.init_op)` at the end of `__init__` (RMSProp, a seed): both go with the Session."""
    source = """\
        import numpy as np
        import tensorflow as tf
        tf.set_random_seed(1)


        class Autoencoder:
            def __init__(self, D, M):
                self.X = tf.placeholder(tf.float32, shape=(None, D))
                self.W = tf.Variable(tf.random_normal(shape=(D, M)) * np.sqrt(2.0 / M))
                self.Z = tf.nn.relu(tf.matmul(self.X, self.W))
                self.cost = tf.reduce_sum(tf.square(tf.matmul(self.Z, tf.transpose(self.W)) - self.X))
                self.train_op = tf.train.RMSPropOptimizer(learning_rate=0.001).minimize(self.cost)
                self.init_op = tf.global_variables_initializer()
                self.sess = tf.InteractiveSession()
                self.sess.run(self.init_op)

            def fit(self, X):
                _, c, = self.sess.run((self.train_op, self.cost), feed_dict={self.X: X})
                return c


        print(Autoencoder(4, 2).fit(np.ones((3, 4))))
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "init_op" not in code and "Session(" not in code, code
    assert "self.W = tf.Variable(tf.random.normal(shape=(D, M), seed=op_seed()) * np.sqrt(2.0 / M))" in code, code


def test_placeholder_attribute_with_a_leading_underscore_is_a_parameter_starting_with_a_letter():
    # hunkim's dqn.py keeps `self._X`: tf.function binds the keyword `_X=` as `arg__X`, which a
    # parameter `_X` does not match (measured: TypeError at the first call), so the parameter is `X`
    source = MODEL.replace("self.X", "self._X")
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert "(X):" in code and "(_X" not in code and "_X=" not in code, code
    assert "X=X" in code, code
    # a local `X` of the method already: the parameter takes the next free name
    taken = source.replace("            Z = self._X\n", "            X = 1\n            Z = self._X\n")
    code, findings = migrate(taken)
    assert only(findings, "MIG601"), findings
    assert "(X_):" in code and "X_=X" in code, code


def test_get_variable_default_initializer_over_attributes_in_a_class_draws_v1s_limit():
    # `[n_features, self.n_actions]`: the fans known when `__init__` runs; v1's limit written out
    # (measured side by side with the compat migration: the same predictions to the last digit)
    source = """\
        import numpy as np
        import tensorflow as tf

        tf.set_random_seed(1)


        class Q:
            def __init__(self, n_features, n_actions, sess):
                self.n_actions = n_actions
                self.sess = sess
                self.s = tf.placeholder(tf.float32, [None, n_features])
                w1 = tf.get_variable('w1', [n_features, self.n_actions])
                self.q = tf.matmul(self.s, w1)

            def predict(self, s):
                return self.sess.run(self.q, {self.s: s})


        sess = tf.Session()
        q = Q(3, 2, sess)
        sess.run(tf.global_variables_initializer())
        print(q.predict(np.ones((1, 3))))
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    limit = "np.sqrt(3.0 * (1.0 / max(1.0, (n_features + self.n_actions) / 2.0)))"
    assert f"w1 = tf.Variable(tf.random.uniform([n_features, self.n_actions], -{limit}, {limit}, seed=op_seed()), name='w1')" \
        in code, code


def test_a_method_run_at_the_end_of_init_finds_the_functions_defined():
    # floodsung's DDPG shape (a fresh-eyes trial): `__init__` ends by running the target copy through
    # a method; the functions are defined after the graph, before that call
    source = """\
        import numpy as np
        import tensorflow as tf


        class Net:
            def __init__(self, sess):
                self.sess = sess
                self.x = tf.placeholder(tf.float32, [None, 2])
                w = tf.Variable(tf.ones([2, 1]))
                self.tw = tf.Variable(tf.zeros([2, 1]))
                self.y = tf.matmul(self.x, w)
                self.target_update = self.tw.assign(w)
                self.sess.run(tf.global_variables_initializer())
                self.update_target()

            def update_target(self):
                self.sess.run(self.target_update)

            def predict(self, x):
                return self.sess.run(self.y, {self.x: x})


        sess = tf.Session()
        net = Net(sess)
        print(net.predict(np.ones((1, 2))))
        """
    code, findings = migrate(source)
    assert only(findings, "MIG601"), findings
    assert code.index("self.compute_target_update = compute_target_update") < code.index("        self.update_target()\n"), code


DENSE_AGENT = """\
    import numpy as np
    import tensorflow as tf

    np.random.seed(1)
    tf.set_random_seed(1)


    class PolicyGradient:
        def __init__(self, n_actions, n_features, learning_rate=0.01):
            self.n_actions = n_actions
            self.n_features = n_features
            self.lr = learning_rate
            self._build_net()
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

        def _build_net(self):
            with tf.name_scope('inputs'):
                self.tf_obs = tf.placeholder(tf.float32, [None, self.n_features], name="observations")
                self.tf_acts = tf.placeholder(tf.int32, [None, ], name="actions_num")
            net = self.tf_obs
            layer = tf.layers.dense(
                inputs=net,
                units=10,
                activation=tf.nn.tanh,  # tanh activation
                kernel_initializer=tf.random_normal_initializer(mean=0, stddev=0.3),
                bias_initializer=tf.constant_initializer(0.1),
                name='fc1'
            )
            all_act = tf.layers.dense(layer, self.n_actions, use_bias=False)
            self.all_act_prob = tf.nn.softmax(all_act, name='act_prob')
            neg_log_prob = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=all_act, labels=self.tf_acts)
            loss = tf.reduce_mean(neg_log_prob)
            self.train_op = tf.train.GradientDescentOptimizer(self.lr).minimize(loss)

        def choose_action(self, observation):
            return self.sess.run(self.all_act_prob, feed_dict={self.tf_obs: observation[np.newaxis, :]})

        def learn(self, obs, acts):
            self.sess.run(self.train_op, feed_dict={self.tf_obs: obs, self.tf_acts: acts})


    pg = PolicyGradient(2, 4)
    pg.learn(np.eye(4, dtype=np.float32), np.array([0, 1, 0, 1]))
    print(pg.choose_action(np.ones(4, dtype=np.float32)))
"""


def test_v1_dense_in_a_class_graph_method_is_its_variables_and_math():
    """Morvan's policy-gradient brain: `tf.layers.dense` in `_build_net` is the kernel and bias v1
    made (get_variable's draws: the random kernel with the op seed counted where TF 1.x's layer asked
    for it, the kernel before the bias) and `activation(bias_add(matmul(x, kernel), bias))`; the input's
    width is the placeholder's last dimension (through `net = self.tf_obs`) or the earlier layer's
    units; an unnamed layer with no bias is the kernel alone, drawn as v1's glorot_uniform_initializer() (what
    the compat pass writes under the graph seed, MIG117) with its counted op seed. Run test:
    tests/e2e/tf2_runs/class_dense_agents.py."""
    code, findings = migrate(DENSE_AGENT)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "compat.v1" not in code and "layers.dense" not in code and "TF_USE_LEGACY_KERAS" not in code, code
    build = code[code.index("def _build_net(self):"):code.index("@tf.function")]
    assert ("fc1_kernel = tf.Variable(tf.random.normal([self.n_features, 10], mean=0, stddev=0.3, dtype=tf.float32, "
            "seed=op_seed()), name='fc1/kernel')\n") in build, build
    assert "fc1_bias = tf.Variable(tf.constant_initializer(0.1)([10], dtype=tf.float32), name='fc1/bias')\n" in build, build
    assert build.index("fc1_kernel = ") < build.index("fc1_bias = ") < build.index("dense_kernel = "), build
    limit = "np.sqrt(3.0 * (1.0 / max(1.0, (10 + self.n_actions) / 2.0)))"
    assert (f"dense_kernel = tf.Variable(tf.random.uniform([10, self.n_actions], -{limit}, {limit}, seed=op_seed()), "
            "name='dense/kernel')\n") in build, build
    assert "dense_bias" not in code, code
    steps = code[code.index("@tf.function"):code.index("def choose_action")]
    assert "layer = tf.math.tanh(tf.nn.bias_add(tf.matmul(net, fc1_kernel), fc1_bias))" in steps, steps
    assert "all_act = tf.matmul(layer, dense_kernel)" in steps, steps


@pytest.mark.parametrize("old, new, reason", [
    ("inputs=net,", "inputs=tf.concat([net, net], 1),",
     "the input of a v1 dense call in a model class is not a rank-2 float32 placeholder"),
    ("name='fc1'", "name='fc1', kernel_regularizer=tf.nn.l2_loss",
     "`kernel_regularizer=` of a v1 dense call in a model class"),
    ("            all_act = tf.layers.dense(layer, self.n_actions, use_bias=False)\n",
     "            all_act = tf.layers.dense(layer, self.n_actions, use_bias=False) * 2\n",
     "a v1 dense call other than `name = tf.compat.v1.layers.dense(...)`"),
    ("np.random.seed(1)\n    tf.set_random_seed(1)\n", "np.random.seed(1)\n    from numpy import random\n    random.seed(1)\n",
     "drawn from Python's `random` (seeded here), which the file does not import as `import random`"),
])
def test_v1_dense_calls_of_other_shapes_in_a_class_keep_compat(old, new, reason):
    assert DENSE_AGENT.count(old) == 1, old
    kept, _ = _kept(DENSE_AGENT.replace(old, new))
    assert reason in kept.message, kept.message


CONCAT_INPUT = DENSE_AGENT.replace(
    "            net = self.tf_obs\n",
    "            float_a = tf.expand_dims(tf.cast(self.tf_acts, dtype=tf.float32, name='float_a'), axis=1)\n"
    "            net = tf.concat((self.tf_obs, float_a), axis=1, name='sa')\n").replace(
    "feed_dict={self.tf_obs: observation[np.newaxis, :]})",
    "feed_dict={self.tf_obs: observation[np.newaxis, :], self.tf_acts: [1]})")


def test_a_dense_input_concatenating_known_widths_has_their_sum():
    """Curiosity's dynamics net: `sa = tf.concat((s, float_a), axis=1)` of the state placeholder and
    `tf.expand_dims(tf.cast(a, tf.float32), axis=1)` of the rank-1 action placeholder feeds a dense
    layer: its kernel's first dimension is the sum of the widths (before: its kernel's shape is not
    known here). Run test: tests/e2e/tf2_runs/concat_dense_input.py."""
    code, findings = migrate(CONCAT_INPUT)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "fc1_kernel = tf.Variable(tf.random.normal([self.n_features + 1, 10]" in code, code


@pytest.mark.parametrize("old, new", [
    ("axis=1, name='sa'", "axis=0, name='sa'"),  # rows stacked: the width is not the sum
    ("tf.cast(self.tf_acts, dtype=tf.float32, name='float_a'), axis=1", "self.tf_acts, axis=1"),  # an int32 input
    ("self.tf_acts, dtype=tf.float32, name='float_a'), axis=1)", "self.tf_obs, dtype=tf.float32), axis=1)"),  # rank 3
])
def test_dense_inputs_computed_otherwise_keep_compat(old, new):
    assert CONCAT_INPUT.count(old) == 1, old
    kept, _ = _kept(CONCAT_INPUT.replace(old, new))
    assert "the input of a v1 dense call in a model class is not a rank-2 float32 placeholder" in kept.message, kept.message


def test_a_program_showing_the_handed_sessions_graph_makes_the_writer_alone():
    """Morvan's AC_CartPole.py: `if OUTPUT_GRAPH: tf.summary.FileWriter("logs/", sess.graph)` after the
    Session handed to the classes: TF 2 code has no graph to show, the writer is made alone (as the
    engine writes a FileWriter's graph argument); the Session goes."""
    source = DENSE_AGENT.replace("""\
        def __init__(self, n_actions, n_features, learning_rate=0.01):
            self.n_actions""", """\
        def __init__(self, sess, n_actions, n_features, learning_rate=0.01):
            self.sess = sess
            self.n_actions""").replace("""\
            self._build_net()
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
""", """\
            self._build_net()
""").replace("""\
    pg = PolicyGradient(2, 4)
""", """\
    OUTPUT_GRAPH = True
    sess = tf.Session()
    pg = PolicyGradient(sess, 2, 4)
    sess.run(tf.global_variables_initializer())
    if OUTPUT_GRAPH:
        tf.summary.FileWriter("logs/", sess.graph)  # shown
""")
    assert source.count("sess.graph") == 1
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "if OUTPUT_GRAPH:\n    tf.summary.create_file_writer(\"logs/\")  # shown\n" in code, code
    assert "sess" not in code.replace("self.sess", ""), code


def test_a_default_dense_kernel_under_pythons_random_seed_is_tf_keras_draw():
    """tf_keras' GlorotUniform (a v1 dense's default kernel) drew its stateless seed from Python's
    `random` where the layer was built: with `random.seed` in the file the kernel is tf2_layers'
    CompatGlorotUniform, written once above the classes and made where the layer was. Run test:
    tests/e2e/tf2_runs/class_dense_agents.py (the same digits)."""
    source = DENSE_AGENT.replace("    import numpy as np\n", "    import random\n\n    import numpy as np\n").replace(
        "np.random.seed(1)\n    tf.set_random_seed(1)\n", "np.random.seed(1)\n    random.seed(1)\n")  # no graph seed (MIG117)
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert code.count("class CompatGlorotUniform(tf.keras.initializers.Initializer):") == 1, code
    assert code.index("import tensorflow as tf") < code.index("class CompatGlorotUniform") < code.index(
        "class PolicyGradient"), code
    assert ("dense_kernel = tf.Variable(CompatGlorotUniform()([10, self.n_actions], dtype=tf.float32), "
            "name='dense/kernel')\n") in code, code
    assert "GlorotUniform()([" not in code.replace("CompatGlorotUniform()([", ""), code


def test_a_dense_layers_trainable_flag_goes_to_both_variables():
    """Morvan's DDPG / PPO builders: `tf.layers.dense(..., trainable=trainable)` made the kernel and the
    bias with that flag (a target network's not trained by minimize with no var_list; the tape does
    not watch a variable made with trainable=False either)."""
    code, findings = migrate(DENSE_AGENT.replace("name='fc1'", "name='fc1', trainable=self.n_actions > 1"))
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert ("fc1_kernel = tf.Variable(tf.random.normal([self.n_features, 10], mean=0, stddev=0.3, dtype=tf.float32, "
            "seed=op_seed()), name='fc1/kernel', trainable=self.n_actions > 1)\n") in code, code
    assert ("fc1_bias = tf.Variable(tf.constant_initializer(0.1)([10], dtype=tf.float32), name='fc1/bias', "
            "trainable=self.n_actions > 1)\n") in code, code


def test_a_class_obstacle_is_named_before_a_dense_call_not_written_out():
    """Morvan's DPPO.py: a dense call the rewrite does not write out (here its input) in a class that
    keeps compat for another reason (a placeholder read outside a run): that reason is named, as the
    engine names what keeps a file compat whatever its layers; the dense call's own initializer (a
    random op of the graph part in a seeded program) is not that reason."""
    source = DENSE_AGENT.replace("inputs=net,", "inputs=tf.concat([net, net], 1),").replace(
        "        def learn(self, obs, acts):", "        def inputs(self):\n            return self.tf_obs\n\n"
        "        def learn(self, obs, acts):")
    kept, _ = _kept(source)
    assert "`self.tf_obs` used outside a Session.run" in kept.message, kept.message
    kept, _ = _kept(DENSE_AGENT.replace("inputs=net,", "inputs=tf.concat([net, net], 1),"))
    assert "the input of a v1 dense call in a model class" in kept.message, kept.message


# A class choosing what its graph builds by `if` on Python values (a constructor argument, a module
# constant), Morvan's DDPG / PPO and the VAEs' shape: variables made in a branch, tensors computed
# in both (tests/e2e/tf2_runs/configured_builders.py runs one)
CONFIGURED = MODEL.replace("""            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
""", """            if hidden:
                # a hidden layer
                self.W = tf.Variable(np.ones((D, hidden), dtype=np.float32))
                Z = tf.matmul(self.X, self.W)
                if MODE == "tanh":
                    Z = tf.nn.tanh(Z)
                elif MODE == "relu":
                    Z = tf.nn.relu(Z)
                M = hidden
            else:
                Z = self.X
                M = D
            self.V = tf.Variable(np.ones((M, K), dtype=np.float32))
            self.predict_op = tf.matmul(Z, self.V)
""").replace("def __init__(self, D, K):", "def __init__(self, D, K, hidden=None):").replace(
    "    class Model:", "    MODE = 'tanh'\n\n\n    class Model:")


def test_an_if_on_python_values_in_init_is_decided_once_and_written_in_the_setup_and_functions():
    code, findings = migrate(CONFIGURED)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    init = next(n for n in ast.parse(code).body if isinstance(n, ast.ClassDef) and n.name == "Model").body[0]
    setup = "\n".join(ast.unparse(s) for s in init.body if not isinstance(s, ast.FunctionDef))
    # the test read once where the `if` was (as TF 1.x built one branch); the elif's only where the branch ran
    assert "branch_1 = hidden\nif branch_1:\n" in setup and "\n    branch_2 = MODE == 'tanh'\n" in setup, setup
    assert "    if not branch_2:\n        branch_3 = MODE == 'relu'" in setup, setup
    # the setup: the branch's variable and Python values made once, under the same test
    assert "if branch_1:\n    self.W = tf.Variable(np.ones((D, hidden), dtype=np.float32))" in setup, setup
    assert "else:\n    M = D" in setup and "tf.matmul" not in setup, setup
    # the functions: the branch's tensors computed under it, at each call
    steps = {f.name: ast.unparse(f) for f in init.body if isinstance(f, ast.FunctionDef)}
    assert set(steps) == {"train_step", "compute_predict_op"}, steps
    for step in steps.values():
        assert "if branch_1:\n" in step and "Z = tf.matmul(X, self.W)" in step and "else:\n" in step, step
        assert "if branch_2:\n" in step and "Z = tf.math.tanh(Z)" in step and "elif branch_3:\n" in step, step
        assert "Z = tf.nn.relu(Z)" in step, step
    assert "predict_op = tf.matmul(Z, self.V)" in steps["compute_predict_op"]  # the cost reads Z alone
    assert "# a hidden layer" in code
    again, _ = migrate(code)
    assert again == code


def test_a_method_building_graph_called_once_from_init_is_inlined():
    """examples/VAE/vae.ipynb: `__init__` makes the placeholder, then `self._create_network()` builds
    the rest: the method's statements take the call's place (the same code, in the same order) and the
    method goes."""
    source = MODEL.replace("""            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
            self.cost = tf.reduce_sum(tf.square(self.Y - Z))
            self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)
""", """            # the network
            self._create_network()
            self._create_loss()

        def _create_network(self):
            \"\"\"The layers.\"\"\"
            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z

        def _create_loss(self):
            self.cost = tf.reduce_sum(tf.square(self.Y - self.predict_op))
            self.train_op = tf.train.AdamOptimizer(1e-2).minimize(self.cost)
""")
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    model = next(n for n in ast.parse(code).body if isinstance(n, ast.ClassDef) and n.name == "Model")
    assert [f.name for f in model.body if isinstance(f, ast.FunctionDef)] == ["__init__", "fit", "predict"]
    init = model.body[0]
    assert [f.name for f in init.body if isinstance(f, ast.FunctionDef)] == ["train_step", "compute_predict_op"]
    assert "self._create" not in code and "# the network" in code, code
    train = ast.unparse(next(f for f in init.body if isinstance(f, ast.FunctionDef)))
    assert "for layer in self.layers:" in train and "cost = tf.reduce_sum(tf.square(Y - predict_op))" in train, train


@pytest.mark.parametrize("old, new, reason", [
    # a test of a tensor: TF 1.x could not branch on it when building either
    ("            if hidden:\n", "            if self.X is not None:\n",
     "an `if` of the graph part of `__init__` whose test reads `self.X`, a tensor of the graph"),
    # a training op made in a branch
    ("                M = hidden\n", ("                M = hidden\n                self.extra = tf.train.AdamOptimizer(1e-2).minimize("
                                      "tf.reduce_sum(Z))\n"), "a training op built in an `if` of the graph part"),
    # a branch on the header's line (its lines are not the statement's alone)
    ("            else:\n                Z = self.X\n                M = D\n", "            else: Z, M = self.X, D\n",
     "an `if` of the graph part of `__init__` with a branch written on its header's line"),
    # a statement other than an assignment, a loop or an `if` in a branch
    ("                M = hidden\n", "                M = hidden\n                tf.add_to_collection('z', Z)\n",
     "a statement of an `if` of the graph part of `__init__` other than an assignment"),
])
def test_ifs_of_the_graph_part_of_other_shapes_keep_compat(old, new, reason):
    assert CONFIGURED.count(old) == 1, old
    kept, _ = _kept(CONFIGURED.replace(old, new))
    assert reason in kept.message, kept.message


@pytest.mark.parametrize("old, new, reason", [
    ("            self._create_network()\n", "            self._create_network()\n            self._create_network()\n",
     "`_create_network` is called or read elsewhere too"),
    # (a literal default is bound where the call is written: `_inline_build_calls`)
    ("        def _create_network(self):\n", "        def _create_network(self, scale=len('ab')):\n",
     "`_create_network` takes arguments other than self"),
    ("            self.predict_op = Z\n", "            self.predict_op = Z\n            return Z\n",
     "`_create_network` returns, yields or declares global names"),
    ("            Z = self.X\n", "            Z = self.X * D\n", "`D` is a name of both"),
])
def test_build_methods_of_other_shapes_keep_compat(old, new, reason):
    source = MODEL.replace("""            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
""", """            self._create_network()

        def _create_network(self):
            Z = self.X
            for layer in self.layers:
                Z = layer.forward(Z)
            self.predict_op = Z
""").replace("tf.square(self.Y - Z)", "tf.square(self.Y - self.predict_op)")
    assert source.count(old) == 1, old
    kept, _ = _kept(source.replace(old, new))
    assert reason in kept.message, kept.message


def test_a_summary_op_made_in_init_is_named():
    """yukezhu's rl/neural_q_learner.py: `tf.summary.histogram("action_scores", self.action_scores)` among
    the graph statements of the class (merged and run later): the reason names the summary."""
    kept, code = _kept(MODEL.replace("            self.predict_op = Z\n",
                                     "            self.predict_op = Z\n            tf.summary.histogram('z', Z)\n"))
    assert "a v1 summary op made in the graph part of `__init__`" in kept.message, kept.message
    assert "tf.compat.v1.summary.histogram('z', Z)" in code.splitlines()[kept.line - 1]


@pytest.mark.parametrize("old, new, reason", [
    # Morvan's DDPG shape: `if self.replacement['name'] == 'hard':` choosing the target copy after the
    # graph method, in `__init__` (its statements join the method's end only as plain statements)
    ("            self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]\n",
     ("            if self.n_actions > 1:\n                self.replace_target_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]\n"
      "            else:\n                self.replace_target_op = [tf.assign(t, 0.5 * e) for t, e in zip(t_params, e_params)]\n"),
     "an `if` building graph in `__init__` after `self._build_net()`"),
    # the Session made in a branch of an `if` the conversion splits
    ("                self.q_next = tf.matmul(self.s_, w1) + b1\n",
     ("                if self.n_actions:\n                    self.q_next = tf.matmul(self.s_, w1) + b1\n"
      "                    self.sess = tf.Session()\n"),
     "`self.sess` made or used in an `if` of the graph part of `__init__`"),
])
def test_ifs_in_a_build_methods_class_of_other_shapes_keep_compat(old, new, reason):
    assert COLLECTED.count(old) == 1, old
    kept, _ = _kept(COLLECTED.replace(old, new))
    assert reason in kept.message, kept.message


def test_a_value_an_if_of_init_read_may_change_afterwards():
    """The test is read once, where the `if` was (`branch_1 = self.hidden`), as TF 1.x read it building
    the graph: a method changing `self.hidden` later changes neither graph (the functions read branch_1)."""
    source = CONFIGURED.replace("            if hidden:\n", "            self.hidden = hidden\n            if self.hidden:\n").replace(
        "        def predict(self, X):\n", "        def forget(self):\n            self.hidden = None\n\n        def predict(self, X):\n")
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "branch_1 = self.hidden\n" in code and code.count("if branch_1:") == 3, code


BUILD_ARGUMENTS = """\
    import numpy as np
    import tensorflow as tf


    class Critic:
        def __init__(self, sess, D):
            self.sess = sess
            self.S = tf.placeholder(tf.float32, [None, D], 's')
            self.S_ = tf.placeholder(tf.float32, [None, D], 's_')
            self.R = tf.placeholder(tf.float32, [None, 1], 'r')
            q = self._build_c(self.S, scope='eval', trainable=True)
            q_ = self._build_c(self.S_, 'target', trainable=False)
            self.q = q
            self.loss = self._build_loss(q, q_)

        def _build_c(self, s, scope, trainable, n_l1=3):
            with tf.variable_scope(scope):
                # the layer
                w = tf.Variable(np.ones((2, n_l1), dtype=np.float32), trainable=trainable)
                net = tf.nn.relu(tf.matmul(s, w))
                return tf.reduce_sum(net, axis=1, keepdims=True)

        def _build_loss(self, q, q_):
            loss = tf.reduce_mean(tf.square(self.R + 0.9 * q_ - q))
            self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
            return loss

        def learn(self, s, r, s_):
            return self.sess.run([self.loss, self.train_op], {self.S: s, self.R: r, self.S_: s_})[0]


    sess = tf.Session()
    critic = Critic(sess, 2)
    sess.run(tf.global_variables_initializer())
    print(critic.learn(np.ones((4, 2)), np.zeros((4, 1)), np.ones((4, 2))))
    """


def test_build_methods_with_arguments_and_a_value_returned_are_written_in_each_calls_place():
    """MorvanZhou's DDPG `q = self._build_c(self.S, self.a, scope='eval', trainable=True)`: each call
    of a method making variables, with arguments or a value returned, is its statements in the
    call's place (the arguments bound to the parameters in Python's order, a default where left
    out, `return value` bound to the call's targets); the second call's names renamed; the
    methods go (before: `_build_c` makes variables when the graph calls it)."""
    code, findings = migrate(BUILD_ARGUMENTS)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert remaining(code) is None and "_build_c" not in code and "_build_loss" not in code, code
    critic = next(n for n in ast.parse(code).body if isinstance(n, ast.ClassDef))
    assert [f.name for f in critic.body if isinstance(f, ast.FunctionDef)] == ["__init__", "learn"]
    init = "\n".join(line.strip() for line in code.splitlines())
    # the first call's parameters bound as its arguments, the default where left out, in the call's order
    assert "\nscope = 'eval'\ntrainable = True\nn_l1 = 3\n" \
           "w = tf.Variable(np.ones((2, n_l1), dtype=np.float32), trainable=trainable)\n" in init, code
    # the second call's locals renamed (`scope` and `w` are the first call's names now)
    assert "\nscope_2 = 'target'\ntrainable_2 = False\nn_l1_2 = 3\n" in init, code
    assert "w_2 = tf.Variable(np.ones((2, n_l1_2), dtype=np.float32), trainable=trainable_2)\n" in init, code
    # the returned values computed in the step, bound to the call's targets
    assert "q = tf.reduce_sum(net, axis=1, keepdims=True)" in init and \
           "q_ = tf.reduce_sum(net_2, axis=1, keepdims=True)" in init, code
    assert "optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)" in code
    assert "\nq_2 = q\nq__2 = q_\nloss = tf.reduce_mean(tf.square(R + 0.9 * q__2 - q_2))\n" in init, code


def test_a_build_method_inlined_from_a_method_init_calls():
    """The graph built by `self._build_net()` (a method `__init__` calls once) whose statements
    call a build method with arguments: that call is written in its place too."""
    source = BUILD_ARGUMENTS.replace("""            self.R = tf.placeholder(tf.float32, [None, 1], 'r')
            q = self""", """            self.R = tf.placeholder(tf.float32, [None, 1], 'r')
            self._build_net()

        def _build_net(self):
            q = self""")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "_build_c" not in code and "def _build_net(self):" not in code, code


@pytest.mark.parametrize("old, new", [
    # the method read otherwise than called as a statement
    ("            self.q = q\n", "            self.q = q\n            self.builder = self._build_c\n"),
    # a return before its last statement
    ("                net = tf.nn.relu(tf.matmul(s, w))\n",
     "                net = tf.nn.relu(tf.matmul(s, w))\n                if n_l1 > 5:\n                    return net\n"),
    # a default that is not a literal or a module's name (evaluated where the method was defined)
    ("trainable, n_l1=3):", "trainable, n_l1=len('abc')):"),
    # arguments that do not bind: *args
    ("q_ = self._build_c(self.S_, 'target', trainable=False)", "q_ = self._build_c(*[self.S_, 'target', False])"),
])
def test_build_methods_with_arguments_of_other_shapes_keep_compat(old, new):
    assert BUILD_ARGUMENTS.count(old) == 1, old
    kept, _ = _kept(BUILD_ARGUMENTS.replace(old, new))
    assert "`_build_c` (of `Critic`) makes variables when the graph calls it" in kept.message, kept.message


def test_a_later_obstacle_in_an_inlined_method_is_reported_on_the_users_lines():
    """A construct the class conversion refuses inside an inlined method: the finding's line is one
    of the user's file (the call's), its construct named."""
    source = BUILD_ARGUMENTS.replace("                return tf.reduce_sum(",
                                     "                tf.summary.histogram('net', net)\n                return tf.reduce_sum(")
    kept, code = _kept(source)
    assert "a v1 summary op made in the graph part" in kept.message, kept.message
    assert code.splitlines()[kept.line - 1].strip().startswith(("q = self._build_c(", "tf.compat.v1.summary.histogram")), kept


def test_a_build_method_returning_its_placeholders_binds_them_to_the_targets_where_made():
    """Curiosity's `self.tfs, self.tfa, ... = self._build_nets()` returning the placeholders it made:
    each returned local is the call's target where it is bound (`self.tfs = tf.placeholder(...)`),
    the return goes, and the class converts (before: `_build_nets` makes variables when the graph
    calls it)."""
    source = BUILD_ARGUMENTS.replace("""            self.S = tf.placeholder(tf.float32, [None, D], 's')
            self.S_ = tf.placeholder(tf.float32, [None, D], 's_')
            self.R = tf.placeholder(tf.float32, [None, 1], 'r')
""", """            self.S, self.S_, \\
                self.R = self._build_inputs(D)
""").replace("""        def _build_c(""", """        def _build_inputs(self, D):
            s = tf.placeholder(tf.float32, [None, D], 's')
            s_ = tf.placeholder(tf.float32, [None, D], 's_')
            r = tf.placeholder(tf.float32, [None, 1], 'r')
            return s, s_, r

        def _build_c(""")
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "_build_inputs" not in code and "placeholder" not in code, code
    assert "def train_step(S, S_, R):" in code, code


GATHERED_Q = """\
    import numpy as np
    import tensorflow as tf


    class DeepQNetwork:
        def __init__(self, n_features, n_actions):
            self.s = tf.placeholder(tf.float32, [None, n_features])
            self.a = tf.placeholder(tf.int32, [None])
            self.r = tf.placeholder(tf.float32, [None])
            self.w = tf.Variable(np.ones((n_features, n_actions), dtype=np.float32))
            self.q_eval = tf.matmul(self.s, self.w) + 0.1
            a_indices = tf.stack([tf.range(tf.shape(self.a)[0], dtype=tf.int32), self.a], axis=1)
            q_wrt_a = tf.gather_nd(params=self.q_eval, indices=a_indices)
            self.loss = tf.reduce_mean(tf.squared_difference(self.r, q_wrt_a))
            self._train_op = tf.train.RMSPropOptimizer(0.01).minimize(self.loss)
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

        def learn(self, s, a, r):
            return self.sess.run([self._train_op, self.loss], {self.s: s, self.a: a, self.r: r})[1]


    dqn = DeepQNetwork(2, 3)
    print(dqn.learn(np.ones((4, 2)), np.array([0, 1, 2, 1]), np.zeros(4)))
    """


def test_rmsprop_on_a_gather_of_a_computed_tensor_converts():
    """MorvanZhou's DQN_modified / Curiosity `tf.gather_nd(params=self.q_eval, ...)` of the network's
    output: the variables' gradients are dense (the gather's sparse gradient is the computed
    tensor's), so v1's dense RMSProp rule is the one TF 1.x applied (before: RMSPropOptimizer on a
    program that gathers rows kept the file compat)."""
    code, findings = migrate(GATHERED_Q)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "V1RMSProp" in code and "tf.gather_nd(params=q_eval" in code, code


@pytest.mark.parametrize("old, new", [
    ("params=self.q_eval", "params=self.w"),  # rows of a variable: its gradient is sparse
    ("params=self.q_eval", "self.q_eval"),  # a params not known (by position: the engine's rule reads names)
])
def test_rmsprop_on_a_gather_of_what_may_be_a_variable_runs_v1s_sparse_kernel(old, new):
    # before: kept compat; the step's rule runs v1's sparse kernel on a gradient of gathered rows
    # (a dense gradient takes the dense rule; measured: sparse_rmsprop_class.py)
    source = GATHERED_Q.replace(old, new)
    if new == "self.q_eval":
        source = source.replace("tf.gather_nd(self.q_eval, indices=a_indices)", "tf.gather_nd(self.q_alias, indices=a_indices)")
        source = source.replace("            a_indices = ", "            self.q_alias = self.q_eval\n            a_indices = ")
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "tf.raw_ops.ResourceSparseApplyRMSProp(" in code, code


SCOPED_DQN = """\
    import numpy as np
    import tensorflow as tf

    tf.set_random_seed(1)


    class DQN:
        def __init__(self, n_actions, n_features):
            self.n_actions, self.n_features = n_actions, n_features
            self._build_net()
            t_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='target_net')
            e_params = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, 'eval_net')
            self.replace_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

        def _build_net(self):
            self.s = tf.placeholder(tf.float32, [None, self.n_features], name='s')
            self.s_ = tf.placeholder(tf.float32, [None, self.n_features], name='s_')
            self.q_target = tf.placeholder(tf.float32, [None, self.n_actions], name='q_target')
            w_init = tf.random_normal_initializer(0., 0.3)
            with tf.variable_scope('eval_net'):
                e1 = tf.layers.dense(self.s, 8, tf.nn.relu, kernel_initializer=w_init, name='e1')
                self.q_eval = tf.layers.dense(e1, self.n_actions, kernel_initializer=w_init)
            with tf.variable_scope('target_net'):
                t1 = tf.layers.dense(self.s_, 8, tf.nn.relu, kernel_initializer=w_init)
                self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init)
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
            with tf.variable_scope('train'):
                self._train_op = tf.train.RMSPropOptimizer(0.01).minimize(self.loss)

        def learn(self, s, s_, q):
            self.sess.run(self.replace_op)
            self.sess.run(self.q_next, feed_dict={self.s_: s_})
            return self.sess.run([self._train_op, self.loss], feed_dict={self.s: s, self.q_target: q})[1]


    if __name__ == '__main__':
        dqn = DQN(2, 3)
        print(dqn.learn(np.ones((4, 3)), np.ones((4, 3)), np.zeros((4, 2))))
    """


def test_variables_read_back_by_scope_in_a_class_are_the_list_tf1_returned():
    """Morvan's DQN_modified / DPPO / DDPG_update: `get_collection(GLOBAL_VARIABLES, scope='target_net')`
    (scope by keyword or position) is the list of the variables made before it whose TF 1.x names the
    scope matches, in creation order: v1 layers' variables under the variable scopes' path, unnamed layers
    named `dense`, `dense_1` within each scope (not counted across scopes); RMSProp's slots under
    `train/` are outside both scopes. Run test: tests/e2e/tf2_runs/scoped_target_net.py."""
    code, findings = migrate(SCOPED_DQN)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "get_collection" not in code and "compat.v1" not in code, code
    assert "t_params = [dense_2_kernel, dense_2_bias, dense_1_kernel, dense_1_bias]\n" in code, code
    assert "e_params = [e1_kernel, e1_bias, dense_kernel, dense_bias]\n" in code, code
    assert "name='dense/kernel')" in code.split("t1 = ")[0].split("dense_2_kernel = ")[1], code  # target_net/dense


def test_trainable_variables_of_a_scope_and_a_name_filter_in_a_class():
    """`tf.trainable_variables(scope=)` and the GANs' `[var for var in t_vars if 'd_' in var.name]` /
    `var.name.startswith(...)` over `tf.trainable_variables()`: the variables kept, written out; a
    non-trainable variable (`trainable=False`) left out. Run test: tests/e2e/tf2_runs/gan_name_filter.py."""
    source = SCOPED_DQN.replace("""\
            with tf.variable_scope('train'):
                self._train_op = tf.train.RMSPropOptimizer(0.01).minimize(self.loss)
""", """\
            t_vars = tf.trainable_variables()
            kept = [var for var in t_vars if 'e1' in var.name or var.name.startswith('target_net/dense_1')]
            heads = tf.trainable_variables(scope='eval_net/dense')
            with tf.variable_scope('train'):
                self._train_op = tf.train.RMSPropOptimizer(0.01).minimize(self.loss, var_list=kept + heads)
""").replace("""\
                self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init)
""", """\
                self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init)
                self.q_frozen = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init, trainable=False)
""")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "kept = [e1_kernel, e1_bias, dense_1_kernel, dense_1_bias]\n" in code, code
    assert "heads = [dense_kernel, dense_bias]\n" in code, code
    assert ("t_vars = [e1_kernel, e1_bias, dense_kernel, dense_bias, dense_2_kernel, dense_2_bias, dense_1_kernel, "
            "dense_1_bias]\n") in code, code  # not the frozen layer's


@pytest.mark.parametrize("old, new, reason", [
    # RMSProp's slots named eval_net/e1/kernel/RMSProp (a name scope, not a variable scope, around the minimize)
    ("            with tf.variable_scope('train'):\n                self._train_op = tf.train.RMSPropOptimizer(0.01)",
     "            with tf.name_scope('train'):\n                self._train_op = tf.train.RMSPropOptimizer(0.01)",
     "may hold the slot variables `RMSPropOptimizer` made before it"),
    ("scope='target_net')", "scope=self.target_scope)",
     "under a scope that is not a string the file fixes"),
    ("        dqn = DQN(2, 3)\n", "        dqn = DQN(2, 3)\n        other = DQN(2, 3)\n",
     "converted when the file makes `DQN` once"),
    ("            self.q_target = tf.placeholder(", ("            self.steps = tf.Variable(0, name='tar')\n"
                                                "            self.q_target = tf.placeholder("), "whether the scope 'target_net' matches the variable `self.steps`"),
])
def test_variables_read_by_scope_where_the_list_is_not_known_keep_compat(old, new, reason):
    assert SCOPED_DQN.count(old) == 1, old
    kept, _ = _kept(SCOPED_DQN.replace(old, new))
    assert reason in kept.message, kept.message


def test_a_global_scope_read_holding_slots_zipped_with_a_shorter_list_is_its_variables():
    """Morvan's Random_Network_Distillation: `e_params = get_collection(GLOBAL_VARIABLES, scope='eval_net')`
    after the RMSProp minimize of those variables held their slots too (`eval_net/e1/kernel/RMSProp`,
    after the variables, as made); read only in `zip(t_params, e_params)` with the target network's four
    variables, zip stopped before them: the list is the four variables. Read otherwise (a slice), compat."""
    source = SCOPED_DQN.replace(
        "            with tf.variable_scope('train'):\n                self._train_op = tf.train.RMSPropOptimizer(0.01)",
        "            with tf.name_scope('train'):\n                self._train_op = tf.train.RMSPropOptimizer(0.01)").replace(
        "kernel_initializer=w_init)\n                self.q_next", "kernel_initializer=w_init, trainable=False)\n"
        "                self.q_next").replace(
        "self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init)",
        "self.q_next = tf.layers.dense(t1, self.n_actions, kernel_initializer=w_init, trainable=False)")
    assert source.count("trainable=False") == 2, source
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "e_params = [e1_kernel, e1_bias, dense_kernel, dense_bias]\n" in code, code
    read = source.replace("zip(t_params, e_params)", "zip(t_params, e_params[:4])")
    kept, _ = _kept(read)
    assert "may hold the slot variables `RMSPropOptimizer`" in kept.message, kept.message


XAVIER_SEEDED = """\
    import numpy as np
    import tensorflow as tf


    class Net:
        def __init__(self, n_x):
            self.X = tf.placeholder(tf.float32, shape=(n_x, None))
            W1 = tf.get_variable("W1", [3, n_x], initializer=tf.contrib.layers.xavier_initializer(seed=1))
            W2 = tf.get_variable("W2", [1, 3], initializer=tf.contrib.layers.xavier_initializer(seed=1))
            self.out = tf.matmul(W2, tf.nn.relu(tf.matmul(W1, self.X)))
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

        def predict(self, x):
            return self.sess.run(self.out, feed_dict={self.X: x})


    print(Net(2).predict(np.ones((2, 1))))
    """


def test_seeded_xavier_initializers_in_a_class_call_the_initial_value_helper_written_above_it():
    """sudharsan13296's Lunar Lander PolicyGradient: two get_variables of `xavier_initializer(seed=1)`
    in `__init__`, the Session kept in `self.sess`. TF 1.x gave each op of seed 1 its own generator;
    each value is drawn in a tf.function of its own by the engine's `initial_value` helper, which
    the class conversion writes above the class (it called it undefined: NameError when run)."""
    code, findings = migrate(XAVIER_SEEDED)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "W2 = tf.Variable(initial_value(lambda: tf.random.uniform([1, 3], " in code, code
    assert code.count("def initial_value(make):") == 1, code
    assert code.index("def initial_value(make):") < code.index("class Net:"), code


def test_an_initializer_with_its_own_seed_in_a_class_under_a_graph_seed_names_the_graph_seed():
    """The same class under `tf.set_random_seed`: the graph's op-seed count the conversion writes is
    for ops without a seed; the reason names the graph seed, what TF 1.x drew, and both ways out."""
    source = XAVIER_SEEDED.replace("    import tensorflow as tf\n", "    import tensorflow as tf\n    tf.set_random_seed(3)\n")
    assert source != XAVIER_SEEDED
    kept, _ = _kept(source)
    assert "own op seed (`seed=1`) in a model class of a program setting a graph seed (`set_random_seed`): " \
           "TF 1.x drew it from the pair (graph seed, 1)" in kept.message, kept.message
    assert "drop `seed=` from the initializer" in kept.message and "or the graph seed" in kept.message, kept.message
    assert (kept.line, kept.col) == (12, 14), kept  # W1 in the compat output
    code, findings = migrate(source.replace("(seed=1)", "()"))
    assert only(findings, "MIG601") and "seed=op_seed()" in code, findings


# hwalsuklee's GAN classes: both train ops made under control_dependencies(UPDATE_OPS), a minimize continued
UPDATE_OPS_GAN = """\
    import numpy as np
    import tensorflow as tf


    class GAN(object):
        def __init__(self, sess, z_dim):
            self.sess = sess
            self.z_dim = z_dim
            self.build_model()

        def build_model(self):
            self.inputs = tf.placeholder(tf.float32, [None, 3], name='real_images')
            self.z = tf.placeholder(tf.float32, [None, self.z_dim], name='z')
            with tf.variable_scope("generator"):
                self.G_W = tf.Variable(np.full((self.z_dim, 3), 0.1, np.float32), name='g_w')
            with tf.variable_scope("discriminator"):
                self.D_W = tf.Variable(np.full((3, 1), 0.2, np.float32), name='d_w')
            G = tf.nn.sigmoid(tf.matmul(self.z, self.G_W))
            D_real_logits = tf.matmul(self.inputs, self.D_W)
            D_fake_logits = tf.matmul(G, self.D_W)
            self.d_loss = tf.reduce_mean(D_fake_logits - D_real_logits)
            self.g_loss = -tf.reduce_mean(D_fake_logits)

            # optimizers
            with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
                self.d_optim = tf.train.AdamOptimizer(0.01, beta1=0.5) \\
                          .minimize(self.d_loss, var_list=[self.D_W])
                self.g_optim = tf.train.AdamOptimizer(0.01 * 5, beta1=0.5) \\
                          .minimize(self.g_loss, var_list=[self.G_W])

        def train(self, batch_images, batch_z):
            _, d_loss = self.sess.run([self.d_optim, self.d_loss], feed_dict={self.inputs: batch_images, self.z: batch_z})
            _, g_loss = self.sess.run([self.g_optim, self.g_loss], feed_dict={self.z: batch_z})
            return d_loss, g_loss


    with tf.Session() as sess:
        gan = GAN(sess, z_dim=2)
        tf.global_variables_initializer().run()
        print(gan.train(np.ones((4, 3)), np.ones((4, 2))))
    """
UPDATE_OPS_BLOCK = """\
            with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
                self.d_optim = tf.train.AdamOptimizer(0.01, beta1=0.5) \\
                          .minimize(self.d_loss, var_list=[self.D_W])
                self.g_optim = tf.train.AdamOptimizer(0.01 * 5, beta1=0.5) \\
                          .minimize(self.g_loss, var_list=[self.G_W])
"""
WITHOUT_BLOCK = """\
            self.d_optim = tf.train.AdamOptimizer(0.01, beta1=0.5) \\
                      .minimize(self.d_loss, var_list=[self.D_W])
            self.g_optim = tf.train.AdamOptimizer(0.01 * 5, beta1=0.5) \\
                      .minimize(self.g_loss, var_list=[self.G_W])
"""


@pytest.mark.parametrize("block", [
    UPDATE_OPS_BLOCK,
    # MorvanZhou's two steps: the collection read into a name the block alone reads (that statement goes), and
    # the optimizer made in the block
    UPDATE_OPS_BLOCK.replace(
        "            with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):\n",
        "            update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)\n"
        "            with tf.control_dependencies(update_ops):\n"
        "                d_optimizer = tf.train.AdamOptimizer(0.01, beta1=0.5)\n").replace(
        "tf.train.AdamOptimizer(0.01, beta1=0.5) \\\n                          .minimize", "d_optimizer.minimize"),
])
def test_update_ops_block_around_train_ops_with_nothing_collected_is_opened(block):
    """With no batch normalization adding update ops, v1 read an empty UPDATE_OPS list there: the train ops
    depended on nothing, and the class converts as if the block were not there (the same output)."""
    source = UPDATE_OPS_GAN.replace(UPDATE_OPS_BLOCK, block)
    assert block in source
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    plain, _ = migrate(UPDATE_OPS_GAN.replace(UPDATE_OPS_BLOCK, WITHOUT_BLOCK))
    assert code == plain
    assert "control_dependencies" not in code and "update_ops" not in code and remaining(code) is None


@pytest.mark.parametrize("old, new, reason", [
    # a v1 batch normalization with `training`: its update ops were in the collection, run with the train ops
    ("G = tf.nn.sigmoid(tf.matmul(self.z, self.G_W))",
     "G = tf.nn.sigmoid(tf.layers.batch_normalization(tf.matmul(self.z, self.G_W), training=True))",
     "`with control_dependencies(UPDATE_OPS)` where `tf.compat.v1.layers.batch_normalization("),
    # slim's batch_norm (written into the module by the compat pass) with its default updates_collections
    ("G = tf.nn.sigmoid(tf.matmul(self.z, self.G_W))",
     "G = tf.nn.sigmoid(tf.contrib.layers.batch_norm(tf.matmul(self.z, self.G_W), is_training=True))",
     "`with control_dependencies(UPDATE_OPS)` where `slim_batch_norm("),
    # with updates_collections=None (hwalsuklee's ops.py) it updates in place: the block is no obstacle, the
    # written batch_norm is
    ("G = tf.nn.sigmoid(tf.matmul(self.z, self.G_W))",
     ("G = tf.nn.sigmoid(tf.contrib.layers.batch_norm(tf.matmul(self.z, self.G_W), is_training=True, "
      "updates_collections=None))"), "TF 1.x's tf.contrib.layers.batch_norm, written into this module"),
    ("            # optimizers\n", "            tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, tf.no_op())\n",
     "puts update ops in that collection, which TF 1.x ran with the train ops"),
    ("                self.g_optim", "                print(self.d_optim)\n                self.g_optim",
     "a statement under control_dependencies(UPDATE_OPS) other than a training op"),
])
def test_update_ops_block_with_update_ops_collected_keeps_compat(old, new, reason):
    source = UPDATE_OPS_GAN.replace(old, new, 1)
    assert source != UPDATE_OPS_GAN
    kept, _ = _kept(source)
    assert reason in kept.message, kept.message


def test_a_train_op_named_train_beside_tensorflows_train_module():
    """MorvanZhou's `self.train = tf.train.AdamOptimizer(LR).minimize(self.loss)` in one class and
    `tf.train.AdamOptimizer` in another: `tf.compat.v1.train` outside the first class is TensorFlow's module,
    not a read of the object's `.train`."""
    regressor = '''\

    class Regressor(object):
        def __init__(self, sess):
            self.sess = sess
            self.x = tf.placeholder(tf.float32, [None, 1])
            w = tf.Variable(np.ones((1, 1), np.float32))
            self.loss = tf.reduce_mean(tf.square(tf.matmul(self.x, w) - 1.0))
            self.train = tf.train.AdamOptimizer(0.1).minimize(self.loss)

        def fit(self, x):
            return self.sess.run([self.train, self.loss], {self.x: x})[1]

'''
    source = UPDATE_OPS_GAN.replace("\n\n    with tf.Session() as sess:", "\n" + regressor + "\n    with tf.Session() as sess:")
    source = source.replace("        print(gan.train(", "        print(Regressor(sess).fit(np.ones((2, 1))))\n        print(gan.train_step(")
    source = source.replace("def train(self, batch_images", "def train_step(self, batch_images")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "self.train = " not in code and remaining(code) is None


def test_a_graph_seeded_conv_kernel_in_a_class_names_the_layer():
    """hunkim's lab-11-4 `Model`: under the graph seed the compat pass gives each v1 layer TF 1.x's default
    kernel initializer (MIG117); a layer other than dense in a class is named, not the initializer."""
    code, findings = migrate(DENSE_AGENT.replace(
        "            all_act = tf.layers.dense(layer, self.n_actions, use_bias=False)\n",
        "            all_act = tf.layers.conv1d(layer, self.n_actions, 1)\n"))
    kept = only(findings, "MIG602")
    assert len(kept) == 1 and "`tf.compat.v1.layers.conv1d` in a model class, its kernel drawn with the graph's seed" \
        in kept[0].message, findings
    assert "kernel_initializer=tf.compat.v1.glorot_uniform_initializer()" in code


# hunkim's lab-11-3 class: dropout of a fed keep probability reached by the training run and an evaluation run
DROPOUT_TWO_RUNS = """\
    import numpy as np
    import tensorflow as tf
    tf.set_random_seed(777)


    class Model:
        def __init__(self, sess, name):
            self.sess = sess
            self.name = name
            self._build_net()

        def _build_net(self):
            with tf.variable_scope(self.name):
                self.keep_prob = tf.placeholder(tf.float32)
                self.X = tf.placeholder(tf.float32, [None, 4])
                self.Y = tf.placeholder(tf.float32, [None, 2])
                W1 = tf.Variable(tf.random_normal([4, 3]))
                L1 = tf.nn.relu(tf.matmul(self.X, W1))
                L1 = tf.nn.dropout(L1, keep_prob=self.keep_prob)
                W2 = tf.Variable(tf.random_normal([3, 2]))
                self.logits = tf.matmul(L1, W2)
            self.cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=self.logits, labels=self.Y))
            self.optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(self.cost)

        def predict(self, x_test, keep_prop=1.0):
            return self.sess.run(self.logits, feed_dict={self.X: x_test, self.keep_prob: keep_prop})

        def train(self, x_data, y_data, keep_prop=0.7):
            return self.sess.run([self.cost, self.optimizer], feed_dict={
                self.X: x_data, self.Y: y_data, self.keep_prob: keep_prop})


    sess = tf.Session()
    m1 = Model(sess, "m1")
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        c, _ = m1.train(np.ones([5, 4]), np.eye(2)[[0, 1, 0, 1, 1]])
        print(c, m1.predict(np.ones([2, 4])))
"""


def test_seeded_dropout_reached_by_two_runs_of_a_class_runs_them_eagerly():
    """One dropout op in TF 1.x drew on from run to run across the training run and the prediction:
    both functions are written without tf.function (eager ops of one seed share one kernel), each fed
    value cast to its placeholder's dtype as the input_signature did; the seed counted where it was built."""
    code, findings = migrate(DROPOUT_TWO_RUNS)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "@tf.function" not in code, code
    for text in ("        seed_1 = op_seed()\n",
                 "        # eager, not a tf.function: its random ops draw on from the generators the other runs draw from,\n",
                 ("        def compute_logits(keep_prob, X):\n            keep_prob = tf.cast(keep_prob, tf.float32)\n"
                  "            X = tf.cast(X, tf.float32)\n"),
                 "        def train_step(keep_prob, X, Y):\n", "tf.nn.dropout(L1, rate=1 - keep_prob, seed=seed_1)"):
        assert text in code, code



# hunkim's lab-11-4 class: v1 conv2d / max_pooling2d / dropout (switched by a bool placeholder) / dense layers
CONV_LAYERS_CLASS = """\
    import numpy as np
    import tensorflow as tf
    tf.set_random_seed(777)


    class Model:
        def __init__(self, sess, name):
            self.sess = sess
            self.name = name
            self._build_net()

        def _build_net(self):
            with tf.variable_scope(self.name):
                self.training = tf.placeholder(tf.bool)
                self.X = tf.placeholder(tf.float32, [None, 16])
                X_img = tf.reshape(self.X, [-1, 4, 4, 1])
                self.Y = tf.placeholder(tf.float32, [None, 2])
                conv1 = tf.layers.conv2d(inputs=X_img, filters=3, kernel_size=[3, 3], padding="same",
                                         activation=tf.nn.relu)
                pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], padding="SAME", strides=2)
                dropout1 = tf.layers.dropout(inputs=pool1, rate=0.3, training=self.training)
                flat = tf.reshape(dropout1, [-1, 3 * 2 * 2])
                self.logits = tf.layers.dense(inputs=flat, units=2)
            self.cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=self.logits, labels=self.Y))
            self.optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(self.cost)

        def predict(self, x_test, training=False):
            return self.sess.run(self.logits, feed_dict={self.X: x_test, self.training: training})

        def train(self, x_data, y_data, training=True):
            return self.sess.run([self.cost, self.optimizer], feed_dict={
                self.X: x_data, self.Y: y_data, self.training: training})


    sess = tf.Session()
    m1 = Model(sess, "m1")
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        c, _ = m1.train(np.ones([5, 16]), np.eye(2)[[0, 1, 0, 1, 1]])
        print(c, m1.predict(np.ones([2, 16])))
"""


def test_v1_conv_pool_dropout_layers_in_a_seeded_class_are_their_variables_and_ops():
    """Each v1 layer is what it built: conv2d a get_variable kernel of the input's channels (the
    reshape's written last dimension) drawn by v1's glorot_uniform with the counted op seed, a zeros
    bias, convolution + bias_add + activation; max_pooling2d the max_pool2d op; dropout under a bool
    placeholder v1's cond (the mask drawn only when training), its op seed counted where it was built.
    Run test: tests/e2e/tf2_runs/class_conv_layers.py (the same digits)."""
    code, findings = migrate(CONV_LAYERS_CLASS)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "tf.compat.v1.layers" not in code and "@tf.function" not in code, code
    for text in ("conv2d_kernel = tf.Variable(tf.random.uniform([3, 3, 1, 3], ", "seed=op_seed()), name='conv2d/kernel')",
                 ("conv1 = tf.nn.relu(tf.nn.bias_add(tf.nn.convolution(X_img, conv2d_kernel, strides=[1, 1], "
                  "padding='SAME'), conv2d_bias))"),
                 "pool1 = tf.nn.max_pool2d(conv1, ksize=[2, 2], strides=[2, 2], padding='SAME')",
                 "dropout1 = tf.nn.dropout(pool1, rate=0.3, seed=seed_1) if training else tf.identity(pool1)",
                 "dense_kernel = tf.Variable(tf.random.uniform([3 * 2 * 2, 2], "):
        assert text in code, code
    build = code[code.index("def _build_net"):code.index("def compute_logits")]
    assert build.index("conv2d_kernel = ") < build.index("seed_1 = op_seed()") < build.index("dense_kernel = "), build


@pytest.mark.parametrize("old, new, reason", [
    ('kernel_size=[3, 3], padding="same",', 'kernel_size=[3, 3], padding="same", dilation_rate=2,',
     "`dilation_rate=` of a v1 conv2d call in a model class"),
    ("inputs=X_img,", "inputs=tf.concat([X_img, X_img], 3),",
     "the input of a v1 conv2d call in a model class is not a rank-4 value whose channels the method writes"),
    ("training=self.training)", "training=self.training > 0)",
     "`training=` of a v1 dropout call in a model class other than True, False or a bool placeholder"),
    ('pool_size=[2, 2], padding="SAME", strides=2)', 'pool_size=[2, 2], padding="SAME", strides=self.stride)',
     "a v1 max_pooling2d call whose pool size or strides are not numbers"),
])
def test_v1_layers_of_other_shapes_in_a_class_keep_compat(old, new, reason):
    assert CONV_LAYERS_CLASS.count(old) == 1, old
    kept, _ = _kept(CONV_LAYERS_CLASS.replace(old, new))
    assert reason in kept.message, kept.message


ENSEMBLE = CONV_LAYERS_CLASS.replace("""    sess = tf.Session()
    m1 = Model(sess, "m1")
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        c, _ = m1.train(np.ones([5, 16]), np.eye(2)[[0, 1, 0, 1, 1]])
        print(c, m1.predict(np.ones([2, 16])))
""", """    sess = tf.Session()
    models = []
    for m in range(2):
        models.append(Model(sess, "model" + str(m)))
    sess.run(tf.global_variables_initializer())
    labels = np.eye(2)[[0, 1, 0, 1, 1]]
    predictions = np.zeros([5, 2])
    for m in models:
        c, _ = m.train(np.ones([5, 16]), labels)
        p = m.predict(np.ones([5, 16]))
        predictions += p
    ensemble_correct_prediction = tf.equal(tf.argmax(predictions, 1), tf.argmax(labels, 1))
    ensemble_accuracy = tf.reduce_mean(tf.cast(ensemble_correct_prediction, tf.float32))
    print('Ensemble accuracy:', sess.run(ensemble_accuracy))
""")


def test_a_run_of_ops_on_the_models_numpy_results_reads_the_eager_value():
    """hunkim's lab-11-5: the program's Session runs ops it built on the models' predictions (NumPy,
    the runs' results): TF 1.x computed them from the values captured where they were built, as the
    eager ops do there; the run reads the value (`.numpy()`)."""
    assert ENSEMBLE != CONV_LAYERS_CLASS
    code, findings = migrate(ENSEMBLE)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "print('Ensemble accuracy:', ensemble_accuracy.numpy())" in code and "Session(" not in code, code


SESSION_USED = "the Session `sess` is used otherwise than to initialize the variables"


@pytest.mark.parametrize("old, new, reason", [
    # a tensor of the model read by the ops: a run of the graph (fed nothing), not values
    ("tf.argmax(predictions, 1)", "tf.argmax(models[0].logits, 1)", "`.logits` of a `Model` object read outside the class"),
    # a random op among them: drawn at the run in TF 1.x
    ("tf.argmax(labels, 1))", "tf.argmax(labels + tf.random_uniform([5, 2]), 1))",
     "a random op with no op seed outside the graph methods of the model classes"),
    # ops of the module read through a name bound twice
    ("    print('Ensemble accuracy:'", "    ensemble_accuracy = ensemble_accuracy * 2\n    print('Ensemble accuracy:'",
     SESSION_USED),
    # a value computed by TensorFlow the ops read
    ("    predictions = np.zeros([5, 2])\n", "    predictions = tf.zeros([5, 2])\n", SESSION_USED),
])
def test_a_run_of_the_programs_ops_on_other_values_keeps_compat(old, new, reason):
    assert ENSEMBLE.count(old) == 1, old
    kept, _ = _kept(ENSEMBLE.replace(old, new))
    assert reason in kept.message, kept.message


def test_a_run_of_ops_on_a_value_the_files_function_makes_with_tensorflow_keeps_compat():
    """A plain value's binding calling a function of the file that makes a tensor (a variable):
    TF 1.x's run read it at the run, not where the ops were built."""
    source = ENSEMBLE.replace("    predictions = np.zeros([5, 2])\n", "    predictions = zeros()\n").replace(
        "    class Model:\n", "    def zeros():\n        return tf.Variable(tf.zeros([5, 2]))\n\n\n    class Model:\n")
    kept, _ = _kept(source)
    assert SESSION_USED in kept.message, kept.message


LOCAL_BUILDER = """\
    import numpy as np
    import tensorflow as tf


    class Brain:
        def __init__(self, D, K, dueling=True, sess=None):
            self.D, self.K, self.dueling = D, K, dueling
            self._build_net()
            t_params = tf.get_collection('target_params')
            e_params = tf.get_collection('eval_params')
            self.replace_op = [tf.assign(t, e) for t, e in zip(t_params, e_params)]
            if sess is None:
                self.sess = tf.Session()
                self.sess.run(tf.global_variables_initializer())
            else:
                self.sess = sess

        def _build_net(self):
            def build_layers(s, c_names, n_l1):
                with tf.variable_scope('l1'):
                    w1 = tf.get_variable('w1', [self.D, n_l1], initializer=tf.constant_initializer(0.5), collections=c_names)
                    l1 = tf.nn.relu(tf.matmul(s, w1))
                if self.dueling:
                    with tf.variable_scope('Value'):
                        w2 = tf.get_variable('w2', [n_l1, 1], initializer=tf.constant_initializer(0.2), collections=c_names)
                        self.V = tf.matmul(l1, w2)
                    with tf.variable_scope('Advantage'):
                        w2 = tf.get_variable('w2', [n_l1, self.K], initializer=tf.constant_initializer(0.1), collections=c_names)
                        self.A = tf.matmul(l1, w2)
                    out = self.V + self.A - tf.reduce_mean(self.A, axis=1, keepdims=True)
                else:
                    w2 = tf.get_variable('w2', [n_l1, self.K], initializer=tf.constant_initializer(0.3), collections=c_names)
                    out = tf.matmul(l1, w2)
                return out

            self.s = tf.placeholder(tf.float32, [None, self.D])
            self.s_ = tf.placeholder(tf.float32, [None, self.D])
            self.q_target = tf.placeholder(tf.float32, [None, self.K])
            c_names, n_l1 = ['eval_params', tf.GraphKeys.GLOBAL_VARIABLES], 3
            self.q_eval = build_layers(self.s, c_names, n_l1)
            self.loss = tf.reduce_mean(tf.squared_difference(self.q_target, self.q_eval))
            self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)
            c_names = ['target_params', tf.GraphKeys.GLOBAL_VARIABLES]
            self.q_next = build_layers(self.s_, c_names, n_l1)

        def learn(self, s, q, s_):
            self.sess.run(self.replace_op)
            q_next = self.sess.run(self.q_next, {self.s_: s_})
            return self.sess.run([self.train_op, self.loss], {self.s: s, self.q_target: q + q_next})[1]


    sess = tf.Session()
    brain = Brain(2, 3, sess=sess)
    sess.run(tf.global_variables_initializer())
    print(brain.learn(np.ones((4, 2)), np.zeros((4, 3)), np.ones((4, 2))))
    """


def test_a_function_the_graph_method_defines_is_written_in_each_calls_place():
    """MorvanZhou's Double / Dueling DQN: `_build_net` defines `build_layers(s, c_names, n_l1, ...)`
    and calls it for each net. Each call is the function's statements in its place, as a build
    method's (a parameter given the caller's name of its own spelling reads it; the second
    copy's names renamed); `self.V` / `self.A`, read nowhere else, are each copy's locals; `w2`,
    bound twice in the branch, a name per binding; the function goes. `sess=None` with `if sess
    is None: own Session ... else: self.sess = sess` goes with the parameter and the argument
    (before: `get_variable` in the graph part of `__init__`)."""
    code, findings = migrate(LOCAL_BUILDER)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert remaining(code) is None and "build_layers" not in code and "sess" not in code, code
    assert "def __init__(self, D, K, dueling=True):" in code and "brain = Brain(2, 3)" in code, code
    lines = "\n".join(line.strip() for line in code.splitlines())
    assert "c_names_2" not in lines and "n_l1_2" not in lines, code
    assert "V = tf.matmul(l1, w2)\nA = tf.matmul(l1, w2_3)\n" in lines, code
    assert "V_2 = tf.matmul(l1_2, w2_2)\nA_2 = tf.matmul(l1_2, w2_2_2)\n" in lines, code
    assert "self.V" not in code and "self.A" not in code, code


def test_a_brain_making_its_own_session_converts_when_made_once():
    """`Brain(2, 3)` with no Session: the object made its own Session and initialized the graph's
    variables there; made once, TF 2's variables hold what that Session held."""
    source = LOCAL_BUILDER.replace("""    sess = tf.Session()
    brain = Brain(2, 3, sess=sess)
    sess.run(tf.global_variables_initializer())
""", "    brain = Brain(2, 3)\n")
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "def __init__(self, D, K, dueling=True):" in code and "Session(" not in code, code


@pytest.mark.parametrize("old, new, reason", [
    # two objects, one with its own Session: its values of the graph's variables were apart from the other's
    ("    brain = Brain(2, 3, sess=sess)\n", "    brain = Brain(2, 3, sess=sess)\n    other = Brain(2, 3)\n",
     "`Brain` made without its Session argument (making its own Session"),
    # the function reads a local of the method (its closure)
    ("                    l1 = tf.nn.relu(tf.matmul(s, w1))\n",
     "                    l1 = tf.nn.relu(tf.matmul(s, w1)) * scale\n", "`tf.compat.v1.get_variable` in the graph part of `__init__`"),
    # `self.V` read by a method: the object's attribute, the last net's
    ("        def learn(self, s, q, s_):\n", ("        def value(self):\n            return self.V\n\n"
                                         "        def learn(self, s, q, s_):\n"), "`self.V` used outside a Session.run"),
    # the Session parameter tested otherwise
    ("            if sess is None:\n", "            if not sess:\n", "`self.sess` used in `__init__` otherwise than to initialize"),
])
def test_local_builders_and_optional_sessions_of_other_shapes_keep_compat(old, new, reason):
    source = LOCAL_BUILDER.replace("            c_names, n_l1 = [", "            scale = 2.0\n            c_names, n_l1 = [")
    assert source.count(old) == 1, old
    kept, _ = _kept(source.replace(old, new))
    assert reason in kept.message, kept.message


GUARDED_PLACEHOLDER = """\
    import numpy as np
    import tensorflow as tf


    class Brain:
        def __init__(self, sess, D, K, prioritized):
            self.sess = sess
            self.prioritized = prioritized
            self.s = tf.placeholder(tf.float32, [None, D])
            self.q_target = tf.placeholder(tf.float32, [None, K])
            if self.prioritized:
                self.ISWeights = tf.placeholder(tf.float32, [None, 1])
            w = tf.Variable(np.ones((D, K), dtype=np.float32))
            self.q_eval = tf.matmul(self.s, w)
            if self.prioritized:
                self.loss = tf.reduce_mean(self.ISWeights * tf.square(self.q_target - self.q_eval))
            else:
                self.loss = tf.reduce_mean(tf.square(self.q_target - self.q_eval))
            self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)

        def learn(self, s, q, weights):
            if self.prioritized:
                return self.sess.run([self.train_op, self.loss], {self.s: s, self.q_target: q, self.ISWeights: weights})[1]
            return self.sess.run([self.train_op, self.loss], {self.s: s, self.q_target: q})[1]


    sess = tf.Session()
    natural = Brain(sess, 2, 3, False)
    prio = Brain(sess, 2, 3, True)
    sess.run(tf.global_variables_initializer())
    print(natural.learn(np.ones((4, 2)), np.zeros((4, 3)), None))
    print(prio.learn(np.ones((4, 2)), np.zeros((4, 3)), np.ones((4, 1))))
    """


def test_a_placeholder_made_in_a_branch_is_a_step_argument_and_none_where_not_fed():
    """Morvan's Prioritized Replay DQN: `if self.prioritized: self.ISWeights = tf.placeholder(...)`, read by
    the loss under another `if self.prioritized:`; the run of the other branch feeds no weights. The
    fed run's step takes it; the other's binds it to None, read only where its branch was taken, where
    TF 1.x raised at that run (before: a placeholder made otherwise than `self.name = ...`)."""
    code, findings = migrate(GUARDED_PLACEHOLDER)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "def train_step_2(s, q_target, ISWeights):" in code, code
    assert "def train_step(s, q_target):\n            ISWeights = None" in code, code


@pytest.mark.parametrize("old, new", [
    # read outside the branch making it
    ("                self.loss = tf.reduce_mean(tf.square(self.q_target - self.q_eval))\n",
     "                self.loss = tf.reduce_mean(self.ISWeights * tf.square(self.q_target - self.q_eval))\n"),
    # under a branch of another test
    ("            if self.prioritized:\n                self.loss",
     "            if self.prioritized and D > 1:\n                self.loss"),
])
def test_a_branch_placeholder_read_where_it_may_exist_unfed_keeps_compat(old, new):
    assert GUARDED_PLACEHOLDER.count(old) == 1, old
    kept, _ = _kept(GUARDED_PLACEHOLDER.replace(old, new))
    assert "a run not feeding `self.ISWeights`" in kept.message, kept.message


HANDED = """\
    import numpy as np
    import tensorflow as tf


    class Model:
        def __init__(self, n_states, n_actions):
            self._n_states = n_states
            # declared, bound by the build
            self._states = None
            self._logits = None
            self._var_init = None
            self._define_model(n_actions)

        def _define_model(self, n_actions):
            self._states = tf.placeholder(shape=[None, self._n_states], dtype=tf.float32)
            self._q = tf.placeholder(shape=[None, n_actions], dtype=tf.float32)
            W = tf.Variable(np.ones((self._n_states, n_actions), dtype=np.float32))
            self._logits = tf.matmul(self._states, W)
            loss = tf.reduce_mean(tf.square(self._q - self._logits))
            self._optimizer = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
            self._var_init = tf.global_variables_initializer()

        def predict(self, state, sess):
            return sess.run(self._logits, feed_dict={self._states: state})

        def train(self, sess, x, y):
            sess.run(self._optimizer, feed_dict={self._states: x, self._q: y})

        @property
        def var_init(self):
            return self._var_init


    class Runner:
        def __init__(self, sess, model):
            self._sess = sess
            self._model = model

        def step(self, x):
            q = self._model.predict(x, self._sess)
            self._model.train(self._sess, x, q + 1)
            return q


    model = Model(4, 2)
    with tf.Session() as sess:
        sess.run(model.var_init)
        runner = Runner(sess, model)
        print(runner.step(np.ones((3, 4))), model.predict(np.ones((1, 4)), sess=sess))
    """


def test_methods_handed_the_session_at_each_call_are_a_class_keeping_it():
    """adventuresinML's MountainCar DQN: `Model.predict_one(self, state, sess)` handed the program's
    one Session at each call, a `GameRunner` relaying it (`self._sess`), attributes declared None
    before the build and the initializer run through a property: the class keeping the Session,
    converted as such (run test: tests/e2e/tf2_runs/handed_session_agent.py)."""
    code, findings = migrate(HANDED)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "def predict(self, state):\n" in code and "def train(self, x, y):\n" in code, code
    assert "def __init__(self, model):\n        self._model = model\n" in code, code
    assert "q = self._model.predict(x)\n        self._model.train(x, q + 1)\n" in code, code
    assert "runner = Runner(model)\n" in code and "model.predict(np.ones((1, 4)))" in code, code
    assert "sess" not in code and "var_init" not in code and "= None" not in code, code
    assert remaining(code) is None
    for old, new in [  # other shapes keep compat, the Session handed on named
            # the Session also used otherwise by the program
            ("        runner = Runner(sess, model)\n", "        runner = Runner(sess, model)\n        print(sess.graph)\n"),
            # a call handing the method something else than the program's Session
            ("model.predict(np.ones((1, 4)), sess=sess)", "model.predict(np.ones((1, 4)), sess=tf.Session())"),
            # the relay's Session read otherwise than as a handed argument
            ("            return q\n", "            return q, self._sess\n")]:
        assert HANDED.count(old) == 1, old
        kept, _ = _kept(HANDED.replace(old, new))
        assert "Session" in kept.message or "sess" in kept.message, kept.message


def test_a_class_with_v1_dense_default_kernels_drops_the_legacy_keras_switch():
    """A v1 dense layer with the default kernel initializer in an unseeded program of a model
    class: Keras' GlorotUniform written, and the compat pass's TF_USE_LEGACY_KERAS line goes
    with the graph (it named the file kept compat on Keras 2 before)."""
    source = HANDED.replace("            W = tf.Variable(np.ones((self._n_states, n_actions), dtype=np.float32))\n"
                            "            self._logits = tf.matmul(self._states, W)\n",
                            "            self._logits = tf.layers.dense(self._states, n_actions)\n")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "GlorotUniform()" in code and "TF_USE_LEGACY_KERAS" not in code and "import os" not in code, code


def test_a_handed_method_handing_the_session_on_to_another_is_handed_it_too():
    """`predict(self, state, sess)` calling `self.predict_batch(state, sess)`: both keep the Session;
    a local of the Session's name in a function is not the program's Session."""
    source = HANDED.replace(
        "        def predict(self, state, sess):\n            return sess.run(self._logits, feed_dict={self._states: state})\n",
        "        def predict(self, state, sess):\n            return self.predict_batch(state, sess)\n\n"
        "        def predict_batch(self, states, sess):\n            print(sess.run(self._logits, feed_dict={self._states: states}).shape)\n"
        "            return sess.run(self._logits, feed_dict={self._states: states})\n")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "def predict(self, state):\n        return self.predict_batch(state)\n" in code, code
    assert "def predict_batch(self, states):\n" in code and "sess" not in code, code
    shadowed = source.replace("        def step(self, x):\n", "        def step(self, x, sess=None):\n")
    shadowed = shadowed.replace("q = self._model.predict(x, self._sess)", "q = self._model.predict(x, sess)")
    kept, _ = _kept(shadowed)
    assert "sess" in kept.message, kept.message


def test_a_model_made_inside_the_session_block_is_handed_it_where_it_is_made():
    """`with tf.Session() as sess: model = Model(...)`: `model.set_session(sess)` is written right after
    the object is made (its runs come later), and the class converts as above."""
    source = HANDED.replace("    model = Model(4, 2)\n    with tf.Session() as sess:\n",
                            "    with tf.Session() as sess:\n        model = Model(4, 2)\n")
    assert source != HANDED
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "model = Model(4, 2)\nrunner = Runner(model)\n" in code and "sess" not in code, code


BUILDING_METHODS = """\
    import numpy as np
    import tensorflow as tf


    class Squeezer(object):
        def __init__(self, n_in, n_mid):
            self.scale = 0.5
            self._w_in = tf.Variable(tf.random_normal(shape=(n_in, n_mid)))
            self._w_out = tf.Variable(tf.random_normal(shape=(n_mid, n_in)))
            self._b_mid = tf.Variable(np.zeros(n_mid).astype(np.float32))
            self._x = tf.placeholder('float', [None, n_in])
            self.mid = self.squeeze(self._x)
            self.out = self.expand(self.mid)
            self._loss = tf.reduce_mean(tf.pow(self._x - self.out, 2))
            self._opt = tf.train.AdamOptimizer(0.01).minimize(self._loss)

        def squeeze(self, x):
            h = tf.matmul(x, self._w_in) + self._b_mid
            return tf.nn.sigmoid(h)

        def expand(self, h):
            return tf.nn.sigmoid(tf.matmul(h, self._w_out)) * self.scale

        def set_session(self, session):
            self.session = session

        def reduced(self, x):
            h = self.squeeze(x)
            return self.session.run(h, feed_dict={self._x: x})

        def reconstruct(self, x):
            h = self.squeeze(x)
            r = self.expand(h)
            return self.session.run(r, feed_dict={self._x: x})

        def fit(self, X):
            _, loss = self.session.run([self._opt, self._loss], feed_dict={self._x: X})
            return loss


    model = Squeezer(6, 3)
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init)
        model.set_session(sess)
        print(model.fit(np.ones((4, 6), dtype=np.float32)))
        print(model.reconstruct(np.ones((2, 6), dtype=np.float32)))
        print(model.reduced(np.ones((2, 6), dtype=np.float32)))
    """


def test_a_method_running_ops_it_builds_from_its_argument_becomes_a_function_method():
    """The Cookbook's autoencoders: `reconstruct(self, x)` builds `self.squeeze(x)` / `self.expand(h)` on its
    NumPy argument and runs them, feeding the placeholder they do not read. The statements become a
    tf.function method the run's place calls (its trace builds them as the graph did; eager kernels differ
    in the last bit), the feed goes (run test: tests/e2e/tf2_runs/method_built_fetches.py)."""
    code, findings = migrate(BUILDING_METHODS)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert remaining(code) is None and "Session(" not in code and "placeholder" not in code, code
    assert ("    @tf.function\n    def compute_reconstruct(self, x):\n        h = self.squeeze(x)\n"
            "        r = self.expand(h)\n        return r\n\n"
            "    def reconstruct(self, x):\n        return self.compute_reconstruct(x).numpy()\n") in code, code
    assert ("    @tf.function\n    def compute_reduced(self, x):\n        h = self.squeeze(x)\n        return h\n\n"
            "    def reduced(self, x):\n        return self.compute_reduced(x).numpy()\n") in code, code
    # the helper methods stay as they were: the training step calls them too
    assert "    def squeeze(self, x):\n        h = tf.matmul(x, self._w_in) + self._b_mid\n" in code, code
    listed = BUILDING_METHODS.replace(
        "            return self.session.run(r, feed_dict={self._x: x})",
        "            return self.session.run([h, r])")
    code, findings = migrate(listed)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "        return [h, r]\n" in code and "return fetched_values(self.compute_reconstruct(x))" in code, code


@pytest.mark.parametrize("old, new, why", [
    # a random op: TF 1.x gave it an op seed of the graph's count (under a graph seed) at each call
    ("            r = self.expand(h)\n", "            r = self.expand(h) + tf.random_normal(tf.shape(h))\n",
     "`tf.random.normal`"),
    # a statement between the ops built and the run: they would not be computed where the run was
    ("            r = self.expand(h)\n", "            r = self.expand(h)\n            print(x.shape)\n",
     "`r` is not bound by the statements right before the run"),
    # the tensor read after the run: a graph tensor there
    ("            return self.session.run(r, feed_dict={self._x: x})",
     "            out = self.session.run(r, feed_dict={self._x: x})\n            return out, r", "`r` is read or bound"),
    # more than the run in its statement
    ("            return self.session.run(r, feed_dict={self._x: x})",
     "            return 2 * self.session.run(r, feed_dict={self._x: x})", "a statement doing more than the run"),
    # a graph tensor of __init__ read by the ops built
    ("            r = self.expand(h)\n", "            r = self.expand(h) + self.mid\n", "`self.mid`"),
    # a value of the class the program changes: the trace would read it once
    ("        print(model.reduced(", "        model.scale = 2.0\n        print(model.reduced(", "`self.scale`"),
    # a helper doing more than building ops
    ("            return tf.nn.sigmoid(tf.matmul(h, self._w_out)) * self.scale\n",
     "            print(h)\n            return tf.nn.sigmoid(tf.matmul(h, self._w_out)) * self.scale\n",
     "whose body is other than"),
])
def test_a_method_running_ops_it_builds_otherwise_keeps_compat(old, new, why):
    assert BUILDING_METHODS.count(old) == 1, old
    kept, _ = _kept(BUILDING_METHODS.replace(old, new))
    assert why in kept.message and "runs tensors it builds" in kept.message, kept.message


def test_a_run_of_assigns_a_method_builds_with_no_feed_stays_read_where_made():
    """What `_built_fetch` does not take (a variable's assign) in a run with no feed is the values
    held where made, as before: the DQN copy's shape."""
    source = BUILDING_METHODS.replace("        def fit(self, X):", (
        "        def shrink(self):\n"
        "            ops = [w.assign(w * 0.5) + tf.constant(0.0) for w in [self._w_in, self._w_out]]\n"
        "            self.session.run(ops)\n\n"
        "        def fit(self, X):")).replace("        print(model.reduced(", "        model.shrink()\n        print(model.reduced(")
    code, findings = migrate(source)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "        fetched_values(ops)\n" in code, code


def test_a_graph_built_by_several_methods_the_program_calls_is_named():
    """CreatCodeBuild's dp_refined_api.py: the program (another file) calls `define_inputs`, `add_fc`
    (twice) and `define_model`, each adding to the default graph, then `run` opens a Session of it and
    keeps its FileWriter on the object. The class conversion takes a graph built by one method: the
    MIG602 names the class's graph methods at the Session, not the FileWriter bound to an attribute."""
    source = """\
        import numpy as np
        import tensorflow as tf


        class Net:
            def __init__(self, batch):
                self.batch = batch
                self.weights = []

            def define_inputs(self, shape):
                self.x = tf.placeholder(tf.float32, shape=shape)

            def add_fc(self, n_in, n_out):
                self.weights.append(tf.Variable(tf.ones([n_in, n_out])))

            def define_model(self):
                out = self.x
                for w in self.weights:
                    out = tf.matmul(out, w)
                self.loss = tf.reduce_mean(out)
                tf.summary.scalar("loss", self.loss)
                self.merged = tf.summary.merge_all()
                self.train = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)

            def run(self, data):
                self.writer = tf.summary.FileWriter("./board", tf.get_default_graph())
                with tf.Session(graph=tf.get_default_graph()) as session:
                    tf.global_variables_initializer().run()
                    for i in range(3):
                        _, l, s = session.run([self.train, self.loss, self.merged], feed_dict={self.x: data})
                        self.writer.add_summary(s, i)
                        print(l)
        """
    kept, _ = _kept(source)
    assert (kept.line, kept.col) == (30, 14), kept
    assert "`Net.run`" in kept.message and "`define_inputs`, `add_fc`, `define_model`" in kept.message, kept.message
    assert "bound to something other than a name" not in kept.message, kept.message
