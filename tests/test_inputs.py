"""Bad and big input: never a crash, never a hang, never a write to the user's file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from renderlint_testing import check_json, run

TYPOGRAPHY = ("--select", "typography")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str | Path, data: str | bytes) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")
    return target


def paths_of(findings: list[dict]) -> list[str]:
    return sorted({f["path"] for f in findings})


def notes(stderr: str) -> list[str]:
    return stderr.splitlines()


# -- undecodable and odd files ----------------------------------------------------------


def test_binary_file_is_skipped_with_a_warning_naming_it():
    write("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write("b.txt", "the the\n")
    result = run("check", "--format", "json", *TYPOGRAPHY, "picture.txt", "b.txt")
    assert notes(result.stderr) == [
        "renderlint: error: picture.txt: skipped: binary file (NUL byte found)"
    ]
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    # The other file is still linted and reported.
    assert '"path": "b.txt"' in result.stdout


def test_binary_file_found_by_walking_a_folder():
    write("docs/data.txt", bytes(range(256)) * 4)
    write("docs/b.txt", "A clean sentence.\n")
    result = run("check", *TYPOGRAPHY, "docs")
    assert notes(result.stderr) == [
        f"renderlint: error: {os.path.join('docs', 'data.txt')}: skipped: binary file "
        "(NUL byte found)"
    ]
    assert result.exit_code == 2


def test_nul_byte_after_the_sniffed_head_is_read_as_text():
    write("a.txt", "the the " + "x" * 9000 + "\x00\n")
    code, findings = check_json(*TYPOGRAPHY, "a.txt")
    assert [(f["rule"], f["offset"]) for f in findings] == [("repeated-word", 0)]
    assert code == 1


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        (b"Caf\xe9 the the\n", 3),
        (b"\xef\xbb\xbfab\xff\n", 5),
        (b"ok\n" * 1000 + b"\xc3(", 3000),
        (b"\xff\xfeh\x00i\x00", 0),
    ],
    ids=["latin-1", "after-bom", "late", "utf-16"],
)
def test_invalid_utf8_names_the_byte_offset(data, byte):
    write("bad.txt", data)
    result = run("check", *TYPOGRAPHY, "bad.txt")
    assert result.exit_code == 2
    assert notes(result.stderr) == [
        f"renderlint: error: bad.txt: skipped: invalid UTF-8 at byte {byte} "
        "(set `encoding` in the config to read such files in another encoding)"
    ]
    assert "Traceback" not in result.output


def test_configured_encoding_reads_the_file():
    write("renderlint.toml", 'encoding = "cp1252"\n')
    write("a.txt", b"Caf\xe9 the the\n")
    code, findings = check_json(*TYPOGRAPHY, "a.txt")
    assert [(f["rule"], f["column"], f["end_column"]) for f in findings] == [
        ("repeated-word", 6, 13)
    ]
    assert code == 1


def test_configured_encoding_that_fails_too():
    write("renderlint.toml", 'encoding = "cp1252"\n')
    write("a.txt", b"abc\x81\n")  # 0x81 is undefined in cp1252
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert notes(result.stderr) == [
        "renderlint: error: a.txt: skipped: invalid UTF-8 at byte 3, and not valid cp1252 either"
    ]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n", b"\r\n\r\n"], ids=repr)
def test_empty_files(data):
    write("empty.txt", data)
    code, findings = check_json("empty.txt")
    assert (code, findings) == (0, [])
    assert run("check", "empty.txt").stdout == "All checks passed.\n"


def test_missing_path():
    result = run("check", "nowhere.txt")
    assert result.exit_code == 2
    assert notes(result.stderr) == ["renderlint: error: nowhere.txt: no such file or directory"]


def test_broken_symlink_named_explicitly():
    os.symlink("nowhere.txt", "dangling.txt")
    result = run("check", "dangling.txt")
    assert result.exit_code == 2
    assert "dangling.txt: skipped: broken symbolic link" in result.stderr


def test_unreadable_file(in_tmp):
    path = write("secret.txt", "the the\n")
    write("open.txt", "the the\n")
    path.chmod(0)
    try:
        try:
            with open(path, "rb"):
                readable = True
        except PermissionError:
            readable = False
        if readable:
            pytest.skip(
                "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not block reads"
            )
        result = run("check", "--format", "json", *TYPOGRAPHY, "secret.txt", "open.txt")
        assert result.exit_code == 2
        assert notes(result.stderr) == ["renderlint: error: secret.txt: skipped: permission denied"]
        assert '"path": "open.txt"' in result.stdout
    finally:
        path.chmod(0o644)


# -- folders ----------------------------------------------------------------------------


def test_symlink_loop_is_walked_once(in_tmp):
    write("top/a.txt", "the the\n")
    write("top/sub/b.txt", "the the\n")
    os.symlink("..", "top/sub/up")  # top/sub/up -> top
    os.symlink(".", "top/self")  # top/self -> top
    result = run("check", "--format", "json", *TYPOGRAPHY, "top")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [f["path"] for f in findings] == [
        os.path.join("top", "a.txt"),
        os.path.join("top", "sub", "b.txt"),
    ]
    assert "symbolic link loop" in result.stderr


def test_ten_thousand_small_files():
    expected = []
    for folder in range(20):
        os.mkdir(f"d{folder:02d}")
    for i in range(10_000):
        path = os.path.join(f"d{i // 500:02d}", f"f{i:05d}.txt")
        with open(path, "w", encoding="utf-8") as handle:
            if i % 1000 == 7:
                handle.write("A short sentence with the the slip.\n")
                expected.append(path)
            else:
                handle.write("A short clean sentence.\n")
    began = time.perf_counter()
    code, findings = check_json(*TYPOGRAPHY, ".")
    elapsed = time.perf_counter() - began
    assert code == 1
    assert [(f["path"], f["column"]) for f in findings] == [(p, 23) for p in expected]
    assert elapsed < 30, f"{elapsed:.1f} s for 10,000 files"


def test_recursion_honours_include_exclude_and_gitignore():
    write("renderlint.toml", 'include = ["*.txt", "*.rst"]\nexclude = ["drafts/", "*.skip.txt"]\n')
    write(".git/HEAD", "ref: refs/heads/main\n")  # the repository's top: .gitignore search stops
    write(".gitignore", "ignored.txt\nbuild/\n*.log.txt\n")
    write("sub/.gitignore", "local.txt\n!wanted.log.txt\n")
    linted = [
        "a.txt",
        "notes.rst",
        "local.txt",  # sub/.gitignore does not reach its parent
        "sub/e.txt",
        "sub/wanted.log.txt",  # re-included by the nested .gitignore
        "sub/deeper/f.txt",
    ]
    skipped = [
        "other.dat",  # not included
        "drafts/c.txt",  # excluded folder
        "x.skip.txt",  # excluded glob
        "ignored.txt",  # .gitignore
        "build/d.txt",  # ignored folder
        "x.log.txt",  # ignored glob
        "sub/local.txt",  # nested .gitignore
        "sub/deeper/local.txt",  # nested .gitignore applies below its folder too
        ".git/info.txt",  # never walked
        "node_modules/pkg/readme.txt",  # never walked
    ]
    for path in linted + skipped:
        write(path, "the the\n")
    code, findings = check_json(*TYPOGRAPHY, ".")
    assert paths_of(findings) == sorted(os.path.normpath(p) for p in linted)
    assert code == 1


@pytest.mark.parametrize(
    ("include", "linted"),
    [
        # Every glob "*.ext": matched by the end of the name, at any depth.
        ('["*.txt", "*.text"]', ["a.txt", "deep/b.text", "deep/c.txt"]),
        # Globs with a folder or a character class: matched as git matches them.
        ('["deep/*.txt"]', ["deep/c.txt"]),
        ('["[ab].t*"]', ["a.txt", "deep/b.text"]),
    ],
)
def test_include_globs(include: str, linted: list[str]):
    write("renderlint.toml", f"include = {include}\n")
    for path in ("a.txt", "deep/b.text", "deep/c.txt", "deep/d.md", "e.txt.bak"):
        write(path, "the the\n")
    assert paths_of(check_json(*TYPOGRAPHY, ".")[1]) == sorted(os.path.normpath(p) for p in linted)


def test_gitignore_can_be_turned_off():
    write(".git/HEAD", "ref: refs/heads/main\n")
    write(".gitignore", "ignored.txt\n")
    write("ignored.txt", "the the\n")
    write("renderlint.toml", "respect-gitignore = false\n")
    assert paths_of(check_json(*TYPOGRAPHY, ".")[1]) == ["ignored.txt"]
    write("renderlint.toml", "respect-gitignore = true\n")
    assert paths_of(check_json(*TYPOGRAPHY, ".")[1]) == []


def test_gitignore_of_a_parent_folder_applies_when_linting_a_subfolder(monkeypatch, in_tmp):
    write(".git/HEAD", "ref: refs/heads/main\n")
    write(".gitignore", "generated/\n")
    write("site/generated/a.txt", "the the\n")
    write("site/b.txt", "the the\n")
    monkeypatch.chdir(in_tmp / "site")
    assert paths_of(check_json(*TYPOGRAPHY, ".")[1]) == ["b.txt"]


def test_file_named_explicitly_is_linted_even_if_not_included():
    write("notes.rst", "the the\n")
    assert paths_of(check_json(*TYPOGRAPHY, "notes.rst")[1]) == ["notes.rst"]
    assert paths_of(check_json(*TYPOGRAPHY, ".")[1]) == []


# -- big input --------------------------------------------------------------------------

SENTENCE = (
    "The respected General Secretary Kim Jong Un inspected the Pyongyang General Hospital "
    "on Sunday, and gave the Workers' Party's instructions to the builders."
)
PARAGRAPH = " ".join([SENTENCE] * 5)


def test_fifty_megabytes(in_tmp):
    """About 64,000 paragraphs of one line each (line 2i+1), with slips every few thousand."""
    doubled = PARAGRAPH.replace("to the builders", "to the the builders", 1)
    spaced = PARAGRAPH.replace("Kim Jong Un", "Kim Jong  Un", 1)
    repeat_column = doubled.index("the the") + 1
    double_column = spaced.index("  ") + 1
    paragraphs = []
    expected = []
    for i in range(64_000):
        line = 2 * i + 1
        if i % 10_000 == 0:
            paragraphs.append(doubled)
            expected.append((line, repeat_column, "repeated-word"))
        elif i % 25_000 == 5:
            paragraphs.append(PARAGRAPH + "  ")
            expected.append((line, len(PARAGRAPH) + 1, "whitespace"))
        elif i % 30_000 == 7:
            paragraphs.append(spaced)
            expected.append((line, double_column, "whitespace"))
        else:
            paragraphs.append(PARAGRAPH)
    path = in_tmp / "big.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert 49_000_000 < path.stat().st_size < 51_000_000
    assert len(expected) == 7 + 3 + 3

    began = time.perf_counter()
    try:
        code, findings = check_json(*TYPOGRAPHY, "big.txt")
    finally:
        path.unlink()  # pytest keeps the last runs' temporary folders
    elapsed = time.perf_counter() - began
    assert code == 1
    assert [(f["line"], f["column"], f["rule"]) for f in findings] == expected
    assert elapsed < 40, f"{elapsed:.1f} s for 50 MB"


# -- never writes -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_check_never_writes_to_the_users_files(in_tmp, fmt):
    data = "\ufeffthe the  x ,\r\n“a” 'b'\r\n".encode()
    path = write("a.txt", data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = path.stat().st_mtime_ns
    listing = sorted(os.listdir(in_tmp))
    result = run("check", "--format", fmt, "a.txt")
    assert result.exit_code == 1
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before
    assert sorted(os.listdir(in_tmp)) == listing
