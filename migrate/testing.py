"""Helpers for codemod tests: before/after pairs, unchanged cases, idempotency."""
from __future__ import annotations

import ast
import textwrap

from migrate.codemod import Outcome, Settings, run_codemods
from migrate.prescan import prescan


def apply(codemods, source: str, settings: Settings | None = None) -> Outcome:
    """Run `codemods` (a class or a list, in the given order) on `source`."""
    if isinstance(codemods, type):
        codemods = [codemods]
    return run_codemods(source, prescan(source), list(codemods), settings or Settings())


def check_rewrite(codemods, before: str, after: str, settings: Settings | None = None) -> Outcome:
    """Assert `before` becomes `after`, the result parses, and a second pass is a no-op."""
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    outcome = apply(codemods, before, settings)
    assert outcome.code == after, f"\n--- got ---\n{outcome.code}\n--- expected ---\n{after}"
    ast.parse(outcome.code)
    again = apply(codemods, outcome.code, settings)
    assert again.code == outcome.code, f"second pass changed the code:\n{again.code}"
    assert not [f for f in again.findings if f.kind == "change"], again.findings
    return outcome


def check_unchanged(codemods, source: str, settings: Settings | None = None) -> Outcome:
    """Assert the codemods leave `source` as it is and record no change."""
    source = textwrap.dedent(source)
    outcome = apply(codemods, source, settings)
    assert outcome.code == source, f"\n--- changed to ---\n{outcome.code}"
    assert not [f for f in outcome.findings if f.kind == "change"], outcome.findings
    return outcome


def codes(outcome: Outcome, kind: str | None = None) -> list[str]:
    return [f.code for f in outcome.findings if kind is None or f.kind == kind]
