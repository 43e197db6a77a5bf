"""Reporters: turn resolved reports into text for people or for other tools."""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.diagnostics import Report
from linter.document import LineIndex

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class Output:
    """Everything a reporter may print: the reports and what it needs beside them."""

    reports: list[Report]
    files: list[str] = field(default_factory=list)
    lines: dict[str, LineIndex] = field(default_factory=dict)
    concise: bool = False
    color: bool = False
    rules: dict = field(default_factory=dict)


def render(fmt: str, output: Output) -> str:
    if fmt == "text":
        from linter.report.text import render_text as renderer
    elif fmt == "json":
        from linter.report.json import render_json as renderer
    elif fmt == "sarif":
        from linter.report.sarif import render_sarif as renderer
    elif fmt == "github":
        from linter.report.github import render_github as renderer
    elif fmt == "junit":
        from linter.report.junit import render_junit as renderer
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return renderer(output)
