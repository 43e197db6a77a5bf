"""Errors a user can cause: each carries one line that says what is wrong and where."""


class RenderlintError(Exception):
    """Base class: the CLI prints the message and exits with status 2."""


class ConfigError(RenderlintError):
    pass


class UsageError(RenderlintError):
    pass


class InputError(RenderlintError):
    """A file that cannot be linted (missing, unreadable, binary, undecodable)."""
