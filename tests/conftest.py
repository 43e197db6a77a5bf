"""Fixtures shared by test modules."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from linter.languagetool import find_install

REQUIRE_LANGUAGETOOL = "RENDERLINT_REQUIRE_LANGUAGETOOL"


@pytest.fixture(scope="session")
def jars() -> Path:
    """The LanguageTool jars folder; skips where there is none, unless CI requires it."""
    missing = None
    folder = find_install()
    if shutil.which("java") is None:
        missing = "java is not on PATH"
    elif folder is None:
        missing = "no LanguageTool install found (run `renderlint languagetool install`)"
    if missing or folder is None:
        if os.environ.get(REQUIRE_LANGUAGETOOL):
            pytest.fail(f"{missing}, and {REQUIRE_LANGUAGETOOL} is set")
        pytest.skip(f"{missing}; set {REQUIRE_LANGUAGETOOL}=1 to fail instead of skipping")
    return folder
