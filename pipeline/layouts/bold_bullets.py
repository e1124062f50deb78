"""Bold-date bullets: "- **February 7, 2025:** Armed assailants ambush ... Sources: [Reuters](#)".

The layout of the Counter Extremism Project's country reports turned to text: every list item is
an entry, its date in bold before a colon. Items without a header (six in the Mali report) or
with the empty header "**- :**" are entries too: they stand in the same list. The layout fits a
document by the share of its list items that open with a bold date.
"""

from __future__ import annotations

from pipeline.layouts.base import Entry, Header, Proposal, Section, section_for
from pipeline.readers.base import SourceText
from pipeline.readers.plain import BULLET
from pipeline.settings import Settings
from pipeline.text import body_span, clean, match_bold_header

NAME = "bold_date_bullets"


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list | None = None) -> Proposal:
    """Every list item as an entry, when enough of them open with a bold date.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import read_plain
    >>> from pipeline.layouts.base import find_sections
    >>> src = read_plain(Path("raw/mali.txt"))
    >>> p = find_entries(src, find_sections(src), Settings())
    >>> len(p.entries), p.entries[0].header.text, round(p.fit, 2)
    (193, 'February 7, 2025', 0.96)
    """
    text = source.text
    items = [b for b in source.blocks if b.kind == "list_item"]
    entries: list[Entry] = []
    dated = 0
    for block in items:
        bullet = BULLET.match(text, block.start)
        clean_start = bullet.end() if bullet else block.start
        found = match_bold_header(text, clean_start)
        header = None
        if found is not None:
            if found.date_text(text).strip("- "):
                header = Header(found.date_text(text), found.date_start, found.date_end)
                dated += 1
            else:
                # The empty header "**- :**" carries nothing: leave it out of the cleaned text.
                clean_start = found.body_start
        cleaned = clean(text, clean_start, block.end, page_header=source.page_header)
        start, end = body_span(cleaned.text, header.text if header else "")
        entries.append(Entry(
            "timeline", len(entries) + 1, section_for(block.start, "timeline", sections, settings),
            block.start, block.end, cleaned, header, NAME, start, end,
        ))
    fit = dated / len(items) if items else 0.0
    return Proposal(NAME, entries, fit, [(e.start, e.end) for e in entries])
