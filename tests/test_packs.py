"""Rule packs: the loader's validation and merging, and the built-in dprk pack's data."""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.packs import (
    KINDS,
    Pack,
    PackError,
    Term,
    builtin_names,
    form_key,
    load_builtin,
    load_pack,
    merge_packs,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "kcna-2024"


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' pack caches out of the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RENDERLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def dprk() -> Pack:
    return load_builtin("dprk")


def folded(form: str) -> str:
    return form_key(form).casefold()


# --- the built-in pack --------------------------------------------------------------------


def test_builtin_pack_loads(dprk: Pack) -> None:
    assert "dprk" in builtin_names()
    assert dprk.name == "dprk"
    assert dprk.source == "rules/packs/dprk.yml"
    assert len(dprk.terms) >= 150
    assert dprk.acronyms and dprk.foundings and dprk.styles
    assert load_builtin("dprk") is load_builtin("dprk")


def test_builtin_pack_loads_fast() -> None:
    path = Path(__file__).resolve().parents[1] / "rules" / "packs" / "dprk.yml"
    load_pack(path)  # fills the cache, as the first run on a machine does
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        load_pack(path)
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.020, f"loading the dprk pack took {min(timings) * 1000:.1f} ms"


def test_terms_are_grouped_by_kind_and_sorted(dprk: Pack) -> None:
    kinds_in_order = [t.kind for t in dprk.terms]
    blocks = [k for i, k in enumerate(kinds_in_order) if i == 0 or kinds_in_order[i - 1] != k]
    assert len(blocks) == len(set(blocks)), f"kinds are not grouped: {blocks}"
    assert set(blocks) <= set(KINDS)
    for kind in blocks:
        names = [t.canonical for t in dprk.terms if t.kind == kind]
        assert names == sorted(names, key=folded), f"{kind} entries are not sorted"
    assert [a.acronym for a in dprk.acronyms] == sorted(
        (a.acronym for a in dprk.acronyms), key=str.casefold
    )
    assert [s.name for s in dprk.styles] == sorted(s.name for s in dprk.styles)
    first_dates = [f.dates[0].date for f in dprk.foundings]
    assert first_dates == sorted(first_dates)


def test_every_term_has_a_variant_or_says_why_not(dprk: Pack) -> None:
    bare = [t.canonical for t in dprk.terms if not (t.variants or t.misspellings or t.note)]
    assert not bare


def test_no_variant_is_a_canonical_form(dprk: Pack) -> None:
    canonical = {folded(t.canonical): t.canonical for t in dprk.terms}
    for term in dprk.terms:
        for form in (*term.variants, *term.misspellings):
            assert form != term.canonical
            owner = canonical.get(folded(form))
            assert owner in (None, term.canonical), f"{form!r} of {term.canonical!r} is {owner!r}"


def test_no_form_belongs_to_two_entries(dprk: Pack) -> None:
    owners: dict[str, str] = {}
    entries = [(t.canonical, t.forms) for t in dprk.terms] + [
        (a.acronym, (a.acronym, *a.variants)) for a in dprk.acronyms
    ]
    for name, forms in entries:
        for form in forms:
            owner = owners.setdefault(folded(form), name)
            assert owner == name, f"{form!r} belongs to {owner!r} and {name!r}"


def test_single_word_variants_are_not_english_words(dprk: Pack) -> None:
    wordlist = pytest.importorskip("linter.wordlist", reason="needs the English word list")
    english = [
        (t.canonical, form)
        for t in dprk.terms
        for form in (*t.variants, *t.misspellings)
        if " " not in form and wordlist.is_english(form)
    ]
    assert not english


def test_founding_dates_follow_the_text_date(dprk: Pack) -> None:
    by_event = {f.event: f for f in dprk.foundings}
    kpa = by_event["founding of the Korean People's Army"]
    assert kpa.dates_on(datetime.date(2024, 2, 8)) == (datetime.date(1948, 2, 8),)
    assert kpa.dates_on(datetime.date(2012, 4, 25)) == (datetime.date(1932, 4, 25),)
    assert kpa.dates_on(datetime.date(1960, 2, 8)) == (datetime.date(1948, 2, 8),)
    assert set(kpa.dates_on(datetime.date(1978, 6, 1))) == {
        datetime.date(1948, 2, 8),
        datetime.date(1932, 4, 25),
    }
    wpk = by_event["founding of the Workers' Party of Korea"]
    assert wpk.dates_on(datetime.date(2021, 10, 10)) == (datetime.date(1945, 10, 10),)
    assert "WPK" in wpk.refs


def test_lookups(dprk: Pack) -> None:
    assert dprk.term_for("Kim Jong-un").canonical == "Kim Jong Un"
    assert dprk.term_for("Workers’ Party of Korea").canonical == "Workers' Party of Korea"
    assert dprk.term_for("Workers Party of Korea").canonical == "Workers' Party of Korea"
    assert dprk.term_for("Kim  Jong Un").canonical == "Kim Jong Un"
    assert dprk.term_for("Seoul") is None
    assert dprk.acronym_for("KWP").acronym == "WPK"
    assert dprk.acronym_for("US").acronym == "U.S."


# --- the built-in pack against real KCNA text ---------------------------------------------


@pytest.fixture(scope="module")
def corpus_hits(dprk: Pack) -> set[str]:
    """Every pack form that occurs in the KCNA 2024 sample as a whole word sequence."""
    if not CORPUS.is_dir():
        pytest.skip(f"the KCNA 2024 sample is not at {CORPUS}")
    from linter.automaton import Automaton

    forms = {f for t in dprk.terms for f in t.forms}
    forms |= {t.canonical[0].upper() + t.canonical[1:] for t in dprk.terms}
    forms |= {f for a in dprk.acronyms for f in (a.acronym, *a.variants)}
    automaton = Automaton(((form, form) for form in forms), overlapping=True)
    hits: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        text = form_key(path.read_text(encoding="utf-8"))
        for start, end, form in automaton.find_all(text):
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                hits.add(form)
    return hits


def test_canonical_forms_occur_in_kcna_text(dprk: Pack, corpus_hits: set[str]) -> None:
    def attested(term: Term) -> bool:
        capitalised = term.canonical[0].upper() + term.canonical[1:]
        return term.canonical in corpus_hits or capitalised in corpus_hits

    missing = [t.canonical for t in dprk.terms if t.attested and not attested(t)]
    assert not missing, "not in the sample: mark them attested: false with a note"
    stale = [t.canonical for t in dprk.terms if not t.attested and attested(t)]
    assert not stale, "marked attested: false but found in the sample"


def test_variants_do_not_occur_in_kcna_text(dprk: Pack, corpus_hits: set[str]) -> None:
    entries = [
        (t.canonical, (*t.variants, *t.misspellings), t.attested_variants) for t in dprk.terms
    ]
    entries += [(a.acronym, a.variants, a.attested_variants) for a in dprk.acronyms]
    for name, variants, attested in entries:
        false_alarms = [v for v in variants if v in corpus_hits and v not in attested]
        assert not false_alarms, f"{name}: variants found in house text: {false_alarms}"
        stale = [v for v in attested if v not in corpus_hits]
        assert not stale, f"{name}: attested variants not found in the sample: {stale}"


# --- validation of broken packs -----------------------------------------------------------

GOOD_TERM = "  - {canonical: Foo, kind: place, variants: [Fu]}\n"

BROKEN = {
    "unknown key": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variant: [Fu]}\n",
        "terms[0] (Foo): unknown key 'variant'",
    ),
    "missing key": (
        "name: t\nterms:\n  - {canonical: Foo}\n",
        "terms[0] (Foo): missing key 'kind'",
    ),
    "missing name": ("terms: []\n", "top level: missing key 'name'"),
    "unknown top-level key": ("name: t\nterm: []\n", "top level: unknown key 'term'"),
    "not a mapping": ("- a\n- b\n", "top level: must be a mapping, not a list"),
    "empty file": ("", "top level: must be a mapping, not empty"),
    "section not a list": ("name: t\nterms: {a: b}\n", "top level: terms must be a list"),
    "entry not a mapping": ("name: t\nterms:\n  - Foo\n", "terms[0]: must be a mapping, not text"),
    "variants not a list": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: Fu}\n",
        "terms[0] (Foo): variants must be a list, not text",
    ),
    "number for text": (
        "name: t\nterms:\n  - {canonical: 1984, kind: event}\n",
        "terms[0]: canonical must be text, not int 1984",
    ),
    "boolean for text": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: [No]}\n",
        "terms[0] (Foo): variants must be text, not False (quote it",
    ),
    "empty canonical": (
        "name: t\nterms:\n  - {canonical: '', kind: place}\n",
        "terms[0]: canonical must not be empty",
    ),
    "empty variant": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: ['  ']}\n",
        "terms[0] (Foo): variants must not be empty",
    ),
    "bad kind": (
        "name: t\nterms:\n  - {canonical: Foo, kind: human}\n",
        "terms[0] (Foo): kind 'human' is not one of: person, place",
    ),
    "curly apostrophe": (
        "name: t\nterms:\n  - {canonical: 'Workers’ Party', kind: org}\n",
        "terms[0] (Workers’ Party): canonical 'Workers’ Party' has a curly apostrophe",
    ),
    "double space": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: ['Fu  Bar']}\n",
        "terms[0] (Foo): variants 'Fu  Bar' has a line break, a tab or a double space",
    ),
    "variant repeats canonical": (
        "name: t\nterms:\n  - {canonical: Kim Jong Un, kind: person, variants: [Kim Jong Un]}\n",
        "terms[0] (Kim Jong Un): variant 'Kim Jong Un' repeats the canonical form",
    ),
    "variant listed twice": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: [Fu, Fu]}\n",
        "terms[0] (Foo): variants lists 'Fu' twice",
    ),
    "variant and misspelling": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: [Fu], misspellings: [Fu]}\n",
        "terms[0] (Foo): misspelling 'Fu' is also listed as a variant",
    ),
    "duplicate canonical": (
        "name: t\nterms:\n" + GOOD_TERM + "  - {canonical: foo, kind: term}\n",
        "terms[1] (foo): canonical form 'foo' is also the canonical form of terms[0] (Foo)",
    ),
    "variant of another term": (
        "name: t\nterms:\n" + GOOD_TERM + "  - {canonical: Bar, kind: place, variants: [FU]}\n",
        "terms[1] (Bar): variant 'FU' is also a variant of terms[0] (Foo)",
    ),
    "variant is another canonical": (
        "name: t\nterms:\n" + GOOD_TERM + "  - {canonical: Bar, kind: place, variants: [Foo]}\n",
        "terms[1] (Bar): variant 'Foo' is also the canonical form of terms[0] (Foo)",
    ),
    "attested variant not a variant": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, variants: [Fu], "
        "attested_variants: [Fo]}\n",
        "terms[0] (Foo): attested variant 'Fo' is not one of the variants",
    ),
    "attested not a boolean": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, attested: maybe}\n",
        "terms[0] (Foo): attested must be true or false, not 'maybe'",
    ),
    "hangul without hangul": (
        "name: t\nterms:\n  - {canonical: Foo, kind: place, hangul: Foo}\n",
        "terms[0] (Foo): hangul 'Foo' contains no Hangul",
    ),
    "acronym define missing": (
        "name: t\nacronyms:\n  - {acronym: WPK, expansions: [Workers' Party]}\n",
        "acronyms[0] (WPK): missing key 'define'",
    ),
    "acronym define not boolean": (
        "name: t\nacronyms:\n  - {acronym: WPK, expansions: [X], define: sometimes}\n",
        "acronyms[0] (WPK): define must be true or false, not 'sometimes'",
    ),
    "acronym without expansion": (
        "name: t\nacronyms:\n  - {acronym: WPK, expansions: [], define: true}\n",
        "acronyms[0] (WPK): expansions must not be empty",
    ),
    "acronym variant is a term variant": (
        "name: t\nterms:\n"
        + GOOD_TERM
        + "acronyms:\n  - {acronym: FB, expansions: [Foo Bar], define: true, variants: [Fu]}\n",
        "acronyms[0] (FB): variant 'Fu' is also a variant of terms[0] (Foo)",
    ),
    "expansion is a term variant": (
        "name: t\nterms:\n"
        + GOOD_TERM
        + "acronyms:\n  - {acronym: F, expansions: [Fu], define: true}\n",
        "acronyms[0] (F): expansion 'Fu' is a variant of terms[0] (Foo)",
    ),
    "bad date": (
        "name: t\nfoundings:\n  - {event: founding of X, kind: founding, refs: [X], "
        "dates: [{date: 1945-13-10}]}\n",
        "foundings[0] (founding of X): dates[0]: bad date '1945-13-10' (expected a date",
    ),
    "date not a date": (
        "name: t\nfoundings:\n  - {event: founding of X, kind: founding, refs: [X], "
        "dates: [{date: 1945}]}\n",
        "foundings[0] (founding of X): dates[0]: bad date 1945",
    ),
    "since after until": (
        "name: t\nfoundings:\n  - {event: founding of X, kind: founding, refs: [X], "
        "dates: [{date: 1945-10-10, since: 2000-01-01, until: 1990-01-01}]}\n",
        "dates[0]: since 2000-01-01 is not before until 1990-01-01",
    ),
    "no dates": (
        "name: t\nfoundings:\n  - {event: founding of X, kind: founding, refs: [X], dates: []}\n",
        "foundings[0] (founding of X): dates must be a non-empty list",
    ),
    "bad founding kind": (
        "name: t\nfoundings:\n  - {event: founding of X, kind: creation, refs: [X], "
        "dates: [{date: 1945-10-10}]}\n",
        "foundings[0] (founding of X): kind 'creation' is not one of: founding, birth",
    ),
    "ref used twice for one kind": (
        "name: t\nfoundings:\n"
        "  - {event: founding of X, kind: founding, refs: [X], dates: [{date: 1945-10-10}]}\n"
        "  - {event: founding of Y, kind: founding, refs: [X], dates: [{date: 1946-10-10}]}\n",
        "foundings[1] (founding of Y): ref 'x' is also used by foundings[0] (founding of X)",
    ),
    "style name not kebab-case": (
        "name: t\nstyles:\n  - {name: North Korea, prefer: DPRK, avoid: [North Korea]}\n",
        "styles[0] (North Korea): name 'North Korea' must be kebab-case",
    ),
    "style avoids its preference": (
        "name: t\nstyles:\n  - {name: dprk, prefer: DPRK, avoid: [DPRK]}\n",
        "styles[0] (dprk): avoid lists the preferred form 'DPRK'",
    ),
    "style avoids a term form": (
        "name: t\nterms:\n" + GOOD_TERM + "styles:\n  - {name: foo, prefer: Foo, avoid: [Fu]}\n",
        "styles[0] (foo): avoid 'Fu' is a variant of terms[0] (Foo)",
    ),
    "duplicate style name": (
        "name: t\nstyles:\n  - {name: a, prefer: A, avoid: [B]}\n"
        "  - {name: a, prefer: C, avoid: [D]}\n",
        "styles[1] (a): style name 'a' is also used by styles[0] (a)",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pack_is_reported_with_file_and_entry(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    path = tmp_path / "broken.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert expected in message, message
    assert "\n" not in message


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_text("name: t\nterms:\n  - canonical: [Foo\n", encoding="utf-8")
    with pytest.raises(PackError, match=rf"^{path}:\d+:\d+: invalid YAML: "):
        load_pack(path)


def test_duplicate_yaml_key_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_text("name: t\nterms:\n  - canonical: Foo\n    canonical: Fu\n", encoding="utf-8")
    with pytest.raises(PackError, match=rf"^{path}:4:5: invalid YAML: duplicate key 'canonical'"):
        load_pack(path)


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"nope.yml: no such pack file"):
        load_pack(tmp_path / "nope.yml")


def test_unknown_builtin_pack() -> None:
    with pytest.raises(PackError, match=r"unknown built-in pack 'nope' \(available: .*dprk"):
        load_builtin("nope")
    with pytest.raises(PackError, match="unknown built-in pack"):
        load_builtin("../packs/dprk")


def test_good_pack_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "good.yml"
    path.write_text(
        "name: good\ndescription: a test pack\n"
        "terms:\n  - {canonical: Foo, kind: place, hangul: 평양, variants: [Fu, fu], "
        "misspellings: [Fo], attested: false, attested_variants: [fu], note: n}\n"
        "acronyms:\n  - {acronym: FB, expansions: [Foo Bar], define: true, variants: [F.B.]}\n"
        "foundings:\n  - {event: founding of Foo, kind: founding, refs: [Foo], "
        "dates: [{date: 1945-10-10, until: 2000-01-01}, {date: '1946-01-01', since: 2000-01-01}]}\n"
        "styles:\n  - {name: no-bar, prefer: Foo, avoid: [Bar]}\n",
        encoding="utf-8",
    )
    pack = load_pack(path)
    assert pack.terms == (Term("Foo", "place", ("Fu", "fu"), ("Fo",), "평양", "n", False, ("fu",)),)
    assert pack.acronyms[0].variants == ("F.B.",)
    assert pack.foundings[0].dates_on(datetime.date(2010, 1, 1)) == (datetime.date(1946, 1, 1),)
    assert pack.styles[0].avoid == ("Bar",)
    assert load_pack(path) == pack  # from the cache


# --- the cache ----------------------------------------------------------------------------


def test_cache_follows_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RENDERLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.yml"
    path.write_text("name: t\nterms:\n" + GOOD_TERM, encoding="utf-8")
    assert load_pack(path).terms[0].variants == ("Fu",)
    assert len(list((tmp_path / "cache").glob("pack-t-*.marshal"))) == 1
    path.write_text("name: t\nterms:\n  - {canonical: Foo, kind: place, variants: [Phu]}\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_pack(path).terms[0].variants == ("Phu",)


def test_unwritable_cache_folder_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("RENDERLINT_CACHE_DIR", str(blocker / "cache"))
    path = tmp_path / "t.yml"
    path.write_text("name: t\nterms:\n" + GOOD_TERM, encoding="utf-8")
    assert load_pack(path).terms[0].canonical == "Foo"
    assert load_pack(path).terms[0].canonical == "Foo"


# --- merging ------------------------------------------------------------------------------


def write_pack(tmp_path: Path, text: str) -> Pack:
    path = tmp_path / "user.yml"
    path.write_text(text, encoding="utf-8")
    return load_pack(path)


def test_override_makes_a_variant_canonical(dprk: Pack) -> None:
    merged = merge_packs([dprk], canonical_overrides={"Kim Jong Un": "Kim Jong-un"})
    term = merged.term_for("Kim Jong Un")
    assert term.canonical == "Kim Jong-un"
    assert term.variants[0] == "Kim Jong Un"
    assert "Kim Jong-un" not in term.variants
    assert merged.term_for("Gim Jeong-eun") is term
    assert dprk.term_for("Kim Jong-un").canonical == "Kim Jong Un"  # the original is unchanged


def test_override_by_variant_and_to_a_new_form(dprk: Pack) -> None:
    merged = merge_packs([dprk], canonical_overrides={"P'yŏngyang": "Pyongyang City"})
    term = merged.term_for("Pyongyang")
    assert term.canonical == "Pyongyang City"
    assert term.variants[0] == "Pyongyang"


def test_override_errors(dprk: Pack) -> None:
    with pytest.raises(PackError, match=r"^canonical_overrides: 'Nowhere': names no term"):
        merge_packs([dprk], canonical_overrides={"Nowhere": "Somewhere"})
    with pytest.raises(PackError, match=r"'Kim Jong Il' is a form of another term, 'Kim Jong Il'"):
        merge_packs([dprk], canonical_overrides={"Kim Jong Un": "Kim Jong Il"})
    with pytest.raises(PackError, match="another override already makes 'Kim Jong-un' canonical"):
        merge_packs(
            [dprk],
            canonical_overrides={"Kim Jong Un": "Kim Jong-un", "Kim Jong-Un": "Kim Jong Eun"},
        )
    with pytest.raises(PackError, match="has a curly apostrophe"):
        merge_packs([dprk], canonical_overrides={"Kim Jong Un": "Kim Jong’un"})


def test_accept_drops_variants_and_avoided_forms(dprk: Pack) -> None:
    merged = merge_packs([dprk], accept=["Nampo", "Yalu", "US", "Not listed anywhere"])
    assert merged.term_for("Nampo") is None
    assert merged.term_for("Nampho").variants == ("Namp'o",)
    assert merged.acronym_for("US") is None
    amnok = next(s for s in merged.styles if s.name == "amnok-river")
    assert amnok.avoid == ("Yalu River",)
    only_avoid = merge_packs([dprk], accept=["Politburo"])
    assert "political-bureau" not in {s.name for s in only_avoid.styles}


def test_extra_terms(dprk: Pack) -> None:
    merged = merge_packs([dprk], extra_terms=[Term("Kim Ju Ae", "person", ("Kim Ju-ae",))])
    assert merged.term_for("Kim Ju-ae").canonical == "Kim Ju Ae"
    with pytest.raises(
        PackError,
        match=r"^extra_terms: \[0\] \(Kim Jong-un\): canonical form 'Kim Jong-un' is also a "
        r"variant of terms\[\d+\] \(Kim Jong Un\) in rules/packs/dprk.yml",
    ):
        merge_packs([dprk], extra_terms=[Term("Kim Jong-un", "person")])
    with pytest.raises(PackError, match=r"^extra_terms: \[0\] \(X\): kind 'thing' is not one of"):
        merge_packs([dprk], extra_terms=[Term("X", "thing")])
    with pytest.raises(PackError, match=r"variant 'X' repeats the canonical form"):
        merge_packs([dprk], extra_terms=[Term("X", "term", ("X",))])


def test_later_pack_replaces_entries(dprk: Pack, tmp_path: Path) -> None:
    user = write_pack(
        tmp_path,
        "name: user\nterms:\n  - {canonical: Pyongyang, kind: place, variants: [Pyong-yang]}\n"
        "  - {canonical: Kim Ju Ae, kind: person, variants: [Kim Ju-ae]}\n"
        "styles:\n  - {name: amnok-river, prefer: Amnok River, avoid: [Yalu River]}\n",
    )
    merged = merge_packs([dprk, user])
    assert merged.name == "dprk+user"
    assert merged.term_for("Pyongyang").variants == ("Pyong-yang",)
    assert merged.term_for("P'yŏngyang") is None
    assert merged.term_for("Kim Ju-ae").canonical == "Kim Ju Ae"
    assert next(s for s in merged.styles if s.name == "amnok-river").avoid == ("Yalu River",)
    assert len(merged.terms) == len(dprk.terms) + 1


def test_conflict_between_packs_names_both_files(dprk: Pack, tmp_path: Path) -> None:
    user = write_pack(
        tmp_path,
        "name: user\nterms:\n  - {canonical: Yongbyon, kind: place, variants: [Nyongbyon]}\n",
    )
    with pytest.raises(PackError) as caught:
        merge_packs([dprk, user])
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'user.yml'}: terms[0] (Yongbyon): canonical form")
    assert "rules/packs/dprk.yml" in message


def test_automaton_finds_the_same_once_it_is_a_dfa(monkeypatch):
    import linter.automaton
    from linter.automaton import Automaton

    monkeypatch.setattr(linter.automaton, "DFA_AFTER", 150)
    strings = [("kim", 1), ("kim jong", 2), ("kim jong un", 3), ("jong un", 4), ("un", 5)]
    text = "kim jong un met kim jong il; kim jong unn, jong un. " * 2  # 104 characters
    longest, every = Automaton(strings), Automaton(strings, overlapping=True)
    # The first search is below the threshold, the second above it (a DFA by then).
    first = (longest.find(text), every.find_all(text))
    assert (longest.find(text), every.find_all(text)) == first
    assert first[0][:3] == [(0, 11, 3), (16, 24, 2), (29, 40, 3)]
    assert (0, 3, 1) in first[1] and (4, 11, 4) in first[1] and (9, 11, 5) in first[1]


def test_automaton_reads_ascii_and_other_text_alike():
    from linter.automaton import Automaton

    strings = [("chollima", "a"), ("ch'ŏllima", "b"), ("kim", "c"), ("kim ŏ", "d")]
    longest = Automaton(strings)
    # Text is searched as bytes, one byte per character: offsets count characters
    # whether the text is ASCII or not.
    assert longest.find("the chollima, kim o") == [(4, 12, "a"), (14, 17, "c")]
    assert longest.find("“the chollima”, kim ŏ, ch'ŏllima") == [
        (5, 13, "a"),
        (16, 21, "d"),
        (23, 32, "b"),
    ]
    every = Automaton(strings, overlapping=True)
    assert every.find_indexes("kim ŏ") == [(2, 0, 3), (3, 0, 5)]


def test_automaton_without_room_for_its_characters_searches_str(monkeypatch):
    import linter.automaton
    from linter.automaton import Automaton

    # No byte left for "ŏ": non-ASCII text goes through an automaton of every string.
    monkeypatch.setattr(linter.automaton, "_CODES", {})
    monkeypatch.setattr(linter.automaton, "_ROOM", 0)
    automaton = Automaton([("kim", 1), ("kim ŏ", 2), ("ŏ", 3)])
    assert automaton.find("kim o, kim ŏ") == [(0, 3, 1), (7, 12, 2)]
    assert automaton.find("ŏ kim") == [(0, 1, 3), (2, 5, 1)]
    assert linter.automaton._CODES == {}


@settings(max_examples=300, deadline=None)
@given(
    strings=st.lists(st.text("ab–ŏ’", min_size=1, max_size=4), min_size=1, max_size=6),
    text=st.text("ab–ŏ’x“\U0001f600", max_size=40),
)
def test_automaton_bytes_search_matches_a_search_of_str(strings, text):
    import ahocorasick_rs

    from linter.automaton import Automaton

    strings = list(dict.fromkeys(strings))
    for overlapping in (False, True):
        kind = ahocorasick_rs.MatchKind
        reference = ahocorasick_rs.AhoCorasick(
            strings, matchkind=kind.Standard if overlapping else kind.LeftmostLongest
        )
        automaton = Automaton(((s, s) for s in strings), overlapping=overlapping)
        expected = reference.find_matches_as_indexes(text, overlapping=overlapping)
        found = automaton.find_indexes(text) if overlapping else automaton._search(text, False)
        assert found == expected
