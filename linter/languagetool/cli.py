"""``renderlint languagetool``: install the jars, serve a shared server, show what is there."""

from __future__ import annotations

from pathlib import Path

import click

from linter.languagetool.errors import LanguageToolError
from linter.languagetool.install import default_dir, find_install, install, installed_version
from linter.languagetool.server import Server, find_running

_DIR_OPTION = click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of LanguageTool jars [default: $RENDERLINT_LANGUAGETOOL_DIR or the user cache].",
)


class _LanguageToolUnavailable(click.ClickException):
    # An environment or configuration problem, not a finding: exit code 2 by contract.
    exit_code = 2


@click.group("languagetool")
def languagetool() -> None:
    """Install, run and inspect the LanguageTool server the grammar checks use."""


@languagetool.command("install")
@_DIR_OPTION
def install_command(folder: Path | None) -> None:
    """Fetch LanguageTool (server and English) from Maven Central; needs Java and Maven."""
    target = folder or default_dir()
    if installed_version(target) is None:
        click.echo(f"Fetching LanguageTool with Maven into {target} (about 100 MB)…", err=True)
    try:
        info = install(folder)
    except LanguageToolError as error:
        raise _LanguageToolUnavailable(str(error)) from None
    click.echo(f"version: {info.version}")
    click.echo(f"folder: {info.folder}")
    click.echo(f"size: {info.size_bytes} bytes ({info.size_bytes / 2**20:.1f} MiB)")


@languagetool.command("serve")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port to listen on (127.0.0.1 only); another free port if it is taken.",
)
@_DIR_OPTION
@click.option("--memory", default="1g", show_default=True, help="Java heap limit (-Xmx).")
def serve(port: int | None, folder: Path | None, memory: str) -> None:
    """Run a LanguageTool server in the foreground until Ctrl-C; other renderlint runs
    on this machine use it instead of starting their own."""
    server = Server(install_dir=folder, port=port, memory=memory, shared=True)
    try:
        url = server.start()
    except LanguageToolError as error:
        raise _LanguageToolUnavailable(str(error)) from None
    try:
        click.echo(f"LanguageTool serving at {url} (pid {server.pid}); Ctrl-C stops it")
        code = server.wait()
    except KeyboardInterrupt:
        click.echo("LanguageTool stopped")
        return
    finally:
        server.stop()
    raise _LanguageToolUnavailable(
        f"the LanguageTool server exited with code {code}"
        + (f" (log: {server.log_path})" if server.log_path else "")
    )


@languagetool.command("status")
def status() -> None:
    """Say whether a LanguageTool server is available, and where; exit 1 if none is."""
    folder = find_install()
    if folder is None:
        click.echo("jars: not installed (run `renderlint languagetool install`)")
    else:
        click.echo(f"jars: LanguageTool {installed_version(folder)} in {folder}")
    try:
        running = find_running()
    except LanguageToolError as error:
        # A configured server is used or nothing is: the jars do not stand in for it.
        click.echo(f"server: unavailable: {error}")
        raise SystemExit(1) from None
    if running is None:
        click.echo("server: none running (each run that needs one starts its own)")
    else:
        pid = f", pid {running.pid}" if running.pid else ""
        click.echo(f"server: {running.url} (from {running.source}{pid})")
    if running is None and folder is None:
        raise SystemExit(1)
