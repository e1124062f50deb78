"""The year of an entry whose date gives none, from what the document says, and the rule that did.

A careful reader takes the year, in this order, from:

1. ``year_heading``: the year or month heading above the entry ("2013", "-- 2013 --", "August
   2016", "Balochistan Timeline - 2018");
2. ``neighbours``: the entries around it that state their year, in the order the list runs
   ("June 17, 2007: ..." then "August 15: ..." then "Nov 24: ..." then "January 14, 2008: ..."):
   the year carries down the list and turns over where the months do;
3. ``dateline``: the document's own date, stated before its entries ("Posted: Jun 18, 2011",
   "This Article is From Jul 23, 2015", "from September 26 to October 2, 2020", a stored copy's URL
   "/2011/06/18/"), for a newest-first list of recent events: the first entry is the latest day
   on or before that date, and the year turns back where the months do;
4. ``title``: the one year the title names ("News Timeline: South Asia 2013").

With none of these the entry keeps a date without a year, which the date field leaves unknown. The
rule never gives a day or a month: it only chooses the year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from pipeline.layouts.base import Entry, YearContext
from pipeline.layouts.lines import HEDGED_YEAR, LineInfo, governs, month_number
from pipeline.readers.base import SourceText
from pipeline.text import DAY, MONTH, YEAR

_HAS_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")
_MONTH_DAY = re.compile(rf"(?P<month>{MONTH})\.?\s+(?P<day>{DAY})(?!\d)|(?P<day2>{DAY})[\s-]+(?P<month2>{MONTH})")
_BARE_MONTH = re.compile(rf"^(?:\w+day,?\s+)?(?P<month>{MONTH})")
# A full date with a year, as a dateline or an introduction states it.
_FULL_DATE = re.compile(
    rf"(?P<month>{MONTH})\.?\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})"
    rf"|(?P<day2>{DAY})[\s-]+(?P<month2>{MONTH}),?\s+(?P<year2>{YEAR})"
    rf"|(?P<iso>{YEAR})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
)
# A line short enough to be a dateline rather than a sentence of the text ("West and Central
# Africa: Weekly Regional Humanitarian Snapshot (22 - 28 August 2017)"), among the first lines.
_DATELINE_CHARS = 120
_HEAD_LINES = 12


def _month_day(header: str) -> tuple[int, int] | None:
    """(month, day) of a header without a year; (month, 0) for a month alone."""
    m = _MONTH_DAY.search(header)
    if m:
        month = month_number(m.group("month") or m.group("month2"))
        day = int(re.match(r"\d+", m.group("day") or m.group("day2")).group())
        return (month, day) if month else None
    m = _BARE_MONTH.search(header)
    if m:
        month = month_number(m.group("month"))
        return (month, 0) if month else None
    return None


def _full_date(match: re.Match) -> dt.date | None:
    try:
        if match.group("iso"):
            return dt.date(int(match.group("iso")), int(match.group("m3")), int(match.group("d3")))
        month = month_number(match.group("month") or match.group("month2"))
        day = int(re.match(r"\d+", match.group("day") or match.group("day2")).group())
        year = int(match.group("year") or match.group("year2"))
        return dt.date(year, month, day) if month else None
    except ValueError:
        return None


def dateline(source: SourceText, lines: list[LineInfo], before: int) -> dt.date | None:
    """The document's own date: the first full date on a short line at the head of the document
    ("Posted: Jun 18, 2011", "This Article is From Jul 23, 2015", "Tue, Nov. 26, 2013"), else the
    last full date of the text right before the first entry ("... from September 26 to October 2,
    2020. September 26: ..."), else the stored copy's URL date."""
    head = 0
    last = None
    for info in lines:
        if info.start >= before:
            break
        # The title line counts: "This Article is From Jul 23, 2015" is one.
        if info.blank and info.kind != "title":
            continue
        head += 1
        text = source.text[info.start : min(info.end, before)]
        matches = list(_FULL_DATE.finditer(text))
        if matches and head <= _HEAD_LINES and len(text) <= _DATELINE_CHARS:
            found = _full_date(matches[0])
            if found is not None:
                return found
        if matches and info.end >= before:
            last = _full_date(matches[-1]) or last
    return last or source.metadata.published


def _headings(lines: list[LineInfo]) -> list[tuple[int, int]]:
    """(offset, year) of every year or month heading (a month line that is an entry's own date
    line is not one)."""
    out = []
    for info in lines:
        if info.year is not None:
            out.append((info.start, info.year))
        elif info.month is not None and governs(lines, info.index):
            out.append((info.start, info.month[0]))
    return out


def _title_year(source: SourceText) -> int | None:
    """The one year the title names, unless hedged ("... sometime in 2015": a caption's guess)."""
    if HEDGED_YEAR.search(source.title or ""):
        return None
    years = set(_HAS_YEAR.findall(source.title or ""))
    return int(years.pop()) if len(years) == 1 else None


def assign_years(entries: list[Entry], source: SourceText, lines: list[LineInfo]) -> list[Entry]:
    """The entries, each whose header gives no year with the year the document gives it.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.detect import segment
    >>> doc = segment(source_from_text("Attacks\\n\\nPosted: Jun 18, 2011\\n\\n_June 18: A.\\n\\n_Jan. 12: B.\\n\\n"
    ...                                "_Dec. 19: C.\\n", Path("x.txt"), "0"))
    >>> [(e.header.text, e.year.year, e.year.rule) for e in doc.entries]
    [('June 18', 2011, 'dateline'), ('Jan. 12', 2011, 'dateline'), ('Dec. 19', 2010, 'dateline')]
    """
    if not entries:
        return entries
    headings = _headings(lines)
    needs = [e.header is not None and not _HAS_YEAR.search(e.header.text) for e in entries]
    if not any(needs):
        return entries
    days = [_month_day(e.header.text) if e.header else None for e in entries]
    stated = [_stated_year(e) for e in entries]
    out = list(entries)
    # 1. headings
    for i, e in enumerate(entries):
        if needs[i]:
            above = [year for pos, year in headings if pos < e.start]
            if above:
                out[i] = replace(e, year=YearContext(above[-1], "year_heading"))
                needs[i] = False
    # 2. neighbours that state their year
    anchors = [i for i, y in enumerate(stated) if y is not None and days[i] is not None]
    if anchors and any(needs):
        descending = _descending(days, stated)
        for i in range(len(entries)):
            if not needs[i] or days[i] is None:
                continue
            year = _carry(i, anchors, days, stated, descending)
            if year is not None:
                out[i] = replace(entries[i], year=YearContext(year, "neighbours"))
                needs[i] = False
    # 3. the document's date, for a list of recent events. Each entry is the latest such day on
    # or before that date ("September 26" to "October 2" in an update "from September 26 to
    # October 2, 2020"); a list that runs newest first goes on back past a year's turn, so its
    # year drops where the months rise again ("Jan. 12" then "Dec. 19": the December before).
    if any(needs):
        ref = dateline(source, lines, entries[0].start)
        if ref is not None:
            descending = _descending(days, stated)
            year, prev = ref.year, (ref.month, ref.day)
            for i, e in enumerate(entries):
                if days[i] is None:
                    continue
                if stated[i] is not None:
                    year, prev = stated[i], days[i]
                    continue
                if descending:
                    if days[i] > prev:
                        year -= 1
                    prev = days[i]
                    guess = year
                else:
                    guess = ref.year if days[i] <= (ref.month, ref.day) else ref.year - 1
                if needs[i]:
                    out[i] = replace(e, year=YearContext(guess, "dateline"))
                    needs[i] = False
    # 4. the title's year, else the one year of the stored copy's address ("/spreadsheet/2014-2/")
    title = _title_year(source)
    rule = "title"
    if title is None:
        title, rule = source.metadata.url_year, "url"
    if title is not None:
        for i, e in enumerate(entries):
            if needs[i]:
                out[i] = replace(e, year=YearContext(title, rule))
    return out


def context_years(entries: list[Entry], source: SourceText, lines: list[LineInfo],
                  reference: dt.date | None) -> list[Entry]:
    """Entries with no date header, each with the year its place in the document gives it: the
    year heading above it, else the title's year, else the document's date's. The date field
    reads the entry's own dates in that year ("on May 13" in "the 10 most deadly attacks of
    2015")."""
    headings = _headings(lines)
    title = _title_year(source)
    out = []
    for e in entries:
        if e.header is not None or e.year is not None:
            out.append(e)
            continue
        above = [year for pos, year in headings if pos < e.start]
        if above:
            e = replace(e, year=YearContext(above[-1], "year_heading"))
        elif title is not None:
            e = replace(e, year=YearContext(title, "title"))
        elif reference is not None:
            e = replace(e, year=YearContext(reference.year, "dateline"))
        out.append(e)
    return out


def _stated_year(entry: Entry) -> int | None:
    if entry.header is None:
        return None
    years = _HAS_YEAR.findall(entry.header.text)
    return int(years[-1]) if years else None


def _descending(days: list, stated: list) -> bool:
    """Whether the list runs newest first: by its dated entries, else by its months."""
    dated = [(stated[i], days[i]) for i in range(len(days)) if stated[i] is not None and days[i]]
    if len(dated) >= 2 and dated[0] != dated[-1]:
        return dated[0] > dated[-1]
    steps = [(a, b) for a, b in zip(days, days[1:]) if a and b]
    down = sum(a > b for a, b in steps)
    return down >= len(steps) - down


def _carry(i: int, anchors: list[int], days: list, stated: list, descending: bool) -> int | None:
    """The year of entry ``i`` carried from the nearest entry before it that states its year
    (or after it, when none comes before), turning over where the months do."""
    before = [a for a in anchors if a < i]
    if before:
        k = before[-1]
        year, prev = stated[k], days[k]
        for j in range(k + 1, i + 1):
            if days[j] is None:
                continue
            if stated[j] is not None:
                year, prev = stated[j], days[j]
                continue
            if descending and days[j] > prev:
                year -= 1
            elif not descending and days[j] < prev:
                year += 1
            prev = days[j]
        return year
    after = [a for a in anchors if a > i]
    if not after:
        return None
    k = after[0]
    year, nxt = stated[k], days[k]
    for j in range(k - 1, i - 1, -1):
        if days[j] is None:
            continue
        if descending and days[j] < nxt:
            year += 1
        elif not descending and days[j] > nxt:
            year -= 1
        nxt = days[j]
    return year
