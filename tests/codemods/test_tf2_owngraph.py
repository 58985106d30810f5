"""`--style tf2` on model classes keeping their own tf.Graph and Session as attributes
(migrate/tf2_owngraph.py; CreatCodeBuild's tutorial `Network`). Run test:
tests/e2e/tf2_runs/own_graph_network.py."""
from __future__ import annotations

import ast

import pytest

from migrate.tf2_graph import remaining
from tests.codemods.test_tf2_style import _kept, migrate, only

NETWORK = """\
    import numpy as np
    import tensorflow as tf


    class Network:
        def __init__(self, hidden, batch):
            self.hidden = hidden
            self.batch = batch
            self.graph = tf.Graph()
            self.x = None
            self.y = None
            self.unused = None

        def define_graph(self):
            with self.graph.as_default():
                # inputs
                self.x = tf.placeholder(tf.float32, shape=(self.batch, 3))
                self.y = tf.placeholder(tf.float32, shape=(self.batch, 2))
                w = tf.Variable(tf.ones([3, self.hidden]))
                v = tf.Variable(tf.ones([self.hidden, 2]))

                def model(data):
                    return tf.matmul(tf.nn.relu(tf.matmul(data, w)), v)

                logits = model(self.x)
                self.loss = tf.reduce_mean(tf.square(logits - self.y))
                self.optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(self.loss)
                self.prediction = tf.nn.softmax(model(self.x))

        def run(self, data, labels):
            self.session = tf.Session(graph=self.graph)
            with self.session as session:
                tf.initialize_all_variables().run()
                for step in range(3):
                    _, l = session.run([self.optimizer, self.loss], feed_dict={self.x: data, self.y: labels})
                    print(step, l)
                result = self.prediction.eval(feed_dict={self.x: data})
                print(result.sum())


    if __name__ == '__main__':
        net = Network(hidden=4, batch=5)
        net.define_graph()
        net.run(np.ones((5, 3)), np.zeros((5, 2)))
    """


def test_own_graph_and_session_opened_in_a_method_convert():
    code, findings = migrate(NETWORK)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert remaining(code) is None, code
    for gone in ("Graph(", "as_default", "Session(", "placeholder", "initialize_all_variables", "self.graph",
                 "self.session", ".eval(", "self.x = None", "self.y = None"):
        assert gone not in code, (gone, code)
    assert "self.unused = None" in code  # an attribute the graph does not bind: kept
    klass = next(n for n in ast.parse(code).body if isinstance(n, ast.ClassDef))
    define = next(f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == "define_graph")
    assert [f.name for f in define.body if isinstance(f, ast.FunctionDef)] == ["compute_prediction", "train_step"]
    assert "# inputs" in code  # the comment under the `with` header stays
    run = next(f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == "run")
    assert isinstance(run.body[0], ast.For), ast.unparse(run)  # the Session, its block and initializer gone
    assert "result = self.compute_prediction(x=data).numpy()" in code
    again, _ = migrate(code)
    assert again == code


SEEDED = NETWORK.replace("""            with self.graph.as_default():
                # inputs
""", """            with self.graph.as_default():
                tf.set_random_seed(3)
                # inputs
""").replace("tf.ones([3, self.hidden])", "tf.truncated_normal([3, self.hidden], stddev=0.1)")


def test_a_seed_set_first_in_the_graph_block_is_the_programs():
    code, findings = migrate(SEEDED)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "tf.random.set_seed(3)" in code and "seed=op_seed()" in code, code
    # the seed set where nothing was built before it: above the class
    assert code.index("tf.random.set_seed(3)") < code.index("class Network")


SESSION_IN_INIT = NETWORK.replace("""            self.unused = None
""", """            self.unused = None
            self.define_graph()
            self.session = tf.Session(graph=self.graph)
""").replace("""            self.session = tf.Session(graph=self.graph)
            with self.session""", """            with self.session""").replace("        net.define_graph()\n", "")


def test_session_made_in_init_after_the_graph_method_and_opened_in_another():
    code, findings = migrate(SESSION_IN_INIT)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "Session(" not in code and "self.graph" not in code and "initialize_all_variables" not in code, code


@pytest.mark.parametrize("source, old, new, reason", [
    # the graph object read otherwise than to be the default graph of the class's ops and its Session's
    (NETWORK, "                print(result.sum())\n",
     "                print(result.sum())\n            print(self.graph.get_operations())\n",
     "`self.graph`, the class's graph, read here"),
    (NETWORK, "        net.define_graph()\n", "        net.define_graph()\n        print(net.graph)\n",
     "`self.graph`, the class's graph, read here"),
    # a seed outside the class's graph seeded the default graph, not the class's
    (NETWORK, "    class Network:\n", "    tf.set_random_seed(1)\n\n\n    class Network:\n",
     "a graph seed set outside `with self.graph.as_default():`"),
    # the Session read beside its block (the block closed it)
    (NETWORK, "                print(result.sum())\n",
     "                print(result.sum())\n            print(self.session)\n",
     "`self.session` read beside its `with` block"),
    # the block's Session handed on (it ran there as the default Session)
    (NETWORK, "                print(result.sum())\n", "                print(result.sum())\n                self.show(session)\n",
     "the Session `session` of the `with self.session` block used otherwise than `session.run(...)`"),
    # a method the block calls evaluates a tensor in the default Session
    (NETWORK, "                print(result.sum())\n",
     "                print(result.sum())\n                self.show()\n\n        def show(self):\n            print(self.loss.eval())\n",
     "runs `self.loss.eval()` in the default Session"),
    # run twice: a second Session, its variables initialized again
    (NETWORK, "        net.run(np.ones((5, 3)), np.zeros((5, 2)))\n",
     "        net.run(np.ones((5, 3)), np.zeros((5, 2)))\n        net.run(np.ones((5, 3)), np.zeros((5, 2)))\n",
     "`run`, opening the Session `self.session`, called other than once"),
    # the object under another name too: its calls are not followed
    (NETWORK, "        net.run(np.ones((5, 3)), np.zeros((5, 2)))\n",
     "        same = net\n        same.run(np.ones((5, 3)), np.zeros((5, 2)))\n",
     "`run`, opening the Session `self.session`, called other than once"),
])
def test_own_graph_classes_of_other_shapes_keep_compat(source, old, new, reason):
    assert source.count(old) == 1, old
    kept, _ = _kept(source.replace(old, new))
    assert reason in kept.message, kept.message


PRINTING = NETWORK.replace("""                def model(data):
                    return""", """                def model(data):
                    print(data.get_shape())
                    return""")


def test_functions_whose_graph_statements_print_are_traced_where_the_graph_was_built():
    code, findings = migrate(PRINTING)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    # TF 1.x printed when building `logits = model(x)` then `prediction = ... model(x)`: traced in that order
    traces = [line.strip() for line in code.splitlines() if "get_concrete_function" in line]
    assert traces == ["train_step.get_concrete_function()", "compute_prediction.get_concrete_function()"], code
    define = code[code.index("def define_graph"):code.index("def run")]
    assert define.index("self.compute_prediction = compute_prediction") < define.index("train_step.get_concrete_function()")


@pytest.mark.parametrize("old, new, reason", [
    # one printing statement in two functions: printed at each trace, once by TF 1.x
    ("self.prediction = tf.nn.softmax(model(self.x))", "self.prediction = tf.nn.softmax(logits)",
     "a statement of the graph part printing (TF 1.x printed it once, when built) that more than one of the functions"),
    # printing statements of two functions interleaved
    (("                self.loss = tf.reduce_mean(tf.square(logits - self.y))\n"
      "                self.optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(self.loss)\n"
      "                self.prediction = tf.nn.softmax(model(self.x))\n"),
     ("                self.prediction = tf.nn.softmax(model(self.x))\n                extra = model(self.x)\n"
      "                self.loss = tf.reduce_mean(tf.square(logits + 0 * extra - self.y))\n"
      "                self.optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(self.loss)\n"),
     "statements of the graph part printing in an order no trace of the functions written follows"),
    # a training step making its optimizer's variables at its first trace: traced twice
    ("tf.train.GradientDescentOptimizer(0.01)", "tf.train.AdamOptimizer(0.01)",
     "whose AdamOptimizer makes its variables at the first trace, which TF traces again: it prints twice"),
])
def test_printing_graph_statements_no_trace_order_follows_keep_compat(old, new, reason):
    assert PRINTING.count(old) == 1, old
    kept, _ = _kept(PRINTING.replace(old, new))
    assert reason in kept.message, kept.message


def test_a_file_indented_with_tabs_and_a_docstring_in_the_moved_model_function():
    import textwrap

    spaced = textwrap.dedent(NETWORK.replace("""                def model(data):
""", """                def model(data):
                    '''
                    @data: the inputs
                    '''
"""))
    tabbed = "\n".join("\t" * ((len(line) - len(line.lstrip(" "))) // 4) + line.lstrip(" ") for line in spaced.splitlines()) + "\n"
    code, findings = migrate(tabbed)
    assert only(findings, "MIG601") and not only(findings, "MIG602"), findings
    assert "\t\t\t\t@data: the inputs" in code and "    " not in code.split("class Network")[1], code
