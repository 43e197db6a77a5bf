"""The rules, and the registry the engine reads (explicit: one line per rule).

``CONFIG_KEYS`` are the settings that rule families add to the config table, each with
the function that validates its value.
"""

from rules.calendar.anniversary import Anniversary
from rules.calendar.juche_year import JucheYear, JucheYearFormat
from rules.compare import LENGTH_RATIOS
from rules.compare import alignment_anchors as ALIGNMENT_ANCHORS
from rules.compare.glossary import CompareGlossary
from rules.compare.length import CompareLength
from rules.compare.names import CompareNames
from rules.compare.numbers import CompareNumbers
from rules.compare.omission import CompareAddition, CompareOmission
from rules.compare.quotes import CompareQuotes
from rules.compare.settings import CONFIG_KEYS as COMPARE_KEYS
from rules.compare.untranslated import CompareUntranslated
from rules.grammar.grammar import Grammar
from rules.readability.readability import Readability
from rules.readability.sentence_length import SentenceLength
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
    Grammar,
    CompareNumbers,
    CompareGlossary,
    CompareUntranslated,
    CompareOmission,
    CompareAddition,
    CompareLength,
    CompareQuotes,
    CompareNames,
    SentenceLength,
    Readability,
]

CONFIG_KEYS = {**CONFIG_KEYS, **COMPARE_KEYS}

__all__ = ["ALIGNMENT_ANCHORS", "CONFIG_KEYS", "LENGTH_RATIOS", "RULES"]
