"""`--style tf2` run tests: small TF 1.x programs of the shapes the converter handles
(written for these tests, in tests/e2e/tf2_runs/) are migrated with `--style compat` and
with `--style tf2`; both run under TensorFlow 2.21 and must print the same numbers.

Initial values are made equal by op-level seeds on every random initializer
(`tf.random_normal(..., seed=1)`, `truncated_normal_initializer(seed=11)`): a seeded
stateful random op draws the same values in a graph and eagerly for the same global seed,
which both versions set (`tf.set_random_seed` -> `tf.random.set_seed`). unseeded_dropout.py
has random ops with no op seed (weights, an initializer, dropout in the training step): the
tf2 output writes the op seed TF 1.x's graph counted for each, and must train identically.
seeded_dropout_switch.py has v1 dropout layers switched by a bool placeholder under a graph seed: the masks
drawn with the op seeds TF 1.x counted, only in the training run (both steps tf.functions); the training losses
are the same digits, the evaluation run's last digit may differ as it does with no dropout at all (measured on
main: the compat graph's forward-only run against the tf.function's), so it is not in EXACT.
seeded_nce_loss.py trains word vectors on nce_loss under a graph seed: its sampler drawn by
`sampled_values=log_uniform_candidate_sampler(..., seed=k)` with the count TF 1.x gave it (the same digits).
glorot_variables.py has get_variable's default initializer (written as the uniform draw it
is, with the counted seed) and xavier (v1's glorot_uniform_initializer after the compat pass:
the same uniform draw with the counted seed). rmsprop_mlp.py (v1's RMSProp rule written out)
and dropout_three_steps.py (dropout reached by three steps, run eagerly) print the same digits.
several_graphs.py builds three graphs between reset_default_graph() calls: the second has no
graph seed (set_seed(None) in the tf2 output), the third counts its op seeds from 0 again.
save_reset_restore.py saves, resets and restores into a rebuilt graph (Adam's state too:
the Checkpoint's keys are the same in both graphs).
variable_scopes.py has its layers under plain variable scopes (TF 2 name scopes in the tf2
output) and a FileWriter closed after the Session block; the same digits.
shared_optimizer.py trains two var_lists in turns with one v1 Adam (one Keras optimizer built for
both lists: the same step count for both; the same digits, v1's Adam written out as V1Adam).
weight_decay.py has an L2 penalty over `tf.trainable_variables()` (the list of the variables made
before it, written in its place).
trainable_pairs.py applies `grads = list(zip(grads, tf.trainable_variables()))` of `tf.gradients(loss,
tf.trainable_variables())` as `grads_and_vars=` (variables in dicts) and trains a `v.name` filter of the listed
variables; interactive_before_graph.py makes its InteractiveSession above the graph (helpers making the
variables, dropout, `.eval` / `.run` with feeds); the same digits.
python2_division.py has v1's `tf.div` on floats and on (negative) integers: tf.realdiv and
tf.math.floordiv in the tf2 output, the same losses and floor quotients.
checkpoint_state.py saves with global_step, reads the latest checkpoint back from the state file
(`get_checkpoint_state`, `latest_checkpoint`, `checkpoint_exists`) and restores it: the tf2
output's v1_saver_save writes the same `model.ckpt-<step>` names and state file, keeps the same
two (max_to_keep) and the restore brings back Adam's moments (the step after it).
saver_max_to_keep.py saves through `Saver(max_to_keep=2)` with global_step, `Saver(tf.all_variables())` to
`"prefix-" + str(epoch)` and a Saver of a var_list bound to a name (write_state=False): the tf2 output's
`v1_saver_save` returns the same paths, leaves the same files (.meta aside) and writes the same state files
as TF 1.x's Saver.save (the same checksums); the same digits.
saver_in_session.py (hunkim's lab 13-3) makes its Saver among the statements of `sess = tf.Session()`, reads the
state file to resume and keeps its epoch through `sess.run(last_epoch.assign(epoch + 1))` (an eager assign with
the loop's value in the tf2 output); the same digits, files and state file.
keyword_saver.py sets its seed on the TensorFlow import's line (`import tensorflow as tf; tf.set_random_seed(3)`:
the compat output's graph set-up goes between them, so the graph is seeded) and calls Saver.save / restore and
latest_checkpoint with keyword arguments (`sess=`, `save_path=`, `checkpoint_dir=`): converted as the positional
calls; the same digits.
dict_builder.py has a model builder returning its placeholder and tensors in a dict, its variables
made in Python loops with unseeded random initial values under a graph seed (migrate/tf2_builders.py:
a tf.Module making them once, the op seeds counted as its body runs); the same digits.
denoising_builder.py's builder masks its input with `corrupt(x)`, a random op of the computation TF 1.x
drew on from in every run: inlined, given the op seed TF 1.x counted (`fixed_seed`), its steps eager;
the same digits.
sparse_feeds.py feeds sparse placeholders (string and float32) SparseTensorValues: tf.SparseTensor
arguments of the step in the tf2 output (migrate/tf2_sparse.py); the same digits.
rnn_cells.py runs v1 rnn cells (LSTM in a model function over static_rnn, GRU and a MultiRNNCell by
dynamic_rnn, static_bidirectional_rnn): the tf2 output's tf.Module cells (migrate/tf2_rnn.py) draw
the same kernels and print the same digits for 3 steps, then last-bit differences (measured 1.2e-7
relative at step 3: the tape sums the steps' gradient contributions in another order than v1's
graph; the same with the time loop unrolled).
queue_csv_pipeline.py reads two CSV files it writes through string_input_producer(shuffle=False),
TextLineReader(skip_header_lines=1), decode_csv and tf.train.batch (one thread): the tf2 output's
tf.data pipeline gives the same batches across file and epoch boundaries (the same digits).
queue_returned_record.py writes a TFRecord file and returns one record read through a queue from a
function, run once: the tf2 output reads the first record with `next(iter(dataset))` (the same digits).
graph_blocks.py builds two graphs in `with tf.Graph().as_default():` blocks, each seeded and run by its
own Session: each block converted as its own program (the same digits).
named_graphs.py makes its graphs one after another as `g = tf.Graph()` (built in `with g.as_default():`,
run by `Session(graph=g)`, shown by FileWriters given the graph): each converted as its own program, the
second's first draw the first's (its op seeds counted from 0 again); the same digits.
session_model_classes.py has two model classes building their graph in `__init__` and running the
Session the program hands them (`set_session`), trained in turns through their methods (Adagrad,
Momentum; migrate/tf2_classes.py): tf.functions defined in `__init__`; Adagrad's and Momentum's tolerance.
train_evaluate_functions.py has train() (its graph in `with tf.Graph().as_default():`, seeded, saved) and
evaluate() (`reset_default_graph()`, no seed, restoring train's checkpoint), each with its own Session:
each function converted as its own program, the Checkpoint keys the same in both (the same digits).
reset_between_calls.py calls save() (seeded at module level: v1 dense layer, a random initial value; trains,
saves) and reload() (the same model built again, restoring before any read) with `reset_default_graph()` between
the module-level calls: each function converted as its own program, reload's unseeded draws replaced by the
checkpoint (the same digits).
summaries_writer_in_loop.py makes its FileWriter again at each pass of the training loop (a directory of its own
each, closed there) and one in a branch: the tf2 output makes the TF 2 writer there; the same digits and events.
simple_save_export.py trains, exports by `tf.saved_model.simple_save` (two outputs) and by a SavedModelBuilder given a
signature def, and loads the exports in a new process with TF 2's loader: the tf2 output's V1SavedModelBuilder
(tf.saved_model.save of the signatures' tf.functions) gives the same signature keys, dtypes, shapes and outputs, and
refuses a second export to the directory as v1 did.
late_saver_checkpoints.py (hunkim's lab-13-3 shape) makes its Saver after the initializer's run and a FileWriter,
reads the checkpoint state, trains, saves with global_step and counts epochs by `sess.run(last_epoch.assign(epoch +
1))`: the Saver made as if above the Session, the assign run where it was built (the same digits).
mse_loss.py trains on `tf.losses.mean_squared_error` (TF 2's reduce_mean of squared_difference with v1's
casts: the same digits). where_profit_loss.py (facingwaller's profit loss) trains on v1's `where` of
`tf.greater(y, y_)` with branches of arithmetic of y, y_ and numbers (TF 2's tf.where): the same digits.
summaries_images_text.py writes image (float images scaled by v1's rule, a NaN pixel, uint8, max_outputs 1 to 3,
a family), text and audio summaries, tags built from a constant, one made unique by TF 1.x's graph (`_1`), summaries in a
list merged by tf.summary.merge and one in a collection of its own: the same digits and the same event values (tags,
steps, decoded pixels and samples, text).
scopes_in_open_session.py opens its Session (and a FileWriter of sess.graph) before building the
graph under name scopes: the same digits.
model_object.py has a model class making its placeholders, variables (unseeded random initial values
under a graph seed) and tensors as attributes in `__init__`, one object minimized with Adam by the
program and run feeding all its placeholders, some (no labels) or none (a variable): a tf.Module called
in the steps (migrate/tf2_objects.py); the same digits. q_network_object.py is awjuliani's Q-network
shape: the update op made in `__init__` (`self.trainer.minimize(self.loss)`, made by the program in
the tf2 output), `predict` and `Qout` fed the state only: the same digits. dropout_object.py has
TextCNN's dropout (and `tf.device`, `embedding_lookup`, `xw_plus_b`) in `__init__`, trained with SGD
and evaluated between training runs: the steps calling the object run eagerly, the dropout drawing
with the op seed TF 1.x counted: the same digits. class_dropout_runs.py (hunkim's lab-11-3 class: dropout
reached by `train` and `get_accuracy`) runs those functions eagerly, and class_conv_layers.py (lab-11-4/5:
v1 conv2d, max_pooling2d, dropout under a bool placeholder and dense in two seeded models, an ensemble run
by the program's Session) writes the layers as the variables and ops v1 built: the same digits.
rebound_graph_names.py rebinds a bias variable's name to a layer's activation and, in the Session block, a
variable's to a tensor computed from it, and feeds its learning rate through a placeholder of no shape: the
later bindings renamed (`b_2`), the rate made a scalar for the Keras optimizer; the same digits.
scoped_layer_functions.py has layer functions of its own file making variables through get_variable
helpers under `variable_scope(name)`, unseeded under a graph seed (written as a library's layer functions
are, migrate/tf2_libraries.py `own_layer_functions`): the same digits.
helper_layers.py has a helper making variables under name scopes at each of two calls (unseeded random
initial values under a graph seed), a helper under `name_scope(name, default_name=)` and one using v1's
softmax cross entropy, all called while the graph is built: a tf.Module per call site drawing its
variables once with the op seeds TF 1.x counted, the others plain functions (migrate/tf2_helpers.py);
the same digits. helper_early_return.py (ageron's `neuron_layer` shape: a return in a branch, the initial value
drawn into a name, the parameter `X` named like the placeholder) converts the same way: the same digits.
seeded_q_networks.py is MorvanZhou's DQN shape: a graph seed at the top, two agents whose `_build_net`
draws unseeded initial values and noise in the training step, their own Session made (and shown by a
FileWriter) in `__init__`, the target network copied by `tf.assign` ops, the learn feed bound the line
above its run: the tf2 output counts the op seeds at run time where TF 1.x built each op (`op_seed()`);
the same digits. collected_target_net.py is Morvan's RL_brain.py shape: get_variable with a bound
random_normal_initializer and `collections=` (names bound again for the target network), the
collections read back in `__init__` after `_build_net()` for the target copy, RMSProp, a graph seed:
tf.Variables drawing with the counted op seeds, a module dict for the collections; the same digits.
session_functions.py builds one graph at module level and runs it in three functions' Sessions: `peek()`
initializes and moves the weights, `train()` initializes again (the tf2 output assigns the kept initial
values there) and trains with Adam and saves, `test()` restores in its own Session: the same digits.
seeded_before_import.py seeds Python's `random` before importing TensorFlow (the rnn cell's kernel seed and
the batches' order drawn from it; Keras 3's import draws once from it, so the tf2 output seeds after the
import), makes its variables with helpers binding the initializer to a local name before get_variable, and
rebinds the placeholder's name in a loop after the last run: the same digits but the rnn cell's last bits.
batch_norm_updates.py has v1 batch normalization (fused on a conv map, tf.nn.moments on a dense output) with
`training` fed, its train op under control_dependencies(UPDATE_OPS): the tf2 output's V1BatchNormalization
(migrate/tf2_layers.py, tf2_batchnorm.py) updates the moving statistics in the training step only; evaluation
reads them, the Checkpoint restores them: the same digits. batch_norm_optimizer_block.py makes its optimizer
inside the block (`update_ops = ...`, `optimizer = tf.train.AdamOptimizer(LR)`, `train_op = optimizer.minimize(loss)`,
Morvan's form): the same digits.
build_method_arguments.py builds a seeded brain's two networks by one method with arguments returning
its output (`self.q_eval = self._build_layers(self.s, c_names, n_hidden=8, scope='eval')`, called twice)
and its training op by another returning the loss: each call written in its place, the second's names
renamed (tf2_classes `_inline_build_calls`): the same digits. gathered_q_rmsprop.py trains a DQN with RMSProp
on `tf.gather_nd(params=self.q_eval, ...)` of the network's output (a computed tensor: the variables'
gradients are dense, v1's dense rule applies) with inputs a method returns: the same digits.
scoped_target_net.py (Morvan's DQN_modified shape: `get_collection(GLOBAL_VARIABLES, scope='target_net')` of
tf.layers.dense networks under variable scopes, RMSProp's slots under `train/`, `trainable_variables(scope=)`),
soft_target_ddpg.py (DDPG_update's soft replacement over four scope reads, two Adams with var_list) and
gan_name_filter.py (a GAN's `[var for var in t_vars if 'd_' in var.name]`, two minimizes): each read written as
the list of the variables TF 1.x returned (tf2_classes `_collection_entries`): the same digits.
update_ops_classes.py makes its model classes' train ops under control_dependencies(UPDATE_OPS) (hwalsuklee's
GAN form and Morvan's `update_ops = ...` form) with no batch normalization adding to the collection: the
block opened (tf2_classes `_update_ops_block`), the same digits.
zipped_slots_dqn.py (Random_Network_Distillation's shape: RMSProp's slots named under the scope a later
GLOBAL_VARIABLES read names, the list zipped with the target network's shorter one; a scope read inside a
tensor statement): the same digits.
data_loops.py sums its loss point by point in `for x, y in zip(xs, ys):` from a Python number (NakedTensor's
serial.py) and makes its data in a plain loop that rebinds the graph's name `y` to a number (gentle_tensorflow's
mini-batch regression): one graph statement and a plain loop: the same digits on this machine (an Intel Xeon with
AVX-512 and AMX); on the CI machine of stop 33 the tf2 side's summed error after 20 steps differed from compat's in the
8th digit (6.60015154 vs 6.60015059), so it is checked within the tolerance.
side_by_side_nets.py trains two networks by one run (Morvan's dropout tutorial: `sess.run([o_train, d_train, ...])`),
neither loss reading the other's variables: every gradient from one forward pass, then both updates: the same digits.
layers_cnn.py and seeded_rnn_dense.py set a graph seed: their v1 layers' kernels are TF 1.x's glorot draws with the op
seeds of the graph's count (MIG117 in compat, V1GlorotUniform(seed=k) in tf2; a v1 rnn cell's kernel too, drawn
with the root variable scope's initializer MIG117 sets): the same digits.
slim_head_sequence_loss.py (hunkim's lab-12-1 shape) puts tf.contrib.layers.fully_connected on a BasicLSTMCell's
outputs and trains tf.contrib.seq2seq.sequence_loss under a graph seed: the compat pass writes sequence_loss into the
module; the tf2 head is a Keras Dense drawing xavier's kernel with op seed 1 (V1GlorotUniform): the same digits.
values_outside_runs.py makes two variables by one list comprehension unpacked to names and evaluates in a function
binding its feed dict to a name before `sess.run(loss, feed_dict=feed)`; its training loop binds a graph name
to each batch before feeding it (renamed in the loop) and builds an op at each evaluation (moved above the
Session): the same digits.
unrolled_graph_loops.py makes a variable per pass of `for pow_i in range(1, 4):` and of a range of a module
constant under a graph seed, and adds an L2 penalty over `for param in (weights, W):` (each loop written out
per pass, each random op with its own op seed); rebound_train_name.py binds its train op's name to a NumPy
step after the Session block: the same digits.
list_feeds.py feeds slices of Python lists (floats, ints to a float32 placeholder, int labels) in batches whose last
one is shorter: the steps have their placeholders' specs, each value converted as Session.run did: the same digits,
and each step traced once (test_list_fed_steps_trace_once; before, a trace per call: 27x slower on 258 steps).
noise_clip_alone.py (Hvass' adversarial noise) builds a tf.assign clipping a non-trainable variable before the graph
reading it and runs that assign alone; an Adam with var_list=[noise] trains it (the tape watches it): the same digits.
seeded_dead_dropout.py (a fresh-eyes trial's shapes) builds a dropout no run computes under a graph seed (deleted;
its op seed still counted for the next), a get_variable layer function shaped by `input.get_shape()[1]` (written
`int(...)`), `regularizer=None`, a constant_initializer bias and `device_count={"GPU": 1}`: the same digits.
main_function_session.py (wookayin's talk-debugging shape) opens its one Session in `def main():` around a graph
built at module level and hands it to `train(session)`: the module body is the scope, as for several Sessions: the
same digits.
carried_rnn_state.py (sjchoi86's char_rnn shape) carries two stacked LSTM cells' state from run to run: `state =
sess.run(istate)` of the zero state, fed back as `istate: state` (a dict bound to a name and one written in the run),
refetched through `final_state = last_state`, and `sess.run(cell.zero_state(...))` in a function handed the Session:
the state fetched as its nested tuple (before: `.numpy()` of the tuple, a crash); the cells' last-bit tolerance.
model_py_func_handed_session.py (wookayin's 31-mnist-func-print shape) has a tf.contrib.layers model function under a
graph seed with a py_func printing a layer's shape and a layer under control_dependencies on it, its Session made in
main() and handed to train(): the model object's __init__ draws the kernels with the op seeds counted at the first
call, the callback stays in its __call__; the same digits and prints.
fetched_dict_entries.py (wookayin's 11-mnist-fetch shape) stores a model function's outputs into the entries of a
module-level dict (`out, taps['first'], taps['second'] = network(x)`) fetched by the handed Session's runs: each
entry a name of its own in the tf2 output; the same digits.
summaries_handed_session.py (wookayin's 12-mnist-summary shape) hands main()'s Session to a function that gives its
graph to a FileWriter (`FileWriter(logdir, session.graph)`, the graph argument gone as a Session block's) and
evaluates with `loss.eval(feed, session=session)`: the same digits and summaries.
summaries_eval_float_step.py (SullyChen's Autopilot train.py shape) evaluates its merged summary with
`merged.eval(feed)` in an InteractiveSession, adds it at a float step (written int(step), as v1's FileWriter
did) and saves through `Saver(write_version=saver_pb2.SaverDef.V2)`: the same digits, summaries and files.
"""
from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from migrate.tf2_graph import remaining
from tests.e2e.conftest import migrate_cli, run_python, run_pythons

pytestmark = [pytest.mark.tf, pytest.mark.slow]

PROGRAMS = Path(__file__).resolve().parent / "tf2_runs"
# GradientDescent and Momentum agree to ~1e-7; Keras' Adam drifted to ~2e-5 relative after 40
# steps (measured: 0.5049997 vs 0.5050094): TF 1.x's kernel and Keras' Adam are the same formula
# with their float operations in another order, and TF 1.x keeps beta^t as a float32 variable
# multiplied each step where Keras computes the power. The tf2 output's V1Adam (tf2_graph.V1_ADAM)
# does v1's arithmetic, so the Adam programs are in EXACT; the tolerance serves Adagrad, cells'
# last-bit sums and the programs whose gradients the tape sums in another order.
TOLERANCE = 5e-5
# programs whose two versions must print the same digits: the rule or the draws written out
# are v1's own (RMSProp's and Adam's kernel formulas; dropout drawn from the kernel the graph op had)
EXACT = {"layers_cnn.py", "method_built_fetches.py", "clipped_global_norm.py", "named_initializer.py", "handed_session_eval_ops.py", "underscore_placeholders.py", "class_dropout_runs.py", "class_conv_layers.py", "flag_session_options.py", "scoped_agents_in_session.py", "rmsprop_mlp.py", "dropout_three_steps.py", "loss_reads_globals.py", "grouped_updates.py", "handed_session_agent.py", "semicolon_mixed_indent.py", "slim_head_sequence_loss.py",
         "variable_scopes.py", "sparse_feeds.py",
         "negated_losses.py", "layer_function.py", "window_sum.py", "seeded_factory.py", "model_reuse.py",
         "queue_csv_pipeline.py", "scopes_in_open_session.py",
         "queue_returned_record.py", "graph_blocks.py", "train_evaluate_functions.py", "q_network_object.py", "mse_loss.py",
         "dropout_object.py", "glorot_runtime_shapes.py", "helper_layers.py", "helper_early_return.py",
         "seeded_q_networks.py", "collected_target_net.py", "sparse_adam.py", "class_dense_agents.py",
         "checkpoint_state.py", "clipped_gradients.py", "decayed_sgd_adam.py", "dict_builder.py", "denoising_builder.py",
         "glorot_variables.py",
         "mlp_adam.py", "model_object.py", "save_reset_restore.py", "shared_optimizer.py", "summaries_regression.py",
         "eager_branch_keras.py", "configured_builders.py", "interactive_updates.py", "summaries_images_text.py",
         "session_functions.py", "batch_norm_updates.py", "build_method_arguments.py", "gathered_q_rmsprop.py",
         "scoped_layer_functions.py", "rebound_graph_names.py",
         "scoped_target_net.py", "soft_target_ddpg.py", "gan_name_filter.py", "zipped_slots_dqn.py",
         "where_profit_loss.py", "session_as_default.py", "summaries_helpers.py", "keyword_saver.py",
         "seeded_class_initializers.py", "side_by_side_nets.py", "update_ops_classes.py",
         "batch_norm_optimizer_block.py", "named_graphs.py", "saver_max_to_keep.py", "saver_in_session.py",
         "reset_between_calls.py", "late_saver_checkpoints.py", "seeded_rnn_dense.py", "seeded_nce_loss.py",
         "sparse_adagrad.py", "sparse_rmsprop.py", "sparse_rmsprop_class.py", "unscoped_layer_functions.py", "initializer_function.py",
         "zipped_gradients.py", "variable_initializer_runs.py",
         "version_checked_init.py", "setting_branches.py", "global_session_reader.py", "simple_save_export.py",
         "summaries_writer_in_loop.py", "static_shapes.py", "local_build_function.py", "own_session_brain.py",
         "concat_dense_input.py", "guarded_placeholder.py",
         "dataset_dropout_main.py", "values_outside_runs.py",
         "layer_optimizer_slots.py", "layer_momentum_slots.py", "trainable_pairs.py", "interactive_before_graph.py",
         "fed_state_tensors.py", "printed_placeholders.py", "unrolled_graph_loops.py", "rebound_train_name.py",
         "interactive_then_session.py", "second_model_session.py", "list_feeds.py", "noise_clip_alone.py", "seeded_dead_dropout.py",
         "main_function_session.py", "own_graph_network.py", "model_py_func_handed_session.py",
         "fetched_dict_entries.py", "summaries_handed_session.py", "summaries_eval_float_step.py", "main_guard_graph.py", "graph_per_pass.py"}
# programs migrated with `--keras 3`: by default their tf.layers make the run target Keras 2
# (keras_target: graph-mode layers exist only in tf-keras), where the compat pass would rewrite
# the tf2 output's Keras 3 optimizer again, so the file keeps compat saying "with --keras 3 it converts"
KERAS3 = {"layers_cnn.py", "slim_head_sequence_loss.py", "layer_optimizer_slots.py", "layer_momentum_slots.py", "batch_norm_updates.py", "batch_norm_optimizer_block.py", "model_reuse.py", "gan_reuse.py", "rnn_cells.py", "class_dense_agents.py",
          "eager_branch_keras.py", "seeded_before_import.py", "scoped_target_net.py", "soft_target_ddpg.py",
          "zipped_slots_dqn.py", "reset_between_calls.py", "seeded_rnn_dense.py", "seeded_dropout_switch.py",
          "concat_dense_input.py", "second_model_session.py", "carried_rnn_state.py",
          "model_py_func_handed_session.py", "fetched_dict_entries.py"}
NUMBER = re.compile(r"(\w+)=(-?[\d.]+(?:e-?\d+)?|\[[^\]]*\])")


def printed(stdout: str) -> list[tuple[str, list[float]]]:
    """Every `name=value` printed, in order (a value may be a list of numbers)."""
    out = []
    for name, value in NUMBER.findall(stdout):
        out.append((name, [float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", value)]))
    return out


def migrated(tmp_path: Path, name: str, style: str) -> Path:
    folder = tmp_path / style
    folder.mkdir(exist_ok=True)
    target = folder / name
    shutil.copy2(PROGRAMS / name, target)
    keras = ("--keras", "3") if name in KERAS3 else ()
    result = migrate_cli("--style", style, *keras, str(target))
    assert result.returncode == 1, result.stdout + result.stderr
    if style == "tf2":
        assert "1 in TF 2 style (MIG601), 0 kept compat" in result.stderr, result.stdout + result.stderr
        text = target.read_text()
        assert remaining(text) is None and "compat.v1" not in text, text
        for gone in ("tf.compat", "Session(", "placeholder(", "disable_eager_execution", "TF_USE_LEGACY_KERAS"):
            assert gone not in text, f"{gone} left in:\n{text}"
    for again_style in dict.fromkeys(("compat", style)):  # the result is a fixed point of both styles
        again = migrate_cli("--style", again_style, *keras, "--check", str(target))
        assert again.returncode == 0, again.stdout + again.stderr
    return target


# Reads the TensorBoard events a run wrote: v1 summaries (simple_value, histo, image, audio, text's
# tensor) and v2 ones (tensor, its plugin named on a tag's first value only) as `tag@step=value` lines
# (a histogram by its count of values) or `tag@step:what` lines (an image by its decoded pixels, audio by
# its decoded samples, text by its bytes: compared exactly).
EVENTS_READER = """
import glob, hashlib, sys
import tensorflow as tf
def pixels(png):
    a = tf.io.decode_png(png).numpy()
    return "image %s %s" % (a.shape, hashlib.sha1(a.tobytes()).hexdigest())
def samples(wav):
    a = tf.audio.decode_wav(wav).audio.numpy()
    return "audio %s %s" % (a.shape, hashlib.sha1(a.tobytes()).hexdigest())
plugins = {}
for path in sorted(glob.glob(sys.argv[1] + "/**/events.out.tfevents.*", recursive=True)):  # (a writer per directory too)
    for record in tf.data.TFRecordDataset(path):
        event = tf.compat.v1.Event.FromString(record.numpy())
        for v in event.summary.value:
            plugin = plugins.setdefault(v.tag, v.metadata.plugin_data.plugin_name)
            what = None
            if v.HasField("image"):
                what = pixels(v.image.encoded_image_string)
            elif v.HasField("audio"):
                what = samples(v.audio.encoded_audio_string)
            elif v.HasField("tensor") and plugin == "images":  # [width, height, png, ...]
                what = " ".join(pixels(p) for p in tf.make_ndarray(v.tensor)[2:])
            elif v.HasField("tensor") and plugin == "audio":  # [[wav, label], ...]
                what = " ".join(samples(p) for p in tf.make_ndarray(v.tensor)[:, 0])
            elif v.HasField("tensor") and plugin == "text":
                what = "text %r" % (tf.make_ndarray(v.tensor).tolist(),)
            elif v.HasField("tensor"):
                a = tf.make_ndarray(v.tensor)
                value = float(a) if a.ndim == 0 else float(a[:, 2].sum())
            elif v.HasField("histo"):
                value = float(v.histo.num)
            else:
                value = v.simple_value
            if what is None:
                print("%s@%d=%.7g" % (v.tag, event.step, value))
            else:
                print("%s@%d:%s" % (v.tag, event.step, what))
"""


def summaries_written(tmp_path: Path, logdir: Path) -> list[tuple[str, float | str]]:
    """(tag@step, value) of each summary value written under `logdir`, sorted: a number, or a
    string for an image, audio clip or text (EVENTS_READER)."""
    reader = tmp_path / "read_events.py"
    reader.write_text(EVENTS_READER)
    run = run_python(reader, str(logdir))
    assert run.returncode == 0, run.stderr[-2000:]
    return sorted((line.split("=")[0], float(line.split("=")[1])) if "=" in line.split(":")[0] else
                  (line.split(":", 1)[0], line.split(":", 1)[1]) for line in run.stdout.splitlines())


@pytest.mark.parametrize("name", sorted(p.name for p in PROGRAMS.glob("*.py")))
def test_tf2_style_trains_and_restores_like_compat(tmp_path, name):
    jobs = []
    with ThreadPoolExecutor(max_workers=2) as pool:  # both migrations side by side (separate processes)
        programs = list(pool.map(lambda style: migrated(tmp_path, name, style), ("compat", "tf2")))
    for style, program in zip(("compat", "tf2"), programs):
        workdir = tmp_path / f"{style}_out"
        workdir.mkdir()
        jobs.append((program, (str(workdir),)))
    runs = {}
    for style, run in zip(("compat", "tf2"), run_pythons(*jobs)):
        assert run.returncode == 0, f"{style}:\n{run.stderr[-3000:]}"
        runs[style] = printed(run.stdout)
    compat, tf2 = runs["compat"], runs["tf2"]
    assert [n for n, _ in compat] == [n for n, _ in tf2] and len(compat) >= 4, (compat, tf2)
    for (name_, a), (_, b) in zip(compat, tf2):
        assert len(a) == len(b), name_
        for x, y in zip(a, b):
            if name in EXACT:
                assert y == x, f"{name_}: compat {a} vs tf2 {b}"
            else:
                assert y == pytest.approx(x, rel=TOLERANCE, abs=1e-6), f"{name_}: compat {a} vs tf2 {b}"
    if name.startswith("summaries"):
        events = {style: summaries_written(tmp_path, tmp_path / f"{style}_out") for style in ("compat", "tf2")}
        assert [t for t, _ in events["compat"]] == [t for t, _ in events["tf2"]], events
        for (tag, a), (_, b) in zip(events["compat"], events["tf2"]):
            assert b == a if isinstance(a, str) else b == pytest.approx(a, rel=TOLERANCE, abs=1e-6), (tag, a, b)
        tags = [t for t, _ in events["tf2"]]
        if name == "summaries_regression.py":
            assert len(tags) == 16, events  # 5 steps x (mse, error, mean_abs_error) + the last mean_abs_error
            assert "fit/mse@0" in tags, events  # the name scope's prefix, as TF 1.x tagged it
        elif name == "summaries_helpers.py":  # 3 adds x (2 sites x 3 + 2 sites x 2 + the loss + 5 statistics)
            assert len(tags) == 48 and {"layer1/weights/layer1/weights@0", "layer2/layer2/outputs@20", "Hidden/kernel@10",
                                        "Output/average@0", "loss/loss@20", "loss/summaries/mean/error@10",
                                        "loss/summaries/error@20"} <= set(tags), events
        elif name == "summaries_writer_in_loop.py":  # 12 passes' writers x (slope, histogram) + the branch's
            assert len(tags) == 26 and {"Loss/L1_Loss@0", "Residuals@11", "Residuals@100"} <= set(tags), events
        elif name == "summaries_eval_float_step.py":  # 3 epochs x 2 steps, written at int(epoch * 2.5 + i)
            assert tags == ["cost@0", "cost@1", "cost@2", "cost@3", "cost@5", "cost@6"], events
        elif name == "summaries_handed_session.py":  # 5 steps x (loss, weights)
            assert len(tags) == 10 and {"loss@0", "weights@4"} <= set(tags), events
        else:  # summaries_images_text.py: 3 steps x 12 values + the evaluation's
            assert len(tags) == 37 and {"inputs/image/1@4", "pictures/pictures/train/outputs/image@0", "clip/audio@2",
                                        "loss_text@0", "fit/train_loss_1@4", "evaluation@6"} <= set(tags), events
    print(name, "compat:", compat)
    print(name, "tf2:   ", tf2)


def test_list_fed_steps_trace_once(tmp_path):
    """The converted list_feeds.py traces each step once: without its placeholders' specs a tf.function
    fed a Python list traced again at every new list (a fresh-eyes trial's 23x slowdown, word2vec_tf.py's
    epochs)."""
    program = migrated(tmp_path, "list_feeds.py", "tf2")
    text = program.read_text()
    steps = re.findall(r"^def ((?:train_step|compute_)\w*)\(", text, re.MULTILINE)
    assert steps == ["train_step", "compute_correct"], text
    program.write_text(text + "".join(f"\nprint('traces', {s}.experimental_get_tracing_count())" for s in steps) + "\n")
    run = run_python(program)
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.findall(r"^traces (\d+)$", run.stdout, re.MULTILINE) == ["1", "1"], run.stdout
