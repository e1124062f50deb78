"""Checks over one report's records, for the manifest: what a reader should look at.

Each finding is one line starting with the record id. The findings go to the manifest and the
terminal, never into the records: "a date after the day of the run" depends on the day, and a
report's records must be the same bytes on every run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from pipeline.schema import MAX_COUNT, Record

# A run of digits (thousands separators allowed), not an amount of money ("$500,000,000").
_DIGITS = re.compile(r"(?<![$€£\d,])(?:\d{1,3}(?:,\d{3})+|\d+)")
# A header date at the start of an entry's text: "February 30, 2024: ..." (no header otherwise).
_HEADER_DATE = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4})\s*:")
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
# The last entry of a cut-off file lacks its "Source:"; when nearly every other entry has one,
# that is worth a look. 0.9: 193 of 193 Mali entries end with their sources.
_SOURCED_SHARE = 0.9


def check_records(records: Sequence[Record], today: dt.date) -> list[str]:
    """Warnings about a report's records: repeated entries, impossible header dates, dates after
    ``today``, figures too large to be counts, a last entry without sources, and the records' own
    warnings.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> def rec(id, text, day=None):
    ...     return Record(id=id, report="r", section="s", kind="timeline", text=text,
    ...         span=TextSpan(start=0, end=1), date=DateValue(start=day, end=day, precision=None,
    ...         text=None), country=None, locations=[], actors=[], killed=None, injured=None,
    ...         kidnapped=None, casualties=[], sources=["Reuters"], event_type=None)
    >>> check_records([rec("a", "Gunmen attack Gao."), rec("b", "Gunmen  attack Gao.")], dt.date(2025, 1, 1))
    ['b: repeats a word for word (both kept)']
    >>> check_records([rec("c", "x", dt.date(2091, 3, 3))], dt.date(2025, 1, 1))
    ['c: date 2091-03-03 is after the day of the run (2025-01-01)']
    """
    warnings: list[str] = []
    first: dict[tuple[str, str], str] = {}
    for record in records:
        key = (record.kind, " ".join(record.text.split()))
        if key in first:
            warnings.append(f"{record.id}: repeats {first[key]} word for word (both kept)")
        else:
            first[key] = record.id
        header = _HEADER_DATE.match(record.text)
        if header and header["month"] in _MONTHS and record.date.start is None:
            try:
                dt.date(int(header["year"]), _MONTHS[header["month"]], int(header["day"]))
            except ValueError:
                text = header.group()[:-1].rstrip()
                warnings.append(f"{record.id}: header date {text!r} is not a calendar date: no date kept")
        if record.date.start is not None and record.date.start > today:
            warnings.append(f"{record.id}: date {record.date.start} is after the day of the run ({today})")
        for match in _DIGITS.finditer(record.text):
            if int(match.group().replace(",", "")) > MAX_COUNT:
                warnings.append(
                    f"{record.id}: the figure {match.group()} is larger than any count "
                    f"({MAX_COUNT:,}): not read as one"
                )
        warnings.extend(f"{record.id}: {w}" for w in record.warnings)
    timeline = [r for r in records if r.kind == "timeline"]
    if len(timeline) >= 2 and not timeline[-1].sources:
        sourced = sum(bool(r.sources) for r in timeline[:-1])
        if sourced >= _SOURCED_SHARE * (len(timeline) - 1):
            warnings.append(
                f"{timeline[-1].id}: the last entry has no sources while the others have: "
                "is the file cut off?"
            )
    return warnings
