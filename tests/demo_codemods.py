"""Two tiny codemods with exactly known behaviour, used by the engine tests."""

from migrate.codemod import Codemod


class DemoRandomNormal(Codemod):
    """tf.random_normal(...) -> tf.random.normal(...)"""

    CODE = "MIG901"
    TITLE = "demo rename"

    @classmethod
    def needed(cls, facts, settings):
        return "random_normal" in facts.tf_symbols()

    def leave_Attribute(self, original_node, updated_node):
        if self.tf_symbol(original_node) == "random_normal":
            self.changed(original_node, "tf.random_normal -> tf.random.normal")
            return self.file.tf_attr("random.normal")
        return updated_node


class DemoSessionWarning(Codemod):
    """tf.Session -> a warning only."""

    CODE = "MIG902"
    TITLE = "demo warning"
    WARNINGS = {"MIG903": "demo session warning"}

    @classmethod
    def needed(cls, facts, settings):
        return "Session" in facts.tf_symbols()

    def leave_Call(self, original_node, updated_node):
        if self.tf_symbol(original_node.func) == "Session":
            self.warn(original_node, "MIG903", "tf.Session needs a human")
        return updated_node
