"""LanguageTool engine side against a real server started through linter.languagetool.

Tests that need Java and the jars use the ``jars`` fixture: it takes an existing install
(``find_install()``) and skips when there is none, unless RENDERLINT_REQUIRE_LANGUAGETOOL is
set, which turns a missing Java or install into a failure. Nothing here downloads.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.languagetool import (
    CheckError,
    InstallError,
    Server,
    ServerError,
    check,
    find_install,
    find_running,
    install,
)
from linter.languagetool.cli import languagetool
from linter.languagetool.client import _Utf16Index, split_for_requests
from linter.languagetool.install import DIR_ENV
from linter.languagetool.server import (
    SERVE_COMMAND,
    URL_ENV,
    health_check,
    read_shared,
    state_file,
)

REQUIRE_ENV = "RENDERLINT_REQUIRE_LANGUAGETOOL"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of the test's own, and no server or jar folder configured."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.delenv(DIR_ENV, raising=False)
    return cache


@pytest.fixture(scope="module")
def server(jars: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        patch.delenv(URL_ENV, raising=False)
        with Server(install_dir=jars) as running:
            yield running


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether ``pid`` no longer runs (absent, or a zombie) within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def _java_children() -> list[int]:
    """Java processes whose parent is this test process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            name = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if name == "java" and fields[0] != "Z" and int(fields[1]) == os.getpid():
            found.append(int(entry.name))
    return found


def _spans(text: str, matches: list) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.rule_id) for m in matches]


# Matches ------------------------------------------------------------------------------


@pytest.mark.languagetool
def test_subject_verb_disagreement(server: Server) -> None:
    text = "He go to school every day."
    [match] = server.check(text)
    assert (match.start, match.end, text[match.start : match.end]) == (3, 5, "go")
    assert match.rule_id == "HE_VERB_AGR"
    assert match.category == "GRAMMAR"
    assert match.issue_type == "grammar"
    assert "goes" in match.replacements
    assert "He go to school" in match.context


@pytest.mark.languagetool
def test_doubled_article(server: Server) -> None:
    text = "She read the the book."
    [match] = server.check(text)
    assert text[match.start : match.end] == "the the"
    assert match.rule_id == "ENGLISH_WORD_REPEAT_RULE"
    assert match.issue_type == "duplication"
    assert match.replacements == ("the",)


@pytest.mark.languagetool
def test_misspelling_with_suggestion(server: Server) -> None:
    text = "You will recieve the parcel tomorrow."
    [match] = server.check(text)
    assert text[match.start : match.end] == "recieve"
    assert match.category == "TYPOS"
    assert match.issue_type == "misspelling"
    assert match.replacements[0] == "receive"
    assert len(match.replacements) <= 5


@pytest.mark.languagetool
def test_offsets_after_emoji_hangul_and_curly_quotes(server: Server) -> None:
    prefix = "😀 “조선” means Korea 😀😀 — ‘quoted’ "
    text = prefix + "He go to school. I will recieve it."
    found = _spans(text, server.check(text, disabled_categories={"TYPOS"}))
    assert found == [("go", "HE_VERB_AGR")]
    typos = server.check(text, enabled_categories={"TYPOS"}, enabled_only=True)
    assert ("recieve", "MORFOLOGIK_RULE_EN_US") in _spans(text, typos)
    [go] = [m for m in server.check(text) if m.rule_id == "HE_VERB_AGR"]
    assert go.start == len(prefix) + 3


@pytest.mark.languagetool
def test_rule_selection(server: Server) -> None:
    text = "He go to the the market."
    rules = {m.rule_id for m in server.check(text)}
    assert {"HE_VERB_AGR", "ENGLISH_WORD_REPEAT_RULE"} <= rules
    without = server.check(text, disabled_rules={"HE_VERB_AGR"})
    assert "HE_VERB_AGR" not in {m.rule_id for m in without}
    only = server.check(text, enabled_rules={"ENGLISH_WORD_REPEAT_RULE"}, enabled_only=True)
    assert _spans(text, only) == [("the the", "ENGLISH_WORD_REPEAT_RULE")]


@pytest.mark.languagetool
def test_long_text_in_several_requests_keeps_offsets(server: Server) -> None:
    paragraphs = [
        f"Paragraph {n} 😀 is here. He go to school. She read the the book." for n in range(6)
    ]
    text = "\n\n".join(paragraphs)
    whole = server.check(text, max_request_units=100_000)
    split = server.check(text, max_request_units=120)
    assert len(split_for_requests(text, 120)) >= 6
    assert [(m.start, m.end, m.rule_id) for m in split] == [
        (m.start, m.end, m.rule_id) for m in whole
    ]
    assert _spans(text, split).count(("go", "HE_VERB_AGR")) == 6
    assert _spans(text, split).count(("the the", "ENGLISH_WORD_REPEAT_RULE")) == 6


def test_split_for_requests_prefers_paragraph_breaks() -> None:
    # Paragraphs of 17 and 32 units (the emoji counts 2), then an unbroken run of 50.
    text = "First para one.\n\nSecond 😀 para.\nSame para line.\n\n" + "x" * 50
    pieces = split_for_requests(text, 40)
    assert [offset for offset, _ in pieces] == [0, 17, 49, 89]
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece.encode("utf-16-le")) // 2 <= 40
    assert split_for_requests(" \n\n ", 40) == []


def test_utf16_index_round_trips_across_astral_characters() -> None:
    text = "a😀b😀😀c한“d”"
    index = _Utf16Index(text)
    for position in range(len(text) + 1):
        units = len(text[:position].encode("utf-16-le")) // 2
        assert index.to_utf16(position) == units
        assert index.to_python(units) == position


# Faults -------------------------------------------------------------------------------


def test_configured_url_that_never_answers(isolated: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        began = time.monotonic()
        with pytest.raises(ServerError, match="did not answer within 1 s"):
            Server(url, health_timeout=1).start()
        with pytest.raises(CheckError, match="did not answer within 1 s"):
            check("Text.", url, timeout=1)
        assert time.monotonic() - began < 6


def test_request_that_hangs_times_out() -> None:
    release = threading.Event()

    class HangsOnCheck(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def do_POST(self) -> None:
            release.wait(15)

        def log_message(self, *args: object) -> None:
            pass

    fake = ThreadingHTTPServer(("127.0.0.1", 0), HangsOnCheck)
    fake.daemon_threads = True
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{fake.server_address[1]}"
        began = time.monotonic()
        with pytest.raises(CheckError, match="did not answer within 1 s"):
            check("He go to school.", url, timeout=1)
        assert time.monotonic() - began < 5
    finally:
        release.set()
        fake.shutdown()
        fake.server_close()


@pytest.mark.languagetool
def test_java_killed_mid_run(jars: Path, isolated: Path) -> None:
    server = Server(install_dir=jars, warm_up=False)
    server.start()
    try:
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        began = time.monotonic()
        with pytest.raises(ServerError, match="exited with code -9 during the run"):
            for _ in range(50):
                server.check("He go to school.")
                time.sleep(0.1)
        with pytest.raises(CheckError, match="unreachable"):
            check("He go to school.", server.url, timeout=5)
        assert time.monotonic() - began < 15
    finally:
        server.stop()
    assert server.log_path is not None and "Server started" in server.log_path.read_text()
    server.log_path.unlink()


@pytest.mark.languagetool
def test_server_that_never_gets_healthy_is_killed(jars: Path, isolated: Path) -> None:
    before = set(_java_children())
    server = Server(install_dir=jars, start_timeout=1)
    began = time.monotonic()
    with pytest.raises(ServerError, match=r"did not answer within 1 s \(log: .+\)"):
        server.start()
    assert time.monotonic() - began < 10
    assert set(_java_children()) == before
    assert server.log_path is not None and server.log_path.exists()
    server.log_path.unlink()


@pytest.mark.languagetool
def test_port_in_use_moves_to_another_and_exit_leaves_no_java(jars: Path, isolated: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        busy = taken.getsockname()[1]
        handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
        with Server(install_dir=jars, port=busy, warm_up=False) as server:
            assert all(signal.getsignal(signum) != old for signum, old in handlers.items())
            assert server.owned and server.source == "started"
            assert not server.url.endswith(f":{busy}")
            health_check(server.url, 5)
            pid = server.pid
    assert pid is not None and _gone(pid)
    assert {signum: signal.getsignal(signum) for signum in handlers} == handlers


def test_nothing_available_says_how_to_get_one(isolated: Path, tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="run `renderlint languagetool install`"):
        Server(install_dir=tmp_path / "empty").start()


def test_stale_state_files_are_ignored(isolated: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        unused_port = closed.getsockname()[1]
    state_file().parent.mkdir(parents=True)
    for pid in (dead.pid, os.getpid()):
        state_file().write_text(json.dumps({"url": f"http://127.0.0.1:{unused_port}", "pid": pid}))
        assert read_shared() is None
        assert find_running() is None
    state_file().write_text("{not json")
    assert read_shared() is None


# Process life cycle -------------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from linter.languagetool import Server

    server = Server(install_dir=Path(sys.argv[1]), warm_up=False)
    server.start()
    Path(sys.argv[2]).write_text(json.dumps({"pid": server.pid}))
    if sys.argv[3] == "wait":
        time.sleep(120)
    """
)


def _child_env(cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in (URL_ENV, DIR_ENV)}
    env["XDG_CACHE_HOME"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _wait_for_file(path: Path, child: subprocess.Popen[bytes], within: float = 120) -> dict:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            return json.loads(path.read_text())
        if child.poll() is not None:
            pytest.fail(
                f"child exited with {child.returncode}: {child.stdout and child.stdout.read()}"
            )
        time.sleep(0.2)
    child.kill()
    pytest.fail(f"{path} did not appear within {within} s")


@pytest.mark.languagetool
@pytest.mark.parametrize("ending", ["sigterm", "interpreter-exit"])
def test_no_orphaned_java_when_the_owner_ends(
    jars: Path, isolated: Path, tmp_path: Path, ending: str
) -> None:
    ready = tmp_path / "ready.json"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(jars),
            str(ready),
            "wait" if ending == "sigterm" else "",
        ],
        env=_child_env(isolated),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        java = _wait_for_file(ready, child)["pid"]
        if ending == "sigterm":
            child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=20) == (-signal.SIGTERM if ending == "sigterm" else 0)
        assert _gone(java), f"java {java} outlived its owner"
    finally:
        child.kill()
        child.wait()


@pytest.mark.languagetool
def test_serve_is_shared_then_stops_on_ctrl_c(jars: Path, isolated: Path) -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from linter.languagetool.cli import languagetool; languagetool()",
            "serve",
            "--dir",
            str(jars),
        ],
        env=_child_env(isolated),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        state = _wait_for_file(state_file(), child)
        with Server(install_dir=jars) as reused:
            assert (reused.url, reused.pid, reused.source) == (
                state["url"],
                state["pid"],
                SERVE_COMMAND,
            )
            assert not reused.owned
            assert reused.check("He go to school.")
        assert not _gone(state["pid"], within=0.5), "a reused server must outlive its user"
        status = CliRunner().invoke(languagetool, ["status"])
        assert status.exit_code == 0
        assert f"server: {state['url']} (from {SERVE_COMMAND}, pid {state['pid']})" in status.output
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=20) == 0
        assert b"LanguageTool stopped" in (child.stdout.read() if child.stdout else b"")
        assert _gone(state["pid"])
        assert not state_file().exists()
    finally:
        child.kill()
        child.wait()


# Install and CLI ----------------------------------------------------------------------


def test_install_without_maven_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    with pytest.raises(InstallError, match="`mvn` not found on PATH"):
        install(tmp_path / "lt")
    assert not (tmp_path / "lt").exists()


def test_maven_failure_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if shutil.which("mvn") is None or shutil.which("java") is None:
        pytest.skip("Maven or Java is not on PATH")
    # A local repository Maven cannot create fails the run at once, without network.
    monkeypatch.setenv("MAVEN_OPTS", "-Dmaven.repo.local=/proc/renderlint-no-repo")
    with pytest.raises(InstallError) as failure:
        install(tmp_path / "lt")
    assert str(failure.value) == (
        "Maven failed fetching LanguageTool: "
        "Could not create local repository at /proc/renderlint-no-repo"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.languagetool
def test_install_reuses_an_existing_folder(jars: Path) -> None:
    info = install(jars)
    assert info.folder == jars
    assert info.size_bytes > 50_000_000
    result = CliRunner().invoke(languagetool, ["install", "--dir", str(jars)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"version: {info.version}",
        f"folder: {jars}",
        f"size: {info.size_bytes} bytes ({info.size_bytes / 2**20:.1f} MiB)",
    ]


@pytest.mark.languagetool
def test_find_install_follows_the_environment(
    jars: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert find_install() is None
    monkeypatch.setenv(DIR_ENV, str(jars))
    assert find_install() == jars
    # A folder named explicitly is used or nothing is.
    assert find_install(tmp_path) is None
    assert find_install(jars) == jars


def test_status_with_nothing_available(isolated: Path) -> None:
    result = CliRunner().invoke(languagetool, ["status"])
    assert result.exit_code == 1
    assert "renderlint languagetool install" in result.output
