"""Reading a user's file into text, refusing what is not text with a clear reason."""

from __future__ import annotations

import os
from dataclasses import dataclass

from linter.errors import InputError

BINARY_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    encoding: str
    bom: bool


def decode(data: bytes, path: str, fallback: str | None = None) -> SourceText:
    """Decode ``data``: UTF-8 (with or without BOM), else the configured ``fallback``."""
    if data.find(b"\x00", 0, BINARY_SNIFF) >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: skipped: binary file (NUL byte found)")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return SourceText(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        if fallback:
            try:
                return SourceText(data.decode(fallback), fallback, False)
            except UnicodeDecodeError:
                raise InputError(
                    f"{path}: skipped: invalid UTF-8 at byte {offset}, "
                    f"and not valid {fallback} either"
                ) from None
        raise InputError(
            f"{path}: skipped: invalid UTF-8 at byte {offset} "
            "(set `encoding` in the config to read such files in another encoding)"
        ) from None


def read_source(path: str, fallback: str | None = None) -> SourceText:
    try:
        data = _read_bytes(path)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return decode(data, path, fallback)


def _unreadable(path: str, exc: OSError) -> Exception:
    """The one-line error for a file that could not be read."""
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: skipped: is a directory")
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: skipped: permission denied")
    return InputError(f"{path}: skipped: cannot read ({exc.strerror or exc})")


def _read_bytes(path: str) -> bytes:
    """The file's bytes, read without a file object (a run reads thousands of files)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
