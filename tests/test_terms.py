"""The DPRK-pack rules: term-variant, term-misspelling, inconsistent-spelling, the acronym
rules, juche-year, juche-year-format and anniversary, with bad and good fixtures whose
positions, messages and fixes are worked out by hand; and the config keys that extend or
override the pack (`packs`, `extra-terms`, `accept`, `prefer`).

Offsets are 0-based character offsets into the fixture text; lines and columns are
1-based; ends are exclusive. Each expected tuple is
(rule, line, column, end_line, end_column, offset, end_offset, message, fix).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from renderlint_testing import apply_fixes, brief, check_json, fix, lint, one_line_error, run

from linter.config import Settings
from linter.engine import Linter


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the tests' pack caches out of the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RENDERLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def briefs(text: str, rule: str, **kwargs) -> list[tuple]:
    return [brief(f) for f in lint(text, rule, **kwargs)]


# -- term-variant ------------------------------------------------------------------------


def test_term_variant_hyphenated_name_and_breves():
    text = "Kim Jong-un visited P'yŏngyang.\n"
    # "Kim Jong-un" is [0, 11); "Kim Jong-un visited " is 20 characters, so the
    # ten-letter "P'yŏngyang" is [20, 30).
    found = lint(text, "term-variant")
    assert [brief(f) for f in found] == [
        (
            "term-variant",
            1,
            1,
            1,
            12,
            0,
            11,
            "'Kim Jong-un' is a variant of 'Kim Jong Un'",
            fix("safe", (0, 11, "Kim Jong Un")),
        ),
        (
            "term-variant",
            1,
            21,
            1,
            31,
            20,
            30,
            "\"P'yŏngyang\" is a variant of 'Pyongyang'",
            fix("safe", (20, 30, "Pyongyang")),
        ),
    ]
    assert apply_fixes(text, found) == "Kim Jong Un visited Pyongyang.\n"


def test_term_variant_with_a_curly_apostrophe():
    # "The " is 4 characters; "Ch’ŏllima" is 9: [4, 13).
    assert briefs("The Ch’ŏllima spirit prevails.\n", "term-variant") == [
        (
            "term-variant",
            1,
            5,
            1,
            14,
            4,
            13,
            "'Ch’ŏllima' is a variant of 'Chollima'",
            fix("safe", (4, 13, "Chollima")),
        ),
    ]


def test_term_variant_breves_on_a_name_spelt_alike_otherwise():
    # "Wŏnsan" [0, 6) and "Ŭiju" [11, 15) fold to the canonical forms themselves.
    assert briefs("Wŏnsan and Ŭiju.\n", "term-variant") == [
        (
            "term-variant",
            1,
            1,
            1,
            7,
            0,
            6,
            "'Wŏnsan' is a variant of 'Wonsan'",
            fix("safe", (0, 6, "Wonsan")),
        ),
        (
            "term-variant",
            1,
            12,
            1,
            16,
            11,
            15,
            "'Ŭiju' is a variant of 'Uiju'",
            fix("safe", (11, 15, "Uiju")),
        ),
    ]


def test_term_variant_lost_capitals():
    # "They study " is 11 characters: "juche" is [11, 16).
    assert briefs("They study juche every day.\n", "term-variant") == [
        (
            "term-variant",
            1,
            12,
            1,
            17,
            11,
            16,
            "write 'Juche' with its capitals",
            fix("safe", (11, 16, "Juche")),
        ),
    ]


def test_term_variant_acronym_variant():
    assert briefs("The KWP held a plenary meeting.\n", "term-variant") == [
        (
            "term-variant",
            1,
            5,
            1,
            8,
            4,
            7,
            "'KWP' is a variant of 'WPK'",
            fix("safe", (4, 7, "WPK")),
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un visited Pyongyang and Wonsan.\n",
        # A curly apostrophe in a canonical form is typography, not a variant.
        "The Workers’ Party of Korea met in Chongjin.\nThe Workers' Party of Korea met.\n",
        # "us" is not the acronym variant "US"; "Juche Idea" adds a capital, loses none.
        "Let us study the Juche Idea and the Juche idea.\n",
        # Acronym variants match in their own case only.
        "The kwp and the Usa are not acronyms here.\n",
    ],
    ids=["canonical", "curly-apostrophe", "case", "acronym-case"],
)
def test_term_variant_good(text):
    assert lint(text, "term-variant") == []


# -- term-misspelling ----------------------------------------------------------------------


def test_term_misspelling_juch_and_pyongyan():
    text = "In April of Juch 110 (2021) the conference was held in Pyongyan.\n"
    # "In April of " is 12 characters: "Juch" [12, 16). "In April of Juch 110 (2021) the
    # conference was held in " is 55: "Pyongyan" [55, 63).
    found = lint(text, "term-misspelling")
    assert [brief(f) for f in found] == [
        (
            "term-misspelling",
            1,
            13,
            1,
            17,
            12,
            16,
            "'Juch' looks like a misspelling of 'Juche'",
            fix("safe", (12, 16, "Juche")),
        ),
        (
            "term-misspelling",
            1,
            56,
            1,
            64,
            55,
            63,
            "'Pyongyan' looks like a misspelling of 'Pyongyang'",
            fix("safe", (55, 63, "Pyongyang")),
        ),
    ]
    assert apply_fixes(text, found) == (
        "In April of Juche 110 (2021) the conference was held in Pyongyang.\n"
    )


def test_term_misspelling_in_a_name_the_text_also_spells_right():
    # "Kim Jong Un arrived. " is 21 characters: "Kim Jong Um" is [21, 32).
    assert briefs("Kim Jong Un arrived. Kim Jong Um spoke.\n", "term-misspelling") == [
        (
            "term-misspelling",
            1,
            22,
            1,
            33,
            21,
            32,
            "'Kim Jong Um' looks like a misspelling of 'Kim Jong Un'",
            fix("safe", (21, 32, "Kim Jong Un")),
        ),
    ]


def test_term_misspelling_in_a_publication_name():
    assert briefs("Rodong Simnun carried an article.\n", "term-misspelling") == [
        (
            "term-misspelling",
            1,
            1,
            1,
            14,
            0,
            13,
            "'Rodong Simnun' looks like a misspelling of 'Rodong Sinmun'",
            fix("safe", (0, 13, "Rodong Sinmun")),
        ),
    ]


def test_term_misspelling_in_an_organisation_name_with_a_possessive():
    # "The " is 4 characters; "Workers' Paryt of Korea" is 23: [4, 27); "'s" is not part
    # of the name.
    assert briefs("The Workers' Paryt of Korea's policy.\n", "term-misspelling") == [
        (
            "term-misspelling",
            1,
            5,
            1,
            28,
            4,
            27,
            '"Workers\' Paryt of Korea" looks like a misspelling of "Workers\' Party of Korea"',
            fix("safe", (4, 27, "Workers' Party of Korea")),
        ),
    ]


def test_term_misspelling_listed_in_the_pack():
    # "The Workers Party of Korea" — the pack lists the form without the apostrophe.
    assert briefs("The Workers Party of Korea met.\n", "term-misspelling") == [
        (
            "term-misspelling",
            1,
            5,
            1,
            27,
            4,
            26,
            "'Workers Party of Korea' is a misspelling of \"Workers' Party of Korea\"",
            fix("safe", (4, 26, "Workers' Party of Korea")),
        ),
    ]


def test_term_misspelling_run_together_on_both_sides():
    text = "The respected ComradeKim Jong Unwho visited the site.\n"
    # "The respected " is 14 characters; "Comrade" is 7, so "Kim Jong Un" is [21, 32) and
    # the glued word "ComradeKim Jong Unwho" is [14, 35).
    found = lint(text, "term-misspelling")
    assert [brief(f) for f in found] == [
        (
            "term-misspelling",
            1,
            15,
            1,
            36,
            14,
            35,
            "'Kim Jong Un' is run together with the word beside it in 'ComradeKim Jong Unwho'",
            fix("safe", (21, 21, " "), (32, 32, " ")),
        ),
    ]
    assert apply_fixes(text, found) == "The respected Comrade Kim Jong Un who visited the site.\n"


def test_term_misspelling_acronym_run_together():
    text = "Officials of the WPKand the Cabinet met.\n"
    # "Officials of the " is 17 characters: "WPKand" is [17, 23), "WPK" ends at 20.
    found = lint(text, "term-misspelling")
    assert [brief(f) for f in found] == [
        (
            "term-misspelling",
            1,
            18,
            1,
            24,
            17,
            23,
            "'WPK' is run together with the word beside it in 'WPKand'",
            fix("safe", (20, 20, " ")),
        ),
    ]
    assert apply_fixes(text, found) == "Officials of the WPK and the Cabinet met.\n"


@pytest.mark.parametrize(
    ("text", "slip", "canonical"),
    [
        # A word of one syllable in a person's name that is no longer one.
        ("The respected Comrade Kiim Jong Un spoke.\n", "Kiim Jong Un", "Kim Jong Un"),
        # A capital lost or moved inside a name.
        ("Comrade Kim Jong nU arrived.\n", "Kim Jong nU", "Kim Jong Un"),
        # The name runs on into a letter.
        ("Chairman Kim Jong Ill visited.\n", "Kim Jong Ill", "Kim Jong Il"),
        # An apostrophe's word slipped, and a paper's name with a neighbouring key.
        ("Men of the Korean People' Army.\n", "Korean People' Army", "Korean People's Army"),
        ("Minmu Joson carried an article.\n", "Minmu Joson", "Minju Joson"),
        # A hyphenated term, a doubled vowel, a term of two words.
        ("The Kimilsungist-Kimjongilst Party.\n", "Kimilsungist-Kimjongilst", None),
        ("The ship reached Puusan.\n", "Puusan", "Pusan"),
        ("A study of the Juche iidea.\n", "Juche iidea", "Juche idea"),
    ],
)
def test_term_misspelling_more_slips(text, slip, canonical):
    found = lint(text, "term-misspelling")
    assert [text[f["offset"] : f["end_offset"]] for f in found] == [slip]
    expected = canonical or "Kimilsungist-Kimjongilist"
    assert found[0]["message"].endswith(f"misspelling of {expected!r}"), found[0]["message"]
    assert found[0]["fix"]["edits"][0]["content"] == expected


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("It ran in Rodong SinmunWednesday.\n", "Rodong SinmunWednesday"),
        ("Allowing theU.S. to act.\n", "theU.S."),
        ("The DPRKMen's Team won.\n", "DPRKMen"),
        ("Greetings to HEKim Jong Un.\n", "HEKim Jong Un"),
        ("The study of the Jucheidea spread.\n", "Jucheidea"),
    ],
)
def test_term_misspelling_more_run_togethers(text, glued):
    found = lint(text, "term-misspelling")
    assert [text[f["offset"] : f["end_offset"]] for f in found] == [glued]


@pytest.mark.parametrize(
    "text",
    [
        # Real Korean place names one letter from a pack place (Hamhung, Sunchon, Kosan,
        # Janggang), and the Hochon River written as one word.
        "Farmers in Namhung, Sinchon, Koksan and Jangbang harvested rice by the Hochongang.\n",
        # English words one letter from a pack term (Rason, Pusan, Kalma), even beside it.
        "Reason prevailed in Rason. Susan went to Pusan. Karma is not Kalma.\n",
        # Words made with a term: English suffixes and compounds, Korean words ending in one.
        "The Pothong Riverside district, Pyongyangites, Songunism and Sinuiju.\n",
        # A different person's name, and a longer name that starts like a listed one.
        "Kim Jong Sun met Choe Hyo Il.\n",
        # Not a name: the phrase is in small letters; an English word in a term.
        "The academy of defence science is a phrase here. Juche ideas spread.\n",
    ],
    ids=["korean-names", "english-words", "word-formation", "other-names", "phrase"],
)
def test_term_misspelling_good(text):
    assert lint(text, "term-misspelling") == []


# -- inconsistent-spelling -----------------------------------------------------------------


def test_inconsistent_spelling_within_one_file():
    text = "Ri Kwang Chol inspected the site. Later Ri Kwang-chol spoke. Ri Kwang Chol left.\n"
    # "Ri Kwang Chol inspected the site. Later " is 40 characters: "Ri Kwang-chol" is
    # [40, 53). The majority spelling is first seen at [0, 13).
    found = lint(text, "inconsistent-spelling")
    assert [brief(f) for f in found] == [
        (
            "inconsistent-spelling",
            1,
            41,
            1,
            54,
            40,
            53,
            "'Ri Kwang-chol' is spelt 'Ri Kwang Chol' 2 times in this run",
            None,
        ),
    ]
    assert found[0]["related"] == {
        "path": "t.txt",
        "line": 1,
        "column": 1,
        "offset": 0,
        "message": "first 'Ri Kwang Chol'",
    }


def test_inconsistent_spelling_across_two_files(tmp_path: Path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("Minister Ri Kwang Chol arrived.\nRi Kwang Chol spoke.\n", encoding="utf-8")
    second.write_text("Later, Ri Kwang-chol left.\n", encoding="utf-8")
    result = Linter(Settings(), select=["inconsistent-spelling"]).lint_paths(
        [str(first), str(second)]
    )
    # In b.txt "Later, " is 7 characters: [7, 20). In a.txt "Minister " is 9: the first
    # "Ri Kwang Chol" is [9, 22).
    assert [(Path(r.path).name, r.offset, r.end_offset, r.message) for r in result.reports] == [
        ("b.txt", 7, 20, "'Ri Kwang-chol' is spelt 'Ri Kwang Chol' 2 times in this run"),
    ]
    assert result.reports[0].related == {
        "path": str(first),
        "line": 1,
        "column": 10,
        "offset": 9,
        "message": "first 'Ri Kwang Chol'",
    }


@pytest.mark.parametrize(
    "text",
    [
        # One letter apart, different names: o and u are different vowels.
        "Ri Kwang Chol and Ri Kwang Chul spoke.\n",
        # Different people whose names share a part that folds alike ("Ryu Gyong" in
        # "Kim Ryu Gyong", "Ryu Kyong" in "Ryu Kyong Su").
        "Player Kim Ryu Gyong spoke. The Seoul Ryu Kyong Su Guards Division advanced.\n",
        # A person ("Ri Won") and a county ("Riwon") are not one name.
        "Ri Won visited Riwon County.\n",
        # Names the pack knows are term-variant's business.
        "Kim Jong Un and Kim Jong-un.\n",
    ],
    ids=["one-letter", "name-parts", "person-and-place", "pack-name"],
)
def test_inconsistent_spelling_good(text):
    assert lint(text, "inconsistent-spelling") == []


def test_inconsistent_spelling_one_finding_per_place():
    # Two keys cover the minority spelling ("Ranam Coal Mining Machine" and "Coal Mining
    # Machine Factory"): one finding, at the earlier span. "News from the " is 14
    # characters, so it starts at column 15 of line 2.
    text = (
        "Work at the Ranam Coal-Mining Machine Factory went on. "
        "Work at the Ranam Coal-Mining Machine Factory ended.\n"
        "News from the Ranam Coal Mining Machine Factory came.\n"
    )
    found = lint(text, "inconsistent-spelling")
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (
            2,
            15,
            "'Ranam Coal Mining Machine' is spelt 'Ranam Coal-Mining Machine' 2 times in this run",
        )
    ]


# -- acronym-undefined and acronym-redefined ---------------------------------------------------


def test_acronym_used_before_it_is_spelled_out():
    text = "The WPK held a meeting. The Workers' Party of Korea (WPK) called on members.\n"
    assert briefs(text, "acronym-undefined") == [
        (
            "acronym-undefined",
            1,
            5,
            1,
            8,
            4,
            7,
            "'WPK' (Workers' Party of Korea) is used before it is spelled out in this document",
            None,
        ),
    ]


def test_acronym_never_spelled_out():
    # "Officials of the " is 17 characters: "SPA" is [17, 20).
    assert briefs("Officials of the SPA met.\n", "acronym-undefined") == [
        (
            "acronym-undefined",
            1,
            18,
            1,
            21,
            17,
            20,
            "'SPA' (Supreme People's Assembly) is used and never spelled out in this document",
            None,
        ),
    ]


def test_acronym_in_a_short_last_paragraph_is_a_use():
    # A one-line body ending in "-0-" looks like a heading, but it holds sentences.
    # "Deputies Meet\n\n" is 15 characters and "Pyongyang, May 1 (KCNA) -- The " 31 more.
    text = "Deputies Meet\n\nPyongyang, May 1 (KCNA) -- The SPA met. Deputies voted. -0-\n"
    assert [(f["line"], f["column"], f["offset"]) for f in lint(text, "acronym-undefined")] == [
        (3, 32, 46)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Workers' Party of Korea (WPK) held a meeting. The WPK called on members.\n",
        "The Workers’ Party of Korea met. Later the WPK called on members.\n",
        # The house uses DPRK, KCNA and U.S. bare.
        "The DPRK, KCNA and the U.S. were named.\n",
        # A title is not a use.
        "KPA Marks Anniversary\n\nThe Korean People's Army (KPA) celebrated.\n",
    ],
    ids=["defined", "spelled-out-first", "define-false", "title"],
)
def test_acronym_undefined_good(text):
    assert lint(text, "acronym-undefined") == []


def test_acronym_redefined():
    text = (
        "The Supreme People's Assembly (SPA) met. "
        "Deputies to the Supreme People's Assembly (SPA) voted.\n"
    )
    # The first "SPA" is [31, 34); the sentence and its space are 41 characters and
    # "Deputies to the Supreme People's Assembly (" 43 more: the second is [84, 87).
    found = lint(text, "acronym-redefined")
    assert [brief(f) for f in found] == [
        (
            "acronym-redefined",
            1,
            85,
            1,
            88,
            84,
            87,
            "'SPA' is defined again (first defined earlier in this document)",
            None,
        ),
    ]
    assert found[0]["related"] == {
        "path": "t.txt",
        "line": 1,
        "column": 32,
        "offset": 31,
        "message": "first definition of 'SPA'",
    }


# -- juche-year and juche-year-format ------------------------------------------------------


def test_juche_year_pair_that_does_not_add_up():
    # "The conference was held in April " is 33 characters: "Juche 110 (2022)" [33, 49).
    text = "The conference was held in April Juche 110 (2022).\n"
    assert briefs(text, "juche-year") == [
        (
            "juche-year",
            1,
            34,
            1,
            50,
            33,
            49,
            "Juche 110 is 2021, not 2022 (2022 is Juche 111)",
            None,
        ),
    ]


def test_juche_year_alone_against_the_sentence_year():
    assert briefs("In Juche 113 the plan for 2023 was fulfilled.\n", "juche-year") == [
        (
            "juche-year",
            1,
            4,
            1,
            13,
            3,
            12,
            "Juche 113 is 2024, but this sentence dates it 2023 (Juche 112)",
            None,
        ),
    ]


def test_juche_year_good():
    text = "In Juche 113 (2024) the plan for 2024 was fulfilled, as in Juche 110 (2021).\n"
    assert lint(text, "juche-year") == []


def test_juche_year_format_glued_parenthesis():
    text = "In April of Juche 110(2021) the conference was held.\n"
    # "In April of Juche " is 18 characters: "110(2021)" is [18, 27); the space goes at 21.
    found = lint(text, "juche-year-format")
    assert [brief(f) for f in found] == [
        (
            "juche-year-format",
            1,
            19,
            1,
            28,
            18,
            27,
            'write a space between the Juche year and the parenthesis: "110 (2021)"',
            fix("safe", (21, 21, " ")),
        ),
    ]
    assert apply_fixes(text, found) == "In April of Juche 110 (2021) the conference was held.\n"


def test_juche_year_format_glued_word():
    # "In " is 3 characters: "Juche110" is [3, 11); the space goes after "Juche", at 8.
    assert briefs("In Juche110 (2021) it began.\n", "juche-year-format") == [
        (
            "juche-year-format",
            1,
            4,
            1,
            12,
            3,
            11,
            'write a space after "Juche": "Juche 110"',
            fix("safe", (8, 8, " ")),
        ),
    ]


STAMPED = "Statues Visited\n\n[Juche113.1.2.]\n\nPyongyang, January 2 (KCNA) -- People came.\n"


def test_juche_year_format_site_stamp():
    # "Statues Visited\n\n" is 17 characters: the 15-character stamp is [17, 32), line 3.
    assert briefs(STAMPED, "juche-year-format") == [
        (
            "juche-year-format",
            3,
            1,
            3,
            16,
            17,
            32,
            "website date stamp copied with the article; remove it or set `allow-site-stamp`",
            None,
        ),
    ]


def test_juche_year_format_site_stamp_allowed():
    assert lint(STAMPED, "juche-year-format", options={"allow-site-stamp": True}) == []


def test_juche_year_format_good():
    assert lint("In April of Juche 110 (2021) and in Juche 113.\n", "juche-year-format") == []


# -- anniversary ---------------------------------------------------------------------------


def test_anniversary_against_the_sentence_year():
    text = (
        "He spoke at a lecture marking the 77th founding anniversary of the WPK on Oct. 10, 2021.\n"
    )
    # "He spoke at a lecture marking the " is 34 characters: "77th" is [34, 38).
    assert briefs(text, "anniversary") == [
        (
            "anniversary",
            1,
            35,
            1,
            39,
            34,
            38,
            "the founding of the Workers' Party of Korea was in 1945, so 2021 marks the 76th "
            "anniversary, not the 77th",
            None,
        ),
    ]


def test_anniversary_against_the_document_date():
    # "Politics 2024.1.27.\n\n" is 21 characters; "The " 4 more: "80th" is [25, 29).
    text = "Politics 2024.1.27.\n\nThe 80th founding anniversary of the DPRK is near.\n"
    assert briefs(text, "anniversary") == [
        (
            "anniversary",
            3,
            5,
            3,
            9,
            25,
            29,
            "the founding of the Democratic People's Republic of Korea was in 1948, so 2024 "
            "marks the 76th anniversary, not the 80th",
            None,
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He spoke on the 76th founding anniversary of the WPK on Oct. 10, 2021.\n",
        # The document's year, one year either way: articles look ahead and back.
        "Politics 2024.1.27.\n\nThe 77th founding anniversary of the DPRK approaches.\n",
        # The KPA counted from 1932 between 1978 and 2018.
        "It marked the 85th anniversary of the founding of the KPA in 2017.\n",
        "The 112th birth anniversary of President Kim Il Sung, April 15, 2024.\n",
    ],
)
def test_anniversary_good(text):
    assert lint(text, "anniversary") == []


# -- configuration: extending and overriding the pack ----------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.write_text(text, encoding="utf-8")
    return target


def findings(*args: str) -> list[tuple[str, str]]:
    code, found = check_json("--select", "terms", *args)
    assert code in (0, 1), found
    return [(f["rule"], f["message"]) for f in found]


DESK_PACK = """\
name: desk
terms:
  - canonical: Mirim
    kind: place
    variants: [Milim]
"""


def test_config_extra_pack_file(in_tmp):
    write("desk.yml", DESK_PACK)
    write("renderlint.toml", 'packs = ["dprk", "desk.yml"]\n')
    write("a.txt", "Kim Jong-un visited Milim.\n")
    assert findings("a.txt") == [
        ("term-variant", "'Kim Jong-un' is a variant of 'Kim Jong Un'"),
        ("term-variant", "'Milim' is a variant of 'Mirim'"),
    ]


def test_config_extra_terms(in_tmp):
    write(
        "renderlint.toml",
        '[[extra-terms]]\ncanonical = "Ryomyong Street"\nkind = "place"\n'
        'variants = ["Ryeomyeong Street"]\n',
    )
    write("a.txt", "Ryeomyeong Street was built. Ryomyong Street is new.\n")
    assert findings("a.txt") == [
        ("term-variant", "'Ryeomyeong Street' is a variant of 'Ryomyong Street'"),
    ]


def test_config_accept(in_tmp):
    write("a.txt", "The ship reached Nampo. Kaesong has a Kaeson Youth Park.\n")
    assert findings("a.txt") == [
        ("term-variant", "'Nampo' is a variant of 'Nampho'"),
        ("term-misspelling", "'Kaeson' looks like a misspelling of 'Kaesong'"),
    ]
    write("renderlint.toml", 'accept = ["Nampo", "Kaeson"]\n')
    assert findings("a.txt") == []


def test_config_prefer(in_tmp):
    write("renderlint.toml", 'prefer = ["Kim Jong-un"]\n')
    write("a.txt", "Kim Jong-un arrived. Kim Jong Un left.\n")
    code, found = check_json("--select", "term-variant", "a.txt")
    # "Kim Jong-un arrived. " is 21 characters: "Kim Jong Un" is [21, 32).
    assert code == 1
    assert [brief(f) for f in found] == [
        (
            "term-variant",
            1,
            22,
            1,
            33,
            21,
            32,
            "'Kim Jong Un' is a variant of 'Kim Jong-un'",
            fix("safe", (21, 32, "Kim Jong-un")),
        ),
    ]


def test_config_broken_pack_is_one_line_naming_file_and_entry(in_tmp):
    write("bad.yml", "name: bad\nterms:\n  - {canonical: Foo, kind: place, variants: [Foo]}\n")
    write("renderlint.toml", 'packs = ["dprk", "bad.yml"]\n')
    write("a.txt", "Text.\n")
    result = run("check", "a.txt")
    one_line_error(result, "bad.yml", "terms[0] (Foo)", "variant 'Foo' repeats the canonical form")


def test_config_missing_pack_file(in_tmp):
    write("renderlint.toml", 'packs = ["nowhere.yml"]\n')
    write("a.txt", "Text.\n")
    one_line_error(run("check", "a.txt"), "nowhere.yml", "no such pack file")


@pytest.mark.parametrize(
    ("config", "fragments"),
    [
        ('pack = ["dprk"]\n', ("`pack`", "unknown key")),
        ('[[extra-terms]]\ncanonical = "X"\nspelling = ["Y"]\n', ("extra-terms[0].spelling",)),
        ("accept = [1]\n", ("`accept`", "expected a list of non-empty strings")),
        ('prefer = ["Nowhere"]\n', ("'Nowhere'", "names no term")),
    ],
    ids=["unknown-key", "unknown-term-key", "accept-type", "prefer-unknown"],
)
def test_config_errors(in_tmp, config, fragments):
    write("renderlint.toml", config)
    write("a.txt", "Text.\n")
    one_line_error(run("check", "a.txt"), *fragments)


@settings(max_examples=2000, deadline=None)
@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7))
def test_distance_within_one_agrees_with_the_table(a: str, b: str):
    from rules.terms.index import damerau

    # A limit of 1 takes a shortcut; a limit of 3 fills the table.
    assert damerau(a, b, 1) == min(damerau(a, b, 3), 2)
