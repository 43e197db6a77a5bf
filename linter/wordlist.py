"""A real English word list, from pyspellchecker's frequency dictionary.

Used to tell a near miss of a term ("Juch") from an English word that happens to be near
one. Words that occur at least ``MIN_COUNT`` times in the dictionary's source corpus
count as English. The sorted list is built once and cached; a sorted list loads several
times faster than a set of the same words, and a binary search is fast enough for the
few look-ups a document needs.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from linter.cache import cached

MIN_COUNT = 20


def _source() -> Path:
    # Found without importing the package: only its data file is read.
    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyspellchecker is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"


def _build() -> list[str]:
    import gzip
    import json

    counts = json.loads(gzip.decompress(_source().read_bytes()))
    return sorted(w for w, n in counts.items() if n >= MIN_COUNT and w.isalpha())


@lru_cache(maxsize=1)
def _words() -> list[str]:
    return cached(f"english-words-{MIN_COUNT}", [_source()], _build)


def is_english(word: str) -> bool:
    """Whether ``word`` (any case) is an English word."""
    words = _words()
    key = word.lower()
    i = bisect.bisect_left(words, key)
    return i < len(words) and words[i] == key
