from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule

_STRAIGHT = "\"'"
_CURLY = "“”‘’"
_OPENING_CONTEXT = re.compile(r"[\s(\[{—–-]")
_TO_STRAIGHT = {"“": '"', "”": '"', "‘": "'", "’": "'"}


class QuoteStyle(Rule):
    """
    ## What it does
    Finds a document that mixes straight quotes and apostrophes (`"` `'`) with curly
    ones (`“ ” ‘ ’`), and reports each mark of the minority style, saying which style
    dominates and how often each occurs.

    ## Why
    Mixed quotes betray text pasted together from different sources. They also defeat
    searches: "Workers' Party" and "Workers’ Party" are different strings to a search box
    or a database.

    ## Example
    ```text
    The Workers’ Party of Korea held the "On the Important Tasks" lecture; the Party’s
    officials attended the General Secretary’s speech.
    ```

    ## Use instead
    ```text
    The Workers’ Party of Korea held the “On the Important Tasks” lecture; the Party’s
    officials attended the General Secretary’s speech.
    ```

    ## Fix safety
    Unsafe: turning a straight quote into a curly one means guessing whether it opens or
    closes a quotation from the characters around it, and a guess can be wrong
    ("’90s", nested quotes). Curly-to-straight is exact, but is offered with the same
    applicability for one review of the whole change.

    ## Options
    `style`: `"auto"` (the majority of the document wins; a tie goes to straight),
    `"straight"` or `"curly"` to enforce one style everywhere.
    """

    name = "quote-style"
    family = "typography"
    summary = "Straight and curly quotes or apostrophes mixed in one document."
    fixable = True
    options = {
        "style": Option(
            str,
            "auto",
            'which style wins: "auto", "straight" or "curly"',
            choices=("auto", "straight", "curly"),
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        style = self.opts["style"]
        if style == "auto" and not (
            ('"' in prose or "'" in prose) and any(mark in prose for mark in _CURLY)
        ):
            return
        # Counting a character is a fast scan; offsets are only needed for the marks
        # that are reported.
        straight = sum(map(prose.count, _STRAIGHT))
        curly = sum(map(prose.count, _CURLY))
        counts = f"{curly} curly, {straight} straight"
        if style == "auto":
            if not straight or not curly:
                return
            style = "curly" if curly > straight else "straight"
            reason = f"in a document where {style} quotes dominate ({counts})"
        else:
            reason = f"where the configured style is {style} ({counts})"
        for offset in _offsets(prose, _STRAIGHT if style == "curly" else _CURLY):
            mark = prose[offset]
            replacement = _curled(prose, offset) if style == "curly" else _TO_STRAIGHT[mark]
            yield Diagnostic(
                offset,
                offset + 1,
                f"{_describe(mark)} {reason}",
                fix=Fix.replace(offset, offset + 1, replacement, safe=False),
            )


def _offsets(text: str, marks: str) -> list[int]:
    """The offsets of the characters in ``marks``, in order."""
    found = []
    for mark in marks:
        offset = text.find(mark)
        while offset >= 0:
            found.append(offset)
            offset = text.find(mark, offset + 1)
    found.sort()
    return found


def _describe(mark: str) -> str:
    kind = "double quote" if mark in '"“”' else "apostrophe or single quote"
    shape = "straight" if mark in "\"'" else "curly"
    return f"{shape} {kind} {mark!r}"


def _curled(text: str, offset: int) -> str:
    mark = text[offset]
    opening = offset == 0 or bool(_OPENING_CONTEXT.match(text[offset - 1]))
    if mark == '"':
        return "“" if opening else "”"
    return "‘" if opening else "’"
