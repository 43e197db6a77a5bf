"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from linter.report import Output

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(output: Output) -> str:
    lines = []
    for r in output.reports:
        props = ",".join(
            [
                f"file={_escape_property(r.path)}",
                f"line={r.start.line}",
                f"col={r.start.column}",
                f"endLine={r.end.line}",
                f"endColumn={r.end.column}",
                f"title={_escape_property('renderlint ' + r.rule)}",
            ]
        )
        lines.append(
            f"::{_LEVEL[r.severity.value]} {props}::{_escape_data(f'{r.rule}: {r.message}')}"
        )
    return "".join(line + "\n" for line in lines)
