"""Indexes over a pack, built once per run: an Aho–Corasick automaton of every form, and a
deletion index (SymSpell-style) for near misses, so that no rule ever compares every token
with every term."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from linter.packs import Pack
from rules.terms.normalize import fold_marks

NAME_KINDS = frozenset({"person", "place", "org", "publication", "event", "title"})


@dataclass(frozen=True, slots=True)
class Form:
    """One spelling in the automaton and what it stands for."""

    text: str
    role: str  # "canonical" | "variant" | "misspelling" | "acronym" | "acronym-variant"
    canonical: str
    kind: str


def fold(text: str) -> str:
    """Lower case, breves dropped, apostrophes straight — always the same length."""
    folded = fold_marks(text).lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c) == 1 else o for o, c in zip(text, map(str.lower, text)))


def folded_prose(doc: Any) -> str:
    """The document's prose folded by :func:`fold`, computed once per document."""
    return doc.memo("folded-prose", lambda: fold(doc.prose))


def pack_matches(doc: Any, index: TermIndex) -> list[tuple[int, int, Form]]:
    """Every longest match of a pack form in the document: ``(start, end, form)``."""

    def build() -> list[tuple[int, int, Form]]:
        return [
            (last + 1 - len(form.text), last + 1, form)
            for last, form in index.automaton.iter_long(folded_prose(doc))
        ]

    return doc.memo("pack-matches", build)


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b``, or ``limit + 1`` past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def max_distance(word: str) -> int:
    return 2 if len(word) >= 10 else 1


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class TermIndex:
    def __init__(self, pack: Pack) -> None:
        self.automaton = ahocorasick.Automaton()
        forms: dict[str, Form] = {}

        def add(text: str, role: str, canonical: str, kind: str) -> None:
            key = fold(text)
            # Packs forbid two entries sharing a form; an acronym may still equal a term
            # form in another case ("Koryo"/"KORYO" never occurs), first one wins.
            forms.setdefault(key, Form(text, role, canonical, kind))

        for term in pack.terms:
            add(term.canonical, "canonical", term.canonical, term.kind)
            for variant in term.variants:
                add(variant, "variant", term.canonical, term.kind)
            for slip in term.misspellings:
                add(slip, "misspelling", term.canonical, term.kind)
        for acronym in pack.acronyms:
            add(acronym.acronym, "acronym", acronym.acronym, "acronym")
            for variant in acronym.variants:
                add(variant, "acronym-variant", acronym.acronym, "acronym")
        for key, form in forms.items():
            self.automaton.add_word(key, form)
        self.automaton.make_automaton()
        self.forms = forms

        # Near misses of one-word terms ("Juch" for "Juche", "Pyongyan" for "Pyongyang").
        self.single: dict[str, str] = {}
        self.deletions: dict[str, set[str]] = {}
        # Near misses inside multi-word names ("Kim Jong Um", "Rodong Simnun"), anchored on
        # the words that are spelt right.
        self.anchors: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        known_tokens: set[str] = set()
        for term in pack.terms:
            for text in (term.canonical, *term.variants):
                known_tokens.update(fold(text).replace("-", " ").split())
            words = term.canonical.split()
            if len(words) == 1:
                key = fold(term.canonical)
                if len(key) >= 4 and key.isalpha():
                    self.single[key] = term.canonical
                    for deletion in _deletions(key, max_distance(key)):
                        self.deletions.setdefault(deletion, set()).add(key)
            elif term.kind in NAME_KINDS:
                folded = tuple(fold(w) for w in words)
                for position, word in enumerate(folded):
                    self.anchors.setdefault(word, []).append((folded, position, term.canonical))
        self.known_tokens = frozenset(known_tokens)
        # Tokens recur across the documents of a run; their near misses are looked up once.
        self._near_cache: dict[str, list[tuple[int, str]]] = {}
        self.known_forms = frozenset(f.text for f in forms.values())

    def near_single(self, token: str) -> list[tuple[int, str]]:
        """One-word terms within reach of ``token`` (folded): ``(distance, canonical)``."""
        try:
            return self._near_cache[token]
        except KeyError:
            found = self._near_cache[token] = self._near_single(token)
            return found

    def _near_single(self, token: str) -> list[tuple[int, str]]:
        limit = max_distance(token)
        keys: set[str] = set()
        for deletion in _deletions(token, limit):
            keys |= self.deletions.get(deletion, set())
        found = []
        for key in keys:
            distance = damerau(token, key, limit)
            if 0 < distance <= limit:
                found.append((distance, self.single[key]))
        return sorted(found)


def term_index(context: Any) -> TermIndex:
    from rules.terms.pack import run_pack

    return context.shared("term-index", lambda: TermIndex(run_pack(context)))
