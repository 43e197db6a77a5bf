"""The run's term pack: the configured packs merged with a user's additions, and the
indexes built from it once per run for the term rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linter.packs import Pack, PackError, Term, load_builtin, load_pack, merge_packs
from linter.rule import Context

DEFAULT_PACKS = ("dprk",)


def _load(name: str, root: Path) -> Pack:
    if name.endswith((".yml", ".yaml")) or "/" in name:
        path = Path(name)
        return load_pack(path if path.is_absolute() else root / path)
    return load_builtin(name)


def build_pack(settings: Any) -> Pack:
    extra = settings.extra if settings is not None else {}
    root = settings.root if settings is not None else Path.cwd()
    packs = [_load(name, root) for name in extra.get("packs", DEFAULT_PACKS)]
    prefer = {form: form for form in extra.get("prefer", [])}
    if not (prefer or extra.get("accept") or extra.get("extra-terms")) and len(packs) == 1:
        return packs[0]
    try:
        return merge_packs(
            packs,
            extra_terms=[Term(**fields) for fields in extra.get("extra-terms", [])],
            accept=extra.get("accept", []),
            canonical_overrides=prefer,
        )
    except PackError as error:
        # merge_packs names its own parameters; the user wrote config keys.
        where = f"{settings.path}: " if settings is not None and settings.path else ""
        message = str(error)
        for parameter, key in (
            ("extra_terms: ", "`extra-terms`"),
            ("canonical_overrides: ", "`prefer` "),
        ):
            if message.startswith(parameter):
                message = key + message[len(parameter) :].lstrip()
        raise PackError(where + message) from None


def run_pack(context: Context) -> Pack:
    """The merged pack of this run, built once and shared by every term rule."""
    return context.shared("pack", lambda: build_pack(context.settings))


def accepted(context: Context) -> frozenset[str]:
    settings = context.settings
    words = settings.extra.get("accept", []) if settings is not None else []
    return frozenset(w.casefold() for w in words)
