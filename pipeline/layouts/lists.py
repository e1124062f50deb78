"""Dated lists: list items of any marker, most of which carry a date near their start.

"- July 3, 2016: 323 people are killed ...", "• 9 June 2016: At least 30 people ...",
"_June 18: Insurgents ...", "* January 6, 2015 – Sultanahmet, Istanbul: ...", "— November 6,
2007: ...", "-- Orlando, June 12, 2016: ...", "• On January 27, al-Shabaab fighters ...",
"- December 2011 Damascus bombings - On 23 December 2011, ...", "10. Attack on Beirut barracks /
Dead : 307 / ... / Date : October 23, 1983".

Every item between the first and the last dated item of the document is an entry, dated or not
(a list's undated item is still one of its entries, as in the Mali report). Paragraphs between
two entries continue the entry before them ("The gunman, identified by US media as ..."). The
header is the date the item opens with, or a date near its start that a place comes before and a
separator follows ("Orlando, June 12, 2016:"). The layout fits by the share of items that are
dated.
"""

from __future__ import annotations

import re

from pipeline.layouts.base import Entry, Proposal, Section, make_entry
from pipeline.layouts.lines import LineInfo, run_in_starts
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import DATE_SEARCH, search_date_header

NAME = "dated_list"
# How far into an item a date may stand and still date it: a numbered item's title and its
# "Dead : / Injured : / Location : / Date :" lines come first (the longest in the corpus, 120
# characters), a wiki item's article title ("March 2012 Damascus bombings").
DATED_WITHIN = 300
# Lower-case words that make a trailing undated item read as an entry's text.
READS_AS_TEXT = 3


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list[LineInfo]) -> Proposal:
    """The entries of the document's dated lists.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.lines import line_infos
    >>> src = source_from_text("Attacks\\n\\n• 9 June 2016: Blast kills 30.\\n• 17 May 2016: Bombs kill 69.\\n"
    ...                        "• Car bombs kill 93.\\n", Path("x.txt"), "0")
    >>> p = find_entries(src, find_sections(src), Settings(), line_infos(src))
    >>> [(e.header.text if e.header else None, e.text) for e in p.entries], p.fit
    ([('9 June 2016', '9 June 2016: Blast kills 30.'), ('17 May 2016', '17 May 2016: Bombs kill 69.')], 0.6666666666666666)
    """
    text = source.text
    blocks = list(source.blocks)
    items = [k for k, b in enumerate(blocks) if b.kind == "list_item"]
    if not items:
        return Proposal(NAME, [], 0.0)
    # An item holding several run-in entries ("September 26: ... September 27: ...") is the
    # date-led finder's.
    items = [k for k in items if len(run_in_starts(text, blocks[k].start, blocks[k].end)) < 2]
    if not items:
        return Proposal(NAME, [], 0.0)
    dated = {k for k in items if _dated(source, blocks[k], lines)}
    fit = len(dated) / len(items)
    if len(dated) < 2:
        return Proposal(NAME, [], fit)
    first, last = min(dated), max(dated)
    entries: list[Entry] = []
    chosen = [k for k in items if first <= k <= last]
    # Items after the last dated one go on the list when they carry its marker and read as text
    # (a chronology cut short: "French and Nigerien forces conducted a"), and every numbered item
    # does (a countdown's "#8: San Bernardino killings:", "#7: Mali hotel"); menus and related
    # links do not.
    marker = _marker(text, blocks[last], lines)
    for k in items:
        if k > last and _marker(text, blocks[k], lines) == marker and (
                "N" in marker or _reads_as_text(text, blocks[k])):
            chosen.append(k)
    for i, k in enumerate(chosen):
        block = blocks[k]
        end = block.end
        if i + 1 < len(chosen):
            # Paragraphs between this item and the next continue this one; a heading ends it.
            for j in range(k + 1, chosen[i + 1]):
                if blocks[j].kind == "heading":
                    break
                end = blocks[j].end
        head = lines[block.first]
        date = search_date_header(text[head.marker_end : head.end])
        if date is not None:
            shift = head.marker_end
            date = type(date)(date.date_start + shift, date.date_end + shift,
                              date.body_start + shift, date.bold, date.separator)
        entries.append(make_entry(source, sections, settings, NAME, block.start, end,
                                  head.marker_end, date))
    return Proposal(NAME, entries, fit, [(e.start, e.end) for e in entries])


def _marker(text: str, block, lines: list[LineInfo]) -> str:
    """The kind of a list item's marker: "#N:", "N.", or the marker's own characters."""
    head = lines[block.first]
    marker = text[head.start : head.marker_end].strip()
    return re.sub(r"\d+", "N", marker)


def _reads_as_text(text: str, block) -> bool:
    """An item with a few lower-case words is an entry's text, not a link's title."""
    return len(re.findall(r"\b[a-z]{2,}\b", text[block.start : block.end])) >= READS_AS_TEXT


def _dated(source: SourceText, block, lines: list[LineInfo]) -> bool:
    """Whether a list item carries a date near its start."""
    start = lines[block.first].marker_end
    return DATE_SEARCH.search(source.text, start, min(block.end, start + DATED_WITHIN)) is not None
