"""Rule listings for `renderlint rules` and the README's rules reference."""

from __future__ import annotations

import json

from linter.rule import Rule


def rules_table(rules: list[type[Rule]]) -> str:
    header = ("rule", "family", "severity", "fix", "default", "summary")
    rows = [
        (
            r.name,
            r.family,
            r.severity.value,
            "yes" if r.fixable else "no",
            "on" if r.default_enabled else "off",
            r.summary,
        )
        for r in rules
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]))
    return "".join(line.rstrip() + "\n" for line in lines)


def rules_json(rules: list[type[Rule]]) -> str:
    return (
        json.dumps(
            [
                {
                    "name": r.name,
                    "family": r.family,
                    "severity": r.severity.value,
                    "fixable": r.fixable,
                    "default_enabled": r.default_enabled,
                    "summary": r.summary,
                }
                for r in rules
            ],
            indent=2,
        )
        + "\n"
    )


def rules_markdown(rules: list[type[Rule]]) -> str:
    lines = [
        "| rule | family | severity | fixable | default | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(
            f"| `{r.name}` | {r.family} | {r.severity.value} | "
            f"{'yes' if r.fixable else 'no'} | {'on' if r.default_enabled else 'off'} | "
            f"{r.summary} |"
        )
    return "\n".join(lines) + "\n"


START_MARKER = "<!-- rules-table-start -->"
END_MARKER = "<!-- rules-table-end -->"


def with_rules_table(readme: str, rules: list[type[Rule]]) -> str:
    """``readme`` with the text between the rules-table markers replaced by the table."""
    start = readme.index(START_MARKER) + len(START_MARKER)
    end = readme.index(END_MARKER)
    return readme[:start] + "\n" + rules_markdown(rules) + readme[end:]


if __name__ == "__main__":
    import sys

    from linter.registry import registry

    for name in sys.argv[1:]:
        path = __import__("pathlib").Path(name)
        path.write_text(with_rules_table(path.read_text(encoding="utf-8"), registry().rules))
