"""A small on-disk cache for data that is slow to build and cheap to load (marshal)."""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(os.environ.get("RENDERLINT_CACHE_DIR") or os.path.join(base, "renderlint"))


def _digest(text: str) -> str:
    """16 hex digits that change when ``text`` does: two checksums of it, from zlib, which
    every run has loaded already (hashlib would load OpenSSL, 3 ms of each start-up)."""
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _stamp(sources: list[Path]) -> str:
    parts = []
    for source in sources:
        try:
            stat = source.stat()
            parts.append(f"{source}:{stat.st_size}:{stat.st_mtime_ns};")
        except OSError:
            parts.append(f"{source}:missing;")
    return _digest("".join(parts))


def cached(name: str, sources: list[Path], build: Callable[[], Any]) -> Any:
    """``build()``'s result, stored under ``name`` until any of ``sources`` changes.

    The value must be marshal-able (str, int, tuples, lists, dicts, sets). An unwritable or
    corrupt cache is ignored: the value is then built every time.
    """
    # One entry per name and set of source files (two installs of renderlint keep their
    # own), replaced when the files change.
    name = f"{name}-{_digest(repr([str(s) for s in sources]))[:8]}"
    path = cache_dir() / f"{name}-{_stamp(sources)}.marshal"
    try:
        with open(path, "rb") as handle:
            # One read: marshal.load() on a file reads it piecemeal, several times slower.
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(tmp, path)
        # Entries of the same name for sources that have since changed are dead weight.
        for stale in path.parent.glob(f"{name}-*.marshal"):
            if stale != path and stale.name[len(name) + 1 :].count("-") == 0:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value
