"""Aligning two documents: paragraphs first, then sentences inside aligned paragraphs.

Length-based, after Gale & Church (1993): two texts that say the same thing have lengths
in a roughly constant ratio, so a dynamic programme over the units of both sides picks the
sequence of links (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) whose lengths fit that ratio best. The
ratio is learned from the pair itself (a Korean article and its English rendering differ
by a factor of about 2.7 in characters; two English renderings by about 1), and so is the
spread of the lengths around it. Digits shared by both sides (after Unicode NFKC, so
full-width "２０１２" is "2012") pull units together as anchors.

Nothing here knows a language: lengths count characters, anchors count digits.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from linter.document import Document, Span
from linter.segment import split_sentences

# A plain-text paragraph with a line longer than this is not hard-wrapped prose: its lines
# are paragraphs of their own (the "one paragraph per line" layout of many web copies).
WRAP_WIDTH = 100

# Gale & Church's priors for the kinds of link, as costs (negative natural logs). Unlike
# theirs, a 1-0 or 0-1 link costs its prior only: weighing a dropped unit's length against
# nothing would make a long omission look like a bad 2-1 link.
_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
_PRIOR_COST = {moves: -math.log(p) for moves, p in _PRIORS.items()}
# Paragraphs are not linked two to two: that would be two 1-1 links, or hide an omission
# beside an addition.
PARAGRAPH_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
# The first pass looks this far off the diagonal (plus the difference in unit counts); the
# second, with the learned model, this far off the first pass's path.
CORRIDOR = 12
REFINE_WIDTH = 4
# How much a unit pair's shared digits (or their absence) move its cost, in nats.
ANCHOR_WEIGHT = 3.0
# A chi-square variable with one degree of freedom has this median: it turns the median
# squared deviation of the 1-1 links into an estimate of their variance.
_CHI2_MEDIAN = 0.4549
_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_SQRT_PI = math.sqrt(math.pi)
_BRACKETED = re.compile(r"^\[[^\[\]]*\]$")
_CLOSING = frozenset(".!?:;\"'”’)]»…")


AnchorFunction = Callable[[str], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Link:
    """Indices of the source units and the target units that one link joins."""

    source: tuple[int, ...]
    target: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SentenceLink:
    source: tuple[Span, ...]
    target: tuple[Span, ...]


@dataclass
class ParagraphLink:
    """Aligned paragraphs (either side may be empty) and the sentences aligned inside.

    ``deviation`` is the link's length z-score: how many standard deviations the target's
    length lies from what the document's ratio predicts (negative: shorter).
    """

    source: tuple[Span, ...]
    target: tuple[Span, ...]
    sentences: list[SentenceLink] = field(default_factory=list)
    deviation: float = 0.0
    # What rules derive from the link, computed once (see ``memo``).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, factory):
        if key not in self.derived:
            self.derived[key] = factory()
        return self.derived[key]


@dataclass
class Alignment:
    """The aligned pair: what every pair rule reads.

    ``mode`` is ``"translation"`` (a source article and its rendering) or ``"renderings"``
    (two renderings of one article); ``ratio`` is target characters per source character,
    ``spread`` the learned variance per source character.
    """

    source: Document
    target: Document
    mode: str
    ratio: float
    spread: float
    links: list[ParagraphLink]

    def paired(self) -> list[ParagraphLink]:
        """The links with units on both sides."""
        return [link for link in self.links if link.source and link.target]


@dataclass(frozen=True, slots=True)
class Model:
    """The length model of one pair: target characters per source character, and the
    variance of a target length per source character."""

    ratio: float
    spread: float

    def deviation(self, source_len: float, target_len: float) -> float:
        mean = (source_len + target_len / self.ratio) / 2
        if mean <= 0:
            return 0.0
        return (target_len - self.ratio * source_len) / math.sqrt(self.spread * mean)


# --- units --------------------------------------------------------------------------------


def measure(text: str) -> int:
    """The length the aligner compares: characters other than white space."""
    return len("".join(text.split()))


def is_furniture(text: str) -> bool:
    """Separators ("*******") and bracketed stamps ("[ 2012-01-01 11:52:56 ]"): page
    furniture that neither side translates."""
    if not any(ch.isalnum() for ch in text):
        return True
    return bool(_BRACKETED.match(text))


def paragraph_units(doc: Document) -> list[Span]:
    """The paragraphs of ``doc`` to align, furniture left out.

    Paragraphs are separated by blank lines; in plain text whose lines are not hard-wrapped
    (a line longer than :data:`WRAP_WIDTH`), each line is a paragraph. A line of furniture
    inside a paragraph (a date stamp under a headline) ends a paragraph too.
    """

    def build() -> list[Span]:
        units: list[Span] = []
        for para in doc.paragraphs:
            lines = para.text.split("\n")
            if doc.kind != "plain" or len(lines) == 1:
                if not is_furniture(para.text):
                    units.append(para)
                continue
            each_line = _unwrapped(lines)
            pos = para.start
            run: list[Span] = []
            for line in lines:
                span = _trim(line, pos)
                pos += len(line) + 1
                if span is None or is_furniture(span.text):
                    units.extend(_joined(para, run))
                    run = []
                elif each_line and not (run and _continues(run[-1].text, span.text)):
                    units.extend(_joined(para, run))
                    run = [span]
                else:
                    run.append(span)
            units.extend(_joined(para, run))
        return units

    return doc.memo("align-paragraph-units", build)


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on with ``previous`` (a paragraph broken across lines by
    accident: "… domestic fue" / "l, and accelerate …")."""
    return line[0].islower() and previous[-1] not in _CLOSING


def _joined(para: Span, lines: list[Span]) -> list[Span]:
    """The lines of a hard-wrapped paragraph as one unit."""
    if not lines:
        return []
    start, end = lines[0].start, lines[-1].end
    offset = para.start
    return [Span(start, end, para.text[start - offset : end - offset])]


def _unwrapped(lines: list[str]) -> bool:
    return any(len(line) > WRAP_WIDTH for line in lines)


def _trim(text: str, start: int) -> Span | None:
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    if not stripped:
        return None
    return Span(start + left, start + left + len(stripped), stripped)


def sentence_units(units: Sequence[Span]) -> tuple[list[Span], list[int]]:
    """The sentences of ``units``, and the index of the unit each belongs to."""
    out, groups = [], []
    for number, unit in enumerate(units):
        for start, end in split_sentences(unit.text):
            out.append(Span(unit.start + start, unit.start + end, unit.text[start:end]))
            groups.append(number)
    return out, groups


def word_anchors(text: str) -> frozenset[str]:
    """The longer words of ``text``, lower-cased: what two renderings of one paragraph
    share and other paragraphs mostly do not."""
    return frozenset(w.lower() for w in _LONG_WORD.findall(text))


def anchors(text: str) -> frozenset[str]:
    """Digit strings in ``text`` after NFKC (full-width digits become ASCII)."""
    if _ANY_DIGIT.search(text) is None:
        return frozenset()
    return frozenset(_DIGITS.findall(unicodedata.normalize("NFKC", text)))


# --- the dynamic programme ----------------------------------------------------------------


def gale_church(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    model: Model,
    *,
    source_anchors: Sequence[frozenset[str]] | None = None,
    target_anchors: Sequence[frozenset[str]] | None = None,
    corridor: Sequence[tuple[int, int]] | None = None,
    moves: Sequence[tuple[int, int]] = tuple(_PRIOR_COST),
    source_groups: Sequence[int] | None = None,
    target_groups: Sequence[int] | None = None,
) -> list[Link]:
    """The cheapest sequence of links between two lists of unit lengths.

    Links join 1-1, 1-0, 0-1, 2-1, 1-2 or 2-2 units (``moves``). ``corridor`` limits the
    target units considered for each count of source units to a range ``(lo, hi)`` (long
    documents); cells outside it are never reached. With ``source_groups`` and
    ``target_groups`` (a group number per unit: its paragraph), two units are joined in
    one link only if they belong to the same group.
    """
    n, m = len(source_lengths), len(target_lengths)
    s_cum = [0]
    for length in source_lengths:
        s_cum.append(s_cum[-1] + length)
    t_cum = [0]
    for length in target_lengths:
        t_cum.append(t_cum[-1] + length)
    anchored = source_anchors is not None and target_anchors is not None
    if anchored:
        # The anchors of each unit, and of each unit with the one before: what a link of
        # one or two units ending there holds.
        s_sets = _anchor_sets(source_anchors)  # type: ignore[arg-type]
        t_sets = _anchor_sets(target_anchors)  # type: ignore[arg-type]
        anchored = any(source_anchors) and any(target_anchors)  # type: ignore[arg-type]
    ratio, spread, inverse = model.ratio, model.spread, 1 / model.ratio
    costs = [(move, _PRIOR_COST[move]) for move in moves]
    inf = math.inf
    log, erfc, sqrt = math.log, math.erfc, math.sqrt
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        lo, hi = corridor[i] if corridor is not None else (0, m)
        row = cost[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, choice = inf, None
            for move, prior in costs:
                di, dj = move
                if di > i or dj > j:
                    continue
                before = cost[i - di][j - dj]
                if before == inf:
                    continue
                if not (di and dj):
                    # A unit left without partner: its length says nothing about it.
                    c = before + prior
                    if c < best:
                        best, choice = c, move
                    continue
                if di == 2 and source_groups and source_groups[i - 2] != source_groups[i - 1]:
                    continue
                if dj == 2 and target_groups and target_groups[j - 2] != target_groups[j - 1]:
                    continue
                ls = s_cum[i] - s_cum[i - di]
                lt = t_cum[j] - t_cum[j - dj]
                mean = ls + lt * inverse
                x = abs(lt - ratio * ls) / sqrt(spread * mean) if mean > 0 else 0.0
                # -log P(|Z| >= |z|), with the asymptote where erfc underflows
                if x < 20:
                    c = before + prior - log(max(erfc(x), 1e-300))
                else:
                    c = before + prior + x * x + log(x * _SQRT_PI)
                if anchored:
                    a, b = s_sets[di - 1][i - 1], t_sets[dj - 1][j - 1]
                    if a and b:
                        shared = len(a & b) / min(len(a), len(b))
                        c += ANCHOR_WEIGHT * (1 - 2 * shared)
                if c < best:
                    best, choice = c, move
            row[j] = best
            back[i][j] = choice
    links: list[Link] = []
    i, j = n, m
    while i or j:
        choice = back[i][j]
        if choice is None:  # an unreachable cell (a corridor too narrow): single steps
            choice = (1, 0) if i else (0, 1)
        di, dj = choice
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    links.reverse()
    return links


def diagonal_corridor(n: int, m: int, width: int) -> list[tuple[int, int]]:
    """For each source count, the target counts within ``width`` of the diagonal."""
    slope = m / n if n else 0.0
    return [
        (max(0, int(i * slope) - width), min(m, int(i * slope) + width + 1)) for i in range(n + 1)
    ]


def path_corridor(links: Sequence[Link], n: int, m: int, width: int) -> list[tuple[int, int]]:
    """For each source count, the target counts within ``width`` of an earlier path."""
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    i = j = 0
    points = [(0, 0)]
    for link in links:
        i += len(link.source)
        j += len(link.target)
        points.append((i, j))
    for pi, pj in points:
        for row in range(max(0, pi - width), min(n, pi + width) + 1):
            lo[row] = min(lo[row], max(0, pj - width))
            hi[row] = max(hi[row], min(m, pj + width))
    return [(lo[i], hi[i]) if lo[i] <= hi[i] else (0, m) for i in range(n + 1)]


def _anchor_sets(anchors: Sequence[frozenset[str]]) -> tuple[list, list]:
    """The anchors of unit ``i``, and of units ``i - 1`` and ``i`` together.

    Shared anchors pull a link together, disjoint ones push it apart; overlap counts
    against the smaller set, since one side often names less (a pronoun for a name). A
    side without anchors says nothing: its numbers may be words ("five thousand years").
    """
    ones = list(anchors)
    twos = [ones[0], *(ones[k - 1] | ones[k] for k in range(1, len(ones)))] if ones else []
    return ones, twos


# --- documents ----------------------------------------------------------------------------


def initial_model(
    source: Sequence[int], target: Sequence[int], prior: float | None = None
) -> Model:
    """The model of a first pass: the ``prior`` ratio if known (short texts say little
    about their ratio, and an omission skews it), else the ratio of the totals."""
    total_s, total_t = sum(source), sum(target)
    ratio = prior or (total_t / total_s if total_s and total_t else 1.0)
    # Gale & Church's 6.8 is for a ratio of 1; a spread in target characters grows with
    # the square of the ratio.
    return Model(ratio, 6.8 * ratio * ratio)


def learn_model(
    source: Sequence[int], target: Sequence[int], links: Sequence[Link], fallback: Model
) -> Model:
    """Ratio and spread re-estimated from the 1-1 links of a first alignment."""
    pairs = [
        (source[link.source[0]], target[link.target[0]])
        for link in links
        if len(link.source) == 1 and len(link.target) == 1
    ]
    pairs = [(s, t) for s, t in pairs if s > 0 and t > 0]
    if len(pairs) < 5:
        return fallback
    ratio = sum(t for _, t in pairs) / sum(s for s, _ in pairs)
    squares = [(t - ratio * s) ** 2 / ((s + t / ratio) / 2) for s, t in pairs]
    spread = _median(squares) / _CHI2_MEDIAN
    # Keep the spread within a sane range: a few perfect links must not make every
    # other link look wild, nor a noisy pair make nothing stand out.
    # Gale & Church's 6.8 is the least: near-identical texts (two renderings) would
    # otherwise make any edited paragraph look like an omission.
    low, high = max(ratio * ratio, 6.8), 40.0 * ratio * ratio
    return Model(ratio, min(max(spread, low), high))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def align_units(
    source: Sequence[Span],
    target: Sequence[Span],
    model: Model | None = None,
    *,
    use_anchors: bool = True,
    anchor: tuple[AnchorFunction, AnchorFunction] | None = None,
    prior: float | None = None,
    moves: Sequence[tuple[int, int]] = tuple(_PRIOR_COST),
    source_groups: Sequence[int] | None = None,
    target_groups: Sequence[int] | None = None,
) -> tuple[list[Link], Model]:
    """Align two lists of units; learn the length model from them unless given one
    (starting from the ``prior`` ratio if known)."""
    s_len = [measure(u.text) for u in source]
    t_len = [measure(u.text) for u in target]
    source_key, target_key = anchor or (anchors, anchors)
    s_anchor = [source_key(u.text) for u in source] if use_anchors else None
    t_anchor = [target_key(u.text) for u in target] if use_anchors else None
    n, m = len(source), len(target)
    wide = diagonal_corridor(n, m, max(CORRIDOR, abs(n - m) + CORRIDOR // 2))
    learned = model is None
    if model is None:
        model = initial_model(s_len, t_len, prior)
    options = {
        "source_anchors": s_anchor,
        "target_anchors": t_anchor,
        "moves": moves,
        "source_groups": source_groups,
        "target_groups": target_groups,
    }
    links = gale_church(s_len, t_len, model, corridor=wide, **options)
    if learned:
        better = learn_model(s_len, t_len, links, model)
        if better != model:
            model = better
            corridor = path_corridor(links, n, m, REFINE_WIDTH)
            links = gale_church(s_len, t_len, model, corridor=corridor, **options)
    return links, model


def align_sentences(
    source: Sequence[Span],
    target: Sequence[Span],
    model: Model,
    anchor: tuple[AnchorFunction, AnchorFunction] | None = None,
) -> list[SentenceLink]:
    """Sentences of aligned paragraphs, aligned with the paragraphs' length model."""
    s_units, s_groups = sentence_units(source)
    t_units, t_groups = sentence_units(target)
    if not s_units or not t_units or (len(s_units) == 1 and len(t_units) == 1):
        return [SentenceLink(tuple(s_units), tuple(t_units))]
    # A sentence of the rendering rarely spans two paragraphs of its source, nor the
    # other way round.
    links, _ = align_units(
        s_units, t_units, model, anchor=anchor, source_groups=s_groups, target_groups=t_groups
    )
    return [
        SentenceLink(tuple(s_units[i] for i in link.source), tuple(t_units[j] for j in link.target))
        for link in links
    ]


def align_documents(
    source: Document,
    target: Document,
    *,
    mode: str = "translation",
    links: Sequence[tuple[Sequence[Span], Sequence[Span]]] | None = None,
    prior: float | None = None,
    anchor: tuple[AnchorFunction, AnchorFunction] | None = None,
) -> Alignment:
    """Align ``source`` with ``target``: paragraphs, then sentences inside each link.

    ``links`` gives the paragraph links ready-made (a bilingual file pairs its rows); the
    length model is then learned from them. ``prior`` is the expected ratio of target to
    source characters, used until the pair itself has enough links to learn it.
    ``anchor`` gives a function per side that maps a unit's text to keys both sides share
    (numbers, names); by default, the digits.
    """
    if links is None:
        s_units = paragraph_units(source)
        t_units = paragraph_units(target)
        raw, model = align_units(
            s_units, t_units, prior=prior, moves=PARAGRAPH_MOVES, anchor=anchor
        )
        groups = [
            (tuple(s_units[i] for i in link.source), tuple(t_units[j] for j in link.target))
            for link in raw
        ]
    else:
        groups = [(tuple(s), tuple(t)) for s, t in links]
        s_len = [sum(measure(u.text) for u in s) for s, _ in groups]
        t_len = [sum(measure(u.text) for u in t) for _, t in groups]
        model = learn_model(
            s_len,
            t_len,
            [Link((i,), (i,)) for i in range(len(groups))],
            initial_model(s_len, t_len, prior),
        )
    out = []
    for s_group, t_group in groups:
        link = ParagraphLink(s_group, t_group)
        if s_group and t_group:
            link.sentences = align_sentences(s_group, t_group, model, anchor)
            link.deviation = model.deviation(
                sum(measure(u.text) for u in s_group), sum(measure(u.text) for u in t_group)
            )
        out.append(link)
    return Alignment(source, target, mode, model.ratio, model.spread, out)


# Letters of the common scripts, by Unicode block, most frequent here first; other
# letters are named by unicodedata.
_SCRIPT_CLASSES = {
    "LATIN": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "HANGUL": "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f",
    "CJK": "\u4e00-\u9fff\u3400-\u4dbf",
    "CYRILLIC": "\u0400-\u04ff",
    "ARABIC": "\u0600-\u06ff",
}
_SCRIPT_SAMPLE = 4_000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _script_pattern(name: str) -> re.Pattern[str]:
    # Compiled on first use: big classes take milliseconds that `check` need not pay.
    return re.compile(f"[{_SCRIPT_CLASSES[name]}]")


def dominant_script(text: str) -> str:
    """The Unicode script most letters of ``text`` belong to ("LATIN", "HANGUL", …)."""
    sample = text[:_SCRIPT_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return "UNKNOWN"
    counts: dict[str, int] = {}
    for name in _SCRIPT_CLASSES:
        counts[name] = len(_script_pattern(name).findall(sample))
        if counts[name] * 2 > letters:
            return name
    for ch in sample:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=counts.__getitem__)


def document_script(doc: Document) -> str:
    return doc.memo("align-script", lambda: dominant_script(doc.prose))


def guess_mode(source: Document, target: Document) -> str:
    """``"renderings"`` when both texts are written mostly in one script, else
    ``"translation"``."""
    if document_script(source) == document_script(target):
        return "renderings"
    return "translation"


def prior_ratio(source: Document, target: Document, ratios: dict) -> float | None:
    """The expected length ratio of the pair's scripts: 1 for one script, else from
    ``ratios`` (``{(source script, target script): ratio}``, which the rules supply)."""
    pair = (document_script(source), document_script(target))
    if pair[0] == pair[1]:
        return 1.0
    return ratios.get(pair)
