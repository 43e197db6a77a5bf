from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter import Diagnostic, Document, Option
from linter.rule import PairRule

if TYPE_CHECKING:
    from linter.align import Alignment


class CompareLength(PairRule):
    """
    ## What it does
    Reports aligned paragraphs whose lengths are far outside the pair's own ratio. The
    ratio of rendering characters to source characters is learned from the document
    itself (about 2.9 for this Korean–English pair, about 1 for two English renderings),
    and so is how much paragraphs vary around it; a paragraph pair more than
    `max-deviation` standard deviations off, and at least `min-factor` times longer or
    shorter than the ratio predicts, is reported on the rendering's paragraph.

    ## Why
    A rendering much shorter than its source paragraph has usually lost a clause or a
    sentence that the sentence alignment could not pin down; one much longer has
    gained text. Both are worth a reviewer's look.

    ## Example
    ```text
    ２０１２년에 경공업부문에서는 현대적인 생산기지들이 커다란 은을 내게 하며 인민의
    기호에 맞고 인민의 인정을 받는 질좋은 경공업제품들이 더 많이 쏟아져나오게
    하여야 한다. 원료와 자재를 우리 나라의 자원과 원료원천으로 해결하며 지방공업을
    발전시키기 위한 투쟁을 줄기차게 밀고나가야 한다.

    ２０１１년은 승리의 해였다.

    인민군대는 ８０년동안 조국을 굳건히 지켜왔다.

    당조직들은 민심을 틀어쥐고 군중과의 사업에서 새로운 전환을 일으켜야 한다.
    |||
    In 2012 the light industry must make its modern bases pay off and produce more.

    2011 was a year of victory.

    The People's Army has firmly defended the country for 80 years.

    Party organizations should win the hearts of the people and effect a fresh turn in
    the work with the masses.
    ```

    ## Use instead
    ```text
    ２０１２년에 경공업부문에서는 현대적인 생산기지들이 커다란 은을 내게 하며 인민의
    기호에 맞고 인민의 인정을 받는 질좋은 경공업제품들이 더 많이 쏟아져나오게
    하여야 한다. 원료와 자재를 우리 나라의 자원과 원료원천으로 해결하며 지방공업을
    발전시키기 위한 투쟁을 줄기차게 밀고나가야 한다.

    ２０１１년은 승리의 해였다.

    인민군대는 ８０년동안 조국을 굳건히 지켜왔다.

    당조직들은 민심을 틀어쥐고 군중과의 사업에서 새로운 전환을 일으켜야 한다.
    |||
    In 2012 the sector of light industry should make the modern production bases pay
    off, and produce in larger amounts quality goods which cater to people's tastes and
    are welcomed by them. It should solve the problem of raw and other materials by
    relying on domestic resources, and continue the drive to develop the local industry.

    2011 was a year of victory.

    The People's Army has firmly defended the country for 80 years.

    Party organizations should win the hearts of the people and effect a fresh turn in
    the work with the masses.
    ```

    ## Fix safety
    No fix is offered.

    ## Options
    `max-deviation`: how many standard deviations off a pair must be (default 3.5).
    `min-factor`: how many times longer or shorter than predicted it must be (default 1.5).
    """

    name = "compare-length"
    family = "compare"
    summary = "Aligned paragraphs whose lengths are far outside the pair's own ratio."
    modes = ("translation", "renderings")
    options = {
        "max-deviation": Option(float, 3.5, "standard deviations off the learned ratio"),
        "min-factor": Option(float, 1.5, "times longer or shorter than the ratio predicts"),
    }

    def check(
        self, source: Document, target: Document, alignment: Alignment
    ) -> Iterator[Diagnostic]:
        from linter.align import measure
        from rules.compare.common import cover, line_of, related

        limit = self.opts["max-deviation"]
        factor = self.opts["min-factor"]
        for link in alignment.paired():
            if abs(link.deviation) < limit:
                continue
            source_len = sum(measure(s.text) for s in link.source)
            target_len = sum(measure(s.text) for s in link.target)
            expected = alignment.ratio * source_len
            if not expected or not target_len:
                continue
            times = target_len / expected
            if 1 / factor < times < factor:
                continue
            how = f"{1 / times:.1f} times shorter" if times < 1 else f"{times:.1f} times longer"
            start, end = cover(link.target)
            yield Diagnostic(
                start,
                end,
                f"this paragraph is {how} than its source (line "
                f"{line_of(source, link.source[0].start)}) at this pair's ratio of "
                f"{alignment.ratio:.2f}: text left out or added?",
                related=related(source, link.source, "the aligned source paragraph"),
            )
