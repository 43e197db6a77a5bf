"""Folding names so that spellings of one name meet under one key."""

from __future__ import annotations

# Breves and other marks that romanizations put on vowels, folded to the bare letter,
# and apostrophes of every shape made straight.
_MARKS = (
    ("ŏ", "o"), ("Ŏ", "O"), ("ŭ", "u"), ("Ŭ", "U"), ("ă", "a"), ("Ă", "A"), ("é", "e"),
    ("É", "E"), ("ō", "o"), ("Ō", "O"), ("ū", "u"), ("Ū", "U"), ("’", "'"), ("‘", "'"),
    ("ʼ", "'"), ("`", "'"),
)  # fmt: skip
_JOINERS = ("-", "'", " ", "‐", "‑")

# Romanization equivalences between McCune–Reischauer, the DPRK system and Revised
# Romanization: aspirates written with h or an apostrophe, eo/o, eu/u, lax k/g.
_ROMANIZATION = (
    ("eo", "o"),
    ("eu", "u"),
    ("kh", "k"),
    ("ph", "p"),
    ("th", "t"),
    ("ch", "j"),
    ("g", "k"),
    ("b", "p"),
    ("d", "t"),
)


def fold_marks(text: str) -> str:
    """Breves dropped and apostrophes made straight; the length stays the same.

    One ``str.replace`` per mark that occurs: much faster than ``str.translate`` with a
    table on non-ASCII text, and a no-op scan for the marks that do not.
    """
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    for mark, plain in _MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    return text


def structural_key(text: str) -> str:
    """Case, hyphens, apostrophes, breves and spacing folded away."""
    text = fold_marks(text).lower()
    for joiner in _JOINERS:
        if joiner in text:
            text = text.replace(joiner, "")
    return text


def romanized(key: str) -> str:
    """A structural key with the romanization equivalences folded."""
    for pattern, replacement in _ROMANIZATION:
        if pattern in key:
            key = key.replace(pattern, replacement)
    return key
