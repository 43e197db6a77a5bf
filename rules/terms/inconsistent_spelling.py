from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from linter import Diagnostic, Document, Option, Related, Rule
from rules.terms.normalize import romanization_key, structural_key
from rules.terms.romanization import is_syllable

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
        self._words: dict[Any, tuple] = {}

    def collect(self, doc: Document) -> Any:
        """The document's runs of capitalised words: their starts, and per run its text,
        or its text and the spans of the pack forms that touch it, relative to the run
        (names the pack knows are `term-variant`'s, so windows on them are left out)."""
        starts, texts = doc.name_run_table
        if not starts:
            return starts, texts
        from rules.terms.index import pack_matches, term_index

        runs: list[Any] = texts
        ends = len(starts)
        for start, end, _ in pack_matches(doc, term_index(self.context)):
            i = max(bisect.bisect_right(starts, start) - 1, 0)
            while i < ends and starts[i] < end:
                run_start = starts[i]
                text = runs[i]
                if isinstance(text, tuple):
                    text, spans = text
                else:
                    spans = ()
                if run_start + len(text) > start:
                    if runs is texts:
                        runs = list(texts)
                    runs[i] = (text, (*spans, (start - run_start, end - run_start)))
                i += 1
        return starts, runs

    def windows(self, run: str | tuple) -> list[tuple]:
        """The windows of a run (see ``_windows``), without those that overlap a pack
        form when the run comes with the forms' spans."""
        windows = self._windows.get(run)
        if windows is None:
            if isinstance(run, tuple):
                text, spans = run
                windows = [w for w in self.windows(text) if not _overlaps(spans, w[0], w[1])]
            else:
                windows = _windows(run, self.max_tokens, self._words)
            self._windows[run] = windows
        return windows

    def finish(self, collected: list[tuple[str, Any]]) -> Iterator[Diagnostic]:
        # How often each run occurs (a run being its text, and the spans of the pack
        # forms on it), and its first place.
        counts: Counter[Any] = Counter()
        first: dict[Any, tuple[str, int]] = {}
        for path, (starts, runs) in collected:
            counts.update(runs)
            # The first start of each run in this file (later ones are overwritten).
            for run, start in dict(zip(reversed(runs), reversed(starts))).items():
                seen = first.get(run)
                if seen is None or (path, start) < seen:
                    first[run] = (path, start)
        # key -> spelling -> its figures
        merged: dict[str, dict[str, _Spelling]] = {}
        for run, count in counts.items():
            windows = self.windows(run)
            if not windows:
                continue
            path, start = first[run]
            for window in windows:
                offset, _, key, bounds, folded, surface = window
                spellings = merged.get(key)
                if spellings is None:
                    spellings = merged[key] = {}
                entry = spellings.get(folded)
                place = (path, start + offset)
                if entry is None:
                    entry = spellings[folded] = _Spelling(bounds, surface, place)
                elif place < entry.first:
                    entry.first, entry.surface = place, surface
                entry.count += count
                entry.runs.append((run, offset))
        yield from self._report(merged, collected)

    def _report(
        self, merged: dict[str, dict[str, _Spelling]], collected: list[tuple[str, Any]]
    ) -> Iterator[Diagnostic]:
        """Every occurrence of a less frequent spelling, with the most frequent one."""
        minority: list[tuple[_Spelling, _Spelling]] = []
        for spellings in merged.values():
            if len(spellings) < 2:
                continue
            # Most frequent first; a tie goes to the spelling seen first.
            ranked = sorted(spellings.values(), key=lambda e: (-e.count, e.first))
            major = ranked[0]
            if major.count < self.opts["min-majority"]:
                continue
            minority += [(e, major) for e in ranked[1:] if _compatible(e.bounds, major.bounds)]
        if not minority:
            return
        # Where the minority spellings stand: every place of their runs.
        wanted: dict[Any, list[tuple[int, int]]] = {}
        for number, (entry, _) in enumerate(minority):
            for run, offset in entry.runs:
                wanted.setdefault(run, []).append((offset, number))
        places: list[list[tuple[str, int]]] = [[] for _ in minority]
        for path, (starts, runs) in collected:
            for run, start in zip(runs, starts):
                for offset, number in wanted.get(run, ()):
                    places[number].append((path, start + offset))
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for (entry, major), spots in zip(minority, places):
            first_path, first_start = major.first
            count = major.count
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
    """One spelling of a key across the run: where its words meet, a surface (that of
    its first place), how often it occurs, its first place, and the runs it stands in
    (with its offset in them)."""

    __slots__ = ("bounds", "count", "first", "runs", "surface")

    def __init__(self, bounds: tuple[int, ...], surface: str, first: tuple[str, int]) -> None:
        self.bounds = bounds
        self.surface = surface
        self.first = first
        self.count = 0
        self.runs: list[tuple[Any, int]] = []


def _windows(text: str, limit: int, known: dict[Any, tuple]) -> list[tuple]:
    """The word sequences (up to ``limit`` words) of one run of capitalised words, with
    their keys: ``(start, end, key, bounds, folded spelling, surface)``, offsets relative
    to the run. Acronyms break a sequence. ``known`` keeps each word's reading and each
    sequence's key."""
    tokens = text.split(" ")
    words = []
    for token in tokens:
        word = known.get(token)
        if word is None:
            word = known[token] = _word(token)
        words.append(word)
    if len(tokens) == 1:
        syllable, acronym, _, (key, bounds) = words[0]
        if acronym or key is None:
            return []
        return [(0, len(text), key, bounds, text.casefold(), text)]
    offsets = []
    pos = 0
    for token in tokens:
        offsets.append(pos)
        pos += len(token) + 1
    syllable = [word[0] for word in words]
    count = len(tokens)
    out = []
    for i in range(count):
        for j in range(i + 1, min(i + limit, count) + 1):
            word = words[j - 1]
            if word[1]:
                break
            if j - i == 1:
                key, bounds = word[3]
            elif _whole_name(syllable, i, j):
                # Sequences of words recur in other runs: each is keyed once.
                sequence = tuple(tokens[i:j])
                found = known.get(sequence)
                if found is None:
                    found = known[sequence] = _window_key(words[i:j])
                key, bounds = found
            else:
                continue
            if key is not None:
                start, end = offsets[i], offsets[j - 1] + len(tokens[j - 1])
                surface = text[start:end]
                out.append((start, end, key, bounds, surface.casefold(), surface))
    return out


def _word(token: str) -> tuple:
    """What the windows need of one word: whether it is name syllables, whether it is an
    acronym (it breaks a sequence), its parts' readings (see ``_part``), and its key as
    a window of its own."""
    parts = tuple(_part(p) for p in token.replace("’", "'").split("-") if p)
    word = (_name_syllables(token), len(token) > 1 and token.isupper(), parts)
    return (*word, _window_key([word]))


def _window_key(words: list[tuple]) -> tuple[str | None, tuple[int, ...]]:
    """The key two spellings of one name share, and where its words meet in the key
    (None for a key too short to compare), from the readings of the window's words.

    Romanized Korean names also fold their romanization, word by word, so that an
    equivalence never spans two syllables ("Se Ung" is not "Sung").
    """
    parts = [part for word in words for part in word[2]]
    syllabic = len(parts) > 1 and all(part[0] for part in parts)
    return _joined([part[2 if syllabic else 1] for part in parts], syllabic)


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
def _part(part: str) -> tuple[bool, str, str]:
    """Whether a word part looks like a romanized syllable, and its two keys."""
    return bool(_SYLLABLE.match(part)), structural_key(part), romanization_key(part)


def _name_syllables(token: str) -> bool:
    """Whether ``token`` is one syllable of a Korean name, or syllables joined by hyphens
    ("Kwang", "Kwang-chol")."""
    return all(is_syllable(part) for part in token.split("-"))


def _whole_name(syllable: list[bool], i: int, j: int) -> bool:
    """Whether tokens ``i`` to ``j`` are not part of a longer run of name syllables.

    Korean names are runs of syllables ("Kim Ryu Gyong"); a part of one ("Ryu Gyong") is
    not a name, and is not compared with a part of another ("Ryu Kyong" in "Ryu Kyong Su").
    """
    if not all(syllable[i:j]):
        return True
    return (i == 0 or not syllable[i - 1]) and (j == len(syllable) or not syllable[j])


def _compatible(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether one spelling only joins words the other separates ("Pyong Yang"/"Pyongyang"),
    rather than splitting them elsewhere ("Ri Myong"/"Rim Yong")."""
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


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
