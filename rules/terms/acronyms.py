from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Option, Related, Rule
from linter.automaton import Automaton
from linter.document import HEADING_MAX_WORDS
from linter.segment import split_sentences
from rules.terms.pack import run_pack

# An acronym: two to six capitals (a plural "s" allowed), or dotted capitals ("U.S.").
_ACRONYM = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,5}|[A-Z][A-Z&]{1,5}(?=s?\b))")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# What `_ACRONYM` matches is made of these, and "&".
_CAPITALS_AND_STOP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.")
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
        # With `pack-only`, only the few acronyms the pack knows and wants defined can be
        # reported, and an automaton finds where they stand much faster than `_ACRONYM`
        # finds every acronym. When all their forms are made of capitals and full stops,
        # as acronyms are, its leftmost-longest matches leave out only occurrences that
        # overlap an earlier one, which follow a capital or a full stop, where `_ACRONYM`
        # cannot start. Other forms need every occurrence.
        reportable = [f for f in self._known if f not in self._free and not _ROMAN.match(f)]
        self._plain = set("".join(reportable)) <= _CAPITALS_AND_STOP
        self._reportable = Automaton(((f, f) for f in reportable), overlapping=not self._plain)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        # What every match needs is worked out once a match needs it.
        defined: dict[str, list[int]] | None = None
        headings: list[tuple[int, int]] | None = None
        reported: set[str] = set()
        for match in self._acronyms(prose):
            acronym = match.group(1)
            if acronym in reported or acronym in self._free or _ROMAN.match(acronym):
                continue
            entry = self._known.get(acronym)
            if entry is None and self.opts["pack-only"]:
                continue
            start = match.start(1)
            if not _in_long_line(prose, start):
                if headings is None:
                    headings = _heading_spans(doc)
                if any(s <= start < e for s, e in headings):
                    continue
            if prose[start - 1 : start] == "(" and prose[match.end(1) : match.end(1) + 1] == ")":
                reported.add(acronym)
                continue
            if defined is None:
                defined = _definitions(doc)
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

    def _acronyms(self, prose: str) -> Iterator[re.Match[str]]:
        """The matches of `_ACRONYM` in ``prose``, in order; with `pack-only`, only those of
        acronyms that can be reported."""
        if not self.opts["pack-only"]:
            yield from _ACRONYM.finditer(prose)
            return
        if self._plain:
            starts = [start for start, _, _ in self._reportable.find(prose)]
        else:
            starts = sorted({start for start, _, _ in self._reportable.find_all(prose)})
        for start in starts:
            match = _acronym_at(prose, start)
            if match is not None:
                yield match


def _acronym_at(prose: str, at: int) -> re.Match[str] | None:
    """The match of `_ACRONYM.finditer(prose)` that starts at ``at``, if there is one."""
    # A match holds only capitals, full stops and "&", so finditer is at a fresh start
    # where a run of them begins: from there, try each place, and skip what a match takes,
    # as finditer does.
    start = at
    while start > 0 and (prose[start - 1] in _CAPITALS_AND_STOP or prose[start - 1] == "&"):
        start -= 1
    while start < at:
        match = _ACRONYM.match(prose, start)
        start = match.end() if match is not None else start + 1
    return _ACRONYM.match(prose, at) if start == at else None


def _in_long_line(prose: str, at: int) -> bool:
    """Whether ``at`` is in a line of more words than a heading has: a heading is a
    paragraph of one line, so no heading holds ``at`` then (most acronyms stand in such
    lines, and finding the headings costs more)."""
    start = prose.rfind("\n", 0, at) + 1
    end = prose.find("\n", at)
    line = prose[start : end if end >= 0 else len(prose)]
    return len(line.split()) > HEADING_MAX_WORDS


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
