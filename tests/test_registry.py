"""Registry-wide invariants: names, documentation, declared fixability, the rules commands.

Every rule's fixture is its own documentation: the code block under "Example" must draw
at least one finding from the rule, the one under "Use instead" none, and for a fixable
rule, applying the Example's fixes must give the "Use instead" text. A rule added to the
registry is covered without touching this file.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib

import pytest
from renderlint_testing import PAIR_SEPARATOR, apply_fixes, compare, lint, one_line_error, run

from linter.registry import registry
from linter.rule import DOC_SECTIONS

RULES = registry().rules
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
TOML_BLOCK = re.compile(r"^```toml\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
KIND_BY_LANGUAGE = {"": "plain", "text": "plain", "markdown": "markdown", "html": "html"}
SUFFIX_BY_KIND = {"plain": "txt", "markdown": "md", "html": "html"}


def rule_id(rule) -> str:
    return rule.name


def code_block(rule, section: str) -> tuple[str, str]:
    """The text and markup kind of the first code block of ``section``."""
    match = CODE_BLOCK.search(rule.docs()[section])
    assert match, f"{rule.name}: `{section}` has no code block"
    language, body = match.groups()
    return body, KIND_BY_LANGUAGE[language]


def example_config(rule) -> dict | None:
    """The config a rule's Example assumes: a ```toml block under Options, if any."""
    match = TOML_BLOCK.search(rule.docs()["Options"])
    return tomllib.loads(match.group(1)) if match else None


def lint_example(rule, section: str) -> tuple[str, list[dict]]:
    """Lint a rule's example; a pair rule's example is a pair: source, `|||`, rendering."""
    text, kind = code_block(rule, section)
    if kind != "plain" and importlib.util.find_spec(f"linter.markup.{kind}") is None:
        pytest.skip(f"linter.markup.{kind} is not written yet")
    path = f"example.{SUFFIX_BY_KIND[kind]}"
    if rule.pair:
        assert PAIR_SEPARATOR in text.splitlines(), f"{rule.name}: a pair example needs `|||`"
        return text, compare(text, rule.name, path=path, config=example_config(rule))
    return text, lint(text, rule.name, path=path, config=example_config(rule))


def test_rule_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_names_are_kebab_case(rule):
    assert KEBAB.match(rule.name), rule.name
    assert KEBAB.match(rule.family), rule.family
    assert rule.name not in {r.family for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_rule_has_a_summary_and_every_doc_section(rule):
    assert rule.summary.strip(), "empty summary"
    assert "\n" not in rule.summary
    docs = rule.docs()
    for section in DOC_SECTIONS:
        assert docs.get(section, "").strip(), f"{rule.name}: section `{section}` missing or empty"
    assert CODE_BLOCK.search(docs["Example"]), "Example has no code block"
    assert CODE_BLOCK.search(docs["Use instead"]), "Use instead has no code block"


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_options_are_documented(rule):
    options_doc = rule.docs()["Options"]
    for key, option in rule.options.items():
        assert f"`{key}`" in options_doc, f"option `{key}` not described under Options"
        assert option.help.strip()
    if not rule.options:
        assert options_doc.lower().startswith("none"), "a rule without options says `None`"


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_example_is_reported_and_use_instead_is_not(rule):
    _, bad = lint_example(rule, "Example")
    assert [f for f in bad if f["rule"] == rule.name], f"{rule.name}: Example draws no finding"
    _, good = lint_example(rule, "Use instead")
    assert [f for f in good if f["rule"] == rule.name] == []


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_declared_fixability_is_honoured(rule):
    text, found = lint_example(rule, "Example")
    mine = [f for f in found if f["rule"] == rule.name]
    assert mine
    if rule.fixable:
        assert any(f["fix"] for f in mine), f"{rule.name} is fixable but its Example has no fix"
        for f in mine:
            if f["fix"]:
                assert f["fix"]["applicability"] in ("safe", "unsafe")
                assert f["fix"]["edits"]
        use_instead, _ = code_block(rule, "Use instead")
        assert apply_fixes(text, mine) == use_instead
    else:
        assert all(f["fix"] is None for f in mine), f"{rule.name} is not fixable but offers a fix"


def test_rules_lists_every_rule():
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rule", "family", "severity", "fix", "default", "summary"]
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == [r.name for r in RULES]
    for rule, line in zip(RULES, lines[1:], strict=True):
        assert line.split()[1:3] == [rule.family, rule.severity.value]
        assert line.endswith(rule.summary)


def test_rules_json_lists_every_rule():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["name"] for d in data] == [r.name for r in RULES]
    for rule, entry in zip(RULES, data, strict=True):
        assert entry == {
            "name": rule.name,
            "family": rule.family,
            "severity": rule.severity.value,
            "fixable": rule.fixable,
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
        }


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_explain_prints_every_section(rule):
    result = run("explain", rule.name)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"# {rule.name}\n\n{rule.summary}\n")
    docs = rule.docs()
    positions = []
    for section in DOC_SECTIONS:
        heading = f"\n## {section}\n\n"
        assert heading in out, section
        positions.append(out.index(heading))
        assert docs[section] in out
    assert positions == sorted(positions), "sections out of order"


def test_explain_unknown_rule_is_one_line_and_exit_2():
    line = one_line_error(run("explain", "no-such-rule"), "no-such-rule")
    assert line == "renderlint: error: unknown rule 'no-such-rule' (see `renderlint rules`)"
