"""Helpers shared by renderlint's tests: run the CLI in-process, lint text, apply fixes."""

from __future__ import annotations

import json
import traceback
from typing import Any

from click.testing import CliRunner, Result

from linter.cli import main
from linter.config import Settings, parse_settings
from linter.engine import Linter
from linter.registry import registry
from linter.report.json import report_to_json

# The rules of the DPRK house-style pack's issue: terms, acronyms and the calendar.
DPRK_RULES = [
    "term-variant",
    "term-misspelling",
    "inconsistent-spelling",
    "acronym-undefined",
    "acronym-redefined",
    "juche-year",
    "juche-year-format",
    "anniversary",
]


def run(
    *args: Any, input: str | bytes | None = None, env: dict | None = None, color: bool = False
) -> Result:
    """Invoke `renderlint ARGS…` in-process; a Python exception (a traceback) fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, color=color)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info))
        raise AssertionError(f"renderlint crashed (a traceback is a bug):\n{trace}")
    return result


def check_json(*args: Any, **kwargs: Any) -> tuple[int, list[dict]]:
    """`renderlint check --format json ARGS…`: the exit code and the parsed findings."""
    result = run("check", "--format", "json", *args, **kwargs)
    return result.exit_code, json.loads(result.stdout)


def lint(
    text: str,
    rule: str | None = None,
    *,
    path: str = "t.txt",
    options: dict | None = None,
    config: dict | None = None,
) -> list[dict]:
    """Findings (as in the JSON contract) for ``text``, with only ``rule`` enabled if given.

    ``config`` is a config table (as in renderlint.toml), validated as the CLI would.
    """
    if config is not None:
        settings = parse_settings(config, path=None, rules=registry())
    else:
        settings = Settings()
    if options and rule:
        settings.rule_options[rule] = options
    linter = Linter(settings, select=[rule] if rule else None)
    return [report_to_json(r) for r in linter.lint_text(text, path)]


PAIR_SEPARATOR = "|||"


def compare(
    text: str,
    rule: str | None = None,
    *,
    path: str = "t.txt",
    options: dict | None = None,
    config: dict | None = None,
) -> list[dict]:
    """Findings for a pair written as a rule's examples write it: the source, a line
    ``|||``, then the rendering (or a second rendering); otherwise as :func:`lint`."""
    from linter.compare import compare_texts

    lines = text.split("\n")
    cut = lines.index(PAIR_SEPARATOR)
    source, target = "\n".join(lines[:cut]), "\n".join(lines[cut + 1 :])
    if config is not None:
        settings = parse_settings(config, path=None, rules=registry())
    else:
        settings = Settings()
    if options and rule:
        settings.rule_options[rule] = options
    stem, _, suffix = path.rpartition(".")
    reports = compare_texts(
        source,
        target,
        source_path=f"{stem}.source.{suffix}",
        target_path=path,
        settings=settings,
        select=[rule] if rule else None,
    )
    return [report_to_json(r) for r in reports]


def brief(finding: dict) -> tuple:
    """The position, message and fix of a finding, for exact comparison."""
    return (
        finding["rule"],
        finding["line"],
        finding["column"],
        finding["end_line"],
        finding["end_column"],
        finding["offset"],
        finding["end_offset"],
        finding["message"],
        finding["fix"],
    )


def fix(applicability: str, *edits: tuple[int, int, str]) -> dict:
    """A fix as the JSON contract writes it."""
    return {
        "applicability": applicability,
        "edits": [{"offset": s, "end_offset": e, "content": c} for s, e, c in edits],
    }


def apply_fixes(text: str, findings: list[dict]) -> str:
    """``text`` with every edit of every fix applied (edits must not overlap)."""
    edits = sorted(
        (e["offset"], e["end_offset"], e["content"])
        for f in findings
        if f["fix"] is not None
        for e in f["fix"]["edits"]
    )
    out, pos = [], 0
    for start, end, content in edits:
        assert start >= pos, f"overlapping edits at {start}"
        out.append(text[pos:start])
        out.append(content)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def one_line_error(result: Result, *fragments: str) -> str:
    """Assert exit status 2 with exactly one error line on stderr holding ``fragments``."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("renderlint: error: "), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def dump(findings: list[dict]) -> str:
    return json.dumps(findings, ensure_ascii=False, indent=2)
