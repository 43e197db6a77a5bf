from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule, Severity
from rules.calendar import JUCHE_OFFSET, sentences_at

# Patterns start with the literal "Juche" so the regex engine can skip ahead to it. Most
# articles that say "Juche" speak of the Juche idea: `_JUCHE_NUMBER` finds where a date
# that either rule could report may start, if anywhere.
_JUCHE_NUMBER = re.compile(r"Juche[ \u00a0]*\d")
_PAIRED = re.compile(r"Juche[ \u00a0]*(\d{1,3})[ \u00a0]*\((\d{4})\.?\)")
_ALONE = re.compile(r"Juche[ \u00a0]+(\d{1,3})\b(?![ \u00a0]*\()")
_YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)(?![\d.]?\d)")


class JucheYear(Rule):
    """
    ## What it does
    Checks the arithmetic of Juche dates: in "Juche N (YYYY)" the Juche year N must be
    YYYY − 1911. A Juche year written alone ("in Juche 113") is checked against a
    Gregorian year in the same sentence when there is exactly one.

    ## Why
    Juche 1 is 1912, so Juche 110 is 2021. A slip in either number puts an event in the
    wrong year, and readers who convert the date cannot tell which of the two is right.

    ## Example
    ```text
    The conference was held in April Juche 110 (2022).
    ```

    ## Use instead
    ```text
    The conference was held in April Juche 110 (2021).
    ```

    ## Fix safety
    No fix is offered: the rule cannot know which of the two numbers is wrong.

    ## Options
    None.
    """

    name = "juche-year"
    family = "calendar"
    summary = "A Juche year that does not match its Gregorian year (Juche = year − 1911)."
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        first = _JUCHE_NUMBER.search(prose)
        if first is None:
            return
        for match in _PAIRED.finditer(prose, first.start()):
            juche, year = int(match.group(1)), int(match.group(2))
            if juche + JUCHE_OFFSET != year:
                yield Diagnostic(
                    match.start(),
                    match.end(),
                    f"Juche {juche} is {juche + JUCHE_OFFSET}, not {year} "
                    f"({year} is Juche {year - JUCHE_OFFSET})",
                )
        # A Juche year alone never spans sentences, so the sentences to read are those
        # where the whole text has one.
        alone = [match.start() for match in _ALONE.finditer(prose, first.start())]
        for start, text in sentences_at(doc, alone):
            for match in _ALONE.finditer(text):
                years = {int(y) for y in _YEAR.findall(text)}
                if len(years) != 1:
                    continue
                (year,) = years
                juche = int(match.group(1))
                if juche + JUCHE_OFFSET != year:
                    yield Diagnostic(
                        start + match.start(),
                        start + match.end(),
                        f"Juche {juche} is {juche + JUCHE_OFFSET}, but this sentence dates "
                        f"it {year} (Juche {year - JUCHE_OFFSET})",
                    )


class JucheYearFormat(Rule):
    """
    ## What it does
    Checks how Juche dates are written: "Juche 110 (2021)", with a space before the
    parenthesis. Also reports the website date stamp "[Juche113.1.2.]" that copies from
    kcna.kp pick up, unless the `allow-site-stamp` option says to keep it.

    ## Why
    KCNA and Rodong Sinmun English write "Juche 113 (2024)" (191 of 191 such dates in one
    archive). "Juche 110(2021)" is a slip of copying, and the site stamp is page furniture,
    not part of the article.

    ## Example
    ```text
    In April of Juche 110(2021) the conference was held.
    ```

    ## Use instead
    ```text
    In April of Juche 110 (2021) the conference was held.
    ```

    ## Fix safety
    Safe: the fix inserts one space; no digit changes. The site stamp has no fix: whether
    to delete it is an editor's decision.

    ## Options
    `allow-site-stamp`: keep "[Juche113.1.2.]" stamps without a finding (default false).
    """

    name = "juche-year-format"
    family = "calendar"
    summary = 'A Juche date not written "Juche N (YYYY)", or a website date stamp.'
    fixable = True
    options = {
        "allow-site-stamp": Option(bool, False, 'keep "[Juche113.1.2.]" website stamps'),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        for match in _GLUED.finditer(prose):
            digits_start = match.start()
            while digits_start > 0 and prose[digits_start - 1].isdigit():
                digits_start -= 1
            before = prose[digits_start - 1] if digits_start else " "
            if not (0 < match.start() - digits_start <= 3) or before.isalnum() or before in "._":
                continue
            juche, year = int(prose[digits_start : match.start()]), int(match.group("year"))
            after_juche = prose[max(0, match.start() - 6) : match.start()] == "Juche "
            if not after_juche and juche + JUCHE_OFFSET != year:
                continue
            yield Diagnostic(
                digits_start,
                match.end(),
                f'write a space between the Juche year and the parenthesis: "{juche} ({year})"',
                fix=Fix.replace(match.start(), match.start(), " "),
            )
        if not _JUCHE_NUMBER.search(prose):
            return
        for match in _WORD_SPACE.finditer(prose):
            yield Diagnostic(
                match.start(),
                match.end(),
                f'write a space after "Juche": "Juche {match.group(1)}"',
                fix=Fix.replace(match.start(1), match.start(1), " "),
            )
        if self.opts["allow-site-stamp"]:
            return
        for match in _STAMP.finditer(prose):
            yield Diagnostic(
                match.start(),
                match.end(),
                "website date stamp copied with the article; remove it or set `allow-site-stamp`",
            )


# "110(2021)": a Juche year glued to its Gregorian year, after "Juche" or, whatever the
# word before it, when the two numbers agree as a Juche date. The pattern starts at the
# parenthesis (a literal the regex engine finds fast); the digits before it are read back.
_GLUED = re.compile(r"\((?P<year>\d{4})\)")
_WORD_SPACE = re.compile(r"Juche(\d{1,3})\b(?![.\d]*\])")
_STAMP = re.compile(r"\[Juche ?\d{1,3}\.\d{1,2}\.\d{1,2}\.?\]")
