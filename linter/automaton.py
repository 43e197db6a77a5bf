"""Aho–Corasick automata: many strings found in one pass over a text (ahocorasick-rs)."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")

# A DFA searches up to twice as fast as the default automaton but takes a few
# milliseconds to build: it is built once this much text has been searched.
DFA_AFTER = 50_000

# The characters outside ASCII of the automata's strings (dashes, breves, curly
# apostrophes), a byte of 0x80 to 0xFE each, given as automata are built and never
# changed; any other character of a text is 0xFF, a byte in no string. An automaton whose
# new characters no longer fit searches text outside ASCII as ``str``.
_CODES: dict[str, bytes] = {}
_ROOM = 0x7F
_OTHER = b"\xff"
_ERRORS = "renderlint-automaton"


def _one_byte_each(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    codes = _CODES
    chars = error.object[error.start : error.end]
    return b"".join([codes.get(char, _OTHER) for char in chars]), error.end


codecs.register_error(_ERRORS, _one_byte_each)


def _coded(strings: list[str]) -> bool:
    """Gives the characters outside ASCII of ``strings`` their bytes, if there is room for
    all that are new; whether every string can now be written one byte per character."""
    new = {char for string in strings if not string.isascii() for char in string}
    new = {char for char in new if not char.isascii() and char not in _CODES}
    if len(_CODES) + len(new) > _ROOM:
        return not new
    for char in sorted(new):
        _CODES[char] = bytes([0x80 + len(_CODES)])
    return True


class Automaton(Generic[V]):
    """Strings with a value each. ``find`` gives the leftmost-longest matches (no two
    overlap); an automaton built with ``overlapping=True`` gives every occurrence of every
    string through ``find_all`` instead.

    Text is searched as bytes, one byte per character (see ``_CODES``): the offsets are
    the same, and the search skips the mapping of byte offsets to characters that a
    search of ``str`` pays for. The bytes automaton becomes a DFA after ``DFA_AFTER``
    characters. When the strings' characters outside ASCII find no room among the
    bytes, it holds the ASCII strings only (no other can occur in ASCII text), and other
    text is searched by an automaton of every string, built when first needed.
    """

    __slots__ = (
        "_bytes", "_coded", "_kind", "_numbers", "_read", "_strings", "_text", "_values"
    )  # fmt: skip

    def __init__(self, items: Iterable[tuple[str, V]], *, overlapping: bool = False) -> None:
        pairs = dict(items)  # one value per string, the last given
        self._strings = list(pairs)
        self._values: list[V] = list(pairs.values())
        kind = ahocorasick_rs.MatchKind
        self._kind = kind.Standard if overlapping else kind.LeftmostLongest
        # The strings the bytes automaton holds, and the number of each among all strings.
        self._coded = _coded(self._strings)
        self._numbers = [
            n for n, string in enumerate(self._strings) if self._coded or string.isascii()
        ]
        self._bytes: Any = self._build(self._byte_strings(), ahocorasick_rs.BytesAhoCorasick)
        self._text: Any = None
        self._read = 0

    def __len__(self) -> int:
        return len(self._values)

    @property
    def values(self) -> list[V]:
        return self._values

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of the leftmost-longest matches, in text order."""
        values = self._values
        return [(s, e, values[n]) for n, s, e in self._search(text, False)]

    def find_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """``(number, start, end)`` of every occurrence (an automaton built with
        ``overlapping=True``), ``number`` counting the strings as given: for callers
        that look most hits up in ``values`` themselves."""
        return self._search(text, True)

    def find_all(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of every occurrence, overlapping ones too (an automaton
        built with ``overlapping=True``)."""
        values = self._values
        return [(s, e, values[n]) for n, s, e in self.find_indexes(text)]

    def _search(self, text: str, overlapping: bool) -> list[tuple[int, int, int]]:
        if self._read < DFA_AFTER:
            self._read += len(text)
            if self._read >= DFA_AFTER:
                self._bytes = self._build(
                    self._byte_strings(), ahocorasick_rs.BytesAhoCorasick, dfa=True
                )
        if text.isascii():
            data = text.encode()
        elif self._coded:
            data = text.encode("ascii", _ERRORS)
        else:
            data = None
        if data is not None:
            found = self._bytes.find_matches_as_indexes(data, overlapping=overlapping)
            numbers = self._numbers
            if len(numbers) == len(self._strings):
                return found
            return [(numbers[n], s, e) for n, s, e in found]
        if self._text is None:
            self._text = self._build(self._strings, ahocorasick_rs.AhoCorasick)
        return self._text.find_matches_as_indexes(text, overlapping=overlapping)

    def _byte_strings(self) -> list[bytes]:
        return [self._strings[n].encode("ascii", _ERRORS) for n in self._numbers]

    def _build(self, strings: list, kind: Any, *, dfa: bool = False) -> Any:
        implementation = ahocorasick_rs.Implementation.DFA if dfa else None
        return kind(strings, matchkind=self._kind, implementation=implementation)
