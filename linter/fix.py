"""Applying fixes: splice edits into a text, re-lint until stable, write files atomically.

Safety holds by construction:

- An edit is a range of the original file that the engine mapped from a range of prose
  (a fix that would cross markup is never offered), so only prose characters change.
- Fixes are spliced into the text the engine read, "\\r" included: line endings, and every
  character outside the edits, stay as they were.
- A file is written only when its bytes change, through a temporary file in the same
  folder renamed over the original, with the original's encoding, BOM and mode bits, and
  only if the file on disk still holds exactly the bytes that were linted.
"""

from __future__ import annotations

import contextlib
import difflib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from linter.diagnostics import Applicability, Edit, Report
from linter.document import Document
from linter.engine import Linter, LintResult
from linter.errors import RenderlintError

MAX_ITERATIONS = 10
UTF8_BOM = b"\xef\xbb\xbf"


class FixError(RenderlintError):
    """A file could not be fixed or written; the file is left as it was."""


# -- applying edits ----------------------------------------------------------------------


def applicable(report: Report, unsafe: bool) -> bool:
    fix = report.fix
    return (
        fix is not None and bool(fix.edits) and (unsafe or fix.applicability is Applicability.SAFE)
    )


def _edits_in_order(report: Report, length: int) -> tuple[Edit, ...] | None:
    """The fix's edits sorted, or None when they fall outside the text or overlap."""
    assert report.fix is not None
    edits = tuple(sorted(report.fix.edits, key=lambda e: (e.start, e.end)))
    end = 0
    for i, edit in enumerate(edits):
        if not (end <= edit.start <= edit.end <= length):
            return None
        if i and edit.start == edit.end == end and edits[i - 1].start == edits[i - 1].end:
            return None  # two insertions at one point: their order would be a guess
        end = edit.end
    return edits


def apply_fixes(text: str, reports: Iterable[Report], unsafe: bool) -> tuple[str, list[Report]]:
    """``text`` with the fixes of ``reports`` spliced in, and the reports whose fix was applied.

    Fixes are taken in the order of their first edit; a fix that overlaps one already taken
    is left for a later pass, and the edits of one fix are applied all or none. A fix
    identical to the one just applied (two findings, one remedy) counts as applied.
    Unsafe fixes are applied only when ``unsafe`` is true.
    """
    candidates = []
    for report in reports:
        if not applicable(report, unsafe):
            continue
        edits = _edits_in_order(report, len(text))
        if edits is not None:
            candidates.append((edits, report))
    candidates.sort(
        key=lambda c: (c[0][0].start, c[0][-1].end, c[1].rule, c[1].offset, c[1].message)
    )
    pieces: list[str] = []
    applied: list[Report] = []
    position = 0
    last: tuple[Edit, ...] | None = None
    for edits, report in candidates:
        if edits == last:
            applied.append(report)
            continue
        first = edits[0]
        if first.start < position:
            continue
        if (
            last is not None
            and first.start == first.end == position
            and last[-1].start == last[-1].end == position
        ):
            continue  # an insertion where the last fix inserted: order unknown
        for edit in edits:
            pieces.append(text[position : edit.start])
            pieces.append(edit.content)
            position = edit.end
        applied.append(report)
        last = edits
    if not applied:
        return text, []
    pieces.append(text[position:])
    return "".join(pieces), applied


# -- fixing one document -----------------------------------------------------------------


@dataclass
class FixResult:
    """What fixing one document did.

    ``passes`` holds, for each pass, the reports whose fixes were applied; their edits are
    offsets into the text as it stood before that pass. When ``error`` is set the fixes did
    not converge: ``text`` is the original text and ``fixed`` is 0.
    """

    path: str
    original: str
    text: str
    fixed: int = 0
    passes: list[list[Report]] = field(default_factory=list)
    error: str | None = None
    rules: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original


def fix_document(
    linter: Linter,
    path: str,
    text: str,
    kind: str | None = None,
    unsafe: bool = False,
    *,
    max_iterations: int = MAX_ITERATIONS,
    reports: list[Report] | None = None,
) -> FixResult:
    """Apply fixes to ``text`` and re-lint it until no fix applies.

    ``reports`` may hold the findings of a run that already linted this text (the first
    pass then needs no lint of its own). After ``max_iterations`` passes that each applied
    a fix, or as soon as the text comes back to an earlier state, the fixes are declared
    non-converging: the result names the rules whose fixes kept being applied and keeps
    the original text.
    """
    result = FixResult(path, text, text)
    seen = {text: 0}
    current = text
    for iteration in itertools.count():
        if reports is None or iteration:
            reports = linter.lint_documents([linter.document(path, current, kind)]).reports
        new, applied = apply_fixes(current, (r for r in reports if r.path == path), unsafe)
        if not applied:
            result.text = current
            return result
        if iteration == max_iterations:
            rules = sorted({r.rule for r in applied})
            return _not_converging(
                result, rules, f"still find something to fix after {max_iterations} passes"
            )
        result.passes.append(applied)
        result.fixed += len(applied)
        if new in seen:
            rules = sorted({r.rule for p in result.passes[seen[new] :] for r in p})
            return _not_converging(
                result,
                rules,
                f"undo each other (after pass {len(result.passes)} the text is as it was "
                + (f"after pass {seen[new]})" if seen[new] else "before fixing)"),
            )
        seen[new] = len(result.passes)
        current = new
    raise AssertionError  # itertools.count() does not end


def _not_converging(result: FixResult, rules: list[str], what: str) -> FixResult:
    result.rules = tuple(rules)
    result.error = (
        f"{result.path}: fixes do not converge: the fixes of "
        f"{'rule' if len(rules) == 1 else 'rules'} {', '.join(rules)} {what}; "
        "the file is left unchanged"
    )
    result.text = result.original
    result.fixed = 0
    return result


# -- writing -----------------------------------------------------------------------------


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    return (UTF8_BOM if bom else b"") + text.encode(encoding)


def write_atomic(path: str, text: str, encoding: str, bom: bool, original_bytes: bytes) -> bool:
    """Replace the file at ``path`` by ``text``; return whether it was written.

    Nothing is written when the new bytes equal ``original_bytes``. The file on disk must
    still hold ``original_bytes`` (else it changed since it was read, and is left alone).
    The new content goes to a temporary file in the same folder, is flushed to disk, gets
    the original's mode bits (and owner, where allowed), and is renamed over the original;
    on any failure the temporary file is removed and the original is untouched. A symbolic
    link is followed: the file it points to is replaced, the link stays.
    """
    try:
        data = encode_text(text, encoding, bom)
    except UnicodeEncodeError as exc:
        raise FixError(
            f"{path}: fixes not written: {text[exc.start : exc.end]!r} cannot be written "
            f"in the file's encoding {encoding}"
        ) from None
    if data == original_bytes:
        return False
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
        with open(target, "rb") as handle:
            on_disk = handle.read()
    except OSError as exc:
        raise FixError(f"{path}: fixes not written: {exc.strerror or exc}") from None
    if on_disk != original_bytes:
        raise FixError(f"{path}: fixes not written: the file changed on disk since it was read")
    if not os.access(target, os.W_OK):
        raise FixError(f"{path}: fixes not written: the file is read-only")
    folder, name = os.path.split(target)
    try:
        handle_fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FixError(
            f"{path}: fixes not written: cannot create a temporary file beside it "
            f"({exc.strerror or exc})"
        ) from None
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError):
            if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise FixError(f"{path}: fixes not written: {exc.strerror or exc}") from None
        raise
    _sync_folder(folder)
    return True


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- a whole run -------------------------------------------------------------------------


@dataclass
class FixRun:
    """Fixing a set of documents: per-file results, and a normal lint of the fixed texts."""

    results: list[FixResult]
    documents: list[Document]
    final: LintResult
    errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(r.fixed for r in self.results if r.error is None)

    @property
    def changed(self) -> list[FixResult]:
        return [r for r in self.results if r.changed]


def fix_documents(
    linter: Linter,
    docs: list[Document],
    *,
    unsafe: bool = False,
    write: bool = False,
    max_iterations: int = MAX_ITERATIONS,
) -> FixRun:
    """Fix ``docs`` one by one; write the changed files when ``write`` is true.

    The first pass takes its fixes from one normal run over all documents; each document
    that had a fix is then re-linted on its own until stable. The findings that remain come
    from a normal run over all documents as fixed (as they would be written), so corpus
    rules still see every file.
    """
    initial = linter.lint_documents(docs)
    by_path: dict[str, list[Report]] = {}
    for report in initial.reports:
        by_path.setdefault(report.path, []).append(report)
    results: list[FixResult] = []
    errors: list[str] = []
    written: list[str] = []
    final_docs: list[Document] = []
    for doc in docs:
        reports = by_path.get(doc.path, [])
        if not any(applicable(r, unsafe) for r in reports):
            final_docs.append(doc)
            continue
        result = fix_document(
            linter,
            doc.path,
            doc.text,
            doc.kind,
            unsafe,
            max_iterations=max_iterations,
            reports=reports,
        )
        if result.error is None and result.changed and write:
            try:
                if write_atomic(
                    doc.path,
                    result.text,
                    doc.encoding,
                    doc.bom,
                    encode_text(doc.text, doc.encoding, doc.bom),
                ):
                    written.append(doc.path)
            except FixError as exc:
                errors.append(str(exc))
                result = FixResult(doc.path, doc.text, doc.text)
        if result.error is not None:
            errors.append(result.error)
        results.append(result)
        final_docs.append(_refreshed(linter, doc, result.text) if result.changed else doc)
    final = linter.lint_documents(final_docs) if any(r.changed for r in results) else initial
    return FixRun(results, final_docs, final, errors, written)


def _refreshed(linter: Linter, doc: Document, text: str) -> Document:
    new = linter.document(doc.path, text, doc.kind)
    new.encoding, new.bom = doc.encoding, doc.bom
    return new


# -- showing changes ---------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Lines split at "\\n" only, each keeping its terminator ("\\r\\n" stays whole)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff from ``old`` to ``new``, with ``path`` on both header lines."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), path, path, lineterm="\n"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
