"""Choose the layouts of a document: run every finder, keep what fits, and say what was found.

Each finder proposes entries and how well its layout fits the document. The best-fitting
proposal takes its entries first; the others may add entries only outside the source ranges
already claimed, so a document can mix layouts (a prose introduction, then a list). Paragraphs
no finder claimed are prose, for the narrative pass.
"""

from __future__ import annotations

from pipeline.layouts import bold_bullets, prose
from pipeline.layouts.base import Document, Entry, find_sections
from pipeline.readers.base import SourceText
from pipeline.settings import Settings

# The finders, in the order they are tried when two fit the same.
FINDERS = (bold_bullets.find_entries,)


def segment(source: SourceText, settings: Settings | None = None) -> Document:
    """Split a report into sections, timeline entries and prose paragraphs.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import read_plain
    >>> doc = segment(read_plain(Path("raw/mali.txt")))
    >>> len(doc.entries), doc.entries[0].header.text, doc.layouts
    (193, 'February 7, 2025', {'bold_date_bullets': 193})
    """
    settings = settings or Settings()
    sections = find_sections(source)
    proposals = [finder(source, sections, settings) for finder in FINDERS]
    proposals.sort(key=lambda p: -p.fit)
    entries: list[Entry] = []
    claimed: list[tuple[int, int]] = []
    for proposal in proposals:
        if proposal.fit < settings.layout_min_fit:
            continue
        for entry in proposal.entries:
            if not any(s <= entry.start < e for s, e in claimed):
                entries.append(entry)
        claimed.extend(proposal.claimed)
    entries.sort(key=lambda e: e.start)
    entries = [_renumber(e, n) for n, e in enumerate(entries, start=1)]
    paragraphs = prose.find_paragraphs(source, sections, settings, claimed)
    events = prose.find_events(paragraphs)
    layouts: dict[str, int] = {}
    for entry in entries:
        layouts[entry.layout] = layouts.get(entry.layout, 0) + 1
    warnings: list[str] = []
    if not entries:
        warnings.append("no timeline entries found in any known layout: only the prose was read")
    return Document(source, source.title, sections, entries, paragraphs, events, warnings, layouts)


def segment_text(text: str, settings: Settings | None = None, name: str = "report.txt") -> Document:
    """Segment a report given as plain or markdown text (for notebooks and tests).

    >>> doc = segment_text("Mali\\n\\n- **May 2, 2017:** Gunmen attack Gao.")
    >>> [(e.header.text, e.text) for e in doc.entries]
    [('May 2, 2017', 'May 2, 2017: Gunmen attack Gao.')]
    """
    from pathlib import Path

    from pipeline.readers.plain import source_from_text

    return segment(source_from_text(text, Path(name), "", settings=settings), settings)


def _renumber(entry: Entry, n: int) -> Entry:
    if entry.n == n:
        return entry
    from dataclasses import replace

    return replace(entry, n=n)
