from __future__ import annotations

from collections.abc import Iterator

from linter import Diagnostic, Document, Option, Rule, Severity
from linter.sentence_words import counted_sentences


class SentenceLength(Rule):
    """
    ## What it does
    Reports every sentence of more than 45 words (the limit is an option). Sentences are
    those of renderlint's segmenter, the same that `renderlint readability` counts:
    "Oct. 10", "U.S." and initials do not end a sentence. Words are runs of letters and
    digits; "Jong-un" and "U.S." count as one word each. Headings are not sentences.
    Off by default (news prose runs long); turn it on with
    `extend-select = ["sentence-length"]`.

    ## Why
    A reader holds about one clause at a time. Past forty-odd words the subject and its
    verb drift apart, and the reader has to start the sentence again. Long sentences also
    weigh most in every readability formula.

    ## Example
    ```text
    Kim Jong Un, general secretary of the Workers' Party of Korea, made an important
    speech at a lecture to commemorate the 76th founding anniversary of the Party on
    Oct. 10, in which he said that ideological work is the core item of the Party work
    that requires maximum attention and efforts all the time.
    ```

    ## Use instead
    ```text
    Kim Jong Un, general secretary of the Workers' Party of Korea, made an important
    speech on Oct. 10. The lecture commemorated the 76th founding anniversary of the
    Party. He said that ideological work is the core item of the Party work, and that it
    requires maximum attention and efforts all the time.
    ```

    ## Fix safety
    No fix: where to split a sentence, and how to join the parts, is an editor's choice.

    ## Options
    `max-words`: the most words a sentence may have (default 45). In `renderlint.toml`
    (in `pyproject.toml`, under `[tool.renderlint.sentence-length]`):

    ```toml
    [sentence-length]
    max-words = 45
    ```
    """

    name = "sentence-length"
    family = "reading"
    summary = "A sentence longer than the word limit (45 by default)."
    severity = Severity.INFO
    # News prose runs long (a fifth of KCNA's sentences pass 45 words): opt-in.
    default_enabled = False
    options = {
        "max-words": Option(int, 45, "the most words a sentence may have"),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        limit = self.opts["max-words"]
        for sentence, words in counted_sentences(doc):
            if len(words) > limit:
                yield Diagnostic(
                    sentence.start,
                    sentence.end,
                    f"sentence of {len(words)} words (more than {limit})",
                )
