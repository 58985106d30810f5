"""MIG301: NumPy, SciPy, scikit-image and distutils removals that stop TF1-era programs.

TF 2.21 installs NumPy 2 and runs on current SciPy / scikit-image / Python, where names a
TF1-era program used are gone. Rewritten where the replacement computes the same thing:

- NumPy aliases of builtins removed in NumPy 1.24 (`np.float`, `np.int`, `np.bool`,
  `np.object`, `np.str`, `np.long`, `np.unicode`, `np.complex`) -> the builtin they were
  (`np.bool` / `np.long` exist again in NumPy 2 with another meaning: the builtin is what
  the TF1-era program meant). Also names removed before 2.0: `np.asscalar(a)` ->
  `a.item()`, `np.rank` -> `np.ndim`, `np.loads` -> `pickle.loads`, `np.int0` & co.
- NumPy 2.0 removals: the table is ruff's NPY201 rule (crates/ruff_linter/src/rules/numpy/
  rules/numpy_2_0_deprecation.rs) as data; `tests/codemods/test_library_removals.py` runs
  ruff over every entry and checks that ruff names the same replacement, and checks every
  name against the installed NumPy. Entries ruff leaves manual but NumPy documents an exact
  form for are rewritten too: `np.in1d(a, b)` -> `np.isin(a, b).ravel()`, `np.msort(a)` ->
  `np.sort(a, axis=0)`, `np.cast[t](x)` -> `np.asarray(x).astype(t)`.
- `np.reshape(a, newshape=s)` / `a.reshape(newshape=s)` -> the shape passed positionally
  (NumPy 2.4 rejects `newshape=`); `np.array(x, copy=False)` -> `np.asarray(x)` (NumPy 2
  raises where a copy is needed; asarray is the 1.x meaning); `order="FORTRAN"` (NumPy < 2
  read the first letter) -> `order="F"`, also `x.ravel("FORTRAN")`; integral float sizes
  (`np.random.rand(1e4, 1e4)`, `np.zeros((1e3, 2))`; an error since NumPy 1.12) -> ints.
- `scipy.misc.imread / imsave / imresize / toimage / bytescale` (removed in SciPy 1.2) ->
  helpers written into the file that do what SciPy 1.1's pilutil did, with Pillow: palette
  images to RGB/RGBA, 1-bit to L, `flatten` -> "F"; non-uint8 data stretched to 0..255
  (bytescale) before saving / resizing; imresize's (height, width) / percent / fraction
  sizes and interp names (calls with arguments the helpers do not cover: MIG312);
  `scipy.misc.logsumexp/comb/factorial*` -> `scipy.special`; `face/ascent/electrocardiogram`
  -> `scipy.datasets`.
- `skimage.transform.resize/rescale` of a bool array: scikit-image >= 0.19 raises for
  order > 0 (and silently uses nearest-neighbour for the default order), 0.14-0.18 cast
  bool input to float64 and did not anti-alias it. An array known to be bool
  (`x.astype(bool)`, a variable assigned one, a slice of it) is cast to float64 with
  `anti_aliasing=False`; a plain name whose dtype is not known here (a parameter: Mask
  R-CNN's `minimize_mask` / `expand_mask` / `unmold_mask`) gets the same cast only when
  it is bool at run time (`m.astype(np.float64) if getattr(m, "dtype", None) == bool
  else m`), so every other input is passed exactly as before. `order=0` is left alone.
- Pillow 10's removed filter names: `Image.ANTIALIAS` -> `Image.LANCZOS`, `Image.LINEAR` ->
  `Image.BILINEAR`, `Image.CUBIC` -> `Image.BICUBIC` (the same filters: tflearn's
  `resize_image(..., resize_mode=Image.ANTIALIAS)`).
- Matplotlib 3.6's removed `FigureCanvasBase.set_window_title`: the statement
  `fig.canvas.set_window_title(t)` -> `if fig.canvas.manager is not None:
  fig.canvas.manager.set_window_title(t)`, the method's body in Matplotlib 3.5.3 (cleverhans'
  pair_visual / grid_visual).
- `distutils.version.LooseVersion` (distutils is gone in Python 3.12) ->
  `looseversion.LooseVersion`, the maintained verbatim copy (package `looseversion`).
- `inspect.getargspec` (gone in Python 3.11): `a, v, k, d = inspect.getargspec(f)` ->
  `inspect.getfullargspec(f)[:4]`; `inspect.getargspec(f).args` -> `getfullargspec(f).args`
  (`.keywords` -> `.varkw`). Other uses: MIG314.
- The abstract base classes `collections.Mapping`, `MutableMapping`, `Sequence`,
  `Callable`, ... (aliases of `collections.abc.*` until Python 3.10 removed them) ->
  `collections.abc.*`; `from collections import Mapping, OrderedDict` -> the ABCs from
  `collections.abc`, the rest as it was.

Warned: NumPy 2.0 removals without an exact replacement (MIG311), other `scipy.misc`
image functions (`imfilter`, `imrotate`, ...) and helper calls with uncovered arguments
(MIG312), other `distutils` uses (MIG313).

Before:
    import numpy as np
    from distutils.version import LooseVersion
    from scipy.misc import imread
    x = np.zeros(3, dtype=np.float); v = np.asscalar(x[0]); y = np.reshape(x, newshape=(3, 1))
After:
    import numpy as np
    from looseversion import LooseVersion
    import PIL.Image
    def imread(name, flatten=False, mode=None): ...
    x = np.zeros(3, dtype=float); v = x[0].item(); y = np.reshape(x, (3, 1))
"""
from __future__ import annotations

import ast

import libcst as cst

from migrate.codemod import Codemod, ast_finding, dotted_text, find_all
from migrate.codemods.tables.numpy_removals import NUMPY, NUMPY_CALLS
from migrate.prescan import qualify

# -- SciPy --------------------------------------------------------------------------------
SCIPY_MOVED = {
    "logsumexp": "scipy.special.logsumexp", "comb": "scipy.special.comb",
    "factorial": "scipy.special.factorial", "factorial2": "scipy.special.factorial2",
    "factorialk": "scipy.special.factorialk",
    "face": "scipy.datasets.face", "ascent": "scipy.datasets.ascent",
    "electrocardiogram": "scipy.datasets.electrocardiogram",
}
SCIPY_IMAGE_ADVICE = {
    "imsave": "`imageio.imwrite(path, arr)` (package imageio) writes uint8 data as scipy did; "
              "scipy stretched any other dtype to 0..255 first (bytescale): scale it yourself",
    "imresize": "`numpy.array(PIL.Image.fromarray(arr).resize((width, height), PIL.Image.BILINEAR))` "
                "for uint8 data (note: width first; scipy took (height, width), a percentage "
                "or a fraction, and stretched non-uint8 data to 0..255 first); or "
                "`skimage.transform.resize(arr, (height, width), preserve_range=True)` for floats",
    "toimage": "`PIL.Image.fromarray(arr)` for uint8 data; scipy stretched other dtypes to 0..255 first (bytescale)",
    "fromimage": "`numpy.array(image)` (scipy converted palette images to RGB/RGBA first)",
    "bytescale": "`((a - a.min()) * (255 / (a.max() - a.min()))).round().astype(numpy.uint8)` (what bytescale did with defaults)",
    "imfilter": "use PIL.ImageFilter on `PIL.Image.fromarray(arr)`",
    "imrotate": "`skimage.transform.rotate` or `PIL.Image.rotate`",
    "derivative": "no replacement in SciPy (removed 1.12): use `findiff` or `numdifftools`",
    "central_diff_weights": "no replacement in SciPy (removed 1.12)",
}
# scipy.misc's image functions as SciPy 1.1 wrote them (scipy/misc/pilutil.py: bytescale,
# toimage for 2-D and channel-last 3-D arrays, fromimage, imread, imsave, imresize), on
# Pillow and NumPy. Written once into a file that uses them.
SCIPY_IMAGE_BASE = '''\
def _scipy_misc_bytescale(data, cmin=None, cmax=None, high=255, low=0):
    """scipy.misc.bytescale (removed in SciPy 1.2): stretch data to low..high as uint8."""
    if data.dtype == {np}.uint8:
        return data
    cmin = data.min() if cmin is None else cmin
    cmax = data.max() if cmax is None else cmax
    scale = float(high - low) / ((cmax - cmin) or 1)
    return (((data - cmin) * scale + low).clip(low, high) + 0.5).astype({np}.uint8)


def _scipy_misc_toimage(arr, high=255, low=0, cmin=None, cmax=None):
    """scipy.misc.toimage (removed in SciPy 1.2) for 2-D and RGB/RGBA arrays (the channel
    axis is the first of size 3, else of size 4, as SciPy chose it)."""
    data = {np}.asarray(arr)
    if data.ndim == 2:
        return {image}.fromarray(_scipy_misc_bytescale(data, cmin, cmax, high, low), "L")
    if data.ndim != 3 or not (3 in data.shape or 4 in data.shape):
        raise ValueError("'arr' does not have a suitable array shape for any mode.")
    axis = data.shape.index(3) if 3 in data.shape else data.shape.index(4)
    scaled = {np}.moveaxis(_scipy_misc_bytescale(data, cmin, cmax, high, low), axis, -1)
    return {image}.fromarray({np}.ascontiguousarray(scaled), "RGB" if data.shape[axis] == 3 else "RGBA")


def _scipy_misc_fromimage(image, flatten=False, mode=None):
    """scipy.misc.fromimage (removed in SciPy 1.2)."""
    if mode is not None:
        if mode != image.mode:
            image = image.convert(mode)
    elif image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if flatten:
        image = image.convert("F")
    elif image.mode == "1":
        image = image.convert("L")
    return {np}.array(image)
'''
SCIPY_IMAGE_HELPERS = {
    "imread": '''\
def {name}(name, flatten=False, mode=None):
    """scipy.misc.imread as SciPy 1.1 did it (removed in SciPy 1.2), with Pillow."""
    return _scipy_misc_fromimage({image}.open(name), flatten=flatten, mode=mode)
''',
    "imsave": '''\
def {name}(name, arr, format=None):
    """scipy.misc.imsave as SciPy 1.1 did it (removed in SciPy 1.2): non-uint8 data stretched to 0..255."""
    _scipy_misc_toimage(arr).save(name, format)
''',
    "imresize": '''\
def {name}(arr, size, interp="bilinear"):
    """scipy.misc.imresize as SciPy 1.1 did it (removed in SciPy 1.2): size is (height, width),
    an int percentage or a float fraction; non-uint8 data stretched to 0..255 first."""
    image = _scipy_misc_toimage(arr)
    if isinstance(size, (int, {np}.integer)):
        size = tuple(({np}.array(image.size) * (size / 100.0)).astype(int))
    elif isinstance(size, (float, {np}.floating)):
        size = tuple(({np}.array(image.size) * size).astype(int))
    else:
        size = (size[1], size[0])
    resample = {{"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "cubic": 3}}[interp]
    return _scipy_misc_fromimage(image.resize(size, resample=resample))
''',
    "toimage": '''\
def {name}(arr, high=255, low=0, cmin=None, cmax=None):
    """scipy.misc.toimage as SciPy 1.1 did it (removed in SciPy 1.2), for 2-D and RGB/RGBA arrays."""
    return _scipy_misc_toimage(arr, high, low, cmin, cmax)
''',
    "bytescale": '''\
def {name}(data, cmin=None, cmax=None, high=255, low=0):
    """scipy.misc.bytescale as SciPy 1.1 did it (removed in SciPy 1.2)."""
    return _scipy_misc_bytescale(data, cmin, cmax, high, low)
''',
}
# keyword arguments each helper takes (a call passing others keeps a MIG312 warning)
SCIPY_HELPER_KEYWORDS = {
    "imread": {"name", "flatten", "mode"}, "imsave": {"name", "arr", "format"},
    "imresize": {"arr", "size", "interp"}, "toimage": {"arr", "high", "low", "cmin", "cmax"},
    "bytescale": {"data", "cmin", "cmax", "high", "low"},
}
SCIPY_HELPER_MAX_ARGS = {"imread": 3, "imsave": 3, "imresize": 3, "toimage": 5, "bytescale": 5}

SKIMAGE_RESIZERS = {"skimage.transform.resize", "skimage.transform.rescale"}
BOOL_DTYPES = {"bool", "np.bool", "numpy.bool", "np.bool_", "numpy.bool_", "'bool'", '"bool"', "np.bool8"}

DISTUTILS_ADVICE = {
    "distutils.version.StrictVersion": "use `packaging.version.Version` (package packaging)",
    "distutils.util.strtobool": "write the 3-line helper: 'y/yes/t/true/on/1' -> 1, 'n/no/f/false/off/0' -> 0, else ValueError",
    "distutils.spawn.find_executable": "use `shutil.which` (it also checks the executable bit)",
    "distutils.dir_util.copy_tree": "use `shutil.copytree(src, dst, dirs_exist_ok=True)`",
    "distutils.dir_util.mkpath": "use `os.makedirs(path, exist_ok=True)`",
    "distutils.core.setup": "use `setuptools.setup`",
}


def _wrap(expr: cst.BaseExpression) -> cst.BaseExpression:
    """Parenthesise an expression that is about to get `.attr` appended, when needed."""
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.List, cst.Tuple, cst.Dict)) or expr.lpar:
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _is_bool_astype(expr: cst.BaseExpression) -> bool:
    """`x.astype(bool)` / `x.astype(np.bool)` / `x.astype("bool")`."""
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "astype"
        and len(expr.args) >= 1
        and expr.args[0].keyword is None
        and _code(expr.args[0].value) in BOOL_DTYPES
    )


# Pillow 10 removed the resampling-filter aliases deprecated in 9.1; each named the filter
# it is replaced by (Pillow's 10.0.0 release notes, "Constants").
PILLOW_CONSTANTS = {
    "PIL.Image.ANTIALIAS": "LANCZOS",
    "PIL.Image.LINEAR": "BILINEAR",
    "PIL.Image.CUBIC": "BICUBIC",
}



def _assigns_a_call_to_a_name(node) -> bool:
    """`name = call(...)` (one target)."""
    return (
        type(node) is cst.Assign
        and len(node.targets) == 1
        and type(node.targets[0].target) is cst.Name
        and isinstance(node.value, cst.Call)
    )

def _imports_matplotlib(facts) -> bool:
    return any(target.split(".")[0] == "matplotlib" for target in facts.aliases.values())


def _sets_canvas_window_title(facts) -> bool:
    """`x.canvas.set_window_title(...)` in a file that imports matplotlib (from the prescan)."""
    return "set_window_title" in facts.attributes and "canvas" in facts.attributes and _imports_matplotlib(facts)


class LibraryRemovals(Codemod):
    """NumPy / SciPy / scikit-image / distutils names of the TF1 era -> current ones.

    Before:
        mask = np.zeros((h, w), dtype=np.bool); v = np.asscalar(a); b = np.reshape(a, newshape=(2, -1))
        from distutils.version import LooseVersion; img = scipy.misc.imread(path)
    After:
        mask = np.zeros((h, w), dtype=bool); v = a.item(); b = np.reshape(a, (2, -1))
        from looseversion import LooseVersion; img = scipy_misc_imread(path)  # helper added
    """

    CODE = "MIG301"
    TITLE = "NumPy 1.x/2.0, scipy.misc, scikit-image bool resize, distutils removals -> current equivalents"
    WARNINGS = {
        "MIG311": "NumPy name removed without an exact replacement",
        "MIG312": "scipy.misc image function with no exact replacement",
        "MIG313": "distutils (gone in Python 3.12) use with no exact replacement",
        "MIG314": "`inspect.getargspec` (gone in Python 3.11) used in a way with no exact rewrite",
    }

    @classmethod
    def needed(cls, facts, settings) -> bool:
        if "newshape" in facts.source or "FORTRAN" in facts.source:
            return True
        if _sets_canvas_window_title(facts):
            return True
        if not any(
            target.split(".")[0] in ("numpy", "scipy", "skimage", "distutils", "inspect", "collections", "PIL")
            for target in facts.aliases.values()
        ):
            return False
        if "fortran" in facts.source:
            return True
        # Only where one of the names this codemod handles is used (most files that import
        # numpy use none of them: a LibCST parse of each would be wasted, see issue 8).
        calls = False  # numpy.array / zeros / random.rand ...: only some of their calls
        for name in facts.names:
            root, _, rest = name.partition(".")
            if root == "numpy":
                if rest.partition(".")[0] in NUMPY:
                    return True
                calls = calls or name in FLOAT_SIZE_FUNCTIONS or name == "numpy.array"
            elif root == "distutils" or name.startswith("scipy.misc."):
                return True
            elif name in SKIMAGE_RESIZERS:
                calls = True
            elif name == "inspect.getargspec" or name.startswith("inspect.getargspec."):
                return True
            elif name in PILLOW_CONSTANTS or (root == "collections" and rest.partition(".")[0] in COLLECTIONS_ABCS):
                return True
        if any(
            imp.module.split(".")[0] == "distutils"
            or imp.module == "scipy.misc"
            or (imp.module == "collections" and imp.name in COLLECTIONS_ABCS)
            or (imp.module == "numpy" and imp.name in NUMPY)
            for imp in facts.imports
        ):
            return True
        return calls and any(_numpy_call_needs_work(call, facts) for call in facts.of_type(ast.Call))

    @classmethod
    def prescan_findings(cls, facts, settings):
        """The MIG312 / MIG313 warnings of scipy.misc and distutils names with no rewrite,
        read from the ast; None as soon as anything else this codemod handles is used."""
        source = facts.source
        if "newshape" in source or "FORTRAN" in source or "fortran" in source:
            return None
        if _sets_canvas_window_title(facts):
            return None  # rewritten (Matplotlib 3.6's removed canvas.set_window_title)
        if facts.of_type(ast.Match) or any(
            name in facts.aliases for node in facts.of_type(ast.Global, ast.Nonlocal) for name in node.names
        ):
            return None
        for name in facts.names:
            root, _, rest = name.partition(".")
            if root == "numpy" and rest.partition(".")[0] in NUMPY:
                return None
            if name == "inspect.getargspec" or name.startswith("inspect.getargspec."):
                return None
            if name.startswith("scipy.misc.") and name[len("scipy.misc."):].partition(".")[0] in (*SCIPY_IMAGE_HELPERS, *SCIPY_MOVED):
                return None
            if name == "distutils.version.LooseVersion":
                return None
            if name in PILLOW_CONSTANTS or (root == "collections" and rest.partition(".")[0] in COLLECTIONS_ABCS):
                return None  # rewritten (Pillow 10 filter names, collections ABCs)
        found = []
        for node in facts.of_type(ast.ImportFrom):
            module = node.module or ""
            if node.level or [alias.name for alias in node.names] == ["*"]:
                continue
            if module == "numpy" and any(alias.name in NUMPY for alias in node.names):
                return None
            if module == "collections" and any(alias.name in COLLECTIONS_ABCS for alias in node.names):
                return None
            if module == "scipy.misc":
                for alias in node.names:
                    if alias.name in SCIPY_IMAGE_HELPERS or alias.name in SCIPY_MOVED:
                        return None
                    if alias.name in SCIPY_IMAGE_ADVICE:
                        found.append(ast_finding(facts, node, "MIG312", f"`scipy.misc.{alias.name}` was removed from SciPy: {SCIPY_IMAGE_ADVICE[alias.name]}"))
            elif module.split(".")[0] == "distutils":
                if module == "distutils.version" and "LooseVersion" in [alias.name for alias in node.names]:
                    return None
                for alias in node.names:
                    found.append(ast_finding(facts, node, "MIG313", _distutils_message(f"{module}.{alias.name}")))
        for node in facts.of_type(ast.Call):
            if _numpy_call_needs_work(node, facts):
                return None
            if not isinstance(node.func, ast.Attribute):
                continue
            qualified = qualify(node.func, facts.aliases)
            if not qualified:
                continue
            if qualified.startswith("scipy.misc.") and qualified[len("scipy.misc."):] in SCIPY_IMAGE_ADVICE:
                name = qualified[len("scipy.misc."):]
                found.append(ast_finding(facts, node, "MIG312", f"`scipy.misc.{name}` was removed from SciPy: {SCIPY_IMAGE_ADVICE[name]}"))
            elif qualified.split(".")[0] == "distutils" and not qualified.startswith("scipy.misc."):
                found.append(ast_finding(facts, node, "MIG313", _distutils_message(qualified)))
        return found

    def __init__(self, file):
        super().__init__(file)
        self.skip_names: set[int] = set()  # Name nodes that are not loads (attr, import, keyword ...)
        self.bool_vars: list[set[str]] = [set()]  # per function: names last assigned x.astype(bool)
        self.helpers: dict[str, str] = {}
        self.call_funcs: set[int] = set()
        self.argspec_ok: set[int] = set()  # getargspec calls unpacked into 4 names or read by field
        self.argspec_fields: set[int] = set()  # ... read by field (`.args`): no [:4]
        self.argspec_keywords: set[int] = set()  # `spec.keywords` of a two-step read -> `.varkw`

    def visit_ImportAlias(self, node):
        self.skip_names.add(id(node.name))
        if node.asname is not None:
            self.skip_names.add(id(node.asname.name))
        for inner in _names_in(node.name):
            self.skip_names.add(id(inner))

    def visit_ImportFrom(self, node):
        if node.module is not None:
            for inner in _names_in(node.module):
                self.skip_names.add(id(inner))

    def visit_Arg(self, node):
        if node.keyword is not None:
            self.skip_names.add(id(node.keyword))

    def visit_Param(self, node):
        self.skip_names.add(id(node.name))

    def visit_FunctionDef(self, node):
        self.skip_names.add(id(node.name))
        self.bool_vars.append(set())
        self._argspec_two_step(node.body)

    def _argspec_two_step(self, scope) -> None:
        """`spec = inspect.getargspec(f)` whose every other use in the scope reads a field
        (`spec.args`, `.varargs`, `.keywords`, `.defaults`): getfullargspec has those fields
        (`keywords` is `varkw` there), so the call becomes getfullargspec and `.keywords`
        `.varkw` (prettytensor's `argspec = inspect.getargspec(func); argspec.args[1:]`).
        Function scopes only: a module-level name can be imported and read elsewhere."""
        if "getargspec" not in self.file.facts.source:
            return
        calls: dict[str, list] = {}
        for assign in find_all(scope, _assigns_a_call_to_a_name):
            if self.qualname(assign.value.func) == "inspect.getargspec":
                calls.setdefault(assign.targets[0].target.value, []).append(assign)
        for name, assigns in calls.items():
            targets = {id(a.targets[0].target) for a in assigns}
            reads = find_all(scope, lambda n, name=name: type(n) is cst.Attribute and type(n.value) is cst.Name and n.value.value == name)
            fields = {id(a.value) for a in reads if a.attr.value in ARGSPEC_FIELDS}
            if any(id(use) not in targets and id(use) not in fields for use in find_all(scope, lambda n, name=name: type(n) is cst.Name and n.value == name)):
                continue  # passed on, unpacked, compared...: MIG314 says what to do
            for assign in assigns:
                self.argspec_ok.add(id(assign.value))
                self.argspec_fields.add(id(assign.value))
            self.argspec_keywords.update(id(a) for a in reads if a.attr.value == "keywords")

    def leave_FunctionDef(self, original_node, updated_node):
        self.bool_vars.pop()
        return updated_node

    def visit_ClassDef(self, node):
        self.skip_names.add(id(node.name))

    def leave_Assign(self, original_node, updated_node):
        # after the value's own calls were seen: `m = resize(m, ...)` reads the old `m`
        for target in original_node.targets:
            if isinstance(target.target, cst.Name):
                value = original_node.value
                if _is_bool_astype(value) or (
                    isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and value.value.value in self.bool_vars[-1]
                ):
                    self.bool_vars[-1].add(target.target.value)
                else:
                    self.bool_vars[-1].discard(target.target.value)
        return updated_node

    def visit_Call(self, node):
        self.call_funcs.add(id(node.func))

    def visit_Assign(self, node):
        # `a, b, c, d = inspect.getargspec(f)`: the 4 fields getfullargspec starts with
        target = node.targets[0].target if len(node.targets) == 1 else None
        if isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 4 and isinstance(node.value, cst.Call):
            self.argspec_ok.add(id(node.value))

    def visit_Attribute(self, node):
        self.skip_names.add(id(node.attr))
        if node.attr.value in ARGSPEC_FIELDS and isinstance(node.value, cst.Call):
            self.argspec_ok.add(id(node.value))
            self.argspec_fields.add(id(node.value))

    # -- NumPy names ------------------------------------------------------------------
    def _numpy_name(self, node) -> str | None:
        qualified = self.qualname(node)
        if qualified and qualified.startswith("numpy.") and qualified.count(".") == 1:
            name = qualified[len("numpy."):]
            if name in NUMPY:
                return name
        return None

    def _numpy_alias(self) -> str:
        return self.file.add_import("numpy")

    def _replacement(self, original, name: str, numpy_root: str | None) -> cst.BaseExpression | None:
        kind, value = NUMPY[name]
        if kind == "builtin":
            self.changed(original, f"`np.{name}` (removed in NumPy 1.24) -> `{value}`, the builtin it was")
            return cst.Name(value)
        if kind == "numpy":
            root = numpy_root or self._numpy_alias()
            self.changed(original, f"`np.{name}` (removed in NumPy 2) -> `np.{value}`")
            if value == "trapezoid":
                self.require("numpy>=2")
            return cst.Attribute(value=cst.Name(root), attr=cst.Name(value))
        if kind == "expr":
            root = numpy_root or (self._numpy_alias() if "{np}" in value else "")
            text = value.format(np=root)
            self.changed(original, f"`np.{name}` (removed in NumPy 2) -> `{text}`")
            return cst.parse_expression(text)
        if kind == "import":
            module, _, attr = value.rpartition(".")
            if module.startswith("numpy."):
                root = numpy_root or self._numpy_alias()
                text = f"{root}.{module[len('numpy.'):]}.{attr}"
                if module == "numpy.lib.array_utils":
                    self.require("numpy>=2")
                self.add_module_import(module)
            else:
                text = f"{self.file.add_import(module)}.{attr}"
            self.changed(original, f"`np.{name}` (removed in NumPy 2) -> `{value}`")
            return cst.parse_expression(text)
        return None

    def add_module_import(self, module: str) -> None:
        """`numpy.exceptions.X` through the numpy alias needs the submodule imported."""
        if module in ("numpy.lib", "numpy.char", "numpy.rec"):
            return  # imported by `import numpy`
        self.file.add_statement(f"import {module}\n", where="top", key=f"import {module}")

    def leave_Attribute(self, original_node, updated_node):
        if (
            original_node.attr.value == "keywords"
            and isinstance(original_node.value, cst.Call)
            and self.qualname(original_node.value.func) == "inspect.getargspec"
        ):
            return updated_node.with_changes(attr=cst.Name("varkw"))
        if id(original_node) in self.argspec_keywords:
            self.changed(original_node, "`.keywords` of an argspec -> `.varkw`, its name in getfullargspec")
            return updated_node.with_changes(attr=cst.Name("varkw"))
        pillow = PILLOW_CONSTANTS.get(self.qualname(original_node) or "")
        if pillow is not None:
            self.changed(original_node, f"`Image.{original_node.attr.value}` (removed in Pillow 10) -> "
                                        f"`Image.{pillow}`, the filter it named")
            return updated_node.with_changes(attr=cst.Name(pillow))
        if original_node.attr.value in COLLECTIONS_ABCS and self.qualname(original_node) == f"collections.{original_node.attr.value}":
            self.file.add_statement("import collections.abc\n", where="top", key="import collections.abc")
            self.changed(original_node, f"`collections.{original_node.attr.value}` (removed in Python 3.10) -> "
                                        f"`collections.abc.{original_node.attr.value}`")
            return updated_node.with_changes(value=cst.Attribute(value=updated_node.value, attr=cst.Name("abc")))
        name = self._numpy_name(original_node)
        if name is None:
            return updated_node
        if name in NUMPY_CALLS:
            if id(original_node) not in self.call_funcs:
                self.warn(original_node, "MIG311", f"`np.{name}` was removed from NumPy: {NUMPY[name][1]}")
            return updated_node
        kind, value = NUMPY[name]
        if kind == "manual":
            self.warn(original_node, "MIG311", f"`np.{name}` was removed from NumPy: {value}")
            return updated_node
        root = dotted_text(original_node.value)
        return self._replacement(original_node, name, root) or updated_node

    def leave_Name(self, original_node, updated_node):
        if id(original_node) in self.skip_names:
            return updated_node
        name = self._numpy_name(original_node)
        if name is None:
            return updated_node
        kind, value = NUMPY[name]
        if kind == "manual":
            if name not in NUMPY_CALLS:
                self.warn(original_node, "MIG311", f"`numpy.{name}` was removed from NumPy: {value}")
            return updated_node
        if kind == "numpy":
            return updated_node  # its import becomes `from numpy import <new> as <local>`
        new = self._replacement(original_node, name, None)
        return new if new is not None else updated_node

    # -- imports ------------------------------------------------------------------------
    def leave_ImportFrom(self, original_node, updated_node):
        module = dotted_text(original_node.module) if original_node.module is not None else ""
        if original_node.relative or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if module == "numpy":
            return self._numpy_import(original_node, updated_node)
        if module == "scipy.misc":
            return self._scipy_misc_import(original_node, updated_node)
        if module == "collections":
            return self._collections_import(original_node, updated_node)
        if module == "distutils.version":
            names = [a.name.value for a in updated_node.names]
            if "LooseVersion" in names and all(n == "LooseVersion" for n in names):
                self.require("looseversion")
                self.changed(original_node, "`distutils.version.LooseVersion` (distutils is gone in Python 3.12) -> `looseversion.LooseVersion`")
                return updated_node.with_changes(module=cst.Name("looseversion"))
        if module.split(".")[0] == "distutils":
            for alias in updated_node.names:
                qualified = f"{module}.{alias.name.value}"
                self.warn(original_node, "MIG313", _distutils_message(qualified))
        return updated_node

    def _numpy_import(self, original_node, updated_node):
        kept = []
        changed = False
        for alias in updated_node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else ""
            if name not in NUMPY:
                kept.append(alias)
                continue
            kind, value = NUMPY[name]
            if kind == "manual":
                kept.append(alias)
                self.warn(original_node, "MIG311", f"`numpy.{name}` was removed from NumPy: {value}")
            elif kind == "numpy":
                local = alias.asname.name.value if alias.asname else name
                kept.append(alias.with_changes(
                    name=cst.Name(value),
                    asname=cst.AsName(name=cst.Name(local)) if local != value else None,
                ))
                self.changed(original_node, f"`from numpy import {name}` -> `{value}`")
                changed = True
            else:
                changed = True  # uses are rewritten where they are read (leave_Name)
        if not changed:
            return updated_node
        if not kept:
            return cst.RemovalSentinel.REMOVE
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def _collections_import(self, original_node, updated_node):
        abcs = [a for a in updated_node.names if isinstance(a.name, cst.Name) and a.name.value in COLLECTIONS_ABCS]
        if not abcs:
            return updated_node
        names = ", ".join(a.name.value for a in abcs)
        self.changed(original_node, f"`from collections import {names}` (removed in Python 3.10) -> `collections.abc`")
        if len(abcs) == len(updated_node.names):
            return updated_node.with_changes(module=cst.Attribute(value=cst.Name("collections"), attr=cst.Name("abc")))
        moved = ", ".join(a.name.value + (f" as {a.asname.name.value}" if a.asname else "") for a in abcs)
        self.file.add_statement(f"from collections.abc import {moved}\n", where="top", key=f"from collections.abc import {moved}")
        kept = [a for a in updated_node.names if a not in abcs]
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def _scipy_misc_import(self, original_node, updated_node):
        kept = []
        changed = False
        for alias in updated_node.names:
            name = alias.name.value
            local = alias.asname.name.value if alias.asname else name
            if name in SCIPY_IMAGE_HELPERS:
                self._image_helper(name, local)
                self.changed(original_node, f"`scipy.misc.{name}` (removed in SciPy 1.2) -> the same function with Pillow, written into this file")
                changed = True
            elif name in SCIPY_MOVED:
                module, _, new = SCIPY_MOVED[name].rpartition(".")
                self.file.add_statement(
                    f"from {module} import {new}" + (f" as {local}" if local != new else "") + "\n",
                    where="top", key=f"from {module} import {new} as {local}",
                )
                self.changed(original_node, f"`scipy.misc.{name}` -> `{SCIPY_MOVED[name]}`")
                if module == "scipy.datasets":
                    self.require("pooch")
                changed = True
            else:
                if name in SCIPY_IMAGE_ADVICE:
                    self.warn(original_node, "MIG312", f"`scipy.misc.{name}` was removed from SciPy: {SCIPY_IMAGE_ADVICE[name]}")
                kept.append(alias)
        if not changed:
            return updated_node
        if not kept:
            return cst.RemovalSentinel.REMOVE
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def _image_helper(self, function: str, name: str) -> str:
        """Write scipy.misc.<function> into the file as `name` (once)."""
        np = self.file.add_import("numpy")
        pil = self.file.add_import("PIL.Image")
        image_module = pil if self.file.facts.aliases.get(pil) == "PIL.Image" else "PIL.Image"
        self.require("pillow")
        self.file.add_statement(SCIPY_IMAGE_BASE.format(np=np, image=image_module), where="top", key="scipy.misc image helpers")
        if name not in self.helpers:
            self.helpers[name] = SCIPY_IMAGE_HELPERS[function].format(name=name, np=np, image=image_module)
            self.file.add_statement(self.helpers[name], where="top", key=f"scipy.misc helper {name}")
        return name

    def _helper_call_supported(self, function: str, call: cst.Call) -> bool:
        args = call.args
        if any(a.star for a in args) or len(args) > SCIPY_HELPER_MAX_ARGS[function]:
            return False
        return all(a.keyword is None or a.keyword.value in SCIPY_HELPER_KEYWORDS[function] for a in args)

    def leave_Import(self, original_node, updated_node):
        # `import distutils.version` whose every use is LooseVersion (rewritten below)
        uses = self.file.facts.used_names("distutils")
        if uses and all(u == "distutils.version.LooseVersion" for u in uses):
            kept = [a for a in updated_node.names if dotted_text(a.name).split(".")[0] != "distutils"]
            if len(kept) != len(updated_node.names):
                if not kept:
                    return cst.RemovalSentinel.REMOVE
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                return updated_node.with_changes(names=kept)
        return updated_node

    # -- calls ---------------------------------------------------------------------------
    def leave_SimpleStatementLine(self, original_node, updated_node):
        """`fig.canvas.set_window_title(t)` (a statement): Matplotlib 3.6 removed the canvas
        method, which did `if self.manager is not None: self.manager.set_window_title(title)`
        (matplotlib 3.5.3 backend_bases.py, FigureCanvasBase.set_window_title): that, written out."""
        if len(updated_node.body) != 1 or not isinstance(updated_node.body[0], cst.Expr):
            return updated_node
        call = updated_node.body[0].value
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "set_window_title" and isinstance(call.func.value, cst.Attribute)
                and call.func.value.attr.value == "canvas" and dotted_text(call.func.value)):
            return updated_node  # only a plain `name.canvas` receiver: read twice below
        if not _imports_matplotlib(self.file.facts):
            return updated_node
        canvas = dotted_text(call.func.value)
        self.changed(original_node, "`canvas.set_window_title` (removed in Matplotlib 3.6) -> `canvas.manager.set_window_title` when the canvas has a manager, as the method did")
        manager = cst.Attribute(value=call.func.value, attr=cst.Name("manager"))
        line = updated_node.with_changes(
            body=[cst.Expr(call.with_changes(func=call.func.with_changes(value=manager)))], leading_lines=())
        return cst.If(
            test=cst.parse_expression(f"{canvas}.manager is not None"),
            body=cst.IndentedBlock(body=[line]),
            leading_lines=updated_node.leading_lines,
        )

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if "FORTRAN" in self.file.facts.source or "fortran" in self.file.facts.source:
            updated_node = self._order_fortran(original_node, updated_node)
        # np.cast[t](x) -> np.asarray(x).astype(t)
        if isinstance(func, cst.Subscript) and self.qualname(func.value) == "numpy.cast" and len(updated_node.args) == 1:
            index = updated_node.func.slice[0].slice
            if isinstance(index, cst.Index):
                root = dotted_text(func.value).rpartition(".")[0] or self._numpy_alias()
                self.changed(original_node, "`np.cast[t](x)` (removed in NumPy 2) -> `np.asarray(x).astype(t)`")
                return cst.parse_expression(
                    f"{root}.asarray({_code(updated_node.args[0].value)}).astype({_code(index.value)})"
                )
        qualified = self.qualname(func)
        if qualified in ("numpy.asscalar", "numpy.in1d", "numpy.msort"):
            return self._numpy_call(original_node, updated_node, qualified.rpartition(".")[2])
        if qualified == "numpy.reshape" or (
            isinstance(func, cst.Attribute) and func.attr.value == "reshape" and qualified is None
        ):
            return self._reshape(original_node, updated_node, qualified == "numpy.reshape")
        if qualified == "numpy.array":
            return self._array_copy_false(original_node, updated_node)
        if qualified in FLOAT_SIZE_FUNCTIONS:
            return self._float_sizes(original_node, updated_node, FLOAT_SIZE_FUNCTIONS[qualified])
        if qualified and qualified.startswith("scipy.misc.") and qualified[11:] in SCIPY_IMAGE_HELPERS:
            function = qualified[len("scipy.misc."):]
            if not self._helper_call_supported(function, original_node):
                self.warn(original_node, "MIG312", f"`scipy.misc.{function}` was removed from SciPy and this call uses "
                          f"arguments the rewrite does not cover: {SCIPY_IMAGE_ADVICE.get(function, 'see SciPy 1.1 pilutil')}")
                return updated_node
            if isinstance(func, cst.Attribute):
                name = f"scipy_misc_{function}"
                self._image_helper(function, name)
                self.changed(original_node, f"`scipy.misc.{function}` (removed in SciPy 1.2) -> the same function with Pillow, written into this file")
                return updated_node.with_changes(func=cst.Name(name))
            return updated_node
        if qualified and qualified.startswith("scipy.misc.") and isinstance(func, cst.Attribute):
            name = qualified[len("scipy.misc."):]
            if name in SCIPY_MOVED:
                module, _, new = SCIPY_MOVED[name].rpartition(".")
                self.file.add_statement(f"import {module}\n", where="top", key=f"import {module}")
                self.changed(original_node, f"`scipy.misc.{name}` -> `{SCIPY_MOVED[name]}`")
                if module == "scipy.datasets":
                    self.require("pooch")
                return updated_node.with_changes(func=cst.parse_expression(SCIPY_MOVED[name]))
            if name in SCIPY_IMAGE_ADVICE:
                self.warn(original_node, "MIG312", f"`scipy.misc.{name}` was removed from SciPy: {SCIPY_IMAGE_ADVICE[name]}")
            return updated_node
        if qualified == "distutils.version.LooseVersion":
            if isinstance(func, cst.Attribute):
                self.require("looseversion")
                self.changed(original_node, "`distutils.version.LooseVersion` -> `looseversion.LooseVersion`")
                self.file.add_statement("import looseversion\n", where="top", key="import looseversion")
                return updated_node.with_changes(func=cst.parse_expression("looseversion.LooseVersion"))
            return updated_node
        if qualified and qualified.split(".")[0] == "distutils" and isinstance(func, cst.Attribute):
            self.warn(original_node, "MIG313", _distutils_message(qualified))
            return updated_node
        if qualified in SKIMAGE_RESIZERS:
            return self._bool_resize(original_node, updated_node, True)
        if qualified == "inspect.getargspec":
            return self._getargspec(original_node, updated_node)

        return updated_node

    def _getargspec(self, original_node, updated_node):
        new = _getargspec_rewrite(self, original_node, updated_node)
        if new is updated_node or id(original_node) not in self.argspec_unpacked():
            return new
        return cst.Subscript(value=new, slice=[cst.SubscriptElement(slice=cst.Index(
            value=cst.Slice(lower=None, upper=cst.Integer("4"))))])

    def argspec_unpacked(self) -> set[int]:
        return self.argspec_ok - self.argspec_fields

    def _float_sizes(self, original_node, updated_node, how):
        """`np.random.rand(1e4, 1e4)`, `np.zeros((1e3,))`: NumPy < 1.12 truncated float sizes."""
        args = list(updated_node.args)
        changed = False
        for i, arg in enumerate(args):
            if arg.star or arg.keyword is not None and arg.keyword.value != "shape":
                continue
            if how == "first" and (i > 0 or arg.keyword is not None and arg.keyword.value != "shape"):
                continue
            value = arg.value
            if isinstance(value, cst.Float) and _integral(value):
                args[i] = arg.with_changes(value=cst.Integer(str(int(float(value.value)))))
                changed = True
            elif isinstance(value, (cst.Tuple, cst.List)) and how == "first":
                elements = [
                    e.with_changes(value=cst.Integer(str(int(float(e.value.value)))))
                    if isinstance(e.value, cst.Float) and _integral(e.value) else e
                    for e in value.elements
                ]
                if any(e is not o for e, o in zip(elements, value.elements)):
                    args[i] = arg.with_changes(value=value.with_changes(elements=elements))
                    changed = True
        if not changed:
            return updated_node
        self.changed(original_node, "float size (NumPy >= 1.12 raises TypeError) -> the int NumPy 1.11 used")
        return updated_node.with_changes(args=args)

    def _order_fortran(self, original_node, updated_node):
        """`order="FORTRAN"`: NumPy < 2 read only the first letter, NumPy 2 wants "F"."""
        func = original_node.func
        args = list(updated_node.args)
        positional_order = isinstance(func, cst.Attribute) and func.attr.value in ("ravel", "flatten")
        changed = False
        for i, arg in enumerate(args):
            is_order = (arg.keyword is not None and arg.keyword.value == "order") or (
                positional_order and i == 0 and arg.keyword is None
            )
            if is_order and isinstance(arg.value, cst.SimpleString) and arg.value.evaluated_value in ("FORTRAN", "fortran", "Fortran"):
                quote = arg.value.quote
                args[i] = arg.with_changes(value=cst.SimpleString(f"{arg.value.prefix}{quote}F{quote}"))
                changed = True
        if not changed:
            return updated_node
        self.changed(original_node, '`order="FORTRAN"` (NumPy 2 accepts only "C", "F", "A", "K") -> `order="F"`')
        return updated_node.with_changes(args=args)

    def _numpy_call(self, original_node, updated_node, name):
        args = updated_node.args
        root = dotted_text(original_node.func).rpartition(".")[0] or self._numpy_alias()
        if any(a.star for a in args):
            self.warn(original_node, "MIG311", f"`np.{name}` was removed from NumPy: {NUMPY[name][1]}")
            return updated_node
        if name == "asscalar" and len(args) == 1 and args[0].keyword is None:
            self.changed(original_node, "`np.asscalar(a)` (removed in NumPy 1.23) -> `a.item()`")
            return cst.Call(func=cst.Attribute(value=_wrap(args[0].value), attr=cst.Name("item")))
        if name == "in1d":
            self.changed(original_node, "`np.in1d(a, b)` (removed in NumPy 2.4) -> `np.isin(a, b).ravel()`")
            call = updated_node.with_changes(func=cst.Attribute(value=cst.Name(root) if "." not in root else cst.parse_expression(root), attr=cst.Name("isin")))
            return cst.Call(func=cst.Attribute(value=call, attr=cst.Name("ravel")))
        if name == "msort" and len(args) == 1 and args[0].keyword is None:
            self.changed(original_node, "`np.msort(a)` (removed in NumPy 2) -> `np.sort(a, axis=0)`")
            return cst.parse_expression(f"{root}.sort({_code(args[0].value)}, axis=0)")
        self.warn(original_node, "MIG311", f"`np.{name}` was removed from NumPy: {NUMPY[name][1]}")
        return updated_node

    def _reshape(self, original_node, updated_node, is_function):
        args = list(updated_node.args)
        newshape = [a for a in args if a.keyword is not None and a.keyword.value == "newshape"]
        if not newshape:
            return updated_node
        positional = [a for a in args if a.keyword is None]
        if any(a.star for a in args) or len(positional) != (1 if is_function else 0):
            return updated_node
        arg = newshape[0]
        moved = arg.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
        rest = [a for a in args if a is not arg]
        new_args = positional + [moved] + [a for a in rest if a.keyword is not None]
        new_args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(new_args) - 1 else a for i, a in enumerate(new_args)]
        self.changed(original_node, "`reshape(newshape=s)` (NumPy 2 rejects newshape=) -> the shape passed positionally")
        return updated_node.with_changes(args=_commas(new_args))

    def _array_copy_false(self, original_node, updated_node):
        args = list(updated_node.args)
        copy = [a for a in args if a.keyword is not None and a.keyword.value == "copy"]
        if not copy or _code(copy[0].value) != "False" or any(a.star for a in args):
            return updated_node
        others = {a.keyword.value for a in args if a.keyword is not None} - {"copy"}
        positional = [a for a in args if a.keyword is None]
        if not others <= {"dtype", "order"} or not 1 <= len(positional) <= 2:
            return updated_node
        func = updated_node.func
        new_func = func.with_changes(attr=cst.Name("asarray")) if isinstance(func, cst.Attribute) else None
        if new_func is None:
            return updated_node
        self.changed(original_node, "`np.array(x, copy=False)` (NumPy 2 raises when a copy is needed) -> `np.asarray(x)`")
        new_args = [a for a in args if a is not copy[0]]
        new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(func=new_func, args=new_args)

    def _bool_resize(self, original_node, updated_node, direct):
        args = list(updated_node.args)
        if not direct or not args or args[0].keyword is not None or args[0].star:
            return updated_node
        first = original_node.args[0].value
        keywords = {a.keyword.value: a for a in args if a.keyword is not None}
        if "order" in keywords and _code(keywords["order"].value) == "0":
            return updated_node  # nearest neighbour on bool is allowed and unchanged
        if not isinstance(first, cst.Name) and not _is_bool_astype(first):
            return updated_node
        np = self._numpy_alias()
        if _is_bool_astype(first) or (isinstance(first, cst.Name) and first.value in self.bool_vars[-1]):
            args[0] = args[0].with_changes(value=cst.parse_expression(f"{_code(_wrap(args[0].value))}.astype({np}.float64)"))
            anti_aliasing = "False"
        elif isinstance(first, cst.Name):
            # dtype unknown here (a parameter, a slice of one: Mask R-CNN's masks): cast
            # only when it is bool at run time, so every other input is passed as it was
            name = first.value
            condition = f'getattr({name}, "dtype", None) == bool'
            args[0] = args[0].with_changes(value=cst.parse_expression(f"{name}.astype({np}.float64) if {condition} else {name}"))
            anti_aliasing = f"False if {condition} else None"
        else:
            return updated_node
        if "anti_aliasing" not in keywords and len(args) < 8 and not any(a.star for a in args):
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            args.append(cst.Arg(keyword=cst.Name("anti_aliasing"), value=cst.parse_expression(anti_aliasing), equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))))
        self.changed(
            original_node,
            "bool image resized: scikit-image >= 0.19 raises (order > 0) or switches to nearest-neighbour; "
            "cast to float64 as scikit-image 0.14-0.18 did",
        )
        return updated_node.with_changes(args=args)


# collections.abc.__all__ of Python 3.3-3.9, whose names `collections` re-exported until 3.10
COLLECTIONS_ABCS = frozenset({
    "Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator", "Hashable", "Iterable",
    "Iterator", "Generator", "Reversible", "Sized", "Container", "Callable", "Collection", "Set", "MutableSet",
    "Mapping", "MutableMapping", "MappingView", "KeysView", "ItemsView", "ValuesView", "Sequence",
    "MutableSequence", "ByteString",
})
ARGSPEC_FIELDS = {"args", "varargs", "keywords", "defaults"}
# functions whose sizes NumPy < 1.12 accepted as floats: "all" positional args are sizes,
# "first": the first argument (or shape=) is a size or a tuple of sizes
FLOAT_SIZE_FUNCTIONS = {
    "numpy.random.rand": "all", "numpy.random.randn": "all",
    "numpy.zeros": "first", "numpy.ones": "first", "numpy.empty": "first", "numpy.full": "first",
}


def _numpy_call_needs_work(call: ast.Call, facts) -> bool:
    """The ast twin of the tests in `_bool_resize` / `_array_copy_false` / `_float_sizes`
    (a superset of them): a resize of a name or of `x.astype(...)`, `np.array(..., copy=...)`,
    or a size function given an integral float literal (`1e4`) as an argument or in a
    tuple/list argument."""
    qualified = qualify(call.func, facts.aliases)
    if qualified in SKIMAGE_RESIZERS:
        # `_bool_resize` casts a first argument that is a name or `x.astype(...)`
        first = call.args[0] if call.args else None
        return isinstance(first, ast.Name) or (
            isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) and first.func.attr == "astype"
            and bool(first.args) and ast.unparse(first.args[0]) in BOOL_DTYPES
        )
    if qualified == "numpy.array":
        return any(keyword.arg == "copy" for keyword in call.keywords)
    if qualified not in FLOAT_SIZE_FUNCTIONS:
        return False
    values = [*call.args, *(k.value for k in call.keywords if k.arg == "shape")]
    for value in values:
        items = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value]
        if any(isinstance(v, ast.Constant) and type(v.value) is float and v.value.is_integer() for v in items):
            return True
    return False


def _integral(node: cst.Float) -> bool:
    try:
        value = float(node.value.replace("_", ""))
    except ValueError:
        return False
    return value.is_integer() and abs(value) < 2**53


def _getargspec_rewrite(codemod, original_node, updated_node):
    func = updated_node.func
    if not isinstance(func, cst.Attribute):
        return updated_node
    new_call = updated_node.with_changes(func=func.with_changes(attr=cst.Name("getfullargspec")))
    if id(original_node) not in codemod.argspec_ok:
        codemod.warn(
            original_node, "MIG314",
            "`inspect.getargspec` is gone in Python 3.11: use `inspect.getfullargspec(f)` "
            "(its 4th field is `varkw`, not `keywords`; it has 3 more fields) or `inspect.signature(f)`",
        )
        return updated_node
    codemod.changed(original_node, "`inspect.getargspec(f)` (gone in Python 3.11) -> `inspect.getfullargspec(f)`, its first 4 fields")
    return new_call


def _commas(args):
    out = []
    for i, arg in enumerate(args):
        if i < len(args) - 1 and arg.comma is cst.MaybeSentinel.DEFAULT:
            arg = arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        out.append(arg)
    return out


def _names_in(node) -> list[cst.Name]:
    out = []
    while isinstance(node, cst.Attribute):
        out.append(node.attr)
        node = node.value
    if isinstance(node, cst.Name):
        out.append(node)
    return out


def _distutils_message(qualified: str) -> str:
    advice = DISTUTILS_ADVICE.get(qualified, "use its setuptools / shutil / packaging / sysconfig equivalent")
    return f"`{qualified}`: distutils is gone in Python 3.12: {advice}"
