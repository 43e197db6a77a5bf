"""Indexes over a pack, built once per run: an Aho–Corasick automaton of every form, and a
deletion index (SymSpell-style) for near misses, so that no rule ever compares every token
with every term."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from operator import itemgetter, le
from typing import Any

from linter.automaton import Automaton
from linter.charclass import ByteClasses
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


_START, _END = itemgetter(0), itemgetter(1)


def pack_matches(doc: Any, index: TermIndex) -> list[tuple[int, int, Form]]:
    """Every longest match of a pack form in the document: ``(start, end, form)``, leftmost
    first and not overlapping.

    Terms match in any case, with breves and apostrophes folded; acronyms match in their
    own letter case only, so the "eu" of "theU.S." (EU, in another case) does not hide the
    "U.S." that starts one letter later.
    """
    return doc.memo(
        "pack-matches",
        lambda: _merged(index.term_automaton.find(folded_prose(doc)), _acronyms(doc, index)),
    )


def pack_matches_each(docs: list[Any], index: TermIndex) -> list[list[tuple[int, int, Form]]]:
    """:func:`pack_matches` of each document, made in stages over all of them (the folded
    copies, then the terms' automaton, then the acronyms'), so that each automaton stays
    in the processor's caches."""
    todo = [doc for doc in docs if not doc.has_memo("pack-matches")]
    if todo:
        folded = [folded_prose(doc) for doc in todo]
        terms = [index.term_automaton.find(text) for text in folded]
        acronyms = [_acronyms(doc, index) for doc in todo]
        for doc, found, more in zip(todo, terms, acronyms, strict=True):
            doc.memo("pack-matches", lambda found=found, more=more: _merged(found, more))
    return [pack_matches(doc, index) for doc in docs]


def _acronyms(doc: Any, index: TermIndex) -> list[tuple[int, int, Form]]:
    automaton = index.acronym_automaton
    return automaton.find(doc.prose) if len(automaton) else []


def _merged(matches: list[tuple[int, int, Form]], acronyms: list[tuple[int, int, Form]]) -> list:
    """The terms' matches and the acronyms', leftmost first, the longest first where two
    start together (two stable sorts on C keys), then each match that starts after the
    last one chosen."""
    if not acronyms:
        return matches
    merged = matches + acronyms
    merged.sort(key=_END, reverse=True)
    merged.sort(key=_START)
    if all(map(le, map(_END, merged), map(_START, islice(merged, 1, None)))):
        return merged  # no two overlap (the most common case): all are chosen
    chosen = []
    reach = 0
    for match in merged:
        if match[0] >= reach:
            chosen.append(match)
            reach = match[1]
    return chosen


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b``, or ``limit + 1`` past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:
        return _within_one(a, b)
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


def _within_one(a: str, b: str) -> int:
    """:func:`damerau` with a limit of 1, without the table: past the common start, one
    string must go on as the other does after one letter changed, added, dropped, or two
    letters swapped."""
    if a == b:
        return 0
    i = 0
    shorter = min(len(a), len(b))
    while i < shorter and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return 1
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return 1 if swapped and a[i + 2 :] == b[i + 2 :] else 2
    if len(a) > len(b):
        return 1 if a[i + 1 :] == b[i:] else 2
    return 1 if a[i:] == b[i + 1 :] else 2


def max_distance(word: str) -> int:
    return 2 if len(word) >= 10 else 1


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` letters (1 or 2) left out. Two letters are left out
    as a pair of places, each pair once, rather than one letter of each one-letter
    deletion."""
    size = len(word)
    out = {word[:i] + word[i + 1 :] for i in range(size)}
    out.add(word)
    if depth > 1:
        out.update(
            [
                word[:i] + word[i + 1 : j] + word[j + 1 :]
                for i in range(size)
                for j in range(i + 1, size)
            ]
        )
    return out


class TermIndex:
    def __init__(self, pack: Pack) -> None:
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
        self.automaton = Automaton(forms.items())
        self.term_automaton = Automaton((k, f) for k, f in forms.items() if f.kind != "acronym")
        self.acronym_automaton = Automaton(
            (f.text, f) for f in forms.values() if f.kind == "acronym"
        )
        self.forms = forms

        # Near misses of one-word terms ("Juch" for "Juche", "Pyongyan" for "Pyongyang").
        self.single: dict[str, str] = {}
        self.deletions: dict[str, set[str]] = {}
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
        # How many names of several words each word belongs to ("Workers'" one, "of" many).
        self.word_terms: dict[str, int] = {}
        for name in multi:
            for word in set(name.keys):
                self.word_terms[word] = self.word_terms.get(word, 0) + 1
        self.holes = _hole_automaton(multi)

        # The lengths a token may have to be within 1 or 2 edits of a one-word term.
        lengths = {len(key) for key in self.single}
        self.single_reach = {
            limit: frozenset(n + d for n in lengths for d in range(-limit, limit + 1))
            for limit in (1, 2)
        }
        self.known_tokens = frozenset(known_tokens)
        # Words of listed names: a near miss that is one of them may be another name.
        self.name_tokens = frozenset(name_tokens)
        # Tokens recur across the documents of a run; their near misses are looked up once.
        self._near_cache: dict[str, list[tuple[int, str]]] = {}
        self._near_word_cache: dict[tuple[str, str], bool] = {}
        # The holes an open word may be a slip of, per word, for each key's holes before
        # the word (at the key's number) and after it (at ``~number``): see term-misspelling.
        keys = len(self.holes) if self.holes is not None else 0
        self.hole_slips: list[dict[str, tuple]] = [{} for _ in range(2 * keys)]
        self.known_forms = frozenset(f.text for f in forms.values())

    def near_word(self, wrong: str, right: str) -> bool:
        """Whether ``wrong`` may be a slip of ``right``, a word of a name of several words:
        within reach of it, and not a word of another listed name (unless ``right`` is a
        syllable of two letters, which other names share)."""
        key = (wrong, right)
        try:
            return self._near_word_cache[key]
        except KeyError:
            limit = max_distance(right)
            found = self._near_word_cache[key] = (
                not (wrong in self.name_tokens and len(right) > 2)
                and 0 < damerau(wrong, right, limit) <= limit
            )
            return found

    def near_single(self, token: str) -> list[tuple[int, str]]:
        """One-word terms within reach of ``token`` (folded): ``(distance, canonical)``."""
        try:
            return self._near_cache[token]
        except KeyError:
            found = self._near_cache[token] = self._near_single(token)
            return found

    def _near_single(self, token: str) -> list[tuple[int, str]]:
        limit = max_distance(token)
        if len(token) not in self.single_reach[limit]:
            return []  # no term is that long: no edit within reach makes one
        keys: set[str] = set()
        # The token's deletions that are also a term's: one set operation, not a lookup
        # per deletion.
        for deletion in self.deletions.keys() & _deletions(token, limit):
            keys |= self.deletions[deletion]
        found = []
        for key in keys:
            distance = damerau(token, key, limit)
            if 0 < distance <= limit:
                found.append((distance, self.single[key]))
        return sorted(found)


# Characters that end a word of the folded prose: everything but letters, digits,
# apostrophes and hyphens becomes a space in spaced text.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'-")
_SPACED = ByteClasses("spaced-words", lambda char: char if char in _WORD_CHARS else " ")


def spaced_words(folded: str) -> str:
    """The folded prose with every character that is not part of a word made a space,
    and a space added at both ends, so that " word " finds a whole word (offsets are one
    more than in the prose)."""
    return f" {_SPACED(folded).decode()} "


def _weight(words: tuple[str, ...]) -> float:
    """How rare a run of words is in text, as far as the pack can tell: short English
    words count for nothing, other English words for less than names."""
    return sum(
        len(word) * (0.6 if english else 1.0)
        for word in words
        if not ((english := is_english(word)) and len(word) <= 3)
    )


def _hole_automaton(multi: list[MultiTerm]) -> Any:
    """An automaton of every name of several words with one word left open.

    A name with one word spelt wrong ("Kim Jong Um", "Workers' Party of Kirea") keeps
    the others, so for each word of each name the words on one side of it are a key:
    the side rarer in text, as whole words of spaced text (" kim jong " for the last
    word of "Kim Jong Un"; " party of korea " for the first of "Workers' Party of
    Korea", also before a possessive or a closing quote). A hit pins down the name and
    the open word; the rule then reads that word and the other side.

    A key's value is two tuples: the holes whose key comes before the open word,
    ``(open word, words after it, last word, name)``, and those whose key comes after
    it, ``(open word, words before it, name)``; the words as in spaced text (" w3 w4",
    " w0 w1 ", or "").
    """
    keys: dict[str, tuple[list, list]] = {}
    for name in multi:
        words = name.keys
        for position, right in enumerate(words):
            before, after = words[:position], words[position + 1 :]
            before_text = f" {' '.join(before)} " if before else ""
            after_text = f" {' '.join(after)}" if after else ""
            if before and (not after or _weight(before) >= _weight(after)):
                hole = (right, after_text, words[-1], name)
                keys.setdefault(before_text, ([], []))[0].append(hole)
                continue
            for key in (f"{after_text} ", f"{after_text}'s ", f"{after_text}' "):
                keys.setdefault(key, ([], []))[1].append((right, before_text, name))
    if not keys:
        return None
    return Automaton(
        ((key, (tuple(p), tuple(s))) for key, (p, s) in keys.items()), overlapping=True
    )


def term_index(context: Any) -> TermIndex:
    """The run's index, built on first use (every document asks for it)."""
    try:
        return context.cache["term-index"]
    except KeyError:
        from rules.terms.pack import run_pack

        return context.shared("term-index", lambda: TermIndex(run_pack(context)))
