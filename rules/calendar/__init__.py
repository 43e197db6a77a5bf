"""Calendar rules: the Juche year and anniversary arithmetic."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from linter import Document
from linter.segment import split_sentences

# Juche 1 is 1912, the year of Kim Il Sung's birth: Juche year = Gregorian year - 1911.
JUCHE_OFFSET = 1911

# Two line breaks with only blanks between them: the white space around such a pair is
# what separates `Document.paragraphs`.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
# What ends a sentence, when the word that holds it is not an abbreviation.
_STOPS = ".!?…"
# From a place in a paragraph: up to the first word holding one of `_STOPS`, and then (the
# group) the white space and the word after that word.
_AHEAD = re.compile(r"[^.!?…]*+[.!?…]\S*+(\s*+\S*+)")


def juche_to_gregorian(juche: int) -> int:
    return juche + JUCHE_OFFSET


def occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text``, in order."""
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def sentences_at(doc: Document, offsets: Iterable[int]) -> Iterator[tuple[int, str]]:
    """The offset and text of each sentence of ``doc.sentences`` that holds one of
    ``offsets`` (of characters that are not white space, in increasing order), in order.

    Splitting a whole article into sentences costs far more than the calendar rules' own
    work, and they need only the sentences around a few words. So only a stretch of text
    around each offset is split. Sentences are local: whether a full stop (or "!", "?",
    "…") at the end of a word ends a sentence depends only on that word and the next one.
    A stretch that starts where a word starts and ends where one ends therefore splits
    like its paragraph after the first sentence end in it, and up to its last word, whose
    own end is known only if the stretch ends where the paragraph does.
    """
    prose = doc.prose
    breaks: list[tuple[int, int]] | None = None
    done = 0
    for at in offsets:
        if at < done:
            continue
        if breaks is None:
            breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(prose)]
        start, end = _sentence_around(prose, at, *_paragraph_around(prose, at, breaks))
        yield start, prose[start:end]
        done = end


def _paragraph_around(prose: str, at: int, breaks: list[tuple[int, int]]) -> tuple[int, int]:
    """Start and end of the paragraph holding the non-blank character at ``at``."""
    # The break before ``at`` (one ends before it, as ``at`` is not blank), and the next.
    i = bisect.bisect(breaks, (at,))
    start = breaks[i - 1][1] if i else 0
    end = breaks[i][0] if i < len(breaks) else len(prose)
    while prose[start].isspace():
        start += 1
    while prose[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_around(prose: str, at: int, first: int, last: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``at``, in the paragraph ``first:last``."""
    # The stretch starts with the last word before ``at`` that holds a full stop (or "!",
    # "?", "…") and ends with the word after the first such word from ``at`` on: usually
    # the sentence, the end of the one before it, and the word that confirms its own end.
    # Where that does not settle it, the stretch reaches on to the next such word.
    start = end = seek = at
    grow_start = grow_end = True
    while True:
        if grow_start:
            start = _word_start(prose, _last_stop(prose, first, start), first)
        if grow_end:
            ahead = _AHEAD.match(prose, seek, last)
            seek, end = ahead.span(1) if ahead else (last, last)
        spans = split_sentences(prose[start:end])
        number = next(i for i, (_, tail) in enumerate(spans) if start + tail > at)
        head, tail = spans[number]
        # The first sentence of the stretch may have begun before it; the last one may go
        # on after it, or end elsewhere once the word after it is seen.
        grow_start = number == 0 and start > first
        grow_end = start + tail == end and end < last
        if not (grow_start or grow_end):
            return start + head, start + tail


def _last_stop(text: str, first: int, end: int) -> int:
    """Where the last of `_STOPS` in ``text[first:end]`` is, or ``first``."""
    # Each search looks only after the best so far: "!", "?" and "…" are rare, and a
    # search for one through the whole paragraph would cost more than the split.
    found = first
    for mark in _STOPS:
        found = max(found, text.rfind(mark, found, end))
    return found


def _word_start(text: str, at: int, first: int) -> int:
    while at > first and not text[at - 1].isspace():
        at -= 1
    return at
