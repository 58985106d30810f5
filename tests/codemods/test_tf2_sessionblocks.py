"""`--style tf2` of Sessions in module-level blocks (migrate/tf2_graph.py `Converter._block_holding`,
`_graph_per_pass`, `_check_pass_reads`, `_convert_graphs`' pass parts): a module-level `if` / `try`
holding the whole graph and its Session (`if __name__ == "__main__":`) is the program's scope; a
module-level loop whose passes each start a new graph (`reset_default_graph()` first) is converted
in place, its body one graph's program. Run side by side: tests/e2e/tf2_runs/main_guard_graph.py,
graph_per_pass.py."""
from __future__ import annotations

import textwrap

import pytest

from tests.codemods.test_tf2_style import _kept, migrate, only


def _converted(source: str) -> str:
    code, findings = migrate(source)
    assert len(only(findings, "MIG601")) == 1 and not only(findings, "MIG602"), findings
    assert "compat.v1" not in code and "Session(" not in code, code
    return code


MAIN_GUARD = """\
    import numpy as np
    import tensorflow as tf

    if __name__ == "__main__":
        graph = tf.Graph()
        with graph.as_default():
            tf.set_random_seed(7)
            x = tf.placeholder(tf.float32, [None, 3])
            w = tf.Variable(tf.random_normal([3, 1], stddev=0.1))
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
            train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
            init = tf.global_variables_initializer()
        with tf.Session(graph=graph) as sess:
            init.run()
            for i in range(3):
                print(sess.run([train, loss], feed_dict={x: np.ones([2, 3])})[1])
    """


def test_main_guard_holding_graph_and_session_is_the_scope():
    # (before: "Sessions in more than one function or block (an `if` block)", for its one Session)
    code = _converted(MAIN_GUARD)
    assert 'if __name__ == "__main__":\n    tf.random.set_seed(7)\n' \
           "    w = tf.Variable(tf.random.normal([3, 1], stddev=0.1, seed=0))\n" in code, code
    assert "\n    def train_step(x):\n" in code and "        print(fetched_values(train_step(x=np.ones([2, 3])))[1])\n" in code


@pytest.mark.parametrize("head, tail", [
    ("RUN = True\nif RUN:\n", ""),  # an `if` on a module value: the branch holding it runs once
    ("try:\n", "except KeyboardInterrupt:\n    pass\n"),
])
def test_if_and_try_blocks_holding_graph_and_session_convert_with_their_op_seeds(head, tail):
    source = textwrap.dedent(MAIN_GUARD).replace('if __name__ == "__main__":\n', head) + tail
    code = _converted(source)
    assert "tf.random.normal([3, 1], stddev=0.1, seed=0)" in code, code


def test_graph_made_beside_the_body_running_the_session_keeps_the_nested_sessions_reason():
    # the graph in the `if` statement but outside the (inner) body running the Session: a module-level
    # block around its graph, as before
    source = """\
        import tensorflow as tf

        if __name__ == "__main__":
            x = tf.placeholder(tf.float32, [2])
            w = tf.Variable(tf.ones([2]))
            if x is not None:
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    print(sess.run(w * x, {x: [1.0, 2.0]}))
        """
    kept, _ = _kept(source)
    assert "Sessions in more than one function or block (an `if` block)" in kept.message, kept.message


PASSES = """\
    import numpy as np
    import tensorflow as tf

    data = np.ones([4, 3], np.float32)
    for units in (2, 5):
        tf.reset_default_graph()
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 3])
        w1 = tf.Variable(tf.random_normal([3, units], stddev=0.5))
        w2 = tf.Variable(tf.random_normal([units, 1], stddev=0.5))
        loss = tf.reduce_mean(tf.square(tf.matmul(tf.matmul(x, w1), w2) - 1.0))
        train_op = tf.train.AdamOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(3):
                _, l = sess.run([train_op, loss], feed_dict={x: data})
            print(units, l)
    """


def test_loop_building_a_new_graph_at_each_pass_is_converted_in_place():
    # (before: "Sessions in more than one function or block (a loop) ... a Session in a module-level loop")
    code = _converted(PASSES)
    assert ("for units in (2, 5):\n    tf.random.set_seed(3)\n"
            "    w1 = tf.Variable(tf.random.normal([3, units], stddev=0.5, seed=0))\n"
            "    w2 = tf.Variable(tf.random.normal([units, 1], stddev=0.5, seed=1))\n"
            "    optimizer = V1Adam(learning_rate=0.05, epsilon=1e-08)\n") in code, code
    assert "    def train_step(x):\n" in code and "reset_default_graph" not in code, code


def test_loop_of_graphs_after_a_module_graph_is_a_part_of_its_own():
    source = textwrap.dedent(PASSES).replace("data = np.ones([4, 3], np.float32)\n", textwrap.dedent("""\
        data = np.ones([4, 3], np.float32)
        tf.set_random_seed(1)
        a = tf.placeholder(tf.float32, [None, 3])
        v = tf.Variable(tf.random_normal([3, 1]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(tf.matmul(a, v), feed_dict={a: data}))
        """))
    code = _converted(source)
    assert "v = tf.Variable(tf.random.normal([3, 1], seed=0))\n" in code, code
    assert "    w1 = tf.Variable(tf.random.normal([3, units], stddev=0.5, seed=0))\n" in code, code


def test_unseeded_pass_after_a_seeded_graph_clears_the_seed_at_each_pass():
    source = textwrap.dedent(PASSES).replace("    tf.set_random_seed(3)\n", "").replace(
        "data = np.ones([4, 3], np.float32)\n",
        "data = np.ones([4, 3], np.float32)\ntf.set_random_seed(1)\nc = tf.random_normal([2])\n"
        "with tf.Session() as sess:\n    print(sess.run(c))\n")
    code = _converted(source)
    assert ("for units in (2, 5):\n    # reset_default_graph(): the new graph had no seed, and random ops of their own\n"
            "    tf.random.set_seed(None)\n") in code, code


@pytest.mark.parametrize("edits, construct, reason", [
    # the previous pass's tensor, of the graph the reset dropped
    ([("    tf.set_random_seed(3)\n", "    tf.set_random_seed(3)\n    if units > 2:\n        print(loss)\n")],
     "loss", "read before this pass of the loop binds it"),
    # graph code after the loop went into its last pass's graph
    ([("        print(units, l)\n", "        print(units, l)\nprint(tf.ones([2]))\n")],
     "tf", "went into its last pass's graph"),
    # a seed set before the loop: each pass's new graph had none
    ([("    tf.set_random_seed(3)\n", ""), ("import tensorflow as tf\n", "import tensorflow as tf\ntf.set_random_seed(3)\n")],
     "tf.random.set_seed(3)", "a graph seed set before `reset_default_graph()`"),
])
def test_loop_of_graphs_falls_back_where_a_pass_differs(edits, construct, reason):
    source = textwrap.dedent(PASSES)
    for old, new in edits:
        assert old in source
        source = source.replace(old, new)
    kept, _ = _kept(source)
    assert kept.message.split("` cannot")[0].endswith(f"`{construct}") and reason in kept.message, kept.message


def test_loop_adding_to_one_graph_keeps_the_loop_reason():
    # no reset: each pass built into the same graph and its Session initialized every variable made so far
    source = textwrap.dedent(PASSES).replace("    tf.reset_default_graph()\n", "")
    kept, _ = _kept(source)
    assert "a Session in a module-level loop" in kept.message, kept.message


def test_loop_starting_with_the_files_reset_function_names_it():
    # handson-ml's search loop: `reset_graph()` (reset_default_graph and the seeds) first in the pass
    source = textwrap.dedent(PASSES).replace("    tf.reset_default_graph()\n    tf.set_random_seed(3)\n", "    reset_graph()\n")
    source = source.replace("data = np.ones", "def reset_graph(seed=42):\n    tf.reset_default_graph()\n"
                            "    tf.set_random_seed(seed)\n\n\ndata = np.ones")
    kept, _ = _kept(source)
    assert "passes start with `reset_graph()`, the file's function calling `reset_default_graph()`" in kept.message, \
        kept.message


@pytest.mark.parametrize("source, why", [
    # neural-style's stylize(): a graph per feature pass, then the one it trains, in one function
    ("""\
        import tensorflow as tf

        def features(values):
            out = []
            g = tf.Graph()
            with g.as_default(), tf.Session() as sess:
                out.append(sess.run(tf.reduce_sum(tf.constant(values))))
            for value in values:
                with tf.Graph().as_default(), tf.Session() as sess:
                    out.append(sess.run(tf.square(tf.constant(value))))
            return out

        print(features([1.0, 2.0]))
        """, "function `features` makes 2 graphs of its own (`tf.Graph`), run by 2 Sessions"),
    # handson-ml's train_autoencoder(): its own graph, beside the module's graph and Session
    ("""\
        import tensorflow as tf

        w = tf.Variable(tf.ones([2]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(w))

        def train(values):
            graph = tf.Graph()
            with graph.as_default():
                v = tf.Variable(values)
                init = tf.global_variables_initializer()
            with tf.Session(graph=graph) as sess:
                init.run()
                return sess.run(v * 2.0)

        print(train([1.0, 2.0]))
        """, "function `train` makes a graph of its own (`tf.Graph`) for its Session, beside Sessions elsewhere"),
])
def test_functions_making_graphs_of_their_own_beside_other_sessions_are_named(source, why):
    kept, _ = _kept(source)
    assert why in kept.message, kept.message


def test_second_loop_of_graphs_after_plain_statements_clears_the_seed_too():
    # the statements between two loops build nothing: they join the second loop's part, whose pass
    # still starts with the reset (set_seed(None): its graphs had no seed)
    source = """\
        import tensorflow as tf

        tf.set_random_seed(1)
        c = tf.random_normal([2])
        with tf.Session() as sess:
            print(sess.run(c))
        for units in (2, 5):
            tf.reset_default_graph()
            tf.set_random_seed(3)
            w = tf.Variable(tf.random_normal([3, units]))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                print(sess.run(w))
        print("between")
        for units in (2, 5):
            tf.reset_default_graph()
            w = tf.Variable(tf.random_normal([3, units]))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                print(sess.run(w))
        """
    code = _converted(source)
    assert ("for units in (2, 5):\n    tf.random.set_seed(3)\n    w = tf.Variable(tf.random.normal([3, units], seed=0))\n"
            "    print(w.numpy())\n") in code, code
    assert ('print("between")\nfor units in (2, 5):\n'
            "    # reset_default_graph(): the new graph had no seed, and random ops of their own\n"
            "    tf.random.set_seed(None)\n    w = tf.Variable(tf.random.normal([3, units]))\n") in code, code
