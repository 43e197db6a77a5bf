"""Finding the files to lint: recursion, include/exclude globs, .gitignore, link loops."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter.config import Settings, glob_spec

if TYPE_CHECKING:
    import pathspec

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _spec(patterns: list[str]) -> pathspec.PathSpec:
    return glob_spec(patterns)


class _Suffixes:
    """Include globs that are all "*.ext" (the default): a file matches by the end of its
    name, as git matches such a glob, without building a pathspec."""

    def __init__(self, suffixes: tuple[str, ...]) -> None:
        self.suffixes = suffixes

    def match_file(self, name: str) -> bool:
        return name.endswith(self.suffixes)


def _include(patterns: list[str]) -> pathspec.PathSpec | _Suffixes:
    if all(
        p.startswith("*.") and p == p.strip() and not any(c in p[1:] for c in "*?[]\\/!")
        for p in patterns
    ):
        return _Suffixes(tuple(p[1:] for p in patterns))
    return _spec(patterns)


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _inherited_gitignores(folder: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """The .gitignore files of ``folder``'s parents up to the repository's top."""
    out = []
    for parent in folder.parents:
        spec = _gitignore(parent)
        if spec is not None:
            out.append((parent, spec))
        if (parent / ".git").exists():
            break
    return list(reversed(out))


def _is_ignored(path: Path, is_dir: bool, ignores: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    ignored = False
    for base, spec in ignores:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if is_dir:
            rel += "/"
        result = spec.check_file(rel)
        if result.include is not None:
            ignored = result.include
    return ignored


def discover(paths: list[str], settings: Settings, *, force_exclude: bool = False) -> Discovery:
    """Files to lint under ``paths``, sorted and without duplicates.

    A file named explicitly is linted even if ``include`` does not match it, and even if
    ``exclude`` does, unless ``force_exclude`` is set (as the pre-commit hook does).
    """
    out = Discovery()
    seen: set[str] = set()
    # Built on first use: linting named files with no `exclude` needs no globs at all.
    specs: dict[str, pathspec.PathSpec] = {}

    def spec(name: str) -> pathspec.PathSpec:
        if name not in specs:
            specs[name] = _spec(getattr(settings, name))
        return specs[name]

    include = None

    def excluded(path: Path | str) -> bool:
        return bool(settings.exclude) and spec("exclude").match_file(settings.relative(str(path)))

    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            out.errors.append(f"{raw}: no such file or directory")
            continue
        if path.is_dir():
            if include is None:
                include = _include(settings.include)
            _walk(path, settings, include, excluded, out, seen)
            continue
        if not path.exists():
            out.errors.append(f"{raw}: skipped: broken symbolic link")
            continue
        if force_exclude and excluded(path):
            continue
        key = os.path.normpath(raw)
        if key not in seen:
            seen.add(key)
            out.files.append(key)
    out.files.sort()
    return out


def _walk(
    top: Path,
    settings: Settings,
    include: pathspec.PathSpec | _Suffixes,
    excluded,
    out: Discovery,
    seen: set[str],
) -> None:
    ignores = _inherited_gitignores(top.resolve()) if settings.respect_gitignore else []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[Path, list[tuple[Path, pathspec.PathSpec]]]] = [(top, ignores)]
    while stack:
        folder, inherited = stack.pop()
        try:
            stat = folder.stat()
        except OSError as exc:
            out.errors.append(f"{folder}: skipped: {exc.strerror}")
            continue
        identity = (stat.st_dev, stat.st_ino)
        if identity in visited:
            out.notices.append(f"{folder}: skipped: symbolic link loop")
            continue
        visited.add(identity)
        scoped = inherited
        if settings.respect_gitignore:
            spec = _gitignore(folder)
            if spec is not None:
                scoped = [*inherited, (folder.resolve(), spec)]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            out.errors.append(f"{folder}: skipped: {exc.strerror}")
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                path = Path(entry.path)
                if entry.name in SKIPPED_DIRS or excluded(path):
                    continue
                if scoped and _is_ignored(path.resolve(), True, scoped):
                    continue
                stack.append((path, scoped))
            elif is_file:
                # Most files need no Path: only `.gitignore` rules resolve one.
                if not (
                    include.match_file(entry.name)
                    or include.match_file(settings.relative(entry.path))
                ):
                    continue
                if excluded(entry.path):
                    continue
                if scoped and _is_ignored(Path(entry.path).resolve(), False, scoped):
                    continue
                key = os.path.normpath(entry.path)
                if key not in seen:
                    seen.add(key)
                    out.files.append(key)
            elif entry.is_symlink():
                out.notices.append(f"{entry.path}: skipped: broken symbolic link")
