"""Rules in the abstract: metadata, options, documentation, and the check protocol."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from linter.diagnostics import Diagnostic, Severity
from linter.document import Document

DOC_SECTIONS = ("What it does", "Why", "Example", "Use instead", "Fix safety", "Options")
_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Option:
    """A rule option: its type, default, a one-line description, and its allowed values."""

    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[Any, ...] = ()

    def type_name(self) -> str:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


_TYPE_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "array",
    dict: "table",
}


@dataclass
class Context:
    """What a rule may know beyond the document: run-wide settings and shared resources."""

    settings: Any = None
    cache: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, factory: Any) -> Any:
        """A resource built once per run and shared by every rule that asks for ``key``."""
        if key not in self.cache:
            self.cache[key] = factory()
        return self.cache[key]


class Rule:
    """Base class. A subclass is one rule; its docstring is its documentation.

    Subclasses set ``name`` (kebab-case), ``family``, ``summary``, and optionally
    ``severity``, ``fixable``, ``default_enabled`` and ``options``, and implement
    :meth:`check` (and may implement :meth:`check_each`). Corpus rules set ``corpus =
    True`` and implement :meth:`collect` and :meth:`finish` instead, so that files can be
    read in parallel and reduced once.
    Pair rules (:class:`PairRule`) compare two documents and run only on pairs.
    """

    name: ClassVar[str]
    family: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    default_enabled: ClassVar[bool] = True
    corpus: ClassVar[bool] = False
    pair: ClassVar[bool] = False
    # False for a rule that holds a resource worker processes must not share (a server).
    parallel: ClassVar[bool] = True
    options: ClassVar[dict[str, Option]] = {}

    def __init__(self, options: dict[str, Any] | None = None, context: Context | None = None):
        self.opts: dict[str, Any] = {k: o.default for k, o in self.options.items()}
        self.opts.update(options or {})
        self.context = context or Context()

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        return ()

    def check_each(self, docs: list[Document]) -> list[list[Diagnostic]]:
        """The diagnostics of each of ``docs``, in order: how the engine checks a chunk
        of documents. By default :meth:`check` on each; a rule whose work falls into
        stages that each read one large structure (an automaton, a cache of word
        readings) runs each stage over all the documents, so that the structure stays
        in the processor's caches."""
        return [list(self.check(doc)) for doc in docs]

    def collect(self, doc: Document) -> Any:
        return None

    def finish(self, collected: list[tuple[str, Any]]) -> Iterable[Diagnostic]:
        """Diagnostics over all collected files; each must carry its ``path``."""
        return ()

    def close(self) -> None:
        """Release what the rule holds for the run (a server, say); called once at the end."""

    @classmethod
    def docs(cls) -> dict[str, str]:
        """The rule's documentation sections, parsed from its docstring."""
        import inspect

        text = inspect.cleandoc(cls.__doc__ or "")
        sections: dict[str, str] = {}
        headings = list(_HEADING.finditer(text))
        for i, heading in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            sections[heading.group(1)] = text[heading.end() : end].strip()
        return sections

    @classmethod
    def explain(cls) -> str:
        docs = cls.docs()
        lines = [f"# {cls.name}", "", cls.summary, ""]
        lines.append(
            f"Family: {cls.family} · default severity: {cls.severity.value} · "
            f"fixable: {'yes' if cls.fixable else 'no'} · "
            f"enabled by default: {'yes' if cls.default_enabled else 'no'}"
        )
        for section in DOC_SECTIONS:
            lines += ["", f"## {section}", "", docs.get(section, "")]
        if cls.options:
            lines += ["", "Option reference:", ""]
            for key, option in cls.options.items():
                lines.append(
                    f"- `{key}` ({option.type_name()}, default {option.default!r}): {option.help}"
                )
        return "\n".join(lines).rstrip() + "\n"


class PairRule(Rule):
    """A rule over an aligned pair: a source article and its rendering, or two renderings.

    :meth:`check` receives both documents and their :class:`linter.align.Alignment`, and
    returns diagnostics on the rendering (``target``) whose ``related`` span, if any, lies
    in ``source``. ``modes`` says which pairs the rule reads: ``"translation"`` (source
    and rendering) and/or ``"renderings"`` (two renderings of one article). The examples
    in its docstring are pairs: the source, a line ``|||``, then the rendering.
    """

    pair: ClassVar[bool] = True
    modes: ClassVar[tuple[str, ...]] = ("translation",)

    def check(  # type: ignore[override]
        self, source: Document, target: Document, alignment: Any
    ) -> Iterable[Diagnostic]:
        return ()
