from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule

# Each pattern opens with a blank (the regex engine skips to one fast), checks behind it
# that the run starts there, and takes the rest of the run possessively: a run of n
# blanks costs n steps, not n².
#
# Two or more spaces between words, unless they follow a sentence's end (a two-space
# sentence gap is a typing convention, not a slip) or precede punctuation (that is
# `_BEFORE_PUNCT`'s finding: one slip, one finding).
_PUNCT = r"[,.;:!?](?:[\s\"'”’)\]]|$)"
_DOUBLE = re.compile(rf"( (?<=[^\s.!?:\"'”’)\]] ) ++)(?=[^\s])(?!{_PUNCT})")
_BEFORE_PUNCT = re.compile(rf"([ \t](?<=[^\s][ \t])[ \t]*+)(?={_PUNCT})")
_TRAILING = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?=\r?\n|\Z)")


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
        # Substring tests run at memory speed; most documents skip the patterns entirely.
        if "  " in prose:
            yield from self._double(prose)
        if any(f"{blank}{mark}" in prose for blank in " \t" for mark in ",.;:!?"):
            yield from self._before_punctuation(prose)
        if self.opts["trailing"] and (
            " \n" in prose
            or "\t\n" in prose
            or " \r" in prose
            or "\t\r" in prose
            or prose.endswith((" ", "\t"))
        ):
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
