from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Severity, Span
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment, ParagraphLink
    from rules.compare.korean import Mention


class CompareNumbers(PairRule):
    """
    ## What it does
    Checks that every number of a source paragraph appears in the aligned paragraph of the
    rendering, and that the rendering has no number its source lacks. Korean forms are
    read as they are meant: full-width digits ("２０１２"), numeral units ("７천만" is 70
    million, "５천년" 5,000 years), anniversaries ("８０돐" is the 80th), Juche years with
    their Gregorian year ("주체１０１(２０１２)년" is "Juche 101 (2012)"), month.day
    declarations ("６.１５" is June 15). On the English side thousands separators
    ("5 000", "5,000"), ordinals ("80th"), multipliers ("70 million"), and number words
    a translator may use for a source's digits ("fifth", "centenary", "three", "June")
    count. Comparing two renderings, the numbers of aligned sentences are compared.

    ## Why
    A wrong figure, date or anniversary in a rendering is a factual error that reads
    perfectly well, and no check on the rendering alone can see it.

    ## Example
    ```text
    올해는 조선인민군창건 ８０돐이 되는 해이다.
    |||
    This year marks the 81st founding anniversary of the Korean People's Army.
    ```

    ## Use instead
    ```text
    올해는 조선인민군창건 ８０돐이 되는 해이다.
    |||
    This year marks the 80th founding anniversary of the Korean People's Army.
    ```

    ## Fix safety
    No fix is offered: the rule cannot tell whether the source or the rendering is right.

    ## Options
    None.
    """

    name = "compare-numbers"
    family = "compare"
    summary = "A number of the source missing from its rendering, or one the source lacks."
    severity = Severity.ERROR
    modes = ("translation", "renderings")

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import kept

        other = "the source" if alignment.mode == "translation" else "the other rendering"
        for link in alignment.paired():
            if alignment.mode == "renderings":
                for sentences in link.sentences:
                    if sentences.source and sentences.target:
                        yield from self._compare(
                            source, target, link, sentences.source, sentences.target, other
                        )
            else:
                yield from self._compare(
                    source,
                    target,
                    link,
                    kept(alignment, link, source_side=True),
                    kept(alignment, link, source_side=False),
                    other,
                )

    def _compare(
        self,
        source: Document,
        target: Document,
        link: ParagraphLink,
        source_spans: Sequence[Span],
        target_spans: Sequence[Span],
        other: str,
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import (
            cover,
            line_of,
            numbers_in,
            related,
            source_spans_for,
            target_spans_for,
        )

        source_numbers = numbers_in(source, source_spans)
        target_numbers = numbers_in(target, target_spans)
        source_values = _available(source_numbers)
        target_values = _available(target_numbers)
        missing = _unmatched(source_numbers, target_values)
        extra = _unmatched(target_numbers, source_values)
        # A number changed in the rendering: one finding on the rendering's number.
        while missing and extra:
            was, now = missing.pop(0), extra.pop(0)
            yield Diagnostic(
                now.start,
                now.end,
                f'"{now.text}" does not match {other}, which has "{was.text}" here '
                f"(line {line_of(source, was.start)})",
                related=related(source, [_span(was)], f"the number in {other}"),
            )
        for was in missing:
            where = target_spans_for(link, was.start)
            start, end = cover(where)
            yield Diagnostic(
                start,
                end,
                f'{other.capitalize()} has "{was.text}" (line {line_of(source, was.start)}), '
                "which this rendering leaves out",
                related=related(source, [_span(was)], f"the number in {other}"),
            )
        for now in extra:
            spans = source_spans_for(link, now.start)
            yield Diagnostic(
                now.start,
                now.end,
                f'"{now.text}" is not in {other} (line {line_of(source, spans[0].start)})',
                related=related(source, spans, f"the aligned text of {other}"),
            )


def _available(mentions: list[Mention]) -> set[str]:
    return {value for m in mentions for value in (*m.values, *m.also)}


def _unmatched(mentions: list[Mention], available: set[str]) -> list[Mention]:
    """The mentions with a value the other side lacks, each value once."""
    out, seen = [], set()
    for mention in mentions:
        for value in mention.values:
            if value not in available and value not in seen:
                seen.add(value)
                out.append(mention)
                break
    return out


def _span(mention: Mention) -> Span:
    return Span(mention.start, mention.end, mention.text)
