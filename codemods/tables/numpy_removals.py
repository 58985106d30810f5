"""NumPy's removed names (NumPy release notes 1.17-2.0, ruff's NPY201 table): MIG301's table, in
a module of data alone so that the run's byte prefilter (migrate/runner.py) reads it without
importing LibCST."""
from __future__ import annotations

# -- NumPy ------------------------------------------------------------------------------
# name -> (kind, value)
#   builtin: the builtin name            numpy:  another numpy attribute (same alias)
#   expr:    expression, {np} = alias    import: "module.name" outside numpy's namespace
#   manual:  the advice of a warning
BUILTIN_ALIASES = {
    "float": "float", "int": "int", "bool": "bool", "object": "object", "str": "str",
    "long": "int", "unicode": "str", "complex": "complex",
}
# Removed before NumPy 2.0 (NumPy release notes 1.17-1.25).
OLDER_REMOVALS = {
    "rank": ("numpy", "ndim"),
    "int0": ("numpy", "intp"), "uint0": ("numpy", "uintp"), "bool8": ("numpy", "bool_"),
    "object0": ("numpy", "object_"), "str0": ("numpy", "str_"), "bytes0": ("numpy", "bytes_"),
    "void0": ("numpy", "void"), "typeDict": ("numpy", "sctypeDict"),
    "loads": ("import", "pickle.loads"),
}
# ruff NPY201, entry for entry ("numpy" = AutoImport from numpy; "import" = AutoImport from
# elsewhere; "expr" = AutoPurePython; "manual" = Manual with ruff's guideline).
NPY201 = {
    "add_docstring": ("import", "numpy.lib.add_docstring"),
    "add_newdoc": ("import", "numpy.lib.add_newdoc"),
    "add_newdoc_ufunc": ("manual", "`add_newdoc_ufunc` is an internal function"),
    "alltrue": ("numpy", "all"),
    "asfarray": ("manual", "use `np.asarray(x, dtype=float)` (asfarray kept float32/complex input as it was)"),
    "byte_bounds": ("import", "numpy.lib.array_utils.byte_bounds"),
    "cast": ("manual", "use `np.asarray(x).astype(dtype)`"),
    "cfloat": ("numpy", "complex128"),
    "clongfloat": ("numpy", "clongdouble"),
    "compat": ("manual", "Python 2 compatibility helpers: use the Python 3 builtins"),
    "complex_": ("numpy", "complex128"),
    "cumproduct": ("numpy", "cumprod"),
    "DataSource": ("import", "numpy.lib.npyio.DataSource"),
    "deprecate": ("manual", "emit `DeprecationWarning` with `warnings.warn`, or use `typing.deprecated`"),
    "deprecate_with_doc": ("manual", "emit `DeprecationWarning` with `warnings.warn`, or use `typing.deprecated`"),
    "disp": ("manual", "use a print function"),
    "fastCopyAndTranspose": ("manual", "use `arr.T.copy()`"),
    "find_common_type": ("manual", "use `np.result_type` / `np.promote_types` (pass 0, 0.0 or 0j for scalar types)"),
    "get_array_wrap": ("manual", "no replacement"),
    "float_": ("numpy", "float64"),
    "geterrobj": ("manual", "use the `np.errstate` context manager"),
    "in1d": ("manual", "use `np.isin(a, b).ravel()`"),
    "INF": ("numpy", "inf"), "Inf": ("numpy", "inf"), "Infinity": ("numpy", "inf"),
    "infty": ("numpy", "inf"), "PINF": ("numpy", "inf"),
    "issctype": ("manual", "no replacement"),
    "issubclass_": ("expr", "issubclass"),
    "issubsctype": ("numpy", "issubdtype"),
    "mat": ("numpy", "asmatrix"),
    "maximum_sctype": ("manual", "no replacement"),
    "NaN": ("numpy", "nan"), "NAN": ("numpy", "nan"),
    "nbytes": ("manual", "use `np.dtype(<dtype>).itemsize`"),
    "NINF": ("expr", "-{np}.inf"),
    "NZERO": ("expr", "-0.0"),
    "longcomplex": ("numpy", "clongdouble"),
    "longfloat": ("numpy", "longdouble"),
    "lookfor": ("manual", "search NumPy's documentation"),
    "obj2sctype": ("manual", "no replacement"),
    "product": ("numpy", "prod"),
    "PZERO": ("expr", "0.0"),
    "recfromcsv": ("manual", "use `np.genfromtxt` with a comma delimiter"),
    "recfromtxt": ("manual", "use `np.genfromtxt`"),
    "round_": ("numpy", "round"),
    "safe_eval": ("import", "ast.literal_eval"),
    "sctype2char": ("manual", "no replacement"),
    "sctypes": ("manual", "no replacement"),
    "seterrobj": ("manual", "use the `np.errstate` context manager"),
    "set_string_function": ("manual", "use `np.set_printoptions`"),
    "singlecomplex": ("numpy", "complex64"),
    "string_": ("numpy", "bytes_"),
    "sometrue": ("numpy", "any"),
    "source": ("import", "inspect.getsource"),
    "tracemalloc_domain": ("import", "numpy.lib.tracemalloc_domain"),
    "trapz": ("numpy", "trapezoid"),
    "unicode_": ("numpy", "str_"),
    "who": ("manual", "use `locals()` or an IDE variable explorer"),
    "row_stack": ("numpy", "vstack"),
    "AxisError": ("import", "numpy.exceptions.AxisError"),
    "ComplexWarning": ("import", "numpy.exceptions.ComplexWarning"),
    "DTypePromotionError": ("import", "numpy.exceptions.DTypePromotionError"),
    "ModuleDeprecationWarning": ("import", "numpy.exceptions.ModuleDeprecationWarning"),
    "RankWarning": ("import", "numpy.exceptions.RankWarning"),
    "TooHardError": ("import", "numpy.exceptions.TooHardError"),
    "VisibleDeprecationWarning": ("import", "numpy.exceptions.VisibleDeprecationWarning"),
    "compare_chararrays": ("expr", "{np}.char.compare_chararrays"),
    "chararray": ("expr", "{np}.char.chararray"),
    "format_parser": ("expr", "{np}.rec.format_parser"),
}
# Calls with an exact rewrite of their own (leave_Call); other uses of them are warned.
NUMPY_CALLS = {"asscalar", "in1d", "msort"}
NUMPY = {
    **{name: ("builtin", value) for name, value in BUILTIN_ALIASES.items()},
    **OLDER_REMOVALS,
    **NPY201,
    "asscalar": ("manual", "use `a.item()`"),
    "msort": ("manual", "use `np.sort(a, axis=0)`"),
}
