from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Severity
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment


class CompareUntranslated(PairRule):
    """
    ## What it does
    Reports Hangul left in a rendering: a word or phrase of the source copied instead of
    translated, each run once, with the aligned source text as the related place.

    ## Why
    An English rendering with Korean in it has a gap a reader cannot bridge; it happens
    when a translator pastes the source to translate later, or a tool skips a segment.

    ## Example
    ```text
    우리는 자력갱생의 기치를 높이 들고나가야 한다.
    |||
    We must hold high the banner of 자력갱생.
    ```

    ## Use instead
    ```text
    우리는 자력갱생의 기치를 높이 들고나가야 한다.
    |||
    We must hold high the banner of self-reliance.
    ```

    ## Fix safety
    No fix is offered: the words need translating.

    ## Options
    None.
    """

    name = "compare-untranslated"
    family = "compare"
    summary = "Hangul left untranslated in a rendering."
    severity = Severity.ERROR
    modes = ("translation", "renderings")

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import excerpt, line_of, related, source_spans_for
        from rules.compare.korean import hangul_run

        for link in alignment.links:
            for unit in link.target:
                for match in hangul_run().finditer(unit.text):
                    start = unit.start + match.start()
                    note = None
                    message = f'untranslated Hangul "{excerpt(match.group())}"'
                    if link.source:
                        spans = source_spans_for(link, start)
                        note = related(source, spans, "the aligned source text")
                        message += f" (source line {line_of(source, spans[0].start)})"
                    yield Diagnostic(start, unit.start + match.end(), message, related=note)
