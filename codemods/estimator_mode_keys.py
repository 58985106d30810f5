"""MIG506: `tf.estimator.ModeKeys.TRAIN` / `EVAL` / `PREDICT` -> the strings they are."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import DottedNameCodemod, absolute_module, dotted_text, with_aliases
from migrate.prescan import dotted_name, qualify, tf_symbol

# The members of tf.estimator.ModeKeys and their values: plain class attributes holding
# these strings in TF 1.x and in the tensorflow_estimator package until its last release
# (tensorflow_estimator/python/estimator/mode_keys.py; TF 1.x's
# tensorflow/python/saved_model/model_utils/mode_keys.py: EstimatorModeKeys).
VALUES = {"TRAIN": "train", "EVAL": "eval", "PREDICT": "infer"}
# Where the class lived besides tf.estimator.ModeKeys (qualified names).
ESTIMATOR_MODULES = ("tensorflow_estimator.python.estimator.mode_keys", "tensorflow_estimator.python.estimator.model_fn",
                     "tensorflow.python.estimator.mode_keys", "tensorflow.python.estimator.model_fn")


def mode_keys_path(qualified: str | None) -> str | None:
    """"tensorflow.compat.v1.estimator.ModeKeys.TRAIN" -> "TRAIN"; "" for the class
    itself; None for any other name."""
    if not qualified:
        return None
    symbol = None
    if qualified.startswith("tensorflow_estimator.estimator."):
        symbol = qualified[len("tensorflow_estimator."):]
    else:
        for module in ESTIMATOR_MODULES:
            if qualified.startswith(module + "."):
                symbol = "estimator." + qualified[len(module) + 1:]
        if symbol is None:
            symbol = tf_symbol(qualified)
    if symbol == "estimator.ModeKeys":
        return ""
    if symbol and symbol.startswith("estimator.ModeKeys."):
        return symbol[len("estimator.ModeKeys."):]
    return None


class EstimatorModeKeys(DottedNameCodemod):
    """`tf.estimator.ModeKeys.TRAIN`, `.EVAL`, `.PREDICT` are the strings "train", "eval",
    "infer" (class constants of TF 1.x); TF 2.16+ has no tf.estimator, so a module that
    only compares or passes modes fails at import. Every form becomes its string: the
    attribute through any TensorFlow alias (`tf.compat.v1` included), `from
    tensorflow.estimator import ModeKeys [as M]` (the import goes when nothing else uses
    it) and `modes = tf.estimator.ModeKeys` assigned once at module level (removed when
    only its members are read). Any other use of the class is left to MIG181.

    Before::

        if mode == tf.estimator.ModeKeys.TRAIN:
            ...

    After::

        if mode == "train":
            ...
    """

    CODE = "MIG506"
    TITLE = "tf.estimator.ModeKeys.TRAIN/EVAL/PREDICT -> the strings 'train'/'eval'/'infer' they are"
    WARNINGS: dict[str, str] = {}

    @classmethod
    def needed(cls, facts, settings):
        if "ModeKeys" not in facts.source:
            return False
        return any(mode_keys_path(name) is not None for name in facts.names) or bool(cls._assigned(facts))

    @staticmethod
    def _assigned(facts) -> dict[str, bool]:
        """`modes = tf.estimator.ModeKeys` (one assignment, at module level): {name: True
        when every use of the name reads one of VALUES}."""
        stores: dict[str, int] = {}
        for node in facts.of_type(ast.Name):
            if not isinstance(node.ctx, ast.Load):
                stores[node.id] = stores.get(node.id, 0) + 1
        found = {}
        for stmt in facts.tree.body:
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and mode_keys_path(qualify(stmt.value, facts.aliases)) == "" and stores.get(stmt.targets[0].id) == 1):
                found[stmt.targets[0].id] = True
        if found:
            members = {id(node.value) for node in facts.of_type(ast.Attribute)
                       if isinstance(node.value, ast.Name) and node.attr in VALUES}
            used = set()
            for node in facts.of_type(ast.Name):
                if node.id in found and isinstance(node.ctx, ast.Load):
                    used.add(node.id)
                    if id(node) not in members:
                        found[node.id] = False
            for name in set(found) - used:  # never read: nothing was rewritten, MIG181 reports it
                del found[name]
        return found

    def __init__(self, file):
        super().__init__(file)
        facts = file.facts
        self.assigned = self._assigned(facts)
        # local names bound by an import of the class (or of a module holding it) whose every
        # use is a member of the class: their imports go once the members are strings
        self.removable = {local for local, target in facts.aliases.items() if self._only_members(facts, local, target)}

    @staticmethod
    def _only_members(facts, local: str, target: str) -> bool:
        if mode_keys_path(target) != "" and mode_keys_path(f"{target}.ModeKeys") != "" and target != "tensorflow_estimator":
            return False
        uses = [f"{target}{dotted[len(local):]}" for dotted in _outermost_chains(facts)
                if dotted == local or dotted.startswith(local + ".")]
        return bool(uses) and all((mode_keys_path(name) or "").split(".")[0] in VALUES for name in uses)

    def _path(self, node: cst.CSTNode) -> str | None:
        path = mode_keys_path(self.qualname(node))
        if path is None and isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            if node.value.value in self.assigned:
                return node.attr.value
        return path

    def rewrite_name(self, original_node, updated_node):
        member = self._path(original_node)
        if member not in VALUES:
            return updated_node
        self.changed(original_node, f"tf.estimator.ModeKeys.{member} -> {VALUES[member]!r} (the string it is)")
        return cst.SimpleString(f'"{VALUES[member]}"')

    # -- `modes = tf.estimator.ModeKeys` and imports of the class ------------------------
    def leave_Assign(self, original_node, updated_node):
        targets = original_node.targets
        if (len(targets) == 1 and isinstance(targets[0].target, cst.Name)
                and self.assigned.get(targets[0].target.value)):
            self.changed(original_node, "alias of tf.estimator.ModeKeys removed (its members are strings now)")
            return cst.RemoveFromParent()
        return updated_node

    def leave_Import(self, original_node, updated_node):
        keep = [a for a in updated_node.names if a.asname is None or dotted_text(a.asname.name) not in self.removable]
        return self._drop(original_node, updated_node, keep)

    def leave_ImportFrom(self, original_node, updated_node):
        if absolute_module(original_node) is None:
            return updated_node
        keep = [a for a in updated_node.names
                if dotted_text(a.asname.name if a.asname else a.name) not in self.removable]
        return self._drop(original_node, updated_node, keep)

    def _drop(self, original_node, updated_node, keep):
        if len(keep) == len(updated_node.names):
            return updated_node
        self.changed(original_node, "import for tf.estimator.ModeKeys removed (its members are strings now)")
        return with_aliases(updated_node, keep)


def _outermost_chains(facts) -> list[str]:
    """Every dotted name read in the file, whole (`a.b.c`, not its prefixes `a.b` and `a`)."""
    inner = {id(node.value) for node in facts.of_type(ast.Attribute)}
    chains = []
    for node in facts.of_type(ast.Attribute, ast.Name):
        if id(node) not in inner:
            dotted = dotted_name(node)
            if dotted:
                chains.append(dotted)
    return chains
