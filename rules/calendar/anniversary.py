from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Rule, Severity
from rules.calendar import JUCHE_OFFSET, occurrences, sentences_at
from rules.terms.pack import run_pack

if TYPE_CHECKING:
    from linter.packs import Founding

# Patterns here start with a digit, a literal or one of a few characters, so that the
# regex engine skips to where one can start; what a pattern checks before its start (a
# word boundary, the character before a year) it checks looking back from further on.
# "(\d(?<!\w\d)\d{0,2})" is "\b(\d{1,3})".
_ORDINAL = re.compile(
    r"(\d(?<!\w\d)\d{0,2})(?:st|nd|rd|th)\s+(?:(founding|foundation|birth|death)\s+)?"
    r"anniversary\s+of\s+(?P<rest>[^.;:!?]{0,120})",
    re.IGNORECASE,
)
_QUALIFIERS = {
    "founding": "founding",
    "foundation": "founding",
    "establishment": "founding",
    "birth": "birth",
    "death": "death",
    "demise": "death",
    "passing": "death",
    "victory": "event",
    "liberation": "event",
}
# Words that may stand between "anniversary of" and the name of what is remembered.
_FILLERS = frozenset({"the", "a", "great", "glorious", "of", "in", "our", "his", "her"})
# A year not after a digit or a full stop: "(?<![\d.]....)" looks back past the year.
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)(?<![\d.]....)(?![\d])")
# The document's date: "2024.1.27" or "[Juche113.1.2.]", whichever comes first. The first
# pattern starts at the full stop after the year.
_DOTTED_DATE = re.compile(r"\.(?<=\b(?:19|20)\d\d\.)\d{1,2}\.\d{1,2}\b")
_STAMP_DATE = re.compile(r"\[Juche ?(\d{1,3})\.\d{1,2}\.\d{1,2}\.?\]")


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold()


class Anniversary(Rule):
    """
    ## What it does
    Checks "the Nth anniversary of …" against the founding dates in the pack: the
    founding of the WPK (1945), the DPRK (1948), the KPA (counted from 1932 until 2018
    and from 1948 since), the birth and death of leaders, Victory Day (1953). The year is
    the one the same sentence states ("on Oct. 10, Juche 110 (2021)"); where the
    sentence states none, the document's own date ("2024.1.27.", "[Juche113.1.2.]"), one
    year either way allowed, since articles look ahead to or back on an anniversary
    across the turn of a year.

    ## Why
    An ordinal that does not match the founding year is a factual slip that no spell
    checker sees, and in state media it is the kind of error readers notice.

    ## Example
    ```text
    He spoke at a lecture marking the 77th founding anniversary of the WPK on Oct. 10, 2021.
    ```

    ## Use instead
    ```text
    He spoke at a lecture marking the 76th founding anniversary of the WPK on Oct. 10, 2021.
    ```

    ## Fix safety
    No fix is offered: the ordinal, the year or the organisation may be the wrong part.

    ## Options
    None. The dates come from the `foundings` of the configured packs.
    """

    name = "anniversary"
    family = "calendar"
    summary = "An Nth anniversary that does not match the pack's founding date."
    severity = Severity.ERROR

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        self._refs = sorted(
            (
                (_fold(ref), founding)
                for founding in run_pack(self.context).foundings
                for ref in founding.refs
            ),
            key=lambda item: -len(item[0]),
        )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        if "nniversary" not in prose:
            return
        # Only a text that says "anniversary" or "Anniversary" is read.
        found = occurrences(prose, "nniversary")
        if not any(prose[at - 1 : at] in ("a", "A") for at in found):
            return
        # The document's own date is looked for only once a sentence gives no year.
        document_year: int | None = None
        dated = False
        for start, text in sentences_at(doc, found):
            years = None
            for match in _ORDINAL.finditer(text):
                ordinal = int(match.group(1))
                founding = self._subject(match.group(2), match.group("rest"))
                if founding is None:
                    continue
                if years is None:
                    years = {int(y) for y in _YEAR.findall(text)}
                if len(years) == 1:
                    (year,) = years
                    tolerance = 0
                elif not years:
                    if not dated:
                        document_year, dated = _document_year(prose), True
                    if not document_year:
                        continue
                    year, tolerance = document_year, 1
                else:
                    continue
                day = datetime.date(year, 12, 31)
                expected = {year - d.year for d in founding.dates_on(day)}
                if not expected or any(abs(ordinal - e) <= tolerance for e in expected):
                    continue
                right = min(expected, key=lambda e: abs(ordinal - e))
                yield Diagnostic(
                    start + match.start(),
                    start + match.end(1) + 2,
                    f"the {founding.event} was in {year - right}, so {year} marks the "
                    f"{_ordinal(right)} anniversary, not the {_ordinal(ordinal)}",
                )

    def _subject(self, before: str | None, rest: str) -> Founding | None:
        """What the anniversary is of, from the words after \"anniversary of\"."""
        qualifier = _QUALIFIERS.get(before.lower()) if before else None
        words = rest.split()
        position = 0
        while position < len(words):
            word = words[position].lower()
            if word in _QUALIFIERS and qualifier is None:
                qualifier = _QUALIFIERS[word]
            elif word not in _FILLERS:
                break
            position += 1
        remainder = _fold(" ".join(words[position:]))
        for ref, founding in self._refs:
            if not remainder.startswith(ref):
                continue
            tail = remainder[len(ref) : len(ref) + 1]
            if tail and (tail.isalnum()):
                continue
            if qualifier is not None and founding.kind != qualifier:
                continue
            if qualifier is None and founding.kind not in ("founding", "event"):
                continue
            return founding
        return None


def _document_year(prose: str) -> int | None:
    dotted = _DOTTED_DATE.search(prose)
    stamp = _STAMP_DATE.search(prose)
    if dotted is not None and (stamp is None or dotted.start() < stamp.start()):
        return int(prose[dotted.start() - 4 : dotted.start()])
    if stamp is not None:
        return int(stamp.group(1)) + JUCHE_OFFSET
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
