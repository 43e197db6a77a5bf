"""Aho–Corasick automata: many strings found in one pass over a text (ahocorasick-rs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")

# A DFA searches up to twice as fast as the default automaton but takes a few
# milliseconds to build: it is built once this much text has been searched.
DFA_AFTER = 50_000


class Automaton(Generic[V]):
    """Strings with a value each. ``find`` gives the leftmost-longest matches (no two
    overlap); an automaton built with ``overlapping=True`` gives every occurrence of every
    string through ``find_all`` instead.

    Text in ASCII (most English prose) is searched as bytes by an automaton of the ASCII
    strings (no other can occur in it): the offsets are the same, and the search skips
    the mapping of byte offsets to characters that a search of ``str`` pays for; it
    becomes a DFA after ``DFA_AFTER`` characters. Other text is searched by an automaton
    of every string, built when first needed.
    """

    __slots__ = ("_ascii", "_kind", "_numbers", "_read", "_strings", "_text", "_values")

    def __init__(self, items: Iterable[tuple[str, V]], *, overlapping: bool = False) -> None:
        pairs = dict(items)  # one value per string, the last given
        self._strings = list(pairs)
        self._values: list[V] = list(pairs.values())
        kind = ahocorasick_rs.MatchKind
        self._kind = kind.Standard if overlapping else kind.LeftmostLongest
        # The ASCII strings, and the number of each among all strings.
        self._numbers = [n for n, string in enumerate(self._strings) if string.isascii()]
        self._ascii: Any = self._build(self._ascii_strings(), ahocorasick_rs.BytesAhoCorasick)
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
                self._ascii = self._build(
                    self._ascii_strings(), ahocorasick_rs.BytesAhoCorasick, dfa=True
                )
        if text.isascii():
            found = self._ascii.find_matches_as_indexes(text.encode(), overlapping=overlapping)
            numbers = self._numbers
            if len(numbers) == len(self._strings):
                return found
            return [(numbers[n], s, e) for n, s, e in found]
        if self._text is None:
            self._text = self._build(self._strings, ahocorasick_rs.AhoCorasick)
        return self._text.find_matches_as_indexes(text, overlapping=overlapping)

    def _ascii_strings(self) -> list[bytes]:
        return [self._strings[n].encode() for n in self._numbers]

    def _build(self, strings: list, kind: Any, *, dfa: bool = False) -> Any:
        implementation = ahocorasick_rs.Implementation.DFA if dfa else None
        return kind(strings, matchkind=self._kind, implementation=implementation)
