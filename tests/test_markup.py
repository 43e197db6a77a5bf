"""Markup loaders: the prose they keep, and the source offset of every prose character."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import Document
from linter.markup import PLACEHOLDER, Extraction
from linter.markup.html import extract_html
from linter.markup.markdown import extract_markdown

SYNTHETIC = {"\n", " ", PLACEHOLDER}


def assert_mapped(source: str, extraction: Extraction) -> None:
    """Every segment copies the source verbatim, in order; the rest is separators."""
    prose = extraction.prose
    covered = 0
    last_source_end = 0
    for segment in extraction.segments:
        assert segment.length > 0
        assert segment.prose_start >= covered
        assert segment.source_start >= last_source_end
        prose_end = segment.prose_start + segment.length
        source_end = segment.source_start + segment.length
        assert source[segment.source_start : source_end] == prose[segment.prose_start : prose_end]
        assert set(prose[covered : segment.prose_start]) <= SYNTHETIC
        covered = prose_end
        last_source_end = source_end
    assert set(prose[covered:]) <= SYNTHETIC


def at(source: str, line: int, column: int) -> int:
    """The offset of 1-based ``line`` and ``column`` (in characters) of ``source``."""
    start = 0
    for _ in range(line - 1):
        start = source.index("\n", start) + 1
    return start + column - 1


def source_of(extraction: Extraction, text: str, occurrence: int = 0) -> int:
    """Source offset of ``text`` in the prose, which must be copied in one piece."""
    start = -1
    for _ in range(occurrence + 1):
        start = extraction.prose.index(text, start + 1)
    return source_at(extraction, start, len(text))


def source_at(extraction: Extraction, index: int, length: int = 1) -> int:
    """Source offset of prose ``[index, index + length)``, which must be copied in one piece."""
    for segment in extraction.segments:
        offset = index - segment.prose_start
        if offset >= 0 and offset + length <= segment.length:
            return segment.source_start + offset
    text = extraction.prose[index : index + length]
    raise AssertionError(f"{text!r} is not one verbatim run of the source")


def is_synthetic(extraction: Extraction, index: int) -> bool:
    return not any(s.prose_start <= index < s.prose_start + s.length for s in extraction.segments)


# Markdown


def test_markdown_bom_crlf_front_matter_heading_and_soft_break() -> None:
    source = (
        "\ufeff---\r\n"
        "title: KCNA\r\n"
        "---\r\n"
        "# Kim Jong Un *visits*\r\n"
        "\r\n"
        "Pyongyang, **January 2** (KCNA) --\r\n"
        "the factory.\r\n"
    )
    result = extract_markdown(source)
    assert result.prose == "Kim Jong Un visits\n\nPyongyang, January 2 (KCNA) --\nthe factory."
    assert_mapped(source, result)
    assert source_of(result, "Kim") == at(source, 4, 3)
    assert source_of(result, "visits") == at(source, 4, 16)
    assert source_of(result, "January 2") == at(source, 6, 14)
    assert source_of(result, "the factory.") == at(source, 7, 1)
    assert source_of(result, "(KCNA) --") == at(source, 6, 26)
    # The soft break is the "\n" of the CRLF ending line 6.
    assert source_of(result, "\nthe") == at(source, 7, 1) - 1


def test_markdown_toml_front_matter_and_rules_that_are_not_front_matter() -> None:
    source = '+++\ntitle = "x"\n+++\nBody.\n'
    result = extract_markdown(source)
    assert result.prose == "Body."
    assert source_of(result, "Body") == at(source, 4, 1)

    unclosed = "---\nnot front matter\n"
    assert extract_markdown(unclosed).prose == "not front matter"

    late = "Intro\n\n---\ntitle: no\n---\n"
    assert extract_markdown(late).prose == "Intro\n\ntitle: no"


def test_markdown_code_is_a_placeholder_or_nothing() -> None:
    source = (
        "Intro with `code_span` inline.\n"
        "\n"
        "```python\n"
        "secret_fenced = 1\n"
        "```\n"
        "\n"
        "    secret_indented()\n"
        "\n"
        "Outro ``a ` b`` and `multi\n"
        "line` end.\n"
    )
    result = extract_markdown(source)
    assert (
        result.prose
        == f"Intro with {PLACEHOLDER} inline.\n\nOutro {PLACEHOLDER} and {PLACEHOLDER} end."
    )
    assert_mapped(source, result)
    assert is_synthetic(result, result.prose.index(PLACEHOLDER))
    assert source_of(result, "end.") == at(source, 10, 7)
    for code in ("code_span", "secret", "a ` b", "multi", "`"):
        assert code not in result.prose


def test_markdown_links_autolinks_bare_urls_and_images() -> None:
    source = (
        'Read [the *Rodong* report](https://rodong.rep.kp/en/ "Rodong Sinmun") and '
        "[KCNA][kcna] or <https://kcna.kp>.\n"
        "Bare https://example.com/path?x=1. And www.naenara.com.kp, too.\n"
        '![Portrait of the leader](img/portrait.jpg "Portrait") Caption.\n'
        "\n"
        '[kcna]: https://kcna.kp "KCNA"\n'
    )
    result = extract_markdown(source)
    assert result.prose == (
        f"Read the Rodong report and KCNA or {PLACEHOLDER}.\n"
        f"Bare {PLACEHOLDER}. And {PLACEHOLDER}, too.\n"
        "Caption."
    )
    assert_mapped(source, result)
    assert source_of(result, "report") == at(source, 1, 20)
    assert source_of(result, "KCNA") == at(source, 1, 76)
    assert source_of(result, "too.") == at(source, 2, 60)
    assert source_of(result, "Caption.") == at(source, 3, 56)
    for hidden in ("http", "rodong.rep", "kcna.kp", "naenara", "Portrait", "img/", "Sinmun"):
        assert hidden not in result.prose


def test_markdown_comments_are_reported_not_prose() -> None:
    source = (
        "<!-- renderlint: disable-file=acronym -->\n"
        "\n"
        "The WPK <!-- renderlint: disable-next --> said.\n"
        "\n"
        "<div>\n"
        "<!--\n"
        "  multi-line note\n"
        "-->\n"
        "</div>\n"
        "\n"
        "    <!-- code, not a comment -->\n"
    )
    result = extract_markdown(source)
    assert result.prose == "The WPK said."
    assert_mapped(source, result)
    assert source_of(result, "said.") == at(source, 3, 43)
    assert [(c.start, c.body) for c in result.comments] == [
        (at(source, 1, 1), "renderlint: disable-file=acronym"),
        (at(source, 3, 9), "renderlint: disable-next"),
        (at(source, 6, 1), "multi-line note"),
    ]
    assert [source[c.start : c.end] for c in result.comments] == [
        "<!-- renderlint: disable-file=acronym -->",
        "<!-- renderlint: disable-next -->",
        "<!--\n  multi-line note\n-->",
    ]


def test_markdown_emphasis_escapes_and_entities() -> None:
    source = (
        "***Strong*** __and__ ~~struck~~ *a**\n"
        "AT&amp;T, Kim&nbsp;Jong Un&#8217;s \\*not emphasis\\*, \\a and &bogus;.\n"
    )
    result = extract_markdown(source)
    assert result.prose == (
        "Strong and struck a*\n"
        f"AT{PLACEHOLDER}T, Kim Jong Un{PLACEHOLDER}s *not emphasis*, \\a and &bogus;."
    )
    assert_mapped(source, result)
    # "*a**": the literal "*" is the last one, after the closing delimiter.
    assert source_of(result, "*\nAT") == at(source, 1, 36)
    assert source_of(result, "*not emphasis") == at(source, 2, 37)
    assert source_at(result, result.prose.index("emphasis*") + 8) == at(source, 2, 51)
    assert source_of(result, "\\a and &bogus;") == at(source, 2, 54)
    # Character references are separators, never mapped characters.
    assert is_synthetic(result, result.prose.index("Kim") + 3)
    assert source_of(result, "Jong") == at(source, 2, 20)


def test_markdown_lists_and_blockquotes_lose_their_markers() -> None:
    source = (
        "- First item\n"
        "- Second *item*\n"
        "  continues here\n"
        "\n"
        "1. Numbered\n"
        "   > Quoted inside\n"
        "\n"
        "> Outer quote\n"
        "lazy line\n"
        "> > Nested quote\n"
    )
    result = extract_markdown(source)
    assert result.prose == (
        "First item\n\nSecond item\ncontinues here\n\nNumbered\n\nQuoted inside\n\n"
        "Outer quote\nlazy line\n\nNested quote"
    )
    assert_mapped(source, result)
    assert source_of(result, "continues") == at(source, 3, 3)
    assert source_of(result, "Quoted") == at(source, 6, 6)
    assert source_of(result, "Nested") == at(source, 10, 5)


def test_markdown_tables_give_one_block_per_cell() -> None:
    source = (
        "| Year | Event |\n"
        "|------|:-----:|\n"
        "| Juche 113 (2024) | Kim \\| Party |\n"
        "| 1912 | `code` |\n"
        "| Kim | Kim |\n"
    )
    result = extract_markdown(source)
    assert result.prose == (
        f"Year\n\nEvent\n\nJuche 113 (2024)\n\nKim | Party\n\n1912\n\n{PLACEHOLDER}\n\nKim\n\nKim"
    )
    assert_mapped(source, result)
    assert source_of(result, "Party") == at(source, 3, 29)
    assert source_of(result, "|") == at(source, 3, 27)
    assert source_of(result, "Kim", occurrence=1) == at(source, 5, 3)
    assert source_of(result, "Kim", occurrence=2) == at(source, 5, 9)


def test_markdown_headings_and_setext_headings() -> None:
    source = "# Title ##\n\nSetext title\nover two lines\n============\n\n##\tSub #\n"
    result = extract_markdown(source)
    assert result.prose == "Title\n\nSetext title\nover two lines\n\nSub"
    assert_mapped(source, result)
    assert source_of(result, "over") == at(source, 4, 1)
    assert source_of(result, "Sub") == at(source, 7, 4)


def test_markdown_unicode_tabs_and_line_breaks() -> None:
    source = (
        "“Juche” idea —\tthe 조선중앙통신 report.\nHard break  \nand\\\nmore, then a\rlone CR.\n"
    )
    result = extract_markdown(source)
    assert result.prose == (
        "“Juche” idea —\tthe 조선중앙통신 report.\nHard break\nand\nmore, then a\nlone CR."
    )
    assert_mapped(source, result)
    assert source_of(result, "조선중앙통신") == at(source, 1, 20)
    assert source_of(result, "report") == at(source, 1, 27)
    assert source_of(result, "lone") == source.index("\r") + 1
    assert is_synthetic(result, result.prose.index("lone") - 1)


def test_markdown_inline_html_is_dropped_without_doubling_spaces() -> None:
    source = 'One <span class="x">two</span> three<br>four <img src=x> five\n'
    result = extract_markdown(source)
    assert result.prose == "One two three\nfour five"
    assert_mapped(source, result)
    assert source_of(result, "five") == at(source, 1, 58)


def test_markdown_dropped_markup_leaves_no_stray_blanks() -> None:
    source = (
        "Said. <!-- renderlint: disable-line -->\nNext ![x](y.png)\n\nTab\t\nkept <b> </b> here\n"
    )
    result = extract_markdown(source)
    # The tab really ends its line; the other blanks only sat before dropped markup.
    assert result.prose == "Said.\nNext\n\nTab\t\nkept here"
    assert_mapped(source, result)
    assert source_of(result, "Tab\t\nkept ") == at(source, 4, 1)
    assert source_of(result, "here") == at(source, 5, 15)


def test_markdown_secrets_never_reach_the_prose() -> None:
    source = (
        "Visible `SECRET1` text https://SECRET2.example and <https://SECRET3.example>.\n"
        "\n"
        "<!-- SECRET4 -->\n"
        "\n"
        "[link](https://SECRET5.example 'SECRET6') ![SECRET7](SECRET8.png)\n"
        "\n"
        "```\nSECRET9\n```\n"
        "\n"
        "<div>SECRET10</div>\n"
    )
    result = extract_markdown(source)
    assert_mapped(source, result)
    assert "SECRET" not in result.prose
    assert result.prose.startswith("Visible")


def test_markdown_repeated_document_maps_every_copy() -> None:
    chapter = (
        "## Chapter\n\n"
        "The **WPK** met in *Pyongyang* — see [KCNA](https://kcna.kp) and `code`.\n"
        "A second line with “quotes” and 조선.\n\n"
        "> Quoted\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\n"
    )
    source = chapter * 200
    result = extract_markdown(source)
    assert result.prose == "\n\n".join([extract_markdown(chapter).prose] * 200)
    assert_mapped(source, result)
    assert source_of(result, "Pyongyang", occurrence=199) == 199 * len(chapter) + 32


def test_markdown_document_maps_words_back_to_the_file() -> None:
    source = "# Title\r\n\r\nThe *Workers’ Party*\r\nof Korea.\r\n"
    document = Document("article.md", source, "markdown")
    spans = {w.text: document.source_span(w.start, w.end) for w in document.words}
    assert spans["Workers"] == (at(source, 3, 6), at(source, 3, 13))
    assert spans["Korea"] == (at(source, 4, 4), at(source, 4, 9))


# HTML


def test_html_page_keeps_only_visible_body_text() -> None:
    source = (
        "\ufeff<!DOCTYPE html>\r\n"
        "<html><head><title>Hidden title</title>\r\n"
        "<style>p { color: red }</style><script>var hidden = '<p>no</p>';</script></head>\r\n"
        "<body>\r\n"
        "<h1>Kim Jong Un Inspects</h1>\r\n"
        "<p>Pyongyang, January 2 (KCNA) --\r\n"
        "    the <b>new</b> factory.</p>\r\n"
        "<noscript>Enable JS</noscript><template><p>tpl</p></template>"
        "<svg><text>svg</text></svg>\r\n"
        "</body></html>\r\n"
    )
    result = extract_html(source)
    assert (
        result.prose == "Kim Jong Un Inspects\n\nPyongyang, January 2 (KCNA) --\nthe new factory."
    )
    assert_mapped(source, result)
    assert source_of(result, "Kim") == at(source, 5, 5)
    assert source_of(result, "January") == at(source, 6, 15)
    assert source_of(result, "the") == at(source, 7, 5)
    # The line break kept is the "\n" of the CRLF ending line 6.
    assert source_at(result, result.prose.index("--\n") + 2) == at(source, 7, 1) - 1


def test_html_character_references_are_separators() -> None:
    source = (
        "<p>AT&amp;T, Kim&nbsp;Jong Un&#8217;s AT&T &bogus; &#abc; and &#xyz; end &#x2014; fin</p>"
    )
    result = extract_html(source)
    assert result.prose == (
        f"AT{PLACEHOLDER}T, Kim Jong Un{PLACEHOLDER}s AT&T &bogus; &#abc; and &#xyz; end"
        f" {PLACEHOLDER} fin"
    )
    assert_mapped(source, result)
    assert source_of(result, "AT&T &bogus; &#abc; and &#xyz; end") == at(source, 1, 39)
    assert source_of(result, "Jong") == at(source, 1, 23)
    assert is_synthetic(result, result.prose.index("Jong") - 1)
    assert source_of(result, "fin") == at(source, 1, 83)


def test_html_blocks_are_separated_once_and_inline_elements_abut() -> None:
    source = (
        "<div><p>One</p>\n\n<p>Two <i>three</i>four<br>five</p></div>"
        "<ul><li>six</li><li>seven</li></ul>"
        "<table><tr><th>Juche 113</th><td>2024</td></tr></table>"
    )
    result = extract_html(source)
    assert result.prose == "One\n\nTwo threefour\n\nfive\n\nsix\n\nseven\n\nJuche 113\n\n2024"
    assert_mapped(source, result)
    assert source_of(result, "four") == at(source, 3, 20)
    assert source_of(result, "2024") == source.index("2024")


def test_html_whitespace_collapses_to_real_characters() -> None:
    source = "<p>  lots   of\t\tspace \n\n here\t</p>\n<p>\ttab\tonly</p>"
    result = extract_html(source)
    # A run of blanks shows as one synthetic space; a run with a line break, as the break.
    assert result.prose == "lots of space\nhere\n\ntab\tonly"
    assert_mapped(source, result)
    assert source_of(result, "of") == at(source, 1, 13)
    assert source_of(result, "here") == at(source, 3, 2)
    assert source_of(result, "tab\tonly") == at(source, 4, 5)


def test_html_code_and_images() -> None:
    source = (
        '<p>Call <code>secret_fn()</code> now <img src="secret.png" alt="Secret alt"> ok.</p>'
        "<pre><code>secret_block\n</code></pre><p>After <kbd>Ctrl</kbd></p>"
    )
    result = extract_html(source)
    assert result.prose == f"Call {PLACEHOLDER} now ok.\n\n{PLACEHOLDER}\n\nAfter {PLACEHOLDER}"
    assert_mapped(source, result)
    assert "secret" not in result.prose.lower()
    assert "Ctrl" not in result.prose


def test_html_comments_are_reported_everywhere() -> None:
    source = (
        "<!-- renderlint: disable-file -->\n"
        "<html><head><!-- in head --></head>\n"
        "<body><p>x <!--\n multi \n--> y</p><script><!-- not a comment --></script></body></html>"
    )
    result = extract_html(source)
    assert result.prose == "x y"
    assert_mapped(source, result)
    assert [(c.start, c.body) for c in result.comments] == [
        (at(source, 1, 1), "renderlint: disable-file"),
        (at(source, 2, 13), "in head"),
        (at(source, 3, 12), "multi"),
    ]
    assert [source[c.start : c.end] for c in result.comments] == [
        "<!-- renderlint: disable-file -->",
        "<!-- in head -->",
        "<!--\n multi \n-->",
    ]


def test_html_unicode_and_tabs() -> None:
    source = "<p>“Juche” idea —\tthe 조선중앙통신 report.</p>"
    result = extract_html(source)
    assert result.prose == "“Juche” idea —\tthe 조선중앙통신 report."
    assert_mapped(source, result)
    assert source_of(result, "조선중앙통신") == at(source, 1, 23)
    assert source_of(result, "report") == at(source, 1, 30)


@pytest.mark.parametrize(
    "source",
    [
        "<p>unclosed <b>bold <i>mixed</b> end</i>",
        "<p>a < b and c > d</p></div></span>stray",
        "<![CDATA[hidden]]><![foo[bar]]><![if !IE]>shown<![endif]><!x></ >",
        "&#abc; &#xyz; &#12a; <p>after</p> &#; <b>bold</b>",
        "<html><head><title>t</title><p>implied body</p>",
        "<p>x</p><head><meta></head><p>y</p>",
        "<script>unclosed",
        "<!-- unclosed comment",
        "<a href='unclosed",
        "\ufeff",
        "",
    ],
)
def test_html_malformed_input_never_raises(source: str) -> None:
    assert_mapped(source, extract_html(source))


def test_html_malformed_input_keeps_the_text_a_browser_shows() -> None:
    source = "&#abc; &#xyz; <p>after <b>bold</b></p><![if !IE]>shown<![endif]>"
    result = extract_html(source)
    assert result.prose == "&#abc; &#xyz;\n\nafter bold\n\nshown"
    assert extract_html("<html><head><title>t</title><p>implied body</p>").prose == ("implied body")


# Both loaders, on arbitrary input.

MARKDOWN_ATOMS = [
    "\n", "\r\n", "\r", " ", "  ", "\t", "*", "**", "_", "`", "``", "[", "]", "(", ")",
    "![", "<", ">", "<!--", "-->", "&amp;", "&#8217;", "&", "\\", "# ", "> ", "- ", "1. ",
    "|", "|---|", "---", "```", "~~", "http://x.y/z", "www.a.b", "word", "조선", "“", "—",
    "\ufeff", "\0", "<br>", "<span>", "[r]: /u\n", "'", '"', "    ",
]  # fmt: skip
HTML_ATOMS = [
    "<p>", "</p>", "<div>", "<b>", "</b>", "<code>", "</code>", "<head>", "</head>",
    "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<![x[", "&amp;", "&#",
    "&#12a;", "&#x27;", "&nbsp;", "&", "<", ">", "</", "<br>", "'", '"', "=", " ", "\n",
    "\r\n", "word", "조선", "\ufeff", "<svg>", "</svg>", "<a href='x'>", "</a>", "<?pi?>",
    "<!DOCTYPE html>", "<!x>", "<td>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_ATOMS), max_size=40).map("".join))
def test_markdown_mapping_holds_for_any_input(source: str) -> None:
    result = extract_markdown(source)
    assert_mapped(source, result)
    for comment in result.comments:
        assert source.startswith("<!--", comment.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_ATOMS), max_size=40).map("".join))
def test_html_mapping_holds_for_any_input(source: str) -> None:
    result = extract_html(source)
    assert_mapped(source, result)
    for comment in result.comments:
        assert source.startswith("<!--", comment.start)


# --- runs of capitalised words ----------------------------------------------------------

_RUN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*(?: [A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*)*")


def _runs_by_words(prose: str) -> list[tuple[int, str]]:
    """Name runs as `Document.name_runs` defines them, word by word: capitalised words
    joined by single spaces, a run ending before a possessive and before the apostrophes
    or hyphens that end a word."""
    out = []
    for match in _RUN.finditer(prose):
        start = at = match.start()
        for token in match.group().split(" "):
            stripped = token.rstrip("'’-")
            possessive = stripped.endswith(("'s", "’s"))
            if possessive or len(stripped) < len(token):
                cut = at + len(stripped) - (2 if possessive else 0)
                if cut > start:
                    out.append((start, prose[start:cut]))
                start = at + len(token) + 1
            at += len(token) + 1
        if start < match.end():
            out.append((start, prose[start : match.end()]))
    return out


def test_name_runs_cut_at_possessives_and_closing_apostrophes():
    doc = Document("a.txt", "The Workers' Party of Korea's Central Committee met Ri-\nKim Jong Un.")
    assert [(r.start, r.text) for r in doc.name_runs] == [
        (0, "The Workers"),
        (13, "Party"),
        (22, "Korea"),
        (30, "Central Committee"),
        (52, "Ri"),
        (56, "Kim Jong Un"),
    ]


RUN_ATOMS = [
    "A",
    "Kim",
    "ŏ",
    "Ŏ",
    "s",
    "'s",
    "’s",
    "'",
    "’",
    "-",
    " ",
    "  ",
    ".",
    "\n",
    "é",
    "ß",
    "_",
    "7",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(RUN_ATOMS), max_size=30).map("".join))
def test_name_runs_match_a_word_by_word_reading(prose: str):
    starts, texts = Document("a.txt", prose).name_run_table
    assert list(zip(starts, texts, strict=True)) == _runs_by_words(prose)


def test_byte_classes_keep_offsets_and_refuse_a_class_that_is_not_its_own():
    from linter.charclass import ByteClasses

    vowels = ByteClasses("test-vowels", lambda c: "v" if c in "aeiouvŏŭ" else ".")
    with pytest.raises(ValueError, match="not a class of its own"):
        ByteClasses("test-broken", lambda c: "x" if c == "a" else "a")
    # One byte per character, inside ASCII and outside it.
    assert vowels("Chŏllima “flies”") == b"..v..v.v....vv.."
