"""The command line: exit codes, severity thresholds, rule selection, stdin, determinism."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from renderlint_testing import check_json, one_line_error, run

# One slip of each typography rule. Offsets: "the the" [0, 7), the double space [12, 14),
# the straight quote 27 (curly marks win 3 to 1).
SLIPS = "the the idea  of “it” it’s 'x\n"
TYPOGRAPHY = ("--select", "typography")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def rules_of(findings: list[dict]) -> list[str]:
    return [f["rule"] for f in findings]


# -- exit codes ------------------------------------------------------------------------


def test_exit_0_when_clean():
    write("a.txt", "A clean sentence.\n")
    result = run("check", *TYPOGRAPHY, "a.txt")
    assert result.exit_code == 0
    assert result.stdout == "All checks passed.\n"


def test_exit_1_on_findings():
    write("a.txt", SLIPS)
    code, findings = check_json(*TYPOGRAPHY, "a.txt")
    assert code == 1
    assert rules_of(findings) == ["repeated-word", "whitespace", "quote-style"]
    assert [f["column"] for f in findings] == [1, 13, 28]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--select", "no-such-rule", "a.txt"), ("--select", "no-such-rule")),
        (("--ignore", "typography,nope", "a.txt"), ("--ignore", "nope")),
        (("--extend-select", "nope", "a.txt"), ("--extend-select", "nope")),
        (("-", "a.txt"), ("`-`", "cannot be combined")),
    ],
    ids=["select", "ignore", "extend-select", "stdin-and-paths"],
)
def test_exit_2_on_usage_errors(args, fragments):
    write("a.txt", SLIPS)
    result = run("check", *args, input="the the\n")
    one_line_error(result, *fragments)
    assert result.stdout == ""


def test_exit_2_on_click_usage_errors():
    result = run("check", "--fail-on", "fatal", ".")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "'fatal' is not one of 'error', 'warning', 'info'" in result.stderr


def test_exit_2_on_a_missing_path_but_still_lints_the_rest():
    write("a.txt", SLIPS)
    result = run("check", "--format", "json", *TYPOGRAPHY, "missing.txt", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == "renderlint: error: missing.txt: no such file or directory\n"
    assert len(json.loads(result.stdout)) == 3


def test_a_missing_path_is_not_reported_as_all_checks_passed():
    result = run("check", "missing.txt")
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert "All checks passed" not in result.stdout


def test_default_path_is_the_current_folder():
    write("sub/a.txt", SLIPS)
    code, findings = check_json(*TYPOGRAPHY)
    assert code == 1
    assert {f["path"] for f in findings} == {os.path.join("sub", "a.txt")}


# -- fail-on and exit-zero --------------------------------------------------------------


@pytest.fixture
def severities():
    """whitespace reports at info, repeated-word at error, quote-style at warning."""
    write(
        "renderlint.toml",
        'select = ["typography"]\n\n[severity]\nwhitespace = "info"\nrepeated-word = "error"\n',
    )
    write("info.txt", "one  two\n")
    write("warning.txt", "“a” and “b” it's\n")
    write("error.txt", "the the\n")


@pytest.mark.parametrize(
    ("path", "fail_on", "code"),
    [
        ("info.txt", None, 0),
        ("info.txt", "info", 1),
        ("info.txt", "warning", 0),
        ("warning.txt", None, 1),
        ("warning.txt", "error", 0),
        ("warning.txt", "info", 1),
        ("error.txt", "error", 1),
    ],
)
def test_fail_on(severities, path, fail_on, code):
    args = ["--fail-on", fail_on] if fail_on else []
    result = run("check", "--format", "json", *args, path)
    assert result.exit_code == code
    (finding,) = json.loads(result.stdout)
    assert finding["severity"] == path.split(".")[0]


def test_fail_on_in_config_and_cli_override(severities):
    text = Path("renderlint.toml").read_text(encoding="utf-8")
    write("renderlint.toml", 'fail-on = "error"\n' + text)
    assert run("check", "warning.txt").exit_code == 0
    assert run("check", "error.txt").exit_code == 1
    assert run("check", "--fail-on", "warning", "warning.txt").exit_code == 1
    write("renderlint.toml", 'fail-on = "info"\n' + text)
    assert run("check", "info.txt").exit_code == 1


def test_exit_zero_forces_0_for_findings_but_not_for_input_errors():
    write("a.txt", SLIPS)
    result = run("check", "--exit-zero", *TYPOGRAPHY, "a.txt")
    assert result.exit_code == 0
    assert "a.txt:1:1: repeated-word" in result.stdout
    assert run("check", "--exit-zero", "a.txt", "missing.txt").exit_code == 2


# -- selection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--select", "repeated-word"), ["repeated-word"]),
        (("--select", "repeated-word,quote-style"), ["repeated-word", "quote-style"]),
        (("--select", "repeated-word", "--select", "whitespace"), ["repeated-word", "whitespace"]),
        (("--select", "typography"), ["repeated-word", "whitespace", "quote-style"]),
        (("--select", "typography", "--ignore", "whitespace"), ["repeated-word", "quote-style"]),
        (
            ("--select", "whitespace", "--extend-select", "quote-style"),
            ["whitespace", "quote-style"],
        ),
        (
            ("--select", "quote-style", "--extend-select", "typography"),
            ["repeated-word", "whitespace", "quote-style"],
        ),
        (("--select", "typography", "--ignore", "typography"), []),
        (("--select", "ALL", "--ignore", "repeated-word,quote-style"), ["whitespace"]),
    ],
    ids=[
        "one",
        "comma-list",
        "repeated-option",
        "family",
        "ignore-rule",
        "extend-select",
        "extend-select-family",
        "ignore-family",
        "all-minus",
    ],
)
def test_select_ignore_extend_select(args, expected):
    write("a.txt", SLIPS)
    _, findings = check_json(*args, "a.txt")
    assert [
        r for r in rules_of(findings) if r in {"repeated-word", "whitespace", "quote-style"}
    ] == expected
    if args[:2] != ("--select", "ALL"):
        assert set(rules_of(findings)) <= set(expected)


def test_cli_select_replaces_config_select_and_extends_config_extend_select():
    write("renderlint.toml", 'select = ["repeated-word"]\nextend-select = ["quote-style"]\n')
    write("a.txt", SLIPS)
    assert rules_of(check_json("a.txt")[1]) == ["repeated-word", "quote-style"]
    assert rules_of(check_json("--select", "whitespace", "a.txt")[1]) == [
        "whitespace",
        "quote-style",
    ]
    assert rules_of(check_json("--extend-select", "whitespace", "a.txt")[1]) == [
        "repeated-word",
        "whitespace",
        "quote-style",
    ]


def test_config_ignore_applies_to_cli_select():
    write("renderlint.toml", 'ignore = ["whitespace"]\n')
    write("a.txt", SLIPS)
    assert rules_of(check_json(*TYPOGRAPHY, "a.txt")[1]) == ["repeated-word", "quote-style"]


# -- standard input ---------------------------------------------------------------------


def test_stdin():
    code, findings = check_json(*TYPOGRAPHY, "-", input="He saw the the sea.\n")
    assert code == 1
    assert [(f["path"], f["column"], f["rule"]) for f in findings] == [("-", 8, "repeated-word")]


def test_stdin_filename_names_the_findings():
    code, findings = check_json(
        *TYPOGRAPHY, "--stdin-filename", "news/article.txt", "-", input="the the\n"
    )
    assert code == 1
    assert [f["path"] for f in findings] == ["news/article.txt"]


def test_stdin_filename_gives_the_markup_kind():
    if importlib.util.find_spec("linter.markup.markdown") is None:
        pytest.skip("linter.markup.markdown is not written yet")
    text = "Run `the the` here.\n"
    _, as_markdown = check_json(*TYPOGRAPHY, "--stdin-filename", "a.md", "-", input=text)
    _, as_text = check_json(*TYPOGRAPHY, "--stdin-filename", "a.txt", "-", input=text)
    # In Markdown the code span is not prose; in plain text it is.
    assert as_markdown == []
    assert [(f["rule"], f["column"]) for f in as_text] == [("repeated-word", 6)]


def test_stdin_filename_is_used_for_per_file_ignores():
    write("renderlint.toml", '[per-file-ignores]\n"drafts/*" = ["repeated-word"]\n')
    _, findings = check_json(
        *TYPOGRAPHY, "--stdin-filename", "drafts/a.txt", "-", input="the the  x\n"
    )
    assert rules_of(findings) == ["whitespace"]


def test_stdin_invalid_utf8_is_an_input_error():
    result = run("check", "--stdin-filename", "in.txt", "-", input=b"ok \xff\n")
    assert result.exit_code == 2
    assert "in.txt: skipped: invalid UTF-8 at byte 3" in result.stderr
    assert "Traceback" not in result.output


def test_stdin_with_bom_and_crlf():
    code, findings = check_json(*TYPOGRAPHY, "-", input=b"\xef\xbb\xbfx\r\nthe the\r\n")
    assert [(f["line"], f["column"], f["offset"]) for f in findings] == [(2, 1, 3)]
    assert code == 1


# -- determinism ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_does_not_depend_on_argument_order(fmt):
    write("b/z.txt", SLIPS)
    write("b/a.txt", "x  y\n")
    write("a.txt", "the the\n")
    write("c.txt", "A clean sentence.\n")
    orders = [
        ("a.txt", "b", "c.txt"),
        ("c.txt", "b", "a.txt"),
        ("b/z.txt", "c.txt", "a.txt", "b/a.txt"),
        ("c.txt", "b/a.txt", "a.txt", "b/z.txt", "./a.txt", "b"),
    ]
    outputs = {run("check", "--format", fmt, *TYPOGRAPHY, *order).stdout for order in orders}
    assert len(outputs) == 1
    out = outputs.pop()
    assert (
        out.index("a.txt")
        < out.index(os.path.join("b", "a.txt"))
        < out.index(os.path.join("b", "z.txt"))
    )


def test_same_file_named_twice_is_linted_once():
    write("a.txt", "the the\n")
    _, findings = check_json(*TYPOGRAPHY, "a.txt", "./a.txt", ".")
    assert [f["path"] for f in findings] == ["a.txt"]
