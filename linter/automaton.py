"""Aho–Corasick automata: many strings found in one pass over a text (ahocorasick-rs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")


class Automaton(Generic[V]):
    """Strings with a value each. ``find`` gives the leftmost-longest matches (no two
    overlap); an automaton built with ``overlapping=True`` gives every occurrence of every
    string through ``find_all`` instead."""

    __slots__ = ("_automaton", "_values")

    def __init__(self, items: Iterable[tuple[str, V]], *, overlapping: bool = False) -> None:
        pairs = dict(items)  # one value per string, the last given
        self._values: list[V] = list(pairs.values())
        kind = ahocorasick_rs.MatchKind
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(pairs), matchkind=kind.Standard if overlapping else kind.LeftmostLongest
        )

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of the leftmost-longest matches, in text order."""
        values = self._values
        return [(s, e, values[i]) for i, s, e in self._automaton.find_matches_as_indexes(text)]

    def find_all(self, text: str) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of every occurrence, overlapping ones too (an automaton
        built with ``overlapping=True``)."""
        values = self._values
        return [
            (s, e, values[i])
            for i, s, e in self._automaton.find_matches_as_indexes(text, overlapping=True)
        ]
