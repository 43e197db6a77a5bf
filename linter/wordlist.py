"""A real English word list, from pyspellchecker's frequency dictionary.

Used to tell a near miss of a term ("Juch") from an English word that happens to be near
one. Words that occur at least ``MIN_COUNT`` times in the dictionary's source corpus
count as English. The list is kept as the sorted CRC-32 checksums of its words: 128,000
words load from the cache in about a millisecond (a set or list of the strings takes tens
of milliseconds, which every pre-commit run would pay), and a binary search answers a
look-up. Two words share a checksum about once in 30,000 look-ups of a non-word, which at
worst keeps one near miss from being reported.
"""

from __future__ import annotations

import bisect
import zlib
from array import array
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


def _build() -> bytes:
    import gzip
    import json

    counts = json.loads(gzip.decompress(_source().read_bytes()))
    sums = sorted({_checksum(w) for w, n in counts.items() if n >= MIN_COUNT and w.isalpha()})
    return array("I", sums).tobytes()


def _checksum(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


@lru_cache(maxsize=1)
def _sums() -> array:
    sums = array("I")
    sums.frombytes(cached(f"english-words-crc-{MIN_COUNT}", [_source()], _build))
    return sums


_seen: dict[str, bool] = {}


def is_english(word: str) -> bool:
    """Whether ``word`` (any case) is an English word. Words recur, so each answer is
    kept for the life of the process."""
    found = _seen.get(word)
    if found is None:
        sums = _sums()
        key = _checksum(word.lower())
        i = bisect.bisect_left(sums, key)
        found = _seen[word] = i < len(sums) and sums[i] == key
    return found
