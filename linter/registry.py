"""The rule registry: every rule the run may use, found through ``rules.RULES``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from linter.rule import Rule

ALL = "ALL"


class Registry:
    def __init__(
        self,
        rules: Iterable[type[Rule]],
        extra_keys: dict[str, Callable[[Any, Any], Any]] | None = None,
    ) -> None:
        self.rules: list[type[Rule]] = list(rules)
        self.by_name: dict[str, type[Rule]] = {}
        self.families: dict[str, list[str]] = {}
        for rule in self.rules:
            if rule.name in self.by_name:
                raise ValueError(f"rule name {rule.name!r} registered twice")
            self.by_name[rule.name] = rule
            self.families.setdefault(rule.family, []).append(rule.name)
        clash = set(self.by_name) & set(self.families)
        if clash:
            raise ValueError(f"names used both as rule and family: {sorted(clash)}")
        self.extra_keys = extra_keys or {}

    def is_selector(self, name: str) -> bool:
        return name == ALL or name in self.by_name or name in self.families

    def expand(self, names: Iterable[str]) -> list[str]:
        out: list[str] = []
        for name in names:
            if name == ALL:
                out.extend(self.by_name)
            elif name in self.families:
                out.extend(self.families[name])
            elif name in self.by_name:
                out.append(name)
            else:
                raise KeyError(name)
        return out

    def enabled(
        self,
        select: list[str] | None,
        extend_select: list[str],
        ignore: list[str],
    ) -> list[type[Rule]]:
        if select is None:
            names = {r.name for r in self.rules if r.default_enabled}
        else:
            names = set(self.expand(select))
        names |= set(self.expand(extend_select))
        names -= set(self.expand(ignore))
        return [r for r in self.rules if r.name in names]


@lru_cache(maxsize=1)
def registry() -> Registry:
    import rules
    from linter.suppress import UnusedSuppression

    return Registry([*rules.RULES, UnusedSuppression], getattr(rules, "CONFIG_KEYS", {}))
