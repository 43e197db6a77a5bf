from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from linter import Diagnostic, Document, Option, Related, Rule
from rules.terms.normalize import romanization_key, structural_key

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
        # Names recur across the files of a run: each spelling is keyed once.
        self._keys: dict[tuple[str, ...], tuple[str | None, tuple[int, ...]]] = {}

    def collect(self, doc: Document) -> Any:
        """Per key, per spelling (case folded): the spans where it stands."""
        table: dict[str, dict[str, list[tuple[int, int, tuple, str]]]] = {}
        taken = self._pack_spans(doc)
        taken_starts = [s for s, _ in taken]
        keys = self._keys
        limit = self.max_tokens
        for run in doc.name_runs:
            # The pack's spans that touch this run (they are sorted and do not overlap).
            first = max(bisect.bisect_right(taken_starts, run.start) - 1, 0)
            near = [
                span
                for span in taken[first : bisect.bisect_left(taken_starts, run.end)]
                if span[1] > run.start
            ]
            tokens = run.text.split(" ")
            count = len(tokens)
            starts = []
            pos = run.start
            for token in tokens:
                starts.append(pos)
                pos += len(token) + 1
            acronym = [len(t) > 1 and t.isupper() for t in tokens]
            for i in range(count):
                for j in range(i + 1, min(i + limit, count) + 1):
                    if acronym[j - 1]:
                        break
                    start, end = starts[i], starts[j - 1] + len(tokens[j - 1])
                    if near and _overlaps(near, start, end):
                        continue
                    window = tuple(tokens[i:j])
                    found = keys.get(window)
                    if found is None:
                        found = keys[window] = spelling_key(window)
                    key, bounds = found
                    if key is None:
                        continue
                    surface = run.text[start - run.start : end - run.start]
                    table.setdefault(key, {}).setdefault(surface.casefold(), []).append(
                        (start, end, bounds, surface)
                    )
        return table

    def _pack_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the pack's forms stand: names the pack knows are `term-variant`'s."""
        from rules.terms.index import pack_matches, term_index

        return [(start, end) for start, end, _ in pack_matches(doc, term_index(self.context))]

    def finish(self, collected: list[tuple[str, Any]]) -> Iterator[Diagnostic]:
        merged: dict[str, dict[str, list[tuple[str, int, int, tuple, str]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for path, table in collected:
            for key, spellings in table.items():
                for spelling, spans in spellings.items():
                    merged[key][spelling].extend((path, *span) for span in spans)
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for spellings in merged.values():
            if len(spellings) < 2:
                continue
            # Most frequent first; a tie goes to the spelling seen first.
            ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), min(kv[1])))
            _, places = ranked[0]
            if len(places) < self.opts["min-majority"]:
                continue
            first_path, first_start, first_end, major_bounds, majority = min(places)
            for _, spans in ranked[1:]:
                for path, start, end, bounds, surface in spans:
                    if not _compatible(bounds, major_bounds):
                        continue
                    found[path].append(
                        Diagnostic(
                            start,
                            end,
                            f"{surface!r} is spelt {majority!r} {len(places)} "
                            f"time{'s' if len(places) != 1 else ''} in this run",
                            related=Related(
                                f"first {majority!r}", first_start, first_end, first_path
                            ),
                            path=path,
                        )
                    )
        for path in sorted(found):
            yield from _outermost(found[path])


def spelling_key(words: tuple[str, ...]) -> tuple[str | None, tuple[int, ...]]:
    """The key two spellings of one name share, and where its words meet in the key
    (None for a key too short to compare).

    Romanized Korean names also fold their romanization, word by word, so that an
    equivalence never spans two syllables ("Se Ung" is not "Sung").
    """
    parts = [p for w in words for p in w.replace("’", "'").split("-") if p]
    syllabic = len(parts) > 1 and all(_SYLLABLE.match(p) for p in parts)
    keys = [romanization_key(p) if syllabic else structural_key(p) for p in parts]
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


def _compatible(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether one spelling only joins words the other separates ("Pyong Yang"/"Pyongyang"),
    rather than splitting them elsewhere ("Ri Myong"/"Rim Yong")."""
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _outermost(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drops findings inside a longer finding (a name and its parts)."""
    diagnostics.sort(key=lambda d: (d.start, -d.end))
    kept: list[Diagnostic] = []
    reach = -1
    for d in diagnostics:
        if d.end <= reach:
            continue
        kept.append(d)
        reach = max(reach, d.end)
    return kept
