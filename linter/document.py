"""The Document every rule reads: original text, prose, offset map, line index."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from linter.charclass import ByteClasses
from linter.diagnostics import Location
from linter.markup import Comment, Extraction, Segment, extract

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
HEADING_MAX_WORDS = 30
# A full stop, question or exclamation mark inside a line: a title holds one sentence.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+\S")
# Runs of capitalised words (see `Document.name_run_table`): the characters that start
# and continue a word of a run.
_NAME_START = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ]")
_NAME_PART = re.compile(r"[\w'’-]")


def _name_class(char: str) -> str:
    """A character's part in a run of capitalised words: "A" a letter that starts a word
    of a run (a capital), "a" another character of such a word, "s" a small s, "'" an
    apostrophe, "-" a hyphen, " " a space, "." anything else."""
    if _NAME_START.match(char):
        return "A"
    if char in "'’":
        return "'"
    if char in "-s ":
        return char
    return "a" if _NAME_PART.match(char) else "."


_NAME_CLASSES = ByteClasses("name-classes", _name_class)
# A run of capitalised words, on the classes: words joined by single spaces, up to a word
# that ends in a possessive ("Korea's": the run ends before "'s") or in apostrophes or
# hyphens ("Workers'": the run ends before them); the words after such a word start
# another run.
_WHOLE = rb"[Aas'-]*+(?<!['-])(?<!'s)"  # the rest of a word that does not end a run
_NAME_RUN = re.compile(
    rb"A(?:" + _WHOLE + rb" A)*"
    rb"(?:" + _WHOLE + rb"|[Aas'-]*?(?='s['-]*+(?![Aas'-]))|[Aas'-]*?(?=['-]++(?![Aas'-])))"
)
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


class LineIndex:
    """Line and column (1-based, in characters) of offsets into a text."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def location(self, offset: int) -> Location:
        line = bisect.bisect_right(self._starts, offset) - 1
        return Location(line + 1, offset - self._starts[line] + 1)

    def line_text(self, line: int) -> str:
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r")


class OffsetMap:
    """Maps prose offsets to offsets in the original text."""

    __slots__ = ("_identity", "_prose_starts", "_segments", "_source_len")

    def __init__(self, segments: list[Segment], source_len: int) -> None:
        self._segments = segments
        self._prose_starts = [s.prose_start for s in segments]
        self._source_len = source_len
        self._identity = (
            len(segments) == 1 and segments[0].prose_start == 0 and segments[0].source_start == 0
        )

    def to_source(self, offset: int) -> int:
        """The source offset of the prose character at ``offset``."""
        if self._identity:
            return offset
        i = bisect.bisect_right(self._prose_starts, offset) - 1
        if i >= 0:
            seg = self._segments[i]
            if offset < seg.prose_start + seg.length:
                return seg.source_start + offset - seg.prose_start
        if i + 1 < len(self._segments):
            return self._segments[i + 1].source_start
        if i >= 0:
            seg = self._segments[i]
            return seg.source_start + seg.length
        return self._source_len

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if self._identity:
            return start, end
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def edit_to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Source range of the prose edit ``[start, end)``, or None if it crosses markup."""
        if self._identity:
            return start, end
        i = bisect.bisect_right(self._prose_starts, start) - 1
        if i < 0:
            return None
        seg = self._segments[i]
        seg_end = seg.prose_start + seg.length
        if end > seg_end or start > seg_end:
            return None
        source_start = seg.source_start + start - seg.prose_start
        return source_start, source_start + (end - start)


class Document:
    """A file parsed once: every rule reads the same object."""

    def __init__(self, path: str, text: str, kind: str = "plain") -> None:
        self.path = path
        self.text = text
        self.kind = kind
        self.encoding = "utf-8"
        self.bom = False
        self._memo: dict[str, object] = {}
        extraction: Extraction = extract(kind, text)
        self.prose: str = extraction.prose
        self.comments: list[Comment] = extraction.comments
        self.offsets = OffsetMap(extraction.segments, len(text))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of prose separated by blank lines."""
        prose = self.prose
        spans = []
        start = 0
        for match in _PARAGRAPH_BREAK.finditer(prose):
            if prose[start : match.start()].strip():
                spans.append(_trimmed(prose, start, match.start()))
            start = match.end()
        if prose[start:].strip():
            spans.append(_trimmed(prose, start, len(prose)))
        return spans

    @cached_property
    def headings(self) -> list[Span]:
        """Paragraphs that read as titles: one short line without closing punctuation.

        This covers Markdown and HTML headings and the title lines of plain-text
        articles, which stand alone between blank lines.
        """
        out = []
        for number, para in enumerate(self.paragraphs):
            text = para.text
            if "\n" in text or len(text.split()) > HEADING_MAX_WORDS:
                continue
            if _SENTENCE_BREAK.search(text):
                continue
            if number == 0 and len(self.paragraphs) > 1:
                # An article's first line is its title, whatever punctuation ends it.
                out.append(para)
                continue
            if text[-1] in ".;,:!?\"'”’":
                continue
            if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'("):
                continue
            out.append(para)
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        from linter.segment import split_sentences

        out: list[Span] = []
        for para in self.paragraphs:
            for start, end in split_sentences(para.text):
                out.append(Span(para.start + start, para.start + end, para.text[start:end]))
        return out

    @cached_property
    def name_runs(self) -> list[Span]:
        """Runs of capitalised words joined by single spaces: candidate proper names."""
        starts, texts = self.name_run_table
        return [Span(start, start + len(text), text) for start, text in zip(starts, texts)]

    @cached_property
    def name_run_table(self) -> tuple[list[int], list[str]]:
        """The starts and texts of :attr:`name_runs` as two lists: what rules that read
        every run of every document use, without an object per run.

        A run ends before a possessive and at a word that ends in an apostrophe or a
        hyphen ("Korea's", "Workers'"). The pattern reads a copy of the prose with one
        byte per character, naming its class (see ``_name_class``): a third faster than a
        pattern over the text itself and the cuts made word by word.
        """
        prose = self.prose
        classes = _NAME_CLASSES(prose)
        spans = [match.span() for match in _NAME_RUN.finditer(classes)]
        return [start for start, _ in spans], [prose[start:end] for start, end in spans]

    @cached_property
    def words(self) -> list[Span]:
        return [Span(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.prose)]

    def memo(self, key: str, factory):
        """A value derived from this document, computed once and shared by the rules that
        ask for the same ``key`` (a folded copy of the prose, say)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = factory()
            return value

    def has_memo(self, key: str) -> bool:
        """Whether :meth:`memo` holds a value for ``key``."""
        return key in self._memo

    def drop_memo(self) -> None:
        """Forgets the values of :meth:`memo`: a run keeps every document to its end, and
        the copies of the text that its rules made are not needed after its check (one
        asked for again is made again). Their memory goes to the documents checked next."""
        self._memo.clear()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_source(start, end)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])
