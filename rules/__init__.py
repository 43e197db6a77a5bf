"""The rules, and the registry the engine reads (explicit: one line per rule).

``CONFIG_KEYS`` are the settings that rule families add to the config table, each with
the function that validates its value.
"""

from rules.calendar.anniversary import Anniversary
from rules.calendar.juche_year import JucheYear, JucheYearFormat
from rules.terms.acronyms import AcronymRedefined, AcronymUndefined
from rules.terms.inconsistent_spelling import InconsistentSpelling
from rules.terms.settings import CONFIG_KEYS
from rules.terms.term_misspelling import TermMisspelling
from rules.terms.term_style import TermStyle
from rules.terms.term_variant import TermVariant
from rules.typography.quote_style import QuoteStyle
from rules.typography.repeated_word import RepeatedWord
from rules.typography.whitespace import Whitespace

RULES = [
    RepeatedWord,
    Whitespace,
    QuoteStyle,
    JucheYear,
    JucheYearFormat,
    Anniversary,
    TermVariant,
    TermMisspelling,
    InconsistentSpelling,
    AcronymUndefined,
    AcronymRedefined,
    TermStyle,
]

__all__ = ["CONFIG_KEYS", "RULES"]
