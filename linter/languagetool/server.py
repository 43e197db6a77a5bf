"""Find, start, reuse and stop the LanguageTool HTTP server a run checks text against.

Order of preference: a URL given explicitly or in ``$RENDERLINT_LANGUAGETOOL_URL`` (used as
is, after a health check); a server left running by ``renderlint languagetool serve`` (found
through its state file); else a server of our own, started from the installed jars on a free
loopback port and stopped when the run ends, the interpreter exits, or SIGINT/SIGTERM arrive.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from linter.languagetool import client
from linter.languagetool.client import normalize_url
from linter.languagetool.errors import LanguageToolError
from linter.languagetool.install import cache_root, default_dir, find_install, installed_version

URL_ENV = "RENDERLINT_LANGUAGETOOL_URL"
HEALTH_PATH = "/v2/languages"
SERVE_COMMAND = "renderlint languagetool serve"
INSTALL_COMMAND = "renderlint languagetool install"
LOOPBACK = "127.0.0.1"

_PORT_ATTEMPTS = 3
_STOP_GRACE_SECONDS = 5.0
_EXIT_GRACE_SECONDS = 2.0
_HEALTH_POLL_SECONDS = 0.2
_HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# LanguageTool prints this when --port is taken; anything else that kills java is fatal.
_PORT_TAKEN_MARKER = "PortBindingException"
# Loading the English rules happens on the first check, not at start-up; one tiny check
# moves that cost (seconds) into the start budget instead of the first real request.
_WARM_UP_TEXT = "This is a short sentence."


class ServerError(LanguageToolError):
    """No server could be found, started or kept running."""


class _PortTaken(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A server that answers: its base URL (without ``/v2``), where it came from, and the
    java process id when this machine runs it."""

    url: str
    source: str
    pid: int | None = None


def health_check(url: str, timeout: float) -> None:
    """ServerError unless the server lists its languages within ``timeout`` seconds, the
    cheapest request that proves a LanguageTool server is up."""
    target = normalize_url(url) + HEALTH_PATH
    try:
        with urllib.request.urlopen(target, timeout=timeout) as response:
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        raise ServerError(
            f"{target} answered HTTP {error.code}; is it a LanguageTool server?"
        ) from None
    except TimeoutError:
        raise ServerError(f"{target} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as error:
        raise ServerError(f"{target} is unreachable: {_reason(error.reason)}") from None
    except (OSError, ValueError) as error:
        raise ServerError(f"{target} gave no usable answer: {_reason(error)}") from None
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise ServerError(f"{target} answered, but not with LanguageTool's language list")


def state_file() -> Path:
    """Where ``renderlint languagetool serve`` records the server it runs."""
    return cache_root() / "server.json"


def read_shared(timeout: float = 2.0) -> Endpoint | None:
    """The server recorded by ``serve``, if its process lives and it answers; stale or
    unreadable state files are ignored."""
    try:
        state = json.loads(state_file().read_text(encoding="utf-8"))
        url, pid = str(state["url"]), int(state["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _pid_alive(pid):
        return None
    try:
        health_check(url, timeout)
    except ServerError:
        return None
    return Endpoint(url, SERVE_COMMAND, pid)


def find_running(url: str | None = None, timeout: float = 5.0) -> Endpoint | None:
    """A server that already answers: ``url``, else ``$RENDERLINT_LANGUAGETOOL_URL``, else
    the one ``serve`` recorded. A configured URL that does not answer is an error, not a
    reason to look elsewhere: the user asked for that server."""
    for configured, source in ((url, "argument"), (os.environ.get(URL_ENV), URL_ENV)):
        if configured:
            try:
                health_check(configured, timeout)
            except ServerError as error:
                raise ServerError(f"LanguageTool server from {source}: {error}") from None
            return Endpoint(normalize_url(configured), source)
    return read_shared(min(timeout, 2.0))


class Server:
    """One LanguageTool server for the length of a run (use as a context manager).

    ``url`` pins a server to use as is. Otherwise a running shared server is reused, or one
    is started from ``install_dir`` (default: ``find_install()``) with ``memory`` as the
    Java heap limit, and stopped on ``stop()``/exit of the ``with`` block, at interpreter
    exit, and on SIGINT/SIGTERM (the signal is then passed on to the previous handler).

    ``shared=True`` is for ``renderlint languagetool serve``: always start a server, record
    it in the state file for other runs, remove the record when it stops. ``warm_up=False``
    returns as soon as a started server answers, leaving the loading of the English rules
    (seconds) to the first check.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        install_dir: Path | None = None,
        port: int | None = None,
        memory: str = "1g",
        start_timeout: float = 120.0,
        health_timeout: float = 5.0,
        shared: bool = False,
        warm_up: bool = True,
    ) -> None:
        self._configured_url = url
        self._install_dir = install_dir
        self._port = port
        self._memory = memory
        self._start_timeout = start_timeout
        self._health_timeout = health_timeout
        self._shared = shared
        self._warm_up = warm_up
        self._endpoint: Endpoint | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None
        self._keep_log = False
        self._previous_handlers: dict[int, Any] = {}
        self._lock = threading.RLock()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._endpoint is None:
            raise ServerError("the LanguageTool server is not started")
        return self._endpoint.url

    @property
    def source(self) -> str:
        """Where the server came from: ``argument``, the env var, ``serve``, or ``started``."""
        if self._endpoint is None:
            raise ServerError("the LanguageTool server is not started")
        return self._endpoint.source

    @property
    def pid(self) -> int | None:
        """The java process id, when known (own or shared server)."""
        return self._endpoint.pid if self._endpoint else None

    @property
    def owned(self) -> bool:
        """Whether this object started the server and so stops it."""
        return self._process is not None

    @property
    def log_path(self) -> Path | None:
        return self._log_path

    def start(self) -> str:
        """Find or start the server; return its base URL."""
        if self._endpoint is not None:
            return self._endpoint.url
        if self._shared:
            running = read_shared()
            if running is not None:
                raise ServerError(
                    f"a LanguageTool server already serves at {running.url} (pid {running.pid})"
                )
        else:
            running = find_running(self._configured_url, self._health_timeout)
            if running is not None:
                self._endpoint = running
                return running.url
        return self._launch()

    def check(self, text: str, **options: Any) -> list[client.Match]:
        """``client.check`` against this server; a request that fails because our java
        process died is reported as that, not as a network error."""
        self.raise_if_dead()
        try:
            return client.check(text, self.url, **options)
        except client.CheckError:
            # A killed java closes its socket a moment before it can be reaped.
            self.raise_if_dead(grace=_EXIT_GRACE_SECONDS)
            raise

    def raise_if_dead(self, grace: float = 0.0) -> None:
        """ServerError if the java process we started has ended (waiting up to ``grace``
        seconds for it to do so)."""
        process = self._process
        if process is None:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
        if process.returncode is not None:
            raise ServerError(
                f"the LanguageTool server (pid {process.pid}) exited with code "
                f"{process.returncode} during the run{self._point_to_log()}"
            )

    def wait(self, poll_seconds: float = 0.5) -> int:
        """Block until our java process ends; its exit code. Polls rather than blocking in
        waitpid so that a signal handler can still reap the process."""
        process = self._process
        if process is None:
            raise ServerError("this server was not started here, so there is nothing to wait for")
        while process.poll() is None:
            time.sleep(poll_seconds)
        return process.returncode

    def stop(self) -> None:
        """Stop the java process we started (its whole process group) and forget the
        server; a reused server is left running."""
        with self._lock:
            process = self._process
            if process is None:
                self._endpoint = None
                return
            # A java that ended by itself, or an error message that points to the log,
            # makes the log worth keeping; a server we simply stop leaves nothing behind.
            keep_log = self._keep_log or process.poll() is not None
            # Killed before anything else: a signal arriving from here on re-enters stop()
            # through _on_signal and finds the same process to kill.
            _kill_group(process)
            self._process = None
            self._endpoint = None
            atexit.unregister(self.stop)
            self._restore_signal_handlers()
            if self._shared:
                _remove_state_file(process.pid)
            if not keep_log:
                self._discard_log()

    def _launch(self) -> str:
        folder = find_install(self._install_dir)
        if folder is None:
            raise ServerError(
                f"no LanguageTool server is running and {self._install_dir or default_dir()} "
                f"holds no LanguageTool install: run `{INSTALL_COMMAND}`, or set {URL_ENV} "
                "to a running server"
            )
        java = shutil.which("java")
        if java is None:
            raise ServerError(
                "`java` not found on PATH: install Java 17 or newer to run LanguageTool"
            )
        deadline = time.monotonic() + self._start_timeout
        tried: list[int] = []
        for _ in range(_PORT_ATTEMPTS):
            port = _free_port(self._port if not tried else None, avoid=tried)
            tried.append(port)
            url = f"http://{LOOPBACK}:{port}"
            process = self._spawn(java, folder, port)
            try:
                self._wait_until_healthy(process, url, deadline)
            except _PortTaken:
                self.stop()
                self._discard_log()
                continue
            except BaseException:
                self.stop()
                raise
            if self._shared:
                _write_state_file(url, process.pid, installed_version(folder) or "")
            return url
        raise ServerError(
            "could not start LanguageTool: ports "
            + ", ".join(map(str, tried))
            + " were taken by the time java bound them"
        )

    def _spawn(self, java: str, folder: Path, port: int) -> subprocess.Popen[bytes]:
        fd, log_name = tempfile.mkstemp(prefix="renderlint-languagetool-", suffix=".log")
        os.close(fd)
        self._log_path = Path(log_name)
        command = [
            java,
            f"-Xmx{self._memory}",
            # A full heap must end the process (a clear failure) rather than leave a server
            # that answers every request with an error.
            "-XX:+ExitOnOutOfMemoryError",
            # LanguageTool binds "localhost" without --public; make that 127.0.0.1, the
            # address the URL and the free-port probe use.
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            str(folder / "*"),
            "org.languagetool.server.HTTPServer",
            "--port",
            str(port),
            # No --public: LanguageTool then accepts loopback clients only. No
            # --allow-origin: renderlint is no browser, and "*" would let any web page the
            # user opens query this server.
        ]
        with self._lock, open(self._log_path, "ab") as log:
            # A session of its own: Ctrl-C in the terminal reaches only us, and stop() can
            # kill the whole group, whatever java forks.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self._process = process
            self._endpoint = Endpoint(f"http://{LOOPBACK}:{port}", "started", process.pid)
            atexit.register(self.stop)
            self._install_signal_handlers()
        return process

    def _wait_until_healthy(
        self, process: subprocess.Popen[bytes], url: str, deadline: float
    ) -> None:
        while True:
            code = process.poll()
            if code is not None:
                if _PORT_TAKEN_MARKER in self._read_log():
                    raise _PortTaken
                raise ServerError(
                    f"the LanguageTool server exited with code {code} while starting: "
                    f"{self._log_reason()}{self._point_to_log()}"
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ServerError(
                    f"the LanguageTool server on {url} did not answer within "
                    f"{self._start_timeout:g} s{self._point_to_log()}"
                )
            try:
                health_check(url, min(2.0, remaining))
            except ServerError:
                time.sleep(min(_HEALTH_POLL_SECONDS, max(remaining, 0.0)))
                continue
            break
        if not self._warm_up:
            return
        remaining = max(deadline - time.monotonic(), 0.1)
        try:
            client.check(_WARM_UP_TEXT, url, timeout=remaining)
        except client.CheckError as error:
            if process.poll() is not None:
                raise ServerError(
                    f"the LanguageTool server exited with code {process.returncode} while "
                    f"starting: {self._log_reason()}{self._point_to_log()}"
                ) from None
            raise ServerError(f"the LanguageTool server on {url} is not ready: {error}") from None

    def _install_signal_handlers(self) -> None:
        # Python only lets the main thread set handlers; elsewhere atexit still stops java.
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in _HANDLED_SIGNALS:
            previous = signal.getsignal(signum)
            # Left alone: a signal the program ignores, or a handler set outside Python
            # that could not be put back.
            if previous in (signal.SIG_IGN, None):
                continue
            self._previous_handlers[signum] = previous
            signal.signal(signum, self._on_signal)

    def _restore_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum, previous in self._previous_handlers.items():
            # Only ours: a later Server may have chained its handler on top of this one.
            if signal.getsignal(signum) == self._on_signal:
                signal.signal(signum, previous)
        self._previous_handlers.clear()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        previous = self._previous_handlers.get(signum, signal.SIG_DFL)
        self.stop()
        signal.signal(signum, previous)
        # Deliver it again under the previous disposition: KeyboardInterrupt for SIGINT,
        # termination for a default SIGTERM, or the application's own handler.
        signal.raise_signal(signum)

    def _read_log(self) -> str:
        if self._log_path is None:
            return ""
        try:
            return self._log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _log_reason(self) -> str:
        lines = [line.strip() for line in self._read_log().splitlines() if line.strip()]
        causes = [line for line in lines if "Exception" in line or "Error" in line]
        reason = (causes or lines or ["no output"])[-1]
        return reason if len(reason) <= 300 else reason[:297] + "..."

    def _point_to_log(self) -> str:
        """The log's path, for an error message; the log is then kept for the reader."""
        self._keep_log = True
        return f" (log: {self._log_path})" if self._log_path else ""

    def _discard_log(self) -> None:
        if self._log_path is not None:
            with contextlib.suppress(OSError):
                self._log_path.unlink()
            self._log_path = None


def _free_port(preferred: int | None, avoid: Iterable[int]) -> int:
    """``preferred`` if nothing listens there, else a port the kernel hands out as free."""
    if preferred is not None and _port_is_free(preferred):
        return preferred
    avoided = set(avoid)
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind((LOOPBACK, 0))
            port = int(probe.getsockname()[1])
        if port not in avoided:
            return port


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Java binds with SO_REUSEADDR, so a port in TIME_WAIT is free for it too.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group, SIGKILL it after a grace period; reap the leader.

    The group is signalled only while its leader is unreaped, so its id cannot yet belong
    to an unrelated process."""
    for kill_signal, grace in ((signal.SIGTERM, _STOP_GRACE_SECONDS), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, kill_signal)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_state_file(url: str, pid: int, version: str) -> None:
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".server-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "pid": pid, "version": version}, handle)
    # Readers never see a half-written file.
    os.replace(temporary, path)


def _remove_state_file(pid: int) -> None:
    """Remove the state file if it still names ``pid`` (a newer ``serve`` may own it)."""
    path = state_file()
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == pid:
            path.unlink()
    except (OSError, ValueError, AttributeError):
        return


def _reason(error: object) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "timed out"
    return str(error) or type(error).__name__
