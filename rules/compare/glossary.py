from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Span
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment, ParagraphLink
    from rules.compare.hangul_glossary import HangulGlossary
    from rules.terms.index import Form

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# A rendering that drops one of these from its source is not wrong on that account alone:
# the English may say "he" for a name, or "the Party" for the Workers' Party of Korea.
# Kinds a rendering must name whenever its source does (persons: unless a pronoun
# stands in), and kinds it may name only when its source does.
_PRONOUN_KINDS = frozenset({"person"})
_REVERSE_KINDS = frozenset({"place", "term", "event"})
# Roles of pack matches that render a name as the glossary wants it.
_RIGHT = frozenset({"canonical", "acronym"})


class CompareGlossary(PairRule):
    """
    ## What it does
    Checks names and terms against the rule pack's Hangul forms. A source paragraph that
    names 김정은, 조선로동당, 평양, 로동신문, 주체 … must have the glossary rendering in the
    aligned paragraph of the rendering ("Kim Jong Un"; for an organization with an
    acronym, its full name or the acronym). A spelling variant in its place is reported
    on the variant; a name left out is reported on the aligned sentence, unless a
    pronoun stands in for a person. The other way round, a place, term or event of the
    pack in the rendering must be in its source paragraph. Comparing two renderings, a
    pack name spelt differently, or replaced by another, in aligned sentences is reported.

    Pack forms that are also everyday words (증산 "production increase", 고려
    "consideration") are left alone, and so are persons, organizations and publications
    that a rendering names without its source: Korean names people by title (장군님) and
    the Party as 당, and the agency adds attributions.

    ## Why
    The pack fixes how each name is rendered. A rendering that spells a name of its
    source another way, or drops it, misleads readers and breaks searches over the
    archive; a name the source does not have is a slip of translation.

    ## Example
    ```text
    경애하는 김정은동지께서 평양을 돌아보시였다.
    |||
    The respected Kim Jong-un inspected Pyongyang.
    ```

    ## Use instead
    ```text
    경애하는 김정은동지께서 평양을 돌아보시였다.
    |||
    The respected Kim Jong Un inspected Pyongyang.
    ```

    ## Fix safety
    No fix is offered: which of two names is meant is for a translator to decide.

    ## Options
    None.
    """

    name = "compare-glossary"
    family = "compare"
    summary = "A source name or term not rendered as the pack's glossary form."
    modes = ("translation", "renderings")

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import kept
        from rules.compare.hangul_glossary import glossary
        from rules.terms.index import pack_matches, term_index

        if alignment.mode == "renderings":
            yield from self._renderings(source, target, alignment)
            return
        terms = glossary(self.context)
        matches = pack_matches(target, term_index(self.context))
        for link in alignment.paired():
            source_spans = kept(alignment, link, source_side=True)
            target_spans = kept(alignment, link, source_side=False)
            target_text = _text(target_spans)
            in_target = _within(matches, target_spans)
            seen: set[str] = set()
            for span in source_spans:
                for start, _, hangul in terms.find(span.text):
                    if hangul in seen:
                        continue
                    seen.add(hangul)
                    yield from self._forward(
                        terms,
                        source,
                        target,
                        link,
                        target_text,
                        in_target,
                        span.start + start,
                        hangul,
                    )
            yield from self._reverse(terms, source, link, source_spans, in_target)

    def _forward(
        self,
        terms: HangulGlossary,
        source: Document,
        target: Document,
        link: ParagraphLink,
        target_text: str,
        in_target: list[tuple[int, int, Form]],
        offset: int,
        hangul: str,
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import cover, line_of, related, target_spans_for
        from rules.compare.english import has_pronoun

        entry, accepted, names = terms.renderings(hangul)
        where = Span(offset, offset + len(hangul), hangul)
        line = line_of(source, offset)
        note = related(source, [where], "the name in the source")
        slips = [m for m in in_target if m[2].canonical in names and m[2].role not in _RIGHT]
        for start, end, form in slips:
            yield Diagnostic(
                start,
                end,
                f'"{target.prose[start:end]}" renders {hangul} (line {line}); the glossary '
                f'has "{form.canonical}"',
                related=note,
            )
        if slips or any(terms.occurs(form, target_text) for form in accepted):
            return
        spans = target_spans_for(link, offset)
        if entry.kind in _PRONOUN_KINDS and has_pronoun(_text(spans)):
            return
        start, end = cover(spans)
        yield Diagnostic(
            start,
            end,
            f'the source names {hangul} (line {line}), "{entry.canonical}" in the glossary; '
            "the rendering here does not",
            related=note,
        )

    def _reverse(
        self,
        terms: HangulGlossary,
        source: Document,
        link: ParagraphLink,
        source_spans: Sequence[Span],
        in_target: list[tuple[int, int, Form]],
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import line_of, related, source_spans_for
        from rules.compare.korean import PROVINCE_ABBREVIATIONS

        source_text = _text(source_spans)
        reported: set[str] = set()
        for start, end, form in in_target:
            if form.kind not in _REVERSE_KINDS or form.canonical in reported:
                continue
            hangul = terms.hangul_of.get(form.canonical)
            if hangul is None or hangul in source_text:
                continue
            if any(
                short in source_text
                for short, full in PROVINCE_ABBREVIATIONS.items()
                if full == hangul
            ):
                continue
            reported.add(form.canonical)
            spans = source_spans_for(link, start)
            yield Diagnostic(
                start,
                end,
                f'"{form.text}" ({hangul}) is not in the source here '
                f"(line {line_of(source, spans[0].start)})",
                related=related(source, spans, "the aligned source text"),
            )

    def _renderings(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from rules.compare.common import line_of, related
        from rules.terms.index import pack_matches, term_index

        index = term_index(self.context)
        a_matches = pack_matches(source, index)
        b_matches = pack_matches(target, index)
        for link in alignment.paired():
            for sentences in link.sentences:
                if not (sentences.source and sentences.target):
                    continue
                a = _by_name(_within(a_matches, sentences.source))
                b = _by_name(_within(b_matches, sentences.target))
                for name, (start, end, form) in b.items():
                    theirs = a.get(name)
                    if theirs is None or theirs[2].text == form.text:
                        continue
                    if form.role == "canonical":
                        continue
                    yield Diagnostic(
                        start,
                        end,
                        f'"{_written(target, start, end)}" is "'
                        f'{_written(source, theirs[0], theirs[1])}" in the other rendering '
                        f"(line {line_of(source, theirs[0])})",
                        related=related(source, [Span(theirs[0], theirs[1], "")], "there"),
                    )
                only_a = {n: m for n, m in a.items() if n not in b}
                for name, (start, end, form) in b.items():
                    if name in a:
                        continue
                    swapped = [m for n, m in only_a.items() if m[2].kind == form.kind]
                    if not swapped:
                        continue
                    theirs = swapped[0]
                    yield Diagnostic(
                        start,
                        end,
                        f'"{_written(target, start, end)}" where the other rendering has "'
                        f'{_written(source, theirs[0], theirs[1])}" '
                        f"(line {line_of(source, theirs[0])})",
                        related=related(source, [Span(theirs[0], theirs[1], "")], "there"),
                    )


def _text(spans: Sequence[Span]) -> str:
    return "\n".join(span.text for span in spans).translate(_APOSTROPHES)


def _within(
    matches: list[tuple[int, int, Form]], spans: Sequence[Span]
) -> list[tuple[int, int, Form]]:
    if not spans:
        return []
    lo, hi = spans[0].start, spans[-1].end
    return [
        m
        for m in matches
        if lo <= m[0] and m[1] <= hi and any(s.start <= m[0] and m[1] <= s.end for s in spans)
    ]


def _by_name(matches: list[tuple[int, int, Form]]) -> dict[str, tuple[int, int, Form]]:
    out: dict[str, tuple[int, int, Form]] = {}
    for match in matches:
        out.setdefault(match[2].canonical, match)
    return out


def _written(doc: Document, start: int, end: int) -> str:
    return doc.prose[start:end]
