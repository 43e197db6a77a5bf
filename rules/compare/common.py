"""Helpers the comparison rules share: where on the rendering to report, what a link
says, and the numbers of a text in the language it is written in."""

from __future__ import annotations

from collections.abc import Sequence

from linter import Document, Related, Span
from linter.align import Alignment, Model, ParagraphLink, SentenceLink, document_script, measure
from rules.compare.english import english_numbers
from rules.compare.korean import Mention, korean_numbers

EXCERPT = 40
# A sentence without partner is taken as left out (or added) when its paragraph pair's
# lengths agree: the pair is at least this many standard deviations short (or long) with
# it, and fits the pair's ratio better without it. A whole paragraph without a partner
# sentence inside a 2-1 link is left out whatever the lengths say.
SENTENCE_EVIDENCE = 0.5
# Shorter sentences ("1.", a dateline) carry too little to call them missing.
MIN_SENTENCE = 12


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cover(spans: Sequence[Span]) -> tuple[int, int]:
    return spans[0].start, spans[-1].end


def line_of(doc: Document, offset: int) -> int:
    """The line in the original file of prose offset ``offset``."""
    return doc.lines.location(doc.source_span(offset, offset)[0]).line


def related(doc: Document, spans: Sequence[Span], message: str) -> Related:
    start, end = cover(spans)
    return Related(message, start, end, doc.path)


def sentence_link_at(link: ParagraphLink, offset: int, *, source: bool) -> SentenceLink | None:
    """The sentence link whose source (or target) side holds prose ``offset``."""
    for sentences in link.sentences:
        side = sentences.source if source else sentences.target
        if side and side[0].start <= offset < side[-1].end:
            return sentences
    return None


def target_spans_for(link: ParagraphLink, source_offset: int) -> tuple[Span, ...]:
    """Where on the rendering the source text at ``source_offset`` was rendered: the aligned
    sentences, else the whole of the link's rendering."""
    found = sentence_link_at(link, source_offset, source=True)
    if found is not None and found.target:
        return found.target
    return link.target


def source_spans_for(link: ParagraphLink, target_offset: int) -> tuple[Span, ...]:
    found = sentence_link_at(link, target_offset, source=False)
    if found is not None and found.source:
        return found.source
    return link.source


def is_korean(doc: Document) -> bool:
    """Whether ``doc`` is written in Korean (most of its letters are Hangul)."""
    return document_script(doc) == "HANGUL"


def numbers_in(doc: Document, spans: Sequence[Span]) -> list[Mention]:
    """The numbers of the units ``spans`` of ``doc``, with offsets into its prose, read
    as Korean or English by the document's script (computed once per unit)."""
    table = doc.memo("compare-numbers", dict)
    numbers_of = korean_numbers if is_korean(doc) else english_numbers
    out: list[Mention] = []
    for span in spans:
        key = (span.start, span.end)
        found = table.get(key)
        if found is None:
            found = table[key] = [
                Mention(m.start + span.start, m.end + span.start, m.text, m.values, m.also)
                for m in numbers_of(span.text)
            ]
        out.extend(found)
    return out


def length(spans: Sequence[Span]) -> int:
    return sum(measure(span.text) for span in spans)


def left_out(alignment: Alignment, link: ParagraphLink, *, source_side: bool) -> list[SentenceLink]:
    """Sentence links of ``link`` with sentences on one side only that the rendering
    left out (``source_side``) or added: those whose leaving out explains a length gap
    of the paragraph pair, or that make up a paragraph of their own."""

    def build() -> list[SentenceLink]:
        out = []
        model = Model(alignment.ratio, alignment.spread)
        s_len, t_len = length(link.source), length(link.target)
        before = model.deviation(s_len, t_len)
        units = link.source if source_side else link.target
        for sentences in link.sentences:
            alone = sentences.source if source_side else sentences.target
            partner = sentences.target if source_side else sentences.source
            if partner or not alone or length(alone) < MIN_SENTENCE:
                continue
            if source_side:
                after = model.deviation(s_len - length(alone), t_len)
                gap = -before
            else:
                after = model.deviation(s_len, t_len - length(alone))
                gap = before
            whole = len(units) > 1 and any(
                u.start == alone[0].start and u.end == alone[-1].end for u in units
            )
            if whole or (abs(after) < abs(before) and gap >= SENTENCE_EVIDENCE):
                out.append(sentences)
        return out

    return link.memo(f"compare-left-out-{source_side}", build)


def kept(alignment: Alignment, link: ParagraphLink, *, source_side: bool) -> tuple[Span, ...]:
    """The link's units on one side, less the sentences left out or added: what the
    rules that compare content read."""
    dropped = left_out(alignment, link, source_side=source_side)
    units = link.source if source_side else link.target
    if not dropped:
        return units
    gone = {
        span
        for sentences in dropped
        for span in (sentences.source if source_side else sentences.target)
    }
    return tuple(
        span
        for sentences in link.sentences
        for span in (sentences.source if source_side else sentences.target)
        if span not in gone
    )
