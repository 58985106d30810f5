"""MIG213: TFRecord writing on Python 3 - image files read in binary mode, BytesList given bytes."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import libcst as cst

from migrate.codemod import Codemod
from migrate.prescan import Facts, dotted_name

GFILE_OPENERS = {"gfile.FastGFile", "gfile.GFile", "gfile.Open", "io.gfile.GFile"}
# Data that is an image: a file name or variable that says so, or a decoder it is fed to.
IMAGE_WORDS = re.compile(r"image|img|jpe?g|png|gif|bmp|photo|picture", re.IGNORECASE)
IMAGE_CONSUMERS = {
    "image.decode_jpeg", "image.decode_png", "image.decode_image", "image.decode_gif",
    "image.decode_bmp", "io.decode_jpeg", "io.decode_png", "io.decode_image", "train.BytesList",
}
LEGACY_RECORD_API = {
    "gfile.FastGFile", "gfile.GFile", "gfile.Open", "python_io.TFRecordWriter", "python_io.tf_record_iterator",
}
# Expressions whose value is a Python str (on Python 3).
STR_METHODS = {"format", "join", "strip", "lstrip", "rstrip", "lower", "upper", "replace", "decode"}
STR_FUNCTIONS = {"str", "repr", "os.path.basename", "os.path.join", "os.path.dirname", "os.path.splitext"}


@dataclass
class Sites:
    binary_reads: set[tuple[int, int]] = field(default_factory=set)  # mode arguments "r" -> "rb"
    str_values: dict[tuple[int, int], str] = field(default_factory=dict)  # BytesList items: how
    warnings: set[tuple[int, int]] = field(default_factory=set)  # BytesList value= not provable
    unknown_items: set[tuple[int, int]] = field(default_factory=set)  # items of unknown type (TF1 code)
    fast_gfile: bool = False

    def __bool__(self) -> bool:
        return bool(self.binary_reads or self.str_values or self.warnings or self.unknown_items or self.fast_gfile)


class _Analysis:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.lines = facts.source.splitlines()
        self.sites = Sites()
        # TF1 record-writing code (written for Python 2, where str was bytes)
        self.legacy = any(s in LEGACY_RECORD_API for s in facts.tf_symbols())
        self.parents: dict[int, ast.AST] = facts.parents()  # shared with other codemods: read only
        self.bindings: dict[str, list[ast.AST]] = {}  # name -> values assigned to it
        self.loads: dict[str, list[ast.Name]] = {}
        for node in facts.walk():
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.bindings.setdefault(target.id, []).append(node.value)
                    else:
                        for name in ast.walk(target):
                            if isinstance(name, ast.Name):
                                self.bindings.setdefault(name.id, []).append(None)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self.loads.setdefault(node.id, []).append(node)
            elif isinstance(node, (ast.For, ast.comprehension, ast.withitem, ast.arguments, ast.AugAssign)):
                if isinstance(node, ast.withitem):
                    bound = node.optional_vars
                elif isinstance(node, ast.arguments):
                    bound = node
                else:
                    bound = node.target
                for name in ast.walk(bound) if bound is not None else ():
                    if isinstance(name, ast.Name) and not isinstance(name.ctx, ast.Load):
                        self.bindings.setdefault(name.id, []).append(None)
                    elif isinstance(name, ast.arg):
                        self.bindings.setdefault(name.arg, []).append(None)
        for node in facts.of_type(ast.Call):
            symbol = self.symbol(node.func)
            if symbol in GFILE_OPENERS:
                self.sites.fast_gfile |= symbol == "gfile.FastGFile"
                self._gfile(node)
            elif symbol == "train.BytesList":
                self._bytes_list(node)

    def symbol(self, node: ast.AST) -> str | None:
        return self.facts.tf_symbol_of(node)

    def position(self, node: ast.AST) -> tuple[int, int]:
        line = self.lines[node.lineno - 1] if node.lineno - 1 < len(self.lines) else ""
        return node.lineno, len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))

    # -- gfile reads ---------------------------------------------------------------
    def _gfile(self, call: ast.Call) -> None:
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        if not (isinstance(mode, ast.Constant) and mode.value == "r"):
            return
        if self._is_image_read(call):
            self.sites.binary_reads.add(self.position(mode))

    def _is_image_read(self, call: ast.Call) -> bool:
        path = call.args[0] if call.args else None
        if path is not None and IMAGE_WORDS.search(ast.unparse(path)):
            return True
        handle = self._handle_name(call)
        if handle is None:
            return False
        for load in self.loads.get(handle, []):
            read = self.parents.get(id(load))
            if isinstance(read, ast.Attribute) and read.attr == "read":
                if self._image_data(self.parents.get(id(read))):
                    return True
        return False

    def _handle_name(self, call: ast.Call) -> str | None:
        parent = self.parents.get(id(call))
        if isinstance(parent, ast.withitem) and isinstance(parent.optional_vars, ast.Name):
            return parent.optional_vars.id
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            return parent.targets[0].id
        return None

    def _image_data(self, read_call: ast.AST | None) -> bool:
        """Is the result of `f.read()` used as image bytes?"""
        if not isinstance(read_call, ast.Call):
            return False
        if self._consumed_as_image(read_call):
            return True
        parent = self.parents.get(id(read_call))
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            name = parent.targets[0].id
            if IMAGE_WORDS.search(name) or "encoded" in name:
                return True
            return any(self._consumed_as_image(load) for load in self.loads.get(name, []))
        return False

    def _consumed_as_image(self, node: ast.AST) -> bool:
        for _ in range(3):  # the value itself, inside a list, inside a keyword
            parent = self.parents.get(id(node))
            if isinstance(parent, ast.Call) and self.symbol(parent.func) in IMAGE_CONSUMERS:
                return True
            if not isinstance(parent, (ast.List, ast.keyword)):
                return False
            node = parent
        return False

    # -- BytesList values ---------------------------------------------------------------
    def _bytes_list(self, call: ast.Call) -> None:
        value = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "value"), None)
        if value is None:
            return
        if isinstance(value, ast.List):
            for item in value.elts:
                how = self._encoding(item)
                if how is not None:
                    self.sites.str_values[self.position(item)] = how
                elif self.legacy and isinstance(item, ast.Name) and not self._is_bytes_name(item.id):
                    self.sites.unknown_items.add(self.position(item))
            return
        if any(isinstance(n, ast.Call) and dotted_name(n.func) == "str" for n in ast.walk(value)) or (
            isinstance(value, ast.Name) and any(self._is_str_list(v) for v in self.bindings.get(value.id, []))
        ):
            self.sites.warnings.add(self.position(value))

    def _is_bytes_name(self, name: str) -> bool:
        """Bound only to values that are bytes: `f.read()` (binary), `.encode()`, b"..." ..."""
        values = self.bindings.get(name, [])
        return bool(values) and all(
            (isinstance(v, ast.Constant) and isinstance(v.value, bytes))
            or (isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute)
                and v.func.attr in ("read", "encode", "SerializeToString", "tobytes", "numpy", "tostring"))
            for v in values
        )

    def _is_str_list(self, value: ast.AST | None) -> bool:
        if isinstance(value, ast.ListComp):
            return self._encoding(value.elt) is not None
        if isinstance(value, ast.List):
            return any(self._encoding(e) is not None for e in value.elts)
        return False

    def _encoding(self, item: ast.AST) -> str | None:
        """How a BytesList item must change: "str-call" (`str(x)`), "str" (a str), or None."""
        if isinstance(item, ast.Call) and dotted_name(item.func) == "str" and len(item.args) == 1 and not item.keywords:
            return "str-call"
        if self._is_str(item):
            return "str"
        if isinstance(item, ast.Name):
            values = self.bindings.get(item.id, [])
            if values and all(v is not None and self._is_str(v) for v in values):
                return "str"
        return None

    @staticmethod
    def _is_str(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)
        if isinstance(node, ast.Call):
            func = dotted_name(node.func)
            if func in STR_FUNCTIONS:
                return True
            if isinstance(node.func, ast.Attribute) and node.func.attr in STR_METHODS:
                receiver = node.func.value
                return node.func.attr == "decode" or (
                    isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)
                )
        return False


def analyse(facts: Facts) -> Sites:
    cached = facts.__dict__.get("_tfrecord_bytes")
    if cached is None:
        cached = facts.__dict__["_tfrecord_bytes"] = _Analysis(facts).sites
    return cached


class TfrecordBytes(Codemod):
    """Image files read in binary mode; BytesList items given as bytes.

    TF1 (Python 2):  with tf.gfile.FastGFile(image.filename, "r") as f:
                         encoded_image = f.read()
                     tf.train.BytesList(value=[str(caption_id)])
    TF2:             with tf.io.gfile.GFile(image.filename, "rb") as f:
                         encoded_image = f.read()
                     tf.train.BytesList(value=[caption_id if isinstance(caption_id, bytes) else str(caption_id).encode()])

    On Python 3, "r" decodes the JPEG bytes as UTF-8 (UnicodeDecodeError) and BytesList
    rejects str (TypeError).  `str(x)` was the identity on Python 2 byte strings, so a value
    that may already be bytes is kept as it is; a value known to be a str gets `.encode()`.
    A `value=` that is not a list literal but holds str items, and in TF1 record-writing code
    an item of unknown type, are warned about (MIG223).
    """

    CODE = "MIG213"
    TITLE = "TFRecord writing: image files in binary mode, BytesList items as bytes"
    WARNINGS = {"MIG223": "BytesList value that holds (or may hold) str items on Python 3"}

    @classmethod
    def needed(cls, facts, settings) -> bool:
        symbols = facts.tf_symbols()
        if not ("train.BytesList" in symbols or any(s in symbols for s in GFILE_OPENERS)):
            return False
        return bool(analyse(facts))

    def visit_Module(self, node: cst.Module) -> None:
        self.sites = analyse(self.file.facts)
        sites = self.sites
        lines = {line for keys in (sites.binary_reads, sites.str_values, sites.warnings, sites.unknown_items) for line, _ in keys}
        self.positions = self.file.positions_near(node, lines)
        self.binary_modes: set[int] = set()
        for cst_node, where in self.positions.items():
            key = (where.start.line, where.start.column)
            if key[0] in self.file.facts.skip_lines:
                continue  # `# migrate: skip`
            if isinstance(cst_node, cst.SimpleString) and key in self.sites.binary_reads:
                self.binary_modes.add(id(cst_node))
            elif key in self.sites.unknown_items and isinstance(cst_node, cst.Name):
                self.sites.unknown_items.discard(key)
                name = cst_node.value
                self.warn(
                    cst_node, "MIG223",
                    f"BytesList needs bytes on Python 3; if `{name}` can be a str (it was bytes on "
                    f"Python 2), write `{name}.encode() if isinstance({name}, str) else {name}`",
                )
            elif key in self.sites.warnings and isinstance(cst_node, cst.BaseExpression):
                self.sites.warnings.discard(key)
                self.warn(
                    cst_node, "MIG223",
                    "BytesList needs bytes on Python 3 and this list holds str items: encode each "
                    "(`[s.encode() for s in items]`) before building the feature",
                )

    def leave_SimpleString(self, original_node, updated_node):
        if id(original_node) in self.binary_modes:
            self.changed(original_node, 'image file opened in text mode "r" -> "rb" (the bytes are not UTF-8 text)')
            quote = updated_node.quote
            return updated_node.with_changes(value=f"{updated_node.prefix}{quote}rb{quote}")
        return updated_node

    def leave_Call(self, original_node, updated_node):
        if self.tf_symbol(original_node.func) == "gfile.FastGFile":
            self.changed(original_node, "tf.gfile.FastGFile -> tf.io.gfile.GFile")
            updated_node = updated_node.with_changes(func=self.file.tf_attr("io.gfile.GFile"))
        if self.tf_symbol(original_node.func) != "train.BytesList":
            return updated_node
        value_arg = next((a for a in original_node.args if a.keyword is None or a.keyword.value == "value"), None)
        if value_arg is None or not isinstance(value_arg.value, cst.List):
            return updated_node
        index = original_node.args.index(value_arg)
        new_list = updated_node.args[index].value
        if not isinstance(new_list, cst.List):
            return updated_node
        elements = list(new_list.elements)
        for i, element in enumerate(value_arg.value.elements):
            where = self.positions.get(element.value)
            key = (where.start.line, where.start.column) if where else None
            how = self.sites.str_values.get(key)
            if how is None or i >= len(elements):
                continue
            elements[i] = elements[i].with_changes(value=self._encoded(elements[i].value, how))
            self.changed(element.value, "BytesList item is a str on Python 3 -> bytes")
        args = list(updated_node.args)
        args[index] = args[index].with_changes(value=new_list.with_changes(elements=elements))
        return updated_node.with_changes(args=args)

    @staticmethod
    def _encoded(value: cst.BaseExpression, how: str) -> cst.BaseExpression:
        if how == "str-call":
            # Python 2's str() kept byte strings as they were: do the same for bytes.
            inner = value.args[0].value
            encode = cst.Call(func=cst.Attribute(value=value, attr=cst.Name("encode")))
            if isinstance(inner, (cst.Name, cst.Attribute)):
                return cst.IfExp(
                    test=cst.parse_expression(f"isinstance({cst.Module(body=[]).code_for_node(inner)}, bytes)"),
                    body=inner,
                    orelse=encode,
                )
            return encode
        return cst.Call(func=cst.Attribute(value=_parenthesized(value), attr=cst.Name("encode")))


def _parenthesized(value: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(value, (cst.Name, cst.Attribute, cst.Call, cst.SimpleString, cst.FormattedString, cst.Subscript)):
        return value
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
