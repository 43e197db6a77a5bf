"""The JSON contract: an array of findings, sorted by path, line, column, rule."""

from __future__ import annotations

import json

from linter.diagnostics import Fix, Report
from linter.report import Output


def fix_to_json(fix: Fix | None) -> dict | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "edits": [
            {"offset": e.start, "end_offset": e.end, "content": e.content} for e in fix.edits
        ],
    }


def report_to_json(report: Report) -> dict:
    item = {
        "path": report.path,
        "line": report.start.line,
        "column": report.start.column,
        "end_line": report.end.line,
        "end_column": report.end.column,
        "offset": report.offset,
        "end_offset": report.end_offset,
        "rule": report.rule,
        "severity": report.severity.value,
        "message": report.message,
        "fix": fix_to_json(report.fix),
    }
    if report.related is not None:
        item["related"] = report.related
    item.update(report.extra)
    return item


def render_json(output: Output) -> str:
    return (
        json.dumps([report_to_json(r) for r in output.reports], ensure_ascii=False, indent=2) + "\n"
    )


def statistics_json(output: Output) -> str:
    """`--statistics` as JSON: findings per rule, most frequent first."""
    counts: dict[str, int] = {}
    for r in output.reports:
        counts[r.rule] = counts.get(r.rule, 0) + 1
    rows = [
        {
            "rule": rule,
            "count": count,
            "fixable": bool(getattr(output.rules.get(rule), "fixable", False)),
        }
        for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
