from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Span
from linter.rule import PairRule
from rules.terms.index import damerau, pack_matches, term_index

if TYPE_CHECKING:
    from linter.align import Alignment

# Names shorter than this, or of one word at the start of a sentence, are too often
# ordinary words ("The", "This") to compare.
MIN_NAME = 4


class CompareNames(PairRule):
    """
    ## What it does
    Comparing two renderings of one article: reports a proper name of an aligned
    sentence that the other rendering spells slightly differently ("Ri Kwang Gun" beside
    "Ri Kwang Gon", "O Jung Hup" beside "O Jung Hyp"): capitalised runs of words present in one
    sentence only, within an edit distance of two of a run present in the other only.
    Names in the rule pack are checked by `compare-glossary`.

    ## Why
    Two renderings of one article should name the same people and places the same way;
    a difference means one of them has a typo or a wrong name.

    ## Example
    ```text
    The delegation was led by Ri Kwang Gun, director of the bureau.
    |||
    The delegation was led by Ri Kwang Gon, director of the bureau.
    ```

    ## Use instead
    ```text
    The delegation was led by Ri Kwang Gun, director of the bureau.
    |||
    The delegation was led by Ri Kwang Gun, director of the bureau.
    ```

    ## Fix safety
    No fix is offered: the rule cannot tell which spelling is right.

    ## Options
    None.
    """

    name = "compare-names"
    family = "compare"
    summary = "A name spelt differently in aligned sentences of two renderings."
    modes = ("renderings",)

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import line_of, related

        a_runs = _runs(source, self.context)
        b_runs = _runs(target, self.context)
        for link in alignment.paired():
            for sentences in link.sentences:
                if not (sentences.source and sentences.target):
                    continue
                a = _within(a_runs, sentences.source)
                b = _within(b_runs, sentences.target)
                a_texts = {run.text for run in a}
                b_texts = {run.text for run in b}
                only_a = [run for run in a if run.text not in b_texts]
                for run in b:
                    if run.text in a_texts:
                        continue
                    close = [
                        other
                        for other in only_a
                        if damerau(run.text.lower(), other.text.lower(), 2) <= 2
                    ]
                    if not close:
                        continue
                    theirs = close[0]
                    yield Diagnostic(
                        run.start,
                        run.end,
                        f'"{run.text}" is "{theirs.text}" in the other rendering '
                        f"(line {line_of(source, theirs.start)})",
                        related=related(source, [theirs], "the other spelling"),
                    )


def _runs(doc: Document, context) -> list[Span]:
    """Candidate names of ``doc``: not pack names (`compare-glossary` checks those), and
    not a lone capitalised word that opens a sentence."""

    def build() -> list[Span]:
        starts = {s.start for s in doc.sentences}
        packed = pack_matches(doc, term_index(context))
        return [
            run
            for run in doc.name_runs
            if len(run.text) >= MIN_NAME
            and (" " in run.text or run.start not in starts)
            and not any(start < run.end and run.start < end for start, end, _ in packed)
        ]

    return doc.memo("compare-name-runs", build)


def _within(runs: list[Span], spans) -> list[Span]:
    lo, hi = spans[0].start, spans[-1].end
    return [run for run in runs if lo <= run.start and run.end <= hi]
