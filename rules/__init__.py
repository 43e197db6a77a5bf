"""The rules, and the registry the engine reads (explicit: one line per rule)."""

from rules.typography.quote_style import QuoteStyle
from rules.typography.repeated_word import RepeatedWord
from rules.typography.whitespace import Whitespace

RULES = [
    RepeatedWord,
    Whitespace,
    QuoteStyle,
]

CONFIG_KEYS: dict = {}
