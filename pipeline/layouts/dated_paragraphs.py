"""Paragraphs that open with a dated clause, one after another: "On 28 April 2019, a pastor ...",
"On 12 May 2019, at least 20 attackers ...", "On the evening of Friday, 11 October 2019 ...".

A run of at least ``MIN_RUN`` such paragraphs, with no heading between, is a timeline: each of
its paragraphs is an entry, and so is an undated paragraph inside the run ("A mass shooting in
Pobé Mengao killed 16 civilians."), as an undated item of a list is. Web pages often keep one
paragraph per line with no blank line between: inside a block, every line that opens with a dated
clause starts a paragraph of its own, and so does every line after one.
"""

from __future__ import annotations

from pipeline.layouts.base import Entry, Proposal, Section, make_entry
from pipeline.layouts.lines import LineInfo
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import DATED_CLAUSE

NAME = "dated_paragraphs"
MIN_RUN = 3


def _paragraphs(source: SourceText, lines: list[LineInfo]) -> list[tuple[int, int, bool] | None]:
    """(start, end, dated) of every paragraph, None for what breaks a run (a heading, a list)."""
    text = source.text
    out: list[tuple[int, int, bool] | None] = []
    for block in source.blocks:
        if block.kind != "paragraph":
            out.append(None)
            continue
        block_lines = [lines[k] for k in range(block.first, block.last + 1) if not lines[k].blank]
        opens = [DATED_CLAUSE.match(text, info.marker_end) is not None for info in block_lines]
        if sum(opens) < 2:
            out.append((block.start, block.end, bool(opens and opens[0])))
            continue
        for info, dated in zip(block_lines, opens):
            out.append((info.marker_end, info.end, dated))
    return out


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list[LineInfo]) -> Proposal:
    """The entries of the document's runs of dated paragraphs.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.lines import line_infos
    >>> src = source_from_text("T\\n\\nOn 1 May 2019, A.\\nB happened.\\nOn 3 May 2019, C.\\n"
    ...                        "On 4 May 2019, D.\\n", Path("x.txt"), "0")
    >>> [e.text for e in find_entries(src, find_sections(src), Settings(), line_infos(src)).entries]
    ['On 1 May 2019, A.', 'B happened.', 'On 3 May 2019, C.', 'On 4 May 2019, D.']
    """
    entries: list[Entry] = []
    run: list[tuple[int, int, bool]] = []

    def close() -> None:
        nonlocal run
        while run and not run[-1][2]:
            run.pop()
        if sum(dated for _, _, dated in run) >= MIN_RUN:
            entries.extend(make_entry(source, sections, settings, NAME, s, e, s, None)
                           for s, e, _ in run)
        run = []

    for para in _paragraphs(source, lines):
        if para is None:
            close()
        elif para[2] or run:
            run.append(para)
    close()
    return Proposal(NAME, entries, 1.0 if entries else 0.0, [(e.start, e.end) for e in entries])
