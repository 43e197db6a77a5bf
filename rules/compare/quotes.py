from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Span
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment

# Titles and quoted sayings in Korean text: 《…》 for titles and slogans, 「…」『…』 now
# and then, and double quotation marks.
_SOURCE_QUOTE = re.compile(r"《[^《》]+》|「[^「」]+」|『[^『』]+』|“[^“”]+”|\"[^\"]+\"")


class CompareQuotes(PairRule):
    """
    ## What it does
    Checks that each title or quotation of a source paragraph (《…》, 「…」, 『…』, “…”)
    is matched by quoted text in the aligned paragraph of the rendering: first in the
    sentences aligned with the quotation's sentence, then anywhere in the paragraph. A
    quotation left without quoted text in the rendering is reported on the aligned
    sentence.

    ## Why
    Titles of works, slogans and quoted words are marked as such in the source; a
    rendering that drops the quotation marks presents them as the writer's own words, or
    has lost them altogether.

    ## Example
    ```text
    연극 《오늘을 추억하리》와 같은 작품들이 창조되였다.
    |||
    Works such as the drama We Will Recollect Today were created.
    ```

    ## Use instead
    ```text
    연극 《오늘을 추억하리》와 같은 작품들이 창조되였다.
    |||
    Works such as the drama "We Will Recollect Today" were created.
    ```

    ## Fix safety
    No fix is offered: where the quoted text begins and ends is for a translator to say.

    ## Options
    None.
    """

    name = "compare-quotes"
    family = "compare"
    summary = "A quotation or title of the source without quoted text in the rendering."

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import cover, excerpt, kept, line_of, related, sentence_link_at
        from rules.compare.english import quoted_passages

        for link in alignment.paired():
            quotes = [
                Span(unit.start + m.start(), unit.start + m.end(), m.group())
                for unit in kept(alignment, link, source_side=True)
                for m in _SOURCE_QUOTE.finditer(unit.text)
            ]
            if not quotes:
                continue
            available = {id(unit): quoted_passages(unit.text) for unit in _sentences(link)}
            spare = sum(available.values())
            for quote in quotes:
                found = sentence_link_at(link, quote.start, source=True)
                targets = found.target if found is not None else ()
                used = next((t for t in targets if available.get(id(t), 0) > 0), None)
                if used is None and spare > 0:
                    used = next(t for t in _sentences(link) if available[id(t)] > 0)
                if used is not None:
                    available[id(used)] -= 1
                    spare -= 1
                    continue
                start, end = cover(targets or link.target)
                yield Diagnostic(
                    start,
                    end,
                    f"the source quotes {excerpt(quote.text)} (line "
                    f"{line_of(source, quote.start)}); the rendering has no quoted text here",
                    related=related(source, [quote], "the quotation in the source"),
                )


def _sentences(link) -> list[Span]:
    return [span for sentences in link.sentences for span in sentences.target]
