"""`renderlint check --fix / --diff`: fix files (or standard input), then report what remains.

Exit status (README, "Fixing"): 2 when a file could not be read, fixed or written; else 1
when a file was changed (``--fix``: pre-commit's convention, so a hook that modified files
fails and leaves the changes for review) or when a finding at or above ``--fail-on``
remains; else 0. ``--diff``: 1 when the diff is not empty, else 0. ``--exit-zero`` turns
every 1 into 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli import _use_color, render_report, write_report
from linter.diagnostics import Severity
from linter.document import Document
from linter.engine import Linter, LintResult, at_or_above, display_path
from linter.errors import InputError
from linter.fix import FixRun, encode_text, fix_documents, unified_diff
from linter.sources import decode


def check_and_fix(
    linter: Linter,
    paths: list[str],
    *,
    stdin_filename: str | None,
    force_exclude: bool,
    unsafe: bool,
    diff: bool,
    fmt: str,
    concise: bool,
    statistics: bool,
    color: str,
    output_file: Path | None,
    level: Severity,
    exit_zero: bool,
) -> int:
    """Run `check --fix` (or `--diff`) and return the exit status."""
    stdin = paths == ["-"]
    raw = b""
    if stdin:
        raw = sys.stdin.buffer.read()
        docs, loaded = _stdin_documents(linter, raw, stdin_filename)
    else:
        docs, loaded = linter.load_paths(paths, force_exclude=force_exclude)
    run = fix_documents(linter, docs, unsafe=unsafe, write=not (diff or stdin))

    for notice in loaded.notices:
        click.echo(f"renderlint: note: {notice}", err=True)
    for error in loaded.errors:
        click.echo(f"renderlint: error: {error}", err=True)
    for error in run.errors:
        click.echo(f"renderlint: error: {error}", err=True)

    remaining = len(run.final.reports)
    fixed = _count(run.fixed)
    if diff:
        text = "".join(unified_diff(display_path(r.path), r.original, r.text) for r in run.changed)
        write_report(text, output_file, False)
        click.echo(f"Would fix {fixed} ({remaining} remaining).", err=True)
        changed = bool(text)
    else:
        if stdin:
            error = _echo_fixed_stdin(run, raw)
            if error is not None:
                click.echo(f"renderlint: error: {error}", err=True)
                run.errors.append(error)
        report_stream = sys.stderr if stdin else sys.stdout
        use_color = output_file is None and _use_color(color, report_stream)
        report = render_report(run.final, linter, fmt, concise, statistics, use_color)
        footer = f"Fixed {fixed} ({remaining} remaining).\n"
        if fmt == "text":
            report += footer
        elif not (stdin and output_file is None):
            click.echo(footer, nl=False, err=True)
        write_report(report, output_file, use_color, err=stdin)
        changed = bool(run.written) or (stdin and bool(run.changed))

    if loaded.errors or run.errors:
        return 2
    if exit_zero:
        return 0
    if changed or (not diff and at_or_above(run.final.reports, level)):
        return 1
    return 0


def _count(n: int) -> str:
    return f"{n} finding{'s' if n != 1 else ''}"


def _stdin_documents(
    linter: Linter, raw: bytes, stdin_filename: str | None
) -> tuple[list[Document], LintResult]:
    name = stdin_filename or "-"
    try:
        source = decode(raw, name, linter.settings.encoding)
    except InputError as exc:
        return [], LintResult(errors=[str(exc)])
    doc = linter.document(name, source.text)
    doc.encoding, doc.bom = source.encoding, source.bom
    return [doc], LintResult()


def _echo_fixed_stdin(run: FixRun, raw: bytes) -> str | None:
    """Write the fixed text to standard output, or the input's own bytes when nothing was
    fixed or the input could not be read: an editor piping through `--fix` must never get
    less back than it sent. Returns an error message, or None."""
    data, error = raw, None
    if run.changed:
        doc = run.documents[0]
        try:
            data = encode_text(doc.text, doc.encoding, doc.bom)
        except UnicodeEncodeError as exc:
            error = f"{doc.path}: fixes not applied: the fixed text is not valid {exc.encoding}"
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return error
