"""Rule packs: canonical forms and their variants, acronyms, founding dates, style choices.

A pack is a YAML file (format: ``rules/packs/README.md``). This module loads and validates
packs and merges them with a user's additions; it knows nothing about any language or
country. Every problem in a pack is reported as one :class:`PackError` line that names the
file and the entry, e.g. ``rules/packs/dprk.yml: terms[12] (Kim Jong Un): variant
'Kim Jong Un' repeats the canonical form``.

Forms are compared by :func:`form_key` (straight and curly apostrophes alike, runs of
spaces as one); two entries may not share a form even in different letter case, so that a
match can always be traced to exactly one entry.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from linter.cache import cached
from linter.errors import RenderlintError

KINDS = ("person", "place", "org", "publication", "term", "title", "event")
FOUNDING_KINDS = ("founding", "birth", "death", "event")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_CURLY = re.compile("[’‘ʼ]")
_UNKEYED = re.compile(r"[’‘ʼ]|^\s|\s$|\s\s|[^\S ]")
_STYLE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class PackError(RenderlintError):
    """A pack file that cannot be used; the message names the file and the entry."""


def form_key(text: str) -> str:
    """The key under which packs store a form: apostrophes straight, spaces single.

    Every form in a validated pack is its own key, so matching code can build its tables
    from the forms as written and look text up by its key.
    """
    if _CURLY.search(text):
        text = text.translate(_APOSTROPHES)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Term:
    """A canonical form and the other spellings that stand for it."""

    canonical: str
    kind: str
    variants: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    hangul: str | None = None
    note: str | None = None
    attested: bool = True
    attested_variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants, *self.misspellings)


@dataclass(frozen=True, slots=True)
class Acronym:
    acronym: str
    expansions: tuple[str, ...]
    define: bool
    variants: tuple[str, ...] = ()
    attested_variants: tuple[str, ...] = ()
    hangul: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FoundingDate:
    """A founding date, and the span of text dates in which texts count from it."""

    date: datetime.date
    since: datetime.date | None = None
    until: datetime.date | None = None

    def applies_on(self, day: datetime.date) -> bool:
        """Whether a text dated ``day`` counts anniversaries from this date."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


@dataclass(frozen=True, slots=True)
class Founding:
    event: str
    kind: str
    refs: tuple[str, ...]
    dates: tuple[FoundingDate, ...]
    note: str | None = None

    def dates_on(self, day: datetime.date) -> tuple[datetime.date, ...]:
        """The founding dates a text dated ``day`` may count from (usually one)."""
        return tuple(d.date for d in self.dates if d.applies_on(day))


@dataclass(frozen=True, slots=True)
class StyleChoice:
    """An opt-in terminology choice: off unless a user enables it by ``name``."""

    name: str
    prefer: str
    avoid: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Pack:
    """A validated pack. Immutable, so one instance can serve every rule and every job."""

    name: str
    description: str
    source: str
    terms: tuple[Term, ...] = ()
    acronyms: tuple[Acronym, ...] = ()
    foundings: tuple[Founding, ...] = ()
    styles: tuple[StyleChoice, ...] = ()

    @cached_property
    def index(self) -> Mapping[str, Term]:
        """Every term form (canonical, variant, misspelling) by :func:`form_key`."""
        return {form: term for term in self.terms for form in term.forms}

    @cached_property
    def _acronym_index(self) -> Mapping[str, Acronym]:
        return {
            form: acronym
            for acronym in self.acronyms
            for form in (acronym.acronym, *acronym.variants)
        }

    def term_for(self, form: str) -> Term | None:
        """The term that ``form`` (canonical, variant or misspelling) belongs to."""
        return self.index.get(form_key(form))

    def acronym_for(self, form: str) -> Acronym | None:
        """The acronym entry that ``form`` (the acronym or one of its variants) names."""
        return self._acronym_index.get(form_key(form))


# --- reading YAML -------------------------------------------------------------------------


@cache
def _yaml() -> tuple[Any, Any]:
    """PyYAML and a safe loader that reports duplicate keys and keeps dates as text.

    Imported on first use: a run whose packs come from the cache never pays for it.
    Dates stay strings so that a bad one ("1945-13-10") is reported with its entry instead
    of failing inside the parser, and so the parsed data can be cached with marshal.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    continue
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return yaml, Loader


def _parse_yaml(path: Path, shown: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{shown}: no such pack file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{shown}: cannot read the pack file ({error})") from None
    yaml, loader = _yaml()
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PackError(f"{shown}{where}: invalid YAML: {problem}") from None


# --- validating entries -------------------------------------------------------------------


class _Entry:
    """One entry being validated: where it is, for messages, and its raw mapping."""

    def __init__(self, source: str, where: str, raw: Any) -> None:
        self.source = source
        self.where = where
        self.raw = raw

    def fail(self, problem: str) -> PackError:
        return PackError(f"{self.source}: {self.where}: {problem}")

    def keys(
        self, required: Sequence[str], optional: Sequence[str], *, label: str | None = None
    ) -> None:
        """Check the entry's keys; name it by its ``label`` key's value in later messages."""
        if not isinstance(self.raw, dict):
            raise self.fail(f"must be a mapping, not {_type_name(self.raw)}")
        name = self.raw.get(label)
        if isinstance(name, str) and name.strip():
            self.where = f"{self.where} ({name.strip()})"
        allowed = (*required, *optional)
        for key in self.raw:
            if key not in allowed:
                raise self.fail(f"unknown key {key!r} (expected one of: {', '.join(allowed)})")
        for key in required:
            if key not in self.raw:
                raise self.fail(f"missing key {key!r}")

    def text(self, key: str, *, form: bool = False) -> str:
        return _checked_text(self, self.raw[key], key, form=form)

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.raw else None

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{key} must be true or false, not {value!r}")
        return value

    def forms(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{key} must be a list, not {_type_name(value)}")
        if required and not value:
            raise self.fail(f"{key} must not be empty")
        items = tuple(_checked_text(self, item, key, form=True) for item in value)
        seen: set[str] = set()
        for item in items:
            if item in seen:
                raise self.fail(f"{key} lists {item!r} twice")
            seen.add(item)
        return items

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.text(key)
        if value not in choices:
            raise self.fail(f"{key} {value!r} is not one of: {', '.join(choices)}")
        return value

    def hangul(self) -> str | None:
        value = self.optional_text("hangul")
        if value is not None and not any(_is_hangul(ch) for ch in value):
            raise self.fail(f"hangul {value!r} contains no Hangul")
        return value


def _type_name(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "empty",
    }
    return names.get(type(value), type(value).__name__)


def _is_hangul(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("HANGUL")


def _checked_text(entry: _Entry, value: Any, key: str, *, form: bool) -> str:
    if isinstance(value, bool):
        raise entry.fail(
            f"{key} must be text, not {value!r} (quote it: YAML reads it as a boolean)"
        )
    if not isinstance(value, str):
        raise entry.fail(f"{key} must be text, not {_type_name(value)} {value!r}")
    if not value.strip():
        raise entry.fail(f"{key} must not be empty")
    if form:
        problem = _form_problem(value)
        if problem:
            raise entry.fail(f"{key} {value!r} {problem}")
    return value


def _form_problem(value: str) -> str | None:
    """Why ``value`` cannot be a form that rules match (it is not its own key), if so."""
    if not value.strip():
        return "is empty"
    if _UNKEYED.search(value) is None:
        return None
    if value != value.strip():
        return "has leading or trailing spaces"
    if _CURLY.search(value):
        return "has a curly apostrophe: write ' (matching treats both alike)"
    return "has a line break, a tab or a double space"


def _date(entry: _Entry, raw: Any, key: str) -> datetime.date:
    text = raw.strip() if isinstance(raw, str) else raw
    if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise entry.fail(f"bad {key} {raw!r} (expected a date YYYY-MM-DD)")


def _term(entry: _Entry) -> Term:
    entry.keys(
        ("canonical", "kind"),
        ("variants", "misspellings", "hangul", "note", "attested", "attested_variants"),
        label="canonical",
    )
    term = Term(
        canonical=entry.text("canonical", form=True),
        kind=entry.choice("kind", KINDS),
        variants=entry.forms("variants"),
        misspellings=entry.forms("misspellings"),
        hangul=entry.hangul(),
        note=entry.optional_text("note"),
        attested=entry.flag("attested", True),
        attested_variants=entry.forms("attested_variants"),
    )
    _check_term_forms(entry, term)
    return term


def _check_made_term(entry: _Entry, term: Term) -> None:
    """Validate a term made in code (a user's extra term) as if it came from a file."""
    if term.kind not in KINDS:
        raise entry.fail(f"kind {term.kind!r} is not one of: {', '.join(KINDS)}")
    for role, form in _roles(term):
        problem = _form_problem(form) if isinstance(form, str) else "is not text"
        if problem:
            raise entry.fail(f"{role} {form!r} {problem}")
    _check_term_forms(entry, term)


def _check_term_forms(entry: _Entry, term: Term) -> None:
    """Checks among the forms of one term; each form is already its own key."""
    listed: dict[str, str] = {term.canonical: "canonical form"}
    for role, form in _roles(term)[1:]:
        if form == term.canonical:
            raise entry.fail(f"{role} {form!r} repeats the canonical form")
        if form in listed:
            raise entry.fail(f"{role} {form!r} is also listed as a {listed[form]}")
        listed[form] = role
    for form in term.attested_variants:
        if form == term.canonical or form not in listed:
            raise entry.fail(f"attested variant {form!r} is not one of the variants")


def _roles(term: Term) -> list[tuple[str, str]]:
    return [
        ("canonical form", term.canonical),
        *(("variant", v) for v in term.variants),
        *(("misspelling", m) for m in term.misspellings),
    ]


def _acronym(entry: _Entry) -> Acronym:
    entry.keys(
        ("acronym", "expansions", "define"),
        ("variants", "attested_variants", "hangul", "note"),
        label="acronym",
    )
    acronym = Acronym(
        acronym=entry.text("acronym", form=True),
        expansions=entry.forms("expansions", required=True),
        define=entry.flag("define", False),
        variants=entry.forms("variants"),
        attested_variants=entry.forms("attested_variants"),
        hangul=entry.hangul(),
        note=entry.optional_text("note"),
    )
    if acronym.acronym in acronym.variants:
        raise entry.fail(f"variant {acronym.acronym!r} repeats the acronym")
    for form in acronym.attested_variants:
        if form not in acronym.variants:
            raise entry.fail(f"attested variant {form!r} is not one of the variants")
    return acronym


def _founding(entry: _Entry) -> Founding:
    entry.keys(("event", "kind", "refs", "dates"), ("note",), label="event")
    event = entry.text("event")
    kind = entry.choice("kind", FOUNDING_KINDS)
    refs = entry.forms("refs", required=True)
    raw_dates = entry.raw["dates"]
    if not isinstance(raw_dates, list) or not raw_dates:
        raise entry.fail("dates must be a non-empty list of {date: YYYY-MM-DD} mappings")
    dates = []
    for i, raw in enumerate(raw_dates):
        item = _Entry(entry.source, f"{entry.where}: dates[{i}]", raw)
        item.keys(("date",), ("since", "until"))
        found = FoundingDate(
            date=_date(item, raw["date"], "date"),
            since=_date(item, raw["since"], "since") if "since" in raw else None,
            until=_date(item, raw["until"], "until") if "until" in raw else None,
        )
        if found.since and found.until and found.since >= found.until:
            raise item.fail(f"since {found.since} is not before until {found.until}")
        dates.append(found)
    return Founding(event, kind, refs, tuple(dates), entry.optional_text("note"))


def _style(entry: _Entry) -> StyleChoice:
    entry.keys(("name", "prefer", "avoid"), ("note",), label="name")
    name = entry.text("name")
    if not _STYLE_NAME.match(name):
        raise entry.fail(f"name {name!r} must be kebab-case (lower-case words joined by -)")
    style = StyleChoice(
        name=name,
        prefer=entry.text("prefer", form=True),
        avoid=entry.forms("avoid", required=True),
        note=entry.optional_text("note"),
    )
    if style.prefer in style.avoid:
        raise entry.fail(f"avoid lists the preferred form {style.prefer!r}")
    return style


# --- checks across entries ----------------------------------------------------------------

_Labelled = tuple[_Entry, Any]


class _Claims:
    """Which entry owns each form, compared without case, so no form has two owners."""

    def __init__(self) -> None:
        self._owners: dict[str, tuple[str, _Entry]] = {}

    def owner(self, form: str) -> tuple[str, _Entry] | None:
        return self._owners.get(form.casefold())

    def claim(self, entry: _Entry, role: str, form: str) -> None:
        found = self.owner(form)
        if found is not None and found[1] is not entry:
            raise entry.fail(f"{role} {form!r} is also {_a(found[0])} of {_other(entry, found[1])}")
        self._owners.setdefault(form.casefold(), (role, entry))


def _a(role: str) -> str:
    return ("the " if role in ("canonical form", "acronym") else "a ") + role


def _other(entry: _Entry, other: _Entry) -> str:
    return other.where if other.source == entry.source else f"{other.where} in {other.source}"


def _assemble(
    name: str,
    description: str,
    source: str,
    terms: Sequence[_Labelled],
    acronyms: Sequence[_Labelled],
    foundings: Sequence[_Labelled],
    styles: Sequence[_Labelled],
) -> Pack:
    claims = _Claims()
    for entry, term in terms:
        for role, form in _roles(term):
            claims.claim(entry, role, form)
    for entry, acronym in acronyms:
        claims.claim(entry, "acronym", acronym.acronym)
        for form in acronym.variants:
            claims.claim(entry, "variant", form)
    for entry, acronym in acronyms:
        for form in acronym.expansions:
            found = claims.owner(form)
            if found is not None and found[0] != "canonical form":
                raise entry.fail(
                    f"expansion {form!r} is {_a(found[0])} of {_other(entry, found[1])}"
                )
    _check_unique(foundings, lambda f: [f.event.casefold()], "event")
    _check_unique(foundings, lambda f: [(f.kind, r.casefold()) for r in f.refs], "ref")
    _check_unique(styles, lambda s: [s.name], "style name")
    for entry, style in styles:
        for role, form in (("prefer", style.prefer), *(("avoid", a) for a in style.avoid)):
            found = claims.owner(form)
            if found is None or (role == "prefer" and found[0] in ("canonical form", "acronym")):
                continue
            raise entry.fail(f"{role} {form!r} is {_a(found[0])} of {_other(entry, found[1])}")
    return Pack(
        name=name,
        description=description,
        source=source,
        terms=tuple(t for _, t in terms),
        acronyms=tuple(a for _, a in acronyms),
        foundings=tuple(f for _, f in foundings),
        styles=tuple(s for _, s in styles),
    )


def _check_unique(
    entries: Sequence[_Labelled], keys: Callable[[Any], Iterable[Any]], what: str
) -> None:
    seen: dict[Any, _Entry] = {}
    for entry, value in entries:
        for key in keys(value):
            if key in seen and seen[key] is not entry:
                shown = key[1] if isinstance(key, tuple) else key
                raise entry.fail(f"{what} {shown!r} is also used by {_other(entry, seen[key])}")
            seen.setdefault(key, entry)


# --- loading ------------------------------------------------------------------------------

_SECTIONS: dict[str, Callable[[_Entry], Any]] = {
    "terms": _term,
    "acronyms": _acronym,
    "foundings": _founding,
    "styles": _style,
}


def _build(data: Any, source: str) -> Pack:
    top = _Entry(source, "top level", data)
    top.keys(("name",), ("description", *_SECTIONS))
    name = top.text("name")
    if not _PACK_NAME.match(name):
        raise top.fail(f"name {name!r} must be lower-case letters, digits, - or _")
    description = top.optional_text("description") or ""
    sections: dict[str, list[_Labelled]] = {}
    for section, parse in _SECTIONS.items():
        raw = data.get(section) or []
        if not isinstance(raw, list):
            raise top.fail(f"{section} must be a list, not {_type_name(raw)}")
        sections[section] = []
        for i, item in enumerate(raw):
            entry = _Entry(source, f"{section}[{i}]", item)
            sections[section].append((entry, parse(entry)))
    return _assemble(name, description, source, **sections)


def load_pack(path: str | Path) -> Pack:
    """Load and validate the pack file at ``path``; raises :class:`PackError`."""
    return _load(Path(path), str(path))


def _load(path: Path, shown: str) -> Pack:
    # Parsing the built-in pack takes ~30 ms even with libyaml and validating it ~7 ms;
    # the validated content, cached until the file or this module changes, loads in ~4.
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", path.stem)
    plain = cached(
        f"pack-{stem}",
        [path.resolve(), Path(__file__)],
        lambda: _to_plain(_build(_parse_yaml(path, shown), shown)),
    )
    return _from_plain(plain, shown)


def _to_plain(pack: Pack) -> tuple:
    """The pack as marshal-able tuples, in field order (dates as ordinals)."""

    def ordinal(day: datetime.date | None) -> int | None:
        return day.toordinal() if day else None

    return (
        pack.name,
        pack.description,
        tuple(_astuple_shallow(t) for t in pack.terms),
        tuple(_astuple_shallow(a) for a in pack.acronyms),
        tuple(
            (
                f.event,
                f.kind,
                f.refs,
                tuple((d.date.toordinal(), ordinal(d.since), ordinal(d.until)) for d in f.dates),
                f.note,
            )
            for f in pack.foundings
        ),
        tuple(_astuple_shallow(s) for s in pack.styles),
    )


def _from_plain(plain: tuple, source: str) -> Pack:
    name, description, terms, acronyms, foundings, styles = plain

    def day(ordinal: int | None) -> datetime.date | None:
        return datetime.date.fromordinal(ordinal) if ordinal is not None else None

    return Pack(
        name=name,
        description=description,
        source=source,
        terms=tuple(Term(*row) for row in terms),
        acronyms=tuple(Acronym(*row) for row in acronyms),
        foundings=tuple(
            Founding(event, kind, refs, tuple(FoundingDate(*map(day, d)) for d in dates), note)
            for event, kind, refs, dates, note in foundings
        ),
        styles=tuple(StyleChoice(*row) for row in styles),
    )


def _astuple_shallow(item: Any) -> tuple:
    return tuple(getattr(item, f.name) for f in fields(item))


def _builtin_dir() -> Path:
    # The rules package is installed as files (setuptools, not a zip), so its folder is
    # found without importlib.resources, whose import a pre-commit run would pay.
    import rules

    return Path(rules.__file__).parent / "packs"


def builtin_names() -> list[str]:
    """Names of the packs that ship with renderlint."""
    return sorted(
        item.name.removesuffix(".yml")
        for item in _builtin_dir().iterdir()
        if item.name.endswith(".yml")
    )


@cache
def load_builtin(name: str) -> Pack:
    """Load a pack that ships with renderlint (``rules/packs/NAME.yml``)."""
    resource = _builtin_dir() / f"{name}.yml"
    if not _PACK_NAME.match(name) or not resource.is_file():
        raise PackError(f"unknown built-in pack {name!r} (available: {', '.join(builtin_names())})")
    return _load(resource, f"rules/packs/{name}.yml")


# --- merging ------------------------------------------------------------------------------


def merge_packs(
    packs: Sequence[Pack],
    *,
    extra_terms: Iterable[Term] = (),
    accept: Iterable[str] = (),
    canonical_overrides: Mapping[str, str] | None = None,
) -> Pack:
    """One pack from ``packs`` (later ones win) and a user's adjustments.

    - An entry of a later pack replaces an earlier one with the same canonical form,
      acronym, event or style name; ``extra_terms`` come last and replace likewise.
    - ``canonical_overrides`` maps a form of a term (its canonical form or a variant) to
      the form that should be canonical instead: ``{"Kim Jong Un": "Kim Jong-un"}`` makes
      "Kim Jong-un" canonical and "Kim Jong Un" one of its variants.
    - ``accept`` lists forms that stop being reported: they are dropped from variant and
      misspelling lists and from styles' avoid lists. Forms no pack lists are ignored, so a
      configuration keeps working when a pack drops a variant.

    The result is validated as a whole: a form may still belong to one entry only.
    """
    extra = [
        (_Entry("extra_terms", f"[{i}] ({t.canonical})", None), t)
        for i, t in enumerate(extra_terms)
    ]
    for entry, term in extra:
        _check_made_term(entry, term)
    terms = _merge_by(
        _labelled(packs, "terms", "canonical") + extra, lambda t: t.canonical.casefold()
    )
    terms = _override(terms, dict(canonical_overrides or {}))
    accepted = {form_key(form) for form in accept}
    acronyms = _merge_by(_labelled(packs, "acronyms", "acronym"), lambda a: a.acronym.casefold())
    foundings = _merge_by(_labelled(packs, "foundings", "event"), lambda f: f.event.casefold())
    styles = _merge_by(_labelled(packs, "styles", "name"), lambda s: s.name)
    if accepted:
        terms = [(e, _accept_term(t, accepted)) for e, t in terms]
        acronyms = [(e, _accept_acronym(a, accepted)) for e, a in acronyms]
        styles = [
            (e, replace(s, avoid=_without(s.avoid, accepted)))
            for e, s in styles
            if _without(s.avoid, accepted)
        ]
    return _assemble(
        "+".join(p.name for p in packs),
        "; ".join(p.description for p in packs if p.description),
        " + ".join(p.source for p in packs),
        terms,
        acronyms,
        foundings,
        styles,
    )


def _labelled(packs: Sequence[Pack], section: str, key: str) -> list[_Labelled]:
    return [
        (_Entry(p.source, f"{section}[{i}] ({getattr(item, key)})", None), item)
        for p in packs
        for i, item in enumerate(getattr(p, section))
    ]


def _merge_by(entries: list[_Labelled], key: Callable[[Any], Any]) -> list[_Labelled]:
    merged: dict[Any, _Labelled] = {}
    for labelled in entries:
        # dict keeps the first position of a key; assignment keeps the last value
        merged[key(labelled[1])] = labelled
    return list(merged.values())


def _override(terms: list[_Labelled], overrides: dict[str, str]) -> list[_Labelled]:
    owners = {form: i for i, (_, t) in enumerate(terms) for form in t.forms}
    result = list(terms)
    chosen: dict[int, str] = {}
    for old, new in overrides.items():
        where = _Entry("canonical_overrides", repr(old), None)
        new = _checked_text(where, new, "the new canonical form", form=True)
        i = owners.get(form_key(old))
        if i is None:
            raise where.fail("names no term: give a canonical form or variant from a pack")
        other = owners.get(new, i)
        if other != i:
            raise where.fail(f"{new!r} is a form of another term, {terms[other][1].canonical!r}")
        if chosen.setdefault(i, new) != new:
            raise where.fail(f"another override already makes {chosen[i]!r} canonical")
        entry, term = result[i]
        result[i] = (entry, _promote(term, new))
    return result


def _promote(term: Term, new: str) -> Term:
    if new == term.canonical:
        return term
    drop = {new}
    return replace(
        term,
        canonical=new,
        variants=(term.canonical, *_without(term.variants, drop)),
        misspellings=_without(term.misspellings, drop),
        attested_variants=_without(term.attested_variants, drop),
    )


def _accept_term(term: Term, accepted: set[str]) -> Term:
    return replace(
        term,
        variants=_without(term.variants, accepted),
        misspellings=_without(term.misspellings, accepted),
        attested_variants=_without(term.attested_variants, accepted),
    )


def _accept_acronym(acronym: Acronym, accepted: set[str]) -> Acronym:
    return replace(
        acronym,
        variants=_without(acronym.variants, accepted),
        attested_variants=_without(acronym.attested_variants, accepted),
    )


def _without(forms: Iterable[str], drop: set[str]) -> tuple[str, ...]:
    return tuple(f for f in forms if f not in drop)
