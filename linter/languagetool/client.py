"""Check text against a LanguageTool server (through language_tool_python) and report the
findings with Python string offsets."""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from linter.languagetool.errors import LanguageToolError

DEFAULT_TIMEOUT = 60.0
# LanguageTool's public API refuses texts over 20,000 characters; a server we start has no
# limit, but shorter requests also keep each one well inside the timeout.
MAX_REQUEST_UNITS = 20_000
MAX_REPLACEMENTS = 5

# Coarsest first: a request ends at a paragraph break if it can, else at a line break, a
# sentence end, a space, and only inside an unbroken run as a last resort.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)
# language_tool_python keeps the last text's astral-character positions in class attributes
# of its Match, so two threads checking at once could shift each other's offsets.
_REQUEST_LOCK = threading.Lock()


class CheckError(LanguageToolError):
    """The server did not answer in time, refused the request, or is unreachable."""


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool finding; ``start``/``end`` index the checked Python string."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]
    context: str


def normalize_url(url: str) -> str:
    """The base URL of a server: scheme added if missing, no trailing slash or ``/v2``."""
    url = url.strip()
    if "://" not in url:
        url = f"http://{url}"
    return url.rstrip("/").removesuffix("/v2")


def check(
    text: str,
    server_url: str,
    language: str = "en-US",
    *,
    enabled_rules: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
    enabled_categories: Iterable[str] = (),
    disabled_categories: Iterable[str] = (),
    enabled_only: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_request_units: int = MAX_REQUEST_UNITS,
) -> list[Match]:
    """LanguageTool's findings in ``text``, in text order.

    ``enabled_only`` restricts checking to ``enabled_rules``/``enabled_categories``.
    ``timeout`` bounds each HTTP request in seconds; language_tool_python tries a failed
    request twice, so a hung server is reported after at most twice that. Texts longer than
    ``max_request_units`` UTF-16 code units go out in several requests, split at paragraph
    breaks where possible; offsets are those of the whole text.
    """
    if max_request_units < 2:
        raise ValueError("max_request_units must be at least 2 (one astral character)")
    pieces = split_for_requests(text, max_request_units)
    if not pieces:
        return []
    url = normalize_url(server_url)
    tool = _tool(
        url,
        language,
        frozenset(enabled_rules),
        frozenset(disabled_rules),
        frozenset(enabled_categories),
        frozenset(disabled_categories),
        enabled_only,
        timeout,
    )
    matches: list[Match] = []
    for offset, piece in pieces:
        index = _Utf16Index(piece)
        for found in _request(tool, piece, url, timeout):
            # language_tool_python already moved ``offset`` from UTF-16 units to code
            # points; ``error_length`` it leaves in UTF-16 units.
            start = found.offset
            end = index.to_python(index.to_utf16(start) + found.error_length)
            matches.append(
                Match(
                    start=offset + start,
                    end=offset + end,
                    rule_id=found.rule_id,
                    category=found.category,
                    issue_type=found.rule_issue_type,
                    message=found.message,
                    replacements=tuple(found.replacements[:MAX_REPLACEMENTS]),
                    context=found.context,
                )
            )
    return matches


def split_for_requests(text: str, max_units: int) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` in order, each piece at most ``max_units``
    UTF-16 code units; pieces of only whitespace are left out (nothing to check)."""
    spans: list[tuple[int, int]] = []
    start = end = size = 0
    for piece_start, piece_end, piece_units in _pieces(text, 0, len(text), max_units, 0):
        if size and size + piece_units > max_units:
            spans.append((start, end))
            start, size = piece_start, 0
        size += piece_units
        end = piece_end
    spans.append((start, end))
    return [(begin, text[begin:stop]) for begin, stop in spans if text[begin:stop].strip()]


def _pieces(
    text: str, start: int, end: int, max_units: int, level: int
) -> Iterator[tuple[int, int, int]]:
    """Consecutive ``(start, end, units)`` spans covering ``text[start:end]``, each short
    enough, cut at the coarsest kind of break that makes them so."""
    units = _units(text[start:end])
    if units <= max_units:
        yield start, end, units
        return
    if level == len(_BREAKS):
        yield from _hard_cuts(text, start, end, max_units)
        return
    cut = start
    for found in _BREAKS[level].finditer(text, start, end):
        if found.end() < end:
            yield from _pieces(text, cut, found.end(), max_units, level + 1)
            cut = found.end()
    yield from _pieces(text, cut, end, max_units, level + 1)


def _hard_cuts(text: str, start: int, end: int, max_units: int) -> Iterator[tuple[int, int, int]]:
    position = start
    while position < end:
        stop = min(end, position + max_units)
        units = _units(text[position:stop])
        while units > max_units:
            stop -= 1
            units -= _units(text[stop])
        yield position, stop, units
        position = stop


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Utf16Index:
    """Converts between code-point offsets and UTF-16 offsets (what LanguageTool, being
    Java, counts) in one text: only characters beyond U+FFFF (emoji…) differ, by one."""

    def __init__(self, text: str) -> None:
        astral = [position for position, char in enumerate(text) if ord(char) > 0xFFFF]
        # Where each astral character starts in UTF-16 units.
        self._astral_units = [position + rank for rank, position in enumerate(astral)]
        self._astral = astral

    def to_utf16(self, position: int) -> int:
        return position + bisect.bisect_left(self._astral, position)

    def to_python(self, units: int) -> int:
        # An offset inside a surrogate pair falls after its character.
        return units - bisect.bisect_right(self._astral_units, units - 2)


@functools.lru_cache(maxsize=16)
def _tool(
    url: str,
    language: str,
    enabled_rules: frozenset[str],
    disabled_rules: frozenset[str],
    enabled_categories: frozenset[str],
    disabled_categories: frozenset[str],
    enabled_only: bool,
    timeout: float,
) -> Any:
    """One configured language_tool_python client per setting: building one asks the
    server for its languages, which a run should pay once, not per text."""
    import language_tool_python

    try:
        tool = _timed_tool_class()(language, url, timeout)
    except ValueError:
        raise CheckError(
            f"the LanguageTool server at {url} does not offer language {language!r}"
        ) from None
    except language_tool_python.exceptions.LanguageToolError as error:
        raise CheckError(_describe(error, url, timeout)) from None
    tool.enabled_rules = set(enabled_rules)
    tool.disabled_rules = set(disabled_rules)
    tool.enabled_categories = set(enabled_categories)
    tool.disabled_categories = set(disabled_categories)
    tool.enabled_rules_only = enabled_only
    return tool


@functools.cache
def _timed_tool_class() -> type:
    import language_tool_python

    class TimedLanguageTool(language_tool_python.LanguageTool):
        """language_tool_python waits 300 s for any answer (its ``_TIMEOUT``, read per
        request); a hung server must fail a run sooner than that."""

        def __init__(self, language: str, url: str, timeout: float) -> None:
            # Set before the base __init__, whose language query uses it already.
            self._TIMEOUT = timeout
            # A trailing slash keeps a path prefix (https://host/api/) when "v2/" is joined.
            super().__init__(language, remote_server=url + "/")

    return TimedLanguageTool


def _request(tool: Any, text: str, url: str, timeout: float) -> list[Any]:
    import language_tool_python

    try:
        with _REQUEST_LOCK:
            return list(tool.check(text))
    except language_tool_python.exceptions.LanguageToolError as error:
        raise CheckError(_describe(error, url, timeout)) from None


def _describe(error: Exception, url: str, timeout: float) -> str:
    import requests

    cause = error.__cause__
    if isinstance(cause, requests.Timeout):
        return f"the LanguageTool server at {url} did not answer within {timeout:g} s"
    if isinstance(cause, requests.ConnectionError):
        return f"the LanguageTool server at {url} is unreachable (connection refused or reset)"
    first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"the LanguageTool server at {url} refused the request: {first_line[:300]}"
