"""renderlint's engine: documents, rules in the abstract, config, suppression, output.

The public API that rules and tools use is re-exported here.
"""

from linter.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Report, Severity
from linter.document import Document, Span
from linter.rule import Context, Option, Rule

__all__ = [
    "Applicability",
    "Context",
    "Diagnostic",
    "Document",
    "Edit",
    "Fix",
    "Option",
    "Related",
    "Report",
    "Rule",
    "Severity",
    "Span",
    "compare_paths",
    "compare_texts",
    "lint_paths",
    "lint_text",
]


def lint_text(text: str, path: str = "<stdin>", *, settings=None, **selection) -> list[Report]:
    """Lint ``text`` as if it were the file ``path``; returns the reports, sorted."""
    from linter.engine import Linter

    return Linter(settings, **selection).lint_text(text, path)


def lint_paths(paths: list[str], *, settings=None, force_exclude: bool = False, **selection):
    """Lint files and folders; returns a ``LintResult`` (reports, input errors, counts)."""
    from linter.engine import Linter

    return Linter(settings, **selection).lint_paths(paths, force_exclude=force_exclude)


def compare_texts(source: str, rendering: str, **kwargs) -> list[Report]:
    """Compare ``rendering`` with its ``source`` (or two renderings); returns the reports
    on the rendering, sorted. Keywords: ``source_path``, ``target_path``, ``mode``,
    ``settings`` and the rule selection (``select``, ``ignore`` …)."""
    from linter.compare import compare_texts as compare

    return compare(source, rendering, **kwargs)


def compare_paths(
    source: str, rendering: str | None = None, *, settings=None, mode=None, **selection
):
    """Compare two files, or the sides of one bilingual file (TSV, XLIFF, TMX, PO);
    returns a result with ``.reports``, ``.errors`` and ``.alignments``."""
    from linter.compare import compare_paths as compare
    from linter.engine import Linter

    return compare(Linter(settings, **selection), source, rendering, mode=mode)
