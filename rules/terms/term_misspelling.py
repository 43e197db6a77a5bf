from __future__ import annotations

from collections.abc import Iterator

from linter import Diagnostic, Document, Edit, Fix, Rule
from linter.wordlist import is_english
from rules.terms.index import (
    TermIndex,
    damerau,
    fold,
    max_distance,
    pack_matches,
    term_index,
)
from rules.terms.pack import accepted
from rules.terms.romanization import well_formed
from rules.terms.typo import plausible_typo


class TermMisspelling(Rule):
    """
    ## What it does
    Finds near misses of pack terms: a word or name one edit (two for long words) away
    from a term that is not itself an English word ("Juch" for "Juche", "Pyongyan",
    "Kim Jong Um", "Rodong Simnun"), the slips a pack lists, and a pack term run together
    with the word beside it ("ComradeKim Jong Unwho", "WPKand") — a defect of text copied
    from web pages. Near misses are found through a deletion index over the pack, and an
    English word list keeps real words from being reported.

    ## Why
    Spell checkers do not know "Juche" or "Pyongyang", so they either flag the right
    spelling or let the wrong one through. A misspelt name is invisible to searches of the
    archive.

    ## Example
    ```text
    In April of Juch 110 (2021) the conference was held in Pyongyan.
    ```

    ## Use instead
    ```text
    In April of Juche 110 (2021) the conference was held in Pyongyang.
    ```

    ## Fix safety
    Safe when exactly one term is within reach, or when the fix only inserts the missing
    space of a run-together; unsafe when several terms are equally near (the first is
    offered and the others are named in the message).

    ## Options
    None. `accept` in the config lists words that are never reported.
    """

    name = "term-misspelling"
    family = "terms"
    summary = "A near miss of a pack term, or a term run together with the next word."
    fixable = True

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        self._candidates: dict[str, list[tuple]] = {}

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = term_index(self.context)
        accept = accepted(self.context)
        prose = doc.prose
        seen: set[tuple[int, int]] = set()
        present: set[str] = set()
        for diagnostic in self._listed_and_glued(pack_matches(doc, index), prose, present):
            seen.add((diagnostic.start, diagnostic.end))
            yield diagnostic
        for diagnostic in self._near_misses(index, doc, accept, present):
            if (diagnostic.start, diagnostic.end) not in seen:
                seen.add((diagnostic.start, diagnostic.end))
                yield diagnostic

    def _listed_and_glued(
        self, matches: list, prose: str, present: set[str]
    ) -> Iterator[Diagnostic]:
        """Listed slips and run-togethers; fills ``present`` with the terms found intact."""
        for start, end, form in matches:
            surface = prose[start:end]
            left = start > 0 and prose[start - 1].isalpha()
            right = end < len(prose) and prose[end].isalpha()
            if not (left or right):
                if form.role in ("canonical", "variant"):
                    present.add(form.canonical)
                if form.role == "misspelling":
                    yield Diagnostic(
                        start,
                        end,
                        f"{surface!r} is a misspelling of {form.canonical!r}",
                        fix=Fix.replace(start, end, form.canonical),
                    )
                continue
            if surface != form.text or form.role not in ("canonical", "acronym"):
                continue
            glued = _glued(prose, start, end, left, right)
            if glued is not None:
                yield glued

    def _near_misses(
        self, index: TermIndex, doc: Document, accept: frozenset[str], present: set[str]
    ) -> Iterator[Diagnostic]:
        cache = self._candidates
        for run in doc.name_runs:
            candidates = cache.get(run.text)
            if candidates is None:
                candidates = cache[run.text] = _candidates(index, run.text, accept)
            if not candidates:
                continue
            tokens = run.text.split(" ")
            offsets = []
            pos = run.start
            for token in tokens:
                offsets.append(pos)
                pos += len(token) + 1
            for first, last, odd, canonical, right, distinctive in candidates:
                token = tokens[odd]
                if last - first == 1:
                    # A one-word term; ``right`` lists the nearest terms.
                    if not any(_evidence(token, c, present) for c in right) or is_english(token):
                        continue
                    message = f"{token!r} looks like a misspelling of {right[0]!r}"
                    if len(right) > 1:
                        message += f" (or {', '.join(repr(c) for c in right[1:])})"
                    start = offsets[odd]
                    yield Diagnostic(
                        start,
                        start + len(token),
                        message,
                        fix=Fix.replace(start, start + len(token), right[0], safe=len(right) == 1),
                    )
                    continue
                if not (distinctive or _evidence(token, right, present, canonical)):
                    continue
                start = offsets[first]
                end = offsets[last - 1] + len(tokens[last - 1])
                surface = " ".join(tokens[first:last])
                yield Diagnostic(
                    start,
                    end,
                    f"{surface!r} looks like a misspelling of {canonical!r}",
                    fix=Fix.replace(start, end, canonical),
                )


def _candidates(index: TermIndex, text: str, accept: frozenset[str]) -> list[tuple]:
    """Near misses in one run of capitalised words, before the document's evidence is
    weighed: ``(first, last, odd, canonical, right, distinctive)`` in token positions.
    Runs recur across documents, so the rule keeps these per run text."""
    folded = fold(text).split(" ")
    out: list[tuple] = []
    if any(key in index.anchors for key in folded):
        out.extend(_multi(index, folded, accept))
    for position, key in enumerate(folded):
        if len(key) < 4 or not key.isalpha() or key in index.known_tokens or key in accept:
            continue
        near = index.near_single(key)
        if near:
            best = tuple(c for d, c in near if d == near[0][0])
            out.append((position, position + 1, position, best[0], best, False))
    return out


def _multi(index: TermIndex, folded: list[str], accept: frozenset[str]) -> Iterator[tuple]:
    reported: set[tuple[int, int]] = set()
    for j, key in enumerate(folded):
        for words, position, canonical in index.anchors.get(key, ()):
            first = j - position
            last = first + len(words)
            if first < 0 or last > len(folded) or (first, last) in reported:
                continue
            odd = -1
            for k, word in enumerate(words):
                if folded[first + k] != word:
                    if odd >= 0:
                        odd = -2
                        break
                    odd = k
            if odd < 0:
                continue
            wrong, right = folded[first + odd], words[odd]
            if wrong in accept or (wrong in index.known_tokens and len(right) > 2):
                continue
            if damerau(wrong, right, max_distance(right)) > max_distance(right):
                continue
            distinctive = any(
                len(w) >= 4 and len(index.anchors.get(w, ())) == 1
                for i, w in enumerate(words)
                if i != odd
            )
            reported.add((first, last))
            yield (first, last, first + odd, canonical, right, distinctive)


LONG_TERM = 8


def _not_a_substitution(wrong: str, right: str) -> bool:
    return len(wrong) != len(right) or sorted(wrong) == sorted(right)


def _evidence(token: str, term: str, present: set[str], canonical: str | None = None) -> bool:
    """Whether a near miss of ``term`` is a slip rather than another real name.

    The change must look like a slip of the fingers (see ``plausible_typo``), and either
    the document writes the term correctly elsewhere, or the term is long and lost or
    gained a letter (a long name has few real names one edit away, and a changed letter is
    more often another name than a dropped one: "Pyongyan"), or the near miss keeps the
    term's first letter but is no longer built of romanized syllables ("Juch", "Roodng").
    """
    if not plausible_typo(fold(token), fold(term)):
        return False
    if (canonical or term) in present:
        return True
    wrong, right = fold(token), fold(term)
    if (
        len(right) >= LONG_TERM
        and damerau(wrong, right, 1) == 1
        and _not_a_substitution(wrong, right)
    ):
        return True
    return token[:1].lower() == term[:1].lower() and not well_formed(token)


# English words short and common enough to be run into a name by a scraper, and that a
# romanized syllable check alone would take for Korean ("on", "the").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "whom",
        "with",
    ]
)


def _joinable(word: str) -> bool:
    """Whether ``word`` run into a term is an English word and not a Korean suffix
    ("Hochongang" is the Hochon River, "Pyongyangon" is a slip)."""
    if len(word) < 2 or not is_english(word):
        return False
    return word.lower() in _FUNCTION_WORDS or not well_formed(word)


def _glued(prose: str, start: int, end: int, left: bool, right: bool) -> Diagnostic | None:
    """A term run together with English words on either side, or None."""
    before = start
    while left and before > 0 and prose[before - 1].isalpha():
        before -= 1
    after = end
    while right and after < len(prose) and prose[after].isalpha():
        after += 1
    term = prose[start:end]
    left_word, right_word = prose[before:start], prose[end:after]
    first, last = term.split(" ")[0], term.split(" ")[-1]
    if left and not (
        left_word[-1].islower()
        and prose[start].isupper()
        and _joinable(left_word)
        and not is_english(left_word + first)
    ):
        return None
    if right and not (
        right_word.islower() and _joinable(right_word) and not is_english(last + right_word)
    ):
        return None
    edits = [Edit(start, start, " ")] if left else []
    if right:
        edits.append(Edit(end, end, " "))
    whole = prose[before:after]
    return Diagnostic(
        before,
        after,
        f"{term!r} is run together with the word beside it in {whole!r}",
        fix=Fix(tuple(edits)),
    )
