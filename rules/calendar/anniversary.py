from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Rule, Severity
from rules.calendar import JUCHE_OFFSET
from rules.terms.pack import run_pack

if TYPE_CHECKING:
    from linter.packs import Founding

_ORDINAL = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:(founding|foundation|birth|death)\s+)?"
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
_YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)(?![\d])")
_DOC_DATE = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})\b"
    r"|\[Juche ?(?P<juche>\d{1,3})\.(?P<jmonth>\d{1,2})\.(?P<jday>\d{1,2})\.?\]"
)


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
        if "anniversary" not in prose and "Anniversary" not in prose:
            return
        document_year = _document_year(prose)
        for sentence in doc.sentences:
            if "nniversary" not in sentence.text:
                continue
            years = {int(y) for y in _YEAR.findall(sentence.text)}
            for match in _ORDINAL.finditer(sentence.text):
                ordinal = int(match.group(1))
                founding = self._subject(match.group(2), match.group("rest"))
                if founding is None:
                    continue
                if len(years) == 1:
                    (year,) = years
                    tolerance = 0
                elif not years and document_year:
                    year, tolerance = document_year, 1
                else:
                    continue
                day = datetime.date(year, 12, 31)
                expected = {year - d.year for d in founding.dates_on(day)}
                if not expected or any(abs(ordinal - e) <= tolerance for e in expected):
                    continue
                right = min(expected, key=lambda e: abs(ordinal - e))
                start = sentence.start + match.start()
                end = sentence.start + match.end(1) + 2
                yield Diagnostic(
                    start,
                    end,
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
    match = _DOC_DATE.search(prose)
    if match is None:
        return None
    if match.group("year"):
        return int(match.group("year"))
    return int(match.group("juche")) + JUCHE_OFFSET


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
