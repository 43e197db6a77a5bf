"""A model of slips of the fingers, to tell a typo from another real name one edit away.

Typing slips are transpositions, a key next to the right one, a dropped letter, or a
doubled or neighbouring key pressed as well. Names that differ by one letter for other
reasons ("Kim Jong Sun" beside "Kim Jong Un", "Junggang" beside "Janggang") change a
letter into one far away on the keyboard or add a letter at the start of a word.
"""

from __future__ import annotations

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Rows are staggered: each row starts a little to the right of the one above it.
_OFFSETS = (0.0, 0.25, 0.75)
_POSITION = {c: (r, i + _OFFSETS[r]) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}


def adjacent_keys(a: str, b: str) -> bool:
    """Whether keys ``a`` and ``b`` touch on a QWERTY keyboard."""
    if a == b or a not in _POSITION or b not in _POSITION:
        return False
    (row_a, x_a), (row_b, x_b) = _POSITION[a], _POSITION[b]
    return abs(row_a - row_b) <= 1 and abs(x_a - x_b) <= 1


def plausible_typo(wrong: str, right: str) -> bool:
    """Whether ``wrong`` (lower case) reads as a slip in typing ``right`` (lower case).

    Differences of more than one edit count as plausible only for long words, where the
    callers allow two edits.
    """
    if wrong == right:
        return False
    if len(wrong) == len(right):
        diff = [i for i, (w, r) in enumerate(zip(wrong, right)) if w != r]
        if len(diff) == 1:
            return adjacent_keys(wrong[diff[0]], right[diff[0]])
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return wrong[i] == right[i + 1] and wrong[i + 1] == right[i]
        return len(right) >= 10
    if len(wrong) == len(right) - 1:
        i = _first_difference(wrong, right)
        return i > 0 and wrong[i:] == right[i + 1 :]
    if len(wrong) == len(right) + 1:
        i = _first_difference(right, wrong)
        if i == 0 or wrong[i + 1 :] != right[i:]:
            return False
        extra = wrong[i]
        neighbours = [wrong[i - 1]] + ([wrong[i + 1]] if i + 1 < len(wrong) else [])
        return any(extra == n or adjacent_keys(extra, n) for n in neighbours)
    return len(right) >= 10


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))
