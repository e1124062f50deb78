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
from pipeline.layouts.lines import LineInfo, place_then_date
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import DATE_SEARCH, DateHeader, match_date_header

NAME = "date_led"
_ELISION = re.compile(r"^\[\s*(?:\.\.\.|…)\s*\]$")
# Separators after which a date opens an entry on its own line.
_SEPARATORS = frozenset({":", "-", "--", "–", "—", ". –", ". -", "end", ""})
# A run-in entry starts after the end of a sentence: "... Tracker. September 26: Kidnappers ...".
_SENTENCE_BEFORE = re.compile(r"[.!?\"”)]\s+$")


def _opens_entry(info: LineInfo) -> bool:
    if info.kind not in ("text", "heading") or info.year is not None or info.month is not None:
        return False
    if info.date_line:
        return True
    date = info.date
    return date is not None and date.separator in _SEPARATORS


def _header_of(info: LineInfo) -> DateHeader | None:
    if info.date is not None:
        return info.date
    m = place_then_date(info.text)
    if m is None:
        return None
    start = info.marker_end + m.start("date")
    return DateHeader(start, start + len(m.group("date")), info.end, separator="end")


def _stops(info: LineInfo) -> bool:
    return info.year is not None or info.month is not None or bool(_ELISION.match(info.text))


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
    starts = [info.index for info in lines if _opens_entry(info)]
    entries: list[Entry] = []
    if len(starts) >= 2:
        start_set = set(starts)
        for i, k in enumerate(starts):
            last_of_run = i + 1 == len(starts)
            end_k = _entry_end(lines, k, start_set, last_of_run)
            info = lines[k]
            entries.append(make_entry(source, sections, settings, NAME, info.start,
                                      lines[end_k].end, info.marker_end, _header_of(info)))
    claimed = [(e.start, e.end) for e in entries]
    for block in source.blocks:
        if block.kind != "paragraph" or any(s <= block.start < e for s, e in claimed):
            continue
        cuts = _run_in_starts(text, block.start, block.end)
        if len(cuts) < 2:
            continue
        for i, (pos, date) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else block.end
            end = len(text[:end].rstrip())
            entries.append(make_entry(source, sections, settings, NAME, pos, end, pos, date))
    entries.sort(key=lambda e: e.start)
    fit = 1.0 if len(entries) >= 2 else 0.0
    return Proposal(NAME, entries, fit, [(e.start, e.end) for e in entries])


def _entry_end(lines: list[LineInfo], k: int, starts: set[int], last_of_run: bool) -> int:
    """The last line of the entry that starts at line ``k``."""
    head = lines[k]
    bare = head.date_line
    last = k
    has_text = not bare
    j = k + 1
    while j < len(lines):
        info = lines[j]
        if j in starts or _stops(info):
            break
        if info.blank:
            if last_of_run and has_text:
                break
            j += 1
            continue
        if info.kind == "heading" and (has_text or not bare or j > last + 2):
            break
        if info.kind == "heading":
            last = j  # the entry's own title under its date line
        else:
            last = j
            has_text = True
        j += 1
    return last


def _run_in_starts(text: str, start: int, end: int) -> list[tuple[int, DateHeader]]:
    """Where run-in entries start inside a paragraph: a date with a colon opening a sentence."""
    found: list[tuple[int, DateHeader]] = []
    for m in DATE_SEARCH.finditer(text, start, end):
        if m.start() > start and not _SENTENCE_BEFORE.search(text, max(start, m.start() - 4), m.start()):
            continue
        date = match_date_header(text, m.start())
        if date is not None and date.separator == ":" and date.date_start == m.start():
            found.append((m.start(), date))
    return found
