"""Bilingual files: one file holding both sides of a pair, already aligned by rows.

- TSV: ``source<TAB>rendering`` on each line (blank lines are skipped).
- XLIFF 1.2 / 2.x, TMX and PO, read with translate-toolkit (``pip install
  'renderlint[translate]'``): each unit's source and target.

Each side becomes a :class:`CellDocument` whose prose is its cells separated by blank
lines, and whose every prose character maps back to its offset in the bilingual file, so
findings point at the file's own lines and columns. A cell that cannot be found verbatim
in the file (XML escapes, PO line continuations) maps to the start of its unit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from linter.document import Document, Span
from linter.errors import InputError
from linter.sources import read_source

TSV_SUFFIXES = (".tsv", ".tab")
TOOLKIT_SUFFIXES = (".xlf", ".xliff", ".tmx", ".po", ".pot")
SUFFIXES = TSV_SUFFIXES + TOOLKIT_SUFFIXES
SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Cell:
    """One side of one row: its text, where it stands in the file (or None), and the
    offset of its unit, used when it cannot be found. ``positions`` gives each
    character's offset when the file escapes some ("&amp;" for "&")."""

    text: str
    start: int | None
    anchor: int
    positions: tuple[int, ...] = ()


class CellMap:
    """The offset map of a :class:`CellDocument` (same interface as ``OffsetMap``)."""

    def __init__(self, cells: list[Cell], prose_starts: list[int], source_len: int) -> None:
        self._cells = cells
        self._starts = prose_starts
        self._source_len = source_len

    def _locate(self, offset: int) -> tuple[Cell, int] | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        return self._cells[i], offset - self._starts[i]

    def to_source(self, offset: int) -> int:
        found = self._locate(offset)
        if found is None:
            return 0
        cell, inside = found
        if cell.start is None:
            return cell.anchor
        if cell.positions:
            return cell.positions[min(inside, len(cell.positions) - 1)]
        return cell.start + min(inside, len(cell.text))

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def edit_to_source(self, start: int, end: int) -> tuple[int, int] | None:
        found = self._locate(start)
        if found is None or found[0].start is None or found[0].positions:
            return None
        cell, inside = found
        if inside + (end - start) > len(cell.text):
            return None
        return cell.start + inside, cell.start + inside + (end - start)

    def contiguous(self, start: int, end: int) -> bool:
        found = self._locate(start)
        return found is not None and found[1] + (end - start) <= len(found[0].text)


class CellDocument(Document):
    """One side of a bilingual file: its cells as paragraphs of prose."""

    def __init__(self, path: str, text: str, cells: list[Cell]) -> None:
        self.path = path
        self.text = text
        self.kind = "bilingual"
        self.encoding = "utf-8"
        self.bom = False
        self._memo: dict[str, object] = {}
        self.comments = []
        starts, parts, pos = [], [], 0
        for cell in cells:
            starts.append(pos)
            parts.append(cell.text)
            pos += len(cell.text) + len(SEPARATOR)
        self.prose = SEPARATOR.join(parts)
        self.offsets = CellMap(cells, starts, len(text))  # type: ignore[assignment]
        self.cells = [Span(s, s + len(c.text), c.text) for s, c in zip(starts, cells)]


@dataclass
class Bilingual:
    source: CellDocument
    target: CellDocument

    def links(self) -> list[tuple[tuple[Span, ...], tuple[Span, ...]]]:
        """Row by row; an empty cell leaves its side of the row empty."""
        return [
            (tuple([s] if s.text.strip() else []), tuple([t] if t.text.strip() else []))
            for s, t in zip(self.source.cells, self.target.cells)
            if s.text.strip() or t.text.strip()
        ]


def is_bilingual(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def load_bilingual(path: str, encoding: str | None = None) -> Bilingual:
    if path.lower().endswith(TSV_SUFFIXES):
        return _load_tsv(path, encoding)
    return _load_toolkit(path, encoding)


def _load_tsv(path: str, encoding: str | None) -> Bilingual:
    text = read_source(path, encoding).text
    sources, targets = [], []
    pos = 0
    for number, line in enumerate(text.split("\n"), 1):
        start = pos
        pos += len(line) + 1
        body = line.rstrip("\r")
        if not body.strip():
            continue
        if "\t" not in body:
            raise InputError(f"{path}:{number}: expected source<TAB>rendering, found no tab")
        left, right = body.split("\t", 1)
        if "\t" in right:
            raise InputError(f"{path}:{number}: expected two columns, found more tabs")
        sources.append(Cell(left, start, start))
        targets.append(Cell(right, start + len(left) + 1, start + len(left) + 1))
    return Bilingual(CellDocument(path, text, sources), CellDocument(path, text, targets))


def _load_toolkit(path: str, encoding: str | None) -> Bilingual:
    try:
        from translate.storage import factory
    except ImportError:
        raise InputError(
            f"{path}: reading XLIFF, TMX and PO needs translate-toolkit: "
            "pip install 'renderlint[translate]'"
        ) from None
    text = read_source(path, encoding).text
    try:
        store = factory.getobject(path)
    except Exception as exc:  # the toolkit raises many kinds for a broken file
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: cannot read as a bilingual file: {reason}") from None
    line_starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            line_starts.append(i + 1)
    units = [u for u in store.units if not u.isheader() and (u.source or "").strip()]
    if not units:
        raise InputError(f"{path}: no translation units found")
    # Where each unit starts, when the format tells (XML elements know their line).
    anchors: list[int | None] = []
    for unit in units:
        line = getattr(getattr(unit, "xmlelement", None), "sourceline", None)
        anchors.append(line_starts[line - 1] if line and line <= len(line_starts) else None)
    sources, targets = [], []
    cursor = 0
    for i, unit in enumerate(units):
        if anchors[i] is not None:
            cursor = max(cursor, anchors[i])
        anchor = cursor
        limit = next((a for a in anchors[i + 1 :] if a is not None), len(text))
        source_cell, cursor = _place(text, str(unit.source), cursor, limit, anchor)
        target_cell, cursor = _place(text, str(unit.target or ""), cursor, limit, anchor)
        sources.append(source_cell)
        targets.append(target_cell)
    return Bilingual(CellDocument(path, text, sources), CellDocument(path, text, targets))


def xml_escape(text: str) -> str:
    """``text`` as XML writes it in element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _place(text: str, cell: str, cursor: int, limit: int, anchor: int) -> tuple[Cell, int]:
    """The cell, placed where it stands between ``cursor`` and ``limit``: verbatim, or
    with XML's escapes."""
    if not cell:
        return Cell(cell, None, anchor), cursor
    found = text.find(cell, cursor, max(limit, cursor + len(cell)))
    if found >= 0:
        return Cell(cell, found, found), found + len(cell)
    pieces = [xml_escape(ch) for ch in cell]
    escaped = "".join(pieces)
    found = text.find(escaped, cursor, max(limit, cursor + len(escaped)))
    if found < 0:
        return Cell(cell, None, anchor), cursor
    positions, pos = [], found
    for piece in pieces:
        positions.append(pos)
        pos += len(piece)
    return Cell(cell, found, found, tuple(positions)), pos
