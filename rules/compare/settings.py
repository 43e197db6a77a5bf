"""The `[tool.renderlint.compare]` table: which files are pairs of source and rendering.

```toml
[tool.renderlint.compare]
pairs = ["{stem}.ko.txt:{stem}.en.txt", "ko/{name}:en/{name}"]
```

Kept apart from the rules so that reading a config imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from linter.pairs import PairPattern, PatternError


def _compare(value: Any, fail: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail("compare", "expected a table with `pairs`")
    unknown = sorted(set(value) - {"pairs"})
    if unknown:
        raise fail(f"compare.{unknown[0]}", "unknown key (expected: pairs)")
    raw = value.get("pairs", [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise fail("compare.pairs", 'expected a list of "SOURCE:RENDERING" patterns')
    patterns = []
    for i, text in enumerate(raw):
        try:
            patterns.append(PairPattern.parse(text))
        except PatternError as exc:
            raise fail(f"compare.pairs[{i}]", str(exc)) from None
    return {"pairs": patterns}


CONFIG_KEYS = {"compare": _compare}
