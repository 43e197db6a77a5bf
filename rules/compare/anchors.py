"""Keys that a paragraph and its rendering share, for the aligner: the values of their
numbers, and the pack names they mention (김정은 in Korean, "Kim Jong Un" in English)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from linter import Document
from rules.compare.common import is_korean
from rules.compare.english import english_numbers
from rules.compare.hangul_glossary import glossary
from rules.compare.korean import korean_numbers
from rules.terms.index import fold, term_index


def alignment_anchors(context: Any, doc: Document) -> Callable[[str], frozenset[str]]:
    """The anchor function for the units of ``doc``."""
    if is_korean(doc):
        terms = glossary(context)

        def korean(text: str) -> frozenset[str]:
            keys = {"#" + value for m in korean_numbers(text) for value in m.values}
            for _, _, hangul in terms.find(text):
                keys.update("@" + name for name in terms.renderings(hangul)[2])
            return frozenset(keys)

        return _cached(korean)
    index = term_index(context)
    names = glossary(context).hangul_of

    def english(text: str) -> frozenset[str]:
        keys = {"#" + value for m in english_numbers(text) for value in m.values}
        for _, _, form in index.automaton.find(fold(text)):
            if form.canonical in names:
                keys.add("@" + form.canonical)
        return frozenset(keys)

    return _cached(english)


def _cached(function: Callable[[str], frozenset[str]]) -> Callable[[str], frozenset[str]]:
    """Units and their sentences recur (a one-sentence paragraph); each text is read once."""
    seen: dict[str, frozenset[str]] = {}

    def lookup(text: str) -> frozenset[str]:
        found = seen.get(text)
        if found is None:
            found = seen[text] = function(text)
        return found

    return lookup
