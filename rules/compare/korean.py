"""What the comparison rules know about Korean text: Hangul, digits, numbers and numerals.

DPRK sources write digits full-width ("２０１２년"), count anniversaries with 돐/주년
("８０돐" is the 80th anniversary), date Juche years with the Gregorian year in brackets
("주체１０１(２０１２)년"), write month.day dates for joint declarations ("６.１５공동선언" is
the June 15 Joint Declaration) and multiply digits by numeral units ("７천만" is 70 million).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rules.calendar import JUCHE_OFFSET

HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"
# A run of Hangul words, with the spaces, digits and light punctuation between them.
HANGUL_RUN_PATTERN = f"[{HANGUL_CLASS}]+(?:[ \\d,.·]+[{HANGUL_CLASS}]+)*"


@cache
def hangul_run() -> re.Pattern[str]:
    # Compiled on first use, like the other big classes: `check` need not pay for them.
    return re.compile(HANGUL_RUN_PATTERN)


@cache
def _hangul() -> re.Pattern[str]:
    return re.compile(f"[{HANGUL_CLASS}]")


# Full-width digits and the punctuation around them become ASCII: one character for one,
# so offsets into the normalised text are offsets into the original.
_FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "．": ".",
        "，": ",",
        "（": "(",
        "）": ")",
        "：": ":",
    }
)

# Pack Hangul forms that are also everyday Korean words, so a match says nothing about the
# name: 증산 is "production increase" before it is Jungsan, 고려 "consideration" before
# Koryo, 근로자 "worker" before the journal Kulloja, 자강 "self-strengthening" before
# Jagang, 강건 "robust" before Kang Kon.
COMMON_WORDS = frozenset(
    {
        "강건",
        "개성",
        "개천",
        "경기",
        "고려",
        "고산",
        "과일",
        "구성",
        "구월",
        "근로자",
        "내나라",
        "대성",
        "부전",
        "서해",
        "송림",
        "신흥",
        "온천",
        "우리민족끼리",
        "자강",
        "정주",
        "증산",
        "천마",
        "청년전위",
        "칠보",
        "토산",
    }
)

# Provinces are often named by two-syllable abbreviations: a rendering may spell out
# "South Hamgyong" for 함남, or keep it ("the flames of Hamnam").
PROVINCE_ABBREVIATIONS = {
    "함남": "함경남도",
    "함북": "함경북도",
    "평남": "평안남도",
    "평북": "평안북도",
    "황남": "황해남도",
    "황북": "황해북도",
}

_DIGIT_WORDS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_LARGE_UNITS = {"만": 10_000, "억": 100_000_000}
_UNITS = {**_SMALL_UNITS, **_LARGE_UNITS}

# Digits, optionally after 주체 (a Juche year) and before numeral units (천, 만 …) or a
# bracketed Gregorian year: "주체１０１(２０１２)", "７천만", "１００돐", "６.１５".
_NUMBER = re.compile(
    r"(?P<juche>주체\s*)?(?<![\d.,])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?![\d])"
    r"(?P<units>[십백천만억]*)(?:\s*\((?P<year>\d{4})\))?"
)
# Sino-Korean numerals without digits ("반만년", five thousand years; "천백배", a
# thousandfold). Seen in ordinary words too (천만뜻밖에, 백두), so they only ever make a
# value available for matching, never demand one.
_NUMERAL_WORD = re.compile(r"반만|(?:[일이삼사오육칠팔구]?[십백천만억])+[일이삼사오육칠팔구]?")
# After a month.day date comes the name of the day's declaration or era; after a decimal,
# a unit.
_DECIMAL_UNITS = frozenset("배톤%점도")


@dataclass(frozen=True, slots=True)
class Mention:
    """A number in a text: where it is, the values it demands on the other side, and the
    further values it makes available there (a Juche year also names its Gregorian year).
    """

    start: int
    end: int
    text: str
    values: tuple[str, ...]
    also: tuple[str, ...] = ()


def has_hangul(text: str) -> bool:
    return _hangul().search(text) is not None


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or _hangul().match(ch) is not None


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits and their punctuation in ASCII (same length)."""
    return text.translate(_FULL_WIDTH)


def number_key(value: float | int | str) -> str:
    """One spelling per value: "5000", "3.5"."""
    if isinstance(value, str):
        value = float(value.replace(",", ""))
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def juche_partner(juche: int) -> tuple[str, ...]:
    """The Gregorian year of Juche year ``juche``."""
    return (number_key(juche + JUCHE_OFFSET),)


def year_partner(value: int) -> tuple[str, ...]:
    """The Juche year of a four-digit Gregorian year (none for other numbers)."""
    if JUCHE_OFFSET < value <= 2200:
        return (number_key(value - JUCHE_OFFSET),)
    return ()


def numeral_value(word: str) -> int:
    """The value of a Sino-Korean numeral such as 천만 or 삼십오."""
    if word == "반만":
        return 5_000
    total = section = digit = 0
    for ch in word:
        if ch in _DIGIT_WORDS:
            digit = _DIGIT_WORDS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        else:
            total += ((section + digit) or 1) * _LARGE_UNITS[ch]
            section = digit = 0
    return total + section + digit


def korean_numbers(text: str) -> list[Mention]:
    """The numbers of a Korean text, with offsets into ``text``."""
    plain = ascii_digits(text)
    mentions = []
    for match in _NUMBER.finditer(plain):
        raw = match.group("num")
        units = match.group("units")
        juche = match.group("juche") is not None
        after = plain[match.end() : match.end() + 1]
        values: list[str] = []
        also: list[str] = []
        date = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", raw)
        if date and not units and is_hangul(after) and after not in _DECIMAL_UNITS:
            month, day = int(date.group(1)), int(date.group(2))
            if 1 <= month <= 12 and 1 <= day <= 31:
                values += [number_key(month), number_key(day)]
                also.append(number_key(raw))
        if not values:
            value = float(raw.replace(",", ""))
            for unit in units:
                value *= _UNITS[unit]
            values.append(number_key(value))
            if "." in raw:
                also += [number_key(part) for part in raw.split(".")]
            year = match.group("year")
            if year:
                # "주체１０１(２０１２)": both numbers stand, and neither implies another.
                values.append(number_key(year))
            elif value.is_integer() and not units:
                also += juche_partner(int(value)) if juche else year_partner(int(value))
        start = match.start("num") if not juche else match.start()
        mentions.append(
            Mention(start, match.end(), text[start : match.end()], tuple(values), tuple(also))
        )
    for match in _NUMERAL_WORD.finditer(text):
        mentions.append(
            Mention(
                match.start(),
                match.end(),
                match.group(),
                (),
                (number_key(numeral_value(match.group())),),
            )
        )
    return mentions
