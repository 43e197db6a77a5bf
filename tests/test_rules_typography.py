"""Typography rules: bad and good fixtures, positions and fixes worked out by hand.

Offsets below are 0-based character offsets into the fixture text; lines and columns are
1-based; ends are exclusive. Each expected tuple is
(rule, line, column, end_line, end_column, offset, end_offset, message, fix).
"""

from __future__ import annotations

import time

import pytest
from renderlint_testing import apply_fixes, brief, fix, lint

# -- repeated-word ----------------------------------------------------------------------


def test_repeated_word_in_a_sentence():
    text = "The delegation visited the the palace.\n"
    # "The delegation visited " is 23 characters: the copies are [23, 26) and [27, 30).
    found = lint(text, "repeated-word")
    assert [brief(f) for f in found] == [
        ("repeated-word", 1, 24, 1, 31, 23, 30, "repeated word 'the'", fix("safe", (26, 30, ""))),
    ]
    assert apply_fixes(text, found) == "The delegation visited the palace.\n"


def test_repeated_word_differing_only_in_case():
    text = "The the report was read."
    found = lint(text, "repeated-word")
    assert [brief(f) for f in found] == [
        ("repeated-word", 1, 1, 1, 8, 0, 7, "repeated word 'The'", fix("safe", (3, 7, ""))),
    ]
    assert apply_fixes(text, found) == "The report was read."


@pytest.mark.parametrize(
    ("text", "end_offset", "end_column"),
    [
        ("He went to\nto the square.\n", 13, 3),
        ("He went to\r\nto the square.\r\n", 14, 3),
        ("He went to \n  to the square.\n", 16, 5),
    ],
    ids=["lf", "crlf", "indented"],
)
def test_repeated_word_across_a_line_break(text, end_offset, end_column):
    # "He went " is 8 characters; the first "to" is [8, 10).
    found = lint(text, "repeated-word")
    assert [brief(f) for f in found] == [
        (
            "repeated-word",
            1,
            9,
            2,
            end_column,
            8,
            end_offset,
            "repeated word 'to'",
            fix("safe", (10, end_offset, "")),
        ),
    ]
    assert apply_fixes(text, found).startswith("He went to the square.")


@pytest.mark.parametrize(
    "text",
    [
        "They said no\n\nno one came.\n",
        "They said no\n \t\nno one came.\n",
        "They said no\r\n\r\nno one came.\r\n",
    ],
    ids=["blank-line", "blank-line-with-spaces", "crlf"],
)
def test_repeated_word_never_pairs_words_of_different_paragraphs(text):
    assert lint(text, "repeated-word") == []


@pytest.mark.parametrize(
    "text",
    [
        "The delegation visited the palace.",
        "He had had enough; that that was so is clear.",
        "We ate a bonbon with couscous in the theatre.",
        "In 2021 2021 people came.",
        "Look at the theory.",
    ],
    ids=["clean", "allowed-by-default", "doubled-syllables", "numbers", "word-prefix"],
)
def test_repeated_word_leaves_these_alone(text):
    assert lint(text, "repeated-word") == []


@pytest.mark.parametrize(
    ("text", "start", "word"),
    [
        ("Run `the the` here.", 5, "the"),
        ("and/or or both", 4, "or"),
        ("the meeting—the the delegates", 12, "the"),
        ("a *the the* b", 3, "the"),
        ("(the the)", 1, "the"),
        ("«the the»", 1, "the"),
        ("#the the", 1, "the"),
        ("x the\u00a0the", 2, None),  # a no-break space does not pair words
    ],
    ids=["backticks", "slash", "em-dash", "asterisks", "brackets", "guillemets", "hash", "nbsp"],
)
def test_repeated_word_next_to_marks(text, start, word):
    found = lint(text, "repeated-word")
    if word is None:
        assert found == []
        return
    end = start + 2 * len(word) + 1
    # The fix deletes the space and the second copy.
    assert [(f["offset"], f["end_offset"], f["fix"]) for f in found] == [
        (start, end, fix("safe", (start + len(word), end, "")))
    ]


def test_repeated_word_allow_option_replaces_the_defaults():
    text = "It was very very cold and he had had enough."
    # "It was " is 7 characters; "had had" starts after "...cold and he " at 29.
    found = lint(text, "repeated-word", options={"allow": ["very"]})
    assert [brief(f) for f in found] == [
        ("repeated-word", 1, 30, 1, 37, 29, 36, "repeated word 'had'", fix("safe", (32, 36, ""))),
    ]


def test_repeated_word_in_hangul():
    text = "평양 평양 시민"
    found = lint(text, "repeated-word")
    assert [brief(f) for f in found] == [
        ("repeated-word", 1, 1, 1, 6, 0, 5, "repeated word '평양'", fix("safe", (2, 5, ""))),
    ]


# -- whitespace ---------------------------------------------------------------------------


def test_whitespace_double_space_between_words():
    text = "The meeting was held in  Pyongyang.\n"
    found = lint(text, "whitespace")
    assert [brief(f) for f in found] == [
        ("whitespace", 1, 24, 1, 26, 23, 25, "2 spaces between words", fix("safe", (23, 25, " "))),
    ]
    assert apply_fixes(text, found) == "The meeting was held in Pyongyang.\n"


def test_whitespace_counts_the_spaces():
    found = lint("in   Pyongyang", "whitespace")
    assert [brief(f) for f in found] == [
        ("whitespace", 1, 3, 1, 6, 2, 5, "3 spaces between words", fix("safe", (2, 5, " "))),
    ]


@pytest.mark.parametrize(
    ("text", "start", "mark"),
    [
        ("It was held in Pyongyang , the capital.\n", 24, ","),
        ("Why ?", 3, "?"),
        ("one\t; two", 3, ";"),
        ("He said this :\nnothing.", 12, ":"),
    ],
    ids=["comma", "question-at-end", "tab-before-semicolon", "colon-before-newline"],
)
def test_whitespace_space_before_punctuation(text, start, mark):
    found = lint(text, "whitespace")
    assert [brief(f) for f in found] == [
        (
            "whitespace",
            1,
            start + 1,
            1,
            start + 2,
            start,
            start + 1,
            f"space before {mark!r}",
            fix("safe", (start, start + 1, "")),
        ),
    ]


def test_whitespace_double_space_before_punctuation_is_one_finding():
    text = "held in Pyongyang  , the capital"
    # The spaces are [17, 19): one slip, one finding, one fix (not also "2 spaces between
    # words", whose fix would overlap this one).
    found = lint(text, "whitespace")
    assert [brief(f) for f in found] == [
        ("whitespace", 1, 18, 1, 20, 17, 19, "space before ','", fix("safe", (17, 19, ""))),
    ]
    assert apply_fixes(text, found) == "held in Pyongyang, the capital"


def test_whitespace_trailing():
    text = "First line.  \nSecond line.\t\n"
    # Line 2 starts at offset 14; its tab is at 26.
    found = lint(text, "whitespace")
    assert [brief(f) for f in found] == [
        ("whitespace", 1, 12, 1, 14, 11, 13, "trailing white space", fix("safe", (11, 13, ""))),
        ("whitespace", 2, 13, 2, 14, 26, 27, "trailing white space", fix("safe", (26, 27, ""))),
    ]
    assert apply_fixes(text, found) == "First line.\nSecond line.\n"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("Done. \r\nNext.", 5, 6), ("End.   ", 4, 7)],
    ids=["before-crlf", "at-end-of-file"],
)
def test_whitespace_trailing_before_crlf_and_at_end(text, start, end):
    found = lint(text, "whitespace")
    assert [brief(f) for f in found] == [
        (
            "whitespace",
            1,
            start + 1,
            1,
            end + 1,
            start,
            end,
            "trailing white space",
            fix("safe", (start, end, "")),
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It ended.  Then it began.\n",
        "He asked “why?”  Nobody knew.\n",
        "    An indented line.\n\tAnd a tabbed one.\n",
        "A clean sentence, with a comma; and more: all fine!\n",
        "He paused ... then went on.\n",
    ],
    ids=["sentence-gap", "gap-after-quote", "indentation", "clean", "spaced-ellipsis"],
)
def test_whitespace_leaves_these_alone(text):
    assert lint(text, "whitespace") == []


def test_whitespace_trailing_option_off():
    found = lint("First line.  \nA  gap.\n", "whitespace", options={"trailing": False})
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (2, 2, "2 spaces between words"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" + " " * 100_000 + "y\n", "100000 spaces between words"),
        ("x" + " " * 100_000 + "\n", "trailing white space"),
        ("x" + "\t" * 100_000 + "\n", "trailing white space"),
    ],
    ids=["run-between-words", "trailing-spaces", "trailing-tabs"],
)
def test_whitespace_is_linear_in_long_runs_of_blanks(text, message):
    began = time.perf_counter()
    found = lint(text, "whitespace")
    elapsed = time.perf_counter() - began
    assert [(f["offset"], f["end_offset"], f["message"]) for f in found] == [(1, 100_001, message)]
    # Linear work takes milliseconds; the quadratic regex it replaces took hours here.
    assert elapsed < 2, f"{elapsed:.1f} s for 100,000 blanks"


# -- quote-style ----------------------------------------------------------------------------


def _msg(description: str, rest: str) -> str:
    return f"{description} in a document where {rest}"


def test_quote_style_reports_the_minority_straight_quotes():
    text = 'He said “yes” and the Party’s "no".'
    # Straight quotes at 30 and 33; 3 curly marks beat 2 straight ones.
    found = lint(text, "quote-style")
    message = _msg("straight double quote '\"'", "curly quotes dominate (3 curly, 2 straight)")
    assert [brief(f) for f in found] == [
        ("quote-style", 1, 31, 1, 32, 30, 31, message, fix("unsafe", (30, 31, "“"))),
        ("quote-style", 1, 34, 1, 35, 33, 34, message, fix("unsafe", (33, 34, "”"))),
    ]
    assert apply_fixes(text, found) == "He said “yes” and the Party’s “no”."


def test_quote_style_tie_goes_to_straight():
    text = '“A” and "B".'
    found = lint(text, "quote-style")
    rest = "straight quotes dominate (2 curly, 2 straight)"
    assert [brief(f) for f in found] == [
        (
            "quote-style",
            1,
            1,
            1,
            2,
            0,
            1,
            _msg("curly double quote '“'", rest),
            fix("unsafe", (0, 1, '"')),
        ),
        (
            "quote-style",
            1,
            3,
            1,
            4,
            2,
            3,
            _msg("curly double quote '”'", rest),
            fix("unsafe", (2, 3, '"')),
        ),
    ]


def test_quote_style_counts_apostrophes():
    text = "The Workers’ Party and the Workers' Party’s aims."
    found = lint(text, "quote-style")
    message = _msg(
        'straight apostrophe or single quote "\'"', "curly quotes dominate (2 curly, 1 straight)"
    )
    assert [brief(f) for f in found] == [
        ("quote-style", 1, 35, 1, 36, 34, 35, message, fix("unsafe", (34, 35, "’"))),
    ]


@pytest.mark.parametrize(
    "text",
    ['He said "yes" and it\'s fine.', "“Yes,” it’s fine.", "No quotes at all."],
    ids=["all-straight", "all-curly", "none"],
)
def test_quote_style_one_style_is_fine(text):
    assert lint(text, "quote-style") == []


def test_quote_style_forced_curly_guesses_opening_and_closing():
    text = '("a") —"b" \'c\' it\'s'
    found = lint(text, "quote-style", options={"style": "curly"})
    assert [(f["offset"], f["fix"]["edits"][0]["content"]) for f in found] == [
        (1, "“"),  # after "("
        (3, "”"),  # after a letter
        (7, "“"),  # after an em dash
        (9, "”"),
        (11, "‘"),  # after a space
        (13, "’"),
        (17, "’"),  # an apostrophe inside a word
    ]
    assert {f["fix"]["applicability"] for f in found} == {"unsafe"}
    assert apply_fixes(text, found) == "(“a”) —“b” ‘c’ it’s"


def test_quote_style_forced_style_message_does_not_claim_a_majority():
    found = lint('It\'s "fine".', "quote-style", options={"style": "curly"})
    assert len(found) == 3
    for f in found:
        # 0 curly against 3 straight: "curly quotes dominate" would be false.
        assert "dominate" not in f["message"]
        assert "curly" in f["message"]
        assert "(0 curly, 3 straight)" in f["message"]
    assert found[0]["message"].startswith('straight apostrophe or single quote "\'"')


def test_quote_style_forced_straight():
    text = "“Yes,” it’s fine."
    found = lint(text, "quote-style", options={"style": "straight"})
    assert [(f["column"], f["fix"]["edits"][0]["content"]) for f in found] == [
        (1, '"'),
        (6, '"'),
        (10, "'"),
    ]
    assert apply_fixes(text, found) == '"Yes," it\'s fine.'


# -- all typography rules together ------------------------------------------------------------


def test_clean_text_has_no_typography_finding():
    text = (
        "The respected General Secretary Kim Jong Un inspected the Pyongyang General "
        "Hospital.  He gave instructions to the builders, and “praised” the workers’ zeal.\n"
        "\n"
        "Officials of the Workers’ Party of Korea attended.\n"
    )
    assert lint(text, "typography") == []
