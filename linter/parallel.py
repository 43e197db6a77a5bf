"""Checking documents in worker processes.

Workers are forked from the process that holds the configured ``Linter``, so each starts
with the compiled rules and reads its documents from the parent's memory; only reports
and the corpus rules' collected data travel back. Documents are split into contiguous
chunks, and the results come back in document order, so output is the same as one
process's.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

_linter: Any = None
_docs: list = []
_pairing: Any = None


def _check_chunk(bounds: tuple[int, int]) -> list:
    start, end = bounds
    return _linter.check_documents(_docs[start:end], _pairing)


def check_in_processes(linter: Any, docs: list, pairing: Any, jobs: int) -> list:
    global _linter, _docs, _pairing
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return linter.check_documents(docs, pairing)
    # Several chunks per worker even out files of very different sizes.
    count = min(len(docs), jobs * 4)
    size, rest = divmod(len(docs), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < rest else 0)
        chunks.append((start, end))
        start = end
    _linter, _docs, _pairing = linter, docs, pairing
    try:
        with context.Pool(jobs) as pool:
            parts = pool.map(_check_chunk, chunks)
    finally:
        _linter, _docs, _pairing = None, [], None
    return [item for part in parts for item in part]
