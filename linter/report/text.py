"""The default format for people: one line per finding, then the line and a caret."""

from __future__ import annotations

import unicodedata

import click

from linter.report import Output

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
_WINDOW = 100


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(line: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """The part of a long line around the span, and the span's columns within it."""
    line = line.replace("\t", " ")
    if len(line) <= _WINDOW:
        return line, start_col, end_col
    left = max(0, start_col - 1 - _WINDOW // 3)
    right = min(len(line), max(end_col - 1, left + _WINDOW))
    text = line[left:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shift = left - len(prefix)
    return prefix + text + suffix, start_col - shift, end_col - shift


def render_text(output: Output) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if output.color else text

    out: list[str] = []
    for r in output.reports:
        head = (
            f"{style(r.path, bold=True)}:{r.start.line}:{r.start.column}: "
            f"{style(r.rule, fg=_COLORS[r.severity.value], bold=True)} {r.message}"
        )
        out.append(head)
        index = output.lines.get(r.path)
        if output.concise or index is None or r.start.line > index.line_count:
            continue
        line = index.line_text(r.start.line)
        end_col = r.end.column if r.end.line == r.start.line else len(line) + 1
        text, start_col, end_col = _excerpt(line, r.start.column, end_col)
        gutter = str(r.start.line)
        pad = " " * len(gutter)
        caret_pad = " " * _cells(text[: start_col - 1])
        carets = "^" * max(1, _cells(text[start_col - 1 : end_col - 1]))
        out.append(f"{pad} |")
        out.append(f"{style(gutter, fg='blue')} | {text}")
        out.append(f"{pad} | {caret_pad}{style(carets, fg=_COLORS[r.severity.value])}")
        if r.fix is not None:
            out.append(f"{pad} = fix ({r.fix.applicability.value}): " + _describe_fix(r))
        out.append("")
    return "".join(line + "\n" for line in out)


def _describe_fix(r) -> str:
    parts = []
    for edit in r.fix.edits:
        if edit.content == "":
            parts.append("delete")
        elif edit.start == edit.end:
            parts.append(f"insert {edit.content!r}")
        else:
            parts.append(f"replace with {edit.content!r}")
    return ", ".join(parts)


def summary(output: Output) -> str:
    n = len(output.reports)
    if n == 0:
        return "All checks passed.\n"
    files = len({r.path for r in output.reports})
    safe = sum(1 for r in output.reports if r.fix and r.fix.applicability.value == "safe")
    unsafe = sum(1 for r in output.reports if r.fix and r.fix.applicability.value == "unsafe")
    text = f"Found {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}."
    if safe or unsafe:
        text += f" Fixes available: {safe} safe, {unsafe} unsafe."
    return text + "\n"


def statistics(output: Output) -> str:
    counts: dict[str, int] = {}
    for r in output.reports:
        counts[r.rule] = counts.get(r.rule, 0) + 1
    width = max((len(str(c)) for c in counts.values()), default=1)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        cls = output.rules.get(rule)
        mark = "[*]" if cls is not None and cls.fixable else "   "
        lines.append(f"{count:>{width}}  {mark} {rule}")
    return "".join(line + "\n" for line in lines)
