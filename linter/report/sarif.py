"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from linter.report import Output

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict:
    """An artifactLocation: a file URI for an absolute path, else one relative to the root.

    SARIF wants valid URI references, so spaces, ``%`` and non-ASCII are percent-encoded.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": "%SRCROOT%"}


def render_sarif(output: Output) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("renderlint")
    except PackageNotFoundError:
        tool_version = "0.0.0"
    used = sorted({r.rule for r in output.reports})
    rule_index = {name: i for i, name in enumerate(used)}
    rules = []
    for name in used:
        cls = output.rules.get(name)
        entry: dict = {"id": name, "name": name}
        if cls is not None:
            docs = cls.docs()
            entry["shortDescription"] = {"text": cls.summary}
            entry["fullDescription"] = {"text": docs.get("What it does", cls.summary)}
            entry["help"] = {"text": cls.explain(), "markdown": cls.explain()}
            entry["defaultConfiguration"] = {"level": _LEVEL[cls.severity.value]}
            entry["properties"] = {"tags": [cls.family]}
        rules.append(entry)
    results = []
    for r in output.reports:
        region = {
            "startLine": r.start.line,
            "startColumn": r.start.column,
            "endLine": r.end.line,
            "endColumn": r.end.column,
            "charOffset": r.offset,
            "charLength": r.end_offset - r.offset,
        }
        result: dict = {
            "ruleId": r.rule,
            "ruleIndex": rule_index[r.rule],
            "level": _LEVEL[r.severity.value],
            "message": {"text": r.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(r.path),
                        "region": region,
                    }
                }
            ],
        }
        if r.fix is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"{r.fix.applicability.value} fix"},
                    "artifactChanges": [
                        {
                            "artifactLocation": _artifact(r.path),
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "charOffset": e.start,
                                        "charLength": e.end - e.start,
                                    },
                                    "insertedContent": {"text": e.content},
                                }
                                for e in r.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "renderlint",
                        "version": tool_version,
                        "informationUri": "https://pypi.org/project/renderlint/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
