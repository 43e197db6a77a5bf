"""A side-by-side HTML report of an aligned pair, for a reviewer.

One self-contained page (inline style, no script, nothing fetched): the findings as a
list, then a table with a row per paragraph link, the source on the left and the
rendering on the right. Findings are highlighted on the rendering, the source spans they
relate to on the source; each highlight carries its message as a tooltip, and each entry
of the list links to its highlight.
"""

from __future__ import annotations

from html import escape

from linter.align import Alignment
from linter.diagnostics import Report
from linter.document import Document, Span

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
p.summary { color: #555; margin: 0 0 1em; }
ol.findings { padding-left: 1.5em; }
ol.findings li { margin: .15em 0; }
.rule { font-family: ui-monospace, monospace; font-weight: 600; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-top: 1px solid #ddd; padding: .5em .6em; vertical-align: top; }
th { text-align: left; background: #f4f4f4; }
td.n { width: 3em; color: #888; font-size: .85em; }
td.unit p { margin: 0 0 .5em; white-space: pre-wrap; }
tr.alone td.unit:empty { background: #fff4e5; }
mark { border-radius: 2px; padding: 0 1px; }
mark.error { background: #ffd6d6; }
mark.warning { background: #fff0b3; }
mark.info { background: #dbeaff; }
mark.related { background: #e6e6fa; }
span.gap { color: #c00; font-weight: 700; }
"""


def render_html(alignment: Alignment, reports: list[Report]) -> str:
    source, target = alignment.source, alignment.target
    numbered = list(enumerate(reports, 1))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>renderlint: {escape(target.path)} against {escape(source.path)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(target.path)} <small>against</small> {escape(source.path)}</h1>",
        f'<p class="summary">{_summary(alignment, reports)}</p>',
    ]
    if numbered:
        out.append('<ol class="findings">')
        for n, r in numbered:
            out.append(
                f'<li><a href="#f{n}">{r.start.line}:{r.start.column}</a> '
                f'<span class="rule">{escape(r.rule)}</span> {escape(r.message)}</li>'
            )
        out.append("</ol>")
    left = "Source" if alignment.mode == "translation" else "First rendering"
    right = "Rendering" if alignment.mode == "translation" else "Second rendering"
    out += [
        "<table>",
        '<thead><tr><th class="n">#</th>'
        f"<th>{left}: {escape(source.path)}</th><th>{right}: {escape(target.path)}</th>"
        "</tr></thead>",
        "<tbody>",
    ]
    source_marks = [
        (r.related["offset"], r.related.get("end_offset", r.related["offset"]), "related", n, r)
        for n, r in numbered
        if r.related is not None and r.related.get("path") == source.path
    ]
    target_marks = [(r.offset, r.end_offset, r.severity.value, n, r) for n, r in numbered]
    for row, link in enumerate(alignment.links, 1):
        alone = " alone" if not (link.source and link.target) else ""
        out.append(
            f'<tr id="p{row}" class="link{alone}"><td class="n">{row}</td>'
            f'<td class="unit">{_cell(source, link.source, source_marks, anchors=False)}</td>'
            f'<td class="unit">{_cell(target, link.target, target_marks, anchors=True)}</td>'
            "</tr>"
        )
    out += ["</tbody>", "</table>", "</body>", "</html>", ""]
    return "\n".join(out)


def _summary(alignment: Alignment, reports: list[Report]) -> str:
    paired = sum(1 for link in alignment.links if link.source and link.target)
    source_only = sum(1 for link in alignment.links if link.source and not link.target)
    target_only = sum(1 for link in alignment.links if link.target and not link.source)
    n = len(reports)
    return escape(
        f"{n} finding{'s' if n != 1 else ''} · {paired} aligned paragraph groups, "
        f"{source_only} only in the source, {target_only} only in the rendering · "
        f"length ratio {alignment.ratio:.2f}"
    )


def _cell(doc: Document, units: tuple[Span, ...], marks: list, *, anchors: bool) -> str:
    parts = []
    for unit in units:
        start, end = doc.source_span(unit.start, unit.end)
        parts.append(f"<p>{_highlight(doc.text, start, end, marks, anchors)}</p>")
    return "".join(parts)


def _highlight(text: str, start: int, end: int, marks: list, anchors: bool) -> str:
    """``text[start:end]`` escaped, with the marks that fall inside it highlighted."""
    inside = [m for m in marks if start <= m[0] <= end and (m[1] > m[0] or m[0] < end)]
    cuts = {start, end}
    for m_start, m_end, *_ in inside:
        cuts.add(max(start, m_start))
        cuts.add(min(end, m_end))
    points = sorted(cuts)
    out = []
    placed: set[int] = set()
    for a, b in zip(points, [*points[1:], None]):
        for m_start, m_end, _, n, r in inside:
            if m_start == m_end == a and n not in placed:
                placed.add(n)
                anchor = f' id="f{n}"' if anchors else ""
                out.append(f'<span class="gap"{anchor} title="{_title(r)}">⟂</span>')
        if b is None:
            break
        active = [m for m in inside if m[0] <= a and b <= m[1] and m[0] < m[1]]
        chunk = escape(text[a:b])
        if not active:
            out.append(chunk)
            continue
        kind = active[0][2]
        titles = "&#10;".join(_title(m[4]) for m in active)
        ids = [m[3] for m in active if m[3] not in placed]
        anchor = f' id="f{ids[0]}"' if anchors and ids else ""
        placed.update(ids if anchors else [])
        out.append(f'<mark class="{kind}"{anchor} title="{titles}">{chunk}</mark>')
    return "".join(out)


def _title(report: Report) -> str:
    return escape(f"{report.rule}: {report.message}", quote=True)
