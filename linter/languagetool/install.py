"""Fetch the LanguageTool jars (HTTP server and English, see pom.xml) from Maven Central
into a cache folder."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from linter.languagetool.errors import LanguageToolError

POM = Path(__file__).with_name("pom.xml")
DIR_ENV = "RENDERLINT_LANGUAGETOOL_DIR"
_MAVEN_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
_SERVER_JAR = re.compile(r"languagetool-server-(?P<version>[^/]+)\.jar")
# A Maven run that hangs (dead mirror, stuck lock) must still end.
_MAVEN_TIMEOUT_SECONDS = 1800


class InstallError(LanguageToolError):
    """The jars could not be fetched (no Maven or Java, Maven failed, bad target folder)."""


@dataclass(frozen=True, slots=True)
class InstallInfo:
    version: str
    folder: Path
    size_bytes: int


@functools.cache
def pinned_version() -> str:
    """The LanguageTool version named in the bundled pom.xml."""
    node = ET.parse(POM).getroot().find("m:properties/m:languagetool.version", _MAVEN_NS)
    if node is None or not (node.text or "").strip():
        raise InstallError(f"{POM}: no <languagetool.version> property")
    return (node.text or "").strip()


@functools.cache
def language_modules() -> tuple[str, ...]:
    """The ``language-xx`` artifacts the pom names; the server needs every one to start."""
    root = ET.parse(POM).getroot()
    names = (node.text or "" for node in root.iterfind(".//m:dependency/m:artifactId", _MAVEN_NS))
    return tuple(name for name in names if name.startswith("language-"))


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/renderlint/languagetool``, also home of the shared-server state file."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "renderlint" / "languagetool"


def default_dir() -> Path:
    """Where ``install()`` puts the jars when no folder is given."""
    configured = os.environ.get(DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return cache_root() / pinned_version()


def installed_version(folder: Path) -> str | None:
    """The version of a complete jar folder (the server and every language module the pom
    names, at one version), else None."""
    if not folder.is_dir():
        return None
    names = {entry.name for entry in folder.iterdir()}
    modules = language_modules()
    for name in names:
        found = _SERVER_JAR.fullmatch(name)
        if found and all(f"{module}-{found['version']}.jar" in names for module in modules):
            return found["version"]
    return None


def find_install(configured: Path | None = None) -> Path | None:
    """The jar folder to run: ``configured`` if given, else ``$RENDERLINT_LANGUAGETOOL_DIR``
    if set, else the default cache folder of the pinned version; None when that folder
    holds no complete install. A folder the user named is never swapped for another."""
    folder = configured.expanduser() if configured is not None else default_dir()
    return folder if installed_version(folder) else None


def folder_size(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.iterdir() if entry.is_file())


def install(dest: Path | None = None) -> InstallInfo:
    """Copy the pinned LanguageTool server and its English module, with every runtime
    dependency, into ``dest`` (default: ``default_dir()``).

    Maven downloads into a hidden sibling folder that is renamed into place only once
    complete, so an interrupted run never leaves a half install behind under ``dest``.
    An existing complete install is returned as is.
    """
    dest = (dest or default_dir()).expanduser().absolute()
    existing = installed_version(dest)
    if existing:
        return InstallInfo(existing, dest, folder_size(dest))
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InstallError(
            f"{dest} exists but holds no LanguageTool install; remove it or choose another folder"
        )
    mvn = _require_tool("mvn", "Maven")
    _require_tool("java", "Java 17 or newer")
    version = pinned_version()

    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    try:
        jars = staging / "jars"
        # Maven reads the pom from a copy so nothing is written beside the installed package.
        pom = staging / "pom.xml"
        shutil.copyfile(POM, pom)
        _run_maven(
            [
                mvn,
                "--batch-mode",
                "--quiet",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={jars}",
                "-DincludeScope=runtime",
            ]
        )
        if installed_version(jars) != version:
            raise InstallError(
                f"Maven finished but {jars} lacks languagetool-server-{version}.jar "
                "or a language module"
            )
        try:
            # Atomic on one file system; replaces only a missing or empty folder.
            jars.rename(dest)
        except OSError:
            # Another install won the race: use it if it is complete.
            if installed_version(dest) != version:
                raise InstallError(f"could not move the jars into {dest}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return InstallInfo(version, dest, folder_size(dest))


def _require_tool(command: str, what: str) -> str:
    path = shutil.which(command)
    if path is None:
        raise InstallError(
            f"`{command}` not found on PATH: install {what} to fetch LanguageTool "
            "(e.g. `apt-get install maven openjdk-17-jre-headless`)"
        )
    return path


def _run_maven(command: list[str]) -> None:
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=_MAVEN_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InstallError(
            f"Maven did not finish within {_MAVEN_TIMEOUT_SECONDS} s fetching LanguageTool"
        ) from None
    if result.returncode != 0:
        raise InstallError(f"Maven failed fetching LanguageTool: {_maven_reason(result)}")


def _maven_reason(result: subprocess.CompletedProcess[str]) -> str:
    """The first [ERROR] line Maven printed, which names the cause (network, artifact, Java)."""
    # Maven colours its output even in batch mode.
    output = _ANSI_ESCAPE.sub("", result.stdout + "\n" + result.stderr)
    for line in output.splitlines():
        text = line.strip()
        if text.startswith("[ERROR]") and text != "[ERROR]":
            return text.removeprefix("[ERROR]").removesuffix("-> [Help 1]").strip()
    last_lines = output.strip().splitlines()
    return last_lines[-1] if last_lines else f"exit code {result.returncode}"
