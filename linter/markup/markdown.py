"""Markdown loader: the prose of a Markdown file, every character mapped to its source offset.

markdown-it-py (CommonMark plus tables and strikethrough) finds the blocks; each block's
inline content is then located line by line in the source, and its inline tokens are walked
in order with a forward cursor, so a piece of text is matched where the parser found it and
never re-found elsewhere in the file.

What becomes prose, and what does not:

- Headings, paragraphs, list items, blockquotes and table cells are prose, without their
  markers. Blocks are joined by a synthetic blank line; a soft or hard line break inside a
  block is the real ``\\n`` of the source (synthetic only after a lone ``\\r``).
- Link text is prose; link destinations, titles and reference labels are not.
- Code spans, bare URLs and autolinks each become one synthetic ``PLACEHOLDER``, so the
  sentence around them still reads as a sentence.
- Images are dropped with their alt text: the HTML loader skips attribute values, so alt
  text is not prose there either, and an image rarely belongs to the sentence around it.
- A character reference (``&amp;``, ``&#8217;``) becomes one synthetic character: a space
  if it decodes to whitespace, otherwise ``PLACEHOLDER``. Never a mapped character, so no
  fix can land on it by mistake, and the words around it do not run together.
- A backslash escape keeps the escaped character as prose and drops the backslash.
- Code blocks, HTML blocks, inline HTML tags, front matter (``---`` or ``+++`` on the first
  line) and a byte-order mark are not prose. Blanks around dropped inline markup read as a
  browser shows them: once between words, not at all at the end of a line.
- HTML comments, in blocks or inline, are reported in ``Extraction.comments``.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from linter.markup import PLACEHOLDER, Comment, Extraction, Segment

# text_join would merge escapes and entities into the text around them, hiding which
# characters of a text token were written differently in the source.
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")

# The line breaks markdown-it normalises to "\n": its token maps count lines this way.
_LINE_BREAK = re.compile(r"\r\n?|\n")
_FRONT_MATTER_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
_COMMENT = re.compile(r"<!--(?:-?>|(.*?)-->)", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[!#-;=?-~]+", re.IGNORECASE)
_URL_TRAILING_PUNCTUATION = ".,:;!?'\")]}"
_SPACE = " \t"
_EMPHASIS_MARKERS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
)


class _Unmapped(Exception):
    """The parser's view of a block diverged from the source; the rest of it is skipped."""


def extract_markdown(source: str) -> Extraction:
    return _MarkdownExtractor(source).run()


class _MarkdownExtractor:
    def __init__(self, source: str) -> None:
        self._source = source
        # markdown-it reads NUL as U+FFFD; searching a copy that does the same keeps the
        # offsets, while prose is still copied from the source itself.
        self._haystack = source.replace("\0", "\ufffd")
        self._line_starts = [0]
        self._line_ends: list[int] = []
        for match in _LINE_BREAK.finditer(source):
            self._line_ends.append(match.start())
            self._line_starts.append(match.end())
        self._line_ends.append(len(source))
        if source.startswith("\ufeff"):
            self._line_starts[0] = 1

        self._parts: list[str] = []
        self._length = 0
        self._segments: list[Segment] = []
        self._comments: list[Comment] = []
        # Where the last copied character ended: segments only move forward.
        self._source_end = 0
        # A block has begun but none of its prose is out yet (the blank line waits too).
        self._block_pending = False
        # Blanks held back at the end of a text piece, as a content range.
        self._pending: tuple[int, int] | None = None
        # Markup was dropped since the last prose character.
        self._dropped = False
        # Where the last table cell ended: the cells of a row share one source line.
        self._cursor = 0
        self._env: dict[str, Any] = {}

        # The block being walked: its inline content, and breakpoints that map positions
        # in that content to source offsets (-1 where a line could not be found).
        self._content = ""
        self._first_line = 0
        self._bp_content: list[int] = []
        self._bp_source: list[int] = []
        # One parser state per block: it caches what it has scanned of the block.
        self._label_state: StateInline | None = None

    def run(self) -> Extraction:
        body_line = self._front_matter_lines()
        if body_line < len(self._line_starts):
            body = self._source[self._line_starts[body_line] :]
        else:
            body = ""
        tokens = _MD.parse("\n" * body_line + body, self._env)
        previous_type = ""
        for token in tokens:
            if token.map is not None:
                first_line, end_line = token.map
                if token.type == "inline":
                    self._block(token, first_line, previous_type in ("th_open", "td_open"))
                elif token.type == "html_block":
                    self._block_comments(first_line, end_line)
            previous_type = token.type
        return Extraction("".join(self._parts), self._segments, self._comments)

    def _front_matter_lines(self) -> int:
        """How many lines of front matter open the file (0 if it has none)."""
        closers = _FRONT_MATTER_CLOSERS.get(self._line_text(0).rstrip())
        if closers is None:
            return 0
        for line in range(1, len(self._line_starts)):
            if self._line_text(line).rstrip() in closers:
                return line + 1
        return 0

    def _line_text(self, line: int) -> str:
        return self._source[self._line_starts[line] : self._line_ends[line]]

    def _block_comments(self, first_line: int, end_line: int) -> None:
        start = self._line_starts[first_line]
        end = self._line_ends[end_line - 1]
        for match in _COMMENT.finditer(self._haystack, start, end):
            body = (match.group(1) or "").strip()
            self._comments.append(Comment(match.start(), match.end(), body))

    def _block(self, token: Token, first_line: int, table_cell: bool) -> None:
        content = token.content
        if not content:
            return
        self._content = content
        self._first_line = first_line
        self._label_state = None
        if table_cell:
            self._locate_cell(content, first_line)
        else:
            self._locate_lines(content, first_line)
        self._block_pending = True
        self._pending = None
        self._dropped = False
        try:
            self._walk(token.children or [], 0, emit=True)
        except _Unmapped:
            return

    # Locating a block: content position -> source offset through breakpoints.

    def _locate_lines(self, content: str, first_line: int) -> None:
        """Each content line is the end of its source line, minus markers and indentation.

        The last occurrence within the source line is the right one: markers only precede
        the text, and what may follow it (trailing spaces, a heading's closing ``#``s)
        cannot end a copy of it.
        """
        self._bp_content = []
        self._bp_source = []
        position = 0
        for index, text in enumerate(content.split("\n")):
            line = first_line + index
            # A tab partly used as indentation reaches the content as spaces.
            needle = text.lstrip(_SPACE)
            low = max(self._cursor, self._line_starts[line])
            found = self._haystack.rfind(needle, low, self._line_ends[line])
            self._bp_content.append(position)
            self._bp_source.append(found - (len(text) - len(needle)) if found >= 0 else -1)
            position += len(text) + 1

    def _locate_cell(self, content: str, line: int) -> None:
        """A table cell, whose ``\\|`` reach the content as ``|``."""
        written = content.replace("|", "\\|")
        low = max(self._cursor, self._line_starts[line])
        found = self._haystack.find(written, low, self._line_ends[line])
        self._bp_content = [0]
        self._bp_source = [found]
        if found < 0:
            return
        self._cursor = found + len(written)
        skipped = 0
        pipe = content.find("|")
        while pipe >= 0:
            skipped += 1
            self._bp_content.append(pipe)
            self._bp_source.append(found + pipe + skipped)
            pipe = content.find("|", pipe + 1)

    def _to_source(self, position: int) -> int:
        index = bisect.bisect_right(self._bp_content, position) - 1
        base = self._bp_source[index]
        if base < 0:
            raise _Unmapped
        return base + position - self._bp_content[index]

    # Walking the inline tokens of a block, in content coordinates.

    def _walk(self, children: Sequence[Token], position: int, *, emit: bool) -> int:
        """Consume ``children`` from ``position`` on; return where the last one ends."""
        content = self._content
        index = 0
        while index < len(children):
            token = children[index]
            kind = token.type
            if kind == "text":
                start = _find(content, token.content, position)
                position = start + len(token.content)
                if emit:
                    self._text(start, position)
            elif kind == "text_special":
                start = _find(content, token.markup, position)
                position = start + len(token.markup)
                if emit:
                    self._special(token, start, position)
            elif kind in ("softbreak", "hardbreak"):
                newline = _find(content, "\n", position)
                position = newline + 1
                if emit:
                    self._line_break(newline)
            elif kind == "code_inline":
                position = _code_span_end(content, position, len(token.markup))
                if emit:
                    self._placeholder()
            elif kind == "html_inline":
                start = _find(content, token.content, position)
                position = start + len(token.content)
                if emit:
                    self._inline_html(token.content, start, position)
            elif kind == "image":
                start = _find(content, "![", position)
                label_end = _find(
                    content, "]", self._walk(token.children or [], start + 2, emit=False)
                )
                position = self._link_end(label_end)
                if emit:
                    self._dropped = True
            elif kind == "link_open" and token.markup == "autolink":
                start = _find(content, "<", position)
                position = _find(content, ">", start) + 1
                if emit:
                    self._placeholder()
                while children[index].type != "link_close":
                    index += 1
            elif kind == "link_open":
                position = _find(content, "[", position) + 1
            elif kind == "link_close":
                position = self._link_end(_find(content, "]", position))
            elif kind in _EMPHASIS_MARKERS:
                position = _find(content, token.markup, position) + len(token.markup)
            index += 1
        return position

    def _link_end(self, label_end: int) -> int:
        """Where a link or image whose label closes at ``label_end`` ends.

        Follows markdown-it's link rule step by step: an inline ``(destination "title")``
        if one parses, else a reference label ``[ref]`` / ``[]``, else nothing (shortcut).
        """
        content = self._content
        maximum = len(content)
        position = label_end + 1
        if position < maximum and content[position] == "(":
            position = _skip_blank(content, position + 1)
            destination = parseLinkDestination(content, position, maximum)
            if destination.ok:
                if _MD.validateLink(_MD.normalizeLink(destination.str)):
                    position = destination.pos
                before_title = position
                position = _skip_blank(content, position)
                title = parseLinkTitle(content, position, maximum)
                if position < maximum and before_title != position and title.ok:
                    position = _skip_blank(content, title.pos)
            if position < maximum and content[position] == ")":
                return position + 1
            position += 1
        if position < maximum and content[position] == "[":
            if self._label_state is None:
                self._label_state = StateInline(content, _MD, self._env, [])
            reference_end = parseLinkLabel(self._label_state, position)
            if reference_end >= 0:
                return reference_end + 1
        return label_end + 1

    # Emitting prose.
    #
    # Blanks that end a piece of text wait in ``_pending`` until something follows them:
    # before dropped markup that ends a line or block they would be trailing white space
    # the source does not have, and before dropped markup followed by more blanks they
    # would be a double space the reader does not see.

    def _text(self, start: int, end: int) -> None:
        """Text as written, except bare URLs, which stand as one placeholder each."""
        content = self._content
        for match in _BARE_URL.finditer(content, start, end):
            url_end = _url_end(content, match.start(), match.end())
            self._prose_text(start, match.start())
            self._placeholder()
            start = url_end
        self._prose_text(start, end)

    def _special(self, token: Token, start: int, end: int) -> None:
        if token.info == "escape":
            # An escape of a character that needs none is kept whole, backslash included.
            self._prose_text(start if token.content == token.markup else start + 1, end)
        elif html.unescape(token.markup).isspace():
            self._flush_pending()
            self._synthetic(" ")
            self._dropped = False
        else:
            self._placeholder()

    def _prose_text(self, start: int, end: int) -> None:
        content = self._content
        if self._dropped and (self._pending is not None or self._ends_blank()):
            while start < end and content[start] in _SPACE:
                start += 1
        text_end = end
        while text_end > start and content[text_end - 1] in _SPACE:
            text_end -= 1
        if text_end > start:
            self._flush_pending()
            self._copy_content(start, text_end)
            self._dropped = False
        if text_end < end and (self._pending is None or not self._dropped):
            self._flush_pending()
            self._pending = (text_end, end)

    def _placeholder(self) -> None:
        self._flush_pending()
        self._synthetic(PLACEHOLDER)
        self._dropped = False

    def _line_break(self, newline: int) -> None:
        self._end_line()
        line = self._first_line + bisect.bisect_right(self._bp_content, newline) - 1
        terminator = self._line_ends[line]
        if self._source.startswith("\r\n", terminator):
            self._copy(terminator + 1, 1)
        elif self._source.startswith("\n", terminator):
            self._copy(terminator, 1)
        else:
            self._synthetic("\n")

    def _end_line(self) -> None:
        if self._dropped:
            self._pending = None
        else:
            self._flush_pending()

    def _inline_html(self, text: str, start: int, end: int) -> None:
        self._dropped = True
        if text.startswith("<!--"):
            body = text[4:-3].strip() if text.endswith("-->") else ""
            self._comments.append(
                Comment(self._to_source(start), self._to_source(end - 1) + 1, body)
            )
        elif _BREAK_TAG.fullmatch(text):
            self._end_line()
            self._synthetic("\n")

    def _flush_pending(self) -> None:
        if self._pending is not None:
            start, end = self._pending
            self._pending = None
            self._copy_content(start, end)

    def _ends_blank(self) -> bool:
        return self._block_pending or not self._parts or self._parts[-1][-1] in " \t\n"

    def _copy_content(self, start: int, end: int) -> None:
        """Copy content ``[start, end)`` as the source characters it came from."""
        content = self._content
        while start < end:
            index = bisect.bisect_right(self._bp_content, start) - 1
            stop = end
            if index + 1 < len(self._bp_content):
                stop = min(end, self._bp_content[index + 1])
            source_start = self._to_source(start)
            if not self._haystack.startswith(content[start:stop], source_start):
                raise _Unmapped
            self._copy(source_start, stop - start)
            start = stop

    def _copy(self, source_start: int, length: int) -> None:
        if source_start < self._source_end:
            raise _Unmapped
        self._open_block()
        segments = self._segments
        last = segments[-1] if segments else None
        if (
            last is not None
            and last.prose_start + last.length == self._length
            and last.source_start + last.length == source_start
        ):
            segments[-1] = Segment(last.prose_start, last.source_start, last.length + length)
        else:
            segments.append(Segment(self._length, source_start, length))
        self._parts.append(self._source[source_start : source_start + length])
        self._length += length
        self._source_end = source_start + length

    def _synthetic(self, text: str) -> None:
        self._open_block()
        self._parts.append(text)
        self._length += len(text)

    def _open_block(self) -> None:
        if self._block_pending:
            self._block_pending = False
            if self._length:
                self._parts.append("\n\n")
                self._length += 2


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    if found < 0:
        raise _Unmapped
    return found


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n":
        position += 1
    return position


def _code_span_end(content: str, position: int, width: int) -> int:
    """End of the code span whose opening run of ``width`` backticks is the next one."""
    start = _find(content, "`", position)
    end = _run_end(content, start)
    if end - start != width:
        raise _Unmapped
    while True:
        start = _find(content, "`", end)
        end = _run_end(content, start)
        if end - start == width:
            return end


def _run_end(content: str, start: int) -> int:
    end = start + 1
    while end < len(content) and content[end] == "`":
        end += 1
    return end


def _url_end(text: str, start: int, end: int) -> int:
    """Trim sentence punctuation off a URL; a closing bracket stays if it closes one inside."""
    while end > start and text[end - 1] in _URL_TRAILING_PUNCTUATION:
        closing = text[end - 1]
        if closing in ")]}":
            opening = "([{"[")]}".index(closing)]
            if text.count(opening, start, end) >= text.count(closing, start, end):
                break
        end -= 1
    return end
