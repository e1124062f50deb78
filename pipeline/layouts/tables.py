"""Table rows turned to text: one row, one entry.

- Pipe tables ("| Jan 1 | Mass shooting | 3 | 7 | Tel Aviv, Israel | ... |"): every row with a
  date cell; the header row and the ruler row have none.
- Rows flattened to spaces, each opening with its date ("28-Dec Potiskum, Yobe Suspected Boko
  Haram 1 A water vendor has died ..."): runs of at least ``MIN_ROWS`` consecutive lines that open
  with a date and no separator after it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.layouts.base import Entry, Proposal, Section, make_entry
from pipeline.layouts.lines import LineInfo
from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import DAY, MONTH, DateHeader, match_date_header

NAME = "table_rows"
MIN_ROWS = 3
_PIPE_ROW = re.compile(r"\s*\|?(?:[^|\n]*\|){3,}")
# "28-Dec", "3-Dec", "14 Dec": a day and a month with no year, as spreadsheets write them.
_DAY_MONTH = re.compile(rf"({DAY}[-\s](?:{MONTH}))(?=\s)")


def _row_date(text: str, pos: int) -> DateHeader | None:
    m = _DAY_MONTH.match(text, pos)
    if m:
        return DateHeader(m.start(1), m.end(1), m.end(1), separator="")
    date = match_date_header(text, pos)
    return date if date is not None and date.separator == "" else None


def _date_in(text: str, pos: int, end: int) -> DateHeader | None:
    """``match_date_header(text[:end], pos)``, reading only ``text[pos:end]``: the header
    patterns look at nothing before ``pos``, and copying the text up to each cell was quadratic
    in the rows of a table.

    >>> _date_in("| May 2, 2017 | Gao |", 2, 14)
    DateHeader(date_start=2, date_end=13, body_start=14, bold=False, separator='end')
    """
    found = match_date_header(text[pos:end])
    if found is None:
        return None
    return replace(found, date_start=found.date_start + pos, date_end=found.date_end + pos,
                   body_start=found.body_start + pos)


def find_entries(source: SourceText, sections: list[Section], settings: Settings,
                 lines: list[LineInfo]) -> Proposal:
    """The table rows of a document that hold a date.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.lines import line_infos
    >>> src = source_from_text("T\\n\\n| Date | Dead | Location |\\n| Jan 1 | 3 | Tel Aviv |\\n", Path("x.txt"), "0")
    >>> [(e.header.text, e.text) for e in find_entries(src, find_sections(src), Settings(), line_infos(src)).entries]
    [('Jan 1', 'Jan 1 | 3 | Tel Aviv |')]
    """
    text = source.text
    entries: list[Entry] = []
    for info in lines:
        if info.blank or not _PIPE_ROW.match(text, info.start, info.end):
            continue
        for cell in re.finditer(r"[^|]+", text[info.start : info.end]):
            pos = info.start + cell.start() + len(cell.group()) - len(cell.group().lstrip())
            date = _date_in(text, pos, info.start + cell.end())
            if date is not None:
                first = info.start + len(text[info.start : info.end]) - len(
                    text[info.start : info.end].lstrip(" |"))
                entries.append(make_entry(source, sections, settings, NAME, info.start, info.end,
                                          first, date))
                break
    run: list[tuple[LineInfo, DateHeader]] = []
    for info in [*lines, None]:
        date = None
        if info is not None and info.kind == "text" and not _PIPE_ROW.match(text, info.start, info.end):
            date = _row_date(text, info.marker_end)
        if date is not None:
            run.append((info, date))
            continue
        if len(run) >= MIN_ROWS:
            entries.extend(make_entry(source, sections, settings, NAME, i.start, i.end,
                                      i.marker_end, d) for i, d in run)
        run = []
    entries.sort(key=lambda e: e.start)
    return Proposal(NAME, entries, 1.0 if entries else 0.0, [(e.start, e.end) for e in entries])
