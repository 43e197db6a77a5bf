from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Option, Related, Rule
from linter.segment import split_sentences
from rules.terms.pack import run_pack

# An acronym: two to six capitals (a plural "s" allowed), or dotted capitals ("U.S.").
_ACRONYM = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,5}|[A-Z][A-Z&]{1,5}(?=s?\b))")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_DEFINITION = re.compile(r"\(((?:[A-Z]\.){2,5}|[A-Z][A-Z&]{1,5})\)")


def _definitions(doc: Document) -> dict[str, list[int]]:
    """Where each acronym is defined: "Full Name (ACR)"."""
    found: dict[str, list[int]] = {}
    for match in _DEFINITION.finditer(doc.prose):
        found.setdefault(match.group(1), []).append(match.start(1))
    return found


def _heading_spans(doc: Document) -> list[tuple[int, int]]:
    """Titles and headings. A "heading" of several sentences is a body line that looks like
    one (a short last paragraph ending in "-0-"), and its acronyms are uses; only headings
    that hold an acronym are split."""
    spans = []
    for heading in doc.headings:
        if _ACRONYM.search(heading.text) and len(split_sentences(heading.text)) > 1:
            continue
        spans.append((heading.start, heading.end))
    return spans


class AcronymUndefined(Rule):
    """
    ## What it does
    Finds an acronym used before the document spells it out — before "Full Name (ACR)",
    or before the full name itself appears ("WPK" before "Workers' Party of Korea").
    Titles and headings are not counted as uses. Acronyms that readers know without a
    definition (DPRK, U.S., UN, and those the pack marks `define: false`) and Roman
    numerals are never reported.

    ## Why
    A reader meeting "SPA" or "KPRA" first cannot tell what it stands for, and the pack's
    house style spells such names out on first use.

    ## Example
    ```text
    The WPK held a meeting. The Workers' Party of Korea (WPK) called on members.
    ```

    ## Use instead
    ```text
    The Workers' Party of Korea (WPK) held a meeting. The WPK called on members.
    ```

    ## Fix safety
    No fix is offered: moving the definition is an edit of the sentence, not of a word.

    ## Options
    `allow`: acronyms that need no definition, on top of the pack's (default: common
    international ones such as UN, EU, NATO, IAEA, ASEAN).
    `pack-only`: report only acronyms the pack knows and marks `define: true` (default
    true). Set it to false to report every acronym that is not spelled out and not in
    `allow` — useful for new texts, noisy on archives that assume well-known acronyms.
    """

    name = "acronym-undefined"
    family = "terms"
    summary = "An acronym used before it is spelled out in the document."
    options = {
        "allow": Option(
            list,
            [
                "UN",
                "U.N.",
                "EU",
                "NATO",
                "IAEA",
                "ASEAN",
                "UNESCO",
                "UNICEF",
                "WHO",
                "TV",
                "GDP",
                "COVID",
                "OK",
                "AM",
                "PM",
                "BBC",
                "CNN",
                "FIFA",
                "IOC",
                "UNSC",
            ],
            "acronyms that need no definition",
        ),
        "pack-only": Option(bool, True, "report only acronyms that the pack knows"),
    }

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        pack = run_pack(self.context)
        self._known = {a.acronym: a for a in pack.acronyms}
        for acronym in pack.acronyms:
            for variant in acronym.variants:
                self._known.setdefault(variant, acronym)
        self._free = set(self.opts["allow"]) | {
            form for a in pack.acronyms if not a.define for form in (a.acronym, *a.variants)
        }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        if not any(c.isupper() for c in prose[:1]) and not _ACRONYM.search(prose):
            return
        defined = _definitions(doc)
        headings = _heading_spans(doc)
        reported: set[str] = set()
        for match in _ACRONYM.finditer(prose):
            acronym = match.group(1)
            if acronym in reported or acronym in self._free or _ROMAN.match(acronym):
                continue
            entry = self._known.get(acronym)
            if entry is None and self.opts["pack-only"]:
                continue
            start = match.start(1)
            if any(s <= start < e for s, e in headings):
                continue
            if prose[start - 1 : start] == "(" and prose[match.end(1) : match.end(1) + 1] == ")":
                reported.add(acronym)
                continue
            first_definition = min(defined.get(acronym, [len(prose)]))
            spelled = _first_expansion(prose, entry.expansions if entry else ())
            if start >= min(first_definition, spelled):
                reported.add(acronym)
                continue
            if _is_shouting(prose, match.start(1), match.end(1)):
                continue
            reported.add(acronym)
            where = (
                "before it is spelled out"
                if first_definition < len(prose) or (spelled < len(prose))
                else "and never spelled out"
            )
            expansion = f" ({entry.expansions[0]})" if entry and entry.expansions else ""
            yield Diagnostic(
                start,
                match.end(1),
                f"{acronym!r}{expansion} is used {where} in this document",
            )


def _first_expansion(prose: str, expansions: tuple[str, ...]) -> int:
    positions = [
        prose.find(form)
        for expansion in expansions
        for form in {expansion, expansion.replace("'", "’")}
    ]
    positions = [p for p in positions if p >= 0]
    return min(positions, default=len(prose))


def _is_shouting(prose: str, start: int, end: int) -> bool:
    """Whether the acronym stands in a run of capitals ("KIM JONG UN VISITS …")."""
    left = prose[max(0, start - 12) : start]
    right = prose[end : end + 12]
    letters = [c for c in left + right if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


class AcronymRedefined(Rule):
    """
    ## What it does
    Finds an acronym spelled out a second time in one document: "Full Name (ACR)" after
    the same definition earlier on.

    ## Why
    A definition belongs to the first use. A second one is left over from joining two
    texts, and it tells the reader nothing new.

    ## Example
    ```text
    The Supreme People's Assembly (SPA) met. Deputies to the Supreme People's Assembly (SPA) voted.
    ```

    ## Use instead
    ```text
    The Supreme People's Assembly (SPA) met. Deputies to the SPA voted.
    ```

    ## Fix safety
    No fix is offered: the repeated full name may be what the sentence needs.

    ## Options
    None.
    """

    name = "acronym-redefined"
    family = "terms"
    summary = "An acronym spelled out twice in one document."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "(" not in doc.prose:
            return
        for acronym, positions in _definitions(doc).items():
            first = positions[0]
            for position in positions[1:]:
                yield Diagnostic(
                    position,
                    position + len(acronym),
                    f"{acronym!r} is defined again (first defined earlier in this document)",
                    related=Related(
                        f"first definition of {acronym!r}", first, first + len(acronym)
                    ),
                )
