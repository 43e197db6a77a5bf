"""Whether a word is built of romanized Korean syllables (DPRK system, McCune–Reischauer
without breves, or Revised Romanization).

Korean names are made of a few hundred syllables, so one letter changed in a name often
gives another real name ("Kusong" and "Kosong" are both counties). A near miss that is
still well formed is weak evidence of a slip; one that is not ("Juch", "Roodng") is strong.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rules.terms.normalize import fold_marks

_INITIALS = (
    "kk",
    "tt",
    "pp",
    "ss",
    "jj",
    "ch",
    "kh",
    "th",
    "ph",
    "k",
    "n",
    "t",
    "r",
    "l",
    "m",
    "p",
    "s",
    "j",
    "h",
    "g",
    "d",
    "b",
    "",
)
_VOWELS = (
    "yae",
    "wae",
    "yeo",
    "ae",
    "ya",
    "yo",
    "yu",
    "ye",
    "oe",
    "wi",
    "ui",
    "wa",
    "wo",
    "we",
    "eo",
    "eu",
    "a",
    "o",
    "u",
    "i",
    "e",
)
_FINALS = ("ng", "k", "n", "l", "m", "p", "t", "r", "s", "g", "")


_SYLLABLE = re.compile(
    f"(?:{'|'.join(_INITIALS)})(?:{'|'.join(_VOWELS)})(?:{'|'.join(_FINALS)})",
)


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case, breves and apostrophes allowed) is one syllable."""
    letters = fold_marks(word).lower().replace("'", "")
    return letters.isascii() and _SYLLABLE.fullmatch(letters) is not None


# No romanization writes a vowel letter twice ("oo" and "ee" are private South Korean
# spellings such as "Yoon"); a doubled vowel is a doubled keystroke ("Kiim", "Puusan").
_DOUBLED_VOWEL = re.compile(r"aa|ee|ii|oo|uu")


@lru_cache(maxsize=4096)
def well_formed(word: str) -> bool:
    """Whether ``word`` (any case, hyphens and apostrophes allowed) splits into syllables
    and writes no vowel letter twice."""
    letters = word.lower().replace("-", "").replace("'", "").replace("’", "")
    return (
        bool(letters)
        and letters.isascii()
        and _DOUBLED_VOWEL.search(letters) is None
        and _splits(letters)
    )


@lru_cache(maxsize=16384)
def _splits(rest: str) -> bool:
    if not rest:
        return True
    for initial in _INITIALS:
        if not rest.startswith(initial):
            continue
        after_initial = rest[len(initial) :]
        for vowel in _VOWELS:
            if not after_initial.startswith(vowel):
                continue
            after_vowel = after_initial[len(vowel) :]
            for final in _FINALS:
                if after_vowel.startswith(final) and _splits(after_vowel[len(final) :]):
                    return True
    return False
