"""JUnit XML: one test suite per file, one failing test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from linter.report import Output


def render_junit(output: Output) -> str:
    root = ET.Element("testsuites", name="renderlint")
    by_path = {path: list(group) for path, group in groupby(output.reports, key=lambda r: r.path)}
    paths = sorted(set(output.files) | set(by_path))
    total = failures = 0
    for path in paths:
        reports = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=path)
        if not reports:
            ET.SubElement(suite, "testcase", name="renderlint", classname=path)
            suite.set("tests", "1")
            suite.set("failures", "0")
            total += 1
            continue
        for r in reports:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{r.rule} at {r.start.line}:{r.start.column}",
                classname=path,
                line=str(r.start.line),
                file=path,
            )
            failure = ET.SubElement(case, "failure", message=r.message, type=r.severity.value)
            failure.text = f"{path}:{r.start.line}:{r.start.column}: {r.rule} {r.message}"
        suite.set("tests", str(len(reports)))
        suite.set("failures", str(len(reports)))
        total += len(reports)
        failures += len(reports)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
