"""Reporters for `renderlint readability`: a terminal table, JSON, CSV and Markdown.

The HTML page is in ``readability_html``. Numbers are rounded to two decimals (reading
time to one) so that the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Any

from linter.readability import SCORES, FileReadability, Metrics, ReadabilityResult, Totals

FORMATS = ("table", "json", "csv", "markdown")
# Keys of a file's JSON object (a section's has `title` and `line` for `path`, and no
# `sections`).
COUNT_KEYS = ("words", "sentences", "syllables")
JSON_METRICS = (*COUNT_KEYS, *SCORES, "reading_time_s")
LABELS = {
    "words": "words",
    "sentences": "sentences",
    "syllables": "syllables",
    "words_per_sentence": "words/sentence",
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG index",
    "coleman_liau_index": "Coleman–Liau index",
    "automated_readability_index": "automated readability index",
    "dale_chall": "Dale–Chall score",
    "reading_time_s": "reading time",
}
SHORT = {
    "words": "words",
    "sentences": "sent",
    "syllables": "syll",
    "words_per_sentence": "w/sent",
    "flesch_reading_ease": "FRE",
    "flesch_kincaid_grade": "FK",
    "gunning_fog": "fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "CLI",
    "automated_readability_index": "ARI",
    "dale_chall": "DC",
    "reading_time_s": "read",
}
TABLE_COLUMNS = ("words", "sentences", "syllables", "words_per_sentence", *SCORES, "reading_time_s")
STAT_COLUMNS = ("words_per_sentence", *SCORES, "reading_time_s")


def render(fmt: str, result: ReadabilityResult, *, color: bool = False) -> str:
    if fmt == "table":
        return render_table(result, color=color)
    if fmt == "json":
        return render_json(result)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "markdown":
        return render_markdown(result)
    raise ValueError(f"unknown format {fmt!r}")


def number(value: float, key: str = "") -> float:
    return round(value, 1 if key == "reading_time_s" else 2)


def metrics_json(metrics: Metrics) -> dict[str, Any]:
    return {
        key: getattr(metrics, key) if key in COUNT_KEYS else number(getattr(metrics, key), key)
        for key in JSON_METRICS
    }


def file_json(item: FileReadability) -> dict[str, Any]:
    return {
        "path": item.path,
        **metrics_json(item.metrics),
        "sections": [
            {"title": s.title, "line": s.line, **metrics_json(s.metrics)} for s in item.sections
        ],
    }


def totals_json(totals: Totals) -> dict[str, Any]:
    return {
        "files": totals.files,
        "files_without_prose": totals.files_without_prose,
        "words": totals.words,
        "sentences": totals.sentences,
        "syllables": totals.syllables,
        "reading_time_s": number(totals.reading_time_s, "reading_time_s"),
        **{
            name: {key: number(value, key) for key, value in getattr(totals, name).items()}
            for name in ("mean", "median", "p90")
        },
        "hardest": [
            {"path": f.path, "flesch_kincaid_grade": number(f.metrics.flesch_kincaid_grade)}
            for f in totals.hardest
        ],
    }


def render_json(result: ReadabilityResult) -> str:
    """An object with `files`, `totals` and `longest_sentences`; one file (or sentence)
    per line, which reads and diffs well and is written by json's fast encoder."""
    longest = [
        {"path": s.path, "line": s.line, "column": s.column, "words": s.words, "text": s.text}
        for s in result.longest
    ]
    parts = [
        '{\n  "files": ' + _json_lines([file_json(f) for f in result.files]),
        '  "totals": ' + _json(totals_json(result.totals)),
        '  "longest_sentences": ' + _json_lines(longest),
    ]
    return ",\n".join(parts) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_lines(items: list) -> str:
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"    {_json(item)}" for item in items) + "\n  ]"


def render_csv(result: ReadabilityResult) -> str:
    """One row per file, then one per section of it (``section`` and ``line`` filled)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "section", "line", *JSON_METRICS])
    for item in result.files:
        writer.writerow([item.path, "", "", *metrics_json(item.metrics).values()])
        for section in item.sections:
            writer.writerow(
                [item.path, section.title, section.line, *metrics_json(section.metrics).values()]
            )
    return out.getvalue()


def reading_time(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}:{secs:02d}"


def cell(metrics: Metrics | dict, key: str) -> str:
    """``key`` of ``metrics`` for people to read; a dash for a score of no prose."""
    if isinstance(metrics, dict):
        value = metrics[key]
    else:
        value = getattr(metrics, key)
        if not metrics.sentences and key not in COUNT_KEYS and key != "reading_time_s":
            return "–"
    if key == "reading_time_s":
        return reading_time(value)
    if key in COUNT_KEYS:
        return f"{value:,}"
    return f"{value:.1f}"


def _markdown_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(result: ReadabilityResult) -> str:
    header = ["file", *(LABELS[k] for k in TABLE_COLUMNS)]
    lines = [
        "# Readability",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join([" --- "] + [" ---: "] * len(TABLE_COLUMNS)) + "|",
    ]
    for item in result.files:
        row = [f"`{_markdown_escape(item.path)}`", *(cell(item.metrics, k) for k in TABLE_COLUMNS)]
        lines.append("| " + " | ".join(row) + " |")
        for section in item.sections:
            title = _markdown_escape(section.title or "(before the first heading)")
            row = [
                f"↳ {title} (line {section.line})",
                *(cell(section.metrics, k) for k in TABLE_COLUMNS),
            ]
            lines.append("| " + " | ".join(row) + " |")
    totals = result.totals
    if totals.files > 1 and totals.mean:
        lines += [
            "",
            "## Corpus",
            "",
            f"{totals.files} files, {totals.words:,} words, {totals.sentences:,} sentences, "
            f"reading time {reading_time(totals.reading_time_s)}.",
            "",
            "| | " + " | ".join(LABELS[k] for k in STAT_COLUMNS) + " |",
            "|" + "|".join([" --- "] + [" ---: "] * len(STAT_COLUMNS)) + "|",
        ]
        for name, label in (("mean", "mean"), ("median", "median"), ("p90", "90th percentile")):
            values = getattr(totals, name)
            lines.append(f"| {label} | " + " | ".join(cell(values, k) for k in STAT_COLUMNS) + " |")
        lines += ["", "Hardest to read (Flesch–Kincaid grade):", ""]
        for f in totals.hardest:
            lines.append(f"1. `{_markdown_escape(f.path)}` — {f.metrics.flesch_kincaid_grade:.1f}")
    lines += ["", SOURCES_NOTE]
    return "\n".join(lines) + "\n"


SOURCES_NOTE = (
    "Sentences from renderlint's segmenter, words from renderlint's tokenizer, headings "
    "left out; syllables (CMU dictionary, else Pyphen) and formulas are textstat's."
)


# -- terminal table --------------------------------------------------------------------

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_WIDTHS = {"words": 7, "syllables": 7, "reading_time_s": 6}
_PATH_MAX = 48
_SECTION_MIN = 40  # room for "  § " and a title, and the line number


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return "…" + text[-(width - 1) :]


def _fit_title(text: str, width: int) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return text[: width - 1] + "…"


def render_table(result: ReadabilityResult, *, color: bool = False) -> str:
    bold, dim, reset = (_BOLD, _DIM, _RESET) if color else ("", "", "")
    names = [f.path for f in result.files]
    first = min(max([len("file"), *map(len, names)]), _PATH_MAX)
    if any(f.sections for f in result.files):
        first = max(first, _SECTION_MIN)
    widths = {k: max(_WIDTHS.get(k, 6), len(SHORT[k])) for k in TABLE_COLUMNS}

    def row(label: str, values: list[str], keys=TABLE_COLUMNS) -> str:
        return label + "".join(" " + v.rjust(widths[k]) for k, v in zip(keys, values))

    lines = [bold + row("file".ljust(first), [SHORT[k] for k in TABLE_COLUMNS]) + reset]
    for item in result.files:
        lines.append(row(_fit(item.path, first), [cell(item.metrics, k) for k in TABLE_COLUMNS]))
        for section in item.sections:
            title = section.title or "(before the first heading)"
            label = _fit_title(f"  § {title}", first - 7) + f" l.{section.line}".rjust(7)
            values = [cell(section.metrics, k) for k in TABLE_COLUMNS]
            lines.append(dim + row(label[:first].ljust(first), values) + reset)
    totals = result.totals
    if totals.files > 1 and totals.mean:
        lines += [
            "",
            bold + f"corpus: {totals.files:,} files, {totals.words:,} words, "
            f"{totals.sentences:,} sentences, reading time {reading_time(totals.reading_time_s)}"
            + reset,
        ]
        label_width = max(first, 15)
        heading = row("".ljust(label_width), [SHORT[k] for k in STAT_COLUMNS], STAT_COLUMNS)
        lines.append(bold + heading + reset)
        for name, label in (("mean", "mean"), ("median", "median"), ("p90", "90th percentile")):
            values = getattr(totals, name)
            lines.append(
                row(label.ljust(label_width), [cell(values, k) for k in STAT_COLUMNS], STAT_COLUMNS)
            )
        lines += ["", bold + "hardest to read (Flesch–Kincaid grade)" + reset]
        for f in totals.hardest:
            lines.append(f"  {f.metrics.flesch_kincaid_grade:5.1f}  {f.path}")
    if totals.files_without_prose:
        lines += ["", f"{totals.files_without_prose} file(s) without prose left out of the totals"]
    legend = " · ".join(f"{SHORT[k]}: {LABELS[k]}" for k in TABLE_COLUMNS[3:])
    lines += [""] + [dim + line + reset for line in textwrap.wrap(legend, 100)]
    return "\n".join(lines) + "\n"
