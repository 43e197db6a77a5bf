"""Comparison: alignment, the pair rules, the real Korean-English pair (unaltered and
seeded with slips), two renderings, bilingual files, the HTML report, the CLI, and
`check` with a pair naming rule."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from renderlint_testing import compare, one_line_error, run

from linter.align import (
    Link,
    Model,
    align_documents,
    dominant_script,
    gale_church,
    guess_mode,
    paragraph_units,
)
from linter.compare import compare_texts
from linter.document import Document
from linter.pairs import PairPattern, PatternError
from linter.report.json import report_to_json
from rules.compare.english import english_numbers
from rules.compare.korean import korean_numbers

PARALLEL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "parallel"
STEM = "2012_joint_new_year_editorial"
REQUIRE_ALL = bool(os.environ.get("RENDERLINT_REQUIRE_ALL"))
HAS_TOOLKIT = importlib.util.find_spec("translate") is not None


def real_pair() -> tuple[str, str]:
    source, rendering = PARALLEL / f"{STEM}.ko.txt", PARALLEL / f"{STEM}.en.txt"
    if not (source.is_file() and rendering.is_file()):
        if REQUIRE_ALL:
            pytest.fail(f"the parallel corpus is not at {PARALLEL}")
        pytest.skip(f"the parallel corpus is not at {PARALLEL}")
    return source.read_text(encoding="utf-8"), rendering.read_text(encoding="utf-8")


def findings(source: str, rendering: str, **kwargs) -> list[dict]:
    reports = compare_texts(
        source, rendering, source_path="a.ko.txt", target_path="a.en.txt", **kwargs
    )
    return [report_to_json(r) for r in reports]


def where(found: list[dict]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in found]


def pair(source: str, rendering: str) -> str:
    return f"{source}\n|||\n{rendering}"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# -- alignment ---------------------------------------------------------------------------

ONE = Model(1.0, 6.8)


def links(source: list[int], target: list[int]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in gale_church(source, target, ONE)]


def test_gale_church_one_to_one():
    assert links([10, 200, 45], [11, 190, 47]) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_gale_church_two_to_one():
    # 120 + 80 = 200: the two source units are rendered as one.
    assert links([50, 120, 80, 60], [52, 205, 58]) == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((3,), (2,)),
    ]


def test_gale_church_one_to_two():
    assert links([50, 200, 60], [52, 118, 84, 58]) == [
        ((0,), (0,)),
        ((1,), (1, 2)),
        ((2,), (3,)),
    ]


def test_gale_church_one_to_zero():
    # The 300-character unit has nothing like it on the other side.
    assert links([50, 300, 60, 90], [52, 58, 91]) == [
        ((0,), (0,)),
        ((1,), ()),
        ((2,), (1,)),
        ((3,), (2,)),
    ]


def test_gale_church_zero_to_one():
    assert links([50, 60, 90], [52, 300, 58, 91]) == [
        ((0,), (0,)),
        ((), (1,)),
        ((1,), (2,)),
        ((2,), (3,)),
    ]


def test_anchors_decide_between_equal_lengths():
    # Lengths alone cannot tell which of two equal units was left out; digits can.
    source, target = [100, 100, 100], [100, 100]
    anchors_s = [frozenset({"1"}), frozenset({"2"}), frozenset({"3"})]
    first = gale_church(
        source,
        target,
        ONE,
        source_anchors=anchors_s,
        target_anchors=[frozenset({"1"}), frozenset({"3"})],
    )
    assert [link.source for link in first if not link.target] == [(1,)]
    last = gale_church(
        source,
        target,
        ONE,
        source_anchors=anchors_s,
        target_anchors=[frozenset({"2"}), frozenset({"3"})],
    )
    assert [link.source for link in last if not link.target] == [(0,)]


def test_groups_keep_links_inside_paragraphs():
    # Without groups the middle units would merge; they belong to different paragraphs.
    merged = gale_church([50, 50, 50], [50, 100], ONE)
    assert Link((1, 2), (1,)) in merged
    kept = gale_church([50, 50, 50], [50, 100], ONE, source_groups=[0, 0, 1])
    assert Link((1, 2), (1,)) not in kept


def test_paragraph_units_one_per_line_and_furniture():
    text = (
        "Title of the article\n\n"
        "[ 2012-01-01 11:52:56 ]\n\n*******\n\n"
        + "A first paragraph that runs long enough to be more than a hundred characters, "
        "so the text is not hard-wrapped.\nA second paragraph on its own line.\n"
        "A third paragraph, broken by accident in the middle of a wo\n"
        "rd? No: in the middle of a phrase, and going on here.\n"
    )
    units = [u.text for u in paragraph_units(Document("t.txt", text))]
    assert units[0] == "Title of the article"
    assert units[1].startswith("A first paragraph")
    assert units[2] == "A second paragraph on its own line."
    assert units[3].endswith("going on here.")
    assert len(units) == 4


def test_hard_wrapped_paragraphs_stay_whole():
    text = "A paragraph wrapped at a\nshort width over\nthree lines.\n\nAnother one.\n"
    units = [u.text for u in paragraph_units(Document("t.txt", text))]
    assert units == ["A paragraph wrapped at a\nshort width over\nthree lines.", "Another one."]


def test_mode_is_guessed_from_the_scripts():
    korean = Document("a.ko.txt", "올해는 승리의 해이다.")
    english = Document("a.en.txt", "This year is a year of victory.")
    assert dominant_script(korean.prose) == "HANGUL"
    assert guess_mode(korean, english) == "translation"
    assert guess_mode(english, english) == "renderings"


def test_ratio_is_learned_from_the_pair():
    source, rendering = real_pair()
    alignment = align_documents(
        Document("a.ko.txt", source), Document("a.en.txt", rendering), prior=2.8
    )
    assert 2.7 < alignment.ratio < 3.0
    assert all(link.source and link.target for link in alignment.links)


# -- numbers -----------------------------------------------------------------------------


def values(mentions) -> list[tuple[str, ...]]:
    return [m.values for m in mentions if m.values]


def test_korean_number_forms():
    text = "주체１０１(２０１２)년 ５천년 ７천만 겨레 ６.１５공동선언 ８０돐 ３.５배 ２１세기"
    assert values(korean_numbers(text)) == [
        ("101", "2012"),
        ("5000",),
        ("70000000",),
        ("6", "15"),
        ("80",),
        ("3.5",),
        ("21",),
    ]
    # Numerals without digits only make values available: 반만년 is five thousand years.
    assert any("5000" in m.also for m in korean_numbers("반만년력사"))


def test_english_number_forms():
    text = "Juche 101 (2012), its 5 000-year history, 70 million people, the 80th, 12,000"
    assert values(english_numbers(text)) == [
        ("101",),
        ("2012",),
        ("5000",),
        ("70000000",),
        ("80",),
        ("12000",),
    ]
    words = {m.text: m.also for m in english_numbers("the fifth centenary of June")}
    assert words == {"fifth": ("5",), "centenary": ("100",), "June": ("6",)}


@pytest.mark.parametrize(
    ("source", "rendering"),
    [
        ("주체１０１(２０１２)년을 맞이한다.", "We greet Juche 101 (2012)."),
        ("５천년 민족사에서 처음이다.", "It is a first in the 5 000-year history of the nation."),
        ("７천만 겨레가 있다.", "There are 70 million Korean people."),
        ("１０.４선언발표 ５돐이다.", "It is the fifth anniversary of the October 4 Declaration."),
        ("탄생 １００돐을 맞는다.", "We greet the centenary of his birth."),
        ("반만년력사에 없던 일이다.", "It is unprecedented in the 5 000-year history."),
    ],
)
def test_numbers_that_match(source, rendering):
    assert compare(pair(source, rendering), "compare-numbers") == []


def test_number_missing_and_extra():
    found = compare(
        pair("２０１１년과 ２０１２년이다.", "It was 2011 and 2013."), "compare-numbers"
    )
    assert [f["message"] for f in found] == [
        '"2013" does not match the source, which has "２０１２" here (line 1)'
    ]
    assert found[0]["related"]["column"] == 8
    left_out = compare(
        pair("올해 ８０돐을 맞는다.", "We greet the anniversary."), "compare-numbers"
    )
    assert [f["message"] for f in left_out] == [
        'The source has "８０" (line 1), which this rendering leaves out'
    ]


# -- glossary, untranslated, quotes, omission, length ------------------------------------


def test_glossary_reports_a_variant_even_beside_the_canonical_form():
    found = compare(
        pair(
            "김정은동지께서 말씀하시였다.",
            "Kim Jong Un said so, and Kim Jong-un repeated it.",
        ),
        "compare-glossary",
    )
    assert [(f["column"], f["message"]) for f in found] == [
        (26, '"Kim Jong-un" renders 김정은 (line 1); the glossary has "Kim Jong Un"')
    ]


def test_glossary_accepts_a_pronoun_for_a_person_and_parts_of_compounds():
    assert compare(pair("김정일동지께서 이끄시였다.", "He led it."), "compare-glossary") == []
    assert (
        compare(pair("백두산에서 시작되였다.", "It started on Mt. Paektu."), "compare-glossary")
        == []
    )
    # 증산 is "production increase" before it is the county of Jungsan.
    assert (
        compare(pair("증산투쟁을 벌리자.", "Let us increase production."), "compare-glossary") == []
    )


def test_glossary_reports_a_missing_place_and_an_added_one():
    missing = compare(pair("평양을 돌아보시였다.", "He looked round the city."), "compare-glossary")
    assert [f["message"] for f in missing] == [
        'the source names 평양 (line 1), "Pyongyang" in the glossary; the rendering here does not'
    ]
    added = compare(pair("도시를 돌아보시였다.", "He looked round Wonsan."), "compare-glossary")
    assert [f["message"] for f in added] == ['"Wonsan" (원산) is not in the source here (line 1)']


def test_untranslated_hangul():
    found = compare(
        pair("자력갱생하자.", "Let us rely on 자력갱생 and 자강력."), "compare-untranslated"
    )
    assert [(f["column"], f["end_column"]) for f in found] == [(16, 20), (25, 28)]


def test_quotes():
    good = pair("《단숨에》의 기상을 떨치자.", 'Let us display the mettle of "At a go".')
    assert compare(good, "compare-quotes") == []
    bad = compare(
        pair("《단숨에》의 기상을 떨치자.", "Let us display our mettle."), "compare-quotes"
    )
    assert [f["message"] for f in bad] == [
        "the source quotes 《단숨에》 (line 1); the rendering has no quoted text here"
    ]


def test_omitted_paragraph_is_reported_where_it_is_missing():
    source = (
        "올해는 승리의 해이다.\n\n농업생산에서 새로운 앙양을 일으켜야 한다.\n\n"
        "조국을 지켜야 한다.\n"
    )
    rendering = "This year is a year of victory.\n\nWe must defend the country.\n"
    found = compare(pair(source, rendering), "compare-omission")
    assert [(f["line"], f["column"], f["related"]["line"]) for f in found] == [(3, 1, 3)]


def test_lead_in_is_not_an_addition():
    source = "올해는 승리의 해이다.\n\n조국을 지켜야 한다.\n"
    rendering = (
        "This year is a year of victory.\n\nThe full text of the editorial is as follows:\n\n"
        "We must defend the country.\n"
    )
    assert compare(pair(source, rendering), "compare-addition") == []
    strict = compare(pair(source, rendering), "compare-addition", options={"allow-lead-ins": False})
    assert [f["line"] for f in strict] == [3]


# -- the real pair -----------------------------------------------------------------------


def test_real_pair_unaltered_has_no_finding():
    """Every paragraph aligns, every number, name and quotation is accounted for: see the
    issue note for the reasoning behind each non-finding (the agency's introduction, the
    broadcaster's header, 반만년 for "5 000-year", pronouns for names …)."""
    source, rendering = real_pair()
    assert findings(source, rendering, select=["compare"]) == []


def mutate(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def drop(text: str, line: int) -> str:
    lines = text.split("\n")
    del lines[line - 1]
    return "\n".join(lines)


# Each mutation of the rendering, and the (rule, line) it must be reported at, alone.
MUTATIONS = {
    "drop a paragraph": (lambda t: drop(t, 35), [("compare-omission", 35)]),
    "drop a one-line paragraph": (lambda t: drop(t, 45), [("compare-omission", 45)]),
    "drop the last paragraph": (lambda t: drop(t, 85), [("compare-omission", 84)]),
    "change a number": (
        lambda t: mutate(t, 47, "80th founding", "81st founding"),
        [("compare-numbers", 47)],
    ),
    "change a number in words and digits": (
        lambda t: mutate(t, 69, "70 million", "60 million"),
        [("compare-numbers", 69)],
    ),
    "swap a name for a variant": (
        lambda t: mutate(t, 29, "Kim Jong Un", "Kim Jong-un"),
        [("compare-glossary", 29)],
    ),
    "swap a place for a variant": (
        lambda t: mutate(t, 44, "Pyongyang", "Phyongyang"),
        [("compare-glossary", 44)],
    ),
    "leave a Hangul phrase untranslated": (
        lambda t: mutate(t, 33, "The flames of Hamnam", "함남의 불길"),
        [("compare-untranslated", 33)],
    ),
    "change a Juche year": (
        lambda t: mutate(t, 20, "Juche 101 (2012)", "Juche 102 (2012)"),
        [("compare-numbers", 20)],
    ),
    "change the Gregorian year of a Juche date": (
        lambda t: mutate(t, 5, "Juche 101 (2012)", "Juche 101 (2011)"),
        [("compare-numbers", 5)],
    ),
    "drop a quotation's marks": (
        lambda t: mutate(t, 15, '"We Will Recollect Today"', "We Will Recollect Today"),
        [("compare-quotes", 15)],
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_seeded_mutation_is_detected_at_its_paragraph(name):
    source, rendering = real_pair()
    change, expected = MUTATIONS[name]
    found = findings(source, change(rendering), select=["compare"])
    assert where(found) == expected, json.dumps(found, ensure_ascii=False, indent=2)


def test_all_seeded_mutations_at_once():
    source, rendering = real_pair()
    text = mutate(rendering, 47, "80th founding", "81st founding")
    text = mutate(text, 33, "The flames of Hamnam", "함남의 불길")
    text = mutate(text, 29, "Kim Jong Un", "Kim Jong-un")
    text = mutate(text, 20, "Juche 101 (2012)", "Juche 102 (2012)")
    text = drop(text, 35)
    found = findings(source, text, select=["compare"])
    assert where(found) == [
        ("compare-numbers", 20),
        ("compare-glossary", 29),
        ("compare-untranslated", 33),
        ("compare-omission", 35),
        ("compare-numbers", 46),
    ]
    by_rule = {f["rule"]: f for f in found}
    assert by_rule["compare-omission"]["related"]["line"] == 70
    assert by_rule["compare-untranslated"]["related"]["line"] == 66


# -- two renderings ----------------------------------------------------------------------


def test_two_renderings():
    _, rendering = real_pair()
    assert findings(rendering, rendering, select=["compare"]) == []
    other = mutate(rendering, 47, "80th", "81st")
    other = mutate(other, 47, "O Jung Hup", "O Jung Hyp")
    other = mutate(other, 29, "Kim Jong Un", "Kim Jong-un")
    other = mutate(other, 44, "Pyongyang", "Kaesong")
    other = mutate(
        other,
        18,
        " The tears our service personnel and people shed with greatest sorrow were tears of "
        "the unity, unaffected and crystal-clear, and tears of their firm determination to "
        "follow the Party to the end of the earth.",
        "",
    )
    other = mutate(
        other,
        60,
        "Kim Jong Il.",
        "Kim Jong Il. Party committees at all levels should meet every week to review the "
        "implementation of these tasks and report the results to the higher organs.",
    )
    found = findings(rendering, other, select=["compare"])
    assert where(found) == [
        ("compare-omission", 18),
        ("compare-glossary", 29),
        ("compare-glossary", 44),
        ("compare-numbers", 47),
        ("compare-names", 47),
        ("compare-addition", 60),
    ]
    assert all("other rendering" in f["message"] for f in found)


# -- bilingual files ---------------------------------------------------------------------

TSV = (
    "올해는 조선인민군창건 ８０돐이 되는 해이다.\t"
    "This year marks the 81st anniversary of the KPA.\n"
    "경애하는 김정은동지께서 평양을 돌아보시였다.\tThe respected Kim Jong Un inspected Pyongyang.\n"
)


def test_tsv(in_tmp):
    write("pairs.tsv", TSV)
    result = run("compare", "--format", "json", "pairs.tsv")
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)
    assert (found["rule"], found["line"], found["column"]) == ("compare-numbers", 1, 46)
    assert found["related"]["line"] == 1 and found["related"]["column"] == 13
    line = TSV.split("\n")[0]
    assert line[found["column"] - 1 : found["end_column"] - 1] == "81st"


def test_tsv_without_a_tab_is_an_input_error(in_tmp):
    write("pairs.tsv", "only one column\n")
    one_line_error(run("compare", "pairs.tsv"), "pairs.tsv:1: expected source<TAB>rendering")


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="ko" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>올해는 조선인민군창건 ８０돐이 되는 해이다.</source>
        <target>This year marks the 81st anniversary of the KPA.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>경애하는 김정은동지께서 평양을 돌아보시였다.</source>
        <target>Kim Jong-un inspected Pyongyang &amp; Nampho.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "올해는 조선인민군창건 ８０돐이 되는 해이다."
msgstr "This year marks the 81st anniversary of the KPA."
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
          adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="ko"><seg>올해는 조선인민군창건 ８０돐이 되는 해이다.</seg></tuv>
      <tuv xml:lang="en"><seg>This year marks the 81st anniversary of the KPA.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def toolkit():
    if not HAS_TOOLKIT:
        if REQUIRE_ALL:
            pytest.fail("translate-toolkit is not installed (pip install -e '.[test]')")
        pytest.skip("translate-toolkit is not installed")


def test_xliff(in_tmp):
    toolkit()
    write("pairs.xlf", XLIFF)
    result = run("compare", "--format", "json", "pairs.xlf")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    lines = XLIFF.split("\n")
    spans = [
        (f["rule"], lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]) for f in found
    ]
    # Positions are exact even behind an XML escape ("&amp;").
    assert spans == [
        ("compare-numbers", "81st"),
        ("compare-glossary", "Kim Jong-un"),
        ("compare-glossary", "Nampho"),
    ]


@pytest.mark.parametrize(("name", "text"), [("pairs.po", PO), ("pairs.tmx", TMX)])
def test_po_and_tmx(in_tmp, name, text):
    toolkit()
    write(name, text)
    result = run("compare", "--format", "json", name)
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)
    line = text.split("\n")[found["line"] - 1]
    assert line[found["column"] - 1 : found["end_column"] - 1] == "81st"


def test_missing_toolkit_is_one_clear_line(in_tmp, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_toolkit(name, *args, **kwargs):
        if name.startswith("translate"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_toolkit)
    write("pairs.xlf", XLIFF)
    one_line_error(run("compare", "pairs.xlf"), "pip install 'renderlint[translate]'")


# -- HTML report -------------------------------------------------------------------------


def test_html_report_is_self_contained(in_tmp):
    source, rendering = real_pair()
    write("a.ko.txt", source)
    write("a.en.txt", mutate(rendering, 47, "80th", "81st"))
    result = run("compare", "a.ko.txt", "a.en.txt", "--html", "report.html")
    assert result.exit_code == 1
    html = Path("report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "http:" not in html and "https:" not in html
    assert "<script" not in html and " src=" not in html and "<link" not in html
    assert '<mark class="error" id="f1"' in html
    assert html.count('<tr id="p') == 81
    assert '<mark class="related"' in html
    assert 'href="#f1"' in html


# -- CLI ---------------------------------------------------------------------------------


def test_cli_exit_codes_and_formats(in_tmp):
    write("a.ko.txt", "올해는 조선인민군창건 ８０돐이 되는 해이다.\n")
    write("good.en.txt", "This year marks the 80th anniversary of the KPA.\n")
    write("bad.en.txt", "This year marks the 81st anniversary of the KPA.\n")
    clean = run("compare", "a.ko.txt", "good.en.txt")
    assert (clean.exit_code, clean.stdout) == (0, "All checks passed.\n")
    assert run("compare", "a.ko.txt", "bad.en.txt").exit_code == 1
    assert run("compare", "--exit-zero", "a.ko.txt", "bad.en.txt").exit_code == 0
    ignored = run("compare", "--ignore", "compare-numbers", "a.ko.txt", "bad.en.txt")
    assert ignored.exit_code == 0
    for fmt in ("json", "sarif"):
        result = run("compare", "--format", fmt, "a.ko.txt", "bad.en.txt")
        assert result.exit_code == 1
        json.loads(result.stdout)
    github = run("compare", "--format", "github", "a.ko.txt", "bad.en.txt").stdout
    assert github.startswith("::error file=bad.en.txt,line=1,col=21,")
    assert "<failure" in run("compare", "--format", "junit", "a.ko.txt", "bad.en.txt").stdout
    statistics = run("compare", "--statistics", "a.ko.txt", "bad.en.txt")
    assert statistics.stdout.split() == ["1", "compare-numbers"]


def test_cli_usage_and_input_errors(in_tmp):
    write("a.txt", "x\n")
    one_line_error(run("compare", "a.txt", "missing.txt"), "missing.txt: no such file")
    one_line_error(run("compare", "a.txt", "a.txt", "a.txt"), "SOURCE and RENDERING")
    one_line_error(run("compare", "a.txt"), "bilingual file")
    one_line_error(run("compare", "-", "a.txt"), "standard input")
    assert run("compare").exit_code == 2


def test_suppression_applies_to_the_rendering(in_tmp):
    write("a.ko.txt", "올해는 조선인민군창건 ８０돐이 되는 해이다.\n")
    write("a.en.txt", "This year marks the 81st anniversary of the KPA.\n")
    write(
        "renderlint.toml",
        '[[suppress]]\npath = "a.en.txt"\nrules = ["compare-numbers"]\ntext = "81st"\n'
        'reason = "as published"\n',
    )
    assert run("compare", "a.ko.txt", "a.en.txt").exit_code == 0
    write("b.en.md", "<!-- renderlint-disable-next-line compare -->\nThe 81st anniversary.\n")
    assert run("compare", "a.ko.txt", "b.en.md").exit_code == 0


def test_library_api():
    from linter import compare_texts as api

    reports = api("８０돐이다.", "It is the 81st.", target_path="x.en.txt")
    assert [(r.rule, r.path) for r in reports] == [("compare-numbers", "x.en.txt")]


# -- check with a pair naming rule -------------------------------------------------------


def test_pair_patterns():
    rule = PairPattern.parse("{stem}.ko.txt:{stem}.en.txt")
    assert rule.counterpart("x/2012.en.txt", of_rendering=True) == "x/2012.ko.txt"
    assert rule.counterpart("x/2012.ko.txt", of_rendering=True) is None
    folders = PairPattern.parse("ko/{name}:en/{name}")
    assert folders.counterpart("archive/en/a.txt", of_rendering=True) == "archive/ko/a.txt"
    assert folders.counterpart("archive/ben/a.txt", of_rendering=True) is None
    for bad in ("{stem}.ko.txt", "a.txt:b.txt", "{a}.ko:{b}.en", "{a}.txt:{a}.txt"):
        with pytest.raises(PatternError):
            PairPattern.parse(bad)


def test_check_compares_renderings_with_their_sources(in_tmp):
    write(
        "pyproject.toml",
        '[tool.renderlint]\nselect = ["compare", "typography"]\n\n'
        "[tool.renderlint.compare]\n"
        'pairs = ["{stem}.ko.txt:{stem}.en.txt", "ko/{name}:en/{name}"]\n',
    )
    write("a.ko.txt", "올해는 조선인민군창건 ８０돐이 되는 해이다. 해이다 해이다.\n")
    write("a.en.txt", "This year marks the 81st anniversary of the KPA.\n")
    write("ko/b.txt", "경애하는 김정은동지께서 평양을 돌아보시였다.\n")
    write("en/b.txt", "The respected Kim Jong-un inspected Pyongyang.\n")
    write("lone.en.txt", "A rendering without a source.\n")
    result = run("check", "--format", "json", ".")
    found = json.loads(result.stdout)
    assert result.exit_code == 1
    # The sources are read by the pair rules, not linted as English.
    assert [(f["path"], f["rule"]) for f in found] == [
        ("a.en.txt", "compare-numbers"),
        (os.path.join("en", "b.txt"), "compare-glossary"),
    ]
    assert found[0]["related"]["path"] == "a.ko.txt"
    # A changed rendering alone (as pre-commit passes it) is still compared.
    single = json.loads(run("check", "--format", "json", "a.en.txt").stdout)
    assert [f["rule"] for f in single] == ["compare-numbers"]


def test_check_without_pairs_runs_no_pair_rule(in_tmp):
    write("a.ko.txt", "올해는 조선인민군창건 ８０돐이 되는 해이다.\n")
    write("a.en.txt", "This year marks the 81st anniversary of the KPA.\n")
    found = json.loads(run("check", "--format", "json", "--select", "compare", ".").stdout)
    assert found == []


def test_bad_pair_pattern_is_a_config_error(in_tmp):
    write("renderlint.toml", '[compare]\npairs = ["{stem}.ko.txt"]\n')
    one_line_error(run("check", "."), "compare.pairs[0]", "SOURCE:RENDERING")
