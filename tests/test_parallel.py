"""`--jobs`: worker processes give the same findings, in the same order, as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from renderlint_testing import run

from linter.engine import Linter
from linter.report.json import report_to_json

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kcna-2024"


def write_archive(folder: Path) -> None:
    texts = {
        "a.txt": "Ri Kwang Hyok visited the farm. The the harvest was good.\n",
        "b.txt": "Ri Kwang Hyok spoke at the meeting in Pyongyang.\n",
        "c.txt": "Later Ri Kwang-hyok inspected the  site.\n",
        "d.md": "# Note\n\nIn April of Juche 110(2021) the WPK met.\n",
        "e.txt": "Kim Jong-un arrived.\n",
        "f.txt": "Nothing to report here.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def findings(*args: str) -> list[dict]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_jobs_give_the_same_findings_as_one_process(tmp_path: Path) -> None:
    write_archive(tmp_path)
    one = findings(str(tmp_path))
    assert {f["rule"] for f in one} >= {
        "inconsistent-spelling",
        "repeated-word",
        "whitespace",
        "juche-year-format",
        "term-variant",
    }
    # The cross-file finding is reported on c.txt, with the first spelling in a.txt.
    (cross,) = [f for f in one if f["rule"] == "inconsistent-spelling"]
    assert cross["path"].endswith("c.txt") and cross["related"]["path"].endswith("a.txt")
    assert findings("--jobs", "2", str(tmp_path)) == one
    assert findings("--jobs", "0", str(tmp_path)) == one


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
def test_jobs_on_the_real_corpus() -> None:
    serial = Linter().lint_paths([str(CORPUS)])
    parallel = Linter().lint_paths([str(CORPUS)], jobs=2)
    assert [report_to_json(r) for r in parallel.reports] == [
        report_to_json(r) for r in serial.reports
    ]
    assert len(serial.reports) > 100


def test_rules_that_hold_a_server_run_in_one_process() -> None:
    from linter.registry import registry

    grammar = registry().by_name["grammar"]
    assert grammar.parallel is False
    assert all(rule.parallel for rule in registry().rules if rule is not grammar)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
def test_chunks_checked_rule_by_rule_give_what_each_document_alone_gives(monkeypatch) -> None:
    import linter.engine

    checker = Linter()
    docs, _ = checker.load_paths([str(CORPUS)])
    docs = docs[:40]
    alone = [checker.check_document(doc) for doc in docs]
    # Chunks of 7: rule by rule within a chunk, and chunks that end mid-list.
    monkeypatch.setattr(linter.engine, "CHUNK", 7)
    together = checker.check_documents(docs)

    def plain(results):
        return [
            ([report_to_json(r) for r in reports], [name for name, _ in data])
            for reports, data in results
        ]

    assert plain(together) == plain(alone)
    assert sum(len(reports) for reports, _ in alone) > 5
    # What the corpus rules collect is the same too (inconsistent-spelling's run tables).
    assert [data for _, data in together] == [data for _, data in alone]
    # The chunk's derived copies of the text are dropped once it is checked.
    assert all(not doc._memo for doc in docs)
