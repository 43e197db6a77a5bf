from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Option, Span
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment, ParagraphLink

# Shorter units ("1.", a dateline) carry too little to call them missing.
MIN_LENGTH = 12


class CompareOmission(PairRule):
    """
    ## What it does
    Reports source text the rendering leaves out: a source paragraph with no partner in
    the alignment, or a source sentence with no partner inside aligned paragraphs when the
    paragraphs' lengths confirm the gap. The finding stands where the text is missing
    (the start of the next paragraph or sentence of the rendering), with the source text
    as the related place. Comparing two renderings, a sentence of the first that the
    second lacks is reported.

    ## Why
    A dropped paragraph or sentence is the most common and the least visible error of a
    rendering: what is left still reads well.

    ## Example
    ```text
    올해는 승리의 해이다.

    우리는 모든 힘을 다하여 농업생산에서 새로운 앙양을 일으켜야 한다.

    인민군대는 조국을 굳건히 지켜야 한다.
    |||
    This year is a year of victory.

    The People's Army should firmly defend the country.
    ```

    ## Use instead
    ```text
    올해는 승리의 해이다.

    우리는 모든 힘을 다하여 농업생산에서 새로운 앙양을 일으켜야 한다.

    인민군대는 조국을 굳건히 지켜야 한다.
    |||
    This year is a year of victory.

    We should bring about a new upsurge in agricultural production with all our might.

    The People's Army should firmly defend the country.
    ```

    ## Fix safety
    No fix is offered: the missing text needs translating.

    ## Options
    None.
    """

    name = "compare-omission"
    family = "compare"
    summary = "Source text with no counterpart in the rendering."
    modes = ("translation", "renderings")

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import left_out, length

        other = "the source" if alignment.mode == "translation" else "the other rendering"
        links = alignment.links
        for i, link in enumerate(links):
            if link.source and not link.target:
                if length(link.source) < MIN_LENGTH:
                    continue
                at = _next_target(links, i, target)
                yield self._report(source, at, link.source, other, "paragraph")
            elif link.source and link.target:
                missing = left_out(alignment, link, source_side=True)
                for j, sentences in enumerate(link.sentences):
                    if sentences in missing:
                        at = _next_sentence(link, j)
                        if at is None:
                            at = _next_target(links, i, target)
                        what = "paragraph" if _whole(link.source, sentences.source) else "sentence"
                        yield self._report(source, at, sentences.source, other, what)

    def _report(
        self, source: Document, at: int, spans: Sequence[Span], other: str, what: str
    ) -> Diagnostic:
        from rules.compare.common import excerpt, line_of, related

        text = " ".join(span.text for span in spans)
        return Diagnostic(
            at,
            at,
            f"this rendering leaves out a {what} of {other} (line "
            f'{line_of(source, spans[0].start)}): "{excerpt(text)}"',
            related=related(source, spans, f"the {what} left out"),
        )


def _whole(units: Sequence[Span], sentences: Sequence[Span]) -> bool:
    """Whether ``sentences`` make up one of ``units`` entirely."""
    return any(unit.start == sentences[0].start and unit.end == sentences[-1].end for unit in units)


def _next_target(links: list[ParagraphLink], i: int, target: Document) -> int:
    """Where the rendering of link ``i`` would stand: before the next rendered unit."""
    for link in links[i + 1 :]:
        if link.target:
            return link.target[0].start
    for link in reversed(links[:i]):
        if link.target:
            return link.target[-1].end
    return 0


def _next_sentence(link: ParagraphLink, j: int) -> int | None:
    """The start of the first rendered sentence after sentence link ``j``, if any."""
    for sentences in link.sentences[j + 1 :]:
        if sentences.target:
            return sentences.target[0].start
    return None


class CompareAddition(PairRule):
    """
    ## What it does
    Reports rendering text with no source: a paragraph of the rendering with no partner
    in the alignment, or a sentence with no partner inside aligned paragraphs when the
    paragraphs' lengths confirm it. A short line that introduces what follows ("The full
    text is as follows:") is an agency's lead-in, not an addition, unless
    `allow-lead-ins` is off. Comparing two renderings, a sentence of the second that the
    first lacks is reported.

    ## Why
    Text the source does not have is either an error of alignment in the translator's
    own files (a paragraph pasted twice, one from another article) or an interpolation
    that readers will take for the source's words.

    ## Example
    ```text
    올해는 승리의 해이다.

    인민군대는 조국을 굳건히 지켜야 한다.
    |||
    This year is a year of victory.

    The enemies are trembling with fear before the might of our army and people, and the
    whole world looks with admiration at our country, which advances in the van of the era.

    The People's Army should firmly defend the country.
    ```

    ## Use instead
    ```text
    올해는 승리의 해이다.

    인민군대는 조국을 굳건히 지켜야 한다.
    |||
    This year is a year of victory.

    The People's Army should firmly defend the country.
    ```

    ## Fix safety
    No fix is offered: whether to delete the text or to find its source is a translator's
    decision.

    ## Options
    `allow-lead-ins`: do not report short unpaired lines that end with a colon
    (default true).
    """

    name = "compare-addition"
    family = "compare"
    summary = "Rendering text with no counterpart in the source."
    modes = ("translation", "renderings")
    options = {
        "allow-lead-ins": Option(bool, True, 'accept lead-ins such as "The text is as follows:"'),
    }

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import left_out, length
        from rules.compare.english import is_lead_in

        other = "the source" if alignment.mode == "translation" else "the other rendering"
        for link in alignment.links:
            if link.target and not link.source:
                spans = link.target
            elif link.source and link.target:
                spans = tuple(
                    span
                    for sentences in left_out(alignment, link, source_side=False)
                    for span in sentences.target
                )
            else:
                continue
            for span in spans:
                if length([span]) < MIN_LENGTH and not link.source:
                    continue
                if self.opts["allow-lead-ins"] and is_lead_in(span.text):
                    continue
                what = "paragraph" if not link.source else "sentence"
                yield Diagnostic(
                    span.start,
                    span.end,
                    f"this {what} has no counterpart in {other}",
                )
