from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule

# Each pattern opens with a blank (the regex engine skips to one fast; `_DOUBLE` opens
# with two spaces, so it stops only where there are two), checks behind it that the run
# starts there, and takes the rest of the run possessively: a run of n blanks costs n
# steps, not n².
#
# Two or more spaces between words, unless they follow a sentence's end (a two-space
# sentence gap is a typing convention, not a slip) or precede punctuation (that is
# `_BEFORE_PUNCT`'s finding: one slip, one finding).
_PUNCT = r"[,.;:!?](?:[\s\"'”’)\]]|$)"
_DOUBLE = re.compile(rf"(  (?<=[^\s.!?:\"'”’)\]]  ) *+)(?=[^\s])(?!{_PUNCT})")
_BEFORE_PUNCT = re.compile(rf"([ \t](?<=[^\s][ \t])[ \t]*+)(?={_PUNCT})")
_TRAILING = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?=\r?\n|\Z)")
# The character after a space, where the two could start one of the slips above (in a
# lookahead, so that in "  ," both pairs are seen).
_AFTER_SPACE = re.compile(r" (?=([ ,.;:!?\r\n]))")


class Whitespace(Rule):
    """
    ## What it does
    Finds stray white space in prose: two or more spaces between the words of a
    sentence, a space before `,` `.` `;` `:` `!` `?`, and spaces or tabs at the end of a
    line.

    ## Why
    Stray spaces come from copying text out of web pages and word processors. They break
    searches of the archive ("General  Secretary" is not found by "General Secretary") and
    look careless in print. A space before punctuation is a French convention, not an
    English one.

    ## Example
    ```text
    The meeting was held in Pyongyang , the capital.  It was attended by  officials.
    ```

    ## Use instead
    ```text
    The meeting was held in Pyongyang, the capital.  It was attended by officials.
    ```

    ## Fix safety
    Safe: the fix only removes or collapses spaces and tabs; no word or punctuation mark
    changes. In Markdown, two trailing spaces mark a hard line break and are left alone.

    ## Options
    `trailing`: also report white space at the end of lines (default true).
    """

    name = "whitespace"
    family = "typography"
    summary = "Double spaces, a space before punctuation, trailing white space."
    fixable = True
    options = {
        "trailing": Option(bool, True, "report spaces and tabs at the end of a line"),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        if "\t" in prose:
            # Tabs are rare: let each pattern look for itself.
            double = before_punctuation = trailing = True
        else:
            # Each slip starts with a space; one pass collects what follows the spaces
            # that could start one, and most documents need no pattern at all.
            after = set(_AFTER_SPACE.findall(prose))
            double = " " in after
            before_punctuation = not after.isdisjoint(",.;:!?")
            trailing = "\n" in after or "\r" in after or prose.endswith(" ")
        if double:
            yield from self._double(prose)
        if before_punctuation:
            yield from self._before_punctuation(prose)
        if self.opts["trailing"] and trailing:
            yield from self._trailing(doc, prose)

    def _double(self, prose: str) -> Iterator[Diagnostic]:
        for match in _DOUBLE.finditer(prose):
            start, end = match.span(1)
            yield Diagnostic(
                start,
                end,
                f"{end - start} spaces between words",
                fix=Fix.replace(start, end, " "),
            )

    def _before_punctuation(self, prose: str) -> Iterator[Diagnostic]:
        for match in _BEFORE_PUNCT.finditer(prose):
            start, end = match.span(1)
            mark = prose[end]
            yield Diagnostic(start, end, f"space before {mark!r}", fix=Fix.replace(start, end, ""))

    def _trailing(self, doc: Document, prose: str) -> Iterator[Diagnostic]:
        for match in _TRAILING.finditer(prose):
            start, end = match.span()
            if doc.kind == "markdown" and prose[start:end] == "  " * ((end - start) // 2):
                continue
            yield Diagnostic(start, end, "trailing white space", fix=Fix.replace(start, end, ""))
