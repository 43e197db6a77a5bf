"""What the comparison rules know about English renderings: numbers, number words,
pronouns and quotation marks."""

from __future__ import annotations

import re
from functools import cache

from rules.compare.korean import Mention, juche_partner, number_key, year_partner

# Digits with thousands separators (comma, space, no-break or thin space: KCNA writes
# "5 000"), a decimal part, an ordinal or plural ending, and a multiplier word.
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<juche>Juche[ \u00a0])?"
    r"(?P<num>\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f])\d{3})+(?!\d)|\d+)(?P<decimal>\.\d+)?"
    r"(?:st|nd|rd|th|s)?(?!\w)"
    r"(?:[ \u00a0-](?P<mult>million|billion|thousand|hundred)\b)?"
)
_JUCHE_DATE = re.compile(r"Juche[ \u00a0]*(\d{1,3})[ \u00a0]*\((\d{4})\)")
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")
_TEENS += ("seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINALS += ("ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth")
_ORDINALS += ("fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_TENTHS = ("twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth")
_TENTHS += ("eightieth", "ninetieth")
_WORD_VALUES = {
    **{word: i for i, word in enumerate(_UNITS)},
    **{word: i + 10 for i, word in enumerate(_TEENS)},
    **{word: (i + 2) * 10 for i, word in enumerate(_TENS)},
    **{word: i + 1 for i, word in enumerate(_ORDINALS)},
    **{word: (i + 2) * 10 for i, word in enumerate(_TENTHS)},
    "hundred": 100,
    "hundredth": 100,
    "centenary": 100,
    "centennial": 100,
    "century": 100,
    "thousand": 1_000,
    "thousandth": 1_000,
    "million": 1_000_000,
    "decade": 10,
    "dozen": 12,
    **{month.lower(): i + 1 for i, month in enumerate(_MONTHS)},
}


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for ``words``, factored by common prefixes (fast to scan)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = f"(?:{body})?"
        return body

    return emit(tree)


@cache
def _number_word() -> re.Pattern[str]:
    return re.compile(r"\b" + _trie_pattern(list(_WORD_VALUES)) + r"\b")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er|[Hh]imself|[Hh]erself)\b")
# Opening and closing double quotation marks of any style, and curly single ones.
_DOUBLE_QUOTES = re.compile(r"[\"“”„«»]")
_SINGLE_QUOTED = re.compile(r"(?<!\w)‘[^‘’]+’(?!\w)")


def english_numbers(text: str) -> list[Mention]:
    """The numbers of an English text, with offsets into ``text``.

    Numbers written in digits demand their value on the other side; number words
    ("fifth", "centenary", "three", "June") only make theirs available, since a translator
    spells out numbers the source writes in words.
    """
    mentions = []
    # "Juche 101 (2012)": both numbers stand, and neither implies another.
    dates = [m.span() for m in _JUCHE_DATE.finditer(text)] if "Juche" in text else []
    for match in _NUMBER.finditer(text):
        in_date = any(a <= match.start() < b for a, b in dates)
        digits = re.sub(r"[^\d]", "", match.group("num"))
        decimal = match.group("decimal") or ""
        value = float(digits + decimal)
        mult = match.group("mult")
        also: list[str] = []
        if mult:
            value *= _MULTIPLIERS[mult]
        if decimal:
            also += [number_key(digits), number_key(decimal[1:])]
        if not mult and not decimal and not in_date:
            whole = int(digits)
            also += juche_partner(whole) if match.group("juche") else year_partner(whole)
        start, end = match.start("num"), match.end()
        mentions.append(Mention(start, end, text[start:end], (number_key(value),), tuple(also)))
    for match in _number_word().finditer(text.translate(_ASCII_LOWER)):
        start, end = match.span()
        value = _WORD_VALUES[match.group()]
        mentions.append(Mention(start, end, text[start:end], (), (number_key(value),)))
    return mentions


def has_pronoun(text: str) -> bool:
    """Whether ``text`` refers to a person by a third-person pronoun."""
    return _PRONOUN.search(text) is not None


def quoted_passages(text: str) -> int:
    """How many quoted passages ``text`` holds (double quotes of any style, ‘…’)."""
    return len(_DOUBLE_QUOTES.findall(text)) // 2 + len(_SINGLE_QUOTED.findall(text))


def is_lead_in(text: str, max_words: int = 25) -> bool:
    """A short line that introduces what follows: "The full text is as follows:"."""
    return text.rstrip().endswith(":") and len(text.split()) <= max_words
