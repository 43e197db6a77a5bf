"""Suppression: inline directives in Markdown and HTML, `[[suppress]]` entries for plain text,
and the `unused-suppression` findings that keep both honest.

Each case lists the findings left after suppression as (line, column, rule).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from renderlint_testing import check_json, one_line_error, run

SELECT = ("--select", "typography,unused-suppression")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def require_markup(kind: str) -> None:
    """Skip while the loader is not written yet; with RENDERLINT_REQUIRE_ALL=1 (CI), fail."""
    if importlib.util.find_spec(f"linter.markup.{kind}") is None:
        if os.environ.get("RENDERLINT_REQUIRE_ALL"):
            pytest.fail(f"linter.markup.{kind} is missing")
        pytest.skip(f"linter.markup.{kind} is not written yet")


def lint_file(name: str, text: str, *args: str) -> list[tuple]:
    """Findings left in ``name``; ``args`` replace the default rule selection."""
    Path(name).write_text(text, encoding="utf-8")
    _, findings = check_json(*(args or SELECT), name)
    return [(f["line"], f["column"], f["rule"]) for f in findings]


def unused(name: str, text: str, *args: str) -> list[tuple]:
    Path(name).write_text(text, encoding="utf-8")
    _, findings = check_json(*(args or SELECT), name)
    return [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["message"])
        for f in findings
        if f["rule"] == "unused-suppression"
    ]


# -- directives, the same in Markdown and HTML ------------------------------------------
# Each case is written once as Markdown paragraphs; the HTML version wraps every prose
# line in <p>…</p>, which moves columns by 3 (columns below are for Markdown). HTML
# collapses runs of spaces as a browser does, so the whitespace slips here are a space
# before a comma, which survives in both.

RANGE_WITH_RULES = (
    "Intro the the line.\n"  # 1: the the at 7
    "\n"
    "<!-- renderlint-disable repeated-word,whitespace -->\n"  # 3
    "\n"
    "Inside the the range , here.\n"  # 5: silenced
    "\n"
    "<!-- renderlint-enable -->\n"  # 7
    "\n"
    "After the the range , here.\n"  # 9: the the at 7, space before the comma at 20
)
RANGE_ALL = (
    "<!-- renderlint-disable -->\n"
    "\n"
    "Inside the the range , here.\n"
    "\n"
    "<!-- renderlint-enable -->\n"
    "\n"
    "After the the range.\n"  # 7
)
RANGE_PARTIAL_ENABLE = (
    "<!-- renderlint-disable repeated-word -->\n"
    "\n"
    "One the the x , y.\n"  # 3: the space before the comma at 14 stays
    "\n"
    "<!-- renderlint-enable repeated-word -->\n"
    "\n"
    "Two the the.\n"  # 7
)
NEXT_LINE = (
    "<!-- renderlint-disable-next-line repeated-word -->\n"
    "The the first line , here.\n"  # 2: only the space before the comma at 19 stays
    "The the second line.\n"  # 3
)
NEXT_LINE_SKIPS_BLANK_LINES = (
    "<!-- renderlint-disable-next-line -->\n"
    "\n"
    "\n"
    "The the first line , here.\n"  # 4: silenced, every rule
    "\n"
    "The the second line.\n"  # 6
)
NEXT_LINE_BY_FAMILY = (
    "<!-- renderlint-disable-next-line typography -->\n"
    "The the first line , here.\n"
    "The the second line.\n"  # 3
)
FILE_WITH_RULE = (
    "Intro the the line , here.\n"  # 1: the space before the comma is silenced
    "\n"
    "<!-- renderlint-disable-file whitespace -->\n"
    "\n"
    "The the line , here.\n"  # 5
)
FILE_ALL = "The the line , here.\n\n<!-- renderlint-disable-file -->\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RANGE_WITH_RULES,
            [(1, 7, "repeated-word"), (9, 7, "repeated-word"), (9, 20, "whitespace")],
        ),
        (RANGE_ALL, [(7, 7, "repeated-word")]),
        (RANGE_PARTIAL_ENABLE, [(3, 14, "whitespace"), (7, 5, "repeated-word")]),
        (NEXT_LINE, [(2, 19, "whitespace"), (3, 1, "repeated-word")]),
        (NEXT_LINE_SKIPS_BLANK_LINES, [(6, 1, "repeated-word")]),
        (NEXT_LINE_BY_FAMILY, [(3, 1, "repeated-word")]),
        (FILE_WITH_RULE, [(1, 7, "repeated-word"), (5, 1, "repeated-word")]),
        (FILE_ALL, []),
    ],
    ids=[
        "range-with-rules",
        "range-all",
        "range-partial-enable",
        "next-line",
        "next-line-skips-blank-lines",
        "next-line-by-family",
        "file-with-rule",
        "file-all",
    ],
)
def test_markdown_directives(text, expected):
    require_markup("markdown")
    assert lint_file("a.md", text) == expected


def as_html(markdown: str) -> str:
    lines = []
    for line in markdown.split("\n"):
        if line and not line.startswith("<!--"):
            line = f"<p>{line}</p>"
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RANGE_WITH_RULES,
            [(1, 10, "repeated-word"), (9, 10, "repeated-word"), (9, 23, "whitespace")],
        ),
        (RANGE_ALL, [(7, 10, "repeated-word")]),
        (RANGE_PARTIAL_ENABLE, [(3, 17, "whitespace"), (7, 8, "repeated-word")]),
        (NEXT_LINE, [(2, 22, "whitespace"), (3, 4, "repeated-word")]),
        (NEXT_LINE_SKIPS_BLANK_LINES, [(6, 4, "repeated-word")]),
        (NEXT_LINE_BY_FAMILY, [(3, 4, "repeated-word")]),
        (FILE_WITH_RULE, [(1, 10, "repeated-word"), (5, 4, "repeated-word")]),
        (FILE_ALL, []),
    ],
    ids=[
        "range-with-rules",
        "range-all",
        "range-partial-enable",
        "next-line",
        "next-line-skips-blank-lines",
        "next-line-by-family",
        "file-with-rule",
        "file-all",
    ],
)
def test_html_directives(text, expected):
    require_markup("html")
    assert lint_file("a.html", as_html(text)) == expected


def test_enable_of_one_rule_keeps_the_others_disabled():
    require_markup("markdown")
    text = (
        "<!-- renderlint-disable repeated-word,whitespace -->\n"
        "\n"
        "One the the x , y.\n"  # 3: both silenced
        "\n"
        "<!-- renderlint-enable repeated-word -->\n"
        "\n"
        "Two the the x , y.\n"  # 7: repeated-word is back, whitespace still disabled
    )
    assert lint_file("a.md", text) == [(7, 5, "repeated-word")]


def test_without_unused_suppression_enabled_nothing_is_reported_about_directives():
    require_markup("markdown")
    text = "<!-- renderlint-disable-next-line whitespace -->\nThe the line.\n"
    assert lint_file("a.md", text, "--select", "typography") == [(2, 1, "repeated-word")]


# -- unused and unknown -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "<!-- renderlint-disable-next-line whitespace -->\nThe the line.\n",
            [(1, 1, 1, 49, "`renderlint-disable-next-line` suppresses nothing here")],
        ),
        (
            "Text.\n\n<!-- renderlint-disable-file quote-style -->\n",
            [(3, 1, 3, 45, "`renderlint-disable-file` suppresses nothing here")],
        ),
        (
            "<!-- renderlint-disable -->\n\nClean text.\n\n<!-- renderlint-enable -->\n",
            [(1, 1, 1, 28, "`renderlint-disable` suppresses nothing here")],
        ),
        (
            "<!-- renderlint-disable-next-line no-such-rule -->\nThe the line.\n",
            [(1, 1, 1, 51, "suppression names unknown rule(s): no-such-rule")],
        ),
        (
            "<!-- renderlint-disable-next-line repeated-word, bogus -->\nThe the line.\n",
            [(1, 1, 1, 59, "suppression names unknown rule(s): bogus")],
        ),
        (
            "<!-- renderlint-disable quote-style -->\n\nA “b” 'c'.\n\n"
            "<!-- renderlint-enable quote-styl -->\n",
            [(5, 1, 5, 38, "suppression names unknown rule(s): quote-styl")],
        ),
    ],
    ids=["next-line", "file", "range", "unknown", "unknown-beside-known", "unknown-in-enable"],
)
def test_markdown_unused_and_unknown_directives(text, expected):
    require_markup("markdown")
    assert unused("a.md", text) == expected


def test_unused_directive_for_a_rule_not_enabled_in_this_run():
    require_markup("markdown")
    text = "<!-- renderlint-disable-next-line whitespace -->\nThe  line.\n"
    assert unused("a.md", text, "--select", "repeated-word,unused-suppression") == [
        (1, 1, 1, 49, "suppression names rule(s) that are not enabled in this run")
    ]


def test_unused_suppression_can_itself_be_ignored_per_file():
    require_markup("markdown")
    Path("renderlint.toml").write_text(
        '[per-file-ignores]\n"old/*" = ["unused-suppression"]\n', encoding="utf-8"
    )
    Path("old").mkdir()
    text = "<!-- renderlint-disable-next-line whitespace -->\nClean.\n"
    assert lint_file("old/a.md", text) == []
    assert lint_file("a.md", text) == [(1, 1, "unused-suppression")]


def test_directive_text_inside_code_is_not_a_directive():
    require_markup("markdown")
    text = "```\n<!-- renderlint-disable-file -->\n```\n\nThe the line.\n"
    assert lint_file("a.md", text) == [(5, 1, "repeated-word")]


# -- plain text: [[suppress]] entries in the config -------------------------------------

CONFIG = """\
select = ["typography", "unused-suppression"]

[[suppress]]
path = "a.txt"
rules = ["repeated-word"]

[[suppress]]
path = "drafts/*.txt"
rules = ["typography"]
line = 2

[[suppress]]
path = "b.txt"
rules = ["whitespace"]
text = "  "

[[suppress]]
path = "a.txt"
rules = ["quote-style"]
reason = "matches nothing: reported at line 17"

[[suppress]]
path = "never/*.txt"
rules = ["whitespace"]
"""


def write_plain_case(config_name: str = "renderlint.toml", config: str = CONFIG) -> None:
    Path(config_name).write_text(config, encoding="utf-8")
    Path("drafts").mkdir()
    Path("a.txt").write_text("the the  x\n", encoding="utf-8")  # double space at 8
    Path("drafts/c.txt").write_text("the the\nthe the  x\n", encoding="utf-8")
    Path("b.txt").write_text("a  b ,\n", encoding="utf-8")  # space before comma at 5


def test_config_suppress_entries():
    write_plain_case()
    code, findings = check_json("a.txt", "b.txt", "drafts/c.txt")
    assert code == 1
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in findings] == [
        ("a.txt", 1, 8, "whitespace"),
        ("b.txt", 1, 5, "whitespace"),
        (os.path.join("drafts", "c.txt"), 1, 1, "repeated-word"),
        ("renderlint.toml", 17, 1, "unused-suppression"),
    ]
    assert findings[-1]["message"] == "[[suppress]] entry #4 suppresses nothing"


def test_config_suppress_entries_in_pyproject():
    config = CONFIG.replace("[[suppress]]", "[[tool.renderlint.suppress]]")
    config = "[tool.renderlint]\n" + config
    write_plain_case("pyproject.toml", config)
    _, findings = check_json("a.txt", "b.txt", "drafts/c.txt")
    assert [(f["path"], f["line"], f["rule"]) for f in findings][-1] == (
        "pyproject.toml",
        18,
        "unused-suppression",
    )


def test_unused_config_entries_are_reported_only_for_files_linted_in_this_run():
    # The pre-commit hook lints only the files that changed: an entry for a file outside
    # the run has not had the chance to silence anything.
    write_plain_case()
    _, findings = check_json("b.txt")
    assert [f["rule"] for f in findings] == ["whitespace"]


def test_config_suppress_text_must_match_exactly():
    Path("renderlint.toml").write_text(
        '[[suppress]]\npath = "a.txt"\nrules = ["repeated-word"]\ntext = "The the"\n',
        encoding="utf-8",
    )
    Path("a.txt").write_text("The the one.\nthe the two.\n", encoding="utf-8")
    _, findings = check_json(*SELECT, "a.txt")
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [
        ("a.txt", 2, "repeated-word"),
    ]


def test_config_suppress_with_an_unknown_rule_is_a_config_error():
    Path("renderlint.toml").write_text(
        '[[suppress]]\npath = "a.txt"\nrules = ["repeated-words"]\n', encoding="utf-8"
    )
    Path("a.txt").write_text("x\n", encoding="utf-8")
    one_line_error(
        run("check", "a.txt"), "renderlint.toml", "`suppress[0].rules`", "repeated-words"
    )


def test_words_after_a_double_dash_are_a_reason_not_rule_names():
    require_markup("markdown")
    text = (
        "<!-- renderlint-disable-next-line repeated-word -- as published in 2024 -->\n"
        "The the line.\n"
        "\n"
        "<!-- renderlint-disable-file -- this page quotes slips -->\n"
    )
    assert lint_file("a.md", text) == []
    # Without the dashes, the reason's words would be unknown rule names.
    bad = "<!-- renderlint-disable-next-line repeated-word as published -->\nThe the line.\n"
    assert (1, 1, "unused-suppression") in lint_file("b.md", bad)
