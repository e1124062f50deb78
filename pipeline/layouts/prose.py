"""Prose: the paragraphs no list layout claimed, each a narrative block.

The dated events inside them are chosen by ``pipeline.narrative`` (a sentence that states when
something happened and names an actor, a place or a figure).
"""

from __future__ import annotations

from pipeline.layouts.base import Entry, Section, body_span, section_for
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import clean

NAME = "prose"


def find_paragraphs(source: SourceText, sections: list[Section], settings: Settings,
                    claimed: list[tuple[int, int]]) -> list[Entry]:
    """The paragraphs outside the claimed ranges, as narrative entries in text order.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nOn May 2, 2017, gunmen attacked Gao.", Path("x.txt"), "0")
    >>> [p.text for p in find_paragraphs(src, find_sections(src), Settings(), [])]
    ['On May 2, 2017, gunmen attacked Gao.']
    """
    paragraphs: list[Entry] = []
    for block in source.blocks:
        if block.kind != "paragraph" or any(s <= block.start < e for s, e in claimed):
            continue
        cleaned = clean(source.text, block.start, block.end, page_header=source.page_header)
        start, end = body_span(cleaned, None)
        paragraphs.append(Entry(
            "narrative", len(paragraphs) + 1,
            section_for(block.start, "narrative", sections, settings),
            block.start, block.end, cleaned, None, NAME, start, end,
        ))
    return paragraphs
