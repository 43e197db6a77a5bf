"""Markup loaders: reduce a file to prose while keeping every prose character's offset.

A loader returns an :class:`Extraction`. Its ``prose`` is the text rules read; each
:class:`Segment` says that ``prose[prose_start:prose_start+length]`` is a verbatim copy of
``source[source_start:source_start+length]``. Prose characters outside every segment are
synthetic separators (a blank line between blocks, a space, or ``PLACEHOLDER`` standing for
inline code); they map to the source position of the next real character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PLACEHOLDER = "\ufffc"


@dataclass(frozen=True, slots=True)
class Segment:
    prose_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Comment:
    """A markup comment (``<!-- … -->``): where suppression directives live."""

    start: int
    end: int
    body: str


@dataclass(slots=True)
class Extraction:
    prose: str
    segments: list[Segment]
    comments: list[Comment] = field(default_factory=list)


def extract(kind: str, source: str) -> Extraction:
    """Reduce ``source`` of markup ``kind`` ("plain", "markdown", "html") to prose."""
    if kind == "markdown":
        from linter.markup.markdown import extract_markdown

        return extract_markdown(source)
    if kind == "html":
        from linter.markup.html import extract_html

        return extract_html(source)
    return Extraction(source, [Segment(0, 0, len(source))])


KIND_BY_SUFFIX = {
    ".txt": "plain",
    ".text": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def kind_for(path: str) -> str:
    lower = path.lower()
    dot = lower.rfind(".")
    return KIND_BY_SUFFIX.get(lower[dot:] if dot >= 0 else "", "plain")
