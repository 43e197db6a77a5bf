"""LanguageTool for renderlint: install the jars, find or start a server, check text.

Typical use by a rule runner::

    with Server() as server:
        matches = server.check(text, disabled_rules={"WHITESPACE_RULE"})
"""

from linter.languagetool.client import CheckError, Match, check
from linter.languagetool.errors import LanguageToolError
from linter.languagetool.install import InstallError, InstallInfo, find_install, install
from linter.languagetool.server import Endpoint, Server, ServerError, find_running

__all__ = [
    "CheckError",
    "Endpoint",
    "InstallError",
    "InstallInfo",
    "LanguageToolError",
    "Match",
    "Server",
    "ServerError",
    "check",
    "find_install",
    "find_running",
    "install",
]
