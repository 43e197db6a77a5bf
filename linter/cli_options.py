"""Command-line options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from linter.errors import UsageError

SEVERITY_CHOICES = click.Choice(["error", "warning", "info"])


def _compose(*options: Callable) -> Callable:
    def apply(function: Callable) -> Callable:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


CONCISE = click.option(
    "--concise", is_flag=True, help="Text format: one line per finding, no excerpt."
)
STATISTICS = click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule instead (text or json format).",
)


def check_statistics(statistics: bool, fmt: str) -> None:
    """``--statistics`` prints counts as text or JSON: SARIF, GitHub annotations and JUnit
    have no place for them."""
    if statistics and fmt not in ("text", "json"):
        raise UsageError(f"--statistics prints text or json, not --format {fmt}")


SELECTION = _compose(
    click.option(
        "--select",
        multiple=True,
        metavar="RULES",
        help="Only these rules or families (comma-separated; ALL for every rule).",
    ),
    click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules or families."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Leave out rules or families."),
)
EXIT = _compose(
    click.option(
        "--fail-on",
        type=SEVERITY_CHOICES,
        default=None,
        help="Lowest severity that makes the exit status 1 [default: warning].",
    ),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings."),
)
CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file to use instead of searching for one.",
)
COLOR = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (never with NO_COLOR set).",
)
OUTPUT_FILE = click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
STDIN_FILENAME = click.option(
    "--stdin-filename", metavar="NAME", help="Name (and markup kind) of text read from `-`."
)
