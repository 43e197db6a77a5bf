from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from linter import Diagnostic, Document, Option, Related, Rule
from rules.terms.normalize import romanized, structural_key
from rules.terms.romanization import is_syllable

# A window's key and folded spelling; a key (of such a pair); a window's key.
_KEY_AND_SPELLING = itemgetter(2, 3)
_KEY = itemgetter(0)
_WINDOW_KEY = itemgetter(2)
_SYLLABLE = re.compile(r"^[A-ZŎŬ]?[a-zŏŭ'’]{0,5}$")


class InconsistentSpelling(Rule):
    """
    ## What it does
    Finds one name spelt two ways, without needing a list of names: capitalised words
    and runs of them ("Ri Pyong Chol", "Pyong-chol", "Pyongyang") are folded — case,
    hyphens, apostrophes, breves and spacing, and for romanized Korean names also the
    romanization equivalences eo/o, eu/u, ch/j, k/g, p/b, t/d and aspirate h — and
    where one key is written in more than one way, every occurrence of a less frequent
    spelling is reported with the most frequent one, its count and its first place. It
    works within a file and across all files of one run, so a check of a whole archive
    catches "Ri Pyong Chol" in one article and "Ri Pyong-chol" in another.

    ## Why
    An archive that spells a name two ways cannot be searched: readers and tools miss
    half of the articles about a person or a place. A pair list never covers every name;
    the spelling the archive uses most is the best evidence of its house style.

    ## Example
    ```text
    Ri Kwang Hyok inspected the site. Later Ri Kwang-hyok spoke.
    ```

    ## Use instead
    ```text
    Ri Kwang Hyok inspected the site. Later Ri Kwang Hyok spoke.
    ```

    ## Fix safety
    No fix is offered: which spelling is right is the desk's decision, and a less frequent
    spelling may be the correct one. Names the term pack knows are left to `term-variant`.

    ## Options
    `min-majority`: how many times the majority spelling must occur before a minority
    spelling is reported (default 1).
    """

    name = "inconsistent-spelling"
    family = "terms"
    summary = "One name spelt two ways in a file or across the files of a run."
    corpus = True
    options = {
        "min-majority": Option(int, 1, "occurrences the majority spelling needs"),
    }

    max_tokens = 4

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        # Runs of names and their words recur across the files of a run: each run is
        # split and keyed once, and each word read once.
        self._windows: dict[str, list[tuple]] = {}
        self._words: dict[str, tuple] = {}
        # The runs with pack forms on them, each kept once (most recur).
        self._touched: dict[tuple, tuple] = {}

    def collect(self, doc: Document) -> Any:
        """The document's runs of capitalised words: their starts, and per run its text,
        or its text and the spans of the pack forms that touch it, relative to the run
        (names the pack knows are `term-variant`'s, so windows on them are left out)."""
        starts, texts = doc.name_run_table
        if not starts:
            return starts, texts
        from rules.terms.index import pack_matches, term_index

        touched: dict[int, list[tuple[int, int]]] = {}
        after = bisect.bisect_right
        count = len(starts)
        for start, end, _ in pack_matches(doc, term_index(self.context)):
            i = after(starts, start) - 1
            if i < 0:
                i = 0
            while i < count:
                run_start = starts[i]
                if run_start >= end:
                    break
                if run_start + len(texts[i]) > start:
                    span = (start - run_start, end - run_start)
                    spans = touched.get(i)
                    if spans is None:
                        touched[i] = [span]
                    else:
                        spans.append(span)
                i += 1
        if not touched:
            return starts, texts
        runs: list[Any] = list(texts)
        known = self._touched
        for i, spans in touched.items():
            run = (texts[i], tuple(spans))
            runs[i] = known.setdefault(run, run)
        return starts, runs

    def windows(self, run: str | tuple) -> list[tuple]:
        """The windows of a run (see ``_windows``), without those that overlap a pack
        form when the run comes with the forms' spans."""
        windows = self._windows.get(run)
        if windows is None:
            if isinstance(run, tuple):
                text, spans = run
                windows = []
                for window in self.windows(text):
                    for start, end in spans:
                        if start < window[1] and window[0] < end:
                            break
                    else:
                        windows.append(window)
            else:
                windows = _windows(run, self.max_tokens, self._words)
            self._windows[run] = windows
        return windows

    def _bounds(self, surface: str, key: str) -> tuple[int, ...]:
        """Where the words of ``surface``, a spelling under ``key``, meet in the key."""
        parts = [
            part
            for token in surface.split(" ")
            for part in (self._words.get(token) or _word(token))[5 if key[0] == "~" else 4]
        ]
        return _joined(parts, False)[1]

    def finish(self, collected: list[tuple[str, Any]]) -> Iterator[Diagnostic]:
        # How often each run occurs (a run being its text, and the spans of the pack
        # forms on it).
        counts: Counter[Any] = Counter(chain.from_iterable(runs for _, (_, runs) in collected))
        windows_of = {run: self.windows(run) for run in counts}
        # The keys written more than one way: only their spellings are weighed.
        spellings = set(map(_KEY_AND_SPELLING, chain.from_iterable(windows_of.values())))
        compared = {key for key, ways in Counter(map(_KEY, spellings)).items() if ways > 1}
        if not compared:
            return
        weighed = {
            run: [w for w in windows if w[2] in compared]
            for run, windows in windows_of.items()
            if not compared.isdisjoint(map(_WINDOW_KEY, windows))
        }
        # Every place of the runs that hold such a spelling, in file order.
        places: dict[Any, list[tuple[str, int]]] = {run: [] for run in weighed}
        for path, (starts, runs) in collected:
            for run in places.keys() & set(runs):
                spots = places[run]
                spots += [(path, start) for r, start in zip(runs, starts) if r == run]
        # key -> spelling -> its figures
        merged: dict[str, dict[str, _Spelling]] = {}
        for run, windows in weighed.items():
            path, start = min(places[run])
            for offset, _, key, folded, surface in windows:
                spellings = merged.setdefault(key, {})
                entry = spellings.get(folded)
                place = (path, start + offset)
                if entry is None:
                    entry = spellings[folded] = _Spelling(surface, place)
                elif place < entry.first:
                    entry.first, entry.surface = place, surface
                entry.count += counts[run]
                entry.runs.append((run, offset))
        yield from self._report(merged, places)

    def _report(
        self, merged: dict[str, dict[str, _Spelling]], places: dict[Any, list[tuple[str, int]]]
    ) -> Iterator[Diagnostic]:
        """Every occurrence of a less frequent spelling, with the most frequent one."""
        minority: list[tuple[_Spelling, _Spelling]] = []
        for key, spellings in merged.items():
            # Most frequent first; a tie goes to the spelling seen first.
            ranked = sorted(spellings.values(), key=lambda e: (-e.count, e.first))
            major = ranked[0]
            if major.count < self.opts["min-majority"]:
                continue
            joins = self._bounds(major.surface, key)
            minority += [
                (e, major) for e in ranked[1:] if _compatible(self._bounds(e.surface, key), joins)
            ]
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for entry, major in minority:
            first_path, first_start = major.first
            count = major.count
            spots = [(p, s + offset) for run, offset in entry.runs for p, s in places[run]]
            for path, start in spots:
                found[path].append(
                    Diagnostic(
                        start,
                        start + len(entry.surface),
                        f"{entry.surface!r} is spelt {major.surface!r} {count} "
                        f"time{'s' if count != 1 else ''} in this run",
                        related=Related(
                            f"first {major.surface!r}",
                            first_start,
                            first_start + len(major.surface),
                            first_path,
                        ),
                        path=path,
                    )
                )
        for path in sorted(found):
            yield from _outermost(found[path])


class _Spelling:
    """One spelling of a key across the run: a surface (that of its first place), how
    often it occurs, its first place, and the runs it stands in (with its offset in
    them)."""

    __slots__ = ("count", "first", "runs", "surface")

    def __init__(self, surface: str, first: tuple[str, int]) -> None:
        self.surface = surface
        self.first = first
        self.count = 0
        self.runs: list[tuple[Any, int]] = []


def _windows(text: str, limit: int, known: dict[str, tuple]) -> list[tuple]:
    """The word sequences (up to ``limit`` words) of one run of capitalised words, with
    their keys: ``(start, end, key, folded spelling, surface)``, offsets relative to the
    run. Acronyms break a sequence. ``known`` keeps each word's reading (see ``_word``);
    the keys of a sequence grow word by word."""
    tokens = text.split(" ")
    words = []
    for token in tokens:
        word = known.get(token)
        if word is None:
            word = known[token] = _word(token)
        words.append(word)
    count = len(tokens)
    if count == 1:
        _, acronym, _, _, _, _, alone, end, _, _, folded, word = words[0]
        return [] if acronym or alone is None else [(0, end, alone, folded, word)]
    out = []
    start = 0
    for i, first in enumerate(words):
        if i:
            start += words[i - 1][7] + 1
        names, acronym, parts, syllables, _, _, alone, end, plain, romanized, folded, word = first
        if acronym:
            continue
        end += start
        if alone is not None:
            out.append((start, end, alone, folded, word))
        # Part of a longer run of name syllables: not a name ("Ryu Gyong" in "Kim Ryu
        # Gyong"), and not compared with a part of another.
        left = i and words[i - 1][0]
        for j in range(i + 1, min(i + limit, count)):
            name, acronym, size, syllabic, _, _, _, length, flat, romanized_word, _, _ = words[j]
            if acronym:
                break
            end += length + 1
            parts += size
            syllables = syllables and syllabic
            names = names and name
            plain += flat
            romanized += romanized_word
            if names and (left or (j + 1 < count and words[j + 1][0])):
                continue
            if parts > 1 and syllables:
                # Korean personal names keep one word per syllable, place names join
                # them: the two never meet under one key ("Ri Won" and "Riwon").
                if len(romanized) < 4:
                    continue
                key = f"~{parts}~{romanized}"
            elif len(plain) < 4:
                continue
            else:
                key = plain
            surface = text[start:end]
            out.append((start, end, key, surface.casefold(), surface))
    return out


def _word(token: str) -> tuple:
    """What the windows need of one word: whether it is name syllables (one syllable of a
    Korean name, or syllables joined by hyphens: "Kwang", "Kwang-chol"), whether it is an
    acronym (it breaks a sequence), how many parts it has and whether all look like
    romanized syllables (see ``_part``), its parts' plain and romanization keys, its key
    as a window of its own (None when too short to compare), its length, and its plain
    and romanization keys joined, the word with its case folded, and the word itself
    (one string for all the windows that are this word alone).

    Romanized Korean names fold their romanization part by part, so that an equivalence
    never spans two syllables ("Se Ung" is not "Sung").
    """
    plain: list[str] = []
    romanized: list[str] = []
    syllabic = names = True
    for piece in token.replace("’", "'").split("-"):
        if piece:
            looks, key, folded, syllable = _part(piece)
            syllabic = syllabic and looks
            names = names and syllable
            plain.append(key)
            romanized.append(folded)
        else:
            names = False
    count = len(plain)
    flat, folded = "".join(plain), "".join(romanized)
    both = count > 1 and syllabic
    alone = None
    if len(folded if both else flat) >= 4:
        alone = f"~{count}~{folded}" if both else flat
    return (
        names,
        len(token) > 1 and token.isupper(),
        count,
        syllabic,
        tuple(plain),
        tuple(romanized),
        alone,
        len(token),
        flat,
        folded,
        token.casefold(),
        token,
    )


def _joined(keys: list[str], syllabic: bool) -> tuple[str | None, tuple[int, ...]]:
    bounds = []
    total = 0
    for key in keys[:-1]:
        total += len(key)
        bounds.append(total)
    # Korean personal names keep one word per syllable, place names join them: the two
    # never meet under one key ("Ri Won", a person, and "Riwon", a county).
    joined = "".join(keys)
    if len(joined) < 4:
        return None, ()
    prefix = f"~{len(keys)}~" if syllabic else ""
    return prefix + joined, tuple(bounds)


@lru_cache(maxsize=65536)
def _part(part: str) -> tuple[bool, str, str, bool]:
    """Whether a word part looks like a romanized syllable, its two keys, and whether it
    is one syllable of a Korean name (see ``is_syllable``). A window reads the
    romanization key only when all its parts look like syllables, so other parts keep
    their plain key in its place."""
    plain = structural_key(part)
    if _SYLLABLE.match(part):
        return True, plain, romanized(plain), is_syllable(part)
    return False, plain, plain, is_syllable(part)


def _compatible(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether one spelling only joins words the other separates ("Pyong Yang"/"Pyongyang"),
    rather than splitting them elsewhere ("Ri Myong"/"Rim Yong")."""
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa


def _outermost(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drops findings that overlap an earlier or longer one (a name and its parts): one
    finding per place."""
    diagnostics.sort(key=lambda d: (d.start, -d.end))
    kept: list[Diagnostic] = []
    reach = -1
    for d in diagnostics:
        if d.start < reach:
            continue
        kept.append(d)
        reach = max(reach, d.end)
    return kept
