"""`renderlint readability --html FILE`: one self-contained page with charts.

Everything is inline (CSS, SVG charts, a few lines of script to sort the table): the page
opens from disk with no network. Links to files are relative to the page.
"""

from __future__ import annotations

import math
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from linter.readability import FileReadability, ReadabilityResult, percentile
from linter.report.readability import (
    LABELS,
    SHORT,
    SOURCES_NOTE,
    TABLE_COLUMNS,
    cell,
    reading_time,
)

BARS_SHOWN = 40
GRADE = "flesch_kincaid_grade"

_CSS = """
:root { --fg:#1d2330; --muted:#5b6475; --line:#e3e6ec; --bg:#fff; --panel:#f6f7f9;
  --accent:#3565d8; --g1:#2f9e6b; --g2:#8ab23c; --g3:#e0a526; --g4:#e0702a; --g5:#c9353d; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6e9ef; --muted:#9aa3b2; --line:#2d3340;
  --bg:#14171d; --panel:#1c2029; --accent:#7aa2ff; } }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:var(--fg); background:var(--bg); }
main { max-width:1100px; margin:0 auto; padding:28px 20px 60px; }
h1 { margin:0 0 4px; font-size:26px; } h2 { font-size:18px; margin:36px 0 12px; }
.sub, .note, footer { color:var(--muted); } .note { font-size:13px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(170px,1fr)); gap:12px;
  margin-top:20px; }
.card { background:var(--panel); border:1px solid var(--line); border-radius:10px;
  padding:12px 14px; }
.card b { display:block; font-size:24px; } .card span { color:var(--muted); font-size:13px; }
svg { display:block; max-width:100%; height:auto; font:12px system-ui,sans-serif; }
svg text { fill:var(--fg); } svg .axis { stroke:var(--line); } svg .muted { fill:var(--muted); }
ol.sentences { padding-left:22px; } ol.sentences li { margin:0 0 14px; }
ol.sentences p { margin:4px 0 0; }
.badge { display:inline-block; min-width:74px; padding:1px 8px; border-radius:999px;
  background:var(--panel); border:1px solid var(--line); font-size:12px; text-align:center; }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { padding:5px 8px; border-bottom:1px solid var(--line); text-align:right;
  white-space:nowrap; }
th:first-child, td:first-child { text-align:left; white-space:normal; }
th { position:sticky; top:0; background:var(--bg); cursor:pointer; user-select:none; }
th:hover { color:var(--accent); }
tr.section td { color:var(--muted); } tr.section td:first-child { padding-left:26px; }
.bar { display:inline-block; height:8px; border-radius:4px; margin-right:6px;
  vertical-align:middle; }
.g1 { fill:var(--g1); background:var(--g1); } .g2 { fill:var(--g2); background:var(--g2); }
.g3 { fill:var(--g3); background:var(--g3); } .g4 { fill:var(--g4); background:var(--g4); }
.g5 { fill:var(--g5); background:var(--g5); }
.legend span { margin-right:14px; font-size:13px; }
.legend i { display:inline-block; width:10px; height:10px; border-radius:2px;
  margin-right:5px; }
"""

# Sort the table by a column: each file is a <tbody> (its row, then its sections).
_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th, column) {
  th.addEventListener("click", function () {
    var table = th.closest("table");
    var down = th.dataset.order !== "desc";
    table.querySelectorAll("th").forEach(function (h) { delete h.dataset.order; });
    th.dataset.order = down ? "desc" : "asc";
    var groups = Array.prototype.slice.call(table.tBodies);
    groups.sort(function (a, b) {
      var x = a.rows[0].cells[column].dataset.value, y = b.rows[0].cells[column].dataset.value;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = isNaN(nx) || isNaN(ny) ? String(x).localeCompare(String(y)) : nx - ny;
      return down ? -order : order;
    });
    groups.forEach(function (g) { table.appendChild(g); });
  });
});
"""


def grade_class(grade: float) -> str:
    """Colour band of a grade level: up to 8, 12, 16, 20, beyond."""
    for band, limit in enumerate((8, 12, 16, 20), 1):
        if grade <= limit:
            return f"g{band}"
    return "g5"


def file_link(path: str, page: Path, line: int | None = None) -> str:
    """A link from ``page`` to ``path`` (relative when it can be), at ``line``."""
    if path == "-" or path.startswith("<"):
        return ""
    target = Path(path).resolve()
    try:
        href = quote(Path(os.path.relpath(target, page.resolve().parent)).as_posix())
    except ValueError:  # another drive
        href = target.as_uri()
    return href + (f"#L{line}" if line else "")


def short_names(paths: list[str]) -> dict[str, str]:
    """Each path relative to the folder all of them share (their full path on hover)."""
    real = [p for p in paths if not (p == "-" or p.startswith("<"))]
    try:
        common = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in real])
    except ValueError:
        common = ""
    names = {p: p for p in paths}
    if common and len(real) > 1:
        for p in real:
            names[p] = os.path.relpath(os.path.abspath(p), common)
    return names


def render_html(result: ReadabilityResult, page: Path, *, engine: str = "") -> str:
    totals = result.totals
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Readability report</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Readability</h1>",
        f'<p class="sub">{totals.files:,} file{"s" if totals.files != 1 else ""} · '
        f"{totals.words:,} words · {totals.sentences:,} sentences · "
        f"reading time {escape(reading_time(totals.reading_time_s))}</p>",
        _cards(result),
    ]
    names = short_names([f.path for f in result.files])
    graded = [f for f in result.files if f.metrics.sentences]
    if graded:
        parts += [
            "<h2>Grade levels across files</h2>",
            '<p class="note">How many files read at each Flesch–Kincaid grade level '
            "(US school years; 13 and above is college).</p>",
            _histogram([f.metrics.flesch_kincaid_grade for f in graded]),
            _legend(),
            "<h2>Files by grade level</h2>",
            _file_bars(graded, page, names),
        ]
    if result.longest:
        parts += ["<h2>Longest sentences</h2>", _longest(result, page, names)]
    parts += ["<h2>Every file</h2>", _files_table(result, page, names)]
    note = SOURCES_NOTE + (f" textstat {escape(engine)}." if engine else "")
    parts += [
        f"<footer><p class=note>{escape(note)}</p>",
        "<p class=note>Generated by renderlint readability.</p></footer>",
        f"</main><script>{_SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _cards(result: ReadabilityResult) -> str:
    totals = result.totals
    if not totals.median:
        return ""
    cards = [
        (f"{totals.median[GRADE]:.1f}", "median Flesch–Kincaid grade"),
        (f"{totals.p90[GRADE]:.1f}", "90th percentile grade"),
        (f"{totals.median['flesch_reading_ease']:.1f}", "median Flesch reading ease"),
        (f"{totals.median['words_per_sentence']:.1f}", "median words per sentence"),
        (f"{totals.median['gunning_fog']:.1f}", "median Gunning fog"),
    ]
    body = "".join(
        f'<div class="card"><b>{escape(v)}</b><span>{escape(label)}</span></div>'
        for v, label in cards
    )
    return f'<div class="cards">{body}</div>'


def _legend() -> str:
    bands = [("g1", "≤ 8"), ("g2", "8–12"), ("g3", "12–16"), ("g4", "16–20"), ("g5", "> 20")]
    items = "".join(f'<span><i class="{c}"></i>{escape(label)}</span>' for c, label in bands)
    return f'<p class="legend">{items}</p>'


def _histogram(grades: list[float]) -> str:
    """One bar per grade level; the few files far beyond the rest share the last bar."""
    low = min(0, math.floor(min(grades)))
    top = math.floor(max(grades)) + 1
    cap = max(20, math.ceil(percentile(grades, 98)) + 2)
    overflow = top > cap + 1
    high = cap + 1 if overflow else top
    bins = [0] * (high - low)
    for grade in grades:
        bins[min(math.floor(grade) - low, len(bins) - 1)] += 1
    width, height, left, bottom, top_pad = 760, 260, 40, 30, 16
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    tallest = max(bins)
    step = plot_w / len(bins)
    label_every = max(1, math.ceil(len(bins) / 25))
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Histogram of Flesch–Kincaid grade levels">',
        f'<line class="axis" x1="{left}" y1="{top_pad + plot_h}" x2="{width - 10}" '
        f'y2="{top_pad + plot_h}"/>',
    ]
    for tick in _ticks(tallest):
        y = top_pad + plot_h - plot_h * tick / tallest
        out.append(
            f'<line class="axis" x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" '
            'stroke-dasharray="2 3"/>'
            f'<text class="muted" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, count in enumerate(bins):
        grade = low + i
        last = overflow and i == len(bins) - 1
        x = left + i * step
        if count:
            h = plot_h * count / tallest
            span = f"{grade} and above" if last else f"{grade}–{grade + 1}"
            out.append(
                f'<rect class="{grade_class(grade + 0.5)}" x="{x + 1:.1f}" '
                f'y="{top_pad + plot_h - h:.1f}" width="{max(step - 2, 1):.1f}" '
                f'height="{h:.1f}" rx="2"><title>grade {span}: {count} file'
                f"{'s' if count != 1 else ''}</title></rect>"
            )
        crowded = overflow and i > len(bins) - 1 - label_every
        if last or (i % label_every == 0 and not crowded):
            label = f"{grade}+" if last else str(grade)
            out.append(
                f'<text class="muted" x="{x + step / 2:.1f}" y="{height - 10}" '
                f'text-anchor="middle">{label}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _ticks(tallest: int) -> list[int]:
    """Gridlines at a round step: 1, 2 or 5 times a power of ten, six at most."""
    step = 1
    for power in range(12):
        for multiple in (1, 2, 5):
            step = multiple * 10**power
            if tallest / step <= 6:
                return list(range(step, tallest + 1, step))
    return [tallest]


def _file_bars(files: list[FileReadability], page: Path, names: dict[str, str]) -> str:
    ranked = sorted(files, key=lambda f: (-f.metrics.flesch_kincaid_grade, f.path))
    shown = ranked[:BARS_SHOWN]
    row_h, label_w, width = 22, 300, 760
    bar_w = width - label_w - 60
    top = max(max(f.metrics.flesch_kincaid_grade for f in shown), 1.0)
    height = row_h * len(shown) + 6
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Flesch–Kincaid grade of each file">'
    ]
    for i, item in enumerate(shown):
        grade = item.metrics.flesch_kincaid_grade
        y = i * row_h + 3
        name = names[item.path]
        name = name if len(name) <= 40 else "…" + name[-39:]
        w = max(bar_w * max(grade, 0) / top, 1)
        href = file_link(item.path, page)
        label = f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
        if href:
            label = f'<a href="{escape(href)}">{label}</a>'
        out.append(
            label + f'<rect class="{grade_class(grade)}" x="{label_w}" y="{y + 3}" '
            f'width="{w:.1f}" height="{row_h - 8}" rx="3">'
            f"<title>{escape(item.path)}: grade {grade:.1f}</title></rect>"
            f'<text class="muted" x="{label_w + w + 6:.1f}" y="{y + 14}">{grade:.1f}</text>'
        )
    out.append("</svg>")
    note = ""
    if len(ranked) > len(shown):
        note = (
            f'<p class="note">The {len(shown)} hardest of {len(ranked):,} files; '
            "every file is in the table below.</p>"
        )
    return "".join(out) + note


def _longest(result: ReadabilityResult, page: Path, names: dict[str, str]) -> str:
    items = []
    for sentence in result.longest:
        where = f"{names.get(sentence.path, sentence.path)}:{sentence.line}"
        href = file_link(sentence.path, page, sentence.line)
        link = f'<a href="{escape(href)}">{escape(where)}</a>' if href else escape(where)
        items.append(
            f'<li><span class="badge">{sentence.words} words</span> {link}'
            f"<p>{escape(_clip(sentence.text))}</p></li>"
        )
    return '<ol class="sentences">' + "".join(items) + "</ol>"


def _clip(text: str, limit: int = 480) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _files_table(result: ReadabilityResult, page: Path, names: dict[str, str]) -> str:
    top = max([f.metrics.flesch_kincaid_grade for f in result.files] + [1.0])
    head = "".join(
        f'<th title="{escape(LABELS[k])}">{escape(SHORT[k])}</th>' for k in TABLE_COLUMNS
    )
    out = [f'<table class="sortable"><thead><tr><th>file</th>{head}</tr></thead>']
    for item in result.files:
        href = file_link(item.path, page)
        name = escape(names[item.path])
        link = f'<a href="{escape(href)}" title="{escape(item.path)}">{name}</a>' if href else name
        out.append("<tbody>" + _row(link, item.path, item.metrics, top, ""))
        for section in item.sections:
            title = section.title or "(before the first heading)"
            label = f"§ {escape(title)} <span class=note>line {section.line}</span>"
            out.append(_row(label, title, section.metrics, top, "section"))
        out.append("</tbody>")
    out.append("</table>")
    legend = " · ".join(f"{SHORT[k]}: {LABELS[k]}" for k in TABLE_COLUMNS)
    out.append(f'<p class="note">Click a heading to sort. {escape(legend)}.</p>')
    return "".join(out)


def _row(label: str, sort_key: str, metrics, top: float, css: str) -> str:
    cells = [f'<td data-value="{escape(sort_key)}">{label}</td>']
    for key in TABLE_COLUMNS:
        value = getattr(metrics, key)
        text = escape(cell(metrics, key))
        if key == GRADE and metrics.sentences:
            width = max(48 * max(value, 0) / top, 1)
            bar = f'<span class="bar {grade_class(value)}" style="width:{width:.0f}px"></span>'
            text = bar + text
        cells.append(f'<td data-value="{value}">{text}</td>')
    cls = f' class="{css}"' if css else ""
    return f"<tr{cls}>" + "".join(cells) + "</tr>"
