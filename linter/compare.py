"""Comparing a rendering with its source article, or two renderings with each other.

The flow of a pair: load both documents (or one bilingual file), align them
(:mod:`linter.align`), run the enabled pair rules over the alignment, and resolve what they
report on the rendering, with the ``related`` span in the source. Suppression directives,
``[[suppress]]`` entries, per-file ignores and severity overrides apply as in ``check``.

``check`` uses the same machinery for the pairs that the configured naming rules find
(:func:`compare_in_run`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.align import Alignment, align_documents, guess_mode, prior_ratio, word_anchors
from linter.diagnostics import Related, Report
from linter.document import Document
from linter.engine import LintResult
from linter.errors import InputError, UsageError
from linter.pairs import Pairing
from linter.rule import Context
from linter.sources import read_source

if TYPE_CHECKING:
    from linter.engine import Linter

MODES = ("translation", "renderings")


@dataclass
class CompareResult(LintResult):
    """What a comparison run produced: a ``LintResult``, plus the alignments."""

    alignments: list[Alignment] = field(default_factory=list)


def pairing(settings) -> Pairing:
    table = settings.extra.get("compare") or {}
    return Pairing(list(table.get("pairs", [])))


def align(
    source: Document,
    target: Document,
    *,
    mode: str | None = None,
    links=None,
    context: Context | None = None,
) -> Alignment:
    """Align a pair, with the length ratios and anchors the rules package supplies
    (``rules.LENGTH_RATIOS``: typical ratios of script pairs; ``rules.ALIGNMENT_ANCHORS``:
    ``(context, document) -> (text -> keys)``, keys that both sides of a pair share)."""
    import rules

    if mode not in (None, "auto", *MODES):
        raise UsageError(f"unknown comparison mode {mode!r} (expected translation or renderings)")
    chosen = guess_mode(source, target) if mode in (None, "auto") else mode
    prior = prior_ratio(source, target, getattr(rules, "LENGTH_RATIOS", {}))
    factory = getattr(rules, "ALIGNMENT_ANCHORS", None)
    anchor = None
    if chosen == "renderings":
        anchor = (word_anchors, word_anchors)
    elif factory is not None:
        context = context or Context()
        anchor = (factory(context, source), factory(context, target))
    return align_documents(source, target, mode=chosen, links=links, prior=prior, anchor=anchor)


def pair_reports(linter: Linter, alignment: Alignment) -> list[Report]:
    """The enabled pair rules' findings on the rendering, resolved, before suppression."""
    source, target = alignment.source, alignment.target
    ignored = linter.settings.ignored_rules(target.path)
    reports = []
    for rule in linter.rules:
        if not rule.pair or rule.name in ignored or alignment.mode not in rule.modes:
            continue
        for diagnostic in rule.check(source, target, alignment):
            related, diagnostic.related = diagnostic.related, None
            report = linter.resolve(target, rule, diagnostic)
            if related is not None:
                report.related = related_location(source, related)
            reports.append(report)
    return reports


def related_location(source: Document, related: Related) -> dict:
    start, end = source.source_span(related.start, related.end)
    where = source.lines.location(start)
    until = source.lines.location(end)
    return {
        "path": source.path,
        "line": where.line,
        "column": where.column,
        "end_line": until.line,
        "end_column": until.column,
        "offset": start,
        "end_offset": end,
        "message": related.message,
    }


def compare_documents(
    linter: Linter, source: Document, target: Document, *, mode: str | None = None, links=None
) -> CompareResult:
    """Compare two parsed documents (``links``: ready-made paragraph links)."""
    alignment = align(source, target, mode=mode, links=links, context=linter.context)
    result = CompareResult(alignments=[alignment])
    result.paths.append(target.path)
    result.lines[target.path] = target.lines
    result.characters = len(source.text) + len(target.text)
    per_file = {target.path: (target, pair_reports(linter, alignment))}
    linter.finish_reports(per_file, result, report_unused=False)
    return result


def load(linter: Linter, path: str) -> Document:
    source = read_source(path, linter.settings.encoding)
    doc = linter.document(path, source.text)
    doc.encoding, doc.bom = source.encoding, source.bom
    return doc


def compare_paths(
    linter: Linter, source_path: str, target_path: str | None = None, *, mode: str | None = None
) -> CompareResult:
    """Compare two files, or the two sides of one bilingual file (``target_path`` None)."""
    try:
        if target_path is None:
            from linter.bilingual import is_bilingual, load_bilingual

            if not is_bilingual(source_path):
                raise UsageError(
                    f"{source_path}: give SOURCE and RENDERING, or one bilingual file "
                    "(.tsv, .xlf, .xliff, .tmx, .po)"
                )
            pair = load_bilingual(source_path, linter.settings.encoding)
            return compare_documents(
                linter, pair.source, pair.target, mode=mode, links=pair.links()
            )
        source = load(linter, source_path)
        target = load(linter, target_path)
    except InputError as exc:
        return CompareResult(errors=[str(exc)])
    return compare_documents(linter, source, target, mode=mode)


def compare_in_run(linter: Linter, per_file: dict, result: LintResult) -> None:
    """In ``check``: add the pair rules' findings for every rendering with a source."""
    rules = pairing(linter.settings)
    for path, (doc, reports) in list(per_file.items()):
        source_path = rules.source_for(path)
        if source_path is None:
            continue
        known = per_file.get(source_path)
        if known is not None:
            source = known[0]
        else:
            try:
                source = load(linter, source_path)
            except InputError as exc:
                result.errors.append(f"{exc} (the source of {path})")
                continue
        reports.extend(pair_reports(linter, align(source, doc, context=linter.context)))


def compare_texts(
    source_text: str,
    target_text: str,
    *,
    source_path: str = "source.txt",
    target_path: str = "rendering.txt",
    mode: str | None = None,
    settings=None,
    **selection,
) -> list[Report]:
    """Compare two texts as if they were the files named; returns the reports, sorted."""
    from linter.engine import Linter

    linter = Linter(settings, **selection)
    source = linter.document(source_path, source_text)
    target = linter.document(target_path, target_text)
    return compare_documents(linter, source, target, mode=mode).reports
