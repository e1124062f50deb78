"""Date-led lines and date headings: entries that open with their date, outside a list.

- Date-led lines or paragraphs: "January 12: At least six people die ...", "18 Jan 2012: Two
  soldiers ...", "2012-03-10 - ...", "March 3, 2013 — ...", "Oct. 12, 2000 The bombing of ...",
  "17 January 2006 -- ...", "May 26— Taliban fighters ...".
- Date headings: a line that is only a date, or a date with a short place or title, above the
  entry's text: "2017: 22 March", "Feb 7", "Saturday August 6", "August 25, 2010:",
  "March 3: Pakistan", "2025 – Pahalgam Attack", "Maiduguri, Nigeria - July 2009"; the entry's own
  title line right under it ("USS Cole attack") belongs to it.
- Run-in entries: several "Month D: ..." entries written one after another in one paragraph
  ("September 26: Kidnappers abducted four ... September 27: Bandits killed one ...") are cut at
  each date that starts a sentence.

An entry runs to the next one, over the paragraphs and sub-bullets between; it stops at a year or
month heading, at a heading line once it has text, at an elision mark ("[...]"), and, for the last
entry of a run, after its first paragraph of text.
"""

from __future__ import annotations

import re

from pipeline.layouts.base import Entry, Proposal, Section, make_entry
from pipeline.layouts.lines import LineInfo, governs, place_then_date, run_in_starts
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import (
    MONTH, YEAR, DateHeader, SpanSet, ends_sentence, match_date_header, rstrip_end,
)

NAME = "date_led"
_ELISION = re.compile(r"^\[\s*(?:\.\.\.|…)\s*\]$")
# A short line with no full stop right under a date line is the entry's title ("USS Cole attack",
# "Attempted assassination" / "of Saudi prince").
_TITLE_WORDS = 8
# Separators after which a date opens an entry on its own line.
_SEPARATORS = frozenset({":", "-", "--", "–", "—", ". –", ". -", "end", "", ","})


def _opens_entry(info: LineInfo, lines: list[LineInfo]) -> bool:
    if info.kind not in ("text", "heading"):
        return False
    if info.year is not None or info.month is not None:
        # A month line over an entry's own title and text ("January 2009" / "Al-Qaeda merger")
        # is that entry's date line; over dated lines it is their heading.
        return info.month is not None and not governs(lines, info.index)
    if info.date_line:
        return True
    date = info.date
    return date is not None and date.separator in _SEPARATORS


def _header_of(info: LineInfo) -> DateHeader | None:
    if info.date is not None:
        return info.date
    if info.month is not None:
        m = re.search(rf"(?:{MONTH})\.?\s*,?\s+{YEAR}", info.text)
        start = info.marker_end + m.start()
        return DateHeader(start, start + len(m.group()), info.end, separator="end")
    m = place_then_date(info.text)
    if m is None:
        return None
    start = info.marker_end + m.start("date")
    return DateHeader(start, start + len(m.group("date")), info.end, separator="end")


def _stops(info: LineInfo, lines: list[LineInfo]) -> bool:
    if info.year is not None:
        return True
    if info.month is not None:
        return governs(lines, info.index)
    return bool(_ELISION.match(info.text))


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list[LineInfo]) -> Proposal:
    """The date-led entries of a document, and the run-in entries of its paragraphs.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.lines import line_infos
    >>> src = source_from_text("T\\n\\nMay 31 — A bombing kills 90.\\n\\nMay 27 — 18 people were killed.\\n"
    ...                        "More died later.\\n", Path("x.txt"), "0")
    >>> [e.text for e in find_entries(src, find_sections(src), Settings(), line_infos(src)).entries]
    ['May 31 — A bombing kills 90.', 'May 27 — 18 people were killed. More died later.']
    """
    text = source.text
    starts = [info.index for info in lines if _opens_entry(info, lines)]
    entries: list[Entry] = []
    # One date-led line makes a list only under a year heading ("Balochistan Timeline - 2018" /
    # "January 1"); alone, it may be the document's dateline.
    if len(starts) >= 2 or (starts and _under_year_heading(lines, starts[0])):
        start_set = set(starts)
        for i, k in enumerate(starts):
            last_of_run = i + 1 == len(starts)
            end_k = _entry_end(lines, k, start_set, last_of_run)
            info = lines[k]
            entries.append(make_entry(source, sections, settings, NAME, info.start,
                                      lines[end_k].end, info.marker_end, _header_of(info)))
    claimed = SpanSet((e.start, e.end) for e in entries)
    for block in source.blocks:
        if block.kind not in ("paragraph", "list_item") or claimed.covers(block.start):
            continue
        cuts = run_in_starts(text, block.start, block.end)
        if len(cuts) < 2:
            continue
        for i, (pos, date) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else block.end
            end = rstrip_end(text, end)
            entries.append(make_entry(source, sections, settings, NAME, pos, end, pos, date))
    entries.sort(key=lambda e: e.start)
    fit = 1.0 if len(entries) >= 2 else 0.0
    return Proposal(NAME, entries, fit, [(e.start, e.end) for e in entries])


def _under_year_heading(lines: list[LineInfo], k: int) -> bool:
    above = [info for info in lines[:k] if not info.blank]
    return bool(above) and above[-1].year is not None


def _entry_end(lines: list[LineInfo], k: int, starts: set[int], last_of_run: bool) -> int:
    """The last line of the entry that starts at line ``k``."""
    head = lines[k]
    bare = head.date_line or head.month is not None
    last = k
    has_text = not bare
    j = k + 1
    while j < len(lines):
        info = lines[j]
        if j in starts or _stops(info, lines):
            break
        if info.blank:
            if last_of_run and has_text:
                break
            j += 1
            continue
        title = info.kind == "heading" or (
            len(info.text.split()) <= _TITLE_WORDS and not ends_sentence(info.text))
        if title and (has_text or not bare or j > last + 2):
            if info.kind == "heading" or has_text:
                break
        if title and not has_text and bare:
            last = j  # the entry's own title under its date line ("USS Cole attack")
        else:
            last = j
            has_text = True
        j += 1
    return last
