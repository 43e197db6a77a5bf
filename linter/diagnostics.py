"""What rules report: spans, messages, fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True) -> Fix:
        return cls(
            (Edit(start, end, content),),
            Applicability.SAFE if safe else Applicability.UNSAFE,
        )


@dataclass(frozen=True, slots=True)
class Related:
    """A second place a finding speaks of (the first spelling seen, the source span)."""

    message: str
    start: int
    end: int
    path: str | None = None


@dataclass(slots=True)
class Diagnostic:
    """A finding.

    Rules create diagnostics with offsets into the document's prose; the engine maps
    them to offsets into the original file and fills in ``rule`` and ``severity``.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: Related | None = None
    rule: str = ""
    severity: Severity | None = None
    path: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int


@dataclass(slots=True)
class Report:
    """A diagnostic resolved against its file: what reporters print."""

    path: str
    rule: str
    severity: Severity
    message: str
    offset: int
    end_offset: int
    start: Location
    end: Location
    fix: Fix | None = None
    related: dict | None = None
    extra: dict = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.rule, self.offset, self.message)
