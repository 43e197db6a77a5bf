"""The README's rules reference is generated from the rules and must be current."""

from pathlib import Path

from linter.registry import registry
from linter.rulesdoc import with_rules_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_rules_table_is_current():
    text = README.read_text(encoding="utf-8")
    expected = with_rules_table(text, registry().rules)
    assert text == expected, (
        "README.md's rules table is stale; regenerate it with `python -m linter.rulesdoc README.md`"
    )


def test_every_rule_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for rule in registry().rules:
        assert f"| `{rule.name}` |" in text


def test_json_example_is_what_the_sample_gives():
    import json
    import re

    from linter.engine import Linter
    from linter.report.json import report_to_json

    text = README.read_text(encoding="utf-8")
    block = re.search(r"### The JSON contract.*?```json\n(.*?)```", text, re.DOTALL).group(1)
    example = json.loads(block)
    sample = README.parent / example["path"]
    reports = Linter().lint_paths([str(sample)]).reports
    found = [report_to_json(r) for r in reports]
    for item in found:
        item["path"] = example["path"]
    assert example in found
