from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Option, Rule

if TYPE_CHECKING:
    from linter.readability import Metrics

# Option → (metric, True for a maximum / False for a minimum, what to call it).
LIMITS = {
    "max-grade": ("flesch_kincaid_grade", True, "Flesch–Kincaid grade"),
    "min-reading-ease": ("flesch_reading_ease", False, "Flesch reading ease"),
    "max-fog": ("gunning_fog", True, "Gunning fog index"),
    "max-smog": ("smog_index", True, "SMOG index"),
    "max-coleman-liau": ("coleman_liau_index", True, "Coleman–Liau index"),
    "max-ari": ("automated_readability_index", True, "automated readability index"),
    "max-dale-chall": ("dale_chall", True, "Dale–Chall score"),
    "max-words-per-sentence": ("words_per_sentence", True, "words per sentence"),
}


class Readability(Rule):
    """
    ## What it does
    Computes readability metrics of each file, or of each section under a heading, and
    reports those past the thresholds you set: a Flesch–Kincaid grade above `max-grade`,
    a Flesch reading ease below `min-reading-ease`, and so on for Gunning fog, SMOG,
    Coleman–Liau, ARI, Dale–Chall and words per sentence. The formulas are textstat's,
    fed with renderlint's sentence and word counts (see `renderlint readability`).

    The rule is off by default, and every threshold is unset until you give it: select
    the rule and set at least one threshold.

    ## Why
    A house style can name a reading level ("no harder than grade 12"). Checking it on
    every commit catches the article that drifted into run-on sentences and long words
    before a reader does.

    ## Example
    ```text
    The comprehensive implementation of the strategic organizational reorganization
    necessitated unprecedented coordination between governmental institutions,
    educational establishments and industrial enterprises throughout the administrative
    territories of the country, accelerating modernization.
    ```

    ## Use instead
    ```text
    The plan changed how the work is done. Offices, schools and factories in every part
    of the country had to work together. They did, and the work went faster than before.
    ```

    ## Fix safety
    No fix: making prose easier to read means rewriting it.

    ## Options
    Thresholds, each unset (off) by default:

    - `max-grade`: highest Flesch–Kincaid grade.
    - `min-reading-ease`: lowest Flesch reading ease.
    - `max-fog`: highest Gunning fog index.
    - `max-smog`: highest SMOG index.
    - `max-coleman-liau`: highest Coleman–Liau index.
    - `max-ari`: highest automated readability index.
    - `max-dale-chall`: highest Dale–Chall score.
    - `max-words-per-sentence`: highest mean words per sentence.

    And where they apply:

    - `scope`: `"file"` (default) checks each file as a whole, reported at its first
      line; `"section"` checks each section under a heading, reported at the heading (a
      file without headings is one section).
    - `min-words`: files or sections with fewer words are not checked (default 100): the
      formulas mean little on a few sentences.

    In `renderlint.toml` (in `pyproject.toml`, under `[tool.renderlint.readability]`):

    ```toml
    [readability]
    max-grade = 12
    min-reading-ease = 30
    min-words = 20
    ```
    """

    name = "readability"
    family = "reading"
    summary = "Readability past the configured thresholds (grade level, reading ease …)."
    default_enabled = False
    options = {
        **{
            key: Option(float, None, f"{'highest' if high else 'lowest'} {label} (unset: off)")
            for key, (_, high, label) in LIMITS.items()
        },
        "scope": Option(str, "file", "check each file or each section", ("file", "section")),
        "min-words": Option(int, 100, "leave out files or sections with fewer words"),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        limits = [(key, self.opts[key]) for key in LIMITS if self.opts[key] is not None]
        if not limits:
            return
        from linter.readability import measure

        item = measure(doc, longest=0)
        if self.opts["scope"] == "section" and item.sections:
            for section in item.sections:
                where = f"section “{section.title}”" if section.title else "opening section"
                start, end = _first_line(doc, section.start, section.end)
                yield from self._compare(section.metrics, limits, start, end, where)
        elif doc.paragraphs:
            first = doc.paragraphs[0]
            start, end = _first_line(doc, first.start, first.end)
            yield from self._compare(item.metrics, limits, start, end, "file")

    def _compare(
        self, metrics: Metrics, limits: list, start: int, end: int, where: str
    ) -> Iterator[Diagnostic]:
        if metrics.words < self.opts["min-words"] or not metrics.sentences:
            return
        for key, limit in limits:
            metric, high, label = LIMITS[key]
            value = getattr(metrics, metric)
            if (value > limit) if high else (value < limit):
                side = "above the maximum" if high else "below the minimum"
                yield Diagnostic(start, end, f"{label} {value:.1f} is {side} {limit} ({where})")


def _first_line(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The first line of the prose span ``[start, end)``."""
    newline = doc.prose.find("\n", start, end)
    return start, end if newline < 0 else newline
