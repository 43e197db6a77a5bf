from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule
from linter.charclass import ByteClasses

# Possessive quantifiers: a word, or a run of blanks, is never given back and retried
# shorter (it could not match shorter anyway), which makes the scan twice as fast.
_REPEAT = re.compile(r"\b([^\W\d_]++)([ \t]++|[ \t]*+\r?\n[ \t]*+)(\1)\b", re.IGNORECASE)

# _REPEAT tries a match at every word, which is slow, so a quicker pass first finds the
# few places where it can match. That pass reads a folded copy of the prose, one byte per
# character (see `_fold`), in which two words equal but for case are two equal tokens: a
# repeat is "a space, a token, spaces, the same token", and a pattern that opens with a
# literal space and otherwise asks only "space or not" is many times faster than _REPEAT.
_PAIR = re.compile(rb" ([^ ]++) ++\1(?![^ ])")


def _fold(char: str) -> str:
    """A character of the folded copy: a word character as its small ASCII letter, digit or
    "_" ("_" if it has none), anything else as a space."""
    if not (char.isalnum() or char == "_"):  # what the regex engine calls a word character
        return " "
    # The regex engine matches letters whatever their case when their (simple) small
    # letters are the same. Outside ASCII, two characters have an ASCII one: "İ" has "i"
    # (its full lowercase is "i" and a combining dot) and the Kelvin sign has "k".
    small = char.lower()[0]
    return small if small.isascii() else "_"


_FOLDED = ByteClasses("repeated-word", _fold)


class RepeatedWord(Rule):
    """
    ## What it does
    Finds a word written twice in a row ("the the"), also when the two copies stand on
    either side of a line break. Words in different paragraphs are never paired.

    ## Why
    A doubled word is the most common slip of editing and copying; spell checkers miss it
    because each word is spelt right.

    ## Example
    ```text
    The delegation visited the the Mangyongdae Schoolchildren's Palace.
    ```

    ## Use instead
    ```text
    The delegation visited the Mangyongdae Schoolchildren's Palace.
    ```

    ## Fix safety
    Safe: the fix deletes the second copy and the space before it; the meaning cannot
    change because both copies are the same word.

    ## Options
    `allow`: words that English legitimately doubles ("had had", "that that").
    """

    name = "repeated-word"
    family = "typography"
    summary = "A word written twice in a row."
    fixable = True
    options = {
        "allow": Option(list, ["had", "that"], "words that may stand twice in a row"),
    }

    def __init__(self, options=None, context=None) -> None:
        super().__init__(options, context)
        self._allow = {w.lower() for w in self.opts["allow"]}

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prose = doc.prose
        # A space in front stands for the start of the text, so a `_PAIR` match at offset
        # i of the folded copy is where a `_REPEAT` match at offset i of the prose would
        # start; `_REPEAT` then decides. Skipping what starts before the end of the last
        # match, as finditer does, gives finditer's matches.
        folded = b" " + _FOLDED(prose)
        end = 0
        pair = _PAIR.search(folded)
        while pair is not None:
            start = pair.start()
            pair = _PAIR.search(folded, start + 1)
            match = _REPEAT.match(prose, start) if start >= end else None
            if match is None:
                continue
            end = match.end()
            word, again = match.group(1), match.group(3)
            # "The the" is a slip; "to To Lam" is a preposition before a name.
            if word != again and not (again.islower() and word == again.capitalize()):
                continue
            if word.lower() in self._allow:
                continue
            yield Diagnostic(
                match.start(1),
                end,
                f"repeated word {word!r}",
                fix=Fix.replace(match.start(2), end, ""),
            )
