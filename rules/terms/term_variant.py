from __future__ import annotations

from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Rule
from rules.terms.index import pack_matches, pack_matches_each, term_index


def _marked(canonical: str, surface: str) -> bool:
    """Whether ``surface`` writes a letter of ``canonical`` with a mark ("Wŏnsan" for
    "Wonsan"): a spelling of its own, where a curly apostrophe is only typography."""
    return surface.translate(_APOSTROPHES).lower() != canonical.lower()


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def _lost_capitals(canonical: str, surface: str) -> bool:
    """Whether ``surface`` writes in lower case a letter the canonical form capitalises."""
    return any(c.isupper() and s.islower() for c, s in zip(canonical, surface))


class TermVariant(Rule):
    """
    ## What it does
    Finds a known variant of a pack term — a transliteration, a hyphenated Western form,
    a South Korean spelling ("Kim Jong-un", "Nodong Sinmun", "Chuch'e", "KWP") — a pack
    term written with breves it does not have ("Wŏnsan"), and a pack term written with a
    capital letter lost ("juche", "Kim Jong un"). Matching ignores case, breves (ŏ, ŭ) and
    the shape of apostrophes, so "Ch’ŏllima" is found as well as "Chollima"; acronyms
    match in their own case only ("us" is not "US").

    ## Why
    The house style writes each name one way. A variant makes the archive unsearchable
    for that name and signals a rendering copied from another source.

    ## Example
    ```text
    Kim Jong-un inspected the Nodong Sinmun printing house.
    ```

    ## Use instead
    ```text
    Kim Jong Un inspected the Rodong Sinmun printing house.
    ```

    ## Fix safety
    Safe: the variant and the canonical form name the same thing by the pack's
    definition, and only the matched words are replaced.

    ## Options
    None. The forms come from the configured packs; `prefer` in the config makes another
    form canonical, `accept` stops a form from being reported.
    """

    name = "term-variant"
    family = "terms"
    summary = "A known variant spelling of a pack term (transliteration, hyphenation)."
    fixable = True

    def check_each(self, docs: list[Document]) -> list[list[Diagnostic]]:
        pack_matches_each(docs, term_index(self.context))
        return [list(self.check(doc)) for doc in docs]

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = term_index(self.context)
        prose = doc.prose
        for start, end, form in pack_matches(doc, index):
            surface = prose[start:end]
            if surface == form.canonical:
                continue  # the house spelling, as the pack writes it
            if (start > 0 and prose[start - 1].isalnum()) or (
                end < len(prose) and prose[end].isalnum()
            ):
                continue
            if form.role in ("variant", "acronym-variant"):
                if form.role == "acronym-variant" and surface != form.text:
                    continue
                replacement = form.canonical
                # "US." at a sentence's end becomes "U.S.", not "U.S..".
                if replacement.endswith(".") and prose[end : end + 1] == ".":
                    replacement = replacement[:-1]
                yield Diagnostic(
                    start,
                    end,
                    f"{surface!r} is a variant of {form.canonical!r}",
                    fix=Fix.replace(start, end, replacement),
                )
            elif form.role == "canonical" and _marked(form.canonical, surface):
                yield Diagnostic(
                    start,
                    end,
                    f"{surface!r} is a variant of {form.canonical!r}",
                    fix=Fix.replace(start, end, form.canonical),
                )
            elif form.role == "canonical" and _lost_capitals(form.canonical, surface):
                yield Diagnostic(
                    start,
                    end,
                    f"write {form.canonical!r} with its capitals",
                    fix=Fix.replace(start, end, form.canonical),
                )
