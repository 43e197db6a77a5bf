"""The one exception family the LanguageTool side raises, so callers catch a single type."""


class LanguageToolError(Exception):
    """A one-line, user-facing reason why LanguageTool could not be installed, run or queried."""
