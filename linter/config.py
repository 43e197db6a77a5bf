"""Configuration: found once, validated once, resolved per file.

Read from ``[tool.renderlint]`` in ``pyproject.toml``, or from ``renderlint.toml`` /
``.renderlint.toml`` (top level), in the current directory or the nearest parent that has
one; ``--config FILE`` overrides the search.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.diagnostics import Severity
from linter.errors import ConfigError

if TYPE_CHECKING:
    import pathspec

CONFIG_NAMES = ("renderlint.toml", ".renderlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm")

_LIST_KEYS = ("select", "ignore", "extend-select", "include", "exclude", "extend-exclude")
_TOP_KEYS = {
    *_LIST_KEYS,
    "per-file-ignores",
    "severity",
    "fail-on",
    "encoding",
    "suppress",
    "respect-gitignore",
}


@dataclass(frozen=True, slots=True)
class TextSuppression:
    """A suppression for files that cannot carry comments (plain text)."""

    index: int
    paths: pathspec.PathSpec
    rules: tuple[str, ...]
    text: str | None
    line: int | None
    reason: str


@dataclass
class Settings:
    """The validated configuration of one run."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[pathspec.PathSpec, list[str]]] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    encoding: str | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    suppressions: list[TextSuppression] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def relative(self, path: str) -> str:
        """``path`` relative to the config root, with forward slashes, for glob matching."""
        absolute = os.path.abspath(path)
        prefix = self._root_prefix
        if absolute.startswith(prefix):
            rel = absolute[len(prefix) :]
        else:
            try:
                rel = os.path.relpath(absolute, self.root)
            except ValueError:
                rel = path
        return rel.replace(os.sep, "/")

    @cached_property
    def _root_prefix(self) -> str:
        return os.path.join(str(self.root), "")

    def ignored_rules(self, path: str) -> set[str]:
        if not self.per_file_ignores:
            return set()
        rel = self.relative(path)
        out: set[str] = set()
        for spec, names in self.per_file_ignores:
            if spec.match_file(rel):
                out.update(names)
        return out


def glob_spec(patterns: list[str]) -> pathspec.PathSpec:
    """Git-style globs; pathspec is imported only by runs that use globs."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", patterns)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                # Broken but meant for us: `load_settings` reports where, rather than
                # linting with defaults the user never chose.
                if "tool.renderlint" in text:
                    return candidate
                continue
            if "renderlint" in data.get("tool", {}):
                return candidate
    return None


def load_settings(config: Path | None, *, search_from: Path | None = None) -> Settings:
    """Read and validate the configuration; ``config`` None means search upward."""
    from linter.registry import registry

    path = config if config is not None else find_config(search_from or Path.cwd())
    if path is None:
        return Settings()
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("renderlint", {})
        prefix = "tool.renderlint."
    else:
        table = data
        prefix = ""
    return parse_settings(table, path=path, prefix=prefix, rules=registry())


def parse_settings(
    table: dict[str, Any], *, path: Path | None, prefix: str = "", rules: Any
) -> Settings:
    where = str(path) if path else "<config>"

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{where}: `{prefix}{key}`: {message}")

    settings = Settings(path=path, root=path.parent.resolve() if path else Path.cwd())
    for key, value in table.items():
        if key in _TOP_KEYS:
            continue
        if key in rules.extra_keys:
            settings.extra[key] = rules.extra_keys[key](value, fail)
            continue
        if key in rules.by_name:
            settings.rule_options[key] = _rule_options(rules.by_name[key], value, key, fail)
            continue
        raise fail(key, "unknown key (not a setting nor a rule name)")

    for key in _LIST_KEYS:
        if key in table:
            value = _string_list(table[key], key, fail)
            if key in ("select", "ignore", "extend-select"):
                for name in value:
                    if not rules.is_selector(name):
                        raise fail(key, f"unknown rule or family {name!r}")
            setattr(settings, key.replace("-", "_"), value)
    if "extend-exclude" in table:
        settings.exclude = settings.exclude + _string_list(table["extend-exclude"], "", fail)

    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise fail("per-file-ignores", "expected a table of glob = [rule, …]")
        for glob, names in pfi.items():
            names = _string_list(names, f"per-file-ignores.{glob}", fail)
            for name in names:
                if not rules.is_selector(name):
                    raise fail(f"per-file-ignores.{glob}", f"unknown rule or family {name!r}")
            spec = glob_spec([glob])
            settings.per_file_ignores.append((spec, rules.expand(names)))

    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise fail("severity", 'expected a table of rule = "error|warning|info"')
        for name, level in sev.items():
            if not rules.is_selector(name):
                raise fail(f"severity.{name}", "unknown rule or family")
            if not isinstance(level, str):
                raise fail(f"severity.{name}", 'expected "error", "warning" or "info"')
            try:
                severity = Severity.parse(level)
            except ValueError as exc:
                raise fail(f"severity.{name}", str(exc)) from None
            for rule_name in rules.expand([name]):
                settings.severity[rule_name] = severity

    if "fail-on" in table:
        value = table["fail-on"]
        try:
            settings.fail_on = Severity.parse(value if isinstance(value, str) else "")
        except ValueError:
            raise fail("fail-on", 'expected "error", "warning" or "info"') from None

    if "encoding" in table:
        value = table["encoding"]
        if not isinstance(value, str):
            raise fail("encoding", 'expected a string such as "cp1252"')
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise fail("encoding", f"unknown encoding {value!r}") from None
        settings.encoding = value

    if "respect-gitignore" in table:
        if not isinstance(table["respect-gitignore"], bool):
            raise fail("respect-gitignore", "expected true or false")
        settings.respect_gitignore = table["respect-gitignore"]

    if "suppress" in table:
        settings.suppressions = _suppressions(table["suppress"], rules, fail)
    return settings


def _string_list(value: Any, key: str, fail: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, "expected a list of strings")
    return list(value)


def _rule_options(rule: Any, value: Any, key: str, fail: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(key, "expected a table of options for this rule")
    out: dict[str, Any] = {}
    for option_name, option_value in value.items():
        option = rule.options.get(option_name)
        if option is None:
            known = ", ".join(rule.options) or "none"
            raise fail(f"{key}.{option_name}", f"unknown option (known: {known})")
        types = option.type if isinstance(option.type, tuple) else (option.type,)
        ok = isinstance(option_value, types) and not (
            isinstance(option_value, bool) and bool not in types
        )
        if isinstance(option_value, int) and float in types and not isinstance(option_value, bool):
            ok = True
        if ok and list in types and isinstance(option_value, list):
            ok = all(isinstance(item, str) for item in option_value)
        if not ok:
            raise fail(f"{key}.{option_name}", f"expected {option.type_name()}")
        if option.choices and option_value not in option.choices:
            allowed = ", ".join(repr(c) for c in option.choices)
            raise fail(f"{key}.{option_name}", f"expected one of {allowed}, not {option_value!r}")
        out[option_name] = option_value
    return out


def _suppressions(value: Any, rules: Any, fail: Any) -> list[TextSuppression]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail("suppress", "expected an array of tables ([[suppress]])")
    out = []
    allowed = {"path", "rules", "text", "line", "reason"}
    for i, entry in enumerate(value):
        key = f"suppress[{i}]"
        unknown = set(entry) - allowed
        if unknown:
            raise fail(f"{key}.{sorted(unknown)[0]}", "unknown key")
        if "path" not in entry or not isinstance(entry["path"], str):
            raise fail(f"{key}.path", "required: a glob of the files it applies to")
        names = _string_list(entry.get("rules", []), f"{key}.rules", fail)
        if not names:
            raise fail(f"{key}.rules", "required: the rules it silences")
        for name in names:
            if not rules.is_selector(name):
                raise fail(f"{key}.rules", f"unknown rule or family {name!r}")
        text = entry.get("text")
        if text is not None and not isinstance(text, str):
            raise fail(f"{key}.text", "expected a string")
        line = entry.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
            raise fail(f"{key}.line", "expected a line number (1 or more)")
        reason = entry.get("reason", "")
        if not isinstance(reason, str):
            raise fail(f"{key}.reason", "expected a string")
        out.append(
            TextSuppression(
                index=i,
                paths=glob_spec([entry["path"]]),
                rules=tuple(rules.expand(names)),
                text=text,
                line=line,
                reason=reason,
            )
        )
    return out
