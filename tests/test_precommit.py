"""The pre-commit hook end to end: real `pre-commit try-repo` in a scratch git repository.

`try-repo` sees only what is committed, plus modified *tracked* files (it shadow-commits
those); a new, still untracked file such as a fresh rule module or the hook manifest itself
would be missing. So the test snapshots this working tree (tracked and untracked files,
minus the git-ignored ones) into a scratch repository, commits it, and points `try-repo`
there: the hook runs exactly the code on disk.

`try-repo` builds the hook's environment in a throwaway store every time (PRE_COMMIT_HOME
is not used), so each call pip-installs renderlint afresh: about 15 s with PyPI reachable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD_ARTICLE = "The delegation visited the the exhibition in Pyongyang.\n"
GOOD_ARTICLE = "The delegation visited the exhibition in Pyongyang.\n"
# The scratch commits need an identity; a CI machine may have none configured.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "renderlint tests",
    "GIT_AUTHOR_EMAIL": "tests@renderlint.invalid",
    "GIT_COMMITTER_NAME": "renderlint tests",
    "GIT_COMMITTER_EMAIL": "tests@renderlint.invalid",
}
# Building the hook's environment pip-installs renderlint from PyPI; a stuck mirror must
# still end the test.
HOOK_TIMEOUT_SECONDS = 900


def _pre_commit_command() -> list[str] | None:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        found = shutil.which("pre-commit")
        return [found] if found else None
    return [sys.executable, "-m", "pre_commit"]


PRE_COMMIT = _pre_commit_command()
MISSING = [
    name for name, found in (("git", shutil.which("git")), ("pre-commit", PRE_COMMIT)) if not found
]

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("RENDERLINT_REQUIRE_ALL"),
    reason=f"needs {' and '.join(MISSING)} (set RENDERLINT_REQUIRE_ALL=1 to fail instead)",
)


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of this working tree, as a repository `try-repo` can use."""
    assert not MISSING, f"RENDERLINT_REQUIRE_ALL is set but {', '.join(MISSING)} is missing"
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree but still in the index
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git("init", "--quiet", cwd=snapshot)
    _git("add", "--all", cwd=snapshot)
    _git(
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        "snapshot",
        cwd=snapshot,
    )
    return snapshot


def _try_repo(hook_repo: Path, work: Path, text: str) -> subprocess.CompletedProcess[str]:
    _git("init", "--quiet", cwd=work)
    _git("config", "user.name", "renderlint tests", cwd=work)
    _git("config", "user.email", "tests@renderlint.invalid", cwd=work)
    (work / "article.txt").write_text(text, encoding="utf-8")
    _git("add", "article.txt", cwd=work)
    env = {**os.environ, **GIT_ENV}
    env.pop("SKIP", None)  # SKIP=renderlint in the caller's shell would skip the hook
    assert PRE_COMMIT is not None
    return subprocess.run(
        [
            *PRE_COMMIT,
            "try-repo",
            str(hook_repo),
            "renderlint",
            "--color",
            "never",
            "--files",
            "article.txt",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=HOOK_TIMEOUT_SECONDS,
    )


def test_hook_fails_on_a_bad_article(hook_repo: Path, tmp_path: Path) -> None:
    done = _try_repo(hook_repo, tmp_path, BAD_ARTICLE)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "renderlint" in output and "Failed" in output, output
    assert "repeated-word" in output, output
    assert "article.txt:1:" in output, output


def test_hook_passes_a_good_article(hook_repo: Path, tmp_path: Path) -> None:
    done = _try_repo(hook_repo, tmp_path, GOOD_ARTICLE)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output, output
