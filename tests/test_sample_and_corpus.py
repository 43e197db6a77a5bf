"""The DPRK-pack rules on real text: the sample article of the issue, and the KCNA 2024
corpus with every finding of the term and acronym rules classified by hand.

The corpus lives outside the project (``<repo>/../shared/corpus``); its tests skip where
it is absent. ``tests/data/kcna-2024-findings.tsv`` holds one line per finding of
term-misspelling, term-variant, inconsistent-spelling and acronym-undefined on the corpus,
each read and judged a true or a false positive with a one-line reason. A finding that is
not in the table counts as a false positive, so a new noisy behaviour fails the test
until someone has read its findings.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from renderlint_testing import DPRK_RULES

from linter.config import Settings
from linter.engine import Linter

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLE = REPO / "examples" / "immortal-guideline.txt"
CORPUS = REPO.parent / "shared" / "corpus" / "kcna-2024"
CLASSIFIED = HERE / "data" / "kcna-2024-findings.tsv"

# The rules whose false positives the issue bounds (≤ 1 per 10,000 words).
BOUNDED = ("term-misspelling", "term-variant", "inconsistent-spelling", "acronym-undefined")
# Findings per rule on the corpus when every one of them was read (see the table): a rule
# that finds more has changed behaviour, and its new findings must be read.
CEILINGS = {
    "term-variant": 13,  # 12 minority "US" for "U.S.", 1 "Paegam"
    "term-misspelling": 3,  # "Rodong Simun", "Roodng Sinmun"; "Kaeson" (Youth Park) is false
    "inconsistent-spelling": 20,
    "acronym-undefined": 2,  # "KPA" never spelled out
    "acronym-redefined": 0,
    "juche-year": 0,
    "juche-year-format": 13,  # 12 "[Juche113.1.2.]" site stamps, 1 "Juche 101(2012)"
    "anniversary": 0,
}

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the KCNA 2024 corpus is not at {CORPUS} (see the project README)",
)


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RENDERLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


# -- the sample article ----------------------------------------------------------------------


def test_sample_article_reports_every_slip_and_nothing_else():
    linter = Linter(Settings(), select=[*DPRK_RULES, "quote-style"])
    reports = linter.lint_paths([str(SAMPLE)]).reports
    found = [
        (r.rule, r.start.line, r.start.column, r.end.line, r.end.column, r.message) for r in reports
    ]
    assert found == [
        # "In April of Juch 110(2021)": the slip in the word, and the missing space.
        ("term-misspelling", 8, 13, 8, 17, "'Juch' looks like a misspelling of 'Juche'"),
        (
            "juche-year-format",
            8,
            18,
            8,
            27,
            'write a space between the Juche year and the parenthesis: "110 (2021)"',
        ),
        # The lecture title in straight quotes, where the apostrophes are curly.
        (
            "quote-style",
            10,
            88,
            10,
            89,
            "straight double quote '\"' in a document where curly quotes dominate "
            "(3 curly, 2 straight)",
        ),
        (
            "quote-style",
            10,
            152,
            10,
            153,
            "straight double quote '\"' in a document where curly quotes dominate "
            "(3 curly, 2 straight)",
        ),
        (
            "juche-year-format",
            24,
            183,
            24,
            192,
            'write a space between the Juche year and the parenthesis: "110 (2021)"',
        ),
        (
            "juche-year-format",
            36,
            22,
            36,
            31,
            'write a space between the Juche year and the parenthesis: "111 (2022)"',
        ),
    ]


# -- the corpus ------------------------------------------------------------------------------


def _classified() -> dict[tuple[str, int, int, str], tuple[str, str]]:
    rows = [
        line
        for line in CLASSIFIED.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    table = {}
    for row in csv.DictReader(rows, delimiter="\t"):
        key = (row["file"], int(row["line"]), int(row["column"]), row["rule"])
        assert key not in table, f"{key} is classified twice"
        assert row["verdict"] in ("TP", "FP"), row
        assert row["reason"].strip(), f"{key} has no reason"
        table[key] = (row["verdict"], row["flagged"])
    return table


@pytest.fixture(scope="module")
def corpus_reports() -> list:
    return Linter(Settings(), select=DPRK_RULES).lint_paths([str(CORPUS)]).reports


@pytest.fixture(scope="module")
def corpus_words() -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt"))


@needs_corpus
def test_corpus_findings_per_rule_stay_under_their_ceilings(corpus_reports):
    counts = Counter(r.rule for r in corpus_reports)
    over = {rule: counts[rule] for rule, ceiling in CEILINGS.items() if counts[rule] > ceiling}
    assert not over, f"more findings than when they were last read: {over} (ceilings {CEILINGS})"


@needs_corpus
def test_corpus_false_positives_stay_under_one_per_ten_thousand_words(corpus_reports, corpus_words):
    table = _classified()
    false, unread = [], []
    seen = set()
    for report in corpus_reports:
        if report.rule not in BOUNDED:
            continue
        key = (Path(report.path).name, report.start.line, report.start.column, report.rule)
        seen.add(key)
        verdict = table.get(key)
        if verdict is None:
            unread.append(f"{key}: {report.message}")
        elif verdict[0] == "FP":
            false.append(key)
    allowed = corpus_words / 10_000
    assert len(false) + len(unread) <= allowed, (
        f"{len(false)} classified false positives and {len(unread)} unclassified findings "
        f"on {corpus_words} words (allowed {allowed:.1f}); unclassified: {unread[:10]}"
    )
    # The table describes the rules as they are: a finding that went away is a line to drop.
    stale = sorted(set(table) - seen)
    assert not stale, f"classified findings no longer reported: {stale}"


@needs_corpus
def test_corpus_classified_flags_are_what_the_rules_report(corpus_reports):
    table = _classified()
    for report in corpus_reports:
        key = (Path(report.path).name, report.start.line, report.start.column, report.rule)
        if key in table:
            text = Path(report.path).read_text(encoding="utf-8")
            assert text[report.offset : report.end_offset] == table[key][1], key


@needs_corpus
def test_corpus_size(corpus_words):
    # The bound is per 10,000 words (whitespace tokens) of this corpus.
    assert len(list(CORPUS.glob("*.txt"))) == 1059
    assert corpus_words == 320_130
