"""Sentence segmentation: one segmenter for the whole product.

Rule-based, for news prose: a full stop ends a sentence unless it closes a known
abbreviation ("Oct.", "Mr.", "U.S."), an initial ("J. Smith"), a number ("No. 3", "2.5"),
or is followed by a lower-case word or a digit. Closing quotes and brackets after the
terminator belong to the sentence.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "gov",
        "sen",
        "rep",
        "rev",
        "fr",
        "st",
        "sr",
        "jr",
        "hon",
        "pres",
        "supt",
        "insp",
        "messrs",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "vols",
        "p",
        "pp",
        "ch",
        "art",
        "fig",
        "figs",
        "para",
        "sec",
        "secs",
        "ed",
        "eds",
        "co",
        "corp",
        "inc",
        "ltd",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "cf",
        "ie",
        "eg",
        "viz",
        "ca",
        "a.m",
        "p.m",
        "a.d",
        "b.c",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "i.e",
        "e.g",
    ]
)

_TERMINATOR = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s|$)")
_NEXT_WORD = re.compile(r"\s+(\S)")
_NEXT_OPENER = re.compile(r"\s+[\"'“‘(]*([A-Z][a-z]*)\b")
# Words that open sentences but rarely follow "U.S." or "etc." inside one.
SENTENCE_OPENERS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "for",
        "he",
        "her",
        "his",
        "however",
        "i",
        "if",
        "in",
        "it",
        "its",
        "meanwhile",
        "moreover",
        "on",
        "our",
        "she",
        "so",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "thus",
        "we",
        "what",
        "when",
        "while",
        "yet",
    ]
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text`` (one paragraph)."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _TERMINATOR.finditer(text):
        end = match.end()
        if end <= start:
            continue
        if match.group()[0] == "." and not _ends_sentence(text, start, match):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text):
        end = len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    # The word before the full stop, read backwards (a search over the whole sentence so
    # far would make long paragraphs quadratic).
    cut = pos = match.start()
    while pos > start and not text[pos - 1].isspace():
        pos -= 1
    token = text[pos:cut]
    following = _NEXT_WORD.match(text, match.end())
    next_char = following.group(1) if following else ""
    # After a letter without case (Hangul, CJK) a full stop is never an abbreviation's.
    last = token[-1:]
    caseless = last.isalpha() and last.lower() == last.upper()
    if next_char and (next_char.islower() or (next_char.isdigit() and not caseless)):
        return False
    if match.group() != ".":
        return True
    bare = token.lstrip("\"'“‘([").lower()
    # "U.S." and other dotted initialisms end with a one-letter chunk.
    dotted = "." in bare and len(bare.rsplit(".", 1)[-1]) <= 1 and bare.replace(".", "").isalpha()
    if dotted or bare == "etc":
        # These can end a sentence too: they do when a word that opens sentences follows
        # ("… premeditated by the U.S. And this proves …").
        opener = _NEXT_OPENER.match(text, match.end())
        return bool(opener) and opener.group(1).lower() in SENTENCE_OPENERS
    if bare in ABBREVIATIONS:
        return False
    return not (len(bare) == 1 and bare.isalpha())
