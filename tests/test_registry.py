"""The codemod registry is complete, ordered and well-formed."""
import re
from pathlib import Path

from migrate.codemod import Codemod
from migrate.codemods import REGISTRY, load_all

CODEMODS_DIR = Path(__file__).resolve().parents[1] / "codemods"


def test_every_codemod_module_is_registered_and_every_entry_exists():
    on_disk = {p.stem for p in CODEMODS_DIR.glob("*.py") if p.stem != "__init__"}
    registered = [module for module, _ in REGISTRY]
    assert len(registered) == len(set(registered)), "a module is registered twice"
    assert on_disk - set(registered) == set(), "codemod modules missing from REGISTRY"
    assert set(registered) - on_disk == set(), "REGISTRY names modules that do not exist"


def test_codemods_are_documented_and_codes_are_unique():
    seen = {}
    for cls in load_all():
        assert issubclass(cls, Codemod)
        doc = (cls.__doc__ or "").strip()
        assert len(doc.splitlines()) >= 3, f"{cls.__name__}: docstring must show the TF1 and the TF2 form"
        assert cls.TITLE, f"{cls.__name__}: TITLE"
        for code in cls.codes():
            assert re.fullmatch(r"MIG\d{3}", code), f"{cls.__name__}: bad code {code!r}"
            assert code not in seen, f"{code} used by {seen.get(code)} and {cls.__name__}"
            seen[code] = cls.__name__


def test_readme_documents_every_code():
    readme = (CODEMODS_DIR.parent / "README.md").read_text()
    missing = [code for cls in load_all() for code in cls.codes() if code not in readme]
    assert missing == [], f"codes not documented in README.md: {missing}"


def test_report_only_codemods_never_record_a_rewrite():
    import inspect

    for cls in load_all():
        if not cls.REWRITES:
            assert "self.changed(" not in Path(inspect.getsourcefile(cls)).read_text(), cls.__name__
