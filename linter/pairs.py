"""Naming rules that pair a source article with its rendering.

A rule is ``"SOURCE:RENDERING"``, two path patterns with the same placeholders:
``"{stem}.ko.txt:{stem}.en.txt"`` pairs ``2012_editorial.ko.txt`` with
``2012_editorial.en.txt``, and ``"ko/{name}:en/{name}"`` pairs ``ko/a.txt`` with
``en/a.txt``. A placeholder stands for part of one path segment (no ``/``); a pattern
matches the end of a path, at a folder boundary, so ``ko/{name}`` pairs files in any
``ko`` folder with those in the ``en`` folder beside it. Kept free of heavy imports: the
config validator uses it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class PatternError(ValueError):
    """A naming rule that cannot be used; the message says why."""


@dataclass(frozen=True)
class PairPattern:
    source: str
    rendering: str

    @classmethod
    def parse(cls, text: str) -> PairPattern:
        if text.count(":") != 1:
            raise PatternError(
                f'{text!r}: expected SOURCE:RENDERING, e.g. "{{stem}}.ko.txt:{{stem}}.en.txt"'
            )
        source, rendering = (part.strip() for part in text.split(":"))
        if not source or not rendering:
            raise PatternError(f"{text!r}: both the source and the rendering pattern are needed")
        for side in (source, rendering):
            if side.startswith("/") or "\\" in side:
                raise PatternError(f"{text!r}: patterns are relative paths with forward slashes")
        names = set(_PLACEHOLDER.findall(source))
        if not names:
            raise PatternError(f"{text!r}: a pattern needs a placeholder such as {{stem}}")
        if names != set(_PLACEHOLDER.findall(rendering)):
            raise PatternError(f"{text!r}: both sides must use the same placeholders")
        if source == rendering:
            raise PatternError(f"{text!r}: the source and rendering patterns are the same")
        return cls(source, rendering)

    def _regex(self, pattern: str) -> re.Pattern[str]:
        out, pos, seen = [], 0, set()
        for match in _PLACEHOLDER.finditer(pattern):
            out.append(re.escape(pattern[pos : match.start()]))
            name = match.group(1)
            out.append(f"(?P={name})" if name in seen else f"(?P<{name}>[^/]+?)")
            seen.add(name)
            pos = match.end()
        out.append(re.escape(pattern[pos:]))
        return re.compile(r"(?:^|(?<=/))" + "".join(out) + "$")

    def counterpart(self, path: str, *, of_rendering: bool) -> str | None:
        """The source of rendering ``path`` (or the rendering of source ``path``)."""
        here, there = (
            (self.rendering, self.source) if of_rendering else (self.source, self.rendering)
        )
        posix = path.replace(os.sep, "/")
        match = self._regex(here).search(posix)
        if match is None:
            return None
        filled = _PLACEHOLDER.sub(lambda m: match.group(m.group(1)), there)
        result = posix[: match.start()] + filled
        return result.replace("/", os.sep) if os.sep != "/" else result


class Pairing:
    """The configured naming rules; the first that matches a path wins."""

    def __init__(self, patterns: list[PairPattern]) -> None:
        self.patterns = patterns

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def source_for(self, path: str) -> str | None:
        """The existing source file of rendering ``path``, if a rule names one."""
        for pattern in self.patterns:
            source = pattern.counterpart(path, of_rendering=True)
            if source is not None and os.path.isfile(source):
                return source
        return None

    def is_source(self, path: str) -> bool:
        """Whether ``path`` is a source article whose rendering exists."""
        for pattern in self.patterns:
            rendering = pattern.counterpart(path, of_rendering=False)
            if rendering is not None and os.path.isfile(rendering):
                return True
        return False
