"""The engine: run the enabled rules over documents and resolve what they report."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from linter.config import Settings
from linter.diagnostics import Diagnostic, Edit, Fix, Report, Severity
from linter.discovery import discover
from linter.document import Document, LineIndex
from linter.errors import InputError
from linter.markup import kind_for
from linter.registry import Registry, registry
from linter.rule import Context, Rule
from linter.sources import read_source
from linter.suppress import (
    ConfigSuppressions,
    UnusedSuppression,
    apply_directives,
    parse_directives,
    unused_directive_reports,
)


@dataclass
class LintResult:
    reports: list[Report] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lines: dict[str, LineIndex] = field(default_factory=dict)
    characters: int = 0

    @property
    def files(self) -> int:
        return len(self.paths)


# Documents checked together, rule by rule (see `Linter.check_documents`).
CHUNK = 256


class Linter:
    """One configured run: rules instantiated and compiled once, used for every file."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        rules: Registry | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.registry = rules or registry()
        chosen = self.registry.enabled(
            select if select is not None else self.settings.select,
            [*self.settings.extend_select, *(extend_select or [])],
            [*self.settings.ignore, *(ignore or [])],
        )
        self.context = Context(settings=self.settings)
        self.rules: list[Rule] = [
            cls(self.settings.rule_options.get(cls.name), self.context)
            for cls in chosen
            if cls is not UnusedSuppression
        ]
        self.enabled = {cls.name for cls in chosen}
        self.report_unused = UnusedSuppression.name in self.enabled

    def close(self) -> None:
        """End the run: rules release what they hold (a LanguageTool server, say)."""
        for rule in self.rules:
            rule.close()

    def __enter__(self) -> Linter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -----------------------------------------------------------------

    def document(self, path: str, text: str, kind: str | None = None) -> Document:
        return Document(path, text, kind or kind_for(path))

    def lint_text(self, text: str, path: str = "<stdin>", kind: str | None = None) -> list[Report]:
        """Lint one text as a run of its own (corpus rules see this text alone)."""
        doc = self.document(path, text, kind)
        return self.lint_documents([doc]).reports

    def lint_paths(
        self, paths: list[str], *, force_exclude: bool = False, jobs: int = 1
    ) -> LintResult:
        """Lint files and folders; ``jobs`` processes check the files side by side (the
        corpus rules' reduction and the suppressions run once, here)."""
        with _no_cycle_collection():
            docs, result = self.load_paths(paths, force_exclude=force_exclude)
            linted = self.lint_documents(docs, jobs=jobs)
        linted.errors[:0] = result.errors
        linted.notices[:0] = result.notices
        return linted

    def load_paths(
        self, paths: list[str], *, force_exclude: bool = False
    ) -> tuple[list[Document], LintResult]:
        """The documents of the files found under ``paths``, and a result holding only the
        discovery notices and the files that could not be read."""
        found = discover(paths, self.settings, force_exclude=force_exclude)
        result = LintResult(errors=list(found.errors), notices=list(found.notices))
        docs: list[Document] = []
        for path in found.files:
            try:
                source = read_source(path, self.settings.encoding)
            except InputError as exc:
                result.errors.append(str(exc))
                continue
            doc = self.document(path, source.text)
            doc.encoding, doc.bom = source.encoding, source.bom
            docs.append(doc)
        return docs, result

    def lint_documents(self, docs: Iterable[Document], *, jobs: int = 1) -> LintResult:
        with _no_cycle_collection():
            return self._lint_documents(list(docs), jobs)

    def _lint_documents(self, docs: list[Document], jobs: int) -> LintResult:
        result = LintResult()
        per_file: dict[str, tuple[Document, list[Report]]] = {}
        corpus_rules = [r for r in self.rules if r.corpus]
        collected: dict[str, list[tuple[str, Any]]] = {r.name: [] for r in corpus_rules}
        pairing = self._pairing()
        for doc, (reports, data) in zip(docs, self._check_all(docs, pairing, jobs), strict=True):
            result.paths.append(doc.path)
            result.characters += len(doc.text)
            per_file[doc.path] = (doc, reports)
            for name, value in data:
                collected[name].append((doc.path, value))
        for rule in corpus_rules:
            for diagnostic in rule.finish(collected[rule.name]):
                entry = per_file.get(diagnostic.path or "")
                if entry is None:
                    continue
                entry[1].append(self.resolve(entry[0], rule, diagnostic, per_file))
        if pairing:
            from linter.compare import compare_in_run

            compare_in_run(self, per_file, result)
        self.finish_reports(per_file, result)
        # The line index of each file with a finding, for excerpts.
        for report in result.reports:
            if report.path not in result.lines and report.path in per_file:
                result.lines[report.path] = per_file[report.path][0].lines
        return result

    def _check_all(
        self, docs: list[Document], pairing: Any, jobs: int
    ) -> list[tuple[list[Report], list[tuple[str, Any]]]]:
        """Each document's reports and corpus data, in document order."""
        if jobs > 1 and len(docs) >= 2 * jobs and all(r.parallel for r in self.rules):
            from linter.parallel import check_in_processes

            return check_in_processes(self, docs, pairing, jobs)
        return self.check_documents(docs, pairing)

    def check_documents(
        self, docs: list[Document], pairing: Any = None
    ) -> list[tuple[list[Report], list[tuple[str, Any]]]]:
        """Each document's reports from the per-file rules, and what the corpus rules
        collect from it (rule name, data), in document order.

        Documents are checked ``CHUNK`` at a time, rule by rule: a rule's indexes and
        caches (automata of the pack, word readings) stay in the processor's caches
        across the chunk, where document by document every rule evicted the others'
        (a sixth of the time on the bundled corpus). The values the chunk's rules
        derived through ``Document.memo`` are dropped after it, so memory grows with
        the chunk, not with the run.
        """
        out: list[tuple[list[Report], list[tuple[str, Any]]]] = []
        for first in range(0, len(docs), CHUNK):
            chunk = docs[first : first + CHUNK]
            checked = []
            for doc in chunk:
                entry: tuple[list[Report], list[tuple[str, Any]]] = ([], [])
                out.append(entry)
                if pairing and pairing.is_source(doc.path):
                    # A source article: read by the pair rules of its rendering, not linted.
                    continue
                checked.append((doc, self.settings.ignored_rules(doc.path), entry))
            for rule in self.rules:
                if rule.pair:
                    continue
                name = rule.name
                todo = [(doc, entry) for doc, ignored, entry in checked if name not in ignored]
                if rule.corpus:
                    for doc, (_, data) in todo:
                        value = rule.collect(doc)
                        if value is not None:
                            data.append((name, value))
                    continue
                found = rule.check_each([doc for doc, _ in todo])
                for (doc, (reports, _)), diagnostics in zip(todo, found, strict=True):
                    reports += [self.resolve(doc, rule, d) for d in diagnostics]
            for doc in chunk:
                doc.drop_memo()
        return out

    def check_document(
        self, doc: Document, pairing: Any = None
    ) -> tuple[list[Report], list[tuple[str, Any]]]:
        """One document's reports from the per-file rules, and what the corpus rules
        collect from it (rule name, data)."""
        return self.check_documents([doc], pairing)[0]

    def _pairing(self):
        """The naming rules of source/rendering pairs, when pair rules are enabled."""
        if not self.settings.extra.get("compare") or not any(r.pair for r in self.rules):
            return None
        from linter.compare import pairing

        return pairing(self.settings)

    def finish_reports(
        self,
        per_file: dict[str, tuple[Document, list[Report]]],
        result: LintResult,
        *,
        report_unused: bool | None = None,
    ) -> None:
        """Suppressions, severity overrides and sorting: what every run ends with."""
        if report_unused is None:
            report_unused = self.report_unused
        config_suppressions = ConfigSuppressions(self.settings)
        known = {*self.registry.by_name, *self.registry.families}
        for doc, reports in per_file.values():
            directives = parse_directives(doc, known, self.registry.expand)
            kept = apply_directives(doc, reports, directives)
            kept = config_suppressions.apply(doc, kept)
            if report_unused and UnusedSuppression.name not in self.settings.ignored_rules(
                doc.path
            ):
                kept += unused_directive_reports(doc, directives, self.enabled)
            result.reports.extend(kept)
        if report_unused:
            result.reports.extend(config_suppressions.unused_reports())
        for report in result.reports:
            override = self.settings.severity.get(report.rule)
            if override is not None:
                report.severity = override
        result.reports.sort(key=Report.sort_key)

    # -- resolution ----------------------------------------------------------------

    def resolve(
        self,
        doc: Document,
        rule: Rule,
        diagnostic: Diagnostic,
        others: dict[str, tuple[Document, list[Report]]] | None = None,
    ) -> Report:
        """Map a rule's prose-offset diagnostic to a report on the original file."""
        start, end = doc.source_span(diagnostic.start, diagnostic.end)
        lines = doc.lines
        related = None
        rel = diagnostic.related
        if rel is not None:
            target = doc
            if rel.path is not None and rel.path != doc.path and others and rel.path in others:
                target = others[rel.path][0]
            if rel.path is None or target.path == rel.path:
                r_start, _ = target.source_span(rel.start, rel.end)
                where = target.lines.location(r_start)
                related = {
                    "path": target.path,
                    "line": where.line,
                    "column": where.column,
                    "offset": r_start,
                    "message": rel.message,
                }
        return Report(
            path=doc.path,
            rule=rule.name,
            severity=diagnostic.severity or rule.severity,
            message=diagnostic.message,
            offset=start,
            end_offset=end,
            start=lines.location(start),
            end=lines.location(end),
            fix=self._map_fix(doc, diagnostic.fix),
            related=related,
            extra=diagnostic.extra,
        )

    @staticmethod
    def _map_fix(doc: Document, fix: Fix | None) -> Fix | None:
        if fix is None:
            return None
        edits = []
        for edit in fix.edits:
            mapped = doc.offsets.edit_to_source(edit.start, edit.end)
            if mapped is None:
                return None
            edits.append(Edit(mapped[0], mapped[1], edit.content))
        return Fix(tuple(edits), fix.applicability)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A run allocates many small containers and frees them by reference counting; the
    cyclic garbage collector, which would scan them over and over, waits until it ends
    (a run of the KCNA corpus is 5% faster, and no larger)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What the run keeps goes to the oldest generation, for the collector's next
            # full pass, instead of being scanned as young objects at once.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def at_or_above(reports: list[Report], level: Severity) -> bool:
    return any(r.severity.rank >= level.rank for r in reports)


def display_path(path: str) -> str:
    return path if path == "-" else os.path.normpath(path)
