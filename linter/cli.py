"""The command line: a thin layer over the library API."""

from __future__ import annotations

import os
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
    STDIN_FILENAME,
    check_statistics,
)
from linter.errors import RenderlintError, UsageError

FORMAT_CHOICES = click.Choice(["text", "json", "sarif", "github", "junit"])


def _names(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _jobs(requested: int) -> int:
    return requested or os.cpu_count() or 1


def make_linter(settings, select, extend_select, ignore):
    """A Linter for the rule names given on the command line, checked first."""
    from linter.engine import Linter

    names = {}
    for option, values in (
        ("--select", select),
        ("--extend-select", extend_select),
        ("--ignore", ignore),
    ):
        names[option] = _names(values)
        _check_names(names[option], option)
    return Linter(
        settings,
        select=names["--select"],
        extend_select=names["--extend-select"],
        ignore=names["--ignore"],
    )


def _check_names(names: list[str] | None, option: str) -> None:
    from linter.registry import registry

    rules = registry()
    for name in names or []:
        if not rules.is_selector(name):
            raise UsageError(f"{option}: unknown rule or family {name!r} (see `renderlint rules`)")


def _use_color(choice: str, stream) -> bool:
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if choice == "always":
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


# Commands whose modules are imported only when they run, so that `renderlint check` (a
# pre-commit hook pays its start-up on every commit) never loads textstat, the aligner or
# the LanguageTool client: name -> (module, attribute).
LAZY_COMMANDS = {
    "compare": ("linter.cli_compare", "compare_command"),
    "languagetool": ("linter.languagetool.cli", "languagetool"),
    "readability": ("linter.cli_readability", "readability_command"),
}


class RenderlintGroup(click.Group):
    """Turns the errors a user can cause into one line on stderr and exit status 2, and
    loads the heavier commands on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attribute = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RenderlintError as exc:
            click.echo(f"renderlint: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("renderlint: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=RenderlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="renderlint", prog_name="renderlint")
def main() -> None:
    """renderlint: lint English renderings of source articles.

    House style and transliteration of names and terms, typography, calendar slips,
    grammar (LanguageTool), readability (textstat), and comparison with the source
    article. Run `renderlint check PATH...` to lint; `renderlint rules` lists the rules.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@STDIN_FILENAME
@click.option(
    "--format", "fmt", type=FORMAT_CHOICES, default="text", show_default=True, help="Output format."
)
@CONCISE
@STATISTICS
@SELECTION
@EXIT
@CONFIG
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply `exclude` to files named on the command line too (for pre-commit).",
)
@COLOR
@OUTPUT_FILE
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes that check files side by side (0: one per CPU).",
)
@click.option("--grammar", is_flag=True, help="Also check grammar and spelling with LanguageTool.")
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option(
    "--diff", is_flag=True, help="Print a diff of what --fix would change; write nothing."
)
def check(
    paths,
    stdin_filename,
    fmt,
    concise,
    statistics,
    select,
    extend_select,
    ignore,
    fail_on,
    exit_zero,
    config_path,
    force_exclude,
    color,
    output_file,
    jobs,
    grammar,
    fix,
    unsafe_fixes,
    diff,
) -> None:
    """Lint files and folders (default: the current folder); `-` reads standard input.

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, config or
    input error. With --fix, also 1 when a file was changed; with --diff, 1 when there
    would be changes (see README, "Fixing").
    """
    from linter.config import load_settings
    from linter.diagnostics import Severity
    from linter.engine import at_or_above

    check_statistics(statistics, fmt)
    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes applies fixes only with --fix or --diff")
    settings = load_settings(config_path)
    linter = make_linter(
        settings, select, (*extend_select, *(("grammar",) if grammar else ())), ignore
    )
    # Rules may hold resources for the run (the grammar rule's LanguageTool server).
    click.get_current_context().call_on_close(linter.close)

    paths = list(paths) or ["."]
    if "-" in paths and len(paths) > 1:
        raise UsageError("`-` (standard input) cannot be combined with other paths")
    level = Severity(fail_on) if fail_on else settings.fail_on
    if fix or diff:
        from linter.cli_fix import check_and_fix

        sys.exit(
            check_and_fix(
                linter,
                paths,
                stdin_filename=stdin_filename,
                force_exclude=force_exclude,
                unsafe=unsafe_fixes,
                diff=diff,
                fmt=fmt,
                concise=concise,
                statistics=statistics,
                color=color,
                output_file=output_file,
                level=level,
                exit_zero=exit_zero,
            )
        )
    if "-" in paths:
        result = _lint_stdin(linter, stdin_filename)
    else:
        result = linter.lint_paths(paths, force_exclude=force_exclude, jobs=_jobs(jobs))

    for notice in result.notices:
        click.echo(f"renderlint: note: {notice}", err=True)
    for error in result.errors:
        click.echo(f"renderlint: error: {error}", err=True)

    use_color = output_file is None and _use_color(color, sys.stdout)
    text = render_report(result, linter, fmt, concise, statistics, use_color)
    write_report(text, output_file, use_color)

    if result.errors:
        sys.exit(2)
    if not exit_zero and at_or_above(result.reports, level):
        sys.exit(1)


def render_report(result, linter, fmt: str, concise: bool, statistics: bool, color: bool) -> str:
    """The report of ``result`` in format ``fmt`` (the findings, or their counts)."""
    from linter.report import Output, render
    from linter.report.json import statistics_json
    from linter.report.text import statistics as render_statistics
    from linter.report.text import summary

    output = Output(
        reports=result.reports,
        files=result.paths,
        lines=result.lines,
        concise=concise,
        color=color,
        rules=linter.registry.by_name,
    )
    if statistics:
        return render_statistics(output) if fmt == "text" else statistics_json(output)
    text = render(fmt, output)
    # "All checks passed." would be false when a path could not be read.
    if fmt == "text" and (result.reports or not (concise or result.errors)):
        text += summary(output)
    return text


def write_report(text: str, output_file: Path | None, color: bool, *, err: bool = False) -> None:
    """Write ``text`` to ``output_file``, or else to standard output (``err``: error)."""
    if output_file is not None:
        try:
            output_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{output_file}: cannot write report: {exc.strerror}") from None
    else:
        # Without color=, click strips the escapes whenever the stream is not a terminal.
        click.echo(text, nl=False, color=color, err=err)


def _lint_stdin(linter, stdin_filename):
    from linter.engine import LintResult
    from linter.errors import InputError
    from linter.sources import decode

    name = stdin_filename or "-"
    try:
        source = decode(sys.stdin.buffer.read(), name, linter.settings.encoding)
    except InputError as exc:
        return LintResult(errors=[str(exc)])
    doc = linter.document(name, source.text)
    return linter.lint_documents([doc])


@main.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def list_rules(fmt: str) -> None:
    """List every rule: name, family, default severity, fixable, summary."""
    from linter.registry import registry
    from linter.rulesdoc import rules_json, rules_markdown, rules_table

    rules = registry().rules
    if fmt == "json":
        click.echo(rules_json(rules), nl=False)
    elif fmt == "markdown":
        click.echo(rules_markdown(rules), nl=False)
    else:
        click.echo(rules_table(rules), nl=False)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the full documentation of RULE."""
    from linter.registry import registry

    cls = registry().by_name.get(rule)
    if cls is None:
        raise UsageError(f"unknown rule {rule!r} (see `renderlint rules`)")
    click.echo(cls.explain(), nl=False)
