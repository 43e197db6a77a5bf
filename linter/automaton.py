"""Aho–Corasick automata: many strings found in one pass over a text (ahocorasick-rs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")

# A DFA searches up to twice as fast as the default automaton but takes a few
# milliseconds to build: it is built once this much text has been searched.
DFA_AFTER = 200_000


class Automaton(Generic[V]):
    """Strings with a value each. ``find`` gives the leftmost-longest matches (no two
    overlap); an automaton built with ``overlapping=True`` gives every occurrence of every
    string through ``find_all`` instead."""

    __slots__ = ("_automaton", "_kind", "_read", "_strings", "_values")

    def __init__(self, items: Iterable[tuple[str, V]], *, overlapping: bool = False) -> None:
        pairs = dict(items)  # one value per string, the last given
        self._strings = list(pairs)
        self._values: list[V] = list(pairs.values())
        kind = ahocorasick_rs.MatchKind
        self._kind = kind.Standard if overlapping else kind.LeftmostLongest
        self._automaton = ahocorasick_rs.AhoCorasick(self._strings, matchkind=self._kind)
        self._read = 0

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of the leftmost-longest matches, in text order."""
        values = self._values
        found = self._searcher(text).find_matches_as_indexes(text)
        return [(s, e, values[i]) for i, s, e in found]

    def find_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """``(number, start, end)`` of every occurrence (an automaton built with
        ``overlapping=True``), ``number`` counting the strings as given: for callers
        that look most hits up in ``values`` themselves."""
        return self._searcher(text).find_matches_as_indexes(text, overlapping=True)

    @property
    def values(self) -> list[V]:
        return self._values

    def find_all(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of every occurrence, overlapping ones too (an automaton
        built with ``overlapping=True``)."""
        values = self._values
        return [(s, e, values[i]) for i, s, e in self.find_indexes(text)]

    def _searcher(self, text: str) -> ahocorasick_rs.AhoCorasick:
        if self._read < DFA_AFTER:
            self._read += len(text)
            if self._read >= DFA_AFTER:
                self._automaton = ahocorasick_rs.AhoCorasick(
                    self._strings,
                    matchkind=self._kind,
                    implementation=ahocorasick_rs.Implementation.DFA,
                )
        return self._automaton
