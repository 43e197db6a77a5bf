"""Every output format, checked against values worked out by hand.

The main fixture mixes what breaks naive column arithmetic: a UTF-8 byte-order mark,
Hangul (3 bytes in UTF-8, 2 cells wide on a terminal), curly quotes and an em dash
(3 bytes each), a tab and CRLF line ends. Character offsets (after the BOM):

    line 1  "평양 — “the the” report.\\r\\n"        offsets 0-23
            평0 양1 ␠2 —3 ␠4 “5 t6 h7 e8 ␠9 t10 h11 e12 ”13 ␠14 report.15-21 \\r22 \\n23
    line 2  "\\t조선  중앙 KCNA's 통신 ,\\r\\n"      offsets 24-44
            \\t24 조25 선26 ␠27 ␠28 중29 앙30 ␠31 K32 C33 N34 A35 '36 s37 ␠38 통39 신40 ␠41 ,42
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from renderlint_testing import check_json, fix, run

from linter.diagnostics import Location, Report, Severity
from linter.report import Output
from linter.report.github import render_github

# The official SARIF 2.1.0 schema (final "rtm.5" revision), taken offline from the npm
# package @microsoft/jest-sarif 1.0.0-beta.0, file lib/schemas/sarif-2.1.0-rtm.5.json
# (`npm pack @microsoft/jest-sarif`). It declares JSON Schema draft-04.
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
)
SARIF_VALIDATOR = jsonschema.Draft4Validator(SARIF_SCHEMA)

BOM = b"\xef\xbb\xbf"
MIXED = "평양 — “the the” report.\r\n\t조선  중앙 KCNA's 통신 ,\r\n"
SELECT = ("--select", "typography")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

QUOTE_MESSAGE = (
    'straight apostrophe or single quote "\'" in a document where curly quotes dominate '
    "(2 curly, 1 straight)"
)
MIXED_FINDINGS = [
    {
        "path": "mixed.txt",
        "line": 1,
        "column": 7,
        "end_line": 1,
        "end_column": 14,
        "offset": 6,
        "end_offset": 13,
        "rule": "repeated-word",
        "severity": "warning",
        "message": "repeated word 'the'",
        "fix": fix("safe", (9, 13, "")),
    },
    {
        "path": "mixed.txt",
        "line": 2,
        "column": 4,
        "end_line": 2,
        "end_column": 6,
        "offset": 27,
        "end_offset": 29,
        "rule": "whitespace",
        "severity": "warning",
        "message": "2 spaces between words",
        "fix": fix("safe", (27, 29, " ")),
    },
    {
        "path": "mixed.txt",
        "line": 2,
        "column": 13,
        "end_line": 2,
        "end_column": 14,
        "offset": 36,
        "end_offset": 37,
        "rule": "quote-style",
        "severity": "warning",
        "message": QUOTE_MESSAGE,
        "fix": fix("unsafe", (36, 37, "’")),
    },
    {
        "path": "mixed.txt",
        "line": 2,
        "column": 18,
        "end_line": 2,
        "end_column": 19,
        "offset": 41,
        "end_offset": 42,
        "rule": "whitespace",
        "severity": "warning",
        "message": "space before ','",
        "fix": fix("safe", (41, 42, "")),
    },
]
KEYS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "end_offset",
    "rule",
    "severity",
    "message",
    "fix",
]


@pytest.fixture
def mixed(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "mixed.txt"
    path.write_bytes(BOM + MIXED.encode("utf-8"))
    return path


@pytest.fixture
def two_files(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.txt").write_text("Held in  Pyongyang , today.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A clean sentence.\n", encoding="utf-8")


# -- json ------------------------------------------------------------------------------


def test_json_contract_on_bom_crlf_hangul_tab(mixed):
    code, findings = check_json(*SELECT, "mixed.txt")
    assert code == 1
    assert findings == MIXED_FINDINGS
    for finding in findings:
        assert list(finding) == KEYS
    # The offsets are characters of the decoded text, which the spans really cover.
    text = mixed.read_bytes()[3:].decode("utf-8")
    assert [text[f["offset"] : f["end_offset"]] for f in findings] == [
        "the the",
        "  ",
        "'",
        " ",
    ]


def test_json_is_sorted_by_path_line_column_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Line 1: '"' at 8 and 16, "the the" at [9, 16), a double space at [20, 22), a space
    # before the comma at 26. Line 2 has three curly marks, so the straight ones are wrong.
    (tmp_path / "b.txt").write_text(
        'He said "the the" to  them ,\n“So” it’s done.\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("x  y\n", encoding="utf-8")
    code, findings = check_json(*SELECT, "b.txt", "a.txt")
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]
    assert keys == [
        ("a.txt", 1, 2, "whitespace"),
        ("b.txt", 1, 9, "quote-style"),
        ("b.txt", 1, 10, "repeated-word"),
        ("b.txt", 1, 17, "quote-style"),
        ("b.txt", 1, 21, "whitespace"),
        ("b.txt", 1, 27, "whitespace"),
    ]
    assert code == 1


def test_json_clean_file_is_an_empty_array(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A clean sentence.\n", encoding="utf-8")
    result = run("check", "--format", "json", "a.txt")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"


def test_json_columns_count_code_points(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # An astral emoji is one character (two UTF-16 units); e + combining acute is two.
    (tmp_path / "a.txt").write_text("😀 e\u0301 the the\n", encoding="utf-8")
    _, findings = check_json(*SELECT, "a.txt")
    assert [(f["column"], f["end_column"], f["offset"], f["end_offset"]) for f in findings] == [
        (6, 13, 5, 12)
    ]


def test_json_positions_of_markdown_are_in_the_original_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "---\ntitle: the the\n---\n\n# Head\n\nSome the *the* text, and *the the* too.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    _, findings = check_json(*SELECT, "a.md")
    # Front matter is not prose. Line 7 starts at offset 32: "Some the *the*" spans
    # [37, 45) and its fix would cross the emphasis marker, so none is offered; "the the"
    # inside the second emphasis is [58, 65) and is fixed inside it.
    assert [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["offset"], f["end_offset"])
        for f in findings
    ] == [(7, 6, 7, 14, 37, 45), (7, 27, 7, 34, 58, 65)]
    assert findings[0]["fix"] is None
    assert findings[1]["fix"] == fix("safe", (61, 65, ""))
    assert text[37:45] == "the *the"
    assert text[58:65] == "the the"


# -- sarif ------------------------------------------------------------------------------


def sarif_log(*args: str) -> dict:
    result = run("check", "--format", "sarif", *SELECT, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_sarif_is_valid_and_carries_the_positions(mixed):
    log = sarif_log("mixed.txt")
    SARIF_VALIDATOR.validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["quote-style", "repeated-word", "whitespace"]
    results = run_["results"]
    assert len(results) == len(MIXED_FINDINGS)
    for result, expected in zip(results, MIXED_FINDINGS, strict=True):
        assert result["ruleId"] == expected["rule"]
        assert rules[result["ruleIndex"]]["id"] == expected["rule"]
        assert result["level"] == "warning"
        assert result["message"]["text"] == expected["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "mixed.txt"
        assert location["region"] == {
            "startLine": expected["line"],
            "startColumn": expected["column"],
            "endLine": expected["end_line"],
            "endColumn": expected["end_column"],
            "charOffset": expected["offset"],
            "charLength": expected["end_offset"] - expected["offset"],
        }
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        (edit,) = expected["fix"]["edits"]
        assert replacement == {
            "deletedRegion": {
                "charOffset": edit["offset"],
                "charLength": edit["end_offset"] - edit["offset"],
            },
            "insertedContent": {"text": edit["content"]},
        }


def test_sarif_clean_run_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A clean sentence.\n", encoding="utf-8")
    log = sarif_log("a.txt")
    SARIF_VALIDATOR.validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_validation_can_fail(mixed):
    log = sarif_log("mixed.txt")
    broken_level = copy.deepcopy(log)
    broken_level["runs"][0]["results"][0]["level"] = "fatal"
    broken_column = copy.deepcopy(log)
    region = broken_column["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    region["region"]["startColumn"] = 0
    broken_version = copy.deepcopy(log)
    del broken_version["version"]
    for broken in (broken_level, broken_column, broken_version):
        with pytest.raises(jsonschema.ValidationError):
            SARIF_VALIDATOR.validate(broken)


def test_sarif_levels_follow_severity(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "renderlint.toml").write_text(
        '[severity]\nwhitespace = "info"\nrepeated-word = "error"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("the the  x\n", encoding="utf-8")
    log = sarif_log("a.txt")
    SARIF_VALIDATOR.validate(log)
    levels = [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]]
    assert levels == [("repeated-word", "error"), ("whitespace", "note")]


URI_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("my file.txt", "my%20file.txt"),
        ("기사.txt", "%EA%B8%B0%EC%82%AC.txt"),
        ("50%.txt", "50%25.txt"),
    ],
    ids=["space", "hangul", "percent"],
)
def test_sarif_uris_are_percent_encoded(tmp_path, monkeypatch, name, uri):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("the the\n", encoding="utf-8")
    log = sarif_log(name)
    SARIF_VALIDATOR.validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": uri, "uriBaseId": "%SRCROOT%"}
    assert URI_CHARACTERS.match(location["artifactLocation"]["uri"])


def test_sarif_absolute_path_is_a_file_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text("the the\n", encoding="utf-8")
    log = sarif_log(str(path))
    SARIF_VALIDATOR.validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": path.as_uri()}


# -- github -----------------------------------------------------------------------------


def test_github_annotations(mixed):
    result = run("check", "--format", "github", *SELECT, "mixed.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::warning file=mixed.txt,line=1,col=7,endLine=1,endColumn=14,"
        "title=renderlint repeated-word::repeated-word: repeated word 'the'",
        "::warning file=mixed.txt,line=2,col=4,endLine=2,endColumn=6,"
        "title=renderlint whitespace::whitespace: 2 spaces between words",
        "::warning file=mixed.txt,line=2,col=13,endLine=2,endColumn=14,"
        f"title=renderlint quote-style::quote-style: {QUOTE_MESSAGE}",
        "::warning file=mixed.txt,line=2,col=18,endLine=2,endColumn=19,"
        "title=renderlint whitespace::whitespace: space before ','",
    ]


def test_github_escapes_the_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd,name:50%.txt").write_text("the the\n", encoding="utf-8")
    result = run("check", "--format", "github", *SELECT, "odd,name:50%.txt")
    assert result.stdout == (
        "::warning file=odd%2Cname%3A50%25.txt,line=1,col=1,endLine=1,endColumn=8,"
        "title=renderlint repeated-word::repeated-word: repeated word 'the'\n"
    )


def test_github_escapes_messages_and_maps_levels():
    def report(severity: Severity, message: str) -> Report:
        return Report(
            path="a.txt",
            rule="whitespace",
            severity=severity,
            message=message,
            offset=0,
            end_offset=1,
            start=Location(1, 1),
            end=Location(1, 2),
        )

    out = render_github(
        Output(
            reports=[
                report(Severity.ERROR, "50% done,\nnext: line\r"),
                report(Severity.INFO, "a:b,c"),
            ]
        )
    )
    assert out == (
        "::error file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=renderlint whitespace"
        "::whitespace: 50%25 done,%0Anext: line%0D\n"
        "::notice file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=renderlint whitespace"
        "::whitespace: a:b,c\n"
    )


# -- junit ------------------------------------------------------------------------------


def test_junit_counts_and_cases(two_files):
    result = run("check", "--format", "junit", *SELECT, "a.txt", "b.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["a.txt", "b.txt"]

    clean = suites["a.txt"]
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")
    (passing,) = clean.findall("testcase")
    assert passing.find("failure") is None

    bad = suites["b.txt"]
    assert (bad.get("tests"), bad.get("failures")) == ("2", "2")
    cases = bad.findall("testcase")
    assert [c.get("name") for c in cases] == ["whitespace at 1:8", "whitespace at 1:19"]
    assert [c.get("line") for c in cases] == ["1", "1"]
    failures = [c.find("failure") for c in cases]
    assert [f.get("message") for f in failures] == ["2 spaces between words", "space before ','"]
    assert [f.get("type") for f in failures] == ["warning", "warning"]
    assert failures[1].text == "b.txt:1:19: whitespace space before ','"


def test_junit_escapes_markup_characters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a&b<c>.txt").write_text('“A” and "B"\n', encoding="utf-8")
    result = run("check", "--format", "junit", *SELECT, "a&b<c>.txt")
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "a&b<c>.txt"
    messages = [c.find("failure").get("message") for c in suite.findall("testcase")]
    assert messages[0].startswith("curly double quote '“'")


# -- text -------------------------------------------------------------------------------


MIXED_TEXT = f"""\
mixed.txt:1:7: repeated-word repeated word 'the'
  |
1 | 평양 — “the the” report.
  |         ^^^^^^^
  = fix (safe): delete

mixed.txt:2:4: whitespace 2 spaces between words
  |
2 |  조선  중앙 KCNA's 통신 ,
  |      ^^
  = fix (safe): replace with ' '

mixed.txt:2:13: quote-style {QUOTE_MESSAGE}
  |
2 |  조선  중앙 KCNA's 통신 ,
  |                 ^
  = fix (unsafe): replace with '’'

mixed.txt:2:18: whitespace space before ','
  |
2 |  조선  중앙 KCNA's 통신 ,
  |                        ^
  = fix (safe): delete

Found 4 findings in 1 file. Fixes available: 3 safe, 1 unsafe.
"""


def test_text_excerpt_and_carets_under_wide_characters(mixed):
    result = run("check", *SELECT, "mixed.txt")
    assert result.exit_code == 1
    # Carets count terminal cells: Hangul takes two, the tab is shown as one space.
    assert result.stdout == MIXED_TEXT
    assert not ANSI.search(result.stdout)


def test_text_concise(mixed):
    result = run("check", "--concise", *SELECT, "mixed.txt")
    assert result.stdout.splitlines() == [
        "mixed.txt:1:7: repeated-word repeated word 'the'",
        "mixed.txt:2:4: whitespace 2 spaces between words",
        f"mixed.txt:2:13: quote-style {QUOTE_MESSAGE}",
        "mixed.txt:2:18: whitespace space before ','",
        "Found 4 findings in 1 file. Fixes available: 3 safe, 1 unsafe.",
    ]


def test_text_clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A clean sentence.\n", encoding="utf-8")
    assert run("check", "a.txt").stdout == "All checks passed.\n"
    assert run("check", "--concise", "a.txt").stdout == ""


def test_text_long_line_is_cut_around_the_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    words = " ".join(["alpha", "beta", "gamma", "delta"] * 15)
    line = f"{words} the the {words}"
    (tmp_path / "a.txt").write_text(line + "\n", encoding="utf-8")
    result = run("check", *SELECT, "a.txt")
    excerpt, carets = result.stdout.splitlines()[2:4]
    assert excerpt.startswith("1 | …") and excerpt.endswith("…")
    text = excerpt[len("1 | ") :]
    start = carets.index("^") - len("  | ")
    assert text[start : start + 7] == "the the"
    assert carets.count("^") == 7


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        ((), {}, False),
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, False),
        (("--color", "always"), {"NO_COLOR": ""}, True),
        (("--color", "auto"), {"NO_COLOR": "1"}, False),
        (("--color", "never"), {}, False),
    ],
    ids=[
        "auto-not-a-terminal",
        "always",
        "always-but-NO_COLOR",
        "always-empty-NO_COLOR",
        "auto-NO_COLOR",
        "never",
    ],
)
def test_text_color(mixed, args, env, colored):
    result = run("check", *SELECT, *args, "mixed.txt", env=env)
    assert bool(ANSI.search(result.stdout)) is colored
    assert ANSI.sub("", result.stdout) == MIXED_TEXT


def test_statistics_text(mixed):
    result = run("check", "--statistics", *SELECT, "mixed.txt")
    assert result.exit_code == 1
    assert result.stdout == ("2  [*] whitespace\n1  [*] quote-style\n1  [*] repeated-word\n")


def test_statistics_json(mixed):
    result = run("check", "--statistics", "--format", "json", *SELECT, "mixed.txt")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"rule": "whitespace", "count": 2, "fixable": True},
        {"rule": "quote-style", "count": 1, "fixable": True},
        {"rule": "repeated-word", "count": 1, "fixable": True},
    ]


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_statistics_in_another_format_is_a_usage_error(mixed, fmt):
    result = run("check", "--statistics", "--format", fmt, *SELECT, "mixed.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--statistics prints text or json, not --format {fmt}" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file(mixed, fmt):
    out = mixed.parent / "report.out"
    result = run("check", "--format", fmt, "--color", "always", *SELECT, "-o", out, "mixed.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = out.read_text(encoding="utf-8")
    # The file holds exactly what standard output would have shown, without colour.
    expected = run("check", "--format", fmt, *SELECT, "mixed.txt").stdout
    assert written == expected
    assert "repeated" in written
    assert not ANSI.search(written)
