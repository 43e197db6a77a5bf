"""Fixing: `check --fix`, `--unsafe-fixes`, `--diff`, and the engine under them (linter.fix).

Real files in a temporary folder, the CLI in-process; property tests build documents from
real KCNA sentences (../shared/corpus/kcna-2024) with injected slips.
"""

from __future__ import annotations

import errno
import html
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import test_precommit as precommit
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from renderlint_testing import check_json, run
from test_registry import code_block, example_config

from linter import Diagnostic, Document, Fix, Rule
from linter.config import parse_settings
from linter.diagnostics import Edit, Location, Report, Severity
from linter.engine import Linter
from linter.fix import (
    MAX_ITERATIONS,
    FixError,
    apply_fixes,
    encode_text,
    fix_document,
    fix_documents,
    unified_diff,
    write_atomic,
)
from linter.markup import extract
from linter.registry import Registry, registry

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "kcna-2024"
BOM = b"\xef\xbb\xbf"
SAFE_SLIPS = "Kim Jong-un visited the the city , Pyongyang.  \nIt was Juche 113(2024).\n"
SAFE_FIXED = "Kim Jong Un visited the city, Pyongyang.\nIt was Juche 113 (2024).\n"
MIXED_QUOTES = 'He said “yes” and ‘no’ and "maybe".\n'
MIXED_FIXED = "He said “yes” and ‘no’ and “maybe”.\n"


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def fixable(findings: list[dict], unsafe: bool) -> list[dict]:
    return [f for f in findings if f["fix"] and (unsafe or f["fix"]["applicability"] == "safe")]


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- apply_fixes -------------------------------------------------------------------------


def report(start: int, end: int, content: str, *, rule: str = "r", safe: bool = True) -> Report:
    return report_of(Fix.replace(start, end, content, safe=safe), rule=rule)


def report_of(fix: Fix, *, rule: str = "r") -> Report:
    first = min(e.start for e in fix.edits)
    return Report(
        "t.txt", rule, Severity.WARNING, "m", first, first, Location(1, 1), Location(1, 1), fix
    )


def test_edits_are_applied_in_order_whatever_the_report_order():
    text = "abcdef"
    new, applied = apply_fixes(text, [report(4, 5, "E"), report(0, 1, "A")], unsafe=False)
    assert new == "AbcdEf"
    assert [r.fix.edits[0].start for r in applied] == [0, 4]


def test_an_overlapping_fix_is_skipped():
    new, applied = apply_fixes("abcdef", [report(1, 4, "X"), report(2, 3, "Y")], unsafe=False)
    assert new == "aXef"
    assert len(applied) == 1


def test_the_edits_of_one_fix_are_applied_all_or_none():
    blocking = report(0, 2, "Z", rule="q")
    both = report_of(Fix((Edit(1, 2, "B"), Edit(4, 5, "E"))))
    new, applied = apply_fixes("abcdef", [both, blocking], unsafe=False)
    assert new == "Zcdef"  # not "ZcdEf": the second edit waits with the first
    assert applied == [blocking]


def test_identical_fixes_of_two_findings_are_applied_once():
    new, applied = apply_fixes("a  b", [report(1, 3, " ", rule="x"), report(1, 3, " ")], False)
    assert new == "a b"
    assert len(applied) == 2


def test_two_insertions_at_one_point_wait_for_the_next_pass():
    new, applied = apply_fixes("ab", [report(1, 1, "-"), report(1, 1, "+", rule="s")], False)
    assert new in ("a-b", "a+b")
    assert len(applied) == 1


def test_unsafe_fixes_only_on_request():
    reports = [report(0, 1, "A", safe=False), report(2, 3, "C")]
    assert apply_fixes("abc", reports, unsafe=False)[0] == "abC"
    assert apply_fixes("abc", reports, unsafe=True)[0] == "AbC"


def test_a_fix_outside_the_text_is_never_applied():
    new, applied = apply_fixes("abc", [report(2, 9, "X"), report(0, 1, "A")], unsafe=False)
    assert (new, len(applied)) == ("Abc", 1)


# -- fix_document: passes, convergence ---------------------------------------------------


class _TestRule(Rule):
    """
    ## What it does
    Test only.
    """

    family = "testing"
    fixable = True


class Shout(_TestRule):
    name = "test-shout"
    summary = "Write 'cat' as 'CAT'."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in re.finditer("cat", doc.prose):
            yield Diagnostic(m.start(), m.end(), "shout", fix=Fix.replace(*m.span(), "CAT"))


class Hyphenate(_TestRule):
    name = "test-hyphenate"
    summary = "Write 'cat dog' as 'cat-dog' (any case)."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in re.finditer("(cat) (dog)", doc.prose, re.IGNORECASE):
            fixed = f"{m.group(1)}-{m.group(2)}"
            yield Diagnostic(m.start(), m.end(), "hyphen", fix=Fix.replace(*m.span(), fixed))


class Recreate(_TestRule):
    name = "test-recreate"
    summary = "A fix that always re-creates its own finding."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        at = doc.prose.find("x")
        if at >= 0:
            yield Diagnostic(at, at + 1, "x again", fix=Fix.replace(at, at + 1, "xx"))


class British(_TestRule):
    name = "test-british"
    summary = "color -> colour."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in re.finditer(r"\bcolor\b", doc.prose):
            yield Diagnostic(m.start(), m.end(), "uk", fix=Fix.replace(*m.span(), "colour"))


class American(_TestRule):
    name = "test-american"
    summary = "colour -> color."

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in re.finditer(r"\bcolour\b", doc.prose):
            yield Diagnostic(m.start(), m.end(), "us", fix=Fix.replace(*m.span(), "color"))


def linter_with(*rules: type[Rule]) -> Linter:
    return Linter(rules=Registry(rules))


def test_a_skipped_overlapping_fix_is_applied_in_a_later_pass():
    result = fix_document(linter_with(Shout, Hyphenate), "t.txt", "a cat dog.", "plain")
    assert result.text == "a CAT-dog."
    assert [[r.rule for r in p] for p in result.passes] == [["test-shout"], ["test-hyphenate"]]
    assert result.fixed == 2 and result.error is None


def test_a_rule_whose_fix_keeps_reappearing_is_named():
    result = fix_document(linter_with(Recreate, Shout), "t.txt", "x cat", "plain")
    assert result.error is not None
    assert "test-recreate" in result.error and "test-shout" not in result.error
    assert f"after {MAX_ITERATIONS} passes" in result.error
    assert result.rules == ("test-recreate",)
    assert (result.text, result.fixed, result.changed) == ("x cat", 0, False)


def test_fixes_that_undo_each_other_are_caught_at_once():
    result = fix_document(linter_with(British, American), "t.txt", "color colour", "plain")
    assert result.rules == ("test-american", "test-british")
    assert len(result.passes) == 2
    assert not result.changed


def test_cli_reports_a_non_converging_rule_as_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr("linter.engine.registry", lambda: Registry([Recreate]))
    article = write(tmp_path / "a.txt", "an x here\n")
    result = run("check", "--fix", article)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "test-recreate" in errors[0] and "a.txt" in errors[0]
    assert article.read_bytes() == b"an x here\n"


# -- the CLI on real files ---------------------------------------------------------------


def test_fix_applies_safe_fixes_and_reports_what_remains(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS + MIXED_QUOTES)
    result = run("check", "--fix", article)
    assert article.read_text(encoding="utf-8") == SAFE_FIXED + MIXED_QUOTES
    assert result.exit_code == 1
    assert "quote-style" in result.stdout
    assert result.stdout.endswith("Fixed 5 findings (2 remaining).\n")


def test_unsafe_fixes_without_fix_or_diff_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('He said "yes" and “no”.\n', encoding="utf-8")
    result = run("check", "--unsafe-fixes", article)
    assert result.exit_code == 2
    assert "--unsafe-fixes applies fixes only with --fix or --diff" in result.stderr
    assert article.read_text(encoding="utf-8") == 'He said "yes" and “no”.\n'


def test_unsafe_fixes_applies_unsafe_fixes_too(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS + MIXED_QUOTES)
    result = run("check", "--fix", "--unsafe-fixes", article)
    assert article.read_text(encoding="utf-8") == SAFE_FIXED + MIXED_FIXED
    assert result.stdout.endswith("All checks passed.\nFixed 7 findings (0 remaining).\n")


def test_pre_commit_convention_a_changed_file_fails_the_run_once(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS)
    assert run("check", "--fix", article).exit_code == 1  # changed: review, then commit
    before = os.stat(article)
    again = run("check", "--fix", article)
    assert again.exit_code == 0
    assert again.stdout.endswith("Fixed 0 findings (0 remaining).\n")
    after = os.stat(article)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_unfixable_findings_keep_the_exit_status_1(tmp_path):
    article = write(tmp_path / "a.txt", MIXED_QUOTES)
    result = run("check", "--fix", article)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == MIXED_QUOTES
    assert run("check", "--fix", "--fail-on", "error", article).exit_code == 0
    assert (
        run("check", "--fix", "--exit-zero", write(tmp_path / "b.txt", SAFE_SLIPS)).exit_code == 0
    )


def test_fix_with_json_keeps_stdout_valid_json(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS + MIXED_QUOTES)
    code, findings = check_json("--fix", article)
    assert code == 1
    assert [f["rule"] for f in findings] == ["quote-style", "quote-style"]


def test_diff_shows_the_changes_and_writes_nothing(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS + MIXED_QUOTES)
    result = run("check", "--diff", article)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == SAFE_SLIPS + MIXED_QUOTES
    path = os.path.normpath(str(article))
    assert result.stdout == (
        f"--- {path}\n+++ {path}\n@@ -1,3 +1,3 @@\n"
        "-Kim Jong-un visited the the city , Pyongyang.  \n"
        "-It was Juche 113(2024).\n"
        "+Kim Jong Un visited the city, Pyongyang.\n"
        "+It was Juche 113 (2024).\n"
        ' He said “yes” and ‘no’ and "maybe".\n'
    )
    assert result.stderr == "Would fix 5 findings (2 remaining).\n"
    unsafe = run("check", "--diff", "--unsafe-fixes", article)
    assert "+He said “yes” and ‘no’ and “maybe”.\n" in unsafe.stdout


def test_diff_of_a_clean_file_is_empty_and_exits_0(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_FIXED + MIXED_QUOTES)
    result = run("check", "--diff", article)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Would fix 0 findings (2 remaining).\n"


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the `patch` program")
def test_diff_applies_with_patch_also_without_final_newline(tmp_path):
    original = "First line.\r\nThe the end ,"
    article = write(tmp_path / "a.txt", original)
    diff = unified_diff("a.txt", original, "First line.\r\nThe end,")
    assert diff.endswith("\\ No newline at end of file\n")
    done = subprocess.run(
        ["patch", "-p0", "--binary", "-s"], input=diff.encode(), cwd=tmp_path, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert article.read_bytes() == b"First line.\r\nThe end,"


def test_crlf_and_bom_are_kept_byte_for_byte(tmp_path):
    text = SAFE_SLIPS.replace("\n", "\r\n")
    article = write(tmp_path / "a.txt", BOM + text.encode())
    assert run("check", "--fix", article).exit_code == 1
    assert article.read_bytes() == BOM + SAFE_FIXED.replace("\n", "\r\n").encode()


def test_permissions_are_kept(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_SLIPS)
    os.chmod(article, 0o640)
    run("check", "--fix", article)
    assert stat.S_IMODE(os.stat(article).st_mode) == 0o640
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert leftovers(tmp_path) == []


def test_the_configured_encoding_is_kept(tmp_path):
    write(tmp_path / "renderlint.toml", 'encoding = "cp1252"\n')
    article = write(tmp_path / "a.txt", "The Workers\x92 Party  met.\n".encode("latin-1"))
    run("check", "--fix", "--config", tmp_path / "renderlint.toml", article)
    assert article.read_bytes() == b"The Workers\x92 Party met.\n"


def test_a_symbolic_link_stays_a_link(tmp_path):
    target = write(tmp_path / "real.txt", SAFE_SLIPS)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    run("check", "--fix", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == SAFE_FIXED


def test_markdown_only_prose_characters_change(tmp_path):
    source = (
        "---\ntitle: the the  x ,\n---\n\n"
        "# Kim Jong-un  visits\n\n"
        "The delegation visited the the [exhibition](http://x.org/the-the 'the the  ,') in "
        "`the the  ,` Pyongyang .\n\n"
        "```\nthe the  , Kim Jong-un\n```\n\n"
        "<!-- the the  , -->\n"
        "- item with  two spaces and **WPK**and more\n"
    )
    expected = (
        "---\ntitle: the the  x ,\n---\n\n"
        "# Kim Jong Un visits\n\n"
        "The delegation visited the [exhibition](http://x.org/the-the 'the the  ,') in "
        "`the the  ,` Pyongyang.\n\n"
        "```\nthe the  , Kim Jong-un\n```\n\n"
        "<!-- the the  , -->\n"
        "- item with two spaces and **WPK** and more\n"
    )
    article = write(tmp_path / "a.md", source)
    run("check", "--fix", article)
    assert article.read_text(encoding="utf-8") == expected


def test_html_only_prose_characters_change(tmp_path):
    source = (
        '<html><head><title>the the  ,</title></head>\n<body class="the the  ,">\n'
        "<p>Kim Jong-un visited the the city , and &amp; <code>the the ,</code> it.</p>\n"
        '<p title="Kim Jong-un">Juche 113(2024)</p>\n</body></html>\n'
    )
    expected = (
        '<html><head><title>the the  ,</title></head>\n<body class="the the  ,">\n'
        "<p>Kim Jong Un visited the city, and &amp; <code>the the ,</code> it.</p>\n"
        '<p title="Kim Jong-un">Juche 113 (2024)</p>\n</body></html>\n'
    )
    article = write(tmp_path / "a.html", source)
    run("check", "--fix", article)
    assert article.read_text(encoding="utf-8") == expected


def test_a_fix_that_would_cross_markup_is_not_offered(tmp_path):
    article = write(tmp_path / "a.md", "He saw the **the** house.\n")
    _, findings = check_json(article)
    assert [(f["rule"], f["fix"]) for f in findings] == [("repeated-word", None)]
    result = run("check", "--fix", article)
    assert result.exit_code == 1
    assert article.read_bytes() == b"He saw the **the** house.\n"


def test_corpus_rules_see_every_file_after_fixing(tmp_path):
    write(tmp_path / "a.txt", "Ri Kwang Hyok came. Ri Kwang Hyok  spoke.\n")
    write(tmp_path / "b.txt", "Ri Kwang-hyok left.\n")
    _, findings = check_json("--fix", tmp_path)
    assert [(Path(f["path"]).name, f["rule"]) for f in findings] == [
        ("b.txt", "inconsistent-spelling")
    ]
    assert (tmp_path / "a.txt").read_text() == "Ri Kwang Hyok came. Ri Kwang Hyok spoke.\n"


# -- standard input ----------------------------------------------------------------------


def test_stdin_fix_writes_the_fixed_text_to_stdout():
    data = BOM + SAFE_SLIPS.replace("\n", "\r\n").encode() + MIXED_QUOTES.encode()
    result = run("check", "--fix", "-", input=data)
    assert (
        result.stdout_bytes
        == BOM + SAFE_FIXED.replace("\n", "\r\n").encode() + MIXED_QUOTES.encode()
    )
    assert "quote-style" in result.stderr
    assert result.stderr.endswith("Fixed 5 findings (2 remaining).\n")
    assert result.exit_code == 1


def test_stdin_fix_with_nothing_to_fix_echoes_the_input():
    data = b"A clean line.\r\n"
    result = run("check", "--fix", "-", "--stdin-filename", "a.md", input=data)
    assert (result.exit_code, result.stdout_bytes) == (0, data)


def test_stdin_that_cannot_be_read_is_echoed_unchanged():
    data = b"caf\xe9  au lait\n"
    result = run("check", "--fix", "-", input=data)
    assert (result.exit_code, result.stdout_bytes) == (2, data)


def test_stdin_diff():
    result = run("check", "--diff", "-", "--stdin-filename", "x.txt", input="the the end\n")
    assert result.stdout == "--- x.txt\n+++ x.txt\n@@ -1 +1 @@\n-the the end\n+the end\n"
    assert result.exit_code == 1


# -- writing -----------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_original_intact(tmp_path, monkeypatch):
    article = write(tmp_path / "a.txt", SAFE_SLIPS)

    def crash(src, dst):
        raise RuntimeError("power cut between write and rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(RuntimeError):
        write_atomic(str(article), SAFE_FIXED, "utf-8", False, SAFE_SLIPS.encode())
    assert article.read_text(encoding="utf-8") == SAFE_SLIPS
    assert leftovers(tmp_path) == []


def test_a_failed_rename_is_one_error_line_and_exit_2(tmp_path, monkeypatch):
    article = write(tmp_path / "a.txt", SAFE_SLIPS)

    def fail(src, dst):
        raise OSError(errno.EIO, "simulated I/O error")

    monkeypatch.setattr(os, "replace", fail)
    result = run("check", "--fix", article)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"renderlint: error: {article}: fixes not written: simulated I/O error"
    ]
    assert article.read_text(encoding="utf-8") == SAFE_SLIPS
    assert leftovers(tmp_path) == []


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    article = write(tmp_path / "a.txt", "edited meanwhile\n")
    with pytest.raises(FixError, match="changed on disk"):
        write_atomic(str(article), SAFE_FIXED, "utf-8", False, SAFE_SLIPS.encode())
    assert article.read_bytes() == b"edited meanwhile\n"


def test_nothing_is_written_when_the_bytes_do_not_change(tmp_path):
    article = write(tmp_path / "a.txt", SAFE_FIXED)
    before = os.stat(article)
    assert not write_atomic(str(article), SAFE_FIXED, "utf-8", False, SAFE_FIXED.encode())
    assert os.stat(article).st_mtime_ns == before.st_mtime_ns


def test_text_the_encoding_cannot_hold_is_an_error(tmp_path):
    article = write(tmp_path / "a.txt", b"abc\n")
    with pytest.raises(FixError, match="cp1252"):
        write_atomic(str(article), "ab\u014f\n", "cp1252", False, b"abc\n")
    assert article.read_bytes() == b"abc\n"


# -- every fixable rule ------------------------------------------------------------------

FIXABLE = [r for r in registry().rules if r.fixable]


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.name)
def test_every_fixable_rule_converges_on_its_example(rule):
    (bad, kind), (good, _) = code_block(rule, "Example"), code_block(rule, "Use instead")
    config = example_config(rule)
    settings = parse_settings(config, path=None, rules=registry()) if config else None
    linter = Linter(settings, select=[rule.name])
    result = fix_document(linter, "example", bad, kind, unsafe=True)
    assert result.error is None
    assert result.text == good
    assert not fix_document(linter, "example", good, kind, unsafe=True).changed


# -- properties over real sentences with injected slips ----------------------------------


def corpus_sentences() -> list[str]:
    if not CORPUS.is_dir():
        return []
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt"))[:120]:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if 40 <= len(line) <= 240 and " " in line:
                out.append(line)
    return out


SENTENCES = corpus_sentences()
needs_corpus = pytest.mark.skipif(
    not SENTENCES and not os.environ.get("RENDERLINT_REQUIRE_ALL"),
    reason=f"the KCNA corpus is not at {CORPUS} (set RENDERLINT_REQUIRE_ALL=1 to fail instead)",
)

SLIP_SENTENCES = [
    "Kim Jong-un inspected the Nodong Sinmun printing house.",
    "It was in Juche 113(2024) that the plant was built.",
    "The decision of Juche113 (2024) was carried out.",
    "ComradeKim Jong Unwho came to the site.",
    "The conference was held in Pyongyan and Pyongyang.",
    'He said "yes" and ‘no’ to it.',
    "The WPKand the people are one.",
]


def _inject(sentence: str, slip: str, where: int) -> str:
    spaces = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", sentence)]
    if slip == "double" and spaces:
        at = spaces[where % len(spaces)]
        return sentence[:at] + "  " + sentence[at + 1 :]
    if slip == "before-punctuation":
        marks = [m.start() for m in re.finditer(r"(?<=\w)[,.;:]", sentence)]
        if marks:
            at = marks[where % len(marks)]
            return sentence[:at] + " " + sentence[at:]
    if slip == "repeat":
        words = [m for m in re.finditer(r"\b[a-z]{3,}\b", sentence) if m.group() != "that"]
        if words:
            m = words[where % len(words)]
            return sentence[: m.end()] + " " + m.group() + sentence[m.end() :]
    if slip == "trailing":
        return sentence + " \t"[where % 2]
    if slip == "sentence":
        return sentence + " " + SLIP_SENTENCES[where % len(SLIP_SENTENCES)]
    return sentence


SLIPS = ("double", "before-punctuation", "repeat", "trailing", "sentence")


@st.composite
def articles(draw) -> tuple[str, str]:
    """(kind, text): paragraphs of corpus sentences with slips, in plain text or markup."""
    kind = draw(st.sampled_from(["plain", "markdown", "html"]))
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            sentence = draw(st.sampled_from(SENTENCES))
            for _ in range(draw(st.integers(0, 3))):
                sentence = _inject(sentence, draw(st.sampled_from(SLIPS)), draw(st.integers(0, 99)))
            lines.append(sentence)
        paragraphs.append(lines)
    if kind == "plain":
        return kind, "\n\n".join("\n".join(p) for p in paragraphs) + "\n"
    if kind == "markdown":
        blocks = []
        for lines in paragraphs:
            prefix = draw(st.sampled_from(["", "", "# ", "- ", "> "]))
            body = "\n".join(lines)
            if draw(st.booleans()):
                body = re.sub(r"\b(\w{4,})\b", r"**\1**", body, count=1)
            if draw(st.booleans()):
                body += " `the the  ,` [Kim Jong-un](http://x.org/the%20the)"
            blocks.append(prefix + body)
        blocks.append("```\nthe the  , Kim Jong-un \n```")
        return kind, "\n\n".join(blocks) + "\n"
    body = "".join(
        f"<p>{html.escape(chr(10).join(lines), quote=False)}"
        f"{' <code>the the  ,</code>' if draw(st.booleans()) else ''}</p>\n"
        for lines in paragraphs
    )
    head = '<html><head><title>the the  ,</title></head>\n<body class="a  b ,">\n'
    return kind, head + body + "</body></html>\n"


def skeleton(kind: str, text: str) -> list:
    """The markup of ``text`` without its prose: block and inline structure, tags, attributes."""
    if kind == "markdown":
        from markdown_it import MarkdownIt

        out = []
        for token in MarkdownIt("commonmark").parse(text):
            out.append((token.type, token.tag, token.markup, token.info))
            for child in token.children or []:
                if child.type not in ("text", "softbreak"):
                    out.append((child.type, child.tag, child.markup, tuple(child.attrs.items())))
        return out
    if kind == "html":
        tags: list = []

        class Tags(HTMLParser):
            def handle_starttag(self, tag, attrs):
                tags.append(("start", tag, attrs))

            def handle_endtag(self, tag):
                tags.append(("end", tag))

        Tags(convert_charrefs=False).feed(text)
        return tags
    return []


def splice_checked(text: str, reports: list[Report], kind: str) -> str:
    """Apply one pass's edits independently of linter.fix, checking that each lies inside
    one run of prose and that every other character is carried over unchanged."""
    segments = extract(kind, text).segments
    edits = sorted((e for r in reports for e in r.fix.edits), key=lambda e: (e.start, e.end))
    out, position = [], 0
    for edit in edits:
        assert edit.start >= position, "overlapping edits in one pass"
        assert any(
            s.source_start <= edit.start and edit.end <= s.source_start + s.length for s in segments
        ), f"edit {edit} is not inside prose"
        out.append(text[position : edit.start])
        out.append(edit.content)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("RENDERLINT_FIX_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@needs_corpus
@PROPERTY_SETTINGS
@given(
    article=articles(),
    crlf=st.booleans(),
    bom=st.booleans(),
    unsafe=st.booleans(),
)
def test_fix_leaves_no_fixable_finding_and_touches_nothing_else(article, crlf, bom, unsafe):
    kind, text = article
    if crlf:
        text = text.replace("\n", "\r\n")
    suffix = {"plain": "txt", "markdown": "md", "html": "html"}[kind]
    unsafe_flag = ["--unsafe-fixes"] if unsafe else []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article.{suffix}"
        original = (BOM if bom else b"") + text.encode()
        path.write_bytes(original)

        first = run("check", "--fix", *unsafe_flag, path)
        assert first.exit_code in (0, 1), first.output
        fixed = path.read_bytes()

        # Nothing fixable remains.
        _, findings = check_json(path)
        assert fixable(findings, unsafe) == []

        # A second --fix changes nothing.
        second = run("check", "--fix", *unsafe_flag, path)
        assert path.read_bytes() == fixed
        assert "Fixed 0 findings" in second.stdout

        # BOM and line endings are kept.
        assert fixed.startswith(BOM) == bom
        body = fixed.decode("utf-8").removeprefix("\ufeff")
        if crlf:
            assert "\n" not in body.replace("\r\n", "")
        else:
            assert "\r" not in body

        # Replayed independently: every edit lies inside prose, and the bytes outside the
        # edits are the original's.
        result = fix_document(Linter(), str(path), text, kind, unsafe)
        assert result.error is None
        replay = text
        for applied in result.passes:
            replay = splice_checked(replay, applied, kind)
        assert replay == result.text
        assert encode_text(replay, "utf-8", bom) == fixed
        assert skeleton(kind, replay) == skeleton(kind, text)
        failing = [f for f in findings if f["severity"] in ("warning", "error")]
        assert (first.exit_code == 1) == (fixed != original or bool(failing))
        event(f"{kind}: {len(result.passes)} pass(es), {'changed' if result.changed else 'same'}")


@needs_corpus
@PROPERTY_SETTINGS
@given(article=articles())
def test_diff_matches_what_fix_writes(article):
    kind, text = article
    suffix = {"plain": "txt", "markdown": "md", "html": "html"}[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article.{suffix}"
        path.write_text(text, encoding="utf-8")
        diff = run("check", "--diff", path)
        assert path.read_text(encoding="utf-8") == text
        run("check", "--fix", path)
        fixed = path.read_text(encoding="utf-8")
        assert diff.stdout == unified_diff(os.path.normpath(str(path)), text, fixed)
        assert diff.exit_code == (1 if fixed != text else 0)


@needs_corpus
def test_whole_library_run_matches_the_cli_on_corpus_files(tmp_path):
    for source in sorted(CORPUS.glob("*.txt"))[:40]:
        shutil.copy(source, tmp_path / source.name)
    linter = Linter()
    docs, _ = linter.load_paths([str(tmp_path)])
    planned = fix_documents(linter, docs, write=False)
    result = run("check", "--fix", tmp_path)
    assert result.exit_code in (0, 1)
    for fixed in planned.results:
        assert Path(fixed.path).read_text(encoding="utf-8") == fixed.text
    assert result.stdout.endswith(
        f"Fixed {planned.fixed} finding{'s' if planned.fixed != 1 else ''} "
        f"({len(planned.final.reports)} remaining).\n"
    )


# -- pre-commit, end to end --------------------------------------------------------------

hook_repo = precommit.hook_repo  # the fixture: this working tree as a committed repository


@precommit.pytestmark
def test_pre_commit_hook_with_fix_fails_once_and_leaves_the_changes(hook_repo, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    git = precommit._git
    git("init", "--quiet", cwd=work)
    article = write(work / "article.txt", SAFE_SLIPS)
    revision = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    write(
        work / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {hook_repo}\n    rev: {revision}\n    hooks:\n"
        "      - id: renderlint\n        args: [--fix]\n",
    )
    git("add", "--all", cwd=work)
    env = {**os.environ, **precommit.GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("SKIP", None)

    def hook() -> subprocess.CompletedProcess[str]:
        assert precommit.PRE_COMMIT is not None
        return subprocess.run(
            [*precommit.PRE_COMMIT, "run", "--color", "never", "--files", "article.txt"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=precommit.HOOK_TIMEOUT_SECONDS,
        )

    first = hook()
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "Failed" in output and "files were modified by this hook" in output, output
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert "article.txt" in git("diff", "--name-only", cwd=work)  # left for review

    git("add", "article.txt", cwd=work)
    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
