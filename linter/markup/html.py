"""HTML loader: the visible text of an HTML file, every character mapped to its source offset.

The stdlib ``HTMLParser`` runs with ``convert_charrefs=False``, so each run of text it
reports is a verbatim slice of the file, found from ``getpos()`` through a table of line
starts.

What becomes prose, and what does not:

- Text outside ``<head>``, ``<title>``, ``<script>``, ``<style>``, ``<template>``,
  ``<noscript>``, ``<svg>``, ``<math>`` and ``<iframe>``; attribute values are never prose
  (so neither is an image's alt text, as in the Markdown loader).
- Block elements (``p``, ``div``, ``h1``–``h6``, ``li``, ``td``, ``br`` …) end a paragraph:
  blocks are joined by one synthetic blank line, however many tags lie between them.
- Whitespace collapses as a browser shows it: a run becomes one of its own characters (a
  ``\\n`` if it has one, so wrapped source lines stay lines, else a space if it has one),
  and whitespace at the edges of a block is dropped.
- ``<code>``, ``<kbd>`` and ``<samp>`` each become one synthetic ``PLACEHOLDER``, as a code
  span does in Markdown.
- A character reference (``&amp;``, ``&#8217;``) becomes one synthetic character: a space
  if it decodes to whitespace, otherwise ``PLACEHOLDER``. Never a mapped character, so no
  fix can land on it by mistake, and the words around it do not run together. A reference
  that decodes to nothing (``&T`` in ``AT&T``) is text, as a browser shows it.
- Comments (``<!-- … -->``) go to ``Extraction.comments``, wherever they are.

Malformed markup never raises: what a browser would show as text is text here too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from linter.markup import PLACEHOLDER, Comment, Extraction, Segment

_HIDDEN = frozenset(
    {"head", "title", "script", "style", "template", "noscript", "svg", "math", "iframe"}
)
# Start tags that may stand in <head>; any other start tag ends it, as browsers do.
_HEAD_CONTENT = frozenset(
    {"base", "link", "meta", "title", "style", "script", "noscript", "template"}
)
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# A block tag also ends a <code> left open, but a line break may stand inside code.
_BREAKS = frozenset({"br", "hr"})
_CODE = frozenset({"code", "kbd", "samp"})
_WHITESPACE = re.compile(r"[ \t\n\f\r]+")
# What HTMLParser itself accepts as a numeric character reference.
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_CHARREF_START = re.compile(r"&#")


def extract_html(source: str) -> Extraction:
    parser = _VisibleText(source)
    parser.feed(_defuse_charrefs(source))
    parser.close()
    return parser.extraction()


def _defuse_charrefs(source: str) -> str:
    """The source, with the ``&`` of each ``&#`` that is no character reference replaced.

    HTMLParser stops at such an ``&#``; at the second one it hands the rest of the file
    over as one run of text, tags and all. The replacement keeps every offset.
    """
    pieces = []
    start = 0
    for match in _CHARREF_START.finditer(source):
        if not _CHARREF.match(source, match.start()):
            pieces.append(source[start : match.start()])
            pieces.append("\0")
            start = match.start() + 1
    if not pieces:
        return source
    pieces.append(source[start:])
    return "".join(pieces)


class _VisibleText(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in re.finditer("\n", source))
        self._text_start = 1 if source.startswith("\ufeff") else 0
        self._hidden: list[str] = []
        self._code_depth = 0

        self._parts: list[str] = []
        self._length = 0
        self._segments: list[Segment] = []
        self._comments: list[Comment] = []
        self._block_pending = False
        # Where the collapsed whitespace before the next word is: a source offset to copy,
        # -1 for a synthetic space, None for none.
        self._space: int | None = None

    def extraction(self) -> Extraction:
        return Extraction("".join(self._parts), self._segments, self._comments)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # Parser callbacks.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" or (self._hidden == ["head"] and tag not in _HEAD_CONTENT):
            self._hidden.clear()
        if tag in _HIDDEN:
            self._hidden.append(tag)
        elif self._hidden:
            return
        elif tag in _BLOCKS:
            self._end_block(tag)
        elif tag in _CODE:
            if not self._code_depth:
                self._synthetic(PLACEHOLDER)
            self._code_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hidden:
            del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag) :]
        elif self._hidden:
            return
        elif tag in _BLOCKS:
            self._end_block(tag)
        elif tag in _CODE and self._code_depth:
            self._code_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self._code_depth:
            start = self._offset()
            self._text(max(start, self._text_start), start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        # A bogus comment (<!x>, </ x>) is no place for a directive.
        if not self._source.startswith("<!--", start):
            return
        close = self._source.find(">", start + 4 + len(data))
        end = close + 1 if close >= 0 else len(self._source)
        self._comments.append(Comment(start, end, data.strip()))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Browsers read <![CDATA[…]]> in HTML as a bogus comment; HTMLParser raises on
        # marked sections it does not know.
        return self.parse_bogus_comment(i, report)

    # Building the prose.

    def _reference(self, length: int) -> None:
        """A character reference of ``length`` characters before its optional ``;``."""
        if self._hidden or self._code_depth:
            return
        start = self._offset()
        end = start + length
        if self._source.startswith(";", end):
            end += 1
        raw = self._source[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            self._text(start, end)
        elif decoded.isspace():
            if not self._at_block_start() and self._space is None:
                self._space = -1
        else:
            self._synthetic(PLACEHOLDER)

    def _text(self, start: int, end: int) -> None:
        for match in _WHITESPACE.finditer(self._source, start, end):
            self._copy(start, match.start())
            if not self._at_block_start() and self._space is None:
                self._space = self._kept_whitespace(match.start(), match.end())
            start = match.end()
        self._copy(start, end)

    def _kept_whitespace(self, start: int, end: int) -> int:
        """The one character a whitespace run shows as: a line break of the run, else its
        only character; a run of several blanks becomes a synthetic space, so that no fix
        deletes one blank of the run at a time."""
        if end - start > 1 and self._source.find("\n", start, end) < 0:
            return -1
        for wanted in "\n ":
            found = self._source.find(wanted, start, end)
            if found >= 0:
                return found
        return start

    def _end_block(self, tag: str) -> None:
        self._block_pending = True
        self._space = None
        if tag not in _BREAKS:
            self._code_depth = 0

    def _at_block_start(self) -> bool:
        return self._block_pending or not self._length

    def _copy(self, start: int, end: int) -> None:
        if start < end:
            self._flush_separator()
            self._append_source(start, end)

    def _synthetic(self, text: str) -> None:
        self._flush_separator()
        self._parts.append(text)
        self._length += len(text)

    def _flush_separator(self) -> None:
        if self._block_pending:
            self._block_pending = False
            if self._length:
                self._parts.append("\n\n")
                self._length += 2
        elif self._space is not None:
            space, self._space = self._space, None
            if space < 0:
                self._parts.append(" ")
                self._length += 1
            else:
                self._append_source(space, space + 1)

    def _append_source(self, start: int, end: int) -> None:
        segments = self._segments
        last = segments[-1] if segments else None
        if (
            last is not None
            and last.prose_start + last.length == self._length
            and last.source_start + last.length == start
        ):
            segments[-1] = Segment(last.prose_start, last.source_start, last.length + end - start)
        else:
            segments.append(Segment(self._length, start, end - start))
        self._parts.append(self._source[start:end])
        self._length += end - start
