from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Rule
from rules.terms.pack import run_pack

ALL_STYLES = "all"


class TermStyle(Rule):
    """
    ## What it does
    Reports terminology that a house style avoids, with the term it prefers — but only
    for the styles a desk turns on by name in `styles` (see the `styles` of the pack,
    e.g. `dprk-not-north-korea`, `fatherland-liberation-war`, `rok-not-south-korea`;
    `styles = ["all"]` turns on every one). With no styles configured it reports nothing.

    ## Why
    "North Korea" or "the Korean War" are not misspellings but register choices: one
    archive wants them, another never. Each choice is opt-in, so the rule never flags a
    text for a convention its desk does not follow.

    ## Example
    ```text
    North Korea marked the anniversary.
    ```

    ## Use instead
    ```text
    DPRK marked the anniversary.
    ```

    ## Fix safety
    Unsafe: the preferred term may need other words around it to change ("the DPRK"),
    so each replacement wants a reader's look.

    ## Options
    None; the config's `styles` list names the styles to apply (default: none). The
    Example above assumes this config:

    ```toml
    styles = ["dprk-not-north-korea"]
    ```
    """

    name = "term-style"
    family = "terms"
    summary = "A term an enabled house style avoids (opt-in, per style)."
    fixable = True

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        settings = self.context.settings
        wanted = set(settings.extra.get("styles", [])) if settings is not None else set()
        pack = run_pack(self.context)
        known = {style.name for style in pack.styles}
        unknown = wanted - known - {ALL_STYLES}
        if unknown:
            from linter.errors import ConfigError

            where = f"{settings.path}: " if settings.path else ""
            raise ConfigError(
                f"{where}`styles`: unknown style(s) {', '.join(sorted(unknown))} "
                f"(known: {', '.join(sorted(known))})"
            )
        self._avoid: dict[str, str] = {}
        for style in pack.styles:
            if ALL_STYLES in wanted or style.name in wanted:
                for form in style.avoid:
                    self._avoid[form] = style.prefer
        forms = sorted(self._avoid, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w'’-])")
            if forms
            else None
        )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if self._pattern is None:
            return
        for match in self._pattern.finditer(doc.prose):
            prefer = self._avoid[match.group()]
            yield Diagnostic(
                match.start(),
                match.end(),
                f"the house style writes {prefer!r}, not {match.group()!r}",
                fix=Fix.replace(match.start(), match.end(), prefer, safe=False),
            )
