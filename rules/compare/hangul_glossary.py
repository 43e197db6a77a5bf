"""The pack's Hangul forms as an index: which glossary forms render each, and an
automaton that finds them in Korean text. Built once per run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from linter.automaton import Automaton
from linter.packs import Pack
from rules.compare.korean import COMMON_WORDS, is_hangul
from rules.terms.pack import run_pack

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@dataclass
class Entry:
    """What one Hangul form stands for: the forms that render it, and the pack entries
    (canonical forms or acronyms) whose other spellings would be slips."""

    hangul: str
    canonical: str
    kind: str
    accepted: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


class HangulGlossary:
    """The pack's Hangul forms (terms and acronyms), and an automaton to find them."""

    def __init__(self, pack: Pack) -> None:
        entries: dict[str, Entry] = {}

        def entry(hangul: str, canonical: str, kind: str) -> Entry:
            return entries.setdefault(hangul, Entry(hangul, canonical, kind))

        for term in pack.terms:
            if term.hangul:
                found = entry(term.hangul, term.canonical, term.kind)
                found.accepted.add(term.canonical)
                found.names.add(term.canonical)
        for acronym in pack.acronyms:
            if acronym.hangul:
                found = entry(acronym.hangul, acronym.expansions[0], "acronym")
                found.accepted.update((acronym.acronym, *acronym.expansions))
                found.names.add(acronym.acronym)
                for expansion in acronym.expansions:
                    term = pack.term_for(expansion)
                    if term is not None:
                        found.names.add(term.canonical)
        self.entries = entries
        self.hangul_of = {name: hangul for hangul, e in entries.items() for name in e.names}
        self.automaton = Automaton((h, h) for h in entries if h not in COMMON_WORDS)
        self._accepted: dict[str, tuple[Entry, set[str], set[str]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest matches that start a word (a compound may follow: 김정은동지)."""
        if not len(self.automaton):
            return []
        return [
            (start, end, hangul)
            for start, end, hangul in self.automaton.find(text)
            if not (start > 0 and is_hangul(text[start - 1]))
        ]

    def renderings(self, hangul: str) -> tuple[Entry, set[str], set[str]]:
        """The entry of ``hangul``, the forms that render it, and the pack names it stands
        for; a compound (백두산) is also rendered by its parts' forms (Paektu)."""
        if hangul not in self._accepted:
            main = self.entries[hangul]
            accepted, names = set(main.accepted), set(main.names)
            for other, entry in self.entries.items():
                if other != hangul and other in hangul:
                    accepted |= entry.accepted
                    names |= entry.names
            self._accepted[hangul] = (main, accepted, names)
        return self._accepted[hangul]

    def occurs(self, form: str, text: str) -> bool:
        pattern = self._patterns.get(form)
        if pattern is None:
            pattern = self._patterns[form] = re.compile(
                r"(?<![\w])" + re.escape(form.translate(_APOSTROPHES)) + r"(?![\w])"
            )
        return pattern.search(text) is not None


def glossary(context: Any) -> HangulGlossary:
    return context.shared("hangul-glossary", lambda: HangulGlossary(run_pack(context)))
