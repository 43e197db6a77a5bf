"""Indexes over a pack, built once per run: an Aho–Corasick automaton of every form, and a
deletion index (SymSpell-style) for near misses, so that no rule ever compares every token
with every term."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from linter.packs import Pack
from linter.wordlist import is_english
from rules.terms.normalize import fold_marks

NAME_KINDS = frozenset({"person", "place", "org", "publication", "event", "title"})


@dataclass(frozen=True, slots=True)
class MultiTerm:
    """A name of several words, for near misses of one of its words."""

    words: tuple[str, ...]  # as the pack writes them
    keys: tuple[str, ...]  # folded by :func:`fold`
    canonical: str
    kind: str


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
    """Every longest match of a pack form in the document: ``(start, end, form)``, leftmost
    first and not overlapping.

    Terms match in any case, with breves and apostrophes folded; acronyms match in their
    own letter case only, so the "eu" of "theU.S." (EU, in another case) does not hide the
    "U.S." that starts one letter later.
    """

    def build() -> list[tuple[int, int, Form]]:
        matches = [
            (last + 1 - len(form.text), last + 1, form)
            for last, form in index.term_automaton.iter_long(folded_prose(doc))
        ]
        if index.acronym_automaton is None:
            return matches
        acronyms = [
            (last + 1 - len(form.text), last + 1, form)
            for last, form in index.acronym_automaton.iter_long(doc.prose)
        ]
        if not acronyms:
            return matches
        chosen = []
        reach = 0
        for match in sorted(matches + acronyms, key=lambda m: (m[0], -m[1])):
            if match[0] >= reach:
                chosen.append(match)
                reach = match[1]
        return chosen

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
        # One automaton of every form (folded), and the two that `pack_matches` reads: the
        # terms' forms folded, and the acronyms' forms in their own case.
        self.term_automaton = ahocorasick.Automaton()
        acronym_automaton = ahocorasick.Automaton()
        for key, form in forms.items():
            self.automaton.add_word(key, form)
            if form.kind == "acronym":
                acronym_automaton.add_word(form.text, form)
            else:
                self.term_automaton.add_word(key, form)
        self.automaton.make_automaton()
        self.term_automaton.make_automaton()
        self.acronym_automaton = None
        if len(acronym_automaton):
            acronym_automaton.make_automaton()
            self.acronym_automaton = acronym_automaton
        self.forms = forms

        # Near misses of one-word terms ("Juch" for "Juche", "Pyongyan" for "Pyongyang").
        self.single: dict[str, str] = {}
        self.deletions: dict[str, set[str]] = {}
        # Near misses inside names and terms of several words ("Kim Jong Um", "Rodong
        # Simnun", "Juche iidea"), anchored on the words that are spelt right.
        self.anchors: dict[str, list[tuple[MultiTerm, int]]] = {}
        known_tokens: set[str] = set()
        name_tokens: set[str] = set()
        multi: list[MultiTerm] = []
        for term in pack.terms:
            for text in (term.canonical, *term.variants):
                words = fold(text).replace("-", " ").split()
                known_tokens.update(words)
                if term.kind in NAME_KINDS:
                    name_tokens.update(words)
            words = term.canonical.split()
            if len(words) == 1:
                key = fold(term.canonical)
                if len(key) >= 4 and key.replace("-", "").isalpha():
                    self.single[key] = term.canonical
                    for deletion in _deletions(key, max_distance(key)):
                        self.deletions.setdefault(deletion, set()).add(key)
            else:
                keys = tuple(fold(w) for w in words)
                multi.append(MultiTerm(tuple(words), keys, term.canonical, term.kind))
        # How many names of several words each word belongs to. A window of text that
        # differs from a name in one word matches it in all the others, so each name is
        # anchored on two of its words only: the rarest in text, as far as the pack can
        # tell — short English words last ("In" of "Pak In Chol", "the"), then other
        # English words and names of their own ("Pyongyang"), then by the number of names
        # they belong to ("Workers'" and "Party", not "of").
        self.word_terms: dict[str, int] = {}
        for name in multi:
            for word in set(name.keys):
                self.word_terms[word] = self.word_terms.get(word, 0) + 1

        def commonness(word: str) -> tuple:
            english = is_english(word)
            return (
                english and len(word) <= 3,
                english or word in self.single,
                self.word_terms[word],
                -len(word),
            )

        for name in multi:
            positions = sorted(
                range(len(name.keys)), key=lambda i, name=name: (commonness(name.keys[i]), i)
            )
            for position in positions[:2]:
                self.anchors.setdefault(name.keys[position], []).append((name, position))
        # How far from an anchor the words of its names can reach (slips add a letter or
        # two; one more word on each side tells a longer name).
        self.anchor_reach = {
            word: max(len(name.canonical) for name, _ in names) + 16
            for word, names in self.anchors.items()
        }
        # The anchors as whole words of the folded prose with its non-word characters made
        # spaces (see ``term_misspelling``): " word ", " word's " and " word' ".
        self.anchor_automaton = None
        if self.anchors:
            self.anchor_automaton = ahocorasick.Automaton()
            for word in self.anchors:
                for key in (f" {word} ", f" {word}'s ", f" {word}' "):
                    self.anchor_automaton.add_word(key, (word, len(key)))
            self.anchor_automaton.make_automaton()

        self.known_tokens = frozenset(known_tokens)
        # Words of listed names: a near miss that is one of them may be another name.
        self.name_tokens = frozenset(name_tokens)
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
