"""Paragraphs that open with a dated clause, one after another: "On 28 April 2019, a pastor ...",
"On 12 May 2019, at least 20 attackers ...", "On the evening of Friday, 11 October 2019 ...".

A run of at least ``MIN_RUN`` such paragraphs, with no heading between, is a timeline: each of
its paragraphs is an entry, and so is an undated paragraph inside the run ("A mass shooting in
Pobé Mengao killed 16 civilians."), as an undated item of a list is. Paragraphs opening with a
dated clause one at a time, among others, are prose: their events are the narrative pass's.
"""

from __future__ import annotations

from pipeline.layouts.base import Entry, Proposal, Section, make_entry
from pipeline.layouts.lines import LineInfo
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import DATED_CLAUSE

NAME = "dated_paragraphs"
MIN_RUN = 3


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list[LineInfo]) -> Proposal:
    """The entries of the document's runs of dated paragraphs.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.lines import line_infos
    >>> src = source_from_text("T\\n\\nOn 1 May 2019, A.\\n\\nB happened.\\n\\nOn 3 May 2019, C.\\n\\n"
    ...                        "On 4 May 2019, D.\\n", Path("x.txt"), "0")
    >>> [e.text for e in find_entries(src, find_sections(src), Settings(), line_infos(src)).entries]
    ['On 1 May 2019, A.', 'B happened.', 'On 3 May 2019, C.', 'On 4 May 2019, D.']
    """
    text = source.text
    entries: list[Entry] = []
    run: list = []  # paragraph blocks of the current run, dated or not
    dated = 0

    def close() -> None:
        nonlocal run, dated
        while run and not DATED_CLAUSE.match(text, lines[run[-1].first].marker_end):
            run.pop()
        if dated >= MIN_RUN:
            entries.extend(make_entry(source, sections, settings, NAME, b.start, b.end, b.start,
                                      None) for b in run)
        run, dated = [], 0

    for block in source.blocks:
        if block.kind != "paragraph":
            close()
            continue
        if DATED_CLAUSE.match(text, block.start):
            run.append(block)
            dated += 1
        elif run:
            run.append(block)
    close()
    return Proposal(NAME, entries, 1.0 if entries else 0.0, [(e.start, e.end) for e in entries])
