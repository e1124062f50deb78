"""Choose the layouts of a document: run every finder, keep what fits, and say what was found.

Each finder proposes entries and how well its layout fits the document. The best-fitting
proposal takes its entries first; the others may add entries only outside the source ranges
already claimed, so a document can mix layouts (a prose introduction, then a list; a list, then
date-led lines). Entries whose date gives no year get the one the document gives them
(``pipeline.layouts.years``). Paragraphs no finder claimed are prose, for the narrative pass.

To add a layout: write a module with a ``find_entries(source, sections, settings, lines)`` that
returns a ``Proposal``, and add it to ``FINDERS``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.layouts import bold_bullets, date_led, dated_paragraphs, lists, prose, tables
from pipeline.layouts.base import Document, Entry, find_sections
from pipeline.layouts.lines import line_infos
from pipeline.layouts.years import assign_years, context_years, dateline
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import SpanSet

# The finders, in the order they are tried when two fit the same.
FINDERS = (
    bold_bullets.find_entries,
    lists.find_entries,
    date_led.find_entries,
    tables.find_entries,
)
# Tried only when no finder above found an entry: a report with a list of entries tells its other
# dated events in prose (the Mali report's sections open paragraph after paragraph with "On
# <date>, ..."), while a document that is only dated paragraphs is a timeline written as prose.
FALLBACK_FINDERS = (dated_paragraphs.find_entries,)


def segment(source: SourceText, settings: Settings | None = None) -> Document:
    """Split a report into sections, timeline entries and prose paragraphs.

    >>> from pipeline.readers.plain import read_plain
    >>> doc = segment(read_plain(Path("raw/mali.txt")))
    >>> len(doc.entries), doc.entries[0].header.text, doc.layouts
    (193, 'February 7, 2025', {'bold_date_bullets': 193})
    """
    settings = settings or Settings()
    sections = find_sections(source)
    lines = line_infos(source)
    proposals = [finder(source, sections, settings, lines) for finder in FINDERS]
    # Fits within a tenth of each other are a tie, which the order of FINDERS breaks: the Mali
    # report's list fits the bold-date bullets (0.96) and any dated list (0.97) alike.
    order = sorted(range(len(proposals)), key=lambda k: (-round(proposals[k].fit, 1), k))
    entries: list[Entry] = []
    claimed: list[tuple[int, int]] = []
    for k in order:
        proposal = proposals[k]
        if proposal.fit < settings.layout_min_fit:
            continue
        # The ranges claimed before this proposal, as a span set: testing each entry against
        # every claimed range was quadratic in the entries.
        before = SpanSet(claimed)
        taken = [e for e in proposal.entries if not before.overlaps(e.start, e.end)]
        entries.extend(taken)
        claimed.extend((e.start, e.end) for e in taken)
    if not entries:
        for finder in FALLBACK_FINDERS:
            proposal = finder(source, sections, settings, lines)
            if proposal.fit >= settings.layout_min_fit:
                entries.extend(proposal.entries)
                claimed.extend((e.start, e.end) for e in proposal.entries)
    entries.sort(key=lambda e: e.start)
    reference = dateline(source, lines, entries[0].start if entries else len(source.text))
    entries = assign_years(entries, source, lines)
    entries = context_years(entries, source, lines, reference)
    entries = [e if e.n == n else replace(e, n=n) for n, e in enumerate(entries, start=1)]
    paragraphs = context_years(prose.find_paragraphs(source, sections, settings, claimed),
                               source, lines, reference)
    events = prose.find_events(paragraphs, reference, source.metadata.url_month)
    layouts: dict[str, int] = {}
    for entry in entries:
        layouts[entry.layout] = layouts.get(entry.layout, 0) + 1
    warnings: list[str] = []
    if not entries:
        warnings.append("no timeline entries found in any known layout: only the prose was read")
    return Document(source, source.title, sections, entries, paragraphs, events, warnings, layouts,
                    reference)


def _overlaps(start: int, end: int, claimed: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in claimed)


def segment_text(text: str, settings: Settings | None = None, name: str = "report.txt") -> Document:
    """Segment a report given as plain or markdown text (for notebooks and tests).

    >>> doc = segment_text("Mali\\n\\n- **May 2, 2017:** Gunmen attack Gao.")
    >>> [(e.header.text, e.text) for e in doc.entries]
    [('May 2, 2017', 'May 2, 2017: Gunmen attack Gao.')]
    """
    from pipeline.readers.plain import source_from_text

    return segment(source_from_text(text, Path(name), "", settings=settings), settings)
