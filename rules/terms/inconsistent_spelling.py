from __future__ import annotations

import bisect
import re
from collections import defaultdict
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
        # Runs of names recur across the files of a run: each is split and keyed once.
        self._windows: dict[str, list[tuple]] = {}

    def collect(self, doc: Document) -> Any:
        """Per key, per spelling (case folded): its bounds, a surface, and its starts."""
        table: dict[str, dict[str, list]] = {}
        taken = self._pack_spans(doc)
        taken_starts = [s for s, _ in taken]
        cache = self._windows
        for run in doc.name_runs:
            windows = cache.get(run.text)
            if windows is None:
                windows = cache[run.text] = _windows(run.text, self.max_tokens)
            if not windows:
                continue
            # The pack's spans that touch this run (they are sorted and do not overlap).
            first = max(bisect.bisect_right(taken_starts, run.start) - 1, 0)
            near = [
                (s - run.start, e - run.start)
                for s, e in taken[first : bisect.bisect_left(taken_starts, run.end)]
                if e > run.start
            ]
            for start, end, key, bounds, folded, surface in windows:
                if near and _overlaps(near, start, end):
                    continue
                spellings = table.get(key)
                if spellings is None:
                    spellings = table[key] = {}
                entry = spellings.get(folded)
                if entry is None:
                    entry = spellings[folded] = [bounds, surface, []]
                entry[2].append(run.start + start)
        return table

    def _pack_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the pack's forms stand: names the pack knows are `term-variant`'s."""
        from rules.terms.index import pack_matches, term_index

        return [(start, end) for start, end, _ in pack_matches(doc, term_index(self.context))]

    def finish(self, collected: list[tuple[str, Any]]) -> Iterator[Diagnostic]:
        # key -> spelling -> [bounds, surface, count, [(path, starts), ...]]
        merged: dict[str, dict[str, list]] = {}
        for path, table in collected:
            for key, spellings in table.items():
                into = merged.get(key)
                if into is None:
                    into = merged[key] = {}
                for spelling, (bounds, surface, starts) in spellings.items():
                    entry = into.get(spelling)
                    if entry is None:
                        entry = into[spelling] = [bounds, surface, 0, []]
                    entry[2] += len(starts)
                    entry[3].append((path, starts))
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for spellings in merged.values():
            if len(spellings) < 2:
                continue
            # Most frequent first; a tie goes to the spelling seen first.
            ranked = sorted(spellings.values(), key=lambda e: (-e[2], min(e[3])))
            major_bounds, majority, count, places = ranked[0]
            if count < self.opts["min-majority"]:
                continue
            first_path, first_starts = min(places)
            first_start = first_starts[0]
            for bounds, surface, _, spans in ranked[1:]:
                if not _compatible(bounds, major_bounds):
                    continue
                for path, start in ((p, s) for p, starts in spans for s in starts):
                    found[path].append(
                        Diagnostic(
                            start,
                            start + len(surface),
                            f"{surface!r} is spelt {majority!r} {count} "
                            f"time{'s' if count != 1 else ''} in this run",
                            related=Related(
                                f"first {majority!r}",
                                first_start,
                                first_start + len(majority),
                                first_path,
                            ),
                            path=path,
                        )
                    )
        for path in sorted(found):
            yield from _outermost(found[path])


def _windows(text: str, limit: int) -> list[tuple]:
    """The word sequences (up to ``limit`` words) of one run of capitalised words, with
    their keys: ``(start, end, key, bounds, folded spelling, surface)``, offsets relative
    to the run. Acronyms break a sequence."""
    tokens = text.split(" ")
    offsets = []
    pos = 0
    for token in tokens:
        offsets.append(pos)
        pos += len(token) + 1
    syllable = [_name_syllables(t) for t in tokens]
    out = []
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + limit, len(tokens)) + 1):
            last = tokens[j - 1]
            if len(last) > 1 and last.isupper():
                break
            if j - i > 1 and not _whole_name(syllable, i, j):
                continue
            start, end = offsets[i], offsets[j - 1] + len(last)
            key, bounds = spelling_key(tuple(tokens[i:j]))
            if key is not None:
                surface = text[start:end]
                out.append((start, end, key, bounds, surface.casefold(), surface))
    return out


def spelling_key(words: tuple[str, ...]) -> tuple[str | None, tuple[int, ...]]:
    """The key two spellings of one name share, and where its words meet in the key
    (None for a key too short to compare).

    Romanized Korean names also fold their romanization, word by word, so that an
    equivalence never spans two syllables ("Se Ung" is not "Sung").
    """
    parts = [p for w in words for p in w.replace("’", "'").split("-") if p]
    syllabic = len(parts) > 1 and all(_part(p)[0] for p in parts)
    keys = [_part(p)[2 if syllabic else 1] for p in parts]
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
    prefix = f"~{len(parts)}~" if syllabic else ""
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
