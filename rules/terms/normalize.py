"""Folding names so that spellings of one name meet under one key."""

from __future__ import annotations

import re

# Breves and other marks that romanizations put on vowels, folded to the bare letter.
_MARKS = str.maketrans(
    {
        "ŏ": "o",
        "Ŏ": "O",
        "ŭ": "u",
        "Ŭ": "U",
        "ă": "a",
        "Ă": "A",
        "é": "e",
        "É": "E",
        "ō": "o",
        "Ō": "O",
        "ū": "u",
        "Ū": "U",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
    }
)
_JOINERS = str.maketrans({"-": None, "'": None, " ": None, "‐": None, "‑": None})

# Romanization equivalences between McCune–Reischauer, the DPRK system and Revised
# Romanization: aspirates written with h or an apostrophe, eo/o, eu/u, lax k/g.
_ROMANIZATION = [
    (re.compile(r"eo"), "o"),
    (re.compile(r"eu"), "u"),
    (re.compile(r"(?<=[kpt])h"), ""),
    (re.compile(r"ch"), "j"),
    (re.compile(r"g"), "k"),
    (re.compile(r"b"), "p"),
    (re.compile(r"d"), "t"),
]


def fold_marks(text: str) -> str:
    """Breves dropped and apostrophes made straight; the length stays the same."""
    return text.translate(_MARKS)


def structural_key(text: str) -> str:
    """Case, hyphens, apostrophes, breves and spacing folded away."""
    return fold_marks(text).translate(_JOINERS).lower()


def romanization_key(text: str) -> str:
    key = structural_key(text)
    for pattern, replacement in _ROMANIZATION:
        key = pattern.sub(replacement, key)
    return key
