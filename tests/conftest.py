from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo_codemods(monkeypatch):
    """Run the file runner with two small, fully known codemods instead of the registry,
    so engine tests do not depend on what the real codemods rewrite."""
    from migrate import runner
    from tests.demo_codemods import DemoRandomNormal, DemoSessionWarning

    monkeypatch.setattr(runner, "_CODEMODS", [DemoRandomNormal, DemoSessionWarning])
    return runner


def run_main(*args: str) -> int:
    """Call `migrate ...` in-process; returns the exit code."""
    from migrate.cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
