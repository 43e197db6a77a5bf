"""Settings the term rules add to the config table, with their validators.

Kept apart from the pack machinery so that reading a config imports nothing heavy.
"""

from __future__ import annotations

from typing import Any


def _strings(value: Any, key: str, fail: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "expected a list of non-empty strings")
    return list(value)


def _extra_terms(value: Any, fail: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail("extra-terms", "expected an array of tables with canonical, kind, variants")
    terms = []
    for i, entry in enumerate(value):
        key = f"extra-terms[{i}]"
        unknown = set(entry) - {"canonical", "kind", "variants", "misspellings", "note"}
        if unknown:
            raise fail(f"{key}.{sorted(unknown)[0]}", "unknown key")
        canonical = entry.get("canonical")
        if not isinstance(canonical, str) or not canonical.strip():
            raise fail(f"{key}.canonical", "required: the house form")
        kind = entry.get("kind", "term")
        if not isinstance(kind, str):
            raise fail(f"{key}.kind", "expected a string")
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            raise fail(f"{key}.note", "expected a string")
        terms.append(
            {
                "canonical": canonical,
                "kind": kind,
                "variants": tuple(_strings(entry.get("variants", []), f"{key}.variants", fail)),
                "misspellings": tuple(
                    _strings(entry.get("misspellings", []), f"{key}.misspellings", fail)
                ),
                "note": note,
            }
        )
    return terms


CONFIG_KEYS = {
    "packs": lambda value, fail: _strings(value, "packs", fail),
    "accept": lambda value, fail: _strings(value, "accept", fail),
    "prefer": lambda value, fail: _strings(value, "prefer", fail),
    "styles": lambda value, fail: _strings(value, "styles", fail),
    "extra-terms": _extra_terms,
}
