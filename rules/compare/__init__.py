"""Comparison rules: a rendering against its source article, or two renderings against
each other. The engine aligns the pair (:mod:`linter.align`); these rules read the
alignment, and know Korean (:mod:`rules.compare.korean`) and English
(:mod:`rules.compare.english`) number forms, Hangul, and the pack's Hangul glossary.

The rule modules import their helpers when they first run, so that a `check` that
compares nothing does not pay for loading them.
"""

from __future__ import annotations

from typing import Any

# Characters (not counting spaces) of an English rendering per character of its Korean
# source: 2.86 in the 2012 joint editorial. The aligner starts from it and learns a
# pair's own ratio once the pair is long enough.
LENGTH_RATIOS = {("HANGUL", "LATIN"): 2.8}


def alignment_anchors(context: Any, doc: Any) -> Any:
    """The aligner's anchor function for ``doc``: numbers and pack names (see
    :mod:`rules.compare.anchors`)."""
    from rules.compare.anchors import alignment_anchors as anchors

    return anchors(context, doc)
