"""`--keras auto`: one run-wide decision between Keras 3 (tf.keras in TF 2.16+) and
Keras 2 (the tf-keras package), made from a cheap text scan of every file.

Keras 3 is the default target. Code that leans on Keras-2 internals (listed in
KERAS2_SIGNS) runs best on tf-keras, so one such site anywhere in the run makes the
whole run target Keras 2; the first sites are printed as the reasons.
"""
from __future__ import annotations

import re

# (pattern, why) — the sites that force Keras 2.
KERAS2_SIGNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bkeras\.engine\b"), "uses Keras-2 internals (keras.engine)"),
    (re.compile(r"\bget_session\s*\("), "uses the Keras-2 session (get_session)"),
]


def keras2_reasons(text: str, limit: int = 3) -> list[tuple[int, str]]:
    """[(line, why), ...] for the first sites in `text` that need Keras 2."""
    found = []
    for pattern, why in KERAS2_SIGNS:
        for match in pattern.finditer(text):
            found.append((text.count("\n", 0, match.start()) + 1, why))
            break
    return sorted(found)[:limit]
