"""`renderlint compare`: a rendering against its source, or two renderings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli_options import (
    COLOR,
    CONCISE,
    CONFIG,
    EXIT,
    OUTPUT_FILE,
    SELECTION,
    STATISTICS,
    check_statistics,
)
from linter.errors import UsageError
from linter.report import FORMATS


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--mode",
    type=click.Choice(["auto", "translation", "renderings"]),
    default="auto",
    show_default=True,
    help="A source and its rendering, or two renderings (auto: by the scripts of the texts).",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a side-by-side HTML report of the aligned pair to this file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@CONCISE
@STATISTICS
@SELECTION
@EXIT
@CONFIG
@COLOR
@OUTPUT_FILE
def compare_command(
    paths,
    mode,
    html_path,
    fmt,
    concise,
    statistics,
    select,
    extend_select,
    ignore,
    fail_on,
    exit_zero,
    config_path,
    color,
    output_file,
) -> None:
    """Compare RENDERING with its SOURCE article, or two renderings of one article.

    \b
    renderlint compare SOURCE RENDERING
    renderlint compare FIRST.en.txt SECOND.en.txt
    renderlint compare PAIRS.tsv            (also .xlf, .xliff, .tmx, .po)

    Findings are reported on the rendering (the second file), with the related place in
    the source. Only the comparison rules run (family `compare`). Exit status as `check`:
    0 no finding at or above --fail-on, 1 findings, 2 usage, config or input error.
    """
    from linter.cli import make_linter
    from linter.compare import compare_paths
    from linter.config import load_settings
    from linter.diagnostics import Severity
    from linter.engine import at_or_above

    check_statistics(statistics, fmt)
    if len(paths) > 2:
        raise UsageError("compare takes SOURCE and RENDERING, or one bilingual file")
    if "-" in paths:
        raise UsageError("compare reads files; standard input (`-`) is not supported")
    settings = load_settings(config_path)
    linter = make_linter(settings, select, extend_select, ignore)
    result = compare_paths(linter, paths[0], paths[1] if len(paths) == 2 else None, mode=mode)

    for error in result.errors:
        click.echo(f"renderlint: error: {error}", err=True)
    if result.errors:
        sys.exit(2)
    if html_path is not None:
        from linter.report.html import render_html

        _write(html_path, render_html(result.alignments[0], result.reports))
    _print(result, linter, fmt, concise, statistics, color, output_file)
    level = Severity(fail_on) if fail_on else settings.fail_on
    if not exit_zero and at_or_above(result.reports, level):
        sys.exit(1)


def _print(result, linter, fmt, concise, statistics, color, output_file) -> None:
    from linter.cli import _use_color
    from linter.report import Output, render
    from linter.report.json import statistics_json
    from linter.report.text import statistics as render_statistics
    from linter.report.text import summary

    output = Output(
        reports=result.reports,
        files=result.paths,
        lines=result.lines,
        concise=concise,
        color=output_file is None and _use_color(color, sys.stdout),
        rules=linter.registry.by_name,
    )
    if statistics:
        text = render_statistics(output) if fmt == "text" else statistics_json(output)
    else:
        text = render(fmt, output)
        if fmt == "text" and (result.reports or not concise):
            text += summary(output)
    if output_file is not None:
        _write(output_file, text)
    else:
        click.echo(text, nl=False, color=output.color)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write report: {exc.strerror}") from None
