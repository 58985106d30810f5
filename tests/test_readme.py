"""The README's before/after example is what `migrate code` really produces."""
import re
from pathlib import Path

from migrate.codemod import Settings
from migrate.runner import migrate_source

README = Path(__file__).resolve().parents[1] / "README.md"


def _example_columns():
    text = README.read_text()
    block = re.search(r"```python\n(# before: TF1.*?)```", text, re.S).group(1)
    lines = block.splitlines()
    split = lines[0].index("# after")
    before, after = [], []
    for line in lines[1:]:
        left, right = line[:split].rstrip(), line[split:].rstrip()
        if left or not right:  # a blank line on both sides is blank in both
            before.append(left)
        if right or not left:
            after.append(right)
    return "\n".join(before) + "\n", "\n".join(after) + "\n"


def test_readme_before_after_example_is_real():
    before, after = _example_columns()
    assert "tf.placeholder" in before and "disable_eager_execution" in after
    assert migrate_source(before, Settings(keras="3")).code == after
