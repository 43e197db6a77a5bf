"""Configuration: where it is found, what each key does, and one clear line for each error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from renderlint_testing import check_json, one_line_error, run

# repeated-word at column 1, whitespace at 13, quote-style at 28 (curly marks win 3 to 1).
SLIPS = "the the idea  of “it” it’s 'x\n"
TYPOGRAPHY = ["repeated-word", "whitespace", "quote-style"]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str | Path, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def rules_of(findings: list[dict]) -> list[str]:
    return [f["rule"] for f in findings if f["rule"] in TYPOGRAPHY]


def lint_rules(*args: str) -> list[str]:
    return rules_of(check_json(*args)[1])


# -- where the config is found ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[tool.renderlint]\nselect = ["repeated-word"]\n'),
        ("renderlint.toml", 'select = ["repeated-word"]\n'),
        (".renderlint.toml", 'select = ["repeated-word"]\n'),
    ],
)
def test_each_config_file_name(name, text):
    write(name, text)
    write("a.txt", SLIPS)
    assert lint_rules("a.txt") == ["repeated-word"]


def test_found_from_the_current_folder_upward(monkeypatch, in_tmp):
    write("renderlint.toml", 'select = ["whitespace"]\n')
    write("deep/er/a.txt", SLIPS)
    # A pyproject.toml without [tool.renderlint] on the way up is not a renderlint config.
    write("deep/pyproject.toml", '[project]\nname = "x"\n')
    monkeypatch.chdir(in_tmp / "deep" / "er")
    assert lint_rules("a.txt") == ["whitespace"]


def test_the_nearest_config_wins(monkeypatch, in_tmp):
    write("renderlint.toml", 'select = ["whitespace"]\n')
    write("sub/pyproject.toml", '[tool.renderlint]\nselect = ["quote-style"]\n')
    write("sub/a.txt", SLIPS)
    monkeypatch.chdir(in_tmp / "sub")
    assert lint_rules("a.txt") == ["quote-style"]


def test_renderlint_toml_comes_before_the_others_in_one_folder():
    write("pyproject.toml", '[tool.renderlint]\nselect = ["quote-style"]\n')
    write(".renderlint.toml", 'select = ["whitespace"]\n')
    write("renderlint.toml", 'select = ["repeated-word"]\n')
    write("a.txt", SLIPS)
    assert lint_rules("a.txt") == ["repeated-word"]
    os.remove("renderlint.toml")
    assert lint_rules("a.txt") == ["whitespace"]
    os.remove(".renderlint.toml")
    assert lint_rules("a.txt") == ["quote-style"]


def test_config_option_overrides_the_search():
    write("renderlint.toml", 'select = ["whitespace"]\n')
    write("other/settings.toml", 'select = ["quote-style"]\n')
    write("other/pyproject.toml", '[tool.renderlint]\nselect = ["repeated-word"]\n')
    write("a.txt", SLIPS)
    assert lint_rules("--config", "other/settings.toml", "a.txt") == ["quote-style"]
    assert lint_rules("--config", "other/pyproject.toml", "a.txt") == ["repeated-word"]


def test_no_config_means_every_default_rule():
    write("a.txt", SLIPS)
    assert lint_rules("a.txt") == TYPOGRAPHY


# -- what the keys do -------------------------------------------------------------------


def test_select_ignore_extend_select_keys():
    write("a.txt", SLIPS)
    write("renderlint.toml", 'select = ["typography"]\nignore = ["quote-style"]\n')
    assert lint_rules("a.txt") == ["repeated-word", "whitespace"]
    write("renderlint.toml", 'select = ["whitespace"]\nextend-select = ["repeated-word"]\n')
    assert lint_rules("a.txt") == ["repeated-word", "whitespace"]


def test_per_file_ignores():
    write(
        "renderlint.toml",
        'select = ["typography"]\n'
        "[per-file-ignores]\n"
        '"drafts/*.txt" = ["whitespace"]\n'
        '"**/old-*.txt" = ["typography"]\n',
    )
    for path in ("a.txt", "drafts/b.txt", "x/y/old-c.txt", "drafts/old-d.txt"):
        write(path, SLIPS)
    _, findings = check_json(".")
    by_path: dict[str, list[str]] = {}
    for f in findings:
        by_path.setdefault(f["path"], []).append(f["rule"])
    assert by_path == {
        "a.txt": TYPOGRAPHY,
        os.path.join("drafts", "b.txt"): ["repeated-word", "quote-style"],
    }


def test_per_file_ignores_are_relative_to_the_config_folder(monkeypatch, in_tmp):
    write("renderlint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["typography"]\n')
    write("drafts/b.txt", SLIPS)
    monkeypatch.chdir(in_tmp / "drafts")
    assert lint_rules("b.txt") == []


def test_include_and_exclude():
    write("renderlint.toml", 'include = ["*.rst", "*.txt"]\nexclude = ["drafts/", "*.skip.txt"]\n')
    for path in ("a.txt", "b.rst", "c.md", "drafts/d.txt", "e.skip.txt", "sub/f.rst"):
        write(path, "the the\n")
    _, findings = check_json("--select", "repeated-word", ".")
    assert sorted(f["path"] for f in findings) == ["a.txt", "b.rst", os.path.join("sub", "f.rst")]


def test_excluded_file_named_explicitly_is_linted_unless_force_exclude():
    write("renderlint.toml", 'exclude = ["drafts/"]\n')
    write("drafts/d.txt", "the the\n")
    assert lint_rules("drafts/d.txt") == ["repeated-word"]
    assert lint_rules("--force-exclude", "drafts/d.txt") == []


def test_severity_key_for_a_rule_and_a_family():
    write("a.txt", SLIPS)
    write("renderlint.toml", 'select = ["typography"]\n[severity]\ntypography = "info"\n')
    code, findings = check_json("a.txt")
    assert {f["severity"] for f in findings} == {"info"}
    assert code == 0
    write(
        "renderlint.toml",
        'select = ["typography"]\n[severity]\ntypography = "info"\nwhitespace = "error"\n',
    )
    code, findings = check_json("a.txt")
    assert [f["severity"] for f in findings] == ["info", "error", "info"]
    assert code == 1


def test_fail_on_key():
    write("a.txt", SLIPS)
    write("renderlint.toml", 'fail-on = "error"\nselect = ["typography"]\n')
    assert run("check", "a.txt").exit_code == 0


def test_encoding_key():
    # 0x92 is ’ and 0x93/0x94 are “ ” in cp1252; none of them is valid UTF-8 here.
    Path("a.txt").write_bytes(b"Caf\xe9 the the \x93end\x94 it\x92s\n")
    result = run("check", "--select", "typography", "a.txt")
    assert result.exit_code == 2
    assert "a.txt: skipped: invalid UTF-8 at byte 3" in result.stderr
    write("renderlint.toml", 'encoding = "cp1252"\nselect = ["typography"]\n')
    code, findings = check_json("a.txt")
    assert code == 1
    assert [(f["rule"], f["column"], f["offset"], f["end_offset"]) for f in findings] == [
        ("repeated-word", 6, 5, 12)
    ]


def test_rule_option_sub_table():
    write("a.txt", "It was very very cold and he had had enough.\n")
    assert lint_rules("a.txt") == ["repeated-word"]
    assert check_json("a.txt")[1][0]["column"] == 8
    write("pyproject.toml", '[tool.renderlint.repeated-word]\nallow = ["had"]\n')
    assert lint_rules("a.txt") == ["repeated-word"]
    write("pyproject.toml", '[tool.renderlint.repeated-word]\nallow = ["very", "had"]\n')
    assert lint_rules("a.txt") == []


def test_rule_option_sub_table_in_renderlint_toml():
    write("a.txt", "First line.  \n")
    write("renderlint.toml", "[whitespace]\ntrailing = false\n")
    assert lint_rules("a.txt") == []


def test_suppress_entries():
    write("a.txt", SLIPS)
    write(
        "renderlint.toml",
        '[[suppress]]\npath = "a.txt"\nrules = ["whitespace", "quote-style"]\n'
        'reason = "quoted from the source as written"\n',
    )
    assert lint_rules("a.txt") == ["repeated-word"]


# -- errors: exit 2, one line naming the file and the key -------------------------------


@pytest.mark.parametrize(
    ("text", "key", "detail"),
    [
        ("colour = true\n", "`colour`", "unknown key"),
        ('select = ["no-such-rule"]\n', "`select`", "no-such-rule"),
        ('ignore = ["typography", "nope"]\n', "`ignore`", "nope"),
        ('extend-select = ["nope"]\n', "`extend-select`", "nope"),
        ("select = 3\n", "`select`", "expected a list of strings"),
        ("include = [1]\n", "`include`", "expected a list of strings"),
        ("exclude = {a = 1}\n", "`exclude`", "expected a list of strings"),
        ("per-file-ignores = []\n", "`per-file-ignores`", "expected a table"),
        ('[per-file-ignores]\n"*.txt" = ["nope"]\n', "`per-file-ignores.*.txt`", "nope"),
        ('[per-file-ignores]\n"*.txt" = 1\n', "`per-file-ignores.*.txt`", "list of strings"),
        ('severity = "error"\n', "`severity`", "expected a table"),
        ('[severity]\nnope = "error"\n', "`severity.nope`", "unknown rule"),
        ('[severity]\nwhitespace = "fatal"\n', "`severity.whitespace`", "fatal"),
        ("[severity]\nwhitespace = 2\n", "`severity.whitespace`", "expected"),
        ('fail-on = "fatal"\n', "`fail-on`", "expected"),
        ("fail-on = 1\n", "`fail-on`", "expected"),
        ("encoding = 5\n", "`encoding`", "expected a string"),
        ('encoding = "klingon"\n', "`encoding`", "klingon"),
        ('respect-gitignore = "yes"\n', "`respect-gitignore`", "true or false"),
        ("repeated-word = 3\n", "`repeated-word`", "expected a table"),
        ('[repeated-word]\nallow = "very"\n', "`repeated-word.allow`", "expected array"),
        ("[repeated-word]\nallow = [1]\n", "`repeated-word.allow`", "expected array"),
        ('[whitespace]\ntrailing = "yes"\n', "`whitespace.trailing`", "expected boolean"),
        ("[whitespace]\ntrailing = 1\n", "`whitespace.trailing`", "expected boolean"),
        ("[repeated-word]\nbogus = 1\n", "`repeated-word.bogus`", "unknown option"),
        ('[quote-style]\nstyle = "fancy"\n', "`quote-style.style`", "fancy"),
        ("suppress = 1\n", "`suppress`", "[[suppress]]"),
        ('[[suppress]]\nrules = ["whitespace"]\n', "`suppress[0].path`", "required"),
        ('[[suppress]]\npath = "a.txt"\n', "`suppress[0].rules`", "required"),
        ('[[suppress]]\npath = "a.txt"\nrules = ["nope"]\n', "`suppress[0].rules`", "nope"),
        (
            '[[suppress]]\npath = "a.txt"\nrules = ["whitespace"]\nline = 0\n',
            "`suppress[0].line`",
            "line number",
        ),
        (
            '[[suppress]]\npath = "a.txt"\nrules = ["whitespace"]\ntext = 1\n',
            "`suppress[0].text`",
            "string",
        ),
        (
            '[[suppress]]\npath = "a.txt"\nrules = ["whitespace"]\nwhy = "x"\n',
            "`suppress[0].why`",
            "unknown key",
        ),
    ],
)
def test_config_errors_in_renderlint_toml(text, key, detail):
    write("renderlint.toml", text)
    write("a.txt", SLIPS)
    line = one_line_error(run("check", "a.txt"), "renderlint.toml", key, detail)
    assert line.startswith(f"renderlint: error: {Path.cwd() / 'renderlint.toml'}: ")


def test_config_errors_in_pyproject_name_the_full_key():
    write("pyproject.toml", '[tool.renderlint]\nselect = ["nope"]\n')
    write("a.txt", SLIPS)
    one_line_error(run("check", "a.txt"), "pyproject.toml", "`tool.renderlint.select`", "nope")
    write("pyproject.toml", "[tool.renderlint.repeated-word]\nbogus = 1\n")
    one_line_error(run("check", "a.txt"), "pyproject.toml", "`tool.renderlint.repeated-word.bogus`")


def test_malformed_toml():
    write("renderlint.toml", 'fail-on = "error"\nselect ["whitespace"]\n')
    write("a.txt", SLIPS)
    one_line_error(run("check", "a.txt"), "renderlint.toml", "invalid TOML", "line 2")


def test_malformed_pyproject_with_a_renderlint_table_is_an_error():
    # Falling back to the defaults would lint with settings the user never chose.
    write("pyproject.toml", '[tool.renderlint]\nselect ["whitespace"]\n')
    write("a.txt", SLIPS)
    one_line_error(run("check", "a.txt"), "pyproject.toml", "invalid TOML", "line 2")


def test_malformed_pyproject_of_another_tool_is_not_ours_to_report():
    write("renderlint.toml", 'select = ["whitespace"]\n')
    write("sub/pyproject.toml", "[tool.black\n")
    write("sub/a.txt", SLIPS)
    os.chdir("sub")
    assert lint_rules("a.txt") == ["whitespace"]


def test_config_option_with_a_missing_file():
    write("a.txt", SLIPS)
    one_line_error(run("check", "--config", "nowhere.toml", "a.txt"), "nowhere.toml")


def test_rules_and_explain_read_no_config():
    # `rules` and `explain` read no config: a broken one does not stop them.
    write("renderlint.toml", "colour = true\n")
    assert run("rules").exit_code == 0
    assert run("explain", "whitespace").exit_code == 0
