"""Prose: the paragraphs no list layout claimed, and the dated events told in them.

A narrative event is what prose tells happened on a stated day, week or month ("On June 4, 2020,
French troops launched an operation in Talhandak ...", "Assailants 14 Jan killed ...", "Six people
were killed Monday in Lamu", "A few days later, fighters attacked a military base"), with an
actor, a place or a casualty figure. Its text is the sentence that dates it and the sentences
after it that go on telling the same incident (its toll, its claim, what the attackers did), up
to the next dated incident, a background sentence or the end of the paragraph.

Background dates are not events: "Since 2020", "As of September 2018", "Beginning in October
2011", "which was launched on August 1, 2014", "since the Charlie Hebdo shootings in January 2015",
a statistic for a period ("carried out over 10,000 airstrikes between October and March"), the
start of a war ("the civil war ... is considered to have begun in July of 1983"). Nor is the day
a source spoke ("..., officials said on 25 August"). A sentence giving only "On March 24" takes its
year from the paragraph's sentence before it (``pipeline.fields.dates.find_date_mentions``
carries it over).

A news article opens with its incident, often without a date: "An attack in Manchester has left
22 people dead and 59 injured after ..." is an event of the article's day when nothing dated was
told before it.

The layout is in four modules: this one cuts the paragraphs (headlines, bylines and table rows
left out) and is the entry point; ``pipeline.layouts.prose_events`` finds the events of the
paragraphs and the sentences that go on telling them; ``pipeline.layouts.prose_sentences``
says which dates of a sentence date an act and which are background;
``pipeline.layouts.prose_dates`` reads the dates the date finder does not (holidays, "four
months later", "That January").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.layouts.base import Entry, Section, YearContext, section_for
from pipeline.layouts.lines import line_infos
from pipeline.layouts.prose_events import find_events
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import body_span, clean

__all__ = ["NAME", "find_events", "find_paragraphs"]


NAME = "prose"

# --- paragraphs ----------------------------------------------------------------------------------

# A line ends a sentence when it ends with . ! ? : ; and closing quotes or brackets, reference
# marks allowed after it ("... were slain in Samorogouan.[14][15]").
_LINE_END = re.compile(r"""[.!?:;]["”’')\]]*(?:\s*\[\d+\])*\s*$""")
# A row of a table turned to text: "---|---|---", "Belligerents | |||||||||".
_TABLE_ROW = re.compile(r"\|\s*\||^[\s\-|:]*-{3}")
# A title line that is the article's opening sentences, not its headline: "Six people were killed
# Monday in Lamu, a region in eastern Kenya bordering Somalia. A local official said that ...".
_LEAD_TITLE_WORDS = 15
# A line that ends no sentence is wrapped when it and the next line's first word would take more
# than this share of its block's longest line.
_FIT_SHARE = 0.9
_WIDTH_RANK = 0.8


def _is_heading_line(line: str, following: str | None, width: int, typeset: bool) -> bool:
    """A line of a prose block that is no sentence: a headline, a byline, a label, a table row
    ("Kenya: Al-Shabaab kills nine people in Lamu county July 8", "Le Monde with AFP", "Event").

    A line that ends no sentence is one only when another line follows it at once
    (``following``; before a page break, it is a sentence the break cut: "... Money Laundering
    in"), and when the next line's first word would have fitted on it: a typeset page wraps its
    sentences where the next word no longer fits the width of the column ("... the three
    neighboring" / "countries under the purview ..."), and a PDF's lines always are wrapped."""
    if _TABLE_ROW.search(line):
        return True
    if following is None or _LINE_END.search(line) or typeset:
        return False
    word = following.split()[0] if following.split() else ""
    return len(line) + 1 + len(word) <= _FIT_SHARE * width


class _Claimed:
    """The ranges the list layouts claimed, asked whether they overlap a line in logarithmic
    time (a report holds hundreds of entries and thousands of lines)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.ends: list[int] = []  # the furthest end of the ranges up to each one
        for _, e in ordered:
            self.ends.append(max(e, self.ends[-1]) if self.ends else e)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.ends[k - 1] > start


def _pieces(source: SourceText, first: int, last: int, claimed: _Claimed) -> list[tuple[int, int]]:
    """The prose runs of the lines ``first``..``last`` of one block: its lines outside the claimed
    ranges (a block that holds a list keeps the prose before and after it), cut at the lines that
    are no sentence."""
    runs: list[tuple[int, int]] = []
    run: list[int] | None = None
    lines = source.lines
    # The lines as shown (markup left out), and the width of the block: the length most of its
    # lines reach (one line holding a long address does not widen a wrapped paragraph).
    shown = {k: clean(source.text, lines[k].start, lines[k].end).text
             for k in range(first, last + 1) if lines[k].kind == "text"}
    lengths = sorted(len(t) for t in shown.values())
    width = lengths[min(len(lengths) - 1, int(len(lengths) * _WIDTH_RANK))] if lengths else 0
    typeset = source.format == "pdf"
    for k in range(first, last + 1):
        line = lines[k]
        if line.kind != "text":  # page headers and blank lines a page break left inside
            continue
        text = source.text[line.start : line.end]
        following = shown[k + 1] if k + 1 <= last and lines[k + 1].kind == "text" else None
        heading = _is_heading_line(shown[k], following, width, typeset)
        if heading or claimed.overlaps(line.start, line.end):
            if run is not None:
                runs.append((run[0], run[1]))
            run = None
            continue
        start = line.start + (len(text) - len(text.lstrip()))
        if run is None:
            run = [start, line.end]
        else:
            run[1] = line.end
    if run is not None:
        runs.append((run[0], run[1]))
    return runs


def _lead_title(source: SourceText, claimed: _Claimed) -> tuple[int, int] | None:
    """The title line when it is the article's opening sentences (a stored copy whose headline
    was lost): long and ending a sentence."""
    for line in source.lines:
        if line.kind != "title":
            continue
        text = source.text[line.start : line.end]
        if (len(text.split()) >= _LEAD_TITLE_WORDS and _LINE_END.search(text)
                and not claimed.overlaps(line.start, line.end)):
            return line.start + (len(text) - len(text.lstrip())), line.end
        return None
    return None


def find_paragraphs(source: SourceText, sections: list[Section], settings: Settings,
                    claimed: list[tuple[int, int]]) -> list[Entry]:
    """The paragraphs outside the claimed ranges, as narrative entries in text order.

    A paragraph is a block of text lines, without the lines that are no sentence (headlines,
    bylines, labels, table rows: they cut it in two) and without the parts a list claimed. A
    paragraph the page repeats word for word in the same section (a standfirst shown twice) is
    read once.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nOn May 2, 2017, gunmen attacked Gao.", Path("x.txt"), "0")
    >>> [p.text for p in find_paragraphs(src, find_sections(src), Settings(), [])]
    ['On May 2, 2017, gunmen attacked Gao.']
    """
    spans: list[tuple[int, int]] = []
    taken = _Claimed(claimed)
    lead = _lead_title(source, taken)
    if lead is not None:
        spans.append(lead)
    for block in source.blocks:
        if block.kind != "paragraph":
            continue
        spans.extend(_pieces(source, block.first, block.last, taken))
    paragraphs: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    months = _month_headings(source)
    for s, e in sorted(spans):
        # The title line is the page header of a PDF's page breaks: kept when it is the lead.
        header = None if (s, e) == lead else source.page_header
        cleaned = clean(source.text, s, e, page_header=header)
        section = section_for(s, "narrative", sections, settings)
        if not cleaned.text or (section, cleaned.text) in seen:
            continue
        seen.add((section, cleaned.text))
        start, end = body_span(cleaned.text, "")
        above = [year for pos, year in months if pos < s]
        year = YearContext(above[-1], "month_heading") if above and above[-1] else None
        paragraphs.append(Entry(
            "narrative", len(paragraphs) + 1, section, s, e, cleaned, None, NAME, start, end,
            year=year,
        ))
    return paragraphs


def _month_headings(source: SourceText) -> list[tuple[int, int | None]]:
    """(offset, year) of the month headings ("January 2023") a monthly update tells its prose
    under, and (offset, None) of the year headings, which ``pipeline.layouts.years`` reads."""
    out: list[tuple[int, int | None]] = []
    for info in line_infos(source):
        if info.year is not None:
            out.append((info.start, None))
        elif info.month is not None:
            out.append((info.start, info.month[0]))
    return out
