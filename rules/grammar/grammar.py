from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from linter import Diagnostic, Document, Fix, Option, Rule, Severity
from rules.terms.index import fold, pack_matches, term_index
from rules.terms.pack import accepted

DEFAULT_SEVERITY = {
    "misspelling": "warning",
    "grammar": "warning",
    "typographical": "info",
    "whitespace": "info",
    "style": "info",
    "locale-violation": "info",
    "duplication": "warning",
    "inconsistency": "warning",
    "uncategorized": "info",
}
# LanguageTool rules that renderlint's own rules already cover with house-style knowledge.
COVERED = (
    "WHITESPACE_RULE",
    "COMMA_PARENTHESIS_WHITESPACE",
    "EN_QUOTES",
    "DOUBLE_PUNCTUATION",
    "ENGLISH_WORD_REPEAT_RULE",
)


class Grammar(Rule):
    """
    ## What it does
    Sends the prose of each document (Markdown and HTML already reduced to prose) to a
    LanguageTool server and reports its matches, with the LanguageTool rule id in the
    message and in the JSON output (`grammar_rule`, `grammar_category`). Spelling matches
    on pack terms ("Juche", "Pyongyang", "Rodong Sinmun") and on `accept` words, and any
    match inside a pack term, are dropped, as are LanguageTool's checks that renderlint's
    own rules make (white space, repeated words). Off by default: turn it on with `--grammar` or
    `extend-select = ["grammar"]`.

    The server is, in this order: the configured `server` URL (or
    `RENDERLINT_LANGUAGETOOL_URL`), used as is; a server started by
    `renderlint languagetool serve`; or one renderlint starts itself from the jars folder
    (`jars`, `RENDERLINT_LANGUAGETOOL_DIR`, or the user cache filled by
    `renderlint languagetool install`), on a free loopback port, for the run only.

    ## Why
    House-style rules know names and dates but not English grammar. LanguageTool does,
    and with the pack's terms taken out of its spelling checks it stops flagging the words
    every article must contain.

    ## Example
    ```text
    He go to the factory every day to recieve the delegation.
    ```

    ## Use instead
    ```text
    He goes to the factory every day to receive the delegation.
    ```

    ## Fix safety
    Unsafe: LanguageTool's first suggestion is offered, and a suggestion can change the
    meaning or pick the wrong word.

    ## Options
    `server`: URL of a LanguageTool server to use as is.
    `jars`: folder of LanguageTool jars to start a server from (a relative path is taken
    from the config file's folder).
    `memory`: Java heap limit for a server renderlint starts (default "1g").
    `language`: LanguageTool language code (default "en-US").
    `enabled-rules`, `disabled-rules`, `enabled-categories`, `disabled-categories`:
    LanguageTool rule ids and category ids to turn on or off.
    `severity`: a table from LanguageTool issue type (misspelling, grammar, style,
    typographical …) to error, warning or info.
    `timeout`: seconds to wait for one request (default 60).
    `names`: also report spelling matches on capitalised words inside a sentence
    (default false: LanguageTool's dictionary does not know the foreign names of news
    text, and its suggestions for them — "Mansu" to "Mans" — are wrong).
    """

    name = "grammar"
    family = "languagetool"
    summary = "Grammar and spelling matches from a LanguageTool server."
    fixable = True
    default_enabled = False
    # One LanguageTool server per run, owned by the main process.
    parallel = False
    options = {
        "server": Option(str, "", "URL of a LanguageTool server to use as is"),
        "jars": Option(str, "", "folder of LanguageTool jars to start a server from"),
        "memory": Option(str, "1g", "Java heap limit of a server renderlint starts"),
        "language": Option(str, "en-US", "LanguageTool language code"),
        "enabled-rules": Option(list, [], "LanguageTool rule ids to turn on"),
        "disabled-rules": Option(list, list(COVERED), "LanguageTool rule ids to turn off"),
        "enabled-categories": Option(list, [], "LanguageTool category ids to turn on"),
        "disabled-categories": Option(list, [], "LanguageTool category ids to turn off"),
        "severity": Option(dict, {}, "issue type -> error, warning or info"),
        "timeout": Option((int, float), 60, "seconds to wait for one request"),
        "names": Option(bool, False, "report spelling matches on capitalised words"),
    }

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        self._server: Any = None
        self._severity = dict(DEFAULT_SEVERITY)
        for issue_type, level in self.opts["severity"].items():
            try:
                Severity.parse(level)
            except (ValueError, AttributeError):
                from linter.errors import ConfigError

                raise ConfigError(
                    f"`grammar.severity.{issue_type}`: expected error, warning or info"
                ) from None
            self._severity[issue_type] = level

    def _ensure_server(self) -> Any:
        if self._server is None:
            from linter.errors import UsageError
            from linter.languagetool import LanguageToolError, Server

            url = self.opts["server"] or os.environ.get("RENDERLINT_LANGUAGETOOL_URL") or None
            jars = None
            if self.opts["jars"]:
                # Like every path in the config, relative to the config file's folder.
                jars = Path(self.opts["jars"]).expanduser()
                settings = self.context.settings
                if not jars.is_absolute() and settings is not None:
                    jars = settings.root / jars
            server = Server(url, install_dir=jars, memory=self.opts["memory"])
            try:
                server.start()
            except LanguageToolError as error:
                raise UsageError(
                    f"grammar: {error} (run `renderlint languagetool install`, or set "
                    "`server` in [tool.renderlint.grammar] or RENDERLINT_LANGUAGETOOL_URL)"
                ) from None
            self._server = server
        return self._server

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not doc.prose.strip():
            return
        from linter.errors import UsageError
        from linter.languagetool import LanguageToolError

        server = self._ensure_server()
        try:
            matches = server.check(
                doc.prose,
                language=self.opts["language"],
                enabled_rules=tuple(self.opts["enabled-rules"]),
                disabled_rules=tuple(self.opts["disabled-rules"]),
                enabled_categories=tuple(self.opts["enabled-categories"]),
                disabled_categories=tuple(self.opts["disabled-categories"]),
                timeout=float(self.opts["timeout"]),
            )
        except LanguageToolError as error:
            raise UsageError(f"grammar: {doc.path}: {error}") from None
        index = term_index(self.context)
        accept = accepted(self.context)
        # Pack forms are the term rules' business: LanguageTool would "correct" the house
        # form ("Kim Jong Un" to "Kim Jong-un") or flag a variant the term rules report.
        terms = [(start, end) for start, end, _ in pack_matches(doc, index)]
        for match in matches:
            text = doc.prose[match.start : match.end]
            if match.issue_type == "misspelling" and _known(text, index, accept):
                continue
            if any(s <= match.start and match.end <= e for s, e in terms):
                continue
            if (
                match.issue_type == "misspelling"
                and not self.opts["names"]
                and _is_name(doc.prose, match.start)
            ):
                continue
            fix = None
            if match.replacements:
                fix = Fix.replace(match.start, match.end, match.replacements[0], safe=False)
            level = self._severity.get(match.issue_type, "info")
            yield Diagnostic(
                match.start,
                match.end,
                f"{match.message} [{match.rule_id}]",
                fix=fix,
                severity=Severity(level),
                extra={"grammar_rule": match.rule_id, "grammar_category": match.category},
            )

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None


def _is_name(prose: str, start: int) -> bool:
    """Whether the word at ``start`` is capitalised and not the first of a sentence."""
    if not prose[start : start + 1].isupper():
        return False
    before = prose[:start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?\n:"


def _known(text: str, index: Any, accept: frozenset[str]) -> bool:
    """Whether every word of a spelling match is a pack term's word or an accepted word."""
    words = fold(text).replace("-", " ").split()
    return bool(words) and all(w in index.known_tokens or w in accept for w in words)
