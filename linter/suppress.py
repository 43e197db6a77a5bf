"""Suppression: inline directives in markup comments and config entries for plain text.

Directives, in ``<!-- … -->`` comments of Markdown and HTML files::

    <!-- renderlint-disable rule-a, rule-b -->   from here on (no rules: all rules)
    <!-- renderlint-enable rule-a -->            until here (no rules: all disabled ones)
    <!-- renderlint-disable-next-line rule-a --> the next line that is not blank
    <!-- renderlint-disable-file rule-a -->      the whole file

Words after `` -- `` are a reason for readers: ``<!-- renderlint-disable-next-line
repeated-word -- as published -->``.

Plain text cannot carry comments without changing the prose, so its suppressions live in
the config as ``[[suppress]]`` entries that name the file(s), the rules, and optionally the
flagged text and line. A directive or entry that silences nothing is itself reported as
``unused-suppression``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from linter.config import Settings, TextSuppression
from linter.diagnostics import Report, Severity
from linter.document import Document, LineIndex
from linter.rule import Rule

_DIRECTIVE = re.compile(
    r"^\s*renderlint-(disable-next-line|disable-file|disable|enable)\b\s*(.*?)\s*$", re.DOTALL
)


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a suppression directive, or a `[[suppress]]` config entry, that silenced no
    finding in this run.

    ## Why
    A stale suppression hides nothing today but will silently hide a real slip tomorrow,
    and it misleads readers of the file into thinking something there is wrong.

    ## Example
    ```markdown
    <!-- renderlint-disable-next-line repeated-word -->
    A sentence without any repeated word.
    ```

    ## Use instead
    ```markdown
    A sentence without any repeated word.
    ```

    ## Fix safety
    No fix is offered: whether to delete the directive or to correct its rule names is the
    author's call.

    ## Options
    None.
    """

    name = "unused-suppression"
    family = "meta"
    summary = "A suppression directive or config entry that silences nothing."
    severity = Severity.WARNING


@dataclass
class Directive:
    kind: str
    rules: frozenset[str] | None  # None: every rule
    start: int
    end: int
    line: int
    first_line: int = 0
    last_line: int = 0
    used: bool = False
    unknown: list[str] = field(default_factory=list)
    # Lines where a `renderlint-enable RULE` ended the range for single rules.
    ends: dict[str, int] = field(default_factory=dict)


def parse_directives(doc: Document, known: set[str], expand) -> list[Directive]:
    """The directives in ``doc``'s comments, each resolved to the lines it covers."""
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    if not doc.comments:
        return directives
    lines = doc.lines
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        kind, names_text = match.groups()
        # "rule-a, rule-b -- why": the words after " -- " are the reason, for readers.
        names_text = re.split(r"(?:^|\s)--(?:\s|$)", names_text, maxsplit=1)[0]
        names = [n for n in re.split(r"[\s,]+", names_text) if n]
        unknown = [n for n in names if n not in known]
        rules = frozenset(expand([n for n in names if n in known])) if names else None
        line = lines.location(comment.start).line
        directive = Directive(kind, rules, comment.start, comment.end, line, unknown=unknown)
        end_line = lines.location(max(comment.end - 1, comment.start)).line
        if kind == "disable-file":
            directive.first_line, directive.last_line = 1, lines.line_count
        elif kind == "disable-next-line":
            target = end_line + 1
            while target <= lines.line_count and not lines.line_text(target).strip():
                target += 1
            directive.first_line = directive.last_line = target
        elif kind == "disable":
            directive.first_line, directive.last_line = end_line, lines.line_count
            open_ranges.append(directive)
        else:
            directive.used = True
            for opened in open_ranges:
                if rules is None:
                    opened.last_line = line
                    continue
                # Enabling some rules ends the range for those rules only.
                for rule in rules if opened.rules is None else rules & opened.rules:
                    opened.ends.setdefault(rule, line)
                if opened.rules is not None and opened.rules <= set(opened.ends):
                    opened.last_line = max(opened.ends.values())
            open_ranges = [d for d in open_ranges if d.last_line == lines.line_count]
            if not unknown:
                continue
            # Kept (covering no line) only so that its unknown names are reported.
        directives.append(directive)
    return directives


def covers(directive: Directive, report: Report) -> bool:
    if directive.rules is not None and report.rule not in directive.rules:
        return False
    last = directive.ends.get(report.rule, directive.last_line)
    return directive.first_line <= report.start.line <= last


def apply_directives(
    doc: Document, reports: list[Report], directives: list[Directive]
) -> list[Report]:
    kept = []
    for report in reports:
        silenced = False
        for directive in directives:
            if covers(directive, report):
                directive.used = True
                silenced = True
        if not silenced:
            kept.append(report)
    return kept


def unused_directive_reports(
    doc: Document, directives: list[Directive], enabled: set[str]
) -> list[Report]:
    out = []
    for directive in directives:
        if directive.used and not directive.unknown:
            continue
        if directive.unknown:
            message = f"suppression names unknown rule(s): {', '.join(directive.unknown)}"
        elif directive.rules is not None and not (directive.rules & enabled):
            message = "suppression names rule(s) that are not enabled in this run"
        else:
            message = f"`renderlint-{directive.kind}` suppresses nothing here"
        start = doc.lines.location(directive.start)
        end = doc.lines.location(directive.end)
        out.append(
            Report(
                path=doc.path,
                rule=UnusedSuppression.name,
                severity=UnusedSuppression.severity,
                message=message,
                offset=directive.start,
                end_offset=directive.end,
                start=start,
                end=end,
            )
        )
    return out


@dataclass
class ConfigSuppressions:
    """The run-wide state of ``[[suppress]]`` entries: which matched a file, which silenced."""

    settings: Settings
    matched: set[int] = field(default_factory=set)
    used: set[int] = field(default_factory=set)

    def apply(self, doc: Document, reports: list[Report]) -> list[Report]:
        entries = self._entries_for(doc.path)
        if not entries:
            return reports
        kept = []
        for report in reports:
            silenced = False
            for entry in entries:
                if report.rule not in entry.rules:
                    continue
                if entry.line is not None and entry.line != report.start.line:
                    continue
                if (
                    entry.text is not None
                    and doc.text[report.offset : report.end_offset] != entry.text
                ):
                    continue
                self.used.add(entry.index)
                silenced = True
            if not silenced:
                kept.append(report)
        return kept

    def _entries_for(self, path: str) -> list[TextSuppression]:
        if not self.settings.suppressions:
            return []
        rel = self.settings.relative(path)
        entries = [s for s in self.settings.suppressions if s.paths.match_file(rel)]
        self.matched.update(s.index for s in entries)
        return entries

    def unused_reports(self) -> list[Report]:
        path = self.settings.path
        if path is None:
            return []
        try:
            config_text = path.read_text(encoding="utf-8")
        except OSError:
            config_text = ""
        # `[ \t]`, not `\s`: a blank line before the header must not count as its start.
        header = re.compile(r"^[ \t]*\[\[\s*(?:tool\.renderlint\.)?suppress\s*\]\]", re.MULTILINE)
        headers = [m.start() for m in header.finditer(config_text)]
        index = LineIndex(config_text)
        out = []
        for entry in self.settings.suppressions:
            if entry.index not in self.matched or entry.index in self.used:
                continue
            offset = headers[entry.index] if entry.index < len(headers) else 0
            where = index.location(offset)
            out.append(
                Report(
                    path=_display(path),
                    rule=UnusedSuppression.name,
                    severity=UnusedSuppression.severity,
                    message=f"[[suppress]] entry #{entry.index + 1} suppresses nothing",
                    offset=offset,
                    end_offset=offset,
                    start=where,
                    end=where,
                )
            )
        return out


def _display(path) -> str:
    """The config file's path as the linted files' paths are shown: relative to the cwd."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
