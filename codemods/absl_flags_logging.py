"""MIG106: tf.flags / tf.app.flags / tf.app.run / tf.logging -> absl.flags / absl.app / absl.logging."""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, dotted_expr

# tf.logging names that absl.logging has with the same meaning.  The levels are a
# matched set: TF's were Python logging levels (INFO=20), absl's are its own (INFO=0),
# and absl's set_verbosity/log take absl levels, so TF constants map to absl constants.
ABSL_LOGGING = frozenset({
    "debug", "info", "warning", "warn", "error", "fatal", "log", "vlog", "log_every_n",
    "log_first_n", "log_if", "flush", "get_verbosity", "set_verbosity",
    "DEBUG", "INFO", "WARN", "ERROR", "FATAL",
})
# Calls whose level argument (first one) must be an absl level, not a number.
LEVEL_CALLS = frozenset({"log", "vlog", "set_verbosity", "log_every_n", "log_first_n", "log_if"})
# tf.flags' own keyword names for the DEFINE_* functions (TF 1.x accepted both spellings).
TF_FLAG_KEYWORDS = {"flag_name": "name", "default_value": "default", "docstring": "help"}
# Module paths that ARE tf.flags / tf.logging / tf.app (v1 API paths, and TF's private homes).
FLAGS_MODULES = {"flags", "app.flags"}
MODULE_HOMES = {
    "tensorflow.flags": "flags", "tensorflow.app.flags": "flags",
    "tensorflow.compat.v1.flags": "flags", "tensorflow.compat.v1.app.flags": "flags",
    "tensorflow.python.platform.flags": "flags",
    "tensorflow.logging": "logging", "tensorflow.compat.v1.logging": "logging",
    "tensorflow.python.platform.tf_logging": "logging",
    "tensorflow.app": "app", "tensorflow.compat.v1.app": "app",
    "tensorflow.python.platform.app": "app",
}


def _kind(symbol: str) -> tuple[str, str] | None:
    """("flags"|"logging"|"app", rest) for a v1 API path under tf.flags / tf.logging / tf.app."""
    for prefix, kind in (("app.flags", "flags"), ("flags", "flags"), ("logging", "logging"), ("app", "app")):
        if symbol == prefix:
            return kind, ""
        if symbol.startswith(prefix + "."):
            return kind, symbol[len(prefix) + 1:]
    return None


class AbslFlagsLogging(Codemod):
    """TF 2 has no tf.flags, tf.app or tf.logging; they were absl underneath.

    Before::

        import tensorflow as tf

        flags = tf.app.flags
        flags.DEFINE_integer("steps", 100, "Training steps.")
        FLAGS = flags.FLAGS
        tf.logging.set_verbosity(tf.logging.INFO)

        def main(_):
            tf.logging.info("steps=%d", FLAGS.steps)

        if __name__ == "__main__":
            tf.app.run()

    After::

        import tensorflow as tf
        from absl import app
        from absl import logging

        from absl import flags
        flags.DEFINE_integer("steps", 100, "Training steps.")
        FLAGS = flags.FLAGS
        logging.set_verbosity(logging.INFO)

        def main(_):
            logging.info("steps=%d", FLAGS.steps)

        if __name__ == "__main__":
            app.run(main)

    `tf.app.run()` found `main` in `__main__`; absl's `app.run` needs it passed, and calls
    it with argv just as TF did.  TF's `flag_name=`/`default_value=`/`docstring=` keywords
    become absl's `name=`/`default=`/`help=`.
    """

    CODE = "MIG106"
    TITLE = "tf.flags / tf.app.flags / tf.app.run / tf.logging -> absl.flags / absl.app / absl.logging"
    WARNINGS = {
        "MIG161": "tf.app / tf.logging use that cannot be moved to absl as it is (says what to do)",
    }

    @classmethod
    def needed(cls, facts, settings):
        if not any(word in facts.source for word in ("flags", "logging", "app")):
            return False
        if any(_kind(s) for s in facts.tf_symbols()):
            return True
        return any(i.qualified in MODULE_HOMES for i in facts.imports)

    def __init__(self, file):
        super().__init__(file)
        self._inner: set[int] = set()
        self._local: dict[str, str] = {}  # local name -> "flags"/"logging"/"app" after migration
        self._absl_name: dict[str, str] = {}  # "flags" -> local name bound to absl.flags
        self._main_params: dict[str, int] = _top_level_functions(file.facts.tree)
        for imp in file.facts.imports:
            kind = MODULE_HOMES.get(imp.qualified)
            if kind is not None and imp.name is not None:
                self._local[imp.bound] = kind

    # -- names ------------------------------------------------------------------------
    def _absl(self, kind: str) -> str:
        """Local name of absl.<kind>, imported once (`absl_<kind>` if the name is taken)."""
        if kind in self._absl_name:
            return self._absl_name[kind]
        facts = self.file.facts
        taken = set(facts.aliases) | _bound_names(facts)
        existing = next((l for l, t in facts.aliases.items() if t == f"absl.{kind}"), None)
        if existing is not None:
            local = existing
        elif kind not in taken or self._local.get(kind) == kind:
            local = self.file.add_import("absl", kind)
        else:
            local = self.file.add_import("absl", kind, f"absl_{kind}")
        self.require("absl-py")
        self._absl_name[kind] = local
        return local

    def _what(self, node: cst.CSTNode) -> tuple[str, str, bool] | None:
        """(kind, rest, rooted_at_tf) for a flags/logging/app name chain."""
        symbol = self.tf_symbol(node)
        if symbol is not None:
            found = _kind(symbol)
            if found is not None:
                return (*found, True)
        parts = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if isinstance(node, cst.Name) and node.value in self._local:
            return self._local[node.value], ".".join(reversed(parts)), False
        return None

    # -- traversal bookkeeping ------------------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._inner.add(id(node.value))
        self._inner.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._inner.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self._inner.add(id(node.name))

    def visit_Import(self, node) -> bool:
        return False

    def visit_ImportFrom(self, node) -> bool:
        return False

    # -- `from tensorflow.python.platform import flags` and friends -------------------------
    def leave_ImportFrom(self, original_node, updated_node):
        if original_node.relative or original_node.module is None or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = cst.Module([]).code_for_node(original_node.module)
        kinds = [MODULE_HOMES.get(f"{module}.{a.name.value}") if isinstance(a.name, cst.Name) else None
                 for a in original_node.names]
        if not any(kinds):
            return updated_node
        if None in kinds:
            # `from tensorflow import flags, keras`: flags moves to its own absl import.
            kept = []
            for alias, kind in zip(updated_node.names, kinds):
                if kind is None:
                    kept.append(alias)
                    continue
                bound = alias.asname.name.value if alias.asname else alias.name.value
                code = f"from absl import {kind}" + ("" if bound == kind else f" as {bound}")
                self.file.add_statement(code + "\n", where="top", key=code)
                self._absl_name.setdefault(kind, bound)
            self.require("absl-py")
            self.changed(original_node, f"from {module} import ... -> from absl import ...")
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated_node.with_changes(names=kept)
        names = []
        for alias, kind in zip(updated_node.names, kinds):
            bound = alias.asname.name.value if alias.asname else alias.name.value
            names.append(alias.with_changes(
                name=cst.Name(kind),
                asname=None if bound == kind else cst.AsName(name=cst.Name(bound)),
            ))
            self._absl_name.setdefault(kind, bound)
        self.require("absl-py")
        self.changed(original_node, f"from {module} import ... -> from absl import ...")
        return updated_node.with_changes(module=cst.Name("absl"), names=names)

    # -- `flags = tf.app.flags` -> `from absl import flags` ---------------------------------
    def _module_alias(self, node: cst.SimpleStatementLine) -> tuple[str, str] | None:
        """(target, kind) for a statement `target = tf.app.flags` (or tf.flags / tf.logging / tf.app)."""
        if len(node.body) != 1 or not isinstance(node.body[0], cst.Assign):
            return None
        assign = node.body[0]
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
            return None
        symbol = self.tf_symbol(assign.value)
        found = _kind(symbol) if symbol else None
        if found is None or found[1] != "":
            return None
        return assign.targets[0].target.value, found[0]

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        alias = self._module_alias(node)
        if alias is not None:
            target, kind = alias
            self._inner.add(id(node.body[0].value))  # replaced as a whole statement
            self._local[target] = kind
            self._absl_name.setdefault(kind, target)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        alias = self._module_alias(original_node)
        if alias is None:
            return updated_node
        target, kind = alias
        self.require("absl-py")
        self.changed(original_node, f"{target} = tf.{_v1_path(kind)} -> from absl import {kind}")
        name = cst.ImportAlias(name=cst.Name(kind), asname=None if target == kind else cst.AsName(name=cst.Name(target)))
        return updated_node.with_changes(body=[cst.ImportFrom(module=cst.Name("absl"), names=[name])])

    # -- TF 1 parsed the command line on the first read of a flag -----------------------------
    def leave_Module(self, original_node, updated_node):
        """`tf.app.flags.FLAGS` parsed `sys.argv` (known flags only) the first time a flag was
        read (tensorflow/python/platform/flags.py, `_FlagValuesWrapper.__getattr__`); absl's
        FLAGS raises UnparsedFlagAccessError instead. A program that reads a flag before, or
        without, `app.run` -- at module level, or from a `__main__` block that calls its
        functions directly -- gets that parse made explicit just before the first such
        statement, with TF 1's arguments."""
        if "flags" not in self._absl_name:
            return updated_node
        flags_names = {self._absl_name["flags"], *(n for n, k in self._local.items() if k == "flags")}
        holders: set[str] = set()
        reads_somewhere = "FLAGS." in self.file.facts.source
        readers = _reading_functions(updated_node, flags_names) if reads_somewhere else set()
        for index, statement in enumerate(updated_node.body):
            scan = _FlagReads(holders, flags_names, readers)
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                # what runs when the def or class statement runs: decorators, a def's default
                # values (`def next_batch(n=FLAGS.batch_size)`: instillai's linear_svm), a class's
                # bases and body (its methods' bodies run later)
                parts = [d.decorator for d in statement.decorators]
                if isinstance(statement, cst.FunctionDef):
                    params = statement.params
                    parts += [p.default for p in (*params.posonly_params, *params.params, *params.kwonly_params)
                              if p.default is not None]
                else:
                    parts += [a.value for a in statement.bases] + [statement.body]
                for part in parts:
                    part.visit(scan)
                if not scan.reads:
                    continue
                return self._parse_before(original_node, updated_node, index, holders)
            statement.visit(scan)
            if scan.parses or (scan.runs_app and not scan.reads):
                return updated_node
            main_without_app = _is_main_block(statement) and reads_somewhere
            if scan.reads or main_without_app:
                return self._parse_before(original_node, updated_node, index, holders)
            holders.update(_flag_value_names(statement, scan))
        return updated_node

    def _parse_before(self, original: cst.Module, module: cst.Module, index: int, holders: set[str]) -> cst.Module:
        flags_value = sorted(holders)[0] if holders else f"{self._absl_name['flags']}.FLAGS"
        sys_name = self.file.add_import("sys")
        guard = cst.parse_statement(
            f"if not {flags_value}.is_parsed():  # tf.app.flags parsed the command line on first use\n"
            f"    {flags_value}({sys_name}.argv, known_only=True)\n")
        site = original.body[index] if len(original.body) == len(module.body) else module.body[index]
        self.changed(site, "tf.app.flags parsed sys.argv on the first read of a flag, absl does not: "
                                         "the parse is made explicit before the first read")
        body = list(module.body)
        # the blank lines and comments above the statement now stand above the parse
        guard = guard.with_changes(leading_lines=body[index].leading_lines)
        # a def or class keeps PEP 8's two blank lines above it (now below the parse)
        blank = (cst.EmptyLine(), cst.EmptyLine()) if isinstance(body[index], (cst.FunctionDef, cst.ClassDef)) else ()
        body[index:index + 1] = [guard, body[index].with_changes(leading_lines=blank)]
        return module.with_changes(body=body)

    # -- uses -------------------------------------------------------------------------------
    def leave_Attribute(self, original_node, updated_node):
        if id(original_node) in self._inner:
            return updated_node
        what = self._what(original_node)
        if what is None:
            return updated_node
        kind, rest, from_tf = what
        if kind == "app" and rest not in ("", "run", "flags"):
            self.warn(original_node, "MIG161", f"tf.app.{rest} has no absl equivalent: use absl.app or plain Python")
            return updated_node
        if kind == "logging" and rest and rest.split(".")[0] not in ABSL_LOGGING:
            if (self.qualname(original_node) or "").startswith("tensorflow.compat.v1.logging."):
                return updated_node  # already the TF 2 spelling of a name absl lacks
            if from_tf:
                self.changed(original_node, f"tf.logging.{rest} -> tf.compat.v1.logging.{rest} (absl.logging has no {rest})")
                return self.file.tf_attr(f"compat.v1.logging.{rest}")
            self.warn(original_node, "MIG161", f"absl.logging has no {rest}: use another absl.logging function or tf.compat.v1.logging.{rest}")
            return updated_node
        if not from_tf:
            return updated_node  # the name is now bound to absl by its rewritten import
        self.changed(original_node, f"tf.{_v1_path(kind)}{'.' + rest if rest else ''} -> absl.{kind}{'.' + rest if rest else ''}")
        return dotted_expr(".".join(filter(None, (self._absl(kind), rest))))

    def leave_Call(self, original_node, updated_node):
        what = self._what(original_node.func)
        if what is None:
            return updated_node
        kind, rest, _ = what
        if kind == "flags" and rest.startswith("DEFINE"):
            return self._define_keywords(original_node, updated_node)
        if kind == "logging" and rest in LEVEL_CALLS:
            self._check_level(original_node, rest)
            return updated_node
        if kind == "app" and rest == "run":
            return self._app_run(original_node, updated_node)
        return updated_node

    def _define_keywords(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not any(a.keyword is not None and a.keyword.value in TF_FLAG_KEYWORDS for a in updated.args):
            return updated
        args = [
            a.with_changes(keyword=cst.Name(TF_FLAG_KEYWORDS[a.keyword.value]))
            if a.keyword is not None and a.keyword.value in TF_FLAG_KEYWORDS else a
            for a in updated.args
        ]
        self.changed(original, "tf.flags keywords flag_name/default_value/docstring -> absl name/default/help")
        return updated.with_changes(args=args)

    def _check_level(self, call: cst.Call, function: str) -> None:
        level = next((a.value for a in call.args if a.keyword is None), None)
        if level is None:
            level = next((a.value for a in call.args if a.keyword and a.keyword.value in ("level", "v")), None)
        if isinstance(level, cst.Integer) and function != "vlog":
            self.warn(
                level, "MIG161",
                f"logging.{function} with a numeric level: tf.logging used Python levels "
                "(INFO=20), absl.logging uses its own (INFO=0, WARNING=-1): pass logging.INFO etc.",
            )

    def _tolerant(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """TF 1's app.run parsed known flags only (`flags_parser=_parse_flags_tolerate_undef`:
        `FLAGS(argv, known_only=True)`), leaving the rest in main's argv; absl's default
        parser exits on any undefined flag. Pass TF 1's parser, so `train.py --unused=1`
        still runs."""
        if any(a.keyword is not None and a.keyword.value == "flags_parser" for a in original.args):
            return updated
        flags_name = self._absl("flags")
        parser = cst.parse_expression(f"lambda argv: {flags_name}.FLAGS(argv, known_only=True)")
        args = list(updated.args)
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(cst.Arg(
            keyword=cst.Name("flags_parser"), value=parser,
            equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
        ))
        self.changed(original, "app.run: TF 1's parser of known flags kept (absl would exit on an undefined flag)")
        return updated.with_changes(args=args)

    def _app_run(self, original: cst.Call, updated: cst.Call):
        has_main = bool(original.args) and (
            original.args[0].keyword is None or any(a.keyword and a.keyword.value == "main" for a in original.args)
        )
        if any(a.star for a in original.args):
            return updated
        if has_main:
            return self._tolerant(original, updated)
        if "main" not in self._main_params:
            self.warn(
                original, "MIG161",
                "app.run() without main: TF found `main` in __main__, absl needs it passed: "
                "write app.run(main) with your main(argv) function",
            )
            return updated
        if self._main_params["main"] == 0:
            self.warn(
                original, "MIG161",
                "main() takes no arguments but app.run calls main(argv): define it as main(argv) or main(_)",
            )
        self.changed(original, "app.run() -> app.run(main): absl does not look up main in __main__")
        return self._tolerant(original, updated.with_changes(args=[cst.Arg(value=cst.Name("main")), *updated.args]))


class _FlagReads(cst.CSTVisitor):
    """Reads of flag values (`FLAGS.x`, `flags.FLAGS.x`) that run when the statement runs
    (not inside a def, class or lambda); whether the statement parses flags itself
    (`FLAGS(argv)`, `FLAGS.is_parsed()`, ...) or calls app.run."""

    PARSING = frozenset({"is_parsed", "mark_as_parsed", "_parse_flags", "unparse_flags", "read_flags_from_files"})

    def __init__(self, holders: set[str], flags_names: set[str], readers: frozenset[str] | set[str] = frozenset()):
        self.holders, self.flags_names = holders, flags_names
        self.readers = readers  # module-level functions whose call reads a flag
        self.reads = self.parses = self.runs_app = False
        self.called: set[str] = set()  # names called (`f(...)`)

    def _is_flags(self, node) -> bool:
        if isinstance(node, cst.Name):
            return node.value in self.holders
        return (isinstance(node, cst.Attribute) and node.attr.value == "FLAGS"
                and isinstance(node.value, cst.Name) and node.value.value in self.flags_names)

    def visit_FunctionDef(self, node) -> bool:
        return False

    def visit_ClassDef(self, node) -> bool:
        return False

    def visit_Lambda(self, node) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._is_flags(node.value):
            if node.attr.value in self.PARSING:
                self.parses = True
            elif not node.attr.value.startswith("DEFINE"):
                self.reads = True

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_flags(node.func):
            self.parses = True
        if isinstance(node.func, cst.Name):
            self.called.add(node.func.value)
            if node.func.value in self.readers:
                self.reads = True  # `run_train()` at module level: its first flag read parsed argv in TF 1
        if (isinstance(node.func, cst.Attribute) and node.func.attr.value == "run"
                and isinstance(node.func.value, cst.Name) and node.func.value.value in ("app", "absl_app")):
            self.runs_app = True


def _flag_value_names(statement, scan: _FlagReads) -> list[str]:
    """The names a module-level statement binds to the flag values (`FLAGS = flags.FLAGS`;
    `scan._is_flags` says what the flag values are)."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return []
    return [small.targets[0].target.value for small in statement.body
            if isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name) and scan._is_flags(small.value)]


def _holder_names(module: cst.Module, flags_names: set[str]) -> set[str]:
    """Module-level names bound to the flag values: `FLAGS = flags.FLAGS`."""
    scan = _FlagReads(set(), flags_names)
    return {name for statement in module.body for name in _flag_value_names(statement, scan)}


def _reading_functions(module: cst.Module, flags_names: set[str]) -> set[str]:
    """Module-level functions that read a flag when called: in their own body (not in a nested
    def, class or lambda), or through a call of another such function of the module."""
    holders = _holder_names(module, flags_names)
    functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    reads: set[str] = set()
    calls: dict[str, set[str]] = {}
    for name, function in functions.items():
        scan = _FlagReads(holders, flags_names)
        function.body.visit(scan)
        if scan.reads:
            reads.add(name)
        calls[name] = scan.called & functions.keys()
    grew = True
    while grew:
        grew = False
        for name, called in calls.items():
            if name not in reads and called & reads:
                reads.add(name)
                grew = True
    return reads


def _is_main_block(statement) -> bool:
    if not isinstance(statement, cst.If) or not isinstance(statement.test, cst.Comparison):
        return False
    parts = [statement.test.left] + [c.comparator for c in statement.test.comparisons]
    return any(isinstance(p, cst.Name) and p.value == "__name__" for p in parts) and any(
        isinstance(p, cst.SimpleString) and p.evaluated_value == "__main__" for p in parts)


def _v1_path(kind: str) -> str:
    return {"flags": "app.flags", "logging": "logging", "app": "app"}[kind]


def _bound_names(facts) -> set[str]:
    """Names the file binds other than by import (assignments, defs, parameters)."""
    names = {n.id for n in facts.of_type(ast.Name) if not isinstance(n.ctx, ast.Load)}
    names.update(n.name for n in facts.of_type(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    names.update(a.arg for a in facts.of_type(ast.arg))
    return names


def _top_level_functions(tree: ast.Module) -> dict[str, int]:
    """name -> number of positional parameters (9 for *args) of module-level functions."""
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            count = len(node.args.posonlyargs) + len(node.args.args)
            out[node.name] = 9 if node.args.vararg else count
    return out
