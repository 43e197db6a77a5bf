from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from linter import Diagnostic, Document, Edit, Fix, Rule
from linter.wordlist import is_english
from rules.terms.index import (
    NAME_KINDS,
    TermIndex,
    damerau,
    fold,
    folded_prose,
    max_distance,
    pack_matches_each,
    spaced_words,
    term_index,
)
from rules.terms.pack import accepted
from rules.terms.romanization import is_syllable, well_formed
from rules.terms.typo import plausible_typo


class TermMisspelling(Rule):
    """
    ## What it does
    Finds near misses of pack terms: a word or name one edit (two for long words) away
    from a term that is not itself an English word ("Juch" for "Juche", "Pyongyan",
    "Kim Jong Um", "Rodong Simnun", "Workers' Paryt of Korea"), the slips a pack lists,
    and a pack term run together with the word beside it ("ComradeKim Jong Unwho",
    "WPKand", "Rodong SinmunWednesday") — a defect of text copied from web pages. Near
    misses are found through a deletion index over the pack, and an English word list
    keeps real words from being reported.

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
        self._seen: set[str] = set()  # the run texts read
        self._nearest: dict[str, tuple] = {}  # word -> the terms it may be a slip of
        self._slipped: set[str] = set()  # the words that may be slips
        self._flagged: set[str] = set()  # the run texts that hold one

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield from self.check_each([doc])[0]

    def check_each(self, docs: list[Document]) -> list[list[Diagnostic]]:
        # Three stages, each over all the documents: listed slips and run-togethers (the
        # pack's matches), names with a word spelt wrong (the hole automaton), near
        # misses of one-word terms (the deletion index and the word readings).
        index = term_index(self.context)
        accept = accepted(self.context)
        each = pack_matches_each(docs, index)
        present: list[set[str]] = [set() for _ in docs]
        found = [
            list(self._listed_and_glued(matches, doc.prose, names))
            for doc, matches, names in zip(docs, each, present)
        ]
        if index.holes is not None:
            spaced = [spaced_words(folded_prose(doc)) for doc in docs]
            hits = [index.holes.find_indexes(text) for text in spaced]
            for doc, matches, text, hit, diagnostics in zip(docs, each, spaced, hits, found):
                diagnostics += self._multi(index, doc, matches, accept, text, hit)
        runs = [doc.name_run_table for doc in docs]
        self._read_runs(index, runs, accept)
        for run_table, names, diagnostics in zip(runs, present, found):
            diagnostics += self._near_misses(run_table, names)
        return [_one_per_place(diagnostics) for diagnostics in found]

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
            if form.role not in ("canonical", "acronym") or surface[0] != form.text[0]:
                continue  # a word that ends in a term in small letters ("Sinuiju")
            glued = _glued(prose, start, end, left, right, form.role == "acronym")
            if glued is not None:
                yield glued

    def _read_runs(
        self, index: TermIndex, tables: list[tuple[list[int], list[str]]], accept: frozenset[str]
    ) -> None:
        """Reads the run texts of ``tables`` (``Document.name_run_table`` of each document)
        that no document of the run has brought yet: each new word once, for the terms it
        may be a slip of, and each new run text once, for whether it holds such a word. Most
        hold none, and set operations find the few that do."""
        new = set().union(*(texts for _, texts in tables))
        new -= self._seen
        if not new:
            return
        self._seen |= new
        nearest = self._nearest
        for word in set(" ".join(new).split(" ")).difference(nearest):
            if best := _nearest(index, word, accept):
                self._slipped.add(word)
            nearest[word] = best
        slipped = self._slipped
        if slipped:
            self._flagged.update(text for text in new if not slipped.isdisjoint(text.split(" ")))

    def _near_misses(
        self, run_table: tuple[list[int], list[str]], present: set[str]
    ) -> Iterator[Diagnostic]:
        """Near misses of one-word terms among the runs of capitalised words of a document
        (``Document.name_run_table``, read by ``_read_runs``)."""
        starts, texts = run_table
        flagged = self._flagged
        if flagged.isdisjoint(texts):
            return
        for pos, text in zip(starts, texts):
            if text not in flagged:
                continue
            tokens = text.split(" ")
            candidates = [
                (position, best)
                for position, token in enumerate(tokens)
                if (best := self._nearest[token])
            ]
            offsets = []
            for token in tokens:
                offsets.append(pos)
                pos += len(token) + 1
            for position, best in candidates:
                token = tokens[position]
                if not any(_evidence(token, c, present) for c in best):
                    continue
                message = f"{token!r} looks like a misspelling of {best[0]!r}"
                if len(best) > 1:
                    message += f" (or {', '.join(repr(c) for c in best[1:])})"
                start = offsets[position]
                yield Diagnostic(
                    start,
                    start + len(token),
                    message,
                    fix=Fix.replace(start, start + len(token), best[0], safe=len(best) == 1),
                )

    @staticmethod
    def _multi(
        index: TermIndex,
        doc: Document,
        matches: list,
        accept: frozenset[str],
        spaced: str,
        hits: list[tuple[int, int, int]],
    ) -> Iterator[Diagnostic]:
        """Names of several words with one word spelt wrong ("Kim Jong Um", "Workers' Paryt
        of Korea"), found through the hits of the hole automaton (see
        ``index._hole_automaton``) in the spaced words of the document: a hit names the
        open word, and only a near miss in it is weighed further."""
        folded = folded_prose(doc)
        prose = doc.prose
        starts = [start for start, _, _ in matches]

        def listed(position: int) -> tuple | None:
            """The pack match that covers ``position``, if any."""
            i = bisect.bisect_right(starts, position) - 1
            return matches[i] if i >= 0 and matches[i][1] > position else None

        find, rfind, startswith = spaced.find, spaced.rfind, spaced.startswith
        slips = index.hole_slips
        reported: set[tuple[int, int]] = set()
        values = index.holes.values
        for number, key_start, key_end in hits:
            before_key, after_key = values[number]
            if before_key:
                # " kim jong " + open word (+ the words after it).
                open_end = find(" ", key_end)
                token = spaced[key_end:open_end]
                known = slips[number]
                near = known.get(token)
                if near is None:
                    near = known[token] = _slips(index, before_key, token, accept)
                for _, after, closing, multi in near:
                    if after:
                        if not startswith(after, open_end):
                            continue
                        tail = open_end + len(after)
                        if _as_word(closing + spaced[tail : find(" ", tail)], closing) != closing:
                            continue
                    # A near miss in the open word: weigh the window word by word
                    # (spaced text is one character ahead of the prose).
                    yield from _weigh_window(
                        index, multi, key_start, prose, folded, listed, matches, accept, reported
                    )
            if after_key:
                # (the words before it +) open word + " jong un ".
                open_start = rfind(" ", 0, key_start) + 1
                token = spaced[open_start:key_start]
                known = slips[~number]
                near = known.get(token)
                if near is None:
                    near = known[token] = _slips(index, after_key, token, accept)
                for _, before, multi in near:
                    size = len(before)
                    if size and not startswith(before, open_start - size):
                        continue
                    begin = open_start - size if size else open_start - 1
                    yield from _weigh_window(
                        index, multi, begin, prose, folded, listed, matches, accept, reported
                    )


def _one_per_place(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One finding per place: a name's near miss and a near miss of one of its words are
    the same slip."""
    kept = []
    reach = -1
    for diagnostic in sorted(diagnostics, key=lambda d: (d.start, -d.end)):
        if diagnostic.start < reach:
            continue
        reach = diagnostic.end
        kept.append(diagnostic)
    return kept


def _slips(index: TermIndex, holes: tuple, token: str, accept: frozenset[str]) -> tuple:
    """The holes (see ``index._hole_automaton``) whose open word ``token`` may be a slip
    of: not the word itself, within reach of it, and not a word the user accepts. A key
    and the word after or before it recur, so the rule keeps these per run."""
    if not token[:1].isalpha():
        return ()
    out = []
    for hole in holes:
        right = hole[0]
        wrong = _as_word(token, right)
        if wrong != right and wrong not in accept and index.near_word(wrong, right):
            out.append(hole)
    return tuple(out)


def _weigh_window(
    index: TermIndex,
    multi: Any,
    begin: int,
    prose: str,
    folded: str,
    listed: Any,
    matches: list,
    accept: frozenset[str],
    reported: set[tuple[int, int]],
) -> Iterator[Diagnostic]:
    """The finding for the window of ``multi`` that starts at ``begin``, if its words are
    the name's but one, that one is a slip, and no listed form covers it."""
    tokens = _tokens_around(folded, begin, len(multi.canonical) + 16)
    first = next((i for i, (start, _) in enumerate(tokens) if start == begin), None)
    if first is None or first + len(multi.keys) > len(tokens):
        return
    last = first + len(multi.keys)
    cover = listed(begin)
    if cover is not None and tokens[last - 1][1] <= cover[1]:
        return  # the words are a listed form (a variant, another name)
    if any(
        form.canonical == multi.canonical
        and start < tokens[last - 1][1]
        and begin < end
        and _whole(folded, start, end)
        for start, end, form in matches
    ):
        return  # a listed form of this very name, a whole word, overlaps the window
    window = _window(prose, folded, tokens, first, multi)
    if window is None:
        return
    odd, end = window
    if (begin, end) in reported:
        return
    surface = prose[tokens[first + odd][0] : tokens[first + odd][1]]
    wrong = _as_word(fold(surface), multi.keys[odd])
    if wrong in accept or not _multi_evidence(
        index, multi, odd, surface, wrong, prose, tokens, first
    ):
        return
    reported.add((begin, end))
    yield Diagnostic(
        begin,
        end,
        f"{prose[begin:end]!r} looks like a misspelling of {multi.canonical!r}",
        fix=Fix.replace(begin, end, multi.canonical),
    )


def _nearest(index: TermIndex, word: str, accept: frozenset[str]) -> tuple:
    """The one-word terms nearest to ``word``, a capitalised word that is neither a pack
    word nor an English word (a real word is never reported); empty when none is near."""
    key = fold(word)
    if len(key) < 4 or key in index.known_tokens or key in index.forms or key in accept:
        return ()
    if not key.replace("-", "").isalpha() or key[0] == "-" or key[-1] == "-":
        return ()
    if is_english(word):
        return ()
    near = index.near_single(key)
    return tuple(c for d, c in near if d == near[0][0]) if near else ()


# A word of the folded prose (lower case, breves dropped, apostrophes straight): a
# letter, then letters, digits, apostrophes and hyphens.
_TOKEN = re.compile(r"[a-z][a-z0-9'-]*")


def _whole(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word ("Kim Jong Un" in "Kim Jong
    Unn" is)."""
    return not (start > 0 and text[start - 1].isalpha()) and not (
        end < len(text) and text[end].isalpha()
    )


def _tokens_around(folded: str, position: int, reach: int) -> list[tuple[int, int]]:
    """The spans of the words within ``reach`` characters of ``position``, and of the words
    that those characters cut."""
    low = max(0, position - reach)
    while low > 0 and folded[low - 1] not in _BREAKS:
        low -= 1
    high = min(len(folded), position + reach)
    while high < len(folded) and folded[high] not in _BREAKS:
        high += 1
    return [m.span() for m in _TOKEN.finditer(folded, low, high)]


_BREAKS = frozenset(" \t\n\r")


def _bare(key: str) -> str:
    """A folded token without a possessive or a closing quote: "korea's" → "korea"."""
    if key.endswith("'s"):
        return key[:-2]
    return key.rstrip("'-")


def _as_word(key: str, word: str) -> str:
    """A folded token as it compares with the pack's ``word``: without a possessive or a
    closing quote that the word does not have ("korea's", "un'"); an apostrophe of a word
    that has one stays, slip or not ("people'" for "people's")."""
    if key == word:
        return key
    if key.endswith("'s") and not word.endswith("'s"):
        return key[:-2]
    if "'" not in word:
        key = key.rstrip("'")
    return key.rstrip("-")


def _window(
    prose: str, folded: str, tokens: list[tuple[int, int]], first: int, multi: Any
) -> tuple[int, int] | None:
    """Where the tokens from ``first`` differ from ``multi`` in exactly one word: that
    word's position and the end of the window, or None.

    The words must stand one space apart, and words the pack capitalises must be
    capitalised ("the academy of defence science" is a phrase, not a name).
    """
    odd = -1
    key = ""
    for i, (word, right) in enumerate(zip(multi.words, multi.keys)):
        start, end = tokens[first + i]
        if i and prose[tokens[first + i - 1][1] : start] != " ":
            return None
        key = _as_word(folded[start:end], right)
        if key == right and (not word[0].isupper() or prose[start].isupper()):
            continue
        if odd >= 0:
            return None
        odd = i
    if odd < 0:
        return None
    return odd, tokens[first + len(multi.keys) - 1][0] + len(key)


def _multi_evidence(
    index: TermIndex,
    multi: Any,
    odd: int,
    surface: str,
    wrong: str,
    prose: str,
    tokens: list[tuple[int, int]],
    first: int,
) -> bool:
    """Whether one word off in a name of several words is a slip rather than another name.

    The odd word must be within reach of the pack's word and not a word of another listed
    name ("Kim Jong Sun" is not "Kim Jong Un", "Choe Hyo Il" is not "Choe Hyon"); in a
    term that is not a name, it must not be an English word ("Juche ideas"). Then any
    of: the word has lost the capital the pack gives it or gained one inside ("Kim Jong
    nU", "Kim oYng Bok"); another word of the name belongs to this name alone
    ("Workers'"); in a person's name, a word of one syllable is no longer one ("Kiim Jong
    Un", "Kim Tok Huun": KCNA writes one syllable per word of a Korean name); or the
    change is a slip of the fingers (see ``plausible_typo``: "Workers' Party of Kirea",
    "Minmu Joson", "Kim Jong Yn"). The other words of the name must be spelt right, so
    another name would have to share all but one syllable with a listed one and differ
    in that one by a neighbouring key; in the KCNA 2024 sample no name does once the
    syllables of listed names are set aside.
    """
    right = multi.keys[odd]
    if wrong in index.name_tokens and len(right) > 2:
        return False
    limit = max_distance(right)
    if not 0 < damerau(wrong, right, limit) <= limit:
        return False
    word = multi.words[odd]
    written = surface[: len(wrong)]
    if multi.kind not in NAME_KINDS and is_english(written):
        return False
    if word[0].isupper() and (not written[0].isupper() or any(c.isupper() for c in written[1:])):
        return True
    if any(len(w) >= 4 and index.word_terms[w] == 1 for i, w in enumerate(multi.keys) if i != odd):
        return True
    if multi.kind == "person":
        if _longer_name(prose, tokens, first, len(multi.keys)):
            return False
        if is_syllable(word) and not is_syllable(written):
            return True
    return plausible_typo(wrong, right)


def _longer_name(prose: str, tokens: list[tuple[int, int]], first: int, count: int) -> bool:
    """Whether a syllable of a name stands right before or after the window ("Choe Hyo Il"
    is a name of its own, not "Choe Hyon" misspelt)."""
    last = first + count - 1
    for inner, outer in ((first, first - 1), (last, last + 1)):
        if not 0 <= outer < len(tokens):
            continue
        left, right = sorted((inner, outer))
        if prose[tokens[left][1] : tokens[right][0]] != " ":
            continue
        token = prose[tokens[outer][0] : tokens[outer][1]]
        if token[0].isupper() and not any(c.isupper() for c in token[1:]) and is_syllable(token):
            return True
    return False


LONG_TERM = 8


def _not_a_substitution(wrong: str, right: str) -> bool:
    return len(wrong) != len(right) or sorted(wrong) == sorted(right)


def _evidence(token: str, term: str, present: set[str]) -> bool:
    """Whether a near miss of ``term`` is a slip rather than another real name.

    The change must look like a slip of the fingers (see ``plausible_typo``), and either
    the document writes the term correctly elsewhere, or the term is long and lost or
    gained a letter (a long name has few real names one edit away, and a changed letter is
    more often another name than a dropped one: "Pyongyan", but "Jangbang" is a farm and
    "Ryongyang" a mine beside "Janggang" and "Ryonggang"), or the near miss keeps the
    term's first letter but is no longer built of romanized syllables ("Juch", "Roodng",
    "Puusan").
    """
    if not plausible_typo(fold(token), fold(term)):
        return False
    if term in present:
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


# English suffixes that make a word of a name ("Songunism", "Pyongyangites"): word
# formation, not two words run together.
_SUFFIXES = frozenset(
    ["er", "ers", "ese", "ian", "ians", "ic", "ism", "ist", "ists", "ite", "ites"]
)


def _english_word(word: str) -> bool:
    return (len(word) >= 2 or word.lower() in _FUNCTION_WORDS) and is_english(word)


def _glued_left(left_word: str, term: str) -> bool:
    """Whether the word before a term is run into it: where a small letter meets the
    term's capital ("ComradeKim", "theWPK"), or a word in capitals meets a capitalised
    term ("HEKim Jong Un"). A small letter before a term's small letter is a word that
    ends in the term ("Sinuiju")."""
    if not term[0].isupper():
        return False
    if left_word[-1].islower():
        first = term.split(" ")[0]
        return (len(left_word) >= 2 or left_word.lower() in _FUNCTION_WORDS) and not (
            is_english(left_word + first)
        )
    return len(left_word) >= 2 and left_word.isupper() and term[1:2].islower()


def _glued_right(term: str, right_word: str, acronym: bool) -> bool:
    """Whether the word after a term is run into it.

    A capital after a small letter or a dot ("Rodong SinmunWednesday", "U.S.Department"),
    or a capitalised word after an acronym ("DPRKMen's"), always is. A small word is when
    it is an English word, unless it makes a word with the term: an English suffix
    ("Songunism"), an English compound ("Pothong Riverside"), or a syllable after a
    one-word Korean name, which may be part of a longer name ("Hochongang" is the Hochon
    River; "Kaesongon" and "Jucheidea" are slips).
    """
    words = term.split(" ")
    last = words[-1]
    if right_word[0].isupper():
        if len(right_word) < 2:
            return False
        if term[-1].islower() or term[-1] == ".":
            return True
        return acronym and right_word[1:].islower()
    if not right_word.islower() or right_word in _SUFFIXES or not _english_word(right_word):
        return False
    if is_english(last + right_word) and (
        len(words) == 1 or (is_english(last) and not is_syllable(last))
    ):
        return False
    if acronym or len(words) > 1 or not well_formed(last):
        return True
    return right_word in _FUNCTION_WORDS or not is_syllable(right_word)


def _glued(
    prose: str, start: int, end: int, left: bool, right: bool, acronym: bool
) -> Diagnostic | None:
    """A term run together with words on either side, or None."""
    before = start
    while left and before > 0 and prose[before - 1].isalpha():
        before -= 1
    after = end
    while right and after < len(prose) and prose[after].isalpha():
        after += 1
    term = prose[start:end]
    if left and not _glued_left(prose[before:start], term):
        return None
    if right and not _glued_right(term, prose[end:after], acronym):
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
