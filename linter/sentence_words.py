"""Sentences and their words, as the readability metrics and the `sentence-length` rule
count them. Kept apart from ``linter.readability`` so that linting imports nothing more.

Sentences come from ``Document.sentences`` (renderlint's one segmenter); words are
``Document.words``' pattern applied inside each sentence (a word never spans two).
"""

from __future__ import annotations

import bisect
import re

from linter.document import _WORD, Document, Span

_LETTER = re.compile(r"[^\W\d_]")


def sentence_words(doc: Document) -> list[tuple[Span, list[str]]]:
    """Every sentence of ``doc`` with its words, computed once per document."""
    return doc.memo("sentence-words", lambda: [(s, _WORD.findall(s.text)) for s in doc.sentences])


def counted_sentences(doc: Document) -> list[tuple[Span, list[str]]]:
    """The sentences that count: not headings (titles are not sentences), and with a
    letter in them (the KCNA end mark ``-0-`` is not a sentence)."""
    heading_starts = [h.start for h in doc.headings]
    heading_ends = [h.end for h in doc.headings]
    out = []
    for sentence, words in sentence_words(doc):
        i = bisect.bisect_right(heading_starts, sentence.start) - 1
        if i >= 0 and sentence.start < heading_ends[i]:
            continue
        if _LETTER.search(sentence.text):
            out.append((sentence, words))
    return out
