"""`renderlint readability`: a thin command over ``linter.readability.readability``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli_options import COLOR, CONFIG, OUTPUT_FILE, STDIN_FILENAME
from linter.errors import UsageError

# A progress bar for runs of at least this many files, on a terminal only.
PROGRESS_MIN_FILES = 50


@click.command("readability")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML page with charts to this file.",
)
@OUTPUT_FILE
@click.option(
    "--longest",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="How many of the longest sentences to list (JSON and HTML).",
)
@STDIN_FILENAME
@CONFIG
@COLOR
def readability_command(
    paths, fmt, html_path, output_file, longest, stdin_filename, config_path, color
) -> None:
    """Readability metrics per file and per section, and corpus totals.

    Words, sentences, syllables, words per sentence, Flesch reading ease,
    Flesch–Kincaid grade, Gunning fog, SMOG, Coleman–Liau, ARI, Dale–Chall and
    reading time. Sentences and words are counted by renderlint's segmenter; the
    formulas are textstat's. `-` reads standard input. Exit status 2 when a file
    cannot be read.
    """
    from linter.cli import _use_color
    from linter.config import load_settings
    from linter.readability import readability
    from linter.report.readability import render

    settings = load_settings(config_path)
    paths = list(paths) or ["."]
    if "-" in paths:
        if len(paths) > 1:
            raise UsageError("`-` (standard input) cannot be combined with other paths")
        result = _stdin_result(stdin_filename, settings, longest)
    else:
        with _Progress() as progress:
            result = readability(paths, settings=settings, longest=longest, progress=progress)

    for notice in result.notices:
        click.echo(f"renderlint: note: {notice}", err=True)
    for error in result.errors:
        click.echo(f"renderlint: error: {error}", err=True)

    use_color = fmt == "table" and output_file is None and _use_color(color, sys.stdout)
    text = render(fmt, result, color=use_color)
    if html_path is not None:
        from linter.readability_formulas import formulas
        from linter.report.readability_html import render_html

        page = render_html(result, html_path, engine=formulas().version)
        _write(html_path, page, "HTML report")
    if output_file is not None:
        _write(output_file, text, "report")
    else:
        click.echo(text, nl=False, color=use_color)
    if result.errors:
        sys.exit(2)


def _write(path: Path, text: str, what: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write {what}: {exc.strerror}") from None


def _stdin_result(stdin_filename, settings, longest: int):
    from linter.document import Document
    from linter.errors import InputError
    from linter.markup import kind_for
    from linter.readability import ReadabilityResult, finish, measure
    from linter.sources import decode

    name = stdin_filename or "-"
    try:
        source = decode(sys.stdin.buffer.read(), name, settings.encoding)
    except InputError as exc:
        return finish(ReadabilityResult(errors=[str(exc)]))
    doc = Document(name, source.text, kind_for(name))
    return finish(ReadabilityResult(files=[measure(doc)]), longest=longest)


class _Progress:
    """A progress bar on standard error for long runs, when it is a terminal."""

    def __init__(self) -> None:
        self._bar = None
        self._shown = 0

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total, label="measuring", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
